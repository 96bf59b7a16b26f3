"""The criteria of filter_by(), stated once.

:class:`Criteria` is the one statement of the criteria: their names, order,
types and defaults, and the command-line options that give them.
:func:`~stalin_telegrams.filter_by` and
:meth:`~stalin_telegrams.Corpus.filter_by` take its fields as keywords
through :func:`function_keywords` and :func:`method_keywords`, which copy
its signature for type checkers (a :class:`~typing.ParamSpec`) and for
:func:`inspect.signature` alike; the command line makes one option of each
field that has ``metadata["option"]``.
"""

from __future__ import annotations

import datetime
import functools
import inspect
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Concatenate, NamedTuple, ParamSpec, TypeVar, cast

import attrs

from . import _checks
from ._dates import parse_iso_date
from ._model import Message
from ._suggest import close_matches
from .exceptions import CriterionTypeError

P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S")

if TYPE_CHECKING:
    from typing import Protocol

    R_co = TypeVar("R_co", covariant=True)

    class CriteriaFunction(Protocol[P, R_co]):
        """A function of the messages (by default the whole corpus) and the criteria as keywords."""

        def __call__(
            self, messages: Iterable[Message] | None = None, *args: P.args, **kwargs: P.kwargs
        ) -> R_co: ...


class Option(NamedTuple):
    """How the command line gives a criterion: ``--NAME METAVAR``."""

    metavar: str
    help: str
    #: Reads the option's text; a ValueError's message says what is wrong.
    parse: Callable[[str], object] = str
    #: A flag (``--see-also``) that takes no text and gives ``True``.
    flag: bool = False


def _digits(text: str) -> int | None:
    """Return *text* as a whole number if it is only ASCII digits, else None.

    ``int()`` also reads ``"1_943"``, ``" 1943"`` and the digits of other
    scripts; the command line takes only what it documents.
    """
    if text.isascii() and text.isdigit():
        return int(text)
    return None


def _year(text: str) -> int:
    number = _digits(text)
    if number is None:
        msg = f"not a year in ASCII digits: {_checks.shown(text)}"
        raise ValueError(msg)
    return number


def _month(text: str) -> int:
    number = _digits(text)
    if number is None or number not in _checks.MONTHS:
        msg = f"not a month number from 1 to 12: {_checks.shown(text)}"
        raise ValueError(msg)
    return number


def _date(text: str) -> datetime.date:
    try:
        return parse_iso_date(text)
    except ValueError as err:
        msg = f"{_checks.shown(text)} is {err}"
        raise ValueError(msg) from None


def _option(metavar: str, text: str, parse: Callable[[str], object] = str) -> dict[str, Option]:
    return {"option": Option(metavar, text, parse)}


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Criteria:
    """The criteria of :func:`~stalin_telegrams.filter_by`, each ``None`` when not given.

    What each criterion selects, and the errors, are documented on
    :func:`~stalin_telegrams.filter_by`; the values are checked when the
    query is made, by :func:`stalin_telegrams._query.select`.
    """

    sender: str | None = attrs.field(
        default=None, metadata=_option("NAME", "surname of the writer, e.g. Stalin")
    )
    recipient: str | None = attrs.field(
        default=None, metadata=_option("NAME", "surname of an addressee")
    )
    year: int | None = attrs.field(
        default=None, metadata=_option("YEAR", "year of the message's date", _year)
    )
    month: int | None = attrs.field(
        default=None, metadata=_option("MONTH", "month of the date, 1 to 12", _month)
    )
    on: datetime.date | str | None = attrs.field(
        default=None, metadata=_option("DATE", "dated on DATE (YYYY-MM-DD)", _date)
    )
    after: datetime.date | str | None = attrs.field(
        default=None, metadata=_option("DATE", "dated after DATE (exclusive)", _date)
    )
    before: datetime.date | str | None = attrs.field(
        default=None, metadata=_option("DATE", "dated before DATE (exclusive)", _date)
    )
    classification: str | None = attrs.field(
        default=None, metadata=_option("LABEL", 'e.g. "PERSONAL AND SECRET"')
    )
    contains: str | None = attrs.field(
        default=None,
        metadata=_option("PHRASE", "text contains PHRASE as whole words, case ignored"),
    )
    ignore_accents: bool | None = None
    ids: Iterable[str] | None = None
    mentions: str | tuple[str, ...] | None = attrs.field(
        default=None,
        metadata=_option("NAME", "text mentions NAME: a name of the index or an alias"),
    )
    see_also: bool | None = attrs.field(
        default=None,
        metadata={
            "option": Option(
                "", "with --mentions: also entries that are part of NAME (see also)", flag=True
            )
        },
    )


