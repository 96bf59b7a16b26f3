"""Tests for stalin_telegrams.pipeline._validate: the corpus invariants."""

from __future__ import annotations

import datetime

import attrs

from stalin_telegrams import ReplyLink, load
from stalin_telegrams._recordcheck import redraft
from stalin_telegrams.pipeline import _validate


class TestProblems:
    """problems() finds broken invariants and says which."""

    def test_shipped_corpus_is_clean(self) -> None:
        """The shipped corpus breaks no invariant."""
        assert [] == _validate.problems(load())

    def test_artifact_found(self) -> None:
        """A page number left between paragraphs is reported."""
        message = attrs.evolve(load()[0], text="One.\n\n73\n\nTwo.")
        found = _validate.problems([message])
        assert any("page number" in p for p in found)

    def test_duplicate_ids(self) -> None:
        """Two records with one id are reported."""
        first = load()[0]
        second = attrs.evolve(load()[1], id=first.id, number=2)
        assert "message ids are not unique" in _validate.problems([first, second])

    def test_undated_needs_a_note(self) -> None:
        """A record without a date must say so in its notes."""
        message = attrs.evolve(load()[0], written_on=None, sent_on=None, notes=())
        assert any("no date" in p for p in _validate.problems([message]))
        noted = attrs.evolve(message, notes=("no date in the source",))
        assert [] == _validate.problems([noted])

    def test_record_problems(self) -> None:
        """A record out of order, out of the war years, without recipient or text is reported."""
        message = redraft(
            load()[0],
            id="1939-01-01-nobody",
            number=5,
            written_on=datetime.date(1939, 1, 1),
            recipients=(),
            text=" ",
        )
        where = "1939-01-01-nobody (#5)"
        assert [
            f"{where}: number out of order",
            f"{where}: date 1939-01-01 outside the war years",
            f"{where}: no recipient",
            f"{where}: empty text",
            # A blank text is also a paragraph of one stray character at most.
            f"{where}: text has a lone stray character paragraph: ' '",
        ] == _validate.problems([message])


class TestAliasProblems:
    """alias_problems() keeps retired ids pointing at live ones."""

    def test_good_alias(self) -> None:
        """An alias from a retired id to a live one is fine."""
        assert [] == _validate.alias_problems(load(), {"1941-01-01-old": load()[0].id})

    def test_bad_aliases(self) -> None:
        """A live old id and a dead new id are both reported."""
        found = _validate.alias_problems(load(), {load()[0].id: "1941-01-01-nowhere"})
        assert 2 == len(found)


class TestGraphProblems:
    """graph_problems() checks references, replies and incoming messages against each other."""

    def test_shipped_corpus_is_clean(self) -> None:
        """The shipped references, replies and incoming messages agree."""
        corpus = load()
        assert [] == _validate.graph_problems(list(corpus), corpus.incoming(), {})

    def test_broken_graph(self) -> None:
        """A phrase off its offsets, an unknown target and a colliding id are reported."""
        corpus = load()
        message = corpus["1942-05-12-churchill"]
        wrong = attrs.evolve(message.references[0], start=1, targets=("nowhere",))
        broken = attrs.evolve(message, references=(wrong,), reply_links=(ReplyLink("nowhere"),))
        clash = attrs.evolve(corpus.incoming()[0], id=message.id)
        found = _validate.graph_problems([broken], [clash], {})
        assert [
            f"incoming {message.id}: the id is a printed id or an alias",
            "1942-05-12-churchill: 'your message of May 11' is not at 1:38",
            "1942-05-12-churchill: 'your message of May 11' targets unknown 'nowhere'",
            "1942-05-12-churchill: replies to unknown 'nowhere'",
            f"incoming {message.id}: mentioned_in disagrees with the references",
            f"incoming {message.id}: answered_by disagrees with in_reply_to",
        ] == found
