"""SHACL validation with pyshacl, and a report people can read.

Each result names the focus node by its label, gives the shape's message in
Vietnamese and English, and quotes the source sentence the focus node came from.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import ORG, OWL, PROV, RDF, RDFS, SKOS

from .patches import PreparedQueryGraph
from .vocab import LSKG, OA, SH


@dataclass
class ValidationResult:
    focus: str
    focus_label: str
    severity: str  # Violation | Warning | Info
    message_vi: str
    message_en: str
    path: str | None
    value: str | None
    shape: str | None
    quote: str | None
    source: str | None


@dataclass
class ValidationReport:
    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity != "Violation"]

    def to_json(self) -> dict:
        return {"conforms": self.conforms, "results": [asdict(r) for r in self.results]}

    def text(self, limit: int = 50) -> str:
        lines = []
        for r in self.results[:limit]:
            lines.append(f"[{r.severity}] {r.focus_label} <{r.focus}>")
            if r.path:
                lines.append(f"    path: {r.path}" + (f"  value: {r.value}" if r.value else ""))
            lines.append(f"    {r.message_vi}")
            if r.message_en and r.message_en != r.message_vi:
                lines.append(f"    {r.message_en}")
            if r.quote:
                lines.append(f"    source: {r.source}: “{r.quote}”")
        if len(self.results) > limit:
            lines.append(f"... and {len(self.results) - limit} more")
        return "\n".join(lines)


def _label(graph: Graph, node) -> str:
    for p in (SKOS.prefLabel, RDFS.label):
        for o in graph.objects(node, p):
            if isinstance(o, Literal) and o.language in ("vi", None):
                return str(o)
    return str(node).rsplit("/", 1)[-1]


def _quote(graph: Graph, node) -> tuple[str | None, str | None]:
    """The sentence a node was derived from, and the file it stands in."""
    for seg in graph.objects(node, PROV.wasDerivedFrom):
        for sel in graph.objects(seg, OA.hasSelector):
            exact = graph.value(sel, OA.exact)
            if exact is not None:
                src = graph.value(seg, OA.hasSource)
                name = graph.value(src, LSKG.fileName) if src else None
                return str(exact), str(name or src)
    return None, None


def _messages(report: Graph, result) -> tuple[str, str]:
    msgs = list(report.objects(result, SH.resultMessage))
    vi = next((str(m) for m in msgs if getattr(m, "language", None) == "vi"), None)
    en = next((str(m) for m in msgs if getattr(m, "language", None) == "en"), None)
    plain = next((str(m) for m in msgs if getattr(m, "language", None) is None), None)
    return vi or plain or en or "", en or plain or vi or ""


# What the shapes (ontology/shapes.ttl) read beyond a node's own triples: the description of a node it
# points to (its rdf:type for sh:class, skos:inScheme for the scheme shapes, eli:date_document,
# lskg:minPlausible, lskg:text, oa:exact), and, for a node the context describes too (a reference body a
# source adds to), the description of what that description points to: two steps. Two paths are followed
# to any length: rdfs:subClassOf (targets and sh:class take subclasses) and org:subOrganizationOf (the
# cycle check). No shape reads a link backwards but the duplicate-key check and the relation-evidence
# check, whose observations and statements all lie in the graph validated. A shape that reads further must widen this; test_build_scale compares
# against the whole reference graph.
_STEPS = 2
_CHAINS = (RDFS.subClassOf, ORG.subOrganizationOf)


def reachable(data: Graph, context: Graph) -> Graph:
    """The part of `context` that validating `data` can read (see _STEPS): a few hundred of the
    reference graph's 7 500 triples for a report, instead of a copy of all of them per source."""
    part = Graph()
    seen: set = set()
    frontier = {n for s, _p, o in data for n in (s, o) if not isinstance(n, Literal)}
    for _ in range(_STEPS):
        nodes, frontier = frontier - seen, set()
        seen |= nodes
        for node in nodes:
            for triple in context.triples((node, None, None)):
                part.add(triple)
                if not isinstance(triple[2], Literal):
                    frontier.add(triple[2])
    chained, todo = set(), list(seen | frontier)
    while todo:
        node = todo.pop()
        if node in chained:
            continue
        chained.add(node)
        for p in _CHAINS:
            for o in context.objects(node, p):
                part.add((node, p, o))
                todo.append(o)
    return part


