"""One failure, one status: each error says its HTTP status and one handler answers it, so an
entity page, a saved query and /sparql agree when the engine behind them is down."""

from __future__ import annotations

import pytest

from lskg.store.base import EngineUnavailable, QueryTimeout
from lskg.web import create_app

ENTITY = "/id/project/cao-toc-huu-nghi-chi-lang"
QUERY = "SELECT * WHERE { ?s ?p ?o } LIMIT 1"


@pytest.fixture(scope="module")
def failing_app(build_result):
    """The app over the real build, isolation off, whose store then fails every query with
    whatever the test puts in `failure`."""
    app = create_app({"LSKG_BUILD_DIR": str(build_result.release.parent.parent), "LSKG_ISOLATE_QUERIES": "0",
                      "LSKG_PAGE_CACHE": 0, "TESTING": True})
    store = app.extensions["lskg"].store
    failure: list[Exception] = []

    def fail(*_args, **_kwargs):
        raise failure[0]

    store.query = fail
    app.failure = failure
    return app


@pytest.mark.parametrize("error, status", [
    (EngineUnavailable("the SPARQL engine could not be reached"), 502),
    (QueryTimeout(limit=5), 503),
])
def test_an_engine_failure_has_one_status_on_every_kind_of_page(failing_app, error, status):
    failing_app.failure[:] = [error]
    client = failing_app.test_client()
    entity = client.get(ENTITY)
    saved_page = client.get("/queries/legal-documents")
    saved_json = client.get("/queries/legal-documents.json")
    saved_csv = client.get("/queries/legal-documents.csv")
    sparql = client.get("/sparql", query_string={"query": QUERY}, headers={"Accept": "application/sparql-results+json"})
    editor = client.get("/sparql", query_string={"query": QUERY}, headers={"Accept": "text/html"})
    assert [r.status_code for r in (entity, saved_page, saved_json, saved_csv, sparql, editor)] == [status] * 6
    assert saved_json.get_json() == {"error": str(error), "status": status}
    assert sparql.get_json() == {"error": str(error), "status": status}
    assert str(error) in entity.get_data(as_text=True)
    assert 'role="alert"' in editor.get_data(as_text=True) and str(error) in editor.get_data(as_text=True)
    assert 'name="' in saved_page.get_data(as_text=True)  # the form again, to change the parameters


def test_a_bad_parameter_is_400_with_its_message(failing_app):
    r = failing_app.test_client().get("/queries/indicator-series.json", query_string={"indicator": "not an iri <>"})
    assert r.status_code == 400 and r.get_json()["status"] == 400
