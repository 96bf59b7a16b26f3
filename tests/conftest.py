"""Shared test settings: Hypothesis profiles, and one run of the pipeline."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

if TYPE_CHECKING:
    from stalin_telegrams.pipeline._pipeline import Build

# A fast, repeatable profile for CI (and for `bash .ci/run`, which chooses it);
# a broader one for local runs; a thorough one on demand:
# STALIN_TELEGRAMS_HYPOTHESIS=thorough.
settings.register_profile("ci", max_examples=60, derandomize=True, deadline=None)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(
    os.environ.get("STALIN_TELEGRAMS_HYPOTHESIS") or ("ci" if os.environ.get("CI") else "dev")
)


@pytest.fixture(scope="session")
def pipeline_build() -> Build:
    """Return one fresh build from the packaged source, shared by the whole test run."""
    # Imported here: the pipeline needs python-dateutil, which only its tests need.
    from stalin_telegrams.pipeline._pipeline import run

    return run()
