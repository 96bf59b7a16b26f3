"""Sphinx configuration of the stalin_telegrams documentation.

The package is imported, not read from ``src/``: build the docs in an
environment where it is installed (``pip install .`` or ``bash .ci/run``),
or with ``PYTHONPATH=src`` from a checkout.
"""

from __future__ import annotations

from typing import Any, get_args

import stalin_telegrams

project = "stalin_telegrams"
author = "The stalin_telegrams maintainers"
copyright = "2026, The stalin_telegrams maintainers"
release = stalin_telegrams.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = False

# Every cross-reference must resolve, except to documentation that has no
# inventory here: the build is offline, so there is no intersphinx.
nitpicky = True
nitpick_ignore = [
    # The standard library.
    ("py:class", "collections.abc.Iterable"),
    ("py:class", "collections.abc.Mapping"),
    ("py:class", "collections.abc.Sequence"),
    ("py:class", "datetime.date"),
    ("py:func", "json.dumps"),
    # pandas, an optional extra; "pd" is the name the annotations import it as.
    ("py:class", "pandas.DataFrame"),
    ("py:class", "pd.DataFrame"),
    # pyarrow and polars, the arrow and polars extras, imported as "pa" and "pl".
    ("py:class", "pyarrow.Table"),
    ("py:class", "pa.Table"),
    ("py:class", "polars.DataFrame"),
    ("py:class", "pl.DataFrame"),
    # Paths, as the exports' annotations name them.
    ("py:class", "os.PathLike"),
    ("py:class", "Path"),
    # The citation styles: a Literal alias, documented in the methods' text.
    ("py:class", "Style"),
]

html_theme = "alabaster"
html_title = f"stalin_telegrams {release}"

# --- The index of names, generated from the data ---------------------------
# names-index.md holds a marker; when Sphinx reads that page, the marker is
# replaced by the index, made from the installed package's data. Nothing is
# written to disk and nothing is kept by hand.

NAMES_INDEX_MARKER = "<!-- names-index: generated when the documentation is built -->"
_KIND_TITLES = {
    "person": "Persons",
    "country": "Countries",
    "people": "Peoples",
    "place": "Places",
    "organisation": "Organisations",
    "conference": "Conferences",
    "operation": "Operations and convoys",
    "event": "Events",
    "document": "Treaties, acts and orders",
    "publication": "Publications",
    "award": "Awards",
    "ship": "Ships",
    "equipment": "Equipment",
    "work": "Films and works of art",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def names_index_markdown() -> str:
    """Return the index of names as Markdown: a table per kind."""
    corpus = stalin_telegrams.load()
    out: list[str] = []
    for kind in get_args(stalin_telegrams.NameKind):
        out += [f"## {_KIND_TITLES[kind]}", "", "| name | description | messages |"]
        out.append("| --- | --- | --- |")
        for item in corpus.names(kind=kind):
            ids = ", ".join(f"`{i}`" for i in item.ids)
            count = f"{len(item.ids)}: " if len(item.ids) > 1 else ""
            out.append(f"| {_cell(item.name)} | {_cell(item.entry.description)} | {count}{ids} |")
        out.append("")
    return "\n".join(out)


def _fill_names_index(_app: object, docname: str, source: list[str]) -> None:
    if docname == "names-index":
        source[0] = source[0].replace(NAMES_INDEX_MARKER, names_index_markdown())


def setup(app: Any) -> None:  # noqa: ANN401 - Sphinx passes its application object
    """Fill in the index of names when Sphinx reads its page."""
    app.connect("source-read", _fill_names_index)
