"""Tests for stalin_telegrams.build, the deprecated name of the pipeline."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from stalin_telegrams.pipeline import __main__ as pipeline_main


class TestDeprecatedName:
    """``stalin_telegrams.build`` still runs the pipeline in 0.3, and says it is deprecated."""

    def test_import_warns(self) -> None:
        """Importing the old name is a DeprecationWarning that names the new one."""
        sys.modules.pop("stalin_telegrams.build", None)
        with pytest.warns(DeprecationWarning, match=r"use python -m stalin_telegrams\.pipeline"):
            importlib.import_module("stalin_telegrams.build")

    def test_run_as_module(self) -> None:
        """``python -m stalin_telegrams.build --help`` runs the pipeline's command, with a note."""
        done = subprocess.run(
            [sys.executable, "-m", "stalin_telegrams.build", "--help"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert (0, True) == (done.returncode, "--check" in done.stdout)
        assert "python -m stalin_telegrams.build is deprecated" in done.stderr
        assert "removed in 0.4.0" in done.stderr

    def test_main_delegates(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """main() passes its arguments to the pipeline's main() and returns its status."""
        seen: list[object] = []

        def fake(argv: object = None) -> int:
            seen.append(argv)
            return 3

        monkeypatch.setattr(pipeline_main, "main", fake)
        sys.modules.pop("stalin_telegrams.build", None)
        with pytest.warns(DeprecationWarning, match=r"stalin_telegrams\.build is deprecated"):
            build = importlib.import_module("stalin_telegrams.build")
        assert 3 == build.main(["--check"])
        assert [["--check"]] == seen
