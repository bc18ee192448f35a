"""The filters shared by every export, and the selection they produce.

``select(kg, as_of=, actor=, hops=, types=, polarity=)`` returns a
:class:`Selection`: the nodes (actors, and any place a relation points at),
the relations (statements) kept, and the edges they make (one per statement,
or one per party for a mediation, id ``<statement>#<party>``).

* ``as_of`` keeps the relations active that day (the as-of rule of
  :mod:`graph.core.dates`; potential/proposed relations are never active);
* ``types`` (relation types by name or label, sub-properties included) and
  ``polarity`` keep matching relations;
* ``actor`` + ``hops`` keep the actor's neighbourhood: every node within
  ``hops`` relations of it (over the relations the other filters kept), and
  every kept relation between two such nodes (like ``networkx.ego_graph``).

With no filter at all every actor is kept, even one with no relation (a
place only when a relation names it); otherwise the nodes are those the kept
relations touch (plus the focus actor).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..core.dates import parse_day
from ..core.errors import ActorGraphError
from ..model.records import Actor, Relation, Source, local_id
from ..model.reads import _sort_date, relations, sources
from ..model.names import actors, label_of, node_records, places, resolve
from ..model.records import iri as data_iri
from ..store.graph import ActorGraph

__all__ = ["Edge", "Selection", "select", "neighbourhood", "ExportError"]


class ExportError(ActorGraphError):
    """An export cannot be written (bad format, bad path, bad option)."""


@dataclass
class Edge:
    """One drawn edge: a statement, or one party of a mediation."""

    id: str
    source: str
    target: str
    relation: Relation


@dataclass
class Selection:
    """What an export shows: nodes, relations, edges and the filters applied."""

    nodes: dict[str, Actor]
    relations: list[Relation]
    edges: list[Edge]
    sources: list[Source]
    as_of: str | None = None
    actor: str | None = None
    hops: int | None = None
    types: list[str] = field(default_factory=list)
    polarity: str | None = None

    @property
    def filtered(self) -> bool:
        """True when any filter was given."""
        return bool(self.as_of or self.actor or self.types or self.polarity)

    def describe(self) -> str:
        """The filters in words (for captions), '' when none."""
        parts = []
        if self.as_of:
            parts.append(f"as of {self.as_of}")
        if self.actor:
            label = self.nodes[self.actor].label if self.actor in self.nodes else self.actor
            parts.append(f"within {self.hops} hop{'s' if self.hops != 1 else ''} of {label}")
        if self.types:
            parts.append("types: " + ", ".join(self.types))
        if self.polarity:
            parts.append(f"{self.polarity} relations")
        return "; ".join(parts)


def edges_of(rels: list[Relation]) -> list[Edge]:
    """The edges of relations: one per statement, one per party of a mediation."""
    out = []
    for rel in rels:
        ends = rel.ends()
        for other in ends:
            out.append(Edge(rel.id if len(ends) == 1 else f"{rel.id}#{other}", rel.subject, other, rel))
    return out


def neighbourhood(kg: ActorGraph, focus: str, hops: int, **filters) -> list[Relation]:
    """The relations between actors within ``hops`` relations of ``focus`` (like ``networkx.ego_graph``
    over the relations ``filters`` keep), read hop by hop from the store: one query per hop for the
    relations of that hop's actors, and one for those between actors on the last hop.

    >>> from actorgraph import load
    >>> sorted({r.subject for r in neighbourhood(load(), "ttp", 0)})
    []
    """
    near = {focus: 0}
    frontier = {focus}
    found: dict[str, Relation] = {}
    for depth in range(hops):
        if not frontier:
            break
        batch = relations(kg, actor=frontier, **filters)
        found.update((r.id, r) for r in batch)
        reached = set()
        for rel in batch:
            for other in rel.ends():  # an edge subject—end, as in the exports' adjacency
                for a, b in ((rel.subject, other), (other, rel.subject)):
                    if a in frontier and b not in near:
                        near[b] = depth + 1
                        reached.add(b)
        frontier = reached
    if frontier:  # relations between two actors of the last hop
        found.update((r.id, r) for r in relations(kg, actor=frontier, with_=frontier, **filters))
    rels = [r for r in found.values() if r.subject in near and all(e in near for e in r.ends())]
    rels.sort(key=lambda r: (_sort_date(r.start), r.subject_label, r.predicate, r.object_label, r.id))
    return rels


def select(
    kg: ActorGraph,
    as_of: str | dt.date | None = None,
    actor: str | None = None,
    hops: int | None = None,
    types: list[str] | tuple[str, ...] | str | None = None,
    polarity: str | None = None,
) -> Selection:
    """Apply the shared export filters; see the module doc."""
    if isinstance(types, str):
        types = [types]
    types = list(types or [])
    if hops is not None and actor is None:
        raise ExportError("--hops needs --actor (the actor whose neighbourhood to keep)")
    if hops is None:
        hops = 1
    if hops < 0:
        raise ExportError(f"--hops must be 0 or more, not {hops}")
    day = parse_day(as_of) if as_of is not None else None
    focus = None
    if actor is not None:  # the neighbourhood, hop by hop, from the store
        focus = local_id(resolve(kg, actor))
        rels = neighbourhood(kg, focus, hops, type=types or None, polarity=polarity, as_of=day)
        touched = {focus} | {e for r in rels for e in (r.subject, *r.ends())}
        everything = node_records(kg, touched)
        actor_ids = set()
    else:
        rels = relations(kg, type=types or None, polarity=polarity, as_of=day)
        everything = {a.id: a for a in actors(kg)}
        actor_ids = set(everything)
        for place in places(kg):
            everything.setdefault(place.id, place)

    edges = edges_of(rels)
    wanted = {e.source for e in edges} | {e.target for e in edges}
    if not (as_of or actor or types or polarity):
        wanted |= actor_ids  # every actor, even one with no relation; places only when a relation names them
    elif focus is not None:
        wanted.add(focus)
    for node in wanted - set(everything):
        everything[node] = Actor(id=node, label=label_of(kg, data_iri(node)) or node, type="")
    nodes = {n: everything[n] for n in sorted(wanted, key=lambda n: (everything[n].label.lower(), n))}
    used = {r.source for r in rels if r.source}
    all_sources = sources(kg)
    srcs = [s for s in all_sources if s.id in used] if (as_of or actor or types or polarity) else all_sources
    if not srcs:  # nothing selected: the caption still names what the graph holds
        srcs = all_sources
    return Selection(
        nodes=nodes,
        relations=rels,
        edges=edges,
        sources=srcs,
        as_of=day.isoformat() if day is not None and isinstance(as_of, dt.date) else as_of,
        actor=focus,
        hops=hops if actor is not None else None,
        types=types,
        polarity=polarity,
    )
