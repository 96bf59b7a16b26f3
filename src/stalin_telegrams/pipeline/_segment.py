"""Segmentation: line records in, the lines of each message out."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import attrs

from ._lines import LineRecord, Role

#: What the last content line may have been for a heading line to go on the same heading.
_IN_HEADING = frozenset({Role.HEADING, Role.ADDRESS})


@attrs.frozen
class Draft:
    """The lines of one message, sorted by what they are.

    Attributes:
        heading: The heading lines (never empty).
        address: The lines naming where the message went.
        classification: A classification line standing above the heading.
        sent: The "Sent on" line.
        dated: The line bearing the written date.
        signature: The signature lines.
        body: The lines of the text, salutation and closing included.
        lines: Every raw line the message owns, in reading order.
        notes: Where lines stood that a reader would look for elsewhere.
        breaks: Body lines that follow a page break.
    """

    heading: tuple[LineRecord, ...]
    address: tuple[LineRecord, ...] = ()
    classification: LineRecord | None = None
    sent: LineRecord | None = None
    dated: LineRecord | None = None
    signature: tuple[LineRecord, ...] = ()
    body: tuple[LineRecord, ...] = ()
    lines: tuple[int, ...] = ()
    notes: tuple[str, ...] = ()
    breaks: frozenset[int] = frozenset()

    @property
    def start(self) -> int:
        """The raw line the heading starts at, which the correction tables name."""
        return self.heading[0].no


@attrs.define
class _Open:
    """The message being read."""

    classification: LineRecord | None = None
    sent: LineRecord | None = None
    dated: LineRecord | None = None
    lines: list[int] = attrs.Factory(list)
    notes: list[str] = attrs.Factory(list)
    heading: list[LineRecord] = attrs.Factory(list)
    address: list[LineRecord] = attrs.Factory(list)
    signature: list[LineRecord] = attrs.Factory(list)
    body: list[LineRecord] = attrs.Factory(list)
    breaks: set[int] = attrs.Factory(set)

    def freeze(self) -> Draft:
        """Return what has been read, as an immutable draft."""
        return Draft(
            heading=tuple(self.heading),
            address=tuple(self.address),
            classification=self.classification,
            sent=self.sent,
            dated=self.dated,
            signature=tuple(self.signature),
            body=tuple(self.body),
            lines=tuple(self.lines),
            notes=tuple(self.notes),
            breaks=frozenset(self.breaks),
        )


@attrs.define
class _Pending:
    """Lines read above a heading that is still to come, which belong to it."""

    classification: LineRecord | None = None
    sent: LineRecord | None = None
    dated: LineRecord | None = None
    #: The pending lines and every line after them, in reading order.
    lines: list[int] = attrs.Factory(list)


def segment(lines: Iterable[LineRecord]) -> tuple[Draft, ...]:
    """Sort classified lines into messages.

    Args:
        lines: The line records, in reading order.

    Returns:
        One draft per message, in reading order.

    Raises:
        ValueError: The lines cannot be one sequence of messages (see
            :class:`Segmenter`).
    """
    segmenter = Segmenter()
    for line in lines:
        segmenter.feed(line)
    return segmenter.finish()


class Segmenter:
    """A state machine that reads line records one by one, with a method per role.

    A heading starts a message unless it goes on from a heading or an
    address. A classification, "Sent on" or date line that stands between
    two messages waits for the next heading, with the blank lines after it.
    """

    def __init__(self) -> None:
        self._done: list[Draft] = []
        self._open: _Open | None = None
        self._pending = _Pending()
        self._last: Role | None = None
        self._broke = False
        self._handlers: dict[Role, Callable[[LineRecord], None]] = {
            Role.FRONT: self.front,
            Role.BLANK: self.blank,
            Role.PAGE: self.page_break,
            Role.STRAY: self.page_break,
            Role.SENT: self.sent,
            Role.SENT_PREVIOUS: self.sent_previous,
            Role.DATE: self.date,
            Role.DATE_NEXT: self.date_next,
            Role.DATE_HEADING: self.date_heading,
            Role.CLASSIFICATION: self.classification,
            Role.HEADING: self.heading,
            Role.ADDRESS: self.address,
            Role.SIGNATURE: self.signature,
            Role.BODY: self.body,
        }

    def feed(self, line: LineRecord) -> None:
        """Read one line, by its role."""
        self._handlers[line.role](line)

    def finish(self) -> tuple[Draft, ...]:
        """Close the last message and return every message read.

        Raises:
            ValueError: A classification, "Sent on" or date line still waits
                for a heading.
        """
        if self._pending.lines:
            msg = (
                f"line {self._pending.lines[0]}: a classification, 'Sent on' or date line"
                " is left after the last message"
            )
            raise ValueError(msg)
        if self._open is not None:
            self._done.append(self._open.freeze())
            self._open = None
        return tuple(self._done)

    def front(self, line: LineRecord) -> None:
        """Front matter: no message's line."""

    def blank(self, line: LineRecord) -> None:
        """A blank line: the open message's, or the pending lines'."""
        self._keep(line)

    def page_break(self, line: LineRecord) -> None:
        """A page number or stray character: the next body line follows a page break."""
        self._broke = True
        self._keep(line)

    def sent(self, line: LineRecord) -> None:
        """A "Sent on" line: under a heading it is that message's, else the next one's.

        Raises:
            ValueError: Another "Sent on" line already waits for a heading,
                or the message already has one.
        """
        if self._open is not None and not self._open.body and self._last in _IN_HEADING:
            self._attach_sent(line, "'Sent on' stands under the heading")
            return
        if self._pending.sent is not None:
            msg = f"line {line.no}: two 'Sent on' lines in a row"
            raise ValueError(msg)
        self._pending.sent = line
        self._hold(line, Role.SENT)

    def sent_previous(self, line: LineRecord) -> None:
        """A "Sent on" line that roles.csv gives to the message above it.

        Raises:
            ValueError: No message is open, or it already has a "Sent on" line.
        """
        self._attach_sent(line, "'Sent on' line assigned to the message above it (roles.csv)")

    def date(self, line: LineRecord) -> None:
        """A date line: the open message's, unless it dates the message below.

        It dates the message below when a heading follows and the open
        message already has its written date, or was sent before this date:
        nothing is written after it is sent.

        Raises:
            ValueError: No message is open, or it already has a written date.
        """
        if self._open is not None and line.heading_follows and self._dates_next(self._open, line):
            self.date_next(line)
            return
        message = self._require_open(line)
        self._set_date(message, line)
        if not message.body:
            message.notes.append("written date stands at the top of the message")
        self._content(line, Role.DATE)

    def date_next(self, line: LineRecord) -> None:
        """A date line that belongs to the message below it.

        Raises:
            ValueError: Another date line already waits for a heading.
        """
        if self._pending.dated is not None:
            msg = f"line {line.no}: two written dates before one heading"
            raise ValueError(msg)
        self._pending.dated = line
        self._hold(line, Role.DATE)

    def date_heading(self, line: LineRecord) -> None:
        """A heading line that opens with the written date.

        Raises:
            ValueError: The message already has a written date.
        """
        message = self._heading_of()
        self._set_date(message, line)
        message.notes.append("written date stands on the heading's own line")
        message.heading.append(line)
        self._content(line, Role.HEADING)

    def classification(self, line: LineRecord) -> None:
        """A classification line: under a heading part of it, else the next one's.

        Raises:
            ValueError: Another classification line already waits for a heading.
        """
        if self._open is not None and self._last is Role.HEADING:
            self.heading(line)
            return
        if self._pending.classification is not None:
            msg = f"line {line.no}: two classification lines before one heading"
            raise ValueError(msg)
        self._pending.classification = line
        self._hold(line, Role.CLASSIFICATION)

    def heading(self, line: LineRecord) -> None:
        """A heading line: it starts a message or goes on with its heading."""
        self._heading_of().heading.append(line)
        self._content(line, Role.HEADING)

    def address(self, line: LineRecord) -> None:
        """A line naming where the message went.

        Raises:
            ValueError: No message is open.
        """
        self._require_open(line).address.append(line)
        self._content(line, Role.ADDRESS)

    def signature(self, line: LineRecord) -> None:
        """A signature line.

        Raises:
            ValueError: No message is open.
        """
        self._require_open(line).signature.append(line)
        self._content(line, Role.SIGNATURE)

    def body(self, line: LineRecord) -> None:
        """A line of the text, marked when a page break stands before it.

        Raises:
            ValueError: No message is open.
        """
        message = self._require_open(line)
        if self._broke:
            message.breaks.add(line.no)
        message.body.append(line)
        self._content(line, Role.BODY)

    def _keep(self, line: LineRecord) -> None:
        """Give the line to the pending lines, else to the open message."""
        if self._pending.lines:
            self._pending.lines.append(line.no)
        elif self._open is not None:
            self._open.lines.append(line.no)

    def _hold(self, line: LineRecord, last: Role) -> None:
        """Keep a line that waits for the next heading."""
        self._pending.lines.append(line.no)
        self._last = last

    def _content(self, line: LineRecord, last: Role) -> None:
        self._keep(line)
        self._broke = False
        self._last = last

    def _require_open(self, line: LineRecord) -> _Open:
        if self._open is None:
            msg = f"line {line.no}: a {line.role.value} line before any heading"
            raise ValueError(msg)
        return self._open

    def _heading_of(self) -> _Open:
        """Return the message a heading line belongs to, starting one if it starts one."""
        if self._open is not None and self._last in _IN_HEADING:
            return self._open
        if self._open is not None:
            self._done.append(self._open.freeze())
        pending = self._pending
        self._open = _Open(
            classification=pending.classification,
            sent=pending.sent,
            dated=pending.dated,
            lines=pending.lines,
            notes=[] if pending.dated is None else ["written date stands above the heading"],
        )
        self._pending = _Pending()
        return self._open

    def _attach_sent(self, line: LineRecord, note: str) -> None:
        message = self._require_open(line)
        if message.sent is not None:
            msg = f"line {line.no}: a second 'Sent on' for one message"
            raise ValueError(msg)
        message.sent = line
        message.notes.append(note)
        # Not content: a page break before it still marks the body line after it.
        self._keep(line)
        self._last = Role.SENT

    @staticmethod
    def _dates_next(message: _Open, line: LineRecord) -> bool:
        if message.dated is not None:
            return True
        sent = None if message.sent is None else message.sent.facts.sent
        return sent is not None and line.facts.date is not None and line.facts.date > sent

    @staticmethod
    def _set_date(message: _Open, line: LineRecord) -> None:
        if message.dated is not None:
            msg = f"line {line.no}: a second written date for one message"
            raise ValueError(msg)
        message.dated = line
