"""The directives of the listings: threads, years, correspondents, names, incoming, overview.

Each generated source holds one of them; they turn the corpus into nodes
when Sphinx reads the page. :class:`EditionDirective` gives them the corpus.
"""

from __future__ import annotations

import datetime
from importlib.resources import files
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from stalin_telegrams import Corpus, IncomingMessage, IndexEntry, Message
from stalin_telegrams._citation import edition as printed_edition

from ._data import Edition, edition, response_summary
from ._nodes import (
    bullets,
    joined,
    link,
    list_entry,
    message_link,
    name_link,
    para,
    reply_kinds,
    row,
    section,
)
from ._titles import THREAD_TITLES
from ._words import (
    PICTURE_ROOT,
    all_correspondents,
    and_list,
    correspondent_slug,
    correspondents,
    incoming_label,
    incoming_title,
    index_heading,
    index_key,
    index_letter,
    long_date,
    name_anchor,
    narrow_path,
    short_date,
    with_correspondent,
    years,
)

#: Words for the place of a message among those of one writer on one day.
ORDINALS = {1: "the first", 2: "the second", 3: "the third", 4: "the fourth"}
#: The modules of this extension: a page made by one of its directives depends on them.
EXTENSION_FILES = tuple(sorted(Path(__file__).parent.glob("*.py")))


