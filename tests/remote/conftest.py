"""Real SPARQL servers for the remote tests (store.local_engines): the usual ones once per session,
the variants (read-only, a one-second limit) once per module that uses them, so they do not sit
idle (Virtuoso holds about 300 MB) through the rest of the suite.

Oxigraph comes with the [test] extra, so its tests always run. Virtuoso is a Debian package
(`scripts/setup --virtuoso`); without it, the tests that need it are skipped and say so."""

from __future__ import annotations

import pytest

from lskg.store.local_engines import EngineNotInstalled, LocalEngine, OxigraphServer, VirtuosoServer


def _running(engine: LocalEngine):
    """Start `engine` for a fixture and stop it after; skip when it is not installed."""
    try:
        engine.start()
    except EngineNotInstalled as missing:
        pytest.skip(f"{engine.name} is not installed: {missing}")
    try:
        yield engine
    finally:
        engine.stop()


@pytest.fixture(scope="session")
def oxigraph_server():
    with OxigraphServer() as server:
        yield server


@pytest.fixture(scope="module")
def oxigraph_one_second():
    """Oxigraph with `--timeout-s 1`."""
    with OxigraphServer(timeout_s=1) as server:
        yield server


@pytest.fixture(scope="session")
def virtuoso_server():
    """Virtuoso with SPARQL Update granted to the anonymous /sparql user."""
    yield from _running(VirtuosoServer())


@pytest.fixture(scope="module")
def virtuoso_read_only():
    """Virtuoso as installed: /sparql without the SPARQL_UPDATE grant."""
    yield from _running(VirtuosoServer(grant_update=False))


@pytest.fixture(scope="module")
def virtuoso_one_second():
    """Virtuoso with MaxQueryExecutionTime = 1 s."""
    yield from _running(VirtuosoServer(max_execution_s=1))
