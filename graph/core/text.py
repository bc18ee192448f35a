"""What a text field may hold: a length limit and no control characters, for every write and for ``validate``.

A name (``rdfs:label``, ``skos:altLabel``) holds no control character at
all — not even a tab or a line break; prose (a quote, a description, a
note) may break lines. No field is longer than :data:`MAX_FIELD`
characters, the limit imports have always applied.

>>> text_problem("Pakistan", name=True) is None
True
>>> text_problem("Nul\\x00Land", name=True)
'holds a control character (U+0000) at position 3'
>>> text_problem("x" * 20_001)
'is 20,001 characters long (limit 20,000)'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import partial
from itertools import compress
from operator import is_not, itemgetter

from rdflib import RDFS, SKOS, Literal, URIRef

__all__ = ["MAX_FIELD", "NAME_PROPERTIES", "text_problem", "literal_problems"]

#: The longest text any field may hold (imports, ``add``, ``validate``).
MAX_FIELD = 20_000
#: Properties whose values are names (one line, no control characters).
NAME_PROPERTIES = frozenset({RDFS.label, SKOS.altLabel})
# Unicode's control characters (category Cc) are exactly U+0000-001F and U+007F-009F
_CONTROL_IN_NAME = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_IN_PROSE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # tab, line feed, return allowed


def text_problem(value: str, name: bool = False) -> str | None:
    """What is wrong with ``value`` as a field (a name when ``name``), or None."""
    if len(value) > MAX_FIELD:
        return f"is {len(value):,} characters long (limit {MAX_FIELD:,})"
    found = (_CONTROL_IN_NAME if name else _CONTROL_IN_PROSE).search(value)
    if found:
        return f"holds a control character (U+{ord(found.group()):04X}) at position {found.start()}"
    return None


_NOT_IRI = partial(is_not, URIRef)
_OBJECT = itemgetter(2)


def _short(node) -> str:
    text = str(node).rsplit("/id/", 1)[-1]
    return text if len(text) <= 60 else text[:57] + "…"


def literal_problems(triples: Iterable[tuple], held: bool = False) -> list[str]:
    """One line per literal of ``triples`` that breaks :func:`text_problem` (``node property: problem``).

    ``held``: the triples are held elsewhere for the whole call (a change's sets), so a literal object met
    again (imports share their quotes) is known by its ``id`` and not checked twice.
    """
    problems = []
    fine: tuple[set, set] = (set(), set())  # ids of literal objects already found fine, as prose / as a name
    if isinstance(triples, (set, frozenset, list, tuple)):  # (read twice, in one order) IRI objects skipped in C
        triples = compress(triples, map(_NOT_IRI, map(type, map(_OBJECT, triples))))
    for s, p, o in triples:
        kind = type(o)  # exact type first: isinstance on rdflib terms goes through an ABC (millions of calls)
        if kind is Literal or (kind is not URIRef and isinstance(o, Literal)):
            name = p in NAME_PROPERTIES
            seen = fine[name]
            if id(o) in seen:  # the same literal object again: fine again
                continue
            problem = text_problem(o, name=name)
            if not problem:
                if held:  # (else the object may be gone and its id another's)
                    seen.add(id(o))
            else:
                prop = str(p).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
                problems.append(f"{_short(s)} {prop}: {problem}")
    return sorted(problems)
