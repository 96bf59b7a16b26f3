"""load(): read the packaged corpus once, verify it, structure it, cache it."""

from __future__ import annotations

import _thread
import errno
import functools
import json
import os
import stat
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, Protocol

from ._collector import paused
from ._converter import (
    Column,
    FieldError,
    describe,
    integer,
    key_problem,
    shorten,
    show,
    string,
    structure_incoming,
    structure_messages,
    structure_names,
)
from ._corpus import Corpus
from ._digest import DATA_BLAKE2B, DATA_SHA256
from ._model import Message
from ._version import SCHEMA_VERSION, __version__
from .exceptions import CorpusDataError

if TYPE_CHECKING:
    from ._records import IncomingMessage, Name

DATA_FILE = "telegrams.json"
#: The keys of the corpus document, besides its messages.
HEADER = frozenset(
    {
        "schema_version",
        "package_version",
        "source_sha256",
        "message_count",
        "aliases",
        "names",
        "incoming_count",
    }
)
_REINSTALL = (
    f"reinstall the package (pip install --force-reinstall --no-deps"
    f" stalin-telegrams=={__version__} or its wheel), or in a checkout rebuild it"
    f" (python -m stalin_telegrams.pipeline)"
)

#: The largest corpus file read: many times the packaged one, far from what
#: would exhaust the memory.
LARGEST = 64 * 1024 * 1024

# load() keeps the corpus here; the lock makes racing first calls parse once.
# It is threading.Lock itself: the loader needs nothing else of threading.
_loaded: list[Corpus] = []
_lock = _thread.allocate_lock()


def _new_lock() -> None:
    """Give a forked child a lock of its own.

    A thread of the parent may have held the lock, inside the first load(),
    when another forked: the child has no such thread to release it, and
    its first load() would wait for ever.
    """
    global _lock  # noqa: PLW0603 - the one lock, replaced in the child only
    _lock = _thread.allocate_lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_new_lock)


class Readable(Protocol):
    """A file that can be read whole: a :class:`~pathlib.Path`, an ``importlib.resources`` one."""

    def read_bytes(self) -> bytes:
        """Return the file's content."""
        ...


def load() -> Corpus:
    """Return the packaged corpus: every message in volume order.

    The file is read, verified and structured on the first call only; later
    calls, from any thread, return the same immutable :class:`Corpus`.
    Before parsing, the file's SHA-256 is checked against the one the build
    recorded, so a damaged or edited file never loads as different data.

    Returns:
        The corpus, indexable by position and by message id.

    Raises:
        CorpusDataError: The packaged file is missing, damaged, edited, or of
            another schema version; the message says what was found and
            what to do.

    >>> corpus = load()
    >>> corpus[0].sender
    'Stalin'

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       The file is verified against its recorded SHA-256 and structured
       strictly; concurrent first calls parse it once.
    """
    if not _loaded:
        with _lock:
            if not _loaded:
                _loaded.append(load_file(packaged_file()))
    return _loaded[0]


class _File:
    """A file on the filesystem, read with a plain ``open()``."""

    __slots__ = ("path",)

    def __init__(self, path: str) -> None:
        self.path = path

    def read_bytes(self) -> bytes:
        """Return the file's content, if it is a regular file of a plausible size.

        It is opened without blocking and checked before it is read, so a
        named pipe put in its place cannot hang the program, nor a link to
        ``/dev/zero`` fill its memory.

        Raises:
            OSError: The file cannot be opened, is not a regular file, or
                is larger than :data:`LARGEST`.
        """
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(self.path, flags)
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise OSError(errno.EINVAL, "not a regular file", self.path)
            if info.st_size > LARGEST:
                reason = f"{info.st_size:,} bytes, more than a corpus file holds"
                raise OSError(errno.EFBIG, reason, self.path)
            with os.fdopen(os.dup(fd), "rb") as stream:
                data = stream.read(LARGEST + 1)
        finally:
            os.close(fd)
        if len(data) > LARGEST:
            raise OSError(errno.EFBIG, "more than a corpus file holds", self.path)
        return data

    def __str__(self) -> str:
        return self.path


def packaged_file() -> Readable:
    """Return the packaged corpus file.

    Where the package lies on the filesystem (an installed wheel, a
    checkout), the file's path: a plain ``open()`` reads it, and
    :mod:`importlib.resources` is not imported (it costs a quarter of a cold
    :func:`load`). Elsewhere (a zip archive on ``sys.path``),
    :mod:`importlib.resources` finds it.
    """
    path = os.path.join(os.path.dirname(__file__), "data", DATA_FILE)  # noqa: PTH118, PTH120 - see above
    # Whatever is there (a pipe, a link to a device) is read as a file, which refuses it.
    if os.path.lexists(path):
        return _File(path)
    from importlib.resources import files  # noqa: PLC0415 - only for a package in an archive

    return files(__package__).joinpath("data").joinpath(DATA_FILE)


