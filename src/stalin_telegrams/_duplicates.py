"""The engine of duplicates(): pairs of messages whose texts are identical or nearly so.

It computes only, on the messages it is given; :class:`~stalin_telegrams.Corpus`
keeps the pairs it found. Also the word diff and the similarity of any two
messages.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from itertools import chain, combinations
from typing import TYPE_CHECKING, Literal

import attrs

from . import _checks
from ._model import Message
from ._suggest import matcher

if TYPE_CHECKING:
    import difflib

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

# What a word is compared by: its letters and digits, case-folded. Dashes
# join words without spaces in the edition ("troops—in"), and separate them.
_NOT_KEY = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")

Shingle = int
Op = Literal["equal", "replace", "delete", "insert"]


@attrs.frozen
class DiffChunk:
    """One run of a word diff: words kept, or words changed between two texts.

    Attributes:
        op: ``"equal"``, ``"replace"``, ``"delete"`` (words only in the first
            text) or ``"insert"`` (words only in the second).
        first: The words of the run as the first message has them.
        second: The words of the run as the second message has them.

    .. versionadded:: 0.1.0
    """

    op: Op
    first: tuple[str, ...]
    second: tuple[str, ...]


@attrs.frozen
class WordDiff:
    """A word-by-word diff between the texts of a :class:`Pair`.

    ``str()`` gives it in the ``wdiff`` style: a header naming the two
    messages, then the text with ``[-words only in the first-]`` and
    ``{+words only in the second+}``.

    Attributes:
        first: The id of the first message.
        second: The id of the second message.
        chunks: The runs of the diff, in text order.

    .. versionadded:: 0.1.0
    """

    first: str
    second: str
    chunks: tuple[DiffChunk, ...]

    @property
    def changes(self) -> tuple[DiffChunk, ...]:
        """The runs that differ, without the words the texts share."""
        return tuple(chunk for chunk in self.chunks if chunk.op != "equal")

    def __str__(self) -> str:
        parts: list[str] = []
        for chunk in self.chunks:
            if chunk.op == "equal":
                parts.append(" ".join(chunk.first))
                continue
            if chunk.first:
                parts.append("[-" + " ".join(chunk.first) + "-]")
            if chunk.second:
                parts.append("{+" + " ".join(chunk.second) + "+}")
        return f"--- {self.first}\n+++ {self.second}\n" + " ".join(parts)


@attrs.frozen
class Pair:
    """Two messages whose texts are identical or nearly so.

    Attributes:
        first: The message that comes first in the volume.
        second: The message that comes later in the volume.
        similarity: How much of the two word sequences matches, from 0 to 1
            (see :func:`duplicates`).
        kind: ``"identical"`` when the texts are equal character for
            character, else ``"near"``.

    .. versionadded:: 0.1.0
    """

    first: Message
    second: Message
    similarity: float
    kind: Literal["identical", "near"]

    def diff(self) -> WordDiff:
        """Return the word-by-word diff from the first text to the second.

        Words are compared as :func:`duplicates` compares them, ignoring
        case and punctuation; each chunk shows the words as printed.

        Returns:
            The diff; ``str()`` of it is readable, ``.changes`` lists what
            differs between the two recipients' versions.

        >>> from stalin_telegrams import load
        >>> corpus = load()
        >>> pair = Pair(corpus["1945-05-07-churchill"], corpus["1945-05-07-truman"], 0.96, "near")
        >>> change = pair.diff().changes[0]
        >>> change.first, change.second
        (('have', 'received'), ('am', 'in', 'receipt', 'of'))

        .. versionadded:: 0.1.0
        """
        return word_diff(self.first, self.second)


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
    (words_a, keys_a), (words_b, keys_b) = _printed(first.text), _printed(second.text)
    chunks = tuple(
        DiffChunk(op, words_a[i1:i2], words_b[j1:j2])
        for op, i1, i2, j1, j2 in matcher(keys_a, keys_b).get_opcodes()
    )
    return WordDiff(first.id, second.id, chunks)


@attrs.frozen
class _Keys:
    """The keys a text's words are compared by, and its shingles."""

    keys: tuple[str, ...]
    shingles: frozenset[Shingle]


