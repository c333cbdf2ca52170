"""IRI minting: the one place where identity keys become IRIs.

Every IRI is derived deterministically from an identity key, so rebuilding the
same inputs gives the same IRIs. The registry file (`registry/iris.tsv`) records
each key -> IRI pair the first time it is minted; later builds look the key up and
never recompute it, so a changed slug rule or a fixed label cannot move an IRI.
Collisions (two keys, one slug) get a meaningful discriminator first (the date of
a document), a numeric suffix only as a last resort.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Namespace, URIRef

from ..extract.model import DocumentKey
from ..text.dates import Period
from ..text.normalise import slug
from ..vocab import ID, IND

REGISTRY_FIELDS = ("key", "iri")
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")  # an IRI's scheme; a key has none
_SYMBOL = re.compile(r"^(\d+[a-z]?)(?:[/-](\d{4}))?[-/](.*)$")  # "30a/2008/NQ-CP", "19-2018/NQ-CP"


def short_hash(*parts: str, length: int = 12) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:length]


@dataclass
class Registry:
    """key -> IRI, loaded from and saved to a TSV file; new keys are minted on demand."""

    path: Path | None = None
    entries: dict[str, str] = field(default_factory=dict)
    added: dict[str, str] = field(default_factory=dict)
    # every IRI already given (the entries' values, plus any the caller reserves), kept up to date
    # as keys are minted: rebuilding it on every mint made a build quadratic in its documents
    taken: set[str] = field(default_factory=set)
    # when a list, each mint is noted in it as (key, candidates, namespace, IRI): the build cache keeps a
    # source's mints so that reusing its graph replays them, in order, as a full build would make them
    log: list[tuple[str, list[str], str, str]] | None = None

    def __post_init__(self) -> None:
        self.taken.update(self.entries.values())

    @classmethod
    def load(cls, path: Path | None) -> "Registry":
        reg = cls(path=path)
        if path and path.exists():
            with path.open(encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh, delimiter="\t"):
                    reg.entries[row["key"]] = row["iri"]
                    reg.taken.add(row["iri"])
        return reg

    def mint(self, key: str, candidates: list[str], namespace: Namespace = ID) -> URIRef:
        """The IRI for `key`: the registered one, else the first free candidate path."""
        if self.log is not None:
            self.log.append((key, candidates, str(namespace), self._mint(key, candidates, namespace)))
            return URIRef(self.log[-1][3])
        return URIRef(self._mint(key, candidates, namespace))

    def _mint(self, key: str, candidates: list[str], namespace: Namespace) -> str:
        if key in self.entries:
            return self.entries[key]
        taken = self.taken
        for path in candidates:
            iri = str(namespace[path])
            if iri not in taken:
                break
        else:
            n = 2
            while (iri := str(namespace[f"{candidates[-1]}-{n}"])) in taken:
                n += 1
        self.entries[key] = iri
        self.added[key] = iri
        taken.add(iri)
        return iri

    def replay(self, mints: list[tuple[str, list[str], str, str]]) -> bool:
        """Make again the mints a source made when it was extracted; False when one gives another IRI
        now (an earlier source took it first), so that the source's kept graph no longer holds."""
        same = True
        for key, candidates, namespace, iri in mints:
            same = self._mint(key, candidates, Namespace(namespace)) == iri and same
        return same

    def save(self) -> None:
        """Write the registry atomically (temp file + rename), sorted for stable diffs."""
        if not self.path or not self.added:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
            writer.writerow(REGISTRY_FIELDS)
            for key in sorted(self.entries):
                writer.writerow((key, self.entries[key]))
        os.replace(tmp, self.path)
        self.added.clear()


