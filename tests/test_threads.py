"""thread_of(): messages connected by resolved references and by duplicate pairs."""

from __future__ import annotations

import datetime

import attrs
import pytest

from stalin_telegrams import Corpus, Message, Reference, load, thread_of
from stalin_telegrams.exceptions import CriterionTypeError, UnknownMessageError

# --- Pinned corpus expectations (update here when the data changes) --------
#: The Casablanca decisions: the message of February 16, 1943 to Churchill
#: and its near-duplicate to Roosevelt, then the messages that chase a reply
#: ("I look forward to a reply ... to my message of February 16").
CASABLANCA = (
    "1943-02-16-churchill",
    "1943-02-16-roosevelt",
    "1943-03-06-churchill",
    "1943-03-15-churchill-3",
    "1943-03-16-roosevelt",
)
#: The Polish question in April and May 1945: the messages of April 24 to
#: Truman and Churchill, Churchill's printed answer of April 28 ("I thank you
#: for your message of April 24th"), the reply to it, its copy enclosed for
#: Truman with the covering note, and the later note that points to it.
POLAND_MAY_1945 = (
    "1945-04-24-truman",
    "1945-04-24-churchill",
    "1945-04-28-stalin",
    "1945-05-04-truman",
    "1945-05-04-churchill-2",
    "1945-05-04-churchill",
    "1945-05-10-truman",
)
#: The meeting declined in July 1944: "I notified the President at the same
#: time as I did you", and "of which I apprised you last time".
MEETING_JULY_1944 = ("1944-07-22-roosevelt", "1944-08-01-churchill", "1944-08-02-roosevelt")
#: How many messages stand in a thread of their own (no link at all).
ALONE = 269
# ---------------------------------------------------------------------------


def fake(message_id: str, number: int, **changes: object) -> Message:
    """Return a message made from the first of the corpus, with *changes*."""
    base = load()[0]
    fields: dict[str, object] = {
        "id": message_id,
        "number": number,
        "written_on": None,
        "sent_on": None,
        "references": (),
        "text": f"The text of {message_id}, unlike any other.",
    }
    fields.update(changes)
    return attrs.evolve(base, **fields)  # type: ignore[arg-type]


def day(text: str) -> datetime.date:
    """Parse an ISO date."""
    return datetime.date.fromisoformat(text)


class TestThreadOf:
    """thread_of() returns the connected component of a message, in date order."""

    def test_casablanca(self) -> None:
        """The February 16, 1943 messages make one thread with the messages that chase a reply."""
        assert CASABLANCA == thread_of("1943-02-16-churchill").ids

    @pytest.mark.parametrize("thread", [CASABLANCA, POLAND_MAY_1945, MEETING_JULY_1944])
    def test_same_thread_from_every_member(self, thread: tuple[str, ...]) -> None:
        """Every message of a thread has that same thread."""
        assert [thread] * len(thread) == [thread_of(m).ids for m in thread]

    def test_message_or_id(self) -> None:
        """A message and its id give the same thread."""
        corpus = load()
        assert thread_of("1942-11-20-churchill") == thread_of(corpus["1942-11-20-churchill"])

    def test_duplicates_link(self) -> None:
        """The same message sent to two leaders is one thread."""
        assert ("1942-11-20-churchill", "1942-11-20-roosevelt") == thread_of(
            "1942-11-20-roosevelt"
        ).ids

    def test_unlinked_message_is_its_own_thread(self) -> None:
        """A message with no link is a thread of one."""
        corpus = load()
        alone = [m.id for m in corpus if thread_of(m, corpus).ids == (m.id,)]
        assert ALONE == len(alone)

    def test_references_link_both_ways_and_transitively(self) -> None:
        """A reference links its message and its target, both ways, any number of steps."""
        messages = [
            fake("a", 1, written_on=day("1943-01-01")),
            fake(
                "b",
                2,
                written_on=day("1943-01-02"),
                references=(Reference("my message", targets=("a",)),),
            ),
            fake(
                "c",
                3,
                written_on=day("1943-01-03"),
                references=(Reference("mine", targets=("b",)),),
            ),
            fake("d", 4, written_on=day("1943-01-04"), references=(Reference("lost"),)),
        ]
        assert ("a", "b", "c") == thread_of("a", messages).ids
        assert ("d",) == thread_of("d", messages).ids

    def test_order_by_date_then_number_undated_last(self) -> None:
        """A thread runs in date order, same dates by number, undated messages last."""
        link = (Reference("see", targets=("hub",)),)
        messages = [
            fake("undated", 1, references=link),
            fake("late", 2, written_on=day("1944-05-01"), references=link),
            fake("hub", 3, written_on=day("1943-01-01")),
            fake("same-day-b", 5, sent_on=day("1943-06-01"), references=link),
            fake("same-day-a", 4, written_on=day("1943-06-01"), references=link),
        ]
        expected = ("hub", "same-day-a", "same-day-b", "late", "undated")
        assert expected == thread_of("late", messages).ids

    def test_only_messages_searched(self) -> None:
        """A link to a message outside the messages searched is not followed."""
        corpus = load()
        without = Corpus(m for m in corpus if m.id != "1943-02-16-roosevelt")
        expected = tuple(i for i in CASABLANCA if i != "1943-02-16-roosevelt")
        assert expected == thread_of("1943-03-06-churchill", without).ids

    def test_alias(self) -> None:
        """A retired id is followed to the message that replaced it."""
        corpus = Corpus([fake("new", 1)], {"old": "new"})
        assert ("new",) == thread_of("old", corpus).ids

    def test_unknown_id_raises(self) -> None:
        """An id that names no message raises UnknownMessageError, a KeyError, with close ids."""
        with pytest.raises(UnknownMessageError, match="1943-02-16-churchill") as caught:
            thread_of("1943-02-16-churchil")
        assert isinstance(caught.value, KeyError)

    def test_message_not_searched_raises(self) -> None:
        """A message that is not among the messages searched raises UnknownMessageError."""
        with pytest.raises(UnknownMessageError):
            thread_of(load()[5], load()[:3])

    def test_wrong_type_raises(self) -> None:
        """Something that is neither a message nor an id raises CriterionTypeError."""
        with pytest.raises(CriterionTypeError, match="message_or_id"):
            thread_of(42)  # type: ignore[arg-type]

    def test_returns_corpus_and_method(self) -> None:
        """The thread is a Corpus, and Corpus.thread_of is thread_of on that corpus."""
        corpus = load()
        thread = corpus.thread_of("1943-03-06-churchill")
        assert isinstance(thread, Corpus)
        assert thread_of("1943-03-06-churchill", corpus) == thread

    def test_repeated_calls_agree(self) -> None:
        """A second call, answered from the cache, gives the same thread."""
        assert thread_of("1944-08-01-churchill") == thread_of("1944-08-01-churchill")
        assert MEETING_JULY_1944 == thread_of("1944-08-01-churchill").ids
