"""The corpus as shipped: the versioned data contract.

The pinned figures here were derived by reading the raw transcription and
the built records; a change to any of them is a data change that needs a
version bump and a changelog entry.
"""

from __future__ import annotations

import datetime
import json
import re
from collections import Counter
from importlib.resources import files
from typing import Any

import pytest

from stalin_telegrams import Message, __version__, load
from stalin_telegrams.build import _validate
from stalin_telegrams.build._emit import dumps
from stalin_telegrams.build._pipeline import Build, run
from stalin_telegrams.build._source import SOURCE_SHA256

DATA = files("stalin_telegrams").joinpath("data")


@pytest.fixture(scope="module")
def build() -> Build:
    """Return a fresh build from the packaged source."""
    return run()


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
        assert 1 == document["schema_version"]
        assert __version__ == document["package_version"]
        assert SOURCE_SHA256 == document["source_sha256"]
        assert len(document["messages"]) == document["message_count"]

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
            no for no, role in roles.items()
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

    def test_records_start_at_first_heading(self, build: Build) -> None:
        """The first record starts at line 50, the first heading after the preface."""
        assert 50 == load()[0].source_lines[0].start


class TestInvariants:
    """Properties every record has."""

    def test_ids_unique(self) -> None:
        """Ids are unique."""
        ids = [m.id for m in load()]
        assert len(ids) == len(set(ids))

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
            m.id for m in load()
            if m.written_on and m.sent_on and m.sent_on < m.written_on
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
            (m.id, f) for m in load() for f in fields
            if re.search(r"\*|\\[$*_]", getattr(m, f) or "")
        ]
        assert [] == hits

    def test_footnote_offsets_in_text(self) -> None:
        """Every footnote mark points inside its message's text."""
        assert all(0 <= f.offset <= len(m.text) for m in load() for f in m.footnote_marks)
