"""Cue phrases: the code lists' words (skos:hiddenLabel) for indicators and value kinds, found
in the match view at token starts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..quantities import vre

SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"  # footnote marks
# tokens for cue matching; a footnote mark glued to a word is its own token ("¹³Năm")
_TOKEN = vre(rf"[^\W{SUP}]+|[{SUP}]+|[^\w\s]")


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
                if cue[-1].isalnum() and e < len(view) and view[e].isalnum() and view[e] not in SUP:
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
