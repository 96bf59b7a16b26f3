"""References: phrases by which a message names another message, resolved to ids.

The phrases are found by the forms of :mod:`._refs_find`; this module gives
each its fields (:class:`~stalin_telegrams.Reference`) and its targets. The
rules, in full:

**Whose message.** "my", "mine", "I sent" name a message by the writer of the
message that mentions it (both writers of a joint message); "your", "yours",
"you wrote" one by its addressee(s); "Mr Churchill's message" one by
Churchill; "a message from General Marshall" one by Marshall; "the message
delivered by M. M. Litvinov", "the message of November 13" one by the
addressee. "the President" is Roosevelt before April 12, 1945, Truman from
then on; "the Prime Minister" is Churchill before July 26, 1945, Attlee from
then on. A message by another leader or government is addressed to the
writer unless the phrase names someone else ("your letter to Marshal Tito");
a message by anyone else (Molotov, Hull, Kerr, Harriman) is addressed to
whom the phrase says, else to no one known. The *kind* follows: ``own`` where
an author is a writer of the message the phrase stands in, else ``incoming``
where an addressee is, else ``other``.

**Dates.** "of", "dated", "despatched on", "I wrote on" give the date of the
message named. A date without a year is the latest such date on or before the
date of the message that mentions it (so "your message of December 31" in a
message of January 1, 1945 is of December 31, 1944). A date of receipt or
delivery ("reached me on November 7", "transmitted in Kuibyshev on March 12",
"On February 12 I received your message") is *not* a date of the message: it
is left out of :attr:`~stalin_telegrams.Reference.dates` and used only to
tell undated incoming messages apart (below).

**Count.** "two", "both" and two dates give 2; a plural without a number
("your messages of July 28") gives ``None``; a singular gives 1.

**Targets of the writer's own messages** (printed, or not in the volume):

* **Closest in words** (the tie-break below): the highest cosine between the
  two texts' sets of words of four letters or more, each word weighted by
  its rarity in the corpus (inverse document frequency); then the first in
  the volume.
* ``dated`` ("my message of February 16", "mine of February 16", "I wrote on
  August 22 and 24", "my message of April 7 to the President"): of the
  writer's messages of that date (to the person named, if any, else to the
  present addressee if there is one), the closest in words. In "Mr
  Churchill's reply to my message of February 16" the person named is the
  one who replied.
* ``previous`` ("my previous message", "my last message", "which I
  communicated to you last time", "I have already written to you"): of the
  writer's earlier messages to the present addressee, dated within
  :data:`PREVIOUS_DAYS` days, the closest in words to the paragraph. Not
  simply the latest: "my previous message concerning the second front"
  passes over a birthday greeting sent in between.
* ``counterpart`` ("a similar message to the President", "send this reply to
  Mr Roosevelt as well", "I have notified Mr Churchill"): of the writer's
  messages to the person named, dated within :data:`COUNTERPART_DAYS` days
  either side and not addressed to the present addressee too, the closest in
  words. Counterparts are one to one: a message that is itself the
  counterpart of another message to the present addressee is passed over.
  Where the text says the other message came first ("Earlier I wrote the
  same to Mr Churchill", "I have already approached Prime Minister
  Churchill", "I have already advised the President"), the window is the
  :data:`PREVIOUS_DAYS` days up to the present date, and the words are those
  of the paragraph.
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
  the writer's messages to that person that name "your message of April 28",
  the closest in words.
* ``vague`` ("my previous messages", "in previous messages"): no single
  message; no target.

**Targets of everyone else's messages.** A dated phrase names, for each date,
the printed message of those authors to those addressees of that date if the
volume has one (the closest in words if several: "your message of April 24th"
in Churchill's letter is Stalin's printed message of that day), else the
reconstructed incoming message of that date
(:class:`~stalin_telegrams.IncomingMessage`), one per message the count
gives ("your two messages of April 6": two). An undated phrase:

* reads back (anaphora) to the last message of the same writer named earlier
  in the same text ("Thank you for your message. ... the desire, expressed in
  your message, ..."; "the message"; "your second message" to the second of
  "your two messages") unless it is a fresh acknowledgement with a subject of
  its own ("2. I have received your message concerning the German T5
  torpedo"), or is "previous", "next", "other" or "February";
* else names a new incoming message, known by the day it arrived where the
  sentence gives one (two phrases with the same writer and day of arrival in
  different printed messages are one message), else only by the printed
  message that names it.

Messages between others are resolved only to printed messages ("a letter sent
by Army General Antonov ... to Major-General Deane"). Cases these rules
cannot settle are rulings of the reviewed table ``references.csv``
(:class:`~._tables.ReferenceRuling`): phrases the forms miss, phrases that are
not references, and fields the rules get wrong, each with its reason.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Iterable, Iterator, Sequence

import attrs

from .._dates import MONTHS
from .._model import Message, Reference, ReferenceKind
from ._refs_find import (
    LEADERS,
    Found,
    find,
    mentioned_date,
    person,
    resolve_date,
)

#: The writer whose messages the corpus collects.
AUTHOR = "Stalin"
#: How many days apart a "similar message" to another leader may be dated.
COUNTERPART_DAYS = 1
#: How many days back "my previous message" may reach.
PREVIOUS_DAYS = 60
#: Normalised names that write as leaders: their undated messages are to the writer.
HEADS = frozenset({*LEADERS, "British Government"})

_WORD = re.compile(r"[A-Za-z][\w'-]{3,}")
_REPLY_BEFORE = re.compile(r"((?:Mr |the )?[A-Z][a-z]+)'s reply to $")


def words(text: str) -> frozenset[str]:
    """Return the distinct words of four letters or more, case-folded."""
    return frozenset(w.casefold() for w in _WORD.findall(text))


def paragraph(text: str, offset: int) -> str:
    """Return the paragraph of *text* that holds the character at *offset*."""
    start = text.rfind("\n\n", 0, offset)
    end = text.find("\n\n", offset)
    return text[start + 2 if start >= 0 else 0 : end if end >= 0 else len(text)]


def senders(message: Message) -> tuple[str, ...]:
    """Return the names of a (possibly joint) sender, in order."""
    return message.senders


@attrs.frozen
class _Scope:
    """What every rule for the writer's own messages reads: the phrase and its message."""

    item: Found
    message: Message
    on: datetime.date
    mine: list[tuple[datetime.date, Message]]

    @property
    def here(self) -> set[str]:
        """The present addressees."""
        return set(self.message.recipients)

    @property
    def earlier(self) -> list[Message]:
        """The writer's messages before this one."""
        return [m for d, m in self.mine if (d, m.number) < (self.on, self.message.number)]


