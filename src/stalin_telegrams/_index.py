"""The index of names: entries with the messages that mention them, and name lookup."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import get_args

from . import _checks
from ._model import Message, NameKind
from ._records import IndexEntry, Name
from ._suggest import close_matches
from .exceptions import CriterionTypeError, InvalidCriterionError

#: The kinds of entry, in the order of ``NameKind``.
KINDS: tuple[str, ...] = get_args(NameKind)


def _fold(value: str) -> str:
    return " ".join(value.split()).casefold()


@functools.lru_cache(maxsize=8)
def lookup(index: tuple[Name, ...]) -> Mapping[str, str]:
    """Return every canonical name and alias of *index*, case-folded, with its canonical name."""
    table: dict[str, str] = {}
    for entry in index:
        for form in (entry.name, *entry.aliases):
            table.setdefault(_fold(form), entry.name)
    return table


@functools.lru_cache(maxsize=8)
def members(index: tuple[Name, ...]) -> Mapping[str, frozenset[str]]:
    """Return every entry of *index* with itself and the entries that are part of it.

    An entry is part of another when that one is in its
    :attr:`~stalin_telegrams.Name.part_of`, directly or through others
    (East Prussia of Prussia, so an entry of East Prussia of Prussia too).
    """
    parts: dict[str, set[str]] = {}
    for entry in index:
        for whole in entry.part_of:
            parts.setdefault(whole, set()).add(entry.name)
    table: dict[str, frozenset[str]] = {}
    for entry in index:
        found, todo = {entry.name}, list(parts.get(entry.name, ()))
        while todo:
            part = todo.pop()
            if part not in found:
                found.add(part)
                todo.extend(parts.get(part, ()))
        table[entry.name] = frozenset(found)
    return table


def resolve(
    criterion: str,
    value: object,
    index: tuple[Name, ...],
    mentioned: Collection[str] = (),
) -> str:
    """Return the canonical name that *value* (a name or an alias, any case) stands for.

    *value* is looked up among the names and aliases of *index*, then among
    the canonical names in *mentioned* (what messages given without the
    index mention).

    Raises:
        CriterionTypeError: *value* is not a str.
        InvalidCriterionError: *value* names no entry of *index*; the error
            suggests close names.
    """
    if not isinstance(value, str):
        msg = f"{criterion}: expected a name (str), {_checks.got(value)}"
        raise CriterionTypeError(msg)
    found = lookup(index).get(_fold(value))
    if found is None:
        found = next((name for name in mentioned if _fold(name) == _fold(value)), None)
    if found is None:
        forms = sorted(
            {form for entry in index for form in (entry.name, *entry.aliases)}.union(mentioned)
        )
        close = close_matches(value, forms)
        text = f"{criterion}={_checks.shown(value)} is not a name of the index"
        if close:
            text += "; did you mean " + " or ".join(repr(c) for c in close) + "?"
        raise InvalidCriterionError(text)
    return found


def check_kind(kind: object) -> str | None:
    """Return *kind* if it is ``None`` or one of :data:`KINDS`.

    Raises:
        CriterionTypeError: *kind* is not a str.
        InvalidCriterionError: *kind* is not a kind of the index; the error
            lists the kinds.
    """
    if kind is None:
        return None
    if not isinstance(kind, str):
        msg = f"kind: expected a str, {_checks.got(kind)}"
        raise CriterionTypeError(msg)
    if kind not in KINDS:
        msg = f"kind={_checks.shown(kind)} is not a kind of the index (kinds: {', '.join(KINDS)})"
        raise InvalidCriterionError(msg)
    return kind


def entries(
    messages: Iterable[Message], index: Sequence[Name], kind: str | None = None
) -> tuple[IndexEntry, ...]:
    """Return the entries of *index* of *kind* (all for ``None``) with their mentions.

    Entries are in alphabetical order of name, ignoring case; each has the ids
    of the messages among *messages* that mention it, in their order, and the
    number of its mentions there. Entries no message mentions are kept, with
    no ids.
    """
    wanted = check_kind(kind)
    ids: dict[str, list[str]] = {}
    counts: Counter[str] = Counter()
    for message in messages:
        for name in dict.fromkeys(m.name for m in message.mentions):
            ids.setdefault(name, []).append(message.id)
        counts.update(m.name for m in message.mentions)
    chosen = (e for e in index if wanted is None or e.kind == wanted)
    return tuple(
        IndexEntry(entry, tuple(ids.get(entry.name, ())), counts[entry.name])
        for entry in sorted(chosen, key=lambda e: (e.name.casefold(), e.name))
    )


def wanted_names(
    criterion: str,
    value: object,
    index: tuple[Name, ...],
    mentioned: Collection[str] = (),
) -> frozenset[str]:
    """Return the canonical names that *value* (a name, or a tuple of names) stands for.

    Each name is resolved by :func:`resolve`.

    Raises:
        CriterionTypeError: *value* is neither a str nor a tuple of str.
        InvalidCriterionError: A name is not in *index*, or the tuple is empty.
    """
    if isinstance(value, tuple):
        if not value:
            msg = f"{criterion}: expected at least one name, got an empty tuple"
            raise InvalidCriterionError(msg)
        return frozenset(resolve(criterion, item, index, mentioned) for item in value)
    return frozenset((resolve(criterion, value, index, mentioned),))
