"""The engine of duplicates(): pairs of messages a reader would name as one text, or one matter.

It computes only, on the messages it is given; :class:`~stalin_telegrams.Corpus`
keeps the pairs it found. Also the word diff and the similarity of any two
messages.
"""

from __future__ import annotations

import datetime
import math
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import chain, combinations
from typing import TYPE_CHECKING

from . import _checks
from ._fold import fold
from ._memo import Memo
from ._model import Message
from ._records import Pair, PairKind

if TYPE_CHECKING:
    from ._words import DiffChunk, WordDiff

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


class _Keys:
    """The keys a text's words are compared by, its distinct words, and its shingles.

    A plain class, not a record: it is made once per text, inside the search,
    and the first search of a process makes the class too.
    """

    __slots__ = ("keys", "shingles", "words")

    def __init__(
        self, keys: tuple[str, ...], words: frozenset[str], shingles: frozenset[Shingle]
    ) -> None:
        self.keys = keys
        self.words = words
        self.shingles = shingles


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
    return _Pairing(_keys(first.text), _keys(second.text)).score()[0]


def _ratio(matched: int, total: int) -> float:
    """Return ``2 * M / T`` for *matched* words of *total* in two sequences (1.0 for none).

    The one statement of the formula, for the similarity and for its
    bounds, as difflib's ratios state it.
    """
    return 2.0 * matched / total if total else 1.0


def _same_length(a: str, i: int, b: str, j: int, most: int) -> int:
    """Return how many characters of *a* from *i* equal those of *b* from *j*, at most *most*."""
    if most <= 0 or a[i] != b[j]:
        return 0
    # Slices compared in doubling lengths, then halving: a run of n costs
    # about 2 log n comparisons, each done in C.
    low, high = 1, 2
    while high <= most and a[i : i + high] == b[j : j + high]:
        low, high = high, high * 2
    high = min(high, most + 1)
    while high - low > 1:
        middle = (low + high) // 2
        if a[i : i + middle] == b[j : j + middle]:
            low = middle
        else:
            high = middle
    return low


def _longest_run(a: str, b: str, span: tuple[int, int, int, int]) -> tuple[int, int, int]:
    """Return (i, j, size) of the longest common run of ``a[alo:ahi]`` and ``b[blo:bhi]``.

    Of runs as long, the first in *a*, then in *b*; ``(alo, blo, 0)`` if
    there is none: ``SequenceMatcher.find_longest_match`` without junk.
    Each start in *a* is tried for a run one longer than the best so far,
    by :meth:`str.find`; a run found is grown in place, then looked for one
    longer further on in *b*.
    """
    alo, ahi, blo, bhi = span
    find = b.find
    best_i, best_j, best = alo, blo, 0
    i = checked = alo
    while i + best < ahi and best < bhi - blo:
        step = (best + 1) // 2
        if step > 1 and i >= checked:
            # A run longer than the best from any of the next *step* starts
            # holds their common middle: if b lacks it, skip them all.
            if find(a[i + step - 1 : i + best + 1], blo, bhi) < 0:
                i += step
                continue
            checked = i + step
        j = find(a[i : i + best + 1], blo, bhi)
        if j < 0:
            i += 1
            continue
        # j is the first place in b of a run from i longer than the best: a
        # longer one from i holds it, so it lies further on.
        size = best + 1
        while True:
            size += _same_length(a, i + size, b, j + size, min(ahi - i, bhi - j) - size)
            if i + size >= ahi:
                break
            further = find(a[i : i + size + 1], j + 1, bhi)
            if further < 0:
                break
            j, size = further, size + 1
        best_i, best_j, best = i, j, size
        i += 1
    return best_i, best_j, best


#: The most distinct words two texts may have to be coded as characters by
#: :func:`_blocks`, one character each.
_CODES = sys.maxunicode + 1


