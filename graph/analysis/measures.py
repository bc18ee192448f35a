"""Questions on a snapshot: balance, blocs, paths, ego networks, centrality, communities, enemies of enemies.

Each takes the knowledge graph and an as-of date and returns JSON-ready rows
(the CLI's ``actorgraph analyze …``); the algorithms on signed graphs live in
:mod:`actorgraph.analysis.signed`.

>>> from actorgraph import load
>>> rows = balance(load(), "2026-03-15")
>>> all(r["balanced"] in (True, False) for r in rows)
True
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..model.names import resolve
from ..model.records import Relation, local_id
from ..store.graph import ActorGraph
from .signed import (
    EXACT_BLOCS_LIMIT,
    MEASURES,
    best_partition,
    centrality_scores,
    shortest_paths,
    triad_balanced,
    triangles,
)
from .snapshot import Snapshot, _pair, _start_key, evidence, signed_snapshot

__all__ = [
    "balance",
    "blocs",
    "path",
    "ego",
    "centrality",
    "communities",
    "enemies_of_enemies",
]


# ---------------------------------------------------------------------------
# Commands on the knowledge graph (JSON-ready results)
# ---------------------------------------------------------------------------
def _tie(snap: Snapshot, a: str, b: str) -> dict[str, Any]:
    data = snap.ties.get(_pair(a, b)) or snap.signed[a][b]
    rel: Relation = data["relation"]
    return evidence(rel) | {"pair": [a, b], "conflict": data["conflict"], "also": [r.id for r in data["relations"] if r is not rel]}


def balance(kg: ActorGraph, as_of: str | dt.date | None = None, unbalanced: bool = False, rule: str = "possible",
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


def blocs(kg: ActorGraph, as_of: str | dt.date | None = None, rule: str = "possible",
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
         limit: int = 20, rule: str = "possible") -> dict[str, Any]:
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
        rule: str = "possible") -> list[dict[str, Any]]:
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
               rule: str = "possible", top: int | None = None, roll_up: bool = False,
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


def communities(kg: ActorGraph, as_of: str | dt.date | None = None, rule: str = "possible",
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
                       rule: str = "possible", roll_up: bool = True, all_actors: bool = False) -> list[dict[str, Any]]:
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
