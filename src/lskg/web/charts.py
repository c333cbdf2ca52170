"""The chart a saved query declares with `#+ chart: type=series x=… y=… series=… label=… link=…`.

Geometry only, drawn server-side as SVG by `queries_chart.html` (autoescaped, no JS): a time axis
(x = period end), the values (y), one colour and shape per value kind, a range (upper bound) as a
vertical bar, a period longer than a year as a dashed span. Two sources that give different values
for one subject, period and kind of figure are both drawn, side by side, and ringed as a conflict:
the figures the build linked `lskg:conflictsWith` (`graph.curation.claim` is the rule; the chart
only reads its links, as the `conflicts` query does). Each point links to its source sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from ..store.base import Result, Term
from ..vocab import ID, VK, unit_mult
from .naming import unit_name

WIDTH, HEIGHT = 720, 340
LEFT, RIGHT, TOP, BOTTOM = 64, 704, 30, 300

# value kind -> colour (Okabe-Ito, distinguishable with colour-blindness) and marker outline
KIND_STYLES = {
    "actual": ("#0072b2", "M-5,0a5,5 0 1,0 10,0a5,5 0 1,0 -10,0z"),  # circle
    "estimate": ("#e69f00", "M0,-6.5L6.5,0L0,6.5L-6.5,0z"),  # diamond
    "provisional": ("#56b4e9", "M0,6L5.5,-4.5H-5.5z"),  # triangle down
    "projection": ("#009e73", "M0,-6L5.5,4.5H-5.5z"),  # triangle up
    "target": ("#cc79a7", "M-4.5,-4.5h9v9h-9z"),  # square
    "plan": ("#d55e00", "M-1.8,-6h3.6v4.2h4.2v3.6h-4.2v4.2h-3.6v-4.2h-4.2v-3.6h4.2z"),  # plus
}
OTHER_STYLE = ("#555555", "M-4,-4L4,4M4,-4L-4,4z")
_SEGMENT = re.compile("^" + re.escape(str(ID)) + r"source/([A-Za-z0-9_-]{1,64})/char/(\d{1,9})-(\d{1,9})$")
_TEXT = {
    "vi": {"source": "nguồn", "conflict": "vênh với", "no_points": "Không có điểm nào để vẽ.",
           "title": "{what} theo thời gian", "desc": "{n} điểm, trục ngang là ngày kết thúc kỳ, trục dọc là giá trị{unit}. "
           "Mỗi điểm dẫn tới câu nguồn.{conflicts}", "conflicts": " Có {n} điểm vênh nhau giữa các nguồn."},
    "en": {"source": "source", "conflict": "conflicts with", "no_points": "Nothing to plot.",
           "title": "{what} over time", "desc": "{n} points; the horizontal axis is the period end, the vertical "
           "axis the value{unit}. Each point links to its source sentence.{conflicts}",
           "conflicts": " {n} points disagree between sources."},
}


def source_anchor(iri: str) -> str | None:
    """`…/id/source/{key}/char/{start}-{end}` -> the sentence on the source page, None otherwise."""
    m = _SEGMENT.match(iri or "")
    return f"/sources/{m.group(1)}#char-{m.group(2)}-{m.group(3)}" if m else None


@dataclass
class Tick:
    pos: float
    text: str


@dataclass
class Point:
    x: float
    y: float
    kind: str
    kind_label: str
    colour: str
    shape: str
    period: str
    value_text: str
    source: str
    href: str | None
    y_upper: float | None = None
    x_start: float | None = None  # a period longer than a year: where its span starts
    conflict_with: list[str] = field(default_factory=list)
    title: str = ""


@dataclass
class LegendEntry:
    label: str
    colour: str
    shape: str


@dataclass
class SeriesChart:
    title: str
    description: str
    unit: str
    points: list[Point]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    legend: list[LegendEntry]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = RIGHT
    top: int = TOP
    bottom: int = BOTTOM

    @property
    def conflicts(self) -> int:
        return sum(1 for p in self.points if p.conflict_with)


@dataclass
class _Obs:
    end: date
    start: date | None
    value: Decimal
    upper: Decimal | None
    kind: str
    row: dict[str, Term]


def series_chart(result: Result, spec: dict[str, str], *, lang: str, what: str, label: Callable[[str], str],
                 number: Callable[[str], str], href: Callable[[str], str | None],
                 conflicts: Callable[[list[str]], dict[str, set[str]]]) -> SeriesChart | None:
    """The chart for `result`, or None when the spec is not a series or no row has an x and a y.
    `label`, `number` and `href` say how the page names an IRI, writes a number and links an IRI;
    `conflicts` gives, for the figures of the rows' `observation` column, those each is linked to
    by `lskg:conflictsWith` in the graph."""
    if spec.get("type") != "series":
        return None
    x, y = spec.get("x", "periodEnd"), spec.get("y", "value")
    kind_col, label_col, link_col = spec.get("series", "valueKind"), spec.get("label", "period"), spec.get("link")
    observations = [o for o in (_observation(row, x, y, kind_col) for row in result.rows) if o is not None]
    if not observations:
        return None
    text = _TEXT[lang]
    scale = _common_multiplier(observations)
    lo_x, hi_x = _date_domain([o.end for o in observations] + [o.start for o in observations if _long(o)])
    values = [_scaled(o, o.value, scale) for o in observations]
    values += [_scaled(o, o.upper, scale) for o in observations if o.upper is not None]
    y_ticks_values, lo_y, hi_y = _value_ticks(min(values), max(values))

    def px(d: date) -> float:
        return round(LEFT + (d - lo_x).days / max((hi_x - lo_x).days, 1) * (RIGHT - LEFT), 1)

    def py(v: Decimal) -> float:
        return round(BOTTOM - float((v - lo_y) / (hi_y - lo_y)) * (BOTTOM - TOP), 1)

    points = []
    for o in observations:
        colour, shape = KIND_STYLES.get(o.kind, OTHER_STYLE)
        link = o.row.get(link_col) if link_col else None
        value_text = number(str(o.value)) + ("–" + number(str(o.upper)) if o.upper is not None else "")
        points.append(Point(
            x=px(o.end), y=py(_scaled(o, o.value, scale)), kind=o.kind, kind_label=label(str(VK[o.kind])),
            colour=colour, shape=shape, period=_text(o.row.get(label_col)) or o.end.isoformat(),
            value_text=value_text, source=_text(o.row.get("source")),
            href=(source_anchor(link.value) or href(link.value)) if link is not None and link.kind == "iri" else None,
            y_upper=py(_scaled(o, o.upper, scale)) if o.upper is not None else None,
            x_start=px(_first_year_end(o.start)) if _long(o) else None))
    _mark_conflicts(observations, points, conflicts)
    _dodge(points)
    unit = _unit_text(observations, scale, label)
    for p in points:
        parts = [p.kind_label, p.period, f"{p.value_text} {unit}".strip(), f"{text['source']}: {p.source}"]
        if p.conflict_with:
            parts.append(f"{text['conflict']} {'; '.join(p.conflict_with)}")
        p.title = " · ".join(part for part in parts if part)
    kinds = sorted({p.kind for p in points}, key=_kind_order)
    legend = [LegendEntry(label(str(VK[k])), *KIND_STYLES.get(k, OTHER_STYLE)) for k in kinds]
    n_conflicts = sum(1 for p in points if p.conflict_with)
    return SeriesChart(
        title=text["title"].format(what=what),
        description=text["desc"].format(n=len(points), unit=f" ({unit})" if unit else "",
                                        conflicts=text["conflicts"].format(n=n_conflicts) if n_conflicts else ""),
        unit=unit, points=points,
        x_ticks=[Tick(px(d), str(d.year)) for d in _year_ends(lo_x, hi_x)],
        y_ticks=[Tick(py(v), number(format(v.normalize(), "f"))) for v in y_ticks_values],
        legend=legend)


def _observation(row: dict[str, Term], x: str, y: str, kind_col: str) -> _Obs | None:
    end, value = _date(row.get(x)), _decimal(row.get(y))
    if end is None or value is None:
        return None
    kind = row.get(kind_col)
    return _Obs(end, _date(row.get("periodStart")), value, _decimal(row.get("upperBound")),
                kind.value if kind is not None else "", row)


def _date(term: Term | None) -> date | None:
    try:
        return date.fromisoformat(term.value[:10]) if term is not None else None
    except ValueError:
        return None


def _decimal(term: Term | None) -> Decimal | None:
    try:
        d = Decimal(term.value) if term is not None else None
    except (InvalidOperation, ValueError):
        return None
    return d if d is not None and d.is_finite() else None


def _text(term: Term | None) -> str:
    return term.value if term is not None else ""


def _long(o: _Obs) -> bool:
    return o.start is not None and (o.end - o.start).days > 370


def _multiplier(o: _Obs) -> int:
    mult = o.row.get("unitMult")
    return int(mult.value) if mult is not None and mult.value.isdigit() else 0


def _first_year_end(start: date) -> date:
    """Where a span longer than a year starts on the axis: every point stands at its period's end, under
    its year's tick, so 2021–2023 runs from the 2021 tick (31/12/2021) to the 2023 one, not from 2020's."""
    return min(date(start.year, 12, 31), date.fromordinal(start.toordinal() + 365))


def _common_multiplier(observations: list[_Obs]) -> int:
    return Counter(_multiplier(o) for o in observations).most_common(1)[0][0]


def _scaled(o: _Obs, value: Decimal, scale: int) -> Decimal:
    """A value printed as '8 nghìn tỷ' drawn on an axis in 'tỷ': multiplied by 10^(3)."""
    return value.scaleb(_multiplier(o) - scale)


def _unit_text(observations: list[_Obs], scale: int, label: Callable[[str], str]) -> str:
    units = Counter(o.row["unit"].value for o in observations if "unit" in o.row)
    if not units:
        return ""
    return unit_name(label, units.most_common(1)[0][0], str(unit_mult(scale)) if scale else None)


def _kind_order(kind: str) -> tuple[int, str]:
    order = list(KIND_STYLES)
    return (order.index(kind) if kind in order else len(order), kind)


def _mark_conflicts(observations: list[_Obs], points: list[Point],
                    conflicts: Callable[[list[str]], dict[str, set[str]]]) -> None:
    figures = [_text(o.row.get("observation")) for o in observations]
    linked = conflicts([f for f in figures if f])
    for i, figure in enumerate(figures):
        others = linked.get(figure, set())
        points[i].conflict_with = [f"{points[j].value_text} ({points[j].source})"
                                   for j, other in enumerate(figures) if other in others]


def _dodge(points: list[Point], near: float = 6.0) -> None:
    """Points at (nearly) the same date sit side by side, so each stays visible and clickable."""
    clusters: list[list[Point]] = []
    for p in sorted(points, key=lambda p: p.x):
        if clusters and p.x - clusters[-1][0].x < near:
            clusters[-1].append(p)
        else:
            clusters.append([p])
    for group in clusters:
        centre = sum(p.x for p in group) / len(group)
        group.sort(key=lambda p: (_kind_order(p.kind), p.source, p.y))
        step = min(11.0, 44.0 / max(len(group) - 1, 1))
        for i, p in enumerate(group):
            p.x = round(centre + (i - (len(group) - 1) / 2) * step, 1)


def _date_domain(dates: list[date]) -> tuple[date, date]:
    lo, hi = min(dates), max(dates)
    pad = max((hi - lo).days // 12, 120)
    return date.fromordinal(lo.toordinal() - pad), date.fromordinal(hi.toordinal() + pad)


def _year_ends(lo: date, hi: date) -> list[date]:
    years = list(range(lo.year, hi.year + 1))
    step = max(1, -(-len(years) // 10))
    return [date(y, 12, 31) for y in years[::step] if lo <= date(y, 12, 31) <= hi]


def _value_ticks(lo: Decimal, hi: Decimal) -> tuple[list[Decimal], Decimal, Decimal]:
    """About five round ticks covering [lo, hi]; the axis starts at 0 when the values are far from it."""
    if lo >= 0 and lo <= hi * Decimal("0.3"):
        lo = Decimal(0)
    if lo == hi:
        lo, hi = lo - (abs(lo) / 10 or 1), hi + (abs(hi) / 10 or 1)
    raw = (hi - lo) / 5
    magnitude = Decimal(1).scaleb(raw.adjusted())
    step = next(m * magnitude for m in (1, 2, Decimal("2.5"), 5, 10) if m * magnitude >= raw)
    first = (lo / step).to_integral_value(rounding="ROUND_FLOOR") * step
    last = (hi / step).to_integral_value(rounding="ROUND_CEILING") * step
    # a margin of at least a quarter step (a marker's size): a value on or just above the lowest tick would
    # sit on the axis line, its marker cut; an axis that starts at 0 keeps 0
    if first and lo - first < step / 4:
        first -= step
    if last - hi < step / 4:
        last += step
    ticks, v = [], first
    while v <= last:
        ticks.append(v)
        v += step
    return ticks, first, last
