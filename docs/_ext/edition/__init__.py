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
* :mod:`._redirects`: pages that send a retired id on to its message;
* :mod:`._navigation`: one navigation sidebar for the generated pages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._data import SOURCE_FILE, Edition, edition, thread_links
from ._directives import (
    IncomingDirective,
    ListDirective,
    NamesDirective,
    OverviewDirective,
    ThreadDirective,
    ThreadsDirective,
)
from ._message import MessageDirective
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
from ._sources import GENERATED_MARK, generate, rst_escape, sources, write_sources
from ._words import (
    Piece,
    citation,
    correspondent_slug,
    correspondents,
    excerpt,
    incoming_title,
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
    "thread_links",
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
    app.connect("builder-inited", forget_navigation)
    app.connect("builder-inited", generate)
    app.connect("doctree-resolved", resolve_links)
    app.connect("build-finished", write_redirects)
    # Before the theme (priority 500) computes its navigation from the context.
    app.connect("html-page-context", share_navigation, priority=400)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
