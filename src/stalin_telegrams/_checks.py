"""Checks of what callers pass to the public API, with errors that say what was expected.

Each check names the argument, what it accepts and what it got (the value
cut to a readable length), and raises the package's own error, which is
also the built-in exception a caller would expect.
"""

from __future__ import annotations

import datetime
import functools
import inspect
import math
import operator
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from ._dates import EXAMPLE, parse_iso_date
from ._model import Message
from .exceptions import (
    ArgumentTypeError,
    CriterionTypeError,
    InvalidArgumentError,
    InvalidCriterionError,
    InvalidRecordError,
)

if TYPE_CHECKING:
    from ._records import IncomingMessage

P = ParamSpec("P")
R = TypeVar("R")

#: The similarity at or above which two messages count as duplicates.
DEFAULT_THRESHOLD = 0.7
#: How many characters of a bad value an error message shows.
SHOWN = 60
#: The months, by number.
MONTHS = range(1, 13)


#: Ints with more bits than this are described, not written out (Python refuses
#: to write an int of more than 4,300 digits, and a message has no room for it).
_LONGEST_INT_BITS = 128


def shown(value: object) -> str:
    """Return ``repr(value)``, cut to :data:`SHOWN` characters; never fails.

    An int too long to show is described by its number of digits, and a
    value whose ``repr()`` fails by its type.
    """
    if isinstance(value, int) and abs(value).bit_length() > _LONGEST_INT_BITS:
        digits = int(abs(value).bit_length() * 0.30103) + 1
        return f"an int of about {digits:,} digits"
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - any repr of a caller's object may fail
        return f"a {type(value).__name__} that cannot be shown"
    if len(text) > SHOWN:
        return text[: SHOWN - 1] + "…"
    return text


def got(value: object) -> str:
    """Return the type and value of *value*, for the end of an error message."""
    return f"got {type(value).__name__} {shown(value)}"


def messages(value: object, argument: str = "messages") -> tuple[Message, ...]:
    """Return *value* as a tuple of messages, or raise naming *argument*.

    Raises:
        ArgumentTypeError: *value* is a string, is not iterable, or holds
            something other than :class:`Message` records.
    """
    expected = "an iterable of Message records"
    if isinstance(value, (str, bytes)):
        msg = (
            f"{argument}: expected {expected}, {got(value)}"
            f" (criteria are keywords, such as recipient={shown(value)})"
        )
        raise ArgumentTypeError(msg)
    if not isinstance(value, Iterable):
        msg = f"{argument}: expected {expected}, {got(value)}"
        raise ArgumentTypeError(msg)
    items = tuple(value)
    for position, item in enumerate(items):
        if not isinstance(item, Message):
            msg = f"{argument}: expected {expected}, {got(item)} at position {position}"
            raise ArgumentTypeError(msg)
    return items


def arguments(function: Callable[P, R]) -> Callable[P, R]:
    """Make *function* refuse a call its signature does not take with the package's error.

    Python's own error (too many positional arguments, an unknown keyword)
    would be a bare :class:`TypeError`; this one is an
    :class:`~stalin_telegrams.exceptions.ArgumentTypeError` (also a
    :class:`TypeError`) that says how to call it. The signature shown
    (``help()``, the docs) stays the function's.
    """
    signature = inspect.signature(function)
    empty = inspect.Parameter.empty
    plain = signature.replace(
        parameters=[
            p.replace(annotation=empty) for p in signature.parameters.values() if p.name != "self"
        ],
        return_annotation=empty,
    )
    keywords = [p.name for p in signature.parameters.values() if p.kind is p.KEYWORD_ONLY]
    verb = "is" if len(keywords) == 1 else "are"
    hint = f" ({', '.join(keywords)} {verb} keyword-only)" if keywords else ""
    name = function.__qualname__

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            signature.bind(*args, **kwargs)
        except TypeError as err:
            msg = f"{name}{plain}: {err}{hint}"
            raise ArgumentTypeError(msg) from None
        return function(*args, **kwargs)

    return wrapper


def positions(key: slice) -> slice:
    """Return *key*, a slice of positions, with its bounds as ints; refuse what is not one.

    Raises:
        ArgumentTypeError: A bound is not an int or None (a str, a float).
        InvalidArgumentError: The step is 0.
    """
    bounds: list[int | None] = []
    for part, value in (("start", key.start), ("stop", key.stop), ("step", key.step)):
        if value is None:
            bounds.append(None)
            continue
        try:
            bounds.append(operator.index(value))
        except TypeError:
            msg = f"a Corpus is sliced by int positions (or None): slice {part}, {got(value)}"
            raise ArgumentTypeError(msg) from None
    if bounds[2] == 0:
        msg = "a Corpus slice step cannot be 0"
        raise InvalidArgumentError(msg)
    return slice(*bounds)


