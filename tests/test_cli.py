"""The command line: help with examples, clear errors, nothing half-written."""

import json
import shutil
import subprocess
import sys

import pyoxigraph as ox
import pytest

from lskg.cli import format_summary

from .conftest import ROOT, SOURCES

LSKG = [sys.executable, "-m", "lskg.cli"]
COMMANDS = ["build", "validate", "stats", "diff", "export", "query", "serve"]


def lskg(*args, **kw):
    return subprocess.run([*LSKG, *args], capture_output=True, text=True, cwd=ROOT, timeout=300, **kw)


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_explains_with_examples(command):
    out = lskg(*([command] if command else []), "--help")
    assert out.returncode == 0
    assert "example" in out.stdout
    if command is None:
        for c in COMMANDS:
            assert c in out.stdout


@pytest.fixture(scope="module")
def built(build_result):
    """The session's build (tests/conftest.py), read by the commands below through --store; the CLI's
    own build is run on one source (test_empty_file_is_skipped_with_warning), not on the corpus again."""
    return build_result.release.parent.parent


def test_build_prints_summary(build_result):
    """What `lskg build` prints after a build of the corpus (cmd_build prints format_summary)."""
    text = format_summary(build_result.summary)
    assert text.startswith("built") and "from 5 sources" in text
    assert "conflicts between sources:" in text
    assert "Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP), 2021 (actual): 6.67" in text
    assert "unresolved references: 0" in text
    assert "quarantined sources (SHACL violations; left out of this release): 0" in text


def test_query_csv_and_json(built):
    out = built
    res = lskg("query", "legal-documents", "--store", str(out), "--format", "csv")
    assert res.returncode == 0
    header, *lines = res.stdout.splitlines()
    assert header.startswith("document,number,type,typeLabel,date,issuer,issuerLabel,title")
    assert any(",236/QĐ-TTg," in line and ",2024-03-19," in line for line in lines)
    res = lskg("query", "indicator-series", "--store", str(out), "--param", "indicator=ind:grdp-growth",
               "--format", "json")
    data = json.loads(res.stdout)
    assert {"period": "2023", "value": "7.17"}.items() <= next(
        r for r in data["rows"] if r["period"] == "2023" and r["valueKind"] == "actual").items()


def test_query_errors(built):
    out = built
    res = lskg("query", "no-such-query", "--store", str(out))
    assert res.returncode == 2 and "no saved query named 'no-such-query'" in res.stderr
    res = lskg("query", "observations", "--store", str(out), "--param", "indicator=http://evil.example/x")
    assert res.returncode == 2 and "is not in ind:" in res.stderr
    res = lskg("query", "observations", "--store", str(out), "--param", "nonsense")
    assert res.returncode == 2 and "KEY=VALUE" in res.stderr


def test_stats_and_export(built):
    out = built
    res = lskg("stats", "--store", str(out), "--json")
    summary = json.loads(res.stdout)
    assert len(summary["sources"]) == 5
    res = lskg("export", "--store", str(out), "--format", "nquads")
    assert res.returncode == 0 and res.stdout.count("\n") == summary["quads"]


def test_bad_sources_change_nothing(built, tmp_path):
    out = tmp_path / "build"  # a copy: a build that wrongly went ahead would not touch the session's
    shutil.copytree(built, out, symlinks=True)
    before = (out / "current").resolve()
    res = lskg("build", "--sources", str(tmp_path / "missing"), "--output", str(out))
    assert res.returncode == 2 and "does not exist" in res.stderr
    bad = tmp_path / "bad"
    shutil.copytree(SOURCES, bad)
    (bad / "zz.txt").write_bytes(b"T\xe1nh L\xe1ng S\xf6n")  # Latin-1, not UTF-8
    res = lskg("build", "--sources", str(bad), "--output", str(out))
    assert res.returncode == 2
    assert "zz.txt: not valid UTF-8 at byte offset 1" in res.stderr
    assert "previous build is still in place" in res.stderr
    assert (out / "current").resolve() == before


@pytest.fixture(scope="module")
def small_build(tmp_path_factory):
    """`lskg build` on one source (002) and an empty file: the CLI's build, on a small input."""
    tmp = tmp_path_factory.mktemp("cli-small")
    src = tmp / "src"
    src.mkdir()
    shutil.copy(SOURCES / "002_0dad21dd75ee0a8b.txt", src)
    (src / "empty.txt").write_text("")
    res = lskg("build", "--sources", str(src), "--output", str(tmp / "out"), "--quiet",
               "--registry", str(tmp / "iris.tsv"))
    return tmp / "out", res


def test_empty_file_is_skipped_with_warning(small_build):
    _out, res = small_build
    assert res.returncode == 0, res.stderr
    assert "warning: empty.txt: empty file, skipped" in res.stderr
    assert res.stdout.startswith("built") and "from 1 sources" in res.stdout


def test_validate(small_build):
    """`lskg validate` re-reads a release and checks it; the whole corpus's release is checked the
    same way, in this process, by test_build.py::test_lskg_validate_judges_projects_as_the_build_does."""
    out, _ = small_build
    res = lskg("validate", "--store", str(out))
    assert res.returncode == 0 and "SHACL: 0 violations" in res.stdout


def test_export_formats(built):
    # read back with Oxigraph's parsers (rdflib took half a minute over the whole corpus)
    turtle = lskg("export", "--store", str(built), "--format", "turtle").stdout
    triples = {q.triple for q in ox.parse(turtle, ox.RdfFormat.TURTLE)}
    assert len(triples) > 20000
    trig = lskg("export", "--store", str(built), "--format", "trig").stdout
    graphs = {q.graph_name for q in ox.parse(trig, ox.RdfFormat.TRIG)}
    assert len(graphs) >= 7  # reference, curated, five sources
