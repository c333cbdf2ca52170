"""Point 6: text is normalised on the way in, and odd text never breaks anything.

NFC at ingest and on every search and parameter input; control characters stripped at ingest; a
lone surrogate (as %ED%A0%80 in a URL, as \\uD800 in a query or a form), 10 000 combining marks or a
5000-digit number never cause a 5xx or a failed build; JSON, XML, CSV and TSV results stay
well-formed with such data in the graph (the hostile release has them all).
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest
from rdflib import Graph

from lskg.sources import catalogue_value, read_source
from lskg.text.spoofing import spreadsheet_cell
from lskg.web import create_app
from lskg.text.normalise import normalise_query, normalise_text

from .conftest import (COMBINING, CONTROL, FIXTURE_TEXT, HOSTILE_TITLE, LONG_NUMBER, SCRIPT, TEST_QUERIES, close,
                       tiny_build, write_corpus)

LSKG_TEXT = "https://w3id.org/lskg/def#text"
SURROGATE_URL = "%ED%A0%80"


def source_text(client, iri: str) -> str:
    query = f"SELECT ?t WHERE {{ <{iri}> <{LSKG_TEXT}> ?t }}"
    return client.get("/sparql", query_string={"query": query, "format": "json"}).get_json()[
        "results"]["bindings"][0]["t"]["value"]


# -- at ingest -------------------------------------------------------------------------------------

def test_the_hostile_corpus_builds(hostile):
    assert hostile.result.summary["quads"] > 1000
    assert (hostile.build_dir / "current").resolve() == hostile.result.release.resolve()


def test_ingested_text_is_nfc_without_controls(hostile, hostile_client):
    text = source_text(hostile_client, hostile.source_iri)
    assert unicodedata.is_normalized("NFC", text)
    assert "Tỉnh Lạng Sơn (viết tổ hợp NFD)" in text  # the NFD spelling, composed
    assert not any(c in text for c in "\x01\x07\x1b\x7f\x85")
    assert "[31m đỏ" in text  # the escape sequence lost its ESC, the rest is text
    assert SCRIPT in text and LONG_NUMBER in text and "\u2028" in text  # kept as data, not dropped
    assert unicodedata.normalize("NFC", COMBINING) in text


def test_catalogue_fields_are_normalised_and_on_one_line(hostile, hostile_client):
    query = f"SELECT ?t WHERE {{ <{hostile.source_iri}> <http://purl.org/dc/terms/title> ?t }}"
    titles = [b["t"]["value"] for b in hostile_client.get(
        "/sparql", query_string={"query": query, "format": "json"}).get_json()["results"]["bindings"]]
    assert titles == [" ".join(HOSTILE_TITLE.split())]
    assert "\n" not in titles[0] and "\u2028" not in titles[0] and SCRIPT in titles[0]


def test_normalise_text_strips_controls_and_surrogates():
    assert normalise_text("a\x00b\x1bc\x7fd\x9fe\ud800f\r\ng\rh") == "abcde\ufffdf\ng\nh"
    assert normalise_text(unicodedata.normalize("NFD", "Hữu Nghị")) == "Hữu Nghị"
    assert normalise_query("  \u0110ồng\u00a0 ") == "Đồng"


def test_a_lone_surrogate_in_a_file_is_a_utf8_error(tmp_path):
    path = tmp_path / "s.txt"
    path.write_bytes(b"Lang Son \xed\xa0\x80 tail")
    with pytest.raises(Exception, match=r"s\.txt: not valid UTF-8 at byte offset 9"):
        read_source(path)


# -- searches and parameters -----------------------------------------------------------------------

@pytest.mark.parametrize("word", ["Hữu Nghị", "Lạng Sơn", "HĐND tỉnh", "Đồng Đăng", "hoà"])
def test_nfd_search_finds_what_nfc_finds(client, word):
    nfc = client.get("/search.json", query_string={"q": word}).get_json()
    nfd = client.get("/search.json", query_string={"q": unicodedata.normalize("NFD", word)}).get_json()
    assert nfd == nfc
    page_nfc = client.get("/search", query_string={"q": word}).get_data(as_text=True)
    page_nfd = client.get("/search", query_string={"q": unicodedata.normalize("NFD", word)}).get_data(as_text=True)
    assert page_nfc.count("<li>") == page_nfd.count("<li>")


ODD_URLS = [
    f"/search?q={SURROGATE_URL}", f"/search.json?q={SURROGATE_URL}", f"/search?q=a{SURROGATE_URL}b%ED%BF%BF",
    f"/id/{SURROGATE_URL}", f"/id/place/{SURROGATE_URL}?format=turtle", f"/def/{SURROGATE_URL}",
    f"/resource?iri=https://w3id.org/lskg/{SURROGATE_URL}", f"/sources/{SURROGATE_URL}",
    f"/queries/{SURROGATE_URL}", f"/queries/indicator-series?indicator={SURROGATE_URL}",
    f"/queries/indicator-series.json?indicator=ind:{SURROGATE_URL}", f"/queries/projects?lang={SURROGATE_URL}",
    f"/sparql?query=SELECT%20(%22{SURROGATE_URL}%22%20AS%20%3Fx)%20%7B%7D",
    f"/sparql?query=ASK%7B%7D&format={SURROGATE_URL}", f"/sparql?example={SURROGATE_URL}",
    f"/validation?severity={SURROGATE_URL}", f"/?lang={SURROGATE_URL}",
    "/search?q=" + quote(COMBINING), "/search.json?q=" + quote(COMBINING), "/search?q=" + LONG_NUMBER,
    "/id/" + quote(COMBINING), "/id/" + LONG_NUMBER, "/sources/" + LONG_NUMBER,
    "/queries/indicator-series?indicator=ind:" + quote(COMBINING),
    "/queries/indicator-series.csv?indicator=" + LONG_NUMBER,
    "/search?q=%00%01%1B", "/id/a%00b", "/id/a%25zz", "/id/a%5Bb%5D", "/id/a%EF%BF%BEb",
    "/resource?iri=https://w3id.org/lskg/def%23a%23b",
]


@pytest.mark.parametrize("path", ODD_URLS)
def test_odd_input_never_causes_a_5xx(client, path):
    r = client.get(path)
    assert r.status_code < 500, (path, r.status_code)


@pytest.mark.parametrize("query", [
    'SELECT ("\\uD800" AS ?x) WHERE {}', 'SELECT ("\\uDBFF\\uDFFF" AS ?x) WHERE {}', 'ASK { FILTER("\\uDC00" = "") }',
    'SELECT ("a\\u0000b" AS ?x) WHERE {}', 'SELECT ("\\u0001" AS ?x) WHERE {}', 'SELECT (<http://a/\\uD800> AS ?x) {}',
])
def test_escaped_surrogates_and_controls_are_400(client, query):
    for r in (client.get("/sparql", query_string={"query": query}),
              client.post("/sparql", data={"query": query, "format": "html"}),
              client.post("/sparql", data=query.encode(), content_type="application/sparql-query")):
        assert r.status_code == 400, (query, r.status_code)
        assert "U+" in r.get_data(as_text=True)


@pytest.mark.parametrize("body, content_type", [
    (b"query=SELECT%20(%22%ED%A0%80%22%20AS%20%3Fx)%20%7B%7D", "application/x-www-form-urlencoded"),
    (b"query=SELECT%20(%22\xed\xa0\x80%22%20AS%20%3Fx)%20%7B%7D", "application/x-www-form-urlencoded"),
    ('SELECT ("x" AS ?x) {}'.encode() + b"\xed\xa0\x80", "application/sparql-query"),
    (b"\xff\xfe", "application/sparql-query"),
    (json.dumps({"query": 'SELECT ("\ud800" AS ?x) {}'}).encode(), "application/json"),
    ('{"query": "SELECT (\\"\\ud800\\" AS ?x) {}"}'.encode(), "application/json"),
])
def test_a_surrogate_in_a_post_is_never_a_5xx(client, body, content_type):
    r = client.post("/sparql", data=body, content_type=content_type)
    assert r.status_code < 500


@pytest.mark.parametrize("literal", [
    '"' + "a" + "\\u0301" * 3000 + '"', '"' + COMBINING + '"', '"' + LONG_NUMBER + '"',
    LONG_NUMBER[:4900], LONG_NUMBER[:4900] + ".5",
    LONG_NUMBER[:4900] + "e0",
])
def test_huge_literals_in_a_query_are_answered(client, literal):
    query = f"SELECT ?x WHERE {{ BIND({literal} AS ?x) }}"
    for fmt in ("json", "xml", "csv", "tsv", "html"):
        r = client.get("/sparql", query_string={"query": query, "format": fmt})
        assert r.status_code == 200, (fmt, r.status_code, r.get_data(as_text=True)[:200])


def test_long_and_odd_parameters_never_5xx(client):
    for value in (COMBINING, LONG_NUMBER, SURROGATE_URL, "a\x00b", CONTROL, "ind:" + "\u0301" * 400):
        for suffix in ("", ".json", ".csv"):
            r = client.get(f"/queries/indicator-series{suffix}", query_string={"indicator": value})
            assert r.status_code in (200, 400), (value[:20], suffix, r.status_code)
            if r.status_code == 200 and suffix == ".json":  # a well-formed IRI that names nothing
                assert r.get_json()["rows"] == []


# -- results stay well-formed ----------------------------------------------------------------------

EVERYTHING = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


def test_results_parse_in_every_format_with_hostile_data(hostile, hostile_client, hostile_app, monkeypatch):
    monkeypatch.setitem(hostile_app.config, "LSKG_EXPORT_ROW_CAP", 1_000_000)
    text = source_text(hostile_client, hostile.source_iri)
    about = f"SELECT ?p ?o WHERE {{ <{hostile.source_iri}> ?p ?o }}"

    r = hostile_client.get("/sparql", query_string={"query": about, "format": "json"})
    values = {b["o"]["value"] for b in json.loads(r.data)["results"]["bindings"]}
    assert text in values and any(SCRIPT in v for v in values)

    r = hostile_client.get("/sparql", query_string={"query": about, "format": "xml"})
    ns = "{http://www.w3.org/2005/sparql-results#}"
    values = {e.text for e in ET.fromstring(r.data).iter(ns + "literal")}
    assert text in values

    r = hostile_client.get("/sparql", query_string={"query": about, "format": "csv"})
    rows = list(csv.reader(io.StringIO(r.get_data(as_text=True), newline="")))
    assert rows[0] == ["p", "o"] and text in {row[1] for row in rows[1:]}

    r = hostile_client.get("/sparql", query_string={"query": about, "format": "tsv"})
    assert r.status_code == 200 and r.get_data(as_text=True).startswith("?p\t?o")

    r = hostile_client.get("/sparql", query_string={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                                                     "format": "json"})
    total = int(r.get_json()["results"]["bindings"][0]["n"]["value"])
    for fmt in ("json", "xml", "csv", "tsv"):
        r = hostile_client.get("/sparql", query_string={"query": EVERYTHING, "format": fmt})
        assert r.status_code == 200 and r.headers["X-LSKG-Truncated"] == "false"
        body = r.get_data(as_text=True)
        if fmt == "json":
            n = len(json.loads(body)["results"]["bindings"])
        elif fmt == "xml":
            n = len(list(ET.fromstring(r.data).iter(ns + "result")))
        elif fmt == "csv":
            n = len(list(csv.reader(io.StringIO(body, newline="")))) - 1
        else:  # TSV: one line per row, literals with their line breaks escaped
            n = len(body.split("\n")) - 2
        assert n == total, fmt


@pytest.mark.parametrize("fmt, parser", [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld"),
                                         ("rdfxml", "xml")])
def test_graph_results_parse_with_hostile_data(hostile, hostile_client, fmt, parser):
    text = source_text(hostile_client, hostile.source_iri)
    query = f"CONSTRUCT {{ <{hostile.source_iri}> ?p ?o }} WHERE {{ <{hostile.source_iri}> ?p ?o }}"
    r = hostile_client.get("/sparql", query_string={"query": query, "format": fmt})
    assert r.status_code == 200
    g = Graph().parse(data=r.data, format=parser)
    assert text in {str(o) for o in g.objects()}
    r = hostile_client.get(f"/id/source/{hostile.key}", query_string={"format": fmt if fmt != "rdfxml" else "turtle"})
    assert r.status_code == 200


def test_saved_query_twins_parse_with_hostile_data(hostile_client):
    r = hostile_client.get("/queries/sources.json")
    data = json.loads(r.get_data(as_text=True))
    assert any(SCRIPT in row["title"] for row in data["rows"])
    r = hostile_client.get("/queries/sources.csv")
    rows = list(csv.reader(io.StringIO(r.get_data(as_text=True), newline="")))
    assert rows[0] == data["columns"] and len(rows) - 1 == len(data["rows"])
    assert {tuple(row[c] or "" for c in data["columns"]) for row in data["rows"]} == {tuple(row) for row in rows[1:]}


@pytest.mark.parametrize("query", [
    'SELECT * WHERE { ?s ?p "\\U00110000" }',
    'SELECT * WHERE { ?s ?p "\\UFFFFFFFF" }',
    'SELECT * WHERE { ?s ?p "\\u005CU00110000" }',  # an escape that expands to one
])
def test_an_escape_above_the_last_code_point_is_400(client, query):
    for r in (client.get("/sparql", query_string={"query": query}),
              client.post("/sparql", data={"query": query}),
              client.post("/sparql", data={"query": query, "format": "html"}),
              client.post("/sparql", data=query.encode(), content_type="application/sparql-query")):
        assert r.status_code == 400, (query, r.status_code)
        assert "U+10FFFF" in r.get_data(as_text=True) or "another" in r.get_data(as_text=True)


@pytest.mark.parametrize("body", [
    b"query=ASK%20%7B%7D&x=\xff",  # a raw byte that is no UTF-8: Werkzeug drops the whole form
    b"query=ASK%20%7B%7D\xff",
    b"query=ASK%20%7B%7D&x=%FF",  # a %-escape that decodes to no UTF-8
    b"query=SELECT%20(%22%ED%A0%80%22%20AS%20%3Fx)%20%7B%7D",
])
def test_a_form_that_is_not_utf8_is_400_not_dropped(client, body):
    for accept in ("text/plain", "application/json", "text/html"):
        r = client.post("/sparql", data=body, content_type="application/x-www-form-urlencoded",
                        headers={"Accept": accept})
        assert r.status_code == 400, (body, accept, r.status_code)
        assert "UTF-8" in r.get_data(as_text=True)


# -- spreadsheet formulas and invisible characters -------------------------------------------------

FORMULA_TITLE = '=HYPERLINK("https://evil.example/?x","Báo cáo")\u202e fdp.exe\u200b'
INVISIBLE = "\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"


@pytest.fixture(scope="module")
def spoofed(tmp_path_factory):
    """A release whose catalogue row is made of formulas and invisible characters, and whose text
    has a right-to-left override and a zero-width space in it."""
    base = tmp_path_factory.mktemp("spoofed")
    text = FIXTURE_TEXT.read_text(encoding="utf-8") + "\n\nGhi chú \u202eđảo chiều\u202c và\u200bẩn.\n"
    src = write_corpus(base / "src", text, title=FORMULA_TITLE, publisher="@SUM(1+1)\u2066",
                       author="+cmd|' /C calc'!A0")
    result = tiny_build(src, base / "out")
    app = create_app({"LSKG_BUILD_DIR": str(base / "out"), "LSKG_QUERIES_DIR": str(TEST_QUERIES),
                      "LSKG_ISOLATE_QUERIES": "0"})
    yield app.test_client(), result.summary["sources"][0]["key"]
    close(app)


def test_catalogue_fields_lose_bidi_and_zero_width_characters(spoofed):
    client, _key = spoofed
    rows = client.get("/queries/sources.json").get_json()["rows"]
    assert [(r["title"], r["publisher"]) for r in rows] == [
        ('=HYPERLINK("https://evil.example/?x","Báo cáo") fdp.exe', "@SUM(1+1)")]
    assert catalogue_value("a\u202eb\u200bc\ufeff") == "abc"


def test_csv_downloads_never_start_a_formula(spoofed):
    """A cell a spreadsheet would run as a formula gets a leading quote, in the saved queries' CSV
    and in /sparql's; numbers are left as they are."""
    client, _key = spoofed
    sparql = client.get("/sparql", query_string={"format": "csv", "query": (
        "PREFIX dct: <http://purl.org/dc/terms/> SELECT ?title ?publisher ?creator ?n ?m "
        "WHERE { ?s dct:title ?title ; dct:publisher ?publisher ; dct:creator ?creator . "
        "BIND(-5 AS ?n) BIND(\"-1+2\" AS ?m) }")})
    saved = client.get("/queries/sources.csv")
    for r in (sparql, saved):
        assert r.status_code == 200
        rows = list(csv.reader(io.StringIO(r.get_data(as_text=True))))
        cells = [cell for row in rows[1:] for cell in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or c.startswith("-") and c != "-5"]
        assert "'" + '=HYPERLINK("https://evil.example/?x","Báo cáo") fdp.exe' in cells
        assert "'@SUM(1+1)" in cells and "'+cmd|' /C calc'!A0" in cells
    sparql_cells = list(csv.reader(io.StringIO(sparql.get_data(as_text=True))))[1]
    assert sparql_cells[3:] == ["-5", "'-1+2"]
    assert spreadsheet_cell("+1.5e3") == "+1.5e3" and spreadsheet_cell("-") == "'-"


def test_pages_show_invisible_characters_as_replacement_characters(spoofed):
    """Bidi controls and zero-width characters from a source never reach a page raw (they would
    reorder or hide what is shown); each shows as U+FFFD, so the text keeps its length."""
    client, key = spoofed
    pages = {path: client.get(path, headers={"Accept": "text/html"}) for path in (
        "/", f"/sources/{key}", "/queries/sources", "/search?q=%C4%91%E1%BA%A3o",
        "/sparql?query=" + quote('SELECT ("a\u202eb\u200bc" AS ?x) {}'))}
    for path, r in pages.items():
        body = r.get_data(as_text=True)
        assert r.status_code == 200, path
        assert not [c for c in body if c in INVISIBLE], path
    source = pages[f"/sources/{key}"].get_data(as_text=True)
    assert "\ufffdđảo chiều\ufffd và\ufffdẩn" in source
    assert "a\ufffdb\ufffdc" in pages["/sparql?query=" + quote('SELECT ("a\u202eb\u200bc" AS ?x) {}')].get_data(
        as_text=True)
    for hit in client.get("/search.json", query_string={"q": "đảo"}).get_json():
        assert not [c for c in hit["label"] + hit["matched"] if c in INVISIBLE]
