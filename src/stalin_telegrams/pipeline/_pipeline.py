"""The whole build: source and tables in, corpus document and report out."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import attrs

from .._records import IncomingMessage
from . import _assemble, _emit, _incoming, _names, _refs_link, _replies, _validate
from ._source import SOURCE_SHA256, read_source, repair_order
from ._tables import Index, Tables, read_index, read_tables

_HYPHENATED = re.compile(r"\b[A-Za-z]+(?:-[A-Za-z]+)+\b")


@attrs.frozen
class Build:
    """The result of one build."""

    assembly: _assemble.Assembly
    tables: Tables
    index: Index
    document: dict[str, Any]
    problems: tuple[str, ...]
    incoming: tuple[IncomingMessage, ...] = ()


def run() -> Build:
    """Build the corpus from the packaged source and correction tables."""
    tables = read_tables()
    raw = read_source()
    lines = repair_order(raw, tables.moves)
    hyphenated = frozenset(word.lower() for line in raw for word in _HYPHENATED.findall(line.text))
    assembly = _assemble.assemble(lines, tables, hyphenated)
    linked = _refs_link.link(assembly.messages, tables.references)
    assembly = attrs.evolve(assembly, messages=linked.messages)
    printed = {m.id for m in linked.messages}
    named = {r.id for r in _incoming.incoming(linked.messages, linked.drafts)}
    replies, reply_problems = _replies.reviewed(
        linked.incoming_replies, tables.replies, printed, named
    )
    incoming = _incoming.incoming(linked.messages, linked.drafts, replies)
    index = read_index()
    located, name_problems = _names.locate(assembly.messages, index)
    assembly = attrs.evolve(assembly, messages=located)
    aliases = {a.old_id: a.new_id for a in tables.aliases}
    document = _emit.document(assembly.messages, SOURCE_SHA256, aliases, index.names, incoming)
    found = (
        _validate.problems(assembly.messages)
        + _validate.alias_problems(assembly.messages, aliases, incoming)
        + _validate.graph_problems(assembly.messages, incoming, aliases)
        + list(linked.problems)
        + reply_problems
        + _names.duplicate_problems(index.names)
        + _names.part_of_problems(index.names)
        + name_problems
    )
    return Build(assembly, tables, index, document, tuple(found), incoming)


def report(build: Build) -> str:
    """Return the human-readable build report."""
    messages = build.assembly.messages
    out = [f"messages: {len(messages)}"]
    per: Counter[tuple[str, str]] = Counter()
    for m in messages:
        per[("+".join(m.recipients), str(m.year))] += 1
    out.append("\ncounts per recipient and year:")
    out.extend(f"  {who:30} {year}: {n}" for (who, year), n in sorted(per.items()))
    out.append("\ncorrections applied:")
    for m in messages:
        out.extend(
            f"  {m.id}: {c.kind} line {c.line}: {c.wrong!r} -> {c.right!r} ({c.reason})"
            for c in m.corrections
        )
    out.append("\nline roles set by roles.csv:")
    out.extend(f"  line {r.line}: {r.role} ({r.reason})" for r in build.tables.roles)
    out.append("\nrecords whose dates or parties needed a judgement:")
    for m in messages:
        if m.notes or m.senders != ("Stalin",) or len(m.recipients) != 1:
            who = f"{m.sender} -> {', '.join(m.recipients)}"
            out.append(
                f"  #{m.number} {m.id} [{who}] written {m.written_on} sent {m.sent_on}:"
                f" {'; '.join(m.notes) or 'parties'}"
            )
    out.append("\nparagraphs rejoined across page breaks:")
    out.extend(
        f"  line {j.line}: {j.kind}: {j.before!r} + {j.after!r}" for j in build.assembly.joins
    )
    kinds = Counter(entry.kind for entry in build.index.names)
    out.append(f"\nindex of names: {len(build.index.names)} entries")
    out.extend(f"  {kind}: {n}" for kind, n in sorted(kinds.items()))
    out.append(f"  mentions: {sum(len(m.mentions) for m in messages)}")
    out.append("\nproblems:")
    out.extend(f"  {p}" for p in build.problems or ["none"])
    return "\n".join(out)
