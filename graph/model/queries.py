"""Named SPARQL queries shipped as ``.rq`` files, and running user queries.

Each file in ``graph/queries/`` starts with comment headers::

    # description: Actors hostile to an actor as of a date.
    # param: actor actor  The actor (name or alias; resolved to its IRI).
    # param: asof date  The day (YYYY-MM-DD).
    # param: since date  Keep what is not over before this day. [default: none]

Every parameter must be given unless its help documents a default:
``[default: VALUE]`` binds VALUE, ``[default: none]`` leaves the variable
unbound (the query then says what that means, e.g. ``!BOUND(?since)``).
A parameter's kind (``actor``, ``place``, ``relation``, ``polarity``, ``date``, ``string``, ``iri``)
says how ``--param key=value`` is turned into an RDF term, which is then
bound with ``initBindings`` — values never enter the query text. Files whose
name starts with ``_`` are internal to the library and not listed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from ..core.dates import parse_day
from ..core.errors import QueryError, UnknownNameError

__all__ = ["NamedQuery", "named_queries", "get_query", "internal_query", "query", "query_text", "param_default"]

PARAM_KINDS = ("actor", "place", "relation", "polarity", "date", "string", "iri", "integer")


@dataclass(frozen=True)
class NamedQuery:
    """A shipped query: name, description, parameters and SPARQL text."""

    name: str
    description: str
    text: str
    params: tuple[tuple[str, str, str], ...] = field(default_factory=tuple)  # (name, kind, help)


def _queries_dir() -> Path:
    return Path(str(resources.files("actorgraph") / "queries"))


def _parse(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    description = ""
    params = []
    for line in text.splitlines():
        if not line.startswith("#"):
            continue
        body = line[1:].strip()
        if body.startswith("description:"):
            description = body.split(":", 1)[1].strip()
        elif body.startswith("param:"):
            parts = body.split(":", 1)[1].split(None, 2)
            name, kind = parts[0], parts[1] if len(parts) > 1 else "string"
            params.append((name, kind, parts[2] if len(parts) > 2 else ""))
    return NamedQuery(path.stem, description, text, tuple(params))


@lru_cache(maxsize=1)
def _all() -> dict[str, NamedQuery]:
    return {p.stem: _parse(p) for p in sorted(_queries_dir().glob("*.rq"))}


def named_queries() -> list[NamedQuery]:
    """The public named queries, sorted by name.

    >>> "hostile-to" in [q.name for q in named_queries()]
    True
    """
    return [q for name, q in _all().items() if not name.startswith("_")]


def get_query(name: str) -> NamedQuery:
    """Return a public named query, or raise with close matches."""
    queries = {q.name: q for q in named_queries()}
    if name not in queries:
        raise UnknownNameError(name, difflib.get_close_matches(name, list(queries), n=3), "query")
    return queries[name]


def internal_query(name: str) -> str:
    """Text of an internal query (``_name.rq``)."""
    return _all()["_" + name].text


def query_text(spec: str) -> tuple[str, NamedQuery | None]:
    """Resolve ``TEXT|FILE|NAME`` to SPARQL text (and the named query, if any)."""
    if spec in {q.name for q in named_queries()}:
        named = get_query(spec)
        return named.text, named
    if re.search(r"\b(select|ask|construct|describe|insert|delete|load|clear|drop|create|with|prefix)\b", spec, re.I):
        return spec, None
    path = Path(spec)
    if path.suffix in (".rq", ".sparql") or path.exists():
        if not path.is_file():
            raise QueryError(f"query file not found: {spec}")
        try:
            return path.read_text(encoding="utf-8"), None
        except UnicodeDecodeError:
            raise QueryError(f"{spec}: query file is not UTF-8 text") from None
    names = [q.name for q in named_queries()]
    raise UnknownNameError(spec, difflib.get_close_matches(spec, names, n=3), "query")


_DEFAULT = re.compile(r"\[default:\s*([^\]]*)\]", re.I)


def param_default(help_text: str) -> tuple[bool, str | None]:
    """``(documented, value)`` of a parameter's ``[default: …]`` (value None: left unbound).

    >>> param_default("Keep mediations not over before this day. [default: none]")
    (True, None)
    >>> param_default("The actor.")
    (False, None)
    """
    m = _DEFAULT.search(help_text)
    if not m:
        return False, None
    value = m.group(1).strip()
    return True, None if value.lower() in ("", "none", "unbound") else value


def _convert(kg, name: str, kind: str, value: Any):
    if isinstance(value, (URIRef, Literal)):
        return value
    if kind == "actor":
        from .reads import resolve  # model builds on this module's internal queries

        return resolve(kg, str(value))
    if kind == "place":
        from .reads import resolve_place

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
