"""One synthetic report: Vietnamese prose of the genre, and what it states.

`write_report` composes a text sentence by sentence from templates modelled on data/sources and
tests/fixtures/bao-cao-moi.txt, and records, as it writes, every fact a sentence states in the
extractor's own terms (`lskg.extract.model`): entity mentions, document mentions with their
relations, project facts, memberships and observations, each with the character span it stands
at and the sentence it stands in. Graph mode hands that record to the project's
`SourceGraphBuilder`, so the source graph is exactly what a build would write if extraction
found everything; corpus mode keeps only the text and lets the real pipeline extract it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Callable

from lskg.extract.legal_refs import mention_handle
from lskg.extract.model import (DocumentMention, EntityMention, Extraction, LiteralFact, Membership, Observation,
                                Relation, Span)
from lskg.text.dates import Period, first_months, instant, year, years
from lskg.text.normalise import normalise_text
from lskg.vocab import ELI, IND, INVF, LSKG, POST, PROV, ROLE, SCHEMA, STATUS, UOM

from . import phrases
from .figures import (BUDGET, BY_CODE, CHILDREN, DISTRICT, MACRO, PROJECT_SPECS, SOCIAL, Figures, Spec, rounded,
                      same_period_before, unit_of, vn_number)
from .world import POST_WORDS, YEARS, LegalDoc, Named, Project, Province, World, entity_key

# report kinds: when they are dated (month, first day, last day; +1 year for the press), what they cover
KINDS = {
    "annual": ((12, 5, 25), 0),
    "half": ((7, 5, 20), 0),
    "nine": ((10, 3, 15), 0),
    "press": ((1, 8, 28), 1),
    "thematic": ((8, 1, 28), 0),
}
KIND_WEIGHTS = (("annual", 3), ("half", 2), ("nine", 1), ("press", 3), ("thematic", 1))
# the sections a report is made of, and how often each kind of report has them
SECTIONS = {
    "annual": (("macro", 4), ("budget", 3), ("social", 3), ("district", 2), ("legal", 3), ("project", 2),
               ("people", 1), ("gate", 1), ("targets", 1)),
    "half": (("macro", 4), ("budget", 3), ("social", 2), ("legal", 2), ("project", 2), ("people", 1),
             ("targets", 1)),
    "nine": (("macro", 4), ("budget", 3), ("social", 2), ("legal", 1), ("project", 1), ("people", 1)),
    "press": (("macro", 4), ("budget", 2), ("social", 2), ("district", 1), ("legal", 1), ("project", 2),
              ("people", 2), ("gate", 1)),
    "thematic": (("budget", 1), ("legal", 5), ("project", 4), ("people", 1), ("district", 1)),
}


@dataclass
class ReportPlan:
    province: Province
    kind: str
    year: int  # the year the report is about
    index: int  # its number in the corpus (file names, ids)
    size: float  # how many sections' worth of content after the opening: the size knob


@dataclass
class Written:
    text: str
    extraction: Extraction
    meta: dict[str, str]  # the sources.csv row


@dataclass
class _Sentence:
    start: int
    pending: list[Callable[[Span], None]] = field(default_factory=list)


class ReportWriter:
    """Appends text and records what it states; a fact's evidence is the sentence it ends up in."""

    def __init__(self, world: World, figures: Figures, plan: ReportPlan):
        self.world, self.figures, self.plan = world, figures, plan
        self.p = plan.province
        self.ref = world.ref
        self.rng = world.rng("report", plan.index)
        self.parts: list[str] = []
        self.pos = 0
        self.ex = Extraction()
        self._sentence: _Sentence | None = None
        self._said: set = set()  # indicators and documents already stated: a report states each once
        self.density = 1.0
        self._heading = None
        self.doc_id = f"{plan.index:05d}"
        months, shift = KINDS[plan.kind]
        self.date = date(plan.year + shift, months[0], self.rng.randint(months[1], months[2]))

    # -- text primitives -----------------------------------------------------------------------
    def put(self, text: str) -> Span:
        span = Span(self.pos, self.pos + len(text))
        self.parts.append(text)
        self.pos += len(text)
        return span

    def begin(self) -> None:
        if self.parts and not self.parts[-1].endswith(("\n", " ")):
            self.put(" ")
        self._sentence = _Sentence(self.pos)

    def end(self) -> None:
        self.put(".")
        s = self._sentence
        evidence = Span(s.start, self.pos)
        for record in s.pending:
            record(evidence)
        self._sentence = None

    def paragraph(self) -> None:
        if self.parts:
            self.put("\n\n")

    def later(self, record: Callable[[Span], None]) -> None:
        self._sentence.pending.append(record)

    def line(self, text: str) -> None:
        """A heading or title: its own paragraph, stating nothing."""
        self.paragraph()
        self.put(text)

    def heading(self, text: str) -> None:
        """A section heading, once for consecutive sections of one kind."""
        if text != self._heading:
            self.line(text)
            self._heading = text

    def few(self, low: int, high: int) -> int:
        """How many items a section states: between low and high, fewer in a small report (never 0
        unless low is)."""
        return max(min(low, 1), round(self.rng.randint(low, high) * self.density))

    def fresh(self, items: list, n: int) -> list:
        """Up to `n` of `items` this report has not stated yet."""
        left = [i for i in items if i not in self._said]
        chosen = self.rng.sample(left, min(n, len(left)))
        self._said.update(chosen)
        return chosen

    # -- entities --------------------------------------------------------------------------------
    def name(self, e: Named, surface: str | None = None) -> Span:
        span = self.put(surface or e.surface)
        self.later(lambda ev: self.ex.entities.append(EntityMention(
            entity_key(e.iri), e.kind, span, ev, e.candidate, e.label if e.candidate else None, e.types if e.candidate else ())))
        return span

    def template(self, text: str) -> None:
        """A filler sentence: its {placeholders} name the province's bodies and places."""
        districts = self.rng.sample(self.p.districts, min(3, len(self.p.districts)))  # one per {district}
        self.begin()
        rest = text
        while "{" in rest:
            head, _, tail = rest.partition("{")
            key, _, rest = tail.partition("}")
            self.put(head[:1].upper() + head[1:] if self.pos == self._sentence.start else head)
            if key == "province":
                self.name(self.p.entity, self.p.name)
            else:
                e = districts.pop() if key == "district" else self.p.bodies[key]
                self.name(e, e.surface[:1].upper() + e.surface[1:] if self.pos == self._sentence.start else None)
        self.put(rest.rstrip("."))
        self.end()

    def filler(self, n: int = 1) -> None:
        for text in self.fresh(list(phrases.FILLER), round(n * self.density)):
            self.template(text)

    # -- documents -------------------------------------------------------------------------------
    def document(self, d: LegalDoc, issuer: bool = True, title: bool = False, dated: bool = True) -> DocumentMention:
        start = self.put(f"{d.type_word} số {d.id_local}").start
        if dated:
            self.put(f" ngày {d.date.day:02d}/{d.date.month:02d}/{d.date.year}")
        span = Span(start, self.pos)
        if issuer:
            self.put(" của ")
            self.name(d.issuer)
        stated_title, inner = None, None
        if title:
            t = self.put(" về ").start + 1
            self.put(d.title)
            cited = [doc for rel, doc in d.basis if rel == "cites"]
            if cited:  # "về việc sơ kết Nghị quyết số …": the title cites it
                self.put(" ")
                inner = self.document(cited[0])
            # the extractor's trích yếu: from "về", capitalised
            stated_title = "V" + "".join(self.parts)[t + 1:self.pos]
        year_in_symbol = int(d.id_local.split("/")[1]) if d.family == "normative" else None
        dm = DocumentMention(span=span, evidence=span, doc_type=d.doc_type, number=str(d.number),
                             id_local=d.id_local, symbol_codes=d.codes, family=d.family,
                             date=d.date if dated else None, year=d.date.year if dated else year_in_symbol,
                             issuer=entity_key(d.issuer.iri), issuer_source="text", title=stated_title,
                             surface="".join(self.parts)[span.start:span.end], group=len(self.ex.documents))

        def record(ev: Span) -> None:
            dm.evidence = ev
        self.later(record)
        self.ex.documents.append(dm)
        if inner is not None:
            self.relate(dm, "cites", inner)
        return dm

    def relate(self, subject: DocumentMention, predicate: str, obj: DocumentMention) -> None:
        self.later(lambda ev: self.ex.relations.append(
            Relation(mention_handle(subject), str(ELI[predicate]), mention_handle(obj), ev)))

    # -- figures ---------------------------------------------------------------------------------
    def value(self, spec: Spec, subject: str, period: Period, kind: str, number: Decimal, *,
              indicator: str | None = None, upper: Decimal | None = None, comparison: Period | None = None,
              percent: bool = False, sign: int = 1) -> None:
        """The number and its unit; `percent` for a derived change or share of plan ("12,3%"),
        `sign` -1 where the words say "giảm" (the observation holds the signed change)."""
        unit = "%" if percent else spec.unit
        text = vn_number(number) + (f" - {vn_number(upper)}" if upper is not None else "") + unit
        span = self.put(text)
        unit_iri = str(UOM.percent) if percent else unit_of(self.ref, spec)
        mult = 0 if percent else spec.unit_mult
        self.later(lambda ev: self.ex.observations.append(Observation(
            indicator or str(IND[spec.code]), entity_key(subject), period, number * sign, unit_iri, kind, text, span, ev, mult,
            "range" if upper is not None else None, upper, comparison)))

    def stated(self, spec: Spec, subject: str, period: Period, kind: str, scale: float = 1.0) -> Decimal:
        number = self.figures.printed(self.doc_id, subject, spec, period, kind, scale)
        self.value(spec, subject, period, kind, number)
        return number

    def extras(self, spec: Spec, subject: str, period: Period, kind: str, number: Decimal) -> None:
        """", tăng 12,3% so với cùng kỳ" and ", đạt 95,2% dự toán" after a level, now and then."""
        if spec.measure not in ("flow", "level") or kind not in ("actual", "estimate"):
            return
        if self.rng.random() < 0.5:
            change = self.figures.change(subject, spec, period, number)
            self.put(", tăng " if change >= 0 else ", giảm ")
            self.value(spec, subject, period, kind, abs(change), indicator=f"{IND[spec.code]}--change",
                       comparison=same_period_before(period), percent=True, sign=1 if change >= 0 else -1)
            self.put(" so với cùng kỳ")
        if spec.measure == "flow" and self.rng.random() < 0.4:
            share = self.figures.share_of_plan(subject, spec, period, number)
            self.put(", đạt ")
            self.value(spec, subject, period, kind, share, indicator=f"{IND[spec.code]}--share-of-plan", percent=True)
            self.put(f" {spec.plan_word}")

    def of_province(self, said: bool) -> None:
        if said:
            self.put(" của ")
            self.name(self.p.entity)

    def figure(self, spec: Spec, period: Period, phrase: str, kind: str) -> None:
        """One sentence: "<Indicator> <period> ước đạt <value>[, tăng …][, đạt …% kế hoạch]." (or with
        the period first), and the breakdown after "trong đó" where the indicator has one."""
        subject = self.p.iri
        verb = {"estimate": f"ước {spec.verb}".strip(), "projection": f"dự kiến {spec.verb}".strip(),
                "target": "phấn đấu đạt"}.get(kind, spec.verb)
        self.begin()
        of_province = self.rng.random() < 0.35  # "… của tỉnh Lạng Sơn …", as the press writes
        if kind == "provisional":
            self.put(f"Sơ bộ {phrase}, {spec.head}")
            self.of_province(of_province)
            self.put(f" {spec.verb} ")
        elif kind == "plan":
            self.put(f"Kế hoạch {phrase}, {spec.head}")
            self.of_province(of_province)
            self.put(" là ")
        elif self.rng.random() < 0.5:
            self.put(f"{phrase[:1].upper()}{phrase[1:]}, {spec.head}")
            self.of_province(of_province)
            self.put(f" {verb} ")
        else:
            self.put(f"{spec.head[:1].upper()}{spec.head[1:]}")
            self.of_province(of_province)
            self.put(f" {phrase} {verb} ")
        number = self.stated(spec, subject, period, kind)
        self.extras(spec, subject, period, kind, number)
        children = CHILDREN.get(spec.code, [])
        if children and kind in ("actual", "estimate", "provisional"):
            self.put(", trong đó" + (":" if spec.measure == "rate" else ""))
            for i, child in enumerate(children):
                self.put((" " if i == 0 else "; " if spec.measure == "rate" else ", ") + child.head
                         + (f" {child.verb} " if child.verb else " "))
                if spec.measure == "flow":  # parts of a sum: shares of the printed total
                    self.value(child, subject, period, kind, self.figures.part(subject, child, number, len(children)))
                else:
                    self.stated(child, subject, period, kind)
        self.end()

    # -- sections ----------------------------------------------------------------------------------
    def _periods(self) -> list[tuple[Period, str, str]]:
        """(period, how the text says it, value kind) this kind of report states figures for."""
        y = self.plan.year
        return {
            "annual": [(year(y), f"năm {y}", "estimate")] * 4 + [(year(y - 1), f"năm {y - 1}", "actual")],
            "half": [(first_months(y, 6), f"6 tháng đầu năm {y}", "estimate")],
            "nine": [(first_months(y, 9), f"9 tháng đầu năm {y}", "estimate")],
            "press": [(year(y), f"năm {y}", "actual"), (year(y), f"năm {y}", "provisional")],
            "thematic": [(year(y - 1), f"năm {y - 1}", "actual")],
        }[self.plan.kind]

    def section_figures(self, codes: tuple[str, ...], heading: str) -> None:
        """3 to 6 figures of a group. Reports about one province and year lead with the same
        indicators (one order per province, year and group), so their figures meet and compare."""
        self.heading(heading)
        self.paragraph()
        # the first indicator of a group is the headline every report states (GRDP growth, budget revenue)
        order = [codes[0], *self.world.rng("headline", self.p.iri, self.plan.year, heading).sample(codes[1:], len(codes) - 1)]
        chosen = [c for c in order if c not in self._said][:self.few(3, 6)]
        self._said.update(chosen)
        for code in chosen:
            spec = BY_CODE[code]
            # the headline is about the report's own period; the others may look back
            period, phrase, kind = self._periods()[0] if code == codes[0] else self.rng.choice(self._periods())
            if spec.measure == "stock" and self.rng.random() < 0.5:
                day = date(self.date.year, 6, 30) if self.date.month > 6 else date(self.date.year - 1, 12, 31)
                period, phrase, kind = instant(day), f"tính đến ngày {day.day}/{day.month}/{day.year}", "actual"
            self.figure(spec, period, phrase, kind)
        self.filler(self.rng.randint(2, 4))

    def section_district(self) -> None:
        self.paragraph()
        for d in self.fresh(self.p.districts, self.few(1, 3)):
            spec = BY_CODE[self.rng.choice(DISTRICT)]
            period, phrase, kind = self._periods()[0]
            if spec.measure == "stock":
                kind = "actual"
            scale = self.world.rng("district-scale", d.iri).uniform(0.04, 0.2)
            self.begin()
            self.name(d, d.label)
            self.put(f" {phrase} có {spec.head} {'ước ' if kind == 'estimate' else ''}{spec.verb} ")
            number = self.figures.printed(self.doc_id, d.iri, spec, period, kind, scale)
            self.value(spec, d.iri, period, kind, number)
            self.end()

    def section_legal(self) -> None:
        self.heading(phrases.HEADINGS["legal"])
        self.paragraph()
        pool = [d for y in range(self.plan.year - 2, self.plan.year + 1) for d in self.world.province_docs(self.p, y)
                if d.date < self.date]
        # the first sentence is about a document that applies or rests on another
        linked = [d for d in pool if d.basis and d not in self._said]
        for d in self.fresh(linked, 1) + self.fresh(pool, self.few(0, 3)):
            self.legal_sentence(d)
        self.filler(self.rng.randint(2, 4))

    def legal_sentence(self, d: LegalDoc) -> None:
        """The document, who issued it and what it applies, rests on or cites."""
        basis = [(rel, doc) for rel, doc in d.basis if rel != "cites"]
        self.begin()
        first = None
        if basis:
            rel, earlier = basis[0]
            self.put("Thực hiện " if rel == "applies" else "Căn cứ ")
            first = self.document(earlier)
            self.put(", ")
            self.name(d.issuer)
            self.put(" đã ban hành " if rel == "applies" else " ban hành ")
        else:
            self.name(d.issuer, d.issuer.surface[:1].upper() + d.issuer.surface[1:])
            self.put(" đã ban hành ")
        undated = d.doc_type == "cv" and self.rng.random() < 0.2  # a công văn cited without its date
        dm = self.document(d, issuer=False, title=not undated, dated=not undated)
        if first is not None:
            self.relate(dm, basis[0][0], first)
        self.end()

    def section_project(self) -> None:
        self.heading(phrases.HEADINGS["projects"])
        # the first project is one whose investment policy was approved before the report
        approved = [pr for pr in self.p.projects if self._policy_document(pr) is not None]
        for project in self.fresh(approved, 1) + self.fresh(self.p.projects, self.few(0, 1)):
            self.paragraph()
            self.project(project)
            self.filler(1)

    def project(self, pr: Project) -> None:
        e = pr.entity
        plan_period = years(pr.first, pr.last)
        self.begin()
        self.put("Dự án ")
        self.name(e, e.label)
        self.put(" tại ")
        self.name(pr.district, pr.district.surface)
        self.later(lambda ev: self.ex.relations.append(Relation(entity_key(e.iri), str(SCHEMA.location), entity_key(pr.district.iri), ev)))
        self.put(" có tổng mức đầu tư ")
        self.value(PROJECT_SPECS["total"], e.iri, plan_period, "plan", Decimal(pr.total))
        if pr.length_km:
            self.put(f", {PROJECT_SPECS['length'].head} ")
            self.value(PROJECT_SPECS["length"], e.iri, plan_period, "plan", Decimal(pr.length_km))
        self.put(f", thời gian thực hiện {pr.first} - {pr.last}")
        self.later(lambda ev: self.ex.facts.append(LiteralFact(entity_key(e.iri), str(LSKG.plannedPeriod), plan_period, ev)))
        self.end()
        basis = self._policy_document(pr)
        if basis is not None:
            self.begin()
            self.name(e, e.label)
            self.put(" được phê duyệt chủ trương đầu tư tại ")
            dm = self.document(basis)
            self.later(lambda ev: self.ex.relations.append(
                Relation(entity_key(e.iri), str(LSKG.investmentPolicyApprovedBy), mention_handle(dm), ev)))
            self.end()
        owner = self.p.bodies[pr.owner]
        self.begin()
        self.name(e, e.label)
        self.put(f" được đầu tư theo hình thức {pr.form_phrase}, chủ đầu tư là ")
        self.name(owner)
        self.later(lambda ev: self.ex.relations.extend((
            Relation(entity_key(e.iri), str(LSKG.investmentForm), str(INVF[pr.form]), ev),
            Relation(entity_key(e.iri), str(PROV.qualifiedAssociation), f"{ROLE.owner}|{entity_key(owner.iri)}", ev))))
        self.end()
        self.project_status(pr)

    def _policy_document(self, pr: Project) -> LegalDoc | None:
        """The HĐND resolution that approved the project's investment policy: the same in every report."""
        rng = self.world.rng("policy", pr.entity.iri)
        when = max(YEARS[0], pr.first - 1)
        docs = [d for d in self.world.province_docs(self.p, when) if d.issuer.iri == self.p.bodies["hdnd"].iri]
        doc = rng.choice(docs) if docs else None
        return doc if doc is not None and doc.date < self.date else None

    def project_status(self, pr: Project) -> None:
        e, y = pr.entity, self.plan.year
        self.begin()
        if y < pr.first:
            status, when = "preparing", None
            self.put("Tỉnh đang chuẩn bị đầu tư ")
            self.name(e, e.label)
        elif y == pr.first:
            month = self.rng.randint(1, 11 if self.date.year > y else max(1, self.date.month - 1))
            status, when = "under-construction", f"{y}-{month:02d}"
            self.put(f"Tháng {month}/{y}, tỉnh tổ chức lễ khởi công ")
            self.name(e, e.label)
        elif y <= pr.last:
            status, when = "under-construction", None
            self.name(e, e.label)
            self.put(" đang thi công")
        else:
            status, when = "completed", str(pr.last)
            self.name(e, e.label)
            self.put(f" đã hoàn thành trong năm {pr.last}")
        prop = LSKG.startedOn if status == "under-construction" else LSKG.completedOn

        def record(ev: Span) -> None:
            self.ex.relations.append(Relation(entity_key(e.iri), str(LSKG.projectStatus), str(STATUS[status]), ev))
            if when:
                self.ex.facts.append(LiteralFact(entity_key(e.iri), str(prop), when, ev))
        self.later(record)
        self.end()
        if pr.first <= y <= pr.last and self.date.month > 6:
            day = date(y, 6, 30)
            self.begin()
            self.put(f"Lũy kế đến ngày {day.day}/{day.month}/{y}, {PROJECT_SPECS['disbursed'].head} đạt ")
            share = self.world.rng("disbursed", e.iri, y).uniform(0.1, 0.9)
            self.value(PROJECT_SPECS["disbursed"], e.iri, instant(day), "actual", rounded(pr.total * share, 1))
            self.end()

    def section_people(self) -> None:
        self.paragraph()
        person = self.rng.choice(self.p.people)
        self.begin()
        self.put("Đồng chí ")
        self.name(person.entity, person.entity.label)
        for post, body_key in person.posts:
            self.put(", ")
            body = self.p.bodies[body_key]
            if post == "chairman" and body_key == "ubnd" and "chairman" in self.p.bodies:
                self.name(self.p.bodies["chairman"])  # "Chủ tịch UBND tỉnh" is a post of its own
            else:
                self.put(f"{POST_WORDS[post]} ")
                self.name(body)
            self.later(lambda ev, post=post, body=body: self.ex.memberships.append(
                Membership(entity_key(person.entity.iri), str(POST[post]), entity_key(body.iri), ev)))
        self.put(", " + self.rng.choice(("chủ trì hội nghị", "phát biểu chỉ đạo tại hội nghị",
                                         "kiểm tra tiến độ các công trình trọng điểm")))
        self.end()

    def section_gate(self) -> None:
        if not self.p.gates:
            return
        self.paragraph()
        self.begin()
        self.put("Hoạt động xuất nhập khẩu qua ")
        self.name(self.rng.choice(self.p.gates))
        self.put(" diễn ra thông suốt, công tác quản lý được tăng cường")
        self.end()

    def section_targets(self) -> None:
        if "targets" in self._said:
            return
        self._said.add("targets")
        self.heading(phrases.HEADINGS["targets"])
        self.paragraph()
        target_year = self.plan.year + (1 if self.plan.kind == "annual" else 0)
        period, phrase = year(target_year), f"năm {target_year}"
        growth = BY_CODE["grdp-growth"]
        low = Decimal(round(self.figures.truth(self.p.iri, growth, period)))
        self.begin()
        self.put(f"{phrase[:1].upper()}{phrase[1:]}, tỉnh phấn đấu {growth.head} đạt ")
        self.value(growth, self.p.iri, period, "target", low, upper=low + 1)
        self.end()
        for code, kind in (("budget-revenue", "target"), ("total-social-investment", "plan"),
                           ("forest-cover-rate", "projection")):
            self.figure(BY_CODE[code], period, phrase, kind)

    # -- the whole report ----------------------------------------------------------------------------
    def write(self) -> Written:
        y, p = self.plan.year, self.p
        title = phrases.REPORT_TITLES[self.plan.kind].format(year=y, next=y + 1, province=p.name, first=y - 4)
        if self.plan.kind == "press":
            self.line(title)
        else:
            self.line("BÁO CÁO")
            subject = title.removeprefix("Báo cáo ")
            self.line(subject[:1].upper() + subject[1:])
        self.paragraph()
        self.template(self.rng.choice(phrases.OPENINGS).format(year=y, province="{province}"))
        self.filler(1)
        weights = SECTIONS[self.plan.kind]
        # every report has figures and cites documents, an annual report also speaks of projects;
        # the rest is drawn by the kind's weights
        chosen = [weights[0][0], "legal"] + (["project"] if self.plan.kind == "annual" else [])
        # below the sections every report has, each of them says less (fewer figures, documents)
        self.density = min(1.0, self.plan.size / len(chosen))
        chosen += self.rng.choices([s for s, _w in weights], [w for _s, w in weights],
                                   k=max(0, round(self.plan.size) - len(chosen)))
        order = [s for s, _w in weights]
        for section in sorted(chosen, key=order.index):
            {"macro": lambda: self.section_figures(MACRO, phrases.HEADINGS["macro"]),
             "budget": lambda: self.section_figures(BUDGET, phrases.HEADINGS["budget"]),
             "social": lambda: self.section_figures(SOCIAL, phrases.HEADINGS["sector"]),
             "district": self.section_district, "legal": self.section_legal, "project": self.section_project,
             "people": self.section_people, "gate": self.section_gate, "targets": self.section_targets,
             }[section]()
        text = "".join(self.parts) + "\n"
        if normalise_text(text) != text:  # offsets count code points of the normalised text
            raise ValueError("a phrase is not in NFC: fix phrases.py")
        publisher = self.rng.choice(phrases.PUBLISHERS).format(province=p.name)
        meta = {"id": self.doc_id, "title": title, "publisher": publisher,
                "author": self.world.random_name(self.rng) if self.plan.kind == "press" else "",
                "date": self.date.isoformat(), "url": f"https://example.org/lskg-synthetic/{p.slug}/{self.doc_id}",
                "language": "vi", "jurisdiction": p.slug}
        return Written(text, self.ex, meta)


def write_report(world: World, figures: Figures, plan: ReportPlan) -> Written:
    return ReportWriter(world, figures, plan).write()


def pick_kind(rng: random.Random, exclude: str = "") -> str:
    kinds = [(k, w) for k, w in KIND_WEIGHTS if k != exclude]
    return rng.choices([k for k, _w in kinds], [w for _k, w in kinds])[0]
