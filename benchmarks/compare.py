"""Backends side by side on the same release: embedded pyoxigraph, rdflib's in-memory Dataset
(the naive baseline), the Oxigraph server and Virtuoso. Load time, every saved query (defaults,
and with a parameter picked from the data), entity pages through the web app, HTTP throughput
with wrk, and the web app over a server against that server called directly; median and p95,
peak RSS, ratios against the embedded store. Writes benchmarks/RESULTS.md.

Usage:
  .venv/bin/python benchmarks/compare.py --build data/build
  .venv/bin/python benchmarks/compare.py --triples 10k,100k,1M [--data-dir /tmp/lskg-scale]

--triples generates each size with benchmarks/scale/generate.py (into a temporary folder removed
at the end, or into --data-dir, where a size already generated is reused). Every backend runs in
a child process of its own (benchmarks/compare/child.py); every server it starts is stopped.
Nothing here asserts a time: it measures and reports (issue 5's targets show as met or missed).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: make `benchmarks.…` importable
    sys.path.insert(0, str(ROOT))

from benchmarks.compare.report import Report, git_commit, versions  # noqa: E402
from benchmarks.scale.generate import count  # noqa: E402

BACKENDS = ("embedded", "rdflib", "oxigraph", "virtuoso")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", type=Path, action="append", default=[], help="a build folder (DIR/current); repeatable")
    ap.add_argument("--triples", help="sizes to generate, e.g. 10k,100k,1M (after the --build folders)")
    ap.add_argument("--data-dir", type=Path, help="keep generated releases here and reuse them")
    ap.add_argument("--seed", type=int, default=1, help="generator seed and entity sample seed")
    ap.add_argument("--backends", default=",".join(BACKENDS), help="comma-separated subset (embedded always runs)")
    ap.add_argument("--runs", type=int, default=21, help="runs per query and page (default 21)")
    ap.add_argument("--budget", type=float, default=20, help="seconds one measurement may take before "
                    "it stops repeating (default 20; at least one run)")
    ap.add_argument("--load-runs", type=int, default=3, help="load runs per backend (default 3)")
    ap.add_argument("--load-budget", type=float, default=300, help="seconds of loading after which no "
                    "further load run starts (default 300)")
    ap.add_argument("--entities-per-kind", type=int, default=4, help="entity pages sampled per kind (default 4)")
    ap.add_argument("--wrk-runs", type=int, default=3, help="throughput runs per served backend (0: none)")
    ap.add_argument("--wrk-seconds", type=float, default=10)
    ap.add_argument("--wrk-threads", type=int, default=2)
    ap.add_argument("--wrk-connections", type=int, default=16)
    ap.add_argument("--rdflib-max", type=count, default=count("2M"), help="largest release (quads) rdflib "
                    "loads (default 2M: at 1M it needs a minute and 2 GB per load and stops at most saved "
                    "queries at --rdflib-timeout, so 5M would cost half an hour and 10 GB to learn little)")
    ap.add_argument("--rdflib-timeout", type=float, default=30, help="seconds before an rdflib query is stopped")
    ap.add_argument("--child-timeout", type=float, default=4 * 3600, help="seconds one backend may take in all")
    ap.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    ap.add_argument("--json", type=Path, help="also write the raw results here")
    args = ap.parse_args()
    if not (args.build or args.triples):
        ap.error("give --build DIR or --triples SIZES (or both)")
    wanted = ["embedded"] + [b for b in args.backends.split(",") if b in BACKENDS and b != "embedded"]
    signal.signal(signal.SIGTERM, stopped)

    started, clock = datetime.now(timezone.utc), time.perf_counter()
    commit = git_commit()  # the checkout is shared: later commits may land while a long run goes on
    work = Path(tempfile.mkdtemp(prefix="lskg-compare-"))
    sizes = []
    try:
        # the saved queries as they are now, for every backend and size of the run (queries/ may
        # change in the checkout while a long run goes on)
        queries = shutil.copytree(ROOT / "queries", work / "queries")
        planned = len(args.build) + (len(args.triples.split(",")) if args.triples else 0)
        for label, build, origin, scratch, generated_s in releases(args, work):
            measuring = time.perf_counter()
            quads = sum(1 for _ in open(build / "current" / "dataset.nq", "rb"))
            print(f"== {label}: {quads} quads in {build}", file=sys.stderr, flush=True)
            size = {"label": label, "quads": quads, "origin": origin, "results": {}, "skipped": {},
                    "generated_s": generated_s}
            sizes.append(size)
            plan = {"build": str(build), "size": label, "queries": str(queries), **{k: getattr(args, k) for k in (
                "seed", "runs", "budget", "load_runs", "load_budget", "entities_per_kind", "wrk_runs",
                "wrk_seconds", "wrk_threads", "wrk_connections", "rdflib_timeout")}}
            for name in wanted:
                reason = skip_reason(name, quads, args, sizes)
                if reason:
                    print(f"[{label} {name}] skipped: {reason}", file=sys.stderr, flush=True)
                    size["skipped"][name] = reason
                    continue
                result = run_child({**plan, "backend": name}, work, args.child_timeout)
                size["results"][name] = result
                if name == "embedded":
                    plan["picks"], plan["entities"] = result.get("picks"), result.get("entities")
                    if plan["picks"] is None:
                        print(f"[{label}] the embedded run failed; the other backends are not compared",
                              file=sys.stderr)
                        break
            if scratch:
                shutil.rmtree(build, ignore_errors=True)
            size["seconds"] = time.perf_counter() - measuring
            write(args, sizes, queries, commit, started, clock, planned - len(sizes))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"wrote {args.output} ({(time.perf_counter() - clock) / 60:.1f} min)", file=sys.stderr)
    return 0


def releases(args, work: Path):
    """(label, build folder, how it was made, whether to remove it after measuring, seconds spent
    generating it) per size."""
    for build in args.build:
        yield build.name, build, f"Build folder `{build}`, {release_stamp(build)}.", False, None
    for label in args.triples.split(",") if args.triples else []:
        label = label.strip()
        folder = (args.data_dir or work) / f"scale-{label}-seed{args.seed}"
        generated_s = None
        if args.data_dir and (folder / "current" / "dataset.nq").exists():
            print(f"== {label}: reusing {folder}", file=sys.stderr, flush=True)
        else:
            shutil.rmtree(folder, ignore_errors=True)
            print(f"== {label}: generating into {folder}", file=sys.stderr, flush=True)
            t = time.perf_counter()
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "scale" / "generate.py"), "graph",
                            "--triples", label, "--out", str(folder), "--seed", str(args.seed)], check=True)
            generated_s = time.perf_counter() - t
            print(f"== {label}: generated in {generated_s:.0f} s", file=sys.stderr, flush=True)
        yield (label, folder, f"Generated by `benchmarks/scale/generate.py graph --triples {label} "
               f"--seed {args.seed}`, {release_stamp(folder)}.", args.data_dir is None, generated_s)


def release_stamp(build: Path) -> str:
    summary = json.loads((build / "current" / "summary.json").read_text("utf-8"))
    return f"graph version {summary.get('graph_version', '?')}, built {summary.get('built_at', '?')}"


def skip_reason(name: str, quads: int, args, sizes: list[dict]) -> str | None:
    if name == "rdflib" and quads > args.rdflib_max:
        done = [(s["quads"], s["results"]["rdflib"]) for s in sizes if "load" in s["results"].get("rdflib", {})]
        estimate = ""
        if done:  # from the largest size rdflib loaded in this run, scaled linearly
            smaller, result = max(done, key=lambda item: item[0])
            scale = quads / smaller
            estimate = (f"; it loaded {smaller} quads in {result['load']['median'] / 1000:.0f} s with "
                        f"{result['rss_after_load_mb']:.0f} MB, so this size would take about "
                        f"{result['load']['median'] / 1000 * scale / 60:.0f} min and "
                        f"{result['rss_after_load_mb'] * scale / 1024:.0f} GB per load run")
        return f"{quads} quads is above --rdflib-max {args.rdflib_max}{estimate}"
    if name in ("oxigraph", "virtuoso"):
        from lskg.store.local_engines import EngineNotInstalled, VirtuosoServer, find_executable

        try:
            if name == "oxigraph":
                find_executable("oxigraph", "pip install oxigraph")
            else:
                VirtuosoServer._find_isql(find_executable("virtuoso-t", "scripts/setup --virtuoso"))
        except EngineNotInstalled as exc:
            return str(exc)
    return None


def run_child(plan: dict, work: Path, timeout: float) -> dict:
    name = plan["backend"]
    plan_path, out_path = work / f"{name}.plan.json", work / f"{name}.out.json"
    plan_path.write_text(json.dumps(plan, ensure_ascii=False), "utf-8")
    out_path.unlink(missing_ok=True)
    t = time.perf_counter()
    # a session of its own: on a timeout the whole group goes (its `lskg serve` and wrk with it;
    # servers from local_engines die with the child that started them)
    child = subprocess.Popen([sys.executable, "-m", "benchmarks.compare.child", str(plan_path), str(out_path)],
                             cwd=ROOT, start_new_session=True)
    try:
        child.wait(timeout)
    except subprocess.TimeoutExpired:
        stop_group(child)
    except BaseException:
        stop_group(child)
        raise
    print(f"[{plan['size']} {name}] done in {time.perf_counter() - t:.0f} s", file=sys.stderr, flush=True)
    if out_path.exists():
        return json.loads(out_path.read_text("utf-8"))
    return {"backend": name, "title": name, "error": f"the child process ended ({child.returncode}) without results"}


def stopped(_signum, _frame):
    """SIGTERM as an exception: the children are stopped and the temporary folders removed."""
    sys.exit(143)


def stop_group(child: subprocess.Popen) -> None:
    """The child and what it started: SIGTERM (it stops its servers and removes their folders),
    SIGKILL after a grace period."""
    os.killpg(child.pid, signal.SIGTERM)
    try:
        child.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()


def write(args, sizes: list[dict], queries: Path, commit: str, started: datetime, clock: float,
          pending: int) -> None:
    """RESULTS.md (and the raw JSON), rewritten after every size: a long run reports as it goes."""
    command = ".venv/bin/python benchmarks/compare.py " + shlex.join(sys.argv[1:])
    report = Report(command, args.runs, args.budget, started, time.perf_counter() - clock, pending)
    args.output.write_text(report.render(sizes, versions(sizes, queries, commit)), "utf-8")
    if args.json:
        args.json.write_text(json.dumps(sizes, ensure_ascii=False, indent=1), "utf-8")


if __name__ == "__main__":
    sys.exit(main())
