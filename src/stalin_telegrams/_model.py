"""Typed records of the corpus: :class:`Message` and its small value types."""

from __future__ import annotations

import datetime
from typing import Literal

import attrs

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


@attrs.frozen
class LineSpan:
    """An inclusive span of 1-based line numbers in the raw source file.

    .. versionadded:: 0.1.0
    """

    start: int
    end: int

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.start <= self.end:
            msg = f"invalid line span {self.start}-{self.end}"
            raise ValueError(msg)


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


@attrs.frozen
class Reference:
    """A phrase in a message that refers to another message.

    Attributes:
        phrase: The words that make the reference, as they stand in the text.
        target: The id of the message referred to, or ``None`` where it is not
            in the corpus or could not be resolved.

    .. versionadded:: 0.1.0
    """

    phrase: str
    target: str | None


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


@attrs.frozen(kw_only=True, cache_hash=True)
class Name:
    """An entry of the index of names: a person, country, place and so on.

    Attributes:
        name: The canonical name, such as ``"Archibald Clark Kerr"``,
            ``"Poland"`` or ``"Operation Overlord"``.
        kind: What it names: one of ``NameKind``.
        aliases: Every other form the texts print that counts as a mention:
            surnames with and without titles, adjectives and peoples of
            countries, spelling variants.
        description: One line saying who or what it is.
        note: The judgement made for the entry, where one was made, else
            ``""``.

    .. versionadded:: 0.2.0
    """

    name: str
    kind: NameKind
    aliases: tuple[str, ...] = ()
    description: str = ""
    note: str = ""


@attrs.frozen
class IndexEntry:
    """An entry of the index of names, with the messages that mention it.

    :meth:`Corpus.names() <stalin_telegrams.Corpus.names>` returns these.

    Attributes:
        entry: The entry of the index.
        ids: The ids of the messages that mention it, in corpus order.
        count: The number of its mentions in those messages.

    .. versionadded:: 0.2.0
    """

    entry: Name
    ids: tuple[str, ...]
    count: int

    @property
    def name(self) -> str:
        """The canonical name of the entry."""
        return self.entry.name

    @property
    def kind(self) -> NameKind:
        """The kind of the entry."""
        return self.entry.kind


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
        mentions: The names found in :attr:`text`, in order of position
            (added in 0.2.0).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``senders`` (a tuple) replaces the field ``sender``, which stays as a
       read-only property.
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
    mentions: tuple[Mention, ...] = ()

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
