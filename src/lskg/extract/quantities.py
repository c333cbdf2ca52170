"""Quantities and period expressions in Vietnamese report prose: the grammar only.

Everything lexical (units, qualifier cues) comes from the code lists through
`Reference`; this module knows the *shapes*:

* a number in Vietnamese notation ("11.024,7"), an optional scale word ("tỷ"),
  an optional unit ("đồng", "%", "giường bệnh/vạn dân");
* qualifiers before or after it ("khoảng", "hơn", "từ 8% trở lên");
* ranges ("8 - 9%", "từ 7 đến 7,5%") and achieved/total fractions
  ("74,3/74,44 ha", "490,1/1.288,123 tỷ đồng");
* tokens that look like numbers but are not quantities: dates, document numbers
  ("49-NQ/TU"), years, durations ("90 năm"), ordinals ("lần thứ 3", "bão số 3"),
  codes ("COVID-19", "QL.1B", "17h00");
* period expressions ("năm 2023", "9 tháng đầu năm 2024", "giai đoạn 2021 - 2023",
  "tính đến ngày 26/12/2024", "đến tháng 10/2024", "trong 3 năm", "so với cùng kỳ").

All matching runs on `SourceText.view` (lower case, same offsets as the text).
Every regex is linear: numbers are possessive and capped in length.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..text.dates import (
    DATE_PATTERN,
    Period,
    date_from_match,
    first_months,
    instant,
    month_end,
    year,
    years,
)
from ..text.match import unify_tone
from ..text.numbers import SCALE_WORDS, AmbiguousNumber, parse_vn_number


def tone(pattern: str) -> str:
    """Grammar words in the form of `SourceText.view`: an old-style open syllable written in a
    pattern ("hoà") is matched as the view spells it ("hòa")."""
    return unify_tone(pattern)


def vre(pattern: str, flags: int = 0) -> re.Pattern:
    """Compile a grammar pattern for the match view."""
    return re.compile(tone(pattern), flags)


# --------------------------------------------------------------------------- numbers
MAX_TOKEN = 40  # longer digit runs are never quantities (and never parsed)
_NUMBER = vre(r"(?<![\w])[0-9]++(?:[.,][0-9]++)*+")
_YEAR = r"(?:19|20)[0-9][0-9]"
_SCALE = vre(
    r"\s*(" + "|".join(re.escape(w) for w, _ in SCALE_WORDS) + r")(?!\w)"
)
_SCALE_POWER = dict(SCALE_WORDS)
_COMPOUND_PART = vre(r"\s+([0-9]{1,3})(?=\s*(?:nghìn|ngàn|triệu|tỷ|tỉ)(?!\w))")
_RANGE_SEP = vre(r"\s*(?:-|đến|tới)\s*(?=[0-9])")
_FRACTION_SEP = vre(r"\s*/\s*(?=[0-9])")
_FROM = vre(r"(?:^|(?<=\W))từ\s*$")
# a number glued to a code: "covid-19", "ql.1b", "49-nq/tu", "111/2024/qh15"
_CODE_BEFORE = vre(r"[^\W\d_][.\-/]$")
_CODE_AFTER = vre(r"(?:/[0-9]{1,6}){0,3}[/\-][^\W\d_]")
# ordinals and labels: "lần thứ 3", "bão số 3", "đề án 06" are not amounts;
# "xếp thứ 13" is a rank (kept, flagged), "tổng số 2917" is an amount.
_ORDINAL_BEFORE = vre(
    r"(?:^|(?<=\W))(?:thứ|(?<!con\s)số|(?<!vượt\s)mốc|cột\s+mốc|khu\s+vực|đề\s+án|quốc\s+lộ|tỉnh\s+lộ|đường\s+tỉnh|km|tổ|khóa|đợt|"
    r"phụ\s+lục|mục|điều|khoản|điểm|chương|bước|giai\s+đoạn|phân\s+kỳ|lô|ô|tờ|(?<!cùng\s)kỳ)\s*$")
_RANK_BEFORE = vre(r"(?:^|(?<=\W))xếp\s+thứ\s*$")
_TOTAL_BEFORE = vre(r"(?:^|(?<=\W))tổng\s+số\s*$")
# durations and counts of months: "90 năm", "trong 3 năm", "7 tháng"
_DURATION_AFTER = vre(r"\s*(?:năm|tháng|ngày|giờ|quý)(?!\w)")
# "đồng" is the currency or the first syllable of a word ("đồng chí", "đồng bào", "đồng thời",
# "Đồng Đăng"). After a bare number it is the currency only before what cannot go on with a word
# (punctuation, a number, the end) or a word that opens the next phrase ("500 đồng mỗi kg",
# "20.000 đồng một vé"); after a scale word it is, but for people counted in millions
# ("1 triệu đồng bào").
_CURRENCY_SYLLABLE = "đồng"
_CURRENCY_ENDS = vre(
    r"\s*(?:[^\w\s]|[⁰¹²³⁴⁵⁶⁷⁸⁹]|$)|\s+(?:[0-9]|(?:mỗi|một|cho|trên|so|tăng|giảm|và|là|được|theo|từ|đến|tới|"
    r"với|của|hoặc|trong|năm|tháng|ngày|thì|nhưng)(?!\w))")
_PEOPLE_AFTER_CURRENCY = vre(r"\s+(?:bào|chí)(?!\w)")
# comparative differences are not values: "cao hơn 1,53%"
_COMPARATIVE_BEFORE = vre(r"(?:^|(?<=\W))(?:cao|thấp|lớn|nhỏ|nhiều|ít)\s+hơn\s*$")


@dataclass(frozen=True)
class Quantity:
    """One number (or range / fraction) with its scale and unit, found in the text."""

    start: int  # start of the literal, qualifier included ("khoảng 59,87 km")
    end: int  # end of the literal (unit, or a trailing qualifier such as "trở lên")
    num_start: int  # start of the (first) number
    num_end: int  # end of the number + scale + unit
    value: Decimal | None  # None when the token is ambiguous ("366.55")
    token: str  # the first numeric token as printed
    unit: str | None = None  # unit IRI
    scale: int = 0  # power of ten of the scale word
    qualifier: str | None = None  # value-qualifier code ("approximately", "range", ...)
    upper: Decimal | None = None  # upper bound of a range
    total: Decimal | None = None  # the "/Y" part of an achieved/total fraction
    total_span: tuple[int, int] | None = None
    rank: bool = False  # "xếp thứ 13"
    comparative: bool = False  # "cao hơn 1,53%"
    ambiguous: bool = False

    @property
    def span(self) -> tuple[int, int]:
        return self.num_start, self.num_end


@dataclass(frozen=True)
class PeriodMention:
    start: int
    end: int
    period: Period | None
    role: str  # "period" | "horizon" | "comparison" | "duration" | "school-year" | "term" | "date"
    years: int | None = None  # duration in years ("trong 3 năm")
    relative: bool = False  # comparison with "cùng kỳ"/"năm trước" (period None)
    same_period: bool = False  # "so với cùng kỳ năm 2023": the same part of that year


# --------------------------------------------------------------------------- periods
_DATE = DATE_PATTERN
_PERIOD_SOURCES: list[tuple[str, re.Pattern]] = [
    ("school-year", vre(rf"năm\s+học\s+(?P<a>{_YEAR})\s*-\s*(?P<b>{_YEAR})")),
    # a term of office names the body, not the period of a figure ("HĐND nhiệm kỳ 2021 - 2026")
    ("term", vre(rf"nhiệm\s+kỳ\s+(?P<a>{_YEAR})\s*-\s*(?P<b>{_YEAR})")),
    ("instant-day", vre(
        rf"(?:tính\s+)?(?:đến|tới)\s+(?:hết\s+)?(?:[0-9]{{1,2}}\s*h\s*[0-9]{{0,2}}\s+)?(?:ngày\s+)?(?:{_DATE})")),
    ("instant-month", vre(
        rf"(?:tính\s+)?(?:đến|tới)\s+(?:hết\s+|cuối\s+)?tháng\s+(?P<m>[0-9]{{1,2}})\s*(?:/|-|\s+năm\s+)\s*(?P<y>{_YEAR})")),
    ("quarter", vre(rf"quý\s+(?P<q>iv|i{{1,3}}|[1-4])\s*(?:/|-|\s+năm\s+)\s*(?P<y>{_YEAR})")),
    ("half", vre(rf"nửa\s+đầu\s+năm\s+(?P<y>{_YEAR})(?![0-9])")),
    ("first-months", vre(
        rf"(?P<n>[0-9]{{1,2}})\s+tháng\s+(?:đầu\s+)?(?:năm\s+|/\s*)(?P<y>{_YEAR})")),
    ("years", vre(
        rf"(?:(?:bình\s+quân\s+)?(?:giai\s+đoạn|thời\s+kỳ)\s+|(?:[0-9]{{1,2}}\s+)?năm\s+)?"
        rf"(?P<a>{_YEAR})\s*-\s*(?P<b>{_YEAR})(?![0-9])")),
    ("years", vre(
        rf"từ\s+(?:năm\s+)?(?P<a>{_YEAR})\s+(?:đến|tới)\s+(?:năm\s+)?(?P<b>{_YEAR})(?![0-9])")),
    # a planning horizon: the period of a target, never of an achieved value
    ("horizon", vre(rf"(?:(?:tầm\s+nhìn|định\s+hướng)\s+)?(?:đến|tới)\s+năm\s+(?P<y>{_YEAR})(?![0-9])")),
    ("year", vre(rf"(?:(?:trong|hết|đến\s+hết|cuối|ước|cả)\s+)?năm\s+(?P<y>{_YEAR})(?![0-9])")),
    # "9 tháng đầu năm" without a year: resolved against an earlier "9 tháng đầu năm 2024"
    ("months", vre(r"(?P<n>[0-9]{1,2})\s+tháng(?:\s+đầu\s+năm)?(?!\s*(?:năm\s+|/\s*)?(?:19|20)[0-9][0-9])(?!\w)")),
    ("duration", vre(r"(?:trong|qua|sau)\s+(?:hơn\s+)?(?P<n>[0-9]{1,2})\s+năm(?!\s+(?:19|20)[0-9][0-9])")),
    ("date", vre(rf"(?:ngày\s+)?(?:{_DATE})")),
    # "tháng 4/2022", "tháng 11 năm 2024", "4/2022": one month
    ("month", vre(rf"(?:tháng\s+)?(?<![0-9/.])(?P<m>[0-9]{{1,2}})\s*/\s*(?P<y>{_YEAR})(?![0-9/])")),
    ("month", vre(rf"tháng\s+(?P<m>[0-9]{{1,2}})\s*(?:-\s*|\s+năm\s+)(?P<y>{_YEAR})(?![0-9])")),
    # without a year: the year the text is speaking of (`_current_year`)
    ("half-bare", vre(r"(?:nửa\s+(?:đầu\s+)?năm(?:\s+(?:qua|nay))?|6\s+tháng\s+đầu\s+năm)"
                      r"(?!\s*(?:năm\s+|/\s*)?(?:19|20)[0-9][0-9])")),
    ("quarter-bare", vre(r"quý\s+(?P<q>iv|i{1,3}|[1-4])(?!\w)(?!\s*(?:/|-|năm)\s*(?:19|20)?[0-9])")),
    ("month-bare", vre(r"(?<![0-9]\s)(?<![0-9])tháng\s+(?P<m>1[0-2]|0?[1-9])(?![0-9])(?!\s*(?:/|-|năm)\s*[0-9])")),
    # "tháng Tư", "trong tháng mười hai" (not "tháng năm": the word for year); which of these
    # name a month is decided on the cased text (`_names_a_month`)
    ("month-bare", vre(r"tháng\s+(?P<w>mười\s+một|mười\s+hai|một|hai|ba|tư|sáu|bảy|tám|chín|mười)(?!\w)"
                       r"(?!\s*(?:/|-|năm)\s*[0-9])")),
]
# "tháng" without a year that names no month of the text's year: a frequency ("mỗi tháng một
# lần", "hằng tháng 2 kỳ"), a day ("30 tháng Tư", "rằm tháng Bảy", "mùng 8 tháng Giêng"), an
# event ("Cách mạng tháng Tám", "Tổng khởi nghĩa tháng 8")
_NOT_A_MONTH_BEFORE = vre(
    r"(?:(?:^|(?<=\W))(?:mỗi|hàng|hằng|từng|rằm|mùng|mồng|cách\s+mạng|khởi\s+nghĩa)|[0-9])\s+$")
_LUNAR_AFTER = vre(r"\s*\(?\s*âm\s+lịch")
# a month word in lower case is a month only where the genre puts a time: after a word of
# time ("trong tháng tám", "từ tháng sáu") or fronting its clause with a comma ("Du lịch: tháng
# một, lượng khách …"); "một", "hai", "ba" after a word of time stay numbers ("trong tháng hai lần")
_MONTH_CUE_BEFORE = vre(r"(?:^|(?<=\W))(?:trong|riêng|từ|đến|tới|vào|cuối|đầu|giữa|hết|sang)\s+$")
_CLAUSE_START_BEFORE = re.compile(r"(?:^|[\n.:;,(•*+-])\s*$")
_COMMA_AFTER = re.compile(r"\s*,")
_NUMBER_WORD_MONTHS = ("một", "hai", "ba")
_WORD_BEFORE = re.compile(r"[^\W\d_]\s+$")


def _names_a_month(view: str, text: str, m: re.Match) -> bool:
    """Whether a "month-bare" match ("tháng 8", "tháng Tám") names a month of the text's year."""
    s, word = m.start(), m.groupdict().get("w")
    before = view[max(0, s - 16):s]
    if _NOT_A_MONTH_BEFORE.search(before) or _LUNAR_AFTER.match(view, m.end()):
        return False
    if text[s:s + 5] == "Tháng" and _WORD_BEFORE.search(text[max(0, s - 4):s]):
        return False  # "Quảng trường Tháng Tám": a capital inside a sentence is part of a name
    if word is None or text[m.start("w")].isupper():
        return True
    if _CLAUSE_START_BEFORE.search(text[max(0, s - 4):s]) and _COMMA_AFTER.match(text, m.end()):
        return True
    return word not in _NUMBER_WORD_MONTHS and bool(_MONTH_CUE_BEFORE.search(before))

