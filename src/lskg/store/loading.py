"""`lskg load`: push a built release into a remote SPARQL store.

Each named graph of the release (one per source, the reference graph, the curated graph) and
their set union (`UNION_GRAPH`, the remote store's default graph for lskg's queries) is replaced
as a whole:

    DROP SILENT GRAPH <staging twin>            the twin is fixed per graph (vocab.staging_graph)
    INSERT DATA { GRAPH <twin> { … } }  × n      batches of N-Triples, each in blocks of at most
                                                 INSERT_BLOCK triples (or Graph Store Protocol
                                                 POSTs when a GSP URL is given)
    MOVE SILENT GRAPH <twin> TO GRAPH <graph>    one request
    record the graph's SHA-256 in RELEASE_GRAPH

A graph whose recorded hash equals the release's is skipped, so loading the same release twice
sends nothing but the check, and a load that failed midway resumes at the graph it stopped in.
Graphs of an earlier release that this one no longer has are dropped. The release description
(version, summary, SHACL report) is written last: a web front end that sees the new version can
trust that every graph is in place.

On the Oxigraph server a reader sees the old graph or the new one, never part of either (the MOVE
is one transaction); on Virtuoso a MOVE is not atomic: a reader counting a graph while it moved
saw it half replaced (docs/ENGINES.md). And between two graphs a reader may see some graphs new
and others old. A deployment that needs every answer from one release loads into a second store
and then switches the front end's endpoint.
"""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import pyoxigraph as ox
from SPARQLWrapper import DIGEST, POST, POSTDIRECTLY, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from ..vocab import DCTERMS, LSKG, RDF, RELEASE, RELEASE_GRAPH, UNION_GRAPH, VOID, staging_graph
from .base import Release
from .embedded import open_release
from .remote import RELEASE_DATASET, USER_AGENT, RemoteStore
from .results import from_term

DEFAULT_BATCH = 10_000  # triples per request: a few MB, which every engine tried accepts
# triples per INSERT DATA block: Virtuoso refuses a block of 5 000 ("memory exhausted") but takes
# several smaller blocks joined with ";" in one request (docs/ENGINES.md)
INSERT_BLOCK = 4_000
DEFAULT_TIMEOUT = 300.0  # seconds per request; a batch takes well under one on a local engine


class LoadFailed(Exception):
    """A request of the load failed; the message says which graph and what to do."""


@dataclass
class LoadReport:
    loaded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    triples: int = 0
    version: str = ""


@dataclass
class Target:
    """Where a release goes: a query URL (to read what is there) and a way to write."""

    query_url: str
    update_url: str | None = None
    graph_store_url: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    # credentials for the update and Graph Store URLs (Virtuoso's /sparql-auth takes HTTP digest);
    # the query URL stays anonymous, as the web app reads it
    user: str | None = None
    password: str | None = None

    def __post_init__(self):
        if not (self.update_url or self.graph_store_url):
            raise ValueError("loading needs an update endpoint or a Graph Store Protocol URL")


def load_release(build_dir: Path, target: Target, batch: int = DEFAULT_BATCH,
                 progress: Callable[[str], None] = lambda _m: None) -> LoadReport:
    """Load the release `build_dir/current` into the remote store; see the module docstring."""
    progress(f"reading the release in {build_dir}")
    store = open_release(Path(build_dir))
    release = store.release
    writer = _Writer(target)
    loaded = _loaded_hashes(target)
    report = LoadReport(version=release.version)
    graphs = [ox.NamedNode(g) for g in release.graphs] + [ox.DefaultGraph()]
    for n, graph in enumerate(graphs, 1):
        iri = str(UNION_GRAPH) if isinstance(graph, ox.DefaultGraph) else graph.value
        data = store.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
        digest = hashlib.sha256(data).hexdigest()
        count = data.count(b"\n")
        name = _short(iri)
        if loaded.get(iri) == digest:
            report.skipped.append(iri)
            progress(f"[{n}/{len(graphs)}] {name}: unchanged ({count} triples), skipped")
            continue
        try:
            writer.replace(iri, data, count, batch, lambda done, n=n, name=name, count=count: progress(
                f"[{n}/{len(graphs)}] {name}: {done}/{count} triples"))
            writer.record(iri, digest, count)
        except _RequestFailed as exc:
            raise LoadFailed(f"loading {iri} failed: {exc}. The graphs loaded before it are in place; "
                             "run the same command again to finish (graphs already loaded are skipped)") from exc
        report.loaded.append(iri)
        report.triples += count
    for iri in sorted(set(loaded) - {str(UNION_GRAPH)} - set(release.graphs)):
        progress(f"dropping {_short(iri)} (not in this release)")
        try:
            writer.drop(iri)
        except _RequestFailed as exc:
            raise LoadFailed(f"dropping the stale graph {iri} failed: {exc}; run the same command again") from exc
        report.dropped.append(iri)
    try:
        writer.describe(release)
    except _RequestFailed as exc:
        raise LoadFailed(f"writing the release description failed: {exc}; run the same command again") from exc
    progress(f"release {report.version} in place: {len(report.loaded)} graphs loaded, "
             f"{len(report.skipped)} unchanged, {len(report.dropped)} dropped")
    return report


