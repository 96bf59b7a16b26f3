"""A Frictionless Data Package of messages: ``datapackage.json`` and one CSV per table.

The tables are those of :mod:`._relational`, each a tabular resource with a
typed Table Schema, its primary key and its foreign key to the parent
table; the package names its licence and its source.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import _citation, _licence
from .._atomic import checked_path, replacing_folder
from .._model import Message
from .._records import IncomingMessage, Name, Pair
from .._version import __version__
from ._relational import Table, TableColumn, rows, tables

#: The package descriptor's file name.
DESCRIPTOR = "datapackage.json"
#: The Table Schema type of each kind of column.
FIELD_TYPES = {
    "string": "string",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
    "date": "date",
}
#: The data package's name: lower case, as the specification asks.
NAME = "stalin-telegrams"


def _field(column: TableColumn) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": FIELD_TYPES[column.kind],
        "description": column.description,
    }
    constraints: dict[str, Any] = {}
    if not column.nullable:
        constraints["required"] = True
    if column.choices:
        constraints["enum"] = list(column.choices)
    if constraints:
        field["constraints"] = constraints
    return field


def missing_values(table: Table) -> list[str]:
    """Return the cells that stand for a missing value in *table*'s CSV file.

    An empty cell is missing in a table with a nullable column, and an empty
    string there is refused by :func:`table_csv`; a table with none (the
    index of names, whose ``note`` is often ``""``) keeps empty strings.
    """
    return [""] if any(column.nullable for column in table.columns) else []


def _resource(table: Table, by_name: dict[str, Table]) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [_field(column) for column in table.columns],
        "primaryKey": list(table.primary_key),
        "missingValues": missing_values(table),
    }
    keys = [(table.foreign_key, table.parent)] if table.parent is not None else []
    keys += [(link.columns, link.table) for link in table.links]
    if keys:
        schema["foreignKeys"] = [
            {
                "fields": list(columns),
                "reference": {"resource": target, "fields": list(by_name[target].primary_key)},
            }
            for columns, target in keys
        ]
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": table.description,
        "schema": schema,
    }


def descriptor(version: str = __version__) -> dict[str, Any]:
    """Return the ``datapackage.json`` descriptor: licence, source, one resource per table."""
    all_tables = tables()
    by_name = {table.name: table for table in all_tables}
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": _citation.TITLE,
        "description": (
            "Every message of the volume, one row each in messages.csv, with its"
            " recipients, source lines, corrections, references, notes and mentions in"
            " tables of their own, joined on the message id; the incoming messages the"
            " volume names but does not print (incoming.csv), the pairs of related"
            " messages (pairs.csv) and the index of names (names.csv).\n\n" + _licence.STATEMENT
        ),
        "version": version,
        "licenses": [
            {
                "name": _licence.DATA_LICENCE,
                "path": _licence.DATA_LICENCE_URL,
                "title": _licence.DATA_LICENCE_TITLE,
            }
        ],
        "sources": [{"title": _citation.edition()}],
        "contributors": [{"title": _citation.AUTHOR, "role": "author"}],
        "resources": [_resource(table, by_name) for table in all_tables],
    }


def _cell(value: Any) -> Any:  # noqa: ANN401 - any scalar of a row
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def table_csv(table: Table, table_rows: Sequence[tuple[Any, ...]]) -> str:
    """Return one table as CSV text: a header of column names, then the rows.

    Raises:
        ValueError: An empty string in a table where an empty cell means a
            missing value (:func:`missing_values`).
    """
    if missing_values(table) and any("" in r for r in table_rows):
        msg = f"table {table.name}: an empty string would read back as a missing value"
        raise ValueError(msg)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([column.name for column in table.columns])
    writer.writerows([_cell(value) for value in r] for r in table_rows)
    return out.getvalue()


def to_datapackage(
    messages: Sequence[Message],
    folder: str | os.PathLike[str],
    *,
    incoming: Sequence[IncomingMessage] = (),
    pairs: Sequence[Pair] = (),
    names: Sequence[Name] = (),
) -> Path:
    """Write *messages* as a data package into *folder*, made if missing.

    The ``incoming``, ``pairs`` and ``names`` resources hold the records
    given (empty when none are).

    The package is written as a set: it is built in a new folder beside
    *folder* and swapped in when complete, so that a failure on the way
    leaves *folder* as it was. An existing *folder* may hold only the files
    of a data package (:data:`DESCRIPTOR` and the tables' CSV files); one
    that holds anything else is refused, never replaced.

    Returns:
        The path of ``datapackage.json``.

    Raises:
        ArgumentTypeError: *folder* is not a path.
        InvalidArgumentError: *folder* is empty or holds a NUL.
        ExportError: *folder* holds a file the package does not write; the
            error names it.
        NotADirectoryError: *folder* is a file.
        OSError: A file cannot be written; the error names it.
    """
    given = checked_path(folder, "folder")
    data = rows(messages, incoming=incoming, pairs=pairs, names=names)
    texts = {f"{table.name}.csv": table_csv(table, data[table.name]) for table in tables()}
    texts[DESCRIPTOR] = json.dumps(descriptor(), ensure_ascii=False, indent=2) + "\n"
    with replacing_folder(given, package_files(), argument="folder") as building:
        for name, text in texts.items():
            building.write_text(name, text)
    return Path(given) / DESCRIPTOR


def package_files() -> frozenset[str]:
    """Return the names of the files of a data package: the descriptor and one CSV per table."""
    return frozenset({DESCRIPTOR, *(f"{table.name}.csv" for table in tables())})
