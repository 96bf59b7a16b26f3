"""The engine of thread_of(): each message's exchange, by references, pairs, enclosures and copies.

It computes only: given the messages and the pairs of duplicates among them,
it returns every message's thread as ids. :class:`~stalin_telegrams.Corpus`
keeps the result, and looks threads up in it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from ._model import Message


class _Union:
    """Disjoint sets of positions (union-find), for connected components."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.parent[self.root(i)] = self.root(j)


def _order(message: Message) -> tuple[bool, datetime.date, int]:
    date = message.date
    return (date is None, date or datetime.date.min, message.number)


def links(message: Message) -> set[str]:
    """Return the ids a message links to by itself: references, enclosure and copy.

    A reference links to its target; one that names no single message ("my
    previous messages") has none, and links nothing.
    """
    out = {reference.target for reference in message.references if reference.target is not None}
    if message.enclosed_in is not None:
        out.add(message.enclosed_in)
    if message.copy_of is not None:
        out.add(message.copy_of)
    return out


def thread_index(
    messages: Sequence[Message], duplicates: Iterable[tuple[str, str]]
) -> dict[str, tuple[str, ...]]:
    """Map the id of each message to the ids of its thread, in thread order.

    Args:
        messages: The messages searched, with unique ids.
        duplicates: The pairs of ids that :func:`~stalin_telegrams.duplicates`
            found among them.

    Returns:
        For each id, the ids of every message reached from it through
        references, enclosures and copies to messages searched and through
        pairs, itself included, in date order (undated last, ties by
        number).
    """
    position = {m.id: i for i, m in enumerate(messages)}
    sets = _Union(len(messages))
    for i, message in enumerate(messages):
        for target in links(message):
            if target in position:
                sets.join(i, position[target])
    for first, second in duplicates:
        sets.join(position[first], position[second])
    groups: dict[int, list[Message]] = {}
    for i, message in enumerate(messages):
        groups.setdefault(sets.root(i), []).append(message)
    index: dict[str, tuple[str, ...]] = {}
    for members in groups.values():
        thread = tuple(m.id for m in sorted(members, key=_order))
        for message in members:
            index[message.id] = thread
    return index
