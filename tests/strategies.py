"""Hypothesis strategies shared by the tests."""

from __future__ import annotations

import datetime

import attrs
from hypothesis import strategies as st

from stalin_telegrams import Corpus, IncomingMessage, Message, Reference, ReplyLink, load

#: Plain words, as the edition's prose is made of.
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ", min_size=1, max_size=10)
#: A sentence of plain words, with no markup, marks or escapes.
plain_text = st.lists(words, min_size=1, max_size=12).map(" ".join)


@st.composite
def exchanges(draw: st.DrawFn, size: int = 40) -> tuple[int, list[tuple[int, int, int]]]:
    """Draw a file length and non-overlapping moves ``(start, end, after)`` in it."""
    cuts = sorted(draw(st.sets(st.integers(2, size - 1), min_size=2, max_size=8)))
    blocks = [(cuts[i], cuts[i + 1] - 1) for i in range(0, len(cuts) - 1, 2)]
    moved = {n for start, end in blocks for n in range(start, end + 1)}
    stay = [n for n in range(1, size + 1) if n not in moved]
    moves = [(start, end, draw(st.sampled_from(stay))) for start, end in blocks]
    return size, moves


#: Criteria of filter_by() that name values present in the corpus.
recipients = st.sampled_from(sorted({r for m in load() for r in m.recipients}))
years = st.sampled_from(sorted({m.year for m in load() if m.year is not None}))
months = st.integers(1, 12)


# --- Messages and corpora --------------------------------------------------

_LETTERS = "abcdefghijklmnopqrstuvwxyz\u00e0\u00e9\u00f6\u00df"
#: Surnames: the correspondents', and any other capitalised word (a name
#: never holds " and ", which joins names, nor spaces at its ends).
names = st.sampled_from(("Stalin", "Churchill", "Roosevelt", "Truman", "Attlee")) | st.text(
    _LETTERS, min_size=2, max_size=8
).map(str.capitalize)
#: Several different names, in order.
name_tuples = st.lists(names, min_size=1, max_size=3, unique_by=str.casefold).map(tuple)
#: Dates of any year near the war's.
dates = st.dates(datetime.date(1939, 1, 1), datetime.date(1947, 12, 31))
#: Classifications as printed, or odd spacings and cases of them.
classifications = st.none() | st.sampled_from(
    ("PERSONAL AND SECRET", "PERSONAL", "SECRET", "personal  and secret", "MOST SECRET")
)
_WORDS = (
    "I have received your message of the second front in Europe and it",
    "is clear that Soviet troops Rome Romer Poland Trieste-Istria \u00e9t\u00e9 Stra\u00dfe",
)
#: Message texts: prose with punctuation, dashes and paragraph breaks, or any text at all.
_word = st.sampled_from(" ".join(_WORDS).split()) | st.text(_LETTERS, min_size=1, max_size=6)
_separator = st.sampled_from((" ", " ", " ", ", ", ". ", "\u2014", " - ", "\n\n", "  "))
texts = st.lists(st.tuples(_word, _separator), min_size=1, max_size=30).map(
    lambda parts: "".join(w + s for w, s in parts).strip() or "Yes."
) | st.text(min_size=1, max_size=40)
#: Texts long enough to make near duplicates (twenty words in common at least).
long_texts = st.lists(_word, min_size=24, max_size=32).map(" ".join)
#: Message ids: of the shape the corpus uses, or any non-empty string with no white
#: space around it (a record refuses such an id).
ids = st.builds(
    "{:%Y-%m-%d}-{}".format, dates, st.sampled_from(("churchill", "roosevelt", "truman-2"))
) | st.text(min_size=1, max_size=12).filter(lambda s: s == s.strip())
#: Volume numbers.
numbers = st.integers(1, 10_000)
#: What a reference names: no message, or some id.
targets = st.none() | ids


