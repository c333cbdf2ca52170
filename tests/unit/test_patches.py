"""lskg.patches: each library internal it relies on is still there with the signature it uses, and
each patch still does its job. A failure here after an upgrade names the patch to redo."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
import threading
from pathlib import Path

import pyparsing as pp
import pytest
from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDFS, SH, XSD
from rdflib.plugins.serializers import nquads as rdflib_nquads

from lskg import patches, sparql_guard

EX = "https://w3id.org/lskg/id/test/"


def _parameters(function) -> list[str]:
    return list(inspect.signature(function).parameters)


# -- rdflib's N-Quads line -------------------------------------------------------------------------


def test_rdflib_still_has_the_nquads_row_writer():
    assert _parameters(rdflib_nquads._nq_row) == ["triple", "context"]


def test_the_nquads_line_is_what_rdflibs_writer_writes():
    """dataset.nq must be the lines of rdflib's own N-Quads serializer (tests/test_build_scale.py
    checks the whole file): a quote, a line break, a language tag and a decimal, as it escapes them."""
    graph = URIRef(f"{EX}graph/a")
    triples = [
        (URIRef(f"{EX}s"), RDFS.label, Literal('Tổng thu ngân sách "trên địa bàn"\n2024', lang="vi")),
        (URIRef(f"{EX}s"), URIRef(f"{EX}value"), Literal("10530.1", datatype=XSD.decimal)),
    ]
    dataset = Dataset()
    for triple in triples:
        dataset.graph(graph).add(triple)
    written = sorted(line + "\n" for line in dataset.serialize(format="nquads").split("\n") if line.strip())
    assert sorted(patches.nquads_line(t, graph) for t in triples) == written
    assert patches.nquads_line(triples[1], graph) == (
        f'<{EX}s> <{EX}value> "10530.1"^^<http://www.w3.org/2001/XMLSchema#decimal> <{EX}graph/a> .\n')


# -- pyparsing's per-element parse, with a CPU budget ----------------------------------------------

NUMBERS = "2954 " * 20_000  # twenty thousand element parses and more
_numbers = pp.Word(pp.nums)[1, ...]


def test_pyparsing_still_parses_each_element_through_parse():
    with patches.parse_budget(1.0):  # installs the wrapper (once per process)
        pass
    wrapper = pp.ParserElement._parse
    assert wrapper._lskg_budget
    inner = wrapper.__wrapped__
    assert _parameters(inner) == ["self", "instring", "loc", "do_actions", "callPreParse"]
    # pyparsing swaps `_parse` between these two to turn packrat parsing on and off
    assert inner in (pp.ParserElement._parseNoCache, pp.ParserElement._parseCache)


def test_a_parse_over_budget_is_stopped_even_inside_alternatives():
    """No alternative of the grammar catches the budget's exception: the parse stops."""
    grammar = _numbers | pp.Word(pp.alphanums + " ")
    assert not issubclass(patches.ParseOverBudget, pp.ParseBaseException)
    with pytest.raises(patches.ParseOverBudget), patches.parse_budget(0.0):
        grammar.parse_string(NUMBERS)
    assert len(grammar.parse_string(NUMBERS)) == 20_000  # with no budget, the same text parses


def test_the_budget_is_the_parsing_threads_own():
    parsed = []
    with patches.parse_budget(0.0):
        thread = threading.Thread(target=lambda: parsed.append(_numbers.parse_string(NUMBERS)))
        thread.start()
        thread.join(timeout=60)
    assert len(parsed) == 1 and parsed[0][0] == "2954" and len(parsed[0]) == 20_000


# -- the recursion limit for rdflib's SPARQL grammar -----------------------------------------------

_DEEP = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from rdflib.plugins.sparql.parser import parseQuery
from lskg.patches import allow_deep_recursion
from lskg.sparql_guard import PARSE_RECURSION_LIMIT

patterns = " ".join(f"?d <http://data.europa.eu/eli/ontology#id_local> ?n{i} ." for i in range(350))
query = f"SELECT ?d WHERE {{ {patterns} }}"
outcome = {"chars": len(query)}
try:
    parseQuery(query)
    outcome["default"] = "parsed"
except RecursionError:
    outcome["default"] = "RecursionError"
allow_deep_recursion(PARSE_RECURSION_LIMIT)
parseQuery(query)
outcome["raised"] = "parsed"
print(json.dumps(outcome))
"""


def test_the_recursion_limit_is_what_lets_a_long_query_parse():
    """350 triple patterns (under the gate's 20 000 characters) need more than Python's default
    limit, and parse once it is raised; in a fresh process, so the default limit is the real one.
    If the default ever suffices, rdflib's grammar has changed and the patch can go."""
    src = Path(patches.__file__).parents[1]
    run = subprocess.run([sys.executable, "-c", _DEEP, str(src)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    outcome = json.loads(run.stdout)
    assert outcome["chars"] < sparql_guard.MAX_QUERY_CHARS
    assert outcome == {"chars": outcome["chars"], "default": "RecursionError", "raised": "parsed"}


def test_the_recursion_limit_is_never_lowered():
    before = sys.getrecursionlimit()
    try:
        sys.setrecursionlimit(before + 500)
        patches.allow_deep_recursion(before)
        assert sys.getrecursionlimit() == before + 500
    finally:
        sys.setrecursionlimit(before)


# -- Graph.query for pyshacl: each SPARQL text parsed once -----------------------------------------

_SHAPES = f"""
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{EX}figure-shape> a sh:NodeShape ;
    sh:target [ a sh:SPARQLTarget ; sh:select "SELECT ?this WHERE {{ ?this <{EX}value> ?v }}" ] ;
    sh:property [ sh:path <{EX}value> ; sh:datatype xsd:decimal ] .
"""


def _data(graph: Graph) -> Graph:
    graph.add((URIRef(f"{EX}thu-noi-dia"), URIRef(f"{EX}value"), Literal("2954.1", datatype=XSD.decimal)))
    graph.add((URIRef(f"{EX}thu-xnk"), URIRef(f"{EX}value"), Literal("hơn 7.565 tỷ đồng")))
    return graph


def _violations(data: Graph) -> set[str]:
    _conforms, report, _text = shacl_validate(data, shacl_graph=Graph().parse(data=_SHAPES, format="turtle"),
                                              inference="none", advanced=True, inplace=True)
    return {str(report.value(result, SH.focusNode)) for result in report.subjects(SH.resultSeverity, None)}


def test_rdflib_graph_query_still_takes_the_arguments_overridden():
    assert _parameters(Graph.query)[:5] == ["self", "query_object", "processor", "result", "initNs"]
    assert _parameters(patches.PreparedQueryGraph.query)[:5] == _parameters(Graph.query)[:5]


def test_pyshacl_queries_reach_the_override_and_are_parsed_once():
    patches._prepared.cache_clear()
    assert _violations(_data(patches.PreparedQueryGraph())) == {f"{EX}thu-xnk"}
    first = patches._prepared.cache_info()
    assert first.misses >= 1  # pyshacl sent the SPARQL target as text, to this graph's `query`
    assert _violations(_data(patches.PreparedQueryGraph())) == {f"{EX}thu-xnk"}
    second = patches._prepared.cache_info()
    assert second.misses == first.misses and second.hits > first.hits  # parsed once, not again
    assert _violations(_data(Graph())) == {f"{EX}thu-xnk"}  # the same report as rdflib's own query
