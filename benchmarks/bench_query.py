"""Benchmark the query API: duplicates(), filter_by() (mentions too) and thread_of().

Run: python benchmarks/bench_query.py [--runs N]. Prints medians of the CPU
time of this process (``time.process_time``: what other processes on a busy
machine disturb least), with the least time for duplicates(); targets:

* duplicates() over the whole corpus under 50 ms, on a new corpus and on the
  first call in a fresh process (after load(); its imports included);
* duplicates() over a synthetic corpus ten times larger (each message and
  nine clones of it with the words shuffled, each set of clones dated
  five years later than the one before, as a longer correspondence would
  be) under 15 times as long;
* filter_by() and thread_of() under 1 ms each after the first call.

"Cold" runs search a new corpus, which has computed nothing of its texts
yet, as on the first call in a process; "warm" runs search one that keeps
the words and shingles of its texts from an earlier search (a Corpus also
keeps its pairs at the default threshold, so later calls on one cost
nothing). filter_by(contains=...) is timed on its first call on a new
corpus, and after it.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence

import attrs

from stalin_telegrams import Corpus, Message, duplicates, filter_by, load, thread_of
from stalin_telegrams._duplicates import DEFAULT_THRESHOLD, find_pairs
from stalin_telegrams._memo import Memo

CLONES = 9
#: How far each set of clones is moved in time: past the whole war, so that
#: ten times the data is a correspondence ten times as long, not ten times
#: as dense (same-matter pairs are looked for within two days).
SHIFT = datetime.timedelta(days=5 * 366)


def _times(
    run: Callable[[], object], runs: int, before: Callable[[], object] | None = None
) -> list[float]:
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return times


def _median(
    run: Callable[[], object], runs: int, before: Callable[[], object] | None = None
) -> float:
    return statistics.median(_times(run, runs, before))


_FIRST_CALL = """
import time, stalin_telegrams
stalin_telegrams.load()
start = time.process_time(); stalin_telegrams.duplicates(); print(time.process_time() - start)
"""


def _first_calls(runs: int) -> list[float]:
    """Return the CPU seconds of the first duplicates() in each of *runs* fresh processes."""
    with tempfile.TemporaryDirectory() as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        command = [sys.executable, "-c", _FIRST_CALL]
        subprocess.run(command, env=env, check=True, capture_output=True)  # noqa: S603 - fixed code
        return [
            float(subprocess.check_output(command, env=env, text=True))  # noqa: S603 - fixed code
            for _ in range(runs)
        ]


def _shuffled(messages: Sequence[Message], clones: int) -> list[Message]:
    """Return the messages and *clones* copies of each, its words shuffled, moved in time."""
    rng = random.Random(1945)  # noqa: S311 - test data, not cryptography
    out = list(messages)
    number = max(m.number for m in messages)
    for k in range(clones):
        for message in messages:
            words = message.text.split()
            rng.shuffle(words)
            number += 1
            clone_id = f"clone{k}-{message.id}"
            shift = SHIFT * (k + 1)
            out.append(
                attrs.evolve(
                    message,
                    id=clone_id,
                    number=number,
                    text=" ".join(words),
                    written_on=message.written_on and message.written_on + shift,
                    sent_on=message.sent_on and message.sent_on + shift,
                    references=(),
                    copy_of=message.copy_of and f"clone{k}-{message.copy_of}",
                    enclosed_in=message.enclosed_in and f"clone{k}-{message.enclosed_in}",
                )
            )
    return out


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmarks and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs per figure (median)")
    runs = parser.parse_args(argv).runs

    corpus = load()
    messages = list(corpus)
    big = _shuffled(messages, CLONES)
    pairs, big_pairs = duplicates(messages), duplicates(big)
    kinds = Counter(p.kind for p in pairs)
    big_kinds = Counter(p.kind for p in big_pairs)

    memo, big_memo = Memo(), Memo()
    find_pairs(messages, DEFAULT_THRESHOLD, memo)
    find_pairs(big, DEFAULT_THRESHOLD, big_memo)
    colds = _times(lambda: duplicates(messages), runs)
    cold = statistics.median(colds)
    warm = _median(lambda: find_pairs(messages, DEFAULT_THRESHOLD, memo), runs)
    big_cold = _median(lambda: duplicates(big), max(3, runs // 4))
    big_warm = _median(lambda: find_pairs(big, DEFAULT_THRESHOLD, big_memo), max(3, runs // 4))
    firsts = _first_calls(max(5, runs // 3))
    print(
        f"duplicates(), {len(corpus)} messages: cold {cold * 1e3:.1f} ms"
        f" (least {min(colds) * 1e3:.1f}), warm {warm * 1e3:.1f} ms (target < 50 ms);"
        f" {len(pairs)} pairs"
    )
    print(
        f"duplicates(), first call in a fresh process: {statistics.median(firsts) * 1e3:.1f} ms"
        f" (least {min(firsts) * 1e3:.1f}; {len(firsts)} processes; target < 50 ms)"
    )
    print(
        f"duplicates(), {len(big)} messages: cold {big_cold * 1e3:.1f} ms,"
        f" warm {big_warm * 1e3:.1f} ms; {len(big_pairs)} pairs"
        f" (corpus {sorted(kinds.items())}; ten times {sorted(big_kinds.items())})"
    )
    print(
        f"  ratio {len(big) / len(corpus):.0f}x the messages: cold {big_cold / cold:.1f}x,"
        f" warm {big_warm / warm:.1f}x (target < 15x)"
    )

    filter_by(recipient="Churchill")
    criteria = {"recipient": "Churchill", "after": "1943-01-01", "before": "1944-01-01"}
    query = _median(lambda: filter_by(**criteria), runs * 10)  # type: ignore[arg-type]
    phrase = _median(lambda: filter_by(contains="second front"), runs * 10)
    fresh = [Corpus(messages) for _ in range(runs * 10)]
    phrase_first = _median(lambda: fresh.pop().filter_by(contains="second front"), runs * 10)
    print(
        f"filter_by(recipient, after, before), after the first call: {query * 1e3:.3f} ms"
        " (target < 1 ms)"
    )
    print(
        f"filter_by(contains='second front'), after the first call: {phrase * 1e3:.3f} ms"
        f" (target < 1 ms); first call on a corpus: {phrase_first * 1e3:.3f} ms (target < 3 ms)"
    )
    named = _median(lambda: filter_by(mentions="Poland"), runs * 10)
    both = _median(lambda: filter_by(mentions=("Mr Kerr", "Curzon Line")), runs * 10)
    print(
        f"filter_by(mentions='Poland'), after the first call: {named * 1e3:.3f} ms;"
        f" two names, all of them: {both * 1e3:.3f} ms (target < 1 ms)"
    )

    first = _median(lambda: thread_of("1943-02-16-churchill", messages), 1)
    thread = _median(lambda: thread_of("1943-02-16-churchill"), runs * 10)
    received = _median(lambda: thread_of("1943-02-16-churchill", include_incoming=True), runs * 10)
    print(
        f"thread_of(): first call {first * 1e3:.1f} ms; after the first call"
        f" {thread * 1e3:.3f} ms, with include_incoming {received * 1e3:.3f} ms (target < 1 ms)"
    )


if __name__ == "__main__":
    main()
