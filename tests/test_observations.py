"""Observations: indicator values found in report prose (extract/values/).

Sentences from data/sources are quoted literally; the paragraphs marked "own" are
written for these tests in the same genre with other wording, to show that nothing
depends on one document. The reference is the real one (ontology, code lists,
reference data), loaded once per session by conftest.
"""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal

import pytest

from lskg.extract.entities import EntityExtractor
from lskg.extract.values import extract_observations
from lskg.text.dates import Period, first_months, instant, year, years
from lskg.vocab import IND, UOM

from .conftest import LANG_SON, corpus_text, source_text

HUU_NGHI_CHI_LANG = "project/cao-toc-huu-nghi-chi-lang"
VIET_NAM = "place/viet-nam"


def ind(code: str) -> str:
    return str(IND[code])


def run(reference, text: str):
    """Observations and issues of one text, with project mentions filled as the pipeline does."""
    src = source_text(text)
    EntityExtractor(reference).extract(src)
    obs, issues = extract_observations(src, reference)
    for o in obs:  # every quote is a real span of the text, and holds the number
        assert 0 <= o.evidence.start <= o.span.start < o.span.end <= o.evidence.end <= len(src.text)
        assert o.as_reported in src.text[o.evidence.start:o.evidence.end]
    return src, obs, issues


def corpus(reference, name: str):
    src = corpus_text(name)
    EntityExtractor(reference).extract(src)
    obs, issues = extract_observations(src, reference)
    return src, obs, issues


def derived(o) -> str | None:
    """The IRI the builder gives the indicator of a figure of a code-list indicator."""
    return f"{o.indicator}--{o.measure}" if o.indicator and o.measure else o.indicator


def find(obs, indicator: str, period: Period | None = None, subject: str = LANG_SON, kind: str | None = None):
    hits = [o for o in obs if derived(o) == ind(indicator) and o.subject == subject
            and (period is None or o.period == period) and (kind is None or o.value_kind == kind)]
    assert len(hits) == 1, f"{indicator} {period}: {[(o.period.key, o.value, o.value_kind) for o in hits]}"
    return hits[0]


def values(obs) -> set[Decimal]:
    return {o.value for o in obs}


# --------------------------------------------------------------------------- corpus sentences
GRDP_2023 = (
    "- Năm 2023, kinh tế phát triển khá toàn diện, tốc độ tăng tổng sản phẩm trên địa bàn (GRDP) đạt 7,17%, "
    "trong đó: Nông lâm nghiệp tăng 7,72%, công nghiệp - xây dựng tăng 7,78%, dịch vụ tăng 6,79%, thuế sản phẩm "
    "trừ trợ cấp sản phẩm tăng 5,31%. Cơ cấu kinh tế tiếp tục chuyển dịch theo hướng tích cực: Nông lâm nghiệp và "
    "thủy sản chiếm 21,69%, công nghiệp - xây dựng 23,26%, dịch vụ 50,55%, thuế sản phẩm trừ trợ cấp sản phẩm 4,5%. "
    "GRDP bình quân đầu người đạt 56,23 triệu đồng, tương đương 2.302 USD. Chỉ số năng lực cạnh tranh của tỉnh năm "
    "2023 xếp thứ 13/63 tỉnh, thành phố, tăng 02 bậc so với năm 2022."
)


def test_grdp_growth_sectors_and_structure_2023(reference):
    _, obs, _ = run(reference, GRDP_2023)
    y = year(2023)
    g = find(obs, "grdp-growth", y)
    assert (g.value, g.unit, g.value_kind, g.as_reported) == (Decimal("7.17"), str(UOM.percent), "actual", "7,17%")
    assert find(obs, "grdp-growth-agriculture", y).value == Decimal("7.72")
    assert find(obs, "grdp-growth-industry-construction", y).value == Decimal("7.78")
    assert find(obs, "grdp-growth-services", y).value == Decimal("6.79")
    assert find(obs, "grdp-growth-product-taxes", y).value == Decimal("5.31")
    # the structure sentence names no year: the year of the sentence before applies
    assert find(obs, "grdp-share-agriculture", y).value == Decimal("21.69")
    assert find(obs, "grdp-share-industry-construction", y).value == Decimal("23.26")
    assert find(obs, "grdp-share-services", y).value == Decimal("50.55")
    assert find(obs, "grdp-share-product-taxes", y).value == Decimal("4.5")
    pc = find(obs, "grdp-per-capita", y)
    assert (pc.value, pc.unit, pc.unit_mult) == (Decimal("56.23"), str(UOM.vnd), 6)
    usd = find(obs, "grdp-per-capita-usd", y)
    assert (usd.value, usd.unit, usd.unit_mult) == (Decimal("2302"), str(UOM.usd), 0)
    assert find(obs, "pci-rank", y).value == Decimal("13")
    # "13/63" gives the rank, not 63; "tăng 02 bậc" is no value
    assert Decimal("63") not in values(obs) and Decimal("2") not in values(obs)
    # a growth rate is not the change of a level: no derived "--change" indicator here
    assert not any(o.measure == "change" for o in obs)


