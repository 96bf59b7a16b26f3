"""The engine of filter_by(): select messages by name, date, classification, words, id or mention.

It computes only: it is given the messages, the criteria and the values the
messages' corpus knows, and returns the messages selected. Where the
messages come from, and how the result is wrapped, is
:class:`~stalin_telegrams.Corpus`'s business.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from . import _checks
from ._criteria import Criteria
from ._model import Message, Name, split_names
from .exceptions import CriterionTypeError, InvalidCriterionError

_ONE_DAY = datetime.timedelta(days=1)
#: A vocabulary this short is listed whole in the error for a value not in it.
_LISTED = 20

Predicate = Callable[[Message], bool]


def _fold(value: str) -> str:
    return " ".join(value.split()).casefold()


@functools.lru_cache(maxsize=1024)
def _folded_names(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_fold(name) for name in names)


@functools.lru_cache(maxsize=4096)
def _folded_text(text: str) -> str:
    return text.casefold()


class Vocabulary:
    """The values a corpus holds, for telling a typo from a real criterion.

    Made once per corpus, on the first query that needs it, and kept by the
    :class:`~stalin_telegrams.Corpus` that owns the messages.
    """

    __slots__ = (
        "aliases",
        "classifications",
        "ids",
        "index",
        "mentioned",
        "recipients",
        "senders",
        "shown",
        "years",
    )

    def __init__(
        self,
        messages: Iterable[Message],
        aliases: Mapping[str, str],
        index: tuple[Name, ...] = (),
    ) -> None:
        senders: set[str] = set()
        recipients: set[str] = set()
        classifications: set[str] = set()
        years: set[int] = set()
        ids: set[str] = set()
        mentioned: dict[str, set[str]] = {}
        for message in messages:
            for mention in message.mentions:
                mentioned.setdefault(mention.name, set()).add(message.id)
            senders.update(message.senders)
            recipients.update(message.recipients)
            if message.classification is not None:
                classifications.add(message.classification)
            if message.year is not None:
                years.add(message.year)
            ids.add(message.id)
        self.senders = frozenset(_fold(s) for s in senders)
        self.recipients = frozenset(_fold(r) for r in recipients)
        self.classifications = frozenset(_fold(c) for c in classifications)
        self.years = frozenset(years)
        self.ids = frozenset(ids)
        self.aliases: Mapping[str, str] = dict(aliases)
        #: The index of names, and the ids of the messages that mention each
        #: canonical name (all a corpus of your own messages, given without
        #: the index, knows of names).
        self.index = index
        self.mentioned: Mapping[str, frozenset[str]] = {
            name: frozenset(found) for name, found in mentioned.items()
        }
        #: What an error lists as the known values of each criterion.
        self.shown: Mapping[str, tuple[str, ...]] = {
            "sender": tuple(sorted(senders)),
            "recipient": tuple(sorted(recipients)),
            "classification": tuple(sorted(classifications)),
            "year": tuple(str(y) for y in sorted(years)),
        }


def _unknown(criterion: str, value: object, vocabulary: Vocabulary) -> InvalidCriterionError:
    choices = vocabulary.shown[criterion]
    text = f"{criterion}={_checks.shown(value)} names nothing in the corpus"
    if len(choices) <= _LISTED:
        text += f" (known values: {', '.join(choices)})"
    if isinstance(value, str):
        from ._suggest import close_matches  # noqa: PLC0415 - difflib only to explain a miss

        close = close_matches(value, choices)
        if close:
            text += "; did you mean " + " or ".join(repr(c) for c in close) + "?"
    return InvalidCriterionError(text)


def _names(
    criterion: str, value: str, known: frozenset[str], vocabulary: Vocabulary
) -> frozenset[str]:
    wanted = frozenset(_fold(name) for name in split_names(value))
    if not wanted <= known:
        raise _unknown(criterion, value, vocabulary)
    return wanted


def _ids(value: object, vocabulary: Vocabulary) -> frozenset[str]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        msg = (
            "ids: expected a collection of message ids such as"
            f" ('1942-11-20-churchill',), {_checks.got(value)}"
        )
        raise CriterionTypeError(msg)
    wanted: set[str] = set()
    for item in value:
        if not isinstance(item, str):
            msg = f"ids: expected message ids (str), {_checks.got(item)}"
            raise CriterionTypeError(msg)
        current = vocabulary.aliases.get(item, item) if item not in vocabulary.ids else item
        if current not in vocabulary.ids:
            from ._suggest import close_matches  # noqa: PLC0415 - difflib only to explain a miss

            close = close_matches(item, sorted(vocabulary.ids))
            text = f"ids: {_checks.shown(item)} is not the id of any message"
            if close:
                text += "; close ids: " + ", ".join(close)
            raise InvalidCriterionError(text)
        wanted.add(current)
    return frozenset(wanted)


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


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Return the pattern of a phrase: its words, whole and in order, any case.

    Any run of whitespace in the phrase matches any run in the text, a
    paragraph break included. ``filter_by(contains=...)`` selects with it,
    and the command line's ``search`` marks its hits with it.
    """
    words = phrase.split()
    body = r"\s+".join(re.escape(word) for word in words)
    start = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    end = r"(?!\w)" if re.search(r"\w$", words[-1]) else ""
    return re.compile(start + body + end, re.IGNORECASE)