class Resolver:
    """Resolves the writer's own references against the whole corpus."""

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
                if item.form.kind == "your" and len(message.recipients) == 1:
                    when = mentioned_date(item, message.date)
                    if when is not None:
                        self.answers.setdefault(message.id, set()).add(
                            (message.recipients[0], when)
                        )
                if item.form.kind == "counterpart":
                    for target in self.targets(item, message, one_to_one=False):
                        if target is not None:
                            self.counterparts.setdefault(message.id, set()).add(target)

    def message(self, message_id: str) -> Message:
        """Return the printed message with *message_id*."""
        return self._by_id[message_id]

    def has(self, message_id: str) -> bool:
        """Whether *message_id* is a printed message."""
        return message_id in self._by_id

    def closeness(self, query: frozenset[str], message: Message) -> float:
        """Return the idf-weighted cosine of a set of words and a message's words."""
        shared = query & self._words[message.id]
        norm = math.sqrt(sum(self._weight.get(w, 0.0) ** 2 for w in query))
        norm *= self._norm[message.id]
        return sum(self._weight[w] ** 2 for w in shared) / norm if norm else 0.0

    def closest(self, query: Message | frozenset[str], pool: Iterable[Message]) -> str | None:
        """Return the id of the message of *pool* closest in words to *query*."""
        wanted = self._words[query.id] if isinstance(query, Message) else query
        ranked = sorted(pool, key=lambda m: (-self.closeness(wanted, m), m.number))
        return ranked[0].id if ranked else None

    def printed(
        self,
        authors: Sequence[str],
        addressees: Sequence[str],
        on: datetime.date,
        message: Message,
    ) -> str | None:
        """Return the printed message of *authors* to *addressees* of date *on*, if any."""
        pool = [
            m
            for m in self.messages
            if m.date == on
            and m.id != message.id
            and m.copy_of is None
            and set(senders(m)) == set(authors)
            and set(addressees) <= set(m.recipients)
        ]
        return self.closest(message, pool)

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

    def named(self, item: Found, message: Message) -> str | None:
        """Return the person a form names ("to the President"), or the last one named before."""
        to = item.group("to")
        if to:
            return person(to, message.date)
        if item.form.kind == "sent-to":  # "my reply to his message": the last person named
            return last_named(message.text[: item.start])
        replying = _REPLY_BEFORE.search(message.text, 0, item.start)
        if item.form.kind == "dated" and replying is not None:
            # "Mr Churchill's reply to my message of February 16": the one sent to him
            return person(replying.group(1), message.date)
        return None

    def targets(
        self, item: Found, message: Message, *, one_to_one: bool = True
    ) -> list[str | None]:
        """One entry per message an own form refers to: its id, or None if not found."""
        kind, on = item.form.kind, message.date
        days = ["day", "day2"] if item.group("day2") else ["day"]
        count = 2 if kind == "two-sent-to" else len(days)
        if kind == "vague" or on is None:
            return [None] * count
        scope = _Scope(item, message, on, self._by(senders(message)[0], message))
        if kind == "dated":
            return [self._dated(scope, day) for day in days]
        if kind in {"previous", "proposal", "about", "reply-to-theirs"}:
            rule = {
                "previous": self._previous,
                "proposal": self._previous,
                "about": self._about,
                "reply-to-theirs": self._reply_to_theirs,
            }[kind]
            return [rule(scope)]
        named = self.named(item, message)
        if named is None:
            return [None] * count
        to_named = [
            (d, m)
            for d, m in scope.mine
            if named in m.recipients and not scope.here & set(m.recipients)
        ]
        if kind == "counterpart":
            return [self._counterpart(scope, to_named, one_to_one=one_to_one)]
        return self._sent_to(scope, to_named, count)

    def _dated(self, scope: _Scope, day: str) -> str | None:
        """``dated``: of the writer's messages of that date, the closest in words."""
        named = self.named(scope.item, scope.message)
        when = mentioned_date(scope.item, scope.on, day)
        pool = [m for d, m in scope.mine if d == when]
        if named is not None:
            pool = [m for m in pool if named in m.recipients]
        else:
            pool = [m for m in pool if scope.here & set(m.recipients)] or pool
        return self.closest(scope.message, pool)

    def _previous(self, scope: _Scope) -> str | None:
        """``previous``: of the earlier messages to the addressee, the closest to the paragraph."""
        since = scope.on - datetime.timedelta(days=PREVIOUS_DAYS)
        pool = [
            m
            for m in scope.earlier
            if scope.here & set(m.recipients) and m.date and m.date >= since
        ]
        return self.closest(words(paragraph(scope.message.text, scope.item.start)), pool)

    def _about(self, scope: _Scope) -> str | None:
        """``about``: the latest earlier message to the addressee holding the topic's words."""
        topic = words(scope.item.group("topic") or "")
        about = [
            m
            for m in scope.earlier
            if scope.here & set(m.recipients) and len(topic & self._words[m.id]) * 2 >= len(topic)
        ]
        return about[-1].id if about else None

    def _reply_to_theirs(self, scope: _Scope) -> str | None:
        """``reply-to-theirs``: the writer's message that names theirs of that date."""
        whose = person(scope.item.group("who") or "", scope.on)
        when = mentioned_date(scope.item, scope.on)
        replies = [
            m
            for _, m in scope.mine
            if whose in m.recipients and (whose, when) in self.answers.get(m.id, set())
        ]
        return self.closest(scope.message, replies)

    def _counterpart(
        self,
        scope: _Scope,
        to_named: list[tuple[datetime.date, Message]],
        *,
        one_to_one: bool,
    ) -> str | None:
        """``counterpart``: the message to the person named within the window, one to one."""
        earlier_too = bool(scope.item.group("earlier"))
        lowest, highest = (
            (-PREVIOUS_DAYS, 0) if earlier_too else (-COUNTERPART_DAYS, COUNTERPART_DAYS)
        )
        near = [
            m
            for d, m in to_named
            if lowest <= (d - scope.on).days <= highest
            and not (one_to_one and self._taken(m, scope.message))
        ]
        paragraph_words = words(paragraph(scope.message.text, scope.item.start))
        return self.closest(paragraph_words if earlier_too else scope.message, near)

    def _sent_to(
        self, scope: _Scope, to_named: list[tuple[datetime.date, Message]], count: int
    ) -> list[str | None]:
        """``sent-to`` and ``two-sent-to``: the latest messages to the person named."""
        item, on = scope.item, scope.on
        if item.group("today"):
            sent = [(d, m) for d, m in to_named if d == on]
        elif item.group("month"):
            sent = [(d, m) for d, m in to_named if d == mentioned_date(item, on)]
        else:
            sent = [(d, m) for d, m in to_named if d <= on]
        picked: list[str | None] = []
        while len(picked) < count:
            latest = max((d for d, _ in sent), default=None)
            best = self.closest(scope.message, [m for d, m in sent if d == latest])
            picked.append(best)
            sent = [(d, m) for d, m in sent if m.id != best]
        return picked

    def _taken(self, candidate: Message, message: Message) -> bool:
        """Whether *candidate* names as counterpart another message to the same addressee."""
        return any(
            other != message.id and set(self._by_id[other].recipients) & set(message.recipients)
            for other in self.counterparts.get(candidate.id, ())
        )


