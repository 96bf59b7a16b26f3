"""Tests for stalin_telegrams.pipeline._lines: each raw line read once."""

from __future__ import annotations

import datetime

import pytest

from stalin_telegrams.pipeline._lines import Facts, LineRecord, Role, classify, read_facts
from stalin_telegrams.pipeline._source import Line
from stalin_telegrams.pipeline._tables import LineRole


def lines(*texts: str) -> tuple[Line, ...]:
    """Number the texts from 1, as raw lines."""
    return tuple(Line(no, text) for no, text in enumerate(texts, start=1))


def roles(*texts: str) -> list[Role]:
    """Classify the texts with no roles.csv rows and return their roles."""
    return [record.role for record in classify(lines(*texts), ())]


def override(line: int, role: str) -> LineRole:
    """Return a roles.csv row."""
    return LineRole(line, role, "test", "0.2.0", "2026-12-01")


class TestClassify:
    """classify() gives every line its role, by rule or by roles.csv."""

    def test_every_rule(self) -> None:
        """Each rule gives its role, in a sequence the volume could print."""
        texts = (
            "Preface to the volume.",
            "",
            "STALIN TO CHURCHILL",
            "PERSONAL AND SECRET",
            "",
            "Washington",
            "Sent on June 1, 1943",
            "Thank you for your message.",
            "12",
            "a",
            "J. STALIN",
            "Moscow, June 2, 1943",
            "SECRET",
            "MESSAGE FROM STALIN",
            "June 3, 1943 TO ROOSEVELT",
            "GOOD WISHES",
        )
        expected = [
            Role.FRONT,
            Role.BLANK,
            Role.HEADING,
            Role.HEADING,
            Role.BLANK,
            Role.ADDRESS,
            Role.SENT,
            Role.BODY,
            Role.PAGE,
            Role.STRAY,
            Role.SIGNATURE,
            Role.DATE,
            Role.CLASSIFICATION,
            Role.HEADING,
            Role.DATE_HEADING,
            Role.BODY,
        ]
        assert expected == roles(*texts)

    def test_front_matter_until_first_heading(self) -> None:
        """Every line before the first heading, blanks aside, is front matter."""
        assert [Role.FRONT, Role.BLANK, Role.FRONT, Role.DATE_HEADING, Role.BODY] == roles(
            "J. STALIN", "", "Moscow, June 2, 1943", "June 3, 1943 TO ROOSEVELT", "Thanks."
        )

    def test_address_under_sent_on(self) -> None:
        """A short line after a 'Sent on' line under a heading is the address."""
        assert [Role.HEADING, Role.SENT, Role.ADDRESS] == roles(
            "TO CHURCHILL", "Sent on June 1, 1943", "London"
        )

    def test_address_only_under_a_heading(self) -> None:
        """The same short line elsewhere is body text."""
        assert [Role.HEADING, Role.BODY, Role.BODY] == roles("TO CHURCHILL", "Thank you.", "London")

    def test_caps_after_address_and_blank(self) -> None:
        """A caps line after an address and a blank line goes on with the heading."""
        assert [Role.HEADING, Role.ADDRESS, Role.BLANK, Role.HEADING] == roles(
            "TO ROOSEVELT", "Washington", "", "THE WHITE HOUSE"
        )

    def test_caps_right_after_address(self) -> None:
        """A caps line right after an address is body unless it is a heading itself."""
        assert [Role.HEADING, Role.ADDRESS, Role.BODY] == roles(
            "TO ROOSEVELT", "Washington", "GOOD WISHES"
        )

    def test_page_artifacts_keep_the_context(self) -> None:
        """A page number between heading lines does not end the heading."""
        assert [Role.HEADING, Role.PAGE, Role.HEADING] == roles(
            "TO ROOSEVELT", "73", "THE PRESIDENT"
        )

    def test_heading_follows(self) -> None:
        """Each record says whether the next content line has a heading role."""
        texts = ("TO ROOSEVELT", "Thanks.", "June 1, 1943", "", "73", "SECRET", "TO CHURCHILL")
        follows = [r.heading_follows for r in classify(lines(*texts), ())]
        assert [False, False, True, True, True, True, False] == follows

    def test_facts_read_once(self) -> None:
        """The records carry what their text says."""
        records = classify(lines("TO ROOSEVELT", "Moscow, June 2, 1943"), ())
        assert Facts(date=datetime.date(1943, 6, 2), place="Moscow") == records[1].facts

    def test_override(self) -> None:
        """roles.csv has the last word on a line's role."""
        texts = ("TO ROOSEVELT", "Thanks.", "Sent on June 1, 1943", "GENERAL ANTONOV")
        records = classify(lines(*texts), (override(3, "sent-previous"), override(4, "signature")))
        assert [Role.HEADING, Role.BODY, Role.SENT_PREVIOUS, Role.SIGNATURE] == [
            r.role for r in records
        ]

    def test_unknown_role(self) -> None:
        """A role roles.csv does not know is refused."""
        with pytest.raises(ValueError, match="unknown role 'title'"):
            classify(lines("TO ROOSEVELT"), (override(1, "title"),))

    def test_missing_line(self) -> None:
        """A roles.csv row for a line that is not there is refused."""
        with pytest.raises(ValueError, match="there is no line 2"):
            classify(lines("TO ROOSEVELT"), (override(2, "body"),))

    def test_role_the_text_cannot_have(self) -> None:
        """roles.csv cannot make a date line of a line without a date."""
        with pytest.raises(ValueError, match="line 2: a date line, but its text gives no date"):
            classify(lines("TO ROOSEVELT", "Thanks."), (override(2, "date"),))


