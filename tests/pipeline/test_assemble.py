"""Tests for stalin_telegrams.pipeline._assemble: message records from the lines."""

from __future__ import annotations

import datetime
from typing import Any

import attrs
import pytest

from stalin_telegrams import Correction, FootnoteMark, LineSpan, Message
from stalin_telegrams.pipeline._assemble import Edits, Placing, assemble, read_parts
from stalin_telegrams.pipeline._lines import classify
from stalin_telegrams.pipeline._segment import segment
from stalin_telegrams.pipeline._source import Line
from stalin_telegrams.pipeline._tables import (
    DateRuling,
    LineRole,
    Move,
    RecordNote,
    Tables,
)
from tests.factories import fake

ADDED = ("0.2.0", "2026-12-01")
#: Three messages, as the volume prints them: a date at the top, a "Sent on"
#: line and a classification above the next headings, a dated heading.
SOURCE = (
    "Preface.",
    "",
    "PERSONAL AND SECRET MESSAGE FROM PREMIER STALIN",
    "TO THE PRIME MINISTER, Mr CHURCHILL¹",
    "",
    "Moscow, June 1, 1943",
    "",
    "My dear Mr Churchill,",
    "",
    "Thank you for your message¹ of May 30. The",
    "73",
    "convoys will sail.",
    "",
    "Yours sincerely,",
    "J. STALIN",
    "",
    "Sent on June 2, 1943",
    "",
    "TO PRESIDENT ROOSEVELT",
    "",
    "Washington",
    "",
    "Your message received.",
    "",
    "SECRET",
    "June 2, 1943 TO PRESIDENT ROOSEVELT",
    "Thanks again.",
)


def lines(*texts: str) -> tuple[Line, ...]:
    """Number the texts from 1, as raw lines."""
    return tuple(Line(no, text) for no, text in enumerate(texts, start=1))


EMPTY = Tables(moves=(), errata=(), roles=(), dates=(), notes=(), aliases=())


def tables(**rows: Any) -> Tables:
    """Return correction tables with the given rows and no others."""
    return attrs.evolve(EMPTY, **rows)


def note(
    line: int,
    text: str = "a note",
    *,
    sender: str | None = None,
    enclosed_in: int | None = None,
    copy_of: int | None = None,
) -> RecordNote:
    """Return a notes.csv row for the record headed at *line*."""
    return RecordNote(line, sender, enclosed_in, copy_of, text, *ADDED)


def build(source: tuple[str, ...] = SOURCE, **rows: Any) -> tuple[Message, ...]:
    """Assemble *source* with the given table rows and return the messages."""
    return assemble(lines(*source), tables(**rows), frozenset()).messages


