"""Point 1: no query reaches the network or the file system.

A listener on 127.0.0.1 stands for any server a query could reach: every SERVICE form, every
dataset that names it (FROM, FROM NAMED, default-graph-uri, named-graph-uri), sent by GET, form
POST and direct POST, through the editor, the saved queries and the entity pages, must leave it
with zero connections. The first test shows the listener would see one: the engine itself, asked
directly, does connect.
"""

from __future__ import annotations

import pytest

from lskg.sparql_guard import DatasetRefused, ServiceRefused, check_query

from .conftest import assert_no_leak

REFERENCE = "https://w3id.org/lskg/id/graph/reference"
BROWSER = {"Accept": "text/html"}


def send(client, how: str, query: str, **extra):
    if how == "get":
        return client.get("/sparql", query_string={"query": query, **extra})
    if how == "form":
        return client.post("/sparql", data={"query": query, **extra})
    if how == "direct":
        return client.post("/sparql", data=query.encode("utf-8"), content_type="application/sparql-query",
                           query_string=extra)
    if how == "editor":
        return client.post("/sparql", data={"query": query, "format": "html", **extra})
    raise ValueError(how)


HOW = ["get", "form", "direct", "editor"]


def service_queries(url: str) -> list[str]:
    host_port = url.split("//", 1)[1].split("/", 1)[0]
    escaped_url = url.replace("h", "\\u0068", 1)
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE SILENT ?e {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?x ?y ?z OPTIONAL {{ SERVICE <{url}> {{ ?x ?p ?o }} }} }} LIMIT 1",
        f"SELECT * WHERE {{ {{ ?x ?y ?z }} UNION {{ SERVICE <{url}> {{ ?x ?p ?o }} }} }} LIMIT 1",
        f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        f"SELECT * WHERE {{ ?x ?y ?z FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} LIMIT 1",
        f"SELECT * WHERE {{ ?x ?y ?z FILTER NOT EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} LIMIT 1",
        f"SELECT * WHERE {{ ?x ?y ?z MINUS {{ SERVICE <{url}> {{ ?x ?p ?o }} }} }} LIMIT 1",
        f"SELECT * WHERE {{ GRAPH ?g {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT (COUNT(*) AS ?n) WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} GROUP BY ?s",
        f"ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"DESCRIBE ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        # prefixed names and a base
        f"PREFIX remote: <http://{host_port}/> SELECT * WHERE {{ SERVICE remote:sparql {{ ?s ?p ?o }} }}",
        f"BASE <http://{host_port}/> SELECT * WHERE {{ SERVICE <sparql> {{ ?s ?p ?o }} }}",
        # comments, escapes and line-end tricks that fool a search in the text
        f"SELECT * WHERE {{ # SERVICE is in a comment here\n SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERV\\u0049CE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\U00000053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE <{escaped_url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o # a comment Oxigraph ends at CR\rSERVICE <{url}> {{ ?a ?b ?c }}\n}}",
        f"SELECT * WHERE {{ ?s ?p ?o # comment\\u000dSERVICE <{url}> {{ ?a ?b ?c }}\n}}",
        f"SELECT * WHERE {{ ?s ?p ?o # comment\r\nSERVICE <{url}> {{ ?a ?b ?c }}\n}}",
        f"SELECT * WHERE {{ SERVICE\t<{url}>\r{{ ?s ?p ?o }} }}",
    ]


def test_the_listener_sees_the_engine_when_nothing_guards_it(listener):
    """The control: Oxigraph, asked directly, does connect for SERVICE; so zero below means refused."""
    import pyoxigraph as ox

    with pytest.raises(Exception):  # noqa: B017 - whatever the engine raises, it tried to connect
        list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <{listener.url()}> {{ ?s ?p ?o }} }}"))
    assert len(listener.seen()) == 1 and listener.connections[0].startswith(b"POST /sparql")


@pytest.mark.parametrize("how", HOW)
def test_service_is_refused_in_every_form_and_never_connects(client, listener, how):
    queries = service_queries(listener.url())
    for query in queries:
        r = send(client, how, query)
        body = r.get_data(as_text=True)
        assert r.status_code == 400, (query, r.status_code, body[:300])
        assert "SERVICE" in body, (query, body[:300])
        assert_no_leak(body)
    assert listener.seen() == []


@pytest.mark.parametrize("query", service_queries("http://127.0.0.1:9/sparql"))
def test_the_guard_finds_service_in_the_parse_tree(query):
    with pytest.raises(ServiceRefused):
        check_query(query, [])


