"""The page of one message: ``.. edition-message:: ID``."""

from __future__ import annotations

from collections.abc import Iterator

from docutils import nodes

import stalin_telegrams
from stalin_telegrams import Message, Reference

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
    long_date,
    month_year,
    text_pieces,
    title,
)


class MessageDirective(EditionDirective):
    """The body of a message's page: ``.. edition-message:: ID``."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        """Return the page's nodes: facts, text, references, pairs, thread, source, citation."""
        message = self.message(self.arguments[0])
        sections = [
            self._navigation(message),
            self._facts(message),
            section("text", "Text", *self._text(message)),
        ]
        if message.references:
            sections.append(section("references", "References", *self._references(message)))
        pairs = self.data.pairs.get(message.id, ())
        if pairs:
            sections.append(section("pairs", "Copies and related messages", *self._pairs(message)))
        if message.id in self.data.threads:
            sections.append(section("thread", "Thread", *self._thread(message)))
        sections.append(section("source", "Source", *self._source(message)))
        release = stalin_telegrams.__version__
        cite = nodes.literal_block(citation(message, release), citation(message, release))
        cite["language"] = "text"
        cite["classes"].append("edition-citation")
        # The way on closes the last section: nothing may follow a section.
        sections.append(section("cite", "Cite this message", cite, self._navigation(message)))
        return sections

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
            ("Heading", message.heading),
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
        if message.in_reply_to:
            answered = [target_link(self.data, t) for t in message.in_reply_to]
            rows.append(("In reply to", para(*joined(answered, "; "))))
        answers = self.data.replies.get(message.id, ())
        if answers:
            replies = [message_link(self.data.corpus[a]) for a in answers]
            rows.append(("Answered by", para(*joined(replies, "; "))))
        if message.enclosed_in:
            enclosure = self.data.corpus[message.enclosed_in]
            rows.append(("Enclosed with", para(message_link(enclosure))))
        if message.copy_of:
            rows.append(("Copy of", para(message_link(self.data.corpus[message.copy_of]))))
        key = self.data.thread_key(message.id)
        if key is not None:
            size = len(self.data.threads[message.id])
            rows.append(("Thread", para(link(f"threads/{key}", f"one of {size} messages"))))
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
        marks = [(mark.offset, mark.mark) for mark in message.footnote_marks]
        references = message.references
        spans = [(reference.start, reference.end) for reference in references]
        for paragraph in text_pieces(message.text, marks, spans):
            node = nodes.paragraph()
            for piece in paragraph:
                if piece.mark is not None:
                    mark = nodes.superscript(piece.mark, piece.mark, classes=["edition-mark"])
                    node += mark
                elif piece.span is not None:
                    node += self._phrase_link(message, references[piece.span], piece.text)
                else:
                    node += nodes.Text(piece.text)
            yield node
        if message.signature:
            yield para(message.signature, classes=["edition-signature"])
        others = [note for note in message.notes if "date" not in note.lower()]
        if others:
            yield nodes.rubric("Editorial notes", "Editorial notes")
            yield bullets(para(note) for note in others)

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
