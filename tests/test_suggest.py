"""Tests for stalin_telegrams._suggest."""

from __future__ import annotations

import subprocess
import sys

from stalin_telegrams._suggest import close_matches, matcher


class TestCloseMatches:
    """close_matches() proposes look-alikes for a mistyped word."""

    def test_typo(self) -> None:
        """A one-letter slip finds the intended word first."""
        assert ["Churchill"] == close_matches("Churchil", ["Roosevelt", "Churchill", "Truman"])

    def test_nothing_alike(self) -> None:
        """A word like none of the choices gets no suggestion."""
        assert [] == close_matches("zzz", ["Roosevelt", "Churchill"])


class TestMatcher:
    """matcher() compares word sequences without junk heuristics."""

    def test_ratio(self) -> None:
        """Half the words in common give a ratio of one half."""
        assert 0.5 == matcher(["a", "b"], ["a", "c"]).ratio()

    def test_difflib_loaded_late(self) -> None:
        """Importing the package does not import difflib."""
        code = "import sys, stalin_telegrams; print('difflib' in sys.modules)"
        run = [sys.executable, "-c", code]
        out = subprocess.run(run, capture_output=True, text=True, check=True)
        assert "False" == out.stdout.strip()
