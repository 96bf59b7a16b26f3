"""Exceptions raised by :mod:`stalin_telegrams`.

Every exception derives from :class:`StalinTelegramsError`, and also from the
built-in exception a caller would expect (``KeyError``, ``ValueError``,
``TypeError``, ``IndexError``), so either can be caught.
"""

from __future__ import annotations


class StalinTelegramsError(Exception):
    """Base class of every exception this package raises."""


class UnknownMessageError(StalinTelegramsError, KeyError):
    """No message in the corpus has the requested id."""

    def __init__(
        self, message_id: str, suggestions: tuple[str, ...] = (), *, what: str = "message"
    ) -> None:
        self.message_id = message_id
        self.suggestions = suggestions
        text = f"no {what} with id {message_id!r}"
        if suggestions:
            text += "; close ids: " + ", ".join(suggestions)
        super().__init__(text)

    def __str__(self) -> str:
        # KeyError quotes its argument; a message reads better unquoted.
        return str(self.args[0])


class ArgumentTypeError(StalinTelegramsError, TypeError):
    """An argument has the wrong type; the message names it and what was expected.

    .. versionadded:: 0.2.0
    """


class InvalidArgumentError(StalinTelegramsError, ValueError):
    """An argument has the right type but a value that cannot be used.

    .. versionadded:: 0.2.0
    """


class MessageIndexError(StalinTelegramsError, IndexError):
    """A position is outside the corpus indexed.

    .. versionadded:: 0.2.0
    """


class InvalidCriterionError(InvalidArgumentError):
    """A query criterion has a value that cannot be used (bad date, empty range)."""


class CriterionTypeError(ArgumentTypeError):
    """A query criterion is unknown, or its value has the wrong type."""


class MissingExtraError(StalinTelegramsError, ImportError):
    """An optional dependency is not installed; the message names the extra to install."""


class CorpusDataError(StalinTelegramsError, ValueError):
    """The packaged corpus file is missing, damaged, edited, malformed or inconsistent."""


class UnsupportedFormatError(StalinTelegramsError, ValueError):
    """An export format or citation style that the package does not know."""
