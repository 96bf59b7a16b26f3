"""Shared test settings: Hypothesis profiles."""

from __future__ import annotations

import os

from hypothesis import settings

# A fast, repeatable profile for CI; a broader one for local runs.
settings.register_profile("ci", max_examples=60, derandomize=True, deadline=None)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
