"""Writable graphs (workspaces): init, and a locked, validated, atomic write path.

A *workspace* is a TriG file holding one named graph per source document.
Every write goes through :meth:`Workspace.transaction`::

    lock (``PATH.lock``)  →  load the file afresh  →  build the change
      →  validate it (SHACL + the checks of :mod:`graph.validate`)
      →  write a temp file in the same directory, fsync, ``os.replace``

so a failed or interrupted write (an error, ``kill -9``, a full disk) leaves
the previous file byte-identical, and two processes writing at once
serialise on the lock (the second waits, then re-reads the file: no lost
update). The bundled graph is never written (:class:`~actorgraph.errors.ReadOnlyError`).

Statements, actors and events are built by :mod:`graph.statements` with
content-derived ids, so writing the same fact twice adds nothing.

Defaults (see ``docs/workspaces.md``):

* a relation needs a verbatim ``quote`` of at least 10 characters and a
  source (the shapes require both); without ``--source`` it goes to the
  workspace's own source document ``source/user`` ("Workspace notes"),
  created on first use, in its own named graph;
* actors and events added by hand also go to the ``source/user`` graph.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "mine.trig"
>>> ws = init(path, empty=True)
>>> add_actor(ws, "Example Front", "NonStateArmedGroup", aliases=["EF"]).status
'added'
>>> add_actor(ws, "Example Front", "NonStateArmedGroup", aliases=["EF"]).status
'unchanged'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from rdflib import RDF, RDFS, SKOS, BNode, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from .errors import GraphFileError, ReadOnlyError, UnknownNameError, ValidationError
from .model import resolve_place
from .store import ActorGraph, bundled_graph_path, load
from .vocab import AG, AGD, ONTOLOGY_IRI

__all__ = [
    "Workspace",
    "Change",
    "TripleSink",
    "WriteResult",
    "init",
    "open_workspace",
    "write_trig",
    "slug",
    "source_iri",
    "ensure_user_source",
    "add_actor",
    "add_source",
    "add_relation",
    "add_event",
    "remove",
    "merge",
    "USER_SOURCE_ID",
    "SHACL_LIMIT",
    "LOCK_TIMEOUT",
]

#: Id of the workspace's own source document (``agd:source/user``).
USER_SOURCE_ID = "user"
USER_SOURCE_TITLE = "Workspace notes (added with actorgraph add/import)"
#: Above this many changed triples, SHACL and the checks of graph.validate run
#: on a sample of :data:`SHACL_SAMPLE` touched nodes only: importers have
#: already checked every row in Python with the same rules (docs/workspaces.md).
SHACL_LIMIT = int(os.environ.get("ACTORGRAPH_SHACL_LIMIT", "5000"))
SHACL_SAMPLE = 200
#: Seconds a writer waits for another writer's lock before failing clearly.
LOCK_TIMEOUT = float(os.environ.get("ACTORGRAPH_LOCK_TIMEOUT", "120"))
MIN_QUOTE = 10

GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"
_TYPE = RDF.type  # DefinedNamespace attribute access is slow in hot loops
_XSD_STRING = XSD.string
PREFIXES = [
    ("agd", str(AGD)),
    ("ag", str(AG)),
    ("rdf", str(RDF)),
    ("rdfs", str(RDFS)),
    ("skos", str(SKOS)),
    ("xsd", str(XSD)),
    ("dcterms", str(DCTERMS)),
    ("edtf", "http://id.loc.gov/datatypes/edtf/"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("geo", GEO),
]


def source_iri(source_id: str) -> URIRef:
    """IRI of a source document (also the name of its named graph).

    >>> source_iri("user")
    rdflib.term.URIRef('https://w3id.org/actorgraph/id/source/user')
    """
    return AGD["source/" + source_id]


def slug(text: str, fallback: str = "item") -> str:
    """A short, IRI-safe id from a label.

    >>> slug("Tehrik-i-Taliban Pakistan (TTP)")
    'tehrik-i-taliban-pakistan-ttp'
    >>> slug("بلوچستان")[:5]
    'item-'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
    if not out:
        out = f"{fallback}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:10]}"
    return out


