"""The signed snapshot: the ties active between actors on one day, one sign per pair.

Everything in :mod:`actorgraph.analysis` starts from a :class:`Snapshot`
(the reduction rule is in the package docstring: the most recently started
active signed relation signs the pair, hostile wins a tie, and every pair whose
active relations disagree is listed in ``conflicts``).

>>> from actorgraph import load
>>> snap = signed_snapshot(load(), "2026-03-15")
>>> snap.as_of
'2026-03-15'
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..core.dates import parse_date, parse_day
from ..model.names import actors, label_of
from ..model.reads import relations, sources
from ..model.records import Relation, iri
from ..store.graph import ActorGraph
from .sides import conflict_actors, side_map
from .signed import (
    TieGraph,
)

__all__ = [
    "Snapshot",
    "default_as_of",
    "span_text",
    "evidence",
    "conflict_warnings",
    "reduce_pair",
    "signed_snapshot",
]


_POLARITY = {1: "friendly", -1: "hostile", 0: "neutral", None: "none"}


# ---------------------------------------------------------------------------
# Evidence records
# ---------------------------------------------------------------------------
def _start_key(rel: Relation) -> tuple[dt.date, dt.date]:
    date = rel.start_date
    return (date.earliest, date.latest) if date else (dt.date.min, dt.date.min)


def evidence(rel: Relation, source: str | None = None, target: str | None = None) -> dict[str, Any]:
    """A relation as JSON-ready evidence: type, sign, dates (document precision), statement, quote."""
    return {
        "statement": rel.id,
        "subject": rel.subject,
        "subject_label": rel.subject_label,
        "predicate": rel.predicate,
        "label": rel.predicate_label,
        "object": rel.object if rel.object else target,
        "object_label": rel.object_label,
        "polarity": rel.polarity,
        "sign": rel.sign,
        "start": rel.start,
        "end": rel.end,
        "claimed_by": rel.claimed_by,
        "quote": rel.quote,
        "source": rel.source,
    }


def span_text(start: str | None, end: str | None) -> str:
    """A relation's dates in words, at document precision.

    >>> span_text("2015", "2021"), span_text("2025-10", None), span_text(None, "2022"), span_text(None, None)
    ('2015 to 2021', 'from 2025-10', 'until 2022', 'undated')
    """
    if start and end:
        return f"{start} to {end}"
    if start:
        return f"from {start}"
    return f"until {end}" if end else "undated"


def _describe(rel: Relation) -> str:
    return f"{rel.subject_label} {rel.predicate_label} {rel.object_label} ({rel.polarity}, {span_text(rel.start, rel.end)}) [{rel.id}]"


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


# ---------------------------------------------------------------------------
# Snapshots
# ---------------------------------------------------------------------------
def default_as_of(kg: ActorGraph) -> str:
    """The default analysis date: the newest source document's date (else today).

    >>> from actorgraph import load
    >>> default_as_of(load())
    '2026-03-31'
    """
    dates = [s.date for s in sources(kg) if s.date]
    return max(dates, key=lambda d: parse_date(d).latest) if dates else dt.date.today().isoformat()


def reduce_pair(rels: list[Relation]) -> tuple[int, Relation, str | None]:
    """Reduce the active signed relations of one pair to ``(sign, deciding relation, conflict rule)``.

    The most recently started relation decides; a tie in start date between
    opposite signs goes to hostile. The third item is ``None`` when every
    relation has the same sign, else the rule that decided
    (``"most recent start"`` or ``"tie: hostile wins"``).
    """
    signed = [r for r in rels if r.sign]
    if not signed:
        raise ValueError("reduce_pair needs at least one signed relation")
    newest = max(_start_key(r) for r in signed)
    latest = [r for r in signed if _start_key(r) == newest]
    latest.sort(key=lambda r: (r.sign, r.id))  # hostile (-1) first
    deciding = latest[0]
    if len({r.sign for r in signed}) == 1:
        return deciding.sign, deciding, None
    rule = "tie: hostile wins" if len({r.sign for r in latest}) > 1 else "most recent start"
    return deciding.sign, deciding, rule


@dataclass
class Snapshot:
    """The actors' relations active on one day.

    ``relations`` holds every active relation between two actors (any
    polarity); ``signed`` is an undirected ``networkx.Graph`` of signed ties
    (edge attrs ``sign``, ``relation`` = the deciding one, ``relations`` = all
    active signed ones, ``conflict``); ``conflicts`` lists the pairs whose
    active relations disagree in sign.
    """

    as_of: str
    day: dt.date
    rule: str
    _relations: list[Relation] | None
    _signed: Any
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    side_of: dict[str, str] = field(default_factory=dict)
    #: reads ``relations`` on first use (blocs and balance need only the signed ones)
    _read_relations: Callable[[], list[Relation]] | None = field(default=None, repr=False)
    #: ``{(a, b): {sign, relation, relations, conflict}}`` per sorted pair, in ``signed``'s edge order:
    #: what ``diff`` needs, without importing networkx (~0.1 s of a cold CLI run)
    ties: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict, repr=False)

    @property
    def tie_graph(self) -> Any:
        """The signed ties as a :class:`TieGraph` (networkx's read API, without importing networkx)."""
        if not self.ties and self._signed is not None:  # a snapshot built around a networkx graph
            return self._signed
        return TieGraph(self.ties)

    @property
    def signed(self) -> Any:
        """The signed ties as an undirected ``networkx.Graph`` (built from ``ties`` on first use)."""
        if self._signed is None and self.ties:
            import networkx as nx

            g = nx.Graph()
            for (a, b), attrs in self.ties.items():
                g.add_edge(a, b, **attrs)
            self._signed = g
        if self._signed is None:
            import networkx as nx

            self._signed = nx.Graph()
        return self._signed

    @property
    def relations(self) -> list[Relation]:
        """Every active relation between two actors (any polarity)."""
        if self._relations is None and self._read_relations is not None:
            self._relations = self._read_relations()
        return self._relations or []

    def label(self, node: str) -> str:
        """Label of an actor id."""
        return self.labels.get(node, node)

    def node(self, actor: str) -> str:
        """The snapshot node an actor counts as: its side's head when rolled up, else itself."""
        return self.side_of.get(actor, actor)

    def ends(self, rel: Relation) -> tuple[str, list[str]]:
        """A relation's subject and other ends as snapshot nodes (a tie inside one side is dropped)."""
        subject = self.node(rel.subject)
        return subject, [o for o in (self.node(e) for e in rel.ends()) if o != subject]

    def graph(self, hostile: bool = True) -> Any:
        """Undirected simple graph of all active ties (``relations`` per edge); ``hostile=False`` drops hostile ones."""
        import networkx as nx

        g = nx.Graph()
        g.add_nodes_from(self.labels)
        for rel in self.relations:
            if not hostile and rel.sign < 0:
                continue
            subject, others = self.ends(rel)
            for other in others:
                if g.has_edge(subject, other):
                    if rel not in g[subject][other]["relations"]:
                        g[subject][other]["relations"].append(rel)
                else:
                    g.add_edge(subject, other, relations=[rel])
        return g


def signed_snapshot(kg: ActorGraph, as_of: str | dt.date | None = None, rule: str = "possible",
                    roll_up: bool = False, all_actors: bool = True) -> Snapshot:
    """The signed graph of actors on ``as_of`` (default: :func:`default_as_of`).

    ``roll_up`` makes each side (:mod:`graph.analysis.sides`) one node, named by its
    head: what the Pakistani military or a minister does counts as Pakistan
    (ties inside a side are left out of the signed graph). ``all_actors=False``
    keeps only the conflict's actors (:func:`graph.analysis.sides.conflict_actors`).

    >>> from actorgraph import load
    >>> snap = signed_snapshot(load(), "2026-03-15")
    >>> snap.signed["pakistan"]["taliban-regime"]["sign"]
    -1
    """
    as_of = as_of if as_of is not None else default_as_of(kg)
    text = as_of.isoformat() if isinstance(as_of, dt.date) else parse_date(as_of).text
    key = ("snapshot", text, rule, roll_up, all_actors)
    if key not in kg._cache:  # a command asks twice (warnings, then the analysis): read the store once
        kg._cache[key] = _signed_snapshot(kg, as_of, text, rule, roll_up, all_actors)
    return kg._cache[key]


def _signed_snapshot(kg: ActorGraph, as_of: str | dt.date, text: str, rule: str, roll_up: bool,
                     all_actors: bool) -> Snapshot:
    day = parse_day(as_of)
    labels = {a.id: a.label for a in actors(kg)}
    if not all_actors:
        inside = conflict_actors(kg)
        labels = {a: label for a, label in labels.items() if a in inside}
    side_of = {a: h for a, h in side_map(kg, day, rule).items() if a in labels} if roll_up else {}
    known = labels

    def active(types: list[str] | None = None) -> list[Relation]:
        return [
            r for r in relations(kg, type=types, as_of=day, rule=rule, include_hypothetical=False, detail=False)
            if r.subject in known and all(e in known for e in r.ends()) and r.ends()
        ]

    # only the signed types are read here (the store filters them); every polarity waits for Snapshot.relations
    signed_types = sorted(p for p, t in kg.ontology.relations.items() if t.polarity in ("friendly", "hostile"))
    signed = active(signed_types) if signed_types else []
    if roll_up:
        labels = {h: labels.get(h) or label_of(kg, iri(h)) for h in set(side_of.values())}
    view = Snapshot(text, day, rule, None, None, [], labels, side_of)
    by_pair: dict[tuple[str, str], list[Relation]] = defaultdict(list)
    for rel in signed:
        if rel.sign:
            subject, others = view.ends(rel)
            for other in others:
                by_pair[_pair(subject, other)].append(rel)
    ties: dict[tuple[str, str], dict[str, Any]] = {}
    conflicts = []
    for (a, b), rels in sorted(by_pair.items()):
        sign, deciding, why = reduce_pair(rels)
        ties[(a, b)] = {"sign": sign, "relation": deciding, "relations": rels, "conflict": why is not None}
        if why is not None:
            conflicts.append({
                "pair": [a, b], "labels": [labels[a], labels[b]], "sign": sign, "polarity": _POLARITY[sign],
                "rule": why, "decided_by": deciding.id, "relations": [evidence(r) for r in rels],
            })
    return Snapshot(text, day, rule, None, None, conflicts, labels, side_of, active, ties)


def conflict_warnings(snap: Snapshot) -> list[str]:
    """One warning line per pair whose active relations disagree in sign."""
    out = []
    for c in snap.conflicts:
        signs = ", ".join(f"{r['label']} ({r['polarity']}, {span_text(r['start'], r['end'])})" for r in c["relations"])
        out.append(
            f"warning: {c['labels'][0]} – {c['labels'][1]} as of {snap.as_of}: active relations disagree "
            f"[{signs}]; counted {c['polarity']} ({c['rule']})"
        )
    return out