class TestAssemble:
    """assemble() builds one message per heading, with its id."""

    def test_messages(self) -> None:
        """Every field is read from its lines: heading, dates, text, marks, notes."""
        first, second, third = build()
        assert (
            fake(
                "1943-06-01-churchill",
                1,
                text="Thank you for your message of May 30. The convoys will sail.",
                on="1943-06-01",
                heading="MESSAGE FROM PREMIER STALIN TO THE PRIME MINISTER, Mr CHURCHILL",
                classification="PERSONAL AND SECRET",
                place="Moscow",
                salutation="My dear Mr Churchill,",
                signature="Yours sincerely, J. STALIN",
                footnote_marks=(FootnoteMark("1", 10, len("Thank you for your message")),),
                source_lines=(LineSpan(3, 16),),
                notes=("written date stands at the top of the message",),
            )
            == first
        )
        assert (
            fake(
                "1943-06-02-roosevelt",
                2,
                text="Your message received.",
                recipients=("Roosevelt",),
                heading="TO PRESIDENT ROOSEVELT",
                sent_on=datetime.date(1943, 6, 2),
                address="Washington",
                source_lines=(LineSpan(17, 24),),
            )
            == second
        )
        assert (
            fake(
                "1943-06-02-roosevelt-2",
                3,
                text="Thanks again.",
                on="1943-06-02",
                recipients=("Roosevelt",),
                heading="TO PRESIDENT ROOSEVELT",
                classification="SECRET",
                source_lines=(LineSpan(25, 27),),
                notes=("written date stands on the heading's own line",),
            )
            == third
        )

    def test_roles_owners_and_joins(self) -> None:
        """The assembly tells each line's role and message, and what it rejoined."""
        assembly = assemble(lines(*SOURCE), tables(), frozenset())
        assert ("front", "blank", "heading", "page") == tuple(
            assembly.roles[no] for no in (1, 2, 3, 11)
        )
        owner = dict.fromkeys(range(3, 17), 1) | dict.fromkeys(range(17, 25), 2)
        assert owner | dict.fromkeys(range(25, 28), 3) == assembly.owner
        assert [(12, "paragraph")] == [(j.line, j.kind) for j in assembly.joins]

    def test_copy_takes_the_suffix(self) -> None:
        """A copy takes the suffixed id of its day, and names its original and cover."""
        row = note(19, copy_of=26, enclosed_in=26, sender="Churchill")
        _, copy, original = build(notes=(row,))
        assert ("1943-06-02-roosevelt-2", "1943-06-02-roosevelt") == (copy.id, original.id)
        assert (original.id, original.id) == (copy.copy_of, copy.enclosed_in)
        assert ("Churchill", ("a note",)) == (copy.sender, copy.notes)

    def test_date_ruling(self) -> None:
        """dates.csv sets a record's dates, and says so in its notes."""
        ruling = DateRuling(19, "1943-06-01", "1943-06-03", "the reason", *ADDED)
        second = build(dates=(ruling,))[1]
        assert (datetime.date(1943, 6, 1), datetime.date(1943, 6, 3)) == (
            second.written_on,
            second.sent_on,
        )
        assert ("1943-06-01-roosevelt", ("date set by dates.csv: the reason",)) == (
            second.id,
            second.notes,
        )

    def test_empty_ruling(self) -> None:
        """A ruling without dates keeps the source's dates."""
        second = build(dates=(DateRuling(19, None, None, "checked", *ADDED),))[1]
        assert (None, datetime.date(1943, 6, 2)) == (second.written_on, second.sent_on)

    def test_undated(self) -> None:
        """A record with no date says so and gets an undated id; no recipient, an unknown one."""
        (message,) = build(source=("MEMORANDUM", "Text."))
        assert ("undated-unknown", ("no date in the source",)) == (message.id, message.notes)

    def test_signature_without_closing(self) -> None:
        """A signature stands alone when no closing line precedes it."""
        (message,) = build(source=("TO ROOSEVELT", "Text.", "J. STALIN"))
        assert ("Text.", "J. STALIN") == (message.text, message.signature)

    def test_classification_under_heading(self) -> None:
        """A classification under the heading is read, and kept out of the heading."""
        (message,) = build(source=("June 2, 1943 TO ROOSEVELT", "MOST SECRET.", "Text."))
        assert ("TO ROOSEVELT", "MOST SECRET") == (message.heading, message.classification)
        assert "classification stands under the heading" in message.notes

    def test_errata_and_moves(self) -> None:
        """Errata are applied and listed; a move is listed by the record it touches."""
        erratum = Correction("erratum", 23, "received", "received today", "test", *ADDED)
        move = Move(21, 23, 19, "test", *ADDED)
        second = build(errata=(erratum,), moves=(move,))[1]
        assert "Your message received today." == second.text
        assert (
            Correction("erratum", 23, "received", "received today", "test", *ADDED),
            Correction("move", 21, "lines 21-23", "after line 19", "test", *ADDED),
        ) == second.corrections

    def test_role_from_the_table(self) -> None:
        """roles.csv can give a 'Sent on' line to the message above it."""
        source = ("TO ROOSEVELT", "Text.", "Sent on June 2, 1943")
        role = LineRole(3, "sent-previous", "test", *ADDED)
        (message,) = build(source=source, roles=(role,))
        assert datetime.date(1943, 6, 2) == message.sent_on

    def test_erratum_not_in_line(self) -> None:
        """An erratum whose wrong text is not in its line is refused."""
        erratum = Correction("erratum", 23, "recieved", "received", "test", *ADDED)
        with pytest.raises(ValueError, match="erratum on line 23: 'recieved' is not in the line"):
            build(errata=(erratum,))

    @pytest.mark.parametrize(
        ("table", "row", "message"),
        [
            ("dates", DateRuling(20, "1943-06-02", None, "test", *ADDED), "dates.csv: .* line 20"),
            ("notes", note(20), "notes.csv: .* line 20"),
            ("notes", note(19, enclosed_in=21), "notes.csv: .* line 21"),
            ("notes", note(19, copy_of=22), "notes.csv: .* line 22"),
        ],
        ids=["ruling", "note", "enclosed-in", "copy-of"],
    )
    def test_rows_naming_no_heading(self, table: str, row: Any, message: str) -> None:
        """A table row naming a line where no heading starts is refused."""
        with pytest.raises(ValueError, match=message):
            build(**{table: (row,)})


class TestEdits:
    """Edits keys the correction tables by line."""

    def test_notes_rows_gathered(self) -> None:
        """Several notes.csv rows for one record add up; later values win."""
        rows = (
            note(3, "first", sender="Churchill", enclosed_in=19),
            note(3, "second", copy_of=26),
            note(3, "third", sender="Antonov"),
        )
        expected = Placing(
            sender="Antonov", enclosed_in=19, copy_of=26, notes=("first", "second", "third")
        )
        assert {3: expected} == Edits.from_tables(tables(notes=rows)).placings

    def test_errata_gathered(self) -> None:
        """Several errata on one line are kept in table order."""
        rows = (
            Correction("erratum", 4, "a", "b", "r", *ADDED),
            Correction("erratum", 4, "c", "d", "r", *ADDED),
        )
        assert [("a", "b"), ("c", "d")] == [
            (c.wrong, c.right) for c in Edits.from_tables(tables(errata=rows)).errata[4]
        ]


class TestReadParts:
    """read_parts() reads a record's fields without an id."""

    def test_key(self) -> None:
        """The key of a record is its date and its recipients."""
        drafts = segment(classify(lines(*SOURCE), ()))
        edits = Edits.from_tables(tables())
        assert ["1943-06-01-churchill", "1943-06-02-roosevelt", "1943-06-02-roosevelt"] == [
            read_parts(draft, edits, frozenset()).key for draft in drafts
        ]
