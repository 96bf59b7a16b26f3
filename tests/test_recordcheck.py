"""Tests for stalin_telegrams._recordcheck: every public record checks its fields when built."""

from __future__ import annotations

import datetime
import math
import pickle
import threading
import typing
from typing import Any

import attrs
import pytest

import stalin_telegrams as st
from stalin_telegrams import _converter
from stalin_telegrams._recordcheck import (
    Deferred,
    build_unchecked,
    check_of,
    check_record,
    deferrable_fields,
)
from stalin_telegrams.exceptions import (
    ArgumentTypeError,
    InvalidArgumentError,
    InvalidRecordError,
    RecordTypeError,
)


def _examples() -> dict[type, Any]:
    """Return one good instance of every public record type, from the packaged corpus."""
    corpus = st.load()
    message = next(m for m in corpus if m.references and m.mentions and m.source_lines)
    with_marks = next(m for m in corpus if m.footnote_marks)
    with_corrections = next(m for m in corpus if m.corrections)
    return {
        st.Message: message,
        st.LineSpan: message.source_lines[0],
        st.Reference: message.references[0],
        st.Mention: message.mentions[0],
        st.FootnoteMark: with_marks.footnote_marks[0],
        st.Correction: with_corrections.corrections[0],
        st.IncomingMessage: corpus.incoming()[0],
        st.Name: corpus.name_index[0],
        st.IndexEntry: corpus.names()[0],
        st.Pair: corpus.duplicates()[0],
        st.WordDiff: corpus.duplicates()[0].diff(),
        st.DiffChunk: corpus.duplicates()[0].diff().chunks[0],
        st.ReplyLink: next(m for m in corpus if m.reply_links).reply_links[0],
        st.ResponseTime: corpus.response_times()[0],
    }


EXAMPLES = _examples()
#: Every public record type: the attrs classes that the package exports.
RECORDS = sorted(
    (obj for name in st.__all__ if attrs.has(obj := getattr(st, name))),
    key=lambda cls: cls.__name__,
)
A_DAY = datetime.date(1942, 11, 20)
A_MOMENT = datetime.datetime(1942, 11, 20, 12, 0)  # noqa: DTZ001 - a date's look-alike


def _wrong(annotation: str) -> list[object]:
    """Return values a field annotated *annotation* (as written in the model) must refuse."""
    wrong: list[object] = [object(), b"x", ["x"], {"x": 1}]
    if not annotation.startswith("float"):
        wrong.append(1.5)
    optional = annotation.endswith("| None")
    if not optional:
        wrong.append(None)
    if not annotation.startswith("str") and "Kind" not in annotation:
        wrong.append("Churchill")
    if not annotation.startswith(("int", "float")):
        wrong += [1, True]
    else:
        wrong += [True, "1"] + ([1.0] if annotation.startswith("int") else [])
    if annotation.startswith("tuple"):
        wrong += [("x", None), (1,), ("x", b"y")] if "str" in annotation else [("x",), (1,)]
    if annotation.startswith("datetime.date"):
        wrong += [A_MOMENT, "1942-11-20"]
    else:
        wrong.append(A_DAY)
    return wrong


def _label(value: object) -> str:
    """Name a wrong value the same in every process (an object's repr holds its address)."""
    return "object()" if type(value) is object else repr(value)


MATRIX = [
    pytest.param(cls, field.name, value, id=f"{cls.__name__}.{field.name}={_label(value)}")
    for cls in RECORDS
    for field in attrs.fields(cls)
    for value in _wrong(str(field.type))
]


