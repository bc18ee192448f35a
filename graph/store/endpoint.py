"""SPARQL 1.1 Protocol endpoints behind :class:`actorgraph.store.graph.ActorGraph` (``--graph http(s)://…``).

Any endpoint whose default graph is the union of its graphs (e.g.
``oxigraph serve --union-default-graph``, Fuseki with ``unionDefaultGraph``,
Virtuoso) answers through :class:`EndpointGraph`: queries pass the same guard as
every backend and are POSTed with their parameters bound by
:func:`actorgraph.store.remote.bind_values`.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.query import Result

from ..core.errors import QueryError
from ..core.vocab import ONTOLOGY_IRI
from .graph import (
    ActorGraph,
)
from .remote import (
    _RDF_LANG_STRING,
    _XSD_STRING,
    _bound,
    _RemoteMixin,
    _select_result,
    bind_values,
    prefix_block,
)
from .sparqlguard import BASE_IRI, guard

__all__ = [
    "EndpointGraph",
]


# ---------------------------------------------------------------------------
# Remote SPARQL 1.1 endpoints
# ---------------------------------------------------------------------------
class EndpointGraph(_RemoteMixin, ActorGraph):
    """An actor graph behind a SPARQL 1.1 Protocol endpoint (``--graph http(s)://…``).

    The endpoint's default graph must be the union of its graphs, ontology
    included (``actorgraph load`` puts the ontology in its own graph).
    Queries are POSTed (form-encoded) with the default prefixes and
    parameters bound by :func:`bind_values`; results are parsed by rdflib's
    own SPARQL result parsers.
    """

    backend = "sparql"

    def __init__(self, url: str, timeout: float = 60.0, update_url: str | None = None):
        self.path = None
        self.read_only = True
        self._cache = {}
        self.location = self.url = url
        self.update_url = update_url
        self.timeout = timeout

    def _post(self, url: str, form: dict[str, str] | list[tuple[str, str]], accept: str) -> tuple[str, bytes]:
        data = urllib.parse.urlencode(form).encode("utf-8")
        req = urllib.request.Request(url, data=data, method="POST", headers={
            "Accept": accept, "Content-Type": "application/x-www-form-urlencoded", "User-Agent": "actorgraph",
        })
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.headers.get("Content-Type", ""), resp.read()
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace")
            raise QueryError(f"endpoint {url} answered {exc.code}: {' '.join(body.split())[:300]}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise QueryError(f"endpoint {url} unreachable: {getattr(exc, 'reason', exc)}") from None

    def graph_names(self) -> set[str]:
        """IRIs of the endpoint's non-empty named graphs (asked once)."""
        if "graph_names" not in self._cache:
            rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
            self._cache["graph_names"] = {str(r["g"]) for r in rows if isinstance(r.get("g"), URIRef)}
        return self._cache["graph_names"]

    def _run(self, query: str, bindings: Mapping[str, Any]) -> Result:
        checked = guard(query, self.graph_names)
        # the documented base first: a BASE in the query itself comes later and wins
        text = f"BASE <{BASE_IRI}>\n" + prefix_block(query) + bind_values(query, _bound(checked, bindings))
        form = checked.form
        request = [("query", text)]
        # the protocol's dataset parameters name FROM / FROM NAMED explicitly (a union-default-graph
        # endpoint may otherwise ignore the query's own dataset)
        request += [("default-graph-uri", g) for g in checked.from_graphs]
        request += [("named-graph-uri", g) for g in checked.from_named]
        if form in ("CONSTRUCT", "DESCRIBE"):
            ctype, body = self._post(self.url, request, "application/n-triples, text/turtle;q=0.9")
            g = Graph()
            fmt = "nt" if "n-triples" in ctype or "plain" in ctype else "turtle"
            g.parse(data=body.decode("utf-8"), format=fmt)
            result = Result(form)
            result.graph = g
            return result
        ctype, body = self._post(self.url, request, "application/sparql-results+json")
        if "json" not in ctype:
            raise QueryError(f"endpoint {self.url} answered {ctype or 'no content type'}, not SPARQL JSON results")
        try:
            payload = json.loads(body)
        except ValueError as exc:
            raise QueryError(f"endpoint {self.url}: bad JSON results: {exc}") from None
        if "boolean" in payload:
            result = Result("ASK")
            result.askAnswer = bool(payload["boolean"])
            return result
        names = payload.get("head", {}).get("vars", [])
        rows = [{k: _json_term(v) for k, v in b.items()} for b in payload.get("results", {}).get("bindings", [])]
        return _select_result(names, rows)

    def _quads(self) -> Iterator[tuple]:
        rows = self.select(
            "SELECT ?s ?p ?o ?g WHERE { { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?any { ?s ?p ?o } } } "
            "UNION { GRAPH ?g { ?s ?p ?o } FILTER (?g != ?onto && ?g != ?tx) } }",
            onto=ONTOLOGY_IRI, tx=URIRef("urn:actorgraph:transactions"),  # writers' commit markers: not data
        )
        for r in rows:
            yield r["s"], r["p"], r["o"], r.get("g")


def _json_term(value: Mapping[str, Any]):
    kind = value.get("type")
    text = value.get("value", "")
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):
        if value.get("xml:lang"):
            return Literal(text, lang=value["xml:lang"])
        datatype = value.get("datatype")
        if datatype in (None, _XSD_STRING, _RDF_LANG_STRING):
            return Literal(text)
        return Literal(text, datatype=URIRef(datatype))
    raise QueryError(f"unsupported term in endpoint results: {value!r}")
