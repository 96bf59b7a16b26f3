"""The one reader of dates given by a caller: strict ISO ``YYYY-MM-DD``.

:meth:`datetime.date.fromisoformat` alone will not do: from Python 3.11 it
also reads ``"19421120"`` and ``"1942-W47-5"``, which 3.10 rejects, so the
same call would mean different things on different Pythons. The form is
checked first, then the calendar.
"""

from __future__ import annotations

import datetime
import re

#: The one form of date accepted: four-digit year, two-digit month and day.
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: The names of the months, January first: the one month table of the package.
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: How a date is shown in messages about the form.
EXAMPLE = "'1943-02-16'"


def parse_iso_date(text: str) -> datetime.date:
    """Return the date *text* names in the form ``YYYY-MM-DD``.

    Raises:
        ValueError: *text* is not in that form, or names no day of the
            calendar (``"1943-02-30"``); the message says which, to follow
            the value: ``f"{text!r} is {error}"``.
    """
    if ISO_DATE.fullmatch(text) is None:
        msg = f"not an ISO date (YYYY-MM-DD, such as {EXAMPLE})"
        raise ValueError(msg)
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        msg = "not an ISO date: the calendar has no such day"
        raise ValueError(msg) from None
