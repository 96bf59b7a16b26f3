"""Tests of the reading room's extension, docs/_ext/edition/."""

from __future__ import annotations

import csv
import datetime
import doctest
import importlib
from pathlib import Path

import pytest

pytest.importorskip("sphinx", reason="the docs tools (pip install --group docs) are needed")

import edition
from docutils import nodes
from edition import _data, _titles

from stalin_telegrams import Corpus, IncomingMessage, Message, Pair, load
from tests.factories import fake

#: The modules of the extension whose docstrings hold examples.
MODULES = ("_words", "_data", "_sources", "_nodes", "_redirects", "_downloads", "_titles")


def _message(**fields: object) -> Message:
    values: dict[str, object] = {
        "message_id": "1942-01-02-churchill",
        "number": 1,
        "heading": "TO Mr CHURCHILL",
        "written_on": datetime.date(1942, 1, 2),
        "text": "Thank you.",
    }
    values.update(fields)
    return fake(**values)  # type: ignore[arg-type]


class TestCorrespondents:
    """correspondents(): the other parties of a message."""

    def test_recipients_of_the_author(self) -> None:
        """The correspondents of a message from the volume's author are its recipients."""
        message = _message(recipients=("Roosevelt", "Churchill"))
        assert ("Roosevelt", "Churchill") == edition.correspondents(message)

    def test_author_as_recipient(self) -> None:
        """A message to the volume's author has its sender as correspondent."""
        message = _message(senders=("Churchill",), recipients=("Stalin",))
        assert ("Churchill",) == edition.correspondents(message)

    def test_joint_sender(self) -> None:
        """A joint sender beside the author is a correspondent, before the recipients."""
        message = _message(senders=("Stalin", "Churchill"), recipients=("Roosevelt",))
        assert ("Churchill", "Roosevelt") == edition.correspondents(message)


class TestLongDate:
    """long_date(): dates as the edition writes them."""

    def test_date(self) -> None:
        """A date is written day, month name, year, without a leading zero."""
        assert "5 March 1943" == edition.long_date(datetime.date(1943, 3, 5))

    def test_none(self) -> None:
        """No date is written as undated."""
        assert "undated" == edition.long_date(None)


class TestTitle:
    """title(): the title of a message's page."""

    def test_title(self) -> None:
        """A title gives the number, who wrote to whom, and the date."""
        message = _message(number=7, recipients=("Roosevelt", "Churchill"))
        assert "No. 7: Stalin → Roosevelt and Churchill, 2 January 1942" == edition.title(message)


class TestIncomingTitle:
    """incoming_title(): who wrote an incoming message to whom, and when."""

    def test_title(self) -> None:
        """The title gives the authors, the addressees and the date."""
        record = IncomingMessage(
            id="1943-01-26-churchill-roosevelt-to-stalin",
            authors=("Churchill", "Roosevelt"),
            addressees=("Stalin",),
            date=datetime.date(1943, 1, 26),
        )
        expected = "Churchill and Roosevelt to Stalin, 26 January 1943"
        assert expected == edition.incoming_title(record)

    def test_undated(self) -> None:
        """An incoming message named without a date is said to be undated."""
        record = IncomingMessage(id="x", authors=("Churchill",), addressees=("Stalin",), date=None)
        assert "Churchill to Stalin, undated" == edition.incoming_title(record)

    def test_received(self) -> None:
        """An incoming message known by the day it arrived is named by that day."""
        record = IncomingMessage(
            id="received-1943-04-27-roosevelt-to-stalin",
            authors=("Roosevelt",),
            addressees=("Stalin",),
            date=None,
            received_on=datetime.date(1943, 4, 27),
        )
        assert "Roosevelt to Stalin, received 27 April 1943" == edition.incoming_title(record)