# every period expression starts at a word start ("nước năm 2024" is not "ước năm 2024")
_PERIOD_PATTERNS: list[tuple[str, re.Pattern]] = [
    (kind, vre(r"(?<![^\W⁰¹²³⁴⁵⁶⁷⁸⁹])(?:" + tone(p.pattern) + ")")) for kind, p in _PERIOD_SOURCES
]
_COMPARISON = vre(
    r"so(?:\s+với)?\s+(?=cùng|năm|giai|thời|bình|mức|kỳ|tháng|quý|nửa|cuối|đầu|hết|[0-9])"
    # "cao hơn năm 2022 tới 181,6%", "vượt cùng kỳ năm 2021 tới 45%", "… cùng kỳ năm 2023",
    # "cao hơn tháng 7/2022 là 1,16%", "gấp 2,1 lần năm 2010"
    r"|(?:hơn|vượt|kém|lần)\s+(?=cùng\s+kỳ|(?:năm|quý|tháng)\s+(?:19|20|trước|ngoái|[0-9]{1,2}/|i))"
    # "chỉ bằng 36% năm 2019": the base a percentage is taken against ("5,04% của năm 2021" is
    # the figure's own year)
    r"|(?<=%)\s+(?=(?:năm|quý|tháng)\s+(?:19|20|trước|ngoái|[0-9]{1,2}/|i))"
    r"|(?<!so\s)(?<!với\s)(?<=\s)(?=cùng\s+kỳ\s+năm\s+(?:19|20))")
