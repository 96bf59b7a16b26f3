"""The corpus and what the pages need from it, read once per process."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import stalin_telegrams
from stalin_telegrams import Corpus, IncomingMessage, Pair

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
            that thread (:func:`stalin_telegrams.thread_of`).
        incoming: The messages the volume names but does not print, by id.
        replies: For each id of a message, printed or incoming, the ids of
            the printed messages that answer it (:attr:`Message.in_reply_to`).
        source: The lines of the raw transcription (line ``n`` at ``n - 1``).
        digest: A digest of the packaged data and of this extension, written
            into every generated source so that Sphinx reads the pages again
            when either changes.
    """

    corpus: Corpus
    pairs: dict[str, tuple[Pair, ...]]
    threads: dict[str, Corpus]
    incoming: dict[str, IncomingMessage]
    replies: dict[str, tuple[str, ...]]
    source: tuple[str, ...]
    digest: str

    def thread_key(self, message_id: str) -> str | None:
        """Return the id naming the thread of *message_id*, or None if it stands alone."""
        thread = self.threads.get(message_id)
        return None if thread is None else thread[0].id


@functools.cache
def edition() -> Edition:
    """Return the :class:`Edition` of the installed package, computed on the first call."""
    corpus = stalin_telegrams.load()
    pairs: dict[str, list[Pair]] = {}
    for pair in stalin_telegrams.duplicates(corpus):
        pairs.setdefault(pair.first.id, []).append(pair)
        pairs.setdefault(pair.second.id, []).append(pair)
    threads: dict[str, Corpus] = {}
    for message in corpus:
        if message.id not in threads:
            thread = stalin_telegrams.thread_of(message, corpus)
            if len(thread) > 1:
                threads.update(dict.fromkeys(thread.ids, thread))
    replies: dict[str, list[str]] = {}
    for message in corpus:
        for answered in message.in_reply_to:
            replies.setdefault(answered, []).append(message.id)
    data = files("stalin_telegrams").joinpath("data")
    source_bytes = data.joinpath(SOURCE_FILE.removeprefix("data/")).read_bytes()
    # The pages change with the data and with this extension's code.
    digest = hashlib.sha256(data.joinpath("telegrams.json").read_bytes() + source_bytes)
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.read_bytes())
    return Edition(
        corpus=corpus,
        pairs={key: tuple(value) for key, value in pairs.items()},
        threads=threads,
        incoming={record.id: record for record in corpus.incoming()},
        replies={key: tuple(value) for key, value in replies.items()},
        source=tuple(source_bytes.decode("utf-8").splitlines()),
        digest=digest.hexdigest()[:16],
    )


def thread_links(data: Edition, thread: Corpus) -> list[tuple[str, str, str]]:
    """Return the links inside a thread: ``(from id, to id, kind)``, kind ``names`` or ``copy``."""
    members = set(thread.ids)
    links = [
        (m.id, target, "names")
        for m in thread
        for reference in m.references
        for target in reference.targets
        if target in members and target != m.id
    ]
    pairs = {pair for m in thread for pair in data.pairs.get(m.id, ())}
    links += sorted(
        (p.first.id, p.second.id, "copy") for p in pairs if {p.first.id, p.second.id} <= members
    )
    return links
