"""text/numbers.py: the Vietnamese number grammar ('.' groups thousands, ',' starts the decimals)."""

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from lskg.text.numbers import AmbiguousNumber, decimal_str, parse_vn_number


@pytest.mark.parametrize("token, value", [
    ("11.024,7", Decimal("11024.7")),   # expressway total investment, document 004
    ("4.021,305", Decimal("4021.305")),  # public investment plan 2024, document 000
    ("2.302", Decimal("2302")),          # GRDP per capita in USD, document 004
    ("6,76", Decimal("6.76")),
    ("7,0", Decimal("7.0")),
    ("1.288,123", Decimal("1288.123")),
    ("5,105", Decimal("5.105")),         # "5,105 km/27,13km": a decimal comma, not thousands
    ("856.927", Decimal("856927")),
    ("1.950,2", Decimal("1950.2")),
    ("62,02", Decimal("62.02")),
])
def test_vietnamese_numbers(token, value):
    assert parse_vn_number(token) == value


def test_mixed_separator_is_not_guessed():
    # document 004: "366.55/640,28ha" — a dot before two digits is not Vietnamese grouping
    with pytest.raises(AmbiguousNumber):
        parse_vn_number("366.55")


def test_huge_number_is_exact_and_cheap():
    assert parse_vn_number("9" * 30) == Decimal("9" * 30)
    with pytest.raises(AmbiguousNumber):
        parse_vn_number("1" * 5000)


def vietnamese(integer: int, decimals: str = "") -> str:
    """`integer` written as the genre writes it: '.' every three digits, ',' before the decimals."""
    text = f"{integer:,}".replace(",", ".")
    return text + ("," + decimals if decimals else "")


@given(st.integers(min_value=0, max_value=10**18), st.text("0123456789", max_size=6))
@example(11024, "7")
@example(1950, "2")
@example(62, "02")
@example(2302, "")
def test_any_grouped_number_reads_back_exactly(integer, decimals):
    assert parse_vn_number(vietnamese(integer, decimals)) == Decimal(f"{integer}.{decimals or 0}")


@given(st.integers(min_value=1000, max_value=10**12))
def test_thousands_may_be_written_without_their_dots(integer):
    assert parse_vn_number(str(integer)) == parse_vn_number(vietnamese(integer)) == integer


@given(st.integers(min_value=1, max_value=999), st.text("0123456789", min_size=1, max_size=6)
       .filter(lambda group: len(group) != 3))
@example(366, "55")
def test_a_dot_before_anything_but_three_digits_is_ambiguous(head, group):
    with pytest.raises(AmbiguousNumber):
        parse_vn_number(f"{head}.{group}")


@given(st.decimals(min_value=0, max_value=10**15, places=4, allow_nan=False, allow_infinity=False))
@example(Decimal("11024.70"))
@example(Decimal("0E-7"))
@example(Decimal("1E+3"))
def test_decimal_str_is_the_canonical_xsd_decimal(value):
    text = decimal_str(value)
    assert Decimal(text) == value
    assert "E" not in text.upper() and not (("." in text) and text.endswith(("0", ".")))
