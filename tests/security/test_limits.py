"""Limits on what a query may cost, measured on the real app: time (worker processes killed at the
deadline), nesting depth, length, request body, result rows, and the processes' clean-up.

The app here has short limits (1.5 s) so that a runaway query costs the suite little time. The
runaway is a cartesian product counted: Oxigraph computes it for about two minutes before the first
(and only) row, so only killing its process stops it.
"""

from __future__ import annotations

import io
import json
import os
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from ..conftest import served

from lskg.query_limits import MAX_DEPTH, check_limits, nesting_depth
from lskg.sparql_guard import QueryTooLong
from lskg.store import EngineFailure, IsolatedStore, QueryTimeout, open_release
from lskg.web import close_app, create_app

LIMIT = 1.5  # seconds: the time limit of the app under test
RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f }"
NQ41 = "https://w3id.org/lskg/id/legal/tinh-lang-son/2022/nq-41-hdnd"
SELECT_41 = 'SELECT ?d WHERE { ?d <http://data.europa.eu/eli/ontology#id_local> "41/NQ-HĐND" }'
PROJECT = "/id/project/cao-toc-huu-nghi-chi-lang"
JSON = {"Accept": "application/sparql-results+json"}


def deep(levels: int) -> str:
    return "SELECT * WHERE " + "{" * levels + " ?s ?p ?o " + "}" * levels + " LIMIT 1"


