"""A damaged corpus file never loads: every kind of damage ends in CorpusDataError.

Each kind of damage is applied to a copy of the packaged file. Through the
loader (:func:`load_file`, the work of :func:`load`; and :func:`load` itself in
a copy of the installed package) the recorded SHA-256 refuses them all. The
structural checks must hold on their own too: with a digest that matches the
damaged bytes (:func:`load_bytes`), every kind except the few listed in
``DIGEST_ONLY`` is still refused, with a message naming what is wrong. Those
few are well-formed corpora with different content: only the digest can tell
them from the real one, which is why it is there.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

import stalin_telegrams
from stalin_telegrams import load
from stalin_telegrams._load import LARGEST, SCHEMA_VERSION, load_bytes, load_file
from stalin_telegrams.exceptions import CorpusDataError

RAW = files("stalin_telegrams").joinpath("data").joinpath("telegrams.json").read_bytes()
DOC: dict[str, Any] = json.loads(RAW)
MESSAGES: list[dict[str, Any]] = DOC["messages"]
ID = "1942-11-20-churchill"
INDEX = next(i for i, m in enumerate(MESSAGES) if m["id"] == ID)
WHERE = f"message #{INDEX + 1} {ID!r}"
WITH_REFERENCE = next(
    i for i, m in enumerate(MESSAGES) if any(r["targets"] for r in m["references"])
)
WITH_FOOTNOTE = next(i for i, m in enumerate(MESSAGES) if m["footnote_marks"])
ENCLOSED = next(i for i, m in enumerate(MESSAGES) if m["enclosed_in"])
#: The longest a message may be once the file's path is taken out: two digests and the cure.
LONGEST = 400


def serialise(doc: object) -> bytes:
    """Serialise a document as the build does."""
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def edited(change: Callable[[dict[str, Any]], object]) -> Callable[[], bytes]:
    """Return a maker of the file with *change* applied to a copy of its document."""

    def make() -> bytes:
        doc = copy.deepcopy(DOC)
        change(doc)
        return serialise(doc)

    return make


def message(doc: dict[str, Any], index: int = INDEX) -> dict[str, Any]:
    """Return one message of a document."""
    found: dict[str, Any] = doc["messages"][index]
    return found


def removed(doc: dict[str, Any], *, count: bool, renumber: bool = False) -> None:
    """Remove the first message (no other message names it); fix the count and numbers."""
    del doc["messages"][0]
    if count:
        doc["message_count"] -= 1
    if renumber:
        for number, entry in enumerate(doc["messages"], start=1):
            entry["number"] = number


def swapped(doc: dict[str, Any]) -> None:
    """Swap two neighbouring messages."""
    messages = doc["messages"]
    messages[INDEX], messages[INDEX + 1] = messages[INDEX + 1], messages[INDEX]


def duplicated(doc: dict[str, Any]) -> None:
    """Give a message the id of the one before it."""
    message(doc)["id"] = message(doc, INDEX - 1)["id"]


def first_multibyte_cut(raw: bytes) -> bytes:
    """Drop the last byte of the first character that takes more than one byte."""
    at = next(i for i, byte in enumerate(raw) if byte >= 0xC0)
    return raw[: at + 1] + raw[at + 2 :]


#: Each kind of damage: how to make the damaged file, and what the structural
#: checks say of it (a fragment of the message) when the digest matches.
DAMAGE: dict[str, tuple[Callable[[], bytes], str]] = {
    # The bytes.
    "empty file": (lambda: b"", "not a UTF-8 JSON document: Expecting value"),
    "truncated by 100 bytes": (lambda: RAW[:-100], "not a UTF-8 JSON document"),
    "half the file": (lambda: RAW[: len(RAW) // 2], "not a UTF-8 JSON document"),
    "last brace cut off": (lambda: RAW[:-2], "not a UTF-8 JSON document"),
    "a run of zero bytes (disk error)": (
        lambda: RAW[:4096] + b"\0" * 512 + RAW[4608:],
        "not a UTF-8 JSON document",
    ),
    "invalid UTF-8 byte": (
        lambda: RAW.replace(b"Allow me", b"Allow \xff me", 1),
        "can't decode byte 0xff",
    ),
    "a character cut mid-sequence": (
        lambda: first_multibyte_cut(RAW),
        "can't decode byte",
    ),
    "re-encoded as UTF-16": (lambda: RAW.decode().encode("utf-16"), "can't decode byte"),
    "byte-order mark in front": (lambda: b"\xef\xbb\xbf" + RAW, "not a UTF-8 JSON document"),
    "text after the document": (lambda: RAW + b"{}\n", "Extra data"),
    "NaN for a number": (
        lambda: RAW.replace(b'"number": 1,', b'"number": NaN,', 1),
        "NaN is not a JSON value",
    ),
    # The document's top level.
    "top level is an array": (
        lambda: serialise([DOC]),
        "expected a JSON object at the top, got an array of 1",
    ),
    "top level is null": (lambda: serialise(None), "expected a JSON object at the top, got null"),
    "messages is not an array": (
        edited(lambda d: d.update(messages={})),
        "messages: expected an array, got an object",
    ),
    "header key removed": (
        edited(lambda d: d.pop("message_count")),
        "top-level keys: missing message_count",
    ),
    "header key added": (
        edited(lambda d: d.update(checksum="0")),
        "top-level keys: unexpected 'checksum'",
    ),
    "schema version bumped": (
        edited(lambda d: d.update(schema_version=d["schema_version"] + 1)),
        f"corpus schema version {SCHEMA_VERSION + 1}, this package reads {SCHEMA_VERSION}",
    ),
    "schema version as a string": (
        edited(lambda d: d.update(schema_version="1")),
        "corpus schema version '1'",
    ),
    "count as a string": (
        edited(lambda d: d.update(message_count="372")),
        "header field message_count: expected an integer, got a string, '372'",
    ),
    # A message's fields.
    "message is not an object": (
        edited(lambda d: d["messages"].__setitem__(INDEX, ID)),
        f"message #{INDEX + 1}: expected an object, got a string, {ID!r}",
    ),
    "field removed": (
        edited(lambda d: message(d).pop("text")),
        f"{WHERE}: fields: missing text",
    ),
    "field added": (
        edited(lambda d: message(d).update(summary="")),
        f"{WHERE}: fields: unexpected 'summary'",
    ),
    "text retyped to a number": (
        edited(lambda d: message(d).update(text=42)),
        f"{WHERE}: text: expected a string, got an integer, 42",
    ),
    "text null": (
        edited(lambda d: message(d).update(text=None)),
        f"{WHERE}: text: expected a string, got null",
    ),
    'recipients "Churchill"': (
        edited(lambda d: message(d).update(recipients="Churchill")),
        f"{WHERE}: recipients: expected an array of strings, got a string, 'Churchill'",
    ),
    "recipients holding a number": (
        edited(lambda d: message(d).update(recipients=[1])),
        f"{WHERE}: recipients: expected an array of strings, got an array of 1",
    ),
    "number as a string": (
        edited(lambda d: message(d).update(number=str(INDEX + 1))),
        f"{WHERE}: number: expected an integer, got a string, '{INDEX + 1}'",
    ),
    "number 1 as true": (
        edited(lambda d: message(d, 0).update(number=True)),
        "message #1 '1941-07-18-churchill': number: expected an integer, got a boolean, True",
    ),
    "number as a float": (
        edited(lambda d: message(d).update(number=float(INDEX + 1))),
        f"{WHERE}: number: expected an integer, got a number, {float(INDEX + 1)}",
    ),
    "impossible date": (
        edited(lambda d: message(d).update(sent_on="1942-11-31")),
        f"{WHERE}: sent_on: impossible date '1942-11-31': day is out of range for month",
    ),
    "date in words": (
        edited(lambda d: message(d).update(sent_on="20 November 1942")),
        f"{WHERE}: sent_on: expected a date as YYYY-MM-DD, got a string, '20 November 1942'",
    ),
    "date in compact ISO form": (
        edited(lambda d: message(d).update(sent_on="19421120")),
        f"{WHERE}: sent_on: expected a date as YYYY-MM-DD, got a string, '19421120'",
    ),
    "line span retyped": (
        edited(lambda d: message(d)["source_lines"][0].update(start="1")),
        f"{WHERE}: source_lines[0].start: expected an integer, got a string, '1'",
    ),
    "line span reversed": (
        edited(lambda d: message(d)["source_lines"][0].update(start=10**6)),
        f"{WHERE}: source_lines[0]: LineSpan.end: invalid line span 1000000-",
    ),
    "footnote mark without its line": (
        edited(lambda d: message(d, WITH_FOOTNOTE)["footnote_marks"][0].pop("line")),
        "footnote_marks[0]: fields: missing line",
    ),
    # The messages together.
    "duplicate ids": (
        edited(duplicated),
        f"two messages have the id {MESSAGES[INDEX - 1]['id']!r}",
    ),
    "message removed, count left": (
        edited(lambda d: removed(d, count=False)),
        "the header says 372 messages, the file holds 371",
    ),
    "message removed, count fixed": (
        edited(lambda d: removed(d, count=True)),
        "message #1 '1941-08-04-roosevelt': number 2, expected 1",
    ),
    "two messages swapped": (
        edited(swapped),
        f"message #{INDEX + 1} {MESSAGES[INDEX + 1]['id']!r}: number {INDEX + 2}, expected",
    ),
    "alias to an unknown id": (
        edited(lambda d: d.update(aliases={"1900-01-01-old": "1900-01-02-new"})),
        "alias '1900-01-01-old' names no message: '1900-01-02-new'",
    ),
    "alias from a live id": (
        edited(lambda d: d.update(aliases={ID: MESSAGES[0]["id"]})),
        f"alias {ID!r} is still a message id",
    ),
    "enclosure of an unknown message": (
        edited(lambda d: message(d, ENCLOSED).update(enclosed_in="1900-01-01-churchill")),
        "enclosed_in: no message has the id '1900-01-01-churchill'",
    ),
    "reference to an unknown message": (
        edited(
            lambda d: message(d, WITH_REFERENCE)["references"][0].update(
                targets=["1900-01-01-churchill"]
            )
        ),
        "references[0].targets[0]: no message has the id '1900-01-01-churchill'",
    ),
}

#: Damage that leaves a well-formed corpus with other content: only the digest tells.
DIGEST_ONLY: dict[str, Callable[[], bytes]] = {
    "one character of a text changed": lambda: RAW.replace(b"Allow me", b"Allow mE", 1),
    "a date changed to another valid date": edited(
        lambda d: message(d).update(sent_on="1942-11-21")
    ),
    "message removed, renumbered, count fixed": edited(
        lambda d: removed(d, count=True, renumber=True)
    ),
    "a key twice in one object, the last another date": lambda: RAW.replace(
        b'"sent_on": "1942-11-20",', b'"sent_on": "1942-11-20",\n   "sent_on": "1942-11-21",', 1
    ),
}

ALL: dict[str, Callable[[], bytes]] = {
    **{kind: make for kind, (make, _) in DAMAGE.items()},
    **DIGEST_ONLY,
}


@functools.cache
def damaged(kind: str) -> bytes:
    """Return the file with the damage *kind*, made once."""
    return ALL[kind]()


def test_enough_kinds() -> None:
    """The suite covers at least twenty kinds of damage, each a change of the bytes."""
    assert len(ALL) >= 20
    assert [] == [kind for kind in ALL if damaged(kind) == RAW]


def test_serialise_is_the_build() -> None:
    """The suite's serialiser gives the packaged bytes back: edits change only what they say."""
    assert RAW == serialise(DOC)