@pytest.mark.parametrize("how", HOW)
def test_foreign_datasets_are_refused_and_never_dereferenced(client, listener, how, tmp_path):
    local = tmp_path / "graph.ttl"
    local.write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n")
    for iri in (listener.url("/data.ttl"), "file:///etc/passwd", local.as_uri(), f"file://{local}"):
        for query in (f"SELECT * FROM <{iri}> WHERE {{ ?s ?p ?o }}",
                      f"SELECT * FROM NAMED <{iri}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
                      f"CONSTRUCT {{ ?s ?p ?o }} FROM <{iri}> WHERE {{ ?s ?p ?o }}",
                      f"ASK FROM <{REFERENCE}> FROM NAMED <{iri}> {{ ?s ?p ?o }}"):
            r = send(client, how, query)
            assert r.status_code == 400 and "not held by this endpoint" in r.get_data(as_text=True), query
        for param in ("default-graph-uri", "named-graph-uri"):
            r = send(client, how, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", **{param: iri})
            assert r.status_code == 400 and "not held by this endpoint" in r.get_data(as_text=True), (param, iri)
    host_port = listener.url("").split("//", 1)[1]
    for query in (f"BASE <http://{host_port}/> SELECT * FROM <data.ttl> WHERE {{ ?s ?p ?o }}",
                  f"PREFIX r: <http://{host_port}/> SELECT * FROM NAMED r:data WHERE {{ ?s ?p ?o }}",
                  "BASE <file:///etc/> SELECT * FROM <passwd> WHERE { ?s ?p ?o }",
                  "SELECT * FROM <\\u0066ile:///etc/passwd> WHERE { ?s ?p ?o }",
                  "BASE <http://[::1/> SELECT * FROM <x> WHERE { ?s ?p ?o }"):
        r = send(client, how, query)
        assert r.status_code == 400, query
    assert listener.seen() == []


def test_the_guard_resolves_from_against_base_and_prefixes():
    with pytest.raises(DatasetRefused, match="file:///etc/passwd"):
        check_query("BASE <file:///etc/> SELECT * FROM <passwd> WHERE { ?s ?p ?o }", [REFERENCE])
    with pytest.raises(DatasetRefused):
        check_query("BASE <http://[::1/> SELECT * FROM <x> WHERE { ?s ?p ?o }", [REFERENCE])
    checked = check_query("BASE <https://w3id.org/lskg/id/graph/x> SELECT * FROM <reference> { ?s ?p ?o }",
                          [REFERENCE])
    assert checked.graphs == (REFERENCE,)


GRAPH_BASE = "https://w3id.org/lskg/id/graph/"


@pytest.mark.parametrize("ref", ["https:reference", "reference?", "#", "reference#", "reference",
                                 "./reference", "../graph/reference", "//w3id.org/lskg/id/graph/reference",
                                 "https://w3id.org/lskg/id/graph/a/../reference"])
def test_the_guard_resolves_from_as_the_engine_does(ref):
    """The graph the guard approves is the graph Oxigraph reads: each IRI the reference could resolve
    to holds a triple naming it, and the engine's answer must be the guard's graph."""
    import pyoxigraph as ox

    candidates = {REFERENCE, "https:reference", REFERENCE + "?", GRAPH_BASE + "#", REFERENCE + "#",
                  GRAPH_BASE, REFERENCE + "/", GRAPH_BASE + "a/../reference"}
    store = ox.Store()
    for name in candidates:
        store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:in"), ox.Literal(name), ox.NamedNode(name)))
    for keyword in ("FROM", "FROM NAMED"):
        query = f"BASE <{GRAPH_BASE}> SELECT ?g WHERE {{ ?s ?p ?g }}"
        if keyword == "FROM NAMED":
            query = f"BASE <{GRAPH_BASE}> SELECT ?g WHERE {{ GRAPH ?x {{ ?s ?p ?g }} }}"
        query = query.replace(" WHERE", f" {keyword} <{ref}> WHERE")
        read = [row["g"].value for row in store.query(query)]
        assert len(read) == 1, (query, read)
        assert check_query(query, candidates).graphs == tuple(read), (query, read)
        if read != [REFERENCE]:
            with pytest.raises(DatasetRefused):
                check_query(query, [REFERENCE])


@pytest.mark.parametrize("ref", ["https:reference", "reference?", "#"])
def test_a_from_the_engine_reads_as_another_graph_is_refused(client, ref):
    query = f"BASE <{GRAPH_BASE}> SELECT * FROM <{ref}> WHERE {{ ?s ?p ?o }} LIMIT 1"
    for r in (client.get("/sparql", query_string={"query": query}),
              client.post("/sparql", data={"query": query}),
              client.post("/sparql", data=query.encode(), content_type="application/sparql-query")):
        assert r.status_code == 400, (ref, r.status_code)
        assert "not held" in r.get_data(as_text=True)


def test_own_graphs_are_selected_not_fetched(client, listener):
    count = "SELECT (COUNT(*) AS ?n) {} WHERE { ?s ?p ?o }"
    every = client.get("/sparql", query_string={"query": count.replace(" {} ", " "), "format": "json"}).get_json()
    reference = client.get("/sparql", query_string={"query": count.replace("{}", f"FROM <{REFERENCE}>"),
                                                    "format": "json"}).get_json()
    by_protocol = client.get("/sparql", query_string={"query": count.replace(" {} ", " "), "format": "json",
                                                      "default-graph-uri": REFERENCE}).get_json()
    n = [int(x["results"]["bindings"][0]["n"]["value"]) for x in (every, reference, by_protocol)]
    assert 0 < n[1] == n[2] < n[0]
    assert listener.seen() == []


@pytest.mark.parametrize("how", HOW)
def test_functions_and_describe_do_not_reach_out(client, listener, how):
    """IRI(), BASE, DESCRIBE and a plain IRI in a pattern only make terms; nothing is fetched."""
    url = listener.url("/x")
    for query in (f'SELECT (IRI("{url}") AS ?i) WHERE {{}}',
                  f'BASE <{url}/> SELECT (IRI("y") AS ?i) (URI("z") AS ?j) WHERE {{}}',
                  f'SELECT (STR(IRI("{url}")) AS ?s) (ENCODE_FOR_URI("{url}") AS ?e) WHERE {{}}',
                  'SELECT (IRI("file:///etc/passwd") AS ?i) WHERE {}',
                  f"DESCRIBE <{url}>",
                  "DESCRIBE <file:///etc/passwd>",
                  f"SELECT * WHERE {{ <{url}> ?p ?o }}",
                  f"ASK {{ GRAPH <{url}> {{ ?s ?p ?o }} }}",
                  f"CONSTRUCT {{ <{url}> <{url}> <file:///etc/passwd> }} WHERE {{}}"):
        r = send(client, how, query)
        assert r.status_code == 200, (query, r.get_data(as_text=True)[:300])
        assert "root:" not in r.get_data(as_text=True)
    assert listener.seen() == []


@pytest.mark.parametrize("how", HOW)
def test_load_is_refused_and_never_connects(client, listener, how):
    for update in (f"LOAD <{listener.url('/data.ttl')}>",
                   f"LOAD SILENT <{listener.url('/d.ttl')}> INTO GRAPH <{REFERENCE}>",
                   "LOAD <file:///etc/passwd>"):
        assert 400 <= send(client, how, update).status_code < 500
    for update in (f"LOAD <{listener.url('/data.ttl')}>", "LOAD <file:///etc/passwd>"):
        assert client.post("/sparql", data={"update": update}).status_code == 403
        assert client.post("/sparql", data=update.encode(), content_type="application/sparql-update").status_code == 403
    assert listener.seen() == []


def test_saved_queries_and_entity_pages_never_connect(client, listener):
    url = listener.url("/")
    hostile = [
        url, f"<{url}>", f"https://w3id.org/lskg/id/legal/> }} SERVICE <{url}> {{ ?a ?b ?c",
        f"ind:x> }} SERVICE <{url}> {{ ?a ?b ?c", "file:///etc/passwd",
    ]
    for value in hostile:
        for name, param in (("indicator-series", "indicator"), ("document-links", "document"),
                            ("observations", "subject"), ("projects", "x")):
            for suffix in ("", ".json", ".csv"):
                r = client.get(f"/queries/{name}{suffix}", query_string={param: value})
                assert r.status_code == 400, (name, value, r.status_code)
    pages = [f"/resource?iri={url}", "/resource?iri=file:///etc/passwd",
             f"/id/x%3E%20%3Fp%20%3Fo%20%7D%20SERVICE%20%3C{url}%3E%20%7B%20%3Fa%20%3Fb%20%3Fc",
             f"/id/x>%20}}%20SERVICE%20<{url}>%20{{", f"/def/x%3E%20%7D%20SERVICE%20%3C{url}%3E%20%7B"]
    for page in pages:
        for fmt in ("", "?format=turtle", "?format=jsonld"):
            r = client.get(page + (fmt if "?" not in page else fmt.replace("?", "&")))
            assert r.status_code == 404, (page, fmt, r.status_code)
    assert client.get("/sparql", query_string={"example": f"x> SERVICE <{url}>"}, headers=BROWSER).status_code == 200
    assert listener.seen() == []


def test_a_saved_query_with_service_stops_the_catalogue(tmp_path):
    from lskg.queries import Catalogue

    (tmp_path / "remote.rq").write_text("SELECT * WHERE { SERV\\u0049CE <http://127.0.0.1:9/> { ?s ?p ?o } }\n")
    with pytest.raises(ValueError, match="remote.rq: SERVICE"):
        Catalogue(tmp_path)
    (tmp_path / "remote.rq").write_text("DROP ALL\n")
    with pytest.raises(ValueError, match="read-only"):
        Catalogue(tmp_path)


OWN = ["https://w3id.org/lskg/id/graph/a", "https://w3id.org/lskg/id/graph/b"]
UNION = "https://w3id.org/lskg/id/graph/union"


@pytest.mark.parametrize("query, has_from, has_graph", [
    ('SELECT ?g ?o { GRAPH ?g { ?s ?p ?o } FILTER(?o != "x"@from) }', False, True),
    ('SELECT ?o { ?s ?p ?o FILTER(?o != "x"@named) }', False, False),
    ('SELECT ?o { ?s ?p ?o FILTER(?o != "x"@graph) }', False, False),
    ("SELECT ?o # FROM <http://example.org/x>\n{ ?s ?p ?o }", False, False),
    ("SELECT ?o # GRAPH ?g { }\n{ ?s ?p ?o }", False, False),
    ('SELECT ?o { ?s ?p ?o FILTER(?o != "FROM <http://example.org/x>") }', False, False),
    ("SELECT ?o { ?s ?p ?o FILTER(?o != '''FROM NAMED <x> GRAPH ?g {}''') }", False, False),
    ("PREFIX from: <http://example.org/> SELECT ?o { ?s from:p ?o }", False, False),
    (f"SELECT ?o FROM <{OWN[0]}> {{ ?s ?p ?o }}", True, False),
    (f"SELECT ?o from named <{OWN[1]}> {{ GRAPH ?g {{ ?s ?p ?o }} }}", True, True),
    (f"SELECT ?g FROM <{OWN[0]}> FROM NAMED <{OWN[1]}> {{ {{ SELECT ?g {{ GRAPH ?g {{}} }} }} }}", True, True),
])
def test_the_remote_dataset_is_decided_from_the_parse_tree(query, has_from, has_graph):
    """The remote store confines a query to the release by sending the union graph as
    `default-graph-uri` (and the release's graphs as `named-graph-uri` for GRAPH), unless the query
    names its own dataset; a query it wrongly believes to have FROM is sent no dataset and sees
    every graph on the engine. Language tags, comments, strings and prefixes that spell FROM, NAMED
    or GRAPH are none of those."""
    from lskg.store.remote import _dataset_parameters

    sent = dict(_dataset_parameters(query, None, UNION, OWN))
    if has_from:
        assert sent == {}  # the query's own FROM (checked against the store's graphs) chooses
    else:
        assert sent["default-graph-uri"] == [UNION]
        assert sent.get("named-graph-uri") == (OWN if has_graph else None)


def test_a_query_the_guard_cannot_read_is_sent_confined():
    """A text rdflib cannot parse (an error the engine will report, with or without a FROM) is not
    guessed at: it goes with the release's graphs as its whole dataset."""
    from lskg.store.remote import _dataset_parameters

    for query in ("SELECT ?s WHERE { ?s ?p }", "SELECT ?s FROM <http://example.org/x> { ?s ?p }"):
        assert dict(_dataset_parameters(query, None, UNION, OWN)) == {"default-graph-uri": [UNION],
                                                                      "named-graph-uri": OWN}
    # `-1.5` is read now (the guard reads negative decimals as rdflib cannot): its own FROM chooses
    assert dict(_dataset_parameters("SELECT ?s FROM <http://example.org/x> { ?s ?p -1.5 }", None, UNION, OWN)) == {}
