"""Alliance analysis: signed snapshots, balance, blocs, paths, centrality, diff, timeline.

Three layers: the pure algorithms on hand-made signed graphs with known
answers (and hypothesis properties), the snapshot rules on a small
hand-made knowledge graph, and the correctness targets on the bundled graph.
"""

from __future__ import annotations

import itertools
import textwrap

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import actorgraph
from actorgraph import analysis as an
from actorgraph.core.errors import UnknownNameError
from actorgraph.ingest.build import compile_dataset
from actorgraph.store.graph import bundled_graph_path


def signed(edges: list[tuple]) -> nx.Graph:
    g = nx.Graph()
    for u, v, s in edges:
        g.add_edge(u, v, sign=s)
    return g


def brute_force(g: nx.Graph) -> int:
    """Minimum frustration over every two-camp partition (oracle for small graphs)."""
    nodes = list(g)
    if not nodes:
        return 0
    best = g.number_of_edges()
    for bits in itertools.product((0, 1), repeat=len(nodes) - 1):
        side = dict(zip(nodes, (0, *bits), strict=True))
        best = min(best, an.frustration(g, side))
    return best


# ---------------------------------------------------------------------------
# Hand-made signed graphs with known answers
# ---------------------------------------------------------------------------
def test_all_hostile_triangle_has_frustration_one():
    g = signed([("a", "b", -1), ("b", "c", -1), ("a", "c", -1)])
    part = an.best_partition(g)
    assert (part.frustration, part.exact) == (1, True)
    assert not an.is_balanced(g)
    assert not an.triad_balanced([-1, -1, -1])
    assert len(part.violations(g)) == 1


def test_balanced_graph_has_frustration_zero_and_the_two_camps():
    # two cliques of friends, hostile to each other
    g = signed([("a", "b", 1), ("c", "d", 1), ("a", "c", -1), ("a", "d", -1), ("b", "c", -1), ("b", "d", -1)])
    part = an.best_partition(g)
    assert part.frustration == 0 and an.is_balanced(g)
    assert part.side["a"] == part.side["b"] != part.side["c"] == part.side["d"]


@pytest.mark.parametrize(
    "edges, balanced",
    [
        # Harary: a cycle is balanced iff it has an even number of negative ties
        ([(0, 1, 1), (1, 2, 1), (2, 3, 1), (3, 0, 1)], True),
        ([(0, 1, -1), (1, 2, 1), (2, 3, -1), (3, 0, 1)], True),
        ([(0, 1, -1), (1, 2, 1), (2, 3, 1), (3, 0, 1)], False),
        ([(0, 1, -1), (1, 2, -1), (2, 0, 1)], True),   # enemy of my enemy is my friend
        ([(0, 1, 1), (1, 2, 1), (2, 0, -1)], False),   # friend of my friend is my enemy
        ([(0, 1, -1), (1, 2, -1), (2, 3, -1), (3, 4, -1), (4, 0, -1)], False),  # odd all-hostile cycle
    ],
)
def test_harary_cycles(edges, balanced):
    g = signed(edges)
    assert an.is_balanced(g) is balanced
    assert (an.best_partition(g).frustration == 0) is balanced
    # every cycle of a cycle basis has a positive sign product iff balanced
    assert all(_cycle_sign(g, c) > 0 for c in nx.cycle_basis(g)) is balanced


def _cycle_sign(g, cycle):
    product = 1
    for u, v in zip(cycle, cycle[1:] + cycle[:1], strict=True):
        product *= g[u][v]["sign"]
    return product


@pytest.mark.parametrize("n, expected", [(3, 1), (4, 2), (5, 4), (6, 6)])
def test_all_hostile_complete_graphs(n, expected):
    # best split is as even as possible: C(n//2, 2) + C(n - n//2, 2) hostile ties inside
    g = signed([(u, v, -1) for u, v in itertools.combinations(range(n), 2)])
    assert an.best_partition(g).frustration == expected == brute_force(g)


def test_trees_and_components_are_free():
    g = signed([(0, 1, -1), (1, 2, 1), (2, 3, -1), (10, 11, 1), (11, 12, -1), (12, 10, -1)])
    part = an.best_partition(g)
    assert part.frustration == 0 and part.components == 2


