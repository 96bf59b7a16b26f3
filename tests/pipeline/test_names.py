"""Tests for stalin_telegrams.pipeline._names: mentions of the index of names."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from typing import get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stalin_telegrams import load
from stalin_telegrams._model import Mention, Message, NameKind
from stalin_telegrams._records import Name
from stalin_telegrams.pipeline import _names
from stalin_telegrams.pipeline._tables import Index, MentionRuling, NotName, read_index
from tests.factories import fake

KERR = Name(name="Archibald Clark Kerr", kind="person", aliases=("Clark Kerr", "Kerr", "Mr Kerr"))
MARSHALL = Name(name="George C. Marshall", kind="person", aliases=("Marshall", "General Marshall"))
POLAND = Name(name="Poland", kind="country", aliases=("Polish", "Poles"))
SOVIET = Name(name="Soviet Union", kind="country", aliases=("Soviet",))
GERMANY = Name(name="Germany", kind="country", aliases=("German",))
HITLER = Name(name="Adolf Hitler", kind="person", aliases=("Hitler",))
MOSCOW = Name(name="Moscow", kind="place")
INDEX = Index(
    names=(KERR, MARSHALL, POLAND, SOVIET, GERMANY, HITLER, MOSCOW),
    not_names=(NotName("Moscow Time", "a time zone", "0.2.0", "2026-12-01"),),
    rulings=(),
)


def _find(text: str, index: Index = INDEX) -> list[tuple[str, str]]:
    forms, problems = _names.forms_of(index)
    assert [] == problems
    found = _names.find(text, _names.pattern_of(forms), forms, _names.leaders_of(index))
    return [(m.name, m.surface) for m in found]


def _message(text: str, message_id: str = "1943-01-01-churchill") -> Message:
    return fake(message_id, 1, text=text, heading="")


class TestFormsOf:
    """forms_of maps every form to its entry and refuses a form listed twice."""

    def test_every_form(self) -> None:
        """Canonical names, aliases and look-alikes are all forms."""
        forms, _ = _names.forms_of(INDEX)
        assert "Archibald Clark Kerr" == forms["Mr Kerr"]
        assert "Poland" == forms["Poland"]
        assert forms["Moscow Time"] is None

    def test_form_listed_twice(self) -> None:
        """A form listed for two entries is a problem of the table."""
        other = Name(name="Philip Kerr", kind="person", aliases=("Kerr",))
        _, problems = _names.forms_of(Index((KERR, other), (), ()))
        assert ["names: 'Kerr' is listed for both 'Archibald Clark Kerr' and 'Philip Kerr'"] == (
            problems
        )


class TestFind:
    """find applies the rules of a mention."""

    def test_longest_match(self) -> None:
        """The longest form wins: "Clark Kerr" over "Kerr", "Mr Kerr" as one mention."""
        expected = [("Archibald Clark Kerr", "Clark Kerr"), ("Archibald Clark Kerr", "Mr Kerr")]
        assert expected == _find("Clark Kerr met Mr Kerr.")

    def test_case_and_whole_words(self) -> None:
        """The rank "Marshal" is not Marshall, and "Hitlerites" is not Hitler."""
        assert [] == _find("Field Marshal Alexander and the Hitlerites; marshall the facts.")

    def test_possessive_and_hyphen(self) -> None:
        """A possessive counts without its ending; a hyphen ends a word."""
        expected = [("Adolf Hitler", "Hitler"), ("Soviet Union", "Soviet"), ("Germany", "German")]
        assert expected == _find("Hitler's Soviet-German front")

    def test_look_alike_dropped(self) -> None:
        """A look-alike is matched and dropped, so no shorter form in it counts."""
        assert [("Moscow", "Moscow")] == _find("4 p.m. Moscow Time, in Moscow")

    def test_plural_and_adjective(self) -> None:
        """A country's adjective and people are its mentions."""
        assert [("Poland", "Polish"), ("Poland", "Poles")] == _find("the Polish Poles, the poles")


