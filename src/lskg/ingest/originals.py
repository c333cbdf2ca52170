"""The original files (PDF, Word, web page) of a release's sources, kept in the release so the web
site can offer each as a download beside the text read from it (`web.sources_view`).

They are copied into `originals/<key><suffix>` of the release: a release is self-contained (the
site never opens the source folder) and its originals are those its texts were read from, whatever
the folder holds later. The release's summary lists them by source key."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..sources import Source, read_original
from ..text.formats import MEDIA_TYPES

FOLDER = "originals"


def keep_originals(sources: list[Source], release: Path) -> dict[str, dict]:
    kept = {}
    for source in sources:
        if not source.meta.get("original"):
            continue
        data = read_original(source)
        suffix = Path(source.meta["original"]).suffix.lower()
        (release / FOLDER).mkdir(exist_ok=True)
        (release / FOLDER / f"{source.key}{suffix}").write_bytes(data)
        kept[source.key] = {"file": source.meta["original"], "media_type": MEDIA_TYPES[suffix], "bytes": len(data),
                            "sha256": hashlib.sha256(data).hexdigest()}
    return kept


def original_path(release: Path, key: str, entry: dict) -> Path | None:
    """Where the release keeps the original of source `key` (a checked key), or None if it has none."""
    suffix = Path(entry.get("file", "")).suffix.lower()
    if suffix not in MEDIA_TYPES:
        return None
    path = release / FOLDER / f"{key}{suffix}"
    return path if path.is_file() else None
