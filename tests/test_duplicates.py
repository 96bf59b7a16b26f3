"""duplicates(): the same text twice, found without comparing every pair."""

from __future__ import annotations

import difflib
import itertools
import os
import random
import re
import subprocess
import sys
import typing
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stalin_telegrams import (
    Corpus,
    Message,
    Pair,
    Reference,
    _duplicates,
    duplicates,
    load,
    similarity,
)
from stalin_telegrams._duplicates import (
    DEFAULT_THRESHOLD,
    MIN_MATCHED_WORDS,
    _blocks,
    _keys,
    _RareWords,
    candidates,
    forwarded,
)
from stalin_telegrams._records import PairKind as Kind
from stalin_telegrams.exceptions import CriterionTypeError, InvalidCriterionError
from tests import strategies
from tests.factories import fake

#: The kinds of pair.
KINDS = typing.get_args(Kind)

# --- Pinned corpus expectations (update here when the data changes) --------
#: Every pair at the default threshold: (first id, second id, kind,
#: score to 3 places: similarity(), or the share quoted for a quotation, or
#: the rare-word cosine for a same-matter pair or a covering note). Each
#: was read side by side (with its diff for the texts sent twice). Copies:
#: 1944-03-03-churchill-2 and 1945-05-04-churchill-2 are printed again as
#: enclosed for Roosevelt and Truman. Quotation: 1944-06-07-roosevelt quotes the whole of
#: 1944-06-06-churchill in quotation marks. Same message: one text sent to
#: two leaders, the address, a sentence or a closing line adapted
#: (1944-08-09-roosevelt is 1944-08-08-churchill with a paragraph added).
#: Covering notes, each read as a message that sends the reader the text
#: of a message to the other leader, naming it: 1943-06-11-churchill "I am
#: sending you the text of my personal message in reply to the President's
#: message" (printed within it, as enclosed); 1943-06-24-roosevelt "I am
#: sending you the text of my reply to a message from Mr Churchill";
#: 1944-03-03-roosevelt "For your information I enclose my reply to Mr
#: Churchill"; 1944-03-23-roosevelt "I think it proper to send, for your
#: information, a copy of my reply to his message. Copy enclosed.";
#: 1944-07-23-roosevelt "I am sending you for your information the text of
#: my message to the Prime Minister"; 1945-01-03-churchill "I enclose for
#: your information the two messages I sent to the President" (of January 1
#: and of December 27, 1944: two pairs); 1945-04-07-churchill "a relevant
#: message to the President, a copy of which I am also sending to you";
#: 1945-04-07-churchill-2 "my message of April 7 to the President, which I
#: am also sending to you"; 1945-05-04-truman "I think it proper to send you
#: the full text of my reply to Mr Churchill"; 1945-05-22-churchill "I think
#: it proper to send you the text of the message I sent to President
#: Truman". Four of them were same-matter pairs (1944-03-03, 1945-01-01/03,
#: 1945-04-07 twice): they also tell the reader the matter in their own
#: words, but what joins the two is the copy sent. Read and not covering
#: notes: "On the previous day I sent you the text" (1945-05-10-truman
#: recalls a note), "I am sending a similar message to Mr Truman" (sends the
#: reader nothing), "I have deemed it necessary to send this reply to Mr
#: Roosevelt as well" (1943-02-16, one message to two leaders).
#: Same matter, each read as one matter told to both leaders within two
#: days: the Moscow conference and Harriman's part (1941-10-03); North
#: Africa and the winter campaign (1942-11-14); no journey to a meeting,
#: representatives to meet instead (1943-08-08/09); the military-political
#: commission and the Moscow meeting (1943-09-08); the destroyers for the
#: Italian ships (1944-02-21); the second round of the summer offensive
#: (1944-06-21); the Franco-Soviet pact signed (1944-12-10); Eisenhower's
#: officer (1944-12-25); Tedder's visit and the offensive (1945-01-15); the
#: press at "Argonaut" (1945-01-23); the hour of the link-up announcement
#: (1945-04-23); Himmler's offer (1945-04-25/26); the surrender in Italy
#: announced by Alexander (1945-05-02); the hour of V-E Day (1945-05-06);
#: Allied officers in Vienna (1945-05-18); July 15 for the
#: meeting (1945-05-30); the withdrawal into the zones (1945-06-16/17);
#: Trieste-Istria (1945-07-06); the Council of Foreign Ministers
#: (1945-09-23/24).
PAIRS = (
    ("1941-10-03-roosevelt", "1941-10-03-churchill", "same-matter", 0.231),
    ("1942-11-14-roosevelt", "1942-11-14-churchill", "same-matter", 0.249),
    ("1942-11-20-churchill", "1942-11-20-roosevelt", "identical", 1.0),
    ("1942-12-06-roosevelt", "1942-12-06-churchill", "same-message", 0.779),
    ("1943-02-16-churchill", "1943-02-16-roosevelt", "same-message", 0.883),
    ("1943-03-15-churchill-3", "1943-03-16-roosevelt", "same-message", 0.782),
    ("1943-04-21-roosevelt", "1943-04-21-churchill", "same-message", 0.995),
    ("1943-06-11-churchill", "1943-06-11-roosevelt", "covering-note", 0.093),
    ("1943-06-24-roosevelt", "1943-06-24-churchill", "covering-note", 0.0),
    ("1943-08-08-roosevelt", "1943-08-09-churchill", "same-matter", 0.34),
    ("1943-09-08-roosevelt", "1943-09-08-churchill", "same-matter", 0.35),
    ("1944-02-21-churchill", "1944-02-21-roosevelt", "same-matter", 0.269),
    ("1944-03-03-churchill", "1944-03-03-roosevelt", "covering-note", 0.29),
    ("1944-03-03-churchill", "1944-03-03-churchill-2", "copy", 1.0),
    ("1944-03-23-roosevelt", "1944-03-23-churchill", "covering-note", 0.072),
    ("1944-06-05-churchill", "1944-06-05-roosevelt", "identical", 1.0),
    ("1944-06-07-roosevelt", "1944-06-06-churchill", "quotation", 1.0),
    ("1944-06-21-churchill", "1944-06-21-roosevelt", "same-matter", 0.493),
    ("1944-06-27-churchill", "1944-06-27-roosevelt-2", "same-message", 0.862),
    ("1944-07-23-churchill", "1944-07-23-roosevelt", "covering-note", 0.0),
    ("1944-08-08-churchill", "1944-08-09-roosevelt", "same-message", 0.86),
    ("1944-09-29-roosevelt", "1944-09-29-churchill", "same-message", 0.991),
    ("1944-12-02-churchill", "1944-12-02-roosevelt", "same-message", 0.986),
    ("1944-12-10-churchill", "1944-12-10-roosevelt", "same-matter", 0.273),
    ("1944-12-25-churchill-3", "1944-12-25-roosevelt", "same-matter", 0.493),
    ("1944-12-27-roosevelt", "1945-01-03-churchill", "covering-note", 0.108),
    ("1945-01-01-roosevelt", "1945-01-03-churchill", "covering-note", 0.326),
    ("1945-01-15-roosevelt", "1945-01-15-churchill", "same-matter", 0.459),
    ("1945-01-23-churchill", "1945-01-23-roosevelt", "same-matter", 0.44),
    ("1945-04-07-churchill", "1945-04-07-roosevelt", "covering-note", 0.182),
    ("1945-04-07-churchill-2", "1945-04-07-roosevelt-2", "covering-note", 0.217),
    ("1945-04-23-churchill-2", "1945-04-23-truman", "same-matter", 0.285),
    ("1945-04-24-truman", "1945-04-24-churchill", "same-message", 0.844),
    ("1945-04-25-churchill", "1945-04-26-truman", "same-matter", 0.37),
    ("1945-05-02-churchill", "1945-05-02-truman", "same-message", 0.812),
    ("1945-05-02-churchill-2", "1945-05-02-truman-2", "same-matter", 0.38),
    ("1945-05-04-truman", "1945-05-04-churchill", "covering-note", 0.019),
    ("1945-05-04-churchill-2", "1945-05-04-churchill", "copy", 0.997),
    ("1945-05-06-truman", "1945-05-06-churchill", "same-matter", 0.758),
    ("1945-05-07-churchill", "1945-05-07-truman", "same-message", 0.955),
    ("1945-05-18-truman", "1945-05-18-churchill", "same-matter", 0.535),
    ("1945-05-22-churchill", "1945-05-22-truman", "covering-note", 0.062),
    ("1945-05-23-churchill", "1945-05-23-truman", "same-message", 0.987),
    ("1945-05-27-truman", "1945-05-27-churchill-2", "same-message", 0.788),
    ("1945-05-30-truman", "1945-05-30-churchill", "same-matter", 0.236),
    ("1945-06-16-truman", "1945-06-17-churchill", "same-matter", 0.776),
    ("1945-06-21-churchill", "1945-06-21-truman", "identical", 1.0),
    ("1945-07-06-truman", "1945-07-06-churchill", "same-matter", 0.436),
    ("1945-09-24-attlee", "1945-09-23-truman-2", "same-matter", 0.244),
)
#: Pairs read and left out, each with the rule that leaves it out: look-alike
#: thanks for birthday wishes and for Red Army anniversary greetings, and
#: condolences on Roosevelt's death (courtesy); de Gaulle's questions
#: (1944-12-02-churchill already names 1944-12-02-roosevelt as its
#: counterpart); two replies of one day on different matters
#: (1945-04-23-churchill, Truman's recorded statement; 1945-04-26-churchill,
#: Kislenko for the Italian surrender talks); and the closest word-for-word
#: pair below the threshold, two stock thanks two years apart. The copy
#: enclosed with a covering note pairs with the copy's original, not with
#: the note (1944-03-03-churchill-2 with 1944-03-03-churchill).
LEFT_OUT = (
    ("1944-12-25-churchill", "1944-12-26-roosevelt"),
    ("1944-02-28-roosevelt", "1944-02-29-churchill"),
    ("1945-04-13-truman", "1945-04-15-churchill"),
    ("1944-12-02-churchill", "1944-12-03-roosevelt"),
    ("1945-04-23-churchill", "1945-04-23-truman"),
    ("1945-04-26-churchill", "1945-04-26-truman"),
    ("1942-12-21-churchill", "1944-12-26-roosevelt"),
    ("1944-03-03-churchill-2", "1944-03-03-roosevelt"),
)
# ---------------------------------------------------------------------------


