"""Tests for the rules of references (stalin_telegrams.pipeline._references).

The corpus-wide figures and the references checked by reading are pinned in
test_refs_link.py, which links the whole corpus.
"""

from __future__ import annotations

import datetime

import pytest

from stalin_telegrams.pipeline._references import (
    Key,
    acknowledges,
    awaited,
    count_of,
    inside_quotation,
    kind_of,
    receipt_dates,
    sentence,
    slug,
)
from stalin_telegrams.pipeline._refs_find import find


def day(text: str) -> datetime.date:
    """Parse an ISO date."""
    return datetime.date.fromisoformat(text)


def at(text: str, phrase: str) -> tuple[int, int]:
    """Return the offsets of *phrase* in *text*."""
    start = text.index(phrase)
    return start, start + len(phrase)


class TestSentence:
    """sentence() bounds the sentence of a phrase, not cut at initials or abbreviations."""

    def test_initials(self) -> None:
        """Initials ("V. M. Molotov") and "U.S.S.R." do not end a sentence."""
        text = "I met V. M. Molotov in the U.S.S.R. Today. Then your message came."
        start, end = at(text, "Molotov")
        assert (
            "I met V. M. Molotov in the U.S.S.R. Today." == text[slice(*sentence(text, start, end))]
        )

    def test_abbreviation(self) -> None:
        """An abbreviation ("Gen. Eisenhower") does not end a sentence."""
        text = (
            "Your Memorandum, and the copy of your instructions to Gen. Eisenhower,"
            " have reached me."
        )
        start, end = at(text, "Your Memorandum")
        assert (0, len(text)) == sentence(text, start, end)


class TestReceiptDates:
    """receipt_dates() reads the day a message arrived, which is not its date."""

    @pytest.mark.parametrize(
        ("text", "phrase", "expected"),
        [
            ("Your message reached me on November 7.", "Your message", ("1941-11-07",)),
            ("On February 12 I received your message on Turkey.", "your message", ("1943-02-12",)),
            (
                "I received on February 2 and 3 your messages on Turkey.",
                "your messages",
                ("1943-02-02", "1943-02-03"),
            ),
            ("Today I received Martel, who handed me your letter.", "your letter", ("1943-04-12",)),
            ("Thank you for your message.", "your message", ()),
        ],
    )
    def test_days(self, text: str, phrase: str, expected: tuple[str, ...]) -> None:
        """The day comes after the phrase, before it, or is 'today'; "2 and 3" gives two."""
        on = day("1943-04-12") if "Today" in text else day("1943-02-16")
        if "November" in text:
            on = day("1941-11-08")
        start, end = at(text, phrase)
        assert tuple(day(d) for d in expected) == receipt_dates(text, start, end, on)

    def test_first_day_only(self) -> None:
        """Of two days in the sentence the first after the phrase is the day of receipt."""
        text = "Your reply did not reach me until April 27, whereas on April 25 we acted."
        start, end = at(text, "Your reply")
        assert (day("1943-04-27"),) == receipt_dates(text, start, end, day("1943-04-29"))

    def test_stops_at_the_next_reference(self) -> None:
        """A day after the next reference of the sentence belongs to that one."""
        text = (
            "My reply to a message from Mr Churchill,"
            " as stated in the message delivered on June 20."
        )
        start, end = at(text, "a message from Mr Churchill")
        stop = text.index("the message delivered")
        assert () == receipt_dates(text, start, end, day("1943-06-24"), stop)


class TestAcknowledges:
    """acknowledges() tells an acknowledgement or answer from a mere mention."""

    @pytest.mark.parametrize(
        ("text", "phrase", "expected"),
        [
            ("Your message of May 11 received.", "Your message of May 11", True),
            ("Thank you for your message.", "your message", True),
            ("In reply to your message I repeat it.", "your message", True),
            ("Your message of August 9 to hand.", "Your message of August 9", True),
            ("In your message of January 26 you wrote:", "your message of January 26", False),
            (
                "I have not yet received the President's telegram.",
                "the President's telegram",
                False,
            ),
            (
                "After receiving your previous messages I expected it.",
                "your previous messages",
                False,
            ),
        ],
    )
    def test_sentences(self, text: str, phrase: str, expected: bool) -> None:
        """Received, reached me, to hand, thanks, in reply: yes; a quotation or 'not yet': no."""
        assert expected == acknowledges(text, *at(text, phrase))


