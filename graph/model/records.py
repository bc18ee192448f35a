"""The records a read returns: :class:`Actor`, :class:`Relation`, :class:`Event`, :class:`Source`, :class:`Quantity`,
:class:`Assessment`.

Plain dataclasses, built by :mod:`actorgraph.model.reads` and
:mod:`actorgraph.model.names` from the rows the store returns. Identifiers are the local part of
the data IRI (``pakistan``, ``statement/1a2b…``); dates are EDTF strings at
the source's precision (``2025``, ``2025-10``, ``2026-02-27``, ``2014/2015``).

>>> local_id("https://w3id.org/actorgraph/id/pakistan")
'pakistan'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any, ClassVar

from rdflib import URIRef

from ..core.dates import DEFAULT_RULE, FuzzyDate, Span, holding_span, parse_date
from ..core.vocab import AG, AGD, HYPOTHETICAL_STATUSES

__all__ = [
    "Actor",
    "Relation",
    "Event",
    "Source",
    "Quantity",
    "Assessment",
    "local_id",
    "iri",
]


def local_id(node: URIRef | str | None) -> str | None:
    """Short id of a data IRI (``agd:pakistan`` → ``pakistan``).

    >>> local_id(AGD.pakistan)
    'pakistan'
    """
    if node is None:
        return None
    text = str(node)
    if text.startswith(_AGD_TEXT):
        return text[len(_AGD_TEXT):]
    if text.startswith(_AG_TEXT):
        return text[len(_AG_TEXT):]
    return text


_AGD_TEXT, _AG_TEXT = str(AGD), str(AG)  # local_id runs for every cell of every record: no str() per call


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


_HYPOTHETICAL_IDS = frozenset(local_id(s) for s in HYPOTHETICAL_STATUSES)


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
    #: the source's date (the time of knowledge, :mod:`graph.core.dates`); not a record field: a relation's
    #: JSON is a contract
    issued: ClassVar[str | None] = None

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
        return self.status in _HYPOTHETICAL_IDS

    @property
    def sign(self) -> int:
        """+1 friendly, -1 hostile, 0 neutral."""
        return {"friendly": 1, "hostile": -1}.get(self.polarity, 0)

    def ends(self) -> list[str]:
        """The other end(s): the object, or both parties of a mediation."""
        return [self.object] if self.object else list(self.parties)

    @property
    def undated(self) -> bool:
        """True when the statement has no start: it is counted at its source's date."""
        return not self.start

    @cached_property
    def span(self) -> Span:
        """When it may begin and stop holding, under the time of knowledge (:func:`graph.core.dates.holding_span`)."""
        return holding_span(self.start_date, self.end_date, status=self.status, issued=self.issued)

    def active(self, day: dt.date, rule: str = DEFAULT_RULE) -> bool:
        """Whether the relation is active on ``day`` (see :mod:`graph.core.dates`)."""
        return not self.hypothetical and self.span.active(day, rule)

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
    #: Actors a dataset records as associated with a main actor (ACLED assoc_actor_1/2), not agents or targets.
    associated: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The record as a JSON-ready dict."""
        return asdict(self)


#: ``events(role=…)``: the event roles an actor filter matches.
EVENT_ROLES = ("actor", "associated", "any")


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


@dataclass
class Assessment:
    """A judgement the source makes in its own name (not a relation: no polarity, no tie)."""

    id: str
    label: str
    quote: str
    source: str | None
    #: the actor who judges (the source's author, or an actor it quotes)
    assessed_by: str | None
    assessed_by_label: str | None
    #: the actors it is about, sorted by id
    concerns: list[str] = field(default_factory=list)
    #: its place among the source's assessments (1 = first)
    rank: int | None = None
    note: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The record as a JSON-ready dict."""
        return asdict(self)
