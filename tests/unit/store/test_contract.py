"""The store contract (`store.base.GraphStore`), the same tests on every backend: the embedded
store, the isolated store (queries in worker processes) and the remote store over a real Oxigraph
server on 127.0.0.1, each holding the session's build of the corpus."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from lskg.store import EngineFailure, IsolatedStore, QueryError, QueryTimeout, open_release
from lskg.store.base import Dataset, ResultTooLarge, Term
from lskg.store.remote import RemoteStore
from lskg.vocab import source_graph

NQ41 = "https://w3id.org/lskg/id/legal/tinh-lang-son/2022/nq-41-hdnd"
REFERENCE = "https://w3id.org/lskg/id/graph/reference"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
ELI = "PREFIX eli: <http://data.europa.eu/eli/ontology#>\n"
DATE = ELI + "SELECT ?date WHERE { ?doc eli:date_document ?date }"
DATED = ELI + "CONSTRUCT { ?doc eli:date_document ?date } WHERE { ?doc eli:date_document ?date }"
NUMBERED = ELI + "CONSTRUCT { ?doc eli:id_local ?n } WHERE { ?doc eli:id_local ?n }"
HAS_DATE = ELI + "ASK { ?doc eli:date_document ?date }"
BY_NUMBER = ELI + 'SELECT ?doc WHERE { ?doc eli:id_local "41/NQ-HĐND" }'
DOCUMENTS = ELI + "SELECT ?doc ?date WHERE { ?doc eli:date_document ?date } ORDER BY ?doc"
BACKENDS = ["embedded", "isolated", "remote"]


def _build_dir(build_result):
    return build_result.release.parent.parent


def _open(kind: str, request, build_result):
    if kind == "embedded":
        return open_release(_build_dir(build_result))
    if kind == "isolated":
        return IsolatedStore(open_release(_build_dir(build_result)), workers=2, timeout=10)
    return RemoteStore.open(request.getfixturevalue("oxigraph_release").query_url)


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request, build_result):
    store = _open(request.param, request, build_result).start()
    yield store
    store.close()


def doc(iri: str = NQ41) -> dict[str, Term]:
    return {"doc": Term("iri", iri)}


# -- the release -------------------------------------------------------------------------------

def test_the_release_comes_with_the_store(backend, build_result, store):
    release = backend.release
    assert release.version == build_result.summary["graph_version"] != ""
    assert release.summary["graph_version"] == release.version
    assert len(release.summary["sources"]) == len(build_result.summary["sources"])
    assert release.validation.get("violations", 0) == 0
    assert REFERENCE in release.graphs and str(source_graph(build_result.summary["sources"][0]["key"])) in release.graphs
    assert release.graphs == store.release.graphs
    assert release.triples == store.release.triples > 20_000


# -- one query call ----------------------------------------------------------------------------

def test_a_bound_document_gives_its_date(backend):
    result = backend.query(DATE, doc())
    assert (result.form, result.variables, result.truncated) == ("select", ["date"], False)
    assert result.rows == [{"date": Term("literal", "2022-12-30", XSD_DATE)}]


def test_ask_with_a_bound_term(backend):
    assert backend.query(HAS_DATE, doc()).boolean is True
    assert backend.query(HAS_DATE, doc("http://example.org/nothing")).boolean is False
    assert backend.query(HAS_DATE, doc()).form == "ask"


def test_a_bound_iri_in_a_construct(backend):
    result = backend.query(DATED, doc())
    assert result.form == "graph" and result.variables == ["subject", "predicate", "object"]
    assert [(r["subject"].value, r["object"].value) for r in result.rows] == [(NQ41, "2022-12-30")]
    turtle = backend.query(DATED, doc(), fmt="turtle").serialize("turtle")
    triples = [q.triple for q in ox.parse(turtle, ox.RdfFormat.TURTLE)]
    assert [(t.subject, t.object) for t in triples] == [(ox.NamedNode(NQ41), ox.Literal("2022-12-30", datatype=ox.NamedNode(XSD_DATE)))]


def test_a_bound_literal_never_leaves_its_quotes(backend):
    assert len(backend.query(NUMBERED, {"n": Term("literal", "41/NQ-HĐND")}).rows) == 1
    injected = Term("literal", '41/NQ-HĐND" } ?doc ?p ?n { "')
    assert backend.query(NUMBERED, {"n": injected}).rows == []


def test_a_result_written_by_the_store_or_from_its_rows_is_the_same(backend):
    written = json.loads(backend.query(DATE, doc(), fmt="json").serialize("json"))
    assert written["results"]["bindings"] == [{"date": {"type": "literal", "value": "2022-12-30", "datatype": XSD_DATE}}]
    assert json.loads(backend.query(DATE, doc()).serialize("json")) == written
    assert backend.query(DATE, doc()).serialize("tsv").decode().splitlines() == ["?date", f'"2022-12-30"^^<{XSD_DATE}>']
    assert json.loads(backend.query(HAS_DATE, doc(), fmt="json").serialize("json"))["boolean"] is True
    with pytest.raises(QueryError):
        backend.query(DATE, doc(), fmt="turtle")  # not a format of SELECT answers


def test_limit_cuts_rows_and_says_so(backend):
    every = backend.query(DOCUMENTS)
    assert len(every.rows) == 25 and not every.truncated  # the dated documents of the corpus
    first = backend.query(DOCUMENTS, limit=5)
    assert first.truncated and first.rows == every.rows[:5]
    assert not backend.query(DOCUMENTS, limit=len(every.rows)).truncated
    written = backend.query(DOCUMENTS, limit=5, fmt="csv")
    assert written.truncated and len(written.serialize("csv").decode().splitlines()) == 6  # header and 5 rows
    graph = backend.query(ELI + "CONSTRUCT { ?doc eli:date_document ?date } WHERE { ?doc eli:date_document ?date }",
                          limit=3, fmt="ntriples")
    assert graph.truncated and len(graph.serialize("ntriples").splitlines()) == 3


def test_max_chars_refuses_a_longer_answer(backend):
    assert len(backend.query(DATE, doc(), max_chars=len("2022-12-30") + len(XSD_DATE)).rows) == 1
    with pytest.raises(ResultTooLarge) as refused:
        backend.query(DATE, doc(), max_chars=len("2022-12-30"))
    assert refused.value.max_chars == len("2022-12-30")
    with pytest.raises(ResultTooLarge):
        backend.query(DOCUMENTS, max_chars=1000)


def test_a_passed_deadline_is_a_timeout_naming_its_limit(backend):
    with pytest.raises(QueryTimeout) as late:
        backend.query("SELECT * WHERE { ?s ?p ?o }", timeout=0)
    assert late.value.limit == 0 and "0 s" in str(late.value)
    assert backend.query(DATE, doc()).rows[0]["date"].value == "2022-12-30"  # the store still answers


def test_the_dataset_chooses_the_graphs(backend):
    assert [r["doc"].value for r in backend.query(BY_NUMBER).rows] == [NQ41]
    assert backend.query(BY_NUMBER, dataset=Dataset(default_graphs=(REFERENCE,))).rows == []
    named = ELI + "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?doc eli:date_document ?date } }"
    graphs = {r["g"].value for r in backend.query(named, doc()).rows}
    assert graphs and graphs <= set(backend.release.graphs) and REFERENCE not in graphs
    assert backend.query(named, doc(), dataset=Dataset(named_graphs=(REFERENCE,))).rows == []


def test_a_syntax_error_is_a_query_error(backend):
    with pytest.raises(QueryError):
        backend.query("SELECT ?s WHERE { ?s ?p }")


# -- life cycle ---------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", BACKENDS)
def test_start_and_close(kind, request, build_result):
    store = _open(kind, request, build_result)
    assert store.start() is store
    assert store.query(DATE, doc()).rows[0]["date"].value == "2022-12-30"
    assert store.capacity == (2 if kind == "isolated" else None)
    store.close()
    store.close()  # safe twice
    if kind == "isolated":
        with pytest.raises(EngineFailure):
            store.query(DATE, doc())
