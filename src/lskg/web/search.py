"""/search: Vietnamese-aware search over names, grouped by kind; /search.json for autocomplete.

The index is built once, when the blueprint is registered on the app (start-up), from the
app's store; requests only read it.
"""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, render_template, request
from flask.blueprints import BlueprintSetupState

from ..text.spoofing import show_invisible
from .page_helpers import reader
from .search_index import SearchIndex

bp = Blueprint("search", __name__)
SUGGESTIONS = 20
_MAX_QUERY = 200


def build_index(state: BlueprintSetupState) -> None:
    state.app.extensions["lskg.search"] = SearchIndex.build(state.app.extensions["lskg"].store)


bp.record_once(build_index)


def search_index() -> SearchIndex:
    return current_app.extensions["lskg.search"]


@bp.get("/search")
def search_page():
    query = request.args.get("q", "")[:_MAX_QUERY]
    groups = search_index().grouped(query) if query.strip() else []
    return render_template("search.html", r=reader(), query=query, groups=groups,
                           total=sum(len(hits) for _kind, hits in groups))


@bp.get("/search.json")
def suggestions():
    query = request.args.get("q", "")[:_MAX_QUERY]
    r = reader()
    hits = search_index().search(query, limit=SUGGESTIONS) if query.strip() else []
    # shown by search-suggest.js: invisible characters made visible as on the pages (text.spoofing)
    return jsonify([{"iri": h.iri, "label": show_invisible(r.name(h.iri)), "matched": show_invisible(h.name),
                     "kind": h.kind,
                     "kind_label": r.kind(h.kind), "href": r.link(h.iri)} for h in hits])
