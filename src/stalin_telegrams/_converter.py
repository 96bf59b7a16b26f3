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

from ._model import Correction, FootnoteMark, LineSpan, Message, Reference


def _date(value: str | None) -> datetime.date | None:
    return None if value is None else datetime.date.fromisoformat(value)


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
        references=tuple(Reference(r["phrase"], r["target"]) for r in d["references"]),
        notes=tuple(d["notes"]),
        enclosed_in=d["enclosed_in"],
        copy_of=d["copy_of"],
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
    return conv
