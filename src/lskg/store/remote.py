"""The remote backend: a SPARQL 1.1 server (Oxigraph server, Virtuoso, Fuseki…) reached through
SPARQLWrapper, for deployments that outgrow one process.

What it keeps from the embedded store, so the web app and the CLI behave the same:
- The default graph is the set union of the release's graphs: `lskg load` writes that union as the
  named graph `UNION_GRAPH` and every query names it as `default-graph-uri` (unless the query
  or the protocol request chooses its own dataset). Engines disagree on what a query without a
  dataset sees (Oxigraph: an empty default graph; Virtuoso: every graph, duplicates included), so
  lskg never relies on it.
- The release (`Release`: version, summary, SHACL report, graphs) is read from `RELEASE_GRAPH`,
  which `lskg load` writes.
- Results are parsed as they stream in (pyoxigraph's parsers) and read through the same
  `ResultReading` as the embedded store: the same row cap, the same formats.

What it guarantees (the hardening rules hold on this backend too):
- Read-only: this class has no update method, and a text that SPARQLWrapper classifies as an
  update is refused before any request; updates go only to the update endpoint, from `store.loading`.
- No SERVICE, no foreign FROM: the web app's guard checks every query before it reaches a store;
  the saved and page queries are checked when loaded. Configure the engine read-only for the query
  URL where it can be (`oxigraph serve-read-only`) — docs/ENGINES.md says how.
- Every request has a client timeout (the query's limit, else `timeout`); past it the connection is
  dropped and the caller gets `QueryTimeout`. The engine should have its own limit as well
  (`--timeout-s`, MaxQueryExecutionTime), since closing a connection does not stop every engine.
- Engine errors become the store's exceptions: HTTP 400 → `QueryError`, a timeout (ours, or the
  engine's, including Virtuoso's "incomplete results") → `QueryTimeout`, refused connections and
  5xx → `EngineUnavailable`. Messages name the HTTP status, never the engine's own text (which
  names the product and its internals); that text goes to the log.
"""

from __future__ import annotations

import json
import logging
import math
import socket
import urllib.error

import pyoxigraph as ox
from SPARQLWrapper import POST, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from ..sparql_guard import Refused, ServiceRefused, UpdateRefused, check_saved_query
from ..vocab import DCTERMS, LSKG, RELEASE, RELEASE_GRAPH, UNION_GRAPH, VOID
from .base import Dataset, EngineUnavailable, QueryError, QueryTimeout, Release, Term
from .binding import bind_values
from .results import ParsedTriples, ResultReading

log = logging.getLogger(__name__)

USER_AGENT = "lskg (SPARQLWrapper)"
_RESULTS_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
_GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
# what an answer may come back in (pyoxigraph names the format of a media type); not CSV, which
# loses datatypes, nor JSON-LD, which a server sends only when asked
_RESULT_PARSED = (ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML, ox.QueryResultsFormat.TSV)
_GRAPH_PARSED = (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML)


# what the queries about the loaded release read: its own graph, by name
RELEASE_DATASET = Dataset(named_graphs=(str(RELEASE_GRAPH),))


class NoRelease(LookupError):
    """The endpoint answers but holds no lskg release (nothing was loaded with `lskg load`)."""


