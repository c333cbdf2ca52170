"""Corpus mode: synthetic reports as files, for timing the real pipeline (extract, SHACL, store).

The reports are those of graph mode (report.py), about Lạng Sơn only: the extractor resolves
bodies and places against data/reference, which curates Lạng Sơn alone, so a report about an
invented province would leave its issuers unresolved. Lengths vary as in data/sources (a few
kilobytes to several tens), and so do kinds (annual, half-year, nine-month, thematic reports,
press articles) and years (2020-2025). Each file is named like the corpus files,
`<n>_<16 hex of the text's sha256>.txt`, and described by a sources.csv row.

expected.json (which the build does not read) records what each report states: its observations,
the documents it cites and its memberships, so that check.py can measure what extraction finds.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from lskg.extract.model import Extraction
from lskg.extract.reference import Reference
from lskg.graph.reference import load_reference_graph
from lskg.paths import Paths
from lskg.sources import CATALOGUE, CATALOGUE_FIELDS, source_key
from lskg.text.numbers import decimal_str

from .figures import Figures, check_specs
from .report import ReportPlan, pick_kind, write_report
from .world import World

YEARS = tuple(range(2020, 2026))


def generate_corpus(out: Path, documents: int, seed: int) -> tuple[int, int]:
    """Write `documents` reports and sources.csv into `out`; returns (files, bytes)."""
    graph = load_reference_graph(Paths.default().reference_files())
    ref = Reference(graph)
    check_specs(ref)
    world = World(graph, ref, seed, provinces=1)
    figures = Figures(seed)
    lang_son = world.provinces[0]
    rng = world.rng("corpus")
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    expected = {}
    with (out / CATALOGUE).open("w", encoding="utf-8", newline="") as fh:
        catalogue = csv.DictWriter(fh, fieldnames=CATALOGUE_FIELDS)
        catalogue.writeheader()
        for i in range(documents):
            plan = ReportPlan(lang_son, pick_kind(rng), rng.choice(YEARS), i, rng.uniform(4, 24))
            written = write_report(world, figures, plan)
            name = f"{i:05d}_{source_key(written.text)}.txt"
            data = written.text.encode("utf-8")
            (out / name).write_bytes(data)
            total += len(data)
            catalogue.writerow({**written.meta, "file": name})
            expected[name] = stated(written.extraction)
    (out / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1), encoding="utf-8")
    return documents, total


def tail(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def stated(ex: Extraction) -> dict[str, list]:
    """What a report states, in keys check.py can compare with the built graph."""
    return {
        "observations": sorted({(tail(o.indicator), tail(o.subject), o.period.key, o.value_kind,
                                 decimal_str(o.value)) for o in ex.observations}),
        "documents": sorted({d.id_local for d in ex.documents}),
        "memberships": sorted({(tail(m.person), tail(m.post), m.organization.split("/id/", 1)[-1])  # a key now, an IRI before
                               for m in ex.memberships}),
    }
