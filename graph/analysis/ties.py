"""The tie model: friendly, hostile or mixed, scored from intensities, explaining itself.

A pair of actors (or of sides, rolled up: :mod:`graph.sides`) on day ``D``
is read from the statements between them active on ``D`` under the time of
knowledge (:mod:`graph.core.dates`: an undated statement holds at its source's
date, *Ended* means ended by it, ``known`` or ``possible``) and inside their
actors' lifespans. Each statement weighs::

    weight = intensity(type) × recency

* **intensity** is the relation type's place on the conflict–cooperation
  scale, ``ag:intensity`` in the ontology: Goldstein's weights on CAMEO codes
  (war −10, attacks −9, coercion −7 … a view −2 or +0.4 … aid +7.4, an
  alliance +8), so behaviour outweighs an attitude or a view. Structural
  types (``partOf``, ``leaderOf``…) carry none and never make a tie;
  mediation and negotiation weigh 0.
* **recency** is 1 up to the statement's source date and halves every
  :data:`HALF_LIFE_YEARS` years after it, never below :data:`RECENCY_FLOOR`:
  evidence from an older source fades against a newer one.

The pair's **score** is the sum of the weights. The pair is **mixed** when
both signs have a strong tie (``|weight| >= STRONG``: Goldstein's material
cooperation or conflict), else **friendly** (score > 0) or **hostile**
(score < 0); a pair with weights summing to 0 (mediation only) has no tie.
``because`` lists the statement ids, strongest first; ``undated`` counts
those among them that carry no start.

>>> from actorgraph import load
>>> [t.sign for t in ties(load(), "2026-03-31", actor="Pakistan", with_="Taliban")]
['hostile']
>>> [t.sign for t in ties(load(), "2021-12-31", actor="Pakistan", with_="Taliban")]
['friendly']
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..core.dates import DEFAULT_RULE, normalize_rule, parse_date, parse_day
from ..model.names import actors, label_of, resolve
from ..model.reads import relations, sources
from ..model.records import Relation, iri, local_id
from ..store.graph import ActorGraph

__all__ = [
    "Tie",
    "SIGNS",
    "STRONG",
    "HALF_LIFE_YEARS",
    "RECENCY_FLOOR",
    "intensities",
    "recency",
    "weigh",
    "read_pair",
    "read_ties",
    "ties",
    "tie_rows",
    "undated_note",
]

SIGNS = ("friendly", "hostile", "mixed")
#: |weight| from which a tie is strong: Goldstein's material cooperation or conflict (aid, alliance, coercion, war).
STRONG = 5.0
#: Years over which a statement's weight halves after its source's date.
HALF_LIFE_YEARS = 2.0
#: The least recency: an old source still counts for a quarter.
RECENCY_FLOOR = 0.25


@dataclass
class Tie:
    """One pair's reading on a day: ``sign`` (friendly/hostile/mixed), ``score`` and the statements used."""

    pair: tuple[str, str]
    labels: tuple[str, str]
    sign: str
    score: float
    because: list[str]
    undated: int
    as_of: str
    rule: str
    relations: list[Relation] = field(default_factory=list, repr=False)
    weights: dict[str, float] = field(default_factory=dict, repr=False)

    @property
    def polarity(self) -> int:
        """+1 friendly, −1 hostile, 0 mixed: the sign the signed graph (balance, blocs) uses."""
        return {"friendly": 1, "hostile": -1}.get(self.sign, 0)

    @property
    def strongest(self) -> Relation:
        """The statement that weighs most."""
        return self.relations[0]

    def as_dict(self) -> dict[str, Any]:
        """The contract keys ``pair, labels, sign, score, because, undated`` and, added, the evidence."""
        return {
            "pair": list(self.pair), "labels": list(self.labels), "sign": self.sign, "score": self.score,
            "because": list(self.because), "undated": self.undated, "as_of": self.as_of, "rule": self.rule,
            "evidence": [_evidence(r, self.weights[r.id]) for r in self.relations],
        }


