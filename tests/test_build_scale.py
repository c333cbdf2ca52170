"""A build that scales: dataset.nq written source by source, and each source graph validated
against the part of the reference graph it can reach, by the shapes that can target its nodes,
with the results it gets against all of the reference graph and all shapes."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import ORG, RDF, RDFS, SKOS, XSD

import lskg.validate
from lskg.nquads.canonical import CanonicalNQuads
from lskg.nquads.walk import class_counts
from lskg.validate import validate_graph
from lskg.vocab import ELI, ID, LSKG, OA, QB, SDMX_ATT, SDMX_MEAS, source_graph

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
    assert class_counts(classes) == {"qb:Observation": 2, "lskg:TextSegment": 1}


@pytest.fixture(scope="module")
def source(build_result) -> Graph:
    """The graph of the corpus's first source, as the build wrote it."""
    ds = Dataset()
    ds.parse(build_result.release / "dataset.nq", format="nquads")
    g = Graph()
    g += ds.graph(source_graph(build_result.summary["sources"][0]["key"]))
    return g


@pytest.fixture(scope="module")
def shapes(paths) -> Graph:
    return Graph().parse(paths.shapes, format="turtle")


def _first(g: Graph, cls, having=lambda _node: True) -> URIRef:
    return next(n for n in sorted(g.subjects(RDF.type, cls)) if having(n))


def _breakages(g: Graph, reference: Graph) -> dict[str, tuple[list, list]]:
    """name -> (patterns removed, triples added): each breaks a rule that reads the reference data."""
    obs = _first(g, QB.Observation, lambda o: (g.value(o, LSKG.indicator), LSKG.minPlausible, None) in reference)
    doc = _first(g, ELI.LegalResource, lambda d: (d, ELI.type_document, None) in g)
    quote = URIRef(f"{_first(g, LSKG.TextSegment)}#quote")
    body = ID["org/bch-trung-uong-dang"]  # in the reference data, under the Party
    place = ID["place/tinh-lang-son"]
    return {
        "an observation without unit": ([(obs, SDMX_ATT.unitMeasure, None)], []),
        "a unit outside the unit scheme": ([(obs, SDMX_ATT.unitMeasure, None)], [(obs, SDMX_ATT.unitMeasure, place)]),
        "a document type outside its scheme": ([(doc, ELI.type_document, None)],
                                               [(doc, ELI.type_document, g.value(obs, SDMX_ATT.unitMeasure))]),
        "a place passing a document": ([(doc, ELI.passed_by, None)], [(doc, ELI.passed_by, place)]),
        "a second Vietnamese name of a reference body": ([], [(body, SKOS.prefLabel, Literal("Ban khác", lang="vi"))]),
        "a cycle through the reference hierarchy": ([], [(reference.value(body, ORG.subOrganizationOf),
                                                          ORG.subOrganizationOf, body)]),
        "an implausible value": ([(obs, SDMX_MEAS.obsValue, None)],
                                 [(obs, SDMX_MEAS.obsValue, Literal("99999999", datatype=XSD.decimal))]),
        "a document applying a place": ([], [(doc, ELI.applies, place)]),
        "a quote the text does not hold": ([(quote, OA.exact, None)], [(quote, OA.exact, Literal("không có"))]),
        "a body as indicator": ([(obs, LSKG.indicator, None)], [(obs, LSKG.indicator, body)]),
    }


def _results(report) -> list[tuple]:
    return [(r.focus, r.severity, r.message_en, r.path, r.value, r.quote) for r in report.results]


def test_a_broken_source_graph_fails_as_with_the_whole_reference_and_all_shapes(source, shapes, reference_graph,
                                                                                monkeypatch):
    for breakage, (removed, added) in _breakages(source, reference_graph).items():
        g = Graph() + source
        for pattern in removed:
            g.remove(pattern)
        for triple in added:
            g.add(triple)
        with monkeypatch.context() as m:
            report = validate_graph(g, shapes, reference_graph, own_nodes_only=True)
            m.setattr(lskg.validate, "reachable", lambda _data, context: context)
            m.setattr(lskg.validate, "_shapes_for", lambda *_args: None)
            whole = validate_graph(g, shapes, reference_graph, own_nodes_only=True)
        assert report.results, breakage
        assert report.conforms == (breakage == "an implausible value"), breakage  # that one is a warning
        assert _results(report) == _results(whole), breakage


def test_the_corpus_graph_reaches_a_part_of_the_reference(source, shapes, reference_graph):
    part = lskg.validate.reachable(source, reference_graph)
    assert 0 < len(part) < len(reference_graph) / 2
    assert validate_graph(source, shapes, reference_graph, own_nodes_only=True).results == []


def test_checks_on_a_value_node_run_for_the_graphs_own_nodes(source, shapes, reference_graph):
    """A unit must be in the unit scheme (sh:node on the value): pyshacl's focus_nodes option, which
    the build used to pick a source's own nodes, skipped such nested checks, and so does its
    use_shapes for a shape it is not given."""
    obs = _first(source, QB.Observation)
    g = Graph() + source
    g.set((obs, SDMX_ATT.unitMeasure, ID["place/tinh-lang-son"]))
    report = validate_graph(g, shapes, reference_graph, own_nodes_only=True)
    assert [(r.focus, r.message_en) for r in report.violations] == [
        (str(obs), "An observation needs exactly one unit from the unit scheme")]
