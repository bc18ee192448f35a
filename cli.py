"""actorgraph command line: a thin click front over the ``graph`` library.

Each command calls one library function and prints its result through
:func:`emit` (``--format table|csv|json``). Library errors
(:class:`actorgraph.errors.ActorGraphError`) become one-line ``Error:`` messages
with a non-zero exit. Heavy modules (rdflib, networkx, pyvis) are imported
inside commands so that ``actorgraph --help`` starts fast.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from typing import Any

import click

__all__ = ["main", "emit"]

FORMATS = ("table", "csv", "json")
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# ---------------------------------------------------------------------------
# Shared plumbing: errors, output, parameters
# ---------------------------------------------------------------------------
class ActorGraphGroup(click.Group):
    """A group that turns library errors into one-line CLI errors.

    Every error prints a single ``Error: ...`` line on stderr: usage errors
    (bad option, unknown name, malformed date) exit 2, others exit 1.
    """

    def invoke(self, ctx: click.Context) -> Any:
        from actorgraph.errors import ActorGraphError, UnknownNameError

        try:
            return super().invoke(ctx)
        except UnknownNameError as exc:
            raise click.UsageError(str(exc), ctx) from None
        except ActorGraphError as exc:
            raise click.ClickException(str(exc)) from None

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            rv = super().main(args, prog_name or "actorgraph", complete_var, standalone_mode=False, **extra)
        except click.exceptions.Abort:
            sys.stdout.flush()
            click.echo("Aborted!", err=True)
            sys.exit(1)
        except click.ClickException as exc:
            message = " ".join(exc.format_message().split())
            sys.stdout.flush()  # stdout's last line is complete before stderr speaks (one terminal, two streams)
            click.echo(f"Error: {message}", err=True)
            sys.exit(exc.exit_code)
        except BrokenPipeError:  # `actorgraph relations | head`
            sys.stderr.close()
            sys.exit(0)
        sys.exit(rv if isinstance(rv, int) else 0)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "as_dict"):
        return _jsonable(value.as_dict())
    return str(value)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def emit(rows: list[Any], fmt: str, columns: list[str] | None = None, title: str | None = None) -> None:
    """Print records as a rich table, CSV or a JSON array of objects.

    ``rows`` are dicts or records with ``as_dict``; ``columns`` chooses (and
    orders) the table/CSV columns — JSON always carries every key.
    """
    dicts = [_jsonable(r) for r in rows]
    if fmt == "json":
        click.echo(json.dumps(dicts, ensure_ascii=False, indent=2))
        return
    cols = columns or (list(dicts[0]) if dicts else [])
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(cols)
        for row in dicts:
            writer.writerow([_cell(row.get(c)) for c in cols])
        click.echo(buf.getvalue(), nl=False)
        return
    _print_table(dicts, cols, title)


#: A column whose widest cell is longer than this holds long text: it goes last and wraps.
LONG_TEXT = 60
#: Columns at most this wide are unwrapped first when there is room; wider ones share the rest.
SHORT = 30
#: Columns holding prose whatever their length: they go last, never hidden.
PROSE = ("quote", "description", "note")
#: A word longer than this may be folded inside a cell (identifiers, URLs); shorter words stay whole.
LONGEST_WORD = 16


def _wide() -> bool:
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if (ctx.obj or {}).get("wide"):
            return True
        ctx = ctx.parent
    return False


def _table_layout(cells: list[list[str]], headers: list[str], width: int | None) -> tuple[list[int], list[int], list[str]]:
    """Column order, widths and hidden columns so that a table fits ``width`` (None: every column at full width).

    The caller lists columns by importance. Long text (a quote, a list of
    names) goes last and wraps at spaces; a column is never narrower than
    its header's longest word (headers never break inside a word) nor its
    longest word up to :data:`LONGEST_WORD` characters. When even that does
    not fit, identifier columns (``agd:…``, ``statement/…``) and then short
    columns from the right are hidden and named in the footer (``--wide``
    shows every column). Spare width goes one character at a time to the
    columns still narrower than their content.
    """
    def longest_word(text: str) -> int:
        return max((len(w) for w in text.split()), default=0)

    natural = [max([len(h)] + [max((len(line) for line in row[i].splitlines()), default=0) for row in cells])
               for i, h in enumerate(headers)]
    if width is None:
        return list(range(len(headers))), natural, []
    minimum = [max([longest_word(h)] + [min(longest_word(row[i]), LONGEST_WORD) for row in cells])
               for i, h in enumerate(headers)]
    long_text = [i for i in range(len(headers)) if natural[i] > LONG_TEXT or headers[i] in PROSE]
    order = [i for i in range(len(headers)) if i not in long_text] + long_text
    for i in long_text:  # a long text column wraps at spaces: a narrow one is unreadable
        minimum[i] = max(longest_word(headers[i]), min(natural[i], 24))
    ids = [i for i in range(len(headers)) if cells and all(_identifier(row[i]) for row in cells)]
    hidden: list[str] = []
    while len(order) > 1 and sum(minimum[i] for i in order) + 3 * len(order) - 1 > width:
        short = [i for i in order if i not in long_text]
        named = [i for i in short if i in ids]
        drop = named[-1] if named else short[-1] if len(short) > 1 else order[-1]
        order.remove(drop)
        hidden.append(headers[drop])
    widths = list(minimum)
    spare = width - (sum(widths[i] for i in order) + 3 * len(order) - 1)
    # short columns are unwrapped first (the smallest need first), then long text shares what is left
    for deficit, i in sorted((natural[i] - widths[i], i) for i in order if widths[i] < natural[i]):
        if natural[i] <= SHORT and deficit <= spare:
            widths[i] += deficit
            spare -= deficit
    hungry = {i: natural[i] - widths[i] for i in order if widths[i] < natural[i]}
    total = sum(hungry.values())
    for i, deficit in hungry.items():
        share = min(deficit, spare * deficit // total) if total else 0
        widths[i] += share
    spare = width - (sum(widths[i] for i in order) + 3 * len(order) - 1)
    for i in sorted(hungry, key=lambda i: widths[i] - natural[i]):  # the remainder, neediest first
        if spare <= 0:
            break
        if widths[i] < natural[i]:
            widths[i] += 1
            spare -= 1
    return order, widths, hidden


def _say(text: str) -> None:
    """Print a line of prose wrapped to the terminal (unless --wide), continuation lines indented."""
    import shutil
    import textwrap

    width = shutil.get_terminal_size((160, 24)).columns
    if _wide() or len(text) <= width:
        click.echo(text)
        return
    click.echo(textwrap.fill(text, width=width, subsequent_indent="  ", break_long_words=False,
                             break_on_hyphens=False))


def _identifier(text: str) -> bool:
    return not text or (" " not in text and (":" in text or "/" in text) and not text[:4].isdigit())


def _print_table(dicts: list[dict], cols: list[str], title: str | None) -> None:
    import shutil

    from rich.console import Console
    from rich.table import Table

    if dicts:  # a column empty in every row says nothing
        cols = [c for c in cols if any(_cell(row.get(c)) for row in dicts)] or cols
    headers = [c.replace("_", " ") for c in cols]
    cells = [[_cell(row.get(c)) for c in cols] for row in dicts]
    terminal = shutil.get_terminal_size((160, 24)).columns
    order, widths, hidden = _table_layout(cells, headers, None if _wide() else terminal)
    table = Table(title=title, show_lines=False, highlight=False, show_edge=False)
    for i in order:
        table.add_column(headers[i], overflow="fold", width=max(widths[i], 1))
    for row in cells:
        table.add_row(*[row[i] for i in order])
    needed = sum(max(widths[i], 1) for i in order) + 3 * len(order) - 1
    Console(markup=False, emoji=False, highlight=False, soft_wrap=False, width=max(terminal, needed)).print(table)
    footer = f"{len(dicts)} row{'s' if len(dicts) != 1 else ''}"
    if hidden:
        footer += f" (not shown at {terminal} columns: {', '.join(hidden)}; see --wide)"
    import textwrap

    click.echo(textwrap.fill(footer, width=max(terminal, 20), break_long_words=False, break_on_hyphens=False))


def _name_notes(ctx: click.Context, *names: str | None) -> None:
    """On stderr, one line per name that is both an actor and a place (Kabul): which was taken."""
    from actorgraph.places import name_note, place_not_actor

    for name in names:
        if not name:
            continue
        wrong = place_not_actor(get_kg(ctx), name)
        if wrong:
            raise click.UsageError(wrong, ctx)
        note = name_note(get_kg(ctx), name)
        if note:
            sys.stdout.flush()
            click.echo(note, err=True)


def _remember_wide(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    if value:
        ctx.ensure_object(dict)["wide"] = True
    return value


def format_option(default: str = "table"):
    """The ``--format table|csv|json`` option shared by every listing (with ``--wide`` for tables)."""
    choose = click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default=default, show_default=True, help="Output format."
    )
    wide = click.option("--wide", is_flag=True, expose_value=False, callback=_remember_wide,
                        help="Tables: every column at full width, whatever the terminal's width.")

    def decorate(func):
        return choose(wide(func))

    return decorate


class DateParam(click.ParamType):
    """A date at any precision: YYYY, YYYY-MM or YYYY-MM-DD (validated)."""

    name = "DATE"

    def convert(self, value, param, ctx):
        from actorgraph.dates import parse_date
        from actorgraph.errors import DateError

        try:
            return parse_date(value).text
        except DateError as exc:
            self.fail(str(exc), param, ctx)


DATE = DateParam()

#: The as-of rules (actorgraph.dates): "known" (default) holds for certain that day, "possible" is not excluded;
#: "certain" is the old name of "known", still accepted.
RULE = click.Choice(["known", "possible", "certain"])
RULE_HELP = ("As-of rule: known = holds for certain that day (an undated statement from its source's date); "
             "possible = the source does not exclude it. certain is the old name of known.")


def get_kg(ctx: click.Context):
    """Load (once) the graph chosen with ``--graph``."""
    obj = ctx.ensure_object(dict)
    if "kg" not in obj:
        from actorgraph.store import load

        obj["kg"] = load(obj.get("graph_path"))
    return obj["kg"]


@click.group(cls=ActorGraphGroup, context_settings=CONTEXT_SETTINGS)
@click.option(
    "--graph",
    "graph_path",
    envvar="ACTORGRAPH_GRAPH",
    metavar="PATH",
    default=None,
    help="Graph: a file (TriG, Turtle, N-Triples, JSON-LD), oxigraph:DIR, or a SPARQL endpoint URL. "
    "Default: the bundled graph. Env: ACTORGRAPH_GRAPH.",
)
@click.option(
    "--update-endpoint",
    "update_endpoint",
    envvar="ACTORGRAPH_UPDATE_ENDPOINT",
    metavar="URL",
    default=None,
    help="SPARQL 1.1 Update URL of the --graph endpoint: lets add/import/remove/merge write there. "
    "Env: ACTORGRAPH_UPDATE_ENDPOINT.",
)
# the version is read from the installed metadata only when --version is asked (fast start)
@click.version_option(None, "--version", package_name="actorgraph", prog_name="actorgraph")
@click.pass_context
def main(ctx: click.Context, graph_path: str | None, update_endpoint: str | None = None) -> None:
    """actorgraph — the actors of a conflict and their typed, signed, dated, sourced relations.

    The bundled graph holds Ifri's Letter from the Center for Asian Studies
    No. 116 (31 March 2026) on the Afghanistan–Pakistan war.
    """
    ctx.ensure_object(dict)["graph_path"] = graph_path
    ctx.obj["update_endpoint"] = update_endpoint


# ---------------------------------------------------------------------------
# Core reading commands (issue: the knowledge graph)
# ---------------------------------------------------------------------------
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


@main.command()
@click.option("--type", "actor_type", metavar="T", help="Actor class (e.g. State, TerroristGroup, Person).")
@format_option()
@click.pass_context
def actors(ctx, actor_type, fmt):
    """List actors: id, label, type, aliases, description."""
    from actorgraph.model import actors as list_actors

    rows = list_actors(get_kg(ctx), type=actor_type)
    emit([{k: a.as_dict()[k] for k in ACTOR_COLUMNS} | {"role": a.role} for a in rows], fmt,
         ACTOR_COLUMNS if fmt == "csv" else ["id", "label", "type", "aliases"])


@main.command()
@format_option()
@click.pass_context
def places(ctx, fmt):
    """List places (countries, provinces, cities, ports, regions)."""
    from actorgraph.model import places as list_places

    emit([{k: a.as_dict()[k] for k in ("id", "label", "type", "aliases")} for a in list_places(get_kg(ctx))], fmt)


@main.command()
@click.argument("name")
@format_option()
@click.pass_context
def show(ctx, name, fmt):
    """Show one actor or place (by name or alias); a name that is both (Kabul) shows both."""
    from actorgraph.places import show_name

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


@main.command()
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
@format_option()
@click.pass_context
def relations(ctx, actor, with_, rel_type, polarity, as_of, since, until, rule, roll_up, fmt):
    """List relations with type, polarity, dates, claimant, quote and source."""
    from actorgraph.model import relations as list_relations
    from actorgraph.sides import rolled_up_relations

    _name_notes(ctx, actor, with_)
    rows = (rolled_up_relations if roll_up else list_relations)(
        get_kg(ctx), actor=actor, with_=with_, type=list(rel_type) or None, polarity=polarity,
        as_of=as_of, since=since, until=until, rule=rule,
    )
    emit(_relation_rows(rows) if fmt == "table" else rows, fmt, RELATION_COLUMNS if fmt == "csv" else RELATION_TABLE)


@main.command()
@click.option("--actor", metavar="NAME", help="Agent, target or victim.")
@click.option("--place", metavar="NAME", help="Where it happened (a city, region or country, places inside it included).")
@click.option("--since", type=DATE)
@click.option("--until", type=DATE)
@format_option()
@click.pass_context
def events(ctx, actor, place, since, until, fmt):
    """List events: type, date, agents, targets, places, quote, source."""
    from actorgraph.model import events as list_events

    _name_notes(ctx, actor)
    rows = list_events(get_kg(ctx), actor=actor, since=since, until=until)
    if place is not None:
        from actorgraph.places import events_at

        at = {e.id for e in events_at(get_kg(ctx), place)}
        rows = [e for e in rows if e.id in at]
    if fmt == "table":  # names, not ids, for a reader (csv and json keep the ids)
        from actorgraph.model import labels_of

        names = labels_of(get_kg(ctx), {i for e in rows for i in (*e.agents, *e.targets, *e.places)})
        rows = [e.as_dict() | {k: "; ".join(names[i] for i in getattr(e, k)) for k in ("agents", "targets", "places")}
                for e in rows]
    emit(rows, fmt, EVENT_COLUMNS if fmt == "csv" else ["date", "type", "label", "agents", "targets", "places"])


@main.command()
@format_option()
@click.pass_context
def figures(ctx, fmt):
    """List figures as the text states them, with their range, unit and date."""
    from actorgraph.model import quantities

    emit(quantities(get_kg(ctx)), fmt, ["date", "stated_as", "min", "max", "unit", "label"] if fmt == "table" else None)


@main.command()
@format_option()
@click.pass_context
def sources(ctx, fmt):
    """List source documents with their bibliographic record."""
    from actorgraph.model import sources as list_sources

    emit(list_sources(get_kg(ctx)), fmt, ["id", "author", "title", "series", "number", "date", "isbn"] if fmt == "table" else None)


@main.command()
@click.argument("spec", metavar="TEXT|FILE|NAME")
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="Bind a parameter; repeatable.")
@click.option("--roll-up", "roll_up", is_flag=True,
              help="Named queries: widen each actor parameter to its side (see `actorgraph sides`).")
@format_option(default="json")
@click.pass_context
def query(ctx, spec, params, roll_up, fmt):
    """Run a read-only SPARQL query (text, .rq file or named query); rows as JSON."""
    from actorgraph.queries import query as run_query
    from actorgraph.sides import rolled_up_query

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


@main.command()
@format_option()
def queries(fmt):
    """List the named queries with their description and parameters."""
    from actorgraph.queries import named_queries

    rows = [
        {"name": q.name, "description": q.description,
         "parameters": [f"{name} ({kind})" for name, kind, _ in q.params]}
        for q in named_queries()
    ]
    emit(rows, fmt)


@main.command()
@click.option("--source-text", type=click.Path(exists=True, dir_okay=False), metavar="FILE",
              help="Check that every quote appears verbatim in this text.")
@click.pass_context
def validate(ctx, source_text):
    """Validate the graph: SHACL shapes plus quote and date checks."""
    from actorgraph.validate import validate as run_validate

    problems = run_validate(get_kg(ctx), source_text=source_text)
    for line in problems:
        click.echo(line)
    if problems:
        raise click.ClickException(f"{len(problems)} violation{'s' if len(problems) != 1 else ''}")
    click.echo("conforms")


# ---------------------------------------------------------------------------
# Analysis commands (issue: alliance analysis)  — analyze, diff, timeline
# ---------------------------------------------------------------------------
AS_OF_HELP = "Analysis date (YYYY, YYYY-MM or YYYY-MM-DD; a year/month means its last day). Default: the newest source's date."


def _analysis_options(func):
    """``--as-of``, ``--rule`` and ``--format`` shared by the analysis commands."""
    func = format_option()(func)
    func = click.option("--rule", type=RULE, default="known", show_default=True,
                        help=RULE_HELP)(func)
    return click.option("--as-of", "as_of", type=DATE, help=AS_OF_HELP)(func)


def _side_options(roll_up_default: bool):
    """``--roll-up/--no-roll-up`` and ``--all-actors`` for the analyses over sides."""
    def decorate(func):
        func = click.option("--all-actors", is_flag=True,
                            help="Include research institutes, a source's author and population groups.")(func)
        return click.option("--roll-up/--no-roll-up", "roll_up", default=roll_up_default, show_default=True,
                            help="Reason over sides (a state with its institutions, officials and leaders; "
                                 "see `actorgraph sides`) or over raw actors.")(func)
    return decorate


def _warn(lines: list[str]) -> None:
    """Warnings on stderr, summarised: a few lines and a count (the JSON output carries them all)."""
    from actorgraph.analysis import summarise_warnings

    sys.stdout.flush()  # what is already on stdout comes first when both go to one terminal
    for line in summarise_warnings(lines):
        click.echo(line, err=True)


def _sign_text(sign: int | None) -> str:
    return {1: "+", -1: "-"}.get(sign, "0")


def _tie_text(t: dict) -> str:
    from actorgraph.analysis import span_text

    span = span_text(t.get("start"), t.get("end"))
    return f"{t['subject_label']} {t['label']} {t['object_label']} ({t['polarity']}, {span}) [{t['statement']}]"


def _print_json(obj: Any) -> None:
    click.echo(json.dumps(_jsonable(obj), ensure_ascii=False, indent=2))


@main.group(context_settings=CONTEXT_SETTINGS)
def analyze():
    """Structural analysis of the signed, dated graph: balance, blocs, paths, centrality.

    Every command works on the relations active at --as-of (default: the
    newest source's date). Friendly ties count +1, hostile -1 (the relation
    type's polarity in the ontology); several relations on one pair reduce to
    the sign of the most recently started one (a tie goes to hostile), and
    pairs whose relations disagree are reported on stderr.
    """


@analyze.command("balance")
@click.option("--unbalanced", is_flag=True, help="Only unbalanced triads.")
@_side_options(True)
@_analysis_options
@click.pass_context
def analyze_balance(ctx, unbalanced, roll_up, all_actors, as_of, rule, fmt):
    """Triads with three signed ties: balanced when the product of signs is positive."""
    from actorgraph.analysis import balance, conflict_warnings, signed_snapshot

    snap = signed_snapshot(get_kg(ctx), as_of, rule, roll_up, all_actors)
    _warn(conflict_warnings(snap))
    rows = balance(get_kg(ctx), unbalanced=unbalanced, snap=snap)
    if fmt == "json":
        return _print_json(rows)
    flat = [{"actors": r["actors"], "labels": " / ".join(r["labels"]), "signs": " ".join(_sign_text(s) for s in r["signs"]),
             "balanced": "yes" if r["balanced"] else "NO", "relations": [_tie_text(t) for t in r["relations"]]}
            for r in rows]
    emit(flat, fmt, ["labels", "signs", "balanced", "relations"] if fmt == "table" else None,
         title=f"Triads as of {snap.as_of}")


@analyze.command("blocs")
@_side_options(True)
@_analysis_options
@click.pass_context
def analyze_blocs(ctx, roll_up, all_actors, as_of, rule, fmt):
    """Two camps minimising the frustration index (exact up to 25 actors, heuristic beyond)."""
    from actorgraph.analysis import blocs, conflict_warnings, signed_snapshot

    kg = get_kg(ctx)
    _warn(conflict_warnings(signed_snapshot(kg, as_of, rule, roll_up, all_actors)))
    out = blocs(kg, as_of, rule, roll_up=roll_up, all_actors=all_actors)
    if fmt == "json":
        return _print_json(out)
    rows = [{"bloc": b["bloc"], "actor": a, "label": lab} for b in out["blocs"] for a, lab in zip(b["actors"], b["labels"], strict=True)]
    if fmt == "csv":
        return emit(rows, fmt)
    _say(f"As of {out['as_of']}: frustration index {out['frustration']} "
         f"({out['method']}; {out['components']} component(s))")
    emit([{"bloc": b["bloc"], "actors": ", ".join(b["labels"])} for b in out["blocs"]], fmt, title="Blocs")
    emit([{"pair": " - ".join(v["labels"]), "why": v["why"], "relation": _tie_text(v)} for v in out["violations"]],
         fmt, ["pair", "why", "relation"], title="Violations")


@analyze.command("path")
@click.argument("source", metavar="A")
@click.argument("target", metavar="B")
@click.option("--max-hops", type=click.IntRange(min=1), default=None, help="Longest path to accept.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Most paths to list.")
@_analysis_options
@click.pass_context
def analyze_path(ctx, source, target, max_hops, limit, as_of, rule, fmt):
    """Shortest paths between two actors, each hop with its relation and evidence."""
    from actorgraph.analysis import path

    _name_notes(ctx, source, target)
    out = path(get_kg(ctx), source, target, as_of=as_of, max_hops=max_hops, limit=limit, rule=rule)
    if fmt == "json":
        return _print_json(out)
    rows = [{"path": i, "hop": j} | h for i, p in enumerate(out["paths"], start=1) for j, h in enumerate(p, start=1)]
    if fmt == "csv":
        return emit(rows, fmt, ["path", "hop", "from", "to", "predicate", "polarity", "statement", "start", "end", "quote"])
    if not out["paths"]:
        within = f" within {max_hops} hops" if max_hops else ""
        _say(f"No path from {out['from_label']} to {out['to_label']}{within} as of {out['as_of']}.")
        return
    _say(f"{len(out['paths'])} shortest path(s) of {out['hops']} hop(s) from {out['from_label']} "
         f"to {out['to_label']} as of {out['as_of']}")
    emit([r | {"relation": _tie_text(r)} for r in rows], fmt, ["path", "hop", "from_label", "to_label", "relation"])


@analyze.command("ego")
@click.argument("name")
@click.option("--hops", type=click.IntRange(min=1), default=1, show_default=True, help="Radius of the neighbourhood.")
@_analysis_options
@click.pass_context
def analyze_ego(ctx, name, hops, as_of, rule, fmt):
    """The neighbourhood of one actor: actors within N ties, with the ties reaching them."""
    from actorgraph.analysis import ego

    _name_notes(ctx, name)
    rows = ego(get_kg(ctx), name, hops=hops, as_of=as_of, rule=rule)
    if fmt == "json":
        return _print_json(rows)
    emit([r | {"via": [_tie_text(t) for t in r["via"]]} for r in rows], fmt, ["hops", "actor", "label", "via"])


@analyze.command("centrality")
@click.option("--measure", type=click.Choice(["degree", "betweenness", "eigenvector", "pagerank", "all"]),
              default="all", show_default=True)
@click.option("--top", type=click.IntRange(min=1), default=None, help="Only the N best actors per measure.")
@_side_options(False)
@_analysis_options
@click.pass_context
def analyze_centrality(ctx, measure, top, roll_up, all_actors, as_of, rule, fmt):
    """Centrality of the conflict's actors (undirected, any polarity); exactness stated per measure."""
    from actorgraph.analysis import centrality

    rows = centrality(get_kg(ctx), measure, as_of=as_of, rule=rule, top=top, roll_up=roll_up, all_actors=all_actors)
    if fmt == "json":
        return _print_json(rows)
    emit(rows, fmt, ["measure", "rank", "actor", "label", "score", "exact"] if fmt == "table" else
         ["actor", "label", "measure", "score", "rank", "exact", "method", "as_of"])
    if fmt == "table":
        for method in dict.fromkeys(r["method"] for r in rows):
            _say(f"method: {method}")


@analyze.command("communities")
@_side_options(True)
@_analysis_options
@click.pass_context
def analyze_communities(ctx, roll_up, all_actors, as_of, rule, fmt):
    """Communities (Louvain, seeded) over friendly and neutral ties."""
    from actorgraph.analysis import communities

    rows = communities(get_kg(ctx), as_of=as_of, rule=rule, roll_up=roll_up, all_actors=all_actors)
    if fmt == "json":
        return _print_json(rows)
    emit(rows, fmt, ["community", "size", "labels", "modularity"] if fmt == "table" else None)
    if fmt == "table" and rows:
        _say(f"method: {rows[0]['method']}")


@analyze.command("enemies-of-enemies")
@click.argument("name")
@_side_options(True)
@_analysis_options
@click.pass_context
def analyze_enemies(ctx, name, roll_up, all_actors, as_of, rule, fmt):
    """Actors sharing an enemy with NAME and no active tie to it (balance predicts friendship)."""
    from actorgraph.analysis import conflict_warnings, enemies_of_enemies, signed_snapshot

    kg = get_kg(ctx)
    _name_notes(ctx, name)
    rows = enemies_of_enemies(kg, name, as_of=as_of, rule=rule, roll_up=roll_up, all_actors=all_actors)
    _warn(conflict_warnings(signed_snapshot(kg, as_of, rule, roll_up, all_actors)))
    if fmt == "json":
        return _print_json(rows)
    emit([r | {"relations": [_tie_text(t) for t in r["relations"]]} for r in rows], fmt,
         ["label", "other_label", "common_enemy_label", "prediction", "relations"] if fmt == "table" else None)


@main.command()
@click.argument("before", type=DATE, metavar="DATE1")
@click.argument("after", type=DATE, metavar="DATE2")
@click.option("--rule", type=RULE, default="known", show_default=True, help=RULE_HELP)
@click.option("--actor", metavar="NAME", help="Only pairs this actor (rolled up: its side) belongs to.")
@click.option("--roll-up", "roll_up", is_flag=True,
              help="Widen actors to their sides (a state with its institutions, officials, leaders; see `actorgraph sides`).")
@format_option()
@click.pass_context
def diff(ctx, before, after, rule, actor, roll_up, fmt):
    """Per pair of actors: relations that began, ended or changed sign between DATE1 and DATE2."""
    from actorgraph.analysis import diff as run_diff

    _name_notes(ctx, actor)
    rows = run_diff(get_kg(ctx), before, after, rule=rule, actor=actor, roll_up=roll_up)
    if fmt == "json":
        return _print_json(rows)
    emit(rows, fmt, ["labels", "change", "before", "after", "date"] if fmt == "table" else
         ["pair", "labels", "change", "before", "after", "date", "statement", "predicate", "polarity", "start", "end"])


@main.command()
@click.option("--actor", metavar="NAME", help="Only events and relations involving this actor.")
@click.option("--since", type=DATE)
@click.option("--until", type=DATE)
@click.option("--roll-up", "roll_up", is_flag=True,
              help="Widen actors to their sides (a state with its institutions, officials, leaders; see `actorgraph sides`).")
@format_option()
@click.pass_context
def timeline(ctx, actor, since, until, roll_up, fmt):
    """Events and relation starts/ends in date order, at document precision."""
    from actorgraph.analysis import timeline as run_timeline

    _name_notes(ctx, actor)
    rows = run_timeline(get_kg(ctx), actor=actor, since=since, until=until, roll_up=roll_up)
    if fmt == "json":
        return _print_json(rows)
    emit(rows, fmt, ["date", "kind", "type", "label"] if fmt == "table" else ["date", "kind", "type", "label", "actors", "id", "quote"])


# ---------------------------------------------------------------------------
# Export commands (issue: HTML map and diagrams) — export
# ---------------------------------------------------------------------------
EXPORT_FORMATS = (
    "html", "gexf", "graphml", "cytoscape", "csv", "mermaid", "dot", "svg", "png", "turtle", "trig", "nt", "jsonld",
)


@main.command("export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(EXPORT_FORMATS))
@click.option("-o", "--output", metavar="PATH",
              help="Output file ('-' for standard output; a directory for csv). Default: exports/actorgraph.<ext>.")
@click.option("--as-of", "as_of", type=DATE, help="Only relations active on this date.")
@click.option("--actor", metavar="NAME", help="Keep this actor's neighbourhood (see --hops).")
@click.option("--hops", type=click.IntRange(min=0), default=None, metavar="N",
              help="Neighbourhood radius around --actor [default: 1].")
@click.option("--type", "rel_type", metavar="REL", multiple=True, help="Relation type (name or label); repeatable.")
@click.option("--polarity", type=click.Choice(["friendly", "hostile", "neutral"]))
@click.option("--title", metavar="TEXT", help="Title of the html map or the svg/png diagram.")
@click.pass_context
def export_cmd(ctx, fmt, output, as_of, actor, hops, rel_type, polarity, title):
    """Export the graph: html map, gexf, graphml, cytoscape, csv, mermaid, dot, svg, png or RDF.

    \b
    actorgraph export html                      # exports/actorgraph.html
    actorgraph export gexf --as-of 2026-03 -o war.gexf
    actorgraph export mermaid --actor Pakistan --hops 1 -o -
    """
    from actorgraph.exports import export

    written = export(get_kg(ctx), fmt, output, title=title, as_of=as_of, actor=actor, hops=hops,
                     types=list(rel_type) or None, polarity=polarity)
    for path in written:
        if str(path) != "-":
            click.echo(f"wrote {path}", err=output == "-")


# ---------------------------------------------------------------------------
# Writing commands (issue: growing the graph) — init, add, remove, merge, dedupe, import
# ---------------------------------------------------------------------------
def _workspace(ctx: click.Context):
    """The writable graph given with --graph (the bundled graph is read-only)."""
    from actorgraph.workspace import open_workspace

    obj = ctx.ensure_object(dict)
    return open_workspace(obj.get("graph_path"), obj.get("update_endpoint"))


def _report_write(result, fmt: str = "table") -> None:
    if fmt == "json":
        click.echo(json.dumps(_jsonable(result.as_dict()), ensure_ascii=False, indent=2))
        return
    counts = {k: v for k, v in result.counts.items() if v and not k.startswith("triples")}
    what = ", ".join(f"{v} {k}" for k, v in counts.items())
    extra = f" ({what})" if what else ""
    click.echo(f"{result.status}: {result.id}{extra}" + (f" — {result.detail}" if result.detail else ""))


@main.command("init")
@click.argument("path")
@click.option("--empty", is_flag=True, help="Start with no data instead of the bundled graph.")
@click.option("--store", type=click.Choice(["auto", "oxigraph", "trig"]), default="auto", show_default=True,
              help="oxigraph: a store directory written incrementally; trig: one file rewritten on each write; "
              "auto: trig for a path ending in .trig, else oxigraph.")
def init_cmd(path, empty, store):
    """Create a writable graph (one named graph per source), seeded with the bundled data."""
    from actorgraph.workspace import init

    ws = init(path, empty=empty, store=store)
    n = len(ws.load().select("SELECT ?s WHERE { ?s a ag:Statement }"))
    click.echo(f"created {ws.location} ({ws.store}; {'empty' if empty else f'{n} statements from the bundled graph'})")
    click.echo(f"use it with: actorgraph --graph {ws.location} add|import|relations …  "
               f"(or export ACTORGRAPH_GRAPH={ws.location})")


@main.group(cls=ActorGraphGroup)
def add():
    """Add an actor, source, relation or event to a writable graph (--graph PATH)."""


@add.command("actor")
@click.argument("label")
@click.option("--type", "actor_type", required=True, metavar="T", help="Actor class (State, TerroristGroup, Person…).")
@click.option("--alias", "aliases", multiple=True, metavar="A", help="Another name; repeatable.")
@click.option("--description", metavar="TEXT")
@click.option("--id", "node_id", metavar="ID", help="Identifier (default: from the label).")
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@format_option()
@click.pass_context
def add_actor_cmd(ctx, label, actor_type, aliases, description, node_id, dry_run, fmt):
    """Add an actor (adding aliases to an existing one with the same label)."""
    from actorgraph.workspace import add_actor

    _report_write(add_actor(_workspace(ctx), label, actor_type, aliases, description, node_id, dry_run), fmt)


@add.command("source")
@click.argument("source_id", metavar="ID")
@click.option("--title", required=True)
@click.option("--date", "date", required=True, metavar="YYYY-MM-DD", help="Publication day.")
@click.option("--author", metavar="NAME")
@click.option("--publisher", metavar="NAME")
@click.option("--series")
@click.option("--number")
@click.option("--isbn")
@click.option("--url")
@click.option("--citation", metavar="TEXT", help="Full bibliographic citation.")
@click.option("--dry-run", is_flag=True)
@format_option()
@click.pass_context
def add_source_cmd(ctx, source_id, title, date, author, publisher, series, number, isbn, url, citation, dry_run, fmt):
    """Add a source document (its own named graph) with its bibliographic record."""
    from actorgraph.workspace import add_source

    _report_write(add_source(_workspace(ctx), source_id, title, date, author, publisher, series, number, isbn, url,
                             citation, dry_run), fmt)


@add.command("relation")
@click.argument("subject")
@click.argument("relation")
@click.argument("obj", metavar="OBJECT")
@click.option("--start", type=DATE)
@click.option("--end", type=DATE)
@click.option("--quote", metavar="TEXT", help="Verbatim supporting passage (required, ≥ 10 characters).")
@click.option("--source", metavar="ID", help="Source id (default: the workspace's own source 'user').")
@click.option("--claimed-by", "claimed_by", metavar="NAME", help="Who asserts it (e.g. Pakistan).")
@click.option("--dry-run", is_flag=True)
@format_option()
@click.pass_context
def add_relation_cmd(ctx, subject, relation, obj, start, end, quote, source, claimed_by, dry_run, fmt):
    """Add a relation: SUBJECT RELATION OBJECT (names or aliases; relation by name or label)."""
    from actorgraph.workspace import add_relation

    _report_write(add_relation(_workspace(ctx), subject, relation, obj, start, end, quote, source, claimed_by,
                               dry_run), fmt)


@add.command("event")
@click.argument("label")
@click.option("--type", "event_type", required=True, metavar="T", help="Event class (Airstrike, Ceasefire…).")
@click.option("--date", "date", required=True, type=DATE)
@click.option("--end", type=DATE)
@click.option("--agent", "agents", multiple=True, metavar="NAME")
@click.option("--target", "targets", multiple=True, metavar="NAME")
@click.option("--place", "places", multiple=True, metavar="NAME")
@click.option("--quote", metavar="TEXT")
@click.option("--source", metavar="ID")
@click.option("--dry-run", is_flag=True)
@format_option()
@click.pass_context
def add_event_cmd(ctx, label, event_type, date, end, agents, targets, places, quote, source, dry_run, fmt):
    """Add an event with its date, agents, targets and places."""
    from actorgraph.workspace import add_event

    _report_write(add_event(_workspace(ctx), label, event_type, date, end, agents, targets, places, quote, source,
                            dry_run), fmt)


@main.command("remove")
@click.argument("identifier", metavar="ID")
@click.option("--dry-run", is_flag=True)
@format_option()
@click.pass_context
def remove_cmd(ctx, identifier, dry_run, fmt):
    """Remove a statement, actor, event, figure or source by id (refused while referenced)."""
    from actorgraph.workspace import remove

    _report_write(remove(_workspace(ctx), identifier, dry_run), fmt)


@main.command("merge")
@click.argument("duplicate")
@click.argument("into")
@click.option("--dry-run", is_flag=True)
@format_option()
@click.pass_context
def merge_cmd(ctx, duplicate, into, dry_run, fmt):
    """Merge actor DUPLICATE into INTO: its names become aliases, its statements move over."""
    from actorgraph.workspace import merge

    _report_write(merge(_workspace(ctx), duplicate, into, dry_run), fmt)


@main.command("dedupe")
@click.option("--threshold", type=click.FloatRange(0, 1), default=0.85, show_default=True,
              help="Lowest similarity score reported.")
@format_option()
@click.pass_context
def dedupe_cmd(ctx, threshold, fmt):
    """List likely duplicate actors (label/alias similarity) with a score."""
    from actorgraph.dedupe import duplicates

    emit(duplicates(get_kg(ctx), threshold), fmt, ["score", "a", "b", "reason"] if fmt == "table" else None)


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Check everything and report counts per kind; write nothing.")
@click.option("--create-actors", is_flag=True, help="Create actors for unknown names instead of failing.")
@click.option("--report", "show_report", is_flag=True,
              help="ACLED/UCDP: list the names matched to existing actors, the actors created and suggested merges.")
@click.option("--skip-bad", is_flag=True,
              help="ACLED/UCDP: import the good rows; write the rejected ones to --rejected.")
@click.option("--rejected", "rejected_path", type=click.Path(dir_okay=False),
              help="Where --skip-bad writes rejected rows (default: FILE-STEM.rejected.csv here).")
@format_option()
@click.pass_context
def import_cmd(ctx, file, dry_run, create_actors, show_report, skip_bad, rejected_path, fmt):
    """Import relations/actors (CSV, YAML), RDF (Turtle, TriG, JSON-LD), an ACLED or a UCDP GED export — all or nothing."""
    from actorgraph.errors import ImportProblems
    from actorgraph.importers import import_file

    try:
        report = import_file(_workspace(ctx), file, dry_run=dry_run, create_actors=create_actors,
                             skip_bad=skip_bad, rejected_path=rejected_path)
    except ImportProblems as exc:
        for line in exc.problems:
            click.echo(line, err=True)
        if exc.total > len(exc.problems):
            click.echo(f"… and {exc.total - len(exc.problems)} more", err=True)
        raise click.ClickException(str(exc)) from None
    for line in report.warnings:
        click.echo(f"warning: {line}", err=True)
    for line in report.rejected_problems:
        click.echo(line, err=True)
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return
    if show_report and report.actors:
        _echo_import_report(report.actors)
    if report.rejected_file:
        click.echo(f"{report.rejected_rows} row(s) rejected; written to {report.rejected_file}", err=True)
    verb = "would add" if dry_run else "added"
    counts = ", ".join(f"{v} {k}" for k, v in report.counts.items() if not k.startswith("triples"))
    click.echo(f"{file}: {report.rows} {report.kind} row(s); {verb}: {counts}; "
               f"{report.counts['triples added']} triples" + (f"; {report.unchanged_rows} row(s) already present"
                                                                 if report.unchanged_rows else ""))
    if dry_run:
        click.echo("dry run: nothing was written")

def _echo_import_report(actors: dict) -> None:
    """`import --report`: names matched, actors created, suggested merges (plain lines, no markup)."""
    for key, title in (("matched", "matched"), ("created", "created")):
        click.echo(f"{title}: {len(actors[key])}")
        for item in actors[key]:
            same = item["name"] == item["actor"]
            click.echo(f"  {item['name']}" + ("" if same else f" -> {item['actor']}"))
    click.echo(f"suggested merges: {len(actors['suggested_merges'])}")
    for item in actors["suggested_merges"]:
        click.echo(f"  {item['name']} ~ {', '.join(item['candidates'])}")
    click.echo(f"derived statements: {actors['derived_statements']}")


# ---------------------------------------------------------------------------
# Scale commands (issue: stores and server) — load, serve
# ---------------------------------------------------------------------------
@main.command("load")
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.option("--into", "into", required=True, metavar="oxigraph:DIR",
              help="Target store: oxigraph:DIR (created if missing; data is added to what it holds).")
@click.option("--replace", is_flag=True, help="Empty the store before loading.")
def load_cmd(source, into, replace):
    """Bulk-load an RDF file into a persistent Oxigraph store (then use --graph oxigraph:DIR)."""
    import os
    import time

    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn, TransferSpeedColumn

    from actorgraph.backends import OXIGRAPH_SCHEME, bulk_load, oxigraph_dir
    from actorgraph.errors import GraphFileError

    if not into.startswith(OXIGRAPH_SCHEME):
        raise GraphFileError(f"--into must be oxigraph:DIR, got {into!r}")
    directory = oxigraph_dir(into)
    started = time.perf_counter()
    with Progress("[progress.description]{task.description}", BarColumn(), DownloadColumn(),
                  TransferSpeedColumn(), TimeRemainingColumn(), transient=True, console=None) as bar:
        task = bar.add_task(f"loading {os.path.basename(source)}", total=os.path.getsize(source))
        # bytes counted through Python cost ~1.5x the raw load: only when a terminal shows the bar
        tty = sys.stderr.isatty()
        count = bulk_load(source, directory, progress=(lambda n: bar.advance(task, n)) if tty else None, replace=replace)
    click.echo(f"loaded {source} into {OXIGRAPH_SCHEME}{directory}: {count:,} quads "
               f"({time.perf_counter() - started:.1f} s)")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free port).")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(0.1), help="Query timeout in seconds.")
@click.option("--limit", default=10_000, show_default=True, type=click.IntRange(1), help="Maximum result rows.")
@click.option("--max-body", default=1_000_000, show_default=True, type=click.IntRange(1024),
              help="Largest request body (bytes).")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64), help="Query worker processes.")
