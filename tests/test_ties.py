"""The tie model and the time of knowledge on the bundled graph (issue 20, Done when).

Each case is the answer the letter supports, asked as an analyst would
(``actorgraph ties … --format json``) under the default rule, with the
statements the answer gives as its ``because``.
"""

from __future__ import annotations

import json

import pytest

from actorgraph.analysis.ties import STRONG, read_pair, ties
from actorgraph.model.reads import relations

CONTRACT = {"pair", "labels", "sign", "score", "because", "undated"}


def _one(cli_json, as_of, actor, with_):
    rows = cli_json("ties", "--as-of", as_of, "--actor", actor, "--with", with_)
    assert len(rows) == 1, rows
    row = rows[0]
    assert CONTRACT <= set(row)
    assert row["because"], "every answer lists its because"
    assert row["undated"] == sum(1 for e in row["evidence"] if e["undated"])
    assert [e["statement"] for e in row["evidence"]] == row["because"]
    weights = [abs(e["weight"]) for e in row["evidence"]]
    assert weights == sorted(weights, reverse=True), "because: strongest first"
    return row


def test_pakistan_taliban_friendly_at_the_end_of_2021(cli_json):
    row = _one(cli_json, "2021-12-31", "Pakistan", "Taliban")
    assert row["sign"] == "friendly"
    assert row["evidence"][0]["predicate"] == "closeTiesWith"  # "has historically maintained the closest ties"
    # the tensions that "since" deteriorated the relationship are not yet known then
    assert "tensionsWith" not in {e["predicate"] for e in row["evidence"]}


def test_pakistan_taliban_hostile_by_the_letter(cli_json):
    row = _one(cli_json, "2026-03-31", "Pakistan", "Taliban")
    assert row["sign"] == "hostile" and row["score"] < 0
    assert row["evidence"][0]["predicate"] == "atWarWith"
    assert "positiveViewOf" not in {e["predicate"] for e in row["evidence"]}  # ended by the letter's date


def test_india_taliban_never_hostile_by_the_letter(cli_json):
    row = _one(cli_json, "2026-03-31", "India", "Taliban")
    assert row["sign"] in ("friendly", "mixed")
    kinds = {e["predicate"] for e in row["evidence"]}
    assert {"rapprochementWith", "negativeViewOf"} <= kinds  # the view weighs less than the rapprochement
    assert row["evidence"][0]["predicate"] == "rapprochementWith"


def test_us_pakistan_friendly_and_india_pakistan_hostile(cli_json):
    assert _one(cli_json, "2026-03-31", "United States", "Pakistan")["sign"] == "friendly"
    assert _one(cli_json, "2026-03-31", "India", "Pakistan")["sign"] == "hostile"


def test_nothing_involving_the_taliban_regime_is_active_in_june_2008(kg, cli_json):
    for rule in ("known", "possible"):
        assert relations(kg, actor="Taliban regime", as_of="2008-06-30", rule=rule) == []
        assert relations(kg, actor="Taliban army", as_of="2008-06-30", rule=rule) == []
    rows = cli_json("ties", "--as-of", "2008-06-30", "--no-roll-up", "--actor", "Taliban regime")
    assert rows == []
    # rolled up, the Taliban of 2008 is the movement alone; its one tie with Pakistan is the historical one
    row = _one(cli_json, "2008-06-30", "Pakistan", "Taliban")
    assert row["sign"] == "friendly" and [e["predicate"] for e in row["evidence"]] == ["closeTiesWith"]
    # no Trump-era support in 2008: undated statements hold at the letter's date, nothing before
    assert cli_json("ties", "--as-of", "2008-06-30", "--actor", "United States", "--with", "Pakistan") == []


def test_the_ended_positive_view_is_not_active_by_the_letter(kg):
    for rule in ("known", "possible"):
        assert not [r for r in relations(kg, type="positiveViewOf", as_of="2026-03-31", rule=rule)]
    # it was active in the summer of 2021, when the text dates it
    assert [r.predicate for r in relations(kg, type="positiveViewOf", as_of="2021-08-31")] == ["positiveViewOf"]


def test_the_old_rule_name_is_an_alias_and_possible_differs(cli_json, cli):
    assert cli_json("ties", "--as-of", "2021-12-31", "--actor", "Pakistan", "--with", "Taliban", "--rule", "certain") == \
        cli_json("ties", "--as-of", "2021-12-31", "--actor", "Pakistan", "--with", "Taliban", "--rule", "known")
    # under "possible", the deterioration "since" the summer of 2021 may already count at the end of 2021
    row = cli_json("ties", "--as-of", "2021-12-31", "--actor", "Pakistan", "--with", "Taliban", "--rule", "possible")[0]
    assert {"tensionsWith", "positiveViewOf"} <= {e["predicate"] for e in row["evidence"]}
    assert row["rule"] == "possible"
    code, _, err = cli("ties", "--rule", "maybe")
    assert code != 0 and "maybe" in err


def test_undated_statements_are_counted_and_said(cli):
    code, out, err = cli("ties", "--as-of", "2026-03-31", "--actor", "Pakistan", "--with", "Taliban")
    assert code == 0 and "hostile" in out
    assert "undated statement(s) counted at their source's date only" in err


def test_csv_and_table_name_the_same_pairs(cli):
    code, out, _ = cli("ties", "--as-of", "2026-03-31", "--actor", "Pakistan", "--format", "csv")
    header, *lines = out.strip().splitlines()
    assert header == "pair,labels,sign,score,because,undated,as_of,rule"
    assert any(line.startswith("pakistan | taliban,Pakistan | Taliban,hostile,") for line in lines)


def test_mixed_needs_strong_ties_of_both_signs(kg):
    rels = relations(kg, actor="Pakistan", with_="Taliban regime", as_of="2026-03-31")
    attack = next(r for r in rels if r.predicate == "attacks")
    war = next(r for r in rels if r.predicate == "atWarWith")
    tension = next(r for r in rels if r.predicate == "tensionsWith")
    strong_friend = {"attacks": -9.0, "atWarWith": -10.0, "tensionsWith": -4.0}
    assert read_pair([attack, war], attack.span.begin_latest, strong_friend)[0] == "hostile"
    # the same pair with an aid-like weight on the tensions: strong ties of both signs → mixed
    assert read_pair([attack, tension], attack.span.begin_latest, {"attacks": -9.0, "tensionsWith": STRONG})[0] == "mixed"
    assert read_pair([tension], attack.span.begin_latest, {"tensionsWith": 4.0})[0] == "friendly"


def test_library_and_cli_agree(kg, cli_json):
    found = ties(kg, "2026-03-31", actor="Pakistan")
    rows = cli_json("ties", "--as-of", "2026-03-31", "--actor", "Pakistan")
    assert [t.as_dict()["pair"] for t in found] == [r["pair"] for r in rows]
    assert json.loads(json.dumps([t.as_dict() for t in found])) == rows


@pytest.mark.parametrize("roll_up", [True, False])
def test_a_tie_inside_a_side_is_never_a_pair(kg, roll_up):
    for t in ties(kg, "2026-03-31", roll_up=roll_up):
        assert t.pair[0] != t.pair[1]
        assert t.sign in ("friendly", "hostile", "mixed")