class TestLocate:
    """locate finds the mentions of every message and applies the rulings."""

    def test_ruling_renames_and_drops(self) -> None:
        """A ruling gives one hit another entry, or none."""
        rulings = (
            MentionRuling("1943-01-01-churchill", "Moscow", 2, None, "not it", "0.2.0", "x"),
            MentionRuling("1943-01-01-churchill", "Kerr", 1, "Poland", "test", "0.2.0", "x"),
        )
        index = Index(INDEX.names, INDEX.not_names, rulings)
        messages, problems = _names.locate((_message("Moscow, Moscow, Kerr"),), index)
        assert [] == problems
        assert (
            Mention("Moscow", 0, 6, "Moscow"),
            Mention("Poland", 16, 20, "Kerr"),
        ) == messages[0].mentions

    def test_ruling_that_misses(self) -> None:
        """A ruling on a hit that is not there is a problem."""
        rulings = (MentionRuling("1943-01-01-churchill", "Kerr", 2, None, "x", "0.2.0", "x"),)
        index = Index(INDEX.names, INDEX.not_names, rulings)
        _, problems = _names.locate((_message("Kerr"),), index)
        assert ["rulings: 1943-01-01-churchill has 1 hit(s) of 'Kerr', no occurrence 2"] == (
            problems
        )

    @given(st.lists(st.sampled_from(["Mr Kerr", "Kerr", "Polish", "x", " ", "-", "'s", "Soviet"])))
    def test_slices_and_order(self, parts: list[str]) -> None:
        """Every mention is the slice of text it claims; mentions are in order, apart."""
        message = _message("".join(parts) or "x")
        mentions = _names.locate((message,), INDEX)[0][0].mentions
        assert all(message.text[m.start : m.end] == m.surface for m in mentions)
        assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))


# --- The packaged index and corpus ---------------------------------------------

