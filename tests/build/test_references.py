"""Cross-references found at build time and resolved to message ids."""

from __future__ import annotations

import datetime

import pytest

from stalin_telegrams import Message, load
from stalin_telegrams.build._references import find, link, mentioned_date, person
from tests.factories import fake

# --- Pinned corpus expectations (update here when the data changes) --------
#: Every reference of the shipped corpus: (message id, phrase, target). Each
#: was checked by reading the message and its target. None marks a reference
#: to one of Stalin's messages that the volume does not hold as a record of
#: its own ("today I sent a message to Mr Churchill" is quoted inside the
#: message; the "similar message to Mr Churchill" of December 3, 1944 is not
#: in the volume) or that names no single message ("my previous messages").
REFERENCES = (
    ("1941-09-13-churchill", "my last message", "1941-09-03-churchill"),
    ("1942-12-06-churchill", "my previous message", "1942-11-27-churchill"),
    ("1942-12-14-roosevelt", "Earlier I wrote the same to Mr Churchill", "1942-11-27-churchill"),
    ("1943-01-13-roosevelt", "my previous messages", None),
    ("1943-02-16-churchill", "send this reply to Mr Roosevelt as well", "1943-02-16-roosevelt"),
    ("1943-02-16-roosevelt", "which I have conveyed to Mr Churchill", "1943-02-16-churchill"),
    ("1943-03-06-churchill", "my message of February 16", "1943-02-16-churchill"),
    ("1943-03-15-churchill-3", "my message of February 16", "1943-02-16-churchill"),
    ("1943-03-15-churchill-3", "my previous message", "1943-02-16-churchill"),
    ("1943-03-16-roosevelt", "my message of February 16", "1943-02-16-roosevelt"),
    ("1943-03-16-roosevelt", "mine of February 16", "1943-02-16-roosevelt"),
    ("1943-03-16-roosevelt", "my message of February 16", "1943-02-16-roosevelt"),
    ("1943-05-04-churchill", "my message of April 21", "1943-04-21-churchill"),
    (
        "1943-06-11-churchill",
        "my personal message in reply to the President's message",
        "1943-06-11-roosevelt",
    ),
    ("1943-06-24-roosevelt", "my reply to a message from Mr Churchill", "1943-06-24-churchill"),
    (
        "1943-08-24-churchill-roosevelt",
        "I wrote to you on August 22",
        "1943-08-22-roosevelt-churchill",
    ),
    (
        "1943-09-08-churchill",
        "I am writing simultaneously to the President",
        "1943-09-08-roosevelt",
    ),
    ("1943-09-08-churchill", "I wrote on August 22 and 24", "1943-08-22-roosevelt-churchill"),
    ("1943-09-08-churchill", "I wrote on August 22 and 24", "1943-08-24-churchill-roosevelt"),
    ("1943-09-08-churchill", "I have informed the President", "1943-09-08-roosevelt"),
    ("1943-09-09-churchill", "my message of September 8", "1943-09-08-churchill"),
    ("1943-09-12-roosevelt-churchill", "in previous messages", None),
    ("1943-10-06-roosevelt", "my previous message", "1943-09-12-roosevelt-churchill"),
    ("1943-11-12-roosevelt", "today I sent a message to Mr Churchill", None),
    ("1944-02-21-churchill", "my message of January 29", "1944-01-29-churchill-roosevelt"),
    ("1944-02-21-roosevelt", "my message of January 29", "1944-01-29-churchill-roosevelt"),
    ("1944-03-03-churchill", "I have already written to the President", "1944-03-03-roosevelt"),
    ("1944-03-03-roosevelt", "my reply to Mr Churchill", "1944-03-03-churchill"),
    ("1944-03-03-churchill-2", "I have already written to the President", "1944-03-03-roosevelt"),
    ("1944-03-23-roosevelt", "my reply to his message", "1944-03-23-churchill"),
    (
        "1944-06-07-roosevelt",
        "in reply to a message from Mr Churchill I sent the following personal message",
        "1944-06-06-churchill",
    ),
    (
        "1944-07-23-roosevelt",
        "my message to the Prime Minister, Mr Churchill",
        "1944-07-23-churchill",
    ),
    (
        "1944-08-01-churchill",
        "I notified the President at the same time as I did you",
        "1944-07-22-roosevelt",
    ),
    ("1944-08-02-roosevelt", "I apprised you last time", "1944-07-22-roosevelt"),
    ("1944-12-02-churchill", "similar message to the President", "1944-12-02-roosevelt"),
    ("1944-12-02-roosevelt", "similar message to Mr Churchill", "1944-12-02-churchill"),
    ("1944-12-03-roosevelt", "similar message to Mr Churchill", None),
    (
        "1944-12-07-churchill",
        "my message about the Franco-Soviet pact and the French frontier on the Rhine",
        "1944-12-02-churchill",
    ),
    ("1945-01-03-churchill", "the two messages I sent to the President", "1945-01-01-roosevelt"),
    ("1945-01-03-churchill", "the two messages I sent to the President", "1944-12-27-roosevelt"),
    ("1945-01-16-churchill", "I communicated to you last time", "1945-01-13-churchill"),
    ("1945-01-16-stalin", "Your message of January 13th", "1945-01-13-churchill"),
    ("1945-01-23-churchill", "replied in similar strain to the President", "1945-01-23-roosevelt"),
    ("1945-01-23-roosevelt", "similar reply to the Prime Minister", "1945-01-23-churchill"),
    ("1945-04-03-roosevelt", "a previous message", None),
    ("1945-04-07-churchill", "a relevant message to the President", "1945-04-07-roosevelt"),
    (
        "1945-04-07-churchill-2",
        "my message of April 7 to the President",
        "1945-04-07-roosevelt-2",
    ),
    ("1945-04-07-churchill-2", "my message to the President", "1945-04-07-roosevelt-2"),
    ("1945-04-07-roosevelt-2", "my message of April 3", "1945-04-03-roosevelt"),
    ("1945-04-23-churchill-2", "similar message to Mr Truman", "1945-04-23-truman"),
    ("1945-04-23-truman", "similar message to Mr Churchill", "1945-04-23-churchill-2"),
    ("1945-04-25-churchill", "similar reply to President Truman", "1945-04-26-truman"),
    ("1945-04-26-truman", "similar reply to Prime Minister Churchill", "1945-04-25-churchill"),
    ("1945-04-28-stalin", "your message of April 24th", "1945-04-24-churchill"),
    (
        "1945-05-04-truman",
        "my reply to Mr Churchill, despatched on May 4",
        "1945-05-04-churchill",
    ),
    ("1945-05-06-truman", "I have notified Mr Churchill", "1945-05-06-churchill"),
    ("1945-05-06-churchill", "I have also notified Mr Truman", "1945-05-06-truman"),
    (
        "1945-05-10-truman",
        "my reply to Mr Churchill's message of April 28",
        "1945-05-04-churchill",
    ),
    ("1945-05-22-churchill", "the message I sent to President Truman", "1945-05-22-truman"),
    ("1945-05-23-churchill", "similar message to President Truman", "1945-05-23-truman"),
    (
        "1945-05-23-truman",
        "similar message to Prime Minister Churchill",
        "1945-05-23-churchill",
    ),
    ("1945-05-27-truman", "similar message to Mr W. Churchill", "1945-05-27-churchill-2"),
    ("1945-05-27-churchill-2", "similar message to the President", "1945-05-27-truman"),
    (
        "1945-06-17-churchill",
        "I have written about this to President Truman as well",
        "1945-06-16-truman",
    ),
)
# ---------------------------------------------------------------------------


