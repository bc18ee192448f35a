"""Checking plain relation and actor rows (CSV or YAML) and building their triples.

:func:`actorgraph.ingest.importers.import_file` hands every row of a
relations or actors file to one :class:`RowBuilder`, which resolves names
(labels and aliases, or actors created earlier in the same file), relation
types, dates, quotes and sources, and collects ``FILE:LINE: column: reason``
problems instead of raising: the import then writes everything or nothing.
"""

from __future__ import annotations

import difflib
from typing import Any

from rdflib import RDF, RDFS, SKOS, Literal, URIRef

from ..core.dates import FuzzyDate, parse_date
from ..core.errors import (
    DateError,
    UnknownNameError,
)
from ..core.vocab import AG, AGD
from ..write.workspace import (
    MIN_QUOTE,
    USER_SOURCE_ID,
    Change,
    ensure_user_source,
    primary_direction,
    slug,
    source_iri,
)
from .tabular import (
    Problems,
    Row,
)

__all__ = ["RowBuilder", "MAX_FIELD"]

#: Longest accepted field, in characters.
MAX_FIELD = 20_000


# ---------------------------------------------------------------------------
# Row checking and building
# ---------------------------------------------------------------------------
class RowBuilder:
    """Resolves names and writes rows into a :class:`Change`, collecting problems."""

    def __init__(self, change: Change, problems: Problems, create_actors: bool):
        from ..model.names import _norm

        self.change = change
        self.kg = change.kg
        self.onto = change.kg.ontology
        self.problems = problems
        self.create_actors = create_actors
        self.norm = _norm
        # names are looked up one by one through the store's index (model._lookup_name) and cached
        # here; the full normalised index is built only on a miss, for "did you mean", or actor rows
        self.names: dict[str, URIRef] = {}
        self.labels: dict[URIRef, str] = {}
        self.actor_nodes: dict[URIRef, dict[str, Any]] = {}
        self._full_index = False
        self.created: dict[URIRef, int] = {}
        self.rtypes: dict[str, Any] = {}
        self.dates: dict[str, FuzzyDate] = {}
        self.sources: dict[str, URIRef] = {}
        self.suggestions: dict[str, list[str]] = {}
        self.seen: dict[URIRef, int] = {}
        self.unchanged = 0
        self._primary = {r.iri for r in self.onto.primary_relations()}

    # -- lookups ---------------------------------------------------------
    def _load_names(self) -> None:
        """The full name index (names created by this import win), built once."""
        from ..model.names import _kind_nodes, _name_index

        if self._full_index:
            return
        self._full_index = True
        self.actor_nodes = _kind_nodes(self.kg, AG.Actor)
        self.names = {**_name_index(self.kg), **{k: n for k, n in self.names.items() if n in self.created}}
        self.labels = {**{n: r["label"] for n, r in self.actor_nodes.items()}, **self.labels}

    def known(self, name: str) -> URIRef | None:
        """The actor ``name`` names (label, alias or id, normalised), or ``None``."""
        from ..model.names import _lookup_name

        key = self.norm(name)
        node = self.names.get(key)
        if node is not None or self._full_index:
            return node
        node = _lookup_name(self.kg, name, AG.Actor)
        if node is None:  # not as typed: the normalised scan decides
            self._load_names()
            return self.names.get(key)
        self.names[key] = node
        return node

    def field(self, row: Row, column: str, required: bool = False) -> str:
        value = row.values.get(column, "")
        if isinstance(value, list):
            value = ";".join(value)
        if len(value) > MAX_FIELD:
            self.problems.add(row.line, column, f"field is {len(value):,} characters long (limit {MAX_FIELD:,})")
            return ""
        if required and not value.strip():
            self.problems.add(row.line, column, "required, but empty")
        return value

    def actor(self, row: Row, column: str, name: str, default_type: URIRef = AG.Actor,
              graph: URIRef | None = None, alias: str | None = None) -> URIRef | None:
        key = self.norm(name)
        node = self.known(name)
        if node is not None:
            return node
        if self.create_actors:
            node = self._new_actor(name, default_type, graph, alias)
            self.created[node] = row.line
            return node
        if name not in self.suggestions and not self.problems.full:
            close = difflib.get_close_matches(key, list(self.names), n=6, cutoff=0.6)
            labels: list[str] = []
            for k in close:
                label = self.labels.get(self.names[k], k)
                if label not in labels:
                    labels.append(label)
            self.suggestions[name] = labels[:3]
        err = UnknownNameError(name, self.suggestions.get(name, []))
        self.problems.add(row.line, column, f"{err} (or import with --create-actors)")
        return None

    def _new_actor(self, label: str, cls: URIRef, graph: URIRef | None, alias: str | None = None) -> URIRef:
        from ..write.statements import add_actor

        base = slug(label, "actor")
        node = AGD[base]
        n = 2
        while (node, None, None) in self.kg.dataset or node in self.created:
            node = AGD[f"{base}-{n}"]
            n += 1
        g = self.change.graph(graph if graph is not None else ensure_user_source(self.change))
        aliases = [alias] if alias and self.norm(alias) != self.norm(label) else []
        add_actor(g, node, label, [cls], aliases)
        self.names[self.norm(label)] = node
        for a in aliases:
            self.names.setdefault(self.norm(a), node)
        self.labels[node] = label
        return node

    def rtype(self, row: Row, column: str, name: str):
        if name not in self.rtypes:
            try:
                self.rtypes[name] = self.onto.relation(name)
            except UnknownNameError as exc:
                self.rtypes[name] = exc
        found = self.rtypes[name]
        if isinstance(found, UnknownNameError):
            self.problems.add(row.line, column, str(found))
            return None
        return found

    def date(self, row: Row, column: str, text: str) -> FuzzyDate | None:
        text = text.strip()
        if not text:
            return None
        if text not in self.dates:
            try:
                self.dates[text] = parse_date(text)
            except DateError as exc:
                self.problems.add(row.line, column, str(exc))
                return None
        return self.dates[text]

    def source(self, row: Row, column: str, text: str) -> URIRef | None:
        sid = text.strip().removeprefix("source/") or USER_SOURCE_ID
        if sid not in self.sources:
            src = source_iri(sid)
            if sid == USER_SOURCE_ID:
                self.sources[sid] = ensure_user_source(self.change)
            elif self.change.exists((src, RDF.type, AG.SourceDocument)):
                self.sources[sid] = src
            else:
                ids = [str(s).rsplit("/", 1)[-1] for s in self.kg.dataset.subjects(RDF.type, AG.SourceDocument)]
                err = UnknownNameError(sid, difflib.get_close_matches(sid, ids, n=3), "source")
                self.problems.add(row.line, column, f"{err} (add it with `actorgraph add source`)")
                return None
        return self.sources[sid]

    def _status(self, row: Row, text: str) -> URIRef | None:
        """A statement status by label (``Potential``, ``stalled``…); a problem when unknown."""
        if not text:
            return None
        known = {self.norm(str(self.onto.graph.value(st, RDFS.label) or "")): st
                 for st in self.onto.graph.subjects(RDF.type, AG.Status)}
        found = known.get(self.norm(text))
        if found is None:
            self.problems.add(row.line, "status", f"unknown status {text!r} (one of: {', '.join(sorted(known))})")
        return found

    def duplicate(self, row: Row, node: URIRef, what: str) -> bool:
        first = self.seen.get(node)
        if first is not None:
            self.problems.add(row.line, "row", f"duplicate {what}: same as line {first}")
            return True
        self.seen[node] = row.line
        return False

    # -- rows ----------------------------------------------------------------
    def relation_row(self, row: Row) -> None:
        from ..write.statements import add_statement

        before = self.problems.total
        subject = self.field(row, "subject", True).strip()
        rel = self.field(row, "relation", True).strip()
        obj = self.field(row, "object", True).strip()
        quote = self.field(row, "quote")
        start_text, end_text = self.field(row, "start"), self.field(row, "end")
        claimed_text = self.field(row, "claimed_by")
        source_text = self.field(row, "source")
        if self.problems.total > before:
            return
        if len(quote.strip()) < MIN_QUOTE:
            self.problems.add(row.line, "quote", f"required: the verbatim passage supporting the relation (at least {MIN_QUOTE} characters)")
        rtype = self.rtype(row, "relation", rel)
        s = self.actor(row, "subject", subject)
        # a mediation names its two parties in `object`, separated by ";" (as `actorgraph extract` writes them)
        parties = [self.actor(row, "object", p.strip()) for p in obj.split(";") if p.strip()] \
            if rtype is not None and rtype.name == "mediatesBetween" and ";" in obj else []
        o = self.actor(row, "object", obj) if not parties else None
        status = self._status(row, self.field(row, "status").strip())
        claimants = [self.actor(row, "claimed_by", c.strip()) for c in claimed_text.split(";") if c.strip()]
        start = self.date(row, "start", start_text)
        end = self.date(row, "end", end_text)
        if start and end and end.latest < start.earliest:
            self.problems.add(row.line, "end", f"ends ({end}) before it starts ({start})")
        src = self.source(row, "source", source_text)
        if self.problems.total > before:
            return
        if rtype.iri not in self._primary and not parties:
            rtype, s, o = primary_direction(self.kg, rtype, s, o)
        node = add_statement(self.change.graph(src), s, rtype.iri, o, start=start, end=end, quote=quote,
                             source=src, claimed_by=claimants, symmetric=rtype.symmetric, parties=parties,
                             status=status)
        # already in the graph: one index probe per row, not a set of every statement built up front
        if not self.duplicate(row, node, "relation") and self.change.exists((node, RDF.type, AG.Statement)):
            self.unchanged += 1

    def actor_row(self, row: Row) -> None:
        from ..model.records import local_id
        from ..write.statements import add_actor

        before = self.problems.total
        label = self.field(row, "label", True).strip()
        type_name = self.field(row, "type", True).strip()
        aliases = [a.strip() for a in self.field(row, "aliases").split(";") if a.strip()]
        description = self.field(row, "description").strip()
        if self.problems.total > before:
            return
        try:
            cls = self.onto.resolve_class(type_name, AG.Actor)
        except UnknownNameError as exc:
            self.problems.add(row.line, "type", str(exc))
            return
        self._load_names()
        key = self.norm(label)
        node = self.names.get(key)
        src = ensure_user_source(self.change)
        g = self.change.graph(src)
        if node is not None and node not in self.created:
            rec = self.actor_nodes.get(node)
            if rec is None or self.norm(rec["label"]) != key:
                owner = rec["label"] if rec else local_id(node)
                self.problems.add(row.line, "label", f"{label!r} is already a name of {owner} ({local_id(node)})")
                return
            if cls not in rec["types"]:
                have = ", ".join(sorted(local_id(t) for t in rec["types"]))
                self.problems.add(row.line, "type", f"{label!r} exists ({local_id(node)}) as {have}, not {local_id(cls)}")
                return
            if self.duplicate(row, node, "actor"):
                return
            added = False
            for alias in aliases:
                if alias not in rec["aliases"] and alias != rec["label"]:
                    g.add((node, SKOS.altLabel, Literal(alias)))
                    added = True
            if description and not rec["description"]:
                g.add((node, AG.description, Literal(description)))
                added = True
            self.unchanged += not added
            return
        if node is not None:  # created earlier in this file
            self.duplicate(row, node, "actor")
            self.problems.add(row.line, "label", f"duplicate actor {label!r}: same as line {self.created[node]}")
            return
        base = slug(label, "actor")
        node = AGD[base]
        n = 2
        while (node, None, None) in self.kg.dataset or node in self.created:
            node, n = AGD[f"{base}-{n}"], n + 1
        add_actor(g, node, label, [cls], aliases, description or None)
        self.created[node] = row.line
        self.names[key] = node
        for alias in aliases:
            self.names.setdefault(self.norm(alias), node)
        self.labels[node] = label
