"""Named entities: gazetteer linking, new candidates by pattern, people with their posts."""

from __future__ import annotations

import re

from ..text.normalise import slug
from ..vocab import FOAF, ID, LSKG
from .context import SourceText
from .model import EntityMention, Membership, Span
from .reference import Reference

_SYLLABLE = r"(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]*|\d{1,3}|[IVX]{1,4})"
_NAME = rf"{_SYLLABLE}(?:\s{_SYLLABLE}){{0,4}}"
_PERSON = re.compile(r"(?:[Đđ]ồng\s+chí\s+)(?P<name>[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:\s[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,3})")


class EntityExtractor:
    def __init__(self, ref: Reference):
        self.ref = ref
        self.project_heads = ref.cue_pattern("project-kind")
        self.post_cues = ref.cue_pattern("post")
        self.post_by_cue = ref.cue_lookup("post")
        self.known_names = {e.surface for e in ref.entries}

    def extract(self, src: SourceText) -> tuple[list[EntityMention], list[Membership]]:
        mentions: list[EntityMention] = []
        covered: list[tuple[int, int]] = []
        for s, e, entry in self.ref.find_entities(src.view, jurisdiction=src.jurisdiction):
            mentions.append(EntityMention(entry.iri, entry.kind, Span(s, e), src.sentence_at(s)))
            covered.append((s, e))
        mentions += self._candidates(src, covered)
        mentions.sort(key=lambda m: (m.span.start, m.span.end))
        src.project_mentions = [(m.span.start, m.iri) for m in mentions if m.kind == "project"]
        memberships, people = self._people(src, mentions)
        mentions += people
        mentions.sort(key=lambda m: (m.span.start, m.span.end))
        return mentions, memberships

    # -- new projects named with a kind word: "Khu công nghiệp Hữu Lũng", "cụm công nghiệp: A, B" --
    def _candidates(self, src: SourceText, covered: list[tuple[int, int]]) -> list[EntityMention]:
        if not self.project_heads:
            return []
        out = []
        text = src.text
        for m in self.project_heads.finditer(src.view):
            if any(s <= m.start() < e for s, e in covered):
                continue
            # names follow the head word, one or a ":"-list of them
            pos = m.end()
            lst = re.match(r"\s*:\s*", text[pos:])
            names = []
            if lst:
                for nm in re.finditer(rf"({_NAME})(?:\s*,\s*|\s+và\s+|$)", text[pos + lst.end(): pos + lst.end() + 200]):
                    names.append((pos + lst.end() + nm.start(1), pos + lst.end() + nm.end(1)))
                    if not re.match(r"\s*(?:,|và)", text[pos + lst.end() + nm.end(1):]):
                        break
            else:
                nm = re.match(rf"\s+({_NAME})", text[pos:pos + 120])
                if nm and nm.group(1)[0].isupper() and not nm.group(1).isdigit():
                    names.append((pos + nm.start(1), pos + nm.end(1)))
            head = text[m.start():m.end()]
            for s, e in names:
                name = text[s:e]
                label = f"{head[0].upper()}{head[1:]} {name}" if not lst else f"{head[0].upper()}{head[1:]} {name}"
                span_start = m.start() if not lst else s
                if any(s2 <= s < e2 for s2, e2 in covered):
                    continue
                iri = str(ID[f"project/{slug(label)}"])
                out.append(EntityMention(iri, "project", Span(span_start, e), src.sentence_at(s),
                                         candidate=True, label=label,
                                         types=(str(LSKG.InvestmentProject),)))
                covered.append((span_start, e))
        return out

    # -- people: "Đồng chí Hồ Tiến Thiệu, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh" --
    def _people(self, src: SourceText, mentions: list[EntityMention]):
        memberships: list[Membership] = []
        people: list[EntityMention] = []
        persons = [(m.span.start, m.span.end, m.iri) for m in mentions if m.kind == "person"]
        for pm in _PERSON.finditer(src.text):
            s, e = pm.start("name"), pm.end("name")
            if any(ps <= s < pe for ps, pe, _ in persons):
                continue
            if self._looks_like_post(src.view[s:e]):
                continue  # "đồng chí Bí thư Tỉnh ủy": a post, not a name
            name = pm.group("name")
            iri = str(ID[f"person/{slug(name)}"])
            people.append(EntityMention(iri, "person", Span(s, e), src.sentence_at(s), candidate=True,
                                        label=name, types=(str(FOAF.Person),)))
            persons.append((s, e, iri))
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
                # "Chủ tịch UBND tỉnh": cue then the body; "Thủ tướng Chính phủ": the post itself
                org = next((o for o in orgs if cue.end() <= o.span.start <= cue.end() + 1), None) or next(
                    (o for o in orgs if o.span.start == pos and o.kind == "post"), None)
                if org is None:
                    break
                memberships.append(Membership(person, post, org.iri, src.sentence_at(ps)))
                pos = org.span.end
        return memberships, people

    def _looks_like_post(self, view_text: str) -> bool:
        return bool(self.post_cues and self.post_cues.match(view_text))
