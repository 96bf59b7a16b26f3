"""The one reader of dates given by callers: strict ISO YYYY-MM-DD on every Python."""

from __future__ import annotations

import datetime

import pytest

from stalin_telegrams._dates import parse_iso_date


class TestParseIsoDate:
    """parse_iso_date() reads YYYY-MM-DD and nothing else."""

    def test_reads_the_form(self) -> None:
        """A date in the form YYYY-MM-DD is read."""
        assert datetime.date(1942, 11, 20) == parse_iso_date("1942-11-20")

    @pytest.mark.parametrize(
        "text",
        [
            "19421120",  # basic form: read by fromisoformat from Python 3.11
            "1942-W47-5",  # week date: read by fromisoformat from Python 3.11
            "1942-324",  # ordinal date
            "1942-11-20T10:00",
            "1942-11-20 ",
            " 1942-11-20",
            "1942-11-20\n",
            "1942-1-20",
            "42-11-20",
            "+1942-11-20",
            "\u0661\u0669\u0664\u0662-11-20",  # digits of another script
            "",
        ],
    )
    def test_refuses_other_forms(self, text: str) -> None:
        """Every other form, including those Python 3.11's fromisoformat reads, is refused."""
        with pytest.raises(
            ValueError, match=r"^not an ISO date \(YYYY-MM-DD, such as '1943-02-16'\)$"
        ):
            parse_iso_date(text)

    @pytest.mark.parametrize("text", ["1943-02-29", "1942-13-01", "1942-11-31", "0000-01-01"])
    def test_refuses_days_not_in_the_calendar(self, text: str) -> None:
        """A string of the right form that names no day is refused, saying so."""
        with pytest.raises(ValueError, match=r"^not an ISO date: the calendar has no such day$"):
            parse_iso_date(text)
