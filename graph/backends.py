"""Store backends behind :class:`graph.store.ActorGraph`: Oxigraph on disk and SPARQL endpoints.

:func:`graph.store.load` picks one from the ``--graph`` value:

* a file → rdflib in memory (:class:`graph.store.ActorGraph`, the default);
* ``oxigraph:DIR`` → :class:`OxigraphGraph`, a persistent pyoxigraph store
  (fill it with :func:`bulk_load`, i.e. ``actorgraph load SOURCE --into oxigraph:DIR``);
* ``http://…`` / ``https://…`` → :class:`EndpointGraph`, any SPARQL 1.1
  Protocol endpoint whose default graph is the union of its graphs (e.g.
  ``oxigraph serve --union-default-graph``, Fuseki with ``unionDefaultGraph``).

Every backend answers the same SPARQL and returns the same rdflib terms, so
the model layer cannot tell them apart. Every query first passes the one
guard, :func:`actorgraph.sparqlguard.guard` (parsed by rdflib: no update, no
``SERVICE``, ``FROM`` only naming the store's own graphs), and relative IRIs
resolve against :data:`~actorgraph.sparqlguard.BASE_IRI` everywhere.

Parameters are bound the way rdflib's ``initBindings`` binds them (visible
everywhere in the query, subqueries included). On Oxigraph they go through
pyoxigraph's own ``substitutions=`` whenever that means the same (every bound
variable projected, none inside a sub-select: SEP-0007 substitution neither
accepts unprojected variables nor reaches sub-selects); otherwise, and on
endpoints (the protocol has no parameters), :func:`bind_values` joins every
group with a one-row ``VALUES`` block built from escaped terms
(:func:`sparql_term`). User strings never enter the query text unescaped.
"""

from __future__ import annotations

import functools
import io
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.namespace import RDF, XSD
from rdflib.query import Result

from .errors import GraphFileError, QueryError, QueryRefused
from .ontology import ontology_path
from .sparqlguard import BASE_IRI, GuardedQuery, guard, inspect_query
from .store import PREFIXES, ActorGraph, _term, bundled_graph_path, rdf_format_for, register_opener
from .vocab import AG, AGD, ONTOLOGY_IRI

__all__ = [
    "OxigraphGraph",
    "EndpointGraph",
    "bulk_load",
    "bind_values",
    "sparql_term",
    "prefix_block",
    "OXIGRAPH_SCHEME",
]

OXIGRAPH_SCHEME = "oxigraph:"
_XSD_STRING = str(XSD.string)
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


# ---------------------------------------------------------------------------
# Safe parameter binding
# ---------------------------------------------------------------------------
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANG = re.compile(r"^[A-Za-z]+(-[A-Za-z0-9]+)*$")


def _escape_string(text: str) -> str:
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")  # SPARQL 1.1 unescapes \\u before parsing: safe for controls only
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _iri(text: str) -> str:
    if not text or _BAD_IRI.search(text):
        raise QueryError(f"not a bindable IRI: {text!r}")
    return f"<{text}>"


def sparql_term(value: Any) -> str:
    """SPARQL text of a term, escaped so that it can only ever be one term.

    >>> sparql_term(URIRef("https://w3id.org/actorgraph/id/ttp"))
    '<https://w3id.org/actorgraph/id/ttp>'
    >>> sparql_term('x" } ; DROP ALL #')
    '"x\\\\" } ; DROP ALL #"'
    >>> sparql_term(URIRef("http://x/> } <y"))
    Traceback (most recent call last):
    actorgraph.errors.QueryError: not a bindable IRI: 'http://x/> } <y'
    """
    term = _term(value)
    if isinstance(term, URIRef):
        return _iri(str(term))
    if isinstance(term, Literal):
        lexical = _escape_string(str(term))
        if term.language:
            if not _LANG.match(term.language):
                raise QueryError(f"not a language tag: {term.language!r}")
            return f"{lexical}@{term.language}"
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f"{lexical}^^{_iri(str(term.datatype))}"
        return lexical
    raise QueryError(f"cannot bind {type(value).__name__} {value!r} (only IRIs and literals)")