GRDP_RATES_001 = (
    "Tốc độ tăng trưởng bình quân giai đoạn 2021 - 2023 đạt 6,98%, cao hơn 1,53% so với bình quân của nhiệm kỳ "
    "trước (năm 2021 (6,76%); năm 2022 (7,0%); năm 2023 (7,17%); cao hơn mức bình quân của cả nước năm 2023 (5,05%)."
)


def test_parenthesised_year_list_and_national_comparator(reference):
    _, obs, _ = run(reference, GRDP_RATES_001)
    assert find(obs, "grdp-growth", years(2021, 2023)).value == Decimal("6.98")
    assert find(obs, "grdp-growth", year(2021)).value == Decimal("6.76")
    assert find(obs, "grdp-growth", year(2022)).value == Decimal("7.0")
    assert find(obs, "grdp-growth", year(2023)).value == Decimal("7.17")
    # the national average is about Viet Nam, not the province
    assert find(obs, "gdp-growth", year(2023), subject=VIET_NAM).value == Decimal("5.05")
    # "cao hơn 1,53%" is a difference, not a value
    assert Decimal("1.53") not in values(obs)


def test_conflicting_sources_keep_their_own_value(reference):
    _, obs, _ = run(reference, "Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP) năm 2021 đạt 6,67%, tăng hơn 2 lần "
                               "so với năm 2020, xếp thứ 15 cả nước và thứ 3 khu vực trung du miền núi phía Bắc; "
                               "GRDP bình quân đầu người đạt 46,9 triệu đồng, tăng 2,6 triệu đồng so với năm trước.")
    assert find(obs, "grdp-growth", year(2021)).value == Decimal("6.67")
    assert find(obs, "grdp-per-capita", year(2021)).value == Decimal("46.9")
    # "tăng hơn 2 lần", "thứ 15", "thứ 3" are no values; the absolute change "tăng 2,6 triệu đồng"
    # is one in the genre ("nhiều hơn tháng trước 647 tỷ đồng"): a change of the level before it
    assert values(obs) == {Decimal("6.67"), Decimal("46.9"), Decimal("2.6")}
    change = next(o for o in obs if o.value == Decimal("2.6"))
    assert (derived(change), change.unit, change.unit_mult) == (ind("grdp-per-capita--change"), str(UOM.vnd), 6)


BUDGET_001 = (
    "Thu ngân sách của tỉnh năm 2020 đạt 7.126,1 tỷ đồng; năm 2021 đạt 10.795 tỷ đồng (tăng 34% so với năm 2020); "
    "năm 2022 đạt 7.910 tỷ đồng (đạt 100,76% dự toán); năm 2023 đạt 7.806,5 tỷ đồng (đạt 96,4% dự toán). Tổng thu "
    "ngân sách Nhà nước năm 2024 ước 9.805,4 tỷ đồng, đạt 131% dự toán, tăng 25,8% so với cùng kỳ, trong đó thu nội "
    "địa 3.195,6 tỷ đồng, đạt 128,6% dự toán, tăng 19,6%; thu từ hoạt động xuất nhập khẩu 6.600 tỷ đồng, đạt 132% "
    "dự toán, tăng 29,3%."
)


def test_budget_levels_shares_of_plan_and_changes(reference):
    _, obs, _ = run(reference, BUDGET_001)
    assert find(obs, "budget-revenue", year(2020)).value == Decimal("7126.1")
    assert find(obs, "budget-revenue", year(2021)).value == Decimal("10795")
    ch21 = find(obs, "budget-revenue--change", year(2021))
    assert (ch21.value, ch21.comparison_period) == (Decimal("34"), year(2020))
    assert find(obs, "budget-revenue--share-of-plan", year(2022)).value == Decimal("100.76")
    assert find(obs, "budget-revenue", year(2023)).value == Decimal("7806.5")
    b24 = find(obs, "budget-revenue", year(2024))
    assert (b24.value, b24.unit_mult, b24.value_kind, b24.as_reported) == (
        Decimal("9805.4"), 9, "estimate", "9.805,4 tỷ đồng")
    share = find(obs, "budget-revenue--share-of-plan", year(2024))
    assert (share.value, share.unit, share.value_kind) == (Decimal("131"), str(UOM.percent), "estimate")
    change = find(obs, "budget-revenue--change", year(2024))
    assert (change.value, change.comparison_period, change.value_kind) == (Decimal("25.8"), year(2023), "estimate")
    # components after "trong đó" have their own indicators
    assert find(obs, "budget-revenue-domestic", year(2024)).value == Decimal("3195.6")
    assert find(obs, "budget-revenue-domestic--change", year(2024)).value == Decimal("19.6")
    assert find(obs, "budget-revenue-import-export", year(2024)).value == Decimal("6600")
    assert find(obs, "budget-revenue-import-export--share-of-plan", year(2024)).value == Decimal("132")


