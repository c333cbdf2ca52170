"""Value kinds (actual, estimate, projection, target, plan, provisional) from the code list's
cue phrases before a figure."""

from __future__ import annotations

from ..quantities import Quantity, vre
from ..reference import Reference
from .cues import CueHit
from .roles import PLAN_AFTER
from .sentences import LogicalSentence

_ALREADY = vre(r"(?:^|(?<=\W))đã(?!\w)")
# plan words inside a cue are nouns, not value kinds, when they head a phrase
_NOUN_USE_AFTER = vre(r"\s*(?:về|của|này|đó|nói\s+trên)(?!\w)")
_NOUN_USE_BEFORE = vre(r"(?:^|(?<=\W))(?:theo|các|những|đúng|đạt|vượt|hoàn\s+thành)\s*$")


class ValueKinds:
    def __init__(self, ref: Reference, view: str, percent: str | None):
        self.ref = ref
        self.view = view
        self.percent = percent

    def _kind_hits(self, ls: LogicalSentence, upto: int) -> list[CueHit]:
        out = []
        for k in ls.kinds:
            if k.end > upto:
                continue
            if _NOUN_USE_AFTER.match(self.view, k.end) or _NOUN_USE_BEFORE.search(self.view[max(0, k.start - 12):k.start]):
                continue
            # the plan word of "đạt 131% dự toán" is not a value kind of what follows
            if any(x.unit == self.percent and 0 <= k.start - x.end <= 12
                   and PLAN_AFTER.match(self.view, x.end) for x in ls.quantities):
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
        clause = ls.clause_start(q.start)
        paren = ls.open_paren(q.num_start)
        if paren is not None and any(paren < pm.start < q.num_start for pm in ls.periods if pm.role == "period"):
            hits = [h for h in hits if h.start > paren]
        kept = []
        for h in hits:
            code = self._kind_code(h)
            if code in ("target", "plan") and h.start < clause:
                continue
            if code in ("target", "plan", "projection") and _ALREADY.search(ls.between(h.end, q.num_start)):
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
