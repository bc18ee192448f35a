"""The one SPARQL guard: no query reaches the network or a file, on any backend or entry point.

A loopback listener (127.0.0.1 only) counts every connection and a FIFO
watcher notices any attempt to open the "file" a query names; after every
refused query both must still read zero. Backends: rdflib (file),
``oxigraph:DIR`` and a real ``oxigraph serve`` endpoint; entry points: the
library (``kg.run``, ``actorgraph.query``), the CLI and ``serve``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import test_backends
from test_server import _get, _q, _start, _stop

import actorgraph
from actorgraph.core.errors import QueryError, QueryRefused
from actorgraph.store.sparqlguard import inspect_query

# the three backends of test_backends (rdflib file, oxigraph:DIR, a real `oxigraph serve` endpoint)
endpoint, http_kg, ox_dir, ox_kg, rdflib_kg = (test_backends.endpoint, test_backends.http_kg, test_backends.ox_dir,
                                               test_backends.ox_kg, test_backends.rdflib_kg)

ROOT = Path(__file__).resolve().parent.parent
DATA_GRAPH = "https://w3id.org/actorgraph/id/source/ifri-letter-116"
ONTOLOGY_GRAPH = "https://w3id.org/actorgraph/ontology"


class Listener:
    """A loopback HTTP listener that counts connections (and answers empty SPARQL results)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.hits = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        body = b'{"head":{"vars":[]},"results":{"bindings":[]}}'
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.hits += 1
            with conn:
                conn.settimeout(2)
                try:
                    conn.recv(65536)
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                                 b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body))
                except OSError:
                    pass


class FifoWatch:
    """A FIFO that records whether anything opened it for reading (and then lets the reader go)."""

    def __init__(self, path: Path):
        self.path = path
        os.mkfifo(path)
        self.opened = 0
        self._stop = False
        threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self):
        while not self._stop:
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)  # succeeds only while a reader has it open
            except OSError:
                time.sleep(0.005)
                continue
            self.opened += 1
            os.close(fd)  # the reader sees end of file
            time.sleep(0.05)


@pytest.fixture(scope="module")
def listener():
    return Listener()


@pytest.fixture(scope="module")
def traps(tmp_path_factory, listener):
    """Paths a hostile query names: a readable N-Triples file, a FIFO, and the listener's URL."""
    folder = tmp_path_factory.mktemp("traps")
    secret = folder / "secret.nt"
    secret.write_text('<http://x/a> <http://x/b> "the secret" .\n', encoding="utf-8")
    fifo = FifoWatch(folder / "pipe.nt")
    return {"url": f"http://127.0.0.1:{listener.port}/", "file": secret.as_uri(), "fifo": fifo.path.as_uri(),
            "watch": fifo, "secret": secret}


HOSTILE = [
    "SELECT * WHERE { SERVICE <{url}sparql> { ?s ?p ?o } }",
    "select * where { service silent <{url}x> { ?s ?p ?o } }",
    "SELECT * WHERE { # a comment { }\n ?a ?b ?c FILTER EXISTS { SERVICE <{url}> { ?a ?b ?c } } } LIMIT 1",
    "SELECT * WHERE { \\u0053ERVICE <{url}> { ?s ?p ?o } }",
    "SELECT ?x WHERE { { SELECT ?x WHERE { SERVICE <{url}> { ?x ?p ?o } } } }",
    "SELECT * WHERE { BIND (<{url}> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    "SELECT * FROM <{url}data.ttl> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <{url}g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "PREFIX x: <{url}> SELECT * FROM x:data WHERE { ?s ?p ?o }",
    "BASE <{url}> SELECT * FROM <data.ttl> WHERE { ?s ?p ?o }",
    "SELECT * FROM <{file}> WHERE { ?s ?p ?o }",
    "SELECT * FROM <{fifo}> WHERE { ?s ?p ?o }",
    "ASK FROM <{fifo}> { ?s ?p ?o }",
    "ASK FROM <{ontology}> FROM <{fifo}> { ?s ?p ?o }",
    "CONSTRUCT { ?s ?p ?o } FROM <{url}> WHERE { ?s ?p ?o }",
    "DESCRIBE <{url}x> FROM NAMED <{file}>",
    "LOAD <{url}x>",
    "LOAD <{fifo}> INTO GRAPH <urn:x:g>",
    "CLEAR ALL",
    "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }",
]


def _fill(template: str, traps) -> str:
    return (template.replace("{url}", traps["url"]).replace("{file}", traps["file"])
            .replace("{fifo}", traps["fifo"]).replace("{ontology}", ONTOLOGY_GRAPH))


def _assert_nothing_left(listener, traps):
    time.sleep(0.1)
    assert listener.hits == 0, "a request reached the loopback listener"
    assert traps["watch"].opened == 0, "the FIFO was opened"


@pytest.fixture(scope="module", params=["rdflib", "oxigraph", "sparql"])
def any_kg(request):
    return request.getfixturevalue({"rdflib": "rdflib_kg", "oxigraph": "ox_kg", "sparql": "http_kg"}[request.param])


