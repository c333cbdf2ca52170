"""/sparql through a real HTTP server (waitress on 127.0.0.1) and a real client (SPARQLWrapper)."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

from ..conftest import served

NQ41 = "https://w3id.org/lskg/id/legal/tinh-lang-son/2022/nq-41-hdnd"
ELI = Namespace("http://data.europa.eu/eli/ontology#")
SELECT_DOCS = """PREFIX eli: <http://data.europa.eu/eli/ontology#>
SELECT ?d ?date WHERE { ?d eli:id_local "41/NQ-HĐND" ; eli:date_document ?date }"""


@pytest.fixture(scope="module")
def endpoint(app):
    with served(app, threads=2) as url:
        yield f"{url}/sparql"


def client(endpoint: str, query: str, fmt: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(endpoint)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setTimeout(30)
    return sparql


def test_select_json(endpoint):
    data = client(endpoint, SELECT_DOCS, JSON).queryAndConvert()
    assert data["head"]["vars"] == ["d", "date"]
    [row] = data["results"]["bindings"]
    assert row["d"]["value"] == NQ41 and row["date"]["value"] == "2022-12-30"


def test_select_xml(endpoint):
    doc = client(endpoint, SELECT_DOCS, XML).queryAndConvert()
    assert [u.firstChild.data for u in doc.getElementsByTagName("uri")] == [NQ41]
    assert [lit.firstChild.data for lit in doc.getElementsByTagName("literal")] == ["2022-12-30"]


def test_select_csv(endpoint):
    body = client(endpoint, SELECT_DOCS, CSV).queryAndConvert()
    text = body.decode("utf-8") if isinstance(body, bytes) else body
    assert text.splitlines() == ["d,date", f"{NQ41},2022-12-30"]


def test_select_by_post(endpoint):
    sparql = client(endpoint, SELECT_DOCS, JSON)
    sparql.setMethod(POST)
    assert sparql.queryAndConvert()["results"]["bindings"][0]["d"]["value"] == NQ41


def test_construct_turtle(endpoint):
    query = ("PREFIX eli: <http://data.europa.eu/eli/ontology#>\n"
             "CONSTRUCT { ?d eli:id_local ?n } WHERE { ?d eli:id_local ?n FILTER(?n = \"41/NQ-HĐND\") }")
    body = client(endpoint, query, TURTLE).queryAndConvert()
    g = Graph().parse(data=body.decode("utf-8") if isinstance(body, bytes) else body, format="turtle")
    assert set(g) == {(URIRef(NQ41), ELI.id_local, Literal("41/NQ-HĐND"))}


def test_errors_reach_the_client(endpoint, app):
    with pytest.raises(QueryBadFormed):
        client(endpoint, "SELECT * WHERE { ?s ?p ", JSON).queryAndConvert()
    store = app.extensions["lskg"].store
    before = store.release.triples
    update = client(endpoint, "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }", JSON)
    update.setMethod(POST)
    with pytest.raises((SPARQLWrapperException, OSError)):
        update.query()
    assert store.release.triples == before
