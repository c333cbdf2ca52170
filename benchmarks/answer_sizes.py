"""Sizes of the site's answers as sent, without compression and with each coding the site offers
(issue 14: "`benchmarks/README.md` gives the size of the answers with and without compression"),
and the time the web process spends compressing each.

Usage: .venv/bin/python benchmarks/answer_sizes.py [--build data/build]

Each answer is asked of the app in this process (Flask's test client, the release in --build, queries
in this process), once per `Accept-Encoding`; the time is the whole request's, so the compression's
cost is its difference from the uncompressed one.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from lskg.web import create_app

ROOT = Path(__file__).resolve().parents[1]
ALL = "SELECT * WHERE { ?s ?p ?o }"
ANSWERS = [
    ("/sparql: all triples, SPARQL JSON", "/sparql", {"query": ALL, "format": "json"}),
    ("/sparql: all triples, SPARQL XML", "/sparql", {"query": ALL, "format": "xml"}),
    ("/sparql: all triples, CSV", "/sparql", {"query": ALL, "format": "csv"}),
    ("/sparql: CONSTRUCT all, Turtle", "/sparql", {"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "turtle"}),
    ("/queries/observations.json", "/queries/observations.json", {}),
    ("/queries/observations.csv", "/queries/observations.csv", {}),
    ("/queries/observations (HTML page)", "/queries/observations", {}),
    ("/id/… page (Lạng Sơn province)", "/id/place/tinh-lang-son", {}),
]
CODINGS = ("identity", "gzip", "br")


def measure(client, path: str, params: dict, coding: str) -> tuple[int, float]:
    started = time.perf_counter()
    response = client.get(path, query_string=params, headers={"Accept-Encoding": coding})
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, (path, response.status_code)
    assert response.headers.get("Content-Encoding", "identity") == coding, (path, coding)
    return len(response.data), elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, default=ROOT / "data" / "build")
    args = parser.parse_args()
    app = create_app({"LSKG_BUILD_DIR": str(args.build), "LSKG_ISOLATE_QUERIES": "0", "LSKG_PAGE_CACHE": 0})
    client = app.test_client()
    print("| answer | identity | gzip | br | gzip ratio | time identity / gzip / br |")
    print("|---|---:|---:|---:|---:|---|")
    for name, path, params in ANSWERS:
        measure(client, path, params, "identity")  # warm: the store's first reads
        sizes, times = zip(*(measure(client, path, params, coding) for coding in CODINGS))
        print(f"| {name} | {sizes[0]:,} | {sizes[1]:,} | {sizes[2]:,} | {sizes[0] / sizes[1]:.1f}× | "
              + " / ".join(f"{t * 1000:.0f} ms" for t in times) + " |")


if __name__ == "__main__":
    main()
