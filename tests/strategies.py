"""Hypothesis strategies shared by the tests."""

from __future__ import annotations

from hypothesis import strategies as st

from stalin_telegrams import load

#: Plain words, as the edition's prose is made of.
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ", min_size=1, max_size=10)
#: A sentence of plain words, with no markup, marks or escapes.
plain_text = st.lists(words, min_size=1, max_size=12).map(" ".join)


@st.composite
def exchanges(draw: st.DrawFn, size: int = 40) -> tuple[int, list[tuple[int, int, int]]]:
    """Draw a file length and non-overlapping moves ``(start, end, after)`` in it."""
    cuts = sorted(draw(st.sets(st.integers(2, size - 1), min_size=2, max_size=8)))
    blocks = [(cuts[i], cuts[i + 1] - 1) for i in range(0, len(cuts) - 1, 2)]
    moved = {n for start, end in blocks for n in range(start, end + 1)}
    stay = [n for n in range(1, size + 1) if n not in moved]
    moves = [(start, end, draw(st.sampled_from(stay))) for start, end in blocks]
    return size, moves


#: Criteria of filter_by() that name values present in the corpus.
recipients = st.sampled_from(sorted({r for m in load() for r in m.recipients}))
years = st.sampled_from(sorted({m.year for m in load() if m.year is not None}))
months = st.integers(1, 12)
