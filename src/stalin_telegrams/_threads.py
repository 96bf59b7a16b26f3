"""thread_of(): the messages connected to one message, by references and duplicates."""

from __future__ import annotations

import datetime
from collections import OrderedDict
from collections.abc import Iterable, Mapping

from ._corpus import Corpus
from ._duplicates import duplicates
from ._load import load
from ._model import Message
from ._suggest import close_matches
from .exceptions import CriterionTypeError, UnknownMessageError

#: How many message collections keep their computed threads.
_CACHE_SIZE = 8
_cache: OrderedDict[tuple[int, ...], tuple[tuple[Message, ...], dict[str, tuple[int, ...]]]] = (
    OrderedDict()
)


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


def _components(pool: tuple[Message, ...]) -> dict[str, tuple[int, ...]]:
    """Map each id to the positions of its thread, in thread order."""
    sets = _Union(len(pool))
    position = {m.id: i for i, m in enumerate(pool)}
    for i, message in enumerate(pool):
        for reference in message.references:
            if reference.target in position:
                sets.join(i, position[reference.target])
    index = {id(m): i for i, m in enumerate(pool)}
    for pair in duplicates(pool):
        sets.join(index[id(pair.first)], index[id(pair.second)])
    groups: dict[int, list[int]] = {}
    for i in range(len(pool)):
        groups.setdefault(sets.root(i), []).append(i)
    out: dict[str, tuple[int, ...]] = {}
    for members in groups.values():
        ordered = tuple(sorted(members, key=lambda i: _order(pool[i])))
        for i in members:
            out[pool[i].id] = ordered
    return out


def _order(message: Message) -> tuple[bool, datetime.date, int]:
    date = message.date
    return (date is None, date or datetime.date.min, message.number)


def _threads(pool: tuple[Message, ...]) -> dict[str, tuple[int, ...]]:
    # Messages are immutable, so the same objects give the same threads; the
    # cached tuple keeps them alive, so their id()s cannot be reused meanwhile.
    key = tuple(map(id, pool))
    hit = _cache.get(key)
    if hit is not None:
        _cache.move_to_end(key)
        return hit[1]
    threads = _components(pool)
    _cache[key] = (pool, threads)
    if len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return threads


def _find(wanted: Message | str, known: Mapping[str, object], aliases: Mapping[str, str]) -> str:
    if isinstance(wanted, Message):
        message_id = wanted.id
    elif isinstance(wanted, str):
        message_id = wanted if wanted in known else aliases.get(wanted, wanted)
    else:
        msg = (
            "message_or_id: expected a Message or a message id (str),"
            f" got {type(wanted).__name__} {wanted!r}"
        )
        raise CriterionTypeError(msg)
    if message_id not in known:
        close = close_matches(message_id, known)
        raise UnknownMessageError(message_id, tuple(close))
    return message_id


def thread_of(message_or_id: Message | str, messages: Iterable[Message] | None = None) -> Corpus:
    """Return the thread a message belongs to.

    Two messages are linked when one has a :class:`~stalin_telegrams.Reference`
    whose target is the other, or when :func:`~stalin_telegrams.duplicates`
    pairs them at its default threshold. The thread is every message reached
    from the given one through links, in either direction, any number of
    steps (the connected component), the message itself included. Only the
    messages searched count: a link to a message outside *messages* is not
    followed.

    Args:
        message_or_id: A message, or its id (a retired id is followed to the
            id that replaced it when *messages* is a corpus).
        messages: The messages to search; by default the whole corpus.

    Returns:
        The thread in date order (:attr:`Message.date`); messages with the
        same date by :attr:`Message.number`, undated messages last.

    Raises:
        UnknownMessageError: No message searched has that id (also a
            :class:`KeyError`).
        CriterionTypeError: *message_or_id* is neither a message nor a str.

    >>> [m.id for m in thread_of("1944-06-05-churchill")]
    ['1944-06-05-churchill', '1944-06-05-roosevelt']

    .. versionadded:: 0.1.0
    """
    source = load() if messages is None else messages
    pool = tuple(source)
    aliases: Mapping[str, str] = source.aliases if isinstance(source, Corpus) else {}
    threads = _threads(pool)
    members = threads[_find(message_or_id, threads, aliases)]
    return Corpus((pool[i] for i in members), aliases)
