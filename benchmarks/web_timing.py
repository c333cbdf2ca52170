"""Server-side time of the web app (Flask test client, no network): each saved query (HTML and
CSV) and a set of entity pages, median and p95 over N requests, with the per-app result cache
off (every request runs its queries) and on (the default).

Queries run in this process (LSKG_ISOLATE_QUERIES=0), or with --isolated in the query worker
processes a served app uses (store.isolated: each query crosses a socket, its result is pickled).

With --overhead: the store calls each page makes, replayed N times in this process and in a
worker (median per call, and the sum per page): what isolation adds.

Usage: .venv/bin/python benchmarks/web_timing.py [--runs 31] [--build data/build] [--isolated | --overhead]
"""

from __future__ import annotations

import argparse
import statistics
import time

from lskg.paths import Paths
from lskg.store import EmbeddedStore, IsolatedStore, open_release
from lskg.web import close_app, create_app

PAGES = [
    "/",
    "/id/project/cao-toc-huu-nghi-chi-lang",
    "/id/legal/tinh-lang-son/2022/nq-41-hdnd",
    "/id/org/tinh-lang-son/hdnd",
    "/id/place/tinh-lang-son",
    "/search?q=huu+nghi",
    "/sparql?query=SELECT+%3Fs+WHERE+%7B+%3Fs+a+%3Chttp%3A%2F%2Fdata.europa.eu%2Feli%2Fontology%23LegalResource%3E+%7D",
]


def timings(client, url: str, runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=31)
    ap.add_argument("--build", default=str(Paths.default().build))
    ap.add_argument("--isolated", action="store_true", help="queries in worker processes, as served")
    ap.add_argument("--overhead", action="store_true", help="per-call cost of a worker against this process")
    args = ap.parse_args()
    if args.overhead:
        return overhead(args)
    base = {"LSKG_BUILD_DIR": args.build, "LSKG_ISOLATE_QUERIES": args.isolated}
    apps = {"cache off": create_app({**base, "LSKG_PAGE_CACHE": 0}), "cache on": create_app(base)}
    print("queries " + ("in worker processes (isolated)" if args.isolated else "in this process"))
    catalogue = apps["cache on"].extensions["lskg"].catalogue
    urls = [f"/queries/{q.name}" for q in catalogue] + [f"/queries/{q.name}.csv" for q in catalogue] + PAGES
    print(f"{'url':70} " + "  ".join(f"{k:>18}" for k in apps))
    print(f"{'':70} " + "  ".join(f"{'median / p95 ms':>18}" for _ in apps))
    for url in urls:
        cells = []
        for app in apps.values():
            median, p95 = timings(app.test_client(), url, args.runs)
            cells.append(f"{median:8.1f} / {p95:6.1f}")
        print(f"{url[:70]:70} " + "  ".join(f"{c:>18}" for c in cells))
    for app in apps.values():
        close_app(app)


def overhead(args) -> None:
    """Record the store calls of each page (cache off), then time each call on both stores."""
    from pathlib import Path

    app = create_app({"LSKG_BUILD_DIR": args.build, "LSKG_PAGE_CACHE": 0, "LSKG_ISOLATE_QUERIES": False})
    store: EmbeddedStore = app.extensions["lskg"].store
    isolated = IsolatedStore(open_release(Path(args.build))).start()
    calls: list[tuple[str, tuple, dict]] = []
    for name in ("select", "ask", "triples", "serialize", "construct"):
        def record(*a, _call=getattr(store, name), _name=name, **k):  # noqa: B008 - binds this name's method
            calls.append((_name, a, k))
            return _call(*a, **k)
        setattr(store, name, record)
    client = app.test_client()
    print(f"{'page / call':60} {'rows':>6} {'in-process':>11} {'isolated':>9} {'added':>7}   (median ms)")
    added_all = []
    for url in ["/queries/legal-documents", "/queries/observations", "/id/project/cao-toc-huu-nghi-chi-lang",
                "/id/place/tinh-lang-son", "/sparql?query=SELECT+*+WHERE+%7B+%3Fs+%3Fp+%3Fo+%7D+LIMIT+200"]:
        calls.clear()
        assert client.get(url).status_code == 200, url
        page = [0.0, 0.0]
        for name, a, k in list(calls):
            here = getattr(EmbeddedStore, name).__get__(store)  # the real method, not the recorder
            there = getattr(isolated, name)
            local, remote = _medians(lambda: here(*a, **k), lambda: there(*a, **k), args.runs)
            result = here(*a, **k)
            rows = len(result.rows) if hasattr(result, "rows") else "-"
            page[0] += local
            page[1] += remote
            added_all.append(remote - local)
            print(f"  {name:58} {rows!s:>6} {local:11.3f} {remote:9.3f} {remote - local:7.3f}")
        print(f"{url[:60]:60} {len(calls):>4} q {page[0]:11.3f} {page[1]:9.3f} {page[1] - page[0]:7.3f}")
    print(f"added per call: median {statistics.median(added_all):.3f} ms, max {max(added_all):.3f} ms")
    isolated.close()
    close_app(app)


def _medians(first, second, runs: int) -> tuple[float, float]:
    """Median ms of each, the two interleaved so that a busy moment of the machine hits both."""
    samples: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for fn, out in ((first, samples[0]), (second, samples[1])):
            t = time.perf_counter()
            fn()
            out.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples[0]), statistics.median(samples[1])


if __name__ == "__main__":
    main()
