"""The dataset as a whole: its VoID description, its named graphs and the release's dumps.

- `/.well-known/void` (and the dataset's IRI, `/id/dataset/lskg`): VoID and DCAT for programs
  (Turtle, JSON-LD, N-Triples, RDF/XML), a page for browsers. What the graph says of the dataset
  (title, licence, URI space, example resources: data/reference/dataset.ttl) with what this
  release measures: triples, entities, classes, properties, a partition per class and property,
  each named graph as a subset, the SPARQL endpoint and the dumps with their checksums.
- `/id/graph/…`: a named graph's IRI answers with what the VoID says of it (not a 404).
- `/dumps/<name>`: the release's gzip N-Quads and TriG, written when it was built
  (`store.dumps`), and their `.sha256`. A store at LSKG_SPARQL_ENDPOINT has no release folder
  here: then there are no dumps, and the VoID lists none.

The counts are measured once per release (the app lives as long as its release, `web.reloading`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, Flask, Response, abort, current_app, render_template, request, send_file
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, RDFS, VOID, XSD

from ..store.base import GraphStore, Term
from ..store.dumps import Dump, read_dumps
from ..vocab import DATASET, FORMATS, ID, PREFIXES, SD, SPARQL_PROLOGUE, SPDX
from .context import SiteContext, current_site
from .linked_data import RDFLIB_FORMATS, content_type, wanted_format
from .page_helpers import install_page_helpers, reader

bp = Blueprint("dataset", __name__)
bp.record_once(install_page_helpers)

IANA = "https://www.iana.org/assignments/media-types/"
VOID_PATH = "/.well-known/void"
_STATISTICS = "lskg.void_statistics"
_DUMPS = "lskg.dumps"
_LOCK = threading.Lock()

# the dataset's own statements, as the graph holds them (?dataset is bound)
_STATED = "CONSTRUCT { ?dataset ?p ?o } WHERE { ?dataset ?p ?o }"
_TOTALS = """SELECT (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?p) AS ?properties)
                    (COUNT(DISTINCT ?o) AS ?objects) WHERE { ?s ?p ?o }"""
_ENTITIES = SPARQL_PROLOGUE + """SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?dataset void:uriSpace ?space . ?s ?p ?o FILTER (isIRI(?s) && STRSTARTS(STR(?s), ?space)) }"""
_CLASSES = "SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY ?class"
_PROPERTIES = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p"
_GRAPHS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


@dataclass(frozen=True)
class Statistics:
    triples: int
    entities: int
    subjects: int
    objects: int
    classes: dict[str, int]  # class -> distinct instances
    properties: dict[str, int]  # property -> triples
    graphs: dict[str, int]  # named graph -> triples


def statistics(store: GraphStore) -> Statistics:
    """What VoID counts, over the union of the release's graphs (each graph: its own triples)."""
    dataset = {"dataset": Term("iri", str(DATASET))}
    totals = store.query(_TOTALS).rows[0]
    entities = store.query(_ENTITIES, dataset).rows
    graphs = set(store.release.graphs)
    return Statistics(
        triples=store.release.triples,
        entities=int(entities[0]["n"].value) if entities else 0,
        subjects=int(totals["subjects"].value),
        objects=int(totals["objects"].value),
        classes={r["class"].value: int(r["n"].value) for r in store.query(_CLASSES).rows},
        properties={r["p"].value: int(r["n"].value) for r in store.query(_PROPERTIES).rows},
        graphs={r["g"].value: int(r["n"].value) for r in store.query(_GRAPHS).rows if r["g"].value in graphs},
    )


def _statistics() -> Statistics:
    cache = current_app.extensions
    with _LOCK:  # measured once: the first requests wait for it rather than measure it again
        if _STATISTICS not in cache:
            cache[_STATISTICS] = statistics(current_site().store)
    return cache[_STATISTICS]


@bp.record_once
def _find_dumps(state) -> None:
    """The dumps of the release this app serves: in the release folder `current` points to, named by
    the release's version (a folder of another release has none by that name)."""
    app, site = state.app, state.app.extensions["lskg"]
    version = str(site.summary.get("graph_version") or "")
    found: list[Dump] = []
    if version and not app.config["LSKG_SPARQL_ENDPOINT"]:
        found = read_dumps(Path(app.config["LSKG_BUILD_DIR"], "current").resolve(), version)
    app.extensions[_DUMPS] = {d.name: d for d in found}


