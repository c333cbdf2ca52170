"""The part of an entity page that depends on what the entity is: a project's legal basis and
bodies, a document's issuer and relations, an organisation's documents, projects and people.

Everything comes from the one Description (links plus neighbour details); no queries here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib.namespace import DCTERMS, ORG, PROV

from ..vocab import ELI, LSKG, QB, SCHEMA, SDMX_ATT, SDMX_MEAS
from ..store.base import Term
from .description import Description, Link, Quote


@dataclass
class Row:
    """One line of a section: a thing, what it is to the entity, and the sentences saying so."""

    iri: str | None
    role: str | None = None           # an IRI (a role, a post) or a plain phrase
    role_is_text: bool = False
    number: str | None = None         # a document's number and symbol
    date: Term | None = None           # a document's date, formatted by the page
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class Section:
    kind: str                          # names the template: entity_{kind}.html
    parts: dict[str, list] = field(default_factory=dict)


# A project's documents by what they decided; the phrases read as the document's role.
BASIS = [
    (LSKG.investmentPolicyApprovedBy, ("Phê duyệt chủ trương đầu tư", "Investment policy approval")),
    (LSKG.projectApprovedBy, ("Phê duyệt dự án", "Project approval")),
    (LSKG.hasLegalBasis, ("Căn cứ pháp lý", "Legal basis")),
]
PROJECT_FACTS = (LSKG.projectKind, LSKG.investmentForm, LSKG.projectStatus, LSKG.plannedPeriod,
                 LSKG.startedOn, LSKG.completedOn)
DOCUMENT_FACTS = (ELI.id_local, ELI.type_document, ELI.date_document, ELI.passed_by, DCTERMS.title,
                  LSKG.documentSystem, LSKG.issuerInferred)
DOCUMENT_RELATIONS = (ELI.applies, ELI.based_on, ELI.cites, LSKG.approves)
DOCUMENT_USES = DOCUMENT_RELATIONS + tuple(p for p, _names in BASIS)
OBSERVATION_FACTS = (LSKG.refSubject, LSKG.indicator, LSKG.refPeriod, SDMX_MEAS.obsValue, SDMX_ATT.unitMeasure,
                     LSKG.valueKind, LSKG.valueQualifier, LSKG.asReported, LSKG.comparisonPeriod, QB.dataSet,
                     LSKG.sourceCount)


def section_for(d: Description, lang: str) -> Section | None:
    types = set(d.types)
    if str(LSKG.InvestmentProject) in types:
        return project_section(d, lang)
    if types & {str(ELI.LegalResource), str(LSKG.UnresolvedReference)}:
        return document_section(d)
    if types & {str(ORG.Organization), str(ORG.Post)}:
        return organisation_section(d)
    if str(QB.Observation) in types:
        return Section("observation", {"facts": _facts(d, OBSERVATION_FACTS)})
    if d.incoming(ORG.member):
        return Section("person", {"posts": _memberships(d, ORG.member, ORG.organization)})
    return None


def project_section(d: Description, lang: str) -> Section:
    basis = [_document_row(d, link, role=names[0] if lang == "vi" else names[1])
             for predicate, names in BASIS for link in d.values(predicate)]
    bodies = [Row(_iri(d.detail(link.value.value, PROV.agent)), _iri(d.detail(link.value.value, PROV.hadRole)),
                  quotes=link.quotes)
              for link in d.values(PROV.qualifiedAssociation)]
    return Section("project", {
        "basis": basis,
        "bodies": [row for row in bodies if row.iri],
        "facts": _facts(d, PROJECT_FACTS),
        "locations": [Row(link.value.value, quotes=link.quotes) for link in d.values(SCHEMA.location)],
    })


def document_section(d: Description) -> Section:
    return Section("document", {
        "facts": _facts(d, DOCUMENT_FACTS),
        "relations": [(str(p), d.values(p)) for p in DOCUMENT_RELATIONS if d.values(p)],
        "used_by": [(str(p), d.incoming(p)) for p in DOCUMENT_USES if d.incoming(p)],
        "sources": sorted({link.value.value for link in d.incoming(DCTERMS.references)}),
    })


def organisation_section(d: Description) -> Section:
    issued = sorted((_document_row(d, link) for link in d.incoming(ELI.passed_by)),
                    key=lambda row: (row.date.value if row.date else "", row.number or ""), reverse=True)
    responsible = [Row(_iri(d.detail(link.value.value, PROV.qualifiedAssociation)),
                       _iri(d.detail(link.value.value, PROV.hadRole)), quotes=link.quotes)
                   for link in d.incoming(PROV.agent)]
    return Section("organisation", {
        "issued": issued,
        "responsible": [row for row in responsible if row.iri],
        "parents": [Row(link.value.value, quotes=link.quotes) for link in d.values(ORG.subOrganizationOf)],
        "children": [Row(link.value.value) for link in d.incoming(ORG.subOrganizationOf)],
        "posts": [Row(link.value.value) for link in d.incoming(ORG.postIn)],
        "people": _memberships(d, ORG.organization, ORG.member),
    })


def _memberships(d: Description, towards, other) -> list[Row]:
    """Posts held: from a person (org:member) to the body, or from a body to the person."""
    rows = []
    for link in d.incoming(towards):
        membership = link.value.value
        rows.append(Row(_iri(d.detail(membership, other)), _iri(d.detail(membership, ORG.role))))
    return [row for row in rows if row.iri]


def _document_row(d: Description, link: Link, role: str | None = None) -> Row:
    doc = link.value.value
    number, date = d.detail(doc, ELI.id_local), d.detail(doc, ELI.date_document)
    return Row(doc, role, role is not None, number.value if number else None, date, link.quotes)


def _facts(d: Description, predicates) -> list[tuple[str, list[Link]]]:
    return [(str(p), d.values(p)) for p in predicates if d.values(p)]


def _iri(term) -> str | None:
    return term.value if term is not None and term.kind == "iri" else None

