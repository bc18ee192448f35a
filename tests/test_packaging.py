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
    for required in ("actorgraph/cli.py", "actorgraph/data/ontology.ttl", "actorgraph/data/actorgraph.trig",
                     "actorgraph/data/shapes.ttl", "actorgraph/queries/hostile-to.rq", "actorgraph/queries/_nodes.rq"):
        assert required in names, required
    # one import name: no generic top-level module or package that could collide with another project's
    top_level = {name.split("/")[0] for name in names if not name.split("/")[0].endswith((".dist-info", ".data"))}
    assert top_level == {"actorgraph"}, top_level
    assert zipfile.ZipFile(wheel).read("actorgraph/cli.py") == (ROOT / "cli.py").read_bytes()
    onto = zipfile.ZipFile(wheel).read("actorgraph/data/ontology.ttl")
    assert onto == (ROOT / "ontology.ttl").read_bytes()  # the real file, not a symlink


@pytest.mark.slow
def test_wheel_installs_in_a_fresh_venv_and_answers(wheel, tmp_path):
    venv = tmp_path / "venv"
    # A bare venv from the base interpreter; the running interpreter's site-packages (a venv's or the
    # system's) provide the dependencies through a .pth line (no download, and no .pth of theirs runs,
    # so an editable install of this checkout cannot shadow the wheel).
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", "--without-pip", str(venv)], check=True)
    py = venv / "bin" / "python"
    site_dir = Path(subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                   capture_output=True, text=True, check=True).stdout.strip())
    deps = [p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()]
    (site_dir / "zz_actorgraph_test_deps.pth").write_text("\n".join(deps) + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "-q", "--no-deps",
                    "--force-reinstall", str(wheel)], check=True, capture_output=True)
    env = {k: v for k, v in os.environ.items() if k not in ("ACTORGRAPH_GRAPH", "PYTHONPATH")}
    where = subprocess.run([str(py), "-c", "import actorgraph; print(actorgraph.__file__)"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, check=True).stdout
    assert str(venv) in where, f"imported from {where}"
    exe = venv / "bin" / "actorgraph"
    result = subprocess.run([str(exe), "relations", "--actor", "Pakistan", "--format", "json"], cwd=tmp_path,
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert any(r["subject"] == "pakistan" and r["predicate"] == "atWarWith" or
               r["object"] == "pakistan" and r["predicate"] == "atWarWith" for r in rows)
