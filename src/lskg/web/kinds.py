"""What kind of thing an IRI names, as people group them: documents, bodies, projects, places …

One table, used by the entity pages (the badge under the title) and by search (result groups).
"""

from __future__ import annotations

from rdflib.namespace import FOAF, ORG, SKOS

from ..vocab import ELI, LSKG, QB, SCHEMA

# (kind, Vietnamese, English, classes) in display order; the first kind whose class the thing has wins.
KINDS: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("document", "Văn bản", "Documents", (ELI.LegalResource, LSKG.UnresolvedReference)),
    ("organisation", "Cơ quan, tổ chức", "Organisations", (ORG.Organization, ORG.Post)),
    ("project", "Dự án", "Projects", (LSKG.InvestmentProject,)),
    ("border-gate", "Cửa khẩu", "Border gates", (LSKG.BorderGate, LSKG.BorderGatePair, LSKG.BorderMarker)),
    ("place", "Địa danh", "Places", (LSKG.AdministrativeUnit, SCHEMA.Country, SCHEMA.Place)),
    ("infrastructure", "Tuyến đường, khu kinh tế", "Roads and zones",
     (LSKG.Road, LSKG.EconomicZone, LSKG.EconomicCorridor)),
    ("person", "Người", "People", (FOAF.Person,)),
    ("membership", "Chức vụ", "Posts held", (ORG.Membership,)),
    ("indicator", "Chỉ tiêu", "Indicators", (LSKG.Indicator,)),
    ("observation", "Số liệu", "Observations", (QB.Observation,)),
    ("source", "Tài liệu nguồn", "Source documents", (LSKG.SourceDocument,)),
    ("concept", "Danh mục", "Code lists", (SKOS.Concept, SKOS.ConceptScheme)),
]
_BY_CLASS = {str(cls): kind for kind, _vi, _en, classes in KINDS for cls in classes}
_ORDER = {kind: i for i, (kind, *_rest) in enumerate(KINDS)}
_NAMES = {kind: (vi, en) for kind, vi, en, _classes in KINDS}


def kind_of(types) -> str:
    """The kind for a set of rdf:type IRIs; 'other' when none is listed."""
    found = [_BY_CLASS[t] for t in types if t in _BY_CLASS]
    return min(found, key=_ORDER.__getitem__) if found else "other"


def kind_name(kind: str, lang: str) -> str:
    vi, en = _NAMES.get(kind, ("Khác", "Other"))
    return vi if lang == "vi" else en


def kind_rank(kind: str) -> int:
    return _ORDER.get(kind, len(_ORDER))
