"""CMIF, the Correspondence Metadata Interchange Format, for correspSearch.

A TEI XML file with one ``correspDesc`` per message: who sent it (and from
where, when the volume says), to whom, and when. Choices made here:

* The date is :attr:`Message.date` (the date the message bears, else the
  date it was sent), as ``date/@when`` on the ``sent`` action; a message with
  neither gets no ``date`` element (the CMIF rule for an unknown date).
* Names are the surnames the volume uses; no authority ids are given.
* The file is under CC BY 4.0, the licence correspSearch requires of CMIF
  files and that of the project's work on the data; the ``licence`` element
  carries the package's licence statement whole (``_licence.STATEMENT``).
* Without a URL, the file says it is published at the project's Homepage
  (``[project.urls]``), so that it is valid CMIF as written.
* The incoming messages (:class:`~stalin_telegrams.IncomingMessage`: the
  letters to Stalin that the printed messages name but the volume does not
  print) follow the printed letters, one ``correspDesc`` each, keyed by
  their id (a printed letter is keyed by its number) and marked by a
  ``note`` naming the printed messages they are known from. A dated one
  has ``date/@when``; an undated one ``date/@notAfter``, the earliest date
  of the printed messages given that name it (it was sent before it was
  answered or acknowledged). One that no printed message given names, or
  undated with no dated printed message naming it, is left out: a part of
  the corpus gets the incoming letters its own messages name.
  A correspondent is a ``persName`` when the index of names lists the name
  as a person, else an ``orgName`` (``"British Government"``).
"""

from __future__ import annotations

import datetime
import os
import re
import uuid
from collections.abc import Sequence
from xml.etree import ElementTree

from .. import _citation, _licence
from .._atomic import writing
from .._checks import got, shown
from .._model import Message
from .._records import IncomingMessage, Name
from ..exceptions import ArgumentTypeError, InvalidArgumentError

TEI = "http://www.tei-c.org/ns/1.0"
XML = "http://www.w3.org/XML/1998/namespace"
#: The licence CMIF requires of its files: that of the project's work on the data.
CMIF_LICENCE = _licence.DATA_LICENCE_URL
#: The ``xml:id`` of the printed volume in ``sourceDesc``: a fixed UUID (as
#: CMIF recommends), prefixed so that it is a valid XML name.
BIBL_ID = "bibl-" + str(uuid.uuid5(uuid.NAMESPACE_URL, "stalin_telegrams:works-vol-17"))


