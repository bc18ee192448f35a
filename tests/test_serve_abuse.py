"""`actorgraph serve` under abuse (issue 18): real server processes, real expensive queries.

* a cheap ASK answers within 2 s while two cross-product COUNTs run;
* a query past the worker memory cap (``--max-memory``) gets 503 and one
  line, and the server keeps answering;
* 50 half-open connections (partial headers) are closed after ``--header-timeout``;
* a write to an ``oxigraph:`` workspace while it is served is seen by the next query;
* a worker has no network (defence in depth behind the guard), checked on the real engine.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time

import pytest
from test_guard import Listener
from test_server import ROOT, _free_port, _get, _q, _stop

CROSS_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"  # ~13 M rows on the bundled graph: ~5 s
CROSS_SORT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"  # sorts the 13 M rows: GBs without a cap
CHEAP = "ASK { <pakistan> rdfs:label ?l }"


def _serve(*args: str, graph: tuple[str, ...] = ()):
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from cli import main; main()", *graph, "serve", "--port", str(port), *args],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            status, _, _ = _get(base + "/health")
            if status == 200:
                return proc, base
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"server did not start with {args}")
        time.sleep(0.1)


@pytest.fixture(scope="module")
def abused():
    """One server for the abuse tests: 2 ready workers, 2 long-query slots, small limits."""
    proc, base = _serve("--timeout", "4", "--workers", "2", "--long-queries", "2", "--max-memory", "200",
                        "--header-timeout", "1")
    yield base
    _stop(proc)


def test_a_cheap_query_answers_while_two_expensive_ones_run(abused):
    base = abused
    assert _get(_q(base, CHEAP))[0] == 200  # warm
    expensive: list[tuple[int, str]] = []

    def heavy():
        status, _, body = _get(_q(base, CROSS_COUNT))
        expensive.append((status, body))

    threads = [threading.Thread(target=heavy) for _ in range(2)]
    for t in threads:
        t.start()
    time.sleep(1.0)  # both are past the long-query mark now
    started = time.monotonic()
    status, _, body = _get(_q(base, CHEAP))
    waited = time.monotonic() - started
    assert status == 200 and json.loads(body)["boolean"] is True
    assert waited < 2.0, f"the cheap query waited {waited:.2f} s behind two expensive ones"
    # a third expensive query finds both long-query slots taken: refused at once, not queued
    started = time.monotonic()
    status, _, body = _get(_q(base, CROSS_COUNT))
    assert status == 503 and "2 long queries are already running" in body and body.count("\n") == 1
    assert time.monotonic() - started < 2.0
    for t in threads:
        t.join(30)
    assert len(expensive) == 2
    for status, body in expensive:  # they ran to the timeout (or finished): never a hang, one line each
        assert status in (200, 503), body
        assert status == 200 or (body.startswith("503 Service Unavailable: query timed out") and body.count("\n") == 1)
    assert _get(_q(base, CHEAP))[0] == 200


def test_a_query_past_the_memory_cap_gets_503_and_the_server_recovers(abused):
    base = abused
    started = time.monotonic()
    status, _, body = _get(_q(base, CROSS_SORT))
    assert status == 503, body
    assert body.startswith("503 Service Unavailable:") and "200 MB memory cap" in body and body.count("\n") == 1
    assert time.monotonic() - started < 3.9  # stopped by the cap, not by the timeout
    status, _, body = _get(_q(base, CHEAP))
    assert status == 200 and json.loads(body)["boolean"] is True
    deadline = time.monotonic() + 5
    while json.loads(_get(base + "/health")[2])["workers"] < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert json.loads(_get(base + "/health")[2])["workers"] >= 2  # the worker was restarted


def test_half_open_connections_are_closed_after_the_header_timeout(abused):
    base = abused
    port = int(base.rsplit(":", 1)[1])
    socks = []
    for i in range(50):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n" if i % 2 else b"GET /spa")  # never ends
        socks.append(s)
    time.sleep(1.8)
    closed = 0
    for s in socks:
        s.settimeout(3)
        try:
            closed += s.recv(1024) == b""  # the server closed it (no response: the request never completed)
        except OSError:
            closed += 1
        finally:
            s.close()
    assert closed == 50
    assert _get(_q(base, CHEAP))[0] == 200  # and real clients are still served


def test_a_drip_fed_request_is_cut_at_the_header_timeout(abused):
    base = abused
    port = int(base.rsplit(":", 1)[1])
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    started = time.monotonic()
    try:
        s.sendall(b"GET / HTTP/1.1\r\n")
        while time.monotonic() - started < 6:  # one header byte every 0.3 s: each read in time, the whole too slow
            s.sendall(b"X")
            time.sleep(0.3)
        pytest.fail("the connection stayed open for 6 s")
    except OSError:
        assert time.monotonic() - started < 3
    finally:
        s.close()


def test_a_write_to_a_served_workspace_is_seen(tmp_path, seed):
    from actorgraph.write import workspace

    ws = workspace.init(tmp_path / "ws-store", seed=seed, store="oxigraph")
    proc, base = _serve("--workers", "2", graph=("--graph", f"oxigraph:{ws.path}"))
    try:
        _ask_before_and_after_a_write(base, ws)
    finally:
        _stop(proc)


def _ask_before_and_after_a_write(base, ws):
    ask = 'ASK { ?a rdfs:label "Zedland" }'
    for _ in range(3):  # every worker has the store open
        assert json.loads(_get(_q(base, ask))[2])["boolean"] is False
    proc = subprocess.run([sys.executable, "-c", "from cli import main; main()", "--graph", f"oxigraph:{ws.path}",
                           "add", "actor", "Zedland", "--type", "State"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    for _ in range(3):  # whichever worker answers
        assert json.loads(_get(_q(base, ask))[2])["boolean"] is True


def test_a_worker_has_no_network_even_for_the_engine():
    # the guard refuses SERVICE before any engine runs; behind it, a worker of a local graph cannot reach
    # even the loopback: pyoxigraph's own HTTP client is run here on a raw SERVICE query
    import pyoxigraph as ox

    from actorgraph.serve.sandbox import no_network

    listener = Listener()
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/x> {{ ?s ?p ?o }} }}"
    list(ox.Store().query(query))  # the oracle: outside the sandbox the engine does send the request
    assert listener.hits == 1
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 3
        try:
            if no_network():
                try:
                    list(ox.Store().query(query))
                    code = 1
                except OSError:
                    code = 0
            else:
                code = 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) == 2:
        pytest.skip("this kernel does not allow unprivileged network namespaces")
    assert os.waitstatus_to_exitcode(status) == 0
    time.sleep(0.1)
    assert listener.hits == 1
