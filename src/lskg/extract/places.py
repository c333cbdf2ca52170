"""Places of any province and border gates: the province gazetteer, names after a level word
("tỉnh Cao Bằng", "huyện Long Hồ", "xã Chi Ma"), and gates named after "cửa khẩu".

Provinces come from the `vietnam-provinces` package (today's 34 units, and the older ones where the
installed release carries its legacy tables) and from the reference data (which keeps the IRIs of the
provinces it lists and names the provinces merged away on 1 July 2025). Districts and communes are
recognised by the grammar (a level word then a proper name): their names are not listed anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.match import match_view
from ..text.normalise import slug
from ..vocab import LSKG, PLACEKIND, SCHEMA
from .context import SourceText
from .model import EntityMention, Span
from .reference import Reference

# level words before a place's name, longest first; the value is the key prefix of the level
LEVELS = {"thành phố": "tp", "thị trấn": "thi-tran", "thị xã": "thi-xa", "phường": "phuong", "huyện": "huyen",
          "quận": "quan", "tỉnh": "tinh", "tp.": "tp", "tp": "tp", "xã": "xa"}
LEVEL_WORDS = re.compile(r"(?<!\w)(?:thành phố|thị trấn|thị xã|phường|huyện|quận|tỉnh|tp\.|tp|xã)(?!\w)")
# the place kind (lskg:placeKind) of each level below the province
_LEVEL_KIND = {"tp": "city", "thi-tran": "township", "thi-xa": "town", "phuong": "ward", "huyen": "district",
               "quan": "district", "xa": "commune"}
_LEVEL_LABEL = {"tp": "Thành phố", "thi-tran": "Thị trấn", "thi-xa": "Thị xã", "phuong": "Phường", "huyen": "Huyện",
                "quan": "Quận", "tinh": "Tỉnh", "xa": "Xã"}
# "cửa khẩu quốc tế", "cửa khẩu chính", "cửa khẩu song phương", "cửa khẩu ga đường sắt", "Cửa khẩu cầu ..."
_GATE = re.compile(r"(?<!\w)(?:cửa khẩu|ck)(?:\s+(?:quốc tế|quốc gia|chính|phụ|song phương|đường bộ|đường sắt|"
                   r"ga đường sắt|cầu))*(?:\s*(?::|gồm|như|là))?(?=\s)")
_CATEGORY = re.compile(r"quốc tế|quốc gia|chính|phụ|song phương|đường bộ|đường sắt")
# a gate inside the name of an economic zone is the zone's name, not a mention of the gate
_ZONE_BEFORE = re.compile(r"(?:khu kinh tế|kkt|khu trung tâm)\s+$")
# a short clause between "cửa khẩu" and the gates it lists
_LIST_INTRO = re.compile(r"[^.;:\n()]{0,40}?\s(?:như|gồm|là)(?=\s)")
_SPACES = re.compile(r"[ \t]*")
_LIST_SEP = re.compile(r"\s*(?:,\s*và|,|và)\s+")
_PAREN = re.compile(r"\s*\([^()\n]{0,60}\)")
_ROMAN = re.compile(r"[IVX]{1,4}")


@dataclass(frozen=True)
class Province:
    key: str
    name: str  # "Cao Bằng", "Hà Nội"
    municipality: bool  # a centrally-run city ("thành phố Hà Nội") rather than a "tỉnh"

    @property
    def label(self) -> str:
        return f"{'thành phố' if self.municipality else 'tỉnh'} {self.name}"


def _package_provinces() -> list[tuple[str, bool]]:
    """(name, municipality) of every province `vietnam-provinces` holds: today's units, and the
    pre-2025 ones where the installed release has its `legacy` tables (releases for Python >= 3.12)."""
    try:
        import vietnam_provinces as vp
    except ImportError:  # the reference data still names the provinces the corpus is about
        return []
    found = [(p.name, p.division_type.value.startswith("thành phố")) for p in vp.Province.iter_all()]
    try:
        from vietnam_provinces.legacy import Province as LegacyProvince
    except ImportError:
        return found
    return found + [(p.name, p.division_type.value.startswith("thành phố")) for p in LegacyProvince.iter_all()]


def _capitalised(name: str) -> bool:
    """Every word starts with a capital ("Hòa Bình" the province, not "hòa bình" peace)."""
    return all(w[0].isupper() for w in re.findall(r"\w+", name))


def _bare(name: str) -> str:
    return re.sub(r"^(?:[Tt]ỉnh|[Tt]hành phố)\s+", "", name).strip()


class ProvinceGazetteer:
    """Every province by name, matched on the match view and only where the text capitalises it."""

    def __init__(self, ref: Reference):
        self.by_name: dict[str, Province] = {}
        self.by_key: dict[str, Province] = {}
        for kind, municipality in ((PLACEKIND.province, False), (PLACEKIND.municipality, True)):
            for key in ref.places_of_kind(str(kind)):
                if ref.label(key):
                    self._add(Province(key, _bare(ref.label(key)), municipality))
        for name, municipality in _package_provinces():
            name = _bare(name)
            if match_view(name) not in self.by_name:
                prefix = "tp" if municipality else "tinh"
                self._add(Province(f"place/{prefix}-{slug(name)}", name, municipality))
        names = sorted(self.by_name, key=lambda n: (-len(n), n))
        self.pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")

    def _add(self, p: Province) -> None:
        self.by_name.setdefault(match_view(p.name), p)
        self.by_key.setdefault(p.key, p)

    def named(self, name: str) -> Province | None:
        return self.by_name.get(match_view(re.sub(r"\s*[-–]\s*", " - ", name)))

    def find(self, text: str, view: str):
        """(start, end, Province) of every capitalised province name in a text and its match view."""
        for m in self.pattern.finditer(view):
            if _capitalised(text[m.start():m.end()]):
                yield m.start(), m.end(), self.by_name[m.group(0)]


_PERSON = re.compile(r"(\w+) ([A-ZĐÀ-Ỹ]\w* [A-ZĐÀ-Ỹ]\w*)")


def proper_name(text: str, pos: int, join_dash: bool = False, limit: int = 8,
                person_at=None) -> tuple[int, int] | None:
    """The capitalised name starting at `pos` (after optional spaces): "Chi Ma", "Bắc Luân II",
    "U Ma Tu Khoòng"; a number or roman numeral may close it ("Bắc Sơn 2"). `join_dash` reads
    "Đồng Đăng - Lạng Sơn" as one name (two names joined by a dash, as zones are named). A
    person's name after it is not part of it ("tỉnh Hà Giang Đàm Văn Bông")."""
    m = re.compile(r"[ \t]*").match(text, pos)
    start = end = m.end()
    words = 0
    for tok in re.finditer(r"[^\W\d_][\w'’.&]*|\d+", text[start:start + 200]):
        s, e = start + tok.start(), start + tok.end()
        if not words and s != start:
            break
        gap = text[end:s]
        if words and gap != " " and not (join_dash and re.fullmatch(r" ?[-–] ?", gap)):
            break
        word = tok.group(0).rstrip(".")
        e = s + len(word)
        if words and person_at and person_at(text, s):
            break
        if word[0].isupper() and not word.isdigit():
            end, words = e, words + 1
        elif words and gap == " " and (word.isdigit() and len(word) <= 2 or _ROMAN.fullmatch(word)):
            end = e
            break
        else:
            break
        if words >= limit:
            break
    return (start, end) if end > start else None