def load_file(path: Readable, expected_sha256: str = DATA_SHA256) -> Corpus:
    """Read, verify and structure a corpus file (the work of :func:`load`).

    Args:
        path: The file.
        expected_sha256: The SHA-256 its bytes must have.

    Returns:
        The corpus.

    Raises:
        CorpusDataError: The file cannot be read, or :func:`load_bytes`
            refuses its bytes.
    """
    try:
        raw = path.read_bytes()
    except OSError as err:
        msg = f"{path}: cannot read the corpus file ({err.strerror or err}); {_REINSTALL}"
        raise CorpusDataError(msg) from err
    return load_bytes(raw, expected_sha256, str(path))


def load_bytes(raw: bytes, expected_sha256: str, name: str = DATA_FILE) -> Corpus:
    """Verify the bytes of a corpus file, parse them and structure them.

    Args:
        raw: The file's bytes.
        expected_sha256: The SHA-256 they must have, as lower-case hex.
        name: The file, for error messages.

    Returns:
        The corpus.

    Raises:
        CorpusDataError: The digest differs, the bytes are not UTF-8 JSON,
            or :func:`corpus_from_document` refuses the document; chained
            to the error that found it.
    """
    # The packaged file is known by its BLAKE2b too, which the build records
    # beside its SHA-256 and which needs no OpenSSL; any other file, or a
    # packaged one that differs, is checked and named by its SHA-256.
    packaged = expected_sha256 == DATA_SHA256 and _blake2b(raw) == DATA_BLAKE2B
    if not packaged:
        # hashlib loads OpenSSL, a few milliseconds: only when a file is loaded.
        import hashlib  # noqa: PLC0415

        actual = hashlib.sha256(raw).hexdigest()
        if actual != expected_sha256:
            msg = (
                f"{name}: the corpus file is damaged or was changed: its SHA-256 is {actual},"
                f" the package recorded {expected_sha256}; {_REINSTALL}"
            )
            raise CorpusDataError(msg)
    with paused():
        try:
            document = _DECODER.decode(raw.decode("utf-8"))
        except ValueError as err:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
            msg = f"{name}: not a UTF-8 JSON document: {shorten(str(err))}"
            raise CorpusDataError(msg) from err
        try:
            return corpus_from_document(document, packaged=packaged)
        except CorpusDataError as err:
            msg = f"{name}: {err}"
            raise CorpusDataError(msg) from err.__cause__


def _blake2b(raw: bytes) -> str:
    """Return the BLAKE2b digest (32 bytes, in hex) of *raw*, without loading OpenSSL.

    ``hashlib`` loads OpenSSL on import, which costs twice the digest of the
    packaged file; CPython's own BLAKE2, which ``hashlib.blake2b`` is, does
    not. Where that module is missing, ``hashlib`` gives the same digest.
    """
    try:
        from _blake2 import blake2b  # noqa: PLC0415
    except ImportError:  # pragma: no cover - CPython has it
        from hashlib import blake2b  # noqa: PLC0415
    return blake2b(raw, digest_size=32).hexdigest()


def _no_constant(name: str) -> NoReturn:
    msg = f"{name} is not a JSON value"
    raise ValueError(msg)


# No NaN or Infinity, which are not JSON. A key repeated in one object (the last
# would win) is left to the digest: checking for it would cost a fifth of the parse.
_DECODER = json.JSONDecoder(parse_constant=_no_constant)


def corpus_from_document(document: object, *, packaged: bool = False) -> Corpus:
    """Structure a parsed corpus document, checking it whole.

    Args:
        document: The parsed JSON.
        packaged: Whether *document* is the packaged corpus, parsed from
            bytes whose SHA-256 is the one the build recorded
            (:data:`~stalin_telegrams._digest.DATA_SHA256`). Those bytes
            passed every check below when the build wrote them, and the test
            suite loads them without this flag: the rules of each record and
            the checks across records (links, ids, mentions against the
            index) are then not run again, the records each message holds
            are checked and made on the first read of their field, and the
            index of names and the incoming messages on their first use.

    Returns:
        The corpus.

    Raises:
        CorpusDataError: The document is not a corpus of this schema
            version: a wrong top level, a missing, extra or mistyped key or
            field, an impossible date, a count that disagrees, messages out
            of volume order (numbers not 1 to n), a repeated id, or an id
            (alias, enclosure, copy, reference) that names no message. The
            message names the message and the field where known.
    """
    if type(document) is not dict:
        msg = f"expected a JSON object at the top, got {show(document)}"
        raise CorpusDataError(msg)
    version = document.get("schema_version")
    if type(version) is not int or version != SCHEMA_VERSION:
        msg = (
            f"corpus schema version {shorten(repr(version))}, this package reads"
            f" {SCHEMA_VERSION}: install the package together with its own data"
        )
        raise CorpusDataError(msg)
    keys = HEADER | {"messages", "incoming"}
    if document.keys() != keys:
        raise CorpusDataError(key_problem(document.keys(), keys, "top-level keys"))
    _header(document, "package_version", string)
    _header(document, "source_sha256", string)
    count = _header(document, "message_count", integer)
    aliases = _header(document, "aliases", _aliases)
    messages = structure_messages(document["messages"], verified=packaged)
    if len(messages) != count:
        msg = f"the header says {count} messages, the file holds {len(messages)}"
        raise CorpusDataError(msg)
    for index, message in enumerate(messages, start=1):
        if message.number != index:
            msg = (
                f"{describe({'id': message.id}, index - 1)}: number {message.number},"
                f" expected {index} (messages out of volume order, or one missing)"
            )
            raise CorpusDataError(msg)
    incoming_count = _header(document, "incoming_count", integer)
    rest = functools.partial(_rest, document["names"], document["incoming"], incoming_count)
    if packaged:
        later = functools.partial(rest, verified=True)
        return Corpus._verified(messages, aliases, later)  # noqa: SLF001 - the loader's constructor
    entries, incoming = rest(verified=False)
    try:
        corpus = Corpus(messages, aliases, entries, incoming)
    except ValueError as err:
        raise CorpusDataError(shorten(str(err))) from err
    _check_ids(messages, aliases, {i.id for i in incoming})
    _check_incoming_replies(incoming, {m.id for m in messages} | {i.id for i in incoming})
    _check_mentions(messages, entries)
    return corpus


