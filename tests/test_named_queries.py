"""Named queries that say what they mean: direction, symmetric evidence, status, timeline order."""

from __future__ import annotations

from actorgraph.analysis.history import timeline
from actorgraph.model.queries import query
from actorgraph.model.reads import relations


def _text(rows):
    return [{k: None if v is None else str(v) for k, v in r.items()} for r in rows]


def test_hostile_to_says_who_did_what_to_whom(kg):
    rows = _text(query(kg, "hostile-to", {"actor": "Pakistan", "asof": "2026-03-15"}))
    found = {(r["direction"], r["who"], r["relation"], r["whom"]) for r in rows}
    assert ("by", "Pakistan", "attacks", "Taliban regime") in found
    assert ("against", "Taliban regime", "attacks", "Pakistan") in found
    assert ("against", "Tehrik-i-Taliban Pakistan", "attacks", "Pakistan") in found
    assert ("mutual", "Pakistan", "at war with", "Taliban regime") in found
    for r in rows:  # the direction agrees with the ends
        if r["direction"] == "by":
            assert r["who"] == "Pakistan" and r["whom"] == r["label"]
        if r["direction"] == "against":
            assert r["whom"] == "Pakistan" and r["who"] == r["label"]


def test_evidence_finds_a_symmetric_relation_in_either_order(kg):
    forward = _text(query(kg, "evidence", {"subject": "Pakistan", "relation": "atWarWith", "object": "Kabul"}))
    backward = _text(query(kg, "evidence", {"subject": "Kabul", "relation": "atWarWith", "object": "Pakistan"}))
    assert forward == backward and [r["start"] for r in backward] == ["2026-02-27"]
    assert "open war" in backward[0]["quote"]
    # a directed relation keeps its direction: only the regime's own attacks (undated: the text dates
    # only their intensification), not Pakistan's (2025-10)
    attacks = _text(query(kg, "evidence", {"subject": "Kabul", "relation": "attacks", "object": "Pakistan"}))
    assert [r["start"] for r in attacks] == [None]
    assert "Afghanistan intensified ground assaults" in attacks[0]["quote"]


def test_relations_by_polarity_leaves_out_potential_and_shows_status(kg):
    rows = _text(query(kg, "relations-by-polarity", {"polarity": "hostile"}))
    statements = {r["statement"].rsplit("/", 1)[-1] for r in rows}
    potential = {r.id.rsplit("/", 1)[-1] for r in relations(kg, polarity="hostile")
                 if r.hypothetical}
    assert potential and not potential & statements
    war = next(r for r in rows if r["relation"] == "at war with")
    assert war["status"] == "ongoing"
    assert "status" in rows[0]


def test_timeline_lists_began_before_ended_on_one_date(kg):
    rows = timeline(kg, actor="India", since="2025-05", until="2025-05")
    conflict = [r["kind"] for r in rows if r["type"] == "armedConflictWith"]
    assert conflict == ["began", "ended"]
    kinds = [r["kind"] for r in rows if r["date"] == "2025-05"]
    assert kinds == sorted(kinds, key=["began", "event", "ended"].index)
