"""Change over time: what changed between two dates (:func:`diff`) and an actor's timeline.

>>> from actorgraph import load
>>> rows = diff(load(), "2024-12-31", "2026-03-31")
>>> len(rows) > 0
True
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..core.dates import parse_date, parse_day
from ..core.errors import ActorGraphError
from ..model.names import actors, resolve
from ..model.reads import events, relations
from ..model.records import local_id
from ..store.graph import ActorGraph
from .sides import events_of_side, rolled_up_relations
from .snapshot import _POLARITY, _describe, _pair, signed_snapshot

__all__ = [
    "diff",
    "timeline",
]


def diff(kg: ActorGraph, before: str | dt.date, after: str | dt.date, rule: str = "possible",
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
        start, end = rel.start_date, rel.end_date
        changes = []
        if start is not None and (start.earliest if rule == "possible" else start.latest) > d1 and \
                (start.earliest if rule == "possible" else start.latest) <= d2:
            changes.append("began")
        if end is not None and d1 <= (end.latest if rule == "possible" else end.earliest) < d2:
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
