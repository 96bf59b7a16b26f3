"""The one configured cattrs converter, shared by the runtime and the build.

Dates are ISO strings. The corpus records get hand-written hooks: they
build each record with plain constructor calls, which keeps :func:`load`
within a small factor of ``json.loads`` (cattrs' generated hooks would first
have to be compiled in every fresh process).
"""

from __future__ import annotations

import datetime
import functools
from typing import Any

import cattrs

from ._model import Correction, FootnoteMark, IncomingMessage, LineSpan, Message, Reference


def _date(value: str | None) -> datetime.date | None:
    return None if value is None else datetime.date.fromisoformat(value)


def _reference(r: dict[str, Any]) -> Reference:
    return Reference(
        phrase=r["phrase"],
        start=r["start"],
        end=r["end"],
        kind=r["kind"],
        authors=tuple(r["authors"]),
        addressees=tuple(r["addressees"]),
        dates=tuple(datetime.date.fromisoformat(v) for v in r["dates"]),
        count=r["count"],
        targets=tuple(r["targets"]),
    )


def _incoming(d: dict[str, Any], _: object) -> IncomingMessage:
    return IncomingMessage(
        id=d["id"],
        authors=tuple(d["authors"]),
        addressees=tuple(d["addressees"]),
        date=_date(d["date"]),
        mentioned_in=tuple(d["mentioned_in"]),
        answered_by=tuple(d["answered_by"]),
    )


def _incomings(items: list[dict[str, Any]], _: object) -> tuple[IncomingMessage, ...]:
    return tuple(_incoming(d, None) for d in items)


def _message(d: dict[str, Any], _: object) -> Message:
    return Message(
        id=d["id"],
        number=d["number"],
        senders=tuple(d["senders"]),
        recipients=tuple(d["recipients"]),
        heading=d["heading"],
        classification=d["classification"],
        written_on=_date(d["written_on"]),
        sent_on=_date(d["sent_on"]),
        place=d["place"],
        address=d["address"],
        salutation=d["salutation"],
        signature=d["signature"],
        text=d["text"],
        footnote_marks=tuple(FootnoteMark(**f) for f in d["footnote_marks"]),
        source_lines=tuple(LineSpan(s["start"], s["end"]) for s in d["source_lines"]),
        corrections=tuple(Correction(**c) for c in d["corrections"]),
        references=tuple(_reference(r) for r in d["references"]),
        notes=tuple(d["notes"]),
        enclosed_in=d["enclosed_in"],
        copy_of=d["copy_of"],
        in_reply_to=tuple(d["in_reply_to"]),
    )


def _messages(items: list[dict[str, Any]], _: object) -> tuple[Message, ...]:
    return tuple(_message(d, None) for d in items)


@functools.cache
def converter() -> cattrs.Converter:
    """Return the package's converter, made on first use."""
    conv = cattrs.Converter(detailed_validation=False)
    conv.register_structure_hook(datetime.date, lambda value, _: datetime.date.fromisoformat(value))
    conv.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    conv.register_structure_hook(Message, _message)
    conv.register_structure_hook_func(lambda t: t == tuple[Message, ...], _messages)
    conv.register_structure_hook(IncomingMessage, _incoming)
    conv.register_structure_hook_func(lambda t: t == tuple[IncomingMessage, ...], _incomings)
    return conv
