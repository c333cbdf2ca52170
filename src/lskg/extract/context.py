"""One source text prepared for extraction: NFC text, match view, sentences, focus."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from ..text.match import match_view
from ..text.normalise import unify_dashes
from ..text.segment import clauses, paragraphs, sentences
from .model import Span

# Headings reset what a paragraph is "about": "2.3.1.", "c)", "II-", "* Kết quả".
_HEADING = re.compile(r"^(?:[IVX]+[-.]|\d+(?:\.\d+)*\.?\s|[a-zđ]\)\s|\*\s)")


@dataclass
class SourceText:
    key: str  # 16 hex of sha256 of the NFC text
    text: str  # NFC text; every offset points into it
    jurisdiction: str  # key of the place the source is about ("place/tinh-lang-son" for our corpus)
    file_name: str = ""
    # key of the project mentioned at each offset, filled by the entity extractor (sorted by offset)
    project_mentions: list[tuple[int, str]] = field(default_factory=list)

    @cached_property
    def view(self) -> str:
        """Lower-cased, tone-unified, dash-unified view with the same offsets as `text`."""
        return match_view(unify_dashes(self.text))

    @cached_property
    def plain(self) -> str:
        """`text` with typographic dashes unified (same offsets), for the grammar regexes."""
        return unify_dashes(self.text)

    @cached_property
    def sentence_spans(self) -> list[Span]:
        return [Span(s, e) for s, e in sentences(self.text)]

    @cached_property
    def paragraph_spans(self) -> list[Span]:
        return [Span(s, e) for s, e in paragraphs(self.text)]

    def clause_spans(self, sentence: Span) -> list[Span]:
        return [Span(s, e) for s, e in clauses(self.text, sentence.start, sentence.end)]

    def sentence_at(self, pos: int) -> Span:
        starts = [s.start for s in self.sentence_spans]
        i = max(0, bisect.bisect_right(starts, pos) - 1)
        sent = self.sentence_spans[i] if self.sentence_spans else Span(0, len(self.text))
        return sent if sent.start <= pos < max(sent.end, pos + 1) else Span(pos, pos)

    def paragraph_at(self, pos: int) -> Span:
        starts = [p.start for p in self.paragraph_spans]
        i = max(0, bisect.bisect_right(starts, pos) - 1)
        return self.paragraph_spans[i] if self.paragraph_spans else Span(0, len(self.text))

    def is_heading(self, para: Span) -> bool:
        return bool(_HEADING.match(self.text[para.start:para.end])) and para.end - para.start < 400

    def project_focus(self, pos: int) -> str | None:
        """The project a sentence at `pos` is about: one named in the same paragraph before
        `pos`, else (for a paragraph opening with "Dự án"/"Dự án đã" without a name) the
        last project named in the previous paragraph, unless a heading lies between."""
        para = self.paragraph_at(pos)
        offsets = [o for o, _ in self.project_mentions]
        i = bisect.bisect_right(offsets, pos) - 1
        if i >= 0 and self.project_mentions[i][0] >= para.start:
            return self.project_mentions[i][1]
        # look at the remaining mentions in this sentence (a name may follow "Dự án")
        sent = self.sentence_at(pos)
        if i + 1 < len(offsets) and offsets[i + 1] < sent.end:
            return self.project_mentions[i + 1][1]
        if self.view[para.start:para.start + 6] == "dự án " and i >= 0:
            pidx = self.paragraph_spans.index(para) if para in self.paragraph_spans else -1
            if pidx > 0:
                prev = self.paragraph_spans[pidx - 1]
                if not self.is_heading(prev) and self.project_mentions[i][0] >= prev.start:
                    return self.project_mentions[i][1]
        return None

    def quote(self, span: Span) -> str:
        return self.text[span.start:span.end]
