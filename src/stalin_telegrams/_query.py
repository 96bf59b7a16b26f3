"""filter_by(): select messages by sender, recipient, date, classification, words or id."""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Iterable, Mapping
from typing import NoReturn

import attrs

from ._corpus import Corpus
from ._load import load
from ._model import Message
from ._suggest import close_matches
from .exceptions import CriterionTypeError, InvalidCriterionError

#: The criteria :func:`filter_by` knows, in signature order.
CRITERIA = (
    "sender",
    "recipient",
    "year",
    "month",
    "on",
    "after",
    "before",
    "classification",
    "contains",
    "ids",
)
_ONE_DAY = datetime.timedelta(days=1)
_JOINT = " and "
#: The month numbers, January to December.
MONTHS = range(1, 13)
#: A vocabulary of at most this many values is listed whole in an error.
_LISTED_WHOLE = 20

Predicate = Callable[[Message], bool]


def _names(value: str) -> tuple[str, ...]:
    """Split a (possibly joint) sender such as ``"Stalin and Churchill"``."""
    return tuple(name.strip() for name in value.split(_JOINT))


def _fold(value: str) -> str:
    return " ".join(value.split()).casefold()


@functools.lru_cache(maxsize=256)
def _folded_senders(sender: str) -> frozenset[str]:
    return frozenset(_fold(name) for name in _names(sender))


@functools.lru_cache(maxsize=256)
def _folded_recipients(recipients: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_fold(name) for name in recipients)


@attrs.frozen
class _Vocabulary:
    """The values a corpus holds, for telling a typo from a real criterion."""

    senders: frozenset[str]
    recipients: frozenset[str]
    classifications: frozenset[str]
    years: frozenset[int]
    ids: frozenset[str]
    aliases: Mapping[str, str]
    shown: Mapping[str, tuple[str, ...]]


def _vocabulary_of(messages: Iterable[Message], aliases: Mapping[str, str]) -> _Vocabulary:
    senders: set[str] = set()
    recipients: set[str] = set()
    classifications: set[str] = set()
    years: set[int] = set()
    ids: set[str] = set()
    for message in messages:
        senders.update(_names(message.sender))
        recipients.update(message.recipients)
        if message.classification is not None:
            classifications.add(message.classification)
        if message.year is not None:
            years.add(message.year)
        ids.add(message.id)
    shown = {
        "sender": tuple(sorted(senders)),
        "recipient": tuple(sorted(recipients)),
        "classification": tuple(sorted(classifications)),
        "year": tuple(str(y) for y in sorted(years)),
    }
    return _Vocabulary(
        frozenset(_fold(s) for s in senders),
        frozenset(_fold(r) for r in recipients),
        frozenset(_fold(c) for c in classifications),
        frozenset(years),
        frozenset(ids),
        dict(aliases),
        shown,
    )


@functools.cache
def _packaged() -> _Vocabulary:
    corpus = load()
    return _vocabulary_of(corpus, corpus.aliases)


def _unknown(criterion: str, value: object, known: Iterable[str]) -> InvalidCriterionError:
    choices = sorted(known)
    text = f"{criterion}={value!r} names nothing in the corpus"
    if len(choices) <= _LISTED_WHOLE:
        text += f" (known values: {', '.join(choices)})"
    close: list[str] = []
    if isinstance(value, str):
        close = close_matches(value, choices)
    if close:
        text += "; did you mean " + " or ".join(repr(c) for c in close) + "?"
    return InvalidCriterionError(text)


def _expect_str(criterion: str, value: object) -> str:
    if not isinstance(value, str):
        msg = f"{criterion}: expected a str, got {type(value).__name__} {value!r}"
        raise CriterionTypeError(msg)
    if not value.strip():
        msg = f"{criterion}: expected a non-empty str, got {value!r}"
        raise InvalidCriterionError(msg)
    return value


