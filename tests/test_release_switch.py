"""Serving across a rebuild: no error, no response mixing two releases; a killed build changes nothing."""

from __future__ import annotations

import http.client
import json
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from lskg.pipeline import build
from lskg.web import create_app
from lskg.web.reloading import ReleaseSwitcher, build_probe

from .conftest import ROOT, SOURCES


SMALL = ("001_b1e20f47a2bd82ec.txt", "002_0dad21dd75ee0a8b.txt")  # the two shortest reports


def corpus(folder: Path, names) -> Path:
    folder.mkdir()
    for name in names:
        shutil.copy(SOURCES / name, folder)
    return folder


@pytest.fixture
def two_corpora(tmp_path):
    """Corpus A: two reports; corpus B: one of them (a different graph version)."""
    return corpus(tmp_path / "a", SMALL), corpus(tmp_path / "b", SMALL[:1])


def get(port: int, url: str):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", url)
    r = conn.getresponse()
    return r.status, r.getheader("X-LSKG-Graph-Version"), r.read()


def test_switch_under_load_is_whole(paths, tmp_path, two_corpora):
    from waitress.server import create_server

    corpus_a, corpus_b = two_corpora
    out = tmp_path / "build"
    first = build(corpus_a, out, paths, registry_path=tmp_path / "iris.tsv")
    switcher = ReleaseSwitcher(build_probe(out), lambda: create_app({"LSKG_BUILD_DIR": str(out)}), interval=0)
    srv = create_server(switcher, host="127.0.0.1", port=0, threads=8)
    threading.Thread(target=srv.run, daemon=True).start()
    port = srv.effective_port
    seen, problems, stop = [], [], threading.Event()

    def client():
        while not stop.is_set():
            status, version, body = get(port, "/-/health")
            if status != 200:
                problems.append(status)
                continue
            # the body and the header come from the same release
            if json.loads(body)["graph_version"] != version:
                problems.append(("mixed", version, body))
            seen.append(version)

    threads = [threading.Thread(target=client) for _ in range(8)]
    try:
        for t in threads:
            t.start()
        time.sleep(0.5)
        second = build(corpus_b, out, paths, registry_path=tmp_path / "iris.tsv")
        assert second.summary["graph_version"] != first.summary["graph_version"]
        assert switcher.check()
        time.sleep(0.5)
    finally:
        stop.set()
        for t in threads:
            t.join()
        srv.close()
    assert problems == []
    assert set(seen) == {first.summary["graph_version"], second.summary["graph_version"]}
    assert seen[-1] == second.summary["graph_version"]
    # after the switch, answers come from the new release: the second report is gone
    switcher_app = switcher.app.test_client()
    assert switcher_app.get(f"/sources/{first.summary['sources'][1]['key']}").status_code == 404
    switcher.close()


@pytest.fixture(scope="module")
def small_release(paths, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("killed")
    out = tmp / "build"
    return out, build(corpus(tmp / "src", SMALL), out, paths, registry_path=tmp / "iris.tsv")


@pytest.mark.parametrize("delay", [0.3, 1.5, 3.0])
def test_a_killed_build_leaves_the_serving_release_intact(small_release, tmp_path, delay):
    out, first = small_release
    current = (out / "current").resolve()
    files = {p.name: p.read_bytes() for p in current.iterdir() if p.is_file()}
    proc = subprocess.Popen([sys.executable, "-m", "lskg.cli", "build", "--output", str(out), "--quiet",
                             "--registry", str(tmp_path / "iris2.tsv")], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert (out / "current").resolve() == current
    assert {p.name: p.read_bytes() for p in current.iterdir() if p.is_file()} == files
    app = create_app({"LSKG_BUILD_DIR": str(out)})
    health = app.test_client().get("/-/health").json
    assert health["graph_version"] == first.summary["graph_version"]