def refs(messages: list[Message]) -> dict[str, list[tuple[str, str | None]]]:
    """Return the references link() gives each message, as (phrase, target)."""
    return {m.id: [(r.phrase, r.target) for r in m.references] for m in link(messages)}


def day(text: str) -> datetime.date:
    """Parse an ISO date."""
    return datetime.date.fromisoformat(text)


class TestShippedReferences:
    """The shipped corpus carries exactly the references read and pinned."""

    def test_pinned(self) -> None:
        """Every reference of the shipped corpus, in volume and text order."""
        found = tuple((m.id, r.phrase, r.target) for m in load() for r in m.references)
        assert REFERENCES == found

    def test_targets_are_other_messages(self) -> None:
        """Every target is the id of another message of the corpus, dated no later."""
        corpus = load()
        for message in corpus:
            for reference in message.references:
                if reference.target is None:
                    continue
                target = corpus[reference.target]
                assert target.id != message.id
                assert target.date is not None
                assert message.date is not None
                assert target.date <= message.date + datetime.timedelta(days=1)

    def test_phrases_stand_in_the_text(self) -> None:
        """Every phrase is found as it stands in its message's text."""
        assert [] == [
            (m.id, r.phrase) for m in load() for r in m.references if r.phrase not in m.text
        ]

    def test_link_is_stable(self) -> None:
        """Linking the shipped messages again gives the same references."""
        corpus = load()
        assert [m.references for m in corpus] == [m.references for m in link(list(corpus))]


