"""Write a file whole or not at all: the one file writer of the package.

Every writer of the package (the command line's ``export --output``, and any
export to a file that comes later: CSV, Parquet, SQLite, ...) goes through
:func:`replacing` or :func:`atomic_text`. Both write to a new temporary file
in the target's own folder and, only once that is complete and on disk, put
it in the target's place with :meth:`pathlib.Path.replace` (that is,
:func:`os.replace`), which is atomic on POSIX and Windows within one file
system. If anything fails on the way (a full disk, a
file size limit, an error of the writer, Ctrl-C) the temporary file is
removed and the exception propagates: an existing target is never left cut
off, and no half-written file appears under the target's name.

A target that exists and is not a regular file (a named pipe, a device), or
that lies under ``/dev`` or ``/proc`` (``/dev/null``, ``/dev/full``,
``/dev/stdout``, which may stand for a file the shell opened to append to),
cannot be replaced, and must not be: it is written in place. Any other target
that is a symbolic link is resolved first, so the file it points to is
replaced and the link kept.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

#: How many random names :func:`replacing` tries before it gives up.
_ATTEMPTS = 100
#: Permissions a new file gets before the umask, as :func:`open` gives them.
_NEW_FILE_MODE = 0o666


def _temporary_beside(target: Path) -> Path:
    """Create an empty, new file next to *target* and return its path."""
    for _ in range(_ATTEMPTS):
        candidate = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _NEW_FILE_MODE)
        except FileExistsError:
            continue
        except OSError as err:
            # Name the target and say why its folder matters: the temporary
            # file's own name would mean nothing to the caller.
            reason = f"{err.strerror} (creating a temporary file in {target.parent})"
            raise OSError(err.errno, reason, str(target)) from err
        os.close(fd)
        return candidate
    msg = f"no free temporary name next to {target}"
    raise FileExistsError(msg)


#: Folders of special files, whose entries stand for something else and are
#: written in place: ``/dev/stdout`` may be a file opened to append to.
_SPECIAL_FOLDERS = ("/dev/", "/proc/")


def _replaceable(target: Path) -> bool:
    """Return whether *target* may be replaced: missing or a regular file, not special."""
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise IsADirectoryError(21, "Is a directory", str(target))
    if str(target.absolute()).startswith(_SPECIAL_FOLDERS):
        return False
    return mode is None or stat.S_ISREG(mode)


@contextlib.contextmanager
def replacing(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path to write; on success, move it over *path*.

    Use this for writers that want a file name, not a stream (SQLite,
    Parquet). The temporary file exists, empty, when the body starts; the
    body may write it or replace it. When the body returns, the file is
    given the target's permissions (or those of a new file) and replaces
    *path* atomically. When the body raises, the temporary file is removed,
    *path* is left as it was, and the exception propagates.

    A target that is not a regular file or lies under ``/dev`` or ``/proc``
    is yielded itself, to be written in place (see the module).

    Args:
        path: The file to write.

    Yields:
        The path the body must write.

    Raises:
        OSError: The temporary file cannot be created in the target's
            folder (missing folder, no permission), the target is a
            directory, or the file cannot be moved into place.
    """
    if not _replaceable(Path(path)):
        yield Path(path)
        return
    target = Path(os.path.realpath(path))
    temporary = _temporary_beside(target)
    try:
        yield temporary
        with contextlib.suppress(FileNotFoundError):
            temporary.chmod(stat.S_IMODE(target.stat().st_mode))
        temporary.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


@contextlib.contextmanager
def atomic_text(path: str | os.PathLike[str], *, newline: str | None = "") -> Iterator[TextIO]:
    r"""Yield a UTF-8 text stream whose content replaces *path* when complete.

    This is :func:`replacing` for writers of text: the stream is flushed and
    synced to disk before the file takes the target's place. The encoding is
    always UTF-8, whatever the locale.

    Args:
        path: The file to write.
        newline: As :func:`open` takes it; by default no translation, so
            that what is written is what the file holds.

    Yields:
        A text stream to write.

    Raises:
        OSError: As :func:`replacing` raises, or a write fails (a full disk,
            a file size limit); the target is then left as it was.

    >>> import pathlib, shutil, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_text(folder / "out.txt") as stream:
    ...     _ = stream.write("whole\n")
    >>> (folder / "out.txt").read_text(encoding="utf-8"), sorted(p.name for p in folder.iterdir())
    ('whole\n', ['out.txt'])
    >>> shutil.rmtree(folder)
    """
    with (
        replacing(path) as temporary,
        open(temporary, "w", encoding="utf-8", newline=newline) as stream,  # noqa: PTH123
    ):
        yield stream
        stream.flush()
        if temporary.is_file():
            os.fsync(stream.fileno())
