"""Tests of the built documentation site: its pages, its links, and nothing fetched from outside.

They read the HTML folder named by ``STALIN_TELEGRAMS_SITE`` (see conftest.py).
"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

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
        """Every message id has its page at messages/<id>.html, and no other page is there."""
        expected = {f"{message_id}.html" for message_id in load().ids}
        aliases = {f"{alias}.html" for alias in load().aliases}
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
        """A footnote mark stands as a superscript on its message's page."""
        message = next(m for m in load() if m.footnote_marks)
        html = (site / "messages" / f"{message.id}.html").read_text(encoding="utf-8")
        mark = message.footnote_marks[0]
        assert f'<sup class="edition-mark">{mark.mark}</sup>' in html

    def test_timeline_picture(self, site: Path) -> None:
        """The home page shows the timeline picture, copied into the site."""
        pictures = [src for tag, src in _parse(site / "index.html").links if tag == "img"]
        timeline = [src for src in pictures if "timeline" in src]
        assert 1 == len(timeline)
        assert (site / timeline[0]).is_file()


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


def _links(page: Path) -> set[str]:
    return {target for tag, target in _parse(page).links if tag == "a"}
