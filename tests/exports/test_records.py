"""Tests for stalin_telegrams.exports._records: records and DataFrames."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from typing import Any

import attrs
import pytest

from stalin_telegrams import Corpus, Message, load
from stalin_telegrams._converter import converter
from stalin_telegrams.exceptions import StalinTelegramsError
from stalin_telegrams.exports._records import _columns, record_keys, to_dataframe, to_records

ID = "1942-11-20-churchill"


def _plain(value: Any) -> bool:
    """Tell whether *value* is built of JSON types only."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return value is None or isinstance(value, str | int | float | bool)


class TestToRecords:
    """to_records() turns messages into plain JSON-ready dicts."""

    def test_every_message_in_order(self) -> None:
        """Every message given is exported, in order."""
        assert list(load().ids) == [r["id"] for r in to_records(load())]

    def test_keys(self) -> None:
        """The keys are Message's fields in order, with the two derived ones after theirs."""
        fields = [f.name for f in attrs.fields(Message)]
        keys = list(to_records([load()[ID]])[0])
        assert record_keys() == tuple(keys)
        assert fields == [k for k in keys if k not in {"date", "in_reply_to"}]
        assert keys.index("sent_on") + 1 == keys.index("date")
        assert keys.index("reply_links") + 1 == keys.index("in_reply_to")

    def test_plain_json(self) -> None:
        """Records hold JSON types only and survive a JSON round trip unchanged."""
        records = to_records(load())
        assert all(_plain(r) for r in records)
        assert records == json.loads(json.dumps(records))

    def test_dates(self) -> None:
        """Dates are ISO strings; date is the message's derived date."""
        for message, record in zip(load(), to_records(load()), strict=True):
            for key, value in (
                ("written_on", message.written_on),
                ("sent_on", message.sent_on),
                ("date", message.date),
            ):
                assert (None if value is None else value.isoformat()) == record[key]

    def test_round_trip(self) -> None:
        """The converter structures a record, less its derived keys, back into the message."""
        for message, record in zip(load(), to_records(load()), strict=True):
            del record["date"], record["in_reply_to"]
            assert message == converter().structure(record, Message)

    def test_any_iterable(self) -> None:
        """Any iterable of messages can be exported; none gives no records."""
        message = load()[ID]
        assert [ID] == [r["id"] for r in to_records(iter([message]))]
        assert [] == to_records([])

    def test_corpus_method(self) -> None:
        """Corpus.to_records() is to_records() of the corpus."""
        part = load()[:5]
        assert to_records(part) == part.to_records()


@pytest.fixture(scope="module")
def frame() -> Any:
    """Return the whole corpus as a frame (skip when pandas is not installed)."""
    pytest.importorskip("pandas")
    return load().to_dataframe()


class TestToDataFrame:
    """to_dataframe() gives one row per message, with typed columns."""

    def test_rows_and_columns(self, frame: Any) -> None:
        """One row per message in corpus order, with the documented columns."""
        assert list(load().ids) == list(frame["id"])
        assert list(_columns()) == list(frame.columns)
        assert {f.name for f in attrs.fields(Message)} < set(frame.columns)
        assert {"date", "year", "recipients_joined"} < set(frame.columns)

    def test_dates(self, frame: Any) -> None:
        """Date columns are datetime64, NaT where the message has no such date."""
        import pandas as pd

        for column in ("date", "written_on", "sent_on"):
            assert pd.api.types.is_datetime64_any_dtype(frame[column])
        for message, row in zip(load(), frame.itertuples(index=False), strict=True):
            for value, cell in (
                (message.date, row.date),
                (message.written_on, row.written_on),
                (message.sent_on, row.sent_on),
            ):
                if value is None:
                    assert pd.isna(cell)
                else:
                    assert value == cell.date()

    def test_year(self, frame: Any) -> None:
        """The year column is nullable Int64, the year of date."""
        import pandas as pd

        assert "Int64" == str(frame["year"].dtype)
        expected = [m.year for m in load()]
        assert expected == [None if pd.isna(v) else int(v) for v in frame["year"]]

    def test_senders(self, frame: Any) -> None:
        """The senders column holds lists; sender joins them as Message.sender does."""
        rows = frame.set_index("id")
        joint = rows.loc["1944-10-10-roosevelt"]
        assert ["Stalin", "Churchill"] == list(joint["senders"])
        assert "Stalin and Churchill" == joint["sender"]
        assert list(frame.columns).index("senders") + 1 == list(frame.columns).index("sender")

    def test_recipients(self, frame: Any) -> None:
        """The recipients column holds lists; recipients_joined joins them with ", "."""
        row = frame.set_index("id").loc[ID]
        message = load()[ID]
        assert list(message.recipients) == list(row["recipients"])
        assert ", ".join(message.recipients) == row["recipients_joined"]

    def test_text_and_nested(self, frame: Any) -> None:
        """Text is kept whole; nested records are lists of dicts as in to_records()."""
        rows = frame.set_index("id")
        for record in to_records(load()):
            row = rows.loc[record["id"]]
            assert record["text"] == row["text"]
            assert record["source_lines"] == row["source_lines"]
            assert record["notes"] == list(row["notes"])

    def test_empty(self) -> None:
        """No messages give an empty frame with the same columns."""
        pytest.importorskip("pandas")
        empty = to_dataframe([])
        assert 0 == len(empty)
        assert list(_columns()) == list(empty.columns)

    def test_subset(self) -> None:
        """A corpus part gives a frame of that part."""
        pytest.importorskip("pandas")
        part = Corpus(load()[:3])
        assert list(part.ids) == list(part.to_dataframe()["id"])

    def test_pandas_missing(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pandas the error is an ImportError that names the extra."""
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(ImportError, match=r"stalin-telegrams\[pandas\]") as info:
            load().to_dataframe()
        assert isinstance(info.value, StalinTelegramsError)


class TestLazyPandas:
    """pandas is imported only when a DataFrame is asked for."""

    def test_not_imported(self) -> None:
        """Loading and exporting records does not import pandas."""
        probe = (
            "import sys, stalin_telegrams as st; st.load().to_records();"
            " print('pandas' in sys.modules)"
        )
        done = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=True
        )
        assert "False" == done.stdout.strip()


def test_record_date_type() -> None:
    """A record's date parses back to the message's date."""
    record = to_records([load()[ID]])[0]
    assert load()[ID].date == datetime.date.fromisoformat(record["date"])
