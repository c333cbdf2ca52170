"""`lskg build`: sources -> text -> extract -> graph -> validate -> store, built aside
and switched in atomically.

A release is a folder under `build/releases/`; `build/current` is a symlink to the
serving one, replaced with one `rename` once the new release is complete and valid.
A build that fails (bad input, SHACL violation, crash, kill) leaves `current` as it was.

This module runs the stages in order; the release's files are written by `lskg.nquads.canonical`
(dataset.nq), `lskg.nquads.walk` (what the summary reads from it) and `lskg.release` (store, TriG,
the switch and the pruning).
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from rdflib import Graph, URIRef

from . import __version__, changes
from .extract.context import SourceText
from .extract.entities import EntityExtractor
from .extract.legal_refs import LegalReferenceExtractor
from .extract.model import Extraction
from .extract.values import extract_observations
from .extract.projects import ProjectExtractor
from .extract.reference import Reference
from .graph.builder import SourceGraphBuilder
from .build_cache import FOLDER as CACHE_FOLDER
from .build_cache import BuildCache, SourceBuild, shaping_digest
from .graph.citations import CitationIndex, citation_part
from .graph.curation import Curation, curation_part
from .graph.iris import Minter, Registry
from .graph.reference import derive_project_kinds, load_reference_graph
from .ingest.originals import keep_originals
from .nquads.canonical import CanonicalNQuads, lines_of
from .nquads.walk import class_counts, copy_about, within
from .paths import Paths
from .queries import Catalogue
from .release import digest, folder_for, prune, switch, write_store
from .sources import Source, read_corpus
from .store.dumps import write_dumps
from .store.embedded import EmbeddedStore
from .text.match import match_view
from .text.normalise import unify_dashes
from .validate import ReleaseLinks, ValidationReport, validate_curated, validate_graph
from .vocab import CURATED_GRAPH, LSKG, REFERENCE_GRAPH, source_graph

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
        ex.documents, ex.relations, issues = self.legal.extract(src, ex.entities)
        ex.issues += issues
        rels, facts = self.projects.extract(src, ex.entities, ex.documents)
        ex.relations += rels
        ex.facts += facts
        ex.observations, issues = extract_observations(src, self.ref)
        ex.issues += issues
        return ex


def jurisdiction_of(source: Source, ref: Reference) -> str:
    """The key of the place a source is about: the catalogue's `jurisdiction`, else the province (of all 63
    and the 34 of today) it names most often, else the country. A name after "tỉnh"
    counts twice: a central document's dateline ("Hà Nội, ngày ...") names where it was signed."""
    if source.meta.get("jurisdiction"):
        return f"place/{source.meta['jurisdiction']}"
    text = unify_dashes(source.text)
    view = match_view(text)
    counts: Counter[str] = Counter()
    for start, _end, province in ref.province_gazetteer.find(text, view):
        counts[province.key] += 2 if view.endswith("tỉnh ", 0, start) else 1
    return counts.most_common(1)[0][0] if counts else "place/viet-nam"


