"""Invariants every corpus must satisfy; run at build time and by the tests."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

from .._model import Message, ReplyLink
from .._records import IncomingMessage

FIRST_DAY = datetime.date(1941, 7, 1)
LAST_DAY = datetime.date(1945, 12, 31)
#: Patterns that must not survive cleaning, with what they would mean.
ARTIFACT_PATTERNS = {
    "markdown mark": re.compile(r"\*|(?<!\w)_\w|\w_(?!\w)|\\[$*_#]"),
    "footnote superscript": re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]|\^\{"),
    "page number paragraph": re.compile(r"(?:^|\n\n)\d{1,3}(?:\n\n|$)"),
    "lone stray character paragraph": re.compile(r"(?:^|\n\n)[^\n\w]?\w?(?:\n\n|$)"),
    "word broken by a hyphen and a space": re.compile(r"[a-z]- [a-z]"),
    "private placeholder": re.compile("[\ue000-\uf8ff]"),
    "line break inside a paragraph": re.compile(r"(?<!\n)\n(?!\n)"),
    "three line breaks": re.compile(r"\n\n\n"),
}


def problems(messages: Sequence[Message]) -> list[str]:
    """Return every broken invariant, as readable sentences (none: all good)."""
    found: list[str] = []
    ids = [m.id for m in messages]
    if len(set(ids)) != len(ids):
        found.append("message ids are not unique")
    for index, message in enumerate(messages, start=1):
        where = f"{message.id} (#{message.number})"
        if message.number != index:
            found.append(f"{where}: number out of order")
        found.extend(f"{where}: {problem}" for problem in _record_problems(message))
    return found


def _record_problems(message: Message) -> list[str]:
    """Return what is wrong with one record's date, recipients and text."""
    found: list[str] = []
    if message.date is None and "no date in the source" not in message.notes:
        found.append("no date, and no note saying so")
    elif message.date is not None and not FIRST_DAY <= message.date <= LAST_DAY:
        found.append(f"date {message.date} outside the war years")
    if not message.recipients:
        found.append("no recipient")
    if not message.text.strip():
        found.append("empty text")
    found.extend(_artifacts(message))
    return found


def _artifacts(message: Message) -> list[str]:
    """Return the artifacts of the transcription left in the text or heading."""
    found: list[str] = []
    for field, value in (("text", message.text), ("heading", message.heading)):
        for name, pattern in ARTIFACT_PATTERNS.items():
            hit = pattern.search(value)
            if hit:
                context = value[max(0, hit.start() - 20) : hit.end() + 20]
                found.append(f"{field} has a {name}: {context!r}")
    return found


def alias_problems(
    messages: Sequence[Message],
    aliases: dict[str, str],
    incoming: Sequence[IncomingMessage] = (),
) -> list[str]:
    """Return what is wrong with the alias table: a live old id, a dead new id.

    An alias may retire the id of a message or of an incoming message.
    """
    ids = {m.id for m in messages} | {i.id for i in incoming}
    found = [f"alias {old}: the old id is still a message id" for old in aliases if old in ids]
    found += [
        f"alias {old}: {new} is not a message or incoming id"
        for old, new in aliases.items()
        if new not in ids
    ]
    return found


def graph_problems(
    messages: Sequence[Message],
    incoming: Sequence[IncomingMessage],
    aliases: dict[str, str],
) -> list[str]:
    """Return what is wrong with the references, replies and incoming messages.

    Every target and every parent of a reply is a printed or an incoming id;
    no incoming id is a printed id or an alias; ``mentioned_in`` and
    ``answered_by`` are the inverses of the references and of ``in_reply_to``;
    every phrase stands at its offsets.
    """
    printed = {m.id for m in messages}
    known = printed | {i.id for i in incoming}
    found = [
        f"incoming {i.id}: the id is a printed id or an alias"
        for i in incoming
        if i.id in printed or i.id in aliases
    ]
    mentions: dict[str, list[str]] = {}
    answers: dict[str, list[str]] = {}
    for m in messages:
        found.extend(_reference_problems(m, known))
        found.extend(_link_problems(m.id, m.reply_links))
        for target in (t for r in m.references for t in r.targets):
            if m.id not in mentions.setdefault(target, []):
                mentions[target].append(m.id)
        for parent in m.in_reply_to:
            answers.setdefault(parent, []).append(m.id)
    for i in incoming:
        found.extend(_link_problems(i.id, i.reply_links))
        found.extend(
            f"incoming {i.id}: replies to unknown {p!r}" for p in i.in_reply_to if p not in known
        )
        if list(i.mentioned_in) != mentions.get(i.id, []):
            found.append(f"incoming {i.id}: mentioned_in disagrees with the references")
        if list(i.answered_by) != answers.get(i.id, []):
            found.append(f"incoming {i.id}: answered_by disagrees with in_reply_to")
    return found


def _link_problems(record: str, links: Sequence[ReplyLink]) -> list[str]:
    """What is wrong with a record's reply links: an id twice, a link with no kind."""
    ids = [link.id for link in links]
    found = [f"{record}: answers {i!r} twice" for i in sorted(set(ids)) if ids.count(i) > 1]
    found += [f"{record}: the link to {link.id!r} has no kind" for link in links if not link.kinds]
    return found


def _reference_problems(message: Message, known: set[str]) -> list[str]:
    """What is wrong with one message's references and replies."""
    found = [
        f"{message.id}: {r.phrase!r} is not at {r.start}:{r.end}"
        for r in message.references
        if message.text[r.start : r.end] != r.phrase
    ]
    found += [
        f"{message.id}: {r.phrase!r} targets unknown {t!r}"
        for r in message.references
        for t in r.targets
        if t not in known
    ]
    found += [
        f"{message.id}: replies to unknown {p!r}" for p in message.in_reply_to if p not in known
    ]
    return found
