"""Benchmark load() against json.loads of the same file, each in a fresh process.

Run: python benchmarks/bench_load.py [--runs N]. Each measurement runs in a
fresh interpreter, the kinds taking turns round by round so that a busy
machine slows them alike; the figures are medians. load() includes all it
does on a first call: reading the file through importlib.resources, importing
hashlib and checking the SHA-256, parsing, and the strict structuring.
Targets: load() at or under 2x reading the file and json.loads of it, and the
import time the package adds beyond importing attrs and cattrs.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

_LOAD = """
import time, stalin_telegrams
t = time.perf_counter(); stalin_telegrams.load(); print(time.perf_counter() - t)
"""
_JSON = """
import json, time, stalin_telegrams
from importlib.resources import files
t = time.perf_counter()
raw = files("stalin_telegrams").joinpath("data").joinpath("telegrams.json").read_bytes()
r = time.perf_counter(); json.loads(raw); e = time.perf_counter()
print(e - t, e - r)
"""
_HASH = """
import time, stalin_telegrams
from importlib.resources import files
raw = files("stalin_telegrams").joinpath("data").joinpath("telegrams.json").read_bytes()
t = time.perf_counter(); import hashlib
hashlib.sha256(raw).hexdigest(); print(time.perf_counter() - t)
"""
_IMPORT_BASE = """
import time; t = time.perf_counter(); import attrs, cattrs; print(time.perf_counter() - t)
"""
_IMPORT_PKG = """
import time; t = time.perf_counter(); import attrs, cattrs, stalin_telegrams
print(time.perf_counter() - t)
"""


def _run(code: str) -> list[float]:
    out = subprocess.check_output([sys.executable, "-c", code], text=True)  # noqa: S603 - this interpreter, fixed code
    return [float(x) for x in out.split()]


def _medians(codes: list[str], runs: int) -> list[list[float]]:
    """Run each code *runs* times, in turns; return the median of each figure it prints."""
    rows: list[list[list[float]]] = [[] for _ in codes]
    for _ in range(runs):
        for code, row in zip(codes, rows, strict=True):
            row.append(_run(code))
    return [[statistics.median(column) for column in zip(*row, strict=True)] for row in rows]


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    (load,), (read_parse, parse), (digest,), (base,), (pkg,) = _medians(
        [_LOAD, _JSON, _HASH, _IMPORT_BASE, _IMPORT_PKG], runs
    )
    print(f"load() in a fresh process:        {load * 1e3:7.2f} ms (median of {runs})")
    print(f"  of which import hashlib + sha256: {digest * 1e3:5.2f} ms")
    print(f"read + json.loads of the file:    {read_parse * 1e3:7.2f} ms")
    print(f"json.loads alone (bytes in hand): {parse * 1e3:7.2f} ms")
    print(f"ratio load / (read + json.loads): {load / read_parse:7.2f}x (target <= 2x)")
    print(f"ratio load / json.loads alone:    {load / parse:7.2f}x")
    print(f"import attrs, cattrs:             {base * 1e3:7.2f} ms")
    print(f"import stalin_telegrams too:      {pkg * 1e3:7.2f} ms")
    print(f"added by the package:             {(pkg - base) * 1e3:7.2f} ms")


if __name__ == "__main__":
    main()
