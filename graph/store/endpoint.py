"""SPARQL 1.1 Protocol endpoints behind :class:`actorgraph.store.graph.ActorGraph` (``--graph http(s)://…``).

Any endpoint whose default graph is the union of its graphs (e.g.
``oxigraph serve --union-default-graph``, Fuseki with ``unionDefaultGraph``,
Virtuoso) answers through :class:`EndpointGraph`: queries pass the same guard as
every backend and are POSTed with their parameters bound by
:func:`actorgraph.store.remote.bind_values`.
"""

from __future__ import annotations

import hashlib
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.query import Result

from ..core.errors import QueryError
from ..core.vocab import AG, AGD, ONTOLOGY_IRI
from .graph import (
    ActorGraph,
)
from .paging import MAX_ROWS_HEADER, CapReached, cap_message, pageable, paged
from .remote import (
    _RDF_LANG_STRING,
    _XSD_STRING,
    _bound,
    _RemoteMixin,
    _select_result,
    bind_values,
    prefix_block,
)
from .sparqlguard import BASE_IRI, guard, recheck

__all__ = [
    "EndpointGraph",
    "TX_GRAPH",
    "update_refused",
]

#: The graph holding writers' (short-lived) commit markers: not data.
TX_GRAPH = URIRef("urn:actorgraph:transactions")
_BNODE_LABEL = re.compile(r"^[A-Za-z0-9_]+$")


_FORM_WORD = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def _shipped_form(query: str) -> str:
    r"""The form of one of the package's own queries: its first query-form keyword (they start with it,
    after comments and ``PREFIX`` lines, and hold no such word in an IRI or literal before it).

    >>> _shipped_form("# ask it\nPREFIX ag: <x#>\nask { ?s ?p ?o }")
    'ASK'
    """
    body = "\n".join(line for line in query.splitlines() if not line.lstrip().startswith("#"))
    found = _FORM_WORD.search(body)
    if found is None:
        raise QueryError("not a query: no SELECT, ASK, CONSTRUCT or DESCRIBE")
    return found.group(1).upper()


