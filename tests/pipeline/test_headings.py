"""Tests for stalin_telegrams.pipeline._headings."""

from __future__ import annotations

import pytest

from stalin_telegrams.pipeline import _headings


class TestIsCaps:
    """is_caps tells heading-like capital lines from prose."""

    @pytest.mark.parametrize(
        "line",
        ["J. V. STALIN TO W. CHURCHILL", "**TO THE PRIME MINISTER, Mr CHURCHILL**", "MEMORANDUM"],
    )
    def test_caps(self, line: str) -> None:
        """Capital lines, with 'Mr' allowed, are caps."""
        assert _headings.is_caps(line)

    @pytest.mark.parametrize("line", ["Washington", "Thank you for your message.", "2.", "U.S."])
    def test_not_caps(self, line: str) -> None:
        """Prose, and lines with fewer than three letters, are not."""
        assert not _headings.is_caps(line)


class TestParties:
    """parties reads senders and recipients from a heading."""

    @pytest.mark.parametrize(
        ("heading", "expected"),
        [
            ("J. V. STALIN TO F. ROOSEVELT", (("Stalin",), ("Roosevelt",))),
            ("PERSONAL MESSAGE FROM STALIN TO Mr CHURCHILL", (("Stalin",), ("Churchill",))),
            ("TO PRESIDENT ROOSEVELT FROM PREMIER STALIN", (("Stalin",), ("Roosevelt",))),
            (
                (
                    "FROM PREMIER J. V. STALIN TO THE PRESIDENT, Mr F. ROOSEVELT,"
                    " AND THE PRIME MINISTER, Mr W. CHURCHILL"
                ),
                (("Stalin",), ("Roosevelt", "Churchill")),
            ),
            (
                "MESSAGE TO PRESIDENT ROOSEVELT FROM MARSHAL STALIN AND PRIME MINISTER CHURCHILL",
                (("Stalin", "Churchill"), ("Roosevelt",)),
            ),
            (
                "REPLY FROM PREMIER STALIN TO MESSAGE FROM PRESIDENT ROOSEVELT",
                (("Stalin",), ("Roosevelt",)),
            ),
            ("TO MR WINSTON CHURCHILL", (("Stalin",), ("Churchill",))),
        ],
    )
    def test_parties(self, heading: str, expected: tuple[tuple[str, ...], tuple[str, ...]]) -> None:
        """FROM names senders, TO and FOR name recipients; Stalin by default."""
        assert expected == _headings.parties(heading)


class TestClassification:
    """Classification lines are recognised and split off headings."""

    @pytest.mark.parametrize(
        "line", ["PERSONAL AND SECRET", "MOST SECRET", "COPY. SECRET", "**SECRET AND PERSONAL"]
    )
    def test_is_classification(self, line: str) -> None:
        """Lines made only of classification words are classifications."""
        assert _headings.is_classification(line)

    def test_heading_is_not_classification(self) -> None:
        """A heading that begins with a classification is not one."""
        assert not _headings.is_classification("PERSONAL AND SECRET MESSAGE FROM PREMIER STALIN")

    def test_split(self) -> None:
        """The leading classification is split from the rest of the heading."""
        assert ("PERSONAL AND SECRET", "MESSAGE FROM PREMIER STALIN") == (
            _headings.split_classification("PERSONAL AND SECRET MESSAGE FROM PREMIER STALIN")
        )

    def test_signature(self) -> None:
        """Stalin's signatures are recognised in their printed forms."""
        assert all(map(_headings.is_signature, ["J. STALIN", "STALIN", "J. V. STALIN"]))
        assert not _headings.is_signature("J. V. STALIN TO W. CHURCHILL")

    def test_classification_words(self) -> None:
        """classification() gives a classification line's words, without markup or full stop."""
        assert "PERSONAL AND SECRET" == _headings.classification("*PERSONAL AND SECRET.*")

    def test_not_a_classification(self) -> None:
        """classification() gives None for any other line."""
        assert _headings.classification("MESSAGE FROM PREMIER STALIN") is None

    def test_split_without_classification(self) -> None:
        """A heading without a leading classification is left whole."""
        assert (None, "TO PRESIDENT ROOSEVELT") == _headings.split_classification(
            "TO PRESIDENT ROOSEVELT"
        )


class TestTidy:
    """tidy() normalises spaces and drops a closing full stop."""

    @pytest.mark.parametrize(
        ("heading", "expected"),
        [
            ("TO  Mr CHURCHILL. ", "TO Mr CHURCHILL"),
            ("TO THE U.S.S.R.", "TO THE U.S.S.R."),
            ("TO W.", "TO W."),
            ("TO ROOSEVELT", "TO ROOSEVELT"),
        ],
    )
    def test_tidy(self, heading: str, expected: str) -> None:
        """A full stop after a word goes; one ending an abbreviation or initial stays."""
        assert expected == _headings.tidy(heading)


class TestHeadingKeyword:
    """heading_keyword() finds the words that mark a caps line as a heading."""

    def test_keyword(self) -> None:
        """TO, FROM, MESSAGE and the like mark a heading; other caps words do not."""
        assert [True, False] == [
            _headings.heading_keyword(text) for text in ("**MESSAGE** OF THANKS", "GOOD WISHES")
        ]


class TestPartiesRepeated:
    """parties() names each leader once."""

    def test_repeated_recipient(self) -> None:
        """A recipient named twice is listed once."""
        assert (("Stalin",), ("Churchill",)) == _headings.parties(
            "FROM STALIN TO CHURCHILL, FOR CHURCHILL ONLY"
        )
