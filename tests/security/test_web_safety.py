"""Point 5: every page escapes what it shows, links only to safe places, sends the security
headers, never shows a traceback, and answers 404 for names that do not exist.

The hostile release (conftest) carries markup, quotes and line separators in a source text and in
its catalogue row (title, publisher, author), and `javascript:`/`data:` IRIs linked from the source.
Each page is parsed as HTML: no element or attribute may come from the data, no link may lead to a
script; and the escaped payload must be on the page, so that a page that simply left the data out
does not pass.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

import pytest

from lskg.web import create_app

from .conftest import (DATA_IRI, JS_IRI, QUOTE_IRI, RAW_PAYLOADS, SCRIPT, assert_no_leak, close)

ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
ESCAPED_IMG = "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"
BROWSER = {"Accept": "text/html"}
SAFE_SCHEMES = ("http", "https")


class Page(HTMLParser):
    """Every element and attribute of a page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag

    def links(self) -> list[str]:
        return [attrs[a] or "" for _tag, attrs in self.elements for a in ("href", "src", "action", "formaction")
                if a in attrs]


def assert_safe_html(html: str) -> Page:
    for payload in RAW_PAYLOADS:
        assert payload not in html, f"unescaped {payload!r}"
    page = Page(html)
    for tag, attrs in page.elements:
        assert tag not in ("img", "iframe", "object", "embed", "svg:script", "base"), tag
        assert not [a for a in attrs if a.lower().startswith("on")], (tag, attrs)
        if tag == "script":
            assert (attrs.get("src") or "").startswith("/static/"), attrs  # no inline script at all
    for link in page.links():
        target = link.strip()
        scheme = urlsplit(target).scheme.lower()
        assert scheme in SAFE_SCHEMES or (not scheme and (target.startswith(("/", "#", "?")) or target == "")), link
    return page


def hostile_pages(h) -> list[str]:
    source = h.source_iri
    select_source = f"SELECT ?p ?o WHERE {{ <{source}> ?p ?o }}"
    labels = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?s ?l WHERE { ?s skos:prefLabel ?l }"
    describe = f"CONSTRUCT {{ <{source}> ?p ?o }} WHERE {{ <{source}> ?p ?o }}"
    return [
        "/", f"/sources/{h.key}", f"/sources/{h.key}?lang=en", f"/id/source/{h.key}", f"/id/source/{h.key}?lang=en",
        "/search?q=" + quote("đặc biệt"), "/search?q=" + quote(SCRIPT), "/search?q=" + quote('"><img src=x>'),
        "/search?q=b%C3%A1o+c%C3%A1o&lang=en",
        "/queries", "/queries/sources", "/queries/sources?lang=en",
        "/queries/typed-string?number=" + quote(SCRIPT), "/queries/typed-iri?doc=" + quote('"><img src=x>'),
        "/sparql?format=html&query=" + quote(select_source), "/sparql?format=html&query=" + quote(labels),
        "/sparql?format=html&query=" + quote(describe),
        "/sparql?format=html&query=" + quote(f"SELECT * WHERE {{ {SCRIPT} }}"),
        "/sparql?format=html&example=" + quote(SCRIPT), "/validation", "/validation?severity=Warning",
    ]


def test_hostile_data_is_escaped_on_every_page(hostile, hostile_client):
    shown = {}
    for path in hostile_pages(hostile):
        r = hostile_client.get(path, headers=BROWSER)
        assert r.status_code in (200, 400), (path, r.status_code)
        html = r.get_data(as_text=True)
        assert r.mimetype == "text/html"
        assert_safe_html(html)
        shown[path] = html
    # the payload was really on the pages that show the source, escaped
    for path in (f"/sources/{hostile.key}", f"/id/source/{hostile.key}", "/search?q=" + quote("đặc biệt"),
                 "/queries/sources", "/sparql?format=html&query=" + quote(
                     f"SELECT ?p ?o WHERE {{ <{hostile.source_iri}> ?p ?o }}")):
        assert ESCAPED_SCRIPT in shown[path], path
    assert ESCAPED_IMG in shown[f"/sources/{hostile.key}"]  # from the text
    assert "&lt;b&gt;NXB&lt;/b&gt;" in shown[f"/sources/{hostile.key}"]  # the publisher


