"""actorgraph command line: a thin click front over the ``graph`` library.

Each command calls one library function and prints its result through
:func:`~actorgraph.commands.output.emit` (``--format table|csv|json``); the
commands live by theme in :mod:`actorgraph.commands` (reading, analyzing,
writing, outputs, stores) and are added to :func:`main` here. Library errors
(:class:`actorgraph.core.errors.ActorGraphError`) become one-line ``Error:`` messages
with a non-zero exit. Heavy modules (rdflib, networkx, pyvis) are imported
inside commands so that ``actorgraph --help`` starts fast.
"""

from __future__ import annotations

import click

from actorgraph.commands import analyzing, outputs, reading, stores, writing
from actorgraph.commands.output import CONTEXT_SETTINGS, ActorGraphGroup, emit

__all__ = ["main", "emit"]


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


for _module in (reading, analyzing, writing, outputs, stores):
    for _command in _module.COMMANDS:
        main.add_command(_command)


if __name__ == "__main__":
    main()
