"""Sides: institutions, officials, leaders and regimes rolled up to the actor they act for."""

from __future__ import annotations

import textwrap

import pytest

import actorgraph
from actorgraph.analysis.sides import Side, conflict_actors, rolled_up_relations, side_map, side_members, sides
from actorgraph.ingest.build import compile_dataset

PAKISTAN_SIDE = (
    "imran-khan", "imran-khan-government", "pakistan", "pakistan-federal-government",
    "pakistan-minister-of-defense", "pakistani-air-force", "pakistani-military",
)
TALIBAN_SIDE = ("afghanistan", "amir-muttaqi", "taliban", "taliban-army", "taliban-regime")


def test_pakistan_and_the_taliban_sides_on_the_bundled_graph(kg):
    found = {s.side: s for s in sides(kg, "2026-03-15")}
    assert found["pakistan"] == Side("pakistan", "Pakistan", PAKISTAN_SIDE)
    assert found["taliban"] == Side("taliban", "Taliban", TALIBAN_SIDE)
    # a leader's side ends with his term: only Noor Wali Mehsud leads the TTP in 2026
    assert found["ttp"].members == ("noor-wali-mehsud", "ttp")
    assert all(len(s.members) >= 2 for s in found.values())


def test_before_the_takeover_afghanistan_is_its_own_side(kg):
    m = side_map(kg, "2020-12-31")
    assert m["afghanistan"] == "afghanistan" and m["taliban"] == "taliban"
    # the Taliban controls the regime (2021-06/2021-08) which governs Afghanistan: one side from then on
    m = side_map(kg, "2021-12-31")
    assert {m[a] for a in TALIBAN_SIDE} == {"taliban"}
    assert m["china"] == "china"  # an actor that belongs to no one is its own head
    assert {m[a] for a in PAKISTAN_SIDE} == {"pakistan"}


def test_side_members_resolves_any_name(kg):
    assert side_members(kg, "Kabul", "2026-03-15") == set(TALIBAN_SIDE)
    assert side_members(kg, "PAF", "2026-03-15") == set(PAKISTAN_SIDE)
    assert side_members(kg, "China") == {"china"}
    # undated: every tie counts, so all the TTP's leaders
    assert {"baitullah-mehsud", "hakimullah-mehsud", "mullah-fazlullah", "noor-wali-mehsud"} < side_members(kg, "TTP")


def test_roll_up_finds_what_the_pakistani_state_did_with_the_taliban(kg):
    rels = rolled_up_relations(kg, "Pakistan", "Taliban")
    triples = {(r.subject, r.predicate, r.object) for r in rels}
    assert ("pakistan", "atWarWith", "taliban-regime") in triples                # filed under the regime
    assert ("pakistani-air-force", "attacks", "taliban-army") in triples         # an institution acting
    assert ("pakistan", "positiveViewOf", "taliban") in triples                  # the 2021 movement
    talks = [r for r in rels if r.predicate == "mediatesBetween" and r.subject == "taliban-regime"]
    assert talks and "imran-khan-government" in talks[0].parties                 # the 2022 talks
    # a relation inside one side is not a relation between the two
    assert ("taliban", "controls", "taliban-regime") not in triples


def test_conflict_actors_leave_out_institutes_authors_and_population_groups(kg):
    inside = conflict_actors(kg)
    assert {"pakistan", "taliban-regime", "ttp", "pakistani-military"} <= inside
    assert not {"ifri", "ifri-center-for-asian-studies", "isabelle-saint-mezard",
                "afghan-refugees-in-pakistan", "pakistani-pashtuns"} & inside


LEADERS_YAML = textwrap.dedent("""\
    source: {id: toy, title: 'Toy world', date: '2024-06-30'}
    actors:
      - {id: alpha, label: 'Alpha', type: State}
      - {id: army, label: 'Alpha army', type: StateInstitution}
      - {id: junta, label: 'Junta', type: Government}
      - {id: pat, label: 'Pat', type: Person}
      - {id: sam, label: 'Sam', type: Person}
    relations:
      - {subject: army, predicate: partOf, object: alpha, quote: 'q1'}
      - {subject: pat, predicate: leaderOf, object: junta, start: '2010', end: '2015', quote: 'q2'}
      - {subject: sam, predicate: leaderOf, object: junta, start: '2016', quote: 'q3'}
      - {subject: junta, predicate: governs, object: alpha, start: '2012', quote: 'q4'}
      - {subject: army, predicate: memberOf, object: alpha, status: Potential, quote: 'q5'}
    """)


