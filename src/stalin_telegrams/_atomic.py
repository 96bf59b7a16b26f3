"""Write files whole or not at all: the one file writer of the package.

Every writer of the package (the command line's ``export --output`` and
``Corpus.to_*``) goes through this module, which owns every path it touches.
What it guarantees:

* **A file replaced is replaced whole.** The new content goes to a new
  temporary file in the target's own folder (a short name, so that a target
  name of the longest legal length can still be written), is synced to disk,
  given the target's permissions (or those :func:`open` gives a new file),
  and only then renamed over the target (:func:`os.replace`, atomic within
  one file system). If anything fails before (a full disk, a file size
  limit, an error of the writer, any exception, ``KeyboardInterrupt`` or an
  exception a signal handler raises) the temporary files are removed and the
  target is left as it was. The package installs no signal handler.
* **Paths are resolved before any decision.** Folders, ``..`` and symbolic
  links of the path the caller gave are followed first; a link the caller
  names has the file it points to replaced, and the link kept.
* **What cannot be replaced is written in place, through a stream the
  package opened.** A target that exists and is not a regular file (a named
  pipe, a device, a socket), or that a link under ``/proc`` stands for
  (``/dev/stdout``, ``/dev/fd/1``, which may be a file the shell opened to
  append to), is opened for appending and written; no library is ever handed
  such a path, since some (pyarrow) delete the path they were given when a
  write fails. A writer that needs a file name gets one in a folder of its
  own, and its bytes are copied.
* **Derived files do not follow links.** A file whose name the package
  derives from the caller's (the metadata file beside a database) is never
  written through a symbolic link: an existing derived name that is anything
  but a regular file is refused with :class:`~stalin_telegrams.exceptions.ExportError`.
  Temporary files are created new (``O_EXCL``, ``O_NOFOLLOW``).
* **A set of files is written as a set** (:class:`FileSet`): every file goes
  to its temporary name first, and they are renamed only once all are
  complete, in the order given, so a failure before the renames changes
  nothing. A folder of files (:func:`replacing_folder`) is built in a new
  sibling folder and swapped in; an existing folder that holds anything the
  writer would not write is refused rather than replaced.
* **Errors name the file the caller knows**: the target or derived file,
  never a temporary name.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple, TextIO

from ._checks import got
from .exceptions import ArgumentTypeError, ExportError, InvalidArgumentError

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

#: How many random names a temporary file or folder tries before giving up.
_ATTEMPTS = 100
#: Permissions a new file or folder gets before the umask, as :func:`open` gives them.
_NEW_FILE_MODE = 0o666
_NEW_FOLDER_MODE = 0o777
#: The longest file name where the file system does not say (POSIX NAME_MAX).
_NAME_MAX = 255
#: How many symbolic links one path may go through, as Linux allows.
_MAX_LINKS = 40
#: Where the links are that stand for open files (``/proc/self/fd/1``).
_PROC = "/proc"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NOCTTY = getattr(os, "O_NOCTTY", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


def checked_path(value: object, argument: str = "path") -> str:
    """Return *value*, a file path, as a str; refuse what is not one.

    Raises:
        ArgumentTypeError: *value* is not a str or :class:`os.PathLike` of
            str (``None``, bytes, an int, which :func:`open` would take for
            a file descriptor).
        InvalidArgumentError: The path is empty or holds a NUL character.
    """
    expected = "a file path (str or os.PathLike of str)"
    path = os.fspath(value) if isinstance(value, os.PathLike) else value
    if not isinstance(path, str):
        msg = f"{argument}: expected {expected}, {got(value)}"
        raise ArgumentTypeError(msg)
    if not path:
        msg = f"{argument}: expected {expected}, got an empty str"
        raise InvalidArgumentError(msg)
    if "\0" in path:
        msg = f"{argument}: a path cannot hold a NUL character, got {path!r}"
        raise InvalidArgumentError(msg)
    return path


class Target(NamedTuple):
    """Where a path leads, decided once: what to replace, or what to write in place."""

    #: The path as the caller gave it, for error messages.
    given: str
    #: The resolved path: the file to replace, or the one to open in place.
    path: str
    #: Whether the target is written in place rather than replaced.
    in_place: bool
    #: The permissions of the existing file, or ``None`` for a new one.
    mode: int | None


def _under_proc(path: str) -> bool:
    return path == _PROC or path.startswith(_PROC + os.sep)


def resolve(given: str) -> Target:
    """Follow *given* link by link and decide how it is written.

    Raises:
        IsADirectoryError: The path leads to a folder.
        OSError: Too many links, or a folder on the way cannot be read.
    """
    current = given
    for _ in range(_MAX_LINKS):
        head, tail = os.path.split(current)
        if tail in ("", ".", ".."):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), given)
        folder = os.path.realpath(head or os.curdir)
        current = os.path.join(folder, tail)
        if _under_proc(folder):
            # A link of /proc stands for an open file (a pipe, the file the
            # shell opened to append to): it is opened itself, never followed.
            return Target(given, current, in_place=True, mode=None)
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            return Target(given, current, in_place=False, mode=None)
        except OSError as err:
            raise OSError(err.errno, err.strerror, given) from err
        if stat.S_ISLNK(info.st_mode):
            current = os.path.join(folder, os.readlink(current))
            continue
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), given)
        regular = stat.S_ISREG(info.st_mode)
        return Target(given, current, in_place=not regular, mode=stat.S_IMODE(info.st_mode))
    raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), given)


def derived(given: str) -> Target:
    """Decide how a file whose name the package derived is written: never through a link.

    Its folder is resolved (the caller named it); the file itself must be
    missing or a regular file.

    Raises:
        ExportError: The name exists and is not a regular file (a symbolic
            link, a pipe, a folder): it is refused, never followed.
        OSError: The name is too long, or its folder cannot be read.
    """
    head, tail = os.path.split(given)
    path = os.path.join(os.path.realpath(head or os.curdir), tail)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return Target(given, path, in_place=False, mode=None)
    except OSError as err:
        raise OSError(err.errno, err.strerror, given) from err
    if not stat.S_ISREG(info.st_mode):
        what = "a symbolic link" if stat.S_ISLNK(info.st_mode) else "not a regular file"
        reason = f"refusing to replace a file the export names itself: it is {what}"
        raise ExportError(errno.EEXIST, reason, given)
    return Target(given, path, in_place=False, mode=stat.S_IMODE(info.st_mode))


def _name_max(folder: str) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return _NAME_MAX


def temporary_name(name: str, folder: str) -> str:
    """Return a new hidden name for a temporary file of *name*, short enough for *folder*.

    The name starts with as much of *name* as fits, so that a stray file says
    what it belonged to, and never exceeds the file system's longest name.
    """
    suffix = f".{secrets.token_hex(6)}.tmp"
    room = max(0, min(_name_max(folder), _NAME_MAX) - 1 - len(suffix))
    return "." + os.fsdecode(os.fsencode(name)[:room]) + suffix


def _create(folder: str, name: str, given: str) -> tuple[int, str]:
    """Create a new, empty temporary file in *folder*; return its descriptor and path."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    for _ in range(_ATTEMPTS):
        candidate = os.path.join(folder, temporary_name(name, folder))
        try:
            return os.open(candidate, flags, _NEW_FILE_MODE), candidate
        except FileExistsError:
            continue
        except OSError as err:
            # Name the target and say why its folder matters: the temporary
            # file's own name would mean nothing to the caller.
            reason = f"{err.strerror} (creating a temporary file in {folder})"
            raise OSError(err.errno, reason, given) from err
    reason = f"no free temporary name in {folder}"
    raise OSError(errno.EEXIST, reason, given)


