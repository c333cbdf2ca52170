"""Logical sentences: the text cut into sentences, a sentence a page break cut in two put
together again, each with its period mentions, quantities, cue hits and segment separators;
and where an offset stands inside one (its fragment, segment, clause, parentheses)."""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field

from ..context import SourceText
from ..model import Span
from ..quantities import PeriodMention, Quantity, QuantityGrammar, vre
from .cues import SUP, CueHit, CueIndex

HEADING = vre(r"^(?:[IVX]+[-.]|\d+(?:\.\d+)*\.?\s|[a-zđ]\)\s|\d+\)\s)")
PUNCT_ONLY = vre(r"^[\W_]*$")
# separators of comma segments (not the decimal comma of "11.024,7")
_SEGMENT_SEP = vre(r"(?<![0-9])[,;:]|[,;:](?![0-9])|[()]")
MAX_SENTENCE = 3000  # characters; longer "sentences" are cut (linear time on any input)


@dataclass
class LogicalSentence:
    view: str = field(repr=False, compare=False)  # the match view of the whole text
    frags: list[Span] = field(default_factory=list)
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

    def between(self, a: int, b: int) -> str:
        """The view text of the sentence between offsets a and b, fragments joined by a space."""
        parts = []
        for fr in self.frags:
            s, e = max(a, fr.start), min(b, fr.end)
            if s < e:
                parts.append(self.view[s:e])
        return " ".join(parts)

    def frag_of(self, pos: int) -> Span:
        for fr in self.frags:
            if fr.start <= pos < fr.end:
                return fr
        return self.frags[-1]

    def segment_start(self, pos: int) -> int:
        """Start of the comma/semicolon segment that holds pos."""
        fr = self.frag_of(pos)
        i = bisect.bisect_right(self.seps, (pos, pos)) - 1
        while i >= 0 and self.seps[i][1] > pos:
            i -= 1
        if i >= 0 and self.seps[i][1] >= fr.start:
            return self.seps[i][1]
        return fr.start

    def clause_start(self, pos: int) -> int:
        start = self.start
        for fr in self.frags:
            if fr.start > pos:
                break
            i = self.view.rfind(";", fr.start, min(pos, fr.end))
            if i >= 0:
                start = i + 1
        return start

    def next_boundary(self, pos: int) -> int:
        """Start of the next segment separator after pos (or the end of the fragment)."""
        fr = self.frag_of(pos)
        i = bisect.bisect_left(self.seps, (pos, pos))
        if i < len(self.seps) and self.seps[i][0] < fr.end:
            return self.seps[i][0]
        return fr.end

    def visible(self, a: int, b: int) -> bool:
        """Whether something at a is in scope at b: not inside parentheses closed before b."""
        depth = 0
        for ch in self.between(a, b):
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth < 0:
                    return False
        return True

    def open_paren(self, pos: int) -> int | None:
        """Offset of the innermost parenthesis still open at pos, if any."""
        stack: list[int] = []
        for fr in self.frags:
            for i in range(fr.start, min(fr.end, pos)):
                c = self.view[i]
                if c == "(":
                    stack.append(i)
                elif c == ")" and stack:
                    stack.pop()
        return stack[-1] if stack else None

    def in_parentheses(self, pos: int) -> bool:
        text = self.between(self.start, pos)
        return text.count("(") > text.count(")")

    def undated(self, text: str, a: int) -> str:
        """`text` (the view from offset a) with the digits of the sentence's period mentions blanked."""
        chars = list(text)
        for pm in self.periods:
            for i in range(max(0, pm.start - a), min(len(chars), pm.end - a)):
                if chars[i].isdigit():
                    chars[i] = " "
        return "".join(chars)

    def evidence(self, q: Quantity) -> Span:
        """What a figure's provenance quotes: the sentence up to the end of the figure's fragment."""
        fr = self.frag_of(q.num_start)
        if fr is self.frags[0]:
            return Span(fr.start, fr.end)
        return Span(self.frags[0].start, fr.end)


