r"""Write the command line's output in any encoding, and report when it cannot.

The text of the corpus has dashes, curly quotes, ellipses and accented
letters that an ASCII or Latin-1 terminal (``PYTHONIOENCODING=ascii``, some
Windows consoles) cannot show. :class:`Output` wraps the standard output of
the command line so that such text never ends the program:

- a character the encoding holds is written as it is;
- else, in text for reading (``transliterate=True``), a dash, quote,
  ellipsis or no-break space is written as its ASCII look-alike
  (:data:`LOOK_ALIKES`), and a letter with accents as the letter without
  them (``Šubašić`` as ``Subasic``);
- else the character is written as a Python backslash escape (``\xe9``,
  ``\u2014``), as ``errors="backslashreplace"`` does.

A failure to write (a closed standard output, a full disk, a reader that
went away) is raised as :class:`OutputError`, so the command line can tell
it from the failure of a file it was asked to read or write.

:func:`usable` makes a stream whose encoding cannot write ordinary lines of
text (``PYTHONIOENCODING=idna``) write ASCII with escapes instead, and
:func:`width` says how many columns the command line has to fill.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import unicodedata
from typing import IO, Any

#: ASCII stand-ins for the punctuation of the corpus, used when the output
#: encoding cannot hold the character itself.
LOOK_ALIKES = {
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",  # figure dash
    "\u2013": "-",  # en dash
    "\u2014": "--",  # em dash
    "\u2015": "--",  # horizontal bar
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ab": '"',  # guillemets
    "\u00bb": '"',
    "\u2026": "...",
    "\u00a0": " ",  # no-break space
    "\u2009": " ",  # thin space
}
#: Width of the output when neither ``COLUMNS`` nor a terminal says, as
#: :func:`shutil.get_terminal_size` has it.
DEFAULT_WIDTH = 80
#: A line of the kind the command line writes, to try an encoding on.
_PROBE = "1942-11-20-churchill  1942-11-20  Churchill  We have begun the offensive.\n" * 2
#: Encodings that hold every character; text for them needs no fallback.
_UNICODE = frozenset({"utf-8", "utf-16", "utf-32", "gb18030"})


class OutputError(OSError):
    """Standard output could not be written: closed, full, or its reader gone."""


def holds_unicode(encoding: str | None) -> bool:
    """Return whether *encoding* can hold any text (UTF-8 and its like)."""
    if encoding is None:
        return True
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    return name in _UNICODE or name.startswith(("utf-16", "utf-32"))


def width(stream: Any = None) -> int:  # noqa: ANN401  # any stream, or none
    """Return the number of columns to fill: ``COLUMNS``, else the terminal's, else 80.

    ``COLUMNS`` wins when it is a positive whole number in ASCII digits, as
    for :func:`shutil.get_terminal_size`; else the width of the terminal
    *stream* writes to; else (a pipe, a file) :data:`DEFAULT_WIDTH`.

    >>> width() > 0
    True
    """
    columns = os.environ.get("COLUMNS", "")
    if columns.isascii() and columns.isdigit() and 0 < int(columns) <= 10_000:  # noqa: PLR2004
        return int(columns)
    try:
        return os.get_terminal_size(stream.fileno()).columns or DEFAULT_WIDTH
    except (AttributeError, ValueError, OSError):
        return DEFAULT_WIDTH


def usable(stream: Any) -> None:  # noqa: ANN401  # a text stream such as sys.stdout
    """Make *stream* write ASCII with backslash escapes if its encoding cannot write lines.

    An encoding such as ``idna`` (``PYTHONIOENCODING=idna``) is a codec of
    the standard library but fails on any line longer than a domain label;
    the command line would die writing its first line, or its first error.
    A stream that cannot be reconfigured is left as it is.
    """
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        _PROBE.encode(encoding)
        codecs.lookup(encoding).incrementalencoder().encode(_PROBE)
    except (UnicodeError, LookupError, TypeError, ValueError):
        pass
    else:
        return
    with contextlib.suppress(AttributeError, ValueError, OSError):
        stream.reconfigure(encoding="ascii", errors="backslashreplace")


def fallback(text: str, encoding: str, *, transliterate: bool = True) -> str:
    r"""Return *text* with what *encoding* cannot hold replaced, as the module says.

    Args:
        text: The text to write.
        encoding: The encoding it will be written in.
        transliterate: Whether to write ASCII look-alikes of punctuation
            before falling back to backslash escapes.

    Returns:
        Text that *encoding* can encode.

    >>> print(fallback("Stalingrad\N{EM DASH}the \N{LEFT DOUBLE QUOTATION MARK}front"
    ...                "\N{RIGHT DOUBLE QUOTATION MARK}, caf\N{LATIN SMALL LETTER E WITH ACUTE}",
    ...                "ascii"))
    Stalingrad--the "front", cafe
    >>> print(fallback("\N{CYRILLIC CAPITAL LETTER ES}", "ascii"))
    \u0421
    >>> print(fallback("caf\N{LATIN SMALL LETTER E WITH ACUTE}\N{EM DASH}", "latin-1",
    ...                transliterate=False))
    café\u2014
    """
    try:
        text.encode(encoding)
    except UnicodeError:
        pass
    else:
        return text
    return "".join(
        char if _holds(encoding, char) else _stand_in(char, transliterate=transliterate)
        for char in text
    )


def _holds(encoding: str, char: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeError:
        return False
    return True


def _stand_in(char: str, *, transliterate: bool) -> str:
    if transliterate:
        look_alike = LOOK_ALIKES.get(char)
        if look_alike is not None:
            return look_alike
        # A letter with accents decomposes into the letter and its marks.
        decomposed = unicodedata.normalize("NFKD", char)
        base = "".join(part for part in decomposed if not unicodedata.combining(part))
        if base and base.isascii() and base.isprintable():
            return base
    return char.encode("ascii", "backslashreplace").decode("ascii")


class Output:
    """A writable text stream that writes to *stream* with the fallback of :func:`fallback`.

    It has what :func:`print`, :mod:`csv` and :mod:`json` need (``write``
    and ``flush``), and is not an :class:`io.IOBase`, so that dropping it
    never flushes or closes the stream it wraps.

    Args:
        stream: The stream to write to, usually :data:`sys.stdout`; ``None``
            (standard output is closed) makes every write fail.
        transliterate: Passed on to :func:`fallback`.
    """

    def __init__(self, stream: IO[str] | None, *, transliterate: bool = True) -> None:
        self._stream = stream
        self._transliterate = transliterate
        self.encoding: str = getattr(stream, "encoding", None) or "utf-8"
        #: Whether the stream written to can hold any text.
        self.holds_unicode = holds_unicode(self.encoding)

    def can_write(self, text: str) -> bool:
        """Return whether *text* reaches the stream as it is, with no stand-in."""
        return self.holds_unicode or _holds(self.encoding, text)

    def write(self, text: str) -> int:
        """Write *text*, replacing what the encoding cannot hold.

        Raises:
            OutputError: The stream is closed or cannot be written.
        """
        if self._stream is None:
            raise OutputError(9, "it is closed")
        if not self.holds_unicode:
            text = fallback(text, self.encoding, transliterate=self._transliterate)
        try:
            self._stream.write(text)
        except OSError as err:
            raise OutputError(err.errno, err.strerror or str(err)) from err
        return len(text)

    def flush(self) -> None:
        """Flush the stream written to.

        Raises:
            OutputError: The stream cannot be written.
        """
        if self._stream is None:
            return
        try:
            self._stream.flush()
        except OSError as err:
            raise OutputError(err.errno, err.strerror or str(err)) from err
