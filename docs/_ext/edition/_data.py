"""The corpus and what the pages need from it, read once per process."""

from __future__ import annotations

import datetime
import functools
import hashlib
import math
import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import stalin_telegrams
from stalin_telegrams import Corpus, IncomingMessage, Message, Pair, ReplyKind

from ._titles import THREAD_TITLES, reviewed_titles, reviewed_topics
from ._words import VOLUME_AUTHOR, and_list, correspondents, month_year

#: The raw transcription the records came from, inside the package.
SOURCE_FILE = "data/source/war-telegrams-vol17.txt"


@dataclass(frozen=True)
class Edition:
    """The corpus and what the pages need from it, computed once.

    Attributes:
        corpus: The packaged corpus.
        pairs: For each message id, the pairs (:func:`stalin_telegrams.duplicates`)
            it belongs to, in volume order.
        threads: For each message id in a thread of more than one message,
            that thread's printed messages in date order
            (:meth:`stalin_telegrams.Corpus.threads`).
        incoming: The messages the volume names but does not print, by id.
        replies: For each id of a message, printed or incoming, the
            messages that answer it, printed and incoming
            (:meth:`stalin_telegrams.Corpus.answered_by`), each as its id
            and how it answers (:attr:`stalin_telegrams.ReplyLink.kinds`).
        referred: For each id of a message, printed or incoming, the ids of
            the later printed messages that name it in their text
            (:attr:`Message.references`), in volume order.
        phrases: For each id of a message, printed or incoming, the words by
            which the printed messages name it ("your message of February
            12"), once each, in volume order.
        thread_titles: For the id naming each thread, what the thread is
            about (:func:`thread_titles`).
        source: The lines of the raw transcription (line ``n`` at ``n - 1``).
        digest: A digest of the packaged data and of this extension, written
            into every generated source so that Sphinx reads the pages again
            when either changes.
    """

    corpus: Corpus
    pairs: dict[str, tuple[Pair, ...]]
    threads: dict[str, Corpus]
    incoming: dict[str, IncomingMessage]
    replies: dict[str, tuple[tuple[str, tuple[ReplyKind, ...]], ...]]
    referred: dict[str, tuple[str, ...]]
    phrases: dict[str, tuple[str, ...]]
    thread_titles: dict[str, str]
    source: tuple[str, ...]
    digest: str

    def thread_key(self, message_id: str) -> str | None:
        """Return the id naming the thread of *message_id*, or None if it stands alone."""
        thread = self.threads.get(message_id)
        return None if thread is None else thread[0].id


def _inverted(
    corpus: Corpus, links: Callable[[Message], Iterable[str]]
) -> dict[str, tuple[str, ...]]:
    """Return, for each id that a message links to, the messages linking to it, in order."""
    out: dict[str, dict[str, None]] = {}
    for message in corpus:
        for target in links(message):
            out.setdefault(target, {})[message.id] = None
    return {key: tuple(value) for key, value in out.items()}


def _replies(corpus: Corpus) -> dict[str, tuple[tuple[str, tuple[ReplyKind, ...]], ...]]:
    """Return, for each id that a record answers, the records answering it and how."""
    out: dict[str, tuple[tuple[str, tuple[ReplyKind, ...]], ...]] = {}
    for answered in (*corpus.ids, *(record.id for record in corpus.incoming())):
        out[answered] = tuple(
            (record.id, link.kinds)
            for record in corpus.answered_by(answered)
            for link in record.reply_links
            if link.id == answered
        )
    return {key: value for key, value in out.items() if value}


def _phrases(corpus: Corpus) -> dict[str, tuple[str, ...]]:
    out: dict[str, dict[str, None]] = {}
    for message in corpus:
        for reference in message.references:
            for target in reference.targets:
                out.setdefault(target, {})[" ".join(reference.phrase.split())] = None
    return {key: tuple(value) for key, value in out.items()}


@functools.cache
def edition() -> Edition:
    """Return the :class:`Edition` of the installed package, computed on the first call."""
    corpus = stalin_telegrams.load()
    pairs: dict[str, list[Pair]] = {}
    for pair in stalin_telegrams.duplicates(corpus):
        pairs.setdefault(pair.first.id, []).append(pair)
        pairs.setdefault(pair.second.id, []).append(pair)
    threads: dict[str, Corpus] = {}
    for records in corpus.threads(include_incoming=True):
        printed = [record for record in records if isinstance(record, Message)]
        if len(printed) > 1:
            thread = Corpus(printed)
            threads.update(dict.fromkeys(thread.ids, thread))
    data = files("stalin_telegrams").joinpath("data")
    source_bytes = data.joinpath(SOURCE_FILE.removeprefix("data/")).read_bytes()
    # The pages change with the data and with this extension's code.
    digest = hashlib.sha256(data.joinpath("telegrams.json").read_bytes() + source_bytes)
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.read_bytes())
    digest.update(THREAD_TITLES.read_bytes())
    return Edition(
        corpus=corpus,
        pairs={key: tuple(value) for key, value in pairs.items()},
        threads=threads,
        incoming={record.id: record for record in corpus.incoming()},
        replies=_replies(corpus),
        referred=_inverted(
            corpus, lambda m: [t for r in m.references for t in r.targets if t != m.id]
        ),
        phrases=_phrases(corpus),
        thread_titles=thread_titles(corpus, threads),
        source=tuple(source_bytes.decode("utf-8").splitlines()),
        digest=digest.hexdigest()[:16],
    )


