"""SPARQL 1.1 Protocol, query side (our own tests after the W3C ``sparql11/protocol`` cases),
relative IRIs against the documented base on every backend, and stopping ``serve`` cleanly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
import test_backends
from rdflib import Graph, URIRef
from test_server import _free_port, _get, _q, _start, _stop

from actorgraph.core.vocab import AGD
from actorgraph.store.sparqlguard import BASE_IRI

ROOT = Path(__file__).resolve().parent.parent
http_kg, endpoint, ox_dir, ox_kg, rdflib_kg = (test_backends.http_kg, test_backends.endpoint, test_backends.ox_dir,
                                               test_backends.ox_kg, test_backends.rdflib_kg)

SELECT = "SELECT ?l WHERE { <pakistan> rdfs:label ?l }"  # a relative IRI: agd:pakistan under the base
CONSTRUCT = "CONSTRUCT { <me> rdfs:label ?l } WHERE { <pakistan> rdfs:label ?l }"
ASK = "ASK { <pakistan> a ag:State }"


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def base(request, tmp_path_factory):
    if request.param == "rdflib":
        proc, url = _start()
    else:
        from actorgraph.store.graph import bundled_graph_path
        from actorgraph.store.oxigraph import bulk_load

        directory = tmp_path_factory.mktemp("oxserve-protocol")
        bulk_load(bundled_graph_path(), directory)
        proc, url = _start("--graph", f"oxigraph:{directory}")
    try:
        yield url
    finally:
        _stop(proc)


def _labels(body: str) -> list[str]:
    return [b["l"]["value"] for b in json.loads(body)["results"]["bindings"]]


# ---------------------------------------------------------------------------
# Relative IRIs: the documented base, on every backend and through serve
# ---------------------------------------------------------------------------
def test_the_base_is_the_data_namespace():
    assert BASE_IRI == str(AGD) == "https://w3id.org/actorgraph/id/"


@pytest.mark.parametrize("backend", ["rdflib_kg", "ox_kg", "http_kg"])
def test_relative_iris_resolve_against_the_base_on_every_backend(request, backend):
    kg = request.getfixturevalue(backend)
    assert [str(r["l"]) for r in kg.select(SELECT)] == ["Pakistan"]
    assert kg.ask(ASK) is True
    graph = kg.run(CONSTRUCT).graph
    assert {(str(s), str(o)) for s, _, o in graph} == {(str(AGD) + "me", "Pakistan")}
    # a query's own BASE wins
    assert kg.select("BASE <http://example.org/> SELECT ?l WHERE { <pakistan> rdfs:label ?l }") == []


def test_relative_iris_through_serve(base):
    status, headers, body = _get(_q(base, SELECT))
    assert status == 200 and _labels(body) == ["Pakistan"]
    status, headers, body = _get(_q(base, CONSTRUCT), {"Accept": "application/n-triples"})
    assert status == 200, body
    g = Graph().parse(data=body, format="nt")
    assert set(g.subjects()) == {URIRef(str(AGD) + "me")}


# ---------------------------------------------------------------------------
# The three ways to send a query, and exactly one query
# ---------------------------------------------------------------------------
def test_get_form_post_and_direct_post_give_the_same_answer(base):
    got = _get(_q(base, SELECT))
    form = _get(f"{base}/sparql", {"Content-Type": "application/x-www-form-urlencoded"},
                urllib.parse.urlencode({"query": SELECT}).encode(), "POST")
    direct = _get(f"{base}/sparql", {"Content-Type": "application/sparql-query"}, SELECT.encode(), "POST")
    assert got[0] == form[0] == direct[0] == 200
    assert _labels(got[2]) == _labels(form[2]) == _labels(direct[2]) == ["Pakistan"]


def test_two_queries_are_400(base):
    two = urllib.parse.urlencode([("query", SELECT), ("query", ASK)])
    cases = [
        _get(f"{base}/sparql?{two}"),
        _get(f"{base}/sparql", {"Content-Type": "application/x-www-form-urlencoded"}, two.encode(), "POST"),
        _get(f"{base}/sparql?" + urllib.parse.urlencode({"query": ASK}),
             {"Content-Type": "application/x-www-form-urlencoded"}, urllib.parse.urlencode({"query": SELECT}).encode(),
             "POST"),
        _get(f"{base}/sparql?" + urllib.parse.urlencode({"query": ASK}),
             {"Content-Type": "application/sparql-query"}, SELECT.encode(), "POST"),
    ]
    for status, _, body in cases:
        assert status == 400, body
        assert body.startswith("400 Bad Request") and body.count("\n") == 1


# ---------------------------------------------------------------------------
# Content negotiation: the same rules for SELECT, ASK and CONSTRUCT
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("query, accept", [
    (SELECT, "image/png"), (ASK, "image/png"), (CONSTRUCT, "image/png"),
    (SELECT, "text/turtle"), (CONSTRUCT, "text/csv"), (CONSTRUCT, "text/tab-separated-values"),
])
def test_unacceptable_accept_is_406(base, query, accept):
    status, _, body = _get(_q(base, query), {"Accept": accept})
    assert status == 406, body
    assert body.startswith("406 Not Acceptable") and body.count("\n") == 1


@pytest.mark.parametrize("query, accept, expected", [
    (SELECT, None, "application/sparql-results+json"),
    (SELECT, "*/*", "application/sparql-results+json"),
    (SELECT, "text/csv", "text/csv"),
    (SELECT, "image/png, application/sparql-results+xml;q=0.5", "application/sparql-results+xml"),
    (CONSTRUCT, None, "text/turtle"),
    (CONSTRUCT, "*/*", "text/turtle"),
    (CONSTRUCT, "application/n-triples", "application/n-triples"),
    (CONSTRUCT, "image/png, application/ld+json;q=0.5", "application/ld+json"),
    (CONSTRUCT, "application/sparql-results+json", "application/ld+json"),  # a JSON client gets JSON-LD
    (CONSTRUCT, "application/sparql-results+xml", "application/rdf+xml"),
])
def test_acceptable_accept_picks_the_type(base, query, accept, expected):
    status, headers, body = _get(_q(base, query), {"Accept": accept} if accept else {})
    assert status == 200, body
    assert headers.get_content_type() == expected


# ---------------------------------------------------------------------------
# Stopping serve: no orphan workers, a one-line goodbye
# ---------------------------------------------------------------------------
def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def _alive(pid: int) -> bool:
    """Running (not gone, not a zombie waiting to be reaped)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def _serve(**popen) -> tuple[subprocess.Popen, str, list[int]]:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-c", "from cli import main; main()", "serve", "--port", str(port),
                             "--workers", "2"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, **popen)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if _get(base + "/health")[0] == 200:
                break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("server did not start: " + proc.stderr.read()[-800:])
        time.sleep(0.2)
    workers = _children(proc.pid)
    assert len(workers) == 2
    assert _get(_q(base, SELECT))[0] == 200  # a worker has answered
    return proc, base, workers


def _wait_gone(pids: list[int], seconds: float = 10) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.1)
    return [p for p in pids if _alive(p)]


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_killing_serve_stops_its_workers(how):
    proc, _, workers = _serve()
    try:
        os.kill(proc.pid, how)
        proc.wait(20)
        assert _wait_gone(workers) == [], f"worker processes left running after {how.name}"
        if how == signal.SIGTERM:
            err = proc.stderr.read()
            assert "Traceback" not in err
            assert err.strip().splitlines()[-1] == "actorgraph serve: terminated; workers stopped. Goodbye."
    finally:
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()


def test_ctrl_c_says_one_line_goodbye():
    proc, _, workers = _serve(start_new_session=True)  # its own process group, like a terminal's job
    try:
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: SIGINT to the whole foreground group
        proc.wait(20)
        err = proc.stderr.read()
        lines = [line for line in err.splitlines() if '"GET /' not in line]  # the request log stays
        assert lines[0].startswith("serving the bundled graph at http://127.0.0.1:")
        assert lines[1:] == ["actorgraph serve: interrupted; workers stopped. Goodbye."], err
        assert proc.returncode == 0
        assert _wait_gone(workers) == []
    finally:
        if proc.poll() is None:
            proc.kill()
