"""Tests for the reply links of both sides (stalin_telegrams.pipeline._replies)."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest

from stalin_telegrams import ReplyLink, load
from stalin_telegrams.pipeline import _replies
from stalin_telegrams.pipeline._tables import ReplyRuling

# --- Pinned corpus expectations (update here when the data changes) --------
#: Reply links of printed messages by kind, and incoming messages that answer
#: a printed one; counted on the shipped data after reading every link added
#: in 0.3.0 against its sentence. Thanks: 85 in 0.3.0, where only the sentence
#: naming the message could thank; 147 now: 61 links gain it, each read with
#: its sentence (60 from a thanks sentence of their own, one from a sentence
#: after a quotation of several paragraphs), "I appreciate the importance"
#: loses it, and two links are new, each with thanks: the Orel congratulations
#: of August 1943 and Mikolajczyk's declaration of April 1945 (answer, thanks,
#: forwarding), both later than the message the text answers besides.
#: Answers 298 -> 303 and acknowledgements 252 -> 253 since: five courtesies or
#: short replies that take up the addressee's matter ("I fully agree with you about
#: frequent meetings", "Agree with 'Terminal.'"), and "your reply did not reach me
#: until April 27" an acknowledgement.
#: Then: the message of July 13, 1944 whose request the writer would "like to
#: comply with", and "I greatly appreciate your praise for the Kutuzov film",
#: two more links; the Vyazma congratulations thanked for in March 13's, not
#: March 11's; a thanks in a paragraph naming no message goes to the message
#: named first (July 12's information on Normandy, not July 13's request;
#: February 9's convoy news, not the communication on Italy; both messages of
#: February 24, 1944); October 19, 1943 answers the second message of October
#: 14 (the places for the meeting), not a record of its own.
#: Then five replies without a message noun, each an answer: the readiness to
#: warn on gas thanked for on April 22, 1942 (and thanks), and four assents
#: ("I have no objection to ...", "I agree with the considerations you have
#: stated"); a thanks "to you and Mr Roosevelt" for the representatives sent is
#: for what the two did, not for a message.
#: Then three answers by reviewed rulings (1942-12-14-roosevelt,
#: 1945-03-27-roosevelt, and 1943-05-04-churchill's "You tell me ... I thank you
#: for that", which thanks too).
#: The message of September 12, 1943 to both answers two messages, one each.
REPLY_KINDS = {"answer": 313, "acknowledgement": 253, "thanks": 150, "forwarding": 3}
REPLY_LINKS = 347
#: Incoming messages answering a printed one: 8 in 0.3.0, and Churchill's
#: "common reply" received on February 12, 1943 (to the message of January 30);
#: then nine by reviewed rulings (data/corrections/replies.csv), each read.
INCOMING_REPLYING = 18
#: Incoming messages known by the day they arrived.
RECEIVED = 47
# ---------------------------------------------------------------------------


def links(message_id: str) -> tuple[ReplyLink, ...]:
    """Return the reply links of a printed message of the shipped corpus."""
    return load()[message_id].reply_links


def answered(incoming_id: str) -> tuple[str, ...]:
    """Return what an incoming message of the shipped corpus answers."""
    return next(i for i in load().incoming() if i.id == incoming_id).in_reply_to


class TestWhatTheOtherSideAnswered:
    """An incoming message answers the printed message the text says it replied to."""

    def test_reply_to_my_message(self) -> None:
        """The text: "your reply to my message of February 16" is Churchill's of March 11."""
        assert ("1943-02-16-churchill",) == answered("1943-03-11-churchill-to-stalin")

    def test_refusal_of_a_request(self) -> None:
        """The text: "refusal to accede to the Soviet Union's request" (Hokkaido)."""
        assert ("1945-08-16-truman",) == answered("1945-08-18-truman-to-stalin")
        refs = load()["1945-08-22-truman"].references
        assert ("1945-08-16-truman",) == next(
            r.targets for r in refs if r.phrase == "the Soviet Union's request"
        )

    def test_reply_to_suggestions(self) -> None:
        """The text: "your message in reply to my suggestions" (Roumania, June 1945)."""
        assert ("1945-05-27-truman",) == answered("undated-truman-to-stalin-in-1945-06-09-truman")

    def test_thank_you_for_your_reply(self) -> None:
        """The text: "Thank you for your reply": the last message to its author before."""
        assert ("1943-11-05-roosevelt",) == answered("1943-11-08-roosevelt-to-stalin")

    def test_reply_on_its_subject(self) -> None:
        """The text: "Your message about the International Labour Organisation ... your reply".

        It answers the message of March 25, 1944 on the Organisation, not the
        later one of March 28 on the passports of Lange and Orlemański.
        """
        assert ("1944-03-25-roosevelt",) == answered("received-1944-04-04-roosevelt-to-stalin")
        assert "International Labour Organisation" in load()["1944-03-25-roosevelt"].text
        assert "International Labour Organisation" not in load()["1944-03-28-roosevelt"].text

    def test_common_reply(self) -> None:
        """A reply the text calls common answers the last message to its authors together.

        The text: "your message, which you tell me is a common reply conveying
        also the President's opinion" answers January 30's to both.
        """
        assert ("1943-01-30-churchill-roosevelt",) == answered(
            "received-1943-02-12-churchill-to-stalin"
        )

    def test_thanks_to_you_and_another(self) -> None:
        """The text: "Many thanks to you and Mr Eden for the congratulations": theirs."""
        corpus = load()
        old = "undated-churchill-to-stalin-in-1943-09-26-churchill"
        record = corpus.incoming()[old]
        assert ("Churchill", "Eden") == record.authors
        assert record.id == corpus.aliases[old]
        assert (record.id,) == corpus["1943-09-26-churchill"].in_reply_to

    def test_no_guess_across_other_messages(self) -> None:
        """A reply arriving after other messages of its author answers nothing known."""
        assert () == answered("received-1943-11-15-churchill-to-stalin")

    def test_count(self) -> None:
        """Eighteen incoming messages answer a printed one."""
        assert INCOMING_REPLYING == sum(1 for i in load().incoming() if i.in_reply_to)


