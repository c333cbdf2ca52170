"""The saved-query pages: catalogue, form, table, chart, CSV/JSON twins, errors, against the real corpus."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

GRDP = "https://w3id.org/lskg/def/indicator/grdp-growth"
FILE_001 = "001_b1e20f47a2bd82ec.txt"
FILE_002 = "002_0dad21dd75ee0a8b.txt"


class Elements(HTMLParser):
    """Every element with its attributes, the text directly inside it, and whether it sits in an <svg>."""

    def __init__(self, html: str):
        super().__init__()
        self.elements: list[dict] = []
        self._open: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        el = {"tag": tag, "attrs": dict(attrs), "text": "", "in_svg": any(e["tag"] == "svg" for e in self._open),
              "parent": self._open[-1] if self._open else None}
        self.elements.append(el)
        if tag not in ("path", "line", "circle", "input", "meta", "link", "br", "img"):
            self._open.append(el)

    def handle_endtag(self, tag):
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i]["tag"] == tag:
                del self._open[i:]
                break

    def handle_data(self, data):
        if self._open:
            self._open[-1]["text"] += data

    def find(self, tag, **attrs):
        return [e for e in self.elements if e["tag"] == tag
                and all(e["attrs"].get(k.rstrip("_")) == v for k, v in attrs.items())]


def chart_points(html: str) -> list[dict]:
    """The chart's points: linked <a> elements inside the SVG, with their <title> text and marker position."""
    doc = Elements(html)
    points = []
    for a in doc.find("a"):
        if not a["in_svg"]:
            continue
        title = next(e["text"] for e in doc.elements if e["tag"] == "title" and e["parent"] is a)
        marker = next(e for e in doc.elements if e["tag"] == "path" and e["parent"] is a)
        points.append({"href": a["attrs"]["href"], "class": a["attrs"].get("class", ""), "title": title,
                       "at": marker["attrs"]["transform"], "kind": a["attrs"].get("data-kind")})
    return points


