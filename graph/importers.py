"""Import CSV, YAML, RDF and ACLED files into a workspace — all or nothing.

:func:`import_file` reads a file, checks every row (names through labels and
aliases, relation types, dates, quotes, sources, duplicates), and either
writes everything in one locked atomic transaction
(:meth:`graph.workspace.Workspace.transaction`) or nothing at all, raising
:class:`ImportProblems` whose ``problems`` are ``FILE:LINE: column: reason``
lines.

Formats (chosen by extension, then by the CSV header / YAML keys):

* relations CSV, header ``subject,relation,object,start,end,claimed_by,quote,source``
  (``subject``, ``relation``, ``object`` and ``quote`` required);
* actors CSV, header ``label,type,aliases,description`` (aliases split on ``;``);
* the same as YAML: a list of rows, or a mapping with ``actors:`` and/or
  ``relations:`` lists (actors are added first);
* Turtle / TriG / JSON-LD / N-Triples / N-Quads conforming to the shapes;
* ACLED event exports (``event_id_cnty, event_date, event_type, …``): events,
  places, actors and fatality figures.

>>> from actorgraph.workspace import init
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> ws = init(d / "ws.trig", empty=True)
>>> _ = (d / "a.csv").write_text("label,type,aliases,description\\nExample Front,NonStateArmedGroup,EF,\\n")
>>> import_file(ws, d / "a.csv").counts["actors"]
1
>>> import_file(ws, d / "a.csv").counts["actors"]   # idempotent
0
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rdflib import RDF, RDFS, SKOS, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from .dates import FuzzyDate, parse_date
from .errors import DateError, GraphFileError, ImportProblems, UnknownNameError, ValidationError
from .vocab import AG, AGD
from .workspace import (
    GEO,
    MIN_QUOTE,
    USER_SOURCE_ID,
    Change,
    Workspace,
    WorkspaceBase,
    ensure_user_source,
    open_workspace,
    primary_direction,
    slug,
    source_iri,
)

__all__ = [
    "ImportProblems",
    "ImportReport",
    "import_file",
    "RELATION_COLUMNS",
    "ACTOR_COLUMNS",
    "ACLED_COLUMNS",
    "MAX_PROBLEMS",
    "MAX_FIELD",
]

RELATION_COLUMNS = ["subject", "relation", "object", "start", "end", "claimed_by", "quote", "source"]
RELATION_REQUIRED = ["subject", "relation", "object", "quote"]
#: Review columns written by `actorgraph extract` (issue 14): status is stored; confidence and cue are the reviewer's.
RELATION_REVIEW_COLUMNS = ["confidence", "status", "cue"]
ACTOR_COLUMNS = ["label", "type", "aliases", "description"]
ACTOR_REQUIRED = ["label", "type"]
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2",
    "assoc_actor_2", "country", "admin1", "location", "latitude", "longitude", "source", "notes", "fatalities",
]
ACLED_REQUIRED = ["event_id_cnty", "event_date", "event_type", "actor1"]
#: Problems listed at most (the total is still counted).
MAX_PROBLEMS = 50
#: Longest accepted field, in characters.
MAX_FIELD = 20_000
#: Rows from which a progress bar is shown (on an interactive stderr).
PROGRESS_FROM = 1000
ACLED_SOURCE_ID = "acled"
RDF_EXTENSIONS = {".ttl", ".turtle", ".trig", ".jsonld", ".json", ".nt", ".nq"}


@dataclass
class ImportReport:
    """What an import added (or would add, with ``dry_run``)."""

    file: str
    kind: str
    rows: int
    dry_run: bool
    counts: dict[str, int] = field(default_factory=dict)
    unchanged_rows: int = 0

    def as_dict(self) -> dict[str, Any]:
        """The record as a JSON-ready dict."""
        return {"file": self.file, "kind": self.kind, "rows": self.rows, "dry_run": self.dry_run,
                "unchanged_rows": self.unchanged_rows, **self.counts}


class _Problems:
    def __init__(self, file: str):
        self.file = file
        self.lines: list[str] = []
        self.total = 0

    def add(self, line: int, column: str, reason: str) -> None:
        self.total += 1
        if len(self.lines) < MAX_PROBLEMS:
            self.lines.append(f"{self.file}:{line}: {column}: {reason}")

    @property
    def full(self) -> bool:
        return len(self.lines) >= MAX_PROBLEMS

    def raise_if_any(self) -> None:
        if self.total:
            raise ImportProblems(self.file, self.lines, self.total)


@dataclass
class _Row:
    line: int
    values: dict[str, Any]


# ---------------------------------------------------------------------------
# Reading: bytes → text → rows (CSV, YAML)
# ---------------------------------------------------------------------------
def _read_text(path: Path, problems: _Problems) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GraphFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.add(1, "encoding", "the file is UTF-16; save it as UTF-8")
        problems.raise_if_any()
    if data.startswith(b"\xef\xbb\xbf"):  # a BOM (Excel): accepted and dropped
        data = data[3:]
    if not data.strip():
        problems.add(1, "file", "empty file: nothing to import")
        problems.raise_if_any()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        for number, raw in enumerate(data.split(b"\n"), start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                column = len(raw[: exc.start].decode("utf-8", "replace")) + 1
                problems.add(number, "encoding",
                             f"invalid UTF-8 byte 0x{raw[exc.start]:02X} at character {column}; save the file as UTF-8")
        problems.raise_if_any()
        raise AssertionError("unreachable") from None


def _csv_rows(text: str, problems: _Problems) -> tuple[list[str], list[_Row]]:
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        problems.add(1, "header", f"cannot read the CSV header: {exc}")
        problems.raise_if_any()
        raise AssertionError("unreachable") from None
    header = [h.strip().lower() for h in header]
    rows: list[_Row] = []
    line = reader.line_num + 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.add(line, "row", f"malformed CSV: {exc}")
            break
        if record and any(cell.strip() for cell in record):
            if len(record) != len(header):
                problems.add(line, "row", f"{len(record)} fields, but the header has {len(header)}")
            else:
                rows.append(_Row(line, dict(zip(header, record, strict=True))))
        line = reader.line_num + 1
    return header, rows


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that records each mapping's line as ``__line__``."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


# dates stay text: parse_date checks them and reports 2025-02-30 with its line
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def _yaml_rows(text: str, problems: _Problems) -> dict[str, list[_Row]]:
    try:
        doc = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.add(mark.line + 1 if mark else 1, "yaml", " ".join(str(getattr(exc, "problem", exc)).split()))
        problems.raise_if_any()
    if doc is None:
        problems.add(1, "file", "empty file: nothing to import")
        problems.raise_if_any()
    groups: dict[str, list] = {}
    if isinstance(doc, list):
        groups["rows"] = doc
    elif isinstance(doc, dict):
        for key in ("actors", "relations"):
            if key in doc:
                if not isinstance(doc[key], list):
                    problems.add(doc.get("__line__", 1), key, "expected a list of rows")
                else:
                    groups[key] = doc[key]
        unknown = sorted(k for k in doc if k not in ("actors", "relations", "__line__"))
        for key in unknown:
            problems.add(doc.get("__line__", 1), str(key), "unknown key (expected actors: and/or relations:)")
        if not groups and not unknown:
            problems.add(1, "file", "expected a list of rows, or actors: / relations: lists")
    else:
        problems.add(1, "file", "expected a list of rows, or actors: / relations: lists")
    problems.raise_if_any()
    out: dict[str, list[_Row]] = {}
    for key, items in groups.items():
        rows = []
        for item in items:
            if not isinstance(item, dict):
                problems.add(1, key, f"expected a mapping per row, got {type(item).__name__}")
                continue
            line = item.pop("__line__", 1)
            rows.append(_Row(line, {str(k).strip().lower(): _yaml_value(v) for k, v in item.items()}))
        out[key] = rows
    return out


def _yaml_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, list):
        return [_yaml_value(v) for v in value]
    if isinstance(value, dict):
        value.pop("__line__", None)
        return str(value)
    return str(value)


def _kind_of(header: Iterable[str]) -> str:
    cols = set(header)
    scores = {
        "relations": len(cols & set(RELATION_COLUMNS)),
        "actors": len(cols & set(ACTOR_COLUMNS)),
        "acled": len(cols & set(ACLED_COLUMNS)) * 2,
    }
    kind = max(scores, key=scores.get)
    return kind if scores[kind] else "unknown"


def _check_header(header: list[str], kind: str, line: int, problems: _Problems) -> None:
    expected, required = {
        "relations": (RELATION_COLUMNS + RELATION_REVIEW_COLUMNS, RELATION_REQUIRED),
        "actors": (ACTOR_COLUMNS, ACTOR_REQUIRED),
        "acled": (ACLED_COLUMNS, ACLED_REQUIRED),
    }[kind]
    for col in required:
        if col not in header:
            problems.add(line, col, f"missing column (a {kind} file needs: {', '.join(required)}; header: {', '.join(header)})")
    for col in header:
        if col not in expected:
            close = difflib.get_close_matches(col, expected, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f" (columns: {', '.join(expected)})"
            problems.add(line, col or "(blank)", f"unknown column{hint}")
    seen = set()
    for col in header:
        if col in seen:
            problems.add(line, col, "column appears twice")
        seen.add(col)


# ---------------------------------------------------------------------------
# Row checking and building
# ---------------------------------------------------------------------------
class _Builder:
    """Resolves names and writes rows into a :class:`Change`, collecting problems."""

    def __init__(self, change: Change, problems: _Problems, create_actors: bool):
        from .model import _kind_nodes, _name_index, _norm

        self.change = change
        self.kg = change.kg
        self.onto = change.kg.ontology
        self.problems = problems
        self.create_actors = create_actors
        self.norm = _norm
        self.names: dict[str, URIRef] = dict(_name_index(self.kg))
        self.actor_nodes = _kind_nodes(self.kg, AG.Actor)
        self.labels = {n: r["label"] for n, r in self.actor_nodes.items()}
        self.created: dict[URIRef, int] = {}
        self.rtypes: dict[str, Any] = {}
        self.dates: dict[str, FuzzyDate] = {}
        self.sources: dict[str, URIRef] = {}
        self.suggestions: dict[str, list[str]] = {}
        self.seen: dict[URIRef, int] = {}
        self.unchanged = 0
        self._primary = {r.iri for r in self.onto.primary_relations()}
        self.statements = set(self.kg.dataset.subjects(RDF.type, AG.Statement))

    # -- lookups ---------------------------------------------------------
    def field(self, row: _Row, column: str, required: bool = False) -> str:
        value = row.values.get(column, "")
        if isinstance(value, list):
            value = ";".join(value)
        if len(value) > MAX_FIELD:
            self.problems.add(row.line, column, f"field is {len(value):,} characters long (limit {MAX_FIELD:,})")
            return ""
        if required and not value.strip():
            self.problems.add(row.line, column, "required, but empty")
        return value

    def actor(self, row: _Row, column: str, name: str, default_type: URIRef = AG.Actor,
              graph: URIRef | None = None, alias: str | None = None) -> URIRef | None:
        key = self.norm(name)
        node = self.names.get(key)
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
        from .statements import add_actor

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

    def rtype(self, row: _Row, column: str, name: str):
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

    def date(self, row: _Row, column: str, text: str) -> FuzzyDate | None:
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

    def source(self, row: _Row, column: str, text: str) -> URIRef | None:
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

    def _status(self, row: _Row, text: str) -> URIRef | None:
        """A statement status by label (``Potential``, ``stalled``…); a problem when unknown."""
        if not text:
            return None
        known = {self.norm(str(self.onto.graph.value(st, RDFS.label) or "")): st
                 for st in self.onto.graph.subjects(RDF.type, AG.Status)}
        found = known.get(self.norm(text))
        if found is None:
            self.problems.add(row.line, "status", f"unknown status {text!r} (one of: {', '.join(sorted(known))})")
        return found

    def duplicate(self, row: _Row, node: URIRef, what: str) -> bool:
        first = self.seen.get(node)
        if first is not None:
            self.problems.add(row.line, "row", f"duplicate {what}: same as line {first}")
            return True
        self.seen[node] = row.line
        return False

    # -- rows ----------------------------------------------------------------
    def relation_row(self, row: _Row) -> None:
        from .statements import add_statement

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
        if not self.duplicate(row, node, "relation") and node in self.statements:
            self.unchanged += 1

    def actor_row(self, row: _Row) -> None:
        from .model import local_id
        from .statements import add_actor

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

    # -- ACLED -----------------------------------------------------------
    def acled_row(self, row: _Row, src: URIRef) -> None:
        from .model import local_id
        from .statements import add_event, add_quantity

        before = self.problems.total
        values = {c: self.field(row, c).strip() for c in ACLED_COLUMNS if c != "notes"}
        notes = self.field(row, "notes")
        for col in ACLED_REQUIRED:
            if not values.get(col):
                self.problems.add(row.line, col, "required, but empty")
        if self.problems.total > before:
            return
        event = AGD["event/acled-" + slug(values["event_id_cnty"], "event")]
        if self.duplicate(row, event, "event_id_cnty"):
            return
        day = _acled_date(values["event_date"])
        if day is None:
            self.problems.add(row.line, "event_date", f"malformed date {values['event_date']!r}: expected YYYY-MM-DD or '27 February 2026'")
        cls = _acled_class(values["event_type"], values.get("sub_event_type", ""))
        g = self.change.graph(src)
        agents, targets = [], []
        for col, bucket in (("actor1", agents), ("assoc_actor_1", agents), ("actor2", targets), ("assoc_actor_2", targets)):
            for name in _split_acled(values.get(col, "")):
                node = self._acled_actor(row, col, name, g)
                if node is not None:
                    bucket.append(node)
        lat, lon = values.get("latitude", ""), values.get("longitude", "")
        coords = None
        if lat or lon:
            try:
                coords = (float(lat), float(lon))
                if not (-90 <= coords[0] <= 90 and -180 <= coords[1] <= 180):
                    raise ValueError
            except ValueError:
                self.problems.add(row.line, "latitude", f"invalid coordinates {lat!r}, {lon!r}")
        fatalities = values.get("fatalities", "")
        if fatalities and not fatalities.isdigit():
            self.problems.add(row.line, "fatalities", f"expected a whole number, got {fatalities!r}")
        if self.problems.total > before:
            return
        place = self._acled_place(values, coords, g)
        kind = values.get("sub_event_type") or values["event_type"]
        where = f" in {values['location']}" if values.get("location") else ""
        label = f"{kind}{where} ({day})"
        note = f"ACLED {values['event_id_cnty']}; sources: {values['source']}" if values.get("source") else f"ACLED {values['event_id_cnty']}"
        add_event(g, event, cls, label, date=day, agents=agents, targets=targets,
                  places=[place] if place is not None else [], quote=notes or None, source=src, note=note)
        if fatalities and notes.strip():
            add_quantity(g, AGD[f"quantity/acled-{local_id(event).rsplit('/', 1)[-1].removeprefix('acled-')}-fatalities"],
                         f"Fatalities: {label}", int(fatalities), "fatalities", bound=AG.Estimated, date=day,
                         of=event, quote=notes, source=src)
        if self.change.exists((event, RDF.type, cls)):
            self.unchanged += 1

    def _acled_actor(self, row: _Row, column: str, name: str, g) -> URIRef | None:
        base = re.sub(r"\s*\((?:\d{4})-(?:\d{4})?\)\s*$", "", name).strip()
        for candidate in (name, base):
            node = self.names.get(self.norm(candidate))
            if node is not None:
                return node
        return self.actor(row, column, name, _acled_actor_class(base), self._acled_src, alias=base)

    def _acled_place(self, values: dict[str, str], coords, g) -> URIRef | None:
        from .model import resolve_place

        location = values.get("location", "")
        if not location:
            return None
        country, admin1 = values.get("country", ""), values.get("admin1", "")
        parent = None
        if admin1:
            parent = AGD["place/" + slug(f"{country} {admin1}", "place")]
            if (parent, None, None) not in self.kg.dataset:
                g.add((parent, RDF.type, AG.Province))
                g.add((parent, RDFS.label, Literal(admin1)))
                if country:
                    try:
                        c = resolve_place(self.kg, country)
                        if (c, RDF.type, AG.Country) in self.kg.dataset:
                            g.add((parent, AG.locatedIn, c))
                    except UnknownNameError:
                        pass
        try:
            node = resolve_place(self.kg, location)
            if (node, RDF.type, AG.Place) in self.kg.dataset or any(
                    t in self.onto.subclasses(AG.Place) for t in self.kg.dataset.objects(node, RDF.type)):
                return node
        except UnknownNameError:
            pass
        node = AGD["place/" + slug(f"{country} {admin1} {location}", "place")]
        if (node, None, None) not in self.kg.dataset and node not in self._places:
            self._places.add(node)
            g.add((node, RDF.type, AG.Place))
            g.add((node, RDFS.label, Literal(location)))
            if parent is not None:
                g.add((node, AG.locatedIn, parent))
            if coords is not None:
                g.add((node, URIRef(GEO + "lat"), Literal(str(coords[0]), datatype=XSD.decimal)))
                g.add((node, URIRef(GEO + "long"), Literal(str(coords[1]), datatype=XSD.decimal)))
        return node

    _places: set
    _acled_src: URIRef


_ACLED_SUB = {
    "air/drone strike": "Airstrike",
    "shelling/artillery/missile attack": "ArtilleryExchange",
    "armed clash": "GroundAssault",
    "government regains territory": "GroundAssault",
    "non-state actor overtakes territory": "GroundAssault",
    "suicide bomb": "TerroristAttack",
    "remote explosive/landmine/ied": "TerroristAttack",
    "grenade": "TerroristAttack",
    "attack": "Killing",
    "agreement": "AgreementSigning",
    "headquarters or base established": "Relocation",
}
_ACLED_TYPE = {
    "battles": "ArmedConflict",
    "explosions/remote violence": "Escalation",
    "violence against civilians": "Killing",
}


def _acled_class(event_type: str, sub_type: str) -> URIRef:
    """Ontology class of an ACLED event (sub-event type first, then event type, else ag:Event).

    >>> _acled_class("Explosions/Remote violence", "Air/drone strike")
    rdflib.term.URIRef('https://w3id.org/actorgraph/ontology#Airstrike')
    """
    name = _ACLED_SUB.get(sub_type.strip().lower()) or _ACLED_TYPE.get(event_type.strip().lower())
    return AG[name] if name else AG.Event


def _acled_actor_class(name: str) -> URIRef:
    """Class of an unknown ACLED actor, from ACLED's naming conventions.

    >>> _acled_actor_class("Military Forces of Pakistan")
    rdflib.term.URIRef('https://w3id.org/actorgraph/ontology#StateInstitution')
    """
    low = name.lower()
    if low.startswith(("military forces of", "police forces of")):
        return AG.StateInstitution
    if low.startswith("government of"):
        return AG.Government
    if low.startswith(("civilians", "protesters", "rioters")):
        return AG.PopulationGroup
    return AG.NonStateArmedGroup


def _split_acled(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


def _acled_date(text: str) -> str | None:
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return None


# ---------------------------------------------------------------------------
# The entry point
# ---------------------------------------------------------------------------
def import_file(
    ws: Workspace | str | Path,
    file: str | Path,
    dry_run: bool = False,
    create_actors: bool = False,
    progress: bool | None = None,
) -> ImportReport:
    """Import ``file`` into workspace ``ws``: everything or nothing.

    Raises :class:`ImportProblems` listing ``FILE:LINE: column: reason``
    problems (capped at :data:`MAX_PROBLEMS`, with the total), in which case
    the workspace file is untouched. ``progress`` (default: when stderr is a
    terminal and there are over 1,000 rows) shows a rich progress bar on
    stderr. Returns an :class:`ImportReport` with counts per kind.
    """
    if not isinstance(ws, WorkspaceBase):
        ws = open_workspace(ws)
    path = Path(file)
    if not path.exists():
        raise GraphFileError(f"{path}: no such file")
    problems = _Problems(str(file))
    suffix = path.suffix.lower()
    if suffix in RDF_EXTENSIONS:
        return _import_rdf(ws, path, problems, dry_run)
    if suffix not in (".csv", ".yaml", ".yml"):
        raise GraphFileError(f"{path}: cannot import {suffix or 'a file without extension'}: use .csv, .yaml, "
                             f"or an RDF file ({', '.join(sorted(RDF_EXTENSIONS))})")
    text = _read_text(path, problems)
    groups: list[tuple[str, list[_Row]]] = []
    if suffix == ".csv":
        header, rows = _csv_rows(text, problems)
        kind = _kind_of(header)
        if kind == "unknown":
            problems.add(1, "header", "cannot tell what this CSV holds: expected relation columns "
                         f"({','.join(RELATION_COLUMNS)}), actor columns ({','.join(ACTOR_COLUMNS)}) or ACLED columns")
        else:
            _check_header(header, kind, 1, problems)
        if not rows and not problems.total:
            problems.add(2, "file", "no rows under the header: nothing to import")
        groups.append((kind, rows))
    else:
        for key, rows in _yaml_rows(text, problems).items():
            if key == "rows":
                kind = _kind_of(set().union(*(r.values for r in rows))) if rows else "unknown"
                if kind == "unknown":
                    problems.add(1, "file", "cannot tell whether the rows are relations or actors")
                    continue
            else:
                kind = key
            for row in rows:
                _check_header(list(row.values), kind, row.line, _FilterMissing(problems, row))
            groups.append((kind, rows))
        groups.sort(key=lambda g: g[0] != "actors")  # actors first
        if not any(rows for _, rows in groups) and not problems.total:
            problems.add(1, "file", "no rows: nothing to import")
    problems.raise_if_any()
    total_rows = sum(len(rows) for _, rows in groups)
    kind_name = "+".join(k for k, _ in groups)
    show = progress if progress is not None else (total_rows > PROGRESS_FROM and sys.stderr.isatty())
    try:
        with ws.transaction(dry_run=dry_run, validate=False) as change:
            builder = _Builder(change, problems, create_actors)
            builder._places = set()
            with _progress(show, total_rows, path.name) as advance:
                for kind, rows in groups:
                    if kind == "acled":
                        builder._acled_src = _acled_source(change, path)
                    for row in rows:
                        if kind == "relations":
                            builder.relation_row(row)
                        elif kind == "actors":
                            builder.actor_row(row)
                        else:
                            builder.acled_row(row, builder._acled_src)
                        advance()
            problems.raise_if_any()
            change.net()
            from .workspace import check_change

            shacl = check_change(change)
            if shacl:
                raise ValidationError(shacl)
            counts = change.counts()
    except ValidationError as exc:
        lines = [f"{file}:{_line_of(text, p)}: shacl: {p}" for p in exc.problems]
        raise ImportProblems(str(file), lines[:MAX_PROBLEMS], len(lines)) from None
    return ImportReport(str(file), kind_name, total_rows, dry_run, counts, builder.unchanged)


class _FilterMissing:
    """Adapter: per-row YAML key check — only unknown keys (missing ones are reported per field)."""

    def __init__(self, problems: _Problems, row: _Row):
        self.problems, self.row = problems, row

    def add(self, line: int, column: str, reason: str) -> None:
        if not reason.startswith("missing column"):
            self.problems.add(line, column, reason.replace("unknown column", "unknown key"))


def _acled_source(change: Change, path: Path) -> URIRef:
    src = source_iri(ACLED_SOURCE_ID)
    if not change.exists((src, RDF.type, AG.SourceDocument)):
        g = change.graph(src)
        if (src, RDF.type, AG.SourceDocument) not in g:
            g.add((src, RDF.type, AG.SourceDocument))
            g.add((src, DCTERMS.title, Literal("ACLED (Armed Conflict Location & Event Data) event export")))
            g.add((src, DCTERMS.issued, Literal(dt.date.today().isoformat(), datatype=XSD.date)))
            g.add((src, DCTERMS.publisher, Literal("ACLED")))
    return src


def _line_of(text: str | None, problem: str) -> int:
    """Best-effort line of a SHACL problem: where its focus node's id first appears."""
    if not text:
        return 1
    head = problem.removeprefix("shacl: ")
    key = re.split(r"[ :]", head, maxsplit=1)[0]
    needles = [key, key.replace("/", "\\/")]
    for number, line in enumerate(text.splitlines(), start=1):
        if any(n and n in line for n in needles):
            return number
    return 1


