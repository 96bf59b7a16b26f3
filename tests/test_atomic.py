"""Tests for stalin_telegrams._atomic: files written whole or not at all."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from stalin_telegrams._atomic import atomic_text, replacing

GOOD = "id,text\n1,a whole record\n" * 42


def names(folder: Path) -> list[str]:
    """Return the names of the files in *folder*, sorted."""
    return sorted(p.name for p in folder.iterdir())


class _FullError(OSError):
    """The disk filled up part-way."""


def write_then_fail(target: Path, error: BaseException) -> None:
    """Write half a record to *target* through atomic_text(), then raise *error*."""
    with atomic_text(target) as stream:
        stream.write("1,half a rec")
        raise error


def write_path_then_fail(target: Path, error: BaseException) -> None:
    """Write some bytes to the path replacing() yields for *target*, then raise *error*."""
    with replacing(target) as path:
        path.write_bytes(b"ne")
        raise error


def write_all(target: str | Path) -> None:
    """Write a good file to *target* through atomic_text()."""
    with atomic_text(target) as stream:
        stream.write(GOOD)


class TestAtomicText:
    """atomic_text() replaces the target only with a complete file."""

    def test_new_file(self, tmp_path: Path) -> None:
        """A new file holds what was written, and nothing else is left in the folder."""
        target = tmp_path / "out.csv"
        with atomic_text(target) as stream:
            stream.write(GOOD)
        assert GOOD == target.read_text(encoding="utf-8")
        assert ["out.csv"] == names(tmp_path)

    def test_replaces_whole(self, tmp_path: Path) -> None:
        """An existing file is replaced by the new content."""
        target = tmp_path / "out.csv"
        target.write_text(GOOD, encoding="utf-8")
        with atomic_text(target) as stream:
            stream.write("short\n")
        assert "short\n" == target.read_text(encoding="utf-8")

    def test_nothing_in_place_until_done(self, tmp_path: Path) -> None:
        """While the body writes, the target still holds the old content."""
        target = tmp_path / "out.csv"
        target.write_text(GOOD, encoding="utf-8")
        with atomic_text(target) as stream:
            stream.write("new\n")
            stream.flush()
            assert GOOD == target.read_text(encoding="utf-8")
            assert 2 == len(names(tmp_path))

    def test_disk_full_part_way(self, tmp_path: Path) -> None:
        """A write that fails part-way leaves the target whole and no temporary file."""
        target = tmp_path / "out.csv"
        target.write_text(GOOD, encoding="utf-8")
        with pytest.raises(_FullError):
            write_then_fail(target, _FullError(errno.ENOSPC, "No space left on device"))
        assert GOOD == target.read_text(encoding="utf-8")
        assert ["out.csv"] == names(tmp_path)

    def test_interrupted(self, tmp_path: Path) -> None:
        """Ctrl-C in the body leaves the target whole and no temporary file."""
        target = tmp_path / "out.csv"
        target.write_text(GOOD, encoding="utf-8")
        with pytest.raises(KeyboardInterrupt):
            write_then_fail(target, KeyboardInterrupt())
        assert GOOD == target.read_text(encoding="utf-8")
        assert ["out.csv"] == names(tmp_path)

    def test_utf8(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """The file is UTF-8 whatever the locale, with no newline translation."""
        monkeypatch.setenv("LC_ALL", "C")
        target = tmp_path / "out.txt"
        with atomic_text(target) as stream:
            stream.write("Stalingrad\u2014\u0160uba\u0161i\u0107\r\n")
        assert "Stalingrad\u2014\u0160uba\u0161i\u0107\r\n".encode() == target.read_bytes()

    def test_keeps_mode(self, tmp_path: Path) -> None:
        """A replaced file keeps its permissions."""
        target = tmp_path / "out.csv"
        target.write_text(GOOD, encoding="utf-8")
        target.chmod(0o640)
        with atomic_text(target) as stream:
            stream.write("new\n")
        assert 0o640 == stat.S_IMODE(target.stat().st_mode)

    def test_new_file_mode(self, tmp_path: Path) -> None:
        """A new file gets the permissions open() would give it, not a private 0600."""
        umask = os.umask(0o022)
        try:
            with atomic_text(tmp_path / "out.csv") as stream:
                stream.write("new\n")
        finally:
            os.umask(umask)
        assert 0o644 == stat.S_IMODE((tmp_path / "out.csv").stat().st_mode)

    def test_symlink_kept(self, tmp_path: Path) -> None:
        """A target that is a link has the file it points to replaced, the link kept."""
        real = tmp_path / "real.csv"
        real.write_text(GOOD, encoding="utf-8")
        link = tmp_path / "link.csv"
        link.symlink_to(real)
        with atomic_text(link) as stream:
            stream.write("new\n")
        assert (True, "new\n") == (link.is_symlink(), real.read_text(encoding="utf-8"))

    def test_directory(self, tmp_path: Path) -> None:
        """A folder as target is an error naming it, and nothing is created."""
        with pytest.raises(IsADirectoryError) as raised, atomic_text(tmp_path):
            pass
        assert str(tmp_path) == raised.value.filename
        assert [] == names(tmp_path)

    def test_missing_folder(self, tmp_path: Path) -> None:
        """A target in a missing folder is an error naming the target."""
        target = tmp_path / "missing" / "out.csv"
        with pytest.raises(FileNotFoundError) as raised, atomic_text(target):
            pass
        assert str(target) == raised.value.filename

    @pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
    def test_device_written_in_place(self) -> None:
        """A device is written in place, never replaced: /dev/full says it is full."""
        with pytest.raises(OSError, match="No space left") as raised:
            write_all("/dev/full")
        assert errno.ENOSPC == raised.value.errno
        assert stat.S_ISCHR(Path("/dev/full").stat().st_mode)

    @pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
    def test_special_folder_in_place(self) -> None:
        """A file under /dev is written in place, never replaced."""
        write_all("/dev/null")
        assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)

    def test_fifo_in_place(self, tmp_path: Path) -> None:
        """A named pipe is written in place, so its reader gets the text."""
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        try:
            write_all(fifo)
            assert GOOD.encode() == os.read(fd, 2 * len(GOOD))
        finally:
            os.close(fd)
        assert (True, ["pipe"]) == (stat.S_ISFIFO(fifo.stat().st_mode), names(tmp_path))


class TestReplacing:
    """replacing() yields a path to write and moves it over the target when done."""

    def test_writer_by_path(self, tmp_path: Path) -> None:
        """A writer wanting a file name writes the yielded path, which then replaces the target."""
        target = tmp_path / "out.bin"
        target.write_bytes(b"old")
        with replacing(target) as path:
            assert target != path
            assert path.parent == target.parent
            path.write_bytes(b"new")
        assert (b"new", ["out.bin"]) == (target.read_bytes(), names(tmp_path))

    def test_writer_fails(self, tmp_path: Path) -> None:
        """A writer that fails leaves the target and removes what it wrote."""
        target = tmp_path / "out.bin"
        target.write_bytes(b"old")
        with pytest.raises(ValueError, match="bad row"):
            write_path_then_fail(target, ValueError("bad row"))
        assert (b"old", ["out.bin"]) == (target.read_bytes(), names(tmp_path))
