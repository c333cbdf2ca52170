"""Short teaching queries for the SPARQL editor: each shows one pattern of the graph in a few lines
(the saved queries in `queries/` are what the site's pages run, too long to learn from). Each is
written under the graph's prefixes (`vocab.SPARQL_PROLOGUE`), which the editor folds away."""

from __future__ import annotations

from dataclasses import dataclass

from ..vocab import SPARQL_PROLOGUE


@dataclass(frozen=True)
class Example:
    name: str
    title_vi: str
    title_en: str
    body: str

    @property
    def text(self) -> str:
        return SPARQL_PROLOGUE + "\n" + self.body

    def title(self, lang: str) -> str:
        return self.title_vi if lang == "vi" else self.title_en


EXAMPLES = (
    Example("intro-documents", "Văn bản và ngày ban hành", "Documents and their dates", """\
# Văn bản pháp lý, số hiệu và ngày ban hành / legal documents, their numbers and dates
SELECT ?number ?date ?document WHERE {
  ?document a eli:LegalResource ;
            eli:id_local ?number ;
            eli:date_document ?date .
}
ORDER BY DESC(?date)
LIMIT 20
"""),
    Example("intro-legal-basis", "Căn cứ pháp lý của một dự án", "A project's legal basis", """\
# Văn bản làm căn cứ cho dự án cao tốc Hữu Nghị – Chi Lăng / the documents it is based on
SELECT DISTINCT ?number ?date ?role WHERE {
  ?project skos:prefLabel "Huu Nghi - Chi Lang border-gate expressway"@en ;
           ?role ?document .
  ?document a eli:LegalResource ; eli:id_local ?number .
  OPTIONAL { ?document eli:date_document ?date }
}
ORDER BY ?date
"""),
    Example("intro-series", "Chuỗi số liệu của một chỉ tiêu", "An indicator's series", """\
# Tốc độ tăng GRDP theo năm, như mỗi nguồn ghi / GRDP growth by year, as each source gives it
SELECT DISTINCT ?period ?value ?kind ?source WHERE {
  ?observation lskg:indicator ind:grdp-growth ;
               lskg:refPeriod/rdfs:label ?period ;
               lskg:valueKind/skos:prefLabel ?kind ;
               sdmx-measure:obsValue ?value ;
               prov:wasDerivedFrom/oa:hasSource/lskg:fileName ?source .
  FILTER (LANG(?period) = "en" && LANG(?kind) = "vi")
}
ORDER BY ?period
"""),
    Example("intro-border-gates", "Cửa khẩu biên giới", "Border gates", """\
# Các cửa khẩu và loại cửa khẩu / border gates and their categories
SELECT ?gate ?category WHERE {
  ?g a lskg:BorderGate ; skos:prefLabel ?gate .
  OPTIONAL { ?g lskg:gateCategory/skos:prefLabel ?category . FILTER (LANG(?category) = "vi") }
  FILTER (LANG(?gate) = "vi")
}
ORDER BY ?gate
"""),
)
STARTER = EXAMPLES[0]

