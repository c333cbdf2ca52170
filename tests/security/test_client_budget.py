"""Point 3, per client: each /sparql client has a budget of query seconds per rolling window and a
cap on its queries at once (`lskg.web.client_budget`); over either it gets 429 with Retry-After,
and one client's runaway queries never hold up another client's query or the site's pages.

The accounting is checked on `ClientBudget` with a clock the test moves (exact Retry-After
values), then on the real app: query workers killed at a short limit (1 s), clients told apart by
their address (the test client's REMOTE_ADDR, or a real source address on 127.0.0.x).
"""

from __future__ import annotations

import http.client
import json
import math
import threading
import time
import urllib.parse
from contextlib import ExitStack

import pytest

from ..conftest import served

from lskg.web import close_app, create_app
from lskg.web.client_budget import ClientBudget, TooManyQueries, client_address

from .test_limits import NQ41, PROJECT, RUNAWAY, SELECT_41, alive, cpu_seconds, wait_gone

JSON = {"Accept": "application/sparql-results+json"}


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def spend(budget: ClientBudget, client: str, seconds: float, clock: Clock, limit: float = 10.0) -> None:
    """One query of `client` that runs `seconds` on the test clock."""
    with budget.turn(client, limit) as turn, turn.timed():
        clock.now += seconds


def charge(budget: ClientBudget, client: str, seconds: float) -> None:
    """One query of `client` charged `seconds` without the clock moving (nothing refills)."""
    with budget.turn(client, 10.0) as turn:
        turn.spent = seconds


def refused(budget: ClientBudget, client: str, limit: float = 10.0) -> TooManyQueries | None:
    try:
        with budget.turn(client, limit):
            return None
    except TooManyQueries as exc:
        return exc


# -- the accounting --------------------------------------------------------------------------------

def test_the_budget_is_spent_and_refilled_over_the_window():
    clock = Clock()
    budget = ClientBudget(seconds=60, window=600, concurrency=0, clock=clock)  # 0.1 s back per second
    spend(budget, "a", 50, clock)
    assert budget.spent("a") == pytest.approx(50)
    spend(budget, "a", 20, clock)  # admitted: 50 s < 60 s; 2 s came back while it ran
    assert budget.spent("a") == pytest.approx(68)
    exc = refused(budget, "a")
    assert exc is not None and exc.status == 429 and "per-client budget" in str(exc)
    assert "60 s of queries per 600 s" in str(exc)
    assert exc.retry_after == 80  # 8 s over, at 0.1 s per second
    clock.now += 79.5
    assert refused(budget, "a").retry_after == 1  # 0.05 s over: rounded up, never 0
    clock.now += 0.6
    assert refused(budget, "a") is None
    assert refused(budget, "b") is None  # another client has its own budget
    clock.now += 6000
    assert budget.spent("a") == 0.0  # refilled to the full budget, not beyond


def test_one_query_at_a_time_never_exhausts_a_budget_as_long_as_its_window():
    """60 s per 60 s is one worker's time: a client that runs one query after another keeps it
    busy but never goes over; two at once spend twice as fast as it refills."""
    clock = Clock()
    budget = ClientBudget(seconds=60, window=60, concurrency=2, clock=clock)
    for _ in range(100):
        spend(budget, "a", 10, clock)
        assert refused(budget, "a") is None
    with budget.turn("b", 10) as first, budget.turn("b", 10) as second, first.timed(), second.timed():
        clock.now += 40
    assert budget.spent("b") == 80  # charged when they end: 80 s of queries in 40 s
    assert refused(budget, "b").retry_after == 20


def test_concurrency_is_capped_per_client_and_retry_after_is_the_first_deadline():
    clock = Clock()
    budget = ClientBudget(seconds=0, window=60, concurrency=2, clock=clock)
    with ExitStack() as running:
        running.enter_context(budget.turn("a", 10))
        clock.now += 3
        running.enter_context(budget.turn("a", 10))
        clock.now += 1.5
        exc = refused(budget, "a")
        assert exc is not None and "at most 2" in str(exc) and "concurrency" in str(exc)
        assert exc.retry_after == 6  # the first query is stopped at 10 s at the latest: 5.5 s from now
        assert refused(budget, "b") is None
    assert refused(budget, "a") is None  # both ended: room again


