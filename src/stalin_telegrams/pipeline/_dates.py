"""Date lines and "Sent on" lines, parsed with python-dateutil."""

from __future__ import annotations

import datetime
import re

from dateutil import parser as dateparser

from .._dates import MONTHS

_MONTHS = "|".join(MONTHS)
_DATE = rf"(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,\s+19[3-4]\d"
SENT_ON = re.compile(rf"^Sent on ({_DATE})\.?$")
#: A date line, optionally after a place: "Moscow, June 24, 1944".
DATE_LINE = re.compile(rf"^(?:(?P<place>[A-Z][\w\"“”' .-]*?),\s+)?(?P<date>{_DATE})\.?$")
#: A date standing at the very start of a line that goes on with a heading.
LEADING_DATE = re.compile(rf"^(?P<date>{_DATE})\s+(?P<rest>\S.*)$")


def parse_date(text: str) -> datetime.date:
    """Parse a written date such as ``"January 16th, 1945"``."""
    return dateparser.parse(text, fuzzy=False).date()


def sent_on(text: str) -> datetime.date | None:
    """Return the date of a "Sent on" line, or ``None`` for any other line."""
    match = SENT_ON.match(text.strip())
    return parse_date(match.group(1)) if match else None


def date_line(text: str) -> tuple[str | None, datetime.date] | None:
    """Return ``(place, date)`` of a date line, or ``None`` for any other line."""
    match = DATE_LINE.match(text.strip())
    if not match:
        return None
    place = match.group("place")
    return (place.strip('"“” ') if place else None), parse_date(match.group("date"))
