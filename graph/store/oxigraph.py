"""Oxigraph (pyoxigraph) behind :class:`actorgraph.store.graph.ActorGraph`: a persistent store directory.

``oxigraph:DIR`` opens :class:`OxigraphGraph`, a persistent pyoxigraph store
(fill it with :func:`bulk_load`, i.e. ``actorgraph load SOURCE --into oxigraph:DIR``);
the bundled graph is read into an in-memory one. It answers the same SPARQL and
returns the same rdflib terms as the in-memory rdflib graph, so the model layer
cannot tell them apart. Every query first passes the one guard,
:func:`actorgraph.store.sparqlguard.guard` (parsed by rdflib: no update, no
``SERVICE``, ``FROM`` only naming the store's own graphs), Oxigraph runs exactly
the text the guard parsed (:attr:`~actorgraph.store.sparqlguard.GuardedQuery.text`,
rechecked after parameters are bound into it), and relative IRIs resolve against
:data:`~actorgraph.store.sparqlguard.BASE_IRI` everywhere. A long-lived reader
reopens a store written since (:meth:`OxigraphGraph.reopened_if_changed`).
"""

from __future__ import annotations

import functools
import gc
import io
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.query import Result

from ..core.errors import GraphFileError, QueryError, store_error
from ..core.ontology import ontology_path
from ..core.vocab import ONTOLOGY_IRI
from .graph import (
    PREFIXES,
    ActorGraph,
    _term,
    rdf_format_for,
)
from .remote import _XSD_STRING, _bound, _RemoteMixin, _select_result, bind_values
from .sparqlguard import BASE_IRI, GuardedQuery, guard, recheck

__all__ = [
    "OxigraphGraph",
    "bulk_load",
    "open_read_only",
    "OXIGRAPH_SCHEME",
]


OXIGRAPH_SCHEME = "oxigraph:"
# ---------------------------------------------------------------------------
# Oxigraph (pyoxigraph) on disk
# ---------------------------------------------------------------------------
def _ox():
    try:
        import pyoxigraph
    except ImportError:  # pragma: no cover - the `fast` extra
        raise GraphFileError("the oxigraph backend needs pyoxigraph: pip install 'actorgraph[fast]'") from None
    return pyoxigraph


def from_ox(term: Any):
    """A pyoxigraph term as the rdflib term rdflib itself would have produced."""
    ox = _ox()
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.DefaultGraph) or term is None:
        return None
    raise QueryError(f"unsupported term in results: {term!r}")


def to_ox(term: Any):
    """An rdflib term as a pyoxigraph term."""
    ox = _ox()
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


_OX_FORMATS = {
    "trig": "TRIG", "turtle": "TURTLE", "nt": "N_TRIPLES", "nquads": "N_QUADS",
    "json-ld": "JSON_LD", "xml": "RDF_XML", "n3": "N3",
}


def oxigraph_dir(spec: str) -> Path:
    """Directory of an ``oxigraph:DIR`` spec."""
    rest = spec[len(OXIGRAPH_SCHEME):]
    if not rest:
        raise GraphFileError("oxigraph: needs a directory, e.g. --graph oxigraph:./store")
    return Path(rest).expanduser()


def _has_store(directory: Path) -> bool:
    return directory.is_dir() and any(directory.glob("CURRENT"))


class _ProgressReader(io.RawIOBase):
    """A binary file that reports bytes read (for the bulk-load progress bar)."""

    def __init__(self, path: Path, progress: Callable[[int], None] | None):
        self._f = path.open("rb")
        self._progress = progress

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        n = self._f.readinto(b)
        if n and self._progress:
            self._progress(n)
        return n

    def close(self) -> None:
        self._f.close()
        super().close()


def bulk_load(source: str | Path, directory: str | Path, progress: Callable[[int], None] | None = None,
              replace: bool = False) -> int:
    """Bulk-load an RDF file into an Oxigraph store directory (created if needed).

    The packaged ontology goes into its own named graph. ``progress`` is
    called with the number of bytes read so far (increments). Returns the
    number of quads in the store afterwards.
    """
    ox = _ox()
    source = Path(source)
    if not source.is_file():
        raise GraphFileError(f"graph file not found: {source}")
    fmt = getattr(ox.RdfFormat, _OX_FORMATS[rdf_format_for(source)])
    directory = Path(directory)
    # a store this load creates is removed again if the load fails: no half-made store that reads as empty
    was_empty_dir = directory.is_dir() and not any(directory.iterdir())
    fresh = was_empty_dir or not directory.exists()
    try:
        store = ox.Store(str(directory))
    except (OSError, RuntimeError) as exc:
        raise store_error(directory, exc) from None
    try:
        count = _load_into(store, source, fmt, progress, replace)
    except BaseException:
        del store
        if fresh:
            gc.collect()  # RocksDB's files close with the last handle
            shutil.rmtree(directory, ignore_errors=True)
            if was_empty_dir:
                directory.mkdir(exist_ok=True)
        raise
    del store
    return count


