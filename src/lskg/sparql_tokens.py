"""SPARQL text cut into tokens, enough to find keywords and brackets outside strings, IRIs and
comments (`sparql_order`'s sort keys, `sparql_guard`'s reading for rdflib). Not a parser: what a
token means is for the grammar; the guard parses every text it lets through."""

from __future__ import annotations

import re

# one token at a time; strings, IRIs and comments first, since they can hold anything
_TOKEN = re.compile(r"""
      (?P<comment>\#[^\n]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                 |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<number>(?<![\w.])[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
    | (?P<var>[?$][^\W]+)
    | (?P<name>(?:[^\W\d]|_)[\w.\-]*(?::[\w.\-:%\\]*)?|:[\w.\-:%\\]*)
    | (?P<space>\s+)
    | (?P<other>.)
""", re.VERBOSE | re.DOTALL)


def code_tokens(text: str) -> tuple[list[tuple[str, str, int, int]], list[int]]:
    """Every token as (kind, text, start, end), and the indexes of those that are code (not
    comments or white space)."""
    tokens = [(m.lastgroup, m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    return tokens, [i for i, t in enumerate(tokens) if t[0] not in ("comment", "space")]