def last_named(text: str) -> str | None:
    """Return the leader whose surname stands last in *text*, if any."""
    last = max(((text.rfind(s), s) for s in LEADERS if s in text), default=None)
    return None if last is None else last[1]


# --- Sentences, acknowledgements, days of receipt ---------------------------

#: A sentence ends at . ! ? (and a closing quote) before a capital; not after
#: an initial or an abbreviation such as "U.S.S.R." (a capital before the stop).
_SENTENCE_END = re.compile(
    r"(?<![A-Z])(?<!\bGen)(?<!\bDr)(?<!\bNo)(?<!\bMrs)[.!?][\"”]?\s+(?=[\"“]?[A-Z0-9])|\n\n"
)
#: Words that make a sentence an acknowledgement or an answer.
_ACK = re.compile(
    r"\b(?:[Rr]eceived?|[Rr]eached me|has reached|have reached|reach me|to hand|in receipt of"
    r"|acknowledge receipt|[Tt]hanks?|[Gg]rateful|[Gg]ratitude|obliged to you|[Ii]n reply to"
    r"|in answer to"
    r"|answer (?:yours|your)|[Ww]ith reference to|have read|I read|I accept the proposal"
    r"|as suggested in|arrived on|delivered (?:your|the)|handed me|[Ii]n connection with your"
    r"|comply with your|greatly appreciate)\b"
)
#: Words before a reply still awaited ("I await your reply").
_AWAITED = re.compile(r"\b(?:await|look forward to|obliged for)\b[^.]*$")
#: How many days old a message may be for an acknowledgement to count as its answer.
REPLY_DAYS = 45
_NOT_RECEIVED = re.compile(r"\bnot (?:yet )?(?:received|had)\b|[Aa]fter receiving")
_RECEIPT_VERB = re.compile(
    r"\b(?:received|reached|reach me|arrived|handed|delivered|transmitted|to hand)\b"
)
_RECEIPT_DATE = re.compile(
    r"\b(?:[Oo]n|until|evening of) (?P<month>"
    + "|".join(MONTHS)
    + r") (?P<day>\d{1,2})(?: and (?P<day2>\d{1,2}))?"
)
#: A day of receipt that follows the phrase at once: "your message on September 7",
#: "your latest message to me on October 25".
_RIGHT_AFTER = re.compile(r" (?:to me )?on (?:" + "|".join(MONTHS) + r") \d{1,2}\b")
#: Describes the message it follows: "your message concerning ...".
SUBJECT = re.compile(
    r"\s*,?\s*(?:on|about|concerning|regarding|informing|advising|asking|warning|setting"
    r"|enclosing|in which|dealing)\b"
)
#: Adjectives that name a message other than any named before.
FRESH_WORDS = frozenset({"previous", "next", "other", "February", "Cairo"})


def sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the bounds of the sentence holding ``text[start:end]``."""
    left = 0
    for hit in _SENTENCE_END.finditer(text, 0, start):
        left = hit.end()
    right = _SENTENCE_END.search(text, end)
    return left, right.start() + 1 if right else len(text)


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Yield the bounds of every sentence of *text*, in order, as :func:`sentence` gives them."""
    left = 0
    for hit in _SENTENCE_END.finditer(text):
        yield left, hit.start() + 1
        left = hit.end()
    if left < len(text):
        yield left, len(text)


def inside_quotation(text: str, offset: int) -> bool:
    """Whether *offset* stands inside double quotation marks.

    The marks are counted within the paragraph: a quotation of several
    paragraphs opens each of them with a mark and closes only the last.
    """
    start = text.rfind("\n\n", 0, offset) + 1
    return text.count('"', start, offset) % 2 == 1


def receipt_dates(
    text: str, start: int, end: int, on: datetime.date | None, stop: int | None = None
) -> tuple[datetime.date, ...]:
    """Return the day (or days) of receipt a sentence gives for the phrase at ``start:end``.

    The day is looked for after the phrase, up to the next reference (*stop*)
    or the end of the sentence ("Your message reached me on November 7"),
    else before it ("On February 12 I received your message"); "today" is
    the date of the message. "on February 2 and 3" gives two days.
    """
    left, right = sentence(text, start, end)
    after = text[end : min(right, stop) if stop is not None else right]
    # "I received your message on September 7": the verb before, the day right after.
    verbs_after = text[left:end] + after if _RIGHT_AFTER.match(after) else text[start:end] + after
    for said, verbs in ((after, verbs_after), (text[left:start], text[left:start])):
        if not _RECEIPT_VERB.search(verbs):
            continue
        hit = _RECEIPT_DATE.search(said)
        if hit is not None:
            days = [hit.group("day")] + ([hit.group("day2")] if hit.group("day2") else [])
            found = [resolve_date(hit.group("month"), int(day), None, on) for day in days]
            return tuple(d for d in found if d is not None)
        if on is not None and re.search(r"\b[Tt]oday\b", said):
            return (on,)
    return ()


