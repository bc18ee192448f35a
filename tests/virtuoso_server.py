"""A real Virtuoso (Debian's ``virtuoso-opensource``) on 127.0.0.1 for the tests.

Each server gets its own ``virtuoso.ini`` and database directory (a temp
directory), free ports for SQL and HTTP, and runs in the foreground as our
child process, so stopping it is ending that one process. Data goes in with
Virtuoso's bulk loader (``ld_dir`` + ``rdf_loader_run``), the way a team
loads ``actorgraph export trig`` plus ``ontology.ttl`` (docs/scale.md).

Updates over ``/sparql`` run as the SQL user ``SPARQL``; they need::

    GRANT SPARQL_UPDATE TO "SPARQL";

(without it Virtuoso answers ``SR186: No permission to execute procedure
DB.DBA.SPARQL_INSERT_DICT_CONTENT``). :func:`grant_update` does that;
a server started with ``writable=False`` stays read-only, like a public
endpoint.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest

ONTOLOGY_GRAPH = "https://w3id.org/actorgraph/ontology"

INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
DirsAllowed = ., {d}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 4
MaxClientConnections = 8
; paging a capped answer sorts OFFSET + LIMIT rows (Virtuoso's default 10,000: SR353 beyond)
MaxSortedTopRows = 2000000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 6
MaxClientConnections = 8

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryCostEstimationTime = {max_cost}
MaxQueryExecutionTime = {max_time}
"""


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def executables() -> tuple[str, str] | None:
    """``(virtuoso-t, isql)`` paths, or None when Virtuoso is not installed."""
    server = shutil.which("virtuoso-t")
    isql = shutil.which("isql-vt") or shutil.which("isql-v")
    return (server, isql) if server and isql else None


class Virtuoso:
    """One running server: ``sparql`` is its SPARQL endpoint URL (queries and updates)."""

    def __init__(self, directory: Path, proc: subprocess.Popen, sql_port: int, http_port: int, isql: str):
        self.directory = directory
        self.proc = proc
        self.sql_port = sql_port
        self.http_port = http_port
        self.isql_exe = isql
        self.base = f"http://127.0.0.1:{http_port}"
        self.sparql = self.base + "/sparql"

    def __repr__(self) -> str:
        return f"Virtuoso({self.sparql!r})"

    def isql(self, sql: str, timeout: float = 600) -> str:
        """Run SQL statements (``;``-separated) as ``dba``; fail the test on an error."""
        done = subprocess.run([self.isql_exe, str(self.sql_port), "dba", "dba", f"exec={sql}"],
                              capture_output=True, text=True, timeout=timeout)
        text = done.stdout + done.stderr
        if done.returncode or "*** Error" in text:
            pytest.fail(f"isql failed on {sql[:200]!r}: {text[-800:]}")
        return text

    def load(self, files: Mapping[str | Path, str]) -> None:
        """Bulk-load RDF files (path → graph for triples outside a named graph; TriG keeps its graphs)."""
        batch = self.directory / f"load-{uuid.uuid4().hex[:8]}"
        batch.mkdir()
        sql = []
        for i, (path, graph) in enumerate(files.items()):
            path = Path(path)
            name = f"{i:03d}-{path.name}"
            shutil.copyfile(path, batch / name)
            sql.append(f"ld_dir('{batch}', '{name}', '{graph}')")
        sql += ["rdf_loader_run()", "checkpoint"]
        self.isql("; ".join(sql) + ";")
        errors = self.isql(f"select ll_file, ll_error from DB.DBA.LOAD_LIST where ll_file like '{batch}/%' "
                           "and ll_error is not null;")
        if "0 Rows" not in errors:
            pytest.fail(f"Virtuoso could not load {list(files)}: {errors[-800:]}")

    def grant_update(self) -> None:
        """Let SPARQL Update over /sparql write (the role a team grants its writers, docs/scale.md)."""
        self.isql('GRANT SPARQL_UPDATE TO "SPARQL";')

    def revoke_update(self) -> None:
        self.isql('REVOKE SPARQL_UPDATE FROM "SPARQL";')

    def select(self, query: str) -> list[dict[str, str]]:
        """Rows of a SELECT over /sparql (plain values), read straight from the protocol."""
        data = urllib.parse.urlencode({"query": query}).encode()
        req = urllib.request.Request(self.sparql, data=data, headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(req, timeout=60) as resp:
            payload = json.load(resp)
        return [{k: v["value"] for k, v in b.items()} for b in payload["results"]["bindings"]]

    def all_graphs(self) -> set[str]:
        return {r["g"] for r in self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}

    def graphs(self, exclude: list[str] = ()) -> list[str]:
        """Graphs loaded or written since the start (Virtuoso's own system graphs left out)."""
        return sorted(self.all_graphs() - self.system_graphs - set(exclude))

    def clear(self, graphs: list[str]) -> None:
        """Drop graphs (e.g. every project graph, to reload a fresh copy)."""
        if graphs:
            self.isql("; ".join(f"SPARQL CLEAR GRAPH <{g}>" for g in graphs) + ";")


def start(directory: Path, max_rows: int = 10_000, max_cost: int = 400, max_time: int = 60,
          buffers: int = 20_000) -> Virtuoso:
    """Start Virtuoso over a fresh database in ``directory``; return it once /sparql answers.

    Skips the test when Virtuoso is not installed; fails it when the server does not come up in 60 s.
    """
    found = executables()
    if not found:
        pytest.skip("Virtuoso (apt-get install virtuoso-opensource) is not installed")
    server, isql = found
    directory = Path(directory).resolve()
    directory.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    while http_port == sql_port:
        http_port = free_port()
    (directory / "virtuoso.ini").write_text(INI.format(
        d=directory, sql_port=sql_port, http_port=http_port, max_rows=max_rows, max_cost=max_cost,
        max_time=max_time, buffers=buffers, dirty=buffers * 3 // 4))
    log = (directory / "stdout.log").open("wb")
    proc = subprocess.Popen([server, "+foreground", "+configfile", str(directory / "virtuoso.ini")],
                            cwd=directory, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    log.close()
    vt = Virtuoso(directory, proc, sql_port, http_port, isql)
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(vt.sparql + "?query=ASK%7B%7D", timeout=2).read()
            vt.system_graphs = vt.all_graphs()  # virtrdf, ldp, … (not ours)
            return vt
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                stop(vt)
                tail = (directory / "virtuoso.log").read_text(errors="replace")[-800:] \
                    if (directory / "virtuoso.log").exists() else ""
                pytest.fail(f"virtuoso-t did not start: {tail}")
            time.sleep(0.25)


def stop(vt: Virtuoso) -> None:
    """Stop the server (SIGTERM: Virtuoso checkpoints and exits), killing it after 20 s."""
    if vt.proc.poll() is None:
        vt.proc.terminate()
        try:
            vt.proc.wait(20)
        except subprocess.TimeoutExpired:
            vt.proc.kill()
            vt.proc.wait(5)


@contextmanager
def running(directory: Path, **options) -> Iterator[Virtuoso]:
    """:func:`start`, then :func:`stop` on the way out."""
    vt = start(directory, **options)
    try:
        yield vt
    finally:
        stop(vt)
