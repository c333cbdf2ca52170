"""What a text says about projects: form, status, dates, period, places, legal basis, bodies.

Everything is found by cue phrases from the code lists (investment-form, project-status,
role) in the sentences that are about a project (`SourceText.project_focus`).
"""

from __future__ import annotations

import re

from ..text.dates import DATE_RE, date_from_match, years
from ..vocab import LSKG, PROV, ROLE, SCHEMA
from .context import SourceText
from .legal_refs import mention_handle
from .model import DocumentMention, EntityMention, LiteralFact, Relation, Span
from .reference import Reference

# legal-basis roles by what the clause before the document says
_POLICY = re.compile(r"chủ\s+trương\s+đầu\s+tư")
_PROJECT_APPROVAL = re.compile(r"phê\s+duyệt\s+(?:dự\s+án|đề\s+án|báo\s+cáo\s+nghiên\s+cứu\s+khả\s+thi)")
_APPROVED_IN = re.compile(r"phê\s+duyệt\s+(?:tại|bằng|theo)\s*$")
# a document followed by one of these and a project approves, establishes or governs it
_APPROVES = re.compile(r"(?:phê\s+duyệt|chấp\s+thuận|thông\s+qua|ban\s+hành|quyết\s+định\s+chủ\s+trương)(?!\w)")
# the end of a clause that introduces a list of projects: "hai dự án: Dự án A; Dự án B"
_INTRODUCES = re.compile(r":\s*(?:(?:dự\s+án|công\s+trình|đề\s+án|chương\s+trình)\s+)?$")
_CAPITAL = re.compile(r"(?:giao|phân\s+bổ|bố\s+trí|cấp)\s+(?:bổ\s+sung\s+)?(?:kế\s+hoạch\s+)?(?:vốn|dự\s+toán|kinh\s+phí|ngân\s+sách)"
                      r"|kế\s+hoạch\s+(?:đầu\s+tư\s+công|vốn)|nguồn\s+vốn|vốn\s+(?:đầu\s+tư|ngân\s+sách)")
_ESTABLISH = re.compile(r"thành\s+lập(?!\s+(?:ban|tổ|hội\s+đồng|đoàn))")
_ADJUST = re.compile(r"điều\s+chỉnh")
# a sentence's reference to a project it does not name; a plural refers to several
_GENERIC = re.compile(r"(?<!\w)(?P<plural>(?:các|những|hai|ba|\d{1,2}|thêm|nhiều|một\s+số|loạt)\s+)?(?P<noun>dự\s+án|công\s+trình|đề\s+án|chủ\s+đầu\s+tư|"
                      r"chương\s+trình|khu\s+kinh\s+tế|khu\s+công\s+nghiệp|cụm\s+công\s+nghiệp|kcn|ccn|kkt)(?!\w)")
_DEMONSTRATIVE = re.compile(r"(?:\s+(?:mục\s+tiêu\s+quốc\s+gia|đầu\s+tư))?\s+(?:này|trên|nói\s+trên|đó|kể\s+trên)(?!\w)")
# what stands between the members of a list of projects: "A, B và C", "A; (2) B", "A và dự án B"
_LIST_GAP = re.compile(r"[\s,;:]*(?:và|hoặc|cùng)?\s*(?:(?:\(\d{1,2}\)|\d{1,2}[.)]|[a-zđ]\)|[-–+])\s*)?"
                       r"(?:(?:dự\s+án|công\s+trình)\s+)?")
# what opens a document's own subject after its number: "số X về ...", "(ngày ...) quy định ..."
_OWN_SUBJECT = re.compile(r"(?:\s*\([^()]*\))?[\s,]*(?:ngày\s+[\d/.]+\s*,?\s*|của\s+[^,;.]{1,60}?\s*,?\s*)?"
                          r"(?:về|quy\s+định|hướng\s+dẫn|ban\s+hành\s+quy|sửa\s+đổi)(?!\w)")
# the words that give a body a task in a project
_RESPONSIBILITY = re.compile(r"(?<!\w)(?:giao(?!\s+(?:thông|dịch|lưu))|chịu\s+trách\s+nhiệm|nhiệm\s+vụ|chủ\s+trì|phối\s+hợp|đề\s+nghị|kiến\s+nghị|yêu\s+cầu|"
                             r"trình|thẩm\s+định|xem\s+xét|bố\s+trí|chỉ\s+đạo|hướng\s+dẫn|lựa\s+chọn|phân\s+bổ|"
                             r"mời\s+thầu|chấp\s+thuận|phê\s+duyệt|quyết\s+định|đầu\s+tư|quản\s+lý|cấp)(?!\w)")
_PLANNED_PERIOD = re.compile(r"thời\s+gian\s+thực\s+hiện(?:\s+(?:dự\s+án|năm|từ|giai\s+đoạn))*\s+"
                             r"(?P<a>(?:19|20)\d\d)\s*-\s*(?P<b>(?:19|20)\d\d)")