def _renamed(err: OSError, given: str) -> OSError:
    """Return *err* naming *given*, the file the caller knows, instead of a temporary one."""
    return OSError(err.errno, err.strerror, given)


class _Pending:
    """One file of a :class:`FileSet`: where it is written and where it goes."""

    __slots__ = ("fd", "stream", "target", "temporary")

    def __init__(self, target: Target, temporary: str | None, fd: int | None) -> None:
        self.target = target
        #: The temporary file to rename, or the scratch file to copy in place.
        self.temporary = temporary
        #: The open descriptor of the file written in place, or of the temporary file.
        self.fd = fd
        self.stream: BinaryIO | None = None


class FileSet:
    """Files written together: each to a temporary name, all put in place at the end.

    Make one with :func:`file_set`. :meth:`open` gives a stream and :meth:`path`
    a file name to write; when the body of :func:`file_set` returns, every
    file is synced, then they are renamed (or copied, for a target written
    in place) in the order they were asked for. When it raises, every
    temporary file is removed.
    """

    def __init__(self) -> None:
        self._pending: list[_Pending] = []
        self._scratch: str | None = None

    def _target(self, path: object, *, is_derived: bool, argument: str) -> Target:
        given = checked_path(path, argument)
        return derived(given) if is_derived else resolve(given)

    def open(self, path: object, *, is_derived: bool = False, argument: str = "path") -> BinaryIO:
        """Return a binary stream whose content will be the file at *path*.

        Args:
            path: The file to write.
            is_derived: The package made the name: never follow a link there.
            argument: The name of the argument, for errors.

        Raises:
            ArgumentTypeError: *path* is not a path.
            InvalidArgumentError: *path* is empty or holds a NUL.
            ExportError: A derived name is not a regular file.
            OSError: The target is a folder, or cannot be opened.
        """
        target = self._target(path, is_derived=is_derived, argument=argument)
        if target.in_place:
            try:
                fd = os.open(target.path, os.O_WRONLY | os.O_APPEND | _NOCTTY)
            except OSError as err:
                raise _renamed(err, target.given) from err
            pending = _Pending(target, None, fd)
        else:
            folder, name = os.path.split(target.path)
            fd, temporary = _create(folder, name, target.given)
            pending = _Pending(target, temporary, fd)
        self._pending.append(pending)
        stream = _GuardedStream(io.FileIO(fd, "w"), target.given)
        pending.stream = stream
        return stream

    def path(
        self,
        path: object,
        *,
        is_derived: bool = False,
        argument: str = "path",
        regular_only: Callable[[Target], None] | None = None,
    ) -> Path:
        """Return a new, empty file's path to write; its content will be the file at *path*.

        For a writer that wants a file name (SQLite): the name is a temporary
        file beside the target, or, for a target written in place, a file in
        a private folder whose bytes are copied there.

        Args:
            path: The file to write.
            is_derived: The package made the name: never follow a link there.
            argument: The name of the argument, for errors.
            regular_only: Called with a target written in place, to refuse it.

        Raises:
            As :meth:`open`.
        """
        target = self._target(path, is_derived=is_derived, argument=argument)
        if target.in_place:
            if regular_only is not None:
                regular_only(target)
            if self._scratch is None:
                self._scratch = tempfile.mkdtemp(prefix="stalin-telegrams-")
            fd, temporary = _create(self._scratch, "export", target.given)
        else:
            folder, name = os.path.split(target.path)
            fd, temporary = _create(folder, name, target.given)
        os.close(fd)
        self._pending.append(_Pending(target, temporary, None))
        return Path(temporary)

    def _sync(self, pending: _Pending) -> None:
        target, temporary = pending.target, pending.temporary
        try:
            if pending.stream is not None:
                pending.stream.flush()
            if temporary is None:
                return
            fd = pending.fd if pending.fd is not None else os.open(temporary, os.O_RDONLY)
            try:
                if target.mode is not None and not target.in_place:
                    os.fchmod(fd, target.mode)
                os.fsync(fd)
            finally:
                if pending.fd is None:
                    os.close(fd)
        except OSError as err:
            raise _renamed(err, target.given) from err

    def _put(self, pending: _Pending) -> None:
        target, temporary = pending.target, pending.temporary
        if pending.stream is not None:
            pending.stream.close()
        if temporary is None:
            return
        try:
            if target.in_place:
                _copy_in_place(temporary, target)
                os.unlink(temporary)
            else:
                os.replace(temporary, target.path)
        except OSError as err:
            raise _renamed(err, target.given) from err

    def commit(self) -> None:
        """Sync every file, then put each in place, in the order they were asked for."""
        for pending in self._pending:
            self._sync(pending)
        for pending in self._pending:
            self._put(pending)
        self._clean()

    def abort(self) -> None:
        """Close every stream and remove every temporary file left."""
        for pending in self._pending:
            if pending.stream is not None:
                with contextlib.suppress(OSError, ValueError):
                    pending.stream.close()
            if pending.temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(pending.temporary)
        self._clean()

    def _clean(self) -> None:
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None


