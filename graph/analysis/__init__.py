"""Analysis layer: alliance analysis on signed snapshots — balance, blocs, paths, centrality, diff, timeline.

Owns :mod:`.snapshot` (the signed snapshot of one day), :mod:`.measures`
(balance, blocs, path, ego, centrality, communities, enemies of enemies),
:mod:`.history` (diff, timeline), :mod:`.signed` (algorithms on signed graphs,
no knowledge graph) and :mod:`.sides` (actors rolled up into their sides).
May import: core, store, model (never write, ingest, exports, serve or the CLI).
This package re-exports the analysis API, so ``from actorgraph import analysis``
then ``analysis.blocs(kg)`` works.

Everything starts from a **snapshot**: the relations active between actors on
one day (the as-of rule of :mod:`graph.core.dates`; potential or proposed
relations are never active). Each relation type carries a polarity in the
ontology — friendly (+1), hostile (−1) or neutral (unsigned) — and the
*signed snapshot* keeps one sign per pair of actors.

Reduction rule (several active relations on one pair)
-----------------------------------------------------
The pair takes the sign of its **most recently started** active signed
relation (start dates compared by their earliest, then latest, day; a
relation without a start date is the oldest). When the most recent relations
start on the same date and disagree, **hostile wins the tie**. Neutral
relations never sign a pair. Every pair whose active signed relations
disagree is reported in ``conflicts`` (with the rule that decided it) —
never resolved silently.

So Pakistan's optimism at the Taliban's return (summer 2021) signs the
Pakistan–Taliban pair friendly at the end of 2021 over the older, undated
hostile ties, and the pair is listed as a conflict.

Exactness
---------
* Balance triads: every triangle of signed ties is enumerated (exact).
* Blocs: exact by branch and bound up to :data:`EXACT_BLOCS_LIMIT` actors in
  the largest peeled component, a heuristic beyond (the algorithms live in
  :mod:`graph.analysis.signed`). The output says which (``exact``, ``method``).
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

from .history import (
    diff,
    timeline,
)
from .measures import (
    balance,
    blocs,
    centrality,
    communities,
    ego,
    enemies_of_enemies,
    path,
)
from .signed import (
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
from .snapshot import (
    Snapshot,
    conflict_warnings,
    default_as_of,
    evidence,
    reduce_pair,
    signed_snapshot,
    span_text,
)

__all__ = [
    "BETWEENNESS_SAMPLES",
    "EXACT_BETWEENNESS_LIMIT",
    "EXACT_BLOCS_LIMIT",
    "MEASURES",
    "Partition",
    "TieGraph",
    "best_partition",
    "centrality_scores",
    "frustration",
    "is_balanced",
    "shortest_paths",
    "switch",
    "triad_balanced",
    "triangles",
    "Snapshot",
    "conflict_warnings",
    "default_as_of",
    "evidence",
    "reduce_pair",
    "signed_snapshot",
    "span_text",
    "balance",
    "blocs",
    "centrality",
    "communities",
    "ego",
    "enemies_of_enemies",
    "path",
    "diff",
    "timeline",
]
