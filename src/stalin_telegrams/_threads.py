"""The engine of thread_of(): each message's exchange, followed through the conversation graph.

It computes only: given the messages, the pairs among them and the incoming
messages the volume names, it returns every thread as ids.
:class:`~stalin_telegrams.Corpus` keeps the result, and looks threads up in it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from ._model import IncomingMessage, Message


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


def order(record: Message | IncomingMessage) -> tuple[bool, datetime.date, int, int, str]:
    """Return where a record stands in a thread.

    By date, undated last; on one day an incoming message before the printed
    ones (it was received, then answered), printed messages by volume number.
    """
    date = record.date
    number = record.number if isinstance(record, Message) else 0
    return (date is None, date or datetime.date.min, isinstance(record, Message), number, record.id)


def links(message: Message) -> set[str]:
    """Return the ids a message links to by itself: references, replies, enclosure and copy.

    A reference links to each of its targets: a phrase that names no single
    message ("my previous messages") has none, and links nothing.
    """
    out = {target for reference in message.references for target in reference.targets}
    out.update(message.in_reply_to)
    if message.enclosed_in is not None:
        out.add(message.enclosed_in)
    if message.copy_of is not None:
        out.add(message.copy_of)
    return out


def thread_index(
    messages: Sequence[Message],
    pairs: Iterable[tuple[str, str]],
    incoming: Sequence[IncomingMessage] = (),
) -> dict[str, tuple[str, ...]]:
    """Map the id of each message and incoming message to the ids of its thread, in order.

    Printed messages are linked by their references, replies, enclosures and
    copies to printed messages searched, and by *pairs*. An incoming message
    joins the thread of the messages searched that answer it
    (:attr:`Message.in_reply_to`), which it links together; one that none
    of them answers joins the thread of the first message (in volume order)
    that names it, and links nothing else. A message that only names an
    incoming message answered elsewhere is not linked through it.

    Args:
        messages: The messages searched, with unique ids.
        pairs: The pairs of ids that :func:`~stalin_telegrams.duplicates`
            found among them.
        incoming: The incoming messages the volume names.

    Returns:
        For each id, printed or incoming, the ids of its thread, itself
        included, in :func:`order`.
    """
    records: list[Message | IncomingMessage] = [*messages, *incoming]
    position = {record.id: i for i, record in enumerate(records)}
    printed = len(messages)
    sets = _Union(len(records))
    answers: dict[int, list[int]] = {}
    mentions: dict[int, list[int]] = {}
    for i, message in enumerate(messages):
        replies = set(message.in_reply_to)
        for target in links(message):
            j = position.get(target)
            if j is None:
                continue
            if j < printed:
                sets.join(i, j)
            else:
                (answers if target in replies else mentions).setdefault(j, []).append(i)
    for first, second in pairs:
        sets.join(position[first], position[second])
    for j in range(printed, len(records)):
        if j in answers:
            for i in answers[j]:
                sets.join(i, j)
        elif j in mentions:
            sets.join(min(mentions[j], key=lambda i: messages[i].number), j)
    groups: dict[int, list[Message | IncomingMessage]] = {}
    for i, record in enumerate(records):
        groups.setdefault(sets.root(i), []).append(record)
    index: dict[str, tuple[str, ...]] = {}
    for members in groups.values():
        thread = tuple(r.id for r in sorted(members, key=order))
        for record in members:
            index[record.id] = thread
    return index
