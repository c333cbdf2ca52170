"""Mentions -> triples, with provenance on every fact.

One rdflib Graph per source document (its named graph). Every fact points to a text
segment (`oa:TextQuoteSelector` + `oa:TextPositionSelector`) whose quote equals
`text[start:end]`; relations are also reified as `rdf:Statement` so the sentence
behind a link can be shown. No blank nodes: every node has a minted IRI.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, TIME, XSD

from ..extract.context import SourceText
from ..extract.legal_refs import mention_handle, titles_by_symbol
from ..extract.model import DocumentMention, Extraction, Span
from ..extract.reference import Reference
from ..sources import Source
from ..text.dates import Period
from ..text.numbers import decimal_str
from ..vocab import (DOCSYS, DT, ELI, IND, LSKG, OA, PREFIXES, QB, ROLE, SCHEME, SDMX_ATT, SDMX_MEAS, UOM,
                     VK, VQ, unit_mult)
from .iris import Minter

_CONTEXT = 32  # characters of oa:prefix / oa:suffix
# the issuer of an approving document holds this role in the project
_ROLE_OF_BASIS = {
    LSKG.investmentPolicyApprovedBy: ROLE["investment-policy-approver"],
    LSKG.projectApprovedBy: ROLE["project-approver"],
    LSKG.establishedBy: ROLE["approver"],
    LSKG.adjustedBy: ROLE["approver"],
}
_FAMILY = {"party": DOCSYS.party, "state": DOCSYS.administrative, "normative": DOCSYS.normative}
_DERIVED = {
    "change": ("Tốc độ thay đổi: {}", "Change: {}", "percent"),
    "share-of-plan": ("Tỷ lệ so với kế hoạch/dự toán: {}", "Share of plan: {}", "percent"),
    # a decrease is printed as a positive figure after "giảm": kept so, as its own measure
    "decrease": ("Mức giảm: {}", "Decrease: {}", "percent"),
    "multiple": ("Số lần so với kỳ so sánh: {}", "Multiple of the period compared: {}", "times"),
}


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    return g


def period_triples(g: Graph, iri: URIRef, period: Period) -> None:
    """OWL-Time node for a period; years also get a DateTimeDescription for year filters."""
    if period.instant:
        g.add((iri, RDF.type, TIME.Instant))
        g.add((iri, TIME.inXSDDate, Literal(period.start, datatype=XSD.date)))
    else:
        g.add((iri, RDF.type, TIME.ProperInterval))
        for prop, d, tail in ((TIME.hasBeginning, period.start, "start"), (TIME.hasEnd, period.end, "end")):
            node = URIRef(f"{iri}#{tail}")
            g.add((iri, prop, node))
            g.add((node, RDF.type, TIME.Instant))
            g.add((node, TIME.inXSDDate, Literal(d, datatype=XSD.date)))
        if period.is_year:
            desc = URIRef(f"{iri}#year")
            g.add((iri, TIME.hasDateTimeDescription, desc))
            g.add((desc, RDF.type, TIME.DateTimeDescription))
            g.add((desc, TIME.year, Literal(str(period.start.year), datatype=XSD.gYear)))
            g.add((desc, TIME.unitType, TIME.unitYear))
    g.add((iri, RDFS.label, Literal(period.label_vi, lang="vi")))
    g.add((iri, RDFS.label, Literal(period.label_en, lang="en")))
    g.add((iri, LSKG.periodStart, Literal(period.start, datatype=XSD.date)))
    g.add((iri, LSKG.periodEnd, Literal(period.end, datatype=XSD.date)))


def literal_for(value: object) -> Literal:
    if isinstance(value, Decimal):
        return Literal(decimal_str(value), datatype=XSD.decimal)
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, date):
        return Literal(value, datatype=XSD.date)
    if isinstance(value, str) and len(value) == 7 and value[4] == "-":
        return Literal(value, datatype=XSD.gYearMonth)
    if isinstance(value, str) and len(value) == 4 and value.isdigit():
        return Literal(value, datatype=XSD.gYear)
    return Literal(str(value))


class SourceGraphBuilder:
    """Builds the named graph of one source."""

    def __init__(self, ref: Reference, minter: Minter, source: Source, src: SourceText):
        self.ref = ref
        self.minter = minter
        self.source = source
        self.src = src
        self.g = new_graph()
        self.source_iri = minter.source(source.key)
        self._segments: set[Span] = set()
        self.doc_iri: dict[str, URIRef] = {}  # mention handle -> document / unresolved reference IRI
        self.stats: dict[str, int] = defaultdict(int)
        self.unresolved: list[str] = []
        self.candidates: dict[str, str] = {}

    # -- provenance -----------------------------------------------------------------
    def segment(self, span: Span) -> URIRef:
        iri = self.minter.segment(self.source.key, span.start, span.end)
        if span in self._segments:
            return iri
        self._segments.add(span)
        text, g = self.src.text, self.g
        quote, pos = self.minter.selector(iri, "quote"), self.minter.selector(iri, "position")
        g.add((iri, RDF.type, LSKG.TextSegment))
        g.add((iri, OA.hasSource, self.source_iri))
        g.add((iri, OA.hasSelector, quote))
        g.add((iri, OA.hasSelector, pos))
        g.add((quote, RDF.type, OA.TextQuoteSelector))
        g.add((quote, OA.exact, Literal(text[span.start:span.end])))
        g.add((quote, OA.prefix, Literal(text[max(0, span.start - _CONTEXT):span.start])))
        g.add((quote, OA.suffix, Literal(text[span.end:span.end + _CONTEXT])))
        g.add((pos, RDF.type, OA.TextPositionSelector))
        g.add((pos, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger)))
        g.add((pos, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger)))
        return iri

    def fact(self, s: URIRef, p: URIRef, o, evidence: Span) -> None:
        """The plain triple plus a reified statement derived from the sentence."""
        self.g.add((s, p, o))
        stmt = self.minter.statement(s, p, o)
        g = self.g
        g.add((stmt, RDF.type, RDF.Statement))
        g.add((stmt, RDF.subject, s))
        g.add((stmt, RDF.predicate, p))
        g.add((stmt, RDF.object, o))
        g.add((stmt, PROV.wasDerivedFrom, self.segment(evidence)))

    # -- the source itself ---------------------------------------------------------------
    def add_source(self) -> None:
        g, s, meta = self.g, self.source_iri, self.source.meta
        g.add((s, RDF.type, LSKG.SourceDocument))
        g.add((s, RDF.type, FOAF.Document))
        g.add((s, LSKG.fileName, Literal(self.source.file_name)))
        g.add((s, LSKG.sha256, Literal(_sha256(self.src.text))))
        g.add((s, LSKG.text, Literal(self.src.text)))
        g.add((s, DCTERMS.language, Literal(meta.get("language") or "vi")))
        g.add((s, DCTERMS.spatial, self.minter.entity(self.src.jurisdiction)))
        title = meta.get("title") or self.source.file_name
        g.add((s, DCTERMS.title, Literal(title, lang="vi")))
        g.add((s, SKOS.prefLabel, Literal(title, lang="vi")))
        if meta.get("publisher"):
            g.add((s, DCTERMS.publisher, Literal(meta["publisher"])))
        if meta.get("author"):
            g.add((s, DCTERMS.creator, Literal(meta["author"])))
        if meta.get("date"):
            g.add((s, DCTERMS.date, Literal(meta["date"], datatype=XSD.date)))
        if meta.get("url"):
            g.add((s, DCTERMS.source, URIRef(meta["url"])))
        if meta.get("id"):
            g.add((s, DCTERMS.identifier, Literal(meta["id"])))

    # -- documents -----------------------------------------------------------------------
    def add_documents(self, mentions: list[DocumentMention]) -> None:
        titles = titles_by_symbol(mentions)
        for dm in mentions:
            handle = mention_handle(dm)
            if not dm.resolvable:
                self.doc_iri[handle] = self._unresolved(dm)
                continue
            bare_undated = dm.family == "bare" and dm.date is None
            iri = self.minter.document(dm.key, dm.date.isoformat() if dm.date else None,
                                       within=self.source.key if bare_undated else None)
            self.doc_iri[handle] = iri
            g = self.g
            g.add((iri, RDF.type, ELI.LegalResource))
            g.add((iri, ELI.type_document, DT[dm.doc_type]))
            g.add((iri, ELI.id_local, Literal(dm.id_local)))
            g.add((iri, ELI.number, Literal(dm.number)))
            if dm.family in _FAMILY:  # a bare number ("Nghị quyết 98") does not tell its system
                g.add((iri, LSKG.documentSystem, _FAMILY[dm.family]))
            label = f"{self.ref.label(str(DT[dm.doc_type])) or dm.doc_type} {dm.id_local}"
            g.set((iri, SKOS.prefLabel, Literal(label, lang="vi")))
            if dm.date:
                g.add((iri, ELI.date_document, Literal(dm.date, datatype=XSD.date)))
            if dm.issuer:
                self.fact(iri, ELI.passed_by, self.minter.entity(dm.issuer), dm.evidence)
                if dm.issuer_source in ("context", "code"):  # read from the symbol, not from the text
                    g.add((iri, LSKG.issuerInferred, Literal(True)))
            if dm.signer:  # "Phó Thủ tướng Lê Minh Khai ký Quyết định …": the person, beside the authority
                person = self.minter.person(dm.signer)
                g.add((person, RDF.type, FOAF.Person))
                g.set((person, FOAF.name, Literal(dm.signer)))
                g.set((person, SKOS.prefLabel, Literal(dm.signer, lang="vi")))
                self.fact(iri, LSKG.signedBy, person, dm.evidence)
            g.add((iri, PROV.wasDerivedFrom, self.segment(dm.evidence)))
            g.add((self.source_iri, DCTERMS.references, iri))
            if dm.id_local in titles:
                title, where = titles[dm.id_local]
                if not any(g.objects(iri, DCTERMS.title)):
                    self.fact(iri, DCTERMS.title, Literal(title, lang="vi"), where)
            self.stats["documents"] += 1

    def _unresolved(self, dm: DocumentMention) -> URIRef:
        issuer = self.minter.entity(dm.issuer) if dm.issuer else None
        iri = self.minter.unresolved_reference(self.source.key, f"{dm.doc_type}|{dm.id_local}|{issuer}")
        g = self.g
        g.add((iri, RDF.type, LSKG.UnresolvedReference))
        g.add((iri, ELI.id_local, Literal(dm.id_local)))
        g.set((iri, SKOS.prefLabel, Literal(dm.surface.strip() or dm.id_local, lang="vi")))
        if dm.doc_type:
            g.add((iri, ELI.type_document, DT[dm.doc_type]))
        if issuer:
            g.add((iri, LSKG.issuer, issuer))
        g.add((iri, PROV.wasDerivedFrom, self.segment(dm.evidence)))
        g.add((self.source_iri, DCTERMS.references, iri))
        self.unresolved.append(f"{dm.surface.strip()} ({self.source.file_name})")
        return iri

    def _term(self, value: str) -> URIRef:
        """A document (by its mention handle), a thing (by its key) or a concept (by its IRI)."""
        return self.doc_iri.get(value) or self.minter.term(value)

    # -- relations, facts, entities ---------------------------------------------------
    def add_relations(self, ex: Extraction) -> None:
        for r in ex.relations:
            s, o = self._term(r.subject), r.object
            p = URIRef(r.predicate)
            if p == PROV.qualifiedAssociation:
                role, agent_key = o.split("|", 1)
                agent = self.minter.entity(agent_key)
                assoc = self.minter.association(s, URIRef(role), agent)
                self.g.add((assoc, RDF.type, PROV.Association))
                self.g.add((assoc, PROV.agent, agent))
                self.g.add((assoc, PROV.hadRole, URIRef(role)))
                self.g.add((assoc, PROV.wasDerivedFrom, self.segment(r.evidence)))
                self.fact(s, p, assoc, r.evidence)
            else:
                self.fact(s, p, self._term(o), r.evidence)
            if p in _ROLE_OF_BASIS:
                self._approver_roles(s, p, self._term(o), r.evidence)
        for f in ex.facts:
            value = f.value
            if isinstance(value, Period):
                piri = self.minter.period(value)
                period_triples(self.g, piri, value)
                self.fact(self.minter.entity(f.subject), URIRef(f.predicate), piri, f.evidence)
            else:
                lit = Literal(value, lang=f.language) if f.language else literal_for(value)
                self.fact(self.minter.entity(f.subject), URIRef(f.predicate), lit, f.evidence)

    def _approver_roles(self, project: URIRef, prop: URIRef, doc: URIRef, evidence: Span) -> None:
        """The issuer of an approving document is a responsible body of the project in that role."""
        role = _ROLE_OF_BASIS.get(prop)
        if role is None:
            return
        for issuer in self.g.objects(doc, ELI.passed_by):
            assoc = self.minter.association(project, role, issuer)
            self.g.add((assoc, RDF.type, PROV.Association))
            self.g.add((assoc, PROV.agent, issuer))
            self.g.add((assoc, PROV.hadRole, role))
            self.g.add((assoc, PROV.wasDerivedFrom, self.segment(evidence)))
            self.fact(project, PROV.qualifiedAssociation, assoc, evidence)

    def add_entities(self, ex: Extraction) -> None:
        g = self.g
        for m in ex.entities:
            entity = self.minter.entity(m.key)
            ann = self.minter.mention(self.source.key, m.span.start, m.span.end)
            g.add((ann, RDF.type, OA.Annotation))
            g.add((ann, OA.motivatedBy, OA.identifying))
            g.add((ann, OA.hasBody, entity))
            g.add((ann, OA.hasTarget, self.segment(m.span)))
            if m.candidate:
                for t in m.types:
                    g.add((entity, RDF.type, URIRef(t)))
                g.set((entity, SKOS.prefLabel, Literal(m.label, lang="vi")))
                g.add((entity, LSKG.candidate, Literal(True)))
                for prop, value in m.links:
                    g.add((entity, URIRef(prop), self.minter.term(value)))
                g.add((entity, PROV.wasDerivedFrom, self.segment(m.evidence)))
                if URIRef(str(FOAF.Person)) in [URIRef(t) for t in m.types]:
                    g.add((entity, FOAF.name, Literal(m.label)))
                self.candidates[str(entity)] = m.label or str(entity)
            self.stats["mentions"] += 1
        for ms in ex.memberships:
            person, post, org = self.minter.entity(ms.person), URIRef(ms.post), self.minter.entity(ms.organization)
            node = self.minter.membership(person, post, org)
            g.add((node, RDF.type, ORG.Membership))
            g.add((node, ORG.member, person))
            g.add((node, ORG.organization, org))
            g.add((node, ORG.role, post))
            g.add((node, PROV.wasDerivedFrom, self.segment(ms.evidence)))
            post_label = self.ref.label(ms.post) or ""
            org_label = self.ref.label(ms.organization) or ""
            g.set((node, SKOS.prefLabel, Literal(f"{post_label} – {org_label}".strip(" –"), lang="vi")))
            self.stats["memberships"] += 1

    # -- observations ----------------------------------------------------------------------
    def add_observations(self, ex: Extraction) -> None:
        g = self.g
        dataset = self.minter.dataset(self.source.key)
        g.add((dataset, RDF.type, QB.DataSet))
        g.add((dataset, QB.structure, LSKG["dsd-indicators"]))
        g.add((dataset, PROV.wasDerivedFrom, self.source_iri))
        g.add((dataset, DCTERMS.source, self.source_iri))
        g.add((dataset, SKOS.prefLabel, Literal(f"Số liệu theo {self.source.file_name}", lang="vi")))
        values: dict[URIRef, Decimal] = {}
        for ob in ex.observations:
            indicator = self._indicator_of(ob)
            subject = self.minter.entity(ob.subject)
            obs = self.minter.observation(self.source.key, indicator, subject, ob.period, ob.value_kind)
            if obs in values and values[obs] != ob.value:
                n = 2
                while URIRef(f"{obs}-v{n}") in values and values[URIRef(f"{obs}-v{n}")] != ob.value:
                    n += 1
                obs = URIRef(f"{obs}-v{n}")
                g.add((obs, LSKG.qaFlag, Literal("duplicate-key")))
            seg = self.segment(ob.evidence)
            if obs in values:  # the same value said twice: one observation, two segments
                g.add((obs, PROV.wasDerivedFrom, seg))
                continue
            values[obs] = ob.value
            piri = self.minter.period(ob.period)
            period_triples(g, piri, ob.period)
            g.add((obs, RDF.type, QB.Observation))
            g.add((obs, QB.dataSet, dataset))
            g.add((obs, LSKG.refSubject, subject))
            g.add((obs, LSKG.refPeriod, piri))
            g.add((obs, LSKG.indicator, indicator))
            g.add((obs, LSKG.valueKind, VK[ob.value_kind]))
            g.add((obs, SDMX_MEAS.obsValue, literal_for(ob.value)))
            g.add((obs, SDMX_ATT.unitMeasure, URIRef(ob.unit)))
            if ob.unit_mult:
                g.add((obs, SDMX_ATT.unitMult, unit_mult(ob.unit_mult)))
            g.add((obs, LSKG.valueInBaseUnit, literal_for(ob.value.scaleb(ob.unit_mult))))
            if ob.qualifier:
                g.add((obs, LSKG.valueQualifier, VQ[ob.qualifier]))
            if ob.upper is not None:
                g.add((obs, LSKG.upperBound, literal_for(ob.upper)))
            if ob.comparison_period:
                cp = self.minter.period(ob.comparison_period)
                period_triples(g, cp, ob.comparison_period)
                g.add((obs, LSKG.comparisonPeriod, cp))
            for flag in ob.flags:
                g.add((obs, LSKG.qaFlag, Literal(flag)))
            g.add((obs, LSKG.asReported, Literal(ob.as_reported)))
            g.add((obs, PROV.wasDerivedFrom, seg))
            self.stats["observations"] += 1

    def _indicator_of(self, ob) -> URIRef:
        """The observation's indicator, declared in the source graph unless the code list has it:
        a code-list concept or one minted from the text's words, or one derived from either."""
        if ob.indicator is not None:
            base = URIRef(ob.indicator)
            base_vi, base_en = self.ref.label(base) or str(base), self.ref.label(base, "en") or str(base)
        else:
            base = self.minter.uncurated_indicator(ob.indicator_label)
            self._declare_uncurated(base, ob.indicator_label)
            base_vi = base_en = ob.indicator_label
        if ob.measure is None:
            return base
        derived = self.minter.derived_indicator(base, ob.measure)
        if str(derived) not in self.ref.indicators:
            self._declare_derived(derived, base, ob.measure, base_vi, base_en)
            if ob.indicator is None:
                self.g.add((derived, LSKG.curated, Literal(False)))
        return derived

    def _declare_uncurated(self, indicator: URIRef, label: str) -> None:
        """No default unit: the same words may be printed in several units across documents."""
        g = self.g
        g.add((indicator, RDF.type, LSKG.Indicator))
        g.add((indicator, RDF.type, SKOS.Concept))
        g.add((indicator, SKOS.inScheme, SCHEME.indicator))
        g.add((indicator, SKOS.prefLabel, Literal(label, lang="vi")))
        g.add((indicator, SKOS.notation, Literal(str(indicator).rsplit("/", 1)[-1])))
        g.add((indicator, LSKG.curated, Literal(False)))

    def _declare_derived(self, indicator: URIRef, base: URIRef, measure: str, base_vi: str, base_en: str) -> None:
        """A derived indicator (`ind:x--change`) from its base concept."""
        vi, en, unit = _DERIVED.get(measure, ("{}", "{}", "percent"))
        g = self.g
        g.add((indicator, RDF.type, LSKG.Indicator))
        g.add((indicator, RDF.type, SKOS.Concept))
        g.add((indicator, SKOS.inScheme, SCHEME.indicator))
        g.add((indicator, SKOS.broader, base))
        g.add((indicator, LSKG.baseIndicator, base))
        g.add((indicator, LSKG.measureKind, Literal(measure)))
        g.add((indicator, LSKG.defaultUnit, UOM[unit]))
        g.add((indicator, SKOS.prefLabel, Literal(vi.format(base_vi), lang="vi")))
        g.add((indicator, SKOS.prefLabel, Literal(en.format(base_en), lang="en")))
        g.add((indicator, SKOS.notation, Literal(str(indicator).removeprefix(str(IND)).rsplit("/", 1)[-1])))


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
