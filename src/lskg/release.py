"""Release folders: a build writes `releases/<stamp>-<pid>/` under the build folder, `current` is a
symlink to the serving one, switched with one `rename`, and the oldest releases are pruned. Beside
dataset.nq a release holds the on-disk store and TriG made from it, and is known by the digest of
dataset.nq (its graph version)."""

from __future__ import annotations

import hashlib
import itertools
import os
import shutil
from datetime import datetime
from pathlib import Path

import pyoxigraph as ox

from .vocab import PREFIXES


def folder_for(build_dir: Path, stamp: datetime) -> Path:
    """Where a release built at `stamp` goes (the process id keeps apart two builds started in the
    same microsecond); `releases/` is made if need be, the release itself is not."""
    (build_dir / "releases").mkdir(parents=True, exist_ok=True)
    return build_dir / "releases" / f"{stamp.strftime('%Y%m%dT%H%M%S%fZ')}-{os.getpid()}"


def switch(build_dir: Path, release: Path) -> None:
    """Point `current` at `release` atomically (symlink, then rename over the old one)."""
    tmp = build_dir / f".current-{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(Path("releases") / release.name, tmp)
    os.replace(tmp, build_dir / "current")


def prune(build_dir: Path, keep: int = 3) -> None:
    """Remove all but the `keep` newest releases, never the current one."""
    current = (build_dir / "current").resolve() if (build_dir / "current").exists() else None
    releases = sorted((build_dir / "releases").iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in releases[keep:]:
        if old.resolve() != current:
            shutil.rmtree(old, ignore_errors=True)


def digest(path: Path) -> str:
    """The graph version: the start of the SHA-256 of dataset.nq, the same for the same graph."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:12]


# Oxigraph's bulk loader holds what it loads in one call in memory (1.7 GB for 3.2M quads); in
# parts of this many lines it stays near 0.4 GB for about 15 % more CPU, and the store is the same
_LOAD_LINES = 250_000


def write_store(release: Path) -> None:
    """The on-disk Oxigraph store of dataset.nq, and TriG written by Oxigraph from it (rdflib's TriG
    writer took 6 s of a 9 s build); the store is closed on return, before the folder is renamed."""
    store = ox.Store(str(release / "store"))
    with (release / "dataset.nq").open("rb") as lines:
        while part := b"".join(itertools.islice(lines, _LOAD_LINES)):
            store.bulk_load(input=part, format=ox.RdfFormat.N_QUADS)
    store.flush()
    store.dump(str(release / "lskg.trig"), ox.RdfFormat.TRIG,
               prefixes={prefix: str(ns) for prefix, ns in PREFIXES.items()})
