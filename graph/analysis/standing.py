"""One actor's standing on a day: with whom friendly, hostile, mixed (the tie model's reading) and who mediates.

``show`` opens with it. The ties are those of :func:`graph.analysis.ties.ties`
(rolled up: the actor's side), not a second calculation; mediation weighs 0
in the tie model, so the mediations are the ``mediatesBetween`` statements
active that day (potential and proposed ones left out).

>>> from actorgraph import load
>>> s = standing(load(), "Pakistan")
>>> s["as_of"], [t["label"] for t in s["hostile"]][:1], "China" in [m["label"] for m in s["mediated_by"]]
('2026-03-31', ['Taliban'], True)
"""

from __future__ import annotations

from typing import Any

from ..core.dates import DEFAULT_RULE
from ..model.names import resolve
from ..model.reads import relations
from ..model.records import local_id
from ..store.graph import ActorGraph
from .ties import default_as_of, ties

__all__ = ["standing", "standing_lines"]


def standing(kg: ActorGraph, name: str, as_of: str | None = None, rule: str = DEFAULT_RULE) -> dict[str, Any]:
    """``{as_of, rule, actor, side, side_label, friendly, hostile, mixed, mediates, mediated_by}``.

    ``friendly``/``hostile``/``mixed`` list ``{actor, label, score, strongest, statements}`` strongest
    first; ``mediates`` the pairs the actor mediates between, ``mediated_by`` the mediators between
    it and another, each ``{actor, label, between, statement}``.
    """
    as_of = as_of or default_as_of(kg)
    node = local_id(resolve(kg, name))
    found = ties(kg, as_of, actor=node, rule=rule)
    out: dict[str, Any] = {"as_of": found[0].as_of if found else as_of, "rule": rule, "actor": node,
                           "side": found[0].pair[0] if found else node,
                           "side_label": found[0].labels[0] if found else None,
                           "friendly": [], "hostile": [], "mixed": [], "mediates": [], "mediated_by": []}
    for tie in sorted(found, key=lambda t: (-abs(t.score), t.labels[1])):
        strongest = tie.strongest
        out[tie.sign].append({"actor": tie.pair[1], "label": tie.labels[1], "score": tie.score,
                              "strongest": f"{strongest.subject_label} {strongest.predicate_label} {strongest.object_label}",
                              "statements": list(tie.because)})
    for rel in relations(kg, actor=node, type="mediatesBetween", as_of=as_of, rule=rule, include_hypothetical=False):
        if rel.subject == node:
            out["mediates"].append({"actor": node, "label": rel.subject_label, "between": rel.object_label,
                                    "statement": rel.id})
        else:
            out["mediated_by"].append({"actor": rel.subject, "label": rel.subject_label, "between": rel.object_label,
                                       "statement": rel.id})
    return out


def standing_lines(info: dict[str, Any], label: str) -> list[str]:
    """The standing in a few lines of prose for ``show`` (labels and scores, no ids).

    >>> standing_lines({"as_of": "2026-03-31", "side": "x", "actor": "x", "side_label": "X", "friendly": [],
    ...                 "hostile": [{"label": "Y", "score": -9.0}], "mixed": [], "mediates": [], "mediated_by": []}, "X")
    ['As of 2026-03-31, the tie model’s reading (`actorgraph ties`):', '  hostile with Y (−9)']
    """
    side = "" if info["side"] == info["actor"] or not info["side_label"] else f" for {info['side_label']}’s side"
    lines = [f"As of {info['as_of']}, the tie model’s reading{side} (`actorgraph ties`):"]
    for sign in ("hostile", "friendly", "mixed"):
        if info[sign]:
            names = ", ".join(f"{t['label']} ({_score(t['score'])})" for t in info[sign])
            lines.append(f"  {sign} with {names}")
    if not any(info[s] for s in ("hostile", "friendly", "mixed")):
        lines.append(f"  no tie of {label} on that day")
    mediators: dict[str, list[str]] = {}
    for m in info["mediated_by"]:
        mediators.setdefault(m["between"], []).append(m["label"])
    for between, names in mediators.items():
        lines.append(f"  mediated by {', '.join(dict.fromkeys(names))} (between {between})")
    for m in info["mediates"]:
        lines.append(f"  mediating between {m['between']}")
    return lines


def _score(score: float) -> str:
    text = f"{score:+g}"
    return text.replace("-", "−")
