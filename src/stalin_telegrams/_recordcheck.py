"""Checks of the fields of the public records, run where each record is built.

:func:`checked` wraps the ``__init__`` that attrs generated for a record class
with a check of every field against its annotation (``str``, ``int``,
``datetime.date``, ``X | None``, ``tuple[X, ...]``, ``Literal[...]``, another
record), then against the rules of its values that the class states in its method
``_rules`` (a line span runs forward, an offset is not negative), which
returns ``"field: problem"`` or ``None``. A bad
field raises :class:`~stalin_telegrams.exceptions.RecordTypeError` or
:class:`~stalin_telegrams.exceptions.InvalidRecordError` naming the record
type and the field, at the line that made it.

The checks are derived from the annotations once per class, on its first
construction, so that a new field is checked without a line here. The
unchecked ``__init__`` stays on the class as ``__unchecked_init__``, for the
one reader that checks whole columns at once instead
(:mod:`stalin_telegrams._converter`, which :func:`~stalin_telegrams.load`
uses); it must check at least what these checks do.

A field that :func:`deferrable` names may hold a :class:`Deferred` instead,
put there by that reader: the value is then made on the first read of the
field, and every reader (equality, hashing, ``repr``, pickling, the exports)
sees only the value.
"""

from __future__ import annotations

import _thread
import datetime
import functools
import types
import typing
from collections import deque
from collections.abc import Callable, Sequence
from itertools import repeat
from typing import Any, TypeVar

import attrs

from .exceptions import InvalidRecordError, RecordTypeError

T = TypeVar("T")
#: How many characters of a bad value an error message shows.
SHOWN = 60

#: A check of one value: returns what was expected if *value* fails, else None.
Check = Callable[[Any], "str | None"]


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def _got(value: object) -> str:
    return f"got {type(value).__name__} {_shown(value)}"


def _exact(kind: type, what: str) -> Check:
    def check(value: object) -> str | None:
        return None if isinstance(value, kind) and not isinstance(value, bool) else what

    return check


def _date(value: object) -> str | None:
    ok = isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)
    return None if ok else "a datetime.date"


def _real(value: object) -> str | None:
    if type(value) is float:  # as every Pair duplicates() makes has: numbers is not needed
        return None
    # numbers costs a millisecond at import, and only a Pair has a real field.
    import numbers  # noqa: PLC0415

    ok = isinstance(value, numbers.Real) and not isinstance(value, bool)
    return None if ok else "a real number"


def _bool(value: object) -> str | None:
    return None if isinstance(value, bool) else "a bool"


def _none(value: object) -> str | None:
    return None if value is None else "None"


def _plural(what: str) -> str:
    """Turn "a str" into "str", "an int" into "int", for "a tuple of str"."""
    for article in ("a ", "an "):
        if what.startswith(article):
            return what[len(article) :]
    return what


class _TupleOf:
    """Check a tuple whose every item passes *item*; say which item failed."""

    def __init__(self, item: Check, what: str) -> None:
        self.item: Check = item
        self.what = f"a tuple of {_plural(what)}"
        self.item_what = what

    def __call__(self, value: object) -> str | None:
        if type(value) is not tuple:
            return self.what
        for item in value:
            if self.item(item) is not None:
                return self.what
        return None

    def bad_item(self, value: tuple[Any, ...]) -> tuple[int, Any] | None:
        """Return the position and value of the first item that fails."""
        for position, item in enumerate(value):
            if self.item(item) is not None:
                return position, item
        return None


_SIMPLE: dict[object, tuple[Check, str]] = {
    str: (_exact(str, "a str"), "a str"),
    int: (_exact(int, "an int"), "an int"),
    float: (_real, "a real number"),
    bool: (_bool, "a bool"),
    datetime.date: (_date, "a datetime.date"),
    type(None): (_none, "None"),
}


def _literal(args: tuple[Any, ...]) -> tuple[Check, str]:
    what = "one of " + ", ".join(map(repr, args))
    allowed = frozenset(args)

    def literal(value: object) -> str | None:
        return None if isinstance(value, str) and value in allowed else what

    return literal, what


def _tuple(args: tuple[Any, ...]) -> tuple[Check, str]:
    if len(args) != 2 or args[1] is not Ellipsis:  # noqa: PLR2004 - only tuple[X, ...]
        msg = f"no check for a field annotated tuple{list(args)!r}"
        raise TypeError(msg)
    of = _TupleOf(*check_of(args[0]))
    return of, of.what


def _union(args: tuple[Any, ...]) -> tuple[Check, str]:
    parts = [check_of(arg) for arg in args]
    what = " or ".join(part_what for _, part_what in parts)

    def union(value: object) -> str | None:
        return None if any(check(value) is None for check, _ in parts) else what

    return union, what


_COMPOSITE: dict[object, Callable[[tuple[Any, ...]], tuple[Check, str]]] = {
    typing.Literal: _literal,
    tuple: _tuple,
    typing.Union: _union,
    types.UnionType: _union,
}


