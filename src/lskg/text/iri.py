"""Is a string an IRI the graph engine accepts?

Text that reaches the engine as an IRI (an entity path, a saved-query parameter, a catalogue
URL) is checked here first, so a bad one is a 404 or a 400 with a message, never an engine
error (a 500). The check is Oxigraph's own RFC 3987 parser, so checker and engine agree; on
top of it, the characters that could end an IRI in SPARQL or Turtle text (`<>"{}|\\^``) and
whitespace and controls are refused even where a lenient parser would let them through.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

_UNSAFE = re.compile(r'[\x00-\x20\x7f-\x9f<>"{}|\\^`\ud800-\udfff]')


def is_valid_iri(iri: str, schemes: tuple[str, ...] | None = None) -> bool:
    """An absolute IRI the engine accepts, with none of the characters that could end it early;
    with `schemes`, also one of those schemes ("http", "https")."""
    if not iri or len(iri) > 4096 or _UNSAFE.search(iri):
        return False
    if schemes is not None and iri.split(":", 1)[0].lower() not in schemes:
        return False
    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return True
