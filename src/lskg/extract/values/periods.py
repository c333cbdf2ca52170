"""Periods: the reference period of a figure (its own sentence's, an earlier sentence's of the
paragraph, a footnote's marked sentence's, the report's current year, the nearest heading's, the
title's or the lead's), the period it is compared with, the text's dateline and the part of a
year a report covers. Never the publication date."""

from __future__ import annotations

import bisect
import re

from ...text.dates import DATE_RE, Period, date_from_match, instant
from ...text.normalise import fold
from ..context import SourceText
from ..model import Span
from ..quantities import PeriodMention, Quantity, shift_years, vre
from .cues import SUP
from .kinds import ValueKinds
from .sentences import HEADING, PUNCT_ONLY, LogicalSentence, Sentences

# time deixis: the report's current year / "as at now"
_DEICTIC_YEAR = vre(r"(?:^|(?<=\W))(?:hết\s+năm|trong\s+năm|năm\s+qua|năm\s+nay|cả\s+năm)(?!\s*(?:19|20)\d\d)(?!\w)")
_AS_OF_NOW = vre(r"(?:^|(?<=\W))(?:đến\s+nay|hiện\s+nay|hiện\s+tại|lũy\s+kế\s+đến\s+nay)(?!\w)|^\W*hiện(?!\w)")
# paragraph openings that continue the previous paragraph (compared without diacritics,
# so that a typo in the tone - "Đồng thới" - still counts)
_CONNECTIVE = re.compile(
    r"^\W*(?:cu the|theo do|tiep do|tiep den|tiep theo|dong thoi|ben canh do|ngoai ra|trong do|"
    r"cung voi do|cung do|nho do|qua do|do do|vi vay)(?!\w)")
_FOOTNOTE_MARK = re.compile(f"[{SUP}]+")
_OWN_PERIOD_GAP = vre(r"[\s(]*(?:của\s+)?")
_UNTIL = vre(r"(?:đến|tới)\s")

# a document's own date in its header: "Hà Nội, ngày 10 tháng 5 năm 2019" (a place, a comma)
_PLACE_DATE = re.compile(r"(?:^|[\s(—-])[A-ZĐÀ-Ỹ][\w]*(?:\s+[A-ZĐÀ-Ỹ][\w]*)*,\s*(?:ngày\s+)?$")
DATELINE_REACH = 24  # characters from a line's start to the date of a dateline ("Chiều ngày 14/3/2019, …")
LEAD = 1500  # characters: the lead of a text, where a report names the period it covers
MAX_HEADING = 200  # characters: a longer line is prose, not a heading


