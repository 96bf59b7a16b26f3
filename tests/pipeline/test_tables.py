"""Tests for stalin_telegrams.pipeline._tables: the reviewed correction tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from stalin_telegrams.pipeline._tables import INDEX_DIR, TABLE_DIR, read_index, read_tables


class TestReadTables:
    """read_tables reads the reviewed tables and refuses malformed ones."""

    def test_packaged_tables(self) -> None:
        """The packaged tables hold the two moves and fifteen errata, each dated."""
        tables = read_tables()
        assert [(4301, 4313, 288), (289, 300, 4300)] == [
            (m.start, m.end, m.after) for m in tables.moves
        ]
        assert 15 == len(tables.errata)
        assert all(e.added_on == "2026-11-27" for e in tables.errata)

    def test_wrong_columns_refused(self, tmp_path: Path) -> None:
        """A table whose columns differ from the expected ones is refused."""
        for path in TABLE_DIR.iterdir():
            (tmp_path / path.name).write_bytes(path.read_bytes())
        (tmp_path / "moves.csv").write_text("start,end,reason\n1,2,x\n", encoding="utf-8")
        with pytest.raises(ValueError, match="columns"):
            read_tables(tmp_path)

    def test_reference_rulings(self) -> None:
        """The reference rulings are dated, reasoned, of a known action, empty cells as None."""
        rulings = read_tables().references
        assert 92 == len(rulings)
        assert {("0.2.0", "2026-12-01"), ("0.3.0", "2026-12-07"), ("0.4.0", "2026-12-07")} == {
            (r.added_in, r.added_on) for r in rulings
        }
        assert {"add", "drop", "set"} == {r.action for r in rulings}
        assert all(r.reason for r in rulings)
        dropped = next(r for r in rulings if r.action == "drop")
        assert (None, None) == (dropped.kind, dropped.targets)

    def test_reply_rulings(self) -> None:
        """The rulings on the other side's replies: nine answers, each dated and reasoned."""
        rulings = read_tables().replies
        assert 9 == len(rulings)
        assert {("0.4.1", "2026-12-07")} == {(r.added_in, r.added_on) for r in rulings}
        assert {"answer"} == {r.kinds for r in rulings}
        assert all(r.reason for r in rulings)

    def test_reply_rulings_columns(self, tmp_path: Path) -> None:
        """A replies table without its reason column is refused."""
        for path in TABLE_DIR.iterdir():
            (tmp_path / path.name).write_bytes(path.read_bytes())
        (tmp_path / "replies.csv").write_text(
            "incoming_id,answers,kinds,added_in,added_on\na,b,answer,0.4.1,2026-12-07\n",
            encoding="utf-8",
        )
        with pytest.raises(ValueError, match="columns"):
            read_tables(tmp_path)


class TestReadIndex:
    """read_index reads the index of names, splitting the aliases on "|"."""

    def test_packaged_index(self) -> None:
        """Clark Kerr's entry lists the forms the text prints, in the table's order."""
        index = read_index()
        kerr = next(n for n in index.names if n.name == "Archibald Clark Kerr")
        assert ("Clark Kerr", "Kerr", "Mr Kerr", "Ambassador Kerr") == kerr.aliases
        assert "person" == kerr.kind
        assert "Stalingrad (film)" == index.rulings[0].name
        assert all(r.reason and r.added_in for r in index.rulings)

    def test_empty_aliases(self, tmp_path: Path) -> None:
        """An empty aliases cell is no alias, and an empty ruling name is None."""
        _copy_index(tmp_path)
        (tmp_path / "names.csv").write_text(
            "name,kind,aliases,description,note,part_of\nIraq,country,,Iraq,,\n", encoding="utf-8"
        )
        (tmp_path / "rulings.csv").write_text(
            "id,surface,occurrence,name,reason,added_in,added_on\n"
            "a,Iraq,1,,not it,0.2.0,2026-12-01\n",
            encoding="utf-8",
        )
        index = read_index(tmp_path)
        assert () == index.names[0].aliases
        assert index.rulings[0].name is None

    def test_unknown_kind_refused(self, tmp_path: Path) -> None:
        """An entry of a kind outside the vocabulary is refused."""
        _copy_index(tmp_path)
        (tmp_path / "names.csv").write_text(
            "name,kind,aliases,description,note,part_of\nIraq,nation,,Iraq,,\n", encoding="utf-8"
        )
        with pytest.raises(ValueError, match="nation"):
            read_index(tmp_path)


def _copy_index(target: Path) -> None:
    for path in INDEX_DIR.iterdir():
        (target / path.name).write_bytes(path.read_bytes())
