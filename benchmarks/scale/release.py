"""Graph mode: a release of synthetic data in the layout `lskg build` writes, streamed to disk.

DIR/releases/<id>/dataset.nq holds the named graphs a build writes (reference, one per source,
curated), DIR/releases/<id>/{store/, lskg.trig, summary.json, validation.json} are what the build
puts next to it, and DIR/current points at the release. Source graphs are made by the project's
own `SourceGraphBuilder` from what each synthetic report states (report.py), and the curated graph
by the project's own `curate`, so the model is the build's, not a copy of it.

Memory stays bounded by one province: its source graphs are written as soon as they are built and
only their observations are kept until the province's curated graph is written (a province's
figures are only ever compared with figures about the same province). Quads are written by
pyoxigraph's N-Quads serializer, which does the escaping.
"""

from __future__ import annotations

import json
import math
import os
import resource
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from lskg import __version__
from lskg.extract.context import SourceText
from lskg.extract.reference import Reference
from lskg.graph.builder import SourceGraphBuilder
from lskg.graph.curation import curate
from lskg.graph.reference import derive_project_kinds, load_reference_graph
from lskg.paths import Paths
from lskg.queries import Catalogue
from lskg.release import digest, prune, switch  # the build's own helpers for the same files
from lskg.sources import Source, source_key
from lskg.validate import ValidationReport, combine, validate_curated, validate_graph
from lskg.vocab import CURATED_GRAPH, ID, IND, LSKG, PREFIXES, REFERENCE_GRAPH, curie, source_graph

from .figures import Figures, check_specs
from .report import ReportPlan, pick_kind, write_report
from .world import World, entity_key

Progress = Callable[[str], None]
YEARS = tuple(range(2020, 2026))  # years reports are about (2019 only as the year before)
MAX_SECTIONS = 40


def provinces_for(triples: int) -> int:
    """How many provinces a size holds: 2 at 10k, 8 at 100k, 25 at 1M, 56 at 5M."""
    return min(63, max(2, round(math.sqrt(triples) / 40)))


def world_scale(triples: int) -> float:
    """How many people and projects a province has, relative to a full one (1M and more)."""
    return min(1.0, max(0.25, math.sqrt(triples / 1e6)))


@lru_cache(maxsize=1 << 16)
def _ox(term):
    """rdflib term -> pyoxigraph term (cached: IRIs and labels repeat across graphs)."""
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))) if term.datatype else ox.Literal(str(term))
    return ox.NamedNode(str(term))


def _sort_key(triple) -> tuple[str, ...]:
    s, p, o = triple
    return str(s), str(p), str(o), getattr(o, "language", None) or "", str(getattr(o, "datatype", None) or "")


class QuadWriter:
    """Appends named graphs to an N-Quads file and counts what it wrote."""

    def __init__(self, path: Path):
        self.fh = path.open("wb")
        self.count = 0

    def write(self, triples: Iterable, name: URIRef) -> int:
        """One graph, its triples sorted: rdflib and curation iterate sets, whose order changes with
        Python's string hashing from run to run, and a seed must give the same file."""
        graph = ox.NamedNode(str(name))
        ordered = sorted(triples, key=_sort_key)
        ox.serialize((ox.Quad(_ox(s), _ox(p), _ox(o), graph) for s, p, o in ordered), self.fh, ox.RdfFormat.N_QUADS)
        self.count += len(ordered)
        return len(ordered)

    def close(self) -> None:
        self.fh.close()


class ClassCounts:
    """Distinct instances per class over the whole dataset, as summary.json lists them.

    Nodes minted per source (its segments, mentions, observations, data set) occur in one graph
    only and are counted as they come; every other typed node (documents, periods, statements,
    memberships …) can recur across graphs and is counted once through a set, which stays as
    small as the world and the documents it names."""

    def __init__(self):
        self.counts: Counter = Counter()
        self.seen: set[tuple[str, str]] = set()
        self.local = (str(ID["source/"]), str(ID["mention/"]), str(ID["obs/"]), str(ID["dataset/src-"]))

    def add(self, g: Graph) -> None:
        for s, o in g.subject_objects(RDF.type):
            if not str(s).startswith(self.local):
                if (str(s), str(o)) in self.seen:
                    continue
                self.seen.add((str(s), str(o)))
            self.counts[curie(str(o))] += 1

    def as_dict(self) -> dict[str, int]:
        return dict(sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0])))


