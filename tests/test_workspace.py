"""Workspaces: init, read-only bundled graph, add/remove/merge/dedupe, atomic & locked writes."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Dataset

import actorgraph
import actorgraph.write.change
from actorgraph.core.errors import GraphFileError, ReadOnlyError, UnknownNameError, ValidationError
from actorgraph.write import workspace as W
from actorgraph.write.validate import validate

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"



@pytest.fixture
def ws(ws_any):
    """Every test here runs on a TriG-file workspace and on an Oxigraph-store workspace."""
    return ws_any


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def n_statements(where) -> int:
    kg = where.load() if hasattr(where, "load") else actorgraph.load(where)
    return len(kg.select("SELECT ?s WHERE { ?s a ag:Statement }"))


@pytest.fixture
def trig_ws(tmp_path, seed):
    """A TriG-file workspace (for the tests of the file writer itself)."""
    return W.init(tmp_path / "ws.trig", seed=seed)






# -- init and the read-only bundled graph ------------------------------------
def test_init_seeds_bundled_graph_one_named_graph_per_source(tmp_path):
    ws = W.init(tmp_path / "mine.trig")
    kg = ws.load()
    bundled = actorgraph.load()
    assert n_statements(ws) == len(bundled.select("SELECT ?s WHERE { ?s a ag:Statement }"))
    names = {str(g.identifier) for g in kg.data_graphs()}
    assert names == {str(g.identifier) for g in bundled.data_graphs()}
    assert all(n.startswith("https://w3id.org/actorgraph/id/source/") for n in names)
    quads = {(s, p, o, g.identifier) for g in kg.data_graphs() for s, p, o in g}
    # the same content (decimals compared by value: a store hands back "3" for "3.0")
    assert actorgraph.write.change.nquads_digest(quads) == actorgraph.write.change.nquads_digest(
        {(s, p, o, g.identifier) for g in bundled.data_graphs() for s, p, o in g})


def test_init_oxigraph_store_holds_the_same_quads_as_a_trig_file(tmp_path):
    trig = W.init(tmp_path / "a.trig")
    store = W.init(tmp_path / "a-store")  # the default for a path without .trig
    assert (trig.store, store.store) == ("trig", "oxigraph")
    assert store.location == f"oxigraph:{tmp_path / 'a-store'}"
    assert store.digest() == trig.digest()
    assert n_statements(store) == n_statements(trig) > 50
    with pytest.raises(GraphFileError, match="already exists"):
        W.init(tmp_path / "a-store")
    empty = W.init(f"oxigraph:{tmp_path / 'e-store'}", empty=True)
    assert n_statements(empty) == 0 and empty.load().ask("ASK { ?p ag:polarity ?x }")  # the ontology is there


def test_init_refuses_to_overwrite_and_empty(tmp_path):
    path = tmp_path / "e.trig"
    W.init(path, empty=True)
    assert n_statements(path) == 0
    before = sha(path)
    with pytest.raises(GraphFileError, match="already exists"):
        W.init(path)
    assert sha(path) == before
    with pytest.raises(GraphFileError, match="TriG"):
        W.init(tmp_path / "x.ttl")


def test_bundled_graph_is_read_only(cli, tmp_path):
    with pytest.raises(ReadOnlyError):
        W.Workspace(None)
    with pytest.raises(ReadOnlyError):
        W.Workspace(actorgraph.store.graph.bundled_graph_path())
    code, _, err = cli("add", "actor", "X Front", "--type", "NonStateArmedGroup")
    assert code == 1 and "read-only" in err and "actorgraph init" in err


# -- add -----------------------------------------------------------------------
def test_add_relation_is_idempotent_and_validated(ws):
    before = n_statements(ws)
    r1 = W.add_relation(ws, "China", "supports", "Islamabad", start="2020", quote="China supports Pakistan, said X.")
    assert r1.status == "added" and r1.counts["statements"] == 1
    digest = ws.digest()
    r2 = W.add_relation(ws, "china", "supports", "Pakistan", start="2020", quote="China supports Pakistan, said X.")
    assert r2.status == "unchanged" and r2.id == r1.id
    assert ws.digest() == digest  # nothing rewritten
    assert n_statements(ws) == before + 1
    kg = ws.load()
    rel = next(r for r in actorgraph.relations(kg) if r.id == r1.id)
    assert (rel.subject, rel.object, rel.source) == ("china", "pakistan", "source/user")


def test_add_relation_needs_a_quote_and_known_names(ws):
    digest = ws.digest()
    with pytest.raises(ValidationError, match="--quote"):
        W.add_relation(ws, "China", "supports", "Pakistan")
    with pytest.raises(UnknownNameError, match="Pakistan"):
        W.add_relation(ws, "China", "supports", "Pakistn", quote="A long enough quote.")
    with pytest.raises(UnknownNameError, match="attacks"):
        W.add_relation(ws, "China", "atacks", "Pakistan", quote="A long enough quote.")
    with pytest.raises(UnknownNameError, match="source"):
        W.add_relation(ws, "China", "supports", "Pakistan", quote="A long enough quote.", source="nope")
    with pytest.raises(ValidationError, match="before"):
        W.add_relation(ws, "China", "supports", "Pakistan", start="2025", end="2020", quote="A long enough quote.")
    assert ws.digest() == digest


def test_inverse_relation_is_stored_forward(ws):
    res = W.add_relation(ws, "Pakistan", "attacked by", "TTP", start="2009", quote="Pakistan was attacked by the TTP.")
    rel = next(r for r in actorgraph.relations(ws.load()) if r.id == res.id)
    assert (rel.subject, rel.predicate, rel.object) == ("ttp", "attacks", "pakistan")


def test_untrusted_text_is_stored_verbatim(ws):
    evil = 'He said "<script>alert(\'x\')</script>" & left;\n\tthen {{ 7*7 }} \\ done ]]> é'
    res = W.add_relation(ws, "India", "tensions with", "Pakistan", quote=evil)
    rel = next(r for r in actorgraph.relations(ws.load()) if r.id == res.id)
    assert rel.quote == evil
    W.add_actor(ws, "<b>Bold</b> Front", "NonStateArmedGroup", description=evil)
    actor = next(a for a in actorgraph.actors(ws.load()) if a.label == "<b>Bold</b> Front")
    assert actor.description == evil


def test_add_actor_source_event(ws):
    assert W.add_actor(ws, "Jaish al-Adl", "TerroristGroup", aliases=["JAA"]).status == "added"
    assert W.add_actor(ws, "Jaish al-Adl", "TerroristGroup", aliases=["JAA"]).status == "unchanged"
    with pytest.raises(ValidationError, match="already a name of Pakistan"):
        W.add_actor(ws, "Islamabad", "State")
    with pytest.raises(UnknownNameError, match="type"):
        W.add_actor(ws, "Somebody", "Stat")
    W.add_source(ws, "report-2", "A second report", "2026-04-02", author="Jane Analyst")
    with pytest.raises(ValidationError, match="full day"):
        W.add_source(ws, "report-3", "A third report", "2026-04")
    res = W.add_relation(ws, "Jaish al-Adl", "attacks", "Pakistan", quote="JAA attacked Pakistani posts.", source="report-2")
    ev = W.add_event(ws, "Strike near Peshawar", "Airstrike", "2026-03-01", agents=["Pakistan"], targets=["TTP"],
                     places=["Peshawar"], quote="Pakistan struck TTP positions near Peshawar.", source="report-2")
    kg = ws.load()
    assert any(s.id == "source/report-2" and s.author == "Jane Analyst" for s in actorgraph.sources(kg))
    assert next(r for r in actorgraph.relations(kg) if r.id == res.id).source == "source/report-2"
    event = next(e for e in actorgraph.events(kg) if e.id == ev.id)
    assert (event.type, event.agents, event.places) == ("Airstrike", ["pakistan"], ["peshawar"])


# -- remove, merge, dedupe -----------------------------------------------------------
def test_remove_statement_and_refuse_referenced_actor(ws):
    res = W.add_relation(ws, "India", "attacks", "China", start="2020", quote="India and China clashed in 2020.")
    with pytest.raises(ValidationError, match="referred to"):
        W.remove(ws, "india")
    assert W.remove(ws, res.id).status == "removed"
    kg = ws.load()
    assert res.id not in {r.id for r in actorgraph.relations(kg)}
    assert not kg.ask("ASK { agd:india ag:attacks agd:china }")
    assert W.remove(ws, "India").status == "removed"  # no longer referred to
    assert "india" not in {a.id for a in actorgraph.actors(ws.load())}
    with pytest.raises(UnknownNameError):
        W.remove(ws, "no-such-thing")


def test_merge_moves_names_and_statements(ws, tmp_path):
    from actorgraph.ingest.importers import import_file

    setup = tmp_path / "dup.yaml"
    setup.write_text(
        "actors:\n  - {label: Tehreek-e-Taliban Pakistan, type: TerroristGroup, aliases: [TTP-Pakistan]}\n"
        "relations:\n"
        "  - {subject: Tehreek-e-Taliban Pakistan, relation: attacks, object: China, start: '2024',"
        " quote: The group attacked Chinese engineers.}\n"
        "  - {subject: China, relation: accuses, object: Tehreek-e-Taliban Pakistan, claimed_by: China,"
        " quote: China blamed the group for the attack.}\n", encoding="utf-8")
    import_file(ws, setup)
    kg0 = ws.load()
    dup_rel = next(r for r in actorgraph.relations(kg0, actor="Tehreek-e-Taliban Pakistan") if r.predicate == "attacks")
    before = n_statements(ws)
    result = W.merge(ws, "Tehreek-e-Taliban Pakistan", "TTP")
    assert result.status == "merged"
    kg = ws.load()
    assert n_statements(ws) == before
    ttp = next(a for a in actorgraph.actors(kg) if a.id == "ttp")
    assert {"Tehreek-e-Taliban Pakistan", "TTP-Pakistan"} <= set(ttp.aliases)
    assert actorgraph.model.records.local_id(actorgraph.resolve(kg, "Tehreek-e-Taliban Pakistan")) == "ttp"
    rels = actorgraph.relations(kg, actor="ttp")
    assert any(r.predicate == "attacks" and r.object == "china" for r in rels)
    assert any(r.predicate == "accuses" and r.object == "ttp" for r in rels)
    assert dup_rel.id not in {r.id for r in rels}  # re-identified from the new content
    assert kg.ask("ASK { agd:ttp ag:attacks agd:china }")
    assert validate(kg) == []
    # the merged statement has the id a fresh add would give it: adding again is a no-op
    again = W.add_relation(ws, "TTP", "attacks", "China", start="2024", quote="The group attacked Chinese engineers.")
    assert again.status == "unchanged"


def test_dedupe_scores_duplicates(ws, cli_json):
    from actorgraph.ingest.dedupe import duplicates, similarity

    W.add_actor(ws, "Jamaat ul Ahrar", "TerroristGroup")
    W.add_actor(ws, "Jamaat-ul-Ahrar group", "TerroristGroup", aliases=["Jamaat-ul-Ahrar"])
    found = duplicates(ws.load())
    assert found and found[0].score == 1.0
    assert {found[0].a_label, found[0].b_label} == {"Jamaat ul Ahrar", "Jamaat-ul-Ahrar group"}
    assert similarity("Indian government", "Iranian government") < 0.85
    rows = cli_json("--graph", ws.location, "dedupe")
    assert rows[0]["score"] == 1.0


# -- atomic writes and the lock -------------------------------------------------
def test_failed_write_leaves_file_byte_identical(trig_ws, monkeypatch):
    ws = trig_ws
    digest = sha(ws.path)

    def boom(graphs, fh):
        fh.write("partial garbage")
        raise OSError("disk full")

    monkeypatch.setattr(W, "write_trig", boom)
    with pytest.raises(OSError, match="disk full"):
        W.add_actor(ws, "Never Written", "NonStateArmedGroup")
    assert sha(ws.path) == digest
    assert not list(ws.path.parent.glob(".ws.trig.*.tmp"))


def test_lock_timeout_is_a_clear_error(ws, monkeypatch):
    monkeypatch.setattr(actorgraph.write.change, "LOCK_TIMEOUT", 0.2)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from filelock import FileLock; l = FileLock(sys.argv[1]); l.acquire(); "
         "print('locked', flush=True); time.sleep(30)", str(ws.lock_path)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(GraphFileError, match="another actorgraph process"):
            W.add_actor(ws, "Waiting Front", "NonStateArmedGroup")
    finally:
        holder.kill()
        holder.wait()


def _relations_csv(path: Path, rows: int, tag: str) -> Path:
    lines = ["subject,relation,object,start,end,claimed_by,quote,source"]
    names = ["Pakistan", "Taliban regime", "TTP", "China", "India"]
    for i in range(rows):
        a, b = names[i % 5], names[(i + 1 + i // 5) % 5]
        if a == b:
            b = names[(i + 2) % 5]
        lines.append(f'{a},tensions with,{b},{2000 + i % 26},,,"{tag} report {i}: {a} and {b} quarrel.",')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _import_proc(ws_path: Path, csv_path: Path) -> subprocess.Popen:
    code = "import sys; from actorgraph.ingest.importers import import_file; import_file(sys.argv[1], sys.argv[2])"
    return subprocess.Popen([sys.executable, "-c", code, str(ws_path), str(csv_path)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_concurrent_imports_both_land(ws, tmp_path):
    before = n_statements(ws)
    a = _relations_csv(tmp_path / "a.csv", 20, "alpha")
    b = _relations_csv(tmp_path / "b.csv", 30, "beta")
    procs = [_import_proc(ws.location, a), _import_proc(ws.location, b)]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    assert n_statements(ws) == before + 50


@pytest.mark.slow
def test_kill_9_during_import_leaves_previous_file_intact(trig_ws, tmp_path):
    ws = trig_ws
    big = _relations_csv(tmp_path / "big.csv", 3000, "big")
    digest = sha(ws.path)
    proc = _import_proc(ws.path, big)
    temps: list[Path] = []
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        temps = list(tmp_path.glob(".ws.trig.*.tmp"))
        if temps and temps[0].stat().st_size > 0:
            break
        time.sleep(0.005)
    assert temps, "the import finished before its temp file was seen"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert sha(ws.path) == digest  # the previous file, byte for byte
    Dataset().parse(ws.path, format="trig")
    # the next writer cleans the dead writer's temp file and works
    W.add_actor(ws, "After Crash Front", "NonStateArmedGroup")
    assert not list(tmp_path.glob(".ws.trig.*.tmp"))


def test_write_trig_round_trips_awkward_literals():
    import io

    from rdflib import BNode, Literal, URIRef
    from rdflib.namespace import XSD

    ds_in = {
        W.source_iri("x"): {
            (actorgraph.model.records.iri("a"), URIRef("http://example.org/p"), Literal('q"\\\n\r\t<>é"""')),
            (actorgraph.model.records.iri("statement/abc"), URIRef("http://example.org/p"), Literal("1.50", datatype=XSD.decimal)),
            (actorgraph.model.records.iri("a"), URIRef("http://example.org/p#x"), Literal("salut", lang="fr")),
            (BNode("b1"), URIRef("http://example.org/p"), URIRef("http://example.org/has space")),
        }
    }
    buf = io.StringIO()
    W.write_trig(ds_in, buf)
    ds = Dataset()
    ds.parse(data=buf.getvalue(), format="trig")
    got = {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None)) if not isinstance(s, BNode)}
    want = {t for t in ds_in[W.source_iri("x")] if not isinstance(t[0], BNode)}
    assert got == want
