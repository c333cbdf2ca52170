"""The whole build of data/sources: saved queries return what the five documents say."""

import csv
import io

import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from lskg.cli import write_result
from lskg.paths import Paths
from lskg.queries import Catalogue
from lskg.validate import validate_graph, validate_release
from lskg.vocab import CURATED_GRAPH, ELI, ID, LSKG, OA, REFERENCE_GRAPH

EXPRESSWAY = str(ID["project/cao-toc-huu-nghi-chi-lang"])


@pytest.fixture(scope="module")
def catalogue(paths):
    return Catalogue(paths.queries)


def run(store, catalogue, name, **params):
    saved = catalogue.get(name)
    result = store.query(saved.text, saved.bindings(params))
    return [{k: v.value for k, v in row.items()} for row in result.rows]


def test_legal_documents(store, catalogue):
    rows = {r["number"]: r for r in run(store, catalogue, "legal-documents")}
    assert rows["11-NQ/TW"]["typeLabel"] == "Nghị quyết"
    assert rows["11-NQ/TW"]["date"] == "2022-02-10"
    assert rows["11-NQ/TW"]["issuerLabel"] == "Bộ Chính trị"
    assert rows["96/NQ-CP"]["date"] == "2022-08-01" and rows["96/NQ-CP"]["issuerLabel"] == "Chính phủ"
    assert rows["236/QĐ-TTg"]["date"] == "2024-03-19"
    assert rows["236/QĐ-TTg"]["issuerLabel"] == "Thủ tướng Chính phủ"
    assert rows["96/NQ-CP"]["title"] == "Về Chương trình hành động thực hiện Nghị quyết số 11-NQ/TW"
    # mentioned by two sources, one document
    assert set(rows["11-NQ/TW"]["sources"].split(" | ")) == {"001_b1e20f47a2bd82ec.txt", "004_08bffe02da026834.txt"}
    assert rows["2014/QĐ-UBND"]["issuerInferred"] == "true"  # issuer read from the jurisdiction, flagged
    # cited without a date: a document known by its symbol, with its issuer and no guessed date
    assert rows["01/NQ-CP"]["issuerLabel"] == "Chính phủ" and "date" not in rows["01/NQ-CP"]


def test_project_legal_basis(store, catalogue):
    rows = run(store, catalogue, "project-legal-basis", project=EXPRESSWAY)
    basis = {(r["number"], r["date"], r["roleLabel"]) for r in rows}
    assert basis == {
        ("41/NQ-HĐND", "2022-12-30", "investment-policy approval"),
        ("58/NQ-HĐND", "2023-12-19", "investment-policy approval"),
        ("2014/QĐ-UBND", "2023-12-04", "project approval"),
        ("103/QĐ-UBND", "2024-01-17", "project approval"),
        ("427/QĐ-UBND", "2024-03-06", "project approval"),
    }
    assert all(r["source"] == "004_08bffe02da026834.txt" for r in rows)
    assert {r["issuerLabel"] for r in rows} == {"Hội đồng nhân dân tỉnh Lạng Sơn", "Ủy ban nhân dân tỉnh Lạng Sơn"}


def test_project_responsible_bodies(store, catalogue):
    rows = run(store, catalogue, "project-responsible-bodies", project=EXPRESSWAY)
    roles = {(r["organizationLabel"], r["roleLabel"]) for r in rows}
    assert ("Hội đồng nhân dân tỉnh Lạng Sơn", "Investment-policy approver") in roles
    assert ("Ủy ban nhân dân tỉnh Lạng Sơn", "Project approver") in roles
    smart_gate = run(store, catalogue, "project-responsible-bodies",
                     project=str(ID["project/cua-khau-thong-minh-huu-nghi"]))
    assert "Thủ tướng Chính phủ" in {r["organizationLabel"] for r in smart_gate}


def test_projects(store, catalogue):
    rows = {r["project"]: r for r in run(store, catalogue, "projects")}
    expressway = rows[EXPRESSWAY]
    assert "BOT" in expressway["investmentForm"]
    assert expressway["lengthKm"] == "59.87"
    assert expressway["totalInvestment"] == "11024.7"
    assert expressway["unitMult"] == "9" and expressway["unit"] == "VND"  # 11 024,7 tỷ đồng
    assert expressway["period"] == "2023–2026"
    assert expressway["kind"] == "Expressway"
    assert "PPP" in rows[str(ID["project/cao-toc-dong-dang-tra-linh"])]["investmentForm"]


