"""Skip the doctests of a page whose tools are not installed, except in CI.

``docs/use-with.md`` runs recipes for pyarrow, polars, DuckDB and pandas.
Without one of them a local run skips the page, loudly; ``bash .ci/run``
installs them all (and sets ``STALIN_TELEGRAMS_WHEEL``), so there the page
always runs and a missing tool fails it.
"""

from __future__ import annotations

import importlib.util
import os

import pytest

NEEDS = {"use-with.md": ("pyarrow", "polars", "duckdb", "pandas")}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the doctests of a page to skip when a tool it needs is missing."""
    if os.environ.get("STALIN_TELEGRAMS_WHEEL") or os.environ.get("CI"):
        return
    for item in items:
        needed = NEEDS.get(item.path.name, ())
        missing = [name for name in needed if importlib.util.find_spec(name) is None]
        if missing:
            reason = f"SKIPPED: {item.path.name} needs {', '.join(missing)}, not installed"
            item.add_marker(pytest.mark.skip(reason=reason))
