"""The saved-query catalogue: `/queries`, `/queries/<name>` (form, table, chart) and its machine twins.

Parameters are validated and bound as RDF terms by `lskg.queries`; nothing from the request is spliced
into query text. The drop-down lists of IRI parameters (the indicators that have observations, the
projects, the documents…) are the values the query itself returns for that variable, computed once
when the app starts.

The twins follow Datasette's conventions, with the SPARQL results formats where one exists:
- `.csv` (SPARQL 1.1 CSV: IRIs and lexical forms), `.tsv` (SPARQL 1.1 TSV: RDF terms), `.xml`
  (SPARQL Query Results XML), `.json` (lskg's table, below). A figure's unit multiplier is a
  column of its own in every query that gives figures (`unitMult`: value × 10^unitMult is in `unit`).
- `.json` shapes (`_shape=`): `objects`, the default, `{"columns": [...], "rows": [{column: value
  or null}], "truncated": bool}`; `arrays`, the same with each row a list in column order
  (Datasette's default); `array`, the rows alone as a list of objects.
- Pages: `_size=N` rows (or `max`) and `_next=K` to start after the first K rows, on the page and
  every twin; a twin gives everything up to LSKG_EXPORT_ROW_CAP unless asked, a page LSKG_ROW_CAP
  rows. When more rows follow, the page links them, every twin says so in a `Link: <…>; rel="next"`
  header, and the JSON (but for `array`) in `"next"` (the `_next` value) and `"next_url"`.
  `"truncated": true` (and `X-LSKG-Truncated`) still means the export cap cut the answer.
The queries sort their rows, so pages follow one order; a release never changes, so they never shift.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from html import escape
from urllib.parse import quote, urlencode

from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request
from markupsafe import Markup

from ..queries import ParameterError, QueryNotFound, SavedQuery, expand
from ..store.base import EngineFailure, QueryTimeout, Result, Term
from ..store.downloads import json_table, plain_value, write_csv, write_tsv, xml_results
from ..vocab import LSKG
from . import errors, truncation
from .charts import series_chart, source_anchor
from .collation import vietnamese_key
from .context import SiteContext, current_lang, current_site
from .i18n import number
from .cells import row_cells
from .memo import recall, remembered

bp = Blueprint("queries_view", __name__)

log = logging.getLogger(__name__)

_FORMATS = ("csv", "tsv", "json", "xml")
_TYPES = {"csv": "text/csv", "tsv": "text/tab-separated-values", "xml": "application/sparql-results+xml"}
_SHAPES = ("objects", "arrays", "array")
_CHOICES = "lskg.query_choices"
_RESULTS = "lskg.query_results"
_CONFLICTS = "lskg.chart_conflicts"


@bp.record_once
def _compute_choices(state) -> None:
    """Choice lists for every IRI parameter with a namespace: the values the query returns for it.

    A query too slow to list within the page limit (a large release) gets no drop-down, only the
    text field: the app must start whatever the size of the graph."""
    site: SiteContext = state.app.extensions["lskg"]
    choices: dict[tuple[str, str], list[str]] = {}
    for query in site.catalogue:
        params = [p for p in query.params if p.type == "iri" and p.namespace]
        if not params:
            continue
        try:
            rows = site.store.query(query.text, timeout=state.app.config["LSKG_QUERY_TIMEOUT"]).rows
        except (QueryTimeout, EngineFailure):
            log.warning("no drop-down choices for %s: listing them took longer than the page limit", query.name)
            continue
        for p in params:
            namespace = expand(p.namespace)
            values = {row[p.name].value for row in rows if p.name in row and row[p.name].kind == "iri"}
            choices[(query.name, p.name)] = sorted(v for v in values if v.startswith(namespace))
    state.app.extensions[_CHOICES] = choices


def _results(app):
    """Saved-query results by (name, bound parameters, row cap): the served release never changes."""
    site: SiteContext = app.extensions["lskg"]

    def run(name: str, bindings: tuple, cap: int) -> Result:
        return site.store.query(site.catalogue.get(name).text, dict(bindings), limit=cap)

    return run


bp.record_once(remembered(_RESULTS, _results))


@bp.app_template_global()
def term_href(term: Term) -> str | None:
    """Where a table cell's IRI links: its source sentence for a text segment, else the safe link."""
    if term.kind != "iri":
        return None
    return source_anchor(term.value) or current_site().href(term.value)


