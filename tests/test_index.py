"""Tests for stalin_telegrams._index: entries of the index of names and name lookup."""

from __future__ import annotations

import pytest

from stalin_telegrams import IndexEntry, Mention, Message, Name, load
from stalin_telegrams._index import (
    KINDS,
    check_kind,
    entries,
    members,
    resolve,
    wanted_names,
)
from stalin_telegrams.exceptions import CriterionTypeError, InvalidCriterionError
from tests.factories import fake

KERR = Name(name="Archibald Clark Kerr", kind="person", aliases=("Kerr", "Mr Kerr"))
POLAND = Name(name="Poland", kind="country", aliases=("Polish", "Poles"))
IRAQ = Name(name="Iraq", kind="country")
INDEX = (POLAND, KERR, IRAQ)


def _message(message_id: str, *names: str) -> Message:
    return fake(
        message_id,
        1,
        text="x",
        heading="",
        mentions=tuple(Mention(name, 0, 1, "x") for name in names),
    )


class TestResolve:
    """resolve turns a name or an alias, in any case, into the canonical name."""

    @pytest.mark.parametrize("value", ["Poland", "poles", "POLISH", "  Poland "])
    def test_aliases_any_case(self, value: str) -> None:
        """Canonical names and aliases resolve without regard to case or spacing."""
        assert "Poland" == resolve("mentions", value, INDEX)

    def test_unknown_suggests(self) -> None:
        """An unknown name is an error that suggests close names."""
        with pytest.raises(InvalidCriterionError, match="did you mean 'Poland'"):
            resolve("mentions", "Polland", INDEX)

    def test_wrong_type(self) -> None:
        """A value that is not a str is a type error."""
        with pytest.raises(CriterionTypeError, match="expected a name"):
            resolve("mentions", 3, INDEX)


class TestCheckKind:
    """check_kind accepts None and the kinds of the index."""

    def test_kinds(self) -> None:
        """Every kind of the vocabulary, and None, pass unchanged."""
        assert list(KINDS) == [check_kind(kind) for kind in KINDS]
        assert check_kind(None) is None

    def test_unknown_lists_kinds(self) -> None:
        """An unknown kind is an error that lists the kinds."""
        with pytest.raises(InvalidCriterionError, match="kinds: person, country, people"):
            check_kind("persons")

    def test_wrong_type(self) -> None:
        """A kind that is not a str is a type error."""
        with pytest.raises(CriterionTypeError):
            check_kind(1)


class TestEntries:
    """entries gives each entry the messages that mention it and its count."""

    def test_ids_and_counts(self) -> None:
        """Ids come once per message, in order; the count is of mentions."""
        messages = (_message("a", "Poland", "Poland"), _message("b", "Iraq", "Poland"))
        assert (
            IndexEntry(KERR, (), 0),
            IndexEntry(IRAQ, ("b",), 1),
            IndexEntry(POLAND, ("a", "b"), 3),
        ) == entries(messages, INDEX)

    def test_kind(self) -> None:
        """A kind keeps the entries of that kind only."""
        assert ("Iraq", "Poland") == tuple(e.name for e in entries((), INDEX, "country"))

    def test_packaged_kinds(self) -> None:
        """Every entry of the packaged index is of one of the kinds."""
        index = load().name_index
        assert len(index) == sum(len(entries((), index, kind)) for kind in KINDS)


class TestWantedNames:
    """wanted_names resolves one name, or a tuple of names for all-of."""

    def test_one_and_tuple(self) -> None:
        """A str gives one canonical name, a tuple all of theirs."""
        assert frozenset({"Poland"}) == wanted_names("mentions", "poles", INDEX)
        assert frozenset({"Poland", "Archibald Clark Kerr"}) == wanted_names(
            "mentions", ("Polish", "Mr Kerr"), INDEX
        )

    def test_empty_tuple(self) -> None:
        """An empty tuple names nothing and is refused."""
        with pytest.raises(InvalidCriterionError, match="at least one name"):
            wanted_names("mentions", (), INDEX)

    def test_list_refused(self) -> None:
        """A list is not a tuple of names: a type error, as for any non-str."""
        with pytest.raises(CriterionTypeError):
            wanted_names("mentions", ["Poland"], INDEX)


class TestMembers:
    """members gives every entry with the entries that are part of it, followed through."""

    def test_closure(self) -> None:
        """A part of a part is a member; an entry is its own member; nothing else is."""
        prussia = Name(name="Prussia", kind="place")
        east = Name(name="East Prussia", kind="place", part_of=("Prussia",))
        town = Name(name="Königsberg", kind="place", part_of=("East Prussia",))
        table = members((prussia, east, town, IRAQ))
        assert frozenset({"Prussia", "East Prussia", "Königsberg"}) == table["Prussia"]
        assert frozenset({"Königsberg"}) == table["Königsberg"]
        assert frozenset({"Iraq"}) == table["Iraq"]

    def test_packaged(self) -> None:
        """In the packaged index the Crimea has its conference, Poland its bodies."""
        table = members(load().name_index)
        assert frozenset({"Crimea", "Crimea Conference"}) == table["Crimea"]
        assert "Polish Provisional Government" in table["Poland"]
        assert "Polish Provisional Government" in table["Warsaw"]
