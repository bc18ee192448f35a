"""The CLI contract: command names, JSON keys, formats, one-line errors."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cli import main

ROOT = Path(__file__).resolve().parent.parent

RELATION_KEYS = {"id", "subject", "subject_label", "predicate", "predicate_label", "object", "object_label",
                 "polarity", "start", "end", "claimed_by", "quote", "source"}
EVENT_KEYS = {"id", "type", "label", "date", "agents", "targets", "places", "quote", "source"}
ACTOR_KEYS = {"id", "label", "type", "aliases", "description"}


def test_actors_json_keys(cli_json):
    rows = cli_json("actors")
    assert rows and all(ACTOR_KEYS <= set(r) for r in rows)
    assert "Pakistan" in {r["label"] for r in rows}


def test_actors_type_filter_includes_subclasses(cli_json):
    labels = {r["label"] for r in cli_json("actors", "--type", "NonStateArmedGroup")}
    assert {"Islamic State Khorasan Province", "Tehrik-i-Taliban Pakistan", "Taliban", "Al-Qaeda"} <= labels
    assert "Pakistan" not in labels


def test_relations_json_keys_and_precision(cli_json):
    rows = cli_json("relations", "--actor", "Pakistan")
    assert rows and all(RELATION_KEYS <= set(r) for r in rows)
    starts = {r["start"] for r in rows}
    assert None in starts or all(s for s in starts)
    for value in starts - {None}:
        # a date at the text's precision, an interval, or an EDTF bound form ([..2025-10], [2022..], ..)
        point = r"\d{4}(-\d{2}(-\d{2})?)?"
        assert re.fullmatch(rf"{point}(/{point})?|\[\.\.{point}\]|\[{point}\.\.\]|\.\.", value), value
    assert "2026-02-27" in starts and "2025-10" in starts


def test_events_json_keys(cli_json):
    rows = cli_json("events", "--actor", "Pakistan")
    assert rows and all(EVENT_KEYS <= set(r) for r in rows)


def test_csv_output_has_contract_header(cli):
    code, out, _ = cli("relations", "--actor", "TTP", "--format", "csv")
    assert code == 0
    header = next(csv.reader(io.StringIO(out)))
    assert header == ["id", "subject", "subject_label", "predicate", "predicate_label", "object", "object_label",
                      "polarity", "start", "end", "claimed_by", "quote", "source"]


def test_table_output_is_a_rich_table_with_count(cli):
    code, out, _ = cli("actors", "--type", "InternationalOrganization")
    assert code == 0
    assert "North Atlantic Treaty Organization" in out and out.rstrip().endswith("1 row")


def test_show_gives_actor_aliases_relations_events(cli):
    code, out, _ = cli("show", "Kabul", "--format", "json")
    info = json.loads(out)
    assert info["actor"]["id"] == "taliban-regime"
    assert "Kabul" in info["actor"]["aliases"]
    assert info["relations"] and info["events"]


def test_queries_lists_named_queries_with_parameters(cli_json):
    rows = cli_json("queries")
    names = {r["name"] for r in rows}
    assert {"mediators", "leaders-of", "formed-from", "hostile-to", "supporters-of", "relationship-history",
            "agreements-of", "accusations", "intermediaries", "changes-between", "evidence"} <= names
    assert all(r["description"] for r in rows)


def test_query_text_file_and_name(cli, tmp_path):
    code, out, _ = cli("query", "SELECT ?l WHERE { agd:ttp rdfs:label ?l }")
    assert code == 0 and json.loads(out) == [{"l": "Tehrik-i-Taliban Pakistan"}]
    f = tmp_path / "q.rq"
    f.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s a ag:Statement }", encoding="utf-8")
    code, out, _ = cli("query", str(f))
    assert code == 0 and int(json.loads(out)[0]["n"]) > 50


def test_query_params_are_bound_not_formatted(cli):
    code, out, _ = cli("query", "SELECT ?a WHERE { ?a rdfs:label ?name }", "--param", 'name=x" } UNION { ?a ?b ?c')
    assert code == 0 and json.loads(out) == []
    code, out, _ = cli("query", "SELECT ?a WHERE { ?a rdfs:label ?name }", "--param", "name=Pakistan")
    assert json.loads(out) == [{"a": "https://w3id.org/actorgraph/id/pakistan"}]


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["relations", "--actor", "Pakistn"], 2, "unknown actor 'Pakistn'; did you mean: Pakistan,"),
        (["show", "Talibn"], 2, "did you mean"),
        (["relations", "--as-of", "2026-13-45"], 2, "impossible date '2026-13-45'"),
        (["relations", "--since", "2025-02-30"], 2, "impossible date"),
        (["relations", "--until", "yesterday"], 2, "malformed date"),
        (["relations", "--type", "atacks"], 2, "unknown relation type 'atacks'; did you mean: attacks"),
        (["query", "SELECT ?s WHERE { ?s ?p }"], 1, "SPARQL syntax error at line 1, column"),
        (["query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"], 1, "read-only"),
        (["query", "hostile-too"], 2, "unknown query 'hostile-too'; did you mean: hostile-to?"),
        (["query", "hostile-to", "--param", "nope=1"], 1, "has no parameter 'nope'"),
        (["query", "hostile-to", "--param", "actor"], 2, "expected KEY=VALUE"),
        (["--graph", "/nonexistent/g.ttl", "actors"], 1, "graph file not found"),
    ],
)
def test_bad_input_gets_one_line_and_nonzero_exit(cli, args, code, message):
    exit_code, out, err = cli(*args)
    assert exit_code == code
    assert message in err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err + out


def test_unparsable_graph_file_is_one_line(cli, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    code, _, err = cli("--graph", str(bad), "actors")
    assert code == 1 and err.startswith(f"Error: {bad}: cannot parse as turtle")
    assert len(err.strip().splitlines()) == 1


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = []
    for name, command in main.commands.items():
        if f"actorgraph {name}" not in readme and f"actorgraph --graph PATH {name}" not in readme:
            missing.append(name)
        for sub in getattr(command, "commands", {}):
            if f"{name} {sub}" not in readme:
                missing.append(f"{name} {sub}")
    assert missing == []


def test_help_does_not_import_networkx_pyvis_or_rdflib():
    code = (
        "import sys, cli\n"
        "from click.testing import CliRunner\n"
        "CliRunner().invoke(cli.main, ['--help'])\n"
        "heavy = [m for m in ('networkx', 'pyvis', 'rdflib', 'pyoxigraph') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.strip() == "[]"


def test_version():
    from click.testing import CliRunner

    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and "actorgraph, version 0.1.0" in result.output


def test_exact_csv_output_of_a_relation_listing(cli):
    code, out, err = cli("relations", "--type", "defensePactWith", "--format", "csv")
    assert code == 0, err
    assert out.splitlines()[1] == (
        "statement/eecb54ed5d77a7bf,pakistan,Pakistan,defensePactWith,defense pact with,saudi-arabia,Saudi Arabia,"
        'friendly,2025-09,,,"Finally, Pakistan could face pressure to intervene in the war under the Strategic Mutual '
        'Defense Agreement it signed with Saudi Arabia in September 2025.",source/ifri-letter-116'
    )


def test_exact_csv_output_of_an_actor_listing(cli):
    code, out, _ = cli("actors", "--type", "InternationalOrganization", "--format", "csv")
    assert out == (
        "id,label,type,aliases,description\n"
        "nato,North Atlantic Treaty Organization,InternationalOrganization,"
        "Atlantic Alliance; NATO; North Atlantic Treaty Organization; OTAN,"
        "Its forces in Afghanistan were fought by the Taliban and TTP members during the second half of the 2010s.\n"
    )


def test_json_dates_are_null_when_unknown(cli_json):
    rows = cli_json("relations", "--type", "leaderOf", "--actor", "TTP")
    assert {r["subject"]: r["end"] for r in rows}["noor-wali-mehsud"] is None


@pytest.mark.parametrize("args", [["show", "Pakistan"], ["relations"], ["relations", "--format", "csv"]])
def test_a_reader_that_leaves_early_gets_no_error(args):
    """`actorgraph show Pakistan | head -1`: the pipe closes, the command ends quietly (no "Error: … Broken pipe")."""
    proc = subprocess.Popen([sys.executable, "-c", "from cli import main; main()", *args], cwd=Path(__file__).parent.parent,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    proc.stderr.close()
    assert first.strip()
    assert err == ""