#: What XML 1.0 cannot hold, escaped or not: control characters but tab and
#: the line ends, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: What a URL cannot hold: XML's exclusions, and any white space or control
#: character (RFC 3986 percent-encodes them).
_NOT_URL = re.compile(r"[\s\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def check_url(url: object) -> str | None:
    """Return *url*, ``None`` or a str a URL can be; refuse anything else.

    Raises:
        ArgumentTypeError: *url* is neither a str nor ``None``.
        InvalidArgumentError: *url* is empty, or holds white space or a
            control character.
    """
    if url is None:
        return None
    if not isinstance(url, str):
        msg = f"url: expected a str or None, {got(url)}"
        raise ArgumentTypeError(msg)
    bad = _NOT_URL.search(url)
    if not url or bad is not None:
        what = "is empty" if bad is None else f"holds {bad.group()!r} at {bad.start()}"
        msg = f"url: {shown(url)} {what}; a URL has no white space or control characters"
        raise InvalidArgumentError(msg)
    return url


def _xml_text(value: str, where: str) -> str:
    bad = _NOT_XML.search(value)
    if bad is not None:
        msg = f"{where}: {shown(value)} holds {bad.group()!r}, which XML cannot hold"
        raise InvalidArgumentError(msg)
    return value


def _tei(tag: str) -> str:
    return f"{{{TEI}}}{tag}"


def _sub(
    parent: ElementTree.Element, tag: str, text: str | None = None, **attributes: str
) -> ElementTree.Element:
    for key, value in attributes.items():
        _xml_text(value, f"{tag}/@{key}")
    element = ElementTree.SubElement(parent, _tei(tag), attributes)
    element.text = None if text is None else _xml_text(text, tag)
    return element


def _header(
    root: ElementTree.Element, url: str | None, published: datetime.date
) -> ElementTree.Element:
    header = _sub(root, "teiHeader")
    file_desc = _sub(header, "fileDesc")
    title_stmt = _sub(file_desc, "titleStmt")
    _sub(title_stmt, "title", f"Letters of {_citation.edition()}")
    _sub(title_stmt, "editor", _citation.AUTHOR)
    publication = _sub(file_desc, "publicationStmt")
    _sub(publication, "publisher", _citation.AUTHOR)
    if url is not None:
        _sub(publication, "idno", url, type="url")
    _sub(publication, "date", when=published.isoformat())
    availability = _sub(publication, "availability")
    _sub(availability, "licence", _licence.STATEMENT, target=CMIF_LICENCE)
    source = _sub(file_desc, "sourceDesc")
    _sub(source, "bibl", _citation.edition(), type="print", **{f"{{{XML}}}id": BIBL_ID})
    return _sub(header, "profileDesc")


#: How ``correspContext/ref`` names the letter a letter answers (CMIF's "previous letter").
PREVIOUS = "http://www.tei-c.org/cmif/ns/prev"


def letter_id(record_id: str) -> str:
    """Return the ``xml:id`` of the ``correspDesc`` of a message or incoming message."""
    return f"letter-{record_id}"


def _answers(desc: ElementTree.Element, answered: Sequence[str], known: set[str]) -> None:
    """Add a ``correspContext`` with a ``ref`` to each letter of the file *desc* answers."""
    targets = [i for i in answered if i in known]
    if targets:
        context = _sub(desc, "correspContext")
        for target in targets:
            _sub(context, "ref", type=PREVIOUS, target=f"#{letter_id(target)}")


def _letter(profile: ElementTree.Element, message: Message, known: set[str]) -> None:
    desc = _sub(
        profile,
        "correspDesc",
        key=str(message.number),
        source=f"#{BIBL_ID}",
        **{f"{{{XML}}}id": letter_id(message.id)},
    )
    sent = _sub(desc, "correspAction", type="sent")
    for name in message.senders:
        _sub(sent, "persName", name)
    if message.place is not None:
        _sub(sent, "placeName", message.place)
    if message.date is not None:
        _sub(sent, "date", when=message.date.isoformat())
    received = _sub(desc, "correspAction", type="received")
    for name in message.recipients:
        _sub(received, "persName", name)
    _answers(desc, message.in_reply_to, known)


def _correspondents(action: ElementTree.Element, names: Sequence[str], persons: set[str]) -> None:
    for name in names:
        _sub(action, "persName" if name in persons else "orgName", name)


def _incoming_letter(
    profile: ElementTree.Element,
    record: IncomingMessage,
    printed: dict[str, Message],
    persons: set[str],
    known: set[str],
) -> None:
    sources = [printed[i] for i in record.mentioned_in if i in printed]
    bounds = [m.date for m in sources if m.date is not None]
    desc = _sub(
        profile,
        "correspDesc",
        key=record.id,
        source=f"#{BIBL_ID}",
        **{f"{{{XML}}}id": letter_id(record.id)},
    )
    sent = _sub(desc, "correspAction", type="sent")
    _correspondents(sent, record.authors, persons)
    if record.date is not None:
        _sub(sent, "date", when=record.date.isoformat())
    else:
        _sub(sent, "date", notAfter=min(bounds).isoformat())
    received = _sub(desc, "correspAction", type="received")
    _correspondents(received, record.addressees, persons)
    _answers(desc, record.in_reply_to, known)
    named = "; ".join(f"no. {m.number} ({m.id})" for m in sources)
    noun = "message" if len(sources) == 1 else "messages"
    _sub(desc, "note", f"Not printed in the volume; known from the printed {noun} {named}.")


def _written(record: IncomingMessage, printed: dict[str, Message]) -> bool:
    """Whether an incoming message gets a ``correspDesc``: named, and dated or bounded."""
    sources = [printed[i] for i in record.mentioned_in if i in printed]
    return bool(sources) and (record.date is not None or any(m.date for m in sources))


def cmif(
    messages: Sequence[Message],
    url: str | None = None,
    published: datetime.date | None = None,
    *,
    incoming: Sequence[IncomingMessage] = (),
    names: Sequence[Name] = (),
) -> bytes:
    """Return the CMIF document of *messages* as UTF-8 XML.

    Args:
        messages: The letters, one ``correspDesc`` each, in this order.
        url: Where the file will be published (``publicationStmt/idno``);
            correspSearch needs it to register the file. By default the
            project's Homepage (:func:`~stalin_telegrams._licence.homepage`).
        published: The date of the file (``publicationStmt/date``); today
            by default.
        incoming: The incoming messages, one ``correspDesc`` each after
            the printed letters, in this order, except those that no
            message of *messages* names, and undated ones that no dated
            message of *messages* names.
        names: The index of names, which tells a person (``persName``)
            from an organisation (``orgName``) among the correspondents of
            the incoming messages.

    Each ``correspDesc`` has an ``xml:id`` (``letter-`` and the id), and a
    letter that answers another of the file (its reply links) has a
    ``correspContext`` with a ``ref`` of CMIF's type "previous letter" to it.

    Raises:
        ArgumentTypeError: *url* is neither a str nor ``None``.
        InvalidArgumentError: *url* holds white space or a control
            character, or a name holds a character XML cannot hold.
    """
    url = check_url(url)
    ElementTree.register_namespace("", TEI)
    root = ElementTree.Element(_tei("TEI"))
    if url is None:
        url = _licence.homepage()
    profile = _header(root, url, published or datetime.datetime.now(datetime.timezone.utc).date())
    printed = {message.id: message for message in messages}
    written = [r for r in incoming if _written(r, printed)]
    known = set(printed) | {r.id for r in written}
    for message in messages:
        _letter(profile, message, known)
    persons = {
        alias for name in names if name.kind == "person" for alias in (name.name, *name.aliases)
    }
    for record in written:
        _incoming_letter(profile, record, printed, persons, known)
    body = _sub(_sub(root, "text"), "body")
    _sub(body, "p")
    ElementTree.indent(root)
    data: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def to_cmif(path: str | os.PathLike[str], document: bytes) -> None:
    """Write *document* (a :func:`cmif` result) to *path*, under a temporary name first.

    Raises:
        ArgumentTypeError: *path* is not a path.
        InvalidArgumentError: *path* is empty or holds a NUL.
        OSError: The file cannot be written.
    """
    with writing(path) as stream:
        stream.write(document)
