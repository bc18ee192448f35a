"""Named SPARQL queries shipped as ``.rq`` files (``graph/queries/``): reading and listing them.

Each file starts with comment headers::

    # description: Actors hostile to an actor as of a date.
    # param: actor actor  The actor (name or alias; resolved to its IRI).
    # param: asof date  The day (YYYY-MM-DD).
    # param: since date  Keep what is not over before this day. [default: none]

Every parameter must be given unless its help documents a default:
``[default: VALUE]`` binds VALUE, ``[default: none]`` leaves the variable
unbound (the query then says what that means, e.g. ``!BOUND(?since)``).
Files whose name starts with ``_`` are internal to the library and not listed
(:func:`internal_query`); running a query with its parameters is
:func:`actorgraph.model.queries.query`.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..core.errors import QueryError, UnknownNameError

__all__ = [
    "NamedQuery",
    "named_queries",
    "get_query",
    "internal_query",
    "query_text",
    "param_default",
]


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
