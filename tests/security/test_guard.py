"""The guard itself: it parses every query (pure Python, holding the GIL), so its own cost is bounded.

rdflib takes about 1 ms per operand of a long `1+1+…` chain: a 20 000-character query would hold
the web process for 10 s before anything ran. The parse has a CPU budget; past it the query is
refused (400, a message), and so is the same text the next time, at no cost.
"""

from __future__ import annotations

import json
import subprocess
import sys
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


_RACE = r"""
import json, sys, threading
sys.path.insert(0, sys.argv[1])
sys.setswitchinterval(1e-6)  # switch threads as often as CPython can: the race needs a switch mid-call
from rdflib.plugins.sparql.parser import QueryUnit
from lskg.sparql_guard import Refused, ServiceRefused, UpdateRefused, check_query
from tests.security.sparql_corpus import OWN_GRAPHS, QUERIES, SERVICES, UPDATES, parse_actions_never_called

THREADS = int(sys.argv[2])
cases = [(q, None) for q in QUERIES] + [(q, ServiceRefused) for q in SERVICES] + [(q, UpdateRefused) for q in UPDATES]
barrier = threading.Barrier(THREADS)
wrong = []

def check(text, refusal, who):
    try:
        check_query(text, OWN_GRAPHS)
        if refusal:
            wrong.append([who, text[-80:], "accepted, not " + refusal.__name__])
    except Refused as exc:
        if type(exc) is not refusal:
            wrong.append([who, text[-80:], f"{type(exc).__name__}: {exc}"])

def race(n):
    for text, refusal in cases:
        barrier.wait()  # every thread makes its first call of this text's parse actions at once
        check(f"{text}\n# thread {n}", refusal, f"thread {n}")

threads = [threading.Thread(target=race, args=(n,)) for n in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for text, refusal in cases:  # and afterwards: a wrong arity once learned would stay wrong
    check(f"{text}\n# after", refusal, "after the race")
print(json.dumps({"wrong": wrong, "never_called": parse_actions_never_called(QueryUnit)}))
"""


def test_concurrent_first_parses_all_succeed():
    """pyparsing learns a parse action's arity on its first call, by trial and without a lock: two
    threads making that first call together could leave it wrong for good (every later query using
    the rule: 400 "<lambda>() missing 1 required positional argument"). The guard parses one query at
    a time. Proved in fresh processes, where no arity is known yet: threads start every text of a
    corpus that reaches every parse action of the query grammar at the same moment."""
    from .conftest import ROOT

    for attempt in range(3):
        out = subprocess.run([sys.executable, "-c", _RACE, str(ROOT), "16"], capture_output=True, text=True,
                             timeout=300, check=True)
        report = json.loads(out.stdout)
        assert report["wrong"] == [], f"attempt {attempt}: {report['wrong'][:5]}"
        # the corpus reaches every parse action but one: rdflib 7.6 cannot negate a decimal (`-1.5`
        # raises "Not a number" in its parse action, alone or not), so that action never completes
        assert report["never_called"] == ["{Suppress:('-') Re:('[0-9]*\\.[0-9]+')} (<lambda>)"]


def test_a_wait_for_the_parser_is_neither_parse_time_nor_charged(monkeypatch):
    """While one thread's slow parse holds the parser, another thread's query waits: the wait is
    not counted against its parse budget, and the endpoint's `waiting` hook takes it out of the time
    the client is charged."""
    from lskg.web.client_budget import Turn

    monkeypatch.setattr(sparql_guard, "MAX_PARSE_SECONDS", 1.0)
    slow = threading.Thread(target=lambda: pytest.raises(QueryTooComplex, check_query, SLOW + " # 3", []))
    slow.start()
    while not sparql_guard._PARSER.locked():
        time.sleep(0.001)
    turn = Turn(time.monotonic)
    start = time.monotonic()
    with turn.timed():
        checked = check_query("SELECT ?s WHERE { ?s ?p -1 . ?s ?q 1e3 } # waited", [], waiting=turn.untimed)
    waited = time.monotonic() - start
    slow.join()
    assert checked.form == "select"
    assert waited > 0.5  # it did wait for the slow parse (about 1 s of CPU)...
    assert turn.spent < 0.2  # ...and is charged only its own parse