_RELATIVE = vre(
    r"(?:cùng\s+kỳ(?:\s+năm\s+(?:trước|ngoái))?|năm\s+(?:trước|ngoái)|cùng\s+kỳ)(?!\s*(?:năm\s+)?(?:19|20)[0-9][0-9])")
_COMPARISON_FILLER = vre(r"(?:cùng\s+kỳ\s+|bình\s+quân\s+|mức\s+)*")
_SAME_PERIOD = vre(r"cùng\s+kỳ")
_BARE_YEAR = vre(rf"(?P<y>{_YEAR})(?![0-9])")
_MONTH_WORDS = {"một": 1, "hai": 2, "ba": 3, "tư": 4, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10,
                "mười một": 11, "mười hai": 12}
_ROMAN_Q = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


_ANCHORS = ("year", "half", "first-months", "quarter", "month", "instant-day", "instant-month")


_COMPARED = vre(r"(?:so\s+với|so|hơn|vượt|cùng\s+kỳ|với|của|%)\s*(?:cùng\s+kỳ\s*)?$")


def _current_year(view: str, chosen: list, pos: int) -> int | None:
    """The year a text is speaking of at pos: the latest of the dated periods named before it (a
    heading "… THÁNG 4/2022", "Năm 2024, …"; earlier years in a report are history or bases of
    comparison), else that of the first one after it; a period compared with ("cùng kỳ năm
    2021", "mức 5,04% của năm 2021") is not one the text speaks of."""
    best = None
    for s, _e, kind, m in chosen:
        if kind not in _ANCHORS or _COMPARED.search(view, max(0, s - 16), s):
            continue
        y = m.groupdict().get("y") or (m.group(0)[-4:] if m.group(0)[-4:].isdigit() else None)
        if y is None or not y.isdigit():
            continue
        if s < pos:
            best = max(best or 0, int(y))
        elif best is None:
            return int(y)
        else:
            break
    return best


