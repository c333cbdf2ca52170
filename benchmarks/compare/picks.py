"""What every backend is asked, chosen once from the embedded store so that all backends answer
the same questions: a parameter value per saved query, and a sample of entity pages by kind."""

from __future__ import annotations

import random
from collections import Counter

from lskg.queries import Catalogue, ParameterError
from lskg.store import GraphStore
from lskg.vocab import ID
from lskg.web.kinds import KINDS

# the kinds of page people open most, by the kinds the site itself shows (web.kinds)
PAGE_KINDS = ("project", "document", "organisation", "place", "observation")


def parameter_picks(store: GraphStore, catalogue: Catalogue) -> dict[str, dict[str, str]]:
    """For each saved query with a free parameter: that parameter bound to the value that fills the
    most rows of the query's default answer (a real, selective filter), ties broken by the IRI so
    that every run picks the same. The first free parameter that is also a result column is used."""
    picks = {}
    for saved in catalogue:
        free = [p for p in saved.params if p.default is None]
        if not free:
            continue
        rows = store.query(saved.text, saved.bindings({})).rows
        for param in free:
            counts = Counter(row[param.name].value for row in rows if param.name in row)
            for value, _n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
                try:
                    saved.bindings({param.name: value})
                except ParameterError:
                    continue  # e.g. a column value outside the parameter's namespace
                picks[saved.name] = {param.name: value}
                break
            if saved.name in picks:
                break
    return picks


def entity_sample(store: GraphStore, per_kind: int, seed: int) -> dict[str, dict]:
    """Per kind: `per_kind` pages drawn at random (seeded) among the kind's minted IRIs, and the
    busiest one (most triples pointing at it: the longest page of that kind)."""
    classes = {kind: cls for kind, _vi, _en, cls in KINDS}
    sample = {}
    for kind in PAGE_KINDS:
        values = " ".join(f"<{c}>" for c in classes[kind])
        minted = f'FILTER (STRSTARTS(STR(?s), "{ID}"))'
        iris = sorted({row["s"].value for row in store.query(
            f"SELECT DISTINCT ?s WHERE {{ VALUES ?c {{ {values} }} ?s a ?c {minted} }}").rows})
        if not iris:
            continue
        busiest = store.query(
            f"SELECT ?s (COUNT(*) AS ?n) WHERE {{ VALUES ?c {{ {values} }} ?s a ?c {minted} ?x ?p ?s }} "
            "GROUP BY ?s ORDER BY DESC(?n) ?s LIMIT 1").rows
        chosen = random.Random(f"{seed}-{kind}").sample(iris, min(per_kind, len(iris)))
        sample[kind] = {"pages": [page_path(i) for i in chosen],
                        "busiest": page_path(busiest[0]["s"].value if busiest else iris[0]),
                        "of": len(iris)}
    return sample


def page_path(iri: str) -> str:
    return "/id/" + iri[len(str(ID)):]
