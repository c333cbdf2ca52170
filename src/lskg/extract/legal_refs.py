"""References to numbered documents: number, type, date, issuer, subject, relations.

The grammar covers the three numbering families (MODELLING §2):
party `11-NQ/TW`, state `96/NQ-CP` / `776/UBND-KT`, normative `111/2024/QH15`.
The regex only finds candidates; `resolve` then decides type, issuer and date,
propagates them over coordinated lists, and links short re-mentions to the fully
dated mention of the same symbol. A reference that stays without date and year is
returned unresolved; it is never merged with a guess.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..text.dates import DATE_PATTERN, DOC_DATE_RE, date_from_match
from ..text.normalise import fold
from ..vocab import ELI
from .context import SourceText
from .model import DocumentMention, EntityMention, Issue, Relation, Span
from .reference import Reference

# a symbol code: capitals (Vietnamese ones too: "TƯ" for TW), lower-case letters inside ("TTr", "TTg"), digits
CODE = r"[A-ZĐƯƠÂÊÔĂ][A-Za-zĐđƯƠÂÊÔĂ]*\d*"
# "-" between codes, with the stray space typesetting leaves: "1601/QĐ- TTg", "46/BC- HĐND"
_JOIN = r"-\x20?"
_SLASH = r"[/⁄]"  # "⁄" (fraction slash) is printed for "/" in some texts


_REF = re.compile(
    rf"""
    (?:[Ss]ố\s*:?\s*)?
    (?P<num>\d{{1,5}}[a-z]?)  # "30a/2008/NQ-CP"
    (?: {_SLASH}\x20?(?P<year>(?:19|20)\d\d){_SLASH}(?P<sym_y>{CODE}(?:{_JOIN}{CODE})*)  # "05/ 2020/NQ-HĐND"
      | -(?P<year_h>(?:19|20)\d\d){_SLASH}(?P<sym_yh>{CODE}(?:{_JOIN}{CODE})*)  # "19-2018/NQ-CP": "-" for "/"
      | \x20?{_SLASH}(?P<sym_s>{CODE}(?:{_JOIN}{CODE})*(?:{_SLASH}{CODE})?)  # "02 /BC-UBND", "…/QĐNS/TW"
      | -(?P<ptype>{CODE})(?:{_SLASH}(?P<pissuer>{CODE}))?
      | \x20-\x20(?P<ptype_sp>{CODE}){_SLASH}(?P<pissuer_sp>{CODE})  # "100 - KL/TW": spaced, only with its issuer
    )(?:(?![\w/⁄])|(?=ngày\b))  # "7068/TTr- UBNDngày 10 …": a dropped space before "ngày"
    (?P<date>\s*,?\s*(?:ban\s+hành\s+)?ngày\s+(?:{DATE_PATTERN}))?
    """,
    re.X,
)
# a document cited by its type and a bare number: "Nghị quyết 98", "Thông báo số 203", "Chỉ thị số 17".
# Only types that are numbered documents (not "Chương trình 135", a programme); not a year, an amount,
# a duration or a date ("Quyết định 2 năm", "Nghị định 2020").
_BARE_TYPES = ("nq", "nd", "qd", "ct", "tb", "tt", "kl", "cv", "ttr", "bc", "cd", "thu")
_BARE = (r"(?<![^\W\d_])(?P<tw>{types})\s+(?:số\s*:?\s*)?(?P<num>\d{{1,4}})"
         r"(?![\d/⁄%]|[.,\-–]\d|\s*(?:[-–%]|tháng|năm|ngày(?!\s+\d)|giờ|ha\b|km|m2|tỷ|triệu|nghìn|ngàn|lần|điểm|người"
         r"|đợt|bước|vấn\s+đề|nội\s+dung|nhiệm\s+vụ|giải\s+pháp|chỉ\s+tiêu|mục\s+tiêu|dự\s+án|công\s+trình|xã|huyện"
         r"|đơn\s+vị|doanh\s+nghiệp|văn\s+bản|điều|khoản|chương)\b)")
_TITLE = re.compile(r"\s*,?\s*(?:về\s+việc|về)\s+")
_TITLE_STOP = re.compile(
    r"\s*(?:;|\(|\)|\.(?:\s|$)|\n|,\s*(?:nhằm|do|phù hợp|trong đó|cụ thể|đồng thời|gồm)\b|\s+(?:nhằm|gồm)\s)"
)
_COORDINATED = re.compile(r"^[\s,]*(?:và)?\s*(?:các\s+)?$")
_LIST_GAP = re.compile(r"^[\s,;:]*(?:và|cùng)?[\s,;:]*(?:các\s+)?$")

# relation cue immediately before a reference: the earlier document applies the later one
_BASED_ON_CUE = re.compile(r"(?:căn\s+cứ(?:\s+vào)?|trên\s+cơ\s+sở)\s*(?:các\s+)?$")
# "Căn cứ <X>, … ban hành <Y>" / "Thực hiện <X>, … ban hành <Y>": Y rests on / applies X
_LEADING_CUE = re.compile(r"(?:[-–•*+]\s*)?(?P<cue>căn\s+cứ(?:\s+vào)?|thực\s+hiện|triển\s+khai)\s+", re.I)
_ISSUES_LATER = re.compile(r",[^;]*?\bban\s+hành\s+(?:các\s+)?$")
# -- where the genre puts a document's date and issuer (MODELLING §2; devset README "Legal documents") --
# verbs of issuing: "mà Chính phủ ban hành ngày", "đề ngày", "do Sở Tư pháp lập ngày", "ký tại Quảng Ninh ngày"
_ISSUE_VERB = r"(?:ban\s+hành|ký(?:\s+ban\s+hành)?|đề|thông\s+qua|lập|gửi|trình)"
_DATE_AFTER_VERB = re.compile(
    rf"(?<![^\W\d_]){_ISSUE_VERB}(?:\s+và\s+có\s+hiệu\s+lực)?(?:\s+tại\s+[^\s,;()]+(?:\s+[^\s,;()]+){{0,2}})?"
    r"\s*,?\s*(?:vào\s+)?(?:cùng\s+)?ngày\s*:?\s*$")
# a dateline in brackets: "(Hà Nội, ngày 19 tháng 6 năm 2025)", "(Trà Vinh, 09/12/2020)"
_DATELINE = re.compile(r"[(;]\s*(?P<place>[^\W\d_][^\s,;()]*(?:\s+[^\W\d_][^\s,;()]*){0,3})\s*,\s*(?:ngày\s*)?$")
# a date standing right after the reference: "(ngày 10/3/2014)", "(10/3/2014)", ", ngày …", "vào ngày", "cũng ngày"
_DATE_BARE = re.compile(r"(?:(?<=[\s,(])|^)(?:(?:vào|cùng|cũng)\s+)?(?:ngày\s*:?\s*)?$")
# dates that are not the document's: deadlines and effect ("có hiệu lực từ ngày", "đến ngày")
_NOT_ISSUE_DATE = re.compile(r"(?:từ|đến|trước|sau|hạn|hiệu\s+lực)\s+(?:ngày\s*)?$")
# words that may stand between a reference and its date or issuer without starting its title
_ATTRIBUTE_WORDS = {"của", "do", "tỉnh", "thành", "phố", "huyện", "khóa", "khoá", "văn", "bản", "là",
                    "ngày", "tháng", "năm", "ký", "đề", "ban", "hành", "cũng"}
# "của/do" and a body's name (capitalised), up to a bracket or comma: "của Hội đồng nhân dân tỉnh"
_ISSUER_NAME = re.compile(r"(?<![^\W\d_])(?:của|do)\s+[A-ZĐÀ-Ỹ][^,;()\n]{0,80}?(?=\s*[,;(]|\s*$)")
# a known body named inside an unknown one ("Văn phòng UBND tỉnh"): that body is not the issuer
_INSIDE_UNKNOWN_BODY = re.compile(r"(?:Văn\s+phòng|Ban|Sở|Phòng|Cục|Chi\s+cục|Trung\s+tâm|Đảng\s+đoàn)\s+$")
# who issued: "của X", "do X", "mà X ban hành", "được X thông qua", "bởi X"
_CONNECTOR = re.compile(
    r"(?:(?<=[\s,(])|^)(?P<w>của|do|mà|bởi|được)\s+(?:(?:ông|bà|đồng\s+chí)\s+)?(?:phó\s+)?$")
_VERB_AFTER_BODY = re.compile(
    rf"\s*(?:\([^()]{{0,60}}\)\s*)?(?:khóa\s+[ivxlc]+\s+)?(?:đã\s+|cũng\s+|vừa\s+)?{_ISSUE_VERB}(?![^\W\d_])")
_VERB_WITHOUT_OBJECT = re.compile(r"\s*(?:(?:vào\s+)?(?:cùng\s+)?ngày\b|[,;.)]|$)")
# "<body> [name] [ngày D,] (đã) ký/ban hành/thông qua/có <type>": the body before the verb issued it
_VERB_BEFORE_TYPE = re.compile(
    r"\s*(?:\([^()]{0,60}\)\s*)?,?\s*(?:khóa\s+[ivxlc]+\s+)?(?:ngày\s+[\d/.\-]+(?:\s*tháng\s*\d+\s*năm\s*\d+)?\s*,?\s*)?"
    r"(?:đã\s+|vừa\s+|cũng\s+|chính\s+thức\s+)?(?:ký(?:\s+ban\s+hành)?|ban\s+hành|thông\s+qua|có|ra)\s+"
    r"(?:các\s+|hai\s+|ba\s+)?$")
# "<body> (đã) phê duyệt tại / chấp thuận bằng / giao tại <type>": the act done by the document
# ("Thủ tướng Chính phủ chấp thuận chủ trương tại", "HĐND tỉnh quyết định chủ trương đầu tư tại")
# the acts an authority does by a document (deciding, approving, assigning, proposing, giving its view)
_AUTHORITY_ACT = (r"(?:phê\s+duyệt|phê\s+chuẩn|chấp\s+thuận|quyết\s+định|ban\s+hành|giao|phân\s+bổ|bố\s+trí|"
                  r"điều\s+chỉnh|bổ\s+sung|thành\s+lập|cho\s+phép|đồng\s+ý|thống\s+nhất|có\s+ý\s+kiến|"
                  r"góp\s+ý|chỉ\s+đạo|yêu\s+cầu|đề\s+nghị|đề\s+xuất|báo\s+cáo|trình|quy\s+định|hướng\s+dẫn|"
                  r"công\s+nhận|công\s+bố|thông\s+báo|kết\s+luận|thẩm\s+định|xác\s+định|nêu|ủy\s+quyền|thông\s+qua)")
# "<body> (đã) phê duyệt (chủ trương) tại <type>", or "(đề nghị) của <body> tại <type>" (the body's own act)
_ACT_BY_DOCUMENT = re.compile(rf"\s+(?:(?:đã\s+|cũng\s+|vừa\s+)?(?P<verb>{_AUTHORITY_ACT})\s+(?:[^\W\d_]+\s+){{0,5}})?"
                              r"(?P<p>tại|bằng|theo|trong)\s+$")
# the sentence's subject acting by a document further on: "UBND tỉnh X đề nghị … tại Tờ trình số …"
_SUBJECT_ACTS = re.compile(rf"\s+(?:đã\s+|cũng\s+|vừa\s+)?{_AUTHORITY_ACT}\s")
# "X được giao tại <ref>": a passive verb after the body, which received the act
_PASSIVE = re.compile(r"(?<![^\W\d_])được(?![^\W\d_])")
# a person's title before the name of a signer ("Phó Thủ tướng Lê Minh Khai", "Bộ trưởng Bộ Tài chính")
_SIGNER_TITLE = re.compile(
    r"(?:phó\s+)?(?:thủ\s+tướng|bộ\s+trưởng|thứ\s+trưởng|chủ\s+tịch|giám\s+đốc|bí\s+thư|trưởng\s+ban|"
    r"tổng\s+cục\s+trưởng|cục\s+trưởng|chánh\s+văn\s+phòng)(?:\s+thường\s+trực)?\s+$")
# "(đề nghị) của (Giám đốc) <body> tại <type>": what stands before a body whose own act the document is
_OWN_ACT_BEFORE = re.compile(r"(?:của|mà|được)\s+(?:" + _SIGNER_TITLE.pattern.rstrip("$") + r")?$")
_NAME = re.compile(r"[A-ZĐÀ-Ỹ][^\W\d_]*(?:\s+[A-ZĐÀ-Ỹ][^\W\d_]*){1,3}")
# a letterhead: the issuing body alone on the line above, or before a dash on the same line
_LETTERHEAD_TAIL = re.compile(
    r"(?:[ \t]+(?i:khóa|khoá)\s+[IVXLC]+)?\s*(?:\([^()\n]{0,80}\))?\s*(?:[-–—]\s*[^\n]{0,80})?$")

# a list announced by its type and issuer: "các nghị định của Chính phủ:", "hai thông tư của Bộ trưởng Bộ …:"
# or a heading over a bulleted list: "2. Nghị quyết của HĐND tỉnh về nguyên tắc phân bổ …:"
_ENUMERATION = (r"(?:(?<![^\W\d_])(?:các|hai|ba|bốn|năm|sáu|bảy|tám|những|một\s+loạt)\s+|(?:^|(?<=\n))[ \t]*"
                r"(?:[\divx]+[.)]\s*)?)(?P<tw>văn\s+bản|{types})\s+(?:[^:;\n]{{0,30}}?\s)?của\s+")

_APPLIES_CUE = re.compile(r"(?:thực\s+hiện|triển\s+khai|cụ\s+thể\s+hóa|cụ\s+thể\s+hoá|thi\s+hành)\s*(?:các\s+)?$")


@dataclass
class _Candidate:
    m: re.Match
    start: int
    end: int
    doc_type: str | None = None
    type_start: int | None = None
    issuer: str | None = None
    issuer_source: str = "none"
    issuer_code: str | None = None
    title: str | None = None
    title_span: Span | None = None
    group: int = -1
    tail: int = 0  # end of the reference with its "của <issuer>" phrase
    date: object = None  # datetime.date read from the clause around the reference
    date_shared: bool = False  # "cùng ký ngày …": the date covers the whole coordinated list
    signer: str | None = None  # the person who signed, as named ("Lê Minh Khai")
    issuer_governs: bool = False  # "UBND tỉnh ban hành <A> và <B>": the issuer before the verb covers the list


class LegalReferenceExtractor:
    def __init__(self, ref: Reference):
        self.ref = ref
        self.type_by_word = ref.cue_lookup("doc-type")  # "nghị quyết" -> dt:nq
        self.type_by_notation = ref.notation_lookup("doc-type")  # "NQ" -> dt:nq
        words = sorted(self.type_by_word, key=len, reverse=True)
        bare_words = [w for w in words if self.ref.code(self.type_by_word[w]) in _BARE_TYPES]
        self._bare = re.compile(_BARE.format(types="|".join(re.escape(w) for w in bare_words))) if bare_words else None
        self._enumeration = re.compile(_ENUMERATION.format(types="|".join(re.escape(w) for w in words))) \
            if words else None
        self.surnames = set(ref.cue_lookup("surname"))
        self._bodies: list[tuple[int, int, str]] = []
        self._body_starts: list[int] = []
        self._type_words = re.compile(r"(?:" + "|".join(re.escape(w) for w in words) + r")$") if words else None

    # -- type ------------------------------------------------------------------------
    def _type_before(self, src: SourceText, start: int) -> tuple[str | None, int | None]:
        """The type word right before `start`: "Nghị quyết số 41/…", "Các Quyết định: Số 2108/…",
        or party style "Quyết định của Bộ Chính trị số 31-QĐ/TW"."""
        if not self._type_words:
            return None, None
        lo = max(0, start - 90)
        head = src.view[lo:start]
        # "Nghị định s 94/…", "công văn S: 709/…": "số" with its letters lost
        bare = re.sub(r"(?:\s+s)?[\s:]*$", "", head)
        m = self._type_words.search(bare)
        if not m and (generic := re.search(r"(?<![^\W\d_])văn\s+bản$", bare)):
            # "Văn bản số 5127/UBND-KTTH": the generic word stands where a type word would (the issuer
            # before it, the reference's span start there); the symbol's code gives the type
            return None, lo + generic.start()
        if not m:  # a law cited with its name: "Luật Đầu tư công số 39/2014/QH14"
            law = re.search(r"(?<![^\W\d_])((?:bộ\s+)?luật)(?:\s+[^\W\d_]+){1,7}$", bare)
            if law and src.text[lo + law.end(1) + 1:lo + law.end(1) + 2].isupper() and law.group(1) in self.type_by_word:
                return self.type_by_word[law.group(1)], lo + law.start()
        if not m:  # "<type> của <issuer> số …"
            km = re.search(r"\s+của\s+[^,;()\n]{2,70}?[\s:]*$", head)
            if km:
                m = self._type_words.search(head[:km.start()])
        if not m:
            return None, None
        return self.type_by_word[m.group(0)], lo + m.start()

    def _unglue(self, codes: list[str]) -> list[str]:
        """A type code glued to its issuer's ("NQHĐND", "NĐCP", "TTBYT", "TTrUBND") read as two codes, when
        the symbol has only that code and the rest is a known issuer code."""
        if len(codes) != 1:
            return codes
        for n in sorted(self.type_by_notation, key=len, reverse=True):
            rest = codes[0][len(n):]
            if codes[0].startswith(n) and rest in self.ref.issuer_codes:
                return [n, rest]
        return codes

    def _type_from_code(self, codes: list[str], family: str) -> str | None:
        codes = self._unglue(codes)
        first = codes[0] if codes else None
        if family == "normative" and not (len(codes) > 1 and first in self.type_by_notation):
            return None  # "111/2024/QH15": the symbol carries no type; the word must say it ("…/TT-BXD" does)
        if first and first in self.type_by_notation:
            return self.type_by_notation[first]
        if family == "state" and first:
            # state công văn carry no type code: "776/UBND-KT"
            return self.type_by_notation.get("CV")
        return None

    # -- issuer and date: the clause around the reference ------------------------------
    def _bodies_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Organisations and posts the entity extractor found in [start, end), in text order."""
        i = bisect_left(self._body_starts, start)
        out = []
        while i < len(self._bodies) and self._bodies[i][0] < end:
            out.append(self._bodies[i])
            i += 1
        return out

    def _attribute_gap(self, src: SourceText, a: int, b: int) -> bool:
        """True when text[a:b] holds only what may stand between a reference and its date or issuer:
        punctuation, a body, a place ("…/QĐ-UBND, Bình Phước, ngày …"), "của", "tỉnh"; never a title."""
        parts, pos = [], a
        for s, e, _iri in self._bodies_in(a, b):
            parts.append(src.text[pos:s])
            pos = max(pos, e)
        parts.append(src.text[pos:b])
        # an issuer the gazetteer does not know is still an issuer phrase: "của Hội đồng nhân dân tỉnh ("
        gap = _ISSUER_NAME.sub(" ", " ".join(parts))
        gap = re.sub(r"(?<![^\W\d_])là\s+(?:[^\W\d_]+\s+){1,3}(?=của|do|$)", " ", gap)  # "218/BC-UBND là báo cáo của …"
        words = re.findall(r"[^\W_]+", gap)
        return len(words) <= 12 and all(
            w.lower() != "về" and (w.lower() in _ATTRIBUTE_WORDS or w[0].isupper() or w.isdigit()) for w in words)

    def _clause_end(self, src: SourceText, c: _Candidate, nxt: _Candidate | None) -> int:
        """Where the words about a reference end: the next reference, ";", the end of the sentence."""
        end = min(src.sentence_at(c.start).end, c.end + 320)
        semi = src.text.find(";", c.end, end)  # (a heading's continuation line, added below, keeps its ";")
        if semi >= 0:
            end = semi
        if nxt is not None:
            end = min(end, nxt.type_start if nxt.type_start is not None else nxt.start)
        if src.text.count("\n", 0, c.start) <= 1 and end < c.end + 320:
            # the document's own heading goes on on the next line: "Quyết định số …\nNgày ban hành: 29/07/2021",
            # "Nghị quyết số … về …\n(Thông qua tại kỳ họp …; Sơn La, ngày 15 tháng 03 năm 2017)"
            more = re.match(r"\n[ \t]*(?:ngày\s+ban\s+hành\s*:|\()[^\n]*", src.view[end:end + 200])
            if more:
                end += more.end()
        return max(end, c.end)

    def _date_after(self, src: SourceText, start: int, end: int) -> tuple[object, bool]:
        """The document's date in the clause after it, and whether the clause says it is shared
        ("cùng đề ngày …"). A date counts when an issuing verb introduces it ("ký ngày", "mà X ban hành
        ngày", "đề ngày"), when it is a bracketed dateline ("(Hà Nội, ngày …)"), or when it stands right
        after the reference and its issuer ("(10/3/2014)", "của UBND tỉnh, ngày …"). Deadlines and
        effect dates ("đến ngày", "có hiệu lực từ ngày") are not the document's."""
        view = src.view
        for dm in DOC_DATE_RE.finditer(view, start, end):
            left = view[start:dm.start()]
            d = date_from_match(dm)
            if d is None:
                continue
            if _DATE_AFTER_VERB.search(left[-160:]):
                return d, "cùng" in left
            if _NOT_ISSUE_DATE.search(left[-40:]):
                continue
            p = _DATELINE.search(left[-60:])
            if p and src.text[dm.start() - len(left[-60:]) + p.start("place")].isupper():
                return d, False
            b = _DATE_BARE.search(left)
            if b and self._attribute_gap(src, start, start + b.start()):
                return d, "cùng" in left[b.start():]
            if view.startswith("ngày ban hành", dm.start() - len("ngày ban hành: ")) or \
                    re.search(r"\n\s*ngày\s+ban\s+hành\s*:\s*$", left):
                return d, False
        return None, False

    def _date_before(self, src: SourceText, c: _Candidate) -> tuple[object, bool]:
        """"Ngày 15/5/2023, Phó Thủ tướng … ký Quyết định số …", "… ngày 17/7/2020 HĐND tỉnh … đã thông
        qua Nghị quyết số …", a header "Long An, ngày 08 tháng 12 năm 2016 — Nghị quyết số …", and a list
        "hai quyết định … cùng ký ngày 29/11/2016: Quyết định số …"."""
        head = c.type_start if c.type_start is not None else c.start
        sent = src.sentence_at(c.start).start
        lo = max(sent, head - 200)
        last = None
        for dm in DOC_DATE_RE.finditer(src.view, lo, head):
            last = dm
        if last is None or not re.search(r"ngày\s*$", src.view[max(lo, last.start() - 8):last.start()]):
            return None, False
        gap = src.view[last.end():head]
        if re.match(r"\s*[-–—]\s*$", gap):  # dateline of a header
            return date_from_match(last), False
        if re.match(r"\s*:\s*$", gap) and re.search(rf"cùng\s+(?:được\s+)?{_ISSUE_VERB}\s+(?:vào\s+)?ngày\s*$",
                                                     src.view[max(lo, last.start() - 40):last.start()]):
            return date_from_match(last), True
        if re.search(r"[;:]", gap) or len(gap) > 110:
            return None, False
        if re.search(r"(?:đã\s+|vừa\s+|cũng\s+|chính\s+thức\s+)?(?:ký(?:\s+ban\s+hành)?|ban\s+hành|thông\s+qua)"
                     r"\s+(?:các\s+|hai\s+|ba\s+)?$", gap):
            return date_from_match(last), True  # the verb's date covers every document it governs
        return None, False

    def _signer_before(self, src: SourceText, pos: int) -> tuple[int, int] | None:
        """A person's name starting at `pos` ("Lê Minh Khai"): capitalised words opening with a surname."""
        m = _NAME.match(src.text, pos)
        if m and src.view[m.start():m.end()].split()[0] in self.surnames:
            return m.start(), m.end()
        return None

    @staticmethod
    def _place_after(src: SourceText, pos: int) -> int:
        """End of a place name the gazetteer left outside a body ("Ban Thường vụ Tỉnh ủy Yên Bái"), else `pos`."""
        m = re.compile(r"[ \t]+[A-ZĐÀ-Ỹ][^\W\d_]*(?:[ \t]+[A-ZĐÀ-Ỹ][^\W\d_]*){0,3}").match(src.text, pos)
        return m.end() if m else pos

    def _issuer_after(self, src: SourceText, c: _Candidate, end: int) -> None:
        """"của X", "do X", "mà X ban hành", "được X thông qua", "– văn bản X ban hành" after the reference;
        "do ông Đoàn Thanh Sơn ký" names a signer."""
        view = src.view
        for s, e, key in self._bodies_in(c.end, end):
            left = view[c.end:s]
            title = _SIGNER_TITLE.search(left)
            core = left[:title.start()] if title else left
            conn = _CONNECTOR.search(core)
            verb = _VERB_AFTER_BODY.match(view, e)
            name = self._signer_before(src, e + 1) if src.text[e:e + 1] == " " else None
            if name and not verb:
                verb = _VERB_AFTER_BODY.match(view, name[1])
            # "của/do/bởi X" and the relative "mà X <verb>" name the issuer; "được X" needs the verb
            if conn and conn.group("w") in ("của", "do", "bởi", "mà") and \
                    self._attribute_gap(src, c.end, c.end + conn.start()):
                pass
            elif verb and conn:
                pass
            elif verb and self._attribute_gap(src, c.end, s) and _VERB_WITHOUT_OBJECT.match(view, verb.end()):
                # "…/NQ-HĐND – văn bản HĐND tỉnh ban hành ngày …"; not "Thực hiện <ref>, Tỉnh ủy đã ban hành
                # các nghị quyết …", where the body is the subject of a sentence about other documents
                pass
            else:
                continue
            c.issuer, c.issuer_source, c.tail = key, "text", max(c.tail, e)
            if name:
                c.signer = src.text[name[0]:name[1]]
            return
        # a signer named without a body: "do ông Đoàn Thanh Sơn ký"
        m = re.compile(r"[\s,]*(?:do|mà|được)\s+(?:ông|bà|đồng\s+chí)\s+").match(view, c.end)
        if m is None:
            m = re.search(r"\s(?:do|mà|được)\s+(?:ông|bà|đồng\s+chí)\s+", view[c.end:end])
            m_end = c.end + m.end() if m else None
        else:
            m_end = m.end()
        if m_end is not None:
            name = self._signer_before(src, m_end)
            if name and _VERB_AFTER_BODY.match(view, name[1]):
                c.signer = src.text[name[0]:name[1]]

    def _issuer_before(self, src: SourceText, c: _Candidate) -> None:
        """"<body> [name] [ngày …] (đã) ký/ban hành/thông qua <type> số …", "<body> phê duyệt tại <type>",
        and a letterhead: the body alone on the line above the reference or before a dash."""
        head = c.type_start if c.type_start is not None else c.start
        view = src.view
        sent = src.sentence_at(c.start).start
        before = self._bodies_in(max(sent, head - 200), head)
        if before and c.type_start is not None:
            s, e, key = before[-1]
            gap_start = e
            name = self._signer_before(src, e + 1) if src.text[e:e + 1] == " " else None
            if name:
                gap_start = name[1]
            elif not _VERB_BEFORE_TYPE.fullmatch(view, e, head):
                gap_start = self._place_after(src, e)
            act = _ACT_BY_DOCUMENT.fullmatch(view, e, head)
            if act and act.group("p") == "theo" and not re.search(r"(?:mà|được)\s+$", view[max(0, s - 8):s]):
                act = None  # "X thực hiện theo <type>" follows a document; "mà X thành lập theo <type>" issued it
            if act and act.group("p") == "trong" and not re.search(r"của\s+$", view[max(0, s - 8):s]):
                act = None  # "đề xuất của X trong Tờ trình …" is X's; "X nêu trong <type>" may quote another's
            if act and not act.group("verb") and not _OWN_ACT_BEFORE.search(view, max(0, s - 40), s):
                act = None  # "X tại <type>" with no act of X's: only "của (Giám đốc) X tại", "mà/được X tại"
            if act and (_PASSIVE.search(view, e, head) or self._code_names_another(c, key, src)):
                act = None  # "X được giao tại <ref>": X received the task; "X … tại QĐ …/QĐ-TTg": the PM's
            if _VERB_BEFORE_TYPE.fullmatch(view, gap_start, head) or act:
                c.issuer, c.issuer_source, c.issuer_governs = key, "text", True
                if name:
                    c.signer = src.text[name[0]:name[1]]
                return
            # the sentence's subject acting by the document: "UBND tỉnh X đề nghị phê duyệt Quy hoạch …
            # tại Tờ trình số …", "Bộ Kế hoạch và Đầu tư đã có ý kiến tại Công văn số …"
            s, e, key = before[0]
            if len(before) == 1 and re.fullmatch(r"[\s\-–•*+]*", view[sent:s]) and ";" not in view[e:head] \
                    and re.search(r"\s(?:tại|bằng)\s+$", view[e:head]) and not _REF.search(src.plain, e, head) \
                    and not _PASSIVE.search(view, e, head) and not self._code_names_another(c, key, src) \
                    and _SUBJECT_ACTS.match(view, e):
                c.issuer, c.issuer_source = key, "text"
                return
        # letterhead: "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH — Quyết định số …" or the line above
        line = src.text.rfind("\n", 0, head) + 1
        prev = src.text.rfind("\n", 0, max(0, line - 1)) + 1 if line else 0
        for a, b in ((line, head), (prev, line - 1)) if line else ((0, head),):
            if b <= a:
                continue
            bodies = self._bodies_in(a, b)
            session = re.match(r"[ \t]*kỳ\s+họp[^\n]{0,40}?\s+của\s+", view[a:b])  # "Kỳ họp thứ 18 của HĐND tỉnh …"
            if session and bodies and bodies[0][0] == a + session.end():
                a = bodies[0][0]
            if bodies and bodies[0][0] == a and _LETTERHEAD_TAIL.fullmatch(src.text, bodies[0][1], b if b != head else head):
                if b == head or re.match(r"[^\n]{0,60}$", src.text[line:head]):
                    c.issuer, c.issuer_source = bodies[0][2], "text"
                    return

    def _code_names_another(self, c: _Candidate, key: str, src: SourceText) -> bool:
        """The symbol's issuer code ("…/QĐ-TTg", "…/QĐ-UBND") names a body other than `key` and those it
        stands for (the principal it signs for, the body its post is in, its parents): a body that only
        acts by the document did not issue it."""
        coded, _how = self._issuer_from_code(c.issuer_code, src)
        if coded is None:
            return False
        related = {key, self.ref.principal(key), self.ref.post_in(key), *self.ref.parents(key)}
        return coded not in related and self.ref.post_in(coded) not in related

    def _issuer_from_code(self, code: str | None, src: SourceText) -> tuple[str | None, str]:
        if not code:
            return None, "none"
        known = self.ref.issuer_codes.get(code)
        if not known:
            m = re.match(r"^(QH|UBTVQH)\d+$", code)
            known = self.ref.issuer_codes.get(m.group(1)) if m else None
        if not known:
            return None, "none"
        orgs, scope = known
        if scope != "central":
            orgs = [o for o in orgs if self.ref.org_scope.get(o) == src.jurisdiction]
        # one code, several bodies (TW: BCH Trung ương, Bộ Chính trị, Ban Bí thư; TU: Tỉnh ủy and its
        # Ban Thường vụ): fall back to the parent body and flag it
        roots = [o for o in orgs if not (set(self.ref.parents(o)) & set(orgs))]
        if len(orgs) == 1:
            return orgs[0], "code" if scope == "central" else "context"
        return (roots[0], "context") if len(roots) == 1 else (None, "none")

    # -- main --------------------------------------------------------------------------
    def extract(self, src: SourceText, entities: list[EntityMention] | None = None,
                ) -> tuple[list[DocumentMention], list[Relation], list[Issue]]:
        """`entities`: what the entity extractor found in `src`; its organisations and posts are the
        issuers the grammar can name (without it, the gazetteer is asked directly)."""
        text = src.plain
        if entities is None:
            bodies = [(s, e, entry.key) for s, e, entry in self.ref.find_entities(src.view, 0, None, src.jurisdiction)
                      if entry.kind in ("organisation", "post")]
        else:
            bodies = [(m.span.start, m.span.end, m.key) for m in entities if m.kind in ("organisation", "post")]
        # a body inside a longer one ("UBND tỉnh" in "Văn phòng UBND tỉnh") is not the issuer
        bodies = sorted(set(bodies), key=lambda b: (b[0], -b[1]))
        self._bodies = [b for i, b in enumerate(bodies) if not any(
            o[0] <= b[0] and b[1] <= o[1] and o != b for o in bodies[max(0, i - 3):i])
            and not _INSIDE_UNKNOWN_BODY.search(src.text, max(0, b[0] - 20), b[0])]
        self._body_starts = [b[0] for b in self._bodies]
        cands: list[_Candidate] = []
        for m in _REF.finditer(text):
            g = _groups(m)
            if not (g["ptype"] or g["sym_s"] or g["sym_y"]):
                continue
            c = _Candidate(m=m, start=m.start(), end=m.end())
            c.doc_type, c.type_start = self._type_before(src, m.start())
            has_so = bool(re.match(r"[Ss]ố", m.group(0)))
            if not (c.doc_type or has_so or g["sym_s"] or g["sym_y"] or g["pissuer"]):
                continue  # a bare "52-CTr" with neither type word nor "số" is noise
            listed = bool(cands) and cands[-1].m.group("sym_s") is not None and bool(
                re.fullmatch(r"\s*(?:,|và)\s*", text[cands[-1].end:m.start()]))
            if g["sym_s"] and not (c.doc_type or has_so or g["date"] or listed):
                # "74,3/74,44", "13/63": slash forms need a type word, "số", a date, or to follow
                # another reference in a list ("hai quyết định 1199/QĐ-TTg và 1201/QĐ-TTg")
                continue
            if g["sym_s"] and not re.search(r"[A-ZĐ]", g["sym_s"]):
                continue
            cands.append(c)
        cands = sorted(cands + self._bare_candidates(src, cands), key=lambda c: c.start)

        # coordinated lists: candidates separated only by ",", ";", "và" share type and issuer
        group = -1
        prev: _Candidate | None = None
        for i, c in enumerate(cands):
            gap = text[prev.tail:c.type_start if c.type_start is not None else c.start] if prev else None
            if prev is not None and gap is not None and _LIST_GAP.match(gap) and c.doc_type is None:
                c.group = prev.group
            elif prev is not None and gap is not None and _LIST_GAP.match(gap) and c.doc_type == prev.doc_type:
                c.group = prev.group
            else:
                group += 1
                c.group = group
            self._after(src, c, cands[i + 1] if i + 1 < len(cands) else None)
            prev = c

        self._enumerations(src, cands)
        self._closing_formula(src, cands)
        members: dict[int, list[_Candidate]] = defaultdict(list)
        for c in cands:
            members[c.group].append(c)
        for group_members in members.values():
            head_type = next((c.doc_type for c in group_members if c.doc_type), None)
            for c in group_members:
                c.doc_type = c.doc_type or head_type
            # "58/TTr-UBND và 60/TTr-UBND cùng đề ngày …", "cùng ký ngày 29/11/2016: Quyết định số …"
            shared = next((c.date for c in group_members if c.date_shared and c.date), None)
            for c in group_members:
                c.date = c.date or shared
            stated = [c for c in group_members if c.issuer_source == "text"]
            for c in group_members:
                if c.issuer_source != "text":
                    same_code = [s for s in stated if s.issuer_code == c.issuer_code]
                    if same_code:
                        c.issuer, c.issuer_source = same_code[-1].issuer, "text"

        self._coordinated(text, cands)
        for group_members in members.values():
            # "Các công văn: số 776/… và số 888/… về việc …": the trailing title covers the list
            last = group_members[-1]
            if last.title:
                for c in group_members[:-1]:
                    if c.issuer_code == last.issuer_code and c.doc_type == last.doc_type:
                        c.title = c.title or last.title

        mentions: list[DocumentMention] = []
        issues: list[Issue] = []
        for c in cands:
            mentions.append(self._mention(src, c))
        self._coreference(mentions)
        for dm in mentions:
            if dm.issuer is None:
                issues.append(Issue("unresolved-issuer", f"no issuer for {dm.id_local}", dm.span))
        relations = self._relations(src, cands, mentions)
        return mentions, relations, issues

    def _bare_candidates(self, src: SourceText, cands: list[_Candidate]) -> list[_Candidate]:
        """"Nghị quyết 98", "Thông báo số 203 do Thường trực HĐND tỉnh ban hành": a capitalised type
        word and a bare number (not a year) cite a document the text does not give the symbol of."""
        out = []
        taken = [(c.type_start if c.type_start is not None else c.start, c.end) for c in cands]
        for m in self._bare.finditer(src.view) if self._bare else ():
            if not src.text[m.start()].isupper() or re.fullmatch(r"(?:19|20)\d\d", m.group("num")):
                continue
            if any(s <= m.start("num") < e for s, e in taken):
                continue
            c = _Candidate(m=m, start=m.start("num"), end=m.end("num"))
            c.doc_type, c.type_start = self.type_by_word[m.group("tw")], m.start()
            out.append(c)
        return out

    @staticmethod
    def _coordinated(text: str, cands: list[_Candidate]) -> None:
        """References of different types joined by "," or "và" are the objects of one verb or share one
        trailing issuer: "Ngày 3/4/2021, UBND tỉnh ban hành Kế hoạch số 5/KH-UBND và Quyết định số
        6/QĐ-UBND" (date and issuer cover both), "Quyết định số 1/QĐ-UBND và Kế hoạch số 2/KH-UBND của
        UBND tỉnh" (the issuer covers both when their codes agree)."""
        chains: list[list[_Candidate]] = []
        for c in cands:
            head = c.type_start if c.type_start is not None else c.start
            if chains and _LIST_GAP.match(text[chains[-1][-1].tail:head]):
                chains[-1].append(c)
            else:
                chains.append([c])
        for chain in (ch for ch in chains if len(ch) > 1):
            first = chain[0]
            for c in chain[1:]:
                if first.date_shared and first.date and c.date is None:
                    c.date = first.date
                if first.issuer_governs and c.issuer_source != "text":
                    c.issuer, c.issuer_source = first.issuer, "text"
            last = chain[-1]
            for c in chain[:-1]:
                if last.issuer_source == "text" and c.issuer_source != "text" and c.issuer_code == last.issuer_code:
                    c.issuer, c.issuer_source = last.issuer, "text"

    def _closing_formula(self, src: SourceText, cands: list[_Candidate]) -> None:
        """The document a text is about, cited in its heading, is dated by the genre's closing formula:
        "Nghị quyết được Hội đồng nhân dân tỉnh Phú Yên khóa VII thông qua tại kỳ họp thứ 3 ngày 15/12/2016"."""
        heading_end = src.text.find("\n")
        heading = [c for c in cands if heading_end < 0 or c.start < heading_end]
        for c in heading:
            if c.date is not None or c.doc_type is None or sum(h.doc_type == c.doc_type for h in heading) != 1:
                continue
            words = "|".join(re.escape(w) for w, t in self.type_by_word.items() if t == c.doc_type)
            m = re.search(rf"(?:^|(?<=\n)|(?<=\.\s))(?:{words})(?:\s+này)?\s+(?:đã\s+)?được\s+(?P<by>[^.;\n]{{0,120}}?)"
                          rf"(?:thông\s+qua|ban\s+hành|ký)[^.;\n]{{0,60}}?ngày\s+(?P<date>[\d/.\-]+)", src.view)
            if not m or not src.text[m.start()].isupper():
                continue
            date = DOC_DATE_RE.fullmatch(m.group("date"))
            c.date = date_from_match(date) if date else None
            bodies = self._bodies_in(m.start("by"), m.end("by"))
            if c.issuer is None and bodies and bodies[0][0] == m.start("by"):
                c.issuer, c.issuer_source = bodies[0][2], "text"

    def _enumerations(self, src: SourceText, cands: list[_Candidate]) -> None:
        """A list announced with its type and issuer: "bốn nghị định của Chính phủ, gồm: số 77/2015/NĐ-CP …;
        số 120/2018/NĐ-CP …", "Hai quyết định của Bộ Giao thông Vận tải: số 3230/QĐ-BGTVT … và số …".
        Each item of that type (or of no stated type) that names no issuer of its own takes the announced
        one, up to the end of the paragraph."""
        view = src.view
        for m in self._enumeration.finditer(view) if self._enumeration else ():
            doc_type = self.type_by_word.get(m.group("tw"))  # None: "hai văn bản của …", of any type
            bodies = self._bodies_in(m.end(), m.end() + 90)
            if not bodies:
                continue
            s, e, key = bodies[0]
            if not re.fullmatch(r"\s*(?:" + _SIGNER_TITLE.pattern.rstrip("$") + r")?", view[m.end():s]):
                continue
            colon = re.match(r"[^:;()\n]{0,30}?(?:\s*\([^()\n]{0,40}\))?[\s,]*(?:gồm|bao\s+gồm)?\s*:", view[e:e + 60]) \
                or re.match(r"\s+về\s[^:;()\n]{0,100}:[ \t]*(?=\n)", view[e:e + 120])  # a heading's subject
            if not colon:
                continue
            start = e + colon.end()
            stop = _list_end(src.text, start)
            for c in cands:
                if start <= c.start < stop and (doc_type is None or c.doc_type in (None, doc_type)) \
                        and c.issuer_source != "text":
                    c.doc_type, c.issuer, c.issuer_source = c.doc_type or doc_type, key, "text"

    def _after(self, src: SourceText, c: _Candidate, nxt: _Candidate | None) -> None:
        """Issuer, signer, date and title ("về X") stated around a reference."""
        text = src.plain
        g = _groups(c.m)
        if g["sym_s"] or g["sym_y"]:
            codes = self._unglue(re.split(r"[-/]", g["sym_s"] or g["sym_y"]))
            c.issuer_code = codes[1] if len(codes) > 1 and codes[0] in self.type_by_notation else codes[0]
        else:
            c.issuer_code = g["pissuer"]
        pos = c.tail = c.end
        end = self._clause_end(src, c, nxt)
        self._issuer_after(src, c, end)
        if c.issuer is None and c.type_start is not None:
            # party style: "Quyết định của Bộ Chính trị số 31-QĐ/TW"
            km = re.search(r"\bcủa\s+", src.view[c.type_start:c.start])
            if km:
                inside = self._bodies_in(c.type_start + km.end(), c.start)
                if inside and inside[0][0] - (c.type_start + km.end()) <= 2:
                    c.issuer, c.issuer_source = inside[0][2], "text"
        if c.issuer is None:
            self._issuer_before(src, c)
        if g["date"]:
            dm = re.search(DATE_PATTERN, g["date"])
            c.date = date_from_match(dm) if dm else None
        if c.date is None:
            c.date, c.date_shared = self._date_after(src, c.end, end)
        if c.date is None:
            c.date, c.date_shared = self._date_before(src, c)
        pos = c.tail
        t = _TITLE.match(text, pos)
        if not t:
            return
        stop = _TITLE_STOP.search(text, t.end())
        end = stop.start() if stop else len(text)
        for nxt in _REF.finditer(text, t.end(), end):
            # a title may cite another document ("về việc thực hiện Nghị quyết số 11-NQ/TW"), but it
            # ends where a coordinated reference begins ("… và Nghị quyết số 58/NQ-HĐND")
            before = src.view[t.end():nxt.start()]
            if re.search(r"(?:\s+và|,)\s*(?:các\s+)?(?:[^\W\d_]+\s+){0,4}(?:số\s*)?$", before) and not \
                    re.search(r"(?:thực hiện|triển khai|theo|tại|của)\s+(?:[^\W\d_]+\s+){0,4}(?:số\s*)?$", before):
                end = t.end() + len(re.sub(r"(?:\s+và|,)\s*(?:các\s+)?(?:[^\W\d_]+\s+){0,4}(?:số\s*)?$", "", before))
                break
        title_start = t.start() + t.group(0).index("v")  # keep the "Về …" of the trích yếu
        title = text[title_start:end].rstrip(" ,")
        if 8 <= len(title) <= 400:
            c.title = title[0].upper() + title[1:]
            c.title_span = Span(title_start, end)

    def _mention(self, src: SourceText, c: _Candidate) -> DocumentMention:
        g = _groups(c.m)
        num = g["num"]
        if g["sym_y"]:
            # the number as written keeps its separator ("19-2018/NQ-CP"): that is how it is cited
            sep = g.get("year_sep") or "/"
            family, codes, id_local = "normative", g["sym_y"].split("-"), f"{num}{sep}{g['year']}/{g['sym_y']}"
        elif g["sym_s"]:
            family, codes, id_local = "state", re.split(r"[-/]", g["sym_s"]), f"{num}/{g['sym_s']}"
        elif g["ptype"]:
            family = "party"
            codes = [g["ptype"]] + ([g["pissuer"]] if g["pissuer"] else [])
            id_local = f"{num}-{g['ptype']}" + (f"/{g['pissuer']}" if g["pissuer"] else "")
        else:  # "Nghị quyết 98": no symbol, so no numbering system either
            family, codes, id_local = "bare", [], num
        doc_type = c.doc_type or self._type_from_code(codes, family)
        date = c.date
        year = int(g["year"]) if g["year"] else (date.year if date else None)
        # "Phó Thủ tướng … ký Quyết định số …/QĐ-TTg": the deputy signs, the Prime Minister issues
        issuer, issuer_source = (self.ref.principal(c.issuer) if c.issuer else None), c.issuer_source
        if issuer is None:
            issuer, issuer_source = self._issuer_from_code(c.issuer_code, src)
        span_start = c.type_start if c.type_start is not None else c.start
        end = c.end
        return DocumentMention(
            span=Span(span_start, end),
            evidence=src.sentence_at(c.start),
            doc_type=self.ref.code(doc_type) if doc_type else None,
            number=re.sub(r"^0+(?=\d)", "", num),
            id_local=id_local,
            symbol_codes=tuple(codes),
            family=family,
            date=date,
            year=year,
            issuer=issuer,
            issuer_source=issuer_source,
            title=c.title,
            surface=src.text[span_start:end],
            group=c.group,
            signer=c.signer,
        )

    @staticmethod
    def _coreference(mentions: list[DocumentMention]) -> None:
        """Short re-mentions take date, issuer and type from the full mention of the same symbol.

        Truncated party symbols ("52-CTr" for "52-CTr/TU") match on number and type code when
        exactly one full symbol fits.
        """
        full: dict[str, DocumentMention] = {}
        for dm in mentions:
            if dm.date and dm.id_local not in full:
                full[dm.id_local] = dm
        for dm in mentions:
            target = full.get(dm.id_local)
            if target is None and dm.family == "party" and "/" not in dm.id_local:
                fits = [f for k, f in full.items() if k.startswith(dm.id_local + "/")]
                target = fits[0] if len(fits) == 1 else None
                if target:
                    dm.id_local, dm.symbol_codes = target.id_local, target.symbol_codes
            if target is None or target is dm:
                continue
            if dm.date is None:
                dm.date, dm.year = target.date, target.year
            if dm.issuer_source in ("none", "context") and target.issuer:
                dm.issuer, dm.issuer_source = target.issuer, target.issuer_source
            dm.doc_type = dm.doc_type or target.doc_type

    def _relations(self, src: SourceText, cands: list[_Candidate],
                   mentions: list[DocumentMention]) -> list[Relation]:
        """Document-to-document relations said within one sentence.

        "<A> … thực hiện <B> [và <C>]": A applies B (and C). A reference inside A's title that is
        not applied is cited ("về việc thành lập Ban Chỉ đạo thực hiện Nghị quyết số 11-NQ/TW").
        """
        rels: list[Relation] = []
        text = src.plain
        for i, c in enumerate(cands):
            subj = mentions[i]
            sentence = src.sentence_at(c.start)
            later = [j for j in range(i + 1, len(cands))
                     if src.sentence_at(cands[j].start) == sentence and cands[j].group != c.group]
            if not later:
                continue
            first = cands[later[0]]
            gap = src.view[c.tail:first.type_start if first.type_start is not None else first.start]
            # the cue relates the nearest reference before it, in the same clause, to the one after
            nearest = later[0] == i + 1 and ";" not in gap and subj.id_local != mentions[later[0]].id_local
            cue = None
            if nearest and len(gap) <= 160 and "thành lập" not in gap:
                cue = ELI.applies if _APPLIES_CUE.search(gap) else ELI.based_on if _BASED_ON_CUE.search(gap) else None
            if cue is not None:
                objects = [later[0]]
                for j in later[1:]:  # "… thực hiện <B> và <C>": coordinated objects
                    prev = cands[objects[-1]]
                    between = text[prev.tail:cands[j].type_start if cands[j].type_start is not None else cands[j].start]
                    if not _COORDINATED.match(between):
                        break
                    objects.append(j)
                for j in objects:
                    rels.append(Relation(_doc_handle(subj), str(cue), _doc_handle(mentions[j]), subj.evidence))
            elif c.title_span:
                for j in later:
                    if c.title_span.start <= cands[j].start < c.title_span.end:
                        rels.append(Relation(_doc_handle(subj), str(ELI.cites), _doc_handle(mentions[j]),
                                             subj.evidence))
        rels += self._leading_cue_relations(src, cands, mentions)
        return rels

    def _leading_cue_relations(self, src: SourceText, cands: list[_Candidate],
                               mentions: list[DocumentMention]) -> list[Relation]:
        """A sentence that opens with "Căn cứ"/"Thực hiện" the documents X and later says "… ban hành
        <Y>": Y is based on / applies every X."""
        rels = []
        for sentence in src.sentence_spans:
            lead = _LEADING_CUE.match(src.view, sentence.start)
            inside = [i for i, c in enumerate(cands) if sentence.start <= c.start < sentence.end]
            if not lead or len(inside) < 2:
                continue
            first = cands[inside[0]]
            if (first.type_start if first.type_start is not None else first.start) - lead.end() > 2:
                continue
            basis = [i for i in inside if cands[i].group == first.group]
            for i in inside:
                if cands[i].group == first.group:
                    continue
                before = src.view[sentence.start:cands[i].type_start if cands[i].type_start is not None else cands[i].start]
                if _ISSUES_LATER.search(before):
                    cue = ELI.based_on if lead.group("cue").startswith("căn") else ELI.applies
                    for j in basis:
                        rels.append(Relation(_doc_handle(mentions[i]), str(cue), _doc_handle(mentions[j]),
                                             mentions[i].evidence))
                    break
        return rels


