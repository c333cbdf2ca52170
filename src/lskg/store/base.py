"""Backend-neutral query results and the store protocol."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import pyoxigraph as ox

from .sized import SizedMemo, size_of

# What the term caches (this one, and `results.to_term`'s) may hold, each: rows repeat the same
# IRIs and labels, but a query can also make terms of any length, which are built, not kept.
TERM_CACHE_BYTES = 32 * 1024 * 1024
TERM_ENTRY_BYTES = 4096


class QueryError(Exception):
    """A query the engine refused (syntax error, unsupported feature).

    Each error class carries the HTTP status the web app answers it with (`web.errors`)."""

    status = 400


class QueryTimeout(QueryError):
    """The query ran past its time limit (and, in an isolated store, its worker was killed).

    `limit` is the limit in seconds; the message names it."""

    status = 503

    def __init__(self, message: str | None = None, limit: float | None = None):
        self.limit = limit
        super().__init__(message or timeout_message(limit))


class QueryBusy(QueryTimeout):
    """No query worker became free within the time limit: the service is saturated."""

    def __init__(self, limit: float | None = None):
        super().__init__(f"the query service is busy: no worker became free within {seconds(limit)} s "
                         "(try again shortly)", limit)


class ResultTooLarge(QueryError):
    """The answer is longer than the caller's `max_chars` (the characters of all its terms: values,
    datatypes, language tags); it was not returned."""

    def __init__(self, max_chars: int):
        self.max_chars = max_chars
        super().__init__(f"the result is longer than {max_chars} characters")


class EngineFailure(QueryError):
    """The query engine's process died while it ran the query (a crash, or killed for memory).

    Only this request is lost: the worker is replaced and the store keeps answering."""

    status = 503


class EngineUnavailable(EngineFailure):
    """A remote SPARQL engine could not be reached or failed (connection refused, HTTP 5xx).

    The web app answers 502: the fault is upstream of lskg, and the next request may succeed."""

    status = 502


def seconds(limit: float | None) -> str:
    """10.0 -> '10', 1.5 -> '1.5'."""
    return "?" if limit is None else f"{limit:g}"


def timeout_message(limit: float | None) -> str:
    return f"the query ran longer than {seconds(limit)} s (the time limit) and was stopped"


@dataclass(frozen=True)
class Term:
    """An RDF term as plain data: kind is 'iri', 'literal' or 'bnode'."""

    kind: str
    value: str
    datatype: str | None = None
    language: str | None = None

    def __reduce__(self):
        # pickled as its four fields, rebuilt through a cache: results cross from the query
        # workers (store.isolated) this way, and rows repeat the same IRIs and labels
        return (_term, (self.kind, self.value, self.datatype, self.language))

    def n3(self) -> str:
        if self.kind == "iri":
            return f"<{self.value}>"
        if self.kind == "bnode":
            return f"_:{self.value}"
        escaped = self.value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        if self.language:
            return f'"{escaped}"@{self.language}'
        if self.datatype and self.datatype != "http://www.w3.org/2001/XMLSchema#string":
            return f'"{escaped}"^^<{self.datatype}>'
        return f'"{escaped}"'


_UNPICKLED = SizedMemo(TERM_CACHE_BYTES, TERM_ENTRY_BYTES)


def _term(kind: str, value: str, datatype: str | None, language: str | None) -> Term:
    if len(value) > TERM_ENTRY_BYTES:  # never kept: not even hashed
        return Term(kind, value, datatype, language)
    key = (kind, value, datatype, language)
    term = _UNPICKLED.lookup(key)
    if term is None:
        term = Term(kind, value, datatype, language)
        _UNPICKLED.put(key, term, size_of((key, term), TERM_ENTRY_BYTES))
    return term


@dataclass
class Result:
    """A query's answer, whichever backend ran it. `form` says which kind:

    - "select": `variables` and `rows` (a row maps a bound variable to its term);
    - "graph" (CONSTRUCT, DESCRIBE): rows with the variables subject, predicate, object;
    - "ask": `boolean`, no rows.

    `truncated`: rows were left out past the caller's `limit`. A store asked to write the answer in
    a wire format (`query(..., fmt=...)`) writes it where the rows are (a query worker) and keeps
    only the bytes, in `written`: a download of 100 000 rows never crosses as terms."""

    variables: list[str]
    rows: list[dict[str, Term]] = field(default_factory=list)
    truncated: bool = False
    boolean: bool | None = None
    form: str = "select"
    written: tuple[str, bytes] | None = None  # (format, bytes)

    def serialize(self, fmt: str) -> bytes:
        """The answer in `fmt` (RESULT_FORMATS for SELECT/ASK, GRAPH_FORMATS for CONSTRUCT/DESCRIBE);
        raises QueryError for a format the form has not."""
        if self.written is not None:
            written_as, body = self.written
            if fmt != written_as:
                raise ValueError(f"this answer was written as {written_as} only, not {fmt}")
            return body
        from .results import write_result  # results builds on this module

        return write_result(self, fmt)


@dataclass(frozen=True)
class Dataset:
    """The RDF dataset a SPARQL Protocol request names (`default-graph-uri`, `named-graph-uri`).

    Empty: the store's own default graph and all its named graphs."""

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Release:
    """The release a store serves: its version, the build's summary (summary.json), the SHACL report
    (validation.json), its named graphs (one per source, the reference graph, the curated graph)
    and the number of distinct triples in the default graph (their union)."""

    version: str
    summary: dict
    validation: dict
    graphs: tuple[str, ...]
    triples: int


