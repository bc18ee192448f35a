"""Big writes into an Oxigraph workspace: the journal (graph/store/journal.py), all or nothing under kill -9."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from actorgraph.core.errors import ImportProblems
from actorgraph.core.vocab import ONTOLOGY_IRI
from actorgraph.ingest.importers import import_file
from actorgraph.store import journal
from actorgraph.write import workspace as W

pyoxigraph = pytest.importorskip("pyoxigraph")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.bench_acled import make_csv  # noqa: E402  (synthetic ACLED-shaped rows)

ROWS = 1500  # about 57,000 quads: above journal.BULK_FROM
IMPORT = "import sys; from actorgraph.ingest.importers import import_file; import_file(sys.argv[1], sys.argv[2], create_actors=True)"


@pytest.fixture(scope="module")
def acled_csv(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("acled") / "acled.csv"
    make_csv(path, ROWS)
    return path


@pytest.fixture(scope="module")
def pristine(tmp_path_factory, seed) -> Path:
    """A seeded Oxigraph workspace nobody writes to (tests copy it)."""
    return W.init(tmp_path_factory.mktemp("pristine") / "store", seed=seed, store="oxigraph").path


@pytest.fixture(scope="module")
def states(pristine, acled_csv, tmp_path_factory) -> tuple[str, str]:
    """Digests of the workspace before and after the whole import (imported in a copy, in-process)."""
    copy = _copy(pristine, tmp_path_factory.mktemp("after"))
    ws = W.open_workspace(f"oxigraph:{copy}")
    before = ws.digest()
    report = import_file(ws, acled_csv, create_actors=True)
    assert report.counts["triples added"] > journal.BULK_FROM  # the journal path, not a transaction
    assert not (copy / journal.JOURNAL_FILE).exists()
    return before, ws.digest()


def _copy(pristine: Path, where: Path) -> Path:
    target = where / "store"
    shutil.copytree(pristine, target, ignore=shutil.ignore_patterns("*.lock"))
    return target


def _lock_held(directory: Path) -> bool:
    from filelock import FileLock, Timeout

    lock = FileLock(str(directory / journal.LOCK_FILE), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        return True
    lock.release()
    return False


def _kill_when(directory: Path, proc: subprocess.Popen, moment: str, delay: float) -> None:
    """SIGKILL ``proc`` at ``moment``: ``lock`` + ``delay`` s, the journal ``started`` or ``complete``."""
    deadline = time.monotonic() + 120
    while True:
        assert time.monotonic() < deadline, "the import never reached the moment"
        if proc.poll() is not None:
            return  # finished before the moment: the test still checks the state is whole
        if moment == "lock" and _lock_held(directory):
            time.sleep(delay)
            break
        state = journal.pending(directory)
        if moment == "started" and state is not None:
            break
        if moment == "complete" and state == "complete":
            time.sleep(delay)
            break
        time.sleep(0.002)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


@pytest.mark.parametrize("moment,delay", [
    ("lock", 0.5),        # rows being read and built: nothing written
    ("lock", 2.0),
    ("started", 0.0),     # the journal being written: discarded on reopen
    ("complete", 0.0),    # the journal complete, the bulk loader at work: rolled forward on reopen
    ("complete", 0.05),
])
def test_kill_9_during_a_big_import_leaves_before_or_after(pristine, acled_csv, states, tmp_path, moment, delay):
    before, after = states
    directory = _copy(pristine, tmp_path)
    proc = subprocess.Popen([sys.executable, "-c", IMPORT, f"oxigraph:{directory}", str(acled_csv)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _kill_when(directory, proc, moment, delay)
    left = journal.pending(directory)
    ws = W.open_workspace(f"oxigraph:{directory}")
    digest = ws.digest()  # reopening (read-only) finishes or discards what the crash left
    assert digest in (before, after)
    if left == "complete":
        assert digest == after
    if left == "incomplete":
        assert digest == before
    assert journal.pending(directory) is None
    assert W.add_actor(ws, "After Crash Front", "NonStateArmedGroup").status == "added"  # the lock died too


def _delta(directory: Path, acled_csv: Path, tmp_path: Path) -> tuple[list, list]:
    """The quads a whole import adds to a copy of the store (pyoxigraph's own view)."""
    copy = _copy(directory, tmp_path / "delta")
    store = pyoxigraph.Store.read_only(str(directory))
    old = set(store)
    del store
    import_file(f"oxigraph:{copy}", acled_csv, create_actors=True)
    store = pyoxigraph.Store.read_only(str(copy))
    new = set(store)
    del store
    return sorted(new - old, key=str), sorted(old - new, key=str)


def test_a_complete_journal_is_rolled_forward_on_open_even_half_applied(pristine, acled_csv, states, tmp_path,
                                                                        monkeypatch):
    before, after = states
    monkeypatch.setattr(journal, "_ADD_CHUNK", 7_000)  # applied in several bulk-loader chunks
    added, removed = _delta(pristine, acled_csv, tmp_path)
    assert added and not removed
    for opener in ("reader", "writer"):
        directory = _copy(pristine, tmp_path / opener)
        journal.write_journal(directory, [], added)  # as a writer killed right after the commit marker
        store = pyoxigraph.Store(str(directory))
        store.bulk_extend(added[: len(added) // 3])  # the bulk loader had written a third
        del store
        assert journal.pending(directory) == "complete"
        ws = W.open_workspace(f"oxigraph:{directory}")
        if opener == "reader":
            assert ws.digest() == after
        else:
            W.add_actor(ws, "Rolled Forward Front", "NonStateArmedGroup")
            assert len(ws.load().select('SELECT ?a WHERE { ?a rdfs:label "Rolled Forward Front" }')) == 1
            store = pyoxigraph.Store.read_only(str(directory))
            assert set(added) <= set(store)
            del store
        assert journal.pending(directory) is None


def test_rolling_forward_twice_is_harmless_and_removals_apply(pristine, tmp_path):
    directory = _copy(pristine, tmp_path)
    store = pyoxigraph.Store.read_only(str(directory))
    some = [q for q in store if q.graph_name != pyoxigraph.NamedNode(str(ONTOLOGY_IRI))][:5]
    del store
    g = pyoxigraph.NamedNode("https://example.org/test-graph")
    new = [pyoxigraph.Quad(pyoxigraph.NamedNode(f"https://example.org/n{i}"), pyoxigraph.NamedNode("https://example.org/p"),
                           pyoxigraph.Literal(f"line\n{i} \"quoted\"", language="en"), g) for i in range(50)]
    new.append(pyoxigraph.Quad(pyoxigraph.BlankNode("b1"), pyoxigraph.NamedNode("https://example.org/p"),
                               pyoxigraph.Literal("blank nodes keep their label"), g))
    path = journal.write_journal(directory, some, new)
    kept = path.read_bytes()
    for _ in range(2):  # a crash during the roll-forward itself: the same journal again
        path.write_bytes(kept)
        store = pyoxigraph.Store(str(directory))
        assert journal.roll_forward(store, directory) == "rolled forward"
        got = set(store)
        del store
        assert set(new) <= got and not set(some) & got
    assert not path.exists()


def test_an_incomplete_journal_is_discarded(pristine, acled_csv, states, tmp_path):
    before, _ = states
    added, _ = _delta(pristine, acled_csv, tmp_path)
    directory = _copy(pristine, tmp_path / "cut")
    path = journal.write_journal(directory, [], added)
    whole = path.read_bytes()
    for cut in (len(whole) - 1, len(whole) // 2, 10):  # the crash came while writing it
        path.write_bytes(whole[:cut])
        assert journal.pending(directory) == "incomplete"
        ws = W.open_workspace(f"oxigraph:{directory}")
        assert ws.digest() == before
        assert not path.exists()
    path.write_bytes(whole.rsplit(b"bytes=", 1)[0] + b"bytes=1\n")  # a marker whose size does not match: not complete either
    assert journal.pending(directory) == "incomplete"


def test_a_bad_row_in_a_big_import_writes_nothing(pristine, acled_csv, states, tmp_path):
    before, _ = states
    directory = _copy(pristine, tmp_path)
    bad = tmp_path / "bad.csv"
    lines = acled_csv.read_bytes().decode("utf-8").split("\r\n")
    fields = lines[-2].split(",")
    fields[1] = "2020-02-30"  # event_date, an impossible day, on the last row
    lines[-2] = ",".join(fields)
    bad.write_text("\r\n".join(lines), encoding="utf-8", newline="")
    with pytest.raises(ImportProblems) as info:
        import_file(f"oxigraph:{directory}", bad, create_actors=True)
    assert any(p.startswith(f"{bad}:{ROWS + 1}: event_date:") for p in info.value.problems), info.value.problems
    assert W.open_workspace(f"oxigraph:{directory}").digest() == before
    assert not (directory / journal.JOURNAL_FILE).exists()


def test_small_writes_stay_transactional(pristine, tmp_path, monkeypatch):
    directory = _copy(pristine, tmp_path)

    def no_journal(*args, **kwargs):
        raise AssertionError("a small write went through the journal")

    monkeypatch.setattr(journal, "apply_with_journal", no_journal)
    ws = W.open_workspace(f"oxigraph:{directory}")
    assert W.add_actor(ws, "Small Write Front", "NonStateArmedGroup").status == "added"


def _data_nquads(directory: Path) -> list[str]:
    """The store's data quads as sorted N-Quads lines, dumped by pyoxigraph (the ontology graph, whose blank
    nodes every store labels its own way, left out)."""
    store = pyoxigraph.Store.read_only(str(directory))
    text = store.dump(format=pyoxigraph.RdfFormat.N_QUADS).decode("utf-8")
    del store
    return sorted(line for line in text.splitlines() if not line.endswith(f" <{ONTOLOGY_IRI}> ."))


def test_a_big_import_writes_what_a_transaction_and_a_trig_file_write(pristine, seed, acled_csv, states, tmp_path,
                                                                        monkeypatch):
    """The journal's N-Quads text and its chunked bulk load write exactly the quads that one transaction of
    pyoxigraph terms writes, and a TriG workspace (rdflib's writer) holds the same data."""
    _, after = states
    monkeypatch.setattr(journal, "_ADD_CHUNK", 9_000)  # the journal's additions in several bulk-loader calls
    chunked = _copy(pristine, tmp_path / "chunked")
    assert import_file(f"oxigraph:{chunked}", acled_csv, create_actors=True).counts["triples added"] > 3 * 9_000
    monkeypatch.setattr(journal, "BULK_FROM", 10**9)  # no journal: Store.extend of the delta's quads
    transactional = _copy(pristine, tmp_path / "transactional")
    import_file(f"oxigraph:{transactional}", acled_csv, create_actors=True)
    assert not (transactional / journal.JOURNAL_FILE).exists()
    lines = _data_nquads(chunked)
    assert len(lines) > 50_000 and lines == _data_nquads(transactional)
    trig = W.init(tmp_path / "ws.trig", seed=seed, store="trig")
    import_file(trig, acled_csv, create_actors=True)
    assert W.open_workspace(f"oxigraph:{chunked}").digest() == after == trig.digest()


# ---------------------------------------------------------------------------
# Staged loads: parts loaded on a second thread while the rest is built
# ---------------------------------------------------------------------------
STAGED_ENV = {"ACTORGRAPH_STAGE_PART": "12000", "ACTORGRAPH_STAGE_FIRST": "6000"}  # 1,500 rows: about 6 parts


@pytest.fixture
def small_parts(monkeypatch):
    from actorgraph.ingest import importers
    from actorgraph.write import workspace_oxigraph as WO

    monkeypatch.setattr(importers, "STAGE_EVERY", 100)
    monkeypatch.setattr(WO, "STAGE_PART", int(STAGED_ENV["ACTORGRAPH_STAGE_PART"]))
    monkeypatch.setattr(WO, "STAGE_FIRST", int(STAGED_ENV["ACTORGRAPH_STAGE_FIRST"]))
    parts = []
    put = journal.StagedLoad.put

    def counting_put(self, part, quads=0, graph=None):
        parts.append(quads)
        return put(self, part, quads, graph)

    monkeypatch.setattr(journal.StagedLoad, "put", counting_put)
    return parts


def test_a_staged_import_writes_what_the_journal_writes(pristine, acled_csv, states, tmp_path, small_parts):
    """Loading parts while the rest is built gives the same store, byte for byte, and the same report; the
    writer's own reads never saw its staged parts (a new actor's id would then take a "-2")."""
    _, after = states
    journalled = _copy(pristine, tmp_path / "journal")
    staged = _copy(pristine, tmp_path / "staged")
    from actorgraph.write import workspace_oxigraph as WO

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(WO, "STAGE_FIRST", 10**9)
        mp.setattr(WO, "STAGE_PART", 10**9)
        plain = import_file(f"oxigraph:{journalled}", acled_csv, create_actors=True)
    assert not small_parts
    report = import_file(f"oxigraph:{staged}", acled_csv, create_actors=True)
    assert len(small_parts) >= 4 and sum(small_parts) == report.counts["triples added"]  # all of it staged
    assert report.counts == plain.counts and report.actors == plain.actors
    assert _data_nquads(staged) == _data_nquads(journalled)
    assert W.open_workspace(f"oxigraph:{staged}").digest() == after
    assert not (staged / journal.STAGE_FILE).exists() and not (staged / journal.JOURNAL_FILE).exists()


def test_a_bad_row_after_staged_parts_undoes_them(pristine, acled_csv, states, tmp_path, small_parts):
    before, _ = states
    directory = _copy(pristine, tmp_path)
    bad = tmp_path / "bad.csv"
    lines = acled_csv.read_bytes().decode("utf-8").split("\r\n")
    fields = lines[-2].split(",")
    fields[1] = "2020-02-30"  # the last row's event_date: found after most parts were loaded
    lines[-2] = ",".join(fields)
    bad.write_text("\r\n".join(lines), encoding="utf-8", newline="")
    with pytest.raises(ImportProblems) as info:
        import_file(f"oxigraph:{directory}", bad, create_actors=True)
    assert any(p.startswith(f"{bad}:{ROWS + 1}: event_date:") for p in info.value.problems)
    assert small_parts  # parts were loaded before the bad row was read
    assert W.open_workspace(f"oxigraph:{directory}").digest() == before
    assert not (directory / journal.STAGE_FILE).exists() and not (directory / journal.JOURNAL_FILE).exists()


def test_a_failed_validation_after_staged_parts_undoes_them(pristine, acled_csv, states, tmp_path, small_parts,
                                                            monkeypatch):
    from actorgraph.core.errors import ValidationError
    from actorgraph.ingest import importers

    before, _ = states
    directory = _copy(pristine, tmp_path)

    def refuse(change):
        assert change.staged  # the parts are in the store when validation runs
        return ["event/x: a problem found only once every row is read"]

    monkeypatch.setattr(importers, "check_change", refuse, raising=False)
    import actorgraph.write.workspace as workspace_module

    monkeypatch.setattr(workspace_module, "check_change", refuse)
    with pytest.raises((ImportProblems, ValidationError)):
        import_file(f"oxigraph:{directory}", acled_csv, create_actors=True)
    assert small_parts
    assert W.open_workspace(f"oxigraph:{directory}").digest() == before
    assert not (directory / journal.STAGE_FILE).exists()


def _kill_when_staged(directory: Path, proc: subprocess.Popen, delay: float) -> bool:
    """SIGKILL ``proc`` ``delay`` s after its stage file appears; whether it was still staging then."""
    deadline = time.monotonic() + 120
    while not (directory / journal.STAGE_FILE).exists():
        assert time.monotonic() < deadline, "the import never staged a part"
        if proc.poll() is not None:
            return False
        time.sleep(0.002)
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return True


@pytest.mark.parametrize("delay", [0.0, 0.3, 1.0])
def test_kill_9_while_staging_leaves_before_or_after(pristine, acled_csv, states, tmp_path, delay):
    before, after = states
    directory = _copy(pristine, tmp_path)
    proc = subprocess.Popen([sys.executable, "-c", IMPORT, f"oxigraph:{directory}", str(acled_csv)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **STAGED_ENV})
    _kill_when_staged(directory, proc, delay)
    complete = journal.pending(directory) == "complete"
    staged = (directory / journal.STAGE_FILE).exists()
    digest = W.open_workspace(f"oxigraph:{directory}").digest()  # the reader rolls back (or forward) first
    assert digest == (after if complete else before) if staged or complete else digest in (before, after)
    assert not (directory / journal.STAGE_FILE).exists() and journal.pending(directory) is None


def test_a_stage_left_by_a_crash_is_undone_by_the_next_writer(pristine, acled_csv, states, tmp_path):
    """Parts loaded, no journal: the next writer clears the staged graph (empty before) and goes on."""
    before, _ = states
    added, _ = _delta(pristine, acled_csv, tmp_path)
    directory = _copy(pristine, tmp_path / "crashed")
    store = pyoxigraph.Store(str(directory))
    graphs = sorted({q.graph_name.value for q in added})
    load = journal.StagedLoad(store, directory, graphs)
    load.put("".join(f"{q} .\n" for q in added[: len(added) // 2]).encode("utf-8"))
    load.finish()  # half of it loaded, then the process died
    del load, store
    assert journal.staged_graphs(directory) == graphs
    ws = W.open_workspace(f"oxigraph:{directory}")
    assert W.add_actor(ws, "After Stage Front", "NonStateArmedGroup").status == "added"
    store = pyoxigraph.Store.read_only(str(directory))
    assert not set(added) & set(store)
    del store
    assert not (directory / journal.STAGE_FILE).exists()


def test_staged_parts_with_a_blank_node_go_to_the_journal(tmp_path, monkeypatch):
    """The bulk loader relabels blank nodes: a part holding one is not staged but journalled (labels kept)."""
    from rdflib import BNode, Literal, URIRef

    from actorgraph.write import workspace_oxigraph as WO

    monkeypatch.setattr(WO, "STAGE_PART", 50)
    monkeypatch.setattr(WO, "STAGE_FIRST", 50)
    monkeypatch.setattr(journal, "BULK_FROM", 10)
    ws = W.init(tmp_path / "store", store="oxigraph", empty=True)
    g = URIRef("https://example.org/graph")
    with ws.transaction(validate=False) as change:
        sink = change.graph(g)
        for i in range(60):
            sink.add((URIRef(f"https://example.org/n{i}"), URIRef("https://example.org/p"), Literal(f"value {i}")))
        change.stage_ready()
        assert change.staged
        sink.add((BNode("kept"), URIRef("https://example.org/p"), Literal("a blank node")))
        for i in range(60, 120):
            sink.add((URIRef(f"https://example.org/n{i}"), URIRef("https://example.org/p"), Literal(f"value {i}")))
        change.stage_ready()
        assert change.stage.stopped
    store = pyoxigraph.Store.read_only(str(ws.path))
    got = {q for q in store if q.graph_name == pyoxigraph.NamedNode(str(g))}
    del store
    assert len(got) == 121
    assert any(isinstance(q.subject, pyoxigraph.BlankNode) and q.subject.value == "kept" for q in got)


def test_a_reader_waits_for_a_staging_writer_and_never_reads_its_parts(pristine, tmp_path):
    import threading

    from filelock import FileLock

    from actorgraph.core.errors import GraphFileError

    directory = _copy(pristine, tmp_path)
    store = pyoxigraph.Store(str(directory))
    g = "https://example.org/staged"
    load = journal.StagedLoad(store, directory, [g])
    load.put(b"<https://example.org/a> <https://example.org/p> \"part\" <https://example.org/staged> .\n", 1)
    load.finish()
    del load, store  # a writer still at work: its lock held, a part loaded
    lock = FileLock(str(directory / journal.LOCK_FILE), timeout=0, thread_local=False)  # released by a timer
    lock.acquire()
    with pytest.raises(GraphFileError, match="still being loaded"):
        journal.recover_for_reader(directory, wait=0.3)
    threading.Timer(0.3, lock.release).start()  # the writer dies (its lock goes): the reader undoes the part
    assert journal.recover_for_reader(directory, wait=10) == "rolled back"
    store = pyoxigraph.Store.read_only(str(directory))
    assert not store.contains_named_graph(pyoxigraph.NamedNode(g)) or not list(
        store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(g)))
    del store