_MONTH_YEAR = re.compile(r"tháng\s+(?P<m>\d{1,2})\s*/\s*(?P<y>(?:19|20)\d\d)")
_YEAR = re.compile(r"(?:năm\s+)(?P<y>(?:19|20)\d\d)")
# in a sentence about a project that names none, a status cue must govern "dự án"/"công trình"
# itself: "khởi công dự án" yes, "hoàn thành công tác chuẩn bị đầu tư" no
_STATUS_OF_FOCUS = re.compile(r"\s+(?:các\s+)?(?:dự\s+án|công\s+trình|đề\s+án)\b")
# the start of an enumerated item: "(1) Dự án …", "(2) Đầu tư cải tạo …", ": Dự án …"
_LIST_ITEM = re.compile(r"(?:\(\d{1,2}\)|:|^)\s*(?:đầu\s+tư\s+(?:xây\s+dựng\s+)?)?$")
# a document referred to by its type alone at a sentence's start: "Theo Nghị quyết, ...", "Theo quyết định này, ..."
_DOC_REFERRED = re.compile(r"\s*(?:theo|tại)\s+(nghị\s+quyết|quyết\s+định)(?:\s+(?:này|trên|nói\s+trên))?\s*,")
_DOC_TYPE_WORDS = {"nghị quyết": "nq", "quyết định": "qd"}
_SPECIFIC_BASIS = {str(p) for p in (LSKG.investmentPolicyApprovedBy, LSKG.projectApprovedBy, LSKG.establishedBy,
                                     LSKG.adjustedBy, LSKG.capitalAllocatedBy)}
_LOCATION_CUE = re.compile(r"(?:địa\s+phận|đoạn\s+qua|tại|thuộc)\s+$")
# a project named as where another one stands: "tại Khu công nghiệp ", "thuộc KKT " (a mention's
# span starts after its kind words)
_PLACE_OF = re.compile(r"(?<!\w)(?:tại|thuộc|nằm\s+trong|trong)\s+(?:(?:khu|cụm)(?:\s+[^\W\d]+){1,5}\s+|(?:kcn|ccn|kkt)\s+)?$")

# a document's own heading: "Số: 12/QĐ-UBND", "Hà Nội, ngày 5 tháng 3 năm 2024", "Lạng Sơn, ngày 5/3/2024"
_DATELINE = re.compile(r"(?m)^\s*Số\s*:|[A-ZĐÀ-Ỹ][^\W\d_]*(?:\s+[A-ZĐÀ-Ỹ][^\W\d_]*)*\s*,\s*ngày\s+\d")
# an enterprise's name: only a would-be investor proposes to be allowed to invest
_ENTERPRISE = re.compile(r"(?i)(?:công\s+ty|tổng\s+công\s+ty|tập\s+đoàn|liên\s+danh|doanh\s+nghiệp|ctcp|cty)")

