"""Bad arguments to the public API: each raises the package's own error, saying what was expected.

Every case names the call, the exception class (also a built-in exception)
and words its message must hold: the argument, what it accepts, what it got.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable

import pytest

import stalin_telegrams as st
from stalin_telegrams.exceptions import (
    ArgumentTypeError,
    CriterionTypeError,
    InvalidArgumentError,
    InvalidCriterionError,
    InvalidRecordError,
    MessageIndexError,
    RecordTypeError,
    StalinTelegramsError,
    UnknownMessageError,
)
from tests.factories import fake

A = fake("a", 1)
B = fake("b", 2)
#: A message dated in 1942, so that year=1942 names something.
D = fake("d", 3, on="1942-05-01")
#: How long an error message may grow, whatever the value that caused it.
LONGEST = 300

Case = tuple[str, Callable[[], object], type[Exception], type[Exception], tuple[str, ...]]

CASES: list[Case] = [
    # messages that are not messages
    (
        "filter_by with a positional string",
        lambda: st.filter_by("Churchill"),  # type: ignore[arg-type]
        ArgumentTypeError,
        TypeError,
        ("messages:", "iterable of Message", "got str 'Churchill'", "recipient='Churchill'"),
    ),
    (
        "filter_by with numbers for messages",
        lambda: st.filter_by([1, 2], year=1943),  # type: ignore[list-item]
        ArgumentTypeError,
        TypeError,
        ("messages:", "Message", "got int 1 at position 0"),
    ),
    (
        "filter_by with a number for messages",
        lambda: st.filter_by(5),  # type: ignore[arg-type]
        ArgumentTypeError,
        TypeError,
        ("messages:", "iterable of Message", "got int 5"),
    ),
    (
        "duplicates of strings",
        lambda: st.duplicates(["a"]),  # type: ignore[list-item]
        ArgumentTypeError,
        TypeError,
        ("messages:", "Message", "got str 'a' at position 0"),
    ),
    (
        "thread_of in strings",
        lambda: st.thread_of("a", ["a"]),  # type: ignore[list-item]
        ArgumentTypeError,
        TypeError,
        ("messages:", "got str 'a' at position 0"),
    ),
    (
        "Corpus of strings",
        lambda: st.Corpus(["a"]),  # type: ignore[list-item]
        ArgumentTypeError,
        TypeError,
        ("messages:", "Message", "got str 'a' at position 0"),
    ),
    (
        "Corpus of a string",
        lambda: st.Corpus("abc"),  # type: ignore[arg-type]
        ArgumentTypeError,
        TypeError,
        ("messages:", "got str 'abc'"),
    ),
    (
        "Corpus with one id twice",
        lambda: st.Corpus([A, fake("a", 2)]),
        InvalidRecordError,
        ValueError,
        ("messages:", "two messages have the id 'a'", "unique"),
    ),
    (
        "Corpus with aliases that are not a mapping",
        lambda: st.Corpus([A], ["old"]),  # type: ignore[arg-type]
        ArgumentTypeError,
        TypeError,
        ("aliases:", "mapping", "got list ['old']"),
    ),
    (
        "Corpus with an alias to a number",
        lambda: st.Corpus([A], {"old": 1}),  # type: ignore[dict-item]
        ArgumentTypeError,
        TypeError,
        ("aliases:", "str to str", "'old': 1"),
    ),
    # ids and indexes
    (
        "get with an int",
        lambda: st.Corpus([A]).get(5),  # type: ignore[arg-type]
        ArgumentTypeError,
        TypeError,
        ("message_id:", "message id (str)", "got int 5"),
    ),
    (
        "get with bytes",
        lambda: st.Corpus([A]).get(b"a"),  # type: ignore[arg-type]
        ArgumentTypeError,
        TypeError,
        ("message_id:", "got bytes b'a'"),
    ),
    (
        "index with a float",
        lambda: st.Corpus([A])[5.0],  # type: ignore[call-overload]
        ArgumentTypeError,
        TypeError,
        ("an int, a slice, or a message id (str)", "got float 5.0"),
    ),
    (
        "index with None",
        lambda: st.Corpus([A])[None],  # type: ignore[call-overload]
        ArgumentTypeError,
        TypeError,
        ("an int, a slice, or a message id (str)", "got NoneType None"),
    ),
    (
        "index past the end",
        lambda: st.Corpus([A, B])[2],
        MessageIndexError,
        IndexError,
        ("index 2 out of range", "2 messages", "0 to 1", "-2 to -1"),
    ),
    (
        "index before the start",
        lambda: st.Corpus([A, B])[-3],
        MessageIndexError,
        IndexError,
        ("index -3 out of range",),
    ),
    (
        "index into an empty corpus",
        lambda: st.Corpus()[0],
        MessageIndexError,
        IndexError,
        ("index 0 out of range", "0 messages", "no positions"),
    ),
    (
        "unknown id",
        lambda: st.Corpus([A])["b"],
        UnknownMessageError,
        KeyError,
        ("no message with id 'b'",),
    ),
    (
        "thread_of a number",
        lambda: st.thread_of(5, [A]),  # type: ignore[arg-type]
        CriterionTypeError,
        TypeError,
        ("message_or_id:", "Message, an IncomingMessage or an id (str)", "got int 5"),
    ),
    (
        "thread_of an id not searched",
        lambda: st.thread_of("b", [A]),
        UnknownMessageError,
        KeyError,
        ("no message with id 'b'",),
    ),
    # thresholds
    (
        "threshold as a string",
        lambda: st.duplicates([A], threshold="0.7"),  # type: ignore[arg-type]
        CriterionTypeError,
        TypeError,
        ("threshold:", "real number in (0, 1]", "got str '0.7'"),
    ),
    (
        "threshold as a bool",
        lambda: st.duplicates([A], threshold=True),
        CriterionTypeError,
        TypeError,
        ("threshold:", "got bool True"),
    ),
    (
        "threshold of zero",
        lambda: st.duplicates([A], threshold=0),
        InvalidCriterionError,
        ValueError,
        ("threshold:", "(0, 1]", "got 0"),
    ),
    (
        "threshold above one",
        lambda: st.duplicates([A], threshold=1.5),
        InvalidCriterionError,
        ValueError,
        ("threshold:", "got 1.5"),
    ),
    (
        "threshold not a number",
        lambda: st.duplicates([A], threshold=math.nan),
        InvalidCriterionError,
        ValueError,
        ("threshold:", "got nan"),
    ),
    (
        "negative threshold to the method",
        lambda: st.Corpus([A]).duplicates(threshold=-1),
        InvalidCriterionError,
        ValueError,
        ("threshold:", "got -1"),
    ),
    # dates: strict ISO YYYY-MM-DD on every Python
    (
        "basic ISO date without dashes",
        lambda: st.filter_by([A], on="19421120"),
        InvalidCriterionError,
        ValueError,
        ("on='19421120'", "not an ISO date", "YYYY-MM-DD"),
    ),
    (
        "ISO week date",
        lambda: st.filter_by([A], after="1942-W47-5"),
        InvalidCriterionError,
        ValueError,
        ("after='1942-W47-5'", "not an ISO date"),
    ),
    (
        "date and time",
        lambda: st.filter_by([A], before="1942-11-20T00:00"),
        InvalidCriterionError,
        ValueError,
        ("before='1942-11-20T00:00'", "not an ISO date"),
    ),
    (
        "date with spaces around it",
        lambda: st.filter_by([A], on=" 1942-11-20"),
        InvalidCriterionError,
        ValueError,
        ("on=' 1942-11-20'", "not an ISO date"),
    ),
    (
        "date with digits of another script",
        lambda: st.filter_by([A], on="\u0661\u0669\u0664\u0662-\u0661\u0661-\u0662\u0660"),
        InvalidCriterionError,
        ValueError,
        ("on=", "not an ISO date"),
    ),
    (
        "day not in the calendar",
        lambda: st.filter_by([A], on="1943-02-29"),
        InvalidCriterionError,
        ValueError,
        ("on='1943-02-29'", "no such day"),
    ),
    (
        "datetime for a date",
        lambda: st.filter_by([A], on=datetime.datetime(1942, 11, 20)),  # noqa: DTZ001 - the wrong type on purpose
        CriterionTypeError,
        TypeError,
        ("on:", "datetime.date or an ISO date str", "datetime"),
    ),
    # criteria
    (
        "criterion given by position",
        lambda: st.filter_by([A], "Churchill"),  # type: ignore[call-arg]
        CriterionTypeError,
        TypeError,
        ("filter_by()", "criteria as keywords", "2 positional arguments"),
    ),
    (
        "criterion given by position to the method",
        lambda: st.Corpus([A]).filter_by("Churchill"),  # type: ignore[call-arg]
        CriterionTypeError,
        TypeError,
        ("filter_by()", "criteria as keywords"),
    ),
    (
        "misspelt criterion",
        lambda: st.filter_by([A], recipent="Churchill"),  # type: ignore[call-arg]
        CriterionTypeError,
        TypeError,
        ("unknown criterion 'recipent'", "did you mean 'recipient'?", "Criteria are: sender"),
    ),
    (
        "month as a float",
        lambda: st.filter_by([A], month=2.0),  # type: ignore[arg-type]
        CriterionTypeError,
        TypeError,
        ("month:", "int", "got float 2.0"),
    ),
    (
        "month out of range",
        lambda: st.filter_by([A], month=13),
        InvalidCriterionError,
        ValueError,
        ("month=13", "1 (January) to 12 (December)"),
    ),
    # numbers too large to show or to convert
    (
        "year with 5000 digits",
        lambda: st.filter_by([A], year=10**5000),
        InvalidCriterionError,
        ValueError,
        ("year=an int of about 5,001 digits", "names nothing"),
    ),
    (
        "index with 5000 digits",
        lambda: st.Corpus([A])[10**5000],
        MessageIndexError,
        IndexError,
        ("an int of about 5,001 digits", "out of range"),
    ),
    (
        "negative index with 5000 digits",
        lambda: st.Corpus([A])[-(10**5000)],
        MessageIndexError,
        IndexError,
        ("an int of about 5,001 digits",),
    ),
    (
        "threshold too large for a float",
        lambda: st.duplicates([A, B], threshold=10**400),
        InvalidCriterionError,
        ValueError,
        ("threshold:", "(0, 1]", "an int of about 401 digits"),
    ),
    (
        "Corpus.duplicates threshold too large for a float",
        lambda: st.Corpus([A, B]).duplicates(threshold=10**400),
        InvalidCriterionError,
        ValueError,
        ("threshold:",),
    ),
    (
        "month with 5000 digits",
        lambda: st.filter_by([A], month=10**5000),
        InvalidCriterionError,
        ValueError,
        ("month=an int of about 5,001 digits",),
    ),
    # slices
    (
        "slice of str",
        lambda: st.Corpus([A, B])["a":"b"],  # type: ignore[misc]
        ArgumentTypeError,
        TypeError,
        ("sliced by int positions", "got str 'a'"),
    ),
    (
        "slice with step 0",
        lambda: st.Corpus([A, B])[::0],
        InvalidArgumentError,
        ValueError,
        ("step cannot be 0",),
    ),
    (
        "slice of floats",
        lambda: st.Corpus([A, B])[1.5:3],  # type: ignore[misc]
        ArgumentTypeError,
        TypeError,
        ("slice start", "got float 1.5"),
    ),
    (
        "slice stop an object",
        lambda: st.Corpus([A, B])[: object()],  # type: ignore[misc]
        ArgumentTypeError,
        TypeError,
        ("slice stop",),
    ),
    # keywords given by position, or misspelt
    (
        "duplicates with a positional threshold",
        lambda: st.duplicates([A, B], 0.5),  # type: ignore[misc]
        ArgumentTypeError,
        TypeError,
        ("duplicates(messages=None, *, threshold=0.7)", "threshold is keyword-only"),
    ),
    (
        "Corpus.duplicates with a positional threshold",
        lambda: st.Corpus([A, B]).duplicates(0.5),  # type: ignore[misc]
        ArgumentTypeError,
        TypeError,
        ("Corpus.duplicates", "keyword-only"),
    ),
    (
        "duplicates with a misspelt keyword",
        lambda: st.duplicates([A, B], thresh=0.5),  # type: ignore[call-arg]
        ArgumentTypeError,
        TypeError,
        ("unexpected keyword argument 'thresh'",),
    ),
    (
        "thread_of with a positional flag",
        lambda: st.Corpus([A]).thread_of("a", True),  # type: ignore[misc]  # noqa: FBT003
        ArgumentTypeError,
        TypeError,
        ("include_incoming is keyword-only",),
    ),
    (
        "similarity with one message",
        lambda: st.similarity(A),  # type: ignore[call-arg]
        ArgumentTypeError,
        TypeError,
        ("similarity(first, second)", "second"),
    ),
    # criteria that contradict each other
    (
        "year and a day of another year",
        lambda: st.filter_by([D], year=1942, on="1943-02-16"),
        InvalidCriterionError,
        ValueError,
        ("year=1942", "on='1943-02-16'", "no day"),
    ),
    (
        "month and a day of another month",
        lambda: st.filter_by([D], month=2, on="1943-03-01"),
        InvalidCriterionError,
        ValueError,
        ("month=2", "on='1943-03-01'", "no day"),
    ),
    (
        "year and an after in the next year",
        lambda: st.filter_by([D], year=1942, after="1943-01-01"),
        InvalidCriterionError,
        ValueError,
        ("year=1942", "after='1943-01-01'"),
    ),
    (
        "year and a before in it first day",
        lambda: st.filter_by([D], year=1942, before="1942-01-01"),
        InvalidCriterionError,
        ValueError,
        ("no day",),
    ),
    (
        "month outside an after-before window",
        lambda: st.filter_by([D], month=5, after="1942-01-01", before="1942-03-01"),
        InvalidCriterionError,
        ValueError,
        ("month=5",),
    ),
    # export paths and URLs
    (
        "to_parquet of None",
        lambda: st.Corpus([A]).to_parquet(None),  # type: ignore[arg-type]
        ArgumentTypeError,
        TypeError,
        ("path:", "file path", "got NoneType None"),
    ),
    (
        "to_cmif of bytes",
        lambda: st.Corpus([A]).to_cmif(b"out.xml"),  # type: ignore[arg-type]
        ArgumentTypeError,
        TypeError,
        ("path:", "got bytes"),
    ),
    (
        "to_sqlite of a file descriptor",
        lambda: st.Corpus([A]).to_sqlite(1),  # type: ignore[arg-type]
        ArgumentTypeError,
        TypeError,
        ("path:", "got int 1"),
    ),
    (
        "to_datapackage with a NUL",
        lambda: st.Corpus([A]).to_datapackage("out\0dir"),
        InvalidArgumentError,
        ValueError,
        ("folder:", "NUL"),
    ),
    (
        "to_cmif with a number for url",
        lambda: st.Corpus([A]).to_cmif("out.xml", url=123),  # type: ignore[arg-type]
        ArgumentTypeError,
        TypeError,
        ("url: expected a str or None", "got int 123"),
    ),
    (
        "to_cmif with a control character in url",
        lambda: st.Corpus([A]).to_cmif("out.xml", url="http://x\x01y"),
        InvalidArgumentError,
        ValueError,
        ("url:", "control characters"),
    ),
    # pairwise functions
    (
        "similarity of a string",
        lambda: st.similarity("a", A),  # type: ignore[arg-type]
        ArgumentTypeError,
        TypeError,
        ("first:", "expected a Message", "got str 'a'"),
    ),
    (
        "word_diff with None",
        lambda: st.word_diff(A, None),  # type: ignore[arg-type]
        ArgumentTypeError,
        TypeError,
        ("second:", "expected a Message", "got NoneType None"),
    ),
]


#: Records built with a bad field, as users wrote them; each fails where it is built.
BAD_RECORDS: dict[str, tuple[Callable[[], object], type[Exception], str]] = {
    "recipients a str": (
        lambda: fake("x", 1, recipients="Churchill"),
        RecordTypeError,
        "Message.recipients",
    ),
    "written_on a str": (
        lambda: fake("x", 1, written_on="1942-01-01"),
        RecordTypeError,
        "Message.written_on",
    ),
    "text None": (lambda: fake("x", 1, text=None, heading=None), RecordTypeError, "Message."),
    "number None": (lambda: fake("x", None), RecordTypeError, "Message.number"),  # type: ignore[arg-type]
    "references of str": (
        lambda: fake("x", 1, references=("x",)),
        RecordTypeError,
        "Message.references[0]",
    ),
    "senders a list": (
        lambda: fake("x", 1, senders=["Stalin"]),
        RecordTypeError,
        "Message.senders",
    ),
    "number a bool": (lambda: fake("x", number=True), RecordTypeError, "Message.number"),
    "no recipients": (
        lambda: fake("x", 1, recipients=()),
        InvalidRecordError,
        "Message.recipients",
    ),
    "span reversed": (lambda: st.LineSpan(5, 2), InvalidRecordError, "LineSpan.end"),
    "span of str": (lambda: st.LineSpan("1", 2), RecordTypeError, "LineSpan.start"),  # type: ignore[arg-type]
    "incoming date a str": (
        lambda: st.IncomingMessage(
            id="i", authors=("Churchill",), addressees=("Stalin",), date="1942"
        ),  # type: ignore[arg-type]
        RecordTypeError,
        "IncomingMessage.date",
    ),
}
#: Every operation a user's messages go through.
OPERATIONS: dict[str, Callable[[object], object]] = {
    "Corpus": lambda m: st.Corpus([m]),  # type: ignore[list-item]
    "filter_by": lambda m: st.filter_by([m], year=1942),  # type: ignore[list-item]
    "thread_of": lambda m: st.thread_of("x", [m]),  # type: ignore[list-item]
    "duplicates": lambda m: st.duplicates([m, A]),  # type: ignore[list-item]
    "similarity": lambda m: st.similarity(m, A),  # type: ignore[arg-type]
    "to_records": lambda m: st.Corpus([m]).to_records(),  # type: ignore[list-item]
    "incoming": lambda m: st.Corpus([A], incoming=[m]),  # type: ignore[list-item]
    "citation": lambda m: m.citation(),  # type: ignore[attr-defined]
}


class TestBadRecords:
    """A record with a bad field fails where it is built, whatever it was built for."""

    @pytest.mark.parametrize("operation", OPERATIONS.values(), ids=OPERATIONS)
    @pytest.mark.parametrize(("make", "error", "words"), BAD_RECORDS.values(), ids=BAD_RECORDS)
    def test_matrix(
        self,
        make: Callable[[], object],
        error: type[Exception],
        words: str,
        operation: Callable[[object], object],
    ) -> None:
        """The one error is the record's own, naming the field, never one from deep inside."""
        with pytest.raises(error, match=re.escape(words)):
            operation(make())


