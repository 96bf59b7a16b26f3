"""load(): read the packaged corpus once, structure it, cache it."""

from __future__ import annotations

import functools
import json
from importlib.resources import files
from typing import Any

from ._converter import converter
from ._corpus import Corpus
from ._model import Message
from .exceptions import CorpusDataError

SCHEMA_VERSION = 2
DATA_FILE = "telegrams.json"


def _read_packaged() -> dict[str, Any]:
    raw = files("stalin_telegrams").joinpath("data").joinpath(DATA_FILE).read_bytes()
    document = json.loads(raw)
    if not isinstance(document, dict):
        msg = f"{DATA_FILE}: expected a JSON object at the top"
        raise CorpusDataError(msg)
    return document


def corpus_from_document(document: dict[str, Any]) -> Corpus:
    """Structure a parsed corpus document, checking its header."""
    version = document.get("schema_version")
    if version != SCHEMA_VERSION:
        msg = f"corpus schema version {version!r}, this package reads {SCHEMA_VERSION}"
        raise CorpusDataError(msg)
    messages = converter().structure(document["messages"], tuple[Message, ...])
    if len(messages) != document.get("message_count"):
        msg = (
            f"corpus header says {document.get('message_count')} messages,"
            f" the file holds {len(messages)}"
        )
        raise CorpusDataError(msg)
    return Corpus(messages, document.get("aliases", {}))


@functools.cache
def load() -> Corpus:
    """Return the packaged corpus: every message in volume order.

    The file is read and structured on the first call only; later calls
    return the same immutable :class:`Corpus`.

    Returns:
        The corpus, indexable by position and by message id.

    Raises:
        CorpusDataError: The packaged file is damaged or of another schema
            version.

    >>> corpus = load()
    >>> corpus[0].sender
    'Stalin'

    .. versionadded:: 0.1.0
    """
    return corpus_from_document(_read_packaged())
