"""Tests for stalin_telegrams.exports._datapackage: the Frictionless data package."""

from __future__ import annotations

import csv
import errno
import json
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from stalin_telegrams import load
from stalin_telegrams._atomic import Folder
from stalin_telegrams.exceptions import ExportError
from stalin_telegrams.exports._datapackage import (
    DESCRIPTOR,
    descriptor,
    missing_values,
    package_files,
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


class TestAsASet:
    """to_datapackage() builds the package beside the folder and swaps it in whole."""

    def test_replaces_a_package(self, tmp_path: Path) -> None:
        """A second export replaces the first whole; nothing else is left beside it."""
        folder = tmp_path / "p"
        load()[:2].to_datapackage(folder)
        folder.chmod(0o750)
        load()[:5].to_datapackage(folder)
        with (folder / "messages.csv").open(encoding="utf-8", newline="") as stream:
            assert 6 == len(list(csv.reader(stream)))
        assert (["p"], 0o750) == (_names(tmp_path), stat.S_IMODE(folder.stat().st_mode))

    def test_empty_folder(self, tmp_path: Path) -> None:
        """An existing empty folder is filled."""
        (tmp_path / "p").mkdir()
        load()[:2].to_datapackage(tmp_path / "p")
        assert sorted(package_files()) == _names(tmp_path / "p")

    def test_new_folders(self, tmp_path: Path) -> None:
        """Missing folders above the package are made."""
        load()[:2].to_datapackage(tmp_path / "a" / "b" / "p")
        assert sorted(package_files()) == _names(tmp_path / "a" / "b" / "p")

    @pytest.mark.parametrize("kind", ["file", "folder", "link", "link-named-like-a-table"])
    def test_refuses_what_it_did_not_write(self, kind: str, tmp_path: Path) -> None:
        """A folder holding anything a package does not write is refused, naming it, unchanged."""
        folder = tmp_path / "p"
        load()[:2].to_datapackage(folder)
        victim = tmp_path / "victim.txt"
        victim.write_text("mine", encoding="utf-8")
        if kind == "file":
            (folder / "notes.txt").write_text("mine", encoding="utf-8")
            foreign = "notes.txt"
        elif kind == "folder":
            (folder / "drafts").mkdir()
            foreign = "drafts"
        elif kind == "link":
            (folder / "notes.txt").symlink_to(victim)
            foreign = "notes.txt"
        else:
            (folder / "pairs.csv").unlink()
            (folder / "pairs.csv").symlink_to(victim)
            foreign = "pairs.csv"
        before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
        with pytest.raises(ExportError, match="does not write") as raised:
            load()[:5].to_datapackage(folder)
        assert str(folder / foreign) == raised.value.filename
        assert before == {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
        assert (["p", "victim.txt"], "mine") == (
            _names(tmp_path),
            victim.read_text(encoding="utf-8"),
        )

    def test_failure_part_way(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A write failing part-way keeps the old package whole, names the file, leaves nothing."""
        folder = tmp_path / "p"
        load()[:2].to_datapackage(folder)
        before = {p.name: p.read_bytes() for p in folder.iterdir()}
        written: list[str] = []
        original = Folder.write_bytes

        def fail_third(self: Folder, name: str, data: bytes) -> None:
            written.append(name)
            if len(written) == 3:
                raise OSError(errno.ENOSPC, "No space left on device", f"{folder}/{name}")
            original(self, name, data)

        monkeypatch.setattr(Folder, "write_bytes", fail_third)
        with pytest.raises(OSError, match="No space") as raised:
            load()[:5].to_datapackage(folder)
        assert str(folder / written[2]) == raised.value.filename
        assert before == {p.name: p.read_bytes() for p in folder.iterdir()}
        assert ["p"] == _names(tmp_path)

    def test_write_error_names_the_file(self, tmp_path: Path) -> None:
        """An error of the file system names the package's file, not a temporary name."""
        script = (
            "import resource, sys\n"
            "from stalin_telegrams import load\n"
            "resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))\n"
            "try:\n"
            "    load().to_datapackage(sys.argv[1])\n"
            "except OSError as err:\n"
            "    print(err.errno, err.filename)\n"
        )
        folder = tmp_path / "p"
        done = subprocess.run(
            [sys.executable, "-c", script, str(folder)], capture_output=True, text=True, check=True
        )
        code, name = done.stdout.split(maxsplit=1)
        assert int(code) == errno.EFBIG
        assert Path(name.strip()).parent == folder
        assert Path(name.strip()).name in package_files()
        assert [] == _names(tmp_path)

    def test_a_file_is_not_a_folder(self, tmp_path: Path) -> None:
        """A file where the folder should be is an error, and the file is kept."""
        (tmp_path / "p").write_text("mine", encoding="utf-8")
        with pytest.raises(NotADirectoryError):
            load()[:2].to_datapackage(tmp_path / "p")
        assert "mine" == (tmp_path / "p").read_text(encoding="utf-8")

    def test_link_to_a_folder_kept(self, tmp_path: Path) -> None:
        """A link the caller names has its folder replaced; the link is kept."""
        (tmp_path / "real").mkdir()
        (tmp_path / "p").symlink_to(tmp_path / "real")
        load()[:2].to_datapackage(tmp_path / "p")
        assert (tmp_path / "p").is_symlink()
        assert sorted(package_files()) == _names(tmp_path / "real")


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())
