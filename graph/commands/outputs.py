"""Output commands: ``export`` (the map, diagrams, data files), ``brief``, ``audit``.

Each command is a few lines: parse, call one library function (imported inside the
command, so that ``actorgraph --help`` stays fast), print with :func:`actorgraph.commands.output.emit`.
"""

from __future__ import annotations

import click

from .output import (
    DATE,
    get_kg,
    say_err,
)

__all__ = ["COMMANDS"]


# ---------------------------------------------------------------------------
# Export commands (issue: HTML map and diagrams) — export
# ---------------------------------------------------------------------------
EXPORT_FORMATS = (
    "html", "gexf", "graphml", "cytoscape", "csv", "mermaid", "dot", "svg", "png", "turtle", "trig", "nt", "nquads",
    "jsonld",
)


@click.command("export")
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
    if fmt == "mermaid" and actor is None:
        _focus_hint(ctx, as_of, list(rel_type) or None, polarity)


def _focus_hint(ctx, as_of, types, polarity) -> None:
    """On stderr: a whole graph of many actors is drawn too small to read; say how to focus it."""
    from actorgraph.exports.filters import select
    from actorgraph.exports.formats import MERMAID_LEGIBLE

    sel = select(get_kg(ctx), as_of=as_of, types=types, polarity=polarity)
    if len(sel.nodes) > MERMAID_LEGIBLE:
        say_err(f"note: the whole graph ({len(sel.nodes)} actors) makes a diagram too large to read; focus it on one "
                "actor's neighbourhood: --actor NAME --hops 1 (and --as-of DATE, --polarity hostile)")


# ---------------------------------------------------------------------------
# Evidence audit (issue 11: a stricter audit) — audit
# ---------------------------------------------------------------------------
@click.command("audit")
@click.option("--no-waivers", is_flag=True, help="Also report the statements a documented waiver covers.")
@click.pass_context
def audit_cmd(ctx, no_waivers):
    """Check every statement against its own sentence: relation stated, end, date precision, claimant, hedge."""
    from actorgraph.write.audit import audit
    from actorgraph.write.validate import record_note

    kg = get_kg(ctx)
    problems = audit(kg, waivers=() if no_waivers else None)
    for line in problems:
        click.echo(line)
    note = record_note(kg)  # derived from dataset rows: checked by the importer's rules, not against a sentence
    if note:
        click.echo(note.replace("note: ", "note: not audited here: ", 1))
    if problems:
        raise click.ClickException(f"{len(problems)} statement problem{'s' if len(problems) != 1 else ''}")
    click.echo("every statement is stated by its sentence")


# ---------------------------------------------------------------------------
# The analyst's brief (issue 15) — brief
# ---------------------------------------------------------------------------
@click.command("brief")
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
    from actorgraph.exports.brief import build_brief
    from actorgraph.exports.brief_doc import brief_format, write_brief

    brief_format(output)  # a bad name fails before any work
    kg = get_kg(ctx)
    written = write_brief(kg, build_brief(kg, since=since, until=until, actor=actor, roll_up=roll_up), output)
    for path in written:
        click.echo(f"wrote {path}", err=True)


#: The top-level commands and groups this module adds to ``actorgraph``.
COMMANDS = [export_cmd, audit_cmd, brief_cmd]
