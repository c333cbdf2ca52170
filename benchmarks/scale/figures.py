"""Indicator values for synthetic reports: which indicators a report of the genre states, how it
words them, and a deterministic "true" series per subject from which every report takes its
figures.

The indicators are the real ones of ontology/codelists/indicator.ttl; each `Spec` adds what a
report needs to state one (the head of the sentence, the unit as printed, a plausible range for a
province). `check_specs` ties the table to the code list, so it cannot drift from it silently.

Reports disagree the way real ones do: an estimate printed in December differs from the actual
figure printed in January (`estimate_gap`), and now and then one document prints a figure nobody
else does (`slip`). Those are the conflicts `lskg:conflictsWith` links after curation.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from lskg.extract.reference import Reference
from lskg.text.dates import Period, first_months, year

BASE_YEAR = 2020
SLIP_RATE = 0.03  # share of a document's figures that differ from every other source


@dataclass(frozen=True)
class Spec:
    code: str  # indicator code in ind:
    head: str  # the words before the period (the indicator's cue), lower case
    unit: str  # what stands after the number: "%", " tỷ đồng", " doanh nghiệp"
    unit_mult: int  # power of ten of the scale word printed ("tỷ" 9, "triệu" 6, "nghìn" 3)
    lo: float  # plausible range of a province's value in 2020, in printed units
    hi: float
    decimals: int
    measure: str  # flow (summed over a period) | level | stock (as at a day) | rate | share
    growth: float = 0.0  # a year: relative for flow/level/stock, percentage points for share
    plan_word: str = "kế hoạch"  # what "đạt x% …" compares with
    parent: str | None = None  # a breakdown, printed after its parent ("…, trong đó …")
    verb: str = "đạt"


SPECS = (
    Spec("grdp-growth", "tốc độ tăng trưởng kinh tế (GRDP)", "%", 0, 3, 10, 2, "rate"),
    Spec("grdp-growth-agriculture", "khu vực nông, lâm nghiệp và thủy sản tăng", "%", 0, 1, 5, 2, "rate",
         parent="grdp-growth", verb=""),
    Spec("grdp-growth-industry-construction", "khu vực công nghiệp - xây dựng tăng", "%", 0, 5, 15, 2, "rate",
         parent="grdp-growth", verb=""),
    Spec("grdp-growth-services", "khu vực dịch vụ tăng", "%", 0, 4, 9, 2, "rate", parent="grdp-growth", verb=""),
    Spec("grdp-current-prices", "tổng sản phẩm trên địa bàn theo giá hiện hành", " tỷ đồng", 9, 20000, 120000, 1,
         "flow", 0.09),
    Spec("grdp-per-capita", "GRDP bình quân đầu người", " triệu đồng", 6, 35, 110, 1, "level", 0.07),
    Spec("income-per-capita", "thu nhập bình quân đầu người", " triệu đồng", 6, 30, 80, 1, "level", 0.06),
    Spec("budget-revenue", "tổng thu ngân sách nhà nước trên địa bàn", " tỷ đồng", 9, 3000, 20000, 1, "flow", 0.08,
         plan_word="dự toán"),
    # parts of a sum are shares of their parent's printed value (Figures.part): no range of their own
    Spec("budget-revenue-domestic", "thu nội địa", " tỷ đồng", 9, 0, 0, 1, "flow", parent="budget-revenue"),
    Spec("budget-revenue-import-export", "thu từ hoạt động xuất nhập khẩu", " tỷ đồng", 9, 0, 0, 1, "flow",
         parent="budget-revenue"),
    Spec("budget-expenditure", "tổng chi ngân sách địa phương", " tỷ đồng", 9, 8000, 25000, 1, "flow", 0.06,
         plan_word="dự toán"),
    Spec("total-social-investment", "tổng vốn đầu tư phát triển toàn xã hội", " tỷ đồng", 9, 10000, 60000, 1,
         "flow", 0.08),
    Spec("public-investment-disbursement", "giải ngân vốn đầu tư công", " tỷ đồng", 9, 1500, 8000, 1, "flow", 0.05),
    Spec("disbursement-central-budget", "vốn ngân sách trung ương", " tỷ đồng", 9, 0, 0, 1, "flow",
         parent="public-investment-disbursement"),
    Spec("disbursement-local-budget", "vốn ngân sách địa phương", " tỷ đồng", 9, 0, 0, 1, "flow",
         parent="public-investment-disbursement"),
    Spec("public-investment-disbursement-rate", "tỷ lệ giải ngân vốn đầu tư công", "%", 0, 60, 95, 1, "share", 0.8),
    Spec("retail-sales", "tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng", " tỷ đồng", 9, 15000, 90000, 1,
         "flow", 0.1),
    Spec("exports", "kim ngạch xuất khẩu hàng hóa", " triệu USD", 6, 200, 5000, 1, "flow", 0.08),
    Spec("imports", "kim ngạch nhập khẩu hàng hóa", " triệu USD", 6, 300, 6000, 1, "flow", 0.08),
    Spec("trade-turnover-through-province", "kim ngạch xuất nhập khẩu hàng hóa qua địa bàn", " triệu USD", 6,
         1000, 8000, 1, "flow", 0.1),
    Spec("tourists", "tổng lượng khách du lịch", " nghìn lượt", 3, 1500, 8000, 0, "flow", 0.1),
    Spec("tourism-revenue", "doanh thu du lịch", " tỷ đồng", 9, 500, 6000, 1, "flow", 0.12),
    Spec("new-enterprises", "số doanh nghiệp thành lập mới", " doanh nghiệp", 0, 300, 1500, 0, "flow", 0.05),
    Spec("enterprises-total", "tổng số doanh nghiệp đang hoạt động trên địa bàn tỉnh", " doanh nghiệp", 0, 1500,
         9000, 0, "stock", 0.06),
    Spec("new-cooperatives", "hợp tác xã thành lập mới", " hợp tác xã", 0, 20, 120, 0, "flow", 0.04),
    Spec("fdi-capital", "vốn đăng ký đầu tư nước ngoài", " triệu USD", 6, 10, 500, 1, "flow", 0.1),
    Spec("consumer-price-index", "chỉ số giá tiêu dùng (CPI) bình quân", "%", 0, 101, 105, 2, "rate"),
    Spec("industrial-production-index", "chỉ số sản xuất công nghiệp (IIP)", "%", 0, 104, 115, 1, "rate"),
    Spec("food-output", "sản lượng lương thực", " nghìn tấn", 3, 200, 900, 1, "flow", 0.02),
    Spec("afforestation-area", "diện tích trồng rừng tập trung", " ha", 0, 5000, 20000, 0, "flow", 0.03),
    Spec("population", "dân số trung bình", " người", 0, 500000, 2000000, 0, "level", 0.01, verb="là"),
    Spec("forest-cover-rate", "tỷ lệ che phủ rừng", "%", 0, 40, 70, 1, "share", 0.3),
    Spec("poverty-rate", "tỷ lệ hộ nghèo", "%", 0, 4, 20, 2, "share", -1.2, verb="còn"),
    Spec("poor-households", "số hộ nghèo", " hộ", 0, 5000, 40000, 0, "stock", -0.12, verb="còn"),
    Spec("health-insurance-coverage", "tỷ lệ người dân tham gia bảo hiểm y tế", "%", 0, 88, 97, 1, "share", 0.3),
    Spec("rural-clean-water-share", "tỷ lệ dân số nông thôn được sử dụng nước sạch", "%", 0, 40, 80, 1, "share", 2),
    Spec("trained-labour-share", "tỷ lệ lao động qua đào tạo", "%", 0, 50, 70, 1, "share", 1.5),
    Spec("social-insurance-coverage", "tỷ lệ lực lượng lao động tham gia bảo hiểm xã hội", "%", 0, 10, 35, 1,
         "share", 1.2),
    Spec("online-public-services-share", "tỷ lệ dịch vụ công trực tuyến", "%", 0, 40, 80, 1, "share", 4),
    Spec("upper-secondary-graduation-rate", "tỷ lệ tốt nghiệp THPT", "%", 0, 95, 99, 2, "share", 0.1),
    Spec("new-jobs", "lao động được giải quyết việc làm mới", " lao động", 0, 8000, 30000, 0, "flow", 0.02,
         verb="là"),
    Spec("new-rural-communes-total", "tổng số xã đạt chuẩn nông thôn mới", " xã", 0, 40, 150, 0, "stock", 0.06,
         verb="là"),
    Spec("standard-schools", "số trường đạt chuẩn quốc gia", " trường", 0, 200, 600, 0, "stock", 0.04, verb="là"),
    Spec("hospital-beds-per-10k", "số giường bệnh/vạn dân", " giường bệnh/vạn dân", 0, 25, 45, 1, "level", 0.02),
    Spec("doctors-per-10k", "số bác sĩ/vạn dân", " bác sĩ/vạn dân", 0, 8, 15, 1, "level", 0.03),
)
BY_CODE = {s.code: s for s in SPECS}
# the groups reports print together, in this order
MACRO = ("grdp-growth", "grdp-current-prices", "grdp-per-capita", "income-per-capita", "retail-sales", "exports",
         "imports", "trade-turnover-through-province", "tourists", "tourism-revenue", "new-enterprises",
         "enterprises-total", "new-cooperatives", "fdi-capital", "consumer-price-index",
         "industrial-production-index", "food-output", "afforestation-area", "population")
BUDGET = ("budget-revenue", "budget-expenditure", "total-social-investment", "public-investment-disbursement",
          "public-investment-disbursement-rate")
SOCIAL = ("forest-cover-rate", "poverty-rate", "poor-households", "health-insurance-coverage",
          "rural-clean-water-share", "trained-labour-share", "social-insurance-coverage",
          "online-public-services-share", "upper-secondary-graduation-rate", "new-jobs", "new-rural-communes-total",
          "standard-schools", "hospital-beds-per-10k", "doctors-per-10k")
DISTRICT = ("budget-revenue", "poverty-rate", "new-rural-communes-total")
CHILDREN = {parent: [s for s in SPECS if s.parent == parent] for parent in {s.parent for s in SPECS if s.parent}}
PROJECT_SPECS = {
    "total": Spec("project-total-investment", "tổng mức đầu tư", " tỷ đồng", 9, 0, 0, 0, "flow"),
    "length": Spec("project-length", "tổng chiều dài tuyến", " km", 0, 0, 0, 1, "stock"),
    "disbursed": Spec("project-disbursement", "vốn đã giải ngân cho dự án", " tỷ đồng", 9, 0, 0, 1, "stock"),
}


def check_specs(ref: Reference) -> None:
    """Every spec names a real indicator, and its printed unit is that indicator's default unit."""
    for spec in (*SPECS, *PROJECT_SPECS.values()):
        indicator = ref.indicators.get(f"https://w3id.org/lskg/def/indicator/{spec.code}")
        if indicator is None:
            raise ValueError(f"figures.py names {spec.code}, which ontology/codelists/indicator.ttl does not define")
        if spec.parent and ref.broader(indicator.iri) != f"https://w3id.org/lskg/def/indicator/{spec.parent}":
            raise ValueError(f"figures.py prints {spec.code} under {spec.parent}, not its skos:broader")


