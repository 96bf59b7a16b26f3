"""The engine of duplicates(): pairs of messages a reader would name as one text, or one matter.

It computes only, on the messages it is given; :class:`~stalin_telegrams.Corpus`
keeps the pairs it found. Also the word diff and the similarity of any two
messages.
"""

from __future__ import annotations

import datetime
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import chain, combinations, repeat
from typing import TYPE_CHECKING

import attrs

from . import _checks
from ._fold import fold
from ._memo import Memo
from ._model import Message
from ._records import Pair, PairKind
from ._suggest import matcher

# Pair, DiffChunk and WordDiff were defined here in 0.2.0: their old import
# paths (and so pickles made with 0.2.0) keep working; the word diff's
# records (:mod:`._words`) are loaded when first asked for.
__all__ = [
    "DiffChunk",
    "Pair",
    "WordDiff",
    "candidates",
    "find_pairs",
    "forwarded",
    "similarity",
    "word_diff",
]

if TYPE_CHECKING:
    import difflib

    from ._words import DiffChunk, WordDiff

#: The words in a shingle.
_SHINGLE_WORDS = 3
#: The similarity at or above which two messages count as duplicates.
DEFAULT_THRESHOLD = _checks.DEFAULT_THRESHOLD
#: A 3-word shingle found in more messages than this is a stock phrase
#: ("i have received", "of the soviet"): it says nothing about copying, and
#: skipping it bounds the work of candidate generation.
COMMON_SHINGLE = 8
#: The share of the smaller message's uncommon shingles that a pair must have
#: in common to be compared word by word.
CANDIDATE_SHARE = 0.2
#: The fewest words in matching runs a near (not identical) pair must have:
#: below it a high similarity is chance, two stock formulas alike ("Please
#: accept my thanks for your congratulations and good wishes").
MIN_MATCHED_WORDS = 20
#: The share of the shorter text's words, in runs of at least
#: :data:`QUOTED_RUN` words found in the longer, that makes it quoted whole.
QUOTED_SHARE = 0.95
#: The shortest run of matching words that counts towards a quotation.
QUOTED_RUN = 3
#: The most the shorter text may have, as a share of the longer one's words,
#: to be quoted in it rather than be the same message.
QUOTED_LENGTH = 0.9
#: The most days between two messages on one matter to two leaders.
SAME_MATTER_DAYS = 2
#: A word in at most this share of the messages searched is a rare word: a
#: name, a place, a code name, a subject ("Tedder", "Vienna", "Argonaut").
RARE_SHARE = 0.05
#: The least rare-word cosine of two messages on one matter.
SAME_MATTER_COSINE = 0.2
#: The least rare-word cosine of two messages on one matter when one refers
#: to the other ("I have sent a similar message to the President").
REFERRED_COSINE = 0.1


#: A message of courtesy: its first sentence is about congratulations,
#: greetings or good wishes, or about a death. Two such messages look alike
#: (thanks for birthday wishes, for Red Army anniversary greetings,
#: condolences) without being one matter told to two leaders.
_FORMULA = re.compile(
    r"\A[^.]*\b(?:congratulations|greetings|good wishes|death|condolences?)\b",
    re.IGNORECASE,
)

#: What a covering note says of the message it names: that it sends the
#: reader that message, its text or a copy ("I am sending you the text of my
#: reply to Mr Churchill", "a copy of which I am also sending to you"), or
#: encloses it ("For your information I enclose my reply"). The verb is in
#: the present: "I sent you the text" recalls an earlier covering note, and
#: "I am sending a similar message to Mr Truman" sends the reader nothing.
_FORWARDS = re.compile(r"\b(?:send(?:ing)?\b[^.]*?\byou|enclos(?:e|ing)\b)", re.IGNORECASE)
#: Where a sentence ends: a stop, question or exclamation mark, then a space.
_SENTENCE_END = re.compile(r"[.!?](?=\s|\Z)")