def build(sources_dir: Path, output: Path, paths: Paths | None = None,
          progress: Progress = lambda _msg: None, registry_path: Path | None = None,
          strict: bool = False, full: bool = False) -> BuildResult:
    """Build `sources_dir` into a new release under `output` and switch it in.

    `registry_path` (default: the project's `registry/iris.tsv`) records every minted IRI.
    A source whose graph has SHACL violations is quarantined: left out of the release and listed,
    with its violations, in the summary and the validation report, so that one new document never
    takes the corpus down. `strict` fails the whole build instead (for CI). Sources kept in the build
    cache (`lskg.build_cache`) are not extracted again, unless `full`.
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

    stamp = datetime.now(timezone.utc)
    release = folder_for(output, stamp)
    # each source graph is written here as soon as it is validated: memory holds one source graph,
    # the reference graph and what curation keeps of each source (its observations)
    staging = release.with_name(release.name + ".partial")
    staging.mkdir()
    quads = CanonicalNQuads(staging / "dataset.nq")
    try:
        quads.add(ref_graph, REFERENCE_GRAPH)
        summary_sources = []
        all_results = list(ref_report.results)
        unresolved, candidates, issues = [], {}, []
        quarantined: list[dict] = []
        counts: Counter = Counter()
        curation = Curation()
        citations = CitationIndex()
        links = ReleaseLinks(shapes, ref_graph)  # checked once all graphs are in (a basis is often in another source)
        links.add(ref_graph)
        cache = BuildCache(output / CACHE_FOLDER, shaping_digest(paths), reuse=not full)
        for i, source in enumerate(corpus.sources, 1):
            ts = time.perf_counter()
            at = f"[{i}/{len(corpus.sources)}] {source.file_name}"
            built = cache.get(source, registry)
            if built is None:
                progress(f"{at}: extracting")
                built = _build_source(source, ref, minter, extractors, shapes, ref_graph, links)
                cache.put(source, built)
                timings[f"validate:{source.file_name}"] = built.validate_seconds
            report = built.report
            if report.violations and not strict:
                progress(f"{at}: quarantined ({len(report.violations)} violation(s))")
                quarantined.append(_quarantine_entry(source, report))
                continue
            all_results += report.results
            quads.add_lines(built.lines)
            curation.add_part(built.curation)
            links.add_part(built.links)
            citations.add_part(built.citations)
            unresolved += built.unresolved
            candidates.update(built.candidates)
            issues += built.issues
            counts.update(built.stats)
            summary_sources.append({
                "file": source.file_name, "key": source.key, "title": source.meta.get("title", ""),
                "date": source.meta.get("date", ""), "triples": built.triples, **built.stats,
                "seconds": round(time.perf_counter() - ts, 3),
            })
        progress(f"{cache.reused} of {len(corpus.sources)} source(s) reused from the build cache, "
                 f"{len(corpus.sources) - cache.reused} extracted")

        progress("reconciling figures across sources")
        tc = time.perf_counter()
        curated, disputed = curation.curate()
        curated += citations.resolve()  # documents cited without a date, resolved across sources
        timings["curate"] = time.perf_counter() - tc
        tv = time.perf_counter()
        all_results += validate_curated(curated, shapes, ref_graph, [curation.types]).results
        links.add(curated)
        all_results += links.validate().results
        timings["validate:curated"] = time.perf_counter() - tv
        quads.add(curated, CURATED_GRAPH)
        counts["disputed keys"] = disputed
        # the conflicts query below needs only the linked figures, not the curated graph (which
        # holds a figure per key of every source): let both go before the store is written
        linked = set(curated.subjects(LSKG.conflictsWith, None))
        del curated, curation

        report = ValidationReport(conforms=not any(r.severity == "Violation" for r in all_results),
                                  results=all_results)
        if report.violations:
            raise BuildFailed(f"SHACL validation failed with {len(report.violations)} violation(s)", report)

        progress("writing the release and loading the store")
        tw = time.perf_counter()
        triples, classes = quads.close()
        write_store(staging)
        timings["write"] = time.perf_counter() - tw
        tq = time.perf_counter()
        conflicts = _conflicts(linked, staging, paths)
        timings["conflicts"] = time.perf_counter() - tq
        originals = keep_originals(corpus.sources, staging)  # the PDFs and pages the texts were read from
        summary = {
            "version": __version__,
            "graph_version": digest(staging / "dataset.nq"),
            "built_at": stamp.isoformat(timespec="seconds"),
            "quads": triples,
            "sources": summary_sources,
            "counts": dict(counts),
            "classes": class_counts(classes),
            "conflicts": conflicts,
            "unresolved_references": sorted(set(unresolved)),
            "candidates": dict(sorted(candidates.items())),
            "issues": issues,
            "warnings": corpus.warnings,
            "originals": originals,
            "quarantined": quarantined,
            "validation": {"violations": len(report.violations), "warnings": len(report.warnings),
                           "quarantined": len(quarantined)},
            "timings": {k: round(v, 3) for k, v in timings.items()},
            "seconds": round(time.perf_counter() - t0, 3),
        }
        (staging / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
        write_dumps(staging, summary["graph_version"])
        changes.write(staging, release.name, output)
        (staging / "validation.json").write_text(
            json.dumps({**report.to_json(), "quarantined": quarantined}, ensure_ascii=False, indent=2),
            encoding="utf-8")
        os.replace(staging, release)
    except BaseException:
        quads.discard()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    switch(output, release)
    registry.save()
    cache.prune()
    prune(output)
    return BuildResult(release, summary, report, corpus.warnings)


def _build_source(source: Source, ref: Reference, minter: Minter, extractors: Extractors, shapes: Graph,
                  ref_graph: Graph, links: ReleaseLinks) -> SourceBuild:
    """Extract, build and validate one source's graph; what the release reads of it."""
    minter.registry.log = []
    try:
        src = SourceText(source.key, source.text, jurisdiction_of(source, ref), source.file_name)
        ex = extractors.run(src)
        builder = SourceGraphBuilder(ref, minter, source, src)
        builder.add_source()
        builder.add_entities(ex)
        builder.add_documents(ex.documents)
        builder.add_relations(ex)
        builder.add_observations(ex)
        derive_project_kinds(builder.g, ref)
        mints = minter.registry.log
    finally:
        minter.registry.log = None
    tv = time.perf_counter()
    report = validate_graph(builder.g, shapes, ref_graph, own_nodes_only=True)
    g = builder.g
    return SourceBuild(
        lines_of(g, source_graph(source.key)), len(g), report, mints,
        curation_part(g, source.meta.get("date", "")), citation_part(g), links.part(g),
        builder.unresolved, builder.candidates,
        [f"{source.file_name} @{x.span.start}: {x.kind}: {x.message}" for x in ex.issues], dict(builder.stats),
        validate_seconds=time.perf_counter() - tv)


