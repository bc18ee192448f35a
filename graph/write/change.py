"""What every workspace shares: the change a write builds, its validation, the lock.

A write (``add``, ``import``, ``remove``, ``merge``) runs inside a
workspace's ``transaction()``, which yields a :class:`Change`: the graph as
it stands (``change.kg``, read through SPARQL and ``change.kg.dataset``,
an rdflib-like view) plus the triples to add and remove per named graph.
When the block ends the workspace nets the change against the store,
validates the delta and what it touches (:func:`check_change`), and commits
it all or nothing. Three workspaces implement the same interface
(:class:`WorkspaceBase`):

* :class:`graph.write.workspace.Workspace` — a TriG file, rewritten atomically;
* :class:`graph.write.workspace_oxigraph.OxigraphWorkspace` — an Oxigraph store
  directory, changed in one transaction;
* :class:`graph.write.endpoint_writes.EndpointWorkspace` — a SPARQL 1.1 server,
  changed by one conditional SPARQL Update (optimistic concurrency).

>>> from rdflib import RDFS, Literal
>>> from actorgraph.core.vocab import AGD
>>> sink = TripleSink()
>>> sink.add((AGD.a, RDFS.label, Literal("A")))
>>> len(sink)
1
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, compress
from operator import itemgetter
from pathlib import Path
from typing import Any

from rdflib import RDF, URIRef

from ..core.errors import GraphFileError, WriteError, os_error_message
from ..core.literals import canonical as _canonical
from ..core.literals import canonical_triple as _canonical_triple
from ..core.literals import respell
from ..core.vocab import AG
from ..store.graph import ActorGraph
from .change_checks import SHACL_LIMIT, check_change

__all__ = [
    "Change",
    "TripleSink",
    "LoggedSink",
    "WriteResult",
    "WorkspaceBase",
    "QuadView",
    "check_change",
    "hold_lock",
    "nquads_digest",
    "SHACL_LIMIT",
    "LOCK_TIMEOUT",
    "MIN_QUOTE",
]

#: Seconds a writer waits for another writer's lock before failing clearly.
LOCK_TIMEOUT = float(os.environ.get("ACTORGRAPH_LOCK_TIMEOUT", "120"))
MIN_QUOTE = 10
_TYPE = RDF.type  # DefinedNamespace attribute access is slow in hot loops
_SUBJECT = itemgetter(0)


class TripleSink(set):
    """A set of triples with rdflib's ``Graph.add`` signature.

    :mod:`graph.write.statements` writes into anything with ``add((s, p, o))``;
    collecting into a set is much faster than an rdflib store for big imports.
    """

    def logged(self) -> LoggedSink:
        """This sink, from now on also listing each new triple (:class:`LoggedSink`); what it holds is listed first."""
        self.__class__ = LoggedSink
        self.log = list(self)
        self.logged_count = len(self.log)
        return self


class LoggedSink(TripleSink):
    """A sink that also lists its new triples in the order they came (a staged load takes them in parts,
    instead of comparing millions of triples with what it took before).

    >>> sink = TripleSink().logged()
    >>> sink.add(("a", "b", "c")); sink.add(("a", "b", "c")); sink.take()
    [('a', 'b', 'c')]
    """

    log: list
    logged_count: int

    def add(self, triple: tuple) -> None:
        before = len(self)
        set.add(self, triple)
        if len(self) != before:
            self.log.append(triple)
            self.logged_count += 1

    def take(self) -> list:
        """The triples added since the last call (or since :meth:`TripleSink.logged`)."""
        taken, self.log = self.log, []
        return taken

    @property
    def complete(self) -> bool:
        """Whether every triple it holds passed through :meth:`add` (no set operation added any)."""
        return self.logged_count == len(self)


# ---------------------------------------------------------------------------
# An rdflib-like read view over a store that is not an rdflib Dataset
# ---------------------------------------------------------------------------
class QuadView:
    """The part of rdflib's ``Dataset`` API the write path reads, over :meth:`quads`.

    Subclasses implement :meth:`quads` (a pattern with ``None`` wildcards →
    ``(s, p, o, graph)`` rdflib terms, ontology graph left out) and may
    override :meth:`present` for batched existence checks.
    """

    def quads(self, pattern: tuple) -> Iterator[tuple]:  # pragma: no cover - abstract
        raise NotImplementedError

    def triples(self, pattern: tuple) -> Iterator[tuple]:
        seen = set()
        for s, p, o, _ in self.quads((*pattern[:3], None)):
            if (s, p, o) not in seen:
                seen.add((s, p, o))
                yield s, p, o

    def __contains__(self, triple: tuple) -> bool:
        return any(True for _ in self.quads((*triple[:3], None)))

    def subjects(self, predicate=None, obj=None) -> Iterator:
        return iter(dict.fromkeys(s for s, _, _ in self.triples((None, predicate, obj))))

    def objects(self, subject=None, predicate=None) -> Iterator:
        return iter(dict.fromkeys(o for _, _, o in self.triples((subject, predicate, None))))

    def predicate_objects(self, subject=None) -> Iterator:
        return ((p, o) for _, p, o in self.triples((subject, None, None)))

    def subject_predicates(self, obj=None) -> Iterator:
        return ((s, p) for s, p, _ in self.triples((None, None, obj)))

    def value(self, subject=None, predicate=None, obj=None, default=None, any=True):
        for s, p, o in self.triples((subject, predicate, obj)):
            return o if obj is None else (s if subject is None else p)
        return default

    def present(self, name: URIRef, triples: Iterable[tuple]) -> set:
        """The triples among ``triples`` that named graph ``name`` holds."""
        return {t for t in triples if any(True for _ in self.quads((*t, name)))}

    def graph(self, name: URIRef) -> NamedGraphView:
        """One named graph, with the same triple-pattern API."""
        return NamedGraphView(self, name)


class NamedGraphView(QuadView):
    """One named graph of a :class:`QuadView` (``identifier`` is its name)."""

    def __init__(self, view: QuadView, name: URIRef):
        self.view = view
        self.identifier = name

    def quads(self, pattern: tuple) -> Iterator[tuple]:
        return self.view.quads((*pattern[:3], self.identifier))

    def present(self, name: URIRef, triples: Iterable[tuple]) -> set:
        return self.view.present(name, triples)

    def __iter__(self) -> Iterator[tuple]:
        return self.triples((None, None, None))

    def __len__(self) -> int:
        return sum(1 for _ in self.quads((None, None, None)))


# ---------------------------------------------------------------------------
# The change being built inside a transaction
# ---------------------------------------------------------------------------
@dataclass
class Change:
    """What one transaction adds and removes, per named graph.

    ``kg`` is the graph as it stands (loaded or opened under the lock);
    ``graph(name)`` returns the sink new triples of that named graph go into.
    """

    kg: ActorGraph
    added: dict[URIRef, TripleSink] = field(default_factory=lambda: defaultdict(TripleSink))
    removed: dict[URIRef, set] = field(default_factory=lambda: defaultdict(set))
    force_shacl: bool = False
    # filled by net()
    new: dict[URIRef, set] = field(default_factory=dict)
    gone: dict[URIRef, set] = field(default_factory=dict)
    #: What :meth:`net` last netted (sizes of the sinks): unchanged since, netting again is skipped.
    netted: tuple | None = None
    #: A workspace that loads parts of a big change while it is built sets this
    #: (:class:`graph.write.workspace_oxigraph.StagedChange`); ``None`` elsewhere.
    stage: Any = None

    @property
    def staged(self) -> bool:
        """Whether parts of this change are loaded already (into graphs empty when it began)."""
        return self.stage is not None and self.stage.load is not None

    def stage_ready(self) -> None:
        """A point where the workspace may load what is built so far (big imports call it every few
        thousand rows; a no-op for workspaces that cannot)."""
        if self.stage is not None:
            self.stage.ready(self)

    def graph(self, name: URIRef) -> TripleSink:
        """The sink for new triples of named graph ``name``."""
        return self.added[name]

    def remove(self, name: URIRef, triple: tuple) -> None:
        """Remove ``triple`` from named graph ``name``."""
        self.removed[name].add(triple)

    def exists(self, triple: tuple) -> bool:
        """Whether the graph (any named graph) holds ``triple``."""
        return triple in self.kg.dataset

    def _present(self, name: URIRef, triples: set) -> set:
        ds = self.kg.dataset
        if isinstance(ds, QuadView):
            return ds.present(name, triples)
        g = next((g for g in self.kg.data_graphs() if g.identifier == name), None)
        if g is None or not len(g):
            return set()
        if len(triples) > len(g) // 4:
            return triples & set(g)
        return {t for t in triples if t in g}

    def _shape(self) -> tuple:
        return (tuple((name, len(t)) for name, t in self.added.items()),
                tuple((name, len(t)) for name, t in self.removed.items()))

    def net(self) -> None:
        """Compute the net additions/removals against the graph as it stands.

        Netting reads the store for every triple: a second call with nothing
        added or removed since (an importer nets to count, then the
        transaction nets to commit) is skipped.
        """
        shape = self._shape()
        if shape == self.netted:
            return
        self.new, self.gone = {}, {}
        staged = self.stage.graphs if self.staged else {}
        for name, sink in chain(self.added.items(), self.removed.items()):
            if name not in staged:  # (a staged graph's parts were re-spelled as they were sent)
                respell(sink)  # one spelling per value ("3.0" is "3"), as the stores keep it: no second value
        kept: dict[URIRef, set] = {}  # removed and added again
        for name, triples in self.added.items():
            if name in staged:  # empty when the change began: every addition is new
                fresh = self.stage.settle(name, triples)
                if fresh:
                    self.new[name] = fresh
                continue
            removed = self.removed.get(name)
            if removed:
                dropped = {_canonical_triple(t) for t in removed}
                again = {c for c in map(_canonical_triple, triples) if c in dropped}
            else:
                again = set()  # nothing removed here (an import): no copies of millions of triples
            kept[name] = again
            candidates = {t for t in triples if _canonical_triple(t) not in again} if again else triples
            present = self._present(name, candidates)
            fresh = candidates - present if present else candidates
            if fresh:
                self.new[name] = fresh
        for name, triples in self.removed.items():
            if name in staged:
                continue  # nothing was there to remove
            again = kept.get(name, set())
            candidates = {t for t in triples if _canonical_triple(t) not in again} if again else set(triples)
            gone = self._present(name, candidates)
            if gone:
                self.gone[name] = gone
        self.netted = shape

    def release(self) -> None:
        """Empty every set of this change (once committed elsewhere): big imports free their memory early.

        The sets are emptied in place, as importers keep references to
        their sinks.
        """
        for sets in (self.added, self.removed, self.new, self.gone):
            for triples in sets.values():
                triples.clear()
            sets.clear()
        self.netted = None

    @property
    def size(self) -> int:
        """Number of triples added plus removed (after :meth:`net`)."""
        return sum(map(len, self.new.values())) + sum(map(len, self.gone.values()))

    def counts(self) -> dict[str, int]:
        """New nodes per kind (statements, actors, places, events, quantities, sources)."""
        onto = self.kg.ontology
        kind_of: dict[URIRef, str] = {}
        for name, classes in (
            ("sources", {AG.SourceDocument}),
            ("quantities", {AG.Quantity}),
            ("events", onto.subclasses(AG.Event)),
            ("places", onto.subclasses(AG.Place)),
            ("actors", onto.subclasses(AG.Actor)),
            ("statements", {AG.Statement}),
        ):
            kind_of.update(dict.fromkeys(classes, name))
        out = dict.fromkeys(["statements", "actors", "places", "events", "quantities", "sources"], 0)
        first: dict[URIRef, str] = {}  # each typed node's kind, by its first type met
        type_text = str(_TYPE)  # (rdflib's == is Python code: millions of calls)
        for triples in self.new.values():
            # the rdf:type triples picked in C (millions of triples), in the set's order
            for s, p, o in compress(triples, map(type_text.__eq__, map(itemgetter(1), triples))):
                if type(p) is URIRef and s not in first:
                    kind = kind_of.get(o)
                    if kind is not None:
                        first[s] = kind
        ds = self.kg.dataset
        typed = getattr(ds, "typed", None)  # a store's batched answer: one scan instead of a probe a node
        if typed is not None:
            before = typed(first)
        else:
            typed_before = getattr(ds, "exists_untracked", None) or ds.__contains__
            before = {s for s in first if typed_before((s, _TYPE, None))}
        for s, kind in first.items():
            if s not in before:  # typed before: not a new node
                out[kind] += 1
        out["triples added"] = sum(map(len, self.new.values()))
        out["triples removed"] = sum(map(len, self.gone.values()))
        return out

    def quads_added(self) -> Iterator[tuple]:
        """``(s, p, o, graph)`` of every net addition."""
        for name, triples in self.new.items():
            for s, p, o in triples:
                yield s, p, o, name

    def quads_removed(self) -> Iterator[tuple]:
        """``(s, p, o, graph)`` of every net removal."""
        for name, triples in self.gone.items():
            for s, p, o in triples:
                yield s, p, o, name


@dataclass
class WriteResult:
    """The outcome of one write: ``status`` is ``added``, ``unchanged``, ``removed`` or ``merged``."""

    status: str
    id: str
    counts: dict[str, int] = field(default_factory=dict)
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The record as a JSON-ready dict."""
        return {"status": self.status, "id": self.id, "detail": self.detail, **self.counts}


