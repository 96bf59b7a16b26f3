"""The reviewed correction tables under ``data/corrections``.

Each table is a UTF-8 CSV file with a header row. Every entry says what it
changes, why, in which release it was added and on which day.
"""

from __future__ import annotations

import csv
from pathlib import Path

import attrs

TABLE_DIR = Path(__file__).resolve().parent.parent / "data" / "corrections"


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
class Erratum:
    """On raw ``line``, the text ``wrong`` is a misreading of ``right``."""

    line: int
    wrong: str
    right: str
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
    written_on: str
    sent_on: str
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
    sender: str
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
class Tables:
    """All correction tables, as read from disk."""

    moves: tuple[Move, ...]
    errata: tuple[Erratum, ...]
    roles: tuple[LineRole, ...]
    dates: tuple[DateRuling, ...]
    notes: tuple[RecordNote, ...]
    aliases: tuple[Alias, ...]


def _rows(name: str, directory: Path) -> list[dict[str, str]]:
    with (directory / name).open(encoding="utf-8", newline="") as fh:
        return [
            row for row in csv.DictReader(fh) if not next(iter(row.values()), "").startswith("#")
        ]


def _line_or_none(value: str) -> int | None:
    return int(value) if value else None


def read_tables(directory: Path = TABLE_DIR) -> Tables:
    """Read every correction table."""
    return Tables(
        moves=tuple(
            Move(
                int(r["start"]),
                int(r["end"]),
                int(r["after"]),
                r["reason"],
                r["added_in"],
                r["added_on"],
            )
            for r in _rows("moves.csv", directory)
        ),
        errata=tuple(
            Erratum(
                int(r["line"]), r["wrong"], r["right"], r["reason"], r["added_in"], r["added_on"]
            )
            for r in _rows("errata.csv", directory)
        ),
        roles=tuple(
            LineRole(int(r["line"]), r["role"], r["reason"], r["added_in"], r["added_on"])
            for r in _rows("roles.csv", directory)
        ),
        dates=tuple(
            DateRuling(
                int(r["line"]),
                r["written_on"],
                r["sent_on"],
                r["reason"],
                r["added_in"],
                r["added_on"],
            )
            for r in _rows("dates.csv", directory)
        ),
        notes=tuple(
            RecordNote(
                int(r["line"]),
                r["sender"],
                _line_or_none(r["enclosed_in"]),
                _line_or_none(r["copy_of"]),
                r["note"],
                r["added_in"],
                r["added_on"],
            )
            for r in _rows("notes.csv", directory)
        ),
        aliases=tuple(
            Alias(r["old_id"], r["new_id"], r["reason"], r["added_in"], r["added_on"])
            for r in _rows("aliases.csv", directory)
        ),
    )
