"""What HTTP clients expect of every answer (web.http_protocol, web.truncation), against the real corpus:
CORS for programs on other origins, the release's version as ETag with 304s, compression, and cut
answers that say so in their bodies."""

from __future__ import annotations

import gzip
import json
import xml.etree.ElementTree as ET
from datetime import datetime

import pytest
from rdflib import Graph, Literal, Namespace

NQ41 = "https://w3id.org/lskg/id/legal/tinh-lang-son/2022/nq-41-hdnd"
SELECT_41 = 'SELECT ?d WHERE { ?d <http://data.europa.eu/eli/ontology#id_local> "41/NQ-HĐND" }'
ALL = "SELECT * WHERE { ?s ?p ?o }"
ORIGIN = {"Origin": "https://yasgui.example"}
RESULTS_NS = "{http://www.w3.org/2005/sparql-results#}"
LSKG = Namespace("https://w3id.org/lskg/def#")


def summary(app) -> dict:
    return app.extensions["lskg"].summary


# -- CORS ----------------------------------------------------------------------------------------

def test_preflight_for_a_direct_post_to_the_endpoint(client):
    r = client.options("/sparql", headers={**ORIGIN, "Access-Control-Request-Method": "POST",
                                           "Access-Control-Request-Headers": "Content-Type, If-None-Match"})
    assert r.status_code == 200
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in r.headers["Access-Control-Allow-Methods"]
    assert {h.strip().lower() for h in r.headers["Access-Control-Allow-Headers"].split(",")} == \
        {"content-type", "if-none-match"}
    assert r.headers["Access-Control-Max-Age"] == "86400"


def test_endpoint_answer_exposes_the_truncation_header(client):
    r = client.post("/sparql", data=SELECT_41.encode(), headers={**ORIGIN, "Content-Type": "application/sparql-query"})
    assert r.get_json()["results"]["bindings"] == [{"d": {"type": "uri", "value": NQ41}}]
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    exposed = {h.strip() for h in r.headers["Access-Control-Expose-Headers"].split(",")}
    assert {"X-LSKG-Truncated", "ETag", "X-LSKG-Graph-Version"} <= exposed


@pytest.mark.parametrize("path, accept", [
    ("/id/legal/tinh-lang-son/2022/nq-41-hdnd", "text/turtle"),
    ("/queries/legal-documents.json", "*/*"),
    ("/queries/legal-documents.csv", "*/*"),
    ("/queries/legal-documents.tsv", "*/*"),
    ("/queries/legal-documents.xml", "*/*"),
    ("/queries.json", "*/*"),
    ("/search.json?q=Hữu Nghị", "*/*"),
])
def test_machine_answers_are_open_to_other_origins(client, path, accept):
    r = client.get(path, headers={**ORIGIN, "Accept": accept})
    assert r.status_code == 200 and r.headers["Access-Control-Allow-Origin"] == "*"
    assert "Origin" not in r.headers.get("Vary", "")  # the same answer for every origin


def test_entity_rdf_for_another_origin_is_the_description(client):
    r = client.get("/id/legal/tinh-lang-son/2022/nq-41-hdnd", headers={**ORIGIN, "Accept": "text/turtle"})
    g = Graph().parse(data=r.data, format="turtle")
    assert Literal("41/NQ-HĐND") in set(g.objects())


def test_html_pages_are_not_opened_to_other_origins(client):
    r = client.get("/queries/legal-documents", headers=ORIGIN)
    assert r.status_code == 200 and "Access-Control-Allow-Origin" not in r.headers


# -- validators ----------------------------------------------------------------------------------

def test_release_version_is_the_etag_and_build_time_the_last_modified(client, app):
    version = summary(app)["graph_version"]
    r = client.get("/queries/legal-documents.json")
    etag, weak = r.get_etag()
    assert not weak and etag.startswith(f"{version}-")
    assert r.last_modified == datetime.fromisoformat(summary(app)["built_at"]).replace(microsecond=0)
    assert r.headers["Cache-Control"] == "public, max-age=600"
    assert client.get("/queries/legal-documents.json").get_etag()[0] == etag  # the same every time


