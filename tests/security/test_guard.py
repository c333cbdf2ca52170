"""The guard itself: it parses every query (pure Python, holding the GIL), so its own cost is bounded.

rdflib takes about 1 ms per operand of a long `1+1+…` chain: a 20 000-character query would hold
the web process for 10 s before anything ran. The parse has a CPU budget; past it the query is
refused (400, a message), and so is the same text the next time, at no cost.
"""

from __future__ import annotations

import threading
import time

import pytest

from lskg import sparql_guard
from lskg.sparql_guard import QueryTooComplex, check_query

SLOW = "ASK { FILTER(1" + "+1" * 9_000 + ") }"  # about 9 s of parsing without the budget


def test_a_slow_parse_is_stopped_at_its_budget(monkeypatch):
    monkeypatch.setattr(sparql_guard, "MAX_PARSE_SECONDS", 0.3)
    query = SLOW + " # 1"
    start = time.monotonic()
    with pytest.raises(QueryTooComplex, match="more than 0.3 s to parse"):
        check_query(query, [])
    assert time.monotonic() - start < 1.5
    start = time.monotonic()
    with pytest.raises(QueryTooComplex):  # remembered: the second refusal costs nothing
        check_query(query, [])
    assert time.monotonic() - start < 0.05


def test_the_endpoint_answers_400_quickly(client, monkeypatch):
    monkeypatch.setattr(sparql_guard, "MAX_PARSE_SECONDS", 0.3)
    start = time.monotonic()
    r = client.get("/sparql", query_string={"query": SLOW + " # 2"})
    assert r.status_code == 400 and "to parse" in r.get_data(as_text=True)
    assert time.monotonic() - start < 1.5


def test_real_queries_are_far_inside_the_budget():
    patterns = " ".join(f"?d <http://data.europa.eu/eli/ontology#id_local> ?n{i} ." for i in range(350))
    query = f"SELECT ?d WHERE {{ {patterns} }}"
    assert len(query) < 20_000
    start = time.thread_time()
    assert check_query(query, []).form == "select"
    assert time.thread_time() - start < sparql_guard.MAX_PARSE_SECONDS / 2


def test_other_threads_parse_without_a_budget():
    """The hook is per thread: rdflib parsing elsewhere (no budget set) is never interrupted."""
    from rdflib.plugins.sparql.parser import parseQuery

    check_query("ASK {}", [])  # the hook is installed
    done = []

    def parse():
        done.append(parseQuery("ASK { FILTER(1" + "+1" * 300 + ") }"))

    thread = threading.Thread(target=parse)
    thread.start()
    thread.join(timeout=30)
    assert len(done) == 1