class TestRepliesWithoutMessageNoun:
    """A message that takes up what the addressee sent answers it, with the kinds it shows."""

    @pytest.mark.parametrize(
        ("message_id", "kinds"),
        [
            ("1941-09-03-churchill", ("answer", "thanks")),
            ("1944-11-23-roosevelt", ("answer",)),
            ("1944-08-05-churchill-2", ("answer",)),
            ("1941-12-27-churchill", ("thanks",)),
            ("1945-11-15-attlee", ("thanks",)),
        ],
    )
    def test_reply(self, message_id: str, kinds: tuple[str, ...]) -> None:
        """The reply is to a message known only from this one."""
        link = links(message_id)
        assert (
            f"undated-{load()[message_id].recipients[0].lower()}-to-stalin-in-{message_id}",
        ) == tuple(x.id for x in link)
        assert kinds == link[0].kinds

    @pytest.mark.parametrize(
        "message_id",
        [
            "1944-03-23-roosevelt",
            "1944-07-23-roosevelt",
            "1944-11-09-roosevelt",
            "1944-06-05-churchill",
        ],
    )
    def test_not_a_reply(self, message_id: str) -> None:
        """The text: "for your information" and a congratulation of one's own answer nothing."""
        assert () == links(message_id)

    def test_forwarded_text(self) -> None:
        """The text: "Thank you for communicating to me the text of your message"."""
        assert (
            ReplyLink(
                "undated-truman-to-stalin-in-1945-05-02-truman-2",
                ("answer", "thanks", "forwarding"),
            ),
        ) == links("1945-05-02-truman-2")

    def test_text_through_kennan(self) -> None:
        """The text received "through Mr Kennan" is a message of its own from Truman.

        "Thank you for the information." follows the sentence that names it.
        """
        assert ReplyLink(
            "undated-truman-to-stalin-in-1945-05-22-truman",
            ("answer", "acknowledgement", "thanks", "forwarding"),
        ) in links("1945-05-22-truman")


def kinds(message_id: str) -> dict[str, tuple[str, ...]]:
    """Return the kinds of each reply link of a printed message of the shipped corpus."""
    return {link.id: link.kinds for link in links(message_id)}


