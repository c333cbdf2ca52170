"""The isolated backend: every query runs in a worker process that is killed at its deadline.

Oxigraph (pyoxigraph 0.5) has no query timeout, cannot be interrupted from Python, and a query
nested a few thousand levels deep overflows its stack and ends the whole process; a thread cannot
be killed. So a served app runs no query in its own process. `IsolatedStore` is the same store
interface as `EmbeddedStore` and sends each query to one of a few worker processes:

    web process ──control socket──▶ zygote: a fresh Python process (started with exec, so it holds
         │                            none of the web process's files, sockets or threads) that
         │                            loads the release's N-Quads once and forks a worker on request
         └──one socket per worker──▶ worker: forked by the zygote, answers one call at a time

Workers are forked from the loaded zygote, so they share its store copy-on-write (`gc.freeze()`
keeps the garbage collector from writing to, and so copying, those pages); forking happens only in
the zygote, which never has threads. A call waits for a free worker (at most its time limit, else
`QueryBusy`), sends the query as pickled plain data and waits for the answer until the deadline;
past it the worker is killed (SIGKILL through a pidfd, never a process that reused the pid), a
fresh one takes its place and the caller gets `QueryTimeout`. A worker that dies on a query (stack
overflow, the memory cap) costs that one call (`EngineFailure`) and is replaced the same way.
Results come back as `Result`/`Term` dataclasses (rows, a boolean, or the answer written in a wire
format by the worker).

Each worker may grow by `memory_mb` beyond its size at fork (RLIMIT_AS): a query that needs more
fails in its worker, not in the machine.

Cleanup: `close()` (also run by a finalizer when the store is collected, and at interpreter exit)
kills the workers and the zygote. If the web process dies without it, the zygote sees its control
socket close and kills its workers; an idle worker sees its own socket close and exits.

Life: the zygote starts loading when the store is made; until `start()`, calls run in this process
on the embedded store (the app's start-up queries: labels, search index, form choices, before any
request); `start()` waits for the zygote, forks the workers and lets go of the embedded store.
"""

from __future__ import annotations

import faulthandler
import gc
import logging
import os
import pickle
import queue
import resource
import select
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import weakref
from pathlib import Path

from .base import Dataset, EngineFailure, QueryBusy, QueryError, QueryTimeout, Result, ResultTooLarge, Term
from .embedded import EmbeddedStore

log = logging.getLogger(__name__)

_HEADER = struct.Struct("!I")
_PID = struct.Struct("!i")
_SPAWN, _QUIT, _READY = b"S", b"Q", b"R"
_CONTROL_TIMEOUT = 10.0  # seconds the zygote may take to fork a worker
_LOAD_TIMEOUT = 300.0  # seconds the zygote may take to load the release
_REAP_WAIT = 1.0  # seconds to wait for a killed process to be gone
_ZYGOTE = "import sys; from lskg.store.isolated import zygote_main; zygote_main(sys.argv[1:])"
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])  # the folder that holds lskg/
_adopting = threading.Lock()  # a pool's own lock may have been held by another thread at a fork


def _fresh_adopting_lock() -> None:
    global _adopting
    _adopting = threading.Lock()


os.register_at_fork(after_in_child=_fresh_adopting_lock)


