"""Incremental build: one report added to a built corpus (issue 16, item 2).

    .venv/bin/python benchmarks/incremental.py --documents 1000 --work /tmp/bincr

Generates N + 1 synthetic reports (`scale/generate.py corpus`, seed 1), builds the first N with
`lskg build` (a full build, which fills the build cache), then adds the last report and builds again:
only that report is extracted, the cross-source steps run over all. Both builds run in a child
process with a scratch IRI registry; prints wall and CPU time, peak RSS, the reuse line of the
build's progress and the release's timings split.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from build_scale import ROOT, generate


def build(corpus: Path, out: Path, registry: Path) -> dict:
    cmd = [sys.executable, "-m", "lskg.cli", "build", "--sources", str(corpus), "--output", str(out),
           "--registry", str(registry), "--max-results", "0"]
    t0 = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    reused = ""
    for line in child.stderr:  # read as it comes: a full pipe would stall the build
        if "reused from the build cache" in line:
            reused = line[2:].strip()
        if line.startswith("… ") and not line.startswith("… ["):
            print(f"    {time.perf_counter() - t0:8.1f} s  {line[2:].strip()[:90]}", flush=True)
    _pid, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("build failed")
    summary = json.loads((out / "current" / "summary.json").read_text(encoding="utf-8"))
    return {"wall_s": round(time.perf_counter() - t0, 1), "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
            "peak_rss_mb": round(usage.ru_maxrss / 1024), "quads": summary["quads"], "reused": reused,
            "timings": {k: v for k, v in summary["timings"].items() if not k.startswith("validate:0")}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--documents", type=int, default=1000, help="reports built before the one added")
    ap.add_argument("--work", type=Path, default=Path("/tmp/bincr"), help="scratch folder")
    args = ap.parse_args()
    n = args.documents
    corpus, out, registry = args.work / f"corpus-{n + 1}", args.work / f"build-{n}", args.work / f"iris-{n}.tsv"
    args.work.mkdir(parents=True, exist_ok=True)
    generate(n + 1, corpus)
    # the last report waits outside the corpus, its catalogue row with it
    catalogue = corpus / "sources.csv"
    with catalogue.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    fields = list(rows[0])
    last = rows[-1]
    waiting = args.work / last["file"]
    shutil.move(corpus / last["file"], waiting)

    def write_catalogue(rows: list[dict]) -> None:
        with catalogue.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)

    write_catalogue(rows[:-1])
    shutil.rmtree(out, ignore_errors=True)
    shutil.copy(ROOT / "registry" / "iris.tsv", registry)
    print(f"full build of {n} reports", flush=True)
    full = build(corpus, out, registry)
    print(json.dumps(full, indent=1), flush=True)
    shutil.move(waiting, corpus / last["file"])
    write_catalogue(rows)
    print(f"one report added: {last['file']}", flush=True)
    incremental = build(corpus, out, registry)
    print(json.dumps(incremental, indent=1), flush=True)
    print(f"\n| reports | full build | incremental (one added) | reuse |\n|---|---|---|---|\n"
          f"| {n} + 1 | {full['wall_s']} s wall, {full['cpu_s']} s CPU, {full['peak_rss_mb']} MB | "
          f"{incremental['wall_s']} s wall, {incremental['cpu_s']} s CPU, {incremental['peak_rss_mb']} MB | "
          f"{incremental['reused']} |")


if __name__ == "__main__":
    main()
