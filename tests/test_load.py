"""Tests for stalin_telegrams._load: load() and the corpus document."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from importlib.resources import files
from typing import Any

import pytest

import stalin_telegrams
from stalin_telegrams import Corpus, load
from stalin_telegrams._load import corpus_from_document
from stalin_telegrams.exceptions import CorpusDataError, StalinTelegramsError, UnknownMessageError


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    """Return the packaged corpus document, parsed."""
    raw = files("stalin_telegrams").joinpath("data").joinpath("telegrams.json").read_bytes()
    parsed: dict[str, Any] = json.loads(raw)
    return parsed


class TestLoad:
    """load() reads the packaged corpus once and returns it immutable."""

    def test_returns_corpus(self) -> None:
        """The result is a Corpus of Message records."""
        corpus = load()
        assert isinstance(corpus, Corpus)
        assert all(isinstance(m, stalin_telegrams.Message) for m in corpus)

    def test_cached(self) -> None:
        """Later calls return the very same object."""
        assert load() is load()

    def test_lookup_by_id_and_position(self) -> None:
        """A message is found by its id and by its position alike."""
        corpus = load()
        first = corpus[0]
        assert first is corpus[first.id]
        assert first.id in corpus
        assert first in corpus

    def test_unknown_id(self) -> None:
        """An unknown id is a KeyError that names close ids."""
        with pytest.raises(UnknownMessageError) as info:
            load()["1942-11-20-churchil"]
        assert isinstance(info.value, KeyError)
        assert isinstance(info.value, StalinTelegramsError)
        assert "1942-11-20-churchill" in info.value.suggestions
        assert "1942-11-20-churchill" in str(info.value)

    def test_slice_is_corpus(self) -> None:
        """A slice of the corpus is a corpus."""
        part = load()[:3]
        assert isinstance(part, Corpus)
        assert 3 == len(part)

    def test_alias_resolves(self) -> None:
        """A retired id resolves to the message that replaced it."""
        corpus = load()
        target = corpus[5]
        aliased = Corpus(corpus, {"1900-01-01-old": target.id})
        assert target is aliased["1900-01-01-old"]
        assert "1900-01-01-old" in aliased


class TestCorpusFromDocument:
    """corpus_from_document checks the header before trusting the messages."""

    def test_round_trip(self, document: dict[str, Any]) -> None:
        """The packaged document gives the same corpus as load()."""
        assert load() == corpus_from_document(document)

    def test_other_schema_version(self, document: dict[str, Any]) -> None:
        """A document of another schema version is refused."""
        changed = copy.deepcopy(document)
        changed["schema_version"] = 99
        with pytest.raises(CorpusDataError, match="schema version 99"):
            corpus_from_document(changed)

    def test_count_mismatch(self, document: dict[str, Any]) -> None:
        """A header whose count disagrees with the messages is refused."""
        changed = copy.deepcopy(document)
        changed["messages"].pop()
        with pytest.raises(CorpusDataError, match="messages"):
            corpus_from_document(changed)

    def test_incoming_round_trip(self, document: dict[str, Any]) -> None:
        """The incoming messages of the document are those of load(), as records."""
        incoming = corpus_from_document(document).incoming()
        assert load().incoming() == incoming
        assert all(isinstance(i, stalin_telegrams.IncomingMessage) for i in incoming)

    def test_incoming_count_mismatch(self, document: dict[str, Any]) -> None:
        """A header whose incoming count disagrees with the records is refused."""
        changed = copy.deepcopy(document)
        changed["incoming"].pop()
        with pytest.raises(CorpusDataError, match="incoming"):
            corpus_from_document(changed)


_IMPORT_PROBE = """
import sys
opened = []
def hook(event, args):
    if event == "open" and isinstance(args[0], str) and not args[0].endswith((".py", ".pyc")):
        opened.append(args[0])
sys.addaudithook(hook)
import stalin_telegrams
data_opened = [p for p in opened if "stalin_telegrams" in p and "data" in p]
print(data_opened)
print(sorted(m for m in sys.modules if m.startswith(("dateutil", "stalin_telegrams.build"))))
stalin_telegrams.load()
print(sorted(m for m in sys.modules if m.startswith(("dateutil", "stalin_telegrams.build"))))
"""


class TestImport:
    """Importing the package does no I/O and pulls in no build-time code."""

    def test_import_is_quiet(self) -> None:
        """No data file is opened on import; neither dateutil nor the pipeline is imported."""
        out = subprocess.run(
            [sys.executable, "-c", _IMPORT_PROBE], capture_output=True, text=True, check=True
        ).stdout.splitlines()
        assert ["[]", "[]", "[]"] == out
