"""Cheap limits on a SPARQL query's text, checked before anything parses it.

Parsers recurse once per nesting level: Oxigraph overflows its stack (and ends the process) on a
query nested about 3000 levels deep, and rdflib's grammar needs a deep Python stack too. So `/sparql`
refuses, before parsing:

- a query longer than `max_chars` characters (413, as `sparql_guard` would);
- a query nested more than `max_depth` levels: `{`, `(` and `[` still open at once, counted outside
  strings and comments. Real queries stay under about 10 (the saved ones under 10); the default of
  64 is far from the crash and from any real use.

The count reads the query as the engine does: `\\uXXXX` escapes are expanded first (the grammar
expands them before anything else, so `\\u007B` is a brace), and the deepest of the raw and the
expanded text counts. Strings (`'…'`, `"…"`, `'''…'''`, `\"\"\"…\"\"\"`) and comments (`#` to the end
of the line) are skipped. An IRI (`<…>`) is a token too, so that a `#` or a quote inside it is not
read as a comment or a string; the brackets inside one are still counted, since a `<` may also be
the less-than operator: whichever way a parser reads it, the count is never lower than its depth.
"""

from __future__ import annotations

import re

from .sparql_guard import MAX_QUERY_CHARS, QueryTooLong, Refused

MAX_DEPTH = 64


class QueryTooDeep(Refused):
    status = 400


_TOKENS = re.compile(r"""
    (?P<long1>'{3}[^'\\]*+(?:(?:\\.|'(?!''))[^'\\]*+)*+'{3})
  | (?P<long2>"{3}[^"\\]*+(?:(?:\\.|"(?!""))[^"\\]*+)*+"{3})
  | (?P<short1>'[^'\\\n\r]*+(?:\\.[^'\\\n\r]*+)*+')
  | (?P<short2>"[^"\\\n\r]*+(?:\\.[^"\\\n\r]*+)*+")
  | (?P<comment>\#[^\n\r]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<open>[{(\[])
  | (?P<close>[})\]])
  | [^'"#<{}()\[\]]+
  | .
""", re.VERBOSE | re.DOTALL)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_IRI_BRACKETS = re.compile(r"[()\[\]]")


def nesting_depth(text: str) -> int:
    """The deepest nesting of `{`, `(` and `[` outside strings and comments."""
    depth = deepest = 0
    for m in _TOKENS.finditer(text):
        kind = m.lastgroup
        if kind == "open":
            depth += 1
            if depth > deepest:
                deepest = depth
        elif kind == "close":
            depth = max(depth - 1, 0)
        elif kind == "iri":
            for b in _IRI_BRACKETS.findall(m.group()):
                if b in "([":
                    depth += 1
                    deepest = max(deepest, depth)
                else:
                    depth = max(depth - 1, 0)
    return deepest


def expand_escapes(text: str) -> str:
    """`\\uXXXX` and `\\UXXXXXXXX` as the characters they stand for (invalid ones left as they are)."""

    def char(m: re.Match) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else m.group()

    return _ESCAPE.sub(char, text) if "\\" in text else text


def check_limits(text: str, max_chars: int = MAX_QUERY_CHARS, max_depth: int = MAX_DEPTH) -> None:
    """Raise `QueryTooLong` (413) or `QueryTooDeep` (400) with a message for the client."""
    if len(text) > max_chars:
        raise QueryTooLong(f"the query has {len(text)} characters; at most {max_chars} are accepted")
    expanded = expand_escapes(text)
    depth = max(nesting_depth(text), nesting_depth(expanded) if expanded is not text else 0)
    if depth > max_depth:
        raise QueryTooDeep(f"the query is nested {depth} levels deep (braces, parentheses and brackets "
                           f"open at once); at most {max_depth} are accepted")