class ProjectExtractor:
    def __init__(self, ref: Reference):
        self.ref = ref
        self.forms = ref.cue_pattern("investment-form")
        self.form_by_cue = ref.cue_lookup("investment-form")
        self.statuses = ref.cue_pattern("project-status")
        self.status_by_cue = ref.cue_lookup("project-status")

    def extract(self, src: SourceText, entities: list[EntityMention], documents: list[DocumentMention]):
        relations: list[Relation] = []
        facts: list[LiteralFact] = []
        # an economic zone is developed as a project: its documents and bodies are tied the same way
        projects = [m for m in entities if m.kind in ("project", "economic-zone")]
        bodies = [m for m in entities if m.kind in ("organisation", "post")]
        relations += self._header_document(src, documents, projects)
        relations += _title_document(src, documents, projects)
        topics = _topics(src, projects)
        carried: tuple[Span | None, list[str]] = (None, [])  # the paragraph and projects last referred to
        for sent in src.sentence_spans:
            in_sentence = [p for p in projects if sent.start <= p.span.start < sent.end]
            listed = [] if in_sentence else _listed_after(src, sent, projects)
            focus = _focus(src, sent, projects, topics) if not in_sentence and not listed else None
            # a sentence that names no project but refers to one ("dự án", "các chương trình
            # này") in a text about one or a few projects: the projects it refers to
            referred = listed or ([] if in_sentence or focus else _referred(src, sent, projects, bodies, topics))
            para = src.paragraph_at(sent.start)
            if not in_sentence and not focus and not referred:
                relations += self._basis_list(src, sent, documents, projects)
                # "... chấp thuận chủ trương đầu tư dự án. Ban Quản lý X được giao kiểm tra, giám sát":
                # a body tasked in the next sentences of the paragraph, citing nothing, has its part
                # in the project the paragraph last referred to
                if carried[0] == para and not any(sent.start <= d.span.start < sent.end for d in documents):
                    relations += self._bodies(src, sent, entities, [], carried[1], documents, topics, cued_only=True)
                continue
            if not in_sentence:
                carried = (para, [focus] if focus else referred)
            if in_sentence or focus:
                relations += self._forms(src, sent, in_sentence)
                r, f = self._status(src, sent, in_sentence, focus)
                relations += r
                facts += f
            target = in_sentence[0].key if len(in_sentence) == 1 else focus
            if target:
                facts += self._period(src, sent, target)
                relations += self._locations(src, sent, target, entities)
            targets = [focus] if focus else referred
            relations += self._legal_basis(src, sent, documents, in_sentence, targets)
            relations += _document_referred(src, sent, documents, in_sentence)
            relations += self._basis_list(src, sent, documents, projects)
            relations += self._bodies(src, sent, entities, in_sentence, targets, documents, topics,
                                      cued_only=bool(referred) and not listed)
        # a document tied with a role (approval, establishment, ...) is no bare basis as well
        specific = {(r.subject, r.object) for r in relations if r.predicate in _SPECIFIC_BASIS}
        relations = [r for r in relations if r.predicate != str(LSKG.hasLegalBasis) or (r.subject, r.object) not in specific]
        return relations, facts

    def _forms(self, src, sent: Span, in_sentence) -> list[Relation]:
        out = []
        if not self.forms:
            return out
        for m in self.forms.finditer(src.view, sent.start, sent.end):
            before = [p for p in in_sentence if p.span.end <= m.start() and m.start() - p.span.end <= 40]
            if before:
                out.append(Relation(before[-1].key, str(LSKG.investmentForm), self.form_by_cue[m.group(0)], sent))
        return out

    def _status(self, src, sent: Span, in_sentence, focus) -> tuple[list[Relation], list[LiteralFact]]:
        rels, facts = [], []
        if not self.statuses:
            return rels, facts
        for m in self.statuses.finditer(src.view, sent.start, sent.end):
            status = self.status_by_cue[m.group(0)]
            # the projects the cue governs: those right after it (a list joined by "," / "và");
            # a proposal ("đề nghị … xem xét đầu tư …, cụ thể: (1) X; (2) Y") governs all it lists
            after = [p for p in in_sentence if 0 <= p.span.start - m.end() <= 200]
            if self.ref.code(status) == "proposed":
                after = [p for p in in_sentence if p.span.start >= m.end()
                         and _LIST_ITEM.search(src.view[max(m.end(), p.span.start - 20):p.span.start])]
            governed = []
            pos = m.end()
            for p in after:
                gap = src.view[pos:p.span.start]
                if self.ref.code(status) == "proposed":
                    governed.append(p)
                    continue
                if len(gap) > 40 and governed:
                    break
                if not re.fullmatch(r"[\s,;:]*(?:và|các|dự án|tuyến|như|gồm|[\s,;:])*[\s,;:]*", gap) and governed:
                    break
                if len(gap) <= 40:
                    governed.append(p)
                    pos = p.span.end
            # "<project> (đã) phát điện thương mại": the cue right after a project governs it
            governed += [p for p in in_sentence
                         if p.span.end <= m.start() and re.fullmatch(r"\s*(?:đã|đang|được|chính thức)?\s*",
                                                                     src.view[p.span.end:m.start()])]
            if not governed and not in_sentence and focus and _STATUS_OF_FOCUS.match(src.view, m.end()):
                governed_keys = [focus]  # "… và khởi công dự án trong tháng 4/2024": the project in focus
            else:
                governed_keys = [p.key for p in governed]
            for key in governed_keys:
                rels.append(Relation(key, str(LSKG.projectStatus), status, sent))
                when = self._when(src, sent)
                code = self.ref.code(status)
                if when and code in ("under-construction", "completed"):
                    prop = LSKG.startedOn if code == "under-construction" else LSKG.completedOn
                    facts.append(LiteralFact(key, str(prop), when, sent))
        return rels, facts

    @staticmethod
    def _when(src, sent: Span):
        """The most precise date the sentence gives: a full date, 'tháng 4/2024', 'năm 2024'."""
        chunk = src.plain[sent.start:sent.end]
        m = DATE_RE.search(chunk)
        if m and (d := date_from_match(m)):
            return d
        m = _MONTH_YEAR.search(src.view, sent.start, sent.end)
        if m:
            return f"{int(m.group('y')):04d}-{int(m.group('m')):02d}"
        m = _YEAR.search(src.view, sent.start, sent.end)
        return m.group("y") if m else None

    def _period(self, src, sent: Span, project: str) -> list[LiteralFact]:
        m = _PLANNED_PERIOD.search(src.plain.lower(), sent.start, sent.end)
        if not m:
            return []
        return [LiteralFact(project, str(LSKG.plannedPeriod), years(int(m.group("a")), int(m.group("b"))), sent)]

    def _locations(self, src, sent: Span, project: str, entities) -> list[Relation]:
        out = []
        for e in entities:
            if e.kind != "place" or not (sent.start <= e.span.start < sent.end):
                continue
            if _LOCATION_CUE.search(src.view[max(sent.start, e.span.start - 20):e.span.start]):
                out.append(Relation(project, str(SCHEMA.location), e.key, sent))
        return out

    def _legal_basis(self, src, sent: Span, documents, in_sentence, targets: list[str]) -> list[Relation]:
        """Each document a sentence about a project cites is tied to the project, with the role
        the clause gives it (approval of the investment policy, of the project, establishment,
        adjustment, capital allocation; a basis otherwise). The project is the one the document
        approves ("Quyết định X phê duyệt Đề án Y"), else the one named before it in the
        sentence, else the one after it, else the project the paragraph is about."""
        out = []
        view = src.view
        docs = [d for d in documents if sent.start <= d.span.start < sent.end and d.resolvable]
        heads: dict[int, DocumentMention] = {}
        for d in docs:
            heads.setdefault(d.group, d)
        for d in docs:
            head = heads[d.group]  # the cue stands before the first document of a coordinated list
            projects, gap = self._projects_of_document(src, sent, head, in_sentence, targets)
            before = view[max(sent.start, head.span.start - 160):head.span.start].split(";")[-1]
            prop = _basis_role(before + " " + gap, view[head.span.end:min(sent.end, head.span.end + 160)])
            handle = mention_handle(d)
            for project in projects:
                out.append(Relation(project, str(prop), handle, sent))
                if prop in (LSKG.projectApprovedBy, LSKG.investmentPolicyApprovedBy, LSKG.establishedBy):
                    out.append(Relation(handle, str(LSKG.approves), project, sent))
        return out

    @staticmethod
    def _header_document(src, documents, projects) -> list[Relation]:
        """A text that opens with a document's dateline ("VĂN PHÒNG CHÍNH PHỦ — Công văn số X, Hà
        Nội, ngày ...") is that document's content: the document is tied to the few projects the
        text names when its first paragraph names none."""
        paras = src.paragraph_spans
        if not paras or paras[0].end - paras[0].start > 300:
            return []
        head = paras[0]
        docs = [d for d in documents if head.start <= d.span.start < min(head.end, head.start + 120) and d.resolvable]
        if docs and not (_DATELINE.search(src.text, head.start, head.end) or docs[0].span.start - head.start <= 2):
            return []  # a headline citing a document ("UBND tỉnh ban hành Kế hoạch số …") is not its heading
        if len(docs) != 1 or any(head.start <= p.span.start < head.end for p in projects):
            return []
        named = list(dict.fromkeys(p.key for p in sorted(projects, key=lambda p: p.span.start)))
        if not 0 < len(named) <= 4:
            return []
        return [Relation(p, str(LSKG.hasLegalBasis), mention_handle(docs[0]), src.sentence_at(docs[0].span.start))
                for p in named]

    @staticmethod
    def _basis_list(src, sent: Span, documents, projects) -> list[Relation]:
        """A decision's grounds ("Căn cứ ...: 1. Luật ...; 2. Quyết định số X ...") are the basis of
        the projects its title names (the text's first paragraph) whatever each ground is about."""
        para = src.paragraph_at(sent.start)
        if not _marker(src.text[para.start:para.end]) or not _in_basis_list(src, para):
            return []
        title = src.paragraph_spans[0] if src.paragraph_spans else None
        if title is None:
            return []
        owners = list(dict.fromkeys(p.key for p in projects if title.start <= p.span.start < title.end))
        docs = [d for d in documents if sent.start <= d.span.start < sent.end and d.resolvable]
        return [Relation(p, str(LSKG.hasLegalBasis), mention_handle(d), sent) for d in docs for p in owners[:3]]

    @staticmethod
    def _projects_of_document(src, sent: Span, d: DocumentMention, in_sentence, targets) -> tuple[list[str], str]:
        view = src.view
        after = [p for p in in_sentence if p.span.start >= d.span.end]
        if after:
            gap = view[d.span.end:after[0].span.start]
            if len(gap) <= 220 and _APPROVES.search(gap) and ";" not in gap:
                if _INTRODUCES.search(gap):  # "đề nghị quyết định chủ trương đầu tư hai dự án: A; B"
                    return list(dict.fromkeys(p.key for p in after)), gap
                return [after[0].key], gap
        earlier = [p for p in in_sentence if p.span.end <= d.span.start]
        if earlier:
            return [earlier[-1].key], ""
        if after:
            gap = view[d.span.end:after[0].span.start]
            if _INTRODUCES.search(gap):
                return list(dict.fromkeys(p.key for p in after)), gap
            return [after[0].key], gap
        if _OWN_SUBJECT.match(view, d.span.end) and not _GENERIC.search(view, d.span.end, min(sent.end, d.span.end + 120)):
            return [], ""  # "quyết định số X về phát triển 53 kho hàng hóa": a document about its own subject
        return list(targets), ""

    def _bodies(self, src, sent: Span, entities, in_sentence, targets: list[str], documents, topics,
                cued_only: bool = False) -> list[Relation]:
        """The bodies a sentence about a project makes responsible for it, each with the role
        its cue gives: a noun before it ("chủ đầu tư là B", "nhà đầu tư B"), a verb after it
        ("B phê duyệt", "B làm chủ đầu tư", "B chủ trì"), "giao B chủ trì, phối hợp với C, D"
        (a list shares the role of its first member); a body the text gives a part in the
        project without a role is a participant. A body named inside a project's name is
        not one of its bodies; a management board named after the project manages it."""
        out = []
        view = src.view
        projects = in_sentence or []
        spans = [(p.span.start, p.span.end) for p in projects]
        bodies = [e for e in entities if e.kind in ("organisation", "post") and sent.start <= e.span.start < sent.end
                  and not any(s <= e.span.start < t for s, t in spans)]
        previous_role = None
        previous_end = None
        doc_ends = [d.span.end for d in documents if sent.start <= d.span.start < sent.end]
        for b in bodies:
            chosen = _governed(src, sent, projects, b, topics) if projects else list(targets)
            if not chosen:
                continue
            listed = previous_end is not None and re.fullmatch(r"\s*(?:,|và|,\s*và)\s*", view[previous_end:b.span.start])
            role = self._role_of(src, sent, b, chosen[0], entities)
            if role is None and listed and previous_role is not None:
                role = previous_role
            if role is None and _issuer_of_document(view, b, doc_ends):
                continue  # "Nghị định số X của Chính phủ": the issuer, tied through its document's role
            if role is None and cued_only and not _tasked(view, sent, b):
                continue  # a sentence that only refers to the project gives a body a part only by a cue
            role = role or str(ROLE["participant"])
            for project in chosen:
                out.append(Relation(project, str(PROV.qualifiedAssociation), f"{role}|{b.key}", sent))
            previous_role, previous_end = role, b.span.end
        return out

    def _role_of(self, src, sent: Span, b, project: str, entities) -> str | None:
        view = src.view
        before = view[max(sent.start, b.span.start - 50):b.span.start]
        after = view[b.span.end:min(sent.end, b.span.end + 60)]
        if re.search(r"phối\s+hợp(?:\s+với)?\s*$|cùng\s+(?:với\s+)?$", before):
            return str(ROLE["co-organiser"])
        label = self.ref.label(b.key) or next((e.label for e in entities if e.key == b.key and e.label), "")
        if re.search(r"liên\s+danh\s+(?:gồm\s+|giữa\s+)?(?:\w+\s+)?$", before) or _ENTERPRISE.match(label) and \
                re.search(r"(?:dự\s+án|nhà\s+máy|công\s+trình)\s+(?:\w+\s+)?của\s+$", before):
            return str(ROLE["investor"])  # "nhóm dự án của Công ty B", "liên danh gồm B và C"
        if _ENTERPRISE.match(label) and re.search(r"của\s+$", before) and any(
                e.kind in ("project", "economic-zone") and sent.start <= e.span.end <= b.span.start
                and re.fullmatch(r"\s*của\s+", view[e.span.end:b.span.start]) for e in entities):
            return str(ROLE["investor"])  # "dự án Khu đô thị mới X của Công ty Y": whose project it is
        if re.search(r"(?<!\w)do\s+$", before) and re.match(r"\s*(?:\([^()]*\)\s*)?(?:trực\s+tiếp\s+)?đầu\s+tư(?!\w)", after):
            return str(ROLE["investor"])  # "dự án X do Công ty Y (Singapore) đầu tư 150 triệu USD"
        noun = re.search(r"(chủ\s+đầu\s+tư|nhà\s+đầu\s+tư(?:\s+\w+){0,2}?|nhà\s+thầu(?:\s+thi\s+công)?|đơn\s+vị\s+thi\s+công|"
                         r"cơ\s+quan\s+chủ\s+quản|đơn\s+vị\s+vận\s+hành)(?:\s+(?:của\s+)?(?:dự\s+án|công\s+trình)(?:\s+này)?)?"
                         r"\s*(?:là|gồm)?\s*(?::\s*)?$", before)
        if noun:
            return self._cue_role(noun.group(1))
        verb = re.match(r"\s*(?:\([^()]*\)\s*)?(?:,\s*)?(?:đã|đang|sẽ|vừa|được\s+\w+\s+(?:\w+\s+)?)?\s*(?:là|làm|giữ\s+vai\s+trò)?\s*"
                        r"(chủ\s+đầu\s+tư|nhà\s+đầu\s+tư|cơ\s+quan\s+chủ\s+quản|chủ\s+quản|chủ\s+trì|đầu\s+mối|phụ\s+trách|"
                        r"nhà\s+thầu(?:\s+thi\s+công)?|trúng\s+thầu|cơ\s+quan\s+có\s+thẩm\s+quyền|tiếp\s+nhận\s+(?:khai\s+thác|vận\s+hành)|"
                        r"đảm\s+nhận|quản\s+lý|phê\s+duyệt|chấp\s+thuận|quyết\s+định|thông\s+qua|thành\s+lập|ký|"
                        r"vận\s+hành|khai\s+thác|thi\s+công)(?!\w)", after)
        if verb:
            return self._cue_role(verb.group(1))
        if re.match(r"\s*(?:\([^()]*\)\s*)?(?:đã\s+|vừa\s+)?(?:có\s+văn\s+bản\s+)?(?:đề\s+nghị|đề\s+xuất|xin)[^.;]{0,80}"
                    r"(?:cho\s+phép|đầu\s+tư|khảo\s+sát|nghiên\s+cứu)", after) and _ENTERPRISE.match(label):
            return str(ROLE["investor"])  # "B đề nghị tỉnh cho phép khảo sát hai dự án": the would-be investor
        if re.search(r"chấp\s+thuận\s+cho\s+$", before):
            return str(ROLE["investor"])
        if re.search(r"(?:quyết\s+định|nghị\s+quyết|văn\s+bản)\s+(?:số\s+\S+\s+)?(?:phê\s+duyệt\s+)?(?:của|do)\s+$", before):
            return str(ROLE["approver"])  # "theo các quyết định của UBND TP Hà Nội, ... có thêm cụm công nghiệp"
        if re.search(r"giao\s+(?:cho\s+)?$", before) and re.match(r"[^;.]{0,40}chủ\s+trì", after):
            return str(ROLE["lead-agency"])
        if label and re.match(r"(?i)ban\s+quản\s+lý|bql", label):
            project_label = next((e.label or self.ref.label(e.key) for e in entities if e.key == project), None)
            if project_label and _core(project_label) and _core(project_label) in _core(label):
                return str(ROLE["managing-agency"])
        return None

    def _cue_role(self, cue: str) -> str:
        cue = re.sub(r"\s+", " ", cue)
        table = {"chủ đầu tư": "owner", "nhà đầu tư": "investor", "nhà thầu": "contractor", "nhà thầu thi công": "contractor",
                 "đơn vị thi công": "contractor", "thi công": "contractor", "cơ quan chủ quản": "managing-agency",
                 "chủ quản": "managing-agency", "phụ trách": "managing-agency", "đảm nhận": "managing-agency",
                 "quản lý": "managing-agency", "chủ trì": "lead-agency", "đầu mối": "lead-agency",
                 "phê duyệt": "approver", "chấp thuận": "approver", "quyết định": "approver", "thông qua": "approver",
                 "thành lập": "approver", "ký": "approver", "vận hành": "operator", "khai thác": "operator",
                 "đơn vị vận hành": "operator", "trúng thầu": "contractor", "cơ quan có thẩm quyền": "managing-agency",
                 "tiếp nhận khai thác": "operator", "tiếp nhận vận hành": "operator"}
        code = table.get(cue) or ("investor" if cue.startswith("nhà đầu tư") else "participant")
        return str(ROLE[code])


