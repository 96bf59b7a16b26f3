"""Tests for stalin_telegrams.pipeline._dates."""

from __future__ import annotations

import datetime

import pytest

from stalin_telegrams.pipeline import _dates


class TestSentOn:
    """sent_on reads "Sent on" lines and nothing else."""

    def test_sent_on(self) -> None:
        """A "Sent on" line gives its date."""
        assert datetime.date(1941, 8, 4) == _dates.sent_on("Sent on August 4, 1941")

    def test_other_line(self) -> None:
        """Any other line gives None."""
        assert _dates.sent_on("August 4, 1941") is None


class TestDateLine:
    """date_line reads plain date lines, with an optional place."""

    @pytest.mark.parametrize(
        ("line", "expected"),
        [
            ("July 18, 1941", (None, datetime.date(1941, 7, 18))),
            ("Moscow, June 24, 1944", ("Moscow", datetime.date(1944, 6, 24))),
            ("Koreiz, February 9, 1945", ("Koreiz", datetime.date(1945, 2, 9))),
            ("January 16th, 1945", (None, datetime.date(1945, 1, 16))),
            ("January 15, 1945.", (None, datetime.date(1945, 1, 15))),
        ],
    )
    def test_date_lines(self, line: str, expected: tuple[str | None, datetime.date]) -> None:
        """Dates parse, places are kept, ordinals and a final stop are allowed."""
        assert expected == _dates.date_line(line)

    @pytest.mark.parametrize(
        "line",
        [
            'November 12, 1943."',
            "August 1986",
            "I wrote on May 4, 1943 to you.",
            "Sent on May 4, 1943",
        ],
    )
    def test_not_date_lines(self, line: str) -> None:
        """Quoted dates, the preface date and dates inside prose are not date lines."""
        assert _dates.date_line(line) is None
