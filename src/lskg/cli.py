"""The `lskg` command line."""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

from . import settings
from .paths import Paths

EPILOG_MAIN = """\
examples:
  lskg add report.pdf https://baolangson.vn/…html   add documents to data/sources
  lskg build                              build data/sources into data/build
  lskg stats                              what the current graph holds
  lskg diff                               what the current release changed since the previous one
  lskg query legal-documents --format csv
  lskg query indicator-series --param indicator=ind:grdp-growth
  lskg export --format turtle > lskg.ttl
  lskg serve --port 5000                  browse it at http://127.0.0.1:5000/
  lskg load --endpoint URL --update-endpoint URL   push it to a SPARQL server
  lskg serve --endpoint URL               serve what that server holds
"""


def _stderr(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _progress(quiet: bool):
    return (lambda _m: None) if quiet else (lambda m: _stderr(f"… {m}"))


def cmd_build(args) -> int:
    from .pipeline import BuildFailed, build
    from .sources import SourceError
    from .graph.reference import ReferenceDataError

    paths = Paths.default()
    try:
        result = build(Path(args.sources or paths.sources), Path(args.output or paths.build), paths,
                       progress=_progress(args.quiet), registry_path=Path(args.registry) if args.registry else None,
                       strict=args.strict, full=args.full)
    except (SourceError, ReferenceDataError) as exc:
        _stderr(f"error: {exc}")
        _stderr("nothing was written; the previous build is still in place")
        return 2
    except BuildFailed as exc:
        _stderr(f"error: {exc}")
        if exc.report:
            _stderr(exc.report.text(limit=args.max_results))
        _stderr("nothing was written; the previous build is still in place")
        return 1
    for w in result.warnings:
        _stderr(f"warning: {w}")
    print(format_summary(result.summary))
    if result.report.warnings and not args.quiet:
        print(f"\nSHACL warnings ({len(result.report.warnings)}):")
        print(result.report.text(limit=args.max_results))
    return 0


def cmd_add(args) -> int:
    from .ingest.add import AddError, add_document

    env = settings.load()
    directory = Path(args.sources or Paths.default().sources)
    given = {"title": args.title, "date": args.date, "publisher": args.publisher, "author": args.author,
             "jurisdiction": args.jurisdiction}
    progress, failed = _progress(args.quiet), 0
    for target in args.documents:
        try:
            added = add_document(target, directory, max_bytes=env["LSKG_ADD_MAX_BYTES"],
                                 timeout=env["LSKG_ADD_TIMEOUT"], given=given, progress=progress)
        except AddError as exc:
            _stderr(f"error: {exc}")
            failed += 1
            continue
        row = added.row
        print(f"added {target} as {added.text_file}" + (f" (original: {added.original.name})" if added.original else ""))
        for name in ("title", "date", "publisher", "author"):
            mark = " (read from the document)" if name in row["from_document"].split() else ""
            print(f"  {name}: {row.get(name) or '—'}{mark}")
    if failed:
        _stderr(f"{failed} of {len(args.documents)} document(s) not added")
    elif not args.quiet:
        _stderr("run `lskg build` to put the new documents in the graph")
    return 1 if failed else 0


def format_summary(s: dict) -> str:
    lines = [f"built {s['quads']} quads from {len(s['sources'])} sources in {s['seconds']} s "
             f"(graph version {s['graph_version']})"]
    lines.append("\nper source:")
    for src in s["sources"]:
        lines.append(f"  {src['file']}: {src['triples']} triples, {src.get('documents', 0)} document refs, "
                     f"{src.get('observations', 0)} observations, {src.get('mentions', 0)} entity mentions")
    lines.append("\ncounts per class:")
    for cls, n in s["classes"].items():
        lines.append(f"  {n:6d}  {cls}")
    if s.get("conflicts") is not None:
        lines.append(f"\nconflicts between sources: {len(s['conflicts'])}")
        for c in s["conflicts"]:
            lines.append(f"  {c}")
    lines.append(f"\nunresolved references: {len(s['unresolved_references'])}")
    for u in s["unresolved_references"]:
        lines.append(f"  {u}")
    lines.append(f"\nnew candidate entities (not in data/reference): {len(s['candidates'])}")
    for iri, label in s["candidates"].items():
        lines.append(f"  {label}  <{iri}>")
    if s["issues"]:
        lines.append(f"\nextraction issues (values not guessed): {len(s['issues'])}")
        for issue in s["issues"][:40]:
            lines.append(f"  {issue}")
    quarantined = s.get("quarantined", [])
    lines.append(f"\nquarantined sources (SHACL violations; left out of this release): {len(quarantined)}")
    for q in quarantined:
        lines.append(f"  {q['file']}: {len(q['violations'])} violation(s)")
        for r in q["violations"][:5]:
            lines.append(f"    {r['focus_label']}: {r['message_en']}" + (f" (“{r['quote']}”)" if r.get("quote") else ""))
    v = s["validation"]
    lines.append(f"\nSHACL: {v['violations']} violations, {v['warnings']} warnings")
    return "\n".join(lines)


def _endpoint(args) -> str | None:
    """The remote query URL: --endpoint, else LSKG_SPARQL_ENDPOINT unless --store chose a build."""
    if getattr(args, "endpoint", None):
        return args.endpoint
    if getattr(args, "store", None):
        return None
    return settings.read("LSKG_SPARQL_ENDPOINT") or None


def _open_store(args):
    from .store import open_release
    from .store.remote import RemoteStore

    endpoint = _endpoint(args)
    if endpoint:
        return RemoteStore.open(endpoint, timeout=args.timeout)
    return open_release(Path(getattr(args, "store", None) or Paths.default().build))


def cmd_load(args) -> int:
    from .store.base import QueryError
    from .store.loading import LoadFailed, Target, load_release

    env = settings.load()
    endpoint = args.endpoint or env["LSKG_SPARQL_ENDPOINT"]
    update = args.update_endpoint or env["LSKG_SPARQL_UPDATE_ENDPOINT"]
    graph_store = args.graph_store or env["LSKG_SPARQL_GRAPH_STORE"]
    if not endpoint or not (update or graph_store):
        _stderr("error: give the query URL (--endpoint or LSKG_SPARQL_ENDPOINT) and a way to write: "
                "--update-endpoint (LSKG_SPARQL_UPDATE_ENDPOINT) or --graph-store (LSKG_SPARQL_GRAPH_STORE)")
        return 2
    store_dir = Path(args.store or Paths.default().build)
    if not (store_dir / "current" / "dataset.nq").exists():
        _stderr(f"error: no built graph in {store_dir} (run `lskg build` first)")
        return 2
    user = args.user or env["LSKG_SPARQL_USER"]
    password = env["LSKG_SPARQL_PASSWORD"]
    if user and not password:
        import getpass

        password = getpass.getpass(f"password for {user} at the update endpoint: ")
    target = Target(endpoint, update, graph_store, timeout=args.timeout, user=user, password=password)
    try:
        report = load_release(store_dir, target, batch=args.batch, progress=_progress(args.quiet))
    except LoadFailed as exc:
        _stderr(f"error: {exc}")
        return 1
    except QueryError as exc:  # the query URL could not be read (unreachable, not a SPARQL endpoint)
        _stderr(f"error: {exc} ({endpoint}); nothing was loaded")
        return 1
    print(f"loaded release {report.version} into {endpoint}: {len(report.loaded)} graphs "
          f"({report.triples} triples) replaced, {len(report.skipped)} unchanged, {len(report.dropped)} dropped")
    return 0


def cmd_stats(args) -> int:
    store_dir = Path(args.store or Paths.default().build)
    summary_path = store_dir / "current" / "summary.json"
    if not summary_path.exists():
        _stderr(f"error: no built graph in {store_dir} (run `lskg build` first)")
        return 2
    summary = json.loads(summary_path.read_text(encoding="utf-8"))
    print(json.dumps(summary, ensure_ascii=False, indent=2) if args.json else format_summary(summary))
    return 0


def cmd_validate(args) -> int:
    from rdflib import Dataset, Graph

    from .validate import validate_release
    from .vocab import CURATED_GRAPH, REFERENCE_GRAPH

    paths = Paths.default()
    current = Path(args.store or paths.build) / "current"
    if not (current / "dataset.nq").exists():
        _stderr(f"error: no built graph in {current.parent} (run `lskg build` first)")
        return 2
    ds = Dataset()
    ds.parse(current / "dataset.nq", format="nquads")
    graphs = {g.identifier: g for g in ds.graphs() if len(g)}
    reference = Graph() + graphs.pop(REFERENCE_GRAPH, Graph())
    curated = graphs.pop(CURATED_GRAPH, None)
    report = validate_release(reference, [Graph() + g for g in graphs.values()],
                              Graph() + curated if curated is not None else None,
                              Graph().parse(paths.shapes, format="turtle"))
    if report.results:
        print(report.text(limit=args.max_results))
    print(f"SHACL: {len(report.violations)} violations, {len(report.warnings)} warnings")
    return 1 if report.violations else 0


def cmd_diff(args) -> int:
    from . import changes

    try:
        found = changes.between(Path(args.store or Paths.default().build), args.old, args.new)
    except LookupError as exc:
        _stderr(f"error: {exc} (run `lskg build` first)")
        return 2
    print(json.dumps(found, ensure_ascii=False, indent=2) if args.json else changes.text(found))
    return 0


def cmd_export(args) -> int:
    current = Path(args.store or Paths.default().build) / "current"
    if not (current / "dataset.nq").exists():
        _stderr(f"error: no built graph in {current.parent} (run `lskg build` first)")
        return 2
    if args.format == "nquads":
        sys.stdout.write((current / "dataset.nq").read_text(encoding="utf-8"))
        return 0
    if args.format == "trig":
        sys.stdout.write((current / "lskg.trig").read_text(encoding="utf-8"))
        return 0
    from rdflib import Dataset, Graph

    ds = Dataset()
    ds.parse(current / "dataset.nq", format="nquads")
    if args.format == "turtle":
        g = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
        from .vocab import PREFIXES

        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns, override=True)
        sys.stdout.write(g.serialize(format="turtle"))
    else:
        sys.stdout.write(ds.serialize(format="json-ld"))
    return 0


