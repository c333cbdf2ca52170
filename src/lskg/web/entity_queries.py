"""The SPARQL behind an entity page: its links, the sentences behind them, its figures and a
few details of its neighbours. Each binds the entity as `?e` through the store's bindings (a
VALUES block, `store.binding`), never by splicing the IRI into the query text.

Shapes chosen for Oxigraph, measured on the 26k-quad corpus: every UNION branch joins its own
patterns (a join after a UNION is evaluated before the entity is bound) and FILTER … IN stands
where VALUES would be joined first.
"""

from __future__ import annotations

from ..graph.curation import CURATED
from ..vocab import SPARQL_PROLOGUE as PROLOGUE

# Incoming links shown elsewhere on the page (mentions, figures, evidence), not as link lists.
_SHOWN_ELSEWHERE = "oa:hasBody, lskg:refSubject, rdf:subject, rdf:object"

LINKS = PROLOGUE + f"""
SELECT ?e ?dir ?p ?v WHERE {{
  {{ ?e ?p ?v . FILTER (?p != lskg:text) BIND ("out" AS ?dir) }}
  UNION
  {{ ?v ?p ?e . FILTER (?p NOT IN ({_SHOWN_ELSEWHERE})) BIND ("in" AS ?dir) }}
}}"""

_QUOTE = "?seg oa:hasSelector ?qs . ?qs oa:exact ?exact ."
# Each branch joins its own quote: Oxigraph evaluates a join after a UNION without the entity bound.
EVIDENCE = PROLOGUE + f"""
SELECT ?e ?fact ?p ?v ?seg ?exact ?prefix ?suffix WHERE {{
  {{ ?st rdf:subject ?e ; rdf:predicate ?p ; rdf:object ?v ; prov:wasDerivedFrom ?seg . {_QUOTE}
     BIND ("out" AS ?fact) }}
  UNION {{ ?st rdf:object ?e ; rdf:predicate ?p ; rdf:subject ?v ; prov:wasDerivedFrom ?seg . {_QUOTE}
          BIND ("in" AS ?fact) }}
  UNION {{ ?e prov:wasDerivedFrom ?seg . {_QUOTE} BIND ("self" AS ?fact) }}
  UNION {{ ?m oa:hasBody ?e ; oa:hasTarget ?seg . {_QUOTE} ?qs oa:prefix ?prefix ; oa:suffix ?suffix .
          BIND ("mention" AS ?fact) }}
}}"""

_OTHER = ("?other sdmx-measure:obsValue ?ovalue ; prov:wasDerivedFrom ?oseg . "
          "?oseg oa:hasSelector ?oqs . ?oqs oa:exact ?oexact .")
# The curated figures about the entity with their sentences: disputed ones first, then the latest,
# at most FIGURE_LIMIT figures (the province has 258, and every row costs the same to hand to
# Python); the subquery fetches one more, to tell the page there are more. The data set is a
# FILTER, not a pattern: as a pattern with a constant, Oxigraph started from it (every curated
# observation) instead of from the entity (95 ms against 0.5 ms for a project at 1M triples).
FIGURE_LIMIT = 50
_FIGURES = PROLOGUE + f"""
SELECT ?e ?obs ?ind ?period ?value ?unit ?mult ?kind ?qual ?disputed ?seg ?exact WHERE {{
  {{ SELECT ?e ?obs ?period ?disputed WHERE {{
      ?obs lskg:refSubject ?e ; lskg:refPeriod ?period ; qb:dataSet ?dataSet . FILTER (?dataSet = <{CURATED}>)
      OPTIONAL {{ ?obs lskg:disputed ?disputed }}
    }} ORDER BY DESC(BOUND(?disputed)) DESC(?period) ?obs %s }}
  ?obs lskg:indicator ?ind ; sdmx-measure:obsValue ?value ; lskg:valueKind ?kind ; prov:wasDerivedFrom ?seg .
  {_QUOTE}
  OPTIONAL {{ ?obs sdmx-attribute:unitMeasure ?unit }}
  OPTIONAL {{ ?obs sdmx-attribute:unitMult ?mult }}
  OPTIONAL {{ ?obs lskg:valueQualifier ?qual }}
}}"""
FIGURES = _FIGURES % f"LIMIT {FIGURE_LIMIT + 1}"
ALL_FIGURES = _FIGURES % ""

# Where a figure about the entity is disputed: the values other sources give, with their sentences.
DISPUTES = PROLOGUE + f"""
SELECT ?e ?obs ?other ?ovalue ?oseg ?oexact WHERE {{
  ?obs lskg:refSubject ?e ; lskg:disputed true ; lskg:sourceObservation ?chosen . ?chosen lskg:conflictsWith ?other .
  {_OTHER}
}}"""

# For an observation's own page: the source figures behind a curated one and the values other
# sources give for the same key.
CONFLICTS = PROLOGUE + f"""
SELECT ?e ?other ?ovalue ?oseg ?oexact WHERE {{
  {{ ?e lskg:conflictsWith ?other . {_OTHER} }}
  UNION {{ ?e lskg:sourceObservation ?other . {_OTHER} }}
  UNION {{ ?e lskg:sourceObservation ?chosen . ?chosen lskg:conflictsWith ?other . {_OTHER} }}
}}"""

# Details of the neighbours the specialised sections show: the documents behind a project and
# those a body issued (number, date), associations (body, role, project), memberships (person,
# body, post). Only through these links, so a data set with hundreds of observations stays cheap.
_DETAILS = "eli:id_local, eli:date_document, prov:agent, prov:hadRole, org:member, org:organization, org:role"
_OUT_VIA = "lskg:investmentPolicyApprovedBy, lskg:projectApprovedBy, lskg:hasLegalBasis, prov:qualifiedAssociation"
_IN_VIA = "eli:passed_by, prov:agent, org:member, org:organization"
# FILTER … IN, not VALUES: Oxigraph joins a VALUES block before the entity is bound.
NEIGHBOURS = PROLOGUE + f"""
SELECT ?e ?n ?p ?v WHERE {{
  {{ ?e ?x ?n . ?n ?p ?v . FILTER (?x IN ({_OUT_VIA}) && ?p IN ({_DETAILS})) }}
  UNION {{ ?n ?x ?e . ?n ?p ?v . FILTER (?x IN ({_IN_VIA}) && ?p IN ({_DETAILS})) }}
  UNION {{ ?n prov:agent ?e . ?v prov:qualifiedAssociation ?n . BIND (prov:qualifiedAssociation AS ?p) }}
}}"""
# the last branch reads backwards: ?v is the project an association of this body belongs to