def words(text: str) -> list[str]:
    """Return the words of a text: split at spaces and dashes, with a letter or digit."""
    return [w for w in re.split(r"[\s\u2013\u2014]+", text) if re.search(r"\w", w)]


def rows(pairs: tuple[Pair, ...]) -> tuple[tuple[str, str, str, float], ...]:
    """Return pairs as (first id, second id, kind, rounded similarity)."""
    return tuple((p.first.id, p.second.id, p.kind, round(p.similarity, 3)) for p in pairs)


def exact(first: Message, second: Message) -> tuple[float, int]:
    """Return the similarity of two messages and the words in their matching runs."""
    a, b = _keys(first.text).keys, _keys(second.text).keys
    matched = sum(
        block.size
        for block in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    )
    return 2 * matched / (len(a) + len(b)), matched


TEXT = (
    "We have begun the offensive operations in the Stalingrad area, in its southern and "
    "north-western sectors. The first stage of the operations aims at seizing the "
    "Stalingrad-Likhaya railway and disrupting the communications of the German troops."
)


class TestDuplicates:
    """duplicates() pairs identical and nearly identical texts."""

    def test_pinned_pairs(self) -> None:
        """At the default threshold the corpus has exactly the pairs read and pinned."""
        assert PAIRS == rows(duplicates())

    def test_index_misses_nothing(self) -> None:
        """Comparing every pair of the corpus finds no pair the shingle index missed."""
        corpus = sorted(load(), key=lambda m: m.number)
        bags = {m.id: Counter(_keys(m.text).keys) for m in corpus}
        everything = []
        for first, second in itertools.combinations(corpus, 2):
            size = len(_keys(first.text).keys) + len(_keys(second.text).keys)
            common = (bags[first.id] & bags[second.id]).total()
            if 2 * common / size < DEFAULT_THRESHOLD:
                continue  # an upper bound of the similarity is already too low
            score, matched = exact(first, second)
            if first.text == second.text or (
                score >= DEFAULT_THRESHOLD and matched >= MIN_MATCHED_WORDS
            ):
                everything.append((first.id, second.id))
        found = [
            (p.first.id, p.second.id)
            for p in duplicates()
            if similarity(p.first, p.second) >= DEFAULT_THRESHOLD
        ]
        assert everything == found

    def test_left_out(self) -> None:
        """The pairs read and left out are not pairs."""
        found = {frozenset((p.first.id, p.second.id)) for p in duplicates()}
        assert set() == {frozenset(ids) for ids in LEFT_OUT} & found

    def test_kind_and_order(self) -> None:
        """A pair of equal texts is identical or a copy, and only such a pair is identical."""
        for pair in duplicates():
            equal = pair.first.text == pair.second.text
            allowed = {"identical", "copy"} if equal else set(KINDS) - {"identical"}
            assert pair.kind in allowed
            assert pair.first.number < pair.second.number
            # A covering note is not decided by its score, which may be 0.
            assert 0 < pair.similarity <= 1 or pair.kind == "covering-note"

    def test_threshold_one(self) -> None:
        """At threshold 1.0 the same messages are same-matter pairs, but for courtesies."""
        courtesy = ("1944-06-27-churchill", "1944-06-27-roosevelt-2")  # Cherbourg
        expected = [
            (a, b, "same-matter" if kind == "same-message" else kind)
            for a, b, kind, _ in PAIRS
            if (a, b) != courtesy
        ]
        assert expected == [row[:3] for row in rows(duplicates(threshold=1.0))]

    def test_same_matter_score_is_a_share(self) -> None:
        """A message's rare-word cosine with itself is exactly 1, and no cosine passes 1."""
        pool = sorted(load(), key=lambda m: m.number)
        rare = _RareWords(pool, _keys)
        for i, words in enumerate(rare.sets):
            if words:
                assert rare.cosine(i, i) == 1.0
        for i, j in itertools.combinations(range(len(pool)), 2):
            assert 0.0 <= rare.cosine(i, j) <= 1.0

    def test_scores_do_not_depend_on_string_hashing(self) -> None:
        """Every score is the same in processes that walk sets in other orders.

        Summed in set order, equal vectors gave 1.0000000000000002 in some
        processes, which no similarity may be.
        """
        script = (
            "from stalin_telegrams import duplicates\n"
            "for t in (1.0, 0.9):\n"
            "    print(*(repr(p.similarity) for p in duplicates(threshold=t)))\n"
        )
        runs = {
            subprocess.run(
                [sys.executable, "-c", script],
                env={**os.environ, "PYTHONHASHSEED": seed},
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            for seed in ("0", "1", "2", "3")
        }
        assert len(runs) == 1

    def test_lower_threshold_finds_more(self) -> None:
        """A lower threshold keeps every pair of messages and may add some."""
        low = {(p.first.id, p.second.id) for p in duplicates(threshold=0.5)}
        assert {(p.first.id, p.second.id) for p in duplicates()} <= low

    def test_short_texts(self) -> None:
        """Short identical texts pair; short texts that differ do not, however alike."""
        messages = [
            fake("a", 1, "Please accept my heartfelt thanks for your congratulations."),
            fake("b", 2, "Please accept my heartfelt thanks for your congratulations."),
            fake("c", 3, "Please accept my warm thanks for your congratulations."),
        ]
        assert [("a", "b", "identical", 1.0)] == list(rows(duplicates(messages)))

    def test_case_and_punctuation_ignored(self) -> None:
        """Case, punctuation and dashes do not count: such a pair is one message, scoring 1.0."""
        other = TEXT.upper().replace(",", "").replace(" in its", "—in its")
        pairs = duplicates([fake("a", 1, TEXT), fake("b", 2, other)])
        assert [("a", "b", "same-message", 1.0)] == list(rows(pairs))

    def test_volume_order_whatever_the_input_order(self) -> None:
        """Pairs come in volume order, first message first, whatever order they were given in."""
        messages = [fake("late", 9, TEXT), fake("early", 2, TEXT + " Good luck.")]
        assert ["early"] == [p.first.id for p in duplicates(messages)]

    def test_method_is_the_function(self) -> None:
        """Corpus.duplicates is duplicates on that corpus."""
        corpus = load()[:120]
        assert duplicates(corpus) == corpus.duplicates()
        assert duplicates(corpus, threshold=0.5) == corpus.duplicates(threshold=0.5)

    @pytest.mark.parametrize("threshold", [0, -0.1, 1.01, 7])
    def test_threshold_out_of_range(self, threshold: float) -> None:
        """A threshold outside (0, 1] raises InvalidCriterionError, a ValueError."""
        with pytest.raises(InvalidCriterionError, match=r"threshold.*\(0, 1\]") as caught:
            duplicates(threshold=threshold)
        assert isinstance(caught.value, ValueError)

    @pytest.mark.parametrize("threshold", ["0.7", None, True])
    def test_threshold_wrong_type(self, threshold: object) -> None:
        """A threshold that is not a number raises CriterionTypeError, a TypeError."""
        with pytest.raises(CriterionTypeError, match="threshold") as caught:
            duplicates(threshold=threshold)  # type: ignore[arg-type]
        assert isinstance(caught.value, TypeError)


def note(text: str, phrase: str) -> Message:
    """Return a message to Roosevelt whose *phrase* names the message "b" to Churchill."""
    start = text.index(phrase)
    reference = Reference(
        phrase=phrase,
        start=start,
        end=start + len(phrase),
        kind="own",
        authors=("Stalin",),
        addressees=("Churchill",),
        count=1,
        targets=("b",),
    )
    return fake("a", 1, text, recipients=("Roosevelt",), references=(reference,))


class TestCoveringNotes:
    """A message that sends the reader a copy of another pairs with it as a covering note."""

    def test_one_note_per_pair(self) -> None:
        """In each covering-note pair exactly one message sends the reader the other."""
        for pair in duplicates():
            if pair.kind == "covering-note":
                sends = [
                    a.id
                    for a, b in ((pair.first, pair.second), (pair.second, pair.first))
                    if b.id in forwarded(a)
                ]
                assert 1 == len(sends), (pair.first.id, pair.second.id)

    @pytest.mark.parametrize(
        ("text", "phrase", "kinds"),
        [
            (
                "I am sending you the text of my reply to Mr Churchill.",
                "my reply",
                ["covering-note"],
            ),
            (
                "For your information I enclose my reply to Mr Churchill.",
                "my reply",
                ["covering-note"],
            ),
            ("On May 3 I sent you the text of my reply to Mr Churchill.", "my reply", []),
            ("I am sending a similar message to Mr Churchill.", "a similar message", []),
        ],
    )
    def test_present_verb_to_the_reader(self, text: str, phrase: str, kinds: list[str]) -> None:
        """Only a sentence that sends the reader the message now, or encloses it, makes a note."""
        other = fake("b", 2, "Your message about the weather in the north received.")
        assert kinds == [p.kind for p in duplicates([note(text, phrase), other])]


class TestPairDiff:
    """Pair.diff() shows word by word what each recipient's version has."""

    def test_changes_per_recipient(self) -> None:
        """The changes name the words of each version, as printed."""
        pair = next(p for p in duplicates() if p.first.id == "1945-05-07-churchill")
        expected = [
            (("have", "received"), ("am", "in", "receipt", "of")),
            (("messages",), ("message",)),
            (("regarding", "the", "announcement", "of"), ("about", "announcing")),
        ]
        assert expected == [(c.first, c.second) for c in pair.diff().changes]

    def test_identical_pair_has_no_changes(self) -> None:
        """An identical pair's diff has no change and one equal run."""
        diff = next(p for p in duplicates() if p.kind == "identical").diff()
        assert () == diff.changes
        assert ["equal"] == [c.op for c in diff.chunks]

    def test_chunks_rebuild_both_texts(self) -> None:
        """The chunks, read on either side, give back that side's words in order."""
        for pair in duplicates():
            chunks = pair.diff().chunks
            assert words(pair.first.text) == [w for c in chunks for w in c.first]
            assert words(pair.second.text) == [w for c in chunks for w in c.second]

    def test_readable_string(self) -> None:
        """str() names both messages, then marks words only in one version."""
        pair = next(p for p in duplicates() if p.first.id == "1944-12-02-churchill")
        text = str(pair.diff())
        assert text.startswith("--- 1944-12-02-churchill\n+++ 1944-12-02-roosevelt\n")
        assert text.endswith("a similar message to [-the President.-] {+Mr Churchill.+}")


def difflib_blocks(first: str, second: str) -> list[tuple[int, int, int]]:
    """Return difflib's matching runs of the keys of two texts, as (i, j, size), but the last."""
    a, b = _keys(first).keys, _keys(second).keys
    blocks = difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return [(i, j, size) for i, j, size in blocks[:-1]]


#: Word sequences with many repeats: a few short words.
few_words = st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=60).map(" ".join)