def _expect_int(criterion: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"{criterion}: expected an int, got {type(value).__name__} {value!r}"
        raise CriterionTypeError(msg)
    return value


def _expect_date(criterion: str, value: object) -> datetime.date:
    if isinstance(value, datetime.datetime):
        msg = f"{criterion}: expected a datetime.date or an ISO date str, got a datetime {value!r}"
        raise CriterionTypeError(msg)
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        msg = (
            f"{criterion}: expected a datetime.date or an ISO date str such as"
            f" '1943-02-16', got {type(value).__name__} {value!r}"
        )
        raise CriterionTypeError(msg)
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        msg = f"{criterion}={value!r} is not an ISO date (YYYY-MM-DD, such as '1943-02-16')"
        raise InvalidCriterionError(msg) from None


class _Checker:
    """Tells whether a name, year or id is known, consulting the corpus searched first."""

    def __init__(self, messages: tuple[Message, ...], aliases: Mapping[str, str]) -> None:
        self._messages = messages
        self._aliases = aliases
        self._own: _Vocabulary | None = None

    def _vocabularies(self) -> tuple[_Vocabulary, ...]:
        if self._own is None:
            self._own = _vocabulary_of(self._messages, self._aliases)
        return (self._own, _packaged())

    def name(self, criterion: str, value: str) -> frozenset[str]:
        wanted = frozenset(_fold(n) for n in _names(value))
        field = "senders" if criterion == "sender" else "recipients"
        for name in wanted:
            if name in getattr(_packaged(), field):
                continue  # the common case, without scanning the messages searched
            if not any(name in getattr(v, field) for v in self._vocabularies()):
                known = {s for v in self._vocabularies() for s in v.shown[criterion]}
                raise _unknown(criterion, value, known)
        return wanted

    def classification(self, value: str) -> str:
        wanted = _fold(value)
        if wanted not in _packaged().classifications and not any(
            wanted in v.classifications for v in self._vocabularies()
        ):
            known = {s for v in self._vocabularies() for s in v.shown["classification"]}
            raise _unknown("classification", value, known)
        return wanted

    def year(self, value: int) -> int:
        if value not in _packaged().years and not any(
            value in v.years for v in self._vocabularies()
        ):
            known = {s for v in self._vocabularies() for s in v.shown["year"]}
            raise _unknown("year", value, known)
        return value

    def ids(self, value: object) -> frozenset[str]:
        if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
            msg = (
                "ids: expected a collection of message ids such as"
                f" ('1942-11-20-churchill',), got {type(value).__name__} {value!r}"
            )
            raise CriterionTypeError(msg)
        wanted: set[str] = set()
        for item in value:
            if not isinstance(item, str):
                msg = f"ids: expected message ids (str), got {type(item).__name__} {item!r}"
                raise CriterionTypeError(msg)
            wanted.add(self._current_id(item))
        return frozenset(wanted)

    def _current_id(self, item: str) -> str:
        packaged = _packaged()
        if item in packaged.ids:
            return item  # the common case, without scanning the messages searched
        for vocabulary in self._vocabularies():
            if item in vocabulary.ids:
                return item
            if item in vocabulary.aliases:
                return vocabulary.aliases[item]
        known = set().union(*(v.ids for v in self._vocabularies()))
        close = close_matches(item, sorted(known))
        text = f"ids: {item!r} is not the id of any message"
        if close:
            text += "; close ids: " + ", ".join(close)
        raise InvalidCriterionError(text)


def _date_window(
    on: datetime.date | None, after: datetime.date | None, before: datetime.date | None
) -> tuple[datetime.date | None, datetime.date | None]:
    """Return the first and last day the date criteria allow (inclusive)."""
    try:
        first = None if after is None else after + _ONE_DAY
        last = None if before is None else before - _ONE_DAY
    except OverflowError:  # after the last day, or before the first, of the calendar
        first, last = datetime.date.max, datetime.date.min
    if on is not None:
        first = on if first is None else max(first, on)
        last = on if last is None else min(last, on)
    if first is not None and last is not None and first > last:
        given = ", ".join(
            f"{name}={value.isoformat()!r}"
            for name, value in (("on", on), ("after", after), ("before", before))
            if value is not None
        )
        msg = f"{given}: no day satisfies these date criteria (after and before are exclusive)"
        raise InvalidCriterionError(msg)
    return first, last


@functools.lru_cache(maxsize=4096)
def _folded_text(text: str) -> str:
    return text.casefold()


def _phrase(value: str) -> Predicate:
    """Return a test for a phrase: its words, whole and in order, any case."""
    words = value.casefold().split()
    body = r"\s+".join(re.escape(word) for word in words)
    start = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    end = r"(?!\w)" if re.search(r"\w$", words[-1]) else ""
    pattern = re.compile(start + body + end)
    # A plain substring test of the longest word rules out most texts fast.
    longest = max(words, key=len)

    def test(message: Message) -> bool:
        folded = _folded_text(message.text)
        return longest in folded and pattern.search(folded) is not None

    return test


def _reject_unknown(unknown: Mapping[str, object]) -> None:
    if not unknown:
        return
    name = min(unknown)
    close = close_matches(name, CRITERIA, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    msg = f"unknown criterion {name!r}{hint} Criteria are: {', '.join(CRITERIA)}"
    raise CriterionTypeError(msg)


def filter_by(  # noqa: C901, PLR0913 - one branch per criterion is the plainest form
    messages: Iterable[Message] | None = None,
    *,
    sender: str | None = None,
    recipient: str | None = None,
    year: int | None = None,
    month: int | None = None,
    on: datetime.date | str | None = None,
    after: datetime.date | str | None = None,
    before: datetime.date | str | None = None,
    classification: str | None = None,
    contains: str | None = None,
    ids: Iterable[str] | None = None,
    **unknown: NoReturn,
) -> Corpus:
    """Select the messages that meet every criterion given.

    Every criterion is optional; those given are combined with AND, and a
    criterion left at ``None`` selects everything.

    * *sender*, *recipient*: a surname, matched without regard to case.
      *sender* matches a joint sender (``"Stalin and Churchill"``) through
      any of its names; *recipient* matches a message addressed jointly to
      several leaders through any of them. Several names joined by
      ``" and "`` must all be among the senders (or recipients).
    * *year*, *month*: of :attr:`Message.date`; *month* is 1 to 12 and
      alone matches that month of every year.
    * *on*, *after*, *before*: a :class:`datetime.date` or an ISO string
      (``"1943-02-16"``), compared with :attr:`Message.date` (the written
      date, else the date sent). *after* and *before* are **exclusive**:
      ``after="1943-02-16"`` starts on February 17.
    * Undated messages never match a date criterion (*year*, *month*, *on*,
      *after*, *before*).
    * *classification*: equal to :attr:`Message.classification`, ignoring
      case and runs of spaces.
    * *contains*: a phrase, found in :attr:`Message.text` as whole words in
      that order, ignoring case; any whitespace in the phrase matches any
      whitespace in the text.
    * *ids*: a collection of message ids (retired ids are followed to the
      ids that replace them).

    Names, classifications, years and ids must name something in the
    messages searched or in the packaged corpus: a typo raises instead of
    returning an empty corpus.

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
        **unknown: Nothing else is accepted.

    Returns:
        The matching messages, in the order given, as a :class:`Corpus`
        (with the aliases of *messages* when it is a corpus).

    Raises:
        CriterionTypeError: A criterion is unknown, or a value has the wrong
            type (also a :class:`TypeError`).
        InvalidCriterionError: A value is unusable: an unparseable date, a
            month outside 1 to 12, date criteria that leave no day, an empty
            phrase, or a name, classification, year or id that names
            nothing (also a :class:`ValueError`).

    >>> [m.id for m in filter_by(recipient="roosevelt", on="1942-11-20")]
    ['1942-11-20-roosevelt']
    >>> len(filter_by(sender="Churchill", year=1944))
    1

    .. versionadded:: 0.1.0
    """
    _reject_unknown(unknown)
    source = load() if messages is None else messages
    pool = tuple(source)
    aliases: Mapping[str, str] = source.aliases if isinstance(source, Corpus) else {}
    check = _Checker(pool, aliases)
    tests: list[Predicate] = []
    if sender is not None:
        wanted_senders = check.name("sender", _expect_str("sender", sender))
        tests.append(lambda m: _folded_senders(m.sender).issuperset(wanted_senders))
    if recipient is not None:
        wanted_recipients = check.name("recipient", _expect_str("recipient", recipient))
        tests.append(lambda m: _folded_recipients(m.recipients).issuperset(wanted_recipients))
    if year is not None:
        wanted_year = check.year(_expect_int("year", year))
        tests.append(lambda m: m.date is not None and m.date.year == wanted_year)
    if month is not None:
        wanted_month = _expect_int("month", month)
        if wanted_month not in MONTHS:
            msg = f"month={month!r}: expected 1 (January) to 12 (December)"
            raise InvalidCriterionError(msg)
        tests.append(lambda m: m.date is not None and m.date.month == wanted_month)
    first, last = _date_window(
        None if on is None else _expect_date("on", on),
        None if after is None else _expect_date("after", after),
        None if before is None else _expect_date("before", before),
    )
    if first is not None:
        tests.append(lambda m: m.date is not None and m.date >= first)
    if last is not None:
        tests.append(lambda m: m.date is not None and m.date <= last)
    if classification is not None:
        wanted_class = check.classification(_expect_str("classification", classification))
        tests.append(
            lambda m: m.classification is not None and _fold(m.classification) == wanted_class
        )
    if contains is not None:
        tests.append(_phrase(_expect_str("contains", contains)))
    if ids is not None:
        wanted_ids = check.ids(ids)
        tests.append(lambda m: m.id in wanted_ids)
    return Corpus((m for m in pool if all(test(m) for test in tests)), aliases)