def _document_referred(src, sent: Span, documents, in_sentence) -> list[Relation]:
    """"Theo Nghị quyết, ... bố trí 4.237 tỷ đồng cho Dự án A": a sentence opening with a document's
    type and no number is about the first document of that type the text names (its subject);
    the projects it names are tied to it with the role its words give."""
    m = _DOC_REFERRED.match(src.view, sent.start)
    if not m or not in_sentence:
        return []
    code = _DOC_TYPE_WORDS[re.sub(r"\s+", " ", m.group(1))]
    d = next((d for d in documents if d.span.start < sent.start and d.doc_type == code and d.resolvable), None)
    if d is None:
        return []
    return _tied(in_sentence, _basis_role(src.view[sent.start:sent.end], ""), d, sent)


def _title_document(src, documents, projects) -> list[Relation]:
    """A text that is a decision ("Số: 845/QĐ-UBND ... ngày ...", then "QUYẾT ĐỊNH Về việc phê duyệt
    dự án X"): the decision approves (establishes, adjusts) what its title line names (the graph
    makes its issuer the approver)."""
    view = src.view
    docs = [d for d in documents if d.span.start < 400 and d.resolvable
            and re.match(r"[ \t]*số(?!\w)", view[view.rfind("\n", 0, d.span.start) + 1:d.span.end])]
    if not docs:
        return []
    d = docs[0]
    line_start = view.find("\n", d.span.end) + 1
    for _ in range(3):  # the title stands within the few lines after the number's
        if line_start <= 0:
            return []
        line_end = view.find("\n", line_start)
        line_end = len(view) if line_end < 0 else line_end
        if re.match(r"\s*(?:quy\S{1,3}t\s+đ\S{1,3}nh|nghị\s+quyết)(?!\w)", view[line_start:line_end]):
            break
        line_start = line_end + 1
    else:
        return []
    named = [p for p in sorted(projects, key=lambda p: p.span.start) if line_start <= p.span.start < line_end]
    if not named:
        return []
    sent = src.sentence_at(named[0].span.start)
    return _tied(named, _basis_role(view[line_start:named[0].span.start], ""), d, sent)


