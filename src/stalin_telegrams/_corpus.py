"""The immutable, indexable corpus, which owns its messages and what is computed from them.

:class:`Corpus` runs the engines (:mod:`._query`, :mod:`._threads`,
:mod:`._duplicates`, :mod:`.exports._records`) on its messages, wraps their results,
and keeps what they computed: the vocabulary that tells a typo from a real
criterion, the pairs of duplicates and the index of threads. It never reads
the packaged data; :func:`~stalin_telegrams.load` gives it its messages.
"""

from __future__ import annotations

import _thread
import functools
import operator
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, overload

from . import _checks
from ._collector import paused
from ._digest import DATA_SHA256
from ._memo import Memo
from ._model import Message
from ._version import SCHEMA_VERSION, __version__
from .exceptions import (
    ArgumentTypeError,
    CriterionTypeError,
    MessageIndexError,
    UnknownMessageError,
)

if TYPE_CHECKING:
    import os
    from pathlib import Path

    import pandas as pd
    import polars as pl
    import pyarrow as pa

    from ._citation import Style
    from ._criteria import Criteria, method_keywords
    from ._incoming import IncomingMessages
    from ._records import IncomingMessage, IndexEntry, Name, ResponseTime

    #: Makes the index of names and the incoming messages of a corpus, on their first use.
    Later = Callable[[], tuple[tuple[Name, ...], tuple[IncomingMessage, ...]]]
    from ._query import Vocabulary
    from ._records import Pair


def _aliases(value: object) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        msg = (
            f"aliases: expected a mapping of retired ids to ids (str to str), {_checks.got(value)}"
        )
        raise ArgumentTypeError(msg)
    aliases: dict[str, str] = {}
    for old, new in value.items():
        if not isinstance(old, str) or not isinstance(new, str):
            msg = (
                "aliases: expected a mapping of retired ids to ids (str to str),"
                f" got {_checks.shown(old)}: {_checks.shown(new)}"
            )
            raise ArgumentTypeError(msg)
        aliases[old] = new
    return aliases


def _index(value: object) -> tuple[Name, ...]:
    from ._records import Name  # noqa: PLC0415 - not made by load()

    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        msg = f"index: expected an iterable of Name, {_checks.got(value)}"
        raise ArgumentTypeError(msg)
    index = tuple(value)
    for entry in index:
        if not isinstance(entry, Name):
            msg = f"index: expected an iterable of Name, {_checks.got(entry)}"
            raise ArgumentTypeError(msg)
    return index


def _incoming(value: object) -> tuple[IncomingMessage, ...]:
    from ._records import IncomingMessage  # noqa: PLC0415 - not made by load()

    items = tuple(value) if isinstance(value, Iterable) and not isinstance(value, str) else None
    if items is None or not all(isinstance(i, IncomingMessage) for i in items):
        msg = f"incoming: expected an iterable of IncomingMessage records, {_checks.got(value)}"
        raise ArgumentTypeError(msg)
    return items


def _slots_state(self: object) -> dict[str, object]:
    """Return the values of the slots of *self*, as a dict: its pickled state.

    Python's own pickling of a class with ``__slots__`` needs protocol 2;
    with this as ``__getstate__`` (and :func:`_restore_slots` as
    ``__setstate__``) a class pickles under every protocol, 0 and 1 too.
    """
    return {
        name: getattr(self, name)
        for cls in type(self).__mro__
        for name in getattr(cls, "__slots__", ())
        if hasattr(self, name)
    }


def _state(self: object, state: object) -> dict[str, Any]:
    """Return the pickled *state* of *self* as a dict; one made by 0.2 (two dicts) too."""
    if isinstance(state, tuple):  # (instance dict, slots), as Python pickles slots
        state = {key: value for part in state if part for key, value in part.items()}
    if not isinstance(state, dict):
        msg = f"cannot restore a {type(self).__name__} from {type(state).__name__}"
        raise TypeError(msg)
    return state


def _restore_slots(self: object, state: object) -> None:
    """Restore the slots of *self* from *state*; a pickle made by 0.2 (a pair of dicts) too."""
    for name, value in _state(self, state).items():
        object.__setattr__(self, name, value)


def _as_given(
    index: tuple[Name, ...], incoming: tuple[IncomingMessage, ...]
) -> tuple[tuple[Name, ...], tuple[IncomingMessage, ...]]:
    return index, incoming


