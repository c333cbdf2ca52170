"""Bare numbers: whether a number with no unit counts something the genre reports as a value
("188 sản phẩm OCOP", "đạt 38.905 chiếc"), or is a name, a list mark, a date part, an ordinal or
a count of delegates, gifts and meetings."""

from __future__ import annotations

import re

from ..indicator_label import phrase_after
from ..quantities import Quantity, vre

# a bare number after these words is a label, a time or a level, not a count
_NOT_COUNT_BEFORE = vre(r"(?:^|(?<=\W))(?:ngày|tháng|lúc|giờ|mức\s+độ|loại|cấp|nhóm|hạng|lần|khu|số|top|tốp|"
                        r"đợt|phường|tổ|thôn|bản|xóm|cầu|cụm|nhà|lô|km|tuyến|đường|mục|bước|thứ|luật|nghị\s+định|"
                        r"thông\s+tư|quyết\s+định|nghị\s+quyết|chỉ\s+thị|kết\s+luận|công\s+văn|trung\s+ương)\s*$")
# counts of administrative units, documents and gates are no indicator values of the genre
_NOT_COUNT_AFTER = vre(r"\s*(?:giờ|phút|giây|tuổi|lần|và|hoặc|đến|tới|trong|của|là|năm|tháng|ngày|tỉnh|huyện|xã|"
                       r"thành\s+phố|thị\s+xã|thị\s+trấn|phường|quận|phụ\s+lục|văn\s+bản|văn\s+kiện|cơ\s+quan|đơn\s+vị|luật|"
                       r"nghị\s+định|nghị\s+quyết|quyết\s+định|điều|khoản|chương|mục|cửa\s+khẩu|lối\s+mở|mốc)(?!\w)")
# a count of delegates, speakers, guests, gifts, meetings or delegations is no indicator value of
# the genre ("200 đại biểu", "3 đồng chí phát biểu", "trao 50 suất quà", "2 cuộc họp"), nor one of
# people at an event or honoured there ("300 người tham dự", "12 cá nhân được tặng Bằng khen")
_EVENT_COUNT_AFTER = vre(
    r"\s*(?:đại\s+biểu|đồng\s+chí|khách\s+mời|suất|phần\s+quà|món\s+quà|đoàn|cuộc|buổi|hội\s+nghị|phiên|lớp|"
    r"bài|ý\s+kiến|tham\s+luận|chuyến\s+công\s+tác)(?!\w)")
ATTENDANCE_AFTER = vre(
    r"(?:\s+[^\W\d_]+){0,3}?\s+(?:tham\s+dự|dự\s+(?:hội\s+nghị|lễ|buổi|họp|phiên)|có\s+mặt|phát\s+biểu|"
    r"được\s+(?:khen\s+thưởng|tặng\s+(?:bằng\s+khen|giấy\s+khen|danh\s+hiệu|huân\s+chương|quà)))(?!\w)")
# a count without a unit is a value where a value verb or "số …" (the number of) names it:
# "đạt 38.905 chiếc", "thu hút 46 nhà đầu tư", "tạo việc làm cho 2.500 lao động", "số mộ cần di
# dời trên 1.000 ngôi"
_COUNT_CUE_BEFORE = vre(
    r"(?:^|(?<=\W))(?:đạt|ước|ước\s+đạt|ước\s+tính|thu\s+hút|có\s+tổng(?:\s+số|\s+cộng)?|tổng\s+số|tổng\s+cộng|"
    r"giải\s+quyết\s+việc\s+làm\s+cho|tạo\s+việc\s+làm\s+cho|đón|kết\s+nạp)"
    r"(?:\s+(?:khoảng|gần|hơn|trên|xấp\s+xỉ|được))?\s*$")
_PHRASE_SEP = vre(r"(?<![0-9])[,;:.]|[,;:.](?![0-9])|[()]")
_NUMBER_OF = vre(r"\W*(?:tổng\s+)?số\s+[^\W\d_]")


class Counts:
    def __init__(self, view: str, text: str, counted: re.Pattern | None):
        self.view = view
        self.text = text
        self.counted = counted  # nouns whose bare count is a value (code list scheme:counted-noun)

    def bare_count(self, q: Quantity) -> bool:
        """A number with no unit that counts things named by the noun after it ("188 sản phẩm
        OCOP", "800-900 đảng viên"), not a name, list mark, code, date part or ordinal, and a
        count the genre reports as a value: not of delegates, gifts or meetings (README §9)."""
        if q.total is not None or q.rank:
            return False
        token_end = q.num_start + len(q.token)
        end = q.num_end if q.upper is not None else token_end
        rest = self.view[end:end + 30]
        if not re.match(r" [^\W\d_]", rest) or self.view[max(0, q.num_start - 1):q.num_start] in ("-", "/", ".", "+"):
            return False
        if re.fullmatch(r"(?:19|20)[0-9]{2}", q.token) or self.view[token_end:token_end + 1] == "+":
            return False  # a year, a chainage ("Km 3+4")
        if self.after_name(q.num_start):
            return False
        line_start = self.view.rfind("\n", 0, q.num_start) + 1
        if not self.view[line_start:q.num_start].strip() and self.view[token_end:token_end + 1] in (".", ")"):
            return False  # a list mark "2. …"
        if _NOT_COUNT_BEFORE.search(self.view[max(0, q.num_start - 16):q.num_start]):
            return False
        if not phrase_after(rest) or _NOT_COUNT_AFTER.match(rest) or _EVENT_COUNT_AFTER.match(rest):
            return False
        # what the genre counts: a statistic in thousands or millions, a noun of the code list
        # ("188 sản phẩm OCOP"), or a count that a value verb or "số …" names ("đạt 38.905 chiếc")
        if q.scale or (self.counted is not None and self.counted.match(rest, 1)):
            return True
        if ATTENDANCE_AFTER.match(rest):
            return False
        if _COUNT_CUE_BEFORE.search(self.view[max(0, q.start - 40):q.start]):
            return True
        phrase = max(line_start, q.start - 120)
        for sep in _PHRASE_SEP.finditer(self.view, phrase, q.start):
            phrase = sep.end()
        return bool(_NUMBER_OF.match(self.view, phrase, q.start))

    def after_name(self, pos: int) -> bool:
        """The number follows a capitalised word inside a sentence: part of a name ("Hợp Thành 1")."""
        head = self.text[max(0, pos - 40):pos].rstrip()
        m = re.search(r"(\S+)$", head)
        if not m or not m.group(1)[:1].isupper():
            return False
        before = head[:m.start()].rstrip()
        return bool(before) and (before[-1].isalnum() or before[-1] in ",")
