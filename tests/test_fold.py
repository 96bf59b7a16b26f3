"""fold(): the key a word is compared by, as the one pattern states it."""

from __future__ import annotations

import re
import sys

from hypothesis import given
from hypothesis import strategies as st

from stalin_telegrams import load
from stalin_telegrams._fold import fold


def stated(text: str) -> str:
    """Return the keys of *text* as their definition states them, by one pattern."""
    spaced = text.replace("\u2014", " ").replace("\u2013", " ")
    return re.sub(r"[^\w\s]+", "", spaced.casefold())


class TestFold:
    """fold() gives what the definition of a key gives, faster."""

    def test_corpus(self) -> None:
        """Every text of the corpus folds as the definition says."""
        for message in load():
            assert stated(message.text) == fold(message.text)

    def test_every_character(self) -> None:
        """Every character folds as the definition says, ASCII and beyond, surrogates too."""
        everything = "".join(map(chr, range(sys.maxunicode + 1)))
        assert stated(everything) == fold(everything)
        ascii_only = "".join(map(chr, range(128)))
        assert stated(ascii_only) == fold(ascii_only)

    def test_examples(self) -> None:
        """Dashes part words; marks go; letters beyond ASCII are case-folded; a surrogate goes."""
        assert "troops in the east" == fold("Troops\u2014in the EAST.")
        assert "ma\u00efsky strasse and trieste" == fold(
            "Ma\u00efsky, Stra\u00dfe and \u00abTrieste\u00bb!"
        )
        assert "dont   go" == fold("Don\u2019t \u2013 go")
        assert "ab" == fold("a\ud800b")

    @given(st.text())
    def test_any_text(self, text: str) -> None:
        """Any text folds as the definition says."""
        assert stated(text) == fold(text)

    @given(
        st.text(alphabet=st.characters(max_codepoint=0x3FF) | st.sampled_from("\u2014\u2013\ud800"))
    )
    def test_mixed_text(self, text: str) -> None:
        """Text of ASCII and Latin letters, marks, dashes and a lone surrogate folds as stated."""
        assert stated(text) == fold(text)
