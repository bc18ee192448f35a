"""dedupe on dataset-shaped names: country-qualified and period-qualified actors are distinct; real duplicates found."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import actorgraph
from actorgraph.ingest.dedupe import duplicates, similarity
from actorgraph.ingest.importers import import_file
from actorgraph.write import workspace as W

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = W.init(tmp_path_factory.mktemp("tpl") / "fresh.trig").path
    for f in ("acled-current.csv", "acled-2020.csv", "ged-sample.csv"):
        import_file(path, DATA / f, create_actors=True)
    return path


@pytest.fixture
def ws(tmp_path, template):
    path = tmp_path / "ws.trig"
    shutil.copy(template, path)
    return W.Workspace(path)


def pairs(found):
    return {frozenset((c.a_label, c.b_label)): c for c in found}


def test_country_and_period_qualified_actors_are_not_duplicates(ws):
    found = pairs(duplicates(actorgraph.load(ws.path), threshold=0.5))
    for a, b in [("Civilians (Afghanistan)", "Civilians (Pakistan)"),
                 ("Unidentified Armed Group (Afghanistan)", "Unidentified Armed Group (Pakistan)"),
                 ("Military Forces of Afghanistan (2004-2021)", "Military Forces of Afghanistan (2021-)")]:
        assert frozenset((a, b)) not in found, (a, b)


def test_real_duplicates_are_found(tmp_path):
    # what an import that did not know ACLED's conventions left behind, in a fresh workspace
    ws = W.init(tmp_path / "plain.trig")
    W.add_actor(ws, "TTP: Tehreek-i-Taliban Pakistan", "NonStateArmedGroup")
    W.add_actor(ws, "Taleban", "NonStateArmedGroup")
    W.add_actor(ws, "Tehreek-i-Taliban Pakistan (TTP)", "NonStateArmedGroup")
    found = pairs(duplicates(actorgraph.load(ws.path)))
    ttp = found[frozenset(("TTP: Tehreek-i-Taliban Pakistan", "Tehrik-i-Taliban Pakistan"))]
    assert ttp.score >= 0.9
    assert found[frozenset(("Taleban", "Taliban"))].score >= 0.85
    assert frozenset(("Tehreek-i-Taliban Pakistan (TTP)", "Tehrik-i-Taliban Pakistan")) in found


def test_similarity_keeps_whole_word_differences_apart():
    assert similarity("Indian government", "Iranian government") < 0.85
    assert similarity("Jaish ul-Adl", "Jaish al-Adl") == 0.95
    assert similarity("Pakistan", "Afghanistan") < 0.85


def test_cli_dedupe_json(ws, cli_json):
    W.add_actor(ws, "Taleban", "NonStateArmedGroup")
    rows = cli_json("--graph", str(ws.path), "dedupe")
    assert any({r["a"], r["b"]} == {"taleban", "taliban"} for r in rows)
    assert not any("civilians" in r["a"] and "civilians" in r["b"] for r in rows)
