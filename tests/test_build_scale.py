"""A build that scales: dataset.nq written source by source instead of from one rdflib Dataset."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from lskg.pipeline import CanonicalNQuads, _class_counts
from lskg.vocab import LSKG, QB, SDMX_MEAS

EX = "https://w3id.org/lskg/id/test/"


def _graphs() -> list[tuple[URIRef, Graph]]:
    """Two graphs sharing nodes and typed instances, with literals the N-Quads writer escapes or
    leaves as they are."""
    a, b = Graph(), Graph()
    texts = ["dòng\u2028tách", "tab\there", 'quote " and \\ back', "new\nline\r", "\x1c\x1d\x1e", "Lạng Sơn",
             "cắt\u0085x", ""]
    for i, text in enumerate(texts):
        a.add((URIRef(f"{EX}s{i}"), SKOS.prefLabel, Literal(text, lang="vi")))
        b.add((URIRef(f"{EX}s{i}"), SKOS.prefLabel, Literal(text)))
    for g in (a, b):
        g.add((URIRef(f"{EX}s1"), RDF.type, QB.Observation))  # one instance of a class, in two graphs
        g.add((URIRef(f"{EX}s1"), SDMX_MEAS.obsValue, Literal("11024.70", datatype=XSD.decimal)))
    a.add((URIRef(f"{EX}s1"), RDF.type, LSKG.TextSegment))
    b.add((URIRef(f"{EX}s2"), RDF.type, QB.Observation))
    b.add((URIRef(f"{EX}s2"), RDFS.label, Literal(f"x {RDF.type.n3()} {QB.DataSet.n3()} y")))
    return [(URIRef(f"{EX}graph/a"), a), (URIRef(f"{EX}graph/b"), b)]


@pytest.mark.parametrize("buffer_bytes, max_runs", [(1 << 20, 256), (200, 2)])
def test_dataset_nq_is_rdflibs_nquads_sorted(tmp_path, monkeypatch, buffer_bytes, max_runs):
    """The file the build wrote from one rdflib Dataset of all graphs, however many runs it merges."""
    monkeypatch.setattr(CanonicalNQuads, "MAX_RUNS", max_runs)
    dataset = Dataset()
    writer = CanonicalNQuads(tmp_path / "dataset.nq", buffer_bytes=buffer_bytes)
    for name, g in _graphs():
        dataset.graph(name).__iadd__(g)
        writer.add(g, name)
    count, classes = writer.close()

    lines = sorted(set(line for line in dataset.serialize(format="nquads").split("\n") if line.strip()))
    assert (tmp_path / "dataset.nq").read_bytes() == ("\n".join(lines) + "\n").encode("utf-8")
    assert count == len(lines)
    assert list(tmp_path.iterdir()) == [tmp_path / "dataset.nq"]  # no run file left
    # distinct instances: s1 is an observation in both graphs, once; the quoted rdf:type is no type
    assert _class_counts(classes) == {"qb:Observation": 2, "lskg:TextSegment": 1}
