"""Every page of the build in both languages: no English word, code name or raw IRI path on a
Vietnamese page, no Vietnamese on an English page.

What is checked is the page's own text, read with the HTML parser, without what is not the page's
to translate:
- both languages: <head>, scripts, styles, <code>/<pre>/<textarea>/<kbd>, quotations (<blockquote>,
  <q>, <mark>, the source text) and anything marked with another `lang` than the page's (the
  language switch, a label that exists only in the other language);
- English pages also skip names: link texts (entity and source names), the entity's own heading
  (<h1>), table cells, literal values, aliases, search matches and option labels taken from the graph. The graph's Vietnamese titles and
  names are data, not translation gaps; what is left is the page's chrome (headings, labels,
  captions, table headers, notes), where any Vietnamese letter means a missing translation.
Vietnamese pages get no such exemption: a link text or a value that reads `Expressway` is exactly
the leak issue 15 found.
"""

from __future__ import annotations

import re
import warnings
from html.parser import HTMLParser

import pytest

from lskg.vocab import SPARQL_PROLOGUE

# English that reached Vietnamese pages (issue 15) and the site's own English words
LEAKS = ("Expressway", "Under construction", "billion", "million", "actual", "estimate", "projection",
         "target", "applies", "based on", "investment-policy approval", "Violation", "Warning", "Info",
         "Search", "Queries", "Sources", "Source", "Value", "Period", "Indicator", "Unit", "None found",
         "disputed", "Download", "Downloads", "Vocabulary", "results", "rows", "Home", "Validation",
         "Graph version", "Named graph", "Properties", "Links to this", "Legal basis", "Responsible")
LEAK_WORDS = re.compile(r"\b(?:" + "|".join(map(re.escape, LEAKS)) + r")\b")
# a path of our IRIs (`project/…/role/…`, `obs/src-…/2021/actual`), a CURIE, a camelCase variable name
CODES = re.compile(r"\b(?:project|legal|org|place|obs|source|person|gate)/[\w-]+/|w3id\.org"
                   r"|\b[a-z]+:[A-Z]\w+|\b[a-z]+[A-Z][a-z]+[A-Za-z]*\b")
# letters Vietnamese has and English does not (tone marks and ă â đ ê ô ơ ư)
VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.I)
# place names a page may write in English too (the province, the site's name)
NAMES = re.compile(r"Lạng Sơn|Hữu Nghị|Chi Lăng|Đồng Đăng|Tân Thanh|Chi Ma|Cốc Nam|Tiếng Việt")

SKIPPED = {"head", "script", "style", "code", "pre", "textarea", "kbd", "samp", "blockquote", "q", "mark"}
NAMES_SKIPPED = {"a", "h1", "option", "cite", "dd", "td"}
NAMES_CLASSES = {"literal", "aliases", "matched"}
VOID = {"br", "img", "input", "link", "meta", "hr", "wbr", "source", "col", "area", "base", "embed", "track"}
SKIPPED_CLASSES = {"source-text", "quote", "iri"}


class PageText(HTMLParser):
    """The text a page says in its own voice (see the module's note)."""

    def __init__(self, lang: str):
        super().__init__(convert_charrefs=True)
        self.lang, self.stack, self.chunks = lang, [], []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        a = dict(attrs)
        classes = set((a.get("class") or "").split())
        skip = (tag in SKIPPED or bool(classes & SKIPPED_CLASSES)
                or (a.get("lang") and a["lang"].split("-")[0] != self.lang)
                or (self.lang == "en" and (tag in NAMES_SKIPPED or bool(classes & NAMES_CLASSES))))
        self.stack.append((tag, skip))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if data.strip() and not any(skip for _tag, skip in self.stack):
            self.chunks.append(data.strip())


def leaks(html: str, lang: str) -> list[str]:
    parser = PageText(lang)
    parser.feed(html)
    found = []
    for chunk in parser.chunks:
        if lang == "vi":
            found += [m.group(0) for m in LEAK_WORDS.finditer(chunk)] + [m.group(0) for m in CODES.finditer(chunk)]
        elif VIETNAMESE.search(NAMES.sub("", chunk)):
            found.append(chunk)
    return found


_SAMPLE = SPARQL_PROLOGUE + """
SELECT ?s WHERE { ?s a ?class . FILTER (isIRI(?s)) } ORDER BY ?s LIMIT 3"""
# the kinds of entity a reader meets, with their classes
KINDS = ("eli:LegalResource", "lskg:InvestmentProject", "org:Organization", "lskg:BorderGate",
         "lskg:AdministrativeUnit", "foaf:Person", "qb:Observation", "lskg:Indicator")


