"""The read API: actors, relations, events, sources, names, and the networkx bridge.

Everything here reads through :meth:`graph.store.ActorGraph.select`, so it
works on any store that answers SPARQL. Identifiers are the local part of
the data IRI (``pakistan``, ``statement/1a2b…``); dates are EDTF strings at
the source's precision (``2025``, ``2025-10``, ``2026-02-27``, ``2014/2015``).

>>> from actorgraph import load
>>> kg = load()
>>> sorted({r.subject_label for r in relations(kg, type="mediatesBetween", actor="Pakistan", with_="Kabul")})
['China', 'Qatar', 'Saudi Arabia', 'Turkey']
"""

from __future__ import annotations

import datetime as dt
import difflib
import unicodedata
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from rdflib import RDFS, URIRef

from .dates import FuzzyDate, is_active, parse_date, parse_day
from .errors import DateError, UnknownNameError
from .queries import internal_query
from .statements import HYPOTHETICAL_STATUSES
from .store import ActorGraph
from .vocab import AG, AGD

__all__ = [
    "Actor",
    "Relation",
    "Event",
    "Source",
    "Quantity",
    "local_id",
    "iri",
    "actors",
    "places",
    "resolve",
    "resolve_place",
    "suggest",
    "relations",
    "events",
    "sources",
    "quantities",
    "show",
    "to_networkx",
]


def local_id(node: URIRef | str | None) -> str | None:
    """Short id of a data IRI (``agd:pakistan`` → ``pakistan``).

    >>> local_id(AGD.pakistan)
    'pakistan'
    """
    if node is None:
        return None
    text = str(node)
    if text.startswith(str(AGD)):
        return text[len(str(AGD)):]
    if text.startswith(str(AG)):
        return text[len(str(AG)):]
    return text


def iri(identifier: str) -> URIRef:
    """Data IRI of a short id (inverse of :func:`local_id`)."""
    if identifier.startswith(("http://", "https://", "urn:")):
        return URIRef(identifier)
    return AGD[identifier]


# ---------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------
@dataclass
class Actor:
    """An actor (or place) with its labels."""

    id: str
    label: str
    type: str
    aliases: list[str] = field(default_factory=list)
    description: str | None = None
    role: str | None = None
    types: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The record as a JSON-ready dict."""
        return asdict(self)


@dataclass
class Relation:
    """One statement: a typed, signed, dated and sourced relation."""

    id: str
    subject: str
    subject_label: str
    predicate: str
    predicate_label: str
    object: str | None
    object_label: str
    polarity: str
    start: str | None
    end: str | None
    claimed_by: str | None
    quote: str | None
    source: str | None
    claimed_by_label: str | None = None
    parties: list[str] = field(default_factory=list)
    status: str | None = None
    note: str | None = None
    about: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    role: str | None = None
    end_cause: str | None = None
    place: str | None = None
    symmetric: bool = False
    citation: str | None = None

    @property
    def start_date(self) -> FuzzyDate | None:
        """The start as a :class:`FuzzyDate` (None when unknown)."""
        return parse_date(self.start) if self.start else None

    @property
    def end_date(self) -> FuzzyDate | None:
        """The end as a :class:`FuzzyDate` (None when unknown)."""
        return parse_date(self.end) if self.end else None

    @property
    def hypothetical(self) -> bool:
        """True for potential or proposed relations (no direct triple)."""
        return self.status in {local_id(s) for s in HYPOTHETICAL_STATUSES}

    @property
    def sign(self) -> int:
        """+1 friendly, -1 hostile, 0 neutral."""
        return {"friendly": 1, "hostile": -1}.get(self.polarity, 0)

    def ends(self) -> list[str]:
        """The other end(s): the object, or both parties of a mediation."""
        return [self.object] if self.object else list(self.parties)

    def active(self, day: dt.date, rule: str = "possible") -> bool:
        """Whether the relation is active on ``day`` (see :mod:`graph.dates`)."""
        return not self.hypothetical and is_active(self.start_date, self.end_date, day, rule)

    def as_dict(self) -> dict[str, Any]:
        """The record as a JSON-ready dict (contract keys first)."""
        return asdict(self)


@dataclass
class Event:
    """An event node."""

    id: str
    type: str
    label: str
    date: str | None
    agents: list[str]
    targets: list[str]
    places: list[str]
    quote: str | None
    source: str | None
    end: str | None = None
    victims: list[str] = field(default_factory=list)
    led_by: str | None = None
    outcome: str | None = None
    status: str | None = None
    note: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The record as a JSON-ready dict."""
        return asdict(self)


