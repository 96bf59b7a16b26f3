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
import errno
import os
import re
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any, NoReturn

from ._terminal import Output, OutputError, usable, width
from ._version import __version__
from .exceptions import (
    CorpusDataError,
    CriterionTypeError,
    InvalidCriterionError,
    StalinTelegramsError,
)

if TYPE_CHECKING:
    from types import FrameType

    from ._corpus import Corpus
    from ._model import Message, ReplyLink
    from ._records import IncomingMessage

PROG = "stalin-telegrams"
#: Where the documentation of the command line is, named in every --help.
DOCS = "docs/cli.md in the source, or the CLI page of the documentation"
#: Exit status for a bad command line (as argparse has it) and for a failed command.
USAGE_ERROR = 2
FAILURE = 1
#: Exit status after Ctrl-C (SIGINT), as shells report a process it ended: 128 + 2.
INTERRUPTED = 130
#: Exit status after SIGTERM, the same way: 128 + 15.
TERMINATED = 143
#: Exit status for an error the program did not foresee (a bug), as sysexits.h's EX_SOFTWARE.
INTERNAL_ERROR = 70
#: Every exit status of the command line, as docs/cli.md lists them.
EXIT_STATUSES = {
    0: "success, also when nothing was selected or the reader of the output stopped early",
    FAILURE: "the command failed",
    USAGE_ERROR: "a bad command line",
    INTERNAL_ERROR: "an internal error",
    INTERRUPTED: "interrupted (Ctrl-C)",
    TERMINATED: "terminated (SIGTERM)",
}
#: Longest error message written, in characters; longer ones are cut in the
#: middle, so that a huge argument is not echoed whole.
MESSAGE_LIMIT = 200
#: The same for a damaged data file: the package cuts each value it names, and
#: the message must keep both digests and the remedy.
DATA_MESSAGE_LIMIT = 600
#: Widest that ``show`` and ``diff`` wrap text, however wide the terminal: a
#: line longer than this is hard to read.
TEXT_WIDTH = 79
#: Columns between two columns of a table.
GAP = "  "
#: Fewest characters of text worth showing beside the columns of a listing;
#: with less room, the text goes on a line of its own below them.
MIN_TEXT = 20
#: Narrowest a column of names (recipients) is made to fit the terminal.
SHRUNK = 10
#: Indent of a listing's text on a line of its own, and of ``search``'s hits.
INDENT = "    "
#: The formats of ``export``: records as text, then the files written by Corpus methods.
RECORD_FORMATS = ("jsonl", "csv")
EXPORT_FORMATS = (*RECORD_FORMATS, "parquet", "sqlite", "cmif", "datapackage")
#: What ``export --output`` takes to mean standard output.
STDOUT = "-"

Command = Callable[[argparse.Namespace, Output], int]


def load() -> Corpus:
    """Return the packaged corpus (:func:`stalin_telegrams.load`), imported when first needed."""
    from ._load import load as packaged

    return packaged()


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


class _Once(argparse.Action):
    """Store an option's value, refusing a second one: ``--year 1943 --year 1944`` is an error.

    Argparse keeps the last of repeated options silently; no option of this
    command line is repeatable.
    """

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        given: set[str] = namespace.__dict__.setdefault("_given", set())
        if option_string is not None:
            if self.dest in given:
                parser.error(f"{'/'.join(self.option_strings)} given twice; give it once")
            given.add(self.dest)
        setattr(namespace, self.dest, values)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors take one line, and that no option repeats."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401  # argparse's own
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)
        self.register("action", None, _Once)
        self.register("action", "store", _Once)

    def error(self, message: str) -> NoReturn:
        _report(self.prog, message + " (see --help)")
        self.exit(USAGE_ERROR)

    def _print_message(self, message: str, file: Any = None) -> None:  # noqa: ANN401  # argparse's
        # --help and --version: a failure to write them is an error like any
        # other output's (OutputError), not an exit 0 with a warning at exit.
        if message:
            out = Output(sys.stdout if file is None else file)
            out.write(message)
            out.flush()


def _threshold(text: str) -> float:
    """Return *text* as a similarity threshold: above 0, at most 1, as duplicates() takes it."""
    value = float(text) if re.fullmatch(r"[0-9]*\.?[0-9]+", text) else -1.0
    if not 0.0 < value <= 1.0:
        msg = f"not a number above 0 and at most 1 in ASCII digits: {text!r}"
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
    from ._criteria import OPTIONS

    group = parser.add_argument_group("criteria (as filter_by; all given must hold)")
    for name, option in OPTIONS.items():
        if option.flag:
            group.add_argument(
                f"--{name.replace('_', '-')}",
                dest=name,
                action="store_const",
                const=True,
                help=option.help,
            )
            continue
        group.add_argument(
            f"--{name}", type=_reader(option.parse), metavar=option.metavar, help=option.help
        )


