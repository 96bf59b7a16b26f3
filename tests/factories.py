"""Messages made for tests, independent of the shipped data."""

from __future__ import annotations

import datetime

from stalin_telegrams import Message


def fake(
    message_id: str,
    number: int,
    text: str | None = None,
    on: str | None = None,
    **changes: object,
) -> Message:
    """Return a message from Stalin to Churchill with *message_id*, *number* and *changes*.

    It is dated *on* (an ISO date: its written date) or undated, and its text
    is *text* or a sentence of its own that no other message shares.
    """
    fields: dict[str, object] = {
        "id": message_id,
        "number": number,
        "senders": ("Stalin",),
        "recipients": ("Churchill",),
        "heading": "PERSONAL AND SECRET MESSAGE FROM PREMIER STALIN TO THE PRIME MINISTER",
        "classification": None,
        "written_on": None if on is None else datetime.date.fromisoformat(on),
        "sent_on": None,
        "place": None,
        "address": None,
        "salutation": None,
        "signature": None,
        "text": f"The text of {message_id}, unlike any other." if text is None else text,
    }
    fields.update(changes)
    return Message(**fields)  # type: ignore[arg-type]
