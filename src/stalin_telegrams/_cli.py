"""The command line: ``stalin-telegrams`` and ``python -m stalin_telegrams``.

Each subcommand is one function that takes the parsed arguments and an output
stream and returns an exit status. Errors of the package
(:class:`~stalin_telegrams.exceptions.StalinTelegramsError`), of the options,
of files and of standard output end the program with one line on standard
error and the exit status of :data:`EXIT_STATUSES`; the command line never
shows a traceback. Output goes through :class:`~stalin_telegrams._terminal.Output`
(an encoding fallback, never a crash), and files are written whole or not at
all through :func:`~stalin_telegrams._atomic.atomic_text`.
"""

from __future__ import annotations

import argparse
import csv
import errno
import json
import os
import re
import sys
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import IO, Any, NoReturn, get_args

from ._atomic import atomic_text
from ._criteria import OPTIONS
from ._load import load
from ._model import IncomingMessage, Message, NameKind
from ._terminal import Output, OutputError
from ._version import __version__
from .exceptions import (
    CorpusDataError,
    CriterionTypeError,
    InvalidCriterionError,
    StalinTelegramsError,
)
from .exports._records import record_keys, to_records

PROG = "stalin-telegrams"
#: Exit status for a bad command line (as argparse has it) and for a failed command.
USAGE_ERROR = 2
FAILURE = 1
#: Exit status after Ctrl-C (SIGINT), as shells report a process it ended: 128 + 2.
INTERRUPTED = 130
#: Exit status for an error the program did not foresee (a bug), as sysexits.h's EX_SOFTWARE.
INTERNAL_ERROR = 70
#: Every exit status of the command line, as docs/cli.md lists them.
EXIT_STATUSES = {
    0: "success, also when nothing was selected or the reader of the output stopped early",
    FAILURE: "the command failed",
    USAGE_ERROR: "a bad command line",
    INTERNAL_ERROR: "an internal error",
    INTERRUPTED: "interrupted (Ctrl-C)",
}
#: Longest error message written, in characters; longer ones are cut in the
#: middle, so that a huge argument is not echoed whole.
MESSAGE_LIMIT = 200
#: The same for a damaged data file: the package cuts each value it names, and
#: the message must keep both digests and the remedy.
DATA_MESSAGE_LIMIT = 600
#: Width of a listing line; the first words of the text fill what is left.
LINE_WIDTH = 100
#: Width to which ``show`` wraps the text of a message.
TEXT_WIDTH = 79
#: The criteria of ``list``, ``stats`` and ``export``, as filter_by names them.
CRITERIA = tuple(OPTIONS)
#: The formats of ``export``: records as text, then the files written by Corpus methods.
RECORD_FORMATS = ("jsonl", "csv")
EXPORT_FORMATS = (*RECORD_FORMATS, "parquet", "sqlite", "cmif", "datapackage")
#: Where a sentence ends: after . ! or ?, but not after an initial or an
#: abbreviation in capitals ("J. V. Stalin", "the U.S.S.R. and").
#: How much text ``search`` shows either side of a hit, in characters.
CONTEXT = 45

Command = Callable[[argparse.Namespace, Output], int]


