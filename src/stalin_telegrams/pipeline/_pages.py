"""Page artifacts: page numbers, stray characters, marks, broken paragraphs."""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

PAGE_NUMBER = re.compile(r"^\d{1,3}$")
#: A lone character (or two) left by OCR on a line of its own.
STRAY = re.compile(r"^(?:[a-z]|[^\w\s])$")
_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_ASCII = str.maketrans(_SUPERSCRIPT_DIGITS, "0123456789")
#: Footnote marks: Unicode superscript digits, ``^{..}``, or a lone asterisk.
FOOTNOTE = re.compile(rf"[{_SUPERSCRIPT_DIGITS}]+|\^\{{([^}}]*)\}}|(?<=\S) \*(?= )")
_BOLD = re.compile(r"\*\*")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_ESCAPE = re.compile(r"\\([$*_#\[\]\\`])")
_TERMINAL = tuple(".!?:;\"')\u201d\u2019")


def strip_markup(text: str) -> str:
    """Remove markdown emphasis and backslash escapes, keeping the words."""
    text = _BOLD.sub("", text)
    text = _EMPHASIS.sub(r"\1", text)
    return _ESCAPE.sub(r"\1", text)


@attrs.frozen
class Mark:
    """A footnote mark found in a line, before it is placed in the text."""

    mark: str
    line: int
    position: int


def take_footnotes(text: str, line: int) -> tuple[str, tuple[Mark, ...]]:
    """Remove footnote marks from *text*; return it and the marks with positions."""
    marks: list[Mark] = []
    out: list[str] = []
    last = 0
    length = 0
    for match in FOOTNOTE.finditer(text):
        out.append(text[last : match.start()])
        length += match.start() - last
        raw = match.group(1) if match.group(1) is not None else match.group(0).strip()
        marks.append(Mark(raw.translate(_TO_ASCII), line, length))
        last = match.end()
    out.append(text[last:])
    return "".join(out), tuple(marks)


@attrs.frozen
class Join:
    """A decision to join two paragraphs cut by a page break."""

    line: int
    kind: str  # "hyphen" (word rejoined) or "paragraph" (sentence rejoined)
    before: str
    after: str


#: A paragraph this long that ends open is a sentence cut by a page break,
#: even before a capital; shorter open lines ("Washington") stand alone.
LONG_PARAGRAPH = 40
_MARKS = re.compile("[\ue000-\uf8ff]+$")


def ends_open(text: str) -> bool:
    """Tell whether a paragraph stops where no paragraph can end."""
    return not _MARKS.sub("", text.rstrip()).endswith(_TERMINAL)


def join_paragraphs(
    paragraphs: Sequence[tuple[int, str]],
    page_breaks: frozenset[int],
    hyphenated: frozenset[str],
) -> tuple[list[tuple[int, str]], list[Join]]:
    """Rejoin paragraphs that a page break cut.

    *paragraphs* are ``(first raw line, text)``; a paragraph is joined to the
    one before when the one before ends open and this one starts with a
    lower-case letter, or a page break stands between them, or the one
    before is longer than :data:`LONG_PARAGRAPH` characters. A trailing
    hyphen is dropped unless the hyphenated form is one the text uses
    elsewhere (*hyphenated*).
    """
    out: list[tuple[int, str]] = []
    joins: list[Join] = []
    for no, text in paragraphs:
        if out:
            prev_no, prev = out[-1]
            starts_lower = text[:1].islower()
            broken = no in page_breaks
            hyphen = prev.endswith("-") and prev[-2:-1].isalpha()
            if hyphen and (starts_lower or broken):
                head = prev.rsplit(" ", 1)[-1]
                tail = text.split(" ", 1)[0]
                word = (head + tail).strip(".,;:")
                keep = word.lower() in hyphenated
                joined = prev + text if keep else prev[:-1] + text
                out[-1] = (prev_no, joined)
                joins.append(Join(no, "hyphen", head, tail))
                continue
            if ends_open(prev) and (starts_lower or broken or len(prev) > LONG_PARAGRAPH):
                out[-1] = (prev_no, prev + " " + text)
                joins.append(Join(no, "paragraph", prev[-30:], text[:30]))
                continue
        out.append((no, text))
    return out, joins
