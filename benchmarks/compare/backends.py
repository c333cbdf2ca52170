"""The four backends behind one small interface, each run in its own child process.

`fresh()` readies an empty backend (untimed: a server's start-up is not its load time), `load()`
loads the release (timed), `select()` answers a saved query (row count), `pid` is the engine
process whose peak RSS is reported. Backends that the web app can run on say how to configure it.
"""

from __future__ import annotations

import gc
import os
import signal
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph
import rdflib

from lskg.store import open_release
from lskg.store.base import Term
from lskg.store.loading import Target, load_release
from lskg.store.local_engines import LocalEngine, OxigraphServer, VirtuosoServer
from lskg.store.remote import RemoteStore

# a remote engine's slowest query at 5M triples still has to finish to be measured
QUERY_TIMEOUT_S = 120


class Embedded:
    name = "embedded"
    title = "embedded pyoxigraph"
    web = True

    def __init__(self, build: Path):
        self.build = build
        self.store = None
        self.version = pyoxigraph.__version__
        self.pid = os.getpid()

    def fresh(self) -> None:
        self.store = None
        gc.collect()  # the previous run's store goes before the next is built: peaks do not add up

    def load(self) -> None:
        self.store = open_release(self.build)

    def select(self, text: str, bindings: dict[str, Term]) -> int:
        return len(self.store.query(text, bindings).rows)

    def before_web(self) -> None:
        self.fresh()  # the app loads its own copy

    def app_config(self) -> dict:
        return {"LSKG_BUILD_DIR": str(self.build), "LSKG_ISOLATE_QUERIES": 0}

    def serve_variants(self) -> dict[str, tuple[list[str], dict]]:
        """`lskg serve` as deployed (queries in worker processes), with queries in the web process,
        and as deployed with its page cache on: every sampled page is remembered after the warm-up,
        so that variant shows what waitress and Flask alone allow."""
        store = ["--store", str(self.build)]
        return {"served (query workers)": (store, {}),
                "served (in-process queries)": (store, {"LSKG_ISOLATE_QUERIES": "0"}),
                "served (query workers, page cache on)": (store, {"LSKG_PAGE_CACHE": "256"})}

    def close(self) -> None:
        self.fresh()


class QueryTimedOut(Exception):
    pass


@contextmanager
def time_limit(seconds: float):
    """rdflib evaluates in Python, so a signal can stop a query that would run for hours."""
    def stop(_signum, _frame):
        raise QueryTimedOut(f"stopped after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Rdflib:
    """The naive baseline: dataset.nq in rdflib's in-memory Dataset, with the union of the named
    graphs copied into the default graph (what the embedded store's default graph is), queried
    by rdflib's own SPARQL engine."""

    name = "rdflib"
    title = "rdflib Dataset"
    web = False

    def __init__(self, build: Path, timeout_s: float):
        self.build = build
        self.timeout_s = timeout_s
        self.dataset = None
        self.version = rdflib.__version__
        self.pid = os.getpid()

    def fresh(self) -> None:
        self.dataset = None
        gc.collect()

    def load(self) -> None:
        dataset = rdflib.Dataset()
        dataset.parse(str(self.build / "current" / "dataset.nq"), format="nquads")
        named = list(dataset.quads((None, None, None, None)))
        default = dataset.default_graph
        default.addN((s, p, o, default) for s, p, o, _g in named)
        self.dataset = dataset

    def select(self, text: str, bindings: dict[str, Term]) -> int:
        with time_limit(self.timeout_s):
            return len(list(self.dataset.query(text, initBindings={k: _rdflib_term(v) for k, v in bindings.items()})))

    def close(self) -> None:
        self.fresh()


def _rdflib_term(term: Term):
    if term.kind == "iri":
        return rdflib.URIRef(term.value)
    if term.kind == "bnode":
        return rdflib.BNode(term.value)
    return rdflib.Literal(term.value, lang=term.language,
                          datatype=None if term.language else rdflib.URIRef(term.datatype) if term.datatype else None)


class Remote:
    """A SPARQL server on 127.0.0.1 (store.local_engines), loaded as `lskg load` does and queried
    through `RemoteStore`, as the web app over LSKG_SPARQL_ENDPOINT does."""

    web = True

    def __init__(self, build: Path, name: str, engine: type[LocalEngine], **engine_options):
        self.build = build
        self.name = name
        self.title = {"oxigraph": "Oxigraph server", "virtuoso": "Virtuoso"}[name]
        self.engine = engine
        self.engine_options = engine_options
        self.server: LocalEngine | None = None
        self.store: RemoteStore | None = None
        self.version = ""

    @property
    def pid(self) -> int | None:
        return self.server.pid if self.server else None

    def fresh(self) -> None:
        self.close()
        self.server = self.engine(**self.engine_options)
        self.server.start()
        self.version = self.server.version

    def load(self) -> None:
        server = self.server
        load_release(self.build, Target(server.query_url, server.update_url, server.graph_store_url))
        self.store = RemoteStore.open(server.query_url, timeout=QUERY_TIMEOUT_S)

    def select(self, text: str, bindings: dict[str, Term]) -> int:
        return len(self.store.query(text, bindings).rows)

    def before_web(self) -> None:
        pass

    def app_config(self) -> dict:
        return {"LSKG_SPARQL_ENDPOINT": self.server.query_url}

    def serve_variants(self) -> dict[str, tuple[list[str], dict]]:
        return {"served": (["--endpoint", self.server.query_url, "--timeout", str(QUERY_TIMEOUT_S)], {})}

    def close(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None
        self.store = None


def make(name: str, build: Path, rdflib_timeout_s: float):
    if name == "embedded":
        return Embedded(build)
    if name == "rdflib":
        return Rdflib(build, rdflib_timeout_s)
    if name == "oxigraph":
        return Remote(build, name, OxigraphServer)
    if name == "virtuoso":
        # no row cap (the observations query returns every figure) and the same time limit as ours
        return Remote(build, name, VirtuosoServer, max_rows=10_000_000, max_execution_s=QUERY_TIMEOUT_S)
    raise ValueError(name)
