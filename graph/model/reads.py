"""The read API: relations, events, sources, figures, one actor's card, and the networkx bridge.

Everything here reads through :meth:`actorgraph.store.graph.ActorGraph.select`, so it
works on any store that answers SPARQL; names are resolved by :mod:`actorgraph.model.names`
and records are :mod:`actorgraph.model.records`.

>>> from actorgraph import load
>>> kg = load()
>>> sorted({r.subject_label for r in relations(kg, type="mediatesBetween", actor="Pakistan", with_="Kabul")})
['China', 'Qatar', 'Saudi Arabia', 'Turkey']
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from typing import Any

from rdflib import URIRef

from ..core.dates import DEFAULT_RULE, Span, holding_span, normalize_rule, parse_date, parse_day, window
from ..core.errors import UnknownNameError, ValidationError
from ..core.vocab import AG
from ..store.graph import ActorGraph
from .names import (
    _P,
    _internal_rows,
    _labels,
    _most_specific,
    _nodes,
    _record,
    actors,
    label_of,
    resolve,
)
from .records import EVENT_ROLES, Event, Quantity, Relation, Source, iri, local_id
from .selectors import (
    COLUMN_SCAN_MIN,
    date_term,
    statement_columns,
    statement_where,
    values,
)

__all__ = [
    "relations",
    "events",
    "sources",
    "quantities",
    "show",
    "to_networkx",
    "lifespans",
    "alive",
]


# ---------------------------------------------------------------------------
# Relations
# ---------------------------------------------------------------------------
def _source_citations(kg: ActorGraph) -> dict[str, str]:
    return {s.id: s.citation or s.title or s.id for s in sources(kg)}


def _source_dates(kg: ActorGraph) -> dict[str, str]:
    return {s.id: s.date for s in sources(kg) if s.date}


_BRIEF = ("object", "party", "start", "end", "status", "claimedBy", "quote", "source")



def _fetch_relations(kg: ActorGraph, where: str, detail: bool = True, columns_query: str | None = None) -> list[Relation]:
    """Relation records for the statements ``where`` binds to ``?st`` — only those are built.

    ``detail=False`` reads only the columns of :data:`_BRIEF` (one row per
    statement and party, about half the store lookups of every property);
    ``columns_query`` is the same read written as whole columns
    (:func:`graph.model.selectors.statement_columns`), for reads that return most statements.
    """
    props: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    if detail:
        _, rows = kg.select_values(f"SELECT DISTINCT ?st ?prop ?value WHERE {{\n  {where}\n  ?st ?prop ?value .\n}}")
        for st, prop, value in rows:
            props[st][prop].append(value)
    else:
        optionals = " ".join(f"OPTIONAL {{ ?st ag:{k} ?{k} }}" for k in _BRIEF)
        _, rows = kg.select_values(columns_query or
            f"SELECT ?st ?subject0 ?p0 {' '.join('?' + k for k in _BRIEF)} WHERE {{\n  {where}\n  {optionals}\n}}")
        keys = [_P["subject"], _P["predicate"], *(_P[k] for k in _BRIEF)]
        for st, *cells in rows:
            rec = props[st]
            for key, value in zip(keys, cells, strict=True):
                if value is not None and value not in rec[key]:
                    rec[key].append(value)
    named: set[str] = set()
    for values_ in props.values():
        for key in ("subject", "object", "party", "claimedBy"):
            named.update(values_.get(_P[key], ()))
    labels = _labels(kg, named)
    onto = kg.ontology
    citations = _source_citations(kg) if props else {}
    issued = _source_dates(kg) if props else {}
    out = []
    for st, values_ in props.items():
        rel = _relation_record(onto, st, values_, labels, citations)
        if rel is not None:
            if rel.source in issued:
                rel.issued = issued[rel.source]
            out.append(rel)
    out.sort(key=lambda r: (_sort_date(r.start), r.subject_label, r.predicate, r.object_label, r.id))
    return out


def _relation_record(onto, st: str, values_: dict[str, list[str]], labels: dict[str, str],
                     citations: dict[str, str]) -> Relation | None:
    def one(key: str) -> str | None:
        found = values_.get(_P[key])
        return found[0] if found else None

    subject, predicate = one("subject"), one("predicate")
    if subject is None or predicate is None:
        return None
    rel_type = onto.relations.get(URIRef(predicate))
    parties = sorted(values_.get(_P["party"], []))
    claimants = sorted(values_.get(_P["claimedBy"], []))
    obj = one("object")
    obj_label = labels[obj] if obj is not None else " & ".join(labels[p] for p in parties)
    source = local_id(one("source"))
    return Relation(
        id=local_id(st),
        subject=local_id(subject),
        subject_label=labels[subject],
        predicate=local_id(predicate),
        predicate_label=rel_type.label if rel_type else local_id(predicate),
        object=local_id(obj),
        object_label=obj_label,
        polarity=rel_type.polarity if rel_type else "neutral",
        start=one("start"),
        end=one("end"),
        claimed_by=local_id(claimants[0]) if claimants else None,
        claimed_by_label=labels[claimants[0]] if claimants else None,
        quote=one("quote"),
        source=source,
        parties=[local_id(p) for p in parties],
        status=local_id(one("status")),
        note=one("note"),
        about=sorted(local_id(a) for a in values_.get(_P["about"], [])),
        events=sorted(local_id(e) for e in values_.get(_P["evidencedBy"], [])),
        role=one("role"),
        end_cause=local_id(one("endCause")),
        place=local_id(one("place")),
        symmetric=bool(rel_type and rel_type.symmetric),
        citation=citations.get(source) if source else None,
    )


def _all_relations(kg: ActorGraph) -> list[Relation]:
    """Every relation record, built once per graph; later :func:`relations` calls filter these in Python.

    Worth it before many reads of an in-memory graph (rdflib evaluates each
    filtered read by walking the store: a brief on 1,500 statements made
    eight such reads, 70 s), not before one read of a big store.
    """
    if "relations" not in kg._cache:
        kg._cache["relations"] = _fetch_relations(kg, statement_where())
    return kg._cache["relations"]


def _many_statements(kg: ActorGraph, predicates: set[str] | None) -> bool:
    """Whether a read of these relation types (all: ``None``) is worth whole-column scans: on Oxigraph
    (hash joins; rdflib joins pairwise) with at least :data:`~graph.model.selectors.COLUMN_SCAN_MIN` statements."""
    if kg.backend != "oxigraph":
        return False
    typed = "" if predicates is None else values("p0", sorted(predicates))
    _, rows = kg.select_values(f"SELECT (COUNT(*) AS ?n) WHERE {{ {typed} ?st ag:predicate ?p0 }}")
    return int(rows[0][0]) >= COLUMN_SCAN_MIN


def _actor_ids(kg: ActorGraph, name: str | set[str] | frozenset[str]) -> set[str]:
    """The actor ids a filter matches: one resolved name, or a set of ids as given (a rolled-up side)."""
    if isinstance(name, (set, frozenset)):
        return set(name)
    return {local_id(resolve(kg, name))}


def _sort_date(text: str | None) -> tuple:
    if not text:
        return (0, dt.date.min)
    return (1, parse_date(text).earliest)


def relations(
    kg: ActorGraph,
    actor: str | None = None,
    with_: str | None = None,
    type: str | list[str] | None = None,
    polarity: str | None = None,
    as_of: str | dt.date | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    rule: str = DEFAULT_RULE,
    include_hypothetical: bool = True,
    detail: bool = True,
) -> list[Relation]:
    """Relations (statements), filtered; sorted by start date.

    * ``actor`` matches either end (a mediator's parties count as ends);
      ``with_`` requires the other end to be that actor; either may also be
      a set of actor ids (a side, see :mod:`graph.analysis.sides`);
    * ``type`` is a relation type (or list) by name or label; its
      sub-properties match too (``supports`` finds ``supportsPolitically``);
    * ``as_of`` keeps relations active that day (the time of knowledge and
      the as-of rule of :mod:`graph.core.dates`, inside the lifespans of their
      actors, :func:`alive`; potential/proposed relations are never active);
    * ``since``/``until`` keep relations whose span overlaps the window;
    * ``detail=False`` (the analyses) leaves ``note``, ``about``, ``events``,
      ``role``, ``end_cause`` and ``place`` empty: half the store lookups.

    The filters are evaluated in the store (:mod:`graph.model.selectors`), and
    records are built only for the statements it returns.

    >>> from actorgraph import load
    >>> rels = relations(load(), actor="TTP", type="leaderOf")
    >>> [(r.subject_label, r.end) for r in rels][:2]
    [('Baitullah Mehsud', '2009'), ('Hakimullah Mehsud', '2013')]
    """
    onto = kg.ontology
    rule = normalize_rule(rule)
    predicates: set[str] | None = None
    excluded: set[str] | None = None
    if polarity is not None:
        if polarity not in ("friendly", "hostile", "neutral"):
            raise UnknownNameError(polarity, difflib.get_close_matches(polarity, ["friendly", "hostile", "neutral"]), "polarity")
        if polarity == "neutral":  # a type missing from the ontology counts as neutral
            excluded = {str(p) for p, r in onto.relations.items() if r.polarity != "neutral"}
        else:
            predicates = {str(p) for p, r in onto.relations.items() if r.polarity == polarity}
    if type is not None:
        wanted: set[str] = set()
        for name in [type] if isinstance(type, str) else type:
            wanted |= {str(p) for p in onto.subproperties(onto.relation(name).iri)}
        predicates = wanted if predicates is None else predicates & wanted
    if predicates is not None and excluded:
        predicates, excluded = predicates - excluded, None
    ends = [{str(iri(n)) for n in _actor_ids(kg, name)} if name is not None else None for name in (actor, with_)]
    if isinstance(actor, str) and isinstance(with_, str) and ends[0] == ends[1]:
        raise ValidationError([f"{actor!r} and {with_!r} name the same actor ({label_of(kg, URIRef(next(iter(ends[0]))))}): "
                               "relations --with need a second actor"])
    day = parse_day(as_of) if as_of is not None else None
    lo, hi = window(since, until)
    if predicates is not None and not predicates:
        return []
    if "relations" in kg._cache:  # everything is already built: filter it
        out = kg._cache["relations"]
    else:
        where = statement_where(ends[0], ends[1], predicates, excluded, day, rule, lo, hi, include_hypothetical)
        fetched = kg._cache.setdefault("fetched", {})
        if (where, detail) not in fetched and (where, True) not in fetched:
            columns = None
            if not detail and ends == [None, None] and _many_statements(kg, predicates):
                columns = statement_columns(_BRIEF, predicates, excluded, day, rule, lo, hi, include_hypothetical)
            fetched[where, detail] = _fetch_relations(kg, where, detail, columns)
        out = fetched.get((where, True)) or fetched[where, detail]
    # the exact rules, on the (few) records the store returned
    if predicates is not None:
        wanted_ids = {local_id(p) for p in predicates}
        out = [r for r in out if r.predicate in wanted_ids]
    if excluded:
        unwanted = {local_id(p) for p in excluded}
        out = [r for r in out if r.predicate not in unwanted]
    for nodes in ends:
        if nodes is not None:
            ids = {local_id(n) for n in nodes}
            out = [r for r in out if r.subject in ids or not ids.isdisjoint(r.ends())]
    if day is not None:
        out = [r for r in out if r.active(day, rule)]
        out = alive(kg, out, day, rule)
    if lo is not None or hi is not None:
        lo, hi = lo or dt.date.min, hi or dt.date.max
        out = [
            r for r in out
            if (r.start_date is None or r.start_date.earliest <= hi) and (r.end_date is None or r.end_date.latest >= lo)
        ]
    if not include_hypothetical:
        out = [r for r in out if not r.hypothetical]
    return list(out)


# ---------------------------------------------------------------------------
# Lifespans: a statement is never active outside its actors' lifespans
# ---------------------------------------------------------------------------
def lifespans(kg: ActorGraph) -> dict[str, Span]:
    """Actor id → its lifespan (``ag:lifespanStart``/``ag:lifespanEnd``) for the actors whose text gives one.

    >>> from actorgraph import load
    >>> lifespans(load())["taliban-regime"].begin_earliest
    datetime.date(2021, 6, 1)
    """
    if "lifespans" not in kg._cache:
        _, rows = kg.select_values(
            "SELECT ?a ?s ?e WHERE { { ?a ag:lifespanStart ?s } UNION { ?a ag:lifespanEnd ?e } }")
        bounds: dict[str, dict[str, str]] = defaultdict(dict)
        for actor, start, end in rows:
            if start is not None:
                bounds[local_id(actor)]["start"] = start
            if end is not None:
                bounds[local_id(actor)]["end"] = end
        kg._cache["lifespans"] = {
            actor: holding_span(parse_date(b["start"]) if "start" in b else parse_date(".."),
                                parse_date(b["end"]) if "end" in b else None)
            for actor, b in bounds.items()
        }
    return kg._cache["lifespans"]


def alive(kg: ActorGraph, rels: list[Relation], day: dt.date, rule: str = DEFAULT_RULE) -> list[Relation]:
    """The relations of ``rels`` whose every actor exists on ``day`` under ``rule`` (actors without a
    lifespan always do).

    >>> from actorgraph import load
    >>> kg = load()
    >>> rels = relations(kg, actor="Taliban regime")
    >>> alive(kg, rels, parse_day("2008-06-30"), "possible")
    []
    """
    spans = lifespans(kg)
    if not spans:
        return rels
    return [r for r in rels
            if all(spans[a].active(day, rule) for a in (r.subject, *r.ends()) if a in spans)]


# ---------------------------------------------------------------------------
# Events, sources, quantities
# ---------------------------------------------------------------------------
def events(
    kg: ActorGraph,
    actor: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    role: str = "any",
) -> list[Event]:
    """Events sorted by date; ``actor`` (a name, or a set of actor ids) matches agents, targets, victims or leader.

    ``role`` narrows the match: ``"actor"`` the main roles only (agents, targets, victims, leader:
    ACLED actor1/actor2, GED side_a/side_b), ``"associated"`` the associated actors only (ACLED
    assoc_actor_1/2), ``"any"`` (the default) both. ``ValueError`` for another role.

    >>> from actorgraph import load
    >>> any(e.date == "2026-02-27" for e in events(load(), actor="Pakistan"))
    True
    """
    if role not in EVENT_ROLES:
        raise ValueError(f"unknown role {role!r}: expected one of {', '.join(EVENT_ROLES)}")
    nodes = _actor_ids(kg, actor) if actor is not None else None
    lo, hi = window(since, until)
    if "events" in kg._cache:
        out = kg._cache["events"]
    elif nodes is None and lo is None and hi is None:
        out = kg._cache["events"] = _fetch_events(kg)
    else:
        out = _fetch_events(kg, _event_where(nodes, lo, hi))
    # the exact rules, on the records the store returned
    if nodes is not None:
        out = [e for e in out if (role != "associated" and nodes.intersection(e.agents + e.targets + e.victims + [e.led_by]))
               or (role != "actor" and nodes.intersection(e.associated))]
    if lo is not None or hi is not None:
        lo, hi = lo or dt.date.min, hi or dt.date.max
        out = [
            e for e in out
            if e.date is not None
            and parse_date(e.date).earliest <= hi
            and parse_date(e.end or e.date).latest >= lo
        ]
    return list(out)


def _event_where(nodes: set[str] | None, lo: dt.date | None, hi: dt.date | None) -> str:
    """A group binding ``?ev`` to the events that may match (superset: the model applies the exact rules)."""
    parts = []
    if nodes is not None:
        # a UNION, not the path ag:agent|ag:target|…: in a sub-select joined with a path outside it,
        # Virtuoso 7 loses rows of the alternative path
        parts.append(values("a0", sorted(str(iri(n)) for n in nodes)) + " "
                     + " UNION ".join(f"{{ ?ev ag:{p} ?a0 }}" for p in
                                      ("agent", "target", "victim", "ledBy", "associatedActor1", "associatedActor2")))
    if hi is not None:
        parts.append(f"?ev ag:dateEarliest ?d0 . FILTER (?d0 <= {date_term(hi)})")
    if lo is not None:
        parts.append(f"?ev ag:dateLatest ?d1 . FILTER (?d1 >= {date_term(lo)})")
    return "{ SELECT DISTINCT ?ev WHERE { " + " ".join(parts) + " } }"


def _fetch_events(kg: ActorGraph, where: str | None = None) -> list[Event]:
    """Event records: all of them, or only those the group ``where`` binds to ``?ev``."""
    def rows(name: str) -> list[dict[str, Any]]:
        return _internal_rows(kg, name, where)

    links: dict[URIRef, dict[URIRef, list[URIRef]]] = defaultdict(lambda: defaultdict(list))
    for row in rows("event_links"):
        links[row["ev"]][row["prop"]].append(row["value"])
    found: dict[URIRef, Event] = {}
    # the event classes as values, not `?type rdfs:subClassOf* ag:Event`: Virtuoso 7 loses rows of
    # that path when ?type arrives bound by a join (one class kept of many)
    event_classes = values("type", sorted(kg.ontology.subclasses(AG.Event)))
    for row in _internal_rows(kg, "events", f"{where or ''} {event_classes}"):
        ev = row["ev"]
        cls = _most_specific(kg, {row["type"]} | ({found[ev].type and AG[found[ev].type]} if ev in found else set()), AG.Event)
        extra = links.get(ev, {})
        found[ev] = Event(
            id=local_id(ev),
            type=local_id(cls) if cls is not None else "Event",
            label=str(row["label"]),
            date=str(row["date"]) if "date" in row else None,
            end=str(row["end"]) if "end" in row else None,
            agents=sorted(local_id(a) for a in extra.get(AG.agent, [])),
            targets=sorted(local_id(a) for a in extra.get(AG.target, []) if a not in extra.get(AG.victim, [])),
            places=sorted(local_id(a) for a in extra.get(AG.place, [])),
            victims=sorted(local_id(a) for a in extra.get(AG.victim, [])),
            associated=sorted({local_id(a) for p in (AG.associatedActor1, AG.associatedActor2)
                               for a in extra.get(p, [])}),
            led_by=local_id(row.get("ledBy")),
            outcome=str(row["outcome"]) if "outcome" in row else None,
            status=local_id(row.get("status")),
            note=str(row["note"]) if "note" in row else None,
            quote=str(row["quote"]) if "quote" in row else None,
            source=local_id(row.get("source")),
        )
    return sorted(found.values(), key=lambda e: (_sort_date(e.date), e.label))


def sources(kg: ActorGraph) -> list[Source]:
    """Source documents with their bibliographic record."""
    if "sources" not in kg._cache:
        found: dict[str, Source] = {}
        rows = _internal_rows(kg, "sources")
        _labels(kg, {str(row[k]) for row in rows for k in ("creator", "publisher") if isinstance(row.get(k), URIRef)})
        for row in rows:
            sid = local_id(row["src"])
            if sid in found:
                continue
            found[sid] = Source(
                id=sid,
                title=_s(row.get("title")),
                author=label_of(kg, row["creator"]) if "creator" in row else None,
                publisher=label_of(kg, row["publisher"]) if "publisher" in row else None,
                series=_s(row.get("series")),
                number=_s(row.get("number")),
                date=_s(row.get("issued")),
                isbn=_s(row.get("isbn")),
                place=_s(row.get("place")),
                citation=_s(row.get("citation")),
                rights=_s(row.get("rights")),
            )
        kg._cache["sources"] = sorted(found.values(), key=lambda s: s.id)
    return list(kg._cache["sources"])


def _s(value: Any) -> str | None:
    return str(value) if value is not None else None


def quantities(kg: ActorGraph, of: str | None = None) -> list[Quantity]:
    """Figures (casualties, refugees, shares…) sorted by date then label; ``of``: only the figures about that id."""
    out = []
    where = None if of is None else values("of", [str(iri(of))]) + " ?q ag:quantityOf ?of ."
    for row in _internal_rows(kg, "quantities", where):
        value = float(row["value"])
        out.append(
            Quantity(
                id=local_id(row["q"]),
                label=str(row["label"]),
                value=int(value) if value.is_integer() else value,
                bound=str(label_of(kg, row["bound"])) if "bound" in row else "exactly",
                unit=str(row["unit"]),
                date=_s(row.get("date")),
                of=local_id(row.get("of")),
                quote=_s(row.get("quote")),
                source=local_id(row.get("source")),
                min=_number(row.get("minimum")),
                max=_number(row.get("maximum")),
                stated_as=_s(row.get("statedAs")),
            )
        )
    return sorted(out, key=lambda q: (_sort_date(q.date), q.label))


def _number(value: Any) -> int | float | None:
    """A decimal literal as an int when whole (660, not 660.0)."""
    if value is None:
        return None
    number = float(value)
    return int(number) if number.is_integer() else number


def show(kg: ActorGraph, name: str) -> dict[str, Any]:
    """Everything about one actor: record, relations, events, figures.

    >>> from actorgraph import load
    >>> show(load(), "TTP")["actor"]["id"]
    'ttp'
    """
    node = resolve(kg, name)
    rec = _record(kg, node, _nodes(kg, only=[node])[node], AG.Actor)
    nid = local_id(node)
    return {
        "actor": rec.as_dict(),
        "relations": [r.as_dict() for r in relations(kg, actor=nid)],
        "events": [e.as_dict() for e in events(kg, actor=nid)],
        "quantities": [q.as_dict() for q in quantities(kg, of=nid)],
    }


# ---------------------------------------------------------------------------
# networkx bridge
# ---------------------------------------------------------------------------
def to_networkx(
    kg: ActorGraph,
    as_of: str | dt.date | None = None,
    rule: str = DEFAULT_RULE,
    include_hypothetical: bool = False,
    relation_list: list[Relation] | None = None,
):
    """Return a ``networkx.MultiDiGraph`` of actors and relations.

    Nodes are actor ids with ``label``, ``type`` and ``aliases``; each edge is
    one statement (key = statement id) with ``predicate``, ``label``,
    ``polarity``, ``sign``, ``start``, ``end``, ``statement``, ``quote``,
    ``claimed_by``, ``status`` and ``symmetric``. A mediation gives one edge
    per party. With ``as_of``, only relations active that day are kept.

    >>> from actorgraph import load
    >>> g = to_networkx(load(), as_of="2026-03-15")
    >>> g.has_edge("pakistan", "taliban-regime")
    True
    """
    import networkx as nx  # lazy: the CLI's --help must not import networkx

    graph = nx.MultiDiGraph()
    for actor in actors(kg):
        graph.add_node(actor.id, label=actor.label, type=actor.type, aliases=actor.aliases)
    rels = relation_list if relation_list is not None else relations(
        kg, as_of=as_of, rule=rule, include_hypothetical=include_hypothetical
    )
    for rel in rels:
        if rel.hypothetical and not include_hypothetical:
            continue
        for other in rel.ends():
            for end in (rel.subject, other):
                if end not in graph:
                    node = _nodes(kg).get(iri(end))
                    graph.add_node(end, label=label_of(kg, iri(end)), type="", aliases=[] if node is None else node["aliases"])
            graph.add_edge(
                rel.subject,
                other,
                key=rel.id if len(rel.ends()) == 1 else f"{rel.id}#{other}",
                predicate=rel.predicate,
                label=rel.predicate_label,
                polarity=rel.polarity,
                sign=rel.sign,
                start=rel.start,
                end=rel.end,
                statement=rel.id,
                quote=rel.quote,
                claimed_by=rel.claimed_by,
                status=rel.status,
                symmetric=rel.symmetric,
            )
    return graph
