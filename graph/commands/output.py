"""The CLI's shared plumbing: one-line errors, ``--format table|csv|json`` output, option types.

Every command of :mod:`actorgraph.cli` prints through :func:`emit` (tables fit
the terminal; ``--wide`` keeps long text whole), takes dates through
:data:`DATE` and the graph through :func:`get_kg`. Library errors
(:class:`actorgraph.core.errors.ActorGraphError`) become one ``Error:`` line
with a non-zero exit (:class:`ActorGraphGroup`). Nothing heavy is imported here:
``actorgraph --help`` starts fast.

>>> emit([{"a": 1, "b": "x"}], "csv")
a,b
1,x
"""

from __future__ import annotations

import csv
import io
import json
import sys
from typing import Any

import click

__all__ = ["ActorGraphGroup", "emit", "format_option", "DATE", "DateParam", "get_kg", "FORMATS", "CONTEXT_SETTINGS",
           "RULE", "RULE_HELP", "SIGN", "sign_mark", "show_ids", "say_err"]

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
        from actorgraph.core.errors import ActorGraphError, UnknownNameError

        try:
            answer = super().invoke(ctx)
        except UnknownNameError as exc:
            raise click.UsageError(str(exc), ctx) from None
        except ActorGraphError as exc:
            raise click.ClickException(str(exc)) from None
        except BrokenPipeError:  # the reader left (`actorgraph show X | head`): main() ends quietly
            raise
        except OSError as exc:  # the filesystem refused: one line in words, whichever command hit it
            from actorgraph.core.errors import os_error_message

            raise click.ClickException(os_error_message(exc)) from None
        notes = (ctx.obj or {}).pop("notes", [])
        if notes:  # said once the command has answered: a failing command prints its error only
            sys.stdout.flush()
            for note in notes:
                say_err(note)
        return answer

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
        except BrokenPipeError:  # `actorgraph relations | head`: the reader has what it wanted
            # stdout is gone: point it at devnull so the interpreter's last flush does not complain
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
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
#: The sign column: friend (+), foe (−) or neither (·) at a glance; one character wide, never hidden.
SIGN = "±"
_MARKS = {"friendly": "+", "hostile": "−", "neutral": "·"}
_COLOURS = {"+": "green", "−": "red"}


def sign_mark(polarity: str | int | None) -> str:
    """The sign column's mark for a polarity (``friendly``/``hostile``/``neutral`` or +1/−1/0).

    >>> sign_mark("friendly"), sign_mark("hostile"), sign_mark(0), sign_mark("mixed")
    ('+', '−', '·', '±')
    """
    if isinstance(polarity, int):
        polarity = {1: "friendly", -1: "hostile"}.get(polarity, "neutral")
    if polarity == "mixed":
        return "±"
    return _MARKS.get(polarity or "neutral", "·")


def _flag(name: str) -> bool:
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if (ctx.obj or {}).get(name):
            return True
        ctx = ctx.parent
    return False


def show_ids() -> bool:
    """Whether ``--ids`` asked for statement and actor ids in tables (CSV and JSON always carry them)."""
    return _flag("ids")


def _wide() -> bool:
    return _flag("wide")


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
        short = [i for i in order if i not in long_text and headers[i] != SIGN]  # friend or foe stays in view
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


def _say(text: str, err: bool = False) -> None:
    """Print a line of prose wrapped at words to the terminal (unless --wide), continuation lines indented."""
    import shutil
    import textwrap

    width = shutil.get_terminal_size((160, 24)).columns
    if _wide() or len(text) <= width:
        click.echo(text, err=err)
        return
    click.echo(textwrap.fill(text, width=width, subsequent_indent="  ", break_long_words=False,
                             break_on_hyphens=False), err=err)


def say_err(text: str) -> None:
    """A note or warning on stderr, wrapped at words (never "ne/gative"), continuation lines indented.

    The terminal would fold a long line anywhere, inside a word; this folds it between words.
    """
    _say(text, err=True)


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
    sign = headers.index(SIGN) if SIGN in headers else None
    for row in cells:
        # on a terminal a friendly row is green, a hostile one red (NO_COLOR and pipes: the sign column says it)
        table.add_row(*[row[i] for i in order], style=_COLOURS.get(row[sign]) if sign is not None else None)
    needed = sum(max(widths[i], 1) for i in order) + 3 * len(order) - 1
    Console(markup=False, emoji=False, highlight=False, soft_wrap=False, width=max(terminal, needed)).print(table)
    footer = f"{len(dicts)} row{'s' if len(dicts) != 1 else ''}"
    if hidden:
        footer += f" (not shown at {terminal} columns: {', '.join(hidden)}; see --wide)"
    import textwrap

    click.echo(textwrap.fill(footer, width=max(terminal, 20), break_long_words=False, break_on_hyphens=False))


def _name_notes(ctx: click.Context, *names: str | None) -> None:
    """One line per name that is both an actor and a place (Kabul), which was taken: printed on stderr
    when the command succeeds (:class:`ActorGraphGroup`)."""
    from actorgraph.model.places import name_note, place_not_actor

    for name in names:
        if not name:
            continue
        wrong = place_not_actor(get_kg(ctx), name)
        if wrong:
            raise click.UsageError(wrong, ctx)
        note = name_note(get_kg(ctx), name)
        if note:
            ctx.find_root().ensure_object(dict).setdefault("notes", []).append(note)


def _remember_wide(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    if value:
        ctx.ensure_object(dict)["wide"] = True
    return value


def _remember_ids(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    if value:
        ctx.ensure_object(dict)["ids"] = True
    return value


def format_option(default: str = "table"):
    """The ``--format table|csv|json`` option shared by every listing (with ``--wide`` and ``--ids`` for tables)."""
    choose = click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default=default, show_default=True, help="Output format."
    )
    wide = click.option("--wide", is_flag=True, expose_value=False, callback=_remember_wide,
                        help="Tables: every column at full width, whatever the terminal's width.")
    ids = click.option("--ids", is_flag=True, expose_value=False, callback=_remember_ids,
                       help="Tables: show statement ids (CSV and JSON always carry them).")

    def decorate(func):
        return choose(wide(ids(func)))

    return decorate


class DateParam(click.ParamType):
    """A date at any precision: YYYY, YYYY-MM or YYYY-MM-DD (validated)."""

    name = "DATE"

    def convert(self, value, param, ctx):
        from actorgraph.core.dates import parse_date
        from actorgraph.core.errors import DateError

        try:
            return parse_date(value).text
        except DateError as exc:
            self.fail(str(exc), param, ctx)


DATE = DateParam()

#: The as-of rules (actorgraph.core.dates): "known" (default) holds for certain that day, "possible" is not
#: excluded; "certain" is the old name of "known", still accepted.
RULE = click.Choice(["known", "possible", "certain"])
RULE_HELP = ("As-of rule: known = holds for certain that day (an undated statement from its source's date); "
             "possible = the source does not exclude it. certain is the old name of known.")


def get_kg(ctx: click.Context):
    """Load (once) the graph chosen with ``--graph``."""
    obj = ctx.ensure_object(dict)
    if "kg" not in obj:
        from actorgraph.store.graph import load

        obj["kg"] = load(obj.get("graph_path"))
    return obj["kg"]