def _short(iri: str) -> str:
    return iri.rsplit("/id/", 1)[-1]


def _loaded_hashes(target: Target) -> dict[str, str]:
    """Graph IRI -> content hash, as recorded by earlier loads (empty for a new store)."""
    store = RemoteStore(target.query_url, timeout=min(target.timeout, 60.0))
    rows = store.query(f"SELECT ?g ?hash WHERE {{ GRAPH <{RELEASE_GRAPH}> {{ ?g <{LSKG.contentHash}> ?hash }} }}",
                        dataset=RELEASE_DATASET).rows
    return {r["g"].value: r["hash"].value for r in rows}


class _RequestFailed(Exception):
    pass


def _batches(data: bytes, size: int):
    """Slices of whole N-Triples lines, `size` lines each, and the lines sent so far."""
    start = done = 0
    while start < len(data):
        end = start
        for _ in range(size):
            end = data.find(b"\n", end) + 1
            if end == 0:
                end = len(data)
                break
            done += 1
            if end >= len(data):
                break
        yield data[start:end], done
        start = end


def _insert_data(graph: str, chunk: bytes) -> str:
    """One update request adding `chunk` (N-Triples lines) to `graph`, in blocks of INSERT_BLOCK."""
    return ";\n".join(f"INSERT DATA {{ GRAPH <{graph}> {{\n{block.decode('utf-8')}\n}} }}"
                       for block, _done in _batches(chunk, INSERT_BLOCK))


def _term(node) -> str:
    return str(node)  # N-Triples syntax, escaped by pyoxigraph


