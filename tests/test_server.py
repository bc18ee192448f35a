"""`actorgraph serve`: a real server process, real clients (SPARQLWrapper, rdflib SPARQLStore), bad input."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 1.5
LIMIT = 50
MAX_BODY = 20_000
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(*graph_args: str):
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from cli import main; main()", *graph_args, "serve", "--port", str(port),
         "--timeout", str(TIMEOUT), "--limit", str(LIMIT), "--max-body", str(MAX_BODY)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base + "/health", timeout=1).read()
            return proc, base
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail("server did not start: " + proc.stderr.read().decode()[-800:])
            time.sleep(0.1)


def _stop(proc) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def server():
    proc, base = _start()
    try:
        yield base
    finally:
        _stop(proc)


def _get(url: str, headers: dict[str, str] | None = None, data: bytes | None = None, method: str | None = None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers, resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read().decode("utf-8")


def _q(base: str, query: str, **extra: str) -> str:
    return f"{base}/sparql?" + urllib.parse.urlencode({"query": query, **extra})


STATES = "SELECT ?label WHERE { ?s a ag:State ; rdfs:label ?label } ORDER BY ?label"


# ---------------------------------------------------------------------------
# Real clients
# ---------------------------------------------------------------------------
def test_sparqlwrapper_json_and_xml(server):
    SPARQLWrapper = pytest.importorskip("SPARQLWrapper")
    sw = SPARQLWrapper.SPARQLWrapper(server + "/sparql")
    sw.setQuery(STATES)
    sw.setReturnFormat(SPARQLWrapper.JSON)
    labels = [b["label"]["value"] for b in sw.query().convert()["results"]["bindings"]]
    assert "Pakistan" in labels and labels == sorted(labels)
    sw.setReturnFormat(SPARQLWrapper.XML)
    doc = sw.query().convert()
    assert "Pakistan" in [n.firstChild.data for n in doc.getElementsByTagName("literal")]
    sw.setMethod(SPARQLWrapper.POST)
    sw.setReturnFormat(SPARQLWrapper.JSON)
    sw.setQuery("ASK { ?s rdfs:label \"Pakistan\" }")
    assert sw.query().convert()["boolean"] is True


def test_rdflib_sparqlstore(server):
    from rdflib import Graph, Literal
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(server + "/sparql", returnFormat="json")
    g = Graph(store)
    rows = list(g.query("PREFIX ag: <https://w3id.org/actorgraph/ontology#> "
                        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                        "SELECT ?label WHERE { ?s a ag:State ; rdfs:label ?label }"))
    assert Literal("Pakistan") in {r[0] for r in rows}
    built = g.query("CONSTRUCT { ?s <http://x/label> ?l } WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } LIMIT 5")
    assert len(built.graph) == 5


def test_csv_tsv_and_json_by_accept(server):
    status, headers, body = _get(_q(server, STATES), {"Accept": "text/csv"})
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(body)))
    assert table[0] == ["label"] and ["Pakistan"] in table
    status, headers, body = _get(_q(server, STATES), {"Accept": "text/tab-separated-values"})
    assert status == 200 and body.splitlines()[0] == "?label" and '"Pakistan"' in body.splitlines()
    status, headers, body = _get(_q(server, STATES))
    assert status == 200 and "sparql-results+json" in headers["Content-Type"]
    assert json.loads(body)["head"]["vars"] == ["label"]
    status, headers, body = _get(f"{server}/sparql", {"Content-Type": "application/sparql-query",
                                                       "Accept": "application/sparql-results+xml"},
                                 STATES.encode(), "POST")
    assert status == 200 and "<literal>Pakistan</literal>" in body


def test_row_limit(server):
    status, headers, body = _get(_q(server, "SELECT * WHERE { ?s ?p ?o }"))
    assert status == 200 and headers["X-Result-Truncated"] == "true"
    assert len(json.loads(body)["results"]["bindings"]) == LIMIT


def test_health_and_page(server):
    status, _, body = _get(server + "/health")
    assert status == 200 and json.loads(body)["status"] == "ok"
    status, headers, page = _get(server + "/")
    assert status == 200 and "text/html" in headers["Content-Type"]
    assert "hostile-to" in page and "<textarea" in page
    assert "?s0 &lt;= ?asof" in page  # query text is escaped
    assert "<script src" not in page and "<link" not in page  # offline: nothing fetched


# ---------------------------------------------------------------------------
# Bad input: right status, server still up
# ---------------------------------------------------------------------------
def _still_up(server):
    status, _, body = _get(_q(server, "ASK { ?s ?p ?o }"))
    assert status == 200 and json.loads(body)["boolean"] is True


def test_malformed_query_is_400(server):
    status, _, body = _get(_q(server, "SELECT ?x WHERE { ?x "))
    assert status == 400 and "syntax" in body.lower()
    assert _get(f"{server}/sparql")[0] == 400
    _still_up(server)


@pytest.mark.parametrize("how", ["get", "form", "update-form", "sparql-update"])
def test_updates_are_403(server, how):
    update = "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }"
    if how == "get":
        status = _get(_q(server, update))[0]
    elif how == "form":
        status = _get(f"{server}/sparql", {"Content-Type": "application/x-www-form-urlencoded"},
                      urllib.parse.urlencode({"query": update}).encode(), "POST")[0]
    elif how == "update-form":
        status = _get(f"{server}/sparql", {"Content-Type": "application/x-www-form-urlencoded"},
                      urllib.parse.urlencode({"update": update}).encode(), "POST")[0]
    else:
        status = _get(f"{server}/sparql", {"Content-Type": "application/sparql-update"}, update.encode(), "POST")[0]
    assert status == 403
    status, _, body = _get(_q(server, "ASK { <http://x/a> <http://x/b> <http://x/c> }"))
    assert json.loads(body)["boolean"] is False


def test_query_past_the_timeout_is_503_and_the_server_recovers(server):
    started = time.monotonic()
    status, _, body = _get(_q(server, SLOW))
    assert status == 503 and "timed out" in body
    assert time.monotonic() - started < TIMEOUT + 5
    _still_up(server)
    status, _, body = _get(server + "/health")
    assert json.loads(body)["workers"] == 2


def test_huge_body_is_413(server):
    huge = ("SELECT * WHERE { ?s ?p ?o } #" + "x" * (MAX_BODY * 3)).encode()
    status = _get(f"{server}/sparql", {"Content-Type": "application/sparql-query"}, huge, "POST")[0]
    assert status == 413
    _still_up(server)


def test_serves_an_oxigraph_store(tmp_path):
    pytest.importorskip("pyoxigraph")
    from actorgraph.store.graph import bundled_graph_path
    from actorgraph.store.oxigraph import bulk_load

    bulk_load(bundled_graph_path(), tmp_path / "st")
    proc, base = _start("--graph", f"oxigraph:{tmp_path / 'st'}")
    try:
        status, _, body = _get(_q(base, STATES))
        assert status == 200 and "Pakistan" in body
        assert json.loads(_get(base + "/health")[2])["backend"] == "oxigraph"
        assert _get(_q(base, SLOW))[0] == 503
        _still_up(base)
    finally:
        _stop(proc)
