"""Observations: values of indicators stated in report prose (MODEL.md, "Observations").

The extractor holds only grammar; every word it recognises as an indicator, unit,
value kind or qualifier comes from the code lists (skos:hiddenLabel cue phrases).

How one number becomes an observation
-------------------------------------
1. The text is cut into *logical sentences*: sentences, with a sentence that a page
   break cut in two (footnotes in between, the rest starting in lower case or with a
   number) put together again.
2. Quantities are found by `quantities.QuantityGrammar` (number, scale word, unit,
   qualifier, range, achieved/total fraction); dates, years, document numbers,
   durations and ordinals are masked first.
3. Each quantity gets a *role* from the words around it: a level ("đạt 7,17%",
   "là 45.481 tỷ đồng"), a share of the plan ("đạt 131% dự toán"), a change
   ("tăng 25,8% so với cùng kỳ", "giảm 2,66%"), or something that is not a value
   (a comparative "cao hơn 1,53%", an equivalent "tương đương 2.302 USD", an
   absolute change "tăng 1,3 triệu đồng", "bằng 35,2% cùng kỳ").
4. The indicator comes from the nearest (then longest) cue phrase before the
   number, with these refinements: a cue right after a count ("1.200 doanh nghiệp
   được thành lập mới") is used when the number's own segment has none; a cue does
   not reach past "trong đó"/"riêng" (components need their own cue) or past ';'
   into a clause with words of its own; a cue is used by one level only, unless a
   new period is named in between ("năm 2021 đạt …; năm 2022 đạt …"); a breakdown
   concept (skos:broader) needs its parent named first; a generic concept
   ('với tổng vốn đăng ký') is narrowed to the skos:related concept that also
   relates to the figure just before. The unit must fit the indicator's default unit.
5. Period, value kind, qualifier, subject and comparison period come from the same
   sentence; a period missing there is taken from the nearest earlier sentence of
   the paragraph (or of the paragraphs it continues: "Cụ thể, …", "Theo đó, …") that
   names one, for a footnote from the sentence that carries its mark, else from the
   nearest heading line, the title or the lead ("Ước tính 6 tháng đầu năm 2020, …");
   months and quarters without a year take the latest year the text has named. In a
   report on part of a year, a realised figure whose own sentence names no period takes
   the report's months. Never from the publication date; a figure nothing dates (a
   project's size) is stated as at the text's dateline, flagged. Otherwise the value is
   skipped and an Issue recorded.
6. The subject is the source's jurisdiction, unless the figure is about a project
   (project indicators in a sentence about a project), a district or body named at
   the head of its clause, or the nation ("cả nước"). A district's share of a project
   figure ("Địa phận huyện X …") is not the project's: it is the district's own figure.
7. What the cue phrases leave (`fallback`) is emitted under an indicator named by the
   text's own words (`indicator_label.py`, minted uncurated by the graph builder): a
   number with a unit, or a count of the noun after it where the genre counts that noun
   (code list scheme:counted-noun) or a value verb names the count; a change (tăng, cao hơn, "+x%"),
   a decrease (giảm, thấp hơn, "-x%", kept positive as the genre prints it), a multiple
   ("gấp 2,7 lần"), a share of a plan; cells of a table flattened into "|" lines take
   their column's header. Ranks, dates, document numbers, counts of administrative
   units, documents and gates, of delegates, speakers, gifts, meetings and delegations
   are no values.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import URIRef
from rdflib.namespace import SKOS

from ..text.dates import DATE_RE, Period, date_from_match, instant, year
from ..text.normalise import fold
from ..vocab import LSKG
from .context import SourceText
from .indicator_label import phrase_after, phrase_before
from .model import Issue, Observation, Span
from .quantities import PeriodMention, Quantity, find_period_mentions, grammar_for, shift_years, vre
from .reference import Indicator, Reference

# ----------------------------------------------------------------------------- grammar
_SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"  # footnote marks
# tokens for cue matching; a footnote mark glued to a word is its own token ("¹³Năm")
_TOKEN = vre(rf"[^\W{_SUP}]+|[{_SUP}]+|[^\w\s]")
_HEADING = vre(r"^(?:[IVX]+[-.]|\d+(?:\.\d+)*\.?\s|[a-zđ]\)\s|\d+\)\s)")
# separators of comma segments (not the decimal comma of "11.024,7")
_SEGMENT_SEP = vre(r"(?<![0-9])[,;:]|[,;:](?![0-9])|[()]")
# components: a head indicator does not reach into "trong đó: …", "riêng …"
_COMPONENT = vre(r"(?:^|(?<=\W))(?:trong\s+đó|riêng|bao\s+gồm|gồm\s+có)(?!\w)")
# verbs and particles that may stand between a period and its number in a list
_FILLER = vre(
    r"(?:^|(?<=\W))(?:đạt|là|có|được|ước|ước\s+tính|còn|khoảng|tăng|giảm|bằng|với|toàn\s+tỉnh|"
    r"thực\s+hiện|đạt\s+được|chiếm|lên|xuống|từ|đến)(?!\w)")
_PUNCT_ONLY = vre(r"^[\W_]*$")
# the role words right before a number
_CHANGE_BEFORE = vre(
    r"(?:^|(?<=\W))(?P<dir>tăng|giảm)(?:\s+(?:thêm|khoảng|hơn|trên|bình\s+quân|được))*\s*$")
_AVERAGE_BEFORE = vre(r"(?:^|(?<=\W))bình\s+quân\s+(?:tăng|giảm)(?:\s+\w+)?\s*$|(?:tăng|giảm)\s+bình\s+quân\s*$")
_EQUIVALENT_BEFORE = vre(r"(?:^|(?<=\W))(?:tương\s+đương|tương\s+ứng|bằng\s+khoảng)(?:\s+\w+)?\s*$")
_RATIO_BEFORE = vre(r"(?:^|(?<=\W))bằng\s*$")
# "đạt 131% dự toán", "đạt 105% kế hoạch Trung ương giao", "bằng 35,2% cùng kỳ"
_PLAN_AFTER = vre(r"\s*(?:so\s+với\s+)?(?:kế\s+hoạch|dự\s+toán|kh(?!\w)|chỉ\s+tiêu)")
_SAME_PERIOD_AFTER = vre(r"\s*(?:so\s+với\s+)?cùng\s+kỳ")
# time deixis: the report's current year / "as at now"
_DEICTIC_YEAR = vre(r"(?:^|(?<=\W))(?:hết\s+năm|trong\s+năm|năm\s+qua|năm\s+nay|cả\s+năm)(?!\s*(?:19|20)\d\d)(?!\w)")
_AS_OF_NOW = vre(r"(?:^|(?<=\W))(?:đến\s+nay|hiện\s+nay|hiện\s+tại|lũy\s+kế\s+đến\s+nay)(?!\w)|^\W*hiện(?!\w)")
# paragraph openings that continue the previous paragraph (compared without diacritics,
# so that a typo in the tone - "Đồng thới" - still counts)
_CONNECTIVE = re.compile(
    r"^\W*(?:cu the|theo do|tiep do|tiep den|tiep theo|dong thoi|ben canh do|ngoai ra|trong do|"
    r"cung voi do|cung do|nho do|qua do|do do|vi vay)(?!\w)")
_PROJECT_WORD = vre(r"(?<!\w)dự\s+án(?!\w)")
_PLACE_LEAD = vre(r"[\s\W]*(?:(?:tại|ở|địa\s+phận|trên\s+địa\s+bàn)\s+)?")
_TERRITORY = vre(r"địa\s+phận")
# the unit words after the last digit (and scale word) of a quantity
_UNIT_SURFACE = vre(r"[0-9](?:\s*(?:nghìn\s+tỷ|nghìn\s+tỉ|tỷ|tỉ|triệu|nghìn|ngàn))?(?P<u>[^0-9]*)$")
_FOOTNOTE_MARK = re.compile(f"[{_SUP}]+")
_ALTERNATIVE_AFTER = vre(r"\s*hoặc\s+[0-9]")
_ALTERNATIVE_BEFORE = vre(r"[0-9]\s+hoặc\s*$")
_DISTRIBUTIVE = vre(r"(?:^|(?<=\W))mỗi(?!\w)")
_UNTIL = vre(r"(?:đến|tới)\s")
_ALREADY = vre(r"(?:^|(?<=\W))đã(?!\w)")
# the nation as a comparator: "bình quân của cả nước"
_NATION = vre(r"(?:^|(?<=\W))(?:cả\s+nước|toàn\s+quốc)(?!\w)")
# plan words inside a cue are nouns, not value kinds, when they head a phrase
_NOUN_USE_AFTER = vre(r"\s*(?:về|của|này|đó|nói\s+trên)(?!\w)")
_NOUN_USE_BEFORE = vre(r"(?:^|(?<=\W))(?:theo|các|những|đúng|đạt|vượt|hoàn\s+thành)\s*$")

# the direction of a change stated before its figure ("tăng", "cao hơn cùng kỳ", "giảm"),
# with no other figure in between
_DIRECTION = vre(
    r"(?:^|(?<=\W))(?:(?P<up>tăng(?!\s+(?:trưởng|thêm))|cao\s+hơn|nhiều\s+hơn|lớn\s+hơn|(?P<beyond>vượt))|"
    r"(?P<down>giảm|thấp\s+hơn|ít\s+hơn|nhỏ\s+hơn|co\s+lại|thu\s+hẹp|sụt|hụt|lùi))(?!\w)"
    # then only words of comparison, degree or period ("cao hơn cùng kỳ năm trước 10,55%")
    r"(?:\s|[,:]|so\s+với|so|với\s+cùng\s+kỳ|cùng\s+kỳ|năm|tháng|quý|kỳ|trước|ngoái|liền|thêm|khoảng|hơn|gần|"
    r"trên|tới|đến|là|được|lên|xuống|mức|bình\s+quân|lần\s+lượt|tương\s+ứng|mạnh|nhẹ|sâu|nhất|đạt|ở)*$")
# what may stand between two figures of one list of changes: "19,88% so với cùng kỳ và 5,13%"
_LIST_GAP = vre(r"(?:\s|[,;]|và|so\s+với|so|cùng\s+kỳ|năm|tháng|quý|kỳ|trước|ngoái|liền|lần\s+lượt|tương\s+ứng)*")
_MULTIPLE_BEFORE = vre(r"(?:^|(?<=\W))gấp(?:\s+(?:hơn|gần|khoảng|trên|đôi))?\s*$")
# "(cùng kỳ: 40,88%)", "cùng kỳ năm trước là 3,31%": the figure of the same period a year before
_SAME_PERIOD_BEFORE = vre(r"(?:\(\s*|(?:^|[,;:]\s*))cùng\s+kỳ(?:\s+năm\s+(?:trước|ngoái))?\s*(?::|là|đạt)\s*$")
_OWN_PERIOD_GAP = vre(r"[\s(]*(?:của\s+)?")
# "cả 3 tuyến", "toàn bộ 3 cấp": all of a known set, not a figure
_ALL_OF = vre(r"(?:^|(?<=\W))(?:cả|toàn\s+bộ)\s*$")
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
_ATTENDANCE_AFTER = vre(
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

# a document's own date in its header: "Hà Nội, ngày 10 tháng 5 năm 2019" (a place, a comma)
_PLACE_DATE = re.compile(r"(?:^|[\s(—-])[A-ZĐÀ-Ỹ][\w]*(?:\s+[A-ZĐÀ-Ỹ][\w]*)*,\s*(?:ngày\s+)?$")
DATELINE_REACH = 24  # characters from a line's start to the date of a dateline ("Chiều ngày 14/3/2019, …")
LEAD = 1500  # characters: the lead of a text, where a report names the period it covers
MAX_HEADING = 200  # characters: a longer line is prose, not a heading
MAX_SENTENCE = 3000  # characters; longer "sentences" are cut (linear time on any input)
POST_CUE_REACH = 30  # characters between a count and the cue that names it
ROLE_REACH = 80  # characters before a number that decide its role ("tăng", "chiếm", "tương đương")
UNCURATED = "uncurated:"  # key prefix of an indicator minted from the text's words
MAX_CHANGE_PP = Decimal(100)
MAGNITUDE_LIMIT = Decimal(10) ** 6


@dataclass(frozen=True)
class CueHit:
    start: int
    end: int
    cue: str
    concepts: tuple[str, ...]


class CueIndex:
    """Cue phrases of one scheme, matched at token starts (overlapping hits kept)."""

    def __init__(self, pairs: list[tuple[str, str]]):
        grouped: dict[str, set[str]] = defaultdict(set)
        for cue, concept in pairs:
            if cue:
                grouped[cue].add(concept)
        self.by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
        for cue, concepts in grouped.items():
            first = _TOKEN.match(cue)
            if first:
                self.by_first[first.group(0)].append((cue, tuple(sorted(concepts))))
        for cands in self.by_first.values():
            cands.sort(key=lambda c: (-len(c[0]), c[0]))

    def find(self, view: str, start: int, end: int) -> list[CueHit]:
        hits: list[CueHit] = []
        for m in _TOKEN.finditer(view, start, end):
            for cue, concepts in self.by_first.get(m.group(0), ()):
                e = m.start() + len(cue)
                if e > end or not view.startswith(cue, m.start()):
                    continue
                if cue[-1].isalnum() and e < len(view) and view[e].isalnum() and view[e] not in _SUP:
                    continue
                hits.append(CueHit(m.start(), e, cue, concepts))
                break
        # drop hits strictly inside a longer one
        hits.sort(key=lambda h: (h.start, -h.end))
        out: list[CueHit] = []
        for h in hits:
            if any(o.start <= h.start and h.end <= o.end and (o.start, o.end) != (h.start, h.end) for o in out[-8:]):
                continue
            out.append(h)
        return out


@dataclass
class LogicalSentence:
    frags: list[Span]
    footnote: bool = False
    periods: list[PeriodMention] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    cues: list[CueHit] = field(default_factory=list)
    kinds: list[CueHit] = field(default_factory=list)
    seps: list[tuple[int, int]] = field(default_factory=list)  # segment separators (start, end)

    @property
    def start(self) -> int:
        return self.frags[0].start

    @property
    def end(self) -> int:
        return self.frags[-1].end


@dataclass
class _Resolved:
    """What one quantity turned out to be (kept for later quantities of the sentence)."""

    q: Quantity
    role: str  # level | unassigned (a level without indicator) | change | share-of-plan | skip
    indicator: str | None = None  # base indicator IRI
    cue: CueHit | None = None
    kind: str | None = None  # value kind emitted
    measure: str | None = None  # of a figure the fallback emitted: change, decrease, share-of-plan …


class _Extractor:
    def __init__(self, src: SourceText, ref: Reference):
        self.src = src
        self.ref = ref
        self.view = src.view
        self.text = src.text
        self.grammar = grammar_for(ref)
        # the code list's indicators, and those minted from this text's words (UNCURATED keys)
        self.indicators: dict[str, Indicator] = dict(ref.indicators)
        self.ind_cues = CueIndex(ref.cues("indicator"))
        self.kind_cues = CueIndex(ref.cues("value-kind"))
        self.percent = self.grammar.percent
        units = {ref.code(str(u)): str(u) for u in ref.concepts("unit")}
        self.pp = units.get("percentage-point") or units.get("percent-point") or self.percent
        self.rank = units.get("rank")
        # what the genre never counts as an indicator value when no cue names it (README §9)
        self.not_counted = {units.get(c) for c in ("document", "border-gate", "commune", "district", "township",
                                                    "village", "session", "delegation", "rank", "year",
                                                    "month")} - {None}
        self.counted = ref.cue_pattern("counted-noun")  # nouns whose bare count is a value
        self.person = units.get("person")
        self.times = units.get("times")
        self.item = units.get("item")  # a bare count ("188 sản phẩm OCOP"): its noun is in the label
        # units of measure, as against counted nouns ("doanh nghiệp"): a noun after a count may
        # name what is counted, the words after "tỷ đồng" never do
        self.measures = {units.get(c) for c in ("percent", "percentage-point", "vnd", "usd", "hectare", "km",
                                                 "km2", "mw", "tonne", "times", "month", "year")} - {None}
        self.observations: list[Observation] = []
        self.issues: list[Issue] = []
        self._seen: dict[tuple, tuple[Decimal, int, int]] = {}
        self._by_org: set[tuple[str, int]] = set()
        self._said: set[Span] = set()  # numbers emitted, or known to repeat an emitted value
        self._kinds_cache: dict[str, str | None] = {}
        self.periods = find_period_mentions(self.view, self.text)
        self._period_starts = [pm.start for pm in self.periods]
        self._years = [pm for pm in self.periods if pm.role == "period" and pm.period and pm.period.is_year]
        self._year_ends = [pm.end for pm in self._years]
        self._durations = self._resolve_durations()

    # ------------------------------------------------------------------ structure
    def _spans(self):
        """Sentence spans; an overlong one (no real sentence is) is cut at ';', then hard."""
        for sp in self.src.sentence_spans:
            if sp.end - sp.start <= MAX_SENTENCE:
                yield sp
                continue
            for cl in self.src.clause_spans(sp):
                for a in range(cl.start, cl.end, MAX_SENTENCE):
                    yield Span(a, min(cl.end, a + MAX_SENTENCE))

    def sentences(self) -> list[LogicalSentence]:
        out: list[LogicalSentence] = []
        last_main: LogicalSentence | None = None
        for sp in self._spans():
            t = self.text[sp.start:sp.end]
            if not t:
                continue
            para = self.src.paragraph_at(sp.start)
            if self.text[para.start:para.start + 1] in _SUP:
                out.append(LogicalSentence([sp], footnote=True))
                continue
            if last_main is not None and self._continues(last_main, sp, t):
                last_main.frags.append(sp)
                continue
            last_main = LogicalSentence([sp])
            out.append(last_main)
        for ls in out:
            self._fill(ls)
        out.sort(key=lambda ls: ls.start)
        return out

    def _continues(self, prev: LogicalSentence, sp: Span, t: str) -> bool:
        """A page break cut a sentence: the rest starts in lower case or with a number."""
        if not (t[0].islower() or t[0].isdigit()) or _HEADING.match(t):
            return False
        last = prev.frags[-1]
        if self.src.paragraph_at(last.start) == self.src.paragraph_at(sp.start):
            return False
        tail = self.text[last.start:last.end].rstrip()
        return bool(tail) and (tail[-1].isalnum() or tail[-1] == ",")

    def _fill(self, ls: LogicalSentence) -> None:
        for fr in ls.frags:
            i = bisect.bisect_left(self._period_starts, fr.start)
            pms = []
            while i < len(self.periods) and self.periods[i].start < fr.end:
                if self.periods[i].end <= fr.end:
                    pms.append(self.periods[i])
                i += 1
            ls.periods.extend(pms)
            masks = [(pm.start, pm.end) for pm in pms]
            ls.quantities.extend(self.grammar.find(self.view, fr.start, fr.end, masks))
            ls.cues.extend(self.ind_cues.find(self.view, fr.start, fr.end))
            ls.kinds.extend(self.kind_cues.find(self.view, fr.start, fr.end))
            ls.seps.extend(m.span() for m in _SEGMENT_SEP.finditer(self.view, fr.start, fr.end))

    def between(self, ls: LogicalSentence, a: int, b: int) -> str:
        """The view text of `ls` between offsets a and b, fragments joined by a space."""
        parts = []
        for fr in ls.frags:
            s, e = max(a, fr.start), min(b, fr.end)
            if s < e:
                parts.append(self.view[s:e])
        return " ".join(parts)

    def frag_of(self, ls: LogicalSentence, pos: int) -> Span:
        for fr in ls.frags:
            if fr.start <= pos < fr.end:
                return fr
        return ls.frags[-1]

    # ------------------------------------------------------------------ run
    def run(self) -> tuple[list[Observation], list[Issue]]:
        sents = self.sentences()
        self._sents = sents
        self._by_para: dict[int, list[LogicalSentence]] = defaultdict(list)
        for ls in sents:
            for fr in ls.frags:
                self._by_para[self.src.paragraph_at(fr.start).start].append(ls)
        for ls in sents:
            if ls.quantities:
                self.sentence(ls)
        return self.observations, self.issues

    def issue(self, kind: str, message: str, start: int, end: int) -> None:
        self.issues.append(Issue(kind, message, Span(start, end)))

    def sentence(self, ls: LogicalSentence) -> None:
        done: list[_Resolved] = []
        for q in ls.quantities:
            r = self.quantity(ls, q, done)
            if Span(q.num_start, q.num_end) not in self._said and not (q.ambiguous or q.value is None):
                r = self.fallback(ls, q, done, r)
            done.append(r)

    # ------------------------------------------------------------------ what the cues left
    def fallback(self, ls: LogicalSentence, q: Quantity, done: list[_Resolved], r: _Resolved) -> _Resolved:
        """A figure the cue grammar did not emit, as the text's own words name it.

        Counted as an indicator value: a number with a unit, or a count of the noun after it
        (`bare_count`). A change (tăng, cao hơn, "+0,28%") or a decrease (giảm, thấp hơn,
        "-0,34%") refers to the last level of its clause; a percentage before "kế hoạch" or
        "dự toán" is a share of the plan; anything else is a level named by the noun phrase
        before it (`mint`). Period, value kind and subject as for any figure.
        """
        if q.unit is None and (cell := self.table_cell(q)) is not None:
            return self.emit_cell(ls, q, cell, r)
        if (q.unit is None and not self.bare_count(q)) or q.rank or q.unit == self.rank:
            return r  # ranks ("xếp thứ 13/63", "tăng 02 bậc") are no values of the genre
        if q.total is not None and q.unit not in self.measures:
            return r  # "24/30 chỉ tiêu": a tally of items, whose parts the text rarely names
        if q.unit in self.not_counted or q.comparative and not q.unit or _ALL_OF.search(
                self.view[max(0, q.num_start - 8):q.num_start]):
            return r  # counts of administrative units, documents and gates are no values of the genre
        if q.unit is not None and q.unit == self.person and _ATTENDANCE_AFTER.match(self.view, q.num_end,
                                                                                   q.num_end + 60):
            return r  # "300 người tham dự": who came to an event
        if _ALTERNATIVE_AFTER.match(self.view, q.end) or _ALTERNATIVE_BEFORE.search(
                self.view[max(0, q.start - 12):q.start]):
            return r  # "từ 2 hoặc 3 khu dân cư": alternatives, no single value
        seg = self.segment_start(ls, q.start)
        before = self.between(ls, max(seg, q.num_start - ROLE_REACH), q.num_start)
        after = self.view[q.end:min(len(self.view), q.end + 40)]
        pct = q.unit in (self.percent, self.pp)
        measure = None
        if pct and _PLAN_AFTER.match(after):
            measure = "share-of-plan"
        else:
            sign = self.view[max(0, q.num_start - 2):q.num_start].replace(" ", "")
            d = _DIRECTION.search(self.undated(ls, before, max(seg, q.num_start - ROLE_REACH)))
            if q.unit == self.times and _MULTIPLE_BEFORE.search(before):
                measure = "multiple"  # "gấp 2,7 lần cùng kỳ": a multiple of the period compared
            elif sign.endswith("(+") or sign == "+":
                measure = "change"
            elif sign.endswith("(-") or sign.endswith("(−"):
                measure = "decrease"
            elif d is not None and (pct or not d.group("beyond")):
                measure = "decrease" if d.group("down") else "change"
        listed = self.listed_after(ls, q, done)
        if measure is None and listed is not None:
            # "tăng 19,88% so với cùng kỳ và 5,13% so với tháng 3", "lần lượt 13,05% và 3,35%"
            measure, ind = listed.measure, listed.indicator
        else:
            ind = self.mint(ls, q, "level" if measure is None else "change", done)
        if ind is None and measure is not None:
            ind = self.mint(ls, q, "level", done)
        if ind is None:
            return r
        info = self.indicators[ind]
        if measure == "change" and self.is_growth(ind):
            measure = None
        subject = self.subject_for(ls, q, ind, None)
        if not subject:  # a district's part of a project figure is the district's figure
            found = (self.clause_subject(ls, self.segment_start(ls, q.start), q.start)
                     or self.clause_subject(ls, self.clause_start(ls, q.start), q.start))
            subject = found[0] if found else self.src.jurisdiction
        kind = self.kind_for(ls, q, derived=measure is not None)
        period, note, inherited = self.period_for(ls, q, forward=kind in ("target", "projection"))
        period = self.period_after(ls, q) or period
        near = self.between(ls, max(ls.start, q.num_start - 30), q.num_start)
        if period is not None and measure is None and _SAME_PERIOD_BEFORE.search(near):
            period = shift_years(period, 1)  # "37,88% (cùng kỳ: 40,88%)": the year before
        flags: tuple[str, ...] = ()
        if period is None and self.dateline is not None:
            # a figure no period frames ("Dự án rộng 105,5ha"), in a text dated in its lead
            # ("Ngày 14/3/2019, Sở KH&ĐT …"): as stated on that day, and flagged so
            period, flags = self.dateline, ("period-from-dateline",)
        elif period is None and self.latest_date is not None:
            # else as stated by a text written on or after the latest day it names, flagged so
            period, flags = self.latest_date, ("period-as-at-latest-date",)
        if period is None:
            self.issue("no-period", note or "no reference period stated for this value", q.num_start, q.num_end)
            return r
        kind = kind or inherited or "actual"
        period = self.within_report(ls, q, period, kind)
        unit, mult = q.unit or self.item, q.scale
        if measure == "share-of-plan":
            unit, mult = self.percent, 0
        comparison = self.comparison_for(ls, q, period) if measure in ("change", "decrease", "multiple") else None
        indicator, label = (None, info.label_vi) if self.is_uncurated(ind) else (ind, None)
        obs = Observation(
            indicator=indicator, indicator_label=label, measure=measure, subject=subject,
            period=period, value=q.value, unit=unit, value_kind=kind, as_reported=self.text[q.start:q.end],
            span=Span(q.num_start, q.num_end), evidence=self.evidence(ls, q), unit_mult=mult,
            qualifier=q.qualifier, upper=q.upper, comparison_period=comparison, flags=flags,
        )
        self.emit(obs, ls, strict=indicator is not None)  # what the text's words name twice is kept twice
        return _Resolved(q, "level" if measure is None else "change", ind, None, kind, measure)

    @property
    def dateline(self) -> Period | None:
        """The day a news text dates itself by in its lead ("Ngày 14/3/2019, …", "Sáng 11/11/2024")."""
        if not hasattr(self, "_dateline"):
            self._dateline = None
            for pm in self.periods:
                if pm.start >= LEAD:
                    break
                line = self.view.rfind("\n", 0, pm.start) + 1
                if pm.start - line > DATELINE_REACH and not _PLACE_DATE.search(self.text, max(0, pm.start - 30), pm.start):
                    continue  # a date inside a sentence dates a document or an event, not the text
                if pm.role == "date" and (m := DATE_RE.search(self.view, pm.start, pm.end)) and (d := date_from_match(m)):
                    self._dateline = instant(d)
                    break
        return self._dateline

    @property
    def latest_date(self) -> Period | None:
        """The latest day a text names (a date, or the end of a period it reports on)."""
        if not hasattr(self, "_latest_date"):
            days = [d for pm in self.periods if pm.role == "date"
                    and (m := DATE_RE.search(self.view, pm.start, pm.end)) and (d := date_from_match(m))]
            # with no date, the end of the periods it reports on (a target's year is a horizon)
            days = days or [pm.period.end for pm in self.periods if pm.role == "period" and pm.period]
            self._latest_date = instant(max(days)) if days else None
        return self._latest_date

    # ------------------------------------------------------------------ one quantity
    def quantity(self, ls: LogicalSentence, q: Quantity, done: list[_Resolved]) -> _Resolved:
        skip = _Resolved(q, "skip")
        seg_start = self.segment_start(ls, q.start)
        before = self.between(ls, max(seg_start, q.start - ROLE_REACH), q.start)
        after = self.view[q.end:min(len(self.view), q.end + 40)]
        if q.comparative or _ALTERNATIVE_AFTER.match(self.view, q.end) or _ALTERNATIVE_BEFORE.search(before):
            return skip  # "từ 2 hoặc 3 khu dân cư": alternatives, no single value
        equivalent = bool(_EQUIVALENT_BEFORE.search(before))
        is_pct = q.unit is not None and q.unit == self.percent
        role = "level"
        sign = 1
        average = False
        if is_pct and _PLAN_AFTER.match(after):
            role = "share-of-plan"
        elif is_pct and _RATIO_BEFORE.search(before) and _SAME_PERIOD_AFTER.match(after):
            return skip  # "bằng 35,2% cùng kỳ": a ratio to last year, no indicator for it
        else:
            ch = _CHANGE_BEFORE.search(before)
            if ch:
                if not is_pct:
                    return skip  # absolute change ("tăng 1,3 triệu đồng")
                role = "change"
                sign = -1 if ch.group("dir") == "giảm" else 1
                average = bool(_AVERAGE_BEFORE.search(before))

        if equivalent:
            # "56,23 triệu đồng, tương đương 2.302 USD": the same figure in another unit, which
            # is the indicator skos:related to the one just stated whose unit fits
            prev = next((r for r in reversed(done) if r.role == "level" and r.indicator), None)
            if prev is None or q.unit is None:
                return skip
            ind = self.related_with_unit(prev.indicator, q.unit)
            cue = prev.cue
            if ind is None:
                return skip
        elif role == "level":
            ind, cue = self.level_indicator(ls, q, done)
        else:
            ind, cue = self.base_indicator(ls, q, done)
        if ind is not None and not equivalent:
            ind = self.narrow(ind, done)
        if ind is not None and ind not in self.indicators:
            return skip
        if ind is not None and role == "level" and not self.unit_fits(q, self.indicators[ind]):
            ind = None  # the cue names another indicator than this figure's: the text's words do
        if ind is None:
            return _Resolved(q, role if role != "level" else "unassigned", None, cue)
        info = self.indicators[ind]

        if role == "change" and self.is_growth(ind):
            role = "level"  # "Nông lâm nghiệp tăng 7,72%": the growth rate itself
        elif role == "change" and average and not self.is_uncurated(ind):
            self.issue("average-growth", "average growth of a level over a period is not a change observation",
                       q.num_start, q.num_end)
            return _Resolved(q, "skip", ind, cue)

        unit = q.unit or info.unit
        mult = q.scale
        measure = None
        if role == "share-of-plan":
            measure, unit, mult = "share-of-plan", self.percent, 0
        elif role == "change":
            # a change of a share or rate of people ("tỷ lệ hộ nghèo giảm 2,66%") is in
            # percentage points; of an index ("chỉ số sản xuất công nghiệp tăng 5,61%") in percent
            pp = q.unit == self.pp or (info.unit == self.percent and info.kind in ("share", "rate"))
            measure, unit, mult = "change", (self.pp if pp else self.percent), 0
        if sign < 0:
            # the genre prints a decrease as a positive figure after "giảm": so is it kept
            measure, sign = "decrease", 1
            if role == "level":
                unit, mult = q.unit or info.unit, q.scale
        if unit is None:
            return _Resolved(q, "skip", ind, cue)

        if q.ambiguous or q.value is None:
            self.issue("ambiguous-number", f"not Vietnamese number notation: {q.token!r}; value not emitted",
                       q.num_start, q.num_start + len(q.token))
            return _Resolved(q, role, ind, cue)

        if self.distributive(ls, q, cue):
            return _Resolved(q, "skip", ind, cue)  # "mỗi huyện … 3 khu dân cư": per unit, not a total
        # subject, period, kind
        subject = self.subject_for(ls, q, ind, cue)
        if subject is None:
            return _Resolved(q, role, ind, cue)
        if subject == "":
            return _Resolved(q, "skip", ind, cue)
        kind = self.kind_for(ls, q, derived=role != "level")
        if kind is None and role != "level":
            base = next((r for r in reversed(done) if r.role == "level" and r.indicator == ind), None)
            kind = base.kind if base is not None else None
        period, period_note, inherited_kind = self.period_for(
            ls, q, project=subject != self.src.jurisdiction and self.is_project_indicator(ind),
            forward=kind in ("target", "projection"))
        period = self.period_after(ls, q) or period
        if period is None:
            self.issue("no-period", period_note or "no reference period stated for this value",
                       q.num_start, q.num_end)
            return _Resolved(q, role, ind, cue)
        kind = kind or inherited_kind or "actual"
        period = self.within_report(ls, q, period, kind)

        comparison = None
        if role == "change":
            comparison = self.comparison_for(ls, q, period)
        value = q.value * sign
        upper = q.upper * sign if q.upper is not None else None
        if upper is not None and upper < value:  # "giảm 2 - 3%": from -3 to -2
            value, upper = upper, value
        flags: list[str] = []
        if self.implausible(role, info, q, value):
            flags.append("implausible")
            self.issue("implausible-value",
                       f"{self.text[q.start:q.end]!r} is outside the plausible range of {info.code}",
                       q.num_start, q.num_end)
        evidence = self.evidence(ls, q)
        as_reported = self.text[q.start:q.end]
        indicator, label = (None, info.label_vi) if self.is_uncurated(ind) else (ind, None)
        obs = Observation(
            indicator=indicator, indicator_label=label, measure=measure, subject=subject, period=period, value=value, unit=unit,
            value_kind=kind, as_reported=as_reported, span=Span(q.num_start, q.num_end),
            evidence=evidence, unit_mult=mult, qualifier=q.qualifier, upper=upper,
            comparison_period=comparison, flags=tuple(flags),
        )
        self.emit(obs, ls)
        return _Resolved(q, role, ind, cue, kind, measure)

    def emit(self, obs: Observation, ls: LogicalSentence, strict: bool = True) -> None:
        """Keep one value per indicator, subject, period and kind within a paragraph.

        The same value said twice in one sentence is emitted once; a different value for
        the same key in the same paragraph is almost always a breakdown we could not see
        ("75 vị trí" on provincial roads, "193 vị trí" on district roads): it is reported,
        not emitted. Across paragraphs both values are kept (the builder flags them).
        """
        # a change against the month before and one against the same month a year before are two
        comparison = obs.comparison_period.key if obs.comparison_period else None
        key = (obs.indicator_key, obs.subject, obs.period.key, obs.value_kind, comparison)
        para = self.src.paragraph_at(obs.span.start).start
        seen = self._seen.get(key)
        if seen is not None:
            value, sent_start, seen_para = seen
            if value == obs.value and sent_start == ls.start:
                self._said.add(obs.span)
                return  # said twice in one sentence
            if seen_para == para and value != obs.value and strict:
                self.issue("duplicate-key", f"second value {obs.as_reported!r} for the same indicator, subject, "
                           f"period and kind in one paragraph; not emitted", obs.span.start, obs.span.end)
                return
        else:
            self._seen[key] = (obs.value, ls.start, para)
        if obs.subject == self.src.jurisdiction and (obs.indicator_key, ls.start) in self._by_org:
            # "Tỉnh ủy đã ký 02 …; các sở, ngành ký 07 …": parts of a total, not the total
            self.issue("partial-figure", f"{obs.as_reported!r} follows figures of single bodies; not emitted "
                       "for the province", obs.span.start, obs.span.end)
            return
        if obs.subject != self.src.jurisdiction and self._kind_of(obs.subject) == "organisation":
            self._by_org.add((obs.indicator_key, ls.start))
        self._said.add(obs.span)
        self.observations.append(obs)

    def distributive(self, ls: LogicalSentence, q: Quantity, cue: CueHit | None) -> bool:
        clause = self.clause_start(ls, q.start)
        if cue is not None and clause <= cue.start < q.start:
            text = self.between(ls, clause, cue.start) + " " + self.between(ls, cue.end, q.start)
        else:
            text = self.between(ls, clause, q.start)
        return bool(_DISTRIBUTIVE.search(text))

    def _kind_of(self, iri: str) -> str | None:
        if iri not in self._kinds_cache:
            self._kinds_cache[iri] = self.ref.kind_of(iri)
        return self._kinds_cache[iri]

    # ------------------------------------------------------------------ indicator
    def segment_start(self, ls: LogicalSentence, pos: int) -> int:
        """Start of the comma/semicolon segment that holds pos."""
        fr = self.frag_of(ls, pos)
        i = bisect.bisect_right(ls.seps, (pos, pos)) - 1
        while i >= 0 and ls.seps[i][1] > pos:
            i -= 1
        if i >= 0 and ls.seps[i][1] >= fr.start:
            return ls.seps[i][1]
        return fr.start

    def clause_start(self, ls: LogicalSentence, pos: int) -> int:
        start = ls.start
        for fr in ls.frags:
            if fr.start > pos:
                break
            i = self.view.rfind(";", fr.start, min(pos, fr.end))
            if i >= 0:
                start = i + 1
        return start

    @staticmethod
    def is_uncurated(ind: str) -> bool:
        return ind.startswith(UNCURATED)

    def mint(self, ls: LogicalSentence, q: Quantity, role: str, done: list[_Resolved]) -> str | None:
        """An indicator named by the text's own words, for a value no code-list cue names.

        A change or share follows the level it refers to (the last level of its clause);
        otherwise the label is the noun phrase before the number in its segment, else in its
        clause (parentheses left out), else for a count the noun after it ("188 sản phẩm").
        """
        clause = self.clause_start(ls, q.start)
        if role == "level" and q.unit is None and not self.bare_count(q):
            return None
        # the words of a figure start after the last figure of its clause ("2010" of "giá so sánh
        # 2010" is none)
        floor = max([clause] + [r.q.end for r in done if r.indicator and clause < r.q.end <= q.start])
        seg = max(floor, self.segment_start(ls, q.start))
        label = phrase_before(self.label_text(ls, seg, q.start))
        if not label and role != "level":
            # "… đạt 224.175 tỷ đồng, tăng 19,6%": the change of the last level of its clause
            last = next((r for r in reversed(done) if r.role == "level" and r.indicator
                         and r.q.num_start >= clause), None)
            if last is not None:
                return last.indicator
        if not label and role == "level" and q.unit is None and not q.scale:
            label = self.words_after(q)  # "có 120 chợ, 5 siêu thị": its own noun, not the one before
        if not label and seg > floor:
            label = phrase_before(self.label_text(ls, floor, q.start))
        if not label and floor == clause:
            # "- Dịch vụ: tăng 11,07%": the words before the colon (or the comma) of its clause
            pieces = re.split(r"[,;:]", self.label_text(ls, clause, q.start, cut=False))
            label = next((p for p in map(phrase_before, reversed(pieces[-3:-1])) if p), "")
        if not label and role == "level":
            label = self.words_after(q)
        if not label:
            # "… là 6.881,77 triệu đồng năm 2001, lên 10.829,300 triệu đồng năm 2005": a figure
            # with no words of its own continues the last one of its sentence
            prev = next((r for r in reversed(done) if r.indicator
                         and r.role == ("level" if role == "level" else r.role)), None)
            return prev.indicator if prev is not None else None
        key = UNCURATED + label
        if key not in self.indicators:
            growth = "tăng trưởng" in label or "tốc độ tăng" in label
            self.indicators[key] = Indicator(key, key, label, q.unit or self.item, None,
                                             "growth" if growth else None, None, None)
        return key

    def words_after(self, q: Quantity) -> str:
        """The label a figure's following words give: the counted noun ("188 sản phẩm OCOP" ->
        "số sản phẩm ocop"), or the words after a measure ("c) 54.930 triệu đồng dự phòng ngân
        sách;")."""
        if q.unit in self.measures:
            return phrase_after(self.view[q.end:min(len(self.view), q.end + 80)])
        token_end = q.num_start + len(q.token)
        label = phrase_after(self.view[token_end:min(len(self.view), token_end + 80)])
        return f"số {label}" if label and q.unit is None else label

    def listed_after(self, ls: LogicalSentence, q: Quantity, done: list[_Resolved]) -> _Resolved | None:
        """The change just before q when q only continues its list ("… và 5,13%")."""
        if not done or done[-1].measure not in ("change", "decrease") or done[-1].q.unit != q.unit:
            return None
        prev = done[-1]
        gap = self.undated(ls, self.between(ls, prev.q.end, q.num_start), prev.q.end)
        return prev if _LIST_GAP.fullmatch(gap) else None

    def undated(self, ls: LogicalSentence, text: str, a: int) -> str:
        """`text` (the view from offset a) with the digits of its period mentions blanked."""
        chars = list(text)
        for pm in ls.periods:
            for i in range(max(0, pm.start - a), min(len(chars), pm.end - a)):
                if chars[i].isdigit():
                    chars[i] = " "
        return "".join(chars)

    def period_after(self, ls: LogicalSentence, q: Quantity) -> Period | None:
        """A period right after the figure: "6.881,77 triệu đồng năm 2001", "107,48% (2001)",
        "3,56% của nửa đầu năm 2021"."""
        for pm in ls.periods:
            if (q.end <= pm.start <= q.end + 6 and pm.role == "period"
                    and _OWN_PERIOD_GAP.fullmatch(self.view, q.end, pm.start)
                    and not self.view[pm.end:pm.end + 3].lstrip().startswith(":")):
                return pm.period  # not "3,09 % (nửa đầu năm 2012: 3,31%)", an aside's own figure
        return None

    def table_cell(self, q: Quantity) -> tuple[str, Period | None, str | None, int] | None:
        """A number in a table flattened into lines of cells ("2005 | 112,77 | 10.839,30 | …"):
        (label, period, unit, scale) from its column's header cell ("Tổng số (Triệu đồng)") and
        its row's first cell when that is a year."""
        a = self.text.rfind("\n", 0, q.num_start) + 1
        b = self.text.find("\n", q.num_end)
        b = len(self.text) if b < 0 else b
        bars = self.text.count("|", a, b)
        if bars < 2 or self.text[q.num_start:q.num_end].strip() != q.token:
            return None
        col = self.text.count("|", a, q.num_start)
        cells = self.text[a:b].split("|")
        if cells[col].strip() != q.token or (col == 0 and re.fullmatch(r"(?:19|20)[0-9]{2}", q.token)):
            return None  # the row's year is its period, not a value
        end = a - 1
        while end > 0:
            start = self.text.rfind("\n", 0, end) + 1
            if self.text.count("|", start, end) != bars:
                return None
            head = self.text[start:end].split("|")[col]
            if not re.search(r"[0-9]", head):
                hs = start + sum(len(c) + 1 for c in self.text[start:end].split("|")[:col])
                label = phrase_before(self.view[hs:hs + len(head)].split("(")[0]) or fold(head).strip()
                unit, scale = None, 0
                paren = self.view.find("(", hs, hs + len(head))
                if paren >= 0:
                    _e, scale, unit = self.grammar._scale_unit(self.view, paren + 1, hs + len(head))
                first = cells[0].strip()
                period = year(int(first)) if re.fullmatch(r"(?:19|20)[0-9]{2}", first) else None
                return (label, period, unit, scale) if label else None
            end = start - 1
        return None

    def emit_cell(self, ls: LogicalSentence, q: Quantity, cell, r: _Resolved) -> _Resolved:
        label, period, unit, scale = cell
        period = period or self.heading_period(q.num_start)
        if period is None:
            self.issue("no-period", "a table cell in a row with no year and no dated heading", q.num_start, q.num_end)
            return r
        obs = Observation(
            indicator=None, indicator_label=label, subject=self.src.jurisdiction, period=period, value=q.value,
            unit=unit or self.item, value_kind="actual", as_reported=self.text[q.start:q.end],
            span=Span(q.num_start, q.num_end), evidence=self.evidence(ls, q), unit_mult=scale,
        )
        self.emit(obs, ls, strict=False)
        return _Resolved(q, "level", None, None, "actual")

    def label_text(self, ls: LogicalSentence, a: int, b: int, cut: bool = True) -> str:
        """View text of ls between a and b with periods, value-kind cues and parentheses blanked."""
        chars = list(self.between(ls, a, b))
        if len(ls.frags) == 1:
            for s, e in [(pm.start, pm.end) for pm in ls.periods] + [(k.start, k.end) for k in ls.kinds]:
                for i in range(max(0, s - a), min(len(chars), e - a)):
                    chars[i] = " "
        opened: list[int] = []
        for i, c in enumerate(chars):
            if c == "(":
                opened.append(i)
            elif c == ")" and opened:
                a = opened.pop()
                chars[a:i + 1] = " " * (i + 1 - a)  # a closed aside; an open one is the context
        text = "".join(chars).replace("(", " ")
        if not cut:
            return text
        at = max(text.rfind(","), text.rfind(";"), text.rfind(":"))
        return text[at + 1:] if at >= 0 and text[at + 1:].strip() else text

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
        if _ATTENDANCE_AFTER.match(rest):
            return False
        if _COUNT_CUE_BEFORE.search(self.view[max(0, q.start - 40):q.start]):
            return True
        phrase = max(line_start, q.start - 120)
        for sep in _PHRASE_SEP.finditer(self.view, phrase, q.start):
            phrase = sep.end()
        return bool(_NUMBER_OF.match(self.view, phrase, q.start))

    def is_growth(self, ind: str) -> bool:
        """A rate of change itself (GRDP growth, sector growth): "tăng X%" is its value."""
        seen = set()
        while ind and ind not in seen:
            seen.add(ind)
            info = self.indicators.get(ind)
            if info is None:
                return False
            if info.kind == "growth":
                return True
            ind = self._broader(ind)
        return False

    def _broader(self, ind: str) -> str | None:
        return None if self.is_uncurated(ind) else self.ref.broader(ind)

    def is_project_indicator(self, ind: str) -> bool:
        """A figure of one project (lskg:subjectClass lskg:InvestmentProject in the code list)."""
        info = self.indicators.get(ind)
        return info is not None and info.subject_class == str(LSKG.InvestmentProject)

    def unit_fits(self, q: Quantity, info: Indicator) -> bool:
        if self.is_uncurated(info.iri):
            return q.unit is not None or self.bare_count(q)
        if info.kind == "rank":
            # a rank is printed "xếp thứ 13/63" or with its own unit ("tăng 02 bậc")
            return q.rank or (q.unit is not None and q.unit == info.unit)
        if q.unit is None:
            # a bare count ("hiện có là 511") needs a count indicator; "3 cụm" (a noun that is
            # not a known unit), "1119-1120", "1088/2" and "Hợp Thành 1" (a name) do not fit
            if info.unit is None or info.kind != "count" or q.total is not None:
                return False
            rest = self.view[q.num_end:q.num_end + 12].lstrip()
            if rest[:1].isalpha() or rest[:1] in ("-", "/") or rest[:1].isdigit():
                return False
            if self.view[max(0, q.num_start - 1):q.num_start] in ("-", "/"):
                return False
            return not self.after_name(q.num_start)
        if info.unit is None:
            return True
        return q.unit == info.unit

    def after_name(self, pos: int) -> bool:
        """The number follows a capitalised word inside a sentence: part of a name ("Hợp Thành 1")."""
        head = self.text[max(0, pos - 40):pos].rstrip()
        m = re.search(r"(\S+)$", head)
        if not m or not m.group(1)[:1].isupper():
            return False
        before = head[:m.start()].rstrip()
        return bool(before) and (before[-1].isalnum() or before[-1] in ",")

    def choose(self, hit: CueHit, q: Quantity, ls: LogicalSentence, done: list[_Resolved] = ()) -> str | None:
        """One indicator for a cue.

        A breakdown indicator (one with skos:broader, e.g. the services share of GRDP) is
        only taken when its parent is named before it in the sentence or the sentence
        before ("Cơ cấu kinh tế …: dịch vụ 50,55%"); where a cue is shared, the parent
        named nearest wins, then the one whose unit fits.
        """
        cands = [c for c in hit.concepts if c in self.indicators]
        if not cands:
            return None
        scored = []
        for c in cands:
            parent = self._broader(c)
            if parent is None or parent not in self.indicators:
                scored.append((0, c))
                continue
            where = self.parent_named(ls, parent, hit.start)
            if where is None:
                continue
            # the figure just before, if any, must be the parent or a part of it: "đã trao 1497
            # huy chương, trong đó 382 huy chương vàng" is not a breakdown of medals won
            last = next((r for r in reversed(done) if r.role == "level" and r.indicator
                         and r.q.end > where and r.q.num_start < q.num_start), None)
            if last is not None and parent not in (last.indicator, self._broader(last.indicator)) \
                    and not ({parent, c} & self.related(last.indicator)):
                continue
            scored.append((where, c))
        if not scored:
            return None
        best = max(w for w, _ in scored)
        cands = [c for w, c in scored if w == best]
        fitting = [c for c in cands if q.unit is not None and self.indicators[c].unit == q.unit]
        return (fitting or cands)[0]

    def related(self, ind: str) -> set[str]:
        """skos:related neighbours of an indicator (both directions)."""
        if not hasattr(self, "_related"):
            rel: dict[str, set[str]] = defaultdict(set)
            for a in self.ref.indicators:
                for b in self.ref.graph.objects(URIRef(a), SKOS.related):
                    rel[a].add(str(b))
                    rel[str(b)].add(a)
            self._related = rel
        return self._related.get(ind, set())

    def declared_related(self, ind: str) -> set[str]:
        """What an indicator itself declares skos:related to."""
        if self.is_uncurated(ind):
            return set()
        return {str(o) for o in self.ref.graph.objects(URIRef(ind), SKOS.related)}

    def narrow(self, ind: str, done: list[_Resolved]) -> str:
        """A generic hit ('với tổng vốn đăng ký', 'doanh thu') becomes the concept related both
        to it and to the indicator of the figure just before ('… 1.600 doanh nghiệp …').

        Generic concepts declare no skos:related themselves; the specific ones point to them.
        """
        if self.declared_related(ind) or len(self.related(ind)) < 2:
            return ind
        prev = next((r.indicator for r in reversed(done) if r.indicator), None)
        if prev is None or prev == ind:
            return ind
        both = sorted(c for c in self.related(ind) if c in self.indicators
                      and {ind, prev} <= self.declared_related(c) | ({prev} if c in self.related(prev) else set()))
        return both[0] if len(both) == 1 else ind

    def part_of(self, total: str, q: Quantity) -> str | None:
        """The indicator of the achieved part of a total: one that declares skos:related to
        the total's indicator and has the quantity's unit."""

        cands = sorted(str(s) for s in self.ref.graph.subjects(SKOS.related, URIRef(total))
                       if str(s) in self.indicators and self.indicators[str(s)].unit == q.unit)
        return cands[0] if len(cands) == 1 else None

    def related_with_unit(self, ind: str, unit: str) -> str | None:
        cands = sorted(c for c in self.related(ind) if c in self.indicators and self.indicators[c].unit == unit)
        return cands[0] if len(cands) == 1 else None

    def parent_named(self, ls: LogicalSentence, parent: str, pos: int) -> int | None:
        """Offset of the last cue of `parent` before pos (this or the previous sentence of the paragraph)."""
        pool = [c for c in ls.cues if c.end <= pos]
        prev = self.previous_sentence(ls)
        if prev is not None:
            pool = prev.cues + pool
        hits = [c.start for c in pool if parent in c.concepts]
        return max(hits) if hits else None

    def previous_sentence(self, ls: LogicalSentence) -> LogicalSentence | None:
        """The sentence before `ls` in its paragraph (footnotes skipped), if any."""
        para = self.src.paragraph_at(ls.frags[-1].start)
        cands = [x for x in self._by_para.get(para.start, ()) if x.start < ls.start
                 and (ls.footnote or not x.footnote)]
        return max(cands, key=lambda x: x.start) if cands else None

    def _barrier(self, ls: LogicalSentence, a: int, b: int) -> bool:
        return bool(_COMPONENT.search(self.between(ls, a, b)))

    def _empty_prefix(self, ls: LogicalSentence, a: int, b: int) -> bool:
        """Only periods, value-kind cues, fillers and punctuation between a and b."""
        spans = [(pm.start, pm.end) for pm in ls.periods if a <= pm.start and pm.end <= b]
        spans += [(k.start, k.end) for k in ls.kinds if a <= k.start and k.end <= b]
        text = self.between(ls, a, b)
        chars = list(text)
        base = a
        # blank out spans (offsets in the single-fragment case; good enough across fragments)
        for s, e in spans:
            for i in range(max(0, s - base), min(len(chars), e - base)):
                chars[i] = " "
        rest = _FILLER.sub(" ", "".join(chars))
        return bool(_PUNCT_ONLY.match(rest))

    def level_indicator(self, ls: LogicalSentence, q: Quantity,
                        done: list[_Resolved]) -> tuple[str | None, CueHit | None]:
        seg = self.segment_start(ls, q.start)
        before = [c for c in ls.cues if c.end <= q.start]
        later_q = [r.q for r in done]
        # (a) a cue in the number's own segment, with no number in between
        same = [c for c in before if c.end > seg and not any(c.end <= x.num_start < q.start for x in later_q)]
        if same:
            hit = max(same, key=lambda c: (c.end, c.end - c.start))
            ind = self.choose(hit, q, ls, done)
            if ind and self.unit_fits(q, self.indicators[ind]):
                return ind, hit
        # (b) a cue right after a count: "1.200 doanh nghiệp được thành lập mới", "2.740 giường bệnh"
        token_end = q.num_start + len(q.token)
        nxt = self.next_boundary(ls, q.num_end)
        post = [c for c in ls.cues if token_end < c.start + 1 and c.start - q.end <= POST_CUE_REACH
                and c.start <= nxt and not any(token_end <= x.num_start < c.start for x in ls.quantities if x is not q)]
        for hit in sorted(post, key=lambda c: (c.start, -(c.end - c.start))):
            # a cue between two numbers names the nearer one ("50 dự án với tổng số vốn đăng ký 12.000")
            owner = next((x for x in ls.quantities if hit.end <= x.num_start < nxt), None)
            if owner is not None and owner.start - hit.end < hit.start - max(q.end, token_end):
                break
            ind = self.choose(hit, q, ls, done)
            if ind and q.total is not None:
                # "39,9km/59,87km tổng chiều dài toàn tuyến": the cue names the total; the
                # achieved part is the indicator that declares itself related to it
                ind = self.part_of(ind, q) or ind
            if ind and self.unit_fits(q, self.indicators[ind]):
                return ind, hit
            break
        # (b2) a cue the number splits: "thành lập mới 3 cụm công nghiệp" is the cue
        # "thành lập mới cụm công nghiệp", "hiện có 3.312 doanh nghiệp" is "doanh nghiệp hiện có"
        split = self.split_cue(ls, q, seg)
        if split is not None:
            ind = self.choose(split, q, ls, done)
            if ind and self.unit_fits(q, self.indicators[ind]):
                return ind, split
        # (c) the nearest earlier cue of the sentence, if nothing stands in between
        if not before:
            return None, None
        hit = max(before, key=lambda c: (c.end, c.end - c.start))
        if self._barrier(ls, hit.end, q.start):
            return None, None
        clause = self.clause_start(ls, q.start)
        if hit.end <= clause and not self._empty_prefix(ls, clause, q.start):
            return None, None
        for r in done:
            if r.role == "level" and r.cue == hit:
                # a cue names one level; another needs a new period in between ("năm 2021 đạt …; năm 2022 đạt …")
                new_period = any(r.q.end <= pm.start and pm.end <= q.start and pm.role in ("period", "duration")
                                 for pm in ls.periods)
                if not new_period:
                    return None, None
                continue
            if not (hit.end <= r.q.num_start < q.start):
                continue
            if r.role == "unassigned":
                return None, None
        ind = self.choose(hit, q, ls, done)
        if ind and self.unit_fits(q, self.indicators[ind]):
            return ind, hit
        return None, hit

    def split_cue(self, ls: LogicalSentence, q: Quantity, seg: int) -> CueHit | None:
        """A cue phrase made of the words before the number and the unit after it."""
        m = _UNIT_SURFACE.search(self.view, q.num_start, q.num_end)
        unit = m.group("u").strip() if m else ""
        if not unit or not unit[0].isalpha():
            return None
        words = self.view[max(seg, q.start - 40):q.start].split()
        lookup = self._cue_table
        for k in range(min(4, len(words)), 0, -1):
            head = " ".join(words[-k:])
            for cue in (f"{head} {unit}", f"{unit} {head}"):
                if cue in lookup:
                    start = q.start - len(" ".join(words[-k:])) - 1
                    return CueHit(max(seg, start), q.num_end, cue, lookup[cue])
        return None

    @property
    def _cue_table(self) -> dict[str, tuple[str, ...]]:
        if not hasattr(self, "_cues_by_text"):
            table: dict[str, set[str]] = defaultdict(set)
            for cue, concept in self.ref.cues("indicator"):
                table[cue].add(concept)
            self._cues_by_text = {c: tuple(sorted(v)) for c, v in table.items()}
        return self._cues_by_text

    def base_indicator(self, ls: LogicalSentence, q: Quantity,
                       done: list[_Resolved]) -> tuple[str | None, CueHit | None]:
        """The indicator a share or change refers to: the level it follows, or a nearer cue."""
        clause = self.clause_start(ls, q.start)
        last_level = next((r for r in reversed(done) if r.role in ("level", "unassigned")
                           and r.q.num_start >= clause), None)
        before = [c for c in ls.cues if c.end <= q.start]
        hit = max(before, key=lambda c: (c.end, c.end - c.start)) if before else None
        if last_level is not None and (hit is None or hit.end <= last_level.q.num_start):
            if self._barrier(ls, last_level.q.num_end, q.start):
                return None, None
            return last_level.indicator, last_level.cue
        if hit is None or self._barrier(ls, hit.end, q.start):
            return None, None
        if hit.end <= clause and not self._empty_prefix(ls, clause, q.start):
            return None, None
        return self.choose(hit, q, ls, done), hit

    def next_boundary(self, ls: LogicalSentence, pos: int) -> int:
        """Start of the next segment separator after pos (or the end of the fragment)."""
        fr = self.frag_of(ls, pos)
        i = bisect.bisect_left(ls.seps, (pos, pos))
        if i < len(ls.seps) and ls.seps[i][0] < fr.end:
            return ls.seps[i][0]
        return fr.end

    # ------------------------------------------------------------------ period
    def _resolve_durations(self) -> dict[int, Period]:
        """'trong 3 năm' means the last multi-year period of that length named shortly before."""
        out: dict[int, Period] = {}
        paras = self.src.paragraph_spans
        starts = [p.start for p in paras]

        def para_index(pos: int) -> int:
            return max(0, bisect.bisect_right(starts, pos) - 1)

        recent: list[tuple[int, Period]] = []  # (paragraph index, period)
        for pm in self.periods:
            if pm.role == "period" and pm.period and not pm.period.instant and pm.period.start.year < pm.period.end.year:
                recent.append((para_index(pm.start), pm.period))
            elif pm.role == "duration" and pm.years:
                pi = para_index(pm.start)
                for qi, p in reversed(recent):
                    if pi - qi > 2:
                        break
                    if p.end.year - p.start.year + 1 == pm.years:
                        out[pm.start] = p
                        recent.append((pi, p))
                        break
        return out

    def visible(self, ls: LogicalSentence, a: int, b: int) -> bool:
        """Whether something at a is in scope at b: not inside parentheses closed before b."""
        depth = 0
        for ch in self.between(ls, a, b):
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth < 0:
                    return False
        return True

    def at_segment_start(self, ls: LogicalSentence, pm: PeriodMention) -> bool:
        """"Đến năm 2024, …" opening a segment is the period of what follows, not a horizon."""
        return (bool(_PUNCT_ONLY.match(self.between(ls, self.segment_start(ls, pm.start), pm.start)))
                and bool(_UNTIL.match(self.view, pm.start)) and self.view[pm.end:pm.end + 1] == ",")

    def _mention_period(self, pm: PeriodMention) -> Period | None:
        if pm.role in ("period", "horizon"):
            return pm.period
        if pm.role == "duration":
            return self._durations.get(pm.start)
        return None

    def period_for(self, ls: LogicalSentence, q: Quantity, project: bool = False,
                   forward: bool = False) -> tuple[Period | None, str | None, str | None]:
        """(period, note when missing, value kind inherited with a period from an earlier sentence).

        For a figure about a project (its length, total investment) stated without a
        period, the project's implementation period named in the same paragraph is used
        ("Dự án có tổng chiều dài tuyến khoảng 59,87 km. Thời gian thực hiện năm 2023 - 2026.").
        """
        roles = ("period", "duration", "school-year", "horizon")
        prior = [pm for pm in ls.periods if pm.end <= q.num_start and pm.role in roles
                 and self.visible(ls, pm.start, q.num_start)
                 and (forward or pm.role != "horizon" or self.at_segment_start(ls, pm))]
        if prior:
            pm = prior[-1]
            if pm.role == "school-year":
                return None, "a school year is not a calendar period", None
            p = self._mention_period(pm)
            if p is None:
                return None, f"relative period {self.text[pm.start:pm.end]!r} with no stated period nearby", None
            return p, None, None
        text_before = self.between(ls, ls.start, q.num_start)
        as_of_now = bool(_AS_OF_NOW.search(self.between(ls, self.clause_start(ls, q.start), q.num_start)))
        paras = self.context_paragraphs(q.num_start)
        if project and not as_of_now:
            para = paras[0]
            spans = [pm for pm in self.periods if pm.role == "period" and pm.period and not pm.period.instant
                     and para.start <= pm.start < para.end and pm.period.start.year < pm.period.end.year]
            if spans:
                return min(spans, key=lambda pm: abs(pm.start - q.num_start)).period, None, None
        # the nearest earlier sentence of the paragraph that states a period
        earlier = []
        pool = {id(x): x for p in paras for x in self._by_para.get(p.start, ())}
        for prev in sorted(pool.values(), key=lambda x: x.start, reverse=True):
            if prev.start >= ls.start or (prev.footnote and not ls.footnote):
                continue
            pms = [pm for pm in prev.periods if pm.role in ("period", "duration")
                   and not self.in_parentheses(prev, pm.start)]
            if pms:
                earlier.append((prev, pms))
        if as_of_now:
            # "lũy kế đến nay", "hiện nay": as at the last date named before
            for prev, pms in earlier:
                inst = [pm for pm in pms if pm.period and pm.period.instant]
                if inst:
                    return inst[-1].period, None, self.sentence_kind(prev)
            for prev, pms in earlier:
                if p := self._mention_period(pms[-1]):
                    return instant(p.end), None, self.sentence_kind(prev)
        for prev, pms in earlier:
            found = {p for pm in pms if (p := self._mention_period(pm)) is not None}
            if not found:
                continue
            narrowest = min(found, key=lambda p: (p.end - p.start, p.start))
            if all(p.start <= narrowest.start and narrowest.end <= p.end for p in found):
                # "Năm 2024: Tính đến hết tháng 7/2024 …": nested periods, the narrowest applies
                return narrowest, None, self.sentence_kind(prev)
            # several periods: the one the sentence opens with frames it ("… năm 2023 đạt …,
            # bằng 94,6% số thực hiện năm 2022"); the others are compared with
            return self._mention_period(min(pms, key=lambda pm: pm.start)) or narrowest, None, self.sentence_kind(prev)
        # a footnote elaborates the sentence that carries its mark ("… năm 2024¹², …")
        if ls.footnote:
            marked = self.marked_sentence(ls)
            if marked is not None:
                owner, mark = marked
                found = {p for pm in owner.periods if pm.role in ("period", "duration") and pm.end <= mark
                         and not self.in_parentheses(owner, pm.start) and (p := self._mention_period(pm))}
                if len(found) == 1:
                    return found.pop(), None, self.sentence_kind(owner)
        # "hết năm", "trong năm": the report's current year, named earlier in the text
        if _DEICTIC_YEAR.search(text_before):
            i = bisect.bisect_right(self._year_ends, ls.start) - 1
            if i >= 0:
                return self._years[i].period, None, None
        # the period of the part of the report the figure stands in: its heading, else the title
        return self.heading_period(ls.start), None, None

    def within_report(self, ls: LogicalSentence, q: Quantity, period: Period, kind: str) -> Period:
        """In a report on part of a year ("… 9 tháng đầu năm 2024 …" in its lead), a realised
        figure whose sentence names no period of its own takes the report's months, not the
        whole year an earlier sentence named ("giao kế hoạch vốn đầu tư công năm 2024")."""
        report = self.report_period
        if (report is None or kind not in ("actual", "estimate") or not period.is_year
                or period.start.year != report.start.year
                or any(pm.period == period for pm in ls.periods if pm.role == "period")):
            return period
        return report

    @property
    def report_period(self) -> Period | None:
        """The part of a year the text reports on: the one such period its lead names."""
        if not hasattr(self, "_report_period"):
            found = {pm.period for pm in self.periods if pm.start < LEAD and pm.role == "period" and pm.period
                     and not pm.period.instant and not pm.period.is_year
                     and pm.period.start.year == pm.period.end.year and pm.period.start.month == 1}
            self._report_period = found.pop() if len(found) == 1 else None
        return self._report_period

    def heading_period(self, pos: int) -> Period | None:
        """The period named by the nearest heading line before pos ("TRỒNG TRỌT 10 THÁNG NĂM 2022",
        "2. Kết quả 9 tháng năm 2024"), else by the title or lead of the text (its first line or
        sentence); the narrowest of nested ones; None when a heading names unrelated periods."""
        for a, b in self.heading_lines(pos):
            i = bisect.bisect_left(self._period_starts, a)
            found = set()
            while i < len(self.periods) and self.periods[i].start < b:
                pm = self.periods[i]
                if pm.role in ("period", "duration") and (p := self._mention_period(pm)) is not None:
                    found.add(p)
                i += 1
            if not found:
                continue
            narrowest = min(found, key=lambda p: (p.end - p.start, p.start))
            if all(p.start <= narrowest.start and narrowest.end <= p.end for p in found):
                return narrowest
            return None
        return None

    def heading_lines(self, pos: int):
        """(start, end) of the lines that head the text at pos, nearest first: short lines with
        no closing full stop, or a heading mark, before pos; then the first line and sentence."""
        if not hasattr(self, "_heading_lines"):
            lines, start = [], 0
            for line in self.text.split("\n"):
                end = start + len(line)
                t = line.strip()
                if t and len(t) <= MAX_HEADING and (not t.endswith((".", ";", ",")) or _HEADING.match(t)):
                    lines.append((start, end))
                start = end + 1
            self._heading_lines = lines
        i = bisect.bisect_left(self._heading_lines, (pos, pos))
        yield from reversed(self._heading_lines[:i])
        first = self.src.sentence_spans[0] if self.src.sentence_spans else None
        if first is not None and first.start < pos:
            yield first.start, first.end
        # the lead: the first sentence that names a period ("Ước tính 6 tháng đầu năm 2020, …")
        named = next((pm.start for pm in self.periods if pm.role == "period" and pm.start < min(pos, LEAD)), None)
        if named is not None:
            sent = self.src.sentence_at(named)
            if first is None or sent.start != first.start:
                yield sent.start, sent.end

    def marked_sentence(self, ls: LogicalSentence) -> tuple[LogicalSentence, int] | None:
        """The sentence (and offset) in the main text that carries the mark of footnote `ls`."""
        para = self.src.paragraph_at(ls.start)
        m = _FOOTNOTE_MARK.match(self.text, para.start)
        if not m:
            return None
        mark = m.group(0)
        pat = re.compile(rf"(?<=[^\s{_SUP}]){re.escape(mark)}(?![{_SUP}])")
        hits = [h.start() for h in pat.finditer(self.text, 0, para.start)]
        if not hits:
            return None
        pos = hits[-1]
        owner = next((x for x in self._sents if not x.footnote and any(f.start <= pos <= f.end for f in x.frags)), None)
        return (owner, pos) if owner is not None else None

    def context_paragraphs(self, pos: int) -> list[Span]:
        """The paragraph at pos, and the ones before it while a paragraph opens with a
        connective that continues the previous one ("Cụ thể, …", "Theo đó, …")."""
        paras = self.src.paragraph_spans
        para = self.src.paragraph_at(pos)
        out = [para]
        i = paras.index(para) if para in paras else -1
        while i > 0 and _CONNECTIVE.match(fold(self.text[paras[i].start:paras[i].start + 24])):
            i -= 1
            if self.src.is_heading(paras[i]):
                break
            out.append(paras[i])
        return out

    def open_paren(self, ls: LogicalSentence, pos: int) -> int | None:
        """Offset of the innermost parenthesis still open at pos, if any."""
        stack: list[int] = []
        for fr in ls.frags:
            for i in range(fr.start, min(fr.end, pos)):
                c = self.view[i]
                if c == "(":
                    stack.append(i)
                elif c == ")" and stack:
                    stack.pop()
        return stack[-1] if stack else None

    def in_parentheses(self, ls: LogicalSentence, pos: int) -> bool:
        text = self.between(ls, ls.start, pos)
        return text.count("(") > text.count(")")

    def comparison_for(self, ls: LogicalSentence, q: Quantity, period: Period) -> Period | None:
        nxt = self.next_boundary(ls, q.end)
        for pm in ls.periods:
            if pm.role == "comparison" and q.end <= pm.start <= nxt:
                if pm.period is not None and pm.same_period and not period.is_year:
                    # "9 tháng … tăng 5% so với cùng kỳ năm 2023": the same months of 2023
                    return shift_years(period, period.end.year - pm.period.end.year)
                if pm.period is not None:
                    return pm.period
                if pm.relative:
                    return shift_years(period, 1)
                return None
        if period.start.year == period.end.year:
            return shift_years(period, 1)  # "tăng 12,86%": against the same period a year before
        return None

    # ------------------------------------------------------------------ value kind
    def _kind_hits(self, ls: LogicalSentence, upto: int) -> list[CueHit]:
        out = []
        for k in ls.kinds:
            if k.end > upto:
                continue
            if _NOUN_USE_AFTER.match(self.view, k.end) or _NOUN_USE_BEFORE.search(self.view[max(0, k.start - 12):k.start]):
                continue
            # the plan word of "đạt 131% dự toán" is not a value kind of what follows
            if any(x.unit == self.percent and 0 <= k.start - x.end <= 12
                   and _PLAN_AFTER.match(self.view, x.end) for x in ls.quantities):
                continue
            out.append(k)
        return out

    def _kind_code(self, hit: CueHit) -> str:
        return self.ref.code(hit.concepts[0])

    def kind_for(self, ls: LogicalSentence, q: Quantity, derived: bool = False) -> str | None:
        """Value kind from the nearest cue before the number.

        * plan cues ("kế hoạch vốn", "dự toán") yield to any other cue, and never make a
          share or change a plan;
        * target and plan cues ("phấn đấu", "kế hoạch") reach to the end of their clause
          only, estimate and projection cues ("Dự kiến năm 2024, …") the whole sentence;
        * "đã" (already) after a target, plan or projection cue marks an achieved value;
        * a parenthesis that names its own period ("(năm 2023 đạt 96,1%)") is out of reach
          of cues outside it.
        """
        hits = self._kind_hits(ls, q.num_start)
        clause = self.clause_start(ls, q.start)
        paren = self.open_paren(ls, q.num_start)
        if paren is not None and any(paren < pm.start < q.num_start for pm in ls.periods if pm.role == "period"):
            hits = [h for h in hits if h.start > paren]
        kept = []
        for h in hits:
            code = self._kind_code(h)
            if code in ("target", "plan") and h.start < clause:
                continue
            if code in ("target", "plan", "projection") and _ALREADY.search(self.between(ls, h.end, q.num_start)):
                continue
            kept.append(h)
        hits = kept
        strong = [h for h in hits if self._kind_code(h) != "plan"]
        if strong:
            return self._kind_code(strong[-1])
        if hits and not derived:
            return self._kind_code(hits[-1])
        return None

    def sentence_kind(self, ls: LogicalSentence) -> str | None:
        first_q = ls.quantities[0].num_start if ls.quantities else ls.end
        hits = [h for h in self._kind_hits(ls, first_q) if self._kind_code(h) != "plan"]
        return self._kind_code(hits[0]) if hits else None

    # ------------------------------------------------------------------ subject
    def subject_for(self, ls: LogicalSentence, q: Quantity, ind: str, cue: CueHit | None) -> str | None:
        """Subject IRI; None to skip with an issue recorded, "" to skip silently."""
        clause = self.clause_start(ls, q.start)
        seg_text = self.between(ls, clause, q.start)
        anchor = cue.start if cue is not None and cue.start >= clause else q.start
        if _NATION.search(self.between(ls, min(anchor, q.start), q.start)) or (
                cue is None and _NATION.search(seg_text)):
            # "mức bình quân của cả nước năm 2023 (5,05%)": a national figure
            return self.nation or ""
        found = self.clause_subject(ls, self.segment_start(ls, q.start), q.start)
        if found is None:
            found = self.clause_subject(ls, clause, q.start)
            if found is not None and found[1] != "place":
                found = None  # an organisation is the subject of its own segment only
        place, kind, lead = found if found else (None, None, "")
        project = self.is_project_indicator(ind)
        focus = None
        if project or (kind == "place" and _TERRITORY.search(lead)):
            focus = self.src.project_focus(q.num_start) or self.project_in_context(q.num_start)
        if kind == "place" and (project or focus is not None):
            # "Địa phận huyện Chi Lăng … 26,5ha": the share of one district in a project figure
            self.issue("partial-figure", "the part of a project figure in one district is not emitted",
                       q.num_start, q.num_end)
            return None
        if project:
            if focus is None:
                self.issue("no-project-subject", "project indicator outside a sentence about a project",
                           q.num_start, q.num_end)
                return None
            return focus
        return place or self.src.jurisdiction

    @property
    def nation(self) -> str | None:
        """The country that contains the source's jurisdiction (schema:containedInPlace)."""
        if not hasattr(self, "_nation"):

            from ..vocab import RDF, SCHEMA

            node, seen, found = URIRef(self.src.jurisdiction), set(), None
            while node is not None and node not in seen:
                seen.add(node)
                if (node, RDF.type, SCHEMA.Country) in self.ref.graph:
                    found = str(node)
                    break
                node = self.ref.graph.value(node, SCHEMA.containedInPlace)
            self._nation = found
        return self._nation

    def project_in_context(self, pos: int) -> str | None:
        """The project last named within the three paragraphs before pos, with no heading
        in between, when the paragraph at pos speaks of "dự án" (the project)."""
        para = self.src.paragraph_at(pos)
        if not _PROJECT_WORD.search(self.view, para.start, para.end):
            return None
        mentions = [(o, iri) for o, iri in self.src.project_mentions if o < pos]
        if not mentions:
            return None
        offset, iri = mentions[-1]
        paras = self.src.paragraph_spans
        i = paras.index(para) if para in paras else -1
        j = i
        while j >= 0 and paras[j].start > offset:
            j -= 1
        if j < 0 or i - j > 3 or any(self.src.is_heading(paras[k]) for k in range(j + 1, i + 1)):
            return None
        return iri

    def clause_subject(self, ls: LogicalSentence, clause: int, pos: int) -> tuple[str, str, str] | None:
        """(IRI, kind, lead words) of a place or organisation named as the subject at the start
        of a clause or segment ("huyện X đạt …", "Địa phận huyện X …", "Tỉnh ủy đã ký …")."""
        fr = self.frag_of(ls, clause)
        lead = _PLACE_LEAD.match(self.view, clause, pos)
        first = lead.end() if lead else clause
        for s, _e, entry in self.ref.find_entities(self.view, first, min(pos, fr.end), self.src.jurisdiction):
            if s != first or entry.iri == self.src.jurisdiction:
                break
            if entry.kind in ("place", "organisation"):
                return entry.iri, entry.kind, self.view[clause:first]
            break
        return None

    # ------------------------------------------------------------------ misc
    def implausible(self, role: str, info: Indicator, q: Quantity, value: Decimal) -> bool:
        if role == "share-of-plan":
            return not (Decimal(0) <= value <= Decimal(1000))
        if role == "change":
            return value < -MAX_CHANGE_PP or value > Decimal(10000)
        scaled = value.scaleb(q.scale - (info.unit_mult or 0)) if q.unit == info.unit or q.unit is None else value
        if info.unit_mult is not None and abs(scaled) >= MAGNITUDE_LIMIT:
            # a million times the unit the indicator is usually printed in ("12.000 nghìn tỷ
            # đồng" for an indicator printed in tỷ đồng): a misprint or a misread scale word
            return True
        if info.min_plausible is not None and scaled < info.min_plausible:
            return True
        if info.max_plausible is not None and scaled > info.max_plausible:
            return True
        return False

    def evidence(self, ls: LogicalSentence, q: Quantity) -> Span:
        fr = self.frag_of(ls, q.num_start)
        if fr is ls.frags[0]:
            return Span(fr.start, fr.end)
        return Span(ls.frags[0].start, fr.end)


def extract_observations(src: SourceText, ref: Reference) -> tuple[list[Observation], list[Issue]]:
    """Every indicator value stated in `src`, plus the issues met on the way."""
    return _Extractor(src, ref).run()
