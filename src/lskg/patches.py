"""Everything lskg does to, or borrows from, a library's private internals, in one place.

Each entry names what it relies on; tests/unit/test_patches.py checks that the internal is still there
with the signature used and that the patch still does its job, so an upgrade that moves one fails
there, by name, rather than as a wrong file or a gate that no longer holds.

- rdflib: `_nq_row`, the line its N-Quads serializer writes for a quad (dataset.nq is those lines,
  sorted: `nquads_line`).
- pyparsing: `ParserElement._parse`, wrapped with a CPU budget per thread (`parse_budget`), so that
  the SPARQL gate can give up a parse that takes too long.
- Python, for rdflib's SPARQL grammar: the recursion limit, raised for the process
  (`allow_deep_recursion`).
- rdflib and pyshacl: `Graph.query` overridden so that each SPARQL text pyshacl sends is parsed
  once (`PreparedQueryGraph`).
"""

from __future__ import annotations

import sys
import threading
import time
from functools import lru_cache

from pyparsing import ParserElement
from rdflib import Graph
from rdflib.plugins.serializers.nquads import _nq_row  # rdflib is pinned (pyproject.toml)
from rdflib.plugins.sparql import prepareQuery

# -- rdflib: the N-Quads line ------------------------------------------------------------------


def nquads_line(triple, graph_name) -> str:
    """The line rdflib's N-Quads writer writes for `triple` in the graph `graph_name`, "\\n" included."""
    return _nq_row(triple, graph_name)


# -- pyparsing: a CPU budget per parse -----------------------------------------------------------


class ParseOverBudget(Exception):
    """Raised inside pyparsing when the parsing thread has used up its CPU budget (not a
    ParseBaseException, so no alternative in the grammar catches it)."""


_budget = threading.local()
_install_lock = threading.Lock()
_CHECK_EVERY = 255  # element parses between two clock readings (a reading costs about 0.1 µs)


class parse_budget:
    """`with parse_budget(seconds):` every pyparsing parse in this thread raises `ParseOverBudget`
    once the thread has used `seconds` of CPU time (its own, so a busy process does not shorten
    it). Parses in other threads are not affected."""

    def __init__(self, seconds: float):
        self.seconds = seconds

    def __enter__(self):
        _install_budget_hook()
        _budget.deadline = time.thread_time() + self.seconds
        _budget.calls = 0

    def __exit__(self, *exc):
        _budget.deadline = None
        return False


def _install_budget_hook() -> None:
    """Wrap `ParserElement._parse` (the method pyparsing itself swaps to turn packrat parsing on
    and off) with one that checks the calling thread's budget every few hundred element parses;
    once per process."""
    if getattr(ParserElement._parse, "_lskg_budget", False):
        return
    with _install_lock:
        inner = ParserElement._parse
        if getattr(inner, "_lskg_budget", False):
            return

        def _parse(self, instring, loc, do_actions=True, callPreParse=True):
            deadline = getattr(_budget, "deadline", None)
            if deadline is not None:
                _budget.calls += 1
                if not _budget.calls & _CHECK_EVERY and time.thread_time() > deadline:
                    raise ParseOverBudget
            return inner(self, instring, loc, do_actions, callPreParse)

        _parse._lskg_budget = True
        _parse.__wrapped__ = inner
        ParserElement._parse = _parse


# -- rdflib's SPARQL grammar: the recursion limit ------------------------------------------------


def allow_deep_recursion(limit: int) -> None:
    """rdflib's SPARQL grammar recurses once per triple pattern and nesting level: with Python's
    default limit a query of about 80 triple patterns fails to parse. The limit is raised for the
    whole process, never lowered."""
    if sys.getrecursionlimit() < limit:
        sys.setrecursionlimit(limit)


# -- pyshacl: SPARQL parsed once -----------------------------------------------------------------


@lru_cache(maxsize=256)
def _prepared(query: str, namespaces: frozenset):
    return prepareQuery(query, initNs=dict(namespaces))


class PreparedQueryGraph(Graph):
    """pyshacl hands each SPARQL target and constraint to `query` as text, which rdflib parses again
    on every call: a third of a small graph's validation time. Here each text is parsed once, with
    the namespaces rdflib would have given it."""

    def query(self, query_object, processor="sparql", result="sparql", initNs=None, *args, **kwargs):  # noqa: N803
        if isinstance(query_object, str) and initNs is None:
            query_object = _prepared(query_object, frozenset(self.namespaces()))
        return super().query(query_object, processor, result, initNs, *args, **kwargs)