@bp.app_template_global("row_cells")
def row_cells_global(row: dict, variables: list[str], lang: str):
    return row_cells(row, variables, current_site(), lang, term_href)


@bp.get("/queries")
def catalogue():
    return render_template("queries.html", queries=list(current_site().catalogue))


@bp.get("/queries.json")
def catalogue_json():
    """The catalogue for programs: names, titles, descriptions, typed parameters, result links."""
    return jsonify(queries=[{
        "name": q.name, "title": q.title, "description": q.description, "chart": q.chart or None,
        "parameters": [{"name": p.name, "type": p.type, "label": p.label, "default": p.default,
                        "namespace": p.namespace and expand(p.namespace), "required": p.required,
                        "choices": p.choices or None} for p in q.params],
        "html": f"/queries/{q.name}", **{fmt: f"/queries/{q.name}.{fmt}" for fmt in _FORMATS},
    } for q in current_site().catalogue], json_shapes=list(_SHAPES), json_shape_default=_SHAPES[0])


@bp.get("/queries/<name>")
def saved_query(name: str):
    name, fmt = _split_name(name)
    site = current_site()
    try:
        query = site.catalogue.get(name)
    except QueryNotFound:
        abort(404)
    # a bad parameter or a failed query: answered by `web.errors`, shown by `_failed`
    bindings = query.bindings(_raw_parameters())
    page = _page(fmt)
    found = recall(_RESULTS)(query.name, tuple(sorted(bindings.items())), page.end)
    result = page.rows_of(found)
    if fmt:
        return _twin(query.name, fmt, result, page.next_of(found))
    # on the first page "cut" is what its note says: rows follow that it does not show
    result = Result(result.variables, result.rows, found.truncated and page.start == 0)
    lang = current_lang()
    chart = _chart(site, query, result, bindings, lang)
    raw = _raw_parameters()
    return render_template("queries_query.html", query=query, result=result, chart=chart, raw=raw,
                           chosen=_chosen(query, bindings, lang),
                           fields=_fields(query, raw), editor_url=editor_url(query.text, bindings),
                           downloads=_downloads(query.name), page=page, next_url=_next_url(page.next_of(found)))


def _chart(site: SiteContext, query: SavedQuery, result: Result, bindings: dict[str, Term], lang: str):
    if not query.chart:
        return None
    return series_chart(result, query.chart, lang=lang, what=_chart_subject(query, bindings, lang),
                        label=lambda iri: site.label(iri, lang), href=site.href,
                        number=lambda v: number(v, lang), conflicts=_conflicts)


SERIES = "indicator-series"


def indicator_series(site: SiteContext, indicator: str, lang: str):
    """An indicator page's series: the `indicator-series` saved query's chart for it (None without
    figures) and the link to its CSV, the same answer as the saved query's page."""
    query = site.catalogue.get(SERIES)
    bindings = {"indicator": Term("iri", indicator)}
    found = recall(_RESULTS)(query.name, tuple(sorted(bindings.items())), current_app.config["LSKG_ROW_CAP"])
    csv = f"/queries/{SERIES}.csv?" + urlencode({"indicator": indicator})
    return _chart(site, query, found, bindings, lang), csv, found.truncated


@dataclass(frozen=True)
class _Page:
    """Which rows of a saved query's answer a request wants: `size` rows after the first `start`,
    never past the export cap."""

    start: int
    size: int
    cap: int

    @property
    def end(self) -> int:
        """How many rows to ask the store for (it says whether more follow)."""
        return min(self.start + self.size, self.cap)

    def rows_of(self, found: Result) -> Result:
        """This page's rows; truncated only when the export cap cut the answer."""
        return Result(found.variables, found.rows[self.start:self.end], found.truncated and self.end == self.cap)

    def next_of(self, found: Result) -> int | None:
        return self.end if found.truncated and self.end < self.cap else None


