"""Tests of the pictures of the reading room, docs/_ext/edition/_plots.py."""

from __future__ import annotations

import datetime
import doctest
import struct
from pathlib import Path

import pytest

pytest.importorskip("matplotlib", reason="the docs tools (pip install --group docs) are needed")

import edition
from edition import _plots as edition_plots

from stalin_telegrams import Message, load
from tests.factories import fake


def _message(date: datetime.date | None, recipient: str = "Churchill") -> Message:
    return fake(
        f"{date}-{recipient.lower()}",
        1,
        text="",
        heading="",
        recipients=(recipient,),
        written_on=date,
    )


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert b"\x89PNG\r\n\x1a\n" == data[:8]
    width, height = struct.unpack(">II", data[16:24])
    return width, height


class TestMonthRange:
    """month_range(): the months a timeline spans."""

    def test_across_a_year(self) -> None:
        """Every month from the first date's to the last date's is listed, ends included."""
        dates = [datetime.date(1942, 2, 9), datetime.date(1941, 11, 30)]
        expected = [datetime.date(1941, 11, 1), datetime.date(1941, 12, 1)]
        expected += [datetime.date(1942, 1, 1), datetime.date(1942, 2, 1)]
        assert expected == edition_plots.month_range(dates)

    def test_empty(self) -> None:
        """No dates give no months."""
        assert [] == edition_plots.month_range([])


class TestTimelineCounts:
    """timeline_counts(): messages per month and group."""

    def test_groups_and_months(self) -> None:
        """Messages are counted by month and group, small groups as others, undated left out."""
        june, august = datetime.date(1942, 6, 3), datetime.date(1942, 8, 1)
        messages = [_message(june)] * edition_plots.SMALL_GROUP
        messages += [_message(august, "Attlee"), _message(None)]
        months, counts = edition_plots.timeline_counts(messages, lambda m: m.recipients[0])
        expected = {"Churchill": [edition_plots.SMALL_GROUP, 0, 0], "others": [0, 0, 1]}
        assert (3, expected) == (len(months), counts)

    def test_corpus_total(self) -> None:
        """Over the corpus, the bars add up to the number of dated messages."""
        corpus = load()
        _, counts = edition_plots.timeline_counts(corpus, lambda m: m.recipients[0])
        dated = sum(1 for m in corpus if m.date is not None)
        assert dated == sum(map(sum, counts.values()))


class TestDrawTimeline:
    """draw_timeline(): the timeline picture."""

    def test_png(self, tmp_path: Path) -> None:
        """The timeline is a PNG file; drawn again from the same data it is not rewritten."""
        path = tmp_path / "timeline.png"
        written = edition_plots.draw_timeline(load(), path, edition.correspondents)
        again = edition_plots.draw_timeline(load(), path, edition.correspondents)
        width, height = _png_size(path)
        assert (True, False) == (written, again)
        assert width > height > 0


class TestResponseTimes:
    """response_times(): the days from a dated message to its answer."""

    def test_one_answer(self) -> None:
        """The answer sent on February 18, 1942 to "yours of February 13" took 5 days."""
        corpus = load()
        answer = corpus["1942-02-18-roosevelt-2"]
        found = [
            (days, authors)
            for date, days, authors in edition_plots.response_times(corpus[answer.number - 1 :][:1])
            if date == answer.date
        ]
        assert [(5, "Roosevelt")] == found

    def test_every_dated_answer(self) -> None:
        """Each dated answer to a dated message is counted once per message answered."""
        corpus = load()
        dated = {r.id for r in corpus.incoming() if r.date is not None}
        dated |= {m.id for m in corpus if m.date is not None}
        expected = sum(1 for m in corpus if m.date is not None for a in m.in_reply_to if a in dated)
        assert expected == len(edition_plots.response_times(corpus))

    def test_one_group_per_set_of_authors(self) -> None:
        """Joint authors make one group whichever of them is named first."""
        groups = {authors for _, _, authors in edition_plots.response_times(load())}
        sets = {frozenset(group.split(" and ")) for group in groups}
        assert len(sets) == len(groups)


class TestDrawResponseTimes:
    """draw_response_times(): the picture of response times."""

    def test_png(self, tmp_path: Path) -> None:
        """The picture is a PNG file wider than high."""
        path = tmp_path / "response-times.png"
        written = edition_plots.draw_response_times(load(), path)
        width, height = _png_size(path)
        assert (True, True) == (written, width > height > 0)


def test_examples() -> None:
    """The examples in the module's docstrings hold."""
    assert 0 == doctest.testmod(edition_plots).failed
