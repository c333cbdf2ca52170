"""`/sparql`: the SPARQL 1.1 Protocol over the read-only store, and an editor page for browsers.

GET `?query=`, form POST and direct POST (`application/sparql-query`). Results in the format the
client asks for (`?format=` first, then `Accept`), written by the store. Every query passes
`lskg.query_limits` (length, nesting depth: before any parser sees it) and `lskg.sparql_guard`
(Update, SERVICE, foreign graphs); results are capped at LSKG_EXPORT_ROW_CAP, stated in the service
description; a cut answer says so in `X-LSKG-Truncated` and in its body (`web.truncation`).
Without a query: a SPARQL Service Description, or the editor when a browser asks.

The dataset (SPARQL 1.1 Protocol 2.1.4): `default-graph-uri` and `named-graph-uri`, in the URL or,
for a form POST, in the URL and the body alike, replace the query's FROM and FROM NAMED. They, and
FROM, may name only the store's own graphs (the service description lists them); any other is
refused with 400 naming it, before anything runs and without dereferencing it (the protocol lets a
service refuse a dataset it does not offer). Without either: the default graph is the union of the
store's graphs, and every graph is a named graph. Relative IRIs resolve against the endpoint's URL.

Time: each query has LSKG_SPARQL_TIMEOUT seconds (`lskg.settings`); with the isolated store its worker
process is killed at the deadline and the client gets 503 naming the limit. Two lanes share the
workers: endpoint queries may occupy all workers but one (`_run`), so a burst of slow ones never
stalls the site's own pages; and each client (`client_budget`) has a budget of query seconds and
a cap on its queries at once, never more than all endpoint slots but one, so one client's
runaways never hold up another client's query. Over either: 429 with Retry-After.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from flask import g as request_state
from flask import Blueprint, Response, current_app, make_response, render_template, request
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from werkzeug.datastructures import CombinedMultiDict
from rdflib.namespace import DCTERMS, VOID

from ..query_limits import check_limits
from ..sparql_guard import (CheckedQuery, QuerySyntaxError, Refused, check_graphs, check_query,
                            refuse_update)
from ..store.base import Dataset, QueryBusy, ResultTooLarge, Result, media_type
from ..store.downloads import spreadsheet_safe_csv
from ..vocab import FORMATS, LSKG, SD
from . import errors, truncation
from .client_budget import ClientBudget, Turn, client_address
from .context import current_site
from .dataset import link_dataset
from .linked_data import RDFLIB_FORMATS
from .sparql_examples import EXAMPLES, STARTER

bp = Blueprint("sparql", __name__)

_SLOTS = "lskg.sparql_slots"
_BUDGET = "lskg.client_budget"

# what a client may ask for (a media type in Accept, or a name or media type in ?format=), per kind of answer
_ASKS = {
    "results": {"application/sparql-results+json": "json", "application/json": "json",
                "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
                "text/csv": "csv", "text/tab-separated-values": "tsv", "text/html": "html"},
    "graph": {"text/turtle": "turtle", "application/turtle": "turtle", "application/x-turtle": "turtle",
              "text/n3": "turtle", "application/n-triples": "ntriples", "text/plain": "ntriples",
              "application/ld+json": "jsonld", "application/x-json+ld": "jsonld", "application/json": "jsonld",
              "application/rdf+xml": "rdfxml", "application/xml": "rdfxml", "text/html": "html"},
}
_NAMES = {
    "results": {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "html": "html"},
    "graph": {"turtle": "turtle", "ttl": "turtle", "n3": "turtle", "ntriples": "ntriples", "nt": "ntriples",
              "n-triples": "ntriples", "jsonld": "jsonld", "json-ld": "jsonld", "json": "jsonld",
              "rdfxml": "rdfxml", "rdf+xml": "rdfxml", "rdf": "rdfxml", "xml": "rdfxml", "html": "html"},
}
DOWNLOADS = {"results": ("json", "xml", "csv", "tsv"), "graph": ("turtle", "ntriples", "jsonld", "rdfxml")}


class MediaTypeRefused(Refused):
    status = 415


@dataclass
class ProtocolRequest:
    query: str | None
    dataset: Dataset
    formats: list[str]


@bp.record_once
def _make_lanes(state) -> None:
    """How many endpoint queries may run at once: all the store's workers but one (at least one);
    and how many of them one client may run: its configured cap, at most all those slots but one."""
    config = state.app.config
    capacity = state.app.extensions["lskg"].store.capacity
    endpoint_slots = max(1, capacity - 1) if capacity else None
    state.app.extensions[_SLOTS] = threading.BoundedSemaphore(endpoint_slots) if endpoint_slots else None
    concurrency = config["LSKG_CLIENT_CONCURRENCY"]
    if concurrency and endpoint_slots:
        concurrency = min(concurrency, max(1, endpoint_slots - 1))
    state.app.extensions[_BUDGET] = ClientBudget(float(config["LSKG_CLIENT_BUDGET_SECONDS"]),
                                                 float(config["LSKG_CLIENT_BUDGET_WINDOW"]), concurrency)


@contextmanager
def _client_turn() -> Iterator[Turn]:
    """This client's turn for one query: TooManyQueries (429) if it is over its budget or runs too
    many already; the sections it times are charged to it when the turn ends."""
    hops = int(current_app.config["LSKG_TRUSTED_PROXY_HOPS"])
    client = client_address(request.remote_addr, request.headers.getlist("X-Forwarded-For"), hops)
    with current_app.extensions[_BUDGET].turn(client, _timeout()) as turn:
        yield turn


def _run(turn: Turn, call, *args, **kwargs):
    """An endpoint query in one of the endpoint slots (waiting at most the time limit, then 503:
    QueryBusy); the client is charged the query's time, not the wait for a slot."""
    slots = current_app.extensions.get(_SLOTS)
    if slots is not None and not slots.acquire(timeout=_timeout()):
        raise QueryBusy(_timeout())
    try:
        with turn.timed():
            return call(*args, **kwargs)
    finally:
        if slots is not None:
            slots.release()


