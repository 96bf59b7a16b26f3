"""filter_by(): criteria, their combination, and the errors that stop typos."""

from __future__ import annotations

import datetime
import re
import subprocess
import sys
from unittest import mock

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from stalin_telegrams import Corpus, Mention, Name, filter_by, load
from stalin_telegrams._criteria import Criteria
from stalin_telegrams._memo import Memo
from stalin_telegrams._query import PHRASES_KEPT, _answers, select
from stalin_telegrams.exceptions import (
    CriterionTypeError,
    InvalidCriterionError,
    StalinTelegramsError,
)
from tests import strategies
from tests.factories import fake

# --- Pinned corpus expectations (update here when the data changes) --------
#: Messages addressed to Roosevelt, alone or jointly.
TO_ROOSEVELT = 133
#: Messages addressed jointly to Churchill and Roosevelt.
TO_CHURCHILL_AND_ROOSEVELT = 13
#: Messages with Churchill among the senders: the joint Stalin-Churchill
#: message and Churchill's two letters printed in the volume.
FROM_CHURCHILL = ("1944-10-10-roosevelt", "1945-01-16-stalin", "1945-04-28-stalin")
#: Messages whose text has the whole word "Rome" (not "Romer").
ROME = ("1943-10-06-roosevelt", "1944-06-05-churchill", "1944-06-05-roosevelt")
#: The messages of November 20, 1942.
NOVEMBER_20_1942 = ("1942-11-20-churchill", "1942-11-20-roosevelt")
# ---------------------------------------------------------------------------


def ids(corpus: Corpus) -> tuple[str, ...]:
    """Return the ids of a corpus."""
    return corpus.ids


