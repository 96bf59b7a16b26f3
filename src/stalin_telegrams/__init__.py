"""Stalin's wartime correspondence with Churchill, Roosevelt, Truman and Attlee.

A cleaned, dated edition of *J. V. Stalin, Works vol. 17: War Telegrams*
(Red Star Press, 1986), with a small typed API.
"""

from ._corpus import Corpus
from ._load import load
from ._model import Correction, FootnoteMark, LineSpan, Message, Reference
from ._version import __version__

__all__ = [
    "Correction",
    "Corpus",
    "FootnoteMark",
    "LineSpan",
    "Message",
    "Reference",
    "__version__",
    "load",
]
