"""Tests for the forms that find references (stalin_telegrams.pipeline._refs_find)."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stalin_telegrams._dates import MONTHS
from stalin_telegrams.pipeline._refs_find import dates_of, find, person, resolve_date


def day(text: str) -> datetime.date:
    """Parse an ISO date."""
    return datetime.date.fromisoformat(text)


def found(text: str) -> list[tuple[str, str, str]]:
    """Return the side, form kind and phrase of every match in *text*."""
    return [(f.form.side, f.form.kind, f.phrase) for f in find(text)]


class TestFind:
    """find() picks out the phrases of every form, in text order."""

    def test_own_and_theirs_overlap(self) -> None:
        """A phrase naming both sides gives a match on each side."""
        text = "My reply to Mr Churchill's message of April 28 was sent."
        assert [
            ("own", "reply-to-theirs", "My reply to Mr Churchill's message of April 28"),
            ("theirs", "named", "Mr Churchill's message of April 28"),
        ] == found(text)

    def test_their_forms(self) -> None:
        """The forms of the other side are found: your, yours, named, from, delivered, you wrote."""
        text = (
            "Your two messages of April 6 received. I answer yours of February 22. "
            "I have the President's telegram. Thank you for the message delivered by "
            "M. M. Litvinov. I received a message from General Marshall. As you write, it is so."
        )
        assert [
            ("theirs", "your", "Your two messages of April 6"),
            ("theirs", "your", "yours of February 22"),
            ("theirs", "named", "the President's telegram"),
            ("theirs", "the", "the message delivered by M. M. Litvinov"),
            ("theirs", "from", "a message from General Marshall"),
            ("theirs", "wrote", "As you write"),
        ] == found(text)

    def test_own_forms(self) -> None:
        """The writer's own messages: dated, earlier and counterpart forms."""
        text = (
            "I wrote on August 22 and 24. I have already approached Prime Minister Churchill. "
            "I am sending a similar message to President Truman. As I informed you, it waits."
        )
        assert [
            ("own", "dated", "I wrote on August 22 and 24"),
            ("own", "counterpart", "I have already approached Prime Minister Churchill"),
            ("own", "counterpart", "similar message to President Truman"),
            ("own", "previous", "As I informed you"),
        ] == found(text)

    def test_dated_after_a_subject(self) -> None:
        """A date after the subject of the message (", dated March 7") belongs to the phrase."""
        text = "Your message on the Polish question, dated March 7, reached me."
        assert [("theirs", "your", "Your message on the Polish question, dated March 7")] == found(
            text
        )

    def test_bare_phrase_inside_a_longer_one_goes(self) -> None:
        """A bare phrase inside a longer one ("the message I sent to ...") is not kept apart."""
        text = "I send you the text of the message I sent to President Truman."
        assert [("own", "sent-to", "the message I sent to President Truman")] == found(text)

    def test_a_year_is_not_a_day(self) -> None:
        """A month and year ("of June 1942") names no day: "19" is not read as June 19."""
        assert [("theirs", "your", "your own Aide-Mémoire")] == found(
            "In your own Aide-Mémoire of June 1942 you declared it."
        )

    def test_not_a_reference(self) -> None:
        """Broadcasts, the message in hand and proposals have no form."""
        text = "My message will run as follows. This message is late. I accept your proposal."
        assert [] == found(text)


class TestResolveDate:
    """resolve_date() gives a date without a year the year that fits the message."""

    @pytest.mark.parametrize(
        ("month", "number", "on", "expected"),
        [
            ("February", 16, "1943-03-06", "1943-02-16"),
            ("December", 31, "1945-01-01", "1944-12-31"),
            ("December", 28, "1944-01-05", "1943-12-28"),
            ("March", 6, "1943-03-06", "1943-03-06"),
        ],
    )
    def test_latest_on_or_before(self, month: str, number: int, on: str, expected: str) -> None:
        """The year is the latest that puts the date on or before the message's date."""
        assert day(expected) == resolve_date(month, number, None, day(on))

    def test_year_given(self) -> None:
        """A year in the text is taken as it stands."""
        assert day("1943-06-23") == resolve_date("June", 23, 1943, day("1943-06-26"))

    def test_impossible_date(self) -> None:
        """A date that does not exist gives None."""
        assert resolve_date("February", 30, None, day("1943-03-06")) is None

    def test_undated_message(self) -> None:
        """Without a year and without the message's date there is no date."""
        assert resolve_date("May", 11, None, None) is None

    @given(
        on=st.dates(datetime.date(1941, 7, 1), datetime.date(1945, 12, 31)),
        month=st.sampled_from(MONTHS),
        number=st.integers(1, 28),
    )
    def test_within_a_year_before(self, on: datetime.date, month: str, number: int) -> None:
        """The date found is on or before the message and less than a year before it."""
        when = resolve_date(month, number, None, on)
        assert when is not None
        assert 0 <= (on - when).days < 366


class TestDatesOf:
    """dates_of() gives one date per day a phrase names."""

    def test_two_days(self) -> None:
        """Two days of a month ("of August 22 and 24") give two dates."""
        (item,) = find("Your messages of August 22 and 24 arrived.")
        assert (day("1943-08-22"), day("1943-08-24")) == dates_of(item, day("1943-09-08"))

    def test_ordinal_suffix(self) -> None:
        """An ordinal suffix is read: "April 24th" is April 24."""
        (item,) = find("I thank you for your message of April 24th.")
        assert (day("1945-04-24"),) == dates_of(item, day("1945-04-28"))


class TestPerson:
    """person() reads a name or a title as a normalised name on a date."""

    @pytest.mark.parametrize(
        ("text", "on", "expected"),
        [
            ("the President", "1945-04-11", "Roosevelt"),
            ("the President", "1945-04-12", "Truman"),
            ("the Prime Minister", "1945-07-25", "Churchill"),
            ("the Prime Minister", "1945-07-26", "Attlee"),
            ("Mr W. Churchill", "1945-08-01", "Churchill"),
            ("the President of Turkey", "1944-03-20", "President of Turkey"),
            ("V. M. Molotov", "1944-02-16", "Molotov"),
            ("the British Government", "1943-08-09", "British Government"),
        ],
    )
    def test_names(self, text: str, on: str, expected: str) -> None:
        """A title stands for whoever held it on that date; other names are normalised."""
        assert expected == person(text, day(on))

    def test_unknown(self) -> None:
        """A text that names nobody known gives None."""
        assert person("General de Gaulle", day("1944-12-10")) is None
