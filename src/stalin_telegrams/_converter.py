"""The one configured cattrs converter, shared by the runtime and the build.

Dates are ISO ``YYYY-MM-DD`` strings. The corpus records are structured by
hand-written, strict hooks: a :class:`Table` per record type, which lists
each field with the checker of its column, one line per field. A record must
have exactly those keys, and each value the JSON type its field holds (a
string where a string is expected, an array of strings for a tuple of
strings, never a lone string split into characters; an integer that is not a
boolean; a date that exists). A damaged record fails with a
:class:`~stalin_telegrams.exceptions.CorpusDataError` that names the message
and the field; it never loads as different data.

The checks run column by column over every record of an array at once, in
the interpreter's C loops (``set(map(type, column))``), and the records are
then built in C loops too, each column put in its slot
(:func:`~stalin_telegrams._recordcheck.build_unchecked`):
:func:`~stalin_telegrams.load` stays within a small factor of ``json.loads``
(cattrs' generated hooks would first have to be compiled in every fresh
process). Only when a check fails are the records gone through one by one, to
say which record and which field. The packaged file, verified by its digest,
is not held to the rules of the records again, and the records its messages
hold are made on the first read of their field.
"""

from __future__ import annotations

import datetime
import functools
import operator
import re
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from itertools import accumulate, chain, pairwise
from typing import TYPE_CHECKING, Any, Generic, TypeVar, get_args

import attrs

from ._model import (
    Correction,
    FootnoteMark,
    LineSpan,
    Mention,
    Message,
    NameKind,
    Reference,
    ReplyKind,
    ReplyLink,
)
from ._recordcheck import Deferred, build_unchecked, deferrable_fields
from .exceptions import CorpusDataError

if TYPE_CHECKING:
    import cattrs

    from ._records import IncomingMessage, Name

T = TypeVar("T")
#: A column checker: takes the values of one field over a run of records and
#: returns them as the field holds them, or raises :class:`FieldError`.
Column = Callable[[Sequence[Any]], Sequence[Any]]

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: How much of a bad value an error message shows.
SHOWN = 80
_JSON_TYPES = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "a boolean",
    type(None): "null",
    list: "an array",
    dict: "an object",
}


