"""Tables people can read: they fit the terminal, long text wraps last, headers stay whole, streams stay apart."""

from __future__ import annotations

import json
import re
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
        " ± ┃ subject  ┃ relation        ┃ object       ┃ when      ┃ status  ┃ polarity",
        "━━━╇━━━━━━━━━━╇━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━╇━━━━━━━━━━",
        " · │ Alpha    │ negotiates with │ Beta         │ from      │ Stalled │ neutral",
        "   │ Republic │                 │ Liberation   │ 2022/2023 │         │",
        "   │          │                 │ Front of the │           │         │",
        "   │          │                 │ Northern     │           │         │",
        "   │          │                 │ Provinces    │           │         │",
        " − │ Alpha    │ attacks         │ Beta         │ 2020-03   │         │ hostile",
        "   │ army     │                 │ Liberation   │ to 2021   │         │",
        "   │          │                 │ Front of the │           │         │",
        "   │          │                 │ Northern     │           │         │",
        "   │          │                 │ Provinces    │           │         │",
        " · │ Alpha    │ part of         │ Alpha        │           │         │ neutral",
        "   │ army     │                 │ Republic     │           │         │",
        "3 rows",
    ]
    assert max(len(line) for line in out.splitlines()) <= 80


def test_a_narrow_terminal_hides_columns_and_says_so_but_never_the_sign_and_wide_shows_them(toy):
    code, out, _ = run("--graph", toy, "relations", columns=60)
    assert code == 0 and max(len(line) for line in out.splitlines()) <= 60
    assert lines(out)[0] == " ± ┃ subject  ┃ relation        ┃ object        ┃ when"
    assert [line[:2] for line in lines(out)[2:-2] if line[1] != " "] == [" ·", " −", " ·"]
    assert lines(out)[-2:] == ["3 rows (not shown at 60 columns: polarity, status; see", "--wide)"]
    code, out, _ = run("--graph", toy, "relations", columns=30)  # even where nothing else fits, friend or foe does
    assert lines(out)[0].startswith(" ± ┃ ")
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
    assert err == ("note: 'Kabul' is taken as the actor Alpha Republic (State); the place Kabul\n"
                   "  (City) is `show Kabul` or `events --place Kabul`\n")  # wrapped at words, the rest indented
    code, out, err = run("analyze", "blocs", "--as-of", "2026-03-31")  # Pakistan–Taliban: statements of both signs
    assert err and all(line.startswith(("warning: ", "  ")) for line in err.splitlines()) and err.endswith("\n")
    assert err.startswith("warning: ") and "warning" not in out


def test_events_table_names_actors_and_places():
    """The table shows names (csv and json keep the ids for other tools)."""
    code, out, err = run("events", "--place", "Kabul", columns=100)
    assert code == 0, err
    assert "Taliban regime" in out and "Pakistan" in out and "taliban-regime" not in out
    assert "afghan-border-ar" not in out  # an id never cut mid-word
    code, out, _ = run("events", "--place", "Kabul", "--format", "csv")
    assert "taliban-regime" in out


# ---------------------------------------------------------------------------
# Issue 21: friend or foe at any width, rows that lead with what matters, one row per fact
# ---------------------------------------------------------------------------
WAR = textwrap.dedent("""\
    source: {id: war, title: 'War world', date: '2024-06-30'}
    actors:
      - {id: alpha, label: 'Alpha Republic', type: State}
      - {id: beta, label: 'Beta Front', type: NonStateArmedGroup}
      - {id: gamma, label: 'Gamma Kingdom', type: State}
      - {id: army, label: 'Alpha army', type: StateInstitution}
    relations:
      - {subject: army, predicate: partOf, object: alpha, quote: 'The army is the Republic''s own.'}
      - {subject: alpha, predicate: neighborOf, object: gamma, quote: 'The Republic borders the Kingdom.'}
      - {subject: alpha, predicate: tensionsWith, object: beta, start: '2022', status: Ongoing, quote: 'Tensions with the Front have grown since 2022.'}
      - {subject: alpha, predicate: tensionsWith, object: beta, status: Ongoing, quote: 'The Republic and the Front are at odds.'}
      - {subject: gamma, predicate: alliedWith, object: alpha, start: '2023', status: Ongoing, quote: 'The Kingdom has been the Republic''s ally since 2023.'}
      - {subject: gamma, predicate: mediatesBetween, parties: [alpha, beta], start: '2024-06', quote: 'In June 2024 the Kingdom offered to mediate between the Republic and the Front.'}
      - {subject: alpha, predicate: atWarWith, object: beta, start: '2024-05', status: Ongoing, events: [strikes-may], quote: 'In May 2024 the Republic declared war on the Front and struck its bases.'}
    events:
      - {id: strikes-may, type: Airstrike, label: 'The Republic strikes the Front', date: '2024-05', agents: [alpha], targets: [beta], quote: 'In May 2024 the Republic declared war on the Front and struck its bases.'}
      - {id: strikes, type: Airstrike, label: 'The Republic strikes the Front''s bases in the hills', agents: [alpha], targets: [beta], quote: 'The Republic has struck the Front''s bases in the hills.'}
    """)

