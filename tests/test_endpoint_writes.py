"""Team use on a real server: writes through SPARQL 1.1 Update to a live `oxigraph serve`, optimistic concurrency."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import oxigraph_server
import pytest

import actorgraph
from actorgraph.core.errors import ConflictError, ImportProblems, ReadOnlyError, ValidationError
from actorgraph.ingest.importers import import_file
from actorgraph.write import workspace as W
from actorgraph.write.endpoint_writes import TX_GRAPH, EndpointWorkspace

ROOT = Path(__file__).resolve().parent.parent
HEADER = "subject,relation,object,start,end,claimed_by,quote,source\n"


class Served(str):
    """The server's base URL, with its process and store directory."""

    proc: subprocess.Popen
    directory: Path


@pytest.fixture
def server(tmp_path, seed):
    """A real read-write `oxigraph serve` on 127.0.0.1 over a store seeded with the mini dataset."""
    directory = tmp_path / "served"
    W.init(directory, seed=seed, store="oxigraph")
    base, proc = oxigraph_server.start(directory)
    served = Served(base)
    served.proc, served.directory = proc, directory
    try:
        yield served
    finally:
        oxigraph_server.stop(proc)


@pytest.fixture
def ews(server):
    return W.open_workspace(server + "/query", server + "/update")


def graph_args(ews: EndpointWorkspace) -> list[str]:
    return ["--graph", ews.url, "--update-endpoint", ews.update_url]


def n_statements(ws) -> int:
    return len(ws.load().select("SELECT ?s WHERE { ?s a ag:Statement }"))


def no_markers_left(ws) -> bool:
    return not ws.load().ask("ASK { GRAPH ?g { ?s ?p ?o } }", g=TX_GRAPH)


def test_add_remove_merge_through_sparql_update(ews, cli):
    before = n_statements(ews)
    code, out, err = cli(*graph_args(ews), "add", "relation", "China", "supports", "Islamabad", "--start", "2020",
                         "--quote", "China supports Pakistan, said X.")
    assert code == 0, err
    assert out.startswith("added: statement/")
    digest = ews.digest()
    code, out, _ = cli(*graph_args(ews), "add", "relation", "china", "supports", "Pakistan", "--start", "2020",
                       "--quote", "China supports Pakistan, said X.")
    assert out.startswith("unchanged:") and ews.digest() == digest
    kg = ews.load()
    rel = next(r for r in actorgraph.relations(kg, actor="China") if r.predicate == "supports" and r.start == "2020")
    assert (rel.subject, rel.object, rel.source) == ("china", "pakistan", "source/user")
    assert n_statements(ews) == before + 1
    # merge: names and statements move over, statements re-identified
    W.add_actor(ews, "Dup Front", "TerroristGroup", aliases=["DF"])
    W.add_relation(ews, "Dup Front", "attacks", "China", start="2024", quote="Dup Front attacked Chinese engineers.")
    result = W.merge(ews, "Dup Front", "TTP")
    assert result.status == "merged"
    kg = ews.load()
    assert actorgraph.model.records.local_id(actorgraph.resolve(kg, "DF")) == "ttp"
    assert kg.ask("ASK { agd:ttp ag:attacks agd:china }") and not kg.ask("ASK { agd:dup-front ?p ?o }")
    assert W.add_relation(ews, "TTP", "attacks", "China", start="2024",
                          quote="Dup Front attacked Chinese engineers.").status == "unchanged"
    # remove
    assert W.remove(ews, rel.id).status == "removed"
    assert rel.id not in {r.id for r in actorgraph.relations(ews.load())}
    assert no_markers_left(ews)


def test_bad_input_writes_nothing(ews, cli, tmp_path):
    digest = ews.digest()
    with pytest.raises(ValidationError, match="--quote"):
        W.add_relation(ews, "China", "supports", "Pakistan")
    with pytest.raises(ValidationError, match="referred to"):
        W.remove(ews, "Pakistan")
    rows = "".join(f"China,tensions with,India,{2000 + i},,,Report {i}: China and India quarrel.,\n" for i in range(300))
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + rows + "China,tensions with,Nowhere Land,2020,,,A long enough quote here.,\n", encoding="utf-8")
    with pytest.raises(ImportProblems) as info:
        import_file(ews, bad)
    assert info.value.problems[0].startswith(f"{bad}:302: object: unknown actor 'Nowhere Land'")
    code, _, err = cli(*graph_args(ews), "import", str(bad))
    assert code == 1 and "nothing was written" in err
    assert ews.digest() == digest
    good = tmp_path / "good.csv"
    good.write_text(HEADER + rows, encoding="utf-8")
    code, out, err = cli(*graph_args(ews), "import", str(good))
    assert code == 0, err
    assert "300 statements" in out and ews.digest() != digest and no_markers_left(ews)


def test_endpoint_without_update_url_is_read_only(server, cli):
    with pytest.raises(ReadOnlyError, match="--update-endpoint"):
        W.open_workspace(server + "/query")
    code, _, err = cli("--graph", server + "/query", "add", "actor", "X Front", "--type", "NonStateArmedGroup")
    assert code == 1 and "--update-endpoint" in err


