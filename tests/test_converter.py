"""Tests for stalin_telegrams._converter: the strict structuring hooks and the converter."""

from __future__ import annotations

import datetime
from typing import Any

import attrs
import pytest

from stalin_telegrams import Correction, FootnoteMark, LineSpan, Message, Reference, load
from stalin_telegrams._converter import (
    SHOWN,
    FieldError,
    array,
    converter,
    correction,
    describe,
    fields,
    footnote_mark,
    integer,
    iso_date,
    key_problem,
    line_span,
    message,
    names,
    optional_date,
    optional_string,
    reference,
    shorten,
    show,
    string,
    strings,
    structure_messages,
)
from stalin_telegrams.exceptions import CorpusDataError

#: A message whose every field differs from its default, so that a hook that
#: forgot a field would give it back changed.
FULL = Message(
    id="1942-11-20-churchill",
    number=7,
    sender="Stalin",
    recipients=("Churchill", "Roosevelt"),
    heading="MESSAGE FROM STALIN",
    classification="PERSONAL AND SECRET",
    written_on=datetime.date(1942, 11, 20),
    sent_on=datetime.date(1942, 11, 21),
    place="Moscow",
    address="London",
    salutation="My dear Mr Churchill,",
    signature="J. STALIN",
    text="Text.",
    footnote_marks=(FootnoteMark(mark="1", line=3, offset=4),),
    source_lines=(LineSpan(1, 2), LineSpan(5, 6)),
    corrections=(
        Correction(
            kind="erratum",
            line=1,
            wrong="a",
            right="b",
            reason="misread",
            added_in="0.2.0",
            added_on="2026-12-01",
        ),
    ),
    references=(Reference(phrase="my message", target="1942-11-19-churchill"),),
    notes=("a note",),
    enclosed_in="1942-11-20-roosevelt",
    copy_of="1942-11-19-churchill",
)


def record(value: Any) -> Any:
    """Unstructure a record with the package's converter."""
    return converter().unstructure(value)


def error(check: Any, *args: Any) -> FieldError:
    """Return the FieldError that *check* raises for *args*."""
    with pytest.raises(FieldError) as info:
        check(*args)
    return info.value


class TestFieldError:
    """FieldError says where the bad value is, as a path."""

    def test_path(self) -> None:
        """Keys and indexes make a dotted path with brackets."""
        err = FieldError("bad")
        err.path[:] = ["source_lines", 0, "start"]
        assert "source_lines[0].start: bad" == str(err)

    def test_no_path(self) -> None:
        """Without a path the problem stands alone."""
        assert "bad" == str(FieldError("bad"))


class TestShorten:
    """shorten() cuts long text."""

    def test_cut(self) -> None:
        """A long text is cut to SHOWN characters, ending in an ellipsis."""
        assert "x" * (SHOWN - 3) + "..." == shorten("x" * 1000)

    def test_short(self) -> None:
        """A short text is kept."""
        assert "x" * SHOWN == shorten("x" * SHOWN)

    def test_one_line(self) -> None:
        """Line breaks become spaces, so that a message stays on one line."""
        assert "a b c" == shorten("a\nb\r\nc")


class TestShow:
    """show() describes a JSON value briefly."""

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("a", "a string, 'a'"),
            (1, "an integer, 1"),
            (1.5, "a number, 1.5"),
            (True, "a boolean, True"),
            (None, "null"),
            ([1, 2], "an array of 2"),
            ({"b": 1, "a": 2}, "an object with keys ['a', 'b']"),
        ],
    )
    def test_types(self, value: object, expected: str) -> None:
        """Each JSON type is named, with its value or size."""
        assert expected == show(value)

    def test_long_value_cut(self) -> None:
        """A long value is cut."""
        assert len(show("x" * 10_000)) < SHOWN + 20


class TestString:
    """string() accepts a string only."""

    def test_string(self) -> None:
        """A string is returned."""
        assert "a" == string({"k": "a"}, "k")

    @pytest.mark.parametrize("value", [None, 1, ["a"], {"a": 1}])
    def test_other(self, value: object) -> None:
        """Anything else is an error naming the key."""
        assert ["k"] == error(string, {"k": value}, "k").path


class TestOptionalString:
    """optional_string() accepts a string or null."""

    @pytest.mark.parametrize("value", [None, "a"])
    def test_accepted(self, value: str | None) -> None:
        """A string or null is returned."""
        assert value == optional_string({"k": value}, "k")

    def test_other(self) -> None:
        """A number is an error."""
        assert (
            "expected a string or null, got an integer, 1"
            == error(optional_string, {"k": 1}, "k").problem
        )


