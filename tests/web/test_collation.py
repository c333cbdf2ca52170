"""Vietnamese alphabetical order for drop-downs (web.collation)."""

from __future__ import annotations

import re
from html import unescape

from lskg.web.collation import vietnamese_key


def test_letters_before_tones_as_in_a_dictionary():
    words = ["Tổng thu", "Đầu tư", "Dân số", "tạ", "ta", "tá", "Tỉ lệ", "Ăn", "An", "Âm", "Zeta", "Giá trị", "tà"]
    assert sorted(words, key=vietnamese_key) == [
        "An", "Ăn", "Âm", "Dân số", "Đầu tư", "Giá trị", "ta", "tà", "tá", "tạ", "Tỉ lệ", "Tổng thu", "Zeta"]


def test_indicator_dropdown_is_in_vietnamese_order(client):
    html = client.get("/queries/indicator-series").get_data(as_text=True)
    select = html[html.index('name="indicator"'):]
    labels = [unescape(t) for t in re.findall(r"<option [^>]*>([^<]*)</option>", select[:select.index("</select>")])]
    assert len(labels) > 100 and labels == sorted(labels, key=vietnamese_key)
    # 'Đ…' among the D's, not after 'Z' as in code-point order
    firsts = [label[0].upper() for label in labels]
    assert firsts.index("Đ") < firsts.index("G")
