"""Tests for stalin_telegrams._load: load(), its verification, and the corpus document."""

from __future__ import annotations

import copy
import gc
import hashlib
import json
import subprocess
import sys
import zipfile
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

import stalin_telegrams
import stalin_telegrams as st
from stalin_telegrams import Corpus, load
from stalin_telegrams import _load as load_module
from stalin_telegrams._digest import DATA_BLAKE2B, DATA_SHA256
from stalin_telegrams._load import corpus_from_document, load_bytes, load_file
from stalin_telegrams._recordcheck import Deferred, deferrable_fields
from stalin_telegrams.exceptions import CorpusDataError, StalinTelegramsError, UnknownMessageError

DATA_FILE = files("stalin_telegrams").joinpath("data").joinpath("telegrams.json")


@pytest.fixture(scope="module")
def raw() -> bytes:
    """Return the bytes of the packaged corpus file."""
    return DATA_FILE.read_bytes()


@pytest.fixture(scope="module")
def document(raw: bytes) -> dict[str, Any]:
    """Return the packaged corpus document, parsed."""
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

    def test_shipped_digest_matches(self, raw: bytes) -> None:
        """The packaged file has the SHA-256 and the BLAKE2b that _digest.py records."""
        assert DATA_SHA256 == hashlib.sha256(raw).hexdigest()
        assert DATA_BLAKE2B == hashlib.blake2b(raw, digest_size=32).hexdigest()

    def test_packaged_file_checked_without_openssl(self) -> None:
        """load() checks the packaged file by its BLAKE2b: hashlib (and OpenSSL) is not imported."""
        code = (
            "import sys, stalin_telegrams; stalin_telegrams.load(); print('hashlib' in sys.modules)"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], check=False, capture_output=True, text=True
        )
        assert (0, "False") == (done.returncode, done.stdout.strip()), done.stderr

    def test_failure_not_cached(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A first load that fails caches nothing: the next call reads the file again."""
        monkeypatch.setattr(load_module, "_loaded", [])
        calls: list[object] = []

        def failing(path: object) -> Corpus:
            calls.append(path)
            raise CorpusDataError("damaged")

        monkeypatch.setattr(load_module, "load_file", failing)
        for _ in range(2):
            with pytest.raises(CorpusDataError, match="damaged"):
                load()
        assert 2 == len(calls)

    def test_plain_open_where_the_package_is_a_folder(self) -> None:
        """On the filesystem, load() reads the file by its path, without importlib.resources."""
        code = (
            "import sys, stalin_telegrams; stalin_telegrams.load();"
            " print('importlib.resources' in sys.modules)"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], check=False, capture_output=True, text=True
        )
        assert (0, "False") == (done.returncode, done.stdout.strip()), done.stderr

    def test_from_a_zip_archive(self, tmp_path: Path) -> None:
        """A package imported from a zip archive loads its file through importlib.resources."""
        package = Path(stalin_telegrams.__file__).parent
        archive = tmp_path / "packages.zip"
        with zipfile.ZipFile(archive, "w") as bundle:
            for path in sorted(package.rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts:
                    bundle.write(path, path.relative_to(package.parent).as_posix())
        code = (
            f"import sys; sys.path.insert(0, {str(archive)!r}); import stalin_telegrams as s;"
            " print(s.__file__.startswith(sys.path[0]), len(s.load()))"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], check=False, capture_output=True, text=True
        )
        assert (0, f"True {len(load())}") == (done.returncode, done.stdout.strip()), done.stderr


_RACE = """
import sys, threading, time
sys.setswitchinterval(1e-6)
from stalin_telegrams import _load
calls = []
real = _load.load_file
def slow(path):
    calls.append(path)
    time.sleep(0.05)  # widen the window in which a second first call could start
    return real(path)
_load.load_file = slow
barrier = threading.Barrier(16)
results = [None] * 16
def worker(i):
    barrier.wait()
    results[i] = _load.load()
threads = [threading.Thread(target=worker, args=(i,)) for i in range(16)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(calls), len({id(r) for r in results}), type(results[0]).__name__)
"""


class TestLoadThreads:
    """load() from many threads at once reads and parses the file once."""

    def test_sixteen_threads_one_parse(self) -> None:
        """16 threads racing on a fresh process all get the same Corpus, read once."""
        out = subprocess.run(
            [sys.executable, "-c", _RACE], capture_output=True, text=True, check=True
        ).stdout
        assert "1 1 Corpus" == out.strip()


class TestLoadFile:
    """load_file() reads a file, verifies and structures it."""

    def test_packaged_file(self) -> None:
        """The packaged file loads as the packaged corpus."""
        assert load() == load_file(DATA_FILE)

    def test_copy(self, tmp_path: Path, raw: bytes) -> None:
        """A byte-identical copy elsewhere loads the same."""
        path = tmp_path / "telegrams.json"
        path.write_bytes(raw)
        assert load() == load_file(path)

    def test_missing(self, tmp_path: Path) -> None:
        """A missing file is a CorpusDataError naming the file, chained to the OSError."""
        path = tmp_path / "telegrams.json"
        with pytest.raises(CorpusDataError) as info:
            load_file(path)
        assert str(path) in str(info.value)
        assert "reinstall" in str(info.value)
        assert isinstance(info.value.__cause__, FileNotFoundError)


class TestLoadBytes:
    """load_bytes() checks the digest before parsing, then structures the document."""

    def test_good(self, raw: bytes) -> None:
        """The packaged bytes with their digest give the packaged corpus."""
        assert load() == load_bytes(raw, DATA_SHA256)

    def test_digest_mismatch(self, raw: bytes) -> None:
        """Bytes with another digest are refused, naming the file, both digests and the cure."""
        changed = raw.replace(b"thank", b"thanK", 1)
        actual = hashlib.sha256(changed).hexdigest()
        with pytest.raises(CorpusDataError) as info:
            load_bytes(changed, DATA_SHA256, "some/telegrams.json")
        text = str(info.value)
        assert text.startswith("some/telegrams.json: ")
        assert DATA_SHA256 in text
        assert actual in text
        assert "pip install --force-reinstall" in text
        assert "\n" not in text

    def test_checked_before_parsing(self) -> None:
        """Bytes that are not even JSON fail on the digest first."""
        with pytest.raises(CorpusDataError, match="SHA-256"):
            load_bytes(b"not json", DATA_SHA256)

    def test_name_prefixes_structure_errors(self, document: dict[str, Any]) -> None:
        """An error found while structuring names the file first."""
        changed = copy.deepcopy(document)
        changed["schema_version"] = 99
        data = json.dumps(changed).encode()
        with pytest.raises(CorpusDataError) as info:
            load_bytes(data, hashlib.sha256(data).hexdigest(), "x/telegrams.json")
        assert str(info.value).startswith("x/telegrams.json: corpus schema version 99")

    @pytest.mark.parametrize("enabled", [True, False])
    def test_cycle_collector_state_kept(self, raw: bytes, enabled: bool) -> None:
        """The cycle collector, paused while loading, is left as it was, after an error too."""
        was = gc.isenabled()
        try:
            (gc.enable if enabled else gc.disable)()
            load_bytes(raw, DATA_SHA256)
            assert enabled == gc.isenabled()
            with pytest.raises(CorpusDataError):
                load_bytes(b"[]", hashlib.sha256(b"[]").hexdigest())
            assert enabled == gc.isenabled()
        finally:
            (gc.enable if was else gc.disable)()


class TestCorpusFromDocument:
    """corpus_from_document checks the whole document before trusting the messages."""

    def test_round_trip(self, document: dict[str, Any]) -> None:
        """The packaged document gives the same corpus as load()."""
        assert load() == corpus_from_document(document)

    def test_packaged_records_made_on_first_read(self, raw: bytes) -> None:
        """From the packaged bytes, a message's records are made when first read, as checked."""
        strict = corpus_from_document(json.loads(raw))
        packaged = load_bytes(raw, DATA_SHA256)
        held = [st.Message.__dict__[name].slot.__get__(packaged[0]) for name in ("mentions",)]
        assert [Deferred] == [type(value) for value in held]
        assert [m.mentions for m in strict] == [m.mentions for m in packaged]
        assert strict == packaged
        for name in deferrable_fields(st.Message):
            assert {tuple} == {type(getattr(m, name)) for m in packaged}

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
        with pytest.raises(CorpusDataError, match="the header says 372 messages"):
            corpus_from_document(changed)

    def test_index_read(self, document: dict[str, Any]) -> None:
        """The index of names comes with the corpus, entry for entry."""
        assert len(document["names"]) == len(corpus_from_document(document).name_index)

    def test_bad_kind_refused(self, document: dict[str, Any]) -> None:
        """An index entry of an unknown kind is refused, by position and field."""
        changed = copy.deepcopy(document)
        changed["names"][0]["kind"] = "city"
        with pytest.raises(CorpusDataError, match=r"names\[0\]\.kind: expected one of"):
            corpus_from_document(changed)

    def test_mention_outside_index(self, document: dict[str, Any]) -> None:
        """A mention of a name the index lacks, or off its surface, is refused."""
        changed = copy.deepcopy(document)
        mention = next(m for m in changed["messages"] if m["mentions"])["mentions"][0]
        mention["name"] = "Atlantis"
        with pytest.raises(CorpusDataError, match="names no entry of the index: 'Atlantis'"):
            corpus_from_document(changed)
        mention["name"], mention["end"] = document["names"][0]["name"], mention["end"] + 1
        with pytest.raises(CorpusDataError, match="do not hold its surface"):
            corpus_from_document(changed)

    def test_field_error_names_message_and_field(self, document: dict[str, Any]) -> None:
        """A bad field is reported with the message's position, its id and the field."""
        changed = copy.deepcopy(document)
        changed["messages"][1]["recipients"] = "Churchill"
        first_id = document["messages"][1]["id"]
        with pytest.raises(CorpusDataError) as info:
            corpus_from_document(changed)
        expected = (
            f"message #2 {first_id!r}: recipients: expected an array of strings,"
            " got a string, 'Churchill'"
        )
        assert expected == str(info.value)
        assert info.value.__cause__ is not None

    def test_alias_to_unknown_id(self, document: dict[str, Any]) -> None:
        """An alias to an id that no message has is refused."""
        changed = copy.deepcopy(document)
        changed["aliases"] = {"1900-01-01-old": "1900-01-02-new"}
        with pytest.raises(CorpusDataError, match="names no message: '1900-01-02-new'"):
            corpus_from_document(changed)

    def test_alias_is_accepted(self, document: dict[str, Any]) -> None:
        """An alias from a retired id to a live one is kept."""
        changed = copy.deepcopy(document)
        live = document["messages"][0]["id"]
        changed["aliases"] = {"1900-01-01-old": live}
        assert {"1900-01-01-old": live} == corpus_from_document(changed).aliases

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

    def test_incoming_field_error(self, document: dict[str, Any]) -> None:
        """A bad field of an incoming message is reported with its position, id and field."""
        changed = copy.deepcopy(document)
        changed["incoming"][0]["date"] = "soon"
        first_id = document["incoming"][0]["id"]
        with pytest.raises(CorpusDataError) as info:
            corpus_from_document(changed)
        assert str(info.value).startswith(f"incoming message #1 {first_id!r}: date:")

    def test_unknown_target_refused(self, document: dict[str, Any]) -> None:
        """A reference target that is neither a message nor an incoming message is refused."""
        changed = copy.deepcopy(document)
        first = next(m for m in changed["messages"] if m["references"])
        first["references"][0]["targets"] = ["1900-01-01-nobody-to-stalin"]
        with pytest.raises(CorpusDataError, match="targets\\[0\\]: no message has the id"):
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
print(sorted(m for m in sys.modules if m.startswith(("dateutil", "stalin_telegrams.pipeline"))))
stalin_telegrams.load()
late = ("dateutil", "stalin_telegrams.pipeline", "cattrs")
print(sorted(m for m in sys.modules if m.startswith(late)))
"""


class TestImport:
    """Importing the package does no I/O and pulls in no build-time code."""

    def test_import_is_quiet(self) -> None:
        """Import opens no data file; load() imports neither dateutil, the pipeline nor cattrs."""
        out = subprocess.run(
            [sys.executable, "-c", _IMPORT_PROBE], capture_output=True, text=True, check=True
        ).stdout.splitlines()
        assert ["[]", "[]", "[]"] == out