def _one_line(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """Return *text* on one line of at most about *limit* characters.

    Line breaks and tabs become spaces and other control characters
    backslash escapes, so that no value can break the line or drive the
    terminal; a longer text keeps its start and its end, and says how much
    was cut from the middle.
    """
    shown = "".join(
        " " if char in "\n\r\t" else char if char.isprintable() else ascii(char)[1:-1]
        for char in text
    )
    if len(shown) <= limit:
        return shown
    head, tail = shown[: limit * 2 // 3], shown[-(limit // 3) :]
    return f"{head}...[{len(shown) - len(head) - len(tail)} characters cut]...{tail}"


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors take one line."""

    def error(self, message: str) -> NoReturn:
        _report(self.prog, message + " (see --help)")
        self.exit(USAGE_ERROR)


def _threshold(text: str) -> float:
    """Return *text* as a similarity threshold: above 0, at most 1, as duplicates() takes it."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 < value <= 1.0:
        msg = f"not a number above 0 and at most 1: {text!r}"
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


def _cmd_stats(args: argparse.Namespace, out: Output) -> int:
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


def _cmd_list(args: argparse.Namespace, out: Output) -> int:
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


def _cmd_show(args: argparse.Namespace, out: Output) -> int:
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
        f"Refers to:      {', '.join(r.targets) or '(not resolved)'}: {r.phrase!r}"
        for r in m.references
    )
    lines.extend(_mention_lines(m))
    print("\n".join(lines), file=out)
    return 0


def _mention_lines(message: Message) -> list[str]:
    """Return the lines of ``show`` that list the names a message mentions."""
    counts = Counter(m.name for m in message.mentions)
    if not counts:
        return []
    named = ", ".join(f"{name} ({n})" if n > 1 else name for name, n in counts.items())
    wrapped = textwrap.wrap(named, TEXT_WIDTH - 16, break_on_hyphens=False)
    return [f"{'Mentions:' if i == 0 else '':<16}{line}" for i, line in enumerate(wrapped)]


def _cmd_names(args: argparse.Namespace, out: Output) -> int:
    corpus = load()
    entries = corpus.names(kind=args.kind)
    print(f"{'name':<40} {'kind':<12} {'messages':>8}  {'first':<10}  last", file=out)
    for entry in entries:
        dates = [d for d in (corpus[i].date for i in entry.ids) if d is not None]
        first = min(dates).isoformat() if dates else "-"
        last = max(dates).isoformat() if dates else "-"
        print(
            f"{entry.name:<40} {entry.kind:<12} {len(entry.ids):>8}  {first:<10}  {last}",
            file=out,
        )
    return 0


def _cmd_thread(args: argparse.Namespace, out: Output) -> int:
    message = load()[args.id]
    from stalin_telegrams import thread_of

    if not args.incoming:
        for member in thread_of(message):
            print(_listing(member, "* " if member.id == message.id else "  "), file=out)
        return 0
    for record in thread_of(message, include_incoming=True):
        if isinstance(record, Message):
            print(_listing(record, "* " if record.id == message.id else "  "), file=out)
        else:
            when = record.date.isoformat() if record.date is not None else "undated"
            print(
                f"< {record.id}  {when}  from {' and '.join(record.authors)}"
                f" to {' and '.join(record.addressees)}",
                file=out,
            )
    return 0


def _cmd_refs(args: argparse.Namespace, out: Output) -> int:
    message = load()[args.id]
    if not message.references:
        print(f"{message.id} names no other message", file=out)
    for ref in message.references:
        dates = ", ".join(d.isoformat() for d in ref.dates) or "-"
        targets = ", ".join(ref.targets) or "(not resolved)"
        print(f"{ref.kind:<9} {ref.phrase!r}", file=out)
        print(f"          dates: {dates}; targets: {targets}", file=out)
    if message.in_reply_to:
        print(f"in reply to: {', '.join(message.in_reply_to)}", file=out)
    return 0


def _cmd_incoming(args: argparse.Namespace, out: Output) -> int:
    records: tuple[IncomingMessage, ...] = load().incoming()
    if args.author is not None:
        names = {name.casefold(): name for r in records for name in r.authors}
        if args.author.casefold() not in names:
            known = ", ".join(sorted(names.values()))
            msg = f"no incoming message by {args.author!r}; authors: {known}"
            raise _UsageError(msg)
        wanted = args.author.casefold()
        records = tuple(r for r in records if wanted in {a.casefold() for a in r.authors})
    if args.year is not None:
        records = tuple(r for r in records if r.date is not None and r.date.year == args.year)
    for record in records:
        when = record.date.isoformat() if record.date is not None else "undated   "
        print(
            f"{record.id:<56} {when}  named in {len(record.mentioned_in)},"
            f" answered by {len(record.answered_by)}",
            file=out,
        )
    return 0


def _cmd_pairs(args: argparse.Namespace, out: Output) -> int:
    from stalin_telegrams import duplicates

    pairs = duplicates() if args.threshold is None else duplicates(threshold=args.threshold)
    for pair in pairs:
        print(
            f"{pair.first.id:<28} {pair.second.id:<28} {pair.similarity:.3f}  {pair.kind}",
            file=out,
        )
    return 0


def _cmd_diff(args: argparse.Namespace, out: Output) -> int:
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


def _cmd_search(args: argparse.Namespace, out: Output) -> int:
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


def _cmd_export(args: argparse.Namespace, out: Output) -> int:
    messages = _selected(args)
    if args.format in RECORD_FORMATS:
        records = to_records(messages)
        if args.output is None:
            # JSON has escapes of its own: exact data in any output encoding.
            _write_records(records, args.format, out, ascii_only=not out.holds_unicode)
            return 0
        try:
            with atomic_text(args.output) as stream:
                _write_records(records, args.format, stream, ascii_only=False)
        except OSError as err:
            raise _FileError(args.output, err) from err
        return 0
    if args.output is None:
        msg = f"--format {args.format} writes files: give --output PATH"
        raise _UsageError(msg)
    from ._corpus import Corpus

    corpus = messages if isinstance(messages, Corpus) else Corpus(messages)
    try:
        if args.format == "cmif":
            corpus.to_cmif(args.output, url=args.url)
        else:
            writers = {
                "parquet": corpus.to_parquet,
                "sqlite": corpus.to_sqlite,
                "datapackage": corpus.to_datapackage,
            }
            writers[args.format](args.output)
    except OSError as err:
        raise _FileError(args.output, err) from err
    return 0


def _write_records(
    records: Iterable[dict[str, Any]], form: str, out: IO[str] | Output, *, ascii_only: bool
) -> None:
    if form == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=ascii_only) + "\n")
        return
    # The header comes from the record keys, so that no selection gives an empty file.
    writer = csv.DictWriter(out, fieldnames=record_keys(), lineterminator="\n")
    writer.writeheader()
    for row in records:
        writer.writerow({key: _csv_value(value) for key, value in row.items()})