class TestTargetLink:
    """target_link(): a link to a printed message or to an incoming message's entry."""

    def test_printed(self) -> None:
        """A printed message's id links to its page."""
        node = edition.target_link(edition.edition(), "1942-11-20-churchill")
        assert ("messages/1942-11-20-churchill", "") == (node["todoc"], node["anchor"])

    def test_incoming(self) -> None:
        """An incoming message's id links to its entry, by id, in the list of incoming messages."""
        record = load().incoming()[0]
        node = edition.target_link(edition.edition(), record.id)
        assert ("edition/incoming", record.id) == (node["todoc"], node["anchor"])

    def test_unknown(self) -> None:
        """An id that names nothing is shown as it is, not linked."""
        node = edition.target_link(edition.edition(), "no-such-id")
        assert (nodes.literal, "no-such-id") == (type(node), node.astext())


class TestExcerpt:
    """excerpt(): the first words of a text."""

    def test_short(self) -> None:
        """A text of no more words than asked is given whole, without an ellipsis."""
        assert "One two." == edition.excerpt("One  two.", 2)

    def test_long(self) -> None:
        """A longer text is cut after the words asked for, with an ellipsis."""
        assert "One two …" == edition.excerpt("One two three", 2)


class TestCitation:
    """citation(): the package's citation of a message, with the address of its page."""

    URL = "https://example.org/messages/1942-01-02-churchill.html"

    @pytest.mark.parametrize("style", ["chicago", "apa"])
    def test_address_last(self, style: str) -> None:
        """Chicago and APA give the package's citation, then the page's address."""
        message = _message(number=12)
        expected = f"{message.citation(style)} {self.URL}"
        assert expected == edition.citation(message, style, self.URL)

    def test_bibtex_url_field(self) -> None:
        """BibTeX gives the address as a url field inside the entry."""
        cited = edition.citation(_message(number=12), "bibtex", self.URL)
        assert (True, True) == (
            cited.endswith(f"  url = {{{self.URL}}},\n}}"),
            cited.count("@") == 1,
        )


def _shape(paragraphs: list[list[edition.Piece]]) -> list[list[str | tuple[str, ...]]]:
    """Pieces as plain data: words as str, a mark as (mark,), a span's words as (words, index)."""
    return [
        [
            (p.mark,)
            if p.mark is not None
            else (p.text, str(p.span))
            if p.span is not None
            else p.text
            for p in paragraph
        ]
        for paragraph in paragraphs
    ]


class TestTextPieces:
    """text_pieces(): paragraphs with the footnote marks in place and the references apart."""

    def test_no_marks(self) -> None:
        """Without marks or spans, each paragraph is one run of text."""
        assert [["A b."], ["C d."]] == _shape(edition.text_pieces("A b.\n\nC d."))

    def test_marks_in_second_paragraph(self) -> None:
        """A mark's offset counts from the start of the whole text, blank lines included."""
        text = "A b.\n\nC d. E."
        expected = [["A b."], ["C d.", ("7",), " E."]]
        assert expected == _shape(edition.text_pieces(text, [(10, "7")]))

    def test_mark_at_the_end(self) -> None:
        """A mark after the last word of a paragraph closes it."""
        expected = [["A b.", ("1",)], ["C."]]
        assert expected == _shape(edition.text_pieces("A b.\n\nC.", [(4, "1")]))

    def test_spans(self) -> None:
        """Spans are kept apart with their index; one overlapping an earlier span is ignored."""
        text = "See my message of May 1."
        spans = [(4, 14), (7, 20), (18, 23)]
        expected = [["See ", ("my message", "0"), " of ", ("May 1", "2"), "."]]
        assert expected == _shape(edition.text_pieces(text, (), spans))

    def test_references_of_the_corpus(self) -> None:
        """Over the corpus, pieces give each text back, its marks, and each reference's phrase."""
        for message in load():
            marks = [(mark.offset, mark.mark) for mark in message.footnote_marks]
            spans = [(r.start, r.end) for r in message.references]
            paragraphs = edition.text_pieces(message.text, marks, spans)
            text = "\n\n".join("".join(p.text for p in para) for para in paragraphs)
            placed = [p.mark for para in paragraphs for p in para if p.mark is not None]
            phrases: dict[int, str] = {}
            for piece in (p for para in paragraphs for p in para if p.span is not None):
                phrases[piece.span] = phrases.get(piece.span, "") + piece.text
            assert (message.text, [m.mark for m in message.footnote_marks]) == (text, placed)
            assert {i: message.references[i].phrase for i in phrases} == phrases


