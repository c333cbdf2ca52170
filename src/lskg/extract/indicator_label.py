"""The label of an indicator no code-list cue names: the noun phrase a number belongs to.

"Kim ngạch xuất khẩu của tỉnh tháng 10 ước đạt 2,5 tỷ USD" -> "kim ngạch xuất khẩu". The
label is normalised (the match view: lower case, NFC, one tone placement; verbs and particles
such as đạt/ước/tăng, the subject place, period and value-kind words trimmed) so that the same
words in two documents give one indicator, which a curator can later map to the code list.

Only grammar lives here: the words trimmed are function words of the genre, not indicators.
"""

from __future__ import annotations

import re

from .quantities import vre

MAX_WORDS = 8  # a label is a noun phrase, not a clause: its last words are kept
MIN_LETTERS = 3

# words that stand between the noun phrase and its number ("… ước đạt 2,5 tỷ USD"), trimmed
# from the end of the phrase, repeatedly
_TRAILING = vre(
    r"(?:^|\s)(?:đạt|đạt\s+được|ước|ước\s+tính|ước\s+đạt|ước\s+thực\s+hiện|dự\s+kiến|dự\s+ước|là|có|"
    r"khoảng|gần|hơn|trên|dưới|với|được|chiếm|bằng|lên|xuống|còn|tăng|giảm|thêm|mức|ở\s+mức|tới|"
    r"đến|từ|và|thực\s+hiện|đã|sẽ|cho|của|tại|ở|trong|khi|vào|tổng\s+cộng|tương\s+ứng|tương\s+đương|"
    r"cao|thấp|hiện|chỉ|vượt|bình\s+quân|xấp\s+xỉ|lần\s+lượt|đều|cùng\s+kỳ|so\s+với|so|nhẹ|mạnh|"
    r"năm|tháng|quý|kỳ|ngày|đầu\s+năm|trước|nay|này|như\s+sau|trở\s+lên|tính|phấn\s+đấu|nhằm|"
    r"kế\s+hoạch|mục\s+tiêu|chỉ\s+tiêu|sơ\s+bộ|khoảng|ước\s+khoảng|tiếp\s+tục|lại|ra|về|nên|thì|"
    r"mới|đạt\s+mức|dự\s+báo|gấp|tương\s+ứng|nhích|lùi|thêm)\s*$")
# words that open a clause before its noun phrase, trimmed from the start
_LEADING = vre(
    r"^(?:riêng|trong\s+khi|khi|song|nhưng|ngược\s+lại|trong\s+đó|cụ\s+thể|theo\s+đó|ngoài\s+ra|đồng\s+thời|bên\s+cạnh\s+đó|tiếp\s+đó|"
    r"về|còn|với|và|nhưng|tuy\s+nhiên|trong|đối\s+với|theo|tính\s+chung|nhìn\s+chung|"
    r"toàn\s+tỉnh|cả\s+tỉnh|toàn\s+thành\s+phố|cả\s+nước|toàn\s+ngành|tổng\s+cộng|"
    r"năm|tháng|quý|kỳ|giai\s+đoạn|đầu\s+năm|cuối\s+năm|nay|qua|đó|này|hiện|đến|tới|hết|sau|từ|"
    r"đã|sẽ|ước|dự\s+kiến|phấn\s+đấu|lũy\s+kế|luỹ\s+kế|trên|dưới)(?:\s+|$)")
# where a noun phrase's own words end and its place or qualifier begins: "xuất khẩu của tỉnh"
_TAIL_CUT = vre(
    r"\s(?:của|tại|ở|trên\s+địa\s+bàn|toàn\s+tỉnh|cả\s+tỉnh|địa\s+bàn|theo\s+giá|giá\s+so\s+sánh|"
    r"so\s+với|trong\s+đó)(?:\s|$)")
# a verb inside the phrase ends what comes before it: "bàn giao mặt bằng cho chủ đầu tư được
# diện tích" -> "diện tích", "toàn tỉnh có tổng số doanh nghiệp" -> "tổng số doanh nghiệp"
_SUBJECT_END = vre(r"^.*\s(?:đạt|được|có|là|với|gồm|chiếm|còn)\s(?=\S{2,})")
_NOT_WORD = re.compile(r"[^\w\s%/]+|[⁰¹²³⁴⁵⁶⁷⁸⁹]+")  # footnote marks too
_DIGITS = re.compile(r"\d")


def _clean(text: str) -> str:
    text = _NOT_WORD.sub(" ", text)
    text = _DIGITS.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


def phrase_before(text: str) -> str:
    """The noun phrase at the end of `text` (match-view text before a number, with periods,
    value-kind cues and parentheses already blanked), normalised; "" when none is left."""
    text = _clean(text)
    prev = None
    while text != prev:
        prev = text
        text = _TRAILING.sub("", text).strip()
    head = _SUBJECT_END.match(text)
    if head:
        text = text[head.end():]
    cut = _TAIL_CUT.search(text)
    if cut and cut.start() > 0:
        text = text[:cut.start()].strip()
    prev = None
    while text != prev:
        prev = text
        text = _LEADING.sub("", text).strip()
    words = text.split()[-MAX_WORDS:]
    label = " ".join(words)
    return label if sum(c.isalpha() for c in label) >= MIN_LETTERS else ""


def phrase_after(text: str, max_words: int = 5) -> str:
    """The count noun after a number ("188 sản phẩm OCOP" -> "sản phẩm ocop"): the words up to
    the next punctuation, trimmed of the verbs that follow it."""
    m = re.match(r"[^\W\d_][^,;:.()\n]*", text.strip())
    if not m:
        return ""
    words = _clean(m.group(0)).split()
    out = []
    for w in words[:max_words]:
        if _TRAILING.fullmatch(" " + w) or w in ("được", "đã", "đạt", "tăng", "giảm", "với", "và", "so"):
            break
        out.append(w)
    label = " ".join(out)
    return label if sum(c.isalpha() for c in label) >= MIN_LETTERS else ""
