"""The synthetic world a generated corpus talks about: provinces with their districts, bodies,
people, projects and border gates, and the legal documents those bodies issue.

Lạng Sơn comes from the project's own reference data (data/reference), so its bodies and
places keep their curated IRIs; every other province is invented (phrases.py) and minted with
the project's `Minter`, the way `lskg build` mints entities it finds in text. The invented
provinces' identity, names and hierarchy are written into the reference graph, as data/reference
would hold them; what documents say about them is left to the reports (report.py).

Everything is drawn from `random.Random` instances seeded with strings derived from the seed, so a
seed gives the same world, document for document.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, ORG, RDF, SKOS

from lskg.extract.reference import Reference
from lskg.graph.iris import Minter, Registry
from lskg.text.normalise import fold, slug
from lskg.vocab import GATECAT, ID, LSKG, ORGKIND, PLACEKIND, SCHEMA

from . import phrases

LANG_SON = str(ID["place/tinh-lang-son"])


def entity_key(iri: str) -> str:
    """The identity key the extractors give a thing of this world (extract.model): its path under ID."""
    return iri.removeprefix(str(ID))


@dataclass(frozen=True)
class Named:
    """Something a report names: its IRI, the kind the entity extractor gives it, and its name."""

    iri: str
    kind: str  # organisation | post | place | project | person | border-gate
    label: str  # full Vietnamese name
    surface: str  # how a report about its own province writes it ("UBND tỉnh")
    candidate: bool = False  # not in the reference data: a source graph introduces it
    types: tuple[str, ...] = ()  # rdf:type IRIs of a candidate


@dataclass(frozen=True)
class Person:
    entity: Named
    posts: tuple[tuple[str, str], ...]  # (post concept code, body key): "Phó Bí thư Tỉnh ủy"


@dataclass(frozen=True)
class Project:
    entity: Named
    district: Named
    form: str  # investment-form code
    form_phrase: str  # how the text says it
    first: int  # planned period
    last: int
    total: int  # total investment, tỷ đồng
    length_km: int | None
    owner: str  # body key


@dataclass(frozen=True)
class LegalDoc:
    doc_type: str  # doc-type code
    type_word: str  # as printed: "Nghị quyết"
    number: int
    id_local: str
    codes: tuple[str, ...]
    family: str  # party | state | normative
    date: date
    issuer: Named
    title: str  # the trích yếu after "về"
    basis: tuple[tuple[str, "LegalDoc"], ...] = ()  # (applies | based_on | cites, earlier document)


@dataclass
class Province:
    iri: str
    name: str
    entity: Named
    districts: list[Named]
    bodies: dict[str, Named]
    people: list[Person] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    gates: list[Named] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.iri.rsplit("/", 1)[-1]


# body key, IRI tail, Vietnamese label, English label, surface in the province's own texts,
# org-kind, symbol code, parent key. Lạng Sơn's curated bodies carry the same tails and surfaces.
BODIES = (
    ("dang_bo", "dang-bo-tinh", "Đảng bộ tỉnh {p}", "{e} Provincial Party Organisation", "Đảng bộ tỉnh",
     "party", None, None),
    ("tinh_uy", "tinh-uy", "Tỉnh ủy {p}", "{e} Provincial Party Committee", "Tỉnh ủy",
     "party-committee", "TU", "dang_bo"),
    ("btv", "ban-thuong-vu-tinh-uy", "Ban Thường vụ Tỉnh ủy {p}",
     "Standing Committee of the {e} Provincial Party Committee", "Ban Thường vụ Tỉnh ủy", "party-organ", "TU",
     "tinh_uy"),
    ("hdnd", "hdnd", "Hội đồng nhân dân tỉnh {p}", "{e} Provincial People's Council", "HĐND tỉnh",
     "elected-body", "HĐND", None),
    ("ubnd", "ubnd", "Ủy ban nhân dân tỉnh {p}", "{e} Provincial People's Committee", "UBND tỉnh",
     "executive-body", "UBND", "hdnd"),
    ("chairman", "chu-tich-ubnd", "Chủ tịch UBND tỉnh {p}", "Chairman of the {e} Provincial People's Committee",
     "Chủ tịch UBND tỉnh", "state-post", None, None),
    ("so_khdt", "so-ke-hoach-va-dau-tu", "Sở Kế hoạch và Đầu tư tỉnh {p}", "{e} Department of Planning and Investment",
     "Sở Kế hoạch và Đầu tư", "department", None, "ubnd"),
    ("so_tc", "so-tai-chinh", "Sở Tài chính tỉnh {p}", "{e} Department of Finance", "Sở Tài chính",
     "department", None, "ubnd"),
    ("so_gtvt", "so-giao-thong-van-tai", "Sở Giao thông vận tải tỉnh {p}", "{e} Department of Transport",
     "Sở Giao thông vận tải", "department", None, "ubnd"),
    ("so_ct", "so-cong-thuong", "Sở Công Thương tỉnh {p}", "{e} Department of Industry and Trade", "Sở Công Thương",
     "department", None, "ubnd"),
    ("bqlda", "ban-quan-ly-du-an", "Ban Quản lý dự án đầu tư xây dựng tỉnh {p}",
     "{e} Construction Investment Project Management Board", "Ban Quản lý dự án đầu tư xây dựng tỉnh",
     "public-service-unit", None, "ubnd"),
)
# people's posts as reports print them after the name: (post code, body key)
POSTS = (
    (("secretary", "tinh_uy"),),
    (("deputy-secretary", "tinh_uy"), ("chairman", "ubnd")),
    (("deputy-secretary", "tinh_uy"), ("chairman", "hdnd")),
    (("vice-chairman", "ubnd"),),
    (("vice-chairman", "ubnd"),),
    (("director", "so_khdt"),),
    (("director", "so_tc"),),
    (("director", "so_gtvt"),),
)
POST_WORDS = {"secretary": "Bí thư", "deputy-secretary": "Phó Bí thư", "chairman": "Chủ tịch",
              "vice-chairman": "Phó Chủ tịch", "director": "Giám đốc"}
FORMS = (("public", "đầu tư công"), ("ppp", "đối tác công tư (PPP)"), ("private", "vốn tư nhân"),
         ("oda", "vốn ODA"), ("fdi", "vốn đầu tư trực tiếp nước ngoài"))
# central bodies (data/reference/organisations.ttl) by the tail of their IRI, with how texts name them
CENTRAL = {"chinh-phu": "Chính phủ", "thu-tuong-chinh-phu": "Thủ tướng Chính phủ", "quoc-hoi": "Quốc hội",
           "bo-chinh-tri": "Bộ Chính trị", "ban-bi-thu": "Ban Bí thư"}

# what provincial and central bodies issue in a year: (doc-type code, word, family, symbol, issuer key,
# topic key, how many a year are numbered, how many of them the reports get to mention)
PROVINCIAL_SERIES = (
    ("nq", "Nghị quyết", "normative", "{n}/{y}/NQ-HĐND", "hdnd", "nq-hdnd", 60, 4),
    ("nq", "Nghị quyết", "state", "{n}/NQ-HĐND", "hdnd", "nq-hdnd", 150, 3),
    ("qd", "Quyết định", "state", "{n}/QĐ-UBND", "ubnd", "qd-ubnd", 2500, 5),
    ("qd", "Quyết định", "normative", "{n}/{y}/QĐ-UBND", "ubnd", "qd-ubnd", 80, 2),
    ("kh", "Kế hoạch", "state", "{n}/KH-UBND", "ubnd", "kh-ubnd", 300, 4),
    ("cv", "Công văn", "state", "{n}/UBND-KT", "ubnd", "cv-ubnd", 5000, 2),
    ("nq", "Nghị quyết", "party", "{n}-NQ/TU", "tinh_uy", "party", 40, 2),
    ("ctr", "Chương trình hành động", "party", "{n}-CTr/TU", "tinh_uy", "party", 90, 2),
    ("ct", "Chỉ thị", "party", "{n}-CT/TU", "btv", "party", 30, 1),
    ("kh", "Kế hoạch", "party", "{n}-KH/TU", "btv", "party", 300, 2),
)
CENTRAL_TITLES = {
    "nq-cp": "nhiệm vụ, giải pháp chủ yếu thực hiện kế hoạch phát triển kinh tế - xã hội và dự toán ngân sách "
             "nhà nước năm {y}",
    "qd-ttg": "phê duyệt Đề án phát triển kinh tế cửa khẩu giai đoạn {y} - {plus5}",
    "nq-qh": "kế hoạch phát triển kinh tế - xã hội năm {next}",
    "nd-cp": "quy định chi tiết một số điều của Luật Đầu tư công",
    "nq-tw": "phương hướng phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh vùng đến năm 2030",
}
YEARS = range(2019, 2026)


class World:
    """Provinces and their documents. `graph` is the reference graph, extended with the invented
    provinces (identity, names, hierarchy, as data/reference would hold them)."""

    def __init__(self, graph: Graph, ref: Reference, seed: int, provinces: int, scale: float = 1.0):
        self.graph = graph
        self.ref = ref
        self.seed = seed
        known = {str(s) for s in graph.subjects() if str(s).startswith(str(ID))}
        self.registry = Registry(taken=set(known))  # curated IRIs are never minted again
        self.minter = Minter(self.registry)
        # names already given, per namespace; real provinces and curated places are never reused
        self._place_names = {fold(n) for n in phrases.REAL_PROVINCES} | {
            fold(iri.rsplit("/", 1)[-1].split("-", 1)[-1].replace("-", " ")) for iri in known if "/place/" in iri}
        # a new name never repeats a curated one ("Khu công nghiệp Hữu Lũng" is data/reference's)
        self._labels_given = {fold(str(o)) for p in (SKOS.prefLabel, SKOS.altLabel) for o in graph.objects(None, p)}
        self._surnames = sorted(s.title() for s in ref.cue_lookup("surname") if s[:1].isalpha())
        self.central = {tail: Named(str(ID[f"org/{tail}"]), "post" if tail == "thu-tuong-chinh-phu" else "organisation",
                                    label, label) for tail, label in CENTRAL.items()}
        rng = self.rng("world")
        self.provinces = [self._lang_son(rng, scale)]
        while len(self.provinces) < provinces:
            self.provinces.append(self._invent_province(rng, scale))
        # documents are scoped by their issuer's place (legal/{scope}/…), as the build does
        self.minter.scope_of.update({org: place.rsplit("/", 1)[-1] for org, place in Reference(graph).org_scope.items()})

    def rng(self, *parts: object) -> random.Random:
        return random.Random("|".join(map(str, (self.seed, *parts))))

    # -- names -------------------------------------------------------------------------------
    def _place_name(self, rng: random.Random) -> str:
        while True:
            name = f"{rng.choice(phrases.SYLLABLES_A)} {rng.choice(phrases.SYLLABLES_B)}"
            if fold(name) not in self._place_names:
                self._place_names.add(fold(name))
                return name

    def _fresh(self, rng: random.Random, make) -> str:
        """A label not given yet: `make(rng)` until one is new."""
        while True:
            label = make(rng)
            if fold(label) not in self._labels_given:
                self._labels_given.add(fold(label))
                return label

    def random_name(self, rng: random.Random) -> str:
        """A person's name whose surname is in the surname code list (so the extractor sees a name)."""
        return " ".join((rng.choice(self._surnames), rng.choice(phrases.MIDDLE_NAMES), rng.choice(phrases.GIVEN_NAMES)))

    def _person_name(self, rng: random.Random) -> str:
        return self._fresh(rng, self.random_name)

    def _mint(self, kind_path: str, key_label: str) -> str:
        return str(self.minter.candidate(kind_path, key_label))

    # -- Lạng Sơn, from the reference data ---------------------------------------------------
    def _lang_son(self, rng: random.Random, scale: float) -> Province:
        g = self.graph
        province = URIRef(LANG_SON)
        districts = [self._reference_named(s, "place") for s in sorted(g.subjects(SCHEMA.containedInPlace, province))
                     if g.value(s, LSKG.placeKind) in (PLACEKIND.district, PLACEKIND.city)]
        bodies = {}
        for key, tail, _vi, _en, surface, *_rest in BODIES:
            iri = ID[f"org/tinh-lang-son/{tail}"]
            if (iri, None, None) in g:
                kind = "post" if (iri, RDF.type, ORG.Post) in g else "organisation"
                bodies[key] = Named(str(iri), kind, str(g.value(iri, SKOS.prefLabel)), surface)
        p = Province(LANG_SON, "Lạng Sơn", Named(LANG_SON, "place", "Tỉnh Lạng Sơn", "tỉnh Lạng Sơn"),
                     districts, bodies)
        # its gates are curated; its people and new projects are what extraction would find (candidates)
        p.gates = [self._reference_named(s, "border-gate") for s in sorted(g.subjects(RDF.type, LSKG.BorderGate))
                   if g.value(s, SCHEMA.containedInPlace) in {URIRef(d.iri) for d in districts}]
        p.people = self._people(rng, p, scale, candidates=True)
        p.projects = self._projects(rng, p, scale, candidates=True)
        return p

    def _reference_named(self, iri, kind: str) -> Named:
        label = str(self.ref.label(str(iri)))
        return Named(str(iri), kind, label, label[:1].lower() + label[1:])  # "huyện Tràng Định" inside a sentence

    # -- invented provinces ------------------------------------------------------------------
    def _invent_province(self, rng: random.Random, scale: float) -> Province:
        name = self._place_name(rng)
        english = fold(name).title()
        iri = self._mint("place", f"Tỉnh {name}")
        self._place(iri, f"Tỉnh {name}", f"{english} Province", PLACEKIND.province, str(ID["place/viet-nam"]),
                    alt=(f"tỉnh {name}", name))
        districts = []
        city = self._mint("place", f"tp {name}")
        self._place(city, f"Thành phố {name}", f"{english} City", PLACEKIND.city, iri, alt=(f"thành phố {name}",))
        districts.append(Named(city, "place", f"Thành phố {name}", f"thành phố {name}"))
        for _ in range(rng.randint(5, 10)):
            dname = self._place_name(rng)
            d = self._mint("place", f"Huyện {dname}")
            self._place(d, f"Huyện {dname}", f"{fold(dname).title()} District", PLACEKIND.district, iri,
                        alt=(f"huyện {dname}",))
            districts.append(Named(d, "place", f"Huyện {dname}", f"huyện {dname}"))
        province = Province(iri, name, Named(iri, "place", f"Tỉnh {name}", f"tỉnh {name}"), districts, {})
        pslug = province.slug
        for key, tail, vi, en, surface, kind, code, parent in BODIES:
            org = self._mint(f"org/{pslug}", tail)
            label = vi.format(p=name)
            self._org(org, label, en.format(e=english), surface, kind, code, iri,
                      province.bodies[parent].iri if parent else None, post_in=province.bodies.get("ubnd")
                      if key == "chairman" else None)
            province.bodies[key] = Named(org, "post" if key == "chairman" else "organisation", label, surface)
        province.people = self._people(rng, province, scale, candidates=False)
        province.projects = self._projects(rng, province, scale, candidates=False)
        if rng.random() < 0.4:  # a border province
            province.gates = self._gates(rng, province)
        return province

    def _add(self, s: str, p, o) -> None:
        self.graph.add((URIRef(s), p, o))

    def _labels(self, iri: str, vi: str, en: str, alt: tuple[str, ...] = ()) -> None:
        self._add(iri, SKOS.prefLabel, Literal(vi, lang="vi"))
        self._add(iri, SKOS.prefLabel, Literal(en, lang="en"))
        for a in alt:
            self._add(iri, SKOS.altLabel, Literal(a, lang="vi"))

    def _place(self, iri: str, vi: str, en: str, kind, parent: str, alt: tuple[str, ...] = ()) -> None:
        self._add(iri, RDF.type, LSKG.AdministrativeUnit)
        self._labels(iri, vi, en, alt)
        self._add(iri, LSKG.placeKind, kind)
        self._add(iri, SCHEMA.containedInPlace, URIRef(parent))

    def _org(self, iri: str, vi: str, en: str, local: str, kind: str, code: str | None, place: str,
             parent: str | None, post_in: Named | None = None) -> None:
        self._add(iri, RDF.type, ORG.Post if post_in else ORG.Organization)
        self._add(iri, RDF.type, FOAF.Agent)
        self._labels(iri, vi, en)
        self._add(iri, LSKG.localLabel, Literal(local, lang="vi"))
        self._add(iri, SCHEMA.areaServed, URIRef(place))
        self._add(iri, ORG.classification, ORGKIND[kind])
        if code:
            self._add(iri, ORG.identifier, Literal(code, datatype=LSKG.DocSymbolCode))
        if parent:
            self._add(iri, ORG.subOrganizationOf, URIRef(parent))
        if post_in:
            self._add(iri, ORG.postIn, URIRef(post_in.iri))

    def _people(self, rng: random.Random, p: Province, scale: float, candidates: bool) -> list[Person]:
        people = []
        posts = [posts for posts in POSTS if all(body in p.bodies for _post, body in posts)]
        for i in range(max(2, round(len(posts) * scale))):
            name = self._person_name(rng)
            iri = str(self.minter.person(name))
            if not candidates:
                self._add(iri, RDF.type, FOAF.Person)
                self._add(iri, FOAF.name, Literal(name))
                self._labels(iri, name, fold(name).title())
            people.append(Person(Named(iri, "person", name, name, candidates, (str(FOAF.Person),)),
                                 posts[i % len(posts)]))
        return people

    def _projects(self, rng: random.Random, p: Province, scale: float, candidates: bool) -> list[Project]:
        projects = []
        owners = [k for k in ("bqlda", "so_gtvt", "so_khdt", "ubnd") if k in p.bodies]
        # projects are named after the province's districts, as they mostly are
        places = [d.label.split(" ", 1)[1] if d.label.startswith("Huyện") else p.name for d in p.districts]
        for _ in range(max(2, round(rng.randint(8, 24) * scale))):
            kind, english = rng.choice(phrases.PROJECT_KINDS)
            if kind == "Cao tốc":
                ends = sorted(set(places) | {p.name})
                label = self._fresh(rng, lambda r: f"{kind} {' - '.join(r.sample(ends, 2))}")
            else:
                label = self._fresh(rng, lambda r: f"{kind} {r.choice(places)} {r.choice(('', '', 'II', '2'))}".strip())
            name_en = fold(label.removeprefix(kind).strip()).title()
            iri = self._mint("project", label)
            if not candidates:
                self._add(iri, RDF.type, LSKG.InvestmentProject)
                self._labels(iri, label, f"{name_en} {english}", alt=(f"dự án {label}",))
            first = rng.choice(YEARS) - rng.randint(0, 2)
            form, phrase = rng.choice(FORMS)
            projects.append(Project(
                Named(iri, "project", label, label, candidates, (str(LSKG.InvestmentProject),)),
                rng.choice(p.districts), form, phrase, first, first + rng.randint(2, 5),
                rng.randint(150, 12000), rng.randint(12, 120) if kind == "Cao tốc" else None, rng.choice(owners)))
        return projects

    def _gates(self, rng: random.Random, p: Province) -> list[Named]:
        gates = []
        for category in rng.sample(("international", "main", "auxiliary", "auxiliary"), rng.randint(1, 3)):
            name = self._place_name(rng)
            word = {"international": "Cửa khẩu quốc tế", "main": "Cửa khẩu", "auxiliary": "Cửa khẩu phụ"}[category]
            iri = self._mint("border-gate", name)
            label = f"{word} {name}"
            self._add(iri, RDF.type, LSKG.BorderGate)
            self._labels(iri, label, f"{fold(name).title()} Border Gate", alt=(f"cửa khẩu {name}",))
            self._add(iri, LSKG.placeKind, PLACEKIND["border-gate"])
            self._add(iri, LSKG.gateCategory, GATECAT[category])
            self._add(iri, SCHEMA.containedInPlace, URIRef(rng.choice(p.districts[1:]).iri))
            cn_name = self._fresh(rng, lambda r: f"{r.choice(phrases.CHINESE_SYLLABLES_A)} "
                                                 f"{r.choice(phrases.CHINESE_SYLLABLES_B)}")
            cn = self._mint("border-gate", f"{cn_name} trung quoc")
            self._add(cn, RDF.type, LSKG.BorderGate)
            self._labels(cn, f"Cửa khẩu {cn_name} (Trung Quốc)", f"{fold(cn_name).title()} Border Gate (China)")
            self._add(cn, SCHEMA.containedInPlace, ID["place/trung-quoc"])
            pair = self._mint("border-gate-pair", f"{slug(name)}--{slug(cn_name)}")
            self._add(pair, RDF.type, LSKG.BorderGatePair)
            self._labels(pair, f"Cặp cửa khẩu {name} - {cn_name}", f"{fold(name).title()} - {fold(cn_name).title()}")
            for a, b in ((iri, cn), (cn, iri)):
                self._add(pair, LSKG.gate, URIRef(a))
                self._add(a, LSKG.counterpart, URIRef(b))
            gates.append(Named(iri, "border-gate", label, f"cửa khẩu {name}" if category != "international"
                               else f"cửa khẩu quốc tế {name}"))
        return gates

    # -- legal documents ---------------------------------------------------------------------
    def central_docs(self, year: int) -> list[LegalDoc]:
        return _central_docs(self, year)

    def province_docs(self, p: Province, year: int) -> list[LegalDoc]:
        return _province_docs(self, p.iri, year)

    def province(self, iri: str) -> Province:
        return next(p for p in self.provinces if p.iri == iri)


