"""Cold reads skip networkx and numpy.random (issue 12) and give the same answers as with them."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from actorgraph.analysis.signed import TieGraph, best_partition, frustration
from actorgraph.exports.layout import _NumpyRandomState, _spring_layout

ROOT = Path(__file__).resolve().parent.parent


def _random_graph(n: int, p: float, seed: int) -> dict[str, dict[str, int]]:
    rng = random.Random(seed)
    adj: dict[str, dict[str, int]] = {f"n{i}": {} for i in range(n)}
    for i in range(n):
        for j in range(i + 1, n):
            if rng.random() < p:
                adj[f"n{i}"][f"n{j}"] = adj[f"n{j}"][f"n{i}"] = rng.randint(1, 3)
    return adj


def _nx(adj: dict[str, dict[str, int]]) -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(adj)
    for u, nbrs in adj.items():
        for v, w in nbrs.items():
            g.add_edge(u, v, weight=w)
    return g


def test_random_state_draws_numpys_numbers():
    for seed in (0, 7, 2**32 - 1):
        ours, theirs = _NumpyRandomState(seed), np.random.RandomState(seed)
        assert (ours.rand(3, 2) == theirs.rand(3, 2)).all() and (ours.rand(50, 2) == theirs.rand(50, 2)).all()


@pytest.mark.parametrize("n,p", [(2, 1.0), (12, 0.3), (60, 0.08)])
def test_spring_layout_gives_networkx_positions(n, p):
    adj = _random_graph(n, p, seed=n)
    nodes = list(adj)
    k = 2.2 / n ** 0.5
    ours = _spring_layout(nodes, adj, 7, k=k, iterations=120)
    theirs = nx.spring_layout(_nx(adj), seed=7, k=k, iterations=120)
    assert list(ours) == list(theirs)
    assert all(np.allclose(ours[u], theirs[u], rtol=0, atol=1e-12) for u in nodes)
    # then the rest around fixed nodes, as layout(core=…) does
    core = nodes[: n // 2 or 1]
    inner = _spring_layout(core, adj, 7, k=k, iterations=120)
    ours = _spring_layout(nodes, adj, 7, k=k, iterations=60, pos=inner, fixed=list(inner))
    theirs = nx.spring_layout(_nx(adj), seed=7, k=k, iterations=60, pos=inner, fixed=list(inner))
    assert all(np.allclose(ours[u], theirs[u], rtol=0, atol=1e-12) for u in nodes)


def test_tie_graph_reads_like_networkx_and_partitions_alike():
    rng = random.Random(3)
    ties = {}
    for _ in range(80):
        a, b = sorted(rng.sample([f"a{i}" for i in range(25)], 2))
        ties[(a, b)] = {"sign": rng.choice([1, -1])}
    ours = TieGraph(ties)
    theirs = nx.Graph()
    for (a, b), attrs in ties.items():
        theirs.add_edge(a, b, **attrs)
    assert list(ours) == list(theirs) and len(ours) == len(theirs)
    assert list(ours.edges(data="sign")) == list(theirs.edges(data="sign"))
    assert all(ours.degree(u) == theirs.degree(u) and dict(ours[u]) == dict(theirs[u]) for u in theirs)
    assert ours.has_edge(*next(iter(ties))) and not ours.has_edge("a0", "nobody")
    p1, p2 = best_partition(ours), best_partition(theirs)
    assert (p1.side, p1.frustration, p1.components) == (p2.side, p2.frustration, p2.components)
    assert frustration(ours, p1.side) == p1.frustration


PROBE = """
import json, sys
from actorgraph.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] == "networkx" or m == "numpy.random")),
      file=sys.stderr)
"""


@pytest.mark.parametrize("args", [
    ["diff", "2024-12-31", "2026-03-31"],
    ["analyze", "blocs", "--as-of", "2026-03-15"],
    ["analyze", "balance", "--as-of", "2026-03-15"],
    ["export", "html", "--actor", "Pakistan", "--hops", "2", "-o", "{tmp}/map.html"],
])
def test_cold_reads_import_neither_networkx_nor_numpy_random(args, tmp_path):
    args = [a.format(tmp=tmp_path) for a in args]
    out = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert json.loads(out.stderr.strip().splitlines()[-1]) == []
    assert out.stdout.strip()
