"""A source whose graph breaks a shape is quarantined; the rest of the corpus is released."""

import shutil

import pytest

from lskg.paths import Paths
from lskg.pipeline import BuildFailed, build
from lskg.store.embedded import open_release

GOOD = ("Thực hiện Nghị quyết số 11-NQ/TW ngày 10/02/2022 của Bộ Chính trị, Ban Chấp hành Đảng bộ tỉnh "
        "đã ban hành Chương trình hành động số 52-CTr/TU, ngày 27/10/2022.")
BAD = "Nghị quyết số 96/NQ-CP ngày 01/8/2022 của Chính phủ."
# a rule the second file breaks: it stands for any real violation a new document's graph may have
EXTRA_SHAPE = """
lskg:NoBadFileShape a sh:NodeShape ;
    sh:targetClass lskg:SourceDocument ;
    sh:property [ sh:path lskg:fileName ; sh:pattern "^(?!bad)" ;
        sh:message "tên tệp bị cấm"@vi , "a forbidden file name"@en ] .
"""


@pytest.fixture
def project(tmp_path):
    """The project's data with one more shape."""
    real = Paths.default()
    root = tmp_path / "project"
    shutil.copytree(real.root / "ontology", root / "ontology")
    (root / "data").mkdir()
    (root / "data" / "reference").symlink_to(real.root / "data" / "reference")
    (root / "queries").symlink_to(real.queries)
    with (root / "ontology" / "shapes.ttl").open("a", encoding="utf-8") as fh:
        fh.write(EXTRA_SHAPE)
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "good.txt").write_text(GOOD, encoding="utf-8")
    (sources / "bad.txt").write_text(BAD, encoding="utf-8")
    return Paths(root), sources


def test_a_source_with_a_violation_is_left_out_and_listed(project, tmp_path):
    paths, sources = project
    result = build(sources, tmp_path / "build", paths, registry_path=tmp_path / "iris.tsv")
    (entry,) = result.summary["quarantined"]
    assert entry["file"] == "bad.txt"
    assert [v["message_en"] for v in entry["violations"]] == ["a forbidden file name"]
    assert result.summary["validation"]["violations"] == 0 and result.summary["validation"]["quarantined"] == 1
    store = open_release(tmp_path / "build")
    numbers = {r["n"].value for r in store.query(
        "SELECT ?n WHERE { ?d <http://data.europa.eu/eli/ontology#id_local> ?n }").rows}
    assert numbers == {"11-NQ/TW", "52-CTr/TU"}  # good.txt is served, 96/NQ-CP of bad.txt is not
    assert store.release.validation["quarantined"][0]["file"] == "bad.txt"


def test_strict_fails_the_whole_build(project, tmp_path):
    paths, sources = project
    with pytest.raises(BuildFailed, match="1 violation"):
        build(sources, tmp_path / "build", paths, registry_path=tmp_path / "iris.tsv", strict=True)
    assert not (tmp_path / "build" / "current").exists()


def test_the_validation_page_lists_quarantined_sources(project, tmp_path):
    from lskg.web import create_app

    paths, sources = project
    build(sources, tmp_path / "build", paths, registry_path=tmp_path / "iris.tsv")
    client = create_app({"LSKG_BUILD_DIR": str(tmp_path / "build"), "TESTING": True}).test_client()
    vi = client.get("/validation").get_data(as_text=True)
    assert "Nguồn bị cách ly" in vi and "bad.txt" in vi and "tên tệp bị cấm" in vi
    en = client.get("/validation?lang=en").get_data(as_text=True)
    assert "Quarantined sources" in en and "a forbidden file name" in en
