"""The command line: ``stalin-telegrams`` and ``python -m stalin_telegrams``.

Each subcommand is one function that takes the parsed arguments and an output
stream and returns an exit status. Errors of the package
(:class:`~stalin_telegrams.exceptions.StalinTelegramsError`) and of the
options end the program with one line on standard error.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import IO, Any, NoReturn

from ._criteria import OPTIONS
from ._export import to_records
from ._load import load
from ._model import Message
from ._version import __version__
from .exceptions import CriterionTypeError, InvalidCriterionError, StalinTelegramsError

PROG = "stalin-telegrams"
#: Exit status for a bad command line (as argparse has it) and for a failed command.
USAGE_ERROR = 2
FAILURE = 1
#: Width of a listing line; the first words of the text fill what is left.
LINE_WIDTH = 100
#: Width to which ``show`` wraps the text of a message.
TEXT_WIDTH = 79
#: The criteria of ``list``, ``stats`` and ``export``, as filter_by names them.
CRITERIA = tuple(OPTIONS)
#: Where a sentence ends: after . ! or ?, but not after an initial or an
#: abbreviation in capitals ("J. V. Stalin", "the U.S.S.R. and").
#: How much text ``search`` shows either side of a hit, in characters.
CONTEXT = 45

Command = Callable[[argparse.Namespace, IO[str]], int]


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors take one line."""

    def error(self, message: str) -> NoReturn:
        self.exit(USAGE_ERROR, f"{self.prog}: error: {message} (see --help)\n")


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        msg = f"not a number from 0 to 1: {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _reader(parse: Callable[[str], object]) -> Callable[[str], object]:
    """Return *parse* for argparse, its ValueError made a usage error."""

    def read(text: str) -> object:
        try:
            return parse(text)
        except ValueError as err:
            raise argparse.ArgumentTypeError(str(err)) from None

    return read


