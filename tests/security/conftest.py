"""Security fixtures: the app over the session's build of the real corpus (as `lskg serve` runs it:
queries in worker processes, TESTING off so that an error is a status code, not an exception), a
tiny hostile release built from a text full of markup, quotes, odd characters and a catalogue row
to match, and a TCP listener on 127.0.0.1 that counts every connection made to it.

The hostile release is built by the real pipeline; a few triples no extractor would write
(`owl:sameAs <javascript:…>`, an IRI with a quote in it, a `data:` link) are then appended to its
N-Quads dump, as a hostile or careless data source could put them in the graph.
"""

from __future__ import annotations

import csv
import os
import socket
import subprocess
import sys
import urllib.request
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from lskg.pipeline import BuildResult, build
from lskg.store.local_engines import free_port
from lskg.paths import Paths
from lskg.vocab import ID
from lskg.web import create_app

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FIXTURE_TEXT = ROOT / "tests" / "fixtures" / "bao-cao-moi.txt"
TEST_QUERIES = HERE / "queries"

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
# what must never reach a page unescaped: a tag, or an attribute breaking out of its quotes
RAW_PAYLOADS = ("<script>alert(1)", "<img src=x", '"><img', "<b>NXB</b>", "<i>tác giả</i>")
HOSTILE_TITLE = f'Báo cáo "đặc biệt" {SCRIPT}\n{IMG} \'nháy\' & x\u2028y <i>tác giả</i>'
HOSTILE_PUBLISHER = "<b>NXB</b>"
HOSTILE_AUTHOR = 'Tác giả "A" <i>tác giả</i>'
COMBINING = "a" + "\u0301" * 10_000
LONG_NUMBER = "9" * 5_000
CONTROL = "\x01\x07\x1b[31m\x7f\x85"
HOSTILE_TEXT = (
    f"\n\nGhi chú {SCRIPT} và {IMG} cùng 'nháy đơn' & \"nháy kép\" và ký tự\u2028dòng mới.\n\n"
    f"Số rất dài: {LONG_NUMBER} đồng. Quyết định số {LONG_NUMBER}/QĐ-UBND ngày 5/3/2025. "
    f"Năm {'2' * 5000} tổng thu ngân sách ước đạt {'1' * 5000} tỉ đồng, "
    f"tăng {'3' * 5000}% so với cùng kỳ.\n\n"
    f"Dấu: {COMBINING} hết.\n\nĐiều khiển:{CONTROL} đỏ.\n\n"
    + "Tỉnh Lạng Sơn".replace("ạ", "a\u0323") + " (viết tổ hợp NFD).\n"
)
JS_IRI = "javascript:alert(1)"
DATA_IRI = "data:text/html,<script>alert(1)</script>".replace("<", "%3C").replace(">", "%3E")
QUOTE_IRI = "https://example.org/it's-a-quote"
SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
DCT_SOURCE = "http://purl.org/dc/terms/source"
RDFS_SEEALSO = "http://www.w3.org/2000/01/rdf-schema#seeAlso"
SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
CATALOGUE_FIELDS = ["id", "file", "title", "publisher", "author", "date", "url", "language", "jurisdiction"]


def write_corpus(directory: Path, text: str, title: str = "Báo cáo thử", url: str = "https://example.org/bao-cao",
                 publisher: str = "", author: str = "", date: str = "2025-07-01", file: str = "a.txt") -> Path:
    """One text and its catalogue row."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / file).write_text(text, encoding="utf-8")
    with (directory / "sources.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(CATALOGUE_FIELDS)
        writer.writerow(["001", file, title, publisher, author, date, url, "vi", "tinh-lang-son"])
    return directory


def tiny_build(src: Path, out: Path) -> BuildResult:
    """A release of a one- or two-text corpus; the registry is a fresh one next to it."""
    return build(src, out, Paths.default(), registry_path=out.parent / f"{out.name}-iris.tsv")


def close(app) -> None:
    """End the app's query workers (an isolated store has them)."""
    shutdown = getattr(app.extensions["lskg"].store, "close", None)
    if shutdown:
        shutdown()


