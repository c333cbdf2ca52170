"""What the entity, source and search pages need to name things in the reader's language and to
link them so the reader stays in it (?lang=en).

A Reader is made once per request and handed to templates as `r`: a long page names things
hundreds of times, and asking Flask's request proxies each time would cost more than the
names themselves. For the same reason the markup repeated on every row (a linked name, a value,
the ¶ marks that point to sentences) is made here in Python: as Jinja macros those three were
a third of an entity page's rendering time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from flask import g
from flask.blueprints import BlueprintSetupState
from markupsafe import Markup

from .context import SiteContext, current_lang, current_site, term_text
from .description import Quote
from .evidence import quote_anchor
from .i18n import with_lang
from .kinds import kind_name
from .naming import display_name, property_name, unit_text


@dataclass
class Reader:
    site: SiteContext
    lang: str
    # names the page itself gives to nodes without a label (a project's association with a body: that
    # body and its role), so no IRI path is shown for them
    names: dict[str, str] = field(default_factory=dict)

    def with_lang(self, href: str | None) -> str | None:
        return with_lang(href, self.lang)

    def link(self, iri: str) -> str | None:
        """Never a javascript: or data: link: SiteContext.href only returns our paths and http(s)."""
        return self.with_lang(self.site.href(iri))

    def name(self, iri: str) -> str:
        return display_name(self.site, iri, self.lang)

    def ref(self, iri: str) -> Markup:
        """The name linked to its page (or to the IRI itself, if http(s)), else the name alone;
        the same for every page of the release, so made once (`SiteContext.remember`). A node the page
        names (`names`) is that name as text: its own page would show readers only its parts."""
        if iri in self.names:
            return Markup(f'<span class="node">{escape(self.names[iri])}</span>')
        return self.site.remember(("ref", iri, self.lang), lambda: self._ref(iri))

    def _ref(self, iri: str) -> Markup:
        name, href = escape(self.name(iri)), self.link(iri)
        if href:
            return Markup(f'<a href="{escape(href)}">{name}</a>')
        return Markup(f'<span class="iri">{name}</span>')

    def term(self, term) -> Markup:
        """An RDF term on a page: an IRI as `ref`, a literal as text in the reader's language."""
        if term.kind == "iri":
            return self.ref(term.value)
        lang = f' lang="{escape(term.language)}"' if term.language else ""
        return Markup(f'<span class="literal"{lang}>{escape(self.text(term))}</span>')

    def cites(self, quotes: list[Quote]) -> Markup:
        """A ¶ per sentence a fact comes from, each pointing to it in the page's Sources panel."""
        return Markup("".join(f' <a class="cite" href="#{escape(quote_anchor(q))}" title="{escape(q.snippet)}">¶</a>'
                              for q in quotes))

    def prop(self, iri: str, incoming: bool = False) -> str:
        return property_name(self.site, iri, self.lang, incoming)

    def text(self, term) -> str:
        """A literal as the reader reads it (Vietnamese numbers and dates unless ?lang=en)."""
        return term_text(term, self.lang)

    def unit(self, unit: str | None, mult: str | None) -> str:
        return unit_text(self.site, unit, mult, self.lang)

    def source_link(self, quote: Quote) -> str:
        return self.with_lang(quote.href)

    def short(self, key: str) -> str:
        """A source by its corpus number ('004'), else its key."""
        return self.site.sources_by_key.get(key, {}).get("file", "").split("_", 1)[0] or key

    def kind(self, kind: str) -> str:
        return kind_name(kind, self.lang)

    anchor = staticmethod(quote_anchor)


def reader() -> Reader:
    """The request's Reader (made on first use)."""
    if "lskg_reader" not in g:
        g.lskg_reader = Reader(current_site(), current_lang())
    return g.lskg_reader


def install_page_helpers(state: BlueprintSetupState) -> None:
    state.app.jinja_env.globals.update(reader=reader)
