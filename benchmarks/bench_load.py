"""Benchmark load() against json.loads of the same file, each in a fresh process.

Run: python benchmarks/bench_load.py [--runs N]. Prints medians; targets:
load() under 2x json.loads, and the import time the package adds beyond
importing attrs and cattrs.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

# Before its clock starts, the load() side imports what the json.loads side
# has imported before its own (json, importlib.resources) and cattrs, which
# the import figures count as the baseline: the package imports them on first
# use only, and bench_import.py reports the first import and load() in all.
_LOAD = """
import json, time, cattrs, stalin_telegrams
from importlib.resources import files
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
_IMPORT_BASE = """
import time; t = time.perf_counter(); import attrs, cattrs; print(time.perf_counter() - t)
"""
_IMPORT_PKG = """
import time; t = time.perf_counter(); import attrs, cattrs, stalin_telegrams
print(time.perf_counter() - t)
"""


def _medians(code: str, runs: int) -> list[float]:
    rows = [
        [float(x) for x in subprocess.check_output([sys.executable, "-c", code], text=True).split()]  # noqa: S603 - runs this interpreter on fixed code
        for _ in range(runs)
    ]
    return [statistics.median(column) for column in zip(*rows, strict=True)]


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    (load,) = _medians(_LOAD, runs)
    read_parse, parse = _medians(_JSON, runs)
    (base,) = _medians(_IMPORT_BASE, runs)
    (pkg,) = _medians(_IMPORT_PKG, runs)
    print(f"load() in a fresh process:        {load * 1e3:7.2f} ms (median of {runs})")
    print(f"read + json.loads of the file:    {read_parse * 1e3:7.2f} ms")
    print(f"json.loads alone (bytes in hand): {parse * 1e3:7.2f} ms")
    print(f"ratio load / (read + json.loads): {load / read_parse:7.2f}x (target < 2x)")
    print(f"ratio load / json.loads alone:    {load / parse:7.2f}x")
    print(f"import attrs, cattrs:             {base * 1e3:7.2f} ms")
    print(f"import stalin_telegrams too:      {pkg * 1e3:7.2f} ms")
    print(f"added by the package:             {(pkg - base) * 1e3:7.2f} ms")


if __name__ == "__main__":
    main()
