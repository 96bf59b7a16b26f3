"""Close matches for error messages, and the word matcher, with difflib loaded late.

difflib is imported on first use, so importing the package does not pay for
it: it is needed only to explain a miss, or to compare texts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import difflib


def close_matches(word: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """Return up to *n* of *choices* that look like *word*, best first."""
    import difflib  # noqa: PLC0415 - loaded late, see the module docstring

    return difflib.get_close_matches(word, list(choices), n=n, cutoff=0.6)


def matcher(a: Sequence[str], b: Sequence[str]) -> difflib.SequenceMatcher[str]:
    """Return a matcher of two word sequences, with no automatic junk."""
    import difflib  # noqa: PLC0415 - loaded late, see the module docstring

    return difflib.SequenceMatcher(None, a, b, autojunk=False)
