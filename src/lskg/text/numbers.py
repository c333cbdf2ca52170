"""Vietnamese number grammar.

Thousands are grouped with '.', decimals follow ',': "11.024,7" is 11024.7 and
"2.302" is 2302. A '.' followed by anything other than a group of exactly three
digits is not Vietnamese grouping ("366.55"): such a token is reported as
ambiguous instead of being guessed.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# A numeric token: digits with optional '.'-groups and an optional ',' decimal part.
# Long digit runs are allowed (and parsed exactly by Decimal) but capped so that a
# hostile 5000-digit token is still linear work.
NUMBER_TOKEN = r"\d{1,30}(?:[.,]\d{1,30})*"
_TOKEN_RE = re.compile(rf"^{NUMBER_TOKEN}$")
_VN_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$|^\d+(?:,\d+)?$")


class AmbiguousNumber(ValueError):
    """A token that does not follow Vietnamese grouping and must not be guessed."""


def parse_vn_number(token: str) -> Decimal:
    """Parse one Vietnamese numeric token; raise AmbiguousNumber when unsure."""
    token = token.strip()
    if not _TOKEN_RE.match(token):
        raise AmbiguousNumber(f"not a number: {token!r}")
    if not _VN_NUMBER.match(token):
        raise AmbiguousNumber(f"not Vietnamese grouping: {token!r}")
    try:
        return Decimal(token.replace(".", "").replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - regex guarantees digits
        raise AmbiguousNumber(token) from exc


# Scale words, longest first so that "nghìn tỷ" wins over "nghìn".
SCALE_WORDS: tuple[tuple[str, int], ...] = (
    ("nghìn tỷ", 12),
    ("nghìn tỉ", 12),
    ("ngàn tỷ", 12),
    ("tỷ", 9),
    ("tỉ", 9),
    ("triệu", 6),
    ("nghìn", 3),
    ("ngàn", 3),
    ("vạn", 4),
)


def decimal_str(value: Decimal) -> str:
    """Canonical lexical form for xsd:decimal (no exponent, no trailing zeros)."""
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
