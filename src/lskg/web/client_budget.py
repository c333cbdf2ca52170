"""A per-client budget of query time and concurrency for the public `/sparql` endpoint.

Why: the time limit stops one query, not one client. Without a budget a single address can send
runaway queries back to back, each costing its full limit, and hold the endpoint's workers for
as long as it likes. The Wikidata Query Service answers this with a per-client budget of query
seconds; lskg does the same, so that a deployment without a rate-limiting proxy is still fair.

Each client (an address, see `client_address`) has

- a budget of query seconds, refilled continuously: a bucket that holds `seconds` and drains at
  `seconds / window` per second (a token bucket, as WQS's; one number per client, no per-query log).
  A query is admitted while the client's spent time is under the budget; the real elapsed time of
  every admitted query is charged when it ends, timed-out ones included (a 10 s timeout costs 10 s);
- a cap on its queries running at once (`concurrency`), so it cannot take every endpoint slot.

Over either, `TooManyQueries` (429) says which limit and when to retry (`retry_after`, whole
seconds). 0 disables either limit. The table of clients holds at most `max_clients` entries and
forgets the least recently seen idle one first: memory stays bounded whatever the number of
addresses. Forgetting an entry forgives its debt, which needs that many distinct addresses in
between: a client with that many addresses is beyond what a per-address budget can stop.
"""

from __future__ import annotations

import ipaddress
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

MAX_CLIENTS = 10_000
_MAX_KEY_CHARS = 64  # a forwarded "address" is whatever the proxy passed on: never an unbounded key


class TooManyQueries(Exception):
    """The client is over its budget or its concurrency cap: 429, retry after `retry_after` s."""

    status = 429

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


class _Client:
    __slots__ = ("spent", "at", "deadlines")

    def __init__(self, now: float):
        self.spent = 0.0  # query seconds not yet refilled, as of `at`
        self.at = now
        self.deadlines: list[float] = []  # when each running query is stopped at the latest


class Turn:
    """One admitted query of one client; `timed()` sections are what it is charged."""

    __slots__ = ("spent", "_clock")

    def __init__(self, clock: Callable[[], float]):
        self.spent = 0.0
        self._clock = clock

    @contextmanager
    def timed(self) -> Iterator[None]:
        start = self._clock()
        try:
            yield
        finally:
            self.spent += self._clock() - start

    @contextmanager
    def untimed(self) -> Iterator[None]:
        """A part of a `timed()` section the client is not charged for: a wait it did not cause
        (another client's parse holding the guard's parser)."""
        start = self._clock()
        try:
            yield
        finally:
            self.spent -= self._clock() - start


class ClientBudget:
    """Query seconds per rolling window and queries at once, per client; thread-safe."""

    def __init__(self, seconds: float, window: float, concurrency: int, max_clients: int = MAX_CLIENTS,
                 clock: Callable[[], float] = time.monotonic):
        if seconds > 0 and window <= 0:
            raise ValueError("a client budget needs a window longer than 0 s")
        self.seconds = max(0.0, float(seconds))
        self.window = float(window)
        self.concurrency = max(0, int(concurrency))
        self.max_clients = max_clients
        self._clock = clock
        self._lock = threading.Lock()
        self._clients: OrderedDict[str, _Client] = OrderedDict()

    @property
    def enabled(self) -> bool:
        return bool(self.seconds or self.concurrency)

    @contextmanager
    def turn(self, client: str, limit: float) -> Iterator[Turn]:
        """Admit one query of `client` (whose time limit is `limit` s) or raise `TooManyQueries`;
        on the way out charge what the turn's `timed()` sections took."""
        turn = Turn(self._clock)
        if not self.enabled:
            yield turn
            return
        with self._lock:
            now = self._clock()
            entry = self._entry(client, now)
            self._admit(entry, now)
            deadline = now + limit
            entry.deadlines.append(deadline)
        try:
            yield turn
        finally:
            with self._lock:
                entry.deadlines.remove(deadline)
                self._refill(entry, self._clock())
                entry.spent += turn.spent

    def spent(self, client: str) -> float:
        """Query seconds `client` has spent and not yet had back (0 for a client not seen)."""
        with self._lock:
            entry = self._clients.get(client)
            if entry is None:
                return 0.0
            self._refill(entry, self._clock())
            return entry.spent

    def __len__(self) -> int:
        return len(self._clients)

    def _admit(self, entry: _Client, now: float) -> None:
        if self.concurrency and len(entry.deadlines) >= self.concurrency:
            raise TooManyQueries(
                f"too many queries at once from this address: at most {self.concurrency} may run at a time "
                "(the per-client concurrency limit)", _whole(min(entry.deadlines) - now))
        self._refill(entry, now)
        if self.seconds and entry.spent >= self.seconds:
            rate = self.seconds / self.window
            raise TooManyQueries(
                f"this address has used its query time: {self.seconds:g} s of queries per {self.window:g} s "
                "(the per-client budget)", _whole((entry.spent - self.seconds) / rate))

    def _refill(self, entry: _Client, now: float) -> None:
        if self.seconds:
            entry.spent = max(0.0, entry.spent - (now - entry.at) * self.seconds / self.window)
        entry.at = now

    def _entry(self, client: str, now: float) -> _Client:
        entry = self._clients.get(client)
        if entry is not None:
            self._clients.move_to_end(client)
            return entry
        entry = self._clients[client] = _Client(now)
        if len(self._clients) > self.max_clients:
            # the least recently seen client that has no query running (one that has is still counted)
            for key, old in self._clients.items():
                if not old.deadlines and old is not entry:
                    del self._clients[key]
                    break
        return entry


def _whole(seconds: float) -> int:
    """Retry-After is whole seconds: rounded up, never 0 (a client told 0 retries at once)."""
    return max(1, math.ceil(seconds - 1e-9))


def client_address(remote_addr: str | None, forwarded_for: Sequence[str], trusted_hops: int) -> str:
    """Who is asking: the peer address, or with `trusted_hops` proxies in front (their count,
    configured) the address the outermost trusted proxy saw, read from the right of
    X-Forwarded-For; never a value the client could have written itself. An IPv6 client is
    counted by its /64, which one subscriber usually holds whole (a new address for each query
    would otherwise be a new budget)."""
    address = remote_addr or ""
    if trusted_hops > 0:
        hops = [hop.strip() for header in forwarded_for for hop in header.split(",")]
        if len(hops) >= trusted_hops:
            address = hops[-trusted_hops]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:_MAX_KEY_CHARS]
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:  # ::ffff:a.b.c.d is the IPv4 client a.b.c.d
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))
