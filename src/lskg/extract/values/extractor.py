"""One figure after another: each quantity of a logical sentence gets a role, an indicator
(a cue's, else one the text's own words name), a subject, a period and a value kind, and becomes
an observation; what is doubtful is recorded as an Issue instead."""

from __future__ import annotations

from decimal import Decimal

from ..context import SourceText
from ..model import Issue, Observation, Span
from ..quantities import Quantity, find_period_mentions, grammar_for, shift_years
from ..reference import Indicator, Reference
from .catalogue import Catalogue
from .choice import IndicatorChoice
from .counts import ATTENDANCE_AFTER, Counts
from .cues import CueHit, CueIndex
from .figure import Resolved
from .kinds import ValueKinds
from .periods import Periods
from .roles import (ALL_OF, ALTERNATIVE_AFTER, ALTERNATIVE_BEFORE, AVERAGE_BEFORE, CHANGE_BEFORE, DIRECTION,
                    DISTRIBUTIVE, EQUIVALENT_BEFORE, LIST_GAP, MULTIPLE_BEFORE, PLAN_AFTER, RATIO_BEFORE, ROLE_REACH,
                    SAME_PERIOD_AFTER, SAME_PERIOD_BEFORE)
from .sentences import LogicalSentence, Sentences
from .subjects import Subjects
from .words import OwnWords

MAX_CHANGE_PP = Decimal(100)
MAGNITUDE_LIMIT = Decimal(10) ** 6


