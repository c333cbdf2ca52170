"""store/binding.py: parameters go into a query as a VALUES block at the start of every WHERE group,
found by reading the query's tokens; values are written by Oxigraph's term serialiser, never spliced."""

import pyoxigraph as ox
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from lskg.store.base import QueryError, Term
from lskg.store.binding import bind_values, values_block, where_group_starts

NQ41 = "https://w3id.org/lskg/id/legal/tinh-lang-son/2022/nq-41-hdnd"
# text Oxigraph can hold: any code point but a lone surrogate
TEXT = st.text(st.characters(codec="utf-8"), max_size=30)


def literal(value: str) -> str:
    return Term("literal", value).n3()


def test_the_block_goes_after_the_where_brace_and_nowhere_else():
    query = ('# a comment { WHERE }\nPREFIX eli: <http://data.europa.eu/eli/ontology#>\n'
             'SELECT ?date WHERE { ?doc eli:date_document ?date FILTER(?date != "} WHERE {") }')
    at = query.index("WHERE {") + len("WHERE {")
    assert where_group_starts(query) == (at,)
    bound = bind_values(query, {"doc": Term("iri", NQ41)})
    assert bound == query[:at] + f" VALUES (?doc) {{ (<{NQ41}>) }} " + query[at:]


def test_every_sub_query_gets_the_block_and_a_construct_template_does_not():
    sub = "SELECT ?n WHERE { { SELECT ?doc WHERE { ?doc ?p ?o } LIMIT 1 } ?doc ?q ?n }"
    assert len(where_group_starts(sub)) == 2
    construct = "CONSTRUCT { ?doc ?p ?o } WHERE { ?doc ?p ?o }"
    assert where_group_starts(construct) == (construct.index("WHERE {") + 7,)
    assert where_group_starts("ASK { ?s ?p ?o }") == (5,)  # the keyword left out
    with pytest.raises(QueryError, match="WHERE group"):
        where_group_starts("CONSTRUCT { ?s ?p ?o }")


def test_what_cannot_be_bound_is_refused():
    assert bind_values("SELECT * { ?s ?p ?o }", {}) == "SELECT * { ?s ?p ?o }"
    with pytest.raises(QueryError, match="not a variable name"):
        values_block({"doc) {} } DELETE {": Term("iri", NQ41)})
    with pytest.raises(QueryError, match="blank node"):
        values_block({"doc": Term("bnode", "b0")})
    with pytest.raises(QueryError, match="not a valid RDF term"):
        values_block({"doc": Term("iri", NQ41 + "> } DROP ALL #")})
    assert values_block({"n": Term("literal", "41/NQ-HĐND", language="vi")}) == \
        ' VALUES (?n) { ("41/NQ-HĐND"@vi) } '


@given(TEXT, TEXT)
@example('x" || true || "', "}")
@example("41/NQ-HĐND\n} } WHERE {", '"""')
def test_a_bound_string_comes_back_as_itself(value, decoy):
    """Whatever the value and whatever strings and comments stand around the group, the engine
    reads back the value bound, and the braces in the decoys are not taken for the group's."""
    query = (f"# {decoy.splitlines()[0] if decoy.splitlines() else ''} {{\n"
             f"SELECT ?x ?d WHERE {{ BIND({literal(decoy)} AS ?d) }}")
    rows = list(ox.Store().query(bind_values(query, {"x": Term("literal", value)})))
    assert [(r["x"].value, r["d"].value) for r in rows] == [(value, decoy)]


@given(st.text(st.sampled_from('<>" {}|^`\\'), min_size=1, max_size=3), TEXT)
def test_an_iri_with_a_forbidden_character_is_never_written(bad, tail):
    with pytest.raises(QueryError):
        bind_values("SELECT * WHERE { ?s ?p ?o }", {"s": Term("iri", f"https://w3id.org/lskg/{bad}{tail}")})