@st.composite
def edited(draw: st.DrawFn) -> tuple[str, str]:
    """Draw a text of few words, and a copy of it with a few words added, dropped or changed."""
    words = draw(st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=80))
    copy = list(words)
    for _ in range(draw(st.integers(0, 5))):
        where = draw(st.integers(0, len(copy)))
        word = draw(st.sampled_from(["a", "b", "f", "g"]))
        change = draw(st.sampled_from(["add", "drop", "change"]))
        if change == "add":
            copy.insert(where, word)
        elif where < len(copy):
            if change == "drop":
                del copy[where]
            else:
                copy[where] = word
    return " ".join(words), " ".join(copy)


class TestMatchingRuns:
    """The matching runs of two texts are difflib's, found another way."""

    @given(few_words, few_words)
    def test_any_texts(self, first: str, second: str) -> None:
        """Any two word sequences have difflib's runs, at the same places."""
        assert difflib_blocks(first, second) == _blocks(_keys(first), _keys(second))

    @given(edited())
    def test_nearly_the_same(self, texts: tuple[str, str]) -> None:
        """A text and an edited copy of it have difflib's runs, either way round."""
        first, second = texts
        assert difflib_blocks(first, second) == _blocks(_keys(first), _keys(second))
        assert difflib_blocks(second, first) == _blocks(_keys(second), _keys(first))

    def test_corpus_candidates(self) -> None:
        """Every two messages compared word by word have difflib's runs, either way round."""
        corpus = sorted(load(), key=lambda m: m.number)
        for a, b in candidates(corpus):
            first, second = corpus[a].text, corpus[b].text
            assert difflib_blocks(first, second) == _blocks(_keys(first), _keys(second))
            assert difflib_blocks(second, first) == _blocks(_keys(second), _keys(first))

    def test_more_words_than_characters(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Texts with more distinct words than characters to code them have difflib's runs."""
        first, second = load()["1945-05-07-churchill"].text, load()["1945-05-07-truman"].text
        monkeypatch.setattr(_duplicates, "_CODES", 2)
        assert difflib_blocks(first, second) == _blocks(_keys(first), _keys(second))


class TestDuplicatesProperties:
    """duplicates() over generated corpora."""

    @given(strategies.corpora())
    def test_identical_texts(self, corpus: Corpus) -> None:
        """Every two messages with the same text are an identical pair, and only they are."""
        same = {
            frozenset((a.id, b.id))
            for a, b in itertools.combinations(corpus, 2)
            if a.text == b.text
        }
        found = {frozenset((p.first.id, p.second.id)) for p in duplicates(corpus)}
        identical = {
            frozenset((p.first.id, p.second.id))
            for p in duplicates(corpus)
            if p.kind == "identical"
        }
        assert (same, set()) == (identical, same - found)

    @given(strategies.corpora(), st.floats(0.05, 1.0))
    def test_pairs(self, corpus: Corpus, threshold: float) -> None:
        """Pairs are in volume order, scored by similarity(); same messages reach the threshold."""
        pairs = duplicates(corpus, threshold=threshold)
        for pair in pairs:
            assert pair.first.number < pair.second.number
            if pair.kind in {"identical", "copy", "same-message"}:
                assert similarity(pair.first, pair.second) == pair.similarity
            assert pair.similarity >= threshold or pair.kind != "same-message"
        keys = [(p.first.number, p.second.number) for p in pairs]
        assert sorted(set(keys)) == keys

    @given(strategies.corpora(), st.floats(0.05, 1.0))
    def test_unordered_unique(self, corpus: Corpus, threshold: float) -> None:
        """Two messages make at most one pair, in either order; no message pairs with itself."""
        pairs = duplicates(corpus, threshold=threshold)
        unordered = {frozenset((p.first.id, p.second.id)) for p in pairs}
        assert (len(pairs), {2}) == (len(unordered), {len(ids) for ids in unordered} or {2})

    @given(strategies.corpora(), st.randoms())
    def test_order_given_does_not_matter(self, corpus: Corpus, rng: random.Random) -> None:
        """The messages in any order give the same pairs."""
        shuffled = list(corpus)
        rng.shuffle(shuffled)
        assert duplicates(corpus) == duplicates(shuffled)

    @given(strategies.corpora(), st.floats(0.05, 1.0), st.floats(0.05, 1.0))
    def test_higher_threshold_fewer_pairs(self, corpus: Corpus, a: float, b: float) -> None:
        """A higher threshold keeps a subset of the pairs of messages of a lower one."""
        low, high = sorted((a, b))
        assert {(p.first.id, p.second.id) for p in duplicates(corpus, threshold=high)} <= {
            (p.first.id, p.second.id) for p in duplicates(corpus, threshold=low)
        }