def test_if_none_match_gets_304_without_a_body(client):
    first = client.get("/queries/legal-documents.csv")
    assert "236/QĐ-TTg" in first.get_data(as_text=True)
    again = client.get("/queries/legal-documents.csv", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == first.headers["ETag"]
    stale = client.get("/queries/legal-documents.csv", headers={"If-None-Match": '"another-release-0"'})
    assert stale.status_code == 200 and "236/QĐ-TTg" in stale.get_data(as_text=True)


def test_if_modified_since_the_build_gets_304(client):
    first = client.get("/queries/legal-documents")
    again = client.get("/queries/legal-documents", headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert again.status_code == 304


def test_each_representation_of_one_url_has_its_own_etag(client):
    path = "/id/legal/tinh-lang-son/2022/nq-41-hdnd"
    page = client.get(path, headers={"Accept": "text/html"})
    turtle = client.get(path, headers={"Accept": "text/turtle"})
    assert page.headers["ETag"] != turtle.headers["ETag"]
    assert "Accept" in turtle.headers["Vary"]
    # a Turtle client revalidating gets 304; the page's tag does not validate the Turtle
    assert client.get(path, headers={"Accept": "text/turtle", "If-None-Match": turtle.headers["ETag"]}).status_code == 304
    assert client.get(path, headers={"Accept": "text/turtle", "If-None-Match": page.headers["ETag"]}).status_code == 200
    english = client.get(path + "?lang=en", headers={"Accept": "text/html"})
    assert english.headers["ETag"] != page.headers["ETag"]


def test_endpoint_get_is_conditional_and_post_is_not(client):
    first = client.get("/sparql", query_string={"query": SELECT_41})
    again = client.get("/sparql", query_string={"query": SELECT_41}, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    post = client.post("/sparql", data={"query": SELECT_41})
    assert post.status_code == 200 and "ETag" not in post.headers


def test_failures_and_health_carry_no_validators(client):
    assert "ETag" not in client.get("/queries/nope.json").headers
    assert "ETag" not in client.get("/-/health").headers


# -- compression ---------------------------------------------------------------------------------

def test_the_answer_for_all_triples_is_gzipped(client, app):
    r = client.get("/sparql", query_string={"query": ALL}, headers={"Accept-Encoding": "gzip"})
    assert r.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in r.headers["Vary"]
    body = gzip.decompress(r.data)
    data = json.loads(body)
    assert {"type": "uri", "value": NQ41} in (b["s"] for b in data["results"]["bindings"])
    assert len(r.data) * 10 < len(body)  # RDF terms repeat: far smaller than a tenth
    assert r.headers["ETag"].endswith(':gzip"')
    again = client.get("/sparql", query_string={"query": ALL},
                       headers={"Accept-Encoding": "gzip", "If-None-Match": r.headers["ETag"]})
    assert again.status_code == 304


def test_no_compression_unless_asked(client):
    r = client.get("/queries/legal-documents.csv", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in r.headers and "236/QĐ-TTg" in r.get_data(as_text=True)


# -- cut answers ---------------------------------------------------------------------------------

def test_cut_json_results_say_so_in_the_body(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "LSKG_EXPORT_ROW_CAP", 3)
    data = client.get("/sparql", query_string={"query": ALL}).get_json()
    assert data["truncated"] is True and len(data["results"]["bindings"]) == 3
    assert data["head"]["link"] == ["http://localhost/sparql"] and data["head"]["vars"] == ["o", "p", "s"]
    whole = client.get("/sparql", query_string={"query": SELECT_41}).get_json()
    assert "truncated" not in whole and "link" not in whole["head"]


def test_cut_xml_results_link_the_limit_after_the_variables(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "LSKG_EXPORT_ROW_CAP", 3)
    r = client.get("/sparql", query_string={"query": ALL, "format": "xml"})
    head = ET.fromstring(r.data).find(f"{RESULTS_NS}head")
    assert [child.tag for child in head] == [f"{RESULTS_NS}variable"] * 3 + [f"{RESULTS_NS}link"]
    assert head[-1].attrib == {"href": "http://localhost/sparql"}


def test_cut_graphs_say_so_in_a_comment(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "LSKG_EXPORT_ROW_CAP", 4)
    for fmt, parse in (("turtle", "turtle"), ("ntriples", "nt"), ("rdfxml", "xml")):
        r = client.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": fmt})
        assert "truncated: the first 4 triples of a longer answer" in r.get_data(as_text=True).splitlines()[
            0 if fmt != "rdfxml" else 1]
        assert len(Graph().parse(data=r.data, format=parse)) == 4


def test_service_description_states_the_limit(client):
    r = client.get("/sparql", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=r.data, format="turtle")
    assert set(g.objects(None, LSKG.resultRowLimit)) == {Literal(100_000)}
    comments = {str(c) for c in g.objects(None, Namespace("http://www.w3.org/2000/01/rdf-schema#")["comment"])}
    assert any("at most 100000 rows" in c and "X-LSKG-Truncated" in c for c in comments)


def test_revalidating_a_compressed_copy_gets_304_with_its_tag(client):
    r = client.get("/queries/legal-documents.json", headers={"Accept-Encoding": "br"})
    assert r.headers["Content-Encoding"] == "br" and r.headers["ETag"].endswith(':br"')
    again = client.get("/queries/legal-documents.json",
                       headers={"Accept-Encoding": "br", "If-None-Match": r.headers["ETag"]})
    assert again.status_code == 304 and again.headers["ETag"] == r.headers["ETag"]
    assert "Content-Encoding" not in again.headers
