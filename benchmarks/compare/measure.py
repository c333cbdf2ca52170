"""Timing and memory primitives shared by every backend's measurements."""

from __future__ import annotations

import math
import os
import statistics
import time
from pathlib import Path
from typing import Callable


def summary(samples_ms: list[float]) -> dict:
    """Median and p95 by nearest rank (with 21 runs the 20th, as benchmarks/web_timing.py reads it;
    with the few runs of a slow engine, the slowest rather than the fastest)."""
    ordered = sorted(samples_ms)
    return {"median": statistics.median(ordered), "p95": ordered[math.ceil(0.95 * len(ordered)) - 1], "n": len(ordered)}


def repeat(fn: Callable[[], object], runs: int, budget_s: float) -> tuple[dict, object]:
    """`fn` timed `runs` times, fewer once `budget_s` is spent (always once): a slow engine must not
    hold the whole comparison up. Returns the summary (n says how many ran) and the last result."""
    samples: list[float] = []
    result = None
    spent = 0.0
    while len(samples) < runs and (not samples or spent < budget_s):
        t = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - t
        samples.append(elapsed * 1000)
        spent += elapsed
    return summary(samples), result


def interleaved(fns: list[Callable[[], object]], runs: int, budget_s: float) -> list[dict]:
    """Each of `fns` timed `runs` times, one after the other in every round, so that a busy moment
    of the machine hits all of them alike (ratios between them stay fair); fewer rounds past `budget_s`."""
    samples: list[list[float]] = [[] for _ in fns]
    started = time.perf_counter()
    for done in range(runs):
        if done and time.perf_counter() - started > budget_s:
            break
        for fn, out in zip(fns, samples):
            t = time.perf_counter()
            fn()
            out.append((time.perf_counter() - t) * 1000)
    return [summary(s) for s in samples]


def status_mb(field: str, pid: int | None = None) -> float | None:
    """A memory line of /proc/<pid>/status in MB (VmHWM: peak resident set; VmRSS: now)."""
    try:
        with open(f"/proc/{pid or os.getpid()}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def descendants(pid: int) -> list[int]:
    """The processes below `pid` (a served app's query zygote and workers)."""
    found = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                found += [int(child), *descendants(int(child))]
    except OSError:
        pass  # it ended meanwhile
    return found