def _selected(args: argparse.Namespace) -> Corpus:
    """Return the messages that meet the criteria given on the command line.

    A phrase (``--contains``) is found with accents ignored, as ``search`` does.
    """
    from ._criteria import OPTIONS

    criteria: dict[str, Any] = {
        name: getattr(args, name) for name in OPTIONS if getattr(args, name, None) is not None
    }
    if not criteria:
        return load()
    if "contains" in criteria:
        criteria["ignore_accents"] = True
    return load().filter_by(**criteria)


# --- Fitting the terminal ---------------------------------------------------


def _ellipsis(out: Output) -> str:
    """Return the mark of a cut: an ellipsis, or three dots where it cannot be written."""
    return "\N{HORIZONTAL ELLIPSIS}" if out.can_write("\N{HORIZONTAL ELLIPSIS}") else "..."


def _cut(text: str, room: int, mark: str) -> str:
    """Return *text* in at most *room* characters, cut after a whole word and marked."""
    if len(text) <= room:
        return text
    if room <= len(mark):
        return mark[:room]
    head = text[: room - len(mark) + 1]
    words = head.rsplit(" ", 1)[0] if " " in head.strip() else head[:-1]
    return words.rstrip(" ,;:") + mark


def _table(  # noqa: PLR0913  # one layout, stated in one place, tuned per table
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    out: Output,
    *,
    text: bool = False,
    right: Iterable[int] = (),
    shrink: int | None = None,
    key: int = 0,
) -> list[str]:
    """Return the rows of a table fitted to the terminal, its header first.

    Columns are as wide as their widest cell (the header's included) and two
    spaces apart; *right* are the numbers of the right-aligned columns. When
    the line is too long:

    - column *shrink* (recipients, say) is narrowed to :data:`SHRUNK`
      characters, its longer cells cut after a whole word and marked;
    - column *key* (an id or a name) is never cut: a row whose key leaves no
      room for the other columns has its key on a line of its own, and its
      other cells on the next line, in their columns;
    - with *text*, the last column is free text, cut after a whole word to
      fill the line; when fewer than :data:`MIN_TEXT` characters are left
      for it, it goes on a line of its own below the others, indented.

    A row shown on two or three lines is one string. No rows, no header.
    """
    if not rows:
        return []
    columns = width(sys.stdout)
    mark = _ellipsis(out)
    fixed = len(header) - 1 if text else len(header)
    aligned = set(right)
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(fixed)]
    gaps = len(GAP) * (fixed - 1)
    if shrink is not None and sum(widths) + gaps + (MIN_TEXT + len(GAP)) * text > columns:
        widths[shrink] = max(len(header[shrink]), min(widths[shrink], SHRUNK))
    rest = sum(widths) - widths[key] + gaps
    if widths[key] + rest > columns:
        # The widest keys go on lines of their own; the others keep a column.
        fits = [len(row[key]) for row in (header, *rows) if len(row[key]) + rest <= columns]
        widths[key] = max(fits, default=len(header[key]))
    room = columns - sum(widths) - gaps - len(GAP)
    beside = room >= MIN_TEXT

    def cell(row: Sequence[str], i: int) -> str:
        value = _cut(row[i], widths[i], mark) if i == shrink else row[i]
        return value.rjust(widths[i]) if i in aligned else value.ljust(widths[i])

    def lines(row: Sequence[str]) -> Iterator[str]:
        cells = [cell(row, i) for i in range(fixed)]
        if len(row[key]) > widths[key]:
            yield (GAP.join([*cells[:key], row[key]])).rstrip()
            cells[: key + 1] = [" " * widths[i] for i in range(key + 1)]
        head = GAP.join(cells)
        if not text:
            yield head.rstrip()
        elif beside:
            yield (head + GAP + _cut(row[-1], room, mark)).rstrip()
        else:
            yield head.rstrip()
            if row[-1]:
                yield INDENT + _cut(row[-1], max(columns - len(INDENT), MIN_TEXT), mark)

    first = header if beside or not text else [*header[:-1], ""]
    return ["\n".join(lines(row)) for row in (first, *rows)]


