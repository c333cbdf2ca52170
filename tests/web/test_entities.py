"""Entity pages over the real corpus: what a reader sees about a project, a document, a body, the
province and a disputed figure, each fact with its sentence; the same description as RDF."""

from __future__ import annotations

import html
import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from lskg.store.sized import SizedMemo
from lskg.vocab import ELI, ID
from lskg.web.context import MEMO_BYTES, MEMO_ENTRY_BYTES

EXPRESSWAY = "/id/project/cao-toc-huu-nghi-chi-lang"
NQ_41 = "/id/legal/tinh-lang-son/2022/nq-41-hdnd"
HDND = "/id/org/tinh-lang-son/hdnd"
UBND = "/id/org/tinh-lang-son/ubnd"
PROVINCE = "/id/place/tinh-lang-son"
GRDP_2021 = "/id/obs/curated/grdp-growth/place-tinh-lang-son/2021/actual"
FILE_004 = "004_08bffe02da026834.txt"


@pytest.fixture(scope="module")
def key_004(build_result):
    return next(s["key"] for s in build_result.summary["sources"] if s["file"] == FILE_004)


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def section(text: str, ident: str) -> str:
    match = re.search(rf'<section id="{ident}">(.*?)</section>', text, re.S)
    assert match, f"no section {ident}"
    return match.group(1)


def items(fragment: str) -> list[str]:
    """The visible text of each <li>, tags dropped."""
    return [html.unescape(re.sub(r"<[^>]+>", "", li)) for li in re.findall(r"<li>(.*?)</li>", fragment, re.S)]


def items_with(fragment: str, needle: str) -> list[str]:
    return [li for li in items(fragment) if needle in li]


# -- the expressway: legal basis with roles, figures, form, the sentence behind each ----------------
def test_project_legal_basis_by_role_with_dates(client):
    basis = section(page(client, EXPRESSWAY), "project")
    [nq41] = items_with(basis, "41/NQ-HĐND")
    assert "30/12/2022" in nq41 and "Phê duyệt chủ trương đầu tư" in nq41
    [nq58] = items_with(basis, "58/NQ-HĐND")
    assert "19/12/2023" in nq58 and "Phê duyệt chủ trương đầu tư" in nq58
    for number in ("2014/QĐ-UBND", "103/QĐ-UBND", "427/QĐ-UBND"):
        [row] = items_with(basis, number)
        assert "Phê duyệt dự án" in row


def test_project_form_bodies_places_and_figures(client):
    text = page(client, EXPRESSWAY)
    project = section(text, "project")
    assert "Hợp đồng BOT" in project
    assert "Đang thi công" in project
    assert "giai đoạn 2023–2026" in project
    assert any("Chi Lăng" in li for li in items(project))  # a location
    assert items_with(project, "Hội đồng nhân dân tỉnh Lạng Sơn")  # investment-policy approver
    figures = section(text, "figures")
    assert "59,87" in figures and "km" in figures
    assert "11.024,7" in figures and "tỷ" in figures


def test_every_project_fact_links_to_its_sentence_in_004(client, key_004):
    text = page(client, EXPRESSWAY)
    sources = section(text, "sources")
    assert FILE_004 in sources
    # the sentence that names both resolutions and the three decisions, quoted and linked
    assert "Nghị quyết số 41/NQ-HĐND, ngày 30/12/2022" in html.unescape(sources)
    assert f'href="/sources/{key_004}#char-40964-41316"' in sources
    # the legal-basis row cites it
    assert f'href="#q-{key_004}-40964-41316"' in section(text, "project")


def test_page_is_vietnamese_first_and_switches_to_english(client):
    vi = page(client, EXPRESSWAY)
    assert '<html lang="vi">' in vi
    assert "<h1>Dự án tuyến cao tốc cửa khẩu Hữu Nghị - Chi Lăng</h1>" in vi
    en = page(client, EXPRESSWAY + "?lang=en")
    assert '<html lang="en">' in en
    assert "<h1>Huu Nghi - Chi Lang border-gate expressway</h1>" in en
    assert "Investment policy approval" in en
    # links keep the reader in English
    assert f'href="{NQ_41}?lang=en"' in en