def test_budget_as_at_a_date(reference):
    _, obs, _ = run(reference, "Tính đến ngày 30/12/2024, tổng thu ngân sách nhà nước trên địa bàn tỉnh là 10.530,1 "
                               "tỷ đồng, đạt 140,7% dự toán, tăng 35,1% so với năm 2023, trong đó: thu nội địa "
                               "2.954,1 tỷ đồng, đạt 118,9% dự toán, tăng 10,5% so với năm 2023; thu từ hoạt động "
                               "xuất nhập khẩu 7.565,2 tỷ đồng, đạt 151,3% dự toán, tăng 48,2%.")
    at = instant(date(2024, 12, 30))
    b = find(obs, "budget-revenue", at)
    assert (b.value, b.value_kind) == (Decimal("10530.1"), "actual")
    assert find(obs, "budget-revenue--share-of-plan", at).value == Decimal("140.7")
    assert find(obs, "budget-revenue--change", at).comparison_period == year(2023)
    assert find(obs, "budget-revenue-domestic", at).value_kind == "actual"  # "dự toán" after 140,7% is no cue


def test_tourists_in_millions_of_visits(reference):
    _, obs, _ = run(reference, "Du lịch tiếp tục phục hồi, tổng lượng khách du lịch đến Lạng Sơn trong năm 2024 "
                               "ước đạt 4,21 triệu lượt, tăng 7,6% so với 2023; doanh thu 4.350 tỷ đồng, tăng 38,8%.")
    t = find(obs, "tourists", year(2024))
    assert (t.value, t.unit, t.unit_mult, t.value_kind, t.as_reported) == (
        Decimal("4.21"), str(UOM.visit), 6, "estimate", "4,21 triệu lượt")
    assert find(obs, "tourists--change", year(2024)).comparison_period == year(2023)
    # "doanh thu" alone is generic; after a tourist count it is tourism revenue
    assert find(obs, "tourism-revenue", year(2024)).value == Decimal("4350")


def test_grdp_per_capita_is_not_income_per_capita(reference):
    _, obs, _ = run(reference, "Thu nhập bình quân đầu người giai đoạn 2021 - 2023 đạt 52,77 triệu đồng, tăng 38,5% "
                               "so với giai đoạn 2015 - 2020 (bình quân giai đoạn 2015 - 2020 là 38,1 triệu đồng) "
                               "(năm 2021 đạt 46,8 triệu đồng; năm 2022 đạt 51,72 triệu đồng; năm 2023 đạt 59,8 "
                               "triệu đồng).")
    assert find(obs, "income-per-capita", year(2023)).value == Decimal("59.8")
    assert find(obs, "income-per-capita", year(2022)).value == Decimal("51.72")
    assert find(obs, "income-per-capita", years(2021, 2023)).value == Decimal("52.77")
    assert find(obs, "income-per-capita", years(2015, 2020)).value == Decimal("38.1")
    assert find(obs, "income-per-capita--change", years(2021, 2023)).comparison_period == years(2015, 2020)
    assert not any(derived(o) == ind("grdp-per-capita") for o in obs)
    _, obs004, _ = run(reference, GRDP_2023)
    assert find(obs004, "grdp-per-capita", year(2023)).value == Decimal("56.23")


def test_trade_turnover_through_the_province_and_declared_at_customs(reference):
    _, obs, _ = run(reference, "Tính đến ngày 26/12/2024, tổng kim ngạch hàng hóa xuất nhập khẩu của tất cả các loại "
                               "hình qua địa bàn tỉnh đạt 66,9 tỷ USD, tăng 20,6% so với cùng kỳ năm 2023; riêng kim "
                               "ngạch hàng hóa mở tờ khai tại Cục Hải quan Lạng Sơn đạt 5,3 tỷ USD.")
    at = instant(date(2024, 12, 26))
    through = find(obs, "trade-turnover-through-province", at)
    assert (through.value, through.unit, through.unit_mult) == (Decimal("66.9"), str(UOM.usd), 9)
    assert find(obs, "trade-turnover-through-province--change", at).comparison_period == instant(date(2023, 12, 26))
    declared = find(obs, "trade-turnover-declared-lang-son-customs", at)
    assert declared.value == Decimal("5.3")


def test_target_range_and_at_least(reference):
    _, obs, _ = run(reference, "Trong đó, các cấp, các ngành, Nhân dân và cộng đồng doanh nghiệp cần đoàn kết, chung "
                               "sức, đồng lòng thực hiện tốt các nhiệm vụ, giải pháp đề ra để tập trung thúc đẩy tăng "
                               "trưởng kinh tế nhanh và bền vững, phấn đấu năm 2022 đạt tốc độ tăng trưởng tổng sản "
                               "phẩm trên địa bàn từ 7 đến 7,5%.")
    t = find(obs, "grdp-growth", year(2022))
    assert (t.value, t.upper, t.qualifier, t.value_kind, t.as_reported) == (
        Decimal("7"), Decimal("7.5"), "range", "target", "từ 7 đến 7,5%")
    _, obs, _ = run(reference, "Mục tiêu tổng quát là: Tập trung thúc đẩy tăng trưởng kinh tế nhanh và bền vững, phấn "
                               "đấu năm 2025, tốc độ tăng tổng sản phẩm trên địa bàn (GRDP) đạt từ 8% trở lên.")
    t = find(obs, "grdp-growth", year(2025))
    assert (t.value, t.upper, t.qualifier, t.value_kind, t.as_reported) == (
        Decimal("8"), None, "at-least", "target", "từ 8% trở lên")