_PARAGRAPH = re.compile(r"\n\s*\n")
_QUOTES = ('"', "\u201c", "\u00ab")
_QUOTED_PARAGRAPH = re.compile(r"(?:\A|\n\n)[\"\u201c\u00ab]")

Shingle = int


@_checks.arguments
def word_diff(first: Message, second: Message) -> WordDiff:
    """Return the word-by-word diff from *first*'s text to *second*'s.

    Words are compared ignoring case and punctuation, as :func:`duplicates`
    compares them; each chunk shows the words as printed. Any two messages
    can be compared; :meth:`Pair.diff` is this for the two of a pair.

    Args:
        first: A message.
        second: Another message.

    Returns:
        The diff, as :meth:`Pair.diff` gives it.

    Raises:
        ArgumentTypeError: *first* or *second* is not a :class:`Message`.

    >>> from stalin_telegrams import load, word_diff
    >>> corpus = load()
    >>> word_diff(corpus[0], corpus[0]).changes
    ()

    .. versionadded:: 0.2.0
    """
    _checks.message(first, "first")
    _checks.message(second, "second")
    from ._words import diff  # noqa: PLC0415 - loaded with the first diff

    return diff(first.id, first.text, second.id, second.text)


def __getattr__(name: str) -> object:
    if name in {"DiffChunk", "WordDiff"}:
        from . import _words  # noqa: PLC0415 - loaded with the first diff

        return getattr(_words, name)
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


@attrs.frozen
class _Keys:
    """The keys a text's words are compared by, its distinct words, and its shingles."""

    keys: tuple[str, ...]
    words: frozenset[str]
    shingles: frozenset[Shingle]


#: What a search computes of a text, kept by the corpus searched (:class:`~._memo.Memo`).
Keys = Callable[[str], _Keys]


def _keys(text: str) -> _Keys:
    keys = tuple(fold(text).split())
    # A shingle is kept as the hash of its three keys: ints are cheap to count
    # and intersect, and a collision could only add a candidate, which the
    # word-by-word comparison then rejects.
    if len(keys) < _SHINGLE_WORDS:
        shingles = frozenset([hash(keys)]) if keys else frozenset()
    else:
        shingles = frozenset(map(hash, zip(keys, keys[1:], keys[2:], strict=False)))
    return _Keys(keys, frozenset(keys), shingles)


@_checks.arguments
def similarity(first: Message, second: Message) -> float:
    """Return the similarity :func:`duplicates` uses for two messages.

    Args:
        first: A message.
        second: Another message.

    Returns:
        ``2 * M / T``, where ``M`` is the number of words in the matching runs
        of the two word sequences and ``T`` the number of words in both
        (``difflib.SequenceMatcher.ratio`` over words, case and punctuation
        ignored): 1.0 for the same words in the same order (two texts
        without words included), 0.0 for no word in common.

    Raises:
        ArgumentTypeError: *first* or *second* is not a :class:`Message`.

    >>> from stalin_telegrams import load, similarity
    >>> corpus = load()
    >>> similarity(corpus["1942-11-20-churchill"], corpus["1942-11-20-roosevelt"])
    1.0

    .. versionadded:: 0.2.0
    """
    _checks.message(first, "first")
    _checks.message(second, "second")
    a, b = _keys(first.text).keys, _keys(second.text).keys
    return _score(a, b, matcher(a, b))[0]


def _score(
    a: Sequence[str], b: Sequence[str], pairing: difflib.SequenceMatcher[str]
) -> tuple[float, int]:
    """Return the similarity of two word sequences, and the words in their matching runs.

    The one statement of the formula: ``2 * M / T`` (1.0 for two empty
    sequences).
    """
    matched = sum(block.size for block in pairing.get_matching_blocks())
    total = len(a) + len(b)
    return (2 * matched / total if total else 1.0), matched


