"""Line records: each raw line read once, with its role and what its text says."""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Sequence

import attrs

from . import _dates, _headings, _pages
from ._source import Line
from ._tables import LineRole


class Role(enum.Enum):
    """What a raw line is, for segmentation; the values are those of roles.csv."""

    FRONT = "front"
    BLANK = "blank"
    PAGE = "page"
    STRAY = "stray"
    SENT = "sent"
    #: A "Sent on" line that belongs to the message above it (roles.csv only).
    SENT_PREVIOUS = "sent-previous"
    DATE = "date"
    #: A date line that belongs to the message below it.
    DATE_NEXT = "date-next"
    DATE_HEADING = "date-heading"
    CLASSIFICATION = "classification"
    HEADING = "heading"
    ADDRESS = "address"
    SIGNATURE = "signature"
    BODY = "body"


#: Lines that are no part of a message's content: front matter, blanks, page artifacts.
ARTIFACTS = frozenset({Role.FRONT, Role.BLANK, Role.PAGE, Role.STRAY})
#: Roles of lines with which a heading starts or goes on.
_HEADING_ROLES = frozenset({Role.HEADING, Role.CLASSIFICATION, Role.DATE_HEADING})
#: For each role, the facts its line must give.
_NEEDS = {
    Role.SENT: ("sent",),
    Role.SENT_PREVIOUS: ("sent",),
    Role.DATE: ("date",),
    Role.DATE_NEXT: ("date",),
    Role.DATE_HEADING: ("date", "date_prefix"),
    Role.CLASSIFICATION: ("classification",),
}
#: A short line under a heading naming where the message went: "Washington".
_ADDRESS = re.compile(r"^(?!(?:My )?[Dd]ear\b|Mr President)[A-Z\"“][^.!?:;]{0,38}[^.!?:;,]$")


@attrs.frozen
class Facts:
    """What a line's text says, read once: its dates, place and classification.

    Attributes:
        date: The written date of a date line, or the date a dated heading
            line opens with.
        place: The place a date line names before its date.
        sent: The date of a "Sent on" line.
        classification: The words of a line that is only a classification
            (markup and closing full stop dropped).
        date_prefix: How many characters of a dated heading line its date
            takes up (0 for any other line).
    """

    date: datetime.date | None = None
    place: str | None = None
    sent: datetime.date | None = None
    classification: str | None = None
    date_prefix: int = 0


@attrs.frozen
class LineRecord:
    """One raw line, classified: its number, text, role and facts.

    Attributes:
        no: The 1-based line number in the raw file.
        text: The raw text of the line.
        role: What the line is.
        facts: What its text says.
        heading_follows: Whether the next line that is not an artifact
            starts or goes on with a heading.

    Raises:
        ValueError: The role needs a fact the text does not give (a date
            line without a date).
    """

    no: int
    text: str
    role: Role
    facts: Facts = Facts()
    heading_follows: bool = False

    def __attrs_post_init__(self) -> None:
        for name in _NEEDS.get(self.role, ()):
            if not getattr(self.facts, name):
                msg = f"line {self.no}: a {self.role.value} line, but its text gives no {name}"
                raise ValueError(msg)


class _After(enum.Enum):
    """What the last line that counts for the rules was."""

    #: A heading line, or a blank after a heading or an address.
    HEADING = enum.auto()
    ADDRESS = enum.auto()
    CLASSIFICATION = enum.auto()
    #: A "Sent on" line right under a heading.
    SENT_UNDER = enum.auto()
    OTHER = enum.auto()


_AFTER_ROLE = {
    Role.HEADING: _After.HEADING,
    Role.ADDRESS: _After.ADDRESS,
    Role.CLASSIFICATION: _After.CLASSIFICATION,
}


def classify(lines: Sequence[Line], overrides: Sequence[LineRole]) -> tuple[LineRecord, ...]:
    """Read every line once: give it a role, by rule or by roles.csv, and its facts.

    Everything before the first heading that is not blank is front matter.

    Args:
        lines: The raw lines, in reading order (after page-order repair).
        overrides: The rows of roles.csv.

    Returns:
        One record per line, in the same order.

    Raises:
        ValueError: roles.csv names an unknown role or a line that is not
            there, or gives a line a role its text cannot have.
    """
    table = _override_table(overrides, {line.no for line in lines})
    facts = [read_facts(line.text) for line in lines]
    roles = _roles(lines, facts, table)
    follows = _heading_follows(roles)
    return tuple(
        LineRecord(line.no, line.text, role, fact, ahead)
        for line, fact, role, ahead in zip(lines, facts, roles, follows, strict=True)
    )


