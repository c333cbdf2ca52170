"""/sources/<key>: a source document as readable text, every mention marked and linked to its
entity, every sentence the graph cites addressable as #char-<start>-<end>."""

from __future__ import annotations

import re

from flask import Blueprint, abort, render_template

from ..graph.iris import Minter
from ..store.base import Term
from .context import current_lang, current_site
from .description import PROLOGUE, segment_place
from .naming import display_name
from .page_helpers import with_lang
from .source_markup import MENTION, SEGMENT, Span, paragraph_spans, render_marked_text

bp = Blueprint("sources_view", __name__)

_KEY = re.compile(r"[0-9a-f]{16}")

DOCUMENT = PROLOGUE + """
SELECT ?e ?p ?v WHERE {
  ?e a lskg:SourceDocument ; ?p ?v .
  FILTER (?p IN (dct:title, dct:date, dct:source, dct:publisher, dct:creator, lskg:fileName, lskg:text))
}"""

# Every segment of the source, with the entity a mention names where the segment is one.
SEGMENTS = PROLOGUE + """
SELECT ?e ?seg ?body WHERE {
  ?seg oa:hasSource ?e .
  OPTIONAL { ?m oa:hasTarget ?seg ; oa:hasBody ?body }
}"""


@bp.get("/sources/<key>")
def source(key: str):
    if not _KEY.fullmatch(key):
        abort(404)
    site = current_site()
    doc = {"e": Term("iri", str(Minter.source(key)))}
    fields: dict[str, str] = {}
    for row in site.store.select(DOCUMENT, doc).rows:
        fields.setdefault(row["p"].value.rsplit("/", 1)[-1].rsplit("#", 1)[-1], row["v"].value)
    if "text" not in fields:
        abort(404)
    text = fields["text"]
    spans = segment_spans(site.store.select(SEGMENTS, doc).rows, current_lang())
    mentions = sum(1 for s in spans if s.rank == MENTION)
    return render_template(
        "source.html", key=key, iri=doc["e"].value, fields=fields, mentions=mentions,
        segments=len(spans) - mentions, url=site.href(fields["source"]) if "source" in fields else None,
        body=render_marked_text(text, paragraph_spans(text) + spans))


def segment_spans(rows, lang: str) -> list[Span]:
    """One span per segment: a mention (linked to its entity) or a cited sentence."""
    site = current_site()
    bodies: dict[str, list[str]] = {}
    for row in rows:
        found = bodies.setdefault(row["seg"].value, [])
        if "body" in row and row["body"].value not in found:
            found.append(row["body"].value)
    spans = []
    for segment, entities in bodies.items():
        place = segment_place(segment)
        if place is None:
            continue
        _key, start, end = place
        anchor = f"char-{start}-{end}"
        if entities:
            names = "; ".join(display_name(site, e, lang) for e in entities)
            spans.append(Span(start, end, MENTION, anchor, with_lang(site.href(entities[0])), names))
        else:
            spans.append(Span(start, end, SEGMENT, anchor))
    return spans
