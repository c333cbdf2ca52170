"""Operational logging: one JSON line per request and one per query, on stderr.

`configure()` is called by `lskg serve` and `app.py` (a library leaves logging to its host); until
then the lines go nowhere, as Python's logging does by default. Each line says who asked
(`client`: the address the client budget counts, web.client_budget), what (`route`: the URL rule,
not the path with its parameters), how long (`ms`), how much (`rows`), how it ended (`outcome`,
`status`) and on which release (`release`: the graph version), so one grep answers "who ran the
slow queries on yesterday's build".
"""

from __future__ import annotations

import functools
import json
import logging
import sys
import time
from typing import Any

from flask import Flask, current_app, g, has_request_context, request

from .client_budget import client_address

log = logging.getLogger("lskg.access")
_FIELDS = "lskg_event"  # the attribute of a record that holds its structured fields


class JsonLines(logging.Formatter):
    """A record as one JSON object: time, level, logger, message and its structured fields."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
                                "level": record.levelname.lower(), "logger": record.name,
                                "message": record.getMessage()}
        line.update(getattr(record, _FIELDS, {}))
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


JsonLines.converter = time.gmtime


def configure(level: int = logging.INFO, stream=None) -> None:
    """lskg's loggers write JSON lines to `stream` (stderr); calling again replaces the handler."""
    logger = logging.getLogger("lskg")
    for handler in [h for h in logger.handlers if getattr(h, "lskg_json", False)]:
        logger.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonLines())
    handler.lskg_json = True
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False  # a host's root handler would print each line a second time


def install(app: Flask) -> None:
    """A line when each request ends, with the queries it ran and the rows they gave."""

    @app.before_request
    def _start() -> None:
        g.lskg_started = time.perf_counter()
        g.lskg_queries = 0
        g.lskg_rows = 0

    @app.after_request
    def _finished(response):
        if log.isEnabledFor(logging.INFO):
            status = response.status_code
            outcome = "ok" if status < 400 else "refused" if status < 500 else "failed"
            log.info("request", extra={_FIELDS: {
                "event": "request", **_who(), "method": request.method, "status": status, "outcome": outcome,
                "ms": _ms(g.get("lskg_started")), "queries": g.get("lskg_queries", 0),
                "rows": g.get("lskg_rows", 0), "release": _release()}})
        return response


def log_queries(store) -> None:
    """A line for each query `store` runs: what kind of answer, its time, rows and outcome, and the
    request it ran for. The store's own `query` is wrapped on the instance, not behind a proxy, so
    the store stays what it is (an IsolatedStore is still one: the app starts and closes its workers)."""
    store.query = _logged(store.query)


# what a line calls a query: the answer written in a format, else its form ("query" when it failed)
_KINDS = {"select": "select", "ask": "ask", "graph": "triples"}


def _logged(method):
    @functools.wraps(method)
    def logged(*args, **kwargs):
        started = time.perf_counter()
        try:
            result = method(*args, **kwargs)
        except Exception as exc:
            _query_line("serialize" if kwargs.get("fmt") else "query", _ms(started), None, type(exc).__name__)
            raise
        kind = "serialize" if result.written is not None else _KINDS[result.form]
        _query_line(kind, _ms(started), _rows(result), "ok")
        return result

    return logged


def _rows(result) -> int | None:
    if result.form == "ask":
        return 1
    if result.written is not None:
        return None  # a written answer is bytes: its size is in the request
    return len(result.rows)


def _query_line(method: str, ms: float, rows: int | None, outcome: str) -> None:
    if has_request_context():
        g.lskg_queries = g.get("lskg_queries", 0) + 1
        g.lskg_rows = g.get("lskg_rows", 0) + (rows or 0)
    if log.isEnabledFor(logging.INFO):
        fields = {"event": "query", **(_who() if has_request_context() else {"route": None}), "query": method,
                  "ms": ms, "rows": rows, "outcome": outcome, "release": _release() if has_request_context() else None}
        log.info("query", extra={_FIELDS: fields})


def _who() -> dict[str, Any]:
    rule = request.url_rule
    hops = int(current_app.config["LSKG_TRUSTED_PROXY_HOPS"])
    return {"client": client_address(request.remote_addr, request.headers.getlist("X-Forwarded-For"), hops),
            "route": rule.rule if rule is not None else None, "path": request.path}


def _release() -> str | None:
    site = current_app.extensions.get("lskg")
    return site.summary.get("graph_version") if site is not None else None


def _ms(started: float | None) -> float | None:
    return round((time.perf_counter() - started) * 1000, 1) if started is not None else None
