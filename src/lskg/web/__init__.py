"""The web front end: a Flask app factory over the read-only store.

The store, the saved-query catalogue, the labels and the search index are built
once when the app is created; no request rebuilds or re-parses anything.
Blueprints, one per area: pages (home, health, validation), queries, sparql,
entities (/id/…), sources, search.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import SecurityError

from .. import settings
from ..paths import Paths
from ..queries import Catalogue
from ..store import GraphStore, IsolatedStore, open_release
from ..store.remote import RemoteStore
from . import http_protocol, i18n, logs
from .context import SiteContext
from .editor_assets import yasgui_folder
from .hosts import install_host_check, parse_trusted_hosts

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
    # every setting of the table (lskg.settings), read once; a config passed in wins (tests, embedding)
    env = settings.load()
    app.config.update({name: value for name, value in env.items() if settings.BY_NAME[name].type != "secret"})
    app.config.update(
        LSKG_BUILD_DIR=env["LSKG_BUILD_DIR"] or str(paths.build),
        LSKG_QUERIES_DIR=env["LSKG_QUERIES_DIR"] or str(paths.queries),
        # YASGUI's files for the SPARQL editor, when scripts/setup installed them (web.editor_assets)
        YASGUI_DIR=yasgui_folder(paths.node_modules),
        # a request whose Host is not one of these gets 400 (unset: any host, for local use only); web.hosts
        LSKG_TRUSTED_HOSTS=parse_trusted_hosts(env["LSKG_TRUSTED_HOSTS"]),
        # Werkzeug answers 413 from Content-Length before reading a larger body
        MAX_CONTENT_LENGTH=env["LSKG_MAX_BODY_BYTES"],
        JSON_AS_ASCII=False,
    )
    app.config.update(config or {})
    app.debug = False  # never: tracebacks must not reach a client
    store = _open_store(app.config)
    logs.log_queries(store)
    catalogue = Catalogue(Path(app.config["LSKG_QUERIES_DIR"]))
    site = SiteContext.load(store, catalogue)
    app.extensions["lskg"] = site

    from . import (crawling, dataset, editor_assets, entities, errors, pages, queries_view, releases, search,
                   sources_view, sparql, vocabulary)

    for module in (pages, queries_view, sparql, editor_assets, dataset, vocabulary, entities, sources_view, search,
                   crawling, releases):
        app.register_blueprint(module.bp)
    pages.install_error_pages(app)
    errors.install(app)
    logs.install(app)
    install_host_refusal(app)
    pages.install_headers(app)
    pages.install_visible_text(app)
    install_host_check(app)
    site.install_template_helpers(app)
    i18n.install(app)
    http_protocol.install(app)  # last: its validators see the response the view and blueprints made
    store.start()  # the isolated store forks its workers now, after the start-up queries above
    return app


def _open_store(config) -> GraphStore:
    """The remote store at LSKG_SPARQL_ENDPOINT if one is set (the engine enforces its own limits;
    each request has a client timeout), else the release in LSKG_BUILD_DIR, isolated in workers."""
    if config["LSKG_SPARQL_ENDPOINT"]:
        return RemoteStore.open(config["LSKG_SPARQL_ENDPOINT"], timeout=float(config["LSKG_QUERY_TIMEOUT"]))
    release = open_release(Path(config["LSKG_BUILD_DIR"]))
    # the folder of the release loaded (not `current`, which a build moves on): its originals (sources_view)
    config["RELEASE_DIR"] = str(Path(release.source).parent)
    if not _flag(config["LSKG_ISOLATE_QUERIES"]):
        return release
    # the workers' parent process loads the release meanwhile; the start-up queries below
    # (labels, search index, form choices) still run here, then start() forks the workers
    return IsolatedStore(release, workers=int(config["LSKG_QUERY_WORKERS"]),
                         timeout=float(config["LSKG_QUERY_TIMEOUT"]),
                         memory_mb=int(config["LSKG_QUERY_MEMORY_MB"]) or None)


def close_app(app: Flask) -> None:
    """End the app's query workers now (tests, embedding); the app cannot query afterwards."""
    app.extensions["lskg"].store.close()


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
