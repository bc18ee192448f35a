"""Actors and places, their names, and resolving a name a user typed to a node.

Reads through :meth:`actorgraph.store.graph.ActorGraph.select` (the internal
``.rq`` queries), so it works on any store that answers SPARQL.

>>> from actorgraph import load
>>> str(resolve(load(), "TTP")).rsplit("/", 1)[-1]
'ttp'
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from rdflib import RDFS, SKOS, Literal, URIRef

from ..core.errors import UnknownNameError
from ..core.vocab import AG, AGD
from ..store.graph import ActorGraph
from .query_library import internal_query
from .records import Actor, iri, local_id
from .selectors import (
    chunks,
    sparql_term,
    values,
)

__all__ = [
    "actors",
    "places",
    "resolve",
    "resolve_place",
    "suggest",
    "node_records",
    "labels_of",
    "label_of",
]


# ---------------------------------------------------------------------------
# Nodes and names
# ---------------------------------------------------------------------------
def _internal_rows(kg: ActorGraph, name: str, where: str | None = None) -> list[dict[str, Any]]:
    """Rows of an internal query (``graph/queries/_name.rq``), unbound variables left out.

    ``where`` (a group built by the library, e.g. a ``VALUES`` block) goes
    first in the query's WHERE clause: it restricts what the store looks at.
    """
    text = internal_query(name)
    if where is not None:
        start = text.index("WHERE {") + len("WHERE {")
        text = text[:start] + " " + where + text[start:]
    return _rows_of(kg.run_shipped(text))


def _rows_of(result) -> list[dict[str, Any]]:
    names = [str(v) for v in result.vars or []]
    return [{n: row[i] for i, n in enumerate(names) if row[i] is not None} for row in result]


def _nodes(kg: ActorGraph, only: Iterable[URIRef] | None = None) -> dict[URIRef, dict[str, Any]]:
    """Labelled nodes with types, aliases, description and role: all of them (cached), or ``only`` these."""
    if only is not None and "nodes" not in kg._cache:
        return _node_records(kg, values("node", sorted(str(n) for n in only)))
    if "nodes" not in kg._cache:
        kg._cache["nodes"] = _node_records(kg)
    return kg._cache["nodes"]


def _node_records(kg: ActorGraph, where: str | None = None) -> dict[URIRef, dict[str, Any]]:
    nodes: dict[URIRef, dict[str, Any]] = {}
    for row in _internal_rows(kg, "nodes", where):
        rec = nodes.setdefault(
            row["node"], {"label": str(row["label"]), "types": set(), "aliases": [], "description": None, "role": None}
        )
        if "type" in row:
            rec["types"].add(row["type"])
        if "alias" in row and str(row["alias"]) not in rec["aliases"]:
            rec["aliases"].append(str(row["alias"]))
        if "description" in row:
            rec["description"] = str(row["description"])
        if "role" in row:
            rec["role"] = str(row["role"])
    for rec in nodes.values():  # the same order whatever order the engine returns rows in
        rec["aliases"].sort(key=str.lower)
    return nodes


def label_of(kg: ActorGraph, node: URIRef | None) -> str | None:
    """Label of a node (data or ontology), or its short id."""
    if node is None:
        return None
    if "nodes" in kg._cache:
        rec = kg._cache["nodes"].get(node)
        if rec:
            return rec["label"]
        return _term_label(kg, node)
    if not isinstance(node, URIRef):
        return local_id(node)
    return _labels(kg, [str(node)])[str(node)]


def _term_label(kg: ActorGraph, node: URIRef) -> str:
    """Label of an ontology term, else the short id."""
    onto_label = kg.ontology.graph.value(node, RDFS.label)
    return str(onto_label) if onto_label is not None else local_id(node)


def _most_specific(kg: ActorGraph, types: set[URIRef], root: URIRef) -> URIRef | None:
    onto = kg.ontology
    inside = [t for t in types if t in onto.subclasses(root)]
    if not inside:
        return None
    # the most specific: the one with the fewest subclasses
    return min(inside, key=lambda t: (len(onto.subclasses(t)), str(t)))


def _record(kg: ActorGraph, node: URIRef, rec: dict[str, Any], root: URIRef) -> Actor:
    cls = _most_specific(kg, rec["types"], root)
    return Actor(
        id=local_id(node),
        label=rec["label"],
        type=local_id(cls) if cls is not None else "",
        aliases=list(rec["aliases"]),
        description=rec["description"],
        role=rec["role"],
        types=sorted(local_id(t) for t in rec["types"] if str(t).startswith(str(AG))),
    )


def _kind_nodes(kg: ActorGraph, root: URIRef) -> dict[URIRef, dict[str, Any]]:
    classes = kg.ontology.subclasses(root)
    return {n: rec for n, rec in _nodes(kg).items() if rec["types"] & classes}


def node_records(kg: ActorGraph, ids: Iterable[str]) -> dict[str, Actor]:
    """Records of these ids, read by IRI: as an actor, else as a place, else a bare record (label only).

    >>> from actorgraph import load
    >>> node_records(load(), ["ttp"])["ttp"].type
    'TerroristGroup'
    """
    ids = set(ids)
    recs = _nodes(kg, only=[iri(i) for i in ids])
    actor_classes, place_classes = kg.ontology.subclasses(AG.Actor), kg.ontology.subclasses(AG.Place)
    out = {}
    for node_id in ids:
        node = iri(node_id)
        rec = recs.get(node)
        if rec and rec["types"] & actor_classes:
            out[node_id] = _record(kg, node, rec, AG.Actor)
        elif rec and rec["types"] & place_classes:
            out[node_id] = _record(kg, node, rec, AG.Place)
        else:
            out[node_id] = Actor(id=node_id, label=label_of(kg, node) or node_id, type="")
    return out


def actors(kg: ActorGraph, type: str | None = None) -> list[Actor]:
    """All actors, sorted by label; ``type`` keeps one class and its subclasses.

    >>> from actorgraph import load
    >>> [a.label for a in actors(load(), type="InternationalOrganization")]
    ['North Atlantic Treaty Organization']
    """
    if type is None and "actors" in kg._cache:  # analyses ask several times per command
        return [replace(a, aliases=list(a.aliases), types=list(a.types)) for a in kg._cache["actors"]]
    nodes = _kind_nodes(kg, AG.Actor)
    if type is not None:
        wanted = kg.ontology.subclasses(kg.ontology.resolve_class(type, AG.Actor))
        nodes = {n: r for n, r in nodes.items() if r["types"] & wanted}
    out = sorted((_record(kg, n, r, AG.Actor) for n, r in nodes.items()), key=lambda a: a.label.lower())
    if type is None:
        kg._cache["actors"] = [replace(a, aliases=list(a.aliases), types=list(a.types)) for a in out]
    return out


def places(kg: ActorGraph) -> list[Actor]:
    """All places, sorted by label."""
    return sorted(
        (_record(kg, n, r, AG.Place) for n, r in _kind_nodes(kg, AG.Place).items()), key=lambda a: a.label.lower()
    )


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().replace("’", "'")
    words = "".join(ch if ch.isalnum() else " " for ch in text).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _name_index(kg: ActorGraph) -> dict[str, URIRef]:
    if "names" not in kg._cache:
        index: dict[str, URIRef] = {}
        nodes = _kind_nodes(kg, AG.Actor)
        # labels and ids win over aliases when two actors share a name
        for node, rec in nodes.items():
            for alias in rec["aliases"]:
                index.setdefault(_norm(alias), node)
        for node, rec in nodes.items():
            index[_norm(rec["label"])] = node
            index[_norm(local_id(node))] = node
        kg._cache["names"] = index
    return kg._cache["names"]


def suggest(kg: ActorGraph, name: str, n: int = 3) -> list[str]:
    """Labels of actors whose label or alias is close to ``name``."""
    index = _name_index(kg)
    close = difflib.get_close_matches(_norm(name), list(index), n=n * 3, cutoff=0.6)
    labels: list[str] = []
    for key in close:
        label = label_of(kg, index[key])
        if label not in labels:
            labels.append(label)
    return labels[:n]


def resolve(kg: ActorGraph, name: str) -> URIRef:
    """Resolve a label, alias or id to an actor IRI (case, accents, "the" ignored).

    Raises :class:`~actorgraph.core.errors.UnknownNameError` with "did you mean"
    suggestions.

    >>> from actorgraph import load
    >>> local_id(resolve(load(), "Islamabad"))
    'pakistan'
    """
    if isinstance(name, URIRef):
        return name
    key = _norm(name)
    if "names" in kg._cache:
        node = kg._cache["names"].get(key)
    else:
        node = _lookup_name(kg, name, AG.Actor)
        if node is None:
            node = _name_index(kg).get(key)
    if node is None:
        raise UnknownNameError(name, suggest(kg, name))
    return node


def _lookup_name(kg: ActorGraph, name: str, root: URIRef) -> URIRef | None:
    """An actor (or place) whose label, alias or id is ``name`` as typed or in a usual case, found
    through the store's index on values; ``None`` sends the caller to the normalised scan.

    A label or id wins over an alias (as in the scan); among equals the smallest IRI.
    """
    key = _norm(name)
    if not key:
        return None
    spellings = {name, name.strip(), key, key.title(), key.upper(), key.capitalize()}
    slug = AGD[key.replace(" ", "-")]
    # Flat: each UNION branch opens with its own VALUES, no BIND. Virtuoso 7 drops a multi-row
    # VALUES that sits in a group around an inner UNION with BINDs (every label matched). The
    # class check in the store (its ontology graph: no need to parse the ontology here), in its
    # own sub-select (LIMIT: not merged into the join; Virtuoso loses rows of the path joined on ?type).
    query = (
        "SELECT ?node ?name ?type WHERE { { "
        + values("l", [Literal(t) for t in sorted(spellings)])
        + " VALUES ?name { rdfs:label skos:altLabel } ?node ?name ?l } UNION { "
        + values("node", [slug]) + " ?node a ?any } "
        + "?node a ?type . { SELECT ?type WHERE { ?type rdfs:subClassOf* " + sparql_term(root)
        + " } LIMIT 100000 } }"
    )
    found: dict[str, set[str]] = defaultdict(set)
    alias = str(SKOS.altLabel)
    for node, name, _ in kg.select_values(query)[1]:
        found["alias" if name == alias else "label"].add(node)
    for kind in ("label", "alias"):
        if found[kind]:
            return URIRef(min(found[kind]))
    return None


def resolve_place(kg: ActorGraph, name: str) -> URIRef:
    """Resolve a place by label, alias or id, then as an actor (a state is a place too).

    >>> from actorgraph import load
    >>> local_id(resolve_place(load(), "kabul"))
    'kabul'
    """
    index = kg._cache.get("place_names")
    if index is None:
        node = _lookup_name(kg, name, AG.Place)
        if node is not None:
            return node
        index = {}
        for node, rec in _kind_nodes(kg, AG.Place).items():
            for alias in rec["aliases"]:
                index.setdefault(_norm(alias), node)
            index[_norm(rec["label"])] = node
            index[_norm(local_id(node))] = node
        kg._cache["place_names"] = index
    node = index.get(_norm(name))
    if node is not None:
        return node
    try:
        return resolve(kg, name)
    except UnknownNameError:
        close = difflib.get_close_matches(_norm(name), list(index), n=3)
        labels = [label_of(kg, index[c]) for c in close]
        raise UnknownNameError(name, labels + suggest(kg, name, n=2), "place") from None


_P = {name: str(AG[name]) for name in (
    "subject", "predicate", "object", "party", "claimedBy", "start", "end", "quote", "source", "status", "note",
    "about", "evidencedBy", "role", "endCause", "place")}


def _labels(kg: ActorGraph, nodes: Iterable[str]) -> dict[str, str]:
    """Labels of these node IRIs (cached per graph), looked up by IRI in the store."""
    known: dict[str, str] = kg._cache.setdefault("labels", {})
    missing = {n for n in nodes if n not in known}
    if missing and "nodes" in kg._cache:
        for n in list(missing):
            rec = kg._cache["nodes"].get(URIRef(n))
            if rec:
                known[n] = rec["label"]
                missing.discard(n)
    for batch in chunks(sorted(n for n in missing if _is_iri(n))):
        _, rows = kg.select_values(f"SELECT ?n ?l WHERE {{ {values('n', batch)} ?n rdfs:label ?l }}")
        for n, label in rows:
            known.setdefault(n, label)
    for n in missing - set(known):
        known[n] = _term_label(kg, URIRef(n))
    return known


def labels_of(kg: ActorGraph, ids: Iterable[str]) -> dict[str, str]:
    """Labels of nodes given by their short ids (actors, places), for display.

    >>> from actorgraph.store.graph import load
    >>> labels_of(load(), ["pakistan", "afghan-border-areas"])["afghan-border-areas"]
    'Afghan border areas'
    """
    ids = list(ids)
    by_iri = _labels(kg, [str(iri(i)) for i in ids])
    return {i: by_iri.get(str(iri(i))) or i for i in ids}


#: What an analysis record carries (``detail=False``): enough for signs, dates, ends and evidence.


def _is_iri(text: str) -> bool:
    """Whether a node's text can be an IRI (a literal such as a ``dcterms:creator`` name cannot)."""
    return ":" in text and not any(ch in text for ch in ' <>"{}|^`\\')
