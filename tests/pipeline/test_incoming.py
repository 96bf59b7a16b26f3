"""Tests for the reconstructed incoming messages (stalin_telegrams.pipeline._incoming)."""

from __future__ import annotations

import datetime

from stalin_telegrams import IncomingMessage, ReplyLink, load
from stalin_telegrams.pipeline._incoming import incoming
from stalin_telegrams.pipeline._pipeline import Build
from stalin_telegrams.pipeline._refs_link import link
from tests.factories import fake

# --- Pinned corpus expectations (update here when the data changes) --------
#: Incoming messages: one per message named by the references (see
#: test_refs_link.py for how the references were read), of which dated. Two
#: more than in 0.3.0: Roosevelt's congratulations on Orel (August 1943) and
#: Churchill's text of Mikolajczyk's declaration on the eastern frontier
#: (April 1945), each named by a reviewed reference of references.csv; and one
#: fewer: the places for the meeting refused on October 19, 1943 are those of
#: the second message of October 14, not a message of their own. Then six
#: more: Churchill's readiness to warn Germany and Finland on gas (April 1942),
#: the messages assented to without a message noun ("I have no objection to",
#: "I agree with the considerations you have stated": 1941-10-03-churchill,
#: 1942-07-07-roosevelt, 1943-10-02-roosevelt),
#: and Churchill's second message of September 8, 1943 (dated), answered on
#: September 9, which 0.3.0 took for his message on gas warfare of that day.
#: Then three by reviewed rulings, each a reply that names no message:
#: Churchill's on the Polish press ("You tell me ... I thank you for that", May
#: 1943), Roosevelt's renewed proposal of a meeting (December 1942) and his
#: message on Molotov and San Francisco (March 1945); and two for the message
#: of September 12, 1943 to both leaders, which answers Churchill ("The Prime
#: Minister's considerations") and Roosevelt ("as suggested by the President").
INCOMING = 345
DATED = 145
#: A message named in four printed messages is one record: Churchill's
#: message received on February 12, 1943 (the Casablanca dates), named on
#: February 16 to Churchill and to Roosevelt, on June 11 to Roosevelt and on
#: June 24 to Churchill.
CASABLANCA = IncomingMessage(
    id="received-1943-02-12-churchill-to-stalin",
    authors=("Churchill",),
    addressees=("Stalin",),
    date=None,
    mentioned_in=(
        "1943-02-16-churchill",
        "1943-02-16-roosevelt",
        "1943-06-11-roosevelt",
        "1943-06-24-churchill",
    ),
    answered_by=("1943-02-16-churchill",),
    received_on=datetime.date(1943, 2, 12),
    # "your message, which you tell me is a common reply conveying also the
    # President's opinion": to the message of January 30 to both.
    reply_links=(ReplyLink("1943-01-30-churchill-roosevelt", ("answer",)),),
)
# ---------------------------------------------------------------------------