def test_html_varies_on_accept(client):
    response = client.get(EXPRESSWAY, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 200
    assert response.content_type.startswith("text/html")
    assert "Accept" in response.headers["Vary"]
    assert client.get(EXPRESSWAY, headers={"Accept": "*/*"}).content_type.startswith("text/html")


# -- a document ------------------------------------------------------------------------------------
def test_document_page_issuer_date_type_users_and_sources(client):
    doc = section(page(client, NQ_41), "document")
    assert "Hội đồng nhân dân tỉnh Lạng Sơn" in doc
    assert "30/12/2022" in doc
    assert "Nghị quyết" in doc
    assert "41/NQ-HĐND" in doc
    # used by: the expressway's investment policy
    assert f'href="{EXPRESSWAY}"' in doc
    assert "quyết định chủ trương đầu tư dự án" in doc
    # which sources mention it
    assert "Báo cáo tự giám sát" in doc


def test_document_turtle_parses_with_its_date(client):
    response = client.get(NQ_41 + "?format=turtle")
    assert response.status_code == 200
    assert response.content_type == "text/turtle; charset=utf-8"
    assert "Accept" in response.headers["Vary"]
    g = Graph().parse(data=response.get_data(as_text=True), format="turtle")
    doc = URIRef(str(ID["legal/tinh-lang-son/2022/nq-41-hdnd"]))
    assert (doc, ELI.date_document, Literal("2022-12-30", datatype=XSD.date)) in g
    assert (doc, ELI.id_local, Literal("41/NQ-HĐND")) in g
    # incoming links are part of the description
    assert (URIRef(str(ID["project/cao-toc-huu-nghi-chi-lang"])), None, doc) in g


@pytest.mark.parametrize("accept, media_type, rdf_format", [
    ("text/turtle", "text/turtle", "turtle"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/rdf+xml", "application/rdf+xml", "xml"),
])
def test_document_by_content_negotiation(client, accept, media_type, rdf_format):
    response = client.get(NQ_41, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.mimetype == media_type
    assert "Accept" in response.headers["Vary"]
    g = Graph().parse(data=response.get_data(as_text=True), format=rdf_format)
    doc = URIRef(str(ID["legal/tinh-lang-son/2022/nq-41-hdnd"]))
    assert (doc, ELI.passed_by, URIRef(str(ID["org/tinh-lang-son/hdnd"]))) in g


@pytest.mark.parametrize("fmt, media_type", [("jsonld", "application/ld+json"), ("ntriples", "application/n-triples"),
                                             ("html", "text/html")])
def test_format_parameter_wins_over_accept(client, fmt, media_type):
    response = client.get(f"{NQ_41}?format={fmt}", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.mimetype == media_type


def test_unknown_format_is_a_bad_request(client):
    assert client.get(NQ_41 + "?format=pdf").status_code == 400


# -- organisations ---------------------------------------------------------------------------------
def test_hdnd_lists_what_it_issued(client):
    org = section(page(client, HDND), "organisation")
    issued = org.split("Văn bản đã ban hành", 1)[1]
    [nq41] = items_with(issued, "41/NQ-HĐND")
    assert "30/12/2022" in nq41
    assert items_with(issued, "58/NQ-HĐND")


def test_ubnd_projects_people_and_structure(client):
    org = section(page(client, UBND), "organisation")
    responsible = org.split("Trách nhiệm với dự án", 1)[1]
    [row] = items_with(responsible, "Dự án tuyến cao tốc cửa khẩu Hữu Nghị - Chi Lăng")
    assert "Cơ quan phê duyệt dự án" in row
    people = org.split("Người giữ chức vụ", 1)[1]
    assert items_with(people, "Hồ Tiến Thiệu")
    assert "Hội đồng nhân dân tỉnh Lạng Sơn" in org.split("Trực thuộc", 1)[1]  # its parent
    issued = org.split("Văn bản đã ban hành", 1)[1]
    assert items_with(issued, "427/QĐ-UBND")


# -- conflicts are shown, not hidden ---------------------------------------------------------------
def test_province_shows_the_disputed_grdp_growth_2021(client):
    text = page(client, PROVINCE)
    assert 'class="badge conflict"' in text
    figures = section(text, "figures")
    row = next(r for r in re.findall(r"<tr class=\"disputed\">(.*?)</tr>", figures, re.S)
               if "grdp-growth/place-tinh-lang-son/2021" in r)
    assert "6,67" in row and "6,76" in row


def test_long_figure_tables_are_cut_with_a_way_to_all(client):
    from lskg.web.entity_queries import FIGURE_LIMIT

    short = section(page(client, PROVINCE), "figures")
    assert short.count("<tr") - 1 == FIGURE_LIMIT
    assert f'href="{PROVINCE}?figures=all"' in short
    full = section(page(client, PROVINCE + "?figures=all"), "figures")
    assert full.count("<tr") - 1 > FIGURE_LIMIT
    assert "?figures=all" not in full


def test_curated_observation_page_shows_both_values_and_their_sentences(client):
    text = page(client, GRDP_2021)
    assert "<h1>Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP), năm 2021 – Tỉnh Lạng Sơn</h1>" in text
    assert 'class="badge conflict"' in text
    values = section(text, "observation")
    assert "6,67" in values and "6,76" in values
    sources = html.unescape(section(text, "sources"))
    assert "6,76%" in sources and "6,67%" in sources


def test_shacl_results_about_the_entity(client):
    text = page(client, "/id/project/cao-toc-bac-giang-lang-son")
    results = section(text, "validation")
    assert "Chưa tìm thấy căn cứ pháp lý hay cơ quan chịu trách nhiệm" in results


def test_the_validation_box_agrees_with_the_basis_the_page_lists(client):
    """004 gives the expressway five documents and two bodies: its box must not say none were found."""
    text = page(client, "/id/project/cao-toc-huu-nghi-chi-lang")
    assert "41/NQ-HĐND" in text and "427/QĐ-UBND" in text
    assert "Chưa tìm thấy căn cứ pháp lý" not in text
    assert "Chưa tìm thấy căn cứ pháp lý" not in page(client, "/id/project/kcn-huu-lung")
    report = page(client, "/validation")
    assert 'href="/id/project/cao-toc-bac-giang-lang-son"' in report
    for named in ("cao-toc-huu-nghi-chi-lang", "cua-khau-thong-minh-huu-nghi", "kcn-huu-lung"):
        assert f'href="/id/project/{named}"' not in report


# -- other IRIs ------------------------------------------------------------------------------------
def test_source_document_entity_offers_the_text(client, key_004):
    text = page(client, f"/id/source/{key_004}")
    assert f'href="/sources/{key_004}"' in text


def test_vocabulary_terms_dereference(client):
    assert "Bộ từ vựng tri thức Lạng Sơn" in page(client, "/def")
    assert "Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP)" in page(client, "/def/indicator/grdp-growth")
    term = page(client, "/resource?iri=https%3A%2F%2Fw3id.org%2Flskg%2Fdef%23investmentForm")
    assert "hình thức đầu tư" in term
    assert 'href="/resource?iri=https%3A%2F%2Fw3id.org%2Flskg%2Fdef%23investmentForm&amp;format=turtle"' in term
    turtle = client.get("/def/indicator/grdp-growth?format=turtle")
    assert turtle.status_code == 200 and turtle.mimetype == "text/turtle"


@pytest.mark.parametrize("path", [
    "/id/does/not/exist", "/id/does/not/exist?format=turtle", "/id/a%3Eb", "/id/x%20y",
    "/resource?iri=http%3A%2F%2Fexample.org%2Fx", "/resource", "/def/no-such-term",
])
def test_unknown_iri_is_not_found(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Không tìm thấy" in response.get_data(as_text=True)


# -- escaping --------------------------------------------------------------------------------------
def test_labels_are_escaped(app, client, monkeypatch):
    site = app.extensions["lskg"]
    hostile = "<script>alert(1)</script>"
    monkeypatch.setitem(site.labels, str(ID["project/cao-toc-huu-nghi-chi-lang"]), {"vi": hostile})
    monkeypatch.setitem(site.labels, str(ID["legal/tinh-lang-son/2022/nq-41-hdnd"]), {"vi": hostile + '"'})
    # labels never change within a release, so the links made from them are remembered; these did
    monkeypatch.setattr(site, "memo", SizedMemo(MEMO_BYTES, MEMO_ENTRY_BYTES))
    text = page(client, EXPRESSWAY)
    assert hostile not in text
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in text  # the page's own name
    # the linked name of its legal basis, escaped once, quote included (html.escape or markupsafe)
    assert re.search(rf'<a href="{re.escape(NQ_41)}">&lt;script&gt;alert\(1\)&lt;/script&gt;(&quot;|&#34;)</a>', text)


def test_links_never_carry_script_or_data_iris(app):
    from lskg.web.page_helpers import reader

    with app.test_request_context("/?lang=en"):
        r = reader()
        assert r.link("javascript:alert(1)") is None
        assert r.link("data:text/html,x") is None
        assert r.link(str(ID["org/tinh-lang-son/hdnd"])) == HDND + "?lang=en"
        assert r.with_lang("/sources/abc#char-1-2") == "/sources/abc?lang=en#char-1-2"


def test_figures_keep_their_scale_word_and_symbol(client):
    """The province's figures in millions of US dollars read "triệu USD" / "million USD" (the symbol
    kept as written), and GRDP per head "triệu đồng" / "million VND"."""
    vi = html.unescape(section(page(client, PROVINCE + "?figures=all"), "figures"))
    en = html.unescape(section(page(client, PROVINCE + "?figures=all&lang=en"), "figures"))
    assert "triệu USD" in vi and "triệu đồng" in vi and "uSD" not in vi and "Đồng Việt Nam" not in vi
    assert "million USD" in en and "million VND" in en and "uS dollar" not in en


def test_the_conflicts_table_names_the_scale_in_each_language(client):
    for path, word in (("/queries/conflicts", "triệu"), ("/queries/conflicts?lang=en", "million")):
        text = html.unescape(page(client, path))
        row = next(r for r in re.findall(r"<tr>(.*?)</tr>", text, re.S) if "GRDP bình quân đầu người ước 62,02" in r)
        assert f">{word}</a>" in row, path


def test_indicator_page_shows_its_series_with_sources_and_the_csv(client):
    text = page(client, "/def/indicator/budget-revenue")
    series = section(text, "series")
    assert "<svg" in series and 'class="results series-table"' in series
    # the 2024 revenue as of 30/12/2024, from document 000, and 2021's two disagreeing sources
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", series, re.S) if "10.530,1" in r)
    assert "tỷ đồng" in row and "000_0bae13773003c0ff.txt" in row
    assert "vênh với 11.000 (002_0dad21dd75ee0a8b.txt)" in series
    assert 'href="/queries/indicator-series.csv?indicator=https%3A%2F%2Fw3id.org%2Flskg%2Fdef%2Findicator%2Fbudget-revenue"' in series
    # builder notes and the observations' IRIs stay in the RDF twin
    assert "tổng thu ngân sách trên địa bàn tỉnh" not in text and "/obs/src-" not in text
    turtle = client.get("/def/indicator/budget-revenue?format=turtle").get_data(as_text=True)
    assert "tổng thu ngân sách trên địa bàn tỉnh" in turtle and "/obs/src-" in turtle
    english = section(page(client, "/def/indicator/budget-revenue?lang=en"), "series")
    assert "Figures over time" in english and "10,530.1" in english  # Babel's English number format


def test_expressway_names_its_bodies_in_their_roles_never_a_role_path(client):
    text = page(client, EXPRESSWAY)
    assert "/role/" not in text
    [nq41] = items_with(section(text, "project"), "41/NQ-HĐND")
    assert "30/12/2022" in nq41
    # the sentence panel names the association by its body and role
    assert "Hội đồng nhân dân tỉnh Lạng Sơn · Cơ quan quyết định chủ trương đầu tư" in section(text, "sources")
    assert "/role/investment-policy-approver--" in client.get(EXPRESSWAY + "?format=turtle").get_data(as_text=True)
