"""Mentions: every name of the index found in the text of every message.

The rules, in full (the data card states them for readers):

* **Explicit names only.** A mention is one of the forms the index lists for
  an entry: its canonical name or one of its aliases, as printed. Titles
  alone ("the Prime Minister", "the King") and pronouns are not names.
* **Case-sensitive, whole words.** A form matches only with the capitals it
  is listed with, and not inside a longer word: "Marshal" (the rank) is not
  "Marshall", "Hitlerites" is not "Hitler". A hyphen ends a word, so
  "Soviet-German" mentions both countries and "cross-Channel" the Channel.
* **Possessives and plurals count.** "Churchill's" is a mention of Churchill
  (the possessive ending is left out of the mention); plurals count where the
  index lists them ("Poles", "Darlans").
* **Longest match wins.** Where forms overlap, the longest one starting
  first is taken: "Clark Kerr" over "Kerr", "United States" over "States",
  "Crimea Conference" over "Crimea". Mentions never overlap.
* **Look-alikes** listed in ``not_names.csv`` ("Moscow Time") are matched
  like names and then dropped, so that no shorter form inside them counts.
* **Rulings.** ``rulings.csv`` decides single hits by reading: the
  *occurrence*-th hit of a form in a message is given another entry, or
  none (the film "Stalingrad" is not the city).
* **A person's name inside a compound counts for the person.** No form of
  another entry contains a person's form ("Hitler Germany" is Hitler and
  Germany), except a name given after a person to something else (the
  Curzon Line) and a government called after the man who led it.
* **A government called after its leader counts for both.** A form of
  another entry that is a person's form followed by "Government(s)" or
  "government(s)" ("Sikorski Government", listed for the Polish émigré
  Government; "Hitler Government", listed for Germany, as a country's
  government counts for the country) is two mentions, side by side: the
  person's name for him, and the word "Government" for the government the
  entry stands for (:func:`find`).
* **A body's name is one mention.** A form naming a body, conference,
  treaty or region that contains a place or country ("Warsaw Provisional
  Government", "Crimea Conference") is one mention of that entry; the
  entry's ``part_of`` lists the places and countries its forms name (and,
  for a conference, the place it met at), checked by :func:`part_of_problems`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

import attrs

from .._model import Mention, Message
from .._records import Name
from ._tables import Index, MentionRuling

#: What a form stands for: the canonical name, or ``None`` for a look-alike.
Forms = Mapping[str, str | None]


def forms_of(index: Index) -> tuple[dict[str, str | None], list[str]]:
    """Return every form the index matches, and the problems of the tables.

    A form listed twice (for two entries, or as a name and a look-alike) is a
    problem: the table must say which one it is.
    """
    forms: dict[str, str | None] = {}
    problems: list[str] = []
    pairs: list[tuple[str, str | None]] = []
    for entry in index.names:
        pairs.extend((form, entry.name) for form in (entry.name, *entry.aliases))
    pairs.extend((look_alike.phrase, None) for look_alike in index.not_names)
    for form, name in pairs:
        if not form or form != form.strip():
            problems.append(f"names: empty or padded form {form!r} of {name!r}")
        elif form in forms and forms[form] != name:
            problems.append(f"names: {form!r} is listed for both {forms[form]!r} and {name!r}")
        forms.setdefault(form, name)
    return forms, problems


def pattern_of(forms: Iterable[str]) -> re.Pattern[str]:
    """Return one pattern matching any of *forms* as whole words, longest first."""
    ordered = sorted(forms, key=lambda form: (-len(form), form))
    body = "|".join(re.escape(form) for form in ordered)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


#: A form that names a government after its leader: his form, then the word.
_LEADERS_GOVERNMENT = re.compile(r"(?P<leader>.+) (?P<government>[Gg]overnments?)")


def leaders_of(index: Index) -> dict[str, str]:
    """Return the forms of the persons of the index, each with its canonical name."""
    return {
        form: entry.name
        for entry in index.names
        if entry.kind == "person"
        for form in (entry.name, *entry.aliases)
    }


def find(
    text: str, pattern: re.Pattern[str], forms: Forms, leaders: Mapping[str, str] | None = None
) -> list[Mention]:
    """Return the mentions in *text*, look-alikes dropped, in order.

    A form of a government called after its leader (a form in *leaders*,
    the forms of persons, then "Government") is two mentions: the leader's
    name for him, the word "Government" for the entry the form is listed
    for.
    """
    found = []
    for hit in pattern.finditer(text):
        name = forms[hit.group()]
        if name is None:
            continue
        compound = _LEADERS_GOVERNMENT.fullmatch(hit.group())
        leader = (leaders or {}).get(compound["leader"]) if compound else None
        if compound is not None and leader is not None and leader != name:
            start = hit.start()
            found.append(Mention(leader, start, start + compound.end("leader"), compound["leader"]))
            at = start + compound.start("government")
            found.append(Mention(name, at, hit.end(), compound["government"]))
        else:
            found.append(Mention(name, hit.start(), hit.end(), hit.group()))
    return found


def _apply(
    message_id: str,
    found: list[Mention],
    rulings: Sequence[MentionRuling],
    problems: list[str],
) -> tuple[Mention, ...]:
    """Apply the rulings on one message's hits."""
    kept: dict[int, Mention | None] = dict(enumerate(found))
    for ruling in rulings:
        places = [i for i, mention in enumerate(found) if mention.surface == ruling.surface]
        if not 1 <= ruling.occurrence <= len(places):
            problems.append(
                f"rulings: {message_id} has {len(places)} hit(s) of {ruling.surface!r},"
                f" no occurrence {ruling.occurrence}"
            )
            continue
        at = places[ruling.occurrence - 1]
        kept[at] = None if ruling.name is None else attrs.evolve(found[at], name=ruling.name)
    return tuple(mention for mention in kept.values() if mention is not None)