@dataclass
class Source:
    """A source document's bibliographic record."""

    id: str
    title: str | None
    author: str | None
    publisher: str | None
    series: str | None
    number: str | None
    date: str | None
    isbn: str | None
    place: str | None
    citation: str | None
    rights: str | None

    def as_dict(self) -> dict[str, Any]:
        """The record as a JSON-ready dict."""
        return asdict(self)


@dataclass
class Quantity:
    """A figure: value, bound, unit, date and what it measures."""

    id: str
    label: str
    value: float
    bound: str
    unit: str
    date: str | None
    of: str | None
    quote: str | None
    source: str | None
    #: the range the text puts on the figure (None: unbounded on that side)
    min: float | None = None
    max: float | None = None
    #: the words the text uses ("nearly a million")
    stated_as: str | None = None

    @property
    def qualifier(self) -> str:
        """How the text qualifies the figure ("more than", "nearly"…): the bound."""
        return self.bound

    def as_dict(self) -> dict[str, Any]:
        """The record as a JSON-ready dict (with ``qualifier``, the bound)."""
        return {**asdict(self), "qualifier": self.qualifier}


# ---------------------------------------------------------------------------
# Nodes and names
# ---------------------------------------------------------------------------
def _nodes(kg: ActorGraph) -> dict[URIRef, dict[str, Any]]:
    if "nodes" not in kg._cache:
        nodes: dict[URIRef, dict[str, Any]] = {}
        for row in kg.select(internal_query("nodes")):
            rec = nodes.setdefault(
                row["node"], {"label": str(row["label"]), "types": set(), "aliases": [], "description": None, "role": None}
            )
            if "type" in row:
                rec["types"].add(row["type"])
            if "alias" in row and str(row["alias"]) not in rec["aliases"]:
                rec["aliases"].append(str(row["alias"]))
            if "description" in row:
                rec["description"] = str(row["description"])
            if "role" in row:
                rec["role"] = str(row["role"])
        kg._cache["nodes"] = nodes
    return kg._cache["nodes"]


def label_of(kg: ActorGraph, node: URIRef | None) -> str | None:
    """Label of a node (data or ontology), or its short id."""
    if node is None:
        return None
    rec = _nodes(kg).get(node)
    if rec:
        return rec["label"]
    onto_label = kg.ontology.graph.value(node, RDFS.label)
    return str(onto_label) if onto_label is not None else local_id(node)


def _most_specific(kg: ActorGraph, types: set[URIRef], root: URIRef) -> URIRef | None:
    onto = kg.ontology
    inside = [t for t in types if t in onto.subclasses(root)]
    if not inside:
        return None
    # the most specific: the one with the fewest subclasses
    return min(inside, key=lambda t: (len(onto.subclasses(t)), str(t)))


def _record(kg: ActorGraph, node: URIRef, rec: dict[str, Any], root: URIRef) -> Actor:
    cls = _most_specific(kg, rec["types"], root)
    return Actor(
        id=local_id(node),
        label=rec["label"],
        type=local_id(cls) if cls is not None else "",
        aliases=list(rec["aliases"]),
        description=rec["description"],
        role=rec["role"],
        types=sorted(local_id(t) for t in rec["types"] if str(t).startswith(str(AG))),
    )