# ---------------------------------------------------------------------------
# The common interface
# ---------------------------------------------------------------------------
class WorkspaceBase:
    """A writable graph: ``transaction()`` yields a :class:`Change`, then validates and commits.

    Subclasses set ``location`` (the ``--graph`` value that reads it) and
    implement :meth:`transaction`, :meth:`load` and :meth:`quads`.
    """

    location: str
    #: ``trig``, ``oxigraph`` or ``sparql``.
    store = "trig"

    def transaction(self, dry_run: bool = False, validate: bool = True):  # pragma: no cover - abstract
        raise NotImplementedError

    def load(self) -> ActorGraph:  # pragma: no cover - abstract
        raise NotImplementedError

    def quads(self) -> Iterator[tuple]:  # pragma: no cover - abstract
        """Every data quad as rdflib terms ``(s, p, o, graph)`` (ontology left out)."""
        raise NotImplementedError

    def digest(self) -> str:
        """SHA-256 of the sorted N-Quads of the data: equal digests, equal content."""
        return nquads_digest(self.quads())

    def _check(self, change: Change, validate: bool) -> None:
        from ..core.errors import ValidationError

        change.net()
        if validate:
            problems = check_change(change)
            if problems:
                raise ValidationError(problems)


def nquads_digest(quads: Iterable[tuple]) -> str:
    """SHA-256 of sorted N-Quads lines (blank nodes as they are).

    >>> nquads_digest([]) == nquads_digest(iter(()))
    True
    """
    lines = sorted(" ".join(_canonical(t).n3() for t in q if t is not None) for q in quads)
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode("utf-8") + b" .\n")
    return digest.hexdigest()


@contextmanager
def hold_lock(lock_path: Path, what: str, timeout: float | None = None) -> Iterator[None]:
    """Hold a writer's file lock (waits up to :data:`LOCK_TIMEOUT` s, then a clear error)."""
    from filelock import FileLock, Timeout

    wait = LOCK_TIMEOUT if timeout is None else timeout
    lock = FileLock(str(lock_path), timeout=wait)
    try:
        lock.acquire()
    except Timeout:
        raise GraphFileError(
            f"{what}: another actorgraph process has been writing for over {wait:.0f} s "
            f"(lock {lock_path}); try again later"
        ) from None
    except OSError as exc:  # the lock file cannot be made (read-only filesystem, a directory in its place…)
        raise WriteError(f"{what}: {os_error_message(exc, lock_path)} (the writers' lock file); "
                         "nothing was written") from None
    try:
        yield
    finally:
        lock.release()
