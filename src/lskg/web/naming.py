"""How an IRI, a property or a figure's unit is named on a page, in the reader's language."""

from __future__ import annotations

import re

from ..vocab import ID, curie
from .context import SiteContext
from .term_labels import inverse_label, term_label

_SCALE = {"3": ("nghìn", "thousand"), "6": ("triệu", "million"), "9": ("tỷ", "billion"),
          "12": ("nghìn tỷ", "trillion")}
_SYMBOL = re.compile(r"\(([^()]{1,12})\)\s*$")


def display_name(site: SiteContext, iri: str, lang: str) -> str:
    """A label in `lang` (then the other language), else the table of reused terms, else the
    IRI's path under /id/ (an observation's path says what it is), else a CURIE."""
    found = term_label(site.labels, iri, lang)
    if found:
        return found
    if iri.startswith(str(ID)):
        return iri[len(str(ID)):]
    return curie(iri)


def property_name(site: SiteContext, iri: str, lang: str, incoming: bool = False) -> str:
    if incoming:
        return inverse_label(site.labels, iri, lang)
    return term_label(site.labels, iri, lang) or curie(iri)


def unit_text(site: SiteContext, unit: str | None, mult: str | None, lang: str) -> str:
    """'tỷ đồng Việt Nam' from uom:vnd and unitMult-9; a unit whose label ends in a symbol in
    parentheses ('Ki-lô-mét (km)') is shown by the symbol."""
    name = ""
    if unit:
        label = site.label(unit, lang)
        symbol = _SYMBOL.search(label)
        name = symbol.group(1) if symbol else label
    scale = _SCALE.get(mult.rsplit("-", 1)[-1]) if mult else None
    if not scale:
        return name
    word = scale[0] if lang == "vi" else scale[1]
    return f"{word} {name[:1].lower()}{name[1:]}".strip()