class TestThanks:
    """A sentence that thanks the addressee thanks for a message the writer answers."""

    @pytest.mark.parametrize(
        "said",
        [
            "Thank you for the information.",
            "Many thanks.",
            "Please accept my thanks for the promise of monthly British aid.",
            "I am grateful to you for agreeing to sail the next convoy.",
            "My thanks to you and the President for the news.",
            "I greatly appreciate your praise for the Kutuzov film.",
            "All of us greatly appreciate your efforts.",
        ],
    )
    def test_thanks(self, said: str) -> None:
        """Thanks to the addressee, for what was said or done."""
        assert _replies.thanks(said)

    @pytest.mark.parametrize(
        "said",
        [
            "I shall be grateful for a report about the outcome of the meeting.",
            "The Soviet Government would be most grateful if the same system were adopted.",
            "I should be most grateful if you would expedite the despatch of aircraft.",
            "Please convey my thanks to Mrs Churchill, who heads the fund, for her vigorous work.",
            "Please convey my thanks and good wishes to Lord Beaverbrook.",
            "I appreciate the importance you attach to them.",
            "I fully appreciate the motives which make you think it necessary.",
            "I hope you will appreciate the point.",
        ],
    )
    def test_no_thanks(self, said: str) -> None:
        """Thanks only hoped for, thanks to a third party, and "appreciate" for understand."""
        assert not _replies.thanks(said)

    @pytest.mark.parametrize(
        ("message_id", "answered"),
        [
            # "Please accept my thanks for the promise of monthly British aid ..."
            ("1941-09-13-churchill", "undated-churchill-to-stalin-in-1941-09-13-churchill"),
            # "Your message of October 24 received. Thank you for the information."
            ("1942-10-28-roosevelt", "1942-10-24-roosevelt-to-stalin"),
            # "I take this opportunity to thank you for the news about the despatch ..."
            ("1942-07-18-roosevelt", "undated-roosevelt-to-stalin-in-1942-07-18-roosevelt"),
            # Churchill's: "Your message of January 13th ... received. Many thanks."
            ("1945-01-16-stalin", "1945-01-13-churchill"),
            # "Thank you for the communications." (none in particular): February 19's
            ("1944-02-21-churchill", "1944-02-19-churchill-to-stalin"),
        ],
    )
    def test_thanks_sentence(self, message_id: str, answered: str) -> None:
        """A thanks in a sentence of its own goes to the message it follows."""
        assert "thanks" in kinds(message_id)[answered]

    def test_nearest_named_before(self) -> None:
        """A thanks goes to the message named last before it in its paragraph.

        The text: "I have also received your message of June 10. Thank you for
        the information." thanks for June 10's, not the first paragraph's message.
        """
        found = kinds("1944-06-11-churchill")
        assert "thanks" in found["1944-06-10-churchill-to-stalin"]
        assert "thanks" not in found["undated-churchill-to-stalin-in-1944-06-11-churchill"]

    @pytest.mark.parametrize(
        ("message_id", "answered"),
        [
            # "I appreciate the importance you attach to them": understands
            ("1944-08-22-roosevelt", "undated-roosevelt-to-stalin-in-1944-08-22-roosevelt"),
            # "I shall be grateful for information about the outcome of the meeting"
            ("1943-01-31-churchill", "undated-churchill-to-stalin-in-1943-01-31-churchill"),
            # "Please convey my thanks and good wishes to Lord Beaverbrook."
            ("1944-01-07-churchill", "1944-01-05-churchill-to-stalin"),
            # "She gave me a present from you. Please accept my heartfelt thanks for it."
            ("1945-04-07-churchill", "1945-04-01-churchill-to-stalin"),
            # "I take the occasion to express ... gratitude for the cordial welcome ..."
            ("1942-06-12-roosevelt", "undated-roosevelt-to-stalin-in-1942-06-12-roosevelt"),
        ],
    )
    def test_not_for_the_message(self, message_id: str, answered: str) -> None:
        """No thanks where the text thanks for nothing the message answered said."""
        assert "thanks" not in kinds(message_id)[answered]

    def test_congratulations_of_a_later_message(self) -> None:
        """A thanks for congratulations later than the message answered is for another.

        The text: "Thank you for congratulating the Red Army ... at Orel" (taken
        on August 5, 1943) thanks for a message after July 16's.
        """
        assert {
            "1943-07-16-roosevelt-to-stalin": ("answer",),
            "undated-roosevelt-to-stalin-in-1943-08-08-roosevelt": ("thanks",),
        } == kinds("1943-08-08-roosevelt")

    def test_text_communicated_later(self) -> None:
        """A text passed on later than the message answered is a message of its own.

        The text: "I am most grateful to you for kindly communicating the text
        of Mikolajczyk's declaration concerning Poland's eastern frontier".
        """
        found = kinds("1945-04-24-churchill")
        assert ("answer", "thanks", "forwarding") == found[
            "undated-churchill-to-stalin-in-1945-04-24-churchill"
        ]
        assert "thanks" not in found["1945-04-18-churchill-truman-to-stalin"]