class TestFilterBy:
    """filter_by() keeps the messages meeting every criterion, and rejects bad ones."""

    def test_no_criteria(self) -> None:
        """Without criteria the whole corpus comes back, as a Corpus."""
        result = filter_by()
        assert isinstance(result, Corpus)
        assert load() == result

    def test_recipient_ignores_case(self) -> None:
        """A recipient matches whatever its case."""
        assert filter_by(recipient="Roosevelt") == filter_by(recipient="rOOSEVELT")
        assert TO_ROOSEVELT == len(filter_by(recipient="roosevelt"))

    def test_recipient_matches_joint_messages(self) -> None:
        """A recipient matches messages addressed jointly to several leaders."""
        joint = filter_by(recipient="Roosevelt").filter_by(recipient="Churchill")
        assert TO_CHURCHILL_AND_ROOSEVELT == len(joint)
        assert all({"Churchill", "Roosevelt"} <= set(m.recipients) for m in joint)

    def test_recipients_joined_by_and(self) -> None:
        """Names joined by ' and ' must all be among the recipients."""
        assert filter_by(recipient="Roosevelt").filter_by(recipient="Churchill") == filter_by(
            recipient="Churchill and Roosevelt"
        )

    def test_sender_matches_any_joint_sender(self) -> None:
        """A sender matches a joint sender through any of its names."""
        assert FROM_CHURCHILL == ids(filter_by(sender="churchill"))
        assert "1944-10-10-roosevelt" in ids(filter_by(sender="Stalin"))
        assert ("1944-10-10-roosevelt",) == ids(filter_by(sender="Stalin and Churchill"))

    def test_year_and_month(self) -> None:
        """A year and a month select by the best date; a month alone spans every year."""
        november = filter_by(month=11)
        assert {11} == {m.date.month for m in november if m.date}
        assert len({m.year for m in november}) > 1
        assert all(m.date and m.date.year == 1942 for m in filter_by(year=1942, month=11))

    def test_on_accepts_date_and_iso_string(self) -> None:
        """The on criterion takes a datetime.date or an ISO string, to the same effect."""
        assert NOVEMBER_20_1942 == ids(filter_by(on="1942-11-20"))
        assert filter_by(on="1942-11-20") == filter_by(on=datetime.date(1942, 11, 20))

    def test_after_and_before_are_exclusive(self) -> None:
        """The after and before criteria leave out their own day."""
        assert NOVEMBER_20_1942 == ids(filter_by(after="1942-11-19", before="1942-11-21"))
        assert not set(NOVEMBER_20_1942) & set(filter_by(after="1942-11-20").ids)
        assert not set(NOVEMBER_20_1942) & set(filter_by(before="1942-11-20").ids)
        later = filter_by(after="1945-08-01")
        assert all(m.date and m.date > datetime.date(1945, 8, 1) for m in later)

    def test_date_is_written_else_sent(self) -> None:
        """Date criteria compare the written date, else the date sent."""
        messages = [
            fake("a", 1, written_on=datetime.date(1943, 1, 1), sent_on=datetime.date(1943, 1, 5)),
            fake("b", 2, sent_on=datetime.date(1943, 1, 5)),
        ]
        assert ("b",) == ids(filter_by(messages, on="1943-01-05"))

    def test_undated_never_match_date_criteria(self) -> None:
        """An undated message is left out by every date criterion, and kept without one."""
        messages = [fake("dated", 1, written_on=datetime.date(1943, 1, 1)), fake("undated", 2)]
        for criteria in (
            {"year": 1943},
            {"month": 1},
            {"after": "1900-01-01"},
            {"before": "2000-01-01"},
        ):
            assert ("dated",) == ids(filter_by(messages, **criteria))
        assert ("dated", "undated") == ids(filter_by(messages))

    def test_classification_ignores_case_and_spacing(self) -> None:
        """A classification matches regardless of case and runs of spaces."""
        exact = filter_by(classification="PERSONAL AND SECRET")
        assert len(exact) > 0
        assert exact == filter_by(classification="personal  and secret")

    def test_contains_whole_words(self) -> None:
        """A phrase matches whole words, ignoring case: 'Rome' does not match 'Romer'."""
        assert ROME == ids(filter_by(contains="rome"))

    def test_contains_phrase_across_whitespace(self) -> None:
        """Whitespace in a phrase matches any whitespace, including a paragraph break."""
        messages = [fake("a", 1, text="the second\n\nfront"), fake("b", 2, text="the front")]
        assert ("a",) == ids(filter_by(messages, contains="second   front"))

    def test_contains_answers_kept(self) -> None:
        """A phrase searched again, in a selection too, selects what it selected the first time."""
        corpus = Corpus(load())
        first = corpus.filter_by(contains="second front")
        assert first == corpus.filter_by(contains="second front")
        part = corpus[:100]
        assert [m for m in first if m in part] == list(part.filter_by(contains="second front"))
        folded = corpus.filter_by(contains="Subasic", ignore_accents=True)
        assert (0, folded) == (
            len(corpus.filter_by(contains="Subasic")),
            corpus.filter_by(contains="Subasic", ignore_accents=True),
        )

    def test_contains_answers_of_recent_phrases_only(self) -> None:
        """A corpus keeps the answers of the phrases searched last, not of every phrase."""
        memo = Memo()
        for number in range(PHRASES_KEPT + 10):
            select(load(), Criteria(contains=f"word{number}"), load()._known, memo)
        kept = memo._tables[_answers]
        assert [(f"word{n}", False) for n in range(10, PHRASES_KEPT + 10)] == list(kept)

    def test_ids(self) -> None:
        """The ids criterion keeps the messages named, in corpus order."""
        wanted = ("1942-11-20-roosevelt", "1941-07-18-churchill")
        assert ("1941-07-18-churchill", "1942-11-20-roosevelt") == ids(filter_by(ids=wanted))

    def test_ids_follow_aliases(self) -> None:
        """A retired id given in ids selects the message that replaced it."""
        corpus = Corpus([fake("new", 1)], {"old": "new"})
        assert ("new",) == ids(filter_by(corpus, ids=["old"]))

    def test_criteria_are_combined(self) -> None:
        """Several criteria must all hold."""
        result = filter_by(recipient="Churchill", year=1943, contains="second front")
        assert len(result) > 0
        for message in result:
            assert "Churchill" in message.recipients
            assert message.year == 1943
            assert "second front" in message.text.lower()

    def test_composes_and_keeps_order(self) -> None:
        """A result can be filtered again, and keeps the order it was given."""
        messages = list(reversed(load()[:10]))
        result = filter_by(messages, recipient="Churchill")
        assert [m.id for m in messages if "Churchill" in m.recipients] == list(result.ids)
        assert result.filter_by(year=1941) == filter_by(result, year=1941)

    def test_name_in_corpus_but_not_in_subset(self) -> None:
        """A real name absent from the messages searched gives an empty result, not an error."""
        assert () == ids(filter_by(load()[:3], recipient="Truman"))

    def test_name_only_in_messages_given(self) -> None:
        """A name found only in the messages given is a valid criterion."""
        assert ("x",) == ids(filter_by([fake("x", 1, recipients=("Eden",))], recipient="eden"))

    def test_method_is_the_function(self) -> None:
        """Corpus.filter_by is filter_by on that corpus."""
        corpus = load()[:50]
        assert filter_by(corpus, recipient="Roosevelt") == corpus.filter_by(recipient="Roosevelt")

    @pytest.mark.parametrize(
        ("criteria", "words"),
        [
            ({"recipient": "Churchil"}, ["recipient", "'Churchill'", "Attlee, Churchill"]),
            ({"sender": "Hitler"}, ["sender", "'Hitler'", "Stalin"]),
            ({"classification": "TOP SECRET"}, ["classification", "'TOP SECRET'"]),
            ({"year": 1939}, ["year", "1939", "1941"]),
            ({"month": 13}, ["month", "13", "1 (January) to 12"]),
            ({"month": 0}, ["month", "0"]),
            ({"on": "1943-02-30"}, ["on", "'1943-02-30'", "ISO date"]),
            ({"after": "February 16"}, ["after", "'February 16'"]),
            ({"after": "1943-03-01", "before": "1943-02-01"}, ["after", "before", "no day"]),
            ({"after": "1943-03-01", "before": "1943-03-02"}, ["no day"]),
            ({"on": "1943-03-01", "before": "1943-03-01"}, ["on", "before"]),
            ({"contains": "  "}, ["contains"]),
            ({"ids": ["1942-11-20-churchil"]}, ["ids", "1942-11-20-churchill"]),
        ],
    )
    def test_unusable_values_raise(self, criteria: dict[str, object], words: list[str]) -> None:
        """An unusable value raises InvalidCriterionError naming the criterion and the problem."""
        with pytest.raises(InvalidCriterionError) as caught:
            filter_by(**criteria)  # type: ignore[arg-type]
        assert isinstance(caught.value, ValueError)
        assert isinstance(caught.value, StalinTelegramsError)
        assert [] == [w for w in words if w not in str(caught.value)]

    @pytest.mark.parametrize(
        ("criteria", "words"),
        [
            ({"recipient": ["Churchill"]}, ["recipient", "str", "list"]),
            ({"year": "1943"}, ["year", "int", "str"]),
            ({"year": True}, ["year", "int", "bool"]),
            ({"month": 2.0}, ["month", "int", "float"]),
            ({"on": 19430216}, ["on", "datetime.date", "int"]),
            ({"on": datetime.datetime(1943, 2, 16)}, ["on", "datetime"]),  # noqa: DTZ001 - the wrong type on purpose
            ({"contains": b"Rome"}, ["contains", "bytes"]),
            ({"ids": "1942-11-20-churchill"}, ["ids", "collection"]),
            ({"ids": [1942]}, ["ids", "int"]),
        ],
    )
    def test_wrong_types_raise(self, criteria: dict[str, object], words: list[str]) -> None:
        """A value of the wrong type raises CriterionTypeError, also a TypeError."""
        with pytest.raises(CriterionTypeError) as caught:
            filter_by(**criteria)  # type: ignore[arg-type]
        assert isinstance(caught.value, TypeError)
        assert [] == [w for w in words if w not in str(caught.value)]

    def test_unknown_criterion_raises(self) -> None:
        """An unknown keyword raises CriterionTypeError suggesting the criterion meant."""
        with pytest.raises(CriterionTypeError, match=r"'recipent'.*did you mean 'recipient'"):
            filter_by(recipent="Churchill")  # type: ignore[call-arg]
        with pytest.raises(CriterionTypeError, match=r"'colour'.*Criteria are: sender"):
            load().filter_by(colour="red")  # type: ignore[call-arg]

    def test_no_dateutil_at_runtime(self) -> None:
        """Querying never imports python-dateutil."""
        code = (
            "import sys, stalin_telegrams as s\n"
            "s.filter_by(after='1943-01-01', before='1944-01-01', recipient='Churchill')\n"
            "s.thread_of('1942-11-20-churchill'); s.duplicates()\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'dateutil'))\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "[]" == out.stdout.strip()


def folded(text: str) -> str:
    """Return *text* with its runs of whitespace made one space, case-folded."""
    return " ".join(text.split()).casefold()


@st.composite
def criterion(draw: st.DrawFn, corpus: Corpus) -> tuple[dict[str, object], set[str]]:
    """Draw one criterion that names something in *corpus*, and the ids it must select.

    The ids are computed here by plain tests of each message, independently of
    the query engine.
    """
    message = draw(st.sampled_from(list(corpus)))
    kinds = ["sender", "recipient", "month", "dates", "ids"]
    kinds += ["year"] * (message.year is not None) + ["class"] * (
        message.classification is not None
    )
    kind = draw(st.sampled_from(kinds))
    if kind in {"sender", "recipient"}:
        name = draw(st.sampled_from(getattr(message, f"{kind}s")))
        value = draw(st.sampled_from((name, name.upper(), name.lower())))
        wanted = {m.id for m in corpus if folded(name) in map(folded, getattr(m, f"{kind}s"))}
        return {kind: value}, wanted
    if kind == "year":
        return {"year": message.year}, {m.id for m in corpus if m.year == message.year}
    if kind == "month":
        month = draw(st.integers(1, 12))
        return {"month": month}, {m.id for m in corpus if m.date and m.date.month == month}
    if kind == "dates":
        after = draw(strategies.dates)
        before = after + datetime.timedelta(days=draw(st.integers(2, 3000)))
        wanted = {m.id for m in corpus if m.date and after < m.date < before}
        return {"after": after.isoformat(), "before": before}, wanted
    if kind == "class":
        label = folded(message.classification or "")
        wanted = {m.id for m in corpus if m.classification and folded(m.classification) == label}
        return {"classification": message.classification}, wanted
    chosen = draw(st.sets(st.sampled_from(corpus.ids), min_size=1))
    return {"ids": chosen}, chosen


class TestFilterByProperties:
    """filter_by() over generated corpora selects exactly what each criterion says."""

    @given(st.data())
    def test_criterion(self, data: st.DataObject) -> None:
        """One criterion selects exactly the messages a plain test of each message picks."""
        corpus = data.draw(strategies.corpora(min_size=1))
        criteria, wanted = data.draw(criterion(corpus))
        result = filter_by(corpus, **criteria)  # type: ignore[arg-type]
        assert [m.id for m in corpus if m.id in wanted] == list(result.ids)

    @given(st.data())
    def test_and(self, data: st.DataObject) -> None:
        """Two criteria select the messages both select, in the order given."""
        corpus = data.draw(strategies.corpora(min_size=1))
        first, wanted_first = data.draw(criterion(corpus))
        second, wanted_second = data.draw(criterion(corpus))
        assume(not set(first) & set(second))
        try:
            both = filter_by(list(corpus), **first, **second)  # type: ignore[arg-type]
        except InvalidCriterionError:
            # Dates no day meets together are refused; no message could meet them.
            assert not wanted_first & wanted_second
            return
        assert [m.id for m in corpus if m.id in wanted_first & wanted_second] == list(both.ids)

    @given(strategies.corpora(min_size=1), st.data())
    def test_phrase(self, corpus: Corpus, data: st.DataObject) -> None:
        """A phrase found verbatim as whole words is selected; every selected text has its words."""
        words = data.draw(st.sampled_from(list(corpus))).text.split()
        assume(words)
        start = data.draw(st.integers(0, len(words) - 1))
        phrase = " ".join(words[start : start + data.draw(st.integers(1, 3))])
        whole = re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)")
        verbatim = {m.id for m in corpus if whole.search(" ".join(m.text.split()))}
        chosen = set(filter_by(corpus, contains=phrase).ids)
        assert set() == verbatim - chosen
        for message in corpus.filter_by(ids=chosen):
            assert [] == [w for w in phrase.split() if w.casefold() not in message.text.casefold()]

    @given(strategies.corpora(min_size=1), strategies.names)
    def test_own_messages_only(self, corpus: Corpus, name: str) -> None:
        """Messages given are their own vocabulary: the packaged corpus is never read."""
        known = {folded(r) for m in corpus for r in m.recipients}
        with mock.patch("stalin_telegrams._load.load", side_effect=AssertionError("read")):
            if folded(name) in known:
                assert len(filter_by(list(corpus), recipient=name)) > 0
                return
            with pytest.raises(InvalidCriterionError) as caught:
                filter_by(list(corpus), recipient=name)
        shown = sorted({r for m in corpus for r in m.recipients})
        if len(shown) <= 20:
            assert f"(known values: {', '.join(shown)})" in str(caught.value)

    @given(strategies.recipients, strategies.years, strategies.months)
    def test_and_in_shipped_corpus(self, recipient: str, year: int, month: int) -> None:
        """In the shipped corpus too, several criteria select the intersection of each alone."""
        both = filter_by(recipient=recipient, year=year, month=month)
        alone = [
            set(filter_by(recipient=recipient).ids),
            set(filter_by(year=year).ids),
            set(filter_by(month=month).ids),
        ]
        assert set.intersection(*alone) == set(both.ids)
        assert [m.number for m in both] == sorted(m.number for m in both)


