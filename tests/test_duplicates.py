"""duplicates(): the same text twice, found without comparing every pair."""

from __future__ import annotations

import difflib
import itertools
import random
import re
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stalin_telegrams import Corpus, Message, Pair, duplicates, load, similarity
from stalin_telegrams._duplicates import DEFAULT_THRESHOLD, MIN_MATCHED_WORDS, _keys
from stalin_telegrams.exceptions import CriterionTypeError, InvalidCriterionError
from tests import strategies
from tests.factories import fake

# --- Pinned corpus expectations (update here when the data changes) --------
#: Every pair at the default threshold: (first id, second id, kind,
#: similarity to 3 places). Each was read side by side with its diff:
#: 15 are one message sent to two leaders (the address, a sentence or a
#: closing line adapted); 1944-03-03-churchill-2 and 1945-05-04-churchill-2
#: are the copies printed again as enclosed for Roosevelt and Truman; and
#: 1944-06-07-roosevelt quotes the whole of 1944-06-06-churchill.
PAIRS = (
    ("1942-11-20-churchill", "1942-11-20-roosevelt", "identical", 1.0),
    ("1942-12-06-roosevelt", "1942-12-06-churchill", "near", 0.779),
    ("1943-02-16-churchill", "1943-02-16-roosevelt", "near", 0.883),
    ("1943-03-15-churchill-3", "1943-03-16-roosevelt", "near", 0.782),
    ("1943-04-21-roosevelt", "1943-04-21-churchill", "near", 0.995),
    ("1944-03-03-churchill", "1944-03-03-churchill-2", "identical", 1.0),
    ("1944-06-05-churchill", "1944-06-05-roosevelt", "identical", 1.0),
    ("1944-06-07-roosevelt", "1944-06-06-churchill", "near", 0.855),
    ("1944-06-27-churchill", "1944-06-27-roosevelt-2", "near", 0.862),
    ("1944-08-08-churchill", "1944-08-09-roosevelt", "near", 0.86),
    ("1944-09-29-roosevelt", "1944-09-29-churchill", "near", 0.991),
    ("1944-12-02-churchill", "1944-12-02-roosevelt", "near", 0.986),
    ("1945-04-24-truman", "1945-04-24-churchill", "near", 0.844),
    ("1945-05-02-churchill", "1945-05-02-truman", "near", 0.812),
    ("1945-05-04-churchill-2", "1945-05-04-churchill", "near", 0.997),
    ("1945-05-07-churchill", "1945-05-07-truman", "near", 0.955),
    ("1945-05-23-churchill", "1945-05-23-truman", "near", 0.987),
    ("1945-05-27-truman", "1945-05-27-churchill-2", "near", 0.788),
    ("1945-06-21-churchill", "1945-06-21-truman", "identical", 1.0),
)
#: The closest pairs left out at the default threshold, read too: separately
#: worded messages on one matter, and short stock thanks of different years.
CLOSEST_LEFT_OUT = (
    ("1942-12-21-churchill", "1944-12-26-roosevelt", 0.741),  # 10 words in common
    ("1945-05-06-truman", "1945-05-06-churchill", 0.617),
    ("1945-06-16-truman", "1945-06-17-churchill", 0.605),
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
        assert everything == [(p.first.id, p.second.id) for p in duplicates()]

    def test_closest_left_out(self) -> None:
        """The closest pairs below the line score as read, and are not pairs."""
        corpus = load()
        found = {(p.first.id, p.second.id) for p in duplicates()}
        for first, second, score in CLOSEST_LEFT_OUT:
            assert score == round(exact(corpus[first], corpus[second])[0], 3)
            assert (first, second) not in found

    def test_kind_and_order(self) -> None:
        """A pair is identical just when the texts are equal; its first message comes first."""
        for pair in duplicates():
            assert (pair.first.text == pair.second.text) == (pair.kind == "identical")
            assert pair.first.number < pair.second.number
            assert 0 < pair.similarity <= 1

    def test_threshold_one(self) -> None:
        """At threshold 1.0 only texts with the same words in the same order remain."""
        assert [r for r in PAIRS if r[3] == 1.0] == list(rows(duplicates(threshold=1.0)))

    def test_lower_threshold_finds_more(self) -> None:
        """A lower threshold keeps every pair and may add some."""
        assert set(rows(duplicates())) <= set(rows(duplicates(threshold=0.5)))

    def test_short_texts(self) -> None:
        """Short identical texts pair; short texts that differ do not, however alike."""
        messages = [
            fake("a", 1, "Please accept my heartfelt thanks for your congratulations."),
            fake("b", 2, "Please accept my heartfelt thanks for your congratulations."),
            fake("c", 3, "Please accept my warm thanks for your congratulations."),
        ]
        assert [("a", "b", "identical", 1.0)] == list(rows(duplicates(messages)))

    def test_case_and_punctuation_ignored(self) -> None:
        """Case, punctuation and dashes do not count: such a pair is near, with similarity 1.0."""
        other = TEXT.upper().replace(",", "").replace(" in its", "—in its")
        pairs = duplicates([fake("a", 1, TEXT), fake("b", 2, other)])
        assert [("a", "b", "near", 1.0)] == list(rows(pairs))

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
        diff = duplicates()[0].diff()
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
        """Each pair is in volume order, scored by similarity(), at or above the threshold."""
        pairs = duplicates(corpus, threshold=threshold)
        for pair in pairs:
            assert pair.first.number < pair.second.number
            assert similarity(pair.first, pair.second) == pair.similarity
            assert pair.similarity >= threshold or pair.kind == "identical"
        keys = [(p.first.number, p.second.number) for p in pairs]
        assert sorted(set(keys)) == keys

    @given(strategies.corpora(), st.randoms())
    def test_order_given_does_not_matter(self, corpus: Corpus, rng: random.Random) -> None:
        """The messages in any order give the same pairs."""
        shuffled = list(corpus)
        rng.shuffle(shuffled)
        assert duplicates(corpus) == duplicates(shuffled)

    @given(strategies.corpora(), st.floats(0.05, 1.0), st.floats(0.05, 1.0))
    def test_higher_threshold_fewer_pairs(self, corpus: Corpus, a: float, b: float) -> None:
        """A higher threshold keeps a subset of the pairs of a lower one."""
        low, high = sorted((a, b))
        assert set(duplicates(corpus, threshold=high)) <= set(duplicates(corpus, threshold=low))
