"""Reading commands: actors, places, show, relations, events, figures, sources, query, queries, validate.

Each command is a few lines: parse, call one library function (imported inside the
command, so that ``actorgraph --help`` stays fast), print with :func:`actorgraph.commands.output.emit`.
"""

from __future__ import annotations

import json
from typing import Any

import click

from .output import (
    DATE,
    _jsonable,
    _name_notes,
    _say,
    emit,
    format_option,
    get_kg,
)

__all__ = ["COMMANDS"]


ACTOR_COLUMNS = ["id", "label", "type", "aliases", "description"]
RELATION_COLUMNS = [
    "id", "subject", "subject_label", "predicate", "predicate_label", "object", "object_label",
    "polarity", "start", "end", "claimed_by", "quote", "source",
]
RELATION_TABLE = ["subject", "relation", "object", "when", "status", "claimed_by", "polarity"]


def _relation_rows(rels: list[Any]) -> list[dict[str, Any]]:
    """Relations as table rows: labels, and the dates in words ("2015 to 2021", "from 2025-10")."""
    def when(rel: dict) -> str:
        if rel.get("start") and rel.get("end"):
            return f"{rel['start']} to {rel['end']}"
        if rel.get("start"):
            return f"from {rel['start']}"
        return f"until {rel['end']}" if rel.get("end") else ""

    out = []
    for rel in rels:
        rel = rel if isinstance(rel, dict) else rel.as_dict()
        out.append({"subject": rel["subject_label"], "relation": rel["predicate_label"], "object": rel["object_label"],
                    "when": when(rel), "status": rel.get("status"), "polarity": rel["polarity"],
                    "claimed_by": rel.get("claimed_by_label")})
    return out
EVENT_COLUMNS = ["id", "type", "label", "date", "agents", "targets", "places", "quote", "source"]


@click.command()
@click.option("--type", "actor_type", metavar="T", help="Actor class (e.g. State, TerroristGroup, Person).")
@format_option()
@click.pass_context
def actors(ctx, actor_type, fmt):
    """List actors: id, label, type, aliases, description."""
    from actorgraph.model.names import actors as list_actors

    rows = list_actors(get_kg(ctx), type=actor_type)
    emit([{k: a.as_dict()[k] for k in ACTOR_COLUMNS} | {"role": a.role} for a in rows], fmt,
         ACTOR_COLUMNS if fmt == "csv" else ["id", "label", "type", "aliases"])


@click.command()
@format_option()
@click.pass_context
def places(ctx, fmt):
    """List places (countries, provinces, cities, ports, regions)."""
    from actorgraph.model.names import places as list_places

    emit([{k: a.as_dict()[k] for k in ("id", "label", "type", "aliases")} for a in list_places(get_kg(ctx))], fmt)


@click.command()
@click.argument("name")
@format_option()
@click.pass_context
def show(ctx, name, fmt):
    """Show one actor or place (by name or alias); a name that is both (Kabul) shows both."""
    from actorgraph.model.places import show_name

    info = show_name(get_kg(ctx), name)
    if fmt == "json":
        click.echo(json.dumps(_jsonable(info), ensure_ascii=False, indent=2))
        return
    if "actor" in info:
        _show_actor(info, fmt)
    if "place" in info:
        if "actor" in info:
            click.echo("")
        _show_place(info["place"], fmt)


def _show_place(info: dict, fmt: str) -> None:
    place = info["place"]
    where = f", in {place['located_in_label']}" if place.get("located_in_label") else ""
    _say(f"{place['label']} (place: {place['type']}{where}) [{place['id']}]")
    if place["aliases"]:
        _say("Aliases: " + ", ".join(place["aliases"]))
    click.echo("")
    emit(info["events"], fmt, ["date", "type", "label", "agents", "targets"], title=f"Events at {place['label']}")
    if info["relations"]:
        emit(_relation_rows(info["relations"]), fmt, RELATION_TABLE, title=f"Relations located at {place['label']}")


def _show_actor(info: dict, fmt: str) -> None:
    actor = info["actor"]
    _say(f"{actor['label']} ({actor['type']}) [{actor['id']}]")
    if actor["aliases"]:
        _say("Aliases: " + ", ".join(actor["aliases"]))
    if actor.get("role"):
        _say("Role: " + actor["role"])
    if actor["description"]:
        _say(actor["description"])
    click.echo("")
    emit(_relation_rows(info["relations"]), fmt, RELATION_TABLE, title="Relations")
    emit(info["events"], fmt, ["date", "type", "label", "agents", "targets"], title="Events")


@click.command()
@click.option("--actor", metavar="NAME", help="Either end of the relation.")
@click.option("--with", "with_", metavar="NAME", help="The counterpart (the other end).")
@click.option("--type", "rel_type", metavar="REL", multiple=True, help="Relation type (name or label); repeatable.")
@click.option("--polarity", type=click.Choice(["friendly", "hostile", "neutral"]))
@click.option("--as-of", "as_of", type=DATE, help="Only relations active on this date.")
@click.option("--since", type=DATE, help="Only relations overlapping the window from this date.")
@click.option("--until", type=DATE, help="Only relations overlapping the window up to this date.")
@click.option("--rule", type=click.Choice(["possible", "certain"]), default="possible", show_default=True,
              help="As-of rule for imprecise dates (see README).")
