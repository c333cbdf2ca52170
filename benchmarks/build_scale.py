"""Time `lskg build` on synthetic corpora of growing size and fit how the time grows (issue 5:
"build time grows linearly with the number of documents; report seconds per 1,000 documents").

Usage: .venv/bin/python benchmarks/build_scale.py [--sizes 100,200,500,1000] [--work DIR] [--json PATH]

For each size, benchmarks/scale/generate.py writes a corpus of reports (kept in --work and reused
when it is already there), and the real pipeline builds it in a child process (`lskg build`, with a
copy of registry/iris.tsv), whose wall time, CPU time and peak RSS come from its rusage. The split
of the time comes from the release's summary.json. At the end: a table, and least-squares fits of
time against documents, linear (a + b·n) and power-law (c·n^k: k = 1 is linear growth).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def generate(documents: int, folder: Path) -> None:
    if (folder / "sources.csv").exists() and len(list(folder.glob("*.txt"))) == documents:
        return
    shutil.rmtree(folder, ignore_errors=True)
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "scale" / "generate.py"), "corpus",
                    "--documents", str(documents), "--out", str(folder)], check=True, stdout=subprocess.DEVNULL)


def build(corpus: Path, work: Path, documents: int) -> dict:
    """One `lskg build` in a child process; its progress is echoed every tenth of the corpus."""
    out, registry = work / f"build-{documents}", work / f"iris-{documents}.tsv"
    shutil.rmtree(out, ignore_errors=True)
    shutil.copy(ROOT / "registry" / "iris.tsv", registry)
    cmd = [sys.executable, "-m", "lskg.cli", "build", "--sources", str(corpus), "--output", str(out),
           "--registry", str(registry)]
    t0 = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    step = max(1, documents // 10)
    tail = []
    for line in child.stderr:  # read as it comes: a full pipe would stall the build
        tail = (tail + [line.rstrip()])[-20:]
        done = line.startswith("… [") and line.split("/", 1)[0][3:]
        if (done and done.isdigit() and int(done) % step == 0 and "extracting" in line) or (
                line.startswith("… ") and not line.startswith("… [")):
            print(f"    {time.perf_counter() - t0:8.1f} s  {line[2:].strip()[:90]}", flush=True)
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"build of {documents} documents failed:\n" + "\n".join(tail))
    summary = json.loads((out / "current" / "summary.json").read_text(encoding="utf-8"))
    timings = summary["timings"]
    per_source_validation = sum(v for k, v in timings.items() if k.startswith("validate:")
                                and k not in ("validate:reference", "validate:curated"))
    row = {
        "documents": documents,
        "quads": summary["quads"],
        "conflicts": len(summary["conflicts"]),
        "wall_s": round(wall, 1),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
        # per source: extraction and graph building, then SHACL on the source graph
        "extract_s": round(sum(s["seconds"] for s in summary["sources"]) - per_source_validation, 1),
        "validate_s": round(per_source_validation, 1),
        # across sources: reconciling figures, SHACL on the curated graph, N-Quads + store + TriG
        "curate_s": round(timings.get("curate", 0) + timings.get("validate:curated", 0), 1),
        "write_s": round(timings.get("write", 0), 1),
    }
    shutil.rmtree(out, ignore_errors=True)
    return row


def fit_linear(xs: list[float], ys: list[float]) -> tuple[float, float, float]:
    """Least squares y = a + b·x; returns a, b and R²."""
    n, mx, my = len(xs), sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    a = my - b * mx
    ss_tot = sum((y - my) ** 2 for y in ys)
    ss_res = sum((y - a - b * x) ** 2 for x, y in zip(xs, ys))
    return a, b, (1 - ss_res / ss_tot) if ss_tot and n > 2 else 1.0


def fit_power(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Least squares on logs: y = c·x^k; returns c and k."""
    a, k, _r2 = fit_linear([math.log(x) for x in xs], [math.log(y) for y in ys])
    return math.exp(a), k


def table(rows: list[dict]) -> str:
    head = ("| documents | quads | wall | s per 1,000 docs | CPU | peak RSS | extract | validate (per source) "
            "| curate + its SHACL | write + store | conflicts |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        lines.append(f"| {r['documents']:,} | {r['quads']:,} | {r['wall_s']:,.0f} s | "
                     f"{r['wall_s'] / r['documents'] * 1000:,.0f} s | {r['cpu_s']:,.0f} s | {r['peak_rss_mb']:,} MB | "
                     f"{r['extract_s']:,.0f} s | {r['validate_s']:,.0f} s | {r['curate_s']:,.0f} s | "
                     f"{r['write_s']:,.0f} s | {r['conflicts']:,} |")
    return "\n".join(lines)


def fits(rows: list[dict], predict: int) -> str:
    if len(rows) < 2:
        return "(one size: no fit)"
    xs = [r["documents"] for r in rows]
    out = []
    for label, key in (("wall", "wall_s"), ("CPU", "cpu_s"), ("extract + validate (per source)", None),
                       ("curate + its SHACL", "curate_s"), ("write + store", "write_s")):
        ys = [r["extract_s"] + r["validate_s"] if key is None else r[key] for r in rows]
        a, b, r2 = fit_linear(xs, ys)
        line = f"- {label}: {a:,.1f} s + {b:.3f} s/document (R² {r2:.4f})"
        if min(ys) > 0:
            c, k = fit_power(xs, ys)
            line += f"; power law c·n^k with k = {k:.2f}; at {predict:,} documents: linear fit {a + b * predict:,.0f} s, " \
                    f"power law {c * predict ** k:,.0f} s"
        out.append(line)
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,200,500,1000", help="documents per corpus, comma-separated")
    ap.add_argument("--work", type=Path, help="where corpora and builds go (default: a temporary folder)")
    ap.add_argument("--json", type=Path, help="also write the rows and fits here")
    ap.add_argument("--predict", type=int, default=10_000, help="size to extrapolate the fits to")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    work = args.work or Path(tempfile.mkdtemp(prefix="build-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, "
          f"CPython {platform.python_version()}; work folder {work}", flush=True)
    rows = []
    for n in sizes:
        corpus = work / f"corpus-{n}"
        print(f"[{n} documents] generating {corpus}", flush=True)
        generate(n, corpus)
        print(f"[{n} documents] building", flush=True)
        row = build(corpus, work, n)
        rows.append(row)
        print(f"[{n} documents] {row['wall_s']} s wall, {row['cpu_s']} s CPU, peak RSS {row['peak_rss_mb']} MB, "
              f"{row['quads']:,} quads (load average {os.getloadavg()[0]:.1f})", flush=True)
        if args.json:
            args.json.write_text(json.dumps({"rows": rows}, indent=1), encoding="utf-8")
    print()
    print(table(rows))
    print()
    print(fits(rows, args.predict))
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "fits": fits(rows, args.predict)}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
