"""ACLED exports as downloaded: both generations, codes, actors as ACLED names them, derived relations, bad rows.

The samples in tests/data are synthetic rows shaped like ACLED's files
(acled-current.csv: the 2023+ columns, UTF-8 with a BOM, CRLF, quoted commas
in notes; acled-2020.csv: the older columns, ``9-May-20`` dates, numeric
inter codes; acled-cp1252.csv: an older Excel save in Windows-1252).
"""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
from pathlib import Path

import pytest
from rdflib import RDF, Literal, URIRef
from rdflib.namespace import XSD

import actorgraph
from actorgraph.core.errors import DateError, ImportProblems
from actorgraph.core.vocab import AG, AGD
from actorgraph.ingest.actor_names import parse_actor_name
from actorgraph.ingest.datasets.acled import acled_date_text, acled_day, acled_event_class
from actorgraph.ingest.importers import import_file

DATA = Path(__file__).resolve().parent / "data"
CURRENT, OLD, CP1252 = DATA / "acled-current.csv", DATA / "acled-2020.csv", DATA / "acled-cp1252.csv"
GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"


@pytest.fixture(scope="module")
def bundled_ws_template(tmp_path_factory) -> Path:
    from actorgraph.write import workspace

    return workspace.init(tmp_path_factory.mktemp("tpl") / "fresh.trig").path


@pytest.fixture
def fresh(tmp_path, bundled_ws_template):
    """A fresh workspace seeded with the bundled graph (the letter's actors)."""
    from actorgraph.write.workspace import Workspace

    path = tmp_path / "ws.trig"
    shutil.copy(bundled_ws_template, path)
    return Workspace(path)


@pytest.fixture
def imported(fresh):
    for f in (CURRENT, OLD, CP1252):
        import_file(fresh, f, create_actors=True)
    return fresh, actorgraph.load(fresh.path)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def actor_by_label(kg, label):
    return next(a for a in actorgraph.actors(kg) if a.label == label)


