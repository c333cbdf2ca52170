"""A length-preserving view of a text for dictionary matching.

Offsets found in the view are offsets in the original, because every character
maps to exactly one character: case is folded and old/new tone placement
(hoà/hòa, uỷ/ủy) is unified, nothing is inserted or removed.
"""

from __future__ import annotations

_OLD_TONE = {
    # old style puts the tone on the first vowel of oa/oe/uy; new style on the second
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}


def _lower_char(c: str) -> str:
    low = c.lower()
    return low if len(low) == 1 else c


def match_view(text: str) -> str:
    out = [_lower_char(c) for c in text]
    for i in range(len(out) - 1):
        pair = out[i] + out[i + 1]
        if pair in _OLD_TONE:
            out[i], out[i + 1] = _OLD_TONE[pair]
    view = "".join(out)
    assert len(view) == len(text)
    return view