def test_a_refused_query_is_not_charged_and_holds_no_slot():
    clock = Clock()
    budget = ClientBudget(seconds=5, window=5, concurrency=1, clock=clock)
    spend(budget, "a", 6, clock)
    for _ in range(10):
        assert refused(budget, "a").retry_after == 1
    assert budget.spent("a") == pytest.approx(6)
    clock.now += 1.5
    assert refused(budget, "a") is None


def test_zero_disables_each_limit():
    clock = Clock()
    off = ClientBudget(seconds=0, window=60, concurrency=0, clock=clock)
    assert not off.enabled
    with ExitStack() as running:
        for _ in range(50):
            running.enter_context(off.turn("a", 10)).spent += 1000
    assert refused(off, "a") is None and len(off) == 0
    no_cap = ClientBudget(seconds=60, window=60, concurrency=0, clock=clock)
    with ExitStack() as running:
        for _ in range(20):
            running.enter_context(no_cap.turn("a", 10))
    no_budget = ClientBudget(seconds=0, window=60, concurrency=3, clock=clock)
    spend(no_budget, "a", 10_000, clock)
    assert refused(no_budget, "a") is None
    with pytest.raises(ValueError):
        ClientBudget(seconds=60, window=0, concurrency=2)


def test_the_client_table_is_bounded_and_never_forgets_a_running_client():
    clock = Clock()
    budget = ClientBudget(seconds=60, window=60, concurrency=1, max_clients=100, clock=clock)
    charge(budget, "old", 100)
    with budget.turn("busy", 10):
        for n in range(5000):
            charge(budget, f"10.0.{n // 256}.{n % 256}", 1)
            assert len(budget) <= 100
        assert refused(budget, "busy") is not None  # still counted as running
    assert budget.spent("old") == 0.0  # forgotten: the least recently seen idle client goes first
    assert budget.spent("10.0.19.135") == 1  # the most recent ones are kept


def test_the_accounting_is_thread_safe():
    """8 threads on one client: never more than its cap at once, and no charge is lost."""
    budget = ClientBudget(seconds=1e9, window=60, concurrency=2, clock=Clock())  # no refill
    lock = threading.Lock()
    state = {"running": 0, "most": 0, "refused": 0, "admitted": 0}

    def hammer():
        for _ in range(2000):
            try:
                with budget.turn("a", 10) as turn:
                    with lock:
                        state["running"] += 1
                        state["most"] = max(state["most"], state["running"])
                        state["admitted"] += 1
                    time.sleep(0)
                    turn.spent += 0.25  # exact in binary: the sum must be exact too
                    with lock:
                        state["running"] -= 1
            except TooManyQueries:
                with lock:
                    state["refused"] += 1

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert state["most"] == 2 and state["refused"] > 0
    assert state["admitted"] + state["refused"] == 16_000
    assert budget.spent("a") == 0.25 * state["admitted"]


@pytest.mark.parametrize("peer, forwarded, hops, client", [
    ("192.0.2.7", [], 0, "192.0.2.7"),
    ("192.0.2.7", ["203.0.113.9"], 0, "192.0.2.7"),  # not trusted: a client can write any header
    ("10.0.0.1", ["203.0.113.9"], 1, "203.0.113.9"),
    ("10.0.0.1", ["198.51.100.1, 203.0.113.9"], 1, "203.0.113.9"),  # what the client wrote comes first
    ("10.0.0.1", ["198.51.100.1, 203.0.113.9, 10.0.0.2"], 2, "203.0.113.9"),
    ("10.0.0.1", ["198.51.100.1", "203.0.113.9"], 1, "203.0.113.9"),  # several headers: one list
    ("10.0.0.1", ["203.0.113.9"], 2, "10.0.0.1"),  # fewer hops than trusted: the peer
    ("10.0.0.1", [], 1, "10.0.0.1"),
    ("2001:db8:1:2:3:4:5:6", [], 0, "2001:db8:1:2::/64"),
    ("2001:db8:1:2:ffff::1", [], 0, "2001:db8:1:2::/64"),  # the same /64: the same client
    ("::ffff:192.0.2.7", [], 0, "192.0.2.7"),
    ("10.0.0.1", ["unknown" * 40], 1, ("unknown" * 40)[:64]),
    (None, [], 0, ""),
])
def test_the_client_is_the_peer_unless_proxies_are_trusted(peer, forwarded, hops, client):
    assert client_address(peer, forwarded, hops) == client


# -- on the real app -------------------------------------------------------------------------------

