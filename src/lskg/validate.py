"""SHACL validation with pyshacl, and a report people can read.

Each result names the focus node by its label, gives the shape's message in
Vietnamese and English, and quotes the source sentence the focus node came from.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

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
                name = graph.value(src, URIRef("https://w3id.org/lskg/def#fileName")) if src else None
                return str(exact), str(name or src)
    return None, None


def _messages(report: Graph, result) -> tuple[str, str]:
    msgs = list(report.objects(result, SH.resultMessage))
    vi = next((str(m) for m in msgs if getattr(m, "language", None) == "vi"), None)
    en = next((str(m) for m in msgs if getattr(m, "language", None) == "en"), None)
    plain = next((str(m) for m in msgs if getattr(m, "language", None) is None), None)
    return vi or plain or en or "", en or plain or vi or ""


def validate_graph(data: Graph, shapes: Graph, context: Graph | None = None,
                   own_nodes_only: bool = False) -> ValidationReport:
    """Validate `data` together with `context` (the reference graph it points into) against `shapes`.

    pyshacl's `ont_graph` only inoculates class and property definitions, not the code-list
    concepts and bodies our shapes check (`skos:inScheme`, `sh:class org:Organization`), so the
    two graphs are merged here and validated in place (no second copy).
    """
    merged = data + context if context is not None else data
    # own_nodes_only: the reference graph is validated once on its own; here only the nodes this
    # graph says something about are focus nodes (pyshacl filters targets before evaluating)
    focus = sorted({s for s in data.subjects() if isinstance(s, URIRef)}) if own_nodes_only else None
    conforms, report_graph, _ = shacl_validate(
        merged, shacl_graph=shapes, inference="none", advanced=True, inplace=True,
        allow_warnings=True, abort_on_first=False, focus_nodes=focus,
    )
    results = []
    seen = set()
    for result in report_graph.subjects(SH.resultSeverity, None):
        focus = report_graph.value(result, SH.focusNode)
        severity = str(report_graph.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        if own_nodes_only and (severity == "Info" or (focus, None, None) not in data):
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
    return ValidationReport(conforms=bool(conforms), results=results)


def validate_curated(curated: Graph, shapes: Graph, reference: Graph, sources: list[Graph]) -> ValidationReport:
    """The curated graph points at segments and sources of the source graphs: their types suffice."""
    context = reference + Graph()
    for g in sources:
        for cls in (LSKG.TextSegment, LSKG.SourceDocument):
            context += g.triples((None, RDF.type, cls))
    return validate_graph(curated, shapes, context, own_nodes_only=True)


def combine(reports: list[ValidationReport]) -> ValidationReport:
    results = [r for report in reports for r in report.results]
    return ValidationReport(conforms=not any(r.severity == "Violation" for r in results), results=results)


def validate_release(reference: Graph, sources: list[Graph], curated: Graph | None, shapes: Graph) -> ValidationReport:
    """A whole release, the way the build validates it: the reference data on its own, each source
    graph against the reference, the curated graph against both."""
    reports = [validate_graph(reference + Graph(), shapes)]
    reports += [validate_graph(g, shapes, reference, own_nodes_only=True) for g in sources]
    if curated is not None and len(curated):
        reports.append(validate_curated(curated, shapes, reference, sources))
    return combine(reports)