def _tied(projects, prop, d, sent: Span) -> list[Relation]:
    """Each project tied to document `d` by `prop`; an approving document also approves it."""
    handle = mention_handle(d)
    out = []
    for key in dict.fromkeys(p.key for p in projects):
        out.append(Relation(key, str(prop), handle, sent))
        if prop in (LSKG.projectApprovedBy, LSKG.investmentPolicyApprovedBy, LSKG.establishedBy):
            out.append(Relation(handle, str(LSKG.approves), key, sent))
    return out


def _topics(src, projects) -> dict[int, str]:
    """The place projects of a sentence: "dự án Nhà máy X tại Khu công nghiệp Y", "Dự án hạ tầng
    KCN A thuộc Khu kinh tế B". The one after "tại"/"thuộc" is where the other one stands, not
    what the sentence is about; maps the place project's mention (by id) to the project the
    sentence is about."""
    out = {}
    ordered = sorted(projects, key=lambda p: p.span.start)
    for i, p in enumerate(ordered):
        if not _PLACE_OF.search(src.view[max(0, p.span.start - 45):p.span.start]):
            continue
        sent = src.sentence_at(p.span.start)
        earlier = [q for q in ordered[:i] if q.span.start >= sent.start and q.key != p.key and id(q) not in out]
        if earlier and p.span.start - earlier[-1].span.end <= 40:
            out[id(p)] = earlier[-1].key
    return out


