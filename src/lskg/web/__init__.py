"""The web front end (Flask app factory). The store is opened once, read-only."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, jsonify, render_template

from ..paths import Paths
from ..store import open_release


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config.update(LSKG_BUILD_DIR=os.environ.get("LSKG_BUILD_DIR", str(Paths.default().build)))
    app.config.update(config or {})
    store = open_release(Path(app.config["LSKG_BUILD_DIR"]))
    app.extensions["lskg_store"] = store

    @app.get("/")
    def home():
        return render_template("home.html", summary=store.meta)

    @app.get("/-/health")
    def health():
        return jsonify(status="ok", graph_version=store.meta.get("graph_version"),
                       built_at=store.meta.get("built_at"), triples=store.triple_count())

    return app
