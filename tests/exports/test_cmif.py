"""Tests for stalin_telegrams.exports._cmif: the CMIF file for correspSearch."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from xml.etree import ElementTree

import attrs
import pytest

from stalin_telegrams import load
from stalin_telegrams.exceptions import ArgumentTypeError, InvalidArgumentError
from stalin_telegrams.exports._cmif import BIBL_ID, CMIF_LICENCE, TEI, XML, cmif, to_cmif

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
        """Without a URL the idno is the project's Homepage, so that the file is valid CMIF."""
        from stalin_telegrams._licence import homepage

        root = ElementTree.fromstring(cmif(load()[:1], published=DAY))  # noqa: S314 - our own output
        assert [homepage()] == [e.text for e in root.findall(".//tei:idno", NS)]


@pytest.fixture(scope="module")
def with_incoming() -> ElementTree.Element:
    """Return the parsed CMIF document of the whole corpus with its incoming messages."""
    corpus = load()
    document = cmif(corpus, URL, DAY, incoming=corpus.incoming(), names=corpus.name_index)
    return ElementTree.fromstring(document)  # noqa: S314 - our own output


class TestCmifIncoming:
    """cmif() with incoming messages adds them after the printed letters, marked."""

    def test_count(self, with_incoming: ElementTree.Element) -> None:
        """Every incoming message of the corpus is a letter: printed + incoming."""
        letters = with_incoming.findall(".//tei:profileDesc/tei:correspDesc", NS)
        assert len(load()) + len(load().incoming()) == len(letters)

    def test_printed_unchanged(
        self, root: ElementTree.Element, with_incoming: ElementTree.Element
    ) -> None:
        """The printed letters are the same with or without the incoming ones, but their refs."""
        printed = root.findall(".//tei:profileDesc/tei:correspDesc", NS)
        both = with_incoming.findall(".//tei:profileDesc/tei:correspDesc", NS)
        incoming = {f"#letter-{r.id}" for r in load().incoming()}

        def content(letter: ElementTree.Element) -> list[tuple[str, dict[str, str], str | None]]:
            return [
                (e.tag, e.attrib, e.text)
                for e in letter.iter()
                if e.get("target") not in incoming and not e.tag.endswith("correspContext")
            ]

        assert [content(d) for d in printed] == [content(d) for d in both[: len(printed)]]

    def test_letters(self, with_incoming: ElementTree.Element) -> None:
        """An incoming letter: key = id, correspondents, when or notAfter, a note of its source."""
        corpus = load()
        letters = with_incoming.findall(".//tei:profileDesc/tei:correspDesc", NS)[len(corpus) :]
        for record, letter in zip(corpus.incoming(), letters, strict=True):
            assert record.id == letter.get("key")
            sent = _one(letter, "tei:correspAction[@type='sent']")
            received = _one(letter, "tei:correspAction[@type='received']")
            assert list(record.authors) == [p.text for p in sent if p.tag != f"{{{TEI}}}date"]
            assert list(record.addressees) == [p.text for p in received]
            date = _one(sent, "tei:date")
            if record.date is not None:
                assert {"when": record.date.isoformat()} == date.attrib
            else:
                bound = min(d for i in record.mentioned_in if (d := corpus[i].date))
                assert {"notAfter": bound.isoformat()} == date.attrib
            note = _one(letter, "tei:note").text or ""
            assert note.startswith("Not printed in the volume")
            assert all(i in note for i in record.mentioned_in)

    def test_organisation(self, with_incoming: ElementTree.Element) -> None:
        """A correspondent the index does not list as a person is an orgName."""
        names = {o.text for o in with_incoming.iterfind(".//tei:orgName", NS)}
        assert {"British Government"} == names

    def test_undated_unbounded_left_out(self) -> None:
        """An undated incoming message whose naming messages are not given is left out."""
        corpus = load()
        record = next(i for i in corpus.incoming() if i.date is None)
        other = next(m for m in corpus if m.id not in record.mentioned_in)
        document = cmif([other], URL, DAY, incoming=[record], names=corpus.name_index)
        root = ElementTree.fromstring(document)  # noqa: S314 - our own output
        assert 1 == len(root.findall(".//tei:correspDesc", NS))


