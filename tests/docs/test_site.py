"""Tests of the built documentation site: its pages, its links, and nothing fetched from outside.

They read the HTML folder named by ``STALIN_TELEGRAMS_SITE`` (see conftest.py).
"""

from __future__ import annotations

import functools
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import pytest

pytest.importorskip("sphinx", reason="the docs tools (pip install --group docs) are needed")

import edition

from stalin_telegrams import duplicates, load

#: Attributes that make the browser fetch or go to another file.
LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src"}
#: What a CSS file may pull from elsewhere.
CSS_REMOTE = re.compile(r"@import\s+(url\()?\s*['\"]?\s*(https?:)?//|url\(\s*['\"]?\s*(https?:)?//")


class _Page(HTMLParser):
    """The ids, links and loaded resources of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        for name in ("id", "name"):
            if name in values and (name == "id" or tag == "a"):
                self.ids.add(values[name])
        wanted = LINK_ATTRIBUTES.get(tag)
        if wanted and wanted in values:
            self.links.append((tag, values[wanted]))


@functools.cache
def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


class TestPages:
    """The generated pages and what they show."""

    def test_a_page_per_message(self, site: Path) -> None:
        """Every message id has its page at messages/<id>.html, and no other page is there.

        A retired id of a printed message has a redirect page there too; one of
        an incoming message has none (it is an anchor on the incoming page).
        """
        corpus = load()
        expected = {f"{message_id}.html" for message_id in corpus.ids}
        printed = set(corpus.ids)
        aliases = {f"{old}.html" for old, new in corpus.aliases.items() if new in printed}
        found = {path.name for path in (site / "messages").glob("*.html")}
        assert expected | aliases == found

    def test_message_page_content(self, site: Path) -> None:
        """A message page holds its heading, every paragraph of its text and its source line."""
        message = load()["1942-11-20-churchill"]
        html = (site / "messages" / f"{message.id}.html").read_text(encoding="utf-8")
        span = message.source_lines[0]
        assert message.heading in html
        assert all(paragraph in html for paragraph in message.text.split("\n\n"))
        assert f'<ol class="arabic simple edition-source" start="{span.start}">' in html

    def test_diff_marked(self, site: Path) -> None:
        """The page of a near pair's message marks the differing words with <ins> and <del>."""
        pair = next(p for p in duplicates() if p.kind == "same-message")
        change = pair.diff().changes[0]
        html = (site / "messages" / f"{pair.first.id}.html").read_text(encoding="utf-8")
        if change.first:
            assert f"<del>{' '.join(change.first)}</del>" in html
        if change.second:
            assert f"<ins>{' '.join(change.second)}</ins>" in html

    def test_footnote_marks(self, site: Path) -> None:
        """A footnote mark is a superscript linked to its note, and the note links back."""
        message = next(m for m in load() if m.footnote_marks)
        html = (site / "messages" / f"{message.id}.html").read_text(encoding="utf-8")
        mark = message.footnote_marks[0]
        found = (
            f'href="#note-1" id="mark-1"><sup>{mark.mark}</sup></a>' in html,
            re.search(r'<li id="note-1">.*?href="#mark-1"', html, re.DOTALL) is not None,
        )
        assert (True, True) == found

    def test_timeline_picture(self, site: Path) -> None:
        """The home page shows the timeline picture in the page, its bars linked to months."""
        html = (site / "index.html").read_text(encoding="utf-8")
        found = (
            "<title>Messages per month, by correspondent</title>" in html,
            'xlink:href="edition/1943.html#february-1943"' in html,
        )
        assert (True, True) == found


