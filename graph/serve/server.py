"""``actorgraph serve``: a read-only SPARQL 1.1 Protocol endpoint over any backend.

A small Flask (WSGI) application served by Werkzeug's threaded server:

* ``/sparql`` — GET ``?query=``, POST form (``query=``) or POST
  ``application/sparql-query``; results as SPARQL JSON, XML, CSV or TSV by
  ``Accept`` (or ``format=json|xml|csv|tsv``), graphs (CONSTRUCT/DESCRIBE) as
  Turtle, N-Triples, RDF/XML or JSON-LD; an ``Accept`` none of them satisfies
  gets 406 (every form alike). Updates, ``SERVICE`` and ``FROM`` naming
  anything outside the store are refused with 403 by the shared guard
  (:mod:`actorgraph.store.sparqlguard`); malformed queries and two ``query``
  parameters get 400, bodies over the size limit 413.
* ``/health`` — JSON status.
* ``/`` — an offline HTML page with a query box and the named queries.

Queries run in worker processes forked from the server (they share the
loaded graph copy-on-write). A query past the timeout gets 503 and its
worker is killed and replaced, so a runaway query cannot hold the server;
at most ``limit`` result rows are returned (``X-Result-Truncated: true``).
SIGTERM and Ctrl-C stop the workers too (see :func:`serve`).
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import queue
import threading
import time
from typing import Any
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from rdflib import BNode, Graph, Literal, URIRef

__all__ = ["create_app", "serve", "QueryPool", "DEFAULT_TIMEOUT", "DEFAULT_LIMIT", "DEFAULT_MAX_BODY"]

DEFAULT_TIMEOUT = 10.0
DEFAULT_LIMIT = 10_000
DEFAULT_MAX_BODY = 1_000_000  # bytes

SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}
#: a client that accepts only JSON or XML results gets a graph as JSON-LD or RDF/XML
#: (rdflib's SPARQLStore, for one, asks for ``application/sparql-results+json`` even for a CONSTRUCT)
GRAPH_ALIASES = {
    "application/sparql-results+json": "application/ld+json",
    "application/json": "application/ld+json",
    "application/sparql-results+xml": "application/rdf+xml",
    "application/xml": "application/rdf+xml",
    "text/xml": "application/rdf+xml",
}
FORMAT_PARAM = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
                "nt": "application/n-triples", "rdfxml": "application/rdf+xml", "jsonld": "application/ld+json"}


# ---------------------------------------------------------------------------
# Worker processes
# ---------------------------------------------------------------------------
_PRELOADED: Any = None  # the graph loaded in the server process, inherited by forked workers


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


def _worker_main(conn, spec: str | None, limit: int, parent_pid: int) -> None:  # pragma: no cover - a child
    from ..core.errors import QueryError, QueryRefused

    _tie_to_parent(parent_pid)
    kg = _PRELOADED if _PRELOADED is not None else _open(spec)
    while True:
        try:
            text = conn.recv()
        except (EOFError, OSError):
            return
        try:
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
        except Exception as exc:  # noqa: BLE001 - report, keep serving
            reply = ("error", 500, f"{type(exc).__name__}: {exc}")
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return


class _Worker:
    def __init__(self, ctx, spec: str | None, limit: int):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, spec, limit, os.getpid()), daemon=True)
        self.proc.start()
        child.close()

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class QueryTimeout(Exception):
    """The query ran past the timeout (its worker was replaced)."""


class ServerBusy(Exception):
    """Every worker stayed busy for the whole timeout."""


class QueryPool:
    """A few forked worker processes answering queries, with a hard timeout.

    Every worker is forked by one long-lived spawner thread: a worker's
    ``PR_SET_PDEATHSIG`` fires when the *thread* that forked it ends, so a
    replacement forked from a short-lived request thread would be killed
    with that request.
    """

    def __init__(self, spec: str | None, workers: int = 2, timeout: float = DEFAULT_TIMEOUT, limit: int = DEFAULT_LIMIT):
        self.spec, self.timeout, self.limit = spec, timeout, limit
        self._ctx = multiprocessing.get_context("fork")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
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
                w = _Worker(self._ctx, self.spec, self.limit)
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

    def _replace(self, w: _Worker) -> None:
        w.kill()
        with self._lock:
            if w in self._all:
                self._all.remove(w)
        self._idle.put(self._spawn())

    def alive(self) -> int:
        """Number of live workers."""
        with self._lock:
            return sum(1 for w in self._all if w.proc.is_alive())

    def run(self, text: str) -> tuple:
        """Run a query in a worker; raise :class:`QueryTimeout` / :class:`ServerBusy`."""
        deadline = time.monotonic() + self.timeout
        try:
            w = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise ServerBusy() from None
        try:
            w.conn.send(text)
            if not w.conn.poll(max(0.0, deadline - time.monotonic())):
                self._replace(w)
                w = None
                raise QueryTimeout()
            reply = w.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            if w is not None:
                self._replace(w)
                w = None
            return ("error", 500, "query worker died; it has been restarted")
        finally:
            if w is not None:
                self._idle.put(w)
        return reply

    def close(self) -> None:
        """Stop every worker (and the spawner thread)."""
        self._spawn_requests.put(None)
        with self._lock:
            workers, self._all = list(self._all), []
        for w in workers:
            w.kill()


# ---------------------------------------------------------------------------
# Result serialisation
# ---------------------------------------------------------------------------
def _json_term(t) -> dict[str, str]:
    if isinstance(t, URIRef):
        return {"type": "uri", "value": str(t)}
    if isinstance(t, BNode):
        return {"type": "bnode", "value": str(t)}
    out = {"type": "literal", "value": str(t)}
    if isinstance(t, Literal):
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype is not None:
            out["datatype"] = str(t.datatype)
    return out


def _xml_term(t) -> str:
    if isinstance(t, URIRef):
        return f"<uri>{xml_escape(str(t))}</uri>"
    if isinstance(t, BNode):
        return f"<bnode>{xml_escape(str(t))}</bnode>"
    attrs = ""
    if isinstance(t, Literal) and t.language:
        attrs = f" xml:lang={quoteattr(t.language)}"
    elif isinstance(t, Literal) and t.datatype is not None:
        attrs = f" datatype={quoteattr(str(t.datatype))}"
    return f"<literal{attrs}>{xml_escape(str(t))}</literal>"


def _tsv_term(t) -> str:
    if isinstance(t, BNode):
        return f"_:{t}"
    return t.n3().replace("\t", "\\t").replace("\n", "\\n")


def serialize_select(names: list[str], rows: list[tuple], kind: str) -> str:
    """SPARQL results (JSON, XML, CSV or TSV) of a SELECT."""
    if kind == "json":
        bindings = [{n: _json_term(v) for n, v in zip(names, row, strict=True) if v is not None} for row in rows]
        return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False)
    if kind == "xml":
        parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
        parts += [f"<variable name={quoteattr(n)}/>" for n in names]
        parts.append("</head><results>")
        for row in rows:
            parts.append("<result>")
            parts += [f"<binding name={quoteattr(n)}>{_xml_term(v)}</binding>" for n, v in zip(names, row, strict=True) if v is not None]
            parts.append("</result>")
        parts.append("</results></sparql>\n")
        return "".join(parts)
    if kind == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(names)
        for row in rows:
            w.writerow(["" if v is None else (f"_:{v}" if isinstance(v, BNode) else str(v)) for v in row])
        return buf.getvalue()
    lines = ["\t".join("?" + n for n in names)]
    lines += ["\t".join("" if v is None else _tsv_term(v) for v in row) for row in rows]
    return "\n".join(lines) + "\n"


def serialize_ask(answer: bool, kind: str) -> str:
    """SPARQL results of an ASK."""
    if kind == "xml":
        return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
                f"<boolean>{'true' if answer else 'false'}</boolean></sparql>\n")
    if kind in ("csv", "tsv"):
        return ("true" if answer else "false") + "\n"
    return json.dumps({"head": {}, "boolean": answer})


# ---------------------------------------------------------------------------
# The application
# ---------------------------------------------------------------------------
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>actorgraph SPARQL endpoint</title>
<style>body{font:15px system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
textarea{width:100%;height:14rem;font:13px monospace}pre{background:#f4f4f4;padding:.5rem;overflow:auto}
details{margin:.4rem 0}</style></head><body>
<h1>actorgraph SPARQL endpoint</h1>
<p>Backend: {{ backend }} — read-only; timeout {{ timeout }} s; at most {{ limit }} rows.
Prefixes {{ prefixes }} are predeclared. Endpoint: <code>/sparql</code> (SPARQL 1.1 Protocol).</p>
<form method="get" action="sparql">
<textarea name="query" id="query">{{ example }}</textarea>
<p><label>Results as <select name="format">
<option value="json">JSON</option><option value="xml">XML</option><option value="csv">CSV</option>
<option value="tsv">TSV</option></select></label> <button type="submit">Run query</button></p>
</form>
<h2>Named queries</h2>
<p>Parameters (<code>?name</code>) are unbound here; bind them with <code>VALUES</code> or use
<code>actorgraph query NAME -p key=value</code>.</p>
{% for q in queries %}<details><summary><b>{{ q.name }}</b> — {{ q.description }}</summary>
<pre class="q">{{ q.text }}</pre><button type="button" class="use">Use this query</button></details>
{% endfor %}
<script>
for (const b of document.querySelectorAll("button.use")) {
  b.addEventListener("click", () => {
    document.getElementById("query").value = b.previousElementSibling.textContent;
    window.scrollTo(0, 0);
  });
}
</script>
</body></html>
"""

