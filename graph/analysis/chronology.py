"""The timeline one fact a row: a relation with its span and the events that evidence it, an event on its own.

:func:`graph.analysis.history.timeline` is a stream of dated items — a
relation's start, its end and the events that evidence it are three rows
(``began``, ``event``, ``ended``). :func:`facts` folds them: one row per
relation (the statements of one fact, :func:`graph.model.order.same_fact`,
together) with its span in words and its events, one row per event that
evidences no relation on the timeline. Types are in words (the ontology's
labels), the sign is the relation type's polarity (an event alone has none).
The stream stays what ``timeline --format json|csv`` prints (a contract).

>>> from actorgraph import load
>>> rows = facts(load(), actor="Pakistan")
>>> len({r["ids"][0] for r in rows}) == len(rows)
True
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..core.dates import span_text
from ..core.prose import relation_clause
from ..core.vocab import AG
from ..model.order import anchor, same_fact
from ..model.reads import events, relations
from ..model.records import Relation
from ..store.graph import ActorGraph
from .history import _date_key, timeline

__all__ = ["facts", "span_words"]


def span_words(rels: list[Relation]) -> str:
    """The dates of a fact in words: "2008 to 2011", "from 2026-02-27", "until 2009"; several statements joined.

    >>> span_words([Relation("s", "a", "A", "attacks", "attacks", "b", "B", "hostile", "2008", "2011", None, None, None)])
    '2008 to 2011'
    """
    return "; ".join(dict.fromkeys(span_text(r.start, r.end, "undated") for r in rels))


def _sentence(rel: Relation) -> str:
    """A relation as a reader says it: "Pakistan has a defense pact with Saudi Arabia" (:func:`relation_clause`)."""
    objects = rel.object_label.split(" & ") if rel.parties else rel.object_label
    text = relation_clause(rel.subject_label, rel.predicate, rel.predicate_label, objects)
    return text[:1].upper() + text[1:]


def _type_label(kg: ActorGraph, name: str) -> str:
    label = kg.ontology.classes.get(AG[name]) or name
    return label[:1].upper() + label[1:]


def facts(kg: ActorGraph, actor: str | None = None, since: str | dt.date | None = None,
          until: str | dt.date | None = None, roll_up: bool = False) -> list[dict[str, Any]]:
    """The timeline's items folded into facts, in date order.

    Rows ``date, when, kind, polarity, type, label, events, ids, actors``:
    ``kind`` is ``relation`` or ``event``; ``date`` the fact's first date
    (sorting: its telling day, :func:`graph.model.order.anchor`; open dates ``..`` last); ``when`` its span in words; ``type`` the types of the events
    it folds (in words); ``events`` their labels; ``ids`` its statements then
    its events. A fact is kept when one of its dated items falls in the
    window (the rule of :func:`~graph.analysis.history.timeline`).
    """
    stream = timeline(kg, actor=actor, since=since, until=until, roll_up=roll_up)
    if not stream:
        return []
    by_id = {r.id: r for r in relations(kg, include_hypothetical=False)}
    all_events = {e.id: e for e in events(kg)}
    # the relations on the timeline (a start or end in the window) and its events
    on_line = [by_id[i] for i in dict.fromkeys(r["id"] for r in stream if r["kind"] != "event") if i in by_id]
    event_ids = [r["id"] for r in stream if r["kind"] == "event"]
    # event id -> the statement whose row shows it: of those on the line citing it, the strongest tie
    # (the one tie order, Ontology.tie_order: the airstrike goes with "attacks", not with "tensions with")
    order = kg.ontology.tie_order()
    folded: dict[str, str] = {}
    for rel in sorted(on_line, key=lambda r: order.get(r.predicate, len(order))):
        for ev in rel.events:
            if ev in event_ids and ev not in folded:
                folded[ev] = rel.id
    rows = []
    for group in same_fact(on_line):
        ids = {r.id for r in group}
        own = [all_events[e] for e, st in folded.items() if st in ids]
        dates = [d for r in group for d in (r.start, r.end) if d] + [e.date for e in own]
        first = min(dates, key=_when_key) if dates else None
        rel = group[0]
        rows.append({
            "date": first, "when": span_words(group), "kind": "relation", "polarity": rel.polarity,
            "type": ", ".join(dict.fromkeys(_type_label(kg, e.type) for e in own)),
            "label": _sentence(rel),
            "events": [e.label for e in own], "ids": [r.id for r in group] + [e.id for e in own],
            "actors": sorted({a for r in group for a in (r.subject, *r.ends())}),
        })
    for ev_id in event_ids:
        if ev_id in folded:
            continue
        ev = all_events[ev_id]
        when = span_text(ev.date, ev.end) if ev.end else ev.date
        rows.append({"date": ev.date, "when": when, "kind": "event", "polarity": None,
                     "type": _type_label(kg, ev.type), "label": ev.label, "events": [], "ids": [ev.id],
                     "actors": sorted(set(ev.agents + ev.targets + ev.victims))})
    rows.sort(key=lambda r: (_when_key(r["date"]), r["kind"] != "relation", r["label"].lower()))
    return rows


def _when_key(text: str | None) -> tuple:
    """A date's telling day (``[..2025]`` at the end of 2025, ``[2021-06..]`` at its start), open dates last."""
    day = anchor(text)
    return (day is None, day or dt.date.min, _date_key(text)[1:])
