"""An in-memory name index for Vietnamese search, built once when the app starts.

Every name a thing carries (preferred and alternative labels, local short forms, personal
names, document numbers, abbreviation codes) is kept twice: folded (no diacritics, đ -> d,
lower case: "huu nghi" finds Hữu Nghị, "hdnd" finds HĐND) and in a diacritic-keeping form
with old/new tone placement unified (hoà = hòa), which ranks a query typed with diacritics
by exact-diacritic matches first. Input is normalised the same way (NFC and NFD alike).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..store.base import GraphStore
from ..text.match import match_view
from ..text.normalise import fold, normalise_query
from ..vocab import SPARQL_PROLOGUE
from .kinds import kind_of, kind_rank

NAMES = SPARQL_PROLOGUE + """
SELECT ?s ?p ?name WHERE {
  ?s ?p ?name .
  FILTER (?p IN (skos:prefLabel, skos:altLabel, lskg:localLabel, foaf:name, eli:id_local, org:identifier)
          && isLiteral(?name) && isIRI(?s))
}"""
# how often the sources name a thing: among equally good matches the more talked-about comes first
MENTIONS = SPARQL_PROLOGUE + """
SELECT ?s (COUNT(?m) AS ?n) WHERE { ?m oa:hasBody ?s } GROUP BY ?s"""
TYPES = SPARQL_PROLOGUE + """
SELECT DISTINCT ?s ?type WHERE { ?s a ?type . FILTER EXISTS { ?s skos:prefLabel|foaf:name|eli:id_local ?n } }"""

# preferred names rank above aliases, numbers and codes
_PROPERTY_RANK = {"prefLabel": 0, "name": 0, "id_local": 1, "identifier": 1, "altLabel": 2, "localLabel": 3}
_WORD = re.compile(r"[0-9a-z]+")


def _diacritic_view(text: str) -> str:
    return re.sub(r"\s+", " ", match_view(normalise_query(text))).strip()


@dataclass(frozen=True)
class Name:
    iri: str
    text: str
    rank: int
    folded: str
    marked: str                       # lower case, diacritics kept, tone placement unified
    joined: str                       # " " + its words + " " (punctuation and dashes dropped)


@dataclass
class Hit:
    iri: str
    kind: str
    name: str                         # the name that matched
    score: tuple


@dataclass
class SearchIndex:
    names: list[Name] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)
    mentions: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, store: GraphStore) -> "SearchIndex":
        types: dict[str, set[str]] = defaultdict(set)
        for row in store.query(TYPES).rows:
            types[row["s"].value].add(row["type"].value)
        index = cls()
        index.mentions = {row["s"].value: int(row["n"].value) for row in store.query(MENTIONS).rows}
        seen = set()
        for row in store.query(NAMES).rows:
            iri, text = row["s"].value, normalise_query(row["name"].value)
            kind = kind_of(types.get(iri, ()))
            if kind in ("observation", "other") or not text or (iri, text) in seen:
                continue
            seen.add((iri, text))
            folded = fold(text)
            prop = row["p"].value.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
            index.names.append(Name(iri, text, _PROPERTY_RANK.get(prop, 4), folded, _diacritic_view(text),
                                    _joined(_WORD.findall(folded))))
            index.kinds[iri] = kind
        return index

    def search(self, query: str, limit: int = 200) -> list[Hit]:
        """Best hit per thing: the whole name, then a name starting with the query, then the query
        as a phrase inside the name, then every query word starting some word of the name, then the
        query anywhere; within each, exact diacritics first when the query has any, preferred names
        before aliases, the more often mentioned first, shorter names first."""
        q = normalise_query(query)
        folded = fold(q)
        words = _WORD.findall(folded)
        if not words:
            return []
        marked = _diacritic_view(q)
        has_marks = marked != folded
        best: dict[str, Hit] = {}
        for name in self.names:
            if not all(w in name.folded for w in words):  # cheap: every level needs this
                continue
            level = _match_level(name, folded, words)
            if level is None:
                continue
            diacritics_differ = has_marks and marked not in name.marked
            score = (diacritics_differ, level, name.rank, -self.mentions.get(name.iri, 0), len(name.text), name.text)
            hit = best.get(name.iri)
            if hit is None or score < hit.score:
                best[name.iri] = Hit(name.iri, self.kinds[name.iri], name.text, score)
        return sorted(best.values(), key=lambda h: (h.score, h.iri))[:limit]

    def grouped(self, query: str) -> list[tuple[str, list[Hit]]]:
        """Hits by kind; the kind of the best hit first, then the usual order of kinds."""
        groups: dict[str, list[Hit]] = defaultdict(list)
        for hit in self.search(query):
            groups[hit.kind].append(hit)
        return sorted(groups.items(), key=lambda kv: (kv[1][0].score[:2], kind_rank(kv[0])))


def _joined(words) -> str:
    return " " + " ".join(words) + " "


def _match_level(name: Name, folded: str, words: list[str]) -> int | None:
    phrase = " ".join(words)
    if name.joined == f" {phrase} ":
        return 0
    if name.joined.startswith(f" {phrase}"):
        return 1
    if f" {phrase}" in name.joined:
        return 2
    if all(f" {w}" in name.joined for w in words):
        return 3
    if folded in name.folded:
        return 4
    return None
