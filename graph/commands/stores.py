"""Store commands: ``load`` (a file into an Oxigraph store) and ``serve`` (a read-only SPARQL endpoint).

Each command is a few lines: parse, call one library function (imported inside the
command, so that ``actorgraph --help`` stays fast), print with :func:`actorgraph.commands.output.emit`.
"""

from __future__ import annotations

import sys

import click

__all__ = ["COMMANDS"]


# ---------------------------------------------------------------------------
# Scale commands (issue: stores and server) — load, serve
# ---------------------------------------------------------------------------
@click.command("load")
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.option("--into", "into", required=True, metavar="oxigraph:DIR",
              help="Target store: oxigraph:DIR (created if missing; data is added to what it holds).")
@click.option("--replace", is_flag=True, help="Empty the store before loading.")
def load_cmd(source, into, replace):
    """Bulk-load an RDF file into a persistent Oxigraph store (then use --graph oxigraph:DIR)."""
    import os
    import time

    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    from actorgraph.core.errors import GraphFileError
    from actorgraph.store.oxigraph import OXIGRAPH_SCHEME, bulk_load, oxigraph_dir

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


@click.command()
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
    from actorgraph.serve.server import serve as run_server

    def ready(address):
        click.echo(f"serving {ctx.ensure_object(dict).get('graph_path') or 'the bundled graph'} "
                   f"at http://{address[0]}:{address[1]}/sparql (Ctrl-C to stop)", err=True)

    how = run_server(ctx.ensure_object(dict).get("graph_path"), host, port, timeout=timeout, limit=limit,
                     max_body=max_body, workers=workers, ready=ready)
    click.echo(f"actorgraph serve: {how}; workers stopped. Goodbye.", err=True)


#: The top-level commands and groups this module adds to ``actorgraph``.
COMMANDS = [load_cmd, serve]
