"""thread_of(): one exchange, through references, replies, pairs, enclosures and incoming."""

from __future__ import annotations

import datetime
import timeit
from collections import Counter

import pytest
from hypothesis import given

from stalin_telegrams import (
    Corpus,
    IncomingMessage,
    Message,
    Reference,
    _threads,
    duplicates,
    load,
    thread_of,
)
from stalin_telegrams.exceptions import ArgumentTypeError, CriterionTypeError, UnknownMessageError
from tests import strategies
from tests.factories import fake

# --- Pinned corpus expectations (update here when the data changes) --------
#: The Casablanca decisions: the answer of January 30, 1943 to the joint
#: message of January 26, the message of February 16 to Churchill and the
#: same message to Roosevelt that answer their "common reply" (received on
#: February 12), then the messages that chase a reply ("I look forward to a
#: reply ... to my message of February 16").
CASABLANCA = (
    "1943-01-30-churchill-roosevelt",
    "1943-02-16-churchill",
    "1943-02-16-roosevelt",
    "1943-03-06-churchill",
    "1943-03-15-churchill-2",
    "1943-03-15-churchill-3",
    "1943-03-16-roosevelt",
)
#: The same with the incoming messages, read: Churchill's received on
#: February 12 (answered on February 16), Roosevelt's of February 22
#: (answered on March 16: "yours of February 22, which likewise was a reply
#: to mine"), and the two of Churchill's that the messages of March 6 and 15
#: answer, which the volume names without a date (undated, so last);
#: Churchill's reply of March 11 ("Mr Churchill's reply" of March 16, the
#: message whose paragraphs 8 to 10 the message of March 15 keeps secret),
#: his "special message" of March 11 on the film of the Eighth Army, and his
#: messages of March 6 and 13 on the air raids, answered on March 15 with it;
#: and the joint message of January 26 that the common reply followed.
CASABLANCA_WITH_INCOMING = (
    "1943-01-26-churchill-roosevelt-to-stalin",
    "1943-01-30-churchill-roosevelt",
    "1943-02-16-churchill",
    "1943-02-16-roosevelt",
    "1943-02-22-roosevelt-to-stalin",
    "1943-03-06-churchill-to-stalin",
    "1943-03-06-churchill",
    "1943-03-11-churchill-to-stalin",
    "1943-03-11-churchill-to-stalin-2",
    "1943-03-13-churchill-to-stalin",
    "1943-03-15-churchill-2",
    "1943-03-15-churchill-3",
    "1943-03-16-roosevelt",
    "received-1943-02-12-churchill-to-stalin",
    "undated-churchill-to-stalin-in-1943-03-06-churchill",
)
#: The hour of the link-up announcement, April 1945: Stalin's answers to
#: Churchill and to Truman (a same-matter pair, each "sending a similar
#: message" to the other), and the two messages they answer, known only by
#: the day they arrived.
LINK_UP = (
    "1945-04-23-churchill-2",
    "1945-04-23-truman",
    "received-1945-04-21-truman-to-stalin",
    "received-1945-04-22-churchill-to-stalin",
)
#: The Soviet-Polish frontier, March 1944: the answer of March 16 to
#: Churchill's message of March 7, and the message of March 23 that argues
#: with it ("You say in your message of March 7 ..."), written within a week
#: of the answer, with its counterpart to Roosevelt.
FRONTIER_MARCH_1944 = ("1944-03-16-churchill", "1944-03-23-roosevelt", "1944-03-23-churchill")
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
#: How many messages stand in a thread of their own, how many threads the
#: corpus has, and the most printed messages and records (incoming included)
#: in one. 0.2.0 gave 291 threads, 239 alone. 0.3.0 joins five pairs of
#: them, each read: two through the writer's own proposals that the other
#: side answered (Hokkaido, August 16 and 22, 1945: "the Soviet Union's
#: request"; Roumania and Bulgaria, May 27 and June 9, 1945: "my suggestions
#: for resuming diplomatic relations"), and three through what the other
#: side's replies answer (Roosevelt's of November 8, 1943 to the message of
#: November 5; Roosevelt's received April 27, 1943 to that of April 21, the
#: Katyn break; Roosevelt's received April 4, 1944 to that of March 25 on
#: the International Labour Organisation, named by its subject, not the
#: latest, of March 28 on two passports): 286 threads, 232 alone. Thanks
#: alone join nothing. The largest are as in 0.2.0 (Italy 1943, 7 and 13;
#: Poland 1945, 7 and 10; Casablanca 1943, 6 and 13; Berne 1945, 5 and 10),
#: each one exchange. Since then the ILO reply received April 4, 1944 answers
#: the message of March 25 on the ILO, not that of March 28 on passports (no
#: count changes: March 25 joins, March 28 leaves), and Churchill's "common
#: reply" received February 12, 1943 answers the message of January 30 to
#: him and Roosevelt, which joins Casablanca (January 26 to March 16: 7
#: printed messages, 15 records, the first of the three largest): 285
#: threads, 231 alone. The message of October 19, 1943 on the place of the
#: meeting answers the second message of October 14 and joins the exchange of
#: October 17: 284 threads, 229 alone. Churchill's second message of
#: September 8, 1943 (the Foreign Ministers and the commission), told apart
#: from his message on gas warfare of that day, leaves the gas warfare answer
#: (1943-09-08-churchill-2) out of the Italy exchange; the messages of April
#: 22, 1942, October 3, 1941 and September 12, 1943 gain records of their own
#: in their threads; July 7, 1942 and October 2, 1943 stay alone with theirs:
#: 285 threads, 230 alone. "I have already pointed out in my previous messages
#: that what we need is not air force units, but planes without pilots" (January
#: 13, 1943) names the messages of December 18 and January 5, which say so:
#: the three are one exchange, 283 threads, 227 alone. The message of December
#: 10, 1944 to Churchill names his reply on the Franco-Soviet pact ("I informed
#: General de Gaulle of your opinion"), within seven days of its answer of
#: December 7: the exchange of December 2 and 7 and that of December 3 and 10
#: are one, 282 threads. Then nine replies of the other side, each read
#: (data/corrections/replies.csv), join the exchanges they answer: gas warfare
#: (March 29 and April 22, 1942, with April 20), the Italian ships (February 7,
#: 1944 to January 29, and the old destroyers to February 26), Debice (July 15
#: and 22, August 4, 1944), the meeting near Berlin (May 27 to June 5, 1945)
#: and Roumania and Bulgaria (May 27 to June 23, 1945): 273 threads, 217 alone.
ALONE = 217
THREADS = 273
LARGEST = 7
LARGEST_WITH_INCOMING = 15
#: The same for a list of the messages, which has no incoming records: only
#: the two joins by the writer's own proposals happen, and the messages of
#: December 18, 1942 and January 5, 1943 named as "my previous messages" on
#: January 13 (a reference to printed messages): 292 threads, 240 alone.
ALONE_PRINTED = 240
THREADS_PRINTED = 292
# ---------------------------------------------------------------------------


