"""Point 3 (the HTTP server): `lskg serve` over the session's build, in its own process, with real
sockets from two loopback addresses and short limits set for the test.

Slow clients: a connection has LSKG_REQUEST_TIMEOUT seconds to send a whole request, and one
address at most LSKG_CONNECTIONS_PER_ADDRESS connections, so 120 sockets sending a header byte at a
time neither keep their connections nor stop another address from being served (before, waitress's
100-connection limit was reached and nobody else was accepted until they stopped).

Waitress's own refusals (413, 431, 400) carry the security headers and no server name, and a client
that sends a large body before reading reads the 413 instead of a connection reset.
"""

from __future__ import annotations

import http.client
import re
import socket
import threading
import time
import urllib.error
import urllib.request

import pytest


from .conftest import lskg_serve

REQUEST_TIMEOUT = 2  # seconds (LSKG_REQUEST_TIMEOUT)
PER_ADDRESS = 10  # connections (LSKG_CONNECTIONS_PER_ADDRESS)
SECURITY = ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy")


@pytest.fixture(scope="module")
def serve(build_result, tmp_path_factory):
    """`lskg serve` with short limits; yields its port."""
    with lskg_serve(build_result.release.parent.parent, tmp_path_factory.mktemp("serve") / "serve.log",
                    LSKG_THREADS="4", LSKG_REQUEST_TIMEOUT=str(REQUEST_TIMEOUT),
                    LSKG_CONNECTIONS_PER_ADDRESS=str(PER_ADDRESS), LSKG_QUERY_WORKERS="2") as (port, _proc):
        yield port


def health_from(port: int, source: str, timeout: float = 5) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0))
    try:
        conn.request("GET", "/-/health")
        return conn.getresponse().status
    finally:
        conn.close()


def is_closed(sock: socket.socket) -> bool:
    """Whether the server has closed this connection (no answer is expected on it)."""
    sock.setblocking(False)
    try:
        return sock.recv(1) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


def test_slow_clients_neither_keep_their_connections_nor_lock_others_out(serve):
    port = serve
    socks = [socket.create_connection(("127.0.0.1", port), timeout=5, source_address=("127.0.0.1", 0))
             for _ in range(120)]
    stop = threading.Event()

    def drip():  # slowloris: one header byte on every socket, every half second
        for sock in socks:
            try:
                sock.send(b"GET / HTTP/1.1\r\nHost: x\r\n")
            except OSError:
                pass
        while not stop.wait(0.5):
            for sock in socks:
                try:
                    sock.send(b"X")
                except OSError:
                    pass

    dripping = threading.Thread(target=drip, daemon=True)
    dripping.start()
    try:
        time.sleep(0.5)
        # all but PER_ADDRESS closed at once; another address is served meanwhile
        assert sum(not is_closed(s) for s in socks) <= PER_ADDRESS
        start = time.monotonic()
        assert health_from(port, "127.0.0.2") == 200
        assert time.monotonic() - start < 2
        # and the slow ones are closed within the deadline (checked every second)
        time.sleep(REQUEST_TIMEOUT + 2.5)
        assert all(is_closed(s) for s in socks)
        assert health_from(port, "127.0.0.1") == 200
    finally:
        stop.set()
        dripping.join(timeout=5)
        for sock in socks:
            sock.close()


def raw(port: int, payload: bytes) -> bytes:
    """What the server answers to `payload`, read to the end."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(payload)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def assert_site_refusal(answer: bytes, status: int) -> None:
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    assert re.match(rf"HTTP/1\.[01] {status} ", head), head
    names = {line.split(":", 1)[0].strip().lower() for line in head.split("\r\n")[1:]}
    assert {h.lower() for h in SECURITY} <= names, head
    assert b"waitress" not in answer.lower(), answer[:500]


def test_the_servers_own_refusals_carry_the_security_headers(serve):
    port = serve
    too_long = (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                b"Content-Length: 999999999\r\n\r\n")
    assert_site_refusal(raw(port, too_long), 413)
    huge_header = b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 300_000 + b"\r\n\r\n"
    assert_site_refusal(raw(port, huge_header), 431)
    bad_chunk = b"POST /sparql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n"
    assert_site_refusal(raw(port, bad_chunk), 400)
    bad_line = b"GET /\x00 HTTP/1.1 extra\r\nHost: x\r\n\r\n"
    assert_site_refusal(raw(port, bad_line), 400)
    normal = raw(port, b"GET /-/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert normal.startswith(b"HTTP/1.1 200") and b"waitress" not in normal.lower()


def test_a_client_that_sends_a_large_body_first_reads_the_413(serve):
    """urllib sends the whole body before reading: the refusal must still be there to read."""
    request = urllib.request.Request(f"http://127.0.0.1:{serve}/sparql", data=b"#" * (8 * 1024 * 1024),
                                     headers={"Content-Type": "application/sparql-query"})
    for _ in range(3):
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(request, timeout=30)
        assert info.value.code == 413
        assert info.value.headers["X-Content-Type-Options"] == "nosniff"
        assert b"waitress" not in info.value.read().lower()