@pytest.fixture(scope="session")
def app(build_result):
    app = create_app({"LSKG_BUILD_DIR": str(build_result.release.parent.parent)})
    yield app
    close(app)


@pytest.fixture()
def client(app):
    return app.test_client()


@dataclass
class Hostile:
    result: BuildResult
    build_dir: Path
    key: str
    source_iri: str


@pytest.fixture(scope="session")
def hostile(tmp_path_factory) -> Hostile:
    base = tmp_path_factory.mktemp("hostile")
    src = write_corpus(base / "src", FIXTURE_TEXT.read_text(encoding="utf-8") + HOSTILE_TEXT, title=HOSTILE_TITLE,
                       publisher=HOSTILE_PUBLISHER, author=HOSTILE_AUTHOR, url="https://example.org/a?x=1&y=2")
    result = tiny_build(src, base / "out")
    key = result.summary["sources"][0]["key"]
    source_iri = str(ID[f"source/{key}"])
    graph = f"<{ID}graph/hostile-test>"
    extra = [
        f"<{source_iri}> <{SAME_AS}> <{JS_IRI}> {graph} .",
        f"<{source_iri}> <{DCT_SOURCE}> <{JS_IRI.upper()}> {graph} .",
        f"<{source_iri}> <{RDFS_SEEALSO}> <{DATA_IRI}> {graph} .",
        f"<{source_iri}> <{RDFS_SEEALSO}> <{QUOTE_IRI}> {graph} .",
        f'<{QUOTE_IRI}> <{SKOS_PREF}> "nhãn có \\"nháy\\" {SCRIPT}"@vi {graph} .',
        f'<{JS_IRI}> <{SKOS_PREF}> "{IMG.replace(chr(34), chr(92) + chr(34))}"@vi {graph} .',
    ]
    nquads = result.release / "dataset.nq"
    with nquads.open("a", encoding="utf-8") as fh:
        fh.write("\n".join(extra) + "\n")
    return Hostile(result, base / "out", key, source_iri)


@pytest.fixture(scope="session")
def hostile_app(hostile):
    app = create_app({"LSKG_BUILD_DIR": str(hostile.build_dir), "LSKG_QUERIES_DIR": str(TEST_QUERIES)})
    yield app
    close(app)


@pytest.fixture()
def hostile_client(hostile_app):
    return hostile_app.test_client()


class Listener:
    """A TCP server on 127.0.0.1 that accepts, records and closes every connection."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.connections: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def url(self, path: str = "/sparql") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _addr = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            with conn:
                conn.settimeout(0.5)
                try:
                    first = conn.recv(200)
                except OSError:
                    first = b""
                self.connections.append(first or b"(connected)")

    def seen(self, settle: float = 0.3) -> list[bytes]:
        """The connections so far, after a moment for any in flight to arrive."""
        time.sleep(settle)
        return list(self.connections)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()


@pytest.fixture()
def listener():
    server = Listener()
    yield server
    server.close()


LEAKS = ("Traceback", "/work/", "werkzeug", "Werkzeug", "flask", "Flask", "rdflib", "pyoxigraph", "pyparsing",
         'File "', "site-packages", '.py", line')


def assert_no_leak(body: str) -> None:
    """An answer shows no traceback, file path or library name."""
    found = [word for word in LEAKS if word in body]
    assert not found, f"the answer leaks {found}: {body[:300]!r}"


@contextmanager
def lskg_serve(build_dir: Path, log_path: Path, **env: str):
    """`lskg serve` over a build in its own process, with `env` added to the environment; yields
    (port, process) once /-/health answers, and stops it on the way out."""
    port = free_port()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "lskg.cli", "serve", "--store", str(build_dir),
                                 "--port", str(port)], stdout=log, stderr=subprocess.STDOUT,
                                env=dict(os.environ, **env))
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/-/health", timeout=5).read()
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, log_path.read_text()
                time.sleep(0.3)
        yield port, proc
    finally:
        proc.terminate()
        proc.wait(timeout=30)