class IsolatedStore:
    """The store interface, each query in a worker process with a hard time limit.

    `store` is the release loaded in this process (from a file: the zygote loads the same file);
    `timeout` the default limit (seconds) for calls that give none; `workers` the number of
    processes (each runs one query at a time); `memory_mb` what a worker may allocate beyond its
    size at fork (None: no cap)."""

    def __init__(self, store: EmbeddedStore, workers: int = 2, timeout: float = 5.0,
                 memory_mb: int | None = 1024):
        if workers < 1:
            raise ValueError("an isolated store needs at least one worker")
        if store.source is None:
            raise ValueError("an isolated store needs a store loaded from an N-Quads file")
        self.local: EmbeddedStore | None = store
        self.workers = workers
        self.timeout = float(timeout)
        self.memory_mb = memory_mb
        # the release never changes while served: its graphs and size are read once, here
        self.release = store.release
        self._pool = _Pool(Path(store.source), workers, memory_mb)  # the zygote starts loading now
        self._finalizer = weakref.finalize(self, self._pool.close)

    # -- life cycle ---------------------------------------------------------------------------
    def start(self) -> "IsolatedStore":
        """Wait for the zygote, fork the workers; from now on every call runs in a worker."""
        if self.local is not None:
            self._pool.start()
            self.local = None  # its memory goes back: the zygote has its own copy
        return self

    @property
    def capacity(self) -> int:
        """Queries at once: one per worker."""
        return self.workers

    @property
    def started(self) -> bool:
        return self.local is None and not self._pool.closed

    def close(self) -> None:
        """Kill the workers and the zygote; later calls fail. Safe to call twice."""
        self._finalizer()

    def worker_pids(self) -> list[int]:
        """Live workers (for tests and monitoring)."""
        return self._pool.pids()

    @property
    def zygote_pid(self) -> int | None:
        return self._pool.zygote_pid

    # -- the store interface ----------------------------------------------------------------------
    def query(self, text: str, bindings: dict[str, Term] | None = None, *, dataset: Dataset | None = None,
              limit: int | None = None, timeout: float | None = None, max_chars: int | None = None,
              fmt: str | None = None) -> Result:
        limit_s = self.timeout if timeout is None else float(timeout)
        kwargs = {"bindings": bindings, "dataset": dataset, "limit": limit, "max_chars": max_chars, "fmt": fmt}
        local = self.local
        if local is not None:  # start-up, before any request: in this process
            return local.query(text, timeout=limit_s, **kwargs)
        return self._pool.call(text, kwargs, limit_s)


class _Worker:
    __slots__ = ("pid", "pidfd", "sock")

    def __init__(self, pid: int, pidfd: int | None, sock: socket.socket):
        self.pid, self.pidfd, self.sock = pid, pidfd, sock

    def kill(self) -> None:
        """SIGKILL, then wait (briefly) until it is gone, so its CPU is free when the caller answers."""
        try:
            if self.pidfd is not None:
                signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
                select.select([self.pidfd], [], [], _REAP_WAIT)  # readable once the process has ended
            else:
                os.kill(self.pid, signal.SIGKILL)
        except (ProcessLookupError, OSError):
            pass
        self.release()

    def release(self) -> None:
        """Close this process's handles on the worker (without killing it)."""
        self.sock.close()
        if self.pidfd is not None:
            try:
                os.close(self.pidfd)
            except OSError:
                pass
            self.pidfd = None


