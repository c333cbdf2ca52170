"""`lskg add`: one document (a file or a URL) into the source folder.

The text goes in as `NNN_<key>.txt` (NNN the next catalogue number, key the hash of the text, as
`lskg build` keys it), the original beside it as `NNN_<key>.pdf` (`.docx`, `.html`), and a catalogue
row with what the document says about itself: each field read from it is named in the row's
`from_document`, so a reader knows which fields nobody typed. A field given on the command line
wins and is not marked. A text already in the corpus is refused, as is a folder's catalogue that
does not read (`sources.read_catalogue`)."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from ..sources import FROM_DOCUMENT_FIELDS, SourceError, add_catalogue_row, read_catalogue, source_key
from ..text.formats import SUFFIXES, FormatError, read_document
from .fetch import FetchError, fetch, is_url

_NUMBER = re.compile(r"(\d+)_")


class AddError(Exception):
    """A document that was not added; nothing was written."""


@dataclass
class Added:
    text_file: Path
    original: Path | None
    row: dict[str, str]


def add_document(target: str, directory: Path, *, max_bytes: int, timeout: float,
                 given: dict[str, str] | None = None, progress: Callable[[str], None] = lambda _m: None) -> Added:
    """Add the document at `target` (a path or an http(s) URL) to the source folder `directory`."""
    try:
        if is_url(target):
            progress(f"fetching {target} (at most {max_bytes} bytes, {timeout:g} s)")
            got = fetch(target, max_bytes, timeout)
            data, suffix, url, name = got.data, got.suffix, got.url, target
        else:
            path = Path(target)
            suffix = SUFFIXES.get(path.suffix.lower())
            if suffix is None:
                raise AddError(f"{path}: cannot read {path.suffix or 'a file without a suffix'}; lskg adds "
                               ".pdf, .docx, .html and .txt")
            data, url, name = _read_file(path, max_bytes), "", str(path)
        progress(f"reading {name} as {suffix[1:].upper()} ({len(data)} bytes)")
        doc = read_document(data, suffix, name, url or None)
    except (FetchError, FormatError, SourceError) as exc:
        raise AddError(str(exc)) from exc
    if not directory.is_dir():
        raise AddError(f"source folder {directory} does not exist")
    key = source_key(doc.text)
    same = sorted(directory.glob(f"*_{key}.txt"))
    if same:
        raise AddError(f"{name}: the same text is in the corpus already, as {same[0].name}")
    try:
        catalogue = read_catalogue(directory)
    except SourceError as exc:
        raise AddError(str(exc)) from exc
    number = _next_number(directory, catalogue)
    stem = f"{number:03d}_{key}"
    read = {k: v for k, v in doc.fields.items() if k in FROM_DOCUMENT_FIELDS and _acceptable(k, v)}
    given = {k: v for k, v in (given or {}).items() if v}
    row = {"id": f"{number:03d}", "file": f"{stem}.txt", **read, **given, "url": url, "language": "vi",
           "original": f"{stem}{suffix}" if suffix != ".txt" else "",
           "from_document": " ".join(k for k in FROM_DOCUMENT_FIELDS if k in read and k not in given)}
    text_file, original = directory / row["file"], directory / row["original"] if row["original"] else None
    written: list[Path] = []
    try:
        _write_new(text_file, doc.text.encode("utf-8"), written)
        if original is not None:
            _write_new(original, data, written)
        add_catalogue_row(directory, row)
    except (OSError, SourceError) as exc:
        for path in written:
            path.unlink(missing_ok=True)
        raise AddError(f"{name}: not added ({exc})") from exc
    return Added(text_file, original, row)


def _read_file(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing what is not a regular file or is over the limit, and never
    reading more than the limit."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise AddError(f"{path}: not a regular file")
        if info.st_size > max_bytes:
            raise AddError(f"{path}: {info.st_size} bytes is larger than the {max_bytes} byte limit (LSKG_ADD_MAX_BYTES)")
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise AddError(f"{path}: cannot be read ({exc.strerror})") from exc
    if len(data) > max_bytes:
        raise AddError(f"{path}: larger than the {max_bytes} byte limit (LSKG_ADD_MAX_BYTES)")
    return data


def _acceptable(field: str, value: str) -> bool:
    if field != "date":
        return bool(value.strip())
    try:
        return date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def _next_number(directory: Path, catalogue: dict[str, dict[str, str]]) -> int:
    numbers = [int(m.group(1)) for p in directory.iterdir() if (m := _NUMBER.match(p.name))]
    numbers += [int(row["id"]) for row in catalogue.values() if row.get("id", "").isdigit()]
    return max(numbers, default=-1) + 1


def _write_new(path: Path, data: bytes, written: list[Path]) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)  # never over a file already there
    written.append(path)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
