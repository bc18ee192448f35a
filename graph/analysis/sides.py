"""Sides: who acts for whom — institutions, officials, leaders and regimes rolled up to one head.

A minister acting, an air force striking and a government negotiating are the
state acting. A **side** is the closure of the *belongs-to* ties active on a
day (the as-of rule of :mod:`graph.core.dates`; potential or proposed statements
never count):

==================  ==========================================================
statement           belongs-to edge (member → the actor it acts for)
==================  ==========================================================
``X partOf Y``      X → Y   (an organ or institution of Y)
``X memberOf Y``    X → Y   (an official of a government, a member body)
``X leaderOf Y``    X → Y   while in office: the tie ends with the term
``X controls Y``    Y → X   (the controlled acts for its controller)
``X governs Y``     Y → X   (a governed state acts through its government)
==================  ==========================================================

The inverse properties (``hasMember``, ``ledBy``, ``controlledBy``,
``governedBy``) give the same edges. ``branchOf`` (an affiliate), ``splinterOf``
and ties to places do not make a side: an affiliate or a splinter acts on its
own account.

Choosing the head
-----------------
Every weakly connected group of the belongs-to graph is one side. Its
**head** is the actor at the top — the one that belongs to no one else in the
group: Pakistan for the Pakistani military, the Federal government of
Pakistan, Imran Khan's government and the Minister of Defense. When several
actors are at the top (two organisations sharing a member), the head is
chosen by kind — a state, then a government, then any other actor — then by
the number of members below it, then by label.

For the Taliban the chain is movement → (controls) → regime → (governs) →
Afghanistan, so the head is **the Taliban movement**: an analyst follows one
actor through the 2021 take-over — the movement Pakistan backed until 2021 is
the one whose regime it fights from 2022 — and the side keeps the same id
(``taliban``) on both sides of the hand-over, so ``diff`` sees the pair
Pakistan–Taliban turn from friendly to hostile. Before mid-2021 (no
``controls``/``governs`` tie active) Afghanistan the state is a side of its
own; from then on it is a member of the Taliban's side.

Without a date (``as_of=None``) every tie counts whatever its dates (the
union over time) — what a query over all time wants; pass ``as_of`` for a
snapshot. :func:`rolled_up_relations` checks the dates relation by relation.

>>> from actorgraph import load
>>> kg = load()
>>> side_map(kg, "2026-03-15")["pakistani-military"]
'pakistan'
>>> sorted(side_members(kg, "Kabul", "2026-03-15"))
['afghanistan', 'amir-muttaqi', 'taliban', 'taliban-army', 'taliban-regime']
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ..core.dates import parse_date, parse_day
from ..model.names import actors, label_of, resolve
from ..model.reads import events, relations, sources
from ..model.records import Event, Relation, iri, local_id
from ..store.graph import ActorGraph

__all__ = [
    "Side",
    "BELONGS_TO",
    "NON_CONFLICT_TYPES",
    "sides",
    "side_map",
    "side_members",
    "belongs_to_ties",
    "side_of_name",
    "rolled_up_relations",
    "events_of_side",
    "same_side_during",
    "side_rows",
    "rolled_up_query",
    "conflict_actors",
]

#: Relation type → True when the subject belongs to the object, False when the object belongs to the subject.
BELONGS_TO: dict[str, bool] = {
    "partOf": True,
    "memberOf": True,
    "leaderOf": True,
    "controls": False,
    "governs": False,
    "hasMember": False,
    "ledBy": False,
    "controlledBy": True,
    "governedBy": True,
}

#: Actor classes outside the conflict: left out of centrality, blocs and communities unless asked.
NON_CONFLICT_TYPES = ("ResearchInstitute", "PopulationGroup")

_HEAD_KIND = {"State": 0, "Government": 1, "DeFactoRegime": 1}


@dataclass(frozen=True)
class Side:
    """One side: its head actor, the head's label and every member (head included, sorted)."""

    side: str
    label: str
    members: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        """The side as a JSON-ready dict (``member_labels`` needs the graph: see :func:`side_rows`)."""
        return {"side": self.side, "label": self.label, "members": list(self.members)}


def belongs_to_ties(kg: ActorGraph, as_of: str | dt.date | None = None, rule: str = "possible") -> list[tuple[str, str, Relation]]:
    """The belongs-to edges active on ``as_of`` (all of them without a date) as ``(member, parent, statement)``.

    >>> from actorgraph import load
    >>> ("pakistani-air-force", "pakistan") in [(a, b) for a, b, _ in belongs_to_ties(load())]
    True
    """
    key = ("sides:ties", str(as_of), rule)
    if key in kg._cache:
        return kg._cache[key]
    day = parse_day(as_of) if as_of is not None else None
    ties = [t for t in _all_belongs_to(kg) if day is None or t[2].active(day, rule)]
    kg._cache[key] = ties
    return ties