@click.option("--roll-up", "roll_up", is_flag=True,
              help="Widen actors to their sides (a state with its institutions, officials, leaders; see `actorgraph sides`).")
@format_option()
@click.pass_context
def relations(ctx, actor, with_, rel_type, polarity, as_of, since, until, rule, roll_up, fmt):
    """List relations with type, polarity, dates, claimant, quote and source."""
    from actorgraph.analysis.sides import rolled_up_relations
    from actorgraph.model.reads import relations as list_relations

    _name_notes(ctx, actor, with_)
    rows = (rolled_up_relations if roll_up else list_relations)(
        get_kg(ctx), actor=actor, with_=with_, type=list(rel_type) or None, polarity=polarity,
        as_of=as_of, since=since, until=until, rule=rule,
    )
    emit(_relation_rows(rows) if fmt == "table" else rows, fmt, RELATION_COLUMNS if fmt == "csv" else RELATION_TABLE)


@click.command()
@click.option("--actor", metavar="NAME", help="Agent, target or victim.")
@click.option("--place", metavar="NAME", help="Where it happened (a city, region or country, places inside it included).")
@click.option("--since", type=DATE)
@click.option("--until", type=DATE)
@format_option()
@click.pass_context
def events(ctx, actor, place, since, until, fmt):
    """List events: type, date, agents, targets, places, quote, source."""
    from actorgraph.model.reads import events as list_events

    _name_notes(ctx, actor)
    rows = list_events(get_kg(ctx), actor=actor, since=since, until=until)
    if place is not None:
        from actorgraph.model.places import events_at

        at = {e.id for e in events_at(get_kg(ctx), place)}
        rows = [e for e in rows if e.id in at]
    if fmt == "table":  # names, not ids, for a reader (csv and json keep the ids)
        from actorgraph.model.names import labels_of

        names = labels_of(get_kg(ctx), {i for e in rows for i in (*e.agents, *e.targets, *e.places)})
        rows = [e.as_dict() | {k: "; ".join(names[i] for i in getattr(e, k)) for k in ("agents", "targets", "places")}
                for e in rows]
    emit(rows, fmt, EVENT_COLUMNS if fmt == "csv" else ["date", "type", "label", "agents", "targets", "places"])


@click.command()
@format_option()
@click.pass_context
def figures(ctx, fmt):
    """List figures as the text states them, with their range, unit and date."""
    from actorgraph.model.reads import quantities

    emit(quantities(get_kg(ctx)), fmt, ["date", "stated_as", "min", "max", "unit", "label"] if fmt == "table" else None)


@click.command()
@format_option()
@click.pass_context
def sources(ctx, fmt):
    """List source documents with their bibliographic record."""
    from actorgraph.model.reads import sources as list_sources

    emit(list_sources(get_kg(ctx)), fmt, ["id", "author", "title", "series", "number", "date", "isbn"] if fmt == "table" else None)


@click.command()
@click.argument("spec", metavar="TEXT|FILE|NAME")
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="Bind a parameter; repeatable.")
@click.option("--roll-up", "roll_up", is_flag=True,
              help="Named queries: widen each actor parameter to its side (see `actorgraph sides`).")
@format_option(default="json")
@click.pass_context
def query(ctx, spec, params, roll_up, fmt):
    """Run a read-only SPARQL query (text, .rq file or named query); rows as JSON."""
    from actorgraph.analysis.sides import rolled_up_query
    from actorgraph.model.queries import query as run_query

    bound = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"expected KEY=VALUE, got {item!r}", param_hint="--param")
        bound[key.strip()] = value
    rows = rolled_up_query(get_kg(ctx), spec, bound) if roll_up else run_query(get_kg(ctx), spec, bound)
    short = _compact_iri if fmt != "json" else str
    emit([{k: None if v is None else short(v) for k, v in row.items()} for row in rows], fmt)


def _compact_iri(term: Any) -> str:
    """``agd:pakistan`` for data IRIs, ``ag:attacks`` for ontology terms (tables and CSV)."""
    text = str(term)
    for prefix, ns in (("agd:", "https://w3id.org/actorgraph/id/"), ("ag:", "https://w3id.org/actorgraph/ontology#")):
        if text.startswith(ns) and type(term).__name__ == "URIRef":
            return prefix + text[len(ns):]
    return text


@click.command()
@format_option()
def queries(fmt):
    """List the named queries with their description and parameters."""
    from actorgraph.model.query_library import named_queries

    rows = [
        {"name": q.name, "description": q.description,
         "parameters": [f"{name} ({kind})" for name, kind, _ in q.params]}
        for q in named_queries()
    ]
    emit(rows, fmt)


@click.command()
@click.option("--source-text", type=click.Path(exists=True, dir_okay=False), metavar="FILE",
              help="Check that every quote appears verbatim in this text.")
@click.pass_context
def validate(ctx, source_text):
    """Validate the graph: SHACL shapes plus quote and date checks."""
    from actorgraph.write.validate import validate as run_validate

    problems = run_validate(get_kg(ctx), source_text=source_text)
    for line in problems:
        click.echo(line)
    if problems:
        raise click.ClickException(f"{len(problems)} violation{'s' if len(problems) != 1 else ''}")
    click.echo("conforms")


# ---------------------------------------------------------------------------


#: The top-level commands and groups this module adds to ``actorgraph``.
COMMANDS = [actors, places, show, relations, events, figures, sources, query, queries, validate]
