"""A document fetched from a URL for `lskg add`, within a size limit and a time limit.

Only `lskg add` fetches; the served app never reaches the network. Only http(s) is followed,
redirects included, and the body is read in pieces until the limit: a server that sends without
end, or slowly, is cut off (LSKG_ADD_MAX_BYTES, LSKG_ADD_TIMEOUT)."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from ..text.formats import SUFFIXES, FormatError
from ..text.iri import is_valid_iri

CHUNK = 64 * 1024
_BY_MEDIA_TYPE = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
}


class FetchError(Exception):
    """A URL that could not be fetched within the limits, or did not give a document lskg reads."""


@dataclass
class Fetched:
    url: str  # where the document was found, after redirects
    data: bytes
    suffix: str


def is_url(target: str) -> bool:
    return urlsplit(target).scheme.lower() in ("http", "https")


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise FetchError(f"{req.full_url}: redirected to {newurl}, which is not http(s)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, max_bytes: int, timeout: float) -> Fetched:
    if not is_valid_iri(url, schemes=("http", "https")):
        raise FetchError(f"{url}: not an absolute http(s) URL (percent-encode spaces, quotes and <>)")
    opener = urllib.request.build_opener(_HttpOnlyRedirects)
    request = urllib.request.Request(url, headers={"User-Agent": "lskg-add", "Accept": ", ".join(_BY_MEDIA_TYPE)})
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(f"{url}: {length} bytes is larger than the {max_bytes} byte limit")
            parts, size = [], 0
            while chunk := response.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"{url}: larger than the {max_bytes} byte limit; nothing was kept")
                if time.monotonic() > deadline:
                    raise FetchError(f"{url}: not received whole within {timeout:g} s; nothing was kept")
                parts.append(chunk)
            final = response.geturl()
            media_type = response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url}: the server answered {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise FetchError(f"{url}: cannot be fetched ({exc.reason})") from exc
    except TimeoutError as exc:
        raise FetchError(f"{url}: no answer within {timeout:g} s") from exc
    except OSError as exc:
        raise FetchError(f"{url}: cannot be fetched ({exc})") from exc
    return Fetched(final, b"".join(parts), _suffix(final, media_type))


def _suffix(url: str, media_type: str) -> str:
    """The kind of document: from the media type the server gave, else from the URL's path."""
    if media_type in _BY_MEDIA_TYPE:
        return _BY_MEDIA_TYPE[media_type]
    suffix = SUFFIXES.get(PurePosixPath(urlsplit(url).path).suffix.lower())
    if suffix and media_type in ("application/octet-stream", ""):
        return suffix
    raise FormatError(f"{url}: the server sent {media_type or 'no media type'}; lskg reads PDF, Word (.docx), "
                      "HTML and plain text")
