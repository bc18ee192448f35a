"""What every backend beyond rdflib shares: SPARQL terms, parameter binding, results.

Parameters are bound the way rdflib's ``initBindings`` binds them (visible
everywhere in the query, subqueries included). On Oxigraph they go through
pyoxigraph's own ``substitutions=`` whenever that means the same (every bound
variable projected, none inside a sub-select: SEP-0007 substitution neither
accepts unprojected variables nor reaches sub-selects); otherwise, and on
endpoints (the protocol has no parameters), :func:`bind_values` joins every
group with a one-row ``VALUES`` block built from escaped terms
(:func:`sparql_term`). User strings never enter the query text unescaped.

>>> sparql_term("it's")
'"it\\'s"'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.query import Result

from ..core.errors import QueryError, QueryRefused
from ..core.vocab import AG, AGD
from .graph import (
    PREFIXES,
    ActorGraph,
    _term,
)
from .sparqlguard import GuardedQuery, inspect_query

__all__ = [
    "bind_values",
    "sparql_term",
    "prefix_block",
]


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
    actorgraph.core.errors.QueryError: not a bindable IRI: 'http://x/> } <y'
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
            from .graph import load as load_file

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