class PlaceFinder:
    """Administrative units after a level word, provinces by name, border gates after "cửa khẩu"."""

    def __init__(self, ref: Reference, gazetteer: ProvinceGazetteer):
        self.ref = ref
        self.gazetteer = gazetteer
        self.surnames = frozenset(ref.cue_lookup("surname"))

    def person_at(self, text: str, pos: int) -> bool:
        """A person's name starts at `pos`: a surname and two more capitalised words ("Nguyễn Tiến
        Hưng" after "Trưởng Ban quản lý khu kinh tế cửa khẩu Thanh Thủy"), unless the words name a
        province ("Hồ Chí Minh", "Nông Lâm Thái Nguyên"); a heading in capitals names no one."""
        m = _PERSON.match(text, pos)
        return bool(m and m.group(1)[0].isupper() and not m.group(0).isupper() and m.group(1).lower() in self.surnames
                    and not self.gazetteer.named(m.group(0)) and not self.gazetteer.named(m.group(2)))

    # -- units: "tỉnh Cao Bằng", "thành phố Hải Phòng", "huyện Long Hồ", "xã Chi Ma", "Cao Bằng" --
    def units(self, src: SourceText) -> list[EntityMention]:
        out, taken = [], []
        for m in LEVEL_WORDS.finditer(src.view):
            name = self.name_at(src, m.end())
            if not name or name[0] == m.end():
                continue
            s, e = name
            place = self.unit(m.group(0), src.text[s:e], src.jurisdiction)
            if place is None or src.text[s:e].isupper() and not self.gazetteer.named(src.text[s:e]):
                continue
            key, label = place
            province = self.gazetteer.by_key.get(key)
            if province:
                links = self._province_links(province)
            else:
                links = ((str(LSKG.placeKind), str(PLACEKIND[_LEVEL_KIND[LEVELS[m.group(0)]]])),)
                if self.gazetteer.by_key.get(src.jurisdiction):
                    links += ((str(SCHEMA.containedInPlace), src.jurisdiction),)
            out.append(self._place(src, key, label, m.start(), e, links))
            taken.append((m.start(), e))
        for s, e, province in self.gazetteer.find(src.text, src.view):
            if not any(a <= s < b for a, b in taken):
                out.append(self._place(src, province.key, province.label[0].upper() + province.label[1:], s, e,
                                       self._province_links(province)))
        return out

    @staticmethod
    def _province_links(province: Province) -> tuple[tuple[str, str], ...]:
        kind = PLACEKIND.municipality if province.municipality else PLACEKIND.province
        return (str(LSKG.placeKind), str(kind)), (str(SCHEMA.containedInPlace), "place/viet-nam")

    def _place(self, src: SourceText, key: str, label: str, s: int, e: int,
               links: tuple[tuple[str, str], ...]) -> EntityMention:
        new = self.ref.kind_of(key) is None  # a unit the reference data lacks is a candidate
        return EntityMention(key, "place", Span(s, e), src.sentence_at(s), candidate=new,
                             label=label if new else None, types=(str(LSKG.AdministrativeUnit),) if new else (),
                             links=links if new else ())

    def name_at(self, src: SourceText, pos: int) -> tuple[int, int] | None:
        """The place name after `pos`: a province's where one starts there ("Hà Giang" in "tỉnh Hà
        Giang Đàm Văn Bông"), else the capitalised words up to a person's name."""
        name = proper_name(src.text, pos, join_dash=True, person_at=self.person_at)
        if name and " " not in src.text[name[0]:name[1]] and re.match(r" [^\W\d_]", src.text[name[1]:name[1] + 2]) \
                and src.text[name[1] + 1].islower():
            return None  # "xã An toàn khu": one capitalised word and the phrase goes on, not a name
        if name:
            province = self.gazetteer.pattern.match(src.view, name[0])
            if province and province.end() <= name[1] and _capitalised(src.text[name[0]:province.end()]):
                return name[0], province.end()
        return name

    def unit(self, level: str, name: str, jurisdiction: str) -> tuple[str, str] | None:
        """(key, label) of the unit a level word and a name make: a province where the name is one
        ("tỉnh Cao Bằng", "TP Hà Nội"), else a district or commune of the text's province."""
        prefix = LEVELS[level]
        province = self.gazetteer.named(name)
        if province and (prefix == "tinh" or prefix == "tp" and province.municipality):
            return province.key, province.label[0].upper() + province.label[1:]
        if prefix == "tinh":
            return None  # "tỉnh Vân Nam": not a Vietnamese province the gazetteer knows
        known = {e.key for e in self.ref.entries_named(match_view(f"{level} {name}")) if e.kind == "place"}
        if len(known) == 1:  # "huyện Văn Quan": a unit of the reference data
            key = known.pop()
            return key, self.ref.label(key) or f"{_LEVEL_LABEL[prefix]} {name}"
        home = jurisdiction.rsplit("/", 1)[-1]
        return f"place/{home}/{prefix}-{slug(name)}", f"{_LEVEL_LABEL[prefix]} {name}"

    # -- gates: "cửa khẩu quốc tế Hoa Lư", "05 cửa khẩu gồm Chi Ma, Hữu Nghị ... và Ga Đồng Đăng" --
    def gates(self, src: SourceText, heads: re.Pattern | None) -> list[EntityMention]:
        """`heads`: the heads of bodies' names (a list of gates stops at "UBND", "Sở" ...)."""
        out = []
        for m in _GATE.finditer(src.view):
            if _ZONE_BEFORE.search(src.view, max(0, m.start() - 20), m.start()):
                continue
            pos = m.end()
            intro = _LIST_INTRO.match(src.view, pos)
            if not proper_name(src.text, pos) and intro:  # "cửa khẩu chính thuộc Cao Bằng như Trà Lĩnh ..."
                pos = intro.end()
            while True:
                again = _GATE.match(src.view, _SPACES.match(src.view, pos).end())
                pos = again.end() if again else pos  # "gồm Cửa khẩu Tà Lùng (Quảng Hòa), Cửa khẩu Trà Lĩnh ..."
                name = proper_name(src.text, pos)
                if not name:
                    break
                s, e = name
                named_by_category = again or m  # "cửa khẩu quốc tế Lào Cai" is a gate named after its province
                if self._not_a_gate(src, s, e, heads, _CATEGORY.search(named_by_category.group(0)) is not None):
                    break
                out.append(self._gate(src, s, e))
                pos = e
                paren = _PAREN.match(src.text, pos)
                pos = paren.end() if paren else pos
                sep = _LIST_SEP.match(src.view, pos)
                if not sep:
                    break
                pos = sep.end() - 1
        return out

    def _not_a_gate(self, src: SourceText, s: int, e: int, heads: re.Pattern | None, categorised: bool) -> bool:
        """A province ("các cửa khẩu Cao Bằng", but "cửa khẩu quốc tế Lào Cai" is a gate), a country
        ("cửa khẩu Việt Nam - Trung Quốc"), a level word, a body or a heading in capitals is not a gate's name."""
        view = src.view[s:e]
        country = any(self.ref.is_country(x.key) for x in self.ref.entries_named(view))
        province = self.gazetteer.named(src.text[s:e]) and not categorised
        return bool(country or province or LEVEL_WORDS.match(view)
                    or (heads and heads.match(src.view, s)) or src.text[s:e].isupper() and e - s > 1)

    def _gate(self, src: SourceText, s: int, e: int) -> EntityMention:
        name = src.text[s:e]
        for surface in (f"cửa khẩu {name}", name):
            known = {x.key for x in self.ref.entries_named(match_view(surface)) if x.kind == "border-gate"}
            if len(known) == 1:
                return EntityMention(known.pop(), "border-gate", Span(s, e), src.sentence_at(s))
        return EntityMention(f"border-gate/{slug(name)}", "border-gate", Span(s, e), src.sentence_at(s),
                             candidate=True, label=f"Cửa khẩu {name}", types=(str(LSKG.BorderGate),),
                             links=((str(LSKG.placeKind), str(PLACEKIND["border-gate"])),))
