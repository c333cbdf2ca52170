"""The web side: pages through the Flask app in this process, HTTP throughput against a served
app (wrk), and the web app over a SPARQL server against that server called directly."""

from __future__ import annotations

import http.client
import itertools
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlencode

from benchmarks.compare.measure import descendants, interleaved, repeat, status_mb, summary
from benchmarks.load_test import wait_ready
from lskg.store.binding import bind_values
from lskg.store.local_engines import free_port
from lskg.store.remote import RemoteStore, _dataset_parameters  # the very parameters RemoteStore sends

# every request really queries (no remembered pages), no reloading, and no page limit a slow engine hits
SERVE_ENV = {"LSKG_PAGE_CACHE": "0", "LSKG_RELOAD_SECONDS": "0", "LSKG_QUERY_TIMEOUT": "120"}


class PageFailed(Exception):
    pass


def getter(client):
    def get(url: str) -> None:
        response = client.get(url)
        if response.status_code != 200:
            raise PageFailed(f"{url}: HTTP {response.status_code}")
    return get


def page_timings(get, urls: list[str], runs: int, budget_s: float, progress) -> dict[str, dict]:
    out = {}
    for url in urls:
        try:
            out[url] = repeat(lambda: get(url), runs, budget_s)[0]
        except PageFailed as exc:
            out[url] = {"error": str(exc)}
        progress(f"page {url}: " + (f"{out[url]['median']:.1f} ms" if "median" in out[url] else out[url]["error"]))
    return out


def direct_vs_web(store: RemoteStore, get, catalogue, runs: int, budget_s: float, progress) -> dict[str, dict]:
    """Per saved query (default parameters): the same SPARQL POSTed to the server by hand (reading
    the whole JSON answer), through RemoteStore.select, and the page /queries/<name>, interleaved."""
    out = {}
    for saved in catalogue:
        bindings = saved.bindings({})
        text = bind_values(saved.text, bindings)
        params = [("query", text)] + [(name, graph) for name, graphs in _dataset_parameters(
            text, None, store.default_graph, store.release.graphs) for graph in graphs]
        request = urllib.request.Request(store.query_url, data=urlencode(params).encode(), headers={
            "Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"})

        def direct(request=request):
            with urllib.request.urlopen(request, timeout=store.timeout) as response:
                response.read()

        try:
            direct_s, store_s, page_s = interleaved(
                [direct, lambda: store.query(saved.text, bindings), lambda: get(f"/queries/{saved.name}")],
                runs, budget_s)
            out[saved.name] = {"direct": direct_s, "store": store_s, "page": page_s}
            progress(f"direct vs web {saved.name}: {direct_s['median']:.1f} / {store_s['median']:.1f} / "
                     f"{page_s['median']:.1f} ms")
        except Exception as exc:  # noqa: BLE001 - one failing query must not end the comparison
            out[saved.name] = {"error": f"{type(exc).__name__}: {exc}"}
            progress(f"direct vs web {saved.name}: {out[saved.name]['error']}")
    return out


@contextmanager
def serving(arguments: list[str], env: dict[str, str]):
    """`lskg serve` (waitress) on a free port of 127.0.0.1: yields the port and a function that reads
    the peak RSS of the server process and of the largest process below it; stopped on leaving."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "lskg.cli", "serve", "--host", "127.0.0.1", "--port", str(port), *arguments],
        env={**os.environ, **SERVE_ENV, **env},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # an unread pipe would stall it (load_test.py)
    try:
        wait_ready(port, timeout=600)
        yield port, lambda: {"web_mb": status_mb("VmHWM", server.pid),
                             "worker_mb": max((status_mb("VmHWM", p) or 0 for p in descendants(server.pid)), default=None)}
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def throughput(port: int, paths: list[str], seconds: float, threads: int, connections: int, runs: int,
               progress) -> dict:
    paths = [quote(p, safe="/?=&%:+-._~") for p in paths]
    client = "wrk" if shutil.which("wrk") else "python"
    run_once = _wrk if client == "wrk" else _python_client
    # a short run first, not counted: the query workers, caches and connections warm up
    run_once(port, paths, min(3.0, seconds), threads, connections)
    results = []
    for n in range(runs):
        run = run_once(port, paths, seconds, threads, connections)
        results.append(run)
        progress(f"{client} run {n + 1}/{runs}: {run['rps']:.0f} req/s, p50 {run['p50']:.1f} ms, "
                 f"p99 {run['p99']:.1f} ms, {run['failed']} failed")
    rps = summary([r["rps"] for r in results])
    return {"client": client, "runs": results, "rps": rps, "seconds": seconds, "threads": threads,
            "connections": connections, "pages": len(paths),
            **{k: summary([r[k] for r in results])["median"] for k in ("p50", "p90", "p99")},
            "failed": sum(r["failed"] for r in results)}


_WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""
_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}


def _wrk(port: int, paths: list[str], seconds: float, threads: int, connections: int) -> dict:
    """One wrk run; every connection cycles through the paths (a Lua script)."""
    with tempfile.TemporaryDirectory(prefix="lskg-wrk-") as folder:
        script = Path(folder) / "pages.lua"
        script.write_text(_WRK_SCRIPT % ", ".join(f'"{p}"' for p in paths), "utf-8")
        done = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds:g}s", "--latency",
                               "--timeout", "30s", "-s", str(script), f"http://127.0.0.1:{port}"],
                              capture_output=True, text=True, timeout=seconds + 120)
    out = done.stdout
    latency = {pct: float(v) * _UNITS[unit] for pct, v, unit in
               re.findall(r"^\s+(50|90|99)%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)}
    requests = re.search(r"(\d+) requests in", out)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if done.returncode != 0 or not (requests and rps and len(latency) == 3):
        raise RuntimeError(f"wrk failed ({done.returncode}):\n{out}\n{done.stderr}")
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    failed = (int(non_2xx.group(1)) if non_2xx else 0) + (sum(map(int, socket_errors.groups())) if socket_errors else 0)
    return {"rps": float(rps.group(1)), "requests": int(requests.group(1)), "failed": failed,
            "p50": latency["50"], "p90": latency["90"], "p99": latency["99"]}


def _python_client(port: int, paths: list[str], seconds: float, threads: int, connections: int) -> dict:
    """Without wrk: `connections` keep-alive clients in threads of this process for `seconds`. Python
    clients compete with the server for the cores, so this reads lower than wrk would."""
    latencies: list[float] = []
    failed = [0]
    stop = time.perf_counter() + seconds

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for path in itertools.islice(itertools.cycle(paths), offset, None):
            if time.perf_counter() >= stop:
                break
            t = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                failed[0] += response.status != 200
            except OSError:
                failed[0] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            latencies.append((time.perf_counter() - t) * 1000)
        conn.close()

    started = time.perf_counter()
    workers = [threading.Thread(target=client, args=(i,)) for i in range(connections)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    ordered = sorted(latencies)
    at = lambda q: ordered[int(q * (len(ordered) - 1))]  # noqa: E731
    return {"rps": len(ordered) / (time.perf_counter() - started), "requests": len(ordered), "failed": failed[0],
            "p50": at(0.5), "p90": at(0.9), "p99": at(0.99)}
