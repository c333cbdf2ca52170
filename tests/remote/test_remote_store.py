"""The remote backend against a real Oxigraph server: `lskg load`, the saved queries row for row
against the embedded store, and the hardening guarantees on this backend.

The web suite runs over this server as well (tests/web/conftest.py)."""

from __future__ import annotations

import io
import socket
import threading
import time
from pathlib import Path

import pytest

from lskg.cli import main
from lskg.queries import Catalogue
from lskg.store.downloads import write_csv
from lskg.store.base import EngineUnavailable, QueryError, QueryTimeout, Term
from lskg.store.loading import LoadFailed, Target, _RequestFailed, _Writer, load_release
from lskg.store.local_engines import OxigraphServer, free_port
from lskg.store.remote import NoRelease, RemoteStore
from lskg.vocab import RELEASE_GRAPH, UNION_GRAPH, source_graph

ROOT = Path(__file__).resolve().parents[2]


def _raw(url: str) -> RemoteStore:
    """The server as it is, every graph visible (no union graph named as the default)."""
    return RemoteStore(url, default_graph="")


def _build_dir(build_result) -> Path:
    return build_result.release.parent.parent


@pytest.fixture(scope="module")
def remote(oxigraph_release) -> RemoteStore:
    return RemoteStore.open(oxigraph_release.query_url)


def _rows(result) -> list[tuple]:
    """Rows as comparable tuples; a GROUP_CONCAT cell ("a | b") is a set, whose order no engine fixes."""
    def cell(term):
        if term is None:
            return None
        parts = term.value.split(" | ")
        return (term.kind, " | ".join(sorted(parts)), term.datatype, term.language)
    return sorted((tuple(cell(row.get(v)) for v in result.variables) for row in result.rows), key=repr)


@pytest.mark.parametrize("name", sorted(Catalogue(ROOT / "queries").queries))
def test_every_saved_query_gives_the_same_rows_on_both_backends(name, store, remote):
    saved = Catalogue(ROOT / "queries").get(name)
    bindings = saved.bindings({})
    here, there = store.query(saved.text, bindings), remote.query(saved.text, bindings)
    assert there.variables == here.variables
    assert _rows(there) == _rows(here)
    assert here.rows, f"{name} returned nothing: the comparison would prove nothing"


# the saved queries that put lists together (once GROUP_CONCAT, whose order is each engine's own)
LISTS = ("legal-documents", "organizations", "projects")


@pytest.mark.parametrize("name", LISTS)
def test_saved_queries_with_lists_give_byte_identical_csv_on_both_backends(name, store, remote):
    """Not only the same rows: the same bytes, lists and rows in the same order, in lskg's CSV (the
    web's `.csv`, `lskg query --format csv`) and in the engine's own SPARQL CSV."""
    saved = Catalogue(ROOT / "queries").get(name)
    here, there = store.query(saved.text), remote.query(saved.text)
    written = []
    for result in (here, there):
        out = io.StringIO()
        write_csv(result, out)
        written.append(out.getvalue().encode("utf-8"))
    assert written[0] == written[1]
    assert " | " in written[0].decode("utf-8")  # a list of more than one item is compared
    assert (store.query(saved.text, fmt="csv").serialize("csv")
            == remote.query(saved.text, fmt="csv").serialize("csv"))


def test_a_list_is_in_code_point_order(store):
    rows = {row["document"].value: row for row in store.query(Catalogue(ROOT / "queries").get("legal-documents").text).rows}
    # 11-NQ/TW is cited by 001 and 004, in that order whichever the engine meets first
    assert rows["https://w3id.org/lskg/id/legal/vn/2022/nq-11-tw"]["sources"].value == \
        "001_b1e20f47a2bd82ec.txt | 004_08bffe02da026834.txt"


def test_parameters_are_bound_as_terms_on_the_remote_store(store, remote):
    saved = Catalogue(ROOT / "queries").get("indicator-series")
    bindings = saved.bindings({"indicator": "ind:grdp-growth"})
    rows = remote.query(saved.text, bindings).rows
    assert _rows(remote.query(saved.text, bindings)) == _rows(store.query(saved.text, bindings))
    values_2021 = {r["value"].value for r in rows if r["periodEnd"].value.startswith("2021")}
    assert {"6.76", "6.67"} <= values_2021  # 001 and 002 disagree; both are served
    injected = {"indicator": Term("literal", 'x" || true || "')}
    assert remote.query(saved.text, injected).rows == []


