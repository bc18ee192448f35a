"""Conformance: every read command and every write path gives the same answer on every backend.

The reference is the bundled graph (reads) and a fresh Oxigraph workspace
(writes). Each backend is one entry of :data:`BACKENDS`: a name and a
session fixture that serves the bundled data (and, for writes, a fresh
writable copy). Answers are compared as multisets of JSON rows (an engine
may order rows differently where the command does not sort), errors by
exit code and message, exports as RDF graphs (``rdflib.compare``).

Adding a backend is one line in :data:`BACKENDS` plus its fixture.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path

import oxigraph_server
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Literal
from rdflib.compare import isomorphic, to_isomorphic

from cli import main

ROOT = Path(__file__).resolve().parent.parent
NUMBER = re.compile(r"-?[0-9]+\.[0-9]+")
QUERIES = sorted(p.stem for p in (ROOT / "graph" / "queries").rglob("*.rq") if not p.stem.startswith("_"))


# ---------------------------------------------------------------------------
# Running the CLI
# ---------------------------------------------------------------------------
def run(graph: str | None, *args: str, update: str | None = None) -> tuple[int, str, str]:
    """One CLI call (in-process) on ``--graph graph``; (exit code, stdout, stderr)."""
    head = (["--graph", graph] if graph else []) + (["--update-endpoint", update] if update else [])
    result = CliRunner().invoke(main, head + list(args), catch_exceptions=False, env={"ACTORGRAPH_GRAPH": None,
                                                                                   "ACTORGRAPH_UPDATE_ENDPOINT": None})
    return result.exit_code, result.stdout, result.stderr


def canonical(out: str):
    """A command's JSON output as a multiset of rows (an object: its keys, each list as a multiset)."""
    data = json.loads(out)
    return _multiset(data)


def _multiset(value):
    if isinstance(value, list):
        return Counter(json.dumps(_sorted_deep(v), sort_keys=True) for v in value)
    if isinstance(value, dict):
        return {k: _multiset(v) for k, v in value.items()}
    return value


def _number(text: str) -> str:
    """A decimal's lexical form by value ("3.0" and "3" are one number; engines store either)."""
    try:
        return format(Decimal(text).normalize(), "f")
    except InvalidOperation:
        return text