#: Entities and the messages that mention them, each set checked by reading
#: every hit of a plain search of the texts in context.
PINNED = {
    "Archibald Clark Kerr": (
        "1942-03-29-churchill",
        "1943-03-02-churchill",
        "1943-08-22-roosevelt-churchill",
        "1943-08-24-churchill-roosevelt",
        "1943-09-07-roosevelt-churchill",
        "1944-01-29-churchill",
        "1944-02-04-churchill",
        "1944-02-26-churchill-roosevelt",
        "1944-03-03-churchill",
        "1944-03-03-churchill-2",
        "1944-03-16-churchill",
        "1944-03-23-churchill",
    ),
    "George C. Marshall": ("1943-01-13-roosevelt", "1945-03-30-deane", "1945-04-07-roosevelt-2"),
    "Harold Alexander": (
        "1944-05-22-churchill",
        "1945-03-29-roosevelt",
        "1945-04-26-churchill",
        "1945-05-02-churchill-2",
        "1945-05-02-truman-2",
        "1945-05-22-truman",
        "1945-06-21-churchill",
        "1945-06-21-truman",
    ),
    "Anthony Eden": (
        "1941-11-28-churchill",
        "1941-12-17-roosevelt",
        "1942-04-22-churchill",
        "1942-05-15-roosevelt",
        "1943-05-04-churchill",
        "1943-08-22-roosevelt-churchill",
        "1943-09-26-churchill",
        "1944-07-15-churchill",
        "1944-09-30-churchill",
        "1944-10-08-roosevelt",
        "1944-10-19-roosevelt",
        "1945-04-18-churchill",
    ),
    "Harry Hopkins": (
        "1941-12-17-roosevelt",
        "1944-10-19-roosevelt",
        "1945-05-20-truman",
        "1945-05-27-churchill",
        "1945-05-30-churchill",
        "1945-05-30-truman",
    ),
    "Follett Bradley": ("1942-07-18-roosevelt", "1943-01-13-roosevelt"),
    "Joseph Stalin": ("1945-04-28-stalin",),
    "Clementine Churchill": (
        "1943-04-12-churchill",
        "1944-10-19-churchill",
        "1945-04-07-churchill",
    ),
    "Turkey": (
        "1941-10-03-churchill",
        "1942-11-27-churchill",
        "1943-01-31-churchill",
        "1943-02-06-churchill",
        "1943-03-02-churchill",
        "1944-03-20-roosevelt",
        "1944-07-15-churchill",
        "1944-10-10-roosevelt",
    ),
    "China": (
        "1941-10-03-churchill",
        "1943-11-12-roosevelt",
        "1945-06-15-truman",
        "1945-09-23-truman",
    ),
    "Lithuania": ("1944-03-03-roosevelt",),
    "Stalingrad": (
        "1942-10-03-churchill",
        "1942-10-07-roosevelt",
        "1942-11-20-churchill",
        "1942-11-20-roosevelt",
        "1942-11-27-churchill",
        "1942-11-28-roosevelt",
        "1942-12-06-churchill",
        "1942-12-06-roosevelt",
        "1943-01-16-churchill",
        "1943-02-06-churchill",
        "1943-02-06-roosevelt",
        "1944-06-27-roosevelt",
    ),
    "Katyn": ("1944-02-04-churchill",),
    "Lvov": (
        "1941-07-18-churchill",
        "1944-03-03-churchill",
        "1944-03-03-churchill-2",
        "1944-03-03-roosevelt",
        "1945-04-28-stalin",
    ),
    "Yalta": ("1945-01-10-churchill", "1945-04-28-stalin", "1945-06-18-churchill-2"),
    "Curzon Line": (
        "1944-02-04-churchill",
        "1944-02-16-roosevelt",
        "1944-03-03-churchill",
        "1944-03-03-churchill-2",
        "1944-03-03-roosevelt",
        "1944-03-23-churchill",
        "1944-06-24-roosevelt",
        "1945-04-07-roosevelt",
        "1945-04-28-stalin",
    ),
    "Home Army": ("1944-08-05-churchill",),
    "Polish émigré Government": (
        "1943-04-21-churchill",
        "1943-04-21-roosevelt",
        "1944-01-07-churchill",
        "1944-03-03-churchill",
        "1944-03-03-churchill-2",
        "1944-03-03-roosevelt",
        "1944-03-23-churchill",
        "1944-06-24-roosevelt",
        "1944-08-02-roosevelt",
        "1944-12-08-churchill",
        "1944-12-27-roosevelt",
        "1945-01-01-roosevelt",
        "1945-01-03-churchill",
        "1945-04-28-stalin",
    ),
    "Moscow Commission": ("1945-04-07-churchill", "1945-04-07-roosevelt", "1945-04-28-stalin"),
    "Council of Foreign Ministers": ("1945-09-23-truman-2", "1945-09-24-attlee"),
    "Operation Overlord": (
        "1944-01-07-churchill",
        "1944-01-14-churchill",
        "1944-05-08-churchill",
        "1944-05-15-roosevelt-churchill",
        "1944-05-22-churchill",
        "1944-05-26-churchill",
        "1944-05-30-churchill",
        "1944-06-06-churchill",
        "1944-06-07-roosevelt",
        "1944-06-09-churchill",
    ),
    "Operation Torch": ("1942-09-08-churchill", "1942-11-08-churchill", "1942-11-09-churchill"),
    "Crossword": ("1945-04-26-churchill",),
    "Tehran Conference": (
        "1943-12-06-roosevelt",
        "1944-06-06-churchill",
        "1944-06-07-roosevelt",
        "1944-09-14-roosevelt",
    ),
    "Berlin Conference": (
        "1945-06-15-churchill",
        "1945-07-06-churchill-2",
        "1945-09-23-truman",
        "1945-09-23-truman-2",
        "1945-09-24-attlee",
    ),
    "Dumbarton Oaks Conference": (
        "1944-09-07-roosevelt",
        "1944-09-14-roosevelt",
        "1944-10-10-roosevelt",
        "1944-12-26-roosevelt-2",
        "1945-03-27-roosevelt",
    ),
    "V.E. Day": ("1945-05-06-churchill", "1945-05-06-truman"),
    "Non-Aggression Pact": ("1941-07-18-churchill",),
    "Pravda": ("1942-01-08-churchill", "1944-01-29-churchill"),
    "Stalingrad (film)": ("1943-03-15-churchill-2",),
    "Scharnhorst": ("1943-12-27-churchill",),
    "Aircobra": ("1942-10-03-churchill", "1942-10-07-roosevelt"),
    "Serbs": ("1944-03-23-churchill", "1944-11-24-churchill"),
    "Order of Suvorov": ("1944-07-26-churchill",),
    "Yugoslav National Committee of Liberation": ("1944-11-24-churchill",),
    "Red Cross (national societies)": ("1941-11-14-roosevelt",),
    "International Red Cross": ("1943-04-21-churchill", "1943-04-21-roosevelt"),
    "Western Front": (
        "1945-01-07-churchill",
        "1945-01-15-churchill",
        "1945-01-15-roosevelt",
        "1945-03-23-churchill",
        "1945-04-03-roosevelt",
        "1945-04-07-roosevelt-2",
        "1945-04-25-churchill",
        "1945-04-26-truman",
    ),
    "International Security Organisation": (
        "1944-03-25-roosevelt",
        "1944-09-07-roosevelt",
        "1944-09-14-roosevelt",
        "1944-12-26-roosevelt-2",
    ),
}


