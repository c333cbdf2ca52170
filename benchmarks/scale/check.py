"""Checks that the generated data does what it is for.

  check.py release DIR            the existing code serves a graph-mode release: every saved query
                                  (queries/*.rq) returns rows with its defaults and with parameters
                                  picked from the data, and the web app's pages answer 200
  check.py corpus SOURCES BUILD   what `lskg build --sources SOURCES --output BUILD` extracted from a
                                  corpus-mode corpus, against what the reports state (expected.json)

A parameter is picked from the data by running the query without it and taking values of the
result column of the same name (?indicator, ?subject, ?document, ?project, ?type, ?issuer): a value
the query itself returned must return rows again. Query times are the embedded store's, in this
process. Exit status 1 on a failure. SHACL is `lskg validate --store DIR`.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks.scale` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from lskg.paths import Paths
from lskg.queries import Catalogue, expand
from lskg.store import IsolatedStore, QueryTimeout, open_release
from lskg.text.numbers import decimal_str

PREFIXES = """PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX lskg: <https://w3id.org/lskg/def#>
PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>
"""
FOUND = {
    "observations": """SELECT ?file ?a ?b ?c ?d ?e WHERE {
        ?o a qb:Observation ; qb:dataSet ?ds ; lskg:indicator ?a ; lskg:refSubject ?b ; lskg:refPeriod ?c ;
           lskg:valueKind ?d ; sdmx-measure:obsValue ?e .
        ?ds dct:source ?src . ?src lskg:fileName ?file }""",
    "documents": """SELECT ?file ?a WHERE { ?src lskg:fileName ?file ; dct:references ?doc . ?doc eli:id_local ?a }""",
    "memberships": """SELECT ?file ?a ?b ?c WHERE {
        GRAPH ?g { ?m a org:Membership ; org:member ?a ; org:role ?b ; org:organization ?c . ?src lskg:fileName ?file } }""",
}


def check_queries(store, catalogue: Catalogue, picks: int, rng: random.Random) -> tuple[list[str], list[str]]:
    """(failures, queries that ran out of time)."""
    failures, slow = [], []
    for q in catalogue:
        t = time.perf_counter()
        try:
            rows = store.query(q.text, q.bindings({})).rows
        except QueryTimeout as exc:
            print(f"{q.name:28s} defaults: {exc}")
            slow.append(q.name)
            continue
        ms = (time.perf_counter() - t) * 1000
        print(f"{q.name:28s} defaults: {len(rows):6d} rows  {ms:8.1f} ms")
        if not rows:
            failures.append(f"{q.name}: no rows with the default parameters")
        for p in q.params:
            if p.default:
                continue  # its default was just run; other values come from queries without it
            values = sorted({r[p.name].value for r in rows if p.name in r and r[p.name].kind == "iri"})
            values = [v for v in values if not p.namespace or v.startswith(expand(p.namespace))]
            for value in rng.sample(values, min(picks, len(values))):
                t = time.perf_counter()
                try:
                    n = len(store.query(q.text, q.bindings({p.name: value})).rows)
                except QueryTimeout as exc:
                    print(f"{'':28s} {p.name}={value}: {exc}")
                    slow.append(q.name)
                    continue
                ms = (time.perf_counter() - t) * 1000
                print(f"{'':28s} {p.name}={value.rsplit('/', 2)[-2]}/{value.rsplit('/', 1)[-1]}: {n} rows  {ms:.1f} ms")
                if not n:
                    failures.append(f"{q.name}: no rows with {p.name}={value}")
            if not values:
                failures.append(f"{q.name}: nothing in the data to pick for {p.name}")
    return failures, slow


def check_pages(build_dir: Path, store, catalogue: Catalogue, timeout: float | None) -> list[str]:
    """With a timeout the app runs as served (queries in killed-at-the-limit workers: a 503 is a
    query over the limit, reported, not a failure); without, in this process."""
    from lskg.web import close_app, create_app

    app = create_app({"LSKG_BUILD_DIR": str(build_dir), "LSKG_ISOLATE_QUERIES": "1" if timeout else "0",
                      "LSKG_QUERY_TIMEOUT": timeout or 5, "LSKG_QUERY_MEMORY_MB": 0})
    client = app.test_client()
    sample = store.query("""SELECT ?doc ?project ?src WHERE {
        { SELECT ?doc WHERE { ?doc a <http://data.europa.eu/eli/ontology#LegalResource> } LIMIT 1 }
        { SELECT ?project WHERE { ?project a <https://w3id.org/lskg/def#InvestmentProject> } LIMIT 1 }
        { SELECT ?src WHERE { ?src a <https://w3id.org/lskg/def#SourceDocument> } LIMIT 1 } }""").rows[0]
    urls = ["/", "/-/health", "/validation", "/search?q=ubnd", "/sparql?query=SELECT+*+WHERE+%7B%3Fs+%3Fp+%3Fo%7D+LIMIT+3"]
    urls += [f"/queries/{q.name}" for q in catalogue] + [f"/queries/{q.name}.csv" for q in catalogue]
    urls += ["/id/" + sample[k].value.split("/id/", 1)[1] for k in ("doc", "project")]
    urls += ["/sources/" + sample["src"].value.rsplit("/", 1)[1]]
    failures = []
    for url in urls:
        t = time.perf_counter()
        status = client.get(url, headers={"Accept": "text/html"}).status_code
        print(f"GET {url[:70]:70s} {status}  {(time.perf_counter() - t) * 1000:8.1f} ms")
        if status == 503 and timeout:
            print(f"    over the {timeout:g} s limit")
        elif status != 200:
            failures.append(f"GET {url}: {status}")
    close_app(app)
    return failures


def cmd_release(args) -> list[str]:
    t = time.perf_counter()
    store = open_release(args.build_dir)
    print(f"loaded {args.build_dir} in {time.perf_counter() - t:.1f} s ({store.release.triples} distinct triples)")
    if args.timeout:
        store = IsolatedStore(store, workers=1, timeout=args.timeout, memory_mb=None).start()
    catalogue = Catalogue(Paths.default().queries)
    failures, slow = check_queries(store, catalogue, args.picks, random.Random(args.seed))
    if slow:
        print(f"over the {args.timeout:g} s limit (rows not checked): {', '.join(sorted(set(slow)))}")
    failures += check_pages(args.build_dir, store, catalogue, args.timeout)
    getattr(store, "close", lambda: None)()
    return failures


def _key(kind: str, values: list[str]) -> tuple:
    """A found row in the terms of expected.json (IRI tails, period keys, canonical numbers)."""
    tail = [v if not v.startswith("http") else v.split("/id/", 1)[-1] if kind == "memberships" and i == 2
            else v.rsplit("/", 1)[-1] for i, v in enumerate(values)]
    if kind == "observations":
        tail[2] = values[2].split("/period/", 1)[1]
        tail[4] = decimal_str(Decimal(values[4]))
    return tuple(tail)


def cmd_corpus(args) -> list[str]:
    expected = json.loads((args.sources / "expected.json").read_text(encoding="utf-8"))
    summary = json.loads((args.build / "current" / "summary.json").read_text(encoding="utf-8"))
    store = open_release(args.build)
    failures = []
    print(f"{len(expected)} reports; build: {summary['quads']} quads in {summary['seconds']} s, "
          f"SHACL {summary['validation']['violations']} violations, {summary['validation']['warnings']} warnings")
    if summary["validation"]["violations"]:
        failures.append("the build reports SHACL violations")
    for kind, query in FOUND.items():
        found = defaultdict(set)
        for row in store.query(PREFIXES + query).rows:
            found[row["file"].value].add(_key(kind, [row[v].value for v in ("a", "b", "c", "d", "e") if v in row]))
        want = {f: {tuple(x) if isinstance(x, list) else (x,) for x in e[kind]} for f, e in expected.items()}
        n_want = sum(map(len, want.values()))
        n_found = sum(len(found[f]) for f in want)
        hit = sum(len(want[f] & found[f]) for f in want)
        empty = sum(1 for f in want if want[f] and not found[f])
        print(f"{kind:13s} stated {n_want / len(want):6.1f}/report, extracted {n_found / len(want):6.1f}/report; "
              f"recall {hit / max(1, n_want):6.1%}, precision {hit / max(1, n_found):6.1%}; "
              f"reports stating some but yielding none: {empty}")
        if kind != "memberships" and empty:
            failures.append(f"{empty} report(s) yield no {kind}")
        if args.verbose:
            for f in sorted(want)[:3]:
                for miss in sorted(want[f] - found[f])[:8]:
                    print(f"    missed in {f}: {miss}")
                for extra in sorted(found[f] - want[f])[:8]:
                    print(f"    not stated in {f}: {extra}")
    return failures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="what", required=True)
    r = sub.add_parser("release", help="saved queries and web pages on a graph-mode release")
    r.add_argument("build_dir", type=Path, help="the folder `generate.py graph --out` wrote")
    r.add_argument("--picks", type=int, default=3, help="values picked from the data per parameter (default 3)")
    r.add_argument("--seed", type=int, default=1)
    r.add_argument("--timeout", type=float, metavar="S",
                   help="run each query in a worker killed after S seconds, pages as served with S as "
                        "their limit (default: no limit, in this process)")
    r.set_defaults(func=cmd_release)
    c = sub.add_parser("corpus", help="extraction from a corpus-mode corpus against what it states")
    c.add_argument("sources", type=Path, help="the folder `generate.py corpus --out` wrote")
    c.add_argument("build", type=Path, help="the folder `lskg build --sources … --output` wrote")
    c.add_argument("--verbose", action="store_true", help="show some misses of the first reports")
    c.set_defaults(func=cmd_corpus)
    args = ap.parse_args()
    failures = args.func(args)
    for f in failures:
        print(f"FAIL {f}")
    print("ok" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
