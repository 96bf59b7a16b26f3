"""The one description of the exported columns, derived from the attrs model.

Every export (Arrow and Parquet, polars, SQLite, the data package, Croissant,
the docs' column table) reads its columns from :func:`message_columns`, which
walks the attrs classes of :mod:`._model`: their fields, their resolved type
hints and the ``Attributes`` section of their docstrings. A field added to
:class:`~stalin_telegrams.Message` (or to a record nested in it) reaches every
format without a change here; a type this module cannot map raises
:class:`TypeError`, and the tests fail on a column without a description.
"""

from __future__ import annotations

import datetime
import functools
import inspect
import re
import types
import typing
from collections.abc import Callable, Iterable
from typing import Any, Literal

import attrs

from .._model import Correction, FootnoteMark, LineSpan, Mention, Message, Reference, ReplyLink

#: The kinds of value a column can hold: five scalars, lists and structs.
Kind = Literal["string", "integer", "number", "boolean", "date", "list", "struct"]
SCALARS: dict[type, Kind] = {
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    datetime.date: "date",
}
#: Properties of :class:`Message` exported as columns, each after the field named.
DERIVED = {"date": "sent_on", "in_reply_to": "reply_links"}
#: Fields exported under another name, because their own would need quoting
#: in SQL (``end``, ``offset`` and ``right`` are keywords of DuckDB): a
#: query runs as written in SQLite, DuckDB, Datasette and pandas alike; and
#: the id a reply link answers, which beside the id of the message that
#: answers reads better as ``answered_id``. The JSON file and
#: :meth:`~stalin_telegrams.Corpus.to_records` keep the field names.
RENAMED: dict[tuple[type, str], str] = {
    (LineSpan, "start"): "first_line",
    (LineSpan, "end"): "last_line",
    (FootnoteMark, "offset"): "text_offset",
    (Correction, "right"): "corrected",
    (Reference, "start"): "start_offset",
    (Reference, "end"): "end_offset",
    (Mention, "start"): "start_offset",
    (Mention, "end"): "end_offset",
    (ReplyLink, "id"): "answered_id",
}
#: Where a field's description can also be given: ``attrs.field(metadata={...})``.
DESCRIPTION_KEY = "description"

#: An entry of a Google-style ``Attributes:`` section: ``name: text`` or ``name (type): text``.
_ENTRY = re.compile(r"^(\w+)(?:\s*\([^)]*\))?:\s*(.*)$")
_ENTRY_INDENT = 4
#: A reST cross-reference such as :attr:`~stalin_telegrams.Message.text`.
_ROLE = re.compile(r":\w+:`(~?)([^`]+)`")


@attrs.frozen
class ColumnType:
    """The type of a column: a scalar kind, or a list or struct of columns.

    Attributes:
        kind: One of :data:`Kind`.
        item: The type of a list's items (lists only).
        fields: The columns of a struct (structs only).
        choices: The allowed values of a string, where the model fixes them
            with :class:`typing.Literal`; empty where any string will do.
    """

    kind: Kind
    item: ColumnType | None = None
    fields: tuple[Column, ...] = ()
    choices: tuple[str, ...] = ()

    def describe(self) -> str:
        """Return the type in words: ``"string"``, ``"list of date"``, ``"list of struct"``."""
        if self.item is not None:
            return f"list of {self.item.describe()}"
        return self.kind


@attrs.frozen
class Column:
    """One column of the exports: a field of a record, or a derived property.

    Attributes:
        name: The field's name.
        type: Its :class:`ColumnType`.
        nullable: Whether it may be ``None``.
        description: What it holds, from the class docstring.
        derived: Whether it is a property computed from the fields (not
            stored in the packaged JSON).
        attribute: The name of the field or property on the record, where
            the column's name differs (:data:`RENAMED`), else ``""``.
    """

    name: str
    type: ColumnType
    nullable: bool
    description: str
    derived: bool = False
    attribute: str = ""

    @property
    def field(self) -> str:
        """The name of the field or property on the record (and key in the JSON file)."""
        return self.attribute or self.name


def plain(text: str) -> str:
    """Return docstring text as plain words: reST roles and literals unmarked, one line."""
    text = _ROLE.sub(lambda m: m.group(2).split(".")[-1] if m.group(1) else m.group(2), text)
    return " ".join(text.replace("``", "").split())


def _descriptions(cls: type) -> dict[str, str]:
    """Return the entries of the ``Attributes:`` section of *cls*'s docstring."""
    found: dict[str, str] = {}
    inside, current = False, ""
    for line in inspect.cleandoc(cls.__doc__ or "").splitlines():
        indent, text = len(line) - len(line.lstrip()), line.strip()
        if indent == 0 and text:
            inside, current = text == "Attributes:", ""
        elif inside and indent == _ENTRY_INDENT and (entry := _ENTRY.match(text)):
            current = entry.group(1)
            found[current] = entry.group(2)
        elif inside and current and text:
            found[current] += " " + text
    return {name: plain(text) for name, text in found.items()}


