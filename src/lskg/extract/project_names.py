"""Names of projects, programmes and schemes that the reference data does not know.

A name opens with a kind word from the project-kind code list ("khu công nghiệp", "cao tốc",
"điện gió", "Chương trình mục tiêu quốc gia", "Đề án") or with "dự án"/"công trình", and runs
to where the genre's grammar ends it: a verb or function word ("được", "của", "do", "với
tổng mức đầu tư"), a comma, a clause end. Two shapes:
- a kind word and a proper name: "KCN Đồng Bành", "Khu kinh tế cửa khẩu Ma Lù Thàng",
  "Cụm công nghiệp thị trấn Phố Lu", "cao tốc Đồng Đăng (tỉnh Lạng Sơn) - Trà Lĩnh giai đoạn 1";
- a title: "Chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2021 - 2025",
  "Đề án cơ cấu lại ngành công nghiệp tỉnh Yên Bái ...", "dự án mở rộng sân bay Điện Biên".
A kind name inside a title ("dự án đầu tư xây dựng ... khu công nghiệp VSIP Lạng Sơn") is the
same undertaking: both get the identity of the kind name, so the project is one IRI whichever
way a text names it. Plans ("Quy hoạch ...") are not heads: a plan is not a project.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.normalise import slug
from ..vocab import LSKG
from .context import SourceText
from .model import EntityMention, Span
from .reference import Reference

# what opens a title that is not a kind of its own: "dự án", "công trình", "tiểu dự án"
_TITLE_HEAD = re.compile(r"(?<!\w)(?:tiểu\s+)?(?:dự\s+án|công\s+trình)(?!\w)")
# words that end a name (checked in lower case): function words, copulas, auxiliaries and the
# verbs that follow a project's name in reports
_STOP = frozenset("""
của do với được đã đang sẽ là có tại theo thuộc nhằm để trên vào cho trong từ khi nên thì mà
nhưng gồm bao ra này đó kia nào các những bị đạt cần phải nếu vì bởi ở về đến qua năm tháng
quý ngày giao ký nằm đi chạy cũng đều vẫn còn chưa không rất như sau trước tiếp cùng hay
hoặc tới lên xuống nay và số thật như
""".split())
# two-word stops: "công suất", "tổng mức đầu tư", "phê duyệt" (single words that also occur in names)
_STOP2 = frozenset(s.strip() for s in """
công suất, tổng mức, tổng vốn, quy mô, diện tích, vốn đầu, phát điện, phát lệnh, phê duyệt, chấp thuận,
triển khai, thực hiện, khởi công, hoàn thành, đề xuất, đề nghị, bố trí, sử dụng, thu hút, hoạt động,
vận hành, tiến độ, đáp ứng, tạo ra, góp phần, trúng thầu, lựa chọn, dự kiến, chính thức, đồng thời,
thi công, đi vào, đưa vào, tổ chức, kêu gọi, tăng trưởng, tổng chi, chi phí, giá trị, tổng kinh,
hiện nay, hiện đang, hiện có, hiện tại, hiện là, hiện vẫn, hiện đã
""".split(","))
# the two-word stops that name a measure: they end a name when its figure follows
_MEASURES = frozenset(("công suất", "tổng mức", "tổng vốn", "quy mô", "diện tích", "vốn đầu", "giá trị", "chi phí",
                       "tổng kinh", "tổng chi"))
# the few words that end a title written in title case ("dự án Cải tạo đường ..., hỗ trợ ...
# các xã nghèo ..."), which carries lower-case words and commas a plain name does not
_TITLE_CASE_STOP = frozenset("do được đã đang sẽ là có với tại thuộc theo nhằm để khi nhưng thì mà vào từ như".split())
# first words after "dự án" that make it a reference or a class, not a name
_NOT_A_NAME = frozenset("này đó khác trọng thành nói kể số nhóm vay quan cấp điều sau".split())
_ACRONYMS = frozenset("FDI ODA BOT BT PPP TOD EPC BOO BLT DDI".split())
# words a title may carry across that would otherwise end a name
_TITLE_KEEP = frozenset("về đến năm tới cho trên các những của".split())
# "giai đoạn 1", "(giai đoạn 2)", "đoạn Km18 - Km80", "đoạn qua địa bàn tỉnh X": tails of a name
_TAIL = re.compile(r"(?:\s*,)?\s+giai\s+đoạn\s+(?:\d{1,2}|[IVX]{1,4}|(?:19|20)\d\d\s*-\s*(?:19|20)\d\d)(?!\w)"
                   r"|\s+đoạn\s+(?:qua\s+(?:địa\s+bàn\s+)?)?(?=[A-ZĐÀ-Ỹ]|km|Km)")
# a plural before a kind word: what follows may be a list of names
_PLURAL = re.compile(r"(?<!\w)(?:các|những|hai|ba|bốn|năm|\d{1,2})\s+(?:nhà\s+máy\s+)?$")
_YEAR_RANGE = re.compile(r"(?:19|20)\d\d(?:\s*-\s*(?:19|20)\d\d)?")
# bodies whose names carry a kind word: "Ban Quản lý Khu kinh tế ...", "Công ty ... Khu công nghiệp ..."
_ORG_OPENING = re.compile(r"(?<!\w)(?:ban\s+quản\s+lý|ban\s+qlda|bql|công\s+ty|tổng\s+công\s+ty|tập\s+đoàn|"
                          r"liên\s+danh|hiệp\s+hội)(?!\w)")
# "Chương trình hành động số ...", "Chương trình công tác": documents and agendas, not programmes
_NOT_PROGRAMME = re.compile(r"\s*(?:hành\s+động|công\s+tác|làm\s+việc|kỳ\s+họp|nghệ\s+thuật|văn\s+nghệ|số|ban\s+hành|"
                            r"giám\s+sát|đào\s+tạo|gặp\s+gỡ|giao\s+lưu|hội\s+nghị|hội\s+thảo|tọa\s+đàm|lễ|"
                            r"phối\s+hợp|,|\.|;)")
_TOKEN = re.compile(r"\w+(?:\.\w+)*")
_QUOTED = re.compile(r"\s*[“\"«]([^”\"»\n]{3,250})[”\"»]")
# the investment verbs in front of a kind name, which are not part of the undertaking's identity
_WORKS = re.compile(r"(?:(?:dự\s+án|tiểu\s+dự\s+án|công\s+trình)\s+)?(?:(?:đầu\s+tư|xây\s+dựng|và|kinh\s+doanh|"
                    r"kết\s+cấu|hạ\s+tầng|kỹ\s+thuật|phát\s+triển|mở\s+rộng|nâng\s+cấp|cải\s+tạo|công\s+trình|,)\s*)*")
# the kind words' short forms written out, so that "KCN X" and "Khu công nghiệp X" are one identity
_LONG = [(re.compile(r"(?<!\w)kcn(?!\w)"), "khu công nghiệp"), (re.compile(r"(?<!\w)ccn(?!\w)"), "cụm công nghiệp"),
         (re.compile(r"(?<!\w)(?:kktck|khu\s+ktck|kkt\s+cửa\s+khẩu)(?!\w)"), "khu kinh tế cửa khẩu"),
         (re.compile(r"(?<!\w)kkt(?!\w)"), "khu kinh tế"), (re.compile(r"(?<!\w)sân\s+bay(?!\w)"), "cảng hàng không"),
         (re.compile(r"(?<!\w)(?:đường\s+bộ\s+|đường\s+|tuyến\s+)+cao\s+tốc(?!\w)"), "cao tốc"),
         (re.compile(r"^tuyến\s+"), ""), (re.compile(r"\s*\((?:tỉnh\s+)?[^()]*\)"), "")]


@dataclass
class _Head:
    start: int
    end: int
    kind: str  # concept IRI of the project kind, or "" for "dự án"/"công trình"
    title: bool  # a programme, scheme or "dự án" title (runs over lower-case words) rather than kind + name


class ProjectNamer:
    def __init__(self, ref: Reference):
        self.ref = ref
        self.kinds = ref.cue_pattern("project-kind", only_naming=True)
        self.kind_by_cue = ref.cue_lookup("project-kind")

    def find(self, src: SourceText, known: list[EntityMention], covered_kinds: tuple[str, ...]) -> list[EntityMention]:
        """New project mentions in `src`, outside the spans of `known` entities (but those of
        `covered_kinds`, places and gates that projects are named after)."""
        if not self.kinds:
            return []
        covered = [(m.span.start, m.span.end) for m in known if m.kind not in covered_kinds]
        out: list[EntityMention] = []
        taken: list[tuple[int, int]] = []
        for head in self._heads(src):
            if any(s <= head.start < e for s, e in covered + taken):
                continue
            if self._inside_body_name(src, head):
                continue
            for s, e in self._names(src, head):
                if any(s2 <= s < e2 for s2, e2 in covered + taken) or e - s < 3:
                    continue
                label = _label(src.plain, head, s, e)
                if not identity(label):
                    continue
                key = self._known_inside(src, known, head, s, e) or f"project/{identity(label)}"
                if self.ref.kind_of(key):  # a known project named another way: the reference entity
                    out.append(EntityMention(key, self.ref.kind_of(key), Span(s, e), src.sentence_at(s)))
                else:
                    out.append(EntityMention(key, "project", Span(s, e), src.sentence_at(s), candidate=True,
                                             label=label, types=(str(LSKG.InvestmentProject),)))
                taken.append((head.start, e))
        # one label per project and source: its fullest form
        fullest: dict[str, str] = {}
        for m in out:
            if m.candidate and len(m.label) > len(fullest.get(m.key, "")):
                fullest[m.key] = m.label
        for m in out:
            if m.candidate:
                m.label = fullest[m.key]
        return out

    def _known_inside(self, src: SourceText, known: list[EntityMention], head: _Head, s: int, e: int) -> str | None:
        """"dự án đầu tư xây dựng và kinh doanh kết cấu hạ tầng <known KCN>": a title that is a known
        project with the works in front of it is that project."""
        if not head.title:
            return None
        for m in known:
            if m.kind in ("project", "economic-zone") and s <= m.span.start < e:
                works = _WORKS.match(src.view, s, m.span.start)
                if works and works.end() == m.span.start:
                    return m.key
        return None

    # -- heads ---------------------------------------------------------------------------
    def _heads(self, src: SourceText) -> list[_Head]:
        view, text = src.view, src.plain
        heads = []
        for m in self.kinds.finditer(view):
            kind = self.kind_by_cue[m.group(0)]
            code = self.ref.code(kind)
            surface = text[m.start():m.end()]
            if _shouting(surface):
                continue  # an all-capitals headline names no project
            if re.search(r"(?<!\w)ga\s+$", view[max(0, m.start() - 4):m.start()]):
                continue  # "ga đường sắt quốc tế Lào Cai": a station, named by its line
            if code in ("programme", "scheme"):
                # a title is capitalised mid-sentence ("phê duyệt Đề án ...") or quoted; a national
                # target programme is named by the phrase itself
                titled = surface[0].isupper() and not re.search(r"(?:^|[.!?:;\n]\s*|^\W*\d+[.)]\s*)$", text[max(0, m.start() - 6):m.start()])
                if not (m.group(0).endswith("quốc gia") or titled or _QUOTED.match(text, m.end())) \
                        or _NOT_PROGRAMME.match(view, m.end()):
                    continue
                heads.append(_Head(m.start(), m.end(), kind, True))
            else:
                heads.append(_Head(m.start(), m.end(), kind, False))
        for m in _TITLE_HEAD.finditer(view):
            if not _shouting(text[m.start():m.end()]):
                heads.append(_Head(m.start(), m.end(), "", True))
        # "dự án" before a kind word: the title head wins, the kind word inside it is covered
        heads.sort(key=lambda h: (h.start, -h.end))
        return heads

    def _inside_body_name(self, src: SourceText, head: _Head) -> bool:
        """"Ban Quản lý Khu kinh tế cửa khẩu X", "Công ty CP Phát triển đô thị và Khu công nghiệp Y":
        the kind word is inside a body's name when a body's opening word stands shortly before it
        and only name words lie between."""
        window = src.view[max(0, head.start - 70):head.start]
        openings = list(_ORG_OPENING.finditer(window))
        last = openings[-1] if openings else None
        if last is None:
            return False
        between = window[last.end():]
        if re.search(r"[,;.:()]", between):
            return False
        words = _TOKEN.findall(between)
        pairs = {f"{a} {b}" for a, b in zip(words, words[1:])}
        return not pairs & _STOP2 and all(w not in _STOP or w in ("các", "và") for w in words)

    # -- names -----------------------------------------------------------------------------
    def _names(self, src: SourceText, head: _Head) -> list[tuple[int, int]]:
        text = src.plain
        quoted = _QUOTED.match(text, head.end)
        if quoted and head.title:
            return [(quoted.start(1), quoted.end(1))]
        if head.title:
            span = _decision_title(src, head) or self._title(src, head)
            return [span] if span else []
        colon = re.match(r"\s*:", text[head.end:])
        if colon:  # "các cụm công nghiệp: A, B và C"
            names, pos = [], head.end + colon.end()
            while span := proper_name(text, pos):
                names.append(span)
                sep = re.match(r"\s*[,;]|\s+và(?=\s)", text[span[1]:])
                if not sep:
                    break
                pos = span[1] + sep.end()
            return names
        span = _kind_name(text, src.view, head.end)
        if span and _PLURAL.search(src.view, max(0, head.start - 20), head.start):
            return _listed(text, span)  # "các khu công nghiệp Quang Châu, Vân Trung và Đình Trám"
        return [span] if span else []

    def _title(self, src: SourceText, head: _Head) -> tuple[int, int] | None:
        """A title after "dự án", "Chương trình", "Đề án": lower-case words included, up to a stop.
        A "dự án" title must name something (a capitalised word in it) and ends with its last
        name word; a programme or scheme title is a name by itself."""
        text, view = src.plain, src.view
        code = self.ref.code(head.kind) if head.kind else ""
        titled = code in ("programme", "scheme")
        start = end = last_anchor = None
        title_case = False
        depth = count = 0
        pos = head.end
        for tok in _TOKEN.finditer(text, pos, min(len(text), pos + 400)):
            gap = text[pos:tok.start()]
            if start is None:
                if gap.strip() or "\n" in gap:
                    break  # a head at a line's end ("... cho 9 dự án" in a headline) names nothing
            elif not _title_gap(gap, text, view, tok.start(), depth, title_case):
                break
            depth += gap.count("(") - gap.count(")")
            if depth < 0:
                break
            word, low = tok.group(0), view[tok.start():tok.end()]
            nxt = re.match(r"\s+(\w+)", view[tok.end():tok.end() + 20])
            pair = f"{low} {nxt.group(1)}" if nxt else low
            if start is None and word in _ACRONYMS and nxt and not head.kind:
                pos = tok.end()  # "dự án BOT đoạn X - Y": the investment form, then the name
                continue
            if start is None:
                if low in _STOP or pair in _STOP2 or word in _ACRONYMS or (low in _NOT_A_NAME and word.islower()):
                    return None  # "dự án này", "dự án được ...", "dự án nhóm B": a reference, not a name
                if word[0].isdigit():  # "Chương trình 135"; not "Chương trình mục tiêu quốc gia 138.557 triệu"
                    number = re.match(r"\d{1,4}(?![\d.,]*\s*(?:\d|%|tỷ|triệu|nghìn|ngàn|đồng))", text[tok.start():tok.end() + 12])
                    return (tok.start(), tok.end()) if number and head.kind and tok.end() - tok.start() <= 4 else None
                title_case = word[0].isupper() and not head.kind
            elif depth == 0 and _ends_title(low, pair, text, view, tok, titled, title_case):
                break
            if start is None:
                start = tok.start()
            end = tok.end()
            count += 1
            previous = view[max(0, tok.start() - 4):tok.start()]
            if (_name_word(word) and depth == 0 and not _function_capital(low)) or (word[0].isdigit() and (last_anchor == tok.start() - 1 or previous.endswith(("lộ ", "ỉnh ", "ql ")))) or \
                    (head.kind and (word[0].isupper() or word[0].isdigit())):
                last_anchor = tok.end()
            pos = tok.end()
            if count > 45:
                break
        if start is None or end is None:
            return None
        if not head.kind:
            if last_anchor is None:
                return None
            end = _tails(text, view, last_anchor)  # "... Buôn Ma Thuột giai đoạn 1", "... Hậu Giang (QL61C)"
        else:
            end = _trim(text, view, start, end)
        if titled and len(_TOKEN.findall(text, start, end)) < 3 and not text[start].isdigit():
            return None  # "Đề án phát triển ...", cut short: too little of a title to be a name
        opened = text[start:end].count("(") - text[start:end].count(")")
        if opened > 0:
            close = re.match(r"[^()]*\)", text[end:end + 60])
            end = end + close.end() if close else text.rfind("(", start, end)
        end = _trim(text, view, start, end)
        if text[end:end + 1] == ")" and text.count("(", start, end) > text.count(")", start, end):
            end += 1  # "(QL61C)": the closing parenthesis of a qualifier the title carries
        return (start, end) if end > start else None


def _listed(text: str, first: tuple[int, int]) -> list[tuple[int, int]]:
    """The names a plural kind word lists after its first: ", B", " và C" (each a proper name)."""
    names = [first]
    pos = first[1]
    while sep := re.match(r"\s*,\s*(?:và\s+)?|\s+và\s+", text[pos:pos + 12]):
        span = proper_name(text, pos + sep.end())
        if not span or _function_capital(text[span[0]:span[1]].split()[0].lower()):
            break
        names.append(span)
        pos = span[1]
    return names


def _decision_title(src: SourceText, head: _Head) -> tuple[int, int] | None:
    """A decision's title line ("QUYẾT ĐỊNH Phê duyệt dự án đầu tư xây dựng công trình Nâng cấp, mở
    rộng bến xe, bãi đỗ khu vực cửa khẩu X"; "V/v phê duyệt Đề án ..."): what it approves is named
    whole, to the end of the line, commas and lower-case words included."""
    text, view = src.plain, src.view
    line_start = text.rfind("\n", 0, head.start) + 1
    line_end = text.find("\n", head.end)
    line_end = len(text) if line_end < 0 else line_end
    if not _DECISION_TITLE.fullmatch(view, line_start, head.start) or line_end - head.end > 300:
        return None
    rest = text[head.end:line_end]
    if re.search(r"[.;:!?](?:\s|$)", rest.rstrip(" .")):
        return None  # a sentence goes on after the title: the grammar of names ends it
    start = _skip_space(text, head.end)
    end = _trim(text, view, start, head.end + len(rest.rstrip(" .\t")))
    if len(_TOKEN.findall(text, start, end)) < 3:
        return None
    return start, end


# the opening of a decision's title line up to the undertaking it approves: "QUYẾT ĐỊNH Phê duyệt ",
# "Về việc phê duyệt ", "V/v điều chỉnh chủ trương đầu tư " (OCR may garble the accents of QUYẾT)
_DECISION_TITLE = re.compile(r"\s*(?:quy\S{1,3}t\s+đ\S{1,3}nh\s+)?(?:về\s+vi\S{1,3}c\s+|v/v\s+)?"
                             r"(?:phê\s+duyệt|điều\s+chỉnh|chấp\s+thuận|quyết\s+định|ban\s+hành)"
                             r"(?:\s+(?:chủ\s+trương\s+đầu\s+tư|điều\s+chỉnh|bổ\s+sung))*\s+")


def _ends_title(low: str, pair: str, text: str, view: str, tok, titled: bool, title_case: bool) -> bool:
    """Whether the word `low` (with `pair`, it and the next word) ends a title. A capitalised
    word inside a title is a name ("Cần Thơ"), never a stop."""
    if text[tok.start()].isupper():
        return False
    if low == "của" and _ORG_OPENING.match(view, _skip_space(view, tok.end())):
        return True  # "dự án Khu công nghiệp X của Tổng công ty Y": whose it is, not its name
    if titled and low == "với" and view[max(0, tok.start() - 4):tok.start()] == "gắn ":
        return False  # "Đề án phát triển du lịch cộng đồng gắn với xây dựng nông thôn mới"
    if titled and low == "trong" and re.match(r"\s+(?:xây\s+dựng|phát\s+triển|lĩnh\s+vực|ngành|công\s+tác)(?!\w)",
                                             view[tok.end():tok.end() + 20]):
        return False  # "Chương trình phát triển du lịch nông thôn trong xây dựng nông thôn mới"
    if titled and pair in _MEASURES:
        # "Đề án nâng cao giá trị chuỗi sản phẩm ...": a measure word ends a scheme's title only
        # when its figure follows ("Chương trình ... quy mô 300 tỷ đồng")
        return bool(re.match(r"(?:\s+[^\W\d]+){1,3}\s*(?::\s*)?(?:khoảng\s+|hơn\s+|gần\s+|trên\s+|là\s+|đạt\s+)?\d",
                             view[tok.end():tok.end() + 40]))
    if pair in _STOP2:
        return True
    if low == "giao" and pair in ("giao thông", "giao dịch", "giao thương", "giao lưu"):
        return False
    if low == "số":  # "dự án số 3", not "dân tộc thiểu số"
        return bool(re.match(r"\s*\d", view[tok.end():tok.end() + 4]))
    if low in ("dài", "rộng", "khoảng", "gần", "hơn", "trị", "khổ"):  # "dài 62,56km", "khổ 1.435 mm": a measure follows
        return bool(re.match(r"\s+(?:giá\s+)?(?:hơn\s+|khoảng\s+)?\d", view[tok.end():tok.end() + 20]))
    if low == "và":  # "xây dựng và kinh doanh", "dân tộc thiểu số và miền núi"; not "... và dự án B"
        return bool(re.match(r"\s+(?:các|những|dự\s+án|công\s+trình|đề\s+án|chương\s+trình)(?!\w)", view[tok.end():tok.end() + 20]))
    if title_case:  # "... VSIP Hải Phòng ở huyện Thủy Nguyên": where it is, not its name
        return low in _TITLE_CASE_STOP or bool(low == "ở" and re.match(
            r"\s+(?:huyện|xã|tỉnh|thành\s+phố|thị\s+xã|thị\s+trấn|quận|phường|tp)(?!\w)", view[tok.end():tok.end() + 14]))
    if low not in _STOP:
        return False
    if titled and low in _TITLE_KEEP:
        return False
    if low in ("năm", "đến", "tới") and (_YEAR_RANGE.match(text, _skip_space(text, tok.end()))
                                        or re.match(r"\s+năm\s", view[tok.end():tok.end() + 6])):
        return False  # "đến năm 2025", "năm 2030"
    return True


def _name_word(word: str) -> bool:
    """A word that makes a "dự án" title a name: capitalised with a lower-case letter ("Fomosa",
    "Dung"), or an upper-case name longer than the acronyms of the genre ("VSIP", not "FDI", "BOT")."""
    return word[0].isupper() and (any(c.islower() for c in word) or len(word) >= 4 and word not in _ACRONYMS)


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos


def _title_gap(gap: str, text: str, view: str, pos: int, depth: int, title_case: bool) -> bool:
    """Whether the characters between two words keep a title going: a space, a dash between
    names, a parenthesis, or a comma before "tỉnh X", "tầm nhìn", "định hướng", "giai đoạn"
    (and, in a title written in title case, before any lower-case word)."""
    if gap in (" ", " - ", "-", "(", " (", ") ", ")", ") - ", "/", " / ") or (depth > 0 and gap in (", ", ",")):
        return True
    if title_case and gap == ", " and text[pos:pos + 1].islower():
        word = re.match(r"\w+", view[pos:pos + 12])
        return not (word and word.group(0) in _STOP)  # ", thuộc huyện X" ends it, ", vùng xa" goes on
    if gap == ", " and re.match(r"(?:mở\s+rộng|nâng\s+cấp|cải\s+tạo|xây\s+dựng|hiện\s+đại\s+hóa)(?!\w)", view[pos:pos + 20]):
        return True  # "nâng cấp, mở rộng QL14"
    if gap.strip() in (",", "),", ", (") and re.match(r"(?:tỉnh|thành\s+phố|tầm\s+nhìn|định\s+hướng|giai\s+đoạn|đoạn|"
                                                      r"xét\s+đến|hiện\s+đại\s+hóa|quốc\s+lộ|ql)(?!\w)", view[pos:pos + 20]):
        return True
    return False


def _trim(text: str, view: str, start: int, end: int) -> int:
    """Drop trailing function words and a bare "trên địa bàn tỉnh" from a title's end."""
    bare = re.search(r"\s+trên\s+địa\s+bàn(?:\s+(?:tỉnh|huyện|thành\s+phố))?$", view[start:end])
    if bare:
        end = start + bare.start()
    words = list(_TOKEN.finditer(text, start, end))
    while words and (view[words[-1].start():words[-1].end()] in _STOP and not text[words[-1].start()].isdigit()):
        words.pop()
    return words[-1].end() if words else start


