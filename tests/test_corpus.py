"""The corpus as shipped: the versioned data contract.

The pinned figures here were derived by reading the raw transcription and
the built records; a change to any of them is a data change that needs a
version bump and a changelog entry. TestCorpus, at the end, tests the
Corpus class itself (stalin_telegrams._corpus) on messages made for it.
"""

from __future__ import annotations

import datetime
import json
import pickle
import re
from collections import Counter
from importlib.resources import files
from typing import Any
from unittest import mock

import attrs
import pytest
from hypothesis import given

from stalin_telegrams import Corpus, Message, __version__, _corpus, _threads, load
from stalin_telegrams.exceptions import (
    ArgumentTypeError,
    InvalidCriterionError,
    UnknownMessageError,
)
from stalin_telegrams.pipeline import _validate
from stalin_telegrams.pipeline._emit import dumps
from stalin_telegrams.pipeline._pipeline import Build
from stalin_telegrams.pipeline._source import SOURCE_SHA256
from tests import strategies
from tests.factories import fake

DATA = files("stalin_telegrams").joinpath("data")


@pytest.fixture
def build(pipeline_build: Build) -> Build:
    """Return the fresh build from the packaged source that the whole run shares."""
    return pipeline_build


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    """Return the shipped corpus document."""
    parsed: dict[str, Any] = json.loads(DATA.joinpath("telegrams.json").read_bytes())
    return parsed


def d(text: str) -> datetime.date:
    """Parse an ISO date."""
    return datetime.date.fromisoformat(text)


class TestShippedFile:
    """The shipped JSON is what the pipeline makes, and what its schema says."""

    def test_matches_fresh_build(self, build: Build) -> None:
        """The committed file is byte for byte a fresh build's output."""
        assert dumps(build.document) == DATA.joinpath("telegrams.json").read_text(encoding="utf-8")

    def test_schema(self, document: dict[str, Any]) -> None:
        """The shipped file validates against the shipped JSON Schema."""
        jsonschema = pytest.importorskip("jsonschema")
        schema = json.loads(DATA.joinpath("telegrams.schema.json").read_bytes())
        jsonschema.Draft202012Validator.check_schema(schema)
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(document))
        assert [] == [e.message for e in errors]

    def test_header(self, document: dict[str, Any]) -> None:
        """The header names the schema, the package version, the source hash and the count."""
        assert 3 == document["schema_version"]
        assert __version__ == document["package_version"]
        assert SOURCE_SHA256 == document["source_sha256"]
        assert len(document["messages"]) == document["message_count"]
        assert len(document["incoming"]) == document["incoming_count"]

    def test_no_build_problems(self, build: Build) -> None:
        """The build reports no broken invariant."""
        assert () == build.problems


class TestLineAccounting:
    """Every raw line is part of one record or a classified artifact."""

    def test_every_line_once(self, build: Build) -> None:
        """Each of the 4,735 raw lines is owned by one record, or is an artifact."""
        roles = build.assembly.roles
        owned: Counter[int] = Counter()
        for message in load():
            for span in message.source_lines:
                owned.update(range(span.start, span.end + 1))
        assert 4735 == len(roles)
        assert [] == [no for no, n in owned.items() if n > 1]
        unaccounted = [
            no
            for no, role in roles.items()
            if no not in owned and role not in {"front", "blank", "page", "stray"}
        ]
        assert [] == unaccounted

    def test_artifacts(self, build: Build) -> None:
        """Page numbers, stray characters and front matter are where the volume has them."""
        roles = build.assembly.roles
        pages = [no for no, role in roles.items() if role == "page"]
        strays = [no for no, role in roles.items() if role == "stray"]
        front = [no for no, role in roles.items() if role == "front"]
        assert [265, 287, 672, 1738, 2309, 2336, 2488, 2514, 3287, 3310, 4249, 4276] == pages
        assert [376, 1001, 2321, 3671] == strays
        assert (3, 48) == (min(front), max(front))

    def test_records_start_at_first_heading(self) -> None:
        """The first record starts at line 50, the first heading after the preface."""
        assert 50 == load()[0].source_lines[0].start


