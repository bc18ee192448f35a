"""Validation: SHACL shapes (pyshacl) plus the checks shapes cannot express.

:func:`validate` returns one line per violation (empty list = conforms):

* SHACL: ``graph/data/shapes.ttl`` against data + ontology (so ``sh:class``
  sees subclasses);
* every quote appears verbatim in the source text (whitespace runs,
  typographic quotes and dashes normalised);
* no relation ends before it starts; every date is well formed;
* every relation type is a typed, signed relation of the ontology.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from rdflib import Graph

from ..core.dates import parse_date
from ..core.errors import DateError
from ..core.vocab import AG
from ..model.reads import _all_relations, events, quantities
from ..store.graph import ActorGraph

__all__ = ["validate", "normalise_text", "shapes_path"]

_TRANSLATE = str.maketrans({
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
    "‘": "'", "’": "'", "‚": "'", "′": "'",
    "–": "-", "—": "-", "‑": "-", "\u00a0": " ",
})


def normalise_text(text: str) -> str:
    """Collapse whitespace and map typographic quotes/dashes to ASCII.

    >>> normalise_text("“open  war”\\n with")
    '"open war" with'
    """
    return " ".join(text.translate(_TRANSLATE).split())


def shapes_path() -> Path:
    """Path of the packaged SHACL shapes."""
    return Path(str(resources.files("actorgraph") / "data" / "shapes.ttl"))


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return Graph().parse(shapes_path(), format="turtle")


def shacl_problems(kg: ActorGraph) -> list[str]:
    """Run pyshacl; return one line per SHACL violation."""
    return shacl_graph_problems(kg.data(), kg.ontology.graph)


def shacl_graph_problems(data: Graph, ont_graph: Graph | None = None) -> list[str]:
    """pyshacl on one graph (``ont_graph`` mixed in first, unless ``data`` already holds the ontology it needs)."""
    from pyshacl import validate as shacl_validate
    from rdflib.namespace import SH

    conforms, report, _ = shacl_validate(
        data, shacl_graph=_shapes(), ont_graph=ont_graph, inference="none", advanced=True
    )
    if conforms:
        return []
    problems = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        where = _short(focus) + (f" {_short(path)}" if path is not None else "")
        problems.append(f"shacl: {where}: {message}")
    return sorted(problems)


def _short(node) -> str:
    text = str(node)
    for prefix in ("https://w3id.org/actorgraph/id/", "https://w3id.org/actorgraph/ontology#"):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


def validate(kg: ActorGraph, source_text: str | Path | None = None) -> list[str]:
    """Validate a graph; return one line per violation (``[]`` when it conforms).

    >>> from actorgraph import load
    >>> validate(load())
    []
    """
    problems = shacl_problems(kg)
    normalised = normalise_text(Path(source_text).read_text(encoding="utf-8")) if source_text else None
    onto = kg.ontology
    for rel in _all_relations(kg):
        where = f"{rel.id} ({rel.subject} {rel.predicate} {rel.object or ' & '.join(rel.parties)})"
        try:
            start = parse_date(rel.start) if rel.start else None
            end = parse_date(rel.end) if rel.end else None
        except DateError as exc:
            problems.append(f"{where}: {exc}")
            continue
        if start and end and end.latest < start.earliest:
            problems.append(f"{where}: ends ({end}) before it starts ({start})")
        if rel.predicate not in {r.name for r in onto.relations.values()}:
            problems.append(f"{where}: relation type {rel.predicate!r} is not a signed relation of the ontology")
        if normalised is not None and rel.quote and normalise_text(rel.quote) not in normalised:
            problems.append(f"{where}: quote not found verbatim in source text: {rel.quote[:60]!r}")
    if normalised is not None:
        for statement, end_quote in kg.data().subject_objects(AG.endQuote):
            if normalise_text(str(end_quote)) not in normalised:
                problems.append(f"{_short(statement)}: end quote not found verbatim in source text: {str(end_quote)[:60]!r}")
        for item in [*events(kg), *quantities(kg)]:
            if item.quote and normalise_text(item.quote) not in normalised:
                problems.append(f"{item.id}: quote not found verbatim in source text: {item.quote[:60]!r}")
    for ev in events(kg):
        if ev.date and ev.end:
            try:
                if parse_date(ev.end).latest < parse_date(ev.date).earliest:
                    problems.append(f"{ev.id}: ends ({ev.end}) before it starts ({ev.date})")
            except DateError as exc:
                problems.append(f"{ev.id}: {exc}")
    return problems
