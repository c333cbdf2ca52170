"""Normalisation applied to every text on the way in.

Offsets in the graph count code points of the text *after* this function, so it
must be applied once, before any offset is taken, and be deterministic.
"""

from __future__ import annotations

import re
import unicodedata

# Icelandic Ð/ð are sometimes typed for Vietnamese Đ/đ (U+0110/U+0111).
_LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})
# C0/C1 controls except tab and newline; they carry no meaning in our genre and
# break XML output downstream.
_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def normalise_text(text: str) -> str:
    """NFC, LF line ends, no control characters, no lone surrogates."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _LONE_SURROGATE.sub("\ufffd", text)
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return text.translate(_LOOKALIKES)


def normalise_query(text: str) -> str:
    """Normalisation for user input (search boxes, parameters): NFC, trimmed."""
    return normalise_text(text).strip()


_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


def unify_dashes(text: str) -> str:
    """Map typographic dashes to '-' without changing length (offsets stay valid)."""
    return _DASHES.sub("-", text)


def fold(text: str) -> str:
    """Diacritic- and case-insensitive key: 'Đồng Đăng' -> 'dong dang'.

    Old and new tone placement (hoà/hòa, Uỷ/Ủy) fold to the same key.
    """
    text = unicodedata.normalize("NFD", text.translate(_LOOKALIKES))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    text = text.replace("\u0111", "d").replace("\u0110", "D")
    return re.sub(r"\s+", " ", text.lower()).strip()


def slug(text: str, limit: int = 80) -> str:
    """ASCII slug for IRIs: 'Lạng Sơn' -> 'lang-son', 'QĐ-TTg' -> 'qd-ttg'."""
    s = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return re.sub(r"-{2,}", "-", s)[:limit].strip("-")
