"""Readable names for the reused vocabularies' terms, and for links read backwards.

The graph labels its own terms (ontology/lskg.ttl, the code lists); the standard
vocabularies we reuse (ELI, ORG, PROV, Web Annotation, Data Cube …) carry no labels in
it, so a page would show `passed_by`. These are their names in Vietnamese and English;
an incoming link gets its inverse name ("đã ban hành" for eli:passed_by seen from the
issuer) where one reads better than "← cơ quan ban hành".
"""

from __future__ import annotations

from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME

from ..vocab import ELI, LSKG, OA, QB, SCHEMA, SDMX_ATT, SDMX_MEAS, curie

TERM_LABELS: dict[str, tuple[str, str]] = {
    str(k): v for k, v in {
        RDF.type: ("loại", "type"),
        RDF.subject: ("chủ thể", "subject"), RDF.predicate: ("quan hệ", "predicate"),
        RDF.object: ("đối tượng", "object"),
        RDF.Statement: ("phát biểu có nguồn", "sourced statement"),
        RDFS.label: ("nhãn", "label"), RDFS.comment: ("chú thích", "comment"),
        RDFS.domain: ("miền", "domain"), RDFS.range: ("miền giá trị", "range"),
        RDFS.subClassOf: ("lớp cha", "subclass of"), RDFS.subPropertyOf: ("thuộc tính cha", "subproperty of"),
        OWL.sameAs: ("đồng nhất với", "same as"), OWL.Class: ("lớp", "class"), OWL.Ontology: ("bộ từ vựng", "ontology"),
        OWL.ObjectProperty: ("thuộc tính quan hệ", "object property"),
        OWL.DatatypeProperty: ("thuộc tính dữ liệu", "datatype property"),
        SKOS.prefLabel: ("tên", "preferred label"), SKOS.altLabel: ("tên khác", "alternative label"),
        SKOS.hiddenLabel: ("cụm từ nhận diện", "cue phrase"), SKOS.definition: ("định nghĩa", "definition"),
        SKOS.notation: ("ký hiệu", "notation"), SKOS.inScheme: ("thuộc danh mục", "in scheme"),
        SKOS.broader: ("khái niệm rộng hơn", "broader"), SKOS.related: ("liên quan", "related"),
        SKOS.scopeNote: ("ghi chú phạm vi", "scope note"), SKOS.exactMatch: ("tương đương", "exact match"),
        SKOS.closeMatch: ("gần tương đương", "close match"), SKOS.Concept: ("khái niệm", "concept"),
        SKOS.ConceptScheme: ("danh mục", "concept scheme"),
        DCTERMS.title: ("tiêu đề", "title"), DCTERMS.date: ("ngày", "date"),
        DCTERMS.source: ("địa chỉ gốc", "source URL"),
        DCTERMS.publisher: ("nơi phát hành", "publisher"), DCTERMS.creator: ("tác giả", "author"),
        DCTERMS.identifier: ("mã", "identifier"), DCTERMS.language: ("ngôn ngữ", "language"),
        DCTERMS.references: ("nhắc đến văn bản", "references"), DCTERMS.spatial: ("địa bàn", "place covered"),
        DCTERMS.description: ("mô tả", "description"), DCTERMS.license: ("giấy phép", "licence"),
        FOAF.name: ("họ tên", "name"), FOAF.Person: ("người", "person"), FOAF.Agent: ("chủ thể", "agent"),
        FOAF.Document: ("tài liệu", "document"),
        ELI.LegalResource: ("văn bản", "legal document"), ELI.type_document: ("loại văn bản", "document type"),
        ELI.id_local: ("số, ký hiệu", "number and symbol"), ELI.number: ("số", "number"),
        ELI.date_document: ("ngày ban hành", "date"), ELI.passed_by: ("cơ quan ban hành", "issued by"),
        ELI.applies: ("thực hiện", "applies"), ELI.cites: ("trích dẫn", "cites"), ELI.based_on: ("căn cứ", "based on"),
        ORG.Organization: ("tổ chức", "organisation"), ORG.Post: ("chức danh", "post"),
        ORG.Membership: ("chức vụ đảm nhiệm", "membership"), ORG.subOrganizationOf: ("trực thuộc", "part of"),
        ORG.identifier: ("mã ký hiệu", "code"), ORG.classification: ("phân loại", "classification"),
        ORG.postIn: ("chức danh của", "post in"), ORG.member: ("người giữ", "member"),
        ORG.organization: ("tổ chức", "organisation"), ORG.role: ("chức vụ", "role"),
        PROV.wasDerivedFrom: ("trích từ", "derived from"),
        PROV.qualifiedAssociation: ("cơ quan liên quan", "bodies involved"),
        PROV.agent: ("chủ thể", "agent"), PROV.hadRole: ("vai trò", "role"),
        PROV.Association: ("vai trò trong dự án", "association"),
        OA.Annotation: ("chú thích", "annotation"), OA.hasBody: ("thực thể", "body"),
        OA.hasTarget: ("đoạn văn", "target"),
        OA.hasSource: ("tài liệu nguồn", "source"), OA.hasSelector: ("bộ chọn", "selector"),
        OA.motivatedBy: ("mục đích", "motivation"), OA.exact: ("trích nguyên văn", "exact quote"),
        OA.prefix: ("phần trước", "prefix"), OA.suffix: ("phần sau", "suffix"), OA.start: ("vị trí đầu", "start"),
        OA.end: ("vị trí cuối", "end"),
        QB.Observation: ("quan sát số liệu", "observation"), QB.dataSet: ("bộ số liệu", "data set"),
        QB.DataSet: ("bộ số liệu", "data set"), QB.structure: ("cấu trúc", "structure"),
        SDMX_MEAS.obsValue: ("giá trị", "value"), SDMX_ATT.unitMeasure: ("đơn vị", "unit"),
        SDMX_ATT.unitMult: ("bậc nhân", "unit multiplier"),
        TIME.hasBeginning: ("bắt đầu", "beginning"), TIME.hasEnd: ("kết thúc", "end"),
        TIME.inXSDDate: ("ngày", "date"), TIME.year: ("năm", "year"),
        SCHEMA.location: ("địa điểm", "location"), SCHEMA.containedInPlace: ("thuộc", "contained in"),
        SCHEMA.areaServed: ("địa bàn quản lý", "area served"), SCHEMA.isPartOf: ("là một phần của", "part of"),
        SCHEMA.Country: ("quốc gia", "country"), SCHEMA.Place: ("địa điểm", "place"),
    }.items()
}