def test_grdp_growth_2023(store, catalogue):
    rows = run(store, catalogue, "observations", indicator="ind:grdp-growth")
    hit = [r for r in rows if r["period"] == "2023" and r["source"] == "004_08bffe02da026834.txt"]
    assert len(hit) == 1
    assert hit[0]["value"] == "7.17" and hit[0]["valueKind"] == "actual"
    assert hit[0]["unit"] == "https://w3id.org/lskg/def/unit/percent"
    assert "(GRDP) đạt 7,17%" in hit[0]["quote"]
    assert hit[0]["subjectLabel"] == "Tỉnh Lạng Sơn"


def test_conflicts(store, catalogue):
    rows = run(store, catalogue, "conflicts")
    pairs = {(r["indicatorLabel"], r["period"], frozenset((r["value1"], r["value2"]))) for r in rows}
    grdp = next(r for r in rows if r["indicator"].endswith("/grdp-growth") and r["period"] == "2021")
    assert {grdp["value1"], grdp["value2"]} == {"6.76", "6.67"}
    assert {grdp["source1"], grdp["source2"]} == {"001_b1e20f47a2bd82ec.txt", "002_0dad21dd75ee0a8b.txt"}
    revenue = [r for r in rows if r["indicator"].endswith("/budget-revenue") and r["period"] == "2024"]
    assert {frozenset((r["value1"], r["value2"])) for r in revenue} == {frozenset(("9805.4", "10530.1"))}
    assert len(pairs) == len(rows)


def test_a_conflict_carries_each_value_with_its_scale(store, catalogue):
    """004 prints GRDP per head as "62,02 triệu đồng": the row says million (the SDMX power of ten and
    its code, which pages name), and so does its CSV."""
    rows = run(store, catalogue, "conflicts")
    per_head = next(r for r in rows if r["value1"] == "62.02")
    assert "GRDP bình quân đầu người ước 62,02 triệu đồng" in per_head["quote1"]
    assert (per_head["unitMult1"], per_head["scale1"]) == ("6", "http://purl.org/linked-data/sdmx/2009/code#unitMult-6")
    revenue = next(r for r in rows if r["value1"] == "10530.1")
    assert "10.530,1 tỷ đồng" in revenue["quote1"]
    assert (revenue["unitMult1"], revenue["unitMult2"]) == ("9", "9")
    saved = catalogue.get("conflicts")
    buf = io.StringIO()
    write_result(store.query(saved.text, {}), "csv", buf)
    row = next(r for r in csv.DictReader(io.StringIO(buf.getvalue())) if r["value1"] == "62.02")
    assert (row["unitMult1"], row["unitMult2"]) == ("6", "6")


def test_observations_carry_their_multiplier(store, catalogue):
    rows = run(store, catalogue, "observations")
    usd = next(r for r in rows if r["asReported"] == "2.539 USD")
    assert usd["unitMult"] == "0" and "scale" not in usd  # no scale word: a power of ten of 0, no code
    exports = next(r for r in rows if r["asReported"] == "5,3 tỷ USD")
    assert (exports["unitMult"], exports["scale"]) == ("9", "http://purl.org/linked-data/sdmx/2009/code#unitMult-9")


def test_indicator_series_keeps_both_values(store, catalogue):
    rows = run(store, catalogue, "indicator-series", indicator="ind:grdp-growth")
    y2021 = {(r["value"], r["source"]) for r in rows if r["period"] == "2021"}
    assert ("6.76", "001_b1e20f47a2bd82ec.txt") in y2021 and ("6.67", "002_0dad21dd75ee0a8b.txt") in y2021
    targets = [r for r in rows if r["valueKind"] == "target" and r["period"] == "2025"]
    assert targets and targets[0]["value"] == "8"


