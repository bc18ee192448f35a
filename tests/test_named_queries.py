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
    # a directed relation keeps its direction: only the regime's own attacks (the text dates only their
    # intensification, in February-March 2026: under way by February 2026), not Pakistan's (2025-10)
    attacks = _text(query(kg, "evidence", {"subject": "Kabul", "relation": "attacks", "object": "Pakistan"}))
    assert [r["start"] for r in attacks] == ["[..2026-02]"]
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


MEDIATIONS = """\
source: {id: talks, title: 'Talks world', date: '2024-06-30'}
actors:
  - {id: alpha, label: 'Alpha Republic', type: State}
  - {id: beta, label: 'Beta Front', type: NonStateArmedGroup}
  - {id: gamma, label: 'Gamma Kingdom', type: State}
  - {id: delta, label: 'Delta Union', type: State}
  - {id: eps, label: 'Epsilon League', type: State}
relations:
  - {subject: gamma, predicate: mediatesBetween, parties: [alpha, beta], status: Ended, quote: "The Kingdom's mediation between the Republic and the Front has ended."}
  - {subject: delta, predicate: mediatesBetween, parties: [alpha, beta], status: Ongoing, quote: 'The Union mediates between the Republic and the Front.'}
  - {subject: eps, predicate: mediatesBetween, parties: [alpha, beta], start: '2023', end: '2025', quote: 'The League mediated between the Republic and the Front from 2023 to 2025.'}
"""


def test_mediators_since_treats_ended_without_an_end_as_ended_by_the_source_date(tmp_path):
    """Ended, no end date: over by the source's date (2024-06-30): kept for a window from 2024-01-01, not from 2025-01-01."""
    import actorgraph
    from actorgraph.ingest.build import compile_dataset

    (tmp_path / "talks.yaml").write_text(MEDIATIONS, encoding="utf-8")
    path = tmp_path / "talks.trig"
    path.write_text(compile_dataset(tmp_path / "talks.yaml").serialize(format="trig"), encoding="utf-8")
    kg = actorgraph.load(path)

    def mediators(since):
        params = {"a": "Alpha Republic", "b": "Beta Front"} | ({"since": since} if since else {})
        return sorted(str(r["mediatorLabel"]) for r in query(kg, "mediators", params))

    assert mediators(None) == ["Delta Union", "Epsilon League", "Gamma Kingdom"]
    assert mediators("2024-01-01") == ["Delta Union", "Epsilon League", "Gamma Kingdom"]
    assert mediators("2025-01-01") == ["Delta Union", "Epsilon League"]
    assert mediators("2026-01-01") == ["Delta Union"]
