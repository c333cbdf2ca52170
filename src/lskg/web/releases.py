"""What each release changed: a short block on the home page (the release served) and `/releases`,
the kept releases with theirs, from each release folder's changes.json (`lskg.changes`).

A store at LSKG_SPARQL_ENDPOINT has no release folders: the block and the list are then empty.
The list is read once per app: a new release comes with a new app (`web.reloading`).
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, render_template

from .. import changes
from .context import current_site
from .page_helpers import reader

bp = Blueprint("releases", __name__)
_RELEASES = "lskg.releases"
# kinds of things `/releases` names a few of (the home page's block: documents and projects)
NAMED = ("documents", "projects", "bodies", "indicators")


@bp.record_once
def _read_releases(state) -> None:
    app = state.app
    found = []
    if not app.config["LSKG_SPARQL_ENDPOINT"]:
        build_dir = Path(app.config["LSKG_BUILD_DIR"])
        for folder in reversed(changes.releases(build_dir)):
            found.append({"name": folder.name, "changes": changes.read(folder)})
    app.extensions[_RELEASES] = found


@bp.app_template_global()
def latest_release_changes() -> dict | None:
    """The changes the served release recorded (None without them)."""
    version = current_site().summary.get("graph_version")
    return next((r["changes"] for r in current_app.extensions[_RELEASES]
                 if r["changes"] and r["changes"].get("version") == version), None)


@bp.get("/releases")
def releases():
    served = current_site().summary.get("graph_version")
    return render_template("releases.html", r=reader(), releases=current_app.extensions[_RELEASES], served=served,
                           named=NAMED)
