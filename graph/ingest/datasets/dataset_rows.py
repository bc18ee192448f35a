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
from ...write.statements import add_actor, add_lifespan, add_source, add_statement, literal
from ...write.workspace import GEO, Change, slug, source_iri
from ..actor_names import Resolution, resolver_for
from ..tabular import Problems, Row

__all__ = ["DatasetBuilder", "DatasetImporter", "RowPlan", "coordinates", "GEO_LAT", "GEO_LONG", "MIN_QUOTE"]

_DECIMAL = XSD.decimal
GEO_LAT = URIRef(GEO + "lat")
GEO_LONG = URIRef(GEO + "long")
MIN_QUOTE = 10
_PART_OF_NOTES = {
    AG.AcledStateForcesRule: "The dataset names the actor after the state whose forces they are.",
    AG.AcledGovernmentPeriodRule: "The dataset names the forces after the government of the period (docs/acled.md).",
    AG.AcledUnitRule: "The dataset names the actor as a unit of the group (docs/acled.md).",
}


def _place_iri(path: list[str]) -> URIRef:
    """``place/<name>-<hash of country/admin…/name>``: readable, and distinct for distinct paths."""
    import hashlib

    digest = hashlib.sha1("\x1f".join(path).encode("utf-8")).hexdigest()[:8]
    return AGD[f"place/{slug(path[-1], 'place')[:40]}-{digest}"]


#: How far (degrees of latitude/longitude) a row may lie from a known place of the same name,
#: by the dataset's geo precision: 1 the place itself, 2 near it, 3 somewhere in its area.
GEO_TOLERANCE = {"1": 0.25, "2": 0.5, "3": 2.0}


def _near(a: tuple[float, float], b: tuple[float, float], tolerance: float) -> bool:
    return abs(a[0] - b[0]) <= tolerance and abs(a[1] - b[1]) <= tolerance


