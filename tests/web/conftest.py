"""Web fixtures: one app over the session's build of the real corpus, and its test client."""

from __future__ import annotations

import pytest

from lskg.web import create_app


@pytest.fixture(scope="session")
def app(build_result):
    return create_app({"LSKG_BUILD_DIR": str(build_result.release.parent.parent), "TESTING": True})


@pytest.fixture()
def client(app):
    return app.test_client()
