"""The reference graph: ontology, code lists and curated reference data, plus what
rules derive from them alone (a project's kind from the words of its name)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDFS, SKOS

from ..extract.reference import Reference
from ..text.match import match_view
from ..vocab import LSKG, RDF
from .builder import new_graph


class ReferenceDataError(Exception):
    pass


def load_reference_graph(files: list[Path]) -> Graph:
    g = new_graph()
    for path in files:
        if not path.exists():
            raise ReferenceDataError(f"reference file {path} is missing")
        try:
            g.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises several parser error types
            raise ReferenceDataError(f"{path}: cannot be parsed as Turtle: {exc}") from exc
    define_terms(g)
    return g


def define_terms(g: Graph) -> None:
    """Every `#` term of a vocabulary document (`lskg:Term` of `<…/def>`) is rdfs:isDefinedBy the
    document: the document's description finds its terms through this link, where a search by IRI
    prefix would read every triple of the store (`web.linked_data`)."""
    for document in set(g.subjects(RDF.type, OWL.Ontology)):
        prefix = f"{document}#"
        for term in {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(prefix)}:
            g.add((term, RDFS.isDefinedBy, document))


def derive_project_kinds(g: Graph, ref: Reference) -> int:
    """lskg:projectKind from the kind words in a project's labels (longest cue wins)."""
    cues = ref.cues("project-kind")
    added = 0
    for project in set(g.subjects(RDF.type, LSKG.InvestmentProject)):
        if any(g.objects(project, LSKG.projectKind)):
            continue
        labels = [match_view(str(o)) for p in (SKOS.prefLabel, SKOS.altLabel) for o in g.objects(project, p)
                  if getattr(o, "language", "vi") == "vi"]
        for cue, concept in cues:
            if any(f" {cue} " in f" {label} " for label in labels):
                g.add((project, LSKG.projectKind, URIRef(concept)))
                added += 1
                break
    return added
