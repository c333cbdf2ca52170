"""Point 2: the store is read-only from the web.

Every SPARQL Update operation, sent every way the protocol allows (and some it does not: an update
in `query=`, escaped, appended to a query), gets a 4xx and leaves the triple count of `/-/health`
and the graph as they were. No route accepts PUT, DELETE or PATCH.
"""

from __future__ import annotations

import pytest

from .conftest import assert_no_leak

REFERENCE = "https://w3id.org/lskg/id/graph/reference"
MARK = "<http://example.org/written> <http://example.org/by> <http://example.org/update>"
UPDATES = [
    f"INSERT DATA {{ {MARK} }}",
    f"INSERT DATA {{ GRAPH <{REFERENCE}> {{ {MARK} }} }}",
    "DELETE DATA { <https://w3id.org/lskg/id/place/tinh-lang-son> ?p ?o }",
    "DELETE WHERE { ?s ?p ?o }",
    f"DELETE {{ ?s ?p ?o }} INSERT {{ {MARK} }} WHERE {{ ?s ?p ?o }}",
    f"WITH <{REFERENCE}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}",
    f"INSERT {{ {MARK} }} WHERE {{}}",
    "LOAD <http://127.0.0.1:9/data.ttl>",
    f"LOAD SILENT <file:///etc/passwd> INTO GRAPH <{REFERENCE}>",
    "CLEAR ALL", "CLEAR DEFAULT", "CLEAR NAMED", f"CLEAR SILENT GRAPH <{REFERENCE}>",
    "DROP ALL", f"DROP GRAPH <{REFERENCE}>", "DROP SILENT DEFAULT",
    "CREATE GRAPH <http://example.org/g>",
    f"ADD <{REFERENCE}> TO DEFAULT", f"MOVE <{REFERENCE}> TO <http://example.org/g>",
    f"COPY DEFAULT TO <{REFERENCE}>",
    "PREFIX ex: <http://example.org/>\nINSERT DATA { ex:a ex:b ex:c } ; DROP ALL",
    "insert data { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
    f"\\u0049NSERT DATA {{ {MARK} }}",
    "# a comment\rDROP ALL",
    "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
    "ASK {} DROP ALL",
]


def send_all(client, update: str):
    """Every way to send it: the protocol's update forms and an update hidden in a query."""
    return [
        client.get("/sparql", query_string={"update": update}),
        client.get("/sparql", query_string={"query": update}),
        client.get("/sparql", query_string={"query": "ASK {}", "update": update}),
        client.post("/sparql", data={"update": update}),
        client.post("/sparql", data={"query": update}),
        client.post("/sparql", data={"query": update, "format": "html"}),
        client.post("/sparql", data=update.encode(), content_type="application/sparql-update"),
        client.post("/sparql", data=update.encode(), content_type="application/sparql-query"),
        client.post("/sparql?update=x", data=b"ASK {}", content_type="application/sparql-query"),
        client.get("/sparql", query_string={"update": update}, headers={"Accept": "text/html"}),
    ]


def health_triples(client) -> int:
    r = client.get("/-/health")
    assert r.status_code == 200
    return r.get_json()["triples"]


def ask(client, query: str) -> bool:
    return client.get("/sparql", query_string={"query": query, "format": "json"}).get_json()["boolean"]


@pytest.mark.parametrize("update", UPDATES)
def test_updates_are_refused_whatever_the_method(client, update):
    before = health_triples(client)
    for r in send_all(client, update):
        body = r.get_data(as_text=True)
        assert 400 <= r.status_code < 500, (update, r.status_code, body[:200])
        assert_no_leak(body)
    assert health_triples(client) == before
    assert not ask(client, f"ASK {{ {MARK} }}")
    assert ask(client, f"ASK {{ GRAPH <{REFERENCE}> {{ ?s ?p ?o }} }}")
    assert ask(client, "ASK { <https://w3id.org/lskg/id/place/tinh-lang-son> ?p ?o }")


def test_update_refusals_say_read_only(client):
    for r in send_all(client, "DROP ALL"):
        assert r.status_code == 403 and "read-only" in r.get_data(as_text=True)


def test_the_graph_is_the_same_after_all_attempts(client, app):
    """Beyond the count: the same quads, compared by a digest of the whole default graph."""
    query = "SELECT (COUNT(*) AS ?n) (SUM(STRLEN(CONCAT(STR(?s), STR(?p), STR(?o)))) AS ?len) WHERE { ?s ?p ?o }"
    before = client.get("/sparql", query_string={"query": query, "format": "json"}).get_json()
    for update in UPDATES[:6]:
        send_all(client, update)
    after = client.get("/sparql", query_string={"query": query, "format": "json"}).get_json()
    assert before == after


def _sample_path(rule) -> str:
    values = {arg: "x" for arg in rule.arguments}
    values.update({"filename": "lskg.css", "key": "0123456789abcdef", "name": "projects",
                   "rest": "place/tinh-lang-son"})
    path = rule.rule
    for arg, value in values.items():
        for conv in (f"<{arg}>", f"<path:{arg}>", f"<string:{arg}>"):
            path = path.replace(conv, value)
    return path


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_no_route_accepts_put_delete_or_patch(client, app, method):
    before = health_triples(client)
    rules = list(app.url_map.iter_rules())
    assert len(rules) >= 10
    for rule in rules:
        path = _sample_path(rule)
        r = client.open(path, method=method, data="DROP ALL", content_type="application/sparql-update")
        assert r.status_code == 405, (method, path, r.status_code)
        assert_no_leak(r.get_data(as_text=True))
        assert "GET" in r.headers.get("Allow", "")
    assert health_triples(client) == before


def test_only_sparql_takes_a_post(client, app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "sparql.endpoint":
            continue
        r = client.post(_sample_path(rule), data={"update": "DROP ALL"})
        assert r.status_code == 405, rule.rule