# Links seen from their object: "what points here", named from the object's side.
INVERSE_LABELS: dict[str, tuple[str, str]] = {
    str(k): v for k, v in {
        ELI.passed_by: ("đã ban hành", "issued"),
        ELI.applies: ("được thực hiện bởi", "applied by"),
        ELI.cites: ("được trích dẫn trong", "cited by"),
        ELI.based_on: ("là căn cứ của", "basis of"),
        LSKG.approves: ("được phê duyệt bởi", "approved by"),
        LSKG.investmentPolicyApprovedBy: ("quyết định chủ trương đầu tư dự án", "approves the investment policy of"),
        LSKG.projectApprovedBy: ("phê duyệt dự án", "approves the project"),
        LSKG.hasLegalBasis: ("là căn cứ pháp lý của dự án", "legal basis of"),
        DCTERMS.references: ("được nhắc trong nguồn", "referenced by sources"),
        DCTERMS.spatial: ("nguồn viết về địa bàn này", "sources about this place"),
        ORG.subOrganizationOf: ("đơn vị trực thuộc", "sub-organisations"),
        ORG.postIn: ("chức danh", "posts"),
        ORG.member: ("chức vụ đảm nhiệm", "holds posts"),
        ORG.organization: ("người giữ chức vụ", "people holding posts"),
        ORG.role: ("người giữ chức vụ này", "held in"),
        PROV.agent: ("vai trò trong dự án", "roles in projects"),
        PROV.wasDerivedFrom: ("là nguồn của", "source of"),
        SCHEMA.location: ("dự án tại đây", "projects located here"),
        SCHEMA.containedInPlace: ("bao gồm", "contains"),
        SCHEMA.areaServed: ("cơ quan quản lý địa bàn", "bodies serving this area"),
        LSKG.counterpart: ("cửa khẩu đối diện", "counterpart gate"),
        LSKG.gate: ("thuộc cặp cửa khẩu", "member of gate pair"),
        LSKG.sourceObservation: ("được chọn vào bộ số liệu tổng hợp", "chosen for the curated data set"),
        LSKG.conflictsWith: ("vênh với", "conflicts with"),
        QB.dataSet: ("quan sát", "observations"),
        SKOS.inScheme: ("khái niệm", "concepts"),
        SKOS.broader: ("khái niệm hẹp hơn", "narrower"),
        RDF.type: ("thực thể thuộc lớp này", "instances"),
    }.items()
}

def term_label(labels: dict[str, dict[str, str]], iri: str, lang: str) -> str | None:
    """The graph's own label, then this table's; None when neither names the term."""
    by_lang = labels.get(iri)
    if by_lang:
        return by_lang.get(lang) or by_lang.get("en" if lang == "vi" else "vi") or by_lang.get("und")
    pair = TERM_LABELS.get(iri)
    return (pair[0] if lang == "vi" else pair[1]) if pair else None


def inverse_label(labels: dict[str, dict[str, str]], iri: str, lang: str) -> str:
    pair = INVERSE_LABELS.get(iri)
    if pair:
        return pair[0] if lang == "vi" else pair[1]
    name = term_label(labels, iri, lang) or curie(iri)
    return ("là " if lang == "vi" else "is ") + name + (" của" if lang == "vi" else " of")