@click.pass_context
def serve(ctx, host, port, timeout, limit, max_body, workers):
    """Serve the graph as a read-only SPARQL 1.1 endpoint at /sparql (plus / and /health)."""
    from actorgraph.server import serve as run_server

    def ready(address):
        click.echo(f"serving {ctx.ensure_object(dict).get('graph_path') or 'the bundled graph'} "
                   f"at http://{address[0]}:{address[1]}/sparql (Ctrl-C to stop)", err=True)

    how = run_server(ctx.ensure_object(dict).get("graph_path"), host, port, timeout=timeout, limit=limit,
                     max_body=max_body, workers=workers, ready=ready)
    click.echo(f"actorgraph serve: {how}; workers stopped. Goodbye.", err=True)


# ---------------------------------------------------------------------------
# Sides (issue 11: analysis an analyst can trust) — sides
# ---------------------------------------------------------------------------
@main.command("sides")
@click.option("--as-of", "as_of", type=DATE,
              help="Sides on this date (ties active that day). Default: every tie, whatever its dates.")
@click.option("--rule", type=RULE, default="known", show_default=True,
              help=RULE_HELP)
@format_option()
@click.pass_context
def sides_cmd(ctx, as_of, rule, fmt):
    """Sides: each state, movement or organisation with the institutions, officials and leaders acting for it."""
    from actorgraph.sides import side_rows

    rows = side_rows(get_kg(ctx), as_of, rule)
    if fmt == "table":
        rows = [r | {"members": ", ".join(r["member_labels"])} for r in rows]
    emit(rows, fmt, ["side", "label", "members"] if fmt == "table" else
         (["side", "label", "members", "member_labels", "as_of"] if fmt == "csv" else None))


