"""The word-by-word diff of two texts, and the records that hold it.

A word is compared by its key (:func:`._fold.fold`): its letters and digits,
case-folded; each run of a diff keeps the words as printed.
:meth:`~stalin_telegrams.Pair.diff` and :func:`~stalin_telegrams.word_diff`
read words through this module; :func:`~stalin_telegrams.duplicates` and
:func:`~stalin_telegrams.similarity` need only the keys, and never load it.
"""

from __future__ import annotations

import re
from typing import Literal

import attrs

from ._fold import fold
from ._recordcheck import checked
from ._suggest import matcher

_SPACE = re.compile(r"\s+")

Op = Literal["equal", "replace", "delete", "insert"]


def printed(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the words of *text* as printed, and their keys, word for word."""
    spaced = text.replace("\u2014", " ").replace("\u2013", " ")
    pairs = [
        (word, key)
        for word, key in zip(_SPACE.split(spaced), _SPACE.split(fold(text)), strict=True)
        if key
    ]
    return tuple(w for w, _ in pairs), tuple(k for _, k in pairs)


@checked
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


@checked
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


def diff(first_id: str, first_text: str, second_id: str, second_text: str) -> WordDiff:
    """Return the word diff from *first_text* to *second_text*, named by the two ids."""
    (words_a, keys_a), (words_b, keys_b) = printed(first_text), printed(second_text)
    chunks = tuple(
        DiffChunk(op, words_a[i1:i2], words_b[j1:j2])
        for op, i1, i2, j1, j2 in matcher(keys_a, keys_b).get_opcodes()
    )
    return WordDiff(first_id, second_id, chunks)
