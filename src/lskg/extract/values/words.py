"""Indicators named by a text's own words, for figures no code-list cue names: the noun phrase
before the figure, the counted noun after it, or the header of a table column
(`indicator_label.py`); the graph builder mints them as uncurated indicators."""

from __future__ import annotations

import re

from ...text.dates import Period, year
from ...text.normalise import fold
from ..indicator_label import phrase_after, phrase_before
from ..quantities import Quantity, QuantityGrammar
from ..reference import Indicator
from .catalogue import UNCURATED, Catalogue
from .counts import Counts
from .figure import Resolved
from .sentences import LogicalSentence


class OwnWords:
    def __init__(self, view: str, text: str, grammar: QuantityGrammar, catalogue: Catalogue, counts: Counts,
                 item: str | None, measures: set[str]):
        self.view = view
        self.text = text
        self.grammar = grammar
        self.indicators = catalogue.indicators
        self.counts = counts
        self.item = item  # the unit of a bare count ("188 sản phẩm OCOP"): its noun is in the label
        self.measures = measures  # units of measure: the words after "tỷ đồng" never name what is counted

    def mint(self, ls: LogicalSentence, q: Quantity, role: str, done: list[Resolved]) -> str | None:
        """An indicator named by the text's own words, for a value no code-list cue names.

        A change or share follows the level it refers to (the last level of its clause);
        otherwise the label is the noun phrase before the number in its segment, else in its
        clause (parentheses left out), else for a count the noun after it ("188 sản phẩm").
        """
        clause = ls.clause_start(q.start)
        if role == "level" and q.unit is None and not self.counts.bare_count(q):
            return None
        # the words of a figure start after the last figure of its clause ("2010" of "giá so sánh
        # 2010" is none)
        floor = max([clause] + [r.q.end for r in done if r.indicator and clause < r.q.end <= q.start])
        seg = max(floor, ls.segment_start(q.start))
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

    def label_text(self, ls: LogicalSentence, a: int, b: int, cut: bool = True) -> str:
        """View text of ls between a and b with periods, value-kind cues and parentheses blanked."""
        chars = list(ls.between(a, b))
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