def dumps(app: Flask | None = None) -> list[Dump]:
    return list((app or current_app).extensions[_DUMPS].values())


def _url(path: str) -> URIRef:
    return URIRef(request.host_url.rstrip("/") + path)


def _graph() -> Graph:
    """An empty graph that writes the project's prefixes (`id:` aside: its local names hold slashes)."""
    g = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        if prefix != "id":
            g.bind(prefix, namespace)
    g.bind("sd", SD)
    g.bind("spdx", SPDX)
    g.bind("formats", FORMATS)
    return g


def dataset_graph(site: SiteContext) -> Graph:
    """The VoID (and DCAT) description of the dataset in this release."""
    g = _graph()
    g.parse(data=site.store.query(_STATED, {"dataset": Term("iri", str(DATASET))}, fmt="ntriples")
            .serialize("ntriples").decode("utf-8"), format="nt")
    stats = _statistics()
    node = URIRef(DATASET)
    document = _url(VOID_PATH)
    g.add((document, RDF.type, VOID.DatasetDescription))
    g.add((document, FOAF.primaryTopic, node))
    version = str(site.summary.get("graph_version", ""))
    g.add((node, OWL.versionInfo, Literal(version)))
    if site.summary.get("built_at"):
        g.add((node, DCTERMS.modified, Literal(site.summary["built_at"], datatype=XSD.dateTime)))
    g.add((node, FOAF.homepage, _url("/")))
    g.add((node, VOID.sparqlEndpoint, _url("/sparql")))
    g.add((node, VOID.uriLookupEndpoint, Literal(str(_url("/resource")) + "?iri=")))
    for count, value in ((VOID.triples, stats.triples), (VOID.entities, stats.entities),
                         (VOID.classes, len(stats.classes)), (VOID.properties, len(stats.properties)),
                         (VOID.distinctSubjects, stats.subjects), (VOID.distinctObjects, stats.objects)):
        g.add((node, count, Literal(value)))
    for fmt in ("Turtle", "N-Triples", "JSON-LD", "RDF_XML", "N-Quads", "TriG"):
        g.add((node, VOID.feature, FORMATS[fmt]))
    for namespace in sorted(_vocabularies([*stats.classes, *stats.properties])):
        g.add((node, VOID.vocabulary, URIRef(namespace)))
    for cls, entities in stats.classes.items():
        part = BNode()
        g.add((node, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(cls)))
        g.add((part, VOID.entities, Literal(entities)))
    for prop, triples in stats.properties.items():
        part = BNode()
        g.add((node, VOID.propertyPartition, part))
        g.add((part, VOID.property, URIRef(prop)))
        g.add((part, VOID.triples, Literal(triples)))
    for graph, triples in stats.graphs.items():
        _describe_graph(g, site, URIRef(graph), triples)
    licences = list(g.objects(node, DCTERMS.license))
    for dump in dumps():
        _describe_dump(g, node, dump, version, licences)
    return g


def _vocabularies(terms: list[str]) -> set[str]:
    """The known namespaces (vocab.PREFIXES) of the classes and properties used; the longest wins."""
    spaces = sorted((str(ns) for ns in PREFIXES.values()), key=len, reverse=True)
    return {next(ns for ns in spaces if term.startswith(ns)) for term in terms
            if any(term.startswith(ns) for ns in spaces)}


def _describe_graph(g: Graph, site: SiteContext, graph: URIRef, triples: int) -> None:
    g.add((URIRef(DATASET), VOID.subset, graph))
    g.add((graph, RDF.type, VOID.Dataset))
    g.add((graph, RDF.type, SD.Graph))
    g.add((graph, VOID.triples, Literal(triples)))
    g.add((graph, VOID.inDataset, URIRef(DATASET)))
    source = source_of(graph)
    if source:
        g.add((graph, DCTERMS.source, URIRef(source)))
        title = site.sources_by_key.get(source.rsplit("/", 1)[-1], {}).get("title")
        if title:
            g.add((graph, DCTERMS.title, Literal(title, lang="vi")))


def source_of(graph: str) -> str | None:
    """The source document a source graph holds (vocab.source_graph), else None."""
    prefix = str(ID["graph/source/"])
    return str(ID["source/" + graph[len(prefix):]]) if str(graph).startswith(prefix) else None


