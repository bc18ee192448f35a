"""Reading tabular input for the importers: bytes → text → rows, problems, progress.

Shared by :mod:`graph.ingest.importers` (relations/actors CSV and YAML),
:mod:`graph.ingest.datasets.acled` and :mod:`graph.ingest.datasets.ucdp`. Problems are collected as
``FILE:LINE: column: reason`` lines (:class:`Problems`); rows keep the line
they start on (:class:`Row`) and, for CSV, their raw text (for ``--skip-bad``).

>>> rows = csv_rows('a,b\\r\\n1,"x, y"\\r\\n', Problems("f.csv"))[1]
>>> rows[0].line, rows[0].values["b"]
(2, 'x, y')
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import GraphFileError, ImportProblems

__all__ = ["ImportReport", "Problems", "Row", "read_bytes", "decode_text", "csv_rows", "iter_csv_rows", "write_rejected", "Progress", "MAX_PROBLEMS", "PROGRESS_FROM"]

#: Problems listed at most (the total is still counted).
MAX_PROBLEMS = 50
#: Rows from which a progress bar is shown (on an interactive stderr).
PROGRESS_FROM = 1000


class Problems:
    """``FILE:LINE: column: reason`` lines, capped at :data:`MAX_PROBLEMS` (the total is counted).

    >>> p = Problems("x.csv"); p.add(3, "event_date", "impossible date"); p.lines
    ['x.csv:3: event_date: impossible date']
    """

    def __init__(self, file: str):
        self.file = file
        self.lines: list[str] = []
        self.total = 0
        self.by_line: dict[int, list[str]] = {}

    def add(self, line: int, column: str, reason: str) -> None:
        """Record one problem."""
        self.total += 1
        text = f"{self.file}:{line}: {column}: {reason}"
        self.by_line.setdefault(line, []).append(text)
        if len(self.lines) < MAX_PROBLEMS:
            self.lines.append(text)

    @property
    def full(self) -> bool:
        """Whether the listing cap is reached (costly suggestions can stop)."""
        return len(self.lines) >= MAX_PROBLEMS

    def raise_if_any(self) -> None:
        """Raise :class:`ImportProblems` when any problem was recorded."""
        if self.total:
            raise ImportProblems(self.file, self.lines, self.total)


@dataclass
class Row:
    """One input row: the line it starts on, its values by column, its raw CSV text."""

    line: int
    values: dict[str, Any] | None  # None: the row could not be read (its problem is recorded)
    raw: str = ""


def read_bytes(path: Path) -> bytes:
    """The file's bytes (a clear one-line error when unreadable)."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise GraphFileError(f"{path}: cannot read: {exc.strerror or exc}") from None


