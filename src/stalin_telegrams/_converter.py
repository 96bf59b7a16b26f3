"""The one configured cattrs converter, shared by the runtime and the build.

Dates are ISO ``YYYY-MM-DD`` strings. The corpus records get hand-written,
strict hooks: each field is read by a small checker that accepts only the
JSON type the field holds (a string where a string is expected, an array of
strings for a tuple of strings, an integer that is not a boolean), and a
record must have exactly its fields. A damaged record fails with a
:class:`~stalin_telegrams.exceptions.CorpusDataError` that names the message
and the field; it never loads as different data.

The hooks build each record with a plain constructor call, which keeps
:func:`~stalin_telegrams.load` within a small factor of ``json.loads``
(cattrs' generated hooks would first have to be compiled in every fresh
process). Each argument of that call is one line, a checker given the
record and the key (so that an error can name the field); the keys a record
must have are the fields of its attrs class. A new field is one line.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from typing import Any, TypeVar

import attrs
import cattrs

from ._model import Correction, FootnoteMark, LineSpan, Message, Reference
from .exceptions import CorpusDataError

T = TypeVar("T")

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


def _expected(key: str, what: str, value: object) -> FieldError:
    err = FieldError(f"expected {what}, got {show(value)}")
    err.path.append(key)
    return err


def fields(value: object, names: frozenset[str]) -> dict[str, Any]:
    """Check a JSON object that has exactly the keys *names*, and return it."""
    if type(value) is not dict:
        msg = f"expected an object, got {show(value)}"
        raise FieldError(msg)
    if value.keys() != names:
        raise FieldError(key_problem(value.keys(), names))
    return value


def names(cls: type[attrs.AttrsInstance]) -> frozenset[str]:
    """Return the field names of an attrs class: the keys of its JSON object."""
    return frozenset(field.name for field in attrs.fields(cls))


def string(d: dict[str, Any], key: str) -> str:
    """Return ``d[key]``, checked to be a string."""
    value = d[key]
    if type(value) is str:
        return value
    raise _expected(key, "a string", value)


def optional_string(d: dict[str, Any], key: str) -> str | None:
    """Return ``d[key]``, checked to be a string or null."""
    value = d[key]
    if value is None or type(value) is str:
        return value
    raise _expected(key, "a string or null", value)


def integer(d: dict[str, Any], key: str) -> int:
    """Return ``d[key]``, checked to be an integer; a boolean or a float is not one."""
    value = d[key]
    if type(value) is int:
        return value
    raise _expected(key, "an integer", value)


def strings(d: dict[str, Any], key: str) -> tuple[str, ...]:
    """Return ``d[key]``, an array of strings, as a tuple; a lone string is an error."""
    value = d[key]
    if type(value) is list:
        for item in value:
            if type(item) is not str:
                break
        else:
            return tuple(value)
    raise _expected(key, "an array of strings", value)


def optional_date(d: dict[str, Any], key: str) -> datetime.date | None:
    """Return ``d[key]``, a strict ISO ``YYYY-MM-DD`` date or null, as a date."""
    value = d[key]
    if value is None:
        return None
    try:
        return iso_date(value)
    except FieldError as err:
        err.path.append(key)
        raise


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


def array(d: dict[str, Any], key: str, item: Callable[[object], T]) -> tuple[T, ...]:
    """Return ``d[key]``, an array of records that *item* structures, as a tuple.

    An error in an item, or a record that its class refuses (a
    :class:`TypeError` or :class:`ValueError` of its constructor), is a
    :class:`FieldError` whose path names the field and the item.
    """
    value = d[key]
    if type(value) is not list:
        raise _expected(key, "an array", value)
    if not value:
        return ()
    try:
        return tuple([item(entry) for entry in value])
    except (TypeError, ValueError) as err:
        # Only on failure: find the item, to say which it was.
        index = next(i for i, entry in enumerate(value) if _fails(item, entry))
        located = err if isinstance(err, FieldError) else _refused(err)
        located.path[:0] = [key, index]
        raise located from located.__cause__


def _refused(err: Exception) -> FieldError:
    located = FieldError(shorten(str(err)))
    located.__cause__ = err
    return located


def _fails(item: Callable[[object], object], entry: object) -> bool:
    try:
        item(entry)
    except (TypeError, ValueError):
        return True
    return False


def key_problem(keys: AbstractSet[object], names: frozenset[str], what: str = "fields") -> str:
    """Say which of *names* are missing from *keys*, and which keys are unexpected."""
    missing = sorted(names - keys)
    extra = sorted(repr(key) for key in keys - names)
    parts = [f"missing {', '.join(missing)}"] if missing else []
    parts += [f"unexpected {shorten(', '.join(extra))}"] if extra else []
    return f"{what}: " + "; ".join(parts)


# One hook per record type, one line per field: a new field is one line.
_LINE_SPAN = names(LineSpan)
_FOOTNOTE_MARK = names(FootnoteMark)
_CORRECTION = names(Correction)
_REFERENCE = names(Reference)
_MESSAGE = names(Message)


def line_span(value: object) -> LineSpan:
    """Structure a :class:`LineSpan`."""
    d = fields(value, _LINE_SPAN)
    return LineSpan(start=integer(d, "start"), end=integer(d, "end"))


def footnote_mark(value: object) -> FootnoteMark:
    """Structure a :class:`FootnoteMark`."""
    d = fields(value, _FOOTNOTE_MARK)
    return FootnoteMark(
        mark=string(d, "mark"), line=integer(d, "line"), offset=integer(d, "offset")
    )


def correction(value: object) -> Correction:
    """Structure a :class:`Correction`."""
    d = fields(value, _CORRECTION)
    return Correction(
        kind=string(d, "kind"),
        line=integer(d, "line"),
        wrong=string(d, "wrong"),
        right=string(d, "right"),
        reason=string(d, "reason"),
        added_in=string(d, "added_in"),
        added_on=string(d, "added_on"),
    )


def reference(value: object) -> Reference:
    """Structure a :class:`Reference`."""
    d = fields(value, _REFERENCE)
    return Reference(phrase=string(d, "phrase"), target=optional_string(d, "target"))


def message(value: object) -> Message:
    """Structure a :class:`Message`."""
    d = fields(value, _MESSAGE)
    return Message(
        id=string(d, "id"),
        number=integer(d, "number"),
        sender=string(d, "sender"),
        recipients=strings(d, "recipients"),
        heading=string(d, "heading"),
        classification=optional_string(d, "classification"),
        written_on=optional_date(d, "written_on"),
        sent_on=optional_date(d, "sent_on"),
        place=optional_string(d, "place"),
        address=optional_string(d, "address"),
        salutation=optional_string(d, "salutation"),
        signature=optional_string(d, "signature"),
        text=string(d, "text"),
        footnote_marks=array(d, "footnote_marks", footnote_mark),
        source_lines=array(d, "source_lines", line_span),
        corrections=array(d, "corrections", correction),
        references=array(d, "references", reference),
        notes=strings(d, "notes"),
        enclosed_in=optional_string(d, "enclosed_in"),
        copy_of=optional_string(d, "copy_of"),
    )


def structure_messages(value: object) -> tuple[Message, ...]:
    """Structure the ``messages`` array of a corpus document, strictly.

    Args:
        value: The parsed JSON array.

    Returns:
        The messages, in the order given.

    Raises:
        CorpusDataError: *value* is not an array of messages; the error names
            the message by position and id, and the field.
    """
    try:
        return array({"messages": value}, "messages", message)
    except FieldError as err:
        index = err.path[1] if len(err.path) > 1 else None
        if type(value) is not list or type(index) is not int:
            raise CorpusDataError(str(err)) from err
        del err.path[:2]
        msg = f"{describe(value[index], index)}: {err}"
        raise CorpusDataError(msg) from err


def describe(item: object, index: int | None = None) -> str:
    """Name a message of the array by its position (0-based *index*) and its id, if any."""
    found = item.get("id") if type(item) is dict else None
    name = f" {shorten(repr(found))}" if type(found) is str else ""
    return "message" + ("" if index is None else f" #{index + 1}") + name


def _structure_message(value: object, _: object) -> Message:
    try:
        return message(value)
    except (TypeError, ValueError) as err:
        if not isinstance(err, FieldError):
            err = _refused(err)
        raise CorpusDataError(f"{describe(value)}: {err}") from err


@functools.cache
def converter() -> cattrs.Converter:
    """Return the package's converter, made on first use."""
    conv = cattrs.Converter(detailed_validation=False)
    conv.register_structure_hook(datetime.date, lambda value, _: iso_date(value))
    conv.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    conv.register_structure_hook(Message, _structure_message)
    conv.register_structure_hook_func(
        lambda t: t == tuple[Message, ...], lambda value, _: structure_messages(value)
    )
    return conv