def test_the_release_travels_with_the_store(build_result, remote):
    assert remote.release.summary["graph_version"] == build_result.summary["graph_version"]
    assert remote.release.validation.get("violations", 0) == 0
    assert str(source_graph(build_result.summary["sources"][0]["key"])) in remote.release.graphs
    assert str(UNION_GRAPH) not in remote.release.graphs
    assert remote.release.triples == RemoteStore.open(remote.query_url).release.triples > 20_000


def test_the_union_graph_is_a_set_not_a_bag(store, remote):
    """A triple said by several sources (a document's type) matches once, as on the embedded store."""
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert remote.query(count).rows[0]["n"].value == store.query(count).rows[0]["n"].value
    assert int(remote.query(count).rows[0]["n"].value) == store.release.triples


def test_loading_twice_changes_nothing(oxigraph_release, build_result, remote):
    before = remote.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0]["n"].value
    report = load_release(_build_dir(build_result), Target(oxigraph_release.query_url, oxigraph_release.update_url))
    assert report.loaded == [] and report.dropped == []
    assert len(report.skipped) == len(remote.release.graphs) + 1  # every graph and the union
    after = remote.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0]["n"].value
    assert after == before


def test_a_load_that_fails_midway_is_finished_by_a_rerun(build_result, monkeypatch):
    with OxigraphServer() as server:
        target = Target(server.query_url, server.update_url)
        real, moves = _Writer.update, []

        def failing(self, text):
            if text.startswith("MOVE"):
                moves.append(text)
                if len(moves) == 3:  # the third graph is written aside but not moved into place
                    raise _RequestFailed("HTTP 500 (test)")
            return real(self, text)

        monkeypatch.setattr(_Writer, "update", failing)
        with pytest.raises(LoadFailed, match="run the same command again"):
            load_release(_build_dir(build_result), target, batch=2000)
        monkeypatch.setattr(_Writer, "update", real)
        with pytest.raises(NoRelease):  # the release description is written last
            RemoteStore.open(server.query_url)
        report = load_release(_build_dir(build_result), target, batch=2000)
        assert len(report.skipped) == 2 and len(report.loaded) == 6  # the two graphs done before are kept
        loaded = RemoteStore.open(server.query_url)
        assert loaded.release.summary["graph_version"] == build_result.summary["graph_version"]
        staging = 'ASK { GRAPH ?g { ?s ?p ?o } FILTER (CONTAINS(STR(?g), "/graph/loading/")) }'
        assert _raw(server.query_url).query(staging).boolean is False  # the twin of the failed graph was moved


def test_graph_store_protocol_only_load_and_stale_graphs_dropped(build_result, paths, tmp_path):
    """Loading through GSP alone, then a release with one source fewer: its graph is dropped."""
    from lskg.pipeline import build
    import shutil

    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "data" / "sources", sources)
    first = sorted(sources.glob("*.txt"))[0]
    with OxigraphServer() as server:
        target = Target(server.query_url, graph_store_url=server.graph_store_url)
        load_release(_build_dir(build_result), target)
        full = RemoteStore.open(server.query_url)
        assert len(full.release.graphs) == 7
        first.unlink()
        lines = (sources / "sources.csv").read_text(encoding="utf-8").splitlines()
        (sources / "sources.csv").write_text("\n".join(l for l in lines if first.name not in l) + "\n", encoding="utf-8")
        out = tmp_path / "out"
        build(sources, out, paths, registry_path=tmp_path / "iris.tsv")
        report = load_release(out, target)
        assert len(report.dropped) == 1
        smaller = RemoteStore.open(server.query_url)
        assert len(smaller.release.graphs) == 6 and report.dropped[0] not in smaller.release.graphs
        assert _raw(server.query_url).query(f"ASK {{ GRAPH <{report.dropped[0]}> {{ ?s ?p ?o }} }}").boolean is False


def test_the_remote_store_never_sends_an_update(remote):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = remote.query(count).rows[0]["n"].value
    for update in ("INSERT DATA { <http://a> <http://b> <http://c> }", "DROP ALL",
                   f"CLEAR GRAPH <{RELEASE_GRAPH}>"):
        with pytest.raises(QueryError, match="never sent"):
            remote.query(update)
    assert remote.query(count).rows[0]["n"].value == before


def test_engine_errors_map_to_clear_exceptions(oxigraph_release):
    store = RemoteStore(oxigraph_release.query_url)
    with pytest.raises(QueryError) as refused:
        store.query("SELECT ?s WHERE { ?s ?p }")
    assert "HTTP 400" in str(refused.value) and "oxigraph" not in str(refused.value).lower()
    with pytest.raises(EngineUnavailable, match="could not be reached"):
        RemoteStore(f"http://127.0.0.1:{free_port()}/query").query("SELECT * WHERE { ?s ?p ?o }")
    empty = OxigraphServer()
    with empty:
        with pytest.raises(NoRelease, match="lskg load"):
            RemoteStore.open(empty.query_url)