def _doc(kind: tuple, number: int, year: int, when: date, issuer: Named, title: str,
         basis: tuple = ()) -> LegalDoc:
    doc_type, word, family, symbol = kind[:4]
    id_local = symbol.format(n=number, y=year)
    if family == "party":
        codes = tuple(id_local.split("-", 1)[1].split("/"))
    elif family == "normative":
        codes = tuple(id_local.split("/", 2)[2].split("-"))
    else:
        codes = tuple(id_local.split("/", 1)[1].split("-"))
    return LegalDoc(doc_type, word, number, id_local, codes, family, when, issuer, title, basis)


def _day(rng: random.Random, year: int, first_month: int = 1, last_month: int = 12) -> date:
    return date(year, rng.randint(first_month, last_month), rng.randint(1, 28))


@lru_cache(maxsize=64)
def _central_docs(world: World, year: int) -> list[LegalDoc]:
    rng = world.rng("central", year)
    c = world.central
    fmt = {"y": year, "next": year + 1, "plus5": year + 5}
    docs = [_doc(("nq", "Nghị quyết", "state", "{n}/NQ-CP"), 1, year, date(year, 1, rng.randint(3, 8)),
                 c["chinh-phu"], CENTRAL_TITLES["nq-cp"].format(**fmt))]
    docs.append(_doc(("qd", "Quyết định", "state", "{n}/QĐ-TTg"), rng.randint(100, 1500), year,
                     _day(rng, year, 2, 10), c["thu-tuong-chinh-phu"], CENTRAL_TITLES["qd-ttg"].format(**fmt)))
    docs.append(_doc(("nq", "Nghị quyết", "normative", "{n}/{y}/QH15"), rng.randint(60, 140), year,
                     date(year, 11, rng.randint(8, 28)), c["quoc-hoi"], CENTRAL_TITLES["nq-qh"].format(**fmt)))
    docs.append(_doc(("nd", "Nghị định", "normative", "{n}/{y}/NĐ-CP"), rng.randint(10, 180), year,
                     _day(rng, year), c["chinh-phu"], CENTRAL_TITLES["nd-cp"].format(**fmt)))
    if year % 2 == 0:
        docs.append(_doc(("nq", "Nghị quyết", "party", "{n}-NQ/TW"), rng.randint(10, 60), year, _day(rng, year),
                         c["bo-chinh-tri"], CENTRAL_TITLES["nq-tw"].format(**fmt)))
    return sorted(docs, key=lambda d: d.date)