class Minter:
    """Mints IRIs for every kind of thing the builder creates."""

    def __init__(self, registry: Registry, place_slugs: dict[str, str] | None = None):
        self.registry = registry
        # issuer key -> scope slug ("vn" for central bodies, else a place slug)
        self.scope_of: dict[str, str] = place_slugs or {}

    # --- things named by identity keys (extract.model) -------------------------------
    @staticmethod
    def entity(key: str) -> URIRef:
        """A place, body, person, project, gate ... from its identity key, its path under ID:
        derived, not registered, so the reference data's things keep their IRIs."""
        return ID[key]

    def term(self, value: str) -> URIRef:
        """An extractor's object that is either a concept of the code lists (an absolute IRI, kept)
        or a thing (a key, minted)."""
        return URIRef(value) if _ABSOLUTE.match(value) else self.entity(value)

    # --- sources and provenance -------------------------------------------------
    @staticmethod
    def source(source_key: str) -> URIRef:
        return ID[f"source/{source_key}"]

    @staticmethod
    def segment(source_key: str, start: int, end: int) -> URIRef:
        return ID[f"source/{source_key}/char/{start}-{end}"]

    @staticmethod
    def selector(segment: URIRef, kind: str) -> URIRef:
        return URIRef(f"{segment}#{kind}")

    @staticmethod
    def dataset(source_key: str) -> URIRef:
        return ID[f"dataset/src-{source_key}"]

    @staticmethod
    def mention(source_key: str, start: int, end: int) -> URIRef:
        return ID[f"mention/{source_key}/{start}-{end}"]

    # --- documents --------------------------------------------------------------
    def document(self, key: DocumentKey, date_iso: str | None, within: str | None = None) -> URIRef:
        """legal/{scope}/{year}/{type}-{number}-{issuer part of the symbol}: legal/vn/2022/nq-11-tw.

        `within` (a source key) keeps a document known only by a bare number ("Nghị quyết 98") to the
        source that cites it: a number alone does not say which document two sources mean."""
        scope = self.scope_of.get(key.issuer or "", "vn")
        m = _SYMBOL.match(key.id_local)
        number, groups = (m.group(1), re.split(r"[-/]", m.group(3))) if m else (key.id_local, [])
        if groups and slug(groups[0]) == key.doc_type:
            groups = groups[1:]  # "NQ-HĐND" under type nq -> "hdnd"
        issuer_part = slug("-".join(groups)) or "x"
        number = re.sub(r"^0+(?=\d)", "", number)
        base = f"legal/{scope}/{key.year or 'undated'}/{key.doc_type}-{number}-{issuer_part}"
        # registry/iris.tsv knows a document by its issuer's IRI, not by the issuer's key
        issuer = self.entity(key.issuer) if key.issuer else None
        ident = f"doc|{issuer}|{key.doc_type}|{key.id_local}|{key.year}"
        if within:
            base, ident = f"{base}-{within[:8]}", f"{ident}|{within}"
        candidates = [base]
        if date_iso:  # Party numbers restart per term: the date tells two of them apart
            candidates.append(f"{base}-{date_iso[5:7]}{date_iso[8:10]}")
        return self.registry.mint(ident, candidates)

    @staticmethod
    def unresolved_reference(source_key: str, mention_text: str) -> URIRef:
        return ID[f"ref/{short_hash(mention_text, source_key)}"]

    # --- entities -----------------------------------------------------------------
    def candidate(self, kind_path: str, label: str) -> URIRef:
        """A new entity found in text and not in the reference data."""
        return self.registry.mint(f"{kind_path}|{slug(label)}", [f"{kind_path}/{slug(label)}"])

    def person(self, name: str) -> URIRef:
        return self.registry.mint(f"person|{slug(name)}", [f"person/{slug(name)}"])

    @staticmethod
    def membership(person: URIRef, post: URIRef, org: URIRef) -> URIRef:
        tail = lambda iri: str(iri).rsplit("/", 1)[-1]  # noqa: E731 - tiny local helper
        return ID[f"membership/{tail(person)}--{tail(post)}--{short_hash(str(org), length=8)}"]

    @staticmethod
    def association(project: URIRef, role: URIRef, agent: URIRef) -> URIRef:
        role_code = str(role).rsplit("/", 1)[-1]
        return URIRef(f"{project}/role/{role_code}--{short_hash(str(agent), length=8)}")

    @staticmethod
    def statement(s: URIRef, p: URIRef, o: URIRef) -> URIRef:
        return ID[f"stmt/{short_hash(str(s), str(p), str(o), length=16)}"]

    # --- statistics -------------------------------------------------------------
    @staticmethod
    def period(period: Period) -> URIRef:
        return ID[f"period/{period.key}"]

    def uncurated_indicator(self, label: str) -> URIRef:
        """An indicator minted from a text's own words (not in the code list): one IRI per
        normalised label, so the same label in two documents is one indicator; "x-" keeps it apart
        from the code list's concepts in ind:. Labels that differ only in diacritics get two IRIs."""
        tail = slug(label, limit=60) or short_hash(label, length=8)
        return self.registry.mint(f"indicator|{label}", [f"x-{tail}"], namespace=IND)

    @staticmethod
    def derived_indicator(base: URIRef, measure: str) -> URIRef:
        return URIRef(f"{base}--{measure}")

    @staticmethod
    def observation(source_key: str, indicator: URIRef, subject: URIRef, period: Period, value_kind: str) -> URIRef:
        ind = str(indicator).removeprefix(str(IND))
        subj = str(subject).removeprefix(str(ID)).replace("/", "-")
        return ID[f"obs/src-{source_key}/{ind}/{subj}/{period.key}/{value_kind}"]