def test_poverty_rate_change_in_percentage_points(reference):
    _, obs, _ = run(reference, "Năm 2024, toàn tỉnh có 18,5 nghìn lao động được giải quyết việc làm mới.\n"
                               "Các chương trình tín dụng chính sách xã hội, chương trình MTQG tiếp tục được triển "
                               "khai hiệu quả. Dự kiến hết năm có thêm ít nhất 9 xã và 15 thôn thuộc xã vùng I, II "
                               "thoát khỏi tình trạng đặc biệt khó khăn; tỷ lệ hộ nghèo của tỉnh giảm 2,66%, còn 3,36%.")
    level = find(obs, "poverty-rate", year(2024))
    assert (level.value, level.unit, level.value_kind) == (Decimal("3.36"), str(UOM.percent), "projection")
    # the genre prints a decrease as a positive figure after "giảm": a measure of its own
    change = find(obs, "poverty-rate--decrease", year(2024))
    assert (change.value, change.unit, change.comparison_period) == (
        Decimal("2.66"), str(UOM["percentage-point"]), year(2023))


def test_ambiguous_number_is_an_issue_not_a_value(reference):
    _, obs, issues = run(reference, "Kết quả đạt được đến tháng 10/2024: Đã bàn giao cho doanh nghiệp dự án được "
                                    "366.55/640,28ha đạt 57,24%; 39,9km/59,87km tổng chiều dài toàn tuyến, đạt 66,64%.")
    amb = [i for i in issues if i.kind == "ambiguous-number"]
    assert len(amb) == 1
    assert not any(o.as_reported.startswith("366") or o.value in (Decimal("366.55"), Decimal("36655")) for o in obs)
    # percentages of a fraction are no share of a plan: the genre counts them as rates of their own
    rates = [o for o in obs if o.value in (Decimal("57.24"), Decimal("66.64"))]
    assert rates and all(o.measure is None for o in rates)


def test_project_figures(reference):
    text = (
        "Trên địa bàn tỉnh Lạng Sơn có 01 dự án quan trọng quốc gia (Dự án tuyến cao tốc cửa khẩu Hữu Nghị - Chi Lăng "
        "theo hình thức BOT) có sức lan tỏa cao, có ý nghĩa thúc đẩy phát triển kinh tế - xã hội. Dự án có tổng chiều "
        "dài tuyến khoảng 59,87 km. Thời gian thực hiện năm 2023 - 2026. Tổng mức đầu tư giai đoạn phân kỳ là "
        "11.024,7 tỷ đồng²³.\n"
        "Kết quả đạt được đến tháng 10/2024: Đã bàn giao cho doanh nghiệp dự án được 366.55/640,28ha đạt 57,24%; "
        "39,9km/59,87km tổng chiều dài toàn tuyến, đạt 66,64%. Tổng nguồn vốn bố trí cho dự án trong năm 2024 sau "
        "điều chỉnh là 1.288,123 tỷ đồng. Kinh phí đã giải ngân lũy kế đến nay là 490,1/1.288,123 tỷ đồng đạt 38,0% "
        "kế hoạch vốn được giao (*trong đó: Ngân sách trung ương: 490 tỷ đồng, đạt 49%; ngân sách địa phương: 0,1 tỷ "
        "đồng, đạt 0,03%*)."
    )
    _, obs, _ = run(reference, text)
    p = years(2023, 2026)
    length = find(obs, "project-length", p, subject=HUU_NGHI_CHI_LANG)
    assert (length.value, length.qualifier, length.as_reported) == (Decimal("59.87"), "approximately", "khoảng 59,87 km")
    total = find(obs, "project-total-investment", p, subject=HUU_NGHI_CHI_LANG)
    assert (total.value, total.unit_mult, total.value_kind) == (Decimal("11024.7"), 9, "plan")
    oct_end = instant(date(2024, 10, 31))
    # the numerator of "39,9km/59,87km" is the route handed over; the total is the project length
    assert find(obs, "route-handed-over-length", oct_end, subject=HUU_NGHI_CHI_LANG).value == Decimal("39.9")
    assert find(obs, "project-disbursement", oct_end, subject=HUU_NGHI_CHI_LANG).value == Decimal("490.1")
    assert find(obs, "project-disbursement--share-of-plan", oct_end,
                subject=HUU_NGHI_CHI_LANG).value == Decimal("38.0")
    assert find(obs, "project-capital-allocated", year(2024), subject=HUU_NGHI_CHI_LANG).value == Decimal("1288.123")
    # the totals after "/" are not values; the breakdown by budget source is not the project's
    # disbursement but figures of their own, named by the text's words (uncurated indicators)
    assert Decimal("640.28") not in values(obs)
    parts = {o.indicator_label: o.value for o in obs if o.indicator is None and o.unit == str(UOM.vnd)}
    assert parts == {"ngân sách trung ương": Decimal("490"), "ngân sách địa phương": Decimal("0.1")}


