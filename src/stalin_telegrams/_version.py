"""The package version and its release date, and the schema version.

The version and the date are stated here only: the build backend reads the
version from this file, and the citations, the Croissant description and the
docs read both from here. ``CITATION.cff`` and the newest release heading of
``CHANGELOG.md`` repeat them for the tools that read those files, and the
tests hold them to these.
"""

__version__ = "0.4.1"
#: The day the version above was released (ISO 8601).
RELEASED = "2026-12-07"
#: The version of the corpus file's layout that this package reads and the build writes.
SCHEMA_VERSION = 3
