"""What ACLED and UCDP rows have in common: actors, places, figures, derived statements.

:class:`DatasetBuilder` turns checked dataset rows into triples in one
named graph of a :class:`~graph.write.workspace.Change` (the delta the workspace
commits). Rows are checked first (:meth:`DatasetBuilder.actor` and the
column checks only *plan*); an accepted row is then written with
:meth:`DatasetBuilder.commit_actor`, :meth:`place`, :meth:`derived_statement`,
so a rejected row (``--skip-bad``) creates nothing.

Derived statements follow documented rules (docs/acled.md): each cites the
dataset, quotes the row, is ``ag:evidencedBy`` the row's event and carries
its ``ag:derivationRule`` (the map aggregates such statements per pair).

>>> from actorgraph.ingest.datasets.dataset_rows import coordinates
>>> coordinates("34.0151", "71.5249")
(34.0151, 71.5249)
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import XSD

from ...core.errors import UnknownNameError
from ...core.vocab import AG, AGD
from ...write.statements import add_actor, add_source, add_statement
from ...write.workspace import GEO, Change, slug, source_iri
from ..actor_names import Resolution, resolver_for
from ..tabular import Problems, Row

__all__ = ["DatasetBuilder", "DatasetImporter", "RowPlan", "coordinates", "GEO_LAT", "GEO_LONG", "MIN_QUOTE"]

GEO_LAT = URIRef(GEO + "lat")
GEO_LONG = URIRef(GEO + "long")
MIN_QUOTE = 10


def _place_iri(path: list[str]) -> URIRef:
    """``place/<name>-<hash of country/admin…/name>``: readable, and distinct for distinct paths."""
    import hashlib

    digest = hashlib.sha1("\x1f".join(path).encode("utf-8")).hexdigest()[:8]
    return AGD[f"place/{slug(path[-1], 'place')[:40]}-{digest}"]


def coordinates(lat: str, lon: str) -> tuple[float, float]:
    """WGS84 latitude and longitude from text; ``ValueError`` naming the bad one.

    >>> coordinates("95", "10")
    Traceback (most recent call last):
    ...
    ValueError: latitude: 95 is out of range (-90 to 90)
    """
    out = []
    for column, text, limit in (("latitude", lat, 90), ("longitude", lon, 180)):
        try:
            value = float(text.strip().replace(",", "."))
        except ValueError:
            raise ValueError(f"{column}: not a number: {text!r}") from None
        if not math.isfinite(value) or not -limit <= value <= limit:
            raise ValueError(f"{column}: {text.strip()} is out of range (-{limit} to {limit})")
        out.append(value)
    return out[0], out[1]


@dataclass
class RowPlan:
    """A checked row: its actor resolutions by role, ready to be written."""

    row: Row
    actors: dict[str, list[Resolution]] = field(default_factory=dict)


class DatasetBuilder:
    """Writes dataset rows into ``change`` under the source ``source`` (see module doc)."""

    def __init__(self, change: Change, problems: Problems, create_actors: bool, source: URIRef):
        self.change = change
        self.kg = change.kg
        self.problems = problems
        self.create_actors = create_actors
        self.source = source
        self.g = change.graph(source)
        #: Whether an earlier import wrote this dataset (else no row can be an update: no lookups).
        self.seen_before = change.exists((source, RDF.type, AG.SourceDocument))
        self.resolver = resolver_for(self.kg)
        self.taken: set[URIRef] = set()
        self.places: dict[tuple, URIRef] = {}
        self.place_coords: dict[URIRef, tuple[float, float]] = {}
        self.derived = 0
        self.unchanged = 0
        self._place_index: dict[str, URIRef] | None = None
        self._within: dict[URIRef, set] = {}
        self._part_of_written: set[tuple[URIRef, URIRef]] = set()
        #: Derived statements carry their rule (ag:derivationRule); a per-statement note
        #: repeating it costs a triple per statement on 100,000-row imports, so it is off.
        self.notes = False

    # -- sources ----------------------------------------------------------------
    def ensure_source(self, title: str, publisher: str, url: str | None = None) -> None:
        """The dataset's source document (created once, dated the day of the first import)."""
        if self.change.exists((self.source, RDF.type, AG.SourceDocument)):
            return
        add_source(self.g, self.source, title, dt.date.today().isoformat(), publishers=[Literal(publisher)],
                   url=url)

    # -- actors -----------------------------------------------------------------
    def actor(self, plan: RowPlan, column: str, name: str, cls: URIRef, country: str = "") -> bool:
        """Plan the actor ``name`` of ``column``; a problem (and ``False``) when unknown and not creating."""
        res = self.resolver.resolve(name, cls, country)
        if res.status == "created" and not self.create_actors:
            hint = f"; did you mean: {', '.join(res.suggestions)}?" if res.suggestions else ""
            self.problems.add(plan.row.line, column, f"unknown actor {name!r}{hint} (or import with --create-actors)")
            return False
        plan.actors.setdefault(column, []).append(res)
        return True

    def _new_node(self, label: str) -> URIRef:
        base = slug(label, "actor")
        node, n = AGD[base], 2
        while node in self.taken or self.change.exists((node, None, None)):
            node, n = AGD[f"{base}-{n}"], n + 1
        self.taken.add(node)
        return node

    def commit_actors(self, plan: RowPlan, column: str, quote_date: str | None = None) -> list[URIRef]:
        """Write the planned actors of ``column`` (new actors, aliases, forces' ``partOf``); their IRIs."""
        nodes = []
        for res in plan.actors.get(column, []):
            node, triples = self.resolver.commit(res, self._new_node)
            for t in triples:
                self.g.add(t)
            if res.part_of is not None and (node, res.part_of[0]) not in self._part_of_written:
                self._part_of_written.add((node, res.part_of[0]))
                state, start, end = res.part_of
                st = add_statement(self.g, node, AG.partOf, state, start=start, end=end, quote=res.name,
                                   source=self.source,
                                   note="The dataset names the actor after the state whose forces they are.")
                self.g.add((st, AG.derivationRule, AG.AcledStateForcesRule))
            nodes.append(node)
        return nodes

    # -- places -----------------------------------------------------------------
    def _place_named(self, name: str) -> URIRef | None:
        from ...model.names import _kind_nodes, _norm

        if self._place_index is None:
            self._place_index = {}
            areas = {AG.Country, AG.Province, AG.District, AG.Subdistrict, AG.Region, AG.State}
            for node, rec in _kind_nodes(self.kg, AG.Place).items():
                if areas & set(self.kg.dataset.objects(node, RDF.type)):
                    continue  # a location is a settlement, not the area named like it
                for n in [rec["label"], *rec["aliases"]]:
                    self._place_index.setdefault(_norm(n), node)
        return self._place_index.get(_norm(name))

    def _country_named(self, name: str) -> URIRef | None:
        from ...model.names import resolve_place

        try:
            node = resolve_place(self.kg, name)
        except UnknownNameError:
            return None
        types = set(self.kg.dataset.objects(node, RDF.type))
        return node if types & {AG.Country, AG.State} else None

    def _within_of(self, node: URIRef) -> set:
        if node not in self._within:
            seen, todo = set(), [node]
            while todo:
                for up in self.kg.dataset.objects(todo.pop(), AG.locatedIn):
                    if up not in seen:
                        seen.add(up)
                        todo.append(up)
            self._within[node] = seen
        return self._within[node]

    def country(self, name: str) -> URIRef | None:
        """The country (or state) called ``name``, created as an ``ag:Country`` when unknown."""
        if not name:
            return None
        key = ("country", name)
        if key not in self.places:
            node = self.resolver._state(name) or self._country_named(name)
            if node is None:
                node = AGD["place/" + slug(name, "place")]
                if not self.change.exists((node, RDF.type, AG.Country)):
                    add_actor(self.g, node, name, [AG.Country])
            self.places[key] = node
        return self.places[key]

    def place(self, country: str, admins: list[tuple[str, URIRef]], location: str,
              coords: tuple[float, float] | None) -> URIRef | None:
        """The event's place: ``location`` inside its administrative areas, with WGS84 coordinates."""
        parent = self.country(country)
        path = [country]
        for name, cls in admins:
            if not name:
                continue
            path.append(name)
            key = ("admin", *path)
            node = self.places.get(key)
            if node is None:
                node = _place_iri(path)
                if not self.change.exists((node, RDFS.label, None)):
                    add_actor(self.g, node, name, [cls])
                    if parent is not None:
                        self.g.add((node, AG.locatedIn, parent))
                self.places[key] = node
            parent = node
        if not location:
            return parent
        key = ("location", *path, location)
        node = self.places.get(key)
        if node is None and location == path[-1] and len(path) > 1:  # the location is the area itself
            node = self.places[key] = parent
        own = _place_iri([*path, location]) if node is None else node
        if node is None and self.change.exists((own, RDFS.label, None)):
            node = self.places[key] = own
        if node is None:
            known = self._place_named(location)
            country_node = self.places.get(("country", country))
            within = self._within_of(known) if known is not None else set()
            if known is not None and (country_node is None or not within or country_node in within):
                node = known
            else:
                node = own
                if not self.change.exists((node, RDFS.label, None)):
                    add_actor(self.g, node, location, [AG.Place])
                    if parent is not None and parent != node:
                        self.g.add((node, AG.locatedIn, parent))
            self.places[key] = node
        if coords is not None:
            have = self.place_coords.get(node)
            if have is None and not self.change.exists((node, GEO_LAT, None)):
                self.place_coords[node] = coords
                self.g.add((node, GEO_LAT, Literal(repr(coords[0]), datatype=XSD.decimal)))
                self.g.add((node, GEO_LONG, Literal(repr(coords[1]), datatype=XSD.decimal)))
            elif have is not None and have != coords:  # a same-named place elsewhere: its own node
                twin_key = (*key, coords)
                twin = self.places.get(twin_key)
                if twin is None:
                    twin = URIRef(f"{node}-{slug(f'{coords[0]} {coords[1]}')}")
                    add_actor(self.g, twin, location, [AG.Place])
                    if parent is not None:
                        self.g.add((twin, AG.locatedIn, parent))
                    self.g.add((twin, GEO_LAT, Literal(repr(coords[0]), datatype=XSD.decimal)))
                    self.g.add((twin, GEO_LONG, Literal(repr(coords[1]), datatype=XSD.decimal)))
                    self.places[twin_key] = twin
                    self.place_coords[twin] = coords
                node = twin
        return node

    # -- derived statements -------------------------------------------------------
    def derived_statement(self, subject: URIRef, predicate: URIRef, obj: URIRef, date: str, quote: str,
                          event: URIRef, rule: URIRef, note: str, symmetric: bool) -> URIRef | None:
        """A dated statement derived from ``event`` by ``rule`` (nothing for a self-pair or a short quote)."""
        if subject == obj or len(quote.strip()) < MIN_QUOTE:
            return None
        st = add_statement(self.g, subject, predicate, obj, start=date, end=date, quote=quote, source=self.source,
                           symmetric=symmetric, evidenced_by=[event], note=note if self.notes else None)
        self.g.add((st, AG.derivationRule, rule))
        self.derived += 1
        return st

    # -- updates ------------------------------------------------------------------
    def replace_previous(self, event: URIRef, *others: URIRef) -> None:
        """Drop what an earlier import wrote for ``event`` (datasets update rows in place, same id).

        Its triples, those of ``others`` (its figures) and its derived
        statements go, with their direct triples unless another statement
        still supports them; what the row still says is written again (and
        kept: see :meth:`finalize`).
        """
        if not any(True for _ in self._own_triples(event)):
            return
        for node in (event, *others):
            for t in list(self._own_triples(node)):
                self.change.remove(self.source, t)
        ds = self.kg.dataset
        derived = [st for st in ds.subjects(AG.evidencedBy, event) if (st, AG.derivationRule, None) in ds]
        for st in derived:
            for t in list(self._own_triples(st)):
                self.change.remove(self.source, t)
        for st in derived:
            s, p, o = ds.value(st, AG.subject), ds.value(st, AG.predicate), ds.value(st, AG.object)
            if None in (s, p, o):
                continue
            others_support = [x for x in ds.subjects(AG.subject, s) if x not in derived
                               and (x, AG.predicate, p) in ds and (x, AG.object, o) in ds]
            others_support += [x for x in ds.subjects(AG.subject, o) if x not in derived
                               and (x, AG.predicate, p) in ds and (x, AG.object, s) in ds]
            if not others_support:
                for t in ((s, p, o), (o, p, s)):
                    if t in ds:
                        self.change.remove(self.source, t)

    def _own_triples(self, node: URIRef):
        """The triples about ``node`` in the dataset's named graph (rdflib or Oxigraph store)."""
        ds = self.kg.dataset
        if hasattr(ds, "quads") and not hasattr(ds, "graph"):
            return ((s, p, o) for s, p, o, _ in ds.quads((node, None, None, self.source)))
        return self.kg.dataset.graph(self.source).triples((node, None, None))

    def finalize(self) -> None:
        """Keep every triple that is both removed and written again (an unchanged row stays as it was)."""
        for name, triples in self.change.removed.items():
            triples -= self.change.added.get(name, set())

    # -- report -------------------------------------------------------------------
    def report(self) -> dict[str, object]:
        """Matched and created names, suggested merges (``import --report``)."""
        r = self.resolver
        label = r.labels.get
        return {
            "matched": [{"name": n, "actor": label(node, str(node))} for n, node in sorted(r.matched.items())],
            "created": [{"name": n, "actor": label(node, str(node))} for n, node in sorted(r.created.items())],
            "suggested_merges": [{"name": n, "candidates": c} for n, c in sorted(r.suggested.items())],
            "derived_statements": self.derived,
        }