class TestInvariants:
    """Properties every record has."""

    def test_ids_unique(self, document: dict[str, Any]) -> None:
        """No two records of the shipped file share an id."""
        # Read from the file itself: load() would refuse a repeated id before any assert.
        counts = Counter(record["id"] for record in document["messages"])
        assert [] == [ident for ident, n in counts.items() if n > 1]

    def test_numbers_in_order(self) -> None:
        """Numbers run 1..N in volume order."""
        assert list(range(1, len(load()) + 1)) == [m.number for m in load()]

    def test_dates_in_war_years(self) -> None:
        """Every date lies between July 1, 1941 and December 31, 1945."""
        dates = [x for m in load() for x in (m.written_on, m.sent_on) if x is not None]
        assert all(d("1941-07-01") <= x <= d("1945-12-31") for x in dates)

    def test_every_record_dated(self) -> None:
        """Every record has a date, from the source or from the reviewed date table."""
        assert [] == [m.id for m in load() if m.date is None]

    def test_sent_not_before_written(self) -> None:
        """No message was sent before it was written."""
        assert [] == [
            m.id for m in load() if m.written_on and m.sent_on and m.sent_on < m.written_on
        ]

    @pytest.mark.parametrize("name", sorted(_validate.ARTIFACT_PATTERNS))
    def test_no_artifacts_in_text(self, name: str) -> None:
        """No text or heading keeps an artifact of the transcription."""
        pattern = _validate.ARTIFACT_PATTERNS[name]
        hits = [m.id for m in load() if pattern.search(m.text) or pattern.search(m.heading)]
        assert [] == hits

    def test_no_markdown_anywhere(self) -> None:
        """No string field keeps a markdown mark or a backslash escape."""
        fields = ("heading", "text", "salutation", "signature", "classification", "address")
        hits = [
            (m.id, f)
            for m in load()
            for f in fields
            if re.search(r"\*|\\[$*_]", getattr(m, f) or "")
        ]
        assert [] == hits

    def test_footnote_offsets_in_text(self) -> None:
        """Every footnote mark points inside its message's text."""
        assert all(0 <= f.offset <= len(m.text) for m in load() for f in m.footnote_marks)


# --- Pinned figures (schema 2, package 0.2.0) --------------------------------
# 372 records: one per heading in the volume. Four independent readings of
# the raw text counted the headings chunk by chunk (89 + 1 + 91 + 103 + 88) and
# once whole; every record was then read against its raw lines.