def _shouting(surface: str) -> bool:
    letters = [c for c in surface if c.isalpha()]
    return len(letters) > 3 and all(c.isupper() for c in letters)


def _kind_name(text: str, view: str, pos: int) -> tuple[int, int] | None:
    """The name after a kind word: a few lower-case descriptors ("đồ mộc dân dụng", "thị trấn",
    "sinh thái sông"), then a proper name with its tails ("giai đoạn 1", "(tỉnh X)", "- Y",
    "I và II"); None without a proper name."""
    m = re.match(r"\s*\((?:[A-ZĐ]{2,6})\)", text[pos:])  # "Khu công nghiệp (KCN) Thượng Đình"
    if m:
        pos += m.end()
    m = re.match(r"\s*[“\"]", text[pos:])
    if m:
        quoted = _QUOTED.match(text, pos)
        return (quoted.start(1), quoted.end(1)) if quoted else None
    start = None
    words = 0
    cursor = pos
    for tok in _TOKEN.finditer(text, pos, min(len(text), pos + 120)):
        gap = text[cursor:tok.start()]
        word, low = tok.group(0), view[tok.start():tok.end()]
        if gap != " " and not (gap in (", ", " - ") and word[0].islower()):
            return None  # "khu du lịch sinh thái, cáp treo X", "khu công nghiệp - đô thị - dịch vụ X"
        if word[0].isupper() and not _function_capital(low):
            span = proper_name(text, tok.start())
            if not span or re.fullmatch(r"[IVX]{1,4}", text[span[0]:span[1]]):
                return None
            s, e = span
            return (start if start is not None else s, _tails(text, view, e))
        nxt = re.match(r"\s+(\w+)", view[tok.end():tok.end() + 20])
        if low in _STOP or (nxt and f"{low} {nxt.group(1)}" in _STOP2) or words >= 4 or word[0].isdigit():
            return None
        if start is None:
            if low in ("tỉnh", "thành") and not words:
                return None  # "các khu kinh tế cửa khẩu tỉnh Quảng Ninh": the province's, not a name
            start = tok.start()
        words += 1
        cursor = tok.end()
    return None