class TestShippedLinks:
    """The reply links of the shipped corpus."""

    def test_kinds(self) -> None:
        """The links by kind, a link counted once per kind it carries."""
        found = Counter(k for m in load() for link in m.reply_links for k in link.kinds)
        assert REPLY_KINDS == dict(found)
        assert REPLY_LINKS == sum(len(m.reply_links) for m in load())

    def test_received_on(self) -> None:
        """Every incoming message known by its day of arrival carries that day."""
        records = [i for i in load().incoming() if i.received_on is not None]
        assert RECEIVED == len(records)
        assert all(i.id.startswith(f"received-{i.received_on.isoformat()}-") for i in records)
        assert datetime.date(1942, 9, 7) == next(
            i.received_on for i in records if i.id == "received-1942-09-07-churchill-to-stalin"
        )

    def test_two_messages_from_you(self) -> None:
        """The text: "two messages from you" counts 2, as the rule says."""
        for message_id in ("1943-11-12-roosevelt", "1944-03-23-churchill"):
            ref = next(
                r for r in load()[message_id].references if r.phrase == "two messages from you"
            )
            assert (2, 2) == (ref.count, len(ref.targets))

    @pytest.mark.parametrize(
        ("message_id", "phrase", "target"),
        [
            ("1945-05-10-truman", "I sent you the text", "1945-05-04-truman"),
            ("1945-06-09-truman", "my suggestions", "1945-05-27-truman"),
            (
                "1941-11-04-roosevelt",
                "an Aide-Mémoire",
                "undated-roosevelt-to-stalin-in-1941-11-04-roosevelt",
            ),
            ("1944-10-08-roosevelt", "a message", "1944-09-27-churchill-to-stalin"),
        ],
    )
    def test_missed_references(self, message_id: str, phrase: str, target: str) -> None:
        """The references 0.2.0 missed or sent to a record of their own."""
        ref = next(r for r in load()[message_id].references if r.phrase == phrase)
        assert (target,) == ref.targets

    def test_message_about_the_poles(self) -> None:
        """The text: "Mr Churchill's message about the Poles" is the pair of February 20, 1944."""
        ref = next(
            r
            for r in load()["1944-03-03-roosevelt"].references
            if r.phrase == "Mr Churchill's message"
        )
        assert ("1944-02-20-churchill-to-stalin", "1944-02-20-churchill-to-stalin-2") == ref.targets

    def test_retired_incoming_ids_resolve(self) -> None:
        """Every incoming id of 0.2.0 that changed is an alias of the record that replaced it."""
        corpus = load()
        incoming = {i.id for i in corpus.incoming()}
        assert {
            "undated-churchill-to-stalin-in-1942-09-08-churchill": (
                "received-1942-09-07-churchill-to-stalin"
            ),
            "undated-churchill-to-stalin-in-1944-03-03-roosevelt": "1944-02-20-churchill-to-stalin",
        }.items() <= dict(corpus.aliases).items()
        assert all(new in incoming or new in corpus for new in corpus.aliases.values())


