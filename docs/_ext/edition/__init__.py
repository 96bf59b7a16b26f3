"""The reading room of the edition: a page per message, made from the packaged corpus.

A Sphinx extension. When the builder starts, it writes small source files
for the generated pages into the source folder (``messages/``, ``threads/``
and ``edition/``, never committed) and draws the pictures; each source file
holds a title and one directive, and the directives turn the corpus into
document nodes when Sphinx reads the page. Nothing about a message is
written by hand: change the data and the pages follow.

One job per module:

* :mod:`._words`: words about a message (titles, dates, excerpts, names of
  pages), plain functions of the records;
* :mod:`._data`: the corpus and what the pages need from it, read once;
* :mod:`._sources`: the generated source files, written before reading;
* :mod:`._plots`: the pictures, drawn with matplotlib;
* :mod:`._nodes`: links between pages, resolved once all are known, and the
  builders of document nodes;
* :mod:`._message` and :mod:`._directives`: the page of a message, and the
  directives of the listings;
* :mod:`._downloads`: each message as JSON, plain text and TEI;
* :mod:`._search`: the data of the search of the messages;
* :mod:`._redirects`: pages that send a retired id on to its message;
* :mod:`._navigation` and :mod:`._meta`: one navigation sidebar for the
  generated pages, and a description of every page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._data import SOURCE_FILE, Edition, edition
from ._directives import (
    HomeDirective,
    IncomingDirective,
    ListDirective,
    NamesDirective,
    OverviewDirective,
    PictureDirective,
    ThreadDirective,
    ThreadsDirective,
)
from ._downloads import write_downloads
from ._message import MessageDirective
from ._meta import add_description
from ._navigation import forget_navigation, share_navigation
from ._nodes import (
    deleted,
    depart_tag,
    diff_nodes,
    edition_link,
    inserted,
    keep_words,
    list_entry,
    resolve_links,
    target_link,
    visit_tag,
)
from ._redirects import redirect_page, redirect_pages, write_redirects
from ._search import write_search_data
from ._sources import GENERATED_MARK, generate, rst_escape, sources, write_sources
from ._words import (
    Piece,
    citation,
    correspondent_slug,
    correspondents,
    excerpt,
    incoming_title,
    index_heading,
    index_key,
    long_date,
    name_anchor,
    text_pieces,
    title,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = [
    "GENERATED_MARK",
    "SOURCE_FILE",
    "Edition",
    "Piece",
    "citation",
    "correspondent_slug",
    "correspondents",
    "deleted",
    "diff_nodes",
    "edition",
    "edition_link",
    "excerpt",
    "incoming_title",
    "index_heading",
    "index_key",
    "inserted",
    "list_entry",
    "long_date",
    "name_anchor",
    "redirect_page",
    "redirect_pages",
    "rst_escape",
    "setup",
    "sources",
    "target_link",
    "text_pieces",
    "title",
    "write_sources",
]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives, nodes and build steps of the reading room."""
    app.add_node(edition_link)
    for node, tag in ((inserted, "ins"), (deleted, "del")):
        app.add_node(node, html=(visit_tag(tag), depart_tag(tag)), text=(keep_words, keep_words))
    app.add_directive("edition-message", MessageDirective)
    app.add_directive("edition-thread", ThreadDirective)
    app.add_directive("edition-threads", ThreadsDirective)
    app.add_directive("edition-list", ListDirective)
    app.add_directive("edition-overview", OverviewDirective)
    app.add_directive("edition-names", NamesDirective)
    app.add_directive("edition-incoming", IncomingDirective)
    app.add_directive("edition-home", HomeDirective)
    app.add_directive("edition-picture", PictureDirective)
    app.connect("builder-inited", forget_navigation)
    app.connect("builder-inited", generate)
    app.connect("doctree-resolved", resolve_links)
    app.connect("build-finished", write_redirects)
    app.connect("build-finished", write_downloads)
    app.connect("build-finished", write_search_data)
    app.add_js_file("edition.js", loading_method="defer")
    # Before the theme (priority 500) computes its navigation from the context.
    app.connect("html-page-context", share_navigation, priority=400)
    app.connect("html-page-context", add_description)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
