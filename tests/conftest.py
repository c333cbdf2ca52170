"""Shared fixtures: the real reference data, and one build of the real corpus per test session."""

from __future__ import annotations

import json
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import settings
from rdflib import Graph

from lskg.extract.context import SourceText
from lskg.extract.reference import Reference
from lskg.graph.reference import load_reference_graph
from lskg.paths import Paths
from lskg.sources import read_source, source_key

# property tests stay quick and untimed (the machine is shared; a slow example is not a failure),
# and leave no example database in the checkout
settings.register_profile("lskg", max_examples=100, deadline=None, database=None)
settings.load_profile("lskg")

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "data" / "sources"
LANG_SON = "place/tinh-lang-son"


DEVSET = Path(__file__).resolve().parents[1].parent / "shared" / "devset" / "records.jsonl"


@pytest.fixture(scope="session")
def devset() -> dict[str, dict]:
    """The development set's records by id, read from ../shared/devset beside the checkout (never copied
    into the repository); tests that use it are skipped without it."""
    if not DEVSET.is_file():
        pytest.skip("the development set is not beside the repository")
    return {r["id"]: r for r in map(json.loads, DEVSET.read_text(encoding="utf-8").splitlines()) if r}


@pytest.fixture(scope="session")
def paths() -> Paths:
    return Paths(ROOT)


@pytest.fixture(scope="session")
def reference_graph(paths) -> Graph:
    return load_reference_graph(paths.reference_files())


@pytest.fixture(scope="session")
def reference(reference_graph) -> Reference:
    return Reference(reference_graph)


def source_text(text: str, key: str = "test") -> SourceText:
    return SourceText(key, text, LANG_SON, "test.txt")


def corpus_text(file_name: str) -> SourceText:
    text = read_source(SOURCES / file_name)
    return SourceText(source_key(text), text, LANG_SON, file_name)


@pytest.fixture(scope="session")
def build_result(paths, tmp_path_factory):
    """One full build of data/sources into a temporary folder (the repo's registry is not touched)."""
    from lskg.pipeline import build

    out = tmp_path_factory.mktemp("build")
    registry = out / "iris.tsv"
    if paths.registry.exists():
        shutil.copy(paths.registry, registry)
    return build(SOURCES, out, paths, registry_path=registry)


@pytest.fixture(scope="session")
def store(build_result):
    from lskg.store import open_release

    return open_release(build_result.release.parent.parent)


@contextmanager
def served(app, threads: int = 4):
    """A WSGI app behind waitress on 127.0.0.1 (a free port) in a thread; yields its base URL."""
    from waitress.server import create_server

    srv = create_server(app, host="127.0.0.1", port=0, threads=threads)
    closing = threading.Event()

    def run():
        try:
            srv.run()
        except OSError:  # waitress has no stop: closing its socket ends the select loop with EBADF
            if not closing.is_set():
                raise

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{srv.effective_port}"
    finally:
        closing.set()
        srv.close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def oxigraph_release(build_result):
    """An Oxigraph server on 127.0.0.1 (the `oxigraph` command from the [test] extra) holding the
    session's build, loaded with `lskg load`'s code; yields the server. Stopped at the end."""
    from lskg.store.loading import Target, load_release
    from lskg.store.local_engines import OxigraphServer

    with OxigraphServer(timeout_s=30) as server:
        load_release(build_result.release.parent.parent,
                     Target(server.query_url, server.update_url, server.graph_store_url))
        yield server
