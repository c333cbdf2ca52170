"""graph/iris.py: every IRI of the graph is minted here, documents through the IRI registry."""

from rdflib import URIRef

from lskg.extract.model import DocumentKey
from lskg.graph.iris import Minter, Registry
from lskg.vocab import ID

HDND = "org/hdnd-tinh-lang-son"


def minter(tmp_path=None):
    return Minter(Registry.load(tmp_path / "iris.tsv" if tmp_path else None), {HDND: "tinh-lang-son"})


def test_documents_of_the_corpus_get_their_symbols_iris():
    m = minter()
    assert m.document(DocumentKey("nq", "11-NQ/TW", "org/bo-chinh-tri", 2022), "2022-02-10") == \
        ID["legal/vn/2022/nq-11-tw"]
    assert m.document(DocumentKey("qd", "236/QĐ-TTg", "org/thu-tuong-chinh-phu", 2024), "2024-03-19") == \
        ID["legal/vn/2024/qd-236-ttg"]
    # a provincial council's resolution is scoped to its province
    assert m.document(DocumentKey("nq", "41/NQ-HĐND", HDND, 2022), "2022-12-30") == \
        ID["legal/tinh-lang-son/2022/nq-41-hdnd"]
    # a bare number stays with the source that cites it
    assert m.document(DocumentKey("nq", "98", None, None), None, within="004_08bffe02da026834") == \
        ID["legal/vn/undated/nq-98-x-004_08bf"]


def test_two_documents_with_one_symbol_are_told_apart_by_date_then_by_number(tmp_path):
    m = minter(tmp_path)
    first = m.document(DocumentKey("nq", "11-NQ/TW", "org/bo-chinh-tri", 2022), "2022-02-10")
    assert m.document(DocumentKey("nq", "11-NQ/TW", "org/bo-chinh-tri", 2022), "2022-02-10") == first
    # Party numbers restart with each term: another issuer's 11-NQ/TW of 2022 takes its date
    other = m.document(DocumentKey("nq", "11-NQ/TW", "org/tinh-uy-lang-son", 2022), "2022-05-04")
    assert other == ID["legal/vn/2022/nq-11-tw-0504"]
    third = m.document(DocumentKey("nq", "11-NQ/TW", "org/dang-uy-khoi", 2022), "2022-05-04")
    assert third == ID["legal/vn/2022/nq-11-tw-0504-2"]
    m.registry.save()
    again = Registry.load(tmp_path / "iris.tsv")
    assert set(again.entries.values()) == {str(first), str(other), str(third)}
    assert Minter(again, {HDND: "tinh-lang-son"}).document(
        DocumentKey("nq", "11-NQ/TW", "org/tinh-uy-lang-son", 2022), "2022-05-04") == other


def test_provenance_iris_are_paths_of_the_source():
    key = "004_08bffe02da026834"
    segment = Minter.segment(key, 120, 245)
    assert segment == ID[f"source/{key}/char/120-245"]
    assert Minter.selector(segment, "quote") == ID[f"source/{key}/char/120-245#quote"]
    assert Minter.mention(key, 5, 13) == ID[f"mention/{key}/5-13"]
    assert Minter.dataset(key) == ID[f"dataset/src-{key}"]
    assert minter().term("project/cao-toc-huu-nghi-chi-lang") == ID["project/cao-toc-huu-nghi-chi-lang"]
    assert minter().term("https://w3id.org/lskg/def/unit/vnd") == URIRef("https://w3id.org/lskg/def/unit/vnd")
