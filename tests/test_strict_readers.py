"""GEXF and GraphML read by a strict, independent reader: JGraphT (Debian's libjgrapht-java).

JGraphT's GEXF and GraphML importers validate every file against the
format's XML schema (GEXF 1.2draft, GraphML 1.0) before reading it; a tiny
Java program compiled here imports our exports and prints what it read.
Skipped (with the reason) only when java/javac or the jars are absent
(apt-get install -y default-jdk-headless libjgrapht-java).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from java_tool import java_program

import actorgraph
from actorgraph.core.vocab import AGD
from actorgraph.exports import export, select
from actorgraph.exports.samples import hostile_graph, write_trig

NEEDED = ["jgrapht-core.jar", "jgrapht-io.jar", "commons-text.jar", "jheaps.jar", "antlr4-runtime.jar"]

READER = r"""
import java.io.*;
import java.util.*;
import org.jgrapht.graph.*;
import org.jgrapht.nio.gexf.SimpleGEXFImporter;
import org.jgrapht.nio.graphml.GraphMLImporter;

public class StrictRead {
    public static void main(String[] args) throws Exception {
        DirectedPseudograph<String, DefaultEdge> g = new DirectedPseudograph<>(null, null, false);
        int[] next = {0};
        g.setVertexSupplier(() -> "v" + (next[0]++));
        g.setEdgeSupplier(DefaultEdge::new);
        Set<String> edgeKeys = new TreeSet<>();
        try (Reader r = new InputStreamReader(new FileInputStream(args[1]), "UTF-8")) {
            if (args[0].equals("gexf")) {
                SimpleGEXFImporter<String, DefaultEdge> imp = new SimpleGEXFImporter<>();  // validates by default
                imp.addEdgeAttributeConsumer((p, a) -> edgeKeys.add(p.getSecond()));
                imp.importGraph(g, r);
            } else {
                GraphMLImporter<String, DefaultEdge> imp = new GraphMLImporter<>();  // validates by default
                imp.setVertexFactory(id -> id);
                imp.addEdgeAttributeConsumer((p, a) -> edgeKeys.add(p.getSecond()));
                imp.importGraph(g, r);
            }
        }
        System.out.println(g.vertexSet().size() + " " + g.edgeSet().size() + " " + String.join(",", edgeKeys));
    }
}
"""


@pytest.fixture(scope="module")
def strict_reader(tmp_path_factory):
    """Run JGraphT on a file: returns (vertices, edges, edge attribute names)."""
    run = java_program(tmp_path_factory, "StrictRead", READER, NEEDED, "JGraphT strict reader",
                       "default-jdk-headless libjgrapht-java")

    def read(kind: str, path: Path) -> tuple[int, int, set[str]]:
        proc = run(kind, str(path))
        assert proc.returncode == 0, f"JGraphT refused {path.name}: " + next(
            (line for line in proc.stderr.splitlines() if "Exception;" in line or "SAXParseException" in line),
            proc.stderr[-600:])
        vertices, edges, keys = proc.stdout.split(" ", 2)
        return int(vertices), int(edges), set(keys.strip().split(","))

    return read


@pytest.fixture(scope="module", params=["bundled", "hostile"])
def graph(request, tmp_path_factory):
    """The bundled graph, and a small graph full of markup, quotes and odd ids."""
    if request.param == "bundled":
        return actorgraph.load()
    return actorgraph.load(write_trig(hostile_graph(), tmp_path_factory.mktemp("h") / "hostile.trig"))


def test_gexf_validates_in_jgrapht_and_keeps_spells_and_viz(graph, strict_reader, tmp_path):
    path = export(graph, "gexf", tmp_path / "g.gexf")[0]
    sel = select(graph)
    vertices, edges, keys = strict_reader("gexf", path)
    assert (vertices, edges) == (len(sel.nodes), len(sel.edges))
    assert {"predicate", "polarity", "statement"} <= keys
    root = ET.parse(path).getroot()
    ns = "{http://www.gexf.net/1.2draft}"
    assert root.get("version") == "1.2"
    gel = root.find(f"{ns}graph")
    assert "name" not in gel.attrib and gel.get("mode") == "dynamic" and gel.get("timeformat") == "date"
    dated = [e for e in sel.edges if e.relation.start or e.relation.end]
    assert len(root.findall(f".//{ns}edge/{ns}spells/{ns}spell")) == len(dated) > 0
    assert len(root.findall(f".//{ns}edge/{ns}color")) == len(sel.edges)  # polarity colours
    assert len(root.findall(f".//{ns}node/{ns}color")) == len(sel.nodes)  # actor-type colours
    assert len(root.findall(f".//{ns}node/{ns}size")) == len(sel.nodes)


def test_graphml_validates_in_jgrapht_with_statement_iris(graph, strict_reader, tmp_path):
    path = export(graph, "graphml", tmp_path / "g.graphml")[0]
    sel = select(graph)
    vertices, edges, keys = strict_reader("graphml", path)
    assert (vertices, edges) == (len(sel.nodes), len(sel.edges))
    assert {"statement_iri", "edge_id", "predicate"} <= keys
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    root = ET.parse(path).getroot()
    key_id = next(k.get("id") for k in root.iter(f"{ns}key") if k.get("attr.name") == "statement_iri")
    iris = {d.text for d in root.iter(f"{ns}data") if d.get("key") == key_id}
    assert iris == {str(AGD) + e.relation.id for e in sel.edges}
    statements = {str(s) for s in graph.select("SELECT ?s WHERE { ?s a ag:Statement }") for s in s.values()}
    assert iris <= statements  # real statement IRIs of the graph