# -- the samples are what they claim to be ----------------------------------------
def test_samples_are_shaped_like_the_exports():
    raw = CURRENT.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    header = next(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(header) == 31 and header[-2:] == ["tags", "timestamp"]
    old_header = next(csv.reader(io.StringIO(OLD.read_text("utf-8"))))
    assert len(old_header) == 31 and {"data_id", "event_id_no_cnty", "iso3"} <= set(old_header)
    with pytest.raises(UnicodeDecodeError):
        CP1252.read_bytes().decode("utf-8")
    assert any('"' in line and "," in line.split('"')[1] for line in raw.decode("utf-8-sig").splitlines()[1:])


# -- a fresh workspace imports both generations unmodified ---------------------------
def test_both_generations_import_and_resolve_to_the_letters_actors(imported):
    ws, kg = imported
    assert actorgraph.write.validate.validate(kg) == []
    events = {e.id: e for e in actorgraph.events(kg)}
    clash = events["event/acled-pak99001"]
    assert clash.type == "ArmedClash" and clash.agents == ["ttp"]
    assert set(clash.targets) == {"pakistani-military", "police-forces-of-pakistan-2018"}
    assert events["event/acled-afg99006"].agents == ["nato"]
    assert events["event/acled-afg98003"].agents == ["taliban"]
    assert "nato" in events["event/acled-afg98003"].targets
    ttp = actor_by_label(kg, "Tehrik-i-Taliban Pakistan")
    assert "TTP: Tehreek-i-Taliban Pakistan" in ttp.aliases  # ACLED's spelling becomes an alias
    assert "Military Forces of Pakistan (2018-)" in actor_by_label(kg, "Pakistani military").aliases
    assert "NATO: North Atlantic Treaty Organization" in actor_by_label(kg, "North Atlantic Treaty Organization").aliases


def test_actor_classes_follow_inter_codes_and_country_qualifiers(imported):
    _, kg = imported
    types = {a.label: a.type for a in actorgraph.actors(kg)}
    assert types["Civilians (Pakistan)"] == "Civilians" and types["Civilians (Afghanistan)"] == "Civilians"
    assert types["Unidentified Armed Group (Pakistan)"] == "PoliticalMilitia"  # inter 3
    assert types["Unidentified Armed Group (Afghanistan)"] == "PoliticalMilitia"
    assert types["Protesters (Pakistan)"] == "Protesters"  # inter 6
    assert types["Police Forces of Pakistan (2018-)"] == "StateInstitution"  # inter 1
    assert types["Military Forces of Afghanistan (2021-)"] == "StateInstitution"
    assert types["Military Forces of Afghanistan (2004-2021)"] == "StateInstitution"  # another period: another actor
    assert types["Journalists (Pakistan)"] == "PopulationGroup"  # associated, collective
    assert types["Farmers (Pakistan)"] == "PopulationGroup"
    assert types["Pakistan Tehreek-i-Insaf"] == "Actor"  # a party: not an armed group
    assert not [label for label, t in types.items() if t == "NonStateArmedGroup" and "(" in label]


def test_state_forces_are_part_of_their_state_with_the_period(imported):
    _, kg = imported
    part_of = {(r.subject, r.object): r for r in actorgraph.relations(kg, type="partOf")}
    police = part_of[("police-forces-of-pakistan-2018", "pakistan")]
    assert police.start == "2018" and police.end is None and police.source == "source/acled"
    assert part_of[("pakistani-military", "pakistan")].source  # the letter's, still there
    assert any(s == "pakistani-military" and r.start == "2018" for (s, _), r in part_of.items())


def test_dates_follow_time_precision(imported):
    _, kg = imported
    events = {e.id: e for e in actorgraph.events(kg)}
    assert events["event/acled-pak99001"].date == "2024-03-02"  # 1: the day
    assert events["event/acled-pak99002"].date == "2024-03-06/2024-03-12"  # 2: the week around it
    assert events["event/acled-pak99003"].date == "2024-03"  # 3: the month only
    assert events["event/acled-pak98001"].date == "2020-05-09"  # "9-May-20"
    assert events["event/acled-pak98002"].date == "2020-05-09/2020-05-15"  # "12 May 2020", week
    ds = kg.dataset
    assert ds.value(AGD["event/acled-pak99003"], AG.datePrecision) == AG.MonthPrecision


def test_places_have_wgs84_coordinates_and_admin_areas(imported):
    _, kg = imported
    ds = kg.dataset
    event = AGD["event/acled-pak99001"]
    place = ds.value(event, AG.place)
    assert str(ds.value(place, URIRef(GEO + "lat"))) == "32.9999"
    assert ds.value(place, URIRef(GEO + "long")) == Literal("70.2999", datatype=XSD.decimal)
    assert ds.value(event, AG.locationPrecision) == AG.NearLocation  # geo_precision 2
    chain, node = [], place
    while node is not None:
        chain.append(str(ds.value(node, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))))
        node = ds.value(node, AG.locatedIn)
    assert chain == ["Mir Ali", "North Waziristan", "Khyber Pakhtunkhwa", "Pakistan"]
    assert (ds.value(place, AG.locatedIn), RDF.type, AG.District) in ds


def test_fatalities_quote_and_cited_sources(imported):
    _, kg = imported
    figures = {q.id: q for q in actorgraph.quantities(kg)}
    fat = figures["quantity/acled-pak99002-fatalities"]
    assert fat.value == 5 and fat.unit == "fatalities"
    event = AGD["event/acled-pak99001"]
    assert str(kg.dataset.value(event, AG.citedSources)) == "Example Daily; Example Wire"
    assert "town A, district B" in str(kg.dataset.value(event, AG.quote))  # the quoted commas survive