class EditionDirective(SphinxDirective):
    """Base of the directives: gives them the edition."""

    @property
    def data(self) -> Edition:
        """The edition of the installed package; the page is read again when its data change."""
        data_file = files("stalin_telegrams").joinpath("data").joinpath("telegrams.json")
        self.env.note_dependency(str(data_file))
        # Hand-written pages with a directive are read again when this code changes too.
        for module in EXTENSION_FILES:
            self.env.note_dependency(str(module))
        self.env.note_dependency(str(THREAD_TITLES))
        return edition()

    def picture(self, name: str, *caption: nodes.Node | str) -> nodes.container:
        """Return the picture *name* (``"edition/timeline"``) inlined, with its caption below.

        The SVG stands in the page, so that its links work and its words
        take the page's colours; its links are made relative to this page.
        Both variants stand in the page, the wide one and the narrow one
        (:func:`~._words.narrow_path`); the style sheet shows one of them,
        by the window's width.
        """
        wide = Path(self.env.srcdir) / f"{name}.svg"
        root = "../" * self.env.docname.count("/")
        figure = nodes.container(classes=["edition-figure"])
        for path, variant in ((wide, "edition-wide"), (narrow_path(wide), "edition-narrow")):
            self.env.note_dependency(str(path))
            try:
                svg = path.read_text(encoding="utf-8")
            except OSError as error:
                msg = f"edition: no picture {name!r}: {error}"
                raise self.error(msg) from None
            frame = nodes.container(classes=["edition-svg", variant])
            frame += nodes.raw("", svg.replace(PICTURE_ROOT, root), format="html")
            figure += frame
        figure += para(*caption, classes=["edition-caption"])
        return figure

    def said(self, message_id: str) -> list[nodes.Node | str]:
        """Return which of a day's messages it is, and what the printed messages call it.

        `` (the second of 2 that day), as “your message of May 11”``: so that
        two messages of one writer and one day read apart.
        """
        out: list[nodes.Node | str] = []
        record = self.data.incoming.get(message_id)
        if record is not None and record.date is not None:
            same = [
                r.id
                for r in self.data.incoming.values()
                if (r.authors, r.date) == (record.authors, record.date)
            ]
            if len(same) > 1:
                ordinal = ORDINALS.get(same.index(message_id) + 1, "another")
                out.append(f" ({ordinal} of {len(same)} that day)")
        phrases = [p for p in self.data.phrases.get(message_id, ()) if len(p.split()) > 1]
        if phrases:
            out += [", as “", nodes.emphasis(phrases[0], phrases[0]), "”"]
        return out

    def conversation(self, record: IncomingMessage) -> list[nodes.Node | str]:
        """Return where an incoming message stands: named in, in reply to, answered by.

        Each reply link says how it answers (:attr:`stalin_telegrams.ReplyLink.kinds`).
        """
        named = [self.short_link(i) for i in record.mentioned_in]
        out: list[nodes.Node | str] = [": named in ", *joined(named)]
        answered = [
            nodes.inline("", "", self.short_link(reply.id), reply_kinds(reply.kinds))
            for reply in record.reply_links
        ]
        if answered:
            out += ["; in reply to ", *joined(answered)]
        answers = [
            nodes.inline("", "", self.short_link(i), reply_kinds(kinds))
            for i, kinds in self.data.replies.get(record.id, ())
        ]
        if answers:
            out += ["; answered by ", *joined(answers)]
        return out

    def short_link(self, record_id: str) -> nodes.Node:
        """Return a link to a printed message by its number, or to an incoming one's entry."""
        corpus = self.data.corpus
        if record_id in corpus:
            return message_link(corpus[record_id], f"No. {corpus[record_id].number}")
        record = self.data.incoming[record_id]
        return link("edition/incoming", incoming_label(record), record.id)

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
        """Return the picture and both sides of the thread in date order, printed and incoming."""
        thread = self.data.threads.get(self.arguments[0])
        if thread is None:
            msg = f"edition: {self.arguments[0]!r} starts no thread"
            raise self.error(msg)
        incoming = self._incoming(thread)
        intro = para(
            f"{len(thread)} printed messages linked by what they say of each other (a message "
            "that names or answers another) and by their copies, from ",
            long_date(thread[0].date),
            " to ",
            long_date(thread[-1].date),
            f", and {len(incoming)} messages of the other side that they name, which the volume "
            "does not print, in date order."
            if incoming
            else ", in date order.",
        )
        picture = self.picture(
            f"threads/{thread[0].id}",
            "The exchange by date, a row for each writer and addressee. Filled circles are the "
            "printed messages (with their numbers), hollow squares the messages of the other "
            "side; an arrow runs from a message to each message it names or answers, a dashed "
            "line joins copies of one text. Each mark links to its message; the list below "
            "says the same in words.",
        )
        entries: list[tuple[tuple[datetime.date, int], nodes.Node]] = [
            ((member.date or datetime.date.max, 0), list_entry(member)) for member in thread
        ]
        entries += [
            ((record.date or datetime.date.max, 1), self._incoming_entry(record))
            for record in incoming
        ]
        ordered = [node for _, node in sorted(entries, key=lambda e: e[0])]
        return [intro, picture, bullets(ordered)]

    def _incoming(self, thread: Corpus) -> list[IncomingMessage]:
        named = dict.fromkeys(
            t
            for m in thread
            for t in (*m.in_reply_to, *(t for r in m.references for t in r.targets))
            if t in self.data.incoming
        )
        return [self.data.incoming[key] for key in named]

    def _incoming_entry(self, record: IncomingMessage) -> nodes.paragraph:
        parts: list[nodes.Node | str] = [
            link("edition/incoming", incoming_title(record), record.id),
            nodes.inline("", " (not printed)", classes=["edition-meta"]),
            *self.said(record.id),
            *self.conversation(record),
        ]
        return para(*parts, classes=["edition-incoming-entry"])


