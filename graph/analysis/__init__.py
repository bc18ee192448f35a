"""Analysis layer: alliance analysis on signed snapshots — balance, blocs, paths, centrality, diff, timeline.

Owns :mod:`.ties` (the tie model: friendly, hostile or mixed), :mod:`.snapshot` (the signed snapshot of one day), :mod:`.measures`
(balance, blocs, path, ego, centrality, communities, enemies of enemies),
:mod:`.history` (diff, timeline), :mod:`.signed` (algorithms on signed graphs,
no knowledge graph) and :mod:`.sides` (actors rolled up into their sides).
May import: core, store, model (never write, ingest, exports, serve or the CLI).
This package re-exports the analysis API, so ``from actorgraph import analysis``
then ``analysis.blocs(kg)`` works.

Everything starts from a **snapshot**: the ties between actors on one day,
read by the tie model of :mod:`graph.analysis.ties` — each pair **friendly**,
**hostile** or **mixed**, scored from the relation types' intensities
(``ag:intensity``: Goldstein's weights on CAMEO codes) with recency, under the
time of knowledge of :mod:`graph.core.dates` (an undated statement holds at its
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
    summarise_warnings,
)
from .ties import Tie, ties

__all__ = [
    "Tie",
    "ties",
    "summarise_warnings",
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