def _wrap(
    text: str,
    lead: str = "",
    *,
    indent: str | None = None,
    units: bool = False,
    prose: bool = True,
) -> str:
    """Return *text* wrapped to the terminal, after *lead*.

    Prose is wrapped to at most :data:`TEXT_WIDTH`, other text to the
    terminal's width. Continuation lines are indented by *indent* (as wide
    as *lead* by default). With *units*, *text* is a ``", "``-separated list
    whose entries are never broken across lines. A word (an id) longer than
    a line is never broken.
    """
    import textwrap

    limit = (min(width(sys.stdout), TEXT_WIDTH + 1) if prose else width(sys.stdout)) - 1
    indent = " " * len(lead) if indent is None else indent
    if not units:
        return textwrap.fill(
            text,
            max(limit, len(lead) + MIN_TEXT),
            initial_indent=lead,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        )
    lines: list[str] = []
    current = lead
    entries = text.split(", ")
    for number, entry in enumerate(entries):
        piece = entry + ("," if number < len(entries) - 1 else "")
        if current.strip() and len(current) + 1 + len(piece) > limit:
            lines.append(current.rstrip())
            current = indent + piece
        else:
            current += ("" if current == lead else " ") + piece
    lines.append(current.rstrip())
    return "\n".join(lines)


def _paragraphs(text: str) -> str:
    """Return *text* wrapped to the terminal, paragraphs kept apart."""
    return "\n\n".join(_wrap(paragraph) for paragraph in text.split("\n\n"))


# --- The commands -----------------------------------------------------------


def _recipients(message: Message) -> str:
    return ", ".join(message.recipients)


def _date(record: Message | IncomingMessage) -> str:
    return record.date.isoformat() if record.date is not None else "undated"


def _words(message: Message) -> str:
    return " ".join(message.text.split())


#: The header of a listing of messages: ``list``, ``search``, ``thread``.
LISTING = ("id", "date", "to", "text")


def _row(message: Message) -> tuple[str, str, str, str]:
    """Return the cells of *message* in a listing: id, date, recipients, text."""
    return (message.id, _date(message), _recipients(message), _words(message))


def _print(lines: Iterable[str], out: Output) -> None:
    for line in lines:
        print(line, file=out)


def _cmd_stats(args: argparse.Namespace, out: Output) -> int:
    from collections import Counter

    messages = _selected(args)
    years = sorted({m.year for m in messages if m.year is not None})
    columns: list[int | None] = [*years, *([None] if any(m.year is None for m in messages) else [])]
    per: Counter[tuple[str, int | None]] = Counter()
    totals: Counter[str] = Counter()
    for message in messages:
        for recipient in message.recipients:
            per[recipient, message.year] += 1
            totals[recipient] += 1
    dated = [m.date for m in messages if m.date is not None]
    span = f", {min(dated)} to {max(dated)}" if dated else ""
    print(f"{len(messages)} messages{span}", file=out)
    print(file=out)
    header = ["recipient", *(str(c) if c is not None else "undated" for c in columns), "total"]
    rows = [
        [recipient, *(str(per[recipient, c]) for c in columns), str(total)]
        for recipient, total in sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    ]
    by_year = Counter(m.year for m in messages)
    rows.append(["messages", *(str(by_year[c]) for c in columns), str(len(messages))])
    _print(_table(header, rows, out, right=range(1, len(header))), out)
    notes = _stats_notes(messages)
    if notes:
        print(file=out)
        _print(notes, out)
    return 0


def _stats_notes(messages: Sequence[Message]) -> list[str]:
    """Return the notes below ``stats``: joint messages, and messages not written by Stalin."""
    notes: list[str] = []
    joint = sum(len(m.recipients) > 1 for m in messages)
    if joint:
        notes.append(
            _wrap(
                f"{joint} messages went to more than one recipient; each counts once under"
                " every recipient, and once under messages."
            )
        )
    others: dict[str, list[Message]] = {}
    for message in messages:
        if "Stalin" not in message.senders:
            for recipient in message.recipients:
                others.setdefault(recipient, []).append(message)
    if others:
        if notes:
            notes.append("")
        notes.append(_wrap("The volume also prints messages that Stalin did not write:"))
        for recipient, written in others.items():
            senders = sorted({s for m in written for s in m.senders})
            ids = ", ".join(m.id for m in written)
            notes.append(
                _wrap(
                    f"{recipient}: {len(written)} from {' and '.join(senders)} ({ids})",
                    "  ",
                    indent="    ",
                )
            )
    return notes