def candidates(messages: Sequence[Message], keys: Keys = _keys) -> list[tuple[int, int]]:
    """Return the index pairs worth comparing word by word, in order.

    Two messages are candidates when they share at least
    :data:`CANDIDATE_SHARE` of the smaller one's uncommon 3-word shingles
    (those in at most :data:`COMMON_SHINGLE` messages), and at least one.
    The counts come from an inverted index, never from comparing all pairs.
    *keys* gives the words and shingles of a text, as the corpus keeps them.
    """
    sets = [keys(m.text).shingles for m in messages]
    frequency = Counter(chain.from_iterable(sets))
    common: set[Shingle] = set()
    repeated: set[Shingle] = set()
    for shingle, count in frequency.items():
        if count > COMMON_SHINGLE:
            common.add(shingle)
        elif count > 1:
            repeated.add(shingle)
    # Only shingles in two to COMMON_SHINGLE messages can make a candidate,
    # so only they are indexed; set intersections keep the loop short.
    index: dict[Shingle, list[int]] = {}
    for position, shingles in enumerate(sets):
        for shingle in shingles & repeated:
            index.setdefault(shingle, []).append(position)
    # Every pair of messages that share a shingle, counted in one pass.
    shared = Counter(chain.from_iterable(map(combinations, index.values(), repeat(2))))
    uncommon = [len(shingles) - len(shingles & common) for shingles in sets]
    return sorted(
        (a, b)
        for (a, b), count in shared.items()
        if count >= CANDIDATE_SHARE * min(uncommon[a], uncommon[b])
    )


def _quoted(
    first: Message, second: Message, pairing: difflib.SequenceMatcher[str], keys: Keys
) -> float:
    """Return the share of the shorter text quoted in the longer, or 0.0 if it is not quoted whole.

    The shorter must be contained whole (see :data:`QUOTED_SHARE`), and the
    longer must print it as a quotation: paragraphs that open with a
    quotation mark hold at least as many words as the shorter text has.
    """
    a, b = len(keys(first.text).keys), len(keys(second.text).keys)
    short, long_text = (b, first.text) if a > b else (a, second.text)
    if not short or short > QUOTED_LENGTH * max(a, b):
        return 0.0
    quoted = _quoted_words(long_text)
    if quoted < short or pairing.quick_ratio() * (a + b) < 2 * QUOTED_SHARE * short:
        return 0.0
    runs = sum(block.size for block in pairing.get_matching_blocks() if block.size >= QUOTED_RUN)
    if runs < MIN_MATCHED_WORDS or runs < QUOTED_SHARE * short:
        return 0.0
    return runs / short


def _quoted_words(text: str) -> int:
    """Return how many words of *text* stand in paragraphs that open with a quotation mark."""
    if not _QUOTED_PARAGRAPH.search(text):
        return 0
    return sum(len(_keys(p).keys) for p in _PARAGRAPH.split(text) if p.startswith(_QUOTES))


def _text_pairs(
    pool: Sequence[Message], threshold: float, keys: Keys
) -> dict[tuple[int, int], tuple[float, PairKind]]:
    """Return the pairs of one text twice: copies, identical texts, quotations, same messages."""
    found: dict[tuple[int, int], tuple[float, PairKind]] = {}
    by_text: dict[str, list[int]] = {}
    for position, message in enumerate(pool):
        by_text.setdefault(message.text, []).append(position)
    for group in by_text.values():
        for a, b in combinations(group, 2):
            found[a, b] = (1.0, "identical")
    for a, b in candidates(pool, keys):
        if (a, b) not in found:
            compared = _compare(pool[a], pool[b], threshold, keys)
            if compared is not None:
                found[a, b] = compared
    numbered = {m.id: i for i, m in enumerate(pool)}
    for b, message in enumerate(pool):
        original = numbered.get(message.copy_of) if message.copy_of else None
        if original is not None and original != b:
            key = (min(original, b), max(original, b))
            if key in found:
                score = found[key][0]
            else:
                ka, kb = keys(pool[key[0]].text).keys, keys(pool[key[1]].text).keys
                score = _score(ka, kb, matcher(ka, kb))[0]
            found[key] = (score, "copy")
    return found


