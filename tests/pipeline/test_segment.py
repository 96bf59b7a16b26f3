"""Tests for stalin_telegrams.pipeline._segment: line records into messages."""

from __future__ import annotations

import datetime

import pytest

from stalin_telegrams.pipeline._lines import Facts, LineRecord, Role
from stalin_telegrams.pipeline._segment import Draft, Segmenter, segment

JUNE_1 = datetime.date(1943, 6, 1)
JUNE_2 = datetime.date(1943, 6, 2)
JUNE_3 = datetime.date(1943, 6, 3)
#: Facts that make a record of each role valid, for roles that need some.
FACTS = {
    Role.SENT: Facts(sent=JUNE_2),
    Role.SENT_PREVIOUS: Facts(sent=JUNE_2),
    Role.DATE: Facts(date=JUNE_1),
    Role.DATE_NEXT: Facts(date=JUNE_1),
    Role.DATE_HEADING: Facts(date=JUNE_1, date_prefix=12),
    Role.CLASSIFICATION: Facts(classification="SECRET"),
}


def line(no: int, role: Role, facts: Facts | None = None, *, follows: bool = False) -> LineRecord:
    """Return a line record of *role*, with facts enough for the role."""
    return LineRecord(no, f"line {no}", role, facts or FACTS.get(role, Facts()), follows)


def roles(*sequence: Role) -> list[LineRecord]:
    """Return records of these roles, numbered from 1."""
    return [line(no, role) for no, role in enumerate(sequence, start=1)]