def alive(pid: int) -> bool:
    """Running (not gone, not a zombie waiting to be reaped)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state not in ("Z", "X")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_gone(pids, seconds: float = 3.0) -> list[int]:
    """The pids still running after waiting up to `seconds`."""
    end = time.monotonic() + seconds
    while time.monotonic() < end and any(alive(p) for p in pids):
        time.sleep(0.02)
    return [p for p in pids if alive(p)]


@pytest.fixture(scope="module")
def app(build_result):
    app = create_app({"LSKG_BUILD_DIR": str(build_result.release.parent.parent), "TESTING": True,
                      "LSKG_ISOLATE_QUERIES": True, "LSKG_QUERY_WORKERS": 2, "LSKG_PAGE_CACHE": 0,
                      "LSKG_SPARQL_TIMEOUT": LIMIT, "LSKG_QUERY_TIMEOUT": LIMIT})
    store = app.extensions["lskg"].store
    processes = [store.zygote_pid] + store.worker_pids()
    yield app
    close_app(app)
    assert wait_gone(processes) == [], "query processes left behind"


@pytest.fixture(scope="module")
def store(app) -> IsolatedStore:
    store = app.extensions["lskg"].store
    assert isinstance(store, IsolatedStore) and store.started
    return store


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(scope="module")
def server(app):
    """The app behind waitress on 127.0.0.1, with threads, as `lskg serve` runs it."""
    with served(app) as url:
        yield url


def fetch(url: str, data: bytes | None = None, headers: dict | None = None, timeout: float = 30):
    """(status, body, seconds) of one HTTP request; error statuses are answers too."""
    start = time.monotonic()
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            status, body = r.status, r.read()
    except urllib.error.HTTPError as e:
        status, body = e.code, e.read()
    return status, body.decode("utf-8", "replace"), time.monotonic() - start


def sparql_url(server: str, query: str) -> str:
    return f"{server}/sparql?" + urllib.parse.urlencode({"query": query})


def run_in_thread(fn):
    box = {}
    thread = threading.Thread(target=lambda: box.setdefault("result", fn()), daemon=True)
    thread.start()
    return thread, box


def busy_worker(store: IsolatedStore, before: dict[int, float], wait: float = 3.0) -> int:
    """The worker whose CPU time grows: the one running the runaway."""
    end = time.monotonic() + wait
    while time.monotonic() < end:
        for pid in store.worker_pids():
            if alive(pid) and cpu_seconds(pid) - before.get(pid, 0.0) > 0.2:
                return pid
        time.sleep(0.05)
    raise AssertionError("no worker is computing")


# -- time ------------------------------------------------------------------------------------------

def test_runaway_query_is_stopped_at_its_limit_and_the_next_query_answers(server, store):
    status, body, took = fetch(sparql_url(server, RUNAWAY), headers=JSON)
    assert status == 503
    assert "1.5 s" in body and "time limit" in body
    assert LIMIT - 0.1 <= took < LIMIT + 2
    assert len(store.worker_pids()) == 2  # the killed worker was replaced
    status, body, took = fetch(sparql_url(server, SELECT_41), headers=JSON)
    assert status == 200 and took < 2.0
    assert [b["d"]["value"] for b in json.loads(body)["results"]["bindings"]] == [NQ41]


def test_runaway_query_in_the_editor_is_a_503_page_naming_the_limit(client):
    start = time.monotonic()
    r = client.get("/sparql", query_string={"query": RUNAWAY}, headers={"Accept": "text/html"})
    assert time.monotonic() - start < LIMIT + 2
    html = r.get_data(as_text=True)
    assert r.status_code == 503 and 'role="alert"' in html and "1.5 s" in html


def test_site_answers_while_a_runaway_query_runs(server, store):
    before = {pid: cpu_seconds(pid) for pid in store.worker_pids()}
    runaway, box = run_in_thread(lambda: fetch(sparql_url(server, RUNAWAY), headers=JSON))
    busy_worker(store, before)  # it is really computing now
    for path in ("/-/health", "/", PROJECT):
        status, body, took = fetch(server + path)
        assert status == 200 and took < 2.0, (path, status, took)
    assert json.loads(fetch(server + "/-/health")[1])["status"] == "ok"
    runaway.join(timeout=LIMIT + 5)
    assert box["result"][0] == 503


def test_a_timed_out_worker_is_killed_and_its_cpu_freed(store):
    before = {pid: cpu_seconds(pid) for pid in store.worker_pids()}
    runaway, box = run_in_thread(lambda: _expect_timeout(store, RUNAWAY, LIMIT))
    pid = busy_worker(store, before)
    spent = cpu_seconds(pid)
    runaway.join(timeout=LIMIT + 5)
    assert isinstance(box["result"], QueryTimeout) and box["result"].limit == LIMIT
    assert spent > 0.2  # it was computing…
    assert wait_gone([pid], 1.0) == []  # …and is no more: nothing keeps running the query
    assert pid not in store.worker_pids() and len(store.worker_pids()) == 2
    assert store.query(SELECT_41).rows[0]["d"].value == NQ41


def _expect_timeout(store, query: str, limit: float):
    try:
        store.query(query, timeout=limit)
    except QueryTimeout as exc:
        return exc
    return None


def test_saved_queries_and_pages_have_their_own_limit(client, store, monkeypatch):
    """Page and saved-query queries run under LSKG_QUERY_TIMEOUT; past it: 503 naming it."""
    monkeypatch.setattr(store, "timeout", 0.0)
    r = client.get("/queries/legal-documents.json")
    assert r.status_code == 503 and "0 s" in r.get_json()["error"]
    r = client.get("/queries/legal-documents")
    assert r.status_code == 503 and "0 s" in r.get_data(as_text=True)
    r = client.get(PROJECT)
    assert r.status_code == 503 and "0 s" in r.get_data(as_text=True)
    monkeypatch.setattr(store, "timeout", LIMIT)
    assert client.get("/queries/legal-documents.json").status_code == 200
    assert client.get(PROJECT).status_code == 200


# -- a query that crashes the engine ---------------------------------------------------------------

def test_deeply_nested_query_is_refused_before_parsing(client):
    start = time.monotonic()
    r = client.get("/sparql", query_string={"query": deep(3000)})
    assert r.status_code == 400 and "nested 3000 levels" in r.get_data(as_text=True)
    assert time.monotonic() - start < 1.0


def test_a_crash_in_a_worker_costs_one_request(store, client):
    """3000 levels overflow Oxigraph's stack (the process dies): past the depth check, straight to
    the store, only that call fails; the store and the site keep answering."""
    workers = store.worker_pids()
    with pytest.raises(EngineFailure):
        store.query(deep(3000))
    assert len(store.worker_pids()) == 2 and store.worker_pids() != workers
    assert store.query(SELECT_41).rows[0]["d"].value == NQ41
    r = client.get("/sparql", query_string={"query": SELECT_41}, headers=JSON)
    assert r.status_code == 200 and r.get_json()["results"]["bindings"][0]["d"]["value"] == NQ41


def test_a_query_over_the_memory_cap_costs_one_request(build_result):
    """A worker may grow by LSKG_QUERY_MEMORY_MB; a sort of the cartesian product needs far more
    and fails in its worker (the allocation fails there), not in the machine."""
    store = IsolatedStore(open_release(build_result.release.parent.parent), workers=1, timeout=10,
                          memory_mb=64).start()
    try:
        start = time.monotonic()
        with pytest.raises(EngineFailure):
            store.query("SELECT ?a ?d { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1")
        assert time.monotonic() - start < 5
        assert store.query(SELECT_41).rows[0]["d"].value == NQ41
    finally:
        store.close()


# -- size: query, body, rows -----------------------------------------------------------------------

def test_over_long_query_is_413(client):
    long = SELECT_41 + " " * 20_000
    r = client.get("/sparql", query_string={"query": long})
    assert r.status_code == 413 and "at most 20000" in r.get_data(as_text=True)
    r = client.post("/sparql", data=long.encode(), content_type="application/sparql-query")
    assert r.status_code == 413


class CountingStream(io.BytesIO):
    read_bytes = 0

    def read(self, size=-1):
        data = super().read(size)
        self.read_bytes += len(data)
        return data

    def readline(self, size=-1):
        data = super().readline(size)
        self.read_bytes += len(data)
        return data


@pytest.mark.parametrize("content_type", ["application/sparql-query", "application/x-www-form-urlencoded"])
def test_two_megabyte_post_is_413_unread(app, client, content_type):
    assert app.config["MAX_CONTENT_LENGTH"] <= 1024 * 1024
    body = b"query=" + b"a" * (2 * 1024 * 1024) if "form" in content_type else b"#" * (2 * 1024 * 1024)
    stream = CountingStream(body)
    r = client.post("/sparql", input_stream=stream, content_length=len(body), content_type=content_type)
    assert r.status_code == 413
    assert stream.read_bytes == 0  # refused from Content-Length alone


def test_two_megabyte_post_to_the_server_is_413(server):
    status, _body, _took = fetch(server + "/sparql", data=b"#" * (2 * 1024 * 1024),
                                 headers={"Content-Type": "application/sparql-query"})
    assert status == 413


def test_row_cap_sets_the_truncated_flag(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "LSKG_EXPORT_ROW_CAP", 25)
    r = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"}, headers=JSON)
    assert r.headers["X-LSKG-Truncated"] == "true" and len(r.get_json()["results"]["bindings"]) == 25
    r = client.get("/queries/observations.json")
    assert r.get_json()["truncated"] is True and len(r.get_json()["rows"]) == 25
    r = client.get("/sparql", query_string={"query": SELECT_41}, headers=JSON)
    assert r.headers["X-LSKG-Truncated"] == "false"


# -- the depth counter -----------------------------------------------------------------------------

@pytest.mark.parametrize("query, depth", [
    ("SELECT * { ?s ?p ?o }", 1),
    ("SELECT * { { ?s ?p ?o } UNION { ?s ?q ?o } }", 2),
    ('SELECT * { ?s ?p "{{{{((((" }', 1),
    ("SELECT * { ?s ?p '''{{{\n((('''}", 1),
    ('SELECT * { ?s ?p """ " "" {{{ """ }', 1),
    ("SELECT * { ?s ?p 'it\\'s {{' }", 1),
    ("SELECT * { # {{{{ ((((\n ?s ?p ?o }", 1),
    ("SELECT * { ?s <http://example.org/a#{{{> ?o }", 1),  # braces can't be in an IRI: `#` isn't a comment
    ("SELECT * { ?s <http://example.org/x#y> ?o . FILTER((1)) }", 3),
    ("SELECT * { ?s ?p [ ?q [ ?r 1 ] ] }", 3),
    ("SELECT * { FILTER(?a < 3 && (?b > 1)) }", 3),
])
def test_nesting_depth_reads_tokens(query, depth):
    assert nesting_depth(query) == depth


