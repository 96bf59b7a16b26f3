"""Tests for stalin_telegrams.pipeline._source: the raw file and page-order repair."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from stalin_telegrams.pipeline import _source
from stalin_telegrams.pipeline._tables import Move


def _lines(n: int) -> tuple[_source.Line, ...]:
    return tuple(_source.Line(i, f"l{i}") for i in range(1, n + 1))


class TestReadSource:
    """read_source reads the pinned raw file and refuses any other."""

    def test_hash_is_pinned(self) -> None:
        """The packaged raw file is byte for byte the edition's transcription."""
        digest = hashlib.sha256(_source.SOURCE_FILE.read_bytes()).hexdigest()
        assert "7dfecea6d4926a6efe4ae898f7e08600e8779c5e1e8225093cef9de9ebe45cca" == digest

    def test_line_count(self) -> None:
        """All 4,735 lines are read (the last has no final newline)."""
        lines = _source.read_source()
        assert 4735 == len(lines)
        assert "December 23, 1945" == lines[-1].text

    def test_other_file_refused(self, tmp_path: Path) -> None:
        """A file with another hash is refused."""
        other = tmp_path / "raw.txt"
        other.write_text("not the volume\n", encoding="utf-8")
        with pytest.raises(ValueError, match="sha256"):
            _source.read_source(other)


class TestRepairOrder:
    """repair_order moves blocks of lines and keeps every line once."""

    def test_exchange(self) -> None:
        """Two exchanged blocks are put back in place."""
        moves = [Move(8, 9, 2, "", "0", ""), Move(3, 4, 7, "", "0", "")]
        order = [line.no for line in _source.repair_order(_lines(10), moves)]
        assert [1, 2, 8, 9, 5, 6, 7, 3, 4, 10] == order

    def test_overlap_refused(self) -> None:
        """Overlapping moves are refused."""
        moves = [Move(2, 4, 8, "", "0", ""), Move(4, 5, 9, "", "0", "")]
        with pytest.raises(ValueError, match="overlaps"):
            _source.repair_order(_lines(10), moves)

    def test_outside_refused(self) -> None:
        """A move naming lines the file lacks is refused."""
        with pytest.raises(ValueError, match="outside"):
            _source.repair_order(_lines(5), [Move(4, 6, 1, "", "0", "")])