def _compare(
    first: Message, second: Message, threshold: float, keys: Keys
) -> tuple[float, PairKind] | None:
    """Return the score and kind of two candidate texts, or None if they are not a pair."""
    ka, kb = keys(first.text).keys, keys(second.text).keys
    pairing = matcher(ka, kb)
    share = _quoted(first, second, pairing, keys)
    if share:
        return share, "quotation"
    if pairing.real_quick_ratio() < threshold or pairing.quick_ratio() < threshold:
        return None
    score, matched = _score(ka, kb, pairing)
    if score >= threshold and matched >= MIN_MATCHED_WORDS:
        return score, "same-message"
    return None


class _RareWords:
    """The rare words of the messages searched, each weighted by its inverse document frequency.

    A word's weight is the log of its inverse document frequency; words
    found in one message only cannot be shared, and are left out. Kept as
    sets and squared weights, so that a cosine is a set intersection and a
    sum.
    """

    def __init__(self, pool: Sequence[Message], keys: Keys) -> None:
        words = [keys(m.text).words for m in pool]
        frequency = Counter(chain.from_iterable(words))
        size = len(pool)
        limit = RARE_SHARE * size
        self.squared = {w: math.log(size / n) ** 2 for w, n in frequency.items() if 1 < n <= limit}
        rare = frozenset(self.squared)
        self.sets = [ws & rare for ws in words]
        self.squared_norms = [math.fsum(map(self.squared.__getitem__, ws)) for ws in self.sets]

    def cosine(self, i: int, j: int) -> float:
        """Return the cosine of the rare-word vectors of messages *i* and *j*, in ``[0, 1]``.

        The sums are correctly rounded (:func:`math.fsum`), so the value does
        not depend on the order a set is walked in, and equal vectors give
        exactly 1 (the root of a rounded square is the number squared);
        rounding that carries another quotient past 1 is held to 1.
        """
        shared = self.sets[i] & self.sets[j]
        if not shared:
            return 0.0
        dot = math.fsum(map(self.squared.__getitem__, shared))
        return min(1.0, dot / math.sqrt(self.squared_norms[i] * self.squared_norms[j]))


def _sentence(text: str, start: int, end: int) -> str:
    """Return the sentence of *text* that holds the span from *start* to *end*."""
    begin = max((stop.end() for stop in _SENTENCE_END.finditer(text, 0, start)), default=0)
    after = _SENTENCE_END.search(text, end)
    return text[begin : after.end() if after else len(text)]


def _covering_pairs(
    pool: Sequence[Message], taken: set[tuple[int, int]], rare: _RareWords
) -> dict[tuple[int, int], tuple[float, PairKind]]:
    """Return the pairs of a covering note and the message it sends the reader a copy of.

    A covering note names a message of its own sender's to another leader
    (a :class:`~stalin_telegrams.Reference` of kind ``"own"`` that targets
    it) in a sentence that sends the reader that message or encloses it
    (:data:`_FORWARDS`). The text states the relation, so no score decides
    it and no window of days bounds it; the pair is scored with the
    rare-word cosine of the two, as a same-matter pair is.
    """
    numbered = {m.id: i for i, m in enumerate(pool)}
    found: dict[tuple[int, int], tuple[float, PairKind]] = {}
    for i, message in enumerate(pool):
        for j in (numbered.get(target) for target in sorted(forwarded(message))):
            if j is None or j == i or set(pool[j].recipients) & set(message.recipients):
                continue
            key = (min(i, j), max(i, j))
            if key not in taken:
                found[key] = (rare.cosine(i, j), "covering-note")
    return found


def forwarded(message: Message) -> set[str]:
    """Return the ids of the messages *message* sends the reader a copy of, as a covering note.

    Those its references of kind ``"own"`` target in a sentence that sends
    the reader the message or encloses it (:data:`_FORWARDS`).
    """
    return {
        target
        for reference in message.references
        if reference.kind == "own"
        and _FORWARDS.search(_sentence(message.text, reference.start, reference.end))
        for target in reference.targets
    }


