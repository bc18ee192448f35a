"""Read the ontology: relation types with polarity, symmetry and inverses; classes.

The ontology ships inside the package (``graph/data/ontology.ttl``, the
same file as ``ontology.ttl`` at the repository root). Analysis and exports
read polarity from here, never from hard-coded lists.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef

from .errors import UnknownNameError
from .vocab import AG

__all__ = [
    "RelationType",
    "Ontology",
    "ontology_path",
    "load_ontology",
    "POLARITIES",
    "tie_rank",
]

POLARITIES = ("friendly", "hostile", "neutral")
_SIGN = {"friendly": 1, "hostile": -1, "neutral": 0}


def _decimal(value) -> float | None:
    return None if value is None else float(value)


def ontology_path() -> Path:
    """Return the path of the packaged ``ontology.ttl``."""
    return Path(str(resources.files("actorgraph") / "data" / "ontology.ttl"))


@dataclass(frozen=True)
class RelationType:
    """One relation type (object property) of the ontology."""

    iri: URIRef
    name: str
    label: str
    polarity: str
    symmetric: bool
    inverse: URIRef | None
    definition: str
    #: place on the conflict-cooperation scale (ag:intensity, Goldstein/CAMEO); None: structural, not a tie
    intensity: float | None = None
    #: where the intensity comes from (ag:intensityBasis)
    intensity_basis: str = ""

    @property
    def sign(self) -> int:
        """+1 friendly, -1 hostile, 0 neutral."""
        return _SIGN[self.polarity]


class Ontology:
    """The parsed ontology with lookups for relation types and classes.

    >>> onto = load_ontology()
    >>> onto.relation("attacks").polarity
    'hostile'
    >>> onto.relation("rival of").symmetric
    True
    """

    def __init__(self, graph: Graph):
        self.graph = graph
        self.relations: dict[URIRef, RelationType] = {}
        for prop in graph.subjects(AG.polarity, None):
            pol = graph.value(prop, AG.polarity)
            polarity = str(graph.value(pol, RDFS.label) or "neutral")
            self.relations[prop] = RelationType(
                iri=prop,
                name=_local(prop),
                label=str(graph.value(prop, RDFS.label) or _local(prop)),
                polarity=polarity,
                symmetric=(prop, RDF.type, OWL.SymmetricProperty) in graph,
                inverse=graph.value(prop, OWL.inverseOf),
                definition=str(graph.value(prop, SKOS.definition) or ""),
                intensity=_decimal(graph.value(prop, AG.intensity)),
                intensity_basis=str(graph.value(prop, AG.intensityBasis) or ""),
            )
        self.classes: dict[URIRef, str] = {
            cls: str(graph.value(cls, RDFS.label) or _local(cls))
            for cls in graph.subjects(RDF.type, OWL.Class)
            if isinstance(cls, URIRef) and str(cls).startswith(str(AG))
        }

    # -- relation types -------------------------------------------------
    def relation(self, name: str | URIRef) -> RelationType:
        """Resolve a relation type by IRI, local name or label (case-insensitive)."""
        if isinstance(name, URIRef) and name in self.relations:
            return self.relations[name]
        key = _norm(str(name).rsplit("#", 1)[-1])
        # indexed: records resolve their predicate once each (hundreds of scans of every type otherwise)
        index = self.__dict__.get("_relation_index")
        if index is None or index[0] != len(self.relations):
            by_key: dict[str, RelationType] = {}
            for rel in self.relations.values():  # the first type whose name or label matches wins
                by_key.setdefault(_norm(rel.name), rel)
                by_key.setdefault(_norm(rel.label), rel)
            index = self.__dict__["_relation_index"] = (len(self.relations), by_key)
        if key in index[1]:
            return index[1][key]
        names = sorted(r.name for r in self.relations.values())
        raise UnknownNameError(str(name), difflib.get_close_matches(str(name), names, n=3), "relation type")

    def tie_order(self) -> dict[str, int]:
        """Relation type name → its rank by tie weight (0 = strongest).

        The order every table, tooltip and brief leads with: the strongest
        ``|ag:intensity|`` first (war and force, then alliance and support,
        diplomacy, attitudes), structural types (no intensity) last, ties
        broken by name so the order is stable.

        >>> order = load_ontology().tie_order()
        >>> order["atWarWith"] < order["alliedWith"] < order["accuses"] < order["partOf"]
        True
        """
        cached = self.__dict__.get("_tie_order")
        if cached is None:
            ranked = sorted(self.relations.values(),
                            key=lambda r: (r.intensity is None, -abs(r.intensity or 0.0), r.name))
            cached = self.__dict__["_tie_order"] = {r.name: i for i, r in enumerate(ranked)}
        return cached

    def primary_relations(self) -> list[RelationType]:
        """Relation types that are not the declared inverse of another (what statements use)."""
        # declared inverses carry no rdfs:domain; the forward properties do
        return sorted(
            (r for r in self.relations.values() if (r.iri, RDFS.domain, None) in self.graph),
            key=lambda r: r.name,
        )

    # -- classes ---------------------------------------------------------
    def subclasses(self, cls: URIRef) -> set[URIRef]:
        """``cls`` and all its subclasses."""
        return self._descendants(cls, RDFS.subClassOf)

    def subproperties(self, prop: URIRef) -> set[URIRef]:
        """``prop`` and all its sub-properties (``supports`` → ``harbors``…)."""
        return self._descendants(prop, RDFS.subPropertyOf)

    def _descendants(self, term: URIRef, link: URIRef) -> set[URIRef]:
        # memoised: records ask for the same class trees once per actor (thousands of times)
        memo = self.__dict__.setdefault("_memo", {})
        if (term, link) not in memo:
            memo[term, link] = frozenset(self._walk(term, link))
        return set(memo[term, link])

    def _walk(self, term: URIRef, link: URIRef) -> set[URIRef]:
        found = {term}
        frontier = [term]
        while frontier:
            for sub in self.graph.subjects(link, frontier.pop()):
                if sub not in found:
                    found.add(sub)
                    frontier.append(sub)
        return found

    def resolve_class(self, name: str | URIRef, root: URIRef = AG.Actor) -> URIRef:
        """Resolve a class by local name or label among ``root``'s subclasses."""
        candidates = self.subclasses(root)
        key = _norm(str(name).rsplit("#", 1)[-1])
        for cls in candidates:
            if key in (_norm(_local(cls)), _norm(self.classes.get(cls, ""))):
                return cls
        names = sorted(_local(c) for c in candidates)
        raise UnknownNameError(str(name), difflib.get_close_matches(str(name), names, n=3), "type")


