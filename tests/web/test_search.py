"""Vietnamese-aware search: with or without diacritics, đ as d, abbreviations, NFC or NFD input."""

from __future__ import annotations

import unicodedata

from lskg.store.base import Result, Term
from lskg.web.search_index import SearchIndex

SKOS = "http://www.w3.org/2004/02/skos/core#"
GATE = "https://w3id.org/lskg/def#BorderGate"


def hrefs(client, query: str) -> list[str]:
    response = client.get("/search.json", query_string={"q": query})
    assert response.status_code == 200
    return [hit["href"] for hit in response.get_json()]


def test_huu_nghi_without_diacritics_finds_the_gate_and_the_expressway(client):
    response = client.get("/search", query_string={"q": "huu nghi"})
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert '<a href="/id/border-gate/huu-nghi">Cửa khẩu quốc tế Hữu Nghị</a>' in text
    expressway = "Dự án tuyến cao tốc cửa khẩu Hữu Nghị - Chi Lăng"
    assert f'<a href="/id/project/cao-toc-huu-nghi-chi-lang">{expressway}</a>' in text
    # grouped by kind
    assert "<h2>Cửa khẩu <small>" in text and "<h2>Dự án <small>" in text


def test_d_finds_đ(client):
    found = hrefs(client, "dong dang")
    assert "/id/place/thi-tran-dong-dang" in found
    assert "/id/border-gate/ga-dong-dang" in found
    assert hrefs(client, "Đồng Đăng")[0] == "/id/place/thi-tran-dong-dang"


def test_abbreviations(client):
    assert hrefs(client, "UBND")[0] == "/id/org/tinh-lang-son/ubnd"
    labels = [hit["label"] for hit in client.get("/search.json?q=UBND").get_json()]
    assert "Ủy ban nhân dân tỉnh Lạng Sơn" in labels
    assert hrefs(client, "hdnd")[0] == "/id/org/tinh-lang-son/hdnd"
    assert hrefs(client, "HĐND")[0] == "/id/org/tinh-lang-son/hdnd"
    assert hrefs(client, "41/NQ-HĐND")[0] == "/id/legal/tinh-lang-son/2022/nq-41-hdnd"


def test_nfd_input_behaves_like_nfc(client):
    for query in ("Hữu Nghị", "Đồng Đăng", "Ủy ban nhân dân tỉnh Lạng Sơn"):
        nfd = unicodedata.normalize("NFD", query)
        assert nfd != query
        assert client.get("/search.json", query_string={"q": nfd}).get_json() == \
            client.get("/search.json", query_string={"q": query}).get_json()


def test_old_and_new_tone_placement_match(client):
    assert hrefs(client, "Uỷ ban nhân dân tỉnh Lạng Sơn")[0] == "/id/org/tinh-lang-son/ubnd"


def test_json_suggestions_are_short_and_complete(client):
    response = client.get("/search.json?q=lang son")
    assert response.mimetype == "application/json"
    hits = response.get_json()
    assert 0 < len(hits) <= 20
    assert set(hits[0]) >= {"iri", "label", "kind", "href"}
    assert all(hit["href"].startswith("/") for hit in hits)
    assert client.get("/search.json?q=").get_json() == []


def test_empty_and_hostile_queries(client):
    assert client.get("/search").status_code == 200
    text = client.get("/search", query_string={"q": "<script>alert(1)</script>"}).get_data(as_text=True)
    assert "<script>alert(1)" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert client.get("/search", query_string={"q": "x" * 10_000}).status_code == 200


def test_header_box_gets_local_suggestions(client):
    text = client.get("/").get_data(as_text=True)
    assert '<script src="/static/search-suggest.js" defer></script>' in text
    assert client.get("/static/search-suggest.js").status_code == 200


class FakeStore:
    """Two gates whose names differ only in diacritics."""

    def query(self, query, bindings=None, limit=None):
        if "COUNT" in query:
            return Result(["s", "n"], [])
        if "?type" in query:
            return Result(["s", "type"],
                          [{"s": Term("iri", f"urn:{n}"), "type": Term("iri", GATE)} for n in "ab"])
        names = [("a", "Đông Đăng"), ("b", "Đồng Đăng xa")]
        return Result(["s", "p", "name"], [
            {"s": Term("iri", f"urn:{i}"), "p": Term("iri", SKOS + "prefLabel"),
             "name": Term("literal", n, language="vi")} for i, n in names])


def test_a_query_with_diacritics_ranks_exact_diacritics_first():
    index = SearchIndex.build(FakeStore())
    assert [hit.iri for hit in index.search("Đồng Đăng")] == ["urn:b", "urn:a"]
    # without diacritics the closer name wins
    assert [hit.iri for hit in index.search("dong dang")] == ["urn:a", "urn:b"]