def test_heuristic_is_used_and_said_beyond_the_limit():
    g = nx.gnm_random_graph(40, 120, seed=3)
    for u, v in g.edges():
        g[u][v]["sign"] = 1 if (u + v) % 3 else -1
    exact = an.best_partition(g, exact_limit=100)
    heuristic = an.best_partition(g, exact_limit=5)
    assert exact.exact and exact.method.startswith("exact")
    assert not heuristic.exact and heuristic.method.startswith("heuristic")
    assert heuristic.frustration >= exact.frustration
    assert heuristic.frustration == an.frustration(g, heuristic.side)


def test_triangles_match_networkx():
    g = nx.gnm_random_graph(60, 400, seed=1)
    assert len(list(an.triangles(g))) == sum(nx.triangles(g).values()) // 3


def test_shortest_paths_and_max_hops():
    g = nx.Graph([("a", "b"), ("b", "d"), ("a", "c"), ("c", "d"), ("d", "e")])
    assert an.shortest_paths(g, "a", "e") == [["a", "b", "d", "e"], ["a", "c", "d", "e"]]
    assert an.shortest_paths(g, "a", "e", max_hops=2) == []
    g.add_node("z")
    assert an.shortest_paths(g, "a", "z") == []


def test_centrality_exactness_is_stated(monkeypatch):
    g = nx.path_graph(30)
    _, exact, method = an.centrality_scores(g, "betweenness")
    assert exact and "exact" in method
    from actorgraph.analysis import signed

    monkeypatch.setattr(signed, "EXACT_BETWEENNESS_LIMIT", 10)  # the algorithms live in actorgraph.analysis.signed
    _, exact, method = an.centrality_scores(g, "betweenness")
    assert not exact and "k=" in method
    scores, exact, _ = an.centrality_scores(g, "pagerank")
    assert exact and abs(sum(scores.values()) - 1) < 1e-6


# ---------------------------------------------------------------------------
# Properties (hypothesis)
# ---------------------------------------------------------------------------
@st.composite
def signed_graphs(draw, max_nodes: int = 8):
    n = draw(st.integers(min_value=2, max_value=max_nodes))
    pairs = list(itertools.combinations(range(n), 2))
    chosen = draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=len(pairs), unique=True))
    return signed([(u, v, draw(st.sampled_from([1, -1]))) for u, v in chosen])


@settings(max_examples=40, deadline=None)
@given(signed_graphs(), st.data())
def test_no_partition_scores_below_the_exact_optimum(g, data):
    part = an.best_partition(g)
    assert part.exact
    assert part.frustration == brute_force(g) == an.frustration(g, part.side)
    side = {u: data.draw(st.integers(0, 1)) for u in g}
    assert an.frustration(g, side) >= part.frustration
    assert an.best_partition(g, exact_limit=0).frustration >= part.frustration  # the heuristic too


@settings(max_examples=40, deadline=None)
@given(signed_graphs(), st.data())
def test_switching_a_cut_keeps_balance(g, data):
    cut = set(data.draw(st.lists(st.sampled_from(sorted(g)), unique=True)))
    h = an.switch(g, cut)
    assert an.is_balanced(h) == an.is_balanced(g)
    assert an.best_partition(h).frustration == an.best_partition(g).frustration
    for a, b, c in an.triangles(g):
        assert an.triad_balanced([h[a][b]["sign"], h[a][c]["sign"], h[b][c]["sign"]]) == \
            an.triad_balanced([g[a][b]["sign"], g[a][c]["sign"], g[b][c]["sign"]])


@settings(max_examples=40, deadline=None)
@given(signed_graphs())
def test_balanced_iff_every_triad_balanced_on_complete_graphs(g):
    complete = signed([(u, v, g[u][v]["sign"] if g.has_edge(u, v) else 1) for u, v in itertools.combinations(sorted(g), 2)])
    triads_ok = all(an.triad_balanced([complete[a][b]["sign"], complete[a][c]["sign"], complete[b][c]["sign"]])
                    for a, b, c in an.triangles(complete))
    assert triads_ok == an.is_balanced(complete)


