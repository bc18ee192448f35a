"""Every bad input gets one line: ``Error: …`` naming the problem, a non-zero exit, nothing lost.

Issue 18's list, each through the real CLI: filesystems that refuse a write
(``/proc``, a read-only mount made in a private mount namespace, a lock
file that cannot be created), damaged Oxigraph stores, and inputs that
used to give a silently wrong answer (an empty date window, an actor
related to itself, a parameter given twice, an oversized or NUL-bearing
label, a failed bulk load leaving an empty store behind).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def one_error_line(code: int, out: str, err: str) -> str:
    """Assert the one-line error contract; return the message after ``Error: ``."""
    lines = [line for line in err.splitlines() if line.strip()]
    assert code != 0, (out, err)
    assert len(lines) == 1 and lines[0].startswith("Error: "), err
    assert "Traceback" not in err and "note:" not in err
    return lines[0].removeprefix("Error: ")


def run_cli(*args: str, cwd: Path | None = None, wrap: list[str] | None = None) -> tuple[int, str, str]:
    """The CLI in its own process (real OS errors; no CliRunner in between)."""
    env = {k: v for k, v in os.environ.items() if k != "ACTORGRAPH_GRAPH"}
    command = [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r}); from cli import main; main()", *args]
    proc = subprocess.run((wrap or []) + command, capture_output=True, text=True, timeout=300, cwd=cwd, env=env)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture(scope="module")
def oxigraph_ws(tmp_path_factory) -> Path:
    """A pristine Oxigraph workspace (copied by the tests that damage one)."""
    folder = tmp_path_factory.mktemp("ox") / "ws"
    code, _, err = run_cli("init", str(folder))
    assert code == 0, err
    return folder


def tree_digest(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


# -- the filesystem refuses ----------------------------------------------------

def test_init_where_the_filesystem_creates_nothing():
    message = one_error_line(*run_cli("init", "/proc/ws"))
    assert "/proc/ws" in message and "No such file or directory" not in message
    assert "/proc" in message and "does not accept" in message


def test_export_onto_a_file_in_proc_names_the_real_problem(tmp_path):
    message = one_error_line(*run_cli("export", "html", "-o", "/proc/version"))
    assert "/proc/version" in message and "No such file or directory" not in message


def _read_only_mount(tmp_path: Path, inside: str) -> list[str]:
    """A command prefix running ``inside`` with ``tmp_path`` remounted read-only, in a private mount namespace."""
    if not shutil.which("unshare"):
        pytest.skip("unshare (util-linux) is not installed")
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", f"mount -o bind,ro {tmp_path} {tmp_path}"],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot make a private read-only mount here: {probe.stderr.strip()}")
    return ["unshare", "-rm", "sh", "-c", f'mount -o bind,ro {tmp_path} {tmp_path} && exec "$@"', "sh"]


@pytest.mark.parametrize("store", ["oxigraph", "trig"])
def test_init_on_a_read_only_filesystem(tmp_path, store):
    target = tmp_path / ("ws.trig" if store == "trig" else "ws")
    message = one_error_line(*run_cli("init", str(target), wrap=_read_only_mount(tmp_path, "init")))
    assert str(target) in message and "read-only file system" in message
    assert not target.exists()


def test_a_write_whose_lock_file_cannot_be_created(tmp_path):
    ws = tmp_path / "ws.trig"
    assert run_cli("init", str(ws))[0] == 0
    before = ws.read_bytes()
    message = one_error_line(*run_cli("--graph", str(ws), "add", "actor", "Newland", "--type", "State",
                                      wrap=_read_only_mount(tmp_path, "add")))
    assert "ws.trig.lock" in message and "read-only file system" in message
    assert ws.read_bytes() == before


def test_a_lock_path_taken_by_a_directory(tmp_path):
    ws = tmp_path / "ws.trig"
    assert run_cli("init", str(ws))[0] == 0
    before = ws.read_bytes()
    lock = tmp_path / "ws.trig.lock"
    lock.unlink(missing_ok=True)  # the last writer's lock file, free
    lock.mkdir()
    message = one_error_line(*run_cli("--graph", str(ws), "add", "actor", "Newland", "--type", "State"))
    assert "ws.trig.lock" in message
    assert ws.read_bytes() == before


# -- damaged Oxigraph stores ---------------------------------------------------

def _damage_current(store: Path) -> None:
    (store / "CURRENT").write_text("garbage\n")


def _truncate_an_sst(store: Path) -> None:
    sst = max(store.glob("*.sst"), key=lambda p: p.stat().st_mtime)
    os.truncate(sst, sst.stat().st_size // 2)


@pytest.mark.parametrize("damage", [_damage_current, _truncate_an_sst], ids=["CURRENT", "sst"])
@pytest.mark.parametrize("command", [["relations"], ["show", "Pakistan"], ["add", "actor", "Newland", "--type", "State"]],
                         ids=["relations", "show", "add"])
def test_a_damaged_store_gets_one_line(oxigraph_ws, tmp_path, damage, command):
    store = tmp_path / "ws"
    shutil.copytree(oxigraph_ws, store)
    damage(store)
    before = tree_digest(store)
    message = one_error_line(*run_cli("--graph", f"oxigraph:{store}", *command))
    assert str(store) in message and "damaged" in message
    assert tree_digest(store) == before  # nothing "repaired" away


def test_a_failed_bulk_load_leaves_no_store_that_reads_as_empty(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ag: <https://w3id.org/actorgraph/ontology#> .\n<urn:a> ag:x "unterminated .\n')
    target = tmp_path / "store"
    message = one_error_line(*run_cli("load", str(bad), "--into", f"oxigraph:{target}"))
    assert "bad.ttl" in message
    if target.exists():  # kept for inspection: every read refuses it
        message = one_error_line(*run_cli("--graph", f"oxigraph:{target}", "relations"))
        assert str(target) in message


def test_a_failed_bulk_load_into_an_existing_store_keeps_it(oxigraph_ws, tmp_path):
    store = tmp_path / "ws"
    shutil.copytree(oxigraph_ws, store)
    bad = tmp_path / "bad.nt"
    bad.write_text("<urn:a> <urn:b> .\n")
    one_error_line(*run_cli("load", str(bad), "--into", f"oxigraph:{store}"))
    code, out, err = run_cli("--graph", f"oxigraph:{store}", "relations", "--actor", "Pakistan", "--format", "json")
    assert code == 0 and len(out) > 1000, err


# -- silently wrong answers ----------------------------------------------------

@pytest.mark.parametrize("args", [
    ["relations", "--actor", "Pakistan", "--with", "Pakistan"],
    ["relations", "--actor", "Islamabad", "--with", "Pakistan"],  # an alias is the same actor
])
def test_an_actor_with_itself(cli, args):
    message = one_error_line(*cli(*args))
    assert "Pakistan" in message and "same actor" in message


def test_a_named_query_parameter_given_twice(cli):
    message = one_error_line(*cli("query", "supporters-of", "-p", "actor=Pakistan", "-p", "actor=India"))
    assert "actor" in message and "twice" in message


@pytest.mark.parametrize("args, since, until", [
    (["events", "--since", "2026", "--until", "2020"], "2026", "2020"),
    (["timeline", "--since", "2027", "--until", "2020"], "2027", "2020"),
    (["relations", "--since", "2026", "--until", "2020"], "2026", "2020"),
    (["query", "changes-between", "-p", "from=2026", "-p", "to=2020"], "2026", "2020"),
])
def test_an_empty_date_window(cli, args, since, until):
    message = one_error_line(*cli(*args))
    assert f"{since} is after" in message and until in message and "window is empty" in message


def test_a_window_of_one_year_is_not_empty(cli):
    code, out, err = cli("events", "--since", "2025", "--until", "2025", "--format", "json")
    assert code == 0 and out.strip() != "[]", err
    code, out, err = cli("query", "changes-between", "-p", "from=2025", "-p", "to=2025", "--format", "json")
    assert code == 0 and out.strip() != "[]", err


@pytest.fixture
def trig_ws(tmp_path, cli) -> Path:
    ws = tmp_path / "ws.trig"
    assert cli("init", str(ws))[0] == 0
    return ws


@pytest.mark.parametrize("subject", ["Pakistan", "Islamabad"])
def test_a_relation_of_an_actor_to_itself(cli, trig_ws, subject):
    before = trig_ws.read_bytes()
    message = one_error_line(*cli("--graph", str(trig_ws), "add", "relation", subject, "attacks", "Pakistan",
                                  "--quote", "Pakistan attacked Pakistan, says this test."))
    assert "pakistan" in message.lower() and "itself" in message
    assert trig_ws.read_bytes() == before


def test_a_relation_of_an_actor_to_itself_in_an_import(cli, trig_ws, tmp_path):
    rows = tmp_path / "rels.csv"
    rows.write_text("subject,relation,object,quote\nPakistan,attacks,Islamabad,Pakistan attacked Pakistan in a test.\n")
    before = trig_ws.read_bytes()
    code, out, err = cli("--graph", str(trig_ws), "import", str(rows))
    assert code != 0 and "itself" in err and "Traceback" not in err
    assert trig_ws.read_bytes() == before


def test_a_label_over_the_import_limit(cli, trig_ws):
    before = trig_ws.read_bytes()
    message = one_error_line(*cli("--graph", str(trig_ws), "add", "actor", "x" * 100_000, "--type", "State"))
    assert "20,000" in message and "100,000" in message
    assert trig_ws.read_bytes() == before


def test_the_same_limit_on_descriptions_and_aliases(cli, trig_ws):
    message = one_error_line(*cli("--graph", str(trig_ws), "add", "actor", "Newland", "--type", "State",
                                  "--alias", "y" * 20_001))
    assert "20,000" in message


@pytest.mark.parametrize("bad", ["Bad\x01Name", "Tab\tName", "Line\nBreak"])
def test_control_characters_in_a_label(cli, trig_ws, bad):
    before = trig_ws.read_bytes()
    message = one_error_line(*cli("--graph", str(trig_ws), "add", "actor", bad, "--type", "State"))
    assert "control character" in message
    assert trig_ws.read_bytes() == before


def test_a_nul_byte_in_an_imported_label(cli, trig_ws, tmp_path):
    data = tmp_path / "nul.ttl"
    data.write_text('@prefix ag: <https://w3id.org/actorgraph/ontology#> .\n'
                    '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
                    '<https://w3id.org/actorgraph/id/nul-land> a ag:State ; rdfs:label "Nul\\u0000Land"@en .\n')
    before = trig_ws.read_bytes()
    code, out, err = cli("--graph", str(trig_ws), "import", str(data))
    assert code != 0 and "control character" in err and "Traceback" not in err
    assert trig_ws.read_bytes() == before


def test_validate_flags_a_nul_byte_in_a_label(cli, tmp_path):
    graph = tmp_path / "g.trig"
    text = (ROOT / "graph" / "data" / "actorgraph.trig").read_text(encoding="utf-8")
    assert 'rdfs:label "Pakistan" ;' in text
    graph.write_text(text.replace('rdfs:label "Pakistan" ;', 'rdfs:label "Paki\\u0000stan" ;', 1), encoding="utf-8")
    code, out, err = cli("--graph", str(graph), "validate")
    assert code != 0
    assert "control character" in out + err and "pakistan" in (out + err).lower()


# -- messages that mislead -----------------------------------------------------

def test_an_empty_query(cli):
    message = one_error_line(*cli("query", ""))
    assert "empty" in message and "not found" not in message


def test_a_place_note_only_on_success(cli):
    code, out, err = cli("relations", "--actor", "Kabul", "--format", "json")
    assert code == 0 and "note: 'Kabul'" in err  # the note, when the command answers
    one_error_line(*cli("relations", "--actor", "Kabul", "--since", "2026", "--until", "2020"))
