"""Queries that between them reach every parse action of rdflib's SPARQL 1.1 query grammar.

`tests/security/test_guard.py::test_concurrent_first_parses_all_succeed` races threads through them
in a fresh process: pyparsing learns each parse action's arity on its first call, so a rule the
corpus missed would be a rule the race never tested. `parse_actions_never_called` lists the ones
a process has not called yet; the test asserts it is empty after the corpus.
"""

from __future__ import annotations

OWN_GRAPHS = ("http://example.org/g1", "http://example.org/g2")

_PROLOGUE = """BASE <http://example.org/>
PREFIX ex: <http://example.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX : <http://example.org/default#>
"""

_BODIES = [
    # literals: integers, decimals, doubles, signed and unsigned; strings in the four quotings
    'SELECT * WHERE { ?s ?p 1, 1.5, 1e3, 1.5E-2, .5e1, +1, +1.5, +1e3, -1, -1e3, true, false }',
    """SELECT * WHERE { ?s ?p 'a', "b", '''c
d''', \"\"\"e "f" g\"\"\", "h"@vi, "i"@en-GB, "1"^^xsd:integer, "2"^^<http://www.w3.org/2001/XMLSchema#int> }""",
    r'SELECT * WHERE { ?s ?p "esc\t\n\"\\" , ex:a\.b, ex:c%20d, :, ex:, <rel>, _:b1, [], () }',
    # unary and binary operators, arithmetic with negative literals
    'SELECT (-?x AS ?a) (+?x AS ?b) (!?y AS ?c) (?x - -1 AS ?d) (?x*2/3+4-5 AS ?e) (?x-1 AS ?f) (?x -1.5 AS ?g) '
    '(?x -1e2 AS ?h) (?x +1 AS ?i) (?x +1.5 AS ?j) (?x +1e2 AS ?k) WHERE { ?s ex:p ?x , ?y }',
    'SELECT * WHERE { ?s ?p ?o FILTER(?o = 1 || ?o != 2 && ?o < 3 || ?o > 4 && ?o <= 5 || ?o >= 6) '
    'FILTER(?o IN (1, 2) || ?o NOT IN (3, 4) || ?o IN ()) }',
    # every builtin function, REGEX/SUBSTR/REPLACE with their optional argument
    'SELECT (REPLACE("abc", "b", "x", "i") AS ?r4) (REPLACE(?o, "b", "x") AS ?r3) (REGEX(?o, "a", "i") AS ?g3) '
    '(REGEX(?o, "a") AS ?g2) (SUBSTR(?o, 1, 2) AS ?s3) (SUBSTR(?o, 2) AS ?s2) WHERE { ?s ?p ?o }',
    'SELECT (STR(?o) AS ?a) (LANG(?o) AS ?b) (LANGMATCHES(LANG(?o), "*") AS ?c) (DATATYPE(?o) AS ?d) '
    '(BOUND(?o) AS ?e) (IRI("x") AS ?f) (URI("y") AS ?g) (BNODE() AS ?h) (BNODE("z") AS ?i) (RAND() AS ?j) '
    '(ABS(-1) AS ?k) (CEIL(1.5) AS ?l) (FLOOR(1.5) AS ?m) (ROUND(1.5) AS ?n) WHERE { ?s ?p ?o }',
    'SELECT (CONCAT("a", ?o, "c") AS ?a) (CONCAT() AS ?a0) (STRLEN(?o) AS ?b) (UCASE(?o) AS ?c) (LCASE(?o) AS ?d) '
    '(ENCODE_FOR_URI(?o) AS ?e) (CONTAINS(?o, "a") AS ?f) (STRSTARTS(?o, "a") AS ?g) (STRENDS(?o, "a") AS ?h) '
    '(STRBEFORE(?o, "a") AS ?i) (STRAFTER(?o, "a") AS ?j) WHERE { ?s ?p ?o }',
    'SELECT (YEAR(?d) AS ?a) (MONTH(?d) AS ?b) (DAY(?d) AS ?c) (HOURS(?d) AS ?e) (MINUTES(?d) AS ?f) '
    '(SECONDS(?d) AS ?g) (TIMEZONE(?d) AS ?h) (TZ(?d) AS ?i) (NOW() AS ?j) (UUID() AS ?k) (STRUUID() AS ?l) '
    'WHERE { ?s ?p ?d }',
    'SELECT (MD5(?o) AS ?a) (SHA1(?o) AS ?b) (SHA256(?o) AS ?c) (SHA384(?o) AS ?d) (SHA512(?o) AS ?e) '
    '(COALESCE(?x, ?o, 1) AS ?f) (IF(?o, 1, 2) AS ?g) (STRLANG("a", "vi") AS ?h) (STRDT("1", xsd:integer) AS ?i) '
    '(sameTerm(?o, ?s) AS ?j) (isIRI(?o) AS ?k) (isURI(?o) AS ?l) (isBLANK(?o) AS ?m) (isLITERAL(?o) AS ?n) '
    '(isNUMERIC(?o) AS ?q) WHERE { ?s ?p ?o }',
    'SELECT (xsd:integer(?o) AS ?a) (<http://example.org/f>(?o, 1) AS ?b) (ex:g() AS ?c) (ex:h(DISTINCT ?o) AS ?d) '
    'WHERE { ?s ?p ?o FILTER EXISTS { ?s ?p 1 } FILTER NOT EXISTS { ?s ?p 2 } FILTER(EXISTS { ?o ?p ?s }) '
    'FILTER ex:f(?o) FILTER REGEX(?o, "x") FILTER(!BOUND(?x)) }',
    # aggregates, grouping, having, ordering, slicing
    'SELECT ?s (COUNT(*) AS ?a) (COUNT(DISTINCT ?o) AS ?b) (COUNT(?o) AS ?b2) (SUM(?o) AS ?c) '
    '(SUM(DISTINCT ?o) AS ?c2) (MIN(?o) AS ?d) (MAX(?o) AS ?e) (AVG(?o) AS ?f) (SAMPLE(?o) AS ?g) '
    '(GROUP_CONCAT(?o) AS ?h) (GROUP_CONCAT(DISTINCT ?o; SEPARATOR=", ") AS ?i) WHERE { ?s ?p ?o } '
    'GROUP BY ?s STR(?p) (LCASE(?o) AS ?l) HAVING (COUNT(*) > 1) (SUM(?o) < 9) '
    'ORDER BY ?s DESC(?a) ASC(?b) STR(?c) (?d + 1) LIMIT 10 OFFSET 5',
    'SELECT DISTINCT ?s WHERE { ?s ?p ?o } OFFSET 1 LIMIT 2',
    'SELECT REDUCED $s WHERE { $s ?p ?o }',
    # graph patterns
    'SELECT * WHERE { ?s ?p ?o OPTIONAL { ?s ex:q ?q } { ?s ex:a ?a } UNION { ?s ex:b ?b } UNION { ?s ex:c ?c } '
    'MINUS { ?s ex:d ?d } GRAPH ?g { ?s ?p ?o } GRAPH ex:g1 { ?s ?p ?o } GRAPH <http://example.org/g2> {} '
    'BIND (?o + 1 AS ?o1) FILTER(?o1 > 0) . ?s ex:e ?e . }',
    'SELECT * WHERE { VALUES ?x { 1 "a" ex:b <http://example.org/c> UNDEF } VALUES (?y ?z) { (1 2) (UNDEF "x") () } '
    'VALUES () { () } ?x ?p ?y }',
    'SELECT * WHERE { ?s ?p ?o } VALUES (?s ?o) { (ex:a 1) (UNDEF -2) }',
    'SELECT * WHERE { ?s ?p ?o } VALUES ?s { ex:a }',
    'SELECT * WHERE { { SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s } '
    '{ SELECT * { ?s ?p ?o } VALUES ?o { 1 } } }',
    # triples: predicate and object lists, blank-node property lists, collections, `a`
    'SELECT * WHERE { ?s a ex:T ; ex:p ?o , ?o2 ; ex:q [ ex:r ?r ; ex:t [ ex:u 1 ] ] ; . '
    '[ ex:p ?x ] ex:q ?y . [ ex:p ?z ] . (1 ?x (2 3)) ex:p ( ) . ?s ex:list (1 [ex:v 2] "3") }',
    # property paths: sequence, alternative, inverse, modifiers, negated sets, groups
    'SELECT * WHERE { ?s ex:p/ex:q|ex:r ?o . ?s ^ex:p ?o . ?s ex:p* ?o . ?s ex:p+ ?o . ?s ex:p? ?o . '
    '?s !ex:p ?o . ?s !(ex:p|^ex:q|a) ?o . ?s !^ex:p ?o . ?s (ex:p/ex:q)* ?o . ?s a/ex:p ?o . '
    '?s ex:p/^ex:q ?o ; ex:r+ [ ex:s* ?t ] . ?s ?v ?o . ?s ex:p|^a ?o . ?s !() ?o . '
    '[ ex:p/ex:q ?x ] ex:r ?y . (?a ?b) ex:p/ex:q ?c . ?s DISTINCT(ex:p/ex:q) ?o }',
    # the other query forms
    'ASK { ?s ?p ?o }',
    'ASK WHERE { ?s ?p ?o FILTER(?o = -1) }',
    'CONSTRUCT { ?s ex:p ?o ; ex:q [ ex:r ?o ; ex:t [ ex:u -1 ] ] . [ ex:v 1.5 ] ex:w (1 ?o) . '
    '_:b ex:x -2e1 } WHERE { ?s ?p ?o }',
    'CONSTRUCT WHERE { ?s ?p ?o . ?s ex:q ?q }',
    'CONSTRUCT {} WHERE {} LIMIT 1',
    'DESCRIBE ?s ex:a <http://example.org/b> WHERE { ?s ?p ?o } LIMIT 1',
    'DESCRIBE *',
    'DESCRIBE ex:a',
    # datasets (the store's own graphs)
    'SELECT * FROM <http://example.org/g1> FROM NAMED ex:g2 WHERE { ?s ?p ?o }',
    'ASK FROM <g1> { }',
    'CONSTRUCT { ?s ?p ?o } FROM ex:g1 WHERE { ?s ?p ?o }',
    'CONSTRUCT FROM ex:g1 FROM NAMED ex:g2 WHERE { ?s ?p ?o }',
    'DESCRIBE ?s FROM ex:g1 WHERE { ?s ?p ?o }',
]

