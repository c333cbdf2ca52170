"""Sentences and clauses, as character spans of the NFC text."""

from __future__ import annotations

import re
from collections.abc import Iterator

# A sentence ends at . ! ? … followed by space and something that starts a sentence,
# or at a line break. "QL.1", "11.024,7", "TP." inside a sentence are not ends because
# the next character is not a space.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“(*\-–•]?\s*[A-ZĐÀ-Ỹ0-9¹²³⁴⁵⁶⁷⁸⁹])|\n+")
_UPPER_START = re.compile(r"[A-ZĐÀÁẢÃẠÂẦẤẨẪẬĂẰẮẲẴẶÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ]")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Spans of sentences: split at line breaks and at sentence-final punctuation."""
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group(0).strip() == "" and "\n" not in m.group(0):
            # only split on '.'-like ends when the next word starts with a capital letter
            nxt = text[m.end(): m.end() + 2].lstrip("\"“(*-–• ")
            if not nxt or not (_UPPER_START.match(nxt) or nxt[0].isdigit()):
                continue
        s, e = _trim(text, pos, m.start())
        if e > s:
            yield s, e
        pos = m.end()
    s, e = _trim(text, pos, len(text))
    if e > s:
        yield s, e


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    for m in re.finditer(r"\n+", text):
        s, e = _trim(text, pos, m.start())
        if e > s:
            yield s, e
        pos = m.end()
    s, e = _trim(text, pos, len(text))
    if e > s:
        yield s, e


def clauses(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Clauses of a sentence, split at ';' (the genre lists figures separated by ';')."""
    pos = start
    for m in re.finditer(r";", text[start:end]):
        s, e = _trim(text, pos, start + m.start())
        if e > s:
            yield s, e
        pos = start + m.end()
    s, e = _trim(text, pos, end)
    if e > s:
        yield s, e
