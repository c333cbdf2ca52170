"""A SELECT result as a download: the one writer of lskg's own CSV and JSON tables, and of the
SPARQL TSV and XML results of a saved query (the web's `.tsv` and `.xml` twins).

`lskg query --format csv|json` and the web's `/queries/<name>.csv|.json` both write through here,
so the same saved query gives the same bytes on either side. A cell is an IRI as an IRI, a literal
by its lexical form, a blank node as `_:id` (as SPARQL's own CSV writes it: an `id` alone would
read as a literal). A CSV cell a spreadsheet would run as a formula (`=HYPERLINK(…)`) is written
as text (`text.spoofing`), here and in the engine's SPARQL CSV (`spreadsheet_safe_csv`), except for the extractor's evaluation, whose scorer compares the
values themselves (`spreadsheet_safe=False`).
"""

from __future__ import annotations

import csv
import io
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from ..text.spoofing import spreadsheet_cell
from .base import Result, Term


def plain_value(term: Term | None) -> str | None:
    if term is None:
        return None
    return "_:" + term.value if term.kind == "bnode" else term.value


def write_csv(result: Result, out: TextIO, spreadsheet_safe: bool = True) -> None:
    """RFC 4180: a header of the variables, CRLF line ends, an unbound cell empty."""
    cell = spreadsheet_cell if spreadsheet_safe else str
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([cell(plain_value(row.get(v)) or "") for v in result.variables])


def json_table(result: Result) -> dict:
    """{"columns", "rows" (one object per row, unbound cells null), "truncated"}."""
    return {"columns": result.variables,
            "rows": [{v: plain_value(row.get(v)) for v in result.variables} for row in result.rows],
            "truncated": result.truncated}


def spreadsheet_safe_csv(body: bytes) -> bytes:
    """SPARQL's CSV results are made for spreadsheets, which run a cell such as `=HYPERLINK(…)` as a
    formula: such a cell gets a leading `'` (`text.spoofing`). TSV needs nothing: its strings are
    quoted RDF terms. Rewritten with Python's csv, which reads Oxigraph's RFC 4180 output exactly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in csv.reader(io.StringIO(body.decode("utf-8"), newline="")):
        writer.writerow([spreadsheet_cell(value) for value in row])
    return out.getvalue().encode("utf-8")


def write_tsv(result: Result, out: TextIO) -> None:
    """SPARQL 1.1 TSV results: `?name` headers, each cell an RDF term as Turtle writes it (IRIs in
    <>, literals quoted with their language or datatype), a tab inside a literal as `\\t`, LF line ends."""
    out.write("\t".join("?" + v for v in result.variables) + "\n")
    for row in result.rows:
        out.write("\t".join(_tsv_cell(row.get(v)) for v in result.variables) + "\n")


def _tsv_cell(term: Term | None) -> str:
    return "" if term is None else term.n3().replace("\t", "\\t")


_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"
_CR = {"\r": "&#13;"}  # a parser would read a bare CR as LF


def xml_results(result: Result) -> str:
    """SPARQL Query Results XML: the variables in <head>, one <result> per row, unbound cells left out."""
    parts = [f'<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="{_RESULTS_NS}">\n<head>']
    parts += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    parts.append("</head>\n<results>\n")
    for row in result.rows:
        parts.append("<result>")
        parts += [f"<binding name={quoteattr(v)}>{_xml_term(row[v])}</binding>" for v in result.variables if v in row]
        parts.append("</result>\n")
    parts.append("</results>\n</sparql>\n")
    return "".join(parts)


def _xml_term(term: Term) -> str:
    if term.kind == "iri":
        return f"<uri>{escape(term.value)}</uri>"
    if term.kind == "bnode":
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value, _CR)}</literal>"
    if term.datatype and term.datatype != "http://www.w3.org/2001/XMLSchema#string":
        return f"<literal datatype={quoteattr(term.datatype)}>{escape(term.value, _CR)}</literal>"
    return f"<literal>{escape(term.value, _CR)}</literal>"