def test_catalogue_lists_every_saved_query_in_vietnamese_and_english(client, app):
    html = client.get("/queries").get_data(as_text=True)
    assert '<html lang="vi">' in html
    for q in app.extensions["lskg"].catalogue:
        assert f'href="/queries/{q.name}"' in html
        assert q.title["vi"] in html
    assert "Văn bản pháp lý" in html and "Chỉ tiêu" in html  # a title and a parameter label
    en = client.get("/queries?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in en and "Legal documents" in en and "Indicator series" in en


def test_catalogue_json_twin(client, app):
    data = client.get("/queries.json").get_json()
    names = [q["name"] for q in data["queries"]]
    assert names == [q.name for q in app.extensions["lskg"].catalogue]
    series = next(q for q in data["queries"] if q["name"] == "indicator-series")
    assert series["title"]["en"] == "Indicator series" and series["chart"]["type"] == "series"
    indicator = series["parameters"][0]
    assert indicator == {"name": "indicator", "type": "iri", "label": {"vi": "Chỉ tiêu", "en": "Indicator"},
                         "default": "ind:grdp-growth", "namespace": "https://w3id.org/lskg/def/indicator/",
                         "required": True, "choices": None}
    assert series["csv"] == "/queries/indicator-series.csv"
    assert 'rel="alternate" type="application/json" href="/queries.json"' in client.get("/queries").get_data(
        as_text=True)


def test_legal_documents_csv_has_the_prime_minister_decision(client):
    r = client.get("/queries/legal-documents.csv")
    assert r.status_code == 200 and r.mimetype == "text/csv" and "charset=utf-8" in r.content_type
    rows = list(csv.DictReader(io.StringIO(r.get_data(as_text=True))))
    row = next(row for row in rows if row["number"] == "236/QĐ-TTg")
    assert row["date"] == "2024-03-19"
    assert row["document"].startswith("https://w3id.org/lskg/id/legal/")  # IRIs as IRIs
    assert r.get_data(as_text=True).splitlines()[0].startswith("document,number,type,typeLabel,date")
    assert r.headers["X-LSKG-Truncated"] == "false"


def test_legal_documents_json_twin(client):
    r = client.get("/queries/legal-documents.json")
    assert r.status_code == 200 and r.mimetype == "application/json"
    data = r.get_json()
    assert data["columns"][:2] == ["document", "number"] and data["truncated"] is False
    row = next(row for row in data["rows"] if row["number"] == "41/NQ-HĐND")
    assert row["document"] == "https://w3id.org/lskg/id/legal/tinh-lang-son/2022/nq-41-hdnd"
    assert row["date"] == "2022-12-30"
    assert set(row) == set(data["columns"])  # unbound cells are null, not missing


def test_legal_documents_html_uses_vietnamese_dates_and_labelled_links(client):
    html = client.get("/queries/legal-documents").get_data(as_text=True)
    assert "<td>19/03/2024</td>" in html
    assert 'href="/id/legal/tinh-lang-son/2022/nq-41-hdnd"' in html
    assert "javascript:" not in html
    assert "<th scope=\"col\">number</th>" in html  # columns named after the variables


def test_projects_table_shows_investment_in_vietnamese_format(client):
    html = client.get("/queries/projects").get_data(as_text=True)
    assert '<td class="n">11.024,7</td>' in html
    assert "Dự án tuyến cao tốc cửa khẩu Hữu Nghị - Chi Lăng" in html
    en = client.get("/queries/projects?lang=en").get_data(as_text=True)
    assert '<td class="n">11,024.7</td>' in en  # Babel's en grouping (issue 15 item 4), no longer the raw literal


def test_grdp_chart_shows_both_disagreeing_sources_for_2021(client):
    r = client.get("/queries/indicator-series?indicator=ind:grdp-growth")
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    assert "<svg" in html and 'role="group"' in html and "<desc" in html
    points = chart_points(html)
    p001 = next(p for p in points if f"nguồn: {FILE_001}" in p["title"] and "· 2021 ·" in p["title"])
    p002 = next(p for p in points if f"nguồn: {FILE_002}" in p["title"] and "· 2021 ·" in p["title"])
    assert "6,76" in p001["title"] and "6,67" in p002["title"]
    assert p001["href"] == "/sources/d8aecf4deb9bd6bb#char-1415-1632"
    assert p002["href"] == "/sources/57150f0c897383f7#char-5089-5334"
    assert p001["at"] != p002["at"]  # two distinct points
    assert "conflict" in p001["class"] and "conflict" in p002["class"]
    assert "vênh với 6,67 (002_0dad21dd75ee0a8b.txt)" in p001["title"]
    assert html.count('class="conflict-ring"') >= 2
    # agreeing sources (7,17 in 2023 from 001 and 004) are not a conflict
    agreeing = [p for p in points if "· 2023 · 7,17" in p["title"]]
    assert len(agreeing) == 2 and not any("conflict" in p["class"] for p in agreeing)
    assert len({p["at"] for p in agreeing}) == 2


def test_chart_conflict_rule_matches_the_conflicts_query(client):
    """'as at 30/12/2024' (000) and '2024' (001) are the same reporting year, as in conflicts.rq."""
    points = chart_points(client.get("/queries/indicator-series?indicator=ind:budget-revenue").get_data(as_text=True))
    p000 = next(p for p in points if "10.530,1" in p["title"].split("·")[2])
    p001 = next(p for p in points if "9.805,4" in p["title"].split("·")[2])
    assert "conflict" in p000["class"] and "conflict" in p001["class"]
    nine_months = [p for p in points if "2024-01-01 to 2024-09-30" in p["title"]]
    assert nine_months and not any("conflict" in p["class"] for p in nine_months)


def test_chart_marks_kinds_ranges_and_has_a_table_alternative(client):
    html = client.get("/queries/indicator-series").get_data(as_text=True)  # the default indicator: GRDP growth
    points = chart_points(html)
    assert {"actual", "estimate", "projection", "target"} <= {p["kind"] for p in points}
    target = next(p for p in points if p["kind"] == "target" and "7–7,5" in p["title"])
    assert "2022" in target["title"]
    assert 'class="range"' in html and 'class="range-cap"' in html
    legend = html[html.index('<ul class="chart-legend">'):]
    for label in ("Thực hiện", "Ước tính", "Dự kiến", "Mục tiêu", "vênh nhau giữa các nguồn"):
        assert label in legend[:legend.index("</ul>")]
    table = html[html.index('<div class="visually-hidden"><table>'):]
    table = table[:table.index("</table>")]
    assert FILE_001 in table and "6,76" in table and "6,67" in table
    assert 'viewBox="0 0 720 340"' in html and 'width="720"' not in html  # scales down on a phone


def test_chart_in_english(client):
    html = client.get("/queries/indicator-series?indicator=ind:grdp-growth&lang=en").get_data(as_text=True)
    points = chart_points(html)
    assert any(p["title"].startswith("Actual · 2021 · 6.76") for p in points)
    assert "conflicts with 6.67 (002_0dad21dd75ee0a8b.txt)" in html


def test_indicator_dropdown_is_labelled_and_computed_once(client, app, monkeypatch):
    site = app.extensions["lskg"]
    calls = []
    original = site.store.query
    monkeypatch.setattr(site.store, "query", lambda *a, **k: calls.append(a[0]) or original(*a, **k))
    html = client.get("/queries/indicator-series").get_data(as_text=True)
    # at most the query itself (its results may be remembered from an earlier request);
    # the choice list was computed at start-up
    assert calls in ([], [site.catalogue.get("indicator-series").text])
    doc = Elements(html)
    options = [o for o in doc.find("option") if o["parent"]["attrs"].get("name") == "indicator"]
    selected = [o for o in options if "selected" in o["attrs"]]
    assert [o["attrs"]["value"] for o in selected] == [GRDP]
    assert "GRDP" in selected[0]["text"]
    values = {o["attrs"]["value"] for o in options}
    with_observations = {row["i"].value for row in original(
        "SELECT DISTINCT ?i WHERE { ?o <https://w3id.org/lskg/def#indicator> ?i ; "
        "<http://www.w3.org/ns/prov#wasDerivedFrom> ?seg }").rows}
    assert values <= with_observations and GRDP in values and len(values) > 100


def test_project_and_document_dropdowns(client):
    doc = Elements(client.get("/queries/project-legal-basis").get_data(as_text=True))
    options = [o for o in doc.find("option") if o["parent"]["attrs"].get("name") == "project"]
    assert options[0]["attrs"]["value"] == "" and len(options) >= 2
    assert all(o["attrs"]["value"].startswith("https://w3id.org/lskg/id/project/") for o in options[1:])
    assert not any(o["text"].startswith("http") for o in options[1:])  # labels, not IRIs
    doc = Elements(client.get("/queries/document-links").get_data(as_text=True))
    docs = [o for o in doc.find("option") if o["parent"]["attrs"].get("name") == "document"]
    assert any(o["text"] for o in docs[1:])


def test_parameter_filters_results(client):
    project = "https://w3id.org/lskg/id/project/"
    data = client.get("/queries/project-legal-basis.json").get_json()
    first = data["rows"][0]["project"]
    assert first.startswith(project)
    only = client.get("/queries/project-legal-basis.json", query_string={"project": first}).get_json()
    assert only["rows"] and {row["project"] for row in only["rows"]} == {first}
    kinds = client.get("/queries/legal-documents.json?type=dt:qd").get_json()
    assert kinds["rows"] and {row["typeLabel"] for row in kinds["rows"]} == {"Quyết định"}


@pytest.mark.parametrize("query_string, message", [
    ("indicator=foo", "is not an IRI"),
    ("indicator=https://w3id.org/lskg/id/place/tinh-lang-son", "is not in ind:"),
    ("bogus=1", "unknown parameter"),
])
def test_bad_parameter_is_a_400_with_the_message(client, query_string, message):
    r = client.get(f"/queries/indicator-series?{query_string}")
    assert r.status_code == 400 and message in r.get_data(as_text=True)
    assert '<form class="params"' in r.get_data(as_text=True)  # the form stays, to fix the value
    r = client.get(f"/queries/indicator-series.json?{query_string}")
    assert r.status_code == 400 and message in r.get_json()["error"]
    r = client.get(f"/queries/indicator-series.csv?{query_string}")
    assert r.status_code == 400 and message in r.get_data(as_text=True)


def test_parameter_values_are_escaped(client):
    r = client.get("/queries/indicator-series", query_string={"indicator": '"><script>alert(1)</script>'})
    assert r.status_code == 400
    html = r.get_data(as_text=True)
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


@pytest.mark.parametrize("path", ["/queries/nope", "/queries/nope.csv", "/queries/nope.json",
                                  "/queries/..%2F..%2Fetc%2Fpasswd", "/queries/../../etc/passwd",
                                  "/queries/%2e%2e%2fqueries", "/queries/Projects"])
def test_unknown_query_is_404(client, path):
    assert client.get(path).status_code == 404


def test_row_cap_shows_a_truncated_note_and_full_download(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "LSKG_ROW_CAP", 5)
    html = client.get("/queries/observations").get_data(as_text=True)
    assert 'class="note truncated"' in html and "Kết quả đã bị cắt" in html
    doc = Elements(html)
    rows = [e for e in doc.find("tr") if e["parent"]["tag"] == "tbody"
            and e["parent"]["parent"]["attrs"].get("class") == "results"]
    assert len(rows) == 5
    full = client.get("/queries/observations.csv")
    assert full.headers["X-LSKG-Truncated"] == "false"
    assert len(full.get_data(as_text=True).strip().splitlines()) > 6
    assert 'href="/queries/observations.csv"' in html


def test_export_cap_is_reported(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "LSKG_EXPORT_ROW_CAP", 3)
    r = client.get("/queries/observations.json")
    assert r.get_json()["truncated"] is True and len(r.get_json()["rows"]) == 3
    assert r.headers["X-LSKG-Truncated"] == "true"
    r = client.get("/queries/observations.csv")
    assert r.headers["X-LSKG-Truncated"] == "true" and len(r.get_data(as_text=True).splitlines()) == 4


def test_download_links_keep_the_parameters(client):
    html = client.get("/queries/indicator-series?indicator=ind:grdp-growth").get_data(as_text=True)
    assert 'href="/queries/indicator-series.csv?indicator=ind:grdp-growth"' in html
    data = client.get("/queries/indicator-series.json?indicator=ind:grdp-growth").get_json()
    values = {(row["source"], row["value"]) for row in data["rows"] if row["period"] == "2021"}
    assert {(FILE_001, "6.76"), (FILE_002, "6.67")} <= values


def test_query_text_is_shown_with_an_editor_link_that_runs(client):
    html = client.get("/queries/indicator-series?indicator=ind:grdp-growth").get_data(as_text=True)
    assert '<pre class="query"><code>#+ title.vi: Chuỗi số liệu của một chỉ tiêu' in html
    href = re.search(r'<a href="(/sparql\?query=[^"]+)">Mở trong trình soạn SPARQL', html).group(1)
    text = parse_qs(urlsplit(href.replace("&amp;", "&")).query)["query"][0]
    assert text.startswith("PREFIX skos:") and "#+ " not in text  # the catalogue header is left out
    assert f"VALUES (?indicator) {{ (<{GRDP}>) }}" in text
    r = client.get("/sparql", query_string={"query": text}, headers={"Accept": "application/sparql-results+json"})
    rows = r.get_json()["results"]["bindings"]
    assert {row["source"]["value"] for row in rows if row["period"]["value"] == "2021"} >= {FILE_001, FILE_002}
    assert {row["indicator"]["value"] for row in rows} == {GRDP}


def test_segment_cells_link_to_the_source_sentence(client):
    html = client.get("/queries/observations?indicator=ind:grdp-growth").get_data(as_text=True)
    assert 'href="/sources/d8aecf4deb9bd6bb#char-1415-1632"' in html


def test_chart_rings_the_figures_the_graph_links_and_no_others():
    """The chart applies no rule of its own: two figures are a conflict when the build linked them
    lskg:conflictsWith (graph.curation), whatever their values, periods or kinds."""
    from lskg.store.base import Result, Term
    from lskg.web.charts import series_chart

    def row(n: int, value: str, year: int, source: str) -> dict:
        return {"observation": Term("iri", f"https://example.org/obs/{n}"), "value": Term("literal", value),
                "periodEnd": Term("literal", f"{year}-12-31"), "valueKind": Term("literal", "actual"),
                "period": Term("literal", str(year)), "source": Term("literal", source)}

    result = Result(["observation", "value", "periodEnd", "valueKind", "period", "source"],
                          [row(1, "6.76", 2021, "a.txt"), row(2, "6.67", 2021, "b.txt"), row(3, "7", 2022, "c.txt")])
    links = {"https://example.org/obs/1": {"https://example.org/obs/3"},
             "https://example.org/obs/3": {"https://example.org/obs/1"}}
    asked = []
    chart = series_chart(result, {"type": "series"}, lang="en", what="GRDP", label=str, number=str,
                         href=lambda iri: None, conflicts=lambda figures: asked.append(figures) or links)
    assert asked == [[f"https://example.org/obs/{n}" for n in (1, 2, 3)]]
    by_source = {p.source: p.conflict_with for p in chart.points}
    assert by_source == {"a.txt": ["7 (c.txt)"], "b.txt": [], "c.txt": ["6.76 (a.txt)"]}


# -- Datasette conventions: more twins, pages, JSON shapes, the unit's multiplier ---------------------

EXPRESSWAY = "https://w3id.org/lskg/id/project/cao-toc-huu-nghi-chi-lang"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"


def test_tsv_twin_writes_rdf_terms(client):
    r = client.get("/queries/legal-documents.tsv")
    assert r.status_code == 200 and r.mimetype == "text/tab-separated-values"
    lines = r.get_data(as_text=True).split("\n")
    assert lines[0].startswith("?document\t?number\t?type\t?typeLabel\t?date")
    row = next(line.split("\t") for line in lines if '"236/QĐ-TTg"' in line)
    assert row[0] == "<https://w3id.org/lskg/id/legal/vn/2024/qd-236-ttg>"
    assert row[4] == f'"2024-03-19"^^<{XSD_DATE}>' and row[6] == '"Thủ tướng Chính phủ"@vi'


def test_xml_twin_is_sparql_results(client):
    r = client.get("/queries/legal-documents.xml")
    assert r.mimetype == "application/sparql-results+xml"
    ns = "{http://www.w3.org/2005/sparql-results#}"
    root = ET.fromstring(r.data)
    assert [v.get("name") for v in root.find(f"{ns}head")][:2] == ["document", "number"]
    results = root.find(f"{ns}results")
    hit = next(res for res in results if any(b.findtext(f"{ns}literal") == "236/QĐ-TTg" for b in res))
    date = next(b for b in hit if b.get("name") == "date").find(f"{ns}literal")
    assert date.text == "2024-03-19" and date.get("datatype") == XSD_DATE
    assert len(results) == len(client.get("/queries/legal-documents.json").get_json()["rows"])


def test_catalogue_links_every_twin_and_names_the_json_shapes(client):
    data = client.get("/queries.json").get_json()
    projects = next(q for q in data["queries"] if q["name"] == "projects")
    assert projects["tsv"] == "/queries/projects.tsv" and projects["xml"] == "/queries/projects.xml"
    assert data["json_shapes"] == ["objects", "arrays", "array"] and data["json_shape_default"] == "objects"


def test_json_pages_follow_one_another(client):
    whole = client.get("/queries/legal-documents.json").get_json()
    assert "next" not in whole and len(whole["rows"]) > 10
    first = client.get("/queries/legal-documents.json?_size=5")
    data = first.get_json()
    assert data["rows"] == whole["rows"][:5] and data["truncated"] is False
    assert data["next"] == "5" and data["next_url"] == "/queries/legal-documents.json?_size=5&_next=5"
    assert first.headers["Link"] == '</queries/legal-documents.json?_size=5&_next=5>; rel="next"'
    second = client.get(data["next_url"]).get_json()
    assert second["rows"] == whole["rows"][5:10]
    last = client.get(f"/queries/legal-documents.json?_size=5&_next={len(whole['rows']) - 2}")
    assert len(last.get_json()["rows"]) == 2 and "next" not in last.get_json() and "Link" not in last.headers


def test_json_shapes(client):
    objects = client.get("/queries/legal-documents.json?_size=3&_shape=objects").get_json()
    arrays = client.get("/queries/legal-documents.json?_size=3&_shape=arrays").get_json()
    array = client.get("/queries/legal-documents.json?_size=3&_shape=array").get_json()
    assert arrays["columns"] == objects["columns"]
    assert arrays["rows"] == [[row[c] for c in objects["columns"]] for row in objects["rows"]]
    assert array == objects["rows"]
    number = objects["columns"].index("number")
    assert {row[number] for row in arrays["rows"]} == {row["number"] for row in array}


def test_csv_pages_link_the_next_one(client):
    r = client.get("/queries/legal-documents.csv?_size=2&_next=2")
    rows = list(csv.DictReader(io.StringIO(r.get_data(as_text=True))))
    assert len(rows) == 2 and r.headers["Link"] == '</queries/legal-documents.csv?_size=2&_next=4>; rel="next"'
    whole = list(csv.DictReader(io.StringIO(client.get("/queries/legal-documents.csv").get_data(as_text=True))))
    assert rows == whole[2:4]


def test_html_pages_and_their_downloads(client):
    html = client.get("/queries/legal-documents?_size=5&_next=5").get_data(as_text=True)
    doc = Elements(html)
    rows = [e for e in doc.find("tr") if e["parent"]["tag"] == "tbody"]
    assert len(rows) == 5 and "Dòng 6–10" in html
    assert doc.find("a", rel="next")[0]["attrs"]["href"] == "/queries/legal-documents?_size=5&_next=10"
    assert 'href="/queries/legal-documents.tsv"' in html  # the downloads are the whole answer
    assert 'class="note truncated"' not in html  # the note is the first page's


@pytest.mark.parametrize("query_string, message", [
    ("_size=0", "_size must be a number from 1 to 200"), ("_size=201", "_size must be a number from 1 to 200"),
    ("_next=-1", "_next must be a number"), ("_next=x", "_next must be a number"),
])
def test_bad_page_is_a_400(client, query_string, message):
    r = client.get(f"/queries/legal-documents?{query_string}")
    assert r.status_code == 400 and message in r.get_data(as_text=True)


def test_bad_shape_is_a_400(client):
    r = client.get("/queries/legal-documents.json?_shape=dict")
    assert r.status_code == 400 and r.get_json()["error"] == "_shape must be one of objects, arrays, array"


def test_csv_carries_the_unit_multiplier_in_a_column_of_its_own(client):
    projects = {r["project"]: r for r in csv.DictReader(io.StringIO(
        client.get("/queries/projects.csv").get_data(as_text=True)))}
    expressway = projects[EXPRESSWAY]  # 11.024,7 tỷ đồng
    assert (expressway["totalInvestment"], expressway["unitMult"], expressway["unit"]) == ("11024.7", "9", "VND")
    observations = list(csv.DictReader(io.StringIO(
        client.get("/queries/observations.csv?indicator=ind:grdp-per-capita").get_data(as_text=True))))
    per_capita_2021 = next(r for r in observations if r["period"] == "2021" and r["source"] == FILE_002)
    assert (per_capita_2021["value"], per_capita_2021["unitMult"]) == ("46.9", "6")  # 46,9 triệu đồng
    assert per_capita_2021["asReported"] == "46,9 triệu đồng"
    growth = list(csv.DictReader(io.StringIO(
        client.get("/queries/indicator-series.csv?indicator=ind:grdp-growth").get_data(as_text=True))))
    assert {r["unitMult"] for r in growth} == {"0"}  # 7,17%: no scale word, still a multiplier
    conflicts = list(csv.DictReader(io.StringIO(client.get("/queries/conflicts.csv").get_data(as_text=True))))
    per_capita = next(r for r in conflicts if r["indicator"].endswith("/grdp-per-capita") and r["period"] == "2024")
    assert {(per_capita["value1"], per_capita["unitMult1"]), (per_capita["value2"], per_capita["unitMult2"])} == \
        {("62.02", "6"), ("61.1", "6")}


def test_documents_that_implement_a_resolution(client):
    """11-NQ/TW is only ever a target: the second field selects it, and the answer lists the documents
    that implement it (the Government's programme 96/NQ-CP and the province's 52-CTr/TU)."""
    nq11 = "https://w3id.org/lskg/id/legal/vn/2022/nq-11-tw"
    doc = Elements(client.get("/queries/document-links").get_data(as_text=True))
    targets = {o["attrs"]["value"]: o["text"] for o in doc.find("option") if o["parent"]["attrs"].get("name") == "target"}
    assert targets[nq11] == "Nghị quyết 11-NQ/TW"
    rows = client.get("/queries/document-links.json", query_string={"target": nq11}).get_json()["rows"]
    applies = {row["number"] for row in rows if row["relationLabel"] == "applies"}
    assert applies == {"96/NQ-CP", "52-CTr/TU"}
    assert "ngày 01/8/2022 của Chính phủ ban hành Chương trình hành động" in next(
        row["quote"] for row in rows if row["number"] == "96/NQ-CP")


def test_an_empty_answer_says_why_and_what_to_try(client):
    # 1059-QĐ/TU is cited by no document in the sources
    only_cited = {"target": "https://w3id.org/lskg/id/legal/tinh-lang-son/2022/qd-1059-tu"}
    html = client.get("/queries/document-links", query_string=only_cited).get_data(as_text=True)
    assert "Không có dòng nào." in html and "Văn bản được thực hiện, căn cứ hay trích dẫn: " in html
    assert 'href="/queries/document-links">bỏ các điều kiện' in html
    html = client.get("/queries/document-links", query_string={**only_cited, "lang": "en"}).get_data(as_text=True)
    assert "No rows." in html and "Nothing in the sources matches Document applied, based on or cited: " in html


def test_border_gates_are_lang_son_gates_with_their_chinese_side(client):
    rows = client.get("/queries/border-gates.json").get_json()["rows"]
    gates = [row["label"] for row in rows]
    assert "Cửa khẩu Hữu Nghị Quan" not in gates and "Cửa khẩu Pò Chài" not in gates  # the Chinese side is a column
    sides = {row["label"]: row.get("counterpartLabel") for row in rows}
    assert sides["Cửa khẩu quốc tế Hữu Nghị"] == "Cửa khẩu Hữu Nghị Quan"
    assert sides["Cửa khẩu Na Hình"] == "Cửa khẩu Na Hoa" and sides["Cửa khẩu Chi Ma"] == "Cửa khẩu Ái Điểm"
    # international first, the dedicated cargo roads last, not among the gates by name
    assert gates[:2] == ["Cửa khẩu quốc tế Ga đường sắt Đồng Đăng", "Cửa khẩu quốc tế Hữu Nghị"]
    assert all(g.startswith("Đường chuyên dụng") for g in gates[-2:]) and len(gates) == 9


def test_grdp_chart_spans_start_under_their_first_year_and_no_point_sits_on_the_axis(client):
    """The 2021–2023 average runs from the 2021 tick to the 2023 tick; every value has room below it."""
    from lskg.store.base import Term
    from lskg.web.charts import series_chart

    site = client.application.extensions["lskg"]
    query = site.catalogue.get("indicator-series")
    result = site.store.query(query.text, {"indicator": Term("iri", GRDP)})
    chart = series_chart(result, query.chart, lang="vi", what="GRDP", label=str, number=str,
                         href=lambda iri: None, conflicts=lambda figures: {})
    ticks = {t.text: t.pos for t in chart.x_ticks}
    [average] = [p for p in chart.points if p.period == "2021–2023"]
    assert average.x_start == ticks["2021"] and abs(average.x - ticks["2023"]) < 12  # dodged beside the 2023 points
    assert all(p.y < chart.bottom - 2 for p in chart.points)
    assert float(chart.y_ticks[0].text) < min(float(p.value_text.split("–")[0]) for p in chart.points)