# ---------------------------------------------------------------------------
# A small hand-made knowledge graph: the snapshot rules
# ---------------------------------------------------------------------------
TOY_YAML = textwrap.dedent("""\
    source: {id: toy, title: 'Toy world', date: '2024-06-30'}
    actors:
      - {id: alpha, label: 'Alpha', type: State}
      - {id: beta, label: 'Beta', type: State}
      - {id: gamma, label: 'Gamma', type: State}
      - {id: delta, label: 'Delta', type: State}
      - {id: pat, label: 'Pat', type: Person}
    events:
      - {id: war, type: Event, label: 'Alpha-Beta war', date: '2020-03', agents: [alpha], targets: [beta], quote: 'q'}
    relations:
      - {subject: alpha, predicate: cooperatesWith, object: beta, start: '2010', quote: 'q1'}
      - {subject: alpha, predicate: atWarWith, object: beta, start: '2020-03', quote: 'q2'}
      - {subject: beta, predicate: fightsAgainst, object: gamma, start: '2018', quote: 'q3'}
      - {subject: alpha, predicate: opposes, object: gamma, start: '2015', end: '2021', quote: 'q4'}
      - {subject: alpha, predicate: rapprochementWith, object: gamma, start: '2023', quote: 'q5'}
      - {subject: gamma, predicate: alliedWith, object: delta, start: '2024', quote: 'q6'}
      - {subject: gamma, predicate: opposes, object: delta, start: '2024', quote: 'q7'}
      - {subject: delta, predicate: mediatesBetween, parties: [alpha, beta], start: '2021', quote: 'q8'}
      - {subject: alpha, predicate: alliedWith, object: delta, status: Potential, quote: 'q9'}
      - {subject: pat, predicate: leaderOf, object: alpha, start: '2019', quote: 'q10'}
    """)