def test_javascript_and_data_iris_are_never_links(hostile, hostile_client):
    for path in (f"/id/source/{hostile.key}", "/queries/sources", "/sparql?format=html&query=" + quote(
            f"SELECT ?o WHERE {{ <{hostile.source_iri}> ?p ?o FILTER(isIRI(?o)) }}")):
        html = hostile_client.get(path, headers=BROWSER).get_data(as_text=True)
        page = assert_safe_html(html)
        assert not [link for link in page.links() if link.lower().startswith(("javascript", "data", "vbscript"))]
        # they are shown, as text: a reader can see them, not follow them
        assert "javascript:alert(1)" in html.replace("&#39;", "'") or "JAVASCRIPT:ALERT(1)" in html
        # the quote escaped in any of HTML's forms (markupsafe writes &#39;, html.escape &#x27;)
        assert any(QUOTE_IRI.replace("'", form) in html for form in ("&#39;", "&#x27;", "%27"))
    html = hostile_client.get(f"/id/source/{hostile.key}", headers=BROWSER).get_data(as_text=True)
    assert DATA_IRI not in Page(html).links() and f'href="{QUOTE_IRI}"' not in html


def test_site_href_refuses_every_unsafe_scheme(hostile_app):
    site = hostile_app.extensions["lskg"]
    for iri in (JS_IRI, JS_IRI.upper(), " javascript:alert(1)", "\tjavascript:x", DATA_IRI, "vbscript:x",
                "file:///etc/passwd", "jAvAsCrIpT:alert(1)", "//evil.example/x", "mailto:x@example.org"):
        assert site.href(iri) is None, iri
    assert site.href("https://example.org/a") == "https://example.org/a"


def test_json_answers_are_json_with_nosniff(hostile, hostile_client):
    for path in ("/search.json?q=" + quote("đặc biệt"), "/queries/sources.json", "/queries.json",
                 f"/id/source/{hostile.key}?format=jsonld"):
        r = hostile_client.get(path)
        assert r.status_code == 200 and "json" in r.mimetype, path
        json.loads(r.get_data(as_text=True))
        assert r.headers["X-Content-Type-Options"] == "nosniff"
    hits = hostile_client.get("/search.json?q=" + quote("đặc biệt")).get_json()
    assert hits and all(h["href"] is None or h["href"].startswith("/") for h in hits)


# -- headers ---------------------------------------------------------------------------------------

def test_every_response_has_the_security_headers(app, client, hostile):
    paths = ["/", "/-/health", "/queries", "/queries.json", "/queries/projects", "/queries/projects.csv",
             "/queries/projects.json", "/sparql", "/sparql?query=ASK%7B%7D", "/sparql?query=ASK%7B%7D&format=xml",
             "/sparql?format=html", "/search?q=a", "/search.json?q=ab", "/id/place/tinh-lang-son",
             "/id/place/tinh-lang-son?format=turtle", "/validation", "/static/lskg.css", "/static/sparql.js",
             "/nope", "/id/nope", "/queries/indicator-series?indicator=x", "/sparql?query=DROP%20ALL",
             "/sparql?query=SELECT"]
    responses = [client.get(p) for p in paths]
    responses += [client.put("/"), client.post("/sparql", data=b"x", content_type="text/plain"),
                  client.post("/sparql", data=b"#" * (2 * 1024 * 1024), content_type="application/sparql-query")]
    for r in responses:
        csp = r.headers.get("Content-Security-Policy", "")
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "object-src 'none'" in csp, r
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert r.headers.get("X-Content-Type-Options") == "nosniff", r
        assert r.headers.get("X-Frame-Options") == "DENY", r


# -- error pages -----------------------------------------------------------------------------------

@pytest.mark.parametrize("path, status", [
    ("/nope", 404), ("/id/nope/nothing", 404), ("/queries/nope", 404), ("/sources/0123456789abcdef", 404),
    ("/id/place/tinh-lang-son?format=pdf", 400), ("/queries/indicator-series?indicator=x", 400),
    ("/queries/indicator-series.json?indicator=x", 400), ("/nope.json", 404),
])
def test_error_pages_are_short_and_leak_nothing(client, path, status):
    for headers in ({}, BROWSER, {"Accept": "application/json"}):
        r = client.get(path, headers=headers)
        assert r.status_code == status
        assert_no_leak(r.get_data(as_text=True))


def test_405_413_415_leak_nothing(client):
    for r in (client.put("/"), client.delete("/sparql"), client.patch("/id/place/tinh-lang-son"),
              client.post("/sparql", data=b"#" * (2 * 1024 * 1024), content_type="application/sparql-query"),
              client.post("/sparql", data=b"x", content_type="application/json")):
        assert r.status_code in (405, 413, 415)
        assert_no_leak(r.get_data(as_text=True))


