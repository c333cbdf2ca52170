"""The W3C SPARQL 1.1 Protocol test suite, every entry of its manifest (from rdflib's sdist on PyPI:
`tests/w3c_suites.py`), sent over HTTP to the app served by waitress, on both backends.

The manifest names the tests; their requests and expectations are the suite's own descriptions
(the W3C protocol tests' README), written here as `REQUESTS`, with two departures:
- Update: the suite expects an update endpoint to run its updates; this one is read-only, so each
  `update_*` request is expected to be refused with 403 and to leave the store as it was.
- Dataset: the `query_dataset_*` cases name graphs of the suite's own (data1.rdf… on kasei.us) that
  this store does not hold: sent as written they are refused with 400 naming the graph (the
  protocol lets a service refuse a dataset it does not offer; the suite's own note: "returns 400
  otherwise"). With the store's graphs in their place, the same requests (method, where each
  parameter goes) are answered, and the protocol's dataset wins over the query's FROM.
The form POSTs use `application/x-www-form-urlencoded`, the protocol's type (the README's
`x-www-url-form-urlencoded` is a typo the protocol does not know)."""

from __future__ import annotations

import http.client
import json
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlencode, urlsplit

import pytest
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.collection import Collection

from ..conftest import served
from ..w3c_suites import w3c_suites

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
W3C_GRAPHS = [f"http://kasei.us/2009/09/sparql/data/data{i}.rdf" for i in (1, 2, 3)]
REFERENCE = "https://w3id.org/lskg/id/graph/reference"
FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"
RESULTS = ("application/sparql-results+xml", "application/sparql-results+json")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
DOCUMENT_UPDATE = """PREFIX dc: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
CLEAR ALL ;
INSERT DATA { GRAPH <http://kasei.us/2009/09/sparql/data/data1.rdf> {
  <http://kasei.us/2009/09/sparql/data/data1.rdf> a foaf:Document } } ;
INSERT { GRAPH <http://example.org/protocol-update-dataset-test/> { ?s a dc:BibliographicResource } }
WHERE { ?s a foaf:Document }"""
CONFLICT_UPDATE = """PREFIX foaf: <http://xmlns.com/foaf/0.1/>
WITH <http://example/addresses>
DELETE { ?person foaf:givenName 'Bill' } INSERT { ?person foaf:givenName 'William' }
WHERE { ?person foaf:givenName 'Bill' }"""


@dataclass(frozen=True)
class Request:
    method: str
    params: list[tuple[str, str]] = field(default_factory=list)  # in the URL
    content_type: str | None = None
    body: bytes = b""


def _form(*pairs: tuple[str, str]) -> bytes:
    return urlencode(pairs).encode()


def _dataset_request(case: str, g: list[str]) -> Request:
    """The suite's dataset cases, with the graphs `g` for data1.rdf, data2.rdf and data3.rdf."""
    if case == "query_dataset_default_graphs_get":
        return Request("GET", [("query", COUNT), ("default-graph-uri", g[0]), ("default-graph-uri", g[1])])
    if case == "query_dataset_default_graphs_post":
        return Request("POST", [("default-graph-uri", g[0]), ("default-graph-uri", g[1])], DIRECT, COUNT.encode())
    if case == "query_dataset_named_graphs_get":
        return Request("GET", [("query", GRAPHS), ("named-graph-uri", g[0]), ("named-graph-uri", g[1])])
    if case == "query_dataset_named_graphs_post":
        return Request("POST", [("named-graph-uri", g[0]), ("named-graph-uri", g[1])], DIRECT, GRAPHS.encode())
    if case == "query_dataset_full":
        return Request("POST", [("default-graph-uri", g[2]), ("named-graph-uri", g[0]), ("named-graph-uri", g[1])],
                       DIRECT, f"SELECT ?n ?g {{ {{ {COUNT} }} {{ {GRAPHS} }} }}".encode())
    assert case == "query_multiple_dataset"
    return Request("POST", [("default-graph-uri", g[1])], DIRECT, COUNT.replace(" WHERE", f" FROM <{g[0]}> WHERE").encode())


