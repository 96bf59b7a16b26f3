"""Find the phrases that refer to messages: the patterns of words, stated once.

A *form* is a pattern of words that names a message, and the rule that
resolves it (see :mod:`._references`). Forms fall on two sides:

* ``own`` forms name a message by the writer of the message they stand in:
  "my message of February 16", "mine of February 16", "I wrote on August 22
  and 24", "a similar message to the President", "I have already written to
  you", "I have already approached Prime Minister Churchill";
* ``theirs`` forms name a message by someone else: "your message of May 11",
  "yours of February 13", "your two messages of April 6", "Mr Churchill's
  reply", "the President's telegram", "a message from General Marshall",
  "the message delivered by M. M. Litvinov", "the joint message of April 18",
  "your letter to Marshal Tito", "you wrote"; and bare definite phrases ("the
  message", "the communication") that can only be read back to a message
  named earlier in the same text (anaphora).

What is *not* a reference has no form: speeches and broadcasts, treaties and
communiqués, conversations, orders, proposals and requests (unless called a
message), greetings and wishes, the message in hand ("this message"), and
messages still awaited ("I await your reply", "I shall await your final
communication", "your contemplated reply to Himmler").
"""

from __future__ import annotations

import datetime
import re

import attrs

from .._dates import MONTHS

#: Roosevelt died on April 12, 1945; Attlee took office on July 26, 1945.
TRUMAN_FROM = datetime.date(1945, 4, 12)
ATTLEE_FROM = datetime.date(1945, 7, 26)

LEADERS = ("Churchill", "Roosevelt", "Truman", "Attlee", "Stalin")
#: Other writers and addressees a phrase can name, and their normalised names.
OTHER_NAMES = {
    "Molotov": "Molotov",
    "Hull": "Hull",
    "Kerr": "Kerr",
    "Harriman": "Harriman",
    "Marshall": "Marshall",
    "Tito": "Tito",
    "Eden": "Eden",
    "President of Turkey": "President of Turkey",
    "British Government": "British Government",
    "U.S. Government": "United States Government",
}

_MONTH = "(?:" + "|".join(MONTHS) + ")"
_SURNAME = "(?:" + "|".join(LEADERS) + ")"
_PERSON = rf"(?:(?:Mr\.?|President|Prime Minister|Premier) )?(?:[A-Z]\. )*{_SURNAME}"
_TITLE = rf"the (?:President|Prime Minister)(?:, Mr\.? (?:[A-Z]\. )*{_SURNAME})?"
_OTHER = (
    r"(?:(?:V\. M\. )?Molotov|Mr (?:Hull|Kerr|Harriman)|General Marshall|(?:Marshal )?Tito"
    r"|the President of Turkey|the British Government|the U\.S\. Government)"
)
_ANY = rf"(?:{_OTHER}|{_TITLE}|{_PERSON})"
_NAME = rf"(?P<to>{_TITLE}|{_PERSON})"
_WHO = rf"(?P<who>{_PERSON})"
_DATE = (
    r"(?P<month>" + "|".join(MONTHS) + r") (?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\d)"
    r"(?: and (?P<day2>\d{1,2})(?:st|nd|rd|th)?)?(?:,? (?P<year>19\d\d))?"
)
_OWN_NOUN = r"(?:message|messages|reply|letter|telegram)"
_THEIR_NOUN = r"(?:message|messages|letter|reply|communication|telegram|note)"
#: The nouns that name a message on the other side.
_NOUN = (
    r"(?P<noun>messages?|letters?|telegrams?|cables?|repl(?:y|ies)|communications?"
    r"|Notes?|Memorandum|[Aa]ide-[Mm]émoires?|query|inquiry)"
)
#: Words that may stand between a possessive and the noun.
_ADJ = (
    r"(?:(?P<num>two|three) )?(?:(?:personal|latest|last|previous|next|second|joint|friendly"
    r"|special|information|Cairo|February|own|other|relevant|following) )*"
)
_DATES = rf"(?:(?:,? (?:of|dated)|(?: on| about| concerning) [^,.;:]{{1,50}}?, dated) {_DATE})"


@attrs.frozen
class Form:
    """A pattern of words that refers to a message, and how to resolve it."""

    side: str
    kind: str
    pattern: re.Pattern[str]

    @property
    def theirs(self) -> bool:
        """Whether the message named is not the writer's own."""
        return self.side == "theirs"


def _own(kind: str, pattern: str) -> Form:
    return Form("own", kind, re.compile(pattern))


def _theirs(kind: str, pattern: str) -> Form:
    return Form("theirs", kind, re.compile(pattern))


