"""Reply links: what a message answers and how, and what the other side's replies answered.

The rules, in full (the data card states them for readers):

**Kinds.** A printed message answers what its acknowledgements and answers
name (:meth:`._refs_link._Reader.replies`). Each link carries the kinds its
sentence tells: ``acknowledgement`` where it says the message arrived
("received", "reached me", "to hand"), ``thanks`` where it thanks ("Thank
you", "grateful", "gratitude"), ``forwarding`` where the message answered
passed on the text of another ("Thank you for communicating to me the text of
your message to the Prime Minister"), and ``answer`` where the message takes
up what the other said: always, unless the thing answered is a courtesy
(congratulations, greetings, wishes, condolences, praise) or the message says
nothing beyond the sentences that name what it answers. A short rest that
agrees or takes up the addressee's words is an answer ("Agree with
'Terminal.'"), and so is a courtesy the message answers alone when the rest
takes up what the addressee sent ("I fully agree with you about frequent
meetings"). A message that "did not reach me until April 27" arrived. A link
with no other kind is an ``answer``.

**Thanks in a sentence of its own.** A sentence that thanks the addressee but
names no message ("Thank you for the information.", "I am grateful to you for
agreeing to sail the next convoy", "Many thanks.") thanks for a message the
writer answers (:func:`_thanked`): the one named last before it in its
paragraph, else the first named after it there, else the first named in the
message; every message of a phrase naming several
("both your messages"), the text not saying which. A thanks only hoped for
("I shall be grateful for a report"), one to a third party ("Please convey my
thanks to Mrs Churchill"), one taken at the occasion for something outside
the message ("I take the occasion to express ... gratitude for the cordial
welcome given to Molotov"; news and information excepted), one for a present,
and "appreciate" for understand ("I appreciate the importance you attach to
them") thank for no message.

**Replies without a message noun.** A message of the writer's that names no
message sent to the writer still answers one where its text takes up what the
addressee sent: it thanks for something ("Please accept my thanks for the
promise to sell ... 200 fighter aeroplanes", "Thank you for informing me"),
it takes up the addressee's words in its first paragraph ("your original
idea", "your proposal", "the time of meeting suggested by you", "as you do"),
it assents ("I have no objection to forty of the A-20 bombers ... being
transferred", "I agree with the considerations you have stated"), or it opens
on the matter raised ("With regard to sending six British
submarines into the Baltic I must say this"). The message answered is known
only from that message (an ``undated-…-in-<id>`` record), by the addressee and
whoever the thanks names beside them ("Many thanks to you and Mr Eden").

**What the other side's replies answer.** An incoming message answers the
writer's printed message named with it in one sentence as what it replied to
("your reply to my message of February 16", "your message in reply to my
suggestions", "your message to imply refusal to accede to the Soviet Union's
request"); else, when it is called a reply ("Thank you for your reply"), the
writer's latest printed message to its authors dated before it (before the
day it bears, or arrived, or else the day of the message that names it) and,
where the message naming it gives its subject ("Your message about the
International Labour Organisation reached me on April 4. Thank you for your
reply."), the latest of those that names the subject; a reply called common
("a common reply conveying also the President's opinion"), the latest message
to its authors together.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Container, Sequence

import attrs

from .._model import Message, ReplyKind, ReplyLink
from ._references import (
    AUTHOR,
    Draft,
    Key,
    inside_quotation,
    paragraph,
    sentence,
    sentences,
    words,
)
from ._refs_find import person
from ._tables import ReplyRuling

_RECEIVED = re.compile(
    r"\b(?:[Rr]eceived?|[Rr]eached me|has reached|have reached|to hand|in receipt of"
    r"|acknowledge receipt|arrived|handed me|delivered (?:your|the|to me)|have read|I read"
    r"|[Cc]onveyed to me)\b"
)
#: Not received, not even late ("your reply did not reach me until April 27" arrived).
_NOT_RECEIVED = re.compile(r"\bnot (?:yet )?(?:received|had)\b(?! (?:it |them )?until\b)")
#: Arrived late: a receipt all the same.
_RECEIVED_LATE = re.compile(
    r"\b(?:not|n't) (?:reach me|arrive|come|received?)(?: it| them)? until\b"
)
#: A thanks. "Appreciate" thanks only for what the addressee did or said ("I greatly
#: appreciate your praise", "appreciate your help ... for"), not where it means
#: understand ("I appreciate the importance you attach to them").
_THANKS = re.compile(
    r"\b(?:[Tt]hanks?|[Tt]hankful|[Gg]rateful|[Gg]ratitude)\b"
    r"|\b(?:greatly|highly|deeply|much) appreciated? your\b"
    r"|\bappreciated? (?:your|the)\b[^.;]{0,80}?\bfor\b"
)
#: A thanks only hoped or offered for later ("I shall be grateful for a report"),
#: or one addressed to a third party ("Please convey my thanks to Mrs Churchill",
#: "thanks to the Red Army" for owing to): no thanks for a message.
_NOT_THANKS = re.compile(
    r"\b(?:shall|should|would|will)(?: \w+)? be(?: \w+)? (?:grateful|thankful)\b"
    r"|\bthanks(?: and [\w ]+?)? to (?!you\b)"
)
#: A thanks taken at the occasion of a message for something outside it ("I take the
#: occasion to express ... gratitude for the cordial welcome given to Molotov"), unless
#: for news or information, which a message carries.
_ASIDE = re.compile(r"\b(?:avail myself of|take|taking) (?:this|the) (?:opportunity|occasion)\b")
_CARRIED = re.compile(r"\b(?:news|information)\b")
#: A present thanked for: a thing handed over, not a message ("She gave me a present
#: from you. Please accept my heartfelt thanks for it.").
_PRESENT = re.compile(r"\b(?:a present|presents|gifts?)\b")
#: What a courtesy thanks for: no matter taken up.
_COURTESY = re.compile(
    r"\b(?:congratulat(?:ions|ing)|greetings|wishes|condolences|praise|commendation|sentiments"
    r"|portrait)\b"
)
#: A message named by a reviewed ruling as passing on the text of another.
_PASSED_ON = re.compile(
    r"\b(?:communicating|transmitting|forwarding|sending)(?: me)? the text of\b"
)
#: The order of the kinds on a link.
_ORDER: tuple[ReplyKind, ...] = ("answer", "acknowledgement", "thanks", "forwarding")
#: How many words of four letters or more a message must say beyond the
#: sentences naming what it answers, for it to take up the matter.
_MORE = 5
#: A thanks for something the addressee sent or did: the words it thanks for.
_THANKS_FOR = re.compile(
    r"\b(?:[Tt]hanks?|[Tt]hank you|gratitude|grateful)\b[^.;]{0,60}?\bfor "
    r"(?P<what>(?:the|your)(?: (?!(?:on|of|for|to|in|and|which|that|with|at|by)\b)[\w-]+){1,3}"
    r"|informing me|sending me|helping)"
)
#: The addressee's words taken up.
_YOURS = re.compile(
    r"(?<!for )\b[Yy]our (?:[\w-]+ )?(?:opinion|desire|idea|proposal|suggestion|request"
    r"|decision|advice|information|warning|promise|question|view|plan|intention)s?\b"
    r"|\b(?:suggested|proposed) by you\b|\bas you do\b"
)
#: Words that take up what the addressee sent: the addressee's words, an opening on
#: the matter raised, an agreement ("Agree with 'Terminal.'", "I fully agree with you").
_TAKES_UP = re.compile(
    _YOURS.pattern
    + r"|\b[Yy]our offer\b"
    + r"|(?:^|(?<=[.!?] )|(?<=\n))(?:With regard to|As regards|As to|Concerning|Regarding) "
    + r"|(?<!as )\b[Aa]gree[sd]?\b",
    re.MULTILINE,
)
#: A thanks to the addressee and another: "Many thanks to you and Mr Eden".
_THANKS_PARTNER = re.compile(
    r"\b(?:[Tt]hanks?|[Tt]hank|grateful|gratitude)\b[^.;]{0,20}? to you and "
    r"((?:Prime Minister|President|Mr) (?:[A-Z]\. )*[A-Z][a-z]+)"
)
#: An assent to what the addressee proposed or said: "I have no objection to forty of
#: the A-20 bombers ... being transferred", "I agree with the considerations you have
#: stated".
_ASSENT = re.compile(
    r"\bI have no objections? to\b"
    r"|\bI (?:fully )?agree with (?:the )?(?:[\w-]+ ){1,3}you (?:have )?"
    r"(?:stated|expressed|made|set out|suggested|proposed)\b"
)
#: The addressee and another, named together: "to you and Mr Roosevelt".
_YOU_AND = re.compile(r"\bto you and ((?:Prime Minister|President|Mr) (?:[A-Z]\. )*[A-Z][a-z]+)")
#: An opening on the matter raised.
_REGARDING = re.compile(r"(?:With regard to|As regards|As to) [^,.;]*?(?= I\b|,)")
#: The words between an incoming message and the writer's message it answered:
#: "your reply to my message", "your message in reply to my suggestions".
_ANSWERING = re.compile(
    r" (?:(?:[\w-]+ ){0,3}?(?:in reply|in answer|in response|refusal to accede) )?to "
)
#: An incoming message the text calls a reply after naming it: "your message,
#: which you tell me is a common reply conveying also the President's opinion".
_CALLED_REPLY = re.compile(
    r",? (?:which|that) [^.;]{0,30}?\bis (?:a|an|your) (?:[\w-]+ )?(?:reply|answer)\b"
)
#: A reply of its authors and others.
_JOINT = re.compile(r"\b(?:common|joint)\b")
_DAY = re.compile(r"^(?:received-)?(\d{4}-\d{2}-\d{2})-")
_REPLY_NOUN = re.compile(r"\b(?:reply|replies|answer)\b")
#: The subject given right after an incoming message is named: "Your message
#: about the International Labour Organisation", a name in capitals.
_ABOUT = re.compile(
    r" (?:about|concerning|regarding) (?:the )?"
    r"(?P<subject>[A-Z][\w-]*(?: (?:of |and |for )?[A-Z][\w-]*)*)"
)


def kinds_of(message: Message, draft: Draft, drafts: Sequence[Draft]) -> tuple[ReplyKind, ...]:
    """Return the kinds of the reply link *draft* makes, in :data:`_ORDER`."""
    left, right = sentence(message.text, draft.start, draft.end)
    said = message.text[left:right]
    found: set[ReplyKind] = set()
    if _RECEIVED_LATE.search(said) or (_RECEIVED.search(said) and not _NOT_RECEIVED.search(said)):
        found.add("acknowledgement")
    if thanks(said):
        found.add("thanks")
    if draft.form == "forwarded" or (
        draft.form == "added" and _PASSED_ON.search(draft.phrase) is not None
    ):
        found.add("forwarding")
    courtesy = draft.form == "courtesy" or (
        draft.form in {"implicit", "added"} and _COURTESY.search(draft.phrase) is not None
    )
    rest = _rest(message, drafts)
    if courtesy:
        # A courtesy the message answers alone is answered too where the rest
        # takes up what the addressee sent ("I fully agree with you about
        # frequent meetings", "Concerning the impracticability of a meeting").
        named = {s for d in drafts if d.reply for s in d.slots}
        if named <= set(draft.slots) and _TAKES_UP.search(rest):
            found.add("answer")
    elif len(words(rest)) >= _MORE or _TAKES_UP.search(rest):
        found.add("answer")
    return tuple(kind for kind in _ORDER if kind in found) or ("answer",)


def thanks(said: str) -> bool:
    """Whether a sentence thanks the addressee (not a third party, not only hoped for later)."""
    return any(
        _NOT_THANKS.match(said, hit.start()) is None
        and _NOT_THANKS.search(said[max(0, hit.start() - 30) : hit.end()]) is None
        for hit in _THANKS.finditer(said)
    )


def _thanked(message: Message, drafts: Sequence[Draft]) -> dict[int, tuple[str, ...]]:
    """The thanks sentences naming no message, each with the messages it thanks for.

    A sentence that thanks the addressee (:func:`thanks`) but names no message
    of the other side ("Thank you for the information.", "I am grateful to you
    for agreeing to sail the next convoy", "Many thanks.") thanks for what a
    message it answers said: the one named last before it in its paragraph;
    else the first named after it in its paragraph; else the first the
    message names, the one it answers first (a message named in another
    paragraph is taken up on a matter of its own: "We should like to comply
    with your request, stated in your message of July 13"). A thanks at the
    occasion of the message for something outside it (:data:`_ASIDE`), or
    for a present, is for no message.
    """
    text = message.text
    naming = [
        (sentence(text, d.start, d.end), tuple(s if isinstance(s, str) else s.id for s in d.slots))
        for d in drafts
        if d.reply and d.slots
    ]
    if not naming:
        return {}
    # A sentence naming a message of the other side thanks for it (:func:`kinds_of`),
    # a courtesy ("your congratulations") being a message of its own even when
    # unknown; one naming nothing in particular ("Thank you for the communications")
    # thanks for what the message answered said.
    theirs = {
        sentence(text, d.start, d.end)
        for d in drafts
        if d.kind != "own" and (d.slots or d.form == "courtesy")
    }
    out: dict[int, tuple[str, ...]] = {}
    previous = ""
    for left, right in sentences(text):
        said, before, previous = text[left:right], previous, text[left:right]
        if (
            (left, right) in theirs
            or inside_quotation(text, left)
            or not thanks(said)
            or (_ASIDE.search(said) and not _CARRIED.search(said))
            or _PRESENT.search(said)
            or _PRESENT.search(before)
            or _with_another(message, said)
        ):
            continue
        start = text.rfind("\n\n", 0, left)
        end = text.find("\n\n", right)
        end = len(text) if end < 0 else end
        here = [keys for (at, _), keys in naming if start <= at < left]
        later = [keys for (at, _), keys in naming if right <= at < end]
        out[left] = here[-1] if here else later[0] if later else naming[0][1]
    return out


def _with_another(message: Message, said: str) -> bool:
    """Whether a sentence thanks the addressee together with someone it was not sent to.

    "I wish therefore to convey to you and Mr Roosevelt the sincere gratitude of
    the Soviet Government for sending such authoritative representatives": a
    thanks for what the two did, not for a message of the addressee's.
    """
    found = _YOU_AND.search(said)
    named = person(found.group(1), message.date) if found else None
    return named is not None and named not in message.recipients


def _rest(message: Message, drafts: Sequence[Draft]) -> str:
    """What the message says beyond the sentences that name what it answers."""
    text = message.text
    spans = sorted({sentence(text, d.start, d.end) for d in drafts if d.reply})
    rest, at = [], 0
    for left, right in spans:
        rest.append(text[at:left])
        at = max(at, right)
    rest.append(text[at:])
    return "\n\n".join(part.strip() for part in rest if part.strip())


def reply_links(message: Message, drafts: Sequence[Draft]) -> tuple[ReplyLink, ...]:
    """Return the reply links of a message: each message answered once, its kinds merged."""
    kinds: dict[str, set[ReplyKind]] = {}
    for draft in drafts:
        if not draft.reply:
            continue
        for slot in draft.slots:
            key = slot if isinstance(slot, str) else slot.id
            kinds.setdefault(key, set()).update(kinds_of(message, draft, drafts))
    for keys in _thanked(message, drafts).values():
        for key in keys:
            kinds[key].add("thanks")
    return tuple(
        ReplyLink(key, tuple(kind for kind in _ORDER if kind in found))
        for key, found in kinds.items()
    )


def implicit(
    message: Message, drafts: tuple[Draft, ...], key: Callable[[tuple[str, ...]], Key]
) -> tuple[Draft, ...]:
    """Return *drafts* with the reply a message makes without a message noun, if it makes one.

    Only a message of the writer's to its addressees, not an enclosed copy,
    that names no message sent to the writer; the reply is to a message known only from
    it (*key*, given its authors): by the addressees, and the one the thanks names
    beside them ("Many thanks to you and Mr Eden for the congratulations").
    """
    if (
        message.senders != (AUTHOR,)
        or message.copy_of is not None
        or message.enclosed_in is not None
        or any(d.kind == "incoming" for d in drafts)
    ):
        return drafts
    cue = _cue(message.text)
    if cue is None:
        return drafts
    start, end = cue
    authors = message.recipients
    left, right = sentence(message.text, start, end)
    partner = _THANKS_PARTNER.search(message.text, left, right)
    named = person(partner.group(1), message.date) if partner else None
    if named is not None and named not in authors:
        authors = (*authors, named)
    draft = Draft(
        phrase=message.text[start:end],
        start=start,
        end=end,
        kind="incoming",
        authors=authors,
        addressees=message.senders,
        dates=(),
        count=1,
        slots=(key(authors),),
        reply=True,
        form="implicit",
    )
    return tuple(sorted((*drafts, draft), key=lambda d: (d.start, d.end)))


def _cue(text: str) -> tuple[int, int] | None:
    """Return the span of the words by which a text takes up what the addressee sent."""
    hits: list[tuple[int, int]] = []
    for found in _THANKS_FOR.finditer(text):
        if not inside_quotation(text, found.start()):
            hits.append(found.span("what"))
            break
    first = paragraph(text, 0)
    for found in _YOURS.finditer(first):
        hits.append(found.span())
        break
    opening = _REGARDING.match(text)
    if opening is not None:
        hits.append(opening.span())
    for found in _ASSENT.finditer(text):
        if not inside_quotation(text, found.start()):
            hits.append(found.span())
            break
    return min(hits) if hits else None


def incoming_replies(
    messages: Sequence[Message], drafts: dict[str, tuple[Draft, ...]]
) -> dict[str, tuple[ReplyLink, ...]]:
    """Return what each incoming message answers, as the printed messages tell (module rules)."""
    printed = {m.id: m for m in messages}
    sent = _Sent(messages, _arrivals(messages, drafts, printed))
    found: dict[str, list[str]] = {}
    for message in messages:
        mine = drafts.get(message.id, ())
        for draft in (d for d in mine if d.kind == "incoming"):
            for key in (s for s in draft.slots if isinstance(s, Key) or s not in printed):
                name = key if isinstance(key, str) else key.id
                for parent in _answered(message, draft, key, mine, sent):
                    if parent in printed and parent not in found.setdefault(name, []):
                        found[name].append(parent)
    return {
        key: tuple(ReplyLink(p, ("answer",)) for p in parents) for key, parents in found.items()
    }


@attrs.frozen
class _Matter:
    """What a message says of an incoming reply: the subjects it names, and whether joint."""

    subjects: frozenset[str]
    joint: bool = False


@attrs.frozen
class _Sent:
    """The printed messages, and the days messages of each set of authors are known from."""

    messages: Sequence[Message]
    arrivals: dict[tuple[str, ...], set[datetime.date]]


def _arrivals(
    messages: Sequence[Message], drafts: dict[str, tuple[Draft, ...]], printed: Container[str]
) -> dict[tuple[str, ...], set[datetime.date]]:
    """The dates and days of arrival of the incoming messages named, by their authors."""
    arrivals: dict[tuple[str, ...], set[datetime.date]] = {}
    for message in messages:
        for draft in drafts.get(message.id, ()):
            for slot in draft.slots:
                day = _day(slot) if isinstance(slot, Key) or slot not in printed else None
                if day is not None:
                    arrivals.setdefault(draft.authors, set()).add(day)
    return arrivals


def _answered(
    message: Message, draft: Draft, key: Key | str, drafts: Sequence[Draft], sent: _Sent
) -> list[str]:
    """The writer's printed messages an incoming message answers, by the rules above."""
    text = message.text
    _, right = sentence(text, draft.start, draft.end)
    called = _CALLED_REPLY.match(text, draft.end)
    reply = _REPLY_NOUN.search(draft.phrase) is not None or called is not None
    tied = [
        slot
        for own in drafts
        if own.kind == "own" and draft.end <= own.start < right
        for slot in own.slots
        if isinstance(slot, str)
        and (between := text[draft.end : own.start])
        and _ANSWERING.fullmatch(between)
        and (reply or between != " to ")
    ]
    if tied:
        return tied
    if not reply or draft.phrase.lower().startswith("my "):
        return []
    before = _day(key) or message.date
    if before is None:
        return []
    subjects = {
        about["subject"]
        for other in drafts
        if key in other.slots and (about := _ABOUT.match(text, other.end)) is not None
    }
    matter = _Matter(
        frozenset(subjects),
        joint=called is not None and _JOINT.search(called.group(0)) is not None,
    )
    return _latest_to(message.senders, draft.authors, before, sent, matter)


def _day(key: Key | str) -> datetime.date | None:
    """The date or day of arrival of an incoming message, from its key or its id."""
    if isinstance(key, Key):
        return key.date or key.received
    hit = _DAY.match(key)
    return datetime.date.fromisoformat(hit.group(1)) if hit else None


def _latest_to(
    writers: Sequence[str],
    authors: Sequence[str],
    before: datetime.date,
    sent: _Sent,
    matter: _Matter | None = None,
) -> list[str]:
    """The id of the writers' latest message to *authors* dated before *before*.

    Where the text names subjects (:attr:`_Matter.subjects`), the latest of
    those that name one of them, if any does; for a joint reply ("a common
    reply conveying also the President's opinion", :attr:`_Matter.joint`) the
    latest sent to its authors and others. None where another message of
    those authors is known from between the two (by its date or day of
    arrival): the latest was answered already, and what this one answers is
    not in the volume.
    """
    subjects, joint = (matter.subjects, matter.joint) if matter else (frozenset(), False)
    earlier = [
        m
        for m in sent.messages
        if m.date is not None
        and m.date < before
        and m.copy_of is None
        and set(m.senders) == set(writers)
        and set(authors) <= set(m.recipients)
        and (not joint or len(m.recipients) > len(authors))
    ]
    on_subject = [m for m in earlier if any(subject in m.text for subject in subjects)]
    earlier = on_subject or earlier
    if not earlier:
        return []
    latest = max(m.date for m in earlier if m.date is not None)
    to = next(m.recipients for m in earlier if m.date == latest) if joint else authors
    days = set().union(*(d for a, d in sent.arrivals.items() if set(a) == set(to)))
    if any(latest < day < before for day in days):
        return []
    return [m.id for m in earlier if m.date == latest][:1]


def reviewed(
    found: dict[str, tuple[ReplyLink, ...]],
    rulings: Sequence[ReplyRuling],
    printed: Container[str],
    incoming: Container[str],
) -> tuple[dict[str, tuple[ReplyLink, ...]], list[str]]:
    """Return *found* with the reviewed rulings of ``replies.csv`` added, and the problems.

    A ruling adds a link from an incoming message to the printed message it
    answers, with its kinds, where the rules find none (a link the rules
    found already takes the ruling's kinds). An incoming id that names no
    incoming record, an answered id that names no printed message, or a kind
    outside :data:`_ORDER` is a problem, and the ruling is not applied.
    """
    out = dict(found)
    problems: list[str] = []
    for ruling in rulings:
        kinds = tuple(k.strip() for k in ruling.kinds.split(";") if k.strip())
        wrong = [k for k in kinds if k not in _ORDER]
        if ruling.incoming_id not in incoming:
            problems.append(f"replies.csv: no incoming message {ruling.incoming_id!r}")
        elif ruling.answers not in printed:
            problems.append(f"replies.csv: no printed message {ruling.answers!r}")
        elif wrong or not kinds:
            problems.append(f"replies.csv: {ruling.incoming_id}: kinds {ruling.kinds!r}")
        else:
            link = ReplyLink(ruling.answers, tuple(k for k in _ORDER if k in kinds))
            kept = tuple(x for x in out.get(ruling.incoming_id, ()) if x.id != ruling.answers)
            out[ruling.incoming_id] = (*kept, link)
    return out, problems
