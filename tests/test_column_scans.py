"""Whole-column reads (graph.model.selectors.statement_columns) give exactly the records of per-statement lookups.

At 1M triples an as-of snapshot reads most statements, and Oxigraph answers
it several times faster with each property read as one column; the bundled
graph is far below the size where that kicks in, so the tests force it
(``COLUMN_SCAN_MIN = 0``) and compare with the ordinary read and with rdflib.
"""

from __future__ import annotations

import dataclasses

import pytest

import actorgraph
from actorgraph.analysis.measures import balance, blocs
from actorgraph.analysis.snapshot import conflict_warnings, signed_snapshot
from actorgraph.model import reads as model
from actorgraph.store.graph import bundled_graph_path
from actorgraph.store.oxigraph import bulk_load

pytest.importorskip("pyoxigraph")

DAYS = ["2026-03-15", "2021-08-20", "2010-06-30"]


@pytest.fixture(scope="module")
def ox_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("oxcolumns")
    bulk_load(bundled_graph_path(), directory)
    return directory


def _fresh(ox_dir):
    return actorgraph.load(f"oxigraph:{ox_dir}")


def _records(rels):
    return [dataclasses.asdict(r) for r in rels]


@pytest.mark.parametrize("as_of", DAYS)
def test_snapshot_read_as_columns_is_the_same(ox_dir, monkeypatch, as_of):
    day = actorgraph.parse_day(as_of)
    looked_up = _records(model.relations(_fresh(ox_dir), as_of=day, include_hypothetical=False, detail=False))
    monkeypatch.setattr(model, "COLUMN_SCAN_MIN", 0)
    kg = _fresh(ox_dir)
    scanned = _records(model.relations(kg, as_of=day, include_hypothetical=False, detail=False))
    assert scanned == looked_up
    assert len(scanned) > 50


def test_the_column_query_is_the_one_used(ox_dir, monkeypatch):
    seen = []
    kg = _fresh(ox_dir)
    real = kg.select_values

    def spy(text):
        seen.append(text)
        return real(text)

    monkeypatch.setattr(kg, "select_values", spy)
    monkeypatch.setattr(model, "COLUMN_SCAN_MIN", 0)
    model.relations(kg, as_of="2026-03-15", detail=False)
    assert any("{ SELECT ?st ?quote WHERE { ?st ag:quote ?quote } }" in q for q in seen)
    seen.clear()
    monkeypatch.setattr(model, "COLUMN_SCAN_MIN", 10**9)
    model.relations(_fresh(ox_dir), as_of="2026-03-15", detail=False)  # its own kg: no cache
    assert not any("SELECT ?st ?quote WHERE" in q for q in seen)


@pytest.mark.parametrize("window", [{"since": "2020"}, {"until": "2001"}, {"polarity": "neutral"},
                                    {"type": ["memberOf", "leaderOf"]}, {"since": "2015", "until": "2019"}])
def test_other_unselective_reads_as_columns(ox_dir, monkeypatch, window):
    looked_up = _records(model.relations(_fresh(ox_dir), detail=False, **window))
    monkeypatch.setattr(model, "COLUMN_SCAN_MIN", 0)
    assert _records(model.relations(_fresh(ox_dir), detail=False, **window)) == looked_up


@pytest.mark.parametrize("as_of", DAYS)
def test_blocs_balance_and_warnings_match_rdflib(ox_dir, monkeypatch, as_of):
    reference = actorgraph.load(bundled_graph_path())
    expected = (blocs(reference, as_of), balance(reference, as_of),
                conflict_warnings(signed_snapshot(reference, as_of, roll_up=True, all_actors=False)))
    monkeypatch.setattr(model, "COLUMN_SCAN_MIN", 0)
    kg = _fresh(ox_dir)
    got = (blocs(kg, as_of), balance(kg, as_of), conflict_warnings(signed_snapshot(kg, as_of, roll_up=True, all_actors=False)))
    assert got == expected


def test_snapshot_relations_are_read_on_first_use(ox_dir):
    kg = _fresh(ox_dir)
    snap = signed_snapshot(kg, "2026-03-15")
    every = snap.relations  # all polarities, read now
    assert {r.polarity for r in every} >= {"friendly", "hostile", "neutral"}
    signed_ids = {r.id for _, _, d in snap.signed.edges(data=True) for r in d["relations"]}
    assert signed_ids <= {r.id for r in every}
    assert snap.relations is every
