"""Oxigraph workspaces: incremental transactional writes, crash safety, bad stores, export."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import oxigraph_server
import pytest
from rdflib import Dataset

import actorgraph
import actorgraph.write.change
from actorgraph.core.errors import ImportProblems
from actorgraph.ingest.importers import import_file
from actorgraph.write import workspace as W

pyoxigraph = pytest.importorskip("pyoxigraph")
ROOT = Path(__file__).resolve().parent.parent
HEADER = "subject,relation,object,start,end,claimed_by,quote,source\n"


@pytest.fixture
def ows(tmp_path, seed):
    return W.init(tmp_path / "store", seed=seed, store="oxigraph")


def independent_digest(directory: Path) -> str:
    """SHA-256 of the store's sorted N-Quads, dumped by pyoxigraph itself (not by actorgraph)."""
    store = pyoxigraph.Store.read_only(str(directory))
    text = store.dump(format=pyoxigraph.RdfFormat.N_QUADS).decode("utf-8")
    del store
    return hashlib.sha256("\n".join(sorted(text.splitlines())).encode("utf-8")).hexdigest()


def n_statements(ws) -> int:
    return len(ws.load().select("SELECT ?s WHERE { ?s a ag:Statement }"))


def relations_csv(path: Path, rows: int, tag: str) -> Path:
    names = ["Pakistan", "Taliban regime", "TTP", "China", "India"]
    lines = [HEADER.strip()]
    for i in range(rows):
        a, b = names[i % 5], names[(i + 1 + i // 5) % 5]
        if a == b:
            b = names[(i + 2) % 5]
        lines.append(f'{a},tensions with,{b},{2000 + i % 26},,,"{tag} report {i}: {a} and {b} quarrel.",')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_bad_row_anywhere_leaves_the_store_identical(ows, tmp_path, cli):
    before = independent_digest(ows.path)
    good = "".join(f"China,tensions with,India,{2000 + i},,,Report {i}: China and India quarrel.,\n" for i in range(500))
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + good + "China,tensions with,India,2025-13,,,A long enough quote here.,\n", encoding="utf-8")
    with pytest.raises(ImportProblems) as info:
        import_file(ows, bad)
    assert info.value.problems == [f"{bad}:502: start: month 13 is out of range in '2025-13'"] or \
        info.value.problems[0].startswith(f"{bad}:502: start:")
    code, _, err = cli("--graph", ows.location, "import", str(bad))
    assert code == 1 and "nothing was written" in err and "Traceback" not in err
    assert independent_digest(ows.path) == before
    # the same file without the bad row lands, all of it
    ok = tmp_path / "ok.csv"
    ok.write_text(HEADER + good, encoding="utf-8")
    assert import_file(ows, ok).counts["statements"] == 500
    assert independent_digest(ows.path) != before


def test_writes_change_only_the_delta(ows):
    store = pyoxigraph.Store.read_only(str(ows.path))
    before = {str(q) for q in store}
    del store
    res = W.add_relation(ows, "China", "supports", "Pakistan", start="2020", quote="China supports Pakistan, said X.")
    store = pyoxigraph.Store.read_only(str(ows.path))
    after = {str(q) for q in store}
    del store
    assert before <= after  # nothing rewritten or lost
    added = after - before
    assert any(res.id in q for q in added) and len(added) == res.counts["triples added"]


def test_export_trig_gives_the_whole_graph(ows, cli, tmp_path):
    W.add_actor(ows, "Export Front", "NonStateArmedGroup")
    out = tmp_path / "whole.trig"
    code, _, err = cli("--graph", ows.location, "export", "trig", "-o", str(out))
    assert code == 0, err
    ds = Dataset()
    ds.parse(out, format="trig")
    exported = {q for q in ds.quads((None, None, None, None)) if str(q[3]) != str(actorgraph.core.vocab.ONTOLOGY_IRI)}
    assert actorgraph.write.change.nquads_digest(exported) == ows.digest()


def test_not_an_actorgraph_store_is_one_line(tmp_path, cli):
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "notes.txt").write_text("hello", encoding="utf-8")
    plain = tmp_path / "plain-oxigraph"
    store = pyoxigraph.Store(str(plain))
    store.add(pyoxigraph.Quad(pyoxigraph.NamedNode("http://x/a"), pyoxigraph.NamedNode("http://x/p"),
                              pyoxigraph.Literal("1"), pyoxigraph.NamedNode("http://x/g")))
    del store
    fake = tmp_path / "fake-rocks"
    fake.mkdir()
    (fake / "CURRENT").write_text("MANIFEST-000001\n", encoding="utf-8")
    for directory, reason in ((junk, "not an actorgraph store"), (plain, "not an actorgraph store"),
                              (fake, "cannot open as an Oxigraph store")):
        before = sorted(p.name for p in directory.iterdir())
        code, _, err = cli("--graph", f"oxigraph:{directory}", "add", "actor", "Someone", "--type", "State")
        assert code == 1, err
        assert err.count("\n") == 1 and err.startswith("Error: ") and reason in err and "Traceback" not in err
        assert sorted(p.name for p in directory.iterdir() if p.name != "actorgraph-write.lock") == before