DATASET_CASES = ("query_dataset_default_graphs_get", "query_dataset_default_graphs_post",
                 "query_dataset_named_graphs_get", "query_dataset_named_graphs_post", "query_dataset_full",
                 "query_multiple_dataset")

# the suite's requests (the dataset cases above); the expectation is by the name's kind: query_* succeed,
# bad_* get a 4xx (the status this endpoint gives, each the protocol's), update_* are refused (403)
REQUESTS = {
    "query_get": Request("GET", [("query", "ASK {}")]),
    "query_post_form": Request("POST", [], FORM, _form(("query", "ASK {}"))),
    "query_post_direct": Request("POST", [], DIRECT, b"ASK {}"),
    "query_content_type_select": Request("POST", [], DIRECT, b"SELECT (1 AS ?value) {}"),
    "query_content_type_ask": Request("POST", [], DIRECT, b"ASK {}"),
    "query_content_type_describe": Request("POST", [], DIRECT, b"DESCRIBE <http://example.org/>"),
    "query_content_type_construct": Request("POST", [], DIRECT, b"CONSTRUCT { <s> <p> 1 } WHERE {}"),
    "update_dataset_default_graph": Request("POST", [("using-graph-uri", W3C_GRAPHS[0])], UPDATE,
                                            DOCUMENT_UPDATE.encode()),
    "update_dataset_default_graphs": Request("POST", [("using-graph-uri", W3C_GRAPHS[0]),
                                                      ("using-graph-uri", W3C_GRAPHS[1])], UPDATE,
                                             DOCUMENT_UPDATE.encode()),
    "update_dataset_named_graphs": Request("POST", [("using-named-graph-uri", W3C_GRAPHS[0]),
                                                    ("using-named-graph-uri", W3C_GRAPHS[1])], UPDATE,
                                           DOCUMENT_UPDATE.replace("WHERE { ?s", "WHERE { GRAPH ?g { ?s").encode()
                                           + b" }"),
    "update_dataset_full": Request("POST", [("using-graph-uri", W3C_GRAPHS[0]),
                                            ("using-named-graph-uri", W3C_GRAPHS[1])], UPDATE,
                                   DOCUMENT_UPDATE.encode()),
    "update_post_form": Request("POST", [], FORM, _form(("update", "CLEAR ALL"))),
    "update_post_direct": Request("POST", [], UPDATE, b"CLEAR ALL"),
    "update_base_uri": Request("POST", [], UPDATE, b"CLEAR GRAPH <http://example.org/protocol-base-test/> ; "
                               b"INSERT DATA { GRAPH <http://example.org/protocol-base-test/> "
                               b"{ <http://example.org/s> <http://example.org/p> <test> } }"),
    "bad_query_method": Request("PUT", [("query", "ASK {}")]),
    "bad_multiple_queries": Request("GET", [("query", "ASK {}"), ("query", "SELECT * {}")]),
    "bad_query_wrong_media_type": Request("POST", [], "text/plain", b"ASK {}"),
    "bad_query_missing_form_type": Request("POST", [], None, b"query=ASK%20%7B%7D"),
    "bad_query_missing_direct_type": Request("POST", [], None, b"ASK {}"),
    "bad_query_non_utf8": Request("POST", [], DIRECT + "; charset=UTF-16", "ASK {}".encode("utf-16")),
    "bad_query_syntax": Request("GET", [("query", "ASK {")]),
    "bad_update_get": Request("GET", [("update", "CLEAR ALL")]),
    "bad_multiple_updates": Request("POST", [], FORM, _form(("update", "CLEAR NAMED"), ("update", "CLEAR DEFAULT"))),
    "bad_update_wrong_media_type": Request("POST", [], "text/plain", b"CLEAR NAMED"),
    "bad_update_missing_form_type": Request("POST", [], None, b"update=CLEAR%20NAMED"),
    "bad_update_non_utf8": Request("POST", [], UPDATE + "; charset=UTF-16", "CLEAR NAMED".encode("utf-16")),
    "bad_update_syntax": Request("POST", [], FORM, _form(("update", "CLEAR XYZ"))),
    "bad_update_dataset_conflict": Request("POST", [], FORM, _form(("using-named-graph-uri", "http://example/people"),
                                                                   ("update", CONFLICT_UPDATE))),
}
# the status of each bad_* request: 405 for a method /sparql does not have, 415 for a body whose type
# is no query's, 403 for any update (read-only, whatever else is wrong with it), else 400
BAD_STATUS = {"bad_query_method": 405, "bad_query_wrong_media_type": 415, "bad_query_missing_form_type": 415,
              "bad_query_missing_direct_type": 415, "bad_query_non_utf8": 400, "bad_query_syntax": 400,
              "bad_multiple_queries": 400, "bad_update_get": 403, "bad_multiple_updates": 403,
              "bad_update_wrong_media_type": 415, "bad_update_missing_form_type": 415, "bad_update_non_utf8": 403,
              "bad_update_syntax": 403, "bad_update_dataset_conflict": 403}