def _kind_nodes(kg: ActorGraph, root: URIRef) -> dict[URIRef, dict[str, Any]]:
    classes = kg.ontology.subclasses(root)
    return {n: rec for n, rec in _nodes(kg).items() if rec["types"] & classes}


def actors(kg: ActorGraph, type: str | None = None) -> list[Actor]:
    """All actors, sorted by label; ``type`` keeps one class and its subclasses.

    >>> from actorgraph import load
    >>> [a.label for a in actors(load(), type="InternationalOrganization")]
    ['North Atlantic Treaty Organization']
    """
    nodes = _kind_nodes(kg, AG.Actor)
    if type is not None:
        wanted = kg.ontology.subclasses(kg.ontology.resolve_class(type, AG.Actor))
        nodes = {n: r for n, r in nodes.items() if r["types"] & wanted}
    return sorted((_record(kg, n, r, AG.Actor) for n, r in nodes.items()), key=lambda a: a.label.lower())


def places(kg: ActorGraph) -> list[Actor]:
    """All places, sorted by label."""
    return sorted(
        (_record(kg, n, r, AG.Place) for n, r in _kind_nodes(kg, AG.Place).items()), key=lambda a: a.label.lower()
    )


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().replace("’", "'")
    words = "".join(ch if ch.isalnum() else " " for ch in text).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _name_index(kg: ActorGraph) -> dict[str, URIRef]:
    if "names" not in kg._cache:
        index: dict[str, URIRef] = {}
        nodes = _kind_nodes(kg, AG.Actor)
        # labels and ids win over aliases when two actors share a name
        for node, rec in nodes.items():
            for alias in rec["aliases"]:
                index.setdefault(_norm(alias), node)
        for node, rec in nodes.items():
            index[_norm(rec["label"])] = node
            index[_norm(local_id(node))] = node
        kg._cache["names"] = index
    return kg._cache["names"]


def suggest(kg: ActorGraph, name: str, n: int = 3) -> list[str]:
    """Labels of actors whose label or alias is close to ``name``."""
    index = _name_index(kg)
    close = difflib.get_close_matches(_norm(name), list(index), n=n * 3, cutoff=0.6)
    labels: list[str] = []
    for key in close:
        label = label_of(kg, index[key])
        if label not in labels:
            labels.append(label)
    return labels[:n]


def resolve(kg: ActorGraph, name: str) -> URIRef:
    """Resolve a label, alias or id to an actor IRI (case, accents, "the" ignored).

    Raises :class:`~actorgraph.errors.UnknownNameError` with "did you mean"
    suggestions.

    >>> from actorgraph import load
    >>> local_id(resolve(load(), "Islamabad"))
    'pakistan'
    """
    if isinstance(name, URIRef):
        return name
    node = _name_index(kg).get(_norm(name))
    if node is None:
        raise UnknownNameError(name, suggest(kg, name))
    return node


def resolve_place(kg: ActorGraph, name: str) -> URIRef:
    """Resolve a place by label, alias or id, then as an actor (a state is a place too).

    >>> from actorgraph import load
    >>> local_id(resolve_place(load(), "kabul"))
    'kabul'
    """
    index = kg._cache.get("place_names")
    if index is None:
        index = {}
        for node, rec in _kind_nodes(kg, AG.Place).items():
            for alias in rec["aliases"]:
                index.setdefault(_norm(alias), node)
            index[_norm(rec["label"])] = node
            index[_norm(local_id(node))] = node
        kg._cache["place_names"] = index
    node = index.get(_norm(name))
    if node is not None:
        return node
    try:
        return resolve(kg, name)
    except UnknownNameError:
        close = difflib.get_close_matches(_norm(name), list(index), n=3)
        labels = [label_of(kg, index[c]) for c in close]
        raise UnknownNameError(name, labels + suggest(kg, name, n=2), "place") from None


# ---------------------------------------------------------------------------
# Relations
# ---------------------------------------------------------------------------
def _source_citations(kg: ActorGraph) -> dict[str, str]:
    return {s.id: s.citation or s.title or s.id for s in sources(kg)}


