"""The citation grammar of the genre, one test per hard case, on real sentences of the annotated devset.

Each test reads a record of `../shared/devset/records.jsonl` (skipped when the devset is absent), runs the
extractors the build runs (entities first, then legal references with the bodies found) and asserts the
number, date and issuer the text gives (devset README, "Legal documents" and hard cases 1-4).
"""

from __future__ import annotations

import unicodedata
from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF

from lskg.extract.context import SourceText
from lskg.extract.legal_refs import LegalReferenceExtractor
from lskg.graph.citations import CitationIndex
from lskg.pipeline import Extractors, jurisdiction_of
from lskg.sources import Source
from lskg.vocab import DT, ELI, ID, LSKG

from .conftest import source_text


PM = "org/thu-tuong-chinh-phu"
GOVERNMENT = "org/chinh-phu"


@pytest.fixture(scope="module")
def documents(reference, devset):
    texts = {rid: unicodedata.normalize("NFC", rec["text"]) for rid, rec in devset.items()}
    extractors = Extractors(reference)

    @lru_cache(maxsize=None)
    def of(record_id: str):
        text = texts[record_id]
        source = Source(Path(f"{record_id}.txt"), text, record_id)
        src = SourceText(record_id, text, jurisdiction_of(source, reference), source.file_name)
        return extractors.run(src).documents

    return of


def one(documents, record_id: str, number: str):
    """The mention of `number` that carries the most (a dated, issued one when there is one)."""
    found = [d for d in documents(record_id) if d.id_local == number]
    assert found, f"{number} not found in {record_id}: {[d.id_local for d in documents(record_id)]}"
    return max(found, key=lambda d: (d.date is not None, d.issuer is not None))


def test_space_inside_a_symbol(documents):
    # "Quyết định số 1601/QĐ- TTg do Thủ tướng Chính phủ ký ngày 07/11/2008"
    d = one(documents, "da017", "1601/QĐ-TTg")
    assert (d.doc_type, d.date, d.issuer, d.issuer_source) == ("qd", date(2008, 11, 7), PM, "text")


def test_space_before_the_slash_in_a_heading(documents):
    # "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK\nSố: 02 /BC-UBND — Đắk Lắk, ngày 05 tháng 01 năm 2015"
    d = one(documents, "dd024", "02/BC-UBND")
    assert d.doc_type == "bc" and d.date == date(2015, 1, 5)


def test_fraction_slash(documents):
    # "Ngày 25 tháng 02 năm 2021, Thủ tướng Chính phủ ký Quyết định số 259⁄QĐ-TTg"
    d = one(documents, "db017", "259/QĐ-TTg")
    assert (d.date, d.issuer, d.issuer_source) == (date(2021, 2, 25), PM, "text")


def test_spaced_party_symbol(documents):
    # "Kết luận số 100 - KL/TW mà Ban Bí thư ban hành ngày 18/8/2014"
    d = one(documents, "dc018", "100-KL/TW")
    assert (d.doc_type, d.date, d.issuer) == ("kl", date(2014, 8, 18), "org/ban-bi-thu")


def test_bare_number_after_a_type_word(documents):
    # "Theo Thông báo số 203 do Thường trực HĐND tỉnh ban hành ngày 18.4.2019" (dd.mm.yyyy)
    d = one(documents, "da014", "203")
    assert (d.doc_type, d.family, d.date) == ("tb", "bare", date(2019, 4, 18))
    assert d.issuer == "org/tinh-lang-son/thuong-truc-hdnd"
    # "… trong Nghị quyết 98 về thí điểm cơ chế …": a document, with neither date nor issuer
    d = one(documents, "dc045", "98")
    assert (d.doc_type, d.date, d.issuer) == ("nq", None, None)


def test_bare_numbers_that_are_not_documents(documents):
    # "thu ngân sách của thành phố mới được 18.000-19.000 tỷ đồng": an amount, not "Nghị quyết 18"
    numbers = [d.id_local for d in documents("dc044")]
    assert "18" in numbers and "18.000" not in numbers and "19.000" not in numbers
    assert all(not n.startswith(("2025", "2030")) for n in numbers)


def test_law_cited_by_name_and_number(documents):
    # "Luật Đầu tư công số 39/2014/QH14 ngày 13/6/2019": the date as written, even against the symbol's year
    d = one(documents, "dc003", "39/2014/QH14")
    assert (d.doc_type, d.date) == ("luat", date(2019, 6, 13))


def test_date_after_ma_issuer_ban_hanh_ngay(documents):
    # "Nghị định 108/2006/NĐ-CP mà Chính phủ ban hành ngày 22/9/2006"
    d = one(documents, "da017", "108/2006/NĐ-CP")
    assert (d.date, d.issuer, d.issuer_source) == (date(2006, 9, 22), GOVERNMENT, "text")


