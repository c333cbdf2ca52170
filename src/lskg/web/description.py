"""What the graph says about one IRI, in four or five queries (entity_queries): its links, the
sentences behind them, its figures (and where sources disagree), and a few details of its
neighbours (a document's number and date, an association's body and role) so that the
specialised sections need no further round trips.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from rdflib.namespace import RDF

from ..store.base import GraphStore, Term
from ..vocab import ID, LSKG
from .entity_queries import (ALL_FIGURES, CONFLICTS, DISPUTES, EVIDENCE, FIGURE_LIMIT, FIGURES, LINKS,
                             NEIGHBOURS)

# offsets of at most 9 digits (as charts.source_anchor): int() of a 5000-digit run would raise
_SEGMENT = re.compile(re.escape(str(ID)) + r"source/([0-9a-f]{16})/char/([0-9]{1,9})-([0-9]{1,9})$")


@dataclass(frozen=True)
class Quote:
    """A sentence (or a mention) in a source document, with its place in the text."""

    segment: str
    source_key: str
    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""

    @property
    def anchor(self) -> str:
        return f"char-{self.start}-{self.end}"

    @property
    def href(self) -> str:
        return f"/sources/{self.source_key}#{self.anchor}"

    @cached_property
    def snippet(self) -> str:
        """The quote cut to a tooltip's length."""
        return self.exact if len(self.exact) <= 200 else self.exact[:200].rsplit(" ", 1)[0] + " …"


def segment_place(segment: str) -> tuple[str, int, int] | None:
    """Source key and offsets, which the segment IRI carries (MODEL.md: source/{key}/char/{s}-{e});
    reading them from the IRI spares two selector joins per sentence."""
    m = _SEGMENT.match(segment)
    return (m.group(1), int(m.group(2)), int(m.group(3))) if m else None


def quote_from(segment: Term, exact: Term, prefix: Term | None = None, suffix: Term | None = None) -> Quote | None:
    place = segment_place(segment.value)
    if place is None:
        return None
    return Quote(segment.value, *place, exact.value, prefix.value if prefix else "", suffix.value if suffix else "")


@dataclass
class Link:
    predicate: str
    value: Term
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class OtherValue:
    """A value another source gives for a disputed figure."""

    iri: str
    value: Term
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class Figure:
    iri: str
    indicator: str
    period: str
    value: Term
    kind: str
    unit: str | None = None
    mult: str | None = None
    qualifier: str | None = None
    disputed: bool = False
    quotes: list[Quote] = field(default_factory=list)
    others: dict[str, OtherValue] = field(default_factory=dict)


@dataclass
class Description:
    iri: str
    out: list[Link] = field(default_factory=list)
    inc: list[Link] = field(default_factory=list)
    self_quotes: list[Quote] = field(default_factory=list)
    mentions: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    figures_truncated: bool = False
    conflicts: list[OtherValue] = field(default_factory=list)
    neighbours: dict[str, dict[str, list[Term]]] = field(default_factory=dict)

    @property
    def exists(self) -> bool:
        return bool(self.out or self.inc or self.mentions or self.figures)

    @property
    def types(self) -> list[str]:
        return [link.value.value for link in self.out if link.predicate == str(RDF.type)]

    def values(self, predicate) -> list[Link]:
        return [link for link in self.out if link.predicate == str(predicate)]

    def first(self, predicate) -> Term | None:
        found = self.values(predicate)
        return found[0].value if found else None

    def incoming(self, predicate) -> list[Link]:
        return [link for link in self.inc if link.predicate == str(predicate)]

    def detail(self, iri: str, predicate) -> Term | None:
        found = self.neighbours.get(iri, {}).get(str(predicate))
        return found[0] if found else None


def describe(store: GraphStore, iri: str, with_figures: bool = True, all_figures: bool = False) -> Description:
    entity = {"e": Term("iri", iri)}
    d = Description(iri)
    for row in store.query(LINKS, entity).rows:
        (d.out if row["dir"].value == "out" else d.inc).append(Link(row["p"].value, row["v"]))
    _add_evidence(d, store.query(EVIDENCE, entity).rows)
    if _is_observation(d):
        d.conflicts = _other_values(store.query(CONFLICTS, entity).rows)
    elif with_figures:
        d.figures = _figures(store.query(ALL_FIGURES if all_figures else FIGURES, entity).rows)
        if not all_figures and len(d.figures) > FIGURE_LIMIT:
            d.figures_truncated = True
            del d.figures[FIGURE_LIMIT:]
        if any(f.disputed for f in d.figures):
            _add_disputes(d.figures, store.query(DISPUTES, entity).rows)
    if d.exists:
        for row in store.query(NEIGHBOURS, entity).rows:
            d.neighbours.setdefault(row["n"].value, defaultdict(list))[row["p"].value].append(row["v"])
    return d


def _is_observation(d: Description) -> bool:
    return any(link.predicate == str(LSKG.indicator) for link in d.out)


def _add_evidence(d: Description, rows) -> None:
    by_fact: dict[tuple[str, str, Term], list[Quote]] = defaultdict(list)
    for row in rows:
        quote = quote_from(row["seg"], row["exact"], row.get("prefix"), row.get("suffix"))
        if quote is None:
            continue
        fact = row["fact"].value
        if fact == "self":
            d.self_quotes.append(quote)
        elif fact == "mention":
            d.mentions.append(quote)
        else:
            by_fact[(fact, row["p"].value, row["v"])].append(quote)
    for direction, links in (("out", d.out), ("in", d.inc)):
        for link in links:
            link.quotes = sorted(set(by_fact.get((direction, link.predicate, link.value), ())), key=_quote_order)
    d.self_quotes.sort(key=_quote_order)
    d.mentions.sort(key=_quote_order)


def _quote_order(q: Quote):
    return (q.source_key, q.start, q.end)


def _figures(rows) -> list[Figure]:
    figures: dict[str, Figure] = {}
    for row in rows:
        iri = row["obs"].value
        fig = figures.get(iri)
        if fig is None:
            fig = figures[iri] = Figure(
                iri, row["ind"].value, row["period"].value, row["value"], row["kind"].value,
                _v(row, "unit"), _v(row, "mult"), _v(row, "qual"), _v(row, "disputed") == "true")
        quote = quote_from(row["seg"], row["exact"])
        if quote and quote not in fig.quotes:
            fig.quotes.append(quote)
    return list(figures.values())


def _add_disputes(figures: list[Figure], rows) -> None:
    by_iri = {f.iri: f for f in figures}
    for row in rows:
        fig = by_iri.get(row["obs"].value)
        if fig is not None:
            _merge_other(fig.others, row)


def _other_values(rows) -> list[OtherValue]:
    others: dict[str, OtherValue] = {}
    for row in rows:
        _merge_other(others, row)
    return list(others.values())


def _merge_other(others: dict[str, OtherValue], row) -> None:
    other = others.setdefault(row["other"].value, OtherValue(row["other"].value, row["ovalue"]))
    quote = quote_from(row["oseg"], row["oexact"])
    if quote and quote not in other.quotes:
        other.quotes.append(quote)


def _v(row, name: str) -> str | None:
    term = row.get(name)
    return term.value if term is not None else None

