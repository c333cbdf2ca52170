"""The words around a figure that give it its role: a level ("đạt 7,17%"), a share of the plan
("đạt 131% dự toán"), a change ("tăng 25,8% so với cùng kỳ", "giảm 2,66%", "gấp 2,7 lần"), or
something that is no value (an equivalent, a ratio to last year, alternatives, a figure per unit)."""

from __future__ import annotations

from ..quantities import vre

ROLE_REACH = 80  # characters before a number that decide its role ("tăng", "chiếm", "tương đương")
# the role words right before a number
CHANGE_BEFORE = vre(
    r"(?:^|(?<=\W))(?P<dir>tăng|giảm)(?:\s+(?:thêm|khoảng|hơn|trên|bình\s+quân|được))*\s*$")
AVERAGE_BEFORE = vre(r"(?:^|(?<=\W))bình\s+quân\s+(?:tăng|giảm)(?:\s+\w+)?\s*$|(?:tăng|giảm)\s+bình\s+quân\s*$")
EQUIVALENT_BEFORE = vre(r"(?:^|(?<=\W))(?:tương\s+đương|tương\s+ứng|bằng\s+khoảng)(?:\s+\w+)?\s*$")
RATIO_BEFORE = vre(r"(?:^|(?<=\W))bằng\s*$")
# "đạt 131% dự toán", "đạt 105% kế hoạch Trung ương giao", "bằng 35,2% cùng kỳ"
PLAN_AFTER = vre(r"\s*(?:so\s+với\s+)?(?:kế\s+hoạch|dự\s+toán|kh(?!\w)|chỉ\s+tiêu)")
SAME_PERIOD_AFTER = vre(r"\s*(?:so\s+với\s+)?cùng\s+kỳ")
ALTERNATIVE_AFTER = vre(r"\s*hoặc\s+[0-9]")
ALTERNATIVE_BEFORE = vre(r"[0-9]\s+hoặc\s*$")
# the direction of a change stated before its figure ("tăng", "cao hơn cùng kỳ", "giảm"),
# with no other figure in between
DIRECTION = vre(
    r"(?:^|(?<=\W))(?:(?P<up>tăng(?!\s+(?:trưởng|thêm))|cao\s+hơn|nhiều\s+hơn|lớn\s+hơn|(?P<beyond>vượt))|"
    r"(?P<down>giảm|thấp\s+hơn|ít\s+hơn|nhỏ\s+hơn|co\s+lại|thu\s+hẹp|sụt|hụt|lùi))(?!\w)"
    # then only words of comparison, degree or period ("cao hơn cùng kỳ năm trước 10,55%")
    r"(?:\s|[,:]|so\s+với|so|với\s+cùng\s+kỳ|cùng\s+kỳ|năm|tháng|quý|kỳ|trước|ngoái|liền|thêm|khoảng|hơn|gần|"
    r"trên|tới|đến|là|được|lên|xuống|mức|bình\s+quân|lần\s+lượt|tương\s+ứng|mạnh|nhẹ|sâu|nhất|đạt|ở)*$")
# what may stand between two figures of one list of changes: "19,88% so với cùng kỳ và 5,13%"
LIST_GAP = vre(r"(?:\s|[,;]|và|so\s+với|so|cùng\s+kỳ|năm|tháng|quý|kỳ|trước|ngoái|liền|lần\s+lượt|tương\s+ứng)*")
MULTIPLE_BEFORE = vre(r"(?:^|(?<=\W))gấp(?:\s+(?:hơn|gần|khoảng|trên|đôi))?\s*$")
# "(cùng kỳ: 40,88%)", "cùng kỳ năm trước là 3,31%": the figure of the same period a year before
SAME_PERIOD_BEFORE = vre(r"(?:\(\s*|(?:^|[,;:]\s*))cùng\s+kỳ(?:\s+năm\s+(?:trước|ngoái))?\s*(?::|là|đạt)\s*$")
# "cả 3 tuyến", "toàn bộ 3 cấp": all of a known set, not a figure
ALL_OF = vre(r"(?:^|(?<=\W))(?:cả|toàn\s+bộ)\s*$")
DISTRIBUTIVE = vre(r"(?:^|(?<=\W))mỗi(?!\w)")
