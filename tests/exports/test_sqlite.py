"""Tests for stalin_telegrams.exports._sqlite: the SQLite database and its Datasette metadata."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stalin_telegrams import filter_by, load
from stalin_telegrams._records import IncomingMessage
from stalin_telegrams.exceptions import ExportError, InvalidArgumentError
from stalin_telegrams.exports._relational import tables
from stalin_telegrams.exports._schema import columns_of
from stalin_telegrams.exports._sqlite import (
    FTS_TABLE,
    datasette_metadata,
    metadata_path,
    quote,
    schema_sql,
    to_sqlite,
    write_database,
)
from tests import strategies
from tests.extras import need

#: Phrases of the texts: plain words, a phrase across a line of the volume,
#: abbreviations with full stops, an apostrophe, and one that no message has.
PHRASES = (
    "second front",
    "Stalingrad",
    "Red Army",
    "convoys",
    "the Soviet Union",
    "U.S.S.R.",
    "armies' successes",
    "Mr President",
    "personal and secret message",
    "Warsaw",
    "Polish question",
    "no such phrase anywhere",
)
#: Seconds to wait for Datasette to answer, and for each request.
STARTUP = 60
REQUEST = 20


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the path of the whole corpus as a SQLite database."""
    path = tmp_path_factory.mktemp("sqlite") / "telegrams.db"
    corpus = load()
    to_sqlite(
        corpus,
        path,
        incoming=corpus.incoming(),
        pairs=corpus.duplicates(),
        names=corpus.name_index,
    )
    return path