def locate(messages: Sequence[Message], index: Index) -> tuple[tuple[Message, ...], list[str]]:
    """Return the messages with their mentions, and the problems of the tables."""
    forms, problems = forms_of(index)
    known = {entry.name for entry in index.names}
    by_message: dict[str, list[MentionRuling]] = defaultdict(list)
    for ruling in index.rulings:
        by_message[ruling.id].append(ruling)
        if ruling.name is not None and ruling.name not in known:
            problems.append(f"rulings: {ruling.name!r} is not a name of the index")
    ids = {m.id for m in messages}
    problems += [f"rulings: {i!r} is not a message id" for i in by_message if i not in ids]
    pattern = pattern_of(forms)
    leaders = leaders_of(index)
    located = tuple(
        attrs.evolve(
            m,
            mentions=_apply(
                m.id, find(m.text, pattern, forms, leaders), by_message[m.id], problems
            ),
        )
        for m in messages
    )
    return located, problems


def duplicate_problems(names: Sequence[Name]) -> list[str]:
    """Return the names listed twice in the index."""
    counts = Counter(entry.name for entry in names)
    return [f"names: {name!r} is listed {n} times" for name, n in counts.items() if n > 1]


#: The kinds an entry can be part of.
WHOLES = frozenset({"place", "country"})


def part_of_problems(names: Sequence[Name]) -> list[str]:
    """Return the problems of the ``part_of`` column of the index.

    Each entry named must be a place or country of the index other than the
    entry itself; a person is part of nothing; and following ``part_of``
    never leads back to where it started.
    """
    kinds = {entry.name: entry.kind for entry in names}
    parts = {entry.name: entry.part_of for entry in names}
    problems = []
    for entry in names:
        if entry.kind == "person" and entry.part_of:
            problems.append(f"names: the person {entry.name!r} is part of {entry.part_of!r}")
        problems.extend(
            f"names: {entry.name!r} is part of {whole!r}, not a place or country"
            for whole in entry.part_of
            if kinds.get(whole) not in WHOLES or whole == entry.name
        )
        seen, todo = set(), list(entry.part_of)
        while todo:
            whole = todo.pop()
            if whole == entry.name:
                problems.append(f"names: {entry.name!r} is part of itself through part_of")
                break
            if whole not in seen:
                seen.add(whole)
                todo.extend(parts.get(whole, ()))
    return problems