def _focus(src, sent: Span, projects, topics: dict[int, str]) -> str | None:
    """The project a sentence that names none is about (`SourceText.project_focus`), with the
    sentence's topic standing for a place project it was last named with."""
    focus = src.project_focus(sent.start)
    para = src.paragraph_at(sent.start)
    last = max((p for p in projects if para.start <= p.span.start < sent.start), key=lambda p: p.span.start, default=None)
    if last is not None and last.key == focus and id(last) in topics:
        return topics[id(last)]
    return focus


def _referred(src, sent: Span, projects, bodies, topics: dict[int, str]) -> list[str]:
    """The projects a sentence that names none refers to: "các chương trình này", "hai dự án
    trên" (a plural with a demonstrative) -> every project the text names before it; "dự án",
    "khu kinh tế" -> the last one named in this paragraph or the two before it. A text about
    one project refers to it wherever it says "dự án" or cites a document or gives a body a task."""
    view = src.view
    named = sorted(projects, key=lambda p: p.span.start)
    distinct = list(dict.fromkeys(p.key for p in named))
    if not distinct:
        return []
    if len(distinct) == 1:
        return distinct
    # the references outside bodies' names ("Ban QLDA đầu tư xây dựng các công trình ..." is a name)
    inside = [(e.span.start, e.span.end) for e in bodies]
    found = []
    for g in _GENERIC.finditer(view, sent.start, sent.end):
        if any(s <= g.start() < e for s, e in inside):
            continue
        if found and not view[found[-1].end():g.start()].strip():
            continue  # "các dự án khu công nghiệp mới": one phrase, its first word says how many
        found.append(g)
    if not found:
        return []
    # a reference to one project wins over a plural without a demonstrative ("các dự án đầu tư")
    generic = next((g for g in found if not g.group("plural") or _DEMONSTRATIVE.match(view, g.end())), found[0])
    before = [p for p in named if p.span.start < sent.start]
    if generic.group("plural"):
        if not before:  # a lead announcing what the text lists: "Thủ tướng đã quyết định chủ
            # trương đầu tư các dự án khu công nghiệp mới tại 7 tỉnh: ..."; without the colon, a class
            return distinct[:10]
        if not _DEMONSTRATIVE.match(view, generic.end()):
            return []  # "các dự án đầu tư": a class of projects, not the ones named
        return list(dict.fromkeys(p.key for p in before))[:5]
    noun = re.sub(r"\s+", " ", generic.group("noun"))
    if noun in ("đề án", "chương trình"):
        # "tổ chức thực hiện Đề án": the last scheme the text names, however far back (a
        # decision's articles refer to the scheme of its title)
        kin = [p for p in before if view[max(0, p.span.start - 16):p.span.start].rstrip().endswith(noun)]
        if kin:
            return [kin[-1].key]
    paras = src.paragraph_spans
    here = next((i for i, p in enumerate(paras) if p.start <= sent.start < max(p.end, p.start + 1)), None)
    if not before or here is None:
        return []
    near = paras[max(0, here - 2)].start
    last = before[-1]
    return [topics.get(id(last), last.key)] if last.span.start >= near else []