def unit_of(ref: Reference, spec: Spec) -> str:
    return ref.indicators[f"https://w3id.org/lskg/def/indicator/{spec.code}"].unit


def rounded(value: float, decimals: int) -> Decimal:
    """The number as a report prints it: `decimals` places, trailing zeros dropped."""
    d = Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN).normalize()
    return d.quantize(Decimal(1)) if d.as_tuple().exponent > 0 else d  # 2.95E+3 -> 2950


def vn_number(d: Decimal) -> str:
    """11024.7 -> '11.024,7', the way Vietnamese texts group digits."""
    sign = "-" if d < 0 else ""
    whole, _, frac = format(abs(d), "f").partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return sign + ".".join(groups) + (f",{frac}" if frac else "")


@dataclass(frozen=True)
class Figures:
    """The true series of every (subject, indicator), and what a given document prints of it."""

    seed: int

    def _rng(self, *parts: object) -> random.Random:
        return random.Random("|".join(map(str, (self.seed, *parts))))

    def annual(self, subject: str, spec: Spec, y: int, scale: float = 1.0) -> float:
        rng = self._rng(subject, spec.code)
        base = rng.uniform(spec.lo, spec.hi) * (scale if spec.measure in ("flow", "stock", "level") else 1)
        growth = spec.growth * rng.uniform(0.6, 1.4)
        noise = self._rng(subject, spec.code, y).uniform(-1, 1)
        t = y - BASE_YEAR
        if spec.measure == "rate":
            return min(spec.hi, max(spec.lo, base + noise * (spec.hi - spec.lo) * 0.15))
        if spec.measure == "share":
            return min(99.5, max(0.5, base + growth * t + 0.3 * noise))
        return base * (1 + growth) ** t * (1 + 0.02 * noise)

    def truth(self, subject: str, spec: Spec, period: Period, scale: float = 1.0) -> float:
        value = self.annual(subject, spec, period.end.year, scale)
        if spec.measure == "flow" and not period.is_year:
            months = (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1
            value *= months / 12 * self._rng(subject, spec.code, period.key).uniform(0.9, 1.05)
        return value

    def printed(self, doc: str, subject: str, spec: Spec, period: Period, kind: str, scale: float = 1.0) -> Decimal:
        """What document `doc` prints: the truth, an estimate's gap to it, or a slip of its own."""
        value = self.truth(subject, spec, period, scale)
        if kind in ("estimate", "provisional"):
            # growth rates are always revised between the December estimate and the final figure
            gap = self._rng(subject, spec.code, period.key, "gap")
            if gap.random() < 0.5 or spec.measure == "rate":
                value *= 1 + gap.uniform(-0.03, 0.03) / (2 if kind == "provisional" else 1)
        elif kind in ("target", "plan", "projection"):
            value *= 1 + self._rng(subject, spec.code, period.key, kind).uniform(0.0, 0.06)
        slip = self._rng(doc, subject, spec.code, period.key, "slip")
        if slip.random() < SLIP_RATE:
            value *= 1 + slip.choice((-1, 1)) * slip.uniform(0.02, 0.08)
        if spec.measure == "share":
            value = min(value, 99.9)
        return rounded(value, spec.decimals)

    def part(self, subject: str, spec: Spec, total: Decimal, parts: int) -> Decimal:
        """One of `parts` components of a printed total (thu nội địa of tổng thu): together less
        than the total, as the rest goes unnamed."""
        share = self._rng(subject, spec.code, "part").uniform(0.3, 0.9) / parts
        return rounded(float(total) * share, spec.decimals)

    def change(self, subject: str, spec: Spec, period: Period, printed: Decimal, scale: float = 1.0) -> Decimal:
        """Percent change against the same period a year before ("tăng 12,3% so với cùng kỳ")."""
        before = self.truth(subject, spec, same_period_before(period), scale)
        return rounded((float(printed) / before - 1) * 100, 1)

    def share_of_plan(self, subject: str, spec: Spec, period: Period, printed: Decimal, scale: float = 1.0) -> Decimal:
        plan = self.truth(subject, spec, year(period.end.year), scale)
        plan *= 1 + self._rng(subject, spec.code, period.end.year, "plan").uniform(-0.12, 0.08)
        return rounded(float(printed) / plan * 100, 1)


def same_period_before(period: Period) -> Period:
    """2024 -> 2023; the first 6 months of 2024 -> those of 2023."""
    if period.is_year:
        return year(period.start.year - 1)
    return first_months(period.end.year - 1, period.end.month)