class TestEveryField:
    """Every field of every public record refuses a value of the wrong type, naming itself."""

    def test_every_record_has_an_example(self) -> None:
        """The matrix covers every public record type."""
        assert set(RECORDS) == set(EXAMPLES)
        assert len(RECORDS) >= 10

    @pytest.mark.parametrize(("cls", "field", "value"), MATRIX)
    def test_wrong_type(self, cls: type, field: str, value: object) -> None:
        """Building the record raises RecordTypeError (a TypeError) naming Type.field."""
        with pytest.raises(RecordTypeError, match=rf"^{cls.__name__}\.{field}\b") as raised:
            attrs.evolve(EXAMPLES[cls], **{field: value})
        assert isinstance(raised.value, TypeError)
        assert isinstance(raised.value, ArgumentTypeError)
        assert len(str(raised.value)) < 300

    def test_matrix_is_large(self) -> None:
        """Hundreds of field and value pairs are tried."""
        assert len(MATRIX) >= 500

    @pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: cls.__name__)
    def test_good_ones_pass(self, cls: type) -> None:
        """A record rebuilt from its own fields passes its checks."""
        record = EXAMPLES[cls]
        assert record == attrs.evolve(record)

    def test_every_shipped_record_passes(self) -> None:
        """Every record of the packaged corpus, built without per-record checks, passes them."""
        corpus = st.load()
        seen = 0
        for message in corpus:
            check_record(message)
            for nested in (
                *message.footnote_marks,
                *message.source_lines,
                *message.corrections,
                *message.references,
                *message.mentions,
            ):
                check_record(nested)
                seen += 1
        for record in (*corpus.incoming(), *corpus.name_index):
            check_record(record)
            seen += 1
        assert seen > 5000


class TestRules:
    """Values of the right type that a record cannot hold are an InvalidRecordError."""

    @pytest.mark.parametrize(
        ("cls", "changes", "words"),
        [
            (st.LineSpan, {"start": 0}, "LineSpan.start: invalid line span 0-"),
            (st.LineSpan, {"start": 10**6}, "LineSpan.end: invalid line span 1000000-"),
            (st.Message, {"number": 0}, "Message.number"),
            (st.Message, {"recipients": ()}, "Message.recipients"),
            (st.Message, {"senders": ("",)}, "Message.senders"),
            (st.Message, {"id": ""}, "Message.id"),
            (st.Message, {"id": " 1942-11-20-churchill"}, "Message.id"),
            (st.Reference, {"start": -1}, "Reference.start"),
            (st.Reference, {"end": -1}, "Reference.end"),
            (st.Reference, {"count": 0}, "Reference.count"),
            (st.Mention, {"start": -5}, "Mention.start"),
            (st.FootnoteMark, {"line": 0}, "FootnoteMark.line"),
            (st.FootnoteMark, {"offset": -1}, "FootnoteMark.offset"),
            (st.Correction, {"kind": "typo"}, "Correction.kind"),
            (st.IncomingMessage, {"id": "\t"}, "IncomingMessage.id"),
            (st.Name, {"name": " "}, "Name.name"),
            (st.IndexEntry, {"count": -1}, "IndexEntry.count"),
            (st.Pair, {"similarity": 1.5}, "Pair.similarity"),
            (st.Pair, {"similarity": math.nan}, "Pair.similarity"),
            (st.Reference, {"kind": "mine"}, "Reference.kind"),
            (st.Name, {"kind": "planet"}, "Name.kind"),
            (st.Pair, {"kind": "near"}, "Pair.kind"),
        ],
    )
    def test_rule(self, cls: type, changes: dict[str, object], words: str) -> None:
        """The error names the record type and the field."""
        with pytest.raises((InvalidRecordError, RecordTypeError), match=words) as raised:
            attrs.evolve(EXAMPLES[cls], **changes)
        assert isinstance(raised.value, (InvalidArgumentError, ArgumentTypeError))

    def test_a_string_is_not_its_letters(self) -> None:
        """A str where a tuple of str belongs says how to write it."""
        with pytest.raises(RecordTypeError, match=r"write \('Churchill',\)"):
            attrs.evolve(EXAMPLES[st.Message], recipients="Churchill")

    def test_item_named(self) -> None:
        """A bad item of a tuple is named by its position."""
        with pytest.raises(
            RecordTypeError, match=r"^Message\.references\[1\]: expected a Reference"
        ):
            attrs.evolve(EXAMPLES[st.Message], references=(EXAMPLES[st.Reference], "x"))