class TestRetired:
    """Old addresses of moved threads and incoming messages still lead somewhere."""

    def test_thread_redirect(self, site: Path) -> None:
        """A retired thread key's page sends the reader to the thread's page now."""
        html = (site / "threads" / "1943-11-10-roosevelt.html").read_text(encoding="utf-8")
        found = (
            'content="0; url=1943-11-05-roosevelt.html"' in html,
            (site / "threads" / "1943-11-05-roosevelt.html").is_file(),
        )
        assert (True, True) == found

    def test_retired_incoming_anchors(self, site: Path) -> None:
        """Each retired incoming id is an anchor on the entry of the record it points to."""
        corpus = load()
        incoming = {record.id for record in corpus.incoming()}
        retired = {old: new for old, new in corpus.aliases.items() if new in incoming}
        html = (site / "edition" / "incoming.html").read_text(encoding="utf-8")
        misplaced = [
            old
            for old, new in sorted(retired.items())
            if not re.search(
                rf'<p id="{re.escape(new)}">(<span id="[^"]+"></span>)*'
                rf'<span id="{re.escape(old)}"></span>',
                html,
            )
        ]
        assert retired
        assert [] == misplaced


class TestHead:
    """What every page says of itself to browsers and search engines."""

    def test_description_and_icon(self, site: Path) -> None:
        """Every page has a meta description of its own words and the site's icon."""
        lacking = []
        for page in _html_files(site):
            html = page.read_text(encoding="utf-8")
            if html.startswith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset'):
                continue  # a redirect page of a retired id
            found = re.search(r'<meta name="description" content="([^"]{20,})">', html)
            if found is None or 'rel="shortcut icon" href=' not in html:
                lacking.append(page.relative_to(site).as_posix())
        assert [] == lacking

    def test_message_description(self, site: Path) -> None:
        """A message's description is its title and its first words."""
        message = load()["1943-02-16-churchill"]
        html = (site / "messages" / f"{message.id}.html").read_text(encoding="utf-8")
        assert f'<meta name="description" content="{edition.title(message)}. On February 12' in html


class TestDownloads:
    """Each message downloads as JSON, plain text and TEI, and each file says what the page does."""

    @pytest.mark.parametrize("number", [1, 73, 200, 372])
    def test_json_is_the_record(self, site: Path, number: int) -> None:
        """The JSON file loads and is the message's record."""
        corpus = load()
        message = corpus[number - 1]
        record = json.loads((site / "messages" / f"{message.id}.json").read_text("utf-8"))
        assert corpus.to_records()[number - 1] == record

    @pytest.mark.parametrize("number", [1, 73, 200, 372])
    def test_tei_is_the_message(self, site: Path, number: int) -> None:
        """The TEI file is well-formed, has the message's correspDesc and its paragraphs."""
        message = load()[number - 1]
        root = ElementTree.parse(site / "messages" / f"{message.id}.xml").getroot()  # noqa: S314 - our own file
        tei = "{http://www.tei-c.org/ns/1.0}"
        desc = root.find(f".//{tei}correspDesc")
        paragraphs = [p.text for p in root.iter(f"{tei}p") if p.text]
        senders = [
            n.text for n in root.iterfind(f".//{tei}correspAction[@type='sent']/{tei}persName")
        ]
        assert desc is not None
        assert (str(message.number), message.text.split("\n\n"), list(message.senders)) == (
            desc.get("key"),
            paragraphs,
            senders,
        )

    def test_text_has_the_words(self, site: Path) -> None:
        """The plain text file starts with the title and holds the text."""
        message = load()[72]
        text = (site / "messages" / f"{message.id}.txt").read_text("utf-8")
        assert (True, True) == (text.startswith(edition.title(message)), message.text in text)


