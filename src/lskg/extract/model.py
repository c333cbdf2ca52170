"""What extractors return: plain, typed mentions with their evidence spans.

Things are named by identity keys, not IRIs: a key is the path of the thing under the instance
namespace, as the grammar or the reference data gives it ("place/tinh-lang-son",
"org/tinh-lang-son/ubnd", "person/nguyen-van-a", "project/kcn-vsip-lang-son"); the graph stage
turns a key into its IRI (`graph.iris.Minter.entity`). The reference data is read as keys when it is
loaded (`Reference`), so a name found in a text and a name in the reference data meet on the same
key. Concepts of the code lists and the vocabulary (a post, a role, an indicator, a unit, a value
kind) keep their IRIs: the ontology fixes them, nothing mints them. Documents are named by a
`DocumentKey` (or, inside one source, a mention handle), which the minter also turns into IRIs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..text.dates import Period


@dataclass(frozen=True, order=True)
class Span:
    """Character offsets [start, end) into the NFC text of one source."""

    start: int
    end: int


@dataclass(frozen=True)
class DocumentKey:
    """Identity of a legal document: who issued which symbol when.

    `issuer` is an organisation key or None; `year` is the calendar year for
    state documents, the date's year for party documents (the committee term is
    rarely printed, so the full date is the practical key, MODELLING §2.1).
    """

    doc_type: str  # doc-type code, e.g. "nq"
    id_local: str  # "41/NQ-HĐND"
    issuer: str | None
    year: int | None


@dataclass
class DocumentMention:
    span: Span  # the reference itself ("Nghị quyết số 41/NQ-HĐND, ngày 30/12/2022")
    evidence: Span  # the sentence it stands in
    doc_type: str | None  # doc-type code or None when unknown
    number: str  # ordinal without leading zeros, "41"
    id_local: str  # normalised symbol as printed, "41/NQ-HĐND"
    symbol_codes: tuple[str, ...]  # ("NQ", "HĐND")
    family: str  # "party" | "state" | "normative" | "bare" (a type word and a number, no symbol)
    date: date | None = None
    year: int | None = None
    issuer: str | None = None  # organisation key
    issuer_source: str = "none"  # "text" | "code" | "context" | "none"
    title: str | None = None
    surface: str = ""
    group: int = -1  # mentions in one coordinated list share a group number
    signer: str | None = None  # the person who signed, as the text names them ("Lê Minh Khai")

    @property
    def resolvable(self) -> bool:
        """A reference whose type is known is a document, dated or not, with or without an issuer:
        the genre cites many documents by number alone."""
        return self.doc_type is not None

    @property
    def key(self) -> DocumentKey:
        y = self.date.year if self.date else self.year
        return DocumentKey(self.doc_type or "", self.id_local, self.issuer, y)


@dataclass
class Relation:
    """subject --predicate--> object, said in `evidence`: the predicate an IRI; subject and object
    each a key, a document's mention handle or a concept IRI ("role|key" for a role in a project)."""

    subject: str
    predicate: str
    object: str
    evidence: Span


@dataclass
class LiteralFact:
    """subject (a key) --predicate--> a literal value (str, date, Decimal, int, bool), said in
    `evidence`."""

    subject: str
    predicate: str
    value: object
    evidence: Span
    language: str | None = None


@dataclass
class EntityMention:
    key: str  # identity key of the thing named
    kind: str  # "organisation" | "place" | "border-gate" | "project" | "person" | ...
    span: Span
    evidence: Span
    candidate: bool = False  # True: not in the reference data, found by a pattern
    label: str | None = None  # for candidates: the label to give the new entity
    types: tuple[str, ...] = ()  # for candidates: rdf:type IRIs
    # for candidates: (property IRI, concept IRI or key) the grammar read with the name: a body's kind
    # and the place it serves (org:classification, schema:areaServed), a unit's level and province
    links: tuple[tuple[str, str], ...] = ()


@dataclass
class Membership:
    """A person holding a post in an organisation, as one source states it."""

    person: str  # key
    post: str  # post concept IRI (post:chairman)
    organization: str  # key
    evidence: Span


@dataclass
class Observation:
    indicator: str | None  # code-list indicator IRI; None: one named by indicator_label
    subject: str  # key of what the value is about (province, district, project ...)
    period: Period
    value: Decimal
    unit: str  # unit IRI
    value_kind: str  # value-kind code: actual, estimate, projection, target, plan, provisional
    as_reported: str  # the literal string, e.g. "11.024,7 tỷ đồng"
    span: Span  # the number and unit
    evidence: Span  # the sentence or clause quoted as provenance
    unit_mult: int = 0  # power of ten of the scale word (9 for tỷ)
    qualifier: str | None = None  # value-qualifier code
    upper: Decimal | None = None  # upper bound of a range
    comparison_period: Period | None = None
    flags: tuple[str, ...] = ()
    # an indicator no code-list cue names: the normalised noun phrase of the text, minted by the
    # graph builder as an uncurated indicator
    indicator_label: str | None = None
    # what the figure measures of its indicator: None (the level itself), "change", "decrease",
    # "share-of-plan", "multiple"; the builder mints the derived indicator (Minter.derived_indicator)
    measure: str | None = None

    @property
    def indicator_key(self) -> tuple:
        """What identifies the indicator, curated or not."""
        return (self.indicator, self.indicator_label, self.measure)


@dataclass
class Issue:
    """Something the extractor noticed but would not guess: reported in the build summary."""

    kind: str  # "ambiguous-number" | "implausible-value" | "unresolved-issuer" ...
    message: str
    span: Span


@dataclass
class Extraction:
    """Everything found in one source."""

    documents: list[DocumentMention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    entities: list[EntityMention] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    facts: list[LiteralFact] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