# ---------------------------------------------------------------------------
# Ties (issue 20: the tie model) — ties
# ---------------------------------------------------------------------------
@main.command("ties")
@click.option("--as-of", "as_of", type=DATE, help=AS_OF_HELP)
@click.option("--actor", metavar="NAME", help="Only the pairs of this actor (rolled up: of its side).")
@click.option("--with", "with_", metavar="NAME", help="Only the pairs with this actor (rolled up: its side).")
@click.option("--roll-up/--no-roll-up", "roll_up", default=True, show_default=True,
              help="Read sides (a state with its institutions, officials and leaders) or raw actors.")
@click.option("--rule", type=RULE, default="known", show_default=True, help=RULE_HELP)
@format_option()
@click.pass_context
def ties_cmd(ctx, as_of, actor, with_, roll_up, rule, fmt):
    """Ties on a day: each pair friendly, hostile or mixed, scored from its statements (docs/analysis.md)."""
    from actorgraph.ties import ties, undated_note

    found = ties(get_kg(ctx), as_of, actor=actor, with_=with_, roll_up=roll_up, rule=rule)
    if fmt == "json":
        emit([t.as_dict() for t in found], fmt)
        return
    rows = [{"pair": f"{t.labels[0]} – {t.labels[1]}", "sign": t.sign, "score": t.score,
             "strongest": f"{t.strongest.subject_label} {t.strongest.predicate_label} {t.strongest.object_label}",
             "statements": len(t.because), "undated": t.undated,
             "labels": " | ".join(t.labels), "because": " ".join(t.because), "as_of": t.as_of, "rule": t.rule}
            for t in found]
    if fmt == "csv":
        emit([r | {"pair": " | ".join(t.pair)} for r, t in zip(rows, found, strict=True)], fmt,
             ["pair", "labels", "sign", "score", "because", "undated", "as_of", "rule"])
        return
    emit(rows, fmt, ["pair", "sign", "score", "strongest", "statements", "undated"])
    _warn([f"note: {undated_note(found)}"] if found else [])