def _blocks(first: _Keys, second: _Keys) -> list[tuple[int, int, int]]:
    """Return the matching runs of the keys of two texts, as (i, j, size), in order.

    Those of ``difflib.SequenceMatcher(None, first.keys, second.keys,
    autojunk=False).get_matching_blocks()`` but the last, empty one: the
    longest common run (:func:`_longest_run`), then the same on each side
    of it, and so on. Each distinct word is coded as one character, so that
    runs are found by string search, in C, rather than word by word. (No
    two runs touch, each being the longest where it was found: there are
    none to join.)
    """
    words = first.words | second.words
    if len(words) > _CODES:  # more words than characters: difflib's own way
        from ._suggest import matcher  # noqa: PLC0415 - loaded late, as there

        return [
            (i, j, size) for i, j, size in matcher(first.keys, second.keys).get_matching_blocks()
        ][:-1]
    code = dict(zip(words, map(chr, range(len(words))), strict=True))
    a = "".join(map(code.__getitem__, first.keys))
    b = "".join(map(code.__getitem__, second.keys))
    spans = [(0, len(a), 0, len(b))]
    blocks: list[tuple[int, int, int]] = []
    while spans:
        alo, ahi, blo, bhi = span = spans.pop()
        i, j, size = block = _longest_run(a, b, span)
        if size:
            blocks.append(block)
            if alo < i and blo < j:
                spans.append((alo, i, blo, j))
            if i + size < ahi and j + size < bhi:
                spans.append((i + size, ahi, j + size, bhi))
    blocks.sort()
    return blocks


class _Pairing:
    """Two texts compared word by word, each measure computed when first asked for.

    The bounds and runs of ``difflib.SequenceMatcher`` over their keys,
    without junk: a bound that fails spares the runs.
    """

    __slots__ = ("_common", "_runs", "first", "second", "total")

    def __init__(self, first: _Keys, second: _Keys) -> None:
        self.first = first
        self.second = second
        self.total = len(first.keys) + len(second.keys)
        self._common: int | None = None
        self._runs: list[int] | None = None

    def real_quick_ratio(self) -> float:
        """Return the bound of the similarity from the lengths alone."""
        return _ratio(min(len(self.first.keys), len(self.second.keys)), self.total)

    def quick_ratio(self) -> float:
        """Return the bound of the similarity from the words in common, repeats counted."""
        if self._common is None:
            shared = self.first.words & self.second.words
            a, b = Counter(self.first.keys), Counter(self.second.keys)
            self._common = sum(map(min, map(a.__getitem__, shared), map(b.__getitem__, shared)))
        return _ratio(self._common, self.total)

    def runs(self) -> list[int]:
        """Return the sizes of the matching runs (see :func:`_blocks`)."""
        if self._runs is None:
            self._runs = [size for _, _, size in _blocks(self.first, self.second)]
        return self._runs

    def score(self) -> tuple[float, int]:
        """Return the similarity, and the words in matching runs."""
        matched = sum(self.runs())
        return _ratio(matched, self.total), matched


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
    # The least count of each message's pairs: the share of the smaller of
    # two is the smaller of their shares.
    need = [CANDIDATE_SHARE * (len(shingles) - len(shingles & common)) for shingles in sets]
    # Only shingles in two to COMMON_SHINGLE messages can make a candidate,
    # so only they are indexed, each with the messages read so far that hold
    # it: each message counts the shingles it shares with each earlier one.
    holders: dict[Shingle, list[int]] = {shingle: [] for shingle in repeated}
    found: list[tuple[int, int]] = []
    for b, shingles in enumerate(sets):
        lists = list(map(holders.__getitem__, shingles & repeated))
        least = need[b]
        shared = Counter(chain.from_iterable(lists))
        found.extend((a, b) for a, count in shared.items() if count >= least or count >= need[a])
        for positions in lists:
            positions.append(b)
    found.sort()
    return found


def _quoted(first: Message, second: Message, pairing: _Pairing) -> float:
    """Return the share of the shorter text quoted in the longer, or 0.0 if it is not quoted whole.

    The shorter must be contained whole (see :data:`QUOTED_SHARE`), and the
    longer must print it as a quotation: paragraphs that open with a
    quotation mark hold at least as many words as the shorter text has.
    """
    a, b = len(pairing.first.keys), len(pairing.second.keys)
    short, long_text = (b, first.text) if a > b else (a, second.text)
    if not short or short > QUOTED_LENGTH * max(a, b):
        return 0.0
    quoted = _quoted_words(long_text)
    if quoted < short or pairing.quick_ratio() * (a + b) < 2 * QUOTED_SHARE * short:
        return 0.0
    runs = sum(size for size in pairing.runs() if size >= QUOTED_RUN)
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
                score = _Pairing(keys(pool[key[0]].text), keys(pool[key[1]].text)).score()[0]
            found[key] = (score, "copy")
    return found


