"""Web fixtures: one app over the session's build of the real corpus, and its test client."""

from __future__ import annotations

import pytest

from lskg.web import create_app


@pytest.fixture(scope="session", params=["embedded", "oxigraph-server"])
def app(request, build_result):
    """The whole web suite runs twice: over the embedded store, and over an Oxigraph server that
    holds the same release (loaded by `lskg load`), so both backends must give the same pages."""
    if request.param == "embedded":
        return create_app({"LSKG_BUILD_DIR": str(build_result.release.parent.parent), "TESTING": True})
    server = request.getfixturevalue("oxigraph_release")
    return create_app({"LSKG_SPARQL_ENDPOINT": server.query_url, "TESTING": True})


@pytest.fixture()
def client(app):
    return app.test_client()
