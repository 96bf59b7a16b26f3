"""Pages that send a reader from a retired id to the message's page now."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

from ._data import edition

if TYPE_CHECKING:
    from collections.abc import Collection

    from sphinx.application import Sphinx

    from stalin_telegrams import Corpus


#: The retired keys of threads: ``old_first_id,new_first_id,since,reason``.
THREAD_ALIASES = Path(__file__).resolve().parents[2] / "thread-aliases.csv"


def redirect_page(target: str, what: str = "message") -> str:
    """Return an HTML page that sends the reader on to *target* (a relative URL).

    *what* names what moved, in the page's one sentence.
    """
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        f'<link rel="canonical" href="{target}">\n<title>Moved</title>\n</head>\n'
        f'<body><p>This {what} has a new id: <a href="{target}">{target}</a>.</p></body>\n'
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


def thread_aliases(path: Path = THREAD_ALIASES) -> dict[str, str]:
    """Return the retired keys of threads in *path*: each old key, and the key now."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["old_first_id"]: row["new_first_id"] for row in csv.DictReader(handle)}


def thread_redirect_pages(aliases: dict[str, str], keys: Collection[str]) -> dict[str, str]:
    """Return the redirect page of every retired thread key: its path in the site, and its HTML.

    *keys* are the keys of the thread pages (the first id of each thread).

    Raises:
        ValueError: A retired key has no thread page to go to, or is
            itself the key of a thread page.
    """
    missing = sorted(f"{old} -> {new}" for old, new in aliases.items() if new not in keys)
    if missing:
        msg = f"retired thread keys with no thread page to go to: {', '.join(missing)}"
        raise ValueError(msg)
    clashes = sorted(set(aliases) & set(keys))
    if clashes:
        msg = f"retired thread keys that are also thread keys: {', '.join(clashes)}"
        raise ValueError(msg)
    return {
        f"threads/{old}.html": redirect_page(f"{new}.html", what="thread")
        for old, new in sorted(aliases.items())
    }


def write_redirects(app: Sphinx, exception: Exception | None) -> None:
    """Write a redirect page for every retired id and thread key, once an HTML build succeeds."""
    if exception is not None or app.builder.format != "html":
        return
    data = edition()
    keys = {thread[0].id for thread in data.threads.values()}
    pages = redirect_pages(data.corpus) | thread_redirect_pages(thread_aliases(), keys)
    for name, html in pages.items():
        (Path(app.outdir) / name).write_text(html, encoding="utf-8")