def _list_end(text: str, start: int) -> int:
    """End of a list opened at `start`: its line, and the bulleted lines that follow ("- …", "+ …")."""
    end = text.find("\n", start)
    while end >= 0 and re.match(r"\n[ \t]*[-–•+*]\s", text[end:end + 4]):
        end = text.find("\n", end + 1)
    return len(text) if end < 0 else end


def _groups(m: re.Match) -> dict:
    """The parts of a matched symbol, the spaced party form ("100 - KL/TW") read as the plain one."""
    g = dict.fromkeys(_REF.groupindex) | m.groupdict()  # a bare citation has no symbol parts
    for k in ("sym_s", "sym_y", "sym_yh"):
        if g[k]:
            g[k] = g[k].replace(" ", "").replace("⁄", "/")  # the symbol as issued: "QĐ- TTg" is "QĐ-TTg"
    if g["year_h"]:
        g["year"], g["sym_y"], g["year_sep"] = g["year_h"], g["sym_yh"], "-"
    if g["ptype_sp"]:
        g["ptype"], g["pissuer"] = g["ptype_sp"], g["pissuer_sp"]
    return g


def _doc_handle(dm: DocumentMention) -> str:
    """A placeholder the builder replaces with the document IRI (mentions are resolved there)."""
    return f"urn:lskg:mention:{dm.span.start}:{dm.span.end}"


