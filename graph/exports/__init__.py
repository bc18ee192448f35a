"""Exports: the alliance map as one offline HTML file, diagrams and data files.

>>> from actorgraph import load
>>> from actorgraph.exports import export
>>> export(load(), "mermaid", "exports/actorgraph.mmd", as_of="2026-03")  # doctest: +SKIP
[PosixPath('exports/actorgraph.mmd')]

Every format goes through :func:`actorgraph.exports.filters.select` (the shared
filters ``as_of``, ``actor``/``hops``, ``types``, ``polarity``) and every
file is written by :func:`actorgraph.store.safeio.write_file`: atomically (a
temporary file in the same directory, then ``os.replace``), creating the
directory, following a symlink to replace its target, refusing devices and
FIFOs; ``-`` and ``/dev/stdout`` are standard output.

The outputs layer. Owns :mod:`.filters` (the shared selection), :mod:`.html`
(the map; its script is ``templates/map-*.js``) with :mod:`.camps`,
:mod:`.formats` (gexf, graphml, cytoscape, csv, mermaid, dot, svg/png, RDF)
with :mod:`.layout` and :mod:`.style`, :mod:`.files` (atomic writes),
:mod:`.brief` and :mod:`.brief_doc` (the analyst's brief), :mod:`.review` (the
review page for extracted candidates) and :mod:`.samples`.
May import: core, store, model, write, ingest, analysis. Never serve or the CLI.
"""

from __future__ import annotations

from pathlib import Path

from .files import atomic_write
from .filters import ExportError, Selection, select

__all__ = ["FORMATS", "EXTENSIONS", "export", "default_path", "atomic_write", "select", "Selection", "ExportError"]

#: format → default file extension (csv writes a directory: nodes.csv + edges.csv)
EXTENSIONS = {
    "html": ".html",
    "gexf": ".gexf",
    "graphml": ".graphml",
    "cytoscape": ".cyjs",
    "csv": "",
    "mermaid": ".mmd",
    "dot": ".dot",
    "svg": ".svg",
    "png": ".png",
    "turtle": ".ttl",
    "trig": ".trig",
    "nt": ".nt",
    "jsonld": ".jsonld",
}
FORMATS = tuple(EXTENSIONS)


def default_path(fmt: str) -> Path:
    """``exports/actorgraph.<ext>`` (``exports/`` for csv)."""
    if fmt == "csv":
        return Path("exports")
    return Path("exports") / f"actorgraph{EXTENSIONS[fmt]}"


def export(kg, fmt: str, path: str | Path | None = None, *, title: str | None = None, **filters) -> list[Path]:
    """Export the graph (after the shared filters) in ``fmt``; return the files written.

    ``filters`` are those of :func:`~actorgraph.exports.filters.select`:
    ``as_of``, ``actor``, ``hops``, ``types``, ``polarity``.
    """
    if fmt not in EXTENSIONS:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    from ..store.safeio import is_stdout

    target = Path(path) if path is not None and not is_stdout(path) else ("-" if path is not None else default_path(fmt))
    if str(target) == "-" and fmt in ("csv", "png"):
        raise ExportError(f"{fmt} cannot be written to standard output; give -o PATH")
    sel = select(kg, **filters)
    if fmt == "html":
        from .html import render_html

        return [atomic_write(target, render_html(kg, sel, title=title))]
    from . import formats

    return formats.write(kg, sel, fmt, target, title=title)