LIMIT = 1.0  # seconds: the /sparql time limit of the apps here


@pytest.fixture(scope="module")
def app(build_result):
    """Queries in worker processes, short limits: a budget of 1.5 s of queries per 300 s (refilled
    at 0.005 s per s, so that what a query cost can be read back)."""
    app = create_app({"LSKG_BUILD_DIR": str(build_result.release.parent.parent), "LSKG_ISOLATE_QUERIES": True,
                      "LSKG_PAGE_CACHE": 0, "LSKG_SPARQL_TIMEOUT": LIMIT, "LSKG_QUERY_TIMEOUT": 5,
                      "LSKG_CLIENT_BUDGET_SECONDS": 1.5, "LSKG_CLIENT_BUDGET_WINDOW": 300})
    store = app.extensions["lskg"].store
    processes = [store.zygote_pid] + store.worker_pids()
    yield app
    close_app(app)
    assert wait_gone(processes) == []


@pytest.fixture(scope="module")
def budget(app) -> ClientBudget:
    return app.extensions["lskg.client_budget"]


def ask(app, address: str, query: str, headers: dict | None = None, **extra):
    client = app.test_client()
    return client.get("/sparql", query_string={"query": query, **extra}, headers=headers or JSON,
                      environ_base={"REMOTE_ADDR": address})


def test_a_client_over_its_budget_gets_429_with_retry_after(app, budget):
    start = time.monotonic()
    r = ask(app, "10.1.0.1", RUNAWAY)
    took = time.monotonic() - start
    assert r.status_code == 503 and took >= LIMIT
    assert LIMIT - 0.01 <= budget.spent("10.1.0.1") <= took  # a timed-out query costs its whole limit
    assert ask(app, "10.1.0.1", RUNAWAY).status_code == 503  # 1 s < 1.5 s: still admitted
    spent = budget.spent("10.1.0.1")
    assert spent >= 2 * LIMIT - 0.02
    r = ask(app, "10.1.0.1", SELECT_41)
    assert r.status_code == 429 and r.mimetype == "application/json"
    assert r.json["status"] == 429 and "per-client budget" in r.json["error"]
    assert "1.5 s of queries per 300 s" in r.json["error"]
    retry = int(r.headers["Retry-After"])  # until the spent time is back under 1.5 s, at 0.005 s per s
    assert retry in (math.ceil((spent - 1.5) / 0.005), math.ceil((spent - 1.5) / 0.005) - 1)
    assert 96 <= retry <= 120
    r = ask(app, "10.1.0.1", SELECT_41, headers={"Accept": "text/html"})  # a browser: the editor says why
    assert r.status_code == 429 and r.headers["Retry-After"] and 'role="alert"' in r.get_data(as_text=True)
    assert "per-client budget" in r.get_data(as_text=True) and "<textarea" in r.get_data(as_text=True)
    r = ask(app, "10.1.0.1", SELECT_41, headers={"Accept": "*/*"})
    assert r.status_code == 429 and r.mimetype == "text/plain" and "Retry-After" in r.headers
    r = ask(app, "10.1.0.2", SELECT_41)  # another address: its own budget
    assert r.status_code == 200 and r.json["results"]["bindings"][0]["d"]["value"] == NQ41


def test_a_cheap_query_costs_its_time_not_more(app, budget):
    for _ in range(5):
        assert ask(app, "10.2.0.1", SELECT_41).status_code == 200
    assert 0 < budget.spent("10.2.0.1") < 0.5


def test_pages_and_saved_queries_are_not_charged(app, budget):
    """Saved queries are curated and capped at LSKG_QUERY_TIMEOUT; a client over its /sparql
    budget still browses (a flood of pages is the proxy's to limit)."""
    with budget.turn("10.3.0.1", LIMIT) as turn:
        turn.spent = 100
    client = app.test_client()
    for path in ("/", PROJECT, "/queries/legal-documents", "/queries/legal-documents.json", "/sparql"):
        r = client.get(path, environ_base={"REMOTE_ADDR": "10.3.0.1"})
        assert r.status_code == 200, path
    assert ask(app, "10.3.0.1", SELECT_41).status_code == 429
    assert budget.spent("10.3.0.1") == pytest.approx(100, abs=0.1)


