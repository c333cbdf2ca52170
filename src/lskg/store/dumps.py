"""A release's dumps: its N-Quads and its TriG, gzip-compressed, each with its SHA-256.

A release never changes, so its dumps are written once, when it is built (`write_dumps`, into the
release folder's `dumps/`), and served as files from then on (`read_dumps`). They are streamed from
the release's own files through gzip, never held in memory. The gzip header carries no time and
no file name, so the same release always gives the same bytes and the same checksum.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

FOLDER = "dumps"
# format -> (the release file it compresses, the dump's extension, its media type before gzip)
FORMATS = {"nquads": ("dataset.nq", "nq", "application/n-quads"),
           "trig": ("lskg.trig", "trig", "application/trig")}
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Dump:
    fmt: str
    name: str  # lskg-<graph version>.<extension>.gz
    path: Path
    media_type: str  # of the content (the file itself is application/gzip)
    size: int  # bytes, compressed
    sha256: str  # of the compressed file, as `sha256sum` prints it


def dump_name(version: str, fmt: str) -> str:
    return f"lskg-{version}.{FORMATS[fmt][1]}.gz"


def write_dumps(release: Path, version: str) -> list[Dump]:
    """Compress the release's N-Quads and TriG into `release/dumps/`, each beside a `.sha256` file
    in `sha256sum`'s format (`sha256sum -c` checks a download)."""
    folder = release / FOLDER
    folder.mkdir(exist_ok=True)
    for fmt, (source, _ext, _media) in FORMATS.items():
        name = dump_name(version, fmt)
        partial = folder / f".{name}.partial"
        with (release / source).open("rb") as src, partial.open("wb") as raw:
            with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=6, mtime=0) as out:
                shutil.copyfileobj(src, out, _CHUNK)
        with partial.open("rb") as written:
            digest = hashlib.file_digest(written, "sha256").hexdigest()
        (folder / f"{name}.sha256").write_text(f"{digest}  {name}\n", encoding="utf-8")
        os.replace(partial, folder / name)
    return read_dumps(release, version)


def read_dumps(release: Path, version: str) -> list[Dump]:
    """The dumps of the release in `release` whose graph version is `version` (none for a release
    built before dumps were written)."""
    dumps = []
    for fmt, (_source, _ext, media) in FORMATS.items():
        name = dump_name(version, fmt)
        path, checksum = release / FOLDER / name, release / FOLDER / f"{name}.sha256"
        if path.is_file() and checksum.is_file():
            digest = checksum.read_text(encoding="utf-8").split(" ", 1)[0]
            dumps.append(Dump(fmt, name, path, media, path.stat().st_size, digest))
    return dumps
