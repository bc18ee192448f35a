"""Every RDF export imports back into a workspace holding the same data, in every format.

An export is read by rdflib and compared with ``rdflib.compare.isomorphic``;
then imported, with something new in it, into fresh workspaces of both
kinds (a TriG file, an Oxigraph store): the import must succeed, add
exactly the new triples, and leave the workspace isomorphic to the data
plus them. Oxigraph keeps typed literals by value ("1.0"^^xsd:decimal
reads back "1"); every write and read is canonical, so no store holds a
second spelling of a value it already has.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

import actorgraph
from actorgraph.core.literals import canonicalize

AG = "https://w3id.org/actorgraph/ontology#"
NEW = URIRef("https://w3id.org/actorgraph/id/newland")
NEW_TRIPLES = [(NEW, RDF.type, URIRef(AG + "State")), (NEW, RDFS.label, Literal("Newland"))]
#: CLI format -> (file extension, rdflib format, keeps named graphs)
FORMATS = {"turtle": (".ttl", "turtle", False), "trig": (".trig", "trig", True), "nt": (".nt", "nt", False),
           "nquads": (".nq", "nquads", True), "jsonld": (".jsonld", "json-ld", True)}


def _parse(path: Path, fmt: str) -> Dataset:
    """The file as any reader sees it, values spelled as the stores keep them: rdflib's Turtle
    writer puts "3"^^xsd:decimal in Turtle's short form ``3.0``, the same value."""
    ds = Dataset()
    ds.parse(path, format=FORMATS[fmt][1])
    canonicalize(ds)
    return ds


def _triples(ds: Dataset) -> Graph:
    out = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        out.add((s, p, o))
    return out


def _data(kg) -> Graph:
    out = Graph()
    for triple in kg.data():
        out.add(triple)
    return out


def _export(cli, fmt: str, folder: Path, *graph: str) -> Path:
    path = folder / f"export{FORMATS[fmt][0]}"
    code, _, err = cli(*graph, "export", fmt, "-o", str(path))
    assert code == 0, err
    return path


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_export_reads_back_as_the_same_graph(cli, kg, fmt, tmp_path):
    ds = _parse(_export(cli, fmt, tmp_path), fmt)
    assert isomorphic(_triples(ds), _data(kg))
    if FORMATS[fmt][2]:  # one named graph per source, each the same
        exported = {g.identifier: g for g in ds.graphs() if len(g)}
        for g in kg.data_graphs():
            assert isomorphic(exported[g.identifier], g), g.identifier


SOURCE = URIRef("https://w3id.org/actorgraph/id/source/ifri-letter-116")


def _with_something_new(path: Path, fmt: str) -> Path:
    """The export as written, plus a new actor appended in the file's own syntax: in the
    letter's named graph where the format has graphs, else outside any (the file's only
    source document then takes them)."""
    out = path.with_name("plus" + path.suffix)
    text = path.read_text(encoding="utf-8")
    lines = [f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in NEW_TRIPLES]
    if fmt == "nt":
        text += "".join(f"{line} .\n" for line in lines)
    elif fmt == "nquads":
        text += "".join(f"{line} {SOURCE.n3()} .\n" for line in lines)
    elif fmt == "turtle":
        text += "\n" + "".join(f"{line} .\n" for line in lines)
    elif fmt == "trig":
        text += f"\n{SOURCE.n3()} {{\n" + "".join(f"{line} .\n" for line in lines) + "}\n"
    else:  # JSON-LD: one more node object in the letter's graph
        doc = json.loads(text)
        node = {"@id": str(NEW), "@type": [AG + "State"], str(RDFS.label): [{"@value": "Newland"}]}
        doc = (doc if isinstance(doc, list) else [doc]) + [{"@id": str(SOURCE), "@graph": [node]}]
        text = json.dumps(doc, ensure_ascii=False)
    out.write_text(text, encoding="utf-8")
    return out


def _import(cli, ws: str, path: Path) -> dict:
    code, out, err = cli("--graph", ws, "import", str(path), "--format", "json")
    assert code == 0, err
    return json.loads(out)


def _init(cli, folder: Path, store: str) -> str:
    target = folder / ("ws.trig" if store == "trig" else "ws")
    code, _, err = cli("init", str(target))
    assert code == 0, err
    return str(target) if store == "trig" else f"oxigraph:{target}"


@pytest.mark.parametrize("store", ["trig", "oxigraph"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_an_export_imports_back_with_something_new(cli, kg, fmt, store, tmp_path):
    plus = _with_something_new(_export(cli, fmt, tmp_path), fmt)
    ws = _init(cli, tmp_path, store)
    report = _import(cli, ws, plus)
    assert (report["actors"], report["sources"], report["triples added"], report["triples removed"]) == (
        1, 0, 2, 0), report
    assert report["statements"] == report["quantities"] == report["events"] == 0, report
    expected = _data(kg)
    for triple in NEW_TRIPLES:
        expected.add(triple)
    assert isomorphic(_data(actorgraph.load(ws)), expected)


@pytest.mark.parametrize("fmt", ["nquads", "jsonld"])  # the other formats write through the same code
@pytest.mark.parametrize("origin, destination", [("oxigraph", "trig"), ("trig", "oxigraph")])
def test_a_workspace_export_imports_into_the_other_kind_of_workspace(cli, fmt, origin, destination, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = _init(cli, tmp_path / "a", origin)
    plus = _with_something_new(_export(cli, fmt, tmp_path, "--graph", first), fmt)
    second = _init(cli, tmp_path / "b", destination)
    report = _import(cli, second, plus)
    assert (report["actors"], report["sources"], report["triples added"]) == (1, 0, 2), report
    expected = _data(actorgraph.load(first))
    for triple in NEW_TRIPLES:
        expected.add(triple)
    assert isomorphic(_data(actorgraph.load(second)), expected)


def test_typed_values_read_the_same_from_every_store(cli, kg, tmp_path):
    """The figure "1.0"^^xsd:decimal of the bundled file is one value, spelled one way, everywhere."""
    trig = _init(cli, tmp_path, "trig")
    ox = _init(cli, tmp_path, "oxigraph")
    query = ("SELECT ?v WHERE { ?q ag:value ?v } ORDER BY ?q")
    spellings = [[str(row["v"]) for row in graph.select(query)] for graph in (kg, actorgraph.load(trig),
                                                                              actorgraph.load(ox))]
    assert spellings[0] == spellings[1] == spellings[2]
    assert "1" in spellings[0] and "1.0" not in spellings[0]
