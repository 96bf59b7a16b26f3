"""The licences of the package and its data, and the public addresses, each stated once.

Three parts, three answers:

- the code is under the MIT licence (``LICENSE``);
- the project's own work on the data (the corrections, the dates, the
  references, the replies and the index of names) is under Creative Commons
  Attribution 4.0 International (``LICENSES/CC-BY-4.0.txt``), which
  correspSearch requires of CMIF files;
- the texts of the messages are those of the 1986 volume: :data:`STATEMENT`
  says what is known of their rights, and claims nothing beyond it.

Every export that names a licence (the Datasette metadata, the data package,
Croissant, CMIF) reads it from here and carries :data:`STATEMENT` whole; the
wheel's licence expression (``MIT AND CC-BY-4.0``) covers the first two.

The public addresses of the project are its ``[project.urls]`` in
``pyproject.toml``, read from the installed package's metadata by
:func:`project_urls`, so that a new address is a change of one line.
"""

from __future__ import annotations

import functools

from ._citation import edition

#: The licence of the code, as an SPDX identifier.
CODE_LICENCE = "MIT"
#: The licence of the project's own work on the data, as an SPDX identifier.
DATA_LICENCE = "CC-BY-4.0"
DATA_LICENCE_TITLE = "Creative Commons Attribution 4.0 International"
DATA_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
#: The licence expression of the distribution: the code, and the data work.
EXPRESSION = f"{CODE_LICENCE} AND {DATA_LICENCE}"
#: What the licences cover and what they do not, in one paragraph.
STATEMENT = (
    "The code of stalin_telegrams is under the MIT licence. The project's own"
    " work on the data (the corrections, the dates, the references between"
    " messages, the replies and the index of names) is under the"
    f" {DATA_LICENCE_TITLE} licence (CC BY 4.0, {DATA_LICENCE_URL}). The texts of"
    f" the messages are those of {edition()}, which reprints translations"
    " published by the Soviet Government in 1957. The project does not know"
    " who holds the rights in those texts or whether they are still protected"
    " where you are; it claims no rights in them, and neither licence covers"
    " them."
)
#: The distribution whose metadata holds the project's addresses.
DISTRIBUTION = "stalin-telegrams"


@functools.cache
def project_urls() -> dict[str, str]:
    """Return the ``[project.urls]`` of the installed package, by label.

    Empty when the package's metadata cannot be read (a source tree on the
    path that was never installed).

    >>> project_urls()["Homepage"]
    'https://pypi.org/project/stalin-telegrams/'
    """
    from importlib import metadata  # noqa: PLC0415 - read when an export asks

    try:
        entries = metadata.metadata(DISTRIBUTION).get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return {}
    urls: dict[str, str] = {}
    for entry in entries:
        label, _, url = entry.partition(",")
        urls[label.strip()] = url.strip()
    return urls


def homepage() -> str | None:
    """Return the project's Homepage, or None when its metadata cannot be read."""
    return project_urls().get("Homepage")