WAR_RELATIONS = [
    " ± ┃ subject        ┃ relation  ┃ object       ┃ when      ┃ status  ┃ polarity",
    "━━━╇━━━━━━━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━╇━━━━━━━━━━",
    " − │ Alpha Republic │ at war    │ Beta Front   │ from      │ Ongoing │ hostile",
    "   │                │ with      │              │ 2024-05   │         │",
    " + │ Alpha Republic │ allied    │ Gamma        │ from 2023 │ Ongoing │ friendly",
    "   │                │ with      │ Kingdom      │           │         │",
    " − │ Alpha Republic │ tensions  │ Beta Front   │ from      │ Ongoing │ hostile",
    "   │                │ with      │              │ 2022;     │         │",
    "   │                │           │              │ undated   │         │",
    " · │ Gamma Kingdom  │ mediates  │ Alpha        │ from      │         │ neutral",
    "   │                │ between   │ Republic &   │ 2024-06   │         │",
    "   │                │           │ Beta Front   │           │         │",
    " · │ Alpha Republic │ neighbor  │ Gamma        │           │         │ neutral",
    "   │                │ of        │ Kingdom      │           │         │",
    " · │ Alpha army     │ part of   │ Alpha        │           │         │ neutral",
    "   │                │           │ Republic     │           │         │",
    "6 rows",
]


@pytest.fixture(scope="module")
def war(tmp_path_factory):
    folder = tmp_path_factory.mktemp("war")
    (folder / "war.yaml").write_text(WAR, encoding="utf-8")
    path = folder / "war.trig"
    path.write_text(compile_dataset(folder / "war.yaml").serialize(format="trig"), encoding="utf-8")
    return str(path)


def test_relations_lead_with_the_strongest_tie_structural_last_one_fact_a_row(war):
    """War first, then the alliance, the two sentences on the tensions in one row, mediation, then structure."""
    code, out, err = run("--graph", war, "relations", "--actor", "Alpha")
    assert code == 0 and err == ""
    assert lines(out) == WAR_RELATIONS
    code, out, _ = run("--graph", war, "relations", "--actor", "Alpha", "--sort", "start", "--format", "json")
    assert [r["predicate"] for r in json.loads(out)][:3] != ["atWarWith", "alliedWith", "tensionsWith"]
    assert len(json.loads(out)) == 7  # json keeps every statement: the two tensions stay two


def test_show_opens_with_the_tie_models_reading_and_lists_an_event_told_twice_once(war):
    code, out, err = run("--graph", war, "show", "Alpha")
    assert code == 0 and err == ""
    assert lines(out) == [
        "Alpha Republic (State) [alpha]",
        "As of 2024-06-30, the tie model’s reading (`actorgraph ties`):",
        "  hostile with Beta Front (−18)",
        "  friendly with Gamma Kingdom (+8)",
        "  mediated by Gamma Kingdom (between Alpha Republic & Beta Front)",
        "",
        "                                   Relations",
        *WAR_RELATIONS,
        "                                     Events",
        " date    ┃ type      ┃ label                      ┃ agents         ┃ targets",
        "━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━",
        " 2024-05 │ Airstrike │ The Republic strikes the   │ Alpha Republic │ Beta Front",
        "         │           │ Front                      │                │",
        "1 row",
        'note: the undated event "The Republic strikes the Front\'s bases in the hills" is',
        '  listed once, with "The Republic strikes the Front" (2024-05): the same type',
        "  and actors, dated by another sentence of the same source",
    ]
    code, out, _ = run("--graph", war, "show", "Alpha", "--format", "json")
    info = json.loads(out)
    assert {"actor", "relations", "events", "quantities"} <= set(info)  # the contract keys, and the summary added
    assert [t["label"] for t in info["standing"]["hostile"]] == ["Beta Front"]
    assert len(info["events"]) == 2  # json keeps both records