#: A name mentioned in more than this share of all messages says nothing of
#: one exchange ("Soviet Union", "Germany").
COMMON_NAME = 0.1
#: A thread of this many messages or more names in its title only names two of them mention.
SMALL_THREAD = 3
#: How many names a thread's title gives.
TITLE_NAMES = 2


def thread_title(thread: Corpus, spread: dict[str, int], size: int) -> str:
    """Return what a thread is about, by a rule over the names its messages mention.

    The names that best tell this exchange from the rest of the volume, as a
    search engine weighs words (tf-idf): a name scores the number of the
    thread's messages that mention it times the logarithm of the volume's
    size over the number of the volume's messages that do, so that a name
    this exchange alone uses outweighs one that all the war's messages use.
    Left out: the correspondents themselves, names of more than a tenth of
    the volume ("Germany"), and, in a thread of three or more messages,
    names only one of them mentions (a passing word). The two best, ties by
    name, then the correspondents and the month the exchange begins:
    ``"North Africa and Sicily: with Churchill and Roosevelt, February 1943"``.
    Where those names mislead, docs/thread-titles.csv gives the thread's
    topic instead (:func:`thread_titles`).

    Args:
        thread: The thread's messages, in date order.
        spread: For each name of the index, the number of messages of the
            volume that mention it.
        size: The number of messages in the volume.
    """
    people = list(dict.fromkeys(n for m in thread for n in correspondents(m)))
    surnames = {p.split()[-1] for p in (*people, VOLUME_AUTHOR)}
    counts: dict[str, int] = {}
    for message in thread:
        for name in dict.fromkeys(mention.name for mention in message.mentions):
            counts[name] = counts.get(name, 0) + 1
    least = min(1 if len(thread) < SMALL_THREAD else 2, max(counts.values(), default=1))
    scored = sorted(
        (-count * math.log(size / spread[name]), name)
        for name, count in counts.items()
        if name.split()[-1] not in surnames
        and spread[name] <= COMMON_NAME * size
        and count >= least
    )
    names = [name for _, name in scored[:TITLE_NAMES]]
    dated = [m.date for m in thread if m.date is not None]
    when = f", {month_year(min(dated))}" if dated else ""
    with_ = f"with {and_list(people)}{when}"
    return f"{' and '.join(names)}: {with_}" if names else with_.capitalize()


def thread_titles(
    corpus: Corpus, threads: dict[str, Corpus], topics: dict[str, str] | None = None
) -> dict[str, str]:
    """Return the title of every thread, by the id naming it.

    The rule's title (:func:`thread_title`), unless the reviewed *topics*
    say what the thread is about instead: by default those of the table
    docs/thread-titles.csv (:func:`._titles.reviewed_topics`); ``{}`` gives
    the rule's titles alone.
    """
    spread: dict[str, int] = {}
    for message in corpus:
        for name in {mention.name for mention in message.mentions}:
            spread[name] = spread.get(name, 0) + 1
    firsts = {thread[0].id: thread for thread in threads.values()}
    rule = {
        key: thread_title(thread, spread, len(corpus)) for key, thread in sorted(firsts.items())
    }
    return reviewed_titles(rule, reviewed_topics() if topics is None else topics)


def response_times(corpus: Corpus) -> list[tuple[datetime.date, int, str]]:
    """Return the answers whose message answered has a date, with the days they took.

    Args:
        corpus: The corpus, with its incoming messages.

    Returns:
        ``(date of the answer, days since the message answered, its authors
        in alphabetical order)``
        for each dated printed message and each dated message in its
        :attr:`~stalin_telegrams.Message.in_reply_to`, printed or incoming,
        in corpus order.
    """
    # Sorted, so that one pair of authors is one group whichever signs first.
    dates: dict[str, tuple[datetime.date | None, str]] = {
        record.id: (record.date, " and ".join(sorted(record.authors)))
        for record in corpus.incoming()
    }
    dates.update((m.id, (m.date, " and ".join(sorted(m.senders)))) for m in corpus)
    out = []
    for message in corpus:
        for answered in message.in_reply_to:
            date, authors = dates.get(answered, (None, ""))
            if message.date is not None and date is not None:
                out.append((message.date, (message.date - date).days, authors))
    return out


def response_summary(corpus: Corpus) -> list[tuple[str, int, float]]:
    """Return, for each group of authors answered, the number of dated answers and the median days.

    Largest group first: the text equivalent of the picture of response times.
    """
    answers = response_times(corpus)
    totals = Counter(authors for _, _, authors in answers)
    return [
        (group, count, statistics.median(d for _, d, a in answers if a == group))
        for group, count in sorted(totals.items(), key=lambda i: (-i[1], i[0]))
    ]
