"""Validation of a change: SHACL and the checks shapes cannot express, on the nodes it touches.

:func:`check_change` is what every workspace runs on a netted
:class:`graph.write.change.Change` before committing it (a write's delta
and its neighbourhood, or a deterministic sample of a big import's nodes).

>>> SHACL_SAMPLE
200
"""

from __future__ import annotations

import hashlib
import heapq
import os
import re
from collections import defaultdict
from itertools import chain, compress
from operator import itemgetter
from typing import Any

from rdflib import RDF, RDFS, Graph, URIRef

from ..core.vocab import AG, AGD

__all__ = ["check_change", "SHACL_LIMIT", "SHACL_SAMPLE"]

#: Above this many changed triples, SHACL and the checks of graph.write.validate run
#: on a sample of :data:`SHACL_SAMPLE` touched nodes only: importers have
#: already checked every row in Python with the same rules (docs/workspaces.md).
SHACL_LIMIT = int(os.environ.get("ACTORGRAPH_SHACL_LIMIT", "5000"))
SHACL_SAMPLE = 200
_TYPE = RDF.type
_SUBJECT = itemgetter(0)


# ---------------------------------------------------------------------------
# Validation of a change: SHACL + graph.write.validate checks on the touched nodes
# ---------------------------------------------------------------------------
def check_change(change) -> list[str]:
    """Validate the nodes a change touches (see :func:`_check_change`).

    The reads it makes are context for validation, not what the change is
    built on: a view that records reads for an optimistic commit check
    (``tracking``) does not record them.
    """
    view = change.kg.dataset
    tracking = getattr(view, "tracking", None)
    if tracking:
        view.tracking = False
    try:
        return _check_change(change)
    finally:
        if tracking:
            view.tracking = True


def _check_change(change) -> list[str]:
    """Validate the nodes a change touches (with their neighbours as context).

    Runs SHACL and the date/relation-type checks on a small graph: every
    triple of each touched node after the change, plus the triples of the
    nodes they point to (so ``sh:class`` checks see types). Problems are
    kept only for touched nodes. Above :data:`SHACL_LIMIT` changed triples
    (unless ``change.force_shacl``) only a deterministic sample of
    :data:`SHACL_SAMPLE` touched nodes is checked: importers have checked
    every row in Python with the same rules.
    """
    if not change.size:
        return []
    from ..core.text import literal_problems
    from ..model.records import local_id

    texts = sorted(chain.from_iterable(literal_problems(triples, held=True) for triples in change.new.values()))
    if texts:
        return texts
    ds_now = change.kg.dataset
    gone: set = set().union(*change.gone.values()) if change.gone else set()
    touched = set().union(*(map(_SUBJECT, triples) for triples in change.new.values()), map(_SUBJECT, gone))
    for s, _, _ in list(gone):  # whoever pointed at a node that lost triples
        touched.update(x for x in ds_now.subjects(None, s) if isinstance(x, URIRef))
    if change.size > SHACL_LIMIT and not change.force_shacl:
        touched = set(heapq.nsmallest(SHACL_SAMPLE, touched, key=lambda n: hashlib.sha1(str(n).encode()).digest()))
    added_by_s = _added_by_subject(change, touched)  # only the checked nodes' (a big import has millions)

    def after(node) -> list:
        return [t for t in ds_now.triples((node, None, None)) if t not in gone] + added_by_s.get(node, [])

    g = Graph()
    context: set = set()
    for node in touched:
        for t in after(node):
            g.add(t)
            if isinstance(t[2], URIRef) and str(t[2]).startswith(str(AGD)) and t[2] not in touched:
                context.add(t[2])
    added_by_s.update(_added_by_subject(change, context))
    for node in context:
        for t in after(node):
            g.add(t)
    ids = {local_id(n) for n in touched}
    problems = []
    # SHACL on the delta + neighbourhood; then the checks shapes cannot express, read straight
    # from the triples (graph.write.validate's model-based pass costs a second of rdflib SPARQL)
    shacl_data = Graph()  # the delta's neighbourhood + the ontology's types and class tree (what sh:class reads)
    for t in g:
        shacl_data.add(t)
    for t in _ontology_skeleton(change.kg.ontology):
        shacl_data.add(t)
    for line in _shacl(shacl_data) + _date_and_type_checks(g, change.kg.ontology):
        head = line[len("shacl: "):] if line.startswith("shacl: ") else line
        first = re.split(r"[ :]", head, maxsplit=1)[0]
        if first in ids:
            problems.append(line)
    return problems


def _added_by_subject(change, nodes: set) -> dict[Any, list]:
    """The triples ``change`` adds about each of ``nodes``."""
    found: dict[Any, list] = defaultdict(list)
    if nodes:
        for triples in change.new.values():
            for t in compress(triples, map(nodes.__contains__, map(_SUBJECT, triples))):  # (picked in C: millions)
                found[t[0]].append(t)
    return found


_COMPILED: list = []


def _shacl(data: Graph) -> list[str]:
    """Our shapes on a small graph: :mod:`graph.write.shacl_lite` when it covers them (no pyshacl import), else pyshacl."""
    from .shacl_lite import compile_shapes, problems

    if not _COMPILED:
        from .validate import shapes_path

        _COMPILED.append(compile_shapes(Graph().parse(shapes_path(), format="turtle")))
    shapes = _COMPILED[0]
    if shapes is None:
        from .validate import shacl_graph_problems

        return shacl_graph_problems(data)
    return problems(data, shapes)


_SKELETON: dict[int, list] = {}


def _ontology_skeleton(onto) -> list:
    """The ontology's ``rdf:type`` and ``rdfs:subClassOf`` triples (cached)."""
    key = id(onto.graph)
    if key not in _SKELETON:
        _SKELETON.clear()
        _SKELETON[key] = [t for t in onto.graph if t[1] in (_TYPE, RDFS.subClassOf)]
    return _SKELETON[key]


def _date_and_type_checks(g, onto) -> list[str]:
    """What :func:`graph.write.validate.validate` checks beyond SHACL, on statements and events of ``g``.

    Dates well formed, nothing ends before it starts, every statement's
    relation type a signed relation of the ontology.
    """
    from ..core.dates import parse_date
    from ..core.errors import DateError
    from ..model.records import local_id

    problems = []
    signed = set(onto.relations)
    for node in set(g.subjects(_TYPE, AG.Statement)):
        where = local_id(node)
        predicate = g.value(node, AG.predicate)
        if predicate is not None and predicate not in signed:
            problems.append(f"{where}: relation type {local_id(predicate)!r} is not a signed relation of the ontology")
        problems += _span_problems(where, g.value(node, AG.start), g.value(node, AG.end), parse_date, DateError)
    for node in set(g.subjects(AG.date, None)):
        problems += _span_problems(local_id(node), g.value(node, AG.date), g.value(node, AG.endDate), parse_date,
                                   DateError)
    return problems


def _span_problems(where: str, start, end, parse_date, DateError) -> list[str]:
    try:
        first = parse_date(str(start)) if start is not None else None
        last = parse_date(str(end)) if end is not None else None
    except DateError as exc:
        return [f"{where}: {exc}"]
    if first and last and last.latest < first.earliest:
        return [f"{where}: ends ({last}) before it starts ({first})"]
    return []

