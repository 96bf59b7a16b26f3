"""Tests for stalin_telegrams.exports._datapackage: the Frictionless data package."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from stalin_telegrams import load
from stalin_telegrams.exports._datapackage import (
    DESCRIPTOR,
    descriptor,
    missing_values,
    table_csv,
    to_datapackage,
)
from stalin_telegrams.exports._relational import rows, tables
from tests.extras import need


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the folder of the whole corpus as a data package."""
    folder = tmp_path_factory.mktemp("package")
    to_datapackage(load(), folder, **_records())
    return folder


def _records() -> dict[str, Any]:
    """Return the incoming messages, pairs and names of the corpus, as keywords."""
    corpus = load()
    return {
        "incoming": corpus.incoming(),
        "pairs": corpus.duplicates(),
        "names": corpus.name_index,
    }


def _typed(value: str, kind: str, missing: list[str]) -> Any:
    if value in missing:
        return None
    if kind == "integer":
        return int(value)
    if kind == "number":
        return float(value)
    return value


class TestDescriptor:
    """descriptor() types every table and names licence and source."""

    def test_resources(self) -> None:
        """One resource per table, with its CSV path, keys and foreign keys."""
        resources = descriptor()["resources"]
        assert [t.name for t in tables()] == [r["name"] for r in resources]
        for table, resource in zip(tables(), resources, strict=True):
            schema = resource["schema"]
            assert f"{table.name}.csv" == resource["path"]
            assert [c.name for c in table.columns] == [f["name"] for f in schema["fields"]]
            assert list(table.primary_key) == schema["primaryKey"]
            expected = [(list(link.columns), link.table) for link in table.links]
            if table.parent is not None:
                expected.insert(0, (list(table.foreign_key), table.parent))
            found = [
                (key["fields"], key["reference"]["resource"])
                for key in schema.get("foreignKeys", [])
            ]
            assert expected == found

    def test_required_and_types(self) -> None:
        """Non-nullable columns are required; dates are typed date."""
        fields = {f["name"]: f for f in descriptor()["resources"][0]["schema"]["fields"]}
        assert {"required": True} == fields["id"]["constraints"]
        assert "constraints" not in fields["place"]
        assert "date" == fields["sent_on"]["type"]

    def test_licence_and_source(self) -> None:
        """The package names its licence, source and version."""
        document = descriptor("1.2.3")
        assert "CC-BY-4.0" == document["licenses"][0]["name"]
        assert "Red Star Press" in document["sources"][0]["title"]
        assert "1.2.3" == document["version"]


class TestTableCsv:
    """table_csv() writes a table, and refuses what would not read back."""

    def test_empty_string_where_empty_is_missing(self) -> None:
        """An empty string in a table with nullable columns is an error, not a silent None."""
        messages = next(t for t in tables() if t.name == "messages")
        row = tuple("" if c.name == "heading" else None for c in messages.columns)
        with pytest.raises(ValueError, match="empty string"):
            table_csv(messages, [row])

    def test_empty_string_kept(self) -> None:
        """Names have no nullable column: an empty note stays an empty string."""
        names = next(t for t in tables() if t.name == "names")
        assert [] == missing_values(names)
        assert "name,kind,description,note\nX,person,,\n" == table_csv(
            names, [("X", "person", "", "")]
        )


class TestToDatapackage:
    """to_datapackage() writes the descriptor and one CSV per table."""

    def test_corpus_method(self, tmp_path: Path, package: Path) -> None:
        """Corpus.to_datapackage() writes the same files and returns the descriptor's path."""
        assert tmp_path / "p" / DESCRIPTOR == load().to_datapackage(tmp_path / "p")
        for path in package.iterdir():
            assert path.read_bytes() == (tmp_path / "p" / path.name).read_bytes()

    def test_files(self, package: Path) -> None:
        """The folder holds datapackage.json and the CSV files, nothing else."""
        expected = sorted([DESCRIPTOR, *(f"{t.name}.csv" for t in tables())])
        assert expected == sorted(p.name for p in package.iterdir())
        assert descriptor() == json.loads((package / DESCRIPTOR).read_text(encoding="utf-8"))

    def test_csv_rows(self, package: Path) -> None:
        """Each CSV file read back gives the table's rows (dates as ISO text)."""
        data = rows(load(), **_records())
        for table in tables():
            with (package / f"{table.name}.csv").open(encoding="utf-8", newline="") as stream:
                reader = csv.reader(stream)
                assert [c.name for c in table.columns] == next(reader)
                kinds = [c.kind for c in table.columns]
                missing = missing_values(table)
                read = [
                    tuple(_typed(v, k, missing) for v, k in zip(r, kinds, strict=True))
                    for r in reader
                ]
            expected = [
                tuple(v.isoformat() if hasattr(v, "isoformat") else v for v in r)
                for r in data[table.name]
            ]
            assert expected == read

    def test_frictionless_valid(self, package: Path) -> None:
        """Frictionless finds the package valid, foreign keys included."""
        frictionless = need("frictionless")
        report = frictionless.validate(str(package / DESCRIPTOR))
        assert [] == report.flatten(["type", "note"])
        assert report.valid

    def test_frictionless_catches_a_broken_key(self, tmp_path: Path) -> None:
        """A recipient row naming no message makes the package invalid: the check can fail."""
        frictionless = need("frictionless")
        load()[:3].to_datapackage(tmp_path)
        with (tmp_path / "recipients.csv").open("a", encoding="utf-8") as stream:
            stream.write("no-such-message,0,Nobody\n")
        report = frictionless.validate(str(tmp_path / DESCRIPTOR))
        assert not report.valid
        assert "foreign-key" in {error[0] for error in report.flatten(["type"])}

    def test_frictionless_catches_an_unknown_name(self, tmp_path: Path) -> None:
        """A mention of a name the index lacks makes the package invalid: the link is checked."""
        frictionless = need("frictionless")
        load()[:3].to_datapackage(tmp_path)
        with (tmp_path / "mentions.csv").open("a", encoding="utf-8") as stream:
            stream.write(f"{load()[0].id},999,No Such Name,0,1,N\n")
        report = frictionless.validate(str(tmp_path / DESCRIPTOR))
        assert not report.valid
        assert "foreign-key" in {error[0] for error in report.flatten(["type"])}

    def test_row_counts(self, package: Path) -> None:
        """Incoming, pairs and names have one CSV row per record of the corpus."""
        corpus = load()
        expected = {
            "incoming": len(corpus.incoming()),
            "pairs": len(corpus.duplicates()),
            "names": len(corpus.name_index),
        }
        counted = {}
        for name in expected:
            with (package / f"{name}.csv").open(encoding="utf-8", newline="") as stream:
                counted[name] = sum(1 for _ in csv.reader(stream)) - 1
        assert expected == counted