def _all_belongs_to(kg: ActorGraph) -> list[tuple[str, str, Relation]]:
    """Every belongs-to edge between two known actors, whatever its dates (read once per graph, cached)."""
    key = ("sides:all-ties",)
    if key in kg._cache:
        return kg._cache[key]
    known = {a.id for a in actors(kg)}
    ties = []
    # only the belongs-to types, filtered in the store; one read for every date, the day filtered by the caller
    for rel in relations(kg, type=sorted(BELONGS_TO), include_hypothetical=False, detail=False):
        up = BELONGS_TO.get(rel.predicate)
        if up is None or not rel.object or rel.object not in known or rel.subject not in known:
            continue
        member, parent = (rel.subject, rel.object) if up else (rel.object, rel.subject)
        if member != parent:
            ties.append((member, parent, rel))
    kg._cache[key] = ties
    return ties


def _groups(kg: ActorGraph, as_of: str | dt.date | None, rule: str) -> dict[str, tuple[str, frozenset[str]]]:
    """actor id → (head id, members) for every actor (a lone actor is its own head)."""
    key = ("sides:groups", str(as_of), rule)
    if key in kg._cache:
        return kg._cache[key]
    ties = belongs_to_ties(kg, as_of, rule)
    same = ("sides:groups-of", tuple((m, p) for m, p, _ in ties))  # dates with the same ties share their sides
    if same in kg._cache:
        kg._cache[key] = kg._cache[same]
        return kg._cache[key]
    kinds = {a.id: a.type for a in actors(kg)}
    labels = {a.id: a.label for a in actors(kg)}
    up: dict[str, set[str]] = defaultdict(set)
    down: dict[str, set[str]] = defaultdict(set)
    near: dict[str, set[str]] = defaultdict(set)
    for member, parent, _ in ties:
        up[member].add(parent)
        down[parent].add(member)
        near[member].add(parent)
        near[parent].add(member)
    out: dict[str, tuple[str, frozenset[str]]] = {}
    for start in sorted(kinds):
        if start in out:
            continue
        group, stack = {start}, [start]
        while stack:
            for other in near[stack.pop()]:
                if other not in group:
                    group.add(other)
                    stack.append(other)
        tops = [a for a in group if not (up[a] & group)] or list(group)
        # the most state-like top, then the one most actors sit below, then the label; walks down only from
        # the tops of the best kind (a walk per top of a large side is most of the cost)
        best = min(_HEAD_KIND.get(kinds.get(a, ""), 2) for a in tops)
        tops = [a for a in tops if _HEAD_KIND.get(kinds.get(a, ""), 2) == best]
        head = tops[0] if len(tops) == 1 else min(tops, key=lambda a: (-_below(a, down), labels.get(a, a).lower()))
        members = frozenset(group)
        for actor in group:
            out[actor] = (head, members)
    kg._cache[key] = kg._cache[same] = out
    return out


def _below(actor: str, down: dict[str, set[str]]) -> int:
    """How many actors reach ``actor`` by belongs-to edges (a walk down from it)."""
    seen, stack = {actor}, [actor]
    while stack:
        for child in down[stack.pop()]:
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return len(seen) - 1


def sides(kg: ActorGraph, as_of: str | dt.date | None = None, rule: str = "possible") -> list[Side]:
    """The sides with at least two members on ``as_of`` (over all time without it), sorted by head label.

    >>> from actorgraph import load
    >>> [s.side for s in sides(load(), "2026-03-15")]
    ['ifri', 'pakistan', 'taliban', 'ttp']
    """
    found: dict[str, frozenset[str]] = {}
    for head, members in _groups(kg, as_of, rule).values():
        if len(members) > 1:
            found[head] = members
    out = [Side(head, label_of(kg, iri(head)), tuple(sorted(members))) for head, members in found.items()]
    return sorted(out, key=lambda s: (s.label.lower(), s.side))


def side_map(kg: ActorGraph, as_of: str | dt.date | None = None, rule: str = "possible") -> dict[str, str]:
    """Every actor id → the id of its side's head (itself when it belongs to no one).

    >>> from actorgraph import load
    >>> m = side_map(load(), "2021-12-31")
    >>> m["pakistan-minister-of-defense"], m["taliban-regime"], m["china"]
    ('pakistan', 'taliban', 'china')
    """
    return {actor: head for actor, (head, _) in _groups(kg, as_of, rule).items()}


