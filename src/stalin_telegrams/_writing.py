"""Write a file all at once: into a temporary file beside it, then replace it.

A reader never sees a half-written export, and a failed export leaves the
previous file (or no file) where it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def replacing(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside *target*; replace *target* with it on success.

    The temporary file is made in the target's folder (so the final rename
    stays on one file system) and given the permissions a new file would
    get; on an exception it is removed and *target* is left untouched.

    Raises:
        FileNotFoundError: The target's folder does not exist.
    """
    path = Path(target)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    os.close(handle)
    temporary = Path(name)
    try:
        temporary.chmod(0o666 & ~_umask())
        yield temporary
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_text(target: str | os.PathLike[str], text: str) -> None:
    """Write *text* to *target* as UTF-8, all at once (see :func:`replacing`)."""
    with replacing(target) as temporary:
        temporary.write_text(text, encoding="utf-8", newline="")


def write_bytes(target: str | os.PathLike[str], data: bytes) -> None:
    """Write *data* to *target*, all at once (see :func:`replacing`)."""
    with replacing(target) as temporary:
        temporary.write_bytes(data)
