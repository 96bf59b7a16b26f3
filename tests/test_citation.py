"""Tests for stalin_telegrams._citation: citations of a message and of the edition."""

from __future__ import annotations

import os
import re
import tarfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from stalin_telegrams import Message, _citation, _licence, load
from stalin_telegrams._citation import STYLES, edition, edition_citation, message_citation
from stalin_telegrams._version import RELEASED, __version__
from stalin_telegrams.exceptions import UnsupportedFormatError
from tests.extras import need

ID = "1942-11-20-churchill"
JOINT = "1943-01-30-churchill-roosevelt"
ROOT = Path(__file__).resolve().parent.parent


def _facts(message: Message) -> tuple[str, tuple[str, ...], tuple[str, ...], date | None]:
    """Return what message_citation() takes of *message*: id, senders, recipients, date."""
    return message.id, message.senders, message.recipients, message.date


def project_file(name: str) -> str:
    """Return the text of the project's file *name*: from the checkout, else from the sdist."""
    path = ROOT / name
    if path.is_file():
        return path.read_text(encoding="utf-8")
    sdist = os.environ.get("STALIN_TELEGRAMS_SDIST")
    if not sdist:
        pytest.skip(f"no {name} here and no sdist to read it from")
    with tarfile.open(sdist) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith(f"/{name}"))
        stream = archive.extractfile(member)
        assert stream is not None
        return stream.read().decode("utf-8")


@pytest.fixture(scope="module")
def cff() -> dict[str, Any]:
    """Return CITATION.cff parsed: from the checkout, else from the built sdist."""
    yaml = need("yaml")
    return dict(yaml.safe_load(project_file("CITATION.cff")))


class TestRelease:
    """The version and its release date are stated in _version.py, and repeated as they are."""

    def test_citation_cff(self, cff: dict[str, Any]) -> None:
        """CITATION.cff gives the version and the release date of _version.py."""
        assert (__version__, RELEASED) == (cff["version"], str(cff["date-released"]))

    def test_changelog(self) -> None:
        """The newest release heading of CHANGELOG.md is the version of _version.py, on its day."""
        heading = re.search(
            r"^## \[(\d[^]]*)\] - (\S+)$", project_file("CHANGELOG.md"), re.MULTILINE
        )
        assert heading is not None
        assert (__version__, RELEASED) == heading.groups()

    def test_citation_year(self) -> None:
        """The citations give the year of the release."""
        assert int(RELEASED[:4]) == _citation.YEAR


class TestMessageCitation:
    """message_citation() cites one message of the volume."""

    def test_chicago(self) -> None:
        """Chicago names the letter, the volume, the package version and the id."""
        expected = (
            'Stalin, J. V. "Stalin to Churchill, 20 November 1942." In Works, vol. 17,'
            " War Telegrams. London: Red Star Press, 1986. Machine-readable text:"
            " stalin_telegrams 1.2.3, message 1942-11-20-churchill."
        )
        assert expected == message_citation(*_facts(load()[ID]), "chicago", version="1.2.3")

    def test_apa(self) -> None:
        """APA gives the year of the volume first."""
        cited = message_citation(*_facts(load()[ID]), "apa", version="1.2.3")
        assert cited.startswith("Stalin, J. V. (1986). Stalin to Churchill, 20 November 1942")
        assert "(Version 1.2.3)" in cited
        assert cited.endswith("message 1942-11-20-churchill.")

    def test_bibtex(self) -> None:
        """BibTeX is an @incollection entry whose key is the message id."""
        cited = message_citation(*_facts(load()[ID]), "bibtex", version="1.2.3")
        assert cited.startswith("@incollection{1942-11-20-churchill,\n")
        assert "  title = {Stalin to Churchill, 20 November 1942},\n" in cited
        assert "  note = {stalin\\_telegrams 1.2.3, message 1942-11-20-churchill},\n" in cited
        assert cited.endswith("}")
        assert cited.count("{") == cited.count("}")

    def test_several_recipients(self) -> None:
        """A message to several recipients names them all."""
        cited = message_citation(*_facts(load()[JOINT]))
        assert '"Stalin to Churchill and Roosevelt, 30 January 1943."' in cited

    def test_default_version(self) -> None:
        """The version is the package's by default."""
        assert f"stalin_telegrams {__version__}," in message_citation(*_facts(load()[ID]))

    @pytest.mark.parametrize("style", STYLES)
    def test_message_method(self, style: str) -> None:
        """Message.citation() is message_citation() of the message."""
        assert message_citation(*_facts(load()[ID]), style) == load()[ID].citation(style)

    def test_unknown_style(self) -> None:
        """An unknown style raises UnsupportedFormatError, a ValueError, naming the styles."""
        with pytest.raises(UnsupportedFormatError, match="chicago, apa, bibtex") as caught:
            message_citation(*_facts(load()[ID]), "mla")
        assert isinstance(caught.value, ValueError)


class TestEditionCitation:
    """edition_citation() cites the whole edition, as CITATION.cff does."""

    @pytest.mark.parametrize("style", STYLES)
    def test_names_title_version_year(self, style: str) -> None:
        """Every style names the title, authors, version, year and the volume."""
        cited = edition_citation(style, "1.2.3")
        for part in (
            "Stalin's wartime correspondence",
            _citation.AUTHOR,
            "1.2.3",
            "2026",
            "Red Star Press",
        ):
            assert part in cited

    def test_bibtex_key(self) -> None:
        """The BibTeX entry is @misc{stalin_telegrams, ...}."""
        assert edition_citation("bibtex").startswith("@misc{stalin_telegrams,\n")

    @pytest.mark.parametrize("style", STYLES)
    def test_corpus_method(self, style: str) -> None:
        """Corpus.citation() cites the whole edition, whatever part of it the corpus holds."""
        assert edition_citation(style) == load()[:2].citation(style)

    def test_unknown_style(self) -> None:
        """An unknown style raises UnsupportedFormatError."""
        with pytest.raises(UnsupportedFormatError):
            edition_citation("harvard")

    def test_matches_citation_cff(self, cff: dict[str, Any]) -> None:
        """Title, author, version, release and licence are those of CITATION.cff."""
        assert cff["title"] == _citation.TITLE
        assert [{"name": _citation.AUTHOR}] == cff["authors"]
        assert cff["version"] == __version__
        assert str(cff["date-released"]) == RELEASED
        assert [_licence.CODE_LICENCE, _licence.DATA_LICENCE] == cff["license"]

    def test_volume_matches_citation_cff(self, cff: dict[str, Any]) -> None:
        """The printed volume is the first reference of CITATION.cff."""
        book = cff["references"][0]
        assert book["title"] == (
            f"{_citation.EDITION_TITLE}, vol. {_citation.EDITION_VOLUME}:"
            f" {_citation.EDITION_VOLUME_TITLE}"
        )
        assert [
            {
                "family-names": _citation.EDITION_AUTHOR_FAMILY,
                "given-names": _citation.EDITION_AUTHOR_GIVEN,
            }
        ] == book["authors"]
        assert {"name": _citation.EDITION_PUBLISHER, "city": _citation.EDITION_CITY} == book[
            "publisher"
        ]
        assert _citation.EDITION_YEAR == book["year"]
        assert _citation.EDITION_VOLUME == book["volume"]


class TestEdition:
    """edition() names the printed volume in one line."""

    def test_text(self) -> None:
        """Author, title, volume, place, publisher and year."""
        expected = "J. V. Stalin, Works, vol. 17: War Telegrams (London: Red Star Press, 1986)"
        assert expected == edition()
