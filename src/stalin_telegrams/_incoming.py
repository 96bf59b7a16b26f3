"""The incoming messages of a corpus, as a tuple that also looks records up by id."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from typing import SupportsIndex, overload

from . import _checks
from ._records import IncomingMessage
from .exceptions import UnknownMessageError


def _date_order(record: IncomingMessage) -> tuple[bool, datetime.date, str]:
    return (record.date is None, record.date or datetime.date.min, record.id)


class IncomingMessages(tuple[IncomingMessage, ...]):  # noqa: SLOT001 - its index is an attribute
    """The incoming messages of a corpus, in date order, undated last: a tuple with lookup by id.

    It is a tuple (compare it, slice it, iterate it as one) that is also
    indexed by an incoming message's id, following the ids a later release
    retired (:attr:`Corpus.aliases <stalin_telegrams.Corpus.aliases>`):

    >>> from stalin_telegrams import load
    >>> incoming = load().incoming()
    >>> incoming["1943-03-11-churchill-to-stalin"].in_reply_to
    ('1943-02-16-churchill',)
    >>> "received-1943-02-12-churchill-to-stalin" in incoming
    True

    An unknown id raises :class:`~stalin_telegrams.exceptions.UnknownMessageError`
    (also a :class:`KeyError`), which names the closest ids.

    .. versionadded:: 0.3.0
    """

    _by_id: dict[str, IncomingMessage]
    _aliases: Mapping[str, str]

    def __new__(  # noqa: PYI034 - no subclass is made; the records are the tuple
        cls, records: Iterable[IncomingMessage] = (), aliases: Mapping[str, str] | None = None
    ) -> IncomingMessages:
        ordered = sorted(records, key=_date_order)
        made = super().__new__(cls, ordered)
        made._by_id = {record.id: record for record in ordered}
        made._aliases = aliases if aliases is not None else {}
        return made

    @overload
    def __getitem__(self, key: SupportsIndex) -> IncomingMessage: ...
    @overload
    def __getitem__(self, key: slice) -> tuple[IncomingMessage, ...]: ...
    @overload
    def __getitem__(self, key: str) -> IncomingMessage: ...
    def __getitem__(
        self, key: SupportsIndex | slice | str
    ) -> IncomingMessage | tuple[IncomingMessage, ...]:
        if isinstance(key, str):
            return self.get(key)
        return super().__getitem__(key)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return item in self._by_id or self._aliases.get(item) in self._by_id
        return super().__contains__(item)

    def get(self, incoming_id: str) -> IncomingMessage:
        """Return the incoming message with *incoming_id*, following retired ids.

        Raises:
            UnknownMessageError: No incoming message has that id; the error
                names the closest ids. It is also a :class:`KeyError`.
            ArgumentTypeError: *incoming_id* is not a str (also a
                :class:`TypeError`).
        """
        _checks.message_id(incoming_id, "incoming_id")
        found = self._by_id.get(incoming_id)
        if found is None and incoming_id in self._aliases:
            found = self._by_id.get(self._aliases[incoming_id])
        if found is None:
            from ._suggest import close_matches  # noqa: PLC0415 - difflib only to explain a miss

            close = tuple(close_matches(incoming_id, self._by_id))
            raise UnknownMessageError(incoming_id, close, what="incoming message")
        return found

    @property
    def ids(self) -> AbstractSet[str]:
        """The ids of the incoming messages, in order, as a set view that answers ``in`` at once."""
        return self._by_id.keys()
