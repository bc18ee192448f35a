"""The wheel ships the ontology, the dataset, the shapes and the queries."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True, capture_output=True,
    )
    return next(out.glob("actorgraph-*.whl"))


def test_wheel_contains_data_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("cli.py", "graph/data/ontology.ttl", "graph/data/actorgraph.trig",
                     "graph/data/shapes.ttl", "graph/queries/hostile-to.rq", "graph/queries/_nodes.rq"):
        assert required in names, required
    onto = zipfile.ZipFile(wheel).read("graph/data/ontology.ttl")
    assert onto == (ROOT / "ontology.ttl").read_bytes()  # the real file, not a symlink


@pytest.mark.slow
def test_wheel_installs_in_a_fresh_venv_and_answers(wheel, tmp_path):
    venv = tmp_path / "venv"
    # system site-packages provide the dependencies (no download); the wheel itself goes in the venv
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    py = venv / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(wheel)],
                   check=True, capture_output=True)
    env = {k: v for k, v in os.environ.items() if k not in ("ACTORGRAPH_GRAPH", "PYTHONPATH")}
    where = subprocess.run([str(py), "-c", "import graph; print(graph.__file__)"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, check=True).stdout
    assert str(venv) in where, f"imported from {where}"
    exe = venv / "bin" / "actorgraph"
    result = subprocess.run([str(exe), "relations", "--actor", "Pakistan", "--format", "json"], cwd=tmp_path,
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert any(r["subject"] == "pakistan" and r["predicate"] == "atWarWith" or
               r["object"] == "pakistan" and r["predicate"] == "atWarWith" for r in rows)
