"""The protocol dataset (`default-graph-uri`, `named-graph-uri`), case by case as the W3C SPARQL 1.1
Protocol manifest names them (`query_dataset_*`, `query_multiple_dataset`), on both backends.

The W3C cases name graphs of their own (data1.rdf… on kasei.us), which this store does not hold:
those are refused with 400 naming the graph, as the protocol lets a service refuse a dataset it does
not offer (the cases' own note: "returns 400 otherwise"). With the store's graphs in their place the
same requests are answered, and the protocol's dataset wins over the query's FROM."""

from __future__ import annotations

from functools import cache

import pytest
from rdflib import RDF, Graph, Namespace

from ..w3c_suites import w3c_suites

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
W3C_GRAPHS = [f"http://kasei.us/2009/09/sparql/data/data{i}.rdf" for i in (1, 2, 3)]
REFERENCE = "https://w3id.org/lskg/id/graph/reference"
JSON = {"Accept": "application/sparql-results+json"}
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
CASES = ("query_dataset_default_graphs_get", "query_dataset_default_graphs_post", "query_dataset_named_graphs_post",
         "query_dataset_named_graphs_get", "query_dataset_full", "query_multiple_dataset")


@cache
def _manifest_cases() -> set[str]:
    g = Graph()
    g.parse(w3c_suites() / "sparql11" / "protocol" / "manifest.ttl", format="turtle")
    return {str(test).rsplit("#", 1)[-1] for test in g.subjects(RDF.type, MF.ProtocolTest)}


def _graphs(client) -> list[str]:
    """The reference graph and two source graphs of the release."""
    rows = client.get("/sparql", query_string={"query": GRAPHS + " ORDER BY ?g"}, headers=JSON).get_json()
    sources = [b["g"]["value"] for b in rows["results"]["bindings"] if "/graph/source/" in b["g"]["value"]]
    return [REFERENCE, sources[0], sources[1]]


def _request(client, case: str, g: list[str]):
    """The case's request (its method and where its parameters go), with the graphs `g`."""
    if case == "query_dataset_default_graphs_get":
        return client.get("/sparql", query_string={"query": COUNT, "default-graph-uri": g[0]}, headers=JSON)
    if case == "query_dataset_default_graphs_post":  # a form POST, the dataset in the URL
        return client.post("/sparql", query_string=[("default-graph-uri", g[0]), ("default-graph-uri", g[1])],
                           data={"query": COUNT}, headers=JSON)
    if case == "query_dataset_named_graphs_post":
        return client.post("/sparql", data={"query": GRAPHS, "named-graph-uri": g[:2]}, headers=JSON)
    if case == "query_dataset_named_graphs_get":
        return client.get("/sparql", query_string=[("query", GRAPHS), ("named-graph-uri", g[0]),
                                                   ("named-graph-uri", g[1])], headers=JSON)
    if case == "query_dataset_full":  # a direct POST, the dataset in the URL
        return client.post("/sparql", query_string=[("default-graph-uri", g[2]), ("named-graph-uri", g[0]),
                                                    ("named-graph-uri", g[1])],
                           data=f"SELECT ?n ?g {{ {{ {COUNT} }} {{ {GRAPHS} }} }}",
                           content_type="application/sparql-query", headers=JSON)
    assert case == "query_multiple_dataset"
    return client.post("/sparql", query_string={"default-graph-uri": g[1]},
                       data=COUNT.replace(" WHERE", f" FROM <{g[0]}> WHERE"),
                       content_type="application/sparql-query", headers=JSON)


def _count(client, *graphs: str) -> str:
    froms = " ".join(f"FROM <{g}>" for g in graphs)
    rows = client.get("/sparql", query_string={"query": COUNT.replace(" WHERE", f" {froms} WHERE")}, headers=JSON)
    return rows.get_json()["results"]["bindings"][0]["n"]["value"]


@pytest.mark.parametrize("case", CASES)
def test_the_w3c_case_with_its_own_graphs_is_refused_naming_them(client, case):
    assert case in _manifest_cases()
    r = _request(client, case, W3C_GRAPHS)
    assert r.status_code == 400
    assert "not held by this endpoint" in r.get_json()["error"] and "kasei.us" in r.get_json()["error"]


@pytest.mark.parametrize("case", CASES)
def test_the_w3c_case_with_the_stores_graphs_is_answered(client, case):
    g = _graphs(client)
    r = _request(client, case, g)
    assert r.status_code == 200
    rows = r.get_json()["results"]["bindings"]
    if case == "query_dataset_default_graphs_get":
        assert rows[0]["n"]["value"] == _count(client, g[0]) != _count(client)
    elif case == "query_dataset_default_graphs_post":  # the URL's graphs counted, not ignored
        assert rows[0]["n"]["value"] == _count(client, g[0], g[1]) != _count(client)
    elif case in ("query_dataset_named_graphs_post", "query_dataset_named_graphs_get"):
        assert sorted(b["g"]["value"] for b in rows) == sorted(g[:2])
    elif case == "query_dataset_full":
        assert {b["n"]["value"] for b in rows} == {_count(client, g[2])}
        assert sorted(b["g"]["value"] for b in rows) == sorted(g[:2])
    else:  # the protocol's dataset, not the query's FROM
        assert rows[0]["n"]["value"] == _count(client, g[1]) != _count(client, g[0])


def test_a_query_in_the_url_and_the_body_of_a_form_post_is_two_queries(client):
    r = client.post("/sparql", query_string={"query": "ASK {}"}, data={"query": COUNT}, headers=JSON)
    assert r.status_code == 400 and "one query at a time" in r.get_json()["error"]
