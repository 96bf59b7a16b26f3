"""Words about the messages: titles, dates, excerpts, names, addresses of pages.

Plain functions of the records, with no docutils in them: the directives,
the generated sources and the pictures all say a message's title or a date
the same way because they all ask here.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from stalin_telegrams import Corpus, IncomingMessage, Message
from stalin_telegrams._citation import Style
from stalin_telegrams._dates import MONTHS

#: The writer whose side of the correspondence the volume prints: the other
#: party of each message is its correspondent.
VOLUME_AUTHOR = "Stalin"
#: What a link in a picture starts with, to be made relative to the page that shows it.
PICTURE_ROOT = "@root@/"
#: What sets the phone's variant of a picture apart: its file is
#: ``timeline-narrow.svg``, and its ids start with ``narrow-``, so that they
#: differ from those of the wide variant in the same page.
NARROW_SUFFIX = "-narrow"
#: What each kind of pair (:attr:`stalin_telegrams.Pair.kind`) is, as a reader is told.
PAIR_KINDS = {
    "copy": "a copy of one of them, printed again",
    "identical": "the same text",
    "quotation": "the shorter quoted whole in the longer",
    "same-message": "the same message to another recipient, reworded",
    "covering-note": "a covering note and the message it sends a copy of",
    "same-matter": "the same matter, told in separately worded messages",
}
#: The kinds of pair that are one text twice (not one matter, nor a covering
#: note and what it sends): a thread's picture joins them with a dashed line.
ONE_TEXT_KINDS = frozenset({"copy", "identical", "quotation", "same-message"})
#: The kinds of pair whose word diff is worth reading: one text, reworded.
DIFFED_KINDS = frozenset({"copy", "same-message"})
#: The page of the index of names.
NAMES_PAGE = "names-index"
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


def and_list(names: Sequence[str]) -> str:
    """Return *names* as a sentence lists them.

    >>> and_list(["Roosevelt", "Antonov", "Churchill"])
    'Roosevelt, Antonov and Churchill'
    """
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def parties(message: Message) -> str:
    """Return who wrote to whom: ``"Stalin to Churchill and Roosevelt"``."""
    return f"{' and '.join(message.senders)} to {' and '.join(message.recipients)}"


def title(message: Message) -> str:
    """Return the title of a message's page: number, from → to, and date.

    >>> from stalin_telegrams import load
    >>> title(load()["1942-11-20-churchill"])
    'No. 52: Stalin → Churchill, 20 November 1942'
    """
    senders, recipients = " and ".join(message.senders), " and ".join(message.recipients)
    return f"No. {message.number}: {senders} → {recipients}, {long_date(message.date)}"


def short_title(message: Message) -> str:
    """Return a message as a list of related messages names it: number, from → to, day.

    >>> from stalin_telegrams import load
    >>> short_title(load()["1942-11-20-churchill"])
    'No. 52, Stalin → Churchill, 20 Nov 1942'
    """
    senders, recipients = " and ".join(message.senders), " and ".join(message.recipients)
    return f"No. {message.number}, {senders} → {recipients}, {short_date(message.date)}"


def short_date(date: datetime.date | None) -> str:
    """Return *date* as a list writes it, ``"20 Nov 1942"``; ``"undated"`` for None.

    >>> short_date(datetime.date(1942, 11, 2))
    '2 Nov 1942'
    """
    return "undated" if date is None else f"{date.day} {MONTHS[date.month - 1][:3]} {date.year}"


def incoming_label(record: IncomingMessage) -> str:
    """Return an incoming message as a list of related messages names it.

    >>> from stalin_telegrams import load
    >>> incoming_label(load().incoming()[0])
    "Churchill's message of 15 Jan 1942 (not printed)"
    """
    authors = " and ".join(record.authors) or "someone"
    if record.date is None and record.received_on is not None:
        return f"{authors}'s message received {short_date(record.received_on)} (not printed)"
    if record.date is None:
        return f"{authors}'s undated message (not printed)"
    return f"{authors}'s message of {short_date(record.date)} (not printed)"


def classification(message: Message) -> str | None:
    """Return the classification of *message* as a sentence writes it, or None.

    >>> from stalin_telegrams import load
    >>> classification(load()["1942-11-20-churchill"])
    'Personal and secret'
    """
    printed = message.classification
    return None if printed is None else printed.capitalize()


def incoming_title(record: IncomingMessage) -> str:
    """Return who wrote an incoming message to whom, and its date, or the day it arrived.

    >>> from stalin_telegrams import load
    >>> incoming_title(load().incoming()[0])
    'Churchill to Stalin, 15 January 1942'
    >>> incoming_title(load().incoming()["received-1943-04-27-roosevelt-to-stalin"])
    'Roosevelt to Stalin, received 27 April 1943'
    """
    authors = " and ".join(record.authors) or "unknown"
    addressees = " and ".join(record.addressees) or "unknown"
    if record.date is None and record.received_on is not None:
        return f"{authors} to {addressees}, received {long_date(record.received_on)}"
    return f"{authors} to {addressees}, {long_date(record.date)}"


def excerpt(text: str, words: int = EXCERPT_WORDS) -> str:
    """Return the first *words* words of *text*, with an ellipsis if it goes on.

    >>> excerpt("one two three", 2)
    'one two …'
    """
    split = text.split()
    return " ".join(split[:words]) + (" …" if len(split) > words else "")


def citation(message: Message, style: Style, url: str) -> str:
    """Return a citation of *message* in *style* with the address of its page, *url*.

    The citation of :meth:`stalin_telegrams.Message.citation`, with the
    page's address added as each style adds one.

    >>> from stalin_telegrams import load
    >>> citation(load()[0], "apa", "https://example.org/messages/x.html")[-65:]
    'message 1941-07-18-churchill. https://example.org/messages/x.html'
    """
    cited = message.citation(style)
    if style == "bibtex":
        return cited.removesuffix("}") + f"  url = {{{url}}},\n}}"
    return f"{cited} {url}"


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


#: Letters that Unicode does not decompose into a base letter and an accent.
UNDECOMPOSED = str.maketrans({"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d"})
#: Words before a surname that a printed index puts after the given names.
PARTICLES = frozenset({"de", "da", "di", "du", "van", "von", "der", "le", "la"})
#: Surnames of more than one word, which the last-word rule would cut.
COMPOUND_SURNAMES = {"Archibald Clark Kerr": "Clark Kerr"}


def index_heading(name: str, kind: str) -> str:
    """Return a name as an index of names heads its entry: a person by surname first.

    The last word is the surname (or a compound surname of the table), and
    what stands before it follows it: given names, a particle, a title ("Lord
    Curzon" is "Curzon, Lord"); a ruler "of" a country and a single
    word stay as they are; other kinds of names are as they are.

    >>> index_heading("Franklin D. Roosevelt", "person")
    'Roosevelt, Franklin D.'
    >>> index_heading("Charles de Gaulle", "person")
    'Gaulle, Charles de'
    >>> index_heading("Lord Curzon", "person")
    'Curzon, Lord'
    >>> index_heading("Archibald Clark Kerr", "person")
    'Clark Kerr, Archibald'
    >>> index_heading("Peter II of Yugoslavia", "person")
    'Peter II of Yugoslavia'
    """
    words = name.split()
    if kind != "person" or len(words) == 1 or "of" in words:
        return name
    surname = COMPOUND_SURNAMES.get(name, words[-1])
    given = words[: len(words) - len(surname.split())]
    particles: list[str] = []
    while given and given[-1] in PARTICLES:
        particles.insert(0, given.pop())
    return f"{surname}, {' '.join([*given, *particles])}"


def index_key(heading: str) -> str:
    """Return the sort key of an index heading: letters without accents, case, or a leading "The".

    >>> sorted(["Šubašić, Ivan", "Stalin, Joseph", "İnönü, İsmet", "Łódź"], key=index_key)
    ['İnönü, İsmet', 'Łódź', 'Stalin, Joseph', 'Šubašić, Ivan']
    """
    folded = unicodedata.normalize("NFKD", heading.removeprefix("The ").translate(UNDECOMPOSED))
    return "".join(c for c in folded if not unicodedata.combining(c)).casefold()


def index_letter(heading: str) -> str:
    """Return the letter an index heading is filed under: ``"A"`` to ``"Z"``, or ``"0-9"``.

    >>> index_letter("Šubašić, Ivan"), index_letter("6th S.S. Panzer Army")
    ('S', '0-9')
    """
    first = index_key(heading)[:1].upper()
    return first if "A" <= first <= "Z" else "0-9"


def with_correspondent(corpus: Iterable[Message], name: str) -> list[Message]:
    """Return the messages of *corpus* that *name* sent or received."""
    return [m for m in corpus if name in correspondents(m)]


def narrow_path(path: Path) -> Path:
    """Return the path of the phone's variant of the picture at *path*.

    >>> narrow_path(Path("edition/timeline.svg")).as_posix()
    'edition/timeline-narrow.svg'
    """
    return path.with_name(f"{path.stem}{NARROW_SUFFIX}{path.suffix}")