def _refers(message: Message, other: Message) -> bool:
    return any(other.id == reference.target for reference in message.references)


def _counterparts(pool: Sequence[Message]) -> set[tuple[str, tuple[str, ...]]]:
    """Return (id, recipients) for each message that names its counterpart to those recipients.

    A message that refers to a message to another leader written within
    :data:`SAME_MATTER_DAYS` ("I have sent a similar message to the
    President") has named its counterpart to that leader: no other message
    to that leader is paired with it as the same matter.
    """
    by_id = {m.id: m for m in pool}
    named: set[tuple[str, tuple[str, ...]]] = set()
    for message in pool:
        for reference in message.references:
            other = by_id.get(reference.target) if reference.target else None
            if other is not None and _close(message, other):
                named.add((message.id, other.recipients))
    return named


def _close(a: Message, b: Message) -> bool:
    """Tell whether two dated messages to different leaders are within the same-matter window."""
    if a.date is None or b.date is None or set(a.recipients) & set(b.recipients):
        return False
    return abs((a.date - b.date).days) <= SAME_MATTER_DAYS


def _matter_pairs(
    pool: Sequence[Message], taken: set[tuple[int, int]], rare: _RareWords
) -> dict[tuple[int, int], tuple[float, PairKind]]:
    """Return the pairs of one matter told to two leaders in separately worded messages."""
    dated = sorted(
        (i for i, m in enumerate(pool) if m.date is not None),
        key=lambda i: pool[i].date or datetime.date.min,
    )
    named = _counterparts(pool)
    window = datetime.timedelta(days=SAME_MATTER_DAYS)
    found: dict[tuple[int, int], tuple[float, PairKind]] = {}
    for n, i in enumerate(dated):
        first = pool[i]
        # Indices, not a slice: a slice would copy the rest of the list for every message.
        for j in map(dated.__getitem__, range(n + 1, len(dated))):
            second = pool[j]
            if (second.date or datetime.date.max) - (first.date or datetime.date.min) > window:
                break
            key = (min(i, j), max(i, j))
            if key in taken or not _close(first, second):
                continue
            cosine = rare.cosine(i, j)
            if _same_matter(first, second, cosine, named):
                found[key] = (cosine, "same-matter")
    return found


def _same_matter(
    a: Message, b: Message, cosine: float, named: set[tuple[str, tuple[str, ...]]]
) -> bool:
    """Tell whether two close messages to different leaders tell one matter."""
    if a.enclosed_in == b.id or b.enclosed_in == a.id:
        return False
    if _FORMULA.search(a.text) or _FORMULA.search(b.text):
        return False
    if _refers(a, b) or _refers(b, a):
        return cosine >= REFERRED_COSINE
    if (a.id, b.recipients) in named or (b.id, a.recipients) in named:
        return False
    return cosine >= SAME_MATTER_COSINE


def find_pairs(
    messages: Sequence[Message], threshold: float, memo: Memo | None = None
) -> tuple[Pair, ...]:
    """Return the pairs of *messages* a reader would name: one text twice, or one matter.

    The rules are those of :func:`~stalin_telegrams.duplicates`, which
    documents them.

    Args:
        messages: The messages to search.
        threshold: The least similarity of a same-message pair, in ``(0, 1]``.
        memo: Where the corpus of *messages* keeps what is computed of its
            texts; by default, a new one for this call.

    Returns:
        The pairs, each with its message earlier in the volume (lower
        :attr:`~stalin_telegrams.Message.number`) first, in volume order of
        the first message, then of the second.
    """
    keys = (Memo() if memo is None else memo).table(_keys)
    pool = sorted(messages, key=lambda m: m.number)
    found = _text_pairs(pool, threshold, keys)
    rare = _RareWords(pool, keys)
    found.update(_covering_pairs(pool, set(found), rare))
    found.update(_matter_pairs(pool, set(found), rare))
    return tuple(
        Pair(pool[a], pool[b], score, kind) for (a, b), (score, kind) in sorted(found.items())
    )
