"""The exported columns as normalised tables, for SQLite and the data package.

:func:`tables` derives the tables from :func:`~._schema.message_columns`:
the scalar columns of a message make the ``messages`` table (key ``id``);
each list column becomes a child table named after it (``recipients``,
``reply_links`` …; ``references`` becomes ``message_references``), keyed
by the parent's key and the item's ``position`` (0-based, the order of the
tuple), holding the item's value (a list of
strings or dates) or its scalar fields (a list of records). Lists inside
records become grandchild tables (``reference_targets``) the same way.

The other records of a corpus get tables the same way, from their attrs
classes: ``incoming`` (:class:`~stalin_telegrams.IncomingMessage`, key ``id``,
children ``incoming_authors`` … keyed by ``incoming_id``), ``names`` (the
index of names, :class:`~stalin_telegrams.Name`, key ``name``, child
``name_aliases``) and ``pairs`` (:class:`~stalin_telegrams.Pair`, whose
message fields become ``first_id`` and ``second_id``, foreign keys to
``messages``). Besides the key of its parent, a table may declare a foreign
key of :data:`LINKS` (``mentions.name`` to ``names``). Columns that hold the
id of a message *or* of an incoming message (``in_reply_to``,
``reference_targets``, ``incoming_answered_by`` …) get no foreign key: SQL
and Table Schema keys point at one table.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs

from .._model import Message
from .._records import IncomingMessage, Name, Pair
from ..exceptions import InvalidArgumentError
from ._schema import Column, Kind, columns_of, message_columns, row

#: The table of messages, and its key column.
MESSAGES = "messages"
MESSAGE_KEY = "id"
#: The tables of the other records, each the root of its own children.
INCOMING = "incoming"
NAMES = "names"
PAIRS = "pairs"
#: The column that orders the items of a list in its child table.
POSITION = "position"
#: Plurals that do not end in a plain ``s``.
_SINGULARS = {"aliases": "alias"}
#: Tables named otherwise than their column, because the name would need
#: quoting in SQL (``REFERENCES`` is a keyword of SQLite and DuckDB); their
#: children keep the column's name (``reference_targets``).
_TABLE_NAMES = {"references": "message_references"}
#: Foreign keys other than a child's key to its parent: the dotted path of
#: a column (as in :attr:`Table.path`) and the table whose key it holds.
LINKS = {"mentions.name": NAMES, "part_of.part_of": NAMES}
#: The key of each table a link can point at.
_KEYS = {MESSAGES: (MESSAGE_KEY,), NAMES: ("name",)}


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
class Link:
    """A foreign key other than the one to the parent table.

    Attributes:
        columns: The columns of this table that hold the key.
        table: The table referred to.
        fields: Its key columns, in the same order.
    """

    columns: tuple[str, ...]
    table: str
    fields: tuple[str, ...]


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
            for a root table.
        links: Its other foreign keys.
    """

    name: str
    description: str
    columns: tuple[TableColumn, ...]
    primary_key: tuple[str, ...]
    parent: str | None = None
    foreign_key: tuple[str, ...] = ()
    path: str = ""
    links: tuple[Link, ...] = ()


def singular(name: str) -> str:
    """Return *name* in the singular: ``references`` -> ``reference``."""
    if name in _SINGULARS:
        return _SINGULARS[name]
    return name[:-1] if name.endswith("s") and len(name) > 1 else name


def _stem(table: Table) -> str:
    """Return what a table's children are named after: its name, or the column of a renamed one."""
    column = table.path.rsplit(".", 1)[-1]
    renamed = _TABLE_NAMES.get(column) == table.name
    return singular(column if renamed else table.name)


def _inherited(parent: Table) -> tuple[TableColumn, ...]:
    """Return the key columns a child of *parent* carries, renamed after the parent."""
    prefix = _stem(parent)
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
        name = (
            _TABLE_NAMES.get(column.name, column.name)
            if parent.name == MESSAGES
            else f"{_stem(parent)}_{column.name}"
        )
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
        here = f"{path}{column.name}"
        table = Table(
            name,
            column.description,
            (*keys, position, *values),
            primary_key=(*(k.name for k in keys), POSITION),
            parent=parent.name,
            foreign_key=tuple(k.name for k in keys),
            path=here,
            links=tuple(
                Link((v.name,), LINKS[f"{here}.{v.name}"], _KEYS[LINKS[f"{here}.{v.name}"]])
                for v in values
                if f"{here}.{v.name}" in LINKS
            ),
        )
        names = [c.name for c in table.columns]
        if len(set(names)) != len(names):
            msg = f"table {name}: a field takes the name of a key column: {names}"
            raise TypeError(msg)
        yield table
        if item.kind == "struct":
            yield from _children(table, item.fields, f"{path}{column.name}.")


