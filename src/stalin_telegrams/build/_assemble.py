"""Turn the repaired sequence of raw lines into message records."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Sequence

import attrs

from .._model import Correction, FootnoteMark, LineSpan, Message
from . import _dates, _headings, _pages
from ._source import Line
from ._tables import DateRuling, Tables

ROLES = (
    "front",
    "blank",
    "page",
    "stray",
    "sent",
    "date",
    "date-heading",
    "classification",
    "heading",
    "address",
    "signature",
    "body",
)
#: Roles a correction table may give a line, beyond the ordinary ones.
OVERRIDE_ROLES = (*ROLES, "sent-previous", "date-next")
ARTIFACTS = frozenset({"front", "blank", "page", "stray"})
_SALUTATION = re.compile(r"^(?:My )?(?:[Dd]ear\b.*|Mr President)[,.!]?$")
_CLOSING = re.compile(r"^(?:Yours|Sincerely|Respectfully|Most|Truly|With\b|Very\b).{0,40},$")
_PLACEHOLDER = re.compile("[\ue000-\uf8ff]")
#: A short line under a heading naming where the message went: "Washington".
_ADDRESS = re.compile(r"^(?!(?:My )?[Dd]ear\b|Mr President)[A-Z\"“][^.!?:;]{0,38}[^.!?:;,]$")


@attrs.define
class Draft:
    """A record under construction."""

    heading: list[Line] = attrs.Factory(list)
    address: list[Line] = attrs.Factory(list)
    classification: Line | None = None
    sent: Line | None = None
    dated: Line | None = None
    signature: list[Line] = attrs.Factory(list)
    body: list[Line] = attrs.Factory(list)
    lines: list[int] = attrs.Factory(list)
    notes: list[str] = attrs.Factory(list)
    breaks: set[int] = attrs.Factory(set)


@attrs.frozen
class Assembly:
    """What assembly produced: records, line roles, and what was decided."""

    messages: tuple[Message, ...]
    roles: dict[int, str]
    owner: dict[int, int]
    joins: tuple[_pages.Join, ...]


def classify(lines: Sequence[Line], tables: Tables) -> dict[int, str]:
    """Give every line a role, by rule, then by the reviewed role table."""
    overrides = {r.line: r.role for r in tables.roles}
    for role in overrides.values():
        if role not in OVERRIDE_ROLES:
            msg = f"roles.csv: unknown role {role!r}"
            raise ValueError(msg)
    roles: dict[int, str] = {}
    seen_heading = False
    prev_role = "blank"
    for line in lines:
        text = line.text.strip()
        role = _rule_role(text, prev_role)
        role = overrides.get(line.no, role)
        if role in {"heading", "date-heading"}:
            seen_heading = True
        if not seen_heading and role != "blank":
            role = "front"
        roles[line.no] = role
        if role == "sent" and prev_role in {"heading", "heading-gap"}:
            prev_role = "sent-under"
        elif role not in {"blank", "page", "stray"}:
            prev_role = role
        elif role == "blank" and prev_role in {"heading", "address"}:
            prev_role = "heading-gap"
    return roles


def _rule_role(text: str, prev_role: str) -> str:  # noqa: C901, PLR0911 - one rule per role
    if not text:
        return "blank"
    if _pages.PAGE_NUMBER.match(text):
        return "page"
    if _pages.STRAY.match(text):
        return "stray"
    if _dates.sent_on(text):
        return "sent"
    if _dates.date_line(text):
        return "date"
    if _dates.LEADING_DATE.match(text) and _headings.is_caps(
        _dates.LEADING_DATE.match(text).group("rest")  # type: ignore[union-attr]
    ):
        return "date-heading"
    if _headings.is_caps(text):
        if _headings.is_signature(text):
            return "signature"
        if prev_role in {"heading", "heading-gap", "classification"}:
            return "heading"
        if _headings.is_classification(text):
            return "classification"
        if _headings.heading_keyword(text):
            return "heading"
        return "body"
    if prev_role in {"heading", "heading-gap", "sent-under"} and _ADDRESS.match(text):
        return "address"
    return "body"


def _placeholder_text(
    line: Line, errata: dict[int, list[Correction]], marks: list[FootnoteMark]
) -> str:
    text = line.text
    for fix in errata.get(line.no, ()):
        if fix.wrong not in text:
            msg = f"erratum on line {line.no}: {fix.wrong!r} is not in the line"
            raise ValueError(msg)
        text = text.replace(fix.wrong, fix.right)
    bare, found = _pages.take_footnotes(text, line.no)
    pieces: list[str] = []
    last = 0
    for mark in found:
        pieces.append(bare[last : mark.position])
        pieces.append(chr(0xE000 + len(marks)))
        marks.append(FootnoteMark(mark.mark, line.no, -1))
        last = mark.position
    pieces.append(bare[last:])
    return _pages.strip_markup("".join(pieces)).strip()


def _resolve_marks(text: str, marks: list[FootnoteMark]) -> tuple[str, tuple[FootnoteMark, ...]]:
    out: list[str] = []
    placed: list[FootnoteMark] = []
    length = 0
    last = 0
    for match in _PLACEHOLDER.finditer(text):
        chunk = text[last : match.start()]
        out.append(chunk)
        length += len(chunk)
        mark = marks[ord(match.group(0)) - 0xE000]
        placed.append(attrs.evolve(mark, offset=length))
        last = match.end()
    out.append(text[last:])
    return "".join(out), tuple(placed)


def _check_table_lines(
    drafts: Sequence[Draft], rulings: dict[int, DateRuling], editorial: dict[int, list[str]]
) -> None:
    """Refuse table rows that name a line where no record's heading starts."""
    starts = {d.heading[0].no for d in drafts if d.heading}
    for line in [*rulings, *editorial]:
        if line not in starts:
            msg = f"dates.csv/notes.csv: no heading starts at line {line}"
            raise ValueError(msg)


