"""Import CSV, YAML, RDF, ACLED and UCDP GED files into a workspace — all or nothing.

:func:`import_file` reads a file, checks every row (names through labels and
aliases, relation types, dates, quotes, sources, duplicates), and either
writes everything in one locked atomic transaction
(:meth:`graph.write.workspace.Workspace.transaction`) or nothing at all, raising
:class:`ImportProblems` whose ``problems`` are ``FILE:LINE: column: reason``
lines.

Formats (chosen by extension, then by the CSV header / YAML keys):

* relations CSV, header ``subject,relation,object,start,end,claimed_by,quote,source``
  (``subject``, ``relation``, ``object`` and ``quote`` required);
* actors CSV, header ``label,type,aliases,description`` (aliases split on ``;``);
* the same as YAML: a list of rows, or a mapping with ``actors:`` and/or
  ``relations:`` lists (actors are added first);
* Turtle / TriG / JSON-LD / N-Triples / N-Quads conforming to the shapes
  (:mod:`graph.ingest.import_rdf`);
* ACLED event exports, both column generations (:mod:`graph.ingest.datasets.acled`), and
  UCDP GED CSV (:mod:`graph.ingest.datasets.ucdp`): events, places, actors, figures and
  derived statements (docs/acled.md). For these, ``skip_bad`` imports the
  good rows and writes the rejected ones to a file; unknown extra columns
  are warnings; a Windows-1252 file is read (with a warning).

>>> from actorgraph.write.workspace import init
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
import gc
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from ..core.errors import (
    GraphFileError,
    ImportProblems,
    ValidationError,
)
from ..write.workspace import (
    Workspace,
    WorkspaceBase,
    open_workspace,
)
from .datasets.acled import (
    ACLED_COLUMNS,
    ACLED_KNOWN,
    ACLED_REQUIRED,
    AcledImporter,
    is_acled_header,
)
from .datasets.dataset_rows import DatasetBuilder
from .datasets.ucdp import GED_COLUMNS, GED_REQUIRED, GedImporter, ged_version, is_ged_header
from .import_rdf import RDF_EXTENSIONS, import_rdf, line_of
from .row_builder import MAX_FIELD, RowBuilder
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
RELATION_REVIEW_COLUMNS = ["confidence", "status", "cue", "also_quoted"]
ACTOR_COLUMNS = ["label", "type", "aliases", "description"]
ACTOR_REQUIRED = ["label", "type"]
#: Dataset rows between two chances for the workspace to load what is built (Change.stage_ready).
STAGE_EVERY = 1000
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
# The entry point
# ---------------------------------------------------------------------------
@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector off while an import builds its triples.

    An import makes millions of tuples and terms that all live until it ends,
    and each full collection walks every one of them: 100,000 ACLED rows
    spent 10 s (of 60) in 16 full collections that freed nothing. Reference
    counting still frees what is dropped; the collector runs again after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
        from .datasets.acled import api_rows

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
        with without_cycle_collection(), ws.transaction(dry_run=dry_run, validate=False) as change:
            rel_builder: RowBuilder | None = None
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
                            if not read % STAGE_EVERY and (skip_bad or not problems.total):
                                change.stage_ready()  # a big import loads its first parts while it reads on
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
                    rel_builder = rel_builder or RowBuilder(change, problems, create_actors)
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
            from ..write.workspace import check_change

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
