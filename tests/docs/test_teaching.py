"""The teaching exercises of docs/teaching: they run on the installed package, as committed."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

TEACHING = Path(__file__).resolve().parent.parent.parent / "docs" / "teaching"
#: The exercises run once, on the Python that builds the docs (as .ci/run does).
DOCS_PYTHON = (3, 11)


def _render() -> ModuleType:
    """Return docs/teaching/render.py as a module, or skip where docs/ is not beside the tests."""
    path = TEACHING / "render.py"
    if not path.exists():
        pytest.skip("docs/teaching is not next to the tests")
    spec = importlib.util.spec_from_file_location("teaching_render", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _scripts() -> list[Path]:
    return sorted((TEACHING / "sources").glob("*.py"))


class TestPages:
    """Every exercise has its worked page, its student page and script, and a place in the index."""

    def test_four_to_six_exercises(self) -> None:
        """There are four to six exercises, each with a task for the student."""
        render = _render()
        scripts = _scripts()
        assert 4 <= len(scripts) <= 6
        for script in scripts:
            assert any(c.answer for c in render.cells(script.read_text(encoding="utf-8")))

    def test_files_and_index(self) -> None:
        """Each exercise has its two pages and its student script, all linked from the index."""
        _render()
        index = (TEACHING / "index.md").read_text(encoding="utf-8")
        for script in _scripts():
            for name in (f"{script.stem}.md", f"{script.stem}-student.md"):
                assert (TEACHING / name).exists(), name
                assert f"({name})" in index
            assert (TEACHING / "student" / script.name).exists()

    def test_pictures(self) -> None:
        """Each worked page shows a picture, and its student page none of the answers'."""
        _render()
        for script in _scripts():
            worked = (TEACHING / f"{script.stem}.md").read_text(encoding="utf-8")
            student = (TEACHING / f"{script.stem}-student.md").read_text(encoding="utf-8")
            assert "](_images/" in worked
            assert "](_images/" not in student

    def test_student_version_has_no_answers(self) -> None:
        """The code of no answer cell is in the student page or script; the placeholder is."""
        render = _render()
        for script in _scripts():
            student_page = (TEACHING / f"{script.stem}-student.md").read_text(encoding="utf-8")
            student_script = (TEACHING / "student" / script.name).read_text(encoding="utf-8")
            for cell in render.cells(script.read_text(encoding="utf-8")):
                if cell.answer:
                    assert cell.source.strip() not in student_page
                    assert cell.source.strip() not in student_script
            assert render.PLACEHOLDER in student_page
            assert render.PLACEHOLDER in student_script

    def test_cells(self) -> None:
        """A percent script is read into its cells: markdown or code, answers tagged."""
        render = _render()
        text = '# %% [markdown]\n# # Title\n\n# %%\nx = 1\n\n# %% tags=["answer"]\nprint(x)\n'
        assert [
            (True, False, "# # Title\n"),
            (False, False, "x = 1\n"),
            (False, True, "print(x)\n"),
        ] == [(c.markdown, c.answer, c.source) for c in render.cells(text)]


class TestRun:
    """The scripts run against the installed package and print what the committed pages show."""

    @pytest.mark.skipif(
        sys.version_info[:2] != DOCS_PYTHON,
        reason="the exercises run once, on the Python that builds the docs (3.11)",
    )
    def test_pages_match_a_fresh_run(self) -> None:
        """render.py --check finds every page and student script as a fresh run writes it."""
        _render()
        pytest.importorskip("matplotlib")
        done = subprocess.run(
            [sys.executable, str(TEACHING / "render.py"), "--check"],
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        assert 0 == done.returncode, done.stderr