def _ids_mentioning(name: str) -> tuple[str, ...]:
    return tuple(sorted(m.id for m in load() if any(x.name == name for x in m.mentions)))


class TestPackagedMentions:
    """The shipped mentions: pinned sets, read in context, and table-wide checks."""

    @pytest.mark.parametrize("name", sorted(PINNED))
    def test_pinned(self, name: str) -> None:
        """The messages mentioning each pinned entity are exactly those found by reading."""
        assert PINNED[name] == _ids_mentioning(name)

    def test_pinned_kinds(self) -> None:
        """The pinned entities cover every kind of the index."""
        kinds = {n.kind for n in read_index().names if n.name in PINNED}
        assert set(get_args(NameKind)) == kinds

    def test_film_is_not_the_city(self) -> None:
        """The film "Stalingrad" is ruled out of the city's mentions."""
        message = load()["1943-03-15-churchill-2"]
        assert ["Stalingrad (film)"] == [
            m.name for m in message.mentions if m.surface == "Stalingrad"
        ]

    def test_every_alias_found(self) -> None:
        """Every alias is found, or is a bare surname printed only with a title, or noted.

        A government called after its leader is found as two mentions side by side.
        """
        surfaces = Counter(m.surface for message in load() for m in message.mentions)
        surfaces.update(
            f"{a.surface} {b.surface}"
            for message in load()
            for a, b in itertools.pairwise(message.mentions)
            if a.end + 1 == b.start
        )
        for entry in read_index().names:
            for alias in entry.aliases:
                if surfaces[alias]:
                    continue
                surname = entry.kind == "person" and any(
                    surfaces[other] and other.endswith(" " + alias) for other in entry.aliases
                )
                assert surname or f'"{alias}"' in entry.note, (entry.name, alias)

    def test_every_entry_mentioned(self) -> None:
        """Every entry is mentioned, save one whose hits were all ruled away, as its note says."""
        mentioned = {m.name for message in load() for m in message.mentions}
        unmentioned = [n.name for n in read_index().names if n.name not in mentioned]
        assert ["Russian Soviet Republic"] == unmentioned
        kept = {n.name: n.note for n in read_index().names}["Russian Soviet Republic"]
        assert "the entry is kept" in kept

    def test_no_mention_inside_a_word(self) -> None:
        """No mention starts or ends inside a word."""
        for message in load():
            for m in message.mentions:
                before = message.text[m.start - 1 : m.start]
                after = message.text[m.end : m.end + 1]
                assert not re.match(r"\w", before)
                assert not re.match(r"\w", after), (message.id, m)


#: Names of other entries called after a person: the person is not mentioned
#: by them (an eponym is a name of its own, like "Stalingrad").
EPONYMS = frozenset({"Curzon Line"})


def _surfaces(message_id: str, surface: str) -> list[str]:
    return [m.name for m in load()[message_id].mentions if m.surface == surface]


