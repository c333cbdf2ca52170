"""Indicator choice: which code-list indicator a figure is a value of, from the cue phrases
around it (its own segment, a cue right after a count, a cue the number splits, the nearest
earlier cue with nothing in between), a breakdown only under its parent, a generic cue narrowed
by the figure before, and the unit fitting the indicator's."""

from __future__ import annotations

from collections import defaultdict

from ..quantities import Quantity, vre
from ..reference import Indicator, Reference
from .catalogue import Catalogue
from .counts import Counts
from .cues import CueHit
from .figure import Resolved
from .sentences import PUNCT_ONLY, LogicalSentence, Sentences

# components: a head indicator does not reach into "trong đó: …", "riêng …"
_COMPONENT = vre(r"(?:^|(?<=\W))(?:trong\s+đó|riêng|bao\s+gồm|gồm\s+có)(?!\w)")
# verbs and particles that may stand between a period and its number in a list
_FILLER = vre(
    r"(?:^|(?<=\W))(?:đạt|là|có|được|ước|ước\s+tính|còn|khoảng|tăng|giảm|bằng|với|toàn\s+tỉnh|"
    r"thực\s+hiện|đạt\s+được|chiếm|lên|xuống|từ|đến)(?!\w)")
# the unit words after the last digit (and scale word) of a quantity
_UNIT_SURFACE = vre(r"[0-9](?:\s*(?:nghìn\s+tỷ|nghìn\s+tỉ|tỷ|tỉ|triệu|nghìn|ngàn))?(?P<u>[^0-9]*)$")
POST_CUE_REACH = 30  # characters between a count and the cue that names it


class IndicatorChoice:
    def __init__(self, ref: Reference, view: str, catalogue: Catalogue, counts: Counts, sentences: Sentences):
        self.ref = ref
        self.view = view
        self.catalogue = catalogue
        self.indicators = catalogue.indicators
        self.counts = counts
        self.sentences = sentences

    def choose(self, hit: CueHit, q: Quantity, ls: LogicalSentence, done: list[Resolved] = ()) -> str | None:
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
            parent = self.catalogue.broader(c)
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
            if last is not None and parent not in (last.indicator, self.catalogue.broader(last.indicator)) \
                    and not ({parent, c} & self.catalogue.related(last.indicator)):
                continue
            scored.append((where, c))
        if not scored:
            return None
        best = max(w for w, _ in scored)
        cands = [c for w, c in scored if w == best]
        fitting = [c for c in cands if q.unit is not None and self.indicators[c].unit == q.unit]
        return (fitting or cands)[0]

    def parent_named(self, ls: LogicalSentence, parent: str, pos: int) -> int | None:
        """Offset of the last cue of `parent` before pos (this or the previous sentence of the paragraph)."""
        pool = [c for c in ls.cues if c.end <= pos]
        prev = self.sentences.previous(ls)
        if prev is not None:
            pool = prev.cues + pool
        hits = [c.start for c in pool if parent in c.concepts]
        return max(hits) if hits else None

    def _barrier(self, ls: LogicalSentence, a: int, b: int) -> bool:
        return bool(_COMPONENT.search(ls.between(a, b)))

    def _empty_prefix(self, ls: LogicalSentence, a: int, b: int) -> bool:
        """Only periods, value-kind cues, fillers and punctuation between a and b."""
        spans = [(pm.start, pm.end) for pm in ls.periods if a <= pm.start and pm.end <= b]
        spans += [(k.start, k.end) for k in ls.kinds if a <= k.start and k.end <= b]
        text = ls.between(a, b)
        chars = list(text)
        base = a
        # blank out spans (offsets in the single-fragment case; good enough across fragments)
        for s, e in spans:
            for i in range(max(0, s - base), min(len(chars), e - base)):
                chars[i] = " "
        rest = _FILLER.sub(" ", "".join(chars))
        return bool(PUNCT_ONLY.match(rest))

    def level_indicator(self, ls: LogicalSentence, q: Quantity,
                        done: list[Resolved]) -> tuple[str | None, CueHit | None]:
        seg = ls.segment_start(q.start)
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
        nxt = ls.next_boundary(q.num_end)
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
                ind = self.catalogue.part_of(ind, q) or ind
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
        clause = ls.clause_start(q.start)
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
                       done: list[Resolved]) -> tuple[str | None, CueHit | None]:
        """The indicator a share or change refers to: the level it follows, or a nearer cue."""
        clause = ls.clause_start(q.start)
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

    def unit_fits(self, q: Quantity, info: Indicator) -> bool:
        if self.catalogue.is_uncurated(info.iri):
            return q.unit is not None or self.counts.bare_count(q)
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
            return not self.counts.after_name(q.num_start)
        if info.unit is None:
            return True
        return q.unit == info.unit
