"""Tests for stalin_telegrams._cli: the ``stalin-telegrams`` command line."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import get_args

import attrs
import pytest

from stalin_telegrams import Corpus, NameKind, __version__, _cli, load
from stalin_telegrams._cli import main

ID = "1942-11-20-churchill"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in-process; return its status, stdout and stderr."""
    try:
        status = main(list(argv))
    except SystemExit as exit_:  # argparse exits for usage errors, --help and --version
        status = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    return status, out, err


def ids_of(out: str) -> list[str]:
    """Return the first word of every line but the header: the message ids of a listing."""
    lines = out.splitlines()
    assert not lines or lines[0].split()[0] == "id", "a listing starts with its header"
    return [line.split()[0] for line in lines[1:] if line.strip() and not line.startswith(" ")]


@pytest.fixture(autouse=True)
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give the command line 200 columns, so that no line is cut or wrapped unless a test says."""
    monkeypatch.setenv("COLUMNS", "200")


def one_error_line(err: str) -> str:
    """Assert *err* is one line naming the program, and return it."""
    lines = err.splitlines()
    assert 1 == len(lines), err
    assert lines[0].startswith("stalin-telegrams")
    assert "error:" in lines[0]
    assert "Traceback" not in err
    return lines[0]


class TestMain:
    """main() parses the command line and maps failures to exit statuses."""

    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--version prints the package version."""
        status, out, _ = run(capsys, "--version")
        assert 0 == status
        assert f"stalin-telegrams {__version__}\n" == out

    def test_no_command(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without a command the program exits 2 with one line on stderr."""
        status, out, err = run(capsys)
        assert 2 == status
        assert "" == out
        one_error_line(err)

    def test_unknown_command(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown command is a usage error on one line."""
        status, _, err = run(capsys, "frobnicate")
        assert 2 == status
        assert "frobnicate" in one_error_line(err)

    def test_unknown_option(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown option is a usage error on one line."""
        status, _, err = run(capsys, "list", "--colour", "red")
        assert 2 == status
        assert "--colour" in one_error_line(err)

    @pytest.mark.parametrize(
        ("option", "value"),
        [
            ("--on", "1942-13-01"),
            ("--after", "yesterday"),
            ("--before", "1942/11/20"),
            ("--year", "nineteen"),
            ("--month", "13"),
        ],
    )
    def test_bad_criterion(
        self, capsys: pytest.CaptureFixture[str], option: str, value: str
    ) -> None:
        """A criterion that cannot be read is a usage error naming the option."""
        status, out, err = run(capsys, "list", option, value)
        assert 2 == status
        assert "" == out
        line = one_error_line(err)
        assert option in line
        assert value in line

    def test_no_abbreviations(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An option is taken only when spelt in full: --rec is not --recipient."""
        status, out, err = run(capsys, "list", "--rec", "Truman")
        assert (2, "") == (status, out)
        assert "unrecognized arguments: --rec" in one_error_line(err)

    def test_damaged_data(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A damaged data file is one line on stderr and exit 1."""
        from stalin_telegrams.exceptions import CorpusDataError

        def damaged() -> Corpus:
            raise CorpusDataError("telegrams.json: damaged\nreinstall the package")

        monkeypatch.setattr(_cli, "load", damaged)
        status, out, err = run(capsys, "list")
        assert (1, "") == (status, out)
        expected = "stalin-telegrams list: error: telegrams.json: damaged reinstall the package"
        assert expected == one_error_line(err)

    def test_internal_error(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An error no one foresaw exits 70 with two lines and no traceback."""

        def broken() -> Corpus:
            raise RuntimeError("unforeseen")

        monkeypatch.setattr(_cli, "load", broken)
        status, out, err = run(capsys, "list")
        assert (70, "") == (status, out)
        expected = [
            "stalin-telegrams: error: internal error: RuntimeError: unforeseen",
            "please report this as a bug, with the command line that caused it",
        ]
        assert expected == err.splitlines()

    def test_interrupted(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Ctrl-C exits 130 with one line."""

        def interrupted() -> Corpus:
            raise KeyboardInterrupt

        monkeypatch.setattr(_cli, "load", interrupted)
        status, out, err = run(capsys, "list")
        assert (130, "", "stalin-telegrams: error: interrupted\n") == (status, out, err)

    def test_exit_statuses_documented(self) -> None:
        """Every exit status of the command line has a row in docs/cli.md."""
        docs = Path(__file__).parent.parent / "docs" / "cli.md"
        if not docs.exists():
            pytest.skip("docs/ is not next to the tests")
        rows = re.findall(r"^\| (\d+) \|", docs.read_text(encoding="utf-8"), re.MULTILINE)
        assert sorted(_cli.EXIT_STATUSES) == sorted(map(int, rows))

    def test_help_lists_commands(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--help names every command."""
        status, out, _ = run(capsys, "--help")
        assert 0 == status
        commands = ("stats", "list", "show", "thread", "refs", "incoming", "pairs", "diff")
        for command in (*commands, "search", "export"):
            assert command in out


class TestStats:
    """stats counts the messages by recipient and year."""

    def test_totals(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Every recipient's total and the message totals agree with the corpus."""
        status, out, _ = run(capsys, "stats")
        assert 0 == status
        corpus = load()
        assert out.startswith(f"{len(corpus)} messages")
        rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()[2:] if line}
        header = rows.pop("recipient")
        assert "total" == header[-1]
        per_recipient = Counter(r for m in corpus for r in m.recipients)
        for recipient, count in per_recipient.items():
            assert str(count) == rows[recipient][-1]
        assert str(len(corpus)) == rows["messages"][-1]

    def test_by_year(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Each year column holds that year's messages."""
        _, out, _ = run(capsys, "stats")
        lines = out.splitlines()
        header = lines[2].split()[1:-1]
        messages = next(line for line in lines if line.startswith("messages")).split()[1:-1]
        per_year = Counter(str(m.year) if m.year else "undated" for m in load())
        assert per_year == Counter(dict(zip(header, map(int, messages), strict=True)))

    def test_undated_column(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Undated messages are counted in a column of their own."""
        corpus = load()
        undated = attrs.evolve(corpus[0], written_on=None, sent_on=None)
        monkeypatch.setattr(_cli, "load", lambda: Corpus([undated, *corpus[1:3]]))
        _, out, _ = run(capsys, "stats")
        header = out.splitlines()[2].split()
        assert "undated" == header[-2]
        messages = next(line for line in out.splitlines() if line.startswith("messages"))
        assert ["1", "3"] == messages.split()[-2:]

    def test_filtered(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Criteria narrow the messages counted."""
        from stalin_telegrams import filter_by

        status, out, _ = run(capsys, "stats", "--recipient", "Truman")
        assert 0 == status
        assert out.startswith(f"{len(filter_by(recipient='Truman'))} messages")


class TestList:
    """list prints one line per message: id, date, recipients, first words."""

    def test_all(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without criteria every message is listed, in corpus order."""
        status, out, _ = run(capsys, "list")
        assert 0 == status
        assert list(load().ids) == ids_of(out)

    def test_mentions_unknown(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown name for --mentions is a usage error suggesting the name meant."""
        status, _, err = run(capsys, "list", "--mentions", "Curzon Lin")
        assert 2 == status
        assert "did you mean 'Curzon Line'" in one_error_line(err)

    def test_line(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A line gives the id, the date, the recipients and the first words."""
        _, out, _ = run(capsys, "list")
        message = load()[ID]
        line = next(line for line in out.splitlines() if line.startswith(ID + " "))
        assert message.date is not None
        assert message.date.isoformat() in line
        assert ", ".join(message.recipients) in line
        first_words = " ".join(message.text.split()[:3])
        assert first_words in line
        assert len(line) <= 200

    @pytest.mark.parametrize(
        ("argv", "criteria"),
        [
            (["--recipient", "Roosevelt"], {"recipient": "Roosevelt"}),
            (["--sender", "Stalin"], {"sender": "Stalin"}),
            (["--year", "1943"], {"year": 1943}),
            (["--year", "1943", "--month", "2"], {"year": 1943, "month": 2}),
            (["--on", "1942-11-20"], {"on": "1942-11-20"}),
            (
                ["--after", "1945-01-01", "--before", "1945-03-31"],
                {"after": "1945-01-01", "before": "1945-03-31"},
            ),
            (
                ["--classification", "PERSONAL AND SECRET"],
                {"classification": "PERSONAL AND SECRET"},
            ),
            (["--contains", "second front"], {"contains": "second front"}),
            (["--mentions", "mr kerr"], {"mentions": "Archibald Clark Kerr"}),
        ],
    )
    def test_criteria_as_filter_by(
        self,
        capsys: pytest.CaptureFixture[str],
        argv: list[str],
        criteria: dict[str, object],
    ) -> None:
        """Each criterion selects exactly what filter_by selects with it."""
        import datetime

        from stalin_telegrams import filter_by

        for key in ("on", "after", "before"):
            if key in criteria:
                criteria[key] = datetime.date.fromisoformat(str(criteria[key]))
        status, out, _ = run(capsys, "list", *argv)
        assert 0 == status
        expected = list(filter_by(load(), **criteria).ids)
        assert expected == ids_of(out)
        assert expected, "the criteria should select some message"

    def test_nothing_selected(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Criteria that nothing meets print nothing and succeed."""
        status, out, err = run(capsys, "list", "--contains", "zzzz no such phrase zzzz")
        assert (0, "", "") == (status, out, err), "no header either"


class TestShow:
    """show prints one message: heading, dates, text and source lines."""

    def test_message(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The heading, the dates, every word of the text and the source lines are shown."""
        status, out, _ = run(capsys, "show", ID)
        assert 0 == status
        message = load()[ID]
        assert out.startswith(f"{ID} (no. {message.number})\n{message.heading}\n")
        for date in (message.written_on, message.sent_on):
            if date is not None:
                assert date.isoformat() in out
        assert " ".join(message.text.split()) in " ".join(out.split())
        span = message.source_lines[0]
        assert f"Source lines:   {span.start}" in out

    def test_record_details(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Corrections, editorial notes and references of the record are listed."""
        corpus = load()
        corrected = next(m for m in corpus if m.corrections)
        _, out, _ = run(capsys, "show", corrected.id)
        assert f"Correction:     {corrected.corrections[0].kind} at line" in out
        noted = next(m for m in corpus if m.notes)
        _, out, _ = run(capsys, "show", noted.id)
        assert all(f"Note:           {note}" in out for note in noted.notes)
        referring = next((m for m in corpus if m.references), None)
        if referring is not None:
            _, out, _ = run(capsys, "show", referring.id)
            assert "Refers to:" in out

    def test_mentions(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The names the text mentions are listed, with their counts, the film apart."""
        _, out, _ = run(capsys, "show", "1943-03-15-churchill-2")
        listed = " ".join(out.split("Mentions:", 1)[1].split())
        assert "Stalingrad (film)" in listed
        assert "Stalingrad" not in listed.replace("Stalingrad (film)", "")
        assert "Kharkov" in listed

    def test_text_wrapped(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The text is wrapped for reading at a terminal."""
        _, out, _ = run(capsys, "show", load()[0].id)
        body = out.split("\n\n", 2)[2].split("\nSource lines:")[0]
        assert all(len(line) <= 79 or " " not in line for line in body.splitlines())

    def test_unknown_id(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown id exits 1 with one line naming it and the close ids."""
        status, out, err = run(capsys, "show", ID[:-1])
        assert 1 == status
        assert "" == out
        line = one_error_line(err)
        assert repr(ID[:-1]) in line
        assert ID in line


class TestNames:
    """names lists the index: name, kind, messages, first and last date."""

    def test_kind(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--kind operation lists the seven operations and convoys, Overlord in ten messages."""
        status, out, _ = run(capsys, "names", "--kind", "operation")
        assert 0 == status
        lines = out.splitlines()
        assert ["name", "kind", "messages", "first", "last"] == lines[0].split()
        assert 8 == len(lines)
        overlord = next(line for line in lines if line.startswith("Operation Overlord"))
        assert "operation 10 1944-01-07 1944-06-09" == " ".join(overlord.split()[2:])

    def test_all(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without --kind every entry of the index is listed, one a line."""
        _, out, _ = run(capsys, "names")
        assert len(load().names()) + 1 == len(out.splitlines())

    def test_unknown_kind(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown kind is a usage error that lists the kinds."""
        status, _, err = run(capsys, "names", "--kind", "city")
        assert 2 == status
        line = one_error_line(err)
        assert "not a kind of name: 'city'" in line
        assert line.endswith("kinds: " + ", ".join(get_args(NameKind)) + " (see --help)")

    def test_kind_misspelt(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A misspelt kind is answered with the kind meant."""
        status, _, err = run(capsys, "names", "--kind", "persn")
        assert 2 == status
        assert "did you mean 'person'?" in one_error_line(err)


class TestThread:
    """thread lists the thread a message belongs to, marking the message."""

    def test_thread(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The lines are thread_of's messages, the one asked for marked with *."""
        from stalin_telegrams import thread_of

        status, out, _ = run(capsys, "thread", ID)
        assert 0 == status
        lines = out.splitlines()
        assert ["id", "date", "with", "text"] == lines[0].split()
        assert list(thread_of(ID).ids) == [line[3:].split()[0] for line in lines[1:]]
        assert [ID] == [line.split()[1] for line in lines if line.startswith("* ")]

    def test_incoming(self, capsys: pytest.CaptureFixture[str]) -> None:
        """With --incoming the incoming messages follow in thread order, marked < and dated."""
        from stalin_telegrams import thread_of

        status, out, _ = run(capsys, "thread", "1945-04-23-truman", "--incoming")
        expected = thread_of("1945-04-23-truman", include_incoming=True)
        lines = out.splitlines()
        assert 0 == status
        assert [r.id for r in expected] == [line[3:].split()[0] for line in lines[1:]]
        assert [
            ["<", "received-1945-04-21-truman-to-stalin", "undated", "Truman"],
            ["<", "received-1945-04-22-churchill-to-stalin", "undated", "Churchill"],
        ] == [line.split() for line in lines if line.startswith("< ")]

    def test_unknown_id(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown id exits 1 with one line on stderr."""
        status, _, err = run(capsys, "thread", "1900-01-01-nobody")
        assert 1 == status
        assert "1900-01-01-nobody" in one_error_line(err)


class TestRefs:
    """refs lists a message's references: kind, phrase, dates and targets."""

    def test_references(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Each reference gives its kind and phrase, then its dates and targets."""
        status, out, _ = run(capsys, "refs", "1943-03-06-churchill")
        assert 0 == status
        assert [
            "incoming  'Your message'",
            "          dates: -; targets: undated-churchill-to-stalin-in-1943-03-06-churchill",
            "incoming  'your congratulations'",
            "          dates: -; targets: undated-churchill-to-stalin-in-1943-03-06-churchill",
            "own       'my message of February 16'",
            "          dates: 1943-02-16; targets: 1943-02-16-churchill",
            "in reply to: undated-churchill-to-stalin-in-1943-03-06-churchill",
        ] == out.splitlines()

    def test_no_references(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A message that names no other says so."""
        status, out, _ = run(capsys, "refs", ID)
        assert (0, f"{ID} names no other message\n") == (status, out)

    def test_unknown_id(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown id exits 1 with one line on stderr."""
        status, _, err = run(capsys, "refs", "1900-01-01-nobody")
        assert 1 == status
        assert "1900-01-01-nobody" in one_error_line(err)


class TestIncoming:
    """incoming lists the reconstructed incoming messages, by author and year."""

    def test_all(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without options every incoming message is listed, in Corpus.incoming() order."""
        status, out, _ = run(capsys, "incoming")
        assert 0 == status
        assert [i.id for i in load().incoming()] == ids_of(out)

    def test_author_and_year(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--author (case ignored) and --year select; joint messages count for each author."""
        status, out, _ = run(capsys, "incoming", "--author", "truman", "--year", "1945")
        assert 0 == status
        expected = [
            i.id
            for i in load().incoming()
            if "Truman" in i.authors and i.date is not None and i.date.year == 1945
        ]
        assert expected == ids_of(out)
        assert "1945-04-18-churchill-truman-to-stalin" in expected

    def test_line(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A line gives the id, the date and how many printed messages name and answer it."""
        status, out, _ = run(capsys, "incoming", "--author", "Attlee")
        assert 0 == status
        header, *lines = out.splitlines()
        assert ["id", "date", "from", "named", "in", "answered"] == header.split()
        line = next(x for x in lines if x.startswith("1945-08-01-attlee-to-stalin"))
        assert ["1945-08-01", "Attlee", "1", "1"] == line.split()[1:]

    def test_unknown_author(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An author of no incoming message exits 2, naming the authors there are."""
        status, _, err = run(capsys, "incoming", "--author", "Hitler")
        assert 2 == status
        assert "Churchill" in one_error_line(err)


class TestPairs:
    """pairs lists the pairs duplicates() finds."""

    def test_pairs(self, capsys: pytest.CaptureFixture[str]) -> None:
        """One line per pair: both ids, the similarity and the kind."""
        from stalin_telegrams import duplicates

        status, out, _ = run(capsys, "pairs")
        assert 0 == status
        pairs = duplicates()
        header, *lines = out.splitlines()
        assert ["first", "second", "similarity", "kind"] == header.split()
        assert len(pairs) == len(lines)
        for pair, line in zip(pairs, lines, strict=True):
            first, second, similarity, kind = line.split(maxsplit=3)
            assert (pair.first.id, pair.second.id, pair.kind) == (first, second, kind)
            assert pair.similarity == pytest.approx(float(similarity), abs=0.001)

    def test_threshold(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--threshold is passed on to duplicates()."""
        from stalin_telegrams import duplicates

        status, out, _ = run(capsys, "pairs", "--threshold", "0.99")
        assert 0 == status
        assert len(duplicates(threshold=0.99)) + 1 == len(out.splitlines())

    def test_bad_threshold(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A threshold outside 0 to 1 is a usage error."""
        status, _, err = run(capsys, "pairs", "--threshold", "1.5")
        assert 2 == status
        assert "--threshold" in one_error_line(err)


class TestDiff:
    """diff shows the word-by-word diff of two messages' texts."""

    def test_diff(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The diff names both ids and marks the words each text alone has."""
        status, out, _ = run(capsys, "diff", "1945-05-07-churchill", "1945-05-07-truman")
        assert 0 == status
        lines = out.splitlines()
        assert "--- 1945-05-07-churchill" == lines[0]
        assert "+++ 1945-05-07-truman" == lines[1]
        assert "[-have received-] {+am in receipt of+}" in lines[2]

    def test_same_message(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A message does not differ from itself, and diff says so."""
        expected = f"--- {ID}\n+++ {ID}\nIt is the same message: no difference, ignoring case"
        status, out, err = run(capsys, "diff", ID, ID)
        assert (0, "") == (status, err)
        assert out.startswith(expected)

    def test_same_words(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Two messages with the same words are said to have them."""
        status, out, _ = run(capsys, "diff", ID, "1942-11-20-roosevelt")
        assert 0 == status
        assert "They have the same words: no difference" in out

    def test_unknown_id(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown id exits 1 with one line on stderr."""
        status, out, err = run(capsys, "diff", ID, "nope")
        assert (1, "") == (status, out)
        assert "'nope'" in one_error_line(err)


class TestSearch:
    """search lists the messages that contain a phrase, with the phrase in context."""

    def test_search(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The messages listed are filter_by(contains=...)'s; each hit is shown in context."""
        from stalin_telegrams import filter_by

        status, out, _ = run(capsys, "search", "Second Front")
        assert 0 == status
        listed = ids_of("\n".join(line for line in out.splitlines() if not line.startswith(" ")))
        assert list(filter_by(load(), contains="Second Front").ids) == listed
        hits = [line for line in out.splitlines() if line.startswith("    ")]
        assert hits
        assert all(re.search(r"\[second\s+front\]", hit, re.IGNORECASE) for hit in hits)

    def test_empty_phrase(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An empty phrase is a usage error."""
        status, _, err = run(capsys, "search", "   ")
        assert 2 == status
        one_error_line(err)


class TestExport:
    """export writes records as JSON lines or CSV, or any export format to a file."""

    def test_jsonl(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Each line is one message's record, in corpus order."""
        status, out, _ = run(capsys, "export", "--format", "jsonl")
        assert 0 == status
        assert load().to_records() == [json.loads(line) for line in out.splitlines()]

    def test_csv(self, capsys: pytest.CaptureFixture[str]) -> None:
        """One row per message; lists and nested records are JSON text."""
        status, out, _ = run(capsys, "export", "--format", "csv")
        assert 0 == status
        rows = list(csv.DictReader(io.StringIO(out)))
        records = load().to_records()
        assert list(records[0]) == list(rows[0])
        assert [r["id"] for r in records] == [r["id"] for r in rows]
        by_id = {row["id"]: row for row in rows}
        message = load()[ID]
        assert list(message.recipients) == json.loads(by_id[ID]["recipients"])
        assert message.text == by_id[ID]["text"]
        assert str(message.date) == by_id[ID]["date"]

    def test_output_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """--output writes the file and nothing to stdout."""
        target = tmp_path / "out.jsonl"
        status, out, _ = run(capsys, "export", "--format", "jsonl", "--output", str(target))
        assert (0, "") == (status, out)
        assert len(load()) == len(target.read_text(encoding="utf-8").splitlines())

    def test_output_unwritable(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A file that cannot be written is a one-line error."""
        target = tmp_path / "missing" / "out.csv"
        status, _, err = run(capsys, "export", "--format", "csv", "--output", str(target))
        assert 1 == status
        one_error_line(err)

    def test_criteria(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Criteria narrow what is exported."""
        from stalin_telegrams import filter_by

        _, out, _ = run(capsys, "export", "--format", "jsonl", "--recipient", "Attlee")
        exported = [json.loads(line)["id"] for line in out.splitlines()]
        assert list(filter_by(load(), recipient="Attlee").ids) == exported

    def test_csv_nothing_selected(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A CSV export that selects nothing still writes the header row of the record keys."""
        from stalin_telegrams.exports._records import record_keys

        status, out, _ = run(capsys, "export", "--format", "csv", "--contains", "zzzz no such")
        assert 0 == status
        assert [list(record_keys())] == list(csv.reader(io.StringIO(out)))
        assert list(load().to_records()[0]) == list(record_keys())

    def test_output_kept_on_failure(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A write that fails part-way leaves the existing file whole, with one error line."""
        target = tmp_path / "out.jsonl"
        target.write_text("kept\n", encoding="utf-8")
        written = []

        def fail_part_way(records: list[dict[str, object]], *_: object, **__: object) -> None:
            written.extend(records[:1])
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(_cli, "_write_records", fail_part_way)
        status, out, err = run(capsys, "export", "--format", "jsonl", "--output", str(target))
        assert (1, "") == (status, out)
        line = one_error_line(err)
        assert f"cannot write {str(target)!r}: No space left on device" in line
        assert ("kept\n", ["out.jsonl"]) == (
            target.read_text(encoding="utf-8"),
            [p.name for p in tmp_path.iterdir()],
        )
        assert written

    def test_csv_back_to_records(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The CSV read back and typed by the model's columns gives to_records()."""
        from stalin_telegrams.exports._schema import message_columns

        _, out, _ = run(capsys, "export", "--format", "csv")
        kinds = {c.name: c for c in message_columns()}

        def typed(name: str, cell: str) -> object:
            column = kinds[name]
            if column.nullable and cell == "":
                return None
            if column.type.kind in {"list", "struct"}:
                return json.loads(cell)
            return int(cell) if column.type.kind == "integer" else cell

        rows = [
            {k: typed(k, v) for k, v in row.items()} for row in csv.DictReader(io.StringIO(out))
        ]
        assert load().to_records() == rows

    def test_output_replaced_whole(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """--output replaces an existing file and leaves no temporary file."""
        target = tmp_path / "out.csv"
        target.write_text("old", encoding="utf-8")
        assert 0 == run(capsys, "export", "--format", "csv", "--output", str(target))[0]
        assert target.read_text(encoding="utf-8").startswith("id,number,")
        assert ["out.csv"] == [p.name for p in tmp_path.iterdir()]

    def test_parquet(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """--format parquet writes Corpus.to_arrow() of the selection."""
        from tests.extras import need

        parquet = need("pyarrow.parquet")
        target = tmp_path / "t.parquet"
        status, out, _ = run(
            capsys, "export", "--format", "parquet", "--output", str(target), "--year", "1941"
        )
        assert (0, "") == (status, out)
        expected = load().filter_by(year=1941).to_arrow()
        assert expected.equals(parquet.read_table(target), check_metadata=True)

    def test_sqlite(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """--format sqlite writes the database and its Datasette metadata."""
        import sqlite3

        target = tmp_path / "t.db"
        assert 0 == run(capsys, "export", "--format", "sqlite", "--output", str(target))[0]
        with sqlite3.connect(target) as db:
            assert [(len(load()),)] == db.execute("SELECT count(*) FROM messages").fetchall()
        db.close()
        assert ["t.db", "t.metadata.json"] == sorted(p.name for p in tmp_path.iterdir())

    def test_cmif(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """--format cmif writes one correspDesc per message and incoming message, with the --url."""
        target = tmp_path / "c.xml"
        url = "https://example.org/c.xml"
        argv = ("export", "--format", "cmif", "--output", str(target), "--url", url)
        assert 0 == run(capsys, *argv)[0]
        text = target.read_text(encoding="utf-8")
        assert len(load()) + len(load().incoming()) == text.count("<correspDesc ")
        assert f'<idno type="url">{url}</idno>' in text

    def test_datapackage(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """--format datapackage writes the package into the folder given."""
        target = tmp_path / "package"
        assert 0 == run(capsys, "export", "--format", "datapackage", "--output", str(target))[0]
        assert (target / "datapackage.json").is_file()
        assert (target / "messages.csv").is_file()

    @pytest.mark.parametrize("form", ["parquet", "sqlite", "cmif", "datapackage"])
    def test_file_formats_need_output(self, capsys: pytest.CaptureFixture[str], form: str) -> None:
        """A format that writes files needs --output: a usage error without it."""
        status, _, err = run(capsys, "export", "--format", form)
        assert 2 == status
        assert "--output" in one_error_line(err)

    def test_missing_extra(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without pyarrow, parquet fails in one line naming the pip command."""
        monkeypatch.setitem(sys.modules, "pyarrow", None)
        target = tmp_path / "t.parquet"
        status, _, err = run(capsys, "export", "--format", "parquet", "--output", str(target))
        assert 1 == status
        assert "pip install 'stalin-telegrams[arrow]'" in one_error_line(err)
        assert [] == list(tmp_path.iterdir())

    def test_format_required(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The format must be given and be one of the export formats."""
        assert 2 == run(capsys, "export")[0]
        status, _, err = run(capsys, "export", "--format", "xml")
        assert 2 == status
        assert "xml" in one_error_line(err)


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONIOENCODING": "utf-8"}


class TestProcess:
    """The command line run as a program, as a user runs it."""

    def test_python_m(self) -> None:
        """``python -m stalin_telegrams`` runs the command line."""
        done = subprocess.run(
            [sys.executable, "-m", "stalin_telegrams", "show", ID],
            capture_output=True,
            text=True,
            check=False,
            env=_env(),
            encoding="utf-8",
        )
        assert (0, "") == (done.returncode, done.stderr)
        assert done.stdout.startswith(ID)

    def test_console_script(self) -> None:
        """The installed ``stalin-telegrams`` script runs the command line."""
        script = Path(sys.executable).parent / "stalin-telegrams"
        if not script.exists():
            found = shutil.which("stalin-telegrams")
            if found is None:
                pytest.skip("the stalin-telegrams script is not installed (install the package)")
            script = Path(found)
        done = subprocess.run(
            [str(script), "--version"], capture_output=True, text=True, check=False, env=_env()
        )
        assert (0, f"stalin-telegrams {__version__}\n") == (done.returncode, done.stdout)

    def test_error_exit_status(self) -> None:
        """An unknown id exits non-zero with one line on stderr and no traceback."""
        done = subprocess.run(
            [sys.executable, "-m", "stalin_telegrams", "show", "nope"],
            capture_output=True,
            text=True,
            check=False,
            env=_env(),
            encoding="utf-8",
        )
        assert 1 == done.returncode
        assert "" == done.stdout
        one_error_line(done.stderr)

    @pytest.mark.parametrize(
        "argv", [["export", "--format", "jsonl"], ["export", "--format", "csv"], ["list"]]
    )
    def test_broken_pipe(self, argv: list[str]) -> None:
        """Output to a pipe that closes early ends quietly, with no traceback."""
        command = shlex.join([sys.executable, "-m", "stalin_telegrams", *argv])
        # pipefail: the status is the program's, not head's.
        done = subprocess.run(
            ["bash", "-c", f"set -o pipefail; {command} | head -1"],
            capture_output=True,
            text=True,
            check=False,
            env=_env(),
            encoding="utf-8",
        )
        assert 0 == done.returncode
        assert 1 == len(done.stdout.splitlines())
        assert "" == done.stderr

    def test_output_to_dev_stdout(self) -> None:
        """--output /dev/stdout on a pipe writes the records to the pipe."""
        done = subprocess.run(
            [
                *(sys.executable, "-m", "stalin_telegrams", "export", "--format", "jsonl"),
                *("--recipient", "Attlee", "--output", "/dev/stdout"),
            ],
            capture_output=True,
            text=True,
            check=False,
            env=_env(),
            encoding="utf-8",
        )
        from stalin_telegrams import filter_by

        expected_report = "stalin-telegrams export: wrote 6 messages to /dev/stdout\n"
        assert (0, expected_report) == (done.returncode, done.stderr)
        expected = list(filter_by(load(), recipient="Attlee").ids)
        assert expected == [json.loads(line)["id"] for line in done.stdout.splitlines()]

    def test_broken_pipe_subprocess(self) -> None:
        """The program's own exit status is 0 when its reader closes the pipe early."""
        process = subprocess.Popen(
            [sys.executable, "-m", "stalin_telegrams", "export", "--format", "jsonl"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_env(),
        )
        assert process.stdout is not None
        assert process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()
        status = process.wait(timeout=120)
        err = process.stderr.read()
        process.stderr.close()
        assert (0, b"") == (status, err)
        assert first.startswith(b'{"id": ')


#: The longest ids of the corpus: a joint message, and an incoming one of a thread.
LONG_ID = "1943-01-30-churchill-roosevelt"
LONG_INCOMING = "received-1945-04-21-truman-to-stalin"


def lines_at(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, columns: int, *argv: str
) -> list[str]:
    """Run the command line *columns* wide; return its lines, after checking it succeeded."""
    monkeypatch.setenv("COLUMNS", str(columns))
    status, out, err = run(capsys, *argv)
    assert (0, "") == (status, err)
    return out.splitlines()


class TestFit:
    """Listings fit the terminal's width, from COLUMNS, and keep their columns aligned."""

    @pytest.mark.parametrize("columns", [60, 80, 200])
    @pytest.mark.parametrize(
        "argv",
        [
            ["list"],
            ["list", "--year", "1943"],
            ["search", "second front"],
            ["thread", LONG_ID, "--incoming"],
            ["thread", "1945-04-23-truman", "--incoming"],
            ["names"],
            ["incoming"],
            ["stats"],
            ["show", "1944-08-16-churchill"],
            ["refs", "1943-03-06-churchill"],
            ["diff", "1945-05-07-churchill", "1945-05-07-truman"],
        ],
        ids=" ".join,
    )
    def test_no_line_too_long(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        columns: int,
        argv: list[str],
    ) -> None:
        """No line is wider than the terminal, but for one with an id or name too long for it."""
        for line in lines_at(capsys, monkeypatch, columns, *argv):
            assert len(line) <= columns or max(map(len, line.split())) > columns - 20, line

    @pytest.mark.parametrize("columns", [60, 80, 200])
    def test_list_aligned(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, columns: int
    ) -> None:
        """The date column starts at one place on every line, after the longest id."""
        lines = lines_at(capsys, monkeypatch, columns, "list", "--year", "1943")
        rows = [line for line in lines[1:] if not line.startswith(" ")]
        starts = {line.index(" 1943-") + 1 for line in rows}
        assert {len(LONG_ID) + 2} == starts
        assert lines[0].index("date") == len(LONG_ID) + 2
        assert any(line.startswith(LONG_ID + "  1943-01-30") for line in rows)

    def test_list_80_one_line_each(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """At 80 columns each message takes one line, its first words cut after a word."""
        lines = lines_at(capsys, monkeypatch, 80, "list")
        assert ["id", "date", "to", "text"] == lines[0].split()
        assert len(load()) + 1 == len(lines)
        line = next(x for x in lines if x.startswith(ID + " "))
        assert line.endswith("\N{HORIZONTAL ELLIPSIS}")
        assert "  We have begun the" in line

    def test_list_60_text_below(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """At 60 columns the first words go on an indented line below their message's."""
        lines = lines_at(capsys, monkeypatch, 60, "list")
        assert ["id", "date", "to"] == lines[0].split()
        at = next(i for i, x in enumerate(lines) if x.startswith(ID + " "))
        assert lines[at + 1].startswith("    We have begun the offensive")

    def test_list_200_whole_recipients(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """At 200 columns joint recipients are shown whole; at 80 they are cut and marked."""
        wide = lines_at(capsys, monkeypatch, 200, "list")
        assert any("Churchill, Roosevelt  " in line for line in wide)
        narrow = lines_at(capsys, monkeypatch, 80, "list")
        joint = next(x for x in narrow if x.startswith(LONG_ID))
        assert "Churchill\N{HORIZONTAL ELLIPSIS}" in joint

    def test_thread_long_incoming_id(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An incoming id of a thread is never cut; the rows stay aligned under the header."""
        lines = lines_at(capsys, monkeypatch, 80, "thread", "1945-04-23-truman", "--incoming")
        assert any(line.split()[:2] == ["<", LONG_INCOMING] for line in lines)
        date_at = lines[0].index("date")
        rows = [x for x in lines[1:] if x[:1] in {"<", "*", " "} and not x.startswith("    ")]
        assert all(row[date_at - 2 : date_at] == "  " for row in rows)

    def test_names_long_name_on_its_own_line(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """At 60 columns a name too long for its column is whole, its counts on the next line."""
        lines = lines_at(capsys, monkeypatch, 60, "names")
        name = "People's Commissariat for Foreign Affairs"
        at = lines.index(name)
        assert ["organisation", "2"] == lines[at + 1].split()[:2]
        assert lines[at + 1].index("organisation") == lines[0].index("kind")

    def test_columns_env_ignored_when_bad(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A COLUMNS that is not a positive number is ignored: 80 columns off a terminal."""
        monkeypatch.setenv("COLUMNS", "wide")
        _, out, _ = run(capsys, "list")
        assert max(len(line) for line in out.splitlines()) <= 80


class TestTexts:
    """show, diff, stats and search read well: wrapped fields, notes, punctuation."""

    def test_correction_wrapped(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A long Correction: is wrapped under its value, not left on one line."""
        corrected = max(
            (m for m in load() if m.corrections),
            key=lambda m: max(len(c.reason) for c in m.corrections),
        )
        lines = lines_at(capsys, monkeypatch, 80, "show", corrected.id)
        at = next(i for i, line in enumerate(lines) if line.startswith("Correction:"))
        assert lines[at + 1].startswith(" " * 16)
        assert all(len(line) < 80 for line in lines)

    def test_mentions_entries_whole(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Mentions: wraps between entries, never inside one ("Soviet Union (2)" stays whole)."""
        message = load()["1944-08-16-churchill"]
        names = {mention.name for mention in message.mentions}
        for columns in (60, 80):
            lines = lines_at(capsys, monkeypatch, columns, "show", message.id)
            at = next(i for i, line in enumerate(lines) if line.startswith("Mentions:"))
            entries = [
                entry.strip().split(" (")[0]
                for line in lines[at:]
                for entry in line[16:].split(",")
                if entry.strip()
            ]
            assert names == set(entries)

    def test_diff_wrapped(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The command diff wraps the text to the terminal."""
        lines = lines_at(
            capsys, monkeypatch, 60, "diff", "1945-05-07-churchill", "1945-05-07-truman"
        )
        assert len(lines) > 3
        assert all(len(line) <= 60 for line in lines)

    def test_stats_explains_other_writers(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The command stats says why Stalin and Deane are among the recipients."""
        _, out, _ = run(capsys, "stats")
        assert "The volume also prints messages that Stalin did not write:" in out
        assert "  Stalin: 2 from Churchill (1945-01-16-stalin, 1945-04-28-stalin)" in out
        assert "  Deane: 1 from Antonov (1945-03-30-deane)" in out

    def test_search_accents_ignored(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The command search Subasic finds the messages with Šubašić, marked as printed."""
        from stalin_telegrams import filter_by

        status, out, _ = run(capsys, "search", "Subasic")
        assert 0 == status
        listed = ids_of("\n".join(x for x in out.splitlines() if not x.startswith(" ")))
        assert list(filter_by(contains="\u0160uba\u0161i\u0107").ids) == listed
        assert len(listed) >= 5
        assert "[\u0160uba\u0161i\u0107]" in out

    def test_list_contains_ignores_accents(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The command list --contains ignores accents as search does."""
        _, out, _ = run(capsys, "list", "--contains", "subasic")
        assert "1944-08-16-churchill" in ids_of(out)

    def test_search_punctuation_after_hit(self, capsys: pytest.CaptureFixture[str]) -> None:
        """No space is put between a hit and the punctuation after it."""
        _, out, _ = run(capsys, "search", "Stalingrad")
        hits = [line for line in out.splitlines() if line.startswith("    ")]
        assert any("[Stalingrad]." in hit or "[Stalingrad]," in hit for hit in hits)
        assert not any(re.search(r"\] [.,;:]", hit) for hit in hits)

    @pytest.mark.parametrize("command", [None, *_cli.EXAMPLES])
    def test_help_example_and_docs(
        self, capsys: pytest.CaptureFixture[str], command: str | None
    ) -> None:
        """Every --help ends with an example and says where the documentation is."""
        status, out, _ = run(capsys, *([command] if command else []), "--help")
        assert 0 == status
        assert "examples" in out
        assert f"  stalin-telegrams {command or ''}" in out
        assert "Documentation:" in out


class TestExportReport:
    """export says on standard error what it wrote, unless -q."""

    def test_csv_report(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """The path and the number of messages written are reported."""
        target = tmp_path / "t.csv"
        status, out, err = run(
            capsys, "export", "--format", "csv", "--output", str(target), "--year", "1941"
        )
        assert (0, "") == (status, out)
        assert f"stalin-telegrams export: wrote 13 messages to {target}\n" == err

    def test_sqlite_report_names_metadata(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """The SQLite report names the metadata file written beside the database."""
        target = tmp_path / "t.db"
        status, _, err = run(capsys, "export", "--format", "sqlite", "--output", str(target))
        assert 0 == status
        assert f"wrote 372 messages to {target}, and its Datasette metadata to" in err
        assert str(tmp_path / "t.metadata.json") in err

    def test_datapackage_report(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """The data package report counts its tables and names its descriptor."""
        target = tmp_path / "pkg"
        status, _, err = run(capsys, "export", "--format", "datapackage", "--output", str(target))
        assert 0 == status
        assert re.fullmatch(
            rf"stalin-telegrams export: wrote 372 messages to {re.escape(str(target))}:"
            r" \d+ tables and datapackage.json\n",
            err,
        )

    def test_quiet(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """-q says nothing."""
        target = tmp_path / "t.jsonl"
        status, out, err = run(capsys, "export", "-q", "--format", "jsonl", "--output", str(target))
        assert (0, "", "") == (status, out, err)
        assert target.exists()

    def test_standard_output_not_reported(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Records written to standard output are not reported: the pipe has them."""
        status, out, err = run(capsys, "export", "--format", "jsonl", "--year", "1941")
        assert (0, "") == (status, err)
        assert 13 == len(out.splitlines())

    @pytest.mark.parametrize("form", ["jsonl", "csv"])
    def test_dash_is_standard_output(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        form: str,
    ) -> None:
        """--output - writes the records to standard output, and no file named -."""
        monkeypatch.chdir(tmp_path)
        status, out, err = run(capsys, "export", "--format", form, "--output", "-")
        assert (0, "") == (status, err)
        assert ID in out
        assert [] == list(tmp_path.iterdir())

    def test_dash_refused_for_files(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """--output - for a format of files is a usage error, and writes nothing."""
        monkeypatch.chdir(tmp_path)
        status, out, err = run(capsys, "export", "--format", "sqlite", "--output", "-")
        assert (2, "") == (status, out)
        assert "cannot go to standard output" in one_error_line(err)
        assert [] == list(tmp_path.iterdir())


class TestIncomingIds:
    """show, refs and thread accept the id of an incoming message."""

    def test_show(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The show command gives the parties, the day of arrival and the links both ways."""
        status, out, _ = run(capsys, "show", "received-1942-09-07-churchill-to-stalin")
        assert 0 == status
        lines = out.splitlines()
        assert "received-1942-09-07-churchill-to-stalin (not printed in the volume)" == lines[0]
        assert "Arrived:        1942-09-07" in lines
        assert "Answered by:    1942-09-08-churchill" in lines

    def test_show_retired_id(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A retired incoming id shows the record that replaced it."""
        status, out, _ = run(capsys, "show", "undated-churchill-to-stalin-in-1942-09-08-churchill")
        assert (0, "received-1942-09-07-churchill-to-stalin") == (status, out.split()[0])

    def test_refs(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The refs command names where the record is named, what it answers and what answers it."""
        status, out, _ = run(capsys, "refs", "1945-08-18-truman-to-stalin")
        assert 0 == status
        assert [
            "named in: 1945-08-22-truman",
            "in reply to: 1945-08-16-truman (answer)",
            "answered by: 1945-08-22-truman",
        ] == out.splitlines()

    def test_thread(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The thread command, for an incoming message, lists its exchange with the records."""
        status, out, _ = run(capsys, "thread", "1945-08-18-truman-to-stalin")
        assert 0 == status
        ids = [line.split()[-1] if line.startswith("*<") else line for line in out.splitlines()]
        assert any("1945-08-16-truman" in line for line in ids)
        assert any(
            line.startswith("*<") and "1945-08-18-truman-to-stalin" in line
            for line in out.splitlines()
        )
