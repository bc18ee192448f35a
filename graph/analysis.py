"""Alliance analysis: signed snapshots, structural balance, blocs, paths, centrality, diff, timeline.

Everything starts from a **snapshot**: the ties between actors on one day,
read by the tie model of :mod:`graph.ties` — each pair **friendly**,
**hostile** or **mixed**, scored from the relation types' intensities
(``ag:intensity``: Goldstein's weights on CAMEO codes) with recency, under the
time of knowledge of :mod:`graph.dates` (an undated statement holds at its
source's date; *Ended* means ended by it; the ``known`` rule by default) and
inside the actors' lifespans. Potential or proposed relations never count.

The signed graph (balance, blocs, enemies of enemies, camps) holds the
friendly (+1) and hostile (−1) pairs; a **mixed** pair (strong ties of both
signs) is neither, is left out of the signed graph and is listed in
``conflicts`` with every pair whose statements disagree in sign, with the
score that decided it — never resolved silently.

So at the end of 2021 Pakistan–Taliban reads friendly (the "closest ties" the
text says it "historically maintained"), and by the letter's date hostile
(war, airstrikes, pressure outweigh those ties: score −58.5).

Exactness
---------
* Balance triads: every triangle of signed ties is enumerated (exact).
* Blocs: exact by branch and bound up to :data:`EXACT_BLOCS_LIMIT` actors in
  the largest peeled component, a heuristic beyond (the algorithms live in
  :mod:`graph.signed`). The output says which (``exact``, ``method``).
* Betweenness is exact up to :data:`EXACT_BETWEENNESS_LIMIT` actors and
  estimated from :data:`BETWEENNESS_SAMPLES` sampled sources beyond.
* Communities: Louvain (seed 0) on the friendly and neutral ties — a
  heuristic maximising modularity.

>>> import networkx as nx
>>> g = nx.Graph()
>>> g.add_edge("a", "b", sign=-1); g.add_edge("b", "c", sign=-1); g.add_edge("a", "c", sign=-1)
>>> best_partition(g).frustration
1
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .dates import DEFAULT_RULE, normalize_rule, parse_date, parse_day
from .errors import ActorGraphError
from .model import Relation, actors, events, iri, label_of, local_id, relations, resolve, sources
from .sides import conflict_actors, events_of_side, rolled_up_relations, side_map
from .signed import (  # re-exported: the analysis API keeps its names
    BETWEENNESS_SAMPLES,
    EXACT_BETWEENNESS_LIMIT,
    EXACT_BLOCS_LIMIT,
    MEASURES,
    Partition,
    TieGraph,
    best_partition,
    centrality_scores,
    frustration,
    is_balanced,
    shortest_paths,
    switch,
    triad_balanced,
    triangles,
)
from .store import ActorGraph
from .ties import Tie, intensities, read_pair, read_ties

__all__ = [
    "EXACT_BLOCS_LIMIT",
    "EXACT_BETWEENNESS_LIMIT",
    "BETWEENNESS_SAMPLES",
    "MEASURES",
    "Snapshot",
    "TieGraph",
    "Partition",
    "default_as_of",
    "span_text",
    "evidence",
    "conflict_warnings",
    "summarise_warnings",
    "reduce_pair",
    "signed_snapshot",
    "triangles",
    "triad_balanced",
    "is_balanced",
    "frustration",
    "best_partition",
    "switch",
    "shortest_paths",
    "centrality_scores",
    "balance",
    "blocs",
    "path",
    "ego",
    "centrality",
    "communities",
    "enemies_of_enemies",
    "diff",
    "timeline",
]


_POLARITY = {1: "friendly", -1: "hostile", 0: "neutral", None: "none"}


# ---------------------------------------------------------------------------
# Evidence records
# ---------------------------------------------------------------------------
def _start_key(rel: Relation) -> tuple[dt.date, dt.date]:
    date = rel.start_date
    return (date.earliest, date.latest) if date else (dt.date.min, dt.date.min)


def evidence(rel: Relation, source: str | None = None, target: str | None = None) -> dict[str, Any]:
    """A relation as JSON-ready evidence: type, sign, dates (document precision), statement, quote."""
    return {
        "statement": rel.id,
        "subject": rel.subject,
        "subject_label": rel.subject_label,
        "predicate": rel.predicate,
        "label": rel.predicate_label,
        "object": rel.object if rel.object else target,
        "object_label": rel.object_label,
        "polarity": rel.polarity,
        "sign": rel.sign,
        "start": rel.start,
        "end": rel.end,
        "claimed_by": rel.claimed_by,
        "quote": rel.quote,
        "source": rel.source,
    }


def span_text(start: str | None, end: str | None) -> str:
    """A relation's dates in words, at document precision.

    >>> span_text("2015", "2021"), span_text("2025-10", None), span_text(None, "2022"), span_text(None, None)
    ('2015 to 2021', 'from 2025-10', 'until 2022', 'undated')
    """
    if start and end:
        return f"{start} to {end}"
    if start:
        return f"from {start}"
    return f"until {end}" if end else "undated"


def _describe(rel: Relation) -> str:
    return f"{rel.subject_label} {rel.predicate_label} {rel.object_label} ({rel.polarity}, {span_text(rel.start, rel.end)}) [{rel.id}]"


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


# ---------------------------------------------------------------------------
# Snapshots
# ---------------------------------------------------------------------------
def default_as_of(kg: ActorGraph) -> str:
    """The default analysis date: the newest source document's date (else today).

    >>> from actorgraph import load
    >>> default_as_of(load())
    '2026-03-31'
    """
    dates = [s.date for s in sources(kg) if s.date]
    return max(dates, key=lambda d: parse_date(d).latest) if dates else dt.date.today().isoformat()


def reduce_pair(rels: list[Relation], day: dt.date | None = None, kg: ActorGraph | None = None,
                intensity: dict[str, float] | None = None) -> tuple[int, Relation, str | None]:
    """Reduce the active statements of one pair to ``(sign, strongest statement, how)`` with the tie model
    (:func:`graph.ties.read_pair`): ``sign`` is +1 friendly, −1 hostile, 0 mixed; ``how`` is ``None`` when
    every statement has the same sign, else how the pair was read (``"score -58.5: hostile"``, ``"mixed: …"``).

    ``intensity`` (or ``kg``, whose ontology gives it) maps relation types to their ``ag:intensity``; without
    either, a type counts ±1 by its polarity.
    """
    if intensity is None:
        intensity = intensities(kg) if kg is not None else {}
    intensity = {**{r.predicate: float(r.sign) for r in rels if r.predicate not in intensity}, **intensity}
    day = day or dt.date.max
    sign, score, ordered, _ = read_pair(rels, day, intensity)
    if not ordered:
        raise ValueError("reduce_pair needs at least one signed relation")
    numeric = {"friendly": 1, "hostile": -1}.get(sign or "", 0)
    signs = {1 if intensity.get(r.predicate, 0) > 0 else -1 for r in ordered}
    if len(signs) == 1:
        return numeric, ordered[0], None
    how = ("mixed: strong ties of both signs" if sign == "mixed" else f"score {score:g}: {sign}")
    return numeric, ordered[0], how


@dataclass
class Snapshot:
    """The actors' relations active on one day.

    ``relations`` holds every active relation between two actors (any
    polarity); ``signed`` is an undirected ``networkx.Graph`` of signed ties
    (edge attrs ``sign``, ``relation`` = the deciding one, ``relations`` = all
    active signed ones, ``conflict``); ``conflicts`` lists the pairs whose
    active relations disagree in sign.
    """

    as_of: str
    day: dt.date
    rule: str
    _relations: list[Relation] | None
    _signed: Any
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    side_of: dict[str, str] = field(default_factory=dict)
    #: reads ``relations`` on first use (blocs and balance need only the signed ones)
    _read_relations: Callable[[], list[Relation]] | None = field(default=None, repr=False)
    #: ``{(a, b): {sign, relation, relations, conflict, score, reading, tie}}`` per sorted pair of the signed
    #: graph (friendly or hostile; ``relation`` = the strongest statement), in ``signed``'s edge order:
    #: what ``diff`` needs, without importing networkx (~0.1 s of a cold CLI run)
    ties: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict, repr=False)
    #: every pair's :class:`graph.ties.Tie` (mixed ones too), by sorted pair
    readings: dict[tuple[str, str], Tie] = field(default_factory=dict, repr=False)

    @property
    def tie_graph(self) -> Any:
        """The signed ties as a :class:`TieGraph` (networkx's read API, without importing networkx)."""
        if not self.ties and self._signed is not None:  # a snapshot built around a networkx graph
            return self._signed
        return TieGraph(self.ties)

    @property
    def signed(self) -> Any:
        """The signed ties as an undirected ``networkx.Graph`` (built from ``ties`` on first use)."""
        if self._signed is None and self.ties:
            import networkx as nx

            g = nx.Graph()
            for (a, b), attrs in self.ties.items():
                g.add_edge(a, b, **attrs)
            self._signed = g
        if self._signed is None:
            import networkx as nx

            self._signed = nx.Graph()
        return self._signed

    @property
    def relations(self) -> list[Relation]:
        """Every active relation between two actors (any polarity)."""
        if self._relations is None and self._read_relations is not None:
            self._relations = self._read_relations()
        return self._relations or []

    def label(self, node: str) -> str:
        """Label of an actor id."""
        return self.labels.get(node, node)

    def node(self, actor: str) -> str:
        """The snapshot node an actor counts as: its side's head when rolled up, else itself."""
        return self.side_of.get(actor, actor)

    def ends(self, rel: Relation) -> tuple[str, list[str]]:
        """A relation's subject and other ends as snapshot nodes (a tie inside one side is dropped)."""
        subject = self.node(rel.subject)
        return subject, [o for o in (self.node(e) for e in rel.ends()) if o != subject]

    def graph(self, hostile: bool = True) -> Any:
        """Undirected simple graph of all active ties (``relations`` per edge); ``hostile=False`` drops hostile ones."""
        import networkx as nx

        g = nx.Graph()
        g.add_nodes_from(self.labels)
        for rel in self.relations:
            if not hostile and rel.sign < 0:
                continue
            subject, others = self.ends(rel)
            for other in others:
                if g.has_edge(subject, other):
                    if rel not in g[subject][other]["relations"]:
                        g[subject][other]["relations"].append(rel)
                else:
                    g.add_edge(subject, other, relations=[rel])
        return g


def signed_snapshot(kg: ActorGraph, as_of: str | dt.date | None = None, rule: str = DEFAULT_RULE,
                    roll_up: bool = False, all_actors: bool = True) -> Snapshot:
    """The signed graph of actors on ``as_of`` (default: :func:`default_as_of`).

    ``roll_up`` makes each side (:mod:`graph.sides`) one node, named by its
    head: what the Pakistani military or a minister does counts as Pakistan
    (ties inside a side are left out of the signed graph). ``all_actors=False``
    keeps only the conflict's actors (:func:`graph.sides.conflict_actors`).

    >>> from actorgraph import load
    >>> snap = signed_snapshot(load(), "2026-03-15")
    >>> snap.signed["pakistan"]["taliban-regime"]["sign"]
    -1
    """
    rule = normalize_rule(rule)
    as_of = as_of if as_of is not None else default_as_of(kg)
    text = as_of.isoformat() if isinstance(as_of, dt.date) else parse_date(as_of).text
    key = ("snapshot", text, rule, roll_up, all_actors)
    if key not in kg._cache:  # a command asks twice (warnings, then the analysis): read the store once
        kg._cache[key] = _signed_snapshot(kg, as_of, text, rule, roll_up, all_actors)
    return kg._cache[key]


def _signed_snapshot(kg: ActorGraph, as_of: str | dt.date, text: str, rule: str, roll_up: bool,
                     all_actors: bool) -> Snapshot:
    day = parse_day(as_of)
    labels = {a.id: a.label for a in actors(kg)}
    if not all_actors:
        inside = conflict_actors(kg)
        labels = {a: label for a, label in labels.items() if a in inside}
    side_of = {a: h for a, h in side_map(kg, day, rule).items() if a in labels} if roll_up else {}
    known = labels

    def active(types: list[str] | None = None) -> list[Relation]:
        return [
            r for r in relations(kg, type=types, as_of=day, rule=rule, include_hypothetical=False, detail=False)
            if r.subject in known and all(e in known for e in r.ends()) and r.ends()
        ]

    # only the types with an intensity are read here (the store filters them); every type waits for
    # Snapshot.relations
    intensity = intensities(kg)
    tie_types = sorted(p for p, value in intensity.items() if value)
    signed = active(tie_types) if tie_types else []
    if roll_up:
        labels = {h: labels.get(h) or label_of(kg, iri(h)) for h in set(side_of.values())}
    view = Snapshot(text, day, rule, None, None, [], labels, side_of)
    # the labels of the counted actors: heads when rolled up (a member outside the counted actors is dropped)
    counted = {a: labels.get(view.node(a), a) for a in known} | labels
    found = read_ties(signed, day, text, rule, counted, side_of, intensity, kg)
    ties: dict[tuple[str, str], dict[str, Any]] = {}
    conflicts = []
    readings: dict[tuple[str, str], Tie] = {}
    for tie in found:
        a, b = tie.pair
        readings[(a, b)] = tie
        ordered, weights = tie.relations, tie.weights
        both = len({weights[r.id] > 0 for r in ordered}) > 1
        if tie.sign != "mixed":
            ties[(a, b)] = {"sign": tie.polarity, "relation": ordered[0], "relations": ordered, "conflict": both,
                            "score": tie.score, "reading": tie.sign, "tie": tie}
        if both:
            conflicts.append({
                "pair": [a, b], "labels": list(tie.labels), "sign": tie.polarity, "polarity": tie.sign,
                "score": tie.score,
                "rule": "mixed: strong ties of both signs" if tie.sign == "mixed" else f"score {tie.score:g}: {tie.sign}",
                "decided_by": ordered[0].id, "because": tie.because, "undated": tie.undated,
                "relations": [evidence(r) | {"weight": weights[r.id]} for r in ordered],
            })
    snap = Snapshot(text, day, rule, None, None, conflicts, labels, side_of, active, ties)
    snap.readings = readings
    return snap


def conflict_warnings(snap: Snapshot) -> list[str]:
    """One warning line per pair whose active statements disagree in sign, with how the tie model read it."""
    out = []
    for c in snap.conflicts:
        signs = ", ".join(f"{r['label']} ({r['weight']:+g}, {span_text(r['start'], r['end'])})" for r in c["relations"][:4])
        more = f", +{len(c['relations']) - 4} more" if len(c["relations"]) > 4 else ""
        out.append(
            f"warning: {c['labels'][0]} – {c['labels'][1]} as of {snap.as_of}: statements of both signs "
            f"[{signs}{more}]; read {c['polarity']} ({c['rule']})"
        )
    return out


#: Warning lines printed before the rest are summarised as a count.
WARNING_LINES = 3


def summarise_warnings(lines: list[str], limit: int = WARNING_LINES) -> list[str]:
    """At most ``limit`` warning lines, then one line counting the rest (the JSON ``conflicts`` has them all).

    >>> summarise_warnings(["warning: a", "warning: b"], 1)
    ['warning: a', 'warning: 1 more pair(s) with statements of both signs (see "conflicts" in the JSON output)']
    """
    if len(lines) <= limit:
        return list(lines)
    return lines[:limit] + [f"warning: {len(lines) - limit} more pair(s) with statements of both signs "
                            '(see "conflicts" in the JSON output)']


# ---------------------------------------------------------------------------
# Commands on the knowledge graph (JSON-ready results)
# ---------------------------------------------------------------------------
def _tie(snap: Snapshot, a: str, b: str) -> dict[str, Any]:
    data = snap.ties.get(_pair(a, b)) or snap.signed[a][b]
    rel: Relation = data["relation"]
    return evidence(rel) | {"pair": [a, b], "conflict": data["conflict"], "also": [r.id for r in data["relations"] if r is not rel]}


def balance(kg: ActorGraph, as_of: str | dt.date | None = None, unbalanced: bool = False, rule: str = DEFAULT_RULE,
            snap: Snapshot | None = None, roll_up: bool = True, all_actors: bool = False) -> list[dict[str, Any]]:
    """Every triad of sides (``roll_up=False``: of raw actors) with three signed ties, balanced or not.

    Rows: ``actors, labels, signs, balanced, relations`` (+ ``as_of``); the
    signs are those of the pairs (A,B), (A,C), (B,C); each relation is the
    one that decided the pair's sign, with its evidence.

    >>> from actorgraph import load
    >>> rows = balance(load(), "2026-03-31", unbalanced=True)
    >>> any(set(r["actors"]) == {"india", "pakistan", "taliban"} for r in rows)
    True
    """
    snap = snap or signed_snapshot(kg, as_of, rule, roll_up, all_actors)
    g = snap.tie_graph
    rows = []
    for a, b, c in triangles(g):
        signs = [g[a][b]["sign"], g[a][c]["sign"], g[b][c]["sign"]]
        ok = triad_balanced(signs)
        if unbalanced and ok:
            continue
        rows.append({
            "actors": [a, b, c], "labels": [snap.label(a), snap.label(b), snap.label(c)], "signs": signs,
            "balanced": ok, "relations": [_tie(snap, a, b), _tie(snap, a, c), _tie(snap, b, c)], "as_of": snap.as_of,
        })
    rows.sort(key=lambda r: [x.lower() for x in r["labels"]])
    return rows


def blocs(kg: ActorGraph, as_of: str | dt.date | None = None, rule: str = DEFAULT_RULE,
          exact_limit: int = EXACT_BLOCS_LIMIT, roll_up: bool = True, all_actors: bool = False) -> dict[str, Any]:
    """The two camps minimising the frustration index on ``as_of``.

    Sides are placed whole (``roll_up``, the default): ``actors`` lists the
    sides' heads and ``members`` every actor of the bloc's sides, so the
    members of one side never split across camps.

    Returns ``{as_of, frustration, exact, method, components, blocs: [{bloc,
    actors, labels, members}], violations, conflicts}``.

    >>> from actorgraph import load
    >>> out = blocs(load(), "2026-03-15")
    >>> camp = {a: b["bloc"] for b in out["blocs"] for a in b["members"]}
    >>> camp["pakistan"] == camp["pakistani-military"] != camp["taliban-regime"], out["exact"]
    (True, True)
    """
    snap = signed_snapshot(kg, as_of, rule, roll_up, all_actors)
    ties = snap.tie_graph
    part = best_partition(ties, exact_limit=exact_limit)
    camps = []
    for number in (0, 1):
        members = sorted((a for a, c in part.side.items() if c == number), key=lambda a: snap.label(a).lower())
        everyone = sorted({m for m, h in snap.side_of.items() if h in members} | set(members))
        camps.append({"bloc": number + 1, "actors": members, "labels": [snap.label(a) for a in members],
                      "members": everyone})
    violations = []
    for u, v, sign in part.violations(ties):
        a, b = _pair(u, v)
        violations.append(_tie(snap, a, b) | {
            "labels": [snap.label(a), snap.label(b)],
            "why": "hostile tie inside a bloc" if sign < 0 else "friendly tie across blocs",
        })
    violations.sort(key=lambda t: [x.lower() for x in t["labels"]])
    return {
        "as_of": snap.as_of, "frustration": part.frustration, "exact": part.exact, "method": part.method,
        "components": part.components, "blocs": camps, "violations": violations, "conflicts": snap.conflicts,
    }


def _hop(snap: Snapshot, g: Any, u: str, v: str) -> dict[str, Any]:
    rels: list[Relation] = g[u][v]["relations"]
    best = max(rels, key=lambda r: (_start_key(r), r.sign != 0, r.id))
    return evidence(best) | {
        "from": u, "to": v, "from_label": snap.label(u), "to_label": snap.label(v),
        "reversed": best.subject != u, "also": [r.id for r in rels if r is not best],
    }


def path(kg: ActorGraph, source: str, target: str, as_of: str | dt.date | None = None, max_hops: int | None = None,
         limit: int = 20, rule: str = DEFAULT_RULE) -> dict[str, Any]:
    """Shortest paths between two actors over the ties active on ``as_of`` (any polarity, either direction).

    Returns ``{from, to, as_of, hops, paths}``; each path is a list of hops
    ``{from, to, predicate, polarity, statement, …}`` (the most recently
    started relation of the pair; ``also`` lists the others).

    >>> from actorgraph import load
    >>> out = path(load(), "China", "TTP")
    >>> ["taliban-regime"] in [[h["to"] for h in p][:-1] for p in out["paths"]]
    True
    """
    a, b = local_id(resolve(kg, source)), local_id(resolve(kg, target))
    snap = signed_snapshot(kg, as_of, rule)
    g = snap.graph()
    found = shortest_paths(g, a, b, max_hops, limit)
    hops = [[_hop(snap, g, u, v) for u, v in zip(p, p[1:], strict=False)] for p in found]
    return {"from": a, "to": b, "from_label": snap.label(a), "to_label": snap.label(b), "as_of": snap.as_of,
            "hops": len(found[0]) - 1 if found else None, "paths": hops}


def ego(kg: ActorGraph, name: str, hops: int = 1, as_of: str | dt.date | None = None,
        rule: str = DEFAULT_RULE) -> list[dict[str, Any]]:
    """Actors within ``hops`` ties of ``name`` on ``as_of``, each with the ties that reach it.

    Rows: ``actor, label, hops, via`` (``via`` = relations to actors one hop closer).

    >>> from actorgraph import load
    >>> rows = ego(load(), "TTP")
    >>> rows[0]["actor"], rows[0]["hops"]
    ('ttp', 0)
    """
    import networkx as nx

    center = local_id(resolve(kg, name))
    snap = signed_snapshot(kg, as_of, rule)
    g = snap.graph()
    dist = nx.single_source_shortest_path_length(g, center, cutoff=hops)
    rows = []
    for node, d in dist.items():
        via = []
        for other in g[node]:
            if dist.get(other) == d - 1:
                via.extend(evidence(r) for r in g[node][other]["relations"])
        rows.append({"actor": node, "label": snap.label(node), "hops": d, "via": via, "as_of": snap.as_of})
    rows.sort(key=lambda r: (r["hops"], r["label"].lower()))
    return rows


def centrality(kg: ActorGraph, measure: str = "all", as_of: str | dt.date | None = None,
               rule: str = DEFAULT_RULE, top: int | None = None, roll_up: bool = False,
               all_actors: bool = False) -> list[dict[str, Any]]:
    """Centrality of the conflict's actors over the ties active on ``as_of`` (undirected, any polarity).

    Research institutes, a source's author and population groups are left
    out unless ``all_actors``; ``roll_up`` ranks sides instead of actors.

    Rows ``actor, label, measure, score, rank, exact, method``, best first per measure.

    >>> from actorgraph import load
    >>> rows = centrality(load(), "degree", top=1)
    >>> rows[0]["measure"], rows[0]["exact"]
    ('degree', True)
    """
    measures = MEASURES if measure == "all" else (measure,)
    snap = signed_snapshot(kg, as_of, rule, roll_up, all_actors)
    g = snap.graph()
    g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0])
    rows = []
    for m in measures:
        scores, exact, method = centrality_scores(g, m)
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], snap.label(kv[0]).lower()))
        for rank, (node, score) in enumerate(ranked[:top] if top else ranked, start=1):
            rows.append({"actor": node, "label": snap.label(node), "measure": m, "score": round(score, 6),
                         "rank": rank, "exact": exact, "method": method, "as_of": snap.as_of})
    return rows


