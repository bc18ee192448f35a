"""The same answers on every backend: rdflib file, oxigraph:DIR, and a real `oxigraph serve` endpoint."""

from __future__ import annotations

import json
import subprocess
from decimal import Decimal

import oxigraph_server
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

import actorgraph
from actorgraph.core.errors import GraphFileError, QueryError
from actorgraph.core.vocab import AGD
from actorgraph.model.queries import query
from actorgraph.store.endpoint import EndpointGraph
from actorgraph.store.graph import bundled_graph_path
from actorgraph.store.oxigraph import OxigraphGraph, bulk_load
from actorgraph.store.remote import bind_values, query_form, sparql_term

pyoxigraph = pytest.importorskip("pyoxigraph")

NUMERIC = {str(XSD.decimal), str(XSD.integer), str(XSD.double), str(XSD.float)}


@pytest.fixture(scope="module")
def rdflib_kg():
    return actorgraph.load(bundled_graph_path())


@pytest.fixture(scope="module")
def ox_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("oxstore")
    bulk_load(bundled_graph_path(), directory)
    return directory


@pytest.fixture(scope="module")
def ox_kg(ox_dir):
    return actorgraph.load(f"oxigraph:{ox_dir}")


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """A real `oxigraph serve-read-only` on 127.0.0.1 over a bulk-loaded copy; stopped afterwards."""
    directory = tmp_path_factory.mktemp("oxserve")
    bulk_load(bundled_graph_path(), directory)
    with oxigraph_server.running(directory, "serve-read-only") as (base, _):
        yield base + "/query"


@pytest.fixture(scope="module")
def http_kg(endpoint):
    return actorgraph.load(endpoint)


@pytest.fixture(scope="module", params=["oxigraph", "sparql"])
def other_kg(request):
    return request.getfixturevalue("ox_kg" if request.param == "oxigraph" else "http_kg")


def _norm(term):
    """Oxigraph stores numbers canonically ("496" for rdflib's "496.0"): compare numbers by value."""
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) in NUMERIC:
        return ("number", Decimal(str(term)))
    return term


def _rows(rows):
    return sorted((tuple(sorted((k, _norm(v)) for k, v in row.items())) for row in rows), key=repr)


def _records(records):
    """Records as dicts; alias order is the engine's row order (actorgraph.model.reads does not sort it), so it is sorted here."""
    out = []
    for r in records:
        d = r.as_dict()
        if "aliases" in d:
            d["aliases"] = sorted(d["aliases"])
        out.append(d)
    return out


# ---------------------------------------------------------------------------
# Same answers
# ---------------------------------------------------------------------------
def test_backends_are_what_they_say(rdflib_kg, ox_kg, http_kg):
    assert (rdflib_kg.backend, ox_kg.backend, http_kg.backend) == ("rdflib", "oxigraph", "sparql")
    assert isinstance(ox_kg, OxigraphGraph) and isinstance(http_kg, EndpointGraph)
    assert isinstance(ox_kg, actorgraph.ActorGraph) and ox_kg.read_only and http_kg.read_only


@pytest.mark.parametrize("as_of", ["2026-03-15", "2025-10", "2021"])
def test_relations_as_of_are_identical(rdflib_kg, other_kg, as_of):
    expected = _records(actorgraph.relations(rdflib_kg, as_of=as_of))
    assert expected
    assert _records(actorgraph.relations(other_kg, as_of=as_of)) == expected


@pytest.mark.parametrize("name, params", [
    ("hostile-to", {"actor": "Pakistan", "asof": "2026-03-15"}),
    ("hostile-to", {"actor": "TTP", "asof": "2025"}),
    ("mediators", {"a": "Pakistan", "b": "Taliban regime"}),
    ("mediators", {"a": "Pakistan", "b": "Taliban regime", "since": "2026-01-01"}),
    ("leaders-of", {"group": "TTP"}),
    ("supporters-of", {"actor": "Pakistan"}),
    ("figures", {}),
    # every other competency question's named query, with its CQ parameters
    ("formed-from", {"group": "TTP"}),
    ("agreements-of", {"actor": "Pakistan"}),
    ("accusations", {"accuser": "Pakistan"}),
    ("intermediaries", {"from": "China", "to": "TTP"}),
    ("changes-between", {"from": "2024-12-31", "to": "2026-03-31"}),
    ("evidence", {"subject": "Pakistan", "relation": "attacks", "object": "Kabul"}),
    ("events-at", {"place": "Kabul"}),
    ("events-of", {"actor": "Taliban regime"}),
    ("relations-by-polarity", {"polarity": "hostile"}),
    ("relationship-history", {"a": "Pakistan", "b": "Taliban"}),
])
def test_named_queries_are_identical(rdflib_kg, other_kg, name, params):
    expected = query(rdflib_kg, name, params)
    got = query(other_kg, name, params)
    assert _rows(got) == _rows(expected)
    assert len(got) == len(expected)


