"""extract/values/roles.py: the words before and after a figure that give it its role, on the
lower-cased match view of sentences of the corpus' genre."""

import pytest

from lskg.extract.values.roles import (ALL_OF, AVERAGE_BEFORE, CHANGE_BEFORE, DIRECTION, EQUIVALENT_BEFORE, LIST_GAP,
                                       MULTIPLE_BEFORE, PLAN_AFTER, SAME_PERIOD_AFTER, SAME_PERIOD_BEFORE)
from lskg.text.match import match_view


def before(text: str) -> str:
    """The view up to the figure that ends `text`'s words ("… tăng 25,8%": up to "25,8")."""
    return match_view(text)


@pytest.mark.parametrize("text, direction", [
    ("tổng thu ngân sách tăng ", "tăng"),
    ("kim ngạch xuất khẩu giảm khoảng ", "giảm"),
    ("vốn đầu tư bình quân tăng thêm ", "tăng"),  # also an average (AVERAGE_BEFORE)
    ("tốc độ tăng trưởng kinh tế đạt ", None),  # a level
])
def test_a_change_is_read_from_the_word_before_its_figure(text, direction):
    m = CHANGE_BEFORE.search(before(text))
    assert (m.group("dir") if m else None) == direction
    assert bool(AVERAGE_BEFORE.search(before(text))) == ("bình quân" in text)


def test_the_direction_may_stand_apart_from_the_figure():
    # "cao hơn cùng kỳ năm trước 10,55%"
    assert DIRECTION.search(before("tốc độ tăng trưởng cao hơn cùng kỳ năm trước ")).group("up")
    assert DIRECTION.search(before("thu ngân sách thấp hơn so với cùng kỳ ")).group("down")
    # "tăng trưởng" is growth, a level, not a change upwards
    assert DIRECTION.search(before("tốc độ tăng trưởng đạt ")) is None


def test_the_words_after_a_figure():
    assert PLAN_AFTER.match(match_view(" dự toán trung ương giao"))  # "đạt 131% dự toán"
    assert PLAN_AFTER.match(match_view(" so với kế hoạch"))
    assert SAME_PERIOD_AFTER.match(match_view(" so với cùng kỳ năm trước"))
    assert not PLAN_AFTER.match(match_view(" khách du lịch"))


def test_figures_that_are_no_value_of_their_own():
    assert SAME_PERIOD_BEFORE.search(before("đạt 45,2% (cùng kỳ: "))  # "(cùng kỳ: 40,88%)"
    assert SAME_PERIOD_BEFORE.search(before("tỷ lệ hộ nghèo 5,1%, cùng kỳ năm trước là "))
    assert EQUIVALENT_BEFORE.search(before("vốn 300 tỷ đồng, tương đương "))
    assert MULTIPLE_BEFORE.search(before("kim ngạch gấp "))
    assert ALL_OF.search(before("hoàn thành cả "))  # "cả 3 tuyến"
    assert LIST_GAP.fullmatch(match_view(" so với cùng kỳ và "))  # "19,88% so với cùng kỳ và 5,13%"
