"""The query gate against the W3C SPARQL syntax suites (SPARQL 1.0 syntax 1–5, SPARQL 1.1
syntax-query and syntax-fed): it refuses only what it means to refuse.

The suites come from rdflib's source distribution on PyPI (`tests/w3c_suites.py`). A positive test
passes when the gate accepts the query and Oxigraph runs the text the gate hands it (over an empty
store), unless it is listed below with the reason the gate refuses it; a negative test passes when
the gate or the engine refuses it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, Graph, Namespace
from rdflib.collection import Collection

from lskg.sparql_guard import Refused, ServiceRefused, check_query

from ..w3c_suites import SUITES as _SUITES
from ..w3c_suites import w3c_suites

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
DAWGT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#")
SUITES = [suite for suite in _SUITES if "syntax" in suite]
BASE = "http://localhost/sparql"  # the endpoint's URL: the base the endpoint gives relative IRIs

# valid SPARQL the gate refuses on purpose (SECURITY.md, point 1), and why
MEANT_TO_REFUSE = {
    **{f"syntax-service-0{i}.rq": "SERVICE: no query reaches the network" for i in (1, 2, 3)},
    **{f"syntax-dataset-0{i}.rq": "FROM names a graph the store does not hold" for i in (1, 2, 3, 4)},
    "syntax-construct-where-02.rq": "FROM <file> names a graph the store does not hold",
}
# SPARQL 1.0 tests that SPARQL 1.1 no longer accepts: `123.` is no decimal in SPARQL 1.1 (DECIMAL
# needs a digit after the dot), so `:x :p 123. .` has one dot too many; rdflib and Oxigraph agree
NOT_SPARQL_11 = {"syntax-lit-08.rq"}
# negative tests both parsers accept, read the same way: `?x<?a&&?b>?y` is a comparison to both
# (the longest-token rule would make `<?a&&?b>` an IRI and the query an error)
READ_ALIKE = {"syn-bad-26.rq"}


@cache
def _tests() -> tuple[list[Path], list[Path]]:
    """The positive and negative query syntax tests of the suites (withdrawn ones left out)."""
    positive, negative = [], []
    for suite in SUITES:
        folder = w3c_suites() / suite
        g = Graph()
        g.parse(folder / "manifest.ttl", format="turtle", publicID=(folder / "manifest.ttl").as_uri())
        for manifest in g.subjects(RDF.type, MF.Manifest):
            for entries in g.objects(manifest, MF.entries):
                for test in Collection(g, entries):
                    kind = str(g.value(test, RDF.type)).rsplit("#", 1)[-1]
                    if g.value(test, DAWGT.approval) == DAWGT.Withdrawn or "Update" in kind:
                        continue
                    path = folder / str(g.value(test, MF.action)).rsplit("/", 1)[-1]
                    if kind.startswith("PositiveSyntaxTest"):
                        positive.append(path)
                    elif kind.startswith("NegativeSyntaxTest"):
                        negative.append(path)
    return positive, negative


@cache
def _gate(text: str) -> str | None:
    """The text the gate hands the engine, or None if it refuses."""
    try:
        return check_query(text, [], base=BASE).text
    except Refused:
        return None


def _engine_reads(text: str, base: str | None = None) -> bool:
    try:
        ox.Store().query(text, base_iri=base)
    except SyntaxError:
        return False
    except Exception:  # noqa: BLE001 - parsed; an evaluation error (unknown function…) is not a syntax error
        return True
    return True


def test_the_suites_are_all_there():
    positive, negative = _tests()
    assert len(positive) == 212 and len(negative) == 76


def test_every_valid_query_passes_the_gate_and_runs_unless_meant_to_be_refused():
    positive, _ = _tests()
    refused = {}
    for path in positive:
        text = path.read_text(encoding="utf-8")
        checked = _gate(text)
        if checked is None or not _engine_reads(checked):
            refused[path.name] = text
    assert set(refused) == set(MEANT_TO_REFUSE) | NOT_SPARQL_11
    for name in MEANT_TO_REFUSE:  # never run: SERVICE queries go no further than the gate
        assert _gate(refused[name]) is None


def test_the_gate_accepts_at_least_what_the_engine_alone_accepts():
    positive, _ = _tests()
    engine = [p for p in positive if p.name not in MEANT_TO_REFUSE
              and _engine_reads(p.read_text(encoding="utf-8"), base=p.as_uri())]
    through_gate = [p for p in positive if (checked := _gate(p.read_text(encoding="utf-8"))) and _engine_reads(checked)]
    assert len(through_gate) == 203 and len(engine) == 201


def test_every_invalid_query_is_refused_by_the_gate_or_the_engine():
    _, negative = _tests()
    accepted = [p.name for p in negative if (checked := _gate(p.read_text(encoding="utf-8"))) and _engine_reads(checked)]
    assert set(accepted) == READ_ALIKE


def test_what_rdflib_misread_is_now_read_as_the_engine_reads_it():
    """A negative decimal (rdflib: "Not a number"), a relative IRI (the engine: no base)."""
    assert _gate("SELECT * WHERE { <a><b>-1.0 }") == f"BASE <{BASE}> SELECT * WHERE {{ <a><b>-1.0 }}"
    assert _engine_reads(_gate("SELECT * { <s> ?p ?o }"))
    with pytest.raises(ServiceRefused):
        check_query("SELECT * WHERE { <a><b> -1.0 . SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", [], base=BASE)
