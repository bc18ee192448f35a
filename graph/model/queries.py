"""Running a named query, a query file or SPARQL text with bound parameters.

A parameter's kind (``actor``, ``place``, ``relation``, ``polarity``, ``date``, ``string``, ``iri``)
says how ``--param key=value`` is turned into an RDF term, which is then
bound with ``initBindings`` — values never enter the query text. The shipped
queries themselves are read by :mod:`actorgraph.model.query_library`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from ..core.dates import parse_day
from ..core.errors import QueryError, UnknownNameError
from .query_library import param_default, query_text

__all__ = [
    "query",
]


def _convert(kg, name: str, kind: str, value: Any):
    if isinstance(value, (URIRef, Literal)):
        return value
    if kind == "actor":
        from .names import resolve

        return resolve(kg, str(value))
    if kind == "place":
        from .names import resolve_place

        return resolve_place(kg, str(value))
    if kind == "polarity":
        from ..core.vocab import AG

        wanted = str(value).strip().lower()
        if wanted not in ("friendly", "hostile", "neutral"):
            raise UnknownNameError(str(value), difflib.get_close_matches(wanted, ["friendly", "hostile", "neutral"]), "polarity")
        return AG[wanted.capitalize()]
    if kind == "relation":
        return kg.ontology.relation(str(value)).iri
    if kind == "date":
        day = value if isinstance(value, dt.date) else parse_day(str(value))
        return Literal(day, datatype=XSD.date)
    if kind == "integer":
        try:
            return Literal(int(value))
        except ValueError:
            raise QueryError(f"parameter {name!r}: expected an integer, got {value!r}") from None
    if kind == "iri":
        text = str(value)
        if not re.match(r"^[a-z][a-z0-9+.-]*:[^\s<>\"{}|^`\\]*$", text, re.I):
            raise QueryError(f"parameter {name!r}: not an IRI: {value!r}")
        return URIRef(text)
    return Literal(str(value))


def query(kg, spec: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Run a named query, a query file or SPARQL text; return rows ``{var: term or None}``.

    Parameters are bound, never formatted in. A named query's declared
    parameters are converted by kind (an ``actor`` is resolved by name) and
    unknown parameter names are refused; for free SPARQL each ``key=value``
    binds ``?key`` to a literal (or an IRI when the value is ``<...>``).

    >>> from actorgraph.store.graph import load
    >>> rows = query(load(), "hostile-to", {"actor": "Pakistan", "asof": "2026-03-15"})
    >>> {"India", "Tehrik-i-Taliban Pakistan"} <= {str(r["label"]) for r in rows}
    True
    """
    text, named = query_text(spec)
    params = dict(params or {})
    bindings: dict[str, Any] = {}
    if named is not None:
        kinds = {p[0]: p[1] for p in named.params}
        for key in params:
            if key not in kinds:
                raise QueryError(
                    f"query {named.name!r} has no parameter {key!r}; parameters: {', '.join(kinds) or 'none'}"
                )
        for key, kind, help_text in named.params:
            if key not in params:
                documented, default = param_default(help_text)
                if not documented:
                    raise QueryError(f"query {named.name!r} needs parameter {key!r} ({kind}: {help_text.rstrip('.')}); "
                                     f"give -p {key}=VALUE")
                if default is None:
                    continue
                params[key] = default
            bindings[key] = _convert(kg, key, kind, params[key])
    else:
        for key, value in params.items():
            if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", key):
                raise QueryError(f"bad parameter name {key!r}")
            if isinstance(value, str) and value.startswith("<") and value.endswith(">"):
                bindings[key] = _convert(kg, key, "iri", value[1:-1])
            else:
                bindings[key] = _convert(kg, key, "string", value)
    # a shipped query's text is ours: backends may skip the guard's parse for it
    result = kg.run_shipped(text, **bindings) if named is not None else kg.run(text, **bindings)
    if result.type == "ASK":
        return [{"ask": Literal(bool(result.askAnswer))}]
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return [{"subject": s, "predicate": p, "object": o} for s, p, o in result.graph]
    variables = [str(v) for v in result.vars or []]
    # every projected variable is a key (None when unbound), so CSV headers are stable
    return [{v: row[i] for i, v in enumerate(variables)} for row in result]