def _add_criteria(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("criteria (as filter_by; all given must hold)")
    for name, option in OPTIONS.items():
        group.add_argument(
            f"--{name}", type=_reader(option.parse), metavar=option.metavar, help=option.help
        )


def _selected(args: argparse.Namespace) -> Sequence[Message]:
    """Return the messages that meet the criteria given on the command line."""
    criteria = {
        name: getattr(args, name) for name in CRITERIA if getattr(args, name, None) is not None
    }
    if not criteria:
        return load()
    from stalin_telegrams import filter_by

    return filter_by(load(), **criteria)


def _recipients(message: Message) -> str:
    return ", ".join(message.recipients)


def _date(message: Message) -> str:
    return message.date.isoformat() if message.date is not None else "undated   "


def _listing(message: Message, marker: str = "") -> str:
    """Return the one-line summary of *message*: id, date, recipients, first words."""
    head = f"{marker}{message.id:<28} {_date(message)}  {_recipients(message):<20}  "
    room = max(LINE_WIDTH - len(head), 20)
    words = " ".join(message.text.split())
    if len(words) > room:
        words = words[: room - 1].rsplit(" ", 1)[0] + "…"
    return head + words


def _cmd_stats(args: argparse.Namespace, out: IO[str]) -> int:
    messages = _selected(args)
    years = sorted({m.year for m in messages if m.year is not None})
    columns: list[int | None] = [*years, *([None] if any(m.year is None for m in messages) else [])]
    per: Counter[tuple[str, int | None]] = Counter()
    totals: Counter[str] = Counter()
    for message in messages:
        for recipient in message.recipients:
            per[recipient, message.year] += 1
            totals[recipient] += 1
    joint = sum(len(m.recipients) > 1 for m in messages)
    dated = [m.date for m in messages if m.date is not None]
    span = f", {min(dated)} to {max(dated)}" if dated else ""
    print(f"{len(messages)} messages{span}", file=out)
    print(file=out)
    names = [str(c) if c is not None else "undated" for c in columns]
    print(f"{'recipient':<12}" + "".join(f"{n:>9}" for n in names) + f"{'total':>9}", file=out)
    for recipient, total in sorted(totals.items(), key=lambda item: (-item[1], item[0])):
        row = "".join(f"{per[recipient, c]:>9}" for c in columns)
        print(f"{recipient:<12}{row}{total:>9}", file=out)
    by_year = Counter(m.year for m in messages)
    row = "".join(f"{by_year[c]:>9}" for c in columns)
    print(f"{'messages':<12}{row}{len(messages):>9}", file=out)
    if joint:
        print(file=out)
        print(f"{joint} messages went to more than one recipient;", file=out)
        print("each counts once under every recipient, and once under messages.", file=out)
    return 0


def _cmd_list(args: argparse.Namespace, out: IO[str]) -> int:
    for message in _selected(args):
        print(_listing(message), file=out)
    return 0


def _source_lines(message: Message) -> str:
    return ", ".join(
        str(s.start) if s.start == s.end else f"{s.start}-{s.end}" for s in message.source_lines
    )


def _wrapped(text: str) -> str:
    """Return *text* wrapped to :data:`TEXT_WIDTH`, paragraphs kept apart."""
    return "\n\n".join(
        textwrap.fill(paragraph, TEXT_WIDTH, break_long_words=False, break_on_hyphens=False)
        for paragraph in text.split("\n\n")
    )


def _cmd_show(args: argparse.Namespace, out: IO[str]) -> int:
    m = load()[args.id]
    lines = [
        f"{m.id} (no. {m.number})",
        m.heading,
        "",
        f"From:           {m.sender}",
        f"To:             {_recipients(m)}",
    ]
    if m.address:
        lines.append(f"Address:        {m.address}")
    if m.classification:
        lines.append(f"Classification: {m.classification}")
    written = m.written_on.isoformat() if m.written_on else "-"
    if m.place:
        written += f" ({m.place})"
    lines.append(f"Written:        {written}")
    lines.append(f"Sent:           {m.sent_on.isoformat() if m.sent_on else '-'}")
    lines.append("")
    if m.salutation:
        lines.extend([m.salutation, ""])
    lines.append(_wrapped(m.text))
    if m.signature:
        lines.extend(["", m.signature])
    lines.extend(["", f"Source lines:   {_source_lines(m)}"])
    lines.extend(f"Note:           {note}" for note in m.notes)
    lines.extend(
        f"Correction:     {c.kind} at line {c.line}: {c.wrong!r} -> {c.right!r} ({c.reason})"
        for c in m.corrections
    )
    lines.extend(
        f"Refers to:      {r.target or '(not in the corpus)'}: {r.phrase!r}" for r in m.references
    )
    print("\n".join(lines), file=out)
    return 0


def _cmd_thread(args: argparse.Namespace, out: IO[str]) -> int:
    message = load()[args.id]
    from stalin_telegrams import thread_of

    for member in thread_of(message):
        print(_listing(member, "* " if member.id == message.id else "  "), file=out)
    return 0


def _cmd_pairs(args: argparse.Namespace, out: IO[str]) -> int:
    from stalin_telegrams import duplicates

    pairs = duplicates() if args.threshold is None else duplicates(threshold=args.threshold)
    for pair in pairs:
        print(
            f"{pair.first.id:<28} {pair.second.id:<28} {pair.similarity:.3f}  {pair.kind}",
            file=out,
        )
    return 0


def _cmd_diff(args: argparse.Namespace, out: IO[str]) -> int:
    from ._duplicates import word_diff

    corpus = load()
    diff = word_diff(corpus[args.first], corpus[args.second])
    if diff.changes:
        print(diff, file=out)
    return 0


def _context(text: str, hit: re.Match[str]) -> str:
    """Return the words around *hit*, the hit in brackets, cut at whole words."""
    start, end = max(0, hit.start() - CONTEXT), min(len(text), hit.end() + CONTEXT)
    before, after = text[start : hit.start()].split(), text[hit.end() : end].split()
    if start > 0 and before and not text[start - 1].isspace():
        before = before[1:]
    if end < len(text) and after and not text[end].isspace():
        after = after[:-1]
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    return f"{lead}{' '.join(before)} [{' '.join(hit.group(0).split())}] {' '.join(after)}{tail}"


def _cmd_search(args: argparse.Namespace, out: IO[str]) -> int:
    phrase = " ".join(args.phrase.split())
    if not phrase:
        msg = "the phrase to search for is empty"
        raise _UsageError(msg)
    from stalin_telegrams import filter_by

    from ._query import phrase_pattern

    pattern = phrase_pattern(phrase)
    for message in filter_by(load(), contains=phrase):
        print(_listing(message), file=out)
        for hit in pattern.finditer(message.text):
            print(f"    {_context(message.text, hit)}", file=out)
    return 0


def _csv_value(value: Any) -> Any:  # noqa: ANN401  # any value of a record
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _cmd_export(args: argparse.Namespace, out: IO[str]) -> int:
    records = to_records(_selected(args))
    if args.output is None:
        _write_records(records, args.format, out)
        return 0
    with open(args.output, "w", encoding="utf-8", newline="") as stream:  # noqa: PTH123
        _write_records(records, args.format, stream)
    return 0


def _write_records(records: Iterable[dict[str, Any]], form: str, out: IO[str]) -> None:
    if form == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    rows = list(records)
    if not rows:
        return
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _csv_value(value) for key, value in row.items()})


