"""Tests of the pictures of the reading room, docs/_ext/edition/_plots.py."""

from __future__ import annotations

import datetime
import doctest
import re
from pathlib import Path
from xml.etree import ElementTree

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


def _svg_size(path: Path) -> tuple[float, float]:
    root = ElementTree.parse(path).getroot()  # noqa: S314 - a file drawn by the test
    return float(root.get("width", "0").removesuffix("pt")), float(
        root.get("height", "0").removesuffix("pt")
    )


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

    def test_svg(self, tmp_path: Path) -> None:
        """The timeline is an SVG file; drawn again from the same data it is not rewritten."""
        path = tmp_path / "timeline.svg"
        written = edition_plots.draw_timeline(load(), path, edition.correspondents)
        again = edition_plots.draw_timeline(load(), path, edition.correspondents)
        width, height = _svg_size(path)
        assert (True, False) == (written, again)
        assert width > height > 0

    def test_bars_link_to_months(self, tmp_path: Path) -> None:
        """Each bar links to its month in its year's list, from the site's root."""
        path = tmp_path / "timeline.svg"
        edition_plots.draw_timeline(load(), path, edition.correspondents)
        assert "@root@/edition/1943.html#february-1943" in path.read_text("utf-8")

    def test_colours_of_the_page(self, tmp_path: Path) -> None:
        """The words and axes take the page's colour; nothing is black on white."""
        path = tmp_path / "timeline.svg"
        edition_plots.draw_timeline(load(), path, edition.correspondents)
        text = path.read_text("utf-8")
        assert (True, False, False) == (
            "currentColor" in text,
            "#000000" in text,
            "#ffffff" in text,
        )


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

    def test_svg(self, tmp_path: Path) -> None:
        """The picture is an SVG file wider than high."""
        path = tmp_path / "response-times.svg"
        written = edition_plots.draw_response_times(load(), path)
        width, height = _svg_size(path)
        assert (True, True) == (written, width > height > 0)


class TestDrawPictures:
    """draw_pictures(): every picture, drawn again only when the data or the code change."""

    def test_nothing_changed_draws_nothing(self, tmp_path: Path) -> None:
        """A second run with the same digest draws no picture; a new digest draws them all."""
        data = edition.edition()
        first = edition_plots.draw_pictures(data, tmp_path)
        second = edition_plots.draw_pictures(data, tmp_path)
        (tmp_path / "edition" / edition_plots.STAMP).write_text("another", encoding="utf-8")
        third = edition_plots.draw_pictures(data, tmp_path)
        pictures = 2 * (len({t[0].id for t in data.threads.values()}) + 2)
        assert (pictures, 0, pictures) == (first, second, third)

    def test_narrow_variants(self, tmp_path: Path) -> None:
        """Each picture has a narrow variant, whose ids all differ from the wide one's."""
        edition_plots.draw_pictures(edition.edition(), tmp_path)
        wide = sorted(tmp_path.glob("*/*.svg"))
        wide = [path for path in wide if not path.stem.endswith("-narrow")]
        ids = {}
        for path in wide:
            pair = (path, edition_plots.narrow_path(path))
            found = [set(re.findall(r'\bid="([^"]+)"', p.read_text("utf-8"))) for p in pair]
            ids[path.name] = (_svg_size(pair[1])[0] < _svg_size(pair[0])[0], found[0] & found[1])
        assert {name: (True, set()) for name in ids} == ids


class TestThreadPictures:
    """thread_points(), thread_lines(), draw_thread(): both sides of an exchange."""

    KEY = "1943-02-16-churchill"

    def test_incoming_in_their_place(self) -> None:
        """A thread's picture has the dated incoming messages its messages name, as unprinted."""
        data = edition.edition()
        thread = data.threads[self.KEY]
        points = edition_plots.thread_points(data, thread)
        incoming = {
            t
            for m in thread
            for t in (*m.in_reply_to, *(t for r in m.references for t in r.targets))
            if t in data.incoming and data.incoming[t].date is not None
        }
        assert incoming == {p.key for p in points if not p.printed}
        assert set(thread.ids) == {p.key for p in points if p.printed}

    def test_lines(self) -> None:
        """Every thread's lines: names and answers, the other side's too, and one text twice."""
        data = edition.edition()
        for thread in {t[0].id: t for t in data.threads.values()}.values():
            lines = edition_plots.thread_lines(data, thread)
            members = set(thread.ids)
            named = {
                (m.id, t)
                for m in thread
                for t in (*m.in_reply_to, *(t for r in m.references for t in r.targets))
                if t != m.id and (t in members or t in data.incoming)
            }
            named |= {
                (key, link.id)
                for key in {t for _, t in named if t in data.incoming}
                for link in data.incoming[key].reply_links
                if link.id in members
            }
            copies = {
                (p.first.id, p.second.id)
                for m in thread
                for p in data.pairs.get(m.id, ())
                if p.second.id in members
                and p.first.id in members
                and p.kind in {"copy", "identical", "quotation", "same-message"}
            }
            assert named == {(a, b) for a, b, kind in lines if kind == "names"}
            assert copies == {(a, b) for a, b, kind in lines if kind == "copy"}

    def test_points_link_and_labels_apart(self, tmp_path: Path) -> None:
        """Each mark links to its message, and labels of one day take turns above and below."""
        data = edition.edition()
        thread = data.threads[self.KEY]
        points = edition_plots.thread_points(data, thread)
        path = tmp_path / "thread.svg"
        edition_plots.draw_thread(points, edition_plots.thread_lines(data, thread), path, "t")
        text = path.read_text("utf-8")
        assert [] == [p.key for p in points if p.url not in text]


def test_examples() -> None:
    """The examples in the module's docstrings hold."""
    assert 0 == doctest.testmod(edition_plots).failed
