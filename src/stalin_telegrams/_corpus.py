"""The immutable, indexable corpus returned by :func:`~stalin_telegrams.load`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

from . import _export
from ._model import Message
from .exceptions import UnknownMessageError

if TYPE_CHECKING:
    import datetime
    import os
    from pathlib import Path
    from typing import NoReturn

    import pandas as pd
    import polars as pl
    import pyarrow as pa

    from ._citation import Style
    from ._duplicates import Pair


class Corpus(Sequence[Message]):
    """An immutable sequence of :class:`Message` in volume order, with lookup by id.

    Index it with an integer or a slice like any sequence, or with a message
    id; an id that a later release replaced still resolves through its alias.

    >>> from stalin_telegrams import load
    >>> corpus = load()
    >>> corpus["1942-11-20-churchill"].recipients
    ('Churchill',)

    .. versionadded:: 0.1.0
    """

    __slots__ = ("_aliases", "_by_id", "_messages")

    def __init__(
        self,
        messages: Iterable[Message] = (),
        aliases: Mapping[str, str] | None = None,
    ) -> None:
        self._messages: tuple[Message, ...] = tuple(messages)
        by_id: dict[str, Message] = {}
        for message in self._messages:
            if message.id in by_id:
                msg = f"duplicate message id {message.id!r}"
                raise ValueError(msg)
            by_id[message.id] = message
        self._by_id = by_id
        self._aliases: dict[str, str] = dict(aliases or {})

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
            return Corpus(self._messages[key], self._aliases)
        return self._messages[key]

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

    def get(self, message_id: str) -> Message:
        """Return the message with *message_id*, following aliases.

        Raises:
            UnknownMessageError: No message has that id; the error names the
                closest ids. It is also a :class:`KeyError`.
        """
        found = self._by_id.get(message_id)
        if found is None and message_id in self._aliases:
            found = self._by_id.get(self._aliases[message_id])
        if found is None:
            from ._suggest import close_matches  # noqa: PLC0415 - only to explain a miss

            close = close_matches(message_id, self._by_id)
            raise UnknownMessageError(message_id, tuple(close))
        return found

    def to_records(self) -> list[dict[str, Any]]:
        """Return the messages as plain dicts, ready for :func:`json.dumps`.

        Each message becomes a dict of its fields, unstructured by the
        package's one cattrs converter, in field order with the derived
        ``date`` after ``sent_on``: strings, numbers, ``None``, lists and
        dicts only, dates as ISO ``YYYY-MM-DD`` strings.

        Returns:
            One dict per message, in corpus order.

        >>> from stalin_telegrams import load
        >>> record = load().to_records()[0]
        >>> record["id"] == load()[0].id, record["date"] == load()[0].date.isoformat()
        (True, True)

        .. versionadded:: 0.1.0
        """
        return _export.to_records(self)

    def to_dataframe(self) -> pd.DataFrame:
        """Return the messages as a :class:`pandas.DataFrame`, one row per message.

        pandas is imported only when this is called; install it with the
        ``pandas`` extra: ``pip install 'stalin-telegrams[pandas]'``.

        The frame has a default integer index. Its columns are the fields of
        :class:`Message` in their order, with three derived columns put in:
        ``date`` after ``sent_on``, ``year`` after ``date`` and
        ``recipients_joined`` after ``recipients``:

        ``id`` (str), ``number`` (int)
            The message id and its position in the volume.
        ``sender`` (str)
            Surname of the writer.
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

        Raises:
            ImportError: pandas is not installed; the message names the
                extra to install. The error is also a
                :class:`~stalin_telegrams.exceptions.StalinTelegramsError`.

        .. versionadded:: 0.1.0
        """
        return _export.to_dataframe(self)

    def to_arrow(self) -> pa.Table:
        """Return the messages as a :class:`pyarrow.Table`, one row per message.

        pyarrow is imported only when this is called; install it with the
        ``arrow`` extra: ``pip install 'stalin-telegrams[arrow]'``.

        The schema is derived from the model: one column per field of
        :class:`Message` (and ``date`` after ``sent_on``), each with its
        description in the field metadata; dates are ``date32``, lists stay
        lists and nested records are lists of structs (the table of columns
        is in the docs, "Use it with ..."). The table's metadata holds the
        package version and the corpus schema version, under the keys
        ``stalin_telegrams.package_version`` and
        ``stalin_telegrams.schema_version``.

        Raises:
            MissingExtraError: pyarrow is not installed.

        .. versionadded:: 0.2.0
        """
        from ._arrow import to_arrow  # noqa: PLC0415 - pyarrow only when asked for

        return to_arrow(self, _provenance())

    def to_parquet(self, path: str | os.PathLike[str]) -> None:
        """Write :meth:`to_arrow` to a Parquet file at *path*.

        The file is written under a temporary name beside *path* and renamed
        when complete. Needs the ``arrow`` extra.

        Raises:
            MissingExtraError: pyarrow is not installed.
            OSError: The file cannot be written.

        .. versionadded:: 0.2.0
        """
        from ._arrow import to_parquet  # noqa: PLC0415 - pyarrow only when asked for

        to_parquet(self, path, _provenance())

    def to_polars(self) -> pl.DataFrame:
        """Return the messages as a :class:`polars.DataFrame`, one row per message.

        The columns and types are those of :meth:`to_arrow`. polars is
        imported only when this is called; install it with the ``polars``
        extra: ``pip install 'stalin-telegrams[polars]'``.

        Raises:
            MissingExtraError: polars is not installed.

        .. versionadded:: 0.2.0
        """
        from ._polars import to_polars  # noqa: PLC0415 - polars only when asked for

        return to_polars(self)

    def to_sqlite(self, path: str | os.PathLike[str]) -> Path:
        """Write the messages to a SQLite database at *path*, with Datasette metadata.

        The database has a ``messages`` table (key ``id``) and one table per
        list field (``recipients``, ``references``, ``corrections``,
        ``source_lines`` …, keyed by ``message_id`` and ``position``), with
        their foreign keys, and an FTS5 index over the texts,
        ``messages_fts``. Beside it goes ``<name>.metadata.json`` for
        ``datasette <name>.db -m <name>.metadata.json``: title, source,
        licence, and a description of every table and column. Each file is
        written under a temporary name and renamed when complete.

        Returns:
            The path of the metadata file.

        Raises:
            OSError: A file cannot be written.

        .. versionadded:: 0.2.0
        """
        from ._sqlite import to_sqlite  # noqa: PLC0415 - sqlite3 only when asked for

        return to_sqlite(self, path)

    def to_cmif(self, path: str | os.PathLike[str], *, url: str | None = None) -> None:
        """Write the messages to *path* in CMIF, the TEI format of correspSearch.

        One ``correspDesc`` per message, with sender, addressees, place
        (where the volume gives one) and date (:attr:`Message.date`); the
        file is under CC BY 4.0 as correspSearch requires. It is written
        under a temporary name and renamed when complete.

        Args:
            path: Where to write the file.
            url: Where the file will be published, which correspSearch
                needs to register it (``publicationStmt/idno``).

        Raises:
            OSError: The file cannot be written.

        .. versionadded:: 0.2.0
        """
        from ._cmif import to_cmif  # noqa: PLC0415 - xml only when asked for

        to_cmif(self, path, url)

    def to_datapackage(self, folder: str | os.PathLike[str]) -> Path:
        """Write the messages as a Frictionless data package into *folder*.

        The tables of :meth:`to_sqlite` become CSV files, described by a
        ``datapackage.json`` with typed table schemas, primary and foreign
        keys, the licence and the source. The folder is made if missing;
        each file is written under a temporary name and renamed when
        complete, the descriptor last.

        Returns:
            The path of ``datapackage.json``.

        Raises:
            OSError: A file cannot be written.

        .. versionadded:: 0.2.0
        """
        from ._datapackage import to_datapackage  # noqa: PLC0415 - csv only when asked for

        return to_datapackage(self, folder)

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

    def filter_by(  # noqa: PLR0913 - the criteria of filter_by(), one keyword each
        self,
        *,
        sender: str | None = None,
        recipient: str | None = None,
        year: int | None = None,
        month: int | None = None,
        on: datetime.date | str | None = None,
        after: datetime.date | str | None = None,
        before: datetime.date | str | None = None,
        classification: str | None = None,
        contains: str | None = None,
        ids: Iterable[str] | None = None,
        **unknown: NoReturn,
    ) -> Corpus:
        """Return the messages of this corpus that meet every criterion given.

        The same as :func:`~stalin_telegrams.filter_by` with this corpus as
        *messages*; the criteria and errors are documented there.

        >>> from stalin_telegrams import load
        >>> load().filter_by(on="1942-11-20", recipient="Roosevelt").ids
        ('1942-11-20-roosevelt',)

        .. versionadded:: 0.1.0
        """
        from ._query import filter_by  # noqa: PLC0415 - _query imports this module

        return filter_by(
            self,
            sender=sender,
            recipient=recipient,
            year=year,
            month=month,
            on=on,
            after=after,
            before=before,
            classification=classification,
            contains=contains,
            ids=ids,
            **unknown,
        )

    def thread_of(self, message_or_id: Message | str) -> Corpus:
        """Return the thread of a message, within this corpus.

        The same as :func:`~stalin_telegrams.thread_of` with this corpus as
        *messages*.

        >>> from stalin_telegrams import load
        >>> load().thread_of("1942-11-20-churchill").ids
        ('1942-11-20-churchill', '1942-11-20-roosevelt')

        .. versionadded:: 0.1.0
        """
        from ._threads import thread_of  # noqa: PLC0415 - _threads imports this module

        return thread_of(message_or_id, self)

    def duplicates(self, *, threshold: float | None = None) -> tuple[Pair, ...]:
        """Return the pairs of messages of this corpus whose texts are (nearly) the same.

        The same as :func:`~stalin_telegrams.duplicates` with this corpus as
        *messages*; *threshold* ``None`` means its default.

        >>> from stalin_telegrams import load
        >>> load().filter_by(on="1942-11-20").duplicates()[0].kind
        'identical'

        .. versionadded:: 0.1.0
        """
        from ._duplicates import (  # noqa: PLC0415 - _duplicates imports this module
            DEFAULT_THRESHOLD,
            duplicates,
        )

        return duplicates(self, threshold=DEFAULT_THRESHOLD if threshold is None else threshold)


def _provenance() -> dict[str, str]:
    """Return what the table metadata of an export says of its origin."""
    from ._load import SCHEMA_VERSION  # noqa: PLC0415 - _load imports this module
    from ._version import __version__  # noqa: PLC0415 - kept beside the other import

    return {"package_version": __version__, "schema_version": str(SCHEMA_VERSION)}
