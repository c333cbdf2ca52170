"""The saved-query catalogue: `queries/*.rq` with metadata in a comment header.

Header lines start with `#+ ` and hold `key: value`:

    #+ title.vi: Văn bản pháp lý
    #+ title.en: Legal documents
    #+ description.vi: …
    #+ description.en: …
    #+ param.indicator: type=iri default=ind:grdp-growth namespace=ind: label.vi="Chỉ tiêu" label.en=Indicator
    #+ chart: type=series x=period y=value series=valueKind

Parameter values are validated against their type and bound as RDF terms
(a VALUES block, `store.binding`), never spliced into the query text.

Every saved query passes `lskg.sparql_guard` when the catalogue is read, as a query sent to
`/sparql` does: one that does not parse, is an Update or uses SERVICE stops the catalogue (and the
app) from loading, so no saved query can reach the network or change the store.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .sparql_guard import Refused, check_saved_query
from .store.base import Term
from .text.iri import is_valid_iri
from .text.normalise import normalise_query
from .vocab import PREFIXES, XSD

PARAM_TYPES = ("iri", "string", "langstring", "integer", "decimal", "date", "choice")
_NAME = re.compile(r"^[a-z][a-z0-9-]{0,63}$")


class QueryNotFound(KeyError):
    pass


class ParameterError(ValueError):
    """A parameter value that does not fit its declared type: the client's mistake."""

    status = 400


@dataclass
class Parameter:
    name: str
    type: str
    default: str | None = None
    label: dict[str, str] = field(default_factory=dict)
    namespace: str | None = None  # IRIs must start with this
    choices: list[str] = field(default_factory=list)
    language: str | None = None  # for langstring
    required: bool = False

    def bind(self, raw: str | None) -> Term | None:
        """A validated RDF term for `raw` (None: unbound, the query's own default applies)."""
        value = normalise_query(raw) if raw is not None else None
        if not value:
            value = self.default
        if not value:
            if self.required:
                raise ParameterError(f"parameter {self.name!r} is required")
            return None
        if len(value) > 500:
            raise ParameterError(f"parameter {self.name!r} is longer than 500 characters")
        t = self.type
        if t == "iri":
            iri = expand(value)
            if not is_valid_iri(iri, schemes=("http", "https")):
                raise ParameterError(f"parameter {self.name!r}: {value!r} is not an IRI")
            if self.namespace and not iri.startswith(expand(self.namespace)):
                raise ParameterError(f"parameter {self.name!r}: {value!r} is not in {self.namespace}")
            return Term("iri", iri)
        if t == "integer":
            if not re.fullmatch(r"[+-]?[0-9]{1,18}", value):
                raise ParameterError(f"parameter {self.name!r}: {value!r} is not an integer")
            return Term("literal", str(int(value)), str(XSD.integer))
        if t == "decimal":
            if not re.fullmatch(r"[+-]?[0-9]{1,18}(?:\.[0-9]{1,18})?", value):
                raise ParameterError(f"parameter {self.name!r}: {value!r} is not a decimal number")
            return Term("literal", value, str(XSD.decimal))
        if t == "date":
            try:
                return Term("literal", date.fromisoformat(value).isoformat(), str(XSD.date))
            except ValueError as exc:
                raise ParameterError(f"parameter {self.name!r}: {value!r} is not a date (YYYY-MM-DD)") from exc
        if t == "choice":
            if value not in self.choices:
                raise ParameterError(f"parameter {self.name!r}: {value!r} is not one of {', '.join(self.choices)}")
            expanded = expand(value)
            return Term("iri", expanded) if expanded != value else Term("literal", value, str(XSD.string))
        if t == "langstring":
            return Term("literal", value, language=self.language or "vi")
        return Term("literal", value, str(XSD.string))


@dataclass
class SavedQuery:
    name: str
    text: str
    path: Path
    title: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    params: list[Parameter] = field(default_factory=list)
    chart: dict[str, str] = field(default_factory=dict)

    def bindings(self, raw: dict[str, str]) -> dict[str, Term]:
        unknown = set(raw) - {p.name for p in self.params}
        if unknown:
            raise ParameterError(f"unknown parameter(s) for {self.name}: {', '.join(sorted(unknown))}")
        out = {}
        for p in self.params:
            term = p.bind(raw.get(p.name))
            if term is not None:
                out[p.name] = term
        return out


def expand(value: str) -> str:
    """'ind:grdp-growth' -> full IRI using the project's prefixes; anything else unchanged."""
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return str(PREFIXES[prefix]) + local
    return value


def _kv(text: str) -> dict[str, str]:
    out = {}
    for token in shlex.split(text):
        k, _, v = token.partition("=")
        out[k] = v
    return out


def parse_saved_query(path: Path) -> SavedQuery:
    text = path.read_text(encoding="utf-8")
    try:
        check_saved_query(text)
    except Refused as exc:
        raise ValueError(f"{path}: {exc}") from None
    q = SavedQuery(name=path.stem, text=text, path=path)
    for line in text.splitlines():
        if not line.startswith("#+ "):
            continue
        key, _, value = line[3:].partition(":")
        key, value = key.strip(), value.strip()
        if key.startswith("title."):
            q.title[key[6:]] = value
        elif key.startswith("description."):
            q.description[key[12:]] = value
        elif key.startswith("param."):
            attrs = _kv(value)
            if attrs.get("type") not in PARAM_TYPES:
                raise ValueError(f"{path}: parameter {key[6:]} has unknown type {attrs.get('type')!r}")
            q.params.append(Parameter(
                name=key[6:], type=attrs["type"], default=attrs.get("default") or None,
                label={k[6:]: v for k, v in attrs.items() if k.startswith("label.")},
                namespace=attrs.get("namespace"), choices=[c for c in attrs.get("choices", "").split(",") if c],
                language=attrs.get("language"), required=attrs.get("required") == "true",
            ))
        elif key == "chart":
            q.chart = _kv(value)
    return q


class Catalogue:
    def __init__(self, directory: Path):
        self.directory = directory
        self.queries = {p.stem: parse_saved_query(p) for p in sorted(directory.glob("*.rq"))}

    def get(self, name: str) -> SavedQuery:
        if not _NAME.match(name or "") or name not in self.queries:
            raise QueryNotFound(name)
        return self.queries[name]

    def __iter__(self):
        return iter(self.queries.values())
