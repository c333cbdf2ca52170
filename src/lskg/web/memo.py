"""Per-app memory for what a read-only store answers the same way every time.

The release an app serves never changes while it runs, so a description or a marked-up source
text, once made, can be kept: the most recent LSKG_PAGE_CACHE of each kind (0 turns it off,
to measure the uncached cost). Made when a blueprint is registered, so each app has its own.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

from flask import Flask, current_app
from flask.blueprints import BlueprintSetupState

DEFAULT_SIZE = 256


def remembered(name: str, make: Callable[[Flask], Callable]) -> Callable[[BlueprintSetupState], None]:
    """A record_once hook that keeps `make(app)`'s results under app.extensions[name]."""

    def install(state: BlueprintSetupState) -> None:
        size = int(state.app.config.get("LSKG_PAGE_CACHE", DEFAULT_SIZE))
        func = make(state.app)
        state.app.extensions[name] = lru_cache(maxsize=size)(func) if size else func

    return install


def recall(name: str) -> Callable:
    return current_app.extensions[name]