def test_derived_relations_cite_the_event_and_carry_the_rule(imported):
    _, kg = imported
    ds = kg.dataset
    rels = [r for r in actorgraph.relations(kg, actor="TTP") if r.predicate == "armedConflictWith"]
    pairs = {(r.subject, r.object, r.start) for r in rels}
    assert ("pakistani-military", "ttp", "2024-03-02") in pairs
    assert ("pakistani-military", "ttp", "2020-05-09") in pairs
    st = next(URIRef(str(AGD) + r.id) for r in rels if r.start == "2024-03-02")
    assert ds.value(st, AG.evidencedBy) == AGD["event/acled-pak99001"]
    assert ds.value(st, AG.derivationRule) == AG.AcledOpposedActorsRule
    assert str(ds.value(st, AG.end)) == "2024-03-02"  # evidence of that day, not of an open-ended war
    along = [r for r in actorgraph.relations(kg, type="foughtAlongside") if r.source == "source/acled"]
    assert {(r.subject, r.object) for r in along} >= {("pakistani-military", "police-forces-of-pakistan-2018")}
    # no alliance among civilians and the journalists associated with them
    assert not [r for r in actorgraph.relations(kg, actor="Civilians (Pakistan)") if r.polarity == "friendly"]


def test_reimport_is_idempotent_and_updated_rows_replace_their_event(fresh, tmp_path):
    import_file(fresh, CURRENT, create_actors=True)
    digest = sha(fresh.path)
    again = import_file(fresh, CURRENT)
    assert again.counts["triples added"] == 0 and again.unchanged_rows == 7
    assert sha(fresh.path) == digest
    text = CURRENT.read_bytes().decode("utf-8-sig").replace("exchanged fire near Mir Ali", "fought for hours near Mir Ali")
    text = text.replace(",3,,1710000000", ",4,,1710009999")
    updated = tmp_path / "acled-updated.csv"
    updated.write_text(text, encoding="utf-8", newline="")
    report = import_file(fresh, updated)
    assert report.counts["triples removed"] > 0
    kg = actorgraph.load(fresh.path)
    assert actorgraph.write.validate.validate(kg) == []
    event = AGD["event/acled-pak99001"]
    assert [str(q) for q in kg.dataset.objects(event, AG.quote)] == [
        next(r for r in csv.DictReader(io.StringIO(text)) if r["event_id_cnty"] == "PAK99001")["notes"]]
    fat = {q.id: q for q in actorgraph.quantities(kg)}["quantity/acled-pak99001-fatalities"]
    assert fat.value == 4
    derived = [r for r in actorgraph.relations(kg, actor="TTP") if r.start == "2024-03-02"]
    assert len(derived) == 1 and "fought for hours" in derived[0].quote


# -- bad input ------------------------------------------------------------------------
BAD_ROWS = {
    "impossible date": ("2024-03-02", "2021-02-30", "event_date: impossible date '2021-02-30': day is out of range for month"),
    "latitude": ("32.9999", "95.5", "latitude: 95.5 is out of range (-90 to 90)"),
    "event type": ("Battles,Armed clash", "Fights,Armed clash", "event_type: unknown ACLED event type 'Fights'"),
}


def bad_copy(tmp_path: Path) -> Path:
    lines = CURRENT.read_bytes().decode("utf-8-sig").split("\r\n")
    lines[1] = lines[1].replace("2024-03-02", "2021-02-30").replace(",2024,", ",2021,")  # row 2: impossible date
    lines[2] = lines[2].replace("32.9,69.9", "95.5,69.9")  # row 3: latitude out of range
    lines[4] = lines[4].replace("Political violence,Battles,Armed clash", "Political violence,Fights,Armed clash")
    path = tmp_path / "acled-bad.csv"
    path.write_bytes("\r\n".join(lines).encode("utf-8"))
    return path


def test_bad_rows_are_reported_file_line_column_and_nothing_is_written(fresh, tmp_path):
    path = bad_copy(tmp_path)
    digest = sha(fresh.path)
    with pytest.raises(ImportProblems) as info:
        import_file(fresh, path, create_actors=True)
    assert sha(fresh.path) == digest
    assert info.value.problems == [
        f"{path}:2: event_date: impossible date '2021-02-30': day is out of range for month",
        f"{path}:3: latitude: 95.5 is out of range (-90 to 90)",
        f"{path}:5: event_type: unknown ACLED event type 'Fights' (expected one of: Battles, Explosions/remote "
        "violence, Violence against civilians, Protests, Riots, Strategic developments)",
    ]