class _UsageError(Exception):
    """A command found its arguments unusable."""


def parser() -> argparse.ArgumentParser:
    """Return the argument parser of the command line."""
    top = _Parser(
        prog=PROG,
        description=(
            "Stalin's wartime correspondence with Churchill, Roosevelt, Truman and Attlee"
            " (1941-1945): list, read, search and export the messages."
        ),
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, command: Command, summary: str) -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, help=summary, description=summary)
        cmd.set_defaults(run=command)
        return cmd

    _add_criteria(add("stats", _cmd_stats, "Count the messages by recipient and year."))
    _add_criteria(
        add("list", _cmd_list, "List messages, one a line: id, date, recipients, first words.")
    )
    add("show", _cmd_show, "Show one message: heading, dates, text, source lines.").add_argument(
        "id", help="message id, such as 1942-11-20-churchill"
    )
    add("thread", _cmd_thread, "List the thread of messages a message belongs to.").add_argument(
        "id", help="message id"
    )
    add("pairs", _cmd_pairs, "List pairs of messages that duplicate each other.").add_argument(
        "--threshold", type=_fraction, help="lowest similarity reported, from 0 to 1"
    )
    diff = add("diff", _cmd_diff, "Show how the text of one message differs from another's.")
    diff.add_argument("first", metavar="ID", help="message id")
    diff.add_argument("second", metavar="ID", help="message id")
    add("search", _cmd_search, "Find messages whose text contains a phrase.").add_argument(
        "phrase", help="words to find, case ignored"
    )
    export = add("export", _cmd_export, "Write messages as JSON lines or CSV.")
    export.add_argument("--format", required=True, choices=("jsonl", "csv"), help="output format")
    export.add_argument("--output", metavar="FILE", help="write to FILE, not standard output")
    _add_criteria(export)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (by default ``sys.argv[1:]``).

    Args:
        argv: The arguments, without the program name.

    Returns:
        The exit status: 0 on success; 1 when a command fails (an unknown
        id, a file that cannot be written); 2 for a bad command line (an
        unknown option, a date that cannot be read, a name that no message
        has).

    >>> status = main(["show", "1942-11-20-churchill"])  # doctest: +ELLIPSIS
    1942-11-20-churchill (no. ...)
    ...
    >>> status
    0

    .. versionadded:: 0.1.0
    """
    cli = parser()
    args = cli.parse_args(argv)
    command: Command = args.run
    try:
        status = command(args, sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (``| head``): say nothing, and keep the
        # interpreter from failing again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return FAILURE
    except (_UsageError, InvalidCriterionError, CriterionTypeError) as err:
        print(f"{PROG} {args.command}: error: {err}", file=sys.stderr)
        return USAGE_ERROR
    except (StalinTelegramsError, OSError) as err:
        print(f"{PROG} {args.command}: error: {err}", file=sys.stderr)
        return FAILURE
    return status
