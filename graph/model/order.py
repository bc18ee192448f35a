"""What a reader sees first: relations by tie weight and date, a fact told twice shown once.

The read API (:mod:`graph.model.reads`) returns relations by start date and
events by date, every statement on its own; a table for people leads with
what matters. :func:`order_relations` puts the strongest ties first — the one
tie order, :meth:`graph.core.ontology.Ontology.tie_order` — the newest first
within a type, potential and proposed relations after the ties, structural
types (``partOf``, ``neighborOf``…) last. :func:`same_fact` groups the
statements of one fact (same ends, type, claimant and status, spans that
overlap); :func:`told_twice` finds an undated event that another sentence
dates (same type, agents and targets, dated in the months before the source).
Nothing is merged in the data: these only group rows for display, each
statement keeps its id, date and quote.

>>> from actorgraph import load
>>> from actorgraph.model.reads import relations
>>> kg = load()
>>> order_relations(kg.ontology, relations(kg, actor="Pakistan"))[0].predicate
'atWarWith'
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..core.dates import parse_date
from .records import Event, Relation

if TYPE_CHECKING:
    from ..core.ontology import Ontology

__all__ = ["SORTS", "anchor", "order_relations", "same_fact", "told_twice", "RECENT_DAYS"]

#: ``--sort`` choices: ``tie`` (strongest tie first, then newest), ``date`` (newest first), ``start`` (oldest first).
SORTS = ("tie", "date", "start")
#: An undated sentence of a source speaks of the days just before it: the months an event it restates may be dated in.
RECENT_DAYS = 62


def anchor(text: str | None) -> dt.date | None:
    """The telling day of a date at any precision: its earliest, or its latest bound when only that is known.

    ``[..2026-02]`` (by February 2026 at the latest) anchors at 2026-02-28, ``[2021-06..]`` at 2021-06-01,
    an open ``..`` or nothing at None.

    >>> anchor("[..2026-02]"), anchor("[2021-06..]"), anchor("2025"), anchor(".."), anchor(None)
    (datetime.date(2026, 2, 28), datetime.date(2021, 6, 1), datetime.date(2025, 1, 1), None, None)
    """
    if not text:
        return None
    date = parse_date(text)
    if date.earliest == dt.date.min:
        return None if date.latest == dt.date.max else date.latest
    return date.earliest


def _ended(rel: Relation) -> bool:
    return bool(rel.end) or rel.status == "Ended"


def order_relations(onto: Ontology, rels: list[Relation], sort: str = "tie") -> list[Relation]:
    """``rels`` in reading order.

    * ``tie`` (the tables' default): the ties that still hold by tie weight
      (war, force, alliance… attitudes:
      :meth:`~graph.core.ontology.Ontology.tie_order`), then those that ended,
      then potential and proposed relations, then structural types; within a
      type the newest first, undated last;
    * ``date``: the newest first (by start, else end), undated last;
    * ``start``: the read API's order, the oldest first.
    """
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}: expected one of {', '.join(SORTS)}")
    if sort == "start":
        return list(rels)
    order = onto.tie_order()
    structural = {name for name, rel_type in ((t.name, t) for t in onto.relations.values()) if rel_type.intensity is None}

    def newest(rel: Relation) -> tuple:
        day = anchor(rel.start) or anchor(rel.end)
        return (day is None, -(day or dt.date.min).toordinal())

    def labels(rel: Relation) -> tuple:
        return (rel.subject_label.lower(), rel.object_label.lower(), rel.id)

    if sort == "date":
        return sorted(rels, key=lambda r: (*newest(r), order.get(r.predicate, len(order)), *labels(r)))
    return sorted(rels, key=lambda r: (r.predicate in structural or r.predicate not in order, r.hypothetical,
                                       _ended(r), order.get(r.predicate, len(order)), *newest(r), *labels(r)))


def _possible(rel: Relation) -> tuple[dt.date, dt.date]:
    start = parse_date(rel.start).earliest if rel.start else dt.date.min
    end = parse_date(rel.end).latest if rel.end else dt.date.max
    return start, end


def same_fact(rels: list[Relation]) -> list[list[Relation]]:
    """Groups of the statements that tell one fact, in the order of their first statement.

    One fact: the same subject, type, other end(s), claimant and status, with
    spans that may overlap (an undated statement overlaps any). The TTP's
    attacks of 2008–2011 and of 2014 stay apart; two sentences on the ongoing
    tensions between Pakistan and the Taliban regime are one fact.

    >>> from actorgraph import load
    >>> from actorgraph.model.reads import relations
    >>> groups = same_fact(relations(load(), actor="TTP", type="attacks", with_="Pakistan"))
    >>> sorted(len(g) for g in groups)
    [1, 1, 2]
    """
    groups: list[list[Relation]] = []
    by_key: dict[tuple, list[list[Relation]]] = {}
    for rel in rels:
        key = (rel.subject, rel.predicate, tuple(sorted(rel.ends())), rel.claimed_by, rel.status)
        for group in by_key.get(key, []):
            if all(_possible(rel)[0] <= _possible(r)[1] and _possible(r)[0] <= _possible(rel)[1] for r in group):
                group.append(rel)
                break
        else:
            group = [rel]
            by_key.setdefault(key, []).append(group)
            groups.append(group)
    return groups


def told_twice(events: list[Event], issued: dict[str, str]) -> dict[str, str]:
    """``{undated event id: the dated event id}`` for an undated event that another sentence dates.

    The same type, agents and targets, one undated, the other dated within
    :data:`RECENT_DAYS` before its source's date (``issued``: source id → date):
    an undated sentence of a source speaks of the days just before it (the
    rule the extractor merges candidates by, :mod:`graph.ingest.extract`). Only
    when exactly one dated event fits; the undated event keeps its own record.

    >>> from actorgraph import load
    >>> from actorgraph.model.reads import events, sources
    >>> kg = load()
    >>> told_twice(events(kg, actor="Pakistan"), {s.id: s.date for s in sources(kg) if s.date})
    {'event/pakistan-intensified-airstrikes': 'event/2026-02-pakistan-strikes-intensified'}
    """
    def key(ev: Event) -> tuple:
        return (ev.type, tuple(ev.agents), tuple(ev.targets))

    out: dict[str, str] = {}
    for ev in events:
        if ev.date or not ev.agents or ev.source not in issued:
            continue
        day = parse_date(issued[ev.source]).latest
        fits = [other for other in events
                if other.date and other.id != ev.id and key(other) == key(ev) and other.source == ev.source
                and day - dt.timedelta(days=RECENT_DAYS) <= parse_date(other.date).earliest
                and parse_date(other.end or other.date).latest <= day]
        if len(fits) == 1:
            out[ev.id] = fits[0].id
    return out
