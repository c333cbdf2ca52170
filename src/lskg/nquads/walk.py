"""Reading dataset.nq as bytes, line by line: canonical N-Quads put one quad on a line with its
terms as N-Quads writes them, so a class count or a walk along links needs no parser, and reading
the file in order is fast at any size."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from rdflib.namespace import RDF

from ..vocab import curie


class ClassCounter:
    """Distinct (instance, class) pairs over the sorted lines of all graphs: the lines of one subject
    and class stand together whatever graphs they are in, so each pair is counted where it starts."""

    TYPE = b" " + RDF.type.n3().encode() + b" "

    def __init__(self):
        self.counts: Counter = Counter()
        self._last: tuple[bytes, bytes] | None = None

    def see(self, line: bytes) -> None:
        at = line.find(self.TYPE)
        if at < 0 or b" " in line[:at]:
            return  # not rdf:type in predicate position (a literal may quote it)
        # the object runs to the graph name, the last term: "<s> rdf:type <o> <g> .\n"
        pair = (line[:at], line[at + len(self.TYPE):-3].rsplit(b" ", 1)[0])
        if pair != self._last:
            self._last = pair
            self.counts[pair[1]] += 1


def class_counts(classes: Counter) -> dict[str, int]:
    """Distinct instances per class over the whole dataset (reference data included), from the
    classes' N-Quads terms (IRIs)."""
    counts = Counter({curie(term.decode()[1:-1]): n for term, n in classes.items()})
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def within(dataset: Path, iris: Iterable[str], steps: int) -> set[bytes]:
    """The terms (`<iri>`) of `iris` and of every IRI at most `steps` links from them, links followed
    from subject to object: one pass over the file per step."""
    seen: set[bytes] = set()
    nodes = {f"<{iri}>".encode() for iri in iris}
    for _step in range(steps):
        seen |= nodes
        found: set[bytes] = set()
        with dataset.open("rb") as lines:
            for line in lines:
                end = line.find(b" ")
                if line[:end] in nodes:
                    found.add(object_iri(line, end))
        nodes = found - seen
    seen |= nodes
    seen.discard(b"")
    return seen


def copy_about(dataset: Path, subjects: set[bytes], out: Path) -> None:
    """The lines of `dataset` whose subject is one of the `subjects` terms, in their order, into `out`."""
    with dataset.open("rb") as lines, out.open("wb") as fh:
        fh.writelines(line for line in lines if line[:line.find(b" ")] in subjects)


def object_iri(line: bytes, subject_end: int) -> bytes:
    """The object of an N-Quads line as `<iri>`, or b"" for a literal or a blank node (an IRI holds
    no space or '>', so the predicate ends at the first '> ' after the subject)."""
    start = line.index(b"> ", subject_end + 1) + 2
    if line[start:start + 1] != b"<":
        return b""
    return line[start:line.index(b">", start) + 1]