@bp.after_request
def _vary(response: Response) -> Response:
    response.vary.add("Accept")
    return response


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint():
    # every failure below is answered by `web.errors` with its own status, shown by `_failure`
    req = _read_request()
    request_state.sparql_query = req.query
    if req.query is None:
        fmt = _kind_format("graph", req.formats, default="turtle")
        return _editor(_example_text(request.args.get("example"))) if fmt == "html" else _service_description(fmt)
    site = current_site()
    with _client_turn() as turn:
        # the guard's parse costs up to its own budget of the web process's time; the wait for
        # another query's parse (one at a time) is not this client's doing
        with turn.timed():
            max_chars = current_app.config["LSKG_QUERY_MAX_CHARS"]
            check_limits(req.query, max_chars, current_app.config["LSKG_QUERY_MAX_DEPTH"])
            check_graphs(req.dataset.default_graphs + req.dataset.named_graphs, site.store.release.graphs)
            checked = check_query(req.query, site.store.release.graphs, max_chars, waiting=turn.untimed,
                                  base=request.base_url)
        kind = _kind(checked)
        fmt = _kind_format(kind, req.formats, default=DOWNLOADS[kind][0])
        if fmt == "html":
            return _editor(req.query, checked, req.dataset, turn=turn)
        if fmt not in DOWNLOADS[kind]:
            raise Refused(f"format {fmt!r} is not available for {checked.form.upper()} queries; "
                          f"use one of {', '.join(DOWNLOADS[kind])}")
        out = _run(turn, site.store.query, checked.text, limit=_cap(), dataset=req.dataset, timeout=_timeout(),
                   fmt=fmt)
    body = spreadsheet_safe_csv(out.serialize(fmt)) if fmt == "csv" else out.serialize(fmt)
    body = truncation.say_truncated(body, fmt, _cap()) if out.truncated else body
    return truncation.mark(Response(body, content_type=f"{media_type(fmt)}; charset=utf-8"), out.truncated)


def _read_request() -> ProtocolRequest:
    """The protocol's three ways to send a query; Update in any of them is refused."""
    params = request.args
    queries = request.args.getlist("query")
    if request.method == "POST":
        if request.mimetype == "application/sparql-update":
            raise refuse_update()
        if request.mimetype == "application/x-www-form-urlencoded":
            _check_form_is_utf8()
            # the body's parameters and the URL's: a dataset given in the URL of a form POST counts,
            # and a query in both is two queries (refused below), never one silently dropped
            params = CombinedMultiDict([request.args, request.form])
            queries = params.getlist("query")
        elif request.mimetype == "application/sparql-query":
            try:
                queries = [request.get_data().decode("utf-8")]
            except UnicodeDecodeError:
                raise QuerySyntaxError("the query is not UTF-8") from None
        else:
            raise MediaTypeRefused(f"POST a query as application/x-www-form-urlencoded or application/sparql-query, "
                                   f"not {request.mimetype or 'no content type'}")
    if "update" in params or "update" in request.args:
        raise refuse_update()
    if len(queries) > 1:
        raise QuerySyntaxError("send one query at a time (several 'query' parameters were given)")
    return ProtocolRequest(queries[0] if queries else None,
                           Dataset(tuple(params.getlist("default-graph-uri")), tuple(params.getlist("named-graph-uri"))),
                           _requested_formats())


