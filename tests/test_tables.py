"""Tables people can read: they fit the terminal, long text wraps last, headers stay whole, streams stay apart."""

from __future__ import annotations

import textwrap

import pytest
from click.testing import CliRunner

from actorgraph.commands.output import _table_layout
from actorgraph.ingest.build import compile_dataset
from cli import main

TOY = textwrap.dedent("""\
    source: {id: toy, title: 'Toy world', date: '2024-06-30'}
    actors:
      - {id: alpha, label: 'Alpha Republic', type: State, aliases: [Kabul]}
      - {id: beta, label: 'Beta Liberation Front of the Northern Provinces', type: NonStateArmedGroup}
      - {id: army, label: 'Alpha army', type: StateInstitution}
    places:
      - {id: kabul, label: Kabul, type: City}
    relations:
      - {subject: army, predicate: partOf, object: alpha, quote: 'The army is the Republic''s own.'}
      - {subject: army, predicate: attacks, object: beta, start: '2020-03', end: '2021', quote: 'In March 2020 the army launched a long offensive against the Front in the northern provinces, which lasted into 2021.'}
      - {subject: alpha, predicate: negotiatesWith, object: beta, start: '2022/2023', status: Stalled, quote: 'Talks between the Republic and the Front stalled.'}
    """)


@pytest.fixture(scope="module")
def toy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tables")
    (folder / "toy.yaml").write_text(TOY, encoding="utf-8")
    path = folder / "toy.trig"
    path.write_text(compile_dataset(folder / "toy.yaml").serialize(format="trig"), encoding="utf-8")
    return str(path)


def run(*args: str, columns: int = 80):
    result = CliRunner().invoke(main, list(args), env={"COLUMNS": str(columns), "ACTORGRAPH_GRAPH": None})
    return result.exit_code, result.stdout, result.stderr


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


def test_relations_table_at_80_columns(toy):
    code, out, err = run("--graph", toy, "relations")
    assert code == 0 and err == ""
    assert lines(out) == [
        " subject        ┃ relation        ┃ object     ┃ when      ┃ status  ┃ polarity",
        "━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━╇━━━━━━━━━━",
        " Alpha army     │ part of         │ Alpha      │           │         │ neutral",
        "                │                 │ Republic   │           │         │",
        " Alpha army     │ attacks         │ Beta       │ 2020-03   │         │ hostile",
        "                │                 │ Liberation │ to 2021   │         │",
        "                │                 │ Front of   │           │         │",
        "                │                 │ the        │           │         │",
        "                │                 │ Northern   │           │         │",
        "                │                 │ Provinces  │           │         │",
        " Alpha Republic │ negotiates with │ Beta       │ from      │ Stalled │ neutral",
        "                │                 │ Liberation │ 2022/2023 │         │",
        "                │                 │ Front of   │           │         │",
        "                │                 │ the        │           │         │",
        "                │                 │ Northern   │           │         │",
        "                │                 │ Provinces  │           │         │",
        "3 rows",
    ]
    assert max(len(line) for line in out.splitlines()) <= 80


def test_a_narrow_terminal_hides_columns_and_says_so_and_wide_shows_them(toy):
    code, out, _ = run("--graph", toy, "relations", columns=60)
    assert code == 0 and max(len(line) for line in out.splitlines()) <= 60
    assert lines(out)[0] == " subject  ┃ relation   ┃ object       ┃ when      ┃ status"
    assert lines(out)[-1] == "3 rows (not shown at 60 columns: polarity; see --wide)"
    code, out, _ = run("--graph", toy, "relations", "--wide", columns=60)
    assert lines(out)[0].split(" ┃ ")[-1] == "polarity" and lines(out)[-1] == "3 rows"
    assert " Beta Liberation Front of the Northern Provinces " in out  # full width: nothing wraps


def test_long_text_goes_last_and_wraps_at_spaces(toy):
    code, out, _ = run("--graph", toy, "query", "relationship-history", "-p", "a=Alpha", "-p", "b=Beta",
                       "--format", "table")
    assert code == 0
    assert lines(out) == [
        " start     ┃ subjectLabel ┃ relation   ┃ objectLabel ┃ quote",
        "━━━━━━━━━━━╇━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━",
        " 2022/2023 │ Alpha        │ negotiates │ Beta        │ Talks between the",
        "           │ Republic     │ with       │ Liberation  │ Republic and the Front",
        "           │              │            │ Front of    │ stalled.",
        "           │              │            │ the         │",
        "           │              │            │ Northern    │",
        "           │              │            │ Provinces   │",
        "1 row (not shown at 80 columns: statement, status, polarity; see --wide)",
    ]


def test_headers_never_break_inside_a_word():
    headers = ["subject label", "claimed by label", "predicate label"]
    cells = [["Tehrik-i-Taliban Pakistan", "Pakistani Minister of Defense", "ideological affinity with"]]
    for width in (30, 40, 50, 80):
        order, widths, hidden = _table_layout(cells, headers, width)
        for i in order:
            assert widths[i] >= max(len(word) for word in headers[i].split())
        assert sum(widths[i] for i in order) + 3 * len(order) - 1 <= width or len(order) == 1
    assert _table_layout(cells, headers, None) == ([0, 1, 2], [25, 29, 25], [])


BUNDLED = [
    ["relations"], ["show", "Kabul"], ["events"], ["actors"], ["figures"], ["sources"], ["queries"], ["sides"],
    ["query", "hostile-to", "-p", "actor=Pakistan", "-p", "asof=2026-03-15", "--format", "table"],
    ["analyze", "blocs"], ["analyze", "path", "China", "TTP"], ["analyze", "balance"], ["analyze", "centrality"],
    ["diff", "2021-12-31", "2026-03-15"], ["timeline", "--actor", "Pakistan"],
]


@pytest.mark.parametrize("args", BUNDLED, ids=" ".join)
def test_every_table_of_the_bundled_graph_fits_80_columns(args):
    code, out, err = run(*args)
    assert code == 0, err
    assert max(len(line) for line in out.splitlines()) <= 80


def test_hostile_to_quotes_are_readable_at_80_columns():
    code, out, _ = run("query", "hostile-to", "-p", "actor=Pakistan", "-p", "asof=2026-03-15", "--format", "table")
    header = lines(out)[0]
    assert [h.strip() for h in header.split("┃")] == ["who", "relation", "whom", "direction", "quote"]
    quote_width = len(lines(out)[1].split("╇")[-1])
    assert quote_width >= 24


def test_stdout_and_stderr_stay_apart(toy):
    code, out, err = run("--graph", toy, "events", "--actor", "Kabul", "--format", "csv")
    assert code == 0 and out.endswith("\n") and out.splitlines()[0].startswith("id,type,label")
    assert err == ("note: 'Kabul' is taken as the actor Alpha Republic (State); the place Kabul (City) "
                   "is `show Kabul` or `events --place Kabul`\n")
    code, out, err = run("analyze", "blocs", "--as-of", "2024-12-31")
    assert all(line.startswith("warning: ") for line in err.splitlines()) and err.endswith("\n")
    assert "warning" not in out


def test_events_table_names_actors_and_places():
    """The table shows names (csv and json keep the ids for other tools)."""
    code, out, err = run("events", "--place", "Kabul", columns=100)
    assert code == 0, err
    assert "Taliban regime" in out and "Pakistan" in out and "taliban-regime" not in out
    assert "afghan-border-ar" not in out  # an id never cut mid-word
    code, out, _ = run("events", "--place", "Kabul", "--format", "csv")
    assert "taliban-regime" in out