def update_refused(url: str, code: int, body: str) -> str | None:
    """The one line for a server refusing a write for want of rights (None when it is not that)."""
    if "SR186" in body or "No permission" in body:  # Virtuoso: the SQL user lacks SPARQL_UPDATE
        return (f"{url} refused the write: its SPARQL user may not update (Virtuoso SR186); "
                'grant it in isql: GRANT SPARQL_UPDATE TO "SPARQL"; (docs/scale.md)')
    if code in (401, 403):
        return f"{url} refused the write (HTTP {code}): the update endpoint needs credentials or an update grant"
    return None


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
        ctype, body, _ = self._request(url, form, accept)
        return ctype, body

    def _request(self, url: str, form: dict[str, str] | list[tuple[str, str]],
                 accept: str) -> tuple[str, bytes, Mapping[str, str]]:
        """POST a form; (content type, body, headers). An error status is one line."""
        data = urllib.parse.urlencode(form).encode("utf-8")
        req = urllib.request.Request(url, data=data, method="POST", headers={
            "Accept": accept, "Content-Type": "application/x-www-form-urlencoded", "User-Agent": "actorgraph",
        })
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.headers.get("Content-Type", ""), resp.read(), resp.headers
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace")
            if "update" in dict(form):
                refused = update_refused(url, exc.code, body)
                if refused:
                    raise QueryError(refused) from None
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
        # checked.text, not query: the text the guard parsed; recheck: the guard reads what is sent
        text = recheck(f"BASE <{BASE_IRI}>\n" + prefix_block(checked.text) + bind_values(checked.text, _bound(checked, bindings)))
        # the protocol's dataset parameters name FROM / FROM NAMED explicitly (a union-default-graph
        # endpoint may otherwise ignore the query's own dataset)
        dataset = [("default-graph-uri", g) for g in checked.from_graphs]
        dataset += [("named-graph-uri", g) for g in checked.from_named]
        return self._send(text, checked.form, dataset)

    def run_shipped(self, query: str, **bindings: Any) -> Result:
        """Run one of the package's own query texts (shipped ``.rq`` files, the write layer's probes):
        the text is ours, so it skips the guard's two rdflib parses (20-40 ms each: a 300-row import
        asks about 900 such questions); its values are bound as escaped terms (:func:`bind_values`).
        User queries go through :meth:`run` and the guard."""
        bound = {k: v for k, v in bindings.items() if v is not None}
        text = f"BASE <{BASE_IRI}>\n" + prefix_block(query) + bind_values(query, bound)
        return self._send(text, _shipped_form(query), [])

    def _send(self, text: str, form: str, dataset: list[tuple[str, str]]) -> Result:
        """POST a query text as it is; read the answer of its form (SELECT answers whole, paged past a cap)."""
        request = [("query", text)]
        if form in ("CONSTRUCT", "DESCRIBE"):
            ctype, body, headers = self._request(self.url, request + dataset, "application/n-triples, text/turtle;q=0.9")
            g = Graph()
            fmt = "nt" if "n-triples" in ctype or "plain" in ctype else "turtle"
            g.parse(data=body.decode("utf-8"), format=fmt)
            self._check_graph_cap(len(g), headers)
            result = Result(form)
            result.graph = g
            return result
        if form == "ASK":
            return self._ask(text, dataset)
        names, rows = self._select_all(text, dataset)
        return _select_result(names, rows)

    # -- reading a whole answer ---------------------------------------------
    def _page(self, text: str, dataset: list[tuple[str, str]]) -> tuple[list[str], list[dict], int | None, dict]:
        """One request: (variables, rows, the cap the server reports reaching or None, payload)."""
        ctype, body, headers = self._request(self.url, [("query", text)] + dataset, "application/sparql-results+json")
        if "json" not in ctype:
            raise QueryError(f"endpoint {self.url} answered {ctype or 'no content type'}, not SPARQL JSON results")
        try:
            payload = json.loads(body)
        except ValueError as exc:
            raise QueryError(f"endpoint {self.url}: bad JSON results: {exc}") from None
        names = payload.get("head", {}).get("vars", [])
        bindings = payload.get("results", {}).get("bindings", [])
        rows = [{k: _json_term(v) for k, v in b.items()} for b in bindings]
        cap = _reported_cap(headers)
        if cap is not None:
            self._cache["cap"] = cap
        return names, rows, (cap if cap is not None and len(rows) >= cap else None), payload

    def _ask(self, text: str, dataset: list[tuple[str, str]]) -> Result:
        _, rows, _, payload = self._page(text, dataset)
        result = Result("ASK")
        if "boolean" in payload:
            result.askAnswer = bool(payload["boolean"])
        else:  # Virtuoso 7 answers ASK in JSON as one row of ?__ASK_RETVAL (1 or 0)
            result.askAnswer = any(str(v) in ("1", "true") for row in rows for v in row.values())
        return result

    def iter_select(self, text: str, dataset: list[tuple[str, str]] = ()) -> Iterator[tuple[list[str], list[dict]]]:
        """The whole answer of a SELECT (prologue included), page by page: (variables, rows) each.

        The first request is the query as written; only when the server reports
        cutting it (its cap) is it read again in pages of that size, ordered
        totally. A query that cannot be paged raises :class:`CapReached`.
        """
        dataset = list(dataset)
        names, rows, cap, _ = self._page(text, dataset)
        if cap is None:
            yield names, rows
            return
        if not pageable(text) or not names:
            raise CapReached(cap_message(self.url, cap))
        offset = 0
        while True:
            names, rows, _, _ = self._page(paged(text, names, cap, offset), dataset)
            yield names, rows
            if len(rows) < cap:
                return
            offset += cap

    def _select_all(self, text: str, dataset: list[tuple[str, str]]) -> tuple[list[str], list[dict]]:
        names: list[str] = []
        rows: list[dict] = []
        for page_names, page in self.iter_select(text, dataset):
            names = page_names
            rows.extend(page)
        return names, rows

    def _check_graph_cap(self, n: int, headers: Mapping[str, str]) -> None:
        """A CONSTRUCT/DESCRIBE answer is never paged: fail when it may have been cut.

        Virtuoso cuts graph answers at its cap too, without the header; a probe
        SELECT of ``n`` rows tells whether ``n`` is the cap.
        """
        cap = _reported_cap(headers)
        if cap is None and n and self._cache.get("cap", n) <= n:
            probe = "SELECT ?s WHERE { ?s ?p ?o } LIMIT " + str(n)
            _, rows, cap, _ = self._page(probe, [])
        if cap is not None and n >= cap:
            raise CapReached(cap_message(self.url, cap))

    # -- data export ----------------------------------------------------------
    def project_graphs(self) -> list[URIRef]:
        """The named graphs holding actorgraph data: under the data namespace or holding a node of
        an actorgraph class (not the ontology, the commit markers, or a server's own graphs —
        Virtuoso's virtrdf, DAV, ldp…)."""
        if "project_graphs" not in self._cache:
            rows = self.select(
                "SELECT DISTINCT ?g WHERE { { GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS(STR(?g), ?data)) } "
                "UNION { GRAPH ?g { ?s a ?c } FILTER (STRSTARTS(STR(?c), ?schema)) } }",
                data=Literal(str(AGD)), schema=Literal(str(AG)))
            skip = {str(ONTOLOGY_IRI), str(TX_GRAPH)}
            self._cache["project_graphs"] = sorted(
                {r["g"] for r in rows if isinstance(r.get("g"), URIRef) and str(r["g"]) not in skip}, key=str)
        return self._cache["project_graphs"]

    def _quads(self) -> Iterator[tuple]:
        for graph in self.project_graphs():
            for _, rows in self.iter_select(
                    f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"):
                for r in rows:
                    yield r["s"], r["p"], r["o"], graph


def _reported_cap(headers: Mapping[str, str]) -> int | None:
    value = headers.get(MAX_ROWS_HEADER) if headers is not None else None
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _json_term(value: Mapping[str, Any]):
    kind = value.get("type")
    text = value.get("value", "")
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        # Virtuoso names blank nodes "nodeID://b10000": not a label TriG or N-Triples allow
        return BNode(text if _BNODE_LABEL.match(text) else "b" + hashlib.sha1(text.encode()).hexdigest()[:20])
    if kind in ("literal", "typed-literal"):
        if value.get("xml:lang"):
            return Literal(text, lang=value["xml:lang"])
        datatype = value.get("datatype")
        if datatype in (None, _XSD_STRING, _RDF_LANG_STRING):
            return Literal(text)
        return Literal(text, datatype=URIRef(datatype))
    raise QueryError(f"unsupported term in endpoint results: {value!r}")
