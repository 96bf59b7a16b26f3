"""Arrow tables and Parquet files of messages, typed from the model (extra ``arrow``).

pyarrow is imported only when one of these functions runs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .._atomic import checked_path, writing
from .._extras import require
from .._model import Message
from ._schema import Column, ColumnType, message_columns, row

if TYPE_CHECKING:
    import pyarrow as pa

#: The extra that installs pyarrow.
EXTRA = "arrow"
#: The key of a field's description in its Arrow metadata.
DESCRIPTION = "description"
#: The name of a list's item field, as Parquet has it.
LIST_ITEM = "element"
#: The prefix of the table metadata keys (``stalin_telegrams.package_version`` …).
METADATA_PREFIX = "stalin_telegrams."


def _pa(needed_by: str) -> Any:  # noqa: ANN401 - the pyarrow module, untyped
    return require("pyarrow", EXTRA, needed_by)


def _type(pa: Any, kind: ColumnType) -> Any:  # noqa: ANN401 - pyarrow objects are untyped
    if kind.item is not None:
        # Parquet calls a list's item "element"; so the table reads back unchanged.
        return pa.list_(pa.field(LIST_ITEM, _type(pa, kind.item), nullable=False))
    if kind.kind == "struct":
        return pa.struct([_field(pa, column) for column in kind.fields])
    scalars = {
        "string": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
    }
    return scalars[kind.kind]


def _field(pa: Any, column: Column) -> Any:  # noqa: ANN401 - pyarrow objects are untyped
    return pa.field(
        column.name,
        _type(pa, column.type),
        nullable=column.nullable,
        metadata={DESCRIPTION: column.description},
    )


def arrow_schema(metadata: Mapping[str, str] | None = None) -> pa.Schema:
    """Return the Arrow schema of an exported message, with *metadata* on it.

    Dates are ``date32``, lists of strings ``list<string>``, nested records
    lists of structs; each field carries its description in its metadata.
    The keys of *metadata* get the prefix ``stalin_telegrams.``.

    Raises:
        MissingExtraError: pyarrow is not installed.
    """
    pa = _pa("arrow_schema()")
    fields = [_field(pa, column) for column in message_columns()]
    extra = {f"{METADATA_PREFIX}{key}": value for key, value in (metadata or {}).items()}
    return pa.schema(fields, metadata=extra or None)


def to_arrow(messages: Sequence[Message], metadata: Mapping[str, str] | None = None) -> pa.Table:
    """Return *messages* as a :class:`pyarrow.Table`, one row per message.

    Args:
        messages: The messages, in the order of the rows.
        metadata: Key-value pairs for the table's metadata (see
            :func:`arrow_schema`).

    Returns:
        A table with the schema of :func:`arrow_schema`.

    Raises:
        MissingExtraError: pyarrow is not installed.
    """
    pa = _pa("to_arrow()")
    schema = arrow_schema(metadata)
    columns = message_columns()
    rows = [row(message, columns) for message in messages]
    arrays = [
        pa.array([r[column.name] for r in rows], type=schema.field(column.name).type)
        for column in columns
    ]
    return pa.Table.from_arrays(arrays, schema=schema)


def to_parquet(
    messages: Sequence[Message],
    path: str | os.PathLike[str],
    metadata: Mapping[str, str] | None = None,
) -> None:
    """Write *messages* to a Parquet file at *path*, as :func:`to_arrow` types them.

    The file is made in memory, then written through
    :func:`~stalin_telegrams._atomic.writing`: under a temporary name beside
    *path* and renamed when complete, or in place for a pipe or a device.
    pyarrow never sees *path* (it deletes the path it was given when a write
    fails).

    Raises:
        MissingExtraError: pyarrow is not installed.
        ArgumentTypeError: *path* is not a path.
        InvalidArgumentError: *path* is empty or holds a NUL.
        OSError: The file cannot be written.
    """
    checked_path(path)
    table = to_arrow(messages, metadata)
    parquet = require("pyarrow.parquet", EXTRA, "to_parquet()")
    pa = _pa("to_parquet()")
    sink = pa.BufferOutputStream()
    parquet.write_table(table, sink)
    with writing(path) as stream:
        stream.write(sink.getvalue())