COUNT = 372
PER_RECIPIENT_YEAR = {
    ("Churchill", 1941): 8,
    ("Churchill", 1942): 26,
    ("Churchill", 1943): 45,
    ("Churchill", 1944): 73,
    ("Churchill", 1945): 49,
    ("Roosevelt", 1941): 5,
    ("Roosevelt", 1942): 23,
    ("Roosevelt", 1943): 38,
    ("Roosevelt", 1944): 52,
    ("Roosevelt", 1945): 15,
    ("Truman", 1945): 42,
    ("Attlee", 1945): 6,
    ("Stalin", 1945): 2,
    ("Deane", 1945): 1,
}
PER_YEAR = {1941: 13, 1942: 49, 1943: 76, 1944: 119, 1945: 115}
SENDERS = {
    ("Stalin",): 368,
    ("Churchill",): 2,
    ("Stalin", "Churchill"): 1,
    ("Antonov",): 1,
}
#: id -> (written_on, sent_on): the first and last of each year, every record
#: the build report lists as a judgement, and the repaired ones.
DATES: dict[str, tuple[str | None, str | None]] = {
    "1941-07-18-churchill": ("1941-07-18", None),
    "1941-12-27-churchill": (None, "1941-12-27"),
    "1942-01-08-churchill": (None, "1942-01-08"),
    "1942-12-21-churchill": (None, "1942-12-21"),
    "1943-01-01-roosevelt": (None, "1943-01-01"),
    "1943-12-27-churchill": ("1943-12-27", None),
    "1944-01-02-churchill": ("1944-01-02", None),
    "1944-12-27-churchill": ("1944-12-27", None),
    "1945-01-01-roosevelt": ("1945-01-01", None),
    "1945-12-23-truman": ("1945-12-23", None),
    "1942-02-18-roosevelt": (None, "1942-02-18"),
    "1942-02-18-roosevelt-2": (None, "1942-02-18"),
    "1942-03-29-churchill": ("1942-03-29", None),
    "1942-11-20-churchill": (None, "1942-11-20"),
    "1942-11-20-roosevelt": (None, "1942-11-20"),
    "1943-05-04-churchill": ("1943-05-04", None),
    "1943-06-11-roosevelt": (None, "1943-06-11"),
    "1943-11-12-roosevelt": ("1943-11-12", None),
    "1944-03-03-churchill-2": ("1944-03-03", None),
    "1944-06-24-roosevelt": ("1944-06-24", None),
    "1944-10-10-roosevelt": ("1944-10-10", None),
    "1944-10-12-churchill": ("1944-10-12", None),
    "1944-11-09-roosevelt": (None, "1944-11-09"),
    "1944-11-20-churchill": ("1944-11-20", None),
    "1945-01-16-stalin": ("1945-01-16", None),
    "1945-02-11-roosevelt": ("1945-02-11", None),
    "1945-03-30-deane": ("1945-03-30", None),
    "1945-04-28-stalin": ("1945-04-28", None),
    "1945-05-04-churchill": ("1945-05-04", None),
    "1945-05-09-truman": ("1945-05-09", None),
    "1945-06-08-truman": ("1945-06-08", None),
    "1945-06-09-truman": ("1945-06-09", None),
}
#: The records the page-order repair put back together: opening and closing words.
REPAIRED = {
    "1942-02-18-roosevelt-2": (
        "This is to acknowledge receipt of yours of February 13.",
        "convoying the ships to Soviet harbours were adopted by the U.S. Government.",
    ),
    "1945-06-08-truman": (
        "Thank you for your second message about the Istria-Trieste area.",
        "the present strained situation in the Trieste-Istria area.",
    ),
    "1945-06-09-truman": (
        "I have received your message in reply to my suggestions for resuming",
        "the question of Hungary might be considered somewhat later.",
    ),
}