# ---------------------------------------------------------------------------
# The change being built inside a transaction
# ---------------------------------------------------------------------------
class TripleSink(set):
    """A set of triples with rdflib's ``Graph.add`` signature.

    :mod:`graph.statements` writes into anything with ``add((s, p, o))``;
    collecting into a set is much faster than an rdflib store for big imports.

    >>> sink = TripleSink()
    >>> sink.add((AGD.a, RDFS.label, Literal("A")))
    >>> len(sink)
    1
    """


@dataclass
class Change:
    """What one transaction adds and removes, per named graph.

    ``kg`` is the graph as loaded under the lock; ``graph(name)`` returns the
    sink new triples of that named graph go into.
    """

    kg: ActorGraph
    added: dict[URIRef, TripleSink] = field(default_factory=lambda: defaultdict(TripleSink))
    removed: dict[URIRef, set] = field(default_factory=lambda: defaultdict(set))
    force_shacl: bool = False
    # filled at commit
    new: dict[URIRef, set] = field(default_factory=dict)
    gone: dict[URIRef, set] = field(default_factory=dict)

    def graph(self, name: URIRef) -> TripleSink:
        """The sink for new triples of named graph ``name``."""
        return self.added[name]

    def remove(self, name: URIRef, triple: tuple) -> None:
        """Remove ``triple`` from named graph ``name``."""
        self.removed[name].add(triple)

    def exists(self, triple: tuple) -> bool:
        """Whether the loaded graph (any named graph) holds ``triple``."""
        return triple in self.kg.dataset

    def net(self) -> None:
        """Compute the net additions/removals against the loaded graph."""
        existing = {g.identifier: g for g in self.kg.data_graphs()}
        self.new, self.gone = {}, {}
        for name, triples in self.added.items():
            g = existing.get(name)
            if g is None or not len(g):
                fresh = set(triples)
            elif len(triples) > len(g) // 4:
                fresh = set(triples) - set(g)
            else:
                fresh = {t for t in triples if t not in g}
            fresh -= self.removed.get(name, set())
            if fresh:
                self.new[name] = fresh
        for name, triples in self.removed.items():
            g = existing.get(name)
            if g is None:
                continue
            gone = {t for t in triples if t in g}
            if gone:
                self.gone[name] = gone

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
        typed = set(self.kg.dataset.subjects(_TYPE, None))
        seen: set = set()
        for triples in self.new.values():
            for s, p, o in triples:
                if p == _TYPE and s not in seen and s not in typed:
                    kind = kind_of.get(o)
                    if kind is not None:
                        out[kind] += 1
                        seen.add(s)
        out["triples added"] = sum(map(len, self.new.values()))
        out["triples removed"] = sum(map(len, self.gone.values()))
        return out


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
# The workspace: lock, load, validate, atomic write
# ---------------------------------------------------------------------------
class Workspace:
    """A writable graph file.

    >>> Workspace(None)
    Traceback (most recent call last):
    ...
    actorgraph.errors.ReadOnlyError: the bundled graph is read-only: create a workspace with `actorgraph init my.trig` and pass --graph my.trig
    """

    def __init__(self, path: str | Path | None):
        if path is None or Path(path).resolve() == bundled_graph_path().resolve():
            raise ReadOnlyError(
                "the bundled graph is read-only: create a workspace with `actorgraph init my.trig` "
                "and pass --graph my.trig"
            )
        self.path = Path(path)
        if self.path.suffix.lower() != ".trig":
            raise GraphFileError(
                f"{self.path}: a workspace must be a TriG file (.trig), which keeps one named graph per source"
            )

    def __repr__(self) -> str:
        return f"Workspace({str(self.path)!r})"

    @property
    def lock_path(self) -> Path:
        """The lock file next to the graph (``PATH.lock``)."""
        return self.path.with_name(self.path.name + ".lock")

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the workspace's write lock (waits up to :data:`LOCK_TIMEOUT` s)."""
        from filelock import FileLock, Timeout

        lock = FileLock(str(self.lock_path), timeout=LOCK_TIMEOUT)
        try:
            lock.acquire()
        except Timeout:
            raise GraphFileError(
                f"{self.path}: another actorgraph process has been writing for over {LOCK_TIMEOUT:.0f} s "
                f"(lock {self.lock_path}); try again later"
            ) from None
        try:
            yield
        finally:
            lock.release()

    def load(self) -> ActorGraph:
        """Load the workspace (not under the lock: for reading)."""
        return load(self.path)

    @contextmanager
    def transaction(self, dry_run: bool = False, validate: bool = True) -> Iterator[Change]:
        """Lock, load, yield a :class:`Change`; then validate and write atomically.

        An exception inside the block (or a validation problem, raised as
        :class:`~actorgraph.errors.ValidationError`) writes nothing.
        """
        with self.locked():
            if not self.path.exists():
                raise GraphFileError(f"graph file not found: {self.path} (create it with `actorgraph init {self.path}`)")
            self._clean_stale_temps()
            change = Change(load(self.path))
            yield change
            change.net()
            if validate:
                problems = check_change(change)
                if problems:
                    raise ValidationError(problems)
            if not dry_run and change.size:
                self._write(change)

    def _clean_stale_temps(self) -> None:
        # temp files of writers killed mid-write (we hold the lock: none is live)
        for stale in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            try:
                stale.unlink()
            except OSError:
                pass

    def _write(self, change: Change) -> None:
        graphs: dict[URIRef, set] = {}
        for g in change.kg.data_graphs():
            graphs[g.identifier] = set(g) if g.identifier not in change.gone else set(g) - change.gone[g.identifier]
        for name, triples in change.new.items():
            graphs.setdefault(name, set()).update(triples)
        atomic_write(self.path, lambda fh: write_trig(graphs, fh))