def day(text: str) -> datetime.date:
    """Parse an ISO date."""
    return datetime.date.fromisoformat(text)


class TestThreadOf:
    """thread_of() returns the connected component of a message, in date order."""

    def test_casablanca(self) -> None:
        """The February 16, 1943 messages make one thread with the messages that chase a reply."""
        assert CASABLANCA == thread_of("1943-02-16-churchill").ids

    @pytest.mark.parametrize(
        "thread", [CASABLANCA, POLAND_MAY_1945, MEETING_JULY_1944, FRONTIER_MARCH_1944]
    )
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
        records = {tuple(corpus.thread_of(m, include_incoming=True)) for m in corpus}
        assert (THREADS, LARGEST, LARGEST_WITH_INCOMING) == (
            len(threads),
            max(map(len, threads)),
            max(map(len, records)),
        )

    def test_list_has_no_incoming(self) -> None:
        """Messages alone have no incoming records: their threads follow printed messages only."""
        alone = Corpus(list(load()))
        threads = {alone.thread_of(m).ids for m in alone}
        assert (THREADS_PRINTED, ALONE_PRINTED, ("1943-10-05-roosevelt",)) == (
            len(threads),
            sum(len(t) == 1 for t in threads),
            thread_of("1943-10-05-roosevelt", list(alone)).ids,
        )

    def test_include_incoming(self) -> None:
        """include_incoming adds the thread's incoming messages, in date order, undated last."""
        thread = thread_of("1943-03-16-roosevelt", include_incoming=True)
        assert CASABLANCA_WITH_INCOMING == tuple(r.id for r in thread)
        assert isinstance(thread[0], IncomingMessage)

    def test_incoming_links_the_messages_answering_it(self) -> None:
        """Two answers to two incoming messages, a same-matter pair, make one thread."""
        assert [LINK_UP] * 2 == [
            tuple(r.id for r in thread_of(i, include_incoming=True)) for i in LINK_UP[:2]
        ]

    def test_mention_within_a_week_links(self) -> None:
        """A message that names an incoming message within a week of its answer joins the thread."""
        assert FRONTIER_MARCH_1944 == thread_of("1944-03-16-churchill").ids

    def test_later_recall_does_not_link(self) -> None:
        """A message that recalls an incoming message answered months before is not linked."""
        recalls = ("1943-06-11-roosevelt", "1943-06-24-churchill")
        assert [False, False] == [r in thread_of("1943-01-30-churchill-roosevelt") for r in recalls]

    def test_include_incoming_not_bool_raises(self) -> None:
        """include_incoming that is not a bool raises ArgumentTypeError."""
        with pytest.raises(ArgumentTypeError, match="include_incoming"):
            thread_of("1943-03-16-roosevelt", include_incoming=1)  # type: ignore[call-overload]

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
        # The answer of March 15 joins through Churchill's reply of March 11,
        # and that of January 30 through his common reply received February 12:
        # incoming records, which a corpus of messages alone does not have.
        left_out = {
            "1943-02-16-roosevelt",
            "1943-03-15-churchill-2",
            "1943-01-30-churchill-roosevelt",
        }
        expected = tuple(i for i in CASABLANCA if i not in left_out)
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
        named = {t for r in message.references for t in r.targets}
        named |= {*message.in_reply_to, message.enclosed_in, message.copy_of}
        named -= {link.id for link in message.reply_links if link.courtesy}
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