def _page(fmt: str | None) -> _Page:
    """`_size` (a number or `max`) and `_next` (rows to skip), as Datasette names them."""
    cap = current_app.config["LSKG_EXPORT_ROW_CAP"]
    most = cap if fmt else current_app.config["LSKG_ROW_CAP"]
    size, start = request.args.get("_size", ""), request.args.get("_next", "")
    if size == "max" or not size:
        size = most
    elif not size.isdigit() or not 0 < int(size) <= most:
        raise ParameterError(f"_size must be a number from 1 to {most}, or max")
    if start and (not start.isdigit() or int(start) >= cap):
        raise ParameterError(f"_next must be a number of rows below {cap}")
    return _Page(int(start or 0), int(size), cap)


def _next_url(start: int | None) -> str | None:
    """This URL with `_next` moved on, or None on the last page."""
    if start is None:
        return None
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "_next"] + [("_next", str(start))]
    return request.path + "?" + urlencode(args)


def _conflicts(figures: list[str]) -> dict[str, set[str]]:
    return recall(_CONFLICTS)(tuple(sorted(set(figures)))) if figures else {}


def _conflict_links(app):
    """The figures among `figures` each is linked to by lskg:conflictsWith (the build's rule,
    `graph.curation`). The IRIs come from the store's own answer, never from the request."""
    site: SiteContext = app.extensions["lskg"]

    def run(figures: tuple[str, ...]) -> dict[str, set[str]]:
        values = " ".join(f"<{iri}>" for iri in figures)
        rows = site.store.query(f"SELECT ?a ?b WHERE {{ VALUES ?a {{ {values} }} ?a <{LSKG.conflictsWith}> ?b }}").rows
        linked: dict[str, set[str]] = {}
        for row in rows:
            linked.setdefault(row["a"].value, set()).add(row["b"].value)
        return linked

    return run


bp.record_once(remembered(_CONFLICTS, _conflict_links))


def editor_url(text: str, bindings: dict[str, Term] | None = None) -> str:
    """`/sparql?query=…` for the saved query, without its `#+` catalogue header (a shorter link);
    bound parameters become a trailing VALUES clause."""
    text = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("#+ ")).lstrip("\n")
    if bindings:
        names = list(bindings)
        text = (text.rstrip() + "\nVALUES (" + " ".join("?" + n for n in names) + ") { ("
                + " ".join(bindings[n].n3() for n in names) + ") }\n")
    return "/sparql?query=" + quote(text, safe="")


