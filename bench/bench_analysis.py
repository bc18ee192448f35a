"""Benchmark of the alliance analysis on a synthetic signed graph.

Default: 10,000 actors and ~50,000 signed relations (a clustered power-law
graph, ``networkx.powerlaw_cluster_graph(n, 5, 0.3)``, so that triads exist;
two planted camps, friendly inside and hostile across, 10 % of the signs
flipped). Each operation is timed (best of ``--repeat``), its peak Python
memory measured in a separate run under ``tracemalloc``, and compared with
a reference measured in the same run on the same graph.

    python bench/bench_analysis.py                   # 10,000 actors / ~50,000 ties
    python bench/bench_analysis.py --actors 2000     # smaller
    python bench/bench_analysis.py --markdown        # table for docs/analysis.md
"""

from __future__ import annotations

import argparse
import gc
import platform
import random
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import networkx as nx  # noqa: E402

from actorgraph.analysis import snapshot as an  # noqa: E402

GOAL_SECONDS = 60.0


def synthetic(actors: int, per_node: int = 5, noise: float = 0.1, seed: int = 0) -> nx.Graph:
    """A clustered signed graph: two planted camps, ``noise`` of the signs flipped."""
    rng = random.Random(seed)
    g = nx.powerlaw_cluster_graph(actors, per_node, 0.3, seed=seed)
    camp = {u: int(rng.random() < 0.5) for u in g}
    g.graph["camp"] = camp
    for u, v in g.edges():
        sign = 1 if camp[u] == camp[v] else -1
        g[u][v]["sign"] = -sign if rng.random() < noise else sign
    return g


def timed(func: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def peak_mib(func: Callable[[], Any]) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        func()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=10_000)
    parser.add_argument("--per-node", type=int, default=5, help="ties added per actor (~relations / actors)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    g = synthetic(args.actors, args.per_node, seed=args.seed)
    build = time.perf_counter() - t0
    rng = random.Random(args.seed)
    nodes = list(g)
    pairs = [tuple(rng.sample(nodes, 2)) for _ in range(100)]

    def balance():
        counts = [0, 0]
        for a, b, c in an.triangles(g):
            counts[an.triad_balanced((g[a][b]["sign"], g[a][c]["sign"], g[b][c]["sign"]))] += 1
        return f"{counts[0] + counts[1]} triads, {counts[0]} unbalanced"

    def blocs():
        part = an.best_partition(g)
        return (f"frustration {part.frustration} ({'exact' if part.exact else 'heuristic'}; "
                f"planted camps: {an.frustration(g, g.graph['camp'])})")

    def paths():
        found = sum(len(an.shortest_paths(g, a, b, limit=20)) for a, b in pairs)
        return f"100 pairs, {found} paths"

    def degree():
        scores, _, _ = an.centrality_scores(g, "degree")
        return f"max {max(scores.values()):.4f}"

    def pagerank():
        scores, _, _ = an.centrality_scores(g, "pagerank")
        return f"sum {sum(scores.values()):.4f}"

    def ref_triangles():
        return sum(nx.triangles(g).values()) // 3

    def ref_bfs_all():  # one full BFS over every component
        return sum(len(c) for c in nx.connected_components(g))

    def ref_bfs_pairs():
        return sum(len(nx.single_source_shortest_path_length(g, a)) for a, _ in pairs)

    def ref_degree():
        return max(d for _, d in g.degree())

    def ref_pagerank_python():
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

        return len(_pagerank_python(g))

    ops = [
        ("balance triads", balance, "nx.triangles (count only)", ref_triangles),
        ("blocs (heuristic)", blocs, "BFS over all components", ref_bfs_all),
        ("path x100 pairs", paths, "plain BFS from each source", ref_bfs_pairs),
        ("degree", degree, "G.degree()", ref_degree),
        ("pagerank", pagerank, "pure-Python pagerank", ref_pagerank_python),
    ]
    rows = []
    for name, func, ref_name, ref in ops:
        seconds, result = timed(func, args.repeat)
        ref_seconds, _ = timed(ref, args.repeat)
        mib = peak_mib(func)
        rows.append((name, seconds, mib, result, ref_name, ref_seconds, seconds / ref_seconds if ref_seconds else float("nan")))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

    head = (f"synthetic signed graph: {g.number_of_nodes():,} actors, {g.number_of_edges():,} relations "
            f"({sum(1 for *_, s in g.edges(data='sign') if s < 0):,} hostile), built in {build:.1f} s; "
            f"Python {platform.python_version()}, networkx {nx.__version__}, {platform.machine()}")
    print(head)
    cols = ("operation", "seconds", "peak MiB", "result", "reference (same run)", "ref s", "ratio", "< 60 s")
    table = [(n, f"{s:.2f}", f"{m:.1f}", r, rn, f"{rs:.3f}", f"{ratio:.1f}x", "yes" if s < GOAL_SECONDS else "NO")
             for n, s, m, r, rn, rs, ratio in rows]
    if args.markdown:
        print("| " + " | ".join(cols) + " |")
        print("|" + "---|" * len(cols))
        for row in table:
            print("| " + " | ".join(row) + " |")
    else:
        widths = [max(len(c), *(len(r[i]) for r in table)) for i, c in enumerate(cols)]
        print("  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)))
        for row in table:
            print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)))
    print(f"process peak RSS: {rss:.0f} MiB")
    return 0 if all(s < GOAL_SECONDS for _, s, *_ in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