def graph(corpus: Corpus) -> dict[str, frozenset[str]]:
    """Return each id's component, incoming messages included, by a search over the rule's links."""
    links: dict[str, set[str]] = {i: set() for i in corpus.ids}
    links.update({r.id: set() for r in corpus.incoming()})
    for first, seconds in components(corpus).items():
        links[first].update(seconds)
    for record in corpus.incoming():
        thanked = [
            m.id for m in corpus if any(k.id == record.id and k.courtesy for k in m.reply_links)
        ]
        answers = [i for i in record.answered_by if i not in thanked]
        named = [i for i in record.mentioned_in if i not in thanked and i not in answers]
        first = sorted(named, key=lambda i: corpus[i].number)[:1]
        anchors = answers or first or sorted(thanked, key=lambda i: corpus[i].number)[:1]
        days = [corpus[a].date for a in anchors]
        near = [
            i
            for i in named
            if any(
                d is not None and corpus[i].date is not None and abs((d - corpus[i].date).days) <= 7  # type: ignore[operator]
                for d in days
            )
        ]
        for i in {*anchors, *near, *(p for p in record.in_reply_to if p in links)}:
            links[i].add(record.id)
            links[record.id].add(i)
    out: dict[str, frozenset[str]] = {}
    for start in links:
        seen, frontier = {start}, [start]
        while frontier:
            frontier = [n for i in frontier for n in links[i] if n not in seen]
            seen.update(frontier)
        out[start] = frozenset(seen)
    return out


class TestThreadOfIncomingProperties:
    """thread_of(include_incoming=True) over generated corpora with incoming messages."""

    @given(strategies.conversations())
    def test_components(self, corpus: Corpus) -> None:
        """Each thread is the component under printed links and the incoming rule."""
        expected = graph(corpus)
        assert {i: expected[i] for i in corpus.ids} == {
            i: frozenset(r.id for r in thread_of(i, corpus, include_incoming=True))
            for i in corpus.ids
        }

    @given(strategies.conversations())
    def test_symmetric_and_partition(self, corpus: Corpus) -> None:
        """A message is in its thread, membership is symmetric, threads partition the corpus."""
        members = {m.id: {r.id for r in corpus.thread_of(m, include_incoming=True)} for m in corpus}
        printed = {i: {j for j in ids if j in members} for i, ids in members.items()}
        assert all(i in members[i] for i in members)
        assert {(a, b) for a in printed for b in printed[a]} == {
            (b, a) for a in printed for b in printed[a]
        }
        threads = {tuple(corpus.thread_of(m, include_incoming=True)) for m in corpus}
        counts = Counter(r.id for thread in threads for r in thread)
        assert {1} == set(counts.values())

    @given(strategies.conversations())
    def test_adds_only_incoming_that_meet_the_thread(self, corpus: Corpus) -> None:
        """The records added are incoming messages named or answered by a message of the thread."""
        for message in corpus:
            records = corpus.thread_of(message, include_incoming=True)
            printed = corpus.thread_of(message).ids
            added = [r for r in records if not isinstance(r, Message)]
            assert printed == tuple(r.id for r in records if isinstance(r, Message))
            assert all(
                {*r.mentioned_in, *r.answered_by, *r.in_reply_to} & {*printed} for r in added
            )

    @given(strategies.conversations())
    def test_answers_share_a_thread(self, corpus: Corpus) -> None:
        """An incoming message is in the thread of every message that answers it but thanks."""
        for record in corpus.incoming():
            answers = [m for m in corpus.answered_by(record) if isinstance(m, Message)]
            assert all(
                record in corpus.thread_of(m, include_incoming=True)
                for m in answers
                if not any(k.id == record.id and k.courtesy for k in m.reply_links)
            )