class TestLink:
    """link() resolves each kind of reference by its documented rule."""

    def test_dated_latest_such_date(self) -> None:
        """A date without a year is the latest such date on or before the message."""
        messages = [
            fake("old", 1, "Old news.", on="1942-12-28"),
            fake("new", 2, "New news.", on="1943-12-28"),
            fake("later", 3, "As in my message of December 28, I agree.", on="1944-01-05"),
        ]
        assert [("my message of December 28", "new")] == refs(messages)["later"]

    def test_dated_prefers_the_present_addressee(self) -> None:
        """Of several messages that day, the one to the present addressee is taken."""
        messages = [
            fake("to-roosevelt", 1, "Tanks.", on="1943-02-16", recipients=("Roosevelt",)),
            fake("to-churchill", 2, "Aircraft.", on="1943-02-16"),
            fake("chase", 3, "I await a reply to my message of February 16.", on="1943-03-06"),
        ]
        assert [("my message of February 16", "to-churchill")] == refs(messages)["chase"]

    def test_dated_to_the_person_named(self) -> None:
        """A dated message to the person named is taken, whoever is addressed now."""
        messages = [
            fake("to-roosevelt", 1, "Tanks.", on="1945-04-07", recipients=("Roosevelt",)),
            fake("to-churchill", 2, "Aircraft.", on="1945-04-07"),
            fake("copy", 3, "See my message of April 7 to the President.", on="1945-04-07"),
        ]
        assert [("my message of April 7 to the President", "to-roosevelt")] == refs(messages)[
            "copy"
        ]

    def test_previous_is_the_closest_in_words(self) -> None:
        """'my previous message' passes over an unrelated message sent in between."""
        messages = [
            fake("front", 1, "The second front in Western Europe must open.", on="1942-11-27"),
            fake("birthday", 2, "Best wishes on your birthday.", on="1942-11-29"),
            fake(
                "chase",
                3,
                "I await your reply to my previous message on the second front in Western Europe.",
                on="1942-12-06",
            ),
        ]
        assert [("my previous message", "front")] == refs(messages)["chase"]

    def test_counterparts_are_one_to_one(self) -> None:
        """A message already the counterpart of another is not taken as a second one's."""
        messages = [
            fake(
                "c1",
                1,
                "De Gaulle comes. I have sent a similar message to the President.",
                on="1944-12-02",
            ),
            fake(
                "r1",
                2,
                "De Gaulle comes. I have sent a similar message to Mr Churchill.",
                on="1944-12-02",
                recipients=("Roosevelt",),
            ),
            fake(
                "r2",
                3,
                "De Gaulle came. I have sent a similar message to Mr Churchill.",
                on="1944-12-03",
                recipients=("Roosevelt",),
            ),
        ]
        found = refs(messages)
        assert [("similar message to the President", "r1")] == found["c1"]
        assert [("similar message to Mr Churchill", "c1")] == found["r1"]
        assert [("similar message to Mr Churchill", None)] == found["r2"]

    def test_their_messages_are_not_kept(self) -> None:
        """'your message of May 9' in a message from Stalin is not a reference."""
        messages = [fake("reply", 1, "Your message of May 9 received.", on="1942-05-24")]
        assert [] == refs(messages)["reply"]

    def test_stalins_message_named_by_the_other_side(self) -> None:
        """'your message of April 24th' in a letter to Stalin is resolved to Stalin's message."""
        messages = [
            fake("stalin", 1, "On Poland.", on="1945-04-24"),
            fake(
                "churchill",
                2,
                "I thank you for your message of April 24th.",
                on="1945-04-28",
                recipients=("Stalin",),
                senders=("Churchill",),
            ),
        ]
        assert [("your message of April 24th", "stalin")] == refs(messages)["churchill"]

    def test_unresolved_own_reference_is_kept(self) -> None:
        """A reference to a message of Stalin's that is missing keeps target None."""
        messages = [fake("lonely", 1, "As in my message of March 3, I insist.", on="1943-03-10")]
        assert [("my message of March 3", None)] == refs(messages)["lonely"]

    def test_undated_message_resolves_nothing(self) -> None:
        """An undated message keeps its references, all with target None."""
        messages = [
            fake("target", 1, "Aircraft.", on="1943-03-03"),
            fake("undated", 2, "As in my message of March 3, I insist."),
        ]
        assert [("my message of March 3", None)] == refs(messages)["undated"]

    def test_two_messages(self) -> None:
        """'the two messages I sent to the President' are the two latest to him."""
        messages = [
            fake("r1", 1, "Poland one.", on="1944-12-20", recipients=("Roosevelt",)),
            fake("r2", 2, "Poland two.", on="1944-12-27", recipients=("Roosevelt",)),
            fake("r3", 3, "Poland three.", on="1945-01-01", recipients=("Roosevelt",)),
            fake("c", 4, "I enclose the two messages I sent to the President.", on="1945-01-03"),
        ]
        phrase = "the two messages I sent to the President"
        assert [(phrase, "r3"), (phrase, "r2")] == refs(messages)["c"]


