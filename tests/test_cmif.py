"""Tests for stalin_telegrams._cmif: the CMIF file for correspSearch."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from stalin_telegrams import load
from stalin_telegrams._cmif import BIBL_ID, CMIF_LICENCE, TEI, XML, cmif, to_cmif

URL = "https://example.org/telegrams-cmif.xml"
DAY = datetime.date(2026, 12, 1)
NS = {"tei": TEI}
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture(scope="module")
def root() -> ElementTree.Element:
    """Return the parsed CMIF document of the whole corpus."""
    return ElementTree.fromstring(cmif(load(), URL, DAY))  # noqa: S314 - our own output


def _one(parent: ElementTree.Element, path: str) -> ElementTree.Element:
    found = parent.findall(path, NS)
    assert 1 == len(found), path
    return found[0]


class TestCmif:
    """cmif() gives one correspDesc per message, with the header CMIF requires."""

    def test_root(self, root: ElementTree.Element) -> None:
        """The root is TEI in the TEI namespace, with a header and an empty body."""
        assert f"{{{TEI}}}TEI" == root.tag
        _one(root, "tei:teiHeader")
        _one(root, "tei:text/tei:body/tei:p")

    def test_header(self, root: ElementTree.Element) -> None:
        """Title, editor, publisher, URL, date, CC BY licence and the printed volume."""
        file_desc = _one(root, "tei:teiHeader/tei:fileDesc")
        assert _one(file_desc, "tei:titleStmt/tei:title").text
        assert _one(file_desc, "tei:titleStmt/tei:editor").text
        publication = _one(file_desc, "tei:publicationStmt")
        assert _one(publication, "tei:publisher").text
        assert URL == _one(publication, "tei:idno[@type='url']").text
        assert DAY.isoformat() == _one(publication, "tei:date").get("when")
        assert CMIF_LICENCE == _one(publication, "tei:availability/tei:licence").get("target")
        bibl = _one(file_desc, "tei:sourceDesc/tei:bibl")
        assert "print" == bibl.get("type")
        assert BIBL_ID == bibl.get(f"{{{XML}}}id")
        assert "War Telegrams" in (bibl.text or "")

    def test_one_letter_per_message(self, root: ElementTree.Element) -> None:
        """The letters are the messages, in order, keyed by their number in the volume."""
        letters = root.findall(".//tei:profileDesc/tei:correspDesc", NS)
        assert [str(m.number) for m in load()] == [d.get("key") for d in letters]
        assert {f"#{BIBL_ID}"} == {d.get("source") for d in letters}

    def test_letters(self, root: ElementTree.Element) -> None:
        """Each letter has sender, addressees, place where given, and the message's date."""
        letters = root.findall(".//tei:profileDesc/tei:correspDesc", NS)
        for message, letter in zip(load(), letters, strict=True):
            sent = _one(letter, "tei:correspAction[@type='sent']")
            received = _one(letter, "tei:correspAction[@type='received']")
            senders = [p.text for p in sent.findall("tei:persName", NS)]
            assert list(message.senders) == senders
            assert list(message.recipients) == [
                p.text for p in received.findall("tei:persName", NS)
            ]
            places = [p.text for p in sent.findall("tei:placeName", NS)]
            assert ([] if message.place is None else [message.place]) == places
            dates = sent.findall("tei:date", NS)
            expected = [] if message.date is None else [message.date.isoformat()]
            assert expected == [d.get("when") for d in dates]
            assert all(ISO_DAY.match(d.get("when") or "") for d in dates)

    def test_every_letter_dated(self, root: ElementTree.Element) -> None:
        """Every message of the corpus is dated, so every letter has a date."""
        assert len(load()) == len(root.findall(".//tei:correspAction[@type='sent']/tei:date", NS))

    def test_no_url(self) -> None:
        """Without a URL there is no idno."""
        root = ElementTree.fromstring(cmif(load()[:1], published=DAY))  # noqa: S314 - our own output
        assert [] == root.findall(".//tei:idno", NS)


class TestToCmif:
    """to_cmif() writes the document to a file."""

    def test_corpus_method(self, tmp_path: Path) -> None:
        """Corpus.to_cmif() writes cmif() of the corpus, with the URL given."""
        part = load()[:3]
        part.to_cmif(tmp_path / "c.xml", url=URL)
        written = ElementTree.parse(tmp_path / "c.xml")  # noqa: S314 - our own output
        assert URL == written.find(".//tei:idno", NS).text  # type: ignore[union-attr]
        assert 3 == len(written.findall(".//tei:correspDesc", NS))

    def test_file(self, tmp_path: Path) -> None:
        """The file holds cmif() and parses as XML; nothing else is left."""
        path = tmp_path / "cmif.xml"
        to_cmif(load(), path, URL, DAY)
        assert cmif(load(), URL, DAY) == path.read_bytes()
        assert len(load()) == len(ElementTree.parse(path).findall(".//tei:correspDesc", NS))  # noqa: S314 - our own output
        assert ["cmif.xml"] == [p.name for p in tmp_path.iterdir()]