def test_district_shares_of_a_project_are_not_project_totals(reference):
    _, obs, issues = run(reference, "Trong đó tính đến ngày 15/8/2024: (1) Dự án Tuyến cao tốc cửa khẩu Hữu Nghị - "
                                    "Chi Lăng theo hình thức BOT: Địa phận huyện Chi Lăng tổng diện tích thu hồi đã "
                                    "nhận chi trả 26,5ha; địa phận thành phố Lạng Sơn đo đạc, kiểm đếm 304/305 hộ, với "
                                    "diện tích 74,3/74,44 ha đạt 99,8%; địa phận huyện Cao Lộc bàn giao mặt bằng cho "
                                    "chủ đầu tư được diện tích 21,27 ha.")
    # not the project's figures, but each district's own, named by the text's words
    assert not any(o.indicator for o in obs) and sum(i.kind == "partial-figure" for i in issues) >= 2
    by_place = {(o.subject.rsplit("/", 1)[-1], o.value) for o in obs}
    assert {("huyen-chi-lang", Decimal("26.5")), ("huyen-cao-loc", Decimal("21.27"))} <= by_place


def test_numbers_that_are_not_values(reference):
    text = (
        "Các hoạt động văn hóa, thể dục thể thao, du lịch kết hợp với quảng bá các sản phẩm đặc trưng, chủ lực của "
        "tỉnh được tổ chức diễn ra sôi nổi với nhiều hình thức phong phú, đa dạng, thiết thực chào mừng các ngày lễ "
        "lớn của đất nước, của tỉnh; tổ chức các hoạt động kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh Lạng Sơn "
        "(15/6/1933 - 15/6/2023).\n"
        "5. Tập trung triển khai Kế hoạch thực hiện Đề án thí điểm xây dựng cửa khẩu thông minh tại đường chuyên dụng "
        "vận chuyển hàng hoá khu vực mốc 1119-1120, 1088/2-1089 thuộc cửa khẩu quốc tế Hữu Nghị - Hữu Nghị Quan.\n"
        "Trong năm qua, UBND tỉnh đã chỉ đạo ứng phó khẩn cấp bão số 3 và khẩn trương khắc phục hậu quả thiệt hại sau "
        "bão. Đến nay, tỉnh đã hoàn thành 24/30 chỉ tiêu của mục tiêu đến năm 2025 đề ra tại Nghị quyết số 49-NQ/TU "
        "ngày 28/9/2021 của Ban Thường vụ Tỉnh ủy về chuyển đổi số tỉnh Lạng Sơn đến năm 2025, định hướng đến năm "
        "2030. Thành lập Cụm công nghiệp Hợp Thành 1, huyện Cao Lộc."
    )
    _, obs, _ = run(reference, text)
    assert obs == []


def test_no_period_no_value(reference):
    _, obs, issues = run(reference, "Thương mại nội địa tiếp tục được duy trì ổn định. Tổng mức bán lẻ hàng hoá và "
                                    "dịch vụ tiêu dùng ước đạt 24.102 tỷ đồng, tăng 10,51% so với cùng kỳ.")
    assert obs == []
    assert any(i.kind == "no-period" for i in issues)


def test_duration_resolved_against_a_stated_period(reference):
    text = ("Thu nhập bình quân đầu người giai đoạn 2021 - 2023 đạt 52,77 triệu đồng.\n"
            "Tổng vốn đầu tư toàn xã hội trên địa bàn tỉnh trong 3 năm đạt 95,5 nghìn tỷ đồng.")
    _, obs, _ = run(reference, text)
    tsi = find(obs, "total-social-investment", years(2021, 2023))
    assert (tsi.value, tsi.unit_mult) == (Decimal("95.5"), 12)
    _, obs, issues = run(reference, "Tổng vốn đầu tư toàn xã hội trên địa bàn tỉnh trong 3 năm đạt 95,5 nghìn tỷ đồng.")
    assert obs == [] and any(i.kind == "no-period" for i in issues)


def test_implausible_value_is_flagged(reference):
    _, obs, issues = run(reference, "Trong 3 năm 2021 - 2023, tỉnh đã cấp giấy chứng nhận đầu tư/chủ trương đầu tư 50 "
                                    "dự án với tổng số vốn đăng ký hơn 12.000 nghìn tỷ đồng.")
    cap = find(obs, "licensed-projects-capital", years(2021, 2023))
    assert (cap.value, cap.unit_mult, cap.qualifier, cap.flags) == (Decimal("12000"), 12, "more-than", ("implausible",))
    assert any(i.kind == "implausible-value" for i in issues)
    assert find(obs, "licensed-projects", years(2021, 2023)).value == Decimal("50")


