"""Tests for stalin_telegrams.exports._schema: the columns derived from the model."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Literal

import attrs
import pytest

from stalin_telegrams import Message, load
from stalin_telegrams.exports._records import record_keys, to_records
from stalin_telegrams.exports._schema import (
    Column,
    ColumnType,
    column_type,
    columns_of,
    markdown_table,
    message_columns,
    plain,
    row,
    walk,
)

DOCS_PAGE = Path(__file__).resolve().parents[2] / "docs" / "use-with.md"
TABLE_START = "<!-- columns: start -->"
TABLE_END = "<!-- columns: end -->"


@attrs.frozen
class _Inner:
    """A nested record.

    Attributes:
        at: A day.
    """

    at: datetime.date


@attrs.frozen
class _Outer:
    """A record of every mapped type.

    Attributes:
        name: A string.
        count: An integer,
            described on two lines.
        share (float): A number.
        flag: A boolean.
        kind: One of two strings.
        maybe: An optional integer.
        tags: Strings.
        inners: Records.
    """

    name: str
    count: int
    share: float
    flag: bool
    kind: Literal["a", "b"]
    maybe: int | None
    tags: tuple[str, ...]
    inners: tuple[_Inner, ...]
    other: str = attrs.field(default="", metadata={"description": "From the metadata."})


def _all_columns() -> list[tuple[str, Column]]:
    found: list[tuple[str, Column]] = []
    walk(message_columns(), lambda path, column: found.append((path, column)))
    return found


class TestColumnType:
    """column_type() maps a type hint to a column type."""

    def test_scalars(self) -> None:
        """str, int, float, bool and date map to the five scalar kinds."""
        hints = (str, int, float, bool, datetime.date)
        expected = ["string", "integer", "number", "boolean", "date"]
        assert expected == [column_type(hint).kind for hint in hints]

    def test_literal(self) -> None:
        """A string Literal is a string with its choices."""
        assert ColumnType("string", choices=("a", "b")) == column_type(Literal["a", "b"])

    def test_tuple(self) -> None:
        """tuple[X, ...] is a list of X."""
        assert ColumnType("list", item=ColumnType("date")) == column_type(tuple[datetime.date, ...])

    def test_attrs_class(self) -> None:
        """An attrs class is a struct of its columns."""
        assert ColumnType("struct", fields=columns_of(_Inner)) == column_type(_Inner)

    @pytest.mark.parametrize(
        "hint", [bytes, dict[str, str], tuple[str, int], int | str, tuple[int | None, ...]]
    )
    def test_unmapped(self, hint: object) -> None:
        """A type with no mapping raises TypeError, naming it."""
        with pytest.raises(TypeError, match="export"):
            column_type(hint)


class TestColumnsOf:
    """columns_of() describes an attrs class, field by field."""

    def test_fields_types_and_descriptions(self) -> None:
        """Names, kinds, nullability and descriptions come from the class."""
        columns = columns_of(_Outer)
        assert [f.name for f in attrs.fields(_Outer)] == [c.name for c in columns]
        kinds = ["string", "integer", "number", "boolean", "string", "integer"]
        assert [*kinds, "list", "list", "string"] == [c.type.kind for c in columns]
        assert [c.name == "maybe" for c in columns] == [c.nullable for c in columns]
        by_name = {c.name: c.description for c in columns}
        assert "An integer, described on two lines." == by_name["count"]
        assert "A number." == by_name["share"]
        assert "From the metadata." == by_name["other"]
        assert columns_of(_Inner) == columns[-2].type.item.fields  # type: ignore[union-attr]


class TestMessageColumns:
    """message_columns() describes an exported message."""

    def test_record_keys(self) -> None:
        """The columns are the keys of to_records(), in order."""
        assert list(record_keys()) == [c.name for c in message_columns()]

    def test_every_field_reaches_the_exports(self) -> None:
        """Every field of Message is a column; date and in_reply_to are derived."""
        names = {c.field for c in message_columns() if not c.derived}
        assert {f.name for f in attrs.fields(Message)} == names
        assert ["date", "in_reply_to"] == [c.name for c in message_columns() if c.derived]

    def test_renamed(self) -> None:
        """A field whose name SQL would need quoted is exported under another name."""
        spans = next(c for c in message_columns() if c.name == "source_lines").type.item
        assert spans is not None
        assert [("first_line", "start"), ("last_line", "end")] == [
            (c.name, c.field) for c in spans.fields
        ]

    def test_every_column_described(self) -> None:
        """Every column, nested ones too, has a description (add it to the docstring)."""
        undescribed = [path for path, column in _all_columns() if not column.description]
        assert [] == undescribed

    def test_descriptions_are_plain(self) -> None:
        """Descriptions hold no reST markup."""
        marked = [
            p for p, c in _all_columns() if "``" in c.description or ":attr:" in c.description
        ]
        assert [] == marked


class TestPlain:
    """plain() strips reST from docstring text."""

    def test_roles_and_literals(self) -> None:
        """Roles keep their target (the last part after ~), literals lose their backticks."""
        text = "See :attr:`~a.Message.text` and :func:`load`,\n  or ``None``."
        assert "See text and load, or None." == plain(text)


class TestRow:
    """row() gives a message as Python values, one per column."""

    def test_matches_records(self) -> None:
        """Row values equal the record's once dates are written in ISO form."""

        def iso(value: object) -> object:
            if isinstance(value, datetime.date):
                return value.isoformat()
            if isinstance(value, list):
                return [iso(v) for v in value]
            if isinstance(value, dict):
                return {k: iso(v) for k, v in value.items()}
            return value

        def by_field(value: object, kind: ColumnType) -> object:
            if kind.item is not None and isinstance(value, list):
                return [by_field(v, kind.item) for v in value]
            if kind.kind == "struct" and isinstance(value, dict):
                return {c.field: by_field(value[c.name], c.type) for c in kind.fields}
            return value

        for message, record in zip(load(), to_records(load()), strict=True):
            values = row(message)
            assert record == iso(
                {c.field: by_field(values[c.name], c.type) for c in message_columns()}
            )

    def test_dates_stay_dates(self) -> None:
        """Dates are datetime.date objects."""
        message = load()["1942-11-20-churchill"]
        assert message.date == row(message)["date"]


class TestMarkdownTable:
    """markdown_table() lists every column; the docs carry the current table."""

    def test_every_column_listed(self) -> None:
        """Each column path has its row."""
        table = markdown_table()
        assert all(f"| `{path}` |" in table for path, _ in _all_columns())

    def test_docs_table_current(self) -> None:
        """docs/use-with.md holds the table generated from the model."""
        page = DOCS_PAGE.read_text(encoding="utf-8")
        committed = page.split(TABLE_START)[1].split(TABLE_END)[0].strip("\n") + "\n"
        assert markdown_table() == committed, (
            "regenerate the table in docs/use-with.md with"
            " stalin_telegrams.exports._schema.markdown_table()"
        )