def test_date_in_brackets(documents):
    # "Văn phòng UBND tỉnh vừa có Công văn số 2881/VP-KGVX (ngày 07/5/2025)"
    assert one(documents, "da022", "2881/VP-KGVX").date == date(2025, 5, 7)
    # "Công văn số 1769/BCT-XNK (10/3/2014)"
    assert one(documents, "db022", "1769/BCT-XNK").date == date(2014, 3, 10)


def test_ky_ngay_and_de_ngay(documents):
    # "Quyết định số 13/2012/QĐ-UBND của Ủy ban nhân dân tỉnh Lạng Sơn, ký ngày 21 tháng 5 năm 2012"
    d = one(documents, "da017", "13/2012/QĐ-UBND")
    assert (d.date, d.issuer) == (date(2012, 5, 21), "org/tinh-lang-son/ubnd")
    # "Tờ trình số 49/TTr-SKHĐT đề ngày 10/5/2012 của Giám đốc Sở Kế hoạch và Đầu tư"
    assert one(documents, "da017", "49/TTr-SKHĐT").date == date(2012, 5, 10)


def test_do_body_lap_ngay(documents):
    # "Báo cáo thẩm định số 41/BC-STP do Sở Tư pháp lập ngày 17/3/2014"
    assert one(documents, "db022", "41/BC-STP").date == date(2014, 3, 17)


def test_date_and_signer_before_the_reference(documents):
    # "Ngày 15/5/2023, Phó Thủ tướng Lê Minh Khai ký Quyết định số 501/QĐ-TTg": the signer is kept,
    # the authority is the issuer
    d = one(documents, "da024", "501/QĐ-TTg")
    assert (d.date, d.issuer, d.signer) == (date(2023, 5, 15), PM, "Lê Minh Khai")
    # "Ngày 31 tháng 12 năm 2025, UBND tỉnh Lạng Sơn ban hành Kế hoạch số 333/KH-UBND … do ông Đoàn Thanh Sơn ký"
    d = one(documents, "da023", "333/KH-UBND")
    assert (d.date, d.issuer, d.signer) == (date(2025, 12, 31), "org/tinh-lang-son/ubnd", "Đoàn Thanh Sơn")


def test_heading_dateline(documents):
    # "Long An, ngày 08 tháng 12 năm 2016 — Nghị quyết số 50/2016/NQ-HĐND"
    assert one(documents, "dc001", "50/2016/NQ-HĐND").date == date(2016, 12, 8)
    # "Quyết định số 1593/QĐ-UBND của … \nNgày ban hành: 29/07/2021"
    assert one(documents, "db036", "1593/QĐ-UBND").date == date(2021, 7, 29)


def test_letterhead_issuer(documents):
    # "BỘ QUỐC PHÒNG — Số: 09/2016/TT-BQP — Hà Nội, ngày 03 tháng 02 năm 2016"
    d = one(documents, "dc041", "09/2016/TT-BQP")
    assert (d.doc_type, d.date, d.issuer, d.issuer_source) == (
        "tt", date(2016, 2, 3), "org/bo-quoc-phong", "text")


def test_one_date_shared_by_a_list(documents):
    # "các tờ trình số 58/TTr-UBND và 60/TTr-UBND cùng đề ngày 12 tháng 4 năm 2019"
    assert one(documents, "dc023", "58/TTr-UBND").date == date(2019, 4, 12)
    assert one(documents, "dc023", "60/TTr-UBND").date == date(2019, 4, 12)
    # "hai quyết định … cùng ký ngày 29/11/2016: Quyết định số 2309/QĐ-TTg …, và Quyết định số 2577/QĐ-BTC …"
    assert one(documents, "dc042", "2309/QĐ-TTg").date == date(2016, 11, 29)
    assert one(documents, "dc042", "2577/QĐ-BTC").date == date(2016, 11, 29)
    # "Hai quyết định 1199/QĐ-TTg và 1201/QĐ-TTg cùng được Thủ tướng chính phủ ký ngày 14 tháng 10 năm 2023"
    for number in ("1199/QĐ-TTg", "1201/QĐ-TTg"):
        assert (one(documents, "db018", number).date, one(documents, "db018", number).issuer) == (
            date(2023, 10, 14), PM)


def test_one_issuer_shared_by_an_announced_list(documents):
    # "bốn nghị định của Chính phủ, gồm: số 77/2015/NĐ-CP (10/9/2015) …; số 136/2015/NĐ-CP (31/12/2015) …"
    d = one(documents, "dc002", "136/2015/NĐ-CP")
    assert (d.doc_type, d.date, d.issuer) == ("nd", date(2015, 12, 31), GOVERNMENT)
    # "Nhóm thứ hai là các nghị định của Chính phủ:\n- Nghị định số 35/2023/NĐ-CP ngày 20 tháng 6 năm 2023 …"
    d = one(documents, "db012", "35/2023/NĐ-CP")
    assert (d.date, d.issuer) == (date(2023, 6, 20), GOVERNMENT)