class TestTheLoader:
    """The loader builds records without their own checks, and never loses one of their rules."""

    @pytest.mark.parametrize("table", _converter.tables(), ids=lambda t: t.cls.__name__)
    def test_rules_kept(self, table: _converter.Table[Any]) -> None:
        """Each table holds the records to their class's rules (a bad span is refused)."""
        assert getattr(table.cls, "_rules", None) is table._rules

    def test_builder_skips_checks(self) -> None:
        """The unchecked build makes the same records as the class, without the checks."""
        built = build_unchecked(st.LineSpan, [[1, 5], [2, 2]])
        assert st.LineSpan(1, 2) == built[0]
        assert (st.LineSpan, 5) == (type(built[1]), built[1].start)
        received = st.load().incoming()[0]
        names = tuple(f.name for f in attrs.fields(st.IncomingMessage))
        again = build_unchecked(st.IncomingMessage, [[getattr(received, n)] for n in names], names)
        assert (received,) == again

    @pytest.mark.parametrize("table", _converter.tables(), ids=lambda t: t.cls.__name__)
    def test_slots_as_init_fills_them(self, table: _converter.Table[Any]) -> None:
        """The unchecked build fills every slot as the class's own __init__ does."""
        record = EXAMPLES[table.cls]
        names = tuple(f.name for f in attrs.fields(table.cls))
        values = {name: getattr(record, name) for name in names}
        built = build_unchecked(table.cls, [[values[n]] for n in names], names)[0]
        made = object.__new__(table.cls)
        table.cls.__unchecked_init__(made, **values)
        slots = [
            s for c in table.cls.__mro__ for s in getattr(c, "__slots__", ()) if s != "__weakref__"
        ]
        assert [getattr(made, s) for s in slots] == [getattr(built, s) for s in slots]
        assert (record, hash(record)) == (built, hash(built))

    def test_deferred_field(self) -> None:
        """A field made on its first read is, for every reader, the field built with its value."""
        message = EXAMPLES[st.Message]
        names = tuple(f.name for f in attrs.fields(st.Message))
        values = {name: getattr(message, name) for name in names}
        made = {"mentions": [message.mentions], "references": [message.references]}

        def build() -> st.Message:
            later = Deferred({name: made[name].copy for name in made})
            values.update(dict.fromkeys(made, later))
            record = build_unchecked(st.Message, [[values[n]] for n in names], names)[0]
            later.records = (record,)
            return record

        deferred = build()
        assert Deferred is type(st.Message.mentions.__get__(deferred))
        assert (message.mentions, message) == (deferred.mentions, deferred)
        assert tuple is type(st.Message.mentions.__get__(deferred))
        later = build()
        again = pickle.loads(pickle.dumps(later))  # noqa: S301 - our own
        assert (repr(message), hash(message), message) == (repr(later), hash(later), again)
        assert message.references == attrs.evolve(later, number=1).references
        hints = typing.get_type_hints(st.Message)
        of_records = {
            name
            for name, hint in hints.items()
            if typing.get_origin(hint) is tuple and attrs.has(typing.get_args(hint)[0])
        }
        assert of_records == deferrable_fields(st.Message)

    @staticmethod
    def _deferred_pair(maker: typing.Callable[[], typing.Sequence[Any]]) -> tuple[Any, Any]:
        """Build two copies of a message whose mentions a Deferred holds, made by *maker*."""
        message = EXAMPLES[st.Message]
        names = tuple(f.name for f in attrs.fields(st.Message))
        later = Deferred({"mentions": maker})
        values = {name: getattr(message, name) for name in names} | {"mentions": later}
        columns = [[values[n], values[n]] for n in names]
        records = build_unchecked(st.Message, columns, names)
        later.records = records
        return records

    def test_deferred_column_made_once(self) -> None:
        """The first read makes the field in every record of the column, once."""
        calls: list[int] = []
        mentions = EXAMPLES[st.Message].mentions

        def maker() -> list[tuple[st.Mention, ...]]:
            calls.append(1)
            return [mentions, mentions[:1]]

        first, second = self._deferred_pair(maker)
        assert (mentions[:1], mentions) == (second.mentions, first.mentions)
        assert [1] == calls
        assert tuple is type(st.Message.mentions.__get__(first))

    def test_deferred_failure_leaves_the_field_unmade(self) -> None:
        """A maker that fails raises on the read; the next read tries again, no other value seen."""
        mentions = EXAMPLES[st.Message].mentions
        outcomes: list[object] = [RuntimeError("disk"), [mentions, mentions]]

        def maker() -> list[tuple[st.Mention, ...]]:
            outcome = outcomes.pop(0)
            if isinstance(outcome, Exception):
                raise outcome
            return typing.cast("list[tuple[st.Mention, ...]]", outcome)

        first, second = self._deferred_pair(maker)
        with pytest.raises(RuntimeError, match="disk"):
            _ = first.mentions
        assert Deferred is type(st.Message.mentions.__get__(second))
        assert (mentions, mentions) == (second.mentions, first.mentions)

    def test_deferred_reads_in_threads_agree(self) -> None:
        """Threads that read the field at once all get the one value made."""
        mentions = EXAMPLES[st.Message].mentions
        barrier = threading.Barrier(8)

        def maker() -> list[tuple[st.Mention, ...]]:
            return [(*mentions,), (*mentions,)]  # new tuples on each call

        first, second = self._deferred_pair(maker)
        seen: list[object] = []

        def read(record: st.Message) -> None:
            barrier.wait()
            seen.append(record.mentions)

        threads = [threading.Thread(target=read, args=((first, second)[i % 2],)) for i in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert 8 == len(seen)
        assert {id(first.mentions), id(second.mentions)} == {id(value) for value in seen}

    def test_plain_class_built_as_usual(self) -> None:
        """A class that checks nothing is called."""
        assert ((1, 2), (3, 4)) == build_unchecked(lambda a, b: (a, b), [[1, 3], [2, 4]])
        assert ({"a": 1},) == build_unchecked(dict, [[1]], ("a",))


class TestCheckOf:
    """check_of() derives a check from any annotation the records use, and refuses others."""

    @pytest.mark.parametrize(
        ("annotation", "good", "bad"),
        [
            (str, "x", 1),
            (int, 1, True),
            (float, 0.5, "0.5"),
            (bool, True, 1),
            (datetime.date, A_DAY, A_MOMENT),
            (typing.Optional[int], None, "1"),  # noqa: UP045 - the old spelling too
            (int | None, 1, 1.0),
            (tuple[str, ...], ("a",), ["a"]),
            (typing.Literal["a", "b"], "a", "c"),
            (st.LineSpan, st.LineSpan(1, 1), (1, 1)),
        ],
    )
    def test_annotation(self, annotation: object, good: object, bad: object) -> None:
        """The check passes a good value and names what it expected for a bad one."""
        check, what = check_of(annotation)
        assert (None, what) == (check(good), check(bad))

    @pytest.mark.parametrize("annotation", [list[str], tuple[str, int], dict, typing.Any])
    def test_unknown(self, annotation: object) -> None:
        """An annotation no record uses is a TypeError when the class is first checked."""
        with pytest.raises(TypeError, match="no check"):
            check_of(annotation)


class TestCorpus:
    """Corpus() checks that ids are unique and that incoming ids stay apart; not links."""

    def test_incoming_twice(self) -> None:
        """The same incoming record twice is refused."""
        received = st.load().incoming()[0]
        with pytest.raises(InvalidRecordError, match="two incoming messages have the id"):
            st.Corpus(incoming=[received, received])

    def test_incoming_with_a_message_id(self) -> None:
        """An incoming message with a message's id is refused."""
        message = st.load()[0]
        received = attrs.evolve(st.load().incoming()[0], id=message.id)
        with pytest.raises(InvalidRecordError, match="is the id of a message"):
            st.Corpus([message], incoming=[received])

    def test_messages_twice(self) -> None:
        """Two messages with one id are refused, naming the id."""
        message = st.load()[0]
        with pytest.raises(InvalidRecordError, match=message.id):
            st.Corpus([message, message])

    def test_links_outside_allowed(self) -> None:
        """A corpus of a user's messages may point outside itself."""
        message = next(m for m in st.load() if m.in_reply_to)
        assert 1 == len(st.Corpus([message]))