class TestFind:
    """find() picks out the phrases of every form, without overlaps on one side."""

    def test_forms(self) -> None:
        """The phrases are found in text order with their kinds."""
        text = (
            "I have received your reply to my message of February 16. "
            "My reply to Mr Churchill's message of April 28 was sent. "
            "I am sending a similar message to President Truman."
        )
        expected = [
            ("dated", "my message of February 16"),
            ("reply-to-theirs", "My reply to Mr Churchill's message of April 28"),
            ("theirs", "Mr Churchill's message of April 28"),
            ("counterpart", "similar message to President Truman"),
        ]
        assert expected == [(f.form.kind, f.phrase) for f in find(text)]

    def test_not_a_reference(self) -> None:
        """A message about broadcasts, or the writer's messages in general, is no reference."""
        text = "My message will run as follows. The contents of my messages to you leak."
        assert [] == find(text)


class TestMentionedDate:
    """mentioned_date() reads the date of a phrase relative to the message's date."""

    @pytest.mark.parametrize(
        ("phrase", "on", "expected"),
        [
            ("my message of February 16", "1943-03-06", "1943-02-16"),
            ("my message of December 28", "1944-01-05", "1943-12-28"),
            ("my message of March 6", "1943-03-06", "1943-03-06"),
            ("your message of June 23, 1943", "1943-06-26", "1943-06-23"),
            ("your message of April 24th", "1945-04-28", "1945-04-24"),
        ],
    )
    def test_dates(self, phrase: str, on: str, expected: str) -> None:
        """The year is the latest that puts the date on or before the message."""
        (found,) = find(phrase)
        assert day(expected) == mentioned_date(found, day(on))

    def test_impossible_date(self) -> None:
        """A date that does not exist gives None."""
        (found,) = find("my message of February 30")
        assert mentioned_date(found, day("1943-03-06")) is None


class TestPerson:
    """person() reads a name or a title as a surname on a date."""

    @pytest.mark.parametrize(
        ("text", "on", "expected"),
        [
            ("the President", "1945-04-11", "Roosevelt"),
            ("the President", "1945-04-12", "Truman"),
            ("the Prime Minister", "1945-07-25", "Churchill"),
            ("the Prime Minister", "1945-07-26", "Attlee"),
            ("Mr W. Churchill", "1945-08-01", "Churchill"),
        ],
    )
    def test_titles(self, text: str, on: str, expected: str) -> None:
        """A title stands for whoever held it on that date."""
        assert expected == person(text, day(on))
