"""A document of the genre that the rules never saw, built end to end.

tests/fixtures/bao-cao-moi.txt was written for this test: other wording than the corpus
("tỉ đồng", "nghìn lượt", a range "8 - 9%", a fall "giảm 3,2%", references without "số",
a normative HĐND resolution, a new industrial park). Nothing in data/reference names it.
"""

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from lskg.vocab import ID

FIXTURE = Path(__file__).parent / "fixtures" / "bao-cao-moi.txt"


@pytest.fixture(scope="module")
def new_build(paths, tmp_path_factory):
    from lskg.pipeline import build
    from lskg.store import open_release

    src = tmp_path_factory.mktemp("new-sources")
    shutil.copy(FIXTURE, src)
    out = tmp_path_factory.mktemp("new-build")
    result = build(src, out, paths, registry_path=out / "iris.tsv")
    return result, open_release(out)


def rows(store, query):
    return [{k: v.value for k, v in r.items()} for r in store.query(query).rows]


PREFIXES = """PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX lskg: <https://w3id.org/lskg/def#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>
PREFIX sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX qb: <http://purl.org/linked-data/cube#>
"""


def test_documents(new_build):
    _result, store = new_build
    docs = {r["n"]: r for r in rows(store, PREFIXES + """SELECT DISTINCT ?n ?d ?i ?t WHERE {
        ?doc eli:id_local ?n ; eli:date_document ?d ; eli:passed_by ?i ; eli:type_document ?t }""")}
    assert docs["1234/QĐ-UBND"]["d"] == "2025-03-05"
    assert docs["1234/QĐ-UBND"]["i"] == str(ID["org/tinh-lang-son/ubnd"])
    assert docs["21/2025/NQ-HĐND"]["d"] == "2025-07-10"
    assert docs["21/2025/NQ-HĐND"]["i"] == str(ID["org/tinh-lang-son/hdnd"])
    assert docs["21/2025/NQ-HĐND"]["t"].endswith("/doc-type/nq")


def values(store):
    return rows(store, PREFIXES + """SELECT DISTINCT ?ind ?v ?up ?p ?k ?u ?m ?q WHERE {
        ?o a qb:Observation ; lskg:indicator ?ind ; sdmx-measure:obsValue ?v ; lskg:refPeriod ?pp ;
           lskg:valueKind ?k ; sdmx-attribute:unitMeasure ?u ; qb:dataSet ?ds .
        FILTER (?ds != <https://w3id.org/lskg/id/dataset/curated>)
        ?pp rdfs:label ?p . FILTER (LANG(?p) = "en")
        OPTIONAL { ?o lskg:upperBound ?up } OPTIONAL { ?o sdmx-attribute:unitMult ?m }
        OPTIONAL { ?o lskg:valueQualifier ?q } }""")


def find(obs, indicator, **want):
    hits = [o for o in obs if o["ind"].endswith("/indicator/" + indicator)
            and all(o.get(k) == v for k, v in want.items())]
    assert hits, (indicator, want, [o for o in obs if indicator in o["ind"]])
    return hits[0]


def test_values_with_other_wording(new_build):
    obs = values(new_build[1])
    half = "2025-01-01 to 2025-06-30"
    grdp = find(obs, "grdp-growth", p=half)
    assert Decimal(grdp["v"]) == Decimal("7.2") and grdp["k"].endswith("/estimate")
    revenue = find(obs, "budget-revenue", p=half)
    assert Decimal(revenue["v"]) == Decimal("5120.5")  # "tỉ đồng" like "tỷ đồng"
    assert revenue["m"].endswith("unitMult-9") and revenue["u"].endswith("/unit/vnd")
    assert Decimal(find(obs, "budget-revenue--share-of-plan", p=half)["v"]) == 68
    assert Decimal(find(obs, "budget-revenue--decrease", p=half)["v"]) == Decimal("3.2")  # "giảm"
    tourists = find(obs, "tourists", p=half)
    assert Decimal(tourists["v"]) == 2350 and tourists["m"].endswith("unitMult-3")  # nghìn lượt
    target = find(obs, "grdp-growth", p="2025")
    assert target["k"].endswith("/target")
    assert (Decimal(target["v"]), Decimal(target["up"])) == (8, 9)


def test_new_project_is_a_reported_candidate(new_build):
    result, store = new_build
    iri = str(ID["project/khu-cong-nghiep-dong-banh"])
    assert result.summary["candidates"].get(iri) == "Khu công nghiệp Đồng Bành"
    facts = rows(store, PREFIXES + f"""SELECT DISTINCT ?p ?o WHERE {{ <{iri}> ?p ?o }}""")
    props = {(r["p"].rsplit("#", 1)[-1].rsplit("/", 1)[-1], r["o"].rsplit("/", 1)[-1]) for r in facts}
    assert ("projectKind", "industrial-park") in props
    assert ("investmentForm", "ppp") in props
    assert ("projectStatus", "under-construction") in props
    assert ("plannedPeriod", "2025--2027") in props
    obs = values(store)
    investment = [o for o in obs if o["ind"].endswith("/project-total-investment")]
    assert [Decimal(o["v"]) for o in investment] == [Decimal(3150)]
    assert investment[0]["q"].endswith("/approximately") and investment[0]["k"].endswith("/plan")
