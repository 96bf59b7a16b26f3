"""Benchmark the whole process ``import stalin_telegrams; load()`` against one that parses the JSON.

Run: python benchmarks/bench_process.py [--runs N]. The two processes are
started in turns, round by round, so that a busy machine slows them alike;
each round gives the ratio of the pair. Each process is timed from its
start to its exit, the interpreter's start and end included: its CPU time
(user and system, as the operating system accounts the finished child) and
its wall-clock time. The baseline reads the packaged file with open() and
parses it with json.loads, in a process that imports json only.

Bytecode is cached in a temporary folder, as it is for an installed wheel.
Target: the whole process at most 2.5x the one that only reads and parses the
JSON (importing attrs and the package costs about 1.9x before any record is
built).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import stalin_telegrams

TARGET = 2.5
DATA = Path(stalin_telegrams.__file__).parent / "data" / "telegrams.json"
_LOAD = "import stalin_telegrams; stalin_telegrams.load()"
_JSON = f"import json; json.loads(open({str(DATA)!r}, 'rb').read())"


def _run(code: str, env: dict[str, str]) -> tuple[float, float]:
    """Run *code* in a fresh interpreter; return its CPU and wall-clock seconds."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code], env=env)  # noqa: S603 - this interpreter, fixed code
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, code)
    return usage.ru_utime + usage.ru_stime, wall


def _figures(values: list[float]) -> str:
    return f"{min(values):7.3f} {statistics.median(values):7.3f} {max(values):7.3f}"


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="rounds (one process of each)")
    runs = parser.parse_args().runs
    load: list[tuple[float, float]] = []
    parse: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        _run(_LOAD, env)  # compile and cache the bytecode once
        _run(_JSON, env)
        for _ in range(runs):
            load.append(_run(_LOAD, env))
            parse.append(_run(_JSON, env))
    print(f"{runs} rounds of fresh processes, seconds        min  median     max")
    for name, rows in (("import stalin_telegrams; load()", load), ("read + json.loads", parse)):
        for index, clock in enumerate(("CPU", "wall")):
            print(f"{name:32} {clock:5} {_figures([row[index] for row in rows])}")
    for index, clock in enumerate(("CPU", "wall")):
        ratios = [a[index] / b[index] for a, b in zip(load, parse, strict=True)]
        print(f"{'ratio, pair by pair':32} {clock:5} {_figures(ratios)}")
    print(f"target: the median CPU ratio <= {TARGET}x")


if __name__ == "__main__":
    main()