class _Writer:
    def __init__(self, target: Target):
        self.target = target

    # -- requests -----------------------------------------------------------------------------
    def update(self, text: str) -> None:
        if not self.target.update_url:
            raise _RequestFailed("this step needs an update endpoint (--update-endpoint)")
        wrapper = SPARQLWrapper(self.target.query_url, updateEndpoint=self.target.update_url, agent=USER_AGENT)
        wrapper.setMethod(POST)
        wrapper.setRequestMethod(POSTDIRECTLY)  # the update as the body: no URL-encoding of megabytes
        wrapper.setTimeout(int(self.target.timeout))
        if self.target.user:
            wrapper.setHTTPAuth(DIGEST)
            wrapper.setCredentials(self.target.user, self.target.password or "")
        wrapper.setQuery(text)
        if not wrapper.isSparqlUpdateRequest():
            raise _RequestFailed("internal error: not an update")
        try:
            wrapper.query().response.read()
        except SPARQLWrapperException as exc:
            raise _RequestFailed(_first_line(exc)) from exc
        except (urllib.error.URLError, OSError) as exc:
            raise _RequestFailed(_reason(exc)) from exc

    def graph_store(self, method: str, graph: str, body: bytes | None, missing_ok: bool = False) -> None:
        url = self.target.graph_store_url + ("&" if "?" in self.target.graph_store_url else "?") + \
            urllib.parse.urlencode({"graph": graph})
        request = urllib.request.Request(url, data=body, method=method,
                                         headers={"Content-Type": "application/n-triples", "User-Agent": USER_AGENT})
        try:
            with self._opener().open(request, timeout=self.target.timeout) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            if not (missing_ok and exc.code == 404):
                raise _RequestFailed(_reason(exc)) from exc
        except (urllib.error.URLError, OSError) as exc:
            raise _RequestFailed(_reason(exc)) from exc

    def _opener(self) -> urllib.request.OpenerDirector:
        if not self.target.user:
            return urllib.request.build_opener()
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, self.target.graph_store_url, self.target.user, self.target.password or "")
        return urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords),
                                           urllib.request.HTTPBasicAuthHandler(passwords))

    # -- steps --------------------------------------------------------------------------------
    def replace(self, graph: str, data: bytes, count: int, batch: int, progress) -> None:
        if not self.target.update_url:
            # Graph Store Protocol only: PUT replaces, later batches are POSTed; not atomic, but the
            # hash is recorded only after the last batch, so a rerun replaces the graph again
            method = "PUT"
            for chunk, done in _batches(data, batch) if data else [(b"", 0)]:
                self.graph_store(method, graph, chunk)
                method = "POST"
                progress(done)
            return
        twin = str(staging_graph(graph))
        self.update(f"DROP SILENT GRAPH <{twin}>")
        for chunk, done in _batches(data, batch):
            if self.target.graph_store_url:
                self.graph_store("POST", twin, chunk)
            else:
                self.update(_insert_data(twin, chunk))
            progress(done)
        if count:
            self.update(f"MOVE SILENT GRAPH <{twin}> TO GRAPH <{graph}>")
        else:
            self.update(f"DROP SILENT GRAPH <{graph}>")

    def record(self, graph: str, digest: str, count: int) -> None:
        triples = [(ox.NamedNode(graph), ox.NamedNode(str(LSKG.contentHash)), ox.Literal(digest)),
                   (ox.NamedNode(graph), ox.NamedNode(str(VOID.triples)),
                    ox.Literal(str(count), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))]
        self._rewrite(ox.NamedNode(graph), triples)

    def drop(self, graph: str) -> None:
        if self.target.update_url:
            self.update(f"DROP SILENT GRAPH <{graph}>; DROP SILENT GRAPH <{staging_graph(graph)}>")
        else:
            self.graph_store("DELETE", graph, None, missing_ok=True)
        self._rewrite(ox.NamedNode(graph), [])

    def describe(self, release: Release) -> None:
        node = ox.NamedNode(str(RELEASE))
        meta = release.summary
        # dct:modified to the microsecond: a serving app tells loads apart by it (two loads of the
        # same release within one second must still read as two)
        xsd = "http://www.w3.org/2001/XMLSchema#"
        triples = [
            (node, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(LSKG.Release))),
            (node, ox.NamedNode(str(DCTERMS.identifier)), ox.Literal(release.version)),
            (node, ox.NamedNode(str(DCTERMS.created)), ox.Literal(str(meta.get("built_at", "")))),
            (node, ox.NamedNode(str(DCTERMS.modified)),
             ox.Literal(datetime.now(timezone.utc).isoformat(), datatype=ox.NamedNode(xsd + "dateTime"))),
            (node, ox.NamedNode(str(LSKG.summary)), ox.Literal(json.dumps(meta, ensure_ascii=False))),
            (node, ox.NamedNode(str(LSKG.validationReport)), ox.Literal(json.dumps(release.validation, ensure_ascii=False))),
        ]
        self._rewrite(node, triples)

    def _rewrite(self, subject: ox.NamedNode, triples) -> None:
        """Replace what RELEASE_GRAPH says about `subject`."""
        body = "\n".join(f"{_term(s)} {_term(p)} {_term(o)} ." for s, p, o in triples)
        if self.target.update_url:
            text = f"DELETE WHERE {{ GRAPH <{RELEASE_GRAPH}> {{ {_term(subject)} ?p ?o }} }}"
            if body:
                text += f";\nINSERT DATA {{ GRAPH <{RELEASE_GRAPH}> {{\n{body}\n}} }}"
            self.update(text)
            return
        # Graph Store Protocol only: read the release graph, change it, PUT it back whole
        kept = _release_graph_without(self.target, subject)
        self.graph_store("PUT", str(RELEASE_GRAPH), (kept + body + "\n").encode("utf-8"))


def _release_graph_without(target: Target, subject: ox.NamedNode) -> str:
    store = RemoteStore(target.query_url, timeout=min(target.timeout, 60.0))
    rows = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{RELEASE_GRAPH}> {{ ?s ?p ?o "
                         f"FILTER (?s != {_term(subject)}) }} }}", dataset=RELEASE_DATASET).rows
    return "".join(f"{from_term(r['subject'])} {from_term(r['predicate'])} {from_term(r['object'])} .\n" for r in rows)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _reason(exc: Exception) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}"
    if isinstance(exc, urllib.error.URLError):
        return f"cannot reach the server ({exc.reason})"
    return str(exc) or type(exc).__name__
