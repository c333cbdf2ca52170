"""One backend, measured in a process of its own (so that peak RSS is that backend's alone):
load, saved queries, entity pages, HTTP throughput, and for servers the web app against the
server called directly. Reads a plan (JSON), writes its results (JSON); progress on stderr.

Usage (benchmarks/compare.py runs it): python -m benchmarks.compare.child PLAN.json OUT.json
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
import traceback
from pathlib import Path

from benchmarks.compare import backends, picks, web
from benchmarks.compare.measure import repeat, status_mb, summary
from lskg.queries import Catalogue
from lskg.web import close_app, create_app


def main(plan_path: str, out_path: str) -> None:
    # stopped by benchmarks/compare.py: leave through `finally`, which stops the servers
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(143))
    plan = json.loads(Path(plan_path).read_text("utf-8"))
    backend = backends.make(plan["backend"], Path(plan["build"]), plan["rdflib_timeout"])
    label = f"[{plan['size']} {backend.name}]"

    def progress(message: str) -> None:
        print(f"{label} {message}", file=sys.stderr, flush=True)

    result: dict = {"backend": backend.name, "title": backend.title, "loadavg": [os.getloadavg()[0]]}
    try:
        measure(backend, plan, result, progress)
    except Exception as exc:  # noqa: BLE001 - what was measured so far is still reported
        result["error"] = f"{type(exc).__name__}: {exc}"
        progress(f"failed: {result['error']}\n{traceback.format_exc()}")
    finally:
        backend.close()
    result["version"] = result.get("version") or backend.version
    result["loadavg"].append(os.getloadavg()[0])
    Path(out_path).write_text(json.dumps(result, ensure_ascii=False, indent=1), "utf-8")


def measure(backend, plan: dict, result: dict, progress) -> None:
    catalogue = Catalogue(Path(plan["queries"]))
    result["load"] = load(backend, plan, progress)
    result["version"] = backend.version
    result["rss_after_load_mb"] = status_mb("VmHWM", backend.pid)
    if plan.get("picks") is None:  # the embedded run chooses for everyone
        progress("choosing parameters and entity pages")
        result["picks"] = picks.parameter_picks(backend.store, catalogue)
        result["entities"] = picks.entity_sample(backend.store, plan["entities_per_kind"], plan["seed"])
        plan = {**plan, "picks": result["picks"], "entities": result["entities"]}
    result["queries"] = saved_queries(backend, catalogue, plan, progress)
    if backend.web:
        backend.before_web()
        pages(backend, catalogue, plan, result, progress)
    result["rss_end_mb"] = status_mb("VmHWM", backend.pid)


def load(backend, plan: dict, progress) -> dict:
    """Load runs, each into an empty backend, until `load_runs` or the load budget is spent."""
    samples: list[float] = []
    started = time.perf_counter()
    while len(samples) < plan["load_runs"] and (not samples or time.perf_counter() - started < plan["load_budget"]):
        backend.fresh()
        progress(f"load run {len(samples) + 1}/{plan['load_runs']}")
        t = time.perf_counter()
        backend.load()
        samples.append((time.perf_counter() - t) * 1000)
        progress(f"loaded in {samples[-1] / 1000:.1f} s")
    return summary(samples)


def saved_queries(backend, catalogue: Catalogue, plan: dict, progress) -> dict[str, dict]:
    """Each saved query with its defaults, and with the picked parameter where it has one."""
    out = {}
    for saved in catalogue:
        variants = {saved.name: {}}
        for param, value in plan["picks"].get(saved.name, {}).items():
            variants[f"{saved.name} ({param}={short(value)})"] = {param: value}
        for key, raw in variants.items():
            bindings = saved.bindings(raw)
            try:
                stats, rows = repeat(lambda: backend.query(saved.text, bindings), plan["runs"], plan["budget"])
                out[key] = {**stats, "rows": rows}
                progress(f"query {key}: {stats['median']:.1f} ms (n={stats['n']}), {rows} rows")
            except Exception as exc:  # noqa: BLE001 - an engine's failure on one query is a result
                out[key] = {"error": f"{type(exc).__name__}: {exc}"[:300]}
                progress(f"query {key}: {out[key]['error']}")
    return out


def short(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def pages(backend, catalogue: Catalogue, plan: dict, result: dict, progress) -> None:
    progress("creating the web app")
    t = time.perf_counter()
    app = app_for(backend, plan["queries"])
    result["app_start_s"] = time.perf_counter() - t
    try:
        get = web.getter(app.test_client())
        entities = plan["entities"]
        result["entity_pages"] = {kind: {
            "pages": web.page_timings(get, e["pages"], plan["runs"], plan["budget"], progress),
            "busiest": {e["busiest"]: web.page_timings(get, [e["busiest"]], plan["runs"], plan["budget"], progress)[e["busiest"]]},
        } for kind, e in entities.items()}
        if isinstance(backend, backends.Remote):
            result["direct"] = web.direct_vs_web(app.extensions["lskg"].store, get, catalogue, plan["runs"],
                                                 plan["budget"], progress)
        else:
            result["query_pages"] = web.page_timings(get, [f"/queries/{q.name}" for q in catalogue], plan["runs"],
                                                     plan["budget"], progress)
    finally:
        close_app(app)
    if plan["wrk_runs"]:
        paths = [p for e in entities.values() for p in e["pages"]]
        result["throughput"] = {}
        for variant, (arguments, env) in backend.serve_variants().items():
            progress(f"throughput, {variant}: {plan['wrk_runs']} × {plan['wrk_seconds']:g} s")
            try:
                with web.serving(arguments, {"LSKG_QUERIES_DIR": plan["queries"], **env}) as (port, peaks):
                    result["throughput"][variant] = web.throughput(
                        port, paths, plan["wrk_seconds"], plan["wrk_threads"], plan["wrk_connections"],
                        plan["wrk_runs"], progress)
                    result["throughput"][variant].update(peaks())
            except Exception as exc:  # noqa: BLE001
                result["throughput"][variant] = {"error": f"{type(exc).__name__}: {exc}"[:300]}
                progress(f"throughput, {variant}: {result['throughput'][variant]['error']}")


def app_for(backend, plan_queries: str):
    """The app over this backend, every request running its queries (no page cache)."""
    return create_app({**backend.app_config(), "LSKG_PAGE_CACHE": 0, "LSKG_QUERY_TIMEOUT": backends.QUERY_TIMEOUT_S,
                       "LSKG_QUERIES_DIR": plan_queries})


if __name__ == "__main__":
    main(*sys.argv[1:3])
