"""Pages that send a reader from a retired id to the message's page now."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ._data import edition

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from stalin_telegrams import Corpus


def redirect_page(target: str) -> str:
    """Return an HTML page that sends the reader on to *target* (a relative URL)."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        f'<link rel="canonical" href="{target}">\n<title>Moved</title>\n</head>\n'
        f'<body><p>This message has a new id: <a href="{target}">{target}</a>.</p></body>\n'
        "</html>\n"
    )


def redirect_pages(corpus: Corpus) -> dict[str, str]:
    """Return the redirect page of every retired message id: its path in the site, and its HTML.

    A retired id of an incoming message gets none: it had no page of its
    own, only an anchor on the page of incoming messages.

    Raises:
        ValueError: A retired id is also the id of a message: its page
            cannot be both.
    """
    clashes = sorted(set(corpus.aliases) & set(corpus.ids))
    if clashes:
        msg = f"retired ids that are also message ids: {', '.join(clashes)}"
        raise ValueError(msg)
    printed = set(corpus.ids)
    return {
        f"messages/{old}.html": redirect_page(f"{new}.html")
        for old, new in sorted(corpus.aliases.items())
        if new in printed
    }


def write_redirects(app: Sphinx, exception: Exception | None) -> None:
    """Write a redirect page for every retired id, once an HTML build has succeeded."""
    if exception is not None or app.builder.format != "html":
        return
    for name, html in redirect_pages(edition().corpus).items():
        (Path(app.outdir) / name).write_text(html, encoding="utf-8")


#: The navigation of the generated pages, by folder depth and arguments: the
#: same for every page that no table of contents lists.
