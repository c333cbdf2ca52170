"""A length-preserving view of a text for dictionary matching.

Offsets found in the view are offsets in the original, because every character
maps to exactly one character: case is folded and old/new tone placement
(hoà/hòa, uỷ/ủy) is unified, nothing is inserted or removed.

Tone placement only differs in open syllables ending in oa, oe, uy (old "hoà",
"thuỷ", new "hòa", "thủy"); "hoàn", "khoảng", "toán" are written one way only and
stay as they are, so grammar words in patterns need no conversion. After "q" the
"u" belongs to the consonant ("quý"), so it is left alone too.
"""

from __future__ import annotations

import re

_OLD_TONE = {
    # old style puts the tone on the first vowel of oa/oe/uy; new style on the second
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_OPEN_SYLLABLE = re.compile("(?<![qQ])(" + "|".join(_OLD_TONE) + r")(?!\w)")


def _lower_char(c: str) -> str:
    low = c.lower()
    return low if len(low) == 1 else c


def unify_tone(text: str) -> str:
    """New-style tone placement in open syllables: 'hoà' -> 'hòa', 'Tỉnh uỷ' -> 'Tỉnh ủy'."""
    return _OPEN_SYLLABLE.sub(lambda m: _OLD_TONE[m.group(1)], text)


def match_view(text: str) -> str:
    view = unify_tone("".join(_lower_char(c) for c in text))
    assert len(view) == len(text)
    return view