def _compare(
    first: Message, second: Message, threshold: float, keys: Keys
) -> tuple[float, PairKind] | None:
    """Return the score and kind of two candidate texts, or None if they are not a pair."""
    pairing = _Pairing(keys(first.text), keys(second.text))
    share = _quoted(first, second, pairing)
    if share:
        return share, "quotation"
    if pairing.real_quick_ratio() < threshold or pairing.quick_ratio() < threshold:
        return None
    score, matched = pairing.score()
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
        # One weight for each count a word may have.
        weights = {n: math.log(size / n) ** 2 for n in range(2, math.floor(limit) + 1)}
        self.squared = {w: weights[n] for w, n in frequency.items() if 1 < n <= limit}
        rare = frozenset(self.squared)
        self.sets = [ws & rare for ws in words]
        # Each message's squared norm, summed when a cosine first needs it.
        self._norms: list[float | None] = [None] * size

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
        return min(1.0, dot / math.sqrt(self._squared_norm(i) * self._squared_norm(j)))

    def _squared_norm(self, i: int) -> float:
        norm = self._norms[i]
        if norm is None:
            norm = self._norms[i] = math.fsum(map(self.squared.__getitem__, self.sets[i]))
        return norm


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
    pool: Sequence[Message],
    taken: set[tuple[int, int]],
    rare: _RareWords,
    courtesy: Callable[[str], bool],
) -> dict[tuple[int, int], tuple[float, PairKind]]:
    """Return the pairs of one matter told to two leaders in separately worded messages."""
    dates = [m.date for m in pool]
    dated = [(date, i) for i, date in enumerate(dates) if date is not None]
    dated.sort()
    named = _counterparts(pool)
    window = datetime.timedelta(days=SAME_MATTER_DAYS)
    found: dict[tuple[int, int], tuple[float, PairKind]] = {}
    for n, (day, i) in enumerate(dated):
        first = pool[i]
        # Indices, not a slice: a slice would copy the rest of the list for every message.
        for later, j in map(dated.__getitem__, range(n + 1, len(dated))):
            if later - day > window:
                break
            second = pool[j]
            key = (min(i, j), max(i, j))
            if key in taken or not _close(first, second):
                continue
            least = _least_cosine(first, second, named, courtesy)
            if least is not None:
                cosine = rare.cosine(i, j)
                if cosine >= least:
                    found[key] = (cosine, "same-matter")
    return found


def _least_cosine(
    a: Message,
    b: Message,
    named: set[tuple[str, tuple[str, ...]]],
    courtesy: Callable[[str], bool],
) -> float | None:
    """Return the least cosine at which two close messages to different leaders tell one matter.

    None if they cannot, whatever their words.
    """
    if a.enclosed_in == b.id or b.enclosed_in == a.id:
        return None
    if courtesy(a.text) or courtesy(b.text):
        return None
    if _refers(a, b) or _refers(b, a):
        return REFERRED_COSINE
    if (a.id, b.recipients) in named or (b.id, a.recipients) in named:
        return None
    return SAME_MATTER_COSINE


def _courtesy(text: str) -> bool:
    """Tell whether *text* is a message of courtesy (:data:`_FORMULA`)."""
    return _FORMULA.search(text) is not None


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
    memo = Memo() if memo is None else memo
    keys = memo.table(_keys)
    pool = sorted(messages, key=lambda m: m.number)
    found = _text_pairs(pool, threshold, keys)
    rare = _RareWords(pool, keys)
    found.update(_covering_pairs(pool, set(found), rare))
    found.update(_matter_pairs(pool, set(found), rare, memo.table(_courtesy)))
    return tuple(
        Pair(pool[a], pool[b], score, kind) for (a, b), (score, kind) in sorted(found.items())
    )
