"""Tests for stalin_telegrams.exports._polars: polars DataFrames."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from stalin_telegrams import load
from stalin_telegrams.exceptions import MissingExtraError
from stalin_telegrams.exports._polars import polars_schema, to_polars
from stalin_telegrams.exports._schema import message_columns, row
from tests.extras import need


@pytest.fixture(scope="module")
def pl() -> Any:
    """Return polars (skip locally without it, fail in CI)."""
    return need("polars")


class TestToPolars:
    """to_polars() gives the columns and types of the Arrow export."""

    @pytest.mark.usefixtures("pl")
    def test_rows(self) -> None:
        """One row per message, in order, with the values of row()."""
        frame = to_polars(load())
        assert [row(m) for m in load()] == frame.to_dicts()

    def test_columns_and_types(self, pl: Any) -> None:
        """The columns are the model's; dates are Date, nested records lists of structs."""
        schema = polars_schema()
        assert [c.name for c in message_columns()] == list(schema)
        assert pl.Date == schema["date"]
        assert pl.List(pl.String) == schema["recipients"]
        spans = pl.List(
            pl.Struct([pl.Field("first_line", pl.Int64), pl.Field("last_line", pl.Int64)])
        )
        assert spans == schema["source_lines"]

    def test_graph_and_mentions_types(self, pl: Any) -> None:
        """Reference dates are a list of Date; mentions a list of structs; replies strings."""
        schema = polars_schema()
        references = {f.name: f.dtype for f in schema["references"].inner.fields}
        assert pl.List(pl.Date) == references["dates"]
        assert pl.List(pl.String) == references["targets"]
        mentions = pl.Struct(
            [
                pl.Field("name", pl.String),
                pl.Field("start_offset", pl.Int64),
                pl.Field("end_offset", pl.Int64),
                pl.Field("surface", pl.String),
            ]
        )
        assert pl.List(mentions) == schema["mentions"]
        assert pl.List(pl.String) == schema["in_reply_to"]

    def test_same_as_arrow(self, pl: Any) -> None:
        """The frame equals the Arrow table converted by polars."""
        need("pyarrow")
        from stalin_telegrams.exports._arrow import to_arrow

        frame = to_polars(load())
        converted = pl.from_arrow(to_arrow(load()))
        assert converted.schema == frame.schema
        assert converted.equals(frame)

    @pytest.mark.usefixtures("pl")
    def test_empty(self) -> None:
        """No messages give an empty frame with the same schema."""
        empty = to_polars([])
        assert 0 == empty.height
        assert polars_schema() == dict(empty.schema)

    def test_missing_polars(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without polars the error names the extra."""
        monkeypatch.setitem(sys.modules, "polars", None)
        with pytest.raises(MissingExtraError, match=r"stalin-telegrams\[polars\]"):
            to_polars(load()[:1])

    @pytest.mark.usefixtures("pl")
    def test_corpus_method(self) -> None:
        """Corpus.to_polars() is to_polars() of the corpus."""
        part = load()[5:9]
        assert to_polars(part).equals(part.to_polars())
