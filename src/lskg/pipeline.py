"""`lskg build`: sources -> text -> extract -> graph -> validate -> store, built aside
and switched in atomically.

A release is a folder under `build/releases/`; `build/current` is a symlink to the
serving one, replaced with one `rename` once the new release is complete and valid.
A build that fails (bad input, SHACL violation, crash, kill) leaves `current` as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from . import __version__
from .extract.context import SourceText
from .extract.entities import EntityExtractor
from .extract.legal_refs import LegalReferenceExtractor
from .extract.model import Extraction
from .extract.observations import extract_observations
from .extract.projects import ProjectExtractor
from .extract.reference import Reference
from .graph.builder import SourceGraphBuilder
from .graph.curation import curate
from .graph.iris import Minter, Registry
from .graph.reference import derive_project_kinds, load_reference_graph
from .paths import Paths
from .queries import Catalogue
from .sources import Source, read_corpus
from .store.embedded import EmbeddedStore
from .text.match import match_view
from .validate import ValidationReport, validate_curated, validate_graph
from .vocab import CURATED_GRAPH, ID, PREFIXES, REFERENCE_GRAPH, source_graph

Progress = Callable[[str], None]


class BuildFailed(Exception):
    def __init__(self, message: str, report: ValidationReport | None = None):
        super().__init__(message)
        self.report = report


@dataclass
class BuildResult:
    release: Path
    summary: dict
    report: ValidationReport
    warnings: list[str] = field(default_factory=list)


class Extractors:
    def __init__(self, ref: Reference):
        self.ref = ref
        self.legal = LegalReferenceExtractor(ref)
        self.entities = EntityExtractor(ref)
        self.projects = ProjectExtractor(ref)

    def run(self, src: SourceText) -> Extraction:
        ex = Extraction()
        ex.entities, ex.memberships = self.entities.extract(src)
        ex.documents, ex.relations, issues = self.legal.extract(src)
        ex.issues += issues
        rels, facts = self.projects.extract(src, ex.entities, ex.documents)
        ex.relations += rels
        ex.facts += facts
        ex.observations, issues = extract_observations(src, self.ref)
        ex.issues += issues
        return ex


def jurisdiction_of(source: Source, ref: Reference) -> str:
    """The place a source is about: the catalogue's `jurisdiction`, else the province it names
    most often, else the country."""
    if source.meta.get("jurisdiction"):
        return str(ID[f"place/{source.meta['jurisdiction']}"])
    counts = Counter(e.iri for _s, _e, e in ref.find_entities(match_view(source.text)) if e.iri in ref.provinces)
    return counts.most_common(1)[0][0] if counts else str(ID["place/viet-nam"])


def _write_release(release: Path, dataset: Dataset) -> int:
    """Canonical N-Quads (sorted lines: byte-identical for identical inputs), the on-disk
    Oxigraph store, and TriG written by Oxigraph (rdflib's TriG writer took 6 s of a 9 s build)."""
    nq = dataset.serialize(format="nquads")
    # split on "\n" only: N-Quads ends a statement there, while str.splitlines() would also cut a
    # literal at U+2028, U+2029, U+0085 or \x1c-\x1e, which the writer leaves unescaped
    lines = sorted(set(line for line in nq.split("\n") if line.strip()))
    (release / "dataset.nq").write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = ox.Store(str(release / "store"))
    store.bulk_load(path=str(release / "dataset.nq"), format=ox.RdfFormat.N_QUADS)
    store.flush()
    store.dump(str(release / "lskg.trig"), ox.RdfFormat.TRIG,
               prefixes={prefix: str(ns) for prefix, ns in PREFIXES.items()})
    del store
    return len(lines)


def _switch(build_dir: Path, release: Path) -> None:
    """Point `current` at `release` atomically (symlink, then rename over the old one)."""
    tmp = build_dir / f".current-{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(Path("releases") / release.name, tmp)
    os.replace(tmp, build_dir / "current")


def _prune(build_dir: Path, keep: int = 3) -> None:
    current = (build_dir / "current").resolve() if (build_dir / "current").exists() else None
    releases = sorted((build_dir / "releases").iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in releases[keep:]:
        if old.resolve() != current:
            shutil.rmtree(old, ignore_errors=True)


def build(sources_dir: Path, output: Path, paths: Paths | None = None,
          progress: Progress = lambda _msg: None, registry_path: Path | None = None) -> BuildResult:
    """Build `sources_dir` into a new release under `output` and switch it in.

    `registry_path` (default: the project's `registry/iris.tsv`) records every minted IRI.
    """
    paths = paths or Paths.default()
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    progress(f"reading sources from {sources_dir}")
    corpus = read_corpus(sources_dir)

    progress("loading ontology, code lists and reference data")
    ref_graph = load_reference_graph(paths.reference_files())
    ref = Reference(ref_graph)
    derive_project_kinds(ref_graph, ref)
    shapes = Graph().parse(paths.shapes, format="turtle")
    registry = Registry.load(registry_path or paths.registry)
    minter = Minter(registry, {org: place.rsplit("/", 1)[-1] for org, place in ref.org_scope.items()})
    extractors = Extractors(ref)
    timings["load"] = time.perf_counter() - t0
    progress("validating the reference data")
    ref_report = validate_graph(ref_graph.__class__() + ref_graph, shapes)
    if ref_report.violations:
        raise BuildFailed(f"the reference data has {len(ref_report.violations)} SHACL violation(s)", ref_report)
    timings["validate:reference"] = time.perf_counter() - t0 - timings["load"]

    dataset = Dataset()
    dataset.graph(REFERENCE_GRAPH).__iadd__(ref_graph)
    summary_sources = []
    all_results = list(ref_report.results)
    unresolved, candidates, issues = [], {}, []
    counts: Counter = Counter()
    per_source: list[tuple[Graph, str]] = []
    for i, source in enumerate(corpus.sources, 1):
        ts = time.perf_counter()
        progress(f"[{i}/{len(corpus.sources)}] {source.file_name}: extracting")
        src = SourceText(source.key, source.text, jurisdiction_of(source, ref), source.file_name)
        ex = extractors.run(src)
        builder = SourceGraphBuilder(ref, minter, source, src)
        builder.add_source()
        builder.add_entities(ex)
        builder.add_documents(ex.documents)
        builder.add_relations(ex)
        builder.add_observations(ex)
        derive_project_kinds(builder.g, ref)
        tv = time.perf_counter()
        progress(f"[{i}/{len(corpus.sources)}] {source.file_name}: validating {len(builder.g)} triples")
        report = validate_graph(builder.g, shapes, ref_graph, own_nodes_only=True)
        timings[f"validate:{source.file_name}"] = time.perf_counter() - tv
        all_results += report.results
        named = dataset.graph(source_graph(source.key))
        named += builder.g
        per_source.append((builder.g, source.meta.get("date", "")))
        unresolved += builder.unresolved
        candidates.update(builder.candidates)
        issues += [f"{source.file_name} @{x.span.start}: {x.kind}: {x.message}" for x in ex.issues]
        counts.update(builder.stats)
        summary_sources.append({
            "file": source.file_name, "key": source.key, "title": source.meta.get("title", ""),
            "date": source.meta.get("date", ""), "triples": len(builder.g), **builder.stats,
            "seconds": round(time.perf_counter() - ts, 3),
        })

    progress("reconciling figures across sources")
    curated, disputed = curate(per_source)
    tv = time.perf_counter()
    all_results += validate_curated(curated, shapes, ref_graph, [g for g, _date in per_source]).results
    timings["validate:curated"] = time.perf_counter() - tv
    dataset.graph(CURATED_GRAPH).__iadd__(curated)
    counts["disputed keys"] = disputed

    report = ValidationReport(conforms=not any(r.severity == "Violation" for r in all_results), results=all_results)
    if report.violations:
        raise BuildFailed(f"SHACL validation failed with {len(report.violations)} violation(s)", report)

    progress("writing the release and loading the store")
    output.mkdir(parents=True, exist_ok=True)
    (output / "releases").mkdir(exist_ok=True)
    stamp = datetime.now(timezone.utc)
    release = output / "releases" / f"{stamp.strftime('%Y%m%dT%H%M%S%fZ')}-{os.getpid()}"
    staging = release.with_name(release.name + ".partial")
    staging.mkdir()
    try:
        triples = _write_release(staging, dataset)
        class_counts = _class_counts(dataset)
        conflicts = _conflicts(staging / "dataset.nq", paths)
        summary = {
            "version": __version__,
            "graph_version": _digest(staging / "dataset.nq"),
            "built_at": stamp.isoformat(timespec="seconds"),
            "quads": triples,
            "sources": summary_sources,
            "counts": dict(counts),
            "classes": class_counts,
            "conflicts": conflicts,
            "unresolved_references": sorted(set(unresolved)),
            "candidates": dict(sorted(candidates.items())),
            "issues": issues,
            "warnings": corpus.warnings,
            "validation": {"violations": len(report.violations), "warnings": len(report.warnings)},
            "timings": {k: round(v, 3) for k, v in timings.items()},
            "seconds": round(time.perf_counter() - t0, 3),
        }
        (staging / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
        (staging / "validation.json").write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=2),
                                                 encoding="utf-8")
        os.replace(staging, release)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _switch(output, release)
    registry.save()
    _prune(output)
    return BuildResult(release, summary, report, corpus.warnings)


def _conflicts(nquads: Path, paths: Paths) -> list[str]:
    """Cross-source disagreements, by the saved `conflicts` query over the new graph."""
    saved = Catalogue(paths.queries).get("conflicts")
    rows = EmbeddedStore.from_nquads(nquads).select(saved.text).rows
    return [f"{r['indicatorLabel'].value}, {r['period'].value} ({r['valueKind'].value}): "
            f"{r['value1'].value} in {r['source1'].value} vs {r['value2'].value} in {r['source2'].value}"
            for r in rows]


def _class_counts(dataset: Dataset) -> dict[str, int]:
    """Distinct instances per class over the whole dataset (reference data included)."""
    counts: Counter = Counter()
    seen = set()
    for s, _p, o, _g in dataset.quads((None, RDF.type, None, None)):
        if (s, o) not in seen:
            seen.add((s, o))
            counts[_curie(o)] += 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _curie(iri: URIRef) -> str:
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
        if str(iri).startswith(str(ns)):
            return f"{prefix}:{str(iri)[len(str(ns)):]}"
    return str(iri)


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:12]