def test_ordered_named_query_keeps_its_order(rdflib_kg, other_kg):
    expected = [str(r["leaderLabel"]) for r in query(rdflib_kg, "leaders-of", {"group": "TTP"})]
    assert len(expected) > 1
    assert [str(r["leaderLabel"]) for r in query(other_kg, "leaders-of", {"group": "TTP"})] == expected


def test_actors_events_sources_and_resolve_are_identical(rdflib_kg, other_kg):
    assert _records(actorgraph.actors(rdflib_kg)) == _records(actorgraph.actors(other_kg))
    assert _records(actorgraph.events(rdflib_kg)) == _records(actorgraph.events(other_kg))
    assert _records(actorgraph.sources(rdflib_kg)) == _records(actorgraph.sources(other_kg))
    for name in ("TTP", "Pakistan", "taliban regime", "Islamabad"):
        try:
            expected = actorgraph.resolve(rdflib_kg, name)
        except actorgraph.UnknownNameError:
            with pytest.raises(actorgraph.UnknownNameError):
                actorgraph.resolve(other_kg, name)
        else:
            assert actorgraph.resolve(other_kg, name) == expected


def test_ask_construct_and_data_export(rdflib_kg, other_kg):
    assert other_kg.ask("ASK { ?a rdfs:label ?l }", a=AGD.pakistan)
    assert not other_kg.ask("ASK { ?a rdfs:label ?l }", a=AGD["no-such-actor"])
    q = "CONSTRUCT { ?a rdfs:label ?l } WHERE { ?a rdfs:label ?l }"
    rows = query(other_kg, q, {"a": "<" + str(AGD.pakistan) + ">"})
    assert [(r["subject"], r["object"]) for r in rows] == [(AGD.pakistan, Literal("Pakistan"))]
    assert _rows(query(other_kg, q)) == _rows(query(rdflib_kg, q))
    assert len(other_kg.data()) == len(rdflib_kg.data())


def test_cli_gives_the_same_json_on_oxigraph(cli, ox_dir):
    args = ["relations", "--actor", "Pakistan", "--as-of", "2026-03-15", "--format", "json"]
    code, out, err = cli(*args)
    assert code == 0, err
    code2, out2, err2 = cli("--graph", f"oxigraph:{ox_dir}", *args)
    assert code2 == 0, err2
    assert json.loads(out2) == json.loads(out)


def test_cli_load_into_oxigraph(cli, tmp_path):
    code, out, err = cli("load", str(bundled_graph_path()), "--into", f"oxigraph:{tmp_path / 'st'}")
    assert code == 0, err
    assert "quads" in out
    code, out, err = cli("--graph", f"oxigraph:{tmp_path / 'st'}", "actors", "--format", "json")
    assert code == 0 and any(a["label"] == "Pakistan" for a in json.loads(out))


# ---------------------------------------------------------------------------
# Safe parameters and errors
# ---------------------------------------------------------------------------
def test_hostile_parameter_values_stay_one_term(rdflib_kg, other_kg):
    evil = 'x" } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o #'
    q = "SELECT ?a WHERE { ?a rdfs:label ?name }"
    assert other_kg.select(q, name=evil) == rdflib_kg.select(q, name=evil) == []
    assert other_kg.select(q, name="Pakistan") == [{"a": AGD.pakistan}]
    with pytest.raises(QueryError):
        other_kg.select(q, a=URIRef("http://x/> } <y"))


def test_bind_values_reaches_subqueries_and_skips_strings_and_comments():
    q = ('SELECT ?x WHERE { # WHERE { in a comment\n ?x rdfs:label "WHERE { x" . '
         '{ SELECT ?y WHERE { ?y ?p ?b } } }')
    bound = bind_values(q, {"b": URIRef("http://x/b"), "unused": Literal("z")})
    assert bound.count("VALUES (?b)") == 2
    assert '"WHERE { x"' in bound and "unused" not in bound
    c = bind_values("CONSTRUCT { ?s ?p ?b } WHERE { ?s ?p ?b }", {"b": Literal(1)})
    assert c.startswith("CONSTRUCT { ?s ?p ?b } WHERE { VALUES (?b)")
    assert sparql_term(Literal("a\nb")) == '"a\\nb"'
    assert query_form("PREFIX x: <http://x/> select * {}") == "SELECT"
    assert query_form("INSERT DATA { <a:b> <a:c> <a:d> }") == "UPDATE"