# A small SPARQL lexer: enough to find keywords and braces outside strings, IRIs and comments.
_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7-\uFFFF]+)
  | (?P<word>[A-Za-z_][A-Za-z0-9_.\-]*(?::[^\s{}();,\[\]]*)?|:[^\s{}();,\[\]]*)
  | (?P<open>\{)
  | (?P<close>\})
  | (?P<other>\S)
    """,
    re.VERBOSE | re.DOTALL,
)


def _tokens(query: str) -> Iterator[tuple[str, str, int]]:
    for m in _TOKEN.finditer(query):
        kind = m.lastgroup or "other"
        if kind != "comment":
            yield kind, m.group(), m.start()


def query_form(query: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE`` (from the parsed query) or ``UPDATE``.

    >>> query_form("PREFIX x: <http://x/> select * {}")
    'SELECT'
    """
    try:
        return inspect_query(query).form
    except QueryRefused:
        return "UPDATE"


def _group_braces(query: str) -> list[tuple[int, int]]:
    """(start, end) of each graph pattern group: just after its ``{``, at its ``}``.

    Skipped: CONSTRUCT templates, ``VALUES`` data blocks and the braces
    around a sub-SELECT (its own WHERE group is counted). Raises on the
    ``CONSTRUCT WHERE { … }`` short form, which has no group to bind in.
    """
    toks = list(_tokens(query))
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        kind, text, pos = toks[i]
        word = text.upper() if kind == "word" else ""
        if word == "CONSTRUCT" and i + 1 < len(toks):
            if toks[i + 1][0] == "open":  # the template: skip to its closing brace
                i += 2
                while i < len(toks) and toks[i][0] != "close":
                    i += 1
            elif toks[i + 1][1].upper() == "WHERE":
                raise QueryError("cannot bind parameters in the CONSTRUCT WHERE { … } short form")
        elif word == "VALUES":  # a data block: skip to its closing brace
            while i < len(toks) and toks[i][0] != "open":
                i += 1
            while i < len(toks) and toks[i][0] != "close":
                i += 1
        elif kind == "open":
            following = toks[i + 1][1].upper() if i + 1 < len(toks) else ""
            if following != "SELECT":
                depth, j = 0, i
                while j < len(toks):
                    depth += {"open": 1, "close": -1}.get(toks[j][0], 0)
                    if depth == 0:
                        break
                    j += 1
                out.append((pos + 1, toks[j][2] if j < len(toks) else len(query)))
        i += 1
    return out


def bind_values(query: str, bindings: Mapping[str, Any]) -> str:
    """Bind parameters by a one-row ``VALUES`` block at the start of every group.

    Only variables the query mentions are bound; the values are escaped
    terms (:func:`sparql_term`). Joining every group (UNION branches,
    OPTIONALs, EXISTS, subqueries…) with the row is substituting the value
    for the variable, which is what rdflib's ``initBindings`` does: FILTERs
    and BINDs see the value wherever they are.

    >>> bind_values("SELECT ?l WHERE { ?a rdfs:label ?l }", {"a": URIRef("http://x/a")})
    'SELECT ?l WHERE { VALUES (?a) { (<http://x/a>) } ?a rdfs:label ?l }'
    """
    mentioned = {text[1:] for kind, text, _ in _tokens(query) if kind == "var"}
    pairs = [(name, sparql_term(value)) for name, value in bindings.items() if value is not None and name in mentioned]
    if not pairs:
        return query
    for name, _ in pairs:
        if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
            raise QueryError(f"bad parameter name {name!r}")
    spans = _group_braces(query)
    if not spans:
        raise QueryError("cannot bind parameters: no WHERE group found in the query")
    inserts = []
    for start, end in spans:  # only groups that mention a variable (at any depth) need its value
        inside = {text[1:] for kind, text, _ in _tokens(query[start:end]) if kind == "var"}
        here = [(n, t) for n, t in pairs if n in inside]
        if here:
            block = " VALUES ({}) {{ ({}) }}".format(" ".join("?" + n for n, _ in here), " ".join(t for _, t in here))
            inserts.append((start, block))
    for pos, block in sorted(inserts, reverse=True):
        query = query[:pos] + block + query[pos:]
    return query