def _load_into(store, source: Path, fmt, progress: Callable[[int], None] | None, replace: bool) -> int:
    """The body of :func:`bulk_load`: the file, then the packaged ontology in its own graph."""
    ox = _ox()
    if replace:
        store.clear()
    reader = _ProgressReader(source, progress) if progress else None
    try:
        if reader is not None:
            store.bulk_load(io.BufferedReader(reader, 1 << 20), format=fmt)
        else:
            store.bulk_load(path=str(source), format=fmt)
    except SyntaxError as exc:
        raise GraphFileError(f"{source}: cannot parse: {' '.join(str(exc).split())[:300]}") from None
    finally:
        if reader is not None:
            reader.close()
    onto = ox.NamedNode(str(ONTOLOGY_IRI))
    if not store.contains_named_graph(onto) or not any(True for _ in store.quads_for_pattern(None, None, None, onto)):
        store.load(path=str(ontology_path()), format=ox.RdfFormat.TURTLE, to_graph=onto)
    store.flush()
    return len(store)


def open_read_only(directory: Path, attempts: int = 4):
    """Open a store read-only; a damaged one is one line (:func:`~actorgraph.core.errors.store_error`).

    RocksDB says ``Corruption: …`` for a damaged store, and also, for an
    instant, when another process (``oxigraph serve``) rewrites its manifest
    as we read it: only damage that lasts a few tries is called damage.
    """
    ox = _ox()
    for attempt in range(attempts):
        try:
            return ox.Store.read_only(str(directory))
        except (OSError, RuntimeError) as exc:
            if "orrupt" not in str(exc) or attempt == attempts - 1:
                raise store_error(directory, exc) from None
            time.sleep(0.1)


def _store_version(directory: Path) -> tuple:
    """What changes whenever a writer commits to an Oxigraph (RocksDB) store: its log, manifest and
    table files (names, sizes, modification times), plus a big write's journal."""
    try:
        entries = sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(directory)
                         if not e.name.endswith(".lock") and e.name != "LOG" and not e.name.startswith("LOG.old"))
    except OSError:
        return ()
    return tuple(entries)


def _syntax_error(exc: SyntaxError) -> QueryError:
    """Oxigraph's parse error worded like rdflib's: ``SPARQL syntax error at line L, column C: …``."""
    text = " ".join(str(exc).split())
    where = re.match(r"error at (\d+):(\d+): ?(.*)", text)
    if where:
        return QueryError(f"SPARQL syntax error at line {where[1]}, column {where[2]}: {where[3]}")
    return QueryError(f"SPARQL syntax error: {text}")


def _ox_result(answer: Any) -> Result:
    """A pyoxigraph query answer as an rdflib :class:`~rdflib.query.Result` (rdflib terms)."""
    ox = _ox()
    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
        return result
    if isinstance(answer, ox.QueryTriples):
        result = Result("CONSTRUCT")
        g = Graph()
        for t in answer:
            g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
        result.graph = g
        return result
    names = [v.value for v in answer.variables]
    rows = []
    for solution in answer:
        row = {}
        for n in names:
            value = solution[n]
            if value is not None:
                row[n] = from_ox(value)
        rows.append(row)
    return _select_result(names, rows)