@lru_cache(maxsize=512)
def _province_docs(world: World, province_iri: str, year: int) -> list[LegalDoc]:
    """The documents a province's bodies issue in a year (those reports mention), oldest first;
    each may apply, rest on or cite an earlier one."""
    p = world.province(province_iri)
    rng = world.rng("docs", province_iri, year)
    fmt = {"year": year, "next": year + 1, "plus4": year + 4}
    drafts = []
    for kind in PROVINCIAL_SERIES:
        issuer_key, topics, numbered, mentioned = kind[4], kind[5], kind[6], kind[7]
        if issuer_key not in p.bodies:
            continue
        numbers = sorted(rng.sample(range(1, numbered + 1), mentioned))
        days = sorted(_day(rng, year) for _ in numbers)
        for n, when in zip(numbers, days):
            drafts.append((when, kind, n, p.bodies[issuer_key], rng.choice(phrases.DOCUMENT_TOPICS[topics]).format(**fmt)))
    earlier = [d for y in (year - 1, year) for d in world.central_docs(y)]
    if year - 1 in YEARS:
        earlier += [d for d in _province_docs(world, province_iri, year - 1) if d.family != "state" or d.doc_type == "nq"]
    docs: list[LegalDoc] = []
    for when, kind, n, issuer, title in sorted(drafts, key=lambda d: (d[0], d[2])):
        before = [d for d in earlier + docs if d.date < when]
        basis: tuple = ()
        roll = rng.random()
        if before and roll < 0.45:
            basis = (("applies", rng.choice(before)),)
        elif before and roll < 0.65:
            basis = (("based_on", rng.choice(before)),)
        elif before and roll < 0.72:
            cited = rng.choice(before)
            basis = (("cites", cited),)
            title = "việc sơ kết"  # the report prints the cited document after it
        docs.append(_doc(kind, n, year, when, issuer, title, basis))
    return docs