def test_a_crash_is_a_500_page_without_a_traceback(app, client, monkeypatch):
    def crash(*_args, **_kwargs):
        raise RuntimeError('File "/work/main/src/lskg/secret.py", line 1: rdflib pyoxigraph flask werkzeug')

    assert not app.debug and not app.config.get("PROPAGATE_EXCEPTIONS")
    monkeypatch.setitem(app.view_functions, "pages.home", crash)
    monkeypatch.setitem(app.view_functions, "queries_view.catalogue_json", crash)
    monkeypatch.setitem(app.view_functions, "sparql.endpoint", crash)
    for path, headers in (("/", BROWSER), ("/", {"Accept": "application/json"}), ("/queries.json", {}),
                          ("/sparql?query=ASK%7B%7D", {})):
        r = client.get(path, headers=headers)
        assert r.status_code == 500
        body = r.get_data(as_text=True)
        assert_no_leak(body)
        assert "secret" not in body and "RuntimeError" not in body
        assert r.headers["X-Content-Type-Options"] == "nosniff"


def test_debug_is_never_on(build_result, monkeypatch):
    monkeypatch.setenv("FLASK_DEBUG", "1")
    monkeypatch.setenv("FLASK_ENV", "development")
    app = create_app({"LSKG_BUILD_DIR": str(build_result.release.parent.parent), "DEBUG": True,
                      "LSKG_ISOLATE_QUERIES": "0"})
    try:
        assert app.debug is False and app.config["DEBUG"] is False

        def crash():
            raise RuntimeError("Traceback: boom")

        app.view_functions["pages.home"] = crash
        r = app.test_client().get("/")
        assert r.status_code == 500 and "Werkzeug Debugger" not in r.get_data(as_text=True)
        assert_no_leak(r.get_data(as_text=True))
    finally:
        close(app)


# -- names that do not exist -----------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/queries/../../etc/passwd", "/queries/..%2F..%2Fetc%2Fpasswd", "/queries/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/queries/..%252F..%252Fetc%252Fpasswd", "/queries/%2E%2E", "/queries/..", "/queries/projects%00",
    "/queries/projects%00.json", "/queries/x%00", "/queries/%00", "/queries/projects.rq", "/queries/PROJECTS",
    "/queries/projects%2Erq", "/queries/%ED%A0%80", "/queries/projects.json%00", "/queries/.json",
    "/sources/../../etc/passwd", "/sources/..%2F..%2Fetc%2Fpasswd", "/sources/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/sources/0123456789ABCDEF", "/sources/0123456789abcdef", "/sources/0123456789abcdef%00",
    "/sources/%00", "/sources/%ED%A0%80", "/sources/0123456789abcdef0", "/static/..%2F..%2Fpyproject.toml",
    "/static/../../pyproject.toml", "/static/%2e%2e/%2e%2e/pyproject.toml", "/id/../../etc/passwd",
    "/id/..%2F..%2Fetc%2Fpasswd", "/id/%00", "/def/..%2F..%2Fetc%2Fpasswd",
    "/resource?iri=file:///etc/passwd", "/resource?iri=https://w3id.org/lskg/../../etc/passwd",
])
def test_names_that_do_not_exist_are_404(client, path):
    for suffix in ("", ".json") if path.startswith("/queries/") and not path.endswith(".json") else ("",):
        r = client.get(path + suffix)
        assert r.status_code == 404, (path + suffix, r.status_code)
        body = r.get_data(as_text=True)
        assert "root:" not in body and "[project]" not in body
        assert_no_leak(body)


def test_an_example_name_is_only_a_catalogue_key(client):
    for name in ("../../etc/passwd", "/etc/passwd", "..%2F..%2Fetc%2Fpasswd", "projects/../../../etc/passwd"):
        r = client.get("/sparql", query_string={"example": name}, headers=BROWSER)
        assert r.status_code == 200 and "root:" not in r.get_data(as_text=True)
        assert re.search(r'<textarea[^>]*></textarea>', r.get_data(as_text=True))


# -- the Host header -------------------------------------------------------------------------------

