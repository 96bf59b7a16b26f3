"""The page of one message: ``.. edition-message:: ID``.

The text comes first: the page's title (number, from → to, date), one line
of essentials, then the words of the message. Everything else follows it:
the notes, the message's place in the conversation, the facts and how they
were decided, the references, the pairs, the thread, the source lines and
the corrections, and the citation with the downloads.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator, Mapping, Sequence

from docutils import nodes

from stalin_telegrams import Message, Reference
from stalin_telegrams._duplicates import forwarded

from ._data import SOURCE_FILE
from ._directives import EditionDirective
from ._nodes import (
    bullets,
    deleted,
    diff_nodes,
    field_list,
    inserted,
    joined,
    link,
    message_link,
    name_link,
    para,
    people,
    reply_kinds,
    row,
    section,
    target_link,
)
from ._words import (
    DIFFED_KINDS,
    PAIR_KINDS,
    REFERENCE_KINDS,
    all_correspondents,
    citation,
    classification,
    incoming_label,
    long_date,
    month_year,
    short_title,
    text_pieces,
    title,
)

#: The citation styles a page offers, and how a reader knows them.
CITATION_STYLES = (("chicago", "Chicago"), ("apa", "APA"), ("bibtex", "BibTeX"))
#: The files a message can be downloaded as: suffix, and what a reader is told.
DOWNLOADS = (("json", "JSON"), ("txt", "plain text"), ("xml", "TEI XML (CMIF)"))


class MessageDirective(EditionDirective):
    """The body of a message's page: ``.. edition-message:: ID``."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        """Return the page's nodes: essentials and text, then notes, conversation and the rest."""
        message = self.message(self.arguments[0])
        text = nodes.container(classes=["edition-text"], ids=["text"])
        text.extend(self._text(message))
        out: list[nodes.Node] = [self._essentials(message), text]
        notes = list(self._notes(message))
        if notes:
            out.append(section("notes", "Notes", *notes))
        conversation = self._conversation(message)
        if conversation is not None:
            out.append(section("conversation", "In the conversation", conversation))
        out.append(section("about", "About this message", self._facts(message)))
        if message.references:
            out.append(section("references", "References", *self._references(message)))
        pairs = self.data.pairs.get(message.id, ())
        if pairs:
            out.append(section("pairs", "Copies and related messages", *self._pairs(message)))
        if message.id in self.data.threads:
            out.append(section("thread", "Thread", *self._thread(message)))
        out.append(section("source", "Source", *self._source(message)))
        # The way on closes the last section: nothing may follow a section.
        cite = section("cite", "Cite and download", *self._cite(message), self._navigation(message))
        out.append(cite)
        return out

    def _essentials(self, message: Message) -> nodes.paragraph:
        """Return the one line between the title and the text: what a reader needs first."""
        parts: list[list[nodes.Node | str]] = []
        printed = classification(message)
        if printed:
            parts.append([printed])
        if message.sent_on and message.written_on and message.sent_on != message.written_on:
            parts.append([f"sent {long_date(message.sent_on)}"])
        elif message.written_on is None and message.sent_on is not None:
            parts.append(["dated by its sending"])
        if message.place:
            parts.append([message.place])
        if message.in_reply_to:
            parts.append(["in reply to ", *joined(self._short_links(message.in_reply_to), "; ")])
        answers = [answer for answer, _ in self.data.replies.get(message.id, ())]
        if answers:
            parts.append(["answered by ", *joined(self._short_links(answers), "; ")])
        if not parts:
            parts.append([f"No. {message.number} of {len(self.data.corpus)} in the volume"])
        line: list[nodes.Node | str] = []
        for i, part in enumerate(parts):
            if i:
                line.append(" · ")
            line += part
        return para(*line, classes=["edition-essentials"])

    def _short_links(self, ids: Iterable[str]) -> list[nodes.Node | str]:
        out: list[nodes.Node | str] = []
        for target in ids:
            if target in self.data.corpus:
                out.append(
                    message_link(self.data.corpus[target], f"No. {self.data.corpus[target].number}")
                )
            elif target in self.data.incoming:
                record = self.data.incoming[target]
                out.append(link("edition/incoming", incoming_label(record), record.id))
            else:
                out.append(nodes.literal(target, target))
        return out

    def _related(
        self, ids: Iterable[str], kinds: Mapping[str, Sequence[str]] | None = None
    ) -> nodes.Node:
        """Return a list of messages, each with how it answers or is answered, where given."""
        items: list[nodes.Node] = []
        for target in ids:
            if target in self.data.corpus:
                item = para(
                    message_link(self.data.corpus[target], short_title(self.data.corpus[target]))
                )
            elif target in self.data.incoming:
                record = self.data.incoming[target]
                item = para(link("edition/incoming", incoming_label(record), record.id))
            else:
                item = para(nodes.literal(target, target))
            if kinds and target in kinds:
                item += reply_kinds(kinds[target], listed=True)
            items.append(item)
        return bullets(items)

    def _conversation(self, message: Message) -> nodes.field_list | None:
        """Return the messages around this one: answered, answering, naming it, its thread."""
        rows: list[tuple[str, nodes.Node | str]] = []
        if message.in_reply_to:
            kinds = {reply.id: reply.kinds for reply in message.reply_links}
            rows.append(("In reply to", self._related(message.in_reply_to, kinds)))
        answers = dict(self.data.replies.get(message.id, ()))
        if answers:
            rows.append(("Answered by", self._related(answers, answers)))
        referred = self.data.referred.get(message.id, ())
        if referred:
            rows.append(("Referred to by", self._related(referred)))
        if message.enclosed_in:
            rows.append(("Enclosed with", self._related([message.enclosed_in])))
        if message.copy_of:
            rows.append(("Copy of", self._related([message.copy_of])))
        key = self.data.thread_key(message.id)
        if key is not None:
            size = len(self.data.threads[message.id])
            name = self.data.thread_titles.get(key, "the thread")
            rows.append(("Exchange", para(link(f"threads/{key}", name), f", {size} messages")))
        return field_list(rows) if rows else None

    def _navigation(self, message: Message) -> nodes.paragraph:
        corpus = self.data.corpus
        position = message.number - 1
        parts: list[nodes.Node | str] = []
        if position > 0:
            parts += ["← previous: ", message_link(corpus[position - 1])]
        if position + 1 < len(corpus):
            if parts:
                parts.append(" · ")
            parts += ["next: ", message_link(corpus[position + 1]), " →"]
        return para(*parts, classes=["edition-nav"])

    def _facts(self, message: Message) -> nodes.field_list:
        known = set(all_correspondents(self.data.corpus))
        rows: list[tuple[str, nodes.Node | str]] = [
            ("Heading as printed", message.heading),
            ("From", people(message.senders, known)),
            ("To", people(message.recipients, known)),
            ("Written", long_date(message.written_on) if message.written_on else "not given"),
            ("Sent", long_date(message.sent_on) if message.sent_on else "not given"),
        ]
        if message.place:
            rows.append(("Place", message.place))
        if message.address:
            rows.append(("Address", message.address))
        rows.append(("Classification", message.classification or "none printed"))
        rows.append(("How dated", self._dating(message)))
        names = list(dict.fromkeys(mention.name for mention in message.mentions))
        if names:
            rows.append(("Names", para(*joined([name_link(n) for n in names]))))
        volume: list[nodes.Node | str] = [f"No. {message.number} of {len(self.data.corpus)}"]
        if message.date:
            month = month_year(message.date)
            anchor = "-".join(month.lower().split())
            volume += [" · ", link(f"edition/{message.date.year}", month, anchor)]
        rows.append(("In the volume", para(*volume)))
        rows.append(("Id", para(nodes.literal(message.id, message.id))))
        return field_list(rows)

    def _dating(self, message: Message) -> str:
        if message.written_on is not None:
            rule = "the date the message bears"
        elif message.sent_on is not None:
            rule = "the date it was sent (it bears none of its own)"
        else:
            rule = "no date"
        dated = [note for note in message.notes if "date" in note.lower()]
        return "; ".join([rule, *dated]) + "."

    def _text(self, message: Message) -> Iterator[nodes.Node]:
        if message.salutation:
            yield para(message.salutation, classes=["edition-salutation"])
        marks = [(mark.offset, str(i)) for i, mark in enumerate(message.footnote_marks, 1)]
        printed = {str(i): mark.mark for i, mark in enumerate(message.footnote_marks, 1)}
        references = message.references
        spans = [(reference.start, reference.end) for reference in references]
        for paragraph in text_pieces(message.text, marks, spans):
            node = nodes.paragraph()
            for piece in paragraph:
                if piece.mark is not None:
                    shown = printed[piece.mark]
                    anchor = nodes.reference(
                        "",
                        "",
                        internal=True,
                        refuri=f"#note-{piece.mark}",
                        ids=[f"mark-{piece.mark}"],
                    )
                    anchor["classes"].append("edition-mark")
                    anchor += nodes.superscript(shown, shown)
                    node += anchor
                elif piece.span is not None:
                    node += self._phrase_link(message, references[piece.span], piece.text)
                else:
                    node += nodes.Text(piece.text)
            yield node
        if message.signature:
            yield para(message.signature, classes=["edition-signature"])

    def _notes(self, message: Message) -> Iterator[nodes.Node]:
        """Return a note per footnote mark, linked back to its mark; then the editors' notes."""
        if message.footnote_marks:
            notes = nodes.enumerated_list(classes=["edition-notes"])
            for i, mark in enumerate(message.footnote_marks, 1):
                item = nodes.list_item(ids=[f"note-{i}"])
                back = nodes.reference("", "", internal=True, refuri=f"#mark-{i}")
                back += nodes.Text("back to the text ↩")
                item += para(
                    f"The printed volume has footnote {mark.mark} here (line {mark.line} of the "
                    "transcription); the footnotes themselves are not in the transcription. ",
                    back,
                )
                notes += item
            yield notes
        others = [note for note in message.notes if "date" not in note.lower()]
        if others:
            yield para("The editors of this edition note:")
            yield bullets(para(note) for note in others)

    def _cite(self, message: Message) -> Iterator[nodes.Node]:
        """Return the citations in three styles with the page's address, and the downloads."""
        base = str(self.config.html_baseurl or "")
        page = f"{message.id}.html"
        url = f"{base.rstrip('/')}/messages/{page}" if base else page
        blocks = []
        for style, label in CITATION_STYLES:
            text = html.escape(citation(message, style, "\0"))
            text = text.replace("\0", f'<span class="edition-url">{html.escape(url)}</span>')
            blocks.append(
                f'<div class="edition-citation"><p class="edition-citation-style">{label} '
                f'<button type="button" class="edition-copy" data-copy="cite-{style}" '
                f'aria-label="Copy the {label} citation">Copy</button></p>'
                f'<pre id="cite-{style}">{text}</pre></div>'
            )
        absolute = "true" if base else "false"
        address = html.escape(url)
        permalink = (
            f'<p>Permanent address: <a class="edition-url edition-permalink" href="{address}"'
            f' data-absolute="{absolute}">{address}</a></p>'
        )
        downloads = " · ".join(
            f'<a href="{message.id}.{suffix}" download>{label}</a>' for suffix, label in DOWNLOADS
        )
        yield nodes.raw(
            "",
            f'<div class="edition-cite">{permalink}{"".join(blocks)}'
            f'<p class="edition-downloads">Download this message: {downloads}</p></div>',
            format="html",
        )

    def _phrase_link(self, message: Message, reference: Reference, words: str) -> nodes.Node:
        """Return the words of a reference in the text, linked to what they name."""
        if len(reference.targets) == 1:
            target = reference.targets[0]
            if target in self.data.corpus:
                return link(f"messages/{target}", words)
            if target in self.data.incoming:
                return link("edition/incoming", words, target)
        return link(f"messages/{message.id}", words, "references")

    def _references(self, message: Message) -> Iterator[nodes.Node]:
        yield para(
            "The messages this one names: printed ones link to their page, those the volume "
            "does not print (the other side of the correspondence) to their entry in the ",
            link("edition/incoming", "incoming messages"),
            ".",
        )
        items = []
        for reference in message.references:
            quoted = nodes.emphasis(reference.phrase, reference.phrase)
            kind = REFERENCE_KINDS[reference.kind]
            targets = [target_link(self.data, t) for t in reference.targets]
            told = joined(targets, "; ") if targets else ["not identified"]
            items.append(para("“", quoted, f"” ({kind}): ", *told))
        yield bullets(items)

    def _pairs(self, message: Message) -> Iterator[nodes.Node]:
        yield para(
            "Messages of the volume that a reader would name with this one, as ",
            nodes.literal("duplicates()", "duplicates()"),
            " pairs them. Where one text stands twice, reworded, a diff follows: ",
            deleted("", "struck words"),
            " are only in the earlier message, ",
            inserted("", "marked words"),
            " only in the later one.",
        )
        for pair in self.data.pairs[message.id]:
            other = pair.second if pair.first.id == message.id else pair.first
            what = PAIR_KINDS.get(pair.kind, pair.kind)
            if pair.kind == "covering-note":
                what = (
                    "the message this one sends a copy of"
                    if other.id in forwarded(message)
                    else "the covering note that sends a copy of this one"
                )
            yield para(message_link(other), f": {what}", classes=["edition-pair"])
            if pair.kind in DIFFED_KINDS and pair.first.text != pair.second.text:
                yield diff_nodes(pair)

    def _thread(self, message: Message) -> Iterator[nodes.Node]:
        thread = self.data.threads[message.id]
        key = thread[0].id
        yield para(
            "Messages linked to this one by their references and their copies (",
            link(f"threads/{key}", "the whole thread"),
            "):",
        )
        entries: list[nodes.Node] = []
        for member in thread:
            if member.id == message.id:
                entries.append(para(nodes.strong(title(member), title(member)), " (this message)"))
            else:
                entries.append(para(message_link(member)))
        yield bullets(entries)

    def _source(self, message: Message) -> Iterator[nodes.Node]:
        spans = ", ".join(
            str(s.start) if s.start == s.end else f"{s.start}\N{EN DASH}{s.end}"
            for s in message.source_lines
        )
        yield para(
            f"From lines {spans} of ",
            nodes.literal(SOURCE_FILE, SOURCE_FILE),
            ", the raw transcription shipped with the package, as they stand there:",
        )
        for span in message.source_lines:
            lines = nodes.enumerated_list(classes=["edition-source"], start=span.start)
            lines["enumtype"] = "arabic"
            lines["prefix"] = ""
            lines["suffix"] = "."
            for number in range(span.start, span.end + 1):
                item = nodes.list_item()
                raw = self.data.source[number - 1]
                item += nodes.paragraph(raw, raw)
                lines += item
            yield lines
        if not message.corrections:
            yield para("No correction was applied to these lines.")
            return
        yield para("Corrections applied (from the reviewed tables of the package):")
        yield self._corrections(message)

    def _corrections(self, message: Message) -> nodes.table:
        header = ("kind", "line", "raw text", "edition", "reason", "added in")
        table = nodes.table(classes=["edition-corrections"])
        group = nodes.tgroup(cols=len(header))
        table += group
        for _ in header:
            group += nodes.colspec(colwidth=1)
        head, body = nodes.thead(), nodes.tbody()
        head += row(header)
        for correction in message.corrections:
            body += row(
                (
                    correction.kind,
                    str(correction.line),
                    correction.wrong,
                    correction.right,
                    correction.reason,
                    f"{correction.added_in} ({correction.added_on})",
                )
            )
        group += head
        group += body
        return table
