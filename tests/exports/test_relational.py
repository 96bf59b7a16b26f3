"""Tests for stalin_telegrams.exports._relational: the normalised tables."""

from __future__ import annotations

import datetime
from typing import Any

import attrs
import pytest

from stalin_telegrams import load
from stalin_telegrams._records import IncomingMessage
from stalin_telegrams.exceptions import InvalidArgumentError
from stalin_telegrams.exports._relational import (
    INCOMING,
    MESSAGES,
    NAMES,
    PAIRS,
    Link,
    Table,
    rows,
    singular,
    tables,
)
from stalin_telegrams.exports._schema import columns_of, message_columns


def _by_name() -> dict[str, Table]:
    return {table.name: table for table in tables()}


class TestSingular:
    """singular() drops a final s."""

    def test_names(self) -> None:
        """References -> reference, in_reply_to unchanged, aliases -> alias."""
        assert ["reference", "in_reply_to", "note", "alias"] == [
            singular(n) for n in ("references", "in_reply_to", "notes", "aliases")
        ]


class TestTables:
    """tables() derives one table per list column, keyed on the message."""

    def test_messages_first(self) -> None:
        """Messages comes first, keyed by id, with every scalar column of the model."""
        messages = tables()[0]
        assert MESSAGES == messages.name
        assert ("id",) == messages.primary_key
        scalars = [c.name for c in message_columns() if c.type.kind not in {"list", "struct"}]
        assert scalars == [c.name for c in messages.columns]

    def test_a_table_per_list(self) -> None:
        """Every list column of a message has its table, in column order."""
        lists = [c.name for c in message_columns() if c.type.kind == "list"]
        children = [t.path for t in tables() if t.parent == MESSAGES]
        assert lists == children

    def test_no_name_needs_quoting(self) -> None:
        """No table or column is a keyword of SQLite or DuckDB that would need quoting."""
        keywords = {"references", "end", "offset", "right", "left", "order", "group", "limit"}
        names = {t.name for t in tables()} | {c.name for t in tables() for c in t.columns}
        assert set() == names & keywords
        assert "message_references" in {t.name for t in tables()}

    def test_keys(self) -> None:
        """A child is keyed by message_id and position; its foreign key is message_id."""
        recipients = _by_name()["recipients"]
        assert ("message_id", "position") == recipients.primary_key
        assert ("message_id",) == recipients.foreign_key
        assert ["message_id", "position", "recipient"] == [c.name for c in recipients.columns]

    def test_record_fields(self) -> None:
        """A list of records holds the records' fields after the keys."""
        spans = _by_name()["source_lines"]
        assert ["message_id", "position", "first_line", "last_line"] == [
            c.name for c in spans.columns
        ]

    def test_parents_first(self) -> None:
        """Each table's parent comes before it, and its key holds the parent's."""
        seen: dict[str, Table] = {}
        for table in tables():
            if table.parent is not None:
                parent = seen[table.parent]
                assert len(parent.primary_key) == len(table.foreign_key)
            seen[table.name] = table

    def test_nested_lists(self) -> None:
        """A list inside a list of records is a grandchild table keyed on both."""

        @attrs.frozen
        class Item:
            """An item.

            Attributes:
                days: Days.
            """

            days: tuple[datetime.date, ...]

        from stalin_telegrams.exports import _relational
        from stalin_telegrams.exports._schema import Column, ColumnType, columns_of

        items = Column(
            "items",
            ColumnType("list", item=ColumnType("struct", fields=columns_of(Item))),
            nullable=False,
            description="Items.",
        )
        messages = Table(MESSAGES, "", (), primary_key=("id",))
        messages = attrs.evolve(
            messages, columns=tuple(_relational._scalars(message_columns()[:1]))
        )
        found = list(_relational._children(messages, (items,), ""))
        assert ["items", "item_days"] == [t.name for t in found]
        assert ("message_id", "item_position", "position") == found[1].primary_key
        assert ("message_id", "item_position") == found[1].foreign_key

    def test_other_roots(self) -> None:
        """Incoming and names are derived from their classes as messages are; pairs has ids."""
        found = _by_name()
        lists = [f"incoming_{c.name}" for c in columns_of(IncomingMessage) if c.type.item]
        assert lists == [t.name for t in tables() if t.parent == INCOMING]
        assert ["id", "date", "received_on"] == [c.name for c in found[INCOMING].columns]
        assert ["incoming_id", "incoming_reply_link_position", "position", "kind"] == [
            c.name for c in found["incoming_reply_link_kinds"].columns
        ]
        assert ["incoming_id", "position", "author"] == [
            c.name for c in found["incoming_authors"].columns
        ]
        assert ["first_id", "second_id", "similarity", "kind"] == [
            c.name for c in found[PAIRS].columns
        ]
        assert ["name", "position", "alias"] == [c.name for c in found["name_aliases"].columns]
        assert ("name",) == found[NAMES].primary_key

    def test_links(self) -> None:
        """Mentions and part_of point at names, pairs at messages; nothing else has a link."""
        linked = {t.name: t.links for t in tables() if t.links}
        to_messages = Link(("first_id",), MESSAGES, ("id",))
        assert {
            "mentions": (Link(("name",), NAMES, ("name",)),),
            "name_part_of": (Link(("part_of",), NAMES, ("name",)),),
            PAIRS: (to_messages, Link(("second_id",), MESSAGES, ("id",))),
        } == linked


