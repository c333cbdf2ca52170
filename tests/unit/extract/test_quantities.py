"""extract/quantities.py: a number with its scale word, unit, qualifier, range or fraction."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lskg.extract.quantities import grammar_for
from lskg.text.match import match_view
VND = "https://w3id.org/lskg/def/unit/vnd"
PERCENT = "https://w3id.org/lskg/def/unit/percent"


@pytest.fixture(scope="module")
def grammar(reference):
    return grammar_for(reference)


def find(grammar, text):
    view = match_view(text)
    return grammar.find(view, 0, len(view), [])


def test_the_expressway_figures_of_document_004(grammar):
    text = "Dự án có tổng chiều dài tuyến khoảng 59,87 km. Tổng mức đầu tư giai đoạn phân kỳ là 11.024,7 tỷ đồng²³."
    length, investment = find(grammar, text)
    assert (length.value, length.qualifier, text[length.start:length.end]) == \
        (Decimal("59.87"), "approximately", "khoảng 59,87 km")
    assert (investment.value, investment.scale, investment.token) == (Decimal("11024.7"), 9, "11.024,7")
    assert text[investment.num_start:investment.num_end] == "11.024,7 tỷ đồng"


def test_a_growth_target_range_of_document_001(grammar):
    text = "phấn đấu năm 2022 đạt tốc độ tăng trưởng tổng sản phẩm trên địa bàn từ 7 đến 7,5%."
    (q,) = [q for q in find(grammar, text) if q.qualifier == "range"]
    assert (q.value, q.upper, q.unit) == (Decimal("7"), Decimal("7.5"), PERCENT)
    assert text[q.start:q.end] == "từ 7 đến 7,5%"


@given(st.integers(0, 10**6), st.integers(1, 10**6), st.sampled_from(["từ {a} đến {b}%", "{a} - {b}%", "{a} tới {b}%"]))
def test_any_rising_range_with_a_unit_is_one_quantity(grammar, a, step, form):
    lower, upper = Decimal(a) / 10, Decimal(a + step) / 10
    written = [f"{v:,f}".replace(",", " ").replace(".", ",").replace(" ", ".") for v in (lower, upper)]
    text = "tăng " + form.format(a=written[0], b=written[1]) + " so với cùng kỳ"
    (q,) = find(grammar, text)
    assert (q.value, q.upper, q.qualifier, q.unit) == (lower, upper, "range", PERCENT)


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_a_figure_in_billions_keeps_its_value_and_scale(grammar, value):
    written = f"{value:,f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    (q,) = find(grammar, f"tổng vốn {written} tỷ đồng")
    assert (q.value, q.scale, q.ambiguous) == (value, 9, False)
    assert q.unit == VND