EXAMPLE = "SELECT ?actor ?label WHERE {\n  ?actor a/rdfs:subClassOf* ag:Actor ; rdfs:label ?label .\n}\nORDER BY ?label\nLIMIT 50\n"


def create_app(spec: str | None = None, *, timeout: float = DEFAULT_TIMEOUT, limit: int = DEFAULT_LIMIT,
               max_body: int = DEFAULT_MAX_BODY, workers: int = 2):
    """The Flask app serving ``spec`` (a ``--graph`` value; None = the bundled graph).

    The graph is opened once here (errors surface at start-up); file graphs
    are loaded in this process and shared with the forked workers.
    """
    global _PRELOADED
    from flask import Flask, Response, render_template_string, request
    from werkzeug.exceptions import HTTPException

    from ..model.query_library import named_queries
    from ..store.graph import PREFIXES, is_store_spec

    kg = _open(spec)
    backend = kg.backend
    if is_store_spec(spec) and spec.startswith("oxigraph:"):
        del kg  # each worker opens the store itself (a RocksDB handle must not cross fork)
        _PRELOADED = None
    else:
        _PRELOADED = kg
    pool = QueryPool(spec, workers=workers, timeout=timeout, limit=limit)

    app = Flask("actorgraph")
    app.config["MAX_CONTENT_LENGTH"] = max_body
    app.extensions["actorgraph_pool"] = pool

    def error(status: int, message: str) -> Response:
        return Response(message.rstrip() + "\n", status=status, mimetype="text/plain")

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        return error(exc.code or 500, f"{exc.code} {exc.name}: {exc.description}")

    @app.get("/health")
    def health():
        alive = pool.alive()
        body = {"status": "ok" if alive else "degraded", "backend": backend, "workers": alive,
                "timeout": timeout, "limit": limit}
        return Response(json.dumps(body), status=200 if alive else 503, mimetype="application/json")

    @app.get("/")
    def page():
        return render_template_string(
            PAGE, backend=backend, timeout=timeout, limit=limit, example=EXAMPLE,
            prefixes=", ".join(f"{p}:" for p in PREFIXES), queries=named_queries(),
        )

    read_only = "403 Forbidden: this endpoint is read-only (SPARQL UPDATE refused)"

    def query_text() -> tuple[str | None, Any, Response | None]:
        """The query of a GET, a form POST or a direct POST; or the error response."""
        if request.method == "GET":
            fields = request.args
        else:
            ctype = (request.mimetype or "").lower()
            if ctype == "application/sparql-update":
                return None, None, error(403, read_only)
            if ctype == "application/sparql-query":
                if "query" in request.args:
                    return None, None, error(400, "400 Bad Request: a direct POST carries the query in its body, "
                                                  "not also in a query= parameter")
                return request.get_data(as_text=True), request.args, None
            if ctype not in ("application/x-www-form-urlencoded", "multipart/form-data"):
                return None, None, error(415, f"415 Unsupported Media Type: {ctype or 'none'}; "
                                              "POST application/sparql-query or a form with query=")
            fields = request.form
            if "query" in request.args:
                return None, None, error(400, "400 Bad Request: query= both in the URL and in the form")
        if "update" in fields:
            return None, None, error(403, read_only)
        texts = fields.getlist("query")
        if len(texts) > 1:
            return None, None, error(400, f"400 Bad Request: {len(texts)} query parameters; give exactly one")
        return (texts[0] if texts else None), request.args, None

    @app.route("/sparql", methods=["GET", "POST"])
    def sparql():
        text, args, refusal = query_text()
        if refusal is not None:
            return refusal
        if not text or not text.strip():
            return error(400, "400 Bad Request: missing query parameter")
        if len(text.encode("utf-8")) > max_body:
            return error(413, f"413 Payload Too Large: query over {max_body} bytes")
        fmt = (args.get("format") or args.get("output") or "").lower()

        def negotiate(graph_result: bool) -> str | None:
            """The same rules for every form: no Accept or */* → the default, else the best match or None."""
            types = GRAPH_TYPES if graph_result else SELECT_TYPES
            if FORMAT_PARAM.get(fmt) in types:
                return FORMAT_PARAM[fmt]
            accept = request.accept_mimetypes
            if not request.headers.get("Accept") or accept.best == "*/*":
                return "text/turtle" if graph_result else "application/sparql-results+json"
            if not graph_result:
                return accept.best_match(list(SELECT_TYPES))
            best = accept.best_match(list(GRAPH_TYPES) + list(GRAPH_ALIASES))
            return GRAPH_ALIASES.get(best, best)

        if negotiate(False) is None and negotiate(True) is None:  # nothing acceptable: don't even run it
            return error(406, "406 Not Acceptable: results come as SPARQL JSON, XML, CSV or TSV (SELECT, ASK) "
                              "or Turtle, N-Triples, RDF/XML or JSON-LD (CONSTRUCT, DESCRIBE)")
        try:  # the worker runs the shared guard (403 refused, 400 malformed) under the timeout
            reply = pool.run(text)
        except QueryTimeout:
            return error(503, f"503 Service Unavailable: query timed out after {timeout:g} s")
        except ServerBusy:
            return error(503, "503 Service Unavailable: every query worker is busy; retry later")
        if reply[0] == "error":
            status, message = reply[1], reply[2]
            prefix = {400: "400 Bad Request: ", 403: "403 Forbidden: "}.get(status, "")
            return error(status, prefix + message)
        mime = negotiate(reply[0] == "graph")
        if mime is None:
            what = ("CONSTRUCT/DESCRIBE results come as Turtle, N-Triples, RDF/XML or JSON-LD" if reply[0] == "graph"
                    else "SELECT/ASK results come as SPARQL JSON, XML, CSV or TSV")
            return error(406, f"406 Not Acceptable: {what}")
        if reply[0] == "graph":
            g = Graph()
            g.parse(data=reply[1], format="nt")
            resp = Response(g.serialize(format=GRAPH_TYPES[mime]), mimetype=mime)
            resp.headers["X-Result-Truncated"] = "true" if reply[2] else "false"
            return resp
        kind = SELECT_TYPES[mime]
        if mime == "application/json":
            mime = "application/sparql-results+json"
        elif mime in ("application/xml", "text/xml"):
            mime = "application/sparql-results+xml"
        if reply[0] == "ask":
            return Response(serialize_ask(reply[1], kind), mimetype=mime)
        _, names, rows, truncated = reply
        resp = Response(serialize_select(names, rows, kind), mimetype=mime)
        resp.headers["X-Result-Truncated"] = "true" if truncated else "false"
        return resp

    return app


