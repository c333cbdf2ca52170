"""text/match.py: the lower-cased view extractors read, offset for offset the text."""

from hypothesis import given
from hypothesis import strategies as st

from lskg.text.match import match_view


def test_match_view_keeps_offsets_and_unifies_tone_placement():
    text = "Tỉnh uỷ Lạng Sơn và Hoà Sơn"
    view = match_view(text)
    assert len(view) == len(text)
    assert view == match_view("Tỉnh ủy Lạng Sơn và Hòa Sơn")
    assert view.index("lạng sơn") == text.index("Lạng Sơn")


@given(st.text(st.sampled_from(list("Lạng SơnĐồngĐăngỦyuỷHoàhòaQĐ-TTg–12,7.İß")), max_size=40))
def test_the_view_is_as_long_as_the_text(text):
    assert len(match_view(text)) == len(text)