def test_page_break_inside_a_sentence(reference):
    """Document 004: a footnote block cuts "… (GRDP) đạt" from "6,33%, trong đó: …"."""
    src, obs, _ = corpus(reference, "004_08bffe02da026834.txt")
    g = find(obs, "grdp-growth", year(2024))
    assert (g.value, g.value_kind) == (Decimal("6.33"), "projection")
    assert src.text[g.evidence.start:g.evidence.end].startswith("- Dự kiến năm 2024")
    assert find(obs, "grdp-growth-industry-construction", year(2024)).value == Decimal("9.29")
    assert find(obs, "grdp-share-services", year(2024)).value == Decimal("50.36")
    assert find(obs, "grdp-per-capita", year(2024)).value_kind == "estimate"


def test_whole_corpus_key_figures(reference):
    _, obs000, _ = corpus(reference, "000_0bae13773003c0ff.txt")
    assert find(obs000, "grdp-growth", year(2024)).value == Decimal("6.01")
    assert find(obs000, "budget-revenue", instant(date(2024, 12, 30))).value == Decimal("10530.1")
    assert find(obs000, "grdp-growth", year(2025), kind="target").qualifier == "at-least"
    _, obs001, _ = corpus(reference, "001_b1e20f47a2bd82ec.txt")
    assert find(obs001, "grdp-growth", year(2021)).value == Decimal("6.76")
    assert find(obs001, "budget-revenue", year(2024)).value == Decimal("9805.4")
    _, obs002, _ = corpus(reference, "002_0dad21dd75ee0a8b.txt")
    assert find(obs002, "grdp-growth", year(2021)).value == Decimal("6.67")
    assert find(obs002, "grdp-growth", year(2022), kind="target").upper == Decimal("7.5")
    _, obs003, _ = corpus(reference, "003_85207a4b9f90a005.txt")
    nine = first_months(2024, 9)
    retail = find(obs003, "retail-sales", nine)
    assert (retail.value, retail.value_kind) == (Decimal("27068.7"), "estimate")
    assert find(obs003, "retail-sales--share-of-plan", nine).value == Decimal("66.85")
    assert find(obs003, "retail-sales--change", nine).comparison_period == first_months(2023, 9)
    # "9 tháng" without a year, after "9 tháng đầu năm 2024" earlier in the text
    assert find(obs003, "budget-revenue", nine).value == Decimal("7353.5")


# --------------------------------------------------------------------------- own paragraphs
def test_own_budget_paragraph_with_ti_spelling(reference):
    _, obs, _ = run(reference, "Năm 2025, tổng thu ngân sách nhà nước trên địa bàn tỉnh ước đạt 12.345,6 tỉ đồng, đạt "
                               "112,5% dự toán, tăng 8,4% so với năm 2024; trong đó thu nội địa 4.100 tỉ đồng.")
    b = find(obs, "budget-revenue", year(2025))
    assert (b.value, b.unit_mult, b.value_kind, b.as_reported) == (
        Decimal("12345.6"), 9, "estimate", "12.345,6 tỉ đồng")
    assert find(obs, "budget-revenue--share-of-plan", year(2025)).value == Decimal("112.5")
    assert find(obs, "budget-revenue--change", year(2025)).comparison_period == year(2024)
    assert find(obs, "budget-revenue-domestic", year(2025)).value == Decimal("4100")


def test_own_first_months_thousands_of_visits_and_decline(reference):
    _, obs, _ = run(reference, "Trong 9 tháng đầu năm 2025, tổng lượng khách du lịch đến tỉnh đạt 3.150 nghìn lượt, "
                               "giảm 3,2% so với cùng kỳ năm 2024.")
    p = first_months(2025, 9)
    t = find(obs, "tourists", p)
    assert (t.value, t.unit_mult, t.unit) == (Decimal("3150"), 3, str(UOM.visit))
    assert p == Period(date(2025, 1, 1), date(2025, 9, 30))
    ch = find(obs, "tourists--decrease", p)
    assert (ch.value, ch.comparison_period) == (Decimal("3.2"), first_months(2024, 9))


def test_own_negative_growth_against_a_year(reference):
    _, obs, _ = run(reference, "Năm 2024, kim ngạch xuất khẩu hàng địa phương ước đạt 150 triệu USD, giảm 3,2% so với "
                               "năm 2023.")
    assert find(obs, "local-exports", year(2024)).value == Decimal("150")
    ch = find(obs, "local-exports--decrease", year(2024))
    assert (ch.value, ch.unit, ch.comparison_period, ch.value_kind) == (
        Decimal("3.2"), str(UOM.percent), year(2023), "estimate")