def test_parameters_reach_filters_in_nested_groups_like_init_bindings(rdflib_kg, other_kg):
    q = ("SELECT ?s WHERE { { ?s a ag:State FILTER (?s = ?x) } UNION { BIND (?x AS ?s) } "
         "{ SELECT ?s WHERE { ?s rdfs:label ?l FILTER (?s = ?x) } } }")
    expected = rdflib_kg.select(q, x=AGD.pakistan)
    assert expected == [{"s": AGD.pakistan}, {"s": AGD.pakistan}]
    assert other_kg.select(q, x=AGD.pakistan) == expected


def test_updates_and_syntax_errors_are_refused(other_kg):
    with pytest.raises(QueryError, match="read-only"):
        other_kg.select("INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }")
    with pytest.raises(QueryError):
        other_kg.select("SELECT ?x WHERE { ?x ")


def test_missing_store_and_unreachable_endpoint(tmp_path):
    with pytest.raises(GraphFileError, match="actorgraph load"):
        actorgraph.load(f"oxigraph:{tmp_path / 'nothing'}")
    with pytest.raises(QueryError, match="unreachable"):
        actorgraph.load(f"http://127.0.0.1:{oxigraph_server.free_port()}/sparql")


@pytest.mark.parametrize("as_of", ["2024-12-31", "2026-03-15"])
def test_balance_and_blocs_are_identical(rdflib_kg, other_kg, as_of):
    from actorgraph.analysis.measures import balance, blocs

    def triads(kg):
        return sorted((tuple(r["actors"]), tuple(r["signs"]), r["balanced"]) for r in balance(kg, as_of=as_of))

    assert triads(other_kg) == triads(rdflib_kg)
    assert blocs(other_kg, as_of=as_of)["frustration"] == blocs(rdflib_kg, as_of=as_of)["frustration"]


# ---------------------------------------------------------------------------
# Every read pushed down to the store gives the same answer on every backend
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("filters", [
    {"actor": "Pakistan"},
    {"actor": "Pakistan", "as_of": "2026-03-15"},
    {"actor": "TTP", "with_": "Taliban regime"},
    {"with_": "Pakistan", "polarity": "hostile", "as_of": "2026-03-15"},
    {"type": "supports"},
    {"type": ["attacks", "mediatesBetween"], "since": "2025", "until": "2026-02"},
    {"polarity": "neutral"},
    {"polarity": "friendly", "as_of": "2021", "rule": "certain"},
    {"since": "2025-10"},
    {"until": "2015", "include_hypothetical": False},
    {"actor": {"pakistan", "pakistani-air-force"}, "with_": {"taliban", "taliban-regime"}},  # rolled-up sides
])
def test_filtered_relations_are_identical(rdflib_kg, other_kg, filters):
    expected = actorgraph.relations(rdflib_kg, **filters)
    assert _records(actorgraph.relations(other_kg, **filters)) == _records(expected)


def test_filters_in_the_store_give_what_filtering_every_record_gives(rdflib_kg):
    """The store's filter is a superset the exact rules then trim: compare with the rules alone."""
    from actorgraph.model.reads import _all_relations

    fresh = actorgraph.load(bundled_graph_path())
    everything = _all_relations(fresh)  # cached: relations() now filters these records in Python
    for filters in ({"actor": "Pakistan", "as_of": "2026-03-15"}, {"polarity": "hostile", "since": "2020"},
                    {"type": "leaderOf", "as_of": "2010", "rule": "certain"}, {"with_": "China"}):
        pushed = actorgraph.relations(rdflib_kg, **filters)
        assert pushed == actorgraph.relations(fresh, **filters), filters
    assert len(everything) == len(actorgraph.relations(rdflib_kg))


@pytest.mark.parametrize("filters", [{"actor": "Pakistan"}, {"since": "2025", "until": "2025-12"},
                                     {"actor": "TTP", "since": "2020"}, {}])
def test_filtered_events_are_identical(rdflib_kg, other_kg, filters):
    assert _records(actorgraph.events(other_kg, **filters)) == _records(actorgraph.events(rdflib_kg, **filters))


@pytest.mark.parametrize("name", ["TTP", "Pakistan", "Islamabad", "taliban regime", "Kabul"])
def test_show_is_identical(rdflib_kg, other_kg, name):
    def shown(kg):
        info = actorgraph.show(kg, name)
        info["actor"]["aliases"] = sorted(info["actor"]["aliases"])
        return info

    assert shown(other_kg) == shown(rdflib_kg)


