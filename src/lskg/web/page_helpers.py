"""What the entity, source and search pages need to name things in the reader's language and to
link them so the reader stays in it (?lang=en).

A Reader is made once per request and handed to templates as `r`: a long page names things
hundreds of times, and asking Flask's request proxies each time would cost more than the
names themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import g
from flask.blueprints import BlueprintSetupState

from .context import SiteContext, current_lang, current_site, term_text
from .description import Quote
from .evidence import quote_anchor
from .kinds import kind_name
from .naming import display_name, property_name, unit_text


@dataclass
class Reader:
    site: SiteContext
    lang: str
    _files: dict[str, str] = field(default_factory=dict)

    def tr(self, vi: str, en: str) -> str:
        return vi if self.lang == "vi" else en

    def with_lang(self, href: str | None) -> str | None:
        """Our own links carry ?lang=en; a fragment stays last."""
        if not href or self.lang == "vi" or not href.startswith("/"):
            return href
        path, hash_, fragment = href.partition("#")
        return path + ("&" if "?" in path else "?") + "lang=en" + hash_ + fragment

    def link(self, iri: str) -> str | None:
        """Never a javascript: or data: link: SiteContext.href only returns our paths and http(s)."""
        return self.with_lang(self.site.href(iri))

    def name(self, iri: str) -> str:
        return display_name(self.site, iri, self.lang)

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
        if not self._files:
            self._files = {s.get("key"): s.get("file", "") for s in self.site.summary.get("sources", [])}
        return self._files.get(key, "").split("_", 1)[0] or key

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
