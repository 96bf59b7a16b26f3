"""Static checks of the public API's types: ``mypy --strict typing_tests``.

Never run; mypy checks that every ``assert_type`` holds.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from typing_extensions import assert_type

import stalin_telegrams as st
from stalin_telegrams.exceptions import (
    ArgumentTypeError,
    CriterionTypeError,
    InvalidArgumentError,
    MessageIndexError,
    StalinTelegramsError,
    UnknownMessageError,
    UnsupportedFormatError,
)


def check_api() -> None:
    """Exercise the public names with their documented types."""
    corpus = st.load()
    assert_type(corpus, st.Corpus)
    assert_type(corpus[0], st.Message)
    assert_type(corpus["1942-11-20-churchill"], st.Message)
    assert_type(corpus[1:3], st.Corpus)
    assert_type(corpus.get("1942-11-20-churchill"), st.Message)
    assert_type(corpus.ids, tuple[str, ...])

    message = corpus[0]
    assert_type(message.id, str)
    assert_type(message.senders, tuple[str, ...])
    assert_type(message.sender, str)
    assert_type(message.recipients, tuple[str, ...])
    assert_type(message.written_on, datetime.date | None)
    assert_type(message.date, datetime.date | None)
    assert_type(message.year, int | None)
    assert_type(message.source_lines, tuple[st.LineSpan, ...])
    assert_type(message.corrections, tuple[st.Correction, ...])
    assert_type(message.references, tuple[st.Reference, ...])
    assert_type(message.footnote_marks, tuple[st.FootnoteMark, ...])
    assert_type(message.copy_of, str | None)
    assert_type(message.mentions, tuple[st.Mention, ...])
    assert_type(message.mentions[0].start, int)


def check_conversation() -> None:
    """Reply links, threads and the incoming messages have their documented types."""
    corpus = st.load()
    message = corpus[0]
    incoming = corpus.incoming()
    assert_type(incoming["1943-03-11-churchill-to-stalin"], st.IncomingMessage)
    assert_type(incoming[1:], tuple[st.IncomingMessage, ...])
    assert_type(incoming[0].received_on, datetime.date | None)
    assert_type(incoming[0].reply_links, tuple[st.ReplyLink, ...])
    assert_type(incoming[0].in_reply_to, tuple[str, ...])
    assert_type(message.reply_links[0].kinds, tuple[st.ReplyKind, ...])
    assert_type(message.reply_links[0].courtesy, bool)
    assert_type(corpus.threads(), tuple[st.Corpus, ...])
    assert_type(
        corpus.threads(include_incoming=True),
        tuple[tuple[st.Message | st.IncomingMessage, ...], ...],
    )
    assert_type(corpus.answered_by(message), tuple[st.Message | st.IncomingMessage, ...])
    assert_type(corpus.referred_to_by(incoming[0]), tuple[st.Message, ...])
    assert_type(corpus.thread_of(incoming[0]), st.Corpus)


def check_graph_and_names() -> None:
    """The conversation graph and the index of names have their documented types."""
    corpus = st.load()
    message = corpus[0]
    index = corpus.names(kind="person")
    assert_type(index, tuple[st.IndexEntry, ...])
    assert_type(index[0].entry, st.Name)
    assert_type(index[0].ids, tuple[str, ...])
    assert_type(index[0].count, int)
    assert_type(index[0].kind, st.NameKind)
    assert_type(corpus.name_index, tuple[st.Name, ...])
    assert_type(corpus.name_index[0].part_of, tuple[str, ...])
    assert_type(st.filter_by(mentions="Crimea", see_also=True), st.Corpus)
    assert_type(corpus.filter_by(mentions="Crimea", see_also=True), st.Corpus)
    assert_type(message.in_reply_to, tuple[str, ...])

    reference = message.references[0]
    assert_type(reference.targets, tuple[str, ...])
    assert_type(reference.target, str | None)
    assert_type(reference.dates, tuple[datetime.date, ...])
    assert_type(reference.count, int | None)
    incoming = corpus.incoming()
    assert_type(incoming, st.IncomingMessages)
    assert_type(incoming[0].date, datetime.date | None)
    assert_type(incoming[0].answered_by, tuple[str, ...])

    assert_type(st.filter_by(recipient="Churchill", year=1942), st.Corpus)
    assert_type(st.filter_by(list(corpus), on=datetime.date(1942, 11, 20)), st.Corpus)
    assert_type(st.filter_by(messages=corpus, ids=["1942-11-20-churchill"]), st.Corpus)
    assert_type(corpus.filter_by(after="1943-01-01"), st.Corpus)
    assert_type(st.thread_of("1943-02-16-churchill"), st.Corpus)
    assert_type(corpus.thread_of(message), st.Corpus)
    assert_type(corpus.thread_of(message, include_incoming=False), st.Corpus)
    assert_type(
        st.thread_of("1943-02-16-churchill", include_incoming=True),
        tuple[st.Message | st.IncomingMessage, ...],
    )
    assert_type(
        corpus.thread_of(message, include_incoming=True),
        tuple[st.Message | st.IncomingMessage, ...],
    )
    assert_type(
        st.thread_of(message, list(corpus), include_incoming=bool(message.number)),
        st.Corpus | tuple[st.Message | st.IncomingMessage, ...],
    )
    pairs = st.duplicates(threshold=0.9)
    assert_type(pairs, tuple[st.Pair, ...])
    assert_type(pairs[0].similarity, float)
    assert_type(pairs[0].first, st.Message)
    assert_type(corpus.to_records(), list[dict[str, Any]])
    assert_type(st.similarity(corpus[0], corpus[1]), float)
    assert_type(st.word_diff(corpus[0], corpus[1]), st.WordDiff)
    assert_type(st.find_phrase("a text", "text"), tuple[tuple[int, int], ...])
    assert_type(st.filter_by(contains="Subasic", ignore_accents=True), st.Corpus)
    assert_type(pairs[0].diff().changes, tuple[st.DiffChunk, ...])
    assert_type(corpus.duplicates(), tuple[st.Pair, ...])


def check_criteria_typed() -> None:
    """The criteria are keywords with types, for the function and the method alike."""
    corpus = st.load()
    st.filter_by(recipient=1942)  # type: ignore[arg-type]
    st.filter_by(recipent="Churchill")  # type: ignore[call-arg]
    st.filter_by(corpus, "Churchill")  # type: ignore[call-arg]
    corpus.filter_by(year="1942")  # type: ignore[arg-type]
    corpus.filter_by(colour="red")  # type: ignore[call-arg]


def check_exports() -> None:
    """The exports and citations return what they document."""
    corpus = st.load()
    assert_type(corpus[0].citation("bibtex"), str)
    assert_type(corpus.citation(), str)
    assert_type(corpus.to_sqlite("telegrams.db"), Path)
    assert_type(corpus.to_datapackage(Path("package")), Path)
    assert_type(corpus.to_cmif("cmif.xml", url="https://example.org/cmif.xml"), None)
    assert_type(corpus.to_parquet("telegrams.parquet"), None)


def check_errors() -> None:
    """The errors are the built-in exceptions a caller expects."""
    err: KeyError = UnknownMessageError("x")
    base: StalinTelegramsError = UnknownMessageError("x")
    typed: TypeError = ArgumentTypeError("x")
    valued: ValueError = InvalidArgumentError("x")
    index: IndexError = MessageIndexError("x")
    criterion: ArgumentTypeError = CriterionTypeError("x")
    style: ValueError = UnsupportedFormatError("x")
    del err, base, typed, valued, index, criterion, style
