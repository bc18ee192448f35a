"""Writes to a SPARQL 1.1 server: one conditional SPARQL Update per write, optimistic concurrency.

``actorgraph --graph URL --update-endpoint UPDATE_URL add|import|remove|merge``
builds the change exactly as on a file or an Oxigraph store (reading through
SPARQL), then commits it as **one** SPARQL 1.1 Update request::

    INSERT { GRAPH <g> { added triples } … GRAPH <urn:actorgraph:transactions> { <tx> … } }
    WHERE  { what this write read is still so } ;
    DELETE { GRAPH <g> { removed triples } … }
    WHERE  { GRAPH <urn:actorgraph:transactions> { <tx> … } }

The ``WHERE`` clause is the optimistic check on the statements touched:
every triple pattern the write read about a node (its triples, the triples
pointing at it, whether it exists) must still give the same count, and every
node an added triple points to must still exist. A server applies one
update atomically (Oxigraph does), so either the whole change lands or —
when another writer changed those nodes since they were read — nothing
does (the ``DELETE`` runs only where the ``INSERT`` left its marker); the
transaction marker ``<tx>`` tells which, and the loser gets a
:class:`~actorgraph.core.errors.ConflictError` ("run it again"). Writers touching
different nodes never conflict; there is no lock to wait for.

>>> from rdflib import RDFS, Literal
>>> upd = conditional_update([], [(AGD.a, RDFS.label, Literal("A"), AGD["source/user"])], [], AGD["tx"])
>>> "INSERT {" in upd and "WHERE {" in upd
True
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from rdflib import RDF, Literal, URIRef

from ..core.errors import ConflictError, GraphFileError
from ..core.vocab import AGD, ONTOLOGY_IRI
from ..store.endpoint import TX_GRAPH, EndpointGraph
from ..store.graph import ActorGraph
from ..store.remote import _rows, sparql_term
from .change import Change, QuadView, WorkspaceBase

__all__ = ["EndpointWorkspace", "EndpointView", "WritableEndpointGraph", "conditional_update", "init_endpoint",
           "TX_GRAPH"]

_COMMITTED = URIRef("urn:actorgraph:committed")
_ONTO = sparql_term(ONTOLOGY_IRI)
#: Triples per existence query when netting a change.
BATCH = 400


def _pattern(s, p, o, g, n: int) -> str:
    """The text of one quad pattern (``None`` → a variable numbered ``n``), graph filtered off the ontology."""
    def t(term, name):
        return sparql_term(term) if term is not None else f"?{name}{n}"

    graph = sparql_term(g) if g is not None else f"?g{n}"
    tail = f" FILTER(?g{n} != {_ONTO} && ?g{n} != {sparql_term(TX_GRAPH)})" if g is None else ""
    return f"GRAPH {graph} {{ {t(s, 's')} {t(p, 'p')} {t(o, 'o')} }}{tail}"


def _tracked(pattern: tuple) -> bool:
    """Reads that are about a node (a bound subject, or a bound object that is not a class)."""
    s, p, o = pattern[:3]
    return s is not None or (o is not None and p != RDF.type)


class EndpointView(QuadView):
    """rdflib's triple-pattern API over a SPARQL endpoint; remembers what it read about each node."""

    def __init__(self, kg: EndpointGraph):
        self.kg = kg
        #: off while the change is validated: only the reads that built it are re-checked
        self.tracking = True
        #: pattern → ("count", n) or ("exists", bool): the reads the commit's WHERE re-checks.
        self.reads: dict[tuple, tuple[str, Any]] = {}

    def _select(self, text: str) -> list[dict]:
        # the write layer's own probes, values escaped by sparql_term: no guard parse (EndpointGraph.run_shipped)
        return _rows(self.kg.run_shipped(text))

    def quads(self, pattern: tuple) -> Iterator[tuple]:
        s, p, o, g = pattern
        rows = self._select(f"SELECT * WHERE {{ {_pattern(s, p, o, g, 0)} }}")
        out = [(r.get("s0", s), r.get("p0", p), r.get("o0", o), r.get("g0", g)) for r in rows]
        if self.tracking and g is None and _tracked(pattern):
            self.reads[(s, p, o)] = ("count", len(out))
        return iter(out)

    def exists_untracked(self, triple: tuple) -> bool:
        """Whether any data graph holds a match (not recorded for the commit check)."""
        return bool(self.kg.run_shipped(f"ASK {{ {_pattern(*triple[:3], None, 0)} }}").askAnswer)

    def __contains__(self, triple: tuple) -> bool:
        found = self.exists_untracked(triple)
        if self.tracking and _tracked(triple):
            previous = self.reads.get(tuple(triple[:3]))
            if previous is None or previous[0] == "exists":
                self.reads[tuple(triple[:3])] = ("exists", found)
        return found

    def present(self, name: URIRef, triples: Iterable[tuple]) -> set:
        triples = list(triples)
        # first which subjects the graph holds at all: an import's new statements drop out in bulk
        subjects = list(dict.fromkeys(t[0] for t in triples))
        known: set = set()
        for i in range(0, len(subjects), BATCH):
            values = " ".join(sparql_term(x) for x in subjects[i:i + BATCH])
            rows = self._select(f"SELECT DISTINCT ?s WHERE {{ VALUES ?s {{ {values} }} "
                                f"GRAPH {sparql_term(name)} {{ ?s ?p ?o }} }}")
            known |= {r["s"] for r in rows}
        triples = [t for t in triples if t[0] in known]
        found: set = set()
        for i in range(0, len(triples), BATCH):
            chunk = triples[i:i + BATCH]
            wanted = set(chunk)
            # a server may hand a literal back in its canonical form ("3.0" → "3"): match by value too
            by_value = {_value_key(t): t for t in chunk}
            values = " ".join(f"({sparql_term(s)} {sparql_term(p)} {sparql_term(o)})" for s, p, o in chunk)
            for r in self._select(f"SELECT ?s ?p ?o WHERE {{ VALUES (?s ?p ?o) {{ {values} }} "
                                  f"GRAPH {sparql_term(name)} {{ ?s ?p ?o }} }}"):
                t = (r["s"], r["p"], r["o"])
                found.add(t if t in wanted else by_value.get(_value_key(t)))
        found.discard(None)
        return found


