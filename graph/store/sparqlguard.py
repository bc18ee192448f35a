"""The one guard every SPARQL query passes before any backend evaluates it.

A query is parsed with rdflib's SPARQL parser and translated to its algebra
(the default prefixes predeclared, relative IRIs resolved against
:data:`BASE_IRI`); the decision is taken on that parsed form, never on the
text, so comments, case, ``\\u`` escapes and prefixed names cannot slip past.
Refused (:class:`~actorgraph.core.errors.QueryRefused`, HTTP 403 in ``serve``):

* any SPARQL UPDATE (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``…);
* ``SERVICE`` anywhere (in ``EXISTS``, sub-selects, ``SILENT`` or not): a
  query must not make the server send requests;
* ``FROM`` / ``FROM NAMED`` naming a graph the store does not hold: rdflib
  would otherwise fetch the IRI (``file://``, ``http://``) and read it.

``FROM`` / ``FROM NAMED`` naming the store's own graphs keep working.

>>> checked = inspect_query("SELECT ?l WHERE { <pakistan> rdfs:label ?l }")
>>> checked.form, sorted(checked.variables)
('SELECT', ['l'])
>>> inspect_query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
Traceback (most recent call last):
actorgraph.core.errors.QueryRefused: query refused: SERVICE <http://127.0.0.1:9/> would make the server send a request
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..core.errors import QueryError, QueryRefused
from ..core.vocab import AG, AGD

__all__ = ["BASE_IRI", "PREFIXES", "GuardedQuery", "inspect_query", "guard", "is_update"]

#: Relative IRIs in queries resolve against this base (a query's own ``BASE`` wins):
#: ``<pakistan>`` is ``agd:pakistan`` on every backend and entry point.
BASE_IRI = str(AGD)

#: Prefixes every query may use without declaring them.
PREFIXES = {
    "ag": str(AG),
    "agd": str(AGD),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
}

_FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}
READ_ONLY = "query refused: this graph is read-only (SPARQL UPDATE: INSERT/DELETE/LOAD/CLEAR… is refused)"


@dataclass(frozen=True)
class GuardedQuery:
    """A parsed read-only query and what the backends need to know about it."""

    text: str
    #: rdflib's prepared query (algebra + prologue), evaluated as is by the rdflib backend
    prepared: Any
    #: ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``
    form: str
    #: IRIs named by ``FROM`` (resolved) and ``FROM NAMED``
    from_graphs: tuple[str, ...]
    from_named: tuple[str, ...]
    #: every variable the query mentions
    variables: frozenset[str]
    #: the projected variables of a SELECT (None for other forms)
    projected: frozenset[str] | None
    #: variables mentioned inside sub-selects
    subquery_variables: frozenset[str]

    @property
    def has_dataset(self) -> bool:
        """True when the query names its dataset (``FROM`` / ``FROM NAMED``)."""
        return bool(self.from_graphs or self.from_named)

    def check_graphs(self, own: Iterable[str]) -> None:
        """Refuse a ``FROM``/``FROM NAMED`` naming anything but one of ``own`` graphs."""
        known = {str(g) for g in own}
        for iri in self.from_graphs + self.from_named:
            if iri not in known:
                raise QueryRefused(
                    f"query refused: FROM <{iri}> is not a graph of this store (FROM/FROM NAMED may only "
                    "name the store's own graphs; nothing is fetched)"
                )


def is_update(text: str) -> bool:
    """True when ``text`` parses as a SPARQL UPDATE."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
        return True
    except Exception:  # noqa: BLE001 - any parse failure means "not an update"
        return False


def _walk(node: Any) -> Iterator[Any]:
    """Every value in an rdflib algebra tree, depth first (CompValues, lists, terms)."""
    stack = [node]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, dict):  # CompValue is an OrderedDict
            stack.extend(v for k, v in item.items() if k != "_vars")
        elif isinstance(item, (list, tuple)):
            stack.extend(item)


def _variables(node: Any) -> set[str]:
    from rdflib import Variable

    return {str(v) for v in _walk(node) if isinstance(v, Variable)}


def _refuse_services(algebra: Any) -> None:
    from rdflib import URIRef
    from rdflib.plugins.sparql.parserutils import CompValue

    for item in _walk(algebra):
        if isinstance(item, CompValue) and item.name == "ServiceGraphPattern":
            term = item["term"] if "term" in item else None
            where = f"<{term}>" if isinstance(term, URIRef) else "(a variable endpoint)"
            raise QueryRefused(f"query refused: SERVICE {where} would make the server send a request")


@lru_cache(maxsize=1024)
def inspect_query(text: str) -> GuardedQuery:
    """Parse ``text`` as a read-only query and refuse what it must not do (see the module doc).

    Raises :class:`~actorgraph.core.errors.QueryRefused` for an update or a
    ``SERVICE``, :class:`~actorgraph.core.errors.QueryError` for a syntax error.
    The answer depends only on the text (cached); :meth:`GuardedQuery.check_graphs`
    checks ``FROM`` against a given store.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    try:
        parsed = parseQuery(text)
    except ParseException as exc:
        if is_update(text):
            raise QueryRefused(READ_ONLY) from None
        raise QueryError(f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}") from None
    except Exception as exc:  # noqa: BLE001 - rdflib's parser raises several kinds
        raise QueryError(f"SPARQL error: {' '.join(str(exc).split())}") from None
    try:
        prepared = translateQuery(parsed, base=BASE_IRI, initNs=PREFIXES)
    except Exception as exc:  # noqa: BLE001 - e.g. an undeclared prefix
        raise QueryError(f"SPARQL error: {' '.join(str(exc).split())}") from None
    algebra = prepared.algebra
    _refuse_services(algebra)
    default, named = [], []
    # CompValue.get returns the key itself when absent: test membership
    for clause in (algebra["datasetClause"] if "datasetClause" in algebra else None) or []:
        if "default" in clause:
            default.append(str(clause["default"]))
        elif "named" in clause:
            named.append(str(clause["named"]))
    sub_vars: set[str] = set()
    for item in _walk(algebra["p"] if "p" in algebra else None):
        if isinstance(item, CompValue) and item.name == "ToMultiSet":
            sub_vars |= _variables(item)
    form = _FORMS.get(algebra.name, algebra.name)
    projected = frozenset(str(v) for v in (algebra["PV"] if "PV" in algebra else [])) if form == "SELECT" else None
    return GuardedQuery(
        text=text, prepared=prepared, form=form, from_graphs=tuple(default), from_named=tuple(named),
        variables=frozenset(_variables(algebra)), projected=projected, subquery_variables=frozenset(sub_vars),
    )


def guard(text: str, own_graphs: Callable[[], Iterable[str]]) -> GuardedQuery:
    """:func:`inspect_query`, then (only when the query has ``FROM``) check it against ``own_graphs()``."""
    checked = inspect_query(text)
    if checked.has_dataset:
        checked.check_graphs(own_graphs())
    return checked
