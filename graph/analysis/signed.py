"""Algorithms on any signed networkx graph (edge attribute ``sign``: +1 or −1).

Structural balance (triangles, the frustration index, the exact or heuristic
two-camp partition) and paths and centrality. Pure functions of the graph:
they know nothing of the knowledge graph; :mod:`graph.analysis.snapshot` builds the
signed snapshot and calls them.

Exactness: the two-camp partition minimising the frustration index is found
exactly by branch and bound when the largest component, once actors with a
single tie are peeled off, has at most :data:`EXACT_BLOCS_LIMIT` actors;
beyond that a heuristic gives an upper bound. Betweenness is exact up to
:data:`EXACT_BETWEENNESS_LIMIT` actors and sampled beyond.

>>> import networkx as nx
>>> g = nx.Graph()
>>> g.add_edge("a", "b", sign=-1); g.add_edge("b", "c", sign=-1); g.add_edge("a", "c", sign=-1)
>>> best_partition(g).frustration
1
"""

from __future__ import annotations

import random
from collections import defaultdict, deque
from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from typing import Any

from ..core.errors import ActorGraphError

__all__ = [
    "EXACT_BLOCS_LIMIT",
    "EXACT_BETWEENNESS_LIMIT",
    "BETWEENNESS_SAMPLES",
    "MEASURES",
    "Partition",
    "TieGraph",
    "triangles",
    "triad_balanced",
    "is_balanced",
    "frustration",
    "best_partition",
    "switch",
    "shortest_paths",
    "centrality_scores",
]

#: Largest peeled component solved exactly by :func:`best_partition`.
EXACT_BLOCS_LIMIT = 25
#: Betweenness is exact up to this many actors, sampled beyond.
EXACT_BETWEENNESS_LIMIT = 2000
#: Number of sampled source actors for betweenness beyond the limit.
BETWEENNESS_SAMPLES = 256
#: Branch-and-bound search nodes before giving up exactness (safety valve).
_BNB_BUDGET = 2_000_000
MEASURES = ("degree", "betweenness", "eigenvector", "pagerank")


# ---------------------------------------------------------------------------
# Structural balance on any signed networkx graph (edge attribute "sign")
# ---------------------------------------------------------------------------
def triangles(g: Any) -> Iterator[tuple[Hashable, Hashable, Hashable]]:
    """Every triangle of ``g`` once, as a sorted triple (edge-iterator algorithm).

    >>> import networkx as nx
    >>> list(triangles(nx.complete_graph(3)))
    [(0, 1, 2)]
    """
    order = {n: i for i, n in enumerate(sorted(g, key=str))}
    higher = {u: {v for v in g[u] if order[v] > order[u]} for u in g}
    for u in sorted(g, key=order.__getitem__):
        hu = higher[u]
        for v in sorted(hu, key=order.__getitem__):
            for w in sorted(hu & higher[v], key=order.__getitem__):
                yield (u, v, w)


def triad_balanced(signs: tuple[int, int, int] | list[int]) -> bool:
    """Heider/Cartwright–Harary: a triad is balanced when the product of its signs is positive.

    >>> triad_balanced([-1, -1, 1]), triad_balanced([-1, -1, -1]), triad_balanced([1, 1, -1])
    (True, False, False)
    """
    product = 1
    for s in signs:
        product *= s
    return product > 0


def frustration(g: Any, side: dict[Hashable, int]) -> int:
    """Frustration of a two-camp partition: hostile ties inside a camp + friendly ties across.

    >>> import networkx as nx
    >>> g = nx.Graph(); g.add_edge("a", "b", sign=1); g.add_edge("b", "c", sign=-1)
    >>> frustration(g, {"a": 0, "b": 0, "c": 1}), frustration(g, {"a": 0, "b": 1, "c": 1})
    (0, 2)
    """
    return sum(1 for u, v, s in g.edges(data="sign") if _violates(s, side[u], side[v]))


def _violates(sign: int, a: int, b: int) -> bool:
    return (a != b) if sign > 0 else (a == b)


def is_balanced(g: Any) -> bool:
    """Harary's theorem: balanced iff the actors split into two camps with no frustrated tie.

    Checked by two-colouring each component (linear time).

    >>> import networkx as nx
    >>> g = nx.cycle_graph(4); nx.set_edge_attributes(g, 1, "sign")
    >>> g[0][1]["sign"] = g[2][3]["sign"] = -1
    >>> is_balanced(g)
    True
    """
    side: dict[Hashable, int] = {}
    for root in g:
        if root in side:
            continue
        side[root] = 0
        queue = deque([root])
        while queue:
            u = queue.popleft()
            for v, data in g[u].items():
                want = side[u] if data["sign"] > 0 else 1 - side[u]
                if v not in side:
                    side[v] = want
                    queue.append(v)
                elif side[v] != want:
                    return False
    return True


