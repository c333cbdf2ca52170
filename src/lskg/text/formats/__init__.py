"""Documents as they arrive (PDF, Word, web pages, plain text) turned into the text lskg reads.

Each reader gives the document's text, normalised as every source text is (`text.normalise`),
and what the document says about itself (title, date, publisher or issuer) for the catalogue.
Offsets in the graph count code points of this text, so a fact's quote is found in it as in a
`.txt` source; the original file is kept beside it for a reader to check (`lskg.ingest`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..normalise import normalise_text
from .masthead import read_fields


class FormatError(Exception):
    """A document that cannot be turned into text (a scan without a text layer, a broken file)."""


@dataclass
class ReadDocument:
    text: str
    # catalogue fields the document states (title, date as YYYY-MM-DD, publisher, author)
    fields: dict[str, str] = field(default_factory=dict)


# the formats lskg reads, by file suffix, with the media type their original is served as
MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".html": "text/html",
    ".txt": "text/plain",
}
SUFFIXES = {".htm": ".html", **{s: s for s in MEDIA_TYPES}}


def read_document(data: bytes, suffix: str, name: str, url: str | None = None) -> ReadDocument:
    """The text and self-described fields of a document of the given suffix (`SUFFIXES`)."""
    suffix = SUFFIXES.get(suffix.lower(), "")
    if suffix == ".pdf":
        from .pdf import read_pdf

        doc = read_pdf(data, name)
    elif suffix == ".docx":
        from .word import read_docx

        doc = read_docx(data, name)
    elif suffix == ".html":
        from .web import read_html

        doc = read_html(data, name, url)
    elif suffix == ".txt":
        doc = ReadDocument(_plain_text(data, name))
    else:
        raise FormatError(f"{name}: cannot read this kind of file; lskg reads {', '.join(MEDIA_TYPES)}")
    doc.text = normalise_text(doc.text).removeprefix("\ufeff")
    if sum(ch.isalpha() for ch in doc.text) < 20:
        raise FormatError(f"{name}: no text found in the document")
    # what the text itself says wins over the file's metadata, which is often a template's
    return ReadDocument(doc.text, {**doc.fields, **read_fields(doc.text)})


def _plain_text(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FormatError(f"{name}: not valid UTF-8 at byte offset {exc.start} ({exc.reason})") from exc