class _UsageError(Exception):
    """A command found its arguments unusable."""


class _FileError(Exception):
    """A file named on the command line could not be written."""

    def __init__(self, path: str, error: OSError) -> None:
        reason = error.strerror or str(error)
        super().__init__(f"cannot write {_one_line(repr(path), MESSAGE_LIMIT // 2)}: {reason}")


def parser() -> argparse.ArgumentParser:
    """Return the argument parser of the command line."""
    top = _Parser(
        prog=PROG,
        allow_abbrev=False,
        description=(
            "Stalin's wartime correspondence with Churchill, Roosevelt, Truman and Attlee"
            " (1941-1945): list, read, search and export the messages."
        ),
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, command: Command, summary: str) -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, help=summary, description=summary, allow_abbrev=False)
        cmd.set_defaults(run=command)
        return cmd

    _add_criteria(add("stats", _cmd_stats, "Count the messages by recipient and year."))
    _add_criteria(
        add("list", _cmd_list, "List messages, one a line: id, date, recipients, first words.")
    )
    add("show", _cmd_show, "Show one message: heading, dates, text, source lines.").add_argument(
        "id", help="message id, such as 1942-11-20-churchill"
    )
    thread = add("thread", _cmd_thread, "List the thread of messages a message belongs to.")
    thread.add_argument("id", help="message id")
    thread.add_argument(
        "--incoming",
        action="store_true",
        help="also list the messages received that the thread names, marked with <",
    )
    add("refs", _cmd_refs, "List the references of a message to other messages.").add_argument(
        "id", help="message id"
    )
    incoming = add("incoming", _cmd_incoming, "List the messages the volume names but omits.")
    incoming.add_argument("--author", metavar="NAME", help="written by NAME, e.g. Churchill")
    incoming.add_argument(
        "--year",
        type=_reader(OPTIONS["year"].parse),
        metavar="YEAR",
        help="dated in YEAR (undated ones are left out)",
    )
    add("pairs", _cmd_pairs, "List pairs of messages: one text twice, or one matter.").add_argument(
        "--threshold",
        type=_threshold,
        help="lowest similarity of a same-message pair, above 0 and at most 1",
    )
    diff = add("diff", _cmd_diff, "Show how the text of one message differs from another's.")
    diff.add_argument("first", metavar="ID", help="message id")
    diff.add_argument("second", metavar="ID", help="message id")
    add("search", _cmd_search, "Find messages whose text contains a phrase.").add_argument(
        "phrase", help="words to find, case ignored"
    )
    add(
        "names", _cmd_names, "List the index of names: name, kind, messages, first and last date."
    ).add_argument("--kind", choices=get_args(NameKind), help="keep only names of this kind")
    export = add("export", _cmd_export, "Write messages in one of the export formats.")
    # Exported data is never transliterated: what the output cannot hold is escaped.
    export.set_defaults(transliterate=False)
    export.add_argument(
        "--format", required=True, choices=EXPORT_FORMATS, help="output format (see the docs)"
    )
    export.add_argument(
        "--output",
        metavar="PATH",
        help="write to PATH (a folder for datapackage); jsonl and csv go to standard output"
        " without it",
    )
    export.add_argument("--url", help="cmif: the URL the file will be published at")
    _add_criteria(export)
    return top


