"""Typed records of the corpus: :class:`Message` and its small value types.

Every record checks its fields when it is built (:mod:`._recordcheck`): a
field of the wrong type raises
:class:`~stalin_telegrams.exceptions.RecordTypeError`, a value the record
cannot hold :class:`~stalin_telegrams.exceptions.InvalidRecordError`, each
naming the record type and the field.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Literal

import attrs

from ._recordcheck import checked, deferrable

if TYPE_CHECKING:
    from ._citation import Style

#: The kinds of entry in the index of names (:class:`Name`), in the order the
#: index lists them.
NameKind = Literal[
    "person",
    "country",
    "people",
    "place",
    "organisation",
    "conference",
    "operation",
    "event",
    "document",
    "publication",
    "award",
    "ship",
    "equipment",
    "work",
]

#: How several names are joined into one string, and split again: the joint
#: sender "Stalin and Churchill", a criterion "Churchill and Roosevelt".
JOINT = " and "


def join_names(names: tuple[str, ...]) -> str:
    """Return *names* as one string, joined by :data:`JOINT`."""
    return JOINT.join(names)


def split_names(text: str) -> tuple[str, ...]:
    """Return the names of a string joined by :data:`JOINT`, stripped."""
    return tuple(name.strip() for name in text.split(JOINT))


#: The kinds of :class:`Correction`.
CORRECTION_KINDS = ("erratum", "move")


def _offsets(start: int, end: int) -> str | None:
    """Return the problem of a span of offsets in a text, or None."""
    if start < 0:
        return f"start: expected an offset from 0, got {start}"
    if end < start:
        return f"end: expected an offset from start ({start}) on, got {end}"
    return None


def identifier_problem(value: str) -> str | None:
    """Return the problem of an id, or None: it must hold something but white space."""
    if value.strip() and value == value.strip():
        return None
    return f"id: expected an id with no white space around it, got {value!r}"


@checked
@attrs.frozen
class LineSpan:
    """An inclusive span of 1-based line numbers in the raw source file.

    Attributes:
        start: The first line of the span.
        end: The last line of the span (equal to *start* for one line).

    .. versionadded:: 0.1.0
    """

    start: int
    end: int

    def _rules(self) -> str | None:
        if 1 <= self.start <= self.end:
            return None
        if self.start < 1:
            return f"start: invalid line span {self.start}-{self.end}: lines are numbered from 1"
        if self.end < self.start:
            return f"end: invalid line span {self.start}-{self.end}: it ends before it starts"
        return None


@checked
@attrs.frozen
class FootnoteMark:
    """A footnote superscript removed from the text, kept as data.

    Attributes:
        mark: The superscript as printed, normalised to ASCII (``"16"``,
            ``"ss"``).
        line: The raw-file line it stood on.
        offset: The character offset in :attr:`Message.text` right after
            the word it was attached to.

    .. versionadded:: 0.1.0
    """

    mark: str
    line: int
    offset: int

    def _rules(self) -> str | None:
        if self.line < 1:
            return f"line: expected a line number from 1, got {self.line}"
        if self.offset < 0:
            return f"offset: expected an offset from 0, got {self.offset}"
        return None


@checked
@attrs.frozen
class Correction:
    """One change from the raw text, made by a reviewed correction table.

    Attributes:
        kind: ``"erratum"`` (a misreading fixed) or ``"move"`` (a block of
            lines put back in its place).
        line: The first raw-file line concerned.
        wrong: What the raw text has (for a move, the lines moved).
        right: What the edition has instead (for a move, where they went).
        reason: Why the change was made.
        added_in: The package version that introduced the correction.
        added_on: The day the correction was reviewed and added (ISO date).

    .. versionadded:: 0.1.0
    """

    kind: str
    line: int
    wrong: str
    right: str
    reason: str
    added_in: str
    added_on: str

    def _rules(self) -> str | None:
        if self.kind not in CORRECTION_KINDS:
            return f"kind: expected 'erratum' or 'move', got {self.kind!r}"
        if self.line < 1:
            return f"line: expected a line number from 1, got {self.line}"
        return None


#: What a reference names, relative to the sender of the message it stands in.
ReferenceKind = Literal["own", "incoming", "other"]


@checked
@attrs.frozen
class Reference:
    """A phrase in a message that refers to a message, letter, telegram or reply.

    Attributes:
        phrase: The words that make the reference, as they stand in the text.
        start: Offset of the phrase in :attr:`Message.text`.
        end: Offset just past the phrase: ``text[start:end] == phrase``.
        kind: ``"own"`` (sent by the sender of the message the phrase stands
            in: "my message of February 16"), ``"incoming"`` (sent to that
            sender: "your message of May 11") or ``"other"`` (between
            others: "your letter to Marshal Tito").
        authors: Who wrote the message named, as normalised names
            (``"Churchill"``, ``"British Government"``); both names of a
            joint message; empty where the text does not say.
        addressees: To whom it was written, in the same vocabulary.
        dates: The dates the phrase gives the message (not dates of receipt),
            the year taken from the date of the message the phrase stands in.
        count: How many messages the phrase names (``2`` for "your two
            messages"), ``None`` where it does not say ("your messages").
        targets: Ids of the messages named: printed messages and
            reconstructed incoming messages (:class:`IncomingMessage`);
            empty where they could not be told.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``target`` became :attr:`targets`, with the offsets, kind, parties,
       dates and count added; ``target`` stays as a read-only property.
    """

    phrase: str
    start: int = 0
    end: int = 0
    kind: ReferenceKind = "own"
    authors: tuple[str, ...] = ()
    addressees: tuple[str, ...] = ()
    dates: tuple[datetime.date, ...] = ()
    count: int | None = 1
    targets: tuple[str, ...] = ()

    def _rules(self) -> str | None:
        if 0 <= self.start <= self.end and (self.count is None or self.count >= 1):
            return None
        return _offsets(self.start, self.end) or (
            f"count: expected None or a count from 1, got {self.count}"
        )

    @property
    def target(self) -> str | None:
        """The single target, or ``None`` where there is none or several.

        Kept for 0.1 code; read :attr:`targets` instead.
        """
        return self.targets[0] if len(self.targets) == 1 else None


#: How a message answers another (:class:`ReplyLink`): ``"answer"`` (it takes
#: up what the other said), ``"acknowledgement"`` (it says the other arrived),
#: ``"thanks"`` (it thanks for it) and ``"forwarding"`` (the other passed on
#: the text of a further message).
ReplyKind = Literal["answer", "acknowledgement", "thanks", "forwarding"]


@checked
@attrs.frozen
class ReplyLink:
    """A reply link: the message answered, and how the text answers it.

    Attributes:
        id: The id of the message answered, printed or incoming.
        kinds: How the text answers it, one or more of ``ReplyKind`` in
            the order ``answer``, ``acknowledgement``, ``thanks``,
            ``forwarding``: "Your message received. I agree ..." is an
            acknowledgement and an answer; "Thank you for your
            congratulations" is thanks only (a courtesy, which does not
            join threads: see :func:`~stalin_telegrams.thread_of`).

    .. versionadded:: 0.3.0
    """

    id: str
    kinds: tuple[ReplyKind, ...] = ("answer",)

    def _rules(self) -> str | None:
        if not self.kinds or len(set(self.kinds)) != len(self.kinds):
            return f"kinds: expected one kind or more, none twice, got {self.kinds!r}"
        return identifier_problem(self.id)

    @property
    def courtesy(self) -> bool:
        """Whether the link only thanks (it does not join two messages in a thread)."""
        return self.kinds == ("thanks",)


@checked
@attrs.frozen
class Mention:
    """A name found in the text of a message.

    Attributes:
        name: The canonical name of the entry mentioned (:attr:`Name.name`).
        start: The offset in :attr:`Message.text` where the name begins.
        end: The offset right after it: ``text[start:end] == surface``.
        surface: The words as printed (``"Mr Kerr"``, ``"Polish"``), without
            a possessive ending.

    .. versionadded:: 0.2.0
    """

    name: str
    start: int
    end: int
    surface: str

    def _rules(self) -> str | None:
        return None if 0 <= self.start <= self.end else _offsets(self.start, self.end)


# load() makes the records a message holds on the first read of their field:
# there are fifteen times as many as messages, and most programs read few.
@deferrable(
    "footnote_marks", "source_lines", "corrections", "references", "reply_links", "mentions"
)
@checked
@attrs.frozen(kw_only=True)
class Message:
    """One message of the correspondence, as the edition gives it.

    Attributes:
        id: Stable id derived from the date and the recipients, such as
            ``"1942-11-20-churchill"``; a suffix ``-2``, ``-3`` … tells apart
            several messages to the same recipients on one day.
        number: Position in the volume, 1-based, after page-order repair.
        senders: Surnames of the writers, in heading order: ``("Stalin",)``
            for all but four records; the one joint message has
            ``("Stalin", "Churchill")``.
        recipients: Surnames of the addressees, in heading order.
        heading: The heading, cleaned, its lines joined by a space.
        classification: ``"PERSONAL AND SECRET"`` and the like, or ``None``.
        written_on: The date the message bears, or ``None``.
        sent_on: The date it was sent (the volume's "Sent on" line), or
            ``None``.
        place: Where it was written (``"Moscow"``, ``"Koreiz"``), or ``None``.
        address: Where it was addressed, printed under the heading
            (``"The White House, Washington"``), or ``None``.
        salutation: The opening line (``"My dear Mr Roosevelt,"``), or
            ``None``.
        signature: The signature as printed, or ``None``.
        text: The cleaned body, paragraphs separated by one blank line.
        footnote_marks: Footnote superscripts removed from the text.
        source_lines: The spans of raw-file lines the record came from, in
            reading order; several where the record was reassembled.
        corrections: What was changed from the raw text.
        references: Phrases that refer to other messages.
        notes: Editorial notes on judgements made for this record.
        enclosed_in: The id of the message this one was enclosed with, where
            the volume prints it as an enclosure, else ``None``.
        copy_of: The id of the record this one is a copy of (an enclosed
            copy of a message the volume also prints), else ``None``.
        reply_links: The messages this one answers, printed or incoming
            (:class:`IncomingMessage`), in the order the text names them,
            each a :class:`ReplyLink` with its kinds; see the data card for
            the rule. The ids alone are :attr:`in_reply_to`. New in 0.3.0.
        mentions: The names found in :attr:`text`, in order of position
            New in 0.2.0.

    Raises:
        RecordTypeError: A field has the wrong type: a str where a tuple of
            str belongs (``recipients="Churchill"``), a str or a
            ``datetime`` for a date, ``None`` for the text, a list for a
            tuple, a bool for a number. It names the field.
        InvalidRecordError: A value the record cannot hold: a number below
            1, no sender or recipient, a blank name, an id with white space
            around it.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``senders`` (a tuple) replaces the field ``sender``, which stays as a
       read-only property.
    .. versionchanged:: 0.3.0
       The field ``in_reply_to`` (ids) became :attr:`reply_links` (typed
       links with their kinds); ``in_reply_to`` stays as a read-only
       property.
       The fields are checked when the message is built.
    """

    id: str
    number: int
    senders: tuple[str, ...]
    recipients: tuple[str, ...]
    heading: str
    classification: str | None
    written_on: datetime.date | None
    sent_on: datetime.date | None
    place: str | None
    address: str | None
    salutation: str | None
    signature: str | None
    text: str
    footnote_marks: tuple[FootnoteMark, ...] = ()
    source_lines: tuple[LineSpan, ...] = ()
    corrections: tuple[Correction, ...] = ()
    references: tuple[Reference, ...] = ()
    notes: tuple[str, ...] = ()
    enclosed_in: str | None = None
    copy_of: str | None = None
    reply_links: tuple[ReplyLink, ...] = ()
    mentions: tuple[Mention, ...] = ()

    def _rules(self) -> str | None:
        if self.number < 1:
            return f"number: expected a position from 1, got {self.number}"
        for field, names in (("senders", self.senders), ("recipients", self.recipients)):
            if not names or not all(name.strip() for name in names):
                return f"{field}: expected one name or more, none blank, got {names!r}"
        return identifier_problem(self.id)

    @property
    def in_reply_to(self) -> tuple[str, ...]:
        """The ids of the messages this one answers (:attr:`reply_links`), in order.

        .. versionadded:: 0.2.0
        .. versionchanged:: 0.3.0
           A property of :attr:`reply_links`; it was a field.
        """
        return tuple(link.id for link in self.reply_links)

    @property
    def sender(self) -> str:
        """The senders joined by ``" and "``, such as ``"Stalin and Churchill"``.

        Kept for compatibility with 0.1, where it was a field; use
        :attr:`senders`.
        """
        return join_names(self.senders)

    @property
    def date(self) -> datetime.date | None:
        """The best date, :attr:`written_on` when known, else :attr:`sent_on`."""
        return self.written_on if self.written_on is not None else self.sent_on

    @property
    def year(self) -> int | None:
        """The year of :attr:`date`, or ``None`` for an undated message."""
        return None if self.date is None else self.date.year

    def citation(self, style: Style = "chicago") -> str:
        """Return a citation of this message in the 1986 volume and in this package.

        The citation names the correspondents and the date, the volume
        (J. V. Stalin, *Works*, vol. 17: *War Telegrams*, Red Star Press,
        1986), the package version and the message id.

        Args:
            style: ``"chicago"`` (a bibliography entry), ``"apa"`` (7th
                edition) or ``"bibtex"`` (an ``@incollection`` entry whose key
                is the message id).

        Raises:
            UnsupportedFormatError: *style* is none of those; it is also a
                :class:`ValueError`.

        >>> from stalin_telegrams import load
        >>> print(load()["1942-11-20-churchill"].citation())  # doctest: +ELLIPSIS
        Stalin, J. V. "Stalin to Churchill, 20 November 1942." In Works, vol. 17, ...

        .. versionadded:: 0.2.0
        """
        # Imported when first cited, not by load().
        from ._citation import message_citation  # noqa: PLC0415

        return message_citation(self.id, self.senders, self.recipients, self.date, style)


# Name, IndexEntry, IncomingMessage, ResponseTime, Pair and PairKind were
# defined here until 0.4: their old import paths (and so pickles made before)
# keep working, and load() does not make their classes.
_MOVED = frozenset({"IncomingMessage", "IndexEntry", "Name", "Pair", "PairKind", "ResponseTime"})


def __getattr__(name: str) -> object:
    if name not in _MOVED:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    from . import _records  # noqa: PLC0415 - made on first use

    return getattr(_records, name)