@st.composite
def messages(
    draw: st.DrawFn,
    message_id: st.SearchStrategy[str] = ids,
    number: st.SearchStrategy[int] = numbers,
    text: st.SearchStrategy[str] = texts,
    targets: st.SearchStrategy[str | None] = targets,
) -> Message:
    """Draw any valid message; *targets* are the ids its references may name."""
    written = draw(st.none() | dates)
    sent = draw(st.none() | dates.filter(lambda d: written is None or d >= written))
    references = draw(
        st.lists(
            st.builds(
                Reference,
                phrase=st.just("my message"),
                targets=targets.map(lambda t: () if t is None else (t,)),
            ),
            max_size=3,
        )
    )
    return Message(
        id=draw(message_id),
        number=draw(number),
        senders=draw(name_tuples),
        recipients=draw(name_tuples),
        heading=draw(st.sampled_from(("PERSONAL MESSAGE FROM STALIN", "TO CHURCHILL"))),
        classification=draw(classifications),
        written_on=written,
        sent_on=sent,
        place=draw(st.none() | st.sampled_from(("Moscow", "Koreiz"))),
        address=None,
        salutation=None,
        signature=None,
        text=draw(text),
        references=tuple(references),
    )


@st.composite
def corpora(draw: st.DrawFn, min_size: int = 0, max_size: int = 8) -> Corpus:
    """Draw a corpus of valid messages with unique ids, numbered in some order.

    Texts are often shared or lightly edited between messages, and
    references often name messages of the corpus, so that duplicates and
    threads arise.
    """
    chosen = draw(st.lists(ids, min_size=min_size, max_size=max_size, unique=True))
    order = draw(st.permutations(range(1, len(chosen) + 1)))
    pool = draw(st.lists(long_texts, min_size=1, max_size=3))

    def edited(base: str) -> st.SearchStrategy[str]:
        words = base.split(" ")
        return (
            st.just(base)
            | st.builds(lambda cut: " ".join(words[: max(1, len(words) - cut)]), st.integers(0, 8))
            | st.builds(
                lambda at, word: " ".join([*words[:at], word, *words[at + 1 :]]),
                st.integers(0, len(words) - 1),
                _word,
            )
        )

    text = st.sampled_from(pool).flatmap(edited) | texts
    named = st.none() | (st.sampled_from(chosen) if chosen else st.none()) | ids
    out = [
        draw(messages(st.just(ident), st.just(n), text, named))
        for ident, n in zip(chosen, order, strict=True)
    ]
    return Corpus(out)


#: The kinds of a reply link: an answer, an acknowledgement, or a thanks alone.
reply_kinds = st.sampled_from(
    (("answer",), ("answer", "acknowledgement"), ("acknowledgement",), ("thanks",))
)


@st.composite
def conversations(draw: st.DrawFn, min_size: int = 1, max_size: int = 8) -> Corpus:
    """Draw a corpus with incoming messages that its messages name and answer.

    Each message may name and answer some of a few incoming messages (an
    answer is also named), some links only thanks; an incoming message may
    answer a message; the records' ``mentioned_in`` and ``answered_by``
    agree with the messages, in volume order, as in the shipped data.
    """
    base = draw(corpora(min_size=min_size, max_size=max_size))
    received = [f"in-{n}" for n in range(draw(st.integers(0, 4)))]
    out: list[Message] = []
    for message in base:
        named = draw(st.lists(st.sampled_from(received), unique=True)) if received else []
        answered = [i for i in named if draw(st.booleans())]
        links = tuple(Reference("your message", targets=(i,)) for i in named)
        out.append(
            attrs.evolve(
                message,
                references=message.references + links,
                reply_links=tuple(ReplyLink(i, draw(reply_kinds)) for i in answered),
            )
        )
    by_number = sorted(out, key=lambda m: m.number)
    records = [
        IncomingMessage(
            id=i,
            authors=("Churchill",),
            addressees=("Stalin",),
            date=draw(st.none() | dates),
            mentioned_in=tuple(
                m.id for m in by_number if any(i in r.targets for r in m.references)
            ),
            answered_by=tuple(m.id for m in by_number if i in m.in_reply_to),
            reply_links=tuple(
                ReplyLink(m.id) for m in draw(st.lists(st.sampled_from(out), max_size=1))
            ),
        )
        for i in received
    ]
    return Corpus(out, incoming=records)
