"""Bad input to the ``stalin-telegrams`` command line: one line, an exit status, no traceback.

Every case runs the program as a user does, ``python -m stalin_telegrams`` in
a subprocess, and checks the exact exit status, the first words of the
message on standard error, and that no traceback is shown. The exit statuses
are those docs/cli.md lists.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

import stalin_telegrams
from stalin_telegrams import load

PROG = "stalin-telegrams"
ID = "1942-11-20-churchill"
#: A bad argument far longer than any error message may be.
HUGE = "x" * 120_000
#: The longest standard error a huge argument may produce, in characters.
MAX_ERROR = 500


def command(*argv: str) -> list[str]:
    """Return the command line that runs the program with *argv*."""
    return [sys.executable, "-m", "stalin_telegrams", *argv]


def environment(encoding: str = "utf-8") -> dict[str, str]:
    """Return the environment of the program, its standard streams in *encoding*."""
    return {**os.environ, "PYTHONIOENCODING": encoding}


def run(*argv: str, encoding: str = "utf-8") -> subprocess.CompletedProcess[bytes]:
    """Run the program with *argv*; return what it did, its output as bytes."""
    return subprocess.run(
        command(*argv), capture_output=True, check=False, env=environment(encoding), timeout=120
    )


def shell(script: str) -> subprocess.CompletedProcess[str]:
    """Run *script* with bash, ``set -o pipefail`` on; return what it did."""
    return subprocess.run(
        ["bash", "-c", f"set -o pipefail; {script}"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        env=environment(),
        timeout=120,
    )


def error_line(stderr: str | bytes) -> str:
    """Assert *stderr* is one error line with no traceback, and return it."""
    text = stderr.decode("utf-8") if isinstance(stderr, bytes) else stderr
    assert "Traceback" not in text
    lines = text.splitlines()
    assert 1 == len(lines), text[:MAX_ERROR]
    return lines[0]


#: (arguments, exit status, start of the error line): a bad command line exits 2.
USAGE_ERRORS = [
    ([], f"{PROG}: error: the following arguments are required: COMMAND"),
    (["frobnicate"], f"{PROG}: error: argument COMMAND: invalid choice: 'frobnicate'"),
    (["lis"], f"{PROG}: error: argument COMMAND: invalid choice: 'lis'"),
    (["--ver", "list"], f"{PROG} list: error: unrecognized arguments: --ver; did you mean"),
    (["list", "--colour", "red"], f"{PROG} list: error: unrecognized arguments: --colour red"),
    (
        ["list", "--rec", "Truman"],
        f"{PROG} list: error: unrecognized arguments: --rec Truman; did you mean --recipient?",
    ),
    (
        ["pairs", "--thresh", "0.9"],
        f"{PROG} pairs: error: unrecognized arguments: --thresh 0.9; did you mean --threshold?",
    ),
    (
        ["list", "--recipient", "Churchill", "--recipient", "Truman"],
        f"{PROG} list: error: --recipient given twice; give it once",
    ),
    (["list", "--year", "1_943"], f"{PROG} list: error: argument --year: not a year in ASCII"),
    (
        ["list", "--year", "\u0661\u0669\u0664\u0663"],
        f"{PROG} list: error: argument --year: not a year in ASCII",
    ),
    (
        ["list", "--year", "\uff11\uff19\uff14\uff13"],
        f"{PROG} list: error: argument --year: not a year in ASCII",
    ),
    (["list", "--month", "\u0662"], f"{PROG} list: error: argument --month: not a month"),
    (["pairs", "--threshold", "0_5"], f"{PROG} pairs: error: argument --threshold: not a"),
    (["incoming", "--year", "1900"], f"{PROG} incoming: error: no incoming message has the year"),
    (
        ["incoming", "--author", "Churchil"],
        (
            f"{PROG} incoming: error: no incoming message has the author 'Churchil'; did you mean"
            " 'Churchill'?"
        ),
    ),
    (["names", "--kind", "persn"], f"{PROG} names: error: argument --kind: not a kind of name"),
    (
        ["export", "--format", "parquet", "--output", "-"],
        f"{PROG} export: error: --format parquet cannot go to standard output",
    ),
    (
        ["export", "--format", "cmif", "--output", "x.xml", "--url", "http://x\x01y"],
        f"{PROG} export: error: argument --url: not an http or https URL",
    ),
    (["show"], f"{PROG} show: error: the following arguments are required: id"),
    (["diff", ID], f"{PROG} diff: error: the following arguments are required: ID"),
    (["list", "--year", "nineteen"], f"{PROG} list: error: argument --year: not a year in AS"),
    (["list", "--year", "1942.0"], f"{PROG} list: error: argument --year: not a year in AS"),
    (["list", "--year", "-1943"], f"{PROG} list: error: argument --year: not a year in ASCII"),
    (["list", "--year", "1900"], f"{PROG} list: error: year=1900 names nothing in the corpus"),
    (["stats", "--month", "13"], f"{PROG} stats: error: argument --month: not a month number"),
    (["stats", "--month", "0"], f"{PROG} stats: error: argument --month: not a month number"),
    (["stats", "--month", "2.0"], f"{PROG} stats: error: argument --month: not a month number"),
    (["list", "--on", "19421120"], f"{PROG} list: error: argument --on: '19421120' is not an ISO"),
    (["list", "--on", "1942-W47-5"], f"{PROG} list: error: argument --on: '1942-W47-5' is not"),
    (
        ["list", "--on", "1942-02-30"],
        f"{PROG} list: error: argument --on: '1942-02-30' is not an ISO date: the calendar",
    ),
    (["list", "--on", " 1942-11-20"], f"{PROG} list: error: argument --on: ' 1942-11-20' is not"),
    (
        ["list", "--after", "1942-11-20T00:00"],
        f"{PROG} list: error: argument --after: '1942-11-20T00:00' is not an ISO date",
    ),
    (["list", "--before", "1942-1-2"], f"{PROG} list: error: argument --before: '1942-1-2' is"),
    (
        ["list", "--after", "1945-01-01", "--before", "1944-01-01"],
        f"{PROG} list: error:",
    ),
    (["pairs", "--threshold", "0"], f"{PROG} pairs: error: argument --threshold: not a number"),
    (["pairs", "--threshold", "1.5"], f"{PROG} pairs: error: argument --threshold: not a number"),
    (["pairs", "--threshold", "nan"], f"{PROG} pairs: error: argument --threshold: not a number"),
    (["pairs", "--threshold", "-0.5"], f"{PROG} pairs: error: argument --threshold: not a number"),
    (["pairs", "--threshold", "high"], f"{PROG} pairs: error: argument --threshold: not a number"),
    (["export"], f"{PROG} export: error: the following arguments are required: --format"),
    (["export", "--format", "xml"], f"{PROG} export: error: argument --format: invalid choice"),
    (["export", "--format", "CSV"], f"{PROG} export: error: argument --format: invalid choice"),
    (["search", "  "], f"{PROG} search: error: the phrase to search for is empty"),
]


class TestUsageErrors:
    """A bad command line exits 2 with one line that says what was wrong."""

    @pytest.mark.parametrize(("argv", "start"), USAGE_ERRORS, ids=lambda v: repr(v)[:40])
    def test_usage_error(self, argv: list[str], start: str) -> None:
        """The program exits 2, writes nothing to stdout and one line to stderr."""
        done = run(*argv)
        line = error_line(done.stderr)
        assert (2, b"") == (done.returncode, done.stdout)
        assert line.startswith(start), line


class TestFailures:
    """A command that cannot do what it was asked exits 1 with one line naming why."""

    def test_unknown_id(self) -> None:
        """An unknown id names itself and the closest ids."""
        done = run("show", ID[:-1])
        assert 1 == done.returncode
        expected = f"{PROG} show: error: no message with id '{ID[:-1]}'; close ids: {ID}"
        assert error_line(done.stderr).startswith(expected)

    def test_output_is_a_directory(self, tmp_path: Path) -> None:
        """--output naming a folder is refused, naming it."""
        done = run("export", "--format", "csv", "--output", str(tmp_path))
        assert 1 == done.returncode
        expected = f"{PROG} export: error: cannot write '{tmp_path}': Is a directory"
        assert expected == error_line(done.stderr)
        assert [] == list(tmp_path.iterdir())

    def test_output_in_missing_folder(self, tmp_path: Path) -> None:
        """--output in a folder that does not exist names the file."""
        target = tmp_path / "missing" / "out.csv"
        done = run("export", "--format", "csv", "--output", str(target))
        assert 1 == done.returncode
        line = error_line(done.stderr)
        assert line.startswith(
            f"{PROG} export: error: cannot write '{target}': No such file or directory"
        ), line

    def test_output_inside_a_file(self, tmp_path: Path) -> None:
        """--output under a path that is a file names the path."""
        (tmp_path / "file").write_text("kept\n", encoding="utf-8")
        target = tmp_path / "file" / "out.csv"
        done = run("export", "--format", "csv", "--output", str(target))
        assert 1 == done.returncode
        line = error_line(done.stderr)
        assert line.startswith(f"{PROG} export: error: cannot write '{target}': Not a directory")
        assert "kept\n" == (tmp_path / "file").read_text(encoding="utf-8")

    @pytest.mark.skipif(not Path("/proc/version").is_file(), reason="needs Linux /proc")
    def test_output_unwritable(self) -> None:
        """--output to a file no one may replace (even root) names the file."""
        before = Path("/proc/version").read_bytes()
        done = run("export", "--format", "jsonl", "--output", "/proc/version")
        assert 1 == done.returncode
        line = error_line(done.stderr)
        assert line.startswith(f"{PROG} export: error: cannot write '/proc/version': "), line
        assert before == Path("/proc/version").read_bytes()

    @pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
    def test_output_disk_full(self) -> None:
        """A full device as --output names it and the reason."""
        done = run("export", "--format", "csv", "--output", "/dev/full")
        assert 1 == done.returncode
        expected = f"{PROG} export: error: cannot write '/dev/full': No space left on device"
        assert expected == error_line(done.stderr)

    @pytest.mark.skipif(sys.platform == "win32", reason="needs resource.setrlimit")
    def test_size_limit_keeps_target(self, tmp_path: Path) -> None:
        """A size limit hit part-way leaves the existing file whole and no temporary file."""
        target = tmp_path / "telegrams.jsonl"
        target.write_text('{"kept": true}\n' * 42, encoding="utf-8")
        before = target.read_bytes()
        limit = (
            "import resource, subprocess, sys;"
            "resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000));"
            "sys.exit(subprocess.call(sys.argv[1:]))"
        )
        argv = command("export", "--format", "jsonl", "--output", str(target))
        done = subprocess.run(
            [sys.executable, "-c", limit, *argv],
            capture_output=True,
            check=False,
            env=environment(),
            timeout=120,
        )
        assert 1 == done.returncode
        expected = f"{PROG} export: error: cannot write '{target}': File too large"
        assert expected == error_line(done.stderr)
        assert before == target.read_bytes()
        assert ["telegrams.jsonl"] == [p.name for p in tmp_path.iterdir()]

    @pytest.mark.parametrize("damage", ["schema", "truncated", "edited"])
    def test_damaged_data_file(self, tmp_path: Path, damage: str) -> None:
        """A damaged data file gives one line on stderr and exit 1."""
        package = Path(stalin_telegrams.__file__).parent
        copy = tmp_path / "stalin_telegrams"
        shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
        data = copy / "data" / "telegrams.json"
        raw = data.read_bytes()
        if damage == "truncated":
            data.write_bytes(raw[: len(raw) // 2])
        elif damage == "edited":
            data.write_bytes(raw.replace(b"Churchill", b"Churchil", 1))
        else:
            document = json.loads(raw)
            document["schema_version"] += 1
            data.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        done = subprocess.run(
            command("list"),
            capture_output=True,
            check=False,
            env={**environment(), "PYTHONPATH": str(tmp_path)},
            cwd=tmp_path,
            timeout=120,
        )
        assert (1, b"") == (done.returncode, done.stdout)
        line = error_line(done.stderr)
        assert line.startswith(f"{PROG} list: error: ")
        assert "characters cut" not in line


class TestHugeArguments:
    """A huge bad argument is named in a message of sensible length, cut in the middle."""

    @pytest.mark.parametrize(
        ("argv", "status", "start"),
        [
            (["show", HUGE], 1, f"{PROG} show: error: no message with id 'xxx"),
            (["list", "--on", HUGE], 2, f"{PROG} list: error: argument --on: 'xxx"),
            ([HUGE], 2, f"{PROG}: error: argument COMMAND: invalid choice: 'xxx"),
            (["list", HUGE], 2, f"{PROG} list: error: unrecognized arguments: xxx"),
        ],
        ids=["show", "date", "command", "extra"],
    )
    def test_huge_argument(self, argv: list[str], status: int, start: str) -> None:
        """The error line starts as usual and stays short: the value is cut."""
        done = run(*argv)
        line = error_line(done.stderr)
        assert status == done.returncode
        assert line.startswith(start), line[:MAX_ERROR]
        assert len(line) < MAX_ERROR

    def test_control_characters(self) -> None:
        """A line break or escape in an argument cannot break the line or reach the terminal."""
        done = run("show", "bad\nid\x1b[31m")
        line = error_line(done.stderr)
        assert 1 == done.returncode
        assert "\x1b" not in line
        assert line.startswith(f"{PROG} show: error: no message with id 'bad\\nid\\x1b[31m'")


#: Every command that writes to standard output, with arguments that make it write.
WRITERS = [
    ["list"],
    ["show", ID],
    ["search", "second front"],
    ["export", "--format", "jsonl"],
    ["export", "--format", "csv"],
    ["diff", "1945-05-07-churchill", "1945-05-07-truman"],
    ["thread", ID],
    ["pairs"],
    ["stats"],
]


class TestEncodings:
    """Output the terminal's encoding cannot hold is written with a fallback, never a crash."""

    @pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
    @pytest.mark.parametrize("argv", WRITERS, ids=" ".join)
    def test_narrow_encoding(self, argv: list[str], encoding: str) -> None:
        """Each command succeeds, writes text the encoding holds, and nothing to stderr."""
        done = run(*argv, encoding=encoding)
        assert (0, b"") == (done.returncode, done.stderr)
        assert done.stdout
        done.stdout.decode(encoding)  # raises if the fallback failed

    def test_ascii_listing_transliterates(self) -> None:
        """A message is shown with dashes, quotes and accented letters as ASCII look-alikes."""
        done = run("show", "1944-08-16-churchill", encoding="ascii")
        expected = run("show", "1944-08-16-churchill").stdout.decode("utf-8")
        for char, look_alike in (("\u2026", "..."), ("\u2014", "--")):
            expected = expected.replace(char, look_alike)
        expected = "".join(
            char
            for char in unicodedata.normalize("NFKD", expected)
            if not unicodedata.combining(char)
        )
        expected = expected.encode("ascii", "backslashreplace").decode()
        assert expected == done.stdout.decode("ascii")

    def test_ascii_jsonl_exact(self) -> None:
        """JSON lines on an ASCII output use JSON escapes: the records are exact."""
        done = run("export", "--format", "jsonl", encoding="ascii")
        assert load().to_records() == [json.loads(line) for line in done.stdout.splitlines()]

    def test_output_file_utf8(self, tmp_path: Path) -> None:
        """A file written with --output is UTF-8 whatever the terminal's encoding."""
        target = tmp_path / "out.csv"
        done = run("export", "--format", "csv", "--output", str(target), encoding="ascii")
        assert (0, b"") == (done.returncode, done.stdout)
        assert f"{PROG} export: wrote 372 messages to {target}\n".encode() == done.stderr
        assert load()[ID].text in target.read_text(encoding="utf-8")

    def test_error_in_ascii(self) -> None:
        """An error naming a value the encoding cannot hold is still one line."""
        done = run("show", "\u0421\u0442\u0430\u043b\u0438\u043d", encoding="ascii")
        assert 1 == done.returncode
        expected = f"{PROG} show: error: no message with id '\\u0421\\u0442\\u0430\\u043b"
        assert error_line(done.stderr).startswith(expected)