# --- Mentions of the index of names ----------------------------------------
#: Messages that mention both Clark Kerr and the Curzon Line: the pinned sets
#: of the two entities (tests/pipeline/test_names.py), read in context, intersected.
KERR_AND_CURZON = (
    "1944-02-04-churchill",
    "1944-03-03-churchill",
    "1944-03-03-churchill-2",
    "1944-03-23-churchill",
)


class TestFilterByMentions:
    """filter_by(mentions=...) selects by the names of the index, through any alias."""

    def test_alias_any_case(self) -> None:
        """An alias in any case selects what the canonical name selects."""
        assert filter_by(mentions="Poland") == filter_by(mentions="poles")
        assert filter_by(mentions="Archibald Clark Kerr") == filter_by(mentions="MR KERR")

    def test_all_of(self) -> None:
        """A tuple of names selects the messages that mention all of them."""
        assert KERR_AND_CURZON == filter_by(mentions=("Kerr", "Curzon Line")).ids

    def test_unknown_name_suggests(self) -> None:
        """An unknown name is an error that suggests the names meant."""
        with pytest.raises(InvalidCriterionError, match="did you mean 'Poland'"):
            filter_by(mentions="Polland")

    def test_empty_tuple(self) -> None:
        """An empty tuple of names is refused."""
        with pytest.raises(InvalidCriterionError, match="at least one name"):
            filter_by(mentions=())

    def test_not_a_name(self) -> None:
        """A value that is neither a str nor a tuple is a type error."""
        with pytest.raises(CriterionTypeError):
            filter_by(mentions=5)  # type: ignore[arg-type]

    def test_selection_knows_the_index(self) -> None:
        """A part of the packaged corpus resolves aliases through the whole index."""
        assert () == load()[:3].filter_by(mentions="Mr Kerr").ids

    def test_own_messages(self) -> None:
        """Messages given without the index are asked for by the canonical names they mention."""
        poland = fake("a", 1, mentions=(Mention("Poland", 0, 4, "text"),))
        corpus = Corpus([poland, fake("b", 2)])
        assert ("a",) == corpus.filter_by(mentions="poland").ids
        with pytest.raises(InvalidCriterionError, match="'Poles' is not a name"):
            corpus.filter_by(mentions="Poles")

    @given(st.sampled_from(load().name_index), st.data())
    def test_equals_mentions(self, entry: Name, data: st.DataObject) -> None:
        """Any form of an entry selects exactly the messages whose mentions name it."""
        form = data.draw(st.sampled_from((entry.name, *entry.aliases)))
        expected = tuple(m.id for m in load() if any(x.name == entry.name for x in m.mentions))
        assert expected == filter_by(mentions=form).ids


