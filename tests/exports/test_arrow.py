"""Tests for stalin_telegrams.exports._arrow: Arrow tables and Parquet files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from stalin_telegrams import load
from stalin_telegrams.exceptions import MissingExtraError
from stalin_telegrams.exports._arrow import arrow_schema, to_arrow, to_parquet
from stalin_telegrams.exports._schema import message_columns, row
from tests.extras import need

METADATA = {"package_version": "9.9.9", "source_sha256": "ab" * 32}


@pytest.fixture(scope="module")
def pa() -> Any:
    """Return pyarrow (skip locally without it, fail in CI)."""
    return need("pyarrow")


@pytest.fixture(scope="module")
def table(pa: Any) -> Any:
    """Return the whole corpus as an Arrow table."""
    assert pa.Table is not None
    return to_arrow(load(), METADATA)


class TestArrowSchema:
    """arrow_schema() types every column from the model."""

    @pytest.mark.usefixtures("pa")
    def test_every_column(self) -> None:
        """Each column of the model is a field, in order, nullable as the model says."""
        schema = arrow_schema()
        assert [c.name for c in message_columns()] == schema.names
        assert [c.nullable for c in message_columns()] == [f.nullable for f in schema]

    def test_types(self, pa: Any) -> None:
        """Dates are date32, lists of strings list<string>, nested records lists of structs."""
        schema = arrow_schema()
        assert pa.date32() == schema.field("date").type
        assert pa.int64() == schema.field("number").type
        assert pa.string() == schema.field("recipients").type.value_type
        spans = schema.field("source_lines").type.value_type
        assert pa.types.is_struct(spans)
        assert ["first_line", "last_line"] == [spans.field(i).name for i in range(spans.num_fields)]

    def test_graph_and_mentions_types(self, pa: Any) -> None:
        """References keep their lists (dates as date32), mentions are structs, replies strings."""
        schema = arrow_schema()
        references = schema.field("references").type.value_type
        assert pa.date32() == references.field("dates").type.value_type
        assert pa.string() == references.field("targets").type.value_type
        assert pa.string() == references.field("kind").type
        assert pa.int64() == references.field("count").type
        assert references.field("count").nullable
        mentions = schema.field("mentions").type.value_type
        assert ["name", "start_offset", "end_offset", "surface"] == [
            mentions.field(i).name for i in range(mentions.num_fields)
        ]
        links = schema.field("reply_links").type.value_type
        assert ["answered_id", "kinds"] == [links.field(i).name for i in range(links.num_fields)]
        assert pa.list_(pa.field("element", pa.string(), nullable=False)) == (
            schema.field("in_reply_to").type
        )

    @pytest.mark.usefixtures("pa")
    def test_descriptions(self) -> None:
        """Each field carries its description in its metadata."""
        schema = arrow_schema()
        for column in message_columns():
            assert column.description.encode() == schema.field(column.name).metadata[b"description"]

    @pytest.mark.usefixtures("pa")
    def test_metadata_keys(self) -> None:
        """Table metadata keys get the package prefix."""
        assert {b"stalin_telegrams.package_version": b"9.9.9"} == arrow_schema(
            {"package_version": "9.9.9"}
        ).metadata


class TestToArrow:
    """to_arrow() gives one row per message with the model's values."""

    def test_rows(self, table: Any) -> None:
        """Rows are the messages in order, their values those of row()."""
        assert [row(m) for m in load()] == table.to_pylist()

    def test_metadata(self, table: Any) -> None:
        """The metadata given is on the table."""
        assert b"ab" * 32 == table.schema.metadata[b"stalin_telegrams.source_sha256"]

    def test_corpus_method(self, table: Any) -> None:
        """Corpus.to_arrow() is to_arrow() of the corpus, with the package's provenance."""
        from stalin_telegrams import __version__
        from stalin_telegrams._digest import DATA_SHA256
        from stalin_telegrams._version import SCHEMA_VERSION

        converted = load().to_arrow()
        assert table.equals(converted)
        metadata = converted.schema.metadata
        assert __version__.encode() == metadata[b"stalin_telegrams.package_version"]
        assert str(SCHEMA_VERSION).encode() == metadata[b"stalin_telegrams.schema_version"]
        assert DATA_SHA256.encode() == metadata[b"stalin_telegrams.data_sha256"]

    @pytest.mark.usefixtures("pa")
    def test_empty(self) -> None:
        """No messages give an empty table with the same schema."""
        empty = to_arrow([])
        assert 0 == empty.num_rows
        assert arrow_schema() == empty.schema

    def test_missing_pyarrow(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pyarrow the error names the extra, from PyPI and from a checkout."""
        monkeypatch.setitem(sys.modules, "pyarrow", None)
        with pytest.raises(MissingExtraError) as caught:
            to_arrow(load()[:1])
        assert "pip install 'stalin-telegrams[arrow]'" in str(caught.value)
        assert "pip install -e '.[arrow]'" in str(caught.value)
        assert isinstance(caught.value, ImportError)


class TestToParquet:
    """to_parquet() writes the table to a Parquet file."""

    def test_round_trip(self, table: Any, tmp_path: Path) -> None:
        """The file read back equals to_arrow(), metadata included."""
        parquet = need("pyarrow.parquet")
        path = tmp_path / "telegrams.parquet"
        to_parquet(load(), path, METADATA)
        assert table.equals(parquet.read_table(path), check_metadata=True)

    @pytest.mark.usefixtures("pa")
    def test_nested_values_round_trip(self, tmp_path: Path) -> None:
        """References (with dates), mentions and replies read back as the messages hold them."""
        parquet = need("pyarrow.parquet")
        path = tmp_path / "telegrams.parquet"
        to_parquet(load(), path, METADATA)
        names = ["references", "mentions", "reply_links", "in_reply_to"]
        read = parquet.read_table(path, columns=names).to_pylist()
        assert [{n: row(m)[n] for n in names} for m in load()] == read
        assert any(r["dates"] for m in read for r in m["references"])

    @pytest.mark.usefixtures("pa")
    def test_nothing_left_behind(self, tmp_path: Path) -> None:
        """Only the target file is in the folder afterwards."""
        to_parquet(load()[:3], tmp_path / "part.parquet")
        assert ["part.parquet"] == [p.name for p in tmp_path.iterdir()]

    @pytest.mark.usefixtures("pa")
    def test_corpus_method(self, tmp_path: Path) -> None:
        """Corpus.to_parquet() writes Corpus.to_arrow()."""
        parquet = need("pyarrow.parquet")
        part = load()[:4]
        part.to_parquet(tmp_path / "part.parquet")
        assert part.to_arrow().equals(
            parquet.read_table(tmp_path / "part.parquet"), check_metadata=True
        )