class TestLinks:
    """Links inside the site, and nothing from outside."""

    def test_local_links_resolve(self, site: Path) -> None:
        """Every link and resource of every page to a local file exists, with its anchor."""
        broken: list[str] = []
        for path in _html_files(site):
            for _tag, target in _parse(path).links:
                parts = urlsplit(target)
                if parts.scheme or parts.netloc:
                    continue
                file = (path.parent / unquote(parts.path)).resolve() if parts.path else path
                if not file.exists():
                    broken.append(f"{path.relative_to(site)}: {target}")
                elif (
                    parts.fragment
                    and file.suffix == ".html"
                    and unquote(parts.fragment) not in _parse(file).ids
                ):
                    broken.append(f"{path.relative_to(site)}: {target} (no such anchor)")
        assert [] == broken

    def test_self_contained(self, site: Path) -> None:
        """No page loads a script, style sheet, font or picture from another host."""
        remote: list[str] = []
        for path in _html_files(site):
            for tag, target in _parse(path).links:
                parts = urlsplit(target)
                if tag != "a" and (parts.netloc or parts.scheme in {"http", "https"}):
                    remote.append(f"{path.relative_to(site)}: <{tag}> {target}")
        for path in [*site.rglob("*.css"), *site.rglob("*.html")]:
            text = path.read_text(encoding="utf-8")
            remote += [f"{path.relative_to(site)}: {m.group()}" for m in CSS_REMOTE.finditer(text)]
        assert [] == remote


class TestBrowsing:
    """The browsing pages reach every message."""

    def test_every_message_in_its_year(self, site: Path) -> None:
        """Each dated message is linked from the page of its year."""
        missing = [
            message.id
            for message in load()
            if message.date is not None
            and f"../messages/{message.id}.html"
            not in _links(site / f"edition/{message.date.year}.html")
        ]
        assert [] == missing

    def test_every_message_with_its_correspondents(self, site: Path) -> None:
        """Each message is linked from the page of each of its correspondents."""
        missing = [
            (message.id, name)
            for message in load()
            for name in edition.correspondents(message)
            if f"../messages/{message.id}.html"
            not in _links(site / f"{edition.correspondent_slug(name)}.html")
        ]
        assert [] == missing

    def test_every_thread_listed(self, site: Path) -> None:
        """The list of threads links the page of every thread of more than one message."""
        corpus = load()
        keys = {corpus.thread_of(m)[0].id for m in corpus if len(corpus.thread_of(m)) > 1}
        linked = {link for link in _links(site / "edition/threads.html") if "threads/" in link}
        assert {f"../threads/{key}.html" for key in keys} == linked


class TestNames:
    """The index of names, and the links to it from the messages."""

    def test_an_entry_per_name(self, site: Path) -> None:
        """Every entry of the index has its anchor on the page of the index."""
        ids = _parse(site / "names-index.html").ids
        missing = [i.name for i in load().names() if edition.name_anchor(i.name) not in ids]
        assert [] == missing

    def test_order_of_a_printed_index(self, site: Path) -> None:
        """Entries stand A to Z, persons by surname: Winston Churchill under C."""
        html = (site / "names-index.html").read_text(encoding="utf-8")
        names = load().names()
        kinds = {n.name: n.entry.kind for n in names}
        where = {n.name: html.index(f'id="{edition.name_anchor(n.name)}"') for n in names}
        in_page = sorted(where, key=where.__getitem__)
        expected = sorted(
            where, key=lambda n: (edition.index_key(edition.index_heading(n, kinds[n])), n)
        )
        letter_c = html.index('id="letter-c"')
        letter_d = html.index('id="letter-d"')
        assert letter_c < where["Winston Churchill"] < letter_d
        assert [] == [n for n, m in zip(expected, in_page, strict=True) if n != m][:5]

    def test_references_give_number_date_correspondent(self, site: Path) -> None:
        """Each reference of an entry gives the message's number, date and correspondent."""
        html = (site / "names-index.html").read_text(encoding="utf-8")
        message = load()["1943-02-16-churchill"]
        assert f"No. {message.number}</a>, 16 Feb 1943, Churchill" in html

    def test_see_also(self, site: Path) -> None:
        """An entry links the places it is part of, and a place the entries part of it."""
        page = (site / "names-index.html").read_text(encoding="utf-8")
        crimea = f'href="#{edition.name_anchor("Crimea Conference")}"'
        yalta = f'href="#{edition.name_anchor("Yalta")}"'
        assert page.count(crimea) >= 2
        assert yalta in page

    def test_messages_link_their_names(self, site: Path) -> None:
        """Each message's page links to the entry of every name it mentions."""
        missing = [
            (message.id, mention.name)
            for message in load()
            for mention in message.mentions
            if f"../names-index.html#{edition.name_anchor(mention.name)}"
            not in _links(site / "messages" / f"{message.id}.html")
        ]
        assert [] == missing