class TestFilterBySeeAlso:
    """filter_by(mentions=..., see_also=True) reads the index as a printed index's "see also"."""

    def test_default_is_exact(self) -> None:
        """Without see_also, or with False, a name selects its exact mentions only."""
        exact = tuple(m.id for m in load() if any(x.name == "Crimea" for x in m.mentions))
        assert exact == filter_by(mentions="Crimea").ids
        assert exact == filter_by(mentions="Crimea", see_also=False).ids

    def test_parts_added(self) -> None:
        """With see_also, the Crimea also selects the messages naming the Crimea Conference."""
        wanted = {"Crimea", "Crimea Conference"}
        expected = tuple(m.id for m in load() if wanted & {x.name for x in m.mentions})
        assert expected == filter_by(mentions="Crimea", see_also=True).ids

    def test_through_parts(self) -> None:
        """Parts of parts count: Prussia selects what names East Prussia."""
        assert set(filter_by(mentions="East Prussia").ids) <= set(
            filter_by(mentions="Prussia", see_also=True).ids
        )

    def test_all_of(self) -> None:
        """A tuple still needs every name, each read with its parts."""
        wide = filter_by(mentions=("Poland", "Tehran"), see_also=True)
        both = set(filter_by(mentions="Poland", see_also=True).ids) & set(
            filter_by(mentions="Tehran", see_also=True).ids
        )
        assert both == set(wide.ids)

    def test_needs_mentions(self) -> None:
        """see_also=True without mentions is refused rather than ignored; False is no criterion."""
        with pytest.raises(InvalidCriterionError, match="give mentions too"):
            filter_by(see_also=True)
        assert len(load()) == len(filter_by(see_also=False))

    def test_not_a_bool(self) -> None:
        """A see_also that is not a bool is a type error."""
        with pytest.raises(CriterionTypeError, match="see_also"):
            filter_by(mentions="Crimea", see_also="yes")  # type: ignore[arg-type]

    @given(st.sampled_from(load().name_index))
    def test_superset(self, entry: Name) -> None:
        """With see_also a name selects at least what it selects exactly."""
        assert set(filter_by(mentions=entry.name).ids) <= set(
            filter_by(mentions=entry.name, see_also=True).ids
        )