def _in_basis_list(src, para: Span) -> bool:
    """Whether an item paragraph belongs to a list of grounds: the paragraph before the items
    says "căn cứ" and ends with ':'."""
    paras = src.paragraph_spans
    i = paras.index(para) if para in paras else -1
    while i > 0:
        i -= 1
        prev = src.text[paras[i].start:paras[i].end]
        if _marker(prev):
            continue
        return prev.rstrip().endswith(":") and bool(re.search(r"(?i)căn\s+cứ", prev))
    return False


def _marker(text: str) -> str | None:
    """The kind of list marker a paragraph opens with: "1.", "a)", "(1)", "-"."""
    m = re.match(r"\s*(?:(\d{1,2}[.)])|([a-zđ]\))|(\(\d{1,2}\))|([-–+•*]))\s", text)
    return None if not m else ("digit", "letter", "paren", "dash")[[g is not None for g in m.groups()].index(True)]


def _listed_after(src, sent: Span, projects) -> list[str]:
    """The projects a sentence introduces as a list of items in the paragraphs after it: a
    sentence ending with ':' ("đề nghị cho phép khảo sát hai dự án:") or a heading about
    projects ("1. Nhóm dự án của Công ty X"), followed by "a) A: ...", "b) B: ..."."""
    text = src.text
    para = src.paragraph_at(sent.start)
    intro = text[sent.start:sent.end].rstrip().endswith(":") and sent.end >= para.end - 2
    heading = src.is_heading(para) and _GENERIC.search(src.view, para.start, para.end)
    if not (intro or heading):
        return []
    own = _marker(text[para.start:para.end])
    paras = src.paragraph_spans
    i = paras.index(para) + 1 if para in paras else len(paras)
    out = []
    kind = None
    while i < len(paras):
        q = paras[i]
        mark = _marker(text[q.start:q.end])
        if mark is None or mark == own or (kind and mark != kind):
            break
        kind = mark
        first = min((p for p in projects if q.start <= p.span.start < min(q.end, q.start + 60)),
                    key=lambda p: p.span.start, default=None)
        if first:
            out.append(first.key)
        i += 1
    return list(dict.fromkeys(out))