def _query(database: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    with contextlib.closing(sqlite3.connect(database)) as db:
        return db.execute(sql, params).fetchall()


_FTS_SQL = (
    f"SELECT m.id FROM {FTS_TABLE} AS f JOIN messages AS m ON m.rowid = f.rowid"
    f" WHERE {FTS_TABLE} MATCH ? ORDER BY m.number"
)


def _phrase_query(phrase: str) -> str:
    return '"' + phrase.replace('"', '""') + '"'


def _fts(database: Path, phrase: str) -> list[str]:
    return [i for (i,) in _query(database, _FTS_SQL, _phrase_query(phrase))]


class TestToSqlite:
    """to_sqlite() writes the normalised tables, keys and a full-text index."""

    def test_corpus_method(self, tmp_path: Path) -> None:
        """Corpus.to_sqlite() writes to_sqlite() of the corpus and returns the metadata path."""
        part = load()[:6]
        assert tmp_path / "part.metadata.json" == part.to_sqlite(tmp_path / "part.db")
        assert [(i,) for i in part.ids] == _query(
            tmp_path / "part.db", "SELECT id FROM messages ORDER BY number"
        )

    def test_row_counts(self, database: Path) -> None:
        """Each table has a row per record (message, incoming, pair, name) or list item."""
        corpus = load()
        records: dict[str, Sequence[object]] = {
            "messages": corpus,
            "incoming": corpus.incoming(),
            "pairs": corpus.duplicates(),
            "names": corpus.name_index,
        }
        by_name = {t.name: t for t in tables()}
        expected = {}
        for table in tables():
            root = table
            while root.parent is not None:
                root = by_name[root.parent]
            if table is root:
                expected[table.name] = len(records[table.name])
            else:
                path = table.path.split(".")
                expected[table.name] = sum(_items(r, path) for r in records[root.name])
        counted = {
            t.name: _query(database, f"SELECT count(*) FROM {quote(t.name)}")[0][0]
            for t in tables()
        }
        assert expected == counted

    def test_values(self, database: Path) -> None:
        """A message's row holds its fields, dates in ISO form."""
        message = load()["1942-11-20-churchill"]
        found = _query(
            database, "SELECT number, sent_on, date, text FROM messages WHERE id = ?", message.id
        )
        assert [(message.number, "1942-11-20", "1942-11-20", message.text)] == found

    def test_foreign_keys(self, database: Path) -> None:
        """Every table declares its foreign keys (parent, links); every row satisfies them."""
        for table in tables():
            declared = _query(database, f"PRAGMA foreign_key_list({quote(table.name)})")
            expected = {(c, link.table) for link in table.links for c in link.columns}
            if table.parent is not None:
                expected |= {(c, table.parent) for c in table.foreign_key}
            assert expected == {(d[3], d[2]) for d in declared}
        assert [] == _query(database, "PRAGMA foreign_key_check")

    def test_mentions_join_names(self, database: Path) -> None:
        """Every mention joins its entry of the index of names."""
        sql = "SELECT count(*) FROM mentions JOIN names USING (name)"
        assert [(sum(len(m.mentions) for m in load()),)] == _query(database, sql)

    def test_replies_and_targets_known(self, database: Path) -> None:
        """Each in_reply_to and reference target names a message or an incoming message."""
        known = "SELECT id FROM messages UNION SELECT id FROM incoming"
        for table, column in (("in_reply_to", "in_reply_to"), ("reference_targets", "target")):
            sql = f"SELECT count(*) FROM {table} WHERE {column} NOT IN ({known})"
            assert [(0,)] == _query(database, sql)

    def test_primary_keys(self, database: Path) -> None:
        """Every table declares the primary key of the model's table."""
        for table in tables():
            info = _query(database, f"PRAGMA table_info({quote(table.name)})")
            key = [name for _, name, *_, pk in sorted(info, key=lambda c: c[-1]) if pk]
            assert list(table.primary_key) == key

    @pytest.mark.parametrize("phrase", PHRASES)
    def test_fts_phrase_as_filter_by(self, database: Path, phrase: str) -> None:
        """A phrase search of the index finds what filter_by(contains=...) finds."""
        assert list(filter_by(load(), contains=phrase).ids) == _fts(database, phrase)

    @given(texts=st.lists(strategies.plain_text, min_size=1, max_size=6), data=st.data())
    def test_fts_phrase_as_filter_by_on_any_text(
        self, texts: list[str], data: st.DataObject
    ) -> None:
        """On texts of plain words, a phrase from one of them is found as filter_by finds it."""
        messages = [
            attrs.evolve(load()[0], id=f"m{i}", number=i + 1, text=text)
            for i, text in enumerate(texts)
        ]
        words = data.draw(st.sampled_from(texts)).split()
        start = data.draw(st.integers(0, len(words) - 1))
        end = data.draw(st.integers(start + 1, len(words)))
        phrase = " ".join(words[start:end]).swapcase()
        with contextlib.closing(sqlite3.connect(":memory:")) as db:
            write_database(db, messages, names=load().name_index)
            found = [i for (i,) in db.execute(_FTS_SQL, (_phrase_query(phrase),))]
        assert list(filter_by(messages, contains=phrase).ids) == found

    def test_metadata_file(self, database: Path) -> None:
        """The Datasette metadata file lies beside the database and describes every table."""
        path = metadata_path(database)
        assert "telegrams.metadata.json" == path.name
        document = json.loads(path.read_text(encoding="utf-8"))
        assert datasette_metadata("telegrams") == document
        described = document["databases"]["telegrams"]["tables"]
        assert [t.name for t in tables()] == list(described)
        assert FTS_TABLE == described["messages"]["fts_table"]
        assert all(all(text for text in t["columns"].values()) for t in described.values())

    def test_replaces_atomically(self, tmp_path: Path) -> None:
        """A second export replaces the first; nothing else is left in the folder."""
        path = tmp_path / "t.db"
        load()[:2].to_sqlite(path)
        load()[:5].to_sqlite(path)
        assert [(5,)] == _query(path, "SELECT count(*) FROM messages")
        assert ["t.db", "t.metadata.json"] == sorted(p.name for p in tmp_path.iterdir())

    def test_failed_export_keeps_the_file(self, tmp_path: Path) -> None:
        """An export that fails leaves the previous database as it was."""
        path = tmp_path / "t.db"
        load()[:2].to_sqlite(path)
        before = path.read_bytes()
        twice = [load()[0], load()[0]]
        with pytest.raises(InvalidArgumentError, match="UNIQUE constraint failed"):
            to_sqlite(twice, path, names=load().name_index)
        assert before == path.read_bytes()
        assert ["t.db", "t.metadata.json"] == sorted(p.name for p in tmp_path.iterdir())


class TestSchemaSql:
    """schema_sql() creates every table and the index."""

    def test_statements(self) -> None:
        """One CREATE TABLE per table, then the FTS5 table over messages."""
        statements = schema_sql()
        assert len(tables()) + 1 == len(statements)
        assert 'content="messages"' in statements[-1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def _datasette(database: Path) -> Iterator[str]:
    """Run Datasette on the loopback address; yield its base URL; stop it."""
    need("datasette")
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        str(database),
        "-m",
        str(metadata_path(database)),
        "-h",
        "127.0.0.1",
        "-p",
        str(port),
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP
        while True:
            try:
                with urllib.request.urlopen(f"{base}/-/versions.json", timeout=REQUEST):  # noqa: S310 - loopback
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    _, err = server.communicate(timeout=REQUEST)
                    pytest.fail(f"Datasette did not start: {err.decode(errors='replace')[-2000:]}")
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=REQUEST)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=REQUEST)


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=REQUEST) as response:  # noqa: S310 - loopback
        return json.load(response)


class TestDatasette:
    """Datasette serves the database, documented and searchable."""

    def test_serves_counts_and_search(self, database: Path) -> None:
        """The JSON API gives the row count, the metadata, the phrase search and incoming rows."""
        first = load().incoming()[0]
        with _datasette(database) as base:
            incoming = _get(
                f"{base}/telegrams/incoming.json?id={urllib.parse.quote(first.id)}&_shape=array"
            )
            authors = _get(
                f"{base}/telegrams/incoming_authors.json?incoming_id="
                f"{urllib.parse.quote(first.id)}&_shape=array&_labels=off"
            )
            sql = urllib.parse.quote("select count(*) as n from messages")
            counted = _get(f"{base}/telegrams.json?sql={sql}&_shape=array")
            search = urllib.parse.quote('"second front"')
            found = _get(
                f"{base}/telegrams/messages.json?_search={search}&_shape=array"
                "&_col=id&_sort=number&_size=max"
            )
            metadata = _get(f"{base}/-/metadata.json")
        assert [{"n": len(load())}] == counted
        assert list(filter_by(load(), contains="second front").ids) == [r["id"] for r in found]
        assert datasette_metadata("telegrams")["title"] == metadata["title"]
        date = None if first.date is None else first.date.isoformat()
        assert [{"id": first.id, "date": date, "received_on": None}] == incoming
        assert list(first.authors) == [r["author"] for r in authors]
        served = metadata["databases"]["telegrams"]["tables"]["incoming"]["columns"]
        model = {c.name: c.description for c in columns_of(IncomingMessage) if not c.type.item}
        assert model == served