def _cmd_list(args: argparse.Namespace, out: Output) -> int:
    rows = [_row(message) for message in _selected(args)]
    _print(_table(LISTING, rows, out, text=True, shrink=2), out)
    return 0


def _source_lines(message: Message) -> str:
    return ", ".join(
        str(s.start) if s.start == s.end else f"{s.start}-{s.end}" for s in message.source_lines
    )


#: Width of the labels of ``show``: ``Classification: ``.
LABEL = 16


def _field(label: str, value: str, *, units: bool = False) -> str:
    """Return a labelled field of ``show``, wrapped with its continuation lines under the value."""
    return _wrap(value, f"{label + ':':<{LABEL}}", units=units)


def _incoming_record(corpus: Corpus, record_id: str) -> IncomingMessage | None:
    """Return the incoming message *record_id* names, if it names no printed message."""
    incoming = corpus.incoming()
    wanted = corpus.aliases.get(record_id, record_id)
    if record_id in corpus.ids or wanted not in incoming.ids:
        return None
    return incoming[wanted]


def _links(links: Iterable[ReplyLink]) -> str:
    return ", ".join(f"{link.id} ({', '.join(link.kinds)})" for link in links)


def _show_incoming(corpus: Corpus, record: IncomingMessage, out: Output) -> int:
    """Print what the volume tells of an incoming message: parties, dates, links both ways."""
    lines = [
        f"{record.id} (not printed in the volume)",
        "",
        _field("From", " and ".join(record.authors) or "-"),
        _field("To", " and ".join(record.addressees) or "-", units=True),
        _field("Written", record.date.isoformat() if record.date else "-"),
        _field("Arrived", record.received_on.isoformat() if record.received_on else "-"),
        _field("Named in", ", ".join(m.id for m in corpus.referred_to_by(record)), units=True),
    ]
    if record.reply_links:
        lines.append(_field("Answers", _links(record.reply_links), units=True))
    answers = corpus.answered_by(record)
    if answers:
        lines.append(_field("Answered by", ", ".join(r.id for r in answers), units=True))
    print("\n".join(lines), file=out)
    return 0


def _cmd_show(args: argparse.Namespace, out: Output) -> int:
    from collections import Counter

    corpus = load()
    record = _incoming_record(corpus, args.id)
    if record is not None:
        return _show_incoming(corpus, record, out)
    m = corpus[args.id]
    written = m.written_on.isoformat() if m.written_on else "-"
    if m.place:
        written += f" ({m.place})"
    lines = [
        f"{m.id} (no. {m.number})",
        _wrap(m.heading),
        "",
        _field("From", m.sender),
        _field("To", _recipients(m), units=True),
        *([_field("Address", m.address)] if m.address else []),
        *([_field("Classification", m.classification)] if m.classification else []),
        _field("Written", written),
        _field("Sent", m.sent_on.isoformat() if m.sent_on else "-"),
        "",
        *([_wrap(m.salutation), ""] if m.salutation else []),
        _paragraphs(m.text),
        *(["", _wrap(m.signature)] if m.signature else []),
        "",
        _field("Source lines", _source_lines(m), units=True),
    ]
    lines.extend(_field("Note", note) for note in m.notes)
    lines.extend(
        _field("Correction", f"{c.kind} at line {c.line}: {c.wrong!r} -> {c.right!r} ({c.reason})")
        for c in m.corrections
    )
    lines.extend(
        _field("Refers to", f"{', '.join(r.targets) or '(not resolved)'}: {r.phrase!r}")
        for r in m.references
    )
    if m.reply_links:
        lines.append(_field("Answers", _links(m.reply_links), units=True))
    counts = Counter(mention.name for mention in m.mentions)
    if counts:
        named = ", ".join(f"{name} ({n})" if n > 1 else name for name, n in counts.items())
        lines.append(_field("Mentions", named, units=True))
    print("\n".join(lines), file=out)
    return 0


def _cmd_names(args: argparse.Namespace, out: Output) -> int:
    corpus = load()
    rows = []
    for entry in corpus.names(kind=args.kind):
        dates = [d for d in (corpus[i].date for i in entry.ids) if d is not None]
        first = min(dates).isoformat() if dates else "-"
        last = max(dates).isoformat() if dates else "-"
        rows.append((entry.name, entry.kind, str(len(entry.ids)), first, last))
    _print(_table(("name", "kind", "messages", "first", "last"), rows, out, right=(2,)), out)
    return 0