class TestAnswerAndAcknowledgement:
    """A reply takes up the matter where its other sentences do; a late arrival is a receipt."""

    @pytest.mark.parametrize(
        ("message_id", "answered", "expected"),
        [
            # "I fully agree with you about frequent meetings."
            (
                "1944-01-02-churchill",
                "undated-churchill-to-stalin-in-1944-01-02-churchill",
                ("answer", "thanks"),
            ),
            # "Concerning the impracticability of a meeting between you, the President and myself"
            (
                "1944-08-01-churchill",
                "undated-churchill-to-stalin-in-1944-08-01-churchill",
                ("answer", "thanks"),
            ),
            # "Yours of June 15 to hand. Agree with "Terminal.""
            (
                "1945-06-15-churchill",
                "1945-06-15-churchill-to-stalin",
                ("answer", "acknowledgement"),
            ),
            # "your reply did not reach me until April 27"
            (
                "1943-04-29-roosevelt",
                "received-1943-04-27-roosevelt-to-stalin",
                ("answer", "acknowledgement"),
            ),
            # A courtesy and nothing taken up: "I am confident that the growing alliance ..."
            (
                "1944-11-16-churchill",
                "undated-churchill-to-stalin-in-1944-11-16-churchill",
                ("thanks",),
            ),
            # "Your message of October 24 received. Thank you for the information."
            (
                "1942-10-28-roosevelt",
                "1942-10-24-roosevelt-to-stalin",
                ("acknowledgement", "thanks"),
            ),
        ],
    )
    def test_kinds(self, message_id: str, answered: str, expected: tuple[str, ...]) -> None:
        """The kinds the text shows."""
        assert expected == kinds(message_id)[answered]


class TestTargets:
    """Each reply goes to the message the text answers, among those the volume knows."""

    def test_request_complied_with(self) -> None:
        """A request taken up is answered; a thanks in a paragraph of its own, the first's.

        The text: "We should like to comply with your request, stated in your
        message of July 13"; the thanks for the news on Normandy is July 12's.
        """
        assert {
            "1944-07-12-churchill-to-stalin": ("answer", "acknowledgement", "thanks"),
            "1944-07-13-churchill-to-stalin": ("answer",),
        } == kinds("1944-07-15-churchill")

    def test_praise_appreciated(self) -> None:
        """The text: "I greatly appreciate your praise for the Kutuzov film"."""
        assert {"undated-churchill-to-stalin-in-1944-12-25-churchill-2": ("thanks",)} == kinds(
            "1944-12-25-churchill-2"
        )

    def test_vyazma(self) -> None:
        """Congratulations on an event go to a message after it.

        The text: "Thanks for your congratulations on the capture of Vyazma"
        (March 12, 1943): the message of March 13, not that of March 11.
        """
        found = kinds("1943-03-15-churchill-2")
        assert "thanks" in found["1943-03-13-churchill-to-stalin"]
        assert ("answer",) == found["1943-03-11-churchill-to-stalin"]

    def test_places_for_the_meeting(self) -> None:
        """A reply promised is the message that answers the one it was promised for.

        The text: "I cannot accept as suitable any one of the places suggested
        by you as against Tehran" answers the second message of October 14,
        1943; the record of 0.3.0 for it is an alias.
        """
        corpus = load()
        assert ("1943-10-14-roosevelt-to-stalin-2",) == corpus["1943-10-19-roosevelt"].in_reply_to
        assert (
            "1943-10-14-roosevelt-to-stalin-2"
            == corpus.aliases["undated-roosevelt-to-stalin-in-1943-10-19-roosevelt"]
        )


class TestAssent:
    """An assent to what the addressee proposed answers it, though it names no message."""

    @pytest.mark.parametrize(
        "message_id",
        [
            # "I have no objection to forty of the A-20 bombers ... being transferred"
            "1942-07-07-roosevelt",
            # "I have no objection to you and the British Prime Minister having approved ..."
            "1943-10-02-roosevelt",
            # "With regard to both Turkey and China I agree with the considerations you
            # have stated."
            "1941-10-03-churchill",
        ],
    )
    def test_assent(self, message_id: str) -> None:
        """The reply is an answer to a message known only from this one."""
        sender = load()[message_id].recipients[0].lower()
        assert {f"undated-{sender}-to-stalin-in-{message_id}": ("answer",)} == kinds(message_id)

    def test_future_assent_is_none(self) -> None:
        """The text: "I hope, will have no objection": the writer's hope, no reply."""
        assert () == links("1944-11-24-churchill")


def test_second_message_of_a_day() -> None:
    """Two messages of one day, told apart by what each answer takes up.

    The text: "Your message of September 8 reached me on September 9 ... it
    answers the questions that interest you concerning the meeting of the three
    Foreign Ministers": not the message on gas warfare of that day.
    """
    assert ("1943-09-08-churchill-to-stalin",) == load()["1943-09-08-churchill-2"].in_reply_to
    assert ("1943-09-08-churchill-to-stalin-2",) == load()["1943-09-09-churchill"].in_reply_to