def side_members(kg: ActorGraph, actor_id: str, as_of: str | dt.date | None = None, rule: str = "possible") -> set[str]:
    """Every member of the side ``actor_id`` belongs to (the actor alone when it has no side).

    ``actor_id`` may be any name the resolver knows ("Kabul", "TTP").

    >>> from actorgraph import load
    >>> sorted(side_members(load(), "pakistan", "2026-03-15"))[:3]
    ['imran-khan', 'imran-khan-government', 'pakistan']
    """
    node = local_id(resolve(kg, actor_id))
    found = _groups(kg, as_of, rule).get(node)
    return set(found[1]) if found else {node}


def side_of_name(kg: ActorGraph, name: str, as_of: str | dt.date | None = None, rule: str = "possible") -> str:
    """The head id of the side the actor ``name`` belongs to."""
    node = local_id(resolve(kg, name))
    return side_map(kg, as_of, rule).get(node, node)


def side_rows(kg: ActorGraph, as_of: str | dt.date | None = None, rule: str = "possible") -> list[dict[str, Any]]:
    """:func:`sides` as JSON-ready rows ``side, label, members, member_labels, as_of``."""
    return [s.as_dict() | {"member_labels": [label_of(kg, iri(m)) for m in s.members],
                           "as_of": None if as_of is None else str(as_of)}
            for s in sides(kg, as_of, rule)]


# ---------------------------------------------------------------------------
# Roll-up over time: was an actor on a side while a relation held?
# ---------------------------------------------------------------------------
def _breakpoints(kg: ActorGraph, rule: str) -> list[dt.date]:
    """Days on which some belongs-to tie may begin or stop: sides are constant between two of them."""
    days = {dt.date.min}
    for _, _, rel in belongs_to_ties(kg, None, rule):
        if rel.start_date is not None:
            days.add(rel.start_date.earliest if rule == "possible" else rel.start_date.latest)
        if rel.end_date is not None:
            last = rel.end_date.latest if rule == "possible" else rel.end_date.earliest
            if last < dt.date.max:
                days.add(last + dt.timedelta(days=1))
    return sorted(days)


def _segments(kg: ActorGraph, rule: str) -> list[tuple[dt.date, dt.date, dict[str, str]]]:
    key = ("sides:segments", rule)
    if key not in kg._cache:
        days = _breakpoints(kg, rule)
        ends = [d - dt.timedelta(days=1) for d in days[1:]] + [dt.date.max]
        kg._cache[key] = [(lo, hi, side_map(kg, lo, rule)) for lo, hi in zip(days, ends, strict=True)]
    return kg._cache[key]


def _span(rel: Relation) -> tuple[dt.date, dt.date]:
    lo = rel.start_date.earliest if rel.start_date else dt.date.min
    hi = rel.end_date.latest if rel.end_date else dt.date.max
    return lo, hi


def same_side_during(kg: ActorGraph, a: str, b: str, span: Relation | tuple[dt.date, dt.date],
                     rule: str = "possible") -> bool:
    """Whether ``a`` and ``b`` may have been on one side while ``span`` (a relation or two days) held."""
    if a == b:
        return True
    lo, hi = _span(span) if isinstance(span, Relation) else span
    return any(seg_lo <= hi and seg_hi >= lo and sides_then.get(a, a) == sides_then.get(b, b)
               for seg_lo, seg_hi, sides_then in _segments(kg, rule))


def rolled_up_relations(kg: ActorGraph, actor: str | None = None, with_: str | None = None,
                        as_of: str | dt.date | None = None, rule: str = "possible", **filters: Any) -> list[Relation]:
    """:func:`graph.model.reads.relations` with ``actor`` and ``with_`` widened to their sides.

    With ``as_of`` the sides are those of that day. Without it, a relation is
    kept when one of its ends was on the named actor's side while the
    relation held (overlapping dates; undated ties count all the time): so
    the Pakistan–Afghanistan neighbourhood is not filed under the Taliban
    unless its dates allow it.

    >>> from actorgraph import load
    >>> rels = rolled_up_relations(load(), "Pakistan", "Taliban")
    >>> {"taliban", "taliban-regime"} <= {e for r in rels for e in [r.subject, *r.ends()]}
    True
    """
    wanted = [(name, local_id(resolve(kg, name))) for name in (actor, with_) if name is not None]
    sets = {name: side_members(kg, node, as_of, rule) for name, node in wanted}
    rels = relations(kg, actor=sets.get(actor) if actor is not None else None,
                     with_=sets.get(with_) if with_ is not None else None, as_of=as_of, rule=rule, **filters)
    if as_of is not None:
        return rels

    def touches(rel: Relation, node: str) -> bool:
        return any(same_side_during(kg, end, node, rel, rule) for end in {rel.subject, *rel.ends()})

    return [r for r in rels if all(touches(r, node) for _, node in wanted)]


