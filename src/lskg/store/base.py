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


class GraphStore(Protocol):
    def select(self, query: str, bindings: dict[str, Term] | None = None, limit: int | None = None) -> SelectResult: ...

    def ask(self, query: str, bindings: dict[str, Term] | None = None) -> bool: ...

    def construct(self, query: str, bindings: dict[str, Term] | None = None) -> bytes: ...

    def triple_count(self) -> int: ...
