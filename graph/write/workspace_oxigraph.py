"""Workspaces in an Oxigraph store: each write changes only what it changes, in one transaction.

``actorgraph init DIR`` (``--store oxigraph``, the default for a path not
ending in ``.trig``) creates a pyoxigraph (RocksDB) store holding the
bundled data, one named graph per source, plus the ontology in its own
graph — which is what marks the directory as an actorgraph store. A write:

    file lock (``DIR/actorgraph-write.lock``)  →  open the store read-write
      →  build the change, reading only the nodes it needs (SPARQL + quad index)
      →  validate the delta and its neighbourhood (:func:`graph.write.change.check_change`)
      →  commit: ``Store.extend`` (additions only) or one SPARQL ``DELETE DATA; INSERT DATA``
         update — both transactional in Oxigraph

so a failed write (bad row, validation problem, ``kill -9``) leaves the
previous state: RocksDB replays only committed transactions. Readers open
the store read-only (``--graph oxigraph:DIR``) while a writer works.

>>> import tempfile, pathlib
>>> from actorgraph.write.edits import add_actor
>>> ws = init_oxigraph(str(pathlib.Path(tempfile.mkdtemp()) / "store"), empty=True)
>>> add_actor(ws, "Example Front", "NonStateArmedGroup").status
'added'
>>> add_actor(ws, "Example Front", "NonStateArmedGroup").status
'unchanged'
"""

from __future__ import annotations

import functools
import gc
import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any

from rdflib import RDF, BNode, Literal, URIRef

from ..core.errors import GraphFileError, ReadOnlyError, store_error
from ..core.literals import respell
from ..core.ontology import ontology_path
from ..core.vocab import ONTOLOGY_IRI
from ..store import journal as _journal
from ..store.graph import ActorGraph, bundled_graph_path
from ..store.oxigraph import OXIGRAPH_SCHEME, OxigraphGraph, from_ox, open_read_only, to_ox
from ..store.remote import sparql_term
from . import change as _change
from .change import Change, QuadView, WorkspaceBase, hold_lock

__all__ = ["OxigraphWorkspace", "StoreView", "StagedChange", "WritableOxigraphGraph", "init_oxigraph", "open_store",
           "LOCK_FILE", "DEFAULT_GRAPH", "STAGE_PART"]

LOCK_FILE = _journal.LOCK_FILE
#: rdflib's name for the default graph (quads outside any named graph).
DEFAULT_GRAPH = URIRef("urn:x-rdflib:default")
_ONTO = str(ONTOLOGY_IRI)
#: A big write into named graphs empty at its start loads its additions in parts of about this many
#: quads while the rest is built (graph/store/journal.py, staged loads): 100,000 ACLED rows in 7 parts.
STAGE_PART = int(os.environ.get("ACTORGRAPH_STAGE_PART", "450000"))
#: The first part is smaller, so that the loader starts early (its CPU, not Python's, is the longer path).
STAGE_FIRST = min(STAGE_PART, int(os.environ.get("ACTORGRAPH_STAGE_FIRST", "150000")))


def _ox():
    import pyoxigraph

    return pyoxigraph


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300]


