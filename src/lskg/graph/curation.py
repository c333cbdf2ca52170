"""The curated data set: one observation per fact, whichever sources state it.

Per-source data sets keep every figure as its document prints it. The curated set
merges them: a value that several sources give is one observation derived from all
their sentences ("one fact, two sources"); where sources disagree on the same key
(indicator, subject, period, value kind), the curated value follows a written rule
(the most recent dated source, then the value most sources give). A source figure that claims
the same thing as another source with a different value is linked `lskg:conflictsWith` to a
figure of the preferred value (`claim` is the one place the conflict rule is written),
so the disagreement stays visible next to each figure and the `conflicts` query only reads the
links. Nothing is dropped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from ..vocab import ID, LSKG, QB, SDMX_ATT, SDMX_MEAS, VK
from .builder import new_graph

CURATED = ID["dataset/curated"]
_COPIED = (LSKG.refSubject, LSKG.refPeriod, LSKG.indicator, LSKG.valueKind, SDMX_MEAS.obsValue,
           SDMX_ATT.unitMeasure, SDMX_ATT.unitMult, LSKG.valueInBaseUnit, LSKG.valueQualifier,
           LSKG.upperBound, LSKG.asReported)


@dataclass
class SourceObservation:
    """A source figure with what curation reads of its graph, so the graph need not be kept."""

    iri: URIRef
    dataset: URIRef | None
    source_date: str  # ISO date of the source, "" when unknown
    key: tuple  # (indicator, subject, period, value kind)
    value: Decimal
    start: date
    end: date
    copied: tuple  # its (property, value) pairs of _COPIED, for the curated figure
    described: tuple  # the triples describing its period and indicator (see `_description`)
    derived_from: tuple  # its segments
    segments: tuple  # those of them its graph types lskg:TextSegment (validate_curated reads the types)


_REALISED = {VK.actual, VK.estimate, VK.provisional}


def claim(o: SourceObservation) -> tuple:
    """What a figure claims, as a key: two figures claim the same thing when their keys are equal.
    Same indicator and subject; the same period, or the same reporting year (both end in December
    of one year, each covering the year from 1 January or stated "as at" a day: 2024 and "tính đến
    ngày 30/12/2024"); the same value kind, or both realised (actual, estimate, provisional).
    Targets are compared with targets only."""
    indicator, subject, period, kind = o.key
    whole_year_or_instant = o.start == o.end or (o.start.month, o.start.day, o.start.year) == (1, 1, o.end.year)
    when = ("year", o.end.year) if o.end.month == 12 and whole_year_or_instant else ("period", period)
    return indicator, subject, when, "realised" if kind in _REALISED else kind


def _observations(graph: Graph, source_date: str, shared: dict) -> list[SourceObservation]:
    """`shared` holds one copy of each description: periods and indicators recur across sources."""
    out = []
    for obs in graph.subjects(RDF.type, QB.Observation):
        key = tuple(graph.value(obs, p) for p in (LSKG.indicator, LSKG.refSubject, LSKG.refPeriod, LSKG.valueKind))
        value = graph.value(obs, LSKG.valueInBaseUnit)
        if None in key or value is None:
            continue
        start, end = graph.value(key[2], LSKG.periodStart), graph.value(key[2], LSKG.periodEnd)
        described = _description(graph, [key[2], key[0]])
        derived_from = tuple(graph.objects(obs, PROV.wasDerivedFrom))
        out.append(SourceObservation(
            obs, graph.value(obs, QB.dataSet), source_date, key, Decimal(str(value)), start.toPython(), end.toPython(),
            tuple((p, o) for p in _COPIED for o in graph.objects(obs, p)), shared.setdefault(described, described),
            derived_from, tuple(s for s in derived_from if (s, RDF.type, LSKG.TextSegment) in graph)))
    return out


def preferred(values: dict[Decimal, list[SourceObservation]]) -> Decimal:
    """The value the curated set keeps among disagreeing ones: the most recent dated source's, then
    the one most sources give, then the smaller."""
    return max(values, key=lambda v: (max(o.source_date for o in values[v]), len(values[v]), -v))


def link_conflicts(g: Graph, observations: list[SourceObservation]) -> int:
    """lskg:conflictsWith between figures of different sources that claim the same thing (`claim`)
    with different values; returns the number of linked pairs.

    Each figure whose value is not the preferred one (`preferred`, the curated rule) is linked to
    one figure of the preferred value from another source (the first by IRI; failing that, one of
    another value): one link per disagreeing figure. Linking every pair, or every figure to each
    other value, grew with the square of the sources that print one figure (a thousand synthetic
    reports on one province over six years: 288 110 pairs, then 71 496), which no build can keep."""
    claims: dict[tuple, dict[Decimal, list[SourceObservation]]] = defaultdict(lambda: defaultdict(list))
    for o in observations:
        claims[claim(o)][o.value].append(o)
    pairs: set[tuple[URIRef, URIRef]] = set()
    for by_value in claims.values():
        if len(by_value) < 2:
            continue
        kept = preferred(by_value)
        candidates = [sorted(by_value[kept], key=lambda o: str(o.iri))] + [
            sorted(group, key=lambda o: str(o.iri)) for value, group in sorted(by_value.items()) if value != kept]
        for value, group in by_value.items():
            if value == kept:
                continue
            for a in group:
                b = next((b for other in candidates if other[0].value != value
                          for b in other if b.dataset != a.dataset), None)
                if b is not None:
                    pairs.add((a.iri, b.iri) if str(a.iri) < str(b.iri) else (b.iri, a.iri))
    for a, b in pairs:
        g.add((a, LSKG.conflictsWith, b))
        g.add((b, LSKG.conflictsWith, a))
    return len(pairs)


class Curation:
    """Collects what curation reads of each source graph while the graphs are built one at a time:
    the source documents and the observations (`SourceObservation`), not the graphs."""

    def __init__(self):
        self.documents: list[URIRef] = []
        self.observations: list[SourceObservation] = []
        self._descriptions: dict[tuple, tuple] = {}
        # the types validate_curated needs of the nodes the curated graph points to: documents, segments
        self.types = Graph()

    def add(self, graph: Graph, source_date: str) -> None:
        self.add_part(curation_part(graph, source_date))

    def add_part(self, part: tuple[list[URIRef], list[SourceObservation]]) -> None:
        """What `curation_part` read of one source graph (kept by the build cache between builds)."""
        documents, observations = part
        self.documents += documents
        for o in observations:  # one copy of each description, whichever source it was read from
            o.described = self._descriptions.setdefault(o.described, o.described)
        self.observations += observations

    def curate(self) -> tuple[Graph, int]:
        """The curated graph and the number of keys on which sources disagree."""
        g = new_graph()
        g.add((CURATED, RDF.type, QB.DataSet))
        g.add((CURATED, QB.structure, LSKG["dsd-indicators"]))
        g.add((CURATED, SKOS.prefLabel, Literal("Số liệu đã đối chiếu giữa các nguồn", lang="vi")))
        g.add((CURATED, SKOS.prefLabel, Literal("Figures reconciled across sources", lang="en")))
        g.add((CURATED, DCTERMS.description, Literal(
            "One observation per indicator, subject, period and value kind. Where sources disagree the most "
            "recent dated source wins, then the value most sources give; the disagreeing source figures are "
            "linked with lskg:conflictsWith.", lang="en")))
        for doc in self.documents:
            g.add((CURATED, PROV.wasDerivedFrom, doc))
            self.types.add((doc, RDF.type, LSKG.SourceDocument))
        by_key: dict[tuple, list[SourceObservation]] = defaultdict(list)
        for o in self.observations:
            by_key[o.key].append(o)
        link_conflicts(g, self.observations)
        disputed = 0
        for _key, group in sorted(by_key.items(), key=lambda kv: tuple(map(str, kv[0]))):
            values: dict[Decimal, list[SourceObservation]] = defaultdict(list)
            for o in group:
                values[o.value].append(o)
            chosen_value = preferred(values)
            chosen = values[chosen_value]
            if len(values) > 1:
                disputed += 1
            curated = URIRef(_curated_iri(chosen[0].iri))
            first = chosen[0]
            g.add((curated, RDF.type, QB.Observation))
            g.add((curated, QB.dataSet, CURATED))
            for p, o in first.copied:
                g.add((curated, p, o))
            for triple in first.described:
                g.add(triple)
            for o in chosen:
                g.add((curated, LSKG.sourceObservation, o.iri))
                for seg in o.derived_from:
                    g.add((curated, PROV.wasDerivedFrom, seg))
                for seg in o.segments:
                    self.types.add((seg, RDF.type, LSKG.TextSegment))
            g.add((curated, LSKG.sourceCount, Literal(len(chosen))))
            if len(values) > 1:
                g.add((curated, LSKG.disputed, Literal(True)))
        return g, disputed


def curation_part(graph: Graph, source_date: str) -> tuple[list[URIRef], list[SourceObservation]]:
    """What curation reads of one source graph: its source documents and its figures."""
    return list(graph.subjects(RDF.type, LSKG.SourceDocument)), _observations(graph, source_date, {})


def curate(sources: list[tuple[Graph, str]]) -> tuple[Graph, int]:
    """The curated graph of (source graph, source date) pairs and the number of disputed keys."""
    curation = Curation()
    for graph, source_date in sources:
        curation.add(graph, source_date)
    return curation.curate()


def _curated_iri(source_obs: URIRef) -> str:
    """obs/src-{key}/{indicator}/…/{kind}[-vN] -> obs/curated/{indicator}/…/{kind}"""
    head, _, rest = str(source_obs).partition("/obs/src-")
    return re.sub(r"-v\d+$", "", f"{head}/obs/curated/{rest.split('/', 1)[1]}")


def _description(source: Graph, nodes) -> tuple:
    """The description of periods and derived indicators (and their '#…' parts), copied with a
    curated figure so the curated graph stands on its own next to the reference graph."""
    out = []
    for node in nodes:
        for _, p, o in source.triples((node, None, None)):
            out.append((node, p, o))
            if isinstance(o, URIRef) and str(o).startswith(f"{node}#"):
                out += source.triples((o, None, None))
    return tuple(out)