def _quarantine_entry(source: Source, report: ValidationReport) -> dict:
    """What the summary says of a source left out of the release: which file, and each violation
    with the sentence it came from."""
    return {"file": source.file_name, "key": source.key, "title": source.meta.get("title", ""),
            "violations": [asdict(r) for r in report.violations]}


# the conflicts query reads the linked figures and what lies at most two links from them: segment and
# quote, source file; indicator, period and subject labels
_CONFLICT_STEPS = 2


def _conflicts(linked: set[URIRef], release: Path, paths: Paths) -> list[str]:
    """Cross-source disagreements between the `linked` figures, by the saved `conflicts` query over
    the part of the new graph it reads rather than over all of it in memory. That part is found by
    reading dataset.nq from start to end, once per step away from the figures, then once more to
    copy its lines: reading the file in order is fast at any size, where asking the on-disk store
    node by node was random reads (10 000 reports, 29 M quads: about 8 minutes waiting on the
    disk). Its lines, in their order, are loaded as `EmbeddedStore.from_nquads` loads a release, so
    that rows the query's ORDER BY still leaves tied (one pair of figures whose subject has two
    labels) come as the served store gives them."""
    saved = Catalogue(paths.queries).get("conflicts")
    dataset = release / "dataset.nq"
    read = within(dataset, (str(obs) for obs in linked), _CONFLICT_STEPS)
    part = release / ".conflicts.nq"
    try:
        copy_about(dataset, read, part)
        rows = EmbeddedStore.from_nquads(part).query(saved.text).rows
    finally:
        part.unlink(missing_ok=True)
    return [f"{r['indicatorLabel'].value}, {r['period'].value} ({r['valueKind'].value}): "
            f"{r['value1'].value} in {r['source1'].value} vs {r['value2'].value} in {r['source2'].value}"
            for r in rows]