@cache
def _manifest_entries() -> tuple[str, ...]:
    """The manifest's entries, in its order (the names after `#`)."""
    path = w3c_suites() / "sparql11" / "protocol" / "manifest.ttl"
    g = Graph()
    g.parse(path, format="turtle", publicID=path.as_uri())
    entries = [test for manifest in g.subjects(RDF.type, MF.Manifest) for entries in g.objects(manifest, MF.entries)
               for test in Collection(g, entries)]
    assert all((test, RDF.type, MF.ProtocolTest) in g for test in entries)
    return tuple(str(test).rsplit("#", 1)[-1] for test in entries)


@pytest.fixture(scope="module")
def endpoint(app):
    with served(app) as url:
        yield url + "/sparql"


def send(endpoint: str, req: Request, accept: str = "application/sparql-results+json") -> tuple[int, str, bytes]:
    """The request as raw HTTP (nothing adds a content type the case leaves out): status, media type, body."""
    url = urlsplit(endpoint)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    headers = {"Accept": accept}
    if req.content_type:
        headers["Content-Type"] = req.content_type
    try:
        conn.request(req.method, url.path + ("?" + urlencode(req.params) if req.params else ""),
                     body=req.body if req.method != "GET" else None, headers=headers)
        r = conn.getresponse()
        return r.status, (r.getheader("Content-Type") or "").split(";")[0].strip(), r.read()
    finally:
        conn.close()


def _rows(body: bytes) -> list[dict]:
    return json.loads(body)["results"]["bindings"]


def _triples(endpoint: str) -> str:
    return _rows(send(endpoint, Request("GET", [("query", COUNT)]))[2])[0]["n"]["value"]


def test_every_entry_of_the_manifest_has_its_request():
    assert set(_manifest_entries()) == set(REQUESTS) | set(DATASET_CASES)
    assert len(_manifest_entries()) == 34


@pytest.mark.parametrize("case", ["query_get", "query_post_form", "query_post_direct", "query_content_type_ask"])
def test_an_ask_is_answered_true(endpoint, case):
    status, media, body = send(endpoint, REQUESTS[case])
    assert status == 200 and media in RESULTS and json.loads(body)["boolean"] is True
    status, media, body = send(endpoint, REQUESTS[case], accept="application/sparql-results+xml")
    assert status == 200 and media == RESULTS[0] and b"<boolean>true</boolean>" in body


@pytest.mark.parametrize("accept", ["application/sparql-results+xml", "application/sparql-results+json",
                                    "text/csv", "text/tab-separated-values"])
def test_a_select_comes_in_the_type_asked_for(endpoint, accept):
    status, media, body = send(endpoint, REQUESTS["query_content_type_select"], accept=accept)
    assert status == 200 and media == accept
    assert b"value" in body and b"1" in body.split(b"value", 1)[1]