_NODE_TARGETS = (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)  # all but sh:targetClass
_CLASSES = (RDFS.Class, OWL.Class)


def _shapes_for(shapes: Graph, merged: Graph, nodes: set) -> list[URIRef] | None:
    """The shapes pyshacl need run to report on `nodes` (for its `use_shapes`; None: all of them).

    Left out: a shape that only targets classes none of `nodes` is an instance of, and that no other
    shape refers to: it would only report on context nodes, whose results are dropped (in the curated
    graph's context, thousands of segments known only by their type). A shape pyshacl is not given
    is also skipped where another shape points to it (sh:node), hence the second condition; and a
    blank-node shape cannot be named, so with one that has targets every shape runs."""
    classes = set()
    for node in nodes:
        for cls in merged.objects(node, RDF.type):
            classes.update(merged.transitive_objects(cls, RDFS.subClassOf))
    named = {s for t in (SH.NodeShape, SH.PropertyShape) for s in shapes.subjects(RDF.type, t)}
    named |= {s for p in (SH.targetClass, *_NODE_TARGETS) for s in shapes.subjects(p, None)}
    if any(not isinstance(shape, URIRef) for shape in named):
        return None

    def idle(shape) -> bool:
        targeted = set(shapes.objects(shape, SH.targetClass))
        targeted |= {shape} if any((shape, RDF.type, c) in shapes for c in _CLASSES) else set()
        return ((None, None, shape) not in shapes and not any((shape, p, None) in shapes for p in _NODE_TARGETS)
                and not targeted & classes)

    return sorted(shape for shape in named if not idle(shape))


# Shapes about what the sources say together, checked once on the release (`ReleaseLinks`), never on one
# graph alone: a project the reference data names has its basis and bodies in the sources, and a
# project one source names may have its basis in another, so on each graph alone they all "lack" one.
RELEASE_SHAPES = (LSKG.ProjectBasisShape,)