def prefix_block(query: str) -> str:
    """``PREFIX`` lines for the default prefixes the query does not declare itself."""
    declared = {m.group(1) for m in re.finditer(r"(?im)^\s*PREFIX\s+([A-Za-z0-9_.-]*):", query)}
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items() if p not in declared)


def _bound(checked: GuardedQuery, bindings: Mapping[str, Any]) -> dict[str, Any]:
    """The bindings of variables the query mentions (others would change nothing)."""
    return {k: v for k, v in bindings.items() if v is not None and k in checked.variables}


def _select_result(variables: list[str], rows: Iterable[dict[str, Any]]) -> Result:
    result = Result("SELECT")
    result.vars = [Variable(v) for v in variables]
    result.bindings = [{Variable(k): v for k, v in row.items()} for row in rows]
    return result


def _rows(result: Result) -> list[dict[str, Any]]:
    names = [str(v) for v in result.vars or []]
    return [{n: row[i] for i, n in enumerate(names) if row[i] is not None} for row in result]


class _RemoteMixin:
    """select/ask over :meth:`_run` results, and data export from :meth:`_quads`."""

    def select(self, query: str, **bindings: Any) -> list[dict[str, Any]]:
        return _rows(self._run(query, bindings))

    def ask(self, query: str, **bindings: Any) -> bool:
        return bool(self._run(query, bindings).askAnswer)

    def run(self, query: str, **bindings: Any) -> Result:
        return self._run(query, bindings)

    @property
    def dataset(self) -> Dataset:
        """An rdflib copy of the data, built on first use (SHACL validation, filtered RDF exports)."""
        if "dataset" not in self._cache:
            self._cache["dataset"] = self._materialize()
        return self._cache["dataset"]

    def _materialize(self) -> Dataset:
        source = getattr(self, "_source_file", None)
        if source is not None:  # parsed from a file: rdflib reads the file itself (lexical forms as written)
            from .store import load as load_file

            return load_file(source).dataset
        ds = Dataset(default_union=True)
        ds.bind("ag", AG)
        ds.bind("agd", AGD)
        for s, p, o, g in self._quads():
            ds.graph(g).add((s, p, o)) if g is not None else ds.default_graph.add((s, p, o))
        return ds

    def data_graphs(self) -> list[Graph]:
        return ActorGraph(self._materialize()).data_graphs()

    def data(self) -> Graph:
        return ActorGraph(self._materialize()).data()

    def serialize(self, fmt: str = "trig") -> str:
        return ActorGraph(self._materialize()).serialize(fmt)


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
    try:
        store = ox.Store(str(directory))
    except OSError as exc:
        raise GraphFileError(f"{directory}: cannot open as an Oxigraph store: {exc}") from None
    try:
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
    finally:
        del store


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
        from .journal import pending, recover_for_reader

        recover_for_reader(directory)  # a big write being applied or cut short by a crash (graph/journal.py)
        store = cls._open_read_only(directory)
        if pending(directory) == "complete":  # a writer began applying a big write as we opened: wait, reopen
            del store
            recover_for_reader(directory)
            store = cls._open_read_only(directory)
        return cls(directory, store)

    @staticmethod
    def _open_read_only(directory: Path):
        try:
            return _ox().Store.read_only(str(directory))
        except OSError as exc:
            raise GraphFileError(f"{directory}: cannot open the Oxigraph store: {exc}") from None

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

        For the library's own queries (:mod:`graph.selectors`: fixed templates
        plus terms escaped by :func:`sparql_term`), so they skip the guard's
        rdflib parse (~50 ms a query); user queries go through :meth:`select`
        / :meth:`run` and the guard.
        """
        if not query.startswith("SELECT "):
            raise QueryError("select_values takes the library's SELECT queries only")
        try:
            answer = self._store.query(query, prefixes=PREFIXES, base_iri=BASE_IRI, use_default_graph_as_union=True)
            names = [v.value for v in answer.variables]
            rows = [tuple(None if t is None else t.value for t in solution) for solution in answer]
            del answer  # a live query iterator keeps the store (and its lock) open
        except SyntaxError as exc:
            raise _syntax_error(exc) from None
        except (OSError, RuntimeError) as exc:
            raise QueryError(f"query failed: {type(exc).__name__}: {exc}") from None
        return names, rows

    def graph_names(self) -> set[str]:
        """IRIs of the store's non-empty named graphs (what ``FROM``/``FROM NAMED`` may name)."""
        ox = _ox()
        return {g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)
                and any(True for _ in self._store.quads_for_pattern(None, None, None, g))}

    def _query_args(self, checked: GuardedQuery, bindings: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
        """Query text and pyoxigraph keyword arguments (base, prefixes, dataset, parameters)."""
        ox = _ox()
        kwargs: dict[str, Any] = {"prefixes": PREFIXES, "base_iri": BASE_IRI}
        if checked.has_dataset:  # pyoxigraph ignores FROM under use_default_graph_as_union: name the dataset
            kwargs["default_graph"] = [ox.NamedNode(g) for g in checked.from_graphs]
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in checked.from_named]
        else:
            kwargs["use_default_graph_as_union"] = True
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
                text = bind_values(text, bound)
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
        return self._evaluate(text, {"prefixes": PREFIXES, "base_iri": BASE_IRI, "use_default_graph_as_union": True})

    def _evaluate(self, text: str, kwargs: dict[str, Any]) -> Result:
        try:
            # no local may hold the answer: a query iterator keeps the store open (and its RocksDB
            # lock) for as long as this frame lives, and a traceback can keep frames alive
            return _ox_result(self._store.query(text, **kwargs))
        except SyntaxError as exc:
            raise _syntax_error(exc) from None
        except (OSError, RuntimeError) as exc:
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
        for quad in self._store.quads_for_pattern(None, rdf_type, to_ox(cls), None):
            subject = quad.subject
            if subject in seen:
                continue
            seen.add(subject)
            pairs = {(q.predicate, q.object) for q in self._store.quads_for_pattern(subject, None, None, None)}
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
            if g is not None and str(g) == onto:
                continue
            yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), g

    def __len__(self) -> int:
        return len(self._store)


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
        if form == "ASK":  # Virtuoso 7 answers ASK in JSON as one row of ?__ASK_RETVAL (1 or 0)
            bindings = payload.get("results", {}).get("bindings", [])
            result = Result("ASK")
            result.askAnswer = any(str(v.get("value")) in ("1", "true") for b in bindings for v in b.values())
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


def open_graph(spec: str) -> ActorGraph:
    """Open a non-file ``--graph`` value (``oxigraph:DIR`` or an endpoint URL)."""
    if spec.startswith(OXIGRAPH_SCHEME):
        return OxigraphGraph.open(spec)
    if spec.startswith(("http://", "https://")):
        kg = EndpointGraph(spec)
        if not kg.ask("ASK { ?p ag:polarity ?x }"):
            raise GraphFileError(
                f"{spec}: the endpoint has no actorgraph ontology; load the data with `actorgraph load` "
                "(which adds the ontology) and serve it with a union default graph"
            )
        return kg
    raise GraphFileError(f"unknown graph location: {spec}")


def open_bundled() -> OxigraphGraph:
    """The bundled graph (read-only) in an in-memory Oxigraph store."""
    kg = OxigraphGraph.in_memory(bundled_graph_path())
    kg.read_only = True
    return kg


register_opener(OXIGRAPH_SCHEME, open_graph)
register_opener("http://", open_graph)
register_opener("https://", open_graph)
register_opener(None, open_bundled)