class TestPinned:
    """The counts and dates other projects rely on."""

    def test_count(self) -> None:
        """The corpus holds 372 records."""
        assert COUNT == len(load())

    def test_per_recipient_and_year(self) -> None:
        """Counts per recipient and year; a joint message counts for each recipient."""
        counts = Counter((r, m.year) for m in load() for r in m.recipients)
        assert PER_RECIPIENT_YEAR == dict(counts)

    def test_per_year(self) -> None:
        """Counts per year of the best date."""
        assert PER_YEAR == dict(Counter(m.year for m in load()))

    def test_senders(self) -> None:
        """Four records are not Stalin's alone."""
        assert SENDERS == dict(Counter(m.senders for m in load()))

    def test_joint_messages(self) -> None:
        """Thirteen messages went to Churchill and Roosevelt together."""
        assert 13 == sum(len(m.recipients) == 2 for m in load())

    @pytest.mark.parametrize(("ident", "dates"), sorted(DATES.items()))
    def test_dates(self, ident: str, dates: tuple[str | None, str | None]) -> None:
        """Both dates of the record are as the volume (or the date table) gives them."""
        message: Message = load()[ident]
        written, sent = (None if x is None else d(x) for x in dates)
        assert (written, sent) == (message.written_on, message.sent_on)

    @pytest.mark.parametrize(("ident", "ends"), sorted(REPAIRED.items()))
    def test_repaired_messages_read_whole(self, ident: str, ends: tuple[str, str]) -> None:
        """A message the page-order repair reassembled opens and closes as it should."""
        message = load()[ident]
        assert message.text.startswith(ends[0])
        assert message.text.endswith(ends[1])
        assert any(c.kind == "move" for c in message.corrections)
        assert len(message.source_lines) > 1

    def test_repaired_joins(self) -> None:
        """The sentences the exchanged pages cut now run on."""
        corpus = load()
        opening = "I think, however, that a complete settlement of the situation in Trieste-Istria"
        assert opening in corpus["1945-06-08-truman"].text
        assert "the armed forces of which have played an active part" in (
            corpus["1945-06-09-truman"].text
        )

    def test_all_corrections_recorded(self, build: Build) -> None:
        """Every erratum in the table is applied to, and recorded on, one record."""
        applied = [c for m in load() for c in m.corrections if c.kind == "erratum"]
        assert len(build.tables.errata) == len(applied)
        for fix in applied:
            owner = next(m for m in load() if fix in m.corrections)
            assert fix.right.strip() in owner.text + owner.heading

    def test_enclosures_and_copies(self) -> None:
        """The three enclosures name their covering messages; the two copies their originals."""
        found = {m.id: (m.enclosed_in, m.copy_of) for m in load() if m.enclosed_in or m.copy_of}
        assert {
            "1943-06-11-roosevelt": ("1943-06-11-churchill", None),
            "1944-03-03-churchill-2": ("1944-03-03-roosevelt", "1944-03-03-churchill"),
            "1945-05-04-churchill-2": ("1945-05-04-truman", "1945-05-04-churchill"),
        } == found

    def test_copies_come_after_their_originals_in_ids(self) -> None:
        """A copy printed before its original still takes the suffixed id."""
        corpus = load()
        assert corpus["1945-05-04-churchill-2"].number < corpus["1945-05-04-churchill"].number


class TestCorpus:
    """A Corpus owns its messages and what the engines computed from them."""

    def test_selection_answers_for_its_origin(self) -> None:
        """A part of the packaged corpus knows its names; a corpus of the same messages does not."""
        part = load()[:3]
        assert 0 == len(part.filter_by(recipient="Truman"))
        with pytest.raises(InvalidCriterionError, match="recipient='Truman' names nothing"):
            Corpus(list(part)).filter_by(recipient="Truman")

    def test_vocabulary_made_when_needed(self) -> None:
        """The values of a corpus are collected by the first query that checks a name, once."""
        corpus = Corpus([fake("a", 1, on="1943-01-01"), fake("b", 2)])
        corpus.filter_by(month=1)
        assert corpus._origin.vocabulary is None
        corpus.filter_by(recipient="Churchill")
        made = corpus._origin.vocabulary
        corpus[:1].filter_by(sender="Stalin")
        assert (True, True) == (made is not None, made is corpus._origin.vocabulary)

    def test_pairs_and_threads_kept(self) -> None:
        """The pairs at the default threshold and the threads are computed once per corpus."""
        corpus = Corpus([fake("a", 1, text="Same."), fake("b", 2, text="Same."), fake("c", 3)])
        with mock.patch(
            "stalin_telegrams._threads.thread_index", side_effect=_threads.thread_index
        ) as index:
            threads = [corpus.thread_of(i).ids for i in ("a", "b", "c", "a")]
        assert corpus.duplicates() is corpus.duplicates()
        assert (1, [("a", "b"), ("a", "b"), ("c",), ("a", "b")]) == (index.call_count, threads)

    def test_other_threshold_not_kept(self) -> None:
        """Pairs at another threshold are computed afresh and leave the kept ones alone."""
        corpus = Corpus([fake("a", 1, text="Same."), fake("b", 2, text="Same.")])
        kept = corpus.duplicates()
        assert kept == corpus.duplicates(threshold=0.9)
        assert kept is corpus.duplicates()

    def test_equality_ignores_caches(self) -> None:
        """Two corpora of the same messages are equal and hash alike, whatever was computed."""
        first = Corpus([fake("a", 1)])
        second = Corpus([fake("a", 1)])
        first.duplicates()
        assert (first, hash(first)) == (second, hash(second))