class TestSegment:
    """segment() sorts line records into one draft per message."""

    def test_one_message(self) -> None:
        """Each kind of line lands in its place; blanks and page artifacts are owned."""
        records = roles(
            Role.FRONT,
            Role.BLANK,
            Role.HEADING,
            Role.HEADING,
            Role.BLANK,
            Role.ADDRESS,
            Role.SENT,
            Role.DATE,
            Role.BODY,
            Role.PAGE,
            Role.BODY,
            Role.STRAY,
            Role.SIGNATURE,
        )
        expected = Draft(
            heading=(records[2], records[3]),
            address=(records[5],),
            sent=records[6],
            dated=records[7],
            body=(records[8], records[10]),
            signature=(records[12],),
            lines=tuple(range(3, 14)),
            notes=(
                "'Sent on' stands under the heading",
                "written date stands at the top of the message",
            ),
            breaks=frozenset({11}),
        )
        assert (expected,) == segment(records)
        assert 3 == expected.start

    def test_lines_above_a_heading(self) -> None:
        """A classification, 'Sent on' and date above a heading go to it, with their blanks."""
        records = roles(
            Role.HEADING,
            Role.BODY,
            Role.BLANK,
            Role.CLASSIFICATION,
            Role.BLANK,
            Role.SENT,
            Role.BLANK,
            Role.DATE_NEXT,
            Role.HEADING,
            Role.BODY,
        )
        first, second = segment(records)
        assert (1, 2, 3) == first.lines
        assert (
            Draft(
                heading=(records[8],),
                classification=records[3],
                sent=records[5],
                dated=records[7],
                body=(records[9],),
                lines=tuple(range(4, 11)),
                notes=("written date stands above the heading",),
            )
            == second
        )

    def test_heading_goes_on_after_address(self) -> None:
        """A heading line after an address goes on with the same heading."""
        records = roles(Role.HEADING, Role.ADDRESS, Role.HEADING, Role.BODY)
        assert (records[0], records[2]) == segment(records)[0].heading

    def test_heading_after_body_starts_a_message(self) -> None:
        """A heading line after body text starts the next message."""
        records = roles(Role.HEADING, Role.BODY, Role.SIGNATURE, Role.BLANK, Role.HEADING)
        assert [(1, 2, 3, 4), (5,)] == [draft.lines for draft in segment(records)]

    def test_classification_under_heading(self) -> None:
        """A classification right under a heading is part of it, and the heading goes on."""
        records = roles(Role.DATE_HEADING, Role.CLASSIFICATION, Role.HEADING, Role.BODY)
        (draft,) = segment(records)
        assert (records[0], records[1], records[2]) == draft.heading
        assert records[0] == draft.dated
        assert ("written date stands on the heading's own line",) == draft.notes

    def test_sent_previous(self) -> None:
        """A 'Sent on' line given to the message above joins it, whatever stands before."""
        records = roles(Role.HEADING, Role.BODY, Role.SENT_PREVIOUS)
        (draft,) = segment(records)
        assert records[2] == draft.sent
        assert ("'Sent on' line assigned to the message above it (roles.csv)",) == draft.notes

    def test_sent_keeps_a_page_break(self) -> None:
        """A page break before a 'Sent on' line still marks the body line after it."""
        records = roles(Role.HEADING, Role.PAGE, Role.SENT, Role.BODY)
        assert frozenset({4}) == segment(records)[0].breaks

    def test_sent_not_under_heading_waits(self) -> None:
        """A 'Sent on' line after body text belongs to the next heading."""
        records = roles(Role.HEADING, Role.BODY, Role.SENT, Role.HEADING)
        assert [None, records[2]] == [draft.sent for draft in segment(records)]

    @pytest.mark.parametrize(
        ("facts", "follows", "owner"),
        [
            (Facts(date=JUNE_3), False, 0),
            (Facts(date=JUNE_1), True, 0),
            (Facts(date=JUNE_3), True, 1),
        ],
        ids=["no-heading-follows", "sent-after-this-date", "sent-before-this-date"],
    )
    def test_date_between_messages(self, facts: Facts, follows: bool, owner: int) -> None:
        """A date before a heading dates the next message when the last was sent before it."""
        records = [
            line(1, Role.HEADING),
            line(2, Role.SENT),
            line(3, Role.BODY),
            line(4, Role.DATE, facts, follows=follows),
            line(5, Role.HEADING),
        ]
        drafts = segment(records)
        assert [records[3] if i == owner else None for i in range(2)] == [d.dated for d in drafts]

    def test_date_after_a_written_date(self) -> None:
        """A date before a heading dates the next message when the last already has one."""
        records = [
            line(1, Role.HEADING),
            line(2, Role.DATE),
            line(3, Role.BODY),
            line(4, Role.DATE, follows=True),
            line(5, Role.HEADING),
        ]
        assert [records[1], records[3]] == [d.dated for d in segment(records)]

    def test_date_after_body(self) -> None:
        """A written date after the body makes no note about the top of the message."""
        (draft,) = segment(roles(Role.HEADING, Role.BODY, Role.DATE))
        assert () == draft.notes

    def test_nothing(self) -> None:
        """No lines make no messages."""
        assert () == segment([])

    def test_two_sent_in_a_row(self) -> None:
        """Two 'Sent on' lines waiting for one heading are refused."""
        with pytest.raises(ValueError, match="line 4: two 'Sent on' lines in a row"):
            segment(roles(Role.HEADING, Role.BODY, Role.SENT, Role.SENT))

    @pytest.mark.parametrize(
        "second", [Role.SENT_PREVIOUS, Role.SENT], ids=["sent-previous", "sent-under-heading"]
    )
    def test_second_sent_for_one_message(self, second: Role) -> None:
        """A message with two 'Sent on' lines is refused."""
        records = roles(Role.HEADING, Role.SENT_PREVIOUS, Role.ADDRESS, second)
        with pytest.raises(ValueError, match="line 4: a second 'Sent on' for one message"):
            segment(records)

    @pytest.mark.parametrize(
        "sequence",
        [
            (Role.HEADING, Role.DATE, Role.BODY, Role.DATE),
            (Role.DATE_NEXT, Role.DATE_HEADING),
            (Role.DATE_HEADING, Role.HEADING, Role.DATE_HEADING),
        ],
        ids=["date-then-date", "pending-date-then-dated-heading", "two-dated-heading-lines"],
    )
    def test_second_written_date(self, sequence: tuple[Role, ...]) -> None:
        """A message with two written dates is refused."""
        with pytest.raises(ValueError, match="a second written date for one message"):
            segment(roles(*sequence))

    def test_two_dates_before_one_heading(self) -> None:
        """Two date lines waiting for one heading are refused."""
        with pytest.raises(ValueError, match="line 2: two written dates before one heading"):
            segment(roles(Role.DATE_NEXT, Role.DATE_NEXT, Role.HEADING))

    def test_two_classifications_before_one_heading(self) -> None:
        """Two classification lines waiting for one heading are refused."""
        with pytest.raises(ValueError, match="line 4: two classification lines before one"):
            segment(roles(Role.HEADING, Role.BODY, Role.CLASSIFICATION, Role.CLASSIFICATION))

    @pytest.mark.parametrize(
        "role", [Role.BODY, Role.ADDRESS, Role.SIGNATURE, Role.DATE, Role.SENT_PREVIOUS]
    )
    def test_line_before_any_heading(self, role: Role) -> None:
        """A content line before the first heading is refused."""
        with pytest.raises(ValueError, match=f"line 2: a {role.value} line before any heading"):
            segment(roles(Role.BLANK, role))

    @pytest.mark.parametrize("role", [Role.SENT, Role.DATE_NEXT, Role.CLASSIFICATION])
    def test_pending_at_the_end(self, role: Role) -> None:
        """A line still waiting for a heading at the end is refused."""
        with pytest.raises(ValueError, match=r"line 3: .* is left after the last message"):
            segment(roles(Role.HEADING, Role.BODY, role, Role.BLANK))


class TestSegmenter:
    """Segmenter reads one line at a time and keeps what it read."""

    def test_feed_and_finish(self) -> None:
        """finish() closes the last message; calling it again changes nothing."""
        segmenter = Segmenter()
        for record in roles(Role.HEADING, Role.BODY):
            segmenter.feed(record)
        assert (1, 2) == segmenter.finish()[0].lines
        assert 1 == len(segmenter.finish())

    def test_front_is_nobodys(self) -> None:
        """A front-matter line inside a message belongs to no message."""
        assert (1, 3) == segment(roles(Role.HEADING, Role.FRONT, Role.BODY))[0].lines
