"""Home page, health check, the validation report, error pages, security headers and visible text."""

from __future__ import annotations

from flask import Blueprint, Flask, jsonify, render_template, request, send_from_directory
from markupsafe import Markup
from werkzeug.exceptions import HTTPException

from .. import settings
from ..text.spoofing import show_invisible
from ..vocab import SPARQL_PROLOGUE
from .context import current_lang, current_site

bp = Blueprint("pages", __name__)


# What the graph covers, for a reader: each kind with the class counted (the build's summary) and
# the page that lists it
COVERAGE = (("Văn bản pháp lý", "eli:LegalResource", "/queries/legal-documents"),
            ("Dự án đầu tư", "lskg:InvestmentProject", "/queries/projects"),
            ("Cơ quan, tổ chức", "org:Organization", "/queries/organizations"),
            ("Chỉ tiêu kinh tế – xã hội", "lskg:Indicator", "/queries/indicator-series"),
            ("Cửa khẩu", "lskg:BorderGate", "/queries/border-gates"),
            ("Đơn vị hành chính", "lskg:AdministrativeUnit", "/id/place/tinh-lang-son"))
# The six reader tasks of issue 15, each one click from home
TRY = (("Cao tốc Hữu Nghị – Chi Lăng dựa trên văn bản nào, cơ quan nào chịu trách nhiệm?",
        "/id/project/cao-toc-huu-nghi-chi-lang"),
       ("Tăng trưởng GRDP của Lạng Sơn qua các năm, và các nguồn có khớp nhau không?",
        "/queries/indicator-series?indicator=ind:grdp-growth"),
       ("Tất cả cửa khẩu và loại cửa khẩu", "/queries/border-gates"),
       ("Mọi điều về Nghị quyết 11-NQ/TW", "/id/legal/vn/2022/nq-11-tw"),
       ("Thu ngân sách, tải về CSV", "/queries/indicator-series.csv?indicator=ind:budget-revenue"),
       ("Tự viết truy vấn SPARQL, nhận JSON", "/sparql"))
_PUBLISHERS = SPARQL_PROLOGUE + """
SELECT ?file ?publisher WHERE { ?doc a lskg:SourceDocument ; lskg:fileName ?file ; dct:publisher ?publisher }"""


@bp.get("/")
def home():
    site = current_site()
    publishers = site.remember(("home.publishers",), lambda: {
        row["file"].value: row["publisher"].value for row in site.store.query(_PUBLISHERS).rows})
    classes = site.summary.get("classes", {})
    coverage = [(name, classes.get(cls, 0), href) for name, cls, href in COVERAGE]
    sources = sorted(site.summary.get("sources", []), key=lambda s: s.get("date") or "", reverse=True)
    return render_template("home.html", summary=site.summary, coverage=coverage, tasks=TRY,
                           sources=sources, publishers=publishers)


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico whatever the page links: the site's icon (an SVG, which they
    all read), not a 404 in every log."""
    return send_from_directory(bp.root_path + "/static", "favicon.svg", mimetype="image/svg+xml", max_age=86400)


@bp.get("/-/health")
def health():
    site = current_site()
    return jsonify(status="ok", graph_version=site.summary.get("graph_version"),
                   built_at=site.summary.get("built_at"), triples=site.store.release.triples)


@bp.get("/-/settings.json")
def settings_table():
    """What can be set and its default (`lskg.settings`); not the values in use, which would tell
    a stranger the deployment's paths and endpoints."""
    return jsonify(settings=[s.describe() for s in settings.SETTINGS])


@bp.get("/validation")
def validation():
    site = current_site()
    results = site.validation.get("results", [])
    severity = request.args.get("severity")
    if severity in ("Violation", "Warning", "Info"):
        results = [r for r in results if r["severity"] == severity]
    return render_template("validation.html", results=results, report=site.validation, severity=severity)


def install_error_pages(app: Flask) -> None:
    """Short, translated error pages: never a traceback, a path or a library name."""

    def page(code: int, title_vi: str, title_en: str):
        def handler(exc):
            # a 405 says which methods the resource has (RFC 9110); nothing else of the exception is shown
            allow = [(k, v) for k, v in exc.get_headers() if k.lower() == "allow"] \
                if isinstance(exc, HTTPException) else []
            if request.accept_mimetypes.best == "application/json" or request.path.endswith(".json"):
                return jsonify(error=title_en, status=code), code, allow
            return render_template("error.html", code=code, title_vi=title_vi, title_en=title_en), code, allow
        return handler

    app.register_error_handler(400, page(400, "Yêu cầu không hợp lệ", "Bad request"))
    app.register_error_handler(404, page(404, "Không tìm thấy", "Not found"))
    app.register_error_handler(405, page(405, "Phương thức không được phép", "Method not allowed"))
    app.register_error_handler(413, page(413, "Yêu cầu quá lớn", "Request too large"))
    app.register_error_handler(415, page(415, "Kiểu nội dung không được hỗ trợ", "Unsupported media type"))
    app.register_error_handler(500, page(500, "Lỗi máy chủ", "Server error"))


CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# on every response: the app's (below) and the HTTP server's own refusals (web.server)
SECURITY_HEADERS = (("Content-Security-Policy", CSP), ("X-Content-Type-Options", "nosniff"),
                    ("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer"))


def install_headers(app: Flask) -> None:
    @app.after_request
    def security_headers(response):
        for name, value in SECURITY_HEADERS:
            response.headers.setdefault(name, value)
        return response


def install_visible_text(app: Flask) -> None:
    """Every value a template prints (the Python-built cells and source text too, which reach the
    templates as Markup) shows bidi controls and zero-width characters as U+FFFD (`text.spoofing`):
    a label or quote from a source cannot reorder or hide what the page shows around it."""

    def visible(value):
        if isinstance(value, Markup):  # the characters are not markup: replacing them keeps it safe
            return Markup(show_invisible(str(value)))
        return show_invisible(value) if isinstance(value, str) else value

    app.jinja_env.finalize = visible


__all__ = ["bp", "install_error_pages", "install_headers", "install_visible_text", "current_lang"]
