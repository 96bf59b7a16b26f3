"""The records beside the messages: the index of names, the incoming messages, what queries return.

:class:`Name` and :class:`IncomingMessage` are made when a corpus's index or
incoming messages are first asked for, :class:`IndexEntry`,
:class:`ResponseTime` and :class:`Pair` by the queries that return them:
:func:`~stalin_telegrams.load` does not need this module. Every record checks
its fields when it is built, as :class:`~stalin_telegrams.Message` does.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Literal

import attrs

from ._model import Message, NameKind, ReplyLink, identifier_problem
from ._recordcheck import checked

if TYPE_CHECKING:
    from ._words import WordDiff


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
        return identifier_problem(self.id)


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
