"""The immutable, indexable corpus returned by :func:`~stalin_telegrams.load`."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

from . import _export
from ._model import IncomingMessage, Message
from .exceptions import UnknownMessageError

if TYPE_CHECKING:
    from typing import NoReturn

    import pandas as pd

    from ._duplicates import Pair


_NO_DATE = datetime.date.min


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

    __slots__ = ("_aliases", "_by_id", "_incoming", "_messages")

    def __init__(
        self,
        messages: Iterable[Message] = (),
        aliases: Mapping[str, str] | None = None,
        incoming: Iterable[IncomingMessage] = (),
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
        self._incoming: tuple[IncomingMessage, ...] = tuple(
            sorted(incoming, key=lambda i: (i.date is None, i.date or _NO_DATE, i.id))
        )

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
            return Corpus(self._messages[key], self._aliases, self._incoming)
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

    def incoming(self) -> tuple[IncomingMessage, ...]:
        """Return the messages the corpus names but does not print, in date order.

        The volume prints one side of the correspondence; its messages name
        the other ("Your message of May 11 received"). Each message so named
        is one :class:`IncomingMessage`, however often it is named; those
        without a date come last, in id order. A corpus keeps the incoming
        messages it was made with: :func:`~stalin_telegrams.load` gives all of
        them and a slice keeps them; a corpus built from messages alone has none.

        Returns:
            An immutable tuple of records.

        >>> from stalin_telegrams import load
        >>> first = load().incoming()[0]
        >>> first.id, first.authors, first.mentioned_in
        ('1942-01-15-churchill-to-stalin', ('Churchill',), ('1942-01-16-churchill',))

        .. versionadded:: 0.2.0
        """
        return self._incoming

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
        ``in_reply_to`` (list of str)
            The ids of the messages the record answers (new in 0.2.0).

        Raises:
            ImportError: pandas is not installed; the message names the
                extra to install. The error is also a
                :class:`~stalin_telegrams.exceptions.StalinTelegramsError`.

        .. versionadded:: 0.1.0
        """
        return _export.to_dataframe(self)

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