def test_a_slow_answer_is_cut_at_the_client_timeout():
    """A server that accepts the connection and never answers: the caller gets QueryTimeout near
    its limit, not a hang (the engine's own limit is configured on the engine)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    held = []
    threading.Thread(target=lambda: held.append(listener.accept()), daemon=True).start()
    store = RemoteStore(f"http://127.0.0.1:{listener.getsockname()[1]}/query")
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        store.query("SELECT * WHERE { ?s ?p ?o }", timeout=1)
    assert time.monotonic() - started < 3
    listener.close()


def test_a_long_query_is_given_up_at_its_limit(remote):
    """Oxigraph's --timeout-s does not stop a long aggregate (the server answers when it is done),
    so the client timeout is what bounds a request; docs/ENGINES.md says what that leaves running."""
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="longer than 2 s"):
        remote.query(slow, timeout=2)
    assert time.monotonic() - started < 4


def test_cli_load_query_and_errors(oxigraph_release, build_result, capsys):
    build_dir = str(_build_dir(build_result))
    code = main(["load", "--store", build_dir, "--endpoint", oxigraph_release.query_url,
                 "--update-endpoint", oxigraph_release.update_url])
    out = capsys.readouterr()
    assert code == 0 and "0 graphs (0 triples) replaced, 8 unchanged" in out.out
    assert "unchanged" in out.err  # progress, per graph
    code = main(["query", "indicator-series", "--param", "indicator=ind:grdp-growth", "--format", "csv",
                 "--endpoint", oxigraph_release.query_url])
    out = capsys.readouterr().out
    assert code == 0 and "6.76" in out and "6.67" in out
    assert main(["load", "--store", build_dir, "--endpoint", oxigraph_release.query_url]) == 2
    assert "--update-endpoint" in capsys.readouterr().err
    dead = f"http://127.0.0.1:{free_port()}"
    assert main(["load", "--store", build_dir, "--endpoint", dead + "/query", "--update-endpoint", dead + "/update"]) == 1
    assert "could not be reached" in capsys.readouterr().err
    assert main(["query", "conflicts", "--endpoint", dead + "/query"]) == 1
    assert "could not be reached" in capsys.readouterr().err


def test_web_app_over_a_dead_engine_answers_502(oxigraph_release, build_result):
    from lskg.web import create_app

    with OxigraphServer() as server:
        load_release(_build_dir(build_result), Target(server.query_url, server.update_url))
        app = create_app({"LSKG_SPARQL_ENDPOINT": server.query_url, "TESTING": True})
        client = app.test_client()
        assert client.get("/queries/conflicts").status_code == 200
    # the server is gone now
    r = client.get("/queries/legal-documents.json")
    assert r.status_code == 502 and "could not be reached" in r.get_json()["error"]
    r = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 502
    assert client.get("/-/health").status_code == 200  # the page needs no query


def test_a_new_load_is_picked_up_by_a_serving_app(build_result):
    from lskg.web.reloading import ReleaseSwitcher, endpoint_probe
    from lskg.web import create_app

    with OxigraphServer() as server:
        load_release(_build_dir(build_result), Target(server.query_url, server.update_url))
        switcher = ReleaseSwitcher(endpoint_probe(server.query_url),
                                   lambda: create_app({"LSKG_SPARQL_ENDPOINT": server.query_url, "TESTING": True}),
                                   interval=0)
        assert switcher.check() is False
        load_release(_build_dir(build_result), Target(server.query_url, server.update_url))  # a new load time
        assert switcher.check() is True
        switcher.close()



@pytest.fixture()
def listener():
    from tests.security.conftest import Listener

    server = Listener()
    yield server
    server.close()


def test_the_server_itself_runs_service_when_asked_directly(oxigraph_release, listener):
    """The control for the test below: the Oxigraph server, sent SERVICE without lskg in between,
    connects to the listener; so zero connections through lskg means lskg refused it."""
    import urllib.parse
    import urllib.request

    query = f"SELECT * WHERE {{ SERVICE <{listener.url()}> {{ ?s ?p ?o }} }}"
    request = urllib.request.Request(oxigraph_release.query_url, data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:  # the answer starts as 200 and breaks off, or is an error: either way the engine went out
        urllib.request.urlopen(request, timeout=10).read()
    except OSError:
        pass
    assert len(listener.seen()) >= 1


@pytest.mark.parametrize("how", ["get", "form", "direct", "editor"])
def test_service_and_foreign_graphs_never_reach_the_remote_engine(oxigraph_release, listener, how):
    from lskg.web import create_app
    from tests.security.test_network import send, service_queries

    client = create_app({"LSKG_SPARQL_ENDPOINT": oxigraph_release.query_url}).test_client()
    for query in service_queries(listener.url()):
        r = send(client, how, query)
        assert r.status_code == 400 and "SERVICE" in r.get_data(as_text=True), query
    r = send(client, how, f"SELECT * FROM <{listener.url()}> WHERE {{ ?s ?p ?o }}")
    assert r.status_code == 400
    r = send(client, "get", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", **{"default-graph-uri": listener.url()})
    assert r.status_code == 400
    assert listener.seen() == []


@pytest.fixture(scope="module")
def virtuoso_release(build_result, virtuoso_read_only):
    """Virtuoso as a deployment should run it: /sparql read-only for the web app (no update grant,
    so no SERVICE or LOAD for anonymous users), the release loaded through /sparql-auth with digest
    credentials, in the default batch size (split into blocks Virtuoso's parser takes)."""
    server = virtuoso_read_only
    user, password = server.DBA
    load_release(_build_dir(build_result), Target(server.query_url, server.base_url + "/sparql-auth",
                                                 user=user, password=password))
    return RemoteStore.open(server.query_url)


@pytest.mark.parametrize("name", sorted(Catalogue(ROOT / "queries").queries))
def test_every_saved_query_gives_the_same_rows_on_virtuoso(name, store, virtuoso_release):
    saved = Catalogue(ROOT / "queries").get(name)
    bindings = saved.bindings({})
    assert _rows(virtuoso_release.query(saved.text, bindings)) == _rows(store.query(saved.text, bindings))


def test_virtuoso_serves_the_web_app_and_its_ask(virtuoso_release, store):
    from lskg.web import create_app

    assert virtuoso_release.query("ASK { ?s a <http://data.europa.eu/eli/ontology#LegalResource> }").boolean is True
    assert virtuoso_release.query("ASK { ?s a <http://example.org/Nothing> }").boolean is False
    assert virtuoso_release.release.triples == store.release.triples
    client = create_app({"LSKG_SPARQL_ENDPOINT": virtuoso_release.query_url, "TESTING": True}).test_client()
    page = client.get("/id/project/cao-toc-huu-nghi-chi-lang").get_data(as_text=True)
    assert "11.024,7" in page and "59,87" in page
    r = client.get("/queries/indicator-series.json", query_string={"indicator": "ind:grdp-growth"})
    assert {"6.76", "6.67"} <= {row["value"] for row in r.get_json()["rows"]}


def test_anonymous_virtuoso_endpoint_refuses_updates(virtuoso_release):
    import urllib.error
    import urllib.parse
    import urllib.request

    update = urllib.parse.urlencode({"update": f"DROP SILENT GRAPH <{UNION_GRAPH}>"}).encode()
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(urllib.request.Request(virtuoso_release.query_url, data=update), timeout=10)
    assert RemoteStore.open(virtuoso_release.query_url).release.triples == virtuoso_release.release.triples


FOREIGN_GRAPH = "http://example.org/not-in-the-release"


@pytest.fixture()
def foreign_graph(oxigraph_release):
    """A graph on the engine that the release does not hold (another data set, a staging copy),
    removed afterwards."""
    writer = _Writer(Target(oxigraph_release.query_url, oxigraph_release.update_url))
    writer.update(f'INSERT DATA {{ GRAPH <{FOREIGN_GRAPH}> {{ <http://example.org/s> <http://example.org/p> "hidden" }} }}')
    try:
        yield FOREIGN_GRAPH
    finally:
        writer.update(f"DROP SILENT GRAPH <{FOREIGN_GRAPH}>")


def test_a_language_tag_spelling_from_does_not_lift_the_confinement(oxigraph_release, foreign_graph):
    """`"x"@from` is a language tag, not a FROM clause: the query is still confined to the release's
    graphs (before, the store saw the word FROM, sent no dataset, and the query read every graph)."""
    from lskg.web import create_app

    query = 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?o != "x"@from) }'
    assert foreign_graph in {r["g"].value for r in _raw(oxigraph_release.query_url).query(query).rows}  # control
    store = RemoteStore.open(oxigraph_release.query_url)
    seen = {r["g"].value for r in store.query(query).rows}
    assert seen and seen <= set(store.release.graphs)
    client = create_app({"LSKG_SPARQL_ENDPOINT": oxigraph_release.query_url, "TESTING": True}).test_client()
    r = client.get("/sparql", query_string={"query": query, "format": "json"})
    assert r.status_code == 200
    graphs = {b["g"]["value"] for b in r.get_json()["results"]["bindings"]}
    assert graphs and foreign_graph not in graphs and graphs <= set(store.release.graphs)
