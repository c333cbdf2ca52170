"""The corpus: reading `data/sources/` safely, with its catalogue `sources.csv`.

Each document is decoded as strict UTF-8 (a bad byte is an error naming the file and
offset), refused when binary or too large, normalised to NFC and keyed by the hash
of its normalised text.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .text.normalise import normalise_text

MAX_BYTES = 20 * 1024 * 1024  # a report of the genre is < 1 MB; beyond this we refuse
CATALOGUE = "sources.csv"
CATALOGUE_FIELDS = ("id", "file", "title", "publisher", "author", "date", "url", "language", "jurisdiction")


class SourceError(Exception):
    """A source that cannot be read; the build stops and nothing is written."""


@dataclass
class Source:
    path: Path
    text: str
    key: str
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def file_name(self) -> str:
        return self.path.name


@dataclass
class Corpus:
    sources: list[Source]
    warnings: list[str]


def source_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def read_source(path: Path) -> str | None:
    """The NFC text of one file; None for an empty file; SourceError for bad input."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SourceError(f"{path}: {size} bytes is larger than the {MAX_BYTES} byte limit for one document")
    raw = path.read_bytes()
    nul = raw.find(b"\x00", 0, 8192)
    if nul >= 0:
        raise SourceError(f"{path}: binary file (NUL byte at offset {nul}); expected UTF-8 text")
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path}: not valid UTF-8 at byte offset {exc.start} ({exc.reason})") from exc
    text = normalise_text(decoded.removeprefix("\ufeff"))
    return text if text.strip() else None


def read_catalogue(directory: Path) -> dict[str, dict[str, str]]:
    path = directory / CATALOGUE
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    missing = [f for f in ("id", "file") if rows and f not in rows[0]]
    if missing:
        raise SourceError(f"{path}: missing column(s) {', '.join(missing)}")
    return {row["file"]: {k: (v or "").strip() for k, v in row.items() if k} for row in rows}


def read_corpus(directory: Path) -> Corpus:
    if not directory.exists():
        raise SourceError(f"source directory {directory} does not exist")
    if not directory.is_dir():
        raise SourceError(f"{directory} is not a directory")
    catalogue = read_catalogue(directory)
    sources, warnings = [], []
    for path in sorted(directory.glob("*.txt")):
        text = read_source(path)
        if text is None:
            warnings.append(f"{path.name}: empty file, skipped")
            continue
        meta = dict(catalogue.get(path.name, {}))
        if not meta:
            warnings.append(f"{path.name}: not in {CATALOGUE}; title and date unknown")
        sources.append(Source(path=path, text=text, key=source_key(text), meta=meta))
    if not sources:
        raise SourceError(f"no non-empty .txt documents in {directory}")
    return Corpus(sources, warnings)
