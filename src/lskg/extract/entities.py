"""Named entities: gazetteer linking, new candidates by pattern, people with their posts."""

from __future__ import annotations

import re

from ..text.normalise import slug
from ..vocab import FOAF, LSKG
from .context import SourceText
from .model import EntityMention, Membership, Span
from .organisations import BodyFinder
from .places import PlaceFinder
from .project_names import ProjectNamer, proper_name
from .reference import Reference

# "mốc 1119-1120, 1088/2-1089": the numbers of border markers after the word "mốc"
_MARKER_HEAD = re.compile(r"(?<!\w)(?:cột\s+)?mốc\s+(?=\d)")
_MARKER_NUMBER = re.compile(r"(\d{1,4}(?:/\d{1,2})?)(?![\d/])")
# kinds of names that new projects are often named after
_NAME_GIVERS = ("place", "border-gate")
_PERSON = re.compile(r"(?:[Đđ]ồng\s+chí)(?=\s)")
# a gate's name after a level word is the commune or town of that name ("xã Chi Ma"), not the gate
_LEVEL_BEFORE = re.compile(r"(?:xã|phường|thị trấn|thị xã|huyện|thành phố|tp\.?)\s+$")
_BODY_KINDS = ("organisation", "post")


class EntityExtractor:
    def __init__(self, ref: Reference):
        self.ref = ref
        self.project_names = ProjectNamer(ref)
        self.post_cues = ref.cue_pattern("post")
        self.post_by_cue = ref.cue_lookup("post")
        self.surnames = set(ref.cue_lookup("surname"))
        self.places = PlaceFinder(ref, ref.province_gazetteer)
        self.bodies = BodyFinder(ref, self.places)

    def extract(self, src: SourceText) -> tuple[list[EntityMention], list[Membership]]:
        known: list[EntityMention] = []
        for s, e, entry in self.ref.find_entities(src.view, jurisdiction=src.jurisdiction):
            if entry.kind == "border-gate" and _LEVEL_BEFORE.search(src.view, max(0, s - 12), s):
                continue
            known.append(EntityMention(entry.key, entry.kind, Span(s, e), src.sentence_at(s)))
        mentions = _merge(known, self.bodies.find(src), self.places.gates(src, self.bodies.any_head),
                          self.places.units(src))
        candidates = self.project_names.find(src, mentions, _NAME_GIVERS)
        # "Nhà máy thủy điện Bắc Giang II": a project named after a place is the project, not the place;
        # a gate inside a project's name is still the gate ("... đến cửa khẩu Tịnh Biên ...")
        mentions = [m for m in mentions if not any(
            m.kind == "place" and c.span.start <= m.span.start < c.span.end for c in candidates)]
        mentions += candidates
        mentions = self._border_markers(src, mentions)
        mentions.sort(key=lambda m: (m.span.start, m.span.end))
        src.project_mentions = [(m.span.start, m.key) for m in mentions if m.kind in ("project", "economic-zone")]
        memberships, people = self._people(src, mentions)
        mentions += people
        mentions.sort(key=lambda m: (m.span.start, m.span.end))
        return mentions, memberships

    # -- border markers: "mốc 1119-1120, 1088/2-1089": each number is a marker --
    def _border_markers(self, src: SourceText, mentions: list[EntityMention]) -> list[EntityMention]:
        known = {m.span for m in mentions}
        out = [m for m in mentions if m.kind != "border-marker"]
        for head in _MARKER_HEAD.finditer(src.view):
            pos = head.end()
            while item := _MARKER_NUMBER.match(src.text, pos):
                number = item.group(1)
                span = Span(item.start(1), item.end(1))
                key = f"border-marker/{slug(number)}"
                if self.ref.kind_of(key) == "border-marker":
                    out.append(EntityMention(key, "border-marker", span, src.sentence_at(span.start)))
                elif span not in known:
                    out.append(EntityMention(key, "border-marker", span, src.sentence_at(span.start), candidate=True,
                                             label=f"Mốc {number}", types=(str(LSKG.BorderMarker),)))
                pos = item.end()
                if not re.match(r"\s*[-,]\s*(?:và\s+)?\d", src.text[pos:]):
                    break
                pos += re.match(r"\s*[-,]\s*(?:và\s+)?", src.text[pos:]).end()
        return out

    # -- people: "Đồng chí Hồ Tiến Thiệu, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh" --
    def _people(self, src: SourceText, mentions: list[EntityMention]):
        memberships: list[Membership] = []
        people: list[EntityMention] = []
        persons = [(m.span.start, m.span.end, m.key) for m in mentions if m.kind == "person"]
        for pm in _PERSON.finditer(src.text):
            span = proper_name(src.text, pm.end())
            if not span:
                continue
            s, e = span
            if any(ps <= s < pe for ps, pe, _ in persons) or len(src.text[s:e].split()) < 2:
                continue
            if src.view[s:e].split()[0] not in self.surnames:
                continue  # "đồng chí Phó Bí thư", "đồng chí Lãnh đạo tỉnh": a post or a noun, not a name
            name = src.text[s:e]
            key = f"person/{slug(name)}"
            people.append(EntityMention(key, "person", Span(s, e), src.sentence_at(s), candidate=True,
                                        label=name, types=(str(FOAF.Person),)))
            persons.append((s, e, key))
        orgs = [m for m in mentions if m.kind in ("organisation", "post")]
        for ps, pe, person in persons:
            pos = pe
            while True:
                sep = re.match(r"\s*,\s*", src.text[pos:])
                if not sep:
                    break
                pos += sep.end()
                cue = self.post_cues.match(src.view, pos) if self.post_cues else None
                if not cue:
                    break
                post = self.post_by_cue[cue.group(0)]
                # "Chủ tịch UBND tỉnh": cue then the body; "Thủ tướng Chính phủ": the post itself;
                # "Phó Chủ tịch UBND tỉnh": the gazetteer read the post "Chủ tịch UBND tỉnh" from
                # inside the cue on, so that post's body is the one the deputy serves in
                org = next((o for o in orgs if cue.end() <= o.span.start <= cue.end() + 1), None) or next(
                    (o for o in orgs if o.kind == "post" and (o.span.start == pos or
                                                              pos < o.span.start < cue.end() < o.span.end)), None)
                if org is None:
                    break
                # a post entity ("Chủ tịch UBND tỉnh") stands for its body: the membership is in the body
                body = self.ref.post_in(org.key) if org.kind == "post" else org.key
                memberships.append(Membership(person, post, body or org.key, src.sentence_at(ps)))
                pos = org.span.end
        return memberships, people


