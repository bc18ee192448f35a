"""The query workers of ``actorgraph serve``: forked processes, ready ones and long-query slots.

:class:`QueryPool` keeps ``workers`` processes ready. A query still running
after :data:`LONG_AFTER` seconds takes one of ``long_queries`` slots and its
worker leaves the ready set (a fresh one is forked in its place), so cheap
queries never wait behind expensive ones; a long query finding every slot
taken is stopped at once. Past the timeout a worker is killed and replaced
(pyoxigraph has no in-engine timeout). Each worker caps what it may allocate
(:func:`~actorgraph.serve.sandbox.cap_memory`) and, serving a local graph,
leaves the network (:func:`~actorgraph.serve.sandbox.no_network`); a worker
past its cap, or whose engine panicked, answers 503 (or dies) and is replaced.

>>> pool = QueryPool(None, workers=1, timeout=30)
>>> pool.run("ASK { <pakistan> rdfs:label ?l }")
('ask', True)
>>> pool.close()
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import threading
import time
from typing import Any

from rdflib import Graph

__all__ = ["QueryPool", "QueryTimeout", "ServerBusy", "DEFAULT_TIMEOUT", "DEFAULT_LIMIT", "DEFAULT_MAX_MEMORY",
           "DEFAULT_LONG_QUERIES", "LONG_AFTER"]

DEFAULT_TIMEOUT = 10.0
DEFAULT_LIMIT = 10_000
DEFAULT_MAX_MEMORY = 1024  # MB a worker may allocate beyond the graph it starts with (0: no cap)
DEFAULT_LONG_QUERIES = 2  # queries allowed to run past LONG_AFTER at once
#: seconds after which a running query counts as long and leaves the ready workers
LONG_AFTER = 0.5


def _open(spec: str | None):
    from ..store.graph import load

    return load(spec)


def _tie_to_parent(parent_pid: int) -> None:
    """Die with the server: ignore Ctrl-C (the server says goodbye) and get SIGTERM
    when the parent dies, however it dies (Linux ``PR_SET_PDEATHSIG``)."""
    import ctypes
    import os
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the server's SIGTERM handler still stops us
        pass
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(0)


def _worker_main(conn, spec: str | None, preloaded: Any, limit: int, parent_pid: int, max_memory: int,
                 isolate: bool) -> None:  # pragma: no cover - a child
    from ..core.errors import QueryError, QueryRefused
    from .sandbox import cap_memory, no_network

    _tie_to_parent(parent_pid)
    if isolate:
        no_network()  # a local graph: nothing to reach, whatever a query asks
    cap_memory(max_memory)
    kg = preloaded if preloaded is not None else _open(spec)  # inherited copy-on-write, or opened here
    while True:
        try:
            text = conn.recv()
        except (EOFError, OSError):
            return
        fatal = False
        try:
            if hasattr(kg, "reopened_if_changed"):  # an oxigraph: store written since we opened it
                kg = kg.reopened_if_changed()
            result = kg.run(text)
            if result.type == "ASK":
                reply = ("ask", bool(result.askAnswer))
            elif result.type in ("CONSTRUCT", "DESCRIBE"):
                g = Graph()
                truncated = False
                for i, triple in enumerate(result.graph):
                    if i >= limit:
                        truncated = True
                        break
                    g.add(triple)
                reply = ("graph", g.serialize(format="nt"), truncated)
            else:
                names = [str(v) for v in result.vars or []]
                rows = []
                truncated = False
                for row in result:
                    if len(rows) >= limit:
                        truncated = True
                        break
                    rows.append(tuple(row[i] for i in range(len(names))))
                reply = ("select", names, rows, truncated)
        except QueryError as exc:  # QueryRefused (update, SERVICE, foreign FROM) is 403, bad SPARQL 400
            reply = ("error", 403 if isinstance(exc, QueryRefused) else 400, str(exc))
        except MemoryError:
            reply, fatal = ("error", 503, _memory_message(max_memory)), True
        except Exception as exc:  # noqa: BLE001 - report, keep serving
            reply = ("error", 500, f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}")
        except BaseException as exc:  # noqa: BLE001 - pyo3's PanicException: the engine's state is unknown
            reply, fatal = ("error", 503, f"the query engine failed on this query ({type(exc).__name__}: "
                                          f"{' '.join(str(exc).split())[:200]}); its worker was restarted"), True
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return
        if fatal:
            os._exit(1)  # the pool replaces us


def _memory_message(max_memory: int) -> str:
    cap = f"its {max_memory} MB memory cap (--max-memory)" if max_memory > 0 else "the memory available"
    return f"the query needed more than {cap}; its worker was restarted"


class _Worker:
    def __init__(self, ctx, spec: str | None, preloaded: Any, limit: int, max_memory: int, isolate: bool):
        self.conn, child = ctx.Pipe()  # fork: the arguments are inherited, never pickled
        self.proc = ctx.Process(target=_worker_main,
                                args=(child, spec, preloaded, limit, os.getpid(), max_memory, isolate), daemon=True)
        self.proc.start()
        child.close()

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class QueryTimeout(Exception):
    """The query ran past the timeout (its worker was replaced)."""


class ServerBusy(Exception):
    """Every worker stayed busy for the whole timeout, or every long-query slot is taken."""


class QueryPool:
    """Forked worker processes answering queries: ``workers`` ready ones, ``long_queries`` long slots.

    A query that is still running after :data:`LONG_AFTER` seconds takes a
    long-query slot and its worker leaves the ready set: a fresh worker is
    forked in its place, and the long one is retired once it answers or
    times out. So at most ``workers + long_queries`` processes run, and
    expensive queries never hold the workers cheap ones need. A long query
    finding every slot taken is stopped at once (:class:`ServerBusy`).

    Every worker is forked by one long-lived spawner thread: a worker's
    ``PR_SET_PDEATHSIG`` fires when the *thread* that forked it ends, so a
    replacement forked from a short-lived request thread would be killed
    with that request.
    """

    def __init__(self, spec: str | None, workers: int = 2, timeout: float = DEFAULT_TIMEOUT, limit: int = DEFAULT_LIMIT,
                 *, long_queries: int = DEFAULT_LONG_QUERIES, max_memory: int = DEFAULT_MAX_MEMORY,
                 isolate: bool = False, long_after: float = LONG_AFTER, preloaded: Any = None):
        self.spec, self.timeout, self.limit, self.preloaded = spec, timeout, limit, preloaded
        self.long_queries, self.max_memory, self.isolate, self.long_after = long_queries, max_memory, isolate, long_after
        self._ctx = multiprocessing.get_context("fork")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._long = 0
        self._lock = threading.Lock()
        self._spawn_requests: queue.Queue = queue.Queue()
        threading.Thread(target=self._spawner, name="actorgraph-spawner", daemon=True).start()
        for _ in range(max(1, workers)):
            self._idle.put(self._spawn())

    def _spawner(self) -> None:
        while True:
            reply = self._spawn_requests.get()
            if reply is None:
                return
            try:
                w = _Worker(self._ctx, self.spec, self.preloaded, self.limit, self.max_memory, self.isolate)
            except BaseException as exc:  # noqa: BLE001 - handed back to the caller
                reply.put(exc)
                continue
            with self._lock:
                self._all.append(w)
            reply.put(w)

    def _spawn(self) -> _Worker:
        reply: queue.Queue = queue.Queue()
        self._spawn_requests.put(reply)
        w = reply.get()
        if isinstance(w, BaseException):
            raise w
        return w

    def _refill(self) -> None:
        """A fresh ready worker, forked by the spawner without waiting for it (it lands in the idle queue)."""
        self._spawn_requests.put(_IdleSlot(self._idle))

    def _retire(self, w: _Worker) -> None:
        w.kill()
        with self._lock:
            if w in self._all:
                self._all.remove(w)

    def alive(self) -> int:
        """Number of live workers."""
        with self._lock:
            return sum(1 for w in self._all if w.proc.is_alive())

    def long_running(self) -> int:
        """Number of queries holding a long-query slot."""
        return self._long

    def run(self, text: str) -> tuple:
        """Run a query in a worker; raise :class:`QueryTimeout` / :class:`ServerBusy`."""
        deadline = time.monotonic() + self.timeout
        try:
            w = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise ServerBusy("every query worker is busy; retry later") from None
        refilled = False  # True once a fresh worker took w's place in the ready set
        try:
            w.conn.send(text)
            if w.conn.poll(max(0.0, min(self.long_after, deadline - time.monotonic()))):
                reply = w.conn.recv()
                if reply[:2] == ("error", 503):  # a memory cap or an engine panic: that worker is exiting
                    self._retire(w)
                    self._refill()
                else:
                    self._idle.put(w)
                return reply
            self._refill()  # w leaves the ready set: it is long, or timed out
            refilled = True
            if time.monotonic() >= deadline:
                self._retire(w)
                raise QueryTimeout()
            with self._lock:
                full = self._long >= self.long_queries
                if not full:
                    self._long += 1
            if full:
                self._retire(w)
                raise ServerBusy(f"{self.long_queries} long queries are already running; retry later")
            try:
                if not w.conn.poll(max(0.0, deadline - time.monotonic())):
                    self._retire(w)
                    raise QueryTimeout()
                reply = w.conn.recv()
            finally:
                with self._lock:
                    self._long -= 1
            self._retire(w)
            return reply
        except (EOFError, OSError):
            return self._died(w, refilled)

    def _died(self, w: _Worker, refilled: bool) -> tuple:
        """The reply of a query whose worker died under it (a memory cap, a crash); the worker is replaced."""
        w.proc.join(2)
        code = w.proc.exitcode
        self._retire(w)
        if not refilled:
            self._refill()
        if code is not None and -code in (signal.SIGABRT, signal.SIGKILL):  # Oxigraph aborts when an allocation fails
            return ("error", 503, _memory_message(self.max_memory))
        return ("error", 503, f"the query crashed its worker (exit {code}); the worker was restarted")

    def close(self) -> None:
        """Stop every worker (and the spawner thread)."""
        self._spawn_requests.put(None)
        with self._lock:
            workers, self._all = list(self._all), []
        for w in workers:
            w.kill()


class _IdleSlot:
    """A spawn request whose worker goes straight to the idle queue (the spawner calls ``put``)."""

    def __init__(self, idle: queue.Queue):
        self.idle = idle

    def put(self, w) -> None:
        if isinstance(w, _Worker):
            self.idle.put(w)
