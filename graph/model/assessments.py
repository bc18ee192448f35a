"""The source's own judgements (``ag:Assessment``): read apart from relations.

An assessment ("the prospects for a sustained return to stability appear
limited") is what the author concludes, not a relation between two actors:
:func:`assessments` returns them as :class:`~actorgraph.model.records.Assessment`
records and no relation, tie or count reads them.

>>> from actorgraph import load
>>> first = assessments(load())[0]
>>> first.rank, first.assessed_by
(1, 'isabelle-saint-mezard')
"""

from __future__ import annotations

from collections import defaultdict

from ..store.graph import ActorGraph
from .names import _internal_rows, label_of
from .records import Assessment, iri, local_id
from .selectors import values

__all__ = ["assessments"]


def assessments(kg: ActorGraph, about: str | None = None, source: str | None = None) -> list[Assessment]:
    """The assessments in the source's order (rank, then id); ``about``: those concerning this actor id;
    ``source``: those of this source id."""
    where = None if about is None else values("concerns", [str(iri(about))]) + " ?a ag:concerns ?concerns ."
    rows = _internal_rows(kg, "assessments", where)
    concerns: dict[str, set[str]] = defaultdict(set)
    found: dict[str, Assessment] = {}
    for row in rows:
        ident = local_id(row["a"])
        if "concerns" in row:
            concerns[ident].add(local_id(row["concerns"]))
        if ident in found:
            continue
        by = row.get("by")
        found[ident] = Assessment(
            id=ident, label=str(row["label"]), quote=str(row["quote"]), source=local_id(row.get("source")),
            assessed_by=local_id(by), assessed_by_label=str(label_of(kg, by)) if by is not None else None,
            rank=int(row["rank"]) if "rank" in row else None, note=str(row["note"]) if "note" in row else None)
    if about is not None:  # the filter kept one concerned actor per row: read them all
        full = {a.id: a for a in assessments(kg, source=source)}
        return [full[i] for i in sorted(found, key=lambda i: _order(full[i]))]
    out = []
    for ident, record in found.items():
        record.concerns = sorted(concerns[ident])
        if source is None or record.source == source or record.source == f"source/{source}":
            out.append(record)
    return sorted(out, key=_order)


def _order(a: Assessment) -> tuple:
    return (a.rank is None, a.rank or 0, a.id)
