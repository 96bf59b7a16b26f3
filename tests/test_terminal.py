"""Tests for stalin_telegrams._terminal: output in any encoding, write failures told apart."""

from __future__ import annotations

import errno
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stalin_telegrams._terminal import LOOK_ALIKES, Output, OutputError, fallback, holds_unicode

EM_DASH = "\u2014"


class TestHoldsUnicode:
    """holds_unicode() tells the encodings that hold any text from the others."""

    @pytest.mark.parametrize(
        ("encoding", "expected"),
        [
            ("utf-8", True),
            ("UTF8", True),
            ("utf-16-le", True),
            (None, True),
            ("ascii", False),
            ("latin-1", False),
            ("cp1252", False),
            ("no-such-codec", False),
        ],
    )
    def test_encodings(self, encoding: str | None, expected: bool) -> None:
        """UTF encodings hold any text; single-byte and unknown ones do not."""
        assert expected == holds_unicode(encoding)


class TestFallback:
    """fallback() replaces only what the encoding cannot hold."""

    def test_encodable_unchanged(self) -> None:
        """Text the encoding holds comes back as it was."""
        assert "caf\u00e9" == fallback("caf\u00e9", "latin-1")

    def test_look_alikes(self) -> None:
        """Dashes, quotes and ellipses become their ASCII look-alikes."""
        text = "".join(LOOK_ALIKES)
        assert "".join(LOOK_ALIKES.values()) == fallback(text, "ascii")

    def test_accents_dropped(self) -> None:
        """A letter with accents becomes the letter without them."""
        assert "Subasic" == fallback("\u0160uba\u0161i\u0107", "ascii")

    def test_compatibility_letters(self) -> None:
        """A ligature becomes its letters; a combining mark alone is escaped."""
        assert "fi\\u0301" == fallback("\ufb01\u0301", "ascii")

    def test_backslash_escape(self) -> None:
        """What has no look-alike is a backslash escape."""
        assert "\\u0421\\u0442" == fallback("\u0421\u0442", "ascii")

    def test_no_transliteration(self) -> None:
        """Without transliteration every character the encoding lacks is escaped."""
        assert "caf\\xe9 \\u2014" == fallback(f"caf\u00e9 {EM_DASH}", "ascii", transliterate=False)

    def test_only_what_is_missing(self) -> None:
        """Latin-1 keeps its own letters and guillemets; only the dash is replaced."""
        assert "\u00abcaf\u00e9\u00bb --" == fallback(f"\u00abcaf\u00e9\u00bb {EM_DASH}", "latin-1")

    @given(st.text(), st.sampled_from(["ascii", "latin-1", "cp1252"]), st.booleans())
    def test_always_encodable(self, text: str, encoding: str, transliterate: bool) -> None:
        """Whatever the text, the result can be encoded."""
        fallback(text, encoding, transliterate=transliterate).encode(encoding)


class _Broken(io.StringIO):
    """A stream whose writes fail with *error*."""

    def __init__(self, error: OSError) -> None:
        super().__init__()
        self.error = error

    def write(self, _text: str) -> int:
        raise self.error

    def flush(self) -> None:
        raise self.error


class TestOutput:
    """Output writes with the fallback and raises OutputError when writing fails."""

    def test_narrow_stream(self) -> None:
        """Text for an ASCII stream is written with the fallback."""
        raw = io.BytesIO()
        stream = io.TextIOWrapper(raw, encoding="ascii")
        out = Output(stream)
        print(f"Stalingrad{EM_DASH}caf\u00e9", file=out)
        out.flush()
        assert b"Stalingrad--cafe\n" == raw.getvalue()

    def test_export_not_transliterated(self) -> None:
        """Without transliteration, what the stream lacks is escaped."""
        raw = io.BytesIO()
        stream = io.TextIOWrapper(raw, encoding="ascii")
        out = Output(stream, transliterate=False)
        out.write(EM_DASH)
        out.flush()
        assert b"\\u2014" == raw.getvalue()

    def test_unicode_stream_untouched(self) -> None:
        """Text for a UTF-8 stream is written as it is."""
        stream = io.StringIO()
        out = Output(stream)
        out.write(EM_DASH)
        assert (EM_DASH, True) == (stream.getvalue(), out.holds_unicode)

    def test_closed(self) -> None:
        """A closed standard output (None) fails on the first write."""
        with pytest.raises(OutputError, match="it is closed") as raised:
            Output(None).write("x")
        assert errno.EBADF == raised.value.errno

    @pytest.mark.parametrize("code", [errno.EPIPE, errno.ENOSPC, errno.EBADF])
    def test_write_fails(self, code: int) -> None:
        """A failed write is an OutputError with the same errno."""
        out = Output(_Broken(OSError(code, "failed")))
        with pytest.raises(OutputError) as raised:
            out.write("x")
        assert code == raised.value.errno

    def test_flush_fails(self) -> None:
        """A failed flush is an OutputError with the same errno."""
        out = Output(_Broken(BrokenPipeError(errno.EPIPE, "Broken pipe")))
        with pytest.raises(OutputError) as raised:
            out.flush()
        assert errno.EPIPE == raised.value.errno
