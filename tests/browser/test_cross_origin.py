"""Scripts on another origin read the endpoint and the machine twins in a real browser (Chromium
enforces CORS): a direct POST of a query (preflighted), the headers the site exposes, a saved
query's JSON. The other origin is a blank page on another port of 127.0.0.1 (a page Playwright
made up would not be on the loopback, and Chromium keeps such pages from loopback addresses)."""

from __future__ import annotations

import json

import pytest

from ..conftest import served

NQ41 = "https://w3id.org/lskg/id/legal/tinh-lang-son/2022/nq-41-hdnd"
QUERY = 'SELECT ?d WHERE { ?d <http://data.europa.eu/eli/ontology#id_local> "41/NQ-HĐND" }'


def _blank_site(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
    return [b"<!doctype html><title>another site</title>"]


@pytest.fixture(scope="module")
def elsewhere():
    with served(_blank_site, threads=1) as url:
        yield url


def test_a_script_elsewhere_posts_a_query_and_reads_the_exposed_headers(page, server, elsewhere):
    page.goto(elsewhere)
    answer = page.evaluate("""async ([endpoint, query]) => {
        const r = await fetch(endpoint, {method: "POST", body: query, headers: {
            "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}});
        return {status: r.status, truncated: r.headers.get("X-LSKG-Truncated"), etag: r.headers.get("ETag"),
                body: await r.json()};
    }""", [f"{server}/sparql", QUERY])
    assert answer["status"] == 200 and answer["truncated"] == "false"
    assert answer["body"]["results"]["bindings"] == [{"d": {"type": "uri", "value": NQ41}}]


def test_a_script_elsewhere_reads_a_saved_query_and_an_etag(page, server, elsewhere):
    page.goto(elsewhere)
    answer = page.evaluate("""async (url) => {
        const r = await fetch(url);
        return {etag: r.headers.get("ETag"), rows: (await r.json()).rows};
    }""", f"{server}/queries/legal-documents.json?_size=50")
    assert answer["etag"] and answer["etag"].startswith('"')
    row = next(row for row in answer["rows"] if row["number"] == "41/NQ-HĐND")
    assert row["date"] == "2022-12-30"


def test_a_page_of_the_site_is_not_readable_elsewhere(page, server, elsewhere):
    page.goto(elsewhere)
    failed = page.evaluate("""async (url) => {
        try { await fetch(url); return false; } catch (e) { return true; }
    }""", f"{server}/queries/legal-documents")
    assert failed  # the browser withholds an HTML page from another origin's script


YASGUI_PAGE = """<!doctype html><title>another site's editor</title>
<link rel="stylesheet" href="{app}/static/vendor/yasgui/yasgui.min.css">
<div id="editor"></div>
<script src="{app}/static/vendor/yasgui/yasgui.min.js"></script>
<script>
  window.yasgui = new Yasgui(document.getElementById("editor"), {{
    requestConfig: {{endpoint: "{app}/sparql", method: "POST"}}, persistenceId: null, populateFromUrl: false,
    yasqe: {{persistenceId: null, value: {query}}}, yasr: {{persistenceId: null}}
  }});
</script>"""


def test_yasgui_on_another_site_queries_the_endpoint(page, server):
    """YASGUI unmodified, on a page of another origin (its bundle from this app), runs a query against
    /sparql (a form POST across origins) and shows the answer in its table."""
    query = ('PREFIX eli: <http://data.europa.eu/eli/ontology#> '
             'SELECT ?number ?date WHERE { ?d eli:id_local ?number ; eli:date_document ?date . '
             'FILTER (?number = "11-NQ/TW") }')
    html = YASGUI_PAGE.format(app=server, query=json.dumps(query)).encode()

    def editor_site(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [html]

    with served(editor_site, threads=1) as elsewhere:
        page.goto(elsewhere)
        page.wait_for_selector(".yasqe .CodeMirror")
        page.click(".yasqe_queryButton")
        row = page.locator(".yasr table tbody tr").first
        row.wait_for(timeout=20000)
        assert "11-NQ/TW" in row.inner_text() and "2022-02-10" in row.inner_text()
        assert page.evaluate("window.location.origin") != server
