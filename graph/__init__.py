"""actorgraph: a knowledge graph of the actors of a regional conflict.

The library API. Data flows one way: ontology → store → model →
analysis/exports → CLI::

    >>> import actorgraph
    >>> kg = actorgraph.load()                      # the bundled Ifri Letter 116 graph
    >>> [r.subject_label for r in actorgraph.relations(kg, with_="Pakistan",
    ...     polarity="hostile", as_of="2026-03-15")][:1]    # doctest: +ELLIPSIS
    [...]
"""

from . import backends as _backends  # noqa: F401 - registers the oxigraph:, http(s): and bundled-graph openers
from .dates import FuzzyDate, is_active, parse_date, parse_day
from .errors import (
    ActorGraphError,
    DateError,
    GraphFileError,
    QueryError,
    ReadOnlyError,
    UnknownNameError,
    ValidationError,
)
from .model import (
    Actor,
    Event,
    Quantity,
    Relation,
    Source,
    actors,
    events,
    places,
    quantities,
    relations,
    resolve,
    show,
    sources,
    suggest,
    to_networkx,
)
from .ontology import load_ontology
from .queries import named_queries, query
from .store import ActorGraph, load
from .ties import Tie, ties

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
    "ties",
    "Tie",
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
