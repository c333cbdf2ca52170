"""Synthetic data at scale, for benchmarks: a release in the project's model (graph mode), or a
corpus of synthetic reports for the real pipeline (corpus mode).

Usage:
  .venv/bin/python benchmarks/scale/generate.py graph --triples 1M --out /tmp/lskg-1m [--seed 1]
  .venv/bin/python benchmarks/scale/generate.py corpus --documents 1000 --out /tmp/corpus-1k [--seed 1]

graph: DIR/releases/<id>/{dataset.nq, store/, lskg.trig, summary.json, validation.json} and
  DIR/current -> releases/<id>, as `lskg build --output DIR` writes them, so that
  `lskg serve` (LSKG_BUILD_DIR=DIR), `lskg query --store DIR` and benchmarks run on it unchanged.
  Many provinces (Lạng Sơn from data/reference, the others invented), their bodies, people,
  projects, border gates and legal documents; source documents with their text and quoted
  segments; yearly observations of the code-list indicators; conflicts between sources.
  The size is approximate (within 10 %); the number of quads written is printed.
corpus: DIR/*.txt and DIR/sources.csv as data/sources holds them, for
  `lskg build --sources DIR --output OUT --registry /tmp/iris.tsv` (a scratch registry keeps the
  project's registry/iris.tsv untouched), and DIR/expected.json, what each report states.

Both are deterministic for a seed. benchmarks/scale/check.py checks what they give: the saved
queries and pages on a release, extraction from a corpus against expected.json.
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks.scale` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

SUFFIXES = {"": 1, "k": 10 ** 3, "m": 10 ** 6}


def count(text: str) -> int:
    """'10k' -> 10000, '1M' -> 1000000, '2.5m' -> 2500000, '500' -> 500."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([kKmM]?)", text.strip())
    if not m:
        raise argparse.ArgumentTypeError(f"{text!r} is not a count (examples: 10k, 100k, 1M, 5M, 20000)")
    value = round(float(m.group(1)) * SUFFIXES[m.group(2).lower()])
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive count")
    return value


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cmd_graph(args) -> int:
    from benchmarks.scale.release import generate_graph

    t0 = time.perf_counter()
    result = generate_graph(args.out, args.triples, args.seed, args.validate_sample, store=not args.no_store,
                            progress=(lambda m: None) if args.quiet else (lambda m: print(f"… {m}", file=sys.stderr)))
    size = (result.release / "dataset.nq").stat().st_size
    off = (result.quads - args.triples) / args.triples * 100
    s = result.summary
    print(f"wrote {result.quads} quads ({off:+.1f} % of the {args.triples} asked) in {time.perf_counter() - t0:.1f} s "
          f"to {result.release}")
    print(f"  {s['generator']['provinces']} provinces, {len(s['sources'])} source documents, "
          f"{s['counts'].get('observations', 0)} observations, {len(s['conflicts'])} conflicting pairs")
    t = result.timings
    stored = f"store and TriG {t['store']:.1f} s, " if "store" in t else "no store or TriG, "
    print(f"  dataset.nq {size / 1e6:.1f} MB; generation {t['generate']:.1f} s (peak RSS "
          f"{t['generate_peak_rss_mb']} MB), {stored}peak RSS {_peak_mb():.0f} MB")
    v = s["validation"]
    print(f"  SHACL ({v['scope']}): {v['violations']} violations, {v['warnings']} warnings")
    if result.report.violations:
        print(result.report.text(limit=20))
    return 1 if result.report.violations else 0


def cmd_corpus(args) -> int:
    from benchmarks.scale.corpus import generate_corpus

    t0 = time.perf_counter()
    n, size = generate_corpus(args.out, args.documents, args.seed)
    print(f"wrote {n} reports ({size / 1e6:.1f} MB) and sources.csv to {args.out} in "
          f"{time.perf_counter() - t0:.1f} s; peak RSS {_peak_mb():.0f} MB")
    print(f"build them with: .venv/bin/lskg build --sources {args.out} --output OUT --registry /tmp/iris.tsv")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="generate.py", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="mode", required=True, metavar="MODE")
    g = sub.add_parser("graph", help="write a synthetic release (N-Quads, store, summary) of about N triples",
                       description="Write a synthetic release of about --triples quads into --out.")
    g.add_argument("--triples", type=count, required=True, help="size: 10k, 100k, 1M, 5M or any count")
    g.add_argument("--out", type=Path, required=True, help="build folder to write (DIR/current, DIR/releases/)")
    g.add_argument("--seed", type=int, default=1, help="random seed (default 1): same seed, same data")
    g.add_argument("--validate-sample", type=int, default=3, metavar="K",
                   help="SHACL-validate the reference graph and K source graphs (one per province, spread "
                        "over the provinces) with their provinces' curated graphs (default 3, 0: none)")
    g.add_argument("--no-store", action="store_true",
                   help="skip the on-disk Oxigraph store and lskg.trig (everything else reads dataset.nq; "
                        "`lskg export --format trig` needs them)")
    g.add_argument("--quiet", action="store_true", help="no progress messages")
    g.set_defaults(func=cmd_graph)
    c = sub.add_parser("corpus", help="write synthetic reports (.txt) and sources.csv for `lskg build --sources`",
                       description="Write --documents synthetic reports and their sources.csv into --out.")
    c.add_argument("--documents", type=count, required=True, help="how many reports: 20, 1000, 10k")
    c.add_argument("--out", type=Path, required=True, help="folder to write (created; existing .txt files are kept)")
    c.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    c.set_defaults(func=cmd_corpus)
    args = ap.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