def test_skip_bad_imports_the_rest_and_writes_rejected_rows_verbatim(fresh, tmp_path, cli):
    path = bad_copy(tmp_path)
    out = tmp_path / "rejected.csv"
    code, stdout, stderr = cli("--graph", str(fresh.path), "import", str(path), "--create-actors", "--skip-bad",
                               "--rejected", str(out))
    assert code == 0, stderr
    assert f"{path}:3: latitude: 95.5 is out of range (-90 to 90)" in stderr
    assert f"3 row(s) rejected; written to {out}" in stderr
    assert "4 acled row(s)" in stdout or "7 acled row(s)" in stdout
    raw = out.read_bytes()
    assert raw.count(b"\r\n") == 4  # header + 3 rows, CRLF as in the input
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    assert [r["event_id_cnty"] for r in rows] == ["PAK99001", "PAK99002", "AFG99004"]
    kg = actorgraph.load(fresh.path)
    ids = {e.id for e in actorgraph.events(kg)}
    assert "event/acled-pak99003" in ids and "event/acled-pak99001" not in ids
    # the rejected rows, once fixed, import on their own
    fixed = tmp_path / "fixed.csv"
    fixed.write_bytes(raw.replace(b"2021-02-30", b"2024-03-02").replace(b",2021,", b",2024,")
                      .replace(b"95.5,", b"32.9,").replace(b",Fights,", b",Battles,"))
    assert import_file(fresh, fixed, create_actors=True).counts["events"] == 3


def test_unknown_columns_warn_once_and_cp1252_is_read(fresh, tmp_path, cli):
    text = CURRENT.read_bytes().decode("utf-8-sig").split("\r\n")
    text = [line + (",extra_note" if i == 0 else ",x") if line else line for i, line in enumerate(text)]
    path = tmp_path / "acled-extra.csv"
    path.write_text("\r\n".join(text), encoding="utf-8", newline="")
    code, _, stderr = cli("--graph", str(fresh.path), "import", str(path), "--create-actors")
    assert code == 0
    assert stderr.count("extra_note") == 1 and f"warning: {path}:1: extra_note: unknown acled column, ignored" in stderr
    report = import_file(fresh, CP1252, create_actors=True)
    assert report.warnings == [f"{CP1252}:1: encoding: not UTF-8; read as Windows-1252 (ACLED's older Excel saves)"]
    kg = actorgraph.load(fresh.path)
    assert "café owner’s shop" in str(kg.dataset.value(AGD["event/acled-pak98101"], AG.quote))


def test_undecodable_file_is_refused_in_one_line(fresh, tmp_path, cli):
    path = tmp_path / "acled-broken.csv"
    path.write_bytes(OLD.read_bytes().replace(b"synthetic test row", b"synthetic \x81 row"))
    code, _, stderr = cli("--graph", str(fresh.path), "import", str(path))
    assert code != 0
    assert stderr.splitlines()[0] == (f"{path}:2: encoding: neither UTF-8 nor Windows-1252 (byte 0x81); "
                                      "save the file as UTF-8")
    assert "Traceback" not in stderr


def test_unknown_actor_without_create_actors_and_the_report(fresh, cli):
    code, _, stderr = cli("--graph", str(fresh.path), "import", str(CURRENT))
    assert code != 0
    assert f"{CURRENT}:4: actor1: unknown actor 'Unidentified Armed Group (Pakistan)' (or import with --create-actors)" in stderr
    code, out, err = cli("--graph", str(fresh.path), "import", str(CURRENT), "--create-actors", "--report")
    assert code == 0, err
    assert "  TTP: Tehreek-i-Taliban Pakistan -> Tehrik-i-Taliban Pakistan" in out
    assert "  Military Forces of Pakistan (2018-) -> Pakistani military" in out
    assert "  NATO: North Atlantic Treaty Organization -> North Atlantic Treaty Organization" in out
    assert "  Civilians (Afghanistan)" in out.split("created:")[1]


