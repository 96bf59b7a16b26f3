"""The other side, reconstructed: one record per message the volume names but does not print."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence

from .._model import Message, ReplyLink
from .._records import IncomingMessage
from ._references import Draft, Key

_DATED = re.compile(r"^(\d{4}-\d{2}-\d{2})-")
_RECEIVED = re.compile(r"^received-(\d{4}-\d{2}-\d{2})-")


def incoming(
    messages: Sequence[Message],
    drafts: Mapping[str, Sequence[Draft]],
    replies: Mapping[str, tuple[ReplyLink, ...]] | None = None,
) -> tuple[IncomingMessage, ...]:
    """Return the incoming messages the references name, sorted by id.

    Every target of a reference that is not a printed message becomes one
    record, whatever the number of references to it. Its authors and
    addressees are those of the first reference to it in volume order; its
    date is the one its id begins with (``None`` for ``received-`` and
    ``undated-`` ids); its day of arrival the one a ``received-`` id holds;
    ``mentioned_in`` and ``answered_by`` list the printed messages that name
    it and that answer it (:attr:`~stalin_telegrams.Message.in_reply_to`), in
    volume order; its reply links are those *replies* gives it.

    Args:
        messages: The linked messages, in volume order.
        drafts: Each message's references, as :func:`._refs_link.link` gives them.
        replies: What each incoming message answers (:mod:`._replies`).

    Returns:
        The records, in id order.
    """
    printed = {m.id for m in messages}
    parties: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    mentioned: dict[str, list[str]] = {}
    for message in messages:
        for draft in drafts.get(message.id, ()):
            for slot in draft.slots:
                key = slot if isinstance(slot, str) else slot.id
                if key in printed:
                    continue
                if key not in parties:
                    parties[key] = _parties(slot, draft)
                seen = mentioned.setdefault(key, [])
                if message.id not in seen:
                    seen.append(message.id)
    answered: dict[str, list[str]] = {}
    for message in messages:
        for key in message.in_reply_to:
            if key in parties:
                answered.setdefault(key, []).append(message.id)
    return tuple(
        IncomingMessage(
            id=key,
            authors=parties[key][0],
            addressees=parties[key][1],
            date=_date(key),
            mentioned_in=tuple(mentioned[key]),
            answered_by=tuple(answered.get(key, ())),
            received_on=_date(key, _RECEIVED),
            reply_links=(replies or {}).get(key, ()),
        )
        for key in sorted(parties)
    )


def _parties(slot: str | Key, draft: Draft) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if isinstance(slot, Key):
        return slot.authors, slot.addressees
    return draft.authors, draft.addressees


def _date(key: str, pattern: re.Pattern[str] = _DATED) -> datetime.date | None:
    hit = pattern.match(key)
    return datetime.date.fromisoformat(hit.group(1)) if hit else None
