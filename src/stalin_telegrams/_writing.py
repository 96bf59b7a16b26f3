"""Write a file all at once: into a temporary file beside it, then replace it.

A reader never sees a half-written export, and a failed export leaves the
previous file (or no file) where it was.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path


def _create(folder: Path, name: str) -> Path:
    """Create a new, empty file with a random name beside *name* in *folder*."""
    candidate = folder / f".{name}.{secrets.token_hex(8)}.part"
    # Mode 0o666 less the umask, as any new file gets (mkstemp would give 0o600);
    # O_EXCL: never reuse a file that is there.
    os.close(os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    return candidate


@contextlib.contextmanager
def replacing(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside *target*; replace *target* with it on success.

    The temporary file is made in the target's folder (so the final rename
    stays on one file system) with the permissions a new file would get; on
    an exception it is removed and *target* is left untouched.

    Raises:
        FileNotFoundError: The target's folder does not exist.
    """
    path = Path(target)
    temporary = _create(path.parent, path.name)
    try:
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