@dataclass
class Planner:
    """How many reports of how many sections reach the target size.

    Sizes are learnt while writing: quads per section (of a source graph, with its overhead) and
    curated quads per source quad; each report gets the remaining budget's share."""

    target: int
    docs: int
    per_section: float = 250.0
    curated_ratio: float = 0.25
    _section_total: float = 0.0
    _quads_total: int = 0
    _source_total: int = 0
    _curated_total: int = 0
    done: int = 0

    def size(self, written: int, pending_source: int) -> float:
        """The next report's size in sections (ReportPlan.size)."""
        left = self.target - written - pending_source * self.curated_ratio
        per_doc = left / max(1, self.docs - self.done) / (1 + self.curated_ratio)
        return max(0.3, min(MAX_SECTIONS, per_doc / self.per_section))

    def record_source(self, size: float, quads: int) -> None:
        self.done += 1
        self._section_total += size
        self._quads_total += quads
        self.per_section = self._quads_total / self._section_total

    def record_curated(self, source_quads: int, curated_quads: int) -> None:
        self._source_total += source_quads
        self._curated_total += curated_quads
        self.curated_ratio = self._curated_total / max(1, self._source_total)


def _observation_part(g: Graph) -> Graph:
    """What curation reads of a source graph: observations, their periods and derived indicators,
    and the types of the source and its segments."""
    keep = Graph()
    heads = (str(ID["obs/"]), str(ID["period/"]), str(IND))
    for s, p, o in g:
        if str(s).startswith(heads) or (p == RDF.type and o in (LSKG.TextSegment, LSKG.SourceDocument)):
            keep.add((s, p, o))
    return keep


@dataclass
class GraphResult:
    release: Path
    quads: int
    summary: dict
    report: ValidationReport
    timings: dict[str, float] = field(default_factory=dict)


