"""Tests for stalin_telegrams._atomic: files written whole or not at all."""

from __future__ import annotations

import errno
import os
import select
import signal
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from stalin_telegrams import load
from stalin_telegrams._atomic import atomic_text, replacing
from stalin_telegrams.exceptions import ArgumentTypeError, ExportError, InvalidArgumentError
from tests.extras import need

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


# The rules, against every writer of the package: each takes a corpus and a
# path, as Corpus.to_* and the command line's export --output do.
def _csv(path: object) -> None:
    with atomic_text(path) as stream:  # type: ignore[arg-type]
        stream.write(GOOD)


def _parquet(path: object) -> None:
    need("pyarrow")
    load()[:3].to_parquet(path)  # type: ignore[arg-type]


def _cmif(path: object) -> None:
    load()[:3].to_cmif(path, url="https://example.org/cmif.xml")  # type: ignore[arg-type]


def _sqlite(path: object) -> None:
    load()[:3].to_sqlite(path)  # type: ignore[arg-type]


def _datapackage(path: object) -> None:
    load()[:3].to_datapackage(path)  # type: ignore[arg-type]


#: The writers of one file, by name; the SQLite one writes its metadata file too.
FILE_WRITERS: dict[str, Callable[[object], None]] = {
    "csv": _csv,
    "parquet": _parquet,
    "cmif": _cmif,
    "sqlite": _sqlite,
}
#: Every writer, the folder one included.
WRITERS = {**FILE_WRITERS, "datapackage": _datapackage}
#: The writers that can write a stream in place (not SQLite, which needs a file).
STREAM_WRITERS = {name: w for name, w in FILE_WRITERS.items() if name != "sqlite"}


def _device(folder: Path, name: str, minor: int) -> Path:
    """Make a character device like /dev/null (minor 3) or /dev/full (7) in *folder*, or skip."""
    if os.geteuid() != 0:
        pytest.skip("SKIPPING: making a device node needs root (CI runs as root)")
    node = folder / name
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    try:
        os.close(os.open(node, os.O_WRONLY))
    except PermissionError:
        pytest.skip(f"SKIPPING: {folder} is mounted without devices (nodev)")
    return node


class _Reader(threading.Thread):
    """Read a named pipe to its end in the background."""

    def __init__(self, fifo: Path) -> None:
        super().__init__(daemon=True)
        self.fifo = fifo
        self.data = b""

    def run(self) -> None:
        with self.fifo.open("rb") as stream:
            self.data = stream.read()


