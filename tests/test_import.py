"""`actorgraph import`: CSV/YAML/RDF/ACLED, all-or-nothing, FILE:LINE problems, idempotence."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

import actorgraph
from actorgraph.core.errors import ImportProblems
from actorgraph.ingest.importers import MAX_PROBLEMS, import_file
from actorgraph.ingest.row_builder import MAX_FIELD

DATA = Path(__file__).resolve().parent / "data"
HEADER = "subject,relation,object,start,end,claimed_by,quote,source\n"



@pytest.fixture
def ws(ws_any):
    """Every test here runs on a TriG-file workspace and on an Oxigraph-store workspace."""
    return ws_any


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()






def problems_of(ws, path, **kw) -> list[str]:
    digest = ws.digest()
    with pytest.raises(ImportProblems) as info:
        import_file(ws, path, **kw)
    assert ws.digest() == digest, "a failed import must leave the file byte-identical"
    return info.value.problems


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# -- good files ---------------------------------------------------------------------
def test_relations_csv_then_idempotent_reimport(ws):
    report = import_file(ws, DATA / "relations.csv")
    assert report.kind == "relations" and report.rows == 3
    assert report.counts["statements"] == 3
    digest = ws.digest()
    again = import_file(ws, DATA / "relations.csv")
    assert again.counts["triples added"] == 0 and again.unchanged_rows == 3
    assert ws.digest() == digest
    kg = ws.load()
    rel = next(r for r in actorgraph.relations(kg, type="fightsAgainst"))
    assert (rel.subject, rel.object, rel.start, rel.end, rel.claimed_by) == ("ttp", "pakistan", "2008", "2024", "pakistan")
    mediation = next(r for r in actorgraph.relations(kg, type="mediatesBetween"))
    assert mediation.source == "source/user"


def test_actors_csv_yaml_and_bom(ws):
    assert import_file(ws, DATA / "actors.csv").counts["actors"] == 2
    assert import_file(ws, DATA / "bom-actors.csv").counts["actors"] == 1  # the BOM is dropped
    report = import_file(ws, DATA / "relations.yaml")
    assert report.counts["actors"] == 1 and report.counts["statements"] == 2
    kg = ws.load()
    bla = next(a for a in actorgraph.actors(kg) if a.label == "Baloch Liberation Army")
    assert set(bla.aliases) == {"BLA", "Baloch Liberation Army (BLA)"}
    assert actorgraph.model.records.local_id(actorgraph.resolve(kg, "BF")) == "bom-front"
    assert actorgraph.relations(kg, actor="Jamaat-ul-Ahrar")[0].start == "2023-01-30"
    assert actorgraph.write.validate.validate(kg) == []


def test_acled_sample_maps_events_places_actors(ws):
    problems = problems_of(ws, DATA / "acled-sample.csv")
    assert any(p.startswith(f"{DATA / 'acled-sample.csv'}:2: actor1: unknown actor 'Military Forces of Pakistan (2018-)'")
               for p in problems)
    report = import_file(ws, DATA / "acled-sample.csv", create_actors=True)
    assert report.counts["events"] == 3 and report.counts["quantities"] == 3 and report.counts["sources"] == 1
    kg = ws.load()
    events = {e.id: e for e in actorgraph.events(kg)}
    strike = events["event/acled-pak90001"]
    assert strike.type == "AirOrDroneStrike" and strike.date == "2026-02-27"
    assert strike.targets == ["taliban-regime"]  # resolved through the existing actor
    assert strike.quote.endswith("<script>alert(1)</script>")  # verbatim, untrusted
    clash = events["event/acled-pak90002"]
    assert clash.agents == ["ttp"] and clash.places == ["peshawar"]
    assert len(clash.targets) == 2
    forces = next(a for a in actorgraph.actors(kg) if a.label == "Military Forces of Pakistan (2018-)")
    assert forces.type == "StateInstitution"  # the mini seed has no Pakistani military: a new institution
    assert any(r.object == "pakistan" for r in actorgraph.relations(kg, actor=forces.id, type="partOf"))
    assert actorgraph.write.validate.validate(kg) == []
    assert import_file(ws, DATA / "acled-sample.csv").counts["triples added"] == 0  # names now resolve


def test_rdf_imports(ws, tmp_path):
    report = import_file(ws, DATA / "conforming.ttl")
    assert report.counts["statements"] == 1 and report.counts["sources"] == 1
    kg = ws.load()
    assert "https://w3id.org/actorgraph/id/source/report-2" in {str(g.identifier) for g in kg.data_graphs()}
    problems = problems_of(ws, DATA / "nonconforming.ttl")
    assert any(":4: shacl: statement/bad-1 quote:" in p for p in problems)
    # JSON-LD of conforming data
    from rdflib import Graph

    g = Graph().parse(DATA / "conforming.ttl")
    jsonld = write(tmp_path, "c.jsonld", g.serialize(format="json-ld"))
    assert import_file(ws, jsonld).counts["triples added"] == 0  # same content: idempotent
    bad = write(tmp_path, "broken.ttl", "@prefix ag: <x#> .\nag:a ag:b .\n")
    assert "syntax" in problems_of(ws, bad)[0]


def test_dry_run_counts_and_writes_nothing(ws, cli):
    digest = ws.digest()
    report = import_file(ws, DATA / "relations.csv", dry_run=True)
    assert report.dry_run and report.counts["statements"] == 3
    assert ws.digest() == digest
    code, out, _ = cli("--graph", ws.location, "import", str(DATA / "relations.csv"), "--dry-run")
    assert code == 0 and "would add: 3 statements" in out and "nothing was written" in out
    assert ws.digest() == digest


# -- bad files: every problem as FILE:LINE: column: reason, nothing written -----
def test_bad_rows_all_listed(ws):
    f = DATA / "bad-relations.csv"
    problems = problems_of(ws, f)
    expected = [
        f"{f}:2: subject: unknown actor 'Pakistn'; did you mean: Pakistan",
        f"{f}:3: relation: unknown relation type 'atacks'; did you mean: attacks",
        f"{f}:4: start: impossible date '2025-02-30'",
        f"{f}:5: start: impossible date '2026-13-45'",
        f"{f}:6: end: ends (2020) before it starts (2026)",
        f"{f}:8: row: duplicate relation: same as line 7",
        f"{f}:9: quote: required",
        f"{f}:10: source: unknown source 'nosuchsource'",
    ]
    for want in expected:
        assert any(p.startswith(want) for p in problems), (want, problems)
    assert len(problems) == len(expected)


def test_missing_column_empty_file_non_utf8(ws, tmp_path):
    assert problems_of(ws, DATA / "missing-column.csv") == [
        f"{DATA / 'missing-column.csv'}:1: relation: missing column (a relations file needs: subject, relation, "
        "object, quote; header: subject, object, start, quote)"
    ]
    assert problems_of(ws, DATA / "empty.csv") == [f"{DATA / 'empty.csv'}:1: file: empty file: nothing to import"]
    assert problems_of(ws, DATA / "bad-latin1.csv")[0].startswith(
        f"{DATA / 'bad-latin1.csv'}:2: encoding: invalid UTF-8 byte 0xE9")
    only_header = write(tmp_path, "h.csv", HEADER)
    assert "no rows" in problems_of(ws, only_header)[0]
    typo = write(tmp_path, "typo.csv", "subject,relation,object,strat,quote\nChina,supports,India,2020,A long quote here.\n")
    assert problems_of(ws, typo) == [f"{typo}:1: strat: unknown column; did you mean 'start'?"]
    ragged = write(tmp_path, "ragged.csv", HEADER + "China,supports,India\n")
    assert problems_of(ws, ragged) == [f"{ragged}:2: row: 3 fields, but the header has 8"]


def test_enormous_field(ws, tmp_path):
    huge = "x" * (MAX_FIELD + 1)
    f = write(tmp_path, "huge.csv", HEADER + f'China,supports,India,2020,,,"{huge}",\n')
    assert problems_of(ws, f) == [f"{f}:2: quote: field is {MAX_FIELD + 1:,} characters long (limit {MAX_FIELD:,})"]


def test_yaml_problems_have_lines(ws, tmp_path):
    f = write(tmp_path, "bad.yaml", "relations:\n  - subject: China\n    relation: supports\n    object: Indai\n"
              "    quote: A long enough quote.\n  - subject: China\n    relation: supports\n    object: India\n"
              "    start: 2025-02-30\n    quote: A long enough quote.\n")
    problems = problems_of(ws, f)
    assert problems[0].startswith(f"{f}:2: object: unknown actor 'Indai'; did you mean: India")
    assert problems[1].startswith(f"{f}:6: start: ")
    broken = write(tmp_path, "broken.yaml", "relations:\n  - subject: [unclosed\n")
    assert problems_of(ws, broken)[0].startswith(f"{broken}:")


def test_problems_are_capped_with_a_count(ws, tmp_path, cli):
    rows = "".join(f"Nobody{i},supports,India,2020,,,A long enough quote here.,\n" for i in range(120))
    f = write(tmp_path, "many.csv", HEADER + rows)
    with pytest.raises(ImportProblems) as info:
        import_file(ws, f)
    assert info.value.total == 120 and len(info.value.problems) == MAX_PROBLEMS
    code, out, err = cli("--graph", ws.location, "import", str(f))
    assert code == 1
    lines = err.strip().splitlines()
    assert lines[0].startswith(f"{f}:2: subject: unknown actor 'Nobody0'")
    assert f"… and {120 - MAX_PROBLEMS} more" in err
    assert lines[-1] == f"Error: {f}: 120 problems; nothing was written"


def test_create_actors_and_verbatim_text(ws, tmp_path):
    evil = '<img src=x onerror="alert(1)"> & \'quoted\' {{x}} \\ ]]>'
    f = write(tmp_path, "new.csv", HEADER + f'New Front,attacks,Pakistan,2026,,,"{evil.replace(chr(34), chr(34) * 2)}",\n')
    assert "unknown actor 'New Front'" in problems_of(ws, f)[0]
    report = import_file(ws, f, create_actors=True)
    assert report.counts["actors"] == 1 and report.counts["statements"] == 1
    kg = ws.load()
    rel = actorgraph.relations(kg, actor="New Front")[0]
    assert rel.quote == evil


def test_cli_import_and_no_progress_bar_off_tty(ws, tmp_path, cli):
    rows = "".join(f"China,tensions with,India,{1900 + i % 120},,,Report {i}: China and India quarrel.,\n"
                   for i in range(1200))
    f = write(tmp_path, "many.csv", HEADER + rows)
    code, out, err = cli("--graph", ws.location, "import", str(f), "--format", "json")
    assert code == 0, err
    assert json.loads(out)["statements"] == 1200
    assert "importing" not in err and "\x1b[" not in err  # no progress bar when stderr is not a terminal


def test_progress_bar_can_be_forced(ws, tmp_path, capsys):
    rows = "".join(f"China,tensions with,India,{1900 + i % 120},,,Report {i}: China and India quarrel.,\n"
                   for i in range(1100))
    f = write(tmp_path, "p.csv", HEADER + rows)
    assert import_file(ws, f, progress=True, dry_run=True).counts["statements"] == 1100


def test_import_into_bundled_graph_is_refused(cli, tmp_path):
    f = shutil.copy(DATA / "actors.csv", tmp_path / "a.csv")
    code, _, err = cli("import", str(f))
    assert code == 1 and "read-only" in err