# ---------------------------------------------------------------------------
# Evidence audit (issue 11: a stricter audit) — audit
# ---------------------------------------------------------------------------
@main.command("audit")
@click.option("--no-waivers", is_flag=True, help="Also report the statements a documented waiver covers.")
@click.pass_context
def audit_cmd(ctx, no_waivers):
    """Check every statement against its own sentence: relation stated, end, date precision, claimant, hedge."""
    from actorgraph.audit import audit

    problems = audit(get_kg(ctx), waivers=() if no_waivers else None)
    for line in problems:
        click.echo(line)
    if problems:
        raise click.ClickException(f"{len(problems)} statement problem{'s' if len(problems) != 1 else ''}")
    click.echo("every statement is stated by its sentence")


# ---------------------------------------------------------------------------
# Extraction commands (issue 14: from a report to reviewed statements) — extract, review
# ---------------------------------------------------------------------------
@main.command("extract")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--source-id", metavar="ID", help="Source id written in the `source` column (add it with `add source`).")
@click.option("--source-title", metavar="TEXT", help="Title of the report.")
@click.option("--author", metavar="NAME")
@click.option("--publisher", metavar="NAME")
@click.option("--date", "date", metavar="YYYY-MM-DD", help="The report's date: relative dates resolve against it "
              "(default: the first full date near the top of the text).")