# Wire formats by neutral name (`?format=`, `lskg query --format`), as pyoxigraph writes and parses
# them; their media types are pyoxigraph's own (`media_type`). A remote backend asks its endpoint
# for the same ones.
RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,  # SELECT and ASK
                  "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,  # CONSTRUCT and DESCRIBE
                 "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}


def media_type(fmt: str) -> str:
    """The media type of a format by its neutral name, without parameters; "html" is a web page."""
    if fmt == "html":
        return "text/html"
    return (RESULT_FORMATS.get(fmt) or GRAPH_FORMATS[fmt]).media_type.split(";")[0]


class GraphStore(Protocol):
    """What the web app and the CLI call, on every backend (embedded, isolated, remote).

    `query` runs any query form. `bindings` are values for the query's variables, bound as RDF
    terms (`store.binding`), never spliced as text. `dataset` is the protocol's dataset (default:
    the union of the release's graphs, and its named graphs). `limit`: at most this many rows or
    triples, the rest left out (`Result.truncated`). `timeout`: a limit in seconds (None: the
    store's default); the embedded store can only check it while results are read (Oxigraph cannot
    be interrupted); the isolated store kills the worker that runs the query at the deadline; the
    remote store drops the connection. `max_chars`: ResultTooLarge once the characters of the
    answer's terms (values, datatypes, language tags) pass it; with `fmt`, once the written answer
    does. `fmt`: write the answer in this wire format where it is computed (`Result.written`).
    Raises QueryError and its kinds (QueryTimeout, QueryBusy, EngineFailure, ResultTooLarge)."""

    @property
    def release(self) -> Release: ...

    @property
    def capacity(self) -> int | None:
        """How many queries can run at once (None: no bound of the store's own)."""
        ...

    def start(self) -> "GraphStore":
        """Ready to serve requests (the isolated store forks its workers); returns the store."""
        ...

    def close(self) -> None:
        """Let go of what the store holds (processes, connections); it cannot query afterwards.
        Safe to call twice."""
        ...

    def query(self, text: str, bindings: dict[str, Term] | None = None, *, dataset: Dataset | None = None,
              limit: int | None = None, timeout: float | None = None, max_chars: int | None = None,
              fmt: str | None = None) -> Result: ...
