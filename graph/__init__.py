"""actorgraph: a knowledge graph of the actors of a regional conflict.

The library API. The package is in layers, and data flows one way (see
docs/architecture.md; ``tests/test_architecture.py`` holds the order)::

    core (errors, vocab, dates, ontology) → store → model → write → ingest
         → analysis → exports, serve → this API → the CLI (commands, cli)

The public names below are imported on first use (PEP 562), so that
``import actorgraph`` — and ``actorgraph --help`` — stay cheap::

    >>> import actorgraph
    >>> kg = actorgraph.load()                      # the bundled Ifri Letter 116 graph
    >>> [r.subject_label for r in actorgraph.relations(kg, with_="Pakistan",
    ...     polarity="hostile", as_of="2026-03-15")][:1]    # doctest: +ELLIPSIS
    [...]
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the same names, eagerly, for type checkers and readers
    from .core.dates import FuzzyDate, is_active, parse_date, parse_day
    from .core.errors import (
        ActorGraphError,
        DateError,
        GraphFileError,
        QueryError,
        ReadOnlyError,
        UnknownNameError,
        ValidationError,
    )
    from .core.ontology import load_ontology
    from .model.names import actors, places, resolve, suggest
    from .model.queries import query
    from .model.query_library import named_queries
    from .model.reads import events, quantities, relations, show, sources, to_networkx
    from .model.records import Actor, Event, Quantity, Relation, Source
    from .store.graph import ActorGraph, load

#: public name → the module (relative to this package) that defines it
_HOMES = {
    "FuzzyDate": "core.dates",
    "is_active": "core.dates",
    "parse_date": "core.dates",
    "parse_day": "core.dates",
    "ActorGraphError": "core.errors",
    "DateError": "core.errors",
    "GraphFileError": "core.errors",
    "QueryError": "core.errors",
    "ReadOnlyError": "core.errors",
    "UnknownNameError": "core.errors",
    "ValidationError": "core.errors",
    "Actor": "model.records",
    "Event": "model.records",
    "Quantity": "model.records",
    "Relation": "model.records",
    "Source": "model.records",
    "actors": "model.names",
    "places": "model.names",
    "resolve": "model.names",
    "suggest": "model.names",
    "events": "model.reads",
    "quantities": "model.reads",
    "relations": "model.reads",
    "show": "model.reads",
    "sources": "model.reads",
    "to_networkx": "model.reads",
    "load_ontology": "core.ontology",
    "named_queries": "model.query_library",
    "query": "model.queries",
    "ActorGraph": "store.graph",
    "load": "store.graph",
}
#: the layer subpackages, reachable as attributes (``actorgraph.analysis.blocs``) once asked for
_SUBPACKAGES = frozenset({"core", "store", "model", "write", "ingest", "analysis", "exports", "serve", "commands", "cli"})


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        value = getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
        globals()[name] = value  # once: later lookups do not come back here
        return value
    if name in _SUBPACKAGES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__) | _SUBPACKAGES)


__version__ = "0.1.0"

__all__ = [
    "__version__",
    "ActorGraph",
    "load",
    "load_ontology",
    "actors",
    "places",
    "relations",
    "events",
    "sources",
    "quantities",
    "show",
    "resolve",
    "suggest",
    "to_networkx",
    "query",
    "named_queries",
    "parse_date",
    "parse_day",
    "is_active",
    "FuzzyDate",
    "Actor",
    "Relation",
    "Event",
    "Source",
    "Quantity",
    "ActorGraphError",
    "DateError",
    "GraphFileError",
    "QueryError",
    "ReadOnlyError",
    "UnknownNameError",
    "ValidationError",
]
