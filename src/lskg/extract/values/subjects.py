"""Subjects: what a figure is about. The source's jurisdiction, unless the figure is about a
project (a project indicator in a sentence about a project), a district or body named at the head
of its clause, or the nation ("cả nước"); a district's share of a project figure is not emitted."""

from __future__ import annotations

from collections.abc import Callable

from ..context import SourceText
from ..quantities import Quantity, vre
from ..reference import Reference
from .catalogue import Catalogue
from .cues import CueHit
from .sentences import LogicalSentence

_PROJECT_WORD = vre(r"(?<!\w)dự\s+án(?!\w)")
_PLACE_LEAD = vre(r"[\s\W]*(?:(?:tại|ở|địa\s+phận|trên\s+địa\s+bàn)\s+)?")
_TERRITORY = vre(r"địa\s+phận")
# the nation as a comparator: "bình quân của cả nước"
_NATION = vre(r"(?:^|(?<=\W))(?:cả\s+nước|toàn\s+quốc)(?!\w)")


class Subjects:
    def __init__(self, src: SourceText, ref: Reference, catalogue: Catalogue, issue: Callable[..., None]):
        self.src = src
        self.ref = ref
        self.view = src.view
        self.catalogue = catalogue
        self.issue = issue  # records why a figure is not emitted

    def subject_for(self, ls: LogicalSentence, q: Quantity, ind: str, cue: CueHit | None) -> str | None:
        """Subject key; None to skip with an issue recorded, "" to skip silently."""
        clause = ls.clause_start(q.start)
        seg_text = ls.between(clause, q.start)
        anchor = cue.start if cue is not None and cue.start >= clause else q.start
        if _NATION.search(ls.between(min(anchor, q.start), q.start)) or (
                cue is None and _NATION.search(seg_text)):
            # "mức bình quân của cả nước năm 2023 (5,05%)": a national figure
            return self.nation or ""
        found = self.clause_subject(ls, ls.segment_start(q.start), q.start)
        if found is None:
            found = self.clause_subject(ls, clause, q.start)
            if found is not None and found[1] != "place":
                found = None  # an organisation is the subject of its own segment only
        place, kind, lead = found if found else (None, None, "")
        project = self.catalogue.is_project_indicator(ind)
        focus = None
        if project or (kind == "place" and _TERRITORY.search(lead)):
            focus = self.src.project_focus(q.num_start) or self.project_in_context(q.num_start)
        if kind == "place" and (project or focus is not None):
            # "Địa phận huyện Chi Lăng … 26,5ha": the share of one district in a project figure
            self.issue("partial-figure", "the part of a project figure in one district is not emitted",
                       q.num_start, q.num_end)
            return None
        if project:
            if focus is None:
                self.issue("no-project-subject", "project indicator outside a sentence about a project",
                           q.num_start, q.num_end)
                return None
            return focus
        return place or self.src.jurisdiction

    @property
    def nation(self) -> str | None:
        """The country that contains the source's jurisdiction (schema:containedInPlace)."""
        if not hasattr(self, "_nation"):
            self._nation = self.ref.country_of(self.src.jurisdiction)
        return self._nation

    def project_in_context(self, pos: int) -> str | None:
        """The project last named within the three paragraphs before pos, with no heading
        in between, when the paragraph at pos speaks of "dự án" (the project)."""
        para = self.src.paragraph_at(pos)
        if not _PROJECT_WORD.search(self.view, para.start, para.end):
            return None
        mentions = [(o, key) for o, key in self.src.project_mentions if o < pos]
        if not mentions:
            return None
        offset, key = mentions[-1]
        paras = self.src.paragraph_spans
        i = paras.index(para) if para in paras else -1
        j = i
        while j >= 0 and paras[j].start > offset:
            j -= 1
        if j < 0 or i - j > 3 or any(self.src.is_heading(paras[k]) for k in range(j + 1, i + 1)):
            return None
        return key

    def clause_subject(self, ls: LogicalSentence, clause: int, pos: int) -> tuple[str, str, str] | None:
        """(key, kind, lead words) of a place or organisation named as the subject at the start
        of a clause or segment ("huyện X đạt …", "Địa phận huyện X …", "Tỉnh ủy đã ký …")."""
        fr = ls.frag_of(clause)
        lead = _PLACE_LEAD.match(self.view, clause, pos)
        first = lead.end() if lead else clause
        for s, _e, entry in self.ref.find_entities(self.view, first, min(pos, fr.end), self.src.jurisdiction):
            if s != first or entry.key == self.src.jurisdiction:
                break
            if entry.kind in ("place", "organisation"):
                return entry.key, entry.kind, self.view[clause:first]
            break
        return None
