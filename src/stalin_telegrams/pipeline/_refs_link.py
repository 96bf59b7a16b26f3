"""Give every message its references and replies, applying the reviewed rulings.

The messages are read in volume order and each text from start to end, so
that a phrase such as "the message" can be read back to the message named
before it (see :mod:`._references` for the rules).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence

import attrs

from .._model import Message, ReferenceKind, ReplyLink
from . import _replies
from ._references import (
    AUTHOR,
    FRESH_WORDS,
    HEADS,
    PREVIOUS_DAYS,
    REPLY_DAYS,
    SUBJECT,
    Draft,
    Key,
    Resolver,
    acknowledges,
    awaited,
    count_of,
    inside_quotation,
    kind_of,
    last_named,
    paragraph,
    receipt_dates,
    senders,
    sentence,
    words,
)
from ._refs_find import Found, dates_of, find, person
from ._tables import ReferenceRuling

_PLURAL = re.compile(r"(?:messages|letters|telegrams|communications|replies|cables|Notes)\b")
_ACTIONS = frozenset({"add", "drop", "set"})
_JOINT_PARTNER = re.compile(r"\byou and ((?:Prime Minister|President|Mr) (?:[A-Z]\. )*[A-Z][a-z]+)")
#: Words that tie a proposal of the writer's to the other side's answer to it.
_TIED = re.compile(r"\byour (?:message|reply|answer|communication)\b")
#: Nouns that can name a reply still awaited.
_AWAITABLE = frozenset({"reply", "communication", "answer"})


@attrs.frozen
class Linked:
    """The messages with their references and replies, and what went wrong."""

    messages: tuple[Message, ...]
    drafts: dict[str, tuple[Draft, ...]]
    problems: tuple[str, ...]
    #: What each incoming message answers, as the printed messages tell.
    incoming_replies: dict[str, tuple[ReplyLink, ...]] = attrs.field(factory=dict)


class _Reader:
    """Reads one message's references in text order."""

    def __init__(
        self,
        message: Message,
        resolver: Resolver,
        answered: dict[str, tuple[str, ...]] | None = None,
        authors_of: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.message = message
        self.resolver = resolver
        #: What each message read before answers, and who wrote each message named.
        self.answered = answered if answered is not None else {}
        self.authors_of = authors_of if authors_of is not None else {}
        self.text = message.text
        self.on = message.date
        self.writers = senders(message)
        self.drafts: list[Draft] = []

    # -- own side ---------------------------------------------------------

    def own(self, item: Found) -> Draft | None:
        if item.form.kind == "proposal":
            left, right = sentence(self.text, item.start, item.end)
            if not _TIED.search(self.text, left, right):
                return None  # a proposal named only where the other side's answer is named
        targets = self.resolver.targets(item, self.message)
        printed = [t for t in targets if t is not None]
        if printed:
            addressees = _ordered(
                name for t in printed for name in self.resolver.message(t).recipients
            )
        else:
            named = self.resolver.named(item, self.message)
            addressees = (named,) if named else self.message.recipients
        mentions_theirs = item.form.kind == "reply-to-theirs"
        dates = () if mentions_theirs or item.group("month") is None else dates_of(item, self.on)
        slots: list[str | Key] = []
        for index, target in enumerate(targets):
            if target is not None:
                slots.append(target)
            elif self.writers[0] != AUTHOR and index < len(dates):
                slots.append(self._key(self.writers, addressees, dates[index], None, 1))
        return Draft(
            phrase=item.phrase,
            start=item.start,
            end=item.end,
            kind="own",
            authors=self.writers,
            addressees=addressees,
            dates=dates,
            count=count_of(item, dates),
            slots=tuple(slots),
            reply=False,
            form=item.form.kind,
        )

    # -- other side -------------------------------------------------------

    def parties(self, item: Found) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Return the authors and addressees a form on the other side names."""
        kind, on = item.form.kind, self.on
        to = item.group("to")
        if kind in {"named", "his"}:
            who = (
                person(item.group("who") or "", on)
                if kind == "named"
                else last_named(self.text[: item.start])
            )
            authors: tuple[str, ...] = (who,) if who else ()
            if to:
                return authors, _names(to, on)
            if who in HEADS or item.phrase.endswith(" to me"):
                return authors, self.writers
            return authors, ()
        if kind == "from":
            source = item.group("from") or ""
            if source.startswith("you"):
                also = item.group("also")
                joint = self.message.recipients + (_names(also, on) if also else ())
                return _ordered(joint), self.writers
            return _names(source, on), self.writers
        authors = self.message.recipients
        if "joint" in item.phrase and len(authors) == 1:
            # "the joint message of April 18" from "you and Prime Minister Churchill"
            left, right = sentence(self.text, item.start, item.end)
            partner = _JOINT_PARTNER.search(self.text, left, right)
            if partner is not None:
                authors = _ordered(authors + _names(partner.group(1), on))
        return authors, (_names(to, on) if to else self.writers)

    def theirs(self, item: Found, stop: int | None) -> Draft | None:
        if item.group("noun") in _AWAITABLE and awaited(self.text, item.start):
            return None
        if item.form.kind in {"bare", "wrote", "aide"}:
            return self.anaphora(item, stop)
        authors, addressees = self.parties(item)
        kind = kind_of(authors, addressees, self.writers)
        dates = dates_of(item, self.on) if item.group("month") else ()
        draft = Draft(
            phrase=item.phrase,
            start=item.start,
            end=item.end,
            kind=kind,
            authors=authors,
            addressees=addressees,
            dates=dates,
            count=count_of(item, dates),
            slots=(),
            reply=False,
            form=item.form.kind,
        )
        slots, before = self.slots(item, draft, stop)
        if before is not None:
            draft = attrs.evolve(
                draft, authors=before.authors, addressees=before.addressees, kind=before.kind
            )
        draft = attrs.evolve(draft, slots=slots)
        return attrs.evolve(draft, reply=self.replies(draft))

    def slots(
        self, item: Found, draft: Draft, stop: int | None
    ) -> tuple[tuple[str | Key, ...], Draft | None]:
        """Return what a phrase on the other side names, and the phrase it reads back to."""
        rebuild = AUTHOR in draft.addressees or draft.kind == "incoming"
        if draft.dates:
            return self._dated(item, draft, rebuild=rebuild), None
        if not rebuild:
            return (), None
        before = self._before(draft.authors)
        known = self._named_before(item, draft, before)
        if known is not None:
            return known
        received = receipt_dates(self.text, item.start, item.end, self.on, stop)
        if before is not None and not self._fresh(item, draft, before, received):
            return _read_back(before, 1), before
        answered = self._answered_elsewhere(item, draft, received)
        return answered or self._new_keys(item, draft, received), None

    def _new_keys(
        self, item: Found, draft: Draft, received: Sequence[datetime.date]
    ) -> tuple[Key, ...]:
        """The messages an undated phrase names that no phrase named before."""
        if len(received) > 1:
            return tuple(
                self._key(draft.authors, draft.addressees, None, day, 1) for day in received
            )
        plural = _PLURAL.search(item.phrase) is not None
        many = draft.count or (2 if plural else 1)
        day = received[0] if received else None
        return tuple(
            self._key(draft.authors, draft.addressees, None, day, ordinal)
            for ordinal in range(1, many + 1)
        )

    def _dated(self, item: Found, draft: Draft, *, rebuild: bool) -> tuple[str | Key, ...]:
        """The messages of a dated phrase: printed where the volume has them."""
        plural = _PLURAL.search(item.phrase) is not None
        many = draft.count or (2 if plural else 1)
        out: list[str | Key] = []
        ordinals = range(1, many + 1) if len(draft.dates) == 1 else [1]
        for when in draft.dates:
            for ordinal in ordinals:
                found = (
                    self.resolver.printed(draft.authors, draft.addressees, when, self.message)
                    if ordinal == 1
                    else None
                )
                if found is not None:
                    out.append(found)
                elif rebuild:
                    out.append(self._key(draft.authors, draft.addressees, when, None, ordinal))
        return tuple(out)

    def _named_before(
        self, item: Found, draft: Draft, before: Draft | None
    ) -> tuple[tuple[str | Key, ...], Draft | None] | None:
        """What an undated phrase names among the messages named before, if it says.

        "your second message" is the second of the two named before; "both
        your messages" the two named before; a plural without a number all
        those named before if several, else none in particular ("your
        previous messages", "your communications").
        """
        named_words = set(re.findall(r"[\w-]+", item.phrase))
        if "second" in named_words and before is not None and len(before.slots) > 1:
            return (before.slots[1],), before
        if draft.count is not None and draft.count > 1:
            same = before is not None and len(before.slots) == draft.count
            return (before.slots, before) if same and before is not None else None
        if _PLURAL.search(item.phrase) is None:
            return None
        gathered = self._gathered()
        if len(gathered) > 1 and not named_words & FRESH_WORDS:
            return gathered, None
        vague = named_words & FRESH_WORDS or not acknowledges(self.text, item.start, item.end)
        return ((), None) if vague else None

    def _fresh(
        self, item: Found, draft: Draft, before: Draft, received: Sequence[datetime.date]
    ) -> bool:
        """Whether an undated phrase names a message other than the one named before."""
        named_words = set(re.findall(r"[\w-]+", item.phrase))
        subject = SUBJECT.match(self.text, item.end) and acknowledges(
            self.text, item.start, item.end
        )
        if item.form.kind == "courtesy":  # "Thank you for your congratulations": read back
            return bool(received and not _received_in(before, received))
        return bool(
            named_words & FRESH_WORDS
            or item.form.kind in {"the", "from", "forwarded"}
            or (draft.count or 1) > 1
            or _PLURAL.search(item.phrase)
            or subject
            or (received and not _received_in(before, received))
        )

    def anaphora(self, item: Found, stop: int | None) -> Draft | None:
        """Read a bare phrase ("the message", "you wrote") back to a message named before."""
        wrote = item.form.kind == "wrote"
        before = self._before(self.message.recipients if wrote else None)
        plural = _PLURAL.search(item.phrase) is not None
        if wrote and before is not None:
            left, _ = sentence(self.text, item.start, item.end)
            if before.start >= left:  # "In your message of January 26 you wrote"
                return None
        fresh = set(re.findall(r"[\w-]+", item.phrase)) & FRESH_WORDS
        slots: tuple[str | Key, ...]
        if before is None or fresh:
            if (
                not fresh
                and item.form.kind == "bare"
                and not acknowledges(self.text, item.start, item.end)
            ):
                return None
            authors, addressees = self.message.recipients, self.writers
            kind: ReferenceKind = kind_of(authors, addressees, self.writers)
            if fresh:
                slots = ()  # "the other messages I have had from you"
            else:
                received = receipt_dates(self.text, item.start, item.end, self.on, stop)
                day = received[0] if received else None
                slots = tuple(
                    self._key(authors, addressees, None, day, n)
                    for n in range(1, (2 if plural else 1) + 1)
                )
        else:
            authors, addressees, kind = before.authors, before.addressees, before.kind
            gathered = self._gathered()
            slots = gathered if plural and len(gathered) > 1 else _read_back(before, 1)
            if plural and len(gathered) <= 1:
                slots = ()
        draft = Draft(
            phrase=item.phrase,
            start=item.start,
            end=item.end,
            kind=kind,
            authors=authors,
            addressees=addressees,
            dates=(),
            count=None if plural else 1,
            slots=slots,
            reply=False,
            bare=True,
            form=item.form.kind,
        )
        return attrs.evolve(draft, reply=self.replies(draft))

    def replies(self, draft: Draft) -> bool:
        """Whether the message says it answers what *draft* names.

        An acknowledgement or answer ("Your message of May 11 received",
        "Thank you for your message", "In reply to your message") of a
        message by the addressee(s), outside quotations, not more than
        :data:`REPLY_DAYS` days old by its date or day of receipt.
        """
        if draft.kind != "incoming" or not set(draft.authors) & set(self.message.recipients):
            return False
        if inside_quotation(self.text, draft.start):
            return False
        if not acknowledges(self.text, draft.start, draft.end):
            return False
        if self.on is None:
            return True
        for slot in draft.slots:
            when = _slot_date(slot, self.resolver)
            if when is not None and (self.on - when).days > REPLY_DAYS:
                return False
        return True

    def implicit_key(self, authors: tuple[str, ...]) -> Key:
        """Return the key of an incoming message known only as the one this message answers."""
        return self._key(authors, self.writers, None, None, 0)

    def _answered_elsewhere(
        self, item: Found, draft: Draft, received: Sequence[datetime.date]
    ) -> tuple[str | Key, ...]:
        """What an undated phrase names when it names a third party's message.

        "Mr Churchill's message about the Poles" in a message to Roosevelt,
        with no date and no day of receipt, is the message of Churchill's
        that the writer answered in the message to Churchill closest in words
        to the paragraph, among those of the last :data:`PREVIOUS_DAYS` days:
        a message the volume already knows, not a new one.
        """
        if (
            received
            or draft.kind != "incoming"
            or not draft.authors
            or set(draft.authors) & set(self.message.recipients)
            or not set(draft.authors) <= set(HEADS)
            or self.on is None
            or item.form.kind not in {"named", "from", "his"}
        ):
            return ()
        since = self.on - datetime.timedelta(days=PREVIOUS_DAYS)
        pool = [
            m
            for m in self.resolver.messages
            if m.id in self.answered
            and m.date is not None
            and since <= m.date <= self.on
            and set(draft.authors) <= set(m.recipients)
            and set(senders(m)) == set(self.writers)
            and any(self.authors_of.get(t, ()) == draft.authors for t in self.answered[m.id])
        ]
        best = self.resolver.closest(words(paragraph(self.text, item.start)), pool)
        if best is None:
            return ()
        return tuple(t for t in self.answered[best] if self.authors_of.get(t, ()) == draft.authors)

    def _before(self, authors: tuple[str, ...] | None) -> Draft | None:
        """The last reference on the other side before, by *authors* if given.

        A joint message counts as one by each of its authors ("the message
        from you and Mr Churchill ... Your communication").
        """
        for draft in reversed(self.drafts):
            if draft.kind == "own":
                continue
            if authors is None or (set(authors) and set(authors) <= set(draft.authors)):
                return draft
        return None

    def _gathered(self) -> tuple[str | Key, ...]:
        """Every message on the other side named so far, each once."""
        out: list[str | Key] = []
        for draft in self.drafts:
            if draft.kind == "incoming":
                out.extend(slot for slot in draft.slots if slot not in out)
        return tuple(out)

    def _key(
        self,
        authors: tuple[str, ...],
        addressees: tuple[str, ...],
        date: datetime.date | None,
        received: datetime.date | None,
        ordinal: int,
    ) -> Key:
        """Return the key of a message not in the volume.

        An undated message known by no day of receipt takes the next ordinal
        free in this message (ordinal 0 or 1 asks for it).
        """
        if date is None and received is None and ordinal <= 1:
            taken = {
                slot
                for draft in self.drafts
                for slot in draft.slots
                if isinstance(slot, Key) and slot.date is None and slot.received is None
            }
            ordinal = 1
            while Key(authors, addressees, None, None, self.message.id, ordinal) in taken:
                ordinal += 1
        return Key(authors, addressees, date, received, self.message.id, max(ordinal, 1))


def _received_in(before: Draft, received: Sequence[datetime.date]) -> bool:
    """Whether *before* names a message received on one of the days *received*."""
    return any(isinstance(slot, Key) and slot.received in received for slot in before.slots)


def _slot_date(slot: str | Key, resolver: Resolver) -> datetime.date | None:
    if isinstance(slot, Key):
        return slot.date or slot.received
    return resolver.message(slot).date if resolver.has(slot) else None


def _read_back(before: Draft, many: int) -> tuple[str | Key, ...]:
    """The slots an anaphoric phrase takes from the phrase it reads back to."""
    if many == 1 and len(before.slots) > 1:
        return ()
    return before.slots


def _names(text: str, on: datetime.date | None) -> tuple[str, ...]:
    name = person(text, on)
    return (name,) if name else ()


def _ordered(names: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for name in names:
        if name not in out:
            out.append(name)
    return tuple(out)


# --- The reviewed table -------------------------------------------------------


def _split(cell: str | None) -> tuple[str, ...] | None:
    if cell is None:
        return None
    if cell == "none":
        return ()
    return tuple(part.strip() for part in cell.split(";"))


def _ruled(draft: Draft, ruling: ReferenceRuling) -> Draft:
    """Return *draft* with the fields a ``set`` ruling gives."""
    changes: dict[str, object] = {}
    if ruling.kind:
        changes["kind"] = ruling.kind
    for field in ("authors", "addressees"):
        value = _split(getattr(ruling, field))
        if value is not None:
            changes[field] = value
    dates = _split(ruling.dates)
    if dates is not None:
        changes["dates"] = tuple(datetime.date.fromisoformat(d) for d in dates)
    if ruling.count:
        changes["count"] = None if ruling.count == "none" else int(ruling.count)
    targets = _split(ruling.targets)
    if targets is not None:
        changes["slots"] = targets
    if ruling.reply:
        changes["reply"] = ruling.reply == "yes"
    return attrs.evolve(draft, **changes)  # type: ignore[arg-type]


def _added(ruling: ReferenceRuling, start: int) -> Draft:
    """Return the reference an ``add`` ruling gives."""
    empty = Draft(
        phrase=ruling.phrase,
        start=start,
        end=start + len(ruling.phrase),
        kind="other",
        authors=(),
        addressees=(),
        dates=(),
        count=1,
        slots=(),
        reply=False,
        form="added",
    )
    return _ruled(empty, ruling)


def _occurrence(text: str, phrase: str, start: int) -> int:
    """Return which occurrence of *phrase* in *text* starts at *start* (from 1)."""
    return text.count(phrase, 0, start) + 1


def _offset(text: str, phrase: str, occurrence: int) -> int:
    """Return the offset of the *occurrence*-th *phrase* in *text*, or -1."""
    at = -1
    for _ in range(occurrence):
        at = text.find(phrase, at + 1)
        if at < 0:
            return -1
    return at


def _read(
    reader: _Reader,
    here: dict[tuple[str, int], ReferenceRuling],
    problems: list[str],
) -> tuple[Draft, ...]:
    """Return the references of one message, in text order, the rulings applied."""
    message = reader.message
    used: set[tuple[str, int]] = set()
    steps: list[tuple[int, Found | ReferenceRuling]] = [(f.start, f) for f in find(message.text)]
    for (phrase, occurrence), entry in here.items():
        if entry.action == "add":
            at = _offset(message.text, phrase, occurrence)
            if at < 0:
                problems.append(f"references.csv: {message.id}: no {phrase!r}")
                continue
            steps.append((at, entry))
            used.add((phrase, occurrence))
    steps.sort(key=lambda step: step[0])
    starts = sorted(at for at, _ in steps)
    for at, step in steps:
        if isinstance(step, ReferenceRuling):
            reader.drafts.append(_added(step, at))
            continue
        spot = (step.phrase, _occurrence(message.text, step.phrase, step.start))
        ruling = here.get(spot)
        if ruling is not None:
            used.add(spot)
        if ruling is not None and ruling.action == "drop":
            continue
        stop = next((other for other in starts if other > at), None)
        draft = reader.own(step) if not step.form.theirs else reader.theirs(step, stop)
        if draft is not None and ruling is not None and ruling.action == "set":
            draft = _ruled(draft, ruling)
        if draft is not None:
            reader.drafts.append(draft)
    problems.extend(
        f"references.csv: {message.id}: {phrase!r} ({occurrence}) matches no reference"
        for phrase, occurrence in sorted(set(here) - used)
    )
    return tuple(sorted(reader.drafts, key=lambda d: (d.start, d.end)))


def link(messages: Sequence[Message], rulings: Sequence[ReferenceRuling] = ()) -> Linked:
    """Return the messages with references and replies, and the problems met.

    Args:
        messages: The corpus, in volume order.
        rulings: The reviewed rulings of ``references.csv``.

    Returns:
        The linked messages, each message's drafts (for the incoming records)
        and the problems: rulings that match nothing or are malformed.
    """
    resolver = Resolver(messages)
    problems: list[str] = []
    by_message: dict[str, dict[tuple[str, int], ReferenceRuling]] = {}
    for ruling in rulings:
        if ruling.action not in _ACTIONS:
            problems.append(f"references.csv: unknown action {ruling.action!r}")
        by_message.setdefault(ruling.message_id, {})[(ruling.phrase, ruling.occurrence)] = ruling
    unknown = set(by_message) - {m.id for m in messages}
    problems.extend(f"references.csv: no message {key!r}" for key in sorted(unknown))
    out: list[Message] = []
    drafts: dict[str, tuple[Draft, ...]] = {}
    answered: dict[str, tuple[str, ...]] = {}
    authors_of: dict[str, tuple[str, ...]] = {m.id: m.senders for m in messages}
    for message in messages:
        reader = _Reader(message, resolver, answered, authors_of)
        finished = _read(reader, by_message.get(message.id, {}), problems)
        finished = _replies.implicit(message, finished, reader.implicit_key)
        drafts[message.id] = finished
        for draft in finished:
            for slot in draft.slots:
                if isinstance(slot, Key):
                    authors_of.setdefault(slot.id, draft.authors)
        links = _replies.reply_links(message, finished)
        answered[message.id] = tuple(link.id for link in links)
        out.append(
            attrs.evolve(
                message,
                references=tuple(d.reference() for d in finished),
                reply_links=links,
            )
        )
    return Linked(tuple(out), drafts, tuple(problems), _replies.incoming_replies(out, drafts))
