"""The curated data set: one observation per fact, whichever sources state it.

Per-source data sets keep every figure as its document prints it. The curated set
merges them: a value that several sources give is one observation derived from all
their sentences ("one fact, two sources"); where sources disagree on the same key
(indicator, subject, period, value kind), the curated value follows a written rule
(the most recent dated source, then the value most sources give) and every source
observation involved is marked `lskg:conflictsWith` the others, so the disagreement
stays visible next to each figure. Nothing is dropped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from ..vocab import ID, LSKG, QB, SDMX_ATT, SDMX_MEAS
from .builder import new_graph

CURATED = ID["dataset/curated"]
_COPIED = (LSKG.refSubject, LSKG.refPeriod, LSKG.indicator, LSKG.valueKind, SDMX_MEAS.obsValue,
           SDMX_ATT.unitMeasure, SDMX_ATT.unitMult, LSKG.valueInBaseUnit, LSKG.valueQualifier,
           LSKG.upperBound, LSKG.asReported)


@dataclass
class SourceObservation:
    iri: URIRef
    graph: Graph
    source_date: str  # ISO date of the source, "" when unknown
    key: tuple
    value: Decimal


def _observations(graph: Graph, source_date: str) -> list[SourceObservation]:
    out = []
    for obs in graph.subjects(RDF.type, QB.Observation):
        key = tuple(graph.value(obs, p) for p in (LSKG.indicator, LSKG.refSubject, LSKG.refPeriod, LSKG.valueKind))
        value = graph.value(obs, LSKG.valueInBaseUnit)
        if None in key or value is None:
            continue
        out.append(SourceObservation(obs, graph, source_date, key, Decimal(str(value))))
    return out


def curate(sources: list[tuple[Graph, str]]) -> tuple[Graph, int]:
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
    by_key: dict[tuple, list[SourceObservation]] = defaultdict(list)
    for graph, source_date in sources:
        for doc in graph.subjects(RDF.type, LSKG.SourceDocument):
            g.add((CURATED, PROV.wasDerivedFrom, doc))
        for o in _observations(graph, source_date):
            by_key[o.key].append(o)
    disputed = 0
    for key, group in sorted(by_key.items(), key=lambda kv: tuple(map(str, kv[0]))):
        values: dict[Decimal, list[SourceObservation]] = defaultdict(list)
        for o in group:
            values[o.value].append(o)
        chosen_value = max(values, key=lambda v: (max(o.source_date for o in values[v]), len(values[v]), -v))
        chosen = values[chosen_value]
        if len(values) > 1:
            disputed += 1
            for a in group:
                for b in group:
                    if a.value != b.value:
                        g.add((a.iri, LSKG.conflictsWith, b.iri))
        curated = URIRef(_curated_iri(chosen[0].iri))
        first = chosen[0]
        g.add((curated, RDF.type, QB.Observation))
        g.add((curated, QB.dataSet, CURATED))
        for p in _COPIED:
            for o in first.graph.objects(first.iri, p):
                g.add((curated, p, o))
        _copy_nodes(g, first.graph, [first.graph.value(first.iri, LSKG.refPeriod),
                                     first.graph.value(first.iri, LSKG.indicator)])
        for o in chosen:
            g.add((curated, LSKG.sourceObservation, o.iri))
            for seg in o.graph.objects(o.iri, PROV.wasDerivedFrom):
                g.add((curated, PROV.wasDerivedFrom, seg))
        g.add((curated, LSKG.sourceCount, Literal(len(chosen))))
        if len(values) > 1:
            g.add((curated, LSKG.disputed, Literal(True)))
    return g, disputed


def _curated_iri(source_obs: URIRef) -> str:
    """obs/src-{key}/{indicator}/…/{kind}[-vN] -> obs/curated/{indicator}/…/{kind}"""
    head, _, rest = str(source_obs).partition("/obs/src-")
    return re.sub(r"-v\d+$", "", f"{head}/obs/curated/{rest.split('/', 1)[1]}")


def _copy_nodes(target: Graph, source: Graph, nodes) -> None:
    """Copy the description of periods and derived indicators (and their '#…' parts) so the
    curated graph stands on its own next to the reference graph."""
    for node in nodes:
        if node is None:
            continue
        for _, p, o in source.triples((node, None, None)):
            target.add((node, p, o))
            if isinstance(o, URIRef) and str(o).startswith(f"{node}#"):
                for triple in source.triples((o, None, None)):
                    target.add(triple)