def events_of_side(kg: ActorGraph, name: str, rule: str = "possible") -> list[Event]:
    """Events of any member of ``name``'s side, each kept when that member was on the side on the event's dates.

    >>> from actorgraph import load
    >>> any(e.date == "2026-02" and "pakistani-air-force" in e.agents for e in events_of_side(load(), "Pakistan"))
    True
    """
    node = local_id(resolve(kg, name))
    out = []
    for ev in events(kg, actor=side_members(kg, node, None, rule)):
        lo = parse_date(ev.date).earliest if ev.date else dt.date.min
        hi = parse_date(ev.end or ev.date).latest if ev.date else dt.date.max
        if any(same_side_during(kg, a, node, (lo, hi), rule) for a in {*ev.agents, *ev.targets, *ev.victims, ev.led_by} if a):
            out.append(ev)
    return out


def conflict_actors(kg: ActorGraph) -> set[str]:
    """The conflict's actors: all but research institutes, population groups, a source's author or publisher, and their members.

    >>> from actorgraph import load
    >>> {"ifri", "isabelle-saint-mezard", "pakistani-pashtuns"} & conflict_actors(load())
    set()
    """
    everyone = actors(kg)
    outside = {a.id for a in everyone if a.type in NON_CONFLICT_TYPES or set(a.types) & set(NON_CONFLICT_TYPES)}
    by_label = {a.label: a.id for a in everyone}
    for src in sources(kg):
        for name in (src.author, src.publisher):
            if name in by_label:
                outside.add(by_label[name])
    grown = True
    while grown:  # members of an outside body (the author of an institute's letter) are outside too
        before = len(outside)
        outside |= {member for member, parent, _ in belongs_to_ties(kg) if parent in outside}
        grown = len(outside) > before
    return {a.id for a in everyone} - outside


#: Most queries one rolled-up named query may run (one per combination of side members).
ROLL_UP_QUERY_LIMIT = 400


def rolled_up_query(kg: ActorGraph, name: str, params: dict[str, Any], rule: str = "possible") -> list[dict[str, Any]]:
    """Run a named query with each ``actor`` parameter widened to every member of its side.

    The query runs once per combination of members (each bound as a
    parameter, never formatted in); rows are merged without duplicates and
    sorted by ``start`` when the query returns one.

    >>> from actorgraph import load
    >>> rows = rolled_up_query(load(), "relationship-history", {"a": "Pakistan", "b": "Taliban"})
    >>> any(str(r["subjectLabel"]) == "Pakistani Air Force" for r in rows)
    True
    """
    import itertools

    from ..core.errors import QueryError
    from ..model.queries import query
    from ..model.query_library import get_query, named_queries

    if name not in {q.name for q in named_queries()}:
        raise QueryError("--roll-up works with named queries (their actor parameters are widened to sides)")
    named = get_query(name)
    kinds = {p[0]: p[1] for p in named.params}
    choices: dict[str, list[Any]] = {}
    for key, value in params.items():
        if kinds.get(key) == "actor":
            choices[key] = [iri(m) for m in sorted(side_members(kg, str(value), None, rule))]
        else:
            choices[key] = [value]
    combos = list(itertools.product(*choices.values()))
    if len(combos) > ROLL_UP_QUERY_LIMIT:
        raise QueryError(f"--roll-up would run {name!r} {len(combos)} times (limit {ROLL_UP_QUERY_LIMIT}): "
                         "name smaller sides")
    rows: dict[tuple, dict[str, Any]] = {}
    for combo in combos:
        for row in query(kg, name, dict(zip(choices, combo, strict=True))):
            rows.setdefault(tuple(sorted((k, str(v)) for k, v in row.items())), row)
    out = list(rows.values())
    if out and "start" in out[0]:
        out.sort(key=lambda r: _date_order(r.get("start")))
    return out


def _date_order(value: Any) -> tuple:
    if value is None:
        return (0, dt.date.min, dt.date.min)
    date = parse_date(str(value))
    return (1, date.earliest, date.latest)