class TestAwaited:
    """awaited() finds replies still awaited, which are no references."""

    def test_awaited(self) -> None:
        """A reply awaited ("I await your reply", "I look forward to a reply") is awaited."""
        text = "I await your reply. I look forward to a reply from you."
        assert [True, True] == [awaited(text, f.start) for f in find(text)]

    def test_received(self) -> None:
        """A reply received ("I have received your reply") is not awaited."""
        text = "I have received your reply."
        assert [False] == [awaited(text, f.start) for f in find(text)]


class TestInsideQuotation:
    """inside_quotation() tells quoted words from the writer's own."""

    def test_quoted(self) -> None:
        """Words between double quotation marks are quoted; words after them are not."""
        text = 'I sent this: "Your communication has reached me." Your message came.'
        assert [True, False] == [
            inside_quotation(text, text.index(p)) for p in ("Your communication", "Your message")
        ]


class TestKey:
    """Key.id gives an incoming message its stable, readable id."""

    @pytest.mark.parametrize(
        ("key", "expected"),
        [
            (
                Key(("Churchill",), ("Stalin",), day("1942-05-11"), None, "x", 1),
                "1942-05-11-churchill-to-stalin",
            ),
            (
                Key(("Roosevelt", "Churchill"), ("Stalin",), day("1943-09-04"), None, "x", 2),
                "1943-09-04-churchill-roosevelt-to-stalin-2",
            ),
            (
                Key(("Churchill",), ("Stalin",), None, day("1943-02-12"), "x", 1),
                "received-1943-02-12-churchill-to-stalin",
            ),
            (
                Key(("British Government",), ("Stalin",), None, None, "1943-08-09-churchill", 1),
                "undated-british-government-to-stalin-in-1943-08-09-churchill",
            ),
        ],
    )
    def test_ids(self, key: Key, expected: str) -> None:
        """Date, received day or naming message; authors in alphabetical order; suffix -2 on."""
        assert expected == key.id


class TestSlug:
    """slug() makes names an id part."""

    def test_slug(self) -> None:
        """Lower case, hyphens for spaces, names in alphabetical order."""
        assert "churchill-united-states-government" == slug(
            ["United States Government", "Churchill"]
        )


class TestKindOf:
    """kind_of() says whose message a reference names, relative to the writers."""

    @pytest.mark.parametrize(
        ("authors", "addressees", "writers", "expected"),
        [
            (("Stalin",), ("Churchill",), ("Stalin",), "own"),
            (("Churchill",), ("Stalin",), ("Stalin",), "incoming"),
            (("Stalin",), ("Churchill",), ("Churchill",), "incoming"),
            (("Churchill",), ("Tito",), ("Stalin",), "other"),
            (("Churchill",), ("Roosevelt",), ("Stalin", "Churchill"), "own"),
        ],
    )
    def test_kinds(
        self,
        authors: tuple[str, ...],
        addressees: tuple[str, ...],
        writers: tuple[str, ...],
        expected: str,
    ) -> None:
        """Own if a writer wrote it, incoming if it went to a writer, else other."""
        assert expected == kind_of(authors, addressees, writers)


class TestCountOf:
    """count_of() says how many messages a phrase names."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("your two messages of April 6", 2),
            ("Both your messages received", 2),
            ("Your messages of April 10 and 11", 2),
            ("your messages of July 28", None),
            ("your message of May 11", 1),
            ("my previous messages", None),
        ],
    )
    def test_counts(self, text: str, expected: int | None) -> None:
        """A number, "both" or two dates count; a plural without them does not say."""
        (item,) = find(text)
        dates = (day("1943-04-10"), day("1943-04-11")) if "and 11" in text else ()
        assert expected == count_of(item, dates)
