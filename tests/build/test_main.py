"""Tests for stalin_telegrams.build.__main__: the build's command line."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from stalin_telegrams.build import __main__ as command
from stalin_telegrams.build._emit import dumps
from stalin_telegrams.build._pipeline import Build, report, run


@pytest.fixture(scope="module")
def build() -> Build:
    """Return one fresh build from the packaged source, shared by the tests."""
    return run()


@pytest.fixture
def output(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, build: Build) -> Path:
    """Point the command at a corpus file in a temporary folder, and reuse one build."""
    target = tmp_path / "telegrams.json"
    monkeypatch.setattr(command, "OUTPUT", target)
    monkeypatch.setattr(command, "run", lambda: build)
    return target


class TestMain:
    """main() builds the corpus file, or checks the one in place."""

    def test_writes_the_build(
        self, output: Path, build: Build, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Without options it writes the fresh build's JSON and says where."""
        count = build.document["message_count"]
        assert 0 == command.main([])
        assert dumps(build.document) == output.read_text(encoding="utf-8")
        assert f"wrote {output} ({count} messages)\n" == capsys.readouterr().out

    def test_check_up_to_date(
        self, output: Path, build: Build, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--check passes, writing nothing, when the file is the fresh build."""
        output.write_text(dumps(build.document), encoding="utf-8")
        before = output.stat().st_mtime_ns
        count = build.document["message_count"]
        assert 0 == command.main(["--check"])
        assert f"telegrams.json is up to date ({count} messages)\n" == capsys.readouterr().out
        assert before == output.stat().st_mtime_ns

    @pytest.mark.parametrize("stale", ["{}\n", None], ids=["different", "missing"])
    def test_check_out_of_date(
        self, output: Path, stale: str | None, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--check fails, and leaves the file alone, when it differs or is missing."""
        if stale is not None:
            output.write_text(stale, encoding="utf-8")
        assert 1 == command.main(["--check"])
        assert "is out of date" in capsys.readouterr().err
        assert stale == (output.read_text(encoding="utf-8") if output.exists() else None)

    def test_report(self, output: Path, build: Build, capsys: pytest.CaptureFixture[str]) -> None:
        """--report prints the build report before the outcome."""
        output.write_text(dumps(build.document), encoding="utf-8")
        assert 0 == command.main(["--report", "--check"])
        assert capsys.readouterr().out.startswith(report(build) + "\n")

    def test_problems_fail_and_write_nothing(
        self,
        output: Path,
        build: Build,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """A build with broken invariants names each on stderr, fails and writes nothing."""
        broken = attrs.evolve(build, problems=("first problem", "second problem"))
        monkeypatch.setattr(command, "run", lambda: broken)
        assert 1 == command.main([])
        assert "problem: first problem\nproblem: second problem\n" == capsys.readouterr().err
        assert not output.exists()
