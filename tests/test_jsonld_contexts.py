"""JSON-LD contexts are never fetched: not from the network, not from a file (issue 18).

A loopback HTTP listener serves a real context and counts every request; a
FIFO watcher notices any attempt to open a ``file:`` context. Every route that
reads a user's RDF file — ``import`` (with and without ``--dry-run``),
``--graph x.jsonld``, the library's ``load``, ``load --into oxigraph:`` —
must refuse with one line and leave both counts at zero. The contexts shipped
with the package (``LOCAL_CONTEXTS``) still resolve, offline. RDF/XML
external entities stay unexpanded.
"""

from __future__ import annotations

import http.server
import json
import threading
import time

import pytest
from test_guard import FifoWatch

import actorgraph
from actorgraph.core.errors import GraphFileError

CONTEXT = json.dumps({"@context": {"name": "http://www.w3.org/2000/01/rdf-schema#label"}}).encode()


class ContextServer:
    """A loopback HTTP server answering every GET with a real JSON-LD context; counts requests."""

    def __init__(self):
        hits = self.hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "application/ld+json")
                self.send_header("Content-Length", str(len(CONTEXT)))
                self.end_headers()
                self.wfile.write(CONTEXT)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/ctx.jsonld"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def remote():
    server = ContextServer()
    yield server
    server.server.shutdown()


@pytest.fixture(scope="module")
def fifo(tmp_path_factory):
    return FifoWatch(tmp_path_factory.mktemp("ctx") / "ctx.jsonld")


def _doc(context) -> str:
    return json.dumps({"@context": context, "@id": "https://w3id.org/actorgraph/id/zed",
                       "@type": "https://w3id.org/actorgraph/ontology#State", "name": "Zed"})


def _cases(remote, fifo):
    return {
        "remote": _doc(remote.url),
        "file": _doc(fifo.path.as_uri()),
        "relative file": _doc(fifo.path.name),  # resolved against the document: the file next to it
        "in a list": _doc([{"ag": "https://w3id.org/actorgraph/ontology#"}, remote.url]),
        "@import": _doc({"@import": remote.url}),
        "scoped, nested": json.dumps({"@context": {"ag": "https://w3id.org/actorgraph/ontology#"},
                                      "@graph": [{"@context": remote.url, "@id": "ag:x", "name": "X"}]}),
    }


CASES = ["remote", "file", "relative file", "in a list", "@import", "scoped, nested"]


def _counts(remote, fifo):
    time.sleep(0.05)
    return len(remote.hits), fifo.opened


@pytest.mark.parametrize("case", CASES)
def test_graph_file_refuses_the_context(case, cli, remote, fifo):
    folder = fifo.path.parent
    path = folder / f"doc-{CASES.index(case)}.jsonld"
    path.write_text(_cases(remote, fifo)[case], encoding="utf-8")
    before = _counts(remote, fifo)
    code, out, err = cli("--graph", str(path), "actors")
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and "@context" in err and "refused" in err and "Traceback" not in err
    with pytest.raises(GraphFileError, match="refused"):
        actorgraph.load(path)
    assert _counts(remote, fifo) == before


@pytest.mark.parametrize("dry_run", [True, False])
@pytest.mark.parametrize("case", CASES)
def test_import_refuses_the_context(case, dry_run, cli, tmp_path, seed, remote, fifo):
    from actorgraph.write import workspace

    ws = workspace.init(tmp_path / "ws.trig", seed=seed)
    before_text = (tmp_path / "ws.trig").read_text(encoding="utf-8")
    path = fifo.path.parent / f"imp-{CASES.index(case)}.jsonld"
    path.write_text(_cases(remote, fifo)[case], encoding="utf-8")
    before = _counts(remote, fifo)
    code, out, err = cli("--graph", str(ws.path), "import", str(path), *(["--dry-run"] if dry_run else []))
    assert code != 0 and "Traceback" not in err
    assert "@context" in err and "refused" in err
    assert _counts(remote, fifo) == before
    assert (tmp_path / "ws.trig").read_text(encoding="utf-8") == before_text  # nothing written


def test_bulk_load_into_oxigraph_refuses_too(cli, tmp_path, remote, fifo):
    path = tmp_path / "doc.jsonld"
    path.write_text(_cases(remote, fifo)["remote"], encoding="utf-8")
    before = _counts(remote, fifo)
    code, _, err = cli("load", str(path), "--into", f"oxigraph:{tmp_path / 'store'}")
    assert code != 0 and err.count("\n") == 1 and "context" in err
    assert _counts(remote, fifo) == before


def test_shipped_context_resolves_offline(cli, tmp_path, remote, fifo):
    path = tmp_path / "ok.jsonld"
    path.write_text(json.dumps({"@context": "https://w3id.org/actorgraph/context.jsonld",
                                "@id": "agd:zed", "@type": "ag:State", "label": "Zed"}), encoding="utf-8")
    before = _counts(remote, fifo)
    kg = actorgraph.load(path)
    labels = [str(r["l"]) for r in kg.select("SELECT ?l WHERE { <zed> a ag:State ; rdfs:label ?l }")]
    assert labels == ["Zed"]
    assert _counts(remote, fifo) == before


def test_inline_context_still_works(tmp_path):
    path = tmp_path / "inline.jsonld"
    path.write_text(_doc({"name": "http://www.w3.org/2000/01/rdf-schema#label"}), encoding="utf-8")
    kg = actorgraph.load(path)
    assert [str(r["l"]) for r in kg.select("SELECT ?l WHERE { <zed> rdfs:label ?l }")] == ["Zed"]


def test_rdfxml_entities_stay_unexpanded(tmp_path, remote, fifo):
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret", encoding="utf-8")
    path = tmp_path / "ent.rdf"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE r [ <!ENTITY web SYSTEM "{remote.url}"> '
        f'<!ENTITY disk SYSTEM "{secret.as_uri()}"> <!ENTITY pipe SYSTEM "{fifo.path.as_uri()}"> ]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">\n'
        '<rdf:Description rdf:about="https://w3id.org/actorgraph/id/zed">'
        "<rdfs:label>&web;&disk;&pipe;</rdfs:label></rdf:Description></rdf:RDF>\n", encoding="utf-8")
    before = _counts(remote, fifo)
    try:
        kg = actorgraph.load(path)
        text = kg.serialize("nt")
    except GraphFileError as exc:
        text = str(exc)
    assert "the secret" not in text
    assert _counts(remote, fifo) == before
