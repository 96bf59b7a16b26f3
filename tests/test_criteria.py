"""The criteria, stated once: the signatures of both filter_by and the command line's options."""

from __future__ import annotations

import datetime
import inspect

import attrs
import pytest

import stalin_telegrams as st
from stalin_telegrams._criteria import CRITERIA, OPTIONS, Criteria, reject_unknown
from stalin_telegrams.exceptions import CriterionTypeError


class TestCriteria:
    """Criteria names the criteria once, in order."""

    def test_names(self) -> None:
        """The criteria are the fields of Criteria, in order."""
        assert tuple(f.name for f in attrs.fields(Criteria)) == CRITERIA

    def test_defaults(self) -> None:
        """Every criterion not given is None."""
        criteria = Criteria(year=1943)
        assert {"year": 1943} == {
            n: getattr(criteria, n) for n in CRITERIA if getattr(criteria, n) is not None
        }


class TestSignatures:
    """filter_by and Corpus.filter_by show the criteria as keywords."""

    def test_function(self) -> None:
        """filter_by takes the messages, then every criterion as a keyword defaulting to None."""
        parameters = inspect.signature(st.filter_by).parameters
        assert ("messages", *CRITERIA) == tuple(parameters)
        assert [inspect.Parameter.KEYWORD_ONLY] * len(CRITERIA) == [
            parameters[name].kind for name in CRITERIA
        ]
        assert {None} == {p.default for p in parameters.values()}

    def test_method(self) -> None:
        """Corpus.filter_by takes self, then every criterion as a keyword."""
        assert ("self", *CRITERIA) == tuple(inspect.signature(st.Corpus.filter_by).parameters)

    def test_documented(self) -> None:
        """The functions keep their names and docstrings."""
        assert ("filter_by", "filter_by") == (st.filter_by.__name__, st.Corpus.filter_by.__name__)
        assert "Select the messages" in (st.filter_by.__doc__ or "")


class TestRejectUnknown:
    """reject_unknown() stops a misspelt criterion with a suggestion."""

    def test_known(self) -> None:
        """Known criteria pass."""
        reject_unknown(["year", "on"], "f()")

    def test_unknown(self) -> None:
        """The first unknown name, in sorted order, is named with the criterion meant."""
        with pytest.raises(
            CriterionTypeError, match=r"^f\(\): unknown criterion 'yaer'; did you mean 'year'\?"
        ):
            reject_unknown(["yaer", "zzz"], "f()")


class TestOptions:
    """The command line's options are made from the criteria, and read their text alike."""

    def test_every_criterion_but_ids(self) -> None:
        """Every criterion but ids and ignore_accents is an option, in order."""
        assert tuple(n for n in CRITERIA if n not in {"ids", "ignore_accents"}) == tuple(OPTIONS)

    @pytest.mark.parametrize(
        ("name", "text", "value"),
        [
            ("year", "1943", 1943),
            ("month", "2", 2),
            ("on", "1942-11-20", datetime.date(1942, 11, 20)),
            ("sender", "Stalin", "Stalin"),
        ],
    )
    def test_reads(self, name: str, text: str, value: object) -> None:
        """Each option reads its text into the criterion's value."""
        assert value == OPTIONS[name].parse(text)

    @pytest.mark.parametrize(
        ("name", "text", "message"),
        [
            ("year", "nineteen", "not a year in ASCII digits: 'nineteen'"),
            ("year", "1_943", "not a year in ASCII digits: '1_943'"),
            ("year", "\uff11\uff19\uff14\uff13", "not a year in ASCII digits"),
            ("month", "13", "not a month number from 1 to 12: '13'"),
            ("month", "x", "not a month number from 1 to 12: 'x'"),
            ("after", "19421120", "'19421120' is not an ISO date (YYYY-MM-DD"),
            (
                "before",
                "1942-02-30",
                "'1942-02-30' is not an ISO date: the calendar has no such day",
            ),
        ],
    )
    def test_refuses(self, name: str, text: str, message: str) -> None:
        """Unreadable text raises ValueError naming the text and the form expected."""
        with pytest.raises(ValueError, match="^" + message.replace("(", r"\(")):
            OPTIONS[name].parse(text)
