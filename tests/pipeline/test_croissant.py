"""Tests for stalin_telegrams.pipeline._croissant: the Croissant description."""

from __future__ import annotations

import hashlib
import json
from importlib.resources import files
from typing import Any

import pytest

from stalin_telegrams.exports._schema import message_columns
from stalin_telegrams.pipeline import _croissant

DATA = files("stalin_telegrams").joinpath("data")


@pytest.fixture(scope="module")
def shipped() -> dict[str, Any]:
    """Return the croissant.json shipped beside the corpus file."""
    document: dict[str, Any] = json.loads(DATA.joinpath(_croissant.FILE_NAME).read_bytes())
    return document


class TestDocument:
    """document() describes the corpus file in Croissant 1.0."""

    def test_required_fields(self, shipped: dict[str, Any]) -> None:
        """The properties Croissant 1.0 requires of a Dataset are there and non-empty."""
        for key in ("@context", "@type", "name", "description", "conformsTo", "license", "url"):
            assert shipped[key], key
        assert "sc:Dataset" == shipped["@type"]
        assert _croissant.CONFORMS_TO == shipped["conformsTo"]
        assert "cr" in shipped["@context"]

    def test_file_and_digest(self, shipped: dict[str, Any]) -> None:
        """The distribution is the shipped corpus file, with its size and sha256."""
        data = DATA.joinpath("telegrams.json").read_bytes()
        [file_object] = shipped["distribution"]
        assert "cr:FileObject" == file_object["@type"]
        assert "telegrams.json" == file_object["contentUrl"]
        assert hashlib.sha256(data).hexdigest() == file_object["sha256"]
        assert f"{len(data)} B" == file_object["contentSize"]

    def test_fields_from_the_model(self, shipped: dict[str, Any]) -> None:
        """The record set's fields are the model's stored columns, each read from the file."""
        [records] = shipped["recordSet"]
        stored = [c.name for c in message_columns() if not c.derived]
        assert stored == [f["name"] for f in records["field"]]
        for field in records["field"]:
            assert "telegrams.json" == field["source"]["fileObject"]["@id"]
            assert f"$.messages[*].{field['name']}" == field["source"]["extract"]["jsonPath"]
            assert ("subField" in field) != ("dataType" in field)

    def test_nested_fields(self, shipped: dict[str, Any]) -> None:
        """A list of records is a repeated field whose subfields pick their key from each item."""
        [records] = shipped["recordSet"]
        spans = next(f for f in records["field"] if f["name"] == "source_lines")
        assert spans["repeated"]
        assert ["first_line", "last_line"] == [s["name"] for s in spans["subField"]]
        assert {"jsonPath": "start"} == spans["subField"][0]["source"]["transform"]
        assert "sc:Integer" == spans["subField"][0]["dataType"]

    def test_shipped_is_current(self, shipped: dict[str, Any]) -> None:
        """The shipped file is what the build makes of the shipped corpus file."""
        data = DATA.joinpath("telegrams.json").read_bytes()
        assert _croissant.document(data, "telegrams.json") == shipped
