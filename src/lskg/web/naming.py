"""How an IRI, a property or a figure's unit is named on a page, in the reader's language."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..vocab import ID, curie
from .context import SiteContext
from .term_labels import inverse_label, term_label

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


def unit_name(label: Callable[[str], str], unit: str | None, mult: str | None) -> str:
    """'triệu đồng' / 'million VND' from uom:vnd and sdmx-code:unitMult-6 (`label` names an IRI in the
    reader's language): the multiplier's scale word (ontology/codelists/unit-mult.ttl), then the
    unit by the symbol in parentheses its label ends in ('Đồng Việt Nam (đồng)', 'US dollar (USD)'),
    kept as written, else by its label, lower-cased after a scale word ('nghìn Tấn' reads 'nghìn tấn')."""
    name, symbol = "", None
    if unit:
        full = label(unit)
        symbol = _SYMBOL.search(full)
        name = symbol.group(1) if symbol else full
    if not mult:
        return name
    if not symbol:
        name = f"{name[:1].lower()}{name[1:]}"
    return f"{label(mult)} {name}".strip()


def unit_text(site: SiteContext, unit: str | None, mult: str | None, lang: str) -> str:
    return unit_name(lambda iri: site.label(iri, lang), unit, mult)