def _rest(
    names: object, incoming: object, count: int, *, verified: bool
) -> tuple[tuple[Name, ...], tuple[IncomingMessage, ...]]:
    """Structure the index of names and the incoming messages of a corpus document."""
    entries = structure_names(names, verified=verified)
    records = structure_incoming(incoming, verified=verified)
    if len(records) != count:
        msg = f"the header says {count} incoming messages, the file holds {len(records)}"
        raise CorpusDataError(msg)
    return entries, records


def _header(document: dict[str, Any], key: str, check: Column) -> Any:  # noqa: ANN401 - any field
    try:
        return check([document[key]])[0]
    except FieldError as err:
        msg = f"header field {key}: {err.problem}"
        raise CorpusDataError(msg) from err


def _aliases(values: Sequence[Any]) -> Sequence[Any]:
    """Check a column of alias tables: objects from retired ids to ids."""
    for value in values:
        if type(value) is not dict or not set(map(type, value.values())) <= {str}:
            msg = f"expected an object of id strings, got {show(value)}"
            raise FieldError(msg)
    return values


def _links(message: Message) -> Iterator[tuple[str, str | None, bool]]:
    """Yield each field of *message* that names a message: its name, the id, if incoming may do."""
    yield "enclosed_in", message.enclosed_in, False
    yield "copy_of", message.copy_of, False
    for index, ref in enumerate(message.references):
        for number, target in enumerate(ref.targets):
            yield f"references[{index}].targets[{number}]", target, True
    for index, parent in enumerate(message.in_reply_to):
        yield f"in_reply_to[{index}]", parent, True


def _check_ids(messages: tuple[Message, ...], aliases: dict[str, str], incoming: set[str]) -> None:
    ids = {m.id for m in messages}
    clash = sorted(incoming & (ids | set(aliases)))
    if clash:
        msg = f"incoming message {shorten(repr(clash[0]))} has the id of a message or an alias"
        raise CorpusDataError(msg)
    for old, new in aliases.items():
        if old in ids or old in incoming or (new not in ids and new not in incoming):
            problem = (
                "is still a message id"
                if old in ids or old in incoming
                else f"names no message: {new!r}"
            )
            msg = f"alias {shorten(repr(old))} {shorten(problem)}"
            raise CorpusDataError(msg)
    for index, message in enumerate(messages, start=1):
        for field, target, may_be_incoming in _links(message):
            if (
                target is not None
                and target not in ids
                and not (may_be_incoming and target in incoming)
            ):
                where = describe({"id": message.id}, index - 1)
                msg = f"{where}: {field}: no message has the id {shorten(repr(target))}"
                raise CorpusDataError(msg)


def _check_incoming_replies(incoming: tuple[IncomingMessage, ...], known: set[str]) -> None:
    """Refuse an incoming message that answers an id the corpus does not hold."""
    for index, record in enumerate(incoming):
        for number, parent in enumerate(record.in_reply_to):
            if parent not in known:
                where = describe({"id": record.id}, index)
                msg = (
                    f"incoming {where}: reply_links[{number}]: no message has the id"
                    f" {shorten(repr(parent))}"
                )
                raise CorpusDataError(msg)


def _check_mentions(messages: tuple[Message, ...], index: tuple[Name, ...]) -> None:
    """Refuse a mention of a name the index lacks, or whose offsets miss its surface."""
    names = {entry.name for entry in index}
    for position, message in enumerate(messages):
        for number, mention in enumerate(message.mentions):
            problem = (
                f"names no entry of the index: {shorten(repr(mention.name))}"
                if mention.name not in names
                else "its offsets do not hold its surface"
                if message.text[mention.start : mention.end] != mention.surface
                else ""
            )
            if problem:
                where = describe({"id": message.id}, position)
                msg = f"{where}: mentions[{number}]: {problem}"
                raise CorpusDataError(msg)
