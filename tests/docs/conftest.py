"""Shared setup of the documentation tests: the extension's folder, and the built site.

The extension of the docs (``docs/_ext/``) is put on the path so that its
modules can be tested as any other. The tests of the built site read the
folder named by ``STALIN_TELEGRAMS_SITE``, which ``bash .ci/run`` sets to the
HTML its docs build made, on one Python: on the others it sets only
``STALIN_TELEGRAMS_SITE_PYTHON``, the Python (``3.X``) that tests the site,
and they skip. Without either (a plain local run) they skip, and under CI
(``CI`` set) that is a failure.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
SITE_VARIABLE = "STALIN_TELEGRAMS_SITE"
#: The Python (``3.X``) on which the run tests the built site, if another.
SITE_PYTHON_VARIABLE = "STALIN_TELEGRAMS_SITE_PYTHON"

sys.path.insert(0, str(DOCS / "_ext"))


@pytest.fixture(scope="session")
def site() -> Path:
    """Return the built HTML site named by ``STALIN_TELEGRAMS_SITE``."""
    value = os.environ.get(SITE_VARIABLE)
    tested_on = os.environ.get(SITE_PYTHON_VARIABLE)
    running = "{}.{}".format(*sys.version_info[:2])
    if not value and tested_on and tested_on != running:
        pytest.skip(
            f"the built site is tested once, on Python {tested_on} ({SITE_PYTHON_VARIABLE})"
        )
    if not value:
        reason = (
            f"{SITE_VARIABLE} is not set: build the docs (sphinx-build -b html docs DIR)"
            f" and set {SITE_VARIABLE}=DIR to test the built site"
        )
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI must test the site)")
        pytest.skip(reason)
    path = Path(value)
    if not (path / "index.html").is_file():
        pytest.fail(f"{SITE_VARIABLE}={value}: no index.html there")
    return path
