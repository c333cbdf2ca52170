"""The indicators a text's figures may be values of: the code list's, and those named by this
text's own words (keys prefixed UNCURATED); how they relate (skos:broader, skos:related)."""

from __future__ import annotations

from collections import defaultdict

from ...vocab import LSKG
from ..quantities import Quantity
from ..reference import Indicator, Reference
from .figure import Resolved

UNCURATED = "uncurated:"  # key prefix of an indicator minted from the text's words


class Catalogue:
    def __init__(self, ref: Reference):
        self.ref = ref
        # the code list's indicators, and those minted from this text's words (UNCURATED keys)
        self.indicators: dict[str, Indicator] = dict(ref.indicators)

    @staticmethod
    def is_uncurated(ind: str) -> bool:
        return ind.startswith(UNCURATED)

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
            ind = self.broader(ind)
        return False

    def broader(self, ind: str) -> str | None:
        return None if self.is_uncurated(ind) else self.ref.broader(ind)

    def is_project_indicator(self, ind: str) -> bool:
        """A figure of one project (lskg:subjectClass lskg:InvestmentProject in the code list)."""
        info = self.indicators.get(ind)
        return info is not None and info.subject_class == str(LSKG.InvestmentProject)

    def related(self, ind: str) -> set[str]:
        """skos:related neighbours of an indicator (both directions)."""
        if not hasattr(self, "_related"):
            rel: dict[str, set[str]] = defaultdict(set)
            for a in self.ref.indicators:
                for b in self.ref.related(a):
                    rel[a].add(b)
                    rel[b].add(a)
            self._related = rel
        return self._related.get(ind, set())

    def declared_related(self, ind: str) -> set[str]:
        """What an indicator itself declares skos:related to."""
        if self.is_uncurated(ind):
            return set()
        return self.ref.related(ind)

    def narrow(self, ind: str, done: list[Resolved]) -> str:
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

        cands = sorted(s for s in self.ref.related_from(total)
                       if s in self.indicators and self.indicators[s].unit == q.unit)
        return cands[0] if len(cands) == 1 else None

    def related_with_unit(self, ind: str, unit: str) -> str | None:
        cands = sorted(c for c in self.related(ind) if c in self.indicators and self.indicators[c].unit == unit)
        return cands[0] if len(cands) == 1 else None