def _sorted_deep(value):
    """Nested lists inside a row compared as multisets too (e.g. a statement's sources); numbers
    by value."""
    if isinstance(value, str) and NUMBER.fullmatch(value):
        return _number(value)
    if isinstance(value, list):
        return sorted((_sorted_deep(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, dict):
        return {k: _sorted_deep(v) for k, v in value.items()}
    return value


# ---------------------------------------------------------------------------
# Backends serving the bundled graph
# ---------------------------------------------------------------------------
@pytest.fixture(scope="session")
def rdflib_backend(bundled_trig) -> str:
    return str(bundled_trig)


@pytest.fixture(scope="session")
def oxigraph_dir(bundled_trig, tmp_path_factory) -> str:
    spec = f"oxigraph:{tmp_path_factory.mktemp('ox') / 'store'}"
    code, _, err = run(None, "load", str(bundled_trig), "--into", spec)
    assert code == 0, err
    return spec


@pytest.fixture(scope="session")
def oxigraph_server_backend(bundled_trig, tmp_path_factory):
    directory = tmp_path_factory.mktemp("oxserve") / "store"
    code, _, err = run(None, "load", str(bundled_trig), "--into", f"oxigraph:{directory}")
    assert code == 0, err
    with oxigraph_server.running(directory, "serve-read-only") as (base, _):
        yield base + "/query"


#: name → fixture giving the ``--graph`` value of a backend holding the bundled graph.
BACKENDS = {
    "rdflib": "rdflib_backend",
    "oxigraph-dir": "oxigraph_dir",
    "oxigraph-serve": "oxigraph_server_backend",
    "virtuoso": "virtuoso_backend",
}


@pytest.fixture(scope="session", params=list(BACKENDS))
def backend(request) -> str:
    return request.getfixturevalue(BACKENDS[request.param])


# ---------------------------------------------------------------------------
# Reads
# ---------------------------------------------------------------------------
READS = [
    ("relations",),
    ("relations", "--actor", "Pakistan"),
    ("relations", "--actor", "Islamabad", "--with", "TTP"),
    ("relations", "--type", "attacks"),
    ("relations", "--polarity", "hostile", "--as-of", "2026-03"),
    ("relations", "--since", "2025-10", "--until", "2026-02", "--rule", "certain"),
    ("relations", "--actor", "Pakistan", "--roll-up"),
    ("actors",),
    ("actors", "--type", "State"),
    ("show", "Pakistan"),
    ("show", "Kabul"),
    ("events",),
    ("events", "--place", "Kabul"),
    ("events", "--actor", "TTP", "--since", "2025"),
    ("timeline",),
    ("timeline", "--actor", "Pakistan", "--roll-up"),
    ("diff", "2025-01", "2026-03"),
    ("diff", "2025-01", "2026-03", "--actor", "Pakistan", "--roll-up"),
    ("sides",),
    ("sides", "--as-of", "2025-06"),
    ("places",),
    ("sources",),
    ("figures",),
    ("dedupe",),
    ("analyze", "balance"),
    ("analyze", "blocs"),
    ("analyze", "centrality"),
    ("analyze", "communities"),
    ("analyze", "ego", "Pakistan"),
    ("analyze", "enemies-of-enemies", "Pakistan"),
    ("analyze", "path", "China", "TTP"),
]

QUERY_PARAMS = {
    "accusations": ["accuser=Pakistan"],
    "agreements-of": ["actor=Pakistan"],
    "changes-between": ["from=2025-01-01", "to=2026-03-31"],
    "events-at": ["place=Kabul"],
    "events-of": ["actor=TTP"],
    "evidence": ["subject=Pakistani Air Force", "relation=attacks", "object=TTP"],
    "formed-from": ["group=TTP"],
    "hostile-to": ["actor=Pakistan", "asof=2026-03-01"],
    "intermediaries": ["from=China", "to=TTP"],
    "leaders-of": ["group=TTP"],
    "mediators": ["a=Pakistan", "b=Taliban regime", "since=2026-01-01"],
    "relations-by-polarity": ["polarity=hostile"],
    "relationship-history": ["a=Pakistan", "b=Afghanistan"],
    "supporters-of": ["actor=TTP"],
}

FAILURES = [
    ("relations", "--actor", "Pakistn"),
    ("show", "Nowhere Land"),
    ("events", "--place", "Atlantis"),
    ("analyze", "path", "China", "Nobody"),
    ("relations", "--as-of", "yesterday-ish"),
]


def _query_args(name: str) -> tuple[str, ...]:
    params = QUERY_PARAMS.get(name, [])
    return ("query", name, *[a for p in params for a in ("--param", p)])


def test_every_named_query_is_exercised():
    assert set(QUERY_PARAMS) | {"figures"} >= set(QUERIES), set(QUERIES) - set(QUERY_PARAMS)


@pytest.fixture(scope="session")
def reference():
    """The bundled graph's answers, computed once per command."""
    cache: dict[tuple, tuple] = {}

    def answer(args: tuple[str, ...]):
        if args not in cache:
            cache[args] = run(None, *args)
        return cache[args]

    return answer


@pytest.mark.parametrize("args", READS + [_query_args(q) for q in QUERIES], ids=" ".join)
def test_reads_give_the_bundled_answer(backend, reference, args):
    code, out, err = run(backend, *args, "--format", "json")
    ref_code, ref_out, ref_err = reference((*args, "--format", "json"))
    assert ref_code == 0, ref_err
    if args[0] == "query":  # an empty answer compares nothing: each named query's parameters find rows
        assert json.loads(ref_out), f"{args[1]}: pick parameters that find rows"
    assert (code, err) == (0, ref_err), err
    assert canonical(out) == canonical(ref_out)


@pytest.mark.parametrize("args", FAILURES, ids=" ".join)
def test_bad_input_gets_the_same_error(backend, reference, args):
    ref_code, _, ref_err = reference(args)
    assert ref_code != 0 and ref_err.count("\n") == 1, ref_err
    assert run(backend, *args)[::2] == (ref_code, ref_err)


def _dataset(text: str, fmt: str) -> Dataset:
    """RDF text parsed, each literal in its canonical form (engines may store "3.0" as "3")."""
    ds = Dataset()
    ds.parse(data=text, format=fmt)
    out = Dataset()
    for s, p, o, g in ds.quads((None, None, None, None)):
        if isinstance(o, Literal) and o.datatype is not None and o.value is not None:
            o = Literal(_number(str(o)) if isinstance(o.value, (Decimal, float)) else o.value, datatype=o.datatype)
        out.graph(g).add((s, p, o)) if g is not None else out.default_graph.add((s, p, o))
    return out


@pytest.mark.parametrize("fmt", ["trig", "nt"])
def test_rdf_export_is_the_projects_graphs_as_valid_rdf(backend, reference, fmt):
    code, out, err = run(backend, "export", fmt, "-o", "-")
    assert code == 0, err
    ref = reference(("export", fmt, "-o", "-"))[1]
    mine, theirs = _dataset(out, fmt), _dataset(ref, fmt)
    assert sorted(str(g.identifier) for g in mine.graphs() if len(g)) == sorted(
        str(g.identifier) for g in theirs.graphs() if len(g))
    for g in theirs.graphs():
        assert isomorphic(to_isomorphic(mine.graph(g.identifier)), to_isomorphic(g)), g.identifier


# ---------------------------------------------------------------------------
# Writes
# ---------------------------------------------------------------------------
TX_GRAPH = "urn:actorgraph:transactions"


@pytest.fixture
def trig_workspace(seeded_trig, tmp_path) -> list[str]:
    path = tmp_path / "ws.trig"
    shutil.copyfile(seeded_trig, path)
    return ["--graph", str(path)]


@pytest.fixture
def oxigraph_workspace(seeded_trig, tmp_path) -> list[str]:
    spec = f"oxigraph:{tmp_path / 'ws'}"
    code, _, err = run(None, "load", str(seeded_trig), "--into", spec)
    assert code == 0, err
    return ["--graph", spec]


@pytest.fixture
def oxigraph_server_workspace(seeded_trig, tmp_path):
    directory = tmp_path / "served"
    code, _, err = run(None, "load", str(seeded_trig), "--into", f"oxigraph:{directory}")
    assert code == 0, err
    with oxigraph_server.running(directory) as (base, _):
        yield ["--graph", base + "/query", "--update-endpoint", base + "/update"]


#: name → fixture giving the global options of a fresh writable copy of the seeded graph.
WRITABLE = {
    "trig": "trig_workspace",
    "oxigraph-serve": "oxigraph_server_workspace",
    "virtuoso": "virtuoso_workspace",
}


def project_quads(graph_args: list[str]) -> list[str]:
    """The project's data as sorted N-Quads lines (ontology and transaction markers left out)."""
    code, out, err = run(None, *graph_args[:2], "export", "trig", "-o", "-")
    assert code == 0, err
    ds = _dataset(out, "trig")
    for g in list(ds.graphs()):
        if str(g.identifier) == TX_GRAPH:
            ds.remove_graph(g)
    return sorted(line for line in ds.serialize(format="nquads").splitlines() if line.strip())


def _statement_with_dates(graph_args: list[str]) -> str:
    """A statement with an EDTF start (the shape Virtuoso's conditional DELETE left behind)."""
    code, out, _ = run(None, *graph_args[:2], "relations", "--format", "json")
    rows = [r for r in json.loads(out) if r.get("start") and len(r["start"]) == 7]
    return sorted(r["id"] for r in rows)[0]


QUOTE = "Pakistan struck TTP hideouts in March 2026, the ministry said."
WRITES = {
    "add actor": [("add", "actor", "Example Front", "--type", "NonStateArmedGroup", "--alias", "EF",
                   "--description", "A made-up group.")],
    "add actor existing": [("add", "actor", "Pakistan", "--type", "State", "--alias", "Islamic Republic")],
    "add relation": [("add", "relation", "Pakistan", "attacks", "TTP", "--start", "2026-03", "--quote", QUOTE)],
    "add relation twice": [("add", "relation", "Pakistan", "attacks", "TTP", "--start", "2026-03", "--quote", QUOTE)] * 2,
    "add source": [("add", "source", "example-report", "--title", "An example report", "--date", "2026-04-01",
                    "--author", "A. Writer")],
    "import relations": [("import", str(ROOT / "tests" / "data" / "relations.csv"), "--create-actors")],
    "import actors": [("import", str(ROOT / "tests" / "data" / "actors.csv"))],
    "remove statement": [("remove", "{statement}")],
    "merge": [("add", "actor", "Dup Front", "--type", "TerroristGroup", "--alias", "DF"),
              ("add", "relation", "Dup Front", "attacks", "China", "--start", "2024",
               "--quote", "Dup Front attacked Chinese engineers, police said."),
              ("merge", "Dup Front", "TTP")],
    "unknown name": [("add", "relation", "Pakistn", "attacks", "TTP", "--start", "2026", "--quote", QUOTE)],
    "remove referenced": [("remove", "pakistan")],
}


def _apply(graph_args: list[str], steps) -> list[tuple[int, str, str]]:
    out = []
    for step in steps:
        args = [a.replace("{statement}", _statement_with_dates(graph_args)) for a in step]
        out.append(run(None, *graph_args, *args, *(["--format", "json"] if args[0] != "import" else [])))
    return out


@pytest.fixture(params=list(WRITABLE))
def writable(request) -> list[str]:
    return request.getfixturevalue(WRITABLE[request.param])


@pytest.mark.parametrize("name", list(WRITES))
def test_writes_leave_what_they_leave_on_an_oxigraph_workspace(writable, oxigraph_workspace, name):
    assert project_quads(writable) == project_quads(oxigraph_workspace)
    mine, theirs = _apply(writable, WRITES[name]), _apply(oxigraph_workspace, WRITES[name])
    assert [(c, e) for c, _, e in mine] == [(c, e) for c, _, e in theirs]
    assert [o for _, o, _ in mine] == [o for _, o, _ in theirs]
    assert project_quads(writable) == project_quads(oxigraph_workspace)
