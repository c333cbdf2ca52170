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


def _between(text: str, start: int, end: int, separators) -> Iterator[tuple[int, int]]:
    """Trimmed, non-empty spans of text[start:end] between the `separators` matches."""
    pos = start
    for sep_start, sep_end in separators:
        s, e = _trim(text, pos, sep_start)
        if e > s:
            yield s, e
        pos = sep_end
    s, e = _trim(text, pos, end)
    if e > s:
        yield s, e


def _sentence_ends(text: str) -> Iterator[tuple[int, int]]:
    for m in _SENTENCE_END.finditer(text):
        if "\n" not in m.group(0):
            # only split on '.'-like ends when the next word starts with a capital letter or digit
            nxt = text[m.end(): m.end() + 2].lstrip("\"“(*-–• ")
            if not nxt or not (_UPPER_START.match(nxt) or nxt[0].isdigit()):
                continue
        yield m.start(), m.end()


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Spans of sentences: split at line breaks and at sentence-final punctuation."""
    return _between(text, 0, len(text), _sentence_ends(text))


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    return _between(text, 0, len(text), ((m.start(), m.end()) for m in re.finditer(r"\n+", text)))


def clauses(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Clauses of a sentence, split at ';' (the genre lists figures separated by ';')."""
    return _between(text, start, end, ((start + m.start(), start + m.end()) for m in re.finditer(";", text[start:end])))
