"""Backend-neutral query results and the store protocol."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


class QueryError(Exception):
    """A query the engine refused (syntax error, unsupported feature)."""


class QueryTimeout(QueryError):
    pass


@dataclass(frozen=True)
class Term:
    """An RDF term as plain data: kind is 'iri', 'literal' or 'bnode'."""

    kind: str
    value: str
    datatype: str | None = None
    language: str | None = None

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


@dataclass
class SelectResult:
    variables: list[str]
    rows: list[dict[str, Term]] = field(default_factory=list)
    truncated: bool = False


@dataclass(frozen=True)
class Dataset:
    """The RDF dataset a SPARQL Protocol request names (`default-graph-uri`, `named-graph-uri`).

    Empty: the store's own default graph and all its named graphs."""

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass
class Serialized:
    """A query result already written in a wire format, at most `limit` rows or triples."""

    body: bytes
    truncated: bool = False


# Wire formats by neutral name: a remote backend asks its endpoint for the same ones.
RESULT_FORMATS = ("json", "xml", "csv", "tsv")  # SELECT and ASK
GRAPH_FORMATS = ("turtle", "ntriples", "jsonld", "rdfxml")  # CONSTRUCT and DESCRIBE


class GraphStore(Protocol):
    def select(self, query: str, bindings: dict[str, Term] | None = None, limit: int | None = None,
               dataset: Dataset | None = None, timeout: float | None = None) -> SelectResult: ...

    def ask(self, query: str, bindings: dict[str, Term] | None = None, dataset: Dataset | None = None) -> bool: ...

    def construct(self, query: str, bindings: dict[str, Term] | None = None) -> bytes: ...

    def triples(self, query: str, limit: int | None = None, dataset: Dataset | None = None,
                timeout: float | None = None) -> SelectResult:
        """CONSTRUCT/DESCRIBE results as rows with the variables subject, predicate, object."""
        ...

    def serialize(self, query: str, fmt: str, limit: int | None = None, dataset: Dataset | None = None,
                  timeout: float | None = None) -> Serialized:
        """Any query form written in `fmt` (RESULT_FORMATS for SELECT/ASK, GRAPH_FORMATS for
        CONSTRUCT/DESCRIBE), cut after `limit` rows or triples. Raises QueryError, QueryTimeout."""
        ...

    def named_graphs(self) -> list[str]: ...

    def triple_count(self) -> int: ...