class _progress:
    """A rich progress bar on stderr (or a no-op); yields ``advance()``."""

    def __init__(self, show: bool, total: int, name: str):
        self.show, self.total, self.name = show, total, name
        self.bar = None

    def __enter__(self) -> Callable[[], None]:
        if not self.show:
            return lambda: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(TextColumn("importing {task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeRemainingColumn(), console=Console(stderr=True), transient=True)
        self.bar.__enter__()
        task = self.bar.add_task(self.name, total=self.total)
        count = [0]

        def advance() -> None:
            count[0] += 1
            if count[0] % 500 == 0 or count[0] == self.total:
                self.bar.update(task, completed=count[0])

        return advance

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _import_rdf(ws: Workspace, path: Path, problems: _Problems, dry_run: bool) -> ImportReport:
    from rdflib import Dataset

    from .store import rdf_format_for

    text = _read_text(path, problems)
    fmt = rdf_format_for(path)
    incoming = Dataset()
    try:
        incoming.parse(data=text, format=fmt)
    except Exception as exc:  # every rdflib parser has its own exception type
        message = " ".join(str(exc).split())
        match = re.search(r"line (\d+)", message)
        problems.add(int(match.group(1)) if match else 1, "syntax", f"cannot parse as {fmt}: {message[:300]}")
        problems.raise_if_any()
    quads = list(incoming.quads((None, None, None, None)))
    if not quads:
        problems.add(1, "file", "no triples: nothing to import")
        problems.raise_if_any()
    declared = {s for s, _, _, _ in quads if (s, RDF.type, AG.SourceDocument) in incoming}
    try:
        with ws.transaction(dry_run=dry_run, validate=False) as change:
            change.force_shacl = True
            default = next(iter(declared)) if len(declared) == 1 else ensure_user_source(change)
            for s, p, o, ctx in quads:
                name = ctx.identifier if hasattr(ctx, "identifier") else ctx
                if name is None or str(name) == "urn:x-rdflib:default" or not isinstance(name, URIRef):
                    name = default
                change.graph(name).add((s, p, o))
            change.net()
            from .workspace import check_change

            found = check_change(change)
            if found:
                raise ValidationError(found)
            counts = change.counts()
    except ValidationError as exc:
        lines = [f"{path}:{_line_of(text, p)}: shacl: {p.removeprefix('shacl: ')}" for p in exc.problems]
        raise ImportProblems(str(path), lines[:MAX_PROBLEMS], len(lines)) from None
    return ImportReport(str(path), fmt, len(quads), dry_run, counts, 0)
