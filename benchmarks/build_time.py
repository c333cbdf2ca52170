"""Time the full build of data/sources (extract, SHACL, store) and report the median of N runs.

Usage: .venv/bin/python benchmarks/build_time.py [--runs 5]
Writes nothing into the repository: each run builds into a temporary folder with a
temporary copy of the IRI registry.
"""

from __future__ import annotations

import argparse
import platform
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from lskg.paths import Paths
from lskg.pipeline import build


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    paths = Paths.default()
    times, stages = [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            registry = Path(tmp) / "iris.tsv"
            if paths.registry.exists():
                shutil.copy(paths.registry, registry)
            t0 = time.perf_counter()
            result = build(paths.sources, Path(tmp) / "build", paths, registry_path=registry)
            times.append(time.perf_counter() - t0)
            stages.append(result.summary["timings"])
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print(f"full build of {len(list(paths.sources.glob('*.txt')))} documents, {args.runs} runs")
    print(f"median {statistics.median(times):.2f} s, min {min(times):.2f} s, max {max(times):.2f} s, "
          f"peak RSS {peak_mb:.0f} MB")
    last = stages[-1]
    for k, v in last.items():
        print(f"  {k}: {v:.3f} s")
    print(f"  quads: {result.summary['quads']}")


if __name__ == "__main__":
    main()