@pytest.fixture(scope="module")
def toy_path(tmp_path_factory):
    """The toy world compiled to TriG (used by the CLI tests through --graph)."""
    folder = tmp_path_factory.mktemp("toy")
    (folder / "toy.yaml").write_text(TOY_YAML, encoding="utf-8")
    path = folder / "toy.trig"
    path.write_text(compile_dataset(folder / "toy.yaml").serialize(format="trig"), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def toy(toy_path):
    return actorgraph.load(toy_path)


def test_snapshot_reduces_each_pair_and_reports_conflicts(toy):
    snap = an.signed_snapshot(toy, "2021-06-30")
    g = snap.signed
    assert {(a, b): d["sign"] for a, b, d in g.edges(data=True)} == {
        ("alpha", "beta"): -1, ("alpha", "gamma"): -1, ("beta", "gamma"): -1,
    }
    # cooperation (2010) and war (2020-03) disagree: the most recent start decides, and it is reported
    [conflict] = snap.conflicts
    assert conflict["pair"] == ["alpha", "beta"] and conflict["rule"] == "most recent start"
    assert conflict["sign"] == -1 and len(conflict["relations"]) == 2
    assert "Alpha – Beta" in an.conflict_warnings(snap)[0]
    # person-to-organisation leadership and the mediation are neutral: unsigned; the potential alliance is inactive
    assert "pat" not in g and "delta" not in g
    assert any(r.predicate == "leaderOf" for r in snap.relations)
    assert not any(r.status == "Potential" for r in snap.relations)


def test_tie_in_start_date_goes_to_hostile_and_is_reported(toy):
    snap = an.signed_snapshot(toy, "2024-06-30")
    assert snap.signed["gamma"]["delta"]["sign"] == -1
    tie = [c for c in snap.conflicts if c["pair"] == ["delta", "gamma"]]
    assert tie and tie[0]["rule"] == "tie: hostile wins"


def test_default_as_of_is_the_newest_source(toy):
    assert an.default_as_of(toy) == "2024-06-30"
    assert an.signed_snapshot(toy).as_of == "2024-06-30"


def test_balance_before_and_after_the_rapprochement(toy):
    [triad] = an.balance(toy, "2021-06-30")
    assert triad["actors"] == ["alpha", "beta", "gamma"]
    assert (triad["signs"], triad["balanced"]) == ([-1, -1, -1], False)
    assert [r["predicate"] for r in triad["relations"]] == ["atWarWith", "opposes", "fightsAgainst"]
    assert triad["relations"][0]["start"] == "2020-03" and triad["relations"][0]["quote"] == "q2"
    [later] = an.balance(toy, "2023-12-31")
    assert (later["signs"], later["balanced"]) == ([-1, 1, -1], True)
    assert an.balance(toy, "2023-12-31", unbalanced=True) == []


def test_blocs_on_the_toy(toy):
    out = an.blocs(toy, "2021-06-30")
    assert (out["frustration"], out["exact"]) == (1, True)
    assert len(out["violations"]) == 1 and out["conflicts"]
    out = an.blocs(toy, "2023-12-31")
    camps = {a: b["bloc"] for b in out["blocs"] for a in b["actors"]}
    assert out["frustration"] == 0 and camps["alpha"] == camps["gamma"] != camps["beta"]


def test_path_through_a_mediation(toy):
    out = an.path(toy, "Delta", "Gamma", as_of="2023-12-31")
    assert out["hops"] == 2
    assert [[(h["from"], h["to"]) for h in p] for p in out["paths"]] == [
        [("delta", "alpha"), ("alpha", "gamma")], [("delta", "beta"), ("beta", "gamma")],
    ]
    first = out["paths"][0]
    assert first[0]["predicate"] == "mediatesBetween" and first[0]["polarity"] == "neutral"
    assert first[1]["predicate"] == "rapprochementWith" and first[1]["statement"].startswith("statement/")
    assert an.path(toy, "Delta", "Gamma", as_of="2023-12-31", max_hops=1)["paths"] == []


def test_ego_enemies_centrality_communities(toy):
    rows = an.ego(toy, "Alpha", as_of="2023-12-31")
    assert [(r["actor"], r["hops"]) for r in rows] == [("alpha", 0), ("beta", 1), ("delta", 1), ("gamma", 1), ("pat", 1)]
    # on 2021-06-30 Alpha and Beta are at war and Beta fights Gamma... but Alpha opposes Gamma: no prediction
    assert an.enemies_of_enemies(toy, "Alpha", as_of="2021-06-30") == []
    # after the opposition ended and before the rapprochement, balance predicts Alpha-Gamma friendship
    [pred] = an.enemies_of_enemies(toy, "Alpha", as_of="2022-06-30")
    assert (pred["other"], pred["common_enemy"], pred["prediction"]) == ("gamma", "beta", "friendly")
    assert [r["predicate"] for r in pred["relations"]] == ["atWarWith", "fightsAgainst"]
    rows = an.centrality(toy, "degree", as_of="2023-12-31")
    assert rows[0]["actor"] == "alpha" and rows[0]["exact"] and set(rows[0]) >= {"actor", "label", "measure", "score"}
    assert {r["measure"] for r in an.centrality(toy, as_of="2023-12-31")} == set(an.MEASURES)
    comms = an.communities(toy, as_of="2023-12-31")
    # Pat leads Alpha: rolled up into Alpha's side by default, an actor of its own with --no-roll-up
    assert sorted(a for c in comms for a in c["actors"]) == ["alpha", "beta", "delta", "gamma"]
    raw = an.communities(toy, as_of="2023-12-31", roll_up=False)
    assert sorted(a for c in raw for a in c["actors"]) == ["alpha", "beta", "delta", "gamma", "pat"]


def test_diff_and_timeline(toy):
    rows = an.diff(toy, "2021-06-30", "2023-12-31")
    assert [(r["pair"], r["change"], r["before"], r["after"], r["predicate"]) for r in rows] == [
        (["alpha", "gamma"], "sign", "hostile", "friendly", "rapprochementWith"),
        (["alpha", "gamma"], "began", None, rows[1]["after"], "rapprochementWith"),
        (["alpha", "gamma"], "ended", rows[2]["before"], None, "opposes"),
    ]
    assert rows[1]["after"].startswith("Alpha rapprochement with Gamma (friendly, from 2023)")
    assert {r["change"] for r in rows} == {"sign", "began", "ended"}
    timeline = an.timeline(toy, actor="Gamma")
    assert [(r["date"], r["kind"]) for r in timeline] == [
        ("2015", "began"), ("2018", "began"), ("2021", "ended"), ("2023", "began"), ("2024", "began"), ("2024", "began"),
    ]
    # on one date what began comes first, then events, then what ended
    assert [r["kind"] for r in an.timeline(toy, actor="Alpha", since="2020", until="2020")] == ["began", "event"]


def test_unknown_names_and_bad_dates(toy):
    with pytest.raises(UnknownNameError, match="did you mean: Alpha"):
        an.path(toy, "Alpah", "Beta")
    with pytest.raises(actorgraph.DateError):
        an.signed_snapshot(toy, "2025-13")
    with pytest.raises(actorgraph.ActorGraphError):
        an.diff(toy, "2024", "2020")


# ---------------------------------------------------------------------------
# The bundled graph: the correctness targets
# ---------------------------------------------------------------------------
bundled = pytest.mark.skipif(not bundled_graph_path().exists(), reason="bundled graph not built yet")


@bundled
def test_india_pakistan_taliban_triad(kg):
    def triad(day):
        rows = an.balance(kg, day)  # over sides: the Taliban regime counts as the Taliban's side
        return next((r for r in rows if set(r["actors"]) == {"india", "pakistan", "taliban"}), None)

    # signs: India–Pakistan, India–Taliban, Pakistan–Taliban (the most recently started tie decides)
    before = triad("2024-12-31")  # Pakistan's optimism at the 2021 return; India's negative view
    assert before["signs"] == [-1, -1, 1] and before["balanced"]
    after = triad("2025-10-31")   # India hosts the regime's delegation while Pakistan strikes Kabul
    assert after["signs"] == [-1, 1, -1] and after["balanced"]


@bundled
def test_china_reaches_ttp_through_its_mediation_and_the_taliban_regime(kg):
    out = an.path(kg, "China", "TTP", as_of="2026-03-31")
    routes = [[(h["from"], h["predicate"], h["to"]) for h in p] for p in out["paths"]]
    assert any(r[0] == ("china", "mediatesBetween", "taliban-regime") and r[-1][2] == "ttp" for r in routes), routes


@bundled
def test_pakistan_and_taliban_regime_in_different_camps(kg):
    out = an.blocs(kg, "2026-03-15")
    camps = {a: b["bloc"] for b in out["blocs"] for a in b["members"]}
    assert out["exact"] and camps["pakistan"] != camps["taliban-regime"]
    raw = an.blocs(kg, "2026-03-15", roll_up=False)
    camps = {a: b["bloc"] for b in raw["blocs"] for a in b["actors"]}
    assert raw["exact"] and camps["pakistan"] != camps["taliban-regime"]


# ---------------------------------------------------------------------------
# The command line (on the toy world through --graph)
# ---------------------------------------------------------------------------
def test_cli_path_csv_exact(cli, toy_path):
    code, out, err = cli("--graph", str(toy_path), "analyze", "path", "Delta", "Gamma", "--as-of", "2023-12-31",
                         "--format", "csv")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "path,hop,from,to,predicate,polarity,statement,start,end,quote"
    assert [line.split(",")[:6] + line.split(",")[7:] for line in lines[1:]] == [
        ["1", "1", "delta", "alpha", "mediatesBetween", "neutral", "2021", "", "q8"],
        ["1", "2", "alpha", "gamma", "rapprochementWith", "friendly", "2023", "", "q5"],
        ["2", "1", "delta", "beta", "mediatesBetween", "neutral", "2021", "", "q8"],
        ["2", "2", "beta", "gamma", "fightsAgainst", "hostile", "2018", "", "q3"],
    ]


def test_cli_path_json_keys(cli_json, toy_path):
    out = cli_json("--graph", str(toy_path), "analyze", "path", "Delta", "Gamma", "--as-of", "2023-12-31")
    assert set(out) >= {"paths"} and len(out["paths"]) == 2
    assert all(set(h) >= {"from", "to", "predicate", "polarity", "statement"} for p in out["paths"] for h in p)


def test_cli_balance_json_and_conflict_warning(cli, toy_path):
    import json

    code, out, err = cli("--graph", str(toy_path), "analyze", "balance", "--as-of", "2021-06-30", "--format", "json")
    assert code == 0
    [row] = json.loads(out)
    assert set(row) >= {"actors", "labels", "signs", "balanced", "relations"}
    assert (row["labels"], row["signs"], row["balanced"]) == (["Alpha", "Beta", "Gamma"], [-1, -1, -1], False)
    assert [r["start"] for r in row["relations"]] == ["2020-03", "2015", "2018"]
    assert err.splitlines() == [
        "warning: Alpha – Beta as of 2021-06-30: active relations disagree [cooperates with (friendly, from 2010), "
        "at war with (hostile, from 2020-03)]; counted hostile (most recent start)"
    ]
    code, out, _ = cli("--graph", str(toy_path), "analyze", "balance", "--as-of", "2023-12-31", "--unbalanced",
                       "--format", "json")
    assert (code, json.loads(out)) == (0, [])


def test_cli_blocs_json_and_table(cli, cli_json, toy_path):
    out = cli_json("--graph", str(toy_path), "analyze", "blocs", "--as-of", "2021-06-30")
    assert set(out) >= {"frustration", "exact", "blocs", "violations", "method"}
    assert (out["frustration"], out["exact"]) == (1, True)
    assert out["blocs"] == [
        {"bloc": 1, "actors": ["alpha", "gamma"], "labels": ["Alpha", "Gamma"], "members": ["alpha", "gamma", "pat"]},
        {"bloc": 2, "actors": ["beta"], "labels": ["Beta"], "members": ["beta"]},
    ]
    code, text, _ = cli("--graph", str(toy_path), "analyze", "blocs", "--as-of", "2021-06-30")
    assert code == 0
    assert text.splitlines()[0] == ("As of 2021-06-30: frustration index 1 (exact: branch and bound "
                                    "(largest peeled component 3 actors <= 25); 1 component(s))")


def test_cli_diff_centrality_timeline(cli, cli_json, toy_path):
    rows = cli_json("--graph", str(toy_path), "diff", "2021-06-30", "2023-12-31")
    assert [(r["pair"], r["labels"], r["change"]) for r in rows] == [
        (["alpha", "gamma"], ["Alpha", "Gamma"], "sign"),
        (["alpha", "gamma"], ["Alpha", "Gamma"], "began"),
        (["alpha", "gamma"], ["Alpha", "Gamma"], "ended"),
    ]
    assert all(set(r) >= {"pair", "labels", "change", "before", "after"} for r in rows)
    rows = cli_json("--graph", str(toy_path), "analyze", "centrality", "--measure", "degree", "--as-of", "2023-12-31")
    assert [(r["actor"], r["label"], r["measure"], r["score"]) for r in rows][:2] == [
        ("alpha", "Alpha", "degree", 1.0), ("beta", "Beta", "degree", 0.75),
    ]
    code, out, _ = cli("--graph", str(toy_path), "timeline", "--actor", "Gamma", "--format", "csv")
    assert code == 0
    assert [line.split(",")[:3] for line in out.splitlines()] == [
        ["date", "kind", "type"], ["2015", "began", "opposes"], ["2018", "began", "fightsAgainst"],
        ["2021", "ended", "opposes"], ["2023", "began", "rapprochementWith"], ["2024", "began", "alliedWith"],
        ["2024", "began", "opposes"],
    ]
    for args in (("analyze", "ego", "Alpha"), ("analyze", "communities"), ("analyze", "enemies-of-enemies", "Alpha")):
        assert isinstance(cli_json("--graph", str(toy_path), *args), list)


@pytest.mark.parametrize(
    "args, message",
    [
        (("analyze", "path", "Alpah", "Beta"), "Error: unknown actor 'Alpah'; did you mean: Alpha?"),
        (("analyze", "ego", "Gamm"), "Error: unknown actor 'Gamm'; did you mean: Gamma?"),
        (("analyze", "blocs", "--as-of", "2025-13"), "Error: Invalid value for '--as-of': impossible date '2025-13'"),
        (("diff", "2024", "20x5"), "Error: Invalid value for 'DATE2': malformed date '20x5'"),
        (("diff", "2024", "2020"), "Error: diff: 2020 is before 2024"),
        (("analyze", "centrality", "--measure", "closeness"), "Error: Invalid value for '--measure'"),
    ],
)
def test_cli_bad_input_is_one_line(runner, toy_path, args, message):
    from cli import main

    result = runner.invoke(main, ["--graph", str(toy_path), *args])
    assert result.exit_code != 0
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith(message), result.stderr
    assert "Traceback" not in result.stderr