class TestThreads:
    """Corpus.threads() gives every thread once, in order, and partitions the corpus."""

    def test_partition(self) -> None:
        """Every message stands in exactly one thread, and threads come in date order."""
        corpus = load()
        threads = corpus.threads()
        ids = [i for thread in threads for i in thread.ids]
        assert sorted(corpus.ids) == sorted(ids)
        assert len(ids) == len(set(ids))
        assert THREADS == len(threads)
        assert [thread.ids for thread in threads] == sorted(
            (thread.ids for thread in threads), key=lambda t: _threads.order(corpus[t[0]])
        )

    def test_same_as_thread_of(self) -> None:
        """Each thread is the thread_of() of each of its messages."""
        corpus = load()
        for thread in corpus.threads():
            assert {thread.ids} == {corpus.thread_of(m).ids for m in thread}

    def test_with_incoming(self) -> None:
        """With include_incoming each thread holds its incoming records, each record once."""
        corpus = load()
        records = [r.id for t in corpus.threads(include_incoming=True) for r in t]
        assert len(records) == len(set(records))
        assert set(records) == set(corpus.ids) | set(corpus.incoming().ids)
        hokkaido = corpus.thread_of("1945-08-22-truman", include_incoming=True)
        assert hokkaido in corpus.threads(include_incoming=True)

    def test_longest(self) -> None:
        """The longest exchange, in the five lines a course asks for."""
        longest = max(load().threads(), key=len)
        assert (LARGEST, "1943-01-30-churchill-roosevelt") == (len(longest), longest[0].id)

    def test_filtered(self) -> None:
        """On a selection, the threads are those of the messages it holds."""
        selection = load().filter_by(recipient="Truman")
        threads = selection.threads(include_incoming=True)
        printed = [r.id for t in threads for r in t if isinstance(r, Message)]
        assert sorted(selection.ids) == sorted(printed)
        assert all(any(isinstance(r, Message) for r in t) for t in threads)

    def test_kept(self) -> None:
        """The second call returns the same threads, fast."""
        corpus = load()
        first = corpus.threads()
        assert first is corpus.threads()
        runs = 1000
        assert timeit.timeit(corpus.threads, number=runs) / runs < 0.001

    def test_refused(self) -> None:
        """include_incoming must be a bool."""
        with pytest.raises(ArgumentTypeError, match="include_incoming"):
            load().threads(include_incoming=1)  # type: ignore[call-overload]

    def test_linked_records_share_a_thread(self) -> None:
        """Every reply link but a thanks alone joins two records of one thread."""
        corpus = load()
        index = corpus._thread_index()
        for record in [*corpus, *corpus.incoming()]:
            for link in record.reply_links:
                if not link.courtesy:
                    assert index[record.id] == index[link.id], (record.id, link.id)

    @given(strategies.conversations())
    def test_partition_of_any_corpus(self, corpus: Corpus) -> None:
        """threads() partitions any corpus, and its linked records share a thread."""
        held = [m.id for t in corpus.threads() for m in t]
        assert sorted(corpus.ids) == sorted(held)
        index = corpus._thread_index()
        for record in [*corpus, *corpus.incoming()]:
            for link in record.reply_links:
                if not link.courtesy and link.id in index:
                    assert index[record.id] == index[link.id]
