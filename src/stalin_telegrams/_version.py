"""The package version (the one literal, also read by the build backend) and the schema version."""

__version__ = "0.2.0"
#: The version of the corpus file's layout that this package reads and the build writes.
SCHEMA_VERSION = 3