class Sentences:
    """The logical sentences of one text, in order, and by the paragraphs they stand in."""

    def __init__(self, src: SourceText, mentions: list[PeriodMention], grammar: QuantityGrammar,
                 ind_cues: CueIndex, kind_cues: CueIndex):
        self.src = src
        self.view = src.view
        self.text = src.text
        self.all = self._read(mentions, grammar, ind_cues, kind_cues)
        self.by_para: dict[int, list[LogicalSentence]] = defaultdict(list)
        for ls in self.all:
            for fr in ls.frags:
                self.by_para[src.paragraph_at(fr.start).start].append(ls)

    def _spans(self):
        """Sentence spans; an overlong one (no real sentence is) is cut at ';', then hard."""
        for sp in self.src.sentence_spans:
            if sp.end - sp.start <= MAX_SENTENCE:
                yield sp
                continue
            for cl in self.src.clause_spans(sp):
                for a in range(cl.start, cl.end, MAX_SENTENCE):
                    yield Span(a, min(cl.end, a + MAX_SENTENCE))

    def _read(self, mentions: list[PeriodMention], grammar: QuantityGrammar, ind_cues: CueIndex,
              kind_cues: CueIndex) -> list[LogicalSentence]:
        out: list[LogicalSentence] = []
        last_main: LogicalSentence | None = None
        for sp in self._spans():
            t = self.text[sp.start:sp.end]
            if not t:
                continue
            para = self.src.paragraph_at(sp.start)
            if self.text[para.start:para.start + 1] in SUP:
                out.append(LogicalSentence(self.view, [sp], footnote=True))
                continue
            if last_main is not None and self._continues(last_main, sp, t):
                last_main.frags.append(sp)
                continue
            last_main = LogicalSentence(self.view, [sp])
            out.append(last_main)
        starts = [pm.start for pm in mentions]
        for ls in out:
            self._fill(ls, mentions, starts, grammar, ind_cues, kind_cues)
        out.sort(key=lambda ls: ls.start)
        return out

    def _continues(self, prev: LogicalSentence, sp: Span, t: str) -> bool:
        """A page break cut a sentence: the rest starts in lower case or with a number."""
        if not (t[0].islower() or t[0].isdigit()) or HEADING.match(t):
            return False
        last = prev.frags[-1]
        if self.src.paragraph_at(last.start) == self.src.paragraph_at(sp.start):
            return False
        tail = self.text[last.start:last.end].rstrip()
        return bool(tail) and (tail[-1].isalnum() or tail[-1] == ",")

    def _fill(self, ls: LogicalSentence, mentions: list[PeriodMention], starts: list[int], grammar: QuantityGrammar,
              ind_cues: CueIndex, kind_cues: CueIndex) -> None:
        for fr in ls.frags:
            i = bisect.bisect_left(starts, fr.start)
            pms = []
            while i < len(mentions) and mentions[i].start < fr.end:
                if mentions[i].end <= fr.end:
                    pms.append(mentions[i])
                i += 1
            ls.periods.extend(pms)
            masks = [(pm.start, pm.end) for pm in pms]
            ls.quantities.extend(grammar.find(self.view, fr.start, fr.end, masks))
            ls.cues.extend(ind_cues.find(self.view, fr.start, fr.end))
            ls.kinds.extend(kind_cues.find(self.view, fr.start, fr.end))
            ls.seps.extend(m.span() for m in _SEGMENT_SEP.finditer(self.view, fr.start, fr.end))

    def previous(self, ls: LogicalSentence) -> LogicalSentence | None:
        """The sentence before `ls` in its paragraph (footnotes skipped), if any."""
        para = self.src.paragraph_at(ls.frags[-1].start)
        cands = [x for x in self.by_para.get(para.start, ()) if x.start < ls.start
                 and (ls.footnote or not x.footnote)]
        return max(cands, key=lambda x: x.start) if cands else None
