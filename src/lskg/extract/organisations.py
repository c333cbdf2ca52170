"""Bodies of any province, read by the genre's grammar rather than looked up in a list.

A body's name is a head from the code list `ontology/codelists/body-head.ttl` and what that head
takes after it: a place ("Ủy ban nhân dân tỉnh Cao Bằng", "UBND tỉnh"), a field of state
administration ("Sở Tài chính", "Bộ Công Thương", "Cục Thống kê tỉnh Lào Cai"), a proper or
descriptive name ("Công ty cổ phần ...", "Ban Quản lý Khu kinh tế ..."), or another body for the
parts of a body ("Ban Thường vụ Tỉnh ủy", "Văn phòng UBND tỉnh"). A place left out ("UBND tỉnh",
"Sở Tài chính") is the text's province; a place left out before a coordinated body ("Tỉnh ủy, HĐND
và UBND tỉnh Lạng Sơn") is that body's. Each body gets one label written the same way in every
text (abbreviations spelled out, the province named), so that one body in two texts is one IRI;
a body the reference data knows keeps the reference key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..text.match import match_view
from ..text.normalise import slug
from ..vocab import FOAF, ORG, SCHEMA
from .context import SourceText
from .model import EntityMention, Span
from .places import LEVEL_WORDS, LEVELS, PlaceFinder, proper_name
from .reference import Reference

_ORG_TYPES = (str(ORG.Organization), str(FOAF.Agent))
# grammar words that end a descriptive name ("Công ty X đã ...", "Ban Quản lý Y cho biết ...")
_STOP = frozenset("""đã đang sẽ được bị là có cho với về tại trong theo của để từ đến tới này đó thì mà vừa cũng
chưa nhằm do bằng như khi nếu vì nên sau trước trên dưới giữa làm gồm những một đạt tăng giảm ký kí thuộc ở
hiện nay cùng hoặc hay lập giao chịu nhận xin phải cần tiếp năm ngày tháng tổng với kể nói""".split())
_STOP2 = frozenset({"thực hiện", "triển khai", "phối hợp", "chủ trì", "đề nghị", "đề xuất", "báo cáo", "ban hành",
                    "phê duyệt", "cho biết", "tham gia", "đối với", "tổ chức", "chỉ đạo", "quyết định", "điều chỉnh",
                    "rà soát", "kiểm tra", "hướng dẫn", "tiếp nhận", "thẩm định", "giải quyết", "hoàn thành",
                    "khởi công", "tổng hợp", "thông báo", "yêu cầu", "cấp phép", "xây dựng xong"})
_WORD = re.compile(r"[^\W_][\w&'’./+-]*")
_COORD = re.compile(r"\s*(?:,\s*và|,|và|&)\s*")
_SPACES = re.compile(r"[ \t]*")
_GAP = re.compile(r"[ \t]+(?:[-–&][ \t]+)?")
# ", Thương mại và Du lịch": a comma inside a name, before title-case words closed by "và" + title case
_SERIES = re.compile(r",[ \t]+(?=[A-ZĐÀ-Ỹ][^,;.:()\n]{0,40}?[ \t]và[ \t]+[A-ZĐÀ-Ỹ])")
_GENERIC_BEFORE = re.compile(r"(?:các|những|mọi)\s+$")
# "UBND các huyện", "UBND tỉnh, thành phố": many bodies; "UBND cấp huyện": a level, no one body
_PLURAL = re.compile(r"\s+(?:các|những)(?!\w)|\s*,\s*thành phố(?!\w)")
_A_LEVEL = re.compile(r"\s+cấp\s")
# heads whose descriptive name may open with a small letter ("Công ty cổ phần tư vấn xây dựng điện 1")
_LOWER_NAME_OK = {"cong-ty-co-phan", "cong-ty-tnhh", "cong-ty-tnhh-mtv", "ban-quan-ly", "ban-quan-ly-du-an", "quy",
                  "don-bien-phong", "tram-bien-phong", "tram-kiem-soat-lien-hop"}
# bodies not tied to one province by their kind: an enterprise's name is its identity anywhere
_NATIONWIDE_HEADS = {"cong-ty", "cong-ty-co-phan", "cong-ty-tnhh", "cong-ty-tnhh-mtv", "tong-cong-ty", "tap-doan",
                     "ngan-hang", "hiep-hoi", "hop-tac-xa", "cuc", "tong-cuc", "vien", "hoc-vien", "truong-dai-hoc"}
# field heads of central bodies: without a place they are the State's ("Bộ Tài chính", "Cục Sở hữu trí tuệ")
_CENTRAL_FIELD_HEADS = {"bo", "tong-cuc", "cuc", "uy-ban"}
# the boards of a Party committee (Ban Tổ chức / Tuyên giáo / Dân vận / Nội chính / Kiểm tra Tỉnh ủy): named
# without their committee, the same words are the organising board of an event
_PARTY_BOARDS = {"to-chuc", "tuyen-giao", "dan-van", "noi-chinh", "kiem-tra"}
# a word set in capitals right before a head, on the same line
_CAPS_WORD_BEFORE = re.compile(r"(?<![^\W\d_])[^\W\d_a-zà-ỹđ]{2,}[ \t]+$")


@dataclass(frozen=True)
class Scope:
    key: str  # the place (or parent body) the body belongs to
    label: str  # "tỉnh Cao Bằng", "Hội đồng nhân dân tỉnh Phú Yên"


@dataclass(frozen=True)
class Body:
    start: int
    end: int
    head: str  # head label as written in labels: "Ủy ban nhân dân", "Sở Tài chính"
    key: str  # slug of what names the body inside its scope: "ubnd", "so-tai-chinh"
    scope: Scope | None
    needs_scope: bool = False  # a place head with its place left out ("HĐND" in "HĐND và UBND tỉnh X")
    local: bool = True  # without a scope, the body is the text's province's (else the State's)
    kind: str | None = None  # org-kind concept (org:classification)
    fallback: Scope | None = None  # the place of a body with its place left out when no coordinated body gives one

    @property
    def label(self) -> str:
        return f"{self.head} {self.scope.label}" if self.scope and self.scope.label else self.head


def _cue_table(ref: Reference, scheme: str) -> tuple[re.Pattern | None, dict[str, str]]:
    """A pattern over a scheme's cues (spaces may be missing, as in OCR'd text) and cue -> concept."""
    cues = ref.cues(scheme)
    if not cues:
        return None, {}
    alts = "|".join(r"\s*".join(re.escape(w) for w in c.split(" ")) for c, _ in cues)
    table = {re.sub(r"\s+", "", c): concept for c, concept in cues}
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)"), table


class BodyFinder:
    def __init__(self, ref: Reference, places: PlaceFinder):
        self.ref = ref
        self.places = places
        self.gazetteer = places.gazetteer
        self.place_heads = _cue_table(ref, "body-head-place")
        self.committees = _cue_table(ref, "body-head-committee")
        self.field_heads = _cue_table(ref, "body-head-field")
        self.fields = _cue_table(ref, "state-field")
        self.name_heads = _cue_table(ref, "body-head-name")
        self.prefixes = _cue_table(ref, "body-prefix")
        self.posts = ref.cue_pattern("post")
        heads = [p.pattern for p, _ in (self.place_heads, self.committees, self.field_heads, self.name_heads,
                                        self.prefixes) if p]
        self.any_head = re.compile("|".join(heads)) if heads else None
        # heads that end a name they follow ("Ban Quản lý X UBND huyện"); a head word inside a name
        # ("Trung tâm Phát triển Quỹ đất", "Học viện Ngân hàng") does not
        councils = [p.pattern for p, _ in (self.place_heads, self.committees) if p]
        self.council_head = re.compile("|".join(councils)) if councils else None

    def _concept(self, table, matched: str) -> str:
        return table[1][re.sub(r"\s+", "", matched)]

    def _code(self, concept: str) -> str:
        return concept.rstrip("/").rsplit("/", 1)[-1]

    def _label(self, concept: str) -> str:
        return self.ref.label(concept) or ""

    def _kind(self, concept: str) -> str | None:
        return self.ref.broad_match(concept)

    def _heads(self, src: SourceText, table):
        """Matches of a head that the text capitalises (a body's name starts with a capital)."""
        pattern = table[0]
        if pattern is None:
            return
        for m in pattern.finditer(src.view):
            if src.text[m.start()].isupper():
                yield m

    # -- the text's province, for bodies whose place is left out --------------------------------
    def _home(self, src: SourceText, level: str) -> Scope | None:
        """The text's province as the place of a body that leaves it out ("UBND tỉnh"). A text that
        names no province at all still speaks of one province's bodies: they are that source's
        ("Ủy ban nhân dân tỉnh", scoped by the source), never guessed to be some province's."""
        province = self.gazetteer.by_key.get(src.jurisdiction)
        if province is None:
            unnamed = src.jurisdiction == "place/viet-nam" and level == "tinh"
            return Scope(f"org/source-{src.key}", "tỉnh") if unnamed else None
        if level == "tinh" and not province.municipality or level == "tp" and province.municipality:
            return Scope(province.key, province.label)
        return None

    # -- a place after a head: "tỉnh Cao Bằng", "TP Hà Nội", "huyện Long Hồ", "tỉnh", "Vĩnh Long" --
    def _place_after(self, src: SourceText, pos: int, any_name: bool = False) -> tuple[Scope, int] | None:
        gap = re.compile(r"[ \t]+").match(src.text, pos)
        if not gap:
            return None
        at = gap.end()
        level = LEVEL_WORDS.match(src.view, at)
        if level:
            name = self.places.name_at(src, level.end())
            if name and name[0] > level.end():
                unit = self.places.unit(level.group(0), src.text[name[0]:name[1]], src.jurisdiction)
                if unit:
                    province = self.gazetteer.by_key.get(unit[0])
                    return Scope(unit[0], province.label if province else unit[1][0].lower() + unit[1][1:]), name[1]
            home = self._home(src, LEVELS[level.group(0)])
            if home and not _PLURAL.match(src.view, level.end()):
                return home, level.end()
            return None
        name = self.places.name_at(src, at)
        if name:
            province = self.gazetteer.named(src.text[name[0]:name[1]])
            if province:
                return Scope(province.key, province.label), name[1]
            if any_name and not (self.any_head and self.any_head.match(src.view, name[0])):
                text = src.text[name[0]:name[1]]
                known = [e.key for e in self.ref.entries_named(match_view(text)) if e.kind == "place"]
                return Scope(known[0] if len(known) == 1 else f"place/{slug(text)}", text), name[1]
        return None

    # -- bodies named by a head and a place ----------------------------------------------------
    def _placed(self, src: SourceText) -> list[Body]:
        out = []
        for table, committee in ((self.place_heads, False), (self.committees, True)):
            for m in self._heads(src, table):
                concept = self._concept(table, m.group(0))
                code = self._code(concept)
                if _GENERIC_BEFORE.search(src.view, max(0, m.start() - 8), m.start()) or _PLURAL.match(
                        src.view, m.end()) or _A_LEVEL.match(src.view, m.end()):
                    continue  # "UBND các huyện", "các Tỉnh ủy": a plural, no one body
                head = self._label(concept)
                if committee:
                    found = self._committee_place(src, m.end(), code, home=False)
                else:
                    found = self._place_after(src, m.end(), any_name=code in ("chinh-quyen", "chinh-phu-nhan-dan"))
                if found:
                    scope, end = found
                    out.append(Body(m.start(), end, head, code, scope, kind=self._kind(concept)))
                elif code in ("ubnd", "hdnd", "tinh-uy", "thanh-uy", "ubmttq"):
                    home = self._committee_place(src, m.end(), code) if committee else None
                    out.append(Body(m.start(), m.end(), head, code, None, needs_scope=True, kind=self._kind(concept),
                                    fallback=home[0] if home else None))
        return out

    def _committee_place(self, src: SourceText, pos: int, code: str, home: bool = True) -> tuple[Scope, int] | None:
        """"Tỉnh ủy Thái Nguyên", "Thành ủy Hà Nội", "Huyện ủy Văn Quan", "Tỉnh ủy" (the text's province)."""
        level = {"tinh-uy": "tinh", "thanh-uy": "tp"}.get(code)
        name = self.places.name_at(src, pos)
        if name and name[0] > pos:
            text = src.text[name[0]:name[1]]
            province = self.gazetteer.named(text)
            if province and (level == "tinh" and not province.municipality or level == "tp" and province.municipality):
                return Scope(province.key, province.name), name[1]
            word = {"thanh-uy": "thành phố", "huyen-uy": "huyện", "quan-uy": "quận", "thi-uy": "thị xã"}.get(code)
            unit = self.places.unit(word, text, src.jurisdiction) if word else None
            if unit:  # "Thành ủy Lạng Sơn": the provincial city's committee
                return Scope(unit[0], text), name[1]
        own = self._home(src, level) if level and home else None
        if own:
            province = self.gazetteer.by_key.get(own.key)
            return Scope(own.key, province.name if province else ""), pos
        return None

    # -- bodies named by a head and a field: "Sở Tài chính", "Bộ KH-ĐT", "các Sở: Ngoại vụ, Xây dựng" --
    def _fielded(self, src: SourceText) -> list[Body]:
        out = []
        fields = self.fields[0]
        if fields is None:
            return out
        for m in self._heads(src, self.field_heads):
            head_concept = self._concept(self.field_heads, m.group(0))
            head_code = self._code(head_concept)
            pos = m.end()
            colon = re.compile(r"\s*:\s*|\s+").match(src.view, pos)
            if not colon:
                continue
            group = []
            pos = colon.end()
            while f := fields.match(src.view, pos):
                group.append(f)
                sep = _COORD.match(src.view, f.end())
                if not sep or not fields.match(src.view, sep.end()):
                    break
                pos = sep.end()
            if not group:
                continue
            last = group[-1].end()
            scope, end = self._field_scope(src, last, head_code)
            under_body = bool(scope and scope[0] and scope[0].key.startswith("org/"))
            if head_code in ("ban", "uy-ban") and not src.text[group[0].start()].isupper() and not under_body:
                continue  # "Ban tổ chức" of an event; "Ban kinh tế - ngân sách HĐND" names its council
            if head_code == "ban" and not under_body and any(
                    self._code(self._concept(self.fields, f.group(0))) in _PARTY_BOARDS for f in group):
                continue  # "Ban Tổ chức" of a festival or a race: a Party board is named with its committee
            for f in group:
                field = self._label(self._concept(self.fields, f.group(0)))
                head = f"{self._label(head_concept)} {field}"
                stop = end if f is group[-1] else f.end()
                start = m.start() if f is group[0] else f.start()
                suffix = scope[1] if scope and f is group[-1] else ""
                out.append(Body(start, stop, head + suffix, slug(head + suffix), scope[0] if scope else None,
                                local=head_code not in _CENTRAL_FIELD_HEADS, kind=self._kind(head_concept)))
        return out

    def _field_scope(self, src: SourceText, pos: int, head_code: str):
        """What follows a field: a place ("tỉnh Lào Cai", "Quảng Ninh"), a gate ("cửa khẩu Móng Cái"),
        a name ("Chi cục Hải quan Tân Thanh") or a parent body ("Ban Kinh tế - Ngân sách HĐND tỉnh").
        Returns ((scope or None, text added to the head), end)."""
        gate = re.compile(r"[ \t]+(cửa khẩu(?:\s+quốc tế)?)(?=\s)").match(src.view, pos)
        if gate:
            name = proper_name(src.text, gate.end())
            if name:
                return (None, f" cửa khẩu {src.text[name[0]:name[1]]}"), name[1]
        if head_code in ("ban", "uy-ban"):
            central = re.compile(r"[ \t]+(?:trung ương|tw)(?!\w)").match(src.view, pos)
            if central:  # "Ban Tuyên giáo Trung ương": the Party's, not the province's
                return (Scope("org/bch-trung-uong-dang", "Trung ương"), ""), central.end()
            parent = self._parent_at(src, pos)
            if parent:
                return (Scope(parent[0], parent[1]), ""), parent[2]
        place = self._place_after(src, pos)
        if place:
            return (place[0], ""), place[1]
        name = proper_name(src.text, pos)
        if name and name[0] > pos and not (self.any_head and self.any_head.match(src.view, name[0])) \
                and head_code in ("cuc", "chi-cuc"):
            return (None, " " + src.text[name[0]:name[1]]), name[1]
        if head_code == "phong":
            # a district's division with its district left out ("Phòng Nông nghiệp và PTNT huyện"): which
            # district only the source knows, so the body is that source's, never the province's
            level = re.compile(r"[ \t]+(huyện|thị xã|quận)(?![^\W\d_])").match(src.view, pos)
            if level:
                return (Scope(f"org/source-{src.key}", src.text[level.start(1):level.end(1)]), ""), level.end()
            return None, pos
        if head_code not in _CENTRAL_FIELD_HEADS | {"ban"}:  # "Sở Tài chính" in a Cao Bằng text is Cao Bằng's
            home = self._home(src, "tinh") or self._home(src, "tp")
            if home:
                return (home, ""), pos
        return None, pos

    def _parent_at(self, src: SourceText, pos: int) -> tuple[str, str, int] | None:
        """A body that starts right after `pos`: (key, label, end)."""
        gap = re.compile(r"[ \t]+").match(src.text, pos)
        if not gap:
            return None
        at = gap.end()
        for body in self._placed_at(src, at):
            return self._key(src, body)[0], body.label, body.end
        for s, e, entry in self.ref.find_entities(src.view, at, min(len(src.view), at + 80)):
            if s == at and entry.kind == "organisation":
                return entry.key, self.ref.label(entry.key) or src.text[s:e], e
            break
        return None

    def _placed_at(self, src: SourceText, at: int):
        for table, committee in ((self.place_heads, False), (self.committees, True)):
            if table[0] is None:
                continue
            m = table[0].match(src.view, at)
            if not m or not src.text[at].isupper():
                continue
            concept = self._concept(table, m.group(0))
            code = self._code(concept)
            found = self._committee_place(src, m.end(), code) if committee else self._place_after(src, m.end())
            if not found and code in ("hdnd", "ubnd"):  # "Ban kinh tế - ngân sách HĐND": the province's council
                home = self._home(src, "tinh") or self._home(src, "tp")
                found = (home, m.end()) if home else None
            if found:
                yield Body(at, found[1], self._label(concept), code, found[0], kind=self._kind(concept))

    # -- bodies named by a head and a name: "Công ty cổ phần ...", "Ban Quản lý Khu kinh tế ..." --
    def _named(self, src: SourceText) -> list[Body]:
        out = []
        for m in self._heads(src, self.name_heads):
            if _GENERIC_BEFORE.search(src.view, max(0, m.start() - 8), m.start()):
                continue
            if _CAPS_WORD_BEFORE.search(src.text, max(0, m.start() - 12), m.start()):
                continue  # inside a line set in capitals ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA"): not where a name starts
            concept = self._concept(self.name_heads, m.group(0))
            code = self._code(concept)
            if code in ("cuc", "tong-cuc") and self.fields[0] and self.fields[0].match(
                    src.view, _SPACES.match(src.view, m.end()).end()):
                continue  # "Tổng cục Thống kê": a field, read by the field grammar
            read = self._description(src, m.end(), lower_ok=code in _LOWER_NAME_OK)
            if not read:
                continue
            end, words, scope = read
            head = self._label(concept)
            local = code not in _NATIONWIDE_HEADS
            if not scope and not words[0][0].isupper() and (len(words) < 2 or code == "quy"):
                continue  # "Ban Quản lý dự án nói", "Quỹ dự trữ tài chính": not the name of a body
            label = " ".join([head, *words])
            out.append(Body(m.start(), end, label, slug(label), scope, local=local, kind=self._kind(concept)))
        return out

    def _description(self, src: SourceText, pos: int, lower_ok: bool):
        """The words of a name after its head, up to a grammar word, punctuation, another body or a
        place (which closes it): (end, words, place or None)."""
        kept: list[tuple[str, int]] = []  # (word, end offset)
        end = pos
        text, view = src.text, src.view
        while len(kept) < 16:
            gap = _GAP.match(text, end)
            if not gap and kept and (series := _SERIES.match(text, end)) and not (
                    self.any_head and self.any_head.match(view, series.end())):
                gap = series  # "Trung tâm Xúc tiến đầu tư, Thương mại và Du lịch": a series inside the name
                kept.append((",", end))
            if not gap:
                break
            at = gap.end()
            w = _WORD.match(text, at)
            if not w:
                break
            word = w.group(0)
            if word.endswith(".") and word.count(".") == 1:
                word = word[:-1]  # a full stop, not an abbreviation's dots ("BayWar.e.")
            low = view[at:at + len(word)]
            if kept and re.search("[-–&]", gap.group(0)):
                if not word[0].isupper():
                    break
                kept.append(("&" if "&" in gap.group(0) else "-", at))
            if low == "và":
                nxt = _WORD.match(text, at + 3) or _WORD.match(text, at + 4)
                if not kept or not nxt or (self.any_head and self.any_head.match(view, nxt.start())) \
                        or view[nxt.start():nxt.end()] in _STOP or LEVEL_WORDS.match(view, nxt.start()):
                    break
            elif kept and LEVEL_WORDS.match(view, at):
                place = self._place_after(src, end)
                if place:
                    return place[1], _words(kept), place[0]
            if low in _STOP or view.startswith(tuple(_STOP2), at) or kept and (
                    self.places.person_at(text, at)
                    or self.council_head and self.council_head.match(view, at) and text[at].isupper()):
                break
            if not kept and not (word[0].isupper() or word[0].isdigit() or lower_ok):
                return None
            if low == "số" and re.match(r"\s*\d", text[at + 2:]):
                break  # "... số 5": a number, not a word of the name
            if re.fullmatch(r"\d+[.,]\d+|\d{3,}", word):  # "Tập đoàn Vingroup đầu tư 2.000 tỷ": an amount
                while kept and not kept[-1][0][0].isupper():
                    kept.pop()
                break
            if word[0].islower() and len(kept) >= 2 and all(k[0].istitle() for k in kept[-2:]):
                break  # a proper name has ended: "Công ty Cổ phần Idico Vinh Quang đầu tư ..."
            kept.append((word, at + len(word)))
            end = at + len(word)
        while kept and (kept[-1][0] in ("-", "&", "và", ",") or kept[-1][0].lower() in _STOP):
            kept.pop()
        if not kept:
            return None
        end, words = kept[-1][1], _words(kept)
        # "(Việt Nam)" and a short code ("(HPG)") belong to a company's name; a place in brackets does not
        paren = re.compile(r"[ \t]*\((Việt Nam|[A-ZĐ0-9&]{2,8})\)").match(text, end)
        if paren and words[-1][0].isupper():
            words.append(f"({paren.group(1).strip()})")
            end = paren.end()
        return end, words, None

    # -- the parts of a body: "Ban Thường vụ Tỉnh ủy", "Thường trực HĐND tỉnh", "Văn phòng UBND tỉnh" --
    def _with_part(self, src: SourceText, body: Body) -> Body:
        pattern = self.prefixes[0]
        if pattern is None:
            return body
        window = src.view[max(0, body.start - 30):body.start]
        best = None
        for m in pattern.finditer(window):
            if window[m.end():].strip() == "" and window[m.end():] != "":
                best = m
        if not best:
            return body
        start = body.start - len(window) + best.start()
        if not src.text[start].isupper():
            return body
        if self.posts and any(p.start() < start < p.end() or p.start() < start and p.end() >= start + len(best.group(0))
                              for p in self.posts.finditer(src.view, max(0, start - 30), body.start)):
            return body  # "Phó Chủ tịch Thường trực UBND tỉnh": the word belongs to the post
        concept = self._concept(self.prefixes, best.group(0))
        part = self._label(concept)
        return replace(body, start=start, head=f"{part} {body.head}", key=f"{slug(part)}-{body.key}",
                       kind=self._kind(concept) or body.kind)

    # -- coordinated ellipsis: "Tỉnh ủy, HĐND và UBND tỉnh Lạng Sơn" -----------------------------------
    def _share_places(self, src: SourceText, bodies: list[Body]) -> list[Body]:
        bodies = sorted(bodies, key=lambda b: (b.start, -b.end))
        out = list(bodies)
        for i in range(len(out) - 1, -1, -1):
            b = out[i]
            if not b.needs_scope:
                continue
            nxt = next((x for x in out[i + 1:] if x.start >= b.end), None)
            scope = nxt.scope if nxt and nxt.scope and _COORD.fullmatch(src.view[b.end:nxt.start]) else None
            if scope and b.key in ("tinh-uy", "thanh-uy"):  # "Tỉnh ủy Cao Bằng", not "Tỉnh ủy tỉnh Cao Bằng"
                province = self.gazetteer.by_key.get(scope.key)
                scope = Scope(scope.key, province.name) if province else None
            scope = scope or b.fallback  # "Tỉnh ủy" alone: the text's province's
            if scope:
                out[i] = replace(b, scope=scope, needs_scope=False)
        return [b for b in out if not b.needs_scope]

    def _key(self, src: SourceText, body: Body) -> tuple[str, str | None]:
        """The body's key (the reference one where the reference data knows the body) and the place
        it serves, if any."""
        for entry in self.ref.entries_named(match_view(body.label).strip()):
            if entry.kind in ("organisation", "post") and entry.local_to in (None, src.jurisdiction):
                return entry.key, None
        if body.scope and not body.local:  # "Công ty ... tỉnh X": a company's whole name is its identity
            return f"org/{slug(body.label)}", None
        if body.scope:
            home = body.scope.key.removeprefix("place/").removeprefix("org/")
            place = body.scope.key if body.scope.key.startswith("place/") else None
            return f"org/{home}/{body.key}", place
        if body.local and self.gazetteer.by_key.get(src.jurisdiction):
            return f"org/{src.jurisdiction.rsplit('/', 1)[-1]}/{body.key}", src.jurisdiction
        return f"org/{body.key}", None

    def find(self, src: SourceText) -> list[EntityMention]:
        bodies = self._share_places(src, self._placed(src)) + self._fielded(src) + self._named(src)
        bodies = [self._with_part(src, b) for b in bodies]
        # a body inside a longer one is part of its name ("UBND tỉnh" in "Văn phòng UBND tỉnh")
        bodies.sort(key=lambda b: (b.start, -b.end))
        kept: list[Body] = []
        for b in bodies:
            if kept and b.start < kept[-1].end:
                continue
            kept.append(b)
        out = []
        for b in kept:
            key, place = self._key(src, b)
            known = self.ref.kind_of(key)
            links = ((str(ORG.classification), b.kind),) if b.kind else ()
            links += ((str(SCHEMA.areaServed), place),) if place else ()
            out.append(EntityMention(key, known or "organisation", Span(b.start, b.end), src.sentence_at(b.start),
                                     candidate=known is None, label=None if known else b.label,
                                     types=() if known else _ORG_TYPES, links=() if known else links))
        return out


def _words(kept: list[tuple[str, int]]) -> list[str]:
    """The words read, a comma of a series inside the name joined to the word before it."""
    return [w + "," if i + 1 < len(kept) and kept[i + 1][0] == "," else w for i, (w, _) in enumerate(kept) if w != ","]
