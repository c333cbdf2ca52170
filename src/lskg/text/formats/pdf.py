"""PDF: the text layer read with pdfminer.six, line by line with its place on the page, then
joined into paragraphs and stripped of running headers and footers (`layout`).

A scanned PDF has no text layer: it is refused, since lskg does no OCR."""

from __future__ import annotations

import io
import re

from . import FormatError, ReadDocument
from .layout import Line, Page, paragraphs


def read_pdf(data: bytes, name: str) -> ReadDocument:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLine
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    pages: list[Page] = []
    try:
        for layout in extract_pages(io.BytesIO(data), laparams=LAParams()):
            _x0, y0, _x1, y1 = layout.bbox
            lines = [Line(line.get_text().rstrip("\n"), line.x0, line.x1, y1 - line.y1, y1 - line.y0)
                     for box in layout if isinstance(box, LTTextContainer)
                     for line in box if isinstance(line, LTTextLine)]
            lines.sort(key=lambda ln: (round(ln.top), ln.x0))  # reading order: top to bottom, left to right
            pages.append(Page(y1 - y0, lines))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise FormatError(f"{name}: the PDF is encrypted ({exc.__class__.__name__}); give an unlocked copy") from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        raise FormatError(f"{name}: not a readable PDF ({exc})") from exc
    text = paragraphs(pages)
    if sum(ch.isalpha() for ch in text) < 20:
        raise FormatError(f"{name}: the PDF has no text layer ({len(pages)} page(s) of images: a scan?). "
                          "lskg does not read scans (no OCR): give the document as a PDF with text, "
                          ".docx, .html or .txt")
    return ReadDocument(text, _info_fields(data))


# a title a converter wrote from the file's name ("Microsoft Word - QD 123.doc") says nothing
_FILE_NAME_TITLE = re.compile(r"^Microsoft \w+ - |\.(?:docx?|pdf|odt|rtf)$", re.I)


def _info_fields(data: bytes) -> dict[str, str]:
    """The title in the PDF's document information, if it gives one (its Author is whoever made the
    file, not the document's author: not read)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    try:
        info = PDFDocument(PDFParser(io.BytesIO(data))).info
    except Exception:  # noqa: BLE001 - the text was read; missing metadata is no error
        return {}
    fields = {}
    for entry in info[:1]:
        title = _pdf_string(resolve1(entry.get("Title")))
        if title and not _FILE_NAME_TITLE.search(title):
            fields["title"] = title
    return fields


def _pdf_string(value) -> str:
    if not isinstance(value, bytes):
        return ""
    if value.startswith(b"\xfe\xff"):
        return value[2:].decode("utf-16-be", "replace").strip()
    from pdfminer.utils import decode_text

    return decode_text(value).strip()