def _cli_proc(ews: EndpointWorkspace, *args: str) -> subprocess.CompletedProcess:
    code = "from actorgraph.cli import main; main()"
    return subprocess.run([sys.executable, "-c", code, *graph_args(ews), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def _interleave(monkeypatch, action) -> None:
    """Run ``action`` (another writer) once, after this write has read and validated, just before it commits."""
    original = EndpointWorkspace._update
    done = []

    def let_the_other_writer_in_then_update(self, kg, text):
        if not done:
            done.append(True)
            action()
        return original(self, kg, text)

    monkeypatch.setattr(EndpointWorkspace, "_update", let_the_other_writer_in_then_update)


def test_concurrent_merge_and_add_the_loser_gets_a_conflict_and_retry_works(ews, monkeypatch):
    W.add_actor(ews, "Dup Front", "TerroristGroup", aliases=["DF"])

    def other_writer():  # a second process adds a statement about the actor being merged away
        proc = _cli_proc(ews, "add", "relation", "Dup Front", "attacks", "India", "--start", "2023",
                         "--quote", "Dup Front attacked Indian posts in 2023.")
        assert proc.returncode == 0, proc.stderr

    _interleave(monkeypatch, other_writer)
    with pytest.raises(ConflictError, match="run the command again"):
        W.merge(ews, "Dup Front", "TTP")
    kg = ews.load()
    # the winner's statement is there, untouched by the loser: no lost update, no half merge
    assert kg.ask("ASK { agd:dup-front ag:attacks agd:india }")
    assert kg.ask("ASK { agd:dup-front a ag:TerroristGroup }")
    assert no_markers_left(ews)
    monkeypatch.undo()
    assert W.merge(ews, "Dup Front", "TTP").status == "merged"  # the retry sees the new statement and moves it
    kg = ews.load()
    assert kg.ask("ASK { agd:ttp ag:attacks agd:india }") and not kg.ask("ASK { agd:dup-front ?p ?o }")


def test_concurrent_add_to_an_actor_merged_away_conflicts(ews, monkeypatch):
    W.add_actor(ews, "Dup Front", "TerroristGroup", aliases=["DF"])

    def other_writer():
        proc = _cli_proc(ews, "merge", "Dup Front", "TTP")
        assert proc.returncode == 0, proc.stderr

    _interleave(monkeypatch, other_writer)
    with pytest.raises(ConflictError):
        W.add_relation(ews, "Dup Front", "attacks", "India", start="2023", quote="Dup Front attacked Indian posts.")
    assert not ews.load().ask("ASK { ?s ?p agd:dup-front }")  # no statement pointing at the merged-away actor
    monkeypatch.undo()
    res = W.add_relation(ews, "DF", "attacks", "India", start="2023", quote="Dup Front attacked Indian posts.")
    assert res.status == "added"
    assert ews.load().ask("ASK { agd:ttp ag:attacks agd:india }")  # DF now names TTP


def test_concurrent_writers_on_different_nodes_both_land(ews, tmp_path):
    W.add_actor(ews, "First Front", "NonStateArmedGroup")  # creates source/user: both imports then only add to it
    files = []
    for tag, n in (("alpha", 40), ("beta", 60)):
        rows = "".join(f"China,tensions with,India,{1950 + i},,,{tag} report {i}: China and India quarrel.,\n"
                       for i in range(n))
        f = tmp_path / f"{tag}.csv"
        f.write_text(HEADER + rows, encoding="utf-8")
        files.append(f)
    before = n_statements(ews)
    code = "from actorgraph.cli import main; main()"
    procs = [subprocess.Popen([sys.executable, "-c", code, *graph_args(ews), "import", str(f)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in files]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    assert n_statements(ews) == before + 100


def test_server_killed_mid_import_keeps_all_or_nothing(server, ews, tmp_path):
    """kill -9 the server while a big import's update is in flight: after a restart, all of it or none."""
    W.add_actor(ews, "First Front", "NonStateArmedGroup")
    rows = "".join(f"China,tensions with,India,{1000 + i},,,crash report {i}: China and India quarrel.,\n"
                   for i in range(3000))
    big = tmp_path / "big.csv"
    big.write_text(HEADER + rows, encoding="utf-8")
    before = n_statements(ews)
    code = "from actorgraph.cli import main; main()"
    writer = subprocess.Popen([sys.executable, "-c", code, *graph_args(ews), "import", str(big)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)  # inside the import: reading, building, or its update being applied
    os.kill(server.proc.pid, signal.SIGKILL)
    server.proc.wait()
    _, err = writer.communicate(timeout=120)
    if writer.returncode != 0:  # the writer lost its server: one line, no traceback
        assert err.startswith("Error: ") and err.count("\n") == 1, err
    directory = server.directory
    port = server.rsplit(":", 1)[1]
    restarted = subprocess.Popen(["oxigraph", "serve", "--location", str(directory), "--bind", f"127.0.0.1:{port}",
                                  "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(server + "/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                assert restarted.poll() is None and time.monotonic() < deadline
                time.sleep(0.1)
        after = n_statements(ews)
        assert after in (before, before + 3000)
        assert (after == before + 3000) == (writer.returncode == 0)
    finally:
        restarted.terminate()
        restarted.wait(10)


def test_an_import_asks_its_own_probes_without_the_guards_parse(ews, tmp_path, monkeypatch):
    """The write layer's probes are the package's own texts (EndpointGraph.run_shipped): a 100-row import
    parses a handful of queries with rdflib (each 20-40 ms), not three per row; a user's query still does."""
    from actorgraph.store import endpoint, sparqlguard

    parsed = []
    monkeypatch.setattr(endpoint, "guard", lambda q, names: (parsed.append(q), sparqlguard.guard(q, names))[1])
    monkeypatch.setattr(endpoint, "recheck", lambda q: (parsed.append(q), sparqlguard.recheck(q))[1])
    good = tmp_path / "hundred.csv"
    good.write_text(HEADER + "".join(f"China,tensions with,India,{1900 + i},,,Report {i}: China and India quarrel.,\n"
                                     for i in range(100)), encoding="utf-8")
    import_file(ews, good)
    assert n_statements(ews) >= 100
    assert len(parsed) < 30, len(parsed)
    before = len(parsed)
    with pytest.raises(Exception, match="SERVICE"):
        ews.load().select("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert len(parsed) > before
