"""Reading commands: actors, places, show, relations, events, figures, sources, query, queries, validate.

Each command is a few lines: parse, call one library function (imported inside the
command, so that ``actorgraph --help`` stays fast), print with :func:`actorgraph.commands.output.emit`.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import click

from .output import (
    DATE,
    RULE,
    RULE_HELP,
    SIGN,
    _jsonable,
    _name_notes,
    _say,
    emit,
    format_option,
    get_kg,
    show_ids,
    sign_mark,
)

__all__ = ["COMMANDS"]

_MIN = dt.date.min


ACTOR_COLUMNS = ["id", "label", "type", "aliases", "description"]
RELATION_COLUMNS = [
    "id", "subject", "subject_label", "predicate", "predicate_label", "object", "object_label",
    "polarity", "start", "end", "claimed_by", "quote", "source",
]
RELATION_TABLE = [SIGN, "subject", "relation", "object", "when", "status", "claimed_by", "polarity"]
SORT_HELP = ("Order: tie = strongest tie first (war, force, alliance… attitudes), the newest first, potential and "
             "structural relations last; date = the newest first; start = the oldest first. "
             "Default: tie for tables, start for csv and json.")


def relation_when(rel: dict) -> str:
    """A relation's dates for a table (:func:`actorgraph.core.dates.span_text`), "" when undated."""
    from actorgraph.core.dates import span_text

    return span_text(rel.get("start"), rel.get("end"))


def _relation_rows(rels: list[Any], onto=None, sort: str = "tie") -> list[dict[str, Any]]:
    """Relations as table rows, in reading order (:func:`graph.model.order.order_relations`, with ``onto``):
    labels, a sign (+ friendly, − hostile, · neutral), the dates in words; the statements of one fact
    (:func:`graph.model.order.same_fact`) in one row, each statement's dates listed ("undated" for none)."""
    from actorgraph.model.order import order_relations, same_fact
    from actorgraph.model.records import Relation

    records = [r if isinstance(r, Relation) else Relation(**{k: v for k, v in r.items() if k in Relation.__dataclass_fields__})
               for r in rels]
    if onto is not None:
        records = order_relations(onto, records, sort)
    out = []
    for group in same_fact(records):
        rel = group[0]
        whens = [relation_when(r.as_dict()) or "undated" for r in group]
        when = "; ".join(dict.fromkeys(whens)) if len(group) > 1 else relation_when(rel.as_dict())
        row = {SIGN: sign_mark(rel.polarity), "subject": rel.subject_label, "relation": rel.predicate_label,
               "object": rel.object_label, "when": when, "status": rel.status, "polarity": rel.polarity,
               "claimed_by": rel.claimed_by_label}
        if show_ids():
            row["id"] = " ".join(r.id for r in group)
        out.append(row)
    return out


def _relation_table() -> list[str]:
    return RELATION_TABLE + (["id"] if show_ids() else [])


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

    kg = get_kg(ctx)
    info = show_name(kg, name)
    if "actor" in info:
        from actorgraph.analysis.standing import standing

        info["standing"] = standing(kg, info["actor"]["id"])
    if fmt == "json":
        click.echo(json.dumps(_jsonable(info), ensure_ascii=False, indent=2))
        return
    table = kg if fmt == "table" else None  # tables: names, reading order, an event told twice once; csv: the records
    if "actor" in info:
        _show_actor(info, fmt, table)
    if "place" in info:
        if "actor" in info:
            click.echo("")
        _show_place(info["place"], fmt, table)


def _show_place(info: dict, fmt: str, kg=None) -> None:
    place = info["place"]
    where = f", in {place['located_in_label']}" if place.get("located_in_label") else ""
    _say(f"{place['label']} (place: {place['type']}{where}) [{place['id']}]")
    if place["aliases"]:
        _say("Aliases: " + ", ".join(place["aliases"]))
    click.echo("")
    emit([_event_row(kg, e) for e in info["events"]], fmt, ["date", "type", "label", "agents", "targets"],
         title=f"Events at {place['label']}")
    if info["relations"]:
        emit(_relation_rows(info["relations"], kg.ontology if kg is not None else None), fmt, _relation_table(),
             title=f"Relations located at {place['label']}")


def _show_actor(info: dict, fmt: str, kg=None) -> None:
    actor = info["actor"]
    _say(f"{actor['label']} ({actor['type']}) [{actor['id']}]")
    if info.get("standing"):  # the summary first: with whom friendly, hostile, mediating (the tie model's reading)
        from actorgraph.analysis.standing import standing_lines

        for line in standing_lines(info["standing"], actor["label"]):
            _say(line)
    if actor["aliases"]:
        _say("Aliases: " + ", ".join(actor["aliases"]))
    if actor.get("role"):
        _say("Role: " + actor["role"])
    if actor["description"]:
        _say(actor["description"])
    click.echo("")
    emit(_relation_rows(info["relations"], kg.ontology if kg is not None else None), fmt, _relation_table(),
         title="Relations")
    rows, folded = _actor_events(info["events"], kg)
    emit(rows, fmt, ["date", "type", "label", "agents", "targets"] + (["id"] if show_ids() else []), title="Events")
    for undated, dated in folded:
        _say(f"note: the undated event \"{undated['label']}\" is listed once, with \"{dated['label']}\" "
             f"({dated['date']}): the same type and actors, dated by another sentence of the same source")