class TestPipes:
    """A reader that stops early, a closed or unwritable stdout, and Ctrl-C."""

    @pytest.mark.parametrize(
        "argv", [["list"], ["export", "--format", "jsonl"], ["export", "--format", "csv"]]
    )
    def test_reader_stops_early(self, argv: list[str]) -> None:
        """``| head -1`` under pipefail: the program exits 0 and says nothing."""
        done = shell(f"{shlex.join(command(*argv))} | head -1")
        assert (0, "") == (done.returncode, done.stderr)
        assert 1 == len(done.stdout.splitlines())

    def test_reader_stops_early_status(self) -> None:
        """The program's own status in the pipe, read from PIPESTATUS, is 0."""
        done = shell(f'{shlex.join(command("list"))} | head -1; echo "${{PIPESTATUS[0]}}" >&2')
        assert (0, "0\n") == (done.returncode, done.stderr)

    def test_stdout_closed(self) -> None:
        """A closed standard output exits 1 with one line."""
        done = shell(f"{shlex.join(command('list'))} >&-")
        assert 1 == done.returncode
        expected = f"{PROG} list: error: cannot write to standard output: it is closed"
        assert expected == error_line(done.stderr)

    def test_stdout_read_only(self) -> None:
        """A standard output open only for reading exits 1 with one line."""
        done = shell(f"{shlex.join(command('list'))} 1</dev/null")
        assert 1 == done.returncode
        line = error_line(done.stderr)
        assert line.startswith(f"{PROG} list: error: cannot write to standard output: "), line

    @pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
    def test_stdout_full(self) -> None:
        """A full standard output exits 1 with one line."""
        done = shell(f"{shlex.join(command('list'))} >/dev/full")
        assert 1 == done.returncode
        expected = f"{PROG} list: error: cannot write to standard output: No space left on device"
        assert expected == error_line(done.stderr)

    @pytest.mark.skipif(sys.platform == "win32", reason="needs SIGINT")
    def test_interrupt(self) -> None:
        """Ctrl-C (SIGINT) while writing exits 130 with one line."""
        process = subprocess.Popen(
            command("export", "--format", "jsonl"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=environment(),
        )
        assert process.stdout is not None
        process.stdout.readline()  # the program is running and writing
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=120)
        assert 130 == process.returncode
        assert f"{PROG}: error: interrupted" == error_line(stderr)


