"""Node positions for the map and the diagrams: a seeded spring layout, packed by component.

networkx's spring layout gives the reference positions; :func:`layout` runs the
same iterations ported to numpy (seeded, same positions) so that a cold
``export html`` does not import networkx, and :func:`packed_layout` places the
components side by side for the static diagrams.
"""

from __future__ import annotations

from .filters import Selection

__all__ = ["layout", "packed_layout"]


def layout(sel: Selection, seed: int = 7, core: set[str] | None = None) -> dict[str, tuple[float, float]]:
    """Node positions (networkx's spring layout, seeded); {} when it cannot be computed.

    With ``core``, those nodes are laid out first on their own (so the nodes
    shown at first fill the space), then the others are placed around them.
    Up to 400 nodes the layout is :func:`_spring_layout` (networkx's
    ``spring_layout`` ported to numpy, same positions: importing networkx costs
    ~0.1 s of a cold ``export html``).
    """
    adj: dict[str, dict[str, int]] = {n: {} for n in sel.nodes}
    for edge in sel.edges:
        if edge.source != edge.target:
            w = adj.setdefault(edge.source, {}).get(edge.target, 0)
            adj[edge.source][edge.target] = adj.setdefault(edge.target, {})[edge.source] = min(w + 1, 3)
    if not adj:
        return {}
    try:
        if core and len(core) < len(adj):
            shown = {n for n in core if n in adj}
            # sorted: the same page from every process (a set's order changes with the hash seed)
            inner = sorted(shown) if 2 * len(shown) < len(adj) else [n for n in adj if n in shown]
            n = max(len(inner), 1)
            pos = _spring_layout(inner, adj, seed, k=2.2 / n ** 0.5, iterations=120) if inner else {}
            n = len(adj)
            pos = _spring_layout(list(adj), adj, seed, k=2.2 / n ** 0.5, iterations=60, pos=pos or None,
                                 fixed=list(pos) or None)
        elif len(adj) > 400:
            import networkx as nx

            graph = nx.Graph()
            graph.add_nodes_from(sel.nodes)
            for edge in sel.edges:
                if edge.source != edge.target:
                    graph.add_edge(edge.source, edge.target)
            pos = _fast_layout(graph, seed)
        else:
            n = len(adj)
            pos = _spring_layout(list(adj), adj, seed, k=2.2 / n ** 0.5, iterations=120)
    except ImportError:  # numpy absent: let the caller fall back
        return {}
    return {k: (float(v[0]), float(v[1])) for k, v in pos.items()}


def _spring_layout(nodes: list[str], adj: dict[str, dict[str, int]], seed: int, k: float, iterations: int,
                   pos: dict | None = None, fixed: list[str] | None = None, threshold: float = 1e-4) -> dict:
    """networkx 3's ``spring_layout(G, k=k, iterations=iterations, pos=pos, fixed=fixed, seed=seed)`` for
    fewer than 500 nodes (its dense Fruchterman–Reingold), on the graph induced by ``nodes`` in ``adj``."""
    import numpy as np

    rng = _NumpyRandomState(seed)
    n = len(nodes)
    if n == 0:
        return {}
    index = {u: i for i, u in enumerate(nodes)}
    fixed_at = np.asarray([index[u] for u in fixed if u in index]) if fixed is not None else None
    if pos is not None:
        dom_size = max(c for xy in pos.values() for c in xy) or 1
        start = rng.rand(n, 2) * dom_size + np.zeros(2)
        for i, u in enumerate(nodes):
            if u in pos:
                start[i] = np.asarray(pos[u])
    else:
        start = None
    if n == 1:
        return {nodes[0]: np.zeros(2)}
    weights = np.zeros((n, n))
    for u in nodes:
        for v, w in adj[u].items():
            if v in index:
                weights[index[u], index[v]] = w
    xy = np.asarray(rng.rand(n, 2), dtype=weights.dtype) if start is None else start.astype(weights.dtype)
    t = max(max(xy.T[0]) - min(xy.T[0]), max(xy.T[1]) - min(xy.T[1])) * 0.1
    dt = t / (iterations + 1)
    for _ in range(iterations):
        delta = xy[:, np.newaxis, :] - xy[np.newaxis, :, :]
        distance = np.linalg.norm(delta, axis=-1)
        np.clip(distance, 0.01, None, out=distance)
        displacement = np.einsum("ijk,ij->ik", delta, (k * k / distance**2 - weights * distance / k))
        length = np.linalg.norm(displacement, axis=-1)
        length = np.clip(length, a_min=0.01, a_max=None)
        delta_pos = np.einsum("ij,i->ij", displacement, t / length)
        if fixed_at is not None:
            delta_pos[fixed_at] = 0.0
        xy += delta_pos
        t -= dt
        if (np.linalg.norm(delta_pos) / n) < threshold:
            break
    if fixed_at is None:  # networkx's rescale_layout(scale=1) around the origin
        xy -= xy.mean(axis=0)
        lim = np.abs(xy).max()
        if lim > 0:
            xy *= 1 / lim
    return dict(zip(nodes, xy, strict=True))


