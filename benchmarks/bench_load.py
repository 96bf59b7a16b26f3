"""Benchmark load() against json.loads of the same file, each in a fresh process.

Run: python benchmarks/bench_load.py [--runs N]. Each measurement runs in a
fresh interpreter, the kinds taking turns round by round so that a busy
machine slows them alike; the figures are medians, of wall-clock time and of
the process's CPU time (which other processes on a busy machine disturb
less). load() is timed from its call right after `import stalin_telegrams`,
with all it does on a first call: reading the file, checking its digest
(BLAKE2b, CPython's own), parsing, the structuring, and importing the loader's
own modules (the package imports them on first use); the baseline reads the
same file with open() and parses it with json.loads. Before the clock starts,
each side imports json, cattrs (and so attrs) and the package, which the
import figures count in the baseline; bench_import.py reports the first
import and load() in all.
Bytecode is cached in a temporary folder, as it is for an installed wheel.
Targets: load() at or under 2x reading the file and json.loads of it, and the
import time the package adds beyond importing attrs and cattrs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile

# Each snippet prints, for each span it times, the wall-clock and the CPU seconds.
_CLOCK = """
import time
def now():
    return time.perf_counter(), time.process_time()
def since(start):
    wall, cpu = now()
    return f"{wall - start[0]} {cpu - start[1]}"
"""
_LOAD = """
import json, cattrs, stalin_telegrams
t = now(); stalin_telegrams.load(); print(since(t))
"""
_JSON = """
import json, os, cattrs, stalin_telegrams
path = os.path.join(os.path.dirname(stalin_telegrams.__file__), "data", "telegrams.json")
t = now()
with open(path, "rb") as stream:
    raw = stream.read()
r = now(); json.loads(raw); print(since(t), since(r))
"""
_HASH = """
import json, cattrs, stalin_telegrams
from stalin_telegrams import _load
raw = _load.packaged_file().read_bytes()
t = now(); _load._blake2b(raw); print(since(t))
"""
_IMPORT_BASE = """
t = now(); import attrs, cattrs; print(since(t))
"""
_IMPORT_PKG = """
t = now(); import attrs, cattrs, stalin_telegrams; print(since(t))
"""


def _run(code: str, env: dict[str, str]) -> list[float]:
    out = subprocess.check_output([sys.executable, "-c", _CLOCK + code], text=True, env=env)  # noqa: S603 - this interpreter, fixed code
    return [float(x) for x in out.split()]


def rounds(codes: list[str], runs: int) -> list[list[list[float]]]:
    """Run each code *runs* times, in turns; return, for each code, the figures of each run."""
    rows: list[list[list[float]]] = [[] for _ in codes]
    with tempfile.TemporaryDirectory() as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        _run(_LOAD, env)  # compile and cache the bytecode once
        for _ in range(runs):
            for code, row in zip(codes, rows, strict=True):
                row.append(_run(code, env))
    return rows


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    figures = rounds([_LOAD, _JSON, _HASH, _IMPORT_BASE, _IMPORT_PKG], runs)
    medians = [[statistics.median(column) for column in zip(*row, strict=True)] for row in figures]
    load, (*read_parse, parse_wall, parse_cpu), digest, base, pkg = medians
    parse = [parse_wall, parse_cpu]
    print(f"medians of {runs} fresh processes     wall ms   CPU ms")
    rows = {
        "load() (read, hash, parse, structure)": load,
        "  of which the digest (BLAKE2b)": digest,
        "read + json.loads of the file": read_parse,
        "json.loads alone (bytes in hand)": parse,
        "import attrs, cattrs": base,
        "import stalin_telegrams too": pkg,
        "added by the package": [p - b for p, b in zip(pkg, base, strict=True)],
    }
    for name, (wall, cpu) in rows.items():
        print(f"{name:38} {wall * 1e3:7.2f} {cpu * 1e3:8.2f}")
    for name, against in (("read + json.loads", read_parse), ("json.loads alone", parse)):
        wall, cpu = (x / y for x, y in zip(load, against, strict=True))
        print(f"ratio load / {name:25} {wall:7.2f}x {cpu:7.2f}x")
    paired = [
        [x / y for x, y in zip(a, b[:2], strict=True)]
        for a, b in zip(figures[0], figures[1], strict=True)
    ]
    walls, cpus = zip(*paired, strict=True)
    print(
        f"ratio load / read + json.loads, pair by pair: median {statistics.median(walls):.2f}x"
        f" wall, {statistics.median(cpus):.2f}x CPU; least {min(walls):.2f}x, {min(cpus):.2f}x"
    )
    print("target: load / (read + json.loads) <= 2x")


if __name__ == "__main__":
    main()
