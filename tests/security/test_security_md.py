"""Point 8: SECURITY.md names, for each guarantee, the tests that prove it; those tests must exist."""

from __future__ import annotations

import re

from .conftest import ROOT

DOC = (ROOT / "SECURITY.md").read_text(encoding="utf-8")


def defined_tests() -> set[str]:
    names = set()
    for path in (ROOT / "tests").rglob("test_*.py"):
        names |= set(re.findall(r"^(?:async )?def (test_\w+)", path.read_text(encoding="utf-8"), re.M))
    return names


def test_every_guarantee_has_a_section():
    headings = re.findall(r"^## (\d)\. ", DOC, re.M)
    assert headings == [str(n) for n in range(1, 10)]


def test_every_named_test_exists():
    named = set(re.findall(r"`(?:[\w/]+\.py::)?(test_\w+)`", DOC))
    assert len(named) > 60
    missing = named - defined_tests()
    assert not missing, f"SECURITY.md names tests that do not exist: {sorted(missing)}"


def test_every_named_file_exists():
    paths = set(re.findall(r"`((?:src|tests)/[\w/.-]+?\.(?:py|md))(?:::\w+)?`", DOC))
    assert paths
    missing = [p for p in paths if not (ROOT / p).exists()]
    assert not missing, missing


def test_every_security_test_file_is_cited():
    cited = set(re.findall(r"tests/security/(test_\w+\.py)", DOC))
    present = {p.name for p in (ROOT / "tests" / "security").glob("test_*.py")} - {"test_security_md.py"}
    assert present <= cited, present - cited
