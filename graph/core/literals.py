"""Typed literals in the one spelling Oxigraph keeps: ``"1.0"^^xsd:decimal`` is ``"1"``.

Oxigraph stores numbers, booleans and date-times by value and hands back
its own spelling of each; rdflib keeps (and partly re-spells) what it
read. Two spellings of one value are two RDF terms to rdflib: a TriG
workspace holding ``"1.0"`` and an import bringing ``"1"`` would give a
figure two values. Every literal that enters a graph through rdflib (a
file read, an import, a write) is therefore spelled as Oxigraph spells it,
by asking Oxigraph itself (an in-memory store, once per distinct literal),
so the engine and the files never disagree.

>>> from rdflib import XSD, Literal
>>> str(canonical(Literal("1.0", datatype=XSD.decimal)))
'1'
>>> str(canonical(Literal("2025-10", datatype=XSD.gYearMonth)))
'2025-10'
>>> canonical(Literal("Kabul")) == Literal("Kabul")
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from rdflib import Literal

__all__ = ["canonical", "canonical_triple", "canonical_quads", "canonicalize", "respell"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
#: Datatypes whose literals keep their spelling everywhere (text): no store is asked.
_AS_WRITTEN = {_XSD + "string", _XSD + "anyURI", _XSD + "normalizedString", _XSD + "token", _XSD + "language"}


def _needs_asking(term: Any) -> bool:
    if type(term) is not Literal:
        return False
    datatype = term.datatype
    return datatype is not None and datatype.startswith(_XSD) and datatype not in _AS_WRITTEN


@lru_cache(maxsize=1)
def _scratch():
    """One in-memory Oxigraph store and the subject/predicate its probes use."""
    import pyoxigraph as ox

    return ox, ox.Store(), ox.NamedNode("urn:x-actorgraph:literal"), ox.NamedNode("urn:x-actorgraph:spelling")


@lru_cache(maxsize=100_000)
def _spelling(lexical: str, datatype: str) -> str:
    ox, store, subject, predicate = _scratch()
    quad = ox.Quad(subject, predicate, ox.Literal(lexical, datatype=ox.NamedNode(datatype)))
    store.add(quad)
    try:
        return next(iter(store.quads_for_pattern(subject, predicate, None))).object.value
    finally:
        store.remove(quad)  # (clear() costs 0.2 ms a call: a second for a big import's distinct values)


def canonical(term: Any) -> Any:
    """``term`` spelled as Oxigraph keeps it (literals of XSD value types); other terms unchanged."""
    if not _needs_asking(term):
        return term
    spelled = _spelling(str(term), str(term.datatype))
    if spelled == str(term):
        return term
    # normalize=False: rdflib would re-spell some values its own way ("1"^^xsd:double as "1.0")
    return Literal(spelled, datatype=term.datatype, normalize=False)


def canonical_triple(triple: tuple) -> tuple:
    """A triple with its object canonical (subjects and predicates are never literals)."""
    s, p, o = triple
    c = canonical(o)
    return triple if c is o else (s, p, c)


def canonical_quads(quads: Iterable[tuple]) -> Iterator[tuple]:
    """Quads ``(s, p, o, g)`` with canonical objects."""
    for s, p, o, g in quads:
        yield s, p, canonical(o), g


def canonicalize(graph) -> int:
    """Re-spell, in place, the literals of an rdflib ``Graph`` or ``Dataset``; return how many changed."""
    if hasattr(graph, "quads") and hasattr(graph, "graph"):  # a Dataset: every named graph, default included
        targets = list(graph.graphs())
    else:
        targets = [graph]
    known: dict[Literal, Any] = {}  # each distinct literal asked once (a graph repeats its dates and figures)
    changed = 0
    for target in targets:
        swaps = []
        for triple in target:
            o = triple[2]
            if type(o) is not Literal:
                continue
            c = known.get(o)
            if c is None:
                c = known[o] = canonical(o)
            if c is not o and str(c) != str(o):  # an equal literal met before maps to itself
                swaps.append((triple, (triple[0], triple[1], c)))
        for old, new in swaps:
            target.remove(old)
            target.add(new)
        changed += len(swaps)
    return changed


#: Datatype IRI → whether its literals are asked (:func:`_needs_asking`), filled as met.
_ASKED: dict = {}


def respell(triples: set, fine: set[int] | None = None, spelled: dict[int, Any] | None = None) -> int:
    """Re-spell, in place, the objects of a set of triples (a write's sink); return how many changed.

    ``fine`` (ids of literal objects found spelled right) and ``spelled`` (id of a literal object → its
    Oxigraph spelling) may be shared by the calls on the parts of one write; the objects must outlive it
    (a staged load's sink holds them). An import shares one literal object among many triples ("0.0",
    every row's figure): it is asked, and its new spelling made, once.

    >>> from rdflib import XSD, URIRef
    >>> sink = {(URIRef("urn:a"), URIRef("urn:v"), Literal("2.0", datatype=XSD.decimal))}
    >>> respell(sink), str(next(iter(sink))[2])
    (1, '2')
    """
    asked = _ASKED
    fine = set() if fine is None else fine
    spelled = {} if spelled is None else spelled
    swaps = []
    for t in triples:  # millions of triples on a big import: the type test inline
        o = t[2]
        if type(o) is not Literal or id(o) in fine:
            continue
        c = spelled.get(id(o))
        if c is None:
            datatype = o.datatype
            if datatype is None:
                continue
            ask = asked.get(datatype)
            if ask is None:
                ask = asked[datatype] = _needs_asking(o)
            c = canonical(o) if ask else o
            if c is o:
                fine.add(id(o))
                continue
            spelled[id(o)] = c
        swaps.append((t, (t[0], t[1], c)))
    for old, new in swaps:
        triples.discard(old)
        triples.add(new)
    return len(swaps)
