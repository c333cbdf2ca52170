"""Curation's conflict links (graph/curation.py): which figures claim the same thing, and how many
links a disagreement makes when many sources print one figure."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rdflib import Graph, URIRef

from lskg.graph.curation import SourceObservation, claim, link_conflicts
from lskg.vocab import ID, IND, LSKG, VK

LANG_SON = ID["place/tinh-lang-son"]


def figure(n: int, value: str, start: date, end: date, kind=VK.actual, source: int | None = None) -> SourceObservation:
    period = ID[f"period/{start}-{end}"]
    return SourceObservation(URIRef(f"{ID}obs/{n:05d}"), ID[f"dataset/source-{n if source is None else source}"],
                             "2025-01-01", (IND["grdp-growth"], LANG_SON, period, kind), Decimal(value),
                             start, end, (), (), (), ())


def test_what_claims_the_same_thing():
    year = figure(1, "6.76", date(2024, 1, 1), date(2024, 12, 31))
    as_at = figure(2, "6.67", date(2024, 12, 30), date(2024, 12, 30), kind=VK.estimate)  # "tính đến ngày 30/12/2024"
    half = figure(3, "6.1", date(2024, 7, 1), date(2024, 12, 31))  # the second half: another period
    target = figure(4, "7.0", date(2024, 1, 1), date(2024, 12, 31), kind=VK.target)
    assert claim(year) == claim(as_at)
    assert claim(year) != claim(half)
    assert claim(year) != claim(target)


def test_many_sources_make_links_in_proportion_not_in_pairs():
    # 60 reports print 8.4, 37 print 8.2, three print a value of their own: the 40 that differ from
    # the preferred value (the curated rule: here the one most sources give) are linked to one
    # figure of it. All pairs would be 60 × 40 + 37 × 3 + 3 = 2 514 links; every figure against
    # each other value, 60 × 4 + 40 × 4 = 400.
    values = ["8.4"] * 60 + ["8.2"] * 37 + ["8.1", "8.3", "8.5"]
    figures = [figure(n, v, date(2023, 1, 1), date(2023, 12, 31)) for n, v in enumerate(values)]
    g = Graph()
    assert link_conflicts(g, figures) == 40
    assert set(g.objects(figures[0].iri, LSKG.conflictsWith)) == {f.iri for f in figures[60:]}
    for f in figures[60:]:
        assert set(g.objects(f.iri, LSKG.conflictsWith)) == {figures[0].iri}
    assert not set(g.objects(figures[5].iri, LSKG.conflictsWith))  # agrees with the kept value


def test_one_source_never_conflicts_with_itself():
    a = figure(1, "5.0", date(2022, 1, 1), date(2022, 12, 31), source=9)
    b = figure(2, "5.5", date(2022, 1, 1), date(2022, 12, 31), source=9)
    c = figure(3, "5.5", date(2022, 1, 1), date(2022, 12, 31))
    g = Graph()
    assert link_conflicts(g, [a, b, c]) == 1
    assert set(g.objects(a.iri, LSKG.conflictsWith)) == {c.iri}  # b also prints 5.5, but in a's own source


def test_a_nine_month_figure_is_no_conflict_with_the_full_year():
    # "9 tháng đầu năm 2024 … giải ngân … ước 1.950,2 tỷ đồng" against the year's 4.221,5 tỷ đồng
    nine = figure(1, "1950.2", date(2024, 1, 1), date(2024, 9, 30), kind=VK.estimate)
    full = figure(2, "4221.5", date(2024, 1, 1), date(2024, 12, 31), kind=VK.estimate)
    assert claim(nine) != claim(full)
    assert link_conflicts(Graph(), [nine, full]) == 0