class RemoteStore(ResultReading):
    """Read-only queries against `query_url`; `timeout` (seconds) when a call gives none."""

    def __init__(self, query_url: str, timeout: float = 10.0, default_graph: str = str(UNION_GRAPH)):
        self.query_url = query_url
        self.timeout = float(timeout)
        self.default_graph = default_graph
        self.release = Release("", {}, {}, (), 0)  # until `read_release`

    capacity = None  # the engine queues or refuses what it cannot run: its own configuration

    @classmethod
    def open(cls, query_url: str, timeout: float = 10.0) -> "RemoteStore":
        """The store with its release read; raises NoRelease, EngineUnavailable."""
        store = cls(query_url, timeout)
        store.read_release()
        return store

    def read_release(self) -> None:
        """The release's summary, report, graphs and size, from `RELEASE_GRAPH`."""
        rows = self.query(_RELEASE_QUERY, {"release": Term("iri", str(RELEASE))}, dataset=RELEASE_DATASET).rows
        if not rows:
            raise NoRelease(f"no lskg release at {self.query_url} (load one with `lskg load`)")
        summary = json.loads(rows[0]["summary"].value)
        validation = json.loads(rows[0]["report"].value) if "report" in rows[0] else {}
        graphs = self.query(_GRAPHS_QUERY, dataset=RELEASE_DATASET).rows
        # the triples of the default graph: distinct, as the loader counted them in the union graph
        triples = next((int(r["triples"].value) for r in graphs
                        if r["g"].value == str(UNION_GRAPH) and "triples" in r), 0)
        self.release = Release(str(summary.get("graph_version", "")), summary, validation,
                               tuple(sorted(r["g"].value for r in graphs if r["g"].value != str(UNION_GRAPH))),
                               triples)

    def start(self) -> "RemoteStore":
        return self  # nothing to start: each query is one HTTP request

    def close(self) -> None:
        pass  # no connection is kept between queries

    def _run(self, query: str, bindings: dict[str, Term] | None, dataset: Dataset | None = None,
             timeout: float | None = None):
        text = bind_values(query, bindings)
        wrapper = SPARQLWrapper(self.query_url, agent=USER_AGENT)
        wrapper.setQuery(text)
        if wrapper.isSparqlUpdateRequest():
            raise QueryError("updates are never sent to the query endpoint")
        wrapper.setMethod(POST)
        wrapper.setRequestMethod(URLENCODED)
        wrapper.setOnlyConneg(True)  # no engine-specific format parameters: content negotiation only
        limit = self.timeout if timeout is None else timeout
        wrapper.setTimeout(max(1, math.ceil(limit)))
        graph_form = wrapper.queryType in ("CONSTRUCT", "DESCRIBE")
        wrapper.addCustomHttpHeader("Accept", _GRAPH_ACCEPT if graph_form else _RESULTS_ACCEPT)
        # decided on the query as written (cached by its text): the VALUES block adds no dataset
        for name, graphs in _dataset_parameters(query, dataset, self.default_graph, self.release.graphs):
            for graph in graphs:
                wrapper.addParameter(name, graph)
        response = _send(wrapper, limit)
        result = _parse(response, graph_form, limit)
        if wrapper.queryType == "ASK" and isinstance(result, ox.QuerySolutions):
            return _ask_from_rows(result)
        return result

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_url!r})"


_RELEASE_QUERY = f"""
SELECT ?summary ?report WHERE {{
  GRAPH <{RELEASE_GRAPH}> {{ ?release <{LSKG.summary}> ?summary
    OPTIONAL {{ ?release <{LSKG.validationReport}> ?report }} }}
}}"""
_GRAPHS_QUERY = f"""
SELECT ?g ?triples WHERE {{
  GRAPH <{RELEASE_GRAPH}> {{ ?g <{LSKG.contentHash}> ?hash OPTIONAL {{ ?g <{VOID.triples}> ?triples }} }}
}}"""


def _dataset_parameters(query: str, dataset: Dataset | None, default_graph: str, named: tuple[str, ...]):
    """Protocol parameters: the request's own dataset, else the union graph as the default graph
    (left out when the query has FROM or FROM NAMED, which the protocol parameter would override).
    A protocol dataset holds only the named graphs it lists, so a query that uses GRAPH is sent the
    release's graphs by name as well (what the embedded store offers).

    Sending none confines nothing: the engine then shows every graph it holds, not only the
    release's. So both questions are answered from the query's parse tree (`sparql_guard`), never
    from its words: `"x"@from`, a comment or a string saying FROM is no dataset clause."""
    if dataset and (dataset.default_graphs or dataset.named_graphs):
        return [("default-graph-uri", dataset.default_graphs), ("named-graph-uri", dataset.named_graphs)]
    if not default_graph:
        return []
    names_dataset, reads_named_graphs = _dataset_use(query)
    if names_dataset:
        return []
    return [("default-graph-uri", [default_graph])] + ([("named-graph-uri", list(named))] if reads_named_graphs else [])


def _dataset_use(query: str) -> tuple[bool, bool]:
    """Whether the query has FROM / FROM NAMED, and whether it has GRAPH, as the guard parses it
    (cached by text). A text the guard cannot read (a syntax error, or one rdflib gets wrong) is
    sent confined to the release, on the safe side, for the engine to judge; one with SERVICE, or
    that parses as an Update, is not sent at all."""
    try:
        checked = check_saved_query(query)
    except (ServiceRefused, UpdateRefused) as exc:
        raise QueryError(str(exc)) from None
    except Refused:
        return False, True
    return bool(checked.graphs), checked.graph_patterns


