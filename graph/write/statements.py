"""The write path: turn one relation, event, figure or actor into triples.

Every writer (the bundled dataset's compiler, ``add``, ``import``) goes
through these functions, so the statement model is built in one place:

* a statement node ``agd:statement/<hash>`` with ``ag:subject``,
  ``ag:predicate``, ``ag:object`` (or two ``ag:party``), dates with their
  precision and day bounds, ``ag:quote``, ``ag:source``, ``ag:claimedBy``,
  ``ag:status``…;
* the direct triple ``subject predicate object`` (both directions for a
  symmetric type, one per party for mediation), except for statements whose
  status is ``Potential`` or ``Proposed``: a feared alignment is not an
  alignment.

Statement ids are derived from content (:func:`statement_id`), so writing the
same relation twice adds nothing.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from ..core.dates import FuzzyDate, parse_date
from ..core.errors import ValidationError
from ..core.vocab import AG, AGD, EDTF, HYPOTHETICAL_STATUSES

__all__ = [
    "HYPOTHETICAL_STATUSES",
    "statement_id",
    "add_statement",
    "add_event",
    "add_quantity",
    "add_assessment",
    "add_actor",
    "add_date",
    "add_lifespan",
    "add_source",
    "literal",
]

#: rdflib's namespace attributes cost 1-2 µs a use (a Python call): the hot ones, once.
_TYPE, _LABEL, _ALT_LABEL, _DATE = RDF.type, RDFS.label, SKOS.altLabel, XSD.date
_PRECISION = {
    "year": AG.YearPrecision,
    "month": AG.MonthPrecision,
    "day": AG.DayPrecision,
    "interval": AG.IntervalPrecision,
}


def statement_id(
    subject: URIRef,
    predicate: URIRef,
    obj: URIRef | None,
    parties: Iterable[URIRef] = (),
    start: str | None = None,
    end: str | None = None,
    claimed_by: Iterable[URIRef] = (),
    source: URIRef | None = None,
    quote: str | None = None,
    status: URIRef | None = None,
) -> URIRef:
    """Return the content-derived IRI of a statement.

    >>> a = statement_id(AGD.ttp, AG.attacks, AGD.pakistan, start="2008")
    >>> a == statement_id(AGD.ttp, AG.attacks, AGD.pakistan, start="2008")
    True
    """
    key = json.dumps(
        [
            str(subject),
            str(predicate),
            str(obj) if obj is not None else None,
            sorted(str(p) for p in parties),
            start,
            end,
            sorted(str(c) for c in claimed_by),
            str(source) if source is not None else None,
            " ".join(quote.split()) if quote else None,
            str(status) if status is not None else None,
        ],
        ensure_ascii=False,
    )
    return AGD["statement/" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]]


def add_date(graph: Graph, node: URIRef, prop: str, value: str | FuzzyDate | None, issued: str | None = None) -> None:
    """Add an EDTF date with its precision and day bounds under ``prop``.

    ``prop`` is ``"start"``, ``"end"`` or ``"date"``; bounds go to
    ``<prop>Earliest``/``<prop>Latest`` (events: ``dateEarliest``/``dateLatest``).
    An open side (``..``, ``[..2025-10]``, ``[2022..]``) has no bound, except
    that the source's date ``issued`` closes an "on or after" form: the
    source reports it as begun (or ended) by then.
    """
    if value is None:
        return
    for p, o in _date_terms(prop, value if isinstance(value, str) else _parsed(value).text, issued):
        graph.add((node, p, o))


#: parse_date, remembered: importers parse the same few thousand dates again and again.
_parsed = functools.lru_cache(maxsize=65536)(parse_date)


@functools.lru_cache(maxsize=65536)
def _date_terms(prop: str, text: str, issued: str | None = None) -> tuple[tuple[URIRef, Literal | URIRef], ...]:
    # importers write the same few thousand dates again and again: build their terms once
    date = _parsed(text)
    terms = [(AG[prop], Literal(date.text, datatype=EDTF)), (AG[prop + "Precision"], _PRECISION[date.precision])]
    if prop in ("start", "end"):
        if not date.open_before:
            terms.append((AG[prop + "Earliest"], _xsd_date(date.earliest)))
        if not date.open_after:
            terms.append((AG[prop + "Latest"], _xsd_date(date.latest)))
        elif not date.open_before and issued is not None:
            terms.append((AG[prop + "Latest"], _xsd_date(max(date.earliest, _parsed(issued).latest))))
    return tuple(terms)


def add_lifespan(graph: Graph, node: URIRef, start: str | None = None, end: str | None = None,
                 quote: str | None = None) -> None:
    """Write an actor's lifespan: EDTF ``ag:lifespanStart``/``ag:lifespanEnd``, their day bounds and the quote.

    >>> g = Graph()
    >>> add_lifespan(g, AGD["taliban-regime"], start="2021-06/2021-08", quote="...")
    >>> str(g.value(AGD["taliban-regime"], AG.lifespanStartLatest))
    '2021-08-31'
    """
    for prop, value, first, last in (("start", start, AG.lifespanStartEarliest, AG.lifespanStartLatest),
                                     ("end", end, AG.lifespanEndEarliest, AG.lifespanEndLatest)):
        if value is None:
            continue
        date = _parsed(value)
        graph.add((node, AG["lifespan" + prop.capitalize()], Literal(date.text, datatype=EDTF)))
        if not date.open_before:
            graph.add((node, first, _xsd_date(date.earliest)))
        if not date.open_after:
            graph.add((node, last, _xsd_date(date.latest)))
    if quote and (start is not None or end is not None):
        graph.add((node, AG.lifespanQuote, literal(quote)))


@functools.lru_cache(maxsize=1 << 17, typed=True)
def literal(value: str, datatype: URIRef | None = None) -> Literal:
    """``Literal(value, datatype=datatype)``, remembered: a big import repeats its quotes (an event's, its
    figure's, its statements'), units, figures and coordinates, and rdflib builds a literal in 5-20 µs.

    >>> literal("fatalities") is literal("fatalities")
    True
    """
    return Literal(value, datatype=datatype)


_DECIMAL = XSD.decimal  # (a DefinedNamespace attribute costs a Python call a use)


@functools.lru_cache(maxsize=65536)
def _xsd_date(day) -> Literal:
    return Literal(day, datatype=_DATE)


def add_statement(
    graph: Graph,
    subject: URIRef,
    predicate: URIRef,
    obj: URIRef | None = None,
    *,
    parties: Iterable[URIRef] = (),
    start: str | None = None,
    end: str | None = None,
    quote: str | None = None,
    source: URIRef | None = None,
    claimed_by: Iterable[URIRef] = (),
    status: URIRef | None = None,
    symmetric: bool = False,
    about: Iterable[URIRef] = (),
    evidenced_by: Iterable[URIRef] = (),
    end_cause: URIRef | None = None,
    role: str | None = None,
    place: URIRef | None = None,
    note: str | None = None,
    end_quote: str | None = None,
    start_quote: str | None = None,
    issued: str | None = None,
) -> URIRef:
    """Write one relation as a statement node plus its direct triple(s).

    ``issued`` (the source's date) closes the day bounds of an open "on or
    after" start or end (:func:`add_date`); ``start_quote``/``end_quote`` are
    the sentences that bound the start or the end when they are not ``quote``.

    Returns the statement IRI. For a symmetric relation type the two ends are
    stored in a canonical order, so "A rivalOf B" and "B rivalOf A" are one
    statement.

    >>> g = Graph()
    >>> st = add_statement(g, AGD.ttp, AG.attacks, AGD.pakistan, start="2014")
    >>> (AGD.ttp, AG.attacks, AGD.pakistan) in g
    True
    """
    parties = sorted(set(parties), key=str)
    claimed_by = sorted(set(claimed_by), key=str)
    if subject == obj or subject in parties:
        name = str(subject).rsplit("/", 1)[-1]
        raise ValidationError([f"{name} {str(predicate).rsplit('#', 1)[-1]} {name}: a relation cannot relate an "
                               "actor to itself"])
    if symmetric and obj is not None and str(obj) < str(subject):
        subject, obj = obj, subject
    start_text = _parsed(start).text if start is not None else None
    end_text = _parsed(end).text if end is not None else None
    node = statement_id(
        subject, predicate, obj, parties, start_text, end_text, claimed_by, source, quote, status
    )
    graph.add((node, _TYPE, AG.Statement))
    graph.add((node, AG.subject, subject))
    graph.add((node, AG.predicate, predicate))
    if obj is not None:
        graph.add((node, AG.object, obj))
    for party in parties:
        graph.add((node, AG.party, party))
    add_date(graph, node, "start", start_text, issued)
    add_date(graph, node, "end", end_text, issued)
    if quote:
        graph.add((node, AG.quote, literal(quote)))
    if source is not None:
        graph.add((node, AG.source, source))
    for claimant in claimed_by:
        graph.add((node, AG.claimedBy, claimant))
    if status is not None:
        graph.add((node, AG.status, status))
    for target in about:
        graph.add((node, AG.about, target))
    for event in evidenced_by:
        graph.add((node, AG.evidencedBy, event))
    if end_cause is not None:
        graph.add((node, AG.endCause, end_cause))
    if role:
        graph.add((node, AG.role, literal(role)))
    if place is not None:
        graph.add((node, AG.place, place))
    if note:
        graph.add((node, AG.note, literal(note)))
    if end_quote:
        graph.add((node, AG.endQuote, Literal(end_quote)))
    if start_quote:
        graph.add((node, AG.startQuote, Literal(start_quote)))
    if status not in HYPOTHETICAL_STATUSES:
        ends = [obj] if obj is not None else parties
        for other in ends:
            graph.add((subject, predicate, other))
            if symmetric:
                graph.add((other, predicate, subject))
    return node


def add_actor(
    graph: Graph,
    node: URIRef,
    label: str,
    types: Iterable[URIRef],
    aliases: Iterable[str] = (),
    description: str | None = None,
    role: str | None = None,
) -> URIRef:
    """Write an actor (or place): types, ``rdfs:label``, ``skos:altLabel``s."""
    for cls in types:
        graph.add((node, _TYPE, cls))
    graph.add((node, _LABEL, literal(label)))
    for alias in aliases:
        graph.add((node, _ALT_LABEL, literal(alias)))
    if description:
        graph.add((node, AG.description, literal(description)))
    if role:
        graph.add((node, AG.role, literal(role)))
    return node


def add_event(
    graph: Graph,
    node: URIRef,
    event_type: URIRef,
    label: str,
    *,
    date: str | None = None,
    end: str | None = None,
    agents: Iterable[URIRef] = (),
    targets: Iterable[URIRef] = (),
    places: Iterable[URIRef] = (),
    victims: Iterable[URIRef] = (),
    led_by: URIRef | None = None,
    outcome: str | None = None,
    status: URIRef | None = None,
    quote: str | None = None,
    source: URIRef | None = None,
    note: str | None = None,
    issued: str | None = None,
) -> URIRef:
    """Write an event node with its type, dates, agents, targets and places.

    An open "on or after" date (``[2025-10..]``) ends, for ``ag:dateLatest``,
    at the source's date ``issued``: the source reports the event as past."""
    graph.add((node, _TYPE, event_type))
    graph.add((node, _LABEL, literal(label)))
    first = _parsed(date) if date is not None else None
    last = _parsed(end) if end is not None else first
    if first is not None:
        add_date(graph, node, "date", first)
        if not first.open_before:
            graph.add((node, AG.dateEarliest, _xsd_date(first.earliest)))
    if end is not None:
        graph.add((node, AG.endDate, Literal(last.text, datatype=EDTF)))
    if last is not None and not last.open_after:
        graph.add((node, AG.dateLatest, _xsd_date(last.latest)))
    elif last is not None and not last.open_before and issued is not None:
        graph.add((node, AG.dateLatest, _xsd_date(max(last.earliest, _parsed(issued).latest))))
    for prop, values in ((AG.agent, agents), (AG.target, targets), (AG.place, places), (AG.victim, victims)):
        for value in values:
            graph.add((node, prop, value))
    if led_by is not None:
        graph.add((node, AG.headedBy, led_by))
    if outcome:
        graph.add((node, AG.outcome, literal(outcome)))
    if status is not None:
        graph.add((node, AG.status, status))
    if quote:
        graph.add((node, AG.quote, literal(quote)))
    if source is not None:
        graph.add((node, AG.source, source))
    if note:
        graph.add((node, AG.note, literal(note)))
    return node


def add_quantity(
    graph: Graph,
    node: URIRef,
    label: str,
    value: float | int,
    unit: str,
    *,
    bound: URIRef = AG.Exactly,
    date: str | None = None,
    of: URIRef | None = None,
    quote: str | None = None,
    source: URIRef | None = None,
    minimum: float | int | None = None,
    maximum: float | int | None = None,
    stated_as: str | None = None,
) -> URIRef:
    """Write a figure: value, bound ("more than", "nearly"…), unit and date.

    ``minimum``/``maximum`` are the bounds the text puts on it and
    ``stated_as`` its words ("nearly a million").
    """
    graph.add((node, _TYPE, AG.Quantity))
    graph.add((node, _LABEL, literal(label)))
    lexical = _decimal_lexical(value)
    graph.add((node, AG.value, literal(lexical, _DECIMAL)))
    for prop, limit in ((AG.minimum, minimum), (AG.maximum, maximum)):
        if limit is not None:
            graph.add((node, prop, literal(_decimal_lexical(limit), _DECIMAL)))
    if stated_as:
        graph.add((node, AG.statedAs, literal(stated_as)))
    graph.add((node, AG.unit, literal(unit)))
    graph.add((node, AG.bound, bound))
    if date is not None:
        add_date(graph, node, "date", date)
    if of is not None:
        graph.add((node, AG.quantityOf, of))
    if quote:
        graph.add((node, AG.quote, literal(quote)))
    if source is not None:
        graph.add((node, AG.source, source))
    return node


def add_assessment(
    graph: Graph,
    node: URIRef,
    label: str,
    quote: str,
    source: URIRef,
    assessed_by: URIRef,
    *,
    concerns: Iterable[URIRef] = (),
    rank: int | None = None,
    note: str | None = None,
) -> URIRef:
    """Write a judgement of the source (not a relation): its short wording, verbatim sentence, source, judge and topics.

    >>> g = Graph()
    >>> n = add_assessment(g, AGD["assessment/x"], "Stability looks unlikely.", "Stability appears unlikely.",
    ...                    AGD["source/s"], AGD.author, concerns=[AGD.pakistan])
    >>> (n, RDF.type, AG.Statement) in g, (n, AG.concerns, AGD.pakistan) in g
    (False, True)
    """
    if not quote or not quote.strip():
        raise ValidationError([f"assessment {label!r}: an assessment needs its verbatim sentence (quote)"])
    graph.add((node, RDF.type, AG.Assessment))
    graph.add((node, RDFS.label, Literal(label)))
    graph.add((node, AG.quote, Literal(quote)))
    graph.add((node, AG.source, source))
    graph.add((node, AG.assessedBy, assessed_by))
    for actor in concerns:
        graph.add((node, AG.concerns, actor))
    if rank is not None:
        graph.add((node, AG.rank, Literal(rank, datatype=XSD.integer)))
    if note:
        graph.add((node, AG.note, Literal(note)))
    return node


def _decimal_lexical(value: float | int) -> str:
    """Canonical xsd:decimal lexical form ("15.0"), so Turtle round trips are exact."""
    return str(value) if "." in str(value) else f"{value}.0"


def add_source(
    graph: Graph,
    node: URIRef,
    title: str,
    issued: str | None = None,
    *,
    series: str | None = None,
    number: str | None = None,
    isbn: str | None = None,
    place: str | None = None,
    rights: str | None = None,
    citation: str | None = None,
    language: str | None = None,
    url: str | None = None,
    creators: Iterable[URIRef | Literal] = (),
    publishers: Iterable[URIRef | Literal] = (),
    contributors: Iterable[URIRef | Literal] = (),
) -> URIRef:
    """Write a source document's bibliographic record (``issued`` is a full day).

    >>> g = Graph()
    >>> src = add_source(g, AGD["source/x"], "A report", "2026-03-31", number="116")
    >>> str(g.value(src, AG.seriesNumber))
    '116'
    """
    graph.add((node, _TYPE, AG.SourceDocument))
    graph.add((node, DCTERMS.title, Literal(title)))
    if issued is not None:
        graph.add((node, DCTERMS.issued, Literal(str(issued), datatype=_DATE)))
    for value, prop in (
        (series, AG.series),
        (number, AG.seriesNumber),
        (isbn, AG.isbn),
        (place, AG.publisherPlace),
        (rights, DCTERMS.rights),
        (citation, DCTERMS.bibliographicCitation),
        (language, DCTERMS.language),
    ):
        if value:
            graph.add((node, prop, Literal(str(value))))
    if url:
        graph.add((node, RDFS.seeAlso, URIRef(url)))
    for values, prop in ((creators, DCTERMS.creator), (publishers, DCTERMS.publisher), (contributors, DCTERMS.contributor)):
        for value in values:
            graph.add((node, prop, value))
    return node
