"""The reviewed titles of threads: docs/thread-titles.csv, where a reader overrode the rule.

The rule (:func:`._data.thread_title`) names a thread by the two names
that best set its messages apart from the rest of the volume. Where a reader
found that those names mislead (a messenger, a place named in passing), the
table gives what the thread is about instead, with the reason; the
correspondents and the month the rule adds stay.
"""

from __future__ import annotations

import csv
from pathlib import Path

#: The reviewed table: ``thread,topic,reason``, a row per thread whose rule-made title misleads.
THREAD_TITLES = Path(__file__).resolve().parents[2] / "thread-titles.csv"


def reviewed_topics(path: Path = THREAD_TITLES) -> dict[str, str]:
    """Return the reviewed topic of each thread in *path*, by the thread's key (its first id).

    Raises:
        ValueError: A key is given twice, or a row has no topic or no reason.
    """
    topics: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            key, topic, reason = (row.get(f) or "" for f in ("thread", "topic", "reason"))
            if key in topics:
                msg = f"{path.name}, line {line}: thread {key} is given twice"
                raise ValueError(msg)
            if not topic.strip() or not reason.strip():
                msg = f"{path.name}, line {line}: thread {key} needs a topic and a reason"
                raise ValueError(msg)
            topics[key] = topic.strip()
    return topics


def with_topic(title: str, topic: str) -> str:
    """Return the rule's *title* with its names replaced by *topic*.

    >>> with_topic("Tehran: with Churchill and Roosevelt, January 1944", "Italian ships")
    'Italian ships: with Churchill and Roosevelt, January 1944'
    >>> with_topic("With Churchill, March 1942", "Convoys")
    'Convoys: with Churchill, March 1942'
    """
    _, colon, rest = title.partition(": with ")
    with_ = f"with {rest}" if colon else title[:1].lower() + title[1:]
    return f"{topic}: {with_}"


def reviewed_titles(titles: dict[str, str], topics: dict[str, str]) -> dict[str, str]:
    """Return *titles* (by thread key) with the reviewed *topics* in place of the rule's names.

    Raises:
        ValueError: A topic is given for a key that names no thread.
    """
    unknown = sorted(set(topics) - set(titles))
    if unknown:
        msg = f"{THREAD_TITLES.name}: no thread has the key {', '.join(unknown)}"
        raise ValueError(msg)
    return {
        key: with_topic(title, topics[key]) if key in topics else title
        for key, title in titles.items()
    }
