"""The embedded backend: pyoxigraph, in memory, loaded once from a release's N-Quads dump."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

from .base import QueryError, SelectResult, Term

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_term(t) -> Term:
    if isinstance(t, ox.NamedNode):
        return Term("iri", t.value)
    if isinstance(t, ox.BlankNode):
        return Term("bnode", t.value)
    if isinstance(t, ox.Literal):
        return Term("literal", t.value, t.datatype.value if t.datatype else XSD_STRING, t.language)
    return Term("literal", str(t))


def from_term(t: Term):
    if t.kind == "iri":
        return ox.NamedNode(t.value)
    if t.kind == "bnode":
        return ox.BlankNode(t.value)
    if t.language:
        return ox.Literal(t.value, language=t.language)
    return ox.Literal(t.value, datatype=ox.NamedNode(t.datatype or XSD_STRING))


class EmbeddedStore:
    """Read-only use of a pyoxigraph store.

    The default graph holds the set union of all named graphs. Oxigraph's own union mode
    (`use_default_graph_as_union`) is a bag: a triple said in five source graphs (a period, a
    document's type) matches five times and joins multiply; a real default graph matches once.
    """

    def __init__(self, store: ox.Store, meta: dict | None = None):
        self.store = store
        self.meta = meta or {}

    @classmethod
    def from_nquads(cls, path: Path, meta: dict | None = None) -> "EmbeddedStore":
        store = ox.Store()
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
        named = list(store.quads_for_pattern(None, None, None, None))
        store.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in named)
        return cls(store, meta)

    def _run(self, query: str, bindings: dict[str, Term] | None):
        subs = {ox.Variable(k): from_term(v) for k, v in (bindings or {}).items()}
        try:
            return self.store.query(query, substitutions=subs)
        except SyntaxError as exc:
            raise QueryError(str(exc)) from exc
        except OSError as exc:
            raise QueryError(str(exc)) from exc

    def select(self, query: str, bindings: dict[str, Term] | None = None, limit: int | None = None) -> SelectResult:
        solutions = self._run(query, bindings)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("not a SELECT query")
        variables = [v.value for v in solutions.variables]
        result = SelectResult(variables)
        for i, sol in enumerate(solutions):
            if limit is not None and i >= limit:
                result.truncated = True
                break
            row = {}
            for v in variables:
                t = sol[v]
                if t is not None:
                    row[v] = to_term(t)
            result.rows.append(row)
        return result

    def ask(self, query: str, bindings: dict[str, Term] | None = None) -> bool:
        res = self._run(query, bindings)
        if not isinstance(res, ox.QueryBoolean):
            raise QueryError("not an ASK query")
        return bool(res)

    def construct(self, query: str, bindings: dict[str, Term] | None = None) -> bytes:
        res = self._run(query, bindings)
        if not isinstance(res, ox.QueryTriples):
            raise QueryError("not a CONSTRUCT or DESCRIBE query")
        return res.serialize(format=ox.RdfFormat.N_TRIPLES)

    def triple_count(self) -> int:
        """Distinct triples (the default graph)."""
        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))


def open_release(build_dir: Path) -> EmbeddedStore:
    """The store of the release that `build_dir/current` points to."""
    current = build_dir / "current"
    if not (current / "dataset.nq").exists():
        raise FileNotFoundError(f"no built graph in {build_dir} (run `lskg build` first)")
    meta = json.loads((current / "summary.json").read_text(encoding="utf-8"))
    return EmbeddedStore.from_nquads(current / "dataset.nq", meta)