def _check_form_is_utf8() -> None:
    """Werkzeug parses a form body that is not UTF-8 as an empty form (and keeps a %-escape that
    decodes to no UTF-8 as its three characters), so the query would be silently lost: 400 instead.
    The body is at most LSKG_MAX_BODY_BYTES (Werkzeug's 413 beyond), read once: `request.form` then parses the cached bytes."""
    try:
        parse_qsl(request.get_data(cache=True).decode("utf-8"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise QuerySyntaxError("the form is not UTF-8 (percent-encode the UTF-8 bytes of each character)") from None


def _requested_formats() -> list[str]:
    form = request.form.getlist("format") if request.mimetype == "application/x-www-form-urlencoded" else []
    return request.args.getlist("format") + form


def _kind(checked: CheckedQuery) -> str:
    return "graph" if checked.form in ("construct", "describe") else "results"


def _kind_format(kind: str, formats: list[str], default: str) -> str:
    """`?format=` (a name or a media type; the first one understood) wins over Accept; a browser gets html."""
    for value in formats:
        name = value.strip().lower()
        fmt = _NAMES[kind].get(name) or _ASKS[kind].get(name.split(";")[0].strip())
        if fmt:
            return fmt
    if formats and formats[0].strip():
        return formats[0].strip().lower()  # not understood: reported by the caller
    offers = [media_type(default)] + [m for m in _ASKS[kind] if m != media_type(default)]
    best = request.accept_mimetypes.best_match(offers)
    return _ASKS[kind].get(best, default) if best else default


def _wants_html() -> bool:
    return _kind_format("results", _requested_formats(), default="json") == "html"


def _cap() -> int:
    return current_app.config["LSKG_EXPORT_ROW_CAP"]


def _timeout() -> float:
    return float(current_app.config["LSKG_SPARQL_TIMEOUT"])


_JSON_ERRORS = ("application/json", "application/sparql-results+json")


@bp.record_once
def _show_failures(state) -> None:
    errors.error_view(state.app, bp.name, _failure)


def _failure(_exc: Exception, status: int, message: str):
    """Errors for a browser: the editor with the message; for a program that asks for JSON (Accept
    or ?format=json): a JSON object; else plain text."""
    if _wants_html():
        response = make_response(_editor(request_state.get("sparql_query") or "", error=message, status=status))
    elif (request.accept_mimetypes.best_match(("text/plain", *_JSON_ERRORS)) in _JSON_ERRORS
          or request.args.get("format") == "json"):
        response = Response(json.dumps({"error": message, "status": status}, ensure_ascii=False) + "\n",
                            status=status, content_type="application/json; charset=utf-8")
    else:
        response = Response(message + "\n", status=status, content_type="text/plain; charset=utf-8")
    return response


def _example_text(name: str | None) -> str:
    """A teaching example or a saved query by name; the starter query when none is asked for."""
    if not name:
        return STARTER.text
    example = next((e for e in EXAMPLES if e.name == name), None)
    query = current_site().catalogue.queries.get(name)
    return example.text if example else query.text if query else ""


def share_url(text: str, dataset: Dataset | None = None, fmt: str | None = None) -> str:
    params = [("query", text)]
    if dataset:
        params += [("default-graph-uri", g) for g in dataset.default_graphs]
        params += [("named-graph-uri", g) for g in dataset.named_graphs]
    if fmt:
        params.append(("format", fmt))
    return "/sparql?" + urlencode(params)


def _editor(text: str, checked: CheckedQuery | None = None, dataset: Dataset | None = None,
            error: str | None = None, status: int = 200, turn: Turn | None = None):
    """The editor page; with a checked query (and the client's `turn` to run it), its results as a
    table (or the ASK answer). A result longer than LSKG_HTML_MAX_CHARS characters is not drawn (the
    page would be several times its size, all in this process's memory): the page says so and
    links its downloads instead. Drawing the page is charged to the client like the query."""
    site = current_site()
    table: Result | None = None
    boolean = None
    too_large = None
    if checked is not None and error is None:
        cap = current_app.config["LSKG_ROW_CAP"]
        max_chars = current_app.config["LSKG_HTML_MAX_CHARS"]
        try:
            answer = _run(turn, site.store.query, checked.text, limit=cap, dataset=dataset, timeout=_timeout(),
                          max_chars=max_chars)
            if answer.form == "ask":
                boolean = answer.boolean
            else:
                table = answer
        except ResultTooLarge as exc:  # not a failure: the page offers the downloads instead
            too_large = exc.max_chars
    kind = _kind(checked) if checked else None
    downloads = {fmt: share_url(text, dataset, fmt) for fmt in DOWNLOADS[kind]} if kind and not error else {}
    with turn.timed() if turn else nullcontext():
        page = render_template("sparql.html", text=text, table=table, boolean=boolean, error=error,
                               too_large=too_large, share=share_url(text, dataset) if checked else None,
                               downloads=downloads, examples=list(site.catalogue), lessons=EXAMPLES,
                               form=checked.form if checked else None,
                               max_chars=current_app.config["LSKG_QUERY_MAX_CHARS"])
    return page, status


_SD_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
               "Turtle", "N-Triples", "JSON-LD", "RDF_XML")


def _service_description(fmt: str) -> Response:
    """SPARQL 1.1 Service Description: endpoint, language, result formats, the default dataset."""
    site = current_site()
    fmt = fmt if fmt in RDFLIB_FORMATS else "turtle"
    g = Graph(bind_namespaces="none")
    g.bind("sd", SD)
    g.bind("formats", FORMATS)
    g.bind("void", VOID)
    g.bind("dct", DCTERMS)
    service, dataset, default = BNode(), BNode(), BNode()
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, URIRef(request.base_url)))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    g.add((service, DCTERMS.title, Literal("Đồ thị tri thức Lạng Sơn (chỉ đọc)", lang="vi")))
    g.add((service, DCTERMS.title, Literal("Lạng Sơn knowledge graph (read-only)", lang="en")))
    for f in _SD_FORMATS:
        g.add((service, SD.resultFormat, FORMATS[f]))
    _describe_row_limit(g, service)
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add((default, VOID.triples, Literal(_triple_count())))
    link_dataset(g, dataset)
    for name in site.store.release.graphs:
        graph = BNode()
        g.add((dataset, SD.namedGraph, graph))
        g.add((graph, RDF.type, SD.NamedGraph))
        g.add((graph, SD.name, URIRef(name)))
    return Response(g.serialize(format=RDFLIB_FORMATS[fmt], encoding="utf-8"),
                    content_type=f"{media_type(fmt)}; charset=utf-8")