def tie_rank(type_name: str) -> int:
    """A relation type's rank in :meth:`Ontology.tie_order` (unknown types last).

    >>> tie_rank("atWarWith") < tie_rank("accuses")
    True
    """
    order = load_ontology().tie_order()
    return order.get(type_name.rsplit("#", 1)[-1], len(order))


def _local(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _norm(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """Parse the packaged ontology once and return it.

    pyoxigraph parses it (~2 ms; rdflib's Turtle parser takes ~60 ms of a
    cold CLI call) into an rdflib graph; rdflib parses it when pyoxigraph
    is missing.
    """
    try:
        import pyoxigraph as ox
    except ImportError:  # pragma: no cover - pyoxigraph is a dependency
        return Ontology(Graph().parse(ontology_path(), format="turtle"))
    graph = Graph()
    graph.bind("ag", str(AG))
    add = graph.add
    for t in ox.parse(path=str(ontology_path()), format=ox.RdfFormat.TURTLE):
        add((_rdflib(t.subject), _rdflib(t.predicate), _rdflib(t.object)))
    return Ontology(graph)


def _rdflib(term):
    """A pyoxigraph term as an rdflib term (the ontology has IRIs, blank nodes and plain, typed or tagged literals)."""
    from rdflib import BNode, Literal

    kind = type(term).__name__
    if kind == "NamedNode":
        return URIRef(term.value)
    if kind == "BlankNode":
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