def _all_relations(kg: ActorGraph) -> list[Relation]:
    if "relations" in kg._cache:
        return kg._cache["relations"]
    onto = kg.ontology
    props: dict[URIRef, dict[URIRef, list]] = defaultdict(lambda: defaultdict(list))
    for row in kg.instance_rows(AG.Statement):
        props[row["s"]][row["prop"]].append(row["value"])
    citations = _source_citations(kg)

    def one(values: dict[URIRef, list], prop: URIRef):
        found = values.get(prop)
        return found[0] if found else None

    def text(values: dict[URIRef, list], prop: URIRef) -> str | None:
        found = one(values, prop)
        return str(found) if found is not None else None

    out = []
    for st, values in props.items():
        subject, predicate = one(values, AG.subject), one(values, AG.predicate)
        if subject is None or predicate is None:
            continue
        rel_type = onto.relations.get(predicate)
        parties = sorted(values.get(AG.party, []), key=str)
        claimants = sorted(values.get(AG.claimedBy, []), key=str)
        obj = one(values, AG.object)
        obj_label = label_of(kg, obj) if obj is not None else " & ".join(label_of(kg, p) for p in parties)
        source = local_id(one(values, AG.source))
        out.append(
            Relation(
                id=local_id(st),
                subject=local_id(subject),
                subject_label=label_of(kg, subject),
                predicate=local_id(predicate),
                predicate_label=rel_type.label if rel_type else local_id(predicate),
                object=local_id(obj),
                object_label=obj_label,
                polarity=rel_type.polarity if rel_type else "neutral",
                start=text(values, AG.start),
                end=text(values, AG.end),
                claimed_by=local_id(claimants[0]) if claimants else None,
                claimed_by_label=label_of(kg, claimants[0]) if claimants else None,
                quote=text(values, AG.quote),
                source=source,
                parties=[local_id(p) for p in parties],
                status=local_id(one(values, AG.status)),
                note=text(values, AG.note),
                about=sorted(local_id(a) for a in values.get(AG.about, [])),
                events=sorted(local_id(e) for e in values.get(AG.evidencedBy, [])),
                role=text(values, AG.role),
                end_cause=local_id(one(values, AG.endCause)),
                place=local_id(one(values, AG.place)),
                symmetric=bool(rel_type and rel_type.symmetric),
                citation=citations.get(source) if source else None,
            )
        )
    out.sort(key=lambda r: (_sort_date(r.start), r.subject_label, r.predicate, r.object_label, r.id))
    kg._cache["relations"] = out
    return out


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
    rule: str = "possible",
    include_hypothetical: bool = True,
) -> list[Relation]:
    """Relations (statements), filtered; sorted by start date.

    * ``actor`` matches either end (a mediator's parties count as ends);
      ``with_`` requires the other end to be that actor; either may also be
      a set of actor ids (a side, see :mod:`graph.sides`);
    * ``type`` is a relation type (or list) by name or label; its
      sub-properties match too (``supports`` finds ``supportsPolitically``);
    * ``as_of`` keeps relations active that day (the as-of rule of
      :mod:`graph.dates`; potential/proposed relations are never active);
    * ``since``/``until`` keep relations whose span overlaps the window.

    >>> from actorgraph import load
    >>> rels = relations(load(), actor="TTP", type="leaderOf")
    >>> [(r.subject_label, r.end) for r in rels][:2]
    [('Baitullah Mehsud', '2009'), ('Hakimullah Mehsud', '2013')]
    """
    out = _all_relations(kg)
    onto = kg.ontology
    if polarity is not None:
        if polarity not in ("friendly", "hostile", "neutral"):
            raise UnknownNameError(polarity, difflib.get_close_matches(polarity, ["friendly", "hostile", "neutral"]), "polarity")
        out = [r for r in out if r.polarity == polarity]
    if type is not None:
        wanted: set[str] = set()
        for name in [type] if isinstance(type, str) else type:
            rel_type = onto.relation(name)
            wanted |= {local_id(p) for p in onto.subproperties(rel_type.iri)}
        out = [r for r in out if r.predicate in wanted]
    for name in (actor, with_):
        if name is not None:
            nodes = _actor_ids(kg, name)
            out = [r for r in out if r.subject in nodes or nodes.intersection(r.ends())]
    if as_of is not None:
        day = parse_day(as_of)
        out = [r for r in out if r.active(day, rule)]
    if since is not None or until is not None:
        lo = parse_date(since).earliest if since is not None else dt.date.min
        hi = parse_date(until).latest if until is not None else dt.date.max
        if lo > hi:
            raise DateError(f"since {since} is after until {until}: the window is empty")
        out = [
            r for r in out
            if (r.start_date is None or r.start_date.earliest <= hi) and (r.end_date is None or r.end_date.latest >= lo)
        ]
    if not include_hypothetical:
        out = [r for r in out if not r.hypothetical]
    return list(out)


