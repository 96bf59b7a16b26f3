"""thread_of(): one exchange, followed through references, pairs, enclosures and copies."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
from hypothesis import given

from stalin_telegrams import Corpus, Message, Reference, duplicates, load, thread_of
from stalin_telegrams.exceptions import CriterionTypeError, UnknownMessageError
from tests import strategies
from tests.factories import fake

# --- Pinned corpus expectations (update here when the data changes) --------
#: The Casablanca decisions: the message of February 16, 1943 to Churchill
#: and the same message to Roosevelt, then the messages that chase a reply
#: ("I look forward to a reply ... to my message of February 16").
CASABLANCA = (
    "1943-02-16-churchill",
    "1943-02-16-roosevelt",
    "1943-03-06-churchill",
    "1943-03-15-churchill-3",
    "1943-03-16-roosevelt",
)
#: The Polish question in May 1945: the reply to Churchill, its copy enclosed
#: for Truman with the covering note, and the later note that points to it.
POLAND_MAY_1945 = (
    "1945-05-04-truman",
    "1945-05-04-churchill-2",
    "1945-05-04-churchill",
    "1945-05-10-truman",
)
#: The meeting declined in July 1944: "I notified the President at the same
#: time as I did you", and "of which I apprised you last time".
MEETING_JULY_1944 = ("1944-07-22-roosevelt", "1944-08-01-churchill", "1944-08-02-roosevelt")
#: How many messages stand in a thread of their own (no link at all), how
#: many threads the corpus has, and the most messages in one (the largest
#: were read: each is one exchange).
ALONE = 255
THREADS = 304
LARGEST = 5
# ---------------------------------------------------------------------------


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

    def test_threads_stay_small(self) -> None:
        """The corpus falls into many small threads, none of them the whole war."""
        corpus = load()
        threads = {corpus.thread_of(m).ids for m in corpus}
        assert (THREADS, LARGEST) == (len(threads), max(map(len, threads)))

    def test_enclosure_and_copy_link(self) -> None:
        """An enclosure links to its covering message, a copy to its original."""
        messages = [
            fake("cover", 1, on="1944-03-03"),
            fake("enclosed", 2, on="1944-03-03", enclosed_in="cover"),
            fake("original", 3, on="1944-03-03"),
            fake("copy", 4, on="1944-03-04", copy_of="original"),
        ]
        assert [("cover", "enclosed"), ("original", "copy")] == [
            thread_of("enclosed", messages).ids,
            thread_of("original", messages).ids,
        ]

    def test_references_link_both_ways_and_transitively(self) -> None:
        """A reference links its message and its target, both ways, any number of steps."""
        messages = [
            fake("a", 1, written_on=day("1943-01-01")),
            fake("b", 2, written_on=day("1943-01-02"), references=(Reference("my message", "a"),)),
            fake("c", 3, written_on=day("1943-01-03"), references=(Reference("mine", "b"),)),
            fake("d", 4, written_on=day("1943-01-04"), references=(Reference("lost", None),)),
        ]
        assert ("a", "b", "c") == thread_of("a", messages).ids
        assert ("d",) == thread_of("d", messages).ids

    def test_order_by_date_then_number_undated_last(self) -> None:
        """A thread runs in date order, same dates by number, undated messages last."""
        link = (Reference("see", "hub"),)
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


def components(corpus: Corpus) -> dict[str, frozenset[str]]:
    """Return each id's connected component, by a breadth-first search over the links."""
    ids = set(corpus.ids)
    links: dict[str, set[str]] = {i: set() for i in ids}
    for message in corpus:
        named = {r.target for r in message.references} | {message.enclosed_in, message.copy_of}
        for target in named & ids:
            links[message.id].add(target)
            links[target].add(message.id)
    for pair in duplicates(corpus):
        links[pair.first.id].add(pair.second.id)
        links[pair.second.id].add(pair.first.id)
    out: dict[str, frozenset[str]] = {}
    for start in ids:
        seen, frontier = {start}, [start]
        while frontier:
            frontier = [n for i in frontier for n in links[i] if n not in seen]
            seen.update(frontier)
        out[start] = frozenset(seen)
    return out


def order(message: Message) -> tuple[bool, datetime.date, int]:
    """Return the thread order of a message: dated first, by date, then by number."""
    return (message.date is None, message.date or datetime.date.min, message.number)


class TestThreadOfProperties:
    """thread_of() over generated corpora: connected components, in date order."""

    @given(strategies.corpora(min_size=1))
    def test_components(self, corpus: Corpus) -> None:
        """Each message's thread is its component under references and duplicate pairs."""
        expected = components(corpus)
        assert {i: expected[i] for i in corpus.ids} == {
            i: frozenset(thread_of(i, corpus).ids) for i in corpus.ids
        }

    @given(strategies.corpora(min_size=1))
    def test_symmetric_and_contains_its_message(self, corpus: Corpus) -> None:
        """A message is in its own thread, and b is in a's thread just when a is in b's."""
        members = {m.id: set(corpus.thread_of(m).ids) for m in corpus}
        assert all(i in members[i] for i in members)
        assert {(a, b) for a in members for b in members[a]} == {
            (b, a) for a in members for b in members[a]
        }

    @given(strategies.corpora(min_size=1))
    def test_partition(self, corpus: Corpus) -> None:
        """The threads partition the messages: each message is in exactly one."""
        threads = {corpus.thread_of(m).ids for m in corpus}
        counts = Counter(i for thread in threads for i in thread)
        assert ({*corpus.ids}, {1}) == (set(counts), set(counts.values()))

    @given(strategies.corpora(min_size=1))
    def test_order_and_sharing(self, corpus: Corpus) -> None:
        """A thread runs in date order, undated last, and is the same from each member."""
        for message in corpus:
            thread = corpus.thread_of(message)
            assert sorted(thread, key=order) == list(thread)
            assert [thread.ids] * len(thread) == [corpus.thread_of(m).ids for m in thread]

    @given(strategies.corpora(min_size=1))
    def test_list_same_as_corpus(self, corpus: Corpus) -> None:
        """A list of the messages gives the threads a Corpus of them gives."""
        messages = list(corpus)
        assert [corpus.thread_of(m).ids for m in corpus] == [
            thread_of(m, messages).ids for m in messages
        ]