def test_escaped_braces_count():
    with pytest.raises(Exception, match="nested 100 levels"):
        check_limits("SELECT * WHERE " + "\\u007B" * 100 + " ?s ?p ?o " + "\\u007D" * 100)


def test_depth_limit_is_exact_and_real_queries_pass():
    check_limits(deep(MAX_DEPTH))
    with pytest.raises(Exception, match=f"nested {MAX_DEPTH + 1} levels"):
        check_limits(deep(MAX_DEPTH + 1))
    with pytest.raises(QueryTooLong):
        check_limits("#" * 20_001)
    for path in (Path(__file__).resolve().parents[2] / "queries").glob("*.rq"):
        check_limits(path.read_text(encoding="utf-8"))


def test_depth_check_is_fast_on_hostile_text():
    for text in ("<" * 19_999, "'''" + "a'" * 9_000, '"' * 19_999, "{" * 19_999, "\\u0028" * 3_000):
        start = time.monotonic()
        try:
            check_limits(text)
        except Exception:
            pass
        assert time.monotonic() - start < 0.1


# -- configuration and clean-up --------------------------------------------------------------------

def test_limits_come_from_the_environment_and_processes_end_with_the_app(build_result, monkeypatch):
    monkeypatch.setenv("LSKG_SPARQL_TIMEOUT", "7")
    monkeypatch.setenv("LSKG_QUERY_TIMEOUT", "3")
    monkeypatch.setenv("LSKG_QUERY_WORKERS", "3")
    monkeypatch.setenv("LSKG_ISOLATE_QUERIES", "1")
    monkeypatch.setenv("LSKG_CLIENT_BUDGET_SECONDS", "30")
    monkeypatch.setenv("LSKG_CLIENT_BUDGET_WINDOW", "120")
    monkeypatch.setenv("LSKG_CLIENT_CONCURRENCY", "5")
    monkeypatch.setenv("LSKG_TRUSTED_PROXY_HOPS", "1")
    app = create_app({"LSKG_BUILD_DIR": str(build_result.release.parent.parent)})
    store = app.extensions["lskg"].store
    try:
        assert app.config["LSKG_SPARQL_TIMEOUT"] == 7.0 and store.timeout == 3.0
        budget = app.extensions["lskg.client_budget"]
        assert (budget.seconds, budget.window) == (30.0, 120.0) and app.config["LSKG_TRUSTED_PROXY_HOPS"] == 1
        # 3 workers: 2 endpoint slots, and one client may hold only one of them, whatever it asks
        assert app.config["LSKG_CLIENT_CONCURRENCY"] == 5 and budget.concurrency == 1
        processes = [store.zygote_pid] + store.worker_pids()
        assert len(processes) == 4 and all(alive(p) for p in processes)
        assert store.query(SELECT_41).rows[0]["d"].value == NQ41
    finally:
        close_app(app)
    assert wait_gone(processes) == []
    with pytest.raises(EngineFailure):
        store.query(SELECT_41)


