"""The web front end: a Flask app factory over the read-only store.

The store, the saved-query catalogue, the labels and the search index are built
once when the app is created; no request rebuilds or re-parses anything.
Blueprints, one per area: pages (home, health, validation), queries, sparql,
entities (/id/…), sources, search.
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

from ..paths import Paths
from ..queries import Catalogue
from ..store import open_release
from .context import SiteContext


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__)
    paths = Paths.default()
    app.config.update(
        LSKG_BUILD_DIR=os.environ.get("LSKG_BUILD_DIR", str(paths.build)),
        LSKG_QUERIES_DIR=os.environ.get("LSKG_QUERIES_DIR", str(paths.queries)),
        # rows shown in an HTML table (as Datasette: a page, with the full result one click away)
        LSKG_ROW_CAP=int(os.environ.get("LSKG_ROW_CAP", "200")),
        # entity descriptions and source views kept per kind (the graph never changes while served)
        LSKG_PAGE_CACHE=int(os.environ.get("LSKG_PAGE_CACHE", "256")),
        JSON_AS_ASCII=False,
    )
    app.config.update(config or {})
    app.debug = False  # never: tracebacks must not reach a client
    store = open_release(Path(app.config["LSKG_BUILD_DIR"]))
    catalogue = Catalogue(Path(app.config["LSKG_QUERIES_DIR"]))
    site = SiteContext.load(store, catalogue, Path(app.config["LSKG_BUILD_DIR"]))
    app.extensions["lskg"] = site

    from . import entities, pages, queries_view, search, sources_view, sparql

    for module in (pages, queries_view, sparql, entities, sources_view, search):
        app.register_blueprint(module.bp)
    pages.install_error_pages(app)
    pages.install_headers(app)
    site.install_template_helpers(app)
    return app
