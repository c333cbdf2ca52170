"""Server-side time of the web app (Flask test client, no network): each saved query (HTML and
CSV) and a set of entity pages, median and p95 over N requests, with the per-app result cache
off (every request runs its queries) and on (the default).

Usage: .venv/bin/python benchmarks/web_timing.py [--runs 31] [--build data/build]
"""

from __future__ import annotations

import argparse
import statistics
import time

from lskg.paths import Paths
from lskg.web import create_app

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
    args = ap.parse_args()
    apps = {"cache off": create_app({"LSKG_BUILD_DIR": args.build, "LSKG_PAGE_CACHE": 0}),
            "cache on": create_app({"LSKG_BUILD_DIR": args.build})}
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


if __name__ == "__main__":
    main()