def test_every_quote_is_the_text_at_its_offsets(build_result):
    """MODELLING §1.3: `text[start:end] == exact` for every segment in the graph."""
    ds = Dataset()
    ds.parse(build_result.release / "dataset.nq", format="nquads")
    texts, source_of, selectors = {}, {}, {}
    exact, start, end = {}, {}, {}
    for s, p, o, _g in ds.quads((None, None, None, None)):
        if p == LSKG.text:
            texts[s] = str(o)
        elif p == OA.hasSource:
            source_of[s] = o
        elif p == OA.hasSelector:
            selectors.setdefault(s, []).append(o)
        elif p == OA.exact:
            exact[s] = str(o)
        elif p == OA.start:
            start[s] = int(o)
        elif p == OA.end:
            end[s] = int(o)
    checked = 0
    for seg, sels in selectors.items():
        quote = next(exact[x] for x in sels if x in exact)
        s = next(start[x] for x in sels if x in start)
        e = next(end[x] for x in sels if x in end)
        assert texts[source_of[seg]][s:e] == quote, seg
        checked += 1
    assert checked > 500


def test_csv_has_a_header_and_plain_values(store, catalogue):
    saved = catalogue.get("legal-documents")
    buf = io.StringIO()
    write_result(store.query(saved.text, {}), "csv", buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert list(rows[0])[:8] == ["document", "number", "type", "typeLabel", "date", "issuer", "issuerLabel", "title"]
    row = next(r for r in rows if r["number"] == "236/QĐ-TTg")
    assert row["document"] == "https://w3id.org/lskg/id/legal/vn/2024/qd-236-ttg"
    assert row["date"] == "2024-03-19"


def test_rebuild_is_byte_identical(build_result, paths, tmp_path):
    from lskg.pipeline import build

    registry = tmp_path / "iris.tsv"
    registry.write_bytes((build_result.release.parent.parent / "iris.tsv").read_bytes())
    again = build(paths.sources, tmp_path / "out", paths, registry_path=registry)
    assert (again.release / "dataset.nq").read_bytes() == (build_result.release / "dataset.nq").read_bytes()


def test_summary_reports_unresolved_and_counts(build_result):
    s = build_result.summary
    assert s["unresolved_references"] == []  # every numbered reference of a known type is a document
    assert s["quarantined"] == []
    assert s["classes"]["eli:LegalResource"] >= 25
    assert s["validation"]["violations"] == 0
    # the projects of the corpus are reference data; what the pattern finds beside them are the
    # programmes and schemes the reports name (a programme is a project of its own kind)
    projects = {label for iri, label in s["candidates"].items() if "/project/" in iri}
    assert {"Chương trình phục hồi và phát triển kinh tế - xã hội", "Đề án Khám chữa bệnh từ xa",
            "Đề án phát triển giao thông nông thôn giai đoạn 2021 - 2025"} <= projects


def test_shacl_report_names_label_message_and_sentence(reference_graph, paths):
    g = Graph()
    doc = ID["legal/vn/2099/nq-1-cp"]
    seg = ID["source/x/char/0-10"]
    src = ID["source/x"]
    g.add((doc, RDF.type, ELI.LegalResource))
    g.add((doc, ELI.id_local, Literal("1/NQ-CP")))  # numbered, undated, no issuer: fine; no type: not
    g.add((doc, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), Literal("Nghị quyết 1/NQ-CP", lang="vi")))
    g.add((doc, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), seg))
    g.add((seg, RDF.type, LSKG.TextSegment))
    g.add((seg, OA.hasSource, src))
    g.add((seg, OA.hasSelector, URIRef(f"{seg}#quote")))
    g.add((URIRef(f"{seg}#quote"), OA.exact, Literal("Nghị quyết số 1/NQ-CP")))
    g.add((src, RDF.type, LSKG.SourceDocument))
    g.add((src, LSKG.fileName, Literal("x.txt")))
    shapes = Graph().parse(paths.shapes)
    report = validate_graph(g, shapes, reference_graph, own_nodes_only=True)
    assert not report.conforms
    text = report.text()
    assert "Nghị quyết 1/NQ-CP" in text
    assert "Văn bản cần đúng một loại văn bản (eli:type_document) trong danh mục loại văn bản" in text
    assert "A document needs exactly one eli:type_document from the doc-type scheme" in text
    # a missing date or issuer is no violation: the genre cites many documents by number alone
    assert not any(r.path and r.path.endswith(("date_document", "passed_by")) for r in report.results)
    assert "x.txt: “Nghị quyết số 1/NQ-CP”" in text


NO_BASIS = "No legal basis or responsible body found for this project in the sources"


