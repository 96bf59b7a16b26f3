"""Run the teaching scripts and write their pages, so that the site shows outputs it never runs.

Each exercise is a Jupytext percent script in ``sources/``: ``# %%`` starts a
cell of code, ``# %% [markdown]`` a cell of text, and ``tags=["answer"]`` marks
the cells a student writes. This script runs each one, cell by cell in one
namespace, against the installed package, and writes:

- ``<name>.md``, the worked exercise: the text, the code, what it printed and
  the pictures it drew (``_images/<name>-<n>.svg``);
- ``<name>-student.md``, the student version: the same without the answers
  and their outputs;
- ``student/<name>.py``, the student version as a percent script to open in
  Jupyter (with Jupytext) or to run.

The site builds from these files and never runs the scripts. CI runs them
once, on the Python that builds the docs, against the installed wheel, with
``--check``: it renders into a temporary folder and fails, naming the file,
when a page or a student script differs from the one committed.

Run it from a checkout after changing a script or the data::

    python docs/teaching/render.py          # write the pages
    python docs/teaching/render.py --check  # compare them with the committed ones
"""

from __future__ import annotations

import argparse
import contextlib
import filecmp
import io
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
#: The mark of the cells a student writes.
ANSWER = "answer"
#: What a student's empty cell says.
PLACEHOLDER = "# Your code here\n"
_CELL = re.compile(r"^# %%(?P<markdown> \[markdown\])?(?P<meta>.*)$", re.MULTILINE)


class Cell(NamedTuple):
    """One cell of a percent script."""

    markdown: bool
    answer: bool
    header: str
    source: str


class Ran(NamedTuple):
    """A cell and what running it gave: its printed output and the pictures it drew."""

    cell: Cell
    output: str
    images: list[str]


def cells(text: str) -> list[Cell]:
    """Return the cells of the percent script *text*, in order."""
    marks = list(_CELL.finditer(text))
    found = []
    for mark, following in zip(marks, [*marks[1:], None], strict=True):
        end = following.start() if following is not None else len(text)
        body = text[mark.end() + 1 : end].strip("\n") + "\n"
        found.append(
            Cell(
                markdown=mark.group("markdown") is not None,
                answer=f'"{ANSWER}"' in mark.group("meta"),
                header=mark.group(0),
                source=body,
            )
        )
    return found


def _markdown(cell: Cell) -> str:
    return "\n".join(re.sub(r"^# ?", "", line) for line in cell.source.splitlines()) + "\n"


def run(script: Path, images: Path) -> list[Ran]:
    """Run *script* cell by cell; save each picture it draws into *images*."""
    import matplotlib as mpl  # noqa: PLC0415 - only a run of the scripts needs it

    mpl.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415 - after choosing the backend

    mpl.rcParams.update({"svg.hashsalt": "stalin-telegrams", "svg.fonttype": "none"})
    namespace: dict[str, object] = {"__name__": "__main__"}
    ran = []
    drawn = 0
    for number, cell in enumerate(cells(script.read_text(encoding="utf-8"))):
        if cell.markdown:
            ran.append(Ran(cell, "", []))
            continue
        printed = io.StringIO()
        code = compile(cell.source, f"{script.name} (cell {number})", "exec")
        with contextlib.redirect_stdout(printed):
            exec(code, namespace)  # noqa: S102 - the scripts are the project's own
        names = []
        for figure_number in plt.get_fignums():
            drawn += 1
            name = f"{script.stem}-{drawn}.svg"
            plt.figure(figure_number).savefig(images / name, metadata={"Date": None})
            names.append(name)
        plt.close("all")
        ran.append(Ran(cell, printed.getvalue(), names))
    return ran


def page(script: Path, ran: list[Ran], *, student: bool) -> str:
    """Return the MyST page of *script*: worked, or for the student."""
    parts = []
    for number, (cell, output, images) in enumerate(ran):
        if cell.markdown:
            text = _markdown(cell)
            if number == 0:
                title, _, rest = text.partition("\n")
                version = " (student version)" if student else ""
                other = f"{script.stem}" if student else f"{script.stem}-student"
                link = (
                    f"The [worked exercise]({other}.md) has the answers."
                    if student
                    else f"The [student version]({other}.md) leaves the answers out."
                )
                script_link = f"student/{script.stem}.py" if student else f"sources/{script.name}"
                text = (
                    f"{title}{version}\n{rest}\n{link} As a script to run or to open in"
                    f" Jupyter: {{download}}`{Path(script_link).name} <{script_link}>`.\n"
                )
            parts.append(text)
            continue
        if student and cell.answer:
            parts.append(f"```python\n{PLACEHOLDER}```\n")
            continue
        parts.append(f"```python\n{cell.source}```\n")
        if output:
            parts.append(f"```text\n{output.rstrip()}\n```\n")
        parts.extend(f"![A picture drawn by the code above](_images/{name})\n" for name in images)
    return "\n".join(parts)


def student_script(script: Path) -> str:
    """Return *script* with the code of its answer cells replaced by a placeholder."""
    return "\n".join(
        f"{cell.header}\n{PLACEHOLDER if cell.answer else cell.source}"
        for cell in cells(script.read_text(encoding="utf-8"))
    )


def render(into: Path) -> list[Path]:
    """Write every page, student script and picture into *into*; return the files written."""
    images = into / "_images"
    images.mkdir(parents=True, exist_ok=True)
    (into / "student").mkdir(exist_ok=True)
    written = []
    for script in sorted(SOURCES.glob("*.py")):
        ran = run(script, images)
        for name, student in ((f"{script.stem}.md", False), (f"{script.stem}-student.md", True)):
            (into / name).write_text(page(script, ran, student=student), encoding="utf-8")
            written.append(into / name)
        target = into / "student" / script.name
        target.write_text(student_script(script), encoding="utf-8")
        written.append(target)
    written.extend(sorted(images.iterdir()))
    return written


def check() -> list[str]:
    """Render into a temporary folder; return the committed files that differ or are missing."""
    with tempfile.TemporaryDirectory() as folder:
        fresh = render(Path(folder))
        wrong = []
        for path in fresh:
            relative = path.relative_to(folder)
            committed = HERE / relative
            if not committed.exists():
                wrong.append(f"{relative}: missing")
            elif path.suffix != ".svg" and not filecmp.cmp(path, committed, shallow=False):
                wrong.append(f"{relative}: differs from a fresh run")
        return wrong


def main(argv: list[str] | None = None) -> int:
    """Write the pages, or with ``--check`` compare them; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)
    if not args.check:
        shutil.rmtree(HERE / "_images", ignore_errors=True)
        for path in render(HERE):
            print(path.relative_to(HERE))
        return 0
    wrong = check()
    for line in wrong:
        print(f"docs/teaching/{line}", file=sys.stderr)
    if wrong:
        print("run: python docs/teaching/render.py", file=sys.stderr)
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
