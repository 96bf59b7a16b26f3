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
    from ._words import WordDiff

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


def _identifier(value: str) -> str | None:
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
        return _identifier(self.id)

    @property
    def courtesy(self) -> bool:
        """Whether the link only thanks (it does not join two messages in a thread)."""
        return self.kinds == ("thanks",)


@checked
@attrs.frozen(kw_only=True)
class IncomingMessage:
    """A message that the volume does not print but its messages name.

    The volume prints one side of the correspondence; the other side is
    known from what the printed messages say of it ("Your message of May 11
    received"). One record stands for one message however often it is named.

    Attributes:
        id: Stable id: the date, the authors and the addressees, such as
            ``"1943-05-11-churchill-to-stalin"``, with ``-2``, ``-3`` … for
            several on one day; ``"received-1943-02-12-churchill-to-stalin"``
            for an undated message known by the day it arrived, and
            ``"undated-churchill-to-stalin-in-1941-11-28-churchill"`` for one
            known only from the printed message that names it. An id that a
            later release replaced stays valid as an alias
            (:attr:`Corpus.aliases <stalin_telegrams.Corpus.aliases>`).
        authors: Who wrote it (normalised names, as in :attr:`Reference.authors`).
        addressees: To whom it was written.
        date: The date the printed messages give it, or ``None``.
        mentioned_in: Ids of the printed messages that name it, in volume order.
        answered_by: Ids of the printed messages that answer it
            (:attr:`Message.in_reply_to`), in volume order.
        received_on: The day it arrived, where a printed message says so
            ("Your message reached me on November 15"), else ``None``; the
            id of an undated message so known begins ``received-`` and this
            day. New in 0.3.0.
        reply_links: The messages it answers, as the printed messages tell
            ("your reply to my message of February 16"; "I have received
            your message in reply to my suggestions"): printed messages
            and, where known, incoming ones. New in 0.3.0.

    .. versionadded:: 0.2.0
    """

    id: str
    authors: tuple[str, ...]
    addressees: tuple[str, ...]
    date: datetime.date | None
    mentioned_in: tuple[str, ...] = ()
    answered_by: tuple[str, ...] = ()
    received_on: datetime.date | None = None
    reply_links: tuple[ReplyLink, ...] = ()

    @property
    def in_reply_to(self) -> tuple[str, ...]:
        """The ids of :attr:`reply_links`, in order.

        .. versionadded:: 0.3.0
        """
        return tuple(link.id for link in self.reply_links)

    def _rules(self) -> str | None:
        return _identifier(self.id)


@checked
@attrs.frozen
class ResponseTime:
    """How long a printed message took to answer an incoming one.

    :meth:`Corpus.response_times() <stalin_telegrams.Corpus.response_times>`
    returns these. The time runs from the incoming message's date where it
    is known (the day it was written), else from the day it arrived, to the
    answer's :attr:`Message.date`; the data card says why.

    Attributes:
        incoming: The message answered.
        answer: The printed message that answers it.
        days: The days between the two, 0 for an answer the same day.
        since: ``"written"`` (counted from :attr:`IncomingMessage.date`) or
            ``"arrived"`` (from :attr:`IncomingMessage.received_on`).

    .. versionadded:: 0.3.0
    """

    incoming: IncomingMessage
    answer: Message
    days: int
    since: Literal["written", "arrived"]


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