def atomic_write(path: Path, writer) -> None:
    """Write ``path`` through a temp file in the same directory, fsync, rename.

    ``writer(fh)`` gets a text file. The previous content stays intact until
    the final ``os.replace`` (atomic on POSIX); the directory is fsynced after.
    A symlink's target is replaced (the link stays); a device, FIFO or
    directory is refused (:func:`actorgraph.safeio.write_file`).
    """
    from .safeio import write_file

    write_file(path, writer, fsync=True)


# ---------------------------------------------------------------------------
# A fast, deterministic TriG writer
# ---------------------------------------------------------------------------
_PN_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_\-/.]*[A-Za-z0-9_\-/])?")
_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _iri_text(iri: str, cache: dict[str, str]) -> str:
    text = cache.get(iri)
    if text is not None:
        return text
    text = ""
    for prefix, ns in PREFIXES:
        if iri.startswith(ns):
            local = iri[len(ns):]
            if _PN_LOCAL.fullmatch(local):
                text = prefix + ":" + local.replace("/", "\\/")
            break
    if not text:
        text = "<" + _IRI_BAD.sub(lambda m: f"\\u{ord(m.group()):04X}", iri) + ">"
    if len(cache) < 500_000:
        cache[iri] = text
    return text


def _literal_text(lit: Literal, cache: dict[str, str]) -> str:
    value = str(lit)
    if "\\" in value or '"' in value or "\n" in value or "\r" in value:
        value = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if lit.language:
        return f'"{value}"@{lit.language}'
    if lit.datatype is not None and lit.datatype != _XSD_STRING:
        return f'"{value}"^^{_iri_text(str(lit.datatype), cache)}'
    return f'"{value}"'


