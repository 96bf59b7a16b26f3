"""Tests of the built distributions and of the installed package.

``bash .ci/run`` builds the sdist and the wheel, installs the wheel into a
fresh virtual environment and runs the suite there, with these variables set:

``STALIN_TELEGRAMS_WHEEL``
    Path of the built wheel; the wheel's contents are checked.
``STALIN_TELEGRAMS_SDIST``
    Path of the built sdist; its contents are checked against the wheel's.

Without them (a quick local run from the source tree) these tests skip; under
CI (``CI`` set) a missing variable is a failure, so CI cannot skip them.
"""

from __future__ import annotations

import email
import hashlib
import json
import os
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from importlib import metadata
from importlib.resources import files
from pathlib import Path, PurePosixPath

import pytest

import stalin_telegrams

WHEEL_VARIABLE = "STALIN_TELEGRAMS_WHEEL"
SDIST_VARIABLE = "STALIN_TELEGRAMS_SDIST"
#: Files the wheel must carry: the corpus, its digest and schema, the source, the tables, py.typed.
REQUIRED = (
    "stalin_telegrams/__init__.py",
    "stalin_telegrams/_digest.py",
    "stalin_telegrams/__main__.py",
    "stalin_telegrams/py.typed",
    "stalin_telegrams/data/telegrams.json",
    "stalin_telegrams/data/telegrams.schema.json",
    "stalin_telegrams/data/croissant.json",
    "stalin_telegrams/data/source/war-telegrams-vol17.txt",
    "stalin_telegrams/data/corrections/errata.csv",
    "stalin_telegrams/data/corrections/moves.csv",
    "stalin_telegrams/data/corrections/roles.csv",
    "stalin_telegrams/data/index/names.csv",
    "stalin_telegrams/data/index/not_names.csv",
    "stalin_telegrams/data/index/rulings.csv",
    "stalin_telegrams/pipeline/__main__.py",
)


def _given(variable: str) -> Path:
    value = os.environ.get(variable)
    if not value:
        reason = f"{variable} is not set: build the distributions with `bash .ci/run`"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI must check the distributions)")
        pytest.skip(reason)
    path = Path(value)
    assert path.is_file(), f"{variable}={value} is not a file"
    return path


@pytest.fixture(scope="module")
def wheel_names() -> list[str]:
    """Return the names of the files in the built wheel."""
    with zipfile.ZipFile(_given(WHEEL_VARIABLE)) as archive:
        return archive.namelist()


@pytest.fixture(scope="module")
def wheel_metadata() -> email.message.Message:
    """Return the METADATA of the built wheel."""
    with zipfile.ZipFile(_given(WHEEL_VARIABLE)) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return email.message_from_bytes(archive.read(name))


@pytest.fixture(scope="module")
def sdist_names() -> list[str]:
    """Return the names of the files in the built sdist, less the top folder."""
    with tarfile.open(_given(SDIST_VARIABLE)) as archive:
        return [
            str(PurePosixPath(*PurePosixPath(m.name).parts[1:]))
            for m in archive.getmembers()
            if m.isfile()
        ]


