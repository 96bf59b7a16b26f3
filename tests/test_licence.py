"""Tests for stalin_telegrams._licence: one licence statement, one set of public addresses."""

from __future__ import annotations

import json
import sys
from importlib.resources import files
from pathlib import Path
from xml.etree import ElementTree

import pytest

from stalin_telegrams import _licence, load
from stalin_telegrams.exports._cmif import TEI, cmif
from stalin_telegrams.exports._datapackage import descriptor
from stalin_telegrams.exports._sqlite import datasette_metadata

ROOT = Path(__file__).parent.parent
NS = {"tei": TEI}


def _words(text: str) -> str:
    """Return *text* with its runs of white space as single spaces."""
    return " ".join(text.split())


def _croissant() -> dict[str, object]:
    data = files("stalin_telegrams").joinpath("data", "croissant.json").read_bytes()
    document: dict[str, object] = json.loads(data)
    return document


def _cmif_licence(url: str | None = None) -> ElementTree.Element:
    corpus = load()
    root = ElementTree.fromstring(cmif(list(corpus[:2]), url))  # noqa: S314 - XML we made
    element = root.find(".//tei:publicationStmt/tei:availability/tei:licence", NS)
    assert element is not None
    return element


class TestStatement:
    """Every export that names a licence carries the one statement and CC BY 4.0."""

    def test_covers_the_three_parts(self) -> None:
        """The statement names the code's licence, the data work's, and the texts' rights."""
        for part in ("MIT", "CC BY 4.0", _licence.DATA_LICENCE_URL, "1986", "claims no rights"):
            assert part in _licence.STATEMENT

    def test_datasette(self) -> None:
        """The Datasette metadata: CC BY 4.0 in its licence fields, the statement described."""
        metadata = datasette_metadata("telegrams")
        assert (_licence.DATA_LICENCE, _licence.DATA_LICENCE_URL) == (
            metadata["license"],
            metadata["license_url"],
        )
        assert metadata["description"].endswith("\n\n" + _licence.STATEMENT)

    def test_datapackage(self) -> None:
        """The data package: CC BY 4.0 in licenses, the statement described."""
        document = descriptor()
        expected = {
            "name": _licence.DATA_LICENCE,
            "path": _licence.DATA_LICENCE_URL,
            "title": _licence.DATA_LICENCE_TITLE,
        }
        assert [expected] == document["licenses"]
        assert document["description"].endswith("\n\n" + _licence.STATEMENT)

    def test_croissant(self) -> None:
        """Croissant: CC BY 4.0 as license, the statement as copyrightNotice."""
        document = _croissant()
        assert _licence.DATA_LICENCE_URL == document["license"]
        assert _licence.STATEMENT == document["copyrightNotice"]

    def test_cmif(self) -> None:
        """CMIF: the licence element points at CC BY 4.0 and holds the statement."""
        licence = _cmif_licence()
        assert _licence.DATA_LICENCE_URL == licence.get("target")
        assert _licence.STATEMENT == licence.text

    @pytest.mark.parametrize("name", ["README.md", "docs/data-card.md"])
    def test_docs(self, name: str) -> None:
        """README and the data card quote the statement whole."""
        path = ROOT / name
        if not path.exists():
            pytest.skip(f"{name} is not next to the tests")
        assert _words(_licence.STATEMENT) in _words(path.read_text(encoding="utf-8"))

    def test_expression(self) -> None:
        """The distribution's licence expression covers the code and the data work."""
        assert "MIT AND CC-BY-4.0" == _licence.EXPRESSION


class TestProjectUrls:
    """The public addresses come from [project.urls], and the exports use them."""

    def test_homepage_from_metadata(self) -> None:
        """The installed package's Homepage is its page on PyPI."""
        assert "https://pypi.org/project/stalin-telegrams/" == _licence.homepage()

    @pytest.mark.skipif(sys.version_info < (3, 11), reason="reads pyproject.toml with tomllib")
    def test_pyproject_is_the_one_place(self) -> None:
        """The metadata's addresses are those of pyproject.toml, and its licence expression."""
        import tomllib

        path = ROOT / "pyproject.toml"
        if not path.exists():
            pytest.skip("pyproject.toml is not next to the tests")
        project = tomllib.loads(path.read_text(encoding="utf-8"))["project"]
        assert project["urls"] == _licence.project_urls()
        assert _licence.EXPRESSION == project["license"]

    def test_croissant_url(self) -> None:
        """Croissant's url is the Homepage."""
        assert _licence.homepage() == _croissant()["url"]

    def test_cmif_default_url(self) -> None:
        """A CMIF file written without a URL says it is published at the Homepage."""
        corpus = load()
        root = ElementTree.fromstring(cmif(list(corpus[:2])))  # noqa: S314 - XML we made
        idno = root.find(".//tei:publicationStmt/tei:idno[@type='url']", NS)
        assert idno is not None
        assert _licence.homepage() == idno.text
        given = ElementTree.fromstring(cmif(list(corpus[:2]), "https://example.org/x.xml"))  # noqa: S314
        found = given.find(".//tei:publicationStmt/tei:idno[@type='url']", NS)
        assert found is not None
        assert "https://example.org/x.xml" == found.text