@pytest.fixture(scope="module")
def leaders(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sides")
    (folder / "toy.yaml").write_text(LEADERS_YAML, encoding="utf-8")
    path = folder / "toy.trig"
    path.write_text(compile_dataset(folder / "toy.yaml").serialize(format="trig"), encoding="utf-8")
    return actorgraph.load(path)


def test_dated_sides_follow_terms_and_governments(leaders):
    assert side_map(leaders, "2011-06-30") == {"alpha": "alpha", "army": "alpha", "junta": "junta", "pat": "junta",
                                               "sam": "sam"}
    # the junta governs Alpha from 2012: Alpha acts through its government; Pat's term ended in 2015
    assert side_map(leaders, "2017-06-30") == {"alpha": "junta", "army": "junta", "junta": "junta", "pat": "pat",
                                               "sam": "junta"}
    assert [s.members for s in sides(leaders, "2017-06-30")] == [("alpha", "army", "junta", "sam")]


def test_sides_command_json_and_table(cli, cli_json):
    rows = cli_json("sides", "--as-of", "2026-03-15")
    by_side = {r["side"]: r for r in rows}
    assert by_side["pakistan"]["members"] == list(PAKISTAN_SIDE)
    assert by_side["taliban"]["member_labels"][:2] == ["Afghanistan", "Amir Muttaqi"]
    assert {"side", "members", "label", "member_labels"} <= set(rows[0])
    code, out, err = cli("sides", "--as-of", "2021-12-31", "--wide")
    assert code == 0 and "Pakistani Air Force" in out and err == ""
    code, out, err = cli("sides", "--as-of", "2021-13")
    assert code == 2 and "Error:" in err and "impossible date '2021-13'" in err


# ---------------------------------------------------------------------------
# Analyses over sides (the default) and raw actors (--no-roll-up)
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("day", ["2021-12-31", "2026-03-15"])
def test_blocs_keep_pakistan_and_its_institutions_in_one_camp(kg, day):
    from actorgraph.analysis.measures import blocs

    out = blocs(kg, day)
    camp = {a: b["bloc"] for b in out["blocs"] for a in b["members"]}
    assert {camp[a] for a in PAKISTAN_SIDE} == {camp["pakistan"]}
    assert {camp[a] for a in ("taliban", "taliban-regime", "taliban-army")} == {camp["taliban"]}
    assert "ifri" not in camp and "afghan-refugees-in-pakistan" not in camp
    # raw actors: the 2021 snapshot splits the Taliban movement from the regime it controls
    if day == "2021-12-31":
        raw = blocs(kg, day, roll_up=False, all_actors=True)
        raw_camp = {a: b["bloc"] for b in raw["blocs"] for a in b["actors"]}
        assert raw_camp["taliban"] != raw_camp["taliban-regime"]


def test_the_maps_camps_never_split_a_side(kg):
    from actorgraph.exports.camps import camps_by_month
    from actorgraph.exports.filters import select

    sel = select(kg)
    months = camps_by_month(kg, sel, ["2021-12", "2026-03"], budget=60)["months"]
    for month in ("2021-12", "2026-03"):
        camp = months[month]
        assert {camp[a] for a in PAKISTAN_SIDE} == {camp["pakistan"]}, month
        assert camp["taliban-regime"] == camp["taliban"] == camp["afghanistan"], month
    assert months["2026-03"]["pakistan"] != months["2026-03"]["taliban-regime"]


HANDOVER_YAML = textwrap.dedent("""\
    source: {id: toy, title: 'Toy world', date: '2024-06-30'}
    actors:
      - {id: land, label: 'Land', type: State}
      - {id: movement, label: 'Movement', type: NonStateArmedGroup}
      - {id: regime, label: 'Regime', type: DeFactoRegime}
      - {id: other, label: 'Other', type: State}
    relations:
      - {subject: movement, predicate: controls, object: regime, start: '2021-08', quote: 'q1'}
      - {subject: regime, predicate: governs, object: land, start: '2021-08', quote: 'q2'}
      - {subject: other, predicate: supportsPolitically, object: movement, start: '2015', end: '2021', quote: 'q3'}
      - {subject: other, predicate: attacks, object: regime, start: '2023', quote: 'q4'}
    """)


def test_diff_reports_the_sign_change_across_the_handover(tmp_path):
    from actorgraph.analysis.history import diff

    (tmp_path / "toy.yaml").write_text(HANDOVER_YAML, encoding="utf-8")
    kg = actorgraph.load(_compiled(tmp_path))
    rows = diff(kg, "2020-12-31", "2024-12-31", actor="Other", roll_up=True)
    [change] = [r for r in rows if r["change"] == "sign"]
    assert (change["pair"], change["before"], change["after"]) == (["movement", "other"], "friendly", "hostile")
    # the regime's attack and the movement's support are filed under one pair, the movement's side
    assert {tuple(r["pair"]) for r in rows} == {("movement", "other")}
    # raw actors: the movement's support and the regime's attack are two pairs, no sign change
    raw = diff(kg, "2020-12-31", "2024-12-31", actor="Other")
    assert not [r for r in raw if r["change"] == "sign"]
    assert {tuple(r["pair"]) for r in raw} == {("movement", "other"), ("other", "regime")}


def _compiled(folder):
    path = folder / "toy.trig"
    path.write_text(compile_dataset(folder / "toy.yaml").serialize(format="trig"), encoding="utf-8")
    return path


def test_diff_on_the_bundled_graph_files_the_regime_under_the_taliban(kg):
    from actorgraph.analysis.history import diff

    rows = diff(kg, "2021-12-31", "2026-03-15", actor="Pakistan", roll_up=True)
    assert all("pakistan" in r["pair"] for r in rows)
    war = [r for r in rows if r["predicate"] == "atWarWith"]
    assert war and all(r["pair"] == ["pakistan", "taliban"] for r in war)


def test_centrality_leaves_out_institutes_and_authors_unless_asked(kg):
    from actorgraph.analysis.measures import centrality

    ranked = {r["actor"] for r in centrality(kg, "degree")}
    assert "pakistan" in ranked and not ranked & {"ifri", "ifri-center-for-asian-studies", "isabelle-saint-mezard"}
    every = {r["actor"] for r in centrality(kg, "degree", all_actors=True)}
    assert {"ifri-center-for-asian-studies", "isabelle-saint-mezard"} <= every


def test_relations_roll_up_on_the_command_line(cli_json):
    plain = cli_json("relations", "--actor", "Pakistan", "--with", "Taliban")
    rolled = cli_json("relations", "--actor", "Pakistan", "--with", "Taliban", "--roll-up")
    # the movement itself: ties, the 2021 optimism, and its view of the TTP as a lever of pressure on Pakistan
    assert {r["predicate"] for r in plain} == {"closeTiesWith", "positiveViewOf", "pressures"}
    found = {(r["subject"], r["predicate"], r["object"]) for r in rolled}
    assert {("pakistan", "atWarWith", "taliban-regime"), ("pakistani-air-force", "attacks", "taliban-army"),
            ("pakistan", "closeTiesWith", "taliban")} <= found
    assert {r["id"] for r in plain} < {r["id"] for r in rolled}


def test_query_relationship_history_roll_up(cli_json):
    rows = cli_json("query", "relationship-history", "-p", "a=Pakistan", "-p", "b=Taliban", "--roll-up")
    subjects = {r["subjectLabel"] for r in rows}
    assert {"Pakistani Air Force", "Pakistan", "Taliban regime"} <= subjects
    starts = [r["start"] for r in rows if r["start"]]
    assert starts == sorted(starts) and starts[-1] == "2026-02-27"
    assert len({r["statement"] for r in rows}) == len(rows)


def test_timeline_and_analyses_take_the_side_options(cli, cli_json):
    rows = cli_json("timeline", "--actor", "Pakistan", "--roll-up", "--since", "2026-02", "--until", "2026-02")
    assert any("Pakistani Air Force" in r["label"] for r in rows)
    assert cli_json("analyze", "communities", "--no-roll-up", "--all-actors")
    code, out, err = cli("analyze", "blocs", "--as-of", "2026-03-15", "--no-roll-up", "--format", "json")
    assert code == 0 and "members" in out
    code, out, err = cli("diff", "2021-12-31", "2026-03-15", "--actor", "Pakistan", "--roll-up", "--format", "json")
    assert code == 0 and '"taliban"' in out


def test_roll_up_of_free_sparql_is_a_one_line_error(cli):
    code, out, err = cli("query", "SELECT ?s WHERE { ?s a ag:State }", "--roll-up")
    assert code == 1 and err == "Error: --roll-up works with named queries (their actor parameters are widened to sides)\n"


def test_diff_reports_the_handover_on_the_bundled_graph(cli_json):
    """Pakistan's 2021 optimism about the movement, then war with the regime it controls: one pair of sides."""
    rows = cli_json("diff", "2021-12-31", "2026-03-15", "--actor", "Pakistan", "--roll-up")
    flips = [r for r in rows if r["pair"] == ["pakistan", "taliban"] and r["change"] == "sign"]
    assert [(r["before"], r["after"]) for r in flips] == [("friendly", "hostile")]
    # without roll-up the movement and the regime are two pairs, and no single pair flips
    raw = cli_json("diff", "2021-12-31", "2026-03-15", "--actor", "Pakistan")
    assert not [r for r in raw if r["change"] == "sign" and r["pair"] == ["pakistan", "taliban"]]