class _NumpyRandomState:
    """``numpy.random.RandomState(seed).rand`` (same numbers) from the standard library's Mersenne Twister:
    importing numpy.random costs ~8 ms of a cold ``export html``. Both seed an int with MT19937's
    ``init_genrand`` and draw doubles with ``genrand_res53``."""

    def __init__(self, seed: int):
        import random

        state = [seed & 0xFFFFFFFF]
        for i in range(1, 624):
            state.append((1812433253 * (state[-1] ^ (state[-1] >> 30)) + i) & 0xFFFFFFFF)
        self._random = random.Random()
        self._random.setstate((3, (*state, 624), None))

    def rand(self, rows: int, cols: int):
        import numpy as np

        draw = self._random.random
        return np.array([draw() for _ in range(rows * cols)], dtype=float).reshape(rows, cols)


def _fast_layout(graph, seed: int, iterations: int = 30) -> dict:
    """Fruchterman–Reingold with numpy (dense repulsion, sparse attraction): seconds for 2,000 nodes."""
    import numpy as np

    nodes = list(graph)
    index = {n: i for i, n in enumerate(nodes)}
    n = len(nodes)
    rng = np.random.default_rng(seed)
    x = rng.random(n, dtype=np.float32) * 2 - 1
    y = rng.random(n, dtype=np.float32) * 2 - 1
    src = np.array([index[u] for u, v in graph.edges()], dtype=np.int64)
    dst = np.array([index[v] for u, v in graph.edges()], dtype=np.int64)
    k = np.float32(2.0 / n ** 0.5)
    temp = np.float32(0.25)
    for _ in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        d2 = dx * dx
        d2 += dy * dy
        np.maximum(d2, np.float32(1e-4), out=d2)
        rep = (k * k) / d2
        mx = (dx * rep).sum(axis=1)
        my = (dy * rep).sum(axis=1)
        ex, ey = x[src] - x[dst], y[src] - y[dst]
        pull = np.sqrt(ex * ex + ey * ey) / k
        np.add.at(mx, src, -ex * pull)
        np.add.at(my, src, -ey * pull)
        np.add.at(mx, dst, ex * pull)
        np.add.at(my, dst, ey * pull)
        length = np.maximum(np.sqrt(mx * mx + my * my), np.float32(1e-4))
        step = np.minimum(length, temp) / length
        x += mx * step
        y += my * step
        temp = np.float32(temp * 0.92)
    x -= x.mean()
    y -= y.mean()
    scale = max(float(np.abs(x).max()), float(np.abs(y).max()), 1e-9)
    return {node: (float(x[i] / scale), float(y[i] / scale)) for i, node in enumerate(nodes)}


def packed_layout(sel: Selection, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Each connected component laid out on its own, then packed in rows (largest first).

    A static diagram must not let a two-node component push the main one
    into a corner, as a single spring layout of a disconnected graph does.
    """
    import networkx as nx

    graph = nx.Graph()
    graph.add_edges_from((e.source, e.target) for e in sel.edges if e.source != e.target)
    if not len(graph):  # nothing related: show the nodes alone
        graph.add_nodes_from(sel.nodes)
    comps = sorted(nx.connected_components(graph), key=lambda c: (-len(c), sorted(c)[0]))
    out: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    width = 2.0 * max(len(comps[0]), 1) ** 0.5 * 1.4 if comps else 1.0
    for comp in comps:
        size = max(len(comp), 1) ** 0.5
        sub = graph.subgraph(comp)
        if len(comp) == 1:
            local = {next(iter(comp)): (0.0, 0.0)}
        else:
            try:
                local = nx.kamada_kawai_layout(sub) if len(comp) <= 150 else None
            except ImportError:  # kamada-kawai needs scipy
                local = None
            if local is None:
                local = nx.spring_layout(sub, seed=seed, k=1.6 / size, iterations=150)
        w, h = 2.0 * size * 1.4, 2.0 * size
        if x > 0 and x + w > width:
            x, y, row_height = 0.0, y - row_height - 0.6, 0.0
        for node, (px, py) in local.items():
            out[node] = (x + (float(px) + 1) * w / 2, y - (1 - float(py)) * h / 2)
        x += w + 0.6
        row_height = max(row_height, h)
    return out