def _fold(text: str) -> str:
    # Dashes become spaces, and deleting what is not part of a key leaves the
    # spaces in place, so a split of the folded text lines up word for word
    # with a split of the text.
    spaced = text.replace("\u2014", " ").replace("\u2013", " ")
    return _NOT_KEY.sub("", spaced.casefold())


@functools.lru_cache(maxsize=4096)
def _keys(text: str) -> _Keys:
    keys = tuple(_fold(text).split())
    # A shingle is kept as the hash of its three keys: ints are cheap to count
    # and intersect, and a collision could only add a candidate, which the
    # word-by-word comparison then rejects.
    if len(keys) < _SHINGLE_WORDS:
        shingles = frozenset([hash(keys)]) if keys else frozenset()
    else:
        shingles = frozenset(map(hash, zip(keys, keys[1:], keys[2:], strict=False)))
    return _Keys(keys, shingles)


def _printed(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the words of *text* as printed, and their keys, word for word."""
    spaced = text.replace("\u2014", " ").replace("\u2013", " ")
    pairs = [
        (word, key)
        for word, key in zip(_SPACE.split(spaced), _SPACE.split(_fold(text)), strict=True)
        if key
    ]
    return tuple(w for w, _ in pairs), tuple(k for _, k in pairs)


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


def candidates(messages: Sequence[Message]) -> list[tuple[int, int]]:
    """Return the index pairs worth comparing word by word, in order.

    Two messages are candidates when they share at least
    :data:`CANDIDATE_SHARE` of the smaller one's uncommon 3-word shingles
    (those in at most :data:`COMMON_SHINGLE` messages), and at least one.
    The counts come from an inverted index, never from comparing all pairs.
    """
    sets = [_keys(m.text).shingles for m in messages]
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
    shared: Counter[tuple[int, int]] = Counter()
    for postings in index.values():
        shared.update(combinations(postings, 2))
    uncommon = [len(shingles) - len(shingles & common) for shingles in sets]
    return sorted(
        (a, b)
        for (a, b), count in shared.items()
        if count >= CANDIDATE_SHARE * min(uncommon[a], uncommon[b])
    )


def find_pairs(messages: Sequence[Message], threshold: float) -> tuple[Pair, ...]:
    """Return the pairs of *messages* whose texts are identical or nearly so.

    The rules are those of :func:`~stalin_telegrams.duplicates`, which
    documents them.

    Args:
        messages: The messages to search.
        threshold: The least similarity of a near pair, in ``(0, 1]``.

    Returns:
        The pairs, each with its message earlier in the volume (lower
        :attr:`~stalin_telegrams.Message.number`) first, in volume order of
        the first message, then of the second.
    """
    pool = sorted(messages, key=lambda m: m.number)
    found: set[tuple[int, int]] = set()
    by_text: dict[str, list[int]] = {}
    for position, message in enumerate(pool):
        by_text.setdefault(message.text, []).append(position)
    for group in by_text.values():
        found.update(combinations(group, 2))
    scores = dict.fromkeys(found, 1.0)
    for a, b in candidates(pool):
        if (a, b) in found:
            continue
        ka, kb = _keys(pool[a].text).keys, _keys(pool[b].text).keys
        pairing = matcher(ka, kb)
        if pairing.real_quick_ratio() < threshold or pairing.quick_ratio() < threshold:
            continue
        score, matched = _score(ka, kb, pairing)
        if score >= threshold and matched >= MIN_MATCHED_WORDS:
            scores[a, b] = score
    return tuple(
        Pair(pool[a], pool[b], score, "identical" if (a, b) in found else "near")
        for (a, b), score in sorted(scores.items())
    )
