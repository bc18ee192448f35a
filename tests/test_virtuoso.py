"""What a real Virtuoso does that a small server does not: result caps, system graphs, blank-node
names, update grants — and `init URL`. Each test failed before issue 24 (see its comment)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import VIRTUOSO_MAX_ROWS
from rdflib import BNode, Dataset, URIRef

from cli import main


def run(*args: str, cwd=None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False,
                                env={"ACTORGRAPH_GRAPH": None, "ACTORGRAPH_UPDATE_ENDPOINT": None})
    return result.exit_code, result.stdout, result.stderr


def rows(graph: str | None, *args: str) -> list:
    code, out, err = run(*(["--graph", graph] if graph else []), *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


# -- result caps ---------------------------------------------------------------
def test_capped_answers_are_read_whole(virtuoso_backend):
    """Before: `relations` returned what fitted under ResultSetMaxRows, exit 0, no warning."""
    everything = "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER (STRSTARTS(STR(?s), STR(agd:))) }"
    mine = rows(virtuoso_backend, "query", everything)
    theirs = rows(None, "query", everything)
    assert len(theirs) > 5 * VIRTUOSO_MAX_ROWS
    assert sorted(map(json.dumps, mine)) == sorted(map(json.dumps, theirs))
    assert len(rows(virtuoso_backend, "relations")) == len(rows(None, "relations")) > VIRTUOSO_MAX_ROWS // 4
    assert len(rows(virtuoso_backend, "timeline")) == len(rows(None, "timeline"))


@pytest.mark.parametrize("query", [
    "SELECT ?s WHERE { ?s ?p ?o } LIMIT 100000",  # its own LIMIT: not pageable
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",  # Virtuoso cuts graphs too, without the header
])
def test_an_answer_that_cannot_be_paged_fails_in_one_line_naming_the_cap(virtuoso_backend, query):
    code, out, err = run("--graph", virtuoso_backend, "query", query)
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and "ResultSetMaxRows" in err and f"{VIRTUOSO_MAX_ROWS} rows" in err


def test_a_small_answer_under_the_cap_is_unchanged(virtuoso_backend):
    code, out, err = run("--graph", virtuoso_backend, "query", "CONSTRUCT { ?s a ag:State } WHERE { ?s a ag:State }",
                         "--format", "json")
    assert code == 0, err


# -- export ----------------------------------------------------------------------
def test_export_trig_holds_only_the_projects_graphs(virtuoso_backend, bundled_trig):
    """Before: virtrdf, DAV, ldp… graphs came along."""
    code, out, err = run("--graph", virtuoso_backend, "export", "trig", "-o", "-")
    assert code == 0, err
    ds = Dataset().parse(data=out, format="trig")
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    ref = Dataset().parse(bundled_trig, format="trig")
    assert names == {str(g.identifier) for g in ref.graphs() if len(g)}
    assert not any("openlinksw" in n or "virtrdf" in n for n in names)


def test_blank_nodes_export_as_valid_rdf(virtuoso_workspace, tmp_path):
    """Before: Virtuoso's `nodeID://b10000` names came out as `_:nodeID://b10000` (riot and rdflib refuse it)."""
    import urllib.parse
    import urllib.request

    url = virtuoso_workspace[1]
    update = ("INSERT { GRAPH <https://w3id.org/actorgraph/id/source/ifri-letter-116> { "
              "<https://w3id.org/actorgraph/id/pakistan> <https://w3id.org/actorgraph/ontology#note> _:n . "
              "_:n <http://www.w3.org/2000/01/rdf-schema#comment> \"a blank node\" } } WHERE { }")
    urllib.request.urlopen(url, data=urllib.parse.urlencode({"update": update}).encode(), timeout=30).read()
    for fmt in ("trig", "nt"):
        code, out, err = run("--graph", url, "export", fmt, "-o", "-")
        assert code == 0, err
        assert "nodeID" not in out
        ds = Dataset(default_union=True).parse(data=out, format=fmt)
        (node,) = ds.objects(URIRef("https://w3id.org/actorgraph/id/pakistan"), URIRef(
            "https://w3id.org/actorgraph/ontology#note"))
        assert isinstance(node, BNode) and len(list(ds.triples((node, None, None)))) == 1


# -- writes ----------------------------------------------------------------------
def test_a_missing_update_grant_is_one_line_naming_it(virtuoso_workspace, virtuoso_writable):
    """Before: the raw `SR186: No permission to execute procedure DB.DBA.SPARQL_INSERT_…` body."""
    virtuoso_writable.revoke_update()
    try:
        code, out, err = run(*virtuoso_workspace, "add", "actor", "Example Front", "--type", "NonStateArmedGroup")
    finally:
        virtuoso_writable.grant_update()
    assert code != 0 and err.count("\n") == 1
    assert 'GRANT SPARQL_UPDATE TO "SPARQL"' in err
    assert all(a["label"] != "Example Front" for a in rows(virtuoso_workspace[1], "actors"))


def test_init_url_refuses_in_one_line_and_makes_no_local_directory(virtuoso_backend, tmp_path, monkeypatch):
    """Before: `init http://…/sparql` exited 0 after creating ./http:/…/sparql."""
    monkeypatch.chdir(tmp_path)
    for args in (("init", virtuoso_backend), ("--update-endpoint", virtuoso_backend, "init", virtuoso_backend)):
        code, out, err = run(*args)
        assert code != 0 and out == "" and err.count("\n") == 1
        assert "bulk loader" in err and "docs/scale.md" in err
    assert list(tmp_path.iterdir()) == []