class TestFindPhrase:
    """find_phrase() finds a phrase as filter_by(contains=...) does, accents ignored on request."""

    TEXT = "Marshal Tito and Dr \u0160uba\u0161i\u0107 met. Subasic, too; stra\u00dfe."

    def test_spans(self) -> None:
        """The spans cut the words found, as printed, from the text."""
        from stalin_telegrams import find_phrase

        found = [self.TEXT[a:b] for a, b in find_phrase(self.TEXT, "tito AND")]
        assert ["Tito and"] == found

    def test_accents_ignored_both_ways(self) -> None:
        """With ignore_accents, "Subasic" finds both spellings, and so does "Šubašić"."""
        from stalin_telegrams import find_phrase

        for phrase in ("subasic", "\u0160UBA\u0160I\u0106"):
            spans = find_phrase(self.TEXT, phrase, ignore_accents=True)
            assert ["\u0160uba\u0161i\u0107", "Subasic"] == [self.TEXT[a:b] for a, b in spans]
        assert 1 == len(find_phrase(self.TEXT, "subasic"))

    def test_folding_that_changes_length(self) -> None:
        """A letter that folds to two (ß to ss) still maps back to the text as printed."""
        from stalin_telegrams import find_phrase

        spans = find_phrase(self.TEXT, "strasse", ignore_accents=True)
        assert ["stra\u00dfe"] == [self.TEXT[a:b] for a, b in spans]

    def test_whole_words(self) -> None:
        """A phrase matches whole words only, accents ignored or not."""
        from stalin_telegrams import find_phrase

        assert () == find_phrase(self.TEXT, "Tit", ignore_accents=True)

    @pytest.mark.parametrize(
        ("text", "phrase", "error"),
        [(None, "x", CriterionTypeError), ("x", 3, CriterionTypeError), ("x", " ", ValueError)],
    )
    def test_bad_arguments(self, text: object, phrase: object, error: type[Exception]) -> None:
        """A text or phrase that is not a string, or an empty phrase, raises a typed error."""
        from stalin_telegrams import find_phrase

        with pytest.raises(error):
            find_phrase(text, phrase)  # type: ignore[arg-type]

    def test_filter_by_ignore_accents(self) -> None:
        """filter_by(contains=..., ignore_accents=True) selects the texts find_phrase finds in."""
        found = filter_by(contains="Subasic", ignore_accents=True)
        assert len(found) >= 5
        assert found.ids == filter_by(contains="\u0160uba\u0161i\u0107").ids
        assert 0 == len(filter_by(contains="Subasic"))

    def test_ignore_accents_needs_contains(self) -> None:
        """ignore_accents=True alone is an error, and a value not a bool has the wrong type."""
        with pytest.raises(InvalidCriterionError, match="give contains too"):
            filter_by(ignore_accents=True)
        with pytest.raises(CriterionTypeError, match="ignore_accents: expected True or False"):
            filter_by(contains="Stalingrad", ignore_accents="yes")  # type: ignore[arg-type]
