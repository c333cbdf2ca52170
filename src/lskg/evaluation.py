"""`lskg eval`: build annotated records as sources and score what the saved queries answer.

A records file holds one JSON object a line, `{"id", "text", "gold", ...}` (the development set's
format, `../shared/devset/README.md`). Each record becomes the source file `<id>.txt` of a
throw-away corpus, which is built as `lskg build` builds any folder (no catalogue, a registry of
its own, quarantine on); the saved queries the scorer reads are answered as `lskg query NAME
--format csv` answers them, and the scorer that comes with the records scores the answers, so the
figures are the scorer's own (same metrics, same matching), not a second implementation of it.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable

from .paths import Paths
from .pipeline import BuildResult, build
from .queries import Catalogue
from .store.downloads import write_csv
from .store.embedded import open_release

# the saved queries the scorer reads (score.py --help)
SCORED_QUERIES = ("legal-documents", "observations", "mentions", "project-legal-basis",
                  "project-responsible-bodies")
_RECORD_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


class EvaluationError(Exception):
    """Records or a scorer that cannot be used; the message says which line or file."""


def read_records(path: Path) -> list[dict]:
    """The records of a JSON-lines file, each with a file-safe `id` and a non-empty `text`."""
    records, seen = [], set()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"{path}: cannot be read ({exc})") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationError(f"{path}:{n}: not a JSON object ({exc.msg})") from exc
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not rec["text"].strip():
            raise EvaluationError(f"{path}:{n}: a record needs a non-empty \"text\"")
        rid = rec.get("id")
        if not isinstance(rid, str) or not _RECORD_ID.fullmatch(rid):
            raise EvaluationError(f"{path}:{n}: \"id\" must be 1-64 letters, digits, '-' or '_' (it names a file)")
        if rid in seen:
            raise EvaluationError(f"{path}:{n}: id {rid!r} is used twice")
        seen.add(rid)
        records.append(rec)
    if not records:
        raise EvaluationError(f"{path}: no records")
    return records


def write_sources(records: list[dict], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for rec in records:
        (folder / f"{rec['id']}.txt").write_text(rec["text"], encoding="utf-8")


def answer_queries(build_dir: Path, queries: Path, out: Path) -> None:
    """Each scored saved query's answer on the build, as `lskg query NAME --format csv` writes it,
    but with every value as the graph has it: the scorer compares values, it is not a spreadsheet."""

    store = open_release(build_dir)
    catalogue = Catalogue(queries)
    out.mkdir(parents=True, exist_ok=True)
    for name in SCORED_QUERIES:
        saved = catalogue.get(name)
        result = store.query(saved.text, saved.bindings({}))
        with (out / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
            write_csv(result, fh, spreadsheet_safe=False)


def evaluate(records_path: Path, scorer: Path, work: Path | None = None, verbose: bool = False,
             as_json: bool = False, progress: Callable[[str], None] = lambda _m: None) -> tuple[str, BuildResult]:
    """Build the records, answer the scored queries and return what the scorer prints.

    `work` keeps the corpus, the build and the answers there (a fresh temporary folder otherwise,
    removed afterwards)."""
    records = read_records(records_path)
    if not scorer.is_file():
        raise EvaluationError(f"no scorer at {scorer} (give --scorer)")
    with tempfile.TemporaryDirectory(prefix="lskg-eval-") as tmp:
        base = work or Path(tmp)
        sources, build_dir, answers = base / "sources", base / "build", base / "answers"
        if sources.exists() and any(sources.iterdir()):
            raise EvaluationError(f"{sources} is not empty: give an empty or new --keep folder")
        write_sources(records, sources)
        paths = Paths.default()
        progress(f"building {len(records)} records as sources in {sources}")
        result = build(sources, build_dir, paths, progress=progress, registry_path=base / "iris.tsv")
        progress("answering the scored saved queries")
        answer_queries(build_dir, paths.queries, answers)
        args = [sys.executable, str(scorer), str(records_path), str(answers)]
        args += ["-v"] if verbose else []
        args += ["--json"] if as_json else []
        scored = subprocess.run(args, capture_output=True, text=True, check=False)
        if scored.returncode != 0:
            raise EvaluationError(f"the scorer failed ({scored.returncode}): {scored.stderr.strip()[-500:]}")
        return scored.stdout, result