def _describe_row_limit(g: Graph, service: BNode) -> None:
    """The cap on an answer (`web.truncation`), for programs (lskg:resultRowLimit) and readers."""
    cap = _cap()
    g.bind("lskg", LSKG)
    g.bind("rdfs", RDFS)
    g.add((service, LSKG.resultRowLimit, Literal(cap)))
    g.add((service, RDFS.comment, Literal(
        f"Mỗi kết quả có tối đa {cap} dòng (hoặc bộ ba); kết quả dài hơn bị cắt, vẫn trả về 200, có tiêu đề "
        "X-LSKG-Truncated: true và, nếu định dạng cho phép, một ghi chú trong nội dung (head.link và "
        "\"truncated\": true trong SPARQL JSON, <link> trong SPARQL XML, dòng chú thích # trong Turtle và "
        "N-Triples). CSV và TSV chỉ có tiêu đề.", lang="vi")))
    g.add((service, RDFS.comment, Literal(
        f"An answer carries at most {cap} rows (or triples); a longer one is cut there and still answered with "
        "200, with the header X-LSKG-Truncated: true and, where the format has room, a remark in the body "
        "(head.link and \"truncated\": true in SPARQL JSON results, <link> in SPARQL XML results, a # comment "
        "line in Turtle and N-Triples). CSV and TSV carry the header only.", lang="en")))


def _triple_count() -> int:
    cache = current_app.extensions.setdefault("lskg.sparql", {})
    if "triples" not in cache:
        cache["triples"] = current_site().store.release.triples
    return cache["triples"]