def _twin(name: str, fmt: str, result: Result, start: int | None) -> Response:
    """A machine twin of the page (`fmt` one of _FORMATS), the next page named in `Link` (RFC 8288)."""
    if fmt == "json":
        response = jsonify(_json_shape(result, _next_url(start), start))
    else:
        out = io.StringIO()
        if fmt == "xml":
            out.write(xml_results(result))
        else:
            (write_csv if fmt == "csv" else write_tsv)(result, out)
        response = Response(out.getvalue(), mimetype=_TYPES[fmt])
        if fmt != "xml":
            response.headers["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    if start is not None:
        response.headers["Link"] = f'<{_next_url(start)}>; rel="next"'
    return truncation.mark(response, result.truncated)


def _json_shape(result: Result, next_url: str | None, start: int | None):
    shape = request.args.get("_shape", _SHAPES[0])
    if shape not in _SHAPES:
        raise ParameterError(f"_shape must be one of {', '.join(_SHAPES)}")
    table = json_table(result)
    if shape == "array":
        return table["rows"]
    if shape == "arrays":
        table["rows"] = [[plain_value(row.get(v)) for v in result.variables] for row in result.rows]
    if next_url:
        table.update(next=str(start), next_url=next_url)
    return table


def _raw_parameters() -> dict[str, str]:
    """The query's own parameters: not `lang`, nor Datasette's `_size`, `_next`, `_shape`."""
    return {k: v for k, v in request.args.items() if k != "lang" and not k.startswith("_")}


def _split_name(name: str) -> tuple[str, str | None]:
    """`conflicts.csv` -> ("conflicts", "csv"); a name without a download suffix has no format."""
    stem, _, fmt = name.rpartition(".")
    return (stem, fmt) if stem and fmt in _FORMATS else (name, None)


@bp.record_once
def _show_failures(state) -> None:
    errors.error_view(state.app, bp.name, _failed)


def _failed(_exc: Exception, status: int, message: str):
    """A bad parameter or a failed query, in the format asked for: the form again, with the message."""
    name, fmt = _split_name(request.view_args.get("name", ""))
    query = current_site().catalogue.get(name)
    raw = _raw_parameters()
    if fmt == "json":
        return jsonify(error=message, status=status)
    if fmt:
        return Response(message + "\n", mimetype="text/plain")
    return render_template("queries_query.html", query=query, result=None, chart=None, raw=raw, error=message,
                           fields=_fields(query, raw), editor_url=editor_url(query.text),
                           downloads=_downloads(query.name))


def _fields(query: SavedQuery, raw: dict[str, str]) -> list[dict]:
    """The form: one field per parameter, with its drop-down choices (labelled) where it has them."""
    site, lang = current_site(), current_lang()
    choices = current_app.extensions.get(_CHOICES, {})
    fields = []
    for p in query.params:
        current = raw.get(p.name) or p.default or ""
        options = []
        if p.type == "iri" and (query.name, p.name) in choices:
            current = expand(current)
            options = _labelled_choices(site, query.name, p.name, choices[(query.name, p.name)], lang)
        elif p.type == "choice":
            options = [(c, c) for c in p.choices]
        fields.append({"name": p.name, "type": p.type, "label": p.label.get(lang) or p.label.get("vi") or p.name,
                       "required": p.required, "value": current, "options": bool(options),
                       "option_tags": _option_tags(options, current),
                       "known": any(value == current for value, _ in options)})
    return fields


def _labelled_choices(site, name: str, param: str, iris, lang: str) -> list[tuple[str, str]]:
    """A drop-down's (IRI, label) pairs in Vietnamese alphabetical order (web.collation; plain for English
    labels): the same for every request on a release, so sorted once (hundreds of choices at scale)."""
    return site.remember(("choices", name, param, lang), lambda: sorted(
        ((iri, site.label(iri, lang)) for iri in iris), key=lambda o: (vietnamese_key(o[1]), o[0])))


def _option_tags(options: list[tuple[str, str]], current: str) -> Markup:
    """<option> elements, escaped, the current value selected (one string, not a template loop:
    hundreds of choices made the loop a good part of the page's time)."""
    return Markup("".join(f'<option value="{escape(value)}"{" selected" if value == current else ""}>'
                          f"{escape(label)}</option>" for value, label in options))


def _downloads(name: str) -> dict[str, str]:
    """The twins of this page's whole answer: its parameters, not its page (`_size`, `_next`)."""
    kept = [pair for pair in request.query_string.decode("ascii", "replace").split("&")
            if pair and pair.partition("=")[0] not in ("_size", "_next")]
    suffix = "?" + "&".join(kept) if kept else ""
    return {fmt: f"/queries/{quote(name)}.{fmt}{suffix}" for fmt in _FORMATS}


def _chosen(query: SavedQuery, bindings: dict[str, Term], lang: str) -> list[str]:
    """The parameters the reader set, as "label: value", for the note that explains an empty answer."""
    site = current_site()
    return [f"{p.label.get(lang) or p.label.get('vi') or p.name}: "
            f"{site.label(bindings[p.name].value, lang) if bindings[p.name].kind == 'iri' else bindings[p.name].value}"
            for p in query.params if p.name in bindings and request.args.get(p.name)]


def _chart_subject(query: SavedQuery, bindings: dict[str, Term], lang: str) -> str:
    """What the chart shows: the label of its first bound IRI parameter, else the query's title."""
    site = current_site()
    for p in query.params:
        if p.name in bindings and bindings[p.name].kind == "iri":
            return site.label(bindings[p.name].value, lang)
    return query.title.get(lang) or query.name
