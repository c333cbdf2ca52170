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
_APPROVED_IN = re.compile(r"phê\s+duyệt\s+tại\s*$")
_PLANNED_PERIOD = re.compile(r"thời\s+gian\s+thực\s+hiện(?:\s+(?:dự\s+án|năm|từ|giai\s+đoạn))*\s+"
                             r"(?P<a>(?:19|20)\d\d)\s*-\s*(?P<b>(?:19|20)\d\d)")
_MONTH_YEAR = re.compile(r"tháng\s+(?P<m>\d{1,2})\s*/\s*(?P<y>(?:19|20)\d\d)")
_YEAR = re.compile(r"(?:năm\s+)(?P<y>(?:19|20)\d\d)")
# in a sentence about a project that names none, a status cue must govern "dự án"/"công trình"
# itself: "khởi công dự án" yes, "hoàn thành công tác chuẩn bị đầu tư" no
_STATUS_OF_FOCUS = re.compile(r"\s+(?:các\s+)?(?:dự\s+án|công\s+trình|đề\s+án)\b")
# the start of an enumerated item: "(1) Dự án …", "(2) Đầu tư cải tạo …", ": Dự án …"
_LIST_ITEM = re.compile(r"(?:\(\d{1,2}\)|:|^)\s*(?:đầu\s+tư\s+(?:xây\s+dựng\s+)?)?$")
_LOCATION_CUE = re.compile(r"(?:địa\s+phận|đoạn\s+qua|tại|thuộc)\s+$")


class ProjectExtractor:
    def __init__(self, ref: Reference):
        self.ref = ref
        self.forms = ref.cue_pattern("investment-form")
        self.form_by_cue = ref.cue_lookup("investment-form")
        self.statuses = ref.cue_pattern("project-status")
        self.status_by_cue = ref.cue_lookup("project-status")
        self.roles = ref.cue_pattern("role")
        self.role_by_cue = ref.cue_lookup("role")

    def extract(self, src: SourceText, entities: list[EntityMention], documents: list[DocumentMention]):
        relations: list[Relation] = []
        facts: list[LiteralFact] = []
        projects = [m for m in entities if m.kind == "project"]
        for sent in src.sentence_spans:
            in_sentence = [p for p in projects if sent.start <= p.span.start < sent.end]
            focus = src.project_focus(sent.start) if not in_sentence else None
            if not in_sentence and not focus:
                continue
            relations += self._forms(src, sent, in_sentence)
            r, f = self._status(src, sent, in_sentence, focus)
            relations += r
            facts += f
            target = in_sentence[0].iri if len(in_sentence) == 1 else focus
            if target:
                facts += self._period(src, sent, target)
                relations += self._locations(src, sent, target, entities)
            relations += self._legal_basis(src, sent, documents, in_sentence, focus)
            relations += self._bodies(src, sent, entities, in_sentence, focus)
        return relations, facts

    def _forms(self, src, sent: Span, in_sentence) -> list[Relation]:
        out = []
        if not self.forms:
            return out
        for m in self.forms.finditer(src.view, sent.start, sent.end):
            before = [p for p in in_sentence if p.span.end <= m.start() and m.start() - p.span.end <= 40]
            if before:
                out.append(Relation(before[-1].iri, str(LSKG.investmentForm), self.form_by_cue[m.group(0)], sent))
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
                governed_iris = [focus]  # "… và khởi công dự án trong tháng 4/2024": the project in focus
            else:
                governed_iris = [p.iri for p in governed]
            for iri in governed_iris:
                rels.append(Relation(iri, str(LSKG.projectStatus), status, sent))
                when = self._when(src, sent)
                code = self.ref.code(status)
                if when and code in ("under-construction", "completed"):
                    prop = LSKG.startedOn if code == "under-construction" else LSKG.completedOn
                    facts.append(LiteralFact(iri, str(prop), when, sent))
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
                out.append(Relation(project, str(SCHEMA.location), e.iri, sent))
        return out

    def _legal_basis(self, src, sent: Span, documents, in_sentence, focus) -> list[Relation]:
        out = []
        docs = [d for d in documents if sent.start <= d.span.start < sent.end]
        heads: dict[int, DocumentMention] = {}
        for d in docs:
            heads.setdefault(d.group, d)
        for d in docs:
            head = heads[d.group]  # the cue stands before the first document of a coordinated list
            before = src.view[max(sent.start, head.span.start - 120):head.span.start].split(";")[-1]
            project = None
            if in_sentence:
                earlier = [p for p in in_sentence if p.span.end <= head.span.start]
                project = earlier[-1].iri if earlier else (in_sentence[0].iri if _APPROVED_IN.search(before) else None)
            project = project or focus
            if not project:
                continue
            handle = mention_handle(d)
            if _APPROVED_IN.search(before):
                out.append(Relation(project, str(LSKG.projectApprovedBy), handle, sent))
                out.append(Relation(handle, str(LSKG.approves), project, sent))
            elif _POLICY.search(before):
                out.append(Relation(project, str(LSKG.investmentPolicyApprovedBy), handle, sent))
            elif _PROJECT_APPROVAL.search(before):
                out.append(Relation(project, str(LSKG.projectApprovedBy), handle, sent))
        return out

    def _bodies(self, src, sent: Span, entities, in_sentence, focus) -> list[Relation]:
        """Responsible bodies, three patterns within one clause:
        "<body> <verb cue> … <project>" (UBND tỉnh … triển khai thực hiện Đề án),
        "phối hợp với <body> … <project>" (co-organiser), and
        "<noun cue> (là) <body>" in a sentence about a project (nhà đầu tư X, chủ đầu tư là X)."""
        out = []
        if not self.roles:
            return out
        bodies = [e for e in entities if e.kind in ("organisation", "post") and sent.start <= e.span.start < sent.end]
        view = src.view
        for p in in_sentence:
            for b in bodies:
                if b.span.end > p.span.start:
                    continue
                gap = view[b.span.end:p.span.start]
                if ";" in gap or len(gap) > 140 or any(b.span.end <= o.span.start < p.span.start for o in bodies):
                    continue
                if re.match(r"\s+thuộc\b", gap):
                    continue  # "<body> thuộc <parent body>": the parent is the actor
                with_cue = re.search(r"phối\s+hợp\s+với\s+$", view[max(sent.start, b.span.start - 20):b.span.start])
                cue = next((m for m in self.roles.finditer(gap)
                            if not self.ref.is_agent_noun(self.role_by_cue[m.group(0)]) and m.start() <= 60), None)
                if with_cue:
                    out.append(Relation(p.iri, str(PROV.qualifiedAssociation), f"{ROLE['co-organiser']}|{b.iri}", sent))
                elif cue:
                    role = self.role_by_cue[cue.group(0)]
                    out.append(Relation(p.iri, str(PROV.qualifiedAssociation), f"{role}|{b.iri}", sent))
        project = in_sentence[0].iri if len(in_sentence) == 1 else focus
        if project:
            for m in self.roles.finditer(view, sent.start, sent.end):
                role = self.role_by_cue[m.group(0)]
                if not self.ref.is_agent_noun(role):
                    continue
                after = re.match(r"\s*(?:là\s+)?", view[m.end():])
                b = next((b for b in bodies if b.span.start == m.end() + after.end()), None)
                if b:
                    out.append(Relation(project, str(PROV.qualifiedAssociation), f"{role}|{b.iri}", sent))
        return out