class ThreadsDirective(EditionDirective):
    """The list of threads: ``.. edition-threads::``."""

    def run(self) -> list[nodes.Node]:
        """Return a line per thread of more than one message, in date order."""
        keys = sorted({t[0].id for t in self.data.threads.values()}, key=self._first_number)
        items = []
        for key in keys:
            thread = self.data.threads[key]
            span = f" ({len(thread)} messages, {short_date(thread[0].date)} to"
            span += f" {short_date(thread[-1].date)})"
            items.append(
                para(
                    link(f"threads/{key}", self.data.thread_titles[key]),
                    nodes.inline(
                        "", f" ({len(thread)} messages, {span})", classes=["edition-meta"]
                    ),
                )
            )
        intro = para(
            "Messages connected by their references to one another and by their copies "
            "(the same text sent to two leaders), as ",
            nodes.literal("thread_of()", "thread_of()"),
            " finds them. A message linked to no other is in no list here. Each is named by "
            "the two names that set its messages apart from the rest of the volume or, where "
            "a reader found that those names mislead (a messenger, a place named in passing), "
            "by what the reader found it is about; the table of those titles, with the reason "
            "for each, is ",
            nodes.literal("docs/thread-titles.csv", "docs/thread-titles.csv"),
            " in the source of this site.",
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
    """The index of names: ``.. edition-names::``, A to Z as in a printed edition.

    One alphabetical list of every kind of name, persons by surname, a
    section per letter with a bar of the letters above; each entry gives
    its kind and description and, for each message that names it, the
    message's number, date and correspondent.
    """

    #: Entries with more references than this fold them away behind a summary.
    FOLD = 12

    def run(self) -> list[nodes.Node]:
        """Return the bar of letters and a section per letter; each entry anchored by its name."""
        self._parts: dict[str, list[str]] = {}
        for name in self.data.corpus.name_index:
            for whole in name.part_of:
                self._parts.setdefault(whole, []).append(name.name)
        entries = [
            (index_heading(item.name, item.entry.kind), item) for item in self.data.corpus.names()
        ]
        entries.sort(key=lambda e: (index_key(e[0]), e[1].name))
        letters: dict[str, list[nodes.Node]] = {}
        for heading, item in entries:
            letters.setdefault(index_letter(heading), []).append(self._entry(heading, item))
        order = sorted(letters, key=lambda letter: (letter != "0-9", letter))
        bar = " ".join(
            f'<a href="#letter-{letter.lower()}">{letter}</a>'
            if letter in letters
            else f'<span aria-hidden="true">{letter}</span>'
            for letter in ["0-9", *(chr(c) for c in range(ord("A"), ord("Z") + 1))]
        )
        out: list[nodes.Node] = [
            nodes.raw(
                "",
                f'<nav class="edition-az" aria-label="Letters of the index">{bar}</nav>',
                format="html",
            )
        ]
        out += [
            section(f"letter-{letter.lower()}", letter, bullets(letters[letter]))
            for letter in order
        ]
        return out

    def _entry(self, heading: str, item: IndexEntry) -> nodes.Node:
        corpus = self.data.corpus
        entry = para(nodes.strong(heading, heading))
        entry["ids"].append(name_anchor(item.name))
        entry += nodes.inline("", f" ({item.entry.kind})", classes=["edition-meta"])
        if item.entry.description:
            entry += nodes.Text(f": {item.entry.description}")
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
        if not item.ids:
            entry += nodes.Text(". Named in no message.")
            return entry
        messages = "1 message" if len(item.ids) == 1 else f"{len(item.ids)} messages"
        mentions = "1 mention" if item.count == 1 else f"{item.count} mentions"
        entry += nodes.Text(f". {mentions} in {messages}:")
        references = nodes.bullet_list(classes=["edition-references"])
        for message_id in item.ids:
            message = corpus[message_id]
            reference = nodes.list_item()
            reference += para(
                message_link(message, f"No. {message.number}"),
                f", {short_date(message.date)}, {and_list(correspondents(message))}",
            )
            references += reference
        if len(item.ids) <= self.FOLD:
            return nodes.container("", entry, references, classes=["edition-name"])
        dated = [corpus[i].date for i in item.ids if corpus[i].date is not None]
        span = f", {min(dated).year} to {max(dated).year}" if dated else ""
        summary = nodes.raw("", f"<details><summary>the {messages}{span}</summary>", format="html")
        close = nodes.raw("", "</details>", format="html")
        return nodes.container("", entry, summary, references, close, classes=["edition-name"])


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
        """Return an entry per incoming message, an anchor named by its id and any retired id."""
        records = list(self.data.incoming.values())
        if "undated" in self.options:
            chosen = [r for r in records if r.date is None]
        elif "year" in self.options:
            chosen = [r for r in records if r.date and r.date.year == self.options["year"]]
        else:
            return self._intro(records)
        return [bullets(self._entry(record) for record in chosen)]

    def _entry(self, record: IncomingMessage) -> nodes.paragraph:
        parts: list[nodes.Node | str] = [
            nodes.strong(incoming_title(record), incoming_title(record)),
            *self.said(record.id),
            *self.conversation(record),
        ]
        entry = para(*parts)
        entry["ids"].append(record.id)
        # A retired id of the record keeps its old links working.
        aliases = self.data.corpus.aliases
        entry["ids"].extend(old for old, new in sorted(aliases.items()) if new == record.id)
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
        medians = "; ".join(
            f"to {group}, {count} answers, half within {median:g} days"
            for group, count, median in response_summary(self.data.corpus)
        )
        figure = self.picture(
            "edition/response-times",
            "Days from a dated message to Stalin's answer, one mark per answer, a colour and "
            f"a shape for each correspondent. In numbers: {medians}.",
        )
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
        figure = self.picture(
            "edition/timeline",
            "Messages per month, by correspondent, a colour and a hatching for each; each bar "
            "links to the month's list. The table below gives the counts by year.",
        )
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


class HomeDirective(EditionDirective):
    """The front door of the edition: what the correspondence is, and the ways in."""

    def run(self) -> list[nodes.Node]:
        """Return the introduction and the ways in: years, people, exchanges, names, search."""
        corpus = self.data.corpus
        dated = [m.date for m in corpus if m.date is not None]
        names = all_correspondents(corpus)
        intro = para(
            f"The {len(corpus)} messages of Stalin's correspondence with {and_list(names[:4])} "
            f"(and a few others) from {long_date(min(dated))} to {long_date(max(dated))}, as "
            "printed in ",
            nodes.emphasis(printed_edition(), printed_edition()),
            ". Each has a page of its own with its text, its dates and its place in the "
            f"exchange. The volume prints his side only; the {len(self.data.incoming)} messages "
            "of the other side that his messages name are listed and linked too.",
            classes=["edition-lead"],
        )
        year_links: list[nodes.Node | str] = []
        for year in years(corpus):
            count = sum(1 for d in dated if d.year == year)
            year_links.append(link(f"edition/{year}", str(year)))
            year_links.append(nodes.inline("", f" ({count})", classes=["edition-meta"]))
            year_links.append("  ")
        people: list[nodes.Node | str] = []
        for name in names:
            count = len(with_correspondent(corpus, name))
            people += [link(correspondent_slug(name), name)]
            people += [nodes.inline("", f" ({count})", classes=["edition-meta"]), "  "]
        exchanges = len({t[0].id for t in self.data.threads.values()})
        ways = [
            para(nodes.strong("By year: ", "By year: "), *year_links[:-1]),
            para(nodes.strong("By correspondent: ", "By correspondent: "), *people[:-1]),
            para(
                nodes.strong("By exchange: ", "By exchange: "),
                link("edition/threads", f"{exchanges} exchanges"),
                " of messages that answer or name each other, each named by what it is about.",
            ),
            para(
                nodes.strong("By name: ", "By name: "),
                link("names-index", "the index of names"),
                f": {len(corpus.names())} persons, places, operations and more, A to Z.",
            ),
            para(
                nodes.strong("The other side: ", "The other side: "),
                link("edition/incoming", "the incoming messages"),
                " the volume names but does not print, with their answers.",
            ),
            para(
                nodes.strong("All messages: ", "All messages: "),
                link("edition/index", "the messages"),
                ", with a table of counts by year and correspondent.",
            ),
        ]
        search = nodes.raw(
            "",
            '<form class="edition-search-form" action="search.html" method="get" role="search"'
            ' aria-label="Search the messages">'
            '<label for="edition-home-q">Search the messages</label> '
            '<input id="edition-home-q" type="search" name="q" '
            'placeholder="words or &quot;an exact phrase&quot;"> '
            '<button type="submit">Search</button></form>',
            format="html",
        )
        return [intro, section("ways-in", "Ways in", *ways, search)]


class PictureDirective(EditionDirective):
    """A picture in a page: ``.. edition-picture:: edition/timeline``, the content its caption."""

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        """Return the picture inlined, with the content parsed as its caption."""
        figure = self.picture(self.arguments[0])
        caption = figure.children[-1]
        caption.children = []
        parsed = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, parsed)
        for child in parsed.children:
            caption.extend(child.children if isinstance(child, nodes.paragraph) else [child])
        return [figure]
