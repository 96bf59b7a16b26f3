"""The engine of thread_of(): each message's exchange, followed through the conversation graph.

It computes only: given the messages, the pairs among them and the incoming
messages the volume names, it returns every thread as ids.
:class:`~stalin_telegrams.Corpus` keeps the result, and looks threads up in it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from ._model import Message
from ._records import IncomingMessage

#: How far (in days, either way) a message that names an incoming message
#: may stand from one that answers it and still join its thread: the reply
#: and the message of the same exchange that argues with or awaits the same
#: message were written within days; a recall months later is another
#: exchange.
NEAR = datetime.timedelta(days=7)


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


def order(record: Message | IncomingMessage) -> tuple[bool, datetime.date, bool, int, str]:
    """Return where a record stands in a thread.

    By date, undated last; on one day an incoming message before the printed
    ones (it was received, then answered), printed messages by volume number.
    """
    date = record.date
    number = record.number if isinstance(record, Message) else 0
    return (date is None, date or datetime.date.min, isinstance(record, Message), number, record.id)


def courtesies(message: Message) -> set[str]:
    """Return the ids a message only thanks for (:attr:`ReplyLink.courtesy`)."""
    return {link.id for link in message.reply_links if link.courtesy}


def links(message: Message) -> set[str]:
    """Return the ids a message links to by itself: references, replies, enclosure and copy.

    A reference links to each of its targets: a phrase that names no single
    message ("my previous messages") has none, and links nothing. A thanks
    alone (:attr:`ReplyLink.courtesy`) links nothing.
    """
    out = {target for reference in message.references for target in reference.targets}
    out.update(message.in_reply_to)
    out -= courtesies(message)
    if message.enclosed_in is not None:
        out.add(message.enclosed_in)
    if message.copy_of is not None:
        out.add(message.copy_of)
    return out


def _near(date: datetime.date | None, anchors: Sequence[Message]) -> bool:
    """Tell whether *date* lies within :data:`NEAR` of one of *anchors*."""
    return date is not None and any(
        a.date is not None and abs(a.date - date) <= NEAR for a in anchors
    )


def _linked(
    answers: Sequence[Message], named: Sequence[Message], thanked: Sequence[Message] = ()
) -> list[Message]:
    """Return the messages an incoming message links, given those that answer, name, thank it.

    Its anchors are the messages that answer it or, when none does, the first
    (in volume order) that names it, or else the first that thanks for it; a
    message that only names it joins them when it was written within
    :data:`NEAR` of an anchor. A message that only thanks for it joins it
    only as its anchor: a courtesy does not weld two exchanges.
    """
    anchors = (
        list(answers)
        or sorted(named, key=lambda m: m.number)[:1]
        or sorted(thanked, key=lambda m: m.number)[:1]
    )
    return anchors + [m for m in named if m not in anchors and _near(m.date, anchors)]


def thread_index(
    messages: Sequence[Message],
    pairs: Iterable[tuple[str, str]],
    incoming: Sequence[IncomingMessage] = (),
) -> dict[str, tuple[str, ...]]:
    """Map the id of each message and incoming message to the ids of its thread, in order.

    Printed messages are linked by their references, replies, enclosures and
    copies to printed messages searched, and by *pairs*. An incoming message
    links the messages searched that answer it (:attr:`Message.in_reply_to`)
    or, when none does, the first that names it, and with them every message
    that names it written within :data:`NEAR` of one of them; and the
    messages it answers (:attr:`IncomingMessage.in_reply_to`). A link that
    only thanks (:attr:`ReplyLink.courtesy`) joins a message to the incoming
    message it thanks for only when nothing else anchors that message.

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
    printed = {message.id for message in messages}
    sets = _Union(len(records))
    answers: dict[str, list[Message]] = {record.id: [] for record in incoming}
    named: dict[str, list[Message]] = {record.id: [] for record in incoming}
    thanked: dict[str, list[Message]] = {record.id: [] for record in incoming}
    for message in messages:
        for target in links(message):
            if target in printed:
                sets.join(position[message.id], position[target])
            elif target in named:
                (answers if target in message.in_reply_to else named)[target].append(message)
        for target in courtesies(message) & thanked.keys():
            thanked[target].append(message)
    for first, second in pairs:
        sets.join(position[first], position[second])
    for record in incoming:
        joined = _linked(answers[record.id], named[record.id], thanked[record.id])
        parents = [parent for parent in record.in_reply_to if parent in position]
        for other in [message.id for message in joined] + parents:
            sets.join(position[other], position[record.id])
    return _threads(records, sets)


def _threads(
    records: Sequence[Message | IncomingMessage], sets: _Union
) -> dict[str, tuple[str, ...]]:
    """Map each record's id to the ids of its set, in :func:`order`."""
    groups: dict[int, list[Message | IncomingMessage]] = {}
    for i, record in enumerate(records):
        groups.setdefault(sets.root(i), []).append(record)
    index: dict[str, tuple[str, ...]] = {}
    for members in groups.values():
        thread = tuple(member.id for member in sorted(members, key=order))
        index.update(dict.fromkeys((member.id for member in members), thread))
    return index