def site_pages(app) -> list[str]:
    """Home, every saved query, a sample of each kind of entity page, the sources, the reports."""
    from lskg.store.base import Term

    site = app.extensions["lskg"]
    pages = ["/", "/queries", "/validation", "/def", "/sparql", "/search", "/search?q=H%E1%BB%AFu+Ngh%E1%BB%8B",
             "/.well-known/void"]
    pages += [f"/queries/{q.name}" for q in site.catalogue]
    pages += [f"/sources/{s['key']}" for s in site.summary["sources"]]
    prefixes = dict(re.findall(r"PREFIX (\w+): <([^>]+)>", SPARQL_PROLOGUE))
    for kind in KINDS:
        prefix, local = kind.split(":")
        rows = site.store.query(_SAMPLE, {"class": Term("iri", prefixes[prefix] + local)}).rows
        pages += [site.href(row["s"].value) for row in rows]
    return pages


# Pages whose leaks other parts of issue 15 remove: reported (as a warning), not yet failed. Drop a
# line when its part lands, and the page is held to the rule.
PENDING = {
    "/queries": "item 3: saved queries' columns for readers (variable names, codes such as actual, Expressway)",
    "/id/": "item 5: entity pages without internals (role paths, obs/… link texts)",
    "/def/indicator/": "item 6: indicator pages (observation paths)",
    "/validation": "item 5: an observation's name is its IRI's tail ('actual')",
    "/sparql": "item 9: the SPARQL editor (the service description's terms)",
    "/.well-known/void": "developer page: class and property names are its content",
    "/def": "developer page: the vocabulary's term names are its content",
}


@pytest.fixture(scope="module")
def every_page(app):
    return site_pages(app)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_page_speaks_the_other_language(client, every_page, lang):
    assert len(every_page) > 30
    found, pending = {}, {}
    for path in every_page:
        url = path if lang == "vi" else path + ("&" if "?" in path else "?") + "lang=en"
        response = client.get(url)
        assert response.status_code == 200, url
        bad = leaks(response.get_data(as_text=True), lang)
        if bad:
            waiting = any(path.startswith(prefix) for prefix in PENDING)
            (pending if waiting else found)[url] = sorted(set(bad))[:8]
    if pending:
        warnings.warn("pages still leaking, left to other parts of issue 15:\n"
                      + "\n".join(f"{url}: {words}" for url, words in pending.items()), stacklevel=1)
    assert not found, "\n".join(f"{url}: {words}" for url, words in found.items())


def test_the_check_sees_a_leak():
    """The checker itself: the words issue 15 found are caught, quotes and names are not."""
    assert leaks('<p>Loại: <a href="/def/x">Expressway</a></p>', "vi") == ["Expressway"]
    assert leaks('<p><code>lskg:Indicator</code> <blockquote>actual</blockquote></p>', "vi") == []
    assert leaks('<p><a href="/x">obs/src-1/2021/actual</a></p>', "vi") != []
    assert leaks("<h2>Nguồn</h2>", "en") == ["Nguồn"]
    assert leaks('<h2>Sources</h2><a href="/id/x">Ủy ban nhân dân</a> <p>Lạng Sơn province</p>', "en") == []


def test_every_term_of_the_graph_is_named_in_both_languages(app):
    """Pages name codes by the graph's labels (skos:prefLabel/rdfs:label @vi and @en): a code with one
    language shows that language on the other's pages."""
    from lskg.vocab import BASE

    labels = app.extensions["lskg"].labels
    # indicators the extractor met only in a text ("x-…", graph/iris.py) are named by that text, like
    # any entity; every term of the vocabulary and its code lists has both labels
    terms = {iri: by_lang for iri, by_lang in labels.items()
             if iri.startswith(BASE + "def") and not iri.startswith(BASE + "def/indicator/x-")}
    assert len(terms) > 600
    one_sided = sorted(iri for iri, by_lang in terms.items() if not {"vi", "en"} <= set(by_lang))
    assert not one_sided, one_sided[:10]
    assert terms[BASE + "def/project-kind/expressway"] == {"vi": "Đường cao tốc", "en": "Expressway"}
    assert terms[BASE + "def/project-status/under-construction"]["vi"] == "Đang thi công"
    assert terms[BASE + "def/value-kind/actual"]["vi"] == "Thực hiện"
