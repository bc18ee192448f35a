"""Analysis commands: ``analyze balance|blocs|path|ego|centrality|communities|enemies-of-enemies``, ``diff``, ``timeline``, ``sides``.

Each command is a few lines: parse, call one library function (imported inside the
command, so that ``actorgraph --help`` stays fast), print with :func:`actorgraph.commands.output.emit`.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from .output import (
    CONTEXT_SETTINGS,
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
    say_err,
    show_ids,
    sign_mark,
)

__all__ = ["COMMANDS"]


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
    from actorgraph.analysis.snapshot import summarise_warnings

    sys.stdout.flush()  # what is already on stdout comes first when both go to one terminal
    for line in summarise_warnings(lines):
        say_err(line)  # wrapped at words: the terminal would fold it inside one


def _sign_text(sign: int | None) -> str:
    return {1: "+", -1: "-"}.get(sign, "0")


def _tie_text(t: dict) -> str:
    from actorgraph.analysis.snapshot import span_text

    span = span_text(t.get("start"), t.get("end"))
    text = f"{t['subject_label']} {t['label']} {t['object_label']} ({t['polarity']}, {span})"
    return text + f" [{t['statement']}]" if show_ids() else text  # statement ids: csv, json or --ids


def _print_json(obj: Any) -> None:
    click.echo(json.dumps(_jsonable(obj), ensure_ascii=False, indent=2))


@click.group(context_settings=CONTEXT_SETTINGS)
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
    from actorgraph.analysis.measures import balance
    from actorgraph.analysis.snapshot import conflict_warnings, signed_snapshot

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
    from actorgraph.analysis.measures import blocs
    from actorgraph.analysis.snapshot import conflict_warnings, signed_snapshot

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
    from actorgraph.analysis.measures import path

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
    from actorgraph.analysis.measures import ego

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
    from actorgraph.analysis.measures import centrality

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
    from actorgraph.analysis.measures import communities

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
    from actorgraph.analysis.measures import enemies_of_enemies
    from actorgraph.analysis.snapshot import conflict_warnings, signed_snapshot

    kg = get_kg(ctx)
    _name_notes(ctx, name)
    rows = enemies_of_enemies(kg, name, as_of=as_of, rule=rule, roll_up=roll_up, all_actors=all_actors)
    _warn(conflict_warnings(signed_snapshot(kg, as_of, rule, roll_up, all_actors)))
    if fmt == "json":
        return _print_json(rows)
    emit([r | {"relations": [_tie_text(t) for t in r["relations"]]} for r in rows], fmt,
         ["label", "other_label", "common_enemy_label", "prediction", "relations"] if fmt == "table" else None)


@click.command()
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
    from actorgraph.analysis.history import diff as run_diff

    _name_notes(ctx, actor)
    rows = run_diff(get_kg(ctx), before, after, rule=rule, actor=actor, roll_up=roll_up)
    if fmt == "json":
        return _print_json(rows)
    emit(rows, fmt, ["labels", "change", "before", "after", "date"] if fmt == "table" else
         ["pair", "labels", "change", "before", "after", "date", "statement", "predicate", "polarity", "start", "end"])


@click.command()
@click.option("--actor", metavar="NAME", help="Only events and relations involving this actor.")
@click.option("--since", type=DATE)
@click.option("--until", type=DATE)
@click.option("--roll-up", "roll_up", is_flag=True,
              help="Widen actors to their sides (a state with its institutions, officials, leaders; see `actorgraph sides`).")
@format_option()
@click.pass_context
def timeline(ctx, actor, since, until, roll_up, fmt):
    """Events and relations in date order, at document precision: in a table one row per fact (a relation with
    its span and the events evidencing it); csv and json list each start, end and event."""
    from actorgraph.analysis.chronology import facts
    from actorgraph.analysis.history import timeline as run_timeline

    _name_notes(ctx, actor)
    if fmt == "table":
        rows = [{SIGN: sign_mark(f["polarity"]) if f["polarity"] else "", "when": f["when"], "type": f["type"],
                 "fact": f["label"] + (" — " + "; ".join(f["events"]) if f["events"] else ""), "ids": f["ids"]}
                for f in facts(get_kg(ctx), actor=actor, since=since, until=until, roll_up=roll_up)]
        return emit(rows, fmt, [SIGN, "when", "type", "fact"] + (["ids"] if show_ids() else []))
    rows = run_timeline(get_kg(ctx), actor=actor, since=since, until=until, roll_up=roll_up)
    if fmt == "json":
        return _print_json(rows)
    emit(rows, fmt, ["date", "kind", "type", "label", "actors", "id", "quote"])


# ---------------------------------------------------------------------------
# Sides (issue 11: analysis an analyst can trust) — sides
# ---------------------------------------------------------------------------
@click.command("sides")
@click.option("--as-of", "as_of", type=DATE,
              help="Sides on this date (ties active that day). Default: every tie, whatever its dates.")
@click.option("--rule", type=RULE, default="known", show_default=True,
              help=RULE_HELP)
@format_option()
@click.pass_context
def sides_cmd(ctx, as_of, rule, fmt):
    """Sides: each state, movement or organisation with the institutions, officials and leaders acting for it."""
    from actorgraph.analysis.sides import side_rows

    rows = side_rows(get_kg(ctx), as_of, rule)
    if fmt == "table":
        rows = [r | {"members": ", ".join(r["member_labels"])} for r in rows]
    emit(rows, fmt, ["side", "label", "members"] if fmt == "table" else
         (["side", "label", "members", "member_labels", "as_of"] if fmt == "csv" else None))


# ---------------------------------------------------------------------------
# Ties (issue 20: the tie model) — ties
# ---------------------------------------------------------------------------
@click.command("ties")
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
    from actorgraph.analysis.ties import ties, undated_note

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
    undated = len({r.id for t in found for r in t.relations if r.undated})
    if found and undated and not show_ids():  # the statement ids: --ids, csv or json
        _warn([f"note: {undated} undated statement(s) counted at their source's date only (nothing before it); "
               "--ids lists them"])
    else:
        _warn([f"note: {undated_note(found)}"] if found else [])


#: The top-level commands and groups this module adds to ``actorgraph``.
COMMANDS = [analyze, diff, timeline, sides_cmd, ties_cmd]