def _term_text(term, cache: dict[str, str]) -> str:
    if type(term) is URIRef or isinstance(term, URIRef):
        text = cache.get(term)
        return text if text is not None else _iri_text(str(term), cache)
    if isinstance(term, Literal):
        return _literal_text(term, cache)
    if isinstance(term, BNode):
        return "_:" + re.sub(r"[^A-Za-z0-9_]", "_", str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def write_trig(graphs: dict[URIRef, Iterable[tuple]], out: IO[str]) -> None:
    """Write named graphs as TriG: sorted, one block per graph, subjects grouped.

    Deterministic (same data → same bytes) and fast enough for millions of
    triples; the output parses with rdflib and oxigraph.

    >>> import io
    >>> buf = io.StringIO()
    >>> write_trig({source_iri("user"): [(AGD.x, RDFS.label, Literal('say "hi"'))]}, buf)
    >>> print(buf.getvalue().splitlines()[-3])
    agd:source\\/user {
    """
    cache: dict[str, str] = {}
    for prefix, ns in PREFIXES:
        out.write(f"@prefix {prefix}: <{ns}> .\n")
    default_ids = {URIRef("urn:x-rdflib:default")}
    for name in sorted(graphs, key=str):
        triples = graphs[name]
        by_subject: dict[Any, list] = defaultdict(list)
        for s, p, o in triples:
            by_subject[s].append((p, o))
        if not by_subject:
            continue
        head = "{" if name in default_ids or isinstance(name, BNode) else f"{_term_text(name, cache)} {{"
        out.write("\n" + head + "\n")
        for subject in sorted(by_subject, key=str):
            items = sorted((_term_text(p, cache), _term_text(o, cache)) for p, o in by_subject[subject])
            lines: list[str] = []
            last_p = None
            type_objs = [o for p, o in items if p == "rdf:type"]
            if type_objs:
                lines.append("a " + ", ".join(type_objs))
            for p, o in items:
                if p == "rdf:type":
                    continue
                if p == last_p:
                    lines[-1] += ", " + o
                else:
                    lines.append(p + " " + o)
                    last_p = p
            out.write("    " + _term_text(subject, cache) + " " + " ;\n        ".join(lines) + " .\n")
        out.write("}\n")


# ---------------------------------------------------------------------------
# Validation of a change: SHACL + graph.validate checks on the touched nodes
# ---------------------------------------------------------------------------
def check_change(change: Change) -> list[str]:
    """Validate the nodes a change touches (with their neighbours as context).

    Runs :func:`graph.validate.validate` on a small dataset: every triple of
    each touched node after the change, plus the triples of the nodes they
    point to (so ``sh:class`` checks see types). Problems are kept only for
    touched nodes. Skipped above :data:`SHACL_LIMIT` changed triples unless
    ``change.force_shacl`` (importers check such rows in Python).
    """
    if not change.size:
        return []
    if change.size > SHACL_LIMIT and not change.force_shacl:
        return []
    from .model import local_id
    from .validate import validate

    kg = change.kg
    added_by_s: dict[Any, list] = defaultdict(list)
    for triples in change.new.values():
        for t in triples:
            added_by_s[t[0]].append(t)
    gone: set = set().union(*change.gone.values()) if change.gone else set()
    touched = set(added_by_s) | {t[0] for t in gone}
    for s, _, _ in list(gone):  # whoever pointed at a node that lost triples
        touched.update(x for x in kg.dataset.subjects(None, s) if isinstance(x, URIRef))
    if change.size > SHACL_LIMIT and not change.force_shacl:
        touched = set(sorted(touched, key=lambda n: hashlib.sha1(str(n).encode()).digest())[:SHACL_SAMPLE])

    def after(node) -> list:
        return [t for t in kg.dataset.triples((node, None, None)) if t not in gone] + added_by_s.get(node, [])

    ds = Dataset(default_union=True)
    onto = ds.graph(ONTOLOGY_IRI)
    for t in kg.dataset.graph(ONTOLOGY_IRI):
        onto.add(t)
    g = ds.graph(AGD["validation"])
    context: set = set()
    for node in touched:
        for t in after(node):
            g.add(t)
            if isinstance(t[2], URIRef) and str(t[2]).startswith(str(AGD)) and t[2] not in touched:
                context.add(t[2])
    for node in context:
        for t in after(node):
            g.add(t)
    ids = {local_id(n) for n in touched}
    problems = []
    for line in validate(ActorGraph(ds, read_only=True)):
        head = line[len("shacl: "):] if line.startswith("shacl: ") else line
        first = re.split(r"[ :]", head, maxsplit=1)[0]
        if first in ids:
            problems.append(line)
    return problems


# ---------------------------------------------------------------------------
# init and the user source
# ---------------------------------------------------------------------------
def init(path: str | Path, empty: bool = False, seed: str | Path | None = None) -> Workspace:
    """Create a writable TriG graph at ``path``, seeded with the bundled data.

    ``empty=True`` writes a graph with no data. Refuses to overwrite an
    existing file. ``seed`` (a graph file) replaces the bundled data.
    """
    ws = Workspace(path)
    if ws.path.exists():
        raise GraphFileError(f"{ws.path}: already exists; init never overwrites a graph (remove it first)")
    ws.path.parent.mkdir(parents=True, exist_ok=True)
    graphs: dict[URIRef, set] = {}
    if not empty:
        kg = load(seed) if seed is not None else load(bundled_graph_path())
        for g in kg.data_graphs():
            graphs[g.identifier] = set(g)
    with ws.locked():
        if ws.path.exists():
            raise GraphFileError(f"{ws.path}: already exists; init never overwrites a graph (remove it first)")
        atomic_write(ws.path, lambda fh: write_trig(graphs, fh))
    return ws


def open_workspace(path: str | Path | None) -> Workspace:
    """A :class:`Workspace` for ``path`` (``None`` = the bundled graph → ReadOnlyError)."""
    return Workspace(path)


def ensure_user_source(change: Change) -> URIRef:
    """The workspace's own source document, created (with today's date) on first use."""
    src = source_iri(USER_SOURCE_ID)
    if not change.exists((src, RDF.type, AG.SourceDocument)) and (src, RDF.type, AG.SourceDocument) not in change.graph(src):
        g = change.graph(src)
        g.add((src, RDF.type, AG.SourceDocument))
        g.add((src, DCTERMS.title, Literal(USER_SOURCE_TITLE)))
        g.add((src, DCTERMS.issued, Literal(dt.date.today().isoformat(), datatype=XSD.date)))
    return src


def known_source(change: Change, source_id: str | None) -> URIRef:
    """Resolve a source id (``None`` → the user source); unknown ids raise with suggestions."""
    import difflib

    if not source_id:
        return ensure_user_source(change)
    sid = source_id.removeprefix("source/")
    src = source_iri(sid)
    if change.exists((src, RDF.type, AG.SourceDocument)) or (src, RDF.type, AG.SourceDocument) in change.graph(src):
        return src
    if sid == USER_SOURCE_ID:
        return ensure_user_source(change)
    ids = [str(s)[len(str(AGD)) + len("source/"):] for s in change.kg.dataset.subjects(RDF.type, AG.SourceDocument)]
    raise UnknownNameError(source_id, difflib.get_close_matches(sid, ids, n=3), "source")


# ---------------------------------------------------------------------------
# add / remove / merge
# ---------------------------------------------------------------------------
def _result(change: Change, node: URIRef, detail: str = "") -> WriteResult:
    from .model import local_id

    change.net()
    return WriteResult("added" if change.size else "unchanged", local_id(node), change.counts(), detail)


def _finish(ws: Workspace, build, dry_run: bool = False) -> WriteResult:
    with ws.transaction(dry_run=dry_run) as change:
        result = build(change)
    if result.status == "added" and dry_run:
        result.status = "would add"
    return result


def add_actor(
    ws: Workspace,
    label: str,
    type: str,
    aliases: Iterable[str] = (),
    description: str | None = None,
    id: str | None = None,
    dry_run: bool = False,
) -> WriteResult:
    """Add an actor (or extend the one with that exact label: new aliases).

    The id is ``slug(label)`` unless ``id`` is given. A label that is already
    another actor's alias is refused (it would make names ambiguous).
    """
    from .model import _kind_nodes, _norm, local_id, resolve
    from .statements import add_actor as write_actor

    if not label.strip():
        raise ValidationError(["an actor needs a non-empty label"])

    def build(change: Change) -> WriteResult:
        kg = change.kg
        cls = kg.ontology.resolve_class(type, AG.Actor)
        nodes = _kind_nodes(kg, AG.Actor)
        node = None
        try:
            found = resolve(kg, label)
        except UnknownNameError:
            found = None
        if found is not None:
            rec = nodes.get(found, {})
            if _norm(rec.get("label", "")) != _norm(label) and _norm(local_id(found)) != _norm(label):
                raise ValidationError([f"{label!r} is already a name of {rec.get('label')} ({local_id(found)}); use that actor or merge"])
            node = found
            if cls not in rec.get("types", set()):
                have = ", ".join(sorted(local_id(t) for t in rec.get("types", set())))
                raise ValidationError([f"{label!r} already exists ({local_id(found)}) with type {have}, not {local_id(cls)}"])
        if node is None:
            node = AGD[id] if id else AGD[slug(label, "actor")]
            if (node, None, None) in kg.dataset:
                raise ValidationError([f"id {local_id(node)!r} is taken by {local_id(node)}; pass another --id"])
        src = ensure_user_source(change)
        rec = nodes.get(node)
        if rec is None:
            write_actor(change.graph(src), node, label, [cls], aliases, description)
        else:
            g = change.graph(src)
            for alias in aliases:
                g.add((node, SKOS.altLabel, Literal(alias)))
            if description and not rec.get("description"):
                g.add((node, AG.description, Literal(description)))
        return _result(change, node)

    return _finish(ws, build, dry_run)


def add_source(
    ws: Workspace,
    source_id: str,
    title: str,
    date: str,
    author: str | None = None,
    publisher: str | None = None,
    series: str | None = None,
    number: str | None = None,
    isbn: str | None = None,
    url: str | None = None,
    citation: str | None = None,
    dry_run: bool = False,
) -> WriteResult:
    """Add a source document (its own named graph) with a bibliographic record.

    ``date`` must be a full day (``dcterms:issued`` is an ``xsd:date``).
    """
    from .dates import parse_date

    if slug(source_id) != source_id:
        raise ValidationError([f"source id {source_id!r} must be lowercase letters, digits and dashes (e.g. {slug(source_id)!r})"])
    day = parse_date(date)
    if day.precision != "day":
        raise ValidationError([f"--date {date!r}: a source's date must be a full day YYYY-MM-DD (dcterms:issued is an xsd:date)"])
    if not title.strip():
        raise ValidationError(["a source needs a non-empty --title"])

    from .statements import add_source as write_source

    def build(change: Change) -> WriteResult:
        src = source_iri(source_id)
        existing_title = change.kg.dataset.value(src, DCTERMS.title)
        if existing_title is not None and str(existing_title) != title:
            raise ValidationError([f"source {source_id!r} exists with another title ({existing_title!s}); pick another id"])
        write_source(
            change.graph(src), src, title, day.text if existing_title is None else None,
            series=series, number=number, isbn=isbn, citation=citation, url=url,
            creators=[_actor_or_literal(change, author)] if author else (),
            publishers=[_actor_or_literal(change, publisher)] if publisher else (),
        )
        return _result(change, src)

    return _finish(ws, build, dry_run)


def _actor_or_literal(change: Change, name: str):
    from .model import resolve

    try:
        return resolve(change.kg, name)
    except UnknownNameError:
        return Literal(name)


def add_relation(
    ws: Workspace,
    subject: str,
    relation: str,
    obj: str,
    start: str | None = None,
    end: str | None = None,
    quote: str | None = None,
    source: str | None = None,
    claimed_by: str | None = None,
    dry_run: bool = False,
) -> WriteResult:
    """Add a relation statement; names resolve through labels and aliases.

    ``quote`` is required (≥ 10 characters, stored verbatim); ``source``
    defaults to the workspace's own source ``source/user``.
    """
    from .dates import parse_date
    from .model import resolve

    if not quote or len(quote.strip()) < MIN_QUOTE:
        raise ValidationError([
            f"a relation needs --quote TEXT (at least {MIN_QUOTE} characters): the verbatim passage that supports it"
        ])
    s_date = parse_date(start) if start else None
    e_date = parse_date(end) if end else None
    if s_date and e_date and e_date.latest < s_date.earliest:
        raise ValidationError([f"--end {end} is before --start {start}"])

    def build(change: Change) -> WriteResult:
        from .statements import add_statement

        kg = change.kg
        rtype = kg.ontology.relation(relation)
        subj, other = resolve(kg, subject), resolve(kg, obj)
        rtype, subj, other = primary_direction(kg, rtype, subj, other)
        claimants = [resolve(kg, claimed_by)] if claimed_by else []
        src = known_source(change, source)
        node = add_statement(change.graph(src), subj, rtype.iri, other, start=start, end=end, quote=quote,
                             source=src, claimed_by=claimants, symmetric=rtype.symmetric)
        return _result(change, node)

    return _finish(ws, build, dry_run)


def primary_direction(kg: ActorGraph, rtype, subj: URIRef, obj: URIRef):
    """Turn a declared inverse ("attacked by") into its forward type, swapping the ends."""
    onto = kg.ontology
    primary = {r.iri for r in onto.primary_relations()}
    if rtype.iri in primary:
        return rtype, subj, obj
    for r in onto.relations.values():
        if r.iri in primary and (r.inverse == rtype.iri or rtype.inverse == r.iri):
            return r, obj, subj
    return rtype, subj, obj


def add_event(
    ws: Workspace,
    label: str,
    type: str,
    date: str,
    end: str | None = None,
    agents: Iterable[str] = (),
    targets: Iterable[str] = (),
    places: Iterable[str] = (),
    quote: str | None = None,
    source: str | None = None,
    dry_run: bool = False,
) -> WriteResult:
    """Add an event (id derived from type, label and date)."""
    from .dates import parse_date
    from .model import local_id, resolve
    from .statements import add_event as write_event

    first = parse_date(date)
    if end and parse_date(end).latest < first.earliest:
        raise ValidationError([f"--end {end} is before --date {date}"])

    def build(change: Change) -> WriteResult:
        kg = change.kg
        cls = kg.ontology.resolve_class(type, AG.Event)
        src = known_source(change, source)
        key = "|".join([local_id(cls), label, first.text])
        node = AGD[f"event/{slug(label, 'event')[:40]}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}"]
        write_event(change.graph(src), node, cls, label, date=first.text, end=end,
                    agents=[resolve(kg, a) for a in agents], targets=[resolve(kg, t) for t in targets],
                    places=[resolve_place(kg, p) for p in places], quote=quote, source=src)
        return _result(change, node)

    return _finish(ws, build, dry_run)




def _referrers(kg: ActorGraph, node: URIRef) -> list[tuple]:
    return [(s, p) for s, p in kg.dataset.subject_predicates(node) if s != node]


def remove(ws: Workspace, identifier: str, dry_run: bool = False) -> WriteResult:
    """Remove a statement, actor, place, event, figure or source by id (or actor name).

    Refuses to remove a node that other nodes still refer to (a statement's
    subject, an event's agent, a statement's source…) and lists them; merge
    or remove those first. A statement's direct triple goes too unless
    another statement still asserts it.
    """
    from .model import iri, local_id, resolve

    def build(change: Change) -> WriteResult:
        kg = change.kg
        node = iri(identifier)
        if (node, None, None) not in kg.dataset:
            try:
                node = resolve(kg, identifier)
            except UnknownNameError as exc:
                raise UnknownNameError(identifier, exc.suggestions, "id") from None
        refs = _referrers(kg, node)
        is_statement = (node, RDF.type, AG.Statement) in kg.dataset
        if is_statement:
            refs = [(s, p) for s, p in refs if (s, RDF.type, AG.Statement) in kg.dataset and p == AG.about]
        else:
            refs = [(s, p) for s, p in refs if not _is_direct(kg, s, p)]
        if refs:
            shown = ", ".join(f"{local_id(s)} ({local_id(p)})" for s, p in refs[:5])
            raise ValidationError([
                f"{local_id(node)} is still referred to by {len(refs)} node(s): {shown}"
                f"{' …' if len(refs) > 5 else ''}; remove or merge those first"
            ])
        for g in kg.data_graphs():
            for t in g.triples((node, None, None)):
                change.remove(g.identifier, t)
            if not is_statement:
                for t in g.triples((None, None, node)):  # direct triples of removed statements only
                    change.remove(g.identifier, t)
        if is_statement:
            _remove_direct_triples(change, node)
        change.net()
        if not change.size:
            return WriteResult("unchanged", local_id(node))
        return WriteResult("removed", local_id(node), change.counts())

    return _finish(ws, build, dry_run)


def _is_direct(kg: ActorGraph, s, p) -> bool:
    """Whether (s p node) is a direct relation triple (not a statement's qualifier)."""
    return p in kg.ontology.relations and (s, RDF.type, AG.Statement) not in kg.dataset


def _remove_direct_triples(change: Change, st: URIRef) -> None:
    from .statements import HYPOTHETICAL_STATUSES

    kg = change.kg
    ds = kg.dataset
    subj, pred = ds.value(st, AG.subject), ds.value(st, AG.predicate)
    ends = [o for o in ds.objects(st, AG.object)] or list(ds.objects(st, AG.party))
    rtype = kg.ontology.relations.get(pred)
    for other in ends:
        pairs = [(subj, other)] + ([(other, subj)] if rtype is not None and rtype.symmetric else [])
        for a, b in pairs:
            still = False
            for other_st in ds.subjects(AG.predicate, pred):
                if other_st == st or ds.value(other_st, AG.status) in HYPOTHETICAL_STATUSES:
                    continue
                s2 = ds.value(other_st, AG.subject)
                e2 = set(ds.objects(other_st, AG.object)) | set(ds.objects(other_st, AG.party))
                if ({s2} | e2) >= {a, b} and (s2 in (a, b)):
                    still = True
                    break
            if not still:
                for g in kg.data_graphs():
                    if (a, pred, b) in g:
                        change.remove(g.identifier, (a, pred, b))


def merge(ws: Workspace, duplicate: str, into: str, dry_run: bool = False) -> WriteResult:
    """Merge actor ``duplicate`` into ``into``: names, statements and events move over.

    The duplicate's label and aliases become aliases of ``into``; every
    triple pointing at it is rewritten; statements are re-identified from
    their new content (references via ``ag:about`` follow). Nothing else is
    lost: a second description is kept as an ``ag:note``.
    """
    from .model import local_id, resolve
    from .statements import statement_id

    def build(change: Change) -> WriteResult:
        kg = change.kg
        ds = kg.dataset
        dup, target = resolve(kg, duplicate), resolve(kg, into)
        if dup == target:
            raise ValidationError([f"{duplicate!r} and {into!r} are the same actor ({local_id(dup)})"])
        onto = kg.ontology
        statements = set()
        for g in kg.data_graphs():
            name = g.identifier
            for t in list(g.triples((dup, None, None))):
                change.remove(name, t)
                _, p, o = t
                if p == RDF.type:
                    continue
                if p == RDFS.label or p == SKOS.altLabel:
                    change.graph(name).add((target, SKOS.altLabel, o))
                elif p == AG.description:
                    if ds.value(target, AG.description) is None:
                        change.graph(name).add((target, AG.description, o))
                    else:
                        change.graph(name).add((target, AG.note, Literal(f"merged from {local_id(dup)}: {o}")))
                else:
                    change.graph(name).add((target, p, o))
            for s, p, _o in list(g.triples((None, None, dup))):
                change.remove(name, (s, p, dup))
                if (s, RDF.type, AG.Statement) in ds:
                    statements.add(s)
                else:
                    change.graph(name).add((s if s != dup else target, p, target))
        # re-identify rewritten statements from their new content
        renamed: dict[URIRef, URIRef] = {}
        ends: dict[URIRef, tuple] = {}

        def sub(x):
            return target if x == dup else x

        def lit(st, p):
            value = ds.value(st, p)
            return str(value) if value is not None else None

        for st in statements:
            pred = ds.value(st, AG.predicate)
            rtype = onto.relations.get(pred)
            subj, obj = sub(ds.value(st, AG.subject)), ds.value(st, AG.object)
            obj = sub(obj) if obj is not None else None
            if rtype is not None and rtype.symmetric and obj is not None and str(obj) < str(subj):
                subj, obj = obj, subj
            ends[st] = (subj, obj)
            renamed[st] = statement_id(
                subj, pred, obj, [sub(x) for x in ds.objects(st, AG.party)], lit(st, AG.start), lit(st, AG.end),
                [sub(x) for x in ds.objects(st, AG.claimedBy)], ds.value(st, AG.source), lit(st, AG.quote),
                ds.value(st, AG.status),
            )
        for g in kg.data_graphs():
            name = g.identifier
            for st, new in renamed.items():
                for t in list(g.triples((st, None, None))):
                    _, p, o = t
                    change.remove(name, t)
                    if p == AG.subject:
                        o = ends[st][0]
                    elif p == AG.object:
                        o = ends[st][1]
                    else:
                        o = renamed.get(o, sub(o))
                    change.graph(name).add((new, p, o))
                for s, p, _ in list(g.triples((None, None, st))):
                    change.remove(name, (s, p, st))
                    change.graph(name).add((renamed.get(s, s), p, new))
        change.net()
        return WriteResult("merged", local_id(target), change.counts(),
                           f"{local_id(dup)} → {local_id(target)}: {len(statements)} statement(s) moved")

    return _finish(ws, build, dry_run)
