"""Tests for stalin_telegrams.pipeline._pages: marks, artifacts, broken paragraphs."""

from __future__ import annotations

import pytest

from stalin_telegrams.pipeline import _pages


class TestArtifacts:
    """Page numbers and stray characters are recognised on their own lines."""

    @pytest.mark.parametrize("line", ["72", "213", "9"])
    def test_page_numbers(self, line: str) -> None:
        """A bare number of up to three digits is a page number."""
        assert _pages.PAGE_NUMBER.match(line)

    @pytest.mark.parametrize("line", ["1986", "72 tanks", "2."])
    def test_not_page_numbers(self, line: str) -> None:
        """Years, numbered paragraphs and text with numbers are not."""
        assert not _pages.PAGE_NUMBER.match(line)

    @pytest.mark.parametrize("line", ["o", "c", "*"])
    def test_stray(self, line: str) -> None:
        """A lone lower-case letter or symbol is a stray OCR character."""
        assert _pages.STRAY.match(line)

    @pytest.mark.parametrize("line", ["I", "Sent", "oo"])
    def test_not_stray(self, line: str) -> None:
        """A capital or a longer word is not stray."""
        assert not _pages.STRAY.match(line)


class TestStripMarkup:
    """strip_markup removes markdown and escapes and keeps every word."""

    def test_bold_and_italic(self) -> None:
        """Bold and italic marks go, the words stay."""
        assert "a minimum monthly aid" == _pages.strip_markup("a minimum *monthly* aid")
        assert "TO PRIME MINISTER" == _pages.strip_markup("**TO PRIME MINISTER**")

    def test_escapes(self) -> None:
        """A backslash escape keeps the escaped character."""
        assert "$1,000,000,000" == _pages.strip_markup(r"\$1,000,000,000")


class TestTakeFootnotes:
    """take_footnotes lifts superscripts out of the text with their positions."""

    def test_unicode_superscripts(self) -> None:
        """Superscript digits become an ASCII mark at the end of the word."""
        text, marks = _pages.take_footnotes("your message of May 9.¹⁶ Thanks", 424)
        assert "your message of May 9. Thanks" == text
        assert (_pages.Mark("16", 424, 22),) == marks

    def test_braced_mark(self) -> None:
        """A mark written ^{..} is lifted out too."""
        text, marks = _pages.take_footnotes('"Husky"^{ss} can', 1062)
        assert '"Husky" can' == text
        assert ("ss",) == tuple(m.mark for m in marks)

    def test_plain_text_untouched(self) -> None:
        """A line without marks comes back as it was."""
        assert ("30-40 divisions", ()) == _pages.take_footnotes("30-40 divisions", 1)


class TestJoinParagraphs:
    """join_paragraphs rejoins what page breaks cut, and nothing else."""

    def test_hyphenated_word(self) -> None:
        """A word hyphenated across the break is joined without the hyphen."""
        out, joins = _pages.join_paragraphs(
            [(79, "pilots will suc-"), (81, "ceed in mastering them.")], frozenset(), frozenset()
        )
        assert [(79, "pilots will succeed in mastering them.")] == out
        assert ["hyphen"] == [j.kind for j in joins]

    def test_real_compound_keeps_hyphen(self) -> None:
        """A compound the text writes with a hyphen elsewhere keeps it."""
        out, _ = _pages.join_paragraphs(
            [(1, "the post-"), (3, "war organisation.")], frozenset(), frozenset({"post-war"})
        )
        assert [(1, "the post-war organisation.")] == out

    def test_open_sentence(self) -> None:
        """An open sentence followed by a lower-case start is one paragraph."""
        out, _ = _pages.join_paragraphs(
            [(1, "I can"), (3, "say the same.")], frozenset(), frozenset()
        )
        assert [(1, "I can say the same.")] == out

    def test_closed_paragraphs_stay_apart(self) -> None:
        """A paragraph that ends a sentence is never joined to the next."""
        paragraphs = [(1, "Thank you."), (3, "and more.")]
        out, joins = _pages.join_paragraphs(paragraphs, frozenset({3}), frozenset())
        assert paragraphs == out
        assert [] == joins

    def test_capital_after_open_end_needs_a_page_break(self) -> None:
        """An open end before a capital joins only across a page break."""
        paragraphs = [(1, "between the U.S.S.R. and"), (3, "Great Britain.")]
        assert paragraphs == _pages.join_paragraphs(paragraphs, frozenset(), frozenset())[0]
        joined = _pages.join_paragraphs(paragraphs, frozenset({3}), frozenset())[0]
        assert [(1, "between the U.S.S.R. and Great Britain.")] == joined
