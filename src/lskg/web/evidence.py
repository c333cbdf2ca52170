"""The "Sources" panel: every sentence behind what a page says, grouped by source document,
each with the facts it supports, plus where the entity is named in each source."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .description import Description, Figure, Link, OtherValue, Quote


@dataclass
class Fact:
    kind: str                   # "out" | "in" | "self" | "figure" | "other"
    link: Link | None = None
    figure: Figure | None = None
    other: OtherValue | None = None  # another source's value for a disputed figure


@dataclass
class Sentence:
    quote: Quote
    facts: list[Fact] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return quote_anchor(self.quote)


@dataclass
class SourceEvidence:
    key: str
    file: str
    title: str
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Quote] = field(default_factory=list)


def quote_anchor(quote: Quote) -> str:
    """The id of a sentence in the panel, so a fact anywhere on the page can point to it."""
    return f"q-{quote.source_key}-{quote.start}-{quote.end}"


def evidence_by_source(d: Description, sources: dict[str, dict]) -> list[SourceEvidence]:
    facts: dict[Quote, list[Fact]] = defaultdict(list)
    for kind, links in (("out", d.out), ("in", d.inc)):
        for link in links:
            for quote in link.quotes:
                facts[quote].append(Fact(kind, link=link))
    for quote in d.self_quotes:
        facts[quote].append(Fact("self"))
    for figure in d.figures:
        for quote in figure.quotes:
            facts[quote].append(Fact("figure", figure=figure))
        for other in figure.others.values():
            for quote in other.quotes:
                facts[quote].append(Fact("other", figure=figure, other=other))
    for other in d.conflicts:
        for quote in other.quotes:
            facts[quote].append(Fact("other", other=other))
    by_key: dict[str, SourceEvidence] = {}

    def source(key: str) -> SourceEvidence:
        if key not in by_key:
            info = sources.get(key, {})
            by_key[key] = SourceEvidence(key, info.get("file", key), info.get("title", ""))
        return by_key[key]

    for quote in sorted(facts, key=lambda q: (q.source_key, q.start, q.end)):
        source(quote.source_key).sentences.append(Sentence(quote, facts[quote]))
    for quote in d.mentions:
        source(quote.source_key).mentions.append(quote)
    return sorted(by_key.values(), key=lambda s: s.file)