def _most_coded(votes: dict[URIRef, list[tuple[int, str, str]]]) -> URIRef:
    """The class most rows code; on a tie, the code of the latest event (ACLED: an actor's code can
    change over time), then the class name — never the order of the rows."""
    return max(votes, key=lambda c: (len(votes[c]), max(d for _, _, d in votes[c]), str(c)))


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
        self._governments_written: set[URIRef] = set()
        #: New actors: (provisional class, whether their name decides it); every row's code votes.
        self.new_types: dict[URIRef, tuple[URIRef, bool]] = {}
        self.type_votes: dict[URIRef, dict[URIRef, list[tuple[int, str]]]] = {}
        #: Non-fatal notices (``FILE:LINE: column: reason``): actors coded two ways.
        self.warnings: list[str] = []
        #: Alliances that wait for the whole file's codes (see AcledImporter.finish).
        self.pending_alliances: list[tuple] = []
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
        from ..actor_names import parse_actor_name

        name = parse_actor_name(label)
        # a national contingent ("AUSSOM: … (Burundi)"): its id says which, not a truncated mission name
        base = slug(f"{name.abbreviation} {name.qualifier}", "actor") if name.abbreviation and name.qualifier \
            else slug(label, "actor")
        node, n = AGD[base], 2
        while node in self.taken or self.change.exists((node, None, None)):
            node, n = AGD[f"{base}-{n}"], n + 1
        self.taken.add(node)
        return node

    def commit_actors(self, plan: RowPlan, column: str, quote_date: str | None = None) -> list[URIRef]:
        """Write the planned actors of ``column`` (new actors, aliases, governments, ``partOf``); their IRIs.

        A new actor's type is written by :meth:`finalize`, from every row's code (:meth:`vote_type`).
        """
        nodes = []
        for res in plan.actors.get(column, []):
            if res.government is not None:
                self._write_government(*res.government, name=res.name)
            created = res.status == "created" and self.resolver._lookup(res.name) is None
            node, triples = self.resolver.commit(res, self._new_node)
            for t in triples:
                if created and t[1] == RDF.type:
                    self.new_types[node] = (t[2], res.typed_by_name)  # provisional: the rows decide
                    continue
                self.g.add(t)
            if res.part_of is not None and (node, res.part_of[0]) not in self._part_of_written:
                self._part_of_written.add((node, res.part_of[0]))
                whole, start, end = res.part_of
                rule = res.part_of_rule or AG.AcledStateForcesRule
                st = add_statement(self.g, node, AG.partOf, whole, start=start, end=end, quote=res.name,
                                   source=self.source, note=_PART_OF_NOTES.get(rule))
                self.g.add((st, AG.derivationRule, rule))
            nodes.append(node)
        return nodes

    def _write_government(self, node: URIRef, gov, start: str | None, end: str | None, name: str) -> None:
        """A government ACLED's period names, new to the graph: typed, dated, governing its state."""
        if node in self._governments_written:
            return
        self._governments_written.add(node)
        r = self.resolver
        state = r._state(gov.state)
        if node not in r.labels:
            add_actor(self.g, node, gov.label, [AG.Government], description=gov.note)
            r.labels[node] = gov.label
            r.types[node] = {AG.Government}
            r.names.setdefault(r.norm(gov.label), node)
            r.created[gov.label] = node
            add_lifespan(self.g, node, gov.lifespan_start or None, gov.lifespan_end or None)
            if state is not None:
                st = add_statement(self.g, node, AG.governs, state, start=gov.lifespan_start or start,
                                   end=gov.lifespan_end or end, quote=name, source=self.source, note=gov.note)
                self.g.add((st, AG.derivationRule, AG.AcledGovernmentPeriodRule))
        r.reserved.add(node)

    def vote_type(self, node: URIRef, cls: URIRef | None, line: int, column: str, date: str = "") -> None:
        """Record that row ``line`` (of the event ``date``) codes ``node`` (in ``column``) as ``cls``."""
        if cls is not None:
            self.type_votes.setdefault(node, {}).setdefault(cls, []).append((line, column, date))

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
              coords: tuple[float, float] | None, precision: str = "") -> URIRef | None:
        """The event's place: ``location`` inside its administrative areas, with WGS84 coordinates.

        A settlement the graph already has (the bundled Kabul) is reused when its name and country
        agree and, if both have coordinates, they lie within the row's geo precision
        (:data:`GEO_TOLERANCE`); the dataset's admin areas then contain it.
        """
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
        tolerance = GEO_TOLERANCE.get(precision, GEO_TOLERANCE["1"])
        key = ("location", *path, location)
        node = self.places.get(key)
        if node is None:
            node = self._known_settlement(location, country, coords, tolerance)
            if node is not None and parent is not None and parent not in self._within_of(node) \
                    and (node, parent) not in self._part_of_written:
                self._part_of_written.add((node, parent))  # the dataset's areas contain the settlement
                self.g.add((node, AG.locatedIn, parent))
                self._within.pop(node, None)
        if node is None and location == path[-1] and len(path) > 1:  # the location is the area itself
            node = parent
        if node is None:
            node = _place_iri([*path, location])
            if not self.change.exists((node, RDFS.label, None)):
                add_actor(self.g, node, location, [AG.Place])
                if parent is not None and parent != node:
                    self.g.add((node, AG.locatedIn, parent))
        self.places[key] = node
        if coords is None:
            return node
        have = self.place_coords.get(node) or self._graph_coords(node)
        if have is None:
            self.place_coords[node] = coords
            self.g.add((node, GEO_LAT, literal(repr(coords[0]), _DECIMAL)))
            self.g.add((node, GEO_LONG, literal(repr(coords[1]), _DECIMAL)))
            return node
        self.place_coords[node] = have
        if _near(have, coords, tolerance):
            return node
        # a same-named place elsewhere (farther than the precision allows): its own node
        twin_key = (*key, coords)
        twin = self.places.get(twin_key)
        if twin is None:
            twin = URIRef(f"{node}-{slug(f'{coords[0]} {coords[1]}')}")
            if not self.change.exists((twin, RDFS.label, None)):
                add_actor(self.g, twin, location, [AG.Place])
                if parent is not None:
                    self.g.add((twin, AG.locatedIn, parent))
                self.g.add((twin, GEO_LAT, literal(repr(coords[0]), _DECIMAL)))
                self.g.add((twin, GEO_LONG, literal(repr(coords[1]), _DECIMAL)))
            self.places[twin_key] = twin
            self.place_coords[twin] = coords
        return twin

    def _graph_coords(self, node: URIRef) -> tuple[float, float] | None:
        lat, lon = self.kg.dataset.value(node, GEO_LAT), self.kg.dataset.value(node, GEO_LONG)
        if lat is None or lon is None:
            return None
        try:
            return float(lat), float(lon)
        except ValueError:
            return None

    def _known_settlement(self, name: str, country: str, coords, tolerance: float) -> URIRef | None:
        """A settlement of the graph named ``name`` in ``country`` (and near ``coords``), or ``None``."""
        known = self._place_named(name)
        if known is None:
            return None
        country_node = self.places.get(("country", country))
        within = self._within_of(known)
        if country_node is not None and within and country_node not in within:
            return None
        have = self.place_coords.get(known) or self._graph_coords(known)
        if coords is not None and have is not None and not _near(have, coords, tolerance):
            return None
        return known

    # -- derived statements -------------------------------------------------------
    def derived_statement(self, subject: URIRef, predicate: URIRef, obj: URIRef, date: str, quote: str,
                          event: URIRef, rule: URIRef, note: str, symmetric: bool, record: bool = False) -> URIRef | None:
        """A dated statement derived from ``event`` by ``rule`` (nothing for a self-pair or a short quote).

        ``record``: the statement rests on the dataset record itself (GED without a headline): no
        quote, the event (``ag:datasetId``, ``ag:citedSources``) is its evidence.
        """
        if subject == obj or (not record and len(quote.strip()) < MIN_QUOTE):
            return None
        st = add_statement(self.g, subject, predicate, obj, start=date, end=date, quote=None if record else quote,
                           source=self.source, symmetric=symmetric, evidenced_by=[event],
                           note=note if self.notes else None)
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
        """Type the new actors from their codes; keep every triple both removed and written again."""
        self._write_types()
        for name, triples in self.change.removed.items():
            triples -= self.change.added.get(name, set())

    def _write_types(self) -> None:
        """Each new actor gets the class its rows code most (its name's class where the name decides)."""
        from ...model.names import local_id

        labels = self.resolver.labels
        for node, (provisional, by_name) in self.new_types.items():
            votes = self.type_votes.get(node, {})
            cls = provisional
            if votes and not by_name:
                cls = _most_coded(votes)
            if len(votes) > 1:
                first_line, first_column, _ = min(min(v) for v in votes.values())
                coded = " and ".join(
                    f"{local_id(c)} on line{'s' if len(v) > 1 else ''} {', '.join(str(x) for x, _, _ in sorted(v)[:5])}"
                    for c, v in sorted(votes.items(), key=lambda kv: min(kv[1])))
                self.warnings.append(f"{self.problems.file}:{first_line}: {first_column}: "
                                     f"{labels.get(node, local_id(node))!r} is coded {coded}; typed {local_id(cls)}")
            self.g.add((node, RDF.type, cls))
            self.resolver.types[node] = {cls}

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

    def finish(self) -> None:
        """What waits for every row (nothing by default)."""

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
