"""Benchmark what ``import stalin_telegrams`` costs beyond ``import attrs, cattrs``.

Run: python benchmarks/bench_import.py [--runs N] [--profile]. Each figure is
the median over N fresh interpreters (default 31), the two imports
interleaved so that a busy machine slows both alike. Target: the package
adds at most 10 ms. ``--profile`` also prints, from ``python -X importtime``
in one more fresh process, the modules the package import brings in beyond
attrs and cattrs, costliest first.

Bytecode is cached (in a temporary folder, through ``PYTHONPYCACHEPREFIX``,
whatever ``PYTHONDONTWRITEBYTECODE`` says), as it is for an installed wheel:
compiling the sources is not what a user pays at import.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile

#: The package's budget beyond attrs and cattrs, in seconds.
TARGET = 0.010

_BASE = "import time; t = time.perf_counter(); import attrs, cattrs; print(time.perf_counter() - t)"
_PACKAGE = (
    "import time; t = time.perf_counter(); import attrs, cattrs, stalin_telegrams;"
    " print(time.perf_counter() - t)"
)
# The package imports its loader, json and importlib.resources on first use:
# the first load() pays for them, and is reported with the import.
_FIRST_LOAD = (
    "import time; t = time.perf_counter(); import stalin_telegrams; i = time.perf_counter();"
    " stalin_telegrams.load(); print(time.perf_counter() - i, time.perf_counter() - t)"
)


def _environment(cache: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = cache
    return env


def _times(code: str, env: dict[str, str]) -> list[float]:
    out = subprocess.check_output([sys.executable, "-c", code], text=True, env=env)  # noqa: S603 - this interpreter, fixed code
    return [float(x) for x in out.split()]


def _time(code: str, env: dict[str, str]) -> float:
    return _times(code, env)[0]


def _profile(env: dict[str, str]) -> list[tuple[int, str]]:
    """Return (microseconds, module) for each module imported after attrs and cattrs."""
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import attrs, cattrs, stalin_telegrams"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    rows: list[tuple[int, str]] = []
    started = False
    for line in run.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        own, _, name = line.removeprefix("import time:").split("|")
        if not own.strip().isdigit():
            continue  # the header line
        if started:
            rows.append((int(own), name.rstrip()))
        if name.strip() == "cattrs":
            started = True
    return sorted(rows, reverse=True)


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=31, help="fresh processes per figure")
    parser.add_argument("--profile", action="store_true", help="list the modules imported")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        env = _environment(cache)
        _time(_PACKAGE, env)  # fills the bytecode cache
        base: list[float] = []
        package: list[float] = []
        first: list[list[float]] = []
        for _ in range(args.runs):
            base.append(_time(_BASE, env))
            package.append(_time(_PACKAGE, env))
            first.append(_times(_FIRST_LOAD, env))
        rows = _profile(env) if args.profile else []
    added = statistics.median(p - b for p, b in zip(package, base, strict=True))
    print(f"import attrs, cattrs:             {statistics.median(base) * 1e3:6.2f} ms")
    print(f"import stalin_telegrams too:      {statistics.median(package) * 1e3:6.2f} ms")
    print(
        f"added by the package (median):    {added * 1e3:6.2f} ms"
        f" (target <= {TARGET * 1e3:.0f} ms; {args.runs} fresh processes each)"
    )
    load, total = (statistics.median(column) for column in zip(*first, strict=True))
    print(f"first load() after the import:    {load * 1e3:6.2f} ms (its lazy imports included)")
    print(f"import stalin_telegrams + load(): {total * 1e3:6.2f} ms (from a bare interpreter)")
    if args.profile:
        print("\nmodules imported beyond attrs and cattrs (own time, microseconds):")
        for micros, name in rows:
            print(f"{micros:8d}  {name}")


if __name__ == "__main__":
    main()
