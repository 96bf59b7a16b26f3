"""The runtime's imports, read from the source: no cycle, and nothing it must not load."""

from __future__ import annotations

import ast
import subprocess
import sys
from importlib.resources import files

import pytest

import stalin_telegrams

PACKAGE = "stalin_telegrams"
#: What the runtime must never import, at any level of a module.
NEVER = ("stalin_telegrams.pipeline", "dateutil")
#: The runtime's subpackages; the pipeline is not runtime.
SUBPACKAGES = ("exports",)
#: What the runtime may import only inside a function, when it is needed.
ONLY_WHEN_NEEDED = ("difflib", "pandas")
#: Imports that only keep an old import path working: the module's
#: ``__getattr__`` (PEP 562) loads the module that a name moved to, when code
#: or a pickle uses the old path. They are not part of the layering.
OLD_PATHS = {f"{PACKAGE}._model": {f"{PACKAGE}._records"}}


def _sources() -> dict[str, ast.Module]:
    """Return the parsed runtime modules (the package's and its subpackages') by dotted name."""
    out: dict[str, ast.Module] = {}
    for package in (PACKAGE, *(f"{PACKAGE}.{sub}" for sub in SUBPACKAGES)):
        folder = files(PACKAGE).joinpath(*package.split(".")[1:])
        for entry in folder.iterdir():
            stem = entry.name.removesuffix(".py")
            if not entry.name.endswith(".py"):
                continue
            name = package if stem == "__init__" else f"{package}.{stem}"
            out[name] = ast.parse(entry.read_text(encoding="utf-8"))
    return out


def _package(name: str) -> str:
    """Return the package that relative imports in module *name* start from."""
    if name == PACKAGE or name.removeprefix(f"{PACKAGE}.") in SUBPACKAGES:
        return name
    return name.rpartition(".")[0]


def _type_checking_only(tree: ast.Module) -> set[int]:
    """Return the ids of the import nodes under ``if TYPE_CHECKING:``, never run."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(inner) for part in node.body for inner in ast.walk(part))
    return skipped


def _imports(name: str, tree: ast.Module) -> list[tuple[str, bool]]:
    """Return (imported module, at module level) for each import run by module *name*."""
    package = _package(name)
    skipped = _type_checking_only(tree)
    top = {id(node) for node in tree.body}
    found: list[tuple[str, bool]] = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.extend((alias.name, id(node) in top) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                start = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = ".".join([start, *([base] if base else [])])
            if node.module is not None:
                found.append((base, id(node) in top))
            if base == PACKAGE or base.removeprefix(f"{PACKAGE}.") in SUBPACKAGES:
                # "from . import _checks" imports the submodules it names.
                found.extend((f"{base}.{alias.name}", id(node) in top) for alias in node.names)
    return found


def _graph() -> dict[str, set[str]]:
    """Return each runtime module's imports of other runtime modules."""
    sources = _sources()
    graph: dict[str, set[str]] = {}
    for name, tree in sources.items():
        graph[name] = {
            target
            for target, _ in _imports(name, tree)
            if target in sources and target != name and target not in OLD_PATHS.get(name, ())
        }
    # The package's lazy names (PEP 562) import their modules on first use.
    graph[PACKAGE] |= {f"{PACKAGE}{module}" for module in stalin_telegrams._LAZY.values()}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """Return a cycle of *graph* as a path that ends where it starts, or []."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


class TestImportGraph:
    """The runtime modules import one another without a cycle."""

    def test_no_cycle(self) -> None:
        """No chain of imports, function-level ones included, leads back to its start."""
        assert [] == _cycle(_graph())

    def test_old_paths_only_in_getattr(self) -> None:
        """What an old import path loads is imported by the module's __getattr__ alone."""
        sources = _sources()
        for name, moved in OLD_PATHS.items():
            body = sources[name].body
            hooks = [n for n in body if getattr(n, "name", None) == "__getattr__"]
            rest = [n for n in body if n not in hooks]
            inside = {t for t, _ in _imports(name, ast.Module(body=hooks, type_ignores=[]))}
            outside = {t for t, _ in _imports(name, ast.Module(body=rest, type_ignores=[]))}
            assert (moved, set()) == (moved & inside, moved & outside)

    def test_cycle_is_found(self) -> None:
        """The cycle search finds a cycle where there is one."""
        graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}
        assert ["a", "b", "c", "a"] == _cycle(graph)

    def test_engines_never_load(self) -> None:
        """The engines import neither the corpus nor the loader."""
        graph = _graph()
        engines = (
            "_query",
            "_threads",
            "_duplicates",
            "_index",
            *(m.removeprefix(f"{PACKAGE}.") for m in _sources() if ".exports." in m),
        )
        reached = {
            e: graph[f"{PACKAGE}.{e}"] & {f"{PACKAGE}._corpus", f"{PACKAGE}._load"} for e in engines
        }
        assert {engine: set() for engine in engines} == reached

    def test_relative_imports_resolved(self) -> None:
        """``from . import x`` and ``from .x import y`` both count as imports of x."""
        tree = ast.parse("from . import _checks\nfrom ._model import Message\n")
        found = _imports(f"{PACKAGE}._corpus", tree)
        assert [(f"{PACKAGE}._checks", True), (f"{PACKAGE}._model", True)] == found

    def test_parent_imports_resolved(self) -> None:
        """``from .. import x`` and ``from ..x import y`` in a subpackage reach the package."""
        tree = ast.parse("from .. import _citation\nfrom .._model import Message\n")
        found = _imports(f"{PACKAGE}.exports._cmif", tree)
        assert [(f"{PACKAGE}._citation", True), (f"{PACKAGE}._model", True)] == found

    def test_subpackages_read(self) -> None:
        """The export modules are among the runtime's sources, the pipeline is not."""
        sources = _sources()
        assert f"{PACKAGE}.exports._sqlite" in sources
        assert not [m for m in sources if m.startswith((f"{PACKAGE}.pipeline", f"{PACKAGE}.build"))]


