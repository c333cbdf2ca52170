"""/sparql: the SPARQL 1.1 Protocol (methods, formats, errors, read-only guard, caps) and the editor page."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from rdflib import Graph, Literal, Namespace, URIRef

from lskg.sparql_guard import QuerySyntaxError, ServiceRefused, check_query

NQ41 = "https://w3id.org/lskg/id/legal/tinh-lang-son/2022/nq-41-hdnd"
SELECT_41 = 'SELECT ?d WHERE { ?d <http://data.europa.eu/eli/ontology#id_local> "41/NQ-HĐND" }'
CONSTRUCT_41 = ('PREFIX eli: <http://data.europa.eu/eli/ontology#>\n'
                'CONSTRUCT { ?d eli:id_local ?n ; eli:date_document ?date } '
                'WHERE { ?d eli:id_local "41/NQ-HĐND" ; eli:id_local ?n ; eli:date_document ?date }')
ELI = Namespace("http://data.europa.eu/eli/ontology#")
RESULTS_NS = "{http://www.w3.org/2005/sparql-results#}"
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
REFERENCE = "https://w3id.org/lskg/id/graph/reference"
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")


def ask(client, query: str) -> bool:
    return client.get("/sparql", query_string={"query": query, "format": "json"}).get_json()["boolean"]


# -- results formats -----------------------------------------------------------------------------

def test_select_json_by_default(client):
    r = client.get("/sparql", query_string={"query": SELECT_41})
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "application/sparql-results+json; charset=utf-8"
    assert "Accept" in r.headers["Vary"] and r.headers["X-LSKG-Truncated"] == "false"
    data = json.loads(r.get_data(as_text=True))
    assert data["head"]["vars"] == ["d"]
    assert data["results"]["bindings"] == [{"d": {"type": "uri", "value": NQ41}}]


@pytest.mark.parametrize("how", ["accept", "format"])
def test_select_xml(client, how):
    kwargs = ({"headers": {"Accept": "application/sparql-results+xml"}} if how == "accept"
              else {"query_string": {"query": SELECT_41, "format": "xml"}})
    r = client.get("/sparql", query_string=kwargs.pop("query_string", {"query": SELECT_41}), **kwargs)
    assert r.headers["Content-Type"] == "application/sparql-results+xml; charset=utf-8"
    root = ET.fromstring(r.data)
    assert [u.text for u in root.iter(RESULTS_NS + "uri")] == [NQ41]


def test_select_csv_and_tsv(client):
    r = client.get("/sparql", query_string={"query": SELECT_41}, headers={"Accept": "text/csv"})
    assert r.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert list(csv.reader(io.StringIO(r.get_data(as_text=True)))) == [["d"], [NQ41]]
    r = client.get("/sparql", query_string={"query": SELECT_41, "format": "tsv"})
    assert r.headers["Content-Type"] == "text/tab-separated-values; charset=utf-8"
    assert r.get_data(as_text=True).splitlines() == ["?d", f"<{NQ41}>"]


def test_literals_keep_their_datatype_and_language(client):
    query = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX eli: <http://data.europa.eu/eli/ontology#>\n"
             f"SELECT ?date ?label WHERE {{ <{NQ41}> eli:date_document ?date ; eli:type_document ?t . "
             '?t skos:prefLabel ?label FILTER(LANG(?label) = "vi") }')
    row = client.get("/sparql", query_string={"query": query}).get_json()["results"]["bindings"][0]
    assert row["date"] == {"type": "literal", "value": "2022-12-30",
                           "datatype": "http://www.w3.org/2001/XMLSchema#date"}
    assert row["label"] == {"type": "literal", "value": "Nghị quyết", "xml:lang": "vi"}


def test_ask(client):
    r = client.get("/sparql", query_string={"query": f"ASK {{ <{NQ41}> ?p ?o }}"})
    assert r.get_json() == {"head": {}, "boolean": True}
    r = client.get("/sparql", query_string={"query": "ASK { <http://example.org/nothing> ?p ?o }", "format": "xml"})
    assert ET.fromstring(r.data).find(RESULTS_NS + "boolean").text == "false"


# -- graph formats -------------------------------------------------------------------------------

def test_construct_turtle_parses_with_rdflib(client):
    r = client.get("/sparql", query_string={"query": CONSTRUCT_41}, headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["Content-Type"] == "text/turtle; charset=utf-8"
    g = Graph().parse(data=r.get_data(as_text=True), format="turtle")
    assert (URIRef(NQ41), ELI.id_local, Literal("41/NQ-HĐND")) in g
    assert g.value(URIRef(NQ41), ELI.date_document).toPython().isoformat() == "2022-12-30"


@pytest.mark.parametrize("fmt, media, rdflib_format", [
    ("ntriples", "application/n-triples", "nt"),
    ("jsonld", "application/ld+json", "json-ld"),
    ("rdfxml", "application/rdf+xml", "xml"),
    ("turtle", "text/turtle", "turtle"),
])
def test_construct_formats_by_name_and_by_accept(client, fmt, media, rdflib_format):
    for kwargs in ({"query_string": {"query": CONSTRUCT_41, "format": fmt}},
                   {"query_string": {"query": CONSTRUCT_41}, "headers": {"Accept": media}}):
        r = client.get("/sparql", **kwargs)
        assert r.headers["Content-Type"] == f"{media}; charset=utf-8"
        g = Graph().parse(data=r.data, format=rdflib_format)
        assert (URIRef(NQ41), ELI.id_local, Literal("41/NQ-HĐND")) in g and len(g) == 2


def test_describe(client):
    r = client.get("/sparql", query_string={"query": f"DESCRIBE <{NQ41}>", "format": "ntriples"})
    g = Graph().parse(data=r.data, format="nt")
    assert (URIRef(NQ41), ELI.id_local, Literal("41/NQ-HĐND")) in g


def test_format_that_does_not_fit_the_query_form(client):
    r = client.get("/sparql", query_string={"query": CONSTRUCT_41, "format": "csv"})
    assert r.status_code == 400 and "csv" in r.get_data(as_text=True)
    r = client.get("/sparql", query_string={"query": SELECT_41, "format": "pdf"})
    assert r.status_code == 400


# -- methods -------------------------------------------------------------------------------------

def test_form_post_and_direct_post(client):
    r = client.post("/sparql", data={"query": SELECT_41}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and r.get_json()["results"]["bindings"][0]["d"]["value"] == NQ41
    r = client.post("/sparql", data=SELECT_41.encode("utf-8"), content_type="application/sparql-query",
                    headers={"Accept": "text/csv"})
    assert r.status_code == 200 and NQ41 in r.get_data(as_text=True)
    r = client.post("/sparql?format=xml", data=SELECT_41.encode("utf-8"),
                    content_type="application/sparql-query; charset=utf-8")
    assert NQ41 in r.get_data(as_text=True) and r.mimetype == "application/sparql-results+xml"


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_405(client, method):
    assert getattr(client, method)("/sparql", data=SELECT_41).status_code == 405


@pytest.mark.parametrize("content_type", ["text/plain", "application/json", "multipart/form-data; boundary=x"])
def test_post_with_another_content_type_is_415(client, content_type):
    r = client.post("/sparql", data=SELECT_41.encode(), content_type=content_type)
    assert r.status_code == 415 and "application/sparql-query" in r.get_data(as_text=True)


def test_two_queries_are_refused(client):
    r = client.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D")
    assert r.status_code == 400


# -- errors and refusals -------------------------------------------------------------------------

def test_syntax_error_is_400_with_line_and_column(client):
    r = client.get("/sparql", query_string={"query": "SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER( }"})
    assert r.status_code == 400 and r.mimetype == "text/plain"
    message = r.get_data(as_text=True)
    assert "line 3" in message and "column" in message


def test_engine_error_is_400_with_its_position(client):
    r = client.get("/sparql", query_string={"query": "SELECT ?s WHERE {\n ?s nope:p ?o }"})
    assert r.status_code == 400 and "2:" in r.get_data(as_text=True)


@pytest.mark.parametrize("send", [
    lambda c, u: c.get("/sparql", query_string={"query": u}),
    lambda c, u: c.get("/sparql", query_string={"update": u}),
    lambda c, u: c.post("/sparql", data={"update": u}),
    lambda c, u: c.post("/sparql", data={"query": u}),
    lambda c, u: c.post("/sparql", data=u.encode(), content_type="application/sparql-update"),
    lambda c, u: c.post("/sparql", data=u.encode(), content_type="application/sparql-query"),
])
@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
    "PREFIX ex: <http://example.org/>\nDELETE WHERE { ?s ?p ?o }",
    "CLEAR ALL", "DROP GRAPH <https://w3id.org/lskg/id/graph/reference>", "LOAD <http://example.org/data.ttl>",
    "CREATE GRAPH <http://example.org/g>",
])
def test_updates_are_refused_and_never_run(client, app, send, update):
    store = app.extensions["lskg"].store
    before = store.release.triples
    r = send(client, update)
    assert 400 <= r.status_code < 500
    assert r.status_code == 403 and "read-only" in r.get_data(as_text=True)
    assert store.release.triples == before
    assert not ask(client, "ASK { <http://example.org/a> <http://example.org/b> <http://example.org/c> }")
    assert ask(client, "ASK { GRAPH <https://w3id.org/lskg/id/graph/reference> { ?s ?p ?o } }")


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { BIND(<http://127.0.0.1:9/> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    "SELECT * WHERE { ?x ?y ?z FILTER EXISTS { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } }",
    "SELECT * WHERE { { SELECT ?s WHERE { OPTIONAL { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } } } }",
    "ASK { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    # escapes and comments that defeat a text search
    "SELECT * WHERE { SERV\\u0049CE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "select * where { service <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o # a comment that ends at a carriage return\rSERVICE <http://127.0.0.1:9/> { ?a ?b ?c }\n}",
    "SELECT * WHERE { ?s ?p ?o # comment\\u000dSERVICE <http://127.0.0.1:9/> { ?a ?b ?c }\n}",
])
def test_service_is_refused_on_the_parsed_query(client, query):
    r = client.get("/sparql", query_string={"query": query})
    assert r.status_code == 400
    assert "SERVICE" in r.get_data(as_text=True)


def test_service_in_a_comment_or_string_is_not_a_service(client):
    query = 'SELECT ?d WHERE { # SERVICE <http://127.0.0.1:9/> { }\n ?d ?p "41/NQ-HĐND" . }'
    r = client.get("/sparql", query_string={"query": query})
    assert r.status_code == 200 and NQ41 in r.get_data(as_text=True)
    r = client.get("/sparql", query_string={"query": 'ASK { FILTER("SERVICE <http://x/> {}" != "") }'})
    assert r.status_code == 200 and r.get_json()["boolean"] is True


def test_a_query_with_many_triple_patterns_parses(client):
    """rdflib's grammar recurses per triple pattern: Python's default limit failed at about 80."""
    def query(n):
        patterns = " ".join(f"?d <http://data.europa.eu/eli/ontology#id_local> ?n{i} ." for i in range(n))
        return f'SELECT ?d WHERE {{ ?d <http://data.europa.eu/eli/ontology#id_local> "41/NQ-HĐND" . {patterns} }}'
    assert len(query(350)) < 20_000 and check_query(query(350), []).form == "select"
    r = client.get("/sparql", query_string={"query": query(40), "format": "csv"})  # Oxigraph plans 300 slowly
    assert r.status_code == 200 and NQ41 in r.get_data(as_text=True)


def test_escape_that_expands_to_an_escape_is_refused():
    with pytest.raises(QuerySyntaxError):
        check_query('SELECT * WHERE { ?s ?p "\\u005Cu0041" }', [])


def test_guard_reports_the_query_form_and_expands_escapes():
    checked = check_query("PREFIX ex: <http://example.org/> ASK { ex:a ex:b \"\\u0041\" }", [])
    assert checked.form == "ask" and '"A"' in checked.text
    with pytest.raises(ServiceRefused):
        check_query("DESCRIBE ?s WHERE { SERVICE <http://x/> { ?s ?p ?o } }", [])


@pytest.mark.parametrize("query_string", [
    {"query": "SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }"},
    {"query": "SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }"},
    {"query": "PREFIX ex: <http://example.org/> SELECT * FROM ex:g WHERE { ?s ?p ?o }"},
    {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "default-graph-uri": "http://example.org/g"},
    {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "named-graph-uri": "file:///etc/passwd"},
])
def test_foreign_graphs_are_refused(client, query_string):
    r = client.get("/sparql", query_string=query_string)
    assert r.status_code == 400 and "not held by this endpoint" in r.get_data(as_text=True)


def test_own_graphs_may_be_named(client):
    count = ("PREFIX lskg: <https://w3id.org/lskg/def#> SELECT (COUNT(*) AS ?n) {} WHERE "
             "{ ?o lskg:indicator ?i }")
    everything = client.get("/sparql", query_string={"query": count.replace(" {} ", " ")}).get_json()
    total = int(everything["results"]["bindings"][0]["n"]["value"])
    assert total > 0
    reference = client.get("/sparql", query_string={"query": count.replace("{}", f"FROM <{REFERENCE}>")}).get_json()
    assert int(reference["results"]["bindings"][0]["n"]["value"]) < total
    by_protocol = client.get("/sparql", query_string={"query": count.replace(" {} ", " "),
                                                      "default-graph-uri": REFERENCE}).get_json()
    assert by_protocol == reference
    named = client.get("/sparql", query_string={
        "query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": REFERENCE}).get_json()
    assert [b["g"]["value"] for b in named["results"]["bindings"]] == [REFERENCE]


def test_query_length_is_capped(client):
    long = "SELECT * WHERE { ?s ?p ?o }" + " " * 20_000
    r = client.post("/sparql", data={"query": long})
    assert r.status_code == 413 and "20000" in r.get_data(as_text=True)


def test_result_rows_are_capped(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "LSKG_EXPORT_ROW_CAP", 10)
    r = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.headers["X-LSKG-Truncated"] == "true" and len(r.get_json()["results"]["bindings"]) == 10
    r = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }", "format": "csv"})
    assert len(r.get_data(as_text=True).splitlines()) == 11
    r = client.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "turtle"})
    assert r.headers["X-LSKG-Truncated"] == "true" and len(Graph().parse(data=r.data, format="turtle")) == 10
    r = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 10", "format": "tsv"})
    assert r.headers["X-LSKG-Truncated"] == "false" and len(r.get_data(as_text=True).splitlines()) == 11


def test_time_limit(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "LSKG_SPARQL_TIMEOUT", 0.0)
    r = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 503 and "time" in r.get_data(as_text=True)


# -- service description and the editor ----------------------------------------------------------

def test_service_description_for_programs(client, app):
    r = client.get("/sparql")
    assert r.status_code == 200 and r.headers["Content-Type"] == "text/turtle; charset=utf-8"
    g = Graph().parse(data=r.get_data(as_text=True), format="turtle")
    service = g.value(predicate=SD.endpoint, object=URIRef("http://localhost/sparql"), any=False)
    assert service is not None
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in g
    formats = set(g.objects(service, SD.resultFormat))
    assert URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON") in formats
    assert URIRef("http://www.w3.org/ns/formats/Turtle") in formats
    names = {str(n) for n in g.objects(None, SD.name)}
    assert REFERENCE in names and names == set(app.extensions["lskg"].store.release.graphs)
    r = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert r.mimetype == "application/ld+json" and len(Graph().parse(data=r.data, format="json-ld")) == len(g)


def test_editor_page_for_browsers(client, app):
    r = client.get("/sparql", headers=BROWSER)
    assert r.status_code == 200 and r.mimetype == "text/html"
    html = r.get_data(as_text=True)
    assert '<textarea class="query" id="query" name="query"' in html and 'method="post"' in html
    for q in app.extensions["lskg"].catalogue:
        assert f'<option value="{q.name}" data-query="' in html
    assert '<script src="/static/sparql.js" defer>' in html and "<script>" not in html
    js = client.get("/static/sparql.js")
    assert js.status_code == 200 and b"ctrlKey" in js.data


def test_editor_starts_with_the_starter_query_and_offers_the_lessons(client):
    from markupsafe import escape

    from lskg.web.sparql_examples import EXAMPLES

    html = client.get("/sparql?lang=en", headers=BROWSER).get_data(as_text=True)
    textarea = html.split('<textarea', 1)[1].split("</textarea>", 1)[0]
    assert "PREFIX eli: &lt;http://data.europa.eu/eli/ontology#&gt;" in textarea and "eli:date_document ?date" in textarea
    assert 'class="share"' not in html  # nothing was run yet
    for e in EXAMPLES:
        assert f'<option value="{e.name}" data-query="' in html and str(escape(e.title_en)) in html
    assert '<input type="hidden" name="lang" value="en">' in html
    lesson = client.get("/sparql?example=intro-border-gates", headers=BROWSER).get_data(as_text=True)
    assert "lskg:BorderGate" in lesson.split('<textarea', 1)[1].split("</textarea>", 1)[0]


def test_each_lesson_answers_with_a_value_from_the_texts(client):
    from lskg.web.sparql_examples import EXAMPLES

    rows = {e.name: client.get("/sparql", query_string={"query": e.text},
                               headers={"Accept": "application/sparql-results+json"}).get_json()["results"]["bindings"]
            for e in EXAMPLES}
    assert {"number": "41/NQ-HĐND", "date": "2022-12-30"} in [
        {k: r[k]["value"] for k in ("number", "date")} for r in rows["intro-legal-basis"]]
    assert ("2021", "6.76") in [(r["period"]["value"], r["value"]["value"]) for r in rows["intro-series"]]
    assert "Cửa khẩu Chi Ma" in [r["gate"]["value"] for r in rows["intro-border-gates"]]
    assert len(rows["intro-documents"]) == 20 and all("date" in r for r in rows["intro-documents"])


def test_yasgui_is_served_by_the_app_when_installed(client, app):
    html = client.get("/sparql", headers=BROWSER).get_data(as_text=True)
    if not app.config["YASGUI_DIR"]:
        pytest.fail("YASGUI is not installed: run ./scripts/setup (npm ci)")
    assert '<script src="/static/vendor/yasgui/yasgui.min.js" defer>' in html and 'id="yasgui"' in html
    js = client.get("/static/vendor/yasgui/yasgui.min.js")
    assert js.status_code == 200 and js.mimetype == "text/javascript" and b"Yasgui" in js.data
    assert client.get("/static/vendor/yasgui/yasgui.min.css").mimetype == "text/css"
    assert client.get("/static/vendor/yasgui/package.json").status_code == 404  # only the named files
    assert client.get("/static/vendor/yasgui/..%2F..%2Fyasr%2Fpackage.json").status_code == 404


def test_editor_loads_an_example_without_js(client):
    html = client.get("/sparql?example=projects", headers=BROWSER).get_data(as_text=True)
    assert "#+ title.vi: Dự án" in html.split('<textarea', 1)[1].split("</textarea>", 1)[0]


def test_editor_runs_a_query_and_renders_the_table(client):
    r = client.get("/sparql", query_string={"query": SELECT_41}, headers=BROWSER)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and '<table class="results">' in html
    assert '<a href="/id/legal/tinh-lang-son/2022/nq-41-hdnd"' in html and "41/NQ-HĐND" in html
    assert 'class="share"' in html and "/sparql?query=SELECT+%3Fd" in html
    assert "format=csv" in html  # downloads


def test_editor_post_runs_too(client):
    r = client.post("/sparql", data={"query": CONSTRUCT_41, "format": "html"})
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "2 bộ ba" in html and "30/12/2022" in html
    r = client.post("/sparql", data={"query": f"ASK {{ <{NQ41}> ?p ?o }}", "format": "html"})
    assert "ASK: <strong>đúng (true)</strong>" in r.get_data(as_text=True)


def test_editor_shows_errors_and_keeps_the_query(client):
    r = client.post("/sparql", data={"query": "SELECT * WHERE {\n ?s ?p", "format": "html"})
    html = r.get_data(as_text=True)
    assert r.status_code == 400 and 'role="alert"' in html and "line 2" in html
    assert "SELECT * WHERE {\n ?s ?p</textarea>" in html
    r = client.get("/sparql", query_string={"query": "INSERT DATA { <http://a> <http://b> <http://c> }"},
                   headers=BROWSER)
    assert r.status_code == 403 and "read-only" in r.get_data(as_text=True)


def test_editor_escapes_the_query(client):
    query = 'SELECT ("</textarea><script>alert(1)</script>" AS ?x) WHERE {}'
    html = client.get("/sparql", query_string={"query": query}, headers=BROWSER).get_data(as_text=True)
    assert "<script>alert(1)" not in html and "&lt;/textarea&gt;&lt;script&gt;" in html


def test_editor_row_cap(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "LSKG_ROW_CAP", 3)
    html = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"},
                      headers=BROWSER).get_data(as_text=True)
    assert 'class="note truncated"' in html and html.count("<tr><td") == 3