def _dates_the_next(current: Draft, line: Line) -> bool:
    """Tell whether a date line between two messages belongs to the second.

    It does when the first already has its written date, or when it was
    sent before this date: nothing is written after it is sent.
    """
    if current.dated is not None:
        return True
    if current.sent is None:
        return False
    parsed = _dates.date_line(line.text)
    sent = _dates.sent_on(current.sent.text)
    return parsed is not None and sent is not None and parsed[1] > sent


def _next_content_roles(lines: Sequence[Line], roles: dict[int, str]) -> list[str]:
    """For each line, the role of the next line that is not an artifact."""
    out = [""] * len(lines)
    following = ""
    for index in range(len(lines) - 1, -1, -1):
        out[index] = following
        role = roles[lines[index].no]
        if role not in ARTIFACTS:
            following = role
    return out


def _spans(numbers: Sequence[int]) -> tuple[LineSpan, ...]:
    spans: list[LineSpan] = []
    for no in numbers:
        if spans and no == spans[-1].end + 1:
            spans[-1] = LineSpan(spans[-1].start, no)
        else:
            spans.append(LineSpan(no, no))
    return tuple(spans)


def assemble(  # noqa: C901, PLR0912, PLR0915 - segmentation is one state machine
    lines: Sequence[Line], tables: Tables, hyphenated: frozenset[str]
) -> Assembly:
    """Segment the lines into records and build a :class:`Message` for each."""
    roles = classify(lines, tables)
    drafts: list[Draft] = []
    owner: dict[int, int] = {}
    pending_sent: Line | None = None
    pending_date: Line | None = None
    pending_class: Line | None = None
    current: Draft | None = None
    last_content = ""
    broke = False
    upcoming = _next_content_roles(lines, roles)
    position = {line.no: index for index, line in enumerate(lines)}
    for index, line in enumerate(lines):
        role = roles[line.no]
        if role in ARTIFACTS:
            if role in {"page", "stray"}:
                broke = True
            if current is not None and role != "front":
                current.lines.append(line.no)
            continue
        starts = role in {"heading", "date-heading"} and (
            current is None or last_content not in {"heading", "address", "classification-in"}
        )
        if role == "classification" and current is not None and last_content == "heading":
            role, starts = "heading", False
        if starts:
            pending = [p.no for p in (pending_class, pending_sent, pending_date) if p]
            carried: list[int] = []
            if current is not None and pending:
                # Blank lines between a pending line and its heading go with it.
                first = min(position[no] for no in pending)
                carried = [no for no in current.lines if position[no] > first]
                current.lines = [no for no in current.lines if position[no] <= first]
            current = Draft()
            drafts.append(current)
            current.classification = pending_class
            current.sent = pending_sent
            if pending_date is not None:
                current.dated = pending_date
                current.notes.append("written date stands above the heading")
            current.lines.extend(sorted([*pending, *carried], key=position.__getitem__))
            pending_class = pending_sent = pending_date = None
        if role == "classification":
            pending_class = line
            last_content = role
            continue
        if role in {"sent", "sent-previous"}:
            under = (
                current is not None and not current.body and last_content in {"heading", "address"}
            )
            if role == "sent" and not under:
                if pending_sent is not None:
                    msg = f"line {line.no}: two 'Sent on' lines in a row"
                    raise ValueError(msg)
                pending_sent = line
            else:
                assert current is not None
                if current.sent is not None:
                    msg = f"line {line.no}: a second 'Sent on' for one message"
                    raise ValueError(msg)
                current.sent = line
                current.lines.append(line.no)
                if role == "sent":
                    current.notes.append("'Sent on' stands under the heading")
                else:
                    current.notes.append(
                        "'Sent on' line assigned to the message above it (roles.csv)"
                    )
            last_content = "sent"
            continue
        if (
            role == "date"
            and current is not None
            and upcoming[index] in {"heading", "classification", "date-heading"}
            and _dates_the_next(current, line)
        ):
            role = "date-next"
        if role == "date-next":
            pending_date = line
            last_content = "date"
            continue
        assert current is not None, f"line {line.no} before any heading"
        current.lines.append(line.no)
        if role == "date-heading":
            current.dated = line
            current.heading.append(line)
            current.notes.append("written date stands on the heading's own line")
            role = "heading"
        elif role == "heading":
            current.heading.append(line)
        elif role == "address":
            current.address.append(line)
        elif role == "date":
            if current.dated is not None:
                msg = f"line {line.no}: a second written date for one message"
                raise ValueError(msg)
            current.dated = line
            if not current.body:
                current.notes.append("written date stands at the top of the message")
        elif role == "signature":
            current.signature.append(line)
        else:
            if broke:
                current.breaks.add(line.no)
            current.body.append(line)
        broke = False
        last_content = role
    if pending_sent is not None or pending_date is not None or pending_class is not None:
        msg = "a date or classification line is left after the last message"
        raise ValueError(msg)
    errata: dict[int, list[Correction]] = {}
    for fix in tables.errata:
        errata.setdefault(fix.line, []).append(
            Correction(
                "erratum", fix.line, fix.wrong, fix.right, fix.reason, fix.added_in, fix.added_on
            )
        )
    moves = [
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
    ]
    rulings = {r.line: r for r in tables.dates}
    editorial: dict[int, list[str]] = {}
    for note in tables.notes:
        editorial.setdefault(note.line, []).append(note.note)
    _check_table_lines(drafts, rulings, editorial)
    messages: list[Message] = []
    joins: list[_pages.Join] = []
    for number, draft in enumerate(drafts, start=1):
        message, made = _build(number, draft, errata, moves, hyphenated, rulings, editorial)
        messages.append(message)
        joins.extend(made)
        for no in draft.lines:
            owner[no] = number
    heads = {d.heading[0].no: index for index, d in enumerate(drafts) if d.heading}
    return Assembly(_annotate(messages, heads, tables), roles, owner, tuple(joins))