@pytest.mark.parametrize("template", HOSTILE)
def test_library_refuses_before_evaluating(any_kg, template, listener, traps):
    text = _fill(template, traps)
    with pytest.raises(QueryRefused, match="refused"):
        any_kg.run(text)
    with pytest.raises(QueryRefused):
        actorgraph.query(any_kg, text)
    _assert_nothing_left(listener, traps)


def test_the_decision_is_on_the_parsed_query():
    # SERVICE/FROM inside strings, IRIs and comments are not clauses: these run
    assert inspect_query('SELECT * WHERE { ?s ?p "SERVICE <http://x/> { }" }').form == "SELECT"
    assert inspect_query("SELECT * WHERE { ?s ?p <http://x/FROM> } # SERVICE <http://x/> {}").form == "SELECT"
    assert inspect_query("ASK { GRAPH <file:///etc/passwd> { ?s ?p ?o } }").form == "ASK"  # a pattern, not a load
    with pytest.raises(QueryError, match="syntax"):
        inspect_query("SELECT * WHERE { ?s ")


def test_own_graphs_in_from_give_the_same_answer_on_every_backend(rdflib_kg, ox_kg, http_kg):
    queries = [
        f"SELECT (COUNT(*) AS ?n) FROM <{DATA_GRAPH}> WHERE {{ ?s ?p ?o }}",
        f"SELECT (COUNT(*) AS ?n) FROM <{ONTOLOGY_GRAPH}> WHERE {{ ?s ?p ?o }}",
        f"SELECT (COUNT(*) AS ?n) FROM <{DATA_GRAPH}> FROM <{ONTOLOGY_GRAPH}> WHERE {{ ?s ?p ?o }}",
        f"SELECT ?g (COUNT(*) AS ?n) FROM NAMED <{ONTOLOGY_GRAPH}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g",
        "PREFIX src: <https://w3id.org/actorgraph/id/source/> "
        "SELECT ?l FROM src:ifri-letter-116 WHERE { ?a rdfs:label ?l FILTER (?l = 'Pakistan') }",
        "SELECT ?l FROM <source/ifri-letter-116> WHERE { <pakistan> rdfs:label ?l }",  # relative to the base
    ]
    data_triples = sum(len(g) for g in rdflib_kg.data_graphs())
    answers = []
    for q in queries:
        expected = rdflib_kg.select(q)
        assert ox_kg.select(q) == expected, q
        assert http_kg.select(q) == expected, q
        answers.append(expected)
    assert int(answers[0][0]["n"]) == data_triples
    assert int(answers[1][0]["n"]) < int(answers[2][0]["n"])  # FROM really selects graphs
    assert [(str(r["g"]), int(r["n"])) for r in answers[3]] == [(ONTOLOGY_GRAPH, int(answers[1][0]["n"]))]
    assert [str(r["l"]) for r in answers[4]] == [str(r["l"]) for r in answers[5]] == ["Pakistan"]


def test_cli_refuses_with_one_error_line(listener, traps):
    text = _fill("SELECT * WHERE { SERVICE <{url}sparql> { ?s ?p ?o } }", traps)
    proc = subprocess.run([sys.executable, "-c", "from cli import main; main()", "query", text],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, env=os.environ | {"ACTORGRAPH_GRAPH": ""})
    assert proc.returncode != 0
    assert proc.stdout == "" and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("Error: query refused: SERVICE")
    _assert_nothing_left(listener, traps)


@pytest.mark.parametrize("template", ["SELECT * FROM <{file}> WHERE { ?s ?p ?o }",
                                      "SELECT * FROM <{fifo}> WHERE { ?s ?p ?o }",
                                      "LOAD <{url}x>"])
def test_cli_refuses_files_and_updates(cli, template, listener, traps):
    code, out, err = cli("query", _fill(template, traps))
    assert code != 0 and out == "" and err.startswith("Error: query refused") and err.count("\n") == 1
    assert "the secret" not in out + err
    _assert_nothing_left(listener, traps)


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def server_base(request, tmp_path_factory):
    if request.param == "rdflib":
        proc, base = _start()
    else:
        from actorgraph.store.graph import bundled_graph_path
        from actorgraph.store.oxigraph import bulk_load

        directory = tmp_path_factory.mktemp("oxserve-guard")
        bulk_load(bundled_graph_path(), directory)
        proc, base = _start("--graph", f"oxigraph:{directory}")
    try:
        yield base
    finally:
        _stop(proc)


@pytest.mark.parametrize("template", HOSTILE)
def test_serve_refuses_with_403_and_one_line(server_base, template, listener, traps):
    text = _fill(template, traps)
    for status, _, body in (
        _get(_q(server_base, text)),
        _get(f"{server_base}/sparql", {"Content-Type": "application/sparql-query"}, text.encode(), "POST"),
    ):
        assert status == 403, body
        assert body.startswith("403 Forbidden:") and body.count("\n") == 1
        assert "the secret" not in body
    _assert_nothing_left(listener, traps)


def test_serve_still_answers_from_own_graphs(server_base):
    import json

    status, _, body = _get(_q(server_base, f"SELECT (COUNT(*) AS ?n) FROM <{DATA_GRAPH}> WHERE {{ ?s ?p ?o }}"))
    assert status == 200
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 1000
