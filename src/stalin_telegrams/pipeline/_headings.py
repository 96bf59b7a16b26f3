"""Recognise headings; read sender, recipients and classification from them."""

from __future__ import annotations

import re

from ._pages import strip_markup

#: Surnames of the addressees the volume knows, as written in headings.
LEADERS = {
    "CHURCHILL": "Churchill",
    "ROOSEVELT": "Roosevelt",
    "TRUMAN": "Truman",
    "ATTLEE": "Attlee",
    "DEANE": "Deane",
    "STALIN": "Stalin",
}
_CLASSIFICATION = re.compile(
    r"^(?:COPY\.\s*)?(?:(?:MOST|PERSONAL|SECRET)(?:\s+AND|,)?\s*)+", re.IGNORECASE
)
_LOWER_OK = {"Mr", "Mr.", "Mrs", "the"}
_KEYWORD = re.compile(r"\b(?:TO|FROM|FOR|MEMORANDUM|MESSAGE|REPLY)\b")
_SIGNATURE = re.compile(r"^(?:(?:J\.|I\.)\s*(?:V\.\s*)?)?STALIN\.?$")
#: Fewer capital letters than this make an initial or a mark, not a heading.
_MIN_CAPS = 3
#: A last word this short ending in its only full stop is an initial ("J."): it keeps the stop.
_ABBREVIATION_MAX = 2


def is_caps(text: str) -> bool:
    """Tell whether a line is set in capitals, as headings are."""
    words = strip_markup(text).replace(",", " ").split()
    letters = 0
    for word in words:
        if word in _LOWER_OK:
            continue
        if any(c.islower() for c in word):
            return False
        letters += sum(c.isalpha() for c in word)
    return letters >= _MIN_CAPS


def is_signature(text: str) -> bool:
    """Tell whether a line is Stalin's signature."""
    return bool(_SIGNATURE.match(strip_markup(text).strip()))


def classification(text: str) -> str | None:
    """Return the words of a line that is only a classification, else ``None``.

    Markup and a closing full stop are dropped: ``"PERSONAL AND SECRET."``
    gives ``"PERSONAL AND SECRET"``.
    """
    clean = strip_markup(text).strip().rstrip(".")
    match = _CLASSIFICATION.match(clean)
    return clean if match is not None and match.end() == len(clean) and clean else None


def is_classification(text: str) -> bool:
    """Tell whether a caps line is only a classification."""
    return classification(text) is not None


def heading_keyword(text: str) -> bool:
    """Tell whether a caps line has a word that marks it as a heading."""
    return bool(_KEYWORD.search(strip_markup(text)))


def tidy(heading: str) -> str:
    """Drop a heading's closing full stop, keeping one that ends an abbreviation."""
    heading = " ".join(heading.split())
    last = heading.rsplit(" ", 1)[-1]
    if last.endswith(".") and last.count(".") == 1 and len(last) > _ABBREVIATION_MAX:
        return heading[:-1]
    return heading


def split_classification(heading: str) -> tuple[str | None, str]:
    """Split a leading classification off a heading's text."""
    match = _CLASSIFICATION.match(heading)
    if not match or not match.group(0).strip():
        return None, heading
    label = " ".join(match.group(0).split()).upper().rstrip(".")
    return label, heading[match.end() :].strip()


def parties(heading: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the senders and the recipients a heading names.

    The heading is cut at the words TO, FOR and FROM. Leaders named before
    the first of them or after FROM are senders (Stalin when none is
    named); leaders named after TO or FOR are recipients; both in order.
    """
    text = strip_markup(heading).upper().replace("TO MESSAGE FROM", "TO")
    senders: list[str] = []
    recipients: list[str] = []
    role = "from"
    for token in re.findall(r"[A-Z]+", text):
        if token in {"TO", "FOR"}:
            role = "to"
        elif token == "FROM":  # noqa: S105 - a heading word, not a secret
            role = "from"
        elif token in LEADERS:
            bucket = senders if role == "from" else recipients
            if LEADERS[token] not in bucket:
                bucket.append(LEADERS[token])
    return tuple(senders) or ("Stalin",), tuple(recipients)
