"""Find likely duplicate actors by label/alias similarity, with a score.

Every name of an actor (label, aliases, id) is normalised the way
:func:`graph.model.resolve` does (case, accents, punctuation, a leading
"the" ignored). Two actors score:

* ``1.0`` when they share a normalised name (e.g. one's alias is the other's label);
* ``0.95`` when their names have the same consonants word by word (a
  transliteration variant: "Tehreek-e-" / "Tehrik-i-", "al-Adl" / "ul-Adl");
* otherwise the best :class:`difflib.SequenceMatcher` ratio over their name
  pairs, lowered by the share of the text in words that differ (so
  "Indian government" / "Iranian government" scores low, a spelling
  variant "Tehreek-e-" / "Tehrik-i-" high), also comparing names with a trailing ACLED-style parenthesis
  ("Military Forces of Pakistan (2018-)") removed;
* times ``0.9`` when both have a specific type and the types differ
  (a person and a state rarely are the same actor).

Pairs at or above ``threshold`` (default 0.85) are returned, best first;
:func:`graph.workspace.merge` then merges a pair.

>>> similarity("Jaish ul-Adl", "Jaish al-Adl")
0.95
>>> similarity("Indian government", "Iranian government") < 0.85
True
"""

from __future__ import annotations

import difflib
import re
from dataclasses import asdict, dataclass
from typing import Any

from .model import _norm, actors
from .store import ActorGraph

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


_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)\s*$")


def similarity(x: str, y: str) -> float:
    """Similarity of two names in [0, 1] (1.0 = same normalised name).

    >>> similarity("Tehrik-i-Taliban Pakistan", "Tehrik-e-Taliban Pakistan") > 0.9
    True
    >>> similarity("Pakistan", "Afghanistan") < 0.85
    True
    """
    a, b = _norm(x), _norm(y)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    ta, tb = set(a.split()), set(b.split())
    if ta == tb:
        return 0.98
    skel = _skeleton(a)
    if skel == _skeleton(b) and len(skel.replace(" ", "")) >= 5:  # transliteration variant: Tehreek-e / Tehrik-i, al-Adl / ul-Adl
        return 0.95
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < 0.5:
        return matcher.real_quick_ratio() * 0.5
    whole = matcher.ratio()
    # the words that differ weigh by their share of the text: "Indian
    # government" / "Iranian government" differ in a whole word, not a typo
    ra, rb = " ".join(sorted(ta - tb)), " ".join(sorted(tb - ta))
    rest = difflib.SequenceMatcher(None, ra, rb, autojunk=False).ratio() if ra and rb else 0.0
    share = (len(ra) + len(rb)) / (len(a) + len(b))
    return whole * (1 - share * (1 - rest))


def _skeleton(name: str) -> str:
    """Consonants only, per word (vowels vary between transliterations).

    >>> _skeleton("tehreek e taliban") == _skeleton("tehrik i taliban")
    True
    """
    words = ("".join(ch for ch in w if ch not in "aeiouy") for w in name.split())
    return " ".join(w for w in words if w)


def _names(actor) -> set[str]:
    names = {actor.label, *actor.aliases}
    names |= {_TRAILING_PAREN.sub("", n) for n in names}
    return {n for n in names if _norm(n)}


def duplicates(kg: ActorGraph, threshold: float = 0.85, limit: int | None = None) -> list[DuplicateCandidate]:
    """Likely duplicate actor pairs scored in [0, 1], best first.

    Pairs are only compared when they share a name word or a 4-letter
    prefix (blocking), so thousands of actors stay fast.
    """
    people = actors(kg)
    names = [_names(a) for a in people]
    normed = [{_norm(n) for n in ns} for ns in names]
    blocks: dict[str, set[int]] = {}
    for i, ns in enumerate(normed):
        for n in ns:
            for key in {*n.split(), n[:4]}:
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