def _say(line: str) -> None:
    """Write *line* to standard error, in any encoding."""
    stream = Output(sys.stderr)
    try:
        stream.write(line + "\n")
        stream.flush()
    except OSError:
        pass  # Standard error is gone too: the exit status is all that is left.


def _report(where: str, message: str, limit: int = MESSAGE_LIMIT) -> None:
    """Write ``where: error: message`` to standard error, on one line."""
    _say(f"{where}: error: {_one_line(message, limit)}")


def _silence_stdout() -> None:
    """Point standard output at the null device after it failed.

    The interpreter flushes standard output once more at exit; what is left
    in its buffer would fail again and print a warning.
    """
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, ValueError, OSError):
        return  # closed or not a file: nothing will be flushed to it
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def _failure(err: Exception) -> tuple[str, int, int]:
    """Return the message, exit status and message length limit of a failed command."""
    if isinstance(err, (_UsageError, InvalidCriterionError, CriterionTypeError)):
        return str(err), USAGE_ERROR, MESSAGE_LIMIT
    if isinstance(err, CorpusDataError):
        return str(err), FAILURE, DATA_MESSAGE_LIMIT
    if isinstance(err, OSError):
        path = "" if err.filename is None else f" {_one_line(repr(err.filename), 100)}"
        return f"cannot read or write{path}: {err.strerror or err}", FAILURE, MESSAGE_LIMIT
    return str(err), FAILURE, MESSAGE_LIMIT


def _run(args: argparse.Namespace) -> int:
    """Run the command of *args*; map each kind of failure to its exit status."""
    where = f"{PROG} {args.command}"
    out = Output(sys.stdout, transliterate=getattr(args, "transliterate", True))
    command: Command = args.run
    try:
        status = command(args, out)
        out.flush()
    except OutputError as err:
        _silence_stdout()
        if err.errno == errno.EPIPE:
            # The reader went away (``| head``): it has what it wanted.
            return 0
        _report(where, f"cannot write to standard output: {err.strerror}")
        return FAILURE
    except (_UsageError, StalinTelegramsError, _FileError, OSError) as err:
        message, status, limit = _failure(err)
        _report(where, message, limit)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (by default ``sys.argv[1:]``).

    Args:
        argv: The arguments, without the program name.

    Returns:
        The exit status, 0 on success (also when the reader of the output
        stops early); 1 when a command fails (an unknown id, a damaged data
        file, a file or standard output that cannot be written); 2 for a bad
        command line (an unknown option, a date that cannot be read, a name
        that no message has); 70 for an internal error; 130 after Ctrl-C.
        Every error is one line on standard error, never a traceback.

    >>> status = main(["show", "1942-11-20-churchill"])  # doctest: +ELLIPSIS
    1942-11-20-churchill (no. ...)
    ...
    >>> status
    0

    .. versionadded:: 0.1.0
    """
    try:
        args = parser().parse_args(argv)
        return _run(args)
    except KeyboardInterrupt:
        _report(PROG, "interrupted")
        return INTERRUPTED
    except Exception as err:  # noqa: BLE001  # the command line never shows a traceback
        _report(PROG, f"internal error: {type(err).__name__}: {err}")
        _say("please report this as a bug, with the command line that caused it")
        return INTERNAL_ERROR