def _evidence(rel: Relation, weight: float) -> dict[str, Any]:
    return {
        "statement": rel.id, "subject": rel.subject, "subject_label": rel.subject_label,
        "predicate": rel.predicate, "label": rel.predicate_label, "object": rel.object,
        "object_label": rel.object_label, "weight": weight, "start": rel.start, "end": rel.end,
        "status": rel.status, "undated": rel.undated, "claimed_by": rel.claimed_by, "quote": rel.quote,
    }


def intensities(kg: ActorGraph) -> dict[str, float]:
    """Relation type name → its ``ag:intensity`` (types without one are not ties).

    >>> from actorgraph import load
    >>> i = intensities(load())
    >>> i["atWarWith"], i["negativeViewOf"], i["rapprochementWith"], "partOf" in i
    (-10.0, -2.0, 3.5, False)
    """
    return {t.name: t.intensity for t in kg.ontology.relations.values() if t.intensity is not None}


def recency(issued: str | None, day: dt.date) -> float:
    """1 up to the source's date, halving every :data:`HALF_LIFE_YEARS` after it, at least :data:`RECENCY_FLOOR`.

    >>> recency("2026-03-31", parse_day("2026-03-31")), round(recency("2026-03-31", parse_day("2028-03-31")), 2)
    (1.0, 0.5)
    """
    if not issued:
        return 1.0
    age = (day - parse_date(issued).latest).days / 365.25
    if age <= 0:
        return 1.0
    return max(RECENCY_FLOOR, 0.5 ** (age / HALF_LIFE_YEARS))


def weigh(rel: Relation, day: dt.date, intensity: dict[str, float]) -> float:
    """A statement's weight on ``day``: intensity × recency (rounded to 3 places)."""
    return round(intensity.get(rel.predicate, 0.0) * recency(rel.issued, day), 3)


def read_pair(rels: list[Relation], day: dt.date, intensity: dict[str, float]) -> tuple[str | None, float, list[Relation], dict[str, float]]:
    """``(sign, score, relations strongest first, weights)`` for the active statements of one pair.

    ``sign`` is None when the weights sum to 0 with no strong tie (mediation only).
    """
    weights = {r.id: weigh(r, day, intensity) for r in rels}
    ordered = sorted((r for r in rels if weights[r.id] != 0),
                     key=lambda r: (-abs(weights[r.id]), -weights[r.id], r.id))
    score = round(sum(weights[r.id] for r in ordered), 3)
    strong_friendly = any(weights[r.id] >= STRONG for r in ordered)
    strong_hostile = any(weights[r.id] <= -STRONG for r in ordered)
    if strong_friendly and strong_hostile:
        sign = "mixed"
    elif score > 0:
        sign = "friendly"
    elif score < 0:
        sign = "hostile"
    else:
        sign = None
    return sign, score, ordered, weights


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def default_as_of(kg: ActorGraph) -> str:
    """The newest source document's date (else today)."""
    dates = [s.date for s in sources(kg) if s.date]
    return max(dates, key=lambda d: parse_date(d).latest) if dates else dt.date.today().isoformat()


