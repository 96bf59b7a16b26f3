"""The raw source file, its lines, and the page-order repair."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import attrs

from ._tables import Move

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PACKAGE_DIR / "data"
SOURCE_FILE = DATA_DIR / "source" / "war-telegrams-vol17.txt"
SOURCE_SHA256 = "7dfecea6d4926a6efe4ae898f7e08600e8779c5e1e8225093cef9de9ebe45cca"


@attrs.frozen
class Line:
    """One raw line: its 1-based number in the raw file and its text."""

    no: int
    text: str


def read_source(path: Path = SOURCE_FILE) -> tuple[Line, ...]:
    """Read the raw file, refusing any copy whose hash is not the pinned one."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != SOURCE_SHA256:
        msg = f"{path}: sha256 {digest}, expected {SOURCE_SHA256}"
        raise ValueError(msg)
    text = data.decode("utf-8")
    return tuple(Line(i, t) for i, t in enumerate(text.split("\n"), start=1))


def repair_order(lines: Sequence[Line], moves: Sequence[Move]) -> tuple[Line, ...]:
    """Put moved blocks of lines back where they belong.

    Each move takes raw lines ``start``-``end`` out and puts them right after
    raw line ``after``. Moves may not overlap and every line stays exactly once.
    """
    by_no = {line.no: line for line in lines}
    moved: set[int] = set()
    for move in moves:
        block = set(range(move.start, move.end + 1))
        if not block <= by_no.keys() or move.after not in by_no:
            msg = f"move {move}: lines outside the source"
            raise ValueError(msg)
        if block & moved or move.after in block:
            msg = f"move {move}: overlaps another move"
            raise ValueError(msg)
        moved |= block
    order = [line.no for line in lines if line.no not in moved]
    for move in moves:
        at = order.index(move.after) + 1
        order[at:at] = range(move.start, move.end + 1)
    if sorted(order) != sorted(by_no):
        msg = "page-order repair lost or duplicated lines"
        raise AssertionError(msg)
    return tuple(by_no[no] for no in order)
