"""Property tests of the pipeline's general rules."""

from __future__ import annotations

from collections import Counter

from hypothesis import given

from stalin_telegrams.pipeline import _pages, _source
from stalin_telegrams.pipeline._tables import Move
from tests import strategies


class TestCleaningProperties:
    """Cleaning never alters plain prose."""

    @given(strategies.plain_text)
    def test_plain_text_untouched(self, text: str) -> None:
        """Text without markup or marks comes through unchanged."""
        assert text == _pages.strip_markup(text)
        assert (text, ()) == _pages.take_footnotes(text, 1)

    @given(strategies.plain_text, strategies.plain_text)
    def test_marks_lifted_at_word_end(self, before: str, after: str) -> None:
        """A superscript mark is lifted out and remembered where it stood."""
        text, marks = _pages.take_footnotes(f"{before}¹² {after}", 7)
        assert f"{before} {after}" == text
        assert (_pages.Mark("12", 7, len(before)),) == marks

    @given(strategies.plain_text, strategies.plain_text)
    def test_closed_sentences_never_joined(self, first: str, second: str) -> None:
        """Two paragraphs ending in a full stop stay two, whatever their length."""
        paragraphs = [(1, first + "."), (3, second + ".")]
        assert paragraphs == _pages.join_paragraphs(paragraphs, frozenset({3}), frozenset())[0]


class TestRepairProperties:
    """Page-order repair is a permutation."""

    @given(strategies.exchanges())
    def test_every_line_once(self, drawn: tuple[int, list[tuple[int, int, int]]]) -> None:
        """Whatever non-overlapping moves are made, every line stays exactly once."""
        size, moves = drawn
        lines = tuple(_source.Line(n, str(n)) for n in range(1, size + 1))
        table = [Move(start, end, after, "", "0", "") for start, end, after in moves]
        repaired = _source.repair_order(lines, table)
        assert Counter(lines) == Counter(repaired)
        for start, end, after in moves:
            order = [line.no for line in repaired]
            at = order.index(start)
            assert list(range(start, end + 1)) == order[at : at + end - start + 1]
            assert after == order[at - 1] or order[at - 1] in {m[1] for m in moves}