class TestStreamsAndSignals:
    """Odd encodings, full outputs for --help, SIGTERM, and a cheap start."""

    @pytest.mark.parametrize("argv", [["stats"], ["list"], ["show", "nope"], ["--help"]])
    def test_idna_encoding(self, argv: list[str]) -> None:
        """PYTHONIOENCODING=idna writes ASCII with escapes, never an interpreter dump."""
        done = run(*argv, encoding="idna")
        assert b"Fatal Python error" not in done.stderr
        assert b"Traceback" not in done.stderr
        assert done.returncode in {0, 1}
        (done.stdout + done.stderr).decode("ascii")

    @pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
    @pytest.mark.parametrize("argv", [["--help"], ["--version"], ["list", "--help"]])
    def test_help_into_full_output(self, argv: list[str]) -> None:
        """--help or --version into a full standard output exits 1 with one line."""
        done = shell(f"{shlex.join(command(*argv))} >/dev/full")
        assert 1 == done.returncode
        assert "cannot write to standard output: No space left on device" in error_line(done.stderr)

    @pytest.mark.skipif(sys.platform == "win32", reason="needs SIGTERM")
    def test_sigterm_removes_temporary_files(self, tmp_path: Path) -> None:
        """SIGTERM while exporting exits 143 and leaves no temporary file, and no target."""
        target = tmp_path / "out.jsonl"
        fifo_reader = tmp_path / "slow"
        # Writing into a pipe nobody reads blocks the export inside its temporary file.
        os.mkfifo(fifo_reader)
        process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                (
                    "import sys, time\n"
                    "from stalin_telegrams import _cli, _atomic\n"
                    "real = _cli._write_records\n"
                    "def slow(*a, **k):\n"
                    "    real(*a, **k)\n"
                    f"    open({str(fifo_reader)!r}, 'w').write('ready')\n"
                    "    time.sleep(60)\n"
                    "_cli._write_records = slow\n"
                    "sys.exit(_cli.main(['export', '--format', 'jsonl', '--output',"
                    f" {str(target)!r}]))"
                ),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=environment(),
        )
        with fifo_reader.open() as ready:
            assert "ready" == ready.read()
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=60)
        assert 143 == process.returncode
        assert f"{PROG}: error: terminated" == error_line(err)
        assert ["slow"] == [p.name for p in tmp_path.iterdir()]

    def test_start_is_cheap(self) -> None:
        """Importing the command line loads neither attrs nor the corpus: Ctrl-C is caught early."""
        code = (
            "import sys, stalin_telegrams._cli\n"
            "print(sorted(m for m in ('attrs', 'cattrs', 'stalin_telegrams._load') "
            "if m in sys.modules))"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "[]" == done.stdout.strip()


class TestExportNamesTheFile:
    """An export that fails names the file that failed, not only the one asked for."""

    def test_metadata_file_taken_by_a_link(self, tmp_path: Path) -> None:
        """A link planted at the metadata file's name is refused, naming that file."""
        planted = tmp_path / "victim.txt"
        planted.write_text("keep me", encoding="utf-8")
        (tmp_path / "t.metadata.json").symlink_to(planted)
        done = run("export", "--format", "sqlite", "--output", str(tmp_path / "t.db"))
        assert 1 == done.returncode
        assert "t.metadata.json" in error_line(done.stderr)
        assert "keep me" == planted.read_text(encoding="utf-8")
        assert not (tmp_path / "t.db").exists()