class TestCompoundRule:
    """A leader's name inside a compound counts for the leader, in every compound."""

    def test_no_form_swallows_a_person(self) -> None:
        """No form of a non-person entry contains a person's form, but eponyms and governments."""
        names = read_index().names
        persons = [f for n in names if n.kind == "person" for f in (n.name, *n.aliases)]
        pattern = _names.pattern_of(persons)
        swallowing = sorted(
            form
            for n in names
            if n.kind != "person" and n.name not in EPONYMS
            for form in (n.name, *n.aliases)
            if pattern.search(form)
        )
        governments = [
            "Bierut government",
            "Hitler Government",
            "Hitler Governments",
            "Mikolajczyk Government",
            "Sikorski Government",
        ]
        assert governments == swallowing

    def test_government_after_its_leader(self) -> None:
        """A government called after its leader is two mentions: the man, then the government."""
        germany = Name(name="Germany", kind="country", aliases=("Hitler Government",))
        index = Index((HITLER, germany), (), ())
        expected = [
            ("Adolf Hitler", "Hitler"),
            ("Germany", "Government"),
            ("Adolf Hitler", "Hitler"),
        ]
        assert expected == _find("the Hitler Government; Hitler's government", index)

    @pytest.mark.parametrize(
        ("message_id", "phrase", "government"),
        [
            ("1943-04-21-churchill", "Sikorski Government", "Polish émigré Government"),
            ("1944-12-27-roosevelt", "Mikolajczyk Government", "Polish émigré Government"),
            ("1945-04-28-stalin", "Bierut government", "Polish Provisional Government"),
            ("1945-04-14-churchill", "Hitler Government", "Germany"),
        ],
    )
    def test_leaders_governments(self, message_id: str, phrase: str, government: str) -> None:
        """Every printed "<leader> Government" counts for the man and for his government."""
        message = load()[message_id]
        leader, word = phrase.split()
        hits = [h.start() for h in re.finditer(phrase, message.text)]
        for at in hits:
            spans = {(m.start, m.surface, m.name) for m in message.mentions}
            assert (at + len(leader) + 1, word, government) in spans
            assert any(s == at and surface == leader for s, surface, _ in spans)
        assert hits

    def test_every_printed_leader_counts(self) -> None:
        """Every whole-word hit of a person's form lies in a mention of a person or eponym."""
        names = read_index().names
        kinds = {n.name: n.kind for n in names}
        persons = [f for n in names if n.kind == "person" for f in (n.name, *n.aliases)]
        pattern = _names.pattern_of(persons)
        missed = []
        for message in load():
            for hit in pattern.finditer(message.text):
                inside = [m for m in message.mentions if m.start <= hit.start() < m.end]
                if not any(kinds[m.name] == "person" or m.name in EPONYMS for m in inside):
                    missed.append((message.id, hit.group()))
        assert [] == missed

    def test_hitler_germany(self) -> None:
        """The words "Hitler Germany" are two mentions: Hitler and Germany."""
        message = load()["1943-12-06-roosevelt"]
        at = message.text.index("Hitler Germany")
        found = [(m.name, m.surface) for m in message.mentions if at <= m.start < at + 14]
        assert [("Adolf Hitler", "Hitler"), ("Germany", "Germany")] == found

    def test_hitler_government(self) -> None:
        """The words "the Sikorski and Hitler Governments" count for both men."""
        names = [m.name for m in load()["1943-04-21-churchill"].mentions]
        assert {"Adolf Hitler", "Władysław Sikorski"} <= set(names)

    def test_hitler_germany_everywhere(self) -> None:
        """All 20 hits of "Hitler Germany" count for Hitler and for Germany."""
        pairs = 0
        for message in load():
            for at in (h.start() for h in re.finditer("Hitler Germany", message.text)):
                spans = {(m.start, m.name) for m in message.mentions}
                assert {(at, "Adolf Hitler"), (at + 7, "Germany")} <= spans
                pairs += 1
        assert 20 == pairs


class TestReadMentions:
    """Single hits settled by reading the text around them."""

    def test_bare_provisional_government(self) -> None:
        """The 16 bare "Provisional Government" are all the Polish one."""
        found = [
            m.name
            for message in load()
            for m in message.mentions
            if m.surface == "Provisional Government"
        ]
        assert ["Polish Provisional Government"] * 16 == found

    def test_bare_national_committee(self) -> None:
        """11 bare "National Committee" are the Polish one, Kardelj's is the Yugoslav one."""
        found = Counter(
            (message.id, m.name)
            for message in load()
            for m in message.mentions
            if m.surface == "National Committee"
        )
        yugoslav = "Yugoslav National Committee of Liberation"
        assert {("1944-11-24-churchill", yugoslav): 1} == {
            k: n for k, n in found.items() if k[1] == yugoslav
        }
        assert 11 == sum(
            n for k, n in found.items() if k[1] == "Polish Committee of National Liberation"
        )

    def test_western_front_of_1942(self) -> None:
        """The "Western Front" of July 1942 is the Soviet-German front."""
        assert ["Eastern Front", "Eastern Front"] == _surfaces(
            "1942-07-01-roosevelt", "Western Front"
        )

    def test_red_cross_societies(self) -> None:
        """The Red Cross of November 1941 is the national societies, not the International."""
        names = {m.name for m in load()["1941-11-14-roosevelt"].mentions}
        assert "International Red Cross" not in names
        assert {"American Red Cross", "Red Cross (national societies)"} <= names

    def test_russian_soviet_republic(self) -> None:
        """Churchill's "mighty Russian Soviet Republic" (1945) is the USSR."""
        assert ["Soviet Union"] == _surfaces("1945-04-28-stalin", "Russian Soviet Republic")

    def test_united_nations_split(self) -> None:
        """The alliance is the United Nations; the planned organisation is another entry."""
        assert ["International Security Organisation"] == _surfaces(
            "1944-03-25-roosevelt", "United Nations"
        )
        assert ["United Nations"] * 2 == _surfaces("1944-12-26-roosevelt-2", "United Nations")


