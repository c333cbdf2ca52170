"""What a release changed since the previous one: `changes.json` in the release folder.

Sources added, changed (same file, other text or catalogue row) and removed, from the two releases'
summaries; documents, projects, bodies, indicators and values (source figures) added and removed,
from their dataset.nq files; conflicts that appeared or were resolved, from the summaries. The
dataset.nq files are canonical N-Quads (sorted, so the lines of one subject stand together), so the
two are compared as two sorted streams, one subject at a time: memory holds the counts and the first
few things of each kind, never a release's list of things.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import ORG, RDF, SKOS

from .vocab import CURATED_GRAPH, ELI, LSKG, QB, SDMX_MEAS

FILE = "changes.json"
LISTED = 20  # things of each kind named in the file (all are counted)
KINDS = {"documents": ELI.LegalResource, "projects": LSKG.InvestmentProject, "bodies": ORG.Organization,
         "indicators": LSKG.Indicator, "values": QB.Observation}
_CLASS_KIND = {f"<{cls}>".encode(): kind for kind, cls in KINDS.items()}
_TYPE, _LABEL, _VALUE = (f" <{p}> ".encode() for p in (RDF.type, SKOS.prefLabel, SDMX_MEAS.obsValue))
_CURATED = f" <{CURATED_GRAPH}> .\n".encode()


def _things(dataset: Path) -> Iterator[tuple[bytes, bytes, tuple[bytes, ...]]]:
    """(subject, class, the subject's label and value lines) of each thing of the KINDS the source and
    reference graphs hold (the curated graph repeats the sources' figures), in the file's order: by
    subject, then class."""
    subject, classes, lines = b"", [], []
    with dataset.open("rb") as fh:
        for line in fh:
            if not (_TYPE in line or _LABEL in line or _VALUE in line) or line.endswith(_CURATED):
                continue
            end = line.find(b" ")
            if line[:end] != subject:
                yield from ((subject, cls, tuple(lines)) for cls in classes)
                subject, classes, lines = line[:end], [], []
            if line.startswith(_TYPE, end):
                cls = line[end + len(_TYPE):].split(b" ", 1)[0]
                if cls in _CLASS_KIND and cls not in classes:
                    classes.append(cls)
            elif line.startswith(_LABEL, end) or line.startswith(_VALUE, end):
                lines.append(line)
    yield from ((subject, cls, tuple(lines)) for cls in classes)


def _describe(subject: bytes, lines: tuple[bytes, ...]) -> dict:
    """A thing as changes.json names it: its IRI, its label (Vietnamese first) and a figure's value."""
    out = {"iri": subject.decode()[1:-1]}
    labels = []
    for quad in ox.parse(b"".join(lines), format=ox.RdfFormat.N_QUADS):
        if quad.predicate.value == str(SDMX_MEAS.obsValue):
            out["value"] = quad.object.value
        else:
            labels.append(quad.object)
    labels.sort(key=lambda lit: (lit.language != "vi", lit.value))
    if labels:
        out["label"] = labels[0].value
    return out


def _compare_things(old: Path | None, new: Path) -> dict:
    result = {kind: {"added": 0, "removed": 0, "added_items": [], "removed_items": []} for kind in KINDS}

    def note(side: str, item: tuple[bytes, bytes, tuple[bytes, ...]]) -> None:
        entry = result[_CLASS_KIND[item[1]]]
        entry[side] += 1
        if len(entry[f"{side}_items"]) < LISTED:
            entry[f"{side}_items"].append(_describe(item[0], item[2]))

    before = _things(old) if old else iter(())
    after = _things(new)
    a, b = next(before, None), next(after, None)
    while a is not None or b is not None:
        if b is None or (a is not None and a[:2] < b[:2]):
            note("removed", a)
            a = next(before, None)
        elif a is None or b[:2] < a[:2]:
            note("added", b)
            b = next(after, None)
        else:
            a, b = next(before, None), next(after, None)
    return result


def _sources(old: dict, new: dict) -> dict:
    def row(s: dict) -> dict:
        return {"file": s["file"], "key": s["key"], "title": s.get("title", "")}
    before = {s["file"]: s for s in old.get("sources", [])}
    after = {s["file"]: s for s in new.get("sources", [])}
    return {"added": [row(s) for f, s in after.items() if f not in before],
            "changed": [row(s) for f, s in after.items() if f in before and before[f]["key"] != s["key"]],
            "removed": [row(s) for f, s in before.items() if f not in after]}


def _conflicts(old: dict, new: dict) -> dict:
    before, after = set(old.get("conflicts", [])), set(new.get("conflicts", []))
    appeared, resolved = sorted(after - before), sorted(before - after)
    return {"appeared": len(appeared), "resolved": len(resolved),
            "appeared_items": appeared[:LISTED], "resolved_items": resolved[:LISTED]}


def _summary(release: Path) -> dict:
    return json.loads((release / "summary.json").read_text(encoding="utf-8"))


def compare(old: Path | None, new: Path, name: str | None = None) -> dict:
    """What release folder `new` (called `name`, by default its folder's) changed since release folder
    `old` (None: a first release, everything added)."""
    before, after = (_summary(old) if old else {}), _summary(new)
    return {
        "release": name or new.name, "version": after.get("graph_version"), "built_at": after.get("built_at"),
        "previous": old.name if old else None, "previous_version": before.get("graph_version"),
        "sources": _sources(before, after),
        **_compare_things(old / "dataset.nq" if old else None, new / "dataset.nq"),
        "conflicts": _conflicts(before, after),
    }


def write(release: Path, name: str, build_dir: Path) -> dict:
    """Compare the release `name` being built in the folder `release` with the one `build_dir` serves
    now, and write changes.json."""
    current = build_dir / "current"
    changes = compare(current.resolve() if current.exists() else None, release, name)
    (release / FILE).write_text(json.dumps(changes, ensure_ascii=False, indent=2), encoding="utf-8")
    return changes


def read(release: Path) -> dict | None:
    """The changes.json of a release folder (None for a release built before they were recorded)."""
    path = release / FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def releases(build_dir: Path) -> list[Path]:
    """The release folders kept in `build_dir`, oldest first (their names start with the build's time)."""
    folder = build_dir / "releases"
    return sorted((p for p in folder.iterdir() if (p / "summary.json").is_file()), key=lambda p: p.name) \
        if folder.is_dir() else []


def _release(build_dir: Path, name: str) -> Path:
    for path in (Path(name), build_dir / "releases" / name):
        if (path / "summary.json").is_file():
            return path.resolve()
    raise LookupError(f"no release {name!r} in {build_dir / 'releases'}")


def between(build_dir: Path, old: str | None = None, new: str | None = None) -> dict:
    """The changes from release `old` to release `new` (names under `build_dir`/releases or folders):
    by default the current release and the one before it. What a release recorded when it was built is
    read back; any other pair is compared now."""
    new_dir = _release(build_dir, new) if new else _release(build_dir, str(build_dir / "current"))
    kept = read(new_dir)
    if old is None:
        if kept is not None:
            return kept
        earlier = [r for r in releases(build_dir) if r.name < new_dir.name]
        old_dir = earlier[-1] if earlier else None
    else:
        old_dir = _release(build_dir, old)
    if kept is not None and old_dir is not None and kept["previous"] == old_dir.name:
        return kept
    return compare(old_dir, new_dir)


def text(changes: dict) -> str:
    """changes.json as `lskg diff` prints it."""
    lines = [f"release {changes['release']} (graph version {changes['version']}, built {changes['built_at']})",
             f"since {changes['previous']} (graph version {changes['previous_version']})"
             if changes["previous"] else "first release: everything is new"]
    for verb in ("added", "changed", "removed"):
        rows = changes["sources"][verb]
        lines.append(f"sources {verb}: {len(rows)}")
        lines += [f"  {r['file']}" + (f"  {r['title']}" if r["title"] else "") for r in rows]
    for kind in KINDS:
        entry = changes[kind]
        for verb in ("added", "removed"):
            if entry[verb]:
                lines.append(f"{kind} {verb}: {entry[verb]}")
                lines += [f"  {_named(item)}" for item in entry[f"{verb}_items"]]
                if entry[verb] > len(entry[f"{verb}_items"]):
                    lines.append(f"  … and {entry[verb] - len(entry[f'{verb}_items'])} more")
    for verb in ("appeared", "resolved"):
        entry = changes["conflicts"]
        lines.append(f"conflicts {verb}: {entry[verb]}")
        lines += [f"  {item}" for item in entry[f"{verb}_items"]]
    return "\n".join(lines)


def _named(item: dict) -> str:
    said = " = ".join(filter(None, (item.get("label"), item.get("value"))))
    return f"{item['iri']}  {said}" if said else item["iri"]