def read_facts(text: str) -> Facts:
    """Read the dates, place and classification a line's text gives."""
    classification = _headings.classification(text)
    sent = _dates.sent_on(text)
    if sent is not None:
        return Facts(sent=sent, classification=classification)
    dated = _dates.date_line(text)
    if dated is not None:
        return Facts(date=dated[1], place=dated[0], classification=classification)
    lead = _dates.LEADING_DATE.match(text.strip())
    if lead is not None and _headings.is_caps(lead.group("rest")):
        written = lead.group("date")
        return Facts(
            date=_dates.parse_date(written),
            classification=classification,
            date_prefix=len(written),
        )
    return Facts(classification=classification)


def _override_table(overrides: Sequence[LineRole], numbers: set[int]) -> dict[int, Role]:
    table: dict[int, Role] = {}
    for row in overrides:
        try:
            table[row.line] = Role(row.role)
        except ValueError:
            msg = f"roles.csv: unknown role {row.role!r}"
            raise ValueError(msg) from None
        if row.line not in numbers:
            msg = f"roles.csv: there is no line {row.line}"
            raise ValueError(msg)
    return table


def _roles(lines: Sequence[Line], facts: Sequence[Facts], table: dict[int, Role]) -> list[Role]:
    roles: list[Role] = []
    after = _After.OTHER
    seen_heading = False
    for line, fact in zip(lines, facts, strict=True):
        role = table.get(line.no) or _rule_role(line.text.strip(), fact, after)
        seen_heading = seen_heading or role in {Role.HEADING, Role.DATE_HEADING}
        if not seen_heading and role is not Role.BLANK:
            role = Role.FRONT
        roles.append(role)
        after = _next_after(after, role)
    return roles


def _next_after(after: _After, role: Role) -> _After:
    if role is Role.SENT and after is _After.HEADING:
        return _After.SENT_UNDER
    if role is Role.BLANK and after in {_After.HEADING, _After.ADDRESS}:
        return _After.HEADING
    if role in {Role.BLANK, Role.PAGE, Role.STRAY}:
        return after
    return _AFTER_ROLE.get(role, _After.OTHER)


def _rule_role(text: str, facts: Facts, after: _After) -> Role:
    return _layout_role(text) or _date_role(facts) or _text_role(text, facts, after)


def _layout_role(text: str) -> Role | None:
    if not text:
        return Role.BLANK
    if _pages.PAGE_NUMBER.match(text):
        return Role.PAGE
    if _pages.STRAY.match(text):
        return Role.STRAY
    return None


def _date_role(facts: Facts) -> Role | None:
    if facts.sent is not None:
        return Role.SENT
    if facts.date_prefix:
        return Role.DATE_HEADING
    if facts.date is not None:
        return Role.DATE
    return None


def _text_role(text: str, facts: Facts, after: _After) -> Role:
    if _headings.is_caps(text):
        return _caps_role(text, facts, after)
    if after in {_After.HEADING, _After.SENT_UNDER} and _ADDRESS.match(text):
        return Role.ADDRESS
    return Role.BODY


def _caps_role(text: str, facts: Facts, after: _After) -> Role:
    if _headings.is_signature(text):
        return Role.SIGNATURE
    if after in {_After.HEADING, _After.CLASSIFICATION}:
        return Role.HEADING
    if facts.classification is not None:
        return Role.CLASSIFICATION
    if _headings.heading_keyword(text):
        return Role.HEADING
    return Role.BODY


def _heading_follows(roles: Sequence[Role]) -> list[bool]:
    """For each line, whether the next line that is not an artifact has a heading role."""
    out: list[bool] = []
    following: Role | None = None
    for role in reversed(roles):
        out.append(following in _HEADING_ROLES)
        if role not in ARTIFACTS:
            following = role
    return out[::-1]
