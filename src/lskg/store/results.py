"""Reading query results, whichever backend produced them.

Both backends end up holding pyoxigraph result objects: the embedded store gets them from
`Store.query`, the remote store parses the engine's HTTP response into the same objects (a
streaming parse, so a large answer is read only as far as the row cap). `ResultReading` turns them
into the store interface's answer (`Result`: rows, a boolean, or the answer written in a wire
format) with the row cap and the deadline applied in one place; a backend only supplies `_run`.
"""

from __future__ import annotations

import json
import time

import pyoxigraph as ox

from ..vocab import PREFIXES
from .base import (GRAPH_FORMATS, RESULT_FORMATS, TERM_CACHE_BYTES, TERM_ENTRY_BYTES, Dataset, QueryError,
                   QueryTimeout, Result, ResultTooLarge, Term)
from .sized import SizedMemo, size_of

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_CANONICAL_BOOLEAN = {"1": "true", "0": "false"}


_CONVERTED = SizedMemo(TERM_CACHE_BYTES, TERM_ENTRY_BYTES)


def to_term(t) -> Term:
    """pyoxigraph term -> Term; cached, since result rows repeat the same IRIs and labels (within
    a budget of bytes: `base.TERM_CACHE_BYTES`)."""
    term = _CONVERTED.lookup(t)
    if term is None:
        term = _convert(t)
        # the key, a pyoxigraph term, holds a copy of the same text outside Python's heap
        _CONVERTED.put(t, term, 2 * size_of(term, TERM_ENTRY_BYTES))
    return term


def _convert(t) -> Term:
    """A boolean is given in its canonical form: Virtuoso writes true as "1", which is the same value
    but would print differently from the embedded store."""
    if isinstance(t, ox.NamedNode):
        return Term("iri", t.value)
    if isinstance(t, ox.BlankNode):
        return Term("bnode", t.value)
    if isinstance(t, ox.Literal):
        datatype = t.datatype.value if t.datatype else XSD_STRING
        value = _CANONICAL_BOOLEAN.get(t.value, t.value) if datatype == XSD_BOOLEAN else t.value
        return Term("literal", value, datatype, t.language)
    return Term("literal", str(t))


def _terms(rows, variables: list[str], max_chars: int | None) -> list[dict[str, Term]]:
    """Rows of pyoxigraph terms as rows of Terms; ResultTooLarge as soon as their characters pass
    `max_chars` (so no more of an answer too large to use is converted, or sent on)."""
    out = []
    chars = 0
    for row in rows:
        converted = {v: to_term(t) for v, t in zip(variables, row) if t is not None}
        if max_chars is not None:
            chars += sum(len(t.value) + len(t.datatype or "") + len(t.language or "") for t in converted.values())
            if chars > max_chars:
                raise ResultTooLarge(max_chars)
        out.append(converted)
    return out


def from_term(t: Term):
    if t.kind == "iri":
        return ox.NamedNode(t.value)
    if t.kind == "bnode":
        return ox.BlankNode(t.value)
    if t.language:
        return ox.Literal(t.value, language=t.language)
    return ox.Literal(t.value, datatype=ox.NamedNode(t.datatype or XSD_STRING))


class ParsedTriples:
    """CONSTRUCT/DESCRIBE results parsed from an HTTP response (`store.remote`), read like
    pyoxigraph's QueryTriples: iterated as triples, or serialised."""

    def __init__(self, response, fmt):
        self._quads = ox.parse(response, fmt)

    def __iter__(self):
        return (quad.triple for quad in self._quads)

    def serialize(self, output, format):  # noqa: A002 - the name QueryTriples.serialize uses
        ox.serialize(iter(self), output, format)



class ResultReading:
    """The store interface's `query` over `_run`, which returns a pyoxigraph QuerySolutions,
    QueryBoolean or QueryTriples (or raises QueryError/QueryTimeout). `timeout` is checked while
    results are read."""

    def _run(self, query: str, bindings: dict[str, Term] | None, dataset: Dataset | None,
             timeout: float | None):
        raise NotImplementedError

    def query(self, text: str, bindings: dict[str, Term] | None = None, *, dataset: Dataset | None = None,
              limit: int | None = None, timeout: float | None = None, max_chars: int | None = None,
              fmt: str | None = None) -> Result:
        deadline = _deadline(timeout)
        res = self._run(text, bindings, dataset, timeout)
        if fmt is not None:
            return _written(res, fmt, limit, deadline, timeout, max_chars)
        if isinstance(res, ox.QueryBoolean):
            return Result([], boolean=bool(res), form="ask")
        if isinstance(res, ox.QuerySolutions):
            variables, form = [v.value for v in res.variables], "select"
        else:
            variables, form = list(_TRIPLE_VARIABLES), "graph"
        rows = _rows(res, limit, deadline, timeout)
        return Result(variables, _terms(rows, variables, max_chars), rows.truncated, form=form)


