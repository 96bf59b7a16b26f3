"""The package version: the one literal, also read by the build backend."""

__version__ = "0.1.0"