def decode_text(data: bytes, problems: Problems, legacy: bool = False) -> tuple[str, str]:
    """Decode a file: UTF-8 (a BOM is dropped); returns ``(text, encoding)``.

    With ``legacy`` (dataset exports: ACLED's older Excel saves), bytes that
    are not UTF-8 are read as Windows-1252 when they decode as such;
    otherwise every undecodable byte is reported with its line and column.

    >>> decode_text("café".encode("cp1252"), Problems("f"), legacy=True)
    ('café', 'cp1252')
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.add(1, "encoding", "the file is UTF-16; save it as UTF-8")
        problems.raise_if_any()
    if data.startswith(b"\xef\xbb\xbf"):  # a BOM (Excel): accepted and dropped
        data = data[3:]
    if not data.strip():
        problems.add(1, "file", "empty file: nothing to import")
        problems.raise_if_any()
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if legacy:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as exc:
            problems.add(data.count(b"\n", 0, exc.start) + 1, "encoding",
                         f"neither UTF-8 nor Windows-1252 (byte 0x{data[exc.start]:02X}); save the file as UTF-8")
            problems.raise_if_any()
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            column = len(raw[: exc.start].decode("utf-8", "replace")) + 1
            problems.add(number, "encoding",
                         f"invalid UTF-8 byte 0x{raw[exc.start]:02X} at character {column}; save the file as UTF-8")
    problems.raise_if_any()
    raise AssertionError("unreachable")


def csv_rows(text: str, problems: Problems, keep_raw: bool = False) -> tuple[list[str], list[Row]]:
    """Header (lower-cased, stripped) and rows of a CSV text; CRLF and quoted newlines are fine.

    A row with the wrong number of fields is a problem on its line (and left out).
    ``keep_raw`` keeps each row's raw text (to write rejected rows back).
    """
    header, rows = iter_csv_rows(text, problems, keep_raw)
    return header, [row for row in rows if row.values is not None]


def iter_csv_rows(text: str, problems: Problems, keep_raw: bool = False) -> tuple[list[str], Iterator[Row]]:
    """Like :func:`csv_rows`, but the rows come one by one (a big export is never all in memory).

    A row with the wrong number of fields is recorded as a problem and
    yielded with ``values=None`` (so ``--skip-bad`` can write it back).
    """
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
    source = io.StringIO(text, newline="")
    raw_lines: list[str] = []

    def lines():
        for line in source:
            if keep_raw:
                raw_lines.append(line)
            yield line

    reader = csv.reader(lines())
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        problems.add(1, "header", f"cannot read the CSV header: {exc}")
        problems.raise_if_any()
        raise AssertionError("unreachable") from None
    header = [h.strip().lower() for h in header]

    def rows() -> Iterator[Row]:
        line = reader.line_num + 1
        while True:
            raw_lines.clear()
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                problems.add(line, "row", f"malformed CSV: {exc}")
                return
            if record and any(cell.strip() for cell in record):
                if len(record) != len(header):
                    problems.add(line, "row", f"{len(record)} fields, but the header has {len(header)}")
                    yield Row(line, None, "".join(raw_lines))
                else:
                    yield Row(line, dict(zip(header, record, strict=True)), "".join(raw_lines))
            line = reader.line_num + 1

    return header, rows()


def write_rejected(path: Path, text: str, rows: list[Row], target: str | Path | None) -> Path:
    """Write rejected rows verbatim under the file's header (never over a file that is not ours)."""
    from ..write.workspace import atomic_write  # the workspace's safe writer (temp file, fsync, rename)

    out = Path(target) if target is not None else Path.cwd() / f"{path.stem}.rejected.csv"
    if out.exists() and not out.is_file():
        raise GraphFileError(f"{out}: not a regular file; choose another --rejected path")
    if out.resolve() == path.resolve():
        raise GraphFileError(f"{out}: the rejected rows cannot overwrite the input file")
    header = text.splitlines(keepends=True)[0]
    atomic_write(out, lambda fh: fh.write(header + "".join(r.raw for r in rows)))
    return out


class Progress:
    """A rich progress bar on stderr (or a no-op); ``with Progress(...) as advance: advance()``."""

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


@dataclass
class ImportReport:
    """What an import added (or would add, with ``dry_run``)."""

    file: str
    kind: str
    rows: int
    dry_run: bool
    counts: dict[str, int] = field(default_factory=dict)
    unchanged_rows: int = 0
    #: Non-fatal notices (``FILE:LINE: column: reason``): unknown extra columns, a cp1252 file.
    warnings: list[str] = field(default_factory=list)
    #: Rows left out with ``skip_bad``, their problems, and where they were written.
    rejected_rows: int = 0
    rejected_problems: list[str] = field(default_factory=list)
    rejected_file: str | None = None
    #: Dataset imports: matched / created actor names, suggested merges, derived statements.
    actors: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The record as a JSON-ready dict."""
        out = {"file": self.file, "kind": self.kind, "rows": self.rows, "dry_run": self.dry_run,
               "unchanged_rows": self.unchanged_rows, **self.counts}
        if self.warnings:
            out["warnings"] = self.warnings
        if self.rejected_rows or self.rejected_file:
            out.update(rejected_rows=self.rejected_rows, rejected_file=self.rejected_file,
                       rejected_problems=self.rejected_problems)
        if self.actors:
            out["report"] = self.actors
        return out