def _describe_dump(g: Graph, node: URIRef, dump: Dump, version: str, licences: list) -> None:
    url = _url(f"/dumps/{dump.name}")
    g.add((node, VOID.dataDump, url))
    dist = URIRef(url)
    g.add((node, DCAT.distribution, dist))
    g.add((dist, RDF.type, DCAT.Distribution))
    g.add((dist, DCAT.downloadURL, url))
    g.add((dist, DCAT.mediaType, URIRef(IANA + dump.media_type)))
    g.add((dist, DCAT.compressFormat, URIRef(IANA + "application/gzip")))
    g.add((dist, DCAT.byteSize, Literal(dump.size, datatype=XSD.nonNegativeInteger)))
    g.add((dist, OWL.versionInfo, Literal(version)))
    for licence in licences:
        g.add((dist, DCTERMS.license, licence))
    checksum = BNode()
    g.add((dist, SPDX.checksum, checksum))
    g.add((checksum, RDF.type, SPDX.Checksum))
    g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    g.add((checksum, SPDX.checksumValue, Literal(dump.sha256, datatype=XSD.hexBinary)))


def link_dataset(g: Graph, node) -> None:
    """What the SPARQL service description says of its dataset: its VoID and its dumps."""
    g.bind("rdfs", RDFS)
    g.add((node, RDFS.seeAlso, _url(VOID_PATH)))
    for dump in dumps():
        g.add((node, VOID.dataDump, _url(f"/dumps/{dump.name}")))


def _rdf(g: Graph, fmt: str) -> Response:
    response = Response(g.serialize(format=RDFLIB_FORMATS[fmt], encoding="utf-8"), content_type=content_type(fmt))
    response.vary.add("Accept")
    return response


@bp.get(VOID_PATH)
@bp.get("/id/dataset/lskg")
def void():
    site = current_site()
    fmt = wanted_format(request)
    g = dataset_graph(site)
    if fmt != "html":
        return _rdf(g, fmt)
    node = URIRef(DATASET)
    response = Response(render_template(
        "dataset.html", r=reader(), node=str(node), stats=_statistics(), dumps=dumps(),
        licences=sorted(str(x) for x in g.objects(node, DCTERMS.license)),
        examples=sorted(str(x) for x in g.objects(node, VOID.exampleResource)),
        version=site.summary.get("graph_version", ""), built_at=site.summary.get("built_at", "")))
    response.vary.add("Accept")
    return response


@bp.get("/id/graph/<path:rest>")
def named_graph(rest: str):
    """A named graph of the release: what the VoID says of it."""
    site = current_site()
    iri = str(ID["graph/" + rest])
    if iri not in site.store.release.graphs:
        abort(404)
    fmt = wanted_format(request)
    triples = _statistics().graphs.get(iri, 0)
    if fmt != "html":
        g = _graph()
        _describe_graph(g, site, URIRef(iri), triples)
        return _rdf(g, fmt)
    source = source_of(iri)
    response = Response(render_template(
        "graph.html", r=reader(), iri=iri, triples=triples, source=source,
        title=site.sources_by_key.get((source or "").rsplit("/", 1)[-1], {}).get("title")))
    response.vary.add("Accept")
    return response


@bp.get("/dumps/<name>")
def dump_file(name: str):
    """A dump, streamed from its file; `<name>.sha256` its checksum in `sha256sum`'s format."""
    found = current_app.extensions[_DUMPS]
    if name.endswith(".sha256") and name.removesuffix(".sha256") in found:
        dump = found[name.removesuffix(".sha256")]
        return Response(f"{dump.sha256}  {dump.name}\n", content_type="text/plain; charset=utf-8")
    dump = found.get(name)
    if dump is None:
        abort(404)
    response = send_file(dump.path, mimetype="application/gzip", as_attachment=True, download_name=dump.name,
                         etag=dump.sha256, conditional=True)
    for licence in dataset_licences(current_site()):
        response.headers.add("Link", f'<{licence}>; rel="license"')
    return response


def dataset_licences(site: SiteContext) -> list[str]:
    rows = site.store.query(SPARQL_PROLOGUE + "SELECT ?licence WHERE { ?dataset dct:license ?licence }",
                             {"dataset": Term("iri", str(DATASET))}).rows
    return sorted(r["licence"].value for r in rows)
