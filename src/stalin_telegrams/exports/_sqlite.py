"""A SQLite database of messages, for Datasette and any SQL client.

The tables are those of :mod:`._relational` (``messages`` and one table per
list field), with their primary and foreign keys declared, and an FTS5
full-text index over the message texts, ``messages_fts``. Beside the
database goes a Datasette metadata file (title, source, licence, a
description of every table and column).
"""

from __future__ import annotations

import datetime
import errno
import json
import os
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .. import _citation, _licence
from .._atomic import Target, checked_path, file_set
from .._model import Message
from .._records import IncomingMessage, Name, Pair
from ..exceptions import ExportError, InvalidArgumentError
from ._relational import MESSAGES, Table, TableColumn, rows, tables

#: The SQLite type of each kind of column; dates are ISO ``YYYY-MM-DD`` text.
SQL_TYPES = {
    "string": "TEXT",
    "integer": "INTEGER",
    "number": "REAL",
    "boolean": "INTEGER",
    "date": "TEXT",
}
#: The full-text index and the column it indexes: the text alone, as
#: filter_by(contains=...) searches it.
FTS_TABLE = "messages_fts"
FTS_COLUMN = "text"
#: The suffix of the Datasette metadata file written beside the database.
METADATA_SUFFIX = ".metadata.json"


def quote(name: str) -> str:
    """Return *name* quoted as an SQL identifier (``references`` is a keyword)."""
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _column_sql(column: TableColumn) -> str:
    name = quote(column.name)
    parts = [name, SQL_TYPES[column.kind]]
    if not column.nullable:
        parts.append("NOT NULL")
    if column.kind == "boolean":
        parts.append(f"CHECK ({name} IN (0, 1))")
    if column.kind == "date":
        parts.append(f"CHECK ({name} IS date({name}))")
    if column.choices:
        allowed = ", ".join(_literal(choice) for choice in column.choices)
        parts.append(f"CHECK ({name} IN ({allowed}))")
    return " ".join(parts)


def _table_sql(table: Table, by_name: Mapping[str, Table]) -> str:
    lines = [_column_sql(column) for column in table.columns]
    lines.append(f"PRIMARY KEY ({', '.join(quote(k) for k in table.primary_key)})")
    keys = [(table.foreign_key, table.parent)] if table.parent is not None else []
    keys += [(link.columns, link.table) for link in table.links]
    for columns, target in keys:
        lines.append(
            f"FOREIGN KEY ({', '.join(quote(k) for k in columns)})"
            f" REFERENCES {quote(target)}"
            f" ({', '.join(quote(k) for k in by_name[target].primary_key)})"
        )
    body = ",\n    ".join(lines)
    return f"CREATE TABLE {quote(table.name)} (\n    {body}\n)"


def schema_sql() -> list[str]:
    """Return the statements that create the tables and the full-text index."""
    all_tables = tables()
    by_name = {table.name: table for table in all_tables}
    statements = [_table_sql(table, by_name) for table in all_tables]
    # content="messages": an external-content index, which Datasette detects.
    statements.append(
        f"CREATE VIRTUAL TABLE {quote(FTS_TABLE)} USING fts5("
        f'{quote(FTS_COLUMN)}, content="{MESSAGES}", content_rowid="rowid")'
    )
    return statements


def _value(value: Any) -> Any:  # noqa: ANN401 - any scalar of a row
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def write_database(
    connection: sqlite3.Connection,
    messages: Iterable[Message],
    *,
    incoming: Iterable[IncomingMessage] = (),
    pairs: Iterable[Pair] = (),
    names: Iterable[Name] = (),
) -> None:
    """Create the tables in an empty database and fill them with the records given."""
    connection.execute("PRAGMA foreign_keys = ON")
    # The file is a fresh temporary one, renamed only when complete: a crash
    # loses nothing, so skip the rollback journal and the syncs (neither is
    # stored in the file).
    connection.execute("PRAGMA journal_mode = OFF")
    connection.execute("PRAGMA synchronous = OFF")
    with connection:
        for statement in schema_sql():
            connection.execute(statement)
        data = rows(messages, incoming=incoming, pairs=pairs, names=names)
        # The tables a link points at are filled first, so that every key
        # is checked as its row goes in.
        targets = {link.table for table in tables() for link in table.links}
        ordered = sorted(tables(), key=lambda table: table.name not in targets)
        for table in ordered:
            marks = ", ".join("?" for _ in table.columns)
            connection.executemany(
                f"INSERT INTO {quote(table.name)} VALUES ({marks})",  # noqa: S608 - names from the model, quoted
                ([_value(v) for v in r] for r in data[table.name]),
            )
        fts = quote(FTS_TABLE)
        connection.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")  # noqa: S608 - a constant


