"""One handler for every failure a query can meet on its way to a client.

Each error class says its own HTTP status (`status`): 400 a query or parameter the client got
wrong, 403/413/415 a request the endpoint refuses (`sparql_guard`), 429 a client over its budget,
502 a remote engine down (the fault is upstream), 503 a time limit or a lost worker (the next
request is served normally). So an entity page, a saved query and `/sparql` answer the same
failure with the same status; only the body differs: a blueprint may register how it shows a
failure (`error_view`), in its own page, and every other route gets the site's error page.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, jsonify, make_response, render_template, request

from ..queries import ParameterError
from ..sparql_guard import Refused
from ..store.base import EngineFailure, EngineUnavailable, QueryError, QueryTimeout, seconds
from .client_budget import TooManyQueries

HANDLED = (QueryError, Refused, TooManyQueries, ParameterError)
_VIEWS = "lskg.error_views"
_MAX_MESSAGE = 400  # an engine's syntax error lists every token it expected: the start says enough

# how a blueprint shows a failure: (exception, status, message) -> a Flask response value
ErrorView = Callable[[Exception, int, str], object]


def status_of(exc: Exception) -> int:
    return getattr(exc, "status", 500)


def message_of(exc: Exception) -> str:
    message = str(exc)
    return message if len(message) <= _MAX_MESSAGE else message[:_MAX_MESSAGE] + "…"


def error_view(app: Flask, blueprint_name: str, view: ErrorView) -> None:
    """`view` shows failures of the routes of `blueprint_name`."""
    app.extensions.setdefault(_VIEWS, {})[blueprint_name] = view


def install(app: Flask) -> None:
    def answer(exc: Exception):
        status = status_of(exc)
        view = app.extensions.get(_VIEWS, {}).get(request.blueprint, _site_page)
        response = make_response(view(exc, status, message_of(exc)))
        response.status_code = status
        retry_after = getattr(exc, "retry_after", None)
        if retry_after is not None:
            response.headers["Retry-After"] = str(retry_after)
        return response

    for kind in HANDLED:
        app.register_error_handler(kind, answer)


def _site_page(exc: Exception, status: int, message: str):
    """The site's error page (or JSON for a program), in Vietnamese with the English message."""
    if request.accept_mimetypes.best == "application/json" or request.path.endswith(".json"):
        return jsonify(error=message, status=status)
    return render_template("error.html", code=status, title_vi=_vietnamese(exc), title_en=message)


def _vietnamese(exc: Exception) -> str:
    if isinstance(exc, QueryTimeout):
        return f"Truy vấn chạy quá giới hạn {seconds(exc.limit)} giây và đã bị dừng"
    if isinstance(exc, EngineUnavailable):
        return "Máy chủ SPARQL không trả lời hoặc bị lỗi; xin thử lại sau"
    if isinstance(exc, EngineFailure):
        return "Bộ máy truy vấn bị dừng khi chạy truy vấn này"
    return "Yêu cầu không hợp lệ"
