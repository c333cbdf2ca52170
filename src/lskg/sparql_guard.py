"""What a public, read-only SPARQL endpoint lets through, decided on the parsed query.

The query is parsed with rdflib's SPARQL 1.1 grammar and the parse tree is inspected: a search
in the text would be fooled by comments, strings and `\\u` escapes. Refused, before anything runs:
queries longer than the cap, SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE…),
`SERVICE` in any form (IRI, variable, SILENT, inside sub-queries, EXISTS or OPTIONAL) and a
dataset (`FROM`, `FROM NAMED`, `default-graph-uri`, `named-graph-uri`) naming graphs the store
does not hold.

The checker and the engine must read the same tokens. So unicode escapes are expanded first (as
the grammar says) and the expanded text is what runs; escapes that expand to further escapes are
refused (rdflib would expand twice); carriage returns become line feeds, since Oxigraph ends a
`#` comment at CR and rdflib does not (a comment could otherwise hide a SERVICE from the checker).

rdflib's grammar recurses once per triple pattern and nesting level; with Python's default
recursion limit a query of about 80 triple patterns would fail to parse, so the limit is raised
(for the process, once) to what a query of the maximum length needs.
"""

from __future__ import annotations

import sys
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin

from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql.parser import expandUnicodeEscapes, parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

MAX_QUERY_CHARS = 20_000
PARSE_RECURSION_LIMIT = 30_000

_FORMS = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "construct",
          "DescribeQuery": "describe"}


class Refused(Exception):
    """A request the endpoint will not run; `status` is the HTTP status to answer with."""

    status = 400


class QueryTooLong(Refused):
    status = 413


class QuerySyntaxError(Refused):
    pass


class UpdateRefused(Refused):
    status = 403


class ServiceRefused(Refused):
    pass


class DatasetRefused(Refused):
    pass


@dataclass(frozen=True)
class CheckedQuery:
    text: str  # unicode escapes expanded: the text that was checked and is to be run
    form: str  # select | ask | construct | describe
    graphs: tuple[str, ...]  # the IRIs of its FROM and FROM NAMED clauses


def check_query(text: str, own_graphs: Collection[str], max_chars: int = MAX_QUERY_CHARS) -> CheckedQuery:
    """The query, checked; raises a `Refused` subclass with a message fit for the client."""
    if len(text) > max_chars:
        raise QueryTooLong(f"the query has {len(text)} characters; at most {max_chars} are accepted")
    if not text.strip():
        raise QuerySyntaxError("the query is empty")
    checked = _checked(text)
    check_graphs(checked.graphs, own_graphs)
    return checked


def check_graphs(iris: Iterable[str], own_graphs: Collection[str]) -> None:
    foreign = sorted(set(iris) - set(own_graphs))
    if foreign:
        raise DatasetRefused(f"graph(s) not held by this endpoint: {', '.join(foreign)}; "
                             f"FROM, FROM NAMED, default-graph-uri and named-graph-uri may name only "
                             f"the store's own graphs (listed in the service description)")


def refuse_update() -> UpdateRefused:
    return UpdateRefused("this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, "
                         "CREATE, ADD, MOVE, COPY) is refused and was not run")


@lru_cache(maxsize=512)
def _checked(text: str) -> CheckedQuery:
    """Parsing is the slow part (tens of ms); the same text always gives the same answer."""
    if sys.getrecursionlimit() < PARSE_RECURSION_LIMIT:
        sys.setrecursionlimit(PARSE_RECURSION_LIMIT)
    expanded = expandUnicodeEscapes(text)
    if expandUnicodeEscapes(expanded) != expanded:
        raise QuerySyntaxError("a \\u escape expands to another \\u escape; write the character itself")
    expanded = expanded.replace("\r\n", "\n").replace("\r", "\n")
    try:
        prologue, query = parseQuery(expanded)
    except ParseBaseException as exc:
        if _is_update(expanded):
            raise refuse_update() from None
        raise QuerySyntaxError(f"syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}; "
                               f"near: {exc.line.strip()[:80]}") from None
    except RecursionError:
        raise QuerySyntaxError("the query is nested too deeply") from None
    except Exception as exc:  # rdflib's parse actions reject some tokens with plain exceptions
        raise QuerySyntaxError(f"syntax error: {exc}") from None
    if any(node.name == "ServiceGraphPattern" for node in _nodes(query)):
        raise ServiceRefused("SERVICE (federated query) is not allowed: this endpoint queries only its own graph")
    return CheckedQuery(expanded, _FORMS[query.name], tuple(_dataset_iris(prologue, query)))


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except Exception:
        return False
    return True


def _nodes(tree) -> Iterable[CompValue]:
    """Every grammar node in a parse tree, sub-queries and expressions included."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node
            stack.extend(node.values())
        elif isinstance(node, ParseResults):
            stack.extend(node)
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)):
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(node.values())


def _dataset_iris(prologue, query: CompValue) -> list[str]:
    base, prefixes = "", {}
    for decl in prologue or []:
        if decl.name == "Base":
            base = urljoin(base, str(decl.iri))
        elif decl.name == "PrefixDecl":
            prefixes[decl.prefix or ""] = urljoin(base, str(decl.iri))
    iris = []
    for clause in query.datasetClause or []:  # CompValue attributes are None when absent
        iri = clause.default if clause.default is not None else clause.named
        if isinstance(iri, CompValue):  # a prefixed name
            prefix = iri.prefix or ""
            if prefix not in prefixes:
                raise DatasetRefused(f"undeclared prefix {prefix}: in a FROM clause")
            iris.append(prefixes[prefix] + (iri.localname or ""))
        else:
            iris.append(urljoin(base, str(iri)))
    return iris
