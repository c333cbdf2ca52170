"""Dereferencing: which representation of a thing a client asked for, and that representation.

HTML for browsers; Turtle, JSON-LD, N-Triples and RDF/XML by `Accept` or `?format=`. The RDF
is the thing's description: every triple about it and every triple pointing at it.
"""

from __future__ import annotations

from flask import Request, abort

from ..store.base import GraphStore, Term, media_type
from ..text.iri import is_valid_iri

# ?format= name -> media type; the order is the server's preference when Accept ties.
FORMATS = {name: media_type(name) for name in ("html", "turtle", "jsonld", "ntriples", "rdfxml")}
_BY_TYPE = {mime: name for name, mime in FORMATS.items()}
_BY_TYPE.update({"application/x-turtle": "turtle", "application/json": "jsonld", "text/plain": "ntriples"})
_CHARSET = {"turtle", "ntriples", "html"}
# the same formats by rdflib's names, for descriptions the app writes itself (service description, VoID)
RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}


def wanted_format(request: Request) -> str:
    """?format= wins; otherwise the best Accept match, the page on a tie (*/*) or no match."""
    asked = request.args.get("format")
    if asked is not None:
        if asked not in FORMATS:
            abort(400)
        return asked
    return _BY_TYPE[request.accept_mimetypes.best_match(list(_BY_TYPE), default="text/html")]


def content_type(fmt: str) -> str:
    return FORMATS[fmt] + ("; charset=utf-8" if fmt in _CHARSET else "")


def is_safe_iri(iri: str) -> bool:
    """An IRI the engine accepts (a path such as /id/a%25zz or /id/%ED%A0%80 is a 404, not an
    engine error) and that cannot leave the <…> it is written in: no whitespace, no <>"{}|\\^`."""
    return is_valid_iri(iri)


# ?thing is bound as a term (`store.binding`). Every triple about the thing and pointing at it, and
# those of the `#` terms of its document (a vocabulary's terms, a segment's selectors: `<doc#t>` is
# described where `<doc>` is fetched), found by the links to them (the terms' rdfs:isDefinedBy, the
# segment's oa:hasSelector), not by IRI prefix.
DESCRIPTION = """CONSTRUCT { ?thing ?p ?o . ?s ?q ?thing . ?term ?r ?v } WHERE {
  { ?thing ?p ?o } UNION { ?s ?q ?thing }
  UNION { { ?thing ?link ?term } UNION { ?term <http://www.w3.org/2000/01/rdf-schema#isDefinedBy> ?thing }
          FILTER (isIRI(?term) && STRSTARTS(STR(?term), CONCAT(STR(?thing), "#"))) ?term ?r ?v }
}"""
DESCRIBED = "ASK { { ?thing ?p ?o } UNION { ?s ?q ?thing } }"


def description_rdf(store: GraphStore, iri: str, fmt: str) -> bytes:
    """The description as `fmt`, written by the store. An IRI the engine would refuse is a 404."""
    if not is_safe_iri(iri):
        abort(404)
    return store.query(DESCRIPTION, {"thing": Term("iri", iri)}, fmt=fmt).serialize(fmt)