class TestWheel:
    """The wheel carries the package and its data, and nothing else."""

    def test_required_files(self, wheel_names: list[str]) -> None:
        """The corpus, its digest, its schema, the raw source, the tables and py.typed are in."""
        assert [] == [name for name in REQUIRED if name not in wheel_names]

    def test_every_correction_table(self, wheel_names: list[str]) -> None:
        """Every correction table of the package data is in."""
        tables = files("stalin_telegrams").joinpath("data").joinpath("corrections")
        expected = sorted(
            f"stalin_telegrams/data/corrections/{t.name}"
            for t in tables.iterdir()
            if t.name.endswith(".csv")
        )
        assert expected
        assert [] == [name for name in expected if name not in wheel_names]

    def test_nothing_else(self, wheel_names: list[str]) -> None:
        """No tests, caches or bytecode; every file is the package's or its dist-info."""
        assert [] == [
            n
            for n in wheel_names
            if "__pycache__" in n or n.endswith((".pyc", ".pyo")) or "/." in n or n.startswith(".")
        ]
        assert [] == [n for n in wheel_names if n.split("/")[0] in {"tests", "docs", "src"}]
        top = {n.split("/")[0] for n in wheel_names}
        assert {"stalin_telegrams"} == {t for t in top if not t.endswith(".dist-info")}

    def test_metadata(self, wheel_metadata: email.message.Message) -> None:
        """The metadata names the package, its version, Python and the extras."""
        assert "stalin-telegrams" == wheel_metadata["Name"]
        assert stalin_telegrams.__version__ == wheel_metadata["Version"]
        assert ">=3.10" == wheel_metadata["Requires-Python"]
        extras = {"arrow", "pandas", "pipeline", "polars"}
        assert extras == set(wheel_metadata.get_all("Provides-Extra", []))
        assert "MIT AND CC-BY-4.0" == wheel_metadata["License-Expression"]
        assert ["LICENSE", "LICENSES/CC-BY-4.0.txt"] == wheel_metadata.get_all("License-File")
        assert ["Homepage, https://pypi.org/project/stalin-telegrams/"] == wheel_metadata.get_all(
            "Project-URL"
        )

    @pytest.mark.parametrize(
        "command",
        [
            ["twine", "check", "--strict"],
            ["check-wheel-contents"],
        ],
        ids=["twine", "check-wheel-contents"],
    )
    def test_index_checks(self, command: list[str]) -> None:
        """Twine check and check-wheel-contents accept the wheel, as an index would."""
        tool = Path(sys.executable).parent / command[0]
        if not tool.exists():
            pytest.skip(f"{command[0]} is not installed (it comes with the test group)")
        paths = [_given(WHEEL_VARIABLE)]
        if command[0] == "twine" and os.environ.get(SDIST_VARIABLE):
            paths.append(_given(SDIST_VARIABLE))
        done = subprocess.run(
            [str(tool), *command[1:], *map(str, paths)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert 0 == done.returncode, done.stdout + done.stderr

    def test_plain_install_needs_attrs_and_cattrs(
        self, wheel_metadata: email.message.Message
    ) -> None:
        """A plain install needs attrs and cattrs; dateutil comes with the pipeline extra."""
        requires = wheel_metadata.get_all("Requires-Dist", [])
        plain = sorted(r.split(">")[0].strip() for r in requires if "extra ==" not in r)
        assert ["attrs", "cattrs"] == plain
        assert any(r.startswith("python-dateutil") and "extra == 'pipeline'" in r for r in requires)

    def test_digest_matches_data(self) -> None:
        """The wheel's _digest.py records the SHA-256 of the wheel's corpus file."""
        with zipfile.ZipFile(_given(WHEEL_VARIABLE)) as archive:
            data = archive.read("stalin_telegrams/data/telegrams.json")
            digest = archive.read("stalin_telegrams/_digest.py").decode()
        assert f'DATA_SHA256 = "{hashlib.sha256(data).hexdigest()}"' in digest

    def test_console_script(self, wheel_names: list[str]) -> None:
        """The wheel declares the stalin-telegrams command."""
        with zipfile.ZipFile(_given(WHEEL_VARIABLE)) as archive:
            name = next(n for n in wheel_names if n.endswith(".dist-info/entry_points.txt"))
            entry_points = archive.read(name).decode()
        assert "stalin-telegrams = stalin_telegrams._cli:main" in entry_points


class TestSdist:
    """The sdist carries the sources, the tests, the docs and the project files."""

    def test_project_files(self, sdist_names: list[str]) -> None:
        """README, changelog, licence, citation, pyproject, tests and docs are in."""
        for name in (
            "README.md",
            "CHANGELOG.md",
            "LICENSE",
            "LICENSES/CC-BY-4.0.txt",
            "CITATION.cff",
            "pyproject.toml",
            "docs/conf.py",
            "docs/index.md",
            "tests/test_cli.py",
        ):
            assert name in sdist_names

    def test_package_as_in_wheel(self, sdist_names: list[str], wheel_names: list[str]) -> None:
        """Every file of the package in the sdist is in the wheel, and the other way round."""
        in_sdist = {n.removeprefix("src/") for n in sdist_names if n.startswith("src/")}
        in_wheel = {n for n in wheel_names if n.startswith("stalin_telegrams/")}
        assert in_sdist == in_wheel

    def test_no_build_output(self, sdist_names: list[str]) -> None:
        """No built docs, caches or bytecode."""
        assert [] == [
            n
            for n in sdist_names
            if n.startswith("docs/_build") or "__pycache__" in n or n.endswith(".pyc")
        ]


class TestInstalled:
    """The suite runs against the installed wheel, not the source tree."""

    def test_imported_from_site_packages(self) -> None:
        """stalin_telegrams is imported from site-packages, not from src/."""
        _given(WHEEL_VARIABLE)
        package = Path(stalin_telegrams.__file__).resolve().parent
        site = {Path(sysconfig.get_paths()[k]).resolve() for k in ("purelib", "platlib")}
        assert package.parent in site
        assert "src" not in package.parts

    def test_installed_from_wheel(self) -> None:
        """The installed distribution is the wheel's, not an editable install."""
        wheel = _given(WHEEL_VARIABLE)
        dist = metadata.distribution("stalin-telegrams")
        assert stalin_telegrams.__version__ == dist.version
        direct_url = json.loads(dist.read_text("direct_url.json") or "{}")
        assert not direct_url.get("dir_info", {}).get("editable", False)
        assert direct_url.get("url", "").endswith(wheel.name)

    def test_data_installed(self) -> None:
        """The corpus file is a real file beside the installed package."""
        _given(WHEEL_VARIABLE)
        corpus = Path(str(files("stalin_telegrams").joinpath("data", "telegrams.json")))
        assert corpus.is_file()
        assert Path(stalin_telegrams.__file__).parent == corpus.parent.parent