def test_minister_instead_of_the_ministry(documents):
    # "Thông tư số 30/2015/TT-BTC mà Bộ trưởng Bộ Tài chính ban hành ngày 09/3/2015"
    d = one(documents, "dc005", "30/2015/TT-BTC")
    assert (d.date, d.issuer, d.issuer_source) == (date(2015, 3, 9), "org/bo-tai-chinh", "text")


def test_effect_date_is_not_the_issue_date(documents):
    # "Công văn số 6368/VPCP-CN của Văn phòng Chính phủ (ban hành và có hiệu lực ngày 11/09/2021, …)"
    assert one(documents, "dc024", "6368/VPCP-CN").date == date(2021, 9, 11)


def test_a_date_without_its_year_is_no_date(documents):
    # "Tờ trình 2268/TTr-UBND đề ngày 22 tháng 5 (năm ban hành tờ trình bị mất trong bản gốc)"
    assert one(documents, "db012", "2268/TTr-UBND").date is None


def test_look_alikes_are_not_documents(documents, reference):
    # periods and counts shaped like symbols: "giai đoạn 2016-2020", "vượt mốc 1.900 xe"
    for record_id in ("dc010", "da007"):
        assert not any(d.id_local.startswith(("2016", "2011", "1.900", "1900")) for d in documents(record_id))
    # border markers (devset README, hard case 4): "mốc 1088/2-1089", "1116-1117"
    text = "Đoàn kiểm tra số 3 đã kiểm tra các mốc 1088/2-1089, 1116-1117 trên tuyến biên giới."
    assert LegalReferenceExtractor(reference).extract(source_text(text))[0] == []


def _doc(g: Graph, iri: str, symbol: str, day: date | None, issuer: str | None = GOVERNMENT,
         place: str = "place/tinh-lang-son") -> URIRef:
    doc = URIRef(iri)
    source = URIRef(f"{iri}#source")
    g.add((source, RDF.type, LSKG.SourceDocument))
    g.add((source, DCTERMS.spatial, ID[place]))
    g.add((doc, RDF.type, ELI.LegalResource))
    g.add((doc, ELI.type_document, DT.nq))
    g.add((doc, ELI.id_local, Literal(symbol)))
    if issuer:
        g.add((doc, ELI.passed_by, ID[issuer]))
    if day:
        g.add((doc, ELI.date_document, Literal(day)))
    return doc


def test_undated_citation_across_sources():
    # one dated document with the symbol in the corpus: the undated citation is that document
    index = CitationIndex()
    a, b = Graph(), Graph()
    undated = _doc(a, "urn:x:undated", "01/NQ-CP", None)
    dated = _doc(b, "urn:x:2024", "01/NQ-CP", date(2024, 1, 5))
    index.add(a)
    index.add(b)
    links = index.resolve()
    assert (undated, OWL.sameAs, dated) in links
    # numbers restart every year: a second year's 01/NQ-CP makes the citation ambiguous, and it says so
    c = Graph()
    other = _doc(c, "urn:x:2025", "01/NQ-CP", date(2025, 1, 6))
    index.add(c)
    links = index.resolve()
    assert (undated, OWL.sameAs, None) not in links
    assert (undated, LSKG.ambiguousCitation, Literal(True)) in links
    assert set(links.objects(undated, LSKG.possibleDocument)) == {dated, other}
    # the two dated documents stay apart
    assert (dated, OWL.sameAs, None) not in links and (other, OWL.sameAs, None) not in links


def test_an_undated_citation_is_not_another_issuers_or_places_document():
    # every province has its 12/QĐ-UBND: a Cao Bằng text's undated one is not Lạng Sơn's dated one
    index = CitationIndex()
    a, b, c = Graph(), Graph(), Graph()
    cao_bang = _doc(a, "urn:x:cb", "12/QĐ-UBND", None, issuer=None, place="place/tinh-cao-bang")
    lang_son = _doc(b, "urn:x:ls", "12/QĐ-UBND", date(2024, 2, 1), issuer="org/tinh-lang-son/ubnd")
    other_issuer = _doc(c, "urn:x:hdnd", "12/QĐ-UBND", None, issuer="org/tinh-lang-son/hdnd")
    for g in (a, b, c):
        index.add(g)
    links = index.resolve()
    assert (cao_bang, None, None) not in links and (other_issuer, None, None) not in links
    # in a Lạng Sơn text, the same citation naming no issuer is the one dated document of its place
    d = Graph()
    here = _doc(d, "urn:x:here", "12/QĐ-UBND", None, issuer=None, place="place/tinh-lang-son")
    index.add(d)
    assert (here, OWL.sameAs, lang_son) in index.resolve()


def test_heading_document_dated_by_the_closing_formula(documents):
    # heading "(Điều 3, Điều 4 Nghị quyết số 57/NQ-HĐND)", and at the end "Nghị quyết được Hội đồng nhân dân
    # tỉnh Phú Yên khóa VII thông qua tại kỳ họp thứ 3 ngày 15/12/2016"
    assert one(documents, "dc043", "57/NQ-HĐND").date == date(2016, 12, 15)