class _Pool:
    def __init__(self, source: Path, size: int, memory_mb: int | None):
        self._source, self.size, self._memory_mb = source, size, memory_mb
        self.closed = False
        self._setup()

    def _setup(self) -> None:
        self._owner = os.getpid()
        self._lock = threading.Lock()  # the control socket, the zygote and the set of workers
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._workers: set[_Worker] = set()
        self._missing = 0
        self._ctrl: socket.socket | None = None
        self._zygote: subprocess.Popen | None = None
        self._launch_zygote()

    def start(self) -> None:
        with self._lock:
            self._await_zygote()
            for _ in range(self.size):
                self._idle.put(self._spawn())

    @property
    def zygote_pid(self) -> int | None:
        return self._zygote.pid if self._zygote else None

    # -- processes --------------------------------------------------------------------------------
    def _launch_zygote(self) -> None:
        """A new Python process (exec: it inherits no file, socket or thread) that loads the release."""
        ours, theirs = socket.socketpair()
        env = dict(os.environ)  # lskg importable there as here (a checkout on sys.path, not installed)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [_PACKAGE_ROOT, env.get("PYTHONPATH")]))
        try:
            self._zygote = subprocess.Popen(
                [sys.executable, "-c", _ZYGOTE, str(theirs.fileno()), str(self._source), str(self._memory_mb or 0)],
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, start_new_session=True, env=env)
        except OSError:
            ours.close()
            raise
        finally:
            theirs.close()
        self._ctrl = ours

    def _await_zygote(self) -> None:
        self._ctrl.settimeout(_LOAD_TIMEOUT)
        try:
            ready = self._ctrl.recv(1)
        except OSError:
            ready = b""
        if ready != _READY:
            self._stop_zygote()
            raise EngineFailure("the query workers could not start (their process could not load the release)")
        self._ctrl.settimeout(_CONTROL_TIMEOUT)

    def _stop_zygote(self) -> None:
        if self._ctrl is not None:
            try:
                self._ctrl.sendall(_QUIT)
            except OSError:
                pass
            self._ctrl.close()
            self._ctrl = None
        if self._zygote is not None:
            try:
                self._zygote.wait(timeout=_REAP_WAIT)
            except subprocess.TimeoutExpired:
                self._zygote.kill()
                self._zygote.wait()
            self._zygote = None

    def _spawn(self) -> _Worker:
        """A new worker from the zygote (restarted once if it is gone). Call with the lock held."""
        for attempt in range(2):
            try:
                if self._ctrl is None:
                    raise EOFError("no zygote")
                self._ctrl.sendall(_SPAWN)
                data, fds, _flags, _addr = socket.recv_fds(self._ctrl, _PID.size, 1)
                if len(data) != _PID.size or len(fds) != 1:
                    raise EOFError("the zygote closed its socket")
            except (OSError, EOFError) as exc:
                if attempt:
                    raise EngineFailure(f"no query worker could be started ({exc})") from exc
                log.warning("query zygote lost (%s); starting a new one", exc)
                self._stop_zygote()
                self._launch_zygote()
                self._await_zygote()
                continue
            (pid,) = _PID.unpack(data)
            sock = socket.socket(fileno=fds[0])
            try:
                pidfd = os.pidfd_open(pid) if hasattr(os, "pidfd_open") else None
            except ProcessLookupError:
                sock.close()
                continue
            except OSError:
                pidfd = None
            worker = _Worker(pid, pidfd, sock)
            self._workers.add(worker)
            return worker
        raise EngineFailure("no query worker could be started")

    def _replace(self, worker: _Worker | None, kill: bool) -> None:
        """Retire a worker that timed out or died, and put a fresh one in the pool."""
        if worker is not None:
            worker.kill() if kill else worker.release()
            with self._lock:
                self._workers.discard(worker)
                self._missing += 1
        self._top_up()

    def _top_up(self) -> None:
        with self._lock:
            while self._missing and not self.closed:
                try:
                    fresh = self._spawn()
                except EngineFailure as exc:
                    log.error("%s", exc)
                    return
                self._missing -= 1
                self._idle.put(fresh)

    def pids(self) -> list[int]:
        with self._lock:
            return sorted(w.pid for w in self._workers)

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        if os.getpid() != self._owner:
            return  # a forked copy: the processes belong to the original
        with self._lock:
            workers, self._workers = list(self._workers), set()
            for worker in workers:
                worker.kill()
            self._stop_zygote()

    # -- calls ------------------------------------------------------------------------------------
    def call(self, query: str, kwargs: dict, limit: float):
        if self.closed:
            raise EngineFailure("the query store is closed")
        if os.getpid() != self._owner:  # this process was forked from the one that started the pool
            with _adopting:
                if os.getpid() != self._owner:
                    self._adopt()
        if self._missing:
            self._top_up()
        kwargs["timeout"] = limit  # the worker also stops by itself while reading results
        request = pickle.dumps((query, kwargs), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            worker = self._idle.get(timeout=max(limit, 0.001))
        except queue.Empty:
            raise QueryBusy(limit) from None
        try:
            try:
                worker.sock.settimeout(max(limit, 0.001))
                _send(worker.sock, request)
            except OSError:  # it died while idle (killed from outside): the query never reached it
                self._replace(worker, kill=True)
                worker = self._idle.get(timeout=max(limit, 0.001))
                worker.sock.settimeout(max(limit, 0.001))
                _send(worker.sock, request)
            reply = pickle.loads(_receive(worker.sock, time.monotonic() + limit))
        except socket.timeout:
            self._replace(worker, kill=True)
            raise QueryTimeout(limit=limit) from None
        except (EOFError, OSError, pickle.UnpicklingError) as exc:
            log.warning("query worker %d died on a query (%s); replacing it", worker.pid, type(exc).__name__)
            self._replace(worker, kill=True)
            raise EngineFailure("the query engine stopped while running this query (it may be nested too "
                                "deeply or need too much memory); the query was not answered") from exc
        except queue.Empty:
            raise QueryBusy(limit) from None
        except BaseException:
            self._replace(worker, kill=True)  # whatever came in between: never reuse a half-read socket
            raise
        self._idle.put(worker)
        return _reply(reply, limit)

    def _adopt(self) -> None:
        """In a forked copy of the web process (a pre-forking server): leave the original's processes
        alone and start this process's own."""
        for worker in list(self._workers):
            worker.release()
        if self._ctrl is not None:
            self._ctrl.close()
        self._setup()
        self.start()


def _reply(reply: tuple, limit: float):
    kind = reply[0]
    if kind == "ok":
        return reply[1]
    if kind == "timeout":
        raise QueryTimeout(limit=limit)
    if kind == "too_large":
        raise ResultTooLarge(reply[1])
    if kind == "error":
        raise QueryError(reply[1])
    raise EngineFailure(reply[1])


# -- the wire: length-prefixed pickles over a stream socket -------------------------------------------

def _send(sock: socket.socket, payload: bytes) -> None:
    header = _HEADER.pack(len(payload))
    if len(payload) < 65536:
        sock.sendall(header + payload)
    else:
        sock.sendall(header)
        sock.sendall(payload)


def _receive(sock: socket.socket, deadline: float | None) -> bytearray:
    (size,) = _HEADER.unpack(_exactly(sock, _HEADER.size, deadline))
    return _exactly(sock, size, deadline)


def _exactly(sock: socket.socket, size: int, deadline: float | None) -> bytearray:
    buf = bytearray(size)
    view = memoryview(buf)
    got = 0
    while got < size:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise socket.timeout("deadline")
            sock.settimeout(remaining)
        n = sock.recv_into(view[got:])
        if n == 0:
            raise EOFError("the other end closed the socket")
        got += n
    return buf


# -- the zygote and its workers (run in child processes; they leave only by os._exit) -----------------

def zygote_main(argv: list[str]) -> None:
    """The zygote's program: `python -c … FD NQUADS MEMORY_MB` (see `_Pool._launch_zygote`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the web process, which then closes us
    fd, source, memory_mb = int(argv[0]), Path(argv[1]), int(argv[2]) or None
    ctrl = socket.socket(fileno=fd)
    try:
        store = EmbeddedStore.from_nquads(source)
        store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1")  # whatever is set up lazily, once, shared
        ctrl.sendall(_READY)
        _zygote(ctrl, store, memory_mb)
    except BaseException:  # the web process sees the socket close and reports that workers could not start
        import traceback

        traceback.print_exc()
        os._exit(1)
    os._exit(0)


def _zygote(ctrl: socket.socket, store: EmbeddedStore, memory_mb: int | None) -> None:
    gc.freeze()  # everything loaded so far stays shared with the workers: the collector never writes to it
    children: set[int] = set()

    def reap(*_args) -> None:
        while True:
            try:
                pid, _status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            children.discard(pid)

    signal.signal(signal.SIGCHLD, reap)
    ctrl.settimeout(None)
    while True:
        try:
            command = ctrl.recv(1)
        except OSError:
            command = b""
        if command != _SPAWN:
            break
        ours, theirs = socket.socketpair()
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})
        pid = os.fork()
        if pid == 0:  # a worker
            try:
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})
                ctrl.close()
                ours.close()
                _worker(theirs, store, memory_mb)
            finally:
                os._exit(0)
        children.add(pid)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})
        theirs.close()
        try:
            socket.send_fds(ctrl, [_PID.pack(pid)], [ours.fileno()])
        except OSError:
            ours.close()
            break
        ours.close()
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})
    for pid in list(children):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    for pid in list(children):
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass


def _worker(sock: socket.socket, store: EmbeddedStore, memory_mb: int | None) -> None:
    faulthandler.disable()  # a crash here is expected to happen (deep queries): the web process logs it
    if memory_mb:
        _cap_memory(memory_mb)
    sock.settimeout(None)
    while True:
        try:
            query, kwargs = pickle.loads(_receive(sock, None))
        except (EOFError, OSError):
            return  # the web process closed our socket (or is gone)
        try:
            reply = ("ok", store.query(query, **kwargs))
        except QueryTimeout:
            reply = ("timeout",)
        except ResultTooLarge as exc:  # its rows stay here: the web process never holds them
            reply = ("too_large", exc.max_chars)
        except QueryError as exc:
            reply = ("error", str(exc))
        except MemoryError:
            return  # the memory cap: end this worker, the web process starts another
        except Exception as exc:  # an engine error of no known kind: logged here, the worker goes on
            # the client is told no exception class or engine text (which names the product)
            log.warning("query engine failure in worker %d: %s: %s", os.getpid(), type(exc).__name__, exc)
            reply = ("failure", "the query engine could not run this query")
        try:
            _send(sock, pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            return


def _cap_memory(memory_mb: int) -> None:
    """Address space now plus `memory_mb`: a query that needs more fails here, not in the machine."""
    try:
        with open("/proc/self/statm") as f:
            size = int(f.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError):
        return
    cap = size + memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ValueError, OSError):
        pass
