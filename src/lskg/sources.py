"""The corpus: reading `data/sources/` safely, with its catalogue `sources.csv`.

Each document is decoded as strict UTF-8 (a bad byte is an error naming the file and
offset), refused when binary or too large, normalised to NFC and keyed by the hash
of its normalised text.

Size is checked before anything is read, and then no more than the limit (plus one byte) is
ever read, so a file that grows, a device or a FIFO cannot make the build read without end.
Only regular files inside the source folder with one name are read, `sources.csv` as the texts: a
link to a file elsewhere (`/etc/passwd`) or a hard link is refused, so the public graph cannot be
made to publish it. Two files with the same text are one source, published once (see read_corpus).

Catalogue fields are normalised like the text (NFC, no control characters; and no bidi
controls or zero-width characters) and kept on one line (any run of white space, line breaks
included, becomes one space): a title with quotes, newlines or markup stays one literal. The
fields that become IRIs or typed literals are checked: `url` must be an absolute http(s) IRI,
`date` an ISO date (YYYY-MM-DD) and `jurisdiction` a place slug; anything else is an error naming
the file, line and column.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import stat
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .text.iri import is_valid_iri
from .text.normalise import normalise_text
from .text.spoofing import strip_invisible

MAX_BYTES = 20 * 1024 * 1024  # a report of the genre is < 1 MB; beyond this we refuse
CATALOGUE = "sources.csv"
CATALOGUE_FIELDS = ("id", "file", "title", "publisher", "author", "date", "url", "language", "jurisdiction",
                    "original", "from_document")
# `original`: the file the text was read from (`lskg add`), beside it in the folder; `from_document`:
# which of these fields were read from the document itself rather than typed in
FROM_DOCUMENT_FIELDS = ("title", "date", "publisher", "author")
ORIGINAL_SUFFIXES = (".pdf", ".docx", ".html", ".txt")


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


def read_source(path: Path, max_bytes: int | None = None, inside: Path | None = None) -> str | None:
    """The NFC text of one file (in the folder `inside`, if given); None for an empty file;
    SourceError for bad input."""
    raw = _read_bytes(path, MAX_BYTES if max_bytes is None else max_bytes, inside)
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise SourceError(f"{path}: binary file (NUL byte at offset {nul}); expected UTF-8 text")
    text = normalise_text(_decode(path, raw).removeprefix("\ufeff"))
    return text if text.strip() else None


def _read_bytes(path: Path, limit: int, inside: Path | None = None) -> bytes:
    """At most `limit` bytes of a regular file with one name, which lies in `inside` if given.

    A FIFO would block the build for ever, a device read without end; a link leading out of the
    folder, or a hard link (its other names may be anywhere: nothing tells which is the original),
    would publish a file nobody put in the corpus. The file is opened without blocking and checked
    on the open descriptor, so it cannot be swapped between the check and the read."""
    if inside is not None and not path.resolve().is_relative_to(inside):
        raise SourceError(f"{path}: links to {path.resolve()}, outside the source folder {inside}")
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # refused before opening: opening a device may act
            raise SourceError(f"{path}: not a regular file")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as exc:
        raise SourceError(f"{path}: cannot be read ({exc.strerror})") from exc
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise SourceError(f"{path}: not a regular file")
        if info.st_nlink > 1:
            raise SourceError(f"{path}: has {info.st_nlink} hard links; copy the file into the source folder")
        if info.st_size > limit:
            raise SourceError(f"{path}: {info.st_size} bytes is larger than the {limit} byte limit for one document")
        raw = fh.read(limit + 1)  # never more, whatever stat said
    if len(raw) > limit:
        raise SourceError(f"{path}: larger than the {limit} byte limit for one document")
    return raw


def _decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path}: not valid UTF-8 at byte offset {exc.start} ({exc.reason})") from exc


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def catalogue_value(value: str | None) -> str:
    """A catalogue field as stored: NFC, no control characters, no bidi controls or zero-width
    characters (they would reorder or hide a title where it is shown: `text.spoofing`), on one line."""
    return " ".join(strip_invisible(normalise_text(value or "")).split())


def read_catalogue(directory: Path) -> dict[str, dict[str, str]]:
    """The catalogue's rows by file name, read as safely as a text (`_read_bytes`)."""
    path = directory / CATALOGUE
    if not path.exists() and not path.is_symlink():
        return {}
    text = _decode(path, _read_bytes(path, MAX_BYTES, directory.resolve()))
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise SourceError(f"{path}: not a valid CSV file ({exc})") from exc
    missing = [f for f in ("id", "file") if rows and f not in rows[0][1]]
    if missing:
        raise SourceError(f"{path}: missing column(s) {', '.join(missing)}")
    catalogue, lines = {}, {}
    for line, row in rows:
        meta = {k: catalogue_value(v if isinstance(v, str) else None) for k, v in row.items() if k}
        _check_row(path, line, meta)
        if meta["file"] in lines:  # the later row silently replaced the earlier one
            raise SourceError(f"{path}, line {line}: {meta['file']!r} is listed again (first on line "
                              f"{lines[meta['file']]}); one row per file")
        lines[meta["file"]] = line
        catalogue[meta["file"]] = meta
    return catalogue