def communities(kg: ActorGraph, as_of: str | dt.date | None = None, rule: str = DEFAULT_RULE,
                seed: int = 0, roll_up: bool = True, all_actors: bool = False) -> list[dict[str, Any]]:
    """Communities of sides (Louvain, seeded) over the friendly and neutral ties active on ``as_of``.

    Hostile ties are left out: they separate rather than bind. Rows
    ``community, size, actors, labels, modularity, method`` (``actors`` are
    sides' heads when rolled up, the default).
    """
    import networkx as nx

    snap = signed_snapshot(kg, as_of, rule, roll_up, all_actors)
    g = snap.graph(hostile=False)
    g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0])
    if g.number_of_edges() == 0:
        return []
    found = nx.community.louvain_communities(g, seed=seed)
    q = nx.community.modularity(g, found)
    found = sorted((sorted(c, key=lambda a: snap.label(a).lower()) for c in found), key=lambda c: (-len(c), snap.label(c[0])))
    method = f"Louvain (seed {seed}) on friendly and neutral ties; heuristic"
    return [{"community": i, "size": len(c), "actors": c, "labels": [snap.label(a) for a in c],
             "modularity": round(q, 4), "method": method, "as_of": snap.as_of}
            for i, c in enumerate(found, start=1)]


def enemies_of_enemies(kg: ActorGraph, name: str, as_of: str | dt.date | None = None,
                       rule: str = DEFAULT_RULE, roll_up: bool = True, all_actors: bool = False) -> list[dict[str, Any]]:
    """Actors sharing an enemy with ``name`` and with no tie to it active on ``as_of``.

    Balance theory predicts a friendly tie ("the enemy of my enemy is my
    friend"). Rows ``actor, label, other, other_label, common_enemy,
    common_enemy_label, prediction, relations`` (the two hostile ties).
    """
    snap = signed_snapshot(kg, as_of, rule, roll_up, all_actors)
    node = snap.node(local_id(resolve(kg, name)))
    g = snap.signed
    tied = set(snap.graph()[node]) if node in snap.labels else set()
    rows = []
    if node not in g:
        return rows
    for enemy in g[node]:
        if g[node][enemy]["sign"] >= 0:
            continue
        for other in g[enemy]:
            if other == node or other in tied or g[enemy][other]["sign"] >= 0:
                continue
            rows.append({
                "actor": node, "label": snap.label(node), "other": other, "other_label": snap.label(other),
                "common_enemy": enemy, "common_enemy_label": snap.label(enemy), "prediction": "friendly",
                "relations": [_tie(snap, *_pair(node, enemy)), _tie(snap, *_pair(enemy, other))], "as_of": snap.as_of,
            })
    rows.sort(key=lambda r: (r["other_label"].lower(), r["common_enemy_label"].lower()))
    return rows


