"""What crawlers read: `robots.txt`, and a sitemap of the site's pages and every entity page.

The sitemap protocol allows 50 000 URLs a file: up to that, `/sitemap.xml` lists them all; past it,
`/sitemap.xml` is an index of parts `/sitemap-<n>.xml`, each read from the store by itself (one
page of the sorted entity IRIs), so no request holds more than one part. Every URL's lastmod is
the release's build date: a release never changes once built.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from flask import Blueprint, Response, abort, request

from ..vocab import ID
from .context import SiteContext, current_site

bp = Blueprint("crawling", __name__)

_SAFE = "/:@!$&'()*+,;=-._~%"  # kept as they are in a URL path: only other characters are %-encoded
URLS_PER_PART = 50_000  # the sitemap protocol's limit per file
# the entity pages: every IRI the graph mints that is described (a `#` IRI is a part of its document's
# page); the subjects are made distinct before they are filtered and sorted (sorting every triple's
# subject first took twice as long)
_ENTITIES = f"""{{ SELECT DISTINCT ?s WHERE {{ ?s ?p ?o }} }}
  FILTER (isIRI(?s) && STRSTARTS(STR(?s), "{ID}") && !CONTAINS(STR(?s), "#"))"""
_COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ {_ENTITIES} }}"
_PAGE = f"SELECT ?s WHERE {{ {_ENTITIES} }} ORDER BY ?s"
# crawlers are kept from what costs a query per URL and has no end of URLs (any query, any search)
ROBOTS = """User-agent: *
Disallow: /sparql
Disallow: /search
Disallow: /resource
Allow: /

Sitemap: {host}sitemap.xml
"""


@bp.get("/robots.txt")
def robots():
    return Response(ROBOTS.format(host=request.host_url), content_type="text/plain; charset=utf-8")


def _site_pages(site: SiteContext) -> list[str]:
    return ["/", "/queries", "/.well-known/void", "/def", "/validation",
            *(f"/sources/{key}" for key in sorted(site.sources_by_key) if key),
            *(f"/queries/{name}" for name in site.catalogue.queries)]


def _entity_count(site: SiteContext) -> int:
    return int(site.store.query(_COUNT).rows[0]["n"].value)


def _entity_paths(site: SiteContext, offset: int, limit: int) -> list[str]:
    if limit <= 0:
        return []
    rows = site.store.query(f"{_PAGE} LIMIT {int(limit)} OFFSET {int(offset)}").rows
    return [site.local_path(r["s"].value) for r in rows]


@bp.get("/sitemap.xml")
def sitemap():
    site = current_site()
    pages = _site_pages(site)
    total = len(pages) + _entity_count(site)
    if total <= URLS_PER_PART:
        return _urlset(site, 0)
    parts = -(-total // URLS_PER_PART)
    lastmod = _lastmod(site)
    entries = "".join(f"<sitemap><loc>{escape(request.host_url)}sitemap-{n}.xml</loc>{lastmod}</sitemap>\n"
                      for n in range(1, parts + 1))
    return _xml('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "</sitemapindex>\n")


@bp.get("/sitemap-<part>.xml")
def sitemap_part(part: str):
    site = current_site()
    if not part.isascii() or not part.isdigit():
        abort(404)
    part = int(part)
    if part < 1 or (part - 1) * URLS_PER_PART >= len(_site_pages(site)) + _entity_count(site):
        abort(404)
    return _urlset(site, (part - 1) * URLS_PER_PART)


def _urlset(site: SiteContext, start: int) -> Response:
    """The URLs from `start` on, at most URLS_PER_PART: the site's pages first, then the entities."""
    pages = _site_pages(site)
    paths = pages[start:start + URLS_PER_PART]
    first_entity = max(0, start - len(pages))
    paths += _entity_paths(site, first_entity, URLS_PER_PART - len(paths))
    host, lastmod = request.host_url.rstrip("/"), _lastmod(site)
    entries = "".join(f"<url><loc>{escape(host + quote(path, safe=_SAFE))}</loc>{lastmod}</url>\n" for path in paths)
    return _xml('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "</urlset>\n")


def _lastmod(site: SiteContext) -> str:
    built = str(site.summary.get("built_at") or "")
    return f"<lastmod>{escape(built)}</lastmod>" if built else ""


def _xml(body: str) -> Response:
    return Response('<?xml version="1.0" encoding="UTF-8"?>\n' + body, content_type="application/xml; charset=utf-8")
