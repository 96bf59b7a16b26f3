"""The engine of filter_by(): select messages by name, date, classification, words, id or mention.

It computes only: it is given the messages, the criteria and the values the
messages' corpus knows, and returns the messages selected. Where the
messages come from, and how the result is wrapped, is
:class:`~stalin_telegrams.Corpus`'s business.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from . import _checks
from ._criteria import Criteria
from ._memo import Memo
from ._model import Message, split_names
from ._records import Name
from ._suggest import close_matches
from .exceptions import CriterionTypeError, InvalidCriterionError

_ONE_DAY = datetime.timedelta(days=1)
#: A vocabulary this short is listed whole in the error for a value not in it.
_LISTED = 20

Predicate = Callable[[Message], bool]
#: How many phrases a corpus keeps the answers of (which texts hold each),
#: the ones searched for last: a later search for one of them reads no text.
PHRASES_KEPT = 64


def _fold(value: str) -> str:
    return " ".join(value.split()).casefold()


def _folded_names(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_fold(name) for name in names)


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
            close = close_matches(item, sorted(vocabulary.ids))
            text = f"ids: {_checks.shown(item)} is not the id of any message"
            if close:
                text += "; close ids: " + ", ".join(close)
            raise InvalidCriterionError(text)
        wanted.add(current)
    return frozenset(wanted)


def _date_window(
    on: datetime.date | None,
    after: datetime.date | None,
    before: datetime.date | None,
    *,
    year: int | None = None,
    month: int | None = None,
) -> tuple[datetime.date | None, datetime.date | None]:
    """Return the first and last day the date criteria allow (inclusive).

    Raises:
        InvalidCriterionError: No day meets them all: ``after`` not before
            ``before``, ``on`` outside them, or outside the *year*, or in
            another *month* (the criteria contradict each other).
    """
    try:
        first = None if after is None else after + _ONE_DAY
        last = None if before is None else before - _ONE_DAY
    except OverflowError:  # after the last day, or before the first, of the calendar
        first, last = datetime.date.max, datetime.date.min
    bounds = [(on, on)]
    if year is not None:
        bounds.append((datetime.date(year, 1, 1), datetime.date(year, 12, 31)))
    for low, high in bounds:
        if low is not None and high is not None:
            first = low if first is None else max(first, low)
            last = high if last is None else min(last, high)
    empty = first is not None and last is not None and first > last
    if not empty and month is not None and first is not None and last is not None:
        empty = month not in _months_between(first, last)
    if empty:
        given = [f"year={year}"] if year is not None else []
        given += [f"month={month}"] if month is not None else []
        given += [
            f"{name}={value.isoformat()!r}"
            for name, value in (("on", on), ("after", after), ("before", before))
            if value is not None
        ]
        msg = (
            f"{', '.join(given)}: no day satisfies these date criteria"
            " (after and before are exclusive)"
        )
        raise InvalidCriterionError(msg)
    return first, last


def _months_between(first: datetime.date, last: datetime.date) -> set[int]:
    """Return the month numbers of the days from *first* to *last*, inclusive."""
    months: set[int] = set()
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month) and len(months) < len(_checks.MONTHS):
        months.add(month)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)  # noqa: PLR2004 - December
    return months


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


def _unaccented(text: str) -> tuple[str, tuple[int, ...]]:
    """Return *text* case-folded and without accents, and where each character came from.

    Each character is decomposed (NFKD) and its combining marks dropped, so
    ``Šubašić`` reads ``subasic``; the second value gives, for each
    character of the result and one past its end, the index in *text* of the
    character it came from.
    """
    if text.isascii():
        return text.casefold(), tuple(range(len(text) + 1))
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char.isascii():
            piece = char.casefold()
        else:
            decomposed = unicodedata.normalize("NFKD", char)
            piece = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
        pieces.append(piece)
        origin.extend([index] * len(piece))
    origin.append(len(text))
    return "".join(pieces), tuple(origin)


def find_phrase(
    text: str, phrase: str, *, ignore_accents: bool = False
) -> tuple[tuple[int, int], ...]:
    """Return where *phrase* occurs in *text*, as ``filter_by(contains=...)`` finds it.

    The phrase is found as whole words in that order, ignoring case; any
    run of whitespace in the phrase matches any run in the text, a paragraph
    break included. With *ignore_accents*, letters are also compared
    without their accents, both ways: ``"Subasic"`` finds ``Šubašić``, and
    ``"Šubašić"`` finds ``Subasic``.

    Args:
        text: The text to search, such as :attr:`Message.text`.
        phrase: The words to find.
        ignore_accents: Whether to compare letters without their accents.

    Returns:
        The ``(start, end)`` of each occurrence in *text*, in text order, so
        that ``text[start:end]`` is the words found as printed.

    Raises:
        CriterionTypeError: *text*, *phrase* or *ignore_accents* has the
            wrong type (also a :class:`TypeError`).
        InvalidCriterionError: *phrase* is empty or only whitespace (also a
            :class:`ValueError`).

    >>> text = "Marshal Tito and Dr \N{LATIN CAPITAL LETTER S WITH CARON}uba\
\N{LATIN SMALL LETTER S WITH CARON}i\N{LATIN SMALL LETTER C WITH ACUTE}."
    >>> find_phrase(text, "subasic")
    ()
    >>> [text[start:end] for start, end in find_phrase(text, "subasic", ignore_accents=True)]
    ['\N{LATIN CAPITAL LETTER S WITH CARON}uba\N{LATIN SMALL LETTER S WITH CARON}i\
\N{LATIN SMALL LETTER C WITH ACUTE}']

    .. versionadded:: 0.3.0
    """
    if not isinstance(text, str):
        msg = f"text: expected a str, {_checks.got(text)}"
        raise CriterionTypeError(msg)
    phrase = _checks.text("phrase", phrase)
    if not ignore_accents:
        return tuple(hit.span() for hit in phrase_pattern(phrase).finditer(text))
    folded, origin = _unaccented(text)
    pattern = phrase_pattern(_unaccented(phrase)[0])
    return tuple(
        (origin[hit.start()], origin[hit.end() - 1] + 1) for hit in pattern.finditer(folded)
    )


def _flag(criterion: str, value: object) -> bool:
    """Return *value*, a bool, or raise naming *criterion*."""
    if not isinstance(value, bool):
        msg = f"{criterion}: expected True or False, {_checks.got(value)}"
        raise CriterionTypeError(msg)
    return value


def _answers(_: tuple[str, bool]) -> dict[str, bool]:
    """Return a new table of the texts searched for a phrase, each with whether it holds it."""
    return {}


def _search(value: str, memo: Memo, *, ignore_accents: bool) -> Callable[[str], bool]:
    """Return the test of whether a text holds the phrase *value*."""
    if ignore_accents:
        pattern = phrase_pattern(_unaccented(value)[0])
        unaccented = memo.table(_unaccented)
        return lambda text: pattern.search(unaccented(text)[0]) is not None
    pattern = phrase_pattern(value)
    # A plain substring test of the longest word rules out most texts fast.
    longest = max(value.casefold().split(), key=len)
    folded = memo.table(str.casefold)
    return lambda text: longest in folded(text) and pattern.search(text) is not None


def _phrase(value: str, memo: Memo, *, ignore_accents: bool) -> Predicate:
    """Return the test of the phrase; the corpus keeps its answers for the phrases last searched."""
    answers = memo.recent(_answers, (value, ignore_accents), PHRASES_KEPT)
    search = _search(value, memo, ignore_accents=ignore_accents)

    def test(message: Message) -> bool:
        text = message.text
        held = answers.get(text)
        if held is None:
            held = answers[text] = search(text)
        return held

    return test


def _name_tests(
    criteria: Criteria, vocabulary: Callable[[], Vocabulary], memo: Memo
) -> Iterator[Predicate]:
    """Yield the tests of the criteria that name people or labels, after checking them."""
    folded_names = memo.table(_folded_names)
    if criteria.sender is not None:
        value = _checks.text("sender", criteria.sender)
        senders = _names("sender", value, vocabulary().senders, vocabulary())
        yield lambda m: folded_names(m.senders) >= senders
    if criteria.recipient is not None:
        value = _checks.text("recipient", criteria.recipient)
        recipients = _names("recipient", value, vocabulary().recipients, vocabulary())
        yield lambda m: folded_names(m.recipients) >= recipients
    if criteria.classification is not None:
        label = _fold(_checks.text("classification", criteria.classification))
        if label not in vocabulary().classifications:
            raise _unknown("classification", criteria.classification, vocabulary())
        yield lambda m: m.classification is not None and _fold(m.classification) == label


def _date_tests(criteria: Criteria, vocabulary: Callable[[], Vocabulary]) -> Iterator[Predicate]:
    """Yield the tests of the date criteria, after checking them."""
    year = month = None
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
        year=year,
        month=month,
    )
    if first is not None or last is not None:
        low, high = first or datetime.date.min, last or datetime.date.max
        yield lambda m: m.date is not None and low <= m.date <= high


def _text_tests(
    criteria: Criteria, vocabulary: Callable[[], Vocabulary], memo: Memo
) -> Iterator[Predicate]:
    """Yield the tests of the phrase and the ids, after checking them."""
    ignore_accents = criteria.ignore_accents
    if ignore_accents is not None:
        ignore_accents = _flag("ignore_accents", ignore_accents)
    if criteria.contains is not None:
        phrase = _checks.text("contains", criteria.contains)
        yield _phrase(phrase, memo, ignore_accents=bool(ignore_accents))
    elif ignore_accents:
        msg = "ignore_accents=True applies to contains: give contains too"
        raise InvalidCriterionError(msg)
    if criteria.ids is not None:
        wanted = _ids(criteria.ids, vocabulary())
        yield lambda m: m.id in wanted


def _mention_tests(criteria: Criteria, vocabulary: Callable[[], Vocabulary]) -> Iterator[Predicate]:
    """Yield the test of the names mentioned, after resolving them."""
    if criteria.mentions is not None:
        from ._index import members, wanted_names  # noqa: PLC0415 - loaded when asked for

        known = vocabulary()
        names = wanted_names("mentions", criteria.mentions, known.index, known.mentioned)
        wide = criteria.see_also is not None and _flag("see_also", criteria.see_also)
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
    elif criteria.see_also is not None and _flag("see_also", criteria.see_also):
        msg = "see_also=True reads the names given in mentions: give mentions too"
        raise InvalidCriterionError(msg)


def select(
    messages: Sequence[Message],
    criteria: Criteria,
    vocabulary: Callable[[], Vocabulary],
    memo: Memo | None = None,
) -> list[Message]:
    """Return the messages that meet every criterion, in the order given.

    Args:
        messages: The messages to search.
        criteria: What to select; each value is checked first.
        vocabulary: Returns the values the messages' corpus knows; called
            only when a name, classification, year or id is to be checked.
        memo: Where the messages' corpus keeps what is computed of its
            texts and names; by default, a new one for this call.

    Raises:
        CriterionTypeError: A value has the wrong type.
        InvalidCriterionError: A value is unusable or names nothing known.
    """
    memo = Memo() if memo is None else memo
    tests = [
        *_name_tests(criteria, vocabulary, memo),
        *_date_tests(criteria, vocabulary),
        *_text_tests(criteria, vocabulary, memo),
        *_mention_tests(criteria, vocabulary),
    ]
    return [m for m in messages if all(test(m) for test in tests)]