def _issuer_of_document(view: str, b, doc_ends: list[int]) -> bool:
    """A body named as a document's issuer: "Nghị định số X của B" (a submission "do B lập" makes
    B a body of the project)."""
    return any(0 <= b.span.start - e <= 90 and re.search(r"của\s+$", view[e:b.span.start])
               and not re.search(r"[;:]", view[e:b.span.start]) for e in doc_ends)


def _tasked(view: str, sent: Span, b) -> bool:
    """Whether the words around a body give it a task: "B chịu trách nhiệm ...", "giao B ..."."""
    after = view[b.span.end:min(sent.end, b.span.end + 50)]
    before = view[max(sent.start, b.span.start - 25):b.span.start]
    return bool(re.match(r"\s*(?:\([^()]*\)\s*)?(?:[,]?\s*)?(?:đã\s+|sẽ\s+|được\s+|vừa\s+|có\s+)?(?:\w+\s+){0,2}?"
                         + _RESPONSIBILITY.pattern, after)
                or re.search(r"(?:giao|đề\s+nghị|yêu\s+cầu|cho|với)\s+(?:cho\s+)?$", before))


def _governed(src, sent: Span, projects, b, topics: dict[int, str]) -> list[str]:
    """The projects a body in a sentence is tied to: the project named nearest to it in its
    clause (else in its sentence), with the list it stands in ("ba dự án gồm A, B và C")."""
    view = src.view
    lo_c = max(sent.start, view.rfind(";", sent.start, b.span.start) + 1)
    hi_c = view.find(";", b.span.end, sent.end)
    hi_c = sent.end if hi_c < 0 else hi_c
    in_clause = [p for p in projects if lo_c <= p.span.start < hi_c]
    ordered = sorted(projects, key=lambda p: p.span.start)
    pool = sorted(in_clause or projects, key=lambda p: p.span.start)
    pool = [p for p in pool if id(p) not in topics] or pool  # "dự án X tại KCN Y do B đầu tư": X's body
    nearest = min(pool, key=lambda p: b.span.start - p.span.end if p.span.end <= b.span.start
                  else p.span.start - b.span.end)
    i = ordered.index(nearest)
    lo = hi = i
    while lo > 0 and _LIST_GAP.fullmatch(src.view, ordered[lo - 1].span.end, ordered[lo].span.start):
        lo -= 1
    while hi + 1 < len(ordered) and _LIST_GAP.fullmatch(src.view, ordered[hi].span.end, ordered[hi + 1].span.start):
        hi += 1
    return list(dict.fromkeys(p.key for p in ordered[lo:hi + 1]))


def _core(label: str) -> str:
    """A name without its kind words, for comparing a board's name with its project's."""
    from ..text.match import match_view
    key = match_view(label)
    key = re.sub(r"^(?:dự\s+án\s+)?|ban\s+quản\s+lý\s+", "", key)
    return re.sub(r"\W+", " ", key).strip()


def _basis_role(clause: str, following: str):
    """The property tying a project to a document, from the words of the clause around it."""
    if _POLICY.search(clause):
        return LSKG.investmentPolicyApprovedBy
    if _CAPITAL.search(clause) or _CAPITAL.match(following):
        return LSKG.capitalAllocatedBy
    if _ESTABLISH.search(clause):
        return LSKG.establishedBy
    if _ADJUST.search(clause):
        return LSKG.adjustedBy
    if _PROJECT_APPROVAL.search(clause) or _APPROVED_IN.search(clause) or _APPROVES.search(clause):
        return LSKG.projectApprovedBy
    return LSKG.hasLegalBasis
