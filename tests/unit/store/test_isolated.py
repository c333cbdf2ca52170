"""store/isolated.py on a release of three quads (on the whole corpus: test_contract.py beside this
file and tests/security/test_limits.py): calls before start run here, after it in forked workers; a
call past its limit or a worker that dies costs that one call, and the worker is replaced."""

import os

import pytest

from lskg.store import EmbeddedStore, EngineFailure, QueryTimeout
from lskg.store.isolated import IsolatedStore
from lskg.store.base import Term

NQ11 = "https://w3id.org/lskg/id/legal/vn/2022/nq-11-tw"
SOURCE = "https://w3id.org/lskg/id/graph/source/001"
ELI = "http://data.europa.eu/eli/ontology#"
DATE = f"SELECT ?date WHERE {{ ?doc <{ELI}date_document> ?date }}"
# "Nghị quyết số 11-NQ/TW, ngày 10/02/2022 của Bộ Chính trị" (document 001)
QUADS = f"""<{NQ11}> <{ELI}date_document> "2022-02-10"^^<http://www.w3.org/2001/XMLSchema#date> <{SOURCE}> .
<{NQ11}> <{ELI}id_local> "11-NQ/TW" <{SOURCE}> .
<{NQ11}> <http://www.w3.org/2000/01/rdf-schema#label> "Nghị quyết 11-NQ/TW"@vi <{SOURCE}> .
"""
# twenty unjoined patterns, each matching the three triples: 3^20 (3.5e9) rows to count, far more
# than the engine gets through within the limit below
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(20)) + " }"


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    path = tmp_path_factory.mktemp("isolated") / "dataset.nq"
    path.write_text(QUADS, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def isolated(release):
    store = IsolatedStore(EmbeddedStore.from_nquads(release, {"graph_version": "abc123"}), workers=2, timeout=10)
    yield store
    store.close()


def test_before_start_calls_run_here_and_after_it_in_workers(isolated):
    assert not isolated.started and isolated.worker_pids() == []
    assert isolated.query(DATE).rows == [{"date": Term("literal", "2022-02-10",
                                                       "http://www.w3.org/2001/XMLSchema#date")}]
    isolated.start()
    pids = isolated.worker_pids()
    assert isolated.started and isolated.capacity == 2 and len(pids) == 2
    assert os.getpid() not in pids and isolated.zygote_pid not in pids
    rows = isolated.query("SELECT ?n WHERE { ?doc ?p ?n }", {"doc": Term("iri", NQ11)}).rows
    assert {r["n"].value for r in rows} == {"2022-02-10", "11-NQ/TW", "Nghị quyết 11-NQ/TW"}
    assert isolated.release.version == "abc123" and isolated.release.triples == 3
    assert isolated.release.graphs == (SOURCE,)


def test_a_call_past_its_limit_is_stopped_and_its_worker_replaced(isolated):
    isolated.start()
    before = set(isolated.worker_pids())
    with pytest.raises(QueryTimeout):
        isolated.query(SLOW, timeout=0.5)
    after = set(isolated.worker_pids())
    assert len(after) == 2 and len(after - before) == 1  # one worker killed, one fresh in its place
    assert isolated.query(DATE).rows[0]["date"].value == "2022-02-10"


def test_a_worker_that_dies_costs_one_call(isolated):
    isolated.start()
    with pytest.raises(EngineFailure):  # nested deep enough to overflow the engine's stack
        isolated.query("SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000 + " LIMIT 1")
    assert len(isolated.worker_pids()) == 2
    assert isolated.query(f"ASK {{ <{NQ11}> <{ELI}id_local> \"11-NQ/TW\" }}").boolean is True


def test_what_an_isolated_store_needs(release):
    loaded = EmbeddedStore.from_nquads(release)
    with pytest.raises(ValueError, match="at least one worker"):
        IsolatedStore(loaded, workers=0)
    with pytest.raises(ValueError, match="N-Quads file"):
        IsolatedStore(EmbeddedStore(loaded.store))
    store = IsolatedStore(loaded, workers=1)
    store.close()
    store.close()  # twice is safe
    assert not store.started
