"""Template functions shared by the entity, source and search pages: names in the reader's
language and links that keep it (?lang=en)."""

from __future__ import annotations

from flask.blueprints import BlueprintSetupState

from .context import current_lang, current_site
from .description import Quote
from .evidence import quote_anchor
from .kinds import kind_name
from .naming import display_name, property_name, unit_text


def tr(vi: str, en: str) -> str:
    return vi if current_lang() == "vi" else en


def with_lang(href: str | None) -> str | None:
    """Our own links carry ?lang=en so a reader stays in English; fragments stay last."""
    if not href or not href.startswith("/") or current_lang() == "vi":
        return href
    path, hash_, fragment = href.partition("#")
    return path + ("&" if "?" in path else "?") + "lang=en" + hash_ + fragment


def link_to(iri: str) -> str | None:
    return with_lang(current_site().href(iri))


def name_of(iri: str) -> str:
    return display_name(current_site(), iri, current_lang())


def prop_name(iri: str, incoming: bool = False) -> str:
    return property_name(current_site(), iri, current_lang(), incoming)


def unit_of(unit: str | None, mult: str | None) -> str:
    return unit_text(current_site(), unit, mult, current_lang())


def source_link(quote: Quote) -> str:
    return with_lang(quote.href)


def source_short(key: str) -> str:
    """A source by its corpus number ('004'), falling back to its key."""
    for source in current_site().summary.get("sources", []):
        if source.get("key") == key:
            return source.get("file", key).split("_", 1)[0]
    return key


def kind_label(kind: str) -> str:
    return kind_name(kind, current_lang())


def install_page_helpers(state: BlueprintSetupState) -> None:
    state.app.jinja_env.globals.update(
        tr=tr, with_lang=with_lang, link_to=link_to, name_of=name_of, prop_name=prop_name, unit_of=unit_of,
        source_link=source_link, source_short=source_short, quote_anchor=quote_anchor, kind_label=kind_label)
