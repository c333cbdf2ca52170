"""A source text as HTML with its paragraphs, sentence anchors and entity mentions marked.

Spans come from character offsets into the NFC text (Python code points, as the graph
stores them). The text is cut at every span boundary and each piece is escaped on its own;
no text reaches the page unescaped. Spans may nest or cross: between two boundaries the
open elements are exactly the spans covering that piece, in a fixed order (paragraphs
outside sentences outside mentions, then by start, longest first), so when a span ends
inside another the elements above it are closed and reopened as continuations. Every
piece of a span carries `data-seg`; only its first piece carries the `id` an anchor targets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

PARAGRAPH, SEGMENT, MENTION = 0, 1, 2  # nesting rank: lower ranks sit outside
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    rank: int
    anchor: str = ""            # element id of the first piece ("char-12-80")
    href: str | None = None     # a mention's entity page
    title: str = ""

    def order(self):
        return (self.rank, self.start, -self.end, self.anchor)


def paragraph_spans(text: str) -> list[Span]:
    """Runs of text between blank lines; single line breaks stay inside (CSS pre-line)."""
    spans, start = [], 0
    for gap in _BLANK_LINES.finditer(text):
        if gap.start() > start:
            spans.append(Span(start, gap.start(), PARAGRAPH))
        start = gap.end()
    if start < len(text):
        spans.append(Span(start, len(text), PARAGRAPH))
    return spans


def render_marked_text(text: str, spans: list[Span]) -> Markup:
    n = len(text)
    spans = [s for s in spans if 0 <= s.start < s.end <= n]
    bounds = sorted({0, n, *(s.start for s in spans), *(s.end for s in spans)})
    starting: dict[int, list[Span]] = {}
    for s in spans:
        starting.setdefault(s.start, []).append(s)
    out: list[str] = []
    stack: list[tuple[Span, bool]] = []   # open elements: span, whether it opened a link
    active: set[Span] = set()
    for a, b in zip(bounds, bounds[1:]):
        active = {s for s in active if s.end > a} | set(starting.get(a, ()))
        wanted = sorted(active, key=Span.order)
        keep = 0
        while keep < len(stack) and keep < len(wanted) and stack[keep][0] is wanted[keep]:
            keep += 1
        for span, linked in reversed(stack[keep:]):
            out.append(_close(span, linked))
        stack = stack[:keep]
        for span in wanted[keep:]:
            linked = span.href is not None and not any(is_link for _s, is_link in stack)
            out.append(_open(span, first=span.start == a, linked=linked))
            stack.append((span, linked))
        out.append(str(escape(text[a:b])))
    for span, linked in reversed(stack):
        out.append(_close(span, linked))
    return Markup("".join(out))


def _open(span: Span, first: bool, linked: bool) -> str:
    if span.rank == PARAGRAPH:
        return "<p>"
    ident = f' id="{escape(span.anchor)}"' if first and span.anchor else ""
    seg = f' data-seg="{escape(span.anchor)}"' if span.anchor else ""
    title = f' title="{escape(span.title)}"' if span.title else ""
    if span.rank == MENTION:
        # links cannot nest: a mention inside another mention's link is marked, not linked
        link = f'<a href="{escape(span.href)}">' if linked else ""
        return f'<mark class="mention"{ident}{seg}{title}>{link}'
    return f'<span class="segment"{ident}{seg}{title}>'


def _close(span: Span, linked: bool) -> str:
    if span.rank == PARAGRAPH:
        return "</p>"
    if span.rank == MENTION:
        return ("</a>" if linked else "") + "</mark>"
    return "</span>"
