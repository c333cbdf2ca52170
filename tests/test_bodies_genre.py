"""Bodies, places and border gates of any province, read by the genre's grammar (extract/organisations.py,
extract/places.py), one test per hard case of the development set (../shared/devset/README.md §5, §6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lskg.extract.context import SourceText
from lskg.extract.entities import EntityExtractor
from lskg.pipeline import jurisdiction_of
from lskg.sources import Source
from lskg.text.normalise import normalise_text

from .conftest import source_text



@pytest.fixture(scope="module")
def records(devset):
    return devset


@pytest.fixture(scope="module")
def extractor(reference) -> EntityExtractor:
    return EntityExtractor(reference)


def found(records, extractor, reference, rid: str, kind: str) -> dict[str, str]:
    """quote -> label of the mentions of one kind in a record, read as a source of its province."""
    text = normalise_text(records[rid]["text"])
    src = SourceText("test", text, jurisdiction_of(Source(Path("t.txt"), text, "t"), reference), f"{rid}.txt")
    mentions, _ = extractor.extract(src)
    return {text[m.span.start:m.span.end]: m.label or reference.label(m.key)
            for m in mentions if m.kind == kind}


def test_a_province_merged_away_in_2025_is_the_texts_jurisdiction(records, reference):
    text = normalise_text(records["dc021"]["text"])  # Vĩnh Long, merged into Vĩnh Long + Bến Tre + Trà Vinh
    assert jurisdiction_of(Source(Path("t.txt"), text, "t"), reference) == "place/tinh-vinh-long"


def test_another_provinces_body_with_its_place_printed(records, extractor, reference):
    orgs = found(records, extractor, reference, "db009", "organisation")
    assert orgs["UBND tỉnh Hà Giang"] == "Ủy ban nhân dân tỉnh Hà Giang"


def test_a_place_left_out_is_the_texts_province(records, extractor, reference):
    orgs = found(records, extractor, reference, "dc021", "organisation")
    assert orgs["Sở Tài chính"] == "Sở Tài chính tỉnh Vĩnh Long"
    assert orgs["UBND tỉnh"] == "Ủy ban nhân dân tỉnh Vĩnh Long"
    assert orgs["Kho bạc Nhà nước Vĩnh Long"] == "Kho bạc Nhà nước tỉnh Vĩnh Long"
    assert orgs["UBND huyện Long Hồ"] == "Ủy ban nhân dân huyện Long Hồ"


def test_a_capital_letter_heading_is_the_same_body(records, extractor, reference):
    orgs = found(records, extractor, reference, "dc034", "organisation")
    assert orgs["HỘI ĐỒNG NHÂN DÂN TỈNH TIỀN GIANG"] == "Hội đồng nhân dân tỉnh Tiền Giang"


def test_an_abbreviated_field_keeps_the_reference_body(records, extractor, reference):
    text = normalise_text(records["da043"]["text"])
    src = SourceText("test", text, jurisdiction_of(Source(Path("t.txt"), text, "t"), reference), "da043.txt")
    mentions, _ = extractor.extract(src)
    iris = {text[m.span.start:m.span.end]: m.key for m in mentions}
    assert iris["Sở KH&ĐT tỉnh Lạng Sơn"] == "org/tinh-lang-son/so-ke-hoach-va-dau-tu"


def test_words_glued_by_ocr_still_name_the_committee(records, extractor, reference):
    orgs = found(records, extractor, reference, "dc034", "organisation")
    assert orgs["Ban Vănhóa - Xã hội"] == "Ban Văn hóa - Xã hội"
    assert orgs["Ban Kinh tế - Ngân sách"] == "Ban Kinh tế - Ngân sách"


def test_a_part_of_a_body_is_named_with_the_body(records, extractor, reference):
    orgs = found(records, extractor, reference, "dc021", "organisation")
    assert orgs["Văn phòng UBND tỉnh"] == "Văn phòng Ủy ban nhân dân tỉnh Vĩnh Long"


def test_company_names_with_small_letters_and_a_verb_after_them(records, extractor, reference):
    orgs = found(records, extractor, reference, "dc015", "organisation")
    assert "Công ty Cổ phần Idico Vinh Quang" in orgs  # "... Idico Vinh Quang đầu tư": the verb is not the name
    orgs = found(records, extractor, reference, "da028", "organisation")
    assert orgs["Công ty CP Đầu tư xây dựng và phát triển nhà Sài Gòn – Hà Nội"] == (
        "Công ty cổ phần Đầu tư xây dựng và phát triển nhà Sài Gòn - Hà Nội")


def test_a_persons_name_after_a_body_is_not_the_bodys(records, extractor, reference):
    orgs = found(records, extractor, reference, "db009", "organisation")
    assert "Ban quản lý khu kinh tế cửa khẩu Thanh Thủy" in orgs


def test_a_gate_inside_an_organisations_name(records, extractor, reference):
    orgs = found(records, extractor, reference, "db023", "organisation")
    gates = found(records, extractor, reference, "db023", "border-gate")
    assert orgs["Chi cục Hải quan cửa khẩu Móng Cái"] == "Chi cục Hải quan cửa khẩu Móng Cái"
    assert gates["Móng Cái"] == "Cửa khẩu Móng Cái" and gates["Bắc Luân II"] == "Cửa khẩu Bắc Luân II"


def test_gates_listed_after_one_gate_word(records, extractor, reference):
    gates = found(records, extractor, reference, "da003", "border-gate")
    assert {"Chi Ma", "Hữu Nghị", "Tân Thanh", "Cốc Nam", "Ga Đồng Đăng"} <= set(gates)
    gates = found(records, extractor, reference, "da040", "border-gate")  # "... thuộc Cao Bằng như Trà Lĩnh ..."
    assert {"Trà Lĩnh", "Tà Lùng"} <= set(gates)


def test_a_town_sharing_a_gates_name_is_a_place(records, extractor, reference):
    assert not found(records, extractor, reference, "da044", "border-gate")
    assert "thị trấn Đồng Đăng" in found(records, extractor, reference, "da044", "place")


def test_an_elliptical_list_of_departments(reference):
    # own wording: "các Sở: Ngoại vụ, Công Thương, Xây dựng" names three departments of the province
    src = source_text("UBND tỉnh giao các Sở: Ngoại vụ, Công Thương, Xây dựng phối hợp thực hiện.")
    mentions, _ = EntityExtractor(reference).extract(src)
    labels = [m.label or reference.label(m.key) for m in mentions if m.kind == "organisation"]
    assert labels == ["Ủy ban nhân dân tỉnh Lạng Sơn", "Sở Ngoại vụ tỉnh Lạng Sơn", "Sở Công Thương tỉnh Lạng Sơn",
                      "Sở Xây dựng tỉnh Lạng Sơn"]


def test_coordinated_ellipsis_shares_the_place(reference):
    # own wording: "Tỉnh ủy, HĐND và UBND tỉnh Cao Bằng": all three are Cao Bằng's
    src = SourceText("test", "Tỉnh ủy, HĐND và UBND tỉnh Cao Bằng đã thống nhất.", "place/viet-nam", "t.txt")
    mentions, _ = EntityExtractor(reference).extract(src)
    assert [m.key for m in mentions if m.kind == "organisation"] == [
        "org/tinh-cao-bang/tinh-uy", "org/tinh-cao-bang/hdnd", "org/tinh-cao-bang/ubnd"]


def test_a_plural_or_a_law_title_names_no_body(reference):
    # own wording: "UBND các huyện" is many bodies; "Luật Tổ chức HĐND và UBND" names none
    src = source_text("UBND các huyện thực hiện Luật Tổ chức HĐND và UBND (26/11/2003).")
    mentions, _ = EntityExtractor(reference).extract(src)
    assert [m for m in mentions if m.kind == "organisation"] == []


def test_a_central_documents_dateline_is_not_its_jurisdiction(records, reference):
    text = normalise_text(records["dc027"]["text"])  # "Hà Nội, ngày ..." once, "tỉnh Điện Biên" once
    assert jurisdiction_of(Source(Path("t.txt"), text, "t"), reference) == "place/tinh-dien-bien"


def test_district_party_committees_and_an_amount_after_a_name(reference):
    # own wording
    src = source_text("Huyện ủy Văn Quan họp; Tập đoàn Vingroup đầu tư 2.000 tỷ đồng vào Khu công nghiệp.")
    mentions, _ = EntityExtractor(reference).extract(src)
    assert [(src.quote(m.span), m.label) for m in mentions if m.kind == "organisation"] == [
        ("Huyện ủy Văn Quan", "Huyện ủy Văn Quan"), ("Tập đoàn Vingroup", "Tập đoàn Vingroup")]
    assert [m.key for m in mentions if m.kind == "organisation"][0] == "org/huyen-van-quan/huyen-uy"


def test_a_country_after_the_gate_word_is_no_gate(reference):
    # own wording: "cửa khẩu Việt Nam - Trung Quốc" speaks of the border, it names no gate
    src = source_text("Hàng hóa qua các cửa khẩu Việt Nam - Trung Quốc tăng 12%.")
    mentions, _ = EntityExtractor(reference).extract(src)
    assert [m for m in mentions if m.kind == "border-gate"] == []


def test_a_text_naming_no_province_keeps_its_bodies_to_itself(records, extractor, reference):
    # dd034 never names its province: "UBND tỉnh" is that source's provincial committee, not a guessed one
    text = normalise_text(records["dd034"]["text"])
    src = SourceText("dd034key", text, jurisdiction_of(Source(Path("t.txt"), text, "t"), reference), "dd034.txt")
    mentions, _ = extractor.extract(src)
    ubnd = [m for m in mentions if src.quote(m.span) == "UBND tỉnh"]
    assert ubnd and {(m.key, m.label) for m in ubnd} == {("org/source-dd034key/ubnd", "Ủy ban nhân dân tỉnh")}


def test_district_divisions_and_event_boards(extractor, reference):
    # written for this test: a district's division with its district left out is the source's (which district
    # only the source knows); "Ban Tổ chức" of a festival is no Party board, "Ban Tổ chức Tỉnh ủy" is; the
    # national motto set in capitals names no body
    text = normalise_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTheo Phòng Tài chính - Kế hoạch huyện, Ban Tổ chức "
                          "lễ hội đã đón 120 đoàn. Ban Tổ chức Tỉnh ủy Tuyên Quang họp.")
    src = SourceText("k1", text, jurisdiction_of(Source(Path("t.txt"), text, "t"), reference), "t.txt")
    mentions, _ = extractor.extract(src)
    orgs = {text[m.span.start:m.span.end]: (m.label or reference.label(m.key), m.key)
            for m in mentions if m.kind == "organisation"}
    assert orgs["Phòng Tài chính - Kế hoạch huyện"][1].startswith("org/source-k1/")
    assert orgs["Ban Tổ chức Tỉnh ủy Tuyên Quang"][0] == "Ban Tổ chức Tỉnh ủy Tuyên Quang"
    assert set(orgs) == {"Phòng Tài chính - Kế hoạch huyện", "Ban Tổ chức Tỉnh ủy Tuyên Quang"}