class TestNames:
    """Corpus.names returns the index with the messages of the corpus that mention each entry."""

    def test_index_size(self) -> None:
        """The packaged index has 389 entries, by kind as the table lists them."""
        kinds = Counter(entry.kind for entry in load().names())
        assert 389 == sum(kinds.values())
        assert {"person": 102, "country": 33, "place": 165, "organisation": 41} == {
            k: kinds[k] for k in ("person", "country", "place", "organisation")
        }

    def test_mentions_total(self) -> None:
        """The counts add up to the mentions of all messages: 4,346."""
        assert 4346 == sum(entry.count for entry in load().names())
        assert 4346 == sum(len(m.mentions) for m in load())

    def test_kind_filter(self) -> None:
        """A kind keeps its entries, in alphabetical order."""
        names = [entry.name for entry in load().names(kind="conference")]
        assert [
            "Adana Conference",
            "Berlin Conference",
            "Crimea Conference",
            "Dumbarton Oaks Conference",
            "Moscow Conference (1941)",
            "Quebec Conference",
            "San Francisco Conference",
            "Tehran Conference",
        ] == names

    def test_slice_keeps_index(self) -> None:
        """A slice keeps the whole index, with the ids of its own messages only."""
        first = load()[:2]
        poland = next(e for e in first.names() if e.name == "Poland")
        assert len(load().names()) == len(first.names())
        assert () == poland.ids

    def test_unknown_kind(self) -> None:
        """An unknown kind is an error that lists the kinds."""
        with pytest.raises(ValueError, match="kinds: person"):
            load().names(kind="city")


class TestCorpusIncoming:
    """Corpus.incoming() returns the reconstructed incoming messages, immutable, in date order."""

    def test_date_order_undated_last(self) -> None:
        """Dated records come first in date order (ties by id), then undated ones by id."""
        records = load().incoming()
        dated = [i for i in records if i.date is not None]
        undated = [i for i in records if i.date is None]
        assert dated + undated == list(records)
        assert sorted(dated, key=lambda i: (i.date, i.id)) == dated
        assert sorted(undated, key=lambda i: i.id) == undated

    def test_immutable(self) -> None:
        """The result is a tuple of frozen records."""
        records = load().incoming()
        assert isinstance(records, tuple)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            records[0].date = None  # type: ignore[misc]

    def test_taken_corpus_keeps_them(self) -> None:
        """A slice or a selection keeps its source's incoming messages; a new corpus has none."""
        corpus = load()
        assert corpus.incoming() == corpus[:3].incoming()
        assert corpus.incoming() == corpus.filter_by(year=1943).incoming()
        assert () == Corpus(corpus).incoming()

    def test_incoming_given(self) -> None:
        """Incoming messages given are kept in date order; anything else is refused."""
        records = load().incoming()
        assert records == Corpus([], incoming=reversed(records)).incoming()
        with pytest.raises(ArgumentTypeError, match="incoming"):
            Corpus([], incoming=[1])  # type: ignore[list-item]

    def test_first(self) -> None:
        """The first incoming message is the earliest dated one named."""
        first = load().incoming()[0]
        assert ("1942-01-15-churchill-to-stalin", datetime.date(1942, 1, 15)) == (
            first.id,
            first.date,
        )