# ---------------------------------------------------------------------------
# Events, sources, quantities
# ---------------------------------------------------------------------------
def events(
    kg: ActorGraph,
    actor: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
) -> list[Event]:
    """Events sorted by date; ``actor`` (a name, or a set of actor ids) matches agents, targets, victims or leader.

    >>> from actorgraph import load
    >>> any(e.date == "2026-02-27" for e in events(load(), actor="Pakistan"))
    True
    """
    if "events" not in kg._cache:
        links: dict[URIRef, dict[URIRef, list[URIRef]]] = defaultdict(lambda: defaultdict(list))
        for row in kg.select(internal_query("event_links")):
            links[row["ev"]][row["prop"]].append(row["value"])
        found: dict[URIRef, Event] = {}
        for row in kg.select(internal_query("events")):
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
                led_by=local_id(row.get("ledBy")),
                outcome=str(row["outcome"]) if "outcome" in row else None,
                status=local_id(row.get("status")),
                note=str(row["note"]) if "note" in row else None,
                quote=str(row["quote"]) if "quote" in row else None,
                source=local_id(row.get("source")),
            )
        kg._cache["events"] = sorted(found.values(), key=lambda e: (_sort_date(e.date), e.label))
    out = kg._cache["events"]
    if actor is not None:
        nodes = _actor_ids(kg, actor)
        out = [e for e in out if nodes.intersection(e.agents + e.targets + e.victims + [e.led_by])]
    if since is not None or until is not None:
        lo = parse_date(since).earliest if since is not None else dt.date.min
        hi = parse_date(until).latest if until is not None else dt.date.max
        out = [
            e for e in out
            if e.date is not None
            and parse_date(e.date).earliest <= hi
            and parse_date(e.end or e.date).latest >= lo
        ]
    return list(out)


def sources(kg: ActorGraph) -> list[Source]:
    """Source documents with their bibliographic record."""
    if "sources" not in kg._cache:
        found: dict[str, Source] = {}
        for row in kg.select(internal_query("sources")):
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


def quantities(kg: ActorGraph) -> list[Quantity]:
    """Figures (casualties, refugees, shares…) sorted by date then label."""
    out = []
    for row in kg.select(internal_query("quantities")):
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
    rec = _record(kg, node, _nodes(kg)[node], AG.Actor)
    nid = local_id(node)
    return {
        "actor": rec.as_dict(),
        "relations": [r.as_dict() for r in relations(kg, actor=nid)],
        "events": [e.as_dict() for e in events(kg, actor=nid)],
        "quantities": [q.as_dict() for q in quantities(kg) if q.of == nid],
    }


# ---------------------------------------------------------------------------
# networkx bridge
# ---------------------------------------------------------------------------
def to_networkx(
    kg: ActorGraph,
    as_of: str | dt.date | None = None,
    rule: str = "possible",
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
