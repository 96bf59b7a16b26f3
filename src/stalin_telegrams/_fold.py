"""What a word is compared by: its key, its letters and digits, case-folded.

Apart from :mod:`._words`, which adds the word diff and its records, so that
the search for pairs does not make them.
"""

from __future__ import annotations

import re

# Dashes join words without spaces in the edition ("troops\u2014in"), and
# separate them. (A class first, not a repetition, so that the search skips to
# a character in it.)
_NOT_KEY = re.compile(r"[^\w\s][^\w\s]*")
# The same keys, made faster from the text's UTF-8 bytes: the ASCII characters
# _NOT_KEY deletes are deleted, and capitals made small, in one pass of the
# bytes; most texts are ASCII but for their dashes, and are done. Case-folding
# and _NOT_KEY are left only for each run of other characters.
_ASCII_NOT_KEY = bytes(c for c in range(128) if _NOT_KEY.match(chr(c)))
_ASCII_FOLD = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")
_WIDE = re.compile(r"[^\x00-\x7f][^\x00-\x7f]*")


def fold(text: str) -> str:
    """Return *text* case-folded, dashes as spaces, without what is not part of a word's key."""
    # Dashes become spaces, and deleting what is not part of a key leaves the
    # spaces in place, so a split of the folded text lines up word for word
    # with a split of the text.
    spaced = text.encode("utf-8", "surrogatepass")
    spaced = spaced.replace(b"\xe2\x80\x94", b" ").replace(b"\xe2\x80\x93", b" ")
    ascii_folded = spaced.translate(_ASCII_FOLD, _ASCII_NOT_KEY)
    if ascii_folded.isascii():
        return ascii_folded.decode("ascii")
    return _WIDE.sub(_fold_wide, ascii_folded.decode("utf-8", "surrogatepass"))


def _fold_wide(run: re.Match[str]) -> str:
    """Return a run of characters beyond ASCII case-folded, without what is not part of a key."""
    return _NOT_KEY.sub("", run.group().casefold())