def diff(kg: ActorGraph, before: str | dt.date, after: str | dt.date, rule: str = DEFAULT_RULE,
         actor: str | None = None, roll_up: bool = False) -> list[dict[str, Any]]:
    """What changed between two dates, per pair of actors (``roll_up``: per pair of sides).

    ``actor`` keeps the pairs it (or, rolled up, its side) belongs to. Rolled
    up, each date sees its own sides, and the Taliban movement heads its side
    on both sides of the 2021 hand-over: Pakistan's friendly ties with the
    movement in 2021 and its war with the regime in 2026 are one pair that
    changes sign. Ties inside one side are not listed.

    Rows ``pair, labels, change, before, after`` (+ the relation's
    ``statement, predicate, polarity, start, end, quote``):

    * ``began`` — a relation whose start falls after ``before`` and by
      ``after`` (``before`` is empty, ``after`` describes it);
    * ``ended`` — a relation whose end falls on or after ``before`` and
      before ``after`` (a relation can begin and end inside the window);
    * ``sign`` — the pair's reduced sign differs (``before``/``after`` =
      friendly/hostile).

    >>> from actorgraph import load
    >>> rows = diff(load(), "2021-12-31", "2026-03-15", roll_up=True)
    >>> any(r["change"] == "sign" and set(r["pair"]) == {"pakistan", "taliban"} for r in rows)
    True
    """
    rule = normalize_rule(rule)
    d1, d2 = parse_day(before), parse_day(after)
    if d2 < d1:
        raise ActorGraphError(f"diff: {after} is before {before}")
    s1, s2 = signed_snapshot(kg, before, rule, roll_up), signed_snapshot(kg, after, rule, roll_up)
    raw = {a.id: a.label for a in actors(kg)}
    labels = raw | s1.labels | s2.labels
    rows: list[dict[str, Any]] = []
    for rel in relations(kg, include_hypothetical=False):
        ends = [e for e in rel.ends() if e != rel.subject]
        if rel.subject not in raw or not ends or any(e not in raw for e in ends):
            continue
        span = rel.span
        changes = []
        # began: under "known" the whole start lies in the window (d1, d2]; under "possible" its first day does
        if rel.start and span.begin_earliest > d1 and (span.begin_latest if rule == "known" else span.begin_earliest) <= d2:
            changes.append("began")
        if rel.end and d1 <= span.last_day(rule) < d2:
            changes.append("ended")
        for change in changes:
            snap = s2 if change == "began" else s1
            for other in ends:
                if snap.node(rel.subject) == snap.node(other):
                    continue
                a, b = _pair(snap.node(rel.subject), snap.node(other))
                rows.append({
                    "pair": [a, b], "labels": [labels[a], labels[b]], "change": change,
                    "before": _describe(rel) if change == "ended" else None,
                    "after": _describe(rel) if change == "began" else None,
                    "statement": rel.id, "predicate": rel.predicate, "polarity": rel.polarity,
                    "start": rel.start, "end": rel.end, "quote": rel.quote, "date": rel.start if change == "began" else rel.end,
                })
    for a, b in sorted(set(s1.ties) | set(s2.ties), key=lambda e: _pair(*e)):
        a, b = _pair(a, b)
        x = s1.ties[(a, b)]["sign"] if (a, b) in s1.ties else None
        y = s2.ties[(a, b)]["sign"] if (a, b) in s2.ties else None
        if x is not None and y is not None and x != y:
            rel = s2.ties[(a, b)]["relation"]
            rows.append({
                "pair": [a, b], "labels": [labels[a], labels[b]], "change": "sign",
                "before": _POLARITY[x], "after": _POLARITY[y], "statement": rel.id, "predicate": rel.predicate,
                "polarity": rel.polarity, "start": rel.start, "end": rel.end, "quote": rel.quote, "date": rel.start,
            })
    if actor is not None:
        node = local_id(resolve(kg, actor))
        wanted = {node, s1.node(node), s2.node(node)}
        rows = [r for r in rows if wanted & set(r["pair"])]
    order = {"sign": 0, "began": 1, "ended": 2}
    rows.sort(key=lambda r: ([x.lower() for x in r["labels"]], order[r["change"]], _date_key(r["date"]), r["statement"]))
    return rows