def switch(g: Any, cut: set[Hashable]) -> Any:
    """A copy of ``g`` with the sign of every tie crossing ``cut`` flipped (Harary switching).

    Switching keeps every cycle's sign, hence balance and the frustration index.
    """
    h = g.copy()
    for u, v in h.edges():
        if (u in cut) != (v in cut):
            h[u][v]["sign"] = -h[u][v]["sign"]
    return h


@dataclass
class Partition:
    """A two-camp partition: ``side`` maps actor → 0/1."""

    side: dict[Hashable, int]
    frustration: int
    exact: bool
    method: str
    components: int = 0

    def violations(self, g: Any) -> list[tuple[Hashable, Hashable, int]]:
        """Ties that violate the partition, as ``(u, v, sign)``."""
        return [(u, v, s) for u, v, s in g.edges(data="sign") if _violates(s, self.side[u], self.side[v])]


def _adjacency(g: Any, nodes: list[Hashable]) -> dict[Hashable, list[tuple[Hashable, int]]]:
    return {u: [(v, g[u][v]["sign"]) for v in g[u] if v != u] for u in nodes}


def _peel(adj: dict[Hashable, list[tuple[Hashable, int]]]) -> tuple[set[Hashable], list[tuple[Hashable, Hashable, int]]]:
    """Remove actors with at most one remaining tie; return the core and the peel order."""
    degree = {u: len(n) for u, n in adj.items()}
    removed: set[Hashable] = set()
    order: list[tuple[Hashable, Hashable, int]] = []  # (leaf, its anchor or None, sign)
    stack = [u for u, d in degree.items() if d <= 1]
    while stack:
        u = stack.pop()
        if u in removed or degree[u] > 1:
            continue
        removed.add(u)
        anchor = next(((v, s) for v, s in adj[u] if v not in removed), (None, 0))
        order.append((u, anchor[0], anchor[1]))
        if anchor[0] is not None:
            degree[anchor[0]] -= 1
            if degree[anchor[0]] <= 1:
                stack.append(anchor[0])
    return set(adj) - removed, order


def _unpeel(side: dict[Hashable, int], order: list[tuple[Hashable, Hashable, int]]) -> None:
    for leaf, anchor, sign in reversed(order):
        if anchor is None:
            side[leaf] = 0
        else:
            side[leaf] = side[anchor] if sign > 0 else 1 - side[anchor]


def _local_search(adj: dict[Hashable, list[tuple[Hashable, int]]], side: dict[Hashable, int]) -> None:
    """Flip single actors while that lowers the frustration (greedy descent to a local optimum)."""
    improved = True
    while improved:
        improved = False
        for u, nbrs in adj.items():
            bad = sum(1 for v, s in nbrs if _violates(s, side[u], side[v]))
            if 2 * bad > len(nbrs):
                side[u] = 1 - side[u]
                improved = True


def _tree_start(adj: dict[Hashable, list[tuple[Hashable, int]]], root: Hashable) -> dict[Hashable, int]:
    side = {root: 0}
    queue = deque([root])
    while queue:
        u = queue.popleft()
        for v, s in adj[u]:
            if v not in side:
                side[v] = side[u] if s > 0 else 1 - side[u]
                queue.append(v)
    for u in adj:  # other components, should there be any
        side.setdefault(u, 0)
    return side


def _heuristic(adj: dict[Hashable, list[tuple[Hashable, int]]], restarts: int, seed: int) -> tuple[dict[Hashable, int], int]:
    nodes = list(adj)
    rng = random.Random(seed)
    roots = sorted(nodes, key=lambda u: (-len(adj[u]), str(u)))[:1]
    roots += rng.sample(nodes, min(len(nodes), max(restarts - 1, 0)))
    best: tuple[dict[Hashable, int], int] | None = None
    for root in roots:
        side = _tree_start(adj, root)
        _local_search(adj, side)
        cost = sum(1 for u in adj for v, s in adj[u] if _violates(s, side[u], side[v])) // 2
        if best is None or cost < best[1]:
            best = (side, cost)
    return best if best is not None else ({}, 0)