@pytest.mark.parametrize("name", ["TTP", "ttp", "Pakistán", "the Taliban", "ISLAMABAD", "Tehrik-i-Taliban Pakistan",
                                  "taliban-regime", "Pakistn", "nobody at all"])
def test_resolve_through_the_index_matches_the_scan(rdflib_kg, other_kg, name):
    """The index lookup (exact spellings) and the normalised scan it falls back to agree with the scan alone."""
    from actorgraph.model.names import _name_index, _norm

    expected = _name_index(actorgraph.load(bundled_graph_path())).get(_norm(name))
    for kg in (rdflib_kg, other_kg):
        kg._cache.pop("names", None)
        if expected is None:
            with pytest.raises(actorgraph.UnknownNameError):
                actorgraph.resolve(kg, name)
        else:
            assert actorgraph.resolve(kg, name) == expected


def test_timeline_diff_and_analyses_are_identical(rdflib_kg, other_kg):
    from actorgraph.analysis.history import diff, timeline
    from actorgraph.analysis.measures import centrality, ego, enemies_of_enemies, path

    assert timeline(other_kg, actor="Pakistan") == timeline(rdflib_kg, actor="Pakistan")
    assert timeline(other_kg, since="2025", until="2026-01") == timeline(rdflib_kg, since="2025", until="2026-01")
    assert diff(other_kg, "2024-12-31", "2026-03-31") == diff(rdflib_kg, "2024-12-31", "2026-03-31")
    assert path(other_kg, "China", "TTP") == path(rdflib_kg, "China", "TTP")
    assert ego(other_kg, "TTP", hops=2) == ego(rdflib_kg, "TTP", hops=2)
    assert enemies_of_enemies(other_kg, "Pakistan") == enemies_of_enemies(rdflib_kg, "Pakistan")
    assert centrality(other_kg, "degree") == centrality(rdflib_kg, "degree")


@pytest.mark.parametrize("actor, hops", [("Pakistan", 1), ("Pakistan", 2), ("TTP", 0), ("China", 3)])
def test_export_neighbourhood_is_identical_and_equals_the_ego_graph(rdflib_kg, other_kg, actor, hops):
    """Read hop by hop from the store, the neighbourhood is networkx's ego graph over every relation."""
    import networkx as nx

    from actorgraph.exports.filters import select

    got = select(other_kg, actor=actor, hops=hops, as_of="2026-03-15")
    expected = select(rdflib_kg, actor=actor, hops=hops, as_of="2026-03-15")
    assert [r.id for r in got.relations] == [r.id for r in expected.relations]
    assert list(got.nodes) == list(expected.nodes)
    g = nx.Graph()
    rels = actorgraph.relations(rdflib_kg, as_of="2026-03-15")
    for r in rels:
        for other in r.ends():
            g.add_edge(r.subject, other)
    focus = str(actorgraph.resolve(rdflib_kg, actor)).rsplit("/", 1)[-1]
    near = set(nx.ego_graph(g, focus, radius=hops)) if focus in g else {focus}
    assert {r.id for r in got.relations} == {r.id for r in rels if r.subject in near and set(r.ends()) <= near}


def test_bundled_graph_opens_in_memory_without_writing(tmp_path, monkeypatch):
    """The default graph is the bundled TriG parsed into an in-memory Oxigraph store: read-only, nothing written."""
    monkeypatch.delenv("ACTORGRAPH_GRAPH", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    kg = actorgraph.load()
    assert kg.backend == "oxigraph" and kg.read_only and kg.path == bundled_graph_path()
    assert list(tmp_path.iterdir()) == []
    assert _records(actorgraph.relations(kg, actor="Pakistan")) == _records(
        actorgraph.relations(actorgraph.load(bundled_graph_path()), actor="Pakistan"))


def test_store_does_not_import_backends():
    """No import cycle: graph.store.graph never imports graph.store.oxigraph (backends register their openers)."""
    import ast
    import inspect

    import actorgraph.store.graph as store

    tree = ast.parse(inspect.getsource(store))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert "backends" not in imported and not any(m and m.endswith("backends") for m in imported)


def test_cold_bundled_read_imports_neither_networkx_nor_rdflibs_sparql_parser():
    import sys

    code = ("import sys; from actorgraph.cli import main\n"
            "try:\n    main(['relations', '--actor', 'Pakistan', '--as-of', '2026-03-15', '--format', 'json'])\n"
            "except SystemExit:\n    pass\n"
            "print([m for m in ('networkx', 'rdflib.plugins.sparql.parser') if m in sys.modules], file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stderr.strip().splitlines()[-1] == "[]"