class TestToCmif:
    """to_cmif() writes the document to a file."""

    def test_corpus_method(self, tmp_path: Path) -> None:
        """Corpus.to_cmif() writes cmif() of the corpus, with the URL given."""
        part = load()[:3]
        part.to_cmif(tmp_path / "c.xml", url=URL)
        written = ElementTree.parse(tmp_path / "c.xml")  # noqa: S314 - our own output
        assert URL == written.find(".//tei:idno", NS).text  # type: ignore[union-attr]
        named = [i.id for i in part.incoming() if set(i.mentioned_in) & set(part.ids)]
        keys = [d.get("key") for d in written.findall(".//tei:correspDesc", NS)]
        assert [str(m.number) for m in part] + named == keys

    def test_file(self, tmp_path: Path) -> None:
        """The file holds cmif() and parses as XML; nothing else is left."""
        path = tmp_path / "cmif.xml"
        to_cmif(path, cmif(load(), URL, DAY))
        assert cmif(load(), URL, DAY) == path.read_bytes()
        assert len(load()) == len(ElementTree.parse(path).findall(".//tei:correspDesc", NS))  # noqa: S314 - our own output
        assert ["cmif.xml"] == [p.name for p in tmp_path.iterdir()]


class TestCmifReplies:
    """A letter that answers another of the file points to it with correspContext/ref."""

    def test_ref_to_the_answered_letter(self) -> None:
        """Hokkaido, 1945: the answer points to Truman's reply, which points to its message."""
        corpus = load()
        document = cmif(list(corpus), incoming=corpus.incoming(), names=corpus.name_index)
        root = ElementTree.fromstring(document)  # noqa: S314 - our own output
        letters = {
            d.get(f"{{{XML}}}id"): d for d in root.findall(".//tei:profileDesc/tei:correspDesc", NS)
        }

        def refs(record_id: str) -> list[str | None]:
            return [
                r.get("target")
                for r in letters[f"letter-{record_id}"].findall("tei:correspContext/tei:ref", NS)
            ]

        assert ["#letter-1945-08-18-truman-to-stalin"] == refs("1945-08-22-truman")
        assert ["#letter-1945-08-16-truman"] == refs("1945-08-18-truman-to-stalin")
        targets = {t for d in letters for t in refs(d[len("letter-") :])}
        assert {t[1:] for t in targets} <= set(letters)


class TestCheckedValues:
    """cmif() refuses what would make a file that is not well-formed XML."""

    @pytest.mark.parametrize("url", [123, b"https://x", ["https://x"], 1.5])
    def test_url_type(self, url: object) -> None:
        """A URL that is not a str is a typed error naming the argument."""
        with pytest.raises(ArgumentTypeError, match="url: expected a str"):
            cmif(load()[:1], url, DAY)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        "url",
        [
            "",
            "http://x\x01y",
            "http://x\x00y",
            "http://x y",
            "http://x\ny",
            "http://x\ufffey",
            "http://x\ud800y",
            "http://x\x85y",
        ],
    )
    def test_url_value(self, url: str) -> None:
        """A URL with white space or a control character (or empty) is refused."""
        with pytest.raises(InvalidArgumentError, match="url: "):
            cmif(load()[:1], url, DAY)

    def test_url_through_corpus(self, tmp_path: Path) -> None:
        """Corpus.to_cmif() refuses a bad URL before writing anything."""
        with pytest.raises(InvalidArgumentError):
            load()[:1].to_cmif(tmp_path / "c.xml", url="http://x\x01y")
        assert [] == list(tmp_path.iterdir())

    @pytest.mark.parametrize("text", ["Church\x01ill", "Church\ufffeill"])
    def test_name_xml_cannot_hold(self, text: str) -> None:
        """A name that XML cannot hold is refused, naming the element."""
        message = attrs.evolve(load()[0], place=text)
        with pytest.raises(InvalidArgumentError, match="placeName"):
            cmif([message], URL, DAY)

    def test_well_formed_with_any_good_url(self) -> None:
        """A URL with characters XML escapes (& < >) gives a well-formed file."""
        url = "https://example.org/a?b=1&c=<2>"
        root = ElementTree.fromstring(cmif(load()[:1], url, DAY))  # noqa: S314 - our own output
        assert url == _one(root, ".//tei:idno").text
