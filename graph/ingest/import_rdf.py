"""Import RDF files (Turtle, TriG, JSON-LD, N-Triples, N-Quads) into a workspace — all or nothing.

The data must conform to the shapes; triples outside a named graph go to
the graph of the file's only ``ag:SourceDocument``, else ``source/user``.
SHACL problems are reported as ``FILE:LINE: shacl: …`` (the line where the
focus node's id first appears).

>>> line_of("a\\nstatement/x ag:quote", "shacl: statement/x quote: too short")
2
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import RDF, URIRef

from ..core.errors import ImportProblems, ValidationError
from ..core.vocab import AG
from ..write.workspace import Workspace, ensure_user_source
from .tabular import MAX_PROBLEMS, ImportReport, Problems, decode_text, read_bytes

__all__ = ["import_rdf", "line_of", "RDF_EXTENSIONS"]

RDF_EXTENSIONS = {".ttl", ".turtle", ".trig", ".jsonld", ".json", ".nt", ".nq"}


def line_of(text: str | None, problem: str) -> int:
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


def import_rdf(ws: Workspace, path: Path, problems: Problems, dry_run: bool) -> ImportReport:
    from rdflib import Dataset

    from ..store.graph import rdf_format_for

    text, _ = decode_text(read_bytes(path), problems)
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
            from ..write.workspace import check_change

            found = check_change(change)
            if found:
                raise ValidationError(found)
            counts = change.counts()
    except ValidationError as exc:
        lines = [f"{path}:{line_of(text, p)}: shacl: {p.removeprefix('shacl: ')}" for p in exc.problems]
        raise ImportProblems(str(path), lines[:MAX_PROBLEMS], len(lines)) from None
    return ImportReport(str(path), fmt, len(quads), dry_run, counts, 0)