def _actor_events(events: list[dict], kg) -> tuple[list[dict], list[tuple[dict, dict]]]:
    """``show``'s events, newest first (undated last), types in words; an undated event another sentence
    dates (:func:`graph.model.order.told_twice`) folded into that one, its places added."""
    from actorgraph.model.order import anchor, told_twice
    from actorgraph.model.reads import sources
    from actorgraph.model.records import Event

    records = [Event(**e) for e in events]
    twice = told_twice(records, {s.id: s.date for s in sources(kg) if s.date}) if kg is not None else {}
    by_id = {e["id"]: e for e in events}
    folded = [(by_id[u], by_id[d]) for u, d in twice.items()]
    kept = [dict(e) for e in events if e["id"] not in twice]
    for undated, dated in folded:
        row = next(r for r in kept if r["id"] == dated["id"])
        row["places"] = sorted(set(row["places"]) | set(undated["places"]))
    kept.sort(key=lambda e: (anchor(e["date"]) is None, -(anchor(e["date"]) or _MIN).toordinal()))
    return [_event_row(kg, e) for e in kept], folded


def _event_row(kg, event: dict) -> dict:
    """An event for a table: its type in words, its actors and places by name (CSV and JSON keep the ids)."""
    if kg is None:
        return event
    from actorgraph.model.names import labels_of

    names = labels_of(kg, {i for k in ("agents", "targets", "places") for i in event.get(k) or ()})
    return event | {"type": event_type_label(kg, event["type"])} | {
        k: "; ".join(names[i] for i in event.get(k) or ()) for k in ("agents", "targets", "places")}


def event_type_label(kg, name: str) -> str:
    """An event class in words ("Terrorist attack", not ``TerroristAttack``): its rdfs:label, capitalised."""
    if kg is None:
        return name
    from actorgraph.core.vocab import AG

    label = kg.ontology.classes.get(AG[name]) or name
    return label[:1].upper() + label[1:]


@click.command()
@click.option("--actor", metavar="NAME", help="Either end of the relation.")
@click.option("--with", "with_", metavar="NAME", help="The counterpart (the other end).")
@click.option("--type", "rel_type", metavar="REL", multiple=True, help="Relation type (name or label); repeatable.")
@click.option("--polarity", type=click.Choice(["friendly", "hostile", "neutral"]))
@click.option("--as-of", "as_of", type=DATE, help="Only relations active on this date.")
@click.option("--since", type=DATE, help="Only relations overlapping the window from this date.")
@click.option("--until", type=DATE, help="Only relations overlapping the window up to this date.")
@click.option("--rule", type=RULE, default="known", show_default=True,
              help=RULE_HELP)
@click.option("--roll-up", "roll_up", is_flag=True,
              help="Widen actors to their sides (a state with its institutions, officials, leaders; see `actorgraph sides`).")
@click.option("--sort", type=click.Choice(["tie", "date", "start"]), default=None, help=SORT_HELP)
@format_option()
@click.pass_context
def relations(ctx, actor, with_, rel_type, polarity, as_of, since, until, rule, roll_up, sort, fmt):
    """List relations with type, polarity, dates, claimant, quote and source."""
    from actorgraph.analysis.sides import rolled_up_relations
    from actorgraph.model.reads import relations as list_relations

    _name_notes(ctx, actor, with_)
    rows = (rolled_up_relations if roll_up else list_relations)(
        get_kg(ctx), actor=actor, with_=with_, type=list(rel_type) or None, polarity=polarity,
        as_of=as_of, since=since, until=until, rule=rule,
    )
    if fmt == "table":
        emit(_relation_rows(rows, get_kg(ctx).ontology, sort or "tie"), fmt, _relation_table())
        return
    if sort is not None:
        from actorgraph.model.order import order_relations

        rows = order_relations(get_kg(ctx).ontology, rows, sort)
    emit(rows, fmt, RELATION_COLUMNS if fmt == "csv" else None)


@click.command()
@click.option("--actor", metavar="NAME", help="Agent, target or victim (or an associated actor: see --role).")
@click.option("--role", type=click.Choice(["actor", "associated", "any"]), default="any", show_default=True,
              help="With --actor: its role in the event — a main actor (ACLED actor1/actor2, GED side_a/side_b, "
                   "agent, target), an associated actor (ACLED assoc_actor_1/2), or either.")
@click.option("--place", metavar="NAME", help="Where it happened (a city, region or country, places inside it included).")
@click.option("--since", type=DATE)
@click.option("--until", type=DATE)
@format_option()
@click.pass_context
def events(ctx, actor, role, place, since, until, fmt):
    """List events: type, date, agents, targets, places, quote, source."""
    from actorgraph.model.reads import events as list_events

    _name_notes(ctx, actor)
    rows = list_events(get_kg(ctx), actor=actor, since=since, until=until, role=role)
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
        if key.strip() in bound:  # the last one silently winning answers a question nobody asked
            raise click.BadParameter(f"{key.strip()!r} given twice ({bound[key.strip()]!r}, {value!r}): give it once",
                                     param_hint="--param")
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
    from actorgraph.write.validate import record_note
    from actorgraph.write.validate import validate as run_validate

    kg = get_kg(ctx)
    problems = run_validate(kg, source_text=source_text)
    for line in problems:
        click.echo(line)
    note = record_note(kg)  # which statements rest on a dataset record rather than a sentence
    if note:
        click.echo(note)
    if problems:
        raise click.ClickException(f"{len(problems)} violation{'s' if len(problems) != 1 else ''}")
    click.echo("conforms")


# ---------------------------------------------------------------------------


#: The top-level commands and groups this module adds to ``actorgraph``.
COMMANDS = [actors, places, show, relations, events, figures, sources, query, queries, validate]
