"""The parts a brief is made of: sentences, sections, footnotes (one per sentence of the source).

Shared by :mod:`actorgraph.exports.brief` (the factual sections) and
:mod:`actorgraph.exports.brief_model` (the model's appendix).

>>> notes = Notes({})
>>> from actorgraph.model.records import Event
>>> a = Event("event/a", "Event", "A", "2025", [], [], [], "One sentence.", "s")
>>> b = Event("event/b", "Event", "B", "2025", [], [], [], "One sentence.", "s")
>>> notes.cite(a), notes.cite(b), notes.notes[0].ids
(1, 1, ['event/a', 'event/b'])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.prose import relation_clause
from ..model.records import Assessment, Event, Quantity, Relation

__all__ = ["LIMITS", "Note", "Sentence", "Section", "Notes", "relation_words", "cap"]

#: how many rows each section shows before summarising ("and N more")
LIMITS = {"camp_members": 40, "change_pairs": 12, "changes_per_pair": 5, "triads": 10, "enemies": 10, "events": 30,
          "crossing": 12, "judgements": 8, "ties_listed": 24}


@dataclass
class Note:
    """A footnote: one quoted sentence of a source and the graph nodes (statements, events, figures) resting on it."""

    n: int
    id: str
    kind: str  # relation | event | figure | assessment (of the first node cited)
    quote: str | None
    source: str | None
    citation: str | None
    ids: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)


@dataclass
class Sentence:
    """One sentence (plain text) with its footnote numbers (the quotes are in the notes only)."""

    text: str
    notes: list[int] = field(default_factory=list)
    quote: str | None = None


@dataclass
class Section:
    """A titled section: ``blocks`` are ``("p" | "ul" | "h3" | "map" | "box", payload)``."""

    key: str
    title: str
    blocks: list[tuple[str, Any]] = field(default_factory=list)

    def p(self, *sentences: Sentence) -> None:
        """Add a paragraph."""
        self.blocks.append(("p", list(sentences)))

    def ul(self, items: list[Sentence | list[Sentence]]) -> None:
        """Add a bullet list (an item is a sentence or a list of sentences)."""
        if items:
            self.blocks.append(("ul", [i if isinstance(i, list) else [i] for i in items]))

    def h3(self, text: str) -> None:
        """Add a sub-heading."""
        self.blocks.append(("h3", text))


# ---------------------------------------------------------------------------
# Footnotes
# ---------------------------------------------------------------------------
class Notes:
    """Numbers footnotes in order of first use: one note per quoted sentence (and source)."""

    def __init__(self, citations: dict[str, str]):
        self.citations = citations
        self.notes: list[Note] = []
        self.by_key: dict[tuple, int] = {}

    def cite(self, item: Relation | Event | Quantity | Assessment) -> int:
        kind = ("relation" if isinstance(item, Relation) else "event" if isinstance(item, Event)
                else "assessment" if isinstance(item, Assessment) else "figure")
        key = (" ".join(item.quote.split()), item.source) if item.quote else (item.id,)
        if key in self.by_key:
            note = self.notes[self.by_key[key] - 1]
            if item.id not in note.ids:
                note.ids.append(item.id)
                note.kinds.append(kind)
            return note.n
        n = len(self.notes) + 1
        self.notes.append(Note(n, item.id, kind, item.quote, item.source, self.citations.get(item.source or ""),
                               [item.id], [kind]))
        self.by_key[key] = n
        return n


def relation_words(rel: Relation, label) -> str:
    """A relation as a clause (:func:`~actorgraph.core.prose.relation_clause`): "Pakistan has a defense pact
    with Saudi Arabia", "Qatar mediates between Pakistan and the Taliban regime"."""
    ends = [label(e) for e in rel.ends()] or [rel.object_label]
    return relation_clause(label(rel.subject), rel.predicate, rel.predicate_label, ends)


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]
