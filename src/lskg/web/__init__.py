"""The web front end: a Flask app factory over the read-only store.

The store, the saved-query catalogue, the labels and the search index are built
once when the app is created; no request rebuilds or re-parses anything.
Blueprints, one per area: pages (home, health, validation), queries, sparql,
entities (/id/…), sources, search.
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import SecurityError

from ..paths import Paths
from ..queries import Catalogue
from ..store import GraphStore, IsolatedStore, open_release
from ..store.remote import RemoteStore
from .context import SiteContext
from .hosts import install_host_check, parse_trusted_hosts

MAX_BODY_BYTES = 256 * 1024  # the largest request body: a form-encoded SPARQL query of 20 000 characters fits


def create_app(config: dict | None = None) -> Flask:
    """The app over the release in LSKG_BUILD_DIR.

    Queries run in LSKG_QUERY_WORKERS worker processes (`store.isolated`), each killed at its time
    limit: LSKG_SPARQL_TIMEOUT seconds for `/sparql`, LSKG_QUERY_TIMEOUT for everything else (saved
    queries, entity and source pages). LSKG_ISOLATE_QUERIES=0 runs them in this process instead, with
    no enforceable limit (for tests that want speed). Call `close_app(app)` to end the workers early;
    they also end when the app is collected or the process exits.
    """
    app = Flask(__name__)
    paths = Paths.default()
    env = os.environ.get
    app.config.update(
        LSKG_BUILD_DIR=env("LSKG_BUILD_DIR", str(paths.build)),
        # a SPARQL 1.1 query URL holding a release loaded with `lskg load`: served instead of the build
        LSKG_SPARQL_ENDPOINT=env("LSKG_SPARQL_ENDPOINT", ""),
        LSKG_QUERIES_DIR=env("LSKG_QUERIES_DIR", str(paths.queries)),
        # rows shown in an HTML table (as Datasette: a page, with the full result one click away)
        LSKG_ROW_CAP=int(env("LSKG_ROW_CAP", "200")),
        # characters of terms a /sparql answer may have to be drawn as a table (else: its downloads)
        LSKG_HTML_MAX_CHARS=int(env("LSKG_HTML_MAX_CHARS", "1000000")),
        # entity descriptions and source views kept per kind (the graph never changes while served)
        LSKG_PAGE_CACHE=int(env("LSKG_PAGE_CACHE", "256")),
        # and at most this many megabytes of each kind (web.memo)
        LSKG_PAGE_CACHE_MB=float(env("LSKG_PAGE_CACHE_MB", "32")),
        # time limits in seconds: /sparql, and every other query (pages, saved queries)
        LSKG_SPARQL_TIMEOUT=float(env("LSKG_SPARQL_TIMEOUT", "10")),
        LSKG_QUERY_TIMEOUT=float(env("LSKG_QUERY_TIMEOUT", "5")),
        LSKG_ISOLATE_QUERIES=env("LSKG_ISOLATE_QUERIES", "1"),
        # one for the pages' lane, three for /sparql: two for one client (its cap), one for another
        LSKG_QUERY_WORKERS=int(env("LSKG_QUERY_WORKERS", "4")),
        # per /sparql client (web.client_budget): query seconds per rolling window, queries at once
        # (0 disables either); the client is the peer address unless proxies are trusted to say it
        LSKG_CLIENT_BUDGET_SECONDS=float(env("LSKG_CLIENT_BUDGET_SECONDS", "60")),
        LSKG_CLIENT_BUDGET_WINDOW=float(env("LSKG_CLIENT_BUDGET_WINDOW", "60")),
        LSKG_CLIENT_CONCURRENCY=int(env("LSKG_CLIENT_CONCURRENCY", "2")),
        LSKG_TRUSTED_PROXY_HOPS=int(env("LSKG_TRUSTED_PROXY_HOPS", "0")),
        # a request whose Host is not one of these gets 400 (unset: any host, for local use only); web.hosts
        LSKG_TRUSTED_HOSTS=parse_trusted_hosts(env("LSKG_TRUSTED_HOSTS", "")),
        # what one query may allocate in its worker beyond the shared store (MB; 0: no cap)
        LSKG_QUERY_MEMORY_MB=int(env("LSKG_QUERY_MEMORY_MB", "1024")),
        # /sparql refuses queries nested deeper than this before parsing them (lskg.query_limits)
        LSKG_QUERY_MAX_DEPTH=int(env("LSKG_QUERY_MAX_DEPTH", "64")),
        # Werkzeug answers 413 from Content-Length before reading a larger body
        MAX_CONTENT_LENGTH=int(env("LSKG_MAX_BODY_BYTES", str(MAX_BODY_BYTES))),
        JSON_AS_ASCII=False,
    )
    app.config.update(config or {})
    app.debug = False  # never: tracebacks must not reach a client
    store = _open_store(app.config)
    catalogue = Catalogue(Path(app.config["LSKG_QUERIES_DIR"]))
    site = SiteContext.load(store, catalogue)
    app.extensions["lskg"] = site

    from . import entities, errors, pages, queries_view, search, sources_view, sparql

    for module in (pages, queries_view, sparql, entities, sources_view, search):
        app.register_blueprint(module.bp)
    pages.install_error_pages(app)
    errors.install(app)
    install_host_refusal(app)
    pages.install_headers(app)
    pages.install_visible_text(app)
    install_host_check(app)
    site.install_template_helpers(app)
    if isinstance(store, IsolatedStore):
        store.start()
    return app


def _open_store(config) -> GraphStore:
    """The remote store at LSKG_SPARQL_ENDPOINT if one is set (the engine enforces its own limits;
    each request has a client timeout), else the release in LSKG_BUILD_DIR, isolated in workers."""
    if config["LSKG_SPARQL_ENDPOINT"]:
        return RemoteStore.open(config["LSKG_SPARQL_ENDPOINT"], timeout=float(config["LSKG_QUERY_TIMEOUT"]))
    release = open_release(Path(config["LSKG_BUILD_DIR"]))
    if not _flag(config["LSKG_ISOLATE_QUERIES"]):
        return release
    # the workers' parent process loads the release meanwhile; the start-up queries below
    # (labels, search index, form choices) still run here, then start() forks the workers
    return IsolatedStore(release, workers=int(config["LSKG_QUERY_WORKERS"]),
                         timeout=float(config["LSKG_QUERY_TIMEOUT"]),
                         memory_mb=int(config["LSKG_QUERY_MEMORY_MB"]) or None)


def close_app(app: Flask) -> None:
    """End the app's query workers now (tests, embedding); the app cannot query afterwards."""
    close = getattr(app.extensions["lskg"].store, "close", None)
    if close:
        close()


def _flag(value) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("0", "false", "no", "off", "")
    return bool(value)


def install_host_refusal(app: Flask) -> None:
    def unknown_host(_exc: SecurityError):
        # a Host outside LSKG_TRUSTED_HOSTS (web.hosts) or one Werkzeug cannot read: refused before
        # routing, so the site's templates (which build URLs from the host) are not used; plain words
        message = "Bad request: this server does not serve that host"
        if request.accept_mimetypes.best == "application/json":
            return jsonify(error=message, status=400), 400
        return Response(f"Yêu cầu không hợp lệ / {message}\n", 400, content_type="text/plain; charset=utf-8")

    app.register_error_handler(SecurityError, unknown_host)
