"""The query functions: the one place that supplies the packaged corpus when none is given.

Each function makes a :class:`Corpus` of the messages it is given (or takes
the packaged one from :func:`~stalin_telegrams.load`) and calls the method of
the same name, which runs the engine and keeps what it computed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal, overload

import attrs

from . import _checks
from ._corpus import Corpus
from ._criteria import Criteria, function_keywords
from ._model import Message
from ._records import IncomingMessage

if TYPE_CHECKING:
    from ._records import Pair


def _corpus(messages: Iterable[Message] | None) -> Corpus:
    """Return the corpus to search: the packaged one by default."""
    if messages is None:
        from ._load import load  # noqa: PLC0415 - the data file is read on first use only

        return load()
    if isinstance(messages, Corpus):
        return messages
    return Corpus(messages)


@function_keywords(Criteria)
def filter_by(  # noqa: D417 - the criteria are documented one keyword each
    messages: Iterable[Message] | None, criteria: Criteria
) -> Corpus:
    """Select the messages that meet every criterion given.

    Every criterion is an optional keyword; those given are combined with
    AND, and a criterion left at ``None`` selects everything.

    * *sender*, *recipient*: a surname, matched without regard to case.
      *sender* matches a message with several senders (the joint
      ``("Stalin", "Churchill")``) through any of them; *recipient* matches
      a message addressed jointly to several leaders through any of them.
      Several names joined by ``" and "`` must all be among the senders (or
      recipients).
    * *year*, *month*: of :attr:`Message.date`; *month* is 1 to 12 and
      alone matches that month of every year.
    * *on*, *after*, *before*: a :class:`datetime.date` or an ISO string
      ``YYYY-MM-DD`` (``"1943-02-16"``; other ISO forms such as
      ``"19430216"`` are refused on every Python), compared with
      :attr:`Message.date` (the written date, else the date sent). *after*
      and *before* are **exclusive**: ``after="1943-02-16"`` starts on
      February 17.
    * Undated messages never match a date criterion (*year*, *month*, *on*,
      *after*, *before*).
    * *classification*: equal to :attr:`Message.classification`, ignoring
      case and runs of spaces.
    * *contains*: a phrase, found in :attr:`Message.text` as whole words in
      that order, ignoring case; any whitespace in the phrase matches any
      whitespace in the text. With *ignore_accents* ``True`` letters are
      also compared without their accents (``contains="Subasic"`` finds
      ``Šubašić``), as :func:`find_phrase` finds them.
    * *ids*: a collection of message ids (retired ids are followed to the
      ids that replace them).
    * *mentions*: a name of the index of names, by its canonical name or any
      alias, without regard to case (``"Poland"``, ``"poles"``, ``"Mr
      Kerr"``), or a tuple of names that must all be mentioned; it selects
      the messages whose :attr:`Message.mentions` name the entry. The data
      card states what counts as a mention.
    * *see_also*: with *mentions*, ``True`` reads the index as a printed
      index's "see also" does: a name also selects the messages that
      mention an entry that is part of it (:attr:`Name.part_of`, followed
      through), so ``mentions="Crimea", see_also=True`` adds the messages
      that name the Crimea Conference, and ``mentions="Poland"`` the Polish
      bodies. ``None`` or ``False`` (the default) selects the exact
      mentions only.

    Names, classifications, years and ids must name something in the corpus
    searched, so that a typo raises instead of returning an empty corpus.
    The corpus searched is *messages* itself when you pass your own
    messages; a :class:`Corpus` taken from another (a slice, a selection, a
    thread, of the packaged corpus say) answers for the corpus it came from,
    so a real name absent from the selection selects nothing.

    Args:
        messages: The messages to search, in the order to keep; by default
            the whole corpus.
        sender: Surname of a writer.
        recipient: Surname of an addressee.
        year: Year of the message's date.
        month: Month of the message's date, 1 to 12.
        on: The exact date.
        after: Keep messages dated strictly later.
        before: Keep messages dated strictly earlier.
        classification: Such as ``"PERSONAL AND SECRET"``.
        contains: A phrase of the text.
        ignore_accents: Whether *contains* ignores accents (by default it
            does not).
        ids: Message ids to keep.
        mentions: A name of the index, or a tuple of names (all of them).
        see_also: Also select the mentions of the entries that are part of
            a name given in *mentions*.

    Returns:
        The matching messages, in the order given, as a :class:`Corpus`
        (with the aliases of *messages* when it is a corpus).

    Raises:
        ArgumentTypeError: *messages* is not an iterable of :class:`Message`
            (also a :class:`TypeError`).
        InvalidArgumentError: Two of *messages* have the same id (also a
            :class:`ValueError`).
        CriterionTypeError: A criterion is unknown or given by position, or
            a value has the wrong type (also an
            :class:`~stalin_telegrams.exceptions.ArgumentTypeError`).
        InvalidCriterionError: A value is unusable: a date not in the form
            ``YYYY-MM-DD`` or not in the calendar, a month outside 1 to 12,
            date criteria that leave no day, an empty phrase,
            *ignore_accents* without *contains*, an empty tuple of names,
            *see_also* without *mentions*, or a name, classification, year,
            id or index name that names nothing (also an
            :class:`~stalin_telegrams.exceptions.InvalidArgumentError`).

    >>> [m.id for m in filter_by(recipient="roosevelt", on="1942-11-20")]
    ['1942-11-20-roosevelt']
    >>> len(filter_by(sender="Churchill", year=1944))
    1
    >>> filter_by(mentions=("Mr Kerr", "Curzon Line"), year=1944).ids[:2]
    ('1944-02-04-churchill', '1944-03-03-churchill')
    >>> len(filter_by(mentions="Crimea")), len(filter_by(mentions="Crimea", see_also=True))
    (8, 16)

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       Dates must be ``YYYY-MM-DD`` on every Python; names, years and ids
       are checked against the messages given, never against the packaged
       corpus unless they come from it. The criterion *mentions* is new.
    .. versionchanged:: 0.3.0
       The criteria *ignore_accents* and *see_also* are new.
    """
    return _corpus(messages).filter_by(**attrs.asdict(criteria, recurse=False))


@overload
def thread_of(
    message_or_id: Message | str,
    messages: Iterable[Message] | None = None,
    *,
    include_incoming: Literal[False] = False,
) -> Corpus: ...
@overload
def thread_of(
    message_or_id: Message | str,
    messages: Iterable[Message] | None = None,
    *,
    include_incoming: Literal[True],
) -> tuple[Message | IncomingMessage, ...]: ...
@overload
def thread_of(
    message_or_id: Message | str,
    messages: Iterable[Message] | None = None,
    *,
    include_incoming: bool,
) -> Corpus | tuple[Message | IncomingMessage, ...]: ...
@_checks.arguments
def thread_of(
    message_or_id: Message | str,
    messages: Iterable[Message] | None = None,
    *,
    include_incoming: bool = False,
) -> Corpus | tuple[Message | IncomingMessage, ...]:
    """Return the thread a message belongs to: one exchange, through the conversation graph.

    A thread is one exchange as a historian would see it: a message, its
    counterpart to the other leader, the printed message it answers, the
    messages that chase the same reply. It is every message reached from
    the given one through links, in either direction, any number of steps
    (the connected component), the message itself included. Printed
    messages are linked by

    * a :class:`~stalin_telegrams.Reference` to a printed message, whatever
      its kind (each of :attr:`~stalin_telegrams.Reference.targets`; a
      reference with no target, "my previous messages", links nothing);
    * a reply (:attr:`~stalin_telegrams.Message.reply_links`) to a printed
      message, unless it only thanks (a courtesy,
      :attr:`~stalin_telegrams.ReplyLink.courtesy`: "Thank you for your
      congratulations" does not weld two exchanges);
    * an enclosure (:attr:`~stalin_telegrams.Message.enclosed_in`) or a copy
      (:attr:`~stalin_telegrams.Message.copy_of`);
    * a pair of :func:`~stalin_telegrams.duplicates` at its default, of any
      kind.

    Incoming messages (:meth:`Corpus.incoming`) link less, which keeps
    threads small, one exchange rather than the whole war. An incoming
    message links the messages searched that answer it
    (:attr:`IncomingMessage.answered_by`) or, when none does, the first of
    them (in volume order) that names it; a message that only names it
    ("You say in your message of March 7 ...") joins them when it was
    written within seven days of one of them, and a recall from further
    away ("your message of January 26", recalled in June) links nothing,
    since a mention would otherwise join every exchange that recalls an old
    message. An incoming message also links the printed messages it answers
    (:attr:`IncomingMessage.reply_links`), so that a message, the other
    side's reply and the answer to it are one chain (August 16, 1945 on
    Hokkaido, Truman's reply of August 18, the answer of August 22). A
    message that only thanks for an incoming message joins it only when no
    other message answers or names it. Only the messages searched count: a
    link that leaves them is not followed.
    Incoming messages come from a :class:`Corpus` (the packaged corpus by
    default, or the one passed, which keeps those of its source); messages
    passed as a plain list have none, so their threads follow printed
    messages only. A :class:`Corpus` finds the threads of all its messages
    once and keeps them, so pass one (rather than a list) to ask many
    times.

    Args:
        message_or_id: A message, or its id (a retired id is followed to the
            id that replaced it when *messages* is a corpus).
        messages: The messages to search; by default the whole corpus.
        include_incoming: Also return the incoming messages of the thread.

    Returns:
        The printed messages of the thread as a :class:`Corpus`, in date
        order (:attr:`Message.date`); messages with the same date by
        :attr:`Message.number`, undated messages last. With
        *include_incoming*, a tuple of the printed and the incoming messages
        (:class:`IncomingMessage`) in date order: on one day an incoming
        message before the printed ones, undated records last (an incoming
        message known by the day it arrived has no date).

    Raises:
        UnknownMessageError: No message searched has that id (also a
            :class:`KeyError`).
        CriterionTypeError: *message_or_id* is neither a message nor a str
            (also a :class:`TypeError`).
        ArgumentTypeError: *messages* is not an iterable of :class:`Message`,
            or *include_incoming* is not a bool.
        InvalidArgumentError: Two of *messages* have the same id.

    >>> [m.id for m in thread_of("1944-06-05-churchill")]
    ['1944-06-05-churchill', '1944-06-05-roosevelt']
    >>> [r.id for r in thread_of("1945-05-10-truman", include_incoming=True)][-3:]
    ['1945-05-10-truman', 'received-1945-04-24-truman-to-stalin',
     'undated-churchill-to-stalin-in-1945-04-24-churchill']

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       Enclosures, copies, every kind of pair, replies and incoming messages
       link messages; *include_incoming*.
    .. versionchanged:: 0.3.0
       What the incoming messages answer links them; a thanks alone does not.
    """
    return _corpus(messages).thread_of(message_or_id, include_incoming=include_incoming)


@_checks.arguments
def duplicates(
    messages: Iterable[Message] | None = None, *, threshold: float = _checks.DEFAULT_THRESHOLD
) -> tuple[Pair, ...]:
    """Find the pairs of messages a careful reader names: one text twice, or one matter.

    Each pair has a :attr:`~stalin_telegrams.Pair.kind`, decided in this
    order (the first that holds):

    * ``"copy"``: one message is the copy of the other
      (:attr:`~stalin_telegrams.Message.copy_of`: a message printed as
      sent, and again as the copy enclosed for another leader).
    * ``"identical"``: the texts are equal character for character,
      whatever their length.
    * ``"quotation"``: the shorter text is quoted whole in the longer ("in
      reply to a message from Mr Churchill I sent the following"): at least
      95 % of its words, and twenty words at least, stand in runs of three
      or more words found in the longer text; it has at most nine tenths of
      the longer text's words; and the longer text prints it as a
      quotation, in paragraphs that open with a quotation mark and hold at
      least as many words. A text contained whole in a longer one without
      quotation marks is the same message with a paragraph added.
    * ``"same-message"``: one message sent to two recipients, with the
      address or a sentence adapted: the similarity
      (:func:`~stalin_telegrams.similarity`, the share of their words in
      runs common to both, case and punctuation ignored) is at least
      *threshold*, and those runs hold at least twenty words. Below twenty
      words a high score is chance: two birthday thank-yous two years apart
      score 0.74.
    * ``"covering-note"``: one message sends the reader a copy of the
      other, a message of Stalin's to another leader ("I am sending you the
      text of my reply to Mr Churchill", "a copy of which I am also sending
      to you", "For your information I enclose my reply"): a reference of
      kind ``"own"`` targets the other in a sentence that sends it to
      "you" or encloses it, the verb in the present ("I sent you the text"
      recalls an earlier note; "I am sending a similar message to Mr
      Truman" sends the reader nothing). The text states the relation, so
      no score and no window of days decides it.
    * ``"same-matter"``: one matter told to two leaders in separately
      worded messages (the hour at which the link-up of the armies in
      Germany was to be announced, April 1945). The two messages go to
      different leaders (no recipient in common), both are dated, at most
      two days apart, and they share rare words: the cosine of their rare
      words, each weighted by the log of its inverse document frequency, is
      at least 0.2. A rare word is one found in at most 5 % of the messages
      searched: names, places, code names, the subject ("Tedder",
      "Vienna", "Argonaut", "Himmler"). When one message refers to the
      other (a :class:`~stalin_telegrams.Reference` targets it: "I have
      sent a similar message to the President") a cosine of 0.1 suffices.
      A message that names its counterpart to a leader that way is paired
      with no other message to that leader; a message enclosed in the
      other is not its counterpart (see
      :attr:`~stalin_telegrams.Message.enclosed_in`); and messages of
      courtesy, whose first sentence is about congratulations, greetings,
      good wishes or a death, make no same-matter pair: two thanks for
      birthday wishes look alike without being one matter.

    A pair's :attr:`~stalin_telegrams.Pair.similarity` is the score that
    decided it: the word-sequence similarity for copies, identical texts and
    same messages, the share of the shorter text quoted for a quotation, and
    the rare-word cosine for a same-matter pair; a covering note carries
    that cosine too, though no score decides it (it may be 0).

    Copies, identical texts, quotations and same messages are looked for
    among candidate pairs only, so the work grows about linearly with the
    corpus: each text is cut into overlapping 3-word shingles, and an
    inverted index counts, for every two messages that share one, the
    shingles they share. Shingles found in more than eight messages are
    stock phrases and are not counted. A pair is a candidate when it shares
    at least a fifth of the smaller message's other shingles. Same-matter
    pairs are looked for among messages at most two days apart, in date
    order.

    Where it stops working: same-matter pairs depend on rare words, so two
    short messages on one matter that share none of them (or messages on
    one matter more than two days apart) are missed, and two messages on
    different matters that happen to name the same rare things may pair; a
    text whose every third word or so was changed shares too few shingles
    to become a candidate for a same-message pair.

    Args:
        messages: The messages to search; by default the whole corpus.
        threshold: The least similarity of a ``"same-message"`` pair, a real
            number in ``(0, 1]``; the other kinds do not depend on it, and
            a pair of close messages to two leaders below it may still be a
            ``"same-matter"`` pair. The default, 0.7, finds every message
            sent twice in the volume (the lowest scores 0.78) and no
            unrelated pair (the highest with twenty matched words scores
            0.62).

    Returns:
        The pairs, each with its message earlier in the volume first, in
        volume order of the first message, then of the second.

    Raises:
        CriterionTypeError: *threshold* is not a real number (also a
            :class:`TypeError`).
        InvalidCriterionError: *threshold* is outside ``(0, 1]`` (also a
            :class:`ValueError`).
        ArgumentTypeError: *messages* is not an iterable of :class:`Message`.
        InvalidArgumentError: Two of *messages* have the same id.

    >>> pair = duplicates()[0]
    >>> pair.first.id, pair.second.id, pair.kind
    ('1941-10-03-roosevelt', '1941-10-03-churchill', 'same-matter')
    >>> link_up = [p for p in duplicates() if p.second.id == "1945-04-23-truman"][0]
    >>> link_up.first.id, link_up.kind, round(link_up.similarity, 2)
    ('1945-04-23-churchill-2', 'same-matter', 0.29)

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       Pairs have five kinds instead of ``"identical"`` and ``"near"``;
       quotations, copies and same-matter pairs are found whatever their
       similarity, and *threshold* governs only same-message pairs.
    .. versionchanged:: 0.4.0
       The kind ``"covering-note"``, found whatever the similarity.
    """
    limit = _checks.threshold(threshold)
    return _corpus(messages).duplicates(threshold=limit)