def _function_capital(low: str) -> bool:
    """A capitalised word that opens a sentence rather than a name ("Theo", "Nơi", "Hiện")."""
    return low in _OPENERS


# words that open a sentence, capitalised there, and never a place's or a project's name
_OPENERS = frozenset("""theo trong tại nơi đây hiện ngoài riêng sau các những với của do được là và khi để nhằm
từ đến về cùng tuy bên đặc đồng thời nhưng còn cũng đã đang sẽ này đó""".split())


# "Thống nhất 1" ends a numbered name; "rộng 30 ha", "khoảng 50 dự án" are a measure after the name
_NUMBERED_NAME_END = re.compile(r"\s+\d{1,2}(?!\w|[.,]\d)(?!\s*(?:%|ha|km|m|mw|kv|tỷ|triệu|nghìn|ngàn|năm|tháng|ngày|"
                                r"tấn|lượt|dự án|doanh nghiệp|hộ|người|xe|làn)(?!\w))")
_MEASURE_WORDS = {"rộng", "dài", "cao", "sâu", "khoảng", "gần", "hơn", "trên", "dưới", "có", "đạt", "với", "gồm",
                  "thêm", "tới", "đến"}

def proper_name(text: str, pos: int) -> tuple[int, int] | None:
    """The capitalised name at `pos` (after optional whitespace): "Hữu Lũng", "Bắc Sơn 2",
    "Na Dương II", "Đồng Đăng - Trà Lĩnh", "TP.HCM - Thủ Dầu Một", "Thống nhất 1"."""
    m = re.match(r"\s*", text[pos:])
    start = end = pos + m.end()
    cursor = start
    for tok in _TOKEN.finditer(text, start, min(len(text), start + 160)):
        gap = text[cursor:tok.start()]
        if cursor != start and gap not in (" ", " - ", "-", "- ", " -"):
            break
        word = tok.group(0)
        if word[0].isupper() and not (cursor != start and _function_capital(word.lower()) and gap == " "):
            end = cursor = tok.end()
        elif end > start and gap == " " and (word.isdigit() and len(word) <= 2 or re.fullmatch(r"[IVX]{1,4}|[A-Z]", word)):
            end = tok.end()
            more = re.match(r"\s+và\s+(\d{1,2}|[IVX]{1,4})(?!\w)", text[end:])  # "Nhơn Trạch 3 và 4", "I và II"
            if more:
                end += more.end()
            break
        elif end > start and gap == " " and word.islower() and _NUMBERED_NAME_END.match(text, tok.end()) \
                and len(word) > 2 and word not in _STOP and word not in _MEASURE_WORDS:
            end = cursor = tok.end()  # "Thống nhất 1": a lower-case word inside a numbered name
        else:
            break
    if end == start or text[end:end + 1] in ("-", "/"):
        return None
    return start, end