def test_store_held_by_another_program_is_one_line(ows, cli):
    before = independent_digest(ows.path)
    with oxigraph_server.running(ows.path, union_default_graph=False):
        code, _, err = cli("--graph", ows.location, "add", "actor", "Locked Out Front", "--type", "State")
        assert code == 1 and err.count("\n") == 1
        assert "locked by another process" in err and "--update-endpoint" in err
    assert independent_digest(ows.path) == before
    assert W.add_actor(ows, "Locked Out Front", "NonStateArmedGroup").status == "added"  # free again


def _lock_free(directory: Path) -> bool:
    """Whether no writer holds the workspace's file lock (probing it never makes a writer fail)."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(directory / "actorgraph-write.lock"), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        return False
    lock.release()
    return True


def test_kill_9_mid_import_leaves_the_previous_state_readable(ows, tmp_path):
    code = "import sys; from actorgraph.ingest.importers import import_file; import_file(sys.argv[1], sys.argv[2])"
    # the kill must land inside the import: on a fast, idle machine a small import may finish first,
    # then a bigger one is tried (a finished import is a valid "before" for the next attempt)
    for rows in (3000, 12000, 48000):
        big = relations_csv(tmp_path / f"big-{rows}.csv", rows, f"big{rows}")
        before, n_before = independent_digest(ows.path), n_statements(ows)
        proc = subprocess.Popen([sys.executable, "-c", code, ows.location, str(big)], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while _lock_free(ows.path) and proc.poll() is None:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        time.sleep(0.3)  # inside the import: names resolved, rows being built or committed
        if proc.poll() is None:
            break
        assert proc.returncode == 0, proc.stderr.read().decode()
    else:
        pytest.fail("every import finished before the kill")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    n_after = n_statements(ows)  # readable
    assert n_after in (n_before, n_before + rows)  # all or nothing, never part
    if n_after == n_before:
        assert independent_digest(ows.path) == before
    # the lock died with the writer: the next write works
    assert W.add_actor(ows, "After Crash Front", "NonStateArmedGroup").status == "added"


def test_readers_work_while_a_writer_holds_the_store(ows, tmp_path, cli):
    big = relations_csv(tmp_path / "big.csv", 2000, "busy")
    n_before = n_statements(ows)
    code = "import sys; from actorgraph.ingest.importers import import_file; import_file(sys.argv[1], sys.argv[2])"
    proc = subprocess.Popen([sys.executable, "-c", code, ows.location, str(big)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while _lock_free(ows.path) and proc.poll() is None:  # the writer holds the lock (or is already done)
            assert time.monotonic() < deadline
            time.sleep(0.01)
        time.sleep(0.3)
        code_, out, err = cli("--graph", ows.location, "relations", "--actor", "China", "--format", "json")
        assert code_ == 0, err
        assert n_statements(ows) in (n_before, n_before + 2000)  # the previous state, or the whole import
    finally:
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert n_statements(ows) == n_before + 2000
