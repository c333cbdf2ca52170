"""Every setting lskg reads from the environment: one table, with its type, default and help.

`load()` reads them all once (the web app when it is created, `lskg serve` when it starts); no
other module reads the environment for a setting. The table is served at `/-/settings.json` and
is the README's "Configuration" table (`markdown_table`; a test keeps the two equal; print it
with `python -m lskg.settings`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .sparql_guard import MAX_QUERY_CHARS


class SettingError(ValueError):
    """A variable whose value does not read as its type: the service must not start on a guess."""


@dataclass(frozen=True)
class Setting:
    name: str
    type: str  # int, float, flag, text, path, url, secret
    default: Any
    help: str
    shown_default: str | None = None  # how the README says a default computed at run time

    def parse(self, raw: str) -> Any:
        raw = raw.strip()
        try:
            if self.type == "int":
                return int(raw)
            if self.type == "float":
                return float(raw)
        except ValueError:
            raise SettingError(f"{self.name}={raw!r}: expected {'an integer' if self.type == 'int' else 'a number'}") \
                from None
        if self.type == "flag":
            return raw.lower() not in ("0", "false", "no", "off", "")
        return raw

    def describe(self) -> dict:
        default = None if self.type == "secret" else self.default
        return {"name": self.name, "type": self.type, "default": default, "default_text": self.default_text(),
                "help": self.help}

    def default_text(self) -> str:
        if self.shown_default is not None:
            return self.shown_default
        if self.type == "flag":
            return "1" if self.default else "0"
        if self.default in ("", None):
            return "unset"
        return f"{self.default:g}" if isinstance(self.default, float) else str(self.default)


SETTINGS = (
    Setting("LSKG_HOME", "path", "", "where `ontology/`, `data/`, `queries/`, `registry/` are", "the checkout"),
    Setting("LSKG_BUILD_DIR", "path", "", "the build folder the web app serves (`current` release)", "`data/build`"),
    Setting("LSKG_QUERIES_DIR", "path", "", "the saved queries the web app offers", "`queries`"),
    Setting("LSKG_SPARQL_ENDPOINT", "url", "",
            "a SPARQL 1.1 query URL holding a release pushed by `lskg load`: the web app and `lskg query` use it "
            "instead of the build folder"),
    Setting("LSKG_SPARQL_UPDATE_ENDPOINT", "url", "", "where `lskg load` writes (SPARQL Update URL)"),
    Setting("LSKG_SPARQL_GRAPH_STORE", "url", "", "where `lskg load` writes (Graph Store Protocol URL)"),
    Setting("LSKG_SPARQL_USER", "text", "", "`lskg load`: user name for the SPARQL server (`--user` wins)"),
    Setting("LSKG_SPARQL_PASSWORD", "secret", "", "`lskg load`: password for that user (never shown)"),
    Setting("LSKG_RELOAD_SECONDS", "float", 2.0, "how often `lskg serve` looks for a new release (0: never)"),
    Setting("LSKG_THREADS", "int", 8, "`lskg serve`: waitress threads"),
    Setting("LSKG_REQUEST_TIMEOUT", "float", 20.0,
            "`lskg serve`: seconds a connection has to send a whole request (slow clients are closed)"),
    Setting("LSKG_CONNECTIONS_PER_ADDRESS", "int", 16,
            "`lskg serve`: open connections one address may hold (off with `LSKG_TRUSTED_PROXY_HOPS`)"),
    Setting("LSKG_SPARQL_TIMEOUT", "float", 10.0, "seconds a `/sparql` query may run"),
    Setting("LSKG_QUERY_TIMEOUT", "float", 5.0, "seconds each query of a page or saved query may run"),
    Setting("LSKG_QUERY_WORKERS", "int", 4,
            "worker processes that run queries (killed at the time limit); `/sparql` may use all but one"),
    Setting("LSKG_ISOLATE_QUERIES", "flag", True, "0 runs queries in the web process (no hard time limit; for tests)"),
    Setting("LSKG_QUERY_MEMORY_MB", "int", 1024, "memory a query worker may add (0: no cap)"),
    Setting("LSKG_CLIENT_BUDGET_SECONDS", "float", 60.0,
            "`/sparql` query seconds each client may use per window (429 beyond; 0: no budget)"),
    Setting("LSKG_CLIENT_BUDGET_WINDOW", "float", 60.0, "the rolling window of that budget, in seconds"),
    Setting("LSKG_CLIENT_CONCURRENCY", "int", 2,
            "`/sparql` queries one client may run at once, never all the endpoint's workers (0: no cap)"),
    Setting("LSKG_TRUSTED_PROXY_HOPS", "int", 0,
            "proxies in front that append to `X-Forwarded-For` (0: the client is the peer address)"),
    Setting("LSKG_TRUSTED_HOSTS", "text", "",
            "comma-separated host names served (`name`, `name:port`, `.name` for subdomains; case-insensitive; "
            "a port only where listed); any other `Host` gets 400. Set it in a deployment", "unset (any)"),
    Setting("LSKG_QUERY_MAX_CHARS", "int", MAX_QUERY_CHARS, "longest `/sparql` query, in characters (413 beyond)"),
    Setting("LSKG_QUERY_MAX_DEPTH", "int", 64, "deepest `{ ( [` nesting accepted by `/sparql`"),
    Setting("LSKG_MAX_BODY_BYTES", "int", 256 * 1024,
            "largest request body (413 beyond): a form-encoded query of LSKG_QUERY_MAX_CHARS characters fits"),
    Setting("LSKG_ROW_CAP", "int", 200, "rows shown in an HTML table (downloads are complete)"),
    Setting("LSKG_EXPORT_ROW_CAP", "int", 100_000,
            "rows of a download (the twins of a saved query, a `/sparql` answer); beyond, the answer is cut with 200: "
            "`X-LSKG-Truncated: true` and, where the format has room, a remark in the body"),
    Setting("LSKG_CACHE_SECONDS", "int", 600,
            "how long a browser or proxy may keep an answer before asking again (`Cache-Control: max-age`); the "
            "release's version is every answer's ETag, so asking again costs a 304"),
    Setting("LSKG_HTML_MAX_CHARS", "int", 1_000_000,
            "characters of terms a `/sparql` answer may have to be drawn as a table (else: its downloads)"),
    Setting("LSKG_PAGE_CACHE", "int", 256, "results and pages remembered per kind (0: off)"),
    Setting("LSKG_ADD_MAX_BYTES", "int", 20 * 1024 * 1024,
            "`lskg add`: largest document it reads or fetches, in bytes (a report of the genre is < 1 MB)"),
    Setting("LSKG_ADD_TIMEOUT", "float", 30.0, "`lskg add`: seconds a URL has to arrive whole"),
    Setting("LSKG_PAGE_CACHE_MB", "float", 32.0, "megabytes remembered per kind at most"),
)
BY_NAME = {s.name: s for s in SETTINGS}


def load(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Every setting: its variable's value if set (and not blank), else its default."""
    environ = os.environ if environ is None else environ
    return {s.name: s.parse(environ[s.name]) if environ.get(s.name, "").strip() else s.default for s in SETTINGS}


def read(name: str, environ: Mapping[str, str] | None = None) -> Any:
    return load(environ)[name]


def markdown_table() -> str:
    rows = ["| variable | type | default | what |", "|---|---|---|---|"]
    rows += [f"| `{s.name}` | {s.type} | {s.default_text()} | {s.help} |" for s in SETTINGS]
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(markdown_table(), end="")
