"""Word (.docx): the body's paragraphs and tables in their order, read with python-docx.

Page headers and footers are kept apart by Word itself and are not read. A table's cells are read
row by row, a paragraph per line: the two-column masthead of an official document (issuer on the
left; the national motto, place and date on the right) is a table."""

from __future__ import annotations

import io
import zipfile

from . import FormatError, ReadDocument


def read_docx(data: bytes, name: str) -> ReadDocument:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise FormatError(f"{name}: not a readable Word (.docx) file ({exc})") from exc
    blocks: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            blocks.append(block.text.strip())
        elif isinstance(block, Table):
            blocks.extend(_table_lines(block))
    text = "\n\n".join(b for b in blocks if b) + "\n"
    # the file's author is whoever saved it (or the template's), not the document's: not read
    title = (document.core_properties.title or "").strip()
    return ReadDocument(text, {"title": title} if title else {})


def _table_lines(table) -> list[str]:
    lines: list[str] = []
    for row in table.rows:
        seen = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is returned once per column it spans
                continue
            seen.add(id(cell._tc))
            lines.extend(p.text.strip() for p in cell.paragraphs)
    return lines
