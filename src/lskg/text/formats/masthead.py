"""What a document says about itself at its head: the issuer, the kind and subject (its title),
and its date.

An official document opens with a masthead: the issuing body in capitals on the left ("UỶ BAN NHÂN
DÂN / TỈNH LẠNG SƠN"), the national or party motto on the right, then "Lạng Sơn, ngày 15 tháng 10
năm 2024", then the kind ("QUYẾT ĐỊNH", "BÁO CÁO") and its subject ("Về việc …"). A newspaper
article gives its date on a line of its own under the headline ("Thứ 7, 25.01.2025 | 14:53").
Only the head is read (HEAD_LINES), so a date quoted in the body is never taken for the document's.
"""

from __future__ import annotations

import re

from ..dates import DOC_DATE_RE, date_from_match

HEAD_LINES = 25
_KINDS = ("quyết định", "nghị quyết", "báo cáo", "kế hoạch", "chỉ thị", "thông báo", "tờ trình", "công văn",
          "kết luận", "hướng dẫn", "chương trình", "đề án", "quy định", "quy chế", "thông tư", "nghị định",
          "luật", "công điện", "biên bản")
_KIND = re.compile(rf"(?:{'|'.join(_KINDS)})\b")
# mottos and marks that stand in the masthead but name no issuer
_MOTTO = re.compile(r"cộng hòa xã hội|cộng hoà xã hội|độc lập|đảng cộng sản việt nam|^[*\-–_ ]*$|^số\b|^v/v\b")
# "Lạng Sơn, ngày 15 tháng 10 năm 2024"; "Thứ 7, 25.01.2025 | 14:53:59"; "Chủ nhật, 5/1/2025"
_PLACE_DATE = re.compile(r"^[^\d,]{2,40},\s*ngày\b")
_DAY_LINE = re.compile(r"^(?:thứ\s*(?:\d|hai|ba|tư|năm|sáu|bảy)|chủ nhật)\b[^\d]{0,4}\d")


def read_fields(text: str) -> dict[str, str]:
    lines = [line.strip() for line in text.split("\n") if line.strip()][:HEAD_LINES]
    fields = {}
    when = _head_date(lines)
    if when:
        fields["date"] = when
    kind_at = next((i for i, line in enumerate(lines) if _is_capitals(line) and _KIND.match(line.lower())), None)
    if kind_at is not None:
        fields["title"] = _title(lines, kind_at)
        issuer = [line for line in lines[:kind_at]
                  if _is_capitals(line) and not _MOTTO.search(line.lower()) and not _date_in(line)]
        if issuer:
            fields["publisher"] = " ".join(issuer)
    return fields


def _head_date(lines: list[str]) -> str | None:
    for line in lines:
        low = line.lower()
        if _PLACE_DATE.match(low) or _DAY_LINE.match(low):
            found = _date_in(low)
            if found:
                return found
    return None


def _date_in(line: str) -> str | None:
    m = DOC_DATE_RE.search(line.lower())
    when = date_from_match(m) if m else None
    return when.isoformat() if when else None


def _title(lines: list[str], kind_at: int) -> str:
    """"BÁO CÁO" + "Về công tác …" -> "Báo cáo về công tác …" (the kind in sentence case)."""
    kind = lines[kind_at].lower()
    kind = kind[:1].upper() + kind[1:]
    subject = lines[kind_at + 1] if kind_at + 1 < len(lines) else ""
    if re.match(r"(?:về|v/v)\b", subject.lower()):
        return f"{kind} {subject[:1].lower()}{subject[1:]}"
    return kind


def _is_capitals(line: str) -> bool:
    return len(line) <= 120 and any(ch.isalpha() for ch in line) and line == line.upper()
