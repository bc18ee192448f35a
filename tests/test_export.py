"""Exports read back: gexf/graphml (networkx), cytoscape (schema), csv, mermaid, dot, svg/png, RDF; filters; CLI."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

import actorgraph
from actorgraph.core.vocab import AGD
from actorgraph.exports import FORMATS, atomic_write, export, select
from actorgraph.exports.formats import EDGE_COLUMNS, NODE_COLUMNS, safe_cell
from actorgraph.exports.samples import HOSTILE, hostile_graph, write_trig
from cli import main


@pytest.fixture(scope="module")
def hostile_path(tmp_path_factory) -> Path:
    return write_trig(hostile_graph(), tmp_path_factory.mktemp("g") / "hostile.trig")


@pytest.fixture(scope="module")
def hkg(hostile_path):
    return actorgraph.load(hostile_path)


@pytest.fixture
def run(runner, hostile_path):
    def invoke(*args):
        result = runner.invoke(main, ["--graph", str(hostile_path), "export", *args])
        return result.exit_code, result.stdout, result.stderr

    return invoke


# ---------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------
def test_select_unfiltered_keeps_every_actor_and_statement(hkg):
    sel = select(hkg)
    assert len(sel.nodes) == 8
    assert len(sel.relations) == len(actorgraph.relations(hkg))
    # a mediation gives one edge per party
    assert {e.id.split("#")[1] for e in sel.edges if "#" in e.id} == {"alpha", "zeta"}


def test_select_as_of_uses_the_as_of_rule(hkg):
    sel = select(hkg, as_of="2026-03")
    preds = {r.predicate for r in sel.relations}
    assert "atWarWith" in preds and "mediatesBetween" in preds
    assert "alliedWith" not in preds  # ended 2024-06, and the potential one is never active
    assert "accuses" not in preds  # ended 2026-01
    assert all(r.active(actorgraph.parse_day("2026-03")) for r in sel.relations)
    assert "eta" not in sel.nodes  # no relation that day
    assert sel.as_of == "2026-03"


def test_select_actor_hops(hkg):
    one = select(hkg, actor="Epsilon", hops=1)
    assert set(one.nodes) == {"epsilon", "beta"}
    two = select(hkg, actor="Epsilon", hops=2)
    assert {"alpha", "theta", "eta"} <= set(two.nodes)
    zero = select(hkg, actor="epsilon", hops=0)
    assert set(zero.nodes) == {"epsilon"} and not zero.relations


def test_select_type_and_polarity(hkg):
    sel = select(hkg, types=["supports", "harbors"])
    assert {r.predicate for r in sel.relations} == {"harbors"}
    hostile = select(hkg, polarity="hostile")
    assert hostile.relations and {r.polarity for r in hostile.relations} == {"hostile"}


def test_select_errors(hkg):
    with pytest.raises(actorgraph.UnknownNameError):
        select(hkg, actor="Nobody at all")
    with pytest.raises(actorgraph.ActorGraphError):
        select(hkg, hops=2)
    with pytest.raises(actorgraph.DateError):
        select(hkg, as_of="2026-02-30")
    with pytest.raises(actorgraph.UnknownNameError):
        select(hkg, types=["befriends"])


# ---------------------------------------------------------------------------
# GEXF and GraphML read back with networkx
# ---------------------------------------------------------------------------
def test_gexf_reads_back_with_spells(hkg, tmp_path):
    path = export(hkg, "gexf", tmp_path / "g.gexf")[0]
    g = nx.read_gexf(path)
    sel = select(hkg)
    assert set(g.nodes) == set(sel.nodes)
    assert {d["id"] for _, _, d in g.edges(data=True)} == {e.id for e in sel.edges}
    assert g.nodes["alpha"]["label"].startswith("Alpha <img")
    root = ET.parse(path).getroot()
    ns = {"g": root.tag[1:].split("}")[0]}
    gel = root.find("g:graph", ns)
    assert gel.get("mode") == "dynamic" and gel.get("timeformat") == "date"
    spells = {}
    for edge in root.iter(f"{{{ns['g']}}}edge"):
        sp = edge.find("g:spells/g:spell", ns)
        spells[edge.get("id")] = None if sp is None else (sp.get("start"), sp.get("end"))
    war = next(e.id for e in sel.edges if e.relation.predicate == "atWarWith")
    allied = next(e.id for e in sel.edges if e.relation.predicate == "alliedWith" and not e.relation.hypothetical)
    leader = next(e.id for e in sel.edges if e.relation.predicate == "leaderOf")
    undated = next(e.id for e in sel.edges if e.relation.predicate == "fightsAgainst")
    assert spells[war] == ("2025-10-01", None)
    assert spells[allied] == ("2021-01-01", "2024-06-30")
    assert spells[leader] == ("2014-01-01", None)
    assert spells[undated] is None
    # edge attributes survive
    data = next(d for _, _, d in g.edges(data=True) if d["id"] == war)
    assert data["predicate"] == "atWarWith" and data["polarity"] == "hostile" and data["quote"].startswith("Quote </script>")
    assert data["start_text"] == "2025-10" and data["sign"] == -1


def test_graphml_reads_back_same_nodes_edges_attrs(hkg, tmp_path):
    path = export(hkg, "graphml", tmp_path / "g.graphml")[0]
    g = nx.read_graphml(path, force_multigraph=True)
    sel = select(hkg)
    assert isinstance(g, nx.MultiDiGraph)
    assert set(g.nodes) == set(sel.nodes)
    keys = {k for _, _, k in g.edges(keys=True)}
    assert all(re.fullmatch(r"[\w.:-]+", k) for k in keys)  # XML NMTOKENs, as the GraphML schema wants
    by_id = {d["edge_id"]: (a, b, d) for a, b, d in g.edges(data=True)}
    assert set(by_id) == {e.id for e in sel.edges}
    for edge in sel.edges:
        a, b, data = by_id[edge.id]
        assert (a, b) == (edge.source, edge.target)
        assert data["statement"] == edge.relation.id
        assert data["statement_iri"] == str(AGD) + edge.relation.id
        assert data["predicate"] == edge.relation.predicate
        assert data["polarity"] == edge.relation.polarity
        assert data["sign"] == edge.relation.sign  # a number, not a string
        assert data["start"] == (edge.relation.start or "")
        assert data["quote"] == (edge.relation.quote or "")
    assert set(g.nodes["gamma"]["aliases"].split("; ")) == {"@SUM(1+1)", "-2+3"}
    assert g.nodes["alpha"]["type"] == "State"
    # only plain GraphML types
    text = Path(path).read_text(encoding="utf-8")
    types = {k.get("attr.type") for k in ET.fromstring(text).iter("{http://graphml.graphdrawing.org/xmlns}key")}
    assert types <= {"string", "int", "long", "double", "boolean"}


# ---------------------------------------------------------------------------
# Cytoscape JSON: schema-checked
# ---------------------------------------------------------------------------
CYTOSCAPE_SCHEMA = {
    "type": "object",
    "required": ["data", "elements"],
    "properties": {
        "data": {"type": "object", "required": ["name", "caption", "sources"]},
        "elements": {
            "type": "object",
            "required": ["nodes", "edges"],
            "additionalProperties": False,
            "properties": {
                "nodes": {"type": "array", "items": {
                    "type": "object", "required": ["data"],
                    "properties": {"data": {"type": "object", "required": ["id", "label", "type", "aliases"],
                                            "properties": {"id": {"type": "string", "minLength": 1},
                                                           "label": {"type": "string"},
                                                           "aliases": {"type": "array", "items": {"type": "string"}}}},
                                   "classes": {"type": "string"}}}},
                "edges": {"type": "array", "items": {
                    "type": "object", "required": ["data"],
                    "properties": {"data": {"type": "object",
                                            "required": ["id", "source", "target", "predicate", "polarity", "statement"],
                                            "properties": {"id": {"type": "string", "minLength": 1},
                                                           "source": {"type": "string"},
                                                           "target": {"type": "string"},
                                                           "polarity": {"enum": ["friendly", "hostile", "neutral"]},
                                                           "sign": {"enum": [-1, 0, 1]},
                                                           "start": {"type": ["string", "null"]},
                                                           "end": {"type": ["string", "null"]}}},
                                   "classes": {"type": "string"}}}},
            },
        },
    },
}


def test_cytoscape_json_schema(hkg, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    path = export(hkg, "cytoscape", tmp_path / "g.cyjs")[0]
    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    jsonschema.validate(doc, CYTOSCAPE_SCHEMA)
    node_ids = [n["data"]["id"] for n in doc["elements"]["nodes"]]
    edge_ids = [e["data"]["id"] for e in doc["elements"]["edges"]]
    assert len(set(node_ids + edge_ids)) == len(node_ids) + len(edge_ids)  # cytoscape.js: ids unique
    assert all(e["data"]["source"] in node_ids and e["data"]["target"] in node_ids for e in doc["elements"]["edges"])
    assert len(edge_ids) == len(select(hkg).edges)


# ---------------------------------------------------------------------------
# CSV: Excel-ready, documented columns, formula injection neutralised
# ---------------------------------------------------------------------------
def test_csv_columns_bom_and_formulas(hkg, tmp_path):
    written = export(hkg, "csv", tmp_path / "csv")
    assert sorted(p.name for p in written) == ["edges.csv", "nodes.csv"]
    raw = (tmp_path / "csv" / "nodes.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    nodes = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    edges = list(csv.DictReader(io.StringIO((tmp_path / "csv" / "edges.csv").read_text(encoding="utf-8-sig"))))
    assert list(nodes[0]) == NODE_COLUMNS and list(edges[0]) == EDGE_COLUMNS
    assert len(edges) == len(select(hkg).edges)
    for row in nodes + edges:
        for value in row.values():
            assert not value or value[0] not in "=+-@" or value.lstrip("+-").replace(".", "").isdigit(), value
    gamma = next(r for r in nodes if r["id"] == "gamma")
    assert gamma["label"] == "'" + HOSTILE["formula"]
    assert gamma["aliases"] in ("'@SUM(1+1); -2+3", "'-2+3; @SUM(1+1)")
    assert next(r for r in nodes if r["id"] == "epsilon")["aliases"].startswith("'+cmd")
    war = next(r for r in edges if r["predicate"] == "atWarWith")
    assert war["sign"] == "-1" and war["start_earliest"] == "2025-10-01" and war["symmetric"] == "true"


@pytest.mark.parametrize("value,expected", [
    ("=1+1", "'=1+1"), ("+x", "'+x"), ("-x", "'-x"), ("@x", "'@x"), ("\t=x", "'\t=x"),
    ("-1", "-1"), ("2.5", "2.5"), ("a=b", "a=b"), (None, ""), (["=a", "b"], "'=a; b"),
])
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


# ---------------------------------------------------------------------------
# Mermaid and DOT: labels escaped
# ---------------------------------------------------------------------------
def test_mermaid_escapes_labels(hkg, tmp_path):
    text = Path(export(hkg, "mermaid", tmp_path / "g.mmd")[0]).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[1] == "flowchart LR"
    body = "\n".join(lines[1:])
    for bad in ("<img", "</script", "<a ", '"http', "\u2028"):
        assert bad not in body
    assert "#60;img src=x onerror=alert#40;1#41;#62;" in body
    node_lines = [ln for ln in lines if ln.strip().startswith("n") and '["' in ln]
    assert len(node_lines) == 8
    for ln in node_lines:  # exactly one quoted label per node line
        assert ln.count('"') == 2
    assert sum(1 for ln in lines if "linkStyle" in ln) == sum(1 for ln in lines if "|\"" in ln)


def test_mermaid_is_drawn_at_its_own_size_one_line_per_pair_and_sign(runner, tmp_path):
    """The whole bundled graph shrunk to 784 px could not be read: natural size, stacked labels, a hint to focus."""
    from actorgraph.exports.formats import MERMAID_LEGIBLE

    target = tmp_path / "whole.mmd"
    result = runner.invoke(main, ["export", "mermaid", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert "note: the whole graph (" in result.stderr and "--actor NAME --hops 1" in result.stderr
    text = target.read_text(encoding="utf-8")
    init = next(line for line in text.splitlines() if line.startswith("%%{init:"))
    config = json.loads(init[len("%%{init: "):-len("}%%")])
    assert config["flowchart"]["useMaxWidth"] is False and config["themeVariables"]["fontSize"] == "16px"
    links = [line.split() for line in text.splitlines() if "|\"" in line]
    colours = [line.split("stroke:")[1].split(",")[0] for line in text.splitlines() if "linkStyle" in line]
    pairs = [(frozenset((words[0], words[-1])), colour) for words, colour in zip(links, colours, strict=True)]
    assert len(pairs) == len(set(pairs))  # one line per pair and sign: labels stacked, never side by side
    assert any("<br/>" in line for line in text.splitlines())
    result = runner.invoke(main, ["export", "mermaid", "--actor", "Pakistan", "--hops", "1", "-o", str(target)])
    assert result.exit_code == 0 and "note:" not in result.stderr  # focused: no hint
    nodes = [line for line in target.read_text(encoding="utf-8").splitlines() if '["' in line]
    assert 0 < len(nodes) <= MERMAID_LEGIBLE


def test_dot_escapes_labels(hkg, tmp_path):
    text = Path(export(hkg, "dot", tmp_path / "g.dot")[0]).read_text(encoding="utf-8")
    assert text.startswith("digraph actorgraph {") and text.rstrip().endswith("}")
    assert 'label="=HYPERLINK(\\"http://example.invalid\\",\\"x\\")"' in text
    assert 'line $x$ \\\\N"' in text  # backslash doubled: no \N escape
    # every quoted string is closed: no unescaped quote leaks
    for line in text.splitlines()[1:-1]:
        stripped = line.replace('\\\\', "").replace('\\"', "")
        assert stripped.count('"') % 2 == 0, line
    assert "dir=none" in text  # symmetric relations have no arrow


def test_dot_parses_with_graphviz_when_present(hkg, tmp_path):
    import shutil
    import subprocess

    if not shutil.which("dot"):
        pytest.skip("graphviz dot not installed")
    path = export(hkg, "dot", tmp_path / "g.dot")[0]
    subprocess.run(["dot", "-Tsvg", str(path), "-o", str(tmp_path / "g.svg")], check=True)


# ---------------------------------------------------------------------------
# SVG and PNG
# ---------------------------------------------------------------------------
def test_svg_and_png(hkg, tmp_path):
    pytest.importorskip("matplotlib")
    svg = Path(export(hkg, "svg", tmp_path / "g.svg")[0]).read_text(encoding="utf-8")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert "<script" not in svg and "onerror" not in svg.replace("onerror=alert(1)&gt;", "")
    png = Path(export(hkg, "png", tmp_path / "g.png")[0]).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000


# ---------------------------------------------------------------------------
# RDF round trips
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("fmt,rdflib_fmt", [("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_rdf_round_trip_isomorphic(hkg, tmp_path, fmt, rdflib_fmt):
    path = export(hkg, fmt, tmp_path / f"g.{fmt}")[0]
    read = Dataset()  # JSON-LD keeps one named graph per source: read every graph
    read.parse(path, format=rdflib_fmt)
    back = Graph()
    for s, p, o, _ in read.quads((None, None, None, None)):
        back.add((s, p, o))
    assert isomorphic(back, hkg.data())


def test_trig_round_trip_keeps_named_graphs(hkg, tmp_path):
    path = export(hkg, "trig", tmp_path / "g.trig")[0]
    back = Dataset()
    back.parse(path, format="trig")
    original = {g.identifier: g for g in hkg.data_graphs()}
    copied = {g.identifier: g for g in back.graphs() if len(g)}
    assert set(copied) == set(original)
    for ident, g in original.items():
        assert isomorphic(copied[ident], g)
    # and the exported file loads as an actorgraph with the same relations
    assert len(actorgraph.relations(actorgraph.load(path))) == len(actorgraph.relations(hkg))


def test_filtered_rdf_keeps_only_selected_statements(hkg, tmp_path):
    path = export(hkg, "turtle", tmp_path / "war.ttl", types=["atWarWith"])[0]
    kg2 = actorgraph.load(Path(path).rename(tmp_path / "war.ttl"))
    rels = actorgraph.relations(kg2)
    assert [r.predicate for r in rels] == ["atWarWith"]
    assert {a.id for a in actorgraph.actors(kg2)} == {"alpha", "beta"}


# ---------------------------------------------------------------------------
# Atomic writes, errors, CLI
# ---------------------------------------------------------------------------
def test_atomic_write_creates_directory_and_leaves_no_temp(tmp_path):
    target = tmp_path / "a" / "b" / "out.txt"
    atomic_write(target, "one")
    atomic_write(target, "two")
    assert target.read_text() == "two"
    assert os.listdir(target.parent) == ["out.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only directories")
def test_atomic_write_unwritable(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    with pytest.raises(actorgraph.ActorGraphError):
        atomic_write(folder / "x.txt", "x")


def test_failed_write_keeps_old_file(tmp_path, monkeypatch):
    target = tmp_path / "keep.txt"
    target.write_text("old")

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(actorgraph.ActorGraphError, match="No space left"):
        atomic_write(target, "new")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["keep.txt"]


def test_cli_every_format(run, tmp_path):
    for fmt in FORMATS:
        out = tmp_path / ("csvdir" if fmt == "csv" else f"g.{fmt}")
        code, stdout, stderr = run(fmt, "-o", str(out))
        assert code == 0, (fmt, stderr)
        assert "wrote" in stdout
        assert out.exists()


def test_cli_default_html_path(runner, hostile_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["--graph", str(hostile_path), "export", "html"])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "exports" / "actorgraph.html").exists()


def test_cli_stdout(run):
    code, stdout, _ = run("mermaid", "-o", "-", "--as-of", "2026-03", "--polarity", "hostile")
    assert code == 0 and stdout.splitlines()[1] == "flowchart LR"
    assert "at war with" in stdout and "harbors" not in stdout


def test_cli_filters(run, tmp_path):
    out = tmp_path / "e.cyjs"
    code, _, err = run("cytoscape", "-o", str(out), "--actor", "Epsilon", "--hops", "1", "--type", "leader of")
    assert code == 0, err
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert {n["data"]["id"] for n in doc["elements"]["nodes"]} == {"epsilon", "beta"}


@pytest.mark.parametrize("args,needle", [
    (["bogus"], "FORMAT"),
    (["html", "--actor", "Nobody"], "unknown actor"),
    (["html", "--as-of", "2026-13"], "impossible date"),
    (["html", "--as-of", "soon"], "malformed date"),
    (["html", "--hops", "2"], "--hops needs --actor"),
    (["html", "--type", "befriends"], "unknown relation type"),
    (["html", "--polarity", "angry"], "polarity"),
    (["png", "-o", "-"], "standard output"),
])
def test_cli_bad_input_one_line_error(run, args, needle):
    code, stdout, stderr = run(*args)
    assert code != 0
    assert needle in stderr
    assert len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr


def test_cli_unwritable_path(run, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, stderr = run("dot", "-o", str(blocker / "sub" / "g.dot"))
    assert code == 1 and stderr.startswith("Error: cannot write") and len(stderr.strip().splitlines()) == 1
    code, _, stderr = run("csv", "-o", str(blocker))
    assert code == 1 and "directory" in stderr


def test_bundled_graph_exports(kg, tmp_path):
    """The bundled graph exports in every format (skips until it is compiled)."""
    from actorgraph.store.graph import bundled_graph_path

    if not bundled_graph_path().exists():
        pytest.skip("bundled graph not compiled yet")
    for fmt in FORMATS:
        if fmt in ("svg", "png"):
            pytest.importorskip("matplotlib")
        written = export(kg, fmt, tmp_path / ("csv" if fmt == "csv" else f"g.{fmt}"), as_of="2026-03")
        assert all(p.stat().st_size > 100 for p in written)


def test_the_map_is_the_same_page_from_every_process(tmp_path):
    """Layout, camps and sides do not depend on the process's hash seed: the page can be diffed and versioned."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    pages = []
    for seed in ("0", "1"):
        out = tmp_path / f"map-{seed}.html"
        env = {k: v for k, v in os.environ.items() if k != "ACTORGRAPH_GRAPH"} | {"PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", "from actorgraph.cli import main; main()", "export", "html",
                        "--actor", "Pakistan", "--hops", "1", "-o", str(out)], cwd=root, env=env, check=True,
                       capture_output=True)
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]
