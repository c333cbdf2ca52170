"""`lskg build`: sources -> text -> extract -> graph -> validate -> store, built aside
and switched in atomically.

A release is a folder under `build/releases/`; `build/current` is a symlink to the
serving one, replaced with one `rename` once the new release is complete and valid.
A build that fails (bad input, SHACL violation, crash, kill) leaves `current` as it was.
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import json
import os
import shutil
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from rdflib.plugins.serializers.nquads import _nq_row  # rdflib is pinned: the line its N-Quads writer writes

from . import __version__
from .extract.context import SourceText
from .extract.entities import EntityExtractor
from .extract.legal_refs import LegalReferenceExtractor
from .extract.model import Extraction
from .extract.observations import extract_observations
from .extract.projects import ProjectExtractor
from .extract.reference import Reference
from .graph.builder import SourceGraphBuilder
from .graph.citations import CitationIndex
from .graph.curation import Curation
from .graph.iris import Minter, Registry
from .graph.reference import derive_project_kinds, load_reference_graph
from .paths import Paths
from .queries import Catalogue
from .sources import Source, read_corpus
from .store.embedded import EmbeddedStore
from .text.match import match_view
from .text.normalise import unify_dashes
from .validate import ReleaseLinks, ValidationReport, validate_curated, validate_graph
from .vocab import CURATED_GRAPH, ID, LSKG, PREFIXES, REFERENCE_GRAPH, curie, source_graph

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
    """The place a source is about: the catalogue's `jurisdiction`, else the province (of all 63
    and the 34 of today) it names most often, else the country. A name after "tỉnh"
    counts twice: a central document's dateline ("Hà Nội, ngày ...") names where it was signed."""
    if source.meta.get("jurisdiction"):
        return str(ID[f"place/{source.meta['jurisdiction']}"])
    text = unify_dashes(source.text)
    view = match_view(text)
    counts: Counter[str] = Counter()
    for start, _end, province in ref.province_gazetteer.find(text, view):
        counts[province.iri] += 2 if view.endswith("tỉnh ", 0, start) else 1
    return counts.most_common(1)[0][0] if counts else str(ID["place/viet-nam"])


class CanonicalNQuads:
    """dataset.nq written graph by graph without holding the dataset: canonical N-Quads, the set of
    lines rdflib's N-Quads writer gives, sorted (byte-identical for identical inputs).

    Lines wait in a buffer; a full buffer is sorted into a run file next to the output, and `close`
    merges the runs (every MAX_RUNS runs are merged into one on the way, so few files are open at
    once). UTF-8 bytes sort in code-point order, so the file is the one sorting the decoded lines
    gives. Lines end at "\n" only: a literal may hold U+2028, U+0085 or \x1c-\x1e, which the writer
    leaves unescaped and str.splitlines() would cut at.
    """

    MAX_RUNS = 256

    def __init__(self, path: Path, buffer_bytes: int = 32 << 20):
        self.path = path
        self.runs = Path(tempfile.mkdtemp(prefix=".runs-", dir=path.parent))
        self.buffer_bytes = buffer_bytes
        self._lines: list[bytes] = []
        self._size = 0
        self._run_files: list[Path] = []
        self._written = 0  # run files made so far, for their names

    def add(self, graph: Graph, name: URIRef) -> None:
        for triple in graph:
            # what rdflib's serializer writes for the quad: unpaired surrogates become "?"
            line = _nq_row(triple, name).encode("utf-8", "replace")
            self._lines.append(line)
            self._size += len(line)
        if self._size >= self.buffer_bytes:
            self._spill()

    def _new_run(self) -> Path:
        self._written += 1
        return self.runs / f"{self._written:06d}.nq"

    def _spill(self) -> None:
        run = self._new_run()
        run.write_bytes(b"".join(sorted(set(self._lines))))
        self._lines, self._size = [], 0
        self._run_files.append(run)
        if len(self._run_files) >= self.MAX_RUNS:
            merged = self._new_run()
            _merge(self._run_files, merged)
            self._run_files = [merged]

    def close(self) -> tuple[int, Counter]:
        """Merge the runs into the file; returns its line count and the distinct instances per class."""
        try:
            self._spill()
            classes = _ClassCounter()
            count = _merge(self._run_files, self.path, classes.see)
        finally:
            self.discard()
        return count, classes.counts

    def discard(self) -> None:
        shutil.rmtree(self.runs, ignore_errors=True)


def _merge(runs: list[Path], out: Path, see: Callable[[bytes], None] = lambda _line: None) -> int:
    """Merge sorted run files into `out`, each line once, and remove them; returns the line count."""
    handles = [run.open("rb") for run in runs]
    count = 0
    previous = None
    try:
        with out.open("wb") as fh:
            for line in heapq.merge(*handles):
                if line != previous:
                    fh.write(line)
                    see(line)
                    count += 1
                    previous = line
    finally:
        for handle, run in zip(handles, runs):
            handle.close()
            run.unlink()
    return count