class TestIncoming:
    """incoming() makes one record per message the references name but the volume omits."""

    def test_records_from_references(self) -> None:
        """Two references to one message in two printed messages give one record."""
        linked = link(
            [
                fake("a", 1, "Your message of May 11 received.", on="1942-05-12"),
                fake("b", 2, "As you say in your message of May 11, it is so.", on="1942-05-20"),
            ]
        )
        assert (
            IncomingMessage(
                id="1942-05-11-churchill-to-stalin",
                authors=("Churchill",),
                addressees=("Stalin",),
                date=datetime.date(1942, 5, 11),
                mentioned_in=("a", "b"),
                answered_by=("a",),
            ),
        ) == incoming(linked.messages, linked.drafts)

    def test_count(self) -> None:
        """The incoming messages, and how many have a date."""
        records = load().incoming()
        assert (INCOMING, DATED) == (len(records), sum(1 for i in records if i.date))

    def test_one_record_per_message(self) -> None:
        """References in four printed messages to one message give one record."""
        assert CASABLANCA == next(i for i in load().incoming() if i.id == CASABLANCA.id)

    def test_joint_message(self) -> None:
        """A joint message is one record with both authors, named in each leader's reply."""
        (record,) = [
            i for i in load().incoming() if i.id == "1945-04-18-churchill-truman-to-stalin"
        ]
        assert (("Truman", "Churchill"), datetime.date(1945, 4, 18)) == (
            record.authors,
            record.date,
        )
        assert ("1945-04-24-truman", "1945-04-24-churchill") == record.answered_by

    def test_printed_messages_not_duplicated(self) -> None:
        """A printed message is never also an incoming record; its references use its id.

        The one incoming record of the same writer and day as a printed
        message is Churchill's other message of April 28, 1945 (on the
        surrender declaration), which a reviewed ruling tells from the
        printed letter on Poland of that day.
        """
        corpus = load()
        named = {t for m in corpus for r in m.references for t in r.targets}
        assert {"1945-04-28-stalin", "1945-01-13-churchill", "1945-04-24-churchill"} <= named
        same_day = {
            i.id
            for i in corpus.incoming()
            for m in corpus
            if i.date is not None
            and i.date == m.date
            and set(i.authors) == set(m.senders)
            and set(i.addressees) <= set(m.recipients)
        }
        assert {"1945-04-28-churchill-to-stalin"} == same_day

    def test_same_as_pipeline(self, pipeline_build: Build) -> None:
        """The shipped records are what the pipeline builds from the linked messages."""
        build = pipeline_build
        assert load().incoming() == tuple(
            sorted(
                build.incoming, key=lambda i: (i.date is None, i.date or datetime.date.min, i.id)
            )
        )

    def test_sorted_by_id(self, pipeline_build: Build) -> None:
        """incoming() returns its records in id order."""
        build = pipeline_build
        ids = [i.id for i in build.incoming]
        assert sorted(ids) == ids


class TestGraphProperties:
    """Properties that hold of every reference, reply and incoming message."""

    def test_every_target_resolves(self) -> None:
        """Every target and every parent of a reply is a printed or an incoming id."""
        corpus = load()
        known = set(corpus.ids) | {i.id for i in corpus.incoming()}
        named = {t for m in corpus for r in m.references for t in r.targets}
        parents = {p for m in corpus for p in m.in_reply_to}
        assert set() == (named | parents) - known

    def test_no_id_collision(self) -> None:
        """No incoming id is a printed id or an alias."""
        corpus = load()
        ids = {i.id for i in corpus.incoming()}
        assert set() == ids & (set(corpus.ids) | set(corpus.aliases))

    def test_mentioned_in_agrees_with_references(self) -> None:
        """A record is mentioned in exactly the printed messages whose references target it."""
        corpus = load()
        for record in corpus.incoming():
            naming = tuple(
                m.id for m in corpus if any(record.id in r.targets for r in m.references)
            )
            assert naming == record.mentioned_in
        targeted = {t for m in corpus for r in m.references for t in r.targets}
        assert targeted - set(corpus.ids) == {i.id for i in corpus.incoming()}

    def test_answered_by_agrees_with_in_reply_to(self) -> None:
        """A record is answered by exactly the printed messages that reply to it."""
        corpus = load()
        for record in corpus.incoming():
            assert tuple(m.id for m in corpus if record.id in m.in_reply_to) == record.answered_by

    def test_replies_are_named(self) -> None:
        """A message replies only to messages its references name, addressed to its sender."""
        for message in load():
            named = {t for r in message.references if r.kind == "incoming" for t in r.targets}
            assert set(message.in_reply_to) <= named

    def test_phrases_at_their_offsets(self) -> None:
        """text[start:end] is the phrase of every reference."""
        assert [] == [
            (m.id, r.phrase)
            for m in load()
            for r in m.references
            if m.text[r.start : r.end] != r.phrase
        ]

    def test_dates_not_after_the_message(self) -> None:
        """A date a reference gives is on or before the date of its message."""
        assert [] == [
            (m.id, r.phrase)
            for m in load()
            if m.date is not None
            for r in m.references
            for d in r.dates
            if d > m.date
        ]
