"""The reviewed tables: the corrections, and the index of names.

The corrections are under ``data/corrections``, the index under ``data/index``.

Each table is a UTF-8 CSV file with a header row. Every correction says what
it changes, why, in which release it was added and on which day. A column
holding several values (the aliases of a name) separates them with ``|``.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TypeVar

import attrs
from attrs import AttrsInstance
from cattrs.errors import CattrsError

from .._converter import converter
from .._model import Correction
from .._records import Name

T = TypeVar("T", bound=AttrsInstance)

TABLE_DIR = Path(__file__).resolve().parent.parent / "data" / "corrections"
INDEX_DIR = Path(__file__).resolve().parent.parent / "data" / "index"
#: The separator of several values in one cell.
SEPARATOR = "|"
#: The kind of the corrections that errata.csv lists.
ERRATUM = "erratum"


@attrs.frozen
class Move:
    """Raw lines ``start``-``end`` belong right after raw line ``after``."""

    start: int
    end: int
    after: int
    reason: str
    added_in: str
    added_on: str


@attrs.frozen
class LineRole:
    """Raw ``line`` has ``role``, overriding what the rules would say."""

    line: int
    role: str
    reason: str
    added_in: str
    added_on: str


@attrs.frozen
class DateRuling:
    """The record headed at raw ``line`` gets these dates, for ``reason``."""

    line: int
    written_on: str | None
    sent_on: str | None
    reason: str
    added_in: str
    added_on: str


@attrs.frozen
class RecordNote:
    """An editorial note for the record headed at raw ``line``.

    A non-empty ``sender`` names the real sender where the heading does not;
    ``enclosed_in`` is the heading line of the message that encloses this
    one, ``copy_of`` that of the record this one is a copy of.
    """

    line: int
    sender: str | None
    enclosed_in: int | None
    copy_of: int | None
    note: str
    added_in: str
    added_on: str


@attrs.frozen
class Alias:
    """The retired id ``old_id`` now resolves to ``new_id``."""

    old_id: str
    new_id: str
    reason: str
    added_in: str
    added_on: str


@attrs.frozen
class NotName:
    """The words ``phrase`` look like a name but mention none of the index."""

    phrase: str
    reason: str
    added_in: str
    added_on: str


@attrs.frozen
class MentionRuling:
    """The ``occurrence``-th hit of ``surface`` in message ``id`` is ``name``.

    An empty ``name`` means the hit mentions nothing of the index.
    """

    id: str
    surface: str
    occurrence: int
    name: str | None
    reason: str
    added_in: str
    added_on: str


@attrs.frozen
class ReferenceRuling:
    """A reviewed ruling on one reference phrase of message ``message_id``.

    ``action`` is ``"add"`` (a reference the forms miss: every field given),
    ``"drop"`` (a match that is not a reference) or ``"set"`` (a reference
    whose non-empty fields here replace what the rules found). ``occurrence``
    counts the phrase's occurrences in the text from 1. List fields are
    separated by ``;``; the word ``none`` stands for an empty list (or for
    ``count`` unknown); ``reply`` is ``yes`` or ``no`` (in reply to it or not).
    """

    message_id: str
    phrase: str
    occurrence: int
    action: str
    kind: str | None
    authors: str | None
    addressees: str | None
    dates: str | None
    count: str | None
    targets: str | None
    reply: str | None
    reason: str
    added_in: str
    added_on: str


@attrs.frozen
class ReplyRuling:
    """A reviewed ruling: incoming message ``incoming_id`` answers printed message ``answers``.

    For what the printed messages show but do not say in the words the rules
    read (:func:`._replies.incoming_replies`). ``kinds`` lists the kinds of the
    link, separated by ``;``.
    """

    incoming_id: str
    answers: str
    kinds: str
    reason: str
    added_in: str
    added_on: str


@attrs.frozen
class Index:
    """The index of names and the tables that rule on its hits."""

    names: tuple[Name, ...]
    not_names: tuple[NotName, ...]
    rulings: tuple[MentionRuling, ...]


@attrs.frozen
class Tables:
    """All correction tables, as read from disk."""

    moves: tuple[Move, ...]
    #: errata.csv: on raw ``line``, the text ``wrong`` is a misreading of
    #: ``right``. Its rows are the corrections of kind :data:`ERRATUM`, with
    #: the other fields of :class:`~stalin_telegrams.Correction` as columns.
    errata: tuple[Correction, ...]
    roles: tuple[LineRole, ...]
    dates: tuple[DateRuling, ...]
    notes: tuple[RecordNote, ...]
    aliases: tuple[Alias, ...]
    references: tuple[ReferenceRuling, ...] = ()
    #: replies.csv: what incoming messages answer, beyond the rules.
    replies: tuple[ReplyRuling, ...] = ()


def _read(name: str, cls: type[T], directory: Path, **fixed: str) -> tuple[T, ...]:
    """Read one table: a row a record, numbers as ints, empty optional cells as ``None``.

    The table has a column for each field of *cls*, but those given in
    *fixed*, which every record of the table shares.
    """
    with (directory / name).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    expected = [field.name for field in attrs.fields(cls) if field.name not in fixed]
    if rows and list(rows[0]) != expected:
        msg = f"{name}: columns {list(rows[0])}, expected {expected}"
        raise ValueError(msg)
    optional = {f.name for f in attrs.fields(cls) if "None" in str(f.type)}
    several = {f.name for f in attrs.fields(cls) if str(f.type).startswith("tuple[str")}
    conv = converter()
    records = []
    for number, row in enumerate(rows, start=2):
        cells = {key: _cell(key, value, optional, several) for key, value in row.items()}
        cells.update(fixed)
        try:
            records.append(conv.structure(cells, cls))
        except (CattrsError, ValueError, TypeError) as error:
            msg = f"{name}, line {number}: {error}"
            raise ValueError(msg) from error
    return tuple(records)


def _cell(key: str, value: str, optional: set[str], several: set[str]) -> str | list[str] | None:
    if key in several:
        return [part.strip() for part in value.split(SEPARATOR)] if value else []
    return None if key in optional and not value else value


def read_tables(directory: Path = TABLE_DIR) -> Tables:
    """Read every correction table."""
    return Tables(
        moves=_read("moves.csv", Move, directory),
        errata=_read("errata.csv", Correction, directory, kind=ERRATUM),
        roles=_read("roles.csv", LineRole, directory),
        dates=_read("dates.csv", DateRuling, directory),
        notes=_read("notes.csv", RecordNote, directory),
        aliases=_read("aliases.csv", Alias, directory),
        references=_read("references.csv", ReferenceRuling, directory),
        replies=_read("replies.csv", ReplyRuling, directory),
    )


def read_index(directory: Path = INDEX_DIR) -> Index:
    """Read the index of names, the look-alikes that are no names, and the rulings."""
    return Index(
        names=_read("names.csv", Name, directory),
        not_names=_read("not_names.csv", NotName, directory),
        rulings=_read("rulings.csv", MentionRuling, directory),
    )