def awaited(text: str, start: int) -> bool:
    """Whether the phrase at *start* names a reply still awaited ("I await your reply")."""
    left, _ = sentence(text, start, start)
    return bool(_AWAITED.search(text[left:start]))


def acknowledges(text: str, start: int, end: int) -> bool:
    """Whether the phrase at ``start:end`` stands in an acknowledgement or answer."""
    left, right = sentence(text, start, end)
    said = text[left:right]
    return bool(_ACK.search(said)) and not _NOT_RECEIVED.search(said)


# --- Drafts: references before their ids are final ---------------------------


@attrs.frozen
class Key:
    """A message not printed in the volume, as the text names it."""

    authors: tuple[str, ...]
    addressees: tuple[str, ...]
    date: datetime.date | None
    received: datetime.date | None
    anchor: str
    ordinal: int

    @property
    def id(self) -> str:
        """The stable id of the message."""
        parties = f"{slug(self.authors)}-to-{slug(self.addressees)}"
        suffix = "" if self.ordinal == 1 else f"-{self.ordinal}"
        if self.date is not None:
            return f"{self.date.isoformat()}-{parties}{suffix}"
        if self.received is not None:
            return f"received-{self.received.isoformat()}-{parties}{suffix}"
        return f"undated-{parties}-in-{self.anchor}{suffix}"


def slug(names: Iterable[str]) -> str:
    """Return names as an id part: lower case, hyphenated, in alphabetical order."""
    return "-".join(sorted(re.sub(r"[^a-z]+", "-", n.casefold()).strip("-") for n in names))


@attrs.frozen
class Draft:
    """A reference of one message, with its targets still open."""

    phrase: str
    start: int
    end: int
    kind: ReferenceKind
    authors: tuple[str, ...]
    addressees: tuple[str, ...]
    dates: tuple[datetime.date, ...]
    count: int | None
    slots: tuple[str | Key, ...]
    reply: bool
    bare: bool = False
    form: str = ""

    def reference(self) -> Reference:
        """Return the finished :class:`Reference`."""
        return Reference(
            phrase=self.phrase,
            start=self.start,
            end=self.end,
            kind=self.kind,
            authors=self.authors,
            addressees=self.addressees,
            dates=self.dates,
            count=self.count,
            targets=target_ids(self.slots),
        )


def target_ids(slots: Iterable[str | Key]) -> tuple[str, ...]:
    """Return the ids of the slots, each once, in order."""
    out: list[str] = []
    for slot in slots:
        key = slot if isinstance(slot, str) else slot.id
        if key not in out:
            out.append(key)
    return tuple(out)


def kind_of(
    authors: Sequence[str], addressees: Sequence[str], writers: Sequence[str]
) -> ReferenceKind:
    """Return the kind of a reference from its parties and the writers of its message."""
    if set(authors) & set(writers):
        return "own"
    if set(addressees) & set(writers):
        return "incoming"
    return "other"


def count_of(item: Found, dates: Sequence[datetime.date]) -> int | None:
    """Return how many messages a match names."""
    if item.form.kind == "two-sent-to" or item.group("both") or item.group("pair"):
        return 2
    number = item.group("num")
    if number:
        return 2 if number == "two" else 3
    if len(dates) > 1:
        return len(dates)
    noun = item.group("noun") or ""
    plural = noun.endswith(("s", "ies"))
    if item.form.kind == "vague" or item.group("vague") or plural:
        return None
    return 1