def validate_graph(data: Graph, shapes: Graph, context: Graph | None = None,
                   own_nodes_only: bool = False, release_wide: bool = False) -> ValidationReport:
    """Validate `data` together with `context` (the reference graph it points into) against `shapes`.

    pyshacl's `ont_graph` only inoculates class and property definitions, not the code-list
    concepts and bodies our shapes check (`skos:inScheme`, `sh:class org:Organization`), so the
    part of the context `data` can reach is merged in, and the merge validated in place.

    own_nodes_only: keep only results about nodes `data` describes (the reference graph is
    validated once on its own, cross-source rules on the union). They are picked from the results,
    pyshacl running only the shapes that may target them (`_shapes_for`), not through its
    `focus_nodes` option: that also drops the checks on a focus node's values (sh:node, sh:or), such
    as the unit scheme of an observation's unit.

    release_wide: run only the RELEASE_SHAPES (on what `ReleaseLinks` gathered); otherwise their
    results are left out.
    """
    merged = PreparedQueryGraph()  # pyshacl's SPARQL parsed once per text
    for graph in [data] if context is None else [data, context]:
        for prefix, ns in graph.namespaces():
            merged.bind(prefix, ns)
    merged += data
    if context is not None:
        merged += reachable(data, context)
    use_shapes = list(RELEASE_SHAPES) if release_wide else None
    if own_nodes_only:
        use_shapes = _shapes_for(shapes, merged, {s for s in data.subjects() if isinstance(s, URIRef)})
        if use_shapes == []:  # pyshacl reads an empty list as "all shapes"
            return ValidationReport(conforms=True)
    _conforms, report_graph, _ = shacl_validate(
        merged, shacl_graph=shapes, inference="none", advanced=True, inplace=True,
        allow_warnings=True, abort_on_first=False, use_shapes=use_shapes,
    )
    results = []
    seen = set()
    for result in report_graph.subjects(SH.resultSeverity, None):
        focus = report_graph.value(result, SH.focusNode)
        severity = str(report_graph.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        if not release_wide and report_graph.value(result, SH.sourceShape) in RELEASE_SHAPES:
            continue
        if own_nodes_only and (severity == "Info" or not isinstance(focus, URIRef) or (focus, None, None) not in data):
            continue  # reference nodes are checked once, and cross-source rules on the union
        vi, en = _messages(report_graph, result)
        path = report_graph.value(result, SH.resultPath)
        value = report_graph.value(result, SH.value)
        key = (str(focus), vi, str(report_graph.value(result, SH.resultPath)), str(report_graph.value(result, SH.value)))
        if key in seen:
            continue
        seen.add(key)
        quote, source = _quote(merged, focus)
        results.append(ValidationResult(
            focus=str(focus), focus_label=_label(merged, focus), severity=severity,
            message_vi=vi, message_en=en, path=str(path) if path is not None else None,
            value=str(value) if value is not None else None,
            shape=str(report_graph.value(result, SH.sourceShape) or "") or None,
            quote=quote, source=source,
        ))
    results.sort(key=lambda r: (r.severity != "Violation", r.focus, r.message_vi))
    return ValidationReport(conforms=not any(r.severity == "Violation" for r in results), results=results)


def validate_curated(curated: Graph, shapes: Graph, reference: Graph, sources: list[Graph]) -> ValidationReport:
    """The curated graph points at segments and sources of the source graphs: their types suffice."""
    context = reference + Graph()
    for g in sources:
        for cls in (LSKG.TextSegment, LSKG.SourceDocument):
            context += g.triples((None, RDF.type, cls))
    return validate_graph(curated, shapes, context, own_nodes_only=True)


def _read_paths(shapes: Graph, node) -> set[URIRef]:
    """The predicates the paths in a shape's description name (down its sh:or lists and property shapes)."""
    found = set()
    for p, o in shapes.predicate_objects(node):
        if p == SH.path:
            found |= _path_predicates(shapes, o)
        elif isinstance(o, BNode):
            found |= _read_paths(shapes, o)
    return found


def _path_predicates(shapes: Graph, path) -> set[URIRef]:
    """A predicate path is its predicate; a complex one (alternative, inverse…) names those inside it."""
    if isinstance(path, URIRef):
        return {path} if path != RDF.nil else set()
    return set().union(*(_path_predicates(shapes, o) for o in shapes.objects(path)))


class ReleaseLinks:
    """What the RELEASE_SHAPES read of every graph of a release, gathered while the build goes
    through them one at a time: the nodes they target (typed in any graph, subclasses as the
    reference data's ontology has them) with their labels, and the links their paths name.
    A few triples per project."""

    def __init__(self, shapes: Graph, reference: Graph):
        self.shapes, self.reference = shapes, reference
        self.classes = {sub for shape in RELEASE_SHAPES for cls in shapes.objects(shape, SH.targetClass)
                        for sub in reference.transitive_subjects(RDFS.subClassOf, cls)}
        self.paths = set().union(*(_read_paths(shapes, shape) for shape in RELEASE_SHAPES))
        self.graph = Graph()

    def add(self, graph: Graph) -> None:
        self.add_part(self.part(graph))

    def part(self, graph: Graph) -> list[tuple]:
        """The triples of `graph` the release shapes read."""
        found = []
        for cls in self.classes:
            for node in graph.subjects(RDF.type, cls):
                found.append((node, RDF.type, cls))
                found += graph.triples((node, SKOS.prefLabel, None))
        for p in self.paths:
            found += graph.triples((None, p, None))
        return found

    def add_part(self, part: list[tuple]) -> None:
        for triple in part:
            self.graph.add(triple)

    def validate(self) -> ValidationReport:
        return validate_graph(self.graph, self.shapes, self.reference, release_wide=True)


def combine(reports: list[ValidationReport]) -> ValidationReport:
    results = [r for report in reports for r in report.results]
    return ValidationReport(conforms=not any(r.severity == "Violation" for r in results), results=results)


def validate_release(reference: Graph, sources: list[Graph], curated: Graph | None, shapes: Graph) -> ValidationReport:
    """A whole release, the way the build validates it: the reference data on its own, each source
    graph against the reference, the curated graph against both."""
    links = ReleaseLinks(shapes, reference)
    reports = [validate_graph(reference + Graph(), shapes)]
    reports += [validate_graph(g, shapes, reference, own_nodes_only=True) for g in sources]
    if curated is not None and len(curated):
        reports.append(validate_curated(curated, shapes, reference, sources))
    for g in [reference, *sources, *([curated] if curated is not None else [])]:
        links.add(g)
    reports.append(links.validate())
    return combine(reports)
