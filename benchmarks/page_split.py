"""Where an entity page's server time goes: the store's calls, the template's rendering, and the
rest (Flask, building the description in Python), per kind of page, without a profiler.

A tracing profiler (pyinstrument, cProfile) adds a cost to every Python call, and Jinja makes
many small ones: under pyinstrument rendering looked like 5 ms of a 9 ms page at 1M, timed plainly
it is 1-2 ms. So the split here comes from timers around the store's methods and around
render_template, over the same sample of pages compare.py uses (benchmarks/compare/picks.py).

Usage: .venv/bin/python benchmarks/page_split.py [--build DIR] [--per-kind 5] [--rounds 9] [--cache]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from compare.picks import entity_sample

from lskg.paths import Paths
from lskg.web import close_app, create_app, entities

STORE_CALLS = ("select", "ask", "construct", "triples")


class Timers:
    """Seconds spent inside the wrapped callables since the last reset."""

    def __init__(self) -> None:
        self.spent = {"store": 0.0, "render": 0.0}

    def wrap(self, bucket: str, func):
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                self.spent[bucket] += time.perf_counter() - start
        return timed

    def reset(self) -> None:
        self.spent = dict.fromkeys(self.spent, 0.0)


def split(client, timers: Timers, paths: list[str], rounds: int) -> dict[str, float]:
    """Median over rounds of the mean per page: total, store, render and rest, in ms."""
    for path in paths:  # warm-up: the release's memo (names, links) fills as a served app's would
        assert client.get(path).status_code == 200, path
    per_round = []
    for _ in range(rounds):
        timers.reset()
        start = time.perf_counter()
        for path in paths:
            client.get(path)
        total = (time.perf_counter() - start) / len(paths) * 1000
        store, render = (timers.spent[k] / len(paths) * 1000 for k in ("store", "render"))
        per_round.append({"total": total, "store": store, "render": render, "rest": total - store - render})
    return {k: statistics.median(r[k] for r in per_round) for k in ("total", "store", "render", "rest")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=str(Paths.default().build), help="a build folder (DIR/current)")
    ap.add_argument("--per-kind", type=int, default=5, help="pages sampled per kind (and the busiest)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=9)
    ap.add_argument("--cache", action="store_true", help="with the page cache on (descriptions remembered)")
    args = ap.parse_args()
    app = create_app({"LSKG_BUILD_DIR": args.build, "LSKG_ISOLATE_QUERIES": 0,
                      **({} if args.cache else {"LSKG_PAGE_CACHE": 0})})
    try:
        timers = Timers()
        store = app.extensions["lskg"].store
        sample = entity_sample(store, args.per_kind, args.seed)
        for name in STORE_CALLS:
            setattr(store, name, timers.wrap("store", getattr(store, name)))
        entities.render_template = timers.wrap("render", entities.render_template)
        client = app.test_client()
        print(f"{Path(args.build).resolve()}: page cache {'on' if args.cache else 'off'}, queries in this process,"
              f" median of {args.rounds} rounds of the mean per page (ms)")
        print(f"{'pages':34} {'total':>7} {'store':>7} {'render':>7} {'rest':>7}")
        everything = []
        for kind, picked in sample.items():
            everything += picked["pages"]
            for label, paths in ((f"{kind} ({len(picked['pages'])} sampled)", picked["pages"]),
                                 (f"{kind}, busiest", [picked["busiest"]])):
                row = split(client, timers, paths, args.rounds)
                print(f"{label:34} " + " ".join(f"{row[k]:7.2f}" for k in ("total", "store", "render", "rest")))
        row = split(client, timers, everything, args.rounds)
        print(f"{'all sampled pages':34} " + " ".join(f"{row[k]:7.2f}" for k in ("total", "store", "render", "rest")))
    finally:
        close_app(app)


if __name__ == "__main__":
    main()
