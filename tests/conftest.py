"""Shared fixtures: the bundled graph, a CLI runner, the source text."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import actorgraph
from cli import main

ROOT = Path(__file__).resolve().parent.parent

# Tables and wrapped warnings follow the terminal's width: the tests read them at one width
# whatever terminal (or none: CI, xdist workers) runs them; a test wanting another sets COLUMNS itself.
os.environ["COLUMNS"] = "160"
SOURCE_TEXT = ROOT.parent / "shared" / "sources" / "ifri-letter-116.txt"


@pytest.fixture(scope="session")
def kg():
    """The bundled graph (read-only), loaded once per test session."""
    return actorgraph.load()


@pytest.fixture(scope="session")
def source_text() -> Path:
    """Path of Ifri Letter 116 (CI has ../shared); skips when absent."""
    if not SOURCE_TEXT.exists():
        pytest.skip(f"source text not available at {SOURCE_TEXT}")
    return SOURCE_TEXT


@pytest.fixture
def runner(monkeypatch) -> CliRunner:
    """A click runner with ACTORGRAPH_GRAPH unset (so the bundled graph is used)."""
    monkeypatch.delenv("ACTORGRAPH_GRAPH", raising=False)
    return CliRunner()


@pytest.fixture
def cli(runner):
    """Run the CLI; return (exit_code, stdout, stderr)."""

    def run(*args: str, input: str | None = None):
        result = runner.invoke(main, list(args), input=input, catch_exceptions=False, standalone_mode=True)
        return result.exit_code, result.stdout, result.stderr

    return run


@pytest.fixture
def cli_json(cli):
    """Run a CLI command with ``--format json`` appended; return the parsed JSON."""

    def run(*args: str):
        code, out, err = cli(*args, "--format", "json")
        assert code == 0, err
        return json.loads(out)

    return run


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path of Debian's chromium; browser tests skip (with the reason) when absent."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    return path


DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def seed(tmp_path_factory) -> Path:
    """A small seed graph compiled from tests/data/mini-dataset.yaml."""
    from actorgraph.ingest.build import compile_dataset

    path = tmp_path_factory.mktemp("seed") / "mini.trig"
    path.write_text(compile_dataset(DATA / "mini-dataset.yaml").serialize(format="trig"), encoding="utf-8")
    return path


@pytest.fixture
def ws(tmp_path, seed):
    """A fresh writable workspace (a TriG file) seeded with the mini dataset."""
    from actorgraph.write import workspace

    return workspace.init(tmp_path / "ws.trig", seed=seed)


@pytest.fixture(params=["trig", "oxigraph"])
def ws_any(request, tmp_path, seed):
    """A fresh workspace seeded with the mini dataset: a TriG file, then an Oxigraph store
    (modules that want every test on both define ``ws`` as this)."""
    from actorgraph.write import workspace

    if request.param == "trig":
        return workspace.init(tmp_path / "ws.trig", seed=seed)
    return workspace.init(tmp_path / "ws-store", seed=seed, store="oxigraph")


# ---------------------------------------------------------------------------
# Real SPARQL servers (tests/virtuoso_server.py, tests/oxigraph_server.py), started once per session
# ---------------------------------------------------------------------------
#: Virtuoso's result cap in the tests: small, so capped answers (and paging) are cheap to reach.
VIRTUOSO_MAX_ROWS = 200


def _cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False,
                                env={"ACTORGRAPH_GRAPH": None, "ACTORGRAPH_UPDATE_ENDPOINT": None})
    return result.exit_code, result.stdout, result.stderr


def nquads_of(path: Path) -> Path:
    """The file as N-Quads: Virtuoso's TriG reader keeps the backslash of an escaped prefixed
    name (rdflib writes ``agd:source\\/x``), so a TriG file rdflib wrote is loaded as N-Quads."""
    from rdflib import Dataset

    out = path.with_suffix(".nq")
    if not out.exists():
        ds = Dataset()
        ds.parse(path, format="trig")
        out.write_text(ds.serialize(format="nquads"), encoding="utf-8")
    return out


@pytest.fixture(scope="session")
def bundled_trig(tmp_path_factory) -> Path:
    """The bundled graph as `export trig` writes it (what a team loads into its server)."""
    path = tmp_path_factory.mktemp("bundled") / "bundled.trig"
    code, _, err = _cli("export", "trig", "-o", str(path))
    assert code == 0, err
    return path


@pytest.fixture(scope="session")
def seeded_trig(tmp_path_factory) -> Path:
    """What `init` seeds a workspace with, as TriG (loaded into the servers as is)."""
    path = tmp_path_factory.mktemp("seeded") / "seed.trig"
    code, _, err = _cli("init", str(path), "--store", "trig")
    assert code == 0, err
    return path


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """One read-only Virtuoso for the session holding `export trig` of the bundled graph plus the
    ontology, with a small ResultSetMaxRows."""
    import virtuoso_server

    with virtuoso_server.running(tmp_path_factory.mktemp("virtuoso"), max_rows=VIRTUOSO_MAX_ROWS) as vt:
        yield vt


@pytest.fixture(scope="session")
def virtuoso_backend(virtuoso, bundled_trig) -> str:
    import virtuoso_server

    virtuoso.load({bundled_trig: "urn:actorgraph:default", ROOT / "ontology.ttl": virtuoso_server.ONTOLOGY_GRAPH})
    return virtuoso.sparql


@pytest.fixture(scope="session")
def virtuoso_writable(tmp_path_factory):
    """A second Virtuoso, writable (SPARQL_UPDATE granted), reloaded before each write test."""
    import virtuoso_server

    with virtuoso_server.running(tmp_path_factory.mktemp("virtuoso-rw"), max_rows=VIRTUOSO_MAX_ROWS) as vt:
        vt.load({ROOT / "ontology.ttl": virtuoso_server.ONTOLOGY_GRAPH})
        vt.grant_update()
        yield vt


@pytest.fixture
def virtuoso_workspace(virtuoso_writable, seeded_trig) -> list[str]:
    """The writable Virtuoso reset to the seeded graph: global options to write to it."""
    import virtuoso_server

    vt = virtuoso_writable
    vt.clear(vt.graphs(exclude=[virtuoso_server.ONTOLOGY_GRAPH]))
    vt.load({nquads_of(seeded_trig): "urn:actorgraph:default"})
    return ["--graph", vt.sparql, "--update-endpoint", vt.sparql]