class TestBadArguments:
    """Every bad argument raises the package's error, also a built-in one, with a clear message."""

    @pytest.mark.parametrize(
        ("call", "error", "builtin", "words"),
        [pytest.param(*case[1:], id=case[0]) for case in CASES],
    )
    def test_case(
        self,
        call: Callable[[], object],
        error: type[Exception],
        builtin: type[Exception],
        words: tuple[str, ...],
    ) -> None:
        """The call raises exactly *error*, also a *builtin*, whose message holds *words*."""
        with pytest.raises(StalinTelegramsError) as caught:
            call()
        assert (error, True) == (type(caught.value), isinstance(caught.value, builtin))
        assert [] == [w for w in words if w not in str(caught.value)]

    def test_enough_cases(self) -> None:
        """The suite tries at least sixty kinds of bad argument."""
        assert len(CASES) >= 60

    def test_long_values_are_cut(self) -> None:
        """A huge bad value is cut in the message, which stays short."""
        with pytest.raises(InvalidCriterionError) as caught:
            st.filter_by([A], recipient="x" * 100_000)
        assert len(str(caught.value)) < LONGEST
        with pytest.raises(ArgumentTypeError) as typed:
            st.Corpus([A]).get(list(range(100_000)))  # type: ignore[arg-type]
        assert len(str(typed.value)) < LONGEST

    def test_sequence_protocol_kept(self) -> None:
        """Iteration, index() and reversed() work through IndexError as on any sequence."""
        corpus = st.Corpus([A, B])
        assert ([A, B], 1, [B, A]) == (list(corpus), corpus.index(B), list(reversed(corpus)))