def _kind(text: str) -> str:
    """Return *text*, a kind of the index of names, or say which kinds there are, whole."""
    from typing import get_args

    from ._model import NameKind

    kinds = get_args(NameKind)
    if text in kinds:
        return text
    from ._suggest import close_matches

    close = close_matches(text, kinds, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    msg = f"not a kind of name: {text!r}; {hint}kinds: {', '.join(kinds)}"
    raise argparse.ArgumentTypeError(msg)


def _cmd_thread(args: argparse.Namespace, out: Output) -> int:
    from ._model import Message

    corpus = load()
    incoming = _incoming_record(corpus, args.id)
    asked = incoming if incoming is not None else corpus[args.id]
    rows = []
    for record in corpus.thread_of(asked, include_incoming=args.incoming or incoming is not None):
        if isinstance(record, Message):
            mark = "*" if record.id == asked.id else ""
            rows.append((mark, record.id, _date(record), _recipients(record), _words(record)))
        else:
            mark = "*<" if record.id == asked.id else "<"
            rows.append((mark, record.id, _date(record), " and ".join(record.authors), ""))
    header = ("", "id", "date", "with", "text")
    _print(_table(header, rows, out, text=True, shrink=3, key=1), out)
    return 0


def _cmd_refs(args: argparse.Namespace, out: Output) -> int:
    corpus = load()
    record = _incoming_record(corpus, args.id)
    if record is not None:
        named = ", ".join(m.id for m in corpus.referred_to_by(record))
        print(_wrap(named, "named in: ", units=True, prose=False), file=out)
        if record.reply_links:
            print(_wrap(_links(record.reply_links), "in reply to: ", prose=False), file=out)
        answers = ", ".join(r.id for r in corpus.answered_by(record))
        if answers:
            print(_wrap(answers, "answered by: ", units=True, prose=False), file=out)
        return 0
    message = corpus[args.id]
    if not message.references:
        print(f"{message.id} names no other message", file=out)
    for ref in message.references:
        dates = ", ".join(d.isoformat() for d in ref.dates) or "-"
        targets = ", ".join(ref.targets) or "(not resolved)"
        print(_wrap(repr(ref.phrase), f"{ref.kind:<9} ", indent=" " * 10), file=out)
        print(_wrap(f"dates: {dates}; targets: {targets}", " " * 10, prose=False), file=out)
    if message.in_reply_to:
        replies = ", ".join(message.in_reply_to)
        print(_wrap(replies, "in reply to: ", units=True, prose=False), file=out)
    return 0


def _cmd_incoming(args: argparse.Namespace, out: Output) -> int:
    records: tuple[IncomingMessage, ...] = load().incoming()
    if args.author is not None:
        names = {name.casefold(): name for r in records for name in r.authors}
        wanted = args.author.casefold()
        if wanted not in names:
            raise _UsageError(_unknown("author", args.author, sorted(set(names.values()))))
        records = tuple(r for r in records if wanted in {a.casefold() for a in r.authors})
    if args.year is not None:
        years = {r.date.year for r in load().incoming() if r.date is not None}
        if args.year not in years:
            raise _UsageError(_unknown("year", str(args.year), [str(y) for y in sorted(years)]))
        records = tuple(r for r in records if r.date is not None and r.date.year == args.year)
    rows = [
        (
            record.id,
            _date(record),
            " and ".join(record.authors),
            str(len(record.mentioned_in)),
            str(len(record.answered_by)),
        )
        for record in records
    ]
    header = ("id", "date", "from", "named in", "answered")
    _print(_table(header, rows, out, right=(3, 4), shrink=2), out)
    return 0


def _unknown(what: str, value: str, known: Sequence[str]) -> str:
    """Return the error for a *value* of *what* that no record has, with the likeliest meant."""
    from ._suggest import close_matches

    close = close_matches(value, known, n=1)
    if not close:
        close = [k for k in known if k.casefold().startswith(value.casefold()[:4])][:1]
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"no incoming message has the {what} {value!r}{hint} ({what}s: {', '.join(known)})"


def _cmd_pairs(args: argparse.Namespace, out: Output) -> int:
    from stalin_telegrams import duplicates

    pairs = duplicates() if args.threshold is None else duplicates(threshold=args.threshold)
    rows = [(p.first.id, p.second.id, f"{p.similarity:.3f}", p.kind) for p in pairs]
    _print(_table(("first", "second", "similarity", "kind"), rows, out, right=(2,)), out)
    return 0


def _cmd_diff(args: argparse.Namespace, out: Output) -> int:
    from stalin_telegrams import word_diff

    corpus = load()
    first, second = corpus[args.first], corpus[args.second]
    diff = word_diff(first, second)
    print(f"--- {diff.first}", file=out)
    print(f"+++ {diff.second}", file=out)
    if not any(chunk.op != "equal" for chunk in diff.chunks):
        same = "is the same message" if first.id == second.id else "have the same words"
        noun = "It" if first.id == second.id else "They"
        print(_wrap(f"{noun} {same}: no difference, ignoring case and punctuation."), file=out)
        return 0
    text = str(diff).split("\n", 2)[2]
    print(_wrap(text), file=out)
    return 0


def _context(text: str, start: int, end: int, room: int, mark: str) -> str:
    """Return the words around ``text[start:end]``, the hit in brackets, in *room* characters.

    The room left by the hit is shared evenly either side; each side is cut
    at a whole word and marked where the text goes on. The hit keeps what
    touches it in the text: no space comes between it and a full stop.
    """
    hit = "[" + " ".join(text[start:end].split()) + "]"
    space_before = start > 0 and text[start - 1].isspace()
    space_after = end < len(text) and text[end].isspace()
    budget = max(room - len(hit) - space_before - space_after, 2 * MIN_TEXT)
    left = budget // 2
    before = " ".join(text[max(0, start - 4 * left) : start].split())
    after = " ".join(text[end : end + 4 * (budget - left)].split())
    if len(before) > left or (before and start > 4 * left):
        kept = before[-(left - len(mark)) :] if left > len(mark) else ""
        cut_inside = len(kept) < len(before) and before[-len(kept) - 1 : -len(kept)] != " "
        if cut_inside and " " in kept:
            kept = kept.split(" ", 1)[1]
        before = mark + kept.lstrip()
    right = budget - len(before)
    if len(after) > right or (after and end + 4 * (budget - left) < len(text)):
        after = _cut(after + " ", right, mark) if right > len(mark) else mark
    return (
        f"{before}{' ' if space_before and before else ''}{hit}"
        f"{' ' if space_after and after else ''}{after}"
    )


def _cmd_search(args: argparse.Namespace, out: Output) -> int:
    phrase = " ".join(args.phrase.split())
    if not phrase:
        msg = "the phrase to search for is empty"
        raise _UsageError(msg)
    from stalin_telegrams import find_phrase

    mark = _ellipsis(out)
    room = width(sys.stdout) - len(INDENT)
    selected = load().filter_by(contains=phrase, ignore_accents=True)
    # Each message's line (its hits stand for its text), then its hits, indented.
    header, *lines = _table(LISTING[:-1], [_row(m)[:-1] for m in selected], out, shrink=2)
    print(header, file=out)
    for message, line in zip(selected, lines, strict=True):
        print(line, file=out)
        for start, end in find_phrase(message.text, phrase, ignore_accents=True):
            print(INDENT + _context(message.text, start, end, room, mark), file=out)
    return 0


def _csv_value(value: Any) -> Any:  # noqa: ANN401  # any value of a record
    import json

    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _url(text: str) -> str:
    """Return *text*, a URL of http or https with no space or control character in it."""
    import unicodedata

    if not re.match(r"https?://[^/]", text) or any(
        char.isspace() or unicodedata.category(char).startswith("C") for char in text
    ):
        msg = f"not an http or https URL without spaces or control characters: {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return text


def _cmd_export(args: argparse.Namespace, out: Output) -> int:
    messages = _selected(args)
    to_stdout = args.output in {None, STDOUT}
    if args.format in RECORD_FORMATS:
        records = messages.to_records()
        if to_stdout:
            # JSON has escapes of its own: exact data in any output encoding.
            _write_records(records, args.format, out, ascii_only=not out.holds_unicode)
            return 0
        from ._atomic import atomic_text

        try:
            with atomic_text(args.output) as stream:
                _write_records(records, args.format, stream, ascii_only=False)
        except OSError as err:
            raise _FileError(args.output, err) from err
        _wrote(args, f"{_count(records)} to {args.output}")
        return 0
    if args.output is None:
        msg = f"--format {args.format} writes files: give --output PATH"
        raise _UsageError(msg)
    if args.output == STDOUT:
        msg = (
            f"--format {args.format} cannot go to standard output ('-'): give a file path"
            " (./- names a file called '-'); jsonl and csv can"
        )
        raise _UsageError(msg)
    try:
        wrote = _write_file(messages, args)
    except OSError as err:
        raise _FileError(args.output, err) from err
    _wrote(args, wrote)
    return 0


def _write_file(corpus: Corpus, args: argparse.Namespace) -> str:
    """Write *corpus* in a format of files; return what was written, for the report."""
    count = _count(corpus)
    if args.format == "cmif":
        corpus.to_cmif(args.output, url=args.url)
        return f"{count} to {args.output} (CMIF)"
    if args.format == "parquet":
        corpus.to_parquet(args.output)
        return f"{count} to {args.output}"
    if args.format == "sqlite":
        metadata = corpus.to_sqlite(args.output)
        return f"{count} to {args.output}, and its Datasette metadata to {metadata}"
    descriptor = corpus.to_datapackage(args.output)
    import json

    tables = json.loads(descriptor.read_text(encoding="utf-8")).get("resources", [])
    return f"{count} to {args.output}: {len(tables)} tables and {descriptor.name}"


def _count(messages: Sequence[object]) -> str:
    return f"{len(messages)} message{'' if len(messages) == 1 else 's'}"


def _wrote(args: argparse.Namespace, what: str) -> None:
    """Say on standard error what ``export`` wrote, unless ``-q``."""
    if not args.quiet:
        _say(f"{PROG} {args.command}: wrote {_one_line(what, MESSAGE_LIMIT * 2)}")


def _write_records(
    records: Iterable[dict[str, Any]], form: str, out: IO[str] | Output, *, ascii_only: bool
) -> None:
    if form == "jsonl":
        import json

        for record in records:
            out.write(json.dumps(record, ensure_ascii=ascii_only) + "\n")
        return
    import csv

    from .exports._records import record_keys

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
        # The writers name the file that failed (the metadata file beside a
        # database, a file of a data package), which may not be *path*.
        if isinstance(error.filename, str) and error.filename:
            path = error.filename
        reason = error.strerror or str(error)
        super().__init__(f"cannot write {_one_line(repr(path), MESSAGE_LIMIT // 2)}: {reason}")


class _Terminated(BaseException):
    """SIGTERM arrived: unwind as Ctrl-C does, so that temporary files are removed."""


#: Examples shown at the end of each command's --help.
EXAMPLES = {
    "stats": ["stats", "stats --year 1944 --recipient Churchill"],
    "list": ["list --recipient Roosevelt --year 1943", "list --contains 'second front'"],
    "show": ["show 1942-11-20-churchill"],
    "thread": ["thread 1943-04-21-churchill --incoming"],
    "refs": ["refs 1943-03-15-churchill"],
    "incoming": ["incoming --author Churchill --year 1943"],
    "pairs": ["pairs --threshold 0.9"],
    "diff": ["diff 1942-11-20-churchill 1942-11-20-roosevelt"],
    "search": ["search 'second front'", "search Subasic"],
    "names": ["names --kind place"],
    "export": [
        "export --format csv --output telegrams.csv",
        "export --format sqlite --output telegrams.db --year 1943",
    ],
}


def _epilog(name: str | None) -> str:
    examples = EXAMPLES.get(name or "", ["list --year 1943", "show 1942-11-20-churchill"])
    lines = "\n".join(f"  {PROG} {example}" for example in examples)
    return f"examples:\n{lines}\n\nDocumentation: {DOCS}."


def parser() -> argparse.ArgumentParser:
    """Return the argument parser of the command line."""
    top = _Parser(
        prog=PROG,
        allow_abbrev=False,
        description=(
            "Stalin's wartime correspondence with Churchill, Roosevelt, Truman and Attlee"
            " (1941-1945): list, read, search and export the messages."
        ),
        epilog=_epilog(None).replace("examples:", "examples (COMMAND --help for more):"),
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, command: Command, summary: str) -> argparse.ArgumentParser:
        cmd = sub.add_parser(
            name, help=summary, description=summary, epilog=_epilog(name), allow_abbrev=False
        )
        cmd.set_defaults(run=command, command_parser=cmd)
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
    from ._criteria import OPTIONS

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
        "phrase", help="words to find, whole and in order; case and accents ignored"
    )
    add(
        "names", _cmd_names, "List the index of names: name, kind, messages, first and last date."
    ).add_argument("--kind", type=_kind, metavar="KIND", help="keep only names of this kind")
    export = add(
        "export",
        _cmd_export,
        "Write messages in one of the export formats; say on standard error what was written.",
    )
    # Exported data is never transliterated: what the output cannot hold is escaped.
    export.set_defaults(transliterate=False)
    export.add_argument(
        "--format", required=True, choices=EXPORT_FORMATS, help="output format (see the docs)"
    )
    export.add_argument(
        "--output",
        metavar="PATH",
        help="write to PATH (a folder for datapackage); jsonl and csv go to standard output"
        " without it, or with -",
    )
    export.add_argument("--url", type=_url, help="cmif: the URL the file will be published at")
    export.add_argument("-q", "--quiet", action="store_true", help="do not say what was written")
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


