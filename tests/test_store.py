"""Loading graphs, SPARQL with bound parameters, read-only query, round trips."""

from __future__ import annotations

import json

import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.compare import isomorphic

import actorgraph
from actorgraph.core.errors import GraphFileError, QueryError
from actorgraph.core.vocab import AG, AGD
from actorgraph.ingest.build import BUNDLED_GRAPH, compile_dataset
from actorgraph.model.queries import query
from actorgraph.write.statements import add_statement, statement_id


def test_bundled_graph_is_up_to_date_with_its_yaml():
    compiled = compile_dataset()
    committed = Dataset()
    committed.parse(BUNDLED_GRAPH, format="trig")
    for g in compiled.graphs():
        if len(g):
            assert isomorphic(g, committed.graph(g.identifier)), "run: python -m actorgraph.ingest.build"


@pytest.mark.parametrize("fmt, suffix", [("turtle", ".ttl"), ("trig", ".trig"), ("nt", ".nt"), ("json-ld", ".jsonld"), ("xml", ".rdf")])
def test_serialize_parse_round_trip_is_isomorphic(kg, tmp_path, fmt, suffix):
    text = kg.serialize(fmt)
    path = tmp_path / f"copy{suffix}"
    path.write_text(text, encoding="utf-8")
    again = actorgraph.load(path)
    assert isomorphic(kg.data(), again.data())
    assert not again.read_only


def test_loaded_copy_answers_like_the_bundle(kg, tmp_path):
    path = tmp_path / "copy.trig"
    path.write_text(kg.serialize("trig"), encoding="utf-8")
    copy = actorgraph.load(path)
    assert [r.id for r in actorgraph.relations(copy)] == [r.id for r in actorgraph.relations(kg)]


def test_statement_ids_are_content_derived_and_reloading_never_duplicates():
    g = Graph()
    a = add_statement(g, AGD.ttp, AG.attacks, AGD.pakistan, start="2014", end="2014", quote="q q q q q q")
    size = len(g)
    b = add_statement(g, AGD.ttp, AG.attacks, AGD.pakistan, start="2014", end="2014", quote="q q q q q q")
    assert a == b and len(g) == size
    assert a != statement_id(AGD.ttp, AG.attacks, AGD.pakistan, start="2015")


def test_symmetric_relations_are_stored_once_with_both_direct_triples():
    g = Graph()
    a = add_statement(g, AGD.pakistan, AG.rivalOf, AGD.india, symmetric=True, quote="x" * 12)
    b = add_statement(g, AGD.india, AG.rivalOf, AGD.pakistan, symmetric=True, quote="x" * 12)
    assert a == b
    assert (AGD.india, AG.rivalOf, AGD.pakistan) in g and (AGD.pakistan, AG.rivalOf, AGD.india) in g


def test_potential_relations_get_no_direct_triple():
    g = Graph()
    add_statement(g, AGD.india, AG.alliedWith, AGD.x, status=AG.Potential, symmetric=True, quote="x" * 12)
    assert (AGD.india, AG.alliedWith, AGD.x) not in g


def test_select_binds_parameters_and_never_formats_them(kg):
    rows = kg.select("SELECT ?l WHERE { ?a rdfs:label ?l }", a=AGD.pakistan)
    assert [str(r["l"]) for r in rows] == ["Pakistan"]
    hostile = 'x" } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o '
    assert kg.select("SELECT ?a WHERE { ?a rdfs:label ?l }", l=Literal(hostile)) == []


def test_query_refuses_updates(kg):
    for update in ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "DELETE WHERE { ?s ?p ?o }", "CLEAR ALL"):
        with pytest.raises(QueryError, match="read-only"):
            query(kg, update)
    assert len(kg.data()) > 100


def test_syntax_error_reports_line_and_column(kg):
    with pytest.raises(QueryError, match=r"line 2, column \d+"):
        query(kg, "SELECT ?s\nWHERE { ?s ?p }")


def test_missing_and_unparsable_graph_files(tmp_path):
    with pytest.raises(GraphFileError, match="not found"):
        actorgraph.load(tmp_path / "nope.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix : <x> .\n:a :b", encoding="utf-8")
    with pytest.raises(GraphFileError, match="cannot parse"):
        actorgraph.load(bad)
    odd = tmp_path / "actorgraph.docx"
    odd.write_text("x", encoding="utf-8")
    with pytest.raises(GraphFileError, match="unknown RDF file extension"):
        actorgraph.load(odd)


def test_env_var_selects_the_graph(monkeypatch, tmp_path, kg):
    path = tmp_path / "g.ttl"
    path.write_text(kg.serialize("turtle"), encoding="utf-8")
    monkeypatch.setenv("ACTORGRAPH_GRAPH", str(path))
    assert actorgraph.load().path == path


def test_a_store_directory_opens_for_reads_as_it_does_for_writes(cli, tmp_path):
    """`init DIR` makes an Oxigraph store; `--graph DIR` then reads it like `--graph oxigraph:DIR`."""
    store = tmp_path / "ws"
    code, _, err = cli("init", str(store))
    assert code == 0, err
    code, out, err = cli("--graph", str(store), "relations", "--actor", "India", "--with", "Pakistan", "--format", "json")
    assert code == 0, err
    plain = json.loads(out)
    code, out, _ = cli("--graph", f"oxigraph:{store}", "relations", "--actor", "India", "--with", "Pakistan",
                       "--format", "json")
    assert plain == json.loads(out) and any(r["predicate"] == "tensionsWith" for r in plain)
    # a directory that is not a store: one line, and nothing created in it
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "notes.txt").write_text("mine")
    code, out, err = cli("--graph", str(junk), "relations")
    assert code != 0 and err.startswith("Error: ") and err.count("\n") == 1 and "no Oxigraph store" in err
    assert sorted(p.name for p in junk.iterdir()) == ["notes.txt"]
