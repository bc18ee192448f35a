"""Camps for the map's "camp" colouring: a structural-balance reading of the ties, month by month.

One partition per month of the time slider: the two camps minimising the
frustration index on the month's last day (:func:`graph.analysis.blocs`, over
sides — members of one side never split across camps — and the ties of the
tie model, :mod:`graph.ties`, under the default as-of rule). They are the
model's reading, not the source's word: each camp is named after its head
(the side with the most ties inside the camp) as "Pakistan's camp", and
each month's explanation lists the ties the partition used (pair, sign,
score, the statements that decided it).

Camp numbers are kept stable from one month to the next (camp 1 is the one
sharing most members with the previous month's camp 1), so colours do not
flip while the slider moves. Gives up (returns None: the page then uses its
own friendly-components camps) past a time budget or :data:`STATEMENT_LIMIT`
statements, so a large graph still exports quickly.
"""

from __future__ import annotations

import time

from ..core.dates import DEFAULT_RULE, parse_day

__all__ = ["camps_by_month", "camp_name", "STATEMENT_LIMIT", "READING"]

#: Past this many statements the camps are left to the page (its friendly-components camps):
#: each month's partition reads every active relation of the graph (~4 s a month at 1M triples).
STATEMENT_LIMIT = 10_000

#: How the camps are presented: the model's reading, never the source's.
READING = ("Model reading (structural balance): the two camps that leave the fewest friendly ties across "
           "and hostile ties within, from the ties of the tie model; named after their heads. Not the source's "
           "words: each month lists the ties used.")


def camp_name(head: str) -> str:
    """A camp named after its head.

    >>> camp_name("Pakistan"), camp_name("United States")
    ("Pakistan's camp", "United States' camp")
    """
    return f"{head}' camp" if head.endswith("s") else f"{head}'s camp"


def _statement_count(kg) -> int:
    _, rows = kg.select_values("SELECT (COUNT(*) AS ?n) WHERE { ?st a ag:Statement }")
    return int(rows[0][0]) if rows and rows[0][0] else 0


def _head(camp: list[str], ties: list[dict]) -> str:
    """The camp's head: the side with the most ties to the camp's other sides, then the most ties, then its id."""
    inside = set(camp)
    within = {a: 0 for a in camp}
    every = {a: 0 for a in camp}
    for t in ties:
        a, b = t["pair"]
        for x, y in ((a, b), (b, a)):
            if x in inside:
                every[x] += 1
                if y in inside:
                    within[x] += 1
    return min(camp, key=lambda a: (-within[a], -every[a], a))


def camps_by_month(kg, sel, months: list[str], budget: float = 6.0, rule: str = DEFAULT_RULE) -> dict | None:
    """``{"months": {"YYYY-MM": {actor: 0|1}}, "names": [...], "heads": {...}, "explain": {...}, "how": str}``
    or None.

    ``names`` are the last month's camps ("Pakistan's camp"); ``heads`` gives each month's two heads and
    ``explain`` each month's ties used (``pair, labels, sign, score, because``).
    """
    from ..analysis import blocs, signed_snapshot
    from ..model.reads import _all_relations, lifespans

    started = time.monotonic()
    if _statement_count(kg) > STATEMENT_LIMIT:  # a partition per month of the whole graph: minutes, not seconds
        return None
    out: dict[str, dict[str, int]] = {}
    heads: dict[str, list[str]] = {}
    explain: dict[str, list[dict]] = {}
    previous: dict[str, int] = {}
    every = [r for r in _all_relations(kg) if not r.hypothetical]  # cached: each month's blocs filter it
    alive = lifespans(kg)
    # each relation's days under the rule (Relation.span: the time of knowledge), worked out once, not once a month
    spans = [(r.id, r.span.begun_by(rule), r.span.last_day(rule), (r.subject, *r.ends())) for r in every]
    solved: dict[frozenset, tuple[list[set[str]], list[str], list[dict]]] = {}
    labels = {}
    for month in months:
        if time.monotonic() - started > budget:
            return None
        day = parse_day(month)
        key = frozenset(rid for rid, lo, hi, ends in spans if lo <= day <= hi
                        and all(alive[a].active(day, rule) for a in ends if a in alive))
        if key not in solved:  # sides are placed whole: a state's institutions and officials share its camp
            found = blocs(kg, day, rule)
            snap = signed_snapshot(kg, day, rule, True, False)
            used = [{"pair": list(pair), "labels": [snap.label(pair[0]), snap.label(pair[1])],
                     "sign": data["reading"], "score": data["score"],
                     "because": [r.id for r in data["relations"]]} for pair, data in snap.ties.items()]
            camp_heads = [_head(b["actors"], used) if b["actors"] else "" for b in found["blocs"]]
            labels.update({a: snap.label(a) for a in camp_heads if a})
            solved[key] = ([set(b["members"]) for b in found["blocs"]], camp_heads, used)
        sides, camp_heads, used = solved[key]
        if len(sides) != 2:
            out[month] = {}
            continue
        keep = sum(1 for a in sides[0] if previous.get(a) == 0) + sum(1 for a in sides[1] if previous.get(a) == 1)
        flip = sum(1 for a in sides[0] if previous.get(a) == 1) + sum(1 for a in sides[1] if previous.get(a) == 0)
        order = (1, 0) if flip > keep else (0, 1)
        camp = {a: order[i] for i, side in enumerate(sides) for a in sorted(side) if a in sel.nodes}
        out[month] = camp
        heads[month] = [camp_heads[order.index(0)], camp_heads[order.index(1)]]
        explain[month] = used
        if camp:
            previous = camp
    last = next((heads[m] for m in reversed(months) if m in heads), None)
    names = [camp_name(labels.get(h, h)) if h else f"Camp {i + 1}" for i, h in enumerate(last)] if last \
        else ["Camp 1", "Camp 2"]
    return {
        "months": out,
        "names": names,
        "heads": heads,
        "explain": explain,
        "reading": "model",
        "how": READING,
    }
