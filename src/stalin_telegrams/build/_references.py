"""Cross-references: phrases by which a message points to another, resolved to ids.

A *form* is a pattern of words that refers to a message ("my message of
February 16", "a similar message to Mr Churchill", "your message of April
28"), with a rule that resolves it against the corpus. The rules, in full:

* **Dates without a year** mean the most recent such date on or before the
  date of the message that mentions them (:attr:`Message.date`). An undated
  message resolves none of its references.
* **Whose message.** "my", "mine", "I sent" name a message by the writer of
  the message that mentions it; "your", "yours" one by its addressee; "Mr
  Churchill's message" one by Churchill. "the President" is Roosevelt before
  April 12, 1945, Truman from then on; "the Prime Minister" is Churchill
  before July 26, 1945, Attlee from then on.
* **Closest in words** (the tie-break below): the highest cosine between the
  two texts' sets of words of four letters or more, each word weighted by
  its rarity in the corpus (inverse document frequency); then the first in
  the volume.
* ``dated`` ("my message of February 16", "mine of February 16", "I wrote
  on August 22 and 24", "my message of April 7 to the President"): of the
  writer's messages of that date (to the person named, if any, else to the
  present addressee if there is one), the closest in words.
* ``previous`` ("my previous message", "my last message", "which I
  communicated to you last time"): of the writer's earlier messages to the
  present addressee, dated within :data:`PREVIOUS_DAYS` days, the closest in
  words. Not simply the latest: "my previous message concerning the second
  front" passes over a birthday greeting sent in between.
* ``counterpart`` ("a similar message to the President", "send this reply to
  Mr Roosevelt as well", "I have notified Mr Churchill"): of the writer's
  messages to the person named, dated within :data:`COUNTERPART_DAYS` days
  either side and not addressed to the present addressee too, the closest
  in words. Counterparts are one to one: a message that is itself the
  counterpart of another message to the present addressee is passed over.
* ``sent-to`` ("the text of my message to the Prime Minister", "my reply to
  Mr Churchill", "the message I sent to President Truman"): of the writer's
  messages to the person named, not addressed to the present addressee too,
  dated on the day given ("..., despatched on May 4"; "today I sent ..."),
  else on or before the present date, those of the latest date, and of them
  the closest in words. "my reply to his message" takes the person last
  named before it.
* ``two-sent-to`` ("the two messages I sent to the President"): the two
  chosen as for ``sent-to``, one after the other.
* ``about`` ("my message about the Franco-Soviet pact"): the writer's latest
  earlier message to the present addressee whose text holds at least half
  of the topic's words of four letters or more.
* ``reply-to-theirs`` ("my reply to Mr Churchill's message of April 28"): of
  the writer's messages to that person that mention "your message of April
  28", the closest in words.
* ``theirs`` ("your message of April 24th" in a letter to Stalin): Stalin's
  message of that date to the writer, the closest in words.
* ``vague`` ("my previous messages", "a previous message"): no single
  message; the target is always ``None``.

Only references to Stalin's messages are kept. The corpus holds all of
them, so a date and an addressee single one out, and one that is missing
(target ``None``) is a gap worth seeing. It holds almost none of the other
leaders' messages (two of Churchill's): "your message of April 28" in a
message to Churchill cannot be told from his other messages of that day,
nearly every reply has such a phrase, and none is kept.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Iterable, Sequence

import attrs

from .._model import Message, Reference

#: The writer whose messages the corpus collects.
AUTHOR = "Stalin"
#: How many days apart a "similar message" to another leader may be dated.
COUNTERPART_DAYS = 1
#: How many days back "my previous message" may reach.
PREVIOUS_DAYS = 60
#: Roosevelt died on April 12, 1945; Attlee took office on July 26, 1945.
TRUMAN_FROM = datetime.date(1945, 4, 12)
ATTLEE_FROM = datetime.date(1945, 7, 26)

_MONTHS = (
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
_SURNAMES = ("Churchill", "Roosevelt", "Truman", "Attlee")
_SURNAME = "(?:" + "|".join(_SURNAMES) + ")"
_PERSON = rf"(?:(?:Mr\.?|President|Prime Minister|Premier) )?(?:[A-Z]\. )*{_SURNAME}"
_TITLE = rf"the (?:President|Prime Minister)(?:, Mr\.? (?:[A-Z]\. )*{_SURNAME})?"
_NAME = rf"(?P<to>{_TITLE}|{_PERSON})"
_WHO = rf"(?P<who>{_PERSON})"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    r"(?P<month>" + "|".join(_MONTHS) + r") (?P<day>\d{1,2})(?:st|nd|rd|th)?"
    r"(?: and (?P<day2>\d{1,2})(?:st|nd|rd|th)?)?(?:,? (?P<year>19\d\d))?"
)
_OWN_NOUN = r"(?:message|messages|reply|letter|telegram)"
_THEIR_NOUN = r"(?:message|messages|letter|reply|communication|telegram|note)"


@attrs.frozen
class Form:
    """A pattern of words that refers to a message, and how to resolve it."""

    kind: str
    pattern: re.Pattern[str]

    @property
    def theirs(self) -> bool:
        """Whether the message named is the addressee's (or a third person's)."""
        return self.kind == "theirs"


def _form(kind: str, pattern: str) -> Form:
    return Form(kind, re.compile(pattern))


FORMS = (
    _form("dated", rf"\b(?:[Mm]y (?:personal )?{_OWN_NOUN}|[Mm]ine) of {_DATE}(?: to {_NAME})?"),
    _form("dated", rf"\bI wrote (?:to you )?on {_DATE}"),
    _form("previous", r"\b[Mm]y (?:previous|last) (?:message|letter|telegram)\b(?!s)"),
    _form("previous", r"\bI (?:communicated to|apprised) you last time\b"),
    _form("vague", r"\b(?:[Mm]y|[Aa]) previous messages?\b"),
    _form("vague", r"\bin previous messages\b"),
    _form("counterpart", rf"\bsimilar (?:message|reply) to {_NAME}"),
    _form("counterpart", rf"\breplied in similar strain to {_NAME}"),
    _form("counterpart", rf"\bsend this (?:reply|message) to {_NAME} as well"),
    _form("counterpart", rf"\bwhich I have conveyed to {_NAME}"),
    _form("counterpart", rf"\bI have written about this to {_NAME} as well"),
    _form("counterpart", rf"\bI am writing simultaneously to {_NAME}"),
    _form(
        "counterpart",
        rf"\bI (?:have )?(?:also )?(?:notified|informed) {_NAME}"
        r"(?P<earlier> at the same time as I did you)?",
    ),
    _form("counterpart", rf"\b(?P<earlier>[Ee]arlier) I wrote the same to {_NAME}"),
    _form("reply-to-theirs", rf"\b[Mm]y reply to {_WHO}'s message of {_DATE}"),
    _form(
        "sent-to",
        rf"\b[Mm]y (?:personal )?(?:message|reply) to {_NAME}(?:, despatched on {_DATE})?",
    ),
    _form("sent-to", rf"\bthe message I sent to {_NAME}"),
    _form("sent-to", rf"\b(?P<today>[Tt]oday )?I sent a message to {_NAME}"),
    _form("sent-to", rf"\b[Mm]y reply to a message from {_NAME}"),
    _form(
        "sent-to",
        rf"\bin reply to a message from {_NAME} I sent the following (?:personal )?message",
    ),
    _form("sent-to", rf"\b[Mm]y personal message in reply to {_NAME}'s message"),
    _form("sent-to", rf"\b(?:[Aa]|[Mm]y) relevant message to {_NAME}"),
    _form("sent-to", rf"\bI have already written to {_NAME}"),
    _form("sent-to", r"\b[Mm]y reply to his message\b"),
    _form("two-sent-to", rf"\bthe two messages I sent to {_NAME}"),
    _form("about", r"\b[Mm]y message about (?P<topic>[^.;:]+)"),
    _form("theirs", rf"\b[Yy]our (?:\w+ )?{_THEIR_NOUN} of {_DATE}"),
    _form("theirs", rf"\b[Yy]ours of {_DATE}"),
    _form(
        "theirs",
        rf"\b{_WHO}'s {_THEIR_NOUN}(?: to me)?(?: on the subject)?,? (?:of|dated) {_DATE}",
    ),
)

_WORD = re.compile(r"[A-Za-z][\w'-]{3,}")


@attrs.frozen
class Found:
    """One match of a form in a message, before resolution."""

    form: Form
    match: re.Match[str]

    @property
    def phrase(self) -> str:
        """The words of the match, as they stand in the text."""
        return self.match.group(0)

    def group(self, name: str) -> str | None:
        """Return a named group of the match, or None if the form has none."""
        return self.match.groupdict().get(name)


def find(text: str) -> list[Found]:
    """Return the form matches in *text*, in text order, without overlaps.

    Of overlapping matches on the same side (the writer's messages, or the
    other's) the longest is kept; "my reply to Mr Churchill's message of April
    28" thus refers both to the writer's reply and to Churchill's message.
    """
    found = [Found(form, m) for form in FORMS for m in form.pattern.finditer(text)]
    found.sort(key=lambda f: (f.match.start(), -len(f.phrase)))
    kept: list[Found] = []
    for item in found:
        clash = any(
            other.form.theirs == item.form.theirs
            and other.match.start() < item.match.end()
            and item.match.start() < other.match.end()
            for other in kept
        )
        if not clash:
            kept.append(item)
    return kept


def words(text: str) -> frozenset[str]:
    """Return the distinct words of four letters or more, case-folded."""
    return frozenset(w.casefold() for w in _WORD.findall(text))


def paragraph(text: str, offset: int) -> str:
    """Return the paragraph of *text* that holds the character at *offset*."""
    start = text.rfind("\n\n", 0, offset)
    end = text.find("\n\n", offset)
    return text[start + 2 if start >= 0 else 0 : end if end >= 0 else len(text)]


def senders(message: Message) -> frozenset[str]:
    """Return the names of a (possibly joint) sender."""
    return frozenset(message.senders)


def person(text: str, on: datetime.date | None) -> str | None:
    """Return the surname a name or title stands for on a date."""
    for surname in _SURNAMES:
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
    if year is not None:
        years = [int(year)]
    elif on is None:
        return None
    else:
        years = [on.year, on.year - 1]
    for candidate_year in years:
        try:
            candidate = datetime.date(candidate_year, _MONTHS.index(month) + 1, int(number))
        except ValueError:
            continue
        if year is not None or on is None or candidate <= on:
            return candidate
    return None


class Resolver:
    """Resolves the references of every message against the whole corpus."""

    def __init__(self, messages: Sequence[Message]) -> None:
        self.messages = tuple(messages)
        self._by_id = {m.id: m for m in self.messages}
        self._words = {m.id: words(m.text) for m in self.messages}
        frequency: dict[str, int] = {}
        for found in self._words.values():
            for word in found:
                frequency[word] = frequency.get(word, 0) + 1
        self._weight = {w: math.log(len(self.messages) / n) for w, n in frequency.items()}
        self._norm = {
            key: math.sqrt(sum(self._weight[w] ** 2 for w in found))
            for key, found in self._words.items()
        }
        # Which of the other side's messages each message answers ("your
        # message of April 28"), for "my reply to Mr Churchill's message of ...".
        self.answers: dict[str, set[tuple[str, datetime.date]]] = {}
        # The counterpart each message names, before the one-to-one rule.
        self.counterparts: dict[str, set[str]] = {}
        for message in self.messages:
            for item in find(message.text):
                author = self._author(item, message)
                if item.form.kind == "theirs" and author is not None:
                    when = mentioned_date(item, message.date)
                    if when is not None:
                        self.answers.setdefault(message.id, set()).add((author, when))
                if item.form.kind == "counterpart" and author is not None:
                    for target in self._targets(item, message, author, one_to_one=False):
                        if target is not None:
                            self.counterparts.setdefault(message.id, set()).add(target)

    def closeness(self, query: frozenset[str], message: Message) -> float:
        """Return the idf-weighted cosine of a set of words and a message's words."""
        shared = query & self._words[message.id]
        norm = math.sqrt(sum(self._weight.get(w, 0.0) ** 2 for w in query))
        norm *= self._norm[message.id]
        return sum(self._weight[w] ** 2 for w in shared) / norm if norm else 0.0

    def _closest(self, query: Message | frozenset[str], pool: Iterable[Message]) -> str | None:
        wanted = self._words[query.id] if isinstance(query, Message) else query
        ranked = sorted(pool, key=lambda m: (-self.closeness(wanted, m), m.number))
        return ranked[0].id if ranked else None

    def _author(self, item: Found, message: Message) -> str | None:
        if item.form.kind == "theirs":
            who = item.group("who")
            if who:
                return person(who, message.date)
            return message.recipients[0] if len(message.recipients) == 1 else None
        writers = senders(message)
        return next(iter(writers)) if len(writers) == 1 else AUTHOR

    def _by(self, author: str, message: Message) -> list[tuple[datetime.date, Message]]:
        """The dated messages by *author* but *message*, with their dates, in date order.

        A copy of a message the corpus holds (:attr:`Message.copy_of`) is left
        out: a reference names the message, not its enclosed copy.
        """
        return sorted(
            (
                (m.date, m)
                for m in self.messages
                if m.date is not None
                and author in senders(m)
                and m.id != message.id
                and m.copy_of is None
            ),
            key=lambda pair: (pair[0], pair[1].number),
        )

    def _named(self, item: Found, message: Message) -> str | None:
        to = item.group("to")
        if to:
            return person(to, message.date)
        if item.form.kind == "sent-to":  # "my reply to his message": the last person named
            before = message.text[: item.match.start()]
            last = max(((before.rfind(s), s) for s in _SURNAMES if s in before), default=None)
            return None if last is None else last[1]
        return None

    def resolve(self, message: Message) -> tuple[Reference, ...]:
        """Return the references of *message*, resolved where the rules allow."""
        out: list[Reference] = []
        for item in find(message.text):
            author = self._author(item, message)
            if author != AUTHOR:
                continue
            out.extend(
                Reference(item.phrase, target) for target in self._targets(item, message, author)
            )
        return tuple(out)

    def _targets(  # noqa: C901, PLR0911, PLR0912 - one branch per kind of form
        self, item: Found, message: Message, author: str, *, one_to_one: bool = True
    ) -> list[str | None]:
        """One entry per message referred to: its id, or None if not found."""
        kind, on = item.form.kind, message.date
        days = ["day", "day2"] if item.group("day2") else ["day"]
        count = 2 if kind == "two-sent-to" else len(days)
        if kind == "vague" or on is None:
            return [None] * count
        mine = self._by(author, message)
        here = set(message.recipients)
        earlier = [m for d, m in mine if (d, m.number) < (on, message.number)]
        if kind in {"dated", "theirs"}:
            named = self._named(item, message)
            found: list[str | None] = []
            for day in days:
                when = mentioned_date(item, on, day)
                pool = [m for d, m in mine if d == when]
                if kind == "theirs":
                    pool = [m for m in pool if senders(message) & set(m.recipients)]
                elif named is not None:
                    pool = [m for m in pool if named in m.recipients]
                else:
                    pool = [m for m in pool if here & set(m.recipients)] or pool
                found.append(self._closest(message, pool))
            return found
        if kind == "previous":
            since = on - datetime.timedelta(days=PREVIOUS_DAYS)
            pool = [m for m in earlier if here & set(m.recipients) and m.date and m.date >= since]
            return [self._closest(words(paragraph(message.text, item.match.start())), pool)]
        if kind == "about":
            topic = words(item.group("topic") or "")
            about = [
                m
                for m in earlier
                if here & set(m.recipients) and len(topic & self._words[m.id]) * 2 >= len(topic)
            ]
            return [about[-1].id if about else None]
        if kind == "reply-to-theirs":
            whose = person(item.group("who") or "", on)
            when = mentioned_date(item, on)
            replies = [
                m
                for _, m in mine
                if whose in m.recipients and (whose, when) in self.answers.get(m.id, set())
            ]
            return [self._closest(message, replies)]
        named = self._named(item, message)
        if named is None:
            return [None] * count
        to_named = [
            (d, m) for d, m in mine if named in m.recipients and not here & set(m.recipients)
        ]
        if kind == "counterpart":
            # "Earlier I wrote the same": what was written is in the paragraph.
            earlier_too = bool(item.group("earlier"))
            lowest, highest = (
                (-PREVIOUS_DAYS, 0) if earlier_too else (-COUNTERPART_DAYS, COUNTERPART_DAYS)
            )
            near = [
                m
                for d, m in to_named
                if lowest <= (d - on).days <= highest
                and not (one_to_one and self._taken(m, message))
            ]
            query = words(paragraph(message.text, item.match.start())) if earlier_too else message
            return [self._closest(query, near)]
        if item.group("today"):
            sent = [(d, m) for d, m in to_named if d == on]
        elif item.group("month"):
            sent = [(d, m) for d, m in to_named if d == mentioned_date(item, on)]
        else:
            sent = [(d, m) for d, m in to_named if d <= on]
        picked: list[str | None] = []
        while len(picked) < count:
            latest = max((d for d, _ in sent), default=None)
            best = self._closest(message, [m for d, m in sent if d == latest])
            picked.append(best)
            sent = [(d, m) for d, m in sent if m.id != best]
        return picked

    def _taken(self, candidate: Message, message: Message) -> bool:
        """Whether *candidate* names as counterpart another message to the same addressee."""
        return any(
            other != message.id and set(self._by_id[other].recipients) & set(message.recipients)
            for other in self.counterparts.get(candidate.id, ())
        )


def link(messages: Sequence[Message]) -> tuple[Message, ...]:
    """Return the messages with their :attr:`Message.references` filled in."""
    resolver = Resolver(messages)
    return tuple(attrs.evolve(m, references=resolver.resolve(m)) for m in messages)