class _GuardedStream(io.BufferedWriter):
    """A stream whose write errors name the file the caller knows."""

    def __init__(self, raw: io.FileIO, given: str) -> None:
        super().__init__(raw)
        self._given = given

    def write(self, data: ReadableBuffer, /) -> int:
        try:
            return super().write(data)
        except OSError as err:
            if err.filename is not None:
                raise
            raise _renamed(err, self._given) from err

    def flush(self) -> None:
        try:
            super().flush()
        except OSError as err:
            if err.filename is not None:
                raise
            raise _renamed(err, self._given) from err


def _copy_in_place(source: str, target: Target) -> None:
    """Copy the scratch file *source* to a target written in place."""
    with (
        open(source, "rb") as reading,
        os.fdopen(os.open(target.path, os.O_WRONLY | os.O_APPEND | _NOCTTY), "wb") as writing,
    ):
        shutil.copyfileobj(reading, writing)


@contextlib.contextmanager
def file_set() -> Iterator[FileSet]:
    """Yield a :class:`FileSet`; commit it when the body returns, abort it when it raises."""
    files = FileSet()
    try:
        yield files
        files.commit()
    except BaseException:
        files.abort()
        raise


@contextlib.contextmanager
def writing(path: str | os.PathLike[str], *, argument: str = "path") -> Iterator[BinaryIO]:
    """Yield a binary stream whose content replaces *path* when complete.

    Raises:
        ArgumentTypeError: *path* is not a path.
        InvalidArgumentError: *path* is empty or holds a NUL.
        OSError: As :func:`replacing` raises.
    """
    with file_set() as files:
        yield files.open(path, argument=argument)