@click.option("--url", metavar="URL")
@click.option("-o", "--output", metavar="FILE", default="-", show_default=True,
              help="candidates.yaml (with proposed actors) or candidates.csv; - for stdout (YAML).")
@click.pass_context
def extract_cmd(ctx, file, source_id, source_title, author, publisher, date, url, output):
    """Propose candidate statements from a report (text, Markdown, HTML, PDF), in the import format."""
    import datetime as dt

    from actorgraph.extract import SourceInfo, extract_file, write_candidates

    if date:
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            raise click.BadParameter(f"{date!r}: expected YYYY-MM-DD", param_hint="'--date'") from None
    source = SourceInfo(source_id, source_title, author, publisher, date, url)
    result = extract_file(file, get_kg(ctx), source)
    text = write_candidates(result, None if output == "-" else output)
    if output == "-":
        click.echo(text, nl=False)
    click.echo(f"{file}: {result.sentences} sentences, {len(result.candidates)} candidate statements, "
               f"{len(result.proposed)} proposed actors; document date "
               f"{result.document_date or 'unknown (relative dates left out)'}"
               + (f"; wrote {output}" if output != "-" else ""), err=True)


@main.command("review")
@click.argument("candidates", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", metavar="FILE", default=None,
              help="The review page (default: CANDIDATES with .html).")
