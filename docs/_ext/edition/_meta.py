"""A description of every page for its ``<meta name="description">``, as search engines show it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from ._data import edition
from ._words import excerpt, title

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The description of a page that has no words of its own (the search page).
SITE_DESCRIPTION = (
    "Stalin's wartime correspondence with Churchill, Roosevelt, Truman and Attlee, "
    "1941-1945: every message of the printed volume, dated, linked and searchable."
)
#: How many words of a message or a page a description gives.
DESCRIPTION_WORDS = 28


def describe(pagename: str, doctree: nodes.document | None) -> str:
    """Return the description of the page *pagename*.

    A message's page: its title and its first words. Another page: its
    first paragraph's first words. A page with no paragraph: the site's
    description.

    >>> describe("messages/1942-11-20-churchill", None)[:45]
    'No. 52: Stalin → Churchill, 20 November 1942.'
    """
    if pagename.startswith("messages/"):
        corpus = edition().corpus
        message_id = pagename.removeprefix("messages/")
        if message_id in corpus:
            message = corpus[message_id]
            return f"{title(message)}. {excerpt(message.text, DESCRIPTION_WORDS)}"
    if doctree is not None:
        for paragraph in doctree.findall(nodes.paragraph):
            words = " ".join(paragraph.astext().split())
            if len(words) > DESCRIPTION_WORDS:
                return excerpt(words, DESCRIPTION_WORDS)
    return SITE_DESCRIPTION


def add_description(
    _app: Sphinx,
    pagename: str,
    _templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Give the page's template its description (``edition_description``)."""
    context["edition_description"] = describe(pagename, doctree)