OWN_FORMS = (
    _own("dated", rf"\b(?:[Mm]y (?:personal )?{_OWN_NOUN}|[Mm]ine) of {_DATE}(?: to {_NAME})?"),
    _own("dated", rf"\bI wrote (?:to you )?on {_DATE}"),
    _own("previous", r"\b[Mm]y (?:previous|last) (?:message|letter|telegram)\b(?!s)"),
    _own("previous", r"\bI (?:communicated to|apprised) you last time\b"),
    _own(
        "previous", r"\bI have already (?:written (?:to you|in a previous message)|informed you)\b"
    ),
    _own("previous", r"\b[Aa]s I informed you\b"),
    _own("previous", r"\bI (?:have )?sent you the (?:text|copy)\b"),
    _own(
        "proposal",
        r"\b(?:[Mm]y|[Oo]ur|the Soviet (?:Union|Government)'s)"
        r" (?:requests?|suggestions?|proposals?)\b",
    ),
    _own("vague", r"\b(?:[Mm]y|[Aa]) previous messages?\b"),
    _own("vague", r"\bin previous messages\b"),
    _own("vague", r"\b[Mm]y messages\b"),
    _own("counterpart", rf"\bsimilar (?:message|reply) to {_NAME}"),
    _own("counterpart", rf"\breplied in similar strain to {_NAME}"),
    _own("counterpart", rf"\bsend this (?:reply|message) to {_NAME} as well"),
    _own("counterpart", rf"\bwhich I have conveyed to {_NAME}"),
    _own("counterpart", rf"\bI have written about this to {_NAME} as well"),
    _own("counterpart", rf"\bI am writing simultaneously to {_NAME}"),
    _own("counterpart", rf"\bI am simultaneously advising {_NAME}"),
    _own(
        "counterpart",
        rf"\bI (?:have )?(?:also )?(?:notified|informed) {_NAME}"
        r"(?P<earlier> at the same time as I did you)?",
    ),
    _own("counterpart", rf"\b(?P<earlier>[Ee]arlier) I wrote the same to {_NAME}"),
    _own(
        "counterpart",
        rf"\bI (?P<earlier>have already (?:approached|advised)|had written to) {_NAME}",
    ),
    _own("reply-to-theirs", rf"\b[Mm]y reply to {_WHO}'s message of {_DATE}"),
    _own(
        "sent-to",
        rf"\b[Mm]y (?:personal )?(?:message|reply) to {_NAME}(?:, despatched on {_DATE})?",
    ),
    _own("sent-to", rf"\bthe message I sent to {_NAME}"),
    _own("sent-to", rf"\b(?P<today>[Tt]oday )?I sent a message to {_NAME}"),
    _own("sent-to", rf"\b[Mm]y reply to a message from {_NAME}"),
    _own(
        "sent-to",
        rf"\bin reply to a message from {_NAME} I sent the following (?:personal )?message",
    ),
    _own("sent-to", rf"\b[Mm]y personal message in reply to {_NAME}'s message"),
    _own("sent-to", rf"\b(?:[Aa]|[Mm]y) relevant message to {_NAME}"),
    _own("sent-to", rf"\bI have already written to {_NAME}"),
    _own("sent-to", r"\b[Mm]y reply to his message\b"),
    _own("two-sent-to", rf"\bthe two messages I sent to {_NAME}"),
    _own("about", r"\b[Mm]y message about (?P<topic>[^.;:]+)"),
)

THEIR_FORMS = (
    _theirs(
        "your",
        rf"\b(?P<both>[Bb]oth )?[Yy]our {_ADJ}{_NOUN}(?![\w-])"
        rf"(?:{_DATES}|(?P<vague> of last year and this))?(?: to (?P<to>{_ANY}))?",
    ),
    _theirs("your", rf"\b[Yy]ours of {_DATE}"),
    _theirs(
        "named",
        rf"\b(?P<who>{_ANY})'s {_ADJ}{_NOUN}(?![\w-])(?: to (?:me|(?P<to>{_ANY})))?"
        rf"(?: on the subject)?{_DATES}?",
    ),
    _theirs(
        "his",
        rf"\b[Hh]is (?:(?P<month>{_MONTH}) (?P<day>\d{{1,2}}) )?{_ADJ}{_NOUN}(?![\w-])(?: to me)?",
    ),
    _theirs(
        "from",
        rf"\b(?:[Tt]he|[Aa]|(?P<pair>[Tt]wo|[Bb]oth)) {_ADJ}{_NOUN} from "
        rf"(?P<from>you(?: and (?P<also>{_ANY}))?|{_ANY})",
    ),
    _theirs(
        "from",
        rf"(?<=received )from (?P<from>{_ANY}) (?:a|the) {_ADJ}{_NOUN}(?![\w-])",
    ),
    _theirs(
        "the",
        rf"\b(?:(?P<both>[Bb]oth |[Tt]he two )|[Tt]he ){_ADJ}{_NOUN}(?:{_DATES}"
        r"|,? (?:which|that) (?:reached me|I (?:have )?(?:recently )?received)"
        r"|,? (?:delivered|transmitted) (?:to me )?(?:by|through|in) (?:[A-Z]\. )*"
        r"(?:Mr |Ambassador |General )?[A-Z][a-z]+)",
    ),
    _theirs(
        "bare",
        rf"\b[Tt]he {_ADJ}(?P<noun>messages?|communications?|letter|reply|Memorandum)\b",
    ),
    _theirs("wrote", r"\b(?:[Yy]ou (?:now )?(?:wrote|write)(?: to me)?|[Aa]s you write)\b"),
    _theirs(
        "courtesy",
        r"\b[Yy]our (?:\w+ ){0,2}?(?:congratulations|greetings|(?:good )?wishes|condolences"
        r"|praise|commendation|sentiments)\b",
    ),
    _theirs(
        "forwarded",
        r"\b(?:(?:communicating|sending|forwarding|transmitting) (?:to )?me"
        r"|received from you(?:, through (?:[A-Z]\. )*(?:Mr |Ambassador |General )?[A-Z][a-z]+,)?)"
        r" (?:the|a) (?:text|copy)\b",
    ),
    _theirs("aide", rf"\b[Aa]n? {_NOUN}(?= giving its (?:substance|text|contents))"),
)