class DatasetImporter:
    """What the ACLED and GED importers share: their source record and the first checks of a row.

    A subclass sets ``source_id``, ``title``, ``publisher``, ``url``, ``required`` (the columns
    that may not be empty) and ``id_column`` (the dataset's event id, unique in one file).
    """

    source_id: str
    title: str
    publisher: str
    url: str
    required: tuple[str, ...]
    id_column: str

    def __init__(self, builder: DatasetBuilder):
        self.b = builder
        self.problems = builder.problems
        self.seen: dict[str, int] = {}
        builder.ensure_source(self.title, self.publisher, self.url)

    @classmethod
    def source(cls) -> URIRef:
        """The dataset's source document (also its named graph)."""
        return source_iri(cls.source_id)

    def _stripped(self, row: Row) -> dict[str, str] | None:
        """The row's values stripped, or ``None`` when a required column is empty; a repeated id is
        recorded as a problem on its line (the row is still checked, so every problem is listed)."""
        before = self.problems.total
        v = {k: (val.strip() if isinstance(val, str) else "") for k, val in row.values.items()}
        for col in self.required:
            if not v.get(col):
                self.problems.add(row.line, col, "required, but empty")
        if self.problems.total > before:
            return None
        first = self.seen.get(v[self.id_column])
        if first is not None:
            self.problems.add(row.line, self.id_column,
                              f"duplicate event {v[self.id_column]!r}: same as line {first}")
        else:
            self.seen[v[self.id_column]] = row.line
        return v
