"""Indicator values across the genre: one test per hard case of the development set's numbers
(../shared/devset/README.md §8, §9), each on a real record of another province.

The records are read from ../shared/devset/records.jsonl (not copied into the repository); the
tests skip when it is absent. Values, units and periods asserted are those the annotation gives.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from lskg.extract.entities import EntityExtractor
from lskg.extract.values import extract_observations
from lskg.text.dates import Period, first_months, year
from lskg.vocab import UOM

from .conftest import source_text



@pytest.fixture(scope="module")
def records(devset):
    return devset


@pytest.fixture(scope="module")
def extract(reference, records):
    cache = {}

    def run(record_id: str):
        if record_id not in cache:
            src = source_text(records[record_id]["text"])
            EntityExtractor(reference).extract(src)
            cache[record_id] = extract_observations(src, reference)[0]
        return cache[record_id]
    return run


def one(obs, as_reported: str):
    hits = [o for o in obs if o.as_reported == as_reported]
    assert len(hits) == 1, [(o.as_reported, o.period.key) for o in obs if as_reported in o.as_reported]
    return hits[0]


def month(y: int, m: int) -> Period:
    return Period(date(y, m, 1), date(y, m, 28 if m == 2 else 30 if m in (4, 6, 9, 11) else 31))


def test_three_decimals(extract):
    o = one(extract("dd041"), "11.267,256 tỷ đồng")
    assert (o.value, o.unit, o.unit_mult) == (Decimal("11267.256"), str(UOM.vnd), 9)
    assert o.period == Period(date(2018, 1, 1), date(2018, 3, 31))  # "quý I năm 2018"


def test_a_trailing_zero_decimal_and_a_decrease(extract):
    # "đường kết tinh giảm mạnh 35,0%": a decrease is kept positive, as the genre prints it
    o = one(extract("dd005"), "35,0%")
    assert (o.value, o.measure, o.indicator_label, o.period) == (
        Decimal("35.0"), "decrease", "đường kết tinh", first_months(2022, 9))


def test_a_range(extract):
    o = one(extract("dd019"), "7,0-7,5%")
    assert (o.value, o.upper, o.qualifier, o.unit) == (Decimal("7.0"), Decimal("7.5"), "range", str(UOM.percent))
    assert o.period == year(2023)


def test_scale_words_in_the_unit(extract):
    obs = extract("dd015")
    visitors = one(obs, "222 nghìn lượt")
    assert (visitors.value, visitors.unit_mult, visitors.unit) == (Decimal("222"), 3, str(UOM.visit))
    assert (visitors.indicator_label, visitors.period) == ("khách quốc tế", first_months(2024, 6))
    gdp = one(extract("dd035"), "gần 133.065 tỉ đồng")  # "tỉ" like "tỷ"
    assert (gdp.value, gdp.unit_mult, gdp.period) == (Decimal("133065"), 9, year(2024))


def test_percentage_points(extract):
    o = one(extract("da001"), "1,15 điểm phần trăm")
    assert (o.value, o.unit, o.period) == (Decimal("1.15"), str(UOM["percentage-point"]), first_months(2021, 6))


def test_a_multiple_of_the_period_compared(extract):
    o = one(extract("dd022"), "2,7 lần")
    assert (o.value, o.unit, o.measure) == (Decimal("2.7"), str(UOM.times), "multiple")
    assert o.period.start.year == 2024


def test_a_space_before_the_percent_sign(extract):
    o = one(extract("dd018"), "3,09 %")
    assert (o.value, o.unit, o.period) == (Decimal("3.09"), str(UOM.percent), first_months(2013, 6))


def test_a_table_flattened_into_lines(extract):
    # "Năm | Chỉ số chung (%) | Tổng số (Triệu đồng) | …" then "2005 | 112,77 | 10.839,30 | …"
    obs = extract("dd040")
    total = one(obs, "10.839,30")
    assert (total.value, total.unit, total.unit_mult, total.period) == (Decimal("10839.30"), str(UOM.vnd), 6, year(2005))
    index = one(obs, "112,77")
    assert (index.unit, index.period) == (str(UOM.percent), year(2005))
    assert not any(o.value in (2005, 2006) for o in obs)  # the rows' years are periods, not values


def test_several_periods_in_one_paragraph(extract):
    # the heading "… THÁNG 4/2022"; "Riêng tháng 4/2022, thu … 181,5 tỷ đồng. Tính gộp 4 tháng đầu
    # năm, số thu ước đạt 785,5 tỷ đồng, cao hơn cùng kỳ 37,8% …"; "Doanh thu vận tải tháng 4 …"
    obs = extract("db007")
    assert one(obs, "181,5 tỷ đồng").period == month(2022, 4)
    assert one(obs, "785,5 tỷ đồng").period == first_months(2022, 4)
    change = one(obs, "37,8%")  # compared with the same months of 2021, still a 2022 figure
    assert (change.measure, change.period) == ("change", first_months(2022, 4))
    assert one(obs, "53,3 tỷ đồng").period == month(2022, 4)  # "tháng 4": the year of the heading


def test_a_period_after_the_figure(extract):
    # "… là 6.881,77 triệu đồng năm 2001, lên 10.829,300 triệu đồng năm 2005 …"
    obs = extract("dd040")
    later = one(obs, "10.829,300 triệu đồng")
    assert (later.value, later.period) == (Decimal("10829.300"), year(2005))


def test_a_figure_of_the_year_before_named_in_passing(extract):
    # "… cao hơn năm 2022 tới 181,6%": a change in 2023, not a 2022 figure
    o = one(extract("dd022"), "181,6%")
    assert o.period == year(2023) and o.comparison_period == year(2022)


def test_numbers_that_are_not_values(extract, records):
    # dates, ranks ("xếp thứ 5/14", "thứ 22/63"), the list marks of a report
    obs = extract("db008")
    assert not {Decimal("5"), Decimal("14"), Decimal("22"), Decimal("63")} & {o.value for o in obs}
    gold = {Decimal(str(g["value"])) for g in records["db008"]["gold"]["observations"]}
    assert {o.value for o in obs} <= gold
