"""Compile the bundled dataset (authored as YAML) into RDF.

``graph/data/ifri-letter-116.yaml`` is the human-edited form of the bundled
graph: a source record, actors, places, relations, events, quantities and
the author's assessments, each with its verbatim quote. :func:`compile_dataset` turns it into the
statement model through :mod:`graph.write.statements`; ``python -m graph.ingest.build``
rewrites the committed ``graph/data/actorgraph.trig`` (a test checks the
two agree).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml
from rdflib import Dataset, Graph, URIRef

from ..core.errors import ActorGraphError, ValidationError
from ..core.ontology import load_ontology
from ..core.vocab import AG, AGD
from ..write.statements import (
    add_actor,
    add_assessment,
    add_event,
    add_lifespan,
    add_quantity,
    add_source,
    add_statement,
)

__all__ = ["compile_dataset", "DATA_DIR", "DATASET_YAML", "BUNDLED_GRAPH", "source_iri"]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DATASET_YAML = DATA_DIR / "ifri-letter-116.yaml"
SOURCES_YAML = DATA_DIR / "sources.yaml"
BUNDLED_GRAPH = DATA_DIR / "actorgraph.trig"


def source_iri(source_id: str) -> URIRef:
    """IRI of a source document (also the name of its named graph)."""
    return AGD["source/" + source_id]


def _status(value: str | None) -> URIRef | None:
    return AG[value] if value else None


def _source_record(doc: dict[str, Any], sources_path: Path) -> dict[str, Any]:
    """The dataset's source record: inline ``source:`` mapping, or an id / the
    single entry of ``sources.yaml``."""
    inline = doc.get("source")
    if isinstance(inline, dict):
        return inline
    records = yaml.safe_load(Path(sources_path).read_text(encoding="utf-8"))["sources"]
    if inline is None and len(records) == 1:
        return records[0]
    for record in records:
        if record["id"] == inline:
            return record
    raise ValidationError([f"{sources_path}: no source record {inline!r}"])


def compile_dataset(path: Path = DATASET_YAML, sources_path: Path = SOURCES_YAML) -> Dataset:
    """Compile a dataset YAML file into a :class:`rdflib.Dataset`.

    The data goes into one named graph named after the source. Raises
    :class:`~actorgraph.core.errors.ValidationError` listing every dangling reference or
    unknown term.

    >>> ds = compile_dataset()
    >>> sum(1 for _ in ds.quads()) > 1000
    True
    """
    doc: dict[str, Any] = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    onto = load_ontology()
    src = _source_record(doc, sources_path)
    source = source_iri(src["id"])
    ds = Dataset()
    ds.bind("ag", AG)
    ds.bind("agd", AGD)
    ds.bind("edtf", "http://id.loc.gov/datatypes/edtf/")
    g: Graph = ds.graph(source)
    problems: list[str] = []

    # -- the source record ---------------------------------------------
    add_source(
        g, source, src["title"], str(src["date"]),
        **{key: src.get(key) for key in ("series", "number", "isbn", "place", "rights", "citation", "language")},
        creators=[AGD[ref] for ref in _as_list(src.get("author"))],
        publishers=[AGD[ref] for ref in _as_list(src.get("publisher"))],
        contributors=[AGD[ref] for ref in _as_list(src.get("contributor"))],
    )

    issued = str(src["date"])
    known: set[str] = set()
    for actor in doc.get("actors", []):
        try:
            cls = onto.resolve_class(actor["type"], AG.Actor)
        except ActorGraphError as exc:
            problems.append(f"actor {actor.get('id')}: {exc}")
            continue
        add_actor(g, AGD[actor["id"]], actor["label"], [cls], actor.get("aliases", []),
                  actor.get("description"), actor.get("role"))
        try:
            add_lifespan(g, AGD[actor["id"]], _text(actor.get("lifespan_start")), _text(actor.get("lifespan_end")),
                         actor.get("lifespan_quote"))
        except ActorGraphError as exc:
            problems.append(f"actor {actor['id']}: {exc}")
        if (actor.get("lifespan_start") or actor.get("lifespan_end")) and not actor.get("lifespan_quote"):
            problems.append(f"actor {actor['id']}: a lifespan needs the sentence that gives it (lifespan_quote)")
        known.add(actor["id"])
    for place in doc.get("places", []):
        try:
            cls = onto.resolve_class(place["type"], AG.Place)
        except ActorGraphError as exc:
            problems.append(f"place {place.get('id')}: {exc}")
            continue
        add_actor(g, AGD[place["id"]], place["label"], [cls], place.get("aliases", []), place.get("description"))
        known.add(place["id"])

    def ref(value: str | None, where: str) -> URIRef | None:
        if value is None:
            return None
        if value not in known:
            problems.append(f"{where}: unknown id {value!r}")
        return AGD[value]

    for place in doc.get("places", []):
        if place.get("located_in"):
            g.add((AGD[place["id"]], AG.locatedIn, ref(place["located_in"], f"place {place['id']}")))

    for event in doc.get("events", []):
        where = f"event {event['id']}"
        try:
            cls = onto.resolve_class(event["type"], AG.Event)
            add_event(
                g, AGD["event/" + event["id"]], cls, event["label"],
                date=event.get("date"), end=event.get("end"),
                agents=[ref(a, where) for a in event.get("agents", [])],
                targets=[ref(a, where) for a in event.get("targets", [])],
                places=[ref(a, where) for a in event.get("places", [])],
                victims=[ref(a, where) for a in event.get("victims", [])],
                led_by=ref(event.get("led_by"), where),
                outcome=event.get("outcome"), status=_status(event.get("status")),
                quote=event.get("quote"), source=source, note=event.get("note"), issued=issued,
            )
            _add_reactions(g, AGD["event/" + event["id"]], event, ref, where)
        except ActorGraphError as exc:
            problems.append(f"{where}: {exc}")
    events = {e["id"] for e in doc.get("events", [])}

    # Relations may refer to one another (an accusation is "about" the
    # accused relation), so keys are resolved after every node exists.
    keyed: dict[str, URIRef] = {}
    pending_about: list[tuple[URIRef, str, str]] = []
    for index, rel in enumerate(doc.get("relations", []), start=1):
        where = f"relation {index} ({rel.get('subject')} {rel.get('predicate')} {rel.get('object') or rel.get('parties')})"
        try:
            rtype = onto.relation(rel["predicate"])
            for ev in rel.get("events", []):
                if ev not in events:
                    problems.append(f"{where}: unknown event {ev!r}")
            node = add_statement(
                g, ref(rel["subject"], where), rtype.iri, ref(rel.get("object"), where),
                parties=[ref(p, where) for p in rel.get("parties", [])],
                start=rel.get("start"), end=rel.get("end"), quote=rel.get("quote"),
                source=source, claimed_by=[ref(c, where) for c in _as_list(rel.get("claimed_by"))],
                status=_status(rel.get("status")), symmetric=rtype.symmetric,
                evidenced_by=[AGD["event/" + ev] for ev in rel.get("events", [])],
                end_cause=AG.Killed if rel.get("end_cause") == "killed" else None,
                role=rel.get("role"), place=ref(rel.get("place"), where), note=rel.get("note"),
                end_quote=rel.get("end_quote"), start_quote=rel.get("start_quote"), issued=issued,
            )
            _add_reactions(g, node, rel, ref, where)
        except ActorGraphError as exc:
            problems.append(f"{where}: {exc}")
            continue
        if rel.get("key"):
            keyed[rel["key"]] = node
        for about in _as_list(rel.get("about")):
            pending_about.append((node, AG.about, about, where))
        for earlier in _as_list(rel.get("follows")):
            pending_about.append((node, AG.follows, earlier, where))
    for node, link, about, where in pending_about:
        if about not in keyed:
            problems.append(f"{where}: unknown relation key {about!r}")
        else:
            g.add((node, link, keyed[about]))

    for qty in doc.get("quantities", []):
        of = qty.get("of")
        of_iri = None
        if of:
            of_iri = AGD["event/" + of] if of in events else ref(of, f"quantity {qty['id']}")
        try:
            add_quantity(
                g, AGD["quantity/" + qty["id"]], qty["label"], qty["value"], qty["unit"],
                bound=AG[qty.get("bound", "Exactly")], date=qty.get("date"), of=of_iri,
                quote=qty.get("quote"), source=source,
                minimum=qty.get("min"), maximum=qty.get("max"), stated_as=qty.get("stated_as"),
            )
        except (ActorGraphError, AttributeError) as exc:
            problems.append(f"quantity {qty['id']}: {exc}")
        if qty.get("stated_as") and str(qty["stated_as"]).lower() not in str(qty.get("quote", "")).lower():
            problems.append(f"quantity {qty['id']}: stated_as {qty['stated_as']!r} is not in its quote")
        if qty.get("min") is not None and qty.get("max") is not None and qty["min"] > qty["max"]:
            problems.append(f"quantity {qty['id']}: min {qty['min']} is above max {qty['max']}")
    _add_assessments(g, doc.get("assessments", []), source, ref, problems)
    if problems:
        raise ValidationError([f"{path}: {p}" for p in problems])
    return ds


def _add_assessments(g: Graph, items: list[dict[str, Any]], source: URIRef, ref, problems: list[str]) -> None:
    """The author's judgements (``assessments:``), ranked in the order written (the letter's order)."""
    seen: set[str] = set()
    for rank, item in enumerate(items, start=1):
        where = f"assessment {item.get('id')}"
        if item.get("id") in seen:
            problems.append(f"{where}: the id is used twice")
        seen.add(item.get("id"))
        if not item.get("assessed_by"):
            problems.append(f"{where}: an assessment needs the actor who judges (assessed_by)")
            continue
        try:
            add_assessment(g, AGD["assessment/" + item["id"]], item["label"], item.get("quote") or "", source,
                           ref(item["assessed_by"], where), concerns=[ref(a, where) for a in _as_list(item.get("concerns"))],
                           rank=rank, note=item.get("note"))
        except ActorGraphError as exc:
            problems.append(f"{where}: {exc}")


def _add_reactions(g: Graph, node: URIRef, item: dict[str, Any], ref, where: str) -> None:
    """``viewed_positively_by`` / ``viewed_negatively_by``: actors the node's
    quote says welcome or resent the relation or event."""
    for key, prop in (("viewed_positively_by", AG.viewedPositivelyBy), ("viewed_negatively_by", AG.viewedNegativelyBy)):
        for actor in _as_list(item.get(key)):
            g.add((node, prop, ref(actor, where)))


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def main() -> int:
    """Rewrite ``actorgraph.trig`` from the YAML (``python -m graph.ingest.build``)."""
    try:
        ds = compile_dataset()
    except ValidationError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    BUNDLED_GRAPH.write_text(ds.serialize(format="trig"), encoding="utf-8")
    print(f"wrote {BUNDLED_GRAPH} ({len(ds)} quads)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