def test_timeline_one_row_per_fact_with_its_span_and_events(war):
    code, out, err = run("--graph", war, "timeline")
    assert code == 0 and err == ""
    assert lines(out) == [
        " ± ┃ when         ┃ type      ┃ fact",
        "━━━╇━━━━━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━",
        " − │ from 2022    │           │ Alpha Republic has tensions with Beta Front",
        " + │ from 2023    │           │ Alpha Republic is allied with Gamma Kingdom",
        " − │ from 2024-05 │ Airstrike │ Alpha Republic is at war with Beta Front — The",
        "   │              │           │ Republic strikes the Front",
        " · │ from 2024-06 │           │ Gamma Kingdom mediates between Alpha Republic",
        "   │              │           │ and Beta Front",
        "4 rows",
    ]
    code, out, _ = run("--graph", war, "timeline", "--format", "json")  # the stream: each start and event
    assert [(r["kind"], r["type"]) for r in json.loads(out)] == [
        ("began", "tensionsWith"), ("began", "alliedWith"), ("began", "atWarWith"), ("event", "Airstrike"),
        ("began", "mediatesBetween")]


def test_bundled_relations_of_pakistan_lead_with_the_war():
    code, out, _ = run("relations", "--actor", "Pakistan")
    first = lines(out)[2]
    assert code == 0 and first.split("│")[0].strip() == "−" and "at war with" in first
    structural = [i for i, line in enumerate(lines(out)) if "│ part of " in line or "│ neighbor of " in line]
    ties = [i for i, line in enumerate(lines(out)) if "│ attacks " in line]
    assert structural and ties and max(ties) < min(structural)


def test_bundled_timeline_has_one_row_per_fact():
    from actorgraph import load
    from actorgraph.analysis.chronology import facts

    rows = facts(load())
    ids = [i for r in rows for i in r["ids"]]
    assert len(ids) == len(set(ids))  # no statement or event twice
    assert not any(r["type"] and r["type"][0].islower() for r in rows)
    code, out, _ = run("timeline")
    assert code == 0 and lines(out)[-1] == f"{len(rows)} rows"
    assert not re.search(r"[a-z][A-Z]", out) and "Terrorist" in out  # types in words: no TerroristAttack, tensionsWith
    assert max(len(line) for line in out.splitlines()) <= 80


def test_bundled_show_pakistan_lists_the_february_airstrikes_once():
    code, out, _ = run("show", "Pakistan", columns=200)
    assert code == 0 and lines(out)[1] == "As of 2026-03-31, the tie model’s reading (`actorgraph ties`):"
    assert lines(out)[2].startswith("  hostile with Taliban (−")
    events = out.split("Events")[1]
    assert events.count("Airstrike") == 2  # October 2025 and February 2026; the undated sentence folded in
    assert "Pakistan intensifies airstrikes on Afghan border areas" not in events.split("\nnote:")[0]


def test_no_statement_ids_in_tables_unless_asked():
    code, out, _ = run("analyze", "balance")
    assert code == 0 and "statement/" not in out
    code, out, _ = run("analyze", "balance", "--ids", columns=200)
    assert "[statement/" in out
    code, out, _ = run("relations", "--actor", "Pakistan", "--ids", columns=250)
    assert lines(out)[0].split("┃")[-1].strip() == "id" and "statement/" in out


def test_warnings_wrap_between_words():
    code, _, err = run("analyze", "blocs", "--as-of", "2026-03-31")
    _, _, whole = run("analyze", "blocs", "--as-of", "2026-03-31", columns=2000)
    assert code == 0 and max(len(line) for line in err.splitlines()) <= 80 and len(err.splitlines()) > len(whole.splitlines())
    assert err.replace("\n  ", " ") == whole  # only spaces became line breaks: no word is cut
