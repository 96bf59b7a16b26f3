"""Each message as files to take away: JSON, plain text and TEI (CMIF ``correspDesc`` and text).

Written beside the message's page (``messages/<id>.json``, ``.txt`` and
``.xml``) once an HTML build has succeeded; a file is rewritten only when
its bytes change.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

from stalin_telegrams._citation import RELEASED
from stalin_telegrams.exports._cmif import TEI, cmif

from ._data import edition
from ._words import classification, title

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from stalin_telegrams import Message


def as_json(record: dict[str, object]) -> bytes:
    """Return a message's record (:meth:`stalin_telegrams.Corpus.to_records`) as a JSON file."""
    return (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def as_text(message: Message) -> bytes:
    """Return a message as plain text: its title, classification, text, and citation.

    >>> from stalin_telegrams import load
    >>> as_text(load()["1942-11-20-churchill"]).decode().splitlines()[:2]
    ['No. 52: Stalin → Churchill, 20 November 1942', 'Personal and secret']
    """
    lines = [title(message)]
    printed = classification(message)
    if printed:
        lines.append(printed)
    lines.append("")
    if message.salutation:
        lines += [message.salutation, ""]
    lines += [message.text, ""]
    if message.signature:
        lines += [message.signature, ""]
    lines.append("Cite as: " + message.citation("chicago"))
    return ("\n".join(lines) + "\n").encode("utf-8")


def as_tei(message: Message) -> bytes:
    """Return a message as TEI: the CMIF header and ``correspDesc``, and its text.

    The ``correspDesc`` is the one :meth:`stalin_telegrams.Corpus.to_cmif`
    writes for the message; the text follows in ``text/body/div``, with
    the salutation as ``opener/salute``, a ``p`` per paragraph and the
    signature as ``closer/signed``.

    >>> from stalin_telegrams import load
    >>> b"<correspDesc" in as_tei(load()["1942-11-20-churchill"])
    True
    """
    published = datetime.date.fromisoformat(RELEASED)
    root = ElementTree.fromstring(cmif([message], published=published))  # noqa: S314 - made here
    body = root.find(f"{{{TEI}}}text/{{{TEI}}}body")
    if body is None:  # pragma: no cover - cmif() always writes one
        msg = "the CMIF document has no text/body"
        raise ValueError(msg)
    body.clear()
    div = ElementTree.SubElement(body, f"{{{TEI}}}div", type="letter", n=str(message.number))
    if message.salutation:
        opener = ElementTree.SubElement(div, f"{{{TEI}}}opener")
        ElementTree.SubElement(opener, f"{{{TEI}}}salute").text = message.salutation
    for paragraph in message.text.split("\n\n"):
        ElementTree.SubElement(div, f"{{{TEI}}}p").text = paragraph
    if message.signature:
        closer = ElementTree.SubElement(div, f"{{{TEI}}}closer")
        ElementTree.SubElement(closer, f"{{{TEI}}}signed").text = message.signature
    ElementTree.register_namespace("", TEI)
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def downloads() -> dict[str, bytes]:
    """Return every download: its path in the site, and its bytes."""
    corpus = edition().corpus
    out: dict[str, bytes] = {}
    for message, record in zip(corpus, corpus.to_records(), strict=True):
        out[f"messages/{message.id}.json"] = as_json(record)
        out[f"messages/{message.id}.txt"] = as_text(message)
        out[f"messages/{message.id}.xml"] = as_tei(message)
    return out


def write_downloads(app: Sphinx, exception: Exception | None) -> None:
    """Write the downloads into the HTML output, once a build has succeeded."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    for name, data in downloads().items():
        path = outdir / name
        if path.exists() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