def _items(record: object, path: list[str]) -> int:
    """Count the items at the end of a dotted path of list fields, such as references.targets."""
    items = getattr(record, path[0])
    if len(path) == 1:
        return len(items)
    return sum(_items(item, path[1:]) for item in items)


class TestAsASet:
    """to_sqlite() writes the database and its metadata file as a set."""

    def test_database_renamed_last(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Both files go to temporary names, and the database is renamed after the metadata."""
        renamed: list[str] = []
        original = os.replace

        def spy(source: str, target: str) -> None:
            renamed.append(Path(target).name)
            original(source, target)

        monkeypatch.setattr(os, "replace", spy)
        load()[:2].to_sqlite(tmp_path / "t.db")
        assert ["t.metadata.json", "t.db"] == renamed

    def test_failure_changes_neither(self, tmp_path: Path) -> None:
        """A database that fails leaves both old files as they were."""
        path = tmp_path / "t.db"
        load()[:2].to_sqlite(path)
        meta = tmp_path / "t.metadata.json"
        meta.write_text("my own notes", encoding="utf-8")
        before = path.read_bytes()
        with pytest.raises(InvalidArgumentError):
            to_sqlite([load()[0], load()[0]], path, names=load().name_index)
        assert (before, "my own notes") == (path.read_bytes(), meta.read_text(encoding="utf-8"))
        assert ["t.db", "t.metadata.json"] == sorted(p.name for p in tmp_path.iterdir())

    @pytest.mark.parametrize("dangling", [False, True], ids=["link", "dangling-link"])
    def test_planted_link(self, dangling: bool, tmp_path: Path) -> None:
        """A link planted at the metadata file's name is refused, naming it; nothing is written."""
        victim = tmp_path / "victim.txt"
        if not dangling:
            victim.write_text("mine", encoding="utf-8")
        meta = tmp_path / "t.metadata.json"
        meta.symlink_to(victim)
        with pytest.raises(ExportError, match="symbolic link") as raised:
            load()[:2].to_sqlite(tmp_path / "t.db")
        assert str(meta) == raised.value.filename
        assert meta.is_symlink()
        assert (not dangling) == victim.exists()
        if not dangling:
            assert "mine" == victim.read_text(encoding="utf-8")
        assert not (tmp_path / "t.db").exists()
        assert len(list(tmp_path.iterdir())) == (1 if dangling else 2)

    def test_planted_fifo(self, tmp_path: Path) -> None:
        """A named pipe at the metadata file's name is refused without blocking."""
        os.mkfifo(tmp_path / "t.metadata.json")
        with pytest.raises(ExportError, match="not a regular file"):
            load()[:2].to_sqlite(tmp_path / "t.db")
        assert ["t.metadata.json"] == [p.name for p in tmp_path.iterdir()]

    def test_fifo_refused(self, tmp_path: Path) -> None:
        """A named pipe as the database is refused with one clear error; nothing is written."""
        os.mkfifo(tmp_path / "t.db")
        with pytest.raises(ExportError, match="regular file") as raised:
            load()[:2].to_sqlite(tmp_path / "t.db")
        assert str(tmp_path / "t.db") == raised.value.filename
        assert ["t.db"] == [p.name for p in tmp_path.iterdir()]

    def test_not_a_database_replaced(self, tmp_path: Path) -> None:
        """A file that is not a database is replaced whole, as any target is."""
        path = tmp_path / "t.db"
        path.write_text("not a database", encoding="utf-8")
        load()[:2].to_sqlite(path)
        assert [(2,)] == _query(path, "SELECT count(*) FROM messages")

    def test_size_limit(self, tmp_path: Path) -> None:
        """A size limit gives an ExportError naming the database, not sqlite3's error."""
        script = (
            "import resource, sys\n"
            "from stalin_telegrams import load\n"
            "from stalin_telegrams.exceptions import ExportError\n"
            "resource.setrlimit(resource.RLIMIT_FSIZE, (200000, 200000))\n"
            "try:\n"
            "    load().to_sqlite(sys.argv[1])\n"
            "except ExportError as err:\n"
            "    print(err.filename)\n"
        )
        path = tmp_path / "t.db"
        done = subprocess.run(
            [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
        )
        assert str(path) == done.stdout.strip()
        assert [] == list(tmp_path.iterdir())
