"""UCDP GED CSV (synthetic rows shaped like GEDEvent_v25_1.csv): events, date precision, death ranges, dyads."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from rdflib.namespace import XSD

import actorgraph
from actorgraph.core.errors import DateError, ImportProblems
from actorgraph.core.vocab import AG, AGD
from actorgraph.ingest.datasets.ucdp import GED_COLUMNS, ged_date_text
from actorgraph.ingest.importers import import_file

DATA = Path(__file__).resolve().parent / "data"
GED = DATA / "ged-sample.csv"


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    from actorgraph.write import workspace

    return workspace.init(tmp_path_factory.mktemp("tpl") / "fresh.trig").path


@pytest.fixture
def fresh(tmp_path, template):
    from actorgraph.write.workspace import Workspace

    path = tmp_path / "ws.trig"
    shutil.copy(template, path)
    return Workspace(path)


def test_sample_has_the_ged_columns():
    assert GED.read_text("utf-8").splitlines()[0].split(",") == GED_COLUMNS


def test_ged_rows_become_events_ranges_and_dyad_statements(fresh):
    report = import_file(fresh, GED, create_actors=True)
    assert report.kind == "ucdp-ged" and report.counts["events"] == 3 and report.counts["quantities"] == 3
    kg = actorgraph.load(fresh.path)
    assert actorgraph.write.validate.validate(kg) == []
    events = {e.id: e for e in actorgraph.events(kg)}
    clash = events["event/ucdp-ged-990001"]
    assert clash.type == "StateBasedViolence" and clash.date == "2020-05-09"  # time stamp dropped
    assert clash.agents == ["pakistan"] and clash.targets == ["ttp"]
    one_sided = events["event/ucdp-ged-990002"]
    assert one_sided.type == "OneSidedViolence" and one_sided.date == "2020-06"  # date_prec 4: the month only
    assert one_sided.targets == ["civilians-pakistan"]  # civilians of a country, as ACLED names them
    helmand = events["event/ucdp-ged-990003"]
    assert helmand.date == "2020-07-01/2020-07-03" and helmand.agents == ["government-of-afghanistan"]
    assert helmand.targets == ["taliban"]  # UCDP's "Taleban" is the letter's Taliban
    ds = kg.dataset
    q = AGD["quantity/ucdp-ged-990003-deaths"]
    assert [ds.value(q, p).toPython() for p in (AG.value, AG.minimum, AG.maximum)] == [10, 8, 12]
    assert ds.value(q, AG.minimum).datatype == XSD.decimal
    assert ds.value(AGD["event/ucdp-ged-990002"], AG.locationPrecision) == AG.AdminAreaLocation
    rels = {(r.subject, r.predicate, r.object): r for r in actorgraph.relations(kg) if r.source == "source/ucdp-ged"}
    assert ("pakistan", "armedConflictWith", "ttp") in rels
    attack = rels[("ttp", "attacks", "civilians-pakistan")]
    assert attack.start == "2020-06" and attack.quote == "Synthetic test headline: market attack"
    st = AGD[attack.id]
    assert ds.value(st, AG.derivationRule) == AG.UcdpDyadRule and ds.value(st, AG.evidencedBy) == AGD["event/ucdp-ged-990002"]
    assert import_file(fresh, GED).counts["triples added"] == 0


def test_bad_ged_rows(fresh, tmp_path):
    lines = GED.read_text("utf-8").splitlines()
    lines[1] = lines[1].replace(",5,7,4,", ",9,7,4,")  # best outside low-high
    lines[3] = lines[3].replace("2020-07-01,2020-07-03", "2020-07-03,2020-07-01")
    path = tmp_path / "ged-bad.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    digest = hashlib.sha256(fresh.path.read_bytes()).hexdigest()
    with pytest.raises(ImportProblems) as info:
        import_file(fresh, path, create_actors=True)
    assert info.value.problems == [
        f"{path}:2: best: 9 is outside low-high (4-7)",
        f"{path}:4: date_end: impossible dates: date_end '2020-07-01' is before date_start '2020-07-03'",
    ]
    assert hashlib.sha256(fresh.path.read_bytes()).hexdigest() == digest


def test_ged_dates_never_more_precise_than_date_prec():
    assert ged_date_text("2020-05-13", "2020-05-13", "3") == "2020-05-11/2020-05-17"  # the week
    assert ged_date_text("2020-05-13", "2020-05-13", "5") == "2020"
    with pytest.raises(DateError, match="impossible date '2020-02-30'"):
        ged_date_text("2020-02-30", "2020-02-30", "1")
    with pytest.raises(ValueError, match="unknown code '9'"):
        ged_date_text("2020-05-13", "2020-05-13", "9")