class TestReadFacts:
    """read_facts() reads a line's dates, place and classification."""

    def test_sent_on(self) -> None:
        """A 'Sent on' line gives its date."""
        assert Facts(sent=datetime.date(1944, 1, 16)) == read_facts("Sent on January 16th, 1944.")

    def test_date_line(self) -> None:
        """A date line gives its date, and its place if it names one."""
        assert Facts(date=datetime.date(1945, 2, 7)) == read_facts("February 7, 1945")

    def test_dated_heading(self) -> None:
        """A caps line opening with a date gives the date and its length."""
        expected = Facts(date=datetime.date(1943, 6, 3), date_prefix=len("June 3, 1943"))
        assert expected == read_facts("June 3, 1943 TO ROOSEVELT")

    def test_dated_prose(self) -> None:
        """A prose line opening with a date gives nothing."""
        assert Facts() == read_facts("June 3, 1943 was a Thursday.")

    def test_classification(self) -> None:
        """A classification line gives its words, without markup or full stop."""
        assert Facts(classification="MOST SECRET") == read_facts("**MOST SECRET.**")


class TestLineRecord:
    """LineRecord refuses a role its facts cannot carry."""

    @pytest.mark.parametrize(
        ("role", "fact"),
        [
            (Role.SENT, "sent"),
            (Role.SENT_PREVIOUS, "sent"),
            (Role.DATE, "date"),
            (Role.DATE_NEXT, "date"),
            (Role.DATE_HEADING, "date"),
            (Role.CLASSIFICATION, "classification"),
        ],
    )
    def test_needs(self, role: Role, fact: str) -> None:
        """A role that needs a fact is refused without it."""
        with pytest.raises(
            ValueError, match=f"line 7: a {role.value} line, but its text gives no {fact}"
        ):
            LineRecord(7, "Thanks.", role)

    def test_dated_heading_needs_its_prefix(self) -> None:
        """A dated heading line needs to know how long its date is."""
        with pytest.raises(ValueError, match="gives no date_prefix"):
            LineRecord(7, "TO ROOSEVELT", Role.DATE_HEADING, Facts(date=datetime.date(1943, 6, 3)))
