"""SPARQL that finds what a read asks for inside the store, with the store's indexes.

The read API (:mod:`graph.model.reads`) asks the store for the statements (or
names) that match its filters — actor, counterpart, relation type, polarity,
the as-of day and the since/until window through the stored day bounds
(``ag:startEarliest`` …) — and builds Python records only for the rows that
come back. The queries here are a *superset* filter: the model still applies
its exact Python rules to the (few) records it builds, so every backend gives
the same answer as the in-memory rules.

Terms enter the text only through :func:`graph.store.remote.sparql_term`
(escaped, one term each); they are IRIs found in the store, dates computed
here, or the exact strings a user typed as a name (bound as literals).

>>> print(values("a", ["https://w3id.org/actorgraph/id/ttp"]))
VALUES ?a { <https://w3id.org/actorgraph/id/ttp> }
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from ..core.vocab import HYPOTHETICAL_STATUSES
from ..store.remote import sparql_term

__all__ = ["values", "date_term", "statement_where", "statement_columns", "COLUMN_SCAN_MIN", "chunks", "sparql_term"]

#: Most terms in one VALUES block (endpoints limit the request size).
CHUNK = 500
#: From this many candidate statements on, :func:`statement_columns` (whole columns, hash-joined) beats
#: looking every statement's properties up one by one (measured on Oxigraph at 1M triples: ~10k lookups
#: cost about one column scan).
COLUMN_SCAN_MIN = 4000


def values(var: str, terms: Iterable[str | URIRef | Literal]) -> str:
    """A ``VALUES ?var { … }`` block; plain ``str`` items are IRIs."""
    items = " ".join(sparql_term(t if type(t) is not str else URIRef(t)) for t in terms)
    return f"VALUES ?{var} {{ {items} }}"


def date_term(day: dt.date) -> str:
    """An ``xsd:date`` literal."""
    return sparql_term(Literal(day.isoformat(), datatype=XSD.date))


def chunks(items: Iterable, size: int = CHUNK) -> Iterable[list]:
    """``items`` in lists of at most ``size``."""
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _either_end(var: str, nodes: Iterable[str]) -> str:
    return (f"{values(var, sorted(nodes))} "
            f"{{ ?st ag:subject ?{var} }} UNION {{ ?st ag:object ?{var} }} UNION {{ ?st ag:party ?{var} }}")


def statement_where(
    actors: set[str] | None = None,
    with_: set[str] | None = None,
    predicates: set[str] | None = None,
    excluded: set[str] | None = None,
    as_of: dt.date | None = None,
    rule: str = "possible",
    since: dt.date | None = None,
    until: dt.date | None = None,
    include_hypothetical: bool = True,
) -> str:
    """The WHERE body binding ``?st`` to the statements that may match these filters.

    ``actors``/``with_`` are sets of IRIs (a rolled-up name is several);
    ``predicates`` keeps those relation types, ``excluded`` drops those.

    >>> "ag:startEarliest" in statement_where(as_of=dt.date(2026, 3, 15))
    True
    """
    parts = []
    if actors is not None:
        parts.append(_either_end("a0", actors))
    if with_ is not None:
        parts.append(_either_end("w0", with_))
    parts.append("?st a ag:Statement ; ag:subject ?subject0 ; ag:predicate ?p0 .")
    if predicates is not None:
        parts.append(values("p0", sorted(predicates)))
    if excluded:
        parts.append("FILTER (?p0 NOT IN (" + ", ".join(sparql_term(URIRef(p)) for p in sorted(excluded)) + "))")
    parts.extend(_window_filters(_pattern, as_of, rule, since, until))
    if not include_hypothetical or as_of is not None:
        hypothetical = " ".join(sparql_term(s) for s in sorted(HYPOTHETICAL_STATUSES))
        parts.append(f"FILTER NOT EXISTS {{ ?st ag:status ?status0 . VALUES ?status0 {{ {hypothetical} }} }}")
    return "\n  ".join(parts)


def _pattern(var: str, prop: str) -> str:
    """One property of the statement ``?st`` as a plain triple pattern."""
    return f"{{ ?st {prop} ?{var} }}"


def _window_filters(
    pattern: Callable[[str, str], str],
    as_of: dt.date | None,
    rule: str,
    since: dt.date | None,
    until: dt.date | None,
) -> list[str]:
    """The as-of and since/until filters on a statement's stored day bounds (unknown bound = open).

    ``pattern(var, prop)`` writes how the bound is read: a triple pattern, or a whole column.
    """
    parts = []
    if as_of is not None:
        first, last = ("ag:startEarliest", "ag:endLatest") if rule == "possible" else ("ag:startLatest", "ag:endEarliest")
        day = date_term(as_of)
        parts.append(f"OPTIONAL {pattern('begin0', first)} FILTER (!BOUND(?begin0) || ?begin0 <= {day})")
        parts.append(f"OPTIONAL {pattern('finish0', last)} FILTER (!BOUND(?finish0) || ?finish0 >= {day})")
    if until is not None:
        parts.append(f"OPTIONAL {pattern('begin1', 'ag:startEarliest')} FILTER (!BOUND(?begin1) || ?begin1 <= {date_term(until)})")
    if since is not None:
        parts.append(f"OPTIONAL {pattern('finish1', 'ag:endLatest')} FILTER (!BOUND(?finish1) || ?finish1 >= {date_term(since)})")
    return parts


def _column(var: str, prop: str) -> str:
    """One property of every statement as a sub-select: the engine reads it whole and hash-joins it on ``?st``."""
    return f"{{ SELECT ?st ?{var} WHERE {{ ?st {prop} ?{var} }} }}"


def statement_columns(
    columns: Iterable[str],
    predicates: set[str] | None = None,
    excluded: set[str] | None = None,
    as_of: dt.date | None = None,
    rule: str = "possible",
    since: dt.date | None = None,
    until: dt.date | None = None,
    include_hypothetical: bool = True,
) -> str:
    """``SELECT ?st ?subject0 ?p0 ?<column>…`` for the statements :func:`statement_where` binds (no actor filter).

    The same rows as ``statement_where`` plus one ``OPTIONAL { ?st ag:<column> ?<column> }``
    per column, written so that an engine with hash joins (Oxigraph) reads
    each property as one index scan instead of one lookup per statement:
    several times faster when most of the store's statements come back (an
    as-of snapshot), slower when few do (see :data:`COLUMN_SCAN_MIN`).

    >>> "SELECT ?st ?start WHERE { ?st ag:start ?start }" in statement_columns(["start"])
    True
    """
    predicate = "?st ag:predicate ?p0"
    if predicates is not None:
        predicate = f"{values('p0', sorted(predicates))} {predicate}"
    parts = [f"{{ SELECT ?st ?p0 WHERE {{ {predicate} }} }}", _column("subject0", "ag:subject"),
             "{ SELECT ?st WHERE { ?st a ag:Statement } }"]
    if excluded:
        parts.append("FILTER (?p0 NOT IN (" + ", ".join(sparql_term(URIRef(p)) for p in sorted(excluded)) + "))")
    parts.extend(_window_filters(_column, as_of, rule, since, until))
    if not include_hypothetical or as_of is not None:
        hypothetical = " ".join(sparql_term(s) for s in sorted(HYPOTHETICAL_STATUSES))
        parts.append(f"MINUS {{ ?st ag:status ?status0 . VALUES ?status0 {{ {hypothetical} }} }}")
    columns = list(columns)
    parts.extend(f"OPTIONAL {_column(c, 'ag:' + c)}" for c in columns)
    body = "\n  ".join(parts)
    return f"SELECT ?st ?subject0 ?p0 {' '.join('?' + c for c in columns)} WHERE {{\n  {body}\n}}"