@contextlib.contextmanager
def replacing(path: str | os.PathLike[str], *, argument: str = "path") -> Iterator[Path]:
    """Yield a temporary path to write; on success, its content replaces *path*.

    Use this for writers that want a file name, not a stream (SQLite). The
    temporary file exists, empty, when the body starts; the body may write
    it or replace it. When the body returns, its content takes the place of
    *path* (see the module); when the body raises, it is removed, *path* is
    left as it was, and the exception propagates. The path yielded is never
    *path* itself, whatever *path* is.

    Args:
        path: The file to write.
        argument: The name of the argument, for errors.

    Yields:
        The path the body must write.

    Raises:
        ArgumentTypeError: *path* is not a path (``None``, bytes, an int).
        InvalidArgumentError: *path* is empty or holds a NUL.
        OSError: The temporary file cannot be created in the target's
            folder (missing folder, no permission), the target is a
            directory, or the file cannot be moved into place.
    """
    with file_set() as files:
        yield files.path(path, argument=argument)


@contextlib.contextmanager
def atomic_text(
    path: str | os.PathLike[str], *, newline: str | None = "", argument: str = "path"
) -> Iterator[TextIO]:
    r"""Yield a UTF-8 text stream whose content replaces *path* when complete.

    This is :func:`writing` for writers of text. The encoding is always
    UTF-8, whatever the locale.

    Args:
        path: The file to write.
        newline: As :func:`open` takes it; by default no translation, so
            that what is written is what the file holds.
        argument: The name of the argument, for errors.

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
    with writing(path, argument=argument) as raw:
        stream = io.TextIOWrapper(raw, encoding="utf-8", newline=newline, write_through=False)
        yield stream
        stream.flush()
        stream.detach()


class Folder:
    """A new folder being built by :func:`replacing_folder`: write its files by name."""

    def __init__(self, path: str, fd: int, given: str) -> None:
        self.path = path
        self._fd = fd
        self._given = given
        self.written: list[str] = []

    def write_bytes(self, name: str, data: bytes) -> None:
        """Create the file *name* in the folder (never through a link) and write *data*.

        Raises:
            OSError: The file cannot be written; the error names it as it
                will be called, in the target folder.
        """
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW
        try:
            fd = os.open(name, flags, _NEW_FILE_MODE, dir_fd=self._fd)
        except OSError as err:
            raise _renamed(err, os.path.join(self._given, name)) from err
        self.written.append(name)
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
        except OSError as err:
            raise _renamed(err, os.path.join(self._given, name)) from err

    def write_text(self, name: str, text: str) -> None:
        """Write *text* as UTF-8 to the file *name* (see :meth:`write_bytes`)."""
        self.write_bytes(name, text.encode("utf-8"))

    def remove(self) -> None:
        """Remove what was written, then the folder."""
        for name in self.written:
            with contextlib.suppress(OSError):
                os.unlink(name, dir_fd=self._fd)
        with contextlib.suppress(OSError):
            os.rmdir(self.path)


def _folder_target(given: str, names: Collection[str]) -> tuple[str, int | None]:
    """Resolve the folder *given*; return it and its permissions if it exists.

    Raises:
        NotADirectoryError: It exists and is not a folder.
        ExportError: It holds something the writer would not write.
    """
    path = os.path.realpath(given)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return path, None
    except OSError as err:
        raise _renamed(err, given) from err
    if not stat.S_ISDIR(info.st_mode):
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), given)
    try:
        entries = sorted(os.scandir(path), key=lambda entry: entry.name)
    except OSError as err:
        raise _renamed(err, given) from err
    for entry in entries:
        if entry.name not in names or not entry.is_file(follow_symlinks=False):
            reason = (
                "refusing to replace a folder that holds files the export does not write"
                f" ({entry.name!r}); give a new or empty folder"
            )
            raise ExportError(errno.ENOTEMPTY, reason, os.path.join(given, entry.name))
    return path, stat.S_IMODE(info.st_mode)


def _new_folder(parent: str, name: str, given: str) -> str:
    for _ in range(_ATTEMPTS):
        candidate = os.path.join(parent, temporary_name(name, parent))
        try:
            os.mkdir(candidate, _NEW_FOLDER_MODE)
        except FileExistsError:
            continue
        except OSError as err:
            reason = f"{err.strerror} (creating a temporary folder in {parent})"
            raise OSError(err.errno, reason, given) from err
        return candidate
    reason = f"no free temporary name in {parent}"
    raise OSError(errno.EEXIST, reason, given)


def _swap(new: str, target: str, mode: int | None, names: Collection[str], given: str) -> None:
    """Put the folder *new* where *target* is; an old *target* is moved aside, then removed."""
    if mode is None:
        try:
            os.rename(new, target)
        except OSError as err:
            raise _renamed(err, given) from err
        return
    os.chmod(new, mode)
    parent, name = os.path.split(target)
    aside = os.path.join(parent, temporary_name(name, parent))
    try:
        os.rename(target, aside)
    except OSError as err:
        raise _renamed(err, given) from err
    try:
        os.rename(new, target)
    except BaseException as err:
        os.rename(aside, target)
        if isinstance(err, OSError):
            raise _renamed(err, given) from err
        raise
    # Only what the writer would write is removed: the folder was checked to
    # hold nothing else, and anything put there since is kept.
    for old in names:
        with contextlib.suppress(OSError):
            os.unlink(os.path.join(aside, old))
    with contextlib.suppress(OSError):
        os.rmdir(aside)


@contextlib.contextmanager
def replacing_folder(
    path: object, names: Collection[str], *, argument: str = "folder"
) -> Iterator[Folder]:
    """Yield a new folder to fill; on success, it takes the place of the folder *path*.

    The folder is built beside *path* under a temporary name and swapped in
    when complete; the old folder, if any, is then removed. A folder that
    exists must hold only regular files named in *names* (what the writer
    writes), so that nothing a caller put there is lost. Folders above
    *path* are made if missing. When the body raises, the new folder is
    removed and *path* is left as it was.

    Args:
        path: The folder to write.
        names: The names of the files the writer may write.
        argument: The name of the argument, for errors.

    Raises:
        ArgumentTypeError: *path* is not a path.
        InvalidArgumentError: *path* is empty or holds a NUL.
        ExportError: The folder holds something else than *names*.
        NotADirectoryError: *path* is a file.
        OSError: A file or folder cannot be written.
    """
    given = checked_path(path, argument)
    target, mode = _folder_target(given, frozenset(names))
    parent, name = os.path.split(target)
    try:
        os.makedirs(parent, exist_ok=True)
    except OSError as err:
        raise _renamed(err, given) from err
    new = _new_folder(parent, name, given)
    fd = os.open(new, os.O_RDONLY | _DIRECTORY)
    folder = Folder(new, fd, given)
    try:
        yield folder
        _swap(new, target, mode, frozenset(names), given)
    except BaseException:
        folder.remove()
        raise
    finally:
        os.close(fd)
