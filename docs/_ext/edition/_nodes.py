"""The nodes of the pages: links between pages resolved once all are known, and builders.

Links between the pages are :class:`edition_link` placeholders, resolved
once every page is known (:func:`resolve_links`); a link to a page that
does not exist is a build warning, so ``-W`` fails the build.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging

from ._data import Edition
from ._words import (
    NAMES_PAGE,
    and_list,
    correspondent_slug,
    excerpt,
    incoming_title,
    name_anchor,
    title,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.docutils import SphinxTranslator

    from stalin_telegrams import IncomingMessage, Message, Pair

logger = logging.getLogger(__name__)


class edition_link(nodes.Inline, nodes.TextElement):  # noqa: N801 - docutils names nodes in lower case
    """A link to a page of the site (``todoc``), with an optional ``anchor``."""


class inserted(nodes.Inline, nodes.TextElement):  # noqa: N801 - as edition_link
    """Words only in the second text of a diff: HTML ``<ins>``."""


class deleted(nodes.Inline, nodes.TextElement):  # noqa: N801 - as edition_link
    """Words only in the first text of a diff: HTML ``<del>``."""


def visit_tag(tag: str) -> Any:  # noqa: ANN401 - a docutils visitor method
    def visit(translator: SphinxTranslator, node: nodes.Element) -> None:
        translator.body.append(translator.starttag(node, tag, ""))  # type: ignore[attr-defined]

    return visit


def depart_tag(tag: str) -> Any:  # noqa: ANN401 - a docutils visitor method
    def depart(translator: SphinxTranslator, _node: nodes.Element) -> None:
        translator.body.append(f"</{tag}>")  # type: ignore[attr-defined]

    return depart


def keep_words(_translator: SphinxTranslator, _node: nodes.Element) -> None:
    """Keep the words of a node and nothing else, in builders other than HTML."""


def link(todoc: str, text: str | nodes.Node, anchor: str = "") -> edition_link:
    """Return a link to the page *todoc* (``"messages/1942-11-20-churchill"``)."""
    node = edition_link("", todoc=todoc, anchor=anchor)
    node += nodes.Text(text) if isinstance(text, str) else text
    return node


def message_link(message: Message, text: str | None = None) -> edition_link:
    """Return a link to the page of *message*, its title as the text by default."""
    return link(f"messages/{message.id}", title(message) if text is None else text)


def name_link(name: str) -> edition_link:
    """Return a link to a name's entry in the index of names."""
    return link(NAMES_PAGE, name, name_anchor(name))


def incoming_link(record: IncomingMessage) -> edition_link:
    """Return a link to the entry of an incoming message in the list of incoming messages."""
    return link("edition/incoming", incoming_title(record), record.id)


def target_link(data: Edition, target: str) -> nodes.Node:
    """Return a link to *target*: a printed message's page or an incoming message's entry."""
    if target in data.corpus:
        return message_link(data.corpus[target])
    if target in data.incoming:
        return incoming_link(data.incoming[target])
    return nodes.literal(target, target)


def resolve_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Turn every :class:`edition_link` into a reference, warning on a missing page."""
    for node in list(doctree.findall(edition_link)):
        todoc = node["todoc"]
        if todoc not in app.env.all_docs:
            logger.warning(
                "edition: link to a missing page %r", todoc, location=docname, type="edition"
            )
            node.replace_self(node.children)
            continue
        uri = app.builder.get_relative_uri(docname, todoc)
        if node["anchor"]:
            uri += "#" + node["anchor"]
        reference = nodes.reference("", "", internal=True, refuri=uri)
        reference += node.children
        node.replace_self(reference)


def para(*children: nodes.Node | str, classes: Sequence[str] = ()) -> nodes.paragraph:
    node = nodes.paragraph(classes=list(classes))
    for child in children:
        node += nodes.Text(child) if isinstance(child, str) else child
    return node


def section(section_id: str, heading: str, *children: nodes.Node) -> nodes.section:
    section = nodes.section(ids=[section_id])
    section += nodes.title(heading, heading)
    for child in children:
        section += child
    return section


def field_list(rows: Iterable[tuple[str, nodes.Node | str]]) -> nodes.field_list:
    fields = nodes.field_list(classes=["edition-fields"])
    for name, value in rows:
        body = nodes.field_body()
        body += value if isinstance(value, nodes.paragraph) else para(value)
        field = nodes.field()
        field += nodes.field_name(name, name)
        field += body
        fields += field
    return fields


def joined(items: Sequence[nodes.Node | str], separator: str = ", ") -> list[nodes.Node | str]:
    out: list[nodes.Node | str] = []
    for i, item in enumerate(items):
        if i:
            out.append(separator)
        out.append(item)
    return out


def reply_kinds(kinds: Sequence[str], *, listed: bool = False) -> nodes.inline:
    """Return how a message answers another (:attr:`stalin_telegrams.ReplyLink.kinds`).

    ``" (answer and acknowledgement)"`` in a line of text, or
    ``" — answer and acknowledgement"`` after an item of a list (*listed*),
    whose title may end in brackets of its own: the kinds the data card
    defines, so that a thanks alone reads apart from an answer.
    """
    words = and_list(list(kinds))
    text = f" — {words}" if listed else f" ({words})"
    return nodes.inline("", text, classes=["edition-meta", "edition-kinds"])


def bullets(items: Iterable[nodes.Node]) -> nodes.bullet_list:
    bullet_list = nodes.bullet_list()
    for item in items:
        list_item = nodes.list_item()
        list_item += item
        bullet_list += list_item
    return bullet_list


def people(names: Sequence[str], known: set[str]) -> nodes.paragraph:
    return para(
        *joined([link(correspondent_slug(n), n) if n in known else n for n in names], " and ")
    )


def list_entry(message: Message) -> nodes.paragraph:
    """Return the line a list gives a message: a link with its title, then its first words."""
    return para(
        message_link(message),
        nodes.Text(" "),
        nodes.inline("", excerpt(message.text), classes=["edition-excerpt"]),
    )


def diff_nodes(pair: Pair) -> nodes.paragraph:
    """Return the word diff of *pair* as a paragraph with ``<del>`` and ``<ins>`` runs."""
    words: list[nodes.Node | str] = []
    for chunk in pair.diff().chunks:
        if chunk.op == "equal":
            words.append(" ".join(chunk.first))
            continue
        if chunk.first:
            words.append(deleted("", " ".join(chunk.first)))
        if chunk.second:
            words.append(inserted("", " ".join(chunk.second)))
    return para(*joined(words, " "), classes=["edition-diff"])


def row(cells: Iterable[nodes.Node | str]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += para(cell)
        row += entry
    return row