def _refused_one_line(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    with pytest.raises(CorpusDataError) as info:
        load_file(path)
    text = str(info.value)
    assert "\n" not in text
    assert text.startswith(f"{path}: ")
    assert len(text.replace(str(path), "")) <= LONGEST
    return text


class TestLoadFile:
    """load_file(), the loader of load(), refuses every damaged file."""

    @pytest.mark.parametrize("kind", sorted(ALL))
    def test_damaged(self, kind: str, tmp_path: Path) -> None:
        """A damaged file is refused, in one line naming the file, on its digest."""
        text = _refused_one_line(tmp_path / "telegrams.json", damaged(kind))
        assert "the corpus file is damaged or was changed" in text

    def test_missing(self, tmp_path: Path) -> None:
        """A missing file is refused, in one line naming the file."""
        path = tmp_path / "telegrams.json"
        with pytest.raises(CorpusDataError) as info:
            load_file(path)
        assert f"{path}: cannot read the corpus file (No such file or directory)" in str(info.value)

    def test_directory(self, tmp_path: Path) -> None:
        """A folder in the file's place is refused, in one line naming it."""
        path = tmp_path / "telegrams.json"
        path.mkdir()
        with pytest.raises(CorpusDataError) as info:
            load_file(path)
        assert str(info.value).startswith(f"{path}: cannot read the corpus file")
        assert "\n" not in str(info.value)


class TestLoadBytes:
    """With a digest that matches the damage, the structural checks still refuse it."""

    @pytest.mark.parametrize("kind", sorted(DAMAGE))
    def test_refused_on_structure(self, kind: str) -> None:
        """The document is refused with a one-line message saying what and where."""
        expected = DAMAGE[kind][1]
        data = damaged(kind)
        with pytest.raises(CorpusDataError) as info:
            load_bytes(data, hashlib.sha256(data).hexdigest(), "telegrams.json")
        text = str(info.value)
        assert expected in text
        assert text.startswith("telegrams.json: ")
        assert "\n" not in text
        assert len(text) <= LONGEST

    @pytest.mark.parametrize(
        ("kind", "cause"),
        [
            ("empty file", json.JSONDecodeError),
            ("invalid UTF-8 byte", UnicodeDecodeError),
            ('recipients "Churchill"', ValueError),
            ("impossible date", ValueError),
            ("line span reversed", ValueError),
            ("duplicate ids", ValueError),
        ],
    )
    def test_chained(self, kind: str, cause: type[Exception]) -> None:
        """The error is chained to the one that found the damage."""
        data = damaged(kind)
        with pytest.raises(CorpusDataError) as info:
            load_bytes(data, hashlib.sha256(data).hexdigest())
        assert isinstance(info.value.__cause__, cause)

    def test_impossible_date_chained_to_datetime(self) -> None:
        """An impossible date's error leads back to datetime's own ValueError."""
        data = damaged("impossible date")
        with pytest.raises(CorpusDataError) as info:
            load_bytes(data, hashlib.sha256(data).hexdigest())
        cause = info.value.__cause__
        assert cause is not None
        assert isinstance(cause.__cause__, ValueError)
        assert "day is out of range for month" == str(cause.__cause__)

    @pytest.mark.parametrize("kind", sorted(DIGEST_ONLY))
    def test_digest_only(self, kind: str) -> None:
        """Changed but well-formed content passes the structure; the recorded digest stops it."""
        data = damaged(kind)
        assert load() != load_bytes(data, hashlib.sha256(data).hexdigest())
        with pytest.raises(CorpusDataError, match="damaged or was changed"):
            load_bytes(data, hashlib.sha256(RAW).hexdigest())


_PROBE = """
import stalin_telegrams
from stalin_telegrams.exceptions import CorpusDataError
print(stalin_telegrams.__file__)
try:
    corpus = stalin_telegrams.load()
except CorpusDataError as err:
    print("CorpusDataError")
    print(err)
else:
    print("loaded", len(corpus))
"""


def _installed_copy(tmp_path: Path) -> Path:
    """Copy the installed package into *tmp_path*; return its data file."""
    package = Path(stalin_telegrams.__file__).parent
    shutil.copytree(package, tmp_path / package.name, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path / package.name / "data" / "telegrams.json"


def _run_probe(tmp_path: Path) -> list[str]:
    """Run load() in a fresh process that imports the copy in *tmp_path*."""
    out = subprocess.run(
        [sys.executable, "-c", _PROBE],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path), "PYTHONDONTWRITEBYTECODE": "1"},
    ).stdout.splitlines()
    assert out[0].startswith(str(tmp_path))
    return out[1:]


