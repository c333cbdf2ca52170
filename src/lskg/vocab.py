"""Vocabulary terms as constants: where namespace IRIs are written.

It sits below every stage (extract reads code lists with it, graph writes with it).

Every other module imports these names instead of building IRIs from strings, but for `store/`,
which still writes a few XSD datatype IRIs as strings (`base.py`, `results.py`, `loading.py`).
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, VOID, XSD

BASE = "https://w3id.org/lskg/"
ID = Namespace(BASE + "id/")
LSKG = Namespace(BASE + "def#")
SCHEME = Namespace(BASE + "def/scheme/")
DT = Namespace(BASE + "def/doc-type/")
DOCSYS = Namespace(BASE + "def/doc-system/")
IND = Namespace(BASE + "def/indicator/")
VK = Namespace(BASE + "def/value-kind/")
VQ = Namespace(BASE + "def/value-qualifier/")
UOM = Namespace(BASE + "def/unit/")
ROLE = Namespace(BASE + "def/role/")
INVF = Namespace(BASE + "def/investment-form/")
GATECAT = Namespace(BASE + "def/gate-category/")
ORGKIND = Namespace(BASE + "def/org-kind/")
PLACEKIND = Namespace(BASE + "def/place-kind/")
PROJKIND = Namespace(BASE + "def/project-kind/")
STATUS = Namespace(BASE + "def/project-status/")
POST = Namespace(BASE + "def/post/")

ELI = Namespace("http://data.europa.eu/eli/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")
QB = Namespace("http://purl.org/linked-data/cube#")
SDMX_DIM = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_ATT = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
SDMX_MEAS = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_CODE = Namespace("http://purl.org/linked-data/sdmx/2009/code#")
SCHEMA = Namespace("https://schema.org/")
SH = Namespace("http://www.w3.org/ns/shacl#")
WD = Namespace("http://www.wikidata.org/entity/")
# only in the endpoint's service description (not prefixes of the graph)
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
SPDX = Namespace("http://spdx.org/rdf/terms#")

PREFIXES: dict[str, Namespace] = {
    "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "skos": SKOS, "dct": DCTERMS,
    "foaf": FOAF, "eli": ELI, "org": ORG, "prov": PROV, "oa": OA, "qb": QB,
    "sdmx-dimension": SDMX_DIM, "sdmx-attribute": SDMX_ATT, "sdmx-measure": SDMX_MEAS,
    "sdmx-code": SDMX_CODE, "time": TIME, "schema": SCHEMA, "dcat": DCAT, "void": VOID,
    "sh": SH, "wd": WD, "lskg": LSKG, "scheme": SCHEME, "dt": DT, "docsys": DOCSYS,
    "ind": IND, "vk": VK, "vq": VQ, "uom": UOM, "role": ROLE, "invf": INVF,
    "gatecat": GATECAT, "orgkind": ORGKIND, "placekind": PLACEKIND, "projkind": PROJKIND,
    "status": STATUS, "post": POST, "id": ID,
}
# every prefix above, for a SPARQL query written in them (`id:` left out: a query names the
# entities it needs through bindings, never by prefix)
SPARQL_PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items() if p != "id")
_BY_LENGTH = sorted(((str(ns), prefix) for prefix, ns in PREFIXES.items()), key=lambda x: -len(x[0]))


def curie(iri: str) -> str:
    """`eli:passed_by` for a term of a known vocabulary (the longest namespace wins: `ind:` before
    `lskg:`), the IRI otherwise. Not rdflib's NamespaceManager.curie, which splits at the last `/`
    or `#` and so cannot write `id:project/cao-toc-huu-nghi-chi-lang`."""
    for ns, prefix in _BY_LENGTH:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


# The dataset as a whole (data/reference/dataset.ttl; its VoID at /.well-known/void)
DATASET = ID["dataset/lskg"]
# Named graphs
REFERENCE_GRAPH = ID["graph/reference"]
CURATED_GRAPH = ID["graph/curated"]
# Only in a remote store (`lskg load`): the set union of every graph above, which the remote backend
# names as the default graph of each query, and the description of the release that was loaded.
UNION_GRAPH = ID["graph/all"]
RELEASE_GRAPH = ID["graph/release"]
RELEASE = ID["release/current"]


def source_graph(source_key: str):
    return ID[f"graph/source/{source_key}"]


def staging_graph(graph) -> URIRef:
    """Where `lskg load` writes a graph before moving it into place: one fixed twin per graph, so a
    load that failed midway leaves nothing a rerun would not overwrite."""
    return ID["graph/loading/" + str(graph)[len(str(ID["graph/"])):]]


def unit_mult(power: int):
    """sdmx-code:unitMult-N for 10^N."""
    return SDMX_CODE[f"unitMult-{power}"]


__all__ = [name for name in dir() if name.isupper()] + ["source_graph", "staging_graph", "unit_mult"]