def test_trusted_hosts_refuse_any_other_host(build_result, monkeypatch):
    """With LSKG_TRUSTED_HOSTS set, a request naming another host is 400 before any view runs, so
    a forged Host never reaches the service description or the editor's examples."""
    monkeypatch.setenv("LSKG_TRUSTED_HOSTS", " lskg.example.org, .data.example.net ,")
    app = create_app({"LSKG_BUILD_DIR": str(build_result.release.parent.parent), "LSKG_ISOLATE_QUERIES": "0"})
    try:
        assert app.config["LSKG_TRUSTED_HOSTS"] == ["lskg.example.org", ".data.example.net"]
        client = app.test_client()
        for host in ("lskg.example.org", "data.example.net", "kg.data.example.net"):
            r = client.get("/sparql", base_url=f"http://{host}/", headers={"Accept": "text/turtle"})
            assert r.status_code == 200 and f"<http://{host}/sparql>" in r.get_data(as_text=True), host
        for host in ("evil.example", "lskg.example.org.evil.example", "xlskg.example.org", "localhost", "127.0.0.1",
                     "lskg.example.org:8080", "kg.data.example.net:1"):
            for path, headers in (("/", BROWSER), ("/sparql", {"Accept": "text/turtle"}), ("/-/health", {}),
                                  ("/sparql?query=ASK%7B%7D", {"Accept": "application/json"})):
                r = client.get(path, base_url=f"http://{host}/", headers=headers)
                body = r.get_data(as_text=True)
                assert r.status_code == 400, (host, path, r.status_code)
                assert host not in body and "example.org" not in body
                assert_no_leak(body)
                assert r.headers["X-Content-Type-Options"] == "nosniff"
    finally:
        close(app)


def test_without_trusted_hosts_any_host_is_served(build_result, monkeypatch):
    """Unset (the default, for local use): every Host is accepted and shows in the service
    description; SECURITY.md tells deployments to set LSKG_TRUSTED_HOSTS."""
    monkeypatch.delenv("LSKG_TRUSTED_HOSTS", raising=False)
    app = create_app({"LSKG_BUILD_DIR": str(build_result.release.parent.parent), "LSKG_ISOLATE_QUERIES": "0"})
    try:
        assert app.config["LSKG_TRUSTED_HOSTS"] is None
        r = app.test_client().get("/sparql", base_url="http://evil.example/", headers={"Accept": "text/turtle"})
        assert r.status_code == 200 and "<http://evil.example/sparql>" in r.get_data(as_text=True)
    finally:
        close(app)


def test_trusted_hosts_are_matched_without_case_and_with_their_port(build_result, monkeypatch):
    """A host name is case-insensitive; a port is accepted only where the list names it, so no other
    port reaches the service description."""
    monkeypatch.setenv("LSKG_TRUSTED_HOSTS", "LSKG.example.org,lskg.example.org:8443,[::1]:5000")
    app = create_app({"LSKG_BUILD_DIR": str(build_result.release.parent.parent), "LSKG_ISOLATE_QUERIES": "0"})
    try:
        client = app.test_client()
        for host in ("lskg.example.org", "LSKG.Example.ORG", "lskg.example.org:8443", "[::1]:5000"):
            r = client.get("/sparql", base_url=f"http://{host}/", headers={"Accept": "text/turtle"})
            assert r.status_code == 200, host
        for host in ("lskg.example.org:8080", "lskg.example.org:80", "LSKG.example.org:1", "[::1]", "[::1]:5001"):
            r = client.get("/sparql", base_url=f"http://{host}/", headers={"Accept": "text/turtle"})
            assert r.status_code == 400 and host.lower() not in r.get_data(as_text=True).lower(), host
    finally:
        close(app)


@pytest.mark.parametrize("trusted", ["", "lskg.example.org"])
def test_a_redirect_never_names_the_clients_host(build_result, monkeypatch, trusted):
    """Werkzeug's redirect for merged slashes was an absolute URL built from the Host header."""
    monkeypatch.setenv("LSKG_TRUSTED_HOSTS", trusted)
    app = create_app({"LSKG_BUILD_DIR": str(build_result.release.parent.parent), "LSKG_ISOLATE_QUERIES": "0"})
    try:
        client = app.test_client()
        host = "lskg.example.org" if trusted else "evil.example"
        for path in ("/static//lskg.css", "//static/lskg.css", "/sparql//", "/queries//"):
            r = client.get(path, base_url=f"http://{host}/")
            if 300 <= r.status_code < 400:
                location = r.headers["Location"]
                assert location.startswith("/") and not location.startswith("//"), (path, location)
                assert host not in location
                assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert 300 <= client.get("/static//lskg.css", base_url=f"http://{host}/").status_code < 400
    finally:
        close(app)


@pytest.mark.parametrize("query", ["SELECT (<urn:x>(1) AS ?x) {}", "ASK { FILTER(<urn:x>()) }"])
def test_an_engine_failure_names_no_exception_class(client, query):
    for headers in ({}, BROWSER, {"Accept": "application/json"}):
        r = client.get("/sparql", query_string={"query": query}, headers=headers)
        body = r.get_data(as_text=True)
        assert r.status_code in (400, 503), r.status_code
        assert_no_leak(body)
        assert not re.search(r"\b[A-Z]\w*(Error|Exception)\b", body), body[:300]
