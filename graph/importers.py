"""Import CSV, YAML, RDF, ACLED and UCDP GED files into a workspace — all or nothing.

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
* Turtle / TriG / JSON-LD / N-Triples / N-Quads conforming to the shapes
  (:mod:`graph.import_rdf`);
* ACLED event exports, both column generations (:mod:`graph.acled`), and
  UCDP GED CSV (:mod:`graph.ucdp`): events, places, actors, figures and
  derived statements (docs/acled.md). For these, ``skip_bad`` imports the
  good rows and writes the rejected ones to a file; unknown extra columns
  are warnings; a Windows-1252 file is read (with a warning).

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

import datetime as dt
import difflib
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from rdflib import RDF, RDFS, SKOS, Literal, URIRef

from .acled import ACLED_COLUMNS, ACLED_KNOWN, ACLED_REQUIRED, AcledImporter, is_acled_header
from .dataset_rows import DatasetBuilder
from .dates import FuzzyDate, parse_date
from .errors import DateError, GraphFileError, ImportProblems, UnknownNameError, ValidationError
from .import_rdf import RDF_EXTENSIONS, import_rdf, line_of
from .tabular import (
    MAX_PROBLEMS,
    PROGRESS_FROM,
    ImportReport,
    Problems,
    Progress,
    Row,
    decode_text,
    iter_csv_rows,
    read_bytes,
    write_rejected,
)
from .ucdp import GED_COLUMNS, GED_REQUIRED, GedImporter, ged_version, is_ged_header
from .vocab import AG, AGD
from .workspace import (
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
    "GED_COLUMNS",
    "MAX_PROBLEMS",
    "MAX_FIELD",
]

RELATION_COLUMNS = ["subject", "relation", "object", "start", "end", "claimed_by", "quote", "source"]
RELATION_REQUIRED = ["subject", "relation", "object", "quote"]
#: Review columns written by `actorgraph extract` (issue 14): status is stored; confidence and cue are the reviewer's.
RELATION_REVIEW_COLUMNS = ["confidence", "status", "cue"]
ACTOR_COLUMNS = ["label", "type", "aliases", "description"]
ACTOR_REQUIRED = ["label", "type"]
#: Longest accepted field, in characters.
MAX_FIELD = 20_000
#: Dataset kinds: rows are checked, then written (``--skip-bad`` rejects rows); extra columns only warn.
DATASET_KINDS = {"acled": (AcledImporter, ACLED_KNOWN, ACLED_REQUIRED), "ucdp-ged": (GedImporter, set(GED_COLUMNS),
                                                                                     GED_REQUIRED)}


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that records each mapping's line as ``__line__``."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


# dates stay text: parse_date checks them and reports 2025-02-30 with its line
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def _yaml_rows(text: str, problems: Problems) -> dict[str, list[Row]]:
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
    out: dict[str, list[Row]] = {}
    for key, items in groups.items():
        rows = []
        for item in items:
            if not isinstance(item, dict):
                problems.add(1, key, f"expected a mapping per row, got {type(item).__name__}")
                continue
            line = item.pop("__line__", 1)
            rows.append(Row(line, {str(k).strip().lower(): _yaml_value(v) for k, v in item.items()}))
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
    if is_acled_header(list(cols)):
        return "acled"
    if is_ged_header(list(cols)):
        return "ucdp-ged"
    scores = {
        "relations": len(cols & set(RELATION_COLUMNS)),
        "actors": len(cols & set(ACTOR_COLUMNS)),
        "acled": len(cols & set(ACLED_COLUMNS)) * 2,
        "ucdp-ged": len(cols & set(GED_COLUMNS)) * 2,
    }
    kind = max(scores, key=scores.get)
    return kind if scores[kind] else "unknown"


def _check_header(header: list[str], kind: str, line: int, problems: Problems,
                  warnings: list[str] | None = None) -> None:
    expected, required = {
        "relations": (RELATION_COLUMNS + RELATION_REVIEW_COLUMNS, RELATION_REQUIRED),
        "actors": (ACTOR_COLUMNS, ACTOR_REQUIRED),
        "acled": (ACLED_KNOWN, ACLED_REQUIRED),
        "ucdp-ged": (set(GED_COLUMNS), GED_REQUIRED),
    }[kind]
    for col in required:
        if col not in header:
            problems.add(line, col, f"missing column (a {kind} file needs: {', '.join(required)}; header: {', '.join(header)})")
    for col in header:
        if col not in expected and kind in DATASET_KINDS and warnings is not None:
            warnings.append(f"{problems.file}:{line}: {col or '(blank)'}: unknown {kind} column, ignored")
        elif col not in expected:
            close = difflib.get_close_matches(col, list(expected), n=1)
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

    def __init__(self, change: Change, problems: Problems, create_actors: bool):
        from .model import _norm

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
        from .model import _kind_nodes, _name_index

        if self._full_index:
            return
        self._full_index = True
        self.actor_nodes = _kind_nodes(self.kg, AG.Actor)
        self.names = {**_name_index(self.kg), **{k: n for k, n in self.names.items() if n in self.created}}
        self.labels = {**{n: r["label"] for n, r in self.actor_nodes.items()}, **self.labels}

    def known(self, name: str) -> URIRef | None:
        """The actor ``name`` names (label, alias or id, normalised), or ``None``."""
        from .model import _lookup_name

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
        # already in the graph: one index probe per row, not a set of every statement built up front
        if not self.duplicate(row, node, "relation") and self.change.exists((node, RDF.type, AG.Statement)):
            self.unchanged += 1

    def actor_row(self, row: Row) -> None:
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

# ---------------------------------------------------------------------------
# The entry point
# ---------------------------------------------------------------------------
def import_file(
    ws: Workspace | str | Path,
    file: str | Path,
    dry_run: bool = False,
    create_actors: bool = False,
    progress: bool | None = None,
    skip_bad: bool = False,
    rejected_path: str | Path | None = None,
) -> ImportReport:
    """Import ``file`` into workspace ``ws``: everything or nothing.

    Raises :class:`ImportProblems` listing ``FILE:LINE: column: reason``
    problems (capped at :data:`MAX_PROBLEMS`, with the total), in which case
    the workspace file is untouched. ``progress`` (default: when stderr is a
    terminal and there are over 1,000 rows) shows a rich progress bar on
    stderr. Returns an :class:`ImportReport` with counts per kind.

    For ACLED and UCDP GED exports, ``skip_bad`` imports the good rows and
    writes the rejected ones, verbatim under the file's header, to
    ``rejected_path`` (default ``<file>.rejected.csv`` in the current
    directory); their problems are in the report.
    """
    if not isinstance(ws, WorkspaceBase):
        ws = open_workspace(ws)
    path = Path(file)
    if not path.exists():
        raise GraphFileError(f"{path}: no such file")
    problems = Problems(str(file))
    suffix = path.suffix.lower()
    if suffix == ".json" and _is_acled_api(path):
        pass  # the ACLED API's JSON response, read below
    elif suffix in RDF_EXTENSIONS:
        if skip_bad:
            raise GraphFileError(f"{path}: --skip-bad applies to ACLED and UCDP exports, not RDF files")
        return import_rdf(ws, path, problems, dry_run)
    elif suffix not in (".csv", ".yaml", ".yml"):
        raise GraphFileError(f"{path}: cannot import {suffix or 'a file without extension'}: use .csv, .yaml, "
                             f"or an RDF file ({', '.join(sorted(RDF_EXTENSIONS))})")
    data = read_bytes(path)
    first_line = data[:4096].split(b"\n", 1)[0].decode("latin-1").lstrip("\ufeff\xef\xbb\xbf").lower()
    legacy = (suffix == ".csv" and _kind_of(h.strip() for h in first_line.split(",")) in DATASET_KINDS) \
        or suffix == ".json"
    bad_lines: dict[int, str] = {}
    text, encoding = decode_text(data, problems, legacy=legacy, bad_lines=bad_lines)
    warnings: list[str] = []
    if encoding != "utf-8":
        warnings.append(f"{file}:1: encoding: not UTF-8; read as Windows-1252 (ACLED's older Excel saves)")
    try:
        return _import_text(ws, path, file, text, suffix, problems, warnings, bad_lines, dry_run, create_actors,
                            progress, skip_bad, rejected_path)
    except ImportProblems as exc:  # the warnings (a Windows-1252 file, unknown columns) survive a refusal
        exc.warnings = warnings + [w for w in exc.warnings if w not in warnings]
        raise


def _import_text(ws, path: Path, file, text: str, suffix: str, problems: Problems, warnings: list[str],
                 bad_lines: dict[int, str], dry_run: bool, create_actors: bool, progress: bool | None,
                 skip_bad: bool, rejected_path) -> ImportReport:
    """The rows of a decoded CSV, YAML or ACLED API JSON file, checked and written (see :func:`import_file`)."""
    groups: list[tuple[str, list[Row]]] = []
    expected_rows = 0
    if suffix == ".json":  # the ACLED API's response: the same rows as a CSV export
        from .acled import api_rows

        header, rows = api_rows(text, problems)
        _check_header(header, "acled", 1, problems, warnings)
        groups.append(("acled", rows))
        expected_rows = len(rows)
    elif suffix == ".csv":
        header, row_iter = iter_csv_rows(text, problems, keep_raw=skip_bad)
        kind = _kind_of(header)
        if kind == "unknown":
            problems.add(1, "header", "cannot tell what this CSV holds: expected relation columns "
                         f"({','.join(RELATION_COLUMNS)}), actor columns ({','.join(ACTOR_COLUMNS)}), ACLED "
                         "or UCDP GED columns")
        else:
            _check_header(header, kind, 1, problems, warnings)
        if kind in DATASET_KINDS:  # streamed: a 100,000-row export is never all in memory
            rows: Any = row_iter
            expected_rows = max(text.count("\n") - 1, 1)  # for the progress bar only
        else:
            rows = [row for row in row_iter if row.values is not None]
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
    if skip_bad and not all(kind in DATASET_KINDS for kind, _ in groups):
        raise GraphFileError(f"{path}: --skip-bad applies to ACLED and UCDP exports (rows are all or nothing here)")
    problems.raise_if_any()
    total_rows = sum(len(rows) if isinstance(rows, list) else expected_rows for _, rows in groups)
    kind_name = "+".join(k for k, _ in groups)
    show = progress if progress is not None else (total_rows > PROGRESS_FROM and sys.stderr.isatty())
    rejected: list[Row] = []
    actor_report: dict[str, Any] = {}
    try:
        with ws.transaction(dry_run=dry_run, validate=False) as change:
            rel_builder: _Builder | None = None
            with Progress(show, total_rows, path.name) as advance:
                for kind, rows in groups:
                    if kind in DATASET_KINDS:
                        importer_cls = DATASET_KINDS[kind][0]
                        builder = DatasetBuilder(change, problems, create_actors, importer_cls.source())
                        importer = importer_cls(builder)
                        if kind == "ucdp-ged":
                            importer.version = ged_version(path.name)
                        read = 0
                        for row in rows:
                            read += 1
                            before = problems.total
                            for number in range(row.line, (row.end_line or row.line) + 1):
                                if number in bad_lines:  # not UTF-8: the row is refused, the rest is read
                                    problems.add(number, "encoding", bad_lines[number])
                            checked = importer.check(row) if row.values is not None and problems.total == before \
                                else None
                            if checked is not None and problems.total == before:
                                importer.write(*checked)
                            else:
                                rejected.append(row)
                            advance()
                        if not read and not problems.total:
                            problems.add(2, "file", "no rows under the header: nothing to import")
                        total_rows = read
                        importer.finish()
                        builder.finalize()
                        warnings.extend(builder.warnings)
                        unchanged = builder.unchanged
                        actor_report = builder.report()
                        continue
                    rel_builder = rel_builder or _Builder(change, problems, create_actors)
                    for row in rows:
                        if kind == "relations":
                            rel_builder.relation_row(row)
                        else:
                            rel_builder.actor_row(row)
                        advance()
                    unchanged = rel_builder.unchanged
            rejected_lines = [line for row in rejected for line in problems.by_line.get(row.line, [])]
            if not skip_bad or (rejected and len(rejected) == total_rows):
                problems.raise_if_any()
            change.net()
            from .workspace import check_change

            shacl = check_change(change)
            if shacl:
                raise ValidationError(shacl)
            counts = change.counts()
    except ValidationError as exc:
        lines = [f"{file}:{line_of(text, p)}: shacl: {p}" for p in exc.problems]
        raise ImportProblems(str(file), lines[:MAX_PROBLEMS], len(lines)) from None
    report = ImportReport(str(file), kind_name, total_rows, dry_run, counts, unchanged, warnings,
                          actors=actor_report)
    if skip_bad:
        report.rejected_rows = len(rejected)
        report.rejected_problems = rejected_lines
        if rejected:
            header_text = text if suffix != ".json" else ",".join(header) + "\n"  # JSON: written back as CSV rows
            report.rejected_file = str(write_rejected(path, header_text, rejected, rejected_path))
    return report


def _is_acled_api(path: Path) -> bool:
    """Whether a ``.json`` file is an ACLED API response (``{"status": …, "data": [...]}``), not JSON-LD."""
    try:
        with path.open("rb") as fh:
            head = fh.read(65536).decode("utf-8", "replace")
    except OSError:
        return False
    start = head.lstrip("\ufeff \t\r\n")
    return start.startswith("{") and '"data"' in head and ('"event_id_cnty"' in head or '"status"' in head) \
        and "@context" not in head


class _FilterMissing:
    """Adapter: per-row YAML key check — only unknown keys (missing ones are reported per field)."""

    def __init__(self, problems: Problems, row: Row):
        self.problems, self.row = problems, row

    def add(self, line: int, column: str, reason: str) -> None:
        if not reason.startswith("missing column"):
            self.problems.add(line, column, reason.replace("unknown column", "unknown key"))
