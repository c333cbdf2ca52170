"""The W3C SPARQL test suites, from rdflib's source distribution on PyPI (the installed version's,
which holds them under test/data/suites/w3c): fetched once by pip into a cache folder
($XDG_CACHE_HOME/lskg, else ~/.cache/lskg), only the suites the tests use. Without the network the
tests that need them are skipped, saying so."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from functools import cache
from importlib.metadata import version
from pathlib import Path

import pytest

SUITES = [f"dawg-data-r2/syntax-sparql{i}" for i in range(1, 6)] + [
    "sparql11/syntax-query", "sparql11/syntax-fed", "sparql11/protocol"]


def _cache() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "lskg"


@cache
def w3c_suites() -> Path:
    release = version("rdflib")
    root = _cache() / f"rdflib-{release}-w3c"
    if not all((root / suite / "manifest.ttl").exists() for suite in SUITES):
        download = _cache() / "downloads"
        run = subprocess.run([sys.executable, "-m", "pip", "download", f"rdflib=={release}", "--no-binary", ":all:",
                              "--no-deps", "--quiet", "-d", str(download)], capture_output=True, text=True, timeout=300)
        archive = download / f"rdflib-{release}.tar.gz"
        if run.returncode or not archive.exists():
            pytest.skip(f"the W3C suites come from rdflib's sdist on PyPI, which pip could not fetch: {run.stderr[-300:]}")
        prefix = f"rdflib-{release}/test/data/suites/w3c/"
        with tarfile.open(archive) as tar:
            members = [m for m in tar.getmembers()
                       if m.isfile() and any(m.name.startswith(prefix + s + "/") for s in SUITES)]
            for member in members:
                target = root / member.name[len(prefix):]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(tar.extractfile(member).read())
    return root