class TestReverseLinks:
    """answered_by() and referred_to_by() are the reverse of the links, within the corpus."""

    def test_chain(self) -> None:
        """Hokkaido, August 1945: a message, Truman's reply, and the answer to it."""
        corpus = load()
        assert ["1945-08-18-truman-to-stalin"] == [
            r.id for r in corpus.answered_by("1945-08-16-truman")
        ]
        assert ["1945-08-22-truman"] == [
            r.id for r in corpus.answered_by(corpus.incoming()["1945-08-18-truman-to-stalin"])
        ]
        assert ["1945-08-22-truman"] == [m.id for m in corpus.referred_to_by("1945-08-16-truman")]

    def test_exact_reverse(self) -> None:
        """Each record answers and names exactly what the reverse links say."""
        corpus = load()
        records = [*corpus, *corpus.incoming()]
        for record in records:
            answers = {r.id for r in corpus.answered_by(record)}
            assert answers == {r.id for r in records if record.id in r.in_reply_to}
            names = {m.id for m in corpus.referred_to_by(record.id)}
            assert names == {
                m.id for m in corpus if any(record.id in r.targets for r in m.references)
            }

    def test_every_link_resolves(self) -> None:
        """Every reply link and target of either kind of record names a record of the corpus."""
        corpus = load()
        known = set(corpus.ids) | set(corpus.incoming().ids)
        for record in [*corpus, *corpus.incoming()]:
            assert set(record.in_reply_to) <= known
        assert {t for m in corpus for r in m.references for t in r.targets} <= known

    def test_selection(self) -> None:
        """A selection answers with the answers it holds; the records are unchanged."""
        corpus = load()
        truman = corpus.filter_by(recipient="Truman")
        churchill = corpus.filter_by(recipient="Churchill")
        record = corpus.incoming()["1945-05-05-truman-to-stalin"]
        assert [m.id for m in truman.answered_by(record)] == ["1945-05-10-truman"]
        assert () == churchill.answered_by(record)
        assert record == churchill.incoming()[record.id]

    def test_unknown(self) -> None:
        """An unknown id names the closest ids, printed or incoming."""
        with pytest.raises(UnknownMessageError, match="1945-08-18-truman-to-stalin"):
            load().answered_by("1945-08-18-truman-to-stalinn")
        with pytest.raises(ArgumentTypeError, match="record_or_id"):
            load().referred_to_by(3)  # type: ignore[arg-type]

    @given(strategies.conversations())
    def test_reverse_of_any_corpus(self, corpus: Corpus) -> None:
        """On any corpus, the reverse links are exactly the reverse of the links."""
        records = [*corpus, *corpus.incoming()]
        for record in records:
            assert {r.id for r in corpus.answered_by(record)} == {
                r.id for r in records if record.id in r.in_reply_to
            }
            assert {m.id for m in corpus.referred_to_by(record)} == {
                m.id for m in corpus if any(record.id in r.targets for r in m.references)
            }


class TestPickle:
    """A corpus pickles under every protocol, slices and selections included."""

    @pytest.mark.parametrize("shape", ["0.2", "0.4"])
    def test_earlier_state_restored(self, shape: str) -> None:
        """What a corpus shares with its selections, pickled by 0.2 or 0.4, is restored whole."""
        corpus = load()
        state: dict[str, object] = {
            "aliases": dict(corpus.aliases),
            "incoming": tuple(corpus.incoming()),
            "index": corpus.name_index,
            "messages": tuple(corpus),
            "vocabulary": None,
        }
        origin = object.__new__(_corpus._Origin)
        origin.__setstate__((None, state) if shape == "0.2" else state)
        assert (corpus.incoming(), corpus.name_index) == (origin.incoming, origin.index)
        assert (
            corpus.incoming()["1943-03-11-churchill-to-stalin"]
            == origin.incoming["1943-03-11-churchill-to-stalin"]
        )

    @pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
    def test_round_trip(self, protocol: int) -> None:
        """What is unpickled equals the original and can be queried again."""
        corpus = load()
        corpus.filter_by(contains="second front")
        for original in (corpus, corpus[:3], corpus.filter_by(year=1942)):
            copy = pickle.loads(pickle.dumps(original, protocol=protocol))  # noqa: S301 - our own
            assert (original, original.incoming()) == (copy, copy.incoming())
            assert (
                original.filter_by(contains="Ankara").ids == copy.filter_by(contains="Ankara").ids
            )