@pytest.mark.parametrize(
    ("message_id", "answered", "expected"),
    [
        (
            "1943-05-04-churchill",
            "undated-churchill-to-stalin-in-1943-05-04-churchill-2",
            ("answer", "thanks"),
        ),
        (
            "1942-12-14-roosevelt",
            "undated-roosevelt-to-stalin-in-1942-12-14-roosevelt",
            ("answer",),
        ),
        (
            "1945-03-27-roosevelt",
            "undated-roosevelt-to-stalin-in-1945-03-27-roosevelt",
            ("answer",),
        ),
        (
            "1943-09-12-roosevelt-churchill",
            "undated-churchill-to-stalin-in-1943-09-12-roosevelt-churchill",
            ("answer",),
        ),
        (
            "1943-09-12-roosevelt-churchill",
            "undated-roosevelt-to-stalin-in-1943-09-12-roosevelt-churchill",
            ("answer",),
        ),
    ],
)
def test_ruled_replies(message_id: str, answered: str, expected: tuple[str, ...]) -> None:
    """Replies in words no rule takes, named by reviewed rulings, with the kinds the text shows."""
    assert expected == kinds(message_id)[answered]


class TestReviewedIncomingReplies:
    """data/corrections/replies.csv: what a reply of the other side answered, read and proved."""

    @pytest.mark.parametrize(
        ("incoming_id", "parent"),
        [
            ("undated-churchill-to-stalin-in-1942-04-22-churchill", "1942-03-29-churchill"),
            ("1944-02-07-churchill-roosevelt-to-stalin", "1944-01-29-churchill-roosevelt"),
            (
                "undated-churchill-roosevelt-to-stalin-in-1944-03-17-churchill-roosevelt",
                "1944-02-26-churchill-roosevelt",
            ),
            ("undated-churchill-to-stalin-in-1944-07-22-churchill", "1944-07-15-churchill"),
            ("1944-08-03-churchill-to-stalin", "1944-07-22-churchill"),
            ("1945-05-29-churchill-to-stalin", "1945-05-27-churchill"),
            ("undated-churchill-to-stalin-in-1945-06-05-churchill", "1945-05-30-churchill"),
            ("1945-06-10-churchill-to-stalin", "1945-05-27-churchill-2"),
            ("1945-06-19-truman-to-stalin", "1945-06-09-truman"),
        ],
    )
    def test_shipped_rows(self, incoming_id: str, parent: str) -> None:
        """Each row of the shipped table gives its incoming record the link, an answer."""
        assert (parent,) == answered(incoming_id)
        record = load().incoming()[incoming_id]
        assert (ReplyLink(parent, ("answer",)),) == record.reply_links

    def test_row_applies(self) -> None:
        """A row adds its link, the kinds in their order; one the rules found takes its kinds."""
        found = {"b": (ReplyLink("x", ("answer",)),)}
        rulings = [ruling("a", "x", "thanks;answer"), ruling("b", "x", "acknowledgement")]
        out, problems = _replies.reviewed(found, rulings, {"x"}, {"a", "b"})
        assert [] == problems
        assert (ReplyLink("x", ("answer", "thanks")),) == out["a"]
        assert (ReplyLink("x", ("acknowledgement",)),) == out["b"]

    @pytest.mark.parametrize(
        ("row", "problem"),
        [
            (("c", "x", "answer"), "no incoming message 'c'"),
            (("a", "y", "answer"), "no printed message 'y'"),
            (("a", "x", "praise"), "a: kinds 'praise'"),
            (("x", "x", "answer"), "no incoming message 'x'"),
        ],
    )
    def test_unknown_id_refused(self, row: tuple[str, str, str], problem: str) -> None:
        """A row naming no incoming record, printed message or kind is a problem, unapplied."""
        out, problems = _replies.reviewed({}, [ruling(*row)], {"x"}, {"a"})
        assert {} == out
        assert [f"replies.csv: {problem}"] == problems


def ruling(incoming_id: str, answers: str, kinds: str) -> ReplyRuling:
    """Return a reviewed ruling of replies.csv, dated and reasoned."""
    return ReplyRuling(incoming_id, answers, kinds, "read", "0.4.1", "2026-12-07")