class TestForbiddenImports:
    """The runtime never imports the pipeline or dateutil, and loads difflib and pandas late."""

    @pytest.mark.parametrize("name", sorted(_sources()))
    def test_module(self, name: str) -> None:
        """The module imports nothing forbidden, and difflib and pandas only inside functions."""
        found = _imports(name, _sources()[name])
        never = [m for m, _ in found if any(m == n or m.startswith(f"{n}.") for n in NEVER)]
        early = [m for m, top in found if top and m.split(".")[0] in ONLY_WHEN_NEEDED]
        assert ([], []) == (never, early)

    def test_type_checking_imports_skipped(self) -> None:
        """An import under ``if TYPE_CHECKING:`` is not one the module runs."""
        tree = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pandas\n")
        assert [("typing", True)] == _imports(f"{PACKAGE}.exports._records", tree)

    def test_function_level_import_seen(self) -> None:
        """An import inside a function counts, as not at module level."""
        tree = ast.parse("def f():\n    import difflib\n")
        assert [("difflib", False)] == _imports(f"{PACKAGE}._suggest", tree)


class TestImportCost:
    """Importing the package loads only what every use needs."""

    def test_lazy_modules(self) -> None:
        """The engines, the loader, json and difflib wait until they are used."""
        later = (
            "stalin_telegrams._load",
            "stalin_telegrams._query",
            "stalin_telegrams._threads",
            "stalin_telegrams._duplicates",
            "stalin_telegrams.exports._records",
            "stalin_telegrams._converter",
            "stalin_telegrams.pipeline",
            "json",
            "difflib",
            "pandas",
            "dateutil",
        )
        code = f"import sys, stalin_telegrams; print([m for m in {later!r} if m in sys.modules])"
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "[]" == done.stdout.strip()

    def test_load_makes_what_it_returns(self) -> None:
        """load() leaves to their first use the index, the incoming messages and the criteria."""
        later = (
            "stalin_telegrams._records",
            "stalin_telegrams._incoming",
            "stalin_telegrams._criteria",
            "stalin_telegrams._suggest",
        )
        code = (
            "import sys, stalin_telegrams as s\n"
            "corpus = s.load()\n"
            f"before = [m for m in {later!r} if m in sys.modules]\n"
            "corpus.incoming(), corpus.name_index, s.Corpus.filter_by\n"
            f"print(before, [m for m in {later!r} if m not in sys.modules])\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "[] []" == done.stdout.strip()