def _without_basis(report) -> set[str]:
    return {r.focus for r in report.results if r.message_en == NO_BASIS}


def test_a_project_is_judged_on_the_links_of_every_source(build_result):
    """The reference data names the expressway, the smart border gate and KCN Hữu Lũng; 004 gives the
    expressway its five documents and two bodies, other sources the others' bodies: none of them lacks a
    basis. The Bắc Giang – Lạng Sơn expressway is named but no source gives it one, nor does any give one
    to the tele-medicine scheme that 001 alone names."""
    lacking = _without_basis(build_result.report)
    assert not lacking & {EXPRESSWAY, str(ID["project/cua-khau-thong-minh-huu-nghi"]), str(ID["project/kcn-huu-lung"])}
    assert str(ID["project/cao-toc-bac-giang-lang-son"]) in lacking
    assert str(ID["project/de-an-kham-chua-benh-tu-xa"]) in lacking


def test_lskg_validate_judges_projects_as_the_build_does(build_result, reference_graph, paths):
    ds = Dataset()
    ds.parse(build_result.release / "dataset.nq", format="nquads")
    graphs = {g.identifier: Graph() + g for g in ds.graphs() if len(g)}
    curated = graphs.pop(CURATED_GRAPH)
    reference = graphs.pop(REFERENCE_GRAPH)
    shapes = Graph().parse(paths.shapes)
    report = validate_release(reference, list(graphs.values()), curated, shapes)
    assert _without_basis(report) == _without_basis(build_result.report)
    # alone, the reference data says nothing of any project's basis: that is for the release
    assert not _without_basis(validate_graph(Graph() + reference_graph, shapes))


def test_a_link_or_a_role_without_its_sentence_is_a_violation(reference_graph, paths):
    """The saved queries join each link to its statement's sentence (an inner join): the shapes
    make sure there is one. Only the second link below has its statement."""
    prov = Namespace("http://www.w3.org/ns/prov#")
    g = Graph()
    project, org, assoc = ID["project/du-an-x"], ID["org/tinh-lang-son/ubnd"], ID["project/du-an-x/role/1"]
    bare, said = ID["legal/vn/2099/nq-1-cp"], ID["legal/vn/2099/nq-2-cp"]
    seg = ID["source/x/char/0-10"]
    g.add((seg, RDF.type, LSKG.TextSegment))
    g.add((project, RDF.type, LSKG.InvestmentProject))
    g.add((project, LSKG.hasLegalBasis, bare))
    g.add((project, LSKG.hasLegalBasis, said))
    stmt = ID["statement/1"]
    for triple in ((stmt, RDF.type, RDF.Statement), (stmt, RDF.subject, project),
                   (stmt, RDF.predicate, LSKG.hasLegalBasis), (stmt, RDF.object, said),
                   (stmt, prov.wasDerivedFrom, seg)):
        g.add(triple)
    g.add((project, prov.qualifiedAssociation, assoc))
    g.add((assoc, RDF.type, prov.Association))
    g.add((assoc, prov.agent, org))
    g.add((assoc, prov.hadRole, LSKG.leadAgency))
    shapes = Graph().parse(paths.shapes)
    report = validate_graph(g, shapes, reference_graph, own_nodes_only=True)
    messages = {(str(r.focus), r.message_en) for r in report.violations}
    assert (str(project), "A relation has no statement pointing to its source sentence") in messages
    assert (str(assoc), "A role must point to its source sentence") in messages
    g.add((ID["statement/2"], RDF.subject, project))
    for triple in ((ID["statement/2"], RDF.type, RDF.Statement), (ID["statement/2"], RDF.predicate, LSKG.hasLegalBasis),
                   (ID["statement/2"], RDF.object, bare), (ID["statement/2"], prov.wasDerivedFrom, seg)):
        g.add(triple)
    g.add((assoc, prov.wasDerivedFrom, seg))
    report = validate_graph(g, shapes, reference_graph, own_nodes_only=True)
    left = {r.message_en for r in report.violations}
    assert not left & {"A relation has no statement pointing to its source sentence", "A role must point to its source sentence"}