class ValueExtractor:
    def __init__(self, src: SourceText, ref: Reference):
        self.src = src
        self.ref = ref
        self.view = src.view
        self.text = src.text
        self.grammar = grammar_for(ref)
        self.percent = self.grammar.percent
        units = {ref.code(str(u)): str(u) for u in ref.concepts("unit")}
        self.pp = units.get("percentage-point") or units.get("percent-point") or self.percent
        self.rank = units.get("rank")
        # what the genre never counts as an indicator value when no cue names it (README §9)
        self.not_counted = {units.get(c) for c in ("document", "border-gate", "commune", "district", "township",
                                                    "village", "session", "delegation", "rank", "year",
                                                    "month")} - {None}
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
        self.catalogue = Catalogue(ref)
        self.indicators = self.catalogue.indicators
        mentions = find_period_mentions(self.view, self.text)
        self.sentences = Sentences(src, mentions, self.grammar, CueIndex(ref.cues("indicator")),
                                   CueIndex(ref.cues("value-kind")))
        self.counts = Counts(self.view, self.text, ref.cue_pattern("counted-noun"))
        self.kinds = ValueKinds(ref, self.view, self.percent)
        self.when = Periods(src, mentions, self.sentences, self.kinds)
        self.choice = IndicatorChoice(ref, self.view, self.catalogue, self.counts, self.sentences)
        self.words = OwnWords(self.view, self.text, self.grammar, self.catalogue, self.counts, self.item,
                              self.measures)
        self.subjects = Subjects(src, ref, self.catalogue, self.issue)

    def run(self) -> tuple[list[Observation], list[Issue]]:
        for ls in self.sentences.all:
            if ls.quantities:
                self.sentence(ls)
        return self.observations, self.issues

    def issue(self, kind: str, message: str, start: int, end: int) -> None:
        self.issues.append(Issue(kind, message, Span(start, end)))

    def sentence(self, ls: LogicalSentence) -> None:
        done: list[Resolved] = []
        for q in ls.quantities:
            r = self.quantity(ls, q, done)
            if Span(q.num_start, q.num_end) not in self._said and not (q.ambiguous or q.value is None):
                r = self.fallback(ls, q, done, r)
            done.append(r)

    def quantity(self, ls: LogicalSentence, q: Quantity, done: list[Resolved]) -> Resolved:
        skip = Resolved(q, "skip")
        seg_start = ls.segment_start(q.start)
        before = ls.between(max(seg_start, q.start - ROLE_REACH), q.start)
        after = self.view[q.end:min(len(self.view), q.end + 40)]
        if q.comparative or ALTERNATIVE_AFTER.match(self.view, q.end) or ALTERNATIVE_BEFORE.search(before):
            return skip  # "từ 2 hoặc 3 khu dân cư": alternatives, no single value
        equivalent = bool(EQUIVALENT_BEFORE.search(before))
        is_pct = q.unit is not None and q.unit == self.percent
        role = "level"
        sign = 1
        average = False
        if is_pct and PLAN_AFTER.match(after):
            role = "share-of-plan"
        elif is_pct and RATIO_BEFORE.search(before) and SAME_PERIOD_AFTER.match(after):
            return skip  # "bằng 35,2% cùng kỳ": a ratio to last year, no indicator for it
        else:
            ch = CHANGE_BEFORE.search(before)
            if ch:
                if not is_pct:
                    return skip  # absolute change ("tăng 1,3 triệu đồng")
                role = "change"
                sign = -1 if ch.group("dir") == "giảm" else 1
                average = bool(AVERAGE_BEFORE.search(before))

        if equivalent:
            # "56,23 triệu đồng, tương đương 2.302 USD": the same figure in another unit, which
            # is the indicator skos:related to the one just stated whose unit fits
            prev = next((r for r in reversed(done) if r.role == "level" and r.indicator), None)
            if prev is None or q.unit is None:
                return skip
            ind = self.catalogue.related_with_unit(prev.indicator, q.unit)
            cue = prev.cue
            if ind is None:
                return skip
        elif role == "level":
            ind, cue = self.choice.level_indicator(ls, q, done)
        else:
            ind, cue = self.choice.base_indicator(ls, q, done)
        if ind is not None and not equivalent:
            ind = self.catalogue.narrow(ind, done)
        if ind is not None and ind not in self.indicators:
            return skip
        if ind is not None and role == "level" and not self.choice.unit_fits(q, self.indicators[ind]):
            ind = None  # the cue names another indicator than this figure's: the text's words do
        if ind is None:
            return Resolved(q, role if role != "level" else "unassigned", None, cue)
        info = self.indicators[ind]

        if role == "change" and self.catalogue.is_growth(ind):
            role = "level"  # "Nông lâm nghiệp tăng 7,72%": the growth rate itself
        elif role == "change" and average and not self.catalogue.is_uncurated(ind):
            self.issue("average-growth", "average growth of a level over a period is not a change observation",
                       q.num_start, q.num_end)
            return Resolved(q, "skip", ind, cue)

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
            return Resolved(q, "skip", ind, cue)

        if q.ambiguous or q.value is None:
            self.issue("ambiguous-number", f"not Vietnamese number notation: {q.token!r}; value not emitted",
                       q.num_start, q.num_start + len(q.token))
            return Resolved(q, role, ind, cue)

        if self.distributive(ls, q, cue):
            return Resolved(q, "skip", ind, cue)  # "mỗi huyện … 3 khu dân cư": per unit, not a total
        # subject, period, kind
        subject = self.subjects.subject_for(ls, q, ind, cue)
        if subject is None:
            return Resolved(q, role, ind, cue)
        if subject == "":
            return Resolved(q, "skip", ind, cue)
        kind = self.kinds.kind_for(ls, q, derived=role != "level")
        if kind is None and role != "level":
            base = next((r for r in reversed(done) if r.role == "level" and r.indicator == ind), None)
            kind = base.kind if base is not None else None
        period, period_note, inherited_kind = self.when.period_for(
            ls, q, project=subject != self.src.jurisdiction and self.catalogue.is_project_indicator(ind),
            forward=kind in ("target", "projection"))
        period = self.when.period_after(ls, q) or period
        if period is None:
            self.issue("no-period", period_note or "no reference period stated for this value",
                       q.num_start, q.num_end)
            return Resolved(q, role, ind, cue)
        kind = kind or inherited_kind or "actual"
        period = self.when.within_report(ls, q, period, kind)

        comparison = None
        if role == "change":
            comparison = self.when.comparison_for(ls, q, period)
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
        evidence = ls.evidence(q)
        as_reported = self.text[q.start:q.end]
        indicator, label = (None, info.label_vi) if self.catalogue.is_uncurated(ind) else (ind, None)
        obs = Observation(
            indicator=indicator, indicator_label=label, measure=measure, subject=subject, period=period, value=value, unit=unit,
            value_kind=kind, as_reported=as_reported, span=Span(q.num_start, q.num_end),
            evidence=evidence, unit_mult=mult, qualifier=q.qualifier, upper=upper,
            comparison_period=comparison, flags=tuple(flags),
        )
        self.emit(obs, ls)
        return Resolved(q, role, ind, cue, kind, measure)

    def fallback(self, ls: LogicalSentence, q: Quantity, done: list[Resolved], r: Resolved) -> Resolved:
        """A figure the cue grammar did not emit, as the text's own words name it.

        Counted as an indicator value: a number with a unit, or a count of the noun after it
        (`bare_count`). A change (tăng, cao hơn, "+0,28%") or a decrease (giảm, thấp hơn,
        "-0,34%") refers to the last level of its clause; a percentage before "kế hoạch" or
        "dự toán" is a share of the plan; anything else is a level named by the noun phrase
        before it (`mint`). Period, value kind and subject as for any figure.
        """
        if q.unit is None and (cell := self.words.table_cell(q)) is not None:
            return self.emit_cell(ls, q, cell, r)
        if (q.unit is None and not self.counts.bare_count(q)) or q.rank or q.unit == self.rank:
            return r  # ranks ("xếp thứ 13/63", "tăng 02 bậc") are no values of the genre
        if q.total is not None and q.unit not in self.measures:
            return r  # "24/30 chỉ tiêu": a tally of items, whose parts the text rarely names
        if q.unit in self.not_counted or q.comparative and not q.unit or ALL_OF.search(
                self.view[max(0, q.num_start - 8):q.num_start]):
            return r  # counts of administrative units, documents and gates are no values of the genre
        if q.unit is not None and q.unit == self.person and ATTENDANCE_AFTER.match(self.view, q.num_end,
                                                                                   q.num_end + 60):
            return r  # "300 người tham dự": who came to an event
        if ALTERNATIVE_AFTER.match(self.view, q.end) or ALTERNATIVE_BEFORE.search(
                self.view[max(0, q.start - 12):q.start]):
            return r  # "từ 2 hoặc 3 khu dân cư": alternatives, no single value
        seg = ls.segment_start(q.start)
        before = ls.between(max(seg, q.num_start - ROLE_REACH), q.num_start)
        after = self.view[q.end:min(len(self.view), q.end + 40)]
        pct = q.unit in (self.percent, self.pp)
        measure = None
        if pct and PLAN_AFTER.match(after):
            measure = "share-of-plan"
        else:
            sign = self.view[max(0, q.num_start - 2):q.num_start].replace(" ", "")
            d = DIRECTION.search(ls.undated(before, max(seg, q.num_start - ROLE_REACH)))
            if q.unit == self.times and MULTIPLE_BEFORE.search(before):
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
            ind = self.words.mint(ls, q, "level" if measure is None else "change", done)
        if ind is None and measure is not None:
            ind = self.words.mint(ls, q, "level", done)
        if ind is None:
            return r
        info = self.indicators[ind]
        if measure == "change" and self.catalogue.is_growth(ind):
            measure = None
        subject = self.subjects.subject_for(ls, q, ind, None)
        if not subject:  # a district's part of a project figure is the district's figure
            found = (self.subjects.clause_subject(ls, ls.segment_start(q.start), q.start)
                     or self.subjects.clause_subject(ls, ls.clause_start(q.start), q.start))
            subject = found[0] if found else self.src.jurisdiction
        kind = self.kinds.kind_for(ls, q, derived=measure is not None)
        period, note, inherited = self.when.period_for(ls, q, forward=kind in ("target", "projection"))
        period = self.when.period_after(ls, q) or period
        near = ls.between(max(ls.start, q.num_start - 30), q.num_start)
        if period is not None and measure is None and SAME_PERIOD_BEFORE.search(near):
            period = shift_years(period, 1)  # "37,88% (cùng kỳ: 40,88%)": the year before
        flags: tuple[str, ...] = ()
        if period is None and self.when.dateline is not None:
            # a figure no period frames ("Dự án rộng 105,5ha"), in a text dated in its lead
            # ("Ngày 14/3/2019, Sở KH&ĐT …"): as stated on that day, and flagged so
            period, flags = self.when.dateline, ("period-from-dateline",)
        elif period is None and self.when.latest_date is not None:
            # else as stated by a text written on or after the latest day it names, flagged so
            period, flags = self.when.latest_date, ("period-as-at-latest-date",)
        if period is None:
            self.issue("no-period", note or "no reference period stated for this value", q.num_start, q.num_end)
            return r
        kind = kind or inherited or "actual"
        period = self.when.within_report(ls, q, period, kind)
        unit, mult = q.unit or self.item, q.scale
        if measure == "share-of-plan":
            unit, mult = self.percent, 0
        comparison = self.when.comparison_for(ls, q, period) if measure in ("change", "decrease", "multiple") else None
        indicator, label = (None, info.label_vi) if self.catalogue.is_uncurated(ind) else (ind, None)
        obs = Observation(
            indicator=indicator, indicator_label=label, measure=measure, subject=subject,
            period=period, value=q.value, unit=unit, value_kind=kind, as_reported=self.text[q.start:q.end],
            span=Span(q.num_start, q.num_end), evidence=ls.evidence(q), unit_mult=mult,
            qualifier=q.qualifier, upper=q.upper, comparison_period=comparison, flags=flags,
        )
        self.emit(obs, ls, strict=indicator is not None)  # what the text's words name twice is kept twice
        return Resolved(q, "level" if measure is None else "change", ind, None, kind, measure)

    def listed_after(self, ls: LogicalSentence, q: Quantity, done: list[Resolved]) -> Resolved | None:
        """The change just before q when q only continues its list ("… và 5,13%")."""
        if not done or done[-1].measure not in ("change", "decrease") or done[-1].q.unit != q.unit:
            return None
        prev = done[-1]
        gap = ls.undated(ls.between(prev.q.end, q.num_start), prev.q.end)
        return prev if LIST_GAP.fullmatch(gap) else None

    def emit_cell(self, ls: LogicalSentence, q: Quantity, cell, r: Resolved) -> Resolved:
        label, period, unit, scale = cell
        period = period or self.when.heading_period(q.num_start)
        if period is None:
            self.issue("no-period", "a table cell in a row with no year and no dated heading", q.num_start, q.num_end)
            return r
        obs = Observation(
            indicator=None, indicator_label=label, subject=self.src.jurisdiction, period=period, value=q.value,
            unit=unit or self.item, value_kind="actual", as_reported=self.text[q.start:q.end],
            span=Span(q.num_start, q.num_end), evidence=ls.evidence(q), unit_mult=scale,
        )
        self.emit(obs, ls, strict=False)
        return Resolved(q, "level", None, None, "actual")

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
        clause = ls.clause_start(q.start)
        if cue is not None and clause <= cue.start < q.start:
            text = ls.between(clause, cue.start) + " " + ls.between(cue.end, q.start)
        else:
            text = ls.between(clause, q.start)
        return bool(DISTRIBUTIVE.search(text))

    def _kind_of(self, key: str) -> str | None:
        if key not in self._kinds_cache:
            self._kinds_cache[key] = self.ref.kind_of(key)
        return self._kinds_cache[key]

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


def extract_observations(src: SourceText, ref: Reference) -> tuple[list[Observation], list[Issue]]:
    """Every indicator value stated in `src`, plus the issues met on the way."""
    return ValueExtractor(src, ref).run()