FORMS = OWN_FORMS + THEIR_FORMS


@attrs.frozen
class Found:
    """One match of a form in a message, before resolution."""

    form: Form
    match: re.Match[str]

    @property
    def phrase(self) -> str:
        """The words of the match, as they stand in the text."""
        return self.match.group(0)

    @property
    def start(self) -> int:
        """Offset of the match in the text."""
        return self.match.start()

    @property
    def end(self) -> int:
        """Offset just past the match."""
        return self.match.end()

    def group(self, name: str) -> str | None:
        """Return a named group of the match, or None if the form has none."""
        return self.match.groupdict().get(name)


def find(text: str) -> list[Found]:
    """Return the form matches in *text*, in text order.

    Of overlapping matches on the same side (the writer's messages, or the
    others') the longest is kept; "my reply to Mr Churchill's message of
    April 28" thus names both the writer's reply and Churchill's message. A
    bare definite phrase ("the message") is dropped where it stands inside a
    longer phrase of either side ("the message I sent to President Truman").
    """
    found = [Found(form, m) for form in FORMS for m in form.pattern.finditer(text)]
    found.sort(key=lambda f: (f.start, -len(f.phrase)))
    kept: list[Found] = []
    for item in found:
        clash = any(
            (other.form.side == item.form.side or item.form.kind == "bare")
            and other.start < item.end
            and item.start < other.end
            for other in kept
        )
        if not clash:
            kept.append(item)
    # A longer phrase of the other side can come later in the sort only when
    # it starts later; a bare phrase inside it still goes.
    return [
        item
        for item in kept
        if item.form.kind != "bare"
        or not any(
            other is not item and other.start <= item.start and item.end <= other.end
            for other in kept
        )
    ]


def person(text: str, on: datetime.date | None) -> str | None:
    """Return the normalised name a name or title stands for on a date."""
    for name, normal in OTHER_NAMES.items():
        if name in text:
            return normal
    for surname in LEADERS:
        if surname in text:
            return surname
    if on is None:
        return None
    if "President" in text:
        return "Truman" if on >= TRUMAN_FROM else "Roosevelt"
    if "Prime Minister" in text:
        return "Attlee" if on >= ATTLEE_FROM else "Churchill"
    return None


def mentioned_date(
    found: Found, on: datetime.date | None, day: str = "day"
) -> datetime.date | None:
    """Return the date a match names: the latest such date on or before *on*."""
    month, number, year = found.group("month"), found.group(day), found.group("year")
    if month is None or number is None:
        return None
    return resolve_date(month, int(number), int(year) if year else None, on)


def resolve_date(
    month: str, day: int, year: int | None, on: datetime.date | None
) -> datetime.date | None:
    """Return *month* *day* of *year*, or the latest such date on or before *on*.

    A date without a year in a January message can be of the year before:
    "your message of December 31" in a message of January 1, 1945 is
    December 31, 1944.
    """
    if year is not None:
        years = [year]
    elif on is None:
        return None
    else:
        years = [on.year, on.year - 1]
    for candidate_year in years:
        try:
            candidate = datetime.date(candidate_year, MONTHS.index(month) + 1, day)
        except ValueError:
            continue
        if year is not None or on is None or candidate <= on:
            return candidate
    return None


def dates_of(found: Found, on: datetime.date | None) -> tuple[datetime.date, ...]:
    """Return the dates a match gives its message(s): one, two ("of August 22 and 24") or none."""
    days = ["day", "day2"] if found.group("day2") else ["day"]
    out = [mentioned_date(found, on, day) for day in days]
    return tuple(d for d in out if d is not None)
