"""text/dates.py: dates as the genre prints them, and the reference periods they name."""

from datetime import date

from hypothesis import example, given
from hypothesis import strategies as st

from lskg.text.dates import (DATE_RE, DOC_DATE_RE, date_from_match, first_months, instant, make_date, month_end,
                             year, years)

DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))


def test_periods():
    assert year(2023).key == "2023"
    assert years(2021, 2023).key == "2021--2023"
    assert years(2023, 2026).label_en == "2023–2026"
    assert first_months(2024, 9).key == "2024-01-01--2024-09-30"
    assert instant(date(2024, 12, 26)).key == "2024-12-26"


def test_dates_of_the_corpus():
    # "Nghị quyết số 11-NQ/TW, ngày 10/02/2022 của Bộ Chính trị" (documents 001 and 004)
    assert date_from_match(DOC_DATE_RE.search("nghị quyết số 11-nq/tw, ngày 10/02/2022 của bộ chính trị")) \
        == date(2022, 2, 10)
    # typesetting drops the space before "năm": "ngày 09 tháng 01 năm2015"
    assert date_from_match(DOC_DATE_RE.search("ngày 09 tháng 01 năm2015")) == date(2015, 1, 9)
    assert date_from_match(DATE_RE.search("ngày 19 tháng 3 năm 2024")) == date(2024, 3, 19)
    assert make_date("31", "02", "2024") is None  # digits that are no calendar date
    assert year(2024).label_vi == "năm 2024" and years(2021, 2025).label_vi == "giai đoạn 2021–2025"
    assert first_months(2024, 9).label_en == "2024-01-01 to 2024-09-30"
    assert instant(date(2024, 12, 26)).label_vi == "ngày 26/12/2024"


@given(DATES, st.sampled_from(["/", "-", "."]), st.booleans())
@example(date(2022, 2, 10), "/", True)
def test_a_numeric_date_reads_back(day, sep, padded):
    d, m = (f"{day.day:02d}", f"{day.month:02d}") if padded else (str(day.day), str(day.month))
    text = f"ban hành ngày {d}{sep}{m}{sep}{day.year} của"
    for pattern in (DATE_RE, DOC_DATE_RE):
        assert date_from_match(pattern.search(text)) == day


@given(DATES, st.sampled_from([" ", ""]))
def test_a_date_in_words_reads_back(day, space):
    text = f"ngày {day.day:02d} tháng {day.month:02d} năm{space}{day.year}"
    assert date_from_match(DOC_DATE_RE.search(text)) == day


@given(st.integers(1900, 2099), st.integers(1, 12))
def test_the_first_months_end_on_the_months_last_day(y, months):
    period = first_months(y, months)
    assert period.start == date(y, 1, 1) and period.end == month_end(y, months)
    assert (period.end.replace(day=1) - period.start).days >= 0
    assert period.is_year == (months == 12)
    assert period.key == (str(y) if months == 12 else f"{y}-01-01--{period.end.isoformat()}")


@given(st.integers(1900, 2099), st.integers(0, 10))
def test_year_spans_have_stable_keys(first, length):
    period = years(first, first + length)
    assert period.key == (str(first) if length == 0 else f"{first}--{first + length}")
    assert period == years(first, first + length) and period.whole_years