def _is_lock_error(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "lock" in text and ("unavailable" in text or "hold" in text or "no locks" in text)


def store_dir(spec: str | Path) -> Path:
    """The directory of ``oxigraph:DIR`` or ``DIR``."""
    text = str(spec)
    if text.startswith(OXIGRAPH_SCHEME):
        text = text[len(OXIGRAPH_SCHEME):]
    if not text:
        raise GraphFileError("oxigraph: needs a directory, e.g. --graph oxigraph:./store")
    return Path(text).expanduser()


def check_store(directory: Path) -> None:
    """Refuse (one line) a directory that is not an actorgraph Oxigraph store, without changing it.

    Opens it read-only: a read-write open would already replay logs and
    compact files in someone else's store.
    """
    ox = _ox()
    if not directory.is_dir() or not (directory / "CURRENT").is_file():
        raise GraphFileError(
            f"{directory}: not an actorgraph store (no Oxigraph store here); create one with: actorgraph init {directory}"
        )
    store = open_read_only(directory)
    try:
        ours = store.contains_named_graph(ox.NamedNode(_ONTO))
    except (OSError, RuntimeError) as exc:
        raise store_error(directory, exc) from None
    finally:
        del store
    if not ours:
        raise GraphFileError(
            f"{directory}: not an actorgraph store (an Oxigraph store without the actorgraph ontology graph); "
            f"create one with: actorgraph init DIR, or fill it with: actorgraph load FILE --into oxigraph:{directory}"
        )


def open_store(directory: Path, wait: float | None = None):
    """Open an actorgraph Oxigraph store read-write, one clear line on any failure.

    Every actorgraph writer takes the file lock first, so a RocksDB lock
    held past ``wait`` seconds (default 2) is another program's (e.g.
    ``oxigraph serve``): a clear error, not a long wait.
    """
    ox = _ox()
    wait = min(2.0, _change.LOCK_TIMEOUT) if wait is None else wait
    deadline = time.monotonic() + wait
    while True:
        try:
            return ox.Store(str(directory))
        except (OSError, RuntimeError) as exc:
            if not _is_lock_error(exc):
                raise store_error(directory, exc) from None
            if "current process" in str(exc):  # an earlier handle of ours may only wait for the cycle collector
                gc.collect()
            if time.monotonic() >= deadline:
                raise GraphFileError(
                    f"{directory}: the store is locked by another process (e.g. `oxigraph serve`); "
                    "stop it, or write through its endpoint with --graph URL --update-endpoint URL"
                ) from None
            time.sleep(0.05)


class StoreView(QuadView):
    """rdflib's triple-pattern API over a pyoxigraph store (data graphs only).

    Terms are converted once each way (caches), and existence checks of
    many triples go subject by subject: an import's new statements are
    settled by one index probe each, not one per triple.
    """

    def __init__(self, store: Any):
        self.store = store
        self._from = functools.lru_cache(maxsize=200_000)(from_ox)
        self._to = functools.lru_cache(maxsize=200_000)(to_ox)
        self._onto = _ox().NamedNode(_ONTO)
        self._texts: dict = {}
        #: Named graphs (pyoxigraph terms) reads leave out: those a staged load is filling (the store as it stood).
        self.hidden: frozenset = frozenset()

    def _term(self, term):
        return None if term is None else self._to(term)

    def _graph(self, name):
        if name is None:
            return None
        return _ox().DefaultGraph() if name == DEFAULT_GRAPH else self._to(name)

    def _matches(self, s, p, o, g) -> Iterator:
        onto, hidden = self._onto, self.hidden
        for q in self.store.quads_for_pattern(self._term(s), self._term(p), self._term(o), self._graph(g)):
            if q.graph_name != onto and not (hidden and q.graph_name in hidden):
                yield q

    def quads(self, pattern: tuple) -> Iterator[tuple]:
        ox = _ox()
        conv = self._from
        for q in self._matches(*pattern):
            name = q.graph_name
            yield (conv(q.subject), conv(q.predicate), conv(q.object),
                   DEFAULT_GRAPH if isinstance(name, ox.DefaultGraph) else conv(name))

    def __contains__(self, triple: tuple) -> bool:
        return next(self._matches(*triple[:3], None), None) is not None

    def subjects(self, predicate=None, obj=None) -> Iterator:
        conv = self._from
        return iter(dict.fromkeys(conv(q.subject) for q in self._matches(None, predicate, obj, None)))

    def present(self, name: URIRef, triples: Iterable[tuple]) -> set:
        ox = _ox()
        graph = self._graph(name)
        if graph in self.hidden or next(iter(self.store.quads_for_pattern(None, None, None, graph)), None) is None:
            return set()  # a named graph still empty (a dataset's first import): nothing of it is there
        contains = self.store.__contains__
        by_subject: dict[Any, list[tuple]] = {}
        for t in triples:
            by_subject.setdefault(t[0], []).append(t)
        found = set()
        for subject, group in by_subject.items():
            s = self._to(subject)
            if next(iter(self.store.quads_for_pattern(s, None, None, graph)), None) is None:
                continue  # a node new to this graph: none of its triples is there
            found.update(t for t in group if contains(ox.Quad(s, self._to(t[1]), self._to(t[2]), graph)))
        return found

    def typed(self, subjects: Iterable) -> set:
        """Those of ``subjects`` with an ``rdf:type`` in a data graph.

        Many subjects (a big import's new nodes): one scan of the store's typed
        nodes, as an index probe costs about as much as reading 20 quads.
        """
        subjects = list(subjects)
        if len(subjects) < 2_000:
            return {s for s in subjects if (s, RDF.type, None) in self}
        ox = _ox()
        wanted = {"_:" + str(s) if isinstance(s, BNode) else str(s): s for s in subjects}  # by text: no terms built
        onto, rdf_type = self._onto, self._to(RDF.type)
        found = set()
        if self.hidden:  # the graphs as they stood: a staged graph's millions of new nodes are not read
            graphs = [ox.DefaultGraph(), *(g for g in self.store.named_graphs() if g not in self.hidden and g != onto)]
            matches = (q for g in graphs for q in self.store.quads_for_pattern(None, rdf_type, None, g))
        else:
            matches = (q for q in self.store.quads_for_pattern(None, rdf_type, None, None) if q.graph_name != onto)
        for q in matches:
            subject = q.subject
            s = wanted.get("_:" + subject.value if isinstance(subject, ox.BlankNode) else subject.value)
            if s is not None:
                found.add(s)
        return found

    def nquad(self, s, p, o, g) -> str:
        """The N-Quads line of rdflib terms (IRIs' text cached; literals are mostly unique)."""
        return next(self.nquad_lines({g: ((s, p, o),)}))

    def nquad_lines(self, by_graph: dict) -> Iterator[str]:
        """N-Quads lines of ``{graph: triples}`` (rdflib terms), graph by graph.

        The hot loop of a big write (millions of quads): each IRI's text is made
        once (through pyoxigraph, which checks it), literals by hand
        (:func:`_literal_text`); type checks are exact (``isinstance`` on
        rdflib terms goes through an ABC and costs 3×).
        """
        text = self._texts
        to_ox = self._to
        literals: dict[int, str] = {}  # by object: imports share their quotes, dates and figures

        def iri(term) -> str:
            known = text.get(term)
            if known is None:
                known = text[term] = str(to_ox(term))
            return known

        for name, triples in by_graph.items():
            tail = " .\n" if name == DEFAULT_GRAPH else f" {iri(name)} .\n"
            for s, p, o in triples:
                so = text.get(s) or iri(s)
                po = text.get(p) or iri(p)
                if type(o) is Literal:
                    oo = literals.get(id(o))
                    if oo is None:
                        oo = literals[id(o)] = _literal_text(o, to_ox)
                else:
                    oo = text.get(o) or (iri(o) if type(o) is URIRef or not isinstance(o, Literal)
                                         else _literal_text(o, to_ox))
                yield f"{so} {po} {oo}{tail}"

    def to_quad(self, s, p, o, g):
        """A pyoxigraph quad from rdflib terms (cached conversions)."""
        return _ox().Quad(self._to(s), self._to(p), self._to(o), self._graph(g))


def _literal_text(term: Literal, to_ox) -> str:
    """A literal in N-Quads (the common cases by hand: 2× faster than through pyoxigraph)."""
    value = str(term)
    if '"' in value or "\\" in value or "\n" in value or "\r" in value:
        return str(to_ox(term))
    language, datatype = term.language, term.datatype
    if language:
        return f'"{value}"@{language.lower()}'
    if datatype is not None:
        return f'"{value}"^^<{datatype}>'
    return f'"{value}"'


class StagedChange:
    """Loads a big change's additions to graphs that were empty when it began, while the rest is built.

    The importer calls :meth:`graph.write.change.Change.stage_ready` every few
    thousand rows; once a graph's sink holds :data:`STAGE_PART` quads more than
    were sent, the new ones are re-spelled, written as N-Triples and queued on a
    :class:`graph.store.journal.StagedLoad` (the second core loads them while
    Python builds the next rows). The writer's reads then leave those graphs
    out (``hidden``), so the build still sees the store as it stood. At the
    end, :meth:`settle` nets what was not sent; :func:`commit` waits for the
    loader and writes the rest to the journal, the commit point; a failure
    undoes the staged parts (:meth:`abort`).
    """

    def __init__(self, store: Any, kg: WritableOxigraphGraph, view: StoreView, directory: Path):
        self.store, self.kg, self.view, self.directory = store, kg, view, directory
        self.load: _journal.StagedLoad | None = None
        #: Staged graph name → the triples sent to the loader (then, after :meth:`settle`, all its additions).
        self.sent: dict[URIRef, set] = {}
        #: Staged graph name → the netted additions not sent (for the journal).
        self.rest: dict[URIRef, set] = {}
        self.stopped = False
        self._seen = 0
        self._fine: set[int] = set()  # literal objects found spelled right (shared by the parts)
        self._spelled: dict[int, Any] = {}  # literal objects re-spelled, and how (shared by the parts)

    @property
    def graphs(self) -> dict[URIRef, set]:
        """The staged graphs (name → triples sent)."""
        return self.sent

    def ready(self, change: Change) -> None:
        """Send what the sinks gained since the last part, once it is :data:`STAGE_PART` quads or more."""
        if self.stopped:
            return
        total = sum(map(len, change.added.values()))
        if total - self._seen < (STAGE_PART if self.load is not None else STAGE_FIRST):
            return
        self._seen = total
        if self.load is None and not self._begin(change):
            return
        for name, sent in self.sent.items():
            self._send(name, sent, set(change.added[name].take()))

    def _send(self, name: URIRef, sent: set, part: set) -> None:
        """Re-spell ``part`` and queue what was not sent yet; once stopped, keep it for the journal."""
        respell(part, self._fine, self._spelled)  # one spelling per value, as Change.net would
        part -= sent
        if not self.stopped:
            lines = self.view.nquad_lines({DEFAULT_GRAPH: part})  # N-Triples: the loader is told the graph
            # encoded 20,000 lines at a time: a part's text is 100 MB, and its lines as str objects as much again
            data = b"".join("".join(chunk).encode("utf-8") for chunk in iter(lambda: list(islice(lines, 20_000)), []))
            if b"_:" in data:  # a blank node (or text like one): the bulk loader would relabel it
                self.stopped = True  # this part and the rest go to the journal, parsed there
            else:
                self.load.put(data, len(part), str(name))
        if self.stopped:
            self.rest.setdefault(name, set()).update(part)
        sent |= part

    def _begin(self, change: Change) -> bool:
        ox = _ox()
        names = [name for name, sink in change.added.items()
                 if type(name) is URIRef and name != DEFAULT_GRAPH and len(sink) >= STAGE_FIRST
                 and not change.removed.get(name)
                 and next(iter(self.store.quads_for_pattern(None, None, None, ox.NamedNode(str(name)))), None) is None]
        if not names:
            return False
        self.sent = {name: set() for name in names}
        for name in names:
            change.added[name].logged()  # from now on each part is what came since the last one
        self.view.hidden = frozenset(ox.NamedNode(str(n)) for n in names)
        self.kg.hidden = frozenset(str(n) for n in names)
        self.load = _journal.StagedLoad(self.store, self.directory, [str(n) for n in names])
        return True

    def settle(self, name: URIRef, triples: set) -> set:
        """Every net addition to staged graph ``name`` (empty before: all of them). What was not sent yet
        goes as a last part (it loads while the change is validated), or to the journal (:attr:`rest`)."""
        sent = self.sent[name]
        complete = getattr(triples, "complete", False)
        part = set(triples.take()) if complete else triples - sent  # (a set operation bypassed the log)
        if part:
            self._send(name, sent, part)
        return sent

    def finish(self) -> None:
        """Wait until every sent part is loaded and flushed."""
        if self.load is not None:
            self.load.finish()

    def abort(self) -> None:
        """Undo the parts loaded so far (the write failed)."""
        if self.load is not None:
            self.load.abort()
            self.load = None


class WritableOxigraphGraph(OxigraphGraph):
    """The store as a writer reads it: SPARQL as usual, ``dataset`` the :class:`StoreView` (never a copy)."""

    dataset = None  # a plain attribute here (a base class may define a materialising property)


class _Handle:
    """Holds the read-write store so that it can be closed even if a traceback keeps our frame."""

    store: Any = None


class OxigraphWorkspace(WorkspaceBase):
    """An Oxigraph store directory as a workspace (``--graph oxigraph:DIR``).

    >>> OxigraphWorkspace("oxigraph:/nonexistent/store").location
    'oxigraph:/nonexistent/store'
    """

    store = "oxigraph"

    def __init__(self, spec: str | Path):
        self.path = store_dir(spec)
        if self.path.resolve() == bundled_graph_path().resolve():
            raise ReadOnlyError("the bundled graph is read-only")
        self.location = OXIGRAPH_SCHEME + str(self.path)

    def __repr__(self) -> str:
        return f"OxigraphWorkspace({self.location!r})"

    @property
    def lock_path(self) -> Path:
        """The writers' lock file inside the store directory."""
        return self.path / LOCK_FILE

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the workspace's write lock (waits up to ``change.LOCK_TIMEOUT`` s)."""
        check_store(self.path)
        with hold_lock(self.lock_path, str(self.path), _change.LOCK_TIMEOUT):
            yield

    def load(self) -> ActorGraph:
        """Open the store read-only (for reading)."""
        return OxigraphGraph.open(self.location)

    def quads(self) -> Iterator[tuple]:
        """Every data quad (read-only snapshot)."""
        kg = self.load()
        view = StoreView(kg.store)
        yield from view.quads((None, None, None, None))

    @contextmanager
    def transaction(self, dry_run: bool = False, validate: bool = True) -> Iterator[Change]:
        """Lock, open read-write, yield a :class:`Change`; validate the delta and commit it in one transaction."""
        handle = _Handle()
        kg = change = None
        with self.locked():
            try:
                handle.store = open_store(self.path)
                _journal.roll_forward(handle.store, self.path)  # a big write cut short: finish or discard it
                kg = WritableOxigraphGraph(self.path, handle.store)
                kg.read_only = False
                kg.dataset = StoreView(handle.store)
                change = Change(kg)
                if not dry_run:
                    change.stage = StagedChange(handle.store, kg, kg.dataset, self.path)
                try:
                    yield change
                    self._check(change, validate)
                    if not dry_run and (change.size or change.staged):
                        commit(handle.store, change, kg.dataset, self.path)
                except BaseException:
                    if change.stage is not None:
                        change.stage.abort()  # parts loaded before the failure: undone (graphs empty before)
                    raise
            finally:
                if kg is not None:  # a traceback may keep kg alive: drop its store reference
                    kg._store = None
                    if isinstance(kg.dataset, StoreView):
                        kg.dataset.store = None
                if change is not None and change.stage is not None:  # (the change may outlive us too)
                    change.stage.store = change.stage.load = None
                handle.store = None  # closes RocksDB (releases its lock)


def _quad_text(s, p, o, g) -> str:
    triple = f"{sparql_term(s)} {sparql_term(p)} {sparql_term(o)} ."
    return triple if g == DEFAULT_GRAPH else f"GRAPH {sparql_term(g)} {{ {triple} }}"


def commit(store: Any, change: Change, view: StoreView | None = None, directory: Path | None = None) -> None:
    """Apply a netted, validated change: one Oxigraph transaction, or through the journal when big.

    Above :data:`graph.store.journal.BULK_FROM` quads (and given the store's
    ``directory``), the delta goes to the journal and then the bulk loader
    (:func:`graph.store.journal.apply_with_journal`): a transaction would hold it
    all in memory.
    """
    view = view or StoreView(store)
    stage = change.stage if change.staged else None
    if directory is not None and (stage is not None or change.size > _journal.BULK_FROM):
        additions = change.new
        if stage is not None:
            stage.finish()  # every staged part loaded and flushed before the journal says the write is whole
            additions = {name: stage.rest.get(name, set()) if name in stage.sent else triples
                         for name, triples in change.new.items()}
        path = _journal.write_journal(directory, view.nquad_lines(change.gone), view.nquad_lines(additions),
                                      lines=True)
        if stage is not None:  # the journal is complete: from here the write rolls forward, never back
            _journal.end_stage(directory)
            stage.load = None
        view._texts.clear()
        change.release()  # the delta is in the journal: free the Python copy before the bulk loader runs
        _journal.apply_journal(store, path)
        return
    if not change.gone:
        store.extend([view.to_quad(*q) for q in change.quads_added()])  # transactional: all or nothing
        return
    parts = []
    removed = [_quad_text(*q) for q in change.quads_removed()]
    added = [_quad_text(*q) for q in change.quads_added()]
    if removed:
        parts.append("DELETE DATA {\n" + "\n".join(removed) + "\n}")
    if added:
        parts.append("INSERT DATA {\n" + "\n".join(added) + "\n}")
    store.update(" ;\n".join(parts))  # one update = one transaction


def init_oxigraph(spec: str | Path, empty: bool = False, seed: str | Path | None = None) -> OxigraphWorkspace:
    """Create an Oxigraph workspace at ``spec`` (``oxigraph:DIR`` or ``DIR``) with the bundled data, ``seed`` or nothing.

    Refuses a directory that already holds anything.
    """
    from ..store.oxigraph import bulk_load

    ws = OxigraphWorkspace(spec)
    directory = ws.path
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise GraphFileError(f"{directory}: already exists; init never overwrites a graph (remove it first)")
    directory.mkdir(parents=True, exist_ok=True)
    with hold_lock(ws.lock_path, str(directory), _change.LOCK_TIMEOUT):
        if any(p.name != LOCK_FILE for p in directory.iterdir()):
            raise GraphFileError(f"{directory}: already exists; init never overwrites a graph (remove it first)")
        if empty:
            ox = _ox()
            try:
                store = ox.Store(str(directory))
            except OSError as exc:
                raise GraphFileError(f"{directory}: cannot create an Oxigraph store: {_one_line(exc)}") from None
            store.load(path=str(ontology_path()), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(_ONTO))
            store.flush()
            del store
        else:
            bulk_load(seed if seed is not None else bundled_graph_path(), directory)
    return ws
