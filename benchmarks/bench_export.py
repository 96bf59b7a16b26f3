"""Benchmark every export of the whole corpus, as a ratio to load().

Run: python benchmarks/bench_export.py [--runs N]. Needs the arrow and polars
extras for those formats (the others use the standard library only).

load() is timed in a fresh process (its cache empty), median of the runs;
each export is timed in this process after one warm-up call (so that the
import of pyarrow or polars is not counted), median of the runs, writing into
a temporary folder. Prints each time, its ratio to load() and the size of what
it wrote. Target: each export well under a second.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from stalin_telegrams import load
from stalin_telegrams.exports._arrow import to_arrow, to_parquet
from stalin_telegrams.exports._cmif import cmif as cmif_document
from stalin_telegrams.exports._cmif import to_cmif
from stalin_telegrams.exports._datapackage import to_datapackage
from stalin_telegrams.exports._polars import to_polars
from stalin_telegrams.exports._records import to_records
from stalin_telegrams.exports._sqlite import to_sqlite

_LOAD = """
import time, stalin_telegrams
t = time.perf_counter(); stalin_telegrams.load(); print(time.perf_counter() - t)
"""


def _load_time(runs: int) -> float:
    return statistics.median(
        float(subprocess.check_output([sys.executable, "-c", _LOAD], text=True))  # noqa: S603 - this interpreter, fixed code
        for _ in range(runs)
    )


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir())
    return path.stat().st_size


def _exports(folder: Path) -> dict[str, tuple[Callable[[], object], Path | None]]:
    corpus = load()
    # The pairs are found once per corpus and kept: find them before timing.
    incoming, pairs, names = corpus.incoming(), corpus.duplicates(), corpus.name_index

    def jsonl() -> None:
        lines = (json.dumps(r, ensure_ascii=False) + "\n" for r in to_records(corpus))
        (folder / "telegrams.jsonl").write_text("".join(lines), encoding="utf-8")

    def arrow() -> object:
        return to_arrow(corpus)

    def parquet() -> None:
        to_parquet(corpus, folder / "telegrams.parquet")

    def polars() -> object:
        return to_polars(corpus)

    def sqlite() -> None:
        to_sqlite(corpus, folder / "telegrams.db", incoming=incoming, pairs=pairs, names=names)

    def cmif() -> None:
        document = cmif_document(corpus, incoming=incoming, names=names)
        to_cmif(folder / "telegrams-cmif.xml", document)

    def datapackage() -> None:
        to_datapackage(corpus, folder / "package", incoming=incoming, pairs=pairs, names=names)

    return {
        "to_records()": (lambda: to_records(corpus), None),
        "jsonl": (jsonl, folder / "telegrams.jsonl"),
        "to_arrow()": (arrow, None),
        "parquet": (parquet, folder / "telegrams.parquet"),
        "to_polars()": (polars, None),
        "sqlite (+ metadata)": (sqlite, folder / "telegrams.db"),
        "cmif": (cmif, folder / "telegrams-cmif.xml"),
        "datapackage": (datapackage, folder / "package"),
    }


def _median(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    base = _load_time(runs)
    print(f"load() in a fresh process: {base * 1e3:8.1f} ms (median of {runs})")
    folder = Path(tempfile.mkdtemp())
    try:
        for name, (run, output) in _exports(folder).items():
            try:
                run()
            except ImportError as err:
                print(f"{name:<22} skipped: {err}")
                continue
            took = _median(run, runs)
            size = f"{_size(output) / 1024:8.0f} KiB" if output is not None else ""
            print(f"{name:<22} {took * 1e3:8.1f} ms  {took / base:6.2f}x load()  {size}")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
