"""`/def`, the vocabulary document: for browsers, a page of its classes and properties (labels in
Vietnamese and English, comments, domains and ranges), each term anchored by its fragment, so that
`/def#InvestmentProject` lands on it; for programs, the document's description with every term
(`linked_data.DESCRIPTION`, through `entities.dereference`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from flask import Blueprint, Response, render_template, request
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from ..store.base import Term
from ..vocab import BASE
from .context import SiteContext, current_site
from .entities import dereference
from .linked_data import wanted_format
from .page_helpers import install_page_helpers, reader

bp = Blueprint("vocabulary", __name__)
bp.record_once(install_page_helpers)

DOCUMENT = BASE + "def"
# the terms the document defines (graph.reference.define_terms) and everything said of them
_TERMS = """SELECT ?term ?p ?o WHERE {
  ?term <http://www.w3.org/2000/01/rdf-schema#isDefinedBy> ?document . ?term ?p ?o }"""
_ABOUT = "SELECT ?p ?o WHERE { ?document ?p ?o }"
# the sections of the page, in order: a term goes to the first whose type it has
KINDS = (
    (str(OWL.Class), "Lớp", "Classes"),
    (str(OWL.ObjectProperty), "Thuộc tính liên kết", "Object properties"),
    (str(OWL.DatatypeProperty), "Thuộc tính giá trị", "Datatype properties"),
    (str(OWL.AnnotationProperty), "Thuộc tính chú thích", "Annotation properties"),
    (str(RDFS.Datatype), "Kiểu dữ liệu", "Datatypes"),
)
_SHOWN = (str(RDFS.subClassOf), str(RDFS.subPropertyOf), str(RDFS.domain), str(RDFS.range), str(OWL.inverseOf),
          str(OWL.equivalentClass), str(OWL.equivalentProperty), str(SKOS.exactMatch), str(SKOS.closeMatch),
          str(RDFS.seeAlso))
_TEXT = (str(RDFS.label), str(RDFS.comment))


@dataclass
class VocabularyTerm:
    iri: str
    types: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # language -> label
    comments: list[Term] = field(default_factory=list)
    links: dict[str, list[Term]] = field(default_factory=lambda: defaultdict(list))  # _SHOWN only

    @property
    def fragment(self) -> str:
        return self.iri.rsplit("#", 1)[-1]


@dataclass
class Section:
    kind: str
    title_vi: str
    title_en: str
    terms: list[VocabularyTerm]


def vocabulary(site: SiteContext, document: str) -> tuple[dict[str, list[Term]], list[Section]]:
    """What the document says of itself, and its terms by kind (in IRI order)."""
    bound = {"document": Term("iri", document)}
    about: dict[str, list[Term]] = defaultdict(list)
    for row in site.store.query(_ABOUT, bound).rows:
        about[row["p"].value].append(row["o"])
    terms: dict[str, VocabularyTerm] = {}
    for row in site.store.query(_TERMS, bound).rows:
        term = terms.setdefault(row["term"].value, VocabularyTerm(row["term"].value))
        p, o = row["p"].value, row["o"]
        if p == str(RDF.type):
            term.types.append(o.value)
        elif p == str(RDFS.label) and o.kind == "literal":
            term.labels[o.language or ""] = o.value
        elif p == str(RDFS.comment):
            term.comments.append(o)
        elif p in _SHOWN:
            term.links[p].append(o)
    sections = []
    placed: set[str] = set()
    for kind, vi, en in KINDS:
        members = sorted((t for t in terms.values() if kind in t.types and t.iri not in placed), key=lambda t: t.iri)
        placed.update(t.iri for t in members)
        if members:
            sections.append(Section(kind, vi, en, members))
    others = sorted((t for t in terms.values() if t.iri not in placed), key=lambda t: t.iri)
    if others:
        sections.append(Section("", "Thuật ngữ khác", "Other terms", others))
    return about, sections


@bp.get("/def")
def document():
    fmt = wanted_format(request)
    if fmt != "html":
        return dereference(DOCUMENT)
    about, sections = vocabulary(current_site(), DOCUMENT)
    response = Response(render_template("vocabulary.html", r=reader(), iri=DOCUMENT, about=about, sections=sections,
                                        shown=_SHOWN, text_properties=_TEXT))
    response.vary.add("Accept")
    return response