class TestLoad:
    """load() of a copy of the installed package with a damaged data file refuses it."""

    def test_undamaged_copy_loads(self, tmp_path: Path) -> None:
        """The copy itself loads: the damage, not the copying, is what is refused."""
        _installed_copy(tmp_path)
        assert [f"loaded {len(load())}"] == _run_probe(tmp_path)

    @pytest.mark.parametrize(
        "kind",
        [
            "one character of a text changed",
            "truncated by 100 bytes",
            "invalid UTF-8 byte",
            "empty file",
            'recipients "Churchill"',
        ],
    )
    def test_damaged(self, kind: str, tmp_path: Path) -> None:
        """A damaged installed file ends in CorpusDataError naming it, in one line."""
        data_file = _installed_copy(tmp_path)
        data_file.write_bytes(damaged(kind))
        out = _run_probe(tmp_path)
        assert "CorpusDataError" == out[0]
        assert 2 == len(out)
        assert out[1].startswith(f"{data_file}: the corpus file is damaged or was changed")

    def test_missing(self, tmp_path: Path) -> None:
        """A missing installed file ends in CorpusDataError naming it, in one line."""
        data_file = _installed_copy(tmp_path)
        data_file.unlink()
        out = _run_probe(tmp_path)
        assert "CorpusDataError" == out[0]
        assert out[1].startswith(f"{data_file}: cannot read the corpus file")

    @pytest.mark.parametrize("kind", ["fifo", "link to /dev/zero", "folder", "link to a fifo"])
    def test_not_a_regular_file(self, kind: str, tmp_path: Path) -> None:
        """A data file replaced by a pipe or a device is refused at once, never read or awaited."""
        data_file = _installed_copy(tmp_path)
        data_file.unlink()
        if kind == "fifo":
            os.mkfifo(data_file)
        elif kind == "link to a fifo":
            os.mkfifo(tmp_path / "pipe")
            data_file.symlink_to(tmp_path / "pipe")
        elif kind == "folder":
            data_file.mkdir()
        else:
            data_file.symlink_to("/dev/zero")
        # A bounded wait: a hang would be the failure.
        out = subprocess.run(
            [sys.executable, "-c", _PROBE],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
            cwd=tmp_path,
            env={"PYTHONPATH": str(tmp_path), "PYTHONDONTWRITEBYTECODE": "1"},
        ).stdout.splitlines()[1:]
        assert "CorpusDataError" == out[0]
        assert out[1].startswith(f"{data_file}: cannot read the corpus file")

    def test_implausibly_large(self, tmp_path: Path) -> None:
        """A data file far larger than a corpus is refused before it is read."""
        data_file = _installed_copy(tmp_path)
        with data_file.open("r+b") as stream:
            stream.truncate(LARGEST + 1)  # sparse: no disk is used
        out = _run_probe(tmp_path)
        assert ["CorpusDataError"] == out[:1]
        assert "more than a corpus file holds" in out[1]


_FORK_PROBE = """
import os, sys, threading, time
from stalin_telegrams import _load
_load._lock.acquire()  # as a thread inside the first load() holds it
pid = os.fork()
if pid == 0:
    os._exit(0 if len(_load.load()) > 0 else 1)
deadline = time.monotonic() + 120
while time.monotonic() < deadline:
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        print("child", os.waitstatus_to_exitcode(status))
        break
    time.sleep(0.05)
else:
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    print("child hung")
_load._lock.release()
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="SKIPPING: no os.fork on this platform")
def test_fork_while_loading() -> None:
    """A child forked while another thread is inside the first load() loads, with a bounded wait."""
    out = subprocess.run(
        [sys.executable, "-c", _FORK_PROBE], capture_output=True, text=True, check=True, timeout=180
    )
    assert "child 0" == out.stdout.strip()
