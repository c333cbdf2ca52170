"""The canonical N-Quads writer: an external merge sort of the lines rdflib's N-Quads writer gives."""

from __future__ import annotations

import heapq
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import Callable

from rdflib import Graph, URIRef

from ..patches import nquads_line
from .walk import ClassCounter


class CanonicalNQuads:
    """dataset.nq written graph by graph without holding the dataset: canonical N-Quads, the set of
    lines rdflib's N-Quads writer gives, sorted (byte-identical for identical inputs).

    Lines wait in a buffer; a full buffer is sorted into a run file next to the output, and `close`
    merges the runs (every MAX_RUNS runs are merged into one on the way, so few files are open at
    once). UTF-8 bytes sort in code-point order, so the file is the one sorting the decoded lines
    gives. Lines end at "\n" only: a literal may hold U+2028, U+0085 or \x1c-\x1e, which the writer
    leaves unescaped and str.splitlines() would cut at.
    """

    MAX_RUNS = 256

    def __init__(self, path: Path, buffer_bytes: int = 32 << 20):
        self.path = path
        self.runs = Path(tempfile.mkdtemp(prefix=".runs-", dir=path.parent))
        self.buffer_bytes = buffer_bytes
        self._lines: list[bytes] = []
        self._size = 0
        self._run_files: list[Path] = []
        self._written = 0  # run files made so far, for their names

    def add(self, graph: Graph, name: URIRef) -> None:
        self.add_lines(lines_of(graph, name))

    def add_lines(self, lines: list[bytes]) -> None:
        """Lines `lines_of` gave (the build cache keeps a source graph's lines between builds)."""
        self._lines += lines
        self._size += sum(map(len, lines))
        if self._size >= self.buffer_bytes:
            self._spill()

    def _new_run(self) -> Path:
        self._written += 1
        return self.runs / f"{self._written:06d}.nq"

    def _spill(self) -> None:
        run = self._new_run()
        run.write_bytes(b"".join(sorted(set(self._lines))))
        self._lines, self._size = [], 0
        self._run_files.append(run)
        if len(self._run_files) >= self.MAX_RUNS:
            merged = self._new_run()
            _merge(self._run_files, merged)
            self._run_files = [merged]

    def close(self) -> tuple[int, Counter]:
        """Merge the runs into the file; returns its line count and the distinct instances per class."""
        try:
            self._spill()
            classes = ClassCounter()
            count = _merge(self._run_files, self.path, classes.see)
        finally:
            self.discard()
        return count, classes.counts

    def discard(self) -> None:
        shutil.rmtree(self.runs, ignore_errors=True)


def lines_of(graph: Graph, name: URIRef) -> list[bytes]:
    """The N-Quads lines of `graph` named `name`, as rdflib's serializer writes them (unpaired
    surrogates become "?")."""
    return [nquads_line(triple, name).encode("utf-8", "replace") for triple in graph]


def _merge(runs: list[Path], out: Path, see: Callable[[bytes], None] = lambda _line: None) -> int:
    """Merge sorted run files into `out`, each line once, and remove them; returns the line count."""
    handles = [run.open("rb") for run in runs]
    count = 0
    previous = None
    try:
        with out.open("wb") as fh:
            for line in heapq.merge(*handles):
                if line != previous:
                    fh.write(line)
                    see(line)
                    count += 1
                    previous = line
    finally:
        for handle, run in zip(handles, runs):
            handle.close()
            run.unlink()
    return count