class OxigraphGraph(_RemoteMixin, ActorGraph):
    """An actor graph in a persistent Oxigraph store (``--graph oxigraph:DIR``).

    Queries run in Oxigraph with the union of all graphs as default graph
    and the default prefixes; results come back as rdflib terms.
    """

    backend = "oxigraph"
    #: Named graphs queries leave out (IRIs): a writer's graphs being staged (graph/store/journal.py).
    hidden: frozenset = frozenset()

    def __init__(self, directory: str | Path | None, store: Any = None):
        self.path = Path(directory) if directory is not None else None
        self.read_only = True
        self._cache = {}
        self.location = OXIGRAPH_SCHEME + str(directory)
        self._store = store

    @classmethod
    def open(cls, spec: str) -> OxigraphGraph:
        """Open ``oxigraph:DIR`` (it must hold a store made by :func:`bulk_load`)."""
        _ox()  # pyoxigraph missing: its clear error first
        directory = oxigraph_dir(spec)
        if not _has_store(directory):
            raise GraphFileError(
                f"{directory}: no Oxigraph store here; create it with: actorgraph load FILE --into oxigraph:{directory}"
            )
        from .journal import pending, recover_for_reader, staged_graphs

        recover_for_reader(directory)  # a big write being applied or cut short by a crash (graph/store/journal.py)
        version = _store_version(directory)
        store = cls._open_read_only(directory)
        if pending(directory) == "complete" or staged_graphs(directory):  # a big write began as we opened: wait, reopen
            del store
            recover_for_reader(directory)
            version = _store_version(directory)
            store = cls._open_read_only(directory)
        kg = cls(directory, store)
        kg._version = version
        return kg

    def reopened_if_changed(self) -> OxigraphGraph:
        """This graph, or the store opened afresh when it was written since it was opened.

        A read-only Oxigraph store sees the data as it was when opened; a
        long-lived reader (``serve``'s workers) calls this before each query
        to answer from the latest committed state. Costs one directory scan.
        """
        if self.path is None or getattr(self, "_version", None) is None:
            return self
        if _store_version(self.path) == self._version:
            return self
        self._store = None  # let RocksDB close the old handle first
        return type(self).open(OXIGRAPH_SCHEME + str(self.path))

    @staticmethod
    def _open_read_only(directory: Path):
        return open_read_only(directory)

    @classmethod
    def in_memory(cls, path: str | Path) -> OxigraphGraph:
        """An RDF file (plus the packaged ontology) parsed into an in-memory Oxigraph store, read-only.

        How the bundled graph opens: its ~2,000 triples parse in ~5 ms, where
        opening the same data as a prebuilt on-disk store takes ~30 ms, and
        nothing needs writing (the package directory may be read-only).
        """
        ox = _ox()
        path = Path(path)
        store = ox.Store()
        try:
            store.load(path=str(path), format=getattr(ox.RdfFormat, _OX_FORMATS[rdf_format_for(path)]))
        except (OSError, SyntaxError) as exc:
            raise GraphFileError(f"{path}: cannot parse: {' '.join(str(exc).split())[:300]}") from None
        onto = ox.NamedNode(str(ONTOLOGY_IRI))
        if not any(True for _ in store.quads_for_pattern(None, None, None, onto)):
            store.load(path=str(ontology_path()), format=ox.RdfFormat.TURTLE, to_graph=onto)
        kg = cls(None, store)
        kg.path = path
        kg.location = None
        kg._source_file = path  # exports and SHACL read the file (Oxigraph keeps numbers in canonical form)
        return kg

    @property
    def store(self):
        """The pyoxigraph :class:`~pyoxigraph.Store`."""
        return self._store

    def select_values(self, query: str) -> tuple[list[str], list[tuple[str | None, ...]]]:
        """SELECT rows as plain strings, read from Oxigraph's results without making rdflib terms.

        For the library's own queries (:mod:`graph.model.selectors`: fixed templates
        plus terms escaped by :func:`sparql_term`), so they skip the guard's
        rdflib parse (~50 ms a query); user queries go through :meth:`select`
        / :meth:`run` and the guard.
        """
        if not query.startswith("SELECT "):
            raise QueryError("select_values takes the library's SELECT queries only")
        try:
            answer = self._store.query(query, prefixes=PREFIXES, base_iri=BASE_IRI, **self._dataset())
            names = [v.value for v in answer.variables]
            rows = [tuple(None if t is None else t.value for t in solution) for solution in answer]
            del answer  # a live query iterator keeps the store (and its lock) open
        except SyntaxError as exc:
            raise _syntax_error(exc) from None
        except (OSError, RuntimeError) as exc:
            if "orrupt" in str(exc):  # the store, not the query: damaged files met while reading
                raise store_error(self.path or "the in-memory store", exc) from None
            raise QueryError(f"query failed: {type(exc).__name__}: {exc}") from None
        return names, rows

    def graph_names(self) -> set[str]:
        """IRIs of the store's non-empty named graphs (what ``FROM``/``FROM NAMED`` may name)."""
        ox = _ox()
        return {g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)
                and g.value not in self.hidden and any(True for _ in self._store.quads_for_pattern(None, None, None, g))}

    def _dataset(self) -> dict[str, Any]:
        """The query dataset: the union of all graphs, or of all but :attr:`hidden` while a write stages some."""
        if not self.hidden:
            return {"use_default_graph_as_union": True}
        ox = _ox()
        named = [g for g in self._store.named_graphs() if not (isinstance(g, ox.NamedNode) and g.value in self.hidden)]
        return {"default_graph": [ox.DefaultGraph(), *named], "named_graphs": named}

    def _query_args(self, checked: GuardedQuery, bindings: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
        """Query text and pyoxigraph keyword arguments (base, prefixes, dataset, parameters)."""
        ox = _ox()
        kwargs: dict[str, Any] = {"prefixes": PREFIXES, "base_iri": BASE_IRI}
        if checked.has_dataset:  # pyoxigraph ignores FROM under use_default_graph_as_union: name the dataset
            kwargs["default_graph"] = [ox.NamedNode(g) for g in checked.from_graphs if g not in self.hidden]
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in checked.from_named if g not in self.hidden]
        else:
            kwargs.update(self._dataset())
        bound = _bound(checked, bindings)
        text = checked.text
        if bound:
            names = set(bound)
            same_as_init_bindings = not names & checked.subquery_variables and (
                checked.projected is None or names <= checked.projected)
            if same_as_init_bindings:
                try:
                    kwargs["substitutions"] = {ox.Variable(k): to_ox(_term(v)) for k, v in bound.items()}
                except ValueError as exc:  # pyoxigraph refuses a malformed IRI or language tag
                    raise QueryError(f"not a bindable term: {exc}") from None
            else:
                text = recheck(bind_values(text, bound))  # the guard reads what Oxigraph will run
        return text, kwargs

    def _run(self, query: str, bindings: Mapping[str, Any]) -> Result:
        checked = guard(query, self.graph_names)
        text, kwargs = self._query_args(checked, bindings)
        return self._evaluate(text, kwargs)

    def run_shipped(self, query: str, **bindings: Any) -> Result:
        """Run one of the package's own queries (a shipped ``.rq`` file), parameters bound by
        :func:`bind_values`: the text is ours, so it skips the guard's rdflib parse (~50-100 ms
        on a cold start); user queries go through :meth:`run` and the guard."""
        text = bind_values(query, {k: v for k, v in bindings.items() if v is not None})
        return self._evaluate(text, {"prefixes": PREFIXES, "base_iri": BASE_IRI, **self._dataset()})

    def _evaluate(self, text: str, kwargs: dict[str, Any]) -> Result:
        try:
            # no local may hold the answer: a query iterator keeps the store open (and its RocksDB
            # lock) for as long as this frame lives, and a traceback can keep frames alive
            return _ox_result(self._store.query(text, **kwargs))
        except SyntaxError as exc:
            raise _syntax_error(exc) from None
        except (OSError, RuntimeError) as exc:
            if "orrupt" in str(exc):  # the store, not the query: damaged files met while reading
                raise store_error(self.path or "the in-memory store", exc) from None
            raise QueryError(f"query failed: {type(exc).__name__}: {exc}") from None

    def instance_rows(self, cls: URIRef) -> list[dict[str, Any]]:
        """``(?s ?prop ?value)`` rows of the instances of ``cls``, read from the
        quad index (no SPARQL parsing or solution mapping; each distinct term is
        converted to rdflib once)."""
        ox = _ox()
        convert = functools.lru_cache(maxsize=200_000)(from_ox)
        rdf_type = ox.NamedNode(str(RDF.type))
        rows: list[dict[str, Any]] = []
        seen: set = set()
        hidden = self.hidden
        for quad in self._store.quads_for_pattern(None, rdf_type, to_ox(cls), None):
            subject = quad.subject
            if subject in seen or (hidden and getattr(quad.graph_name, "value", None) in hidden):
                continue
            seen.add(subject)
            pairs = {(q.predicate, q.object) for q in self._store.quads_for_pattern(subject, None, None, None)
                     if not hidden or getattr(q.graph_name, "value", None) not in hidden}
            s = convert(subject)
            rows.extend({"s": s, "prop": convert(p), "value": convert(o)} for p, o in pairs)
        return rows

    def serialize(self, fmt: str = "trig") -> str:
        """The data as text; TriG straight from the store (one block per named graph,
        sorted N-Triples lines: stable, diff-friendly, no rdflib graph in memory)."""
        if fmt != "trig" or getattr(self, "_source_file", None) is not None:  # the bundled graph: from its file
            return super().serialize(fmt)
        ox = _ox()
        onto = ox.NamedNode(str(ONTOLOGY_IRI))
        blocks = []
        for graph in sorted(self._store.named_graphs(), key=lambda g: g.value):
            if graph == onto:
                continue
            lines = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph).decode("utf-8").splitlines()
            if lines:
                blocks.append(f"<{graph.value}> {{\n" + "\n".join(sorted(lines)) + "\n}\n")
        default = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode("utf-8")
        if default.strip():
            blocks.insert(0, "{\n" + "\n".join(sorted(default.splitlines())) + "\n}\n")
        return "\n".join(blocks)

    def _quads(self) -> Iterator[tuple]:
        onto = str(ONTOLOGY_IRI)
        for q in self._store.quads_for_pattern(None, None, None, None):
            g = from_ox(q.graph_name)
            if g is not None and (str(g) == onto or str(g) in self.hidden):
                continue
            yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), g

    def __len__(self) -> int:
        return len(self._store)
