"""Tests for stalin_telegrams._converter: the strict structuring hooks and the converter."""

from __future__ import annotations

import datetime
from typing import Any

import attrs
import pytest

from stalin_telegrams import (
    Correction,
    FootnoteMark,
    IncomingMessage,
    LineSpan,
    Mention,
    Message,
    Reference,
    ReplyLink,
    load,
)
from stalin_telegrams._converter import (
    SHOWN,
    FieldError,
    converter,
    correction,
    dates,
    describe,
    footnote_mark,
    incoming,
    integer,
    iso_date,
    key_problem,
    line_span,
    literal,
    message,
    optional_date,
    optional_integer,
    optional_string,
    reference,
    shorten,
    show,
    string,
    strings,
    structure_messages,
    tables,
    tuple_of,
    typed,
)
from stalin_telegrams.exceptions import CorpusDataError
from tests.factories import fake

#: A message whose every field differs from its default, so that a hook that
#: forgot a field would give it back changed.
FULL = fake(
    "1942-11-20-churchill",
    7,
    text="Text.",
    senders=("Stalin", "Churchill"),
    recipients=("Churchill", "Roosevelt"),
    heading="MESSAGE FROM STALIN",
    classification="PERSONAL AND SECRET",
    written_on=datetime.date(1942, 11, 20),
    sent_on=datetime.date(1942, 11, 21),
    place="Moscow",
    address="London",
    salutation="My dear Mr Churchill,",
    signature="J. STALIN",
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
    references=(
        Reference(
            phrase="my message",
            start=0,
            end=10,
            kind="own",
            authors=("Stalin",),
            addressees=("Churchill",),
            dates=(datetime.date(1942, 11, 19),),
            count=1,
            targets=("1942-11-19-churchill",),
        ),
    ),
    notes=("a note",),
    enclosed_in="1942-11-20-roosevelt",
    copy_of="1942-11-19-churchill",
    mentions=(Mention(name="Winston Churchill", start=0, end=4, surface="Text"),),
    reply_links=(ReplyLink("1942-11-18-churchill-to-stalin", ("answer", "thanks")),),
)
#: An incoming message with every field set.
INCOMING = IncomingMessage(
    id="1942-11-18-churchill-to-stalin",
    authors=("Churchill",),
    addressees=("Stalin",),
    date=datetime.date(1942, 11, 18),
    mentioned_in=("1942-11-20-churchill",),
    answered_by=("1942-11-20-churchill",),
    received_on=datetime.date(1942, 11, 19),
    reply_links=(ReplyLink("1942-11-17-churchill", ("answer",)),),
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


class TestTyped:
    """typed() makes a column checker of exact types."""

    def test_accepted(self) -> None:
        """A column of the types is returned as it is."""
        assert ["a", None] == typed("a string or null", str, type(None))(["a", None])

    def test_first_bad_named(self) -> None:
        """The first value of another type is named."""
        err = error(typed("a string", str), ["a", 2, 3.0])
        assert "expected a string, got an integer, 2" == str(err)


class TestString:
    """string accepts strings only."""

    def test_strings(self) -> None:
        """A column of strings is returned."""
        assert ["a", "b"] == string(["a", "b"])

    @pytest.mark.parametrize("value", [None, 1, ["a"], {"a": 1}])
    def test_other(self, value: object) -> None:
        """Anything else is an error."""
        assert error(string, ["a", value]).problem.startswith("expected a string, got")


class TestOptionalString:
    """optional_string accepts a string or null."""

    def test_accepted(self) -> None:
        """Strings and nulls are returned."""
        assert ["a", None] == optional_string(["a", None])

    def test_other(self) -> None:
        """A number is an error."""
        assert "expected a string or null, got an integer, 1" == str(error(optional_string, [1]))


class TestInteger:
    """integer accepts an integer that is not a boolean."""

    def test_integer(self) -> None:
        """Integers are returned."""
        assert [3, -1] == integer([3, -1])

    @pytest.mark.parametrize("value", [True, False, 3.0, "3", None])
    def test_other(self, value: object) -> None:
        """Booleans, floats and strings are errors, though True == 1 and 3.0 == 3."""
        assert error(integer, [1, value]).problem.startswith("expected an integer, got")


class TestStrings:
    """strings accepts arrays of strings, as tuples."""

    def test_arrays(self) -> None:
        """Arrays of strings become tuples."""
        assert [("a", "b"), ()] == strings([["a", "b"], []])

    def test_lone_string(self) -> None:
        """A lone string is an error, never its characters."""
        err = error(strings, [["a"], "Churchill"])
        assert "expected an array of strings, got a string, 'Churchill'" == str(err)

    def test_mixed(self) -> None:
        """An array with a non-string is an error."""
        assert "expected an array of strings, got an array of 2" == str(error(strings, [["a", 1]]))


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
    """optional_date accepts dates or nulls."""

    def test_dates_and_nulls(self) -> None:
        """Date strings become dates, nulls None."""
        assert [None, datetime.date(1945, 5, 9)] == optional_date([None, "1945-05-09"])

    def test_bad(self) -> None:
        """A bad date is an error."""
        assert "expected a date as YYYY-MM-DD, got a string, '9 May'" == str(
            error(optional_date, ["9 May"])
        )


class TestOptionalInteger:
    """optional_integer accepts an integer or null."""

    def test_accepted(self) -> None:
        """Integers and nulls are returned."""
        assert [1, None] == optional_integer([1, None])

    def test_boolean(self) -> None:
        """A boolean is an error."""
        assert "expected an integer or null, got a boolean, False" == str(
            error(optional_integer, [False])
        )


class TestDates:
    """dates accepts a column of dates."""

    def test_dates(self) -> None:
        """Date strings become dates."""
        assert [datetime.date(1945, 5, 9)] == dates(["1945-05-09"])

    def test_null(self) -> None:
        """Null is an error."""
        assert "expected a date as YYYY-MM-DD, got null" == str(error(dates, [None]))


class TestLiteral:
    """literal() accepts strings of a closed vocabulary."""

    def test_accepted(self) -> None:
        """Words of the vocabulary are returned."""
        assert ["own", "other"] == literal("own", "other")(["own", "other"])

    @pytest.mark.parametrize("value", ["Own", 1, ["own"]])
    def test_other(self, value: object) -> None:
        """Anything else is an error that lists the vocabulary."""
        err = error(literal("own", "other"), ["own", value])
        assert err.problem.startswith("expected one of 'own', 'other', got")


class TestTupleOf:
    """tuple_of() checks a column of arrays, their items in one run."""

    def test_records(self) -> None:
        """Each array becomes a tuple of records, in its place."""
        column = [[{"start": 1, "end": 2}], [], [{"start": 3, "end": 4}, {"start": 5, "end": 6}]]
        expected = [(LineSpan(1, 2),), (), (LineSpan(3, 4), LineSpan(5, 6))]
        assert expected == tuple_of(line_span)(column)

    def test_values(self) -> None:
        """Arrays of plain values become tuples of checked values."""
        assert [(datetime.date(1945, 5, 9),), ()] == tuple_of(dates)([["1945-05-09"], []])

    def test_not_array(self) -> None:
        """A non-array is an error."""
        assert "expected an array, got an object with keys []" == str(
            error(tuple_of(line_span), [[], {}])
        )

    def test_bad_value_located(self) -> None:
        """A bad plain value is named by its index in the array."""
        err = error(tuple_of(dates), [["1945-05-09", "1945-05-32"]])
        assert [1] == err.path
        assert err.problem.startswith("impossible date '1945-05-32'")


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


class TestTable:
    """A Table structures an array of records strictly, naming the bad record and field."""

    def test_records(self) -> None:
        """An array of objects becomes a tuple of records."""
        assert (LineSpan(1, 2), LineSpan(3, 3)) == line_span(
            [{"start": 1, "end": 2}, {"end": 3, "start": 3}]
        )

    def test_empty(self) -> None:
        """An empty array is an empty tuple."""
        assert () == line_span([])

    def test_not_array(self) -> None:
        """A non-array is an error."""
        assert "expected an array, got a string, 'x'" == str(error(line_span, "x"))

    @pytest.mark.parametrize(
        ("records", "expected"),
        [
            ([{"start": 1, "end": 2}, "x"], "[1]: expected an object, got a string, 'x'"),
            ([{"start": 1}], "[0]: fields: missing end"),
            ([{"start": 1, "end": 2, "x": 0}], "[0]: fields: unexpected 'x'"),
            (
                [{"start": 1, "end": 2}, {"start": 1, "x": 0}],
                "[1]: fields: missing end; unexpected 'x'",
            ),
            (
                [{"start": 1, "end": 2}, {"start": "1", "end": 2}],
                "[1].start: expected an integer, got a string, '1'",
            ),
            (
                [{"start": 5, "end": 2}],
                "[0]: LineSpan.end: invalid line span 5-2: it ends before it starts",
            ),
        ],
    )
    def test_bad_record(self, records: list[Any], expected: str) -> None:
        """The error names the record by index, then the field."""
        assert expected == str(error(line_span, records))

    def test_refused_chained(self) -> None:
        """A record its class refuses is an error chained to the class's."""
        err = error(line_span, [{"start": 5, "end": 2}])
        assert isinstance(err.__cause__, ValueError)

    def test_nested_path(self) -> None:
        """An error in a nested record names the outer record, the field, the inner record."""
        bad = record(FULL)
        bad["source_lines"][1]["end"] = "6"
        err = error(message, [record(FULL), record(FULL), bad])
        assert [2, "source_lines", 1, "end"] == err.path

    def test_one(self) -> None:
        """one() structures a single object."""
        assert FULL == message.one(record(FULL))

    @pytest.mark.parametrize("table", tables(), ids=lambda t: t.cls.__name__)
    def test_fields_of_class(self, table: Any) -> None:
        """Each table lists exactly the fields of its class, in their order."""
        assert tuple(f.name for f in attrs.fields(table.cls)) == table.names


class TestRecordTables:
    """Each record's table reads every field of its class."""

    @pytest.mark.parametrize(
        ("table", "value"),
        [
            (line_span, FULL.source_lines[0]),
            (footnote_mark, FULL.footnote_marks[0]),
            (correction, FULL.corrections[0]),
            (reference, FULL.references[0]),
            (message, FULL),
            (incoming(), INCOMING),
        ],
    )
    def test_round_trip(self, table: Any, value: Any) -> None:
        """A record whose fields all differ from their defaults comes back equal."""
        assert (value, value) == table([record(value), record(value)])

    def test_full_has_no_default(self) -> None:
        """FULL sets every field of Message to something other than its default."""
        defaults = [
            f.name
            for f in attrs.fields(Message)
            if f.default is not attrs.NOTHING and getattr(FULL, f.name) == f.default
        ]
        assert [] == defaults

    @pytest.mark.parametrize("name", message.names)
    def test_each_field_checked(self, name: str) -> None:
        """A message with any one field of the wrong type is refused, naming that field."""
        bad = record(FULL)
        bad[name] = {"wrong": "type"}
        assert [1, name] == error(message, [record(FULL), bad]).path

    def test_shipped_corpus(self) -> None:
        """Every shipped message goes through its table unchanged."""
        assert tuple(load()) == message([record(m) for m in load()])


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