def _root(name: str, description: str, columns: Sequence[Column], key: str) -> tuple[Table, ...]:
    table = Table(name, description, tuple(_scalars(columns)), primary_key=(key,))
    return (table, *_children(table, columns, ""))


def _pairs() -> Table:
    """Return the table of pairs: a field holding a message becomes ``<field>_id``."""
    hints = {f.name: f.type for f in attrs.fields(Pair)}
    columns: list[TableColumn] = []
    links: list[Link] = []
    for column in columns_of(Pair):
        if hints[column.name] in {Message, "Message"}:
            name = f"{column.name}_{MESSAGE_KEY}"
            columns.append(TableColumn(name, "string", column.nullable, column.description))
            links.append(Link((name,), MESSAGES, _KEYS[MESSAGES]))
        else:
            columns.extend(_scalars((column,)))
    return Table(
        PAIRS,
        "One row per pair of messages a reader would name together, as duplicates() gives them.",
        tuple(columns),
        primary_key=tuple(link.columns[0] for link in links),
        links=tuple(links),
    )


@functools.cache
def tables() -> tuple[Table, ...]:
    """Return the tables, ``messages`` first, each parent before its children.

    After the messages and their children come ``incoming`` and its
    children, ``pairs``, and ``names`` and its children.

    Raises:
        TypeError: A record is nested outside a list, or a field is named
            like a key column (``position``, ``message_id`` …).
    """
    return (
        *_root(
            MESSAGES,
            "One row per message of the correspondence, in volume order.",
            message_columns(),
            MESSAGE_KEY,
        ),
        *_root(
            INCOMING,
            "One row per message to Stalin that the printed messages name but the volume"
            " does not print, in date order.",
            columns_of(IncomingMessage),
            "id",
        ),
        _pairs(),
        *_root(NAMES, "One row per entry of the index of names.", columns_of(Name), "name"),
    )


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


def rows(
    messages: Iterable[Message],
    *,
    incoming: Iterable[IncomingMessage] = (),
    pairs: Iterable[Pair] = (),
    names: Iterable[Name] = (),
) -> dict[str, list[tuple[Any, ...]]]:
    """Return the rows of every table of :func:`tables`, by table name.

    Each row is a tuple in the order of the table's columns; dates are
    :class:`datetime.date`, missing values ``None``. A table whose records
    are not given is empty.

    Raises:
        InvalidArgumentError: A column with a foreign key other than to
            its parent (:attr:`Table.links`) names a row that is not given:
            a message mentions a name missing from *names*, or a pair holds
            a message missing from *messages*.
    """
    all_tables = tables()
    by_name = {table.name: table for table in all_tables}
    children: dict[str, list[Table]] = {}
    for table in all_tables:
        if table.parent is not None:
            children.setdefault(table.parent, []).append(table)
    out: dict[str, list[tuple[Any, ...]]] = {table.name: [] for table in all_tables}
    roots: tuple[tuple[str, Iterable[Any], Sequence[Column]], ...] = (
        (MESSAGES, messages, message_columns()),
        (INCOMING, incoming, columns_of(IncomingMessage)),
        (NAMES, names, columns_of(Name)),
    )
    for name, records, columns in roots:
        top = by_name[name]
        for record in records:
            values = row(record, columns)
            out[name].append(tuple(values[c.name] for c in top.columns))
            _fill(out, top, children, (values[top.primary_key[0]],), values)
    pair_table = by_name[PAIRS]
    for pair in pairs:
        values = {}
        for field in attrs.fields(Pair):
            value = getattr(pair, field.name)
            if isinstance(value, Message):
                values[f"{field.name}_{MESSAGE_KEY}"] = value.id
            else:
                values[field.name] = value
        out[PAIRS].append(tuple(values[c.name] for c in pair_table.columns))
    _check_links(out, all_tables)
    return out


def _check_links(data: dict[str, list[tuple[Any, ...]]], all_tables: Sequence[Table]) -> None:
    """Raise if a linked column names a row its target table lacks."""
    by_name = {table.name: table for table in all_tables}
    for table in all_tables:
        for link in table.links:
            target = by_name[link.table]
            at = [i for i, c in enumerate(target.columns) if c.name in link.fields]
            known = {tuple(r[i] for i in at) for r in data[target.name]}
            where = [i for i, c in enumerate(table.columns) if c.name in link.columns]
            missing = sorted(
                {tuple(r[i] for i in where) for r in data[table.name]} - known, key=str
            )
            if missing:
                shown = ", ".join(repr(m[0] if len(m) == 1 else m) for m in missing[:5])
                msg = (
                    f"{table.name}.{', '.join(link.columns)} names {len(missing)} value(s)"
                    f" not in {link.table}: {shown}; give every record they refer to"
                    f" (for a corpus of your own messages: Corpus(messages,"
                    f" index=load().name_index))"
                )
                raise InvalidArgumentError(msg)
