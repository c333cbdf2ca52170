"""The graph as a linked-data citizen: `#` IRIs that answer (the vocabulary at /def, a segment's
selectors), the VoID description, the release's dumps, the named graphs' IRIs, robots.txt and the
sitemap — each checked against what the corpus and the store say."""

from __future__ import annotations

import gzip
import hashlib
import html
import re

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, VOID

from lskg.vocab import DATASET, ID, LSKG, OA
from lskg.web import crawling

FILE_004 = "004_08bffe02da026834.txt"
NQ_11 = ID["legal/vn/2022/nq-11-tw"]
ELI_DATE = URIRef("http://data.europa.eu/eli/ontology#date_document")
SPDX_VALUE = URIRef("http://spdx.org/rdf/terms#checksumValue")
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")


@pytest.fixture(scope="module")
def key_004(build_result):
    return next(s["key"] for s in build_result.summary["sources"] if s["file"] == FILE_004)


def rdf(client, path: str, accept: str = "text/turtle", fmt: str = "turtle") -> Graph:
    response = client.get(path, headers={"Accept": accept})
    assert response.status_code == 200, path
    assert response.mimetype == accept
    return Graph().parse(data=response.get_data(as_text=True), format=fmt)


def has_dumps(app) -> bool:
    """Dumps come from the release folder: a store at a SPARQL endpoint has none to offer."""
    return not app.config["LSKG_SPARQL_ENDPOINT"]


# -- `#` IRIs ----------------------------------------------------------------------------------

def test_vocabulary_document_gives_every_term_with_labels(client, paths):
    g = rdf(client, "/def")
    assert (LSKG.investmentForm, RDFS.label, Literal("hình thức đầu tư", lang="vi")) in g
    assert (LSKG.investmentForm, RDFS.label, Literal("investment form", lang="en")) in g
    assert (LSKG.investmentForm, RDFS.range, URIRef("http://www.w3.org/2004/02/skos/core#Concept")) in g
    assert (LSKG.InvestmentProject, RDFS.isDefinedBy, URIRef("https://w3id.org/lskg/def")) in g
    # the document's own statements stay: its licence
    assert (URIRef("https://w3id.org/lskg/def"), DCTERMS.license, CC_BY) in g
    defined = {s for s in Graph().parse(paths.ontology).subjects() if str(s).startswith(str(LSKG))}
    assert {s for s in g.subjects() if str(s).startswith(str(LSKG))} == defined
    assert len(defined) == 95  # 94 terms and lskg:resultRowLimit, the service description's row cap


def test_vocabulary_in_json_ld_and_rdf_xml(client):
    g = rdf(client, "/def", "application/ld+json", "json-ld")
    assert (LSKG.InvestmentProject, RDFS.label, Literal("dự án đầu tư", lang="vi")) in g
    g = rdf(client, "/def", "application/rdf+xml", "xml")
    assert (LSKG.investmentForm, RDFS.label, Literal("investment form", lang="en")) in g


def test_vocabulary_page_anchors_each_term(client):
    text = client.get("/def", headers={"Accept": "text/html"}).get_data(as_text=True)
    term = re.search(r'<div class="term" id="InvestmentProject">(.*?)</div>', text, re.S)
    assert term, "no anchor for lskg:InvestmentProject"
    body = html.unescape(term.group(1))
    assert "dự án đầu tư" in body and "investment project" in body
    assert "rdfs:subClassOf" not in body  # properties are named, not written as CURIEs
    assert 'id="investmentForm"' in text
    english = client.get("/def?lang=en").get_data(as_text=True)
    assert "Object properties" in english and "Classes" in english


def test_segment_document_describes_its_selectors(client, key_004):
    """`…/char/100-112#quote` is described where its document `…/char/100-112` is fetched."""
    segment = ID[f"source/{key_004}/char/100-112"]
    g = rdf(client, f"/id/source/{key_004}/char/100-112")
    quote, position = URIRef(f"{segment}#quote"), URIRef(f"{segment}#position")
    assert (segment, OA.hasSelector, quote) in g
    assert (quote, OA.exact, Literal("Bộ Chính trị")) in g
    assert int(g.value(position, OA.start)) == 100 and int(g.value(position, OA.end)) == 112


# -- VoID ---------------------------------------------------------------------------------------

@pytest.fixture()
def void(client) -> Graph:
    return rdf(client, "/.well-known/void")


def test_void_counts_are_the_stores(client, void):
    node = URIRef(DATASET)
    health = client.get("/-/health").get_json()
    assert int(void.value(node, VOID.triples)) == health["triples"]
    reference = client.get("/sparql", query_string={
        "query": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ID['graph/reference']}> {{ ?s ?p ?o }} }}"},
        headers={"Accept": "application/sparql-results+json"}).get_json()
    count = int(reference["results"]["bindings"][0]["n"]["value"])
    assert int(void.value(URIRef(ID["graph/reference"]), VOID.triples)) == count
    projects = next(p for p in void.objects(node, VOID.classPartition)
                    if void.value(p, VOID["class"]) == LSKG.InvestmentProject)
    assert int(void.value(projects, VOID.entities)) == 26  # summary.json's lskg:InvestmentProject
    assert int(void.value(node, VOID.classes)) > 40 and int(void.value(node, VOID.properties)) > 100


