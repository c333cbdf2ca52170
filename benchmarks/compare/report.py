"""RESULTS.md: the machine, the versions, the command, and the tables of a comparison run."""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET_QUERY_MS = 100
TARGET_PAGE_MS = 15
TARGET_PAGES_PER_S = 300
TARGET_WEB_OVER_DIRECT = 1.5
DEPLOYED = "served (query workers)"  # the variant the throughput target is read on


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "?")
    memory = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return f"{cpu}, {os.cpu_count()} cores, {memory / 1024 / 1024:.1f} GB memory, Linux {platform.release()}"


def git_commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    # other work in progress shares the checkout: say when the tree the run used was not the commit
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return git("rev-parse", "--short", "HEAD") + (" (with uncommitted changes)" if dirty else "")


def ms(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def cell(stats: dict | None, base: dict | None = None, rows_expected: int | None = None) -> str:
    """'12.3 / 14.0 ms (×2.1)': median / p95, the ratio to the embedded median; n when fewer ran."""
    if not stats:
        return "–"
    if "error" in stats:
        return f"error: {stats['error'][:80]}"
    text = f"{ms(stats['median'])} / {ms(stats['p95'])}"
    if base and "median" in base and base is not stats and base["median"] > 0:
        text += f" ({ratio(stats['median'] / base['median'])})"
    if stats.get("n_short"):
        text += f" n={stats['n']}"
    if rows_expected is not None and stats.get("rows") is not None and stats["rows"] != rows_expected:
        text += f" **{stats['rows']} rows (embedded {rows_expected})**"
    return text


def duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"


def ratio(r: float) -> str:
    return f"×{r:.2f}" if r < 0.1 else f"×{r:.1f}"


def mark(met: bool) -> str:
    return "met" if met else "**missed**"


class Report:
    def __init__(self, command: str, runs: int, budget: float, started: datetime, seconds: float, pending: int):
        self.command, self.runs, self.budget, self.started, self.seconds = command, runs, budget, started, seconds
        self.pending = pending  # sizes still to measure: the file is rewritten after every size

    def render(self, sizes: list[dict], versions: dict[str, str]) -> str:
        for size in sizes:  # mark measurements cut short by the time budget
            for result in size["results"].values():
                for stats in _all_stats(result):
                    stats["n_short"] = stats.get("n", self.runs) < self.runs
        out = [
            "# Backends side by side",
            "",
            f"Written by `benchmarks/compare.py`, run started {self.started:%Y-%m-%d %H:%M} UTC; "
            + (f"{duration(self.seconds)} so far, {self.pending} more size(s) to measure."
               if self.pending else f"the run took {duration(self.seconds)}.") + " Reproduce with:",
            "",
            "```sh",
            self.command,
            "```",
            "",
            f"- Machine: {machine()}.",
            "- Versions: " + ", ".join(f"{k} {v}" for k, v in versions.items() if v) + ".",
            f"- Method: each backend runs in a process of its own, one after the other, so its peak RSS is its "
            f"own (VmHWM of the engine: the Python process for embedded and rdflib, the server process for "
            f"the servers). Times are milliseconds, median / p95 over {self.runs} runs, fewer where "
            f"{self.budget:g} s per measurement were spent (then n is shown); (×r) is the backend's median "
            "over the embedded store's. Load: each run into an empty store (embedded: `open_release`; "
            "rdflib: parse dataset.nq, copy the union of the graphs into the default graph; servers: "
            "`load_release` into a fresh server, as `lskg load` does). Pages: the Flask app in the "
            "measuring process (test client, no network, page cache off so every request queries; "
            "embedded with queries in-process). Throughput: `lskg serve` (waitress, 8 threads, page "
            "cache off unless the row says otherwise) on 127.0.0.1, cycling through the sampled entity pages "
            "after a 3 s warm-up run that is not counted; "
            "the client (wrk) shares the cores with the server.",
            "",
        ]
        out += self.targets(sizes)
        for size in sizes:
            out += self.size_section(size)
        return "\n".join(out) + "\n"

    # -- targets --------------------------------------------------------------------------------
    def targets(self, sizes: list[dict]) -> list[str]:
        measured = [s for s in sizes if "embedded" in s["results"]]
        if not measured:
            return []
        out = ["## Targets (issue 5: at 1M triples, embedded)", "",
               "| target | " + " | ".join(s["label"] for s in measured) + " |",
               "|---|" + "---|" * len(measured)]
        checks = [("every saved query median ≤ 100 ms", _query_target),
                   ("entity page median ≤ 15 ms (server-side HTML)", _page_target),
                   ("≥ 300 entity pages/s on 2 cores (`lskg serve`, wrk)", _throughput_target),
                   ("web over the Oxigraph server ≤ 1.5× the server called directly", _web_over_direct_target)]
        for title, check in checks:
            out.append(f"| {title} | " + " | ".join(check(s["results"]) for s in measured) + " |")
        return out + [""]

    # -- one size -------------------------------------------------------------------------------
    def size_section(self, size: dict) -> list[str]:
        results = size["results"]
        embedded = results.get("embedded", {})
        out = [f"## {size['label']}: {size['quads']:,} quads".replace(",", " "), "",
               f"{size['origin']} Measured in {duration(size['seconds'])}"
               + (f" after {duration(size['generated_s'])} of generation." if size.get("generated_s") else "."), ""]
        for name, reason in size.get("skipped", {}).items():
            out.append(f"- {name} skipped: {reason}")
        if size.get("skipped"):
            out.append("")
        out += ["### Load and memory", "",
                "| backend | load median / p95 (s) | × embedded | engine peak RSS after load | engine peak RSS at end "
                "| app start | load average (start → end) |",
                "|---|---|---|---|---|---|---|"]
        for result in results.values():
            load, base = result.get("load"), embedded.get("load")
            ratio = f"×{load['median'] / base['median']:.1f}" if load and base and result is not embedded else ""
            times = f"{load['median'] / 1000:.2f} / {load['p95'] / 1000:.2f}" + (" n=1" if load["n"] == 1 else "") \
                if load else "–"
            start = f"{result['app_start_s']:.1f} s" if "app_start_s" in result else "–"
            out.append(f"| {result['title']} {result.get('version', '')} | {times} | {ratio} | "
                       f"{_mb(result.get('rss_after_load_mb'))} | {_mb(result.get('rss_end_mb'))} | {start} | "
                       + " → ".join(f"{v:.1f}" for v in result.get("loadavg", [])) + " |")
            if "error" in result:
                out.append(f"| ↳ {result['title']} stopped | {result['error'][:200]} | | | | | |")
        out += ["", "Engine RSS: the measuring process for embedded and rdflib (for embedded, at the end it also "
                "holds the web app with its own copy of the store), the server process for the servers. "
                "App start: `create_app` (labels, search index, form choices).", ""]
        out += self.query_table(results) + self.page_tables(results) + self.throughput_table(results) \
            + self.direct_table(results)
        return out

    def query_table(self, results: dict) -> list[str]:
        names = list(dict.fromkeys(k for r in results.values() for k in r.get("queries", {})))
        if not names:
            return []
        base = results.get("embedded", {}).get("queries", {})
        out = ["### Saved queries (`store.select`, ms: median / p95)", "",
               "| query | " + " | ".join(r["title"] for r in results.values()) + " |",
               "|---|" + "---|" * len(results)]
        for name in names:
            expected = base.get(name, {}).get("rows")
            out.append(f"| {name} ({expected if expected is not None else '?'} rows) | " + " | ".join(
                cell(r.get("queries", {}).get(name), base.get(name), expected) for r in results.values()) + " |")
        return out + ["", "Rows differing from the embedded store's are in bold.", ""]

    def page_tables(self, results: dict) -> list[str]:
        web = {k: r for k, r in results.items() if "entity_pages" in r}
        if not web:
            return []
        base = web.get("embedded", {}).get("entity_pages", {})
        titles = " | ".join(r["title"] for r in web.values())
        out = ["### Entity pages (HTML through the Flask app, ms: median of the sampled pages' medians / worst p95)",
               "", f"| kind | {titles} |", "|---|" + "---|" * len(web)]
        kinds = list(dict.fromkeys(k for r in web.values() for k in r["entity_pages"]))
        for kind in kinds:
            for which in ("sample", "busiest"):
                cells = []
                label = ""
                for result in web.values():
                    pages = result["entity_pages"].get(kind, {})
                    stats = _kind_stats(pages, which)
                    baseline = None if result is web.get("embedded") else _kind_stats(base.get(kind, {}), which)
                    cells.append(cell(stats, baseline))
                    if which == "busiest" and pages.get("busiest"):
                        label = f"{kind}, busiest `{next(iter(pages['busiest']))}`"
                    elif which == "sample" and pages.get("pages"):
                        label = f"{kind} ({len(pages['pages'])} pages)"
                out.append(f"| {label} | " + " | ".join(cells) + " |")
        out += ["", "### Saved-query pages (`/queries/<name>`, defaults, ms: median / p95)", "",
                f"| page | {titles} |", "|---|" + "---|" * len(web)]
        page_base = web.get("embedded", {}).get("query_pages", {})
        names = list(dict.fromkeys(k for r in web.values() for k in _query_pages(r)))
        for name in names:
            out.append(f"| {name} | " + " | ".join(
                cell(_query_pages(r).get(name), page_base.get(name)) for r in web.values()) + " |")
        return out + [""]

    def throughput_table(self, results: dict) -> list[str]:
        rows = [(r, variant, t) for r in results.values() for variant, t in r.get("throughput", {}).items()]
        if not rows:
            return []
        first = next((t for _r, _v, t in rows if "rps" in t), None)
        how = (f"{first['client']} -t{first['threads']} -c{first['connections']}, {first['seconds']:g} s × "
               f"{len(first['runs'])} runs over {first['pages']} entity pages") if first else ""
        out = [f"### HTTP throughput ({how})", "",
               "| backend | server | req/s median (min–max) | latency p50 / p90 / p99 (ms) | failed "
               "| web process peak RSS | query worker peak RSS |",
               "|---|---|---|---|---|---|---|"]
        for result, variant, t in rows:
            if "error" in t:
                out.append(f"| {result['title']} | {variant} | error: {t['error'][:150]} | | | | |")
                continue
            rps = [run["rps"] for run in t["runs"]]
            out.append(f"| {result['title']} | {variant} | {t['rps']['median']:.0f} ({min(rps):.0f}–{max(rps):.0f}) | "
                       f"{ms(t['p50'])} / {ms(t['p90'])} / {ms(t['p99'])} | {t['failed']} | "
                       f"{_mb(t.get('web_mb'))} | {_mb(t.get('worker_mb'))} |")
        return out + [""]

    def direct_table(self, results: dict) -> list[str]:
        remote = [r for r in results.values() if "direct" in r]
        if not remote:
            return []
        out = ["### The web app over a server vs that server called directly (ms: median / p95)", "",
               "Direct: the query text `RemoteStore` sends, POSTed with the same `default-graph-uri` "
               "(urllib, whole JSON answer read). Select: `RemoteStore.select`. Page: `/queries/<name>` "
               "through the app, which reads at most 200 rows of the answer (`LSKG_ROW_CAP`), so on a long "
               "answer the page can take less than the direct call. Interleaved run by run.", "",
               "| server | query | direct | select | page | select ÷ direct | page ÷ direct |",
               "|---|---|---|---|---|---|---|"]
        for result in remote:
            for name, d in result["direct"].items():
                if "error" in d:
                    out.append(f"| {result['title']} | {name} | error: {d['error'][:150]} | | | | |")
                    continue
                direct = d["direct"]["median"]
                out.append(f"| {result['title']} | {name} | {cell(d['direct'])} | {cell(d['store'])} | "
                           f"{cell(d['page'])} | ×{d['store']['median'] / direct:.2f} | ×{d['page']['median'] / direct:.2f} |")
        return out + [""]


def _mb(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f} MB".replace(",", " ")


def _all_stats(result: dict):
    yield from (s for s in result.get("queries", {}).values() if "n" in s)
    for kind in result.get("entity_pages", {}).values():
        yield from (s for group in ("pages", "busiest") for s in kind.get(group, {}).values() if "n" in s)
    yield from (s for s in result.get("query_pages", {}).values() if "n" in s)
    for d in result.get("direct", {}).values():
        yield from (d[k] for k in ("direct", "store", "page") if k in d)


def _kind_stats(pages: dict, which: str) -> dict | None:
    group = pages.get("pages" if which == "sample" else "busiest", {})
    measured = [s for s in group.values() if "median" in s]
    errors = [s for s in group.values() if "error" in s]
    if errors:
        return errors[0]
    if not measured:
        return None
    return {"median": statistics.median(s["median"] for s in measured), "p95": max(s["p95"] for s in measured),
            "n": min(s["n"] for s in measured), "n_short": any(s.get("n_short") for s in measured)}


def _query_pages(result: dict) -> dict[str, dict]:
    if "query_pages" in result:
        return {url.rsplit("/", 1)[-1]: s for url, s in result["query_pages"].items()}
    return {name: d["page"] for name, d in result.get("direct", {}).items() if "page" in d}


def _query_target(results: dict) -> str:
    queries = results["embedded"].get("queries", {})
    failed = [k for k, s in queries.items() if "median" not in s]
    if failed or not queries:
        return f"**missed**: {', '.join(failed) or 'not measured'} failed"
    name, worst = max(queries.items(), key=lambda item: item[1]["median"])
    return f"{mark(worst['median'] <= TARGET_QUERY_MS)}: slowest {name} {ms(worst['median'])} ms"


def _page_target(results: dict) -> str:
    kinds = results["embedded"].get("entity_pages", {})
    stats = {kind: _kind_stats(pages, "sample") for kind, pages in kinds.items()}
    stats = {k: s for k, s in stats.items() if s and "median" in s}
    if not stats:
        return "not measured"
    kind, worst = max(stats.items(), key=lambda item: item[1]["median"])
    medians = [s["median"] for pages in kinds.values() for s in pages.get("pages", {}).values() if "median" in s]
    busiest = max(((k, s) for k, p in kinds.items() for s in [_kind_stats(p, "busiest")] if s and "median" in s),
                  key=lambda item: item[1]["median"], default=None)
    text = (f"{mark(statistics.median(medians) <= TARGET_PAGE_MS)}: all sampled pages {ms(statistics.median(medians))} ms; "
            f"slowest kind {kind} {ms(worst['median'])} ms")
    if busiest:
        text += f"; busiest {busiest[0]} page {ms(busiest[1]['median'])} ms"
    return text


def _throughput_target(results: dict) -> str:
    served = results["embedded"].get("throughput", {})
    if DEPLOYED not in served or "rps" not in served[DEPLOYED]:
        return "not measured"
    rps = served[DEPLOYED]["rps"]["median"]
    others = "; ".join(f"{v}: {t['rps']['median']:.0f}/s" for v, t in served.items() if v != DEPLOYED and "rps" in t)
    return f"{mark(rps >= TARGET_PAGES_PER_S)}: {rps:.0f} pages/s as deployed" + (f" ({others})" if others else "")


def _web_over_direct_target(results: dict) -> str:
    direct = results.get("oxigraph", {}).get("direct", {})
    ratios = {name: d["page"]["median"] / d["direct"]["median"] for name, d in direct.items() if "page" in d}
    if not ratios:
        return "not measured"
    worst = max(ratios, key=ratios.get)
    over = [n for n, r in ratios.items() if r > TARGET_WEB_OVER_DIRECT]
    return (f"{mark(not over)}: page ÷ direct median ×{statistics.median(ratios.values()):.2f}, worst ×{ratios[worst]:.2f} "
            f"({worst})" + (f"; over 1.5×: {len(over)} of {len(ratios)}" if over else ""))


def versions(sizes: list[dict], queries: Path, commit: str) -> dict[str, str]:
    import hashlib

    import pyoxigraph
    import rdflib

    engines = {r["backend"]: r.get("version", "") for s in sizes for r in s["results"].values()}
    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True) if shutil.which("wrk") else None
    return {"Python": platform.python_version(), "pyoxigraph": pyoxigraph.__version__,
            "Oxigraph server": engines.get("oxigraph", ""), "Virtuoso": engines.get("virtuoso", ""),
            "rdflib": rdflib.__version__,
            "wrk": (wrk.stdout + wrk.stderr).split()[1] if wrk else "not installed (Python client)",
            "lskg commit at the start": commit,
            "saved queries (sha256 of queries/*.rq as run)": hashlib.sha256(b"".join(
                p.read_bytes() for p in sorted(queries.glob("*.rq")))).hexdigest()[:12]}
