"""Operational logging: one JSON line per request and one per query, with who, what, how long,
how many rows, how it ended and on which release."""

from __future__ import annotations

import io
import json
import logging

import pytest

from lskg.web import close_app, create_app, logs


@pytest.fixture()
def logged(build_result):
    stream = io.StringIO()
    logs.configure(stream=stream)
    app = create_app({"LSKG_BUILD_DIR": str(build_result.release.parent.parent), "LSKG_ISOLATE_QUERIES": "0",
                      "LSKG_PAGE_CACHE": 0, "TESTING": True})
    stream.truncate(0)
    stream.seek(0)  # the start-up queries are not what these tests read
    yield app, stream
    close_app(app)
    lskg = logging.getLogger("lskg")
    for handler in [h for h in lskg.handlers if getattr(h, "lskg_json", False)]:
        lskg.removeHandler(handler)
    lskg.propagate = True


def lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_a_request_is_one_json_line_with_route_status_time_and_release(logged):
    app, stream = logged
    release = app.extensions["lskg"].summary["graph_version"]
    r = app.test_client().get("/queries/conflicts.json", environ_base={"REMOTE_ADDR": "10.9.8.7"})
    assert r.status_code == 200
    requests = [line for line in lines(stream) if line["event"] == "request"]
    assert len(requests) == 1
    line = requests[0]
    assert (line["route"], line["path"], line["method"], line["status"], line["outcome"], line["client"],
            line["release"]) == ("/queries/<name>", "/queries/conflicts.json", "GET", 200, "ok", "10.9.8.7", release)
    assert isinstance(line["ms"], float) and line["ms"] >= 0 and line["time"].endswith("Z")
    assert line["rows"] == len(r.get_json()["rows"]) > 0 and line["queries"] == 1


def test_each_query_is_a_line_and_a_failure_says_how_it_ended(logged):
    app, stream = logged
    client = app.test_client()
    client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3"},
               headers={"Accept": "application/sparql-results+json"})
    bad = client.get("/queries/indicator-series.json", query_string={"indicator": "not an iri <>"})
    assert bad.status_code == 400
    records = lines(stream)
    queries = [line for line in records if line["event"] == "query"]
    assert [(q["route"], q["query"], q["outcome"]) for q in queries] == [("/sparql", "serialize", "ok")]
    assert queries[0]["release"] == app.extensions["lskg"].summary["graph_version"]
    refused = [line for line in records if line["event"] == "request"][-1]
    assert (refused["status"], refused["outcome"], refused["queries"]) == (400, "refused", 0)


def test_the_reloader_says_what_it_serves(tmp_path):
    """`configure` is what makes the reloader's "now serving …" appear (it was never shown)."""
    stream = io.StringIO()
    logs.configure(stream=stream)
    try:
        logging.getLogger("lskg.web.reloading").info("now serving %s", "x")
    finally:
        lskg = logging.getLogger("lskg")
        for handler in [h for h in lskg.handlers if getattr(h, "lskg_json", False)]:
            lskg.removeHandler(handler)
        lskg.propagate = True
    assert lines(stream)[0]["message"] == "now serving x"
