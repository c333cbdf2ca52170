"""Reference data and code lists, read once from the reference graph into lookup tables.

Extractors never hard-code a body, place, indicator or cue word: they ask this
object, which is built from `ontology/codelists/*.ttl` and `data/reference/*.ttl`.
Things of the reference data (places, bodies, posts' bodies, gates, projects) are read as
identity keys (`extract.model`): their IRIs' paths under the instance namespace.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, ORG, RDF, SKOS

from ..text.match import match_view
from ..vocab import ID, LSKG, SCHEMA, SCHEME


@dataclass(frozen=True)
class Entry:
    """One surface form in the gazetteer."""

    surface: str  # as it would be matched (match_view form)
    key: str
    kind: str
    local_to: str | None = None  # place key: the form names this entity only inside that jurisdiction


@dataclass
class Indicator:
    iri: str
    code: str
    label_vi: str
    unit: str | None
    unit_mult: int | None
    kind: str | None
    min_plausible: Decimal | None
    max_plausible: Decimal | None
    subject_class: str | None = None  # lskg:subjectClass: a project indicator names lskg:InvestmentProject


_KIND_OF_CLASS = {
    str(ORG.Organization): "organisation",
    str(ORG.Post): "post",
    str(FOAF.Person): "person",
    str(LSKG.AdministrativeUnit): "place",
    str(SCHEMA.Country): "place",
    str(SCHEMA.Place): "place",
    str(LSKG.BorderGate): "border-gate",
    str(LSKG.BorderMarker): "border-marker",
    str(LSKG.Road): "road",
    str(LSKG.EconomicZone): "economic-zone",
    str(LSKG.EconomicCorridor): "corridor",
    str(LSKG.InvestmentProject): "project",
}


def _key(node) -> str:
    """The identity key of a thing of the reference data: its IRI's path under the instance namespace."""
    return str(node).removeprefix(str(ID))


def _lit(graph: Graph, s, p, lang: str | None = "vi") -> str | None:
    for o in graph.objects(s, p):
        if isinstance(o, Literal) and (lang is None or o.language == lang):
            return str(o)
    return None