def mention_handle(dm: DocumentMention) -> str:
    return _doc_handle(dm)


def titles_by_symbol(mentions: list[DocumentMention]) -> dict[str, tuple[str, Span]]:
    """The most often stated title per symbol (ties: the longest).

    A title printed after two coordinated references ("Nghị quyết số 11-NQ/TW … và Nghị quyết
    số 96/NQ-CP … về phương hướng …") is ambiguous; it goes to the symbol it follows most often.
    """
    seen: dict[str, Counter] = defaultdict(Counter)
    where: dict[tuple[str, str], Span] = {}
    for dm in mentions:
        if dm.title:
            seen[dm.id_local][dm.title] += 1
            where.setdefault((dm.id_local, dm.title), dm.evidence)
    # titles are compared by their opening words: the same trích yếu is often printed with a
    # different ending ("… tầm nhìn đến năm 2045 kịp thời, đầy đủ")
    def opening(title: str) -> str:
        return " ".join(fold(title).split()[:8])

    per_opening: dict[str, Counter] = defaultdict(Counter)
    for sym, counter in seen.items():
        for title, n in counter.items():
            per_opening[opening(title)][sym] += n
    owner = {key: counts.most_common(1)[0][0] for key, counts in per_opening.items()}
    for key, counts in per_opening.items():
        top = counts.most_common(2)
        if len(top) == 2 and top[0][1] == top[1][1]:
            owner[key] = None  # as often after one as after the other: nobody's title
    out = {}
    for sym, counter in seen.items():
        own = [t for t in counter if owner[opening(t)] == sym]
        if own:
            title = max(own, key=lambda t: (counter[t], len(t)))
            out[sym] = (title, where[(sym, title)])
    return out