class TestRstEscape:
    """rst_escape(): text safe as reStructuredText."""

    def test_markup(self) -> None:
        """Characters that start inline markup are escaped; letters are left alone."""
        assert r"Mr \*A\* \`B\` C\_ \|D\|" == edition.rst_escape("Mr *A* `B` C_ |D|")


class TestSources:
    """sources(): the generated source files."""

    def test_a_page_per_message(self) -> None:
        """Every message gets a source file at messages/<id>.rst naming it."""
        files = edition.sources(edition.edition())
        pages = {name for name in files if name.startswith("messages/")}
        assert {f"messages/{i}.rst" for i in load().ids} == pages
        body = files["messages/1942-11-20-churchill.rst"]
        assert ".. edition-message:: 1942-11-20-churchill" in body

    def test_generated_mark_and_orphan(self) -> None:
        """Every file starts with the mark of the extension; message pages are orphans."""
        files = edition.sources(edition.edition())
        assert all(text.startswith(edition.GENERATED_MARK) for text in files.values())
        assert all(":orphan:" in files[f"messages/{i}.rst"] for i in load().ids)

    def test_a_page_per_year_and_thread(self) -> None:
        """Each year with messages and each thread of more than one message has a page."""
        data = edition.edition()
        files = edition.sources(data)
        years = {m.date.year for m in load() if m.date is not None}
        keys = {thread[0].id for thread in data.threads.values()}
        assert {f"edition/{y}.rst" for y in years} <= set(files)
        assert "edition/incoming.rst" in files
        assert {name for name in files if name.startswith("threads/")} == {
            f"threads/{k}.rst" for k in keys
        }


class TestWriteSources:
    """write_sources(): writing them, and only them."""

    def test_writes_and_keeps_unchanged(self, tmp_path: Path) -> None:
        """Files are written once; a second run with the same text rewrites none."""
        files = {"messages/a.rst": edition.GENERATED_MARK + "\nA\n"}
        first = edition.write_sources(tmp_path, files)
        second = edition.write_sources(tmp_path, files)
        assert (1, 0, "A") == (first, second, (tmp_path / "messages/a.rst").read_text()[-2])

    def test_removes_stale_pages(self, tmp_path: Path) -> None:
        """A page made before for a message that is gone is removed."""
        edition.write_sources(tmp_path, {"messages/old.rst": edition.GENERATED_MARK + "\n"})
        edition.write_sources(tmp_path, {"messages/new.rst": edition.GENERATED_MARK + "\n"})
        assert ["new.rst"] == sorted(p.name for p in (tmp_path / "messages").iterdir())

    def test_refuses_a_file_not_its_own(self, tmp_path: Path) -> None:
        """A hand-written file in a generated folder stops the build and is kept."""
        (tmp_path / "threads").mkdir()
        (tmp_path / "threads" / "mine.rst").write_text("Mine\n====\n")
        with pytest.raises(RuntimeError, match=r"mine\.rst"):
            edition.write_sources(tmp_path, {})
        assert (tmp_path / "threads" / "mine.rst").exists()


class TestNameAnchor:
    """name_anchor(): the anchor of a name in the index of names."""

    def test_words(self) -> None:
        """Letters and digits are kept in lower case, anything else separates words."""
        assert "name-j-v-stalin-s-order-no-1" == edition.name_anchor("J. V. Stalin's Order No. 1")

    def test_unique(self) -> None:
        """No two entries of the index share an anchor."""
        names = [item.name for item in load().names()]
        assert len(names) == len({edition.name_anchor(name) for name in names})


