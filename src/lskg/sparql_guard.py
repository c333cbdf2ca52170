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
(for the process, once) to what a query of the maximum length needs (`lskg.patches`).

Parsing is pure Python and holds the GIL: some 20 000-character queries (a long `1+1+…` or
`IN (1,1,…)`) take rdflib 10 s or more. The parse is therefore given a budget of CPU time
(`MAX_PARSE_SECONDS`, the thread's own CPU time, so a busy server does not refuse good queries):
pyparsing's per-element parse method is wrapped, once per process, by one that checks the budget
of the thread it runs in (`lskg.patches.parse_budget`; threads with no budget, such as rdflib
parsing elsewhere, are not affected). A query over budget is refused, and so is the same text next
time (refusals are cached).

One parse at a time: pyparsing learns the arity of each parse action on its first call, by trial
and without a lock (`_trim_arity`), so two threads making that first call together can leave it
wrong for the life of the process (every later query using the rule is then a "syntax error").
Every parse with rdflib's SPARQL grammar in this module (the query, and the Update grammar that
tells an Update from a syntax error) holds `_PARSER`; it is the only user of that grammar in a
served process. The budget's clock starts once the lock is held, so a wait is never counted as
parse time, and a caller that charges time (the endpoint's per-client budget) is told of the wait
(`check_query`'s `waiting`). A parse holds the lock for at most its budget.

Characters that no result format can carry are refused after the escapes are expanded: lone
surrogates (the engine cannot even read them) and the C0 controls other than tab, LF and CR, which
XML 1.0 forbids (a `"\u0001"` in a SELECT would otherwise make the XML results ill-formed).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Collection, Iterable
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql.parser import expandUnicodeEscapes, parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from .patches import ParseOverBudget, allow_deep_recursion, parse_budget
from .sparql_order import total_order
from .sparql_tokens import code_tokens

MAX_QUERY_CHARS = 20_000
PARSE_RECURSION_LIMIT = 30_000
MAX_PARSE_SECONDS = 2.0  # CPU seconds; the 350-triple-pattern query of the tests parses in about 0.2 s
# lone surrogates and the C0 controls XML 1.0 forbids (tab, LF and CR are allowed); U+FFFE, U+FFFF
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_NEGATIVE_DECIMAL = re.compile(r"-\d*\.\d+(?![\d.eE])")
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


class QueryTooComplex(Refused):
    pass


@dataclass(frozen=True)
class CheckedQuery:
    text: str  # unicode escapes expanded: the text that was checked and is to be run
    form: str  # select | ask | construct | describe
    graphs: tuple[str, ...]  # the IRIs of its FROM and FROM NAMED clauses
    graph_patterns: bool = False  # whether it reads named graphs (a GRAPH pattern anywhere)


def check_query(text: str, own_graphs: Collection[str], max_chars: int = MAX_QUERY_CHARS,
                waiting: Callable[[], AbstractContextManager] | None = None, base: str | None = None) -> CheckedQuery:
    """The query, checked; raises a `Refused` subclass with a message fit for the client.
    `waiting()`, if given, is entered while this thread waits for another thread's parse. `base`
    is the service's base IRI (the endpoint's URL, as the protocol suggests): relative IRIs are
    resolved against it (the text to run starts with its BASE), else the engine refuses them."""
    if len(text) > max_chars:
        raise QueryTooLong(f"the query has {len(text)} characters; at most {max_chars} are accepted")
    if not text.strip():
        raise QuerySyntaxError("the query is empty")
    _budget.waiting = waiting  # read by _one_parse_at_a_time, below the answer cache
    try:
        checked = _checked(text, base)
    finally:
        _budget.waiting = None
    check_graphs(checked.graphs, own_graphs)
    return checked


def check_saved_query(text: str) -> CheckedQuery:
    """A query lskg itself sends (the saved catalogue, the pages' queries): parses, is no Update and
    has no SERVICE (its dataset, if any, is checked against the store's graphs when it runs). Read
    from the parse tree, once per text (cached), like a query sent to the endpoint."""
    return _checked(text)


def check_graphs(iris: Iterable[str], own_graphs: Collection[str]) -> None:
    foreign = sorted(set(iris) - set(own_graphs))
    if foreign:
        raise DatasetRefused(f"graph(s) not held by this endpoint: {', '.join(foreign)}; "
                             f"FROM, FROM NAMED, default-graph-uri and named-graph-uri may name only "
                             f"the store's own graphs (listed in the service description)")


def refuse_update() -> UpdateRefused:
    return UpdateRefused("this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, "
                         "CREATE, ADD, MOVE, COPY) is refused and was not run")


def _checked(text: str, base: str | None = None) -> CheckedQuery:
    answer = _answer(text, base)
    if isinstance(answer, Refused):
        raise answer.with_traceback(None)  # the cached exception, without the frames of earlier raises
    return answer


@lru_cache(maxsize=512)
def _answer(text: str, base: str | None) -> CheckedQuery | Refused:
    """Parsing is the slow part (tens of ms); the same text always gives the same answer, a
    refusal included (a query refused for taking too long costs its budget once)."""
    try:
        return _check(text, base)
    except Refused as exc:
        return exc


def _check(text: str, base: str | None) -> CheckedQuery:
    if base is not None:
        try:
            base = _resolve(base, None)
        except DatasetRefused:  # no absolute IRI: relative IRIs stay unresolved (the engine refuses them)
            base = None
    allow_deep_recursion(PARSE_RECURSION_LIMIT)
    try:
        expanded = expandUnicodeEscapes(text)
        twice = expandUnicodeEscapes(expanded)
    except ValueError:  # rdflib's chr() of a \U escape above U+10FFFF, the last code point
        raise QuerySyntaxError("a \\U escape names a code point above U+10FFFF, which is no character") from None
    if twice != expanded:
        raise QuerySyntaxError("a \\u escape expands to another \\u escape; write the character itself")
    expanded = expanded.replace("\r\n", "\n").replace("\r", "\n")
    bad = _UNWRITABLE.search(expanded)
    if bad:
        raise QuerySyntaxError(f"the query contains U+{ord(bad.group()):04X} (a control character or a lone "
                               f"surrogate) at character {bad.start()}; it cannot be written in any result format")
    prologue, query = _parsed(expanded)
    if _count(query, "ServiceGraphPattern"):
        raise ServiceRefused("SERVICE (federated query) is not allowed: this endpoint queries only its own graph")
    _check_prefixes(expanded, prologue, query)
    graphs = tuple(_dataset_iris(prologue, query, base))
    run = _totally_ordered(expanded, query)
    if base is not None:
        run = f"BASE <{base}> {run}"  # on the first line: the engine's line numbers stay
    return CheckedQuery(run, _FORMS[query.name], graphs,
                        bool(_count(query, "GraphGraphPattern")))


def _totally_ordered(text: str, query: CompValue) -> str:
    """The text to run: with `sparql_order`'s sort keys if it sorts (Oxigraph aborts on some sorts
    without them). The rewritten text is parsed again and used only if it is the same query form,
    has no SERVICE and twice the sort conditions; else the query runs as it was sent."""
    conditions = _count(query, "OrderCondition")
    if not conditions:
        return text
    rewritten = total_order(text)
    try:
        _prologue, again = _parsed(rewritten)
    except Refused:
        return text
    same = (again.name == query.name and not _count(again, "ServiceGraphPattern")
            and _count(again, "OrderCondition") == 2 * conditions)
    return rewritten if same else text


def _count(query: CompValue, name: str) -> int:
    return sum(1 for node in _nodes(query) if node.name == name)


def _parsed(expanded: str):
    """(prologue, query) of the text, parsed with rdflib's grammar within the parse budget."""
    try:
        with _one_parse_at_a_time(), parse_budget(MAX_PARSE_SECONDS):
            try:
                return parseQuery(_rdflib_reading(expanded))
            except ParseBaseException as exc:
                if _is_update(expanded):
                    raise refuse_update() from None
                raise QuerySyntaxError(f"syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}; "
                                       f"near: {exc.line.strip()[:80]}") from None
    except ParseOverBudget:
        raise QueryTooComplex(f"the query took more than {MAX_PARSE_SECONDS:g} s to parse and was not run; "
                              f"simplify it (long chains of operators or IN lists are the usual cause)") from None
    except RecursionError:
        raise QuerySyntaxError("the query is nested too deeply") from None
    except Refused:
        raise
    except Exception as exc:  # rdflib's parse actions reject some tokens with plain exceptions
        raise QuerySyntaxError(f"syntax error: {exc}") from None


def _check_prefixes(text: str, prologue, query: CompValue) -> None:
    """An undeclared prefix is an error the parser lets through and every engine refuses, each in
    its own words (which name the product); said here, it is the same message on every backend."""
    declared = {decl.prefix or "" for decl in prologue if decl.name == "PrefixDecl"}
    for node in _nodes(query):
        if node.name == "pname" and (node.prefix or "") not in declared:
            prefix = node.prefix or ""
            found = re.search(rf"(?<![\w:.-]){re.escape(prefix)}:", text)
            where = ""
            if found:
                line = text.count("\n", 0, found.start()) + 1
                column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
                where = f" at line {line}, column {column} ({line}:{column})"
            raise QuerySyntaxError(f"undeclared prefix {prefix}:{where}; declare it with PREFIX {prefix}: <…>")


def _rdflib_reading(text: str) -> str:
    """The text as rdflib's grammar reads it right: rdflib fails on a negative decimal (`<a> <b> -1.0`:
    "Not a number", a parse action's error), so it reads `-1.0e0` instead. Only numbers change, so
    what the guard looks for (SERVICE, Update, the dataset) is read from the same structure as the
    engine's; the engine runs the text as it was sent."""
    if not _NEGATIVE_DECIMAL.search(text):  # the usual case: no need to cut the text into tokens
        return text
    tokens, code = code_tokens(text)
    out, done = [], 0
    for i in code:
        kind, value, _start, end = tokens[i]
        if kind == "number" and _NEGATIVE_DECIMAL.fullmatch(value):
            out += [text[done:end], "e0"]
            done = end
    return "".join(out) + text[done:] if out else text


def _is_update(text: str) -> bool:
    try:
        parseUpdate(_rdflib_reading(text))
    except ParseOverBudget:
        raise
    except Exception:
        return False
    return True


# -- one parse at a time -----------------------------------------------------------------------

_budget = threading.local()  # the caller's `waiting`, for the time it waits for the parser
_PARSER = threading.Lock()  # one parse with rdflib's grammar at a time (see the module's docstring)


@contextmanager
def _one_parse_at_a_time():
    waiting = getattr(_budget, "waiting", None)
    with waiting() if waiting else nullcontext():
        _PARSER.acquire()
    try:
        yield
    finally:
        _PARSER.release()


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


def _dataset_iris(prologue, query: CompValue, base: str | None) -> list[str]:
    if not query.datasetClause:  # the prologue matters only to a dataset clause
        return []
    prefixes = {}
    for decl in prologue or []:
        if decl.name == "Base":
            base = _resolve(str(decl.iri), base)
        elif decl.name == "PrefixDecl":
            prefixes[decl.prefix or ""] = _resolve(str(decl.iri), base)
    iris = []
    for clause in query.datasetClause or []:  # CompValue attributes are None when absent
        iri = clause.default if clause.default is not None else clause.named
        if isinstance(iri, CompValue):  # a prefixed name
            prefix = iri.prefix or ""
            if prefix not in prefixes:
                raise DatasetRefused(f"undeclared prefix {prefix}: in a FROM clause")
            iris.append(prefixes[prefix] + (iri.localname or ""))
        else:
            iris.append(_resolve(str(iri), base))
    return iris


def _resolve(iri: str, base: str | None) -> str:
    """The IRI as the engine resolves it against `base`: by Oxigraph's own IRI parser (through a
    one-triple Turtle document), strictly as RFC 3986 says. Python's `urljoin` differs where it
    matters: it reads `https:curated` as relative (RFC 3986: absolute, path `curated`) and drops an
    empty query or fragment (`curated?`, `#`), so a guard using it approved one graph while the
    engine read another. An IRI with no base to resolve it against, or none valid, is refused."""
    try:
        triple = next(iter(ox.parse(f"<{iri}> <urn:x> <urn:x> .".encode(), ox.RdfFormat.TURTLE, base_iri=base)))
    except (SyntaxError, ValueError, StopIteration):
        raise DatasetRefused(f"a BASE, PREFIX, FROM or FROM NAMED IRI could not be resolved: <{iri}>"
                             + (f" against <{base}>" if base else " (no BASE)")) from None
    return triple.subject.value
