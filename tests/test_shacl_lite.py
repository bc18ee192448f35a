"""The per-write SHACL check (graph.write.shacl_lite) gives pyshacl's verdicts on our shapes."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SH, XSD

from actorgraph.core.vocab import AG, AGD
from actorgraph.write.shacl_lite import compile_shapes, problems
from actorgraph.write.validate import shacl_graph_problems, shapes_path

ST = AGD["statement/t1"]


def skeleton(kg) -> list:
    return [t for t in kg.ontology.graph if t[1] in (RDF.type, RDFS.subClassOf)]


def base(kg) -> Graph:
    g = Graph()
    for t in skeleton(kg):
        g.add(t)
    src = AGD["source/s"]
    g.add((src, RDF.type, AG.SourceDocument))
    g.add((src, URIRef("http://purl.org/dc/terms/title"), Literal("A source")))
    g.add((src, URIRef("http://purl.org/dc/terms/issued"), Literal("2026-01-02", datatype=XSD.date)))
    for actor, label in ((AGD.a, "Actor A"), (AGD.b, "Actor B"), (AGD.c, "Actor C")):
        g.add((actor, RDF.type, AG.State))
        g.add((actor, RDFS.label, Literal(label)))
    g.add((ST, RDF.type, AG.Statement))
    g.add((ST, AG.subject, AGD.a))
    g.add((ST, AG.predicate, AG.attacks))
    g.add((ST, AG.object, AGD.b))
    g.add((ST, AG.quote, Literal("A attacked B, the report says.")))
    g.add((ST, AG.source, src))
    return g


def broken(kg):
    """(name, graph) pairs: one conforming graph and one per kind of violation."""
    def edit(remove=(), add=()):
        g = base(kg)
        for t in remove:
            g.remove(t)
        for t in add:
            g.add(t)
        return g

    quote = (ST, AG.quote, Literal("A attacked B, the report says."))
    yield "conforms", edit()
    yield "no quote", edit(remove=[quote])
    yield "short quote", edit(remove=[quote], add=[(ST, AG.quote, Literal("short"))])
    yield "quote with a language", edit(remove=[quote], add=[(ST, AG.quote, Literal("A attacked B, it says.", lang="en"))])
    yield "two subjects", edit(add=[(ST, AG.subject, AGD.c)])
    yield "subject not an actor", edit(add=[(ST, AG.subject, AGD["source/s"])], remove=[(ST, AG.subject, AGD.a)])
    yield "unknown predicate", edit(remove=[(ST, AG.predicate, AG.attacks)], add=[(ST, AG.predicate, AGD.nothing)])
    yield "object and parties", edit(add=[(ST, AG.party, AGD.a), (ST, AG.party, AGD.c)])
    yield "one party only", edit(remove=[(ST, AG.object, AGD.b)], add=[(ST, AG.party, AGD.c)])
    yield "two parties", edit(remove=[(ST, AG.object, AGD.b)], add=[(ST, AG.party, AGD.c), (ST, AG.party, AGD.b)])
    yield "literal object", edit(remove=[(ST, AG.object, AGD.b)], add=[(ST, AG.object, Literal("B"))])
    yield "bad start datatype", edit(add=[(ST, AG.start, Literal("2020"))])
    yield "ill-typed date", edit(add=[(ST, AG.startEarliest, Literal("2020-13-45", datatype=XSD.date))])
    yield "no source", edit(remove=[(ST, AG.source, AGD["source/s"])])
    yield "actor without label", edit(remove=[(AGD.c, RDFS.label, Literal("Actor C"))])
    yield "actor with two labels", edit(add=[(AGD.c, RDFS.label, Literal("C again"))])
    yield "status not a status", edit(add=[(ST, AG.status, AGD.a)])
    yield "source without date", edit(remove=[(AGD["source/s"], URIRef("http://purl.org/dc/terms/issued"),
                                               Literal("2026-01-02", datatype=XSD.date))])


def focus_paths(lines: list[str]) -> set[tuple[str, str]]:
    out = set()
    for line in lines:
        head = line.removeprefix("shacl: ").split(": ", 1)[0]
        focus, _, path = head.partition(" ")
        out.add((focus, path))
    return out


@pytest.fixture(scope="module")
def shapes():
    compiled = compile_shapes(Graph().parse(shapes_path()))
    assert compiled is not None
    return compiled


def test_same_verdicts_as_pyshacl(kg, shapes):
    seen_violations = 0
    for name, g in broken(kg):
        ours = problems(g, shapes)
        theirs = shacl_graph_problems(g)
        assert focus_paths(ours) == {fp for fp in focus_paths(theirs)}, name
        assert bool(ours) == (name not in ("conforms", "two parties")), name  # two parties: a mediation
        seen_violations += bool(ours)
    assert seen_violations == 16


def test_the_bundled_graph_conforms(kg, shapes):
    data = kg.data()
    for t in skeleton(kg):
        data.add(t)
    assert problems(data, shapes) == []


def test_unknown_constructs_fall_back_to_pyshacl():
    g = Graph().parse(shapes_path())
    shape = next(g.subjects(RDF.type, SH.NodeShape))
    g.add((shape, SH.closed, Literal(True)))
    assert compile_shapes(g) is None