def check_of(annotation: object) -> tuple[Check, str]:
    """Return the check of a field annotated *annotation*, and what it expects.

    Raises:
        TypeError: The annotation is of a kind no record uses.
    """
    simple = _SIMPLE.get(annotation)
    if simple is not None:
        return simple
    if isinstance(annotation, type) and attrs.has(annotation):
        what = f"a {annotation.__name__}"
        return _exact(annotation, what), what
    composite = _COMPOSITE.get(typing.get_origin(annotation))
    if composite is None:
        msg = f"no check for a field annotated {annotation!r}"
        raise TypeError(msg)
    return composite(typing.get_args(annotation))


#: The checks of each record class, made on its first construction.
_CHECKS: dict[type, tuple[tuple[str, Check], ...]] = {}


def _field_checks(cls: type) -> tuple[tuple[str, Check], ...]:
    """Return each field of *cls* with its check, derived from the annotations once."""
    checks = _CHECKS.get(cls)
    if checks is None:
        hints = typing.get_type_hints(cls)
        checks = tuple((field.name, check_of(hints[field.name])[0]) for field in attrs.fields(cls))
        _CHECKS[cls] = checks
    return checks


def check_record(record: object) -> None:
    """Check every field of *record* against its annotation, then its class's ``_rules``.

    Raises:
        RecordTypeError: A field has the wrong type; the message names the
            record type, the field (and the item of a tuple) and what it got.
        InvalidRecordError: A value breaks a rule of the class.
    """
    cls = type(record)
    for name, check in _field_checks(cls):
        value = getattr(record, name)
        expected = check(value)
        if expected is None:
            continue
        where = f"{cls.__name__}.{name}"
        if isinstance(check, _TupleOf) and type(value) is tuple:
            bad = check.bad_item(value)
            if bad is not None:
                position, item = bad
                msg = f"{where}[{position}]: expected {check.item_what}, {_got(item)}"
                raise RecordTypeError(msg)
        hint = ""
        if isinstance(value, str) and isinstance(check, _TupleOf):
            hint = f" (a str is not read as its letters: write ({_shown(value)},))"
        msg = f"{where}: expected {expected}, {_got(value)}{hint}"
        raise RecordTypeError(msg)
    rules: Callable[[Any], str | None] | None = getattr(cls, "_rules", None)
    problem = None if rules is None else rules(record)
    if problem is not None:
        msg = f"{cls.__name__}.{problem}"
        raise InvalidRecordError(msg)


def checked(cls: type[T]) -> type[T]:
    """Make the attrs class *cls* check its fields whenever it is built.

    Its generated ``__init__`` becomes ``__unchecked_init__``; the new one
    calls it, then :func:`check_record`. The signature shown (``help()``,
    the docs) stays the generated one: :func:`inspect.signature` follows
    the ``__wrapped__`` that :func:`functools.wraps` sets.
    """
    unchecked = cls.__init__

    @functools.wraps(unchecked)
    def __init__(self: object, *args: Any, **kwargs: Any) -> None:  # noqa: N807, ANN401
        unchecked(self, *args, **kwargs)
        check_record(self)

    cls.__unchecked_init__ = unchecked  # type: ignore[attr-defined]
    cls.__init__ = __init__  # type: ignore[method-assign]
    return cls


#: The slots of each record class that its ``__init__`` fills, made on its first unchecked build.
_SLOTS: dict[type, dict[str, Any] | None] = {}
#: The slot of the hash that attrs caches (``cache_hash=True``): ``None`` until the first hash.
_HASH_CACHE = "_attrs_cached_hash"


def _slots(cls: type) -> dict[str, Any] | None:
    """Return the member descriptor of each slot that the ``__init__`` of *cls* fills, by name.

    ``None`` where the ``__init__`` does more than fill them: a field with a
    converter or a validator, a field it does not take, a hook before or
    after it, a class without slots. The hash cache, which it sets to
    ``None``, is among them.
    """
    if cls in _SLOTS:
        return _SLOTS[cls]
    own = vars(cls)
    fields = attrs.fields(cls)
    slots: dict[str, Any] | None = None
    if (
        "__slots__" in own
        and not hasattr(cls, "__attrs_pre_init__")
        and not hasattr(cls, "__attrs_post_init__")
        and all(f.init and f.converter is None and f.validator is None for f in fields)
    ):
        found = {name: own.get(name) for name in (*(f.name for f in fields), _HASH_CACHE)}
        if found[_HASH_CACHE] is None:
            del found[_HASH_CACHE]
        slots = {
            name: slot.slot if isinstance(slot, _DeferringSlot) else slot
            for name, slot in found.items()
        }
        if not all(isinstance(slot, types.MemberDescriptorType) for slot in slots.values()):
            slots = None
    _SLOTS[cls] = slots
    return slots