#: The names of the criteria, in signature order.
CRITERIA: tuple[str, ...] = tuple(field.name for field in attrs.fields(Criteria))
#: The criteria the command line gives, with their options.
OPTIONS: Mapping[str, Option] = {
    field.name: field.metadata["option"]
    for field in attrs.fields(Criteria)
    if "option" in field.metadata
}


def reject_unknown(names: Iterable[str], where: str) -> None:
    """Raise for the first of *names* that is not a criterion, suggesting the one meant."""
    unknown = sorted(set(names).difference(CRITERIA))
    if not unknown:
        return
    name = unknown[0]
    close = close_matches(name, CRITERIA, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    msg = (
        f"{where}: unknown criterion {_checks.shown(name)}{hint}"
        f" Criteria are: {', '.join(CRITERIA)}"
    )
    raise CriterionTypeError(msg)


def _signature(function: Callable[..., object]) -> inspect.Signature:
    """Return the signature of *function* with its criteria argument spread into keywords."""
    signature = inspect.signature(function)
    first = next(iter(signature.parameters.values()))
    if first.name == "messages":
        first = first.replace(default=None)
    keywords = [
        inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=f.type)
        for f in attrs.fields(Criteria)
    ]
    return signature.replace(parameters=[first, *keywords])


def _keywords(
    make: Callable[..., Criteria],
    wrapped: Callable[[Any, Criteria], R],
    expected: str,
    bound: int,
) -> Callable[..., R]:
    """Return *wrapped* taking its criteria as keywords, with the signature that says so.

    *wrapped* takes a first argument (the messages, or the corpus it is a
    method of: the *bound* leading arguments an error does not count) and
    the :class:`Criteria` that *make* builds from the keywords; *expected*
    says, in an error, what the wrapped callable takes.
    """
    where = f"{wrapped.__name__}()"

    def call(*args: object, **kwargs: object) -> R:
        first = args[0] if args else kwargs.pop("messages", None)
        if len(args) > 1:
            msg = (
                f"{where} takes {expected} as keywords;"
                f" got {len(args) - bound} positional arguments"
            )
            raise CriterionTypeError(msg)
        reject_unknown(kwargs, where)
        return wrapped(first, make(**kwargs))

    functools.update_wrapper(call, wrapped)
    del call.__wrapped__  # type: ignore[attr-defined]  # set by update_wrapper
    call.__signature__ = _signature(wrapped)  # type: ignore[attr-defined]
    return call


def function_keywords(
    make: Callable[P, Criteria],
) -> Callable[[Callable[[Iterable[Message] | None, Criteria], R]], CriteriaFunction[P, R]]:
    """Turn ``f(messages, criteria)`` into ``f(messages=None, **criteria)``.

    *make* is :class:`Criteria`; passing it lets type checkers copy its
    keywords into the signature of the function made.
    """

    def decorate(
        function: Callable[[Iterable[Message] | None, Criteria], R],
    ) -> CriteriaFunction[P, R]:
        made = _keywords(make, function, "the messages, then criteria", 0)
        return cast("CriteriaFunction[P, R]", made)

    return decorate


def method_keywords(
    make: Callable[P, Criteria],
) -> Callable[[Callable[[S, Criteria], R]], Callable[Concatenate[S, P], R]]:
    """Turn a method ``m(self, criteria)`` into ``m(self, **criteria)``.

    *make* is :class:`Criteria`, as for :func:`function_keywords`.
    """

    def decorate(method: Callable[[S, Criteria], R]) -> Callable[Concatenate[S, P], R]:
        return cast("Callable[Concatenate[S, P], R]", _keywords(make, method, "the criteria", 1))

    return decorate
