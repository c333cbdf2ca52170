"""Point 4: saved-query parameters are typed, validated (400 with a message) and bound as RDF terms.

The catalogue here (tests/security/queries) has one query per parameter type: an IRI in our
namespace, a plain string, a literal with a language, an integer, a date and an enumerated choice,
run over the real corpus. Classic injections either fail validation (400, a message, no traceback)
or are one literal that matches nothing: never more rows, never an error page, never a change to
another value's result or to the store.
"""

from __future__ import annotations

import csv
import io
import unicodedata

import pytest

from lskg.queries import Parameter, ParameterError
from lskg.web import create_app

from .conftest import TEST_QUERIES, assert_no_leak, close

NQ41 = "https://w3id.org/lskg/id/legal/tinh-lang-son/2022/nq-41-hdnd"
INJECTIONS = [
    'x" || true || "',
    '41/NQ-HĐND" || true || "',
    "x' || true || '",
    '<x> } ; DROP ALL ; {',
    '"} UNION { ?doc ?p ?number } #',
    '") } UNION { ?s ?p ?o } #',
    '41/NQ-HĐND"@vi . ?doc ?p ?o . FILTER("a"="a',
    "https://w3id.org/lskg/id/legal/x> ?p ?o } UNION { ?doc ?q <x",
    "https://w3id.org/lskg/id/legal/> } SERVICE <http://127.0.0.1:9/> { ?a ?b ?c",
    "1 || 1=1",
    "1) } ; CLEAR ALL ; SELECT * { (1",
    "2022-12-30\"^^<http://www.w3.org/2001/XMLSchema#date> || true || \"",
    "vk:actual> || true || <x",
    "\\u0022) || true || (\\u0022",
    "x\n} ; DROP ALL ; {\n",
]
# the baseline of each query: (query, parameter, a good value, its row count)
BASELINES = [
    ("typed-iri", "doc", NQ41, 1),
    ("typed-string", "number", "41/NQ-HĐND", 1),
    ("typed-label", "label", "Nghị quyết", 1),
    ("typed-year", "year", "2022", 7),
    ("typed-date", "date", "2022-12-30", 1),
    ("typed-kind", "kind", "vk:estimate", 190),
]
LITERAL_TYPES = {"typed-string", "typed-label"}  # any text is a valid value: it must match nothing


@pytest.fixture(scope="module")
def typed_app(build_result):
    app = create_app({"LSKG_BUILD_DIR": str(build_result.release.parent.parent),
                      "LSKG_QUERIES_DIR": str(TEST_QUERIES)})
    yield app
    close(app)


@pytest.fixture()
def typed(typed_app):
    return typed_app.test_client()


def rows(client, name: str, **params) -> list[dict]:
    r = client.get(f"/queries/{name}.json", query_string=params)
    assert r.status_code == 200, (name, params, r.get_data(as_text=True))
    return r.get_json()["rows"]


def triples(client) -> int:
    return client.get("/-/health").get_json()["triples"]


@pytest.mark.parametrize("name, param, good, count", BASELINES)
def test_a_good_value_selects_what_it_names(typed, name, param, good, count):
    assert len(rows(typed, name, **{param: good})) == count
    assert len(rows(typed, name, **{param: good})) < len(rows(typed, name)) or name == "typed-year"


@pytest.mark.parametrize("name, param, good, count", BASELINES)
@pytest.mark.parametrize("injection", INJECTIONS)
def test_injection_returns_nothing_more(typed, name, param, good, count, injection):
    before = triples(typed)
    for suffix in ("", ".json", ".csv"):
        r = typed.get(f"/queries/{name}{suffix}", query_string={param: injection})
        body = r.get_data(as_text=True)
        assert r.status_code in (200, 400), (r.status_code, body[:300])
        assert_no_leak(body)
        if r.status_code == 400:
            assert name not in LITERAL_TYPES  # text is a valid string or label: it is bound, not refused
            assert param in body and "parameter" in body  # a message that names what is wrong
        elif suffix == ".json":
            assert r.get_json()["rows"] == []  # one literal, equal to nothing in the graph
        elif suffix == ".csv":
            assert len(list(csv.reader(io.StringIO(body)))) == 1  # the header alone
    assert triples(typed) == before
    assert len(rows(typed, name, **{param: good})) == count  # another value's result is unchanged


