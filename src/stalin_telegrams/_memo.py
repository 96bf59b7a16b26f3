"""What the engines compute of each text or name, kept by the corpus it belongs to.

A :class:`~stalin_telegrams.Corpus` keeps one :class:`Memo`, shared with every
corpus taken from it (a slice, a selection, a thread): what was computed of
its texts grows with it, and goes when the last of them goes. There is no
module-level cache, and so no size past which a large corpus starts over.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo:
    """The values of functions of texts (or of other keys), each computed once.

    >>> memo = Memo()
    >>> memo.get(str.casefold, "Second Front")
    'second front'
    """

    __slots__ = ("_tables",)

    def __init__(self) -> None:
        self._tables: dict[Callable[[Any], Any], dict[Any, Any]] = {}

    def get(self, function: Callable[[K], V], key: K) -> V:
        """Return ``function(key)``, computed on the first call for this function and key."""
        table = self._tables.get(function)
        if table is None:
            table = self._tables[function] = {}
        try:
            return cast("V", table[key])
        except KeyError:
            value = table[key] = function(key)
            return value

    def recent(self, function: Callable[[K], V], key: K, keep: int) -> V:
        """Return ``function(key)``, kept while *key* is among the *keep* keys last asked for.

        For values that grow with the questions asked rather than with the
        texts (the answers of each phrase searched for): the one asked for
        longest ago goes first.

        >>> memo = Memo()
        >>> [memo.recent(str.upper, word, keep=2) for word in ("a", "b", "a", "c")]
        ['A', 'B', 'A', 'C']
        >>> memo.recent(list, "b", keep=2) is memo.recent(list, "b", keep=2)
        True
        """
        table = self._tables.setdefault(function, {})
        try:
            value = cast("V", table.pop(key))
        except KeyError:
            value = function(key)
            while len(table) >= keep:
                del table[next(iter(table))]
        table[key] = value
        return value

    def table(self, function: Callable[[K], V]) -> Callable[[K], V]:
        """Return ``function`` with its values kept here: ``memo.table(f)(key)``."""
        table: dict[Any, Any] = self._tables.setdefault(function, {})

        def get(key: K) -> V:
            try:
                return cast("V", table[key])
            except KeyError:
                value = table[key] = function(key)
                return value

        return get
