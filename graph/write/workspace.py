"""Writable graphs (workspaces): init, open, and the TriG file workspace.

A workspace is where ``add``, ``import``, ``remove`` and ``merge`` write
(:mod:`graph.write.edits`), through the common interface of :mod:`graph.write.change`.
Three kinds, chosen by ``init --store`` and by the ``--graph`` value:

* **Oxigraph** (``oxigraph:DIR``, the default for new workspaces): a store
  directory changed incrementally in one transaction per write
  (:mod:`graph.write.workspace_oxigraph`); ``export trig`` gives the file;
* **TriG** (``PATH.trig``): one file holding one named graph per source, for
  small graphs kept under version control; every write is

      lock (``PATH.lock``)  →  load the file afresh  →  build the change
        →  validate it (SHACL + the checks of :mod:`graph.write.validate`)
        →  write a temp file in the same directory, fsync, ``os.replace``

  so a failed or interrupted write leaves the previous file byte-identical;
* **a SPARQL 1.1 server** (``--graph URL --update-endpoint URL``): one
  conditional SPARQL Update per write (:mod:`graph.write.endpoint_writes`).

Two processes writing one file or store serialise on the lock (the second
waits, then re-reads: no lost update). The bundled graph is never written
(:class:`~actorgraph.core.errors.ReadOnlyError`).

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "mine.trig"
>>> ws = init(path, empty=True)
>>> add_actor(ws, "Example Front", "NonStateArmedGroup", aliases=["EF"]).status
'added'
>>> add_actor(ws, "Example Front", "NonStateArmedGroup", aliases=["EF"]).status
'unchanged'
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from rdflib import RDF, RDFS, SKOS, BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from ..core.errors import GraphFileError, ReadOnlyError
from ..core.vocab import AG, AGD
from ..store.graph import ActorGraph, bundled_graph_path, is_store_spec, load
from . import change as _change
from .change import (
    LOCK_TIMEOUT,
    MIN_QUOTE,
    SHACL_LIMIT,
    Change,
    TripleSink,
    WorkspaceBase,
    WriteResult,
    check_change,
    hold_lock,
)
from .edits import (
    GEO,
    USER_SOURCE_ID,
    add_actor,
    add_event,
    add_relation,
    add_source,
    ensure_user_source,
    known_source,
    merge,
    primary_direction,
    remove,
    slug,
    source_iri,
)

__all__ = [
    "Workspace",
    "WorkspaceBase",
    "Change",
    "TripleSink",
    "WriteResult",
    "init",
    "open_workspace",
    "write_trig",
    "atomic_write",
    "check_change",
    "slug",
    "source_iri",
    "ensure_user_source",
    "known_source",
    "primary_direction",
    "add_actor",
    "add_source",
    "add_relation",
    "add_event",
    "remove",
    "merge",
    "USER_SOURCE_ID",
    "SHACL_LIMIT",
    "LOCK_TIMEOUT",
    "MIN_QUOTE",
    "GEO",
    "STORES",
]

_RDF_SUFFIXES = {".trig", ".ttl", ".turtle", ".nt", ".nq", ".jsonld", ".json", ".rdf", ".owl", ".xml", ".n3"}
READ_ONLY = ("the bundled graph is read-only: create a workspace with `actorgraph init my-graph` "
             "and pass --graph oxigraph:my-graph (or init my.trig for a TriG file)")
#: ``init --store`` choices; ``auto``: a path ending in ``.trig`` is a TriG file, anything else an Oxigraph store.
STORES = ("auto", "oxigraph", "trig")
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


# ---------------------------------------------------------------------------
# The workspace: lock, load, validate, atomic write
# ---------------------------------------------------------------------------
class Workspace(WorkspaceBase):
    """A writable TriG file (one named graph per source), rewritten atomically on each write.

    >>> Workspace(None)
    Traceback (most recent call last):
    ...
    actorgraph.core.errors.ReadOnlyError: the bundled graph is read-only: create a workspace with `actorgraph init my-graph` and pass --graph oxigraph:my-graph (or init my.trig for a TriG file)
    """

    store = "trig"

    def __init__(self, path: str | Path | None):
        if path is None or Path(path).resolve() == bundled_graph_path().resolve():
            raise ReadOnlyError(READ_ONLY)
        self.path = Path(path)
        self.location = str(self.path)
        if self.path.suffix.lower() != ".trig":
            raise GraphFileError(
                f"{self.path}: a workspace file must be TriG (.trig), which keeps one named graph per source "
                f"(or use an Oxigraph store: actorgraph init DIR --store oxigraph)"
            )

    def __repr__(self) -> str:
        return f"Workspace({str(self.path)!r})"

    @property
    def lock_path(self) -> Path:
        """The lock file next to the graph (``PATH.lock``)."""
        return self.path.with_name(self.path.name + ".lock")

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the workspace's write lock (waits up to ``change.LOCK_TIMEOUT`` s)."""
        with hold_lock(self.lock_path, str(self.path), _change.LOCK_TIMEOUT):
            yield

    def quads(self) -> Iterator[tuple]:
        """Every data quad of the file."""
        for g in load(self.path).data_graphs():
            for s, p, o in g:
                yield s, p, o, g.identifier

    def load(self) -> ActorGraph:
        """Load the workspace (not under the lock: for reading)."""
        return load(self.path)

    @contextmanager
    def transaction(self, dry_run: bool = False, validate: bool = True) -> Iterator[Change]:
        """Lock, load, yield a :class:`Change`; then validate and write atomically.

        An exception inside the block (or a validation problem, raised as
        :class:`~actorgraph.core.errors.ValidationError`) writes nothing.
        """
        with self.locked():
            if not self.path.exists():
                raise GraphFileError(f"graph file not found: {self.path} (create it with `actorgraph init {self.path}`)")
            self._clean_stale_temps()
            change = Change(load(self.path))
            yield change
            self._check(change, validate)
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
    directory is refused (:func:`actorgraph.store.safeio.write_file`).
    """
    from ..store.safeio import write_file

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
# init and the user source
# ---------------------------------------------------------------------------
def init(path: str | Path, empty: bool = False, seed: str | Path | None = None,
         store: str = "auto") -> WorkspaceBase:
    """Create a workspace at ``path``, seeded with the bundled data (or ``seed``, or nothing).

    ``store``: ``oxigraph`` (a store directory, written incrementally),
    ``trig`` (one file rewritten on each write) or ``auto`` (the default:
    a path ending in ``.trig`` is a TriG file, anything else an Oxigraph
    store). Refuses to overwrite an existing file or store, and an ``http(s)://``
    path in one line (:func:`~actorgraph.write.endpoint_writes.init_endpoint`).
    """
    if store not in STORES:
        raise GraphFileError(f"--store must be one of {', '.join(STORES)}, not {store!r}")
    spec = str(path)
    if spec.startswith(("http://", "https://")):  # a SPARQL server, never a local directory named "http:"
        from .endpoint_writes import init_endpoint

        init_endpoint(spec)
    rdf_file = Path(spec).suffix.lower() in _RDF_SUFFIXES and not spec.startswith("oxigraph:")
    if store == "oxigraph" or (store == "auto" and not rdf_file):
        from .workspace_oxigraph import init_oxigraph

        return init_oxigraph(spec, empty=empty, seed=seed)
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


def open_workspace(path: str | Path | None, update_endpoint: str | None = None) -> WorkspaceBase:
    """The workspace a ``--graph`` value names (``None`` = the bundled graph → ReadOnlyError).

    ``oxigraph:DIR`` or a store directory → :class:`~graph.write.workspace_oxigraph.OxigraphWorkspace`;
    an endpoint URL with ``update_endpoint`` → :class:`~graph.write.endpoint_writes.EndpointWorkspace`;
    a ``.trig`` file → :class:`Workspace`.
    """
    if path is None:
        raise ReadOnlyError(READ_ONLY)
    spec = str(path)
    if spec.startswith(("http://", "https://")):
        if not update_endpoint:
            raise ReadOnlyError(f"{spec}: an endpoint is read-only unless you pass --update-endpoint URL "
                                "(its SPARQL 1.1 Update service)")
        from .endpoint_writes import EndpointWorkspace

        return EndpointWorkspace(spec, update_endpoint)
    if update_endpoint:
        raise GraphFileError("--update-endpoint goes with --graph http(s)://… (a SPARQL endpoint)")
    if spec.startswith("oxigraph:") or (not is_store_spec(spec) and Path(spec).is_dir()):
        from .workspace_oxigraph import OxigraphWorkspace

        return OxigraphWorkspace(spec)
    return Workspace(path)