class Periods:
    def __init__(self, src: SourceText, mentions: list[PeriodMention], sentences: Sentences, kinds: ValueKinds):
        self.src = src
        self.view = src.view
        self.text = src.text
        self.mentions = mentions
        self.sentences = sentences
        self.kinds = kinds
        self._period_starts = [pm.start for pm in mentions]
        self._years = [pm for pm in mentions if pm.role == "period" and pm.period and pm.period.is_year]
        self._year_ends = [pm.end for pm in self._years]
        self._durations = self._resolve_durations()

    @property
    def dateline(self) -> Period | None:
        """The day a news text dates itself by in its lead ("Ngày 14/3/2019, …", "Sáng 11/11/2024")."""
        if not hasattr(self, "_dateline"):
            self._dateline = None
            for pm in self.mentions:
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
            days = [d for pm in self.mentions if pm.role == "date"
                    and (m := DATE_RE.search(self.view, pm.start, pm.end)) and (d := date_from_match(m))]
            # with no date, the end of the periods it reports on (a target's year is a horizon)
            days = days or [pm.period.end for pm in self.mentions if pm.role == "period" and pm.period]
            self._latest_date = instant(max(days)) if days else None
        return self._latest_date

    def _resolve_durations(self) -> dict[int, Period]:
        """'trong 3 năm' means the last multi-year period of that length named shortly before."""
        out: dict[int, Period] = {}
        paras = self.src.paragraph_spans
        starts = [p.start for p in paras]

        def para_index(pos: int) -> int:
            return max(0, bisect.bisect_right(starts, pos) - 1)

        recent: list[tuple[int, Period]] = []  # (paragraph index, period)
        for pm in self.mentions:
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

    def at_segment_start(self, ls: LogicalSentence, pm: PeriodMention) -> bool:
        """"Đến năm 2024, …" opening a segment is the period of what follows, not a horizon."""
        return (bool(PUNCT_ONLY.match(ls.between(ls.segment_start(pm.start), pm.start)))
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
                 and ls.visible(pm.start, q.num_start)
                 and (forward or pm.role != "horizon" or self.at_segment_start(ls, pm))]
        if prior:
            pm = prior[-1]
            if pm.role == "school-year":
                return None, "a school year is not a calendar period", None
            p = self._mention_period(pm)
            if p is None:
                return None, f"relative period {self.text[pm.start:pm.end]!r} with no stated period nearby", None
            return p, None, None
        text_before = ls.between(ls.start, q.num_start)
        as_of_now = bool(_AS_OF_NOW.search(ls.between(ls.clause_start(q.start), q.num_start)))
        paras = self.context_paragraphs(q.num_start)
        if project and not as_of_now:
            para = paras[0]
            spans = [pm for pm in self.mentions if pm.role == "period" and pm.period and not pm.period.instant
                     and para.start <= pm.start < para.end and pm.period.start.year < pm.period.end.year]
            if spans:
                return min(spans, key=lambda pm: abs(pm.start - q.num_start)).period, None, None
        # the nearest earlier sentence of the paragraph that states a period
        earlier = []
        pool = {id(x): x for p in paras for x in self.sentences.by_para.get(p.start, ())}
        for prev in sorted(pool.values(), key=lambda x: x.start, reverse=True):
            if prev.start >= ls.start or (prev.footnote and not ls.footnote):
                continue
            pms = [pm for pm in prev.periods if pm.role in ("period", "duration")
                   and not prev.in_parentheses(pm.start)]
            if pms:
                earlier.append((prev, pms))
        if as_of_now:
            # "lũy kế đến nay", "hiện nay": as at the last date named before
            for prev, pms in earlier:
                inst = [pm for pm in pms if pm.period and pm.period.instant]
                if inst:
                    return inst[-1].period, None, self.kinds.sentence_kind(prev)
            for prev, pms in earlier:
                if p := self._mention_period(pms[-1]):
                    return instant(p.end), None, self.kinds.sentence_kind(prev)
        for prev, pms in earlier:
            found = {p for pm in pms if (p := self._mention_period(pm)) is not None}
            if not found:
                continue
            narrowest = min(found, key=lambda p: (p.end - p.start, p.start))
            if all(p.start <= narrowest.start and narrowest.end <= p.end for p in found):
                # "Năm 2024: Tính đến hết tháng 7/2024 …": nested periods, the narrowest applies
                return narrowest, None, self.kinds.sentence_kind(prev)
            # several periods: the one the sentence opens with frames it ("… năm 2023 đạt …,
            # bằng 94,6% số thực hiện năm 2022"); the others are compared with
            return self._mention_period(min(pms, key=lambda pm: pm.start)) or narrowest, None, self.kinds.sentence_kind(prev)
        # a footnote elaborates the sentence that carries its mark ("… năm 2024¹², …")
        if ls.footnote:
            marked = self.marked_sentence(ls)
            if marked is not None:
                owner, mark = marked
                found = {p for pm in owner.periods if pm.role in ("period", "duration") and pm.end <= mark
                         and not owner.in_parentheses(pm.start) and (p := self._mention_period(pm))}
                if len(found) == 1:
                    return found.pop(), None, self.kinds.sentence_kind(owner)
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
            found = {pm.period for pm in self.mentions if pm.start < LEAD and pm.role == "period" and pm.period
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
            while i < len(self.mentions) and self.mentions[i].start < b:
                pm = self.mentions[i]
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
                if t and len(t) <= MAX_HEADING and (not t.endswith((".", ";", ",")) or HEADING.match(t)):
                    lines.append((start, end))
                start = end + 1
            self._heading_lines = lines
        i = bisect.bisect_left(self._heading_lines, (pos, pos))
        yield from reversed(self._heading_lines[:i])
        first = self.src.sentence_spans[0] if self.src.sentence_spans else None
        if first is not None and first.start < pos:
            yield first.start, first.end
        # the lead: the first sentence that names a period ("Ước tính 6 tháng đầu năm 2020, …")
        named = next((pm.start for pm in self.mentions if pm.role == "period" and pm.start < min(pos, LEAD)), None)
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
        pat = re.compile(rf"(?<=[^\s{SUP}]){re.escape(mark)}(?![{SUP}])")
        hits = [h.start() for h in pat.finditer(self.text, 0, para.start)]
        if not hits:
            return None
        pos = hits[-1]
        owner = next((x for x in self.sentences.all if not x.footnote and any(f.start <= pos <= f.end for f in x.frags)), None)
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

    def comparison_for(self, ls: LogicalSentence, q: Quantity, period: Period) -> Period | None:
        nxt = ls.next_boundary(q.end)
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

    def period_after(self, ls: LogicalSentence, q: Quantity) -> Period | None:
        """A period right after the figure: "6.881,77 triệu đồng năm 2001", "107,48% (2001)",
        "3,56% của nửa đầu năm 2021"."""
        for pm in ls.periods:
            if (q.end <= pm.start <= q.end + 6 and pm.role == "period"
                    and _OWN_PERIOD_GAP.fullmatch(self.view, q.end, pm.start)
                    and not self.view[pm.end:pm.end + 3].lstrip().startswith(":")):
                return pm.period  # not "3,09 % (nửa đầu năm 2012: 3,31%)", an aside's own figure
        return None
