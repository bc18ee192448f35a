"""The signed snapshot: the ties active between actors on one day, one reading per pair.

Everything in :mod:`actorgraph.analysis` starts from a :class:`Snapshot`:
the pairs read by the tie model (:mod:`graph.analysis.ties`: friendly,
hostile or mixed, scored from the relation types' intensities with recency,
under the time of knowledge of :mod:`graph.core.dates`). The signed graph
holds the friendly (+1) and hostile (−1) pairs; a mixed pair is left out of
it, and every pair whose statements disagree in sign is listed in
``conflicts`` with the score that decided it.

>>> from actorgraph import load
>>> snap = signed_snapshot(load(), "2026-03-15")
>>> snap.as_of
'2026-03-15'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..core.dates import DEFAULT_RULE, normalize_rule, parse_date, parse_day
from ..model.names import actors, label_of
from ..model.reads import relations, sources
from ..model.records import Relation, iri
from ..store.graph import ActorGraph
from .sides import conflict_actors, side_map
from .signed import (
    TieGraph,
)
from .ties import Tie, intensities, read_pair, read_ties

__all__ = [
    "Snapshot",
    "default_as_of",
    "span_text",
    "evidence",
    "conflict_warnings",
    "summarise_warnings",
    "WARNING_LINES",
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


def reduce_pair(rels: list[Relation], day: dt.date | None = None, kg: ActorGraph | None = None,
                intensity: dict[str, float] | None = None) -> tuple[int, Relation, str | None]:
    """Reduce the active statements of one pair to ``(sign, strongest statement, how)`` with the tie model
    (:func:`graph.ties.read_pair`): ``sign`` is +1 friendly, −1 hostile, 0 mixed; ``how`` is ``None`` when
    every statement has the same sign, else how the pair was read (``"score -58.5: hostile"``, ``"mixed: …"``).

    ``intensity`` (or ``kg``, whose ontology gives it) maps relation types to their ``ag:intensity``; without
    either, a type counts ±1 by its polarity.
    """
    if intensity is None:
        intensity = intensities(kg) if kg is not None else {}
    intensity = {**{r.predicate: float(r.sign) for r in rels if r.predicate not in intensity}, **intensity}
    day = day or dt.date.max
    sign, score, ordered, _ = read_pair(rels, day, intensity)
    if not ordered:
        raise ValueError("reduce_pair needs at least one signed relation")
    numeric = {"friendly": 1, "hostile": -1}.get(sign or "", 0)
    signs = {1 if intensity.get(r.predicate, 0) > 0 else -1 for r in ordered}
    if len(signs) == 1:
        return numeric, ordered[0], None
    how = ("mixed: strong ties of both signs" if sign == "mixed" else f"score {score:g}: {sign}")
    return numeric, ordered[0], how


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
    #: ``{(a, b): {sign, relation, relations, conflict, score, reading, tie}}`` per sorted pair of the signed
    #: graph (friendly or hostile; ``relation`` = the strongest statement), in ``signed``'s edge order:
    #: what ``diff`` needs, without importing networkx (~0.1 s of a cold CLI run)
    ties: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict, repr=False)
    #: every pair's :class:`graph.ties.Tie` (mixed ones too), by sorted pair
    readings: dict[tuple[str, str], Tie] = field(default_factory=dict, repr=False)


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


def signed_snapshot(kg: ActorGraph, as_of: str | dt.date | None = None, rule: str = DEFAULT_RULE,
                    roll_up: bool = False, all_actors: bool = True) -> Snapshot:
    """The signed graph of actors on ``as_of`` (default: :func:`default_as_of`).

    ``roll_up`` makes each side (:mod:`graph.sides`) one node, named by its
    head: what the Pakistani military or a minister does counts as Pakistan
    (ties inside a side are left out of the signed graph). ``all_actors=False``
    keeps only the conflict's actors (:func:`graph.sides.conflict_actors`).

    >>> from actorgraph import load
    >>> snap = signed_snapshot(load(), "2026-03-15")
    >>> snap.signed["pakistan"]["taliban-regime"]["sign"]
    -1
    """
    rule = normalize_rule(rule)
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

    # only the types with an intensity are read here (the store filters them); every type waits for
    # Snapshot.relations
    intensity = intensities(kg)
    tie_types = sorted(p for p, value in intensity.items() if value)
    signed = active(tie_types) if tie_types else []
    if roll_up:
        labels = {h: labels.get(h) or label_of(kg, iri(h)) for h in set(side_of.values())}
    view = Snapshot(text, day, rule, None, None, [], labels, side_of)
    # the labels of the counted actors: heads when rolled up (a member outside the counted actors is dropped)
    counted = {a: labels.get(view.node(a), a) for a in known} | labels
    found = read_ties(signed, day, text, rule, counted, side_of, intensity, kg)
    ties: dict[tuple[str, str], dict[str, Any]] = {}
    conflicts = []
    readings: dict[tuple[str, str], Tie] = {}
    for tie in found:
        a, b = tie.pair
        readings[(a, b)] = tie
        ordered, weights = tie.relations, tie.weights
        both = len({weights[r.id] > 0 for r in ordered}) > 1
        if tie.sign != "mixed":
            ties[(a, b)] = {"sign": tie.polarity, "relation": ordered[0], "relations": ordered, "conflict": both,
                            "score": tie.score, "reading": tie.sign, "tie": tie}
        if both:
            conflicts.append({
                "pair": [a, b], "labels": list(tie.labels), "sign": tie.polarity, "polarity": tie.sign,
                "score": tie.score,
                "rule": "mixed: strong ties of both signs" if tie.sign == "mixed" else f"score {tie.score:g}: {tie.sign}",
                "decided_by": ordered[0].id, "because": tie.because, "undated": tie.undated,
                "relations": [evidence(r) | {"weight": weights[r.id]} for r in ordered],
            })
    snap = Snapshot(text, day, rule, None, None, conflicts, labels, side_of, active, ties)
    snap.readings = readings
    return snap


def conflict_warnings(snap: Snapshot) -> list[str]:
    """One warning line per pair whose active statements disagree in sign, with how the tie model read it."""
    out = []
    for c in snap.conflicts:
        signs = ", ".join(f"{r['label']} ({r['weight']:+g}, {span_text(r['start'], r['end'])})" for r in c["relations"][:4])
        more = f", +{len(c['relations']) - 4} more" if len(c["relations"]) > 4 else ""
        out.append(
            f"warning: {c['labels'][0]} – {c['labels'][1]} as of {snap.as_of}: statements of both signs "
            f"[{signs}{more}]; read {c['polarity']} ({c['rule']})"
        )
    return out


#: Warning lines printed before the rest are summarised as a count.
WARNING_LINES = 3


def summarise_warnings(lines: list[str], limit: int = WARNING_LINES) -> list[str]:
    """At most ``limit`` warning lines, then one line counting the rest (the JSON ``conflicts`` has them all).

    >>> summarise_warnings(["warning: a", "warning: b"], 1)
    ['warning: a', 'warning: 1 more pair(s) with statements of both signs (see "conflicts" in the JSON output)']
    """
    if len(lines) <= limit:
        return list(lines)
    return lines[:limit] + [f"warning: {len(lines) - limit} more pair(s) with statements of both signs "
                            '(see "conflicts" in the JSON output)']
