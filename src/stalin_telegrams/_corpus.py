"""The immutable, indexable corpus returned by :func:`~stalin_telegrams.load`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import overload

from .exceptions import UnknownMessageError
from ._model import Message


class Corpus(Sequence[Message]):
    """An immutable sequence of :class:`Message` in volume order, with lookup by id.

    Index it with an integer or a slice like any sequence, or with a message
    id; an id that a later release replaced still resolves through its alias.

    >>> from stalin_telegrams import load
    >>> corpus = load()
    >>> corpus["1942-11-20-churchill"].recipients
    ('Churchill',)

    .. versionadded:: 0.1.0
    """

    __slots__ = ("_aliases", "_by_id", "_messages")

    def __init__(
        self,
        messages: Iterable[Message] = (),
        aliases: Mapping[str, str] | None = None,
    ) -> None:
        self._messages: tuple[Message, ...] = tuple(messages)
        by_id: dict[str, Message] = {}
        for message in self._messages:
            if message.id in by_id:
                msg = f"duplicate message id {message.id!r}"
                raise ValueError(msg)
            by_id[message.id] = message
        self._by_id = by_id
        self._aliases: dict[str, str] = dict(aliases or {})

    @overload
    def __getitem__(self, key: int) -> Message: ...
    @overload
    def __getitem__(self, key: str) -> Message: ...
    @overload
    def __getitem__(self, key: slice) -> Corpus: ...
    def __getitem__(self, key: int | str | slice) -> Message | Corpus:
        if isinstance(key, str):
            return self.get(key)
        if isinstance(key, slice):
            return Corpus(self._messages[key], self._aliases)
        return self._messages[key]

    def __len__(self) -> int:
        return len(self._messages)

    def __iter__(self) -> Iterator[Message]:
        return iter(self._messages)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return item in self._by_id or self._aliases.get(item) in self._by_id
        return isinstance(item, Message) and self._by_id.get(item.id) == item

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Corpus):
            return self._messages == other._messages
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._messages)

    def __repr__(self) -> str:
        return f"<Corpus of {len(self)} messages>"

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the messages, in order."""
        return tuple(m.id for m in self._messages)

    @property
    def aliases(self) -> Mapping[str, str]:
        """Retired ids and the ids that replace them."""
        return dict(self._aliases)

    def get(self, message_id: str) -> Message:
        """Return the message with *message_id*, following aliases.

        Raises:
            UnknownMessageError: No message has that id; the error names the
                closest ids. It is also a :class:`KeyError`.
        """
        found = self._by_id.get(message_id)
        if found is None and message_id in self._aliases:
            found = self._by_id.get(self._aliases[message_id])
        if found is None:
            close = difflib.get_close_matches(message_id, self._by_id, n=3, cutoff=0.6)
            raise UnknownMessageError(message_id, tuple(close))
        return found