class Reference:
    """Lookup tables over the reference graph."""

    def __init__(self, graph: Graph):
        self.graph = graph

    # --- code lists ---------------------------------------------------------------
    def concepts(self, scheme: str) -> list[URIRef]:
        return sorted(self.graph.subjects(SKOS.inScheme, SCHEME[scheme]))

    def cues(self, scheme: str, only_naming: bool = False) -> list[tuple[str, str]]:
        """(cue in match_view form, concept IRI) for one scheme, longest cue first.

        `only_naming`: only concepts marked `lskg:namesEntities true` (their cue words introduce
        a proper name)."""
        out = []
        for concept in self.concepts(scheme):
            if only_naming and not self.graph.value(concept, LSKG.namesEntities):
                continue
            for cue in self.graph.objects(concept, SKOS.hiddenLabel):
                out.append((match_view(str(cue)).strip(), str(concept)))
        out.sort(key=lambda pair: (-len(pair[0]), pair[0], pair[1]))
        return out

    def cue_pattern(self, scheme: str, only_naming: bool = False) -> re.Pattern | None:
        cues = self.cues(scheme, only_naming)
        if not cues:
            return None
        alternatives = "|".join(re.escape(c) for c, _ in cues)
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")

    def cue_lookup(self, scheme: str) -> dict[str, str]:
        table: dict[str, str] = {}
        for cue, concept in self.cues(scheme):
            table.setdefault(cue, concept)
        return table

    def notation_lookup(self, scheme: str) -> dict[str, str]:
        """skos:notation -> concept, for one scheme (notations compared in match_view form)."""
        table = {}
        for concept in self.concepts(scheme):
            for n in self.graph.objects(concept, SKOS.notation):
                table[str(n)] = str(concept)
        return table

    def code(self, concept: str) -> str:
        return concept.rstrip("/").rsplit("/", 1)[-1]

    def label(self, term: str, lang: str = "vi") -> str | None:
        """The label of a concept (by IRI) or of a thing of the reference data (by key)."""
        return _lit(self.graph, self._node(term), SKOS.prefLabel, lang)

    def _node(self, term: str) -> URIRef:
        """The reference graph's node for a key (a concept IRI stands for itself)."""
        return self._nodes.get(term) or URIRef(term)

    @cached_property
    def _nodes(self) -> dict[str, URIRef]:
        """key -> node of every thing of the reference data, read once."""
        return {_key(s): s for s in set(self.graph.subjects()) if str(s).startswith(str(ID))}

    @cached_property
    def indicators(self) -> dict[str, Indicator]:
        out = {}
        for concept in self.concepts("indicator"):
            g = self.graph
            mult = g.value(concept, LSKG.unitMultiplier)
            lo, hi = g.value(concept, LSKG.minPlausible), g.value(concept, LSKG.maxPlausible)
            unit = g.value(concept, LSKG.defaultUnit)
            kind = g.value(concept, LSKG.indicatorType)
            out[str(concept)] = Indicator(
                iri=str(concept),
                code=self.code(str(concept)),
                label_vi=_lit(g, concept, SKOS.prefLabel) or self.code(str(concept)),
                unit=str(unit) if unit else None,
                unit_mult=int(mult) if mult is not None else None,
                kind=str(kind) if kind else None,
                min_plausible=Decimal(str(lo)) if lo is not None else None,
                max_plausible=Decimal(str(hi)) if hi is not None else None,
                subject_class=str(g.value(concept, LSKG.subjectClass) or "") or None,
            )
        return out

    # --- issuer codes and document types -------------------------------------------
    @cached_property
    def issuer_codes(self) -> dict[str, tuple[list[str], str]]:
        """symbol code ("CP") -> (organisation keys, scope "central"|"local")."""
        out: dict[str, tuple[list[str], str]] = {}
        for concept in self.concepts("issuer-code"):
            orgs = sorted(_key(o) for o in self.graph.objects(concept, LSKG.codeFor))
            scope = str(self.graph.value(concept, LSKG.scope) or "local")
            for n in self.graph.objects(concept, SKOS.notation):
                out[str(n)] = (orgs, scope)
        return out

    def related(self, concept: str) -> set[str]:
        """What a concept declares skos:related to."""
        return {str(o) for o in self.graph.objects(URIRef(concept), SKOS.related)}

    def related_from(self, concept: str) -> set[str]:
        """The concepts that declare skos:related to `concept`."""
        return {str(s) for s in self.graph.subjects(SKOS.related, URIRef(concept))}

    def broad_match(self, concept: str) -> str | None:
        match = self.graph.value(URIRef(concept), SKOS.broadMatch)
        return str(match) if match is not None else None

    def broader(self, concept: str) -> str | None:
        b = self.graph.value(URIRef(concept), SKOS.broader)
        return str(b) if b is not None else None

    def post_in(self, key: str) -> str | None:
        body = self.graph.value(self._node(key), ORG.postIn)
        return _key(body) if body else None

    def principal(self, key: str) -> str:
        """The agent a post signs for (lskg:signsFor), else the agent itself."""
        principal = self.graph.value(self._node(key), LSKG.signsFor)
        return _key(principal) if principal else key

    def parents(self, key: str) -> list[str]:
        return sorted(_key(o) for o in self.graph.objects(self._node(key), ORG.subOrganizationOf))

    @cached_property
    def org_scope(self) -> dict[str, str]:
        """organisation key -> key of the place it serves (absent for central bodies)."""
        return {_key(s): _key(o) for s, o in self.graph.subject_objects(SCHEMA.areaServed)}

    def places_of_kind(self, kind: str) -> list[str]:
        """Keys of the administrative units of one place kind (lskg:placeKind), sorted."""
        g = self.graph
        return sorted(_key(s) for s in g.subjects(LSKG.placeKind, URIRef(kind))
                      if (s, RDF.type, LSKG.AdministrativeUnit) in g)

    def is_country(self, key: str) -> bool:
        return (self._node(key), RDF.type, SCHEMA.Country) in self.graph

    def country_of(self, key: str) -> str | None:
        """The country that contains a place (schema:containedInPlace, the place itself if a country)."""
        node, seen = self._node(key), set()
        while node is not None and node not in seen:
            seen.add(node)
            if (node, RDF.type, SCHEMA.Country) in self.graph:
                return _key(node)
            node = self.graph.value(node, SCHEMA.containedInPlace)
        return None

    # --- gazetteer ------------------------------------------------------------------
    @cached_property
    def entries(self) -> list[Entry]:
        g = self.graph
        kinds: dict[str, str] = {}
        for cls, kind in _KIND_OF_CLASS.items():
            for s in g.subjects(RDF.type, URIRef(cls)):
                kinds.setdefault(str(s), kind)
        out: set[Entry] = set()
        for iri, kind in kinds.items():
            s, key = URIRef(iri), _key(iri)
            local_to = self.org_scope.get(key)
            for p in (SKOS.prefLabel, SKOS.altLabel, FOAF.name):
                for label in g.objects(s, p):
                    if isinstance(label, Literal) and label.language not in (None, "vi"):
                        continue
                    out.add(Entry(match_view(str(label)).strip(), key, kind))
            for label in g.objects(s, LSKG.localLabel):
                out.add(Entry(match_view(str(label)).strip(), key, kind, local_to=local_to))
        return sorted(out, key=lambda e: (-len(e.surface), e.surface, e.key))

    @cached_property
    def _gazetteer(self) -> tuple[re.Pattern, dict[str, list[Entry]]]:
        by_surface: dict[str, list[Entry]] = defaultdict(list)
        for e in self.entries:
            if len(e.surface) >= 2:
                by_surface[e.surface].append(e)
        alternatives = "|".join(re.escape(s) for s in sorted(by_surface, key=lambda s: (-len(s), s)))
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), dict(by_surface)

    def find_entities(self, view: str, start: int = 0, end: int | None = None,
                      jurisdiction: str | None = None):
        """Yield (start, end, Entry) for the longest known names in view[start:end]."""
        pattern, by_surface = self._gazetteer
        end = len(view) if end is None else end
        for m in pattern.finditer(view, start, end):
            candidates = by_surface[m.group(0)]
            general = [e for e in candidates if e.local_to is None]
            local = [e for e in candidates if e.local_to and e.local_to == jurisdiction]
            chosen = local or general
            if len({e.key for e in chosen}) == 1:
                yield m.start(), m.end(), chosen[0]

    def entries_named(self, surface: str) -> list[Entry]:
        """The gazetteer entries whose surface form is exactly `surface` (match_view form)."""
        return self._gazetteer[1].get(surface, [])

    @cached_property
    def province_gazetteer(self):
        """Every province by name (reference provinces and the `vietnam-provinces` package)."""
        from .places import ProvinceGazetteer  # places reads this module's lookups

        return ProvinceGazetteer(self)

    def kind_of(self, key: str) -> str | None:
        return self._kinds.get(key)

    @cached_property
    def _kinds(self) -> dict[str, str]:
        return {e.key: e.kind for e in self.entries}
