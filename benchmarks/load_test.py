"""Bounded load test on 127.0.0.1: N concurrent clients for T seconds on entity pages, saved
queries and /sparql, with one rebuild switched in midway. Reports throughput, p50/p99 latency,
errors, and the graph versions seen before and after the rebuild.

Usage: .venv/bin/python benchmarks/load_test.py [--clients 50] [--seconds 60] [--build DIR]

It copies the current build folder aside, serves it with `lskg serve` (waitress) on a free port,
and rebuilds into that copy after half the time (the server must pick the new release up without
a failed or mixed response). Nothing in the repository is touched.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from lskg.paths import Paths

URLS = [
    "/id/project/cao-toc-huu-nghi-chi-lang",
    "/id/legal/tinh-lang-son/2022/nq-41-hdnd",
    "/id/org/tinh-lang-son/hdnd",
    "/id/place/tinh-lang-son",
    "/queries/legal-documents",
    "/queries/projects",
    "/queries/indicator-series?indicator=ind%3Agrdp-growth",
    "/queries/conflicts.csv",
    "/sparql?query=SELECT%20%3Fd%20WHERE%20%7B%20%3Fd%20%3Chttp%3A%2F%2Fdata.europa.eu%2Feli%2Fontology%23id_local%3E"
    "%20%2241%2FNQ-H%C4%90ND%22%20%7D&format=json",
    "/search?q=huu%20nghi",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(port: int, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/-/health")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("the server did not come up")


def health(port: int) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/-/health")
    return json.loads(conn.getresponse().read())


def client(n: int, port: int, stop: threading.Event, latencies: list, errors: list, versions: set) -> None:
    # each client from its own loopback address (127.0.0.2, .3, …), as 50 people would be: /sparql
    # caps the queries one address may run at once (LSKG_CLIENT_CONCURRENCY)
    def connect():
        return http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(f"127.0.0.{2 + n % 250}", 0))

    conn = connect()
    rnd = random.Random()
    while not stop.is_set():
        url = rnd.choice(URLS)
        t = time.perf_counter()
        try:
            conn.request("GET", url)
            response = conn.getresponse()
            body = response.read()
            if response.status != 200:
                errors.append((url, response.status, body[:200]))
            version = response.getheader("X-LSKG-Graph-Version")
            if version:
                versions.add(version)
        except Exception as exc:  # noqa: BLE001 - a load test counts every failure
            errors.append((url, type(exc).__name__, str(exc)[:200]))
            conn.close()
            conn = connect()
        latencies.append(time.perf_counter() - t)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--build", default=str(Paths.default().build))
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="lskg-load-"))
    build_dir = work / "build"
    shutil.copytree(args.build, build_dir, symlinks=True)
    port = free_port()
    lskg = [sys.executable, "-m", "lskg.cli"]
    server = subprocess.Popen([*lskg, "serve", "--store", str(build_dir), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # a full pipe would stall it
    try:
        wait_ready(port)
        before = health(port)
        stop = threading.Event()
        latencies: list[float] = []
        errors: list = []
        versions: set = set()
        threads = [threading.Thread(target=client, args=(n, port, stop, latencies, errors, versions), daemon=True)
                   for n in range(args.clients)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        # the rebuild starts early (it takes about 40 s on two cores shared with 50 clients, against
        # 9 s alone), so that its switch lands mid-run, with the clients still at work
        time.sleep(args.seconds / 10)
        rebuild = subprocess.run([*lskg, "build", "--output", str(build_dir), "--quiet",
                                  "--registry", str(work / "iris.tsv")], capture_output=True, text=True)
        rebuilt_at = time.perf_counter() - started
        switched_at = None
        while time.perf_counter() - started < args.seconds:
            if switched_at is None and health(port)["built_at"] != before["built_at"]:
                switched_at = time.perf_counter() - started
            time.sleep(0.5)
        stop.set()
        for t in threads:
            t.join(timeout=60)
        elapsed = time.perf_counter() - started
        try:
            after = health(port)
        except OSError as exc:
            after = {"built_at": f"health failed: {exc}", "graph_version": "?"}
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)
    lat = sorted(latencies)
    print(f"clients {args.clients}, {elapsed:.1f} s, {len(lat)} requests, {len(lat) / elapsed:.0f} req/s")
    print(f"latency p50 {statistics.median(lat) * 1000:.1f} ms, p99 {lat[int(0.99 * (len(lat) - 1))] * 1000:.1f} ms, "
          f"max {lat[-1] * 1000:.1f} ms")
    print(f"errors {len(errors)}" + (f": {errors[:5]}" if errors else ""))
    print(f"rebuild exit {rebuild.returncode}, done at {rebuilt_at:.1f} s, new release served from "
          f"{'%.1f s' % switched_at if switched_at else 'never (during the run)'}; built_at before {before['built_at']}, after {after['built_at']}; graph version before {before['graph_version']}, "
          f"after {after['graph_version']}; versions seen in responses: {sorted(versions) or 'not reported'}")


if __name__ == "__main__":
    main()