def serve(spec: str | None = None, host: str = "127.0.0.1", port: int = 7878, *, timeout: float = DEFAULT_TIMEOUT,
          limit: int = DEFAULT_LIMIT, max_body: int = DEFAULT_MAX_BODY, workers: int = 2,
          ready=None) -> str:
    """Serve ``spec`` on ``host:port`` until Ctrl-C or SIGTERM (Werkzeug threaded server).

    Either way the worker processes are stopped before returning; returns
    what stopped the server (``"interrupted"`` or ``"terminated"``) for a
    one-line goodbye.
    """
    import signal

    from werkzeug.serving import make_server

    class Stop(Exception):  # not KeyboardInterrupt: Werkzeug's serve_forever swallows that one
        pass

    def on_signal(signum, frame):
        raise Stop("interrupted" if signum == signal.SIGINT else "terminated")

    app = create_app(spec, timeout=timeout, limit=limit, max_body=max_body, workers=workers)
    pool = app.extensions["actorgraph_pool"]
    previous: dict = {}
    try:
        server = make_server(host, port, app, threaded=True)
        if threading.current_thread() is threading.main_thread():  # signal handlers live in the main thread
            previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
        if ready is not None:
            ready(server.server_address)
        try:
            server.serve_forever()
        except Stop as stop:
            return str(stop)
        except KeyboardInterrupt:
            return "interrupted"
        finally:
            server.server_close()
        return "stopped"
    finally:
        for sig in previous:  # a second Ctrl-C must not interrupt the cleanup
            signal.signal(sig, signal.SIG_IGN)
        pool.close()  # no orphan workers, however the server stops
        for sig, handler in previous.items():
            signal.signal(sig, handler)