def test_own_dash_range_target(reference):
    _, obs, _ = run(reference, "Phấn đấu năm 2026, tốc độ tăng trưởng kinh tế đạt 8 - 9%.")
    t = find(obs, "grdp-growth", year(2026))
    assert (t.value, t.upper, t.qualifier, t.value_kind, t.as_reported) == (
        Decimal("8"), Decimal("9"), "range", "target", "8 - 9%")


def test_own_counts_named_after_the_number_and_narrowed_capital(reference):
    _, obs, _ = run(reference, "Đến hết năm 2025, toàn tỉnh có 5.600 doanh nghiệp đang hoạt động với tổng vốn đăng ký "
                               "65.000 tỉ đồng; trong năm có 320 hợp tác xã được thành lập mới.")
    assert find(obs, "enterprises-total", year(2025)).value == Decimal("5600")
    assert find(obs, "enterprises-total-capital", year(2025)).value == Decimal("65000")
    assert find(obs, "new-cooperatives", year(2025)).value == Decimal("320")


def test_own_district_subject_and_period_from_previous_sentence(reference):
    text = ("Năm 2024, huyện Cao Lộc có thêm 3 xã đạt chuẩn nông thôn mới. Tỷ lệ hộ nghèo toàn tỉnh còn 4,1%, "
            "giảm 1,5% so với năm trước.")
    _, obs, _ = run(reference, text)
    assert find(obs, "new-rural-communes", year(2024), subject="place/huyen-cao-loc").value == Decimal("3")
    assert find(obs, "poverty-rate", year(2024)).value == Decimal("4.1")
    assert find(obs, "poverty-rate--decrease", year(2024)).value == Decimal("1.5")


def test_own_same_value_twice_in_one_sentence_is_one_observation(reference):
    _, obs, _ = run(reference, "Năm 2025, tỷ lệ che phủ rừng đạt 63,5%, tỷ lệ che phủ rừng đạt 63,5% theo kết quả "
                               "theo dõi diễn biến rừng.")
    assert len([o for o in obs if derived(o) == ind("forest-cover-rate")]) == 1


@pytest.mark.parametrize("text", [
    "Tổng thu ngân sách năm 2024 đạt " + "9" * 100_000 + " tỷ đồng.",
    "Tổng thu ngân sách năm 2024 đạt " + "1.000" * 20_000 + " tỷ đồng.",
    "/".join(["12"] * 20_000),
    "-".join(["2021"] * 20_000),
    "Tổng thu ngân sách năm 2024 đạt 1.234 tỷ đồng, tăng 5%; " * 2_000,
])
def test_hostile_input_is_fast_and_safe(reference, text):
    t0 = time.perf_counter()
    _, obs, _ = run(reference, text)
    assert time.perf_counter() - t0 < 20
    assert all(len(o.as_reported) < 100 for o in obs)


def test_own_cue_split_by_the_number(reference):
    _, obs, _ = run(reference, "Trong năm 2025, tỉnh đã thành lập mới 4 cụm công nghiệp, toàn tỉnh hiện có 1.020 hợp "
                               "tác xã; có thêm 520 doanh nghiệp thành lập mới.")
    assert find(obs, "new-industrial-clusters", year(2025)).value == Decimal("4")
    assert find(obs, "cooperatives-total", year(2025)).value == Decimal("1020")
    assert find(obs, "new-enterprises", year(2025)).value == Decimal("520")


def test_own_footnote_takes_the_period_of_its_marked_sentence(reference):
    text = ("Năm 2025, tỉnh tổ chức thành công Đại hội Thể dục thể thao lần thứ X¹.\n"
            "¹ Với tổng số 1500 vận động viên tranh tài ở 40 nội dung.")
    _, obs, _ = run(reference, text)
    athletes = find(obs, "sports-event-athletes", year(2025))
    assert (athletes.value, athletes.unit) == (Decimal("1500"), str(UOM.person))


def test_a_part_year_report_dates_its_figures_by_its_months(reference):
    # 003 reports on "9 tháng đầu năm 2024"; "giao kế hoạch vốn đầu tư công năm 2024" in the sentence
    # before names the plan's year, not the period of the disbursement achieved so far
    src, obs, _ = corpus(reference, "003_85207a4b9f90a005.txt")
    disbursed = [o for o in obs if o.value == Decimal("1950.2")]
    assert disbursed and all(o.period == first_months(2024, 9) for o in disbursed)


def test_figures_no_cue_names_get_an_indicator_of_their_own_words(reference):
    _, obs, _ = run(reference, "Năm 2024, sản lượng chè búp tươi ước đạt 12.500 tấn, tăng 4,2% so với năm 2023; "
                               "toàn tỉnh có 188 sản phẩm OCOP.")
    tea = next(o for o in obs if o.value == Decimal("12500"))
    assert (tea.indicator, tea.indicator_label, tea.unit, tea.period) == (None, "sản lượng chè búp tươi",
                                                                          str(UOM.tonne), year(2024))
    change = next(o for o in obs if o.value == Decimal("4.2"))
    assert (change.indicator_label, change.measure, change.comparison_period) == (
        "sản lượng chè búp tươi", "change", year(2023))
    ocop = next(o for o in obs if o.value == Decimal("188"))
    assert (ocop.indicator_label, ocop.unit) == ("số sản phẩm ocop", str(UOM.item))


