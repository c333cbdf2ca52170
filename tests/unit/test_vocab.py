"""Vocabulary terms in one place: prefixes, CURIEs and the wire formats' media types."""

from __future__ import annotations

import re
from pathlib import Path

from lskg import vocab
from lskg.store.base import media_type


def test_curie_uses_the_longest_known_namespace():
    assert vocab.curie("https://w3id.org/lskg/def/indicator/grdp-growth") == "ind:grdp-growth"
    assert vocab.curie("https://w3id.org/lskg/def#conflictsWith") == "lskg:conflictsWith"
    assert vocab.curie("https://w3id.org/lskg/id/project/cao-toc-huu-nghi-chi-lang") == \
        "id:project/cao-toc-huu-nghi-chi-lang"
    assert vocab.curie("https://example.org/x") == "https://example.org/x"
    assert vocab.curie("https://w3id.org/lskg/def#") == "https://w3id.org/lskg/def#"  # a namespace is not a term


def test_the_web_writes_no_prefix_by_hand():
    web = Path(vocab.__file__).parent / "web"
    hand_written = [(path.name, line) for path in web.glob("*.py")
                    for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"\s*PREFIX \w", line)]
    assert hand_written == []


def test_media_types_are_pyoxigraphs():
    assert [media_type(f) for f in ("json", "csv", "turtle", "jsonld", "html")] == [
        "application/sparql-results+json", "text/csv", "text/turtle", "application/ld+json", "text/html"]
