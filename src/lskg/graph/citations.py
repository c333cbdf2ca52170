"""Documents cited without a date, resolved across the corpus.

A report often cites "Nghị quyết số 01/NQ-CP" with no date; another source may print the same symbol
with its date. Numbers of individual documents restart every year, so the symbol alone does not
identify a document: it is the corpus's one dated document with that type, symbol and issuer when
there is exactly one, and an ambiguous citation when there are several. A citation that names no issuer
is compared with the dated documents of its source's place only: every province has its "123/QĐ-UBND".

Why here and not in the source graphs: a source graph is a function of its source alone (it is
validated and quarantined alone, and a new source never rewrites another's graph), while this
resolution is a judgement over the whole corpus that a new source can change. So the per-source
graphs keep the undated document as its own node (known by its symbol), and this step, run after all
sources are built, writes the links into the curated graph: `owl:sameAs` to the one dated document,
or `lskg:ambiguousCitation true` with `lskg:possibleDocument` to each candidate. Rebuilding the same
sources gives the same links (everything is sorted).
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF

from ..vocab import ELI, LSKG
from .builder import new_graph


class CitationIndex:
    """Collects, source graph by source graph, which documents carry a date and which do not."""

    def __init__(self):
        # (type, symbol, issuer or "in:" + place) -> documents
        self.dated: dict[tuple[str, str, str], set[URIRef]] = defaultdict(set)
        self.undated: dict[tuple[str, str, str], set[URIRef]] = defaultdict(set)

    def add(self, graph: Graph) -> None:
        self.add_part(citation_part(graph))

    def add_part(self, part: list[tuple[bool, tuple[str, str, str], URIRef]]) -> None:
        """What `citation_part` read of one source graph (kept by the build cache between builds)."""
        for dated, key, doc in part:
            (self.dated if dated else self.undated)[key].add(doc)

    def resolve(self) -> Graph:
        g = new_graph()
        for key in sorted(self.undated):
            for doc in sorted(self.undated[key] - self.dated[key]):
                candidates = sorted(self.dated.get(key, ()))
                if len(candidates) == 1:
                    g.add((doc, OWL.sameAs, candidates[0]))
                elif candidates:
                    g.add((doc, LSKG.ambiguousCitation, Literal(True)))
                    for other in candidates:
                        g.add((doc, LSKG.possibleDocument, other))
        return g


def citation_part(graph: Graph) -> list[tuple[bool, tuple[str, str, str], URIRef]]:
    """The documents of one source graph as (dated?, key, document): a dated one under its issuer's key
    and its place's, an undated one under the first of these it has."""
    part = []
    source = graph.value(None, RDF.type, LSKG.SourceDocument, any=True)
    place = graph.value(source, DCTERMS.spatial) if source is not None else None
    for doc in graph.subjects(RDF.type, ELI.LegalResource):
        doc_type, symbol = graph.value(doc, ELI.type_document), graph.value(doc, ELI.id_local)
        if doc_type is None or symbol is None:
            continue
        if str(symbol).isdigit():
            continue  # a bare number ("Nghị quyết 98") names no document outside its source
        issuer = graph.value(doc, ELI.passed_by, any=True)
        by_issuer = (str(doc_type), _symbol_key(str(symbol)), str(issuer)) if issuer is not None else None
        by_place = (str(doc_type), _symbol_key(str(symbol)), f"in:{place}")
        if graph.value(doc, ELI.date_document) is not None:
            # found by a citation of the same issuer, or by one naming none in the same place
            part += [(True, key, doc) for key in filter(None, (by_issuer, by_place))]
        else:
            part.append((False, by_issuer or by_place, doc))
    return part


def _symbol_key(symbol: str) -> str:
    """Symbols compare without case or spaces ("516 /BQLKKTCK-DN" is "516/BQLKKTCK-DN")."""
    return "".join(symbol.split()).upper()
