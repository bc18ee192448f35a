"""Camps for the map's "camp" colouring, from :func:`graph.analysis.blocs`.

One partition per month of the time slider (the two camps minimising the
frustration index on the month's last day, over sides: see
:mod:`graph.analysis.sides` — members of one side never split across camps). Camp numbers are kept stable
from one month to the next (camp 1 is the one sharing most members with the
previous month's camp 1), so colours do not flip while the slider moves.
Gives up (returns None: the page then uses its own friendly-components
camps) past a time budget or :data:`STATEMENT_LIMIT` statements, so a large
graph still exports quickly.
"""

from __future__ import annotations

import time

from ..core.dates import parse_day

__all__ = ["camps_by_month", "STATEMENT_LIMIT"]

#: Past this many statements the camps are left to the page (its friendly-components camps):
#: each month's partition reads every active relation of the graph (~4 s a month at 1M triples).
STATEMENT_LIMIT = 10_000


def _statement_count(kg) -> int:
    _, rows = kg.select_values("SELECT (COUNT(*) AS ?n) WHERE { ?st a ag:Statement }")
    return int(rows[0][0]) if rows and rows[0][0] else 0


def camps_by_month(kg, sel, months: list[str], budget: float = 6.0) -> dict | None:
    """``{"months": {"YYYY-MM": {actor: 0|1}}, "names": [...], "how": str}`` or None."""
    from ..analysis.measures import blocs
    from ..model.reads import _all_relations

    started = time.monotonic()
    if _statement_count(kg) > STATEMENT_LIMIT:  # a partition per month of the whole graph: minutes, not seconds
        return None
    out: dict[str, dict[str, int]] = {}
    previous: dict[str, int] = {}
    every = [r for r in _all_relations(kg) if not r.hypothetical]  # cached: each month's blocs filter it
    # each relation's possible-rule bounds (Relation.active), parsed once rather than once a month
    spans = [(r.id, r.start_date.earliest if r.start else None, r.end_date.latest if r.end else None)
             for r in every]
    solved: dict[frozenset, list[set[str]]] = {}  # months with the same active relations share one partition
    for month in months:
        if time.monotonic() - started > budget:
            return None
        day = parse_day(month)
        key = frozenset(rid for rid, lo, hi in spans if (lo is None or lo <= day) and (hi is None or hi >= day))
        if key not in solved:  # sides are placed whole: a state's institutions and officials share its camp
            solved[key] = [set(b["members"]) for b in blocs(kg, day)["blocs"]]
        sides = solved[key]
        if len(sides) != 2:
            out[month] = {}
            continue
        keep = sum(1 for a in sides[0] if previous.get(a) == 0) + sum(1 for a in sides[1] if previous.get(a) == 1)
        flip = sum(1 for a in sides[0] if previous.get(a) == 1) + sum(1 for a in sides[1] if previous.get(a) == 0)
        order = (1, 0) if flip > keep else (0, 1)
        camp = {a: order[i] for i, side in enumerate(sides) for a in sorted(side) if a in sel.nodes}
        out[month] = camp
        if camp:
            previous = camp
    return {
        "months": out,
        "names": ["Camp 1", "Camp 2"],
        "how": "the two camps that leave the fewest friendly ties across and hostile ties within "
               "(graph.analysis.blocs, frustration index)",
    }
