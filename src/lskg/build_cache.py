"""The build cache: each source's extraction and validation kept between builds, so that a build
re-extracts only the sources that are new or changed.

A source's graph is a function of its text, its catalogue row and what shapes every graph (the
extractor's code, the ontology, code lists, shapes and reference data; `shaping_digest`), with one
exception: the IRIs it takes from the registry, which an earlier source may have taken first. So an
entry, found by the digest of all of these, keeps the source's registry mints in order, and reusing
it replays them into the registry (a full build makes the same mints in the same order): if one now
gives another IRI, the kept graph no longer holds and the source is extracted again. What the
cross-source steps read of the graph (curation, citations, release-wide links) is kept with its
N-Quads lines, so a reused source is never parsed again.

Entries are pickles in `<build folder>/cache/`, written and read only by the build itself; a build
that succeeds removes those it did not use.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .graph.iris import Registry
from .paths import Paths
from .sources import Source
from .validate import ValidationReport

FOLDER = "cache"
# the code that shapes a source graph: what the build runs between reading a text and validating its graph
_SHAPING_CODE = ("extract", "graph", "text", "nquads", "validate.py", "vocab.py", "patches.py", "pipeline.py",
                 "build_cache.py", "__init__.py")


@dataclass
class SourceBuild:
    """One source's extraction and validation, as the release reads it."""

    lines: list[bytes]  # its graph's N-Quads lines (nquads.canonical.lines_of)
    triples: int
    report: ValidationReport
    mints: list[tuple[str, list[str], str, str]]  # Registry.log while it was extracted
    curation: tuple  # graph.curation.curation_part
    citations: list  # graph.citations.citation_part
    links: list  # validate.ReleaseLinks.part
    unresolved: list[str]
    candidates: dict[str, str]
    issues: list[str]
    stats: dict[str, int] = field(default_factory=dict)
    validate_seconds: float = 0.0  # its SHACL validation, when it was extracted


def shaping_digest(paths: Paths) -> str:
    """The digest of everything but the source that shapes a source graph: the package version, the
    code of the extracting and building modules, the reference files and the shapes."""
    package = Path(__file__).resolve().parent
    files = []
    for name in _SHAPING_CODE:
        path = package / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    h = hashlib.sha256(__version__.encode())
    for path in [*files, *paths.reference_files(), paths.shapes]:
        h.update(b"\x00" + path.name.encode() + b"\x00" + path.read_bytes())
    return h.hexdigest()


class BuildCache:
    """The kept source builds under `folder`; `reuse` False (a full build) reads none but still keeps
    what it builds for the next one."""

    def __init__(self, folder: Path, shaping: str, reuse: bool = True):
        self.folder, self.shaping, self.reuse = folder, shaping, reuse
        self.used: set[str] = set()
        self.reused = 0

    def key(self, source: Source) -> str:
        meta = json.dumps(source.meta, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256("\x00".join((self.shaping, source.key, source.file_name, meta)).encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.pickle"

    def get(self, source: Source, registry: Registry) -> SourceBuild | None:
        """The kept build of `source`, its mints replayed into `registry`; None when there is none or its
        IRIs no longer hold."""
        key = self.key(source)
        self.used.add(key)
        path = self._path(key)
        if not self.reuse or not path.exists():
            return None
        with path.open("rb") as fh:
            kept: SourceBuild = pickle.load(fh)  # noqa: S301 - written by this build, in the build folder
        if not registry.replay(kept.mints):
            return None
        self.reused += 1
        return kept

    def put(self, source: Source, build: SourceBuild) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(build, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self._path(self.key(source)))

    def prune(self) -> None:
        """Remove the entries this build did not use (sources removed or changed, older code)."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.stem not in self.used:
                path.unlink(missing_ok=True)