def _period_from(kind: str, m: re.Match, y: int | None = None) -> Period | None:
    g = m.groupdict()
    try:
        if kind == "half":
            return first_months(y or int(g["y"]), 6)
        if kind == "month":
            mo, y = (_MONTH_WORDS[" ".join(g["w"].split())] if g.get("w") else int(g["m"])), y or int(g["y"])
            return Period(date(y, mo, 1), month_end(y, mo)) if 1 <= mo <= 12 else None
        if kind == "instant-day":
            d = date_from_match(m)
            return instant(d) if d else None
        if kind == "instant-month":
            mo = int(g["m"])
            return instant(month_end(int(g["y"]), mo)) if 1 <= mo <= 12 else None
        if kind == "quarter":
            q = _ROMAN_Q.get(g["q"]) or int(g["q"])
            y = y or int(g["y"])
            return Period(date(y, 3 * q - 2, 1), month_end(y, 3 * q))
        if kind == "first-months":
            n = int(g["n"])
            return first_months(int(g["y"]), n) if 1 <= n <= 12 else None
        if kind == "years":
            a, b = int(g["a"]), int(g["b"])
            return years(a, b) if a < b else None
        if kind in ("year", "horizon"):
            return year(int(g["y"]))
    except (ValueError, TypeError):
        return None
    return None


