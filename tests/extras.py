"""Import an optional test dependency: skip without it, except in the CI run.

``bash .ci/run`` installs every extra and test tool and sets
``STALIN_TELEGRAMS_WHEEL``; there a missing one fails the test instead of
skipping it, so CI cannot pass without running these tests.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

import pytest


def need(module: str) -> ModuleType:
    """Return the imported *module*, or skip (locally) or fail (in CI) without it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        reason = f"{module} is not installed: SKIPPING the tests that need it"
        if os.environ.get("STALIN_TELEGRAMS_WHEEL") or os.environ.get("CI"):
            pytest.fail(f"{reason} -- but CI installs it, so this is a failure")
        pytest.skip(reason)
