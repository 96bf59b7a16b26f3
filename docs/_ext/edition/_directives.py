"""The directives of the listings: threads, years, correspondents, names, incoming, overview.

Each generated source holds one of them; they turn the corpus into nodes
when Sphinx reads the page. :class:`EditionDirective` gives them the corpus.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any, ClassVar, get_args

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from stalin_telegrams import IncomingMessage, IndexEntry, Message, NameKind

from ._data import Edition, edition
from ._nodes import (
    bullets,
    joined,
    link,
    list_entry,
    message_link,
    name_link,
    para,
    row,
    section,
)
from ._words import (
    KIND_TITLES,
    all_correspondents,
    correspondent_slug,
    correspondents,
    incoming_title,
    long_date,
    name_anchor,
    with_correspondent,
    years,
)


class EditionDirective(SphinxDirective):
    """Base of the directives: gives them the edition."""

    @property
    def data(self) -> Edition:
        """The edition of the installed package; the page is read again when its data change."""
        data_file = files("stalin_telegrams").joinpath("data").joinpath("telegrams.json")
        self.env.note_dependency(str(data_file))
        return edition()

    def message(self, message_id: str) -> Message:
        """Return the message with *message_id*, as a directive error if there is none."""
        try:
            return self.data.corpus[message_id]
        except KeyError as error:
            msg = f"edition: {error}"
            raise self.error(msg) from None


class ThreadDirective(EditionDirective):
    """The body of a thread's page: ``.. edition-thread:: FIRST-ID``."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        """Return the thread's messages in date order, each with its first words."""
        thread = self.data.threads.get(self.arguments[0])
        if thread is None:
            msg = f"edition: {self.arguments[0]!r} starts no thread"
            raise self.error(msg)
        intro = para(
            f"{len(thread)} messages linked by what they say of each other (a message that "
            "names another) and by their copies, from ",
            long_date(thread[0].date),
            " to ",
            long_date(thread[-1].date),
            ", in date order.",
        )
        figure = nodes.figure(classes=["edition-figure"])
        figure += nodes.image(
            uri=f"/threads/{thread[0].id}.png",
            alt="The thread's messages by date, one row per correspondent, with arrows from "
            "each message to those it names and dashed lines between copies",
        )
        figure += nodes.caption(
            "",
            "The thread by date, a row for each sender and recipients: arrows from a message "
            "to the messages it names, dashed lines between copies of one text.",
        )
        return [intro, figure, bullets(list_entry(m) for m in thread)]


class ThreadsDirective(EditionDirective):
    """The list of threads: ``.. edition-threads::``."""

    def run(self) -> list[nodes.Node]:
        """Return a line per thread of more than one message, in date order."""
        keys = sorted({t[0].id for t in self.data.threads.values()}, key=self._first_number)
        items = []
        for key in keys:
            thread = self.data.threads[key]
            text = f"{long_date(thread[0].date)}: {len(thread)} messages"
            names = ", ".join(dict.fromkeys(n for m in thread for n in correspondents(m)))
            items.append(para(link(f"threads/{key}", text), f", with {names}"))
        intro = para(
            "Messages connected by their references to one another and by their copies "
            "(the same text sent to two leaders), as ",
            nodes.literal("thread_of()", "thread_of()"),
            " finds them. A message linked to no other is in no list here.",
        )
        return [intro, bullets(items)]

    def _first_number(self, key: str) -> int:
        return self.data.corpus[key].number


class ListDirective(EditionDirective):
    """A list of messages: ``.. edition-list::``, chosen by year, month or correspondent.

    ``:intro:`` gives a line of counts for the correspondent instead of the list.
    """

    option_spec: ClassVar[dict[str, Any]] = {
        "year": directives.nonnegative_int,
        "month": directives.nonnegative_int,
        "correspondent": directives.unchanged_required,
        "intro": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        """Return the messages that meet the options, in volume order."""
        chosen: list[Message] = list(self.data.corpus)
        name = self.options.get("correspondent")
        if name is not None:
            chosen = with_correspondent(chosen, name)
        if "intro" in self.options:
            return [self._intro(name or "", chosen)]
        if "year" in self.options:
            chosen = [m for m in chosen if m.date and m.date.year == self.options["year"]]
        if "month" in self.options:
            chosen = [m for m in chosen if m.date and m.date.month == self.options["month"]]
        if not chosen:
            raise self.error("edition: no message meets these options")
        return [bullets(list_entry(m) for m in chosen)]

    @staticmethod
    def _intro(name: str, chosen: list[Message]) -> nodes.paragraph:
        dated = [m.date for m in chosen if m.date is not None]
        to = sum(name in m.recipients for m in chosen)
        span = f", from {long_date(min(dated))} to {long_date(max(dated))}" if dated else ""
        return para(
            f"{len(chosen)} messages: {to} to {name}, {len(chosen) - to} from {name} or "
            f"between others{span}."
        )


class NamesDirective(EditionDirective):
    """The index of names: ``.. edition-names::``, a section per kind, an entry per name."""

    def run(self) -> list[nodes.Node]:
        """Return a section per kind; each entry, anchored by its name, links its messages."""
        self._parts: dict[str, list[str]] = {}
        for name in self.data.corpus.name_index:
            for whole in name.part_of:
                self._parts.setdefault(whole, []).append(name.name)
        sections: list[nodes.Node] = []
        for kind in get_args(NameKind):
            items = [self._entry(item) for item in self.data.corpus.names(kind=kind)]
            if items:
                sections.append(section(f"names-{kind}", KIND_TITLES[kind], bullets(items)))
        return sections

    def _entry(self, item: IndexEntry) -> nodes.paragraph:
        corpus = self.data.corpus
        entry = para(nodes.strong(item.name, item.name))
        entry["ids"].append(name_anchor(item.name))
        if item.entry.description:
            entry += nodes.Text(f": {item.entry.description}")
        if not item.ids:
            entry += nodes.Text(". Named in no message.")
        else:
            mentions = "1 mention" if item.count == 1 else f"{item.count} mentions"
            entry += nodes.Text(f". {mentions}, in ")
            for i, message_id in enumerate(item.ids):
                if i:
                    entry += nodes.Text(", ")
                message = corpus[message_id]
                entry += message_link(message, f"No. {message.number}")
        for label, names in (
            ("Part of", item.entry.part_of),
            ("See also", sorted(self._parts.get(item.name, ()), key=str.casefold)),
        ):
            if names:
                entry += nodes.Text(f". {label}: ")
                for i, name in enumerate(names):
                    if i:
                        entry += nodes.Text(", ")
                    entry += name_link(name)
        return entry


class IncomingDirective(EditionDirective):
    """The messages the volume names but does not print: ``.. edition-incoming::``.

    With ``:year: N`` the entries of that year; with ``:undated:`` those
    without a date; with neither, the introduction and the picture of
    response times.
    """

    option_spec: ClassVar[dict[str, Any]] = {
        "year": directives.nonnegative_int,
        "undated": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        """Return an entry per incoming message, each an anchor named by its id."""
        records = list(self.data.incoming.values())
        if "undated" in self.options:
            chosen = [r for r in records if r.date is None]
        elif "year" in self.options:
            chosen = [r for r in records if r.date and r.date.year == self.options["year"]]
        else:
            return self._intro(records)
        return [bullets(self._entry(record) for record in chosen)]

    def _entry(self, record: IncomingMessage) -> nodes.paragraph:
        corpus = self.data.corpus
        named = [message_link(corpus[i], f"No. {corpus[i].number}") for i in record.mentioned_in]
        parts: list[nodes.Node | str] = [
            nodes.strong(incoming_title(record), incoming_title(record)),
            ": named in ",
            *joined(named),
        ]
        if record.answered_by:
            answers = [
                message_link(corpus[i], f"No. {corpus[i].number}") for i in record.answered_by
            ]
            parts += ["; answered by ", *joined(answers)]
        entry = para(*parts)
        entry["ids"].append(record.id)
        return entry

    def _intro(self, records: list[IncomingMessage]) -> list[nodes.Node]:
        answered = sum(1 for r in records if r.answered_by)
        intro = para(
            f"The volume prints one side of the correspondence. Its messages name "
            f"{len(records)} messages of the other side (\u201cyour message of May 11\u201d), "
            f"each listed here once with the printed messages that name it; {answered} of "
            "them are answered by a printed message. Their dates are those the printed "
            "messages give; those named without a date are listed last."
        )
        caveat = para(
            "The picture counts the days from each dated message to the printed message "
            "that answers it, by correspondent and year. A date in \u201cyour message of\u201d "
            "may be the day the message was sent or the day it was received in Moscow: the "
            "volume does not say which, so a day or two either way is within the reading."
        )
        figure = nodes.figure(classes=["edition-figure"])
        figure += nodes.image(
            uri="/edition/response-times.png",
            alt="Dot chart: for each dated answer, the days between the message answered and "
            "the answer, over the years of the war",
        )
        figure += nodes.caption("", "Days from a dated message to Stalin's answer.")
        return [intro, caveat, figure]


class OverviewDirective(EditionDirective):
    """The overview of the edition: the timeline and a table of years by correspondent."""

    def run(self) -> list[nodes.Node]:
        """Return the introduction, the timeline picture and the count table."""
        corpus = self.data.corpus
        intro = para(
            f"All {len(corpus)} messages of the volume, one page each, with their dates, "
            "their text, the source lines they came from and the corrections made, the "
            "messages they name and those that copy them. Browse them by year and month or "
            "by correspondent below, follow a thread of messages, or search for words with "
            "the search box."
        )
        figure = nodes.figure(classes=["edition-figure"])
        figure += nodes.image(
            uri="/edition/timeline.png",
            alt="Bar chart: the number of messages in each month, coloured by correspondent",
        )
        figure += nodes.caption("", "Messages per month, by correspondent.")
        return [intro, figure, self._table()]

    def _table(self) -> nodes.table:
        corpus = self.data.corpus
        names = all_correspondents(corpus)
        year_list = years(corpus)
        table = nodes.table(classes=["edition-counts"])
        group = nodes.tgroup(cols=len(year_list) + 2)
        table += group
        for _ in range(len(year_list) + 2):
            group += nodes.colspec(colwidth=1)
        head = nodes.thead()
        head += row(["", *(link(f"edition/{y}", str(y)) for y in year_list), "all"])
        body = nodes.tbody()
        for name in names:
            with_name = with_correspondent(corpus, name)
            counts = [sum(1 for m in with_name if m.date and m.date.year == y) for y in year_list]
            body += row(
                [link(correspondent_slug(name), name), *map(str, counts), str(len(with_name))]
            )
        group += head
        group += body
        return table
