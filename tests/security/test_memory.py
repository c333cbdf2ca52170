"""Point 3: what the web process holds for a request, and in its caches, is bounded in bytes.

A 759-character query can make 200 rows of 256 KiB IRIs (a few doubling CONCATs); drawn as an HTML
table, three such answers took the served process from 87 MB to 2.5 GB, never given back (the
term cache and the site memo counted entries, not bytes). Here the served app (`lskg serve`, in
its own process, as deployed) gets such answers again and again, and answers that just fit,
and its resident memory is read from /proc.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

import pytest

from lskg.store.base import TERM_CACHE_BYTES, ResultTooLarge, Term, _term
from lskg.store.results import _CONVERTED, to_term
from lskg.store.sized import SizedLRU, SizedMemo, cached
from lskg.web.context import MEMO_BYTES

from .conftest import lskg_serve

HTML_MAX_CHARS = 1_000_000  # the default LSKG_HTML_MAX_CHARS
# the web process's resident memory may grow by this much over its size after one small query:
# the caches' budgets it can fill from /sparql (terms 32 MiB, the site memo 16 MiB), one page in
# flight (a table of up to 1 M characters of terms is some 10 MB of HTML) and the allocator's
# fragmentation around what the caches keep (measured: up to 160 MB over 200 such answers)
RSS_GROWTH_BOUND_MB = 200


def doubling_query(nonce: str, doublings: int, rows: tuple[int, int] = (10, 20)) -> str:
    """rows[0] × rows[1] rows, each a distinct IRI of about 2**doublings × len(nonce) characters."""
    a = " ".join(map(str, range(rows[0])))
    b = " ".join(map(str, range(rows[1])))
    binds = "".join(f"BIND(CONCAT(?s{i}, ?s{i}) AS ?s{i + 1}) " for i in range(doublings))
    return (f'SELECT ?x WHERE {{ VALUES ?a {{ {a} }} VALUES ?b {{ {b} }} BIND("{nonce}" AS ?s0) {binds}'
            f'BIND(IRI(CONCAT("http://example.org/", ?s{doublings}, STR(?a), "-", STR(?b))) AS ?x) }}')


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def post(base: str, query: str) -> tuple[int, str]:
    data = urllib.parse.urlencode({"query": query, "format": "html"}).encode()
    try:
        with urllib.request.urlopen(urllib.request.Request(f"{base}/sparql", data=data), timeout=120) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


@pytest.fixture()
def served_process(build_result, tmp_path):
    """`lskg serve` over the session's build, in its own process; yields (base URL, pid)."""
    with lskg_serve(build_result.release.parent.parent, tmp_path / "serve.log", LSKG_THREADS="4") as (port, proc):
        yield f"http://127.0.0.1:{port}", proc.pid


def test_large_html_answers_keep_the_web_process_bounded(served_process):
    base, pid = served_process
    status, _page = post(base, "SELECT ?x WHERE { VALUES ?x { 1 } }")
    assert status == 200
    baseline = rss_mb(pid)
    peak = baseline
    for round_ in range(3):
        # 200 rows of 256 KiB IRIs (52 M characters): too large to draw, the downloads offered instead
        status, page = post(base, doubling_query(f"r{round_}x", 18))
        assert status == 200, page[:300]
        assert "too large to show as a table" in page or "quá lớn để hiển thị" in page
        assert "format=json" in page and "format=csv" in page and "<table" not in page
        peak = max(peak, rss_mb(pid))
        for fits in range(5):
            # 200 rows of 2 048-character IRIs (about 414 000 characters): drawn, and each cell new
            # to the caches and small enough to be kept
            status, page = post(base, doubling_query(f"{round_}{fits}", 10))
            assert status == 200 and page.count("<tr") >= 200, page[:300]
            peak = max(peak, rss_mb(pid))
    assert peak - baseline < RSS_GROWTH_BOUND_MB, f"RSS grew from {baseline:.0f} MB to {peak:.0f} MB"


def test_an_answer_too_large_to_draw_is_refused_in_the_worker(client):
    """The cap is applied where the rows are read (in the query worker for the served app), so the
    web process never receives the rows it will not draw."""
    store = client.application.extensions["lskg"].store
    with pytest.raises(ResultTooLarge) as refused:
        store.query(doubling_query("w", 13), max_chars=HTML_MAX_CHARS)  # 200 × 8 192 characters
    assert refused.value.max_chars == HTML_MAX_CHARS
    assert len(store.query(doubling_query("w", 11), max_chars=HTML_MAX_CHARS).rows) == 200


def test_the_html_page_of_a_large_answer_links_its_downloads(client):
    r = client.post("/sparql", data={"query": doubling_query("p", 14), "format": "html"})
    page = r.get_data(as_text=True)
    assert r.status_code == 200 and "quá lớn để hiển thị thành bảng" in page and "1.000.000" in page
    assert all(f"format={fmt}" in page for fmt in ("json", "xml", "csv", "tsv")) and "<table" not in page
    r = client.post("/sparql?lang=en", data={"query": doubling_query("p", 14), "format": "html"})
    assert "too large to show as a table (more than 1,000,000 characters)" in r.get_data(as_text=True)


def test_the_caches_are_bounded_in_bytes():
    """Each cache weighs what it keeps: long terms are built, not kept; the total stays within the
    budget whatever the number and the length of the entries."""
    long_value = "http://example.org/" + "x" * 300_000
    assert _term("iri", long_value, None, None) is not _term("iri", long_value, None, None)  # not kept
    short = _term("iri", "http://example.org/a", None, None)
    assert _term("iri", "http://example.org/a", None, None) is short  # kept
    for i in range(200_000):  # ~4 KB each: 800 MB if they were all kept
        to_term(__import__("pyoxigraph").NamedNode(f"http://example.org/{i}/" + "y" * 1900))
    assert _CONVERTED.bytes <= TERM_CACHE_BYTES
    memo = SizedMemo(1_000_000, 10_000)
    for i in range(10_000):
        memo.get(("cell", f"{i}" * (i % 3000)), lambda i=i: "<td>" + "z" * (i % 5000) + "</td>")
    assert memo.bytes <= 1_000_000 and MEMO_BYTES <= 16 * 1024 * 1024
    pages = cached(SizedLRU(2_000_000, 256, 500_000), lambda n: [Term("literal", "v" * n)] * 10)
    for n in range(0, 200_000, 500):
        pages(n)
    assert pages.cache.bytes <= 2_000_000 and len(pages.cache) <= 256


def test_a_foreign_iri_too_long_to_link_is_text(client):
    site = client.application.extensions["lskg"]
    assert site.href("http://example.org/" + "a" * 100) == "http://example.org/" + "a" * 100
    assert site.href("http://example.org/" + "a" * 5000) is None
