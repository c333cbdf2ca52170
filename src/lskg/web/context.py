"""What every page needs from the release it serves: labels, the summary and the SHACL report
(indexed once at start-up), and a memory of markup made from them (`remember`)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, TypeVar
from urllib.parse import urlsplit

from flask import Flask, current_app

from ..queries import Catalogue
from ..store.base import GraphStore, Term
from ..store.sized import SizedMemo
from .i18n import current_lang, date_text, number
from ..vocab import BASE, FOAF, ID, RDFS, SKOS, SPARQL_PROLOGUE

_LABELS = SPARQL_PROLOGUE + """
SELECT ?s ?p ?label WHERE {
  VALUES ?p { skos:prefLabel rdfs:label foaf:name }
  ?s ?p ?label . FILTER (isLiteral(?label))
}"""
# what `remember` may hold in all, and for one entry (a cell of a 2 000-character IRI is about 5 KB)
MEMO_BYTES = 16 * 1024 * 1024
MEMO_ENTRY_BYTES = 16 * 1024
MAX_LINK_CHARS = 4096  # a foreign IRI longer than this is not made a link
T = TypeVar("T")

_PRIORITY = {str(SKOS.prefLabel): 0, str(FOAF.name): 1, str(RDFS.label): 2}


@dataclass
class SiteContext:
    store: GraphStore
    catalogue: Catalogue
    summary: dict
    validation: dict
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    memo: SizedMemo = field(default_factory=lambda: SizedMemo(MEMO_BYTES, MEMO_ENTRY_BYTES))  # what `remember` keeps
    # the summary's sources by key and the SHACL results by focus node: a release of 10 000 reports
    # lists 10 000 sources, and every entity page looks up a few
    sources_by_key: dict[str, dict] = field(init=False)
    results_by_focus: dict[str, list[dict]] = field(init=False)

    def __post_init__(self) -> None:
        self.sources_by_key = {s.get("key"): s for s in self.summary.get("sources", [])}
        by_focus = defaultdict(list)
        for result in self.validation.get("results", []):
            by_focus[result.get("focus")].append(result)
        self.results_by_focus = dict(by_focus)

    @classmethod
    def load(cls, store, catalogue: Catalogue) -> "SiteContext":
        """The release's summary and SHACL report come with the store (`GraphStore.release`): from
        the build folder for the embedded store, from the release graph for a remote one."""
        site = cls(store, catalogue, store.release.summary, store.release.validation)
        ranked: dict[str, dict[str, tuple[int, str]]] = {}
        for row in store.query(_LABELS).rows:
            s, p, lab = row["s"].value, row["p"].value, row["label"]
            lang = (lab.language or "").split("-")[0] or "und"
            rank = _PRIORITY.get(p, 9)
            best = ranked.setdefault(s, {}).get(lang)
            if best is None or (rank, lab.value) < best:
                ranked[s][lang] = (rank, lab.value)
        site.labels = {s: {lang: v for lang, (_r, v) in by_lang.items()} for s, by_lang in ranked.items()}
        return site

    def remember(self, key: tuple, make: Callable[[], T]) -> T:
        """`make()`, once per release: markup that depends only on the release's labels and the
        language (an IRI's link or cell, a form's sorted choices) is the same on every page, and
        the same few IRIs fill long pages. The memory is bounded in bytes (MEMO_BYTES; past it,
        it starts again) and an entry over MEMO_ENTRY_BYTES is made each time, not kept: a query's
        results can hold IRIs of any length. Two threads may make the same entry at once, which
        costs time, never a wrong answer."""
        return self.memo.get(key, make)

    # -- labels and links ---------------------------------------------------------------
    def label(self, iri: str, lang: str = "vi") -> str:
        """Vietnamese first (English with ?lang=en), then the other language, then the IRI tail."""
        by_lang = self.labels.get(iri, {})
        other = "en" if lang == "vi" else "vi"
        return by_lang.get(lang) or by_lang.get(other) or by_lang.get("und") or _tail(iri)

    @staticmethod
    def local_path(iri: str) -> str | None:
        """/id/… for the IRIs we mint, None for anything else."""
        if iri.startswith(str(ID)):
            return "/id/" + iri[len(str(ID)):]
        return None

    @staticmethod
    def def_path(iri: str) -> str | None:
        if iri.startswith(BASE + "def"):
            return "/def" + iri[len(BASE + "def"):]
        return None

    def href(self, iri: str) -> str | None:
        """Where a link to `iri` goes: our own page, or the IRI itself if it is http(s); never
        javascript:, data: or anything else a hostile graph could carry."""
        own = self.local_path(iri) or self.def_path(iri)
        if own:
            return own
        if iri.startswith(BASE):
            return "/resource?iri=" + _quote(iri)
        if len(iri) > MAX_LINK_CHARS:  # shown as text: urlsplit keeps what it splits (128 entries, any size)
            return None
        try:
            scheme = urlsplit(iri).scheme
        except ValueError:  # "https://a]b/": not even a URL, so not a link
            return None
        return iri if scheme in ("http", "https") else None

    # -- formats ---------------------------------------------------------------------------
    def install_template_helpers(self, app: Flask) -> None:
        app.jinja_env.globals.update(site=self, lang=current_lang, term_text=term_text)


def current_site() -> SiteContext:
    return current_app.extensions["lskg"]


def _tail(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/#"))[-1] or iri


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")


_NUMERIC = {"integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger"}


def term_text(term: Term | None, lang: str = "vi") -> str:
    """A literal as people read it: numbers and dates in the page's locale (Babel's vi or en)."""
    if term is None:
        return ""
    if term.kind != "literal":
        return term.value
    dtype = (term.datatype or "").rsplit("#", 1)[-1]
    if dtype in _NUMERIC:
        return number(term.value, lang)
    if dtype == "date":
        return date_text(term.value, lang)
    return term.value