@checked
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
        part_of: The canonical names of the places and countries the entry
            belongs to, as a printed index's "see also" would list it under
            them: the place a conference is named after and the place it met
            at (the Crimea Conference: the Crimea, Yalta), the country or city
            in the name of a body, treaty or region (the Warsaw Provisional
            Government: Poland, Warsaw). Empty for persons.

    .. versionadded:: 0.2.0
    .. versionchanged:: 0.3.0 ``part_of``.
    """

    name: str
    kind: NameKind
    aliases: tuple[str, ...] = ()
    description: str = ""
    note: str = ""
    part_of: tuple[str, ...] = ()

    def _rules(self) -> str | None:
        return None if self.name.strip() else f"name: expected a name, got {self.name!r}"


@checked
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

    def _rules(self) -> str | None:
        return f"count: expected a count from 0, got {self.count}" if self.count < 0 else None

    @property
    def name(self) -> str:
        """The canonical name of the entry."""
        return self.entry.name

    @property
    def kind(self) -> NameKind:
        """The kind of the entry."""
        return self.entry.kind


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
        return _identifier(self.id)

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


#: How the two messages of a :class:`Pair` are related.
PairKind = Literal["identical", "copy", "quotation", "same-message", "covering-note", "same-matter"]


@checked
@attrs.frozen
class Pair:
    """Two messages a reader would name together: one text twice, or one matter.

    Attributes:
        first: The message that comes first in the volume.
        second: The message that comes later in the volume.
        similarity: The score that decided the pair, from 0 to 1; what it
            measures depends on the kind. For ``"identical"``, ``"copy"``
            and ``"same-message"``: :func:`~stalin_telegrams.similarity`,
            the share of the two word sequences in common runs (1.0 for
            identical texts, at least the threshold for a same message).
            For ``"quotation"``: the share of the shorter text's words
            found in runs of three or more words in the longer (0.95 to 1).
            For ``"same-matter"``: the cosine of the two messages' rare
            words (at least 0.2, or 0.1 when one refers to the other; see
            :func:`~stalin_telegrams.duplicates`). For ``"covering-note"``:
            the same cosine, which does not decide the pair (the note says
            it sends the other) and may be 0. Call
            :func:`~stalin_telegrams.similarity` for the word-sequence
            score of any pair.
        kind: How the two are related, decided in this order (see
            :func:`~stalin_telegrams.duplicates`): ``"copy"`` (one is the
            copy of the other, :attr:`Message.copy_of`), ``"identical"``
            (equal texts), ``"quotation"`` (the shorter is quoted whole in
            the longer), ``"same-message"`` (one message sent to two
            recipients, reworded or not), ``"covering-note"`` (one sends
            the reader a copy of the other, a message to another leader:
            "I am sending you the text of my reply to Mr Churchill"; the
            note is the one whose :attr:`Message.references` target the
            other), ``"same-matter"`` (one matter told to two leaders in
            separately worded messages).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``kind`` was ``"identical"`` or ``"near"``; ``"near"`` is gone: a
       near pair is now ``"same-message"``, ``"copy"`` or ``"quotation"``,
       and ``"same-matter"`` pairs are new. Code that tested
       ``kind == "near"`` should test ``kind != "identical"``, or the kinds
       it means.
    .. versionchanged:: 0.4.0
       ``kind`` may be ``"covering-note"``: four pairs that were
       ``"same-matter"`` are covering notes, and seven covering notes that
       were no pair are pairs. Code that matches every kind should handle
       the new one.
    """

    first: Message
    second: Message
    similarity: float
    kind: PairKind

    def _rules(self) -> str | None:
        if not 0 <= self.similarity <= 1:  # NaN compares false, so it is refused too
            return f"similarity: expected a number from 0 to 1, got {self.similarity!r}"
        return None

    def diff(self) -> WordDiff:
        """Return the word-by-word diff from the first text to the second.

        Words are compared as :func:`duplicates` compares them, ignoring
        case and punctuation; each chunk shows the words as printed.

        Returns:
            The diff; ``str()`` of it is readable, ``.changes`` lists what
            differs between the two recipients' versions.

        >>> from stalin_telegrams import load
        >>> corpus = load()
        >>> pair = Pair(
        ...     corpus["1945-05-07-churchill"], corpus["1945-05-07-truman"], 0.96, "same-message"
        ... )
        >>> change = pair.diff().changes[0]
        >>> change.first, change.second
        (('have', 'received'), ('am', 'in', 'receipt', 'of'))

        .. versionadded:: 0.1.0
        """
        # The diff's records and patterns are made when the first diff is asked for, not by load().
        from ._words import diff  # noqa: PLC0415

        return diff(self.first.id, self.first.text, self.second.id, self.second.text)