class TestRedirectPage:
    """redirect_page(): the page of a retired id."""

    def test_redirect(self) -> None:
        """A redirect page refreshes to the new page and links to it."""
        page = edition.redirect_page("1942-11-20-churchill.html")
        assert 'content="0; url=1942-11-20-churchill.html"' in page
        assert '<a href="1942-11-20-churchill.html">' in page


class TestRedirectPages:
    """redirect_pages(): a page for every retired id."""

    def test_pages(self) -> None:
        """Each retired id gets messages/<old>.html, sending the reader to its new id."""
        corpus = Corpus([_message()], {"1942-01-02-churchill-x": "1942-01-02-churchill"})
        pages = edition.redirect_pages(corpus)
        expected = {
            "messages/1942-01-02-churchill-x.html": edition.redirect_page(
                "1942-01-02-churchill.html"
            )
        }
        assert expected == pages

    def test_clash(self) -> None:
        """A retired id that is also a message's id is an error, not an overwritten page."""
        first = _message()
        second = _message(id="1942-01-02-churchill-2", number=2)
        corpus = Corpus([first, second], {"1942-01-02-churchill-2": "1942-01-02-churchill"})
        with pytest.raises(ValueError, match="1942-01-02-churchill-2"):
            edition.redirect_pages(corpus)


class TestThreadRedirectPages:
    """thread_redirect_pages(): a page for every retired key of a thread."""

    def test_pages(self) -> None:
        """Each retired key gets threads/<old>.html, sending the reader to the thread now."""
        pages = edition.thread_redirect_pages(
            {"1943-11-10-roosevelt": "1943-11-05-roosevelt"}, {"1943-11-05-roosevelt"}
        )
        expected = {
            "threads/1943-11-10-roosevelt.html": edition.redirect_page(
                "1943-11-05-roosevelt.html", what="thread"
            )
        }
        assert expected == pages

    def test_says_thread(self) -> None:
        """The page says a thread moved, not a message."""
        page = edition.thread_redirect_pages({"a": "b"}, {"b"})["threads/a.html"]
        assert "This thread has a new id" in page

    def test_no_thread_page(self) -> None:
        """A retired key whose new key has no thread page is an error, not a dead redirect."""
        with pytest.raises(ValueError, match="1943-11-10-roosevelt -> 1943-11-06-roosevelt"):
            edition.thread_redirect_pages(
                {"1943-11-10-roosevelt": "1943-11-06-roosevelt"}, {"1943-11-05-roosevelt"}
            )

    def test_clash(self) -> None:
        """A retired key that is still a thread's key is an error, not an overwritten page."""
        with pytest.raises(ValueError, match="also thread keys: a"):
            edition.thread_redirect_pages({"a": "b"}, {"a", "b"})

    def test_aliases_file(self, tmp_path: Path) -> None:
        """thread_aliases() reads the old and new keys of each row of the file."""
        path = tmp_path / "thread-aliases.csv"
        path.write_text(
            'old_first_id,new_first_id,since,reason\na,b,0.3.0,"moved, once"\n', encoding="utf-8"
        )
        assert {"a": "b"} == edition.thread_aliases(path)

    def test_shipped_aliases_have_pages(self) -> None:
        """Every row of docs/thread-aliases.csv goes to a thread page of the edition."""
        data = edition.edition()
        keys = {thread[0].id for thread in data.threads.values()}
        aliases = edition.thread_aliases()
        assert "1943-11-10-roosevelt" in aliases
        assert set(edition.thread_redirect_pages(aliases, keys)) == {
            f"threads/{old}.html" for old in aliases
        }


