"""The SPARQL editor's third-party files, served by this service itself (never a CDN): YASGUI
(`@zazuko/yasgui` from npm), which scripts/setup installs with `npm ci` into node_modules/ beside
package.json (LSKG_HOME, else the checkout). Only the named files of the package's build are served.
Without them (setup not run, no npm) /sparql is the plain form it always was."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, send_from_directory

bp = Blueprint("editor_assets", __name__)

YASGUI_BUILD = Path("@zazuko", "yasgui", "build")
YASGUI_FILES = ("yasgui.min.js", "yasgui.min.css")


def yasgui_folder(node_modules: Path) -> Path | None:
    """The package's build folder, if every file the editor needs is there."""
    folder = node_modules / YASGUI_BUILD
    return folder if all((folder / name).is_file() for name in YASGUI_FILES) else None


@bp.get("/static/vendor/yasgui/<name>")
def yasgui(name: str):
    folder = current_app.config.get("YASGUI_DIR")
    if not folder or name not in YASGUI_FILES:
        abort(404)
    return send_from_directory(folder, name, max_age=86400)