def _output_failed(where: str, err: OutputError) -> int:
    """Report a failure to write standard output; return the exit status."""
    _silence_stdout()
    if err.errno == errno.EPIPE:
        # The reader went away (``| head``): it has what it wanted.
        return 0
    _report(where, f"cannot write to standard output: {err.strerror}")
    return FAILURE


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


def _is_database_error(err: Exception) -> bool:
    """Return whether *err* is SQLite's own (a full disk, a file that is not a database)."""
    return type(err).__module__ == "sqlite3"


def _run(args: argparse.Namespace) -> int:
    """Run the command of *args*; map each kind of failure to its exit status."""
    where = f"{PROG} {args.command}"
    out = Output(sys.stdout, transliterate=getattr(args, "transliterate", True))
    command: Command = args.run
    try:
        status = command(args, out)
        out.flush()
    except OutputError as err:
        return _output_failed(where, err)
    except (_UsageError, StalinTelegramsError, _FileError, OSError) as err:
        message, status, limit = _failure(err)
        _report(where, message, limit)
    except Exception as err:
        if not _is_database_error(err):
            raise
        _report(where, f"cannot write {args.output!r}: {err}")
        status = FAILURE
    return status


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse *argv*; an unknown argument is an error of the command it was given to."""
    top = parser()
    args, extra = top.parse_known_args(argv)
    if extra:
        command: argparse.ArgumentParser = args.command_parser
        options = [*command._option_string_actions, *top._option_string_actions]  # noqa: SLF001
        hint = ""
        if extra[0].startswith("-"):
            from ._suggest import close_matches

            close = close_matches(extra[0].split("=", 1)[0], options, n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
        command.error(f"unrecognized arguments: {' '.join(extra)}{hint}")
    return args


def _terminate(signum: int, frame: FrameType | None) -> NoReturn:
    del signum, frame
    raise _Terminated


def _catch_sigterm() -> Callable[[], None]:
    """Make SIGTERM unwind the program as Ctrl-C does; return what undoes it.

    Only where SIGTERM has its default action, and only in the main thread
    (where Python runs signal handlers); the package itself installs none.
    """
    try:
        if signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
            return lambda: None
        signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread
        return lambda: None

    def restore() -> None:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)

    return restore


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (by default ``sys.argv[1:]``).

    Args:
        argv: The arguments, without the program name.

    Returns:
        The exit status, 0 on success (also when the reader of the output
        stops early); 1 when a command fails (an unknown id, a damaged data
        file, a file or standard output that cannot be written); 2 for a bad
        command line (an unknown or repeated option, a date that cannot be
        read, a name that no message has); 70 for an internal error; 130
        after Ctrl-C and 143 after SIGTERM, with any temporary file removed.
        Every error is one line on standard error, never a traceback.

    >>> status = main(["show", "1942-11-20-churchill"])  # doctest: +ELLIPSIS
    1942-11-20-churchill (no. ...)
    ...
    >>> status
    0

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.3.0
       Exit status 143 after SIGTERM; a repeated option is an error.
    """
    restore = _catch_sigterm()
    try:
        usable(sys.stdout)
        usable(sys.stderr)
        try:
            args = _parse(argv)
        except OutputError as err:  # --help or --version could not be written
            return _output_failed(PROG, err)
        return _run(args)
    except KeyboardInterrupt:
        _report(PROG, "interrupted")
        return INTERRUPTED
    except _Terminated:
        _report(PROG, "terminated")
        return TERMINATED
    except Exception as err:  # noqa: BLE001  # the command line never shows a traceback
        _report(PROG, f"internal error: {type(err).__name__}: {err}")
        _say("please report this as a bug, with the command line that caused it")
        return INTERNAL_ERROR
    finally:
        restore()
