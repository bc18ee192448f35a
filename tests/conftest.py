"""Shared fixtures: the bundled graph, a CLI runner, the source text."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import actorgraph
from cli import main

ROOT = Path(__file__).resolve().parent.parent
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