def _tails(text: str, view: str, end: int) -> int:
    """Extend a name over its tails: "giai đoạn 1", "(giai đoạn 2)", "(tỉnh Lạng Sơn) - Trà Lĩnh",
    "đoạn Km18 - Km80", "đoạn qua Hải Phòng"."""
    while True:
        paren = re.match(r"\s*\((?:tỉnh\s+|thành\s+phố\s+|giai\s+đoạn\s+)?[^()\n:;,]{1,40}\)", text[end:])
        if paren and re.search(r"[A-ZĐ]|giai\s+đoạn|\d", paren.group(0)):
            end += paren.end()
            dash = re.match(r"\s*-\s*", text[end:])
            if dash and (nxt := proper_name(text, end + dash.end())):
                end = nxt[1]
            continue
        tail = _TAIL.match(text, end)
        if tail:
            if tail.group(0).rstrip().endswith(("đoạn", "bàn")) or not re.search(r"\d", tail.group(0)):
                nxt = proper_name(text, tail.end())
                km = re.match(r"\s*[Kk]m\s*\d+(?:\s*\+\s*\d+)?(?:\s*-\s*[Kk]m\s*\d+(?:\s*\+\s*\d+)?)?", text[tail.end():])
                if km:
                    end = tail.end() + km.end()
                elif nxt:
                    end = nxt[1]
                else:
                    return end
            else:
                end = tail.end()
            continue
        return end


def _label(text: str, head: _Head, s: int, e: int) -> str:
    head_text = text[head.start:head.end]
    label = f"{head_text} {text[s:e]}" if s >= head.end else text[s:e]
    if text[head.end:s].strip().startswith(("(", "“", '"')) and s > head.end and not head.title:
        label = f"{head_text} {text[s:e]}"
    label = re.sub(r"\s+", " ", label).strip()
    return label[0].upper() + label[1:]


def identity(label: str) -> str:
    """The identity key of a project from its label: the kind name without the works in front
    of it ("dự án đầu tư xây dựng và kinh doanh kết cấu hạ tầng"), short kind forms ("KCN"),
    place qualifiers in parentheses and case dropped, short kind forms written out, so that one undertaking named two ways
    is one IRI."""
    from ..text.match import match_view
    key = match_view(label)
    key = key[_WORKS.match(key).end():]
    for pattern, long in _LONG:
        key = pattern.sub(long, key)
    return slug(key)
