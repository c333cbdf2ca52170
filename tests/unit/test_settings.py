"""One settings table: read once, served at /-/settings.json, and the README's table is its copy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lskg import settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_configuration_table_is_the_generated_one():
    assert settings.markdown_table() in README.read_text(encoding="utf-8"), \
        "README's Configuration table is stale: paste `python -m lskg.settings`"


def test_every_variable_the_code_names_is_in_the_table():
    source = Path(settings.__file__).parent
    named = {name for path in source.rglob("*.py")
             for name in re.findall(r"\bLSKG_[A-Z_]*[A-Z]\b", path.read_text(encoding="utf-8"))}
    assert named - set(settings.BY_NAME) == set()


def test_defaults_and_values_are_typed():
    assert settings.load({})["LSKG_CLIENT_BUDGET_SECONDS"] == 60.0
    env = settings.load({"LSKG_QUERY_MAX_CHARS": " 500 ", "LSKG_ISOLATE_QUERIES": "off", "LSKG_PAGE_CACHE_MB": "1.5"})
    assert (env["LSKG_QUERY_MAX_CHARS"], env["LSKG_ISOLATE_QUERIES"], env["LSKG_PAGE_CACHE_MB"]) == (500, False, 1.5)
    with pytest.raises(settings.SettingError, match="LSKG_THREADS='many': expected an integer"):
        settings.load({"LSKG_THREADS": "many"})


def test_settings_json_lists_each_setting_with_its_default(build_result, monkeypatch):
    from lskg.web import close_app, create_app

    monkeypatch.setenv("LSKG_QUERY_MAX_CHARS", "1234")
    app = create_app({"LSKG_BUILD_DIR": str(build_result.release.parent.parent), "LSKG_ISOLATE_QUERIES": "0",
                      "TESTING": True})
    try:
        assert app.config["LSKG_QUERY_MAX_CHARS"] == 1234 and app.config["LSKG_CLIENT_BUDGET_SECONDS"] == 60.0
        table = {s["name"]: s for s in app.test_client().get("/-/settings.json").get_json()["settings"]}
    finally:
        close_app(app)
    assert table["LSKG_QUERY_MAX_CHARS"] == {
        "name": "LSKG_QUERY_MAX_CHARS", "type": "int", "default": 20_000, "default_text": "20000",
        "help": "longest `/sparql` query, in characters (413 beyond)"}
    assert table["LSKG_EXPORT_ROW_CAP"]["default"] == 100_000
    assert table["LSKG_SPARQL_PASSWORD"]["default"] is None and "1234" not in str(table)
