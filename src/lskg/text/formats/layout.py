"""Lines of a laid-out page joined back into paragraphs, and what repeats on every page dropped.

A PDF holds lines, not paragraphs: a paragraph's lines are joined with a space (or, after a word
split by a hyphen, with nothing), and a line that a page repeats at its top or bottom (a running
header, "Trang 3") is not part of the text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_SPACES = re.compile(r"[ \t\u00a0]+")
_DIGITS = re.compile(r"\d+")
# a hyphen ending a line right after a letter or digit: a word split there ("Block-" "chain", soft
# hyphens always), or a hyphen of the word itself ("11-" "NQ/TW", "2021-" "2025")
_LINE_END_HYPHEN = re.compile(r"(?<=\w)[-\u00ad]$")


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float  # distance from the top of the page
    bottom: float


@dataclass
class Page:
    height: float
    lines: list[Line]


def repeated_margins(pages: list[Page], band: float = 0.1) -> set[tuple[int, int]]:
    """(page, line) of the lines in a page's top or bottom band whose text, digits aside, is in
    that band on at least half the pages (and two): running headers, footers, page numbers."""
    if len(pages) < 2:
        return set()
    seen: Counter = Counter()
    marked: dict[tuple[int, int], str] = {}
    for p, page in enumerate(pages):
        shapes = set()
        for i, line in enumerate(page.lines):
            if line.top < page.height * band or line.bottom > page.height * (1 - band):
                marked[(p, i)] = _DIGITS.sub("#", _SPACES.sub(" ", line.text).strip())
                shapes.add(marked[(p, i)])
        seen.update(shapes)
    need = max(2, (len(pages) + 1) // 2)
    return {where for where, shape in marked.items() if seen[shape] >= need}


def paragraphs(pages: list[Page]) -> str:
    """The pages' text, a paragraph per line-group, paragraphs separated by a blank line.

    A line continues into the next when it reaches the right edge of the text and the next line
    is neither indented nor further down than the usual line pitch."""
    dropped = repeated_margins(pages)
    kept = [(p, line) for p, page in enumerate(pages) for i, line in enumerate(page.lines)
            if (p, i) not in dropped and line.text.strip()]
    if not kept:
        return ""
    left = min(line.x0 for _p, line in kept)
    right = max(line.x1 for _p, line in kept)
    width = max(right - left, 1.0)
    pitches = sorted(b.top - a.top for (pa, a), (pb, b) in zip(kept, kept[1:]) if pa == pb and b.top > a.top)
    pitch = pitches[len(pitches) // 2] if pitches else 0.0
    out: list[str] = []
    paragraph = ""
    for n, (p, line) in enumerate(kept):
        text = _SPACES.sub(" ", line.text).strip()
        paragraph = _join(paragraph, text) if paragraph else text
        nxt = kept[n + 1] if n + 1 < len(kept) else None
        if nxt is None:
            break
        q, following = nxt
        full = line.x1 >= right - 0.04 * width
        indented = following.x0 > left + 0.02 * width
        gap = q == p and pitch and following.top - line.top > 1.3 * pitch
        if not full or indented or gap:
            out.append(paragraph)
            paragraph = ""
    out.append(paragraph)
    return "\n\n".join(out) + "\n"


def _join(head: str, tail: str) -> str:
    if _LINE_END_HYPHEN.search(head):
        if head[-1] == "\u00ad" or (head[-2].isalpha() and tail[:1].islower()):  # one word split by the line
            return head[:-1] + tail
        return head + tail  # "11-" "NQ/TW", "Covid-" "19": the hyphen is the word's
    return f"{head} {tail}"