def message(value: object, argument: str) -> Message:
    """Return *value*, a :class:`Message`, or raise naming *argument*."""
    if not isinstance(value, Message):
        msg = f"{argument}: expected a Message, {got(value)}"
        raise ArgumentTypeError(msg)
    return value


def message_id(value: object, argument: str) -> str:
    """Return *value*, a message id, or raise naming *argument*."""
    if not isinstance(value, str):
        msg = (
            f"{argument}: expected a message id (str) such as '1942-11-20-churchill', {got(value)}"
        )
        raise ArgumentTypeError(msg)
    return value


def threshold(value: object) -> float:
    """Return *value* as a similarity threshold, a real number in ``(0, 1]``.

    Raises:
        CriterionTypeError: *value* is not a real number (a bool is not).
        InvalidCriterionError: *value* is outside ``(0, 1]``, or not a number
            (NaN).
    """
    from numbers import Real  # noqa: PLC0415 - only to check a threshold, at no import cost

    if isinstance(value, bool) or not isinstance(value, Real):
        msg = f"threshold: expected a real number in (0, 1], {got(value)}"
        raise CriterionTypeError(msg)
    try:
        number = float(value)
    except OverflowError:  # an int too large for a float: far above 1
        number = math.inf
    if not 0 < number <= 1:  # NaN compares false, so it is refused too
        msg = f"threshold: expected a real number in (0, 1], got {shown(value)}"
        raise InvalidCriterionError(msg)
    return number


def text(criterion: str, value: object) -> str:
    """Return *value*, a non-empty string, or raise naming *criterion*."""
    if not isinstance(value, str):
        msg = f"{criterion}: expected a str, {got(value)}"
        raise CriterionTypeError(msg)
    if not value.strip():
        msg = f"{criterion}: expected a non-empty str, got {shown(value)}"
        raise InvalidCriterionError(msg)
    return value


def integer(criterion: str, value: object) -> int:
    """Return *value*, an int (not a bool), or raise naming *criterion*."""
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"{criterion}: expected an int, {got(value)}"
        raise CriterionTypeError(msg)
    return value


def month(criterion: str, value: object) -> int:
    """Return *value*, a month number from 1 to 12, or raise naming *criterion*."""
    number = integer(criterion, value)
    if number not in MONTHS:
        msg = f"{criterion}={shown(number)}: expected 1 (January) to 12 (December)"
        raise InvalidCriterionError(msg)
    return number


def date(criterion: str, value: object) -> datetime.date:
    """Return *value*, a date or a strict ISO date string, as a date.

    Raises:
        CriterionTypeError: *value* is neither a :class:`datetime.date` nor a
            str; a :class:`datetime.datetime` is refused too.
        InvalidCriterionError: The string is not ``YYYY-MM-DD`` or names no
            day.
    """
    if isinstance(value, datetime.datetime):
        msg = f"{criterion}: expected a datetime.date or an ISO date str, got a datetime {value!r}"
        raise CriterionTypeError(msg)
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        msg = (
            f"{criterion}: expected a datetime.date or an ISO date str such as"
            f" {EXAMPLE}, {got(value)}"
        )
        raise CriterionTypeError(msg)
    try:
        return parse_iso_date(value)
    except ValueError as err:
        msg = f"{criterion}={shown(value)} is {err}"
        raise InvalidCriterionError(msg) from None


def unique_ids(items: tuple[Message, ...], argument: str = "messages") -> dict[str, Message]:
    """Return the messages by id, or raise when two share an id.

    Raises:
        InvalidRecordError: Two messages have the same id.
    """
    by_id: dict[str, Message] = {}
    for message in items:
        if message.id in by_id:
            msg = f"{argument}: two messages have the id {shown(message.id)}; ids must be unique"
            raise InvalidRecordError(msg)
        by_id[message.id] = message
    return by_id


def incoming_apart(incoming: tuple[IncomingMessage, ...], messages: Mapping[str, Message]) -> None:
    """Refuse incoming messages that share an id, or have the id of a message.

    Raises:
        InvalidRecordError: Two incoming messages have the same id, or one
            has the id of one of *messages*.
    """
    seen: set[str] = set()
    for record in incoming:
        if record.id in seen:
            msg = (
                f"incoming: two incoming messages have the id {shown(record.id)};"
                " ids must be unique"
            )
            raise InvalidRecordError(msg)
        if record.id in messages:
            msg = (
                f"incoming: {shown(record.id)} is the id of a message of the corpus;"
                " an incoming message is one the corpus does not hold"
            )
            raise InvalidRecordError(msg)
        seen.add(record.id)
