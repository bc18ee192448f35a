"""Writing commands: ``init``, ``add``, ``remove``, ``merge``, ``dedupe``, ``import``, ``extract``, ``review``.

Each command is a few lines: parse, call one library function (imported inside the
command, so that ``actorgraph --help`` stays fast), print with :func:`actorgraph.commands.output.emit`.
"""

from __future__ import annotations

import json

import click

from .output import (
    DATE,
    ActorGraphGroup,
    _jsonable,
    emit,
    format_option,
    get_kg,
)

__all__ = ["COMMANDS"]


# ---------------------------------------------------------------------------
# Writing commands (issue: growing the graph) — init, add, remove, merge, dedupe, import
# ---------------------------------------------------------------------------
def _workspace(ctx: click.Context):
    """The writable graph given with --graph (the bundled graph is read-only)."""
    from actorgraph.write.workspace import open_workspace

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


@click.command("init")
@click.argument("path")
@click.option("--empty", is_flag=True, help="Start with no data instead of the bundled graph.")
@click.option("--store", type=click.Choice(["auto", "oxigraph", "trig"]), default="auto", show_default=True,
              help="oxigraph: a store directory written incrementally; trig: one file rewritten on each write; "
              "auto: trig for a path ending in .trig, else oxigraph.")
def init_cmd(path, empty, store):
    """Create a writable graph (one named graph per source), seeded with the bundled data."""
    from actorgraph.write.workspace import init

    ws = init(path, empty=empty, store=store)
    n = len(ws.load().select("SELECT ?s WHERE { ?s a ag:Statement }"))
    click.echo(f"created {ws.location} ({ws.store}; {'empty' if empty else f'{n} statements from the bundled graph'})")
    click.echo(f"use it with: actorgraph --graph {ws.location} add|import|relations …  "
               f"(or export ACTORGRAPH_GRAPH={ws.location})")


@click.group(cls=ActorGraphGroup)
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
    from actorgraph.write.workspace import add_actor

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
    from actorgraph.write.workspace import add_source

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
    from actorgraph.write.workspace import add_relation

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
    from actorgraph.write.workspace import add_event

    _report_write(add_event(_workspace(ctx), label, event_type, date, end, agents, targets, places, quote, source,
                            dry_run), fmt)


@click.command("remove")
@click.argument("identifier", metavar="ID")
@click.option("--dry-run", is_flag=True)
@format_option()
@click.pass_context
def remove_cmd(ctx, identifier, dry_run, fmt):
    """Remove a statement, actor, event, figure or source by id (refused while referenced)."""
    from actorgraph.write.workspace import remove

    _report_write(remove(_workspace(ctx), identifier, dry_run), fmt)


@click.command("merge")
@click.argument("duplicate")
@click.argument("into")
@click.option("--dry-run", is_flag=True)
@format_option()
@click.pass_context
def merge_cmd(ctx, duplicate, into, dry_run, fmt):
    """Merge actor DUPLICATE into INTO: its names become aliases, its statements move over."""
    from actorgraph.write.workspace import merge

    _report_write(merge(_workspace(ctx), duplicate, into, dry_run), fmt)


@click.command("dedupe")
@click.option("--threshold", type=click.FloatRange(0, 1), default=0.85, show_default=True,
              help="Lowest similarity score reported.")
@format_option()
@click.pass_context
def dedupe_cmd(ctx, threshold, fmt):
    """List likely duplicate actors (label/alias similarity) with a score."""
    from actorgraph.ingest.dedupe import duplicates

    emit(duplicates(get_kg(ctx), threshold), fmt, ["score", "a", "b", "reason"] if fmt == "table" else None)


@click.command("import")
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
    from actorgraph.core.errors import ImportProblems
    from actorgraph.ingest.importers import import_file

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
# Extraction commands (issue 14: from a report to reviewed statements) — extract, review
# ---------------------------------------------------------------------------
@click.command("extract")
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

    from actorgraph.ingest.extract import SourceInfo, extract_file, write_candidates

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


@click.command("review")
@click.argument("candidates", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", metavar="FILE", default=None,
              help="The review page (default: CANDIDATES with .html).")
@click.pass_context
def review_cmd(ctx, candidates, output):
    """Write an offline one-file HTML page to accept, reject, edit or merge candidate statements."""
    from pathlib import Path

    from actorgraph.exports.review import write_review

    out = Path(output) if output else Path(candidates).with_suffix(".html")
    n = write_review(candidates, get_kg(ctx), out)
    click.echo(f"wrote {out} ({n} candidates): open it in a browser, review, then "
               f"save reviewed.yaml and run `actorgraph --graph WORKSPACE import reviewed.yaml`")


#: The top-level commands and groups this module adds to ``actorgraph``.
COMMANDS = [init_cmd, add, remove_cmd, merge_cmd, dedupe_cmd, import_cmd, extract_cmd, review_cmd]
