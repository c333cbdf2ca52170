"""Serving across rebuilds: a WSGI entry point that switches to a new release without a torn read.

`lskg build` writes a new release aside and then points `build/current` at it with one rename;
`lskg load` writes a new release description into a remote store after all its graphs. A probe
names the release in place (the target of `current`, or the remote release's version and load
time). `ReleaseSwitcher` notices a new one, builds a complete new Flask app for it in the
background (store loaded, labels, search index, choice lists), and then swaps one reference.
Each request reads that reference once, so it is answered wholly by the old release or wholly
by the new one, never a mix; requests under way when the switch happens finish on the old app,
whose store is closed once the last of them is done. A release that fails to load is logged
and the old one keeps serving. Every response names its release in `X-LSKG-Graph-Version`.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from flask import Flask

log = logging.getLogger(__name__)


def build_probe(build_dir: Path) -> Callable[[], str]:
    """The release a build folder serves: where `current` points."""
    return lambda: os.path.realpath(Path(build_dir) / "current")


def endpoint_probe(query_url: str) -> Callable[[], str]:
    """The release a remote store serves: its version and when it was loaded."""
    from ..store.remote import release_stamp

    return lambda: release_stamp(query_url)


class ReleaseSwitcher:
    def __init__(self, probe: Callable[[], str], make_app: Callable[[], Flask], interval: float = 2.0):
        self.probe = probe
        self.make_app = make_app
        self.interval = interval
        self._lock = threading.Lock()
        self._active: dict[int, int] = {}
        self._retired: list[Flask] = []
        self.target = probe()
        self.app = make_app()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="lskg-release-watch", daemon=True)
        if interval > 0:
            self._thread.start()

    # -- WSGI ----------------------------------------------------------------------------
    def __call__(self, environ, start_response):
        app = self._enter()  # this request is served by this release only
        version = str(app.extensions["lskg"].summary.get("graph_version", ""))

        def start(status, headers, exc_info=None):
            headers.append(("X-LSKG-Graph-Version", version))
            return start_response(status, headers, exc_info)

        try:
            body = app(environ, start)
        except BaseException:
            self._leave(app)
            raise
        return _ClosingIterable(body, lambda: self._leave(app))

    def _enter(self) -> Flask:
        """The current app, counted as busy: read and count under one lock, so a switch cannot
        close it between the two."""
        with self._lock:
            app = self.app
            self._active[id(app)] = self._active.get(id(app), 0) + 1
            return app

    def _leave(self, app: Flask) -> None:
        with self._lock:
            self._active[id(app)] -= 1
            idle = [old for old in self._retired if not self._active.get(id(old))]
            self._retired = [old for old in self._retired if old not in idle]
        for old in idle:
            _close(old)

    # -- switching ---------------------------------------------------------------------------
    def check(self) -> bool:
        """Switch to the release the probe names if it changed; True when switched."""
        try:
            target = self.probe()
        except Exception:  # noqa: BLE001 - an unreachable store: keep serving, ask again later
            log.warning("could not tell which release is current; still serving %s", self.target)
            return False
        if target == self.target:
            return False
        try:
            new = self.make_app()
        except Exception:  # noqa: BLE001 - a release that does not load must not stop serving
            log.exception("the release at %s could not be loaded; still serving %s", target, self.target)
            self.target = target  # do not retry the same broken release in a loop
            return False
        with self._lock:
            old, self.app, self.target = self.app, new, target
            if self._active.get(id(old)):
                self._retired.append(old)
                old = None
        if old is not None:
            _close(old)
        log.info("now serving %s", target)
        return True

    def _watch(self) -> None:
        while not self._stop.wait(self.interval):
            self.check()

    def close(self) -> None:
        self._stop.set()
        _close(self.app)


class _ClosingIterable:
    """The response body, calling `done` when the server closes it (the request is over)."""

    def __init__(self, body: Iterable[bytes], done: Callable[[], None]):
        self.body, self.done = body, done

    def __iter__(self):
        return iter(self.body)

    def close(self) -> None:
        try:
            if hasattr(self.body, "close"):
                self.body.close()
        finally:
            self.done()


def _close(app: Flask) -> None:
    app.extensions["lskg"].store.close()


def serving_app(build_dir: Path | None = None, interval: float | None = None,
                endpoint: str | None = None) -> ReleaseSwitcher:
    """The app `lskg serve` and `app.py` serve: create_app behind a release switcher, over the
    build folder, or over the remote store at `endpoint` (else LSKG_SPARQL_ENDPOINT) if one is set."""
    from . import create_app
    from .. import settings
    from ..paths import Paths

    env = settings.load()
    interval = env["LSKG_RELOAD_SECONDS"] if interval is None else interval
    endpoint = endpoint or env["LSKG_SPARQL_ENDPOINT"] or None
    if endpoint:
        return ReleaseSwitcher(endpoint_probe(endpoint), lambda: create_app({"LSKG_SPARQL_ENDPOINT": endpoint}),
                               interval)
    build_dir = Path(build_dir or env["LSKG_BUILD_DIR"] or Paths.default().build)
    return ReleaseSwitcher(build_probe(build_dir), lambda: create_app({"LSKG_BUILD_DIR": str(build_dir)}), interval)


__all__ = ["ReleaseSwitcher", "build_probe", "endpoint_probe", "serving_app"]
