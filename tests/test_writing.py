"""Tests for stalin_telegrams._writing: all-at-once file writes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from stalin_telegrams._writing import replacing, write_bytes, write_text


class TestReplacing:
    """replacing() swaps the target for a finished temporary file."""

    def test_replaces_on_success(self, tmp_path: Path) -> None:
        """The target gets the new content; no temporary file is left."""
        target = tmp_path / "out.txt"
        target.write_text("old", encoding="utf-8")
        with replacing(target) as temporary:
            assert target.parent == temporary.parent
            assert target != temporary
            temporary.write_text("new", encoding="utf-8")
            assert "old" == target.read_text(encoding="utf-8")
        assert "new" == target.read_text(encoding="utf-8")
        assert ["out.txt"] == [p.name for p in tmp_path.iterdir()]

    def test_keeps_target_on_failure(self, tmp_path: Path) -> None:
        """An exception leaves the target untouched and removes the temporary file."""
        target = tmp_path / "out.txt"
        target.write_text("old", encoding="utf-8")

        def fail() -> None:
            with replacing(target) as temporary:
                temporary.write_text("half", encoding="utf-8")
                raise RuntimeError

        with pytest.raises(RuntimeError):
            fail()
        assert "old" == target.read_text(encoding="utf-8")
        assert ["out.txt"] == [p.name for p in tmp_path.iterdir()]

    def test_permissions_of_a_new_file(self, tmp_path: Path) -> None:
        """The result has the permissions a new file gets, not a temporary file's 0600."""
        mask = os.umask(0o022)
        try:
            write_text(tmp_path / "out.txt", "x")
        finally:
            os.umask(mask)
        assert 0o644 == stat.S_IMODE((tmp_path / "out.txt").stat().st_mode)

    def test_missing_folder(self, tmp_path: Path) -> None:
        """A target in a folder that does not exist raises FileNotFoundError."""
        with pytest.raises(FileNotFoundError):
            write_text(tmp_path / "nowhere" / "out.txt", "x")


class TestWriteText:
    """write_text() writes UTF-8 text as given."""

    def test_text(self, tmp_path: Path) -> None:
        """Non-ASCII text and newlines are written unchanged."""
        write_text(tmp_path / "t", "Молотов\r\nend\n")
        assert "Молотов\r\nend\n".encode() == (tmp_path / "t").read_bytes()


class TestWriteBytes:
    """write_bytes() writes bytes as given."""

    def test_bytes(self, tmp_path: Path) -> None:
        """The file holds the bytes."""
        write_bytes(tmp_path / "b", b"\x00\x01")
        assert b"\x00\x01" == (tmp_path / "b").read_bytes()
