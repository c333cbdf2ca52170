"""sparql_tokens.py: SPARQL text cut into tokens, strings, IRIs and comments kept whole."""

from hypothesis import example, given
from hypothesis import strategies as st

from lskg.sparql_tokens import code_tokens

SPARQL_ISH = st.lists(st.one_of(st.sampled_from(list("{}()<>?$#'\"\\\n :.-_+eE0123456789")),
                                st.sampled_from(["SELECT", "WHERE", "ORDER BY", "eli:date_document", '"""']),
                                st.characters(codec="utf-8")), max_size=40).map("".join)


def test_the_tokens_of_a_saved_query():
    text = ('PREFIX eli: <http://data.europa.eu/eli/ontology#>  # the ELI ontology\n'
            'SELECT ?doc WHERE { ?doc eli:id_local "41/NQ-HĐND" ; eli:date_document ?d } ORDER BY DESC(?d) LIMIT 10')
    tokens, code = code_tokens(text)
    kinds = [(tokens[i][0], tokens[i][1]) for i in code]
    assert kinds[:3] == [("name", "PREFIX"), ("name", "eli:"), ("iri", "<http://data.europa.eu/eli/ontology#>")]
    assert ("string", '"41/NQ-HĐND"') in kinds and ("var", "?doc") in kinds and ("number", "10") in kinds
    assert ("comment", "# the ELI ontology") in [(k, t) for k, t, _, _ in tokens]
    assert all(tokens[i][0] not in ("comment", "space") for i in code)


@given(SPARQL_ISH)
@example('SELECT * { ?s ?p "unclosed }')
@example("'''a\n'b''' # }")
def test_the_tokens_cover_the_text_exactly_in_order(text):
    tokens, code = code_tokens(text)
    assert "".join(t for _, t, _, _ in tokens) == text
    assert all(text[s:e] == t for _, t, s, e in tokens)
    assert all(a[3] == b[2] for a, b in zip(tokens, tokens[1:]))
    assert code == sorted(code) and all(tokens[i][0] not in ("comment", "space") for i in code)


@given(st.text(st.characters(codec="utf-8", exclude_characters='"\\\n'), max_size=30))
@example("} ORDER BY ?x WHERE {")
def test_a_keyword_inside_a_string_or_comment_is_not_code(inner):
    text = f'SELECT ?x WHERE {{ ?x ?p "{inner}" }} # {inner}'
    tokens, code = code_tokens(text)
    assert [tokens[i][1] for i in code].count("{") == 1
    assert ("string", f'"{inner}"') in [(k, t) for k, t, _, _ in tokens]
    assert tokens[-1][:2] == ("comment", f"# {inner}")