def test_isolation_can_be_turned_off(build_result):
    app = create_app({"LSKG_BUILD_DIR": str(build_result.release.parent.parent), "LSKG_ISOLATE_QUERIES": "0"})
    assert not isinstance(app.extensions["lskg"].store, IsolatedStore)
    close_app(app)


def test_workers_end_when_the_web_process_dies(build_result, tmp_path):
    """Killed without clean-up (SIGKILL), the web process leaves nothing running: the zygote sees
    its socket close and kills its workers."""
    import signal
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from lskg.web import create_app\n"
        f"app = create_app({{'LSKG_BUILD_DIR': {str(build_result.release.parent.parent)!r}, "
        "'LSKG_ISOLATE_QUERIES': True})\n"
        "s = app.extensions['lskg'].store\n"
        "print(' '.join(map(str, [s.zygote_pid] + s.worker_pids())), flush=True)\n"
        "sys.stdin.read()\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True)
    try:
        pids = [int(p) for p in proc.stdout.readline().split()]
        assert len(pids) == 5 and all(alive(p) for p in pids)  # the zygote and the 4 default workers
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        assert wait_gone(pids, 5.0) == []
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_a_program_asking_for_json_gets_a_json_error_naming_the_limit(tmp_path_factory, build_result):
    """Point 3: 503 with a JSON error that names the limit, for a client that asks for JSON."""
    from lskg.web import create_app

    app = create_app({"LSKG_BUILD_DIR": str(build_result.release.parent.parent), "LSKG_SPARQL_TIMEOUT": 1.0})
    try:
        client = app.test_client()
        r = client.get("/sparql", query_string={"query": "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f }"},
                       headers={"Accept": "application/sparql-results+json"})
        assert r.status_code == 503 and r.mimetype == "application/json"
        assert r.json["status"] == 503 and "1 s" in r.json["error"]
        r = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p }"},
                       headers={"Accept": "application/json"})
        assert r.status_code == 400 and r.json["status"] == 400
    finally:
        app.extensions["lskg"].store.close()
