"""Entity pages: every IRI the graph mints is dereferenceable (/id/…, /def/…, /resource?iri=…).

Browsers get a page: links out and in grouped by property, the figures, a section for what
the thing is (project, document, organisation …), the sentence behind every fact, conflicts
between sources, and the SHACL results about it. Other clients get the same description as
RDF (Accept or ?format=); every answer varies on Accept.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import partial
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, render_template, request
from rdflib.namespace import PROV, RDF, SKOS

from ..store.base import Term
from ..vocab import BASE, ID, IND, LSKG
from .context import SiteContext, current_site
from .description import Description, Link, describe
from .entity_sections import section_for
from .evidence import evidence_by_source
from .kinds import kind_of
from .linked_data import DESCRIBED, content_type, description_rdf, is_safe_iri, wanted_format
from .memo import recall, remembered
from .naming import display_name, property_name
from .page_helpers import install_page_helpers, reader
from .queries_view import indicator_series

bp = Blueprint("entities", __name__)
bp.record_once(install_page_helpers)
# labels and language are applied when a page is drawn; the description itself is remembered
bp.record_once(remembered("lskg.describe", lambda app: partial(describe, app.extensions["lskg"].store)))

# Shown in the page header, not again in the link lists.
_HEADER = {str(RDF.type), str(SKOS.prefLabel), str(SKOS.altLabel), str(LSKG.localLabel)}
_ALIASES = (str(SKOS.altLabel), str(LSKG.localLabel))
# The builder's notes on a code-list concept (the cue phrases it matches, how it reads a figure):
# kept in the RDF twins, not shown to readers.
_BUILDER_NOTES = {str(SKOS.hiddenLabel), str(LSKG.indicatorType), str(LSKG.unitMultiplier)}
GROUP_SHOWN = 100  # links listed per property before "and N more"


@bp.get("/id/<path:rest>")
def entity(rest: str):
    return dereference(str(ID) + rest)


@bp.get("/def/<path:rest>")
def vocabulary_term(rest: str):
    """A code list's concept (the vocabulary document itself, `/def`, is `web.vocabulary`'s)."""
    return dereference(f"{BASE}def/{rest}")


@bp.get("/resource")
def resource():
    """Our IRIs that no path maps (hash IRIs such as lskg:investmentForm)."""
    iri = request.args.get("iri", "")
    if not iri.startswith(BASE):
        abort(404)
    return dereference(iri)


def dereference(iri: str) -> Response:
    site = current_site()
    if not is_safe_iri(iri):
        abort(404)
    fmt = wanted_format(request)
    if fmt == "html":
        d = recall("lskg.describe")(iri, all_figures=request.args.get("figures") == "all")
        if not d.exists:
            abort(404)
        r = reader()
        page = entity_page(site, d, r.lang)
        r.names.update(node_names(site, d, r.lang))
        response = Response(render_template("entity.html", r=r, variants=_variants(), **page))
    else:
        if not _has_triples(site, iri):
            abort(404)
        response = Response(description_rdf(site.store, iri, fmt), content_type=content_type(fmt))
    response.vary.add("Accept")
    return response


def _variants() -> dict[str, str]:
    """This page's twins: the RDF formats, every figure (/resource keeps ?iri=); the other language
    is the header's switch (base.html)."""
    def variant(**changes) -> str:
        args = {k: v for k, v in {**request.args.to_dict(), **changes}.items() if v is not None}
        return request.path + ("?" + urlencode(args) if args else "")

    links = {fmt: variant(format=fmt, lang=None, figures=None) for fmt in ("turtle", "jsonld", "ntriples")}
    links["all_figures"] = variant(figures="all")
    return links


def _has_triples(site: SiteContext, iri: str) -> bool:
    return site.store.query(DESCRIBED, {"thing": Term("iri", iri)}).boolean


