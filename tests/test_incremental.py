"""Incremental build and release changes (issue 16, items 2 and 3): a build that reuses the build cache
gives, byte for byte, the release a full build gives, and the release records what it changed.

The corpus is data/sources plus three generated reports (benchmarks/scale); the second build adds
tests/fixtures/bao-cao-moi.txt, changes one generated report and removes another."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from benchmarks.scale.corpus import generate_corpus
from lskg import changes
from lskg.cli import main
from lskg.pipeline import build
from lskg.sources import CATALOGUE

from .conftest import ROOT, SOURCES

NEW_REPORT = ROOT / "tests" / "fixtures" / "bao-cao-moi.txt"


def _corpus(folder: Path, generated: Path) -> list[str]:
    """data/sources and the generated reports in one folder with one catalogue; the generated files' names."""
    shutil.copytree(SOURCES, folder)
    with (generated / CATALOGUE).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    with (folder / CATALOGUE).open(encoding="utf-8", newline="") as fh:
        fields = next(csv.reader(fh))
    with (folder / CATALOGUE).open("a", encoding="utf-8", newline="") as fh:
        csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore").writerows(rows)
    for row in rows:
        shutil.copy(generated / row["file"], folder / row["file"])
    return [row["file"] for row in rows]


@pytest.fixture(scope="module")
def releases(paths, tmp_path_factory):
    """(incremental build, full build, its progress) of the second corpus, the first built before."""
    tmp = tmp_path_factory.mktemp("incremental")
    generate_corpus(tmp / "generated", 3, seed=7)
    corpus = tmp / "corpus"
    _kept, changed, removed = _corpus(corpus, tmp / "generated")
    registry = tmp / "iris.tsv"
    shutil.copy(paths.registry, registry)
    out = tmp / "build"
    build(corpus, out, paths, registry_path=registry)
    shutil.copy(registry, tmp / "iris-full.tsv")

    shutil.copy(NEW_REPORT, corpus / NEW_REPORT.name)
    with (corpus / changed).open("a", encoding="utf-8") as fh:
        fh.write("\nGhi chú: số liệu được cập nhật lại.\n")
    (corpus / removed).unlink()
    said: list[str] = []
    incremental = build(corpus, out, paths, registry_path=registry, progress=said.append)
    full = build(corpus, tmp / "full", paths, registry_path=tmp / "iris-full.tsv", full=True)
    return incremental, full, said, (changed, removed), (registry, tmp / "iris-full.tsv")


def _without_timings(summary: dict) -> dict:
    out = {k: v for k, v in summary.items() if k not in ("timings", "seconds", "built_at")}
    out["sources"] = [{k: v for k, v in s.items() if k != "seconds"} for s in summary["sources"]]
    return out


def test_the_incremental_build_is_the_full_build(releases):
    incremental, full, said, (changed, _removed), (registry, registry_full) = releases
    for name in ("dataset.nq", "lskg.trig"):
        assert (incremental.release / name).read_bytes() == (full.release / name).read_bytes(), name
    assert _without_timings(incremental.summary) == _without_timings(full.summary)
    assert registry.read_bytes() == registry_full.read_bytes()
    # 5 texts of data/sources and one generated report reused; the changed report and the new one extracted
    assert "6 of 8 source(s) reused from the build cache, 2 extracted" in said
    extracted = [m.split("] ", 1)[1].removesuffix(": extracting") for m in said if m.endswith(": extracting")]
    assert sorted(extracted) == sorted([changed, NEW_REPORT.name])


def test_the_release_says_what_it_changed(releases):
    incremental, _full, _said, (changed, removed), _registries = releases
    found = changes.read(incremental.release)
    assert [s["file"] for s in found["sources"]["added"]] == [NEW_REPORT.name]
    assert [s["file"] for s in found["sources"]["changed"]] == [changed]
    assert [s["file"] for s in found["sources"]["removed"]] == [removed]
    documents = {d["iri"].rsplit("/id/", 1)[1]: d.get("label") for d in found["documents"]["added_items"]}
    # "HĐND tỉnh đã ban hành Nghị quyết 21/2025/NQ-HĐND ngày 10/7/2025"
    assert documents["legal/tinh-lang-son/2025/nq-21-hdnd"] == "Nghị quyết 21/2025/NQ-HĐND"
    values = {v["iri"].split("/obs/src-", 1)[1].split("/", 1)[1]: v["value"] for v in found["values"]["added_items"]}
    # "GRDP 6 tháng đầu năm 2025 ước đạt 7,2%"
    assert values["grdp-growth/place-tinh-lang-son/2025-01-01--2025-06-30/estimate"] == "7.2"
    assert found["values"]["removed"] > 0  # the removed report's figures
    assert found["previous"] and found["previous"] != found["release"]


def test_lskg_diff_prints_the_changes(releases, capsys):
    incremental = releases[0]
    build_dir = incremental.release.parent.parent
    assert main(["diff", "--store", str(build_dir)]) == 0
    out = capsys.readouterr().out
    assert "sources added: 1\n  bao-cao-moi.txt" in out
    assert "legal/tinh-lang-son/2025/nq-21-hdnd  Nghị quyết 21/2025/NQ-HĐND" in out
    assert main(["diff", "--store", str(build_dir), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["release"] == incremental.release.name
    # the same pair named, backwards: the new report's document is then removed
    old = changes.read(incremental.release)["previous"]
    assert main(["diff", "--store", str(build_dir), incremental.release.name, old]) == 0
    backwards = capsys.readouterr().out
    assert "sources removed: 1\n  bao-cao-moi.txt" in backwards
    assert "documents removed:" in backwards


def test_the_home_page_and_releases_show_the_changes(releases):
    from lskg.web import close_app, create_app

    incremental = releases[0]
    app = create_app({"LSKG_BUILD_DIR": str(incremental.release.parent.parent), "TESTING": True})
    try:
        client = app.test_client()
        home = client.get("/").get_data(as_text=True)
        assert "Bản phát hành mới nhất thay đổi gì" in home
        assert "Nguồn mới (1)" in home and "bao-cao-moi.txt" in home
        assert ">Nghị quyết 21/2025/NQ-HĐND</a>" in home
        assert "Sources added (1)" in client.get("/?lang=en").get_data(as_text=True)
        listed = client.get("/releases?lang=en")
        assert listed.status_code == 200
        page = listed.get_data(as_text=True)
        previous = changes.read(incremental.release)["previous"]
        assert incremental.release.name in page and previous in page
        assert page.index(incremental.release.name) < page.index(previous)  # newest first
        assert "First release: everything is new." in page  # the first build's own record
        assert "Khu công nghiệp Đồng Bành" in page  # "dự án Khu công nghiệp Đồng Bành" in the new report
    finally:
        close_app(app)
