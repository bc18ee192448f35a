"""Datasets read as their codebooks mean them (issue 23): roles, civilians, governments, names, places, quotes.

Synthetic samples shaped like the real files (tests/data): ``acled-afpak-2020.csv`` (the older
columns, numeric inter codes, Afghan and Pakistani rows of 2020), ``acled-2025.csv`` (the current
31 columns, inter names, BOM, CRLF; Somalia and Afghanistan), ``acled-api.json`` (the API's JSON
response), ``ged-headlines.csv`` (GED rows with empty and filled ``source_headline``, CRLF),
``acled-stray-byte.csv`` (one 0xFF byte in valid UTF-8) and ``acled-unclosed-quote.csv``.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from rdflib import RDF

import actorgraph
from actorgraph.analysis.sides import side_map
from actorgraph.core.errors import ImportProblems
from actorgraph.core.vocab import AG, AGD
from actorgraph.ingest.dedupe import duplicates, over_merges
from actorgraph.ingest.importers import import_file
from actorgraph.write.validate import dataset_record_statements, record_note, validate

DATA = Path(__file__).resolve().parent / "data"
AFPAK, CURRENT25, API = DATA / "acled-afpak-2020.csv", DATA / "acled-2025.csv", DATA / "acled-api.json"
GED = DATA / "ged-headlines.csv"
STRAY, UNCLOSED, CP1252 = DATA / "acled-stray-byte.csv", DATA / "acled-unclosed-quote.csv", DATA / "acled-cp1252.csv"
ALL_SAMPLES = [AFPAK, CURRENT25, API, DATA / "acled-current.csv", DATA / "acled-2020.csv", GED, DATA / "ged-sample.csv"]
NON_COMBATANTS = {"Civilians", "Protesters", "Rioters", "PopulationGroup"}


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


@pytest.fixture(scope="module")
def everything(tmp_path_factory, template):
    """A workspace with every sample imported (module-scoped: read-only tests)."""
    from actorgraph.write.workspace import Workspace

    path = tmp_path_factory.mktemp("all") / "ws.trig"
    shutil.copy(template, path)
    ws = Workspace(path)
    reports = {f.name: import_file(ws, f, create_actors=True) for f in ALL_SAMPLES}
    return ws, actorgraph.load(path), reports


def _types(kg) -> dict[str, str]:
    return {a.id: a.type for a in actorgraph.actors(kg)}


def _relations(kg, source=("source/acled", "source/ucdp-ged")):
    return [r for r in actorgraph.relations(kg) if r.source in source]


# -- civilians, protesters and rioters ------------------------------------------------
def test_no_civilian_protester_or_rioter_is_ever_a_party_to_armed_conflict_or_an_alliance(everything):
    _, kg, _ = everything
    types = _types(kg)
    rels = _relations(kg)
    assert rels, "the samples derive statements"
    for r in rels:
        if r.predicate in ("armedConflictWith", "foughtAlongside", "cooperatesWith"):
            assert types[r.subject] not in NON_COMBATANTS and types[r.object] not in NON_COMBATANTS, r
    # violence against civilians (and shelling that only hits them) is one-sided: attacks, civilians the victims
    attacks = {(r.subject, r.object, r.start) for r in rels if r.predicate == "attacks"}
    assert ("taliban", "civilians-afghanistan", "2020-01-18") in attacks  # AFG91005: rockets on homes
    assert ("iskp", "civilians-afghanistan", "2020-01-20") in attacks  # violence against civilians
    assert ("iskp", "hazara-ethnic-group-afghanistan", "2020-01-20") in attacks  # the victims' identity
    assert all(types[o] in NON_COMBATANTS for _, o, _ in attacks if o.startswith("civilians"))
    rule = {r.id: kg.dataset.value(AGD[r.id], AG.derivationRule) for r in rels if r.predicate == "attacks"
            and r.source == "source/acled"}
    assert set(rule.values()) == {AG.AcledOneSidedRule}


def test_associated_actors_are_allies_only_when_both_armed(everything):
    _, kg, _ = everything
    along = {frozenset((r.subject, r.object)) for r in _relations(kg) if r.predicate == "foughtAlongside"}
    # the US strike "in support of" Somali forces (assoc_actor_1): a joint action of two armed actors
    assert frozenset(("military-forces-of-the-united-states-2025", "military-forces-of-somalia-2022")) in along
    assert frozenset(("militia-pro-government", "police-forces-of-afghanistan-2014")) in along
    # the civilians and labourers hit by strikes on Al Shabaab are victims, never its allies
    assert not [p for p in along if "al-shabaab" in p]
    # AFG45354's case: the army attacked at a checkpoint by the Taliban is not the Taliban's ally
    assert frozenset(("military-forces-of-afghanistan-2014", "taliban")) not in along
    conflict = {frozenset((r.subject, r.object)) for r in _relations(kg) if r.predicate == "armedConflictWith"}
    assert frozenset(("military-forces-of-afghanistan-2014", "taliban")) in conflict
    assert not [p for p in conflict if p & {"protesters-afghanistan", "rioters-pakistan", "civilians-somalia"}]


# -- roles ----------------------------------------------------------------------------
def test_roles_are_distinct_properties_and_queryable(everything):
    _, kg, _ = everything
    ds = kg.dataset
    event = AGD["event/acled-afg91002"]  # police (actor1) with a pro-government militia (assoc_actor_1) vs the Taliban
    assert set(ds.objects(event, AG.actor1)) == {AGD["police-forces-of-afghanistan-2014"]}
    assert set(ds.objects(event, AG.associatedActor1)) == {AGD["militia-pro-government"]}
    assert set(ds.objects(event, AG.actor2)) == {AGD.taliban}
    assert set(ds.objects(event, AG.agent)) == {AGD["police-forces-of-afghanistan-2014"]}  # main actors only
    ged = AGD["event/ucdp-ged-990101"]
    assert ds.value(ged, AG.sideA) == AGD["government-of-afghanistan"] and ds.value(ged, AG.sideB) == AGD.taliban
    # the Taliban: actor1/actor2 (or GED side) vs associated (the Red Unit row names it as the unit's whole, not here)
    as_actor = {e.id for e in actorgraph.events(kg, actor="Taliban", role="actor")}
    as_any = {e.id for e in actorgraph.events(kg, actor="Taliban")}
    assert "event/acled-afg91002" in as_actor and "event/ucdp-ged-990101" in as_actor
    civilians_any = {e.id for e in actorgraph.events(kg, actor="Civilians (Afghanistan)")}
    civilians_assoc = {e.id for e in actorgraph.events(kg, actor="Civilians (Afghanistan)", role="associated")}
    civilians_main = {e.id for e in actorgraph.events(kg, actor="Civilians (Afghanistan)", role="actor")}
    assert civilians_assoc == {"event/acled-afg91001"}  # hit by the strike on the Taliban: associated
    assert "event/acled-afg91001" not in civilians_main and civilians_main | civilians_assoc == civilians_any
    assert as_actor <= as_any
    # the same question in SPARQL, on the role properties the ontology declares
    rows = kg.select("SELECT DISTINCT ?ev WHERE { ?ev ag:actor1|ag:actor2 ?who }", who=AGD.taliban)
    assert {str(r["ev"]).rsplit("/", 1)[-1] for r in rows} == {
        e.removeprefix("event/") for e in as_actor if e.startswith("event/acled-")}
    with pytest.raises(ValueError, match="unknown role 'victim'"):
        actorgraph.events(kg, actor="Taliban", role="victim")


def test_role_properties_are_declared_in_the_ontology():
    from rdflib import Graph
    from rdflib.namespace import OWL, RDFS, SKOS

    onto = Graph().parse(Path(__file__).resolve().parent.parent / "ontology.ttl")
    for term in ("actor1", "actor2", "associatedActor1", "associatedActor2", "sideA", "sideB", "codedActor",
                 "associatedActor", "lifespanStart", "lifespanEnd", "datasetVersion"):
        node = AG[term]
        assert any((node, RDF.type, kind) in onto for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)), term
        assert onto.value(node, RDFS.label) is not None and onto.value(node, SKOS.definition) is not None, term
    for rule in ("AcledOneSidedRule", "AcledGovernmentPeriodRule", "AcledUnitRule"):
        assert (AG[rule], RDF.type, AG.DerivationRule) in onto


# -- governments over time ------------------------------------------------------------
def test_the_republics_forces_roll_up_to_the_republic_never_to_the_taliban(everything):
    _, kg, _ = everything
    republic = "islamic-republic-of-afghanistan"
    rec = {a.id: a for a in actorgraph.actors(kg)}[republic]
    assert rec.type == "Government"
    ds = kg.dataset
    assert (str(ds.value(AGD[republic], AG.lifespanStart)), str(ds.value(AGD[republic], AG.lifespanEnd))) == (
        "2004", "2021-08")
    governs = [r for r in actorgraph.relations(kg, type="governs") if r.subject == republic]
    assert [(r.object, r.start, r.end) for r in governs] == [("afghanistan", "2004", "2021-08")]
    forces = ["military-forces-of-afghanistan-2014", "police-forces-of-afghanistan-2014",
              "police-forces-of-afghanistan-2014-afghan-local-police"]
    for day in ("2015-06-01", "2020-01-15", "2021-12-01", "2026-03-15"):
        sides = side_map(kg, day)
        taliban_side = {sides.get("taliban"), sides.get("taliban-regime"), "taliban", "taliban-regime"}
        for force in forces:
            assert sides.get(force, force) not in taliban_side, (force, day)
    # while the Republic governed; after its end (2021-08) no side holds them, and never the Taliban's (above)
    assert {side_map(kg, "2020-01-15")[f] for f in forces} == {republic}
    assert side_map(kg, "2020-01-15")["afghanistan"] == republic  # the Republic governed the state then
    # (2021-) forces are the Taliban regime's: the Taliban army, and the police of that period
    later = side_map(kg, "2026-03-15")
    assert later["police-forces-of-afghanistan-2021"] == later["taliban-regime"]
    # Government of Pakistan (2018-) is Imran Khan's government, not the state for ever
    part_of = {(r.subject, r.object): r for r in actorgraph.relations(kg, type="partOf")}
    assert part_of[("police-forces-of-pakistan-2018", "imran-khan-government")].start == "2018"
    assert "Government of Pakistan (2018-)" in rec_aliases(kg, "imran-khan-government")


def rec_aliases(kg, actor_id):
    return {a.id: a for a in actorgraph.actors(kg)}[actor_id].aliases


def test_sides_as_of_after_an_import(fresh, cli_json):
    import_file(fresh, AFPAK, create_actors=True)
    forces = {"military-forces-of-afghanistan-2014", "police-forces-of-afghanistan-2014"}
    rows = cli_json("--graph", str(fresh.path), "sides", "--as-of", "2020-01-15")
    by_side = {row["side"]: set(row["members"]) for row in rows}
    assert forces <= by_side["islamic-republic-of-afghanistan"]
    # after the Republic's end (2021-08) its forces are no side's members, and never the Taliban's
    rows = cli_json("--graph", str(fresh.path), "sides", "--as-of", "2026-03-15")
    by_side = {row["side"]: set(row["members"]) for row in rows}
    taliban = next(members for members in by_side.values() if "taliban-regime" in members)
    assert not forces & taliban and "afghanistan" in taliban


# -- typing from inter codes ------------------------------------------------------------
def _reversed_copy(path: Path, tmp: Path) -> Path:
    lines = path.read_text("utf-8").splitlines(keepends=True)
    out = tmp / f"reversed-{path.name}"
    out.write_text(lines[0] + "".join(reversed(lines[1:])), encoding="utf-8")
    return out


def test_types_follow_inter_codes_whatever_the_row_order(fresh, tmp_path, template):
    from actorgraph.write.workspace import Workspace

    report = import_file(fresh, AFPAK, create_actors=True)
    other = tmp_path / "other.trig"
    shutil.copy(template, other)
    reversed_report = import_file(Workspace(other), _reversed_copy(AFPAK, tmp_path), create_actors=True)
    forward, backward = _types(actorgraph.load(fresh.path)), _types(actorgraph.load(other))
    assert forward == backward
    assert forward["militia-pro-government"] == "PoliticalMilitia"  # first seen associated (no code), then inter 3
    assert forward["civilians-afghanistan"] == "Civilians"  # first seen associated, then inter 7
    assert forward["islamic-republic-of-afghanistan"] == "Government"  # "Government of Afghanistan (2014-)"
    assert forward["protesters-afghanistan"] == "Protesters" and forward["rioters-pakistan"] == "Rioters"
    # a conflict between codes is reported, with its lines; the most frequent code wins, on a tie the
    # latest event's (ACLED: "the Inter code of an actor can change over time")
    warning = next(w for w in report.warnings if "Unidentified Armed Group (Afghanistan)" in w)
    assert warning == (f"{AFPAK}:12: inter1: 'Unidentified Armed Group (Afghanistan)' is coded PoliticalMilitia "
                       "on line 12 and InsurgentGroup on line 13; typed InsurgentGroup")
    assert any("Unidentified Armed Group (Afghanistan)" in w for w in reversed_report.warnings)


# -- names ----------------------------------------------------------------------------------
def test_iskp_contingents_and_units_resolve_as_acled_means_them(everything):
    _, kg, reports = everything
    matched = {m["name"]: m["actor"] for m in reports["acled-afpak-2020.csv"].actors["matched"]}
    assert matched["Islamic State (Afghanistan)"] == "Islamic State Khorasan Province"
    matched25 = {m["name"]: m["actor"] for m in reports["acled-2025.csv"].actors["matched"]}
    assert matched25["Islamic State Khorasan Province (ISKP)"] == "Islamic State Khorasan Province"
    contingents = {a.id: a.label for a in actorgraph.actors(kg) if a.label.startswith("AUSSOM:")}
    assert sorted(contingents) == ["aussom-burundi", "aussom-djibouti", "aussom-ethiopia", "aussom-uganda"]
    battles = {e.id: e.targets for e in actorgraph.events(kg) if e.id.startswith("event/acled-som9001")}
    assert sorted(t for ts in battles.values() for t in ts) == sorted(contingents)  # each row its contingent
    part_of = {(r.subject, r.object): r for r in actorgraph.relations(kg, type="partOf")}
    unit = part_of[("taliban-red-unit", "taliban")]
    assert kg.dataset.value(AGD[unit.id], AG.derivationRule) == AG.AcledUnitRule
    assert not over_merges(kg)


def test_dedupe_drops_the_false_pairs_and_catches_an_over_merge(fresh, tmp_path):
    actors = tmp_path / "actors.csv"
    actors.write_text(
        "label,type,aliases,description\n"
        "Saand Tribal Militia (Pakistan),IdentityMilitia,,\n"
        "Sargani Tribal Militia (Pakistan),IdentityMilitia,,\n"
        "Magsi Tribal Militia (Pakistan),IdentityMilitia,,\n"
        "Marri Tribal Militia (Pakistan),IdentityMilitia,,\n"
        "Tehreek-e-Taliban Pakistan splinter,Actor,,\n"
        "AUSSOM: African Union Support and Stabilization Mission in Somalia (Uganda),ExternalForce,"
        "AUSSOM: African Union Support and Stabilization Mission in Somalia (Burundi);"
        "AUSSOM: African Union Support and Stabilization Mission in Somalia (Djibouti),\n", encoding="utf-8")
    import_file(fresh, actors)
    kg = actorgraph.load(fresh.path)
    pairs = {frozenset((c.a_label, c.b_label)) for c in duplicates(kg)}
    assert not [p for p in pairs if {"Saand Tribal Militia (Pakistan)", "Magsi Tribal Militia (Pakistan)"} & p]
    (merged,) = over_merges(kg)
    assert merged.kind == "over-merge" and merged.a == merged.b
    assert "(Burundi)" in merged.reason and "(Djibouti)" in merged.reason and "(Uganda)" in merged.reason


# -- places ----------------------------------------------------------------------------------
def test_city_rows_land_on_the_bundled_cities(everything, cli):
    ws, kg, _ = everything
    events = {e.id: e for e in actorgraph.events(kg)}
    kabul_rows = ["event/acled-afg91005", "event/acled-afg91006", "event/acled-afg91007", "event/acled-afg91008",
                  "event/acled-afg91011", "event/acled-afg90001", "event/ucdp-ged-990101", "event/ucdp-ged-990102"]
    for eid in kabul_rows:
        assert events[eid].places == ["kabul"], eid
    for eid in ("event/acled-afg91002", "event/acled-afg91003", "event/acled-afg91004", "event/acled-afg90002",
                "event/ucdp-ged-990103"):
        assert events[eid].places == ["kandahar"], eid
    ds = kg.dataset
    # the dataset's admin areas contain the bundled city (Kabul province > district > subdistrict > Kabul)
    ups = set(ds.objects(AGD.kabul, AG.locatedIn))
    assert AGD.afghanistan in ups and any((u, RDF.type, AG.Subdistrict) in ds for u in ups)
    code, out, err = cli("--graph", str(ws.path), "events", "--place", "Kabul", "--format", "json")
    assert code == 0, err
    found = {e["id"] for e in json.loads(out)}
    assert set(kabul_rows) <= found


def test_a_same_named_place_beyond_the_geo_precision_is_another_place(fresh, tmp_path):
    lines = AFPAK.read_text("utf-8").splitlines()
    row = next(csv.DictReader(io.StringIO("\n".join([lines[0], lines[5]]))))  # AFG91005, Kabul, precision 1
    row.update(event_id_cnty="AFG91099", data_id="9100099", latitude="36.7000", longitude="67.1100")  # 300 km off
    out = io.StringIO()
    writer = csv.DictWriter(out, list(row), lineterminator="\n")
    writer.writeheader()
    writer.writerow(row)
    path = tmp_path / "far.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    import_file(fresh, AFPAK, create_actors=True)  # gives the bundled Kabul ACLED's coordinates
    import_file(fresh, path, create_actors=True)
    (event,) = [e for e in actorgraph.events(actorgraph.load(fresh.path)) if e.id == "event/acled-afg91099"]
    assert event.places != ["kabul"] and event.places[0].startswith("place/kabul")


# -- GED quotes --------------------------------------------------------------------------------
def test_ged_statements_carry_no_invented_quote(fresh):
    import_file(fresh, GED, create_actors=True)
    kg = actorgraph.load(fresh.path)
    assert validate(kg) == []
    rels = {r.id: r for r in _relations(kg, ("source/ucdp-ged",))}
    with_headline = [r for r in rels.values() if r.quote]
    assert [r.quote for r in with_headline] == ["Synthetic test headline: fighting near Kandahar airport"]
    text = fresh.path.read_text("utf-8")
    assert "best 4" not in text and "UCDP GED 990101)" not in text
    records = {r["dataset_id"]: r for r in dataset_record_statements(kg)}
    assert records["990101"]["sentence"] is False and records["990102"]["sentence"] is False
    assert records["990103"]["sentence"] is True
    assert records["990101"]["cited_sources"] == '"Example Wire,2020-08-02,Synthetic"'
    note = record_note(kg)
    assert note.startswith("note: 3 statement(s) derived from dataset rows") and "2 rest on the dataset record" in note
    event = AGD["event/ucdp-ged-990101"]
    assert kg.dataset.value(event, AG.quote) is None  # no headline: no quote on the event either


def test_ged_version_comes_from_the_file_name(fresh, tmp_path):
    path = tmp_path / "GEDEvent_v25_1.csv"
    shutil.copy(GED, path)
    import_file(fresh, path, create_actors=True)
    kg = actorgraph.load(fresh.path)
    assert str(kg.dataset.value(AGD["event/ucdp-ged-990101"], AG.datasetVersion)) == "25.1"


# -- encodings and quoting -----------------------------------------------------------------------
def test_a_stray_byte_is_a_row_error_and_the_rest_stays_utf8(fresh, tmp_path):
    with pytest.raises(ImportProblems) as info:
        import_file(fresh, STRAY, create_actors=True)
    assert info.value.problems == [
        f"{STRAY}:4: encoding: invalid UTF-8 byte 0xFF at character 398; save the file as UTF-8"]
    report = import_file(fresh, STRAY, create_actors=True, skip_bad=True, rejected_path=tmp_path / "rej.csv")
    assert report.rejected_rows == 1 and not report.warnings  # not read as Windows-1252
    kg = actorgraph.load(fresh.path)
    quote = str(kg.dataset.value(AGD["event/acled-pak99001"], AG.quote))
    assert "Mir Ali\u2019s Caf\u00e9" in quote and "â€" not in quote
    assert (tmp_path / "rej.csv").read_bytes().count(b"\xff") == 1  # the rejected row, verbatim


def test_an_unclosed_quote_reports_where_it_opened_and_what_it_swallowed(fresh, tmp_path):
    with pytest.raises(ImportProblems) as info:
        import_file(fresh, UNCLOSED, create_actors=True)
    assert info.value.problems == [
        f"{UNCLOSED}:3: notes: unclosed quote: the quote that opens this field never closes, so the field "
        "swallows line 4 (1 row); close the quote, or double a quote inside the field (\"\")"]
    report = import_file(fresh, UNCLOSED, create_actors=True, skip_bad=True, rejected_path=tmp_path / "rej.csv")
    assert report.rejected_rows == 1
    rejected = (tmp_path / "rej.csv").read_bytes()
    assert b"PAK99002" in rejected and b"PAK99003" in rejected  # the opener and the row it swallowed


def test_cp1252_only_when_clean_and_its_warning_survives_a_refusal(fresh, tmp_path, cli):
    broken = tmp_path / "acled-cp1252-bad.csv"
    broken.write_bytes(CP1252.read_bytes().replace(b"2020-05-09", b"2020-05-39", 1)
                       .replace(b"9-May-20", b"39-May-20", 1))
    code, _, stderr = cli("--graph", str(fresh.path), "import", str(broken), "--create-actors")
    assert code != 0
    assert f"warning: {broken}:1: encoding: not UTF-8; read as Windows-1252 (ACLED's older Excel saves)" in stderr
    assert f"{broken}:2: event_date:" in stderr


# -- the API's JSON ------------------------------------------------------------------------------
def test_the_api_json_imports_with_the_same_mapping_as_the_csv(fresh, tmp_path, template):
    from actorgraph.write.workspace import Workspace

    report = import_file(fresh, API, create_actors=True)
    assert report.kind == "acled" and report.counts["events"] == 3
    ids = {row["event_id_cnty"] for row in json.loads(API.read_text("utf-8"))["data"]}
    lines = CURRENT25.read_bytes().decode("utf-8-sig").split("\r\n")
    subset = tmp_path / "subset.csv"
    subset.write_text("\r\n".join([lines[0]] + [ln for ln in lines[1:] if ln.split(",", 1)[0] in ids]) + "\r\n",
                      encoding="utf-8", newline="")
    other = tmp_path / "csv.trig"
    shutil.copy(template, other)
    import_file(Workspace(other), subset, create_actors=True)
    from_json, from_csv = actorgraph.load(fresh.path), actorgraph.load(other)

    def facts(kg):
        evs = sorted((e.id, e.type, e.date, tuple(e.agents), tuple(e.targets), tuple(e.associated), tuple(e.places),
                      e.quote) for e in actorgraph.events(kg) if e.id.startswith("event/acled-"))
        rels = sorted((r.subject, r.predicate, r.object, r.start) for r in _relations(kg))
        return evs, rels

    assert facts(from_json) == facts(from_csv)
    # a bad row is reported on the line where its object opens
    bad = tmp_path / "api-bad.json"
    doc = json.loads(API.read_text("utf-8"))
    doc["data"][1]["event_date"] = "2025-02-30"
    bad.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    with pytest.raises(ImportProblems) as info:
        import_file(fresh, bad, create_actors=True)
    opening = bad.read_text("utf-8").splitlines().index("  {", 9) + 1
    assert info.value.problems == [f"{bad}:{opening}: event_date: impossible date '2025-02-30': day is out of range "
                                   "for month"]


# -- the CLI ------------------------------------------------------------------------------------
def test_cli_events_role_dedupe_and_the_record_note(everything, cli, cli_json):
    ws, kg, _ = everything
    graph = ("--graph", str(ws.path))
    every = {e["id"] for e in cli_json(*graph, "events", "--actor", "Civilians (Afghanistan)")}
    main = {e["id"] for e in cli_json(*graph, "events", "--actor", "Civilians (Afghanistan)", "--role", "actor")}
    assoc = cli_json(*graph, "events", "--actor", "Civilians (Afghanistan)", "--role", "associated")
    assert [e["id"] for e in assoc] == ["event/acled-afg91001"] and assoc[0]["associated"] == ["civilians-afghanistan"]
    assert main | {"event/acled-afg91001"} == every and "event/acled-afg91001" not in main
    code, _, err = cli(*graph, "events", "--actor", "Taliban", "--role", "victim")
    assert code != 0 and "Invalid value for '--role'" in err and "Traceback" not in err
    code, out, err = cli(*graph, "validate")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[-1] == "conforms" and lines[-2].startswith("note: ") and "rest on the dataset record alone" in lines[-2]
    assert "(990101)" in lines[-2] and "(990102)" in lines[-2]
    code, out, _ = cli(*graph, "audit")
    assert "note: not audited here: " in out


def test_cli_dedupe_lists_an_over_merge(fresh, tmp_path, cli_json):
    actors = tmp_path / "actors.csv"
    actors.write_text("label,type,aliases,description\n"
                      "Civilians (Pakistan),Civilians,Civilians (Afghanistan),\n", encoding="utf-8")
    import_file(fresh, actors)
    rows = cli_json("--graph", str(fresh.path), "dedupe")
    assert [(r["kind"], r["a"], r["b"]) for r in rows] == [("over-merge", "civilians-pakistan", "civilians-pakistan")]
    assert "'Civilians (Afghanistan)'" in rows[0]["reason"] and "'Civilians (Pakistan)'" in rows[0]["reason"]
