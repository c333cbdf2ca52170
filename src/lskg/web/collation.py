"""Vietnamese alphabetical order without ICU: letters first (a < ă < â < b … đ after d, ơ after ô), tones
second (none, huyền, hỏi, ngã, sắc, nặng), as Vietnamese dictionaries order words. Code-point order
puts 'Đ…' and every toned capital after 'Z'; casefold alone puts 'Tổng' before 'Tỉ'.
"""

from __future__ import annotations

import unicodedata

# the Latin alphabet with Vietnamese letters in their places (f, j, w, z for loan words and codes)
_ALPHABET = ["a", "a\u0306", "a\u0302", "b", "c", "d", "đ", "e", "e\u0302", "f", "g", "h", "i", "j", "k", "l",
             "m", "n", "o", "o\u0302", "o\u031b", "p", "q", "r", "s", "t", "u", "u\u031b", "v", "w", "x", "y", "z"]
_RANK = {letter: i for i, letter in enumerate(_ALPHABET)}
_LETTER_MARKS = "\u0306\u0302\u031b"  # breve, circumflex, horn: part of the letter
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền, hỏi, ngã, sắc, nặng


def vietnamese_key(text: str) -> tuple[tuple, tuple[int, ...], str]:
    """Sort key: (letters, tones, the text itself as a last tie-break). Characters outside the alphabet
    (digits, punctuation, spaces) come before the letters, among themselves by code point."""
    letters: list[tuple[int, int]] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFD", text.casefold()):
        if char in _LETTER_MARKS and letters and letters[-1][0] == 1:
            base = _ALPHABET[letters[-1][1]]
            letters[-1] = (1, _RANK.get(base + char, letters[-1][1]))
        elif char in _TONES:
            tones[-1:] = [_TONES[char]]
        elif char in _RANK:
            letters.append((1, _RANK[char]))
            tones.append(0)
        elif not unicodedata.combining(char):
            letters.append((0, ord(char)))
            tones.append(0)
    return tuple(letters), tuple(tones), text