_TRIPLE_VARIABLES = ("subject", "predicate", "object")


def _written(res, fmt: str, limit: int | None, deadline: float | None, timeout: float | None,
             max_chars: int | None) -> Result:
    """The answer written in `fmt` by Oxigraph, which writes every format; the cap is applied on a
    line-based copy first (TSV rows or N-Triples lines), which is parsed back and written in the
    format asked for."""
    if isinstance(res, ox.QueryBoolean):
        return _kept(Result([], boolean=bool(res), form="ask"), fmt, res.serialize(format=_format(RESULT_FORMATS, fmt)),
                     max_chars)
    if isinstance(res, ox.QuerySolutions):
        target = _format(RESULT_FORMATS, fmt)
        result = Result([v.value for v in res.variables])
        sink = _drain(res, ox.QueryResultsFormat.TSV, None if limit is None else limit + 1, deadline, timeout)
        result.truncated = sink.truncated
        if fmt == "tsv":
            return _kept(result, fmt, sink.value(), max_chars)
        solutions = ox.parse_query_results(sink.value(), ox.QueryResultsFormat.TSV)
        return _kept(result, fmt, solutions.serialize(format=target), max_chars)
    target = _format(GRAPH_FORMATS, fmt)
    result = Result(list(_TRIPLE_VARIABLES), form="graph")
    sink = _drain(res, ox.RdfFormat.N_TRIPLES, limit, deadline, timeout)
    result.truncated = sink.truncated
    return _kept(result, fmt, _graph_bytes(sink.value(), fmt, target), max_chars)


def _kept(result: Result, fmt: str, body: bytes, max_chars: int | None) -> Result:
    if max_chars is not None and len(body) > max_chars:
        raise ResultTooLarge(max_chars)
    result.written = (fmt, body)
    return result


def _graph_bytes(ntriples: bytes, fmt: str, target) -> bytes:
    """N-Triples lines written as `fmt` (Turtle with the prefixes it uses)."""
    if fmt == "ntriples":
        return ntriples
    triples = (quad.triple for quad in ox.parse(ntriples, ox.RdfFormat.N_TRIPLES))
    prefixes = _used_prefixes(ntriples) if fmt == "turtle" else None
    return ox.serialize(triples, format=target, prefixes=prefixes)


def write_result(result: Result, fmt: str) -> bytes:
    """A result held as rows written in `fmt`, as a store writes it (`_written`), without a cap."""
    if result.form == "graph":
        target = _format(GRAPH_FORMATS, fmt)
        triples = (ox.Triple(*(from_term(row[v]) for v in _TRIPLE_VARIABLES)) for row in result.rows)
        return _graph_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), fmt, target)
    target = _format(RESULT_FORMATS, fmt)
    # the SPARQL JSON results format is plain data, which pyoxigraph reads and writes in any format
    if result.form == "ask":
        data = {"head": {}, "boolean": bool(result.boolean)}
    else:
        data = {"head": {"vars": result.variables},
                "results": {"bindings": [{v: _json_term(t) for v, t in row.items()} for row in result.rows]}}
    return ox.parse_query_results(json.dumps(data), ox.QueryResultsFormat.JSON).serialize(format=target)


def _json_term(term: Term) -> dict:
    if term.kind == "iri":
        return {"type": "uri", "value": term.value}
    if term.kind == "bnode":
        return {"type": "bnode", "value": term.value}
    if term.language:
        return {"type": "literal", "value": term.value, "xml:lang": term.language}
    return {"type": "literal", "value": term.value, "datatype": term.datatype or XSD_STRING}


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


def _rows(results, limit: int | None, deadline: float | None, timeout: float | None = None) -> _Rows:
    """Solutions or triples as tuples of pyoxigraph terms, at most `limit`, checking the deadline."""
    rows = _Rows()
    try:
        for item in results:
            if limit is not None and len(rows) >= limit:
                rows.truncated = True
                break
            if deadline is not None and time.monotonic() > deadline:
                raise QueryTimeout(limit=timeout)
            # a solution is a sequence in projection order: tuple() is twice as fast as lookups by name
            rows.append(tuple(item) if isinstance(item, ox.QuerySolution)
                        else (item.subject, item.predicate, item.object))
    except TimeoutError as exc:  # a remote answer stalled past the client timeout
        raise QueryTimeout(limit=timeout) from exc
    except (SyntaxError, OSError) as exc:  # a remote answer that breaks off or is malformed midway
        if "cancelled" in str(exc).lower():  # the Oxigraph server's --timeout-s cuts its 200 answer so
            raise QueryTimeout(limit=timeout) from exc
        raise QueryError(f"the result could not be read: {exc}") from exc
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
    except TimeoutError as exc:
        raise QueryTimeout(limit=timeout) from exc
    except (SyntaxError, OSError) as exc:
        raise QueryError(str(exc)) from exc
    if sink.timed_out:
        raise QueryTimeout(limit=timeout)
    return sink