def ties(kg: ActorGraph, as_of: str | dt.date | None = None, actor: str | None = None, with_: str | None = None,
         roll_up: bool = True, rule: str = DEFAULT_RULE, all_actors: bool = True,
         side_of: dict[str, str] | None = None, active: list[Relation] | None = None) -> list[Tie]:
    """Every tie on ``as_of`` (default: the newest source's date), sorted by labels.

    ``actor``/``with_`` keep the pairs of that actor (rolled up: of its side);
    ``roll_up`` (the default) reads sides, so what the Pakistani Air Force or
    the Taliban army does counts for Pakistan or the Taliban; ``all_actors``
    False leaves out research institutes and population groups.
    ``side_of``/``active`` let a caller that has them (the snapshot) pass the
    sides and the active statements it read.

    >>> from actorgraph import load
    >>> t = ties(load(), "2026-03-31", actor="India", with_="Taliban")[0]
    >>> t.sign, t.because[0] == t.relations[0].id
    ('friendly', True)
    """
    from .sides import conflict_actors, side_map

    rule = normalize_rule(rule)
    as_of = as_of if as_of is not None else default_as_of(kg)
    day = parse_day(as_of)
    text = as_of.isoformat() if isinstance(as_of, dt.date) else parse_date(as_of).text
    intensity = intensities(kg)
    labels = {a.id: a.label for a in actors(kg)}
    if not all_actors:
        inside = conflict_actors(kg)
        labels = {a: label for a, label in labels.items() if a in inside}
    if roll_up and side_of is None:
        side_of = {a: h for a, h in side_map(kg, day, rule).items() if a in labels}
    side_of = side_of or {}
    if active is None:
        active = relations(kg, type=sorted(intensity), as_of=day, rule=rule, include_hypothetical=False, detail=False)
    everything = read_ties(active, day, text, rule, labels, side_of, intensity, kg)
    wanted = [_wanted(kg, name, side_of) for name in (actor, with_)]
    out = []
    for tie in everything:
        a, b = tie.pair
        if wanted[0] is not None and not ({a, b} & wanted[0]):
            continue
        if wanted[1] is not None and not ({a, b} & wanted[1]):
            continue
        if wanted[0] is not None and wanted[1] is not None and not (
                (a in wanted[0] and b in wanted[1]) or (b in wanted[0] and a in wanted[1])):
            continue
        out.append(tie)
    if actor is not None:  # the named actor's end first
        first = wanted[0] or set()
        out = [t if t.pair[0] in first or t.pair[1] not in first else _swap(t) for t in out]
    out.sort(key=lambda t: (t.labels[0].lower(), t.labels[1].lower()))
    return out


def read_ties(active: list[Relation], day: dt.date, as_of: str, rule: str, labels: dict[str, str],
              side_of: dict[str, str], intensity: dict[str, float], kg: ActorGraph | None = None) -> list[Tie]:
    """Every pair's :class:`Tie` from the active statements (sorted by pair): the one reading of the tie model
    that :func:`ties` and the analyses' snapshot (:func:`graph.analysis.snapshot.signed_snapshot`) share.

    ``labels`` are the actors counted (and the sides' heads' labels), ``side_of`` maps an actor to its
    side's head (empty: raw actors); statements inside one side are left out.
    """
    by_pair: dict[tuple[str, str], list[Relation]] = defaultdict(list)
    for rel in active:
        if rel.predicate not in intensity or rel.subject not in labels or not rel.ends():
            continue
        if any(e not in labels for e in rel.ends()):
            continue
        a = side_of.get(rel.subject, rel.subject)
        for other in rel.ends():
            b = side_of.get(other, other)
            if a != b and rel not in by_pair[_pair(a, b)]:
                by_pair[_pair(a, b)].append(rel)
    out = []
    for (a, b), rels in sorted(by_pair.items()):
        sign, score, ordered, weights = read_pair(rels, day, intensity)
        if sign is None:
            continue
        names = (labels.get(a) or (label_of(kg, iri(a)) if kg else a), labels.get(b) or (label_of(kg, iri(b)) if kg else b))
        out.append(Tie((a, b), names, sign, score, [r.id for r in ordered], sum(1 for r in ordered if r.undated),
                       as_of, rule, ordered, weights))
    return out


def _swap(t: Tie) -> Tie:
    return Tie((t.pair[1], t.pair[0]), (t.labels[1], t.labels[0]), t.sign, t.score, t.because, t.undated,
               t.as_of, t.rule, t.relations, t.weights)


def _wanted(kg: ActorGraph, name: str | None, side_of: dict[str, str]) -> set[str] | None:
    if name is None:
        return None
    node = local_id(resolve(kg, name))
    return {side_of.get(node, node)}


def undated_note(found: list[Tie]) -> str:
    """How the undated statements of these ties were counted, in one line."""
    undated = sorted({r.id for t in found for r in t.relations if r.undated})
    if not undated:
        return "every statement used is dated"
    return (f"{len(undated)} undated statement(s) counted at their source's date only (nothing before it): "
            + ", ".join(undated[:5]) + (" …" if len(undated) > 5 else ""))


def tie_rows(kg: ActorGraph, **kwargs: Any) -> list[dict[str, Any]]:
    """:func:`ties` as JSON-ready rows (the CLI's ``actorgraph ties``)."""
    return [t.as_dict() for t in ties(kg, **kwargs)]
