"""The Croissant description of the corpus file, written beside it by the build.

Croissant (MLCommons, version 1.0) is schema.org ``Dataset`` metadata in
JSON-LD that data catalogues and machine-learning tools read: who made the
data set, its licence, the file with its sha256, and the fields of its
records, here taken from the same model description as every export.
"""

from __future__ import annotations

import hashlib
from typing import Any

from .. import _citation, _licence
from .._version import RELEASED, __version__
from ..exports._schema import Column, message_columns

FILE_NAME = "croissant.json"
CONFORMS_TO = "http://mlcommons.org/croissant/1.0"
#: The schema.org type of each kind of scalar.
DATA_TYPES = {
    "string": "sc:Text",
    "integer": "sc:Integer",
    "number": "sc:Float",
    "boolean": "sc:Boolean",
    "date": "sc:Date",
}
#: The JSON-LD context of Croissant 1.0, as the specification gives it.
CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "samplingRate": "cr:samplingRate",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
_RECORDS = "messages"


def _field(column: Column, file_id: str, parent: str, source: dict[str, Any]) -> dict[str, Any]:
    """Return the Croissant field of *column*, read from *source* (a Croissant ``source``)."""
    field_id = f"{parent}/{column.name}"
    field: dict[str, Any] = {
        "@type": "cr:Field",
        "@id": field_id,
        "name": column.name,
        "description": column.description,
        "source": source,
    }
    if column.type.item is not None:
        field["repeated"] = True
    kind = column.type.item if column.type.item is not None else column.type
    if kind.kind != "struct":
        field["dataType"] = DATA_TYPES[kind.kind]
        return field
    # Each subfield reads the list (or record) again and picks its own key from each item.
    field["subField"] = [
        _field(sub, file_id, field_id, {**source, "transform": {"jsonPath": sub.field}})
        for sub in kind.fields
    ]
    return field


def _source(file_id: str, column: Column) -> dict[str, Any]:
    return {
        "fileObject": {"@id": file_id},
        "extract": {"jsonPath": f"$.{_RECORDS}[*].{column.field}"},
    }


def metadata_problem() -> str | None:
    """Say why the installed metadata cannot give the description its address, or None.

    The address (``url``) is the Homepage of ``[project.urls]``, read from
    the installed package's metadata, which an editable install writes once:
    metadata of another version, or without a Homepage, would put a stale
    address in the file (and make ``--check`` report it out of date).
    """
    from importlib import metadata  # noqa: PLC0415 - only the build asks

    reinstall = "reinstall the package (in a checkout: pip install -e '.[pipeline]') and run again"
    try:
        installed = metadata.version(_licence.DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return f"{_licence.DISTRIBUTION} is not installed, so its address is unknown: {reinstall}"
    if installed != __version__:
        return (
            f"the installed metadata of {_licence.DISTRIBUTION} is of version {installed},"
            f" this tree is version {__version__}: {reinstall}"
        )
    if _licence.homepage() is None:
        return f"the installed metadata of {_licence.DISTRIBUTION} names no Homepage: {reinstall}"
    return None


def document(data: bytes, data_name: str) -> dict[str, Any]:
    """Return the Croissant description of the corpus file *data_name*, whose bytes are *data*."""
    return {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "name": _citation.PACKAGE,
        "description": (
            f"{_citation.TITLE}. Every message of {_citation.edition()}, cleaned and dated,"
            " one record each, with its recipients, dates, text and the source lines it"
            " came from."
        ),
        "conformsTo": CONFORMS_TO,
        "citeAs": _citation.edition_citation("bibtex"),
        "creator": {"@type": "sc:Organization", "name": _citation.AUTHOR},
        "license": _licence.DATA_LICENCE_URL,
        "copyrightNotice": _licence.STATEMENT,
        "url": _licence.homepage(),
        "version": __version__,
        "datePublished": RELEASED,
        "inLanguage": "en",
        "isBasedOn": {
            "@type": "sc:Book",
            "name": (
                f"{_citation.EDITION_TITLE}, vol. {_citation.EDITION_VOLUME}:"
                f" {_citation.EDITION_VOLUME_TITLE}"
            ),
            "author": {
                "@type": "sc:Person",
                "name": f"{_citation.EDITION_AUTHOR_GIVEN} {_citation.EDITION_AUTHOR_FAMILY}",
            },
            "publisher": {"@type": "sc:Organization", "name": _citation.EDITION_PUBLISHER},
            "datePublished": str(_citation.EDITION_YEAR),
        },
        "distribution": [
            {
                "@type": "cr:FileObject",
                "@id": data_name,
                "name": data_name,
                "contentUrl": data_name,
                "contentSize": f"{len(data)} B",
                "encodingFormat": "application/json",
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        ],
        "recordSet": [
            {
                "@type": "cr:RecordSet",
                "@id": _RECORDS,
                "name": _RECORDS,
                "description": "One record per message, in volume order.",
                "key": {"@id": f"{_RECORDS}/id"},
                "field": [
                    _field(column, data_name, _RECORDS, _source(data_name, column))
                    for column in message_columns()
                    if not column.derived
                ],
            }
        ],
    }
