"""Time every saved query on one release, in one process, the way a page asks it (the embedded
store's `select`, every row read and made into Terms), with its defaults or with given values.

Usage:
  .venv/bin/python benchmarks/saved_queries.py BUILD_DIR [--runs 5] [NAME[@param=value,...] ...]

With no NAME, every query in queries/ with its defaults. A value is written as on the query page
(`ind:grdp-growth` or a full IRI). Prints the median and the slowest run in milliseconds, the
rows, and the time Oxigraph took before the first row (`query()`): the rest is reading the rows.
For the four backends side by side, and p95 over processes, use benchmarks/compare.py; this is
the quick loop for trying a query's shape (a copy of the .rq file can be named by its path).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from lskg.paths import Paths
from lskg.queries import Catalogue, parse_saved_query
from lskg.store.binding import bind_values
from lskg.store.embedded import open_release


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("build", type=Path, help="a build folder (BUILD/current)")
    ap.add_argument("queries", nargs="*", help="NAME or path/to/query.rq, optionally @param=value,...")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_intermixed_args()
    t0 = time.perf_counter()
    store = open_release(args.build)
    print(f"loaded {args.build} in {time.perf_counter() - t0:.1f} s", flush=True)
    catalogue = Catalogue(Paths.default().queries)
    for spec in args.queries or [q.name for q in catalogue]:
        name, _, raw = spec.partition("@")
        saved = parse_saved_query(Path(name)) if name.endswith(".rq") else catalogue.get(name)
        values = dict(item.split("=", 1) for item in raw.split(",")) if raw else {}
        bindings = saved.bindings(values)
        totals, firsts, rows = [], [], 0
        for _ in range(args.runs):
            start = time.perf_counter()
            store.store.query(bind_values(saved.text, bindings))  # planned and run up to the first row
            firsts.append(time.perf_counter() - start)
            start = time.perf_counter()
            rows = len(store.query(saved.text, bindings, limit=10**7).rows)
            totals.append(time.perf_counter() - start)
        print(f"{spec:70.70s} {statistics.median(totals) * 1000:9.1f} ms (max {max(totals) * 1000:8.1f}; "
              f"query() {statistics.median(firsts) * 1000:8.1f})  {rows:7,d} rows", flush=True)


if __name__ == "__main__":
    main()
