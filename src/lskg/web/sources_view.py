"""/sources/<key>: a source document as readable text, every mention marked and linked to its
entity, every sentence the graph cites addressable as #char-<start>-<end>; /sources/<key>/original:
the file (PDF, Word, web page) that text was read from, as a download, so a reader can check a
quote against it."""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path

from flask import Blueprint, abort, current_app, render_template, send_file

from ..graph.iris import Minter
from ..ingest.originals import original_path
from ..store.base import Term
from ..vocab import DCTERMS, LSKG
from .context import SiteContext
from .description import segment_place
from .entity_queries import PROLOGUE
from .memo import recall, remembered
from .page_helpers import Reader, reader
from .source_markup import MENTION, SEGMENT, Span, paragraph_spans, render_marked_text

bp = Blueprint("sources_view", __name__)

_KEY = re.compile(r"[0-9a-f]{16}")
_FIELDS = {str(DCTERMS.title): "title", str(DCTERMS.date): "date", str(DCTERMS.source): "url",
           str(DCTERMS.publisher): "publisher", str(DCTERMS.creator): "creator", str(LSKG.fileName): "file",
           str(LSKG.text): "text"}

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
    r = reader()
    page = recall("lskg.source_page")(key, r.lang)
    if page is None:
        abort(404)
    return render_template("source.html", r=r, key=key, original=_original(key)[1], **page)


@bp.get("/sources/<key>/original")
def original(key: str):
    """The original file, only one the release lists (named by the checked key, its suffix from a
    fixed table: no path from the request), as an attachment of its own media type: a saved web
    page is downloaded, never shown as this site's page."""
    if not _KEY.fullmatch(key):
        abort(404)
    path, entry = _original(key)
    if path is None:
        abort(404)
    response = send_file(path, mimetype=entry["media_type"], as_attachment=True, download_name=entry["file"],
                         conditional=True, max_age=3600)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _original(key: str) -> tuple[Path | None, dict | None]:
    """Where the served release keeps the original of source `key`, and its summary entry."""
    release = current_app.config.get("RELEASE_DIR")
    entry = current_app.extensions["lskg"].summary.get("originals", {}).get(key)
    path = original_path(Path(release), key, entry) if release and isinstance(entry, dict) else None
    return (path, entry) if path else (None, None)


def source_page(site: SiteContext, key: str, lang: str) -> dict | None:
    """The document's fields and its marked-up text (the same for every reader of one language)."""
    doc = {"e": Term("iri", str(Minter.source(key)))}
    fields: dict[str, str] = {}
    for row in site.store.query(DOCUMENT, doc).rows:
        fields.setdefault(_FIELDS[row["p"].value], row["v"].value)
    if "text" not in fields:
        return None
    text = fields.pop("text")
    spans = segment_spans(Reader(site, lang), site.store.query(SEGMENTS, doc).rows)
    mentions = sum(1 for s in spans if s.rank == MENTION)
    return {"iri": doc["e"].value, "fields": fields, "mentions": mentions, "segments": len(spans) - mentions,
            "url": site.href(fields["url"]) if "url" in fields else None,
            "body": render_marked_text(text, paragraph_spans(text) + spans)}


def segment_spans(r: Reader, rows) -> list[Span]:
    """One span per segment: a mention (linked to its entity) or a cited sentence."""
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
            spans.append(Span(start, end, MENTION, anchor, r.link(entities[0]), "; ".join(map(r.name, entities))))
        else:
            spans.append(Span(start, end, SEGMENT, anchor))
    return spans


bp.record_once(remembered("lskg.source_page", lambda app: partial(source_page, app.extensions["lskg"])))
