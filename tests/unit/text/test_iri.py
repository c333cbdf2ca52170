"""text/iri.py: an IRI is checked before it reaches the engine, by the engine's own parser."""

from hypothesis import given
from hypothesis import strategies as st

from lskg.text.iri import is_valid_iri

EXPRESSWAY = "https://w3id.org/lskg/id/project/cao-toc-huu-nghi-chi-lang"


def test_iris_of_the_graph_and_what_is_refused():
    assert is_valid_iri(EXPRESSWAY, ("http", "https"))
    assert is_valid_iri("https://w3id.org/lskg/id/legal/vn/2024/qd-236-ttg")
    assert not is_valid_iri("ftp://example.org/x", ("http", "https"))
    assert not is_valid_iri("project/cao-toc-huu-nghi-chi-lang")  # relative
    assert not is_valid_iri("")
    assert not is_valid_iri("https://w3id.org/" + "a" * 4096)


@given(st.sampled_from(list('<>"{}|\\^` \t\n\x00\x7f\x85')), st.text(max_size=10))
def test_a_character_that_could_end_an_iri_is_refused(bad, tail):
    assert not is_valid_iri(EXPRESSWAY + bad + tail)