class _Origin:
    """What a corpus shares with every corpus taken from it: aliases, index of names, vocabulary.

    The index of names and the incoming messages are made on their first use
    (most programs ask for neither), by *later*, once whichever thread asks.
    """

    __slots__ = (
        "_incoming",
        "_index",
        "_later",
        "_lock",
        "aliases",
        "memo",
        "messages",
        "vocabulary",
    )

    def __init__(
        self, messages: tuple[Message, ...], aliases: dict[str, str], later: Later
    ) -> None:
        self._start(messages, aliases, later)

    def _start(self, messages: tuple[Message, ...], aliases: dict[str, str], later: Later) -> None:
        self.messages = messages
        self.aliases = aliases
        self._later: Later | None = later
        self._index: tuple[Name, ...] = ()
        self._incoming: IncomingMessages | None = None
        self._lock = _thread.RLock()
        #: The values the messages hold, made on the first query that needs them.
        self.vocabulary: Vocabulary | None = None
        #: What the queries and the search for pairs computed of the texts.
        self.memo = Memo()

    def _made(self) -> IncomingMessages:
        with self._lock:
            if self._incoming is None:
                from ._incoming import IncomingMessages  # noqa: PLC0415 - with the first use

                index, incoming = typing.cast("Later", self._later)()
                self._index = index
                self._incoming = IncomingMessages(incoming, self.aliases)
                self._later = None
            return self._incoming

    @property
    def index(self) -> tuple[Name, ...]:
        """The entries of the index of names."""
        if self._incoming is None:
            self._made()
        return self._index

    @property
    def incoming(self) -> IncomingMessages:
        """The incoming messages, in date order, undated ones last, looked up by id."""
        made = self._incoming
        return made if made is not None else self._made()

    def __getstate__(self) -> dict[str, object]:
        # What was computed of the texts is made again where it is unpickled.
        return {
            "aliases": self.aliases,
            "incoming": self.incoming,
            "index": self.index,
            "messages": self.messages,
            "vocabulary": None,
        }

    def __setstate__(self, state: object) -> None:
        state = _state(self, state)
        self._start(
            state["messages"],
            state["aliases"],
            functools.partial(_as_given, state["index"], tuple(state["incoming"])),
        )


class _CriteriaKeywords:
    """A method taking the criteria as keywords, made on its first lookup.

    :func:`~stalin_telegrams._criteria.method_keywords` needs the class of the
    criteria, which :func:`~stalin_telegrams.load` does not make: the first
    lookup of the method (a call, ``help()``, :func:`inspect.signature`)
    makes it and puts it on the class in place of this.
    """

    def __init__(self, method: Callable[..., Any]) -> None:
        self.method = method

    def __set_name__(self, owner: type, name: str) -> None:
        self.owner = owner
        self.name = name

    def __get__(self, instance: object, owner: type | None = None) -> Any:  # noqa: ANN401 - the method
        from ._criteria import Criteria, method_keywords  # noqa: PLC0415 - not made by load()

        made = method_keywords(Criteria)(self.method)
        setattr(self.owner, self.name, made)
        return made.__get__(instance, owner)


if TYPE_CHECKING:
    _criteria_keywords = method_keywords(Criteria)
else:
    _criteria_keywords = _CriteriaKeywords


