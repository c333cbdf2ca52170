"""A cut answer says so: in its `X-LSKG-Truncated` header (exposed to browser scripts by
`web.http_protocol`), and inside the body wherever its format has room for a remark.

Downloads stop at LSKG_EXPORT_ROW_CAP rows or triples with 200 (the answer is a correct prefix
of the whole); a client that reads only the body must still be able to tell:

- SPARQL JSON results: `head.link` names the service description, which states the limit (the
  format's place for "further metadata about the results"), and a top-level `"truncated": true`
  for scripts (readers of the format ignore members they do not know);
- SPARQL XML results: `<link href="…"/>` at the end of `<head>`, as the results schema allows;
- Turtle and N-Triples: a comment line first; RDF/XML: an XML comment after the declaration;
- CSV, TSV and JSON-LD have no place for a remark: the header alone.
"""

from __future__ import annotations

import json
import re
from html import escape

from flask import Response, request

HEADER = "X-LSKG-Truncated"

_JSON_START = b'{"head":{'
_XML_HEAD_END = re.compile(rb"</head>|<head/>")
_XML_DECLARATION = re.compile(rb"^<\?xml[^>]*\?>\n?")


def limits_url() -> str:
    """Where the limit is stated: the endpoint's service description (`/sparql` without a query)."""
    return request.url_root + "sparql"


def mark(response: Response, truncated: bool) -> Response:
    response.headers[HEADER] = "true" if truncated else "false"
    return response


def say_truncated(body: bytes, fmt: str, cap: int) -> bytes:
    """`body` in format `fmt` (a store format name) with the remark that it stops after `cap`
    rows or triples, where the format has a place for one; else `body` as it is."""
    link = limits_url()
    if fmt == "json":
        return _json(body, link)
    if fmt == "xml":
        return _XML_HEAD_END.sub(lambda m: _xml_link(m.group(0), link), body, count=1)
    note = f"truncated: the first {cap} triples of a longer answer (the limit is stated at {link})"
    if fmt in ("turtle", "ntriples"):
        return f"# {note}\n".encode() + body
    if fmt == "rdfxml":
        declaration = _XML_DECLARATION.match(body)
        end = declaration.end() if declaration else 0
        return body[:end] + f"<!-- {note} -->\n".encode() + body[end:]
    return body


def _json(body: bytes, link: str) -> bytes:
    marks = b'{"truncated":true,"head":{"link":' + json.dumps([link]).encode() + b","
    if body.startswith(_JSON_START) and not body.startswith(b'{"head":{}'):
        return marks + body[len(_JSON_START):]
    # another writer's spacing or member order: read and write again (once per cut answer)
    data = json.loads(body)
    data["head"]["link"] = [*data["head"].get("link", []), link]
    return json.dumps({"truncated": True, **data}, ensure_ascii=False).encode("utf-8")


def _xml_link(head_end: bytes, link: str) -> bytes:
    element = f'<link href="{escape(link, quote=True)}"/>'.encode()
    return (b"<head>" + element + b"</head>") if head_end == b"<head/>" else element + b"</head>"