def build_unchecked(
    cls: Callable[..., T],
    columns: Sequence[Sequence[Any]],
    names: tuple[str, ...] | None = None,
) -> tuple[T, ...]:
    """Build one record of *cls* per row of *columns*, without the checks of each field.

    For a reader that has checked the values already, column by column. The
    records are made in C loops: ``object.__new__``, then each column is put
    in its slot, as the attrs ``__init__`` would (the hash cache, if any, is
    set to ``None`` as it does); a class whose ``__init__`` does more than
    that, or a row without every field, goes through that ``__init__``. A
    class that :func:`checked` did not wrap is called.

    Args:
        cls: The record class.
        columns: The values of each field, in the order of the fields.
        names: The field names, to pass the values by keyword (for a class
            whose fields are keyword-only); ``None`` passes them in order.
    """
    init: Callable[..., None] | None = getattr(cls, "__unchecked_init__", None)
    rows = zip(*columns, strict=True)
    if init is None or not isinstance(cls, type):
        if names is None:
            return tuple(map(cls, *columns))
        return tuple([cls(**dict(zip(names, row, strict=True))) for row in rows])
    count = len(columns[0]) if columns else 0
    records = typing.cast("tuple[T, ...]", tuple(map(object.__new__, repeat(cls, count))))
    slots = _slots(cls)
    given = tuple(f.name for f in attrs.fields(cls)) if names is None else names
    if slots is not None and set(given) == slots.keys() - {_HASH_CACHE}:
        for name, column in zip(given, columns, strict=True):
            deque(map(slots[name].__set__, records, column), maxlen=0)
        if _HASH_CACHE in slots:
            deque(map(slots[_HASH_CACHE].__set__, records, repeat(None, count)), maxlen=0)
    elif names is None:
        deque(map(init, records, *columns), maxlen=0)
    else:
        for record, row in zip(records, rows, strict=True):
            init(record, **dict(zip(names, row, strict=True)))
    return records


def draft(cls: type[T], **fields: object) -> T:
    """Build one record of *cls* from *fields* without the checks of each field.

    For the build pipeline, whose drafts may be incomplete (a message whose
    recipients the source does not name) until its own validation reports
    them by name and stops the build; :func:`stalin_telegrams.load` checks
    what the build wrote.
    """
    names = tuple(fields)
    return build_unchecked(cls, [[fields[name]] for name in names], names)[0]


def redraft(record: T, **changes: object) -> T:
    """Return *record* with *changes*, as :func:`attrs.evolve` does, without the checks."""
    kind = typing.cast("type[attrs.AttrsInstance]", type(record))
    fields = {a.alias: getattr(record, a.name) for a in attrs.fields(kind) if a.init}
    return draft(type(record), **{**fields, **changes})


class Deferred:
    """The fields still to be made of records built together: the first read of one makes it in all.

    Only a reader that has verified the values already puts one in its
    records, the same one in every field that :func:`deferrable` names, and
    then sets :attr:`records`. The first read of such a field, on any of
    them, makes the field's whole column (one check of the column costs far
    less than one per record, and a field read on one record is soon read on
    the others: a search reads it on every message) and puts each value in
    its record.

    Args:
        columns: Each field's maker: returns the field's values, in the
            order of the records.
    """

    __slots__ = ("_columns", "_lock", "records")

    def __init__(self, columns: dict[str, Callable[[], Sequence[Any]]]) -> None:
        self._columns = columns
        self._lock = _thread.RLock()
        #: The records that hold this, in the order of the columns.
        self.records: Sequence[object] = ()

    def make(self, name: str, slot: Any) -> None:  # noqa: ANN401 - the slot's member descriptor
        """Make the field *name* of every record, put in its *slot*; once, whichever thread asks."""
        with self._lock:
            maker = self._columns.get(name)
            if maker is None:
                return
            for record, value in zip(self.records, maker(), strict=True):
                if slot.__get__(record) is self:
                    slot.__set__(record, value)
            del self._columns[name]


class _DeferringSlot:
    """The slot of a field that may hold a :class:`Deferred`: a read makes the value, kept."""

    __slots__ = ("name", "slot")

    def __init__(self, name: str, slot: Any) -> None:  # noqa: ANN401 - the slot's member descriptor
        self.name = name
        self.slot = slot

    def __get__(self, record: object, owner: type | None = None) -> Any:  # noqa: ANN401 - any field
        if record is None:
            return self.slot
        value = self.slot.__get__(record, owner)
        if type(value) is Deferred:
            value.make(self.name, self.slot)
            value = self.slot.__get__(record, owner)
        return value

    def __set__(self, record: object, value: object) -> None:
        self.slot.__set__(record, value)

    def __delete__(self, record: object) -> None:
        self.slot.__delete__(record)


def deferrable_fields(cls: type) -> frozenset[str]:
    """Return the fields of *cls* that may hold a :class:`Deferred` (see :func:`deferrable`)."""
    return frozenset(name for name, value in vars(cls).items() if isinstance(value, _DeferringSlot))


def deferrable(*names: str) -> Callable[[type[T]], type[T]]:
    """Let the fields *names* of a slotted record class hold a :class:`Deferred`.

    Reading such a field gives its value, made on the first read: the record
    is, for every reader, the one built with the value.
    """

    def wrap(cls: type[T]) -> type[T]:
        for name in names:
            setattr(cls, name, _DeferringSlot(name, cls.__dict__[name]))
        return cls

    return wrap