def _branch_and_bound(adj: dict[Hashable, list[tuple[Hashable, int]]], upper: int, start: dict[Hashable, int]):
    """Exact minimum frustration of one component; ``None`` if the search budget runs out."""
    nodes = list(adj)
    if not nodes:
        return {}, 0
    # order: highest degree first, then the actor with most ties to those already placed
    order = [max(nodes, key=lambda u: (len(adj[u]), str(u)))]
    placed = {order[0]}
    links = defaultdict(int)
    while len(order) < len(nodes):
        for v, _ in adj[order[-1]]:
            links[v] += 1
        nxt = max((u for u in nodes if u not in placed), key=lambda u: (links[u], len(adj[u]), str(u)))
        order.append(nxt)
        placed.add(nxt)
    index = {u: i for i, u in enumerate(order)}
    nbrs = [[(index[v], s) for v, s in adj[u]] for u in order]
    n = len(order)
    cost0 = [0] * n  # frustrated ties to placed actors if this actor goes to camp 0
    cost1 = [0] * n
    assign = [0] * n
    best = [upper, [start[u] for u in order]]
    budget = [_BNB_BUDGET]

    def search(i: int, cost: int) -> bool:
        if budget[0] <= 0:
            return False
        budget[0] -= 1
        if i == n:
            if cost < best[0]:
                best[0], best[1] = cost, assign[:]
            return True
        choices = (0,) if i == 0 else ((0, 1) if cost0[i] <= cost1[i] else (1, 0))
        for camp in choices:
            new = cost + (cost1[i] if camp else cost0[i])
            assign[i] = camp
            touched = []
            for j, s in nbrs[i]:
                if j > i:
                    # a friendly tie is frustrated if j lands in the other camp, a hostile one in the same
                    bad = (1 - camp) if s > 0 else camp
                    if bad:
                        cost1[j] += 1
                    else:
                        cost0[j] += 1
                    touched.append((j, bad))
            bound = new + sum(min(cost0[j], cost1[j]) for j in range(i + 1, n))
            ok = True
            if bound < best[0]:
                ok = search(i + 1, new)
            for j, bad in touched:
                if bad:
                    cost1[j] -= 1
                else:
                    cost0[j] -= 1
            if not ok:
                return False
        return True

    if not search(0, 0):
        return None
    return {u: best[1][index[u]] for u in order}, best[0]


class TieGraph:
    """A read-only undirected graph of ``{(a, b): attrs}`` with the part of ``networkx.Graph``'s read API
    that :func:`best_partition` and :func:`frustration` use (same node, neighbour and edge order as
    ``networkx.Graph`` built by adding those edges in order): importing networkx costs ~0.1 s of a cold CLI run.

    >>> g = TieGraph({("a", "b"): {"sign": 1}, ("b", "c"): {"sign": -1}})
    >>> list(g), g["b"]["c"]["sign"], g.degree("b"), list(g.edges(data="sign"))
    (['a', 'b', 'c'], -1, 2, [('a', 'b', 1), ('b', 'c', -1)])
    """

    def __init__(self, ties: dict[tuple[Hashable, Hashable], dict[str, Any]]):
        self._adj: dict[Hashable, dict[Hashable, dict[str, Any]]] = {}
        for (a, b), attrs in ties.items():
            self._adj.setdefault(a, {})[b] = attrs
            self._adj.setdefault(b, {})[a] = attrs

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self._adj)

    def __len__(self) -> int:
        return len(self._adj)

    def __contains__(self, node: object) -> bool:
        return node in self._adj

    def __getitem__(self, node: Hashable) -> dict[Hashable, dict[str, Any]]:
        return self._adj[node]

    def has_edge(self, a: Hashable, b: Hashable) -> bool:
        return b in self._adj.get(a, {})

    def degree(self, node: Hashable) -> int:
        return len(self._adj[node]) + (node in self._adj[node])

    def edges(self, data: bool | str = False) -> Iterator[tuple]:
        seen: set[Hashable] = set()
        for u, nbrs in self._adj.items():
            for v, attrs in nbrs.items():
                if v not in seen:
                    if data is True:
                        yield u, v, attrs
                    elif data:
                        yield u, v, attrs.get(data)
                    else:
                        yield u, v
            seen.add(u)


def _components(g: Any) -> list[set[Hashable]]:
    """Connected components of any graph with networkx's read API (``g[u]`` = neighbours)."""
    seen: set[Hashable] = set()
    out = []
    for root in g:
        if root in seen:
            continue
        comp = {root}
        queue = deque([root])
        while queue:
            for v in g[queue.popleft()]:
                if v not in comp:
                    comp.add(v)
                    queue.append(v)
        seen |= comp
        out.append(comp)
    return out


