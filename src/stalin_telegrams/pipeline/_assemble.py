"""Message records from drafts: cleaned fields, dates, corrections and stable ids."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Sequence

import attrs

from .._model import Correction, FootnoteMark, LineSpan, Message
from .._recordcheck import draft as draft_record
from .._recordcheck import redraft
from . import _headings, _pages
from ._lines import LineRecord, Role, classify
from ._segment import Draft, segment
from ._source import Line
from ._tables import DateRuling, Tables

_SALUTATION = re.compile(r"^(?:My )?(?:[Dd]ear\b.*|Mr President)[,.!]?$")
_CLOSING = re.compile(r"^(?:Yours|Sincerely|Respectfully|Most|Truly|With\b|Very\b).{0,40},$")
#: Footnote marks stand in the text as private-use characters until placed.
_PLACEHOLDER = re.compile("[\ue000-\uf8ff]")
_FIRST_PLACEHOLDER = 0xE000


@attrs.frozen
class Assembly:
    """What assembly produced: records, line roles, and what was decided."""

    messages: tuple[Message, ...]
    roles: dict[int, str]
    owner: dict[int, int]
    joins: tuple[_pages.Join, ...]


@attrs.frozen
class Placing:
    """What notes.csv says of one record, gathered from all its rows.

    Attributes:
        sender: The real sender, where the heading does not name it.
        enclosed_in: The heading line of the message that encloses it.
        copy_of: The heading line of the record it is a copy of.
        notes: The editorial notes, in table order.
    """

    sender: str | None = None
    enclosed_in: int | None = None
    copy_of: int | None = None
    notes: tuple[str, ...] = ()


@attrs.frozen
class Edits:
    """The correction tables, keyed the way assembly looks them up.

    Attributes:
        errata: The errata of each raw line, in table order.
        moves: Each moved block of raw lines, with its correction.
        rulings: The date ruling of each record, by heading line.
        placings: What notes.csv says of each record, by heading line.
    """

    errata: dict[int, tuple[Correction, ...]]
    moves: tuple[tuple[range, Correction], ...]
    rulings: dict[int, DateRuling]
    placings: dict[int, Placing]

    @classmethod
    def from_tables(cls, tables: Tables) -> Edits:
        """Key the tables by line."""
        errata: dict[int, tuple[Correction, ...]] = {}
        for fix in tables.errata:
            errata[fix.line] = (*errata.get(fix.line, ()), fix)
        moves = tuple(
            (
                range(m.start, m.end + 1),
                Correction(
                    "move",
                    m.start,
                    f"lines {m.start}-{m.end}",
                    f"after line {m.after}",
                    m.reason,
                    m.added_in,
                    m.added_on,
                ),
            )
            for m in tables.moves
        )
        placings: dict[int, Placing] = {}
        for row in tables.notes:
            had = placings.get(row.line, Placing())
            placings[row.line] = Placing(
                sender=row.sender or had.sender,
                enclosed_in=row.enclosed_in if row.enclosed_in is not None else had.enclosed_in,
                copy_of=row.copy_of if row.copy_of is not None else had.copy_of,
                notes=(*had.notes, row.note),
            )
        return cls(errata, moves, {r.line: r for r in tables.dates}, placings)

    def check_lines(self, starts: set[int]) -> None:
        """Refuse rows that name a line where no record's heading starts.

        Raises:
            ValueError: A row of dates.csv or notes.csv names such a line.
        """
        named = [("dates.csv", line) for line in self.rulings]
        for line, placing in self.placings.items():
            named.append(("notes.csv", line))
            named.extend(
                ("notes.csv", n) for n in (placing.enclosed_in, placing.copy_of) if n is not None
            )
        for table, line in named:
            if line not in starts:
                msg = f"{table}: no heading starts at line {line}"
                raise ValueError(msg)


#: The number a message read from its draft holds until :func:`assemble` numbers it.
UNNUMBERED = 1


@attrs.frozen
class Parts:
    """What one draft gives: its message, before it has its id and number, and the joins.

    Attributes:
        message: The message, every field read from the draft; its id is
            its :attr:`key` and its number :data:`UNNUMBERED` until
            :func:`assemble` gives both, with its enclosure and copy.
        joins: The paragraphs rejoined across page breaks.
    """

    message: Message
    joins: tuple[_pages.Join, ...]

    @property
    def key(self) -> str:
        """The id before any suffix: the date and the recipients."""
        return self.message.id


def _key(
    written_on: datetime.date | None, sent_on: datetime.date | None, recipients: tuple[str, ...]
) -> str:
    """Return the id of a message before any suffix: its date and its recipients."""
    date = written_on if written_on is not None else sent_on
    day = date.isoformat() if date else "undated"
    return f"{day}-{'-'.join(r.lower() for r in recipients) or 'unknown'}"


def assemble(lines: Sequence[Line], tables: Tables, hyphenated: frozenset[str]) -> Assembly:
    """Segment the lines into records and build a :class:`Message` for each.

    Args:
        lines: The raw lines, in reading order (after page-order repair).
        tables: The correction tables.
        hyphenated: The lower-cased hyphenated words the source uses, kept
            whole when a page break cuts them.

    Returns:
        The messages, each line's role, each line's message number and the
        paragraphs rejoined across page breaks.

    Raises:
        ValueError: A line or a table row cannot be placed (see
            :func:`~._lines.classify`, :func:`~._segment.segment`).
    """
    records = classify(lines, tables.roles)
    drafts = segment(records)
    edits = Edits.from_tables(tables)
    heads = {draft.start: index for index, draft in enumerate(drafts)}
    edits.check_lines(set(heads))
    parts = [read_parts(draft, edits, hyphenated) for draft in drafts]
    copies = {heads[line] for line, p in edits.placings.items() if p.copy_of is not None}
    ids = _ids([p.key for p in parts], copies)
    id_at = {start: ids[index] for start, index in heads.items()}
    messages = tuple(
        _message(number, ids[number - 1], part, edits.placings.get(draft.start, Placing()), id_at)
        for number, (draft, part) in enumerate(zip(drafts, parts, strict=True), start=1)
    )
    return Assembly(
        messages=messages,
        roles={line.no: line.role.value for line in records},
        owner={no: number for number, d in enumerate(drafts, start=1) for no in d.lines},
        joins=tuple(join for part in parts for join in part.joins),
    )


def _message(
    number: int, ident: str, parts: Parts, placing: Placing, id_at: dict[int, str]
) -> Message:
    """Give the message of a record its number, id, enclosure and copy.

    *id_at* gives the id of the record headed at each line, for the
    enclosures and copies that *placing* (from notes.csv) names.
    """
    enclosed_in = None if placing.enclosed_in is None else id_at[placing.enclosed_in]
    copy_of = None if placing.copy_of is None else id_at[placing.copy_of]
    return redraft(parts.message, id=ident, number=number, enclosed_in=enclosed_in, copy_of=copy_of)


@attrs.frozen
class _Heading:
    text: str
    classification: str | None
    written_on: datetime.date | None
    place: str | None
    notes: tuple[str, ...]


@attrs.frozen
class _Body:
    salutation: str | None
    text: str
    signature: str | None
    marks: tuple[FootnoteMark, ...]
    joins: tuple[_pages.Join, ...]


def read_parts(draft: Draft, edits: Edits, hyphenated: frozenset[str]) -> Parts:
    """Read a message's fields from its draft (the one place a message is made).

    Args:
        draft: The lines of the message.
        edits: The correction tables.
        hyphenated: The hyphenated words the source uses.

    Returns:
        The fields, the notes on judgements made, and the paragraphs rejoined.

    Raises:
        ValueError: An erratum's wrong text is not in its line.
    """
    heading = _read_heading(draft, edits.errata)
    body = _read_body(draft, edits.errata, hyphenated)
    written_on, sent_on, date_notes = _dates(draft, heading.written_on, edits.rulings)
    senders, recipients = _headings.parties(heading.text)
    placing = edits.placings.get(draft.start, Placing())
    own = set(draft.lines)
    corrections = [c for no in sorted(own) for c in edits.errata.get(no, ())]
    corrections += [c for block, c in edits.moves if own.intersection(block)]
    # A draft: _validate reports what it lacks (no recipient, say) by name.
    message = draft_record(
        Message,
        id=_key(written_on, sent_on, recipients),
        number=UNNUMBERED,
        senders=(placing.sender,) if placing.sender else senders,
        recipients=recipients,
        heading=heading.text,
        classification=heading.classification,
        written_on=written_on,
        sent_on=sent_on,
        place=heading.place,
        address=" ".join(_pages.strip_markup(a.text).strip() for a in draft.address) or None,
        salutation=body.salutation,
        signature=body.signature,
        text=body.text,
        footnote_marks=body.marks,
        source_lines=_spans(draft.lines),
        corrections=tuple(corrections),
        notes=(*draft.notes, *heading.notes, *date_notes, *placing.notes),
    )
    return Parts(message, body.joins)


def _read_heading(draft: Draft, errata: dict[int, tuple[Correction, ...]]) -> _Heading:
    """Read heading, classification, written date and place.

    A classification line under the heading is no part of its text.
    """
    first, *rest = draft.heading
    under = [line for line in rest if line.facts.classification is not None]
    kept = [first, *(line for line in rest if line.facts.classification is None)]
    text = _PLACEHOLDER.sub("", " ".join(_clean(line, errata, 0)[0] for line in kept))
    dated = draft.dated
    if dated is not None and dated.role is Role.DATE_HEADING:
        text = text[dated.facts.date_prefix :]
    label, text = _headings.split_classification(_headings.tidy(text))
    named = [
        line.facts.classification for line in (draft.classification, *under) if line is not None
    ]
    return _Heading(
        text=text,
        classification=next((c for c in reversed(named) if c is not None), label),
        written_on=None if dated is None else dated.facts.date,
        place=None if dated is None else dated.facts.place,
        notes=("classification stands under the heading",) if under else (),
    )


def _read_body(
    draft: Draft, errata: dict[int, tuple[Correction, ...]], hyphenated: frozenset[str]
) -> _Body:
    """Read salutation, text, signature and footnote marks; rejoin broken paragraphs."""
    marks: list[FootnoteMark] = []
    paragraphs: list[tuple[int, str]] = []
    for line in draft.body:
        text, found = _clean(line, errata, len(marks))
        marks.extend(found)
        paragraphs.append((line.no, text))
    merged, joins = _pages.join_paragraphs(paragraphs, draft.breaks, hyphenated)
    texts = [text for _, text in merged]
    salutation = None
    if texts and _SALUTATION.match(_PLACEHOLDER.sub("", texts[0])):
        salutation = _PLACEHOLDER.sub("", texts.pop(0))
    signature = None
    if draft.signature:
        signature = ", ".join(
            _pages.strip_markup(line.text).strip().rstrip(",") for line in draft.signature
        )
        if texts and _CLOSING.match(texts[-1]):
            signature = texts.pop() + " " + signature
    text, placed = _place_marks("\n\n".join(texts), marks)
    return _Body(salutation, text, signature, placed, tuple(joins))


def _dates(
    draft: Draft, written_on: datetime.date | None, rulings: dict[int, DateRuling]
) -> tuple[datetime.date | None, datetime.date | None, tuple[str, ...]]:
    """Return the written and sent dates, as the source or dates.csv gives them, and a note."""
    sent_on = None if draft.sent is None else draft.sent.facts.sent
    ruling = rulings.get(draft.start)
    if ruling is None:
        undated = sent_on is None and written_on is None
        return written_on, sent_on, ("no date in the source",) if undated else ()
    if ruling.written_on:
        written_on = datetime.date.fromisoformat(ruling.written_on)
    if ruling.sent_on:
        sent_on = datetime.date.fromisoformat(ruling.sent_on)
    return written_on, sent_on, (f"date set by dates.csv: {ruling.reason}",)


def _clean(
    line: LineRecord, errata: dict[int, tuple[Correction, ...]], first: int
) -> tuple[str, tuple[FootnoteMark, ...]]:
    """Return a line's text corrected, its markup dropped, and its footnote marks.

    Each mark stands in the text as a private-use character, numbered from
    *first*, until its offset in the whole text is known.

    Raises:
        ValueError: An erratum's wrong text is not in the line.
    """
    text = line.text
    for fix in errata.get(line.no, ()):
        if fix.wrong not in text:
            msg = f"erratum on line {line.no}: {fix.wrong!r} is not in the line"
            raise ValueError(msg)
        text = text.replace(fix.wrong, fix.right)
    bare, found = _pages.take_footnotes(text, line.no)
    pieces: list[str] = []
    last = 0
    for number, mark in enumerate(found, start=first):
        pieces.extend((bare[last : mark.position], chr(_FIRST_PLACEHOLDER + number)))
        last = mark.position
    pieces.append(bare[last:])
    # Offset 0 until _place_marks() knows where each mark stands in the text.
    marks = tuple(FootnoteMark(mark.mark, line.no, 0) for mark in found)
    return _pages.strip_markup("".join(pieces)).strip(), marks


def _place_marks(text: str, marks: Sequence[FootnoteMark]) -> tuple[str, tuple[FootnoteMark, ...]]:
    """Take the placeholders out of *text*, giving each mark its offset."""
    out: list[str] = []
    placed: list[FootnoteMark] = []
    length = 0
    last = 0
    for match in _PLACEHOLDER.finditer(text):
        chunk = text[last : match.start()]
        out.append(chunk)
        length += len(chunk)
        mark = marks[ord(match.group(0)) - _FIRST_PLACEHOLDER]
        placed.append(FootnoteMark(mark.mark, mark.line, length))
        last = match.end()
    out.append(text[last:])
    return "".join(out), tuple(placed)


def _spans(numbers: Sequence[int]) -> tuple[LineSpan, ...]:
    spans: list[LineSpan] = []
    for no in numbers:
        if spans and no == spans[-1].end + 1:
            spans[-1] = LineSpan(spans[-1].start, no)
        else:
            spans.append(LineSpan(no, no))
    return tuple(spans)


def _ids(keys: Sequence[str], copies: set[int]) -> list[str]:
    """Return each record's id: its key, with a suffix on repeats.

    Repeats are numbered in volume order, copies (indexes in *copies*) last,
    so the plain id of a day names the message itself, not a copy enclosed
    with another.
    """
    order = sorted(range(len(keys)), key=lambda i: (i in copies, i))
    seen: Counter[str] = Counter()
    ids = [""] * len(keys)
    for index in order:
        seen[keys[index]] += 1
        n = seen[keys[index]]
        ids[index] = keys[index] if n == 1 else f"{keys[index]}-{n}"
    return ids
