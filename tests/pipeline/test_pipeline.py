"""Tests for stalin_telegrams.pipeline._pipeline: the whole build and its report."""

from __future__ import annotations

import re

import attrs
import pytest

from stalin_telegrams.pipeline._pipeline import Build, report


@pytest.fixture
def build(pipeline_build: Build) -> Build:
    """Return the fresh build from the packaged source that the whole run shares."""
    return pipeline_build


def section(text: str, title: str) -> list[str]:
    """Return the lines of the report section headed *title*."""
    for block in text.split("\n\n"):
        head, *lines = block.splitlines()
        if head == title:
            return lines
    pytest.fail(f"no section {title!r} in the report")


class TestReport:
    """report() accounts for every record, correction and problem of a build."""

    def test_message_count(self, build: Build) -> None:
        """The first line counts the records built."""
        assert f"messages: {len(build.assembly.messages)}" == report(build).splitlines()[0]

    def test_counts_cover_every_record(self, build: Build) -> None:
        """The counts per recipients and year add up to the number of records."""
        lines = section(report(build), "counts per recipient and year:")
        counts = [int(line.rsplit(": ", 1)[1]) for line in lines]
        assert len(build.assembly.messages) == sum(counts)

    def test_every_correction_listed(self, build: Build) -> None:
        """Each correction of each record has its own line, naming the record."""
        lines = section(report(build), "corrections applied:")
        expected = [m.id for m in build.assembly.messages for _ in m.corrections]
        assert expected == [line.split(":", 1)[0].strip() for line in lines]

    def test_judgements_listed(self, build: Build) -> None:
        """Records with notes, another sender or several recipients are listed."""
        lines = section(report(build), "records whose dates or parties needed a judgement:")
        expected = [
            m.id
            for m in build.assembly.messages
            if m.notes or m.sender != "Stalin" or len(m.recipients) > 1
        ]
        listed = [re.match(r"\s+#\d+ (\S+) \[", line) for line in lines]
        assert expected == [match.group(1) for match in listed if match]

    def test_no_problems(self, build: Build) -> None:
        """A clean build says so."""
        assert ["  none"] == section(report(build), "problems:")

    def test_problems(self, build: Build) -> None:
        """Each problem of a build gets a line of its own."""
        broken = attrs.evolve(build, problems=("first problem", "second problem"))
        assert ["  first problem", "  second problem"] == section(report(broken), "problems:")
