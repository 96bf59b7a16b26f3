"""Stalin's wartime correspondence with Churchill, Roosevelt, Truman and Attlee.

A cleaned, dated edition of *J. V. Stalin, Works vol. 17: War Telegrams*
(Red Star Press, 1986), with a small typed API.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from . import _collector
from ._version import __version__

if TYPE_CHECKING:
    from ._api import duplicates, filter_by, thread_of
    from ._corpus import Corpus
    from ._duplicates import similarity, word_diff
    from ._incoming import IncomingMessages
    from ._load import load
    from ._model import (
        Correction,
        FootnoteMark,
        LineSpan,
        Mention,
        Message,
        NameKind,
        Reference,
        ReplyKind,
        ReplyLink,
    )
    from ._query import find_phrase
    from ._records import IncomingMessage, IndexEntry, Name, Pair, ResponseTime
    from ._words import DiffChunk, WordDiff

__all__ = [
    "Corpus",
    "Correction",
    "DiffChunk",
    "FootnoteMark",
    "IncomingMessage",
    "IncomingMessages",
    "IndexEntry",
    "LineSpan",
    "Mention",
    "Message",
    "Name",
    "NameKind",
    "Pair",
    "Reference",
    "ReplyKind",
    "ReplyLink",
    "ResponseTime",
    "WordDiff",
    "__version__",
    "duplicates",
    "filter_by",
    "find_phrase",
    "load",
    "similarity",
    "thread_of",
    "word_diff",
]

# Imported on first use (PEP 562), so that importing the package costs next
# to nothing (the command line answers Ctrl-C from its first moment): the
# public name, and the private module that defines it.
_LAZY = {
    "Corpus": "._corpus",
    "Correction": "._model",
    "DiffChunk": "._words",
    "FootnoteMark": "._model",
    "IncomingMessage": "._records",
    "IncomingMessages": "._incoming",
    "IndexEntry": "._records",
    "LineSpan": "._model",
    "Mention": "._model",
    "Message": "._model",
    "Name": "._records",
    "NameKind": "._model",
    "Pair": "._records",
    "Reference": "._model",
    "ReplyKind": "._model",
    "ReplyLink": "._model",
    "ResponseTime": "._records",
    "WordDiff": "._words",
    "duplicates": "._api",
    "filter_by": "._api",
    "find_phrase": "._query",
    "load": "._load",
    "similarity": "._duplicates",
    "thread_of": "._api",
    "word_diff": "._duplicates",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    # The modules (and attrs, on the first use) make tens of thousands of
    # objects, none of them lasting garbage.
    with _collector.paused():
        value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