def test_proposed_projects_and_statuses(store, catalogue):
    # document 004: "Đề nghị Trung ương, Chính phủ xem xét đầu tư …: (1) Dự án cao tốc Lạng Sơn - Tiên Yên …;
    # (2) Đầu tư cải tạo, nâng cấp tuyến Quốc lộ 1B" - the expressway named as a starting point is not proposed
    status = {r["label"]: r.get("status", "") for r in run(store, catalogue, "projects")}
    assert status["Dự án cao tốc Lạng Sơn - Tiên Yên"] == "Proposed"
    assert status["Dự án cải tạo, nâng cấp tuyến Quốc lộ 1B"] == "Proposed"
    assert status["Dự án tuyến cao tốc cửa khẩu Hữu Nghị - Chi Lăng"] == "Under construction"
    assert status["Nhà máy thủy điện Bản Nhùng"] == "Operating"  # "đưa … phát điện thương mại" (000, 003)
    assert status["Tuyến cao tốc Bắc Giang - Lạng Sơn"] == "Completed"  # "đầu tư xây dựng hoàn thành" (001)


def test_border_markers_are_linked(store):
    rows = store.query("""PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX lskg: <https://w3id.org/lskg/def#>
        SELECT DISTINCT ?e WHERE { ?m oa:hasBody ?e . ?e a lskg:BorderMarker }""").rows
    # "khu vực mốc 1119-1120, 1088/2-1089" (documents 003 and 004)
    assert {r["e"].value.rsplit("/", 1)[-1] for r in rows} == {"1119", "1120", "1088-2", "1089"}


def test_a_violation_fails_the_build_and_keeps_the_previous_release(paths, tmp_path, build_result):
    """With --strict, a stricter shapes file (every document must be dated 2099) fails the build:
    readable report, nothing switched, no partial release left behind (without it, the sources
    would be quarantined: tests/test_quarantine.py)."""
    import shutil

    from lskg.pipeline import BuildFailed, build

    root = tmp_path / "root"
    shutil.copytree(paths.root / "ontology", root / "ontology")
    shutil.copytree(paths.root / "data" / "reference", root / "data" / "reference")
    shutil.copytree(paths.root / "queries", root / "queries")
    with (root / "ontology" / "shapes.ttl").open("a", encoding="utf-8") as fh:
        fh.write('''
lskg:StrictDateShape a sh:NodeShape ; sh:targetClass eli:LegalResource ;
    sh:property [ sh:path eli:date_document ; sh:minInclusive "2099-01-01"^^xsd:date ;
        sh:message "Ngày ban hành phải từ năm 2099"@vi , "The document date must be 2099 or later"@en ] .
''')
    # one source is enough to fail: 004 cites 11-NQ/TW with its date (the rest of the corpus would
    # only add to the report and to the time)
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(paths.sources / "004_08bffe02da026834.txt", sources)
    out = build_result.release.parent.parent
    before = (out / "current").resolve()
    releases = sorted(p.name for p in (out / "releases").iterdir())
    with pytest.raises(BuildFailed) as failure:
        build(sources, out, Paths(root), registry_path=tmp_path / "iris.tsv", strict=True)
    text = failure.value.report.text()
    assert "Nghị quyết 11-NQ/TW" in text  # the focus node's label
    assert "Ngày ban hành phải từ năm 2099" in text and "The document date must be 2099 or later" in text
    assert "Nghị quyết số 11-NQ/TW, ngày 10/02/2022 của Bộ Chính trị" in text  # the source sentence
    assert (out / "current").resolve() == before
    assert sorted(p.name for p in (out / "releases").iterdir()) == releases


def test_the_conflicts_summary_reads_objects_from_nquads_lines():
    """The build finds what the `conflicts` query reads by passes over dataset.nq (nquads.walk.within):
    an IRI object is followed, a literal (even one holding '> ') or a blank node is not."""
    from lskg.nquads.walk import object_iri

    def obj(line: bytes) -> bytes:
        return object_iri(line, line.find(b" "))

    assert obj(b"<https://x/obs> <https://x/p> <https://x/seg> <https://x/g> .\n") == b"<https://x/seg>"
    assert obj(b'<https://x/obs> <https://x/p> "a> b <c>"@vi <https://x/g> .\n') == b""
    assert obj(b"<https://x/obs> <https://x/p> _:b0 <https://x/g> .\n") == b""
    assert obj(b"_:b1 <https://x/p> <https://x/o> .\n") == b"<https://x/o>"