def _phrase(value: str) -> Predicate:
    pattern = phrase_pattern(value)
    # A plain substring test of the longest word rules out most texts fast.
    longest = max(value.casefold().split(), key=len)

    def test(message: Message) -> bool:
        return longest in _folded_text(message.text) and pattern.search(message.text) is not None

    return test


def _name_tests(criteria: Criteria, vocabulary: Callable[[], Vocabulary]) -> Iterator[Predicate]:
    """Yield the tests of the criteria that name people or labels, after checking them."""
    if criteria.sender is not None:
        value = _checks.text("sender", criteria.sender)
        senders = _names("sender", value, vocabulary().senders, vocabulary())
        yield lambda m: _folded_names(m.senders) >= senders
    if criteria.recipient is not None:
        value = _checks.text("recipient", criteria.recipient)
        recipients = _names("recipient", value, vocabulary().recipients, vocabulary())
        yield lambda m: _folded_names(m.recipients) >= recipients
    if criteria.classification is not None:
        label = _fold(_checks.text("classification", criteria.classification))
        if label not in vocabulary().classifications:
            raise _unknown("classification", criteria.classification, vocabulary())
        yield lambda m: m.classification is not None and _fold(m.classification) == label


def _date_tests(criteria: Criteria, vocabulary: Callable[[], Vocabulary]) -> Iterator[Predicate]:
    """Yield the tests of the date criteria, after checking them."""
    if criteria.year is not None:
        year = _checks.integer("year", criteria.year)
        if year not in vocabulary().years:
            raise _unknown("year", year, vocabulary())
        yield lambda m: m.date is not None and m.date.year == year
    if criteria.month is not None:
        month = _checks.month("month", criteria.month)
        yield lambda m: m.date is not None and m.date.month == month
    first, last = _date_window(
        None if criteria.on is None else _checks.date("on", criteria.on),
        None if criteria.after is None else _checks.date("after", criteria.after),
        None if criteria.before is None else _checks.date("before", criteria.before),
    )
    if first is not None or last is not None:
        low, high = first or datetime.date.min, last or datetime.date.max
        yield lambda m: m.date is not None and low <= m.date <= high


def _text_tests(criteria: Criteria, vocabulary: Callable[[], Vocabulary]) -> Iterator[Predicate]:
    """Yield the tests of the phrase and the ids, after checking them."""
    if criteria.contains is not None:
        yield _phrase(_checks.text("contains", criteria.contains))
    if criteria.ids is not None:
        wanted = _ids(criteria.ids, vocabulary())
        yield lambda m: m.id in wanted


def _mention_tests(criteria: Criteria, vocabulary: Callable[[], Vocabulary]) -> Iterator[Predicate]:
    """Yield the test of the names mentioned, after resolving them."""
    if criteria.mentions is not None:
        from ._index import members, wanted_names  # noqa: PLC0415 - loaded when asked for

        known = vocabulary()
        names = wanted_names("mentions", criteria.mentions, known.index, known.mentioned)
        wide = _checks.flag("see_also", criteria.see_also)
        parts = members(known.index) if wide else {}
        # The ids that mention every name wanted (or, with see_also, an entry
        # that is part of it), from the sets kept by the vocabulary.
        chosen = frozenset.intersection(
            *(
                frozenset().union(
                    *(known.mentioned.get(p, frozenset()) for p in parts.get(n, (n,)))
                )
                for n in names
            )
        )
        yield lambda m: m.id in chosen
    elif criteria.see_also is not None:
        _checks.flag("see_also", criteria.see_also)
        msg = "see_also reads the names given in mentions: give mentions too"
        raise InvalidCriterionError(msg)


def select(
    messages: Sequence[Message], criteria: Criteria, vocabulary: Callable[[], Vocabulary]
) -> list[Message]:
    """Return the messages that meet every criterion, in the order given.

    Args:
        messages: The messages to search.
        criteria: What to select; each value is checked first.
        vocabulary: Returns the values the messages' corpus knows; called
            only when a name, classification, year or id is to be checked.

    Raises:
        CriterionTypeError: A value has the wrong type.
        InvalidCriterionError: A value is unusable or names nothing known.
    """
    tests = [
        *_name_tests(criteria, vocabulary),
        *_date_tests(criteria, vocabulary),
        *_text_tests(criteria, vocabulary),
        *_mention_tests(criteria, vocabulary),
    ]
    return [m for m in messages if all(test(m) for test in tests)]
