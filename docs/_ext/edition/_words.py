"""Words about the messages: titles, dates, excerpts, names, addresses of pages.

Plain functions of the records, with no docutils in them: the directives,
the generated sources and the pictures all say a message's title or a date
the same way because they all ask here.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from stalin_telegrams import Corpus, IncomingMessage, Message
from stalin_telegrams._citation import edition as printed_edition
from stalin_telegrams._dates import MONTHS

#: The writer whose side of the correspondence the volume prints: the other
#: party of each message is its correspondent.
VOLUME_AUTHOR = "Stalin"
#: What each kind of pair (:attr:`stalin_telegrams.Pair.kind`) is, as a reader is told.
PAIR_KINDS = {
    "copy": "a copy of one of them, printed again",
    "identical": "the same text",
    "quotation": "the shorter quoted whole in the longer",
    "same-message": "the same message to another recipient, reworded",
    "same-matter": "the same matter, told in separately worded messages",
}
#: The kinds of pair whose word diff is worth reading: one text, reworded.
DIFFED_KINDS = frozenset({"copy", "same-message"})
#: The page of the index of names, and the heading of each kind of name on it.
NAMES_PAGE = "names-index"
KIND_TITLES: dict[str, str] = {
    "person": "Persons",
    "country": "Countries",
    "people": "Peoples",
    "place": "Places",
    "organisation": "Organisations",
    "conference": "Conferences",
    "operation": "Operations and convoys",
    "event": "Events",
    "document": "Treaties, acts and orders",
    "publication": "Publications",
    "award": "Awards",
    "ship": "Ships",
    "equipment": "Equipment",
    "work": "Films and works of art",
}
#: What each kind of reference names, as a reader is told.
REFERENCE_KINDS = {
    "own": "a message of the sender's",
    "incoming": "a message to the sender",
    "other": "a message between others",
}
#: How many words of a message a list shows.
EXCERPT_WORDS = 18


def correspondents(message: Message) -> tuple[str, ...]:
    """Return the other parties of *message*: its senders and recipients but the volume's author.

    >>> from stalin_telegrams import load
    >>> correspondents(load()["1942-11-20-churchill"])
    ('Churchill',)
    """
    parties = (*message.senders, *message.recipients)
    return tuple(dict.fromkeys(p for p in parties if p != VOLUME_AUTHOR))


def long_date(date: datetime.date | None) -> str:
    """Return *date* as the edition writes it, ``"20 November 1942"``; ``"undated"`` for None.

    >>> long_date(datetime.date(1942, 11, 2))
    '2 November 1942'
    """
    # Not strftime("%B"): that follows the locale, which sphinx-build sets.
    return "undated" if date is None else f"{date.day} {month_year(date)}"


def month_year(date: datetime.date) -> str:
    """Return the month of *date* as the edition writes it, ``"November 1942"``.

    >>> month_year(datetime.date(1942, 11, 2))
    'November 1942'
    """
    return f"{MONTHS[date.month - 1]} {date.year}"


def parties(message: Message) -> str:
    """Return who wrote to whom: ``"Stalin to Churchill and Roosevelt"``."""
    return f"{' and '.join(message.senders)} to {' and '.join(message.recipients)}"


def title(message: Message) -> str:
    """Return the title of a message's page: number, parties and date.

    >>> from stalin_telegrams import load
    >>> title(load()["1942-11-20-churchill"])
    'No. 52: Stalin to Churchill, 20 November 1942'
    """
    return f"No. {message.number}: {parties(message)}, {long_date(message.date)}"


def incoming_title(record: IncomingMessage) -> str:
    """Return who wrote an incoming message to whom, and its date.

    >>> from stalin_telegrams import load
    >>> incoming_title(load().incoming()[0])
    'Churchill to Stalin, 15 January 1942'
    """
    authors = " and ".join(record.authors) or "unknown"
    addressees = " and ".join(record.addressees) or "unknown"
    return f"{authors} to {addressees}, {long_date(record.date)}"


def excerpt(text: str, words: int = EXCERPT_WORDS) -> str:
    """Return the first *words* words of *text*, with an ellipsis if it goes on.

    >>> excerpt("one two three", 2)
    'one two …'
    """
    split = text.split()
    return " ".join(split[:words]) + (" …" if len(split) > words else "")


def citation(message: Message, release: str) -> str:
    """Return a ready citation of *message* in this edition and release."""
    return (
        f"{parties(message)}, {long_date(message.date)}, no. {message.number} in"
        f" {printed_edition()}; stalin_telegrams {release}, message {message.id},"
        f" messages/{message.id}.html."
    )


@dataclass(frozen=True)
class Piece:
    """A run of a paragraph of a message: words, or a footnote mark.

    Attributes:
        text: The words; empty for a mark.
        mark: The footnote mark, for a mark; else None.
        span: For words inside one of the spans asked for, its index; else None.
    """

    text: str = ""
    mark: str | None = None
    span: int | None = None


def text_pieces(
    text: str,
    marks: Iterable[tuple[int, str]] = (),
    spans: Sequence[tuple[int, int]] = (),
) -> list[list[Piece]]:
    r"""Split *text* into paragraphs of pieces: footnote marks at their offsets, spans apart.

    Args:
        text: A message's text, paragraphs separated by a blank line.
        marks: ``(offset, mark)`` pairs, offsets into *text*.
        spans: ``(start, end)`` offsets of runs to keep apart (the phrases
            of references, to be links); a span that overlaps an earlier
            one is ignored.

    Returns:
        One list of pieces per paragraph; joined, the words of the pieces
        give the text back.

    >>> first, second = text_pieces("Ab cd.\n\nEf.", [(2, "1")], [(3, 5)])
    >>> [(p.text, p.mark, p.span) for p in first]
    [('Ab', None, None), ('', '1', None), (' ', None, None), ('cd', None, 0), ('.', None, None)]
    >>> [p.text for p in second]
    ['Ef.']
    """
    at: dict[int, list[str]] = {}
    for offset, mark in sorted(marks):
        at.setdefault(offset, []).append(mark)
    kept: list[tuple[int, int, int]] = []
    for index, (span_start, span_end) in enumerate(spans):
        if all(span_end <= s or span_start >= e for _, s, e in kept):
            kept.append((index, span_start, span_end))
    paragraphs: list[list[Piece]] = []
    start = 0
    for paragraph in text.split("\n\n"):
        end = start + len(paragraph)
        cuts = {start, end} | {o for o in at if start <= o <= end}
        cuts |= {x for _, s, e in kept for x in (s, e) if start <= x <= end}
        ordered = sorted(cuts)
        pieces: list[Piece] = []
        for a, b in zip(ordered, [*ordered[1:], end], strict=True):
            pieces += [Piece(mark=mark) for mark in at.get(a, ())]
            if b > a:
                inside = [i for i, s, e in kept if s <= a and b <= e]
                pieces.append(Piece(text[a:b], span=inside[0] if inside else None))
        paragraphs.append(pieces)
        start = end + 2
    return paragraphs


def correspondent_slug(name: str) -> str:
    """Return the page name of a correspondent: ``"Churchill"`` is ``edition/churchill``."""
    return "edition/" + "-".join(name.lower().split())


def name_anchor(name: str) -> str:
    """Return the anchor of a name's entry in the index of names.

    >>> name_anchor("Archibald Clark Kerr")
    'name-archibald-clark-kerr'
    """
    words = "".join(c if c.isalnum() else " " for c in name.casefold()).split()
    return "-".join(["name", *words])


def all_correspondents(corpus: Corpus) -> list[str]:
    """Return the correspondents of the corpus, those with the most messages first."""
    counts: dict[str, int] = {}
    for message in corpus:
        for name in correspondents(message):
            counts[name] = counts.get(name, 0) + 1
    return sorted(counts, key=lambda name: (-counts[name], name))


def years(messages: Iterable[Message]) -> list[int]:
    """Return the years that *messages* are dated in, in order."""
    return sorted({m.date.year for m in messages if m.date is not None})


def with_correspondent(corpus: Iterable[Message], name: str) -> list[Message]:
    """Return the messages of *corpus* that *name* sent or received."""
    return [m for m in corpus if name in correspondents(m)]