def test_void_describes_the_dataset(client, void, key_004):
    node = URIRef(DATASET)
    assert (node, DCTERMS.license, CC_BY) in void
    assert (node, VOID.exampleResource, ID["project/cao-toc-huu-nghi-chi-lang"]) in void
    assert (node, VOID.sparqlEndpoint, URIRef("http://localhost/sparql")) in void
    assert (node, VOID.uriSpace, Literal(str(ID))) in void
    assert (node, VOID.vocabulary, URIRef("http://data.europa.eu/eli/ontology#")) in void
    graph = URIRef(ID[f"graph/source/{key_004}"])
    assert (node, VOID.subset, graph) in void
    assert (graph, DCTERMS.source, URIRef(ID[f"source/{key_004}"])) in void
    # the dataset's IRI answers with the same description
    assert (node, DCTERMS.license, CC_BY) in rdf(client, "/id/dataset/lskg")


def test_service_description_links_the_void(client, app):
    g = rdf(client, "/sparql")
    assert (None, RDFS.seeAlso, URIRef("http://localhost/.well-known/void")) in g
    assert bool(list(g.objects(None, VOID.dataDump))) == has_dumps(app)


def test_dataset_page_for_browsers(client, app, build_result):
    text = html.unescape(client.get("/.well-known/void", headers={"Accept": "text/html"}).get_data(as_text=True))
    assert 'rel="license" href="https://creativecommons.org/licenses/by/4.0/"' in text
    assert (f"lskg-{build_result.summary['graph_version']}.nq.gz" in text) == has_dumps(app)


# -- dumps --------------------------------------------------------------------------------------

def test_dumps_decompress_to_the_release_with_their_checksum(client, app, void):
    dumps = sorted(str(d) for d in void.objects(URIRef(DATASET), VOID.dataDump))
    if not has_dumps(app):
        assert dumps == []
        return
    nquads = next(d for d in dumps if d.endswith(".nq.gz"))
    response = client.get(nquads)
    assert response.status_code == 200 and response.mimetype == "application/gzip"
    assert response.headers["Link"] == f'<{CC_BY}>; rel="license"'
    body = response.data
    digest = hashlib.sha256(body).hexdigest()
    assert client.get(nquads + ".sha256").get_data(as_text=True) == f"{digest}  {nquads.rsplit('/', 1)[-1]}\n"
    assert digest in {str(v) for v in void.objects(None, SPDX_VALUE)}
    quads = list(ox.parse(gzip.decompress(body), ox.RdfFormat.N_QUADS))
    date = ox.Literal("2022-02-10", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    assert any(q.subject == ox.NamedNode(str(NQ_11)) and q.predicate == ox.NamedNode(str(ELI_DATE))
               and q.object == date for q in quads)
    trig = client.get(next(d for d in dumps if d.endswith(".trig.gz"))).data
    assert len(list(ox.parse(gzip.decompress(trig), ox.RdfFormat.TRIG))) == len(quads)
    assert client.get("/dumps/lskg-000000000000.nq.gz").status_code == 404


# -- named graphs, robots.txt, sitemap ------------------------------------------------------------

def test_named_graph_iris_answer(client, key_004):
    g = rdf(client, f"/id/graph/source/{key_004}")
    graph = URIRef(ID[f"graph/source/{key_004}"])
    assert (graph, VOID.inDataset, URIRef(DATASET)) in g
    assert (graph, DCTERMS.source, URIRef(ID[f"source/{key_004}"])) in g
    assert int(g.value(graph, VOID.triples)) > 1000
    page = html.unescape(client.get(f"/id/graph/source/{key_004}").get_data(as_text=True))
    assert "Báo cáo tự giám sát về công tác triển khai thực hiện Nghị quyết số 11-NQ/TW" in page
    assert client.get("/id/graph/source/0000000000000000").status_code == 404


def test_robots_names_the_sitemap(client):
    text = client.get("/robots.txt").get_data(as_text=True)
    assert "Sitemap: http://localhost/sitemap.xml" in text
    assert "Disallow: /sparql" in text


def locations(client, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "application/xml", path
    return re.findall(r"<loc>(.*?)</loc>", response.get_data(as_text=True))


def test_sitemap_lists_entity_pages(client):
    urls = locations(client, "/sitemap.xml")
    assert "http://localhost/id/project/cao-toc-huu-nghi-chi-lang" in urls
    assert "http://localhost/def" in urls
    assert not [u for u in urls if "#" in u]
    assert len(urls) == len(set(urls)) > 2000


def test_sitemap_splits_into_parts(client, monkeypatch):
    whole = locations(client, "/sitemap.xml")
    monkeypatch.setattr(crawling, "URLS_PER_PART", 1000)
    parts = locations(client, "/sitemap.xml")
    assert parts == [f"http://localhost/sitemap-{n}.xml" for n in range(1, -(-len(whole) // 1000) + 1)]
    listed = [url for part in parts for url in locations(client, part.removeprefix("http://localhost"))]
    assert listed == whole
    assert client.get(f"/sitemap-{len(parts) + 1}.xml").status_code == 404