class TestInteger:
    """integer() accepts an integer that is not a boolean."""

    def test_integer(self) -> None:
        """An integer is returned."""
        assert 3 == integer({"k": 3}, "k")

    @pytest.mark.parametrize("value", [True, False, 3.0, "3", None])
    def test_other(self, value: object) -> None:
        """Booleans, floats and strings are errors, though True == 1 and 3.0 == 3."""
        assert ["k"] == error(integer, {"k": value}, "k").path


class TestStrings:
    """strings() accepts an array of strings, as a tuple."""

    def test_array(self) -> None:
        """An array of strings becomes a tuple."""
        assert ("a", "b") == strings({"k": ["a", "b"]}, "k")

    def test_lone_string(self) -> None:
        """A lone string is an error, never its characters."""
        err = error(strings, {"k": "Churchill"}, "k")
        assert "k: expected an array of strings, got a string, 'Churchill'" == str(err)

    def test_mixed(self) -> None:
        """An array with a non-string is an error."""
        assert ["k"] == error(strings, {"k": ["a", 1]}, "k").path


class TestIsoDate:
    """iso_date() accepts a strict YYYY-MM-DD date on every Python."""

    def test_date(self) -> None:
        """A date string becomes a date."""
        assert datetime.date(1942, 11, 20) == iso_date("1942-11-20")

    @pytest.mark.parametrize(
        "value", ["19421120", "1942-W47-5", "1942-11-20T00:00", "20 November 1942", 19421120]
    )
    def test_other_forms(self, value: object) -> None:
        """Other ISO forms that newer Pythons read, and non-strings, are errors."""
        assert error(iso_date, value).problem.startswith("expected a date as YYYY-MM-DD")

    def test_impossible(self) -> None:
        """An impossible day is an error chained to datetime's."""
        err = error(iso_date, "1942-02-30")
        assert err.problem.startswith("impossible date '1942-02-30'")
        assert isinstance(err.__cause__, ValueError)


class TestOptionalDate:
    """optional_date() accepts a date or null."""

    def test_null(self) -> None:
        """Null is None."""
        assert optional_date({"k": None}, "k") is None

    def test_date(self) -> None:
        """A date string is a date."""
        assert datetime.date(1945, 5, 9) == optional_date({"k": "1945-05-09"}, "k")

    def test_bad(self) -> None:
        """A bad date names the key."""
        assert "k: expected a date as YYYY-MM-DD, got a string, '9 May'" == str(
            error(optional_date, {"k": "9 May"}, "k")
        )


class TestArray:
    """array() structures an array of records, naming the bad item."""

    def test_items(self) -> None:
        """Each item is structured."""
        spans = {"k": [{"start": 1, "end": 2}]}
        assert (LineSpan(1, 2),) == array(spans, "k", line_span)

    def test_not_array(self) -> None:
        """A non-array is an error."""
        assert "k: expected an array, got an object with keys []" == str(
            error(array, {"k": {}}, "k", line_span)
        )

    def test_bad_item(self) -> None:
        """The path names the key, the item and its field."""
        spans = {"k": [{"start": 1, "end": 2}, {"start": "3", "end": 4}]}
        assert ["k", 1, "start"] == error(array, spans, "k", line_span).path

    def test_refused_by_class(self) -> None:
        """A record its class refuses is an error chained to the class's."""
        err = error(array, {"k": [{"start": 5, "end": 2}]}, "k", line_span)
        assert "k[0]: invalid line span 5-2" == str(err)
        assert isinstance(err.__cause__, ValueError)


class TestFields:
    """fields() checks that an object has exactly the given keys."""

    def test_exact(self) -> None:
        """An object with exactly the keys is returned."""
        assert {"a": 1} == fields({"a": 1}, frozenset({"a"}))

    def test_not_object(self) -> None:
        """A non-object is an error."""
        assert "expected an object, got an array of 0" == str(error(fields, [], frozenset()))

    def test_missing_and_extra(self) -> None:
        """Missing and unexpected keys are both named."""
        err = error(fields, {"a": 1, "c": 2}, frozenset({"a", "b"}))
        assert "fields: missing b; unexpected 'c'" == str(err)


class TestKeyProblem:
    """key_problem() names missing and unexpected keys."""

    def test_missing(self) -> None:
        """Missing keys are listed in order."""
        assert "fields: missing a, b" == key_problem(set(), frozenset({"b", "a"}))

    def test_unexpected_quoted(self) -> None:
        """Unexpected keys are quoted, so that a key with a line break stays on one line."""
        assert "fields: unexpected 'a\\nb'" == key_problem({"a\nb"}, frozenset())

    def test_unexpected_cut(self) -> None:
        """A long list of unexpected keys is cut."""
        keys = {f"key{i}" for i in range(100)}
        assert len(key_problem(keys, frozenset(), "top-level keys")) < SHOWN + 40


