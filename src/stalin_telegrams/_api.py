"""The query functions: the one place that supplies the packaged corpus when none is given.

Each function makes a :class:`Corpus` of the messages it is given (or takes
the packaged one from :func:`~stalin_telegrams.load`) and calls the method of
the same name, which runs the engine and keeps what it computed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from . import _checks
from ._corpus import Corpus
from ._criteria import Criteria, function_keywords
from ._model import Message

if TYPE_CHECKING:
    from ._duplicates import Pair


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
      whitespace in the text.
    * *ids*: a collection of message ids (retired ids are followed to the
      ids that replace them).

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
        ids: Message ids to keep.

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
            date criteria that leave no day, an empty phrase, or a name,
            classification, year or id that names nothing (also an
            :class:`~stalin_telegrams.exceptions.InvalidArgumentError`).

    >>> [m.id for m in filter_by(recipient="roosevelt", on="1942-11-20")]
    ['1942-11-20-roosevelt']
    >>> len(filter_by(sender="Churchill", year=1944))
    1

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       Dates must be ``YYYY-MM-DD`` on every Python; names, years and ids
       are checked against the messages given, never against the packaged
       corpus unless they come from it.
    """
    return _corpus(messages)._filter(criteria)  # noqa: SLF001 - what Corpus.filter_by runs


def thread_of(message_or_id: Message | str, messages: Iterable[Message] | None = None) -> Corpus:
    """Return the thread a message belongs to.

    Two messages are linked when one has a :class:`~stalin_telegrams.Reference`
    whose target is the other, or when :func:`~stalin_telegrams.duplicates`
    pairs them at its default threshold. The thread is every message reached
    from the given one through links, in either direction, any number of
    steps (the connected component), the message itself included. Only the
    messages searched count: a link to a message outside *messages* is not
    followed. A :class:`Corpus` finds the threads of all its messages once
    and keeps them, so pass one (rather than a list) to ask many times.

    Args:
        message_or_id: A message, or its id (a retired id is followed to the
            id that replaced it when *messages* is a corpus).
        messages: The messages to search; by default the whole corpus.

    Returns:
        The thread in date order (:attr:`Message.date`); messages with the
        same date by :attr:`Message.number`, undated messages last.

    Raises:
        UnknownMessageError: No message searched has that id (also a
            :class:`KeyError`).
        CriterionTypeError: *message_or_id* is neither a message nor a str
            (also a :class:`TypeError`).
        ArgumentTypeError: *messages* is not an iterable of :class:`Message`.
        InvalidArgumentError: Two of *messages* have the same id.

    >>> [m.id for m in thread_of("1944-06-05-churchill")]
    ['1944-06-05-churchill', '1944-06-05-roosevelt']

    .. versionadded:: 0.1.0
    """
    return _corpus(messages).thread_of(message_or_id)


def duplicates(
    messages: Iterable[Message] | None = None, *, threshold: float = _checks.DEFAULT_THRESHOLD
) -> tuple[Pair, ...]:
    """Find the pairs of messages whose texts are identical or nearly so.

    The same message sent to two leaders, with the address or a sentence
    adapted, is such a pair; so is a message printed twice in the volume (as
    sent, and again as the copy enclosed for another leader) or quoted whole
    in a short covering message. Two messages are a pair when

    * their texts are equal character for character (``kind="identical"``,
      ``similarity=1.0``), whatever their length; or
    * their similarity (:func:`~stalin_telegrams.similarity`: the share of
      their words in runs common to both, case and punctuation ignored) is
      at least *threshold*, and those runs hold at least twenty words
      (``kind="near"``). Below twenty words a high score is chance: two
      birthday thank-yous two years apart score 0.74.

    Only candidate pairs are compared word by word, so the work grows about
    linearly with the corpus: each text is cut into overlapping 3-word
    shingles, and an inverted index counts, for every two messages that share
    one, the shingles they share. Shingles found in more than eight messages
    are stock phrases and are not counted. A pair is a candidate when it
    shares at least a fifth of the smaller message's other shingles.

    Where it stops working: separately worded messages on one matter ("I am
    sending a similar message to ...") score 0.5 to 0.62 and are not pairs
    (their link is a :class:`~stalin_telegrams.Reference`); a message quoted
    in a covering note as long as itself or longer scores under 0.7; and a
    text whose every third word or so was changed shares too few shingles to
    become a candidate, though it would score high enough.

    Args:
        messages: The messages to search; by default the whole corpus.
        threshold: The least similarity of a near pair, a real number in
            ``(0, 1]``. The default, 0.7, finds every message sent twice in
            the volume (the lowest scores 0.78) and no unrelated pair (the
            highest with twenty matched words scores 0.62).

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
    ('1942-11-20-churchill', '1942-11-20-roosevelt', 'identical')

    .. versionadded:: 0.1.0
    """
    limit = _checks.threshold(threshold)
    return _corpus(messages).duplicates(threshold=limit)
