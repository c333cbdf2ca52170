"""Real SPARQL servers on 127.0.0.1, started and stopped by tests and benchmarks.

Why: the remote backend speaks SPARQL 1.1 Protocol, Update and Graph Store Protocol to a server,
and each engine reads those standards its own way (what the default graph is, how a timeout
answers, whether `MOVE` or a Graph Store `PUT` work without a password; docs/ENGINES.md lists what
we found). A mock would only repeat our own reading, so the tests run the real engines:

- `OxigraphServer`: the `oxigraph` command from PyPI (package `oxigraph`, in the `[test]` extra),
  `oxigraph serve` with endpoints /query, /update and /store;
- `VirtuosoServer`: Debian's `virtuoso-opensource` (`scripts/setup --virtuoso`), `virtuoso-t` with
  a virtuoso.ini written here; /sparql answers queries and, once `SPARQL_UPDATE` is granted to the
  anonymous "SPARQL" user through `isql`, updates; /sparql-graph-crud is the Graph Store endpoint.

How: each server gets a fresh temporary folder (its database, configuration and console log) and
free ports on 127.0.0.1, and is usable as a context manager:

    with OxigraphServer() as server:
        post(server.update_url, ...); get(server.query_url, ...)

Entering waits (a bounded time) until the engine answers a query; if it exits or does not answer
in time, `EngineStartError` carries the tail of its log. Leaving, also after an exception,
terminates the process, kills it if it has not exited after a grace period, and removes the folder.
On Linux the engine also gets SIGKILL when the process that started it dies, so an interrupted
test run leaves no server holding ports (start servers from a thread that outlives them).
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

_LOG_TAIL_LINES = 30
_POLL_SECONDS = 0.1
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


class EngineError(RuntimeError):
    """A local engine could not be started or refused an administrative command."""


class EngineStartError(EngineError):
    """The engine is missing, exited during start-up, or did not answer in time."""


class EngineNotInstalled(EngineStartError):
    """The engine's executable was not found (the message says how to install it)."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (the engine binds it a moment later)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def find_executable(name: str, install_hint: str) -> str:
    """`name` next to the running Python (the venv's bin/, where pip puts `oxigraph`), else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise EngineNotInstalled(f"{name} not found next to {sys.executable} nor on PATH ({install_hint})")
    return found


def _die_with_parent() -> None:
    # runs in the child between fork and exec: the kernel sends SIGKILL when the parent thread ends
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


class LocalEngine:
    """One engine process on 127.0.0.1 with its own temporary folder; subclasses say how to run it."""

    name = ""

    def __init__(self, startup_timeout: float = 60.0, stop_grace: float = 10.0):
        self.startup_timeout = startup_timeout
        self.stop_grace = stop_grace
        self.directory: Path | None = None
        self.process: subprocess.Popen | None = None
        self.port = 0
        self.version = ""
        self.query_url = ""
        self.update_url = ""
        self.graph_store_url: str | None = None

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        assert self.directory is not None
        return self.directory / "console.log"

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name} {self.version} pid={self.pid} {self.base_url}>"

    # subclasses: the command line (after writing any configuration into self.directory), the URL
    # that answers once the engine is up, and what to do once it answers
    def command(self) -> list[str]:
        raise NotImplementedError

    def probe_url(self) -> str:
        raise NotImplementedError

    def after_start(self) -> None:
        pass

    def start(self) -> None:
        if self.process is not None:
            raise EngineStartError(f"{self.name} is already running (pid {self.pid})")
        self.directory = Path(tempfile.mkdtemp(prefix=f"lskg-{self.name}-"))
        try:
            command = self.command()
            with open(self.log_path, "wb") as log:
                self.process = subprocess.Popen(
                    command, cwd=self.directory, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                    start_new_session=True,  # a Ctrl-C in the terminal reaches pytest, not the engine
                    preexec_fn=_die_with_parent if sys.platform == "linux" else None)
            self.version = self._wait_until_answering()
            self.after_start()
        except BaseException:
            self.stop()
            raise

    def _wait_until_answering(self) -> str:
        """Poll the probe URL until it answers 200; returns the version from the Server header."""
        deadline = time.monotonic() + self.startup_timeout
        last_error = "no answer yet"
        while True:
            if self.process.poll() is not None:
                raise EngineStartError(
                    f"{self.name} exited with status {self.process.returncode} during start-up\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.probe_url(), timeout=2) as response:
                    response.read()
                    return _version_from_server_header(response.headers.get("Server", ""))
            except (urllib.error.URLError, OSError) as error:
                last_error = str(error)
            if time.monotonic() > deadline:
                raise EngineStartError(
                    f"{self.name} did not answer {self.probe_url()} within {self.startup_timeout:g} s "
                    f"(last: {last_error})\n{self.log_tail()}")
            time.sleep(_POLL_SECONDS)

    def log_tail(self, lines: int = _LOG_TAIL_LINES) -> str:
        if self.directory is None or not self.log_path.exists():
            return "(no log)"
        text = self.log_path.read_text("utf-8", errors="replace").splitlines()[-lines:]
        return f"--- last {len(text)} lines of the {self.name} log ---\n" + "\n".join(text)

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(self.stop_grace)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self.directory is not None:
            shutil.rmtree(self.directory, ignore_errors=True)
            self.directory = None


def _version_from_server_header(server: str) -> str:
    """'Oxigraph/0.5.13' -> '0.5.13'; 'Virtuoso/07.20.3229 (Linux) x86_64…' -> '07.20.3229'."""
    product = server.split(" ", 1)[0]
    return product.split("/", 1)[1] if "/" in product else ""


class OxigraphServer(LocalEngine):
    """`oxigraph serve` on a fresh on-disk store; `timeout_s` is its `--timeout-s` for queries."""

    name = "oxigraph"

    def __init__(self, timeout_s: float | None = None, **options):
        super().__init__(**options)
        self.timeout_s = timeout_s

    def command(self) -> list[str]:
        executable = find_executable("oxigraph", "pip install oxigraph, or pip install -e '.[test]'")
        self.port = free_port()
        self.query_url = f"{self.base_url}/query"
        self.update_url = f"{self.base_url}/update"
        self.graph_store_url = f"{self.base_url}/store"
        command = [executable, "serve", "--location", str(self.directory / "db"),
                   "--bind", f"127.0.0.1:{self.port}"]
        if self.timeout_s is not None:
            command += ["--timeout-s", f"{self.timeout_s:g}"]
        return command

    def probe_url(self) -> str:
        return f"{self.query_url}?{urlencode({'query': 'ASK {}'})}"


class VirtuosoServer(LocalEngine):
    """`virtuoso-t` on a fresh database, SPARQL Update granted to the anonymous endpoint user.

    `max_rows`, `max_execution_s` and `max_cost_s` go to the [SPARQL] section as ResultSetMaxRows,
    MaxQueryExecutionTime and MaxQueryCostEstimationTime (0: no cost check).

    The grant also lets that user make the server fetch URLs (SERVICE, LOAD). `grant_update=False`
    leaves the server as installed: /sparql (`update_url` too) answers queries and refuses
    updates, and `graph_store_url` is None (its Graph Store endpoint refuses writes)."""

    name = "virtuoso"
    # the DBA account of a new Virtuoso database; it listens only on 127.0.0.1 and lives as long as
    # the temporary folder, so the well-known password opens nothing else
    DBA = ("dba", "dba")

    def __init__(self, max_rows: int = 100_000, max_execution_s: int = 30, max_cost_s: int = 0,
                 grant_update: bool = True, **options):
        options.setdefault("startup_timeout", 120.0)
        super().__init__(**options)
        self.max_rows = max_rows
        self.max_execution_s = max_execution_s
        self.max_cost_s = max_cost_s
        self.grant_update = grant_update
        self.sql_port = 0
        self.isql = ""

    def command(self) -> list[str]:
        executable = find_executable("virtuoso-t", "scripts/setup --virtuoso, or apt-get install virtuoso-opensource")
        self.isql = self._find_isql(executable)
        self.port, self.sql_port = free_port(), free_port()
        self.query_url = self.update_url = f"{self.base_url}/sparql"
        self.graph_store_url = f"{self.base_url}/sparql-graph-crud" if self.grant_update else None
        (self.directory / "www").mkdir()  # static files: none, so nothing in the folder is served
        ini = self.directory / "virtuoso.ini"
        ini.write_text(self._ini(), "utf-8")
        return [executable, "+foreground", "+configfile", str(ini)]

    @staticmethod
    def _find_isql(virtuoso: str) -> str:
        # Debian names Virtuoso's client isql-vt; an upstream build has `isql` beside virtuoso-t
        # (unixODBC's unrelated `isql` on PATH must not be taken for it)
        debian = shutil.which("isql-vt")
        if debian:
            return debian
        upstream = Path(virtuoso).parent / "isql"
        if upstream.is_file():
            return str(upstream)
        raise EngineNotInstalled(f"Virtuoso's isql client (isql-vt) not found beside {virtuoso}")

    def _ini(self) -> str:
        d = self.directory
        return f"""\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{self.sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {d}
; about 85 MB of page buffers: enough for test and benchmark data, small beside a 2-core CI machine
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
MaxClientConnections = 8
CheckpointInterval = 60

[HTTPServer]
ServerPort = 127.0.0.1:{self.port}
ServerRoot = {d}/www
ServerThreads = 8
MaxClientConnections = 8
EnabledDavVSP = 0
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = {self.max_rows}
MaxQueryExecutionTime = {self.max_execution_s}
MaxQueryCostEstimationTime = {self.max_cost_s}
"""

    def probe_url(self) -> str:
        return f"{self.query_url}?{urlencode({'query': 'ASK {}'})}"

    def after_start(self) -> None:
        if self.grant_update:
            self.sql('GRANT SPARQL_UPDATE TO "SPARQL";')

    def sql(self, statements: str) -> str:
        """Run SQL as DBA through isql (the HTTP endpoint is up, so the SQL port is too); its output."""
        user, password = self.DBA
        done = subprocess.run(
            [self.isql, f"127.0.0.1:{self.sql_port}", user, password, f"EXEC={statements}"],
            capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
        # isql exits 0 even when a statement fails; it reports the error on stderr/stdout
        output = done.stdout + done.stderr
        if done.returncode != 0 or "*** Error" in output:
            raise EngineError(f"isql failed on {statements!r}:\n{output}\n{self.log_tail()}")
        return output