def _value_key(triple: tuple) -> tuple:
    s, p, o = triple
    return (s, p, (o.datatype, o.toPython()) if isinstance(o, Literal) else o)


def conditional_update(removed: list[tuple], added: list[tuple], conditions: list[str], tx: URIRef) -> str:
    """One ``DELETE { } INSERT { } WHERE { }`` request; ``conditions`` are WHERE-clause snippets."""
    def block(quads: list[tuple]) -> str:
        by_graph: dict[Any, list[str]] = {}
        for s, p, o, g in quads:
            by_graph.setdefault(g, []).append(f"{sparql_term(s)} {sparql_term(p)} {sparql_term(o)} .")
        return "\n".join(f"GRAPH {sparql_term(g)} {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items())

    marker = [(tx, _COMMITTED, Literal(True), TX_GRAPH)]
    parts = ["INSERT {\n" + block(added + marker) + "\n}", "WHERE {\n" + "\n".join(conditions) + "\n}"]
    if removed:
        # a second operation of the same request, run only where the first one landed (its marker);
        # not one DELETE … INSERT …: Virtuoso 7 keeps a literal of a non-XSD datatype (EDTF dates)
        # that such a DELETE template lists whenever the INSERT template holds a typed literal
        parts.append(";\nDELETE {\n" + block(removed) + "\n}")
        parts.append(f"WHERE {{ GRAPH {sparql_term(TX_GRAPH)} {{ {sparql_term(tx)} {sparql_term(_COMMITTED)} ?landed }} }}")
    return "\n".join(parts)


def _counts_unchanged(counted: list[tuple[int, str, int]]) -> str:
    """One condition: every read pattern ``k`` still has the count it had (zero included).

    One grouped count over a UNION of the patterns, compared with the expected
    counts by ``VALUES``, not one ``COUNT`` sub-select per pattern: joining
    dozens of sub-selects makes Virtuoso 7's optimiser take seconds per extra
    one (20 s at 28, then "SQ156 Query too large").
    """
    branches = "\n    UNION ".join(f"{{ {pattern} BIND ({k} AS ?k) }}" for k, pattern, _ in counted)
    wanted = " ".join(f"({k} {value})" for k, _, value in counted)
    return (f"FILTER NOT EXISTS {{ VALUES (?k ?want) {{ {wanted} }}\n"
            f"  OPTIONAL {{ {{ SELECT ?k (COUNT(*) AS ?n) WHERE {{\n    {branches} }} GROUP BY ?k }} }}\n"
            "  FILTER (COALESCE(?n, 0) != ?want) }")


def _conditions(view: EndpointView, change: Change) -> list[str]:
    """The WHERE clause: what the write read is unchanged; what it removes and points to still exists."""
    out: list[str] = []
    n = 0
    counted: list[tuple[int, str, int]] = []
    for (s, p, o), (kind, value) in view.reads.items():
        n += 1
        if kind == "count":
            counted.append((n, _pattern(s, p, o, None, ""), value))
        else:
            out.append(f"FILTER {'' if value else 'NOT '}EXISTS {{ {_pattern(s, p, o, None, n)} }}")
    if counted:
        out.append(_counts_unchanged(counted))
    for s, p, o, g in change.quads_removed():
        out.append(f"GRAPH {sparql_term(g)} {{ {sparql_term(s)} {sparql_term(p)} {sparql_term(o)} }}")
    created = {s for s, p, _, _ in change.quads_added() if p == RDF.type}
    pointed = set()
    for s, p, o, _ in change.quads_added():  # every node the change attaches triples to or points at
        pointed.add(s)
        if isinstance(o, URIRef) and str(o).startswith(str(AGD)) and p != RDF.type:
            pointed.add(o)
    pointed -= created
    gone_nodes = {s for s, p, _, _ in change.quads_removed() if p == RDF.type}
    for node in sorted(pointed - gone_nodes, key=str):
        n += 1
        out.append(f"FILTER EXISTS {{ {_pattern(node, RDF.type, None, None, n)} }}")
    return out


class WritableEndpointGraph(EndpointGraph):
    """The endpoint as a writer reads it: ``dataset`` is the :class:`EndpointView` (never a copy)."""

    dataset = None  # a plain attribute here (a base class may define a materialising property)


class EndpointWorkspace(WorkspaceBase):
    """A SPARQL 1.1 server as a workspace: reads at ``url``, writes at ``update_url``.

    >>> EndpointWorkspace("http://127.0.0.1:7878/query", "http://127.0.0.1:7878/update").store
    'sparql'
    """

    store = "sparql"

    def __init__(self, url: str, update_url: str, timeout: float = 300.0):
        if not update_url.startswith(("http://", "https://")):
            raise GraphFileError(f"--update-endpoint must be an http(s):// URL, not {update_url!r}")
        self.location = self.url = url
        self.update_url = update_url
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"EndpointWorkspace({self.url!r}, {self.update_url!r})"

    def load(self) -> ActorGraph:
        """The endpoint as a read-only graph."""
        from ..store.backends import open_graph

        return open_graph(self.url)

    def quads(self) -> Iterator[tuple]:
        """Every data quad on the server (ontology and transaction markers left out)."""
        view = EndpointView(EndpointGraph(self.url, timeout=self.timeout))
        yield from view.quads((None, None, None, None))

    def _update(self, kg: EndpointGraph, text: str) -> None:
        kg._post(self.update_url, {"update": text}, "*/*")

    @contextmanager
    def transaction(self, dry_run: bool = False, validate: bool = True) -> Iterator[Change]:
        """Yield a :class:`Change` over the server; validate it, then commit it conditionally."""
        self.load()  # one clear line when the endpoint is unreachable or holds no actorgraph data
        kg = WritableEndpointGraph(self.url, timeout=self.timeout)
        kg.read_only = False
        view = EndpointView(kg)
        kg.dataset = view
        change = Change(kg)
        yield change
        view.tracking = False
        self._check(change, validate)
        if dry_run or not change.size:
            return
        tx = URIRef(f"urn:actorgraph:tx:{uuid.uuid4()}")
        text = conditional_update(list(change.quads_removed()), list(change.quads_added()),
                                  _conditions(view, change), tx)
        self._update(kg, text)
        landed = kg.ask(f"ASK {{ GRAPH {sparql_term(TX_GRAPH)} {{ {sparql_term(tx)} ?p ?o }} }}")
        if landed:
            self._update(kg, f"DELETE DATA {{ GRAPH {sparql_term(TX_GRAPH)} {{ {sparql_term(tx)} "
                             f"{sparql_term(_COMMITTED)} true }} }}")
            return
        raise ConflictError(
            f"{self.url}: another writer changed what this write touches since it was read; "
            "nothing was written — run the command again"
        )




def init_endpoint(url: str) -> None:
    """``init URL``: refused in one line, never a local directory named ``http:``.

    A server is set up with its own bulk loader (docs/scale.md): copying the
    ontology through SPARQL Update fails on Virtuoso 7 (its OWL lists' blank
    nodes: SP031 in INSERT DATA, SR002 in an INSERT template).
    """
    raise GraphFileError(
        f"init {url}: a SPARQL server is not initialised through SPARQL Update; load `actorgraph export trig` "
        "and ontology.ttl with the server's bulk loader (docs/scale.md), then write with "
        "--graph URL --update-endpoint URL")
