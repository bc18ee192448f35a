"""Find likely duplicate actors by label/alias similarity, with a score.

Every name of an actor (label, aliases, id) is normalised the way
:func:`graph.model.names.resolve` does (case, accents, punctuation, a leading
"the" ignored). Two actors score:

* ``1.0`` when they share a normalised name (e.g. one's alias is the other's label);
* ``0.95`` when their names have the same consonants word by word (a
  transliteration variant: "Tehreek-e-" / "Tehrik-i-", "al-Adl" / "ul-Adl");
* otherwise the best `rapidfuzz <https://rapidfuzz.github.io/RapidFuzz/>`_
  ratio over their name pairs, lowered by the share of the text in words
  that differ (so "Indian government" / "Iranian government" scores low, a
  spelling variant "Tehreek-e-" / "Tehrik-i-" high);
* times ``0.9`` when both have a specific type and the types differ
  (a person and a state rarely are the same actor).

ACLED-style names (:mod:`graph.ingest.actor_names`) count by their parts:
``TTP: Tehreek-i-Taliban Pakistan`` is also named "TTP" and
"Tehreek-i-Taliban Pakistan", and a named group's ``(Country)`` qualifier is
dropped ("Islamic State (Afghanistan)" ~ "Islamic State"). Two actors whose
labels carry *different* qualifiers or periods are never proposed:
"Civilians (Afghanistan)" and "Civilians (Pakistan)" are two actors, and so
are "Military Forces of Afghanistan (2004-2021)" and "(2021-)".

Pairs at or above ``threshold`` (default 0.85) are returned, best first;
:func:`graph.write.workspace.merge` then merges a pair.

>>> similarity("Jaish ul-Adl", "Jaish al-Adl")
0.95
>>> similarity("Indian government", "Iranian government") < 0.85
True
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ..model.names import _norm, actors
from ..store.graph import ActorGraph
from .actor_names import _skeleton, is_collective, parse_actor_name, similarity

__all__ = ["DuplicateCandidate", "duplicates", "similarity"]


@dataclass
class DuplicateCandidate:
    """Two actors that may be one, with the names that matched."""

    score: float
    a: str
    a_label: str
    b: str
    b_label: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        """The record as a JSON-ready dict."""
        return asdict(self)


def _names(actor) -> set[str]:
    names = {actor.label}
    for name in (actor.label, *actor.aliases):
        parsed = parse_actor_name(name)
        names.add(name)
        if parsed.abbreviation:  # "TTP: Tehreek-i-Taliban Pakistan": both parts are names
            names.update(parsed.parts)
        if parsed.qualifier and not is_collective(parsed.base) and not parsed.period and not parsed.full:
            names.add(parsed.base)  # "Islamic State (Afghanistan)": the group, acting there
    return {n for n in names if _norm(n)}


def _distinction(label: str) -> tuple[str | None, str | None]:
    """What sets a dataset actor apart from same-named ones: its period, and a collective's qualifier.

    >>> _distinction("Civilians (Pakistan)"), _distinction("Military Forces of Pakistan (2018-)")
    ((None, 'pakistan'), ('2018/..', None))
    """
    parsed = parse_actor_name(label)
    qualifier = _norm(parsed.qualifier) if parsed.qualifier and is_collective(parsed.base) else None
    return parsed.period, qualifier


def _distinct(x: tuple, y: tuple) -> bool:
    return any(a is not None and b is not None and a != b for a, b in zip(x, y, strict=True))


def duplicates(kg: ActorGraph, threshold: float = 0.85, limit: int | None = None) -> list[DuplicateCandidate]:
    """Likely duplicate actor pairs scored in [0, 1], best first.

    Pairs are only compared when they share a name word or a 4-letter
    prefix (blocking), so thousands of actors stay fast.
    """
    people = actors(kg)
    names = [_names(a) for a in people]
    normed = [{_norm(n) for n in ns} for ns in names]
    distinctions = [_distinction(a.label) for a in people]
    blocks: dict[str, set[int]] = {}
    for i, ns in enumerate(normed):
        for n in ns:
            for key in {*n.split(), n[:4], *("~" + w for w in _skeleton(n).split())}:  # ~tlbn: Taleban, Taliban
                if len(key) >= 3:
                    blocks.setdefault(key, set()).add(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) > 200:  # a word everybody shares ("forces", "of"): no signal
            continue
        ordered = sorted(members)
        for x, i in enumerate(ordered):
            for j in ordered[x + 1:]:
                pairs.add((i, j))
    out = []
    for i, j in pairs:
        if _distinct(distinctions[i], distinctions[j]):
            continue  # Civilians (Afghanistan) / Civilians (Pakistan): two actors by construction
        a, b = people[i], people[j]
        best, why = 0.0, ""
        shared = normed[i] & normed[j]
        if shared:
            best, why = 1.0, f"both are named {sorted(shared)[0]!r}"
        else:
            for x in names[i]:
                for y in names[j]:
                    score = similarity(x, y)
                    if score > best:
                        best, why = score, f"{x!r} ~ {y!r}"
        generic = {"", "Actor"}
        if a.type not in generic and b.type not in generic and a.type != b.type:
            best *= 0.9
            why += f" (types differ: {a.type} / {b.type})"
        if best >= threshold:
            out.append(DuplicateCandidate(round(best, 3), a.id, a.label, b.id, b.label, why))
    out.sort(key=lambda c: (-c.score, c.a_label.lower(), c.b_label.lower()))
    return out[:limit] if limit else out
