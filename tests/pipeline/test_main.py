"""Tests for stalin_telegrams.pipeline.__main__: the build's command line."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata
from pathlib import Path

import attrs
import pytest

from stalin_telegrams import _licence
from stalin_telegrams._version import __version__
from stalin_telegrams.pipeline import __main__ as build_main
from stalin_telegrams.pipeline import _croissant, _pipeline
from stalin_telegrams.pipeline._emit import digest_module


@pytest.fixture
def build(pipeline_build: _pipeline.Build) -> _pipeline.Build:
    """Return the fresh build that the whole run shares."""
    return pipeline_build


@pytest.fixture
def targets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, build: _pipeline.Build
) -> tuple[Path, Path]:
    """Point the command at files in a temporary folder, and reuse the shared build."""
    data, digest = tmp_path / "telegrams.json", tmp_path / "_digest.py"
    monkeypatch.setattr(build_main, "OUTPUT", data)
    monkeypatch.setattr(build_main, "DIGEST", digest)
    monkeypatch.setattr(build_main, "CROISSANT", tmp_path / "croissant.json")
    monkeypatch.setattr(_pipeline, "run", lambda: build)
    return data, digest


class TestOutputs:
    """outputs() pairs the corpus with its digest module, corpus first."""

    def test_pair(self, tmp_path: Path) -> None:
        """The corpus bytes, then the module recording their digest."""
        data, digest = tmp_path / "a.json", tmp_path / "d.py"
        assert [(data, b"x"), (digest, digest_module(b"x"))] == list(
            build_main.outputs(b"x", data, digest).items()
        )


class TestStale:
    """stale() lists the files that differ from what a build writes."""

    def test_stale(self, tmp_path: Path) -> None:
        """A changed file and a missing one are stale; an equal one is not."""
        same, changed, missing = tmp_path / "a", tmp_path / "b", tmp_path / "c"
        same.write_bytes(b"1")
        changed.write_bytes(b"1")
        assert [changed, missing] == build_main.stale({same: b"1", changed: b"2", missing: b"3"})


class TestWrite:
    """write() writes every file."""

    def test_writes(self, tmp_path: Path) -> None:
        """Each file gets its bytes."""
        files = {tmp_path / "a": b"1", tmp_path / "b": b"2"}
        build_main.write(files)
        assert [b"1", b"2"] == [path.read_bytes() for path in files]


class TestMain:
    """main() builds the corpus and its digest, or checks both."""

    def test_committed_files_up_to_date(self, build: _pipeline.Build) -> None:
        """The committed corpus and _digest.py are what a fresh build writes."""
        data = build_main.dumps(build.document).encode()
        assert [] == build_main.stale(
            build_main.outputs(data, build_main.OUTPUT, build_main.DIGEST)
        )

    def test_build_then_check(
        self, targets: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A build writes both files; a check then passes."""
        data, digest = targets
        assert 0 == build_main.main([])
        assert digest_module(data.read_bytes()) == digest.read_bytes()
        assert 0 == build_main.main(["--check"])
        out = capsys.readouterr().out
        assert "telegrams.json, _digest.py and croissant.json are up to date" in out
        assert (data.parent / "croissant.json").is_file()

    def test_stale_digest(
        self, targets: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A check fails when only _digest.py is out of date, naming it."""
        _, digest = targets
        assert 0 == build_main.main([])
        digest.write_bytes(digest_module(b"other"))
        capsys.readouterr()
        assert 1 == build_main.main(["--check"])
        err = capsys.readouterr().err
        assert f"{digest} is out of date: run python -m stalin_telegrams.pipeline\n" == err

    def test_stale_data(
        self, targets: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A check fails when the corpus file differs, even by line endings."""
        data, _ = targets
        assert 0 == build_main.main([])
        data.write_bytes(data.read_bytes().replace(b"\n", b"\r\n"))
        capsys.readouterr()
        assert 1 == build_main.main(["--check"])
        assert f"{data} is out of date" in capsys.readouterr().err

    @pytest.mark.usefixtures("targets")
    def test_report(
        self,
        build: _pipeline.Build,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """--report prints the build report before the outcome."""
        assert 0 == build_main.main([])
        capsys.readouterr()
        assert 0 == build_main.main(["--report", "--check"])
        assert capsys.readouterr().out.startswith(_pipeline.report(build) + "\n")

    def test_problems_fail_and_write_nothing(
        self,
        targets: tuple[Path, Path],
        build: _pipeline.Build,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """A build with broken invariants names each on stderr, fails and writes nothing."""
        broken = attrs.evolve(build, problems=("first problem", "second problem"))
        monkeypatch.setattr(_pipeline, "run", lambda: broken)
        assert 1 == build_main.main([])
        assert "problem: first problem\nproblem: second problem\n" == capsys.readouterr().err
        assert [False, False] == [path.exists() for path in targets]


class TestStaleMetadata:
    """A build whose installed metadata is not this tree's says so and writes nothing."""

    @pytest.mark.parametrize(
        "case",
        [
            ("0.0.1", {"Homepage": "https://example.org/"}, "is of version 0.0.1, this tree is"),
            (__version__, {}, "names no Homepage"),
            (None, {}, "stalin-telegrams is not installed"),
        ],
    )
    def test_refused(
        self,
        targets: tuple[Path, Path],
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        case: tuple[str | None, dict[str, str], str],
    ) -> None:
        """Another version, no Homepage, or no install at all: exit 1, one line, no file."""
        version, urls, said = case

        def installed(name: str) -> str:
            assert "stalin-telegrams" == name
            if version is None:
                raise metadata.PackageNotFoundError(name)
            return version

        monkeypatch.setattr(metadata, "version", installed)
        monkeypatch.setattr(_licence, "project_urls", lambda: urls)
        assert 1 == build_main.main([])
        err = capsys.readouterr().err
        assert [said] == [said for line in err.splitlines() if said in line]
        assert 1 == len(err.splitlines())
        assert "pip install -e '.[pipeline]'" in err
        assert [False, False] == [path.exists() for path in targets]

    def test_installed_metadata_is_this_trees(self) -> None:
        """The environment the suite runs in has the metadata the build needs."""
        assert _croissant.metadata_problem() is None


_HIDDEN_DATEUTIL = """
import runpy, sys
sys.modules["dateutil"] = None  # as if python-dateutil were not installed
sys.argv = ["stalin_telegrams.pipeline", "--check"]
runpy.run_module("stalin_telegrams.pipeline", run_name="__main__", alter_sys=True)
"""


class TestMissingDateutil:
    """Without python-dateutil the build names the extra to install, in one line."""

    def test_one_line_exit_1(self) -> None:
        """Exit 1 and one line on stderr naming the extra and the form for a checkout."""
        done = subprocess.run(
            [sys.executable, "-c", _HIDDEN_DATEUTIL], capture_output=True, text=True, check=False
        )
        assert 1 == done.returncode
        assert [build_main.MISSING_DATEUTIL] == done.stderr.splitlines()
        assert "pip install 'stalin-telegrams[pipeline]'" in done.stderr
        assert "pip install -e '.[pipeline]'" in done.stderr
        assert "" == done.stdout