class Corpus(Sequence[Message]):
    """An immutable sequence of :class:`Message` in volume order, with lookup by id.

    Index it with an integer or a slice like any sequence, or with a message
    id; an id that a later release replaced still resolves through its alias.

    A corpus made from your own messages (``Corpus(messages)``) is queried on
    its own: a name, year or id in a criterion must be found among those
    messages. A corpus taken from another (a slice, or the result of
    :meth:`filter_by` or :meth:`thread_of`) keeps the names of the corpus it
    came from, so a real name that is absent from a selection gives an empty
    result rather than an error.

    Args:
        messages: The messages, with unique ids, in the order to keep.
        aliases: Retired ids and the ids that replace them.
        index: The entries of the index of names that the messages'
            :attr:`~Message.mentions` refer to (new in 0.2.0).
        incoming: The messages they name but the corpus does not hold
            (:meth:`incoming`); new in 0.2.0.

    Raises:
        ArgumentTypeError: *messages* is not an iterable of :class:`Message`
            (a string is refused), *aliases* is not a mapping of str to
            str, *index* is not an iterable of :class:`Name`, or *incoming*
            not an iterable of :class:`IncomingMessage` (also a
            :class:`TypeError`).
        InvalidRecordError: Two messages have the same id, two incoming
            messages have the same id, or an incoming message has the id of
            a message (also an
            :class:`~stalin_telegrams.exceptions.InvalidArgumentError` and a
            :class:`ValueError`). Links are not checked: a corpus of your
            own messages may name messages outside it.

    Every record checks its own fields when it is built (see
    :class:`Message`), so a corpus holds only well-formed records.

    >>> from stalin_telegrams import load
    >>> corpus = load()
    >>> corpus["1942-11-20-churchill"].recipients
    ('Churchill',)

    A corpus pickles under every protocol (0 to 5); what it computed of its
    texts is computed again after unpickling.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.3.0
       Incoming messages must have ids of their own; pickle protocols 0
       and 1 work.
    """

    __slots__ = (
        "_aliases",
        "_by_id",
        "_messages",
        "_origin",
        "_pairs",
        "_reverse",
        "_thread_list",
        "_thread_views",
        "_threads",
    )
    __getstate__ = _slots_state
    __setstate__ = _restore_slots

    def __init__(
        self,
        messages: Iterable[Message] = (),
        aliases: Mapping[str, str] | None = None,
        index: Iterable[Name] = (),
        incoming: Iterable[IncomingMessage] = (),
    ) -> None:
        checked = _checks.messages(messages)
        by_id = _checks.unique_ids(checked)
        received = _incoming(incoming)
        _checks.incoming_apart(received, by_id)
        origin = _Origin(
            checked, _aliases(aliases), functools.partial(_as_given, _index(index), received)
        )
        self._start(checked, by_id, origin)

    @classmethod
    def _verified(
        cls, messages: tuple[Message, ...], aliases: dict[str, str], later: Later
    ) -> Corpus:
        """Return the corpus of messages a loader verified; *later* makes its index and incoming."""
        return cls._taken(messages, _Origin(messages, aliases, later))

    def _start(
        self, messages: tuple[Message, ...], by_id: dict[str, Message], origin: _Origin
    ) -> None:
        self._messages = messages
        self._by_id = by_id
        self._origin = origin
        self._aliases = origin.aliases
        #: What the engines computed, kept: the pairs at the default threshold
        #: and every message's thread.
        self._pairs: tuple[Pair, ...] | None = None
        self._threads: dict[str, tuple[str, ...]] | None = None
        self._thread_list: tuple[tuple[str, ...], ...] | None = None
        self._thread_views: dict[bool, tuple[Any, ...]] = {}
        #: Who answers and who names each record, made on the first question.
        self._reverse: tuple[dict[str, list[str]], dict[str, list[str]]] | None = None

    @classmethod
    def _taken(cls, messages: tuple[Message, ...], origin: _Origin) -> Corpus:
        corpus = cls.__new__(cls)
        cls._start(corpus, messages, {m.id: m for m in messages}, origin)
        return corpus

    def _derived(self, messages: Iterable[Message]) -> Corpus:
        """Return a corpus of some of this one's messages, sharing its aliases and vocabulary."""
        return self._taken(tuple(messages), self._origin)

    def _known(self) -> Vocabulary:
        """Return the vocabulary of the corpus this one was taken from, made on first use."""
        origin = self._origin
        if origin.vocabulary is None:
            from ._query import Vocabulary  # noqa: PLC0415 - loaded with the first query

            origin.vocabulary = Vocabulary(origin.messages, origin.aliases, origin.index)
        return origin.vocabulary

    @overload
    def __getitem__(self, key: int) -> Message: ...
    @overload
    def __getitem__(self, key: str) -> Message: ...
    @overload
    def __getitem__(self, key: slice) -> Corpus: ...
    def __getitem__(self, key: int | str | slice) -> Message | Corpus:
        if isinstance(key, str):
            return self.get(key)
        if isinstance(key, slice):
            return self._derived(self._messages[_checks.positions(key)])
        try:
            index = operator.index(key)
        except TypeError:
            msg = (
                f"a Corpus is indexed by an int, a slice, or a message id (str), {_checks.got(key)}"
            )
            raise ArgumentTypeError(msg) from None
        try:
            return self._messages[index]
        except IndexError:
            size = len(self._messages)
            held = f"positions 0 to {size - 1}, or -{size} to -1" if size else "no positions"
            msg = (
                f"Corpus index {_checks.shown(index)} out of range:"
                f" this corpus of {size} messages has {held}"
            )
            raise MessageIndexError(msg) from None

    def __len__(self) -> int:
        return len(self._messages)

    def __iter__(self) -> Iterator[Message]:
        return iter(self._messages)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return item in self._by_id or self._aliases.get(item) in self._by_id
        return isinstance(item, Message) and self._by_id.get(item.id) == item

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Corpus):
            return self._messages == other._messages
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._messages)

    def __repr__(self) -> str:
        return f"<Corpus of {len(self)} messages>"

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the messages, in order."""
        return tuple(m.id for m in self._messages)

    @property
    def aliases(self) -> Mapping[str, str]:
        """Retired ids and the ids that replace them."""
        return dict(self._aliases)

    @property
    def name_index(self) -> tuple[Name, ...]:
        """The entries of the index of names, in the order of the table.

        .. versionadded:: 0.2.0
        """
        return self._origin.index

    @_checks.arguments
    def names(self, kind: str | None = None) -> tuple[IndexEntry, ...]:
        """Return the index of names, each entry with the messages of this corpus that mention it.

        Entries come in alphabetical order; those that no message of this
        corpus mentions are kept, with no ids and a count of 0. A corpus
        taken from another (a slice, a selection, a thread) has the index of
        the corpus it came from. Each entry's
        :attr:`~stalin_telegrams.Name.part_of` names the places and
        countries it belongs to; ``filter_by(mentions=..., see_also=True)``
        reads it as a printed index's "see also".

        Args:
            kind: Keep only entries of this kind (``"person"``,
                ``"country"``, ``"place"``, ``"operation"``…, see
                ``stalin_telegrams.NameKind``); ``None`` keeps all.

        Returns:
            One :class:`~stalin_telegrams.IndexEntry` per entry: the entry,
            the ids of the messages that mention it, the number of mentions.

        Raises:
            CriterionTypeError: *kind* is not a str (also a
                :class:`TypeError`).
            InvalidCriterionError: *kind* is not a kind of the index; the
                error lists the kinds (also a :class:`ValueError`).

        >>> from stalin_telegrams import load
        >>> first = load().names(kind="operation")[0]
        >>> first.name, first.count, first.ids
        ('Crossword', 1, ('1945-04-26-churchill',))

        .. versionadded:: 0.2.0
        """
        from ._index import entries  # noqa: PLC0415 - loaded when the index is asked for

        return entries(self._messages, self._origin.index, kind)

    def incoming(self) -> IncomingMessages:
        """Return the messages the corpus names but does not print, in date order.

        The volume prints one side of the correspondence; its messages name
        the other ("Your message of May 11 received"). Each message so named
        is one :class:`IncomingMessage`, however often it is named; those
        without a date come last, in id order. A corpus keeps the incoming
        messages it was made with: :func:`~stalin_telegrams.load` gives all of
        them, and a corpus taken from another (a slice, or the result of
        :meth:`filter_by` or :meth:`thread_of`) keeps those of its source; a
        corpus made from messages alone has none.

        Returns:
            An immutable tuple of records, which also looks a record up by
            its id (:class:`~stalin_telegrams.IncomingMessages`).

        >>> from stalin_telegrams import load
        >>> first = load().incoming()[0]
        >>> first.id, first.authors, first.mentioned_in
        ('1942-01-15-churchill-to-stalin', ('Churchill',), ('1942-01-16-churchill',))
        >>> load().incoming()["1945-08-18-truman-to-stalin"].in_reply_to
        ('1945-08-16-truman',)

        .. versionadded:: 0.2.0
        .. versionchanged:: 0.3.0
           The tuple looks records up by id: ``incoming()["…"]``.
        """
        return self._origin.incoming

    def get(self, message_id: str) -> Message:
        """Return the message with *message_id*, following aliases.

        Args:
            message_id: The id of a message, or a retired id.

        Returns:
            The message.

        Raises:
            UnknownMessageError: No message has that id; the error names the
                closest ids. It is also a :class:`KeyError`.
            ArgumentTypeError: *message_id* is not a str (also a
                :class:`TypeError`).
        """
        _checks.message_id(message_id, "message_id")
        found = self._by_id.get(message_id)
        if found is None and message_id in self._aliases:
            found = self._by_id.get(self._aliases[message_id])
        if found is None:
            from ._suggest import close_matches  # noqa: PLC0415 - for the error alone

            close = close_matches(message_id, self._by_id)
            raise UnknownMessageError(message_id, tuple(close))
        return found

    def to_records(self) -> list[dict[str, Any]]:
        """Return the messages as plain dicts, ready for :func:`json.dumps`.

        Each message becomes a dict of its fields, unstructured by the
        package's one cattrs converter, in field order with the derived
        ``date`` after ``sent_on`` and ``in_reply_to`` (the ids of the reply
        links) after ``reply_links``: strings, numbers, ``None``, lists and
        dicts only, dates as ISO ``YYYY-MM-DD`` strings.

        Returns:
            One dict per message, in corpus order.

        >>> from stalin_telegrams import load
        >>> record = load().to_records()[0]
        >>> record["id"] == load()[0].id, record["date"] == load()[0].date.isoformat()
        (True, True)

        .. versionadded:: 0.1.0
        """
        from .exports._records import to_records  # noqa: PLC0415 - loaded when first asked for

        return to_records(self._messages)

    def to_dataframe(self) -> pd.DataFrame:
        """Return the messages as a :class:`pandas.DataFrame`, one row per message.

        pandas is imported only when this is called; install it with the
        ``pandas`` extra: ``pip install 'stalin-telegrams[pandas]'``.

        The frame has a default integer index. Its columns are the fields of
        :class:`Message` in their order, with four derived columns put in:
        ``sender`` after ``senders``, ``date`` after ``sent_on``, ``year``
        after ``date`` and ``recipients_joined`` after ``recipients``:

        ``id`` (str), ``number`` (int)
            The message id and its position in the volume.
        ``senders`` (list of str)
            Surnames of the writers, in heading order.
        ``sender`` (str)
            The same joined by ``" and "``, as :attr:`Message.sender`.
        ``recipients`` (list of str)
            Surnames of the addressees, in heading order.
        ``recipients_joined`` (str)
            The same joined by ``", "``, for grouping and for spreadsheets.
        ``written_on``, ``sent_on`` (datetime64)
            The two dates the volume gives; ``NaT`` where it gives none.
        ``date`` (datetime64)
            :attr:`Message.date`: the written date, else the sending date;
            ``NaT`` when the message has neither.
        ``year`` (nullable ``Int64``)
            The year of ``date``; ``<NA>`` when undated.
        ``heading``, ``text`` (str)
            As on :class:`Message`.
        ``classification``, ``place``, ``address``, ``salutation``, ``signature`` (str)
            As on :class:`Message`; missing where the message has none.
        ``footnote_marks``, ``source_lines``, ``corrections``, ``references`` (list of dict)
            The nested records, as :meth:`to_records` gives them.
        ``notes`` (list of str)
            Editorial notes on judgements made for the record.
        ``reply_links`` (list of dict)
            The messages the record answers, each with ``id`` and ``kinds``
            (new in 0.3.0).
        ``in_reply_to`` (list of str)
            The ids of the messages the record answers (new in 0.2.0).
        ``mentions`` (list of dict)
            The names found in the text, as :meth:`to_records` gives them.

        Returns:
            The frame.

        Raises:
            ImportError: pandas is not installed; the message names the
                extra to install. The error is also a
                :class:`~stalin_telegrams.exceptions.StalinTelegramsError`.

        .. versionadded:: 0.1.0
        .. versionchanged:: 0.2.0
           The column ``senders`` (a list) comes before ``sender``, which is
           now derived from it.
        .. versionchanged:: 0.3.0
           The column ``reply_links`` before ``in_reply_to``.
        """
        from .exports._records import to_dataframe  # noqa: PLC0415 - loaded when first asked for

        return to_dataframe(self._messages)

    def to_pandas(self) -> pd.DataFrame:
        """Return the messages as a :class:`pandas.DataFrame`: the same as :meth:`to_dataframe`.

        The name pyarrow, polars and Hugging Face ``datasets`` give the
        method; the frame and its columns are those of :meth:`to_dataframe`.

        Raises:
            MissingExtraError: pandas is not installed.

        .. versionadded:: 0.3.0
        """
        return self.to_dataframe()

    def to_arrow(self) -> pa.Table:
        """Return the messages as a :class:`pyarrow.Table`, one row per message.

        pyarrow is imported only when this is called; install it with the
        ``arrow`` extra: ``pip install 'stalin-telegrams[arrow]'``.

        The schema is derived from the model: one column per field of
        :class:`Message` (and ``date`` after ``sent_on``), each with its
        description in the field metadata; dates are ``date32``, lists stay
        lists and nested records are lists of structs (the table of columns
        is in the docs, "Use it with ..."). The table's metadata holds the
        package version, the corpus schema version and the SHA-256 of the
        packaged corpus file, under the keys
        ``stalin_telegrams.package_version``,
        ``stalin_telegrams.schema_version`` and
        ``stalin_telegrams.data_sha256``.

        Raises:
            MissingExtraError: pyarrow is not installed.

        .. versionadded:: 0.2.0
        """
        from .exports._arrow import to_arrow  # noqa: PLC0415 - pyarrow only when asked for

        return to_arrow(self._messages, _provenance())

    def to_parquet(self, path: str | os.PathLike[str]) -> None:
        """Write :meth:`to_arrow` to a Parquet file at *path*.

        The file is written under a temporary name beside *path* and renamed
        when complete; a pipe or a device is written in place, and pyarrow
        is never handed *path* (see "Files are written whole" in the docs).
        Needs the ``arrow`` extra.

        Raises:
            MissingExtraError: pyarrow is not installed.
            ArgumentTypeError: *path* is not a str or :class:`os.PathLike`
                (``None``, bytes, an int).
            InvalidArgumentError: *path* is empty or holds a NUL.
            OSError: The file cannot be written; ``filename`` names it.

        .. versionadded:: 0.2.0
        .. versionchanged:: 0.3.0
           A pipe or a device is written in place by the package, never
           handed to pyarrow, which deleted it when a write failed.
        """
        from .exports._arrow import to_parquet  # noqa: PLC0415 - pyarrow only when asked for

        to_parquet(self._messages, path, _provenance())

    def to_polars(self) -> pl.DataFrame:
        """Return the messages as a :class:`polars.DataFrame`, one row per message.

        The columns and types are those of :meth:`to_arrow`. polars is
        imported only when this is called; install it with the ``polars``
        extra: ``pip install 'stalin-telegrams[polars]'``.

        Raises:
            MissingExtraError: polars is not installed.

        .. versionadded:: 0.2.0
        """
        from .exports._polars import to_polars  # noqa: PLC0415 - polars only when asked for

        return to_polars(self._messages)

    def to_sqlite(self, path: str | os.PathLike[str]) -> Path:
        """Write the messages to a SQLite database at *path*, with Datasette metadata.

        The database has a ``messages`` table (key ``id``) and one table per
        list field (``recipients``, ``message_references``, ``corrections``,
        ``source_lines`` …, keyed by ``message_id`` and ``position``); an
        ``incoming`` table (:meth:`incoming`, with ``incoming_authors`` …),
        ``pairs`` (:meth:`duplicates`) and ``names`` (:attr:`name_index`,
        with ``name_aliases``), all with their foreign keys (``mentions.name``
        to ``names``); and an FTS5 index over the texts,
        ``messages_fts``. Beside it goes ``<name>.metadata.json`` for
        ``datasette <name>.db -m <name>.metadata.json``: title, source,
        licence, and a description of every table and column. The two are
        written as a set: both under temporary names, renamed when both are
        complete, the database last, so a failure before then changes
        neither; the metadata file is never written through a link (see
        "Files are written whole" in the docs).

        Returns:
            The path of the metadata file.

        Raises:
            ArgumentTypeError: *path* is not a str or :class:`os.PathLike`.
            InvalidArgumentError: *path* is empty or holds a NUL; or a
                message mentions a name missing from :attr:`name_index` (a
                corpus made from messages alone has none: give
                ``index=load().name_index``).
            ExportError: SQLite cannot write the database (a full disk, a
                size limit), *path* is not a regular file (a pipe, a
                device), or the metadata file's name is taken by a link or
                anything but a regular file. It is also an :class:`OSError`
                whose ``filename`` names the file.
            OSError: A file cannot be written; ``filename`` names it.

        .. versionadded:: 0.2.0
        .. versionchanged:: 0.3.0
           The two files are written as a set; SQLite's errors are an
           :class:`~stalin_telegrams.exceptions.ExportError`, not
           ``sqlite3.OperationalError``.
        """
        from .exports._sqlite import to_sqlite  # noqa: PLC0415 - sqlite3 only when asked for

        return to_sqlite(
            self._messages,
            path,
            incoming=self.incoming(),
            pairs=self.duplicates(),
            names=self.name_index,
        )

    def to_cmif(self, path: str | os.PathLike[str], *, url: str | None = None) -> None:
        """Write the messages to *path* in CMIF, the TEI format of correspSearch.

        One ``correspDesc`` per message, with sender, addressees, place
        (where the volume gives one) and date (:attr:`Message.date`); the
        file is under CC BY 4.0 as correspSearch requires, and its
        ``licence`` element carries the package's licence statement. It is written
        under a temporary name and renamed when complete.

        After them, one ``correspDesc`` per incoming message
        (:meth:`incoming`) that a message of this corpus names, keyed by its
        id, with a ``note`` naming the printed messages it is known from: dated
        with ``when`` where its date is known, else with ``notAfter``, the
        earliest date of those printed messages (left out if none is dated).

        Args:
            path: Where to write the file.
            url: Where the file will be published, which correspSearch
                needs to register it (``publicationStmt/idno``); by default
                the Homepage of the project's ``[project.urls]``, the
                package's page on PyPI.

        Raises:
            ArgumentTypeError: *path* is not a str or :class:`os.PathLike`,
                or *url* is neither a str nor ``None``.
            InvalidArgumentError: *path* is empty or holds a NUL; *url* is
                empty or holds white space or a control character; or a
                name holds a character XML cannot hold.
            OSError: The file cannot be written; ``filename`` names it.

        .. versionadded:: 0.2.0
        .. versionchanged:: 0.3.0
           *url* defaults to the project's Homepage; the licence element
           carries the package's licence statement.
           A bad *url* is refused rather than written into a file that is
           not well-formed XML.
        """
        from .exports._cmif import cmif, to_cmif  # noqa: PLC0415 - xml only when asked for

        document = cmif(self._messages, url, incoming=self.incoming(), names=self.name_index)
        to_cmif(path, document)

    def to_datapackage(self, folder: str | os.PathLike[str]) -> Path:
        """Write the messages as a Frictionless data package into *folder*.

        The tables of :meth:`to_sqlite` become CSV files, described by a
        ``datapackage.json`` with typed table schemas, primary and foreign
        keys, the licence and the source. The package is built in a new
        folder beside *folder* and swapped in whole when complete (folders
        above it are made if missing). An existing *folder* may hold only a
        data package's own files: one that holds anything else is refused,
        never replaced (see "Files are written whole" in the docs).

        Returns:
            The path of ``datapackage.json``.

        Raises:
            ArgumentTypeError: *folder* is not a str or :class:`os.PathLike`.
            InvalidArgumentError: *folder* is empty or holds a NUL; or a
                message mentions a name missing from :attr:`name_index` (a
                corpus made from messages alone has none: give
                ``index=load().name_index``).
            ExportError: *folder* holds a file the package does not write;
                ``filename`` names it.
            NotADirectoryError: *folder* is a file.
            OSError: A file cannot be written; ``filename`` names it.

        .. versionadded:: 0.2.0
        .. versionchanged:: 0.3.0
           Built beside *folder* and swapped in whole; a folder holding
           other files is refused.
        """
        from .exports._datapackage import to_datapackage  # noqa: PLC0415 - csv only when asked for

        return to_datapackage(
            self._messages,
            folder,
            incoming=self.incoming(),
            pairs=self.duplicates(),
            names=self.name_index,
        )

    def citation(self, style: Style = "chicago") -> str:
        """Return a citation of the whole edition, as ``CITATION.cff`` gives it.

        This cites the package and the 1986 volume, whatever messages this
        corpus holds; cite one message with :meth:`Message.citation`.

        Args:
            style: ``"chicago"``, ``"apa"`` or ``"bibtex"`` (key
                ``stalin_telegrams``).

        Raises:
            UnsupportedFormatError: *style* is none of those; it is also a
                :class:`ValueError`.

        >>> from stalin_telegrams import load
        >>> print(load().citation("apa"))  # doctest: +ELLIPSIS
        The stalin_telegrams maintainers. (...). stalin_telegrams: ... [Data set]. Text from ...

        .. versionadded:: 0.2.0
        """
        from ._citation import edition_citation  # noqa: PLC0415 - only when asked for

        return edition_citation(style)

    @_criteria_keywords
    def filter_by(self, criteria: Criteria) -> Corpus:
        """Return the messages of this corpus that meet every criterion given.

        The same as :func:`~stalin_telegrams.filter_by` with this corpus as
        *messages*; the criteria (keywords only) and errors are documented
        there.

        >>> from stalin_telegrams import load
        >>> load().filter_by(on="1942-11-20", recipient="Roosevelt").ids
        ('1942-11-20-roosevelt',)

        .. versionadded:: 0.1.0
        """
        from ._query import select  # noqa: PLC0415 - loaded with the first query

        return self._derived(select(self._messages, criteria, self._known, self._origin.memo))

    @_checks.arguments
    def duplicates(self, *, threshold: float | None = None) -> tuple[Pair, ...]:
        """Return the pairs of messages of this corpus whose texts are (nearly) the same.

        The same as :func:`~stalin_telegrams.duplicates` with this corpus as
        *messages*; *threshold* ``None`` means its default. The pairs at
        the default threshold are found once and kept.

        >>> from stalin_telegrams import load
        >>> load().filter_by(on="1942-11-20").duplicates()[0].kind
        'identical'

        .. versionadded:: 0.1.0
        """
        limit = _checks.DEFAULT_THRESHOLD if threshold is None else _checks.threshold(threshold)
        from ._duplicates import find_pairs  # noqa: PLC0415 - loaded when first asked for

        if limit != _checks.DEFAULT_THRESHOLD:
            with paused():
                return find_pairs(self._messages, limit, self._origin.memo)
        if self._pairs is None:
            with paused():
                self._pairs = find_pairs(self._messages, limit, self._origin.memo)
        return self._pairs

    @overload
    def thread_of(
        self,
        message_or_id: Message | IncomingMessage | str,
        *,
        include_incoming: Literal[False] = False,
    ) -> Corpus: ...
    @overload
    def thread_of(
        self, message_or_id: Message | IncomingMessage | str, *, include_incoming: Literal[True]
    ) -> tuple[Message | IncomingMessage, ...]: ...
    @overload
    def thread_of(
        self, message_or_id: Message | IncomingMessage | str, *, include_incoming: bool
    ) -> Corpus | tuple[Message | IncomingMessage, ...]: ...
    @_checks.arguments
    def thread_of(
        self, message_or_id: Message | IncomingMessage | str, *, include_incoming: bool = False
    ) -> Corpus | tuple[Message | IncomingMessage, ...]:
        """Return the thread of a message, or of an incoming message, within this corpus.

        The same as :func:`~stalin_telegrams.thread_of` with this corpus as
        *messages*; the rule and the errors are documented there. The
        threads of every message are found at the first call, and kept.

        >>> from stalin_telegrams import load
        >>> load().thread_of("1942-11-20-churchill").ids
        ('1942-11-20-churchill', '1942-11-20-roosevelt')
        >>> load().thread_of("1945-08-18-truman-to-stalin").ids
        ('1945-08-16-truman', '1945-08-22-truman')

        .. versionadded:: 0.1.0
        .. versionchanged:: 0.2.0
           *include_incoming*.
        .. versionchanged:: 0.3.0
           An incoming message, or its id, has a thread too.
        """
        if not isinstance(include_incoming, bool):
            msg = f"include_incoming: expected a bool, {_checks.got(include_incoming)}"
            raise ArgumentTypeError(msg)
        wanted = self._record_id(message_or_id, "message_or_id", CriterionTypeError)
        thread = self._thread_index().get(wanted, (wanted,))
        if include_incoming:
            return tuple(self._record(i) for i in thread)
        return self._derived(self._by_id[i] for i in thread if i in self._by_id)

    def _record_id(
        self,
        value: object,
        argument: str,
        error: type[ArgumentTypeError] = ArgumentTypeError,
    ) -> str:
        """Return the id of a message or incoming message of this corpus, following aliases."""
        from ._records import IncomingMessage  # noqa: PLC0415 - not made by load()

        if isinstance(value, (Message, IncomingMessage)):
            wanted = value.id
        elif isinstance(value, str):
            wanted = value
        else:
            msg = (
                f"{argument}: expected a Message, an IncomingMessage or an id (str),"
                f" {_checks.got(value)}"
            )
            raise error(msg)
        incoming = self.incoming().ids
        if wanted not in self._by_id and wanted not in incoming:
            wanted = self._aliases.get(wanted, wanted)
        if wanted not in self._by_id and wanted not in incoming:
            from ._suggest import close_matches  # noqa: PLC0415 - for the error alone

            close = close_matches(wanted, [*self._by_id, *incoming])
            raise UnknownMessageError(wanted, tuple(close))
        return wanted

    def _record(self, record_id: str) -> Message | IncomingMessage:
        """Return the message or incoming message with *record_id* (an id of this corpus)."""
        found = self._by_id.get(record_id)
        return found if found is not None else self.incoming()[record_id]

    @overload
    def threads(self, *, include_incoming: Literal[False] = False) -> tuple[Corpus, ...]: ...
    @overload
    def threads(
        self, *, include_incoming: Literal[True]
    ) -> tuple[tuple[Message | IncomingMessage, ...], ...]: ...
    @overload
    def threads(
        self, *, include_incoming: bool
    ) -> tuple[Corpus, ...] | tuple[tuple[Message | IncomingMessage, ...], ...]: ...
    def threads(
        self, *, include_incoming: bool = False
    ) -> tuple[Corpus, ...] | tuple[tuple[Message | IncomingMessage, ...], ...]:
        """Return every thread of this corpus once, in the order of their first message.

        A thread is one exchange on one matter, by the rule of
        :func:`~stalin_telegrams.thread_of`: each message of the corpus
        stands in exactly one. The threads are those of the messages this
        corpus holds, found among them: on a selection (``filter_by``, a
        slice) they are the threads of that selection, not of the volume.
        Found at the first call with :meth:`thread_of`, and kept.

        Args:
            include_incoming: Give each thread as a tuple of its records,
                the incoming messages (:meth:`incoming`) among the printed
                ones, in date order, instead of a corpus of its messages.

        Returns:
            The threads, ordered by the date of their first printed message
            (undated last), each a :class:`Corpus` or, with
            *include_incoming*, a tuple of records in date order.

        Raises:
            ArgumentTypeError: *include_incoming* is not a bool (also a
                :class:`TypeError`).

        >>> from stalin_telegrams import load
        >>> longest = max(load().threads(), key=len)
        >>> len(longest), longest[0].id
        (7, '1943-01-30-churchill-roosevelt')

        .. versionadded:: 0.3.0
        """
        if not isinstance(include_incoming, bool):
            msg = f"include_incoming: expected a bool, {_checks.got(include_incoming)}"
            raise ArgumentTypeError(msg)
        if self._thread_list is None:
            index = self._thread_index()
            seen: dict[tuple[str, ...], None] = {}
            for message in self._messages:
                seen.setdefault(index[message.id], None)
            from ._threads import order  # noqa: PLC0415 - loaded with the threads

            by_id = self._by_id
            self._thread_list = tuple(
                sorted(seen, key=lambda thread: order(next(by_id[i] for i in thread if i in by_id)))
            )
        views = self._thread_views
        if include_incoming not in views:
            views[include_incoming] = tuple(
                tuple(self._record(i) for i in t)
                if include_incoming
                else self._derived(self._by_id[i] for i in t if i in self._by_id)
                for t in self._thread_list
            )
        return views[include_incoming]

    def answered_by(
        self, record_or_id: Message | IncomingMessage | str
    ) -> tuple[Message | IncomingMessage, ...]:
        """Return the records of this corpus that answer a message, printed or incoming.

        The reverse of :attr:`Message.reply_links
        <stalin_telegrams.Message.reply_links>` and
        :attr:`IncomingMessage.reply_links
        <stalin_telegrams.IncomingMessage.reply_links>`: the printed
        messages (in corpus order), then the incoming messages (in date
        order), whose reply links name it. It is derived from the records of
        this corpus, not stored in the record: a selection answers with the
        answers it holds.

        Args:
            record_or_id: A message, an incoming message, or the id of
                either (a retired id resolves through its alias).

        Raises:
            UnknownMessageError: No record of this corpus has that id (also
                a :class:`KeyError`); the error names the closest ids.
            ArgumentTypeError: *record_or_id* is none of those types.

        >>> from stalin_telegrams import load
        >>> corpus = load()
        >>> [r.id for r in corpus.answered_by("1945-08-16-truman")]
        ['1945-08-18-truman-to-stalin']
        >>> [r.id for r in corpus.answered_by("1945-08-18-truman-to-stalin")]
        ['1945-08-22-truman']

        .. versionadded:: 0.3.0
        """
        wanted = self._record_id(record_or_id, "record_or_id")
        return tuple(self._record(i) for i in self._reverse_index()[0].get(wanted, ()))

    def referred_to_by(self, record_or_id: Message | IncomingMessage | str) -> tuple[Message, ...]:
        """Return the messages of this corpus whose references name a message.

        The reverse of :attr:`Reference.targets
        <stalin_telegrams.Reference.targets>`, in corpus order, for a
        printed or an incoming message; derived from the messages of this
        corpus, as :meth:`answered_by` is.

        Args:
            record_or_id: A message, an incoming message, or the id of
                either.

        Raises:
            UnknownMessageError: No record of this corpus has that id.
            ArgumentTypeError: *record_or_id* is none of those types.

        >>> from stalin_telegrams import load
        >>> [m.id for m in load().referred_to_by("1945-05-04-truman")]
        ['1945-05-10-truman']

        .. versionadded:: 0.3.0
        """
        wanted = self._record_id(record_or_id, "record_or_id")
        return tuple(self._by_id[i] for i in self._reverse_index()[1].get(wanted, ()))

    def response_times(self) -> tuple[ResponseTime, ...]:
        """Return how long each message of this corpus took to answer the incoming one it answers.

        One :class:`~stalin_telegrams.ResponseTime` per reply link from a
        printed message of this corpus to an incoming message whose date or
        day of arrival is known, the answer dated too: from the incoming
        message's date (the day it was written) where known, else from the
        day it arrived, to the answer's :attr:`~Message.date`. A thanks alone
        counts as an answer here. Select the messages first to ask about
        some of them: ``corpus.filter_by(recipient="Churchill")``.

        Returns:
            The response times, in corpus order of the answers.

        >>> from statistics import median
        >>> from stalin_telegrams import load
        >>> times = load().filter_by(recipient="Churchill").response_times()
        >>> len(times), median(t.days for t in times)
        (121, 2)

        .. versionadded:: 0.3.0
        """
        from ._records import ResponseTime  # noqa: PLC0415 - not made by load()

        out: list[ResponseTime] = []
        incoming = self.incoming()
        for message in self._messages:
            for parent in message.in_reply_to:
                record = incoming.get(parent) if parent in incoming.ids else None
                if record is None or message.date is None:
                    continue
                start = record.date or record.received_on
                if start is not None:
                    since: Literal["written", "arrived"] = (
                        "written" if record.date is not None else "arrived"
                    )
                    days = (message.date - start).days
                    out.append(ResponseTime(record, message, days, since))
        return tuple(out)

    def _reverse_index(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """Return who answers and who names each id, made once."""
        if self._reverse is None:
            answers: dict[str, list[str]] = {}
            names: dict[str, list[str]] = {}
            for message in self._messages:
                for parent in message.in_reply_to:
                    answers.setdefault(parent, []).append(message.id)
                for target in dict.fromkeys(t for r in message.references for t in r.targets):
                    names.setdefault(target, []).append(message.id)
            for record in self.incoming():
                for parent in record.in_reply_to:
                    answers.setdefault(parent, []).append(record.id)
            self._reverse = (answers, names)
        return self._reverse

    def _thread_index(self) -> dict[str, tuple[str, ...]]:
        """Return every message's thread as ids, found once and kept."""
        if self._threads is None:
            from ._threads import thread_index  # noqa: PLC0415 - loaded when first asked for

            pairs = ((pair.first.id, pair.second.id) for pair in self.duplicates())
            self._threads = thread_index(self._messages, pairs, self.incoming())
        return self._threads


def _provenance() -> dict[str, str]:
    """Return what the table metadata of an export says of its origin."""
    return {
        "package_version": __version__,
        "schema_version": str(SCHEMA_VERSION),
        "data_sha256": DATA_SHA256,
    }
