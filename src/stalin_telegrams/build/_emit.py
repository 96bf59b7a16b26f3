"""Deterministic JSON for the corpus file."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .._converter import converter
from .._model import Message
from .._version import SCHEMA_VERSION, __version__


def document(
    messages: Sequence[Message], source_sha256: str, aliases: dict[str, str]
) -> dict[str, Any]:
    """Return the corpus document: a small header, then the messages."""
    return {
        "schema_version": SCHEMA_VERSION,
        "package_version": __version__,
        "source_sha256": source_sha256,
        "message_count": len(messages),
        "aliases": dict(sorted(aliases.items())),
        "messages": converter().unstructure(tuple(messages)),
    }


def dumps(doc: dict[str, Any]) -> str:
    """Serialise a document the same way every time."""
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