def find_period_mentions(view: str, text: str, start: int = 0, end: int | None = None) -> list[PeriodMention]:
    """Period expressions in view[start:end] (`text`: the same text in its own case, for the
    capitals that tell a month "tháng Tư" from a number "tháng một lần"), non-overlapping, in
    text order.

    Mentions introduced by "so với" get role "comparison"; "so với cùng kỳ" /
    "so với năm trước" are relative comparisons (period None, relative=True).
    """
    end = len(view) if end is None else end
    found: list[tuple[int, int, str, re.Match]] = []
    for kind, pattern in _PERIOD_PATTERNS:
        for m in pattern.finditer(view, start, end):
            if kind != "month-bare" or _names_a_month(view, text, m):
                found.append((m.start(), m.end(), kind, m))
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    chosen: list[tuple[int, int, str, re.Match]] = []
    last_end = -1
    for s, e, kind, m in found:
        if s >= last_end:
            chosen.append((s, e, kind, m))
            last_end = e
    out: list[PeriodMention] = []
    last_first_months: dict[int, int] = {}  # months -> year of the last "N tháng đầu năm YYYY"
    for s, e, kind, m in chosen:
        if kind in ("school-year", "term"):
            out.append(PeriodMention(s, e, None, kind))
        elif kind == "date":
            out.append(PeriodMention(s, e, None, "date"))
        elif kind == "duration":
            out.append(PeriodMention(s, e, None, "duration", years=int(m.group("n"))))
        elif kind == "months":
            n = int(m.group("n"))
            y = last_first_months.get(n) or _current_year(view, chosen, s)
            if y and 1 <= n <= 12:
                out.append(PeriodMention(s, e, first_months(y, n), "period"))
        elif kind in ("half-bare", "quarter-bare", "month-bare"):
            y = _current_year(view, chosen, s)
            p = _period_from(kind.removesuffix("-bare"), m, y) if y else None
            if p is not None:
                out.append(PeriodMention(s, e, p, "period"))
        else:
            p = _period_from(kind, m)
            if p is not None:
                out.append(PeriodMention(s, e, p, "horizon" if kind == "horizon" else "period"))
                if kind == "first-months" and not _COMPARED.search(view, max(0, s - 16), s):
                    last_first_months[p.end.month] = p.start.year
    # comparisons: "so với <period>", "so với cùng kỳ", "so với 2023"
    result: list[PeriodMention] = []
    taken: set[int] = set()
    by_start = {pm.start: i for i, pm in enumerate(out) if pm.period}
    for cm in _COMPARISON.finditer(view, start, end):
        if cm.start() > 0 and view[cm.start() - 1].isalnum():
            continue
        pos = cm.end()
        filler = _COMPARISON_FILLER.match(view, pos)
        after = filler.end() if filler else pos
        hit = by_start.get(pos, by_start.get(after))
        same = bool(_SAME_PERIOD.match(view, pos))
        if hit is not None:
            pm = out[hit]
            taken.add(hit)
            result.append(PeriodMention(cm.start(), pm.end, pm.period, "comparison",
                                        same_period=same and pm.period.is_year))
            continue
        rel = _RELATIVE.match(view, pos)
        if rel:
            result.append(PeriodMention(cm.start(), rel.end(), None, "comparison", relative=True))
            continue
        by = _BARE_YEAR.match(view, after)
        if by:
            result.append(PeriodMention(cm.start(), by.end(), year(int(by.group("y"))), "comparison",
                                        same_period=same))
            continue
        result.append(PeriodMention(cm.start(), cm.end(), None, "comparison"))
    result.extend(pm for i, pm in enumerate(out) if i not in taken)
    result.sort(key=lambda pm: (pm.start, pm.end))
    return result