def _description(name: str) -> str:
    return next(n.description for n in read_index().names if n.name == name)


class TestDescriptions:
    """Descriptions that say what the texts are about, checked against the text."""

    @pytest.mark.parametrize(
        ("name", "wanted", "unwanted"),
        [
            ("Napoleon", "Channel", "1812"),
            ("Harry Hopkins", "Truman", "envoy to Moscow, 1941 and 1945"),
            ("Polish Committee of National Liberation", "Chełm", "set up in Lublin"),
            ("Voronezh", "Voronezh river", "City on the Don"),
            ("Arctic", "convoys", "The Arctic Ocean"),
            ("United Nations", "alliance", "organisation"),
            ("International Security Organisation", "Dumbarton Oaks", "alliance"),
        ],
    )
    def test_description(self, name: str, wanted: str, unwanted: str) -> None:
        """Each description says what the text is about, and not the old reading."""
        description = _description(name)
        assert wanted in description
        assert unwanted not in description


#: Places a form names that the entry is not part of: a word of another name.
NOT_PART_OF = frozenset(
    {
        ("South-Western Front", "Western Front"),
        ("White Sea-Baltic Canal", "Baltic Sea"),
        ("Stalingrad (film)", "Stalingrad"),
    }
)
#: Where a conference met, where its name says another place or none.
MET_AT = {
    "Crimea Conference": {"Yalta"},
    "Berlin Conference": {"Potsdam"},
    "Dumbarton Oaks Conference": {"Washington"},
}


class TestPartOf:
    """An entry is part of the places and countries its forms name, and where it met."""

    def test_rule(self) -> None:
        """The part_of column is exactly what the rule gives, for every entry."""
        names = read_index().names
        wholes = [
            (f, n.name) for n in names if n.kind in _names.WHOLES for f in (n.name, *n.aliases)
        ]
        for entry in names:
            expected: set[str] = set()
            if entry.kind != "person":
                for form in (entry.name, *entry.aliases):
                    expected.update(
                        whole
                        for inner, whole in wholes
                        if whole != entry.name
                        and inner != form
                        and re.search(rf"(?<!\w){re.escape(inner)}(?!\w)", form)
                    )
                expected -= {whole for part, whole in NOT_PART_OF if part == entry.name}
                expected |= MET_AT.get(entry.name, set())
            assert (entry.name, expected) == (entry.name, set(entry.part_of))

    @pytest.mark.parametrize(
        ("name", "wholes"),
        [
            ("Crimea Conference", ("Crimea", "Yalta")),
            ("Tehran Conference", ("Tehran",)),
            ("Berlin Conference", ("Berlin", "Potsdam")),
            ("Polish Provisional Government", ("Poland", "Warsaw")),
            ("Polish émigré Government", ("Poland", "London")),
            ("Winston Churchill", ()),
            ("Yalta", ()),
        ],
    )
    def test_read(self, name: str, wholes: tuple[str, ...]) -> None:
        """The cases read: conferences to their places, bodies to their country and city."""
        assert wholes == next(n.part_of for n in read_index().names if n.name == name)

    def test_problems(self) -> None:
        """A whole that is no place or country, a person with parts and a cycle are problems."""
        names = (
            Name(name="A", kind="place", part_of=("B",)),
            Name(name="B", kind="place", part_of=("A",)),
            Name(name="C", kind="organisation", part_of=("Mr X",)),
            Name(name="Mr X", kind="person", part_of=("A",)),
        )
        found = _names.part_of_problems(names)
        assert [
            "names: 'A' is part of itself through part_of",
            "names: 'B' is part of itself through part_of",
            "names: 'C' is part of 'Mr X', not a place or country",
            "names: the person 'Mr X' is part of ('A',)",
        ] == found

    def test_packaged_clean(self) -> None:
        """The packaged index has no part_of problem."""
        assert [] == _names.part_of_problems(read_index().names)

    def test_packaged_count(self) -> None:
        """37 entries belong to a place or country, as the data card says."""
        assert 37 == sum(1 for n in read_index().names if n.part_of)


class TestDuplicateProblems:
    """duplicate_problems reports a name listed twice."""

    def test_twice(self) -> None:
        """An entry listed twice is reported once, with its count."""
        assert ["names: 'Poland' is listed 2 times"] == _names.duplicate_problems(
            (POLAND, KERR, POLAND)
        )
