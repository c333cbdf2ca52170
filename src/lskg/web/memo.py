"""Per-app memory for what a read-only store answers the same way every time.

The release an app serves never changes while it runs, so a description or a marked-up source
text, once made, can be kept: the most recently used LSKG_PAGE_CACHE of each kind (0 turns it
off, to measure the uncached cost), and at most LSKG_PAGE_CACHE_MB megabytes of each kind (an
entry is weighed when it is kept; one over a quarter of that is not kept: a saved query's export
can be 100 000 rows). Made when a blueprint is registered, so each app has its own.
"""

from __future__ import annotations

from typing import Callable

from flask import Flask, current_app
from flask.blueprints import BlueprintSetupState

from ..store.sized import SizedLRU, cached


def remembered(name: str, make: Callable[[Flask], Callable]) -> Callable[[BlueprintSetupState], None]:
    """A record_once hook that keeps `make(app)`'s results under app.extensions[name]."""

    def install(state: BlueprintSetupState) -> None:
        size = int(state.app.config["LSKG_PAGE_CACHE"])
        budget = int(float(state.app.config["LSKG_PAGE_CACHE_MB"]) * 1024 * 1024)
        func = make(state.app)
        state.app.extensions[name] = cached(SizedLRU(budget, size, budget // 4), func) if size and budget else func

    return install


def recall(name: str) -> Callable:
    return current_app.extensions[name]