def _annotate(
    messages: list[Message], heads: dict[int, int], tables: Tables
) -> tuple[Message, ...]:
    """Apply notes.csv's senders, enclosures and copies, and give the ids.

    A copy gets its id after the record it copies, so the plain id of a day
    names the message itself, not the copy enclosed with another.
    """
    for note in tables.notes:
        for line in (note.enclosed_in, note.copy_of):
            if line is not None and line not in heads:
                msg = f"notes.csv: no heading starts at line {line}"
                raise ValueError(msg)
    copies = {heads[n.line] for n in tables.notes if n.copy_of is not None}
    ids = _ids(messages, copies)
    out = list(messages)
    for note in tables.notes:
        index = heads[note.line]
        message = out[index]
        out[index] = attrs.evolve(
            message,
            senders=(note.sender,) if note.sender else message.senders,
            enclosed_in=None if note.enclosed_in is None else ids[heads[note.enclosed_in]],
            copy_of=None if note.copy_of is None else ids[heads[note.copy_of]],
        )
    return tuple(attrs.evolve(m, id=ident) for m, ident in zip(out, ids, strict=True))


def _build(  # noqa: C901, PLR0912, PLR0913, PLR0917 - one record from its parts
    number: int,
    draft: Draft,
    errata: dict[int, list[Correction]],
    moves: Sequence[tuple[range, Correction]],
    hyphenated: frozenset[str],
    rulings: dict[int, DateRuling],
    editorial: dict[int, list[str]],
) -> tuple[Message, list[_pages.Join]]:
    marks: list[FootnoteMark] = []
    under = [line for line in draft.heading[1:] if _headings.is_classification(line.text)]
    heading_text = " ".join(
        _placeholder_text(line, errata, marks) for line in draft.heading if line not in under
    )
    if under:
        draft.notes.append("classification stands under the heading")
    heading_text = _PLACEHOLDER.sub("", heading_text)
    marks.clear()
    written: datetime.date | None = None
    place: str | None = None
    if draft.dated is not None:
        lead = _dates.LEADING_DATE.match(draft.dated.text.strip())
        if lead and draft.dated in draft.heading:
            written = _dates.parse_date(lead.group("date"))
            heading_text = heading_text[len(lead.group("date")) :].strip()
        else:
            parsed = _dates.date_line(draft.dated.text)
            assert parsed is not None, draft.dated
            place, written = parsed
    label, heading_text = _headings.split_classification(_headings.tidy(heading_text))
    classification = label
    for line in (draft.classification, *under):
        if line is not None:
            classification = _pages.strip_markup(line.text).strip().rstrip(".")
    senders, recipients = _headings.parties(heading_text)
    paragraphs = [(line.no, _placeholder_text(line, errata, marks)) for line in draft.body]
    merged, joins = _pages.join_paragraphs(paragraphs, frozenset(draft.breaks), hyphenated)
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
    text, placed = _resolve_marks("\n\n".join(texts), marks)
    sent = _dates.sent_on(draft.sent.text) if draft.sent else None
    ruling = rulings.get(draft.heading[0].no) if draft.heading else None
    if ruling is not None:
        if ruling.written_on:
            written = datetime.date.fromisoformat(ruling.written_on)
        if ruling.sent_on:
            sent = datetime.date.fromisoformat(ruling.sent_on)
        draft.notes.append(f"date set by dates.csv: {ruling.reason}")
    elif sent is None and written is None:
        draft.notes.append("no date in the source")
    draft.notes.extend(editorial.get(draft.heading[0].no, ()))
    own = set(draft.lines)
    corrections = [c for no in sorted(own) for c in errata.get(no, ())]
    corrections += [c for block, c in moves if own.intersection(block)]
    message = Message(
        id="",
        number=number,
        senders=senders,
        recipients=recipients,
        heading=heading_text,
        classification=classification,
        written_on=written,
        sent_on=sent,
        place=place,
        address=" ".join(_pages.strip_markup(a.text).strip() for a in draft.address) or None,
        salutation=salutation,
        signature=signature,
        text=text,
        footnote_marks=placed,
        source_lines=_spans(draft.lines),
        corrections=tuple(corrections),
        notes=tuple(draft.notes),
    )
    return message, joins


def _ids(messages: Sequence[Message], copies: set[int]) -> list[str]:
    """Return each message's id: date and recipients, with a suffix on repeats.

    Repeats are numbered in volume order, copies (indexes in *copies*) last.
    """
    base = []
    for message in messages:
        day = message.date.isoformat() if message.date else "undated"
        who = "-".join(r.lower() for r in message.recipients) or "unknown"
        base.append(f"{day}-{who}")
    order = sorted(range(len(messages)), key=lambda i: (i in copies, i))
    seen: Counter[str] = Counter()
    ids = [""] * len(messages)
    for index in order:
        key = base[index]
        seen[key] += 1
        ids[index] = key if seen[key] == 1 else f"{key}-{seen[key]}"
    return ids