def best_partition(g: Any, exact_limit: int = EXACT_BLOCS_LIMIT, restarts: int = 8, seed: int = 0) -> Partition:
    """The two-camp partition of a signed graph minimising the frustration index.

    Components are solved apart (camps of unconnected components are
    independent); actors with a single tie are peeled off first. Each peeled
    component of at most ``exact_limit`` actors is solved exactly by branch
    and bound (lower bound: for every unplaced actor, its fewest frustrated
    ties to placed ones); a larger one by the heuristic: a spanning-tree
    start (which satisfies every tree tie) from the best-connected actor and
    ``restarts - 1`` random ones, each improved by greedy single-actor moves.

    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_edge("a", "b", sign=1); g.add_edge("c", "d", sign=1); g.add_edge("a", "c", sign=-1)
    >>> p = best_partition(g)
    >>> p.frustration, p.exact, p.side["a"] != p.side["c"]
    (0, True, True)
    """
    side: dict[Hashable, int] = {}
    total = 0
    exact = True
    largest = 0
    comps = sorted(_components(g), key=lambda c: (-len(c), str(min(c, key=str))))
    for comp in comps:
        adj = _adjacency(g, sorted(comp, key=str))
        core, order = _peel(adj)
        core_adj = {u: [(v, s) for v, s in adj[u] if v in core] for u in sorted(core, key=str)}
        largest = max(largest, len(core))
        part, cost = _heuristic(core_adj, restarts, seed) if core_adj else ({}, 0)
        if core_adj and len(core) <= exact_limit:
            solved = _branch_and_bound(core_adj, cost + 1, part)
            if solved is None:
                exact = False
            else:
                part, cost = solved
        elif core_adj:
            exact = False
        _unpeel(part, order)
        # orient: the best-connected actor of each component in camp 0
        anchor = max(comp, key=lambda u: (g.degree(u), str(u)))
        if part.get(anchor, 0) == 1:
            part = {u: 1 - c for u, c in part.items()}
        side.update(part)
        total += cost
    if exact:
        method = f"exact: branch and bound (largest peeled component {largest} actors <= {exact_limit})"
    else:
        method = (f"heuristic: spanning-tree start x{restarts} + greedy single-actor moves "
                  f"(largest peeled component {largest} actors > {exact_limit}); an upper bound")
    return Partition(side, total, exact, method, len(comps))


# ---------------------------------------------------------------------------
# Paths and centrality on any networkx graph
# ---------------------------------------------------------------------------
def shortest_paths(g: Any, source: Hashable, target: Hashable, max_hops: int | None = None, limit: int = 20) -> list[list[Hashable]]:
    """Up to ``limit`` shortest paths (lists of nodes) of at most ``max_hops`` ties; ``[]`` if none.

    >>> import networkx as nx
    >>> shortest_paths(nx.path_graph(4), 0, 3), shortest_paths(nx.path_graph(4), 0, 3, max_hops=2)
    ([[0, 1, 2, 3]], [])
    """
    import itertools

    import networkx as nx

    if source == target:
        return [[source]]
    try:
        length = nx.shortest_path_length(g, source, target)
    except nx.NetworkXNoPath:
        return []
    if max_hops is not None and length > max_hops:
        return []
    paths = itertools.islice(nx.all_shortest_paths(g, source, target), limit)
    return sorted(paths, key=lambda p: [str(n) for n in p])


def centrality_scores(g: Any, measure: str, seed: int = 0) -> tuple[dict[Hashable, float], bool, str]:
    """``(scores, exact, method)`` for one measure on an undirected graph.

    >>> import networkx as nx
    >>> scores, exact, _ = centrality_scores(nx.star_graph(3), "degree")
    >>> scores[0], exact
    (1.0, True)
    """
    import networkx as nx

    if measure == "degree":
        return nx.degree_centrality(g), True, "degree centrality (exact)"
    if measure == "betweenness":
        n = g.number_of_nodes()
        if n <= EXACT_BETWEENNESS_LIMIT:
            return nx.betweenness_centrality(g), True, f"betweenness, exact (Brandes; {n} <= {EXACT_BETWEENNESS_LIMIT} actors)"
        k = min(BETWEENNESS_SAMPLES, n)
        return (nx.betweenness_centrality(g, k=k, seed=seed), False,
                f"betweenness, estimated from k={k} sampled sources (seed {seed}; {n} > {EXACT_BETWEENNESS_LIMIT} actors)")
    if measure == "eigenvector":
        if g.number_of_edges() == 0:
            return dict.fromkeys(g, 0.0), True, "eigenvector (no ties)"
        try:
            return nx.eigenvector_centrality(g, max_iter=1000, tol=1e-9), True, "eigenvector (power iteration, tol 1e-9)"
        except nx.PowerIterationFailedConvergence:
            raise ActorGraphError("eigenvector centrality did not converge in 1000 iterations") from None
    if measure == "pagerank":
        try:
            import scipy  # noqa: F401

            return nx.pagerank(g), True, "pagerank (alpha 0.85, tol 1e-6)"
        except ImportError:  # networkx's pure-Python fallback
            from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

            return _pagerank_python(g), True, "pagerank (alpha 0.85, tol 1e-6, pure Python)"
    raise ActorGraphError(f"unknown measure {measure!r}: use one of {', '.join(MEASURES)}, all")
