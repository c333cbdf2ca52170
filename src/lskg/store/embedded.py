"""The embedded backend: pyoxigraph, in memory, loaded once from a release's N-Quads dump."""

from __future__ import annotations

import json
import time
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from ..vocab import PREFIXES
from .base import Dataset, QueryError, QueryTimeout, SelectResult, Serialized, Term

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@lru_cache(maxsize=1 << 16)
def to_term(t) -> Term:
    """pyoxigraph term -> Term; cached, since result rows repeat the same IRIs and labels."""
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
    """Read-only use of a pyoxigraph store, in this process.

    A `timeout` is only checked while results are read: Oxigraph cannot be interrupted, so a query
    that computes for long before its first result runs to its end. A served app wraps this store
    in `IsolatedStore` (store.isolated), which enforces limits by killing worker processes.

    The default graph holds the set union of all named graphs. Oxigraph's own union mode
    (`use_default_graph_as_union`) is a bag: a triple said in five source graphs (a period, a
    document's type) matches five times and joins multiply; a real default graph matches once.
    """

    def __init__(self, store: ox.Store, meta: dict | None = None, source: Path | None = None):
        self.store = store
        self.meta = meta or {}
        self.source = source  # the N-Quads file it was loaded from (query workers load it again)
        self._graphs: list[str] | None = None
        self._count: int | None = None

    @classmethod
    def from_nquads(cls, path: Path, meta: dict | None = None) -> "EmbeddedStore":
        store = ox.Store()
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
        named = list(store.quads_for_pattern(None, None, None, None))
        store.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in named)
        # the real file, not the path through `current`: a later build may move `current` on
        return cls(store, meta, Path(path).resolve())

    def _run(self, query: str, bindings: dict[str, Term] | None, dataset: Dataset | None = None):
        subs = {ox.Variable(k): from_term(v) for k, v in (bindings or {}).items()}
        graphs = {}
        if dataset and dataset.default_graphs:
            graphs["default_graph"] = [ox.NamedNode(g) for g in dataset.default_graphs]
        if dataset and dataset.named_graphs:
            graphs["named_graphs"] = [ox.NamedNode(g) for g in dataset.named_graphs]
        try:
            return self.store.query(query, substitutions=subs, **graphs)
        except SyntaxError as exc:
            raise QueryError(str(exc)) from exc
        except OSError as exc:
            raise QueryError(str(exc)) from exc

    def select(self, query: str, bindings: dict[str, Term] | None = None, limit: int | None = None,
               dataset: Dataset | None = None, timeout: float | None = None) -> SelectResult:
        solutions = self._run(query, bindings, dataset)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("not a SELECT query")
        variables = [v.value for v in solutions.variables]
        result = SelectResult(variables)
        rows = _rows(solutions, variables, limit, _deadline(timeout), timeout)
        result.rows = [{v: to_term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
        result.truncated = rows.truncated
        return result

    def triples(self, query: str, limit: int | None = None, dataset: Dataset | None = None,
                timeout: float | None = None) -> SelectResult:
        res = self._run(query, None, dataset)
        if not isinstance(res, ox.QueryTriples):
            raise QueryError("not a CONSTRUCT or DESCRIBE query")
        variables = ["subject", "predicate", "object"]
        rows = _rows(res, variables, limit, _deadline(timeout), timeout)
        return SelectResult(variables, [{v: to_term(t) for v, t in zip(variables, row)} for row in rows],
                            rows.truncated)

    def serialize(self, query: str, fmt: str, limit: int | None = None, dataset: Dataset | None = None,
                  timeout: float | None = None) -> Serialized:
        """Oxigraph writes every format; the cap is applied on a line-based copy first (TSV rows or
        N-Triples lines), which is parsed back and written in the format asked for."""
        res = self._run(query, None, dataset)
        deadline = _deadline(timeout)
        if isinstance(res, ox.QueryBoolean):
            return Serialized(res.serialize(format=_format(_RESULT_FORMATS, fmt)))
        if isinstance(res, ox.QuerySolutions):
            target = _format(_RESULT_FORMATS, fmt)
            sink = _drain(res, ox.QueryResultsFormat.TSV, None if limit is None else limit + 1, deadline, timeout)
            if fmt == "tsv":
                return Serialized(sink.value(), sink.truncated)
            solutions = ox.parse_query_results(sink.value(), ox.QueryResultsFormat.TSV)
            return Serialized(solutions.serialize(format=target), sink.truncated)
        target = _format(_GRAPH_FORMATS, fmt)
        sink = _drain(res, ox.RdfFormat.N_TRIPLES, limit, deadline, timeout)
        if fmt == "ntriples":
            return Serialized(sink.value(), sink.truncated)
        lines = sink.value()
        triples = (quad.triple for quad in ox.parse(lines, ox.RdfFormat.N_TRIPLES))
        prefixes = _used_prefixes(lines) if fmt == "turtle" else None
        return Serialized(ox.serialize(triples, format=target, prefixes=prefixes), sink.truncated)

    def named_graphs(self) -> list[str]:
        if self._graphs is None:
            self._graphs = sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))
        return self._graphs

    def ask(self, query: str, bindings: dict[str, Term] | None = None, dataset: Dataset | None = None,
            timeout: float | None = None) -> bool:
        res = self._run(query, bindings, dataset)
        if not isinstance(res, ox.QueryBoolean):
            raise QueryError("not an ASK query")
        return bool(res)

    def construct(self, query: str, bindings: dict[str, Term] | None = None, timeout: float | None = None) -> bytes:
        res = self._run(query, bindings)
        if not isinstance(res, ox.QueryTriples):
            raise QueryError("not a CONSTRUCT or DESCRIBE query")
        return res.serialize(format=ox.RdfFormat.N_TRIPLES)

    def triple_count(self) -> int:
        """Distinct triples (the default graph); counted once, the store is read-only."""
        if self._count is None:
            self._count = sum(1 for _ in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        return self._count


_RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                   "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
_GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
                  "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}
# `id:` is left out: local names under it hold slashes, which Turtle would have to escape
_TURTLE_PREFIXES = {name: str(ns) for name, ns in PREFIXES.items() if name != "id"}


def _used_prefixes(ntriples: bytes) -> dict[str, str]:
    return {name: ns for name, ns in _TURTLE_PREFIXES.items() if ns.encode() in ntriples}


def _format(formats: dict, fmt: str):
    if fmt not in formats:
        raise QueryError(f"format {fmt!r} is not available for this query form (use one of {', '.join(formats)})")
    return formats[fmt]


def _deadline(timeout: float | None) -> float | None:
    return None if timeout is None else time.monotonic() + timeout


class _Rows(list):
    truncated = False


def _rows(results, variables: list[str], limit: int | None, deadline: float | None,
          timeout: float | None = None) -> _Rows:
    """Solutions or triples as tuples of pyoxigraph terms, at most `limit`, checking the deadline."""
    rows = _Rows()
    for item in results:
        if limit is not None and len(rows) >= limit:
            rows.truncated = True
            break
        if deadline is not None and time.monotonic() > deadline:
            raise QueryTimeout(limit=timeout)
        # a solution is a sequence in projection order: tuple() is twice as fast as lookups by name
        rows.append(tuple(item) if isinstance(item, ox.QuerySolution)
                    else (item.subject, item.predicate, item.object))
    return rows


class _Enough(Exception):
    """Stops an Oxigraph serializer: the sink has all the lines it wants, or time is up."""


class _LineSink:
    """A binary file for Oxigraph's serializers that keeps the first `keep` lines (one TSV row or one
    N-Triples triple per line) and stops the writer when more come or the deadline passes."""

    def __init__(self, keep: int | None, deadline: float | None):
        self.keep, self.deadline = keep, deadline
        self.parts: list[bytes] = []
        self.lines = 0
        self.truncated = self.timed_out = False

    def write(self, data) -> int:
        if self.truncated or self.timed_out:
            raise _Enough
        if self.deadline is not None and time.monotonic() > self.deadline:
            self.timed_out = True
            raise _Enough
        data = bytes(data)
        if self.keep is not None:
            room = self.keep - self.lines
            if data.count(b"\n") >= room:
                cut = 0
                for _ in range(room):
                    cut = data.index(b"\n", cut) + 1
                self.parts.append(data[:cut])
                self.lines = self.keep
                if data[cut:]:
                    self.truncated = True
                    raise _Enough
                return len(data)
            self.lines += data.count(b"\n")
        self.parts.append(data)
        return len(data)

    def flush(self) -> None:
        pass

    def value(self) -> bytes:
        return b"".join(self.parts)


def _drain(results, fmt, keep: int | None, deadline: float | None, timeout: float | None = None) -> _LineSink:
    sink = _LineSink(keep, deadline)
    try:
        results.serialize(sink, format=fmt)
    except _Enough:
        pass
    except OSError as exc:
        raise QueryError(str(exc)) from exc
    if sink.timed_out:
        raise QueryTimeout(limit=timeout)
    return sink


def open_release(build_dir: Path) -> EmbeddedStore:
    """The store of the release that `build_dir/current` points to."""
    current = build_dir / "current"
    if not (current / "dataset.nq").exists():
        raise FileNotFoundError(f"no built graph in {build_dir} (run `lskg build` first)")
    meta = json.loads((current / "summary.json").read_text(encoding="utf-8"))
    return EmbeddedStore.from_nquads(current / "dataset.nq", meta)