def test_a_forwarded_for_header_is_not_trusted_by_default(app, budget):
    with budget.turn("10.4.0.1", LIMIT) as turn:
        turn.spent = 100
    for forwarded in ("203.0.113.1", "10.4.0.2", "203.0.113.1, 10.4.0.3"):
        r = ask(app, "10.4.0.1", SELECT_41, headers={**JSON, "X-Forwarded-For": forwarded})
        assert r.status_code == 429, forwarded


def test_behind_trusted_proxies_the_forwarded_client_is_counted(app, budget, monkeypatch):
    monkeypatch.setitem(app.config, "LSKG_TRUSTED_PROXY_HOPS", 1)
    with budget.turn("203.0.113.5", LIMIT) as turn:
        turn.spent = 100
    proxy = "10.5.0.1"
    over = ask(app, proxy, SELECT_41, headers={**JSON, "X-Forwarded-For": "198.51.100.1, 203.0.113.5"})
    other = ask(app, proxy, SELECT_41, headers={**JSON, "X-Forwarded-For": "203.0.113.5, 203.0.113.6"})
    assert over.status_code == 429 and other.status_code == 200


# -- lanes: one client's runaways, another client's queries ----------------------------------------

def fetch_from(base: str, source: str, path: str, headers: dict | None = None):
    """(status, headers, body, seconds) of a GET sent from the local address `source`."""
    host, port = urllib.parse.urlsplit(base).hostname, urllib.parse.urlsplit(base).port
    conn = http.client.HTTPConnection(host, port, timeout=30, source_address=(source, 0))
    start = time.monotonic()
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
        return response.status, response.headers, body, time.monotonic() - start
    finally:
        conn.close()


def sparql_path(query: str) -> str:
    return "/sparql?" + urllib.parse.urlencode({"query": query})


def computing(store, before: dict[int, float], count: int, wait: float = 3.0) -> list[int]:
    """The `count` workers whose CPU time grows (running the runaways)."""
    end = time.monotonic() + wait
    while time.monotonic() < end:
        busy = [p for p in store.worker_pids() if alive(p) and cpu_seconds(p) - before.get(p, 0.0) > 0.1]
        if len(busy) >= count:
            return busy
        time.sleep(0.05)
    raise AssertionError(f"fewer than {count} workers are computing")


@pytest.fixture(scope="module")
def lanes_app(build_result):
    """The served defaults (4 workers, 2 queries at once per client, 60 s per 60 s) with a /sparql
    limit long enough to measure other clients while the runaways run."""
    app = create_app({"LSKG_BUILD_DIR": str(build_result.release.parent.parent), "LSKG_ISOLATE_QUERIES": True,
                      "LSKG_PAGE_CACHE": 0, "LSKG_SPARQL_TIMEOUT": 4.0})
    yield app
    close_app(app)


def test_one_clients_runaways_never_delay_another_client(lanes_app):
    """Client A (127.0.0.2) runs runaway queries up to its cap; a third is refused at once. Client B
    (127.0.0.3) meanwhile gets its cheap /sparql query and the site's pages in well under 2 s."""
    store = lanes_app.extensions["lskg"].store
    before = {pid: cpu_seconds(pid) for pid in store.worker_pids()}
    with served(lanes_app, threads=8) as base:
        results = []
        runaways = [threading.Thread(target=lambda: results.append(
            fetch_from(base, "127.0.0.2", sparql_path(RUNAWAY), JSON)), daemon=True) for _ in range(2)]
        for thread in runaways:
            thread.start()
        computing(store, before, 2)  # both really run, each in a worker
        status, headers, body, took = fetch_from(base, "127.0.0.2", sparql_path(SELECT_41), JSON)
        assert status == 429 and took < 0.5 and "at most 2" in json.loads(body)["error"]
        assert 1 <= int(headers["Retry-After"]) <= 4
        for path, accept in ((sparql_path(SELECT_41), JSON), ("/", {}), (PROJECT, {}),
                             ("/queries/legal-documents", {}), (sparql_path(SELECT_41), JSON)):
            status, _headers, body, took = fetch_from(base, "127.0.0.3", path, accept)
            assert status == 200 and took < 2.0, (path, status, took)
            if path.startswith("/sparql"):
                assert json.loads(body)["results"]["bindings"][0]["d"]["value"] == NQ41
        for thread in runaways:
            thread.join(timeout=10)
    assert [r[0] for r in results] == [503, 503]
    assert all(r[3] >= 4.0 for r in results)  # they ran to their limit: nobody cut them short