class _ClassCounter:
    """Distinct (instance, class) pairs over the sorted lines of all graphs: the lines of one subject
    and class stand together whatever graphs they are in, so each pair is counted where it starts."""

    TYPE = b" " + RDF.type.n3().encode() + b" "

    def __init__(self):
        self.counts: Counter = Counter()
        self._last: tuple[bytes, bytes] | None = None

    def see(self, line: bytes) -> None:
        at = line.find(self.TYPE)
        if at < 0 or b" " in line[:at]:
            return  # not rdf:type in predicate position (a literal may quote it)
        # the object runs to the graph name, the last term: "<s> rdf:type <o> <g> .\n"
        pair = (line[:at], line[at + len(self.TYPE):-3].rsplit(b" ", 1)[0])
        if pair != self._last:
            self._last = pair
            self.counts[pair[1]] += 1


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
          progress: Progress = lambda _msg: None, registry_path: Path | None = None,
          strict: bool = False) -> BuildResult:
    """Build `sources_dir` into a new release under `output` and switch it in.

    `registry_path` (default: the project's `registry/iris.tsv`) records every minted IRI.
    A source whose graph has SHACL violations is quarantined: left out of the release and listed,
    with its violations, in the summary and the validation report, so that one new document never
    takes the corpus down. `strict` fails the whole build instead (for CI).
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

    output.mkdir(parents=True, exist_ok=True)
    (output / "releases").mkdir(exist_ok=True)
    stamp = datetime.now(timezone.utc)
    release = output / "releases" / f"{stamp.strftime('%Y%m%dT%H%M%S%fZ')}-{os.getpid()}"
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
            if report.violations and not strict:
                progress(f"[{i}/{len(corpus.sources)}] {source.file_name}: quarantined "
                         f"({len(report.violations)} violation(s))")
                quarantined.append(_quarantine_entry(source, report))
                continue
            all_results += report.results
            quads.add(builder.g, source_graph(source.key))
            curation.add(builder.g, source.meta.get("date", ""))
            links.add(builder.g)
            citations.add(builder.g)
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
        _load_store(staging)
        timings["write"] = time.perf_counter() - tw
        tq = time.perf_counter()
        conflicts = _conflicts(linked, staging, paths)
        timings["conflicts"] = time.perf_counter() - tq
        summary = {
            "version": __version__,
            "graph_version": _digest(staging / "dataset.nq"),
            "built_at": stamp.isoformat(timespec="seconds"),
            "quads": triples,
            "sources": summary_sources,
            "counts": dict(counts),
            "classes": _class_counts(classes),
            "conflicts": conflicts,
            "unresolved_references": sorted(set(unresolved)),
            "candidates": dict(sorted(candidates.items())),
            "issues": issues,
            "warnings": corpus.warnings,
            "quarantined": quarantined,
            "validation": {"violations": len(report.violations), "warnings": len(report.warnings),
                           "quarantined": len(quarantined)},
            "timings": {k: round(v, 3) for k, v in timings.items()},
            "seconds": round(time.perf_counter() - t0, 3),
        }
        (staging / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
        (staging / "validation.json").write_text(
            json.dumps({**report.to_json(), "quarantined": quarantined}, ensure_ascii=False, indent=2),
            encoding="utf-8")
        os.replace(staging, release)
    except BaseException:
        quads.discard()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _switch(output, release)
    registry.save()
    _prune(output)
    return BuildResult(release, summary, report, corpus.warnings)


def _quarantine_entry(source: Source, report: ValidationReport) -> dict:
    """What the summary says of a source left out of the release: which file, and each violation
    with the sentence it came from."""
    return {"file": source.file_name, "key": source.key, "title": source.meta.get("title", ""),
            "violations": [asdict(r) for r in report.violations]}


# Oxigraph's bulk loader holds what it loads in one call in memory (1.7 GB for 3.2M quads); in
# parts of this many lines it stays near 0.4 GB for about 15 % more CPU, and the store is the same
_LOAD_LINES = 250_000


def _load_store(release: Path) -> None:
    """The on-disk Oxigraph store of dataset.nq, and TriG written by Oxigraph from it (rdflib's TriG
    writer took 6 s of a 9 s build); the store is closed on return, before the folder is renamed."""
    store = ox.Store(str(release / "store"))
    with (release / "dataset.nq").open("rb") as lines:
        while part := b"".join(itertools.islice(lines, _LOAD_LINES)):
            store.bulk_load(input=part, format=ox.RdfFormat.N_QUADS)
    store.flush()
    store.dump(str(release / "lskg.trig"), ox.RdfFormat.TRIG,
               prefixes={prefix: str(ns) for prefix, ns in PREFIXES.items()})


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
    seen: set[bytes] = set()
    nodes = {f"<{obs}>".encode() for obs in linked}
    for _step in range(_CONFLICT_STEPS):
        seen |= nodes
        found: set[bytes] = set()
        with dataset.open("rb") as lines:
            for line in lines:
                end = line.find(b" ")
                if line[:end] in nodes:
                    found.add(_object_iri(line, end))
        nodes = found - seen
    seen |= nodes
    seen.discard(b"")
    part = release / ".conflicts.nq"
    try:
        with dataset.open("rb") as lines, part.open("wb") as out:
            out.writelines(line for line in lines if line[:line.find(b" ")] in seen)
        rows = EmbeddedStore.from_nquads(part).select(saved.text).rows
    finally:
        part.unlink(missing_ok=True)
    return [f"{r['indicatorLabel'].value}, {r['period'].value} ({r['valueKind'].value}): "
            f"{r['value1'].value} in {r['source1'].value} vs {r['value2'].value} in {r['source2'].value}"
            for r in rows]


def _object_iri(line: bytes, subject_end: int) -> bytes:
    """The object of an N-Quads line as `<iri>`, or b"" for a literal or a blank node (an IRI holds
    no space or '>', so the predicate ends at the first '> ' after the subject)."""
    start = line.index(b"> ", subject_end + 1) + 2
    if line[start:start + 1] != b"<":
        return b""
    return line[start:line.index(b">", start) + 1]


def _class_counts(classes: Counter) -> dict[str, int]:
    """Distinct instances per class over the whole dataset (reference data included), from the
    classes' N-Quads terms (IRIs)."""
    counts = Counter({curie(term.decode()[1:-1]): n for term, n in classes.items()})
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:12]
