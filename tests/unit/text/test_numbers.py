"""Vietnamese text handling: normalisation, numbers, dates, slugs, the match view."""

import unicodedata
from datetime import date
from decimal import Decimal

import pytest

from lskg.text.dates import first_months, instant, year, years
from lskg.text.match import match_view
from lskg.text.normalise import fold, normalise_text, slug
from lskg.text.numbers import AmbiguousNumber, parse_vn_number


@pytest.mark.parametrize("token, value", [
    ("11.024,7", Decimal("11024.7")),   # expressway total investment, document 004
    ("4.021,305", Decimal("4021.305")),  # public investment plan 2024, document 000
    ("2.302", Decimal("2302")),          # GRDP per capita in USD, document 004
    ("6,76", Decimal("6.76")),
    ("7,0", Decimal("7.0")),
    ("1.288,123", Decimal("1288.123")),
    ("5,105", Decimal("5.105")),         # "5,105 km/27,13km": a decimal comma, not thousands
    ("856.927", Decimal("856927")),
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


def test_nfc_nfd_and_controls():
    nfd = unicodedata.normalize("NFD", "Lạng Sơn\r\nĐồng Đăng\x07")
    assert normalise_text(nfd) == "Lạng Sơn\nĐồng Đăng"
    assert normalise_text("Q\u00d0-TTg") == "QĐ-TTg"  # Icelandic Ð typed for Đ
    assert normalise_text("a\ud800b") == "a\ufffdb"


def test_slug_and_fold():
    assert slug("Lạng Sơn") == "lang-son"
    assert slug("Đồng Đăng") == "dong-dang"
    assert slug("QĐ-TTg") == "qd-ttg"
    assert slug(unicodedata.normalize("NFD", "Uỷ ban")) == slug("Ủy ban") == "uy-ban"
    assert fold("Hữu Nghị") == "huu nghi"


def test_match_view_keeps_offsets_and_unifies_tone_placement():
    text = "Tỉnh uỷ Lạng Sơn và Hoà Sơn"
    view = match_view(text)
    assert len(view) == len(text)
    assert view == match_view("Tỉnh ủy Lạng Sơn và Hòa Sơn")
    assert view.index("lạng sơn") == text.index("Lạng Sơn")


def test_periods():
    assert year(2023).key == "2023"
    assert years(2021, 2023).key == "2021--2023"
    assert years(2023, 2026).label_en == "2023–2026"
    assert first_months(2024, 9).key == "2024-01-01--2024-09-30"
    assert instant(date(2024, 12, 26)).key == "2024-12-26"