def _check_row(path: Path, line: int, meta: dict[str, str]) -> None:
    """The fields that become IRIs or typed literals must be what they claim to be."""
    def bad(column: str, expected: str) -> SourceError:
        return SourceError(f"{path}, line {line}, column {column!r}: {meta[column]!r} is not {expected}")

    if meta.get("url") and not is_valid_iri(meta["url"], schemes=("http", "https")):
        raise bad("url", "an absolute http(s) IRI (percent-encode spaces, quotes and <>)")
    if meta.get("date"):
        try:
            if date.fromisoformat(meta["date"]).isoformat() != meta["date"]:
                raise ValueError
        except ValueError:
            raise bad("date", "a date written YYYY-MM-DD") from None
    if meta.get("jurisdiction") and not _SLUG.fullmatch(meta["jurisdiction"]):
        raise bad("jurisdiction", "a place slug such as tinh-lang-son")
    if meta.get("original") and not is_original_name(meta["original"]):
        raise bad("original", f"a file name in the source folder ending in {', '.join(ORIGINAL_SUFFIXES)}")
    if meta.get("from_document") and not set(meta["from_document"].split()) <= set(FROM_DOCUMENT_FIELDS):
        raise bad("from_document", f"a list of {', '.join(FROM_DOCUMENT_FIELDS)} separated by spaces")


_ORIGINAL_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,200}")


def is_original_name(name: str) -> bool:
    """A plain file name (no folder, no leading dot, no `..`) of a kind lskg reads."""
    return bool(_ORIGINAL_NAME.fullmatch(name)) and ".." not in name and name.lower().endswith(ORIGINAL_SUFFIXES)


def read_original(source: Source) -> bytes:
    """The original file a source's text was read from (its catalogue `original`), read as safely
    as the text: a plain name in the same folder, a regular file with one name, within the size limit."""
    name = source.meta.get("original", "")
    if not is_original_name(name):
        raise SourceError(f"{source.path}: the catalogue's original {name!r} is not a file name in the folder")
    folder = source.path.parent
    if not (folder / name).exists():
        raise SourceError(f"{folder / name}: the original of {source.file_name} named in {CATALOGUE} is missing")
    return _read_bytes(folder / name, MAX_BYTES, folder.resolve())


def add_catalogue_row(directory: Path, row: dict[str, str]) -> None:
    """Append a row to the catalogue (made if missing), written aside and moved into place, so a
    reader never sees half a file; the header gains any of CATALOGUE_FIELDS it lacks."""
    rows = list(read_catalogue(directory).values())
    meta = {k: catalogue_value(v) for k, v in row.items()}
    _check_row(directory / CATALOGUE, len(rows) + 2, meta)
    if any(r.get("file") == meta["file"] for r in rows):
        raise SourceError(f"{directory / CATALOGUE}: {meta['file']!r} is listed already")
    columns = list(CATALOGUE_FIELDS) + [c for r in rows for c in r if c not in CATALOGUE_FIELDS]
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(dict.fromkeys(columns)), lineterminator="\n")
    writer.writeheader()
    writer.writerows([*rows, meta])
    tmp = directory / f".{CATALOGUE}.{os.getpid()}"
    tmp.write_text(buffer.getvalue(), encoding="utf-8")
    os.replace(tmp, directory / CATALOGUE)


def read_corpus(directory: Path) -> Corpus:
    if not directory.exists():
        raise SourceError(f"source directory {directory} does not exist")
    if not directory.is_dir():
        raise SourceError(f"{directory} is not a directory")
    catalogue = read_catalogue(directory)
    sources, warnings = [], []
    by_key: dict[str, Source] = {}
    inside = directory.resolve()
    for path in sorted(directory.glob("*.txt")):
        text = read_source(path, inside=inside)
        if text is None:
            warnings.append(f"{path.name}: empty file, skipped")
            continue
        key = source_key(text)
        if key in by_key:
            # one text is one source (its IRI is the text's hash): kept once, with the catalogue row
            # of the first file by name, never a mix of both rows' titles and dates
            warnings.append(f"{path.name}: the same text as {by_key[key].file_name}; published once, "
                            f"as {by_key[key].file_name} with its catalogue row ({path.name}'s row is not used)")
            continue
        meta = dict(catalogue.get(path.name, {}))
        if not meta:
            warnings.append(f"{path.name}: not in {CATALOGUE}; title and date unknown")
        by_key[key] = Source(path=path, text=text, key=key, meta=meta)
        sources.append(by_key[key])
    if not sources:
        raise SourceError(f"no non-empty .txt documents in {directory}")
    return Corpus(sources, warnings)
