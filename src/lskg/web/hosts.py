"""Which `Host` a request may name, and redirects that never repeat it.

`LSKG_TRUSTED_HOSTS` lists the names the site answers to: `name` (no port), `name:port` (that port
only) or `.name` (the name and its subdomains, no port). Werkzeug's own `TRUSTED_HOSTS` was used
before: it ignores the port, so any port was accepted and then echoed wherever the site writes its
own address (the service description's endpoint, the editor's `curl` example), and it compares
case-sensitively, so `LSKG.example.org` was refused though host names are case-insensitive (RFC
3986, 3.2.2). A request for any other host is refused with Werkzeug's `SecurityError` (400, in plain
words: see `install_host_refusal`), before any view or routing redirect runs.

A redirect Werkzeug makes while routing (merging `//` in a path) is an absolute URL built from the
request's `Host`; unchecked (no trusted hosts set), a client's `Host: evil.example` came back in
`Location`. Every redirect to this site is therefore sent as a path: a browser resolves it against
the address it asked, whatever the `Host` header said.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from flask import Flask, Response, request
from werkzeug.exceptions import SecurityError


def parse_trusted_hosts(value: str) -> list[str] | None:
    """The comma-separated list, lower-cased; None when empty (any host is served)."""
    return [host.strip().lower() for host in value.split(",") if host.strip()] or None


def _split(host: str) -> tuple[str, str]:
    """Name and port (empty if none) of `name[:port]`, an IPv6 `[…]` included."""
    if host.startswith("["):
        name, _, rest = host.partition("]")
        return name + "]", rest[1:] if rest.startswith(":") else rest  # anything else matches no port
    name, _, port = host.partition(":")
    return name, port


def host_is_trusted(host: str, trusted: list[str]) -> bool:
    name, port = _split(host.lower())
    for entry in trusted:
        allowed, allowed_port = _split(entry)
        if port != allowed_port:
            continue
        if name == allowed.removeprefix(".") or (allowed.startswith(".") and name.endswith(allowed)):
            return True
    return False


def install_host_check(app: Flask) -> None:
    @app.before_request
    def check_host():
        trusted = app.config.get("LSKG_TRUSTED_HOSTS")
        if trusted and not host_is_trusted(request.headers.get("Host", ""), trusted):
            raise SecurityError("untrusted host")

    @app.after_request
    def location_as_path(response: Response) -> Response:
        if response.location and 300 <= response.status_code < 400:
            parts = urlsplit(response.location)
            if parts.netloc and parts.netloc.lower() == request.host.lower():
                # one leading slash: "//x" would be read as another host
                response.location = urlunsplit(("", "", "/" + parts.path.lstrip("/"), parts.query, parts.fragment))
        return response