def _by_value(obs, value: str):
    hits = [o for o in obs if o.value == Decimal(value)]
    assert len(hits) == 1, [(o.as_reported, o.period.key) for o in obs]
    return hits[0]


def test_own_month_words_name_months_only_as_the_genre_writes_them(reference):
    # an event named by its month, and a frequency, date nothing: the figures keep the year
    _, obs, _ = run(reference, "Năm 2024, nhân kỷ niệm Cách mạng tháng Tám, khu di tích đón 3.000 lượt khách.")
    assert _by_value(obs, "3000").period == year(2024)
    _, obs, _ = run(reference, "Năm 2024, đoàn kiểm tra mỗi tháng một lần; doanh thu đạt 50 tỷ đồng.")
    assert _by_value(obs, "50").period == year(2024)
    _, obs, _ = run(reference, "Năm 2024, hằng tháng 2 kỳ họp giao ban; doanh thu đạt 60 tỷ đồng.")
    assert _by_value(obs, "60").period == year(2024)
    _, obs, _ = run(reference, "Năm 2018, lượng khách đạt 900 nghìn lượt.\n\nDịp rằm tháng Bảy, lượng khách đạt "
                               "9 nghìn lượt.")
    assert _by_value(obs, "9").period == year(2018)  # a lunar day, not July
    _, obs, _ = run(reference, "Năm 2025, nhân dịp kỷ niệm 50 năm Ngày giải phóng miền Nam 30 tháng Tư, khu du lịch "
                               "đón 12.000 lượt khách. Tháng Tư vừa qua, lượng khách đạt 90 nghìn lượt.")
    assert _by_value(obs, "12000").period == year(2025)  # a day, not April
    assert _by_value(obs, "90").period == Period(date(2025, 4, 1), date(2025, 4, 30))
    # a month as the genre writes it: capitalised, after a word of time, or fronting its clause
    _, obs, _ = run(reference, "Năm 2024, doanh thu du lịch đạt 900 tỷ đồng. Riêng tháng Chín, doanh thu đạt "
                               "80 tỷ đồng.")
    assert _by_value(obs, "80").period == Period(date(2024, 9, 1), date(2024, 9, 30))
    _, obs, _ = run(reference, "Năm 2018, kim ngạch xuất khẩu đạt 470 triệu USD. Du lịch: tháng một, lượng khách "
                               "ước 42 nghìn lượt.\n\nTrong tháng tám, lượng khách ước 50 nghìn lượt.")
    assert _by_value(obs, "42").period == Period(date(2018, 1, 1), date(2018, 1, 31))
    assert _by_value(obs, "50").period == Period(date(2018, 8, 1), date(2018, 8, 31))


def test_own_counts_at_an_event_are_no_values(reference):
    # delegates, speakers ("đồng chí" is no currency), gifts and visits of an event
    _, obs, _ = run(reference, "Ngày 12/3/2024, Hội nghị có 200 đại biểu tham dự, 3 đồng chí phát biểu, trao 50 "
                               "suất quà cho gia đình chính sách. Hội nghị có 300 người tham dự. Đoàn đã đến thăm 2 gia "
                               "đình.")
    assert obs == []
    _, obs, _ = run(reference, "Năm 2024, Ông cũng nêu 11 nhóm nhiệm vụ, giải pháp; địa bàn sẽ hình thành 07 khu "
                               "chức năng; 200 đồng bào được hỗ trợ; 6 tập thể, 12 cá nhân được tặng Bằng khen.")
    assert obs == []


def test_own_currency_dong_and_counts_the_genre_reports(reference):
    _, obs, _ = run(reference, "Năm 2024, giá vé 20.000 đồng một lượt, giá lúa ở mức 8.000 đồng/kg; tỉnh đã chấp "
                               "thuận cho 46 nhà đầu tư khảo sát; kết nạp 850 đảng viên; số mộ cần di dời trên "
                               "1.000 ngôi; sản lượng ô tô ước đạt 38.905 chiếc.")
    assert {o.value: o.unit for o in obs} == {
        Decimal("20000"): str(UOM.vnd), Decimal("8000"): str(UOM.vnd), Decimal("46"): str(UOM.item),
        Decimal("850"): str(UOM.item), Decimal("1000"): str(UOM.item), Decimal("38905"): str(UOM.item)}
    assert all(o.period == year(2024) for o in obs)


def test_own_a_list_of_counts_names_each_by_its_own_noun(reference):
    _, obs, _ = run(reference, "Năm 2024, toàn tỉnh có 120 chợ, 5 siêu thị, 2 trung tâm thương mại.")
    assert {o.value: o.indicator_label for o in obs} == {
        Decimal("120"): "số chợ", Decimal("5"): "số siêu thị", Decimal("2"): "số trung tâm thương mại"}
