"""Reading a whole answer from a server that caps its results: pages, or one clear error.

Servers cut large answers: Virtuoso stops at ``ResultSetMaxRows`` (10,000
by default) and says so only in a response header, ``X-SPARQL-MaxRows``.
actorgraph never uses such a partial answer. A capped ``SELECT`` is read
again in pages — the same query with ``ORDER BY`` (its own keys, then every
projected variable, so the order is total and pages neither overlap nor
skip) and ``LIMIT cap OFFSET k`` — and a query that cannot be paged (it has
its own ``LIMIT``/``OFFSET`` or a trailing ``VALUES``) fails with one line
naming the cap (:class:`CapReached`).

>>> paged("SELECT ?a WHERE { ?a ?p ?o }", ["a"], 100, 200)
'SELECT ?a WHERE { ?a ?p ?o }\\nORDER BY ?a\\nLIMIT 100 OFFSET 200'
>>> paged("SELECT ?a ?b WHERE { ?a ?p ?b } ORDER BY DESC(?b)", ["a", "b"], 10, 0)
'SELECT ?a ?b WHERE { ?a ?p ?b } ORDER BY DESC(?b)\\n  ?a ?b\\nLIMIT 10 OFFSET 0'
>>> pageable("SELECT * WHERE { ?s ?p ?o } LIMIT 5")
False
"""

from __future__ import annotations

from ..core.errors import QueryError
from .remote import _tokens

__all__ = ["CapReached", "MAX_ROWS_HEADER", "pageable", "paged", "cap_message"]

#: The header in which Virtuoso reports that an answer reached its ResultSetMaxRows.
MAX_ROWS_HEADER = "X-SPARQL-MaxRows"


class CapReached(QueryError):
    """The server cut the answer at its result cap, and the query cannot be read in pages."""


def cap_message(url: str, cap: int) -> str:
    """The one line said when a capped answer cannot be completed."""
    return (f"endpoint {url} stops answers at {cap} rows (its result cap: Virtuoso's "
            "[SPARQL] ResultSetMaxRows, header X-SPARQL-MaxRows); actorgraph uses no partial answer — "
            "raise the cap (docs/scale.md) or narrow the query")


def _tail(query: str) -> list[tuple[str, str, int]]:
    """Tokens after the WHERE clause's closing brace (the solution modifiers)."""
    depth, last = 0, -1
    toks = list(_tokens(query))
    for i, (kind, _, _) in enumerate(toks):
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
            if depth == 0:
                last = i
    return toks[last + 1:]


def pageable(query: str) -> bool:
    """Whether ``query`` (a SELECT) can be read in pages: no LIMIT, OFFSET or VALUES of its own."""
    words = {text.upper() for kind, text, _ in _tail(query) if kind == "word"}
    return not words & {"LIMIT", "OFFSET", "VALUES"}


def paged(query: str, variables: list[str], size: int, offset: int) -> str:
    """``query`` ordered totally and sliced: one page of ``size`` rows from ``offset``."""
    keys = " ".join("?" + v for v in variables)
    has_order = any(kind == "word" and text.upper() == "ORDER" for kind, text, _ in _tail(query))
    text = query.rstrip()
    text += f"\n  {keys}" if has_order else f"\nORDER BY {keys}"  # a new line: the query may end in a comment
    return f"{text}\nLIMIT {size} OFFSET {offset}"
