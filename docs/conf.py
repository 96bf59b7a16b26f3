"""Sphinx configuration of the stalin_telegrams documentation.

The package is imported, not read from ``src/``: build the docs in an
environment where it is installed (``pip install .`` or ``bash .ci/run``),
or with ``PYTHONPATH=src`` from a checkout.
"""

from __future__ import annotations

import sys
from pathlib import Path

import stalin_telegrams

# The reading room's extension lives beside this file (docs/_ext/).
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

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
    "edition",
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

html_theme = "furo"
html_title = "Stalin's wartime correspondence"
html_static_path = ["_static"]
templates_path = ["_templates"]
html_favicon = "_static/favicon.svg"
# Where the site is published, for the permanent addresses in the citations of
# the message pages; empty, a page's citation takes the address it is read at.
html_baseurl = ""
html_css_files = ["edition.css"]
# The search page fetches each hit's page to show a summary; browsers refuse
# fetch() on file:// URLs, and the site is meant to be read from disk too.
html_show_search_summary = False
# The generated pages' sources are one directive each: nothing to show.
html_copy_source = False
html_show_sourcelink = False
