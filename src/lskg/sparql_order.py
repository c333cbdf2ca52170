"""ORDER BY rewritten so that Oxigraph sorts with a total order (its sort otherwise aborts the process).

Oxigraph (0.5.13, the embedded library and the server alike) compares two terms of an ORDER BY by
value when SPARQL can compare them, and by their lexical form otherwise. Numbers are compared by
value, a number and a string by text, so `9 < 10`, `10 < "5"` (text) and `"5" < 9` (text): a cycle.
Rust's sort detects it on inputs of more than 20 rows and panics, and the panic aborts the whole
process (`SELECT ?o { VALUES ?o { "5" 1 2 … 20 } } ORDER BY ?o`; the report is in docs/ENGINES.md).
Any data that holds numbers and literals whose text starts with a digit (codes, dates, years) can
meet it through `ORDER BY ?o`.

The rewrite puts a key before each sort condition that parts the literals: all numbers first
(compared by value with one another, which is a total order), then the other literals, datatype by
datatype (each compared with its own kind). IRIs, blank nodes and unbound values have no key (an
error, which sorts lowest) and keep their SPARQL order before the literals. SPARQL leaves the order
of a number and a string to the engine, so every ordering it fixes is kept:

    ORDER BY ?o DESC(?n)   ->   ORDER BY ASC(K(?o)) ?o DESC(K((?n))) DESC(?n)
    K(x) = IF(isNumeric(x), "", STR(DATATYPE(x)))

The rewrite works on tokens (strings, IRIs and comments are skipped whole), so nothing is inserted
inside them; `sparql_guard` parses the rewritten text again and runs it only if it has the same
query with twice as many sort conditions.
"""

from __future__ import annotations

from .sparql_tokens import code_tokens

_ENDS_CLAUSE = {"LIMIT", "OFFSET", "VALUES"}


def _key(expression: str) -> str:
    return f'IF(isNumeric({expression}), "", STR(DATATYPE({expression})))'


def total_order(text: str) -> str:
    """`text` with a sort key before every ORDER BY condition (the text itself if it has none)."""
    tokens, code = code_tokens(text)
    out, done = [], 0
    k = 0
    while k < len(code) - 1:
        first, second = tokens[code[k]], tokens[code[k + 1]]
        if not (first[0] == second[0] == "name" and first[1].upper() == "ORDER" and second[1].upper() == "BY"):
            k += 1
            continue
        k += 2
        while k < len(code):
            end = _condition_end(tokens, code, k)
            if end is None:
                break
            start_token = tokens[code[k]]
            condition = text[start_token[2]:tokens[code[end]][3]]
            word = start_token[1].upper() if start_token[0] == "name" else ""
            if word in ("ASC", "DESC"):
                inner = text[tokens[code[k + 1]][2]:tokens[code[end]][3]]  # "(expression)"
                keyed = f"{word}({_key(inner)}) "
            else:
                keyed = f"ASC({_key(condition)}) "
            out += [text[done:start_token[2]], keyed]
            done = start_token[2]
            k = end + 1
    return "".join(out) + text[done:] if out else text


def _condition_end(tokens, code, k) -> int | None:
    """The index (in `code`) of the last token of the sort condition that starts at `code[k]`, or
    None if no condition starts there (the clause has ended)."""
    kind, value = tokens[code[k]][0], tokens[code[k]][1]
    if kind == "var":
        return k
    if kind == "other" and value == "(":
        return _closing(tokens, code, k)
    if kind in ("name", "iri") and value.upper() not in _ENDS_CLAUSE and k + 1 < len(code):
        nxt = tokens[code[k + 1]]
        if nxt[0] == "other" and nxt[1] == "(":  # ASC(…), DESC(…), a built-in or a function call
            return _closing(tokens, code, k + 1)
    return None


def _closing(tokens, code, k) -> int | None:
    depth = 0
    for j in range(k, len(code)):
        kind, value = tokens[code[j]][0], tokens[code[j]][1]
        if kind == "other" and value == "(":
            depth += 1
        elif kind == "other" and value == ")":
            depth -= 1
            if depth == 0:
                return j
    return None