QUERIES = tuple(_PROLOGUE + body for body in _BODIES)

# parsed, then refused for their SERVICE
SERVICES = (
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p -1 } }",
    "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT ?endpoint { ?s ?q 1.5e0 } } }",
)

# texts the guard must refuse as Update whatever the interleaving (its parse falls back to the
# Update grammar to tell an Update from a syntax error)
UPDATES = (
    "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }",
    "DELETE WHERE { ?s ?p ?o }",
    "PREFIX ex: <http://example.org/> DELETE { ?s ex:p ?o } INSERT { ?s ex:q -1 } WHERE { ?s ex:p ?o }",
    "LOAD <http://example.org/x> INTO GRAPH <http://example.org/g>",
    "CLEAR ALL ; DROP GRAPH <http://example.org/g> ; CREATE SILENT GRAPH <http://example.org/h>",
    "ADD DEFAULT TO <http://example.org/g> ; MOVE <http://example.org/g> TO DEFAULT ; COPY DEFAULT TO GRAPH <http://example.org/h>",
)


def parse_actions_never_called(root) -> list[str]:
    """The parse actions under grammar element `root` whose arity pyparsing has not learned yet,
    i.e. that were never called in this process (read from `_trim_arity`'s closure)."""
    seen: dict[int, object] = {}
    stack = [root]
    while stack:
        element = stack.pop()
        if id(element) in seen:
            continue
        seen[id(element)] = element
        stack.extend(getattr(element, "exprs", None) or [])
        if getattr(element, "expr", None) is not None:
            stack.append(element.expr)
    never = []
    for element in seen.values():
        for action in element.parseAction:
            names = action.__code__.co_freevars
            if "found_arity" in names and not action.__closure__[names.index("found_arity")].cell_contents:
                never.append(f"{element!s} ({action.__name__})")
    return sorted(never)
