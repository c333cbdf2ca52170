"""A release's dumps (store.dumps) and the vocabulary's own links (graph.reference.define_terms)."""

from __future__ import annotations

import gzip
import hashlib
import shutil

from rdflib import URIRef
from rdflib.namespace import RDFS

from lskg.store.dumps import read_dumps, write_dumps
from lskg.vocab import IND, LSKG

ONTOLOGY = URIRef("https://w3id.org/lskg/def")


def test_build_writes_dumps_that_hold_the_release(build_result):
    release, version = build_result.release, build_result.summary["graph_version"]
    dumps = read_dumps(release, version)
    assert [(d.fmt, d.name) for d in dumps] == [("nquads", f"lskg-{version}.nq.gz"), ("trig", f"lskg-{version}.trig.gz")]
    nquads = dumps[0]
    assert hashlib.sha256(nquads.path.read_bytes()).hexdigest() == nquads.sha256
    assert gzip.decompress(nquads.path.read_bytes()) == (release / "dataset.nq").read_bytes()
    assert read_dumps(release, "000000000000") == []  # named by the release's version only


def test_dumps_written_again_are_the_same_bytes(build_result, tmp_path):
    """No time or file name in the gzip header: a checksum published once stays true."""
    release, version = build_result.release, build_result.summary["graph_version"]
    for name in ("dataset.nq", "lskg.trig"):
        shutil.copy(release / name, tmp_path / name)
    again = write_dumps(tmp_path, version)
    assert [(d.sha256, d.size) for d in again] == [(d.sha256, d.size) for d in read_dumps(release, version)]
    assert not [p for p in (tmp_path / "dumps").iterdir() if p.name.startswith(".")]  # no partial file left


def test_vocabulary_terms_are_defined_by_their_document(reference_graph):
    assert (LSKG.InvestmentProject, RDFS.isDefinedBy, ONTOLOGY) in reference_graph
    assert (LSKG.investmentForm, RDFS.isDefinedBy, ONTOLOGY) in reference_graph
    # a code list's concept has its own document (/def/indicator/…), not the ontology's
    assert (IND["grdp-growth"], RDFS.isDefinedBy, None) not in reference_graph
