"""Export messages: plain JSON-ready records, and a pandas DataFrame.

Functions of the messages they are given; :class:`~stalin_telegrams.Corpus`
calls them for its ``to_records`` and ``to_dataframe``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .._converter import converter
from .._model import Message, join_names
from ..exceptions import MissingExtraError
from ._schema import message_columns

if TYPE_CHECKING:
    import pandas as pd

#: The extra that installs pandas for :func:`to_dataframe`.
PANDAS_EXTRA = "stalin-telegrams[pandas]"

#: Derived columns of :func:`to_dataframe`, each put right after the field it comes from.
_DERIVED = {"date": "year", "recipients": "recipients_joined", "senders": "sender"}
_DATE_COLUMNS = ("date", "written_on", "sent_on")
#: How :func:`to_dataframe` joins several recipients into one string.
RECIPIENT_SEPARATOR = ", "


def record_keys() -> tuple[str, ...]:
    """Return the keys of a record: the columns of :func:`~._schema.message_columns`.

    They are the fields of :class:`Message`, each derived column (``date``,
    ``in_reply_to``) after the field it follows.
    """
    return tuple(column.name for column in message_columns())


def _columns() -> tuple[str, ...]:
    """Return the columns of :func:`to_dataframe`, in order."""
    out: list[str] = []
    for key in record_keys():
        out.append(key)
        if key in _DERIVED:
            out.append(_DERIVED[key])
    return tuple(out)


def to_record(message: Message) -> dict[str, Any]:
    """Return one message as a plain dict of JSON types, with its derived ``date``.

    The keys are :func:`record_keys`: the fields of
    :class:`~stalin_telegrams.Message` in their order, with ``date`` after
    ``sent_on`` and ``in_reply_to`` (the ids of the reply links) after
    ``reply_links``. Dates are ISO strings, tuples are lists, nested records
    are dicts, with the field names of the model.
    """
    unstructure = converter().unstructure
    fields: dict[str, Any] = unstructure(message, Message)
    return {
        column.name: unstructure(getattr(message, column.field))
        if column.derived
        else fields[column.field]
        for column in message_columns()
    }


def to_records(messages: Iterable[Message]) -> list[dict[str, Any]]:
    """Return *messages* as plain dicts, ready for :func:`json.dumps`.

    This is :meth:`Corpus.to_records <stalin_telegrams.Corpus.to_records>`
    for any iterable of messages.

    Args:
        messages: The messages to export.

    Returns:
        One dict per message (see :func:`to_record`), in the order given.

    >>> from stalin_telegrams import load
    >>> [record] = to_records([load()["1942-11-20-churchill"]])
    >>> record["id"], record["date"], record["recipients"]
    ('1942-11-20-churchill', '1942-11-20', ['Churchill'])
    """
    return [to_record(message) for message in messages]


def to_dataframe(messages: Iterable[Message]) -> pd.DataFrame:
    """Return *messages* as a :class:`pandas.DataFrame`, one row per message.

    This is :meth:`Corpus.to_dataframe <stalin_telegrams.Corpus.to_dataframe>`
    for any iterable of messages; the columns are documented there.

    Args:
        messages: The messages to export.

    Returns:
        A frame with a default integer index and the columns of :func:`_columns`.

    Raises:
        MissingExtraError: pandas is not installed.
    """
    try:
        import pandas as pd  # noqa: PLC0415  # optional: imported only when asked for
    except ImportError as err:
        msg = (
            "to_dataframe() needs pandas, which is not installed;"
            f" install it with: pip install '{PANDAS_EXTRA}'"
        )
        raise MissingExtraError(msg) from err
    records = to_records(messages)
    for record in records:
        record["recipients_joined"] = RECIPIENT_SEPARATOR.join(record["recipients"])
        record["sender"] = join_names(tuple(record["senders"]))
        record["year"] = None if record["date"] is None else int(record["date"][:4])
    # Typed here: for Python 3.10, pandas-stubs types from_records() as Any.
    frame: pd.DataFrame = pd.DataFrame.from_records(records, columns=list(_columns()))
    for column in _DATE_COLUMNS:
        frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d").astype("datetime64[ns]")
    frame["year"] = frame["year"].astype("Int64")
    frame["number"] = frame["number"].astype("int64")
    return frame
