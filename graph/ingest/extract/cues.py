"""The relation cue lexicon, read from the ontology (``ag:cue`` on each relation type).

A cue is lower-case words matched on word boundaries; ``*`` ends a word with
any ending ("airstrike*"); ``...`` is a gap of up to a few words whose
text is kept ("urged ... to negotiate" keeps who was urged).

>>> lex = load_cues()
>>> [(c.relation, c.phrase) for c in lex.find("Pakistan launched airstrikes on Kabul.")]
[('attacks', 'airstrike*')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Cue", "CueMatch", "Lexicon", "load_cues", "compile_cue"]


@dataclass(frozen=True)
class Cue:
    """One cue phrase of one relation type."""

    relation: str
    phrase: str
    pattern: re.Pattern
    reverse: bool = False


@dataclass(frozen=True)
class CueMatch:
    """A cue found in a sentence: its span, and the span of its gap (``...``) if any."""

    relation: str
    phrase: str
    start: int
    end: int
    text: str
    gap: tuple[int, int] | None = None
    reverse: bool = False  # the subject follows the cue ("< sanctuaries in")


def compile_cue(phrase: str) -> re.Pattern:
    """The regular expression of a cue phrase.

    >>> bool(compile_cue("urged ... to negotiate").search("urged Pakistan and the Taliban to negotiate"))
    True
    """
    parts = []
    for word in phrase.lower().removeprefix("<").split():
        if word == "...":
            parts.append(r"((?:\S+\s+){0,7}?\S+)")
        elif word.endswith("*"):
            parts.append(re.escape(word[:-1]) + r"[\w’'-]*")
        else:
            parts.append(re.escape(word))
    return re.compile(r"(?<![\w-])" + r"\s+".join(parts) + r"(?![\w-])", re.I)


class Lexicon:
    """Every cue of the ontology, searched together; longest cue wins an overlap."""

    def __init__(self, cues: list[Cue]):
        self.cues = cues
        # index: the first three letters of each cue's first word → cues (only those are tried on a sentence)
        self._index: dict[str, list[tuple[str, Cue]]] = {}
        for cue in cues:
            stem = cue.phrase.lstrip("< ").split()[0].rstrip("*").lower()
            self._index.setdefault(stem[:3], []).append((stem, cue))

    def find(self, sentence: str) -> list[CueMatch]:
        """Non-overlapping cue matches in ``sentence``, left to right."""
        tried: dict[int, Cue] = {}
        for token in set(re.findall(r"[\w’'-]+", sentence.lower())):
            for stem, cue in self._index.get(token[:3], ()):
                if token.startswith(stem):
                    tried[id(cue)] = cue
        found = []
        for cue in tried.values():
            for m in cue.pattern.finditer(sentence):
                gap = m.span(1) if m.lastindex else None
                found.append(CueMatch(cue.relation, cue.phrase, m.start(), m.end(), m.group(0), gap, cue.reverse))
        found.sort(key=lambda c: (-(c.end - c.start), c.start))
        chosen: list[CueMatch] = []
        for c in found:
            if not any(o.start < c.end and c.start < o.end for o in chosen):
                chosen.append(c)
        merged: list[CueMatch] = []
        for c in sorted(chosen, key=lambda c: c.start):
            last = merged[-1] if merged else None
            if last and last.relation == c.relation and not last.gap and not c.gap and last.reverse == c.reverse \
                    and not sentence[last.end:c.start].strip():  # "escalating tensions" is one cue
                merged[-1] = CueMatch(c.relation, c.phrase, last.start, c.end, sentence[last.start:c.end], None, c.reverse)
            else:
                merged.append(c)
        return merged


@lru_cache(maxsize=1)
def load_cues() -> Lexicon:
    """The lexicon of the packaged ontology."""
    from ...core.ontology import load_ontology
    from ...core.vocab import AG

    onto = load_ontology()
    cues = []
    for rel in onto.relations.values():
        for literal in onto.graph.objects(rel.iri, AG.cue):
            phrase = " ".join(str(literal).split())
            if phrase:
                cues.append(Cue(rel.name, phrase, compile_cue(phrase), phrase.startswith("<")))
    return Lexicon(sorted(cues, key=lambda c: (c.relation, c.phrase)))
