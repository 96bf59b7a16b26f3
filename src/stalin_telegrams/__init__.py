"""Stalin's wartime correspondence with Churchill, Roosevelt, Truman and Attlee.

A cleaned, dated edition of *J. V. Stalin, Works vol. 17: War Telegrams*
(Red Star Press, 1986), with a small typed API.
"""

from ._corpus import Corpus
from ._duplicates import DiffChunk, Pair, WordDiff, duplicates
from ._load import load
from ._model import Correction, FootnoteMark, IncomingMessage, LineSpan, Message, Reference
from ._query import filter_by
from ._threads import thread_of
from ._version import __version__

__all__ = [
    "Corpus",
    "Correction",
    "DiffChunk",
    "FootnoteMark",
    "IncomingMessage",
    "LineSpan",
    "Message",
    "Pair",
    "Reference",
    "WordDiff",
    "__version__",
    "duplicates",
    "filter_by",
    "load",
    "thread_of",
]