def _merge(known: list[EntityMention], bodies: list[EntityMention], gates: list[EntityMention],
           units: list[EntityMention]) -> list[EntityMention]:
    """Reference matches and what the grammar read, without two claims on one stretch of text:
    of two overlapping bodies the longer name wins (the reference one on a tie); a place named
    inside a body's name is part of the name; a gate inside a body's name stays (the annotation
    asks for the gate in "Đồn Biên phòng cửa khẩu Chi Ma"); the reference wins over a new gate
    or place on the same words, unless the grammar read a longer name there."""
    def overlaps(a: EntityMention, b: EntityMention) -> bool:
        return a.span.start < b.span.end and b.span.start < a.span.end

    def inside(a: EntityMention, b: EntityMention) -> bool:
        return b.span.start <= a.span.start and a.span.end <= b.span.end

    length = lambda m: m.span.end - m.span.start  # noqa: E731 - tiny local helper
    claims = sorted([(m, 0) for m in known if m.kind in _BODY_KINDS] + [(m, 1) for m in bodies],
                    key=lambda x: (-length(x[0]), x[1], x[0].span.start))
    chosen: list[EntityMention] = []
    for m, _ in claims:
        if not any(overlaps(m, c) for c in chosen):
            chosen.append(m)
    out = list(chosen)
    # a reference place inside a longer name the grammar read ("Lào" in "tỉnh Lào Cai") is not named there
    others = [m for m in known if m.kind not in _BODY_KINDS and not any(
        inside(m, u) and length(u) > length(m) for u in gates + units if m.kind == "place")]
    for m in others:
        if m.kind == "border-gate" or not any(inside(m, c) for c in chosen):
            out.append(m)
    for m in gates:
        if not any(overlaps(m, o) for o in others if o.kind == "border-gate"):
            out.append(m)
            others.append(m)
    for m in units:
        if not any(overlaps(m, o) for o in out):
            out.append(m)
    return out
