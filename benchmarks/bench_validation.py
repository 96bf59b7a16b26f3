"""Benchmark what the checks of the records cost the packaged load().

Run: python benchmarks/bench_validation.py [--runs N]. Each measurement is a
first load() in a fresh interpreter, the kinds taking turns round by round so
that a busy machine slows them alike; the figures are medians of wall-clock
and CPU time. The kinds:

* ``as shipped``: the records are built without the checks of each field
  (the loader has checked every column already); the packaged file, verified
  by its digest, is not held to the rules of the types (``_rules``) again,
  and the records a message holds are made on the first read of their field
  (in every kind here, so none of them is timed);
* ``no checks``: the records are built by attrs' own ``__init__``, called as
  the class (as 0.2.0 did), with no rules: what load() cost without
  validation;
* ``every record checked``: each record is built through its checking
  ``__init__``, as a record a user makes is.

The benchmark swaps the constructors process-wide, which only a benchmark
may do: the package never does. Target: as shipped <= 1.10 x no checks.
"""

from __future__ import annotations

import argparse
import statistics

from bench_load import rounds

# Every snippet first imports what it patches; the clock comes from bench_load.
_IMPORTS = """
import json, cattrs, stalin_telegrams
from stalin_telegrams import _converter, _load
"""
_SHIPPED = (
    _IMPORTS
    + """
t = now(); stalin_telegrams.load(); print(since(t))
"""
)
_CALLED = """
def called(cls):
    def make(columns, names):
        if names is None:
            return tuple(map(cls, *columns))
        return tuple([cls(**dict(zip(names, row))) for row in zip(*columns)])
    return make
"""
_NO_CHECKS = (
    _IMPORTS
    + _CALLED
    + """
for table in _converter.tables():
    cls = table.cls
    cls.__init__ = cls.__unchecked_init__
    table._make = called(cls)
    table._rules = None
t = now(); stalin_telegrams.load(); print(since(t))
"""
)
_EVERY = (
    _IMPORTS
    + _CALLED
    + """
for table in _converter.tables():
    table._make = called(table.cls)
    table._rules = None
t = now(); stalin_telegrams.load(); print(since(t))
"""
)


def _medians(codes: list[str], runs: int) -> list[list[float]]:
    """Run each code *runs* times, in turns; return the median of each figure it prints."""
    return [
        [statistics.median(column) for column in zip(*row, strict=True)]
        for row in rounds(codes, runs)
    ]


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    shipped, bare, every = _medians([_SHIPPED, _NO_CHECKS, _EVERY], runs)
    print(f"first load(), medians of {runs} fresh processes   wall ms   CPU ms")
    for name, (wall, cpu) in {
        "as shipped (columns checked, rules)": shipped,
        "no checks (0.2.0's way)": bare,
        "every record checked": every,
    }.items():
        print(f"{name:44} {wall * 1e3:7.2f} {cpu * 1e3:8.2f}")
    wall, cpu = (x / y for x, y in zip(shipped, bare, strict=True))
    print(f"{'ratio as shipped / no checks':44} {wall:7.3f}x {cpu:7.3f}x")
    print("target: as shipped / no checks <= 1.10x")


if __name__ == "__main__":
    main()
