"""Dates and reference periods as they are written in Vietnamese reports."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, order=True)
class Period:
    """A reference period: a calendar year, an interval, or an instant (start == end)."""

    start: date
    end: date
    instant: bool = False

    @property
    def is_year(self) -> bool:
        return (
            not self.instant
            and self.start.year == self.end.year
            and (self.start.month, self.start.day) == (1, 1)
            and (self.end.month, self.end.day) == (12, 31)
        )

    @property
    def key(self) -> str:
        """Stable identity key, used for IRIs: '2023', '2021--2023', '2024-01-01--2024-09-30'."""
        if self.instant:
            return self.start.isoformat()
        if self.is_year:
            return str(self.start.year)
        if self.whole_years:
            return f"{self.start.year}--{self.end.year}"
        return f"{self.start.isoformat()}--{self.end.isoformat()}"

    @property
    def label_vi(self) -> str:
        if self.instant:
            return f"ngày {self.start.day:02d}/{self.start.month:02d}/{self.start.year}"
        if self.is_year:
            return f"năm {self.start.year}"
        if self.whole_years:
            return f"giai đoạn {self.start.year}–{self.end.year}"
        return f"{self.start.strftime('%d/%m/%Y')} - {self.end.strftime('%d/%m/%Y')}"

    @property
    def whole_years(self) -> bool:
        return (self.start.month, self.start.day) == (1, 1) and (self.end.month, self.end.day) == (12, 31)

    @property
    def label_en(self) -> str:
        if self.instant:
            return f"as at {self.start.isoformat()}"
        if self.is_year:
            return str(self.start.year)
        if self.whole_years:
            return f"{self.start.year}–{self.end.year}"
        return f"{self.start.isoformat()} to {self.end.isoformat()}"


def year(y: int) -> Period:
    return Period(date(y, 1, 1), date(y, 12, 31))


def years(first: int, last: int) -> Period:
    return Period(date(first, 1, 1), date(last, 12, 31))


def instant(d: date) -> Period:
    return Period(d, d, instant=True)


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def first_months(y: int, months: int) -> Period:
    """'9 tháng đầu năm 2024' -> 2024-01-01..2024-09-30."""
    return Period(date(y, 1, 1), month_end(y, months))


YEAR = r"(?:19|20)\d\d"
# dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy and "ngày dd tháng mm năm yyyy"
DATE_PATTERN = (
    rf"(?P<d>\d{{1,2}})\s*[/.-]\s*(?P<m>\d{{1,2}})\s*[/.-]\s*(?P<y>{YEAR})"
    rf"|(?P<d2>\d{{1,2}})\s+tháng\s+(?P<m2>\d{{1,2}})\s+năm\s+(?P<y2>{YEAR})"
)
DATE_RE = re.compile(DATE_PATTERN)


def make_date(d: str | int, m: str | int, y: str | int) -> date | None:
    """A calendar date, or None when the digits do not form one (31/02)."""
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def date_from_match(m: re.Match) -> date | None:
    g = m.groupdict()
    if g.get("d"):
        return make_date(g["d"], g["m"], g["y"])
    if g.get("d2"):
        return make_date(g["d2"], g["m2"], g["y2"])
    return None


# A document's date as the genre prints it, read on the lower-cased view: "20/7/2015", "14-11-2016",
# "ngày 09 tháng 01 năm2015" (typesetting often drops the space around "tháng"/"năm")
DOC_DATE_RE = re.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}})\s*[/.-]\s*(?P<m>\d{{1,2}})\s*[/.-]\s*(?P<y>{YEAR})(?!\d)"
    rf"|(?<!\d)(?P<d2>\d{{1,2}})\s*tháng\s*(?P<m2>\d{{1,2}})\s*,?\s*năm\s*(?P<y2>{YEAR})(?!\d)"
)