class FieldError(ValueError):
    """A value of the document is not what its field holds; ``path`` says where."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.path: list[str | int] = []

    @property
    def location(self) -> str:
        """The path to the bad value, as ``source_lines[0].start``."""
        return "".join(
            f"[{step}]" if isinstance(step, int) else f".{step}" for step in self.path
        ).lstrip(".")

    def __str__(self) -> str:
        return f"{self.location}: {self.problem}" if self.path else self.problem


def shorten(text: str) -> str:
    """Return *text* on one line, cut to :data:`SHOWN` characters with ``...`` where cut."""
    text = " ".join(text.splitlines())
    return text if len(text) <= SHOWN else text[: SHOWN - 3] + "..."


def show(value: object) -> str:
    """Describe a JSON value for an error message: its type and the start of its repr."""
    kind = _JSON_TYPES.get(type(value), type(value).__name__)
    if type(value) is list:
        return f"{kind} of {len(value)}"
    if type(value) is dict:
        return f"{kind} with keys {shorten(repr(sorted(value)))}"
    if value is None:
        return kind
    return f"{kind}, {shorten(repr(value))}"


def key_problem(keys: AbstractSet[object], names: AbstractSet[str], what: str = "fields") -> str:
    """Say which of *names* are missing from *keys*, and which keys are unexpected."""
    missing = sorted(names - keys)
    extra = sorted(repr(key) for key in keys - names)
    parts = [f"missing {', '.join(missing)}"] if missing else []
    parts += [f"unexpected {shorten(', '.join(extra))}"] if extra else []
    return f"{what}: " + "; ".join(parts)


def typed(what: str, *types: type) -> Column:
    """Return a column checker that accepts values of exactly *types* (no subclasses).

    Args:
        what: What is expected, for the error message (``"a string"``).
        types: The accepted types; ``type(None)`` for null.

    Returns:
        The checker; it returns the column unchanged.
    """
    accepted = frozenset(types)

    def check(values: Sequence[Any]) -> Sequence[Any]:
        if set(map(type, values)) <= accepted:
            return values
        bad = next(value for value in values if type(value) not in accepted)
        msg = f"expected {what}, got {show(bad)}"
        raise FieldError(msg)

    return check


string = typed("a string", str)
optional_string = typed("a string or null", str, type(None))
#: A boolean is not an integer here, though Python's ``True == 1``.
integer = typed("an integer", int)
optional_integer = typed("an integer or null", int, type(None))


def strings(values: Sequence[Any]) -> Sequence[Any]:
    """Check a column of arrays of strings; return them as tuples.

    A lone string is an error, never read as its characters.
    """
    if set(map(type, values)) <= {list} and set(map(type, chain.from_iterable(values))) <= {str}:
        return list(map(tuple, values))
    bad = next(v for v in values if type(v) is not list or not set(map(type, v)) <= {str})
    msg = f"expected an array of strings, got {show(bad)}"
    raise FieldError(msg)


def iso_date(value: object) -> datetime.date:
    """Check a strict ISO ``YYYY-MM-DD`` date string, on every Python version."""
    if type(value) is not str or not _ISO_DATE.fullmatch(value):
        msg = f"expected a date as YYYY-MM-DD, got {show(value)}"
        raise FieldError(msg)
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as err:
        msg = f"impossible date {shorten(repr(value))}: {err}"
        raise FieldError(msg) from err


def dates(values: Sequence[Any]) -> Sequence[Any]:
    """Check a column of dates; return them as dates."""
    return list(map(iso_date, values))


def optional_date(values: Sequence[Any]) -> Sequence[Any]:
    """Check a column of dates or nulls; return dates and ``None``."""
    return [None if value is None else iso_date(value) for value in values]


def date_arrays(values: Sequence[Any]) -> Sequence[Any]:
    """Check a column of arrays of dates; return them as tuples of dates."""
    if not set(map(type, values)) <= {list}:
        bad = next(value for value in values if type(value) is not list)
        msg = f"expected an array of dates, got {show(bad)}"
        raise FieldError(msg)
    return [tuple(map(iso_date, value)) for value in values]


def literal(*allowed: str) -> Column:
    """Return a column checker of strings from a closed vocabulary, *allowed*."""
    accepted = frozenset(allowed)
    what = "one of " + ", ".join(map(repr, allowed))

    def check(values: Sequence[Any]) -> Sequence[Any]:
        if set(map(type, values)) <= {str} and set(values) <= accepted:
            return values
        bad = next(value for value in values if type(value) is not str or value not in accepted)
        msg = f"expected {what}, got {show(bad)}"
        raise FieldError(msg)

    return check


def literal_arrays(*allowed: str) -> Column:
    """Return a column checker of arrays of strings from *allowed*, given back as tuples."""
    one = literal(*allowed)

    def check(values: Sequence[Any]) -> Sequence[Any]:
        if not set(map(type, values)) <= {list}:
            bad = next(value for value in values if type(value) is not list)
            msg = f"expected an array, got {show(bad)}"
            raise FieldError(msg)
        one(list(chain.from_iterable(values)))
        return [tuple(value) for value in values]

    return check


def tuple_of(item: Column) -> Column:
    """Return a column checker of arrays whose items *item* checks, given back as tuples.

    *item* may be a :class:`Table`: the records of the whole column are then
    structured in one run, and handed back to their arrays.
    """

    def check(values: Sequence[Any]) -> Sequence[Any]:
        if not set(map(type, values)) <= {list}:
            bad = next(value for value in values if type(value) is not list)
            msg = f"expected an array, got {show(bad)}"
            raise FieldError(msg)
        flat = list(chain.from_iterable(values))
        try:
            items = item(flat)
        except FieldError as err:
            if not err.path or type(err.path[0]) is not int:
                err.path.insert(0, next(i for i, v in enumerate(flat) if _error_of(item, [v])))
            raise
        ends = list(accumulate(map(len, values), initial=0))
        return [tuple(items[start:end]) for start, end in pairwise(ends)]

    return check


class Table(Generic[T]):
    """The strict hook of one record type: its class and the checker of each field.

    Calling it structures a JSON array of objects into a tuple of records.

    Args:
        cls: The record class, called with one keyword argument per field
            (positionally when the fields are its attrs fields, in order,
            none keyword-only).
        columns: Each field's name and its column checker; the JSON objects
            must have exactly these keys.
    """

    def __init__(self, cls: Callable[..., T], columns: Mapping[str, Column]) -> None:
        self.cls = cls
        self.names = tuple(columns)
        self.keys = frozenset(columns)
        self._checks = tuple(columns.values())
        # itemgetter of one key gives the value, not a 1-tuple.
        self._get: Callable[[dict[str, Any]], tuple[Any, ...]] = (
            operator.itemgetter(*self.names) if len(self.names) > 1 else _one_key(self.names[0])
        )
        fields = attrs.fields(cls) if isinstance(cls, type) and attrs.has(cls) else ()
        self._positional = self.names == tuple(f.name for f in fields) and not any(
            f.kw_only for f in fields
        )
        # Every value was checked column by column: the records are built
        # without their own checks of each field, then held to their rules.
        self._make: Callable[[Sequence[Sequence[Any]], tuple[str, ...] | None], tuple[T, ...]] = (
            functools.partial(build_unchecked, cls)
        )
        self._rules: Callable[[T], str | None] | None = getattr(cls, "_rules", None)
        self._deferrable = deferrable_fields(cls) if isinstance(cls, type) else frozenset()

    def __call__(self, value: object, *, verified: bool = False) -> tuple[T, ...]:
        """Structure a JSON array of records.

        Args:
            value: The array.
            verified: Whether the array was verified already (its file by
                the digest the build recorded), so that no value can fail:
                the rules of the records are not run again, and the fields
                that the class lets be made on their first read
                (:func:`~stalin_telegrams._recordcheck.deferrable`) are
                checked and made then.

        Raises:
            FieldError: *value* is not an array of such records; the path
                names the record (its index) and the field.
        """
        if type(value) is not list:
            msg = f"expected an array, got {show(value)}"
            raise FieldError(msg)
        if not value:
            return ()
        try:
            return self._all(value, verified=verified)
        except (KeyError, TypeError, ValueError) as err:
            located = self._locate(value)
            if located is None:
                raise FieldError(shorten(str(err))) from err
            raise located from located.__cause__

    def _all(self, value: list[Any], *, verified: bool) -> tuple[T, ...]:
        if set(map(type, value)) != {dict} or set(map(len, value)) != {len(self.names)}:
            msg = "not all records are objects with the expected keys"
            raise ValueError(msg)
        rows = map(self._get, value)  # a KeyError for a missing key
        defer = self._deferrable if verified else frozenset()
        # The fields the class lets be made on their first read hold one
        # Deferred in every record, which makes each field's whole column.
        makers: dict[str, Callable[[], Sequence[Any]]] = {}
        later = Deferred(makers)
        columns: list[Sequence[Any]] = []
        for name, check, column in zip(
            self.names, self._checks, zip(*rows, strict=True), strict=True
        ):
            if name in defer:
                makers[name] = functools.partial(check, column)
                columns.append([later] * len(column))
            else:
                columns.append(check(column))
        records = self._make(columns, None if self._positional else self.names)
        if makers:
            later.records = records
        if self._rules is not None and not verified and any(map(self._rules, records)):
            msg = "a record breaks a rule of its type"
            raise ValueError(msg)
        return records

    def _locate(self, value: list[Any]) -> FieldError | None:
        """Go through the records one by one; return the error of the first bad one."""
        for index, item in enumerate(value):
            err = _error_of(self.one, item)
            if err is not None:
                err.path.insert(0, index)
                return err
        return None

    def one(self, item: object) -> T:
        """Structure one JSON object, field by field, naming the field of an error."""
        if type(item) is not dict:
            msg = f"expected an object, got {show(item)}"
            raise FieldError(msg)
        if item.keys() != self.keys:
            raise FieldError(key_problem(item.keys(), self.keys))
        kwargs = {
            name: _check_one(name, check, item[name])
            for name, check in zip(self.names, self._checks, strict=True)
        }
        try:
            return self.cls(**kwargs)
        except (TypeError, ValueError) as err:
            raise FieldError(shorten(str(err))) from err


def _one_key(key: str) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    return lambda record: (record[key],)


def _error_of(structure: Callable[[Any], object], item: object) -> FieldError | None:
    try:
        structure(item)
    except FieldError as err:
        return err
    return None


def _check_one(name: str, check: Column, value: object) -> Any:  # noqa: ANN401 - any field
    try:
        return check([value])[0]
    except FieldError as err:
        err.path.insert(0, name)
        raise


# One table per record type, one line per field.
line_span = Table(LineSpan, {"start": integer, "end": integer})
footnote_mark = Table(FootnoteMark, {"mark": string, "line": integer, "offset": integer})
correction = Table(
    Correction,
    {
        "kind": string,
        "line": integer,
        "wrong": string,
        "right": string,
        "reason": string,
        "added_in": string,
        "added_on": string,
    },
)
reference = Table(
    Reference,
    {
        "phrase": string,
        "start": integer,
        "end": integer,
        "kind": literal("own", "incoming", "other"),
        "authors": strings,
        "addressees": strings,
        "dates": date_arrays,
        "count": optional_integer,
        "targets": strings,
    },
)
reply_link = Table(ReplyLink, {"id": string, "kinds": literal_arrays(*get_args(ReplyKind))})
mention = Table(Mention, {"name": string, "start": integer, "end": integer, "surface": string})
message = Table(
    Message,
    {
        "id": string,
        "number": integer,
        "senders": strings,
        "recipients": strings,
        "heading": string,
        "classification": optional_string,
        "written_on": optional_date,
        "sent_on": optional_date,
        "place": optional_string,
        "address": optional_string,
        "salutation": optional_string,
        "signature": optional_string,
        "text": string,
        "footnote_marks": tuple_of(footnote_mark),
        "source_lines": tuple_of(line_span),
        "corrections": tuple_of(correction),
        "references": tuple_of(reference),
        "notes": strings,
        "enclosed_in": optional_string,
        "copy_of": optional_string,
        "reply_links": tuple_of(reply_link),
        "mentions": tuple_of(mention),
    },
)


# The index of names and the incoming messages are structured when first
# asked for: load() makes neither their classes nor their tables.
@functools.cache
def name_entry() -> Table[Name]:
    """Return the table of the entries of the index of names."""
    from ._records import Name  # noqa: PLC0415 - not made by load()

    return Table(
        Name,
        {
            "name": string,
            "kind": literal(*get_args(NameKind)),
            "aliases": strings,
            "description": string,
            "note": string,
            "part_of": strings,
        },
    )


@functools.cache
def incoming() -> Table[IncomingMessage]:
    """Return the table of the incoming messages."""
    from ._records import IncomingMessage  # noqa: PLC0415 - not made by load()

    return Table(
        IncomingMessage,
        {
            "id": string,
            "authors": strings,
            "addressees": strings,
            "date": optional_date,
            "mentioned_in": strings,
            "answered_by": strings,
            "received_on": optional_date,
            "reply_links": tuple_of(reply_link),
        },
    )


def tables() -> tuple[Table[Any], ...]:
    """Return every record table, for the tests that check them against their classes."""
    return (
        line_span,
        footnote_mark,
        correction,
        reference,
        reply_link,
        mention,
        name_entry(),
        message,
        incoming(),
    )


def structure_names(value: object, *, verified: bool = False) -> tuple[Name, ...]:
    """Structure the ``names`` array of a corpus document (the index of names), strictly.

    *verified* is as for :func:`structure_messages`.

    Raises:
        CorpusDataError: *value* is not an array of index entries; the error
            names the entry by position and the field.
    """
    try:
        return name_entry()(value, verified=verified)
    except FieldError as err:
        msg = f"names{err.location}: {err.problem}" if err.path else f"names: {err}"
        raise CorpusDataError(msg) from err


def structure_messages(value: object, *, verified: bool = False) -> tuple[Message, ...]:
    """Structure the ``messages`` array of a corpus document, strictly.

    Args:
        value: The parsed JSON array.
        verified: Whether the array is the packaged one, its bytes verified
            against the digest the build recorded: the rules of the records
            are then not run again, and the records each message holds (its
            mentions, references and the like: most of the records) are
            checked and made on the first read of their field.

    Returns:
        The messages, in the order given.

    Raises:
        CorpusDataError: *value* is not an array of messages; the error names
            the message by position and id, and the field.
    """
    try:
        return message(value, verified=verified)
    except FieldError as err:
        if type(value) is not list or not err.path:
            msg = f"messages: {err}"
            raise CorpusDataError(msg) from err
        index = err.path.pop(0)
        if type(index) is not int:  # pragma: no cover - a Table's path starts with an index
            raise
        msg = f"{describe(value[index], index)}: {err}"
        raise CorpusDataError(msg) from err


def structure_incoming(value: object, *, verified: bool = False) -> tuple[IncomingMessage, ...]:
    """Structure the ``incoming`` array of a corpus document, strictly.

    Args:
        value: The parsed JSON array.
        verified: As for :func:`structure_messages`.

    Returns:
        The incoming messages, in the order given.

    Raises:
        CorpusDataError: *value* is not an array of incoming messages; the
            error names the record by position and id, and the field.
    """
    try:
        return incoming()(value, verified=verified)
    except FieldError as err:
        index = err.path.pop(0) if err.path else None
        if type(value) is not list or type(index) is not int:
            msg = f"incoming: {err}"
            raise CorpusDataError(msg) from err
        msg = f"incoming {describe(value[index], index)}: {err}"
        raise CorpusDataError(msg) from err


def describe(item: object, index: int | None = None) -> str:
    """Name a message of the array by its position (0-based *index*) and its id, if any."""
    found = item.get("id") if type(item) is dict else None
    name = f" {shorten(repr(found))}" if type(found) is str else ""
    return "message" + ("" if index is None else f" #{index + 1}") + name


def _structure_message(value: object, _: object) -> Message:
    try:
        return message.one(value)
    except FieldError as err:
        msg = f"{describe(value)}: {err}"
        raise CorpusDataError(msg) from err


@functools.cache
def converter() -> cattrs.Converter:
    """Return the package's converter, made on first use."""
    # load() structures through the tables above and never needs cattrs:
    # only the build and the exports do, so it is imported here.
    import cattrs  # noqa: PLC0415

    from ._records import IncomingMessage  # noqa: PLC0415 - not made by load()

    conv = cattrs.Converter(detailed_validation=False)
    conv.register_structure_hook(datetime.date, lambda value, _: iso_date(value))
    conv.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    conv.register_structure_hook(Message, _structure_message)
    conv.register_structure_hook_func(
        lambda t: t == tuple[Message, ...], lambda value, _: structure_messages(value)
    )
    conv.register_structure_hook_func(
        lambda t: t == tuple[IncomingMessage, ...], lambda value, _: structure_incoming(value)
    )
    return conv