class TestEveryWriter:
    """Every writer keeps every rule of the module, whatever the target."""

    @pytest.mark.parametrize("writer", WRITERS.values(), ids=WRITERS)
    @pytest.mark.parametrize(
        ("bad", "error"),
        [
            (None, ArgumentTypeError),
            (b"out.bin", ArgumentTypeError),
            (1, ArgumentTypeError),
            (2.5, ArgumentTypeError),
            ("", InvalidArgumentError),
            ("out\0.bin", InvalidArgumentError),
        ],
        ids=["None", "bytes", "int", "float", "empty", "NUL"],
    )
    def test_bad_path(
        self,
        writer: Callable[[object], None],
        bad: object,
        error: type[Exception],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """A path that is no path is a typed error, and nothing is written (not even to fd 1)."""
        monkeypatch.chdir(tmp_path)
        with pytest.raises(error, match=r"expected a file path|NUL"):
            writer(bad)
        assert [] == names(tmp_path)

    @pytest.mark.parametrize("writer", FILE_WRITERS.values(), ids=FILE_WRITERS)
    def test_full_device(self, writer: Callable[[object], None], tmp_path: Path) -> None:
        """A device that is full gives an OSError, and the node stays a device."""
        node = _device(tmp_path, "full", 7)
        with pytest.raises(OSError, match=r"No space left|regular file") as raised:
            writer(node)
        assert str(node) == raised.value.filename
        assert stat.S_ISCHR(node.lstat().st_mode)
        assert ["full"] == names(tmp_path)

    @pytest.mark.parametrize("writer", STREAM_WRITERS.values(), ids=STREAM_WRITERS)
    def test_null_device(self, writer: Callable[[object], None], tmp_path: Path) -> None:
        """A null device is written in place and stays a device."""
        node = _device(tmp_path, "null", 3)
        writer(node)
        assert (True, ["null"]) == (stat.S_ISCHR(node.lstat().st_mode), names(tmp_path))

    def test_sqlite_refuses_a_device(self, tmp_path: Path) -> None:
        """SQLite, which needs a regular file, refuses a device, naming it; nothing is written."""
        node = _device(tmp_path, "null", 3)
        with pytest.raises(ExportError, match="regular file") as raised:
            _sqlite(node)
        assert (str(node), ["null"]) == (raised.value.filename, names(tmp_path))

    @pytest.mark.parametrize("link", [False, True], ids=["fifo", "link-to-fifo"])
    @pytest.mark.parametrize("writer", STREAM_WRITERS.values(), ids=STREAM_WRITERS)
    def test_fifo(self, writer: Callable[[object], None], link: bool, tmp_path: Path) -> None:
        """A named pipe, or a link to one, is written in place: the reader gets it all."""
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        target = fifo
        if link:
            target = tmp_path / "link"
            target.symlink_to(fifo)
        reader = _Reader(fifo)
        reader.start()
        writer(target)
        reader.join(timeout=30)
        assert not reader.is_alive()
        assert reader.data
        assert stat.S_ISFIFO(fifo.lstat().st_mode)
        assert link == target.is_symlink()

    def test_parquet_to_a_fifo_whose_reader_left(self, tmp_path: Path) -> None:
        """A Parquet export to a pipe that breaks fails, and the pipe is still there."""
        need("pyarrow")
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        failures: list[BaseException] = []

        def export() -> None:
            try:
                load().to_parquet(fifo)
            except BaseException as err:  # noqa: BLE001 - kept for the test to judge
                failures.append(err)

        writer = threading.Thread(target=export, daemon=True)
        writer.start()
        # Once the writer has filled the pipe (nothing reads it), the reader goes.
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        assert poller.poll(30_000)
        os.close(fd)
        writer.join(timeout=30)
        assert not writer.is_alive()
        assert [BrokenPipeError] == [type(err) for err in failures]
        assert str(fifo) == failures[0].filename  # type: ignore[attr-defined]
        assert (True, ["pipe"]) == (stat.S_ISFIFO(fifo.lstat().st_mode), names(tmp_path))

    @pytest.mark.parametrize("writer", FILE_WRITERS.values(), ids=FILE_WRITERS)
    def test_dotdot_through_dev(self, writer: Callable[[object], None], tmp_path: Path) -> None:
        """A path through /dev/.. is resolved first: the file is replaced, not written in place."""
        target = Path(f"/dev/..{tmp_path}/out.bin")
        real = tmp_path / "out.bin"
        real.write_bytes(b"old")
        writer(target)
        assert b"old" != real.read_bytes()
        assert stat.S_ISREG(real.lstat().st_mode)

    def test_dotdot_under_a_size_limit(self, tmp_path: Path) -> None:
        """Under a file size limit, a /dev/.. path leaves the old file whole."""
        real = tmp_path / "out.csv"
        real.write_text(GOOD, encoding="utf-8")
        script = (
            "import resource, sys\n"
            "from stalin_telegrams._atomic import atomic_text\n"
            "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))\n"
            "try:\n"
            "    with atomic_text(sys.argv[1]) as s:\n"
            "        s.write('x' * 100000)\n"
            "except OSError as err:\n"
            "    print(err.errno, err.filename)\n"
        )
        given = f"/dev/..{real}"
        done = subprocess.run(
            [sys.executable, "-c", script, given], capture_output=True, text=True, check=True
        )
        assert f"{errno.EFBIG} {given}" == done.stdout.strip()
        assert (GOOD, ["out.csv"]) == (real.read_text(encoding="utf-8"), names(tmp_path))

    @pytest.mark.parametrize("writer", WRITERS.values(), ids=WRITERS)
    @pytest.mark.parametrize(
        "name", ["x" * 251 + ".bin", "ж" * 125 + "xy.db"], ids=["ascii", "utf8"]
    )
    def test_longest_name(
        self, writer: Callable[[object], None], name: str, tmp_path: Path
    ) -> None:
        """A target name of 255 bytes is written (the temporary name is shorter)."""
        assert 255 == len(os.fsencode(name))
        target = tmp_path / name
        if writer is _sqlite:
            # Its metadata file's name would be longer: an error naming that file.
            with pytest.raises(OSError, match="too long") as raised:
                writer(target)
            assert str(tmp_path / (target.stem + ".metadata.json")) == raised.value.filename
            assert [] == names(tmp_path)
            return
        writer(target)
        assert [name] == names(tmp_path)

    @pytest.mark.parametrize("writer", FILE_WRITERS.values(), ids=FILE_WRITERS)
    def test_link_kept(self, writer: Callable[[object], None], tmp_path: Path) -> None:
        """A link the caller names has its file replaced; the link is kept."""
        (tmp_path / "real").mkdir()
        real = tmp_path / "real" / "out.db"
        real.write_bytes(b"old")
        link = tmp_path / "out.db"
        link.symlink_to(real)
        writer(link)
        assert (True, False) == (link.is_symlink(), real.read_bytes() == b"old")

    @pytest.mark.parametrize("writer", WRITERS.values(), ids=WRITERS)
    @pytest.mark.parametrize("error", [KeyboardInterrupt, SystemExit, MemoryError])
    def test_interrupted_leaves_nothing(
        self,
        writer: Callable[[object], None],
        error: type[BaseException],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """An exception at the last step (as a signal handler raises) leaves no temporary file."""

        def fail(*_: object) -> None:
            raise error

        monkeypatch.setattr(os, "replace", fail)
        monkeypatch.setattr(os, "rename", fail)
        with pytest.raises(error):
            writer(tmp_path / "out.bin")
        assert [] == names(tmp_path)

    @pytest.mark.parametrize("writer", WRITERS.values(), ids=WRITERS)
    def test_no_signal_handler(self, writer: Callable[[object], None], tmp_path: Path) -> None:
        """No writer installs a signal handler."""
        before = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
        writer(tmp_path / "out.bin")
        assert before == {s: signal.getsignal(s) for s in before}

    def test_parquet_never_sees_the_path(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """pyarrow, which deletes the path it was given when a write fails, never gets one."""
        parquet = need("pyarrow.parquet")
        seen: list[object] = []
        original = parquet.write_table

        def spy(table: object, where: object, *args: object, **kwargs: object) -> None:
            seen.append(where)
            original(table, where, *args, **kwargs)

        monkeypatch.setattr(parquet, "write_table", spy)
        _parquet(tmp_path / "out.parquet")
        assert [] == [w for w in seen if isinstance(w, (str, os.PathLike))]

    def test_stdout_appended(self, tmp_path: Path) -> None:
        """/dev/stdout is written in place: a file the shell opened to append to keeps its start."""
        out = tmp_path / "out.txt"
        out.write_text("kept\n", encoding="utf-8")
        script = (
            "from stalin_telegrams._atomic import atomic_text\n"
            "with atomic_text('/dev/stdout') as s:\n"
            "    s.write('added\\n')\n"
        )
        with out.open("a", encoding="utf-8") as stream:
            subprocess.run([sys.executable, "-c", script], stdout=stream, check=True)
        assert ("kept\nadded\n", ["out.txt"]) == (out.read_text(encoding="utf-8"), names(tmp_path))