@dataclass
class LinkGroup:
    predicate: str
    name: str
    links: list[Link]

    @property
    def shown(self) -> list[Link]:
        return self.links[:GROUP_SHOWN]

    @property
    def hidden(self) -> int:
        return max(0, len(self.links) - GROUP_SHOWN)


def entity_page(site: SiteContext, d: Description, lang: str) -> dict:
    labels = site.labels.get(d.iri, {})
    other = "en" if lang == "vi" else "vi"
    disputed = sum(1 for f in d.figures if f.disputed)
    # an indicator's figures are its series (chart and table), not a list of observation IRIs
    series = indicator_series(site, d.iri, lang) if d.iri.startswith(str(IND)) else None
    section = section_for(d, lang)
    # the bodies a project's or organisation's section lists in their roles are not listed again as nodes
    shown = {str(PROV.qualifiedAssociation), str(PROV.agent)} if section else set()
    incoming = [link for link in d.inc if link.predicate not in shown
                and not (series and link.predicate == str(LSKG.indicator))]
    # an observation's own page: disputed (curated) or in conflict with another source's value
    if d.values(LSKG.conflictsWith) or any(link.value.value == "true" for link in d.values(LSKG.disputed)):
        disputed += 1
    return {
        "iri": d.iri,
        "d": d,
        "title": _title(site, d, lang),
        "other_label": labels.get(other) if labels.get(other) != labels.get(lang) else None,
        "kind": kind_of(d.types),
        "types": d.types,
        "aliases": sorted({link.value.value for link in d.out if link.predicate in _ALIASES}),
        "section": section,
        "figures": sorted(d.figures, key=lambda f: (display_name(site, f.indicator, lang), f.period)),
        "disputed": disputed,
        "groups_out": link_groups(site, [link for link in d.out if link.predicate not in _HEADER | _BUILDER_NOTES | shown],
                                  lang, False),
        "groups_in": link_groups(site, incoming, lang, True),
        "series": series,
        "evidence": evidence_by_source(d, site.sources_by_key),
        "shacl": site.results_by_focus.get(d.iri, []),
        "source_key": _source_key(d),
    }


def node_names(site: SiteContext, d: Description, lang: str) -> dict[str, str]:
    """Readers' names for the qualified associations around the entity (a project's body in a role,
    minted as `…/role/…` paths): "the body · the role"."""
    names = {}
    for link in d.values(PROV.qualifiedAssociation) + d.incoming(PROV.agent):
        node = link.value.value
        parts = [d.detail(node, PROV.agent), d.detail(node, PROV.hadRole)]
        named = [display_name(site, t.value, lang) for t in parts if t is not None and t.kind == "iri"]
        if named:
            names[node] = " · ".join(named)
    return names


def link_groups(site: SiteContext, links: list[Link], lang: str, incoming: bool) -> list[LinkGroup]:
    by_predicate: dict[str, list[Link]] = defaultdict(list)
    for link in links:
        by_predicate[link.predicate].append(link)

    def order(link: Link):
        v = link.value
        return display_name(site, v.value, lang) if v.kind == "iri" else v.value

    groups = [LinkGroup(p, property_name(site, p, lang, incoming), sorted(items, key=order))
              for p, items in by_predicate.items()]
    return sorted(groups, key=lambda g: g.name.casefold())


def _title(site: SiteContext, d: Description, lang: str) -> str:
    """The thing's label; a figure, which has none, is named by what it measures."""
    parts = [d.first(p) for p in (LSKG.indicator, LSKG.refPeriod, LSKG.refSubject)]
    if d.iri in site.labels or not all(parts):
        return display_name(site, d.iri, lang)
    indicator, period, subject = (display_name(site, t.value, lang) for t in parts)
    return f"{indicator}, {period} – {subject}"


def _source_key(d: Description) -> str | None:
    """A source document's key, so its page can offer the readable text."""
    if str(LSKG.SourceDocument) in d.types:
        return d.iri.rsplit("/", 1)[-1]
    return None