def metadata_path(path: str | os.PathLike[str]) -> Path:
    """Return where :func:`to_sqlite` puts the metadata file of the database at *path*."""
    database = Path(path)
    return database.with_name(database.stem + METADATA_SUFFIX)


def datasette_metadata(database: str) -> dict[str, Any]:
    """Return the Datasette metadata of the database named *database* (its file stem)."""
    described: dict[str, Any] = {}
    for table in tables():
        entry: dict[str, Any] = {
            "description": table.description,
            "columns": {column.name: column.description for column in table.columns},
        }
        if table.name == MESSAGES:
            entry.update({"fts_table": FTS_TABLE, "sort": "number", "searchmode": "raw"})
        described[table.name] = entry
    return {
        "title": _citation.TITLE,
        "description": (
            "Every message of the volume, one row each, with its recipients, dates, text,"
            " source lines, corrections, references and mentions; the text is searchable."
            " Beside them: the incoming messages the volume names but does not print,"
            " the pairs of related messages and the index of names.\n\n" + _licence.STATEMENT
        ),
        "license": _licence.DATA_LICENCE,
        "license_url": _licence.DATA_LICENCE_URL,
        "source": _citation.edition(),
        "databases": {database: {"tables": described}},
    }


def _refuse_in_place(target: Target) -> None:
    reason = (
        "a SQLite database is written as a regular file, with its metadata file beside it;"
        " this is a pipe, a device or an open file"
    )
    raise ExportError(errno.EINVAL, reason, target.given)


#: What SQLite says when the disk or a file size limit stops a write.
_FULL = ("full", "too big", "too large")


def _failed(err: sqlite3.Error, path: str) -> Exception:
    """Return the error to raise for a SQLite error while writing the database at *path*."""
    if isinstance(err, sqlite3.IntegrityError):
        return InvalidArgumentError(f"the records break a key of the database: {err}")
    text = str(err)
    code = errno.ENOSPC if any(word in text for word in _FULL) else errno.EIO
    return ExportError(code, f"SQLite could not write the database: {text}", path)


def to_sqlite(
    messages: Sequence[Message],
    path: str | os.PathLike[str],
    *,
    incoming: Sequence[IncomingMessage] = (),
    pairs: Sequence[Pair] = (),
    names: Sequence[Name] = (),
) -> Path:
    """Write *messages* to a SQLite database at *path*, and its Datasette metadata.

    The ``incoming``, ``pairs`` and ``names`` tables hold the records given
    (empty when none are).

    The two files are written as a set: the database and the metadata file
    (:func:`metadata_path`: the database's name with ``.metadata.json`` for
    its suffix) are both written under temporary names, and renamed when
    both are complete, the database last; a failure before the renames
    changes neither. The metadata file is never written through a link.
    Open them with ``datasette telegrams.db -m telegrams.metadata.json``.

    Returns:
        The path of the metadata file.

    Raises:
        ArgumentTypeError: *path* is not a path.
        InvalidArgumentError: *path* is empty or holds a NUL.
        ExportError: SQLite cannot write the database (a full disk, a size
            limit); *path* is not a regular file (a pipe, a device), or the
            metadata file's name is taken by a link or anything but a
            regular file. It names the file.
        OSError: A file cannot be written; it names the file.
    """
    given = checked_path(path)
    meta = metadata_path(given)
    document = datasette_metadata(Path(given).stem)
    with file_set() as files:
        # The metadata first: the database, renamed last, completes the set.
        stream = files.open(meta, is_derived=True)
        stream.write((json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode())
        temporary = files.path(given, regular_only=_refuse_in_place)
        try:
            connection = sqlite3.connect(temporary)
        except sqlite3.Error as err:
            raise _failed(err, given) from err
        try:
            write_database(connection, messages, incoming=incoming, pairs=pairs, names=names)
        except sqlite3.Error as err:
            raise _failed(err, given) from err
        finally:
            connection.close()
    return meta