class TestIncoming:
    """The list of incoming messages, and the links to it."""

    def test_two_of_one_day_read_apart(self, site: Path) -> None:
        """Two incoming messages of one writer and one day have entries that differ in words."""
        html = (site / "edition" / "incoming.html").read_text(encoding="utf-8")
        records = load().incoming()
        days: dict[object, list[str]] = {}
        for record in records:
            if record.date is not None:
                days.setdefault((record.authors, record.date), []).append(record.id)
        texts = {
            record.id: re.sub(
                r"<[^>]+>", "", html.split(f'id="{record.id}"', 1)[1].split("</p>")[0]
            )
            for record in records
        }
        alike = [
            ids
            for ids in days.values()
            if len({texts[i].split(": named")[0] for i in ids}) < len(ids)
        ]
        assert [] == alike

    def test_an_entry_per_incoming_message(self, site: Path) -> None:
        """Every incoming message has an entry on the list, its id as anchor."""
        ids = _parse(site / "edition" / "incoming.html").ids
        assert [] == [r.id for r in load().incoming() if r.id not in ids]

    def test_replies_link_their_incoming_message(self, site: Path) -> None:
        """A message answering an incoming message links to that message's entry."""
        corpus = load()
        incoming = {r.id for r in corpus.incoming()}
        missing = [
            (message.id, answered)
            for message in corpus
            for answered in message.in_reply_to
            if answered in incoming
            and f"../edition/incoming.html#{answered}"
            not in _links(site / "messages" / f"{message.id}.html")
        ]
        assert [] == missing

    def test_entries_give_what_they_answer(self, site: Path) -> None:
        """An incoming message that answers a printed one says so in its entry, with how."""
        html = (site / "edition" / "incoming.html").read_text(encoding="utf-8")
        corpus = load()
        wrong = []
        for record in corpus.incoming():
            entry = html.split(f'id="{record.id}"', 1)[1].split("</p>")[0]
            for reply in record.reply_links:
                answered = corpus[reply.id]
                link = f'href="../messages/{answered.id}.html">No. {answered.number}</a>'
                *rest, last = reply.kinds
                kinds = f"({', '.join(rest)} and {last})" if rest else f"({last})"
                shown = re.sub(r"<[^>]+>", "", entry.split("in reply to", 1)[-1])
                if "in reply to" not in entry or link not in entry or kinds not in shown:
                    wrong.append((record.id, reply.id))
        assert [] == wrong
        assert any(record.reply_links for record in corpus.incoming())

    def test_arrival_day_for_undated(self, site: Path) -> None:
        """A reply known by the day it arrived is named by that day, on its entry and its answer."""
        entries = (site / "edition" / "incoming.html").read_text(encoding="utf-8")
        assert "Roosevelt to Stalin, received 27 April 1943" in entries
        page = (site / "messages" / "1943-04-29-roosevelt.html").read_text(encoding="utf-8")
        assert "Roosevelt's message received 27 Apr 1943 (not printed)" in page.replace(
            "&#8217;", "'"
        ).replace("\u2019", "'")

    def test_conversation_gives_reply_kinds(self, site: Path) -> None:
        """A message page says how it answers, and how it is answered, by printed and incoming."""
        page = (site / "messages" / "1945-08-22-truman.html").read_text(encoding="utf-8")
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))
        assert (
            "Truman\u2019s message of 18 Aug 1945 (not printed) \u2014 answer and acknowledgement"
            in (text)
        )
        page = (site / "messages" / "1943-02-16-roosevelt.html").read_text(encoding="utf-8")
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))
        assert (
            "Answered by: Roosevelt\u2019s message of 22 Feb 1943 (not printed) \u2014 answer"
            in (text)
        )


def _links(page: Path) -> set[str]:
    return {target for tag, target in _parse(page).links if tag == "a"}
