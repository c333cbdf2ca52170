"""What HTTP clients and caches expect of every answer: cross-origin access, validators, compression.

- **CORS** (flask-cors) on what programs read: `/sparql` (its preflight `OPTIONS` too, for a POST
  of `application/sparql-query` or a request with `If-None-Match`), the RDF of things (`/id/…`,
  `/def…`, `/resource`: the same URLs give the HTML page to a browser, which then also carries the
  headers, harmless), the saved queries' machine twins and `/queries.json`, `/search.json`, the
  settings table and `/.well-known/…`. Any origin, no credentials (the site has no cookies).
  HTML pages are not opened to other origins: a page is for a reader, its twins are for programs.
  Scripts may read `X-LSKG-Truncated` (`web.truncation`), `X-LSKG-Graph-Version` and `ETag`.
- **Validators**: a release never changes, so its version is a strong ETag for every answer of it,
  with the representation (media type and language) folded in where one URL gives several by
  `Accept`; Last-Modified is the build time; Cache-Control lets a cache keep an answer for
  LSKG_CACHE_SECONDS, then ask again (the site may switch to a new release meanwhile). A GET or
  HEAD whose `If-None-Match` or `If-Modified-Since` still holds gets 304 with no body. Only 200
  answers to GET/HEAD are marked; `/-/health` never (it reports the live process).
- **Compression** (flask-compress): Brotli or gzip as the client accepts, for text formats over
  500 bytes; the compressed answer's ETag gets the coding appended (`"…:gzip"`), and `Vary` names
  `Accept-Encoding`.

The hooks run in this order on a response (Flask runs after-request hooks last-registered
first): validators, then CORS, then compression, which must see the final body.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from flask import Flask, Response, current_app, request
from flask_compress import Compress
from flask_cors import CORS

from .context import current_lang
from .truncation import HEADER as TRUNCATED_HEADER

# paths (regular expressions, whole path) whose answers any origin may read
CORS_PATHS = (r"/sparql", r"/id/.*", r"/def(/.*)?", r"/resource", r"/queries\.json",
              r"/queries/[^/]+\.(json|csv|tsv|xml)", r"/search\.json", r"/-/settings\.json", r"/\.well-known/.*",
              r"/dumps/.*")
_EXPOSED = (TRUNCATED_HEADER, "X-LSKG-Graph-Version", "ETag")
_ALLOWED_REQUEST_HEADERS = ("Content-Type", "Accept", "If-None-Match", "If-Modified-Since")
_PREFLIGHT_SECONDS = 86400

_UNCACHED = {"/-/health"}

COMPRESSED_TYPES = (
    "text/html", "text/css", "text/plain", "text/javascript", "application/javascript", "image/svg+xml",
    "application/json", "application/sparql-results+json", "application/sparql-results+xml", "application/xml",
    "text/xml", "text/csv", "text/tab-separated-values", "text/turtle", "application/n-triples",
    "application/ld+json", "application/rdf+xml", "application/n-quads", "application/trig",
)


def install(app: Flask) -> None:
    """Compression first (its hook runs last), then CORS, then the validators (run first)."""
    app.config.setdefault("COMPRESS_MIMETYPES", list(COMPRESSED_TYPES))
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_STREAMS", False)
    Compress(app)
    CORS(app, resources={path: {} for path in CORS_PATHS}, origins="*", send_wildcard=True, supports_credentials=False,
         methods=["GET", "HEAD", "POST", "OPTIONS"], allow_headers=list(_ALLOWED_REQUEST_HEADERS),
         expose_headers=list(_EXPOSED), max_age=_PREFLIGHT_SECONDS)
    app.after_request(_validators)


def _validators(response: Response) -> Response:
    if (request.method not in ("GET", "HEAD") or response.status_code != 200 or response.is_streamed
            or request.path in _UNCACHED):
        return response
    summary = current_app.extensions["lskg"].summary
    version = summary.get("graph_version")
    if not version:  # not a release (a store without its description): nothing to vouch for
        return response
    if response.get_etag()[0] is None:  # static files keep Flask's own (the file's, not the release's)
        etag = release_etag(str(version), response.mimetype or "", current_lang())
        # a client revalidating a compressed copy names the tag compression gave it ("…:gzip"): that
        # tag, so the 304 comes before the body is compressed again for nothing
        held = sorted(tag for tag in request.if_none_match.as_set() if tag.startswith(etag + ":"))
        response.set_etag(held[0] if held else etag)
    built = _built_at(summary.get("built_at"))
    if built is not None and response.last_modified is None:
        response.last_modified = built
    response.headers.setdefault("Cache-Control", f"public, max-age={int(current_app.config['LSKG_CACHE_SECONDS'])}")
    return response.make_conditional(request)


def release_etag(version: str, media_type: str, lang: str) -> str:
    """The release's version with the representation: a page and its Turtle twin at one URL, or
    its Vietnamese and English pages, never share a tag."""
    variant = hashlib.sha256(f"{media_type}|{lang}".encode()).hexdigest()[:8]
    return f"{version}-{variant}"


def _built_at(value) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