class TestReviewedTitles:
    """docs/thread-titles.csv: the titles a reader gave where the rule's names mislead."""

    def test_rows(self) -> None:
        """Each row names a thread once, and gives it a title other than the rule's."""
        with _titles.THREAD_TITLES.open(encoding="utf-8", newline="") as handle:
            keys = [row["thread"] for row in csv.DictReader(handle)]
        data = edition.edition()
        rule = _data.thread_titles(data.corpus, data.threads, {})
        assert keys
        assert sorted(set(keys)) == sorted(keys)
        assert [] == [key for key in keys if key not in rule]
        assert [] == [key for key in keys if data.thread_titles[key] == rule[key]]

    def test_twice_refused(self, tmp_path: Path) -> None:
        """A thread given twice is an error, not a silent choice of one row."""
        path = tmp_path / "thread-titles.csv"
        path.write_text("thread,topic,reason\na,One,why\na,Two,why\n", encoding="utf-8")
        with pytest.raises(ValueError, match="thread a is given twice"):
            _titles.reviewed_topics(path)

    def test_unknown_thread_refused(self) -> None:
        """A row for a key that names no thread is an error, not a title nobody sees."""
        with pytest.raises(ValueError, match="no thread has the key b"):
            _titles.reviewed_titles({"a": "A: with Churchill, May 1942"}, {"b": "B"})


class TestDiffNodes:
    """diff_nodes(): a pair's word diff as nodes."""

    def test_marks_changes(self) -> None:
        """Words only in the first text are deleted, words only in the second inserted."""
        first = _message(text="I have received your message.")
        second = _message(id="1942-01-02-roosevelt", text="I am in receipt of your message.")
        paragraph = edition.diff_nodes(Pair(first, second, 0.5, "same-message"))
        deleted = [n.astext() for n in paragraph.findall(edition.deleted)]
        inserted = [n.astext() for n in paragraph.findall(edition.inserted)]
        assert (["have received"], ["am in receipt of"]) == (deleted, inserted)
        assert "I have received am in receipt of your message." == paragraph.astext()


class TestListEntry:
    """list_entry(): a message's line in a list."""

    def test_link_and_excerpt(self) -> None:
        """A list entry links to the message's page, its title as text, then its first words."""
        message = _message(text="Thank you for the message.")
        entry = edition.list_entry(message)
        link = next(iter(entry.findall(edition.edition_link)))
        assert ("messages/1942-01-02-churchill", edition.title(message)) == (
            link["todoc"],
            link.astext(),
        )
        assert "Thank you for the message." == next(iter(entry.findall(nodes.inline))).astext()


class TestEdition:
    """edition(): what the pages need from the corpus."""

    def test_pairs_both_ways(self) -> None:
        """Each pair is listed under both of its messages."""
        data = edition.edition()
        for message_id, pairs in data.pairs.items():
            assert all(message_id in (p.first.id, p.second.id) for p in pairs)

    def test_threads_are_thread_of(self) -> None:
        """A message in a thread of several maps to its thread_of(); lone messages are absent."""
        data = edition.edition()
        corpus = load()
        for message in corpus:
            thread = corpus.thread_of(message)
            expected = thread.ids if len(thread) > 1 else None
            found = data.threads.get(message.id)
            assert expected == (None if found is None else found.ids)

    def test_replies_invert_reply_links(self) -> None:
        """A record answering another, printed or incoming, is among its replies, with how."""
        data = edition.edition()
        corpus = load()
        expected: dict[str, set[tuple[str, tuple[str, ...]]]] = {}
        for record in (*corpus, *corpus.incoming()):
            for reply in record.reply_links:
                expected.setdefault(reply.id, set()).add((record.id, reply.kinds))
        assert expected == {key: set(value) for key, value in data.replies.items()}

    def test_source_lines(self) -> None:
        """The source holds the raw lines a message's spans point at."""
        data = edition.edition()
        message = load()["1942-11-20-churchill"]
        span = message.source_lines[0]
        lines = data.source[span.start - 1 : span.end]
        assert any(message.text[:40] in line for line in lines)


@pytest.mark.parametrize("module", MODULES)
def test_examples(module: str) -> None:
    """The examples in the extension's docstrings hold."""
    found = importlib.import_module(f"edition.{module}")
    assert 0 == doctest.testmod(found, optionflags=doctest.ELLIPSIS).failed