def _date_key(text: str | None) -> tuple:
    if not text:
        return (0, dt.date.min, dt.date.min)
    date = parse_date(text)
    return (1, date.earliest, date.latest)


def timeline(kg: ActorGraph, actor: str | None = None, since: str | dt.date | None = None,
             until: str | dt.date | None = None, roll_up: bool = False) -> list[dict[str, Any]]:
    """Events and relation starts/ends in date order, at document precision.

    Rows ``date, kind, type, label, actors, id, quote`` with ``kind`` one of
    ``event``, ``began``, ``ended``. Undated items are left out. On one date,
    what began comes before what ended, events in between. ``roll_up``
    widens ``actor`` to its side (each item counted when its actor was on
    the side at that time).

    >>> from actorgraph import load
    >>> rows = timeline(load(), actor="Pakistan")
    >>> rows == sorted(rows, key=lambda r: _date_key(r["date"])[1:])
    True
    """
    node = local_id(resolve(kg, actor)) if actor else None
    lo = parse_date(since).earliest if since is not None else dt.date.min
    hi = parse_date(until).latest if until is not None else dt.date.max
    rows = []
    if roll_up and node is not None:
        found_events = events_of_side(kg, node)
        found_relations = rolled_up_relations(kg, node, include_hypothetical=False)
    else:
        found_events = events(kg, actor=node)
        found_relations = relations(kg, actor=node, include_hypothetical=False)
    for ev in found_events:
        if ev.date:
            rows.append({"date": ev.date, "kind": "event", "type": ev.type, "label": ev.label,
                         "actors": sorted(set(ev.agents + ev.targets + ev.victims)), "id": ev.id, "quote": ev.quote})
    for rel in found_relations:
        for kind, date in (("began", rel.start), ("ended", rel.end)):
            if date:
                rows.append({"date": date, "kind": kind, "type": rel.predicate,
                             "label": f"{rel.subject_label} {rel.predicate_label} {rel.object_label}",
                             "actors": [rel.subject, *rel.ends()], "id": rel.id, "quote": rel.quote})
    rows = [r for r in rows if parse_date(r["date"]).latest >= lo and parse_date(r["date"]).earliest <= hi]
    kinds = {"began": 0, "event": 1, "ended": 2}
    rows.sort(key=lambda r: (_date_key(r["date"])[1:], kinds[r["kind"]], r["label"].lower()))
    return rows

