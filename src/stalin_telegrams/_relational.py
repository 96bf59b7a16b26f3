"""The exported columns as normalised tables, for SQLite and the data package.

:func:`tables` derives the tables from :func:`~._schema.message_columns`:
the scalar columns of a message make the ``messages`` table (key ``id``);
each list column becomes a child table named after it (``recipients``,
``references`` …), keyed by the parent's key and the item's ``position``
(0-based, the order of the tuple), holding the item's value (a list of
strings or dates) or its scalar fields (a list of records). Lists inside
records become grandchild tables (``reference_targets``) the same way.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs

from ._model import Message
from ._schema import Column, Kind, message_columns, row

#: The table of messages, and its key column.
MESSAGES = "messages"
MESSAGE_KEY = "id"
#: The column that orders the items of a list in its child table.
POSITION = "position"


@attrs.frozen
class TableColumn:
    """One column of a table: a scalar value.

    Attributes:
        name: The column's name.
        kind: Its scalar kind: ``"string"``, ``"integer"``, ``"number"``,
            ``"boolean"`` or ``"date"``.
        nullable: Whether it may be empty (``NULL``).
        description: What it holds.
        choices: The allowed values of a string column, if the model fixes them.
    """

    name: str
    kind: Kind
    nullable: bool
    description: str
    choices: tuple[str, ...] = ()


@attrs.frozen
class Table:
    """One normalised table.

    Attributes:
        name: The table's name.
        description: What a row is.
        columns: Its columns, key columns first.
        primary_key: The columns that identify a row.
        parent: The table a row belongs to, or ``None`` for ``messages``.
        foreign_key: The columns that hold the parent's primary key, in
            the parent's key order.
        path: The column of :func:`~._schema.message_columns` the table
            comes from, as a dotted path (``"references.targets"``); empty
            for ``messages``.
    """

    name: str
    description: str
    columns: tuple[TableColumn, ...]
    primary_key: tuple[str, ...]
    parent: str | None = None
    foreign_key: tuple[str, ...] = ()
    path: str = ""


def singular(name: str) -> str:
    """Return *name* less a final ``s``: ``references`` -> ``reference``."""
    return name[:-1] if name.endswith("s") and len(name) > 1 else name


def _inherited(parent: Table) -> tuple[TableColumn, ...]:
    """Return the key columns a child of *parent* carries, renamed after the parent."""
    prefix = singular(parent.name)
    out = []
    for column in parent.columns:
        if column.name in parent.primary_key:
            name = column.name
            if name in {MESSAGE_KEY, POSITION}:
                name = f"{prefix}_{name}"
            description = f"The {column.name} of the {prefix} this row belongs to."
            out.append(TableColumn(name, column.kind, nullable=False, description=description))
    return tuple(out)


def _scalars(columns: Iterable[Column]) -> Iterator[TableColumn]:
    for column in columns:
        if column.type.kind not in {"list", "struct"}:
            yield TableColumn(
                column.name,
                column.type.kind,
                column.nullable,
                column.description,
                column.type.choices,
            )


def _children(parent: Table, columns: Sequence[Column], path: str) -> Iterator[Table]:
    for column in columns:
        if column.type.kind == "struct":
            msg = f"{path}{column.name}: a record not in a list has no table mapping"
            raise TypeError(msg)
        item = column.type.item
        if item is None:
            continue
        name = column.name if parent.name == MESSAGES else f"{singular(parent.name)}_{column.name}"
        keys = _inherited(parent)
        position = TableColumn(
            POSITION,
            "integer",
            nullable=False,
            description="Place of the item in its list, from 0.",
        )
        if item.kind == "struct":
            values = tuple(_scalars(item.fields))
        else:
            values = (
                TableColumn(
                    singular(column.name),
                    item.kind,
                    nullable=False,
                    description=column.description,
                    choices=item.choices,
                ),
            )
        table = Table(
            name,
            column.description,
            (*keys, position, *values),
            primary_key=(*(k.name for k in keys), POSITION),
            parent=parent.name,
            foreign_key=tuple(k.name for k in keys),
            path=f"{path}{column.name}",
        )
        names = [c.name for c in table.columns]
        if len(set(names)) != len(names):
            msg = f"table {name}: a field takes the name of a key column: {names}"
            raise TypeError(msg)
        yield table
        if item.kind == "struct":
            yield from _children(table, item.fields, f"{path}{column.name}.")


@functools.cache
def tables() -> tuple[Table, ...]:
    """Return the tables, ``messages`` first, each parent before its children.

    Raises:
        TypeError: A record is nested outside a list, or a field is named
            like a key column (``position``, ``message_id`` …).
    """
    columns = message_columns()
    messages = Table(
        MESSAGES,
        "One row per message of the correspondence, in volume order.",
        tuple(_scalars(columns)),
        primary_key=(MESSAGE_KEY,),
    )
    return (messages, *_children(messages, columns, ""))


def _fill(
    out: dict[str, list[tuple[Any, ...]]],
    table: Table,
    children: dict[str, list[Table]],
    key: tuple[Any, ...],
    values: dict[str, Any],
) -> None:
    for child in children.get(table.name, ()):
        field = child.path.rsplit(".", 1)[-1]
        value_columns = child.columns[len(key) + 1 :]
        for position, item in enumerate(values[field]):
            child_key = (*key, position)
            if isinstance(item, dict):
                out[child.name].append((*child_key, *(item[c.name] for c in value_columns)))
                _fill(out, child, children, child_key, item)
            else:
                out[child.name].append((*child_key, item))


def rows(messages: Iterable[Message]) -> dict[str, list[tuple[Any, ...]]]:
    """Return the rows of every table of :func:`tables`, by table name.

    Each row is a tuple in the order of the table's columns; dates are
    :class:`datetime.date`, missing values ``None``.
    """
    all_tables = tables()
    top = all_tables[0]
    children: dict[str, list[Table]] = {}
    for table in all_tables[1:]:
        children.setdefault(table.parent or "", []).append(table)
    out: dict[str, list[tuple[Any, ...]]] = {table.name: [] for table in all_tables}
    for message in messages:
        values = row(message)
        out[top.name].append(tuple(values[c.name] for c in top.columns))
        _fill(out, top, children, (message.id,), values)
    return out