class TestNames:
    """names() gives the field names of an attrs class."""

    def test_line_span(self) -> None:
        """A LineSpan has a start and an end."""
        assert frozenset({"start", "end"}) == names(LineSpan)


class TestRecordHooks:
    """Each record's hook reads every field of its class, and nothing else."""

    @pytest.mark.parametrize(
        ("hook", "value"),
        [
            (line_span, FULL.source_lines[0]),
            (footnote_mark, FULL.footnote_marks[0]),
            (correction, FULL.corrections[0]),
            (reference, FULL.references[0]),
            (message, FULL),
        ],
    )
    def test_round_trip(self, hook: Any, value: Any) -> None:
        """A record whose fields all differ from their defaults comes back equal."""
        assert value == hook(record(value))

    def test_full_has_no_default(self) -> None:
        """FULL sets every field of Message to something other than its default."""
        defaults = [
            f.name
            for f in attrs.fields(Message)
            if f.default is not attrs.NOTHING and getattr(FULL, f.name) == f.default
        ]
        assert [] == defaults

    @pytest.mark.parametrize("name", sorted(names(Message)))
    def test_each_field_checked(self, name: str) -> None:
        """A message with any one field of the wrong type is refused, naming that field."""
        bad = record(FULL)
        bad[name] = {"wrong": "type"}
        assert [name] == error(message, bad).path

    def test_shipped_corpus(self) -> None:
        """Every shipped message goes through its hook unchanged."""
        assert list(load()) == [message(record(m)) for m in load()]


class TestStructureMessages:
    """structure_messages() structures the messages array or says which message is bad."""

    def test_good(self) -> None:
        """Records become messages, in order."""
        assert (FULL,) == structure_messages([record(FULL)])

    def test_not_array(self) -> None:
        """A non-array is a CorpusDataError."""
        with pytest.raises(CorpusDataError, match="messages: expected an array, got null"):
            structure_messages(None)

    def test_names_message(self) -> None:
        """The error names the message by position and id, then the field."""
        bad = record(FULL)
        bad["source_lines"][1]["end"] = "6"
        with pytest.raises(CorpusDataError) as info:
            structure_messages([record(FULL), bad])
        expected = (
            "message #2 '1942-11-20-churchill': source_lines[1].end:"
            " expected an integer, got a string, '6'"
        )
        assert expected == str(info.value)
        assert isinstance(info.value.__cause__, FieldError)


class TestDescribe:
    """describe() names a message for an error."""

    def test_position_and_id(self) -> None:
        """Position (1-based) and id."""
        assert "message #3 'x'" == describe({"id": "x"}, 2)

    def test_no_id(self) -> None:
        """A record without a string id is named by position only."""
        assert "message #3" == describe({"id": 5}, 2)

    def test_long_id_cut(self) -> None:
        """A long id is cut."""
        assert len(describe({"id": "x" * 1000}, 0)) < SHOWN + 20


class TestConverter:
    """converter() uses the strict hooks for messages and dates."""

    def test_one_converter(self) -> None:
        """The converter is made once."""
        assert converter() is converter()

    def test_message(self) -> None:
        """A message record is structured by the strict hook."""
        assert FULL == converter().structure(record(FULL), Message)

    def test_messages(self) -> None:
        """A tuple of messages is structured by the strict hook."""
        assert (FULL,) == converter().structure([record(FULL)], tuple[Message, ...])

    def test_bad_message(self) -> None:
        """A bad record is a CorpusDataError naming the message and the field."""
        bad = record(FULL)
        bad["recipients"] = "Churchill"
        with pytest.raises(CorpusDataError) as info:
            converter().structure(bad, Message)
        expected = (
            "message '1942-11-20-churchill': recipients: expected an array of strings,"
            " got a string, 'Churchill'"
        )
        assert expected == str(info.value)

    def test_refused_message(self) -> None:
        """A record its class refuses is a CorpusDataError chained to the class's error."""
        bad = record(FULL)
        bad["source_lines"] = [{"start": 2, "end": 1}]
        with pytest.raises(CorpusDataError, match="invalid line span 2-1"):
            converter().structure(bad, Message)

    def test_dates(self) -> None:
        """Dates are strict ISO strings both ways."""
        assert "1942-11-20" == converter().unstructure(datetime.date(1942, 11, 20))
        assert datetime.date(1942, 11, 20) == converter().structure("1942-11-20", datetime.date)
        with pytest.raises(FieldError):
            converter().structure("19421120", datetime.date)