def _property_description(prop: property) -> str:
    return plain(inspect.cleandoc(prop.__doc__ or "").split("\n\n")[0])


def _unwrap_optional(hint: Any) -> tuple[Any, bool]:  # noqa: ANN401 - any type hint
    """Return *hint* without ``None``, and whether ``None`` was allowed."""
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(hint)) == len(args) + 1:
            return args[0], True
        msg = f"cannot export a union of several types: {hint!r}"
        raise TypeError(msg)
    return hint, False


def column_type(hint: Any) -> ColumnType:  # noqa: ANN401 - any type hint
    """Return the :class:`ColumnType` of a (non-optional) type hint.

    Raises:
        TypeError: The hint has no mapping: a type other than ``str``,
            ``int``, ``float``, ``bool``, ``datetime.date``, a string
            ``Literal``, ``tuple[X, ...]`` or an attrs class.
    """
    if hint in SCALARS:
        return ColumnType(SCALARS[hint])
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is Literal and all(isinstance(a, str) for a in args):
        return ColumnType("string", choices=tuple(args))
    if origin is tuple and args[1:] == (Ellipsis,):
        item, optional = _unwrap_optional(args[0])
        if optional:
            msg = f"cannot export a tuple with None items: {hint!r}"
            raise TypeError(msg)
        return ColumnType("list", item=column_type(item))
    if isinstance(hint, type) and attrs.has(hint):
        return ColumnType("struct", fields=columns_of(hint))
    msg = f"no export mapping for the type {hint!r}"
    raise TypeError(msg)


def _column(
    name: str,
    hint: Any,  # noqa: ANN401 - any type hint
    description: str,
    *,
    derived: bool = False,
    attribute: str = "",
) -> Column:
    inner, nullable = _unwrap_optional(hint)
    return Column(name, column_type(inner), nullable, description, derived, attribute)


@functools.cache
def columns_of(cls: type) -> tuple[Column, ...]:
    """Return the columns of the attrs class *cls*, one per field, in field order.

    Descriptions come from the field's ``metadata["description"]``, else from
    the ``Attributes:`` section of the class docstring, else are empty.
    """
    hints = typing.get_type_hints(cls)
    described = _descriptions(cls)
    return tuple(
        _column(
            RENAMED.get((cls, field.name), field.name),
            hints[field.name],
            field.metadata.get(DESCRIPTION_KEY) or described.get(field.name, ""),
            attribute=field.name if (cls, field.name) in RENAMED else "",
        )
        for field in attrs.fields(cls)
    )


@functools.cache
def message_columns() -> tuple[Column, ...]:
    """Return the columns of an exported message: its fields, and the derived ones.

    Each property named in :data:`DERIVED` follows the field it names, typed
    by its return annotation and described by its docstring's first paragraph.
    """
    out: list[Column] = []
    for column in columns_of(Message):
        out.append(column)
        for name, after in DERIVED.items():
            if after == column.name:
                prop = getattr(Message, name)
                hint = typing.get_type_hints(prop.fget)["return"]
                out.append(_column(name, hint, _property_description(prop), derived=True))
    return tuple(out)


def _plain(value: Any, kind: ColumnType) -> Any:  # noqa: ANN401 - a value of any column
    if value is None:
        return None
    if kind.item is not None:
        return [_plain(v, kind.item) for v in value]
    if kind.kind == "struct":
        return {c.name: _plain(getattr(value, c.field), c.type) for c in kind.fields}
    return value


def row(message: object, columns: Iterable[Column] | None = None) -> dict[str, Any]:
    """Return *message* as a dict of Python values, one key per column.

    Lists are lists, nested records dicts, dates :class:`datetime.date`
    objects (not strings), ``None`` where a value is missing. *columns*
    defaults to :func:`message_columns`; give :func:`columns_of` another
    record's class to turn that record into a row.
    """
    return {
        c.name: _plain(getattr(message, c.field), c.type)
        for c in (message_columns() if columns is None else columns)
    }


def walk(columns: Iterable[Column], visit: Callable[[str, Column], None], prefix: str = "") -> None:
    """Call *visit* with the dotted path and the column of every column, nested ones too."""
    for column in columns:
        path = f"{prefix}{column.name}"
        visit(path, column)
        kind = column.type.item if column.type.item is not None else column.type
        if kind.kind == "struct":
            walk(kind.fields, visit, f"{path}.")


def markdown_table() -> str:
    """Return the table of columns, nested ones as dotted paths, in Markdown."""
    lines = ["| column | type | may be null | description |", "| --- | --- | --- | --- |"]

    def visit(path: str, column: Column) -> None:
        kind = column.type.describe()
        if column.type.choices:
            kind += " (" + ", ".join(f"`{c}`" for c in column.type.choices) + ")"
        nullable = "yes" if column.nullable else "no"
        description = column.description.replace("|", "\\|")
        if column.derived:
            description += " (derived)"
        lines.append(f"| `{path}` | {kind} | {nullable} | {description} |")

    walk(message_columns(), visit)
    return "\n".join(lines) + "\n"