def shift_years(period: Period, n: int) -> Period:
    """The same period n years earlier (n > 0) or later; 29 Feb becomes 28 Feb."""

    def shift(d: date) -> date:
        try:
            return d.replace(year=d.year - n)
        except ValueError:
            return d.replace(year=d.year - n, day=28)

    return Period(shift(period.start), shift(period.end), period.instant)


# --------------------------------------------------------------------------- quantities
class QuantityGrammar:
    """Number + scale + unit recogniser, with the unit and qualifier cues of one Reference."""

    def __init__(self, ref) -> None:
        unit_cues = [(c, iri) for c, iri in ref.cues("unit") if c]
        self.unit_of = {}
        for c, iri in unit_cues:
            self.unit_of.setdefault(c, iri)
        # a unit ends at a word boundary; a footnote mark may follow it ("tỷ đồng²³")
        self.unit_re = self._alternation([c for c, _ in unit_cues], tail=r"(?![^\W⁰¹²³⁴⁵⁶⁷⁸⁹])")
        q_cues = [(c, iri) for c, iri in ref.cues("value-qualifier") if c]
        self.qualifier_of = {}
        for c, iri in q_cues:
            self.qualifier_of.setdefault(c, ref.code(iri))
        alts = "|".join(re.escape(c) for c, _ in q_cues)
        # before the number: "khoảng 59,87", "trên 80%"; after it: "8% trở lên"
        self.qual_before = vre(rf"(?:^|(?<=\W))({alts})\s*$") if alts else None
        self.qual_after = vre(rf"\s*({alts})(?=\s*(?:$|[^\w\s]))") if alts else None
        self.percent = self.unit_of.get("%")

    @staticmethod
    def _alternation(words: list[str], tail: str) -> re.Pattern | None:
        words = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
        if not words:
            return None
        parts = []
        for w in words:
            # a unit ending in a letter needs a word boundary; "%" and "/vạn dân" do not
            parts.append(re.escape(w) + (tail if w[-1].isalnum() else ""))
        return vre(r"\s*(?:" + "|".join(parts) + ")")

    # -- pieces -------------------------------------------------------------------
    def _scale_unit(self, view: str, pos: int, limit: int) -> tuple[int, int, str | None]:
        """(end, scale power, unit IRI) of an optional scale word and unit at pos."""
        scale = 0
        m = _SCALE.match(view, pos, limit)
        if m:
            scale = _SCALE_POWER[m.group(1)]
            pos = m.end()
        unit = None
        if self.unit_re is not None:
            u = self.unit_re.match(view, pos, limit)
            if u and u.group(0).strip() == _CURRENCY_SYLLABLE and (
                    _PEOPLE_AFTER_CURRENCY.match(view, u.end(), limit) if scale
                    else not _CURRENCY_ENDS.match(view, u.end(), limit)):
                u = None  # "3 đồng chí", "200 đồng bào": a word, not the currency
            if u:
                unit = self.unit_of.get(u.group(0).strip())
                if unit:
                    pos = u.end()
        return pos, scale, unit

    def _compound(self, view: str, pos: int, end: int, value: Decimal | None, scale: int):
        """A number read in two parts, each with its scale word: (value, scale, unit, end) in the
        second part's scale, or None. The second part must be smaller than one of the first's."""
        m = _COMPOUND_PART.match(view, pos, end)
        if value is None or not m:
            return None
        second = self._parse(m.group(1))
        q_end, scale2, unit = self._scale_unit(view, m.end(1), end)
        if second is None or not scale2 or unit is None:
            return None
        step = scale if scale < scale2 else scale - scale2  # "nghìn … tỷ": thousands of tỷ
        if not (0 < step and second < Decimal(10) ** step):
            return None
        return value * Decimal(10) ** step + second, scale2, unit, q_end

    @staticmethod
    def _parse(token: str) -> Decimal | None:
        try:
            return parse_vn_number(token)
        except AmbiguousNumber:
            return None

    def find(self, view: str, start: int, end: int, masks: list[tuple[int, int]]) -> list[Quantity]:
        """All quantities in view[start:end]; tokens inside `masks` (periods, dates) are skipped."""
        out: list[Quantity] = []
        masks = sorted(masks)
        mi = 0
        pos = start
        while True:
            m = _NUMBER.search(view, pos, end)
            if not m:
                break
            s, e = m.span()
            pos = e
            while mi < len(masks) and masks[mi][1] <= s:
                mi += 1
            if mi < len(masks) and masks[mi][0] <= s < masks[mi][1]:
                pos = max(pos, masks[mi][1])
                continue
            token = m.group(0)
            if len(token) > MAX_TOKEN:
                continue
            before = view[max(start, s - 24):s]
            if _CODE_BEFORE.search(before) or _CODE_AFTER.match(view, e, end):
                # skip the whole code ("111/2024/qh15")
                while pos < end and (view[pos].isalnum() or view[pos] in "/-."):
                    pos += 1
                continue
            rank = bool(_RANK_BEFORE.search(before))
            if not rank and _ORDINAL_BEFORE.search(before) and not _TOTAL_BEFORE.search(before):
                continue
            if _DURATION_AFTER.match(view, e, end):
                continue
            q_end, scale, unit = self._scale_unit(view, e, end)
            if q_end < end and (view[q_end].isalpha()) and q_end == e:
                continue  # glued to letters that are not a unit: "17h00"
            value = self._parse(token)
            compound = self._compound(view, q_end, end, value, scale) if unit is None and scale else None
            if compound is not None:
                # "6 nghìn 300 tỷ đồng" = 6.300 tỷ đồng, "2 tỷ 738 triệu USD" = 2.738 triệu USD
                value, scale, unit, q_end = compound
                pos = q_end
            ambiguous = value is None
            upper = total = None
            total_span = None
            qual = None
            lit_start = s
            # range: "8 - 9%", "từ 7 đến 7,5%", "13,5 đến 14 tiêu chí/xã"
            r = _RANGE_SEP.match(view, q_end, end)
            if r and not ambiguous:
                m2 = _NUMBER.match(view, r.end(), end)
                if m2 and len(m2.group(0)) <= MAX_TOKEN:
                    e2, scale2, unit2 = self._scale_unit(view, m2.end(), end)
                    v2 = self._parse(m2.group(0))
                    sep_is_word = "-" not in r.group(0)
                    has_unit = (unit or unit2) is not None
                    if (v2 is not None and v2 > value and (has_unit or sep_is_word)
                            and (unit is None or unit2 is None or unit == unit2)
                            and not _CODE_AFTER.match(view, m2.end(), end)):
                        upper = v2
                        unit = unit or unit2
                        scale = scale or scale2
                        q_end = e2
                        pos = e2
                        qual = "range"
            # fraction: "74,3/74,44 ha", "490,1/1.288,123 tỷ đồng", "366.55/640,28ha"
            if upper is None:
                f = _FRACTION_SEP.match(view, q_end, end)
                if f:
                    m2 = _NUMBER.match(view, f.end(), end)
                    if m2 and len(m2.group(0)) <= MAX_TOKEN and not _CODE_AFTER.match(view, m2.end(), end):
                        e2, scale2, unit2 = self._scale_unit(view, m2.end(), end)
                        if unit is None or unit2 is None or unit == unit2:
                            total = self._parse(m2.group(0))
                            total_span = (m2.start(), e2)
                            unit = unit or unit2
                            scale = scale or scale2
                            q_end = e2
                            pos = e2
            if pos < q_end:
                pos = q_end
            lit_end = q_end
            comparative = bool(_COMPARATIVE_BEFORE.search(before))
            if self.qual_before is not None:
                qb = self.qual_before.search(before)
                if qb:
                    lit_start = s - (len(before) - qb.start(1))
                    qual = qual or self.qualifier_of.get(qb.group(1))
            post = False
            if self.qual_after is not None and upper is None:
                qa = self.qual_after.match(view, q_end, end)
                if qa:
                    qual = self.qualifier_of.get(qa.group(1)) or qual
                    lit_end = qa.end()
                    post = True
            if post or upper is not None:
                window = view[max(start, lit_start - 8):lit_start]
                fr = _FROM.search(window)
                if fr:
                    lit_start -= len(window) - fr.start()
            out.append(Quantity(
                start=lit_start, end=lit_end, num_start=s, num_end=q_end, value=value, token=token,
                unit=unit, scale=scale, qualifier=qual, upper=upper, total=total, total_span=total_span,
                rank=rank, comparative=comparative, ambiguous=ambiguous,
            ))
        return out


_GRAMMARS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def grammar_for(ref) -> QuantityGrammar:
    """The (cached) quantity grammar built from one Reference's unit and qualifier cues."""
    g = _GRAMMARS.get(ref)
    if g is None:
        g = QuantityGrammar(ref)
        _GRAMMARS[ref] = g
    return g
