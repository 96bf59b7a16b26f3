"""The incoming messages of a corpus as a tuple with lookup by id (stalin_telegrams._incoming)."""

from __future__ import annotations

import timeit

import pytest

from stalin_telegrams import IncomingMessage, IncomingMessages, load
from stalin_telegrams.exceptions import ArgumentTypeError, UnknownMessageError


class TestIncomingMessages:
    """incoming()["…"] returns a record by its id, or by an id a later release retired."""

    def test_by_id(self) -> None:
        """An id gives its record; the tuple is still a tuple."""
        incoming = load().incoming()
        record = incoming["1945-08-18-truman-to-stalin"]
        assert ("Truman",) == record.authors
        assert record in incoming
        assert "1945-08-18-truman-to-stalin" in incoming
        assert isinstance(incoming, tuple)
        assert incoming[0] == next(iter(incoming))

    def test_retired_id(self) -> None:
        """An undated id that became a received- id still resolves."""
        incoming = load().incoming()
        old = "undated-churchill-to-stalin-in-1942-09-08-churchill"
        assert old in incoming
        assert "received-1942-09-07-churchill-to-stalin" == incoming[old].id

    def test_unknown(self) -> None:
        """An unknown id is a KeyError naming the closest ids."""
        with pytest.raises(UnknownMessageError, match="1945-08-18-truman-to-stalin") as caught:
            load().incoming()["1945-08-19-truman-to-stalin"]
        assert isinstance(caught.value, KeyError)
        assert str(caught.value).startswith("no incoming message with id")

    def test_not_a_str(self) -> None:
        """get() refuses an id that is not a str."""
        with pytest.raises(ArgumentTypeError, match="incoming_id"):
            load().incoming().get(1)  # type: ignore[arg-type]

    def test_fast(self) -> None:
        """A lookup takes well under a millisecond."""
        incoming = load().incoming()
        runs = 1000
        spent = timeit.timeit(
            lambda: incoming["received-1943-02-12-churchill-to-stalin"], number=runs
        )
        assert spent / runs < 0.001

    def test_made_alone(self) -> None:
        """A collection made from records orders them by date and looks them up."""
        first = IncomingMessage(id="b", authors=("Churchill",), addressees=("Stalin",), date=None)
        made = IncomingMessages([first], {"a": "b"})
        assert (first, first) == (made["a"], made["b"])
