"""The data of the search of the messages: ``_static/edition-messages.js``.

The search page (``docs/_templates/search.html``, ``_static/edition-search.js``)
searches the messages in the page itself, from this file of their texts,
loaded by a ``<script>`` element: so it works opened from disk (``file://``,
where a browser refuses ``fetch()``) as on any static host, with no server
and no request. The whole volume is some 350,000 characters of text; one
file of it loads in a moment. The message pages are left out of the theme's
own search index (``:nosearch:``), which finds the other pages.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from ._data import edition
from ._words import correspondents, title

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from stalin_telegrams import Message

#: Where the file stands in the built site.
SEARCH_DATA = "_static/edition-messages.js"


def search_record(message: Message) -> dict[str, object]:
    """Return what the search knows of *message*: number, title, date, people, names, words.

    >>> from stalin_telegrams import load
    >>> record = search_record(load()["1942-11-20-churchill"])
    >>> record["t"], record["c"], record["y"]
    ('No. 52: Stalin → Churchill, 20 November 1942', ['Churchill'], 1942)
    """
    words = [message.salutation or "", message.text, message.signature or ""]
    return {
        "id": message.id,
        "n": message.number,
        "t": title(message),
        "y": message.date.year if message.date else None,
        "c": list(correspondents(message)),
        "names": sorted({mention.name for mention in message.mentions}),
        "x": "\n\n".join(w for w in words if w),
    }


def search_data() -> str:
    """Return the text of the search's data file: every message, in the volume's order."""
    records = [search_record(message) for message in edition().corpus]
    payload = json.dumps(records, ensure_ascii=False, separators=(",", ":"))
    return f"window.EDITION_MESSAGES = {payload};\n"


def write_search_data(app: Sphinx, exception: Exception | None) -> None:
    """Write the search's data file into the HTML output, once a build has succeeded."""
    if exception is not None or app.builder.format != "html":
        return
    path = Path(app.outdir) / SEARCH_DATA
    text = search_data()
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
