"""Citations of one message and of the whole edition: Chicago, APA, BibTeX.

The facts cited (the printed volume, the package's title, authors and
year) are stated here once and checked against ``CITATION.cff`` by the tests;
the exports that name their source (Datasette, the data package, CMIF,
Croissant) read them from here too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from ._dates import MONTHS
from ._version import RELEASED, __version__
from .exceptions import UnsupportedFormatError

if TYPE_CHECKING:
    import datetime

Style = Literal["chicago", "apa", "bibtex"]
STYLES: tuple[Style, ...] = ("chicago", "apa", "bibtex")

#: The printed volume the text comes from (CITATION.cff, references[0]).
EDITION_AUTHOR_FAMILY = "Stalin"
EDITION_AUTHOR_GIVEN = "J. V."
EDITION_TITLE = "Works"
EDITION_VOLUME = 17
EDITION_VOLUME_TITLE = "War Telegrams"
EDITION_PUBLISHER = "Red Star Press"
EDITION_CITY = "London"
EDITION_YEAR = 1986

#: The package as a data set (CITATION.cff, top level).
PACKAGE = "stalin_telegrams"
TITLE = (
    "stalin_telegrams: Stalin's wartime correspondence with Churchill, Roosevelt,"
    " Truman and Attlee (1941-1945)"
)
AUTHOR = "The stalin_telegrams maintainers"
#: The year of release (of CITATION.cff ``date-released``).
YEAR = int(RELEASED[:4])
#: The key of the whole edition in BibTeX.
BIBTEX_KEY = "stalin_telegrams"


def edition() -> str:
    """Return the printed volume in one line: author, title, place, publisher, year."""
    return (
        f"{EDITION_AUTHOR_GIVEN} {EDITION_AUTHOR_FAMILY}, {EDITION_TITLE},"
        f" vol. {EDITION_VOLUME}: {EDITION_VOLUME_TITLE}"
        f" ({EDITION_CITY}: {EDITION_PUBLISHER}, {EDITION_YEAR})"
    )


def _names(names: tuple[str, ...]) -> str:
    head = names[:-1]
    if len(head) <= 1:
        return " and ".join(names)
    return ", ".join(head) + f", and {names[-1]}"


def _day(date: datetime.date | None) -> str:
    # Not strftime("%B"): that follows the locale.
    return "undated" if date is None else f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def _letter(
    senders: tuple[str, ...], recipients: tuple[str, ...], date: datetime.date | None
) -> str:
    """Return the description of a letter: ``Stalin to Churchill, 20 November 1942``."""
    return f"{_names(senders)} to {_names(recipients)}, {_day(date)}"


def _bibtex(kind: str, key: str, fields: dict[str, str]) -> str:
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields.items())
    return f"@{kind}{{{key},\n{body}}}"


def _escape(text: str) -> str:
    return text.replace("_", r"\_").replace("&", r"\&")


def _check(style: str) -> None:
    if style not in STYLES:
        msg = f"unknown citation style {style!r}; the styles are {', '.join(STYLES)}"
        raise UnsupportedFormatError(msg)


def message_citation(  # noqa: PLR0913 - the facts a citation names, each a field of the message
    id_: str,
    senders: tuple[str, ...],
    recipients: tuple[str, ...],
    date: datetime.date | None,
    style: str = "chicago",
    *,
    version: str = __version__,
) -> str:
    """Return a citation in *style* of a message: the volume, the letter, the package.

    Args:
        id_: The message's id.
        senders: Its senders.
        recipients: Its recipients.
        date: Its date, ``None`` when undated.
        style: ``"chicago"`` (bibliography entry), ``"apa"`` (7th edition) or
            ``"bibtex"`` (an ``@incollection`` entry whose key is the id).
        version: The package version to name.

    Raises:
        UnsupportedFormatError: *style* is not one of those. It is also a
            :class:`ValueError`.
    """
    _check(style)
    letter = _letter(senders, recipients, date)
    where = f"{PACKAGE} {version}, message {id_}"
    author = f"{EDITION_AUTHOR_FAMILY}, {EDITION_AUTHOR_GIVEN}"
    if style == "chicago":
        return (
            f'{author} "{letter}." In {EDITION_TITLE}, vol. {EDITION_VOLUME},'
            f" {EDITION_VOLUME_TITLE}. {EDITION_CITY}: {EDITION_PUBLISHER}, {EDITION_YEAR}."
            f" Machine-readable text: {where}."
        )
    if style == "apa":
        return (
            f"{author} ({EDITION_YEAR}). {letter} [Message]. In {EDITION_TITLE}"
            f" (Vol. {EDITION_VOLUME}, {EDITION_VOLUME_TITLE}). {EDITION_PUBLISHER}."
            f" {PACKAGE} (Version {version}) [Data set], message {id_}."
        )
    return _bibtex(
        "incollection",
        id_,
        {
            "author": author,
            "title": letter,
            "booktitle": f"{EDITION_TITLE}, vol. {EDITION_VOLUME}: {EDITION_VOLUME_TITLE}",
            "volume": str(EDITION_VOLUME),
            "publisher": EDITION_PUBLISHER,
            "address": EDITION_CITY,
            "year": str(EDITION_YEAR),
            "note": _escape(where),
        },
    )


def edition_citation(style: str = "chicago", version: str = __version__) -> str:
    """Return a citation of the whole edition in *style*, as ``CITATION.cff`` has it.

    Args:
        style: ``"chicago"``, ``"apa"`` or ``"bibtex"`` (a ``@misc`` entry
            with the key ``stalin_telegrams``).
        version: The package version to name.

    Raises:
        UnsupportedFormatError: *style* is not one of those. It is also a
            :class:`ValueError`.
    """
    _check(style)
    source = f"Text from {edition()}."
    if style == "chicago":
        return f"{AUTHOR}. {TITLE}. Version {version}. Dataset, {YEAR}. {source}"
    if style == "apa":
        return f"{AUTHOR}. ({YEAR}). {TITLE} (Version {version}) [Data set]. {source}"
    return _bibtex(
        "misc",
        BIBTEX_KEY,
        {
            "author": f"{{{AUTHOR}}}",
            "title": _escape(TITLE),
            "year": str(YEAR),
            "version": version,
            "note": _escape(source),
        },
    )