@pytest.mark.parametrize("name, param, bad, says", [
    ("typed-iri", "doc", "https://example.org/elsewhere", "is not in"),
    ("typed-iri", "doc", "not an iri", "is not an IRI"),
    ("typed-iri", "doc", "javascript:alert(1)", "is not an IRI"),
    ("typed-iri", "doc", "file:///etc/passwd", "is not an IRI"),
    ("typed-iri", "doc", "https://w3id.org/lskg/id/legal/%zz", "is not an IRI"),
    ("typed-iri", "doc", "https://w3id.org/lskg/id/legal/a[1]", "is not an IRI"),
    ("typed-year", "year", "2022 || true", "is not an integer"),
    ("typed-year", "year", "9" * 5000, "longer than 500"),
    ("typed-year", "year", "1e3", "is not an integer"),
    ("typed-date", "date", "2022-02-30", "is not a date"),
    ("typed-date", "date", "2022-12-30\" || true || \"", "is not a date"),
    ("typed-kind", "kind", "vk:projection", "is not one of"),
    ("typed-kind", "kind", "vk:actual> || true || <x", "is not one of"),
])
def test_invalid_values_are_400_with_a_message(typed, name, param, bad, says):
    for suffix in ("", ".json", ".csv"):
        r = typed.get(f"/queries/{name}{suffix}", query_string={param: bad})
        body = r.get_data(as_text=True)
        assert r.status_code == 400 and says in body, body[:400]
        assert_no_leak(body)


def test_unknown_parameters_are_400(typed):
    r = typed.get("/queries/typed-iri.json", query_string={"doc": NQ41, "extra": "1"})
    assert r.status_code == 400 and "extra" in r.get_json()["error"]


def test_injection_in_the_html_page_is_escaped_and_kept_in_the_form(typed):
    value = 'x" onfocus="alert(1)" autofocus="'
    html = typed.get("/queries/typed-string", query_string={"number": value}).get_data(as_text=True)
    assert 'onfocus="alert(1)"' not in html
    assert 'value="x&#34; onfocus=&#34;alert(1)&#34; autofocus=&#34;"' in html
    r = typed.get("/queries/typed-iri", query_string={"doc": value})
    assert r.status_code == 400 and 'onfocus="alert(1)"' not in r.get_data(as_text=True)


def test_nfd_and_nfc_values_give_the_same_rows(typed):
    nfc = "Nghị quyết"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    assert rows(typed, "typed-label", label=nfd) == rows(typed, "typed-label", label=nfc) != []
    assert rows(typed, "typed-string", number=unicodedata.normalize("NFD", "41/NQ-HĐND")) == \
        rows(typed, "typed-string", number="41/NQ-HĐND") != []


def test_the_editor_link_carries_the_value_as_one_escaped_literal(typed):
    """The page links to the SPARQL editor with the bound values as a VALUES row: the injected
    text must stay one literal there too (Term.n3 escapes quotes, backslashes and line breaks)."""
    from urllib.parse import parse_qs, urlsplit

    value = 'x" || true || "\\ \n'
    html = typed.get("/queries/typed-string", query_string={"number": value}).get_data(as_text=True)
    href = html.split('Mở trong trình soạn SPARQL', 1)[0].rsplit('<a href="', 1)[1].split('"', 1)[0]
    query = parse_qs(urlsplit(href.replace("&amp;", "&")).query)["query"][0]
    assert 'VALUES (?number) { ("x\\" || true || \\"\\\\") }' in query
    r = typed.get("/sparql", query_string={"query": query, "format": "json"})
    assert r.status_code == 200 and r.get_json()["results"]["bindings"] == []


# -- the binding itself ----------------------------------------------------------------------------

@pytest.mark.parametrize("ptype, raw, kind, value, extra", [
    ("string", 'x" || true || "', "literal", 'x" || true || "', "http://www.w3.org/2001/XMLSchema#string"),
    ("langstring", "<x> } ; DROP ALL ; {", "literal", "<x> } ; DROP ALL ; {", "vi"),
    ("integer", "+0042", "literal", "42", "http://www.w3.org/2001/XMLSchema#integer"),
    ("date", "2024-02-29", "literal", "2024-02-29", "http://www.w3.org/2001/XMLSchema#date"),
    ("iri", "ind:grdp-growth", "iri", "https://w3id.org/lskg/def/indicator/grdp-growth", None),
])
def test_values_become_rdf_terms(ptype, raw, kind, value, extra):
    p = Parameter("p", ptype, namespace="ind:" if ptype == "iri" else None)
    term = p.bind(raw)
    assert (term.kind, term.value) == (kind, value)
    assert extra in (term.datatype, term.language)


@pytest.mark.parametrize("ptype, raw", [
    ("integer", "1; DROP ALL"), ("integer", "0x10"), ("integer", "١٢"), ("decimal", "1.5e3"), ("date", "2024-13-01"),
    ("date", "yesterday"), ("iri", "<https://w3id.org/lskg/x>"), ("iri", "https://w3id.org/lskg/a b"),
    ("iri", 'https://w3id.org/lskg/a"b'), ("iri", "https://w3id.org/lskg/\ufffd"), ("choice", "c"),
])
def test_invalid_values_raise_parameter_error(ptype, raw):
    p = Parameter("p", ptype, choices=["a", "b"])
    with pytest.raises(ParameterError):
        p.bind(raw)
