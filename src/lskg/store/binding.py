"""Parameter values bound into a query as RDF terms, the same way on every backend.

The SPARQL Protocol has no way to send bindings beside a query (pyoxigraph's `substitutions` has no
wire equivalent), so a query carries its values in an inline `VALUES` block placed first in its
`WHERE` groups: the engine joins it before anything else, as a pre-bound variable. The embedded
store binds the same way: Oxigraph answers such a query up to twice as fast as with `substitutions`. The
values are never spliced as text: each is written by pyoxigraph's term serialiser, which checks an
IRI and escapes a literal (`x" || true || "` stays one string literal), and the block goes at a
place found by reading the query's tokens, so braces inside strings, IRIs or comments are skipped.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .base import QueryError, Term
from .results import from_term

# One token of SPARQL text, enough to tell structure from strings, IRIs, comments and names.
# IRIREF excludes spaces, so `?a < ?b` is an operator, not an IRI.
_TOKEN = re.compile(r'''
    (?P<comment>\#[^\n\r]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
               |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<name>[?$]?[\w-]*:[\w.:%-]*|[?$]\w+|\w+)
  | (?P<open>\{) | (?P<close>\}) | (?P<lparen>\() | (?P<rparen>\))
  | (?P<other>.)
''', re.S | re.X)
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@lru_cache(maxsize=512)  # the saved and page queries, bound again and again: read once each
def where_group_starts(query: str) -> tuple[int, ...]:
    """Offsets just after the `{` of every WHERE group: the query's and each sub-query's.

    pyoxigraph's substitution binds a variable everywhere, sub-queries included (a sub-query with
    LIMIT must see the entity the page is about), so the VALUES block goes into each; where a
    group does not use the variable, one row with one extra column changes nothing. A SELECT or
    ASK may leave the keyword out: then its group is the first `{` outside parentheses (a
    CONSTRUCT template or an expression's EXISTS is not it)."""
    depth = parens = 0
    starts: list[int] = []
    first_group = None
    after_where = False
    for m in _TOKEN.finditer(query):
        kind = m.lastgroup
        if kind == "open":
            if after_where:
                starts.append(m.end())
                after_where = False
            elif depth == 0 and parens == 0 and first_group is None:
                first_group = m.end()
            depth += 1
        elif kind == "close":
            depth -= 1
        elif kind == "lparen":
            parens += 1
        elif kind == "rparen":
            parens -= 1
        elif kind == "name" and m.group().upper() == "WHERE":
            after_where = True
        elif kind == "name" and depth == 0 and m.group().upper() == "CONSTRUCT":
            first_group = -1  # the first group is the template; only WHERE leads to the pattern
    if not starts and (first_group is None or first_group < 0):
        raise QueryError("parameters can only be bound in a query with a WHERE group")
    return tuple(starts) or (first_group,)


def values_block(bindings: dict[str, Term]) -> str:
    names, terms = [], []
    for name, term in bindings.items():
        if not _VARIABLE.fullmatch(name):
            raise QueryError(f"not a variable name: {name!r}")
        if term.kind == "bnode":
            raise QueryError("a blank node cannot be bound as a parameter")
        try:
            terms.append(str(from_term(term)))  # N-Triples syntax, escaped and checked by Oxigraph
        except ValueError as exc:
            raise QueryError(f"not a valid RDF term for ?{name}: {exc}") from exc
        names.append("?" + name)
    return f" VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }} "


def bind_values(query: str, bindings: dict[str, Term] | None) -> str:
    """`query` with `bindings` as a VALUES block at the start of its WHERE groups."""
    if not bindings:
        return query
    block = values_block(bindings)
    parts, last = [], 0
    for at in where_group_starts(query):
        parts += [query[last:at], block]
        last = at
    return "".join(parts) + query[last:]