@pytest.mark.parametrize("case", ["query_content_type_describe", "query_content_type_construct"])
@pytest.mark.parametrize("accept", ["application/rdf+xml", "text/turtle"])  # two of the suite's three
def test_a_graph_comes_in_an_rdf_type(endpoint, case, accept):
    status, media, body = send(endpoint, REQUESTS[case], accept=accept)
    assert status == 200 and media == accept
    graph = Graph().parse(data=body, format="xml" if "xml" in media else "turtle")
    if case == "query_content_type_construct":  # relative IRIs resolve against the endpoint's URL
        root = endpoint.rsplit("/", 1)[0]
        assert [(s, p, o.toPython()) for s, p, o in graph] == [(URIRef(root + "/s"), URIRef(root + "/p"), 1)]
    else:  # nothing is said of example.org in this graph
        assert len(graph) == 0


@pytest.mark.parametrize("case", sorted(c for c in REQUESTS if c.startswith("bad_")))
def test_a_bad_request_is_refused(endpoint, case):
    status, media, body = send(endpoint, REQUESTS[case])
    assert status == BAD_STATUS[case]
    if status != 405:  # the method is not the endpoint's: Flask's page says so
        assert media == "application/json" and json.loads(body)["status"] == status


@pytest.mark.parametrize("case", sorted(c for c in REQUESTS if c.startswith("update_")))
def test_an_update_is_refused_by_the_read_only_endpoint(endpoint, case):
    before = _triples(endpoint)
    status, _media, body = send(endpoint, REQUESTS[case])
    assert status == 403 and "read-only" in json.loads(body)["error"]
    assert _triples(endpoint) == before != "0"


def _graphs(endpoint: str) -> list[str]:
    """The reference graph and two source graphs of the release."""
    rows = _rows(send(endpoint, Request("GET", [("query", GRAPHS + " ORDER BY ?g")]))[2])
    sources = [b["g"]["value"] for b in rows if "/graph/source/" in b["g"]["value"]]
    return [REFERENCE, sources[0], sources[1]]


def _count(endpoint: str, *graphs: str) -> str:
    froms = " ".join(f"FROM <{g}>" for g in graphs)
    return _rows(send(endpoint, Request("GET", [("query", COUNT.replace(" WHERE", f" {froms} WHERE"))]))[2])[0]["n"]["value"]


@pytest.mark.parametrize("case", DATASET_CASES)
def test_the_dataset_case_with_the_suites_graphs_is_refused_naming_them(endpoint, case):
    status, _media, body = send(endpoint, _dataset_request(case, W3C_GRAPHS))
    error = json.loads(body)["error"]
    assert status == 400 and "not held by this endpoint" in error and "kasei.us" in error


@pytest.mark.parametrize("case", DATASET_CASES)
def test_the_dataset_case_with_the_stores_graphs_is_answered(endpoint, case):
    g = _graphs(endpoint)
    status, media, body = send(endpoint, _dataset_request(case, g))
    assert status == 200 and media in RESULTS
    rows = _rows(body)
    if case.startswith("query_dataset_default_graphs"):
        assert rows[0]["n"]["value"] == _count(endpoint, g[0], g[1]) != _triples(endpoint)
    elif case.startswith("query_dataset_named_graphs"):
        assert sorted(b["g"]["value"] for b in rows) == sorted(g[:2])
    elif case == "query_dataset_full":
        assert {b["n"]["value"] for b in rows} == {_count(endpoint, g[2])}
        assert sorted(b["g"]["value"] for b in rows) == sorted(g[:2])
    else:  # the protocol's dataset, not the query's FROM
        assert rows[0]["n"]["value"] == _count(endpoint, g[1]) != _count(endpoint, g[0])


def test_a_form_post_counts_the_dataset_in_its_url(endpoint):
    """Beyond the suite: the URL's default-graph-uri of a form POST is the dataset, never ignored."""
    g = _graphs(endpoint)
    req = Request("POST", [("default-graph-uri", g[0]), ("default-graph-uri", g[1])], FORM, _form(("query", COUNT)))
    assert _rows(send(endpoint, req)[2])[0]["n"]["value"] == _count(endpoint, g[0], g[1]) != _triples(endpoint)


def test_a_query_in_the_url_and_the_body_of_a_form_post_is_two_queries(endpoint):
    status, _media, body = send(endpoint, Request("POST", [("query", "ASK {}")], FORM, _form(("query", COUNT))))
    assert status == 400 and "one query at a time" in json.loads(body)["error"]