def test_json_report_lists_matches_and_creations(fresh, cli_json):
    report = cli_json("--graph", str(fresh.path), "import", str(OLD), "--create-actors")
    assert report["kind"] == "acled" and report["events"] == 3
    matched = {m["name"]: m["actor"] for m in report["report"]["matched"]}
    assert matched["NATO: North Atlantic Treaty Organization"] == "North Atlantic Treaty Organization"
    assert matched["Taliban"] == "Taliban"
    assert [c["name"] for c in report["report"]["created"]] == ["Military Forces of Afghanistan (2004-2021)",
                                                                  "Unidentified Armed Group (Pakistan)"]
    assert report["report"]["derived_statements"] >= 3


def test_roll_up_shows_acled_battles_next_to_the_letter(imported, cli):
    ws, _ = imported
    code, out, err = cli("--graph", str(ws.path), "relations", "--actor", "TTP", "--roll-up", "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    by_source = {}
    for r in rows:
        by_source.setdefault(r["source"], []).append(r)
    assert any(s.startswith("source/ifri") for s in by_source)
    battles = {(r["subject"], r["object"], r["start"]) for r in by_source["source/acled"]
               if r["predicate"] == "armedConflictWith"}
    assert ("pakistani-military", "ttp", "2024-03-02") in battles
    # the state's side: its military (the letter's) and ACLED's police forces, part of Pakistan since 2018
    code, out, err = cli("--graph", str(ws.path), "relations", "--actor", "Pakistan", "--with", "TTP", "--roll-up",
                         "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    acled = {(r["subject"], r["object"]) for r in rows if r["source"] == "source/acled"}
    assert ("pakistani-military", "ttp") in acled
    assert any(r["source"].startswith("source/ifri") for r in rows)


def test_audit_leaves_dataset_derived_statements_to_their_rules(imported):
    from actorgraph.write.audit import audit

    _, kg = imported
    assert audit(kg) == []  # the letter's statements pass; derived ones are checked by the importer


# -- units ------------------------------------------------------------------------------
def test_dates_codes_and_names():
    assert acled_day("9-May-20").isoformat() == "2020-05-09"
    assert acled_day("09 May 2020").isoformat() == "2020-05-09"
    assert acled_day("9-May-97").year == 1997
    assert acled_day("09-05-2020").isoformat() == "2020-05-09"  # day-month-year, as ACLED's codebook
    with pytest.raises(DateError, match="malformed date '2020/05/09'"):
        acled_day("2020/05/09")
    with pytest.raises(ValueError, match="unknown time precision '4'"):
        acled_date_text(acled_day("2020-05-09"), "4")
    assert acled_event_class("Protests", "Excessive force against protestors") == AG.ExcessiveForceAgainstProtesters
    with pytest.raises(KeyError, match="is a sub-event type of 'Battles'"):
        acled_event_class("Riots", "Armed clash")
    name = parse_actor_name("Police Forces of Pakistan (2013-2018) Counter Terrorism Department")
    assert name.period == "2013/2018" and name.forces_of == ("police", "Pakistan")
    assert parse_actor_name("JUI-F: Jamiat Ulema-e-Islam (Fazl)").parts == ("Jamiat Ulema-e-Islam (Fazl)", "JUI-F")


def test_short_row_and_header_only(fresh, tmp_path):
    lines = CURRENT.read_bytes().decode("utf-8-sig").split("\r\n")
    lines[3] = ",".join(lines[3].split(",")[:10])  # a truncated row (row 4)
    path = tmp_path / "acled-short.csv"
    path.write_text("\r\n".join(lines), encoding="utf-8", newline="")
    out = tmp_path / "rej.csv"
    report = import_file(fresh, path, create_actors=True, skip_bad=True, rejected_path=out)
    assert report.rejected_rows == 1 and report.rejected_problems == [f"{path}:4: row: 10 fields, but the header has 31"]
    assert out.read_text("utf-8").splitlines()[1] == lines[3]
    empty = tmp_path / "acled-empty.csv"
    empty.write_text(lines[0] + "\r\n", encoding="utf-8", newline="")
    with pytest.raises(ImportProblems) as info:
        import_file(fresh, empty)
    assert info.value.problems == [f"{empty}:2: file: no rows under the header: nothing to import"]