def cmd_query(args) -> int:
    from .queries import Catalogue, ParameterError, QueryNotFound
    from .store import QueryError
    from .store.remote import NoRelease

    catalogue = Catalogue(Paths.default().queries)
    try:
        saved = catalogue.get(args.name)
    except QueryNotFound:
        _stderr(f"error: no saved query named {args.name!r}; known: {', '.join(sorted(catalogue.queries))}")
        return 2
    raw = {}
    for item in args.param or []:
        key, sep, value = item.partition("=")
        if not sep:
            _stderr(f"error: --param expects KEY=VALUE, got {item!r}")
            return 2
        raw[key] = value
    try:
        bindings = saved.bindings(raw)
        store = _open_store(args)
        result = store.query(saved.text, bindings)
    except ParameterError as exc:
        _stderr(f"error: {exc}")
        return 2
    except (FileNotFoundError, NoRelease) as exc:
        _stderr(f"error: {exc}")
        return 2
    except QueryError as exc:
        _stderr(f"error: query failed: {exc}")
        return 1
    write_result(result, args.format, sys.stdout)
    return 0


def write_result(result, fmt: str, out) -> None:
    """CSV and JSON as the web's downloads write them (`store.downloads`); else a text table."""
    from .store.downloads import json_table, plain_value, write_csv

    cols = result.variables
    if fmt == "json":
        json.dump(json_table(result), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        write_csv(result, out)
    else:
        table = [[c for c in cols]] + [[plain_value(r.get(c)) or "" for c in cols] for r in result.rows]
        width = [min(60, max(len(row[i]) for row in table)) for i in range(len(cols))]
        buf = io.StringIO()
        for n, row in enumerate(table):
            buf.write("  ".join(cell[:60].ljust(width[i]) for i, cell in enumerate(row)).rstrip() + "\n")
            if n == 0:
                buf.write("  ".join("-" * width[i] for i in range(len(cols))) + "\n")
        buf.write(f"({len(result.rows)} rows{', truncated' if result.truncated else ''})\n")
        out.write(buf.getvalue())


def cmd_eval(args) -> int:
    from .evaluation import EvaluationError, evaluate
    from .pipeline import BuildFailed
    from .sources import SourceError

    records = Path(args.records)
    scorer = Path(args.scorer) if args.scorer else records.parent / "score.py"
    try:
        out, result = evaluate(records, scorer, Path(args.keep) if args.keep else None, verbose=args.verbose,
                               as_json=args.json, progress=_progress(args.quiet))
    except (EvaluationError, SourceError, BuildFailed) as exc:
        _stderr(f"error: {exc}")
        return 2
    quarantined = result.summary.get("quarantined", [])
    if quarantined and not args.json:
        print(f"quarantined (left out, scored as found nothing): {', '.join(q['file'] for q in quarantined)}")
    sys.stdout.write(out)
    return 0


def cmd_serve(args) -> int:
    from .web import logs
    from .web.reloading import serving_app
    from .web.server import Servers

    from .store.base import QueryError
    from .store.remote import NoRelease

    store_dir = Path(args.store or Paths.default().build)
    endpoint = _endpoint(args)
    if not endpoint and not (store_dir / "current" / "dataset.nq").exists():
        _stderr(f"error: no built graph in {store_dir} (run `lskg build` first)")
        return 2
    logs.configure()  # a JSON line per request and per query, and the reloader's "now serving …"
    try:
        # picks up a rebuild (or a new `lskg load`) without a restart
        app = serving_app(store_dir, endpoint=endpoint)
    except (NoRelease, QueryError) as exc:
        _stderr(f"error: {exc} ({endpoint})")
        return 2
    config = app.app.config
    env = settings.load()
    try:
        # waitress refuses a large body itself, before reading it (Flask's 413 comes after); behind
        # trusted proxies every connection is the proxy's, so there is no cap per address (web.server)
        servers = Servers(app, args.host, args.port, threads=env["LSKG_THREADS"],
                          max_body=config["MAX_CONTENT_LENGTH"],
                          request_timeout=env["LSKG_REQUEST_TIMEOUT"],
                          per_address=0 if config["LSKG_TRUSTED_PROXY_HOPS"] else
                          env["LSKG_CONNECTIONS_PER_ADDRESS"])
        _stderr(f"serving lskg on http://{args.host}:{args.port}/ from {endpoint or store_dir} (Ctrl-C to stop)")
        servers.run()
    finally:
        app.close()
    return 0


def parser() -> argparse.ArgumentParser:
    fmt = argparse.RawDescriptionHelpFormatter
    p = argparse.ArgumentParser(
        prog="lskg", formatter_class=fmt, epilog=EPILOG_MAIN,
        description="The Lạng Sơn knowledge graph: Vietnamese provincial reports turned into a validated "
                    "RDF graph, queried from the command line and served on the web.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    a = sub.add_parser("add", formatter_class=fmt, help="add PDF, Word, HTML or text documents to the sources",
                       description="Read each document (a file, or an http(s) URL fetched here within "
                                   "LSKG_ADD_MAX_BYTES and LSKG_ADD_TIMEOUT) and add it to the sources folder: its "
                                   "text as NNN_<key>.txt, normalised (NFC; a PDF's lines joined into paragraphs, "
                                   "words split by a hyphen at a line's end joined, running headers and footers "
                                   "dropped; a web page's main text without menus or comments), the original file "
                                   "beside it, and a row in sources.csv whose title, date and publisher or issuer "
                                   "are read from the document (its masthead, its \"ngày … tháng … năm\" line, "
                                   "the page's metadata); the row's from_document column names the fields read "
                                   "so. Reads .pdf (with a text layer: scans are refused, there is no OCR), "
                                   ".docx, .html and .txt. A document whose text is in the corpus already is "
                                   "refused. Then run `lskg build`.",
                       epilog="examples:\n  lskg add quyet-dinh-123.pdf bao-cao.docx\n"
                              "  lskg add https://baolangson.vn/some-article.html\n"
                              "  lskg add quyet-dinh.pdf --date 2024-10-15 --jurisdiction tinh-lang-son")
    a.add_argument("documents", nargs="+", metavar="PATH|URL", help="a .pdf, .docx, .html or .txt file, or a URL")
    a.add_argument("--sources", help="the sources folder to add to (default data/sources)")
    a.add_argument("--title", help="the title, instead of the one read from the document")
    a.add_argument("--date", help="the date (YYYY-MM-DD), instead of the one read from the document")
    a.add_argument("--publisher", help="the publisher or issuer, instead of the one read from the document")
    a.add_argument("--author", help="the author, instead of the one read from the document")
    a.add_argument("--jurisdiction", help="the place the document is about, a slug such as tinh-lang-son "
                                          "(default: found by the build from the places the text names)")
    a.add_argument("--quiet", action="store_true", help="no progress messages")
    a.set_defaults(func=cmd_add)

    b = sub.add_parser("build", formatter_class=fmt, help="extract, validate and load the graph",
                       description="Read every .txt in the sources folder, extract documents, bodies, projects and "
                                   "indicator values with their source sentences, validate each source graph with "
                                   "SHACL, and switch the new graph in atomically. A source whose graph has SHACL "
                                   "violations is quarantined: left out of the release and listed with its "
                                   "violations, while the rest is served (--strict fails the build instead). On "
                                   "any other error nothing is written and the previous build keeps serving.",
                       epilog="examples:\n  lskg build\n  lskg build --sources my-reports/ --output /tmp/lskg-build")
    b.add_argument("--sources", help="folder of UTF-8 .txt documents and sources.csv (default data/sources)")
    b.add_argument("--output", help="build folder (default data/build)")
    b.add_argument("--registry", help="IRI registry file (default registry/iris.tsv); new IRIs are recorded there")
    b.add_argument("--quiet", action="store_true", help="no progress messages")
    b.add_argument("--strict", action="store_true",
                   help="fail the whole build when any source has a SHACL violation, instead of quarantining it")
    b.add_argument("--max-results", type=int, default=50, help="SHACL results to print (default 50)")
    b.add_argument("--full", action="store_true",
                   help="extract every source again instead of reusing those kept in the build cache "
                        "(<output>/cache) whose text, catalogue row, extractor and reference data are unchanged")
    b.set_defaults(func=cmd_build)

    v = sub.add_parser("validate", formatter_class=fmt, help="re-run SHACL on the current build",
                       description="Validate every source graph of the current build against ontology/shapes.ttl.",
                       epilog="example:\n  lskg validate --store data/build")
    v.add_argument("--store", help="build folder (default data/build)")
    v.add_argument("--max-results", type=int, default=50)
    v.set_defaults(func=cmd_validate)

    s = sub.add_parser("stats", formatter_class=fmt, help="what the current graph holds",
                       description="Counts per class, sources, conflicts, unresolved references, candidates.",
                       epilog="examples:\n  lskg stats\n  lskg stats --json")
    s.add_argument("--store", help="build folder (default data/build)")
    s.add_argument("--json", action="store_true", help="print the summary as JSON")
    s.set_defaults(func=cmd_stats)

    d = sub.add_parser("diff", formatter_class=fmt, help="what a release changed since another",
                       description="Sources added, changed and removed; documents, projects, bodies, indicators and "
                                   "values added and removed; conflicts that appeared or were resolved. Releases are "
                                   "named by their folder under <build>/releases (the last few are kept).",
                       epilog="examples:\n  lskg diff\n  lskg diff --json\n"
                              "  lskg diff 20261208T005434288658Z-31430 20261208T005539261609Z-31978")
    d.add_argument("old", nargs="?", help="the earlier release (default: the one before NEW)")
    d.add_argument("new", nargs="?", help="the later release (default: the current one)")
    d.add_argument("--store", help="build folder (default data/build)")
    d.add_argument("--json", action="store_true", help="print the changes as JSON")
    d.set_defaults(func=cmd_diff)

    e = sub.add_parser("export", formatter_class=fmt, help="write the whole graph to stdout",
                       description="Export the current graph with its named graphs (trig, nquads, jsonld) or "
                                   "merged into one graph (turtle).",
                       epilog="examples:\n  lskg export --format trig > lskg.trig\n  lskg export --format jsonld")
    e.add_argument("--format", choices=("trig", "nquads", "turtle", "jsonld"), default="trig")
    e.add_argument("--store", help="build folder (default data/build)")
    e.set_defaults(func=cmd_export)

    q = sub.add_parser("query", formatter_class=fmt, help="run a saved query",
                       description="Run one of the saved queries in queries/*.rq. Parameters are typed and bound "
                                   "as RDF terms. CSV has a header row; values are plain (IRIs as IRIs, literals "
                                   "as their lexical form, dates ISO).",
                       epilog="examples:\n  lskg query legal-documents\n"
                              "  lskg query indicator-series --param indicator=ind:grdp-growth --format csv\n"
                              "  lskg query conflicts --format json")
    q.add_argument("name", help="saved query name (file name without .rq)")
    q.add_argument("--param", action="append", metavar="KEY=VALUE", help="query parameter (repeatable)")
    q.add_argument("--format", choices=("table", "csv", "json"), default="table")
    q.add_argument("--store", help="build folder (default data/build)")
    _remote_options(q)
    q.set_defaults(func=cmd_query)

    ev = sub.add_parser("eval", formatter_class=fmt, help="score the extractor on annotated records",
                        description="Build each record of a JSON-lines file of annotated texts (the development "
                                    "set's format: {\"id\", \"text\", \"gold\"}) as the source <id>.txt of a "
                                    "temporary corpus, answer the saved queries the scorer reads (legal-documents, "
                                    "observations, mentions, project-legal-basis, project-responsible-bodies) as "
                                    "`lskg query NAME --format csv` does, and print the scores of the scorer that "
                                    "comes with the records (score.py beside the file, or --scorer).",
                        epilog="examples:\n  lskg eval ../shared/devset/records.jsonl\n"
                               "  lskg eval ../shared/devset/records.jsonl -v --keep /tmp/devset-run")
    ev.add_argument("records", help="JSON-lines file of annotated records")
    ev.add_argument("--scorer", help="the scorer to run (default: score.py beside the records file)")
    ev.add_argument("--keep", metavar="DIR", help="keep the corpus, the build and the answers (CSV) in DIR")
    ev.add_argument("-v", "--verbose", action="store_true", help="list each record's misses and extras")
    ev.add_argument("--json", action="store_true", help="the scores as JSON")
    ev.add_argument("--quiet", action="store_true", help="no progress messages")
    ev.set_defaults(func=cmd_eval)

    sv = sub.add_parser("serve", formatter_class=fmt, help="serve the web front end",
                        description="Serve the graph over HTTP with a production WSGI server (waitress). A later "
                                    "`lskg build` into the same folder is picked up within seconds "
                                    "(LSKG_RELOAD_SECONDS, default 2) without a restart or a torn read.",
                        epilog="example:\n  lskg serve --host 127.0.0.1 --port 5000")
    sv.add_argument("--store", help="build folder (default data/build)")
    _remote_options(sv)
    sv.add_argument("--host", default="127.0.0.1")
    sv.add_argument("--port", type=int, default=5000)
    sv.set_defaults(func=cmd_serve)
    ld = sub.add_parser("load", formatter_class=fmt, help="push the built graph to a SPARQL server",
                        description="Load the current build into a remote SPARQL 1.1 store (Oxigraph server, "
                                    "Virtuoso, Fuseki…), keeping its named graphs and adding their union, which "
                                    "lskg's queries use as the default graph. Each graph is replaced as a whole "
                                    "(written aside, then moved into place), so loading twice changes nothing and "
                                    "a load that failed midway is finished by running it again: graphs already "
                                    "in place are skipped. Writes through SPARQL Update, or through the Graph "
                                    "Store Protocol when only --graph-store is given. docs/ENGINES.md has each "
                                    "engine's URLs.",
                        epilog="examples:\n"
                               "  lskg load --endpoint http://127.0.0.1:7878/query --update-endpoint "
                               "http://127.0.0.1:7878/update\n"
                               "  lskg load --endpoint http://127.0.0.1:8890/sparql --update-endpoint "
                               "http://127.0.0.1:8890/sparql-auth --user dba   (Virtuoso)\n"
                               "  LSKG_SPARQL_ENDPOINT=http://127.0.0.1:7878/query lskg serve")
    ld.add_argument("--store", help="build folder to load (default data/build)")
    ld.add_argument("--endpoint", help="the store's SPARQL query URL (default LSKG_SPARQL_ENDPOINT)")
    ld.add_argument("--update-endpoint", help="its SPARQL Update URL (default LSKG_SPARQL_UPDATE_ENDPOINT)")
    ld.add_argument("--graph-store", help="its Graph Store Protocol URL (default LSKG_SPARQL_GRAPH_STORE); "
                                          "used for the data when given, the update URL still for the switch")
    ld.add_argument("--user", help="user for the update and Graph Store URLs, HTTP digest or basic "
                                   "(default LSKG_SPARQL_USER); the password is read from LSKG_SPARQL_PASSWORD "
                                   "or asked for, never given on the command line")
    ld.add_argument("--batch", type=_positive_int, default=10_000, help="triples per request (default 10000)")
    ld.add_argument("--timeout", type=float, default=300.0, help="seconds per request (default 300)")
    ld.add_argument("--quiet", action="store_true", help="no progress messages")
    ld.set_defaults(func=cmd_load)
    return p


def _remote_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--endpoint", help="query a remote SPARQL store loaded with `lskg load` instead of the build "
                                      "(default LSKG_SPARQL_ENDPOINT, unless --store is given)")
    p.add_argument("--timeout", type=float, default=10.0,
                   help="seconds a remote query may take before it is given up (default 10)")


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        _stderr("interrupted")
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
