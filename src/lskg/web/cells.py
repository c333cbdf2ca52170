"""One results-table cell as escaped HTML, built in Python.

A Jinja macro call per cell cost about 30 µs; a 275-row, 20-column table spent 90 ms in
macro calls alone. The markup is the same as the template's was: IRIs as linked labels,
literals as text in the reader's language, numbers right-aligned.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from ..store.base import Term
from .context import _NUMERIC, SiteContext, term_text


def _link_or_label(term: Term, site: SiteContext, lang: str, href) -> str:
    label = escape(site.label(term.value, lang))
    title = escape(term.value)
    target = href(term)
    if target:
        return f'<a href="{escape(target)}" title="{title}">{label}</a>'
    return f'<span title="{title}">{label}</span>'


def cell(term: Term | None, site: SiteContext, lang: str, href) -> Markup:
    """The <td> for one value (href: term -> safe link or None)."""
    if term is None:
        return Markup("<td></td>")
    css = ""
    if term.kind == "iri":
        body = _link_or_label(term, site, lang, href)
    elif term.kind == "bnode":
        body = f"<code>_:{escape(term.value)}</code>"
    elif term.language and term.language.split("-")[0] != lang:
        body = f'<span lang="{escape(term.language)}">{escape(term.value)}</span>'
    else:
        body = str(escape(term_text(term, lang)))
    if term.kind == "literal" and (term.datatype or "").rsplit("#", 1)[-1] in _NUMERIC:
        css = ' class="n"'
    elif len(term.value) > 120:
        css = ' class="long"'
    return Markup(f"<td{css}>{body}</td>")


def row_cells(row: dict, variables: list[str], site: SiteContext, lang: str, href) -> Markup:
    return Markup("".join(cell(row.get(v), site, lang, href) for v in variables))