def generate_graph(out: Path, triples: int, seed: int, validate_sample: int = 3, store: bool = True,
                   progress: Progress = lambda _m: None) -> GraphResult:
    """Write the release; `store`: also the on-disk Oxigraph store and the TriG dump the build
    writes (Oxigraph's bulk loader, not the generator, then sets the peak memory)."""
    t0 = time.perf_counter()
    paths = Paths.default()
    ref_graph = load_reference_graph(paths.reference_files())
    derive_project_kinds(ref_graph, Reference(ref_graph))
    check_specs(Reference(ref_graph))
    world = World(ref_graph, Reference(ref_graph), seed, provinces_for(triples), world_scale(triples))
    ref = Reference(ref_graph)  # now with the invented provinces, their bodies and projects
    derive_project_kinds(ref_graph, ref)
    shapes = Graph().parse(paths.shapes, format="turtle")
    figures = Figures(seed)
    progress(f"world: {len(world.provinces)} provinces, reference graph {len(ref_graph)} triples")

    stamp = datetime.now(timezone.utc)
    name = f"{stamp:%Y%m%dT%H%M%S%fZ}-{os.getpid()}"  # named as the build names its releases
    release, staging = out / "releases" / name, out / "releases" / f"{name}.partial"
    staging.mkdir(parents=True)
    writer = QuadWriter(staging / "dataset.nq")
    classes = ClassCounts()
    writer.write(ref_graph, REFERENCE_GRAPH)
    classes.add(ref_graph)
    reports = [validate_graph(Graph() + ref_graph, shapes)] if validate_sample else []

    # one report per province at least, and a second about the same year in the first one, so that
    # even the smallest size holds a conflict between two sources
    budget_docs = max(len(world.provinces) + 1, round((triples - writer.count) / 3800))  # a real report: 3 800 quads with its curated share
    planner = Planner(triples, budget_docs)
    per_province = [budget_docs // len(world.provinces) + (i < budget_docs % len(world.provinces))
                    for i in range(len(world.provinces))]
    sample_every = max(1, len(world.provinces) // max(1, validate_sample))
    sources, counts, candidates, unresolved = [], Counter(), {}, []
    curated_seen: set = set()
    conflicts = Conflicts(paths, ref_graph)
    index = validated = 0
    for pi, (province, n_docs) in enumerate(zip(world.provinces, per_province)):
        rng = world.rng("plan", province.iri)
        batch: list[tuple[Graph, str]] = []
        sampled = validate_sample and pi % sample_every == 0 and validated < validate_sample
        pending = 0
        for i in range(n_docs):
            ts = time.perf_counter()
            # reports come in pairs about one year: a report, then the press article on the year's
            # results; a province's first report is the annual one, whose estimates the press revises
            about = YEARS[(i // 2 * 5 + pi) % len(YEARS)]
            kind = "press" if i % 2 else "annual" if i == 0 else pick_kind(rng, exclude="press")
            plan = ReportPlan(province, kind, about, index, planner.size(writer.count, pending))
            written = write_report(world, figures, plan)
            key = source_key(written.text)
            file_name = f"{index:05d}_{key}.txt"
            source = Source(Path(file_name), written.text, key, {**written.meta, "file": file_name})
            builder = SourceGraphBuilder(ref, world.minter, source, SourceText(key, written.text, entity_key(province.iri), file_name))
            builder.add_source()
            builder.add_entities(written.extraction)
            builder.add_documents(written.extraction.documents)
            builder.add_relations(written.extraction)
            builder.add_observations(written.extraction)
            derive_project_kinds(builder.g, ref)
            n = writer.write(builder.g, source_graph(key))
            classes.add(builder.g)
            conflicts.add(builder.g)
            planner.record_source(plan.size, n)
            pending += n
            batch.append((_observation_part(builder.g), source.meta["date"]))
            if sampled and i == 0:
                reports.append(validate_graph(builder.g, shapes, ref_graph, own_nodes_only=True))
                validated += 1
            counts.update(builder.stats)
            candidates.update(builder.candidates)
            unresolved += builder.unresolved
            sources.append({"file": file_name, "key": key, "title": source.meta["title"], "date": source.meta["date"],
                            "triples": n, **builder.stats, "seconds": round(time.perf_counter() - ts, 3)})
            index += 1
        curated, disputed = curate(batch)
        counts["disputed keys"] += disputed
        if sampled:
            reports.append(validate_curated(curated, shapes, ref_graph, [g for g, _d in batch]))
        # periods, derived indicators and the curated data set's own description recur per province
        fresh = [t for t in curated if str(t[0]).startswith(str(ID["obs/curated/"])) or t not in curated_seen]
        curated_seen.update(t for t in fresh if not str(t[0]).startswith(str(ID["obs/curated/"])))
        classes.add(curated)
        conflicts.add(curated)
        conflicts.close_province()
        planner.record_curated(pending, writer.write(fresh, CURATED_GRAPH))
        progress(f"[{pi + 1}/{len(world.provinces)}] {province.name}: {n_docs} reports, {writer.count} quads")
    writer.close()
    timings = {"generate": round(time.perf_counter() - t0, 3),
               "generate_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
    if store:
        tl = time.perf_counter()
        progress("loading the on-disk store and writing TriG")
        _store_and_trig(staging)
        timings["store"] = round(time.perf_counter() - tl, 3)

    report = combine(reports)
    summary = {
        "version": __version__,
        "graph_version": digest(staging / "dataset.nq"),
        "built_at": stamp.isoformat(timespec="seconds"),
        "quads": writer.count,
        "sources": sources,
        "counts": dict(counts),
        "classes": classes.as_dict(),
        "conflicts": conflicts.found,
        "unresolved_references": sorted(set(unresolved)),
        "candidates": dict(sorted(candidates.items())),
        "issues": [],
        "warnings": [],
        "validation": {"violations": len(report.violations), "warnings": len(report.warnings),
                       "scope": f"SHACL on the reference graph, {validated} of {len(sources)} source graphs and "
                                f"the curated graph of their provinces" if validate_sample else "not validated"},
        "timings": timings,
        "seconds": round(time.perf_counter() - t0, 3),
        "generator": {"mode": "graph", "seed": seed, "target_triples": triples, "provinces": len(world.provinces),
                      "reports": len(sources)},
    }
    (staging / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    (staging / "validation.json").write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=2),
                                             encoding="utf-8")
    os.replace(staging, release)
    switch(out, release)
    prune(out)
    return GraphResult(release, writer.count, summary, report, timings)


def _store_and_trig(release: Path) -> None:
    """The on-disk Oxigraph store and the TriG dump, as the build writes them next to dataset.nq."""
    store = ox.Store(str(release / "store"))
    store.bulk_load(path=str(release / "dataset.nq"), format=ox.RdfFormat.N_QUADS)
    store.flush()
    store.dump(str(release / "lskg.trig"), ox.RdfFormat.TRIG, prefixes={p: str(ns) for p, ns in PREFIXES.items()})


class Conflicts:
    """The saved `conflicts` query, worded as the build words its results, run per province over
    the union of the province's graphs (an in-memory store with a real default graph: Oxigraph's
    union of named graphs is a bag and made the query take minutes), so memory stays bounded."""

    def __init__(self, paths: Paths, reference: Graph):
        self.query = Catalogue(paths.queries).get("conflicts").text
        # of the reference graph the query only reads the indicators' labels
        self.labels = [t for t in reference.triples((None, SKOS.prefLabel, None)) if str(t[0]).startswith(str(IND))]
        self.found: list[str] = []
        self.store = ox.Store()

    def add(self, triples: Iterable) -> None:
        self.store.extend(ox.Quad(_ox(s), _ox(p), _ox(o), ox.DefaultGraph()) for s, p, o in triples)

    def close_province(self) -> None:
        self.add(self.labels)
        rows = self.store.query(self.query)
        names = [v.value for v in rows.variables]
        for solution in rows:
            r = {name: term.value for name, term in zip(names, solution) if term is not None}
            self.found.append(f"{r['indicatorLabel']}, {r['period']} ({r['valueKind']}): {r['value1']} in "
                              f"{r['source1']} vs {r['value2']} in {r['source2']}")
        self.store = ox.Store()
