"""The SHACL Core subset our shapes use, evaluated in plain Python (for the per-write check).

A write validates a few dozen triples; importing pyshacl (and the rdflib
SPARQL parser it pulls in) costs more than the rest of an ``add`` at a
million triples. ``graph/data/shapes.ttl`` uses only node shapes with
``sh:targetClass`` and property shapes on plain paths with ``sh:minCount``,
``sh:maxCount``, ``sh:class``, ``sh:datatype``, ``sh:nodeKind sh:IRI``,
``sh:minLength``, ``sh:message``, plus one ``sh:xone`` of such shapes:
:func:`problems` evaluates exactly that, with pyshacl's semantics (a test
compares both on conforming and broken graphs). Shapes using anything else
make :func:`compile_shapes` return ``None``, and the caller falls back to
pyshacl. ``actorgraph validate`` (the whole graph) always uses pyshacl.

>>> from rdflib import Graph
>>> from actorgraph.write.validate import shapes_path
>>> compile_shapes(Graph().parse(shapes_path())) is not None
True
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

__all__ = ["NodeShape", "PropertyShape", "compile_shapes", "problems"]

_NODE_KEYS = {RDF.type, SH.targetClass, SH.property, SH.xone}
_PROPERTY_KEYS = {SH.path, SH.minCount, SH.maxCount, SH["class"], SH.datatype, SH.nodeKind, SH.minLength, SH.message}


@dataclass
class PropertyShape:
    """One ``sh:property`` on a plain IRI path."""

    path: URIRef
    min_count: int | None = None
    max_count: int | None = None
    cls: URIRef | None = None
    datatype: URIRef | None = None
    iri_only: bool = False
    min_length: int | None = None
    message: str | None = None


@dataclass
class NodeShape:
    """A node shape: its target class, property shapes and ``sh:xone`` alternatives."""

    name: URIRef | BNode
    target: URIRef | None
    properties: list[PropertyShape] = field(default_factory=list)
    xone: list[list[PropertyShape]] = field(default_factory=list)


def _int(g: Graph, node, prop) -> int | None:
    value = g.value(node, prop)
    return int(value) if value is not None else None


def _property(g: Graph, node) -> PropertyShape | None:
    if any(p not in _PROPERTY_KEYS for p in g.predicates(node)):
        return None
    path = g.value(node, SH.path)
    kind = g.value(node, SH.nodeKind)
    if not isinstance(path, URIRef) or (kind is not None and kind != SH.IRI):
        return None
    message = g.value(node, SH.message)
    return PropertyShape(path, _int(g, node, SH.minCount), _int(g, node, SH.maxCount), g.value(node, SH["class"]),
                         g.value(node, SH.datatype), kind == SH.IRI, _int(g, node, SH.minLength),
                         str(message) if message is not None else None)


def compile_shapes(g: Graph) -> list[NodeShape] | None:
    """Our shapes as :class:`NodeShape` records, or ``None`` if they use more than this module evaluates."""
    shapes = []
    for name in set(g.subjects(RDF.type, SH.NodeShape)):
        if any(p not in _NODE_KEYS for p in g.predicates(name)):
            return None
        shape = NodeShape(name, g.value(name, SH.targetClass))
        for node in g.objects(name, SH.property):
            prop = _property(g, node)
            if prop is None:
                return None
            shape.properties.append(prop)
        for head in g.objects(name, SH.xone):
            for alternative in Collection(g, head):
                if any(p != SH.property for p in g.predicates(alternative)):
                    return None
                props = [_property(g, n) for n in g.objects(alternative, SH.property)]
                if any(p is None for p in props):
                    return None
                shape.xone.append(props)
        shapes.append(shape)
    return shapes


def _short(node) -> str:
    text = str(node)
    for prefix in ("https://w3id.org/actorgraph/id/", "https://w3id.org/actorgraph/ontology#"):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


class _Types:
    """``rdf:type/rdfs:subClassOf*`` over the data graph (which carries the ontology's class tree)."""

    def __init__(self, g: Graph):
        self.g = g
        self._supers: dict = {}

    def supers(self, cls) -> set:
        if cls not in self._supers:
            seen, todo = {cls}, [cls]
            while todo:
                for up in self.g.objects(todo.pop(), RDFS.subClassOf):
                    if up not in seen:
                        seen.add(up)
                        todo.append(up)
            self._supers[cls] = seen
        return self._supers[cls]

    def is_a(self, node, cls) -> bool:
        return any(cls in self.supers(t) for t in self.g.objects(node, RDF.type))


def _value_problems(prop: PropertyShape, values: list, types: _Types) -> list[str]:
    out = []
    if prop.min_count is not None and len(values) < prop.min_count:
        out.append(f"fewer than {prop.min_count} values")
    if prop.max_count is not None and len(values) > prop.max_count:
        out.append(f"more than {prop.max_count} values")
    for v in values:
        if prop.cls is not None and not types.is_a(v, prop.cls):
            out.append(f"value {_short(v)} is not a {_short(prop.cls)}")
        if prop.datatype is not None and not _has_datatype(v, prop.datatype):
            out.append(f"value {v!s} is not a {_short(prop.datatype)}")
        if prop.iri_only and not isinstance(v, URIRef):
            out.append(f"value {v!s} is not an IRI")
        if prop.min_length is not None and (isinstance(v, BNode) or len(str(v)) < prop.min_length):
            out.append(f"value {v!s} is shorter than {prop.min_length}")
    return out


def _has_datatype(value, datatype) -> bool:
    if not isinstance(value, Literal) or getattr(value, "ill_typed", False):
        return False
    if datatype == XSD.string:
        return value.language is None and value.datatype in (None, XSD.string)
    return value.datatype == datatype


def problems(data: Graph, shapes: list[NodeShape]) -> list[str]:
    """``shacl: FOCUS PATH: MESSAGE`` lines (as :func:`graph.write.validate.shacl_graph_problems` words them)."""
    types = _Types(data)
    out: set[str] = set()
    for shape in shapes:
        if shape.target is None:
            continue
        focus_nodes = {s for s in data.subjects(RDF.type, None) if types.is_a(s, shape.target)}
        for focus in focus_nodes:
            for prop in shape.properties:
                found = _value_problems(prop, list(data.objects(focus, prop.path)), types)
                for reason in found:
                    out.add(f"shacl: {_short(focus)} {_short(prop.path)}: {prop.message or reason}")
            if shape.xone:
                conforming = sum(
                    1 for alternative in shape.xone
                    if not any(_value_problems(p, list(data.objects(focus, p.path)), types) for p in alternative)
                )
                if conforming != 1:
                    out.add(f"shacl: {_short(focus)}: conforms to {conforming} of the {len(shape.xone)} "
                            "sh:xone alternatives, not exactly one")
    return sorted(out)