def _everything() -> dict[str, Any]:
    corpus = load()
    return {
        "messages": corpus,
        "incoming": corpus.incoming(),
        "pairs": corpus.duplicates(),
        "names": corpus.name_index,
    }


class TestRows:
    """rows() gives every table's rows."""

    def test_counts(self) -> None:
        """Messages has a row per message; a child a row per list item."""
        corpus = load()
        data = rows(**_everything())
        assert len(corpus) == len(data[MESSAGES])
        assert sum(len(m.recipients) for m in corpus) == len(data["recipients"])
        assert sum(len(m.references) for m in corpus) == len(data["message_references"])
        assert sum(len(m.reply_links) for m in corpus) == len(data["reply_links"])
        assert sum(len(k.kinds) for m in corpus for k in m.reply_links) == len(
            data["reply_link_kinds"]
        )

    def test_other_counts(self) -> None:
        """Incoming, pairs and names have a row per record; aliases a row per alias."""
        corpus = load()
        data = rows(**_everything())
        assert len(corpus.incoming()) == len(data[INCOMING])
        assert len(corpus.duplicates()) == len(data[PAIRS])
        assert len(corpus.name_index) == len(data[NAMES])
        assert sum(len(n.aliases) for n in corpus.name_index) == len(data["name_aliases"])
        assert sum(len(i.authors) for i in corpus.incoming()) == len(data["incoming_authors"])

    def test_part_of_values(self) -> None:
        """The Crimea Conference's rows in name_part_of are the Crimea, then Yalta."""
        data = rows((), names=load().name_index)
        found = [r for r in data["name_part_of"] if r[0] == "Crimea Conference"]
        assert [("Crimea Conference", 0, "Crimea"), ("Crimea Conference", 1, "Yalta")] == found
        assert sum(len(n.part_of) for n in load().name_index) == len(data["name_part_of"])

    def test_pair_values(self) -> None:
        """A pair row holds the two message ids, the score and the kind."""
        pair = load().duplicates()[0]
        data = rows([pair.first, pair.second], pairs=[pair], names=load().name_index)
        assert [(pair.first.id, pair.second.id, pair.similarity, pair.kind)] == data[PAIRS]

    def test_without_names(self) -> None:
        """Mentions with no index of names to point at are an error, not a broken key."""
        message = load()["1942-11-20-churchill"]
        with pytest.raises(InvalidArgumentError, match=r"mentions\.name"):
            rows([message])

    def test_values(self) -> None:
        """A child row holds the message id, the position and the item's values."""
        message = load()["1942-11-20-churchill"]
        data = rows([message], names=load().name_index)
        assert [("1942-11-20-churchill", 0, "Churchill")] == data["recipients"]
        spans = [(message.id, i, s.start, s.end) for i, s in enumerate(message.source_lines)]
        assert spans == data["source_lines"]

    @pytest.mark.parametrize("table", [t.name for t in tables()])
    def test_row_width(self, table: str) -> None:
        """Every row has one value per column of its table."""
        width = len(_by_name()[table].columns)
        assert all(width == len(r) for r in rows(**_everything())[table])