@click.pass_context
def review_cmd(ctx, candidates, output):
    """Write an offline one-file HTML page to accept, reject, edit or merge candidate statements."""
    from pathlib import Path

    from actorgraph.review import write_review

    out = Path(output) if output else Path(candidates).with_suffix(".html")
    n = write_review(candidates, get_kg(ctx), out)
    click.echo(f"wrote {out} ({n} candidates): open it in a browser, review, then "
               f"save reviewed.yaml and run `actorgraph --graph WORKSPACE import reviewed.yaml`")


# ---------------------------------------------------------------------------
# The analyst's brief (issue 15) — brief
# ---------------------------------------------------------------------------
@main.command("brief")
@click.option("--since", "since", type=DATE, metavar="D1", help="Start of the period (default: a year before D2).")
@click.option("--until", "until", type=DATE, metavar="D2", help="End of the period (default: the newest source's date).")
@click.option("--actor", metavar="NAME", help="Keep what concerns this actor (and its side).")
@click.option("--roll-up", "roll_up", is_flag=True, help="Fold institutions into their state for camps and triads.")
@click.option("-o", "--output", "output", required=True, metavar="FILE.md|FILE.html|FILE.pdf",
              help="Where to write; the suffix picks the format (.md also writes FILE.map.svg).")
@click.pass_context
def brief_cmd(ctx, since, until, actor, roll_up, output):
    """Write a cited brief for D1 → D2: camps, changes, triads, timeline, map.

    \b
    actorgraph brief --since 2025-01-01 --until 2026-03-31 -o brief.pdf
    actorgraph brief --actor Pakistan --roll-up -o pakistan.md
    """
    from actorgraph.brief import build_brief
    from actorgraph.exports.brief_doc import brief_format, write_brief

    brief_format(output)  # a bad name fails before any work
    kg = get_kg(ctx)
    written = write_brief(kg, build_brief(kg, since=since, until=until, actor=actor, roll_up=roll_up), output)
    for path in written:
        click.echo(f"wrote {path}", err=True)


if __name__ == "__main__":
    main()