def _send(wrapper: SPARQLWrapper, limit: float):
    try:
        result = wrapper.query()
    except SPARQLWrapperException as exc:  # QueryBadFormed (400), EndPointNotFound (404), 401, 414, 500
        log.warning("SPARQL engine refused a query: %s", exc)
        status = {"QueryBadFormed": 400, "EndPointNotFound": 404, "Unauthorized": 401,
                  "URITooLong": 414, "EndPointInternalError": 500}.get(type(exc).__name__)
        if status == 500 and _says_timeout(str(exc)):
            raise QueryTimeout(limit=limit) from exc
        if status in (400, 414):
            raise QueryError(f"the SPARQL server could not run this query (HTTP {status})") from exc
        raise EngineUnavailable(f"the SPARQL server failed (HTTP {status or '?'})") from exc
    except urllib.error.HTTPError as exc:  # a status SPARQLWrapper does not map (403, 503…)
        log.warning("SPARQL engine answered HTTP %s", exc.code)
        if exc.code in (408, 504):
            raise QueryTimeout(limit=limit) from exc
        if 400 <= exc.code < 500:
            raise QueryError(f"the SPARQL server refused this query (HTTP {exc.code})") from exc
        raise EngineUnavailable(f"the SPARQL server failed (HTTP {exc.code})") from exc
    except (TimeoutError, socket.timeout) as exc:
        raise QueryTimeout(limit=limit) from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (TimeoutError, socket.timeout)):
            raise QueryTimeout(limit=limit) from exc
        log.warning("SPARQL engine unreachable: %s", exc.reason)
        raise EngineUnavailable("the SPARQL server could not be reached") from exc
    except OSError as exc:  # the connection dropped while the answer's headers were read
        raise EngineUnavailable("the SPARQL server could not be reached") from exc
    response = result.response
    # Virtuoso's "anytime" queries answer 200 with what they found before their time ran out
    if response.headers.get("X-SQL-State", "").upper().startswith("S1TAT"):
        response.close()
        raise QueryTimeout(limit=limit)
    return response


def _says_timeout(text: str) -> bool:
    lowered = text.lower()
    return "timeout" in lowered or "timed out" in lowered or "cancelled" in lowered


def _ask_from_rows(solutions) -> ox.QueryBoolean:
    """Virtuoso answers ASK as a one-column SELECT (`__ask_retval` 1, or no row for false)."""
    rows = [tuple(row) for row in solutions]
    value = bool(rows) and all(t is not None and t.value not in ("0", "false") for t in rows[0])
    return ox.parse_query_results('{"head":{},"boolean":%s}' % ("true" if value else "false"),
                                  ox.QueryResultsFormat.JSON)


def _parse(response, graph_form: bool, limit: float):
    media = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    kind, parsed = (ox.RdfFormat, _GRAPH_PARSED) if graph_form else (ox.QueryResultsFormat, _RESULT_PARSED)
    fmt = kind.from_media_type(media) if media else None
    if fmt not in parsed:
        response.close()
        raise EngineUnavailable(f"the SPARQL server answered in an unexpected format ({media or 'none'})")
    try:
        if graph_form:
            return ParsedTriples(response, fmt)
        return ox.parse_query_results(response, fmt)
    except (TimeoutError, socket.timeout) as exc:
        raise QueryTimeout(limit=limit) from exc
    except (SyntaxError, OSError) as exc:
        raise QueryError("the SPARQL server's answer could not be read") from exc


_STAMP_QUERY = f"""
SELECT ?version ?loaded WHERE {{
  GRAPH <{RELEASE_GRAPH}> {{ <{RELEASE}> <{DCTERMS.identifier}> ?version OPTIONAL {{ <{RELEASE}> <{DCTERMS.modified}> ?loaded }} }}
}}"""


def release_stamp(query_url: str, timeout: float = 5.0) -> str:
    """What tells one loaded release from the next: its version and the time it was loaded
    ('' when nothing is loaded). Cheap: the web app asks it every few seconds."""
    rows = RemoteStore(query_url, timeout).query(_STAMP_QUERY, dataset=RELEASE_DATASET).rows
    if not rows:
        return ""
    return " ".join(rows[0][v].value for v in ("version", "loaded") if v in rows[0])
